//! The case form, for intake and for corrections later. Keyboard first: fields in the order
//! the conversation goes, the name field focused, every field labelled, errors beside fields.

use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use sahayak_domain::case::{Channel, Gender, Lang, MoneyLeft, PaymentChannel, ScamPattern};

use crate::cases::input::CaseInput;
use crate::cases::views::{self, Opt, OptGroup};
use crate::web::AppState;
use crate::web::error::{AppError, FieldErrors};
use crate::web::form::FormData;
use crate::web::page::Page;
use crate::web::session::Staff;

#[derive(Template)]
#[template(path = "cases/form.html")]
pub struct CaseFormPage {
    pub page: Page,
    pub editing: bool,
    pub action: String,
    pub reference: String,
    pub version: i64,
    pub input: CaseInput,
    pub errors: FieldErrors,
    pub districts: Vec<Opt>,
    pub money_left: Vec<Opt>,
    pub channels: Vec<Opt>,
    pub langs: Vec<Opt>,
    pub genders: Vec<Opt>,
    pub classifications: Vec<OptGroup>,
    pub scams: Vec<Opt>,
    pub payment_channels: Vec<Opt>,
    pub assignees: Vec<Opt>,
    /// Each field to correct: its id (for the link), its label, what to do.
    pub summary: Vec<(String, String, String)>,
    /// The district was preselected from the user's last intake.
    pub remembered: bool,
    pub money_left_at_label: String,
}

/// The id a field's error links to, and the catalog key of its label.
fn field_target(field: &str) -> (&str, String) {
    match field {
        "money_left" => ("money_left_yes", "field-money-left".into()),
        "category" => ("category", "field-category".into()),
        f => (f, format!("field-{}", f.replace('_', "-"))),
    }
}

/// The error summary: every field by its label, in the order the form asks for them.
fn summary(page: &Page, errors: &FieldErrors) -> Vec<(String, String, String)> {
    const ORDER: [&str; 20] = [
        "money_left",
        "money_left_at",
        "amount_lost",
        "district",
        "channel",
        "victim_name",
        "victim_mobile",
        "victim_lang",
        "narrative",
        "incident_at",
        "noticed_at",
        "category",
        "category_other",
        "scam_pattern",
        "payment_channel",
        "suspect_details",
        "pasted_messages",
        "victim_age",
        "victim_gender",
        "victim_address",
    ];
    let pos = |f: &str| ORDER.iter().position(|o| *o == f).unwrap_or(ORDER.len());
    let mut list: Vec<_> = errors.0.iter().collect();
    list.sort_by_key(|e| pos(e.field));
    list.iter()
        .map(|e| {
            let (id, label) = field_target(e.field);
            (id.to_owned(), page.t(&label), page.t(e.key))
        })
        .collect()
}

/// What differs between the intake and the edit form.
pub struct FormMode {
    pub editing: bool,
    pub action: String,
    pub reference: String,
    pub version: i64,
}

pub async fn render_form(
    state: &AppState,
    staff: &Staff,
    mode: FormMode,
    input: CaseInput,
    errors: FieldErrors,
) -> Result<Response, AppError> {
    let page = staff.page(state);
    let districts = state.districts().await?;
    let mine: Vec<_> =
        districts.iter().filter(|d| crate::cases::access::sees_district(&staff.user, d.id)).cloned().collect();
    let staff_list = state.store.staff_in(&mine.iter().map(|d| d.id).collect::<Vec<_>>()).await?;
    // A worker in one district need not choose it; one in several starts where they last
    // registered a case.
    let last = if input.district.is_empty() && mine.len() > 1 && !mode.editing {
        state.store.last_district(staff.user.id).await?.and_then(|id| mine.iter().find(|d| d.id == id))
    } else {
        None
    };
    let district = match (input.district.is_empty(), mine.as_slice(), last) {
        (true, [only], _) => only.code.clone(),
        (true, _, Some(d)) => d.code.clone(),
        _ => input.district.clone(),
    };
    let body = CaseFormPage {
        districts: views::district_options(&page, &mine, &district),
        money_left: views::options::<MoneyLeft>(&page, &input.money_left),
        channels: views::options::<Channel>(&page, &input.channel),
        langs: views::options::<Lang>(&page, if input.victim_lang.is_empty() { "hi" } else { &input.victim_lang }),
        genders: views::options::<Gender>(&page, &input.victim_gender),
        classifications: views::classification_groups(&page, &input.classification()),
        scams: views::options::<ScamPattern>(&page, &input.scam_pattern),
        payment_channels: views::options::<PaymentChannel>(&page, &input.payment_channel),
        assignees: views::staff_options(&staff_list, &input.assignee),
        summary: summary(&page, &errors),
        remembered: last.is_some(),
        money_left_at_label: format!("{} ({})", page.t("field-money-left-at"), page.t("form-required-when-money")),
        editing: mode.editing,
        action: mode.action,
        reference: mode.reference,
        version: mode.version,
        input,
        errors,
        page,
    };
    let status = if body.errors.is_empty() { StatusCode::OK } else { StatusCode::UNPROCESSABLE_ENTITY };
    Ok((status, Html(body.render()?)).into_response())
}

/// Times read from words ("30 minutes ago") go back into the form as exact times, so they do
/// not drift while the worker corrects another field.
pub fn keep_times(mut input: CaseInput, now: chrono::DateTime<chrono::Utc>) -> CaseInput {
    for t in [&mut input.money_left_at, &mut input.incident_at, &mut input.noticed_at] {
        *t = crate::web::when::keep(t, now);
    }
    input
}

fn intake_mode() -> FormMode {
    FormMode { editing: false, action: "/cases".into(), reference: String::new(), version: 0 }
}

pub async fn new_case(State(state): State<AppState>, staff: Staff) -> Result<Response, AppError> {
    crate::cases::access::require(&staff.user, sahayak_domain::access::CaseAction::Create)?;
    render_form(&state, &staff, intake_mode(), CaseInput::default(), FieldErrors::default()).await
}

pub async fn create(State(state): State<AppState>, staff: Staff, form: FormData) -> Result<Response, AppError> {
    staff.check_csrf(form.csrf())?;
    let input = CaseInput::from_form(&form);
    match super::register::create(&state, &staff.user, &input).await {
        Ok(case) => Ok(Redirect::to(&format!("/cases/{}", case.reference)).into_response()),
        Err(AppError::Invalid(errors)) => {
            render_form(&state, &staff, intake_mode(), keep_times(input, state.now()), errors).await
        }
        Err(e) => Err(e),
    }
}
