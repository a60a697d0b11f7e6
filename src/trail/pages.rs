//! The money trail on the case page: the panel, its forms, and the import preview.

use askama::Template;
use axum::extract::{Multipart, Path, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use sahayak_domain::access::CaseAction as Permission;

use super::service::{self, ACTIONS, ROUTE_STATUSES, ROUTES, RestorationInput, TrailInput, case_totals, totals_text};
use crate::cases::access::{self, CaseHandle};
use crate::cases::panels::Panel;
use crate::cases::views::{self, Opt};
use crate::store::TrailRow;
use crate::web::AppState;
use crate::web::error::AppError;
use crate::web::form::FormData;
use crate::web::page::Page;
use crate::web::session::Staff;

pub struct TrailView {
    pub id: i64,
    pub layer: i64,
    pub bank: String,
    pub path: String,
    pub utr: String,
    pub at: String,
    pub amount: String,
    pub disputed: String,
    pub action: String,
    pub hold: String,
    pub remarks: String,
}

pub fn trail_view(page: &Page, t: &TrailRow) -> TrailView {
    TrailView {
        id: t.id,
        layer: t.layer,
        bank: t.bank.clone().unwrap_or_default(),
        path: format!(
            "{} → {}{}",
            t.from_account.as_deref().unwrap_or("?"),
            t.to_account.as_deref().unwrap_or("?"),
            t.ifsc.as_deref().map(|i| format!(" ({i})")).unwrap_or_default()
        ),
        utr: t.utr.clone().unwrap_or_default(),
        at: views::when(t.at),
        amount: views::money(Some(t.amount_paise)),
        disputed: views::money(t.disputed_paise),
        action: page.t(&format!("trail-action-{}", t.action.replace('_', "-"))),
        hold: match (t.hold_paise, t.hold_at) {
            (Some(p), at) => format!("{} {}", views::money(Some(p)), views::when(at)),
            _ => String::new(),
        },
        remarks: t.remarks.clone().unwrap_or_default(),
    }
}

pub struct RestorationView {
    pub route: String,
    pub status: String,
    pub amount: String,
    pub restored: String,
    pub note: String,
}

#[derive(Template)]
#[template(path = "triage/trail.html")]
struct TrailPanel {
    page: Page,
    reference: String,
    can_write: bool,
    totals: (String, String, String),
    rows: Vec<TrailView>,
    restorations: Vec<RestorationView>,
    actions: Vec<Opt>,
    routes: Vec<Opt>,
    statuses: Vec<Opt>,
}

fn opts(page: &Page, prefix: &str, codes: &[&str]) -> Vec<Opt> {
    codes
        .iter()
        .map(|c| Opt {
            value: (*c).to_owned(),
            label: page.t(&format!("{prefix}-{}", c.replace('_', "-"))),
            selected: false,
        })
        .collect()
}

pub async fn panel(
    state: &AppState,
    staff: &Staff,
    handle: &CaseHandle,
    trail: &[TrailRow],
) -> Result<Panel, AppError> {
    let page = staff.page(state);
    let restorations = state.store.restorations(handle.id()).await?;
    let totals = case_totals(handle.case().fields.amount_lost_paise, trail, &restorations);
    let body = TrailPanel {
        reference: handle.case().reference.clone(),
        can_write: staff.user.role.may(Permission::Edit),
        totals: totals_text(&totals),
        rows: trail.iter().map(|t| trail_view(&page, t)).collect(),
        restorations: restorations
            .iter()
            .map(|r| RestorationView {
                route: page.t(&format!("route-{}", r.route.replace('_', "-"))),
                status: page.t(&format!("route-status-{}", r.status.replace('_', "-"))),
                amount: views::money(Some(r.amount_paise)),
                restored: views::money(Some(r.restored_paise)),
                note: r.note.clone().unwrap_or_default(),
            })
            .collect(),
        actions: opts(&page, "trail-action", &ACTIONS),
        routes: opts(&page, "route", &ROUTES),
        statuses: opts(&page, "route-status", &ROUTE_STATUSES),
        page,
    };
    let page_title = body.page.t("trail-title");
    Ok(Panel::section("trail", page_title, body.render()?))
}

fn back(handle: &CaseHandle) -> Response {
    Redirect::to(&format!("/cases/{}#trail", handle.case().reference)).into_response()
}

async fn or_page(
    state: &AppState,
    staff: &Staff,
    handle: &CaseHandle,
    r: Result<(), AppError>,
) -> Result<Response, AppError> {
    crate::cases::show::after_form(state, staff, handle, "trail", r).await
}

pub async fn add_form(
    State(state): State<AppState>,
    staff: Staff,
    Path(reference): Path<String>,
    form: FormData,
) -> Result<Response, AppError> {
    staff.check_csrf(form.csrf())?;
    let handle = access::open_by_reference(&state, &staff.user, &reference).await?;
    let r = service::add(&state, &staff.user, &handle, &TrailInput::from_form(&form)).await;
    or_page(&state, &staff, &handle, r).await
}

pub async fn remove_form(
    State(state): State<AppState>,
    staff: Staff,
    Path((reference, row_id)): Path<(String, i64)>,
    form: FormData,
) -> Result<Response, AppError> {
    staff.check_csrf(form.csrf())?;
    let handle = access::open_by_reference(&state, &staff.user, &reference).await?;
    service::remove(&state, &staff.user, &handle, row_id).await?;
    Ok(back(&handle))
}

pub async fn restoration_form(
    State(state): State<AppState>,
    staff: Staff,
    Path(reference): Path<String>,
    form: FormData,
) -> Result<Response, AppError> {
    staff.check_csrf(form.csrf())?;
    let handle = access::open_by_reference(&state, &staff.user, &reference).await?;
    let input = RestorationInput {
        id: form.get("id").parse().ok(),
        route: form.get("route").to_owned(),
        status: form.get("status").to_owned(),
        amount: form.get("amount").to_owned(),
        restored: Some(form.get("restored").to_owned()),
        note: Some(form.get("note").to_owned()),
    };
    let r = service::save_restoration(&state, &staff.user, &handle, &input).await;
    or_page(&state, &staff, &handle, r).await
}

pub struct ErrorView {
    pub place: String,
    pub reason: String,
}

#[derive(Template)]
#[template(path = "triage/import_preview.html")]
struct PreviewPage {
    page: Page,
    reference: String,
    import_id: i64,
    rows: Vec<TrailView>,
    errors: Vec<ErrorView>,
}

pub async fn import_form(
    State(state): State<AppState>,
    staff: Staff,
    Path(reference): Path<String>,
    multipart: Multipart,
) -> Result<Response, AppError> {
    let handle = access::open_by_reference(&state, &staff.user, &reference).await?;
    let upload = service::read_upload(multipart).await;
    let (csrf, bytes) = match upload {
        Ok(u) => u,
        Err(AppError::Invalid(errors)) => {
            return crate::cases::show::render(&state, &staff, &handle, errors, String::new()).await;
        }
        Err(e) => return Err(e),
    };
    staff.check_csrf(&csrf)?;
    let (import_id, rows, errors) = match service::preview(&state, &staff.user, &handle, bytes).await {
        Ok(p) => p,
        Err(AppError::Invalid(errors)) => {
            return crate::cases::show::render(&state, &staff, &handle, errors, String::new()).await;
        }
        Err(e) => return Err(e),
    };
    let page = staff.page(&state);
    let errors = errors
        .iter()
        .map(|e| ErrorView {
            place: if e.sheet.is_empty() {
                page.t1("trail-row", "row", e.row as i64)
            } else {
                format!("{} · {}", e.sheet, page.t1("trail-row", "row", e.row as i64))
            },
            reason: if e.value.is_empty() { page.t(e.key) } else { format!("{} «{}»", page.t(e.key), e.value) },
        })
        .collect();
    let body = PreviewPage {
        reference: handle.case().reference.clone(),
        import_id,
        rows: rows.iter().map(|r| trail_view(&page, &r.trail)).collect(),
        errors,
        page,
    };
    Ok((StatusCode::OK, Html(body.render()?)).into_response())
}

pub async fn import_confirm_form(
    State(state): State<AppState>,
    staff: Staff,
    Path((reference, import_id)): Path<(String, i64)>,
    form: FormData,
) -> Result<Response, AppError> {
    staff.check_csrf(form.csrf())?;
    let handle = access::open_by_reference(&state, &staff.user, &reference).await?;
    service::confirm(&state, &staff.user, &handle, import_id).await?;
    Ok(back(&handle))
}
