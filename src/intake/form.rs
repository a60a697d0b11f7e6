//! The case form, for intake and for corrections later. Keyboard first: fields in the order
//! the conversation goes, the name field focused, every field labelled, errors beside fields.

use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use sahayak_domain::case::{Channel, Gender, Lang, MoneyLeft, PaymentChannel, ScamPattern};

use crate::cases::input::CaseInput;
use crate::cases::service;
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
    // A worker in one district need not choose it.
    let district =
        if input.district.is_empty() && mine.len() == 1 { mine[0].code.clone() } else { input.district.clone() };
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
    match service::create(&state, &staff.user, &input).await {
        Ok(case) => Ok(Redirect::to(&format!("/cases/{}", case.reference)).into_response()),
        Err(AppError::Invalid(errors)) => render_form(&state, &staff, intake_mode(), input, errors).await,
        Err(e) => Err(e),
    }
}
