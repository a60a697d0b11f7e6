//! One case, laid out around the next action: what needs doing now at the top (golden hour,
//! protection, deadlines, tasks), then the facts, then named sections the index links to, and
//! the timeline with the forms to work the case (note, status, assignee).

use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use sahayak_domain::access::CaseAction;
use sahayak_domain::case::{ClosureReason, Status};

use super::access::{self, CaseHandle};
use super::service;
use super::views::{self, EventView, Opt};
use crate::web::AppState;
use crate::web::error::{AppError, FieldErrors};
use crate::web::form::FormData;
use crate::web::page::Page;
use crate::web::session::Staff;

/// A fact of the case, ready to print: label and value.
pub struct Fact {
    pub label: String,
    pub value: String,
    /// The value is a phone number to link with `tel:`.
    pub tel: bool,
}

#[derive(Template)]
#[template(path = "cases/show.html")]
struct ShowPage {
    page: Page,
    reference: String,
    status: Status,
    status_label: String,
    closure: Option<String>,
    district: String,
    assignee: String,
    victim_name: String,
    victim_mobile: String,
    amount: String,
    victim: Vec<Fact>,
    incident: Vec<Fact>,
    narrative: String,
    suspect: Option<String>,
    pasted: Option<String>,
    timeline: Vec<EventView>,
    can_write: bool,
    can_assign: bool,
    next_statuses: Vec<Opt>,
    closure_reasons: Vec<Opt>,
    staff: Vec<Opt>,
    errors: FieldErrors,
    note: String,
    /// What needs doing now, in the desk's order (see `panels::Place`).
    now: Vec<super::panels::Panel>,
    /// The named sections below, in the index.
    sections: Vec<super::panels::Panel>,
    /// Set when the personal data was erased at the end of retention.
    erased: Option<String>,
}

/// The case page, with `errors` from a form on it (empty when there are none).
pub async fn render(
    state: &AppState,
    staff: &Staff,
    handle: &CaseHandle,
    errors: FieldErrors,
    note: String,
) -> Result<Response, AppError> {
    let page = staff.page(state);
    let c = handle.case();
    let f = &c.fields;
    let districts = state.districts().await?;
    let district = districts.iter().find(|d| d.id == c.district_id);
    let timeline = service::timeline(state, handle).await?;
    let user = &staff.user;
    let staff_list = state.store.staff_in(&[c.district_id]).await?;
    let fact = |key: &str, value: String| Fact { label: page.t(key), value, tel: false };
    let mut victim = vec![
        fact("field-victim-name", f.victim_name.clone()),
        Fact { tel: !f.victim_mobile.is_empty(), ..fact("field-victim-mobile", f.victim_mobile.clone()) },
        fact("field-victim-lang", page.t(&f.victim_lang.label_key())),
    ];
    if let Some(age) = f.victim_age {
        victim.push(fact("field-victim-age", age.to_string()));
    }
    if let Some(g) = f.victim_gender {
        victim.push(fact("field-victim-gender", page.t(&g.label_key())));
    }
    if let Some(a) = &f.victim_address {
        victim.push(fact("field-victim-address", a.clone()));
    }
    let mut incident = vec![
        fact("field-channel", page.t(&f.channel.label_key())),
        fact("field-category", views::classification_label(&page, &f.category, f.sub_category.as_deref())),
        fact("field-scam-pattern", page.t(&f.scam_pattern.label_key())),
        fact("field-incident-at", views::when(f.incident_at)),
        fact("field-noticed-at", views::when(f.noticed_at)),
        fact("field-amount-lost", views::money(f.amount_lost_paise)),
        fact("field-payment-channel", f.payment_channel.map(|p| page.t(&p.label_key())).unwrap_or_default()),
        fact("case-registered", views::when(Some(c.created_at))),
    ];
    if let Some(other) = &f.category_other {
        incident.insert(2, fact("field-category-other", other.clone()));
    }
    let (now, sections) = super::panels::arrange(super::panels::panels(state, staff, handle).await?);
    let erased = c.erased_at.map(|at| {
        page.t1(
            "retention-erased-on",
            "date",
            sahayak_domain::time::display_ist_date(sahayak_domain::time::from_millis(at)),
        )
    });
    let body = ShowPage {
        erased,
        now,
        sections,
        victim_name: f.victim_name.clone(),
        victim_mobile: f.victim_mobile.clone(),
        amount: f.amount_lost_paise.filter(|p| *p > 0).map(|p| views::money(Some(p))).unwrap_or_default(),
        reference: c.reference.clone(),
        status: c.status,
        status_label: page.t(&c.status.label_key()),
        closure: c.closure_reason.map(|r| page.t(&r.label_key())),
        district: district.map(|d| d.name(page.lang).to_owned()).unwrap_or_default(),
        assignee: c.assignee_name.clone().unwrap_or_else(|| page.t("list-unassigned")),
        victim,
        incident,
        narrative: f.narrative.clone(),
        suspect: f.suspect_details.clone(),
        pasted: f.pasted_messages.clone(),
        timeline: timeline.iter().map(|e| views::event_view(&page, e)).collect(),
        can_write: user.role.may(CaseAction::AddNote),
        can_assign: user.role.may(CaseAction::AssignOthers),
        next_statuses: Status::ALL
            .iter()
            .filter(|s| c.status.can_move_to(**s))
            .map(|s| Opt { value: s.code().into(), label: page.t(&s.label_key()), selected: false })
            .collect(),
        closure_reasons: views::options::<ClosureReason>(&page, ""),
        staff: views::staff_options(&staff_list, &c.assignee_id.map(|a| a.to_string()).unwrap_or_default()),
        errors,
        note,
        page,
    };
    let status = if body.errors.is_empty() { StatusCode::OK } else { StatusCode::UNPROCESSABLE_ENTITY };
    Ok((status, Html(body.render()?)).into_response())
}

