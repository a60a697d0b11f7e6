//! Follow-up calls after closure: 7 and 30 days after a case is closed (unless the victim was
//! unreachable or the case a duplicate) a task comes due to call the victim back; the call is
//! recorded with whether they were reached, how things stand, and a feedback score from 1 to 5.

use askama::Template;
use axum::Json;
use axum::Router;
use axum::extract::{Path, State};
use axum::response::Response;
use axum::routing::{get, post};
use sahayak_domain::access::CaseAction;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::api::JsonBody;
use crate::cases::access::{self, CaseHandle, require};
use crate::cases::panels::Panel;
use crate::store::{FollowUp, FollowUpCall, StoreError, User};
use crate::web::AppState;
use crate::web::error::{AppError, FieldErrors};
use crate::web::form::{FormData, clean_text};
use crate::web::page::Page;
use crate::web::session::{ApiUser, Staff};

/// Days after closure at which the victim is called back.
pub const DAYS: [i64; 2] = [7, 30];
const MAX_OUTCOME: usize = 2_000;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/cases/{reference}/follow-ups/{follow_up_id}", post(form))
        .route("/api/v1/cases/{id}/follow-ups", get(list))
        .route("/api/v1/cases/{id}/follow-ups/{follow_up_id}", post(record_api))
}

/// A follow-up call as typed.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(default)]
pub struct FollowUpWrite {
    /// Whether the victim was reached.
    pub reached: bool,
    /// How things stand for them.
    #[schema(max_length = 2000)]
    pub outcome: String,
    /// Their score for the centre's help, 1 (poor) to 5 (very good); none if not asked (and
    /// only when the victim was reached).
    #[schema(nullable = false, minimum = 1, maximum = 5)]
    pub score: Option<i64>,
}

pub async fn record(
    state: &AppState,
    user: &User,
    handle: &CaseHandle,
    id: i64,
    w: &FollowUpWrite,
) -> Result<(), AppError> {
    require(user, CaseAction::Edit)?;
    let mut e = FieldErrors::default();
    let outcome = clean_text(&w.outcome);
    if outcome.chars().count() > MAX_OUTCOME {
        e.add("outcome", "error-too-long");
    }
    if w.score.is_some_and(|s| !(1..=5).contains(&s)) {
        e.add("score", "error-choice");
    }
    if w.score.is_some() && !w.reached {
        e.add("score", "followup-score-unreached");
    }
    e.into_result()?;
    let outcome = (!outcome.is_empty()).then_some(outcome.as_str());
    let call = FollowUpCall { reached: w.reached, outcome, score: w.score };
    match state.store.record_follow_up(handle.id(), id, &call, user.id, state.now_millis()).await {
        Ok(()) => Ok(()),
        Err(StoreError::NotFound) => Err(AppError::NotFound),
        Err(e) => Err(e.into()),
    }
}

pub struct FollowUpView {
    pub id: i64,
    pub due: String,
    pub done: Option<String>,
}

#[derive(Template)]
#[template(path = "followup/panel.html")]
struct PanelTemplate {
    page: Page,
    reference: String,
    follow_ups: Vec<FollowUpView>,
    can_write: bool,
}

fn done_text(page: &Page, f: &FollowUp) -> Option<String> {
    let at = f.done_at?;
    let mut parts = vec![
        crate::cases::views::when(Some(at)),
        page.t(if f.reached == Some(true) { "followup-reached" } else { "followup-not-reached" }),
    ];
    if let Some(score) = f.score {
        parts.push(page.t1("followup-score-was", "score", score));
    }
    if let Some(o) = &f.outcome {
        parts.push(o.clone());
    }
    if let Some(by) = &f.done_by_name {
        parts.push(by.clone());
    }
    Some(parts.join(" · "))
}

/// The section appears once a closure has scheduled follow-ups.
pub async fn panel(state: &AppState, staff: &Staff, handle: &CaseHandle) -> Result<Option<Panel>, AppError> {
    let follow_ups = state.store.follow_ups(handle.id()).await?;
    if follow_ups.is_empty() {
        return Ok(None);
    }
    let page = staff.page(state);
    let body = PanelTemplate {
        reference: handle.case().reference.clone(),
        follow_ups: follow_ups
            .iter()
            .map(|f| FollowUpView {
                id: f.id,
                due: crate::cases::views::when(Some(f.due_at)),
                done: done_text(&page, f),
            })
            .collect(),
        can_write: require(&staff.user, CaseAction::Edit).is_ok(),
        page,
    };
    let page_title = body.page.t("followup-title");
    Ok(Some(Panel::section("follow-ups", page_title, body.render()?)))
}

