//! Correcting a case's recorded facts, with the same form as intake.

use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};

use super::access;
use super::input::CaseInput;
use super::service;
use crate::intake::form::{FormMode, render_form};
use crate::web::AppState;
use crate::web::error::{AppError, FieldErrors};
use crate::web::form::FormData;
use crate::web::session::Staff;

fn mode(reference: &str, version: i64) -> FormMode {
    FormMode { editing: true, action: format!("/cases/{reference}/edit"), reference: reference.to_owned(), version }
}

pub async fn form(
    State(state): State<AppState>,
    staff: Staff,
    Path(reference): Path<String>,
) -> Result<Response, AppError> {
    let handle = access::open_by_reference(&state, &staff.user, &reference).await?;
    access::require(&staff.user, sahayak_domain::access::CaseAction::Edit)?;
    let c = handle.case();
    let districts = state.districts().await?;
    let district = districts.iter().find(|d| d.id == c.district_id).ok_or(AppError::NotFound)?;
    let input = CaseInput::from_case(c, district);
    render_form(&state, &staff, mode(&c.reference, c.version), input, FieldErrors::default()).await
}

pub async fn submit(
    State(state): State<AppState>,
    staff: Staff,
    Path(reference): Path<String>,
    form: FormData,
) -> Result<Response, AppError> {
    staff.check_csrf(form.csrf())?;
    let handle = access::open_by_reference(&state, &staff.user, &reference).await?;
    let input = CaseInput::from_form(&form);
    let version = form.get("version").parse().ok();
    let c = handle.case();
    match service::update(&state, &staff.user, &handle, &input, version).await {
        Ok(case) => Ok(Redirect::to(&format!("/cases/{}", case.reference)).into_response()),
        Err(AppError::Invalid(errors)) => {
            let input = crate::intake::form::keep_times(input, state.now());
            render_form(&state, &staff, mode(&c.reference, version.unwrap_or(c.version)), input, errors).await
        }
        Err(e) => Err(e),
    }
}