pub async fn page(
    State(state): State<AppState>,
    staff: Staff,
    Path(reference): Path<String>,
) -> Result<Response, AppError> {
    let handle = access::open_by_reference(&state, &staff.user, &reference).await?;
    render(&state, &staff, &handle, FieldErrors::default(), String::new()).await
}

/// After a successful action: back to the case (post/redirect/get), at the timeline.
fn back(handle: &CaseHandle) -> Response {
    Redirect::to(&format!("/cases/{}#timeline", handle.case().reference)).into_response()
}

/// After a form in a section of the case page: back to that section (`#anchor`) when it went
/// through; the case page with the messages when the input needs correcting; other errors as
/// they are.
pub async fn after_form<T>(
    state: &AppState,
    staff: &Staff,
    handle: &CaseHandle,
    anchor: &str,
    r: Result<T, AppError>,
) -> Result<Response, AppError> {
    match r {
        Ok(_) => Ok(Redirect::to(&format!("/cases/{}#{anchor}", handle.case().reference)).into_response()),
        Err(AppError::Invalid(errors)) => render(state, staff, handle, errors, String::new()).await,
        Err(e) => Err(e),
    }
}

/// Runs a form action; validation errors re-render the case page with the messages.
async fn act<F, Fut, T>(
    state: &AppState,
    staff: &Staff,
    reference: &str,
    form: &FormData,
    f: F,
) -> Result<Response, AppError>
where
    F: FnOnce(CaseHandle) -> Fut,
    Fut: Future<Output = (CaseHandle, Result<T, AppError>)>,
{
    staff.check_csrf(form.csrf())?;
    let handle = access::open_by_reference(state, &staff.user, reference).await?;
    match f(handle).await {
        (handle, Ok(_)) => Ok(back(&handle)),
        (handle, Err(AppError::Invalid(errors))) => {
            // Show the case as it is now, with the rejected text kept for correction.
            let fresh = access::open(state, &staff.user, handle.id()).await?;
            render(state, staff, &fresh, errors, form.get("body").to_owned()).await
        }
        (_, Err(e)) => Err(e),
    }
}

pub async fn add_note(
    State(state): State<AppState>,
    staff: Staff,
    Path(reference): Path<String>,
    form: FormData,
) -> Result<Response, AppError> {
    act(&state, &staff, &reference, &form, |h| async {
        let r = service::add_note(&state, &staff.user, &h, form.get("body")).await;
        (h, r)
    })
    .await
}

pub async fn change_status(
    State(state): State<AppState>,
    staff: Staff,
    Path(reference): Path<String>,
    form: FormData,
) -> Result<Response, AppError> {
    act(&state, &staff, &reference, &form, |h| async {
        let r = service::change_status(
            &state,
            &staff.user,
            &h,
            form.get("status"),
            form.get("closure_reason"),
            form.get("note"),
            form.get("consent_override"),
        )
        .await;
        (h, r)
    })
    .await
}

pub async fn assign(
    State(state): State<AppState>,
    staff: Staff,
    Path(reference): Path<String>,
    form: FormData,
) -> Result<Response, AppError> {
    act(&state, &staff, &reference, &form, |h| async {
        // "Take this case" sends the user's own id.
        let who =
            if form.get("assignee") == "me" { staff.user.id.to_string() } else { form.get("assignee").to_owned() };
        let r = service::assign(&state, &staff.user, &h, &who).await;
        (h, r)
    })
    .await
}