pub async fn form(
    State(state): State<AppState>,
    staff: Staff,
    Path((reference, follow_up_id)): Path<(String, i64)>,
    form: FormData,
) -> Result<Response, AppError> {
    staff.check_csrf(form.csrf())?;
    let handle = access::open_by_reference(&state, &staff.user, &reference).await?;
    let score = match form.get("score").trim() {
        "" => None,
        s => Some(s.parse::<i64>().map_err(|_| AppError::invalid("score", "error-choice"))?),
    };
    let w = FollowUpWrite { reached: form.get("reached") == "yes", outcome: form.get("outcome").into(), score };
    let r = record(&state, &staff.user, &handle, follow_up_id, &w).await;
    crate::cases::show::after_form(&state, &staff, &handle, "follow-ups", r).await
}

#[derive(Serialize, Deserialize, ToSchema)]
pub struct FollowUpJson {
    pub id: i64,
    pub due_at: String,
    pub done_at: Option<String>,
    pub reached: Option<bool>,
    pub outcome: Option<String>,
    pub score: Option<i64>,
    pub done_by: Option<String>,
}

async fn all_json(state: &AppState, handle: &CaseHandle) -> Result<Vec<FollowUpJson>, AppError> {
    Ok(state
        .store
        .follow_ups(handle.id())
        .await?
        .into_iter()
        .map(|f| FollowUpJson {
            id: f.id,
            due_at: crate::api::rfc3339(f.due_at),
            done_at: f.done_at.map(crate::api::rfc3339),
            reached: f.reached,
            outcome: f.outcome,
            score: f.score,
            done_by: f.done_by_name,
        })
        .collect())
}

/// The case's follow-up calls (scheduled when it was closed).
#[utoipa::path(get, path = "/api/v1/cases/{id}/follow-ups", tag = "cases", security(("bearer" = [])),
    params(("id" = i64, Path, description = "Case id")),
    responses(
        (status = 200, body = Vec<FollowUpJson>),
        (status = 400, body = crate::web::error::Problem, content_type = "application/problem+json"),
        (status = 401, body = crate::web::error::Problem, content_type = "application/problem+json"),
        (status = 404, body = crate::web::error::Problem, content_type = "application/problem+json"),
    ))]
pub async fn list(
    State(state): State<AppState>,
    api: ApiUser,
    Path(id): Path<i64>,
) -> Result<Json<Vec<FollowUpJson>>, AppError> {
    let handle = access::open(&state, &api.user, id).await?;
    Ok(Json(all_json(&state, &handle).await?))
}

/// Records a follow-up call: reached or not, how things stand, a feedback score (1–5).
#[utoipa::path(post, path = "/api/v1/cases/{id}/follow-ups/{follow_up_id}", tag = "cases", security(("bearer" = [])),
    params(("id" = i64, Path, description = "Case id"), ("follow_up_id" = i64, Path, description = "Follow-up id")),
    request_body = FollowUpWrite,
    responses(
        (status = 200, body = Vec<FollowUpJson>),
        (status = 400, body = crate::web::error::Problem, content_type = "application/problem+json"),
        (status = 401, body = crate::web::error::Problem, content_type = "application/problem+json"),
        (status = 403, body = crate::web::error::Problem, content_type = "application/problem+json"),
        (status = 404, description = "No open follow-up with this id on the case", body = crate::web::error::Problem, content_type = "application/problem+json"),
        (status = 415, body = crate::web::error::Problem, content_type = "application/problem+json"),
        (status = 422, body = crate::web::error::Problem, content_type = "application/problem+json"),
    ))]
pub async fn record_api(
    State(state): State<AppState>,
    api: ApiUser,
    Path((id, follow_up_id)): Path<(i64, i64)>,
    body: JsonBody<FollowUpWrite>,
) -> Result<Json<Vec<FollowUpJson>>, AppError> {
    let handle = access::open(&state, &api.user, id).await?;
    crate::cases::access::require(&api.user, sahayak_domain::access::CaseAction::Edit)?;
    let body = body.accept()?;
    record(&state, &api.user, &handle, follow_up_id, &body).await?;
    Ok(Json(all_json(&state, &handle).await?))
}
