//! Golden hour and what to do next: triage at intake, the actions taken, deadlines, the work
//! queue and guided plans (the money trail is `crate::trail`).

pub mod actions;
pub mod advice;
pub mod advice_api;
pub mod advice_text;
pub mod api;
pub mod facts;
pub mod panel;
pub mod plan_api;
pub mod plans;
pub mod queue;
pub mod rank;

use axum::Router;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use sahayak_domain::access::CaseAction as Permission;
use unicode_normalization::UnicodeNormalization;

use crate::cases::access::{self, CaseHandle, require};
use crate::store::{CaseAction, User};
use crate::web::AppState;
use crate::web::error::{AppError, FieldErrors};
use crate::web::form::FormData;
use crate::web::session::Staff;
use actions::ActionKind;

/// The triage parts of the case page (golden hour, deadlines, the plan's tasks, other actions,
/// the money trail), from one read of the case's actions, trail and tasks.
pub async fn panels(
    state: &AppState,
    staff: &Staff,
    handle: &CaseHandle,
) -> Result<Vec<crate::cases::panels::Panel>, AppError> {
    let now = state.now();
    let t = facts::load(state, handle.case(), now).await?;
    let mut out = panel::panels(state, staff, handle, &t, now)?;
    out.extend(advice::panel(state, staff, handle, &t)?);
    out.push(plans::panel(state, staff, handle, &t.tasks)?);
    out.push(crate::trail::panel(state, staff, handle, &t.trail).await?);
    Ok(out)
}

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/queue", get(queue::page))
        .route("/cases/{reference}/actions", post(record_form))
        .route("/api/v1/queue", get(api::queue))
        .route("/api/v1/cases/{id}/actions", get(api::actions).post(api::record))
        .route("/api/v1/cases/{id}/deadlines", get(api::deadlines))
        .route("/cases/{reference}/payment-facts", post(advice::save_form))
        .route("/api/v1/cases/{id}/payment-facts", get(advice_api::list).put(advice_api::save))
        .route("/api/v1/cases/{id}/advice", get(advice_api::get))
        .route("/cases/{reference}/tasks/{task_id}", post(plans::task_form))
        .route("/cases/{reference}/plan", post(plans::plan_form))
        .route("/cases/{reference}/plan/sheet", get(plans::victim_sheet))
        .route("/api/v1/cases/{id}/tasks", get(plan_api::tasks))
        .route("/api/v1/cases/{id}/tasks/{task_id}", post(plan_api::set_done))
        .route("/api/v1/cases/{id}/plan", post(plan_api::switch))
        .route("/api/v1/plans", get(plan_api::plans))
}

/// An action as typed: its code, when (IST local or RFC 3339; empty: now), its reference.
pub struct ActionInput<'a> {
    pub action: &'a str,
    pub done_at: &'a str,
    pub reference: &'a str,
    pub note: &'a str,
}

/// Records that an action was taken (again: corrects its time and reference), then brings
/// the case's urgency and next deadline up to date.
pub async fn record(
    state: &AppState,
    user: &User,
    handle: &CaseHandle,
    input: &ActionInput<'_>,
) -> Result<ActionKind, AppError> {
    require(user, Permission::Edit)?;
    let mut e = FieldErrors::default();
    let kind = ActionKind::parse(input.action);
    if kind.is_none() {
        e.add("action", "error-choice");
    }
    let now = state.now_millis();
    // Empty means now (the field offers "now" as its first choice).
    let done_at = match input.done_at.trim() {
        "" => Some(now),
        s => crate::web::when::past(&mut e, "done_at", s, sahayak_domain::time::from_millis(now)),
    };
    let clean = |s: &str, max: usize, field: &'static str, e: &mut FieldErrors| {
        let s: String = s.trim().nfc().collect();
        if s.chars().count() > max {
            e.add(field, "error-too-long");
        }
        (!s.is_empty()).then_some(s)
    };
    let reference = clean(input.reference, 100, "reference", &mut e);
    let note = clean(input.note, 1000, "note", &mut e);
    e.into_result()?;
    let (Some(kind), Some(done_at)) = (kind, done_at) else { return Err(AppError::BadRequest("error-bad-request")) };
    let body = match &reference {
        Some(r) => format!("{}\n{r}", kind.code()),
        None => kind.code().to_owned(),
    };
    let action = CaseAction { action: kind.code().to_owned(), done_at, reference, note, recorded_by: user.id };
    state.store.record_action(handle.id(), &action, now, &body).await?;
    plans::complete_by_action(state, user, handle.id(), kind).await?;
    facts::refresh(state, handle.id()).await?;
    tracing::info!(case_id = handle.id(), action = kind.code(), "action recorded");
    Ok(kind)
}

async fn record_form(
    State(state): State<AppState>,
    staff: Staff,
    Path(reference): Path<String>,
    form: FormData,
) -> Result<Response, AppError> {
    staff.check_csrf(form.csrf())?;
    let handle = access::open_by_reference(&state, &staff.user, &reference).await?;
    let input = ActionInput {
        action: form.get("action"),
        done_at: form.get("done_at"),
        reference: form.get("reference"),
        note: form.get("note"),
    };
    match record(&state, &staff.user, &handle, &input).await {
        Ok(kind) => {
            let anchor = if kind.is_golden() { "triage" } else { "actions" };
            Ok(Redirect::to(&format!("/cases/{}#{anchor}", handle.case().reference)).into_response())
        }
        Err(AppError::Invalid(errors)) => {
            crate::cases::show::render(&state, &staff, &handle, errors, String::new()).await
        }
        Err(e) => Err(e),
    }
}
