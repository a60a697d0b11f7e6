//! Victim self-service through the API: the victim's view of their case (reference and code,
//! throttled), and for staff, issuing the code and reading what the victim sent.

use axum::Json;
use axum::extract::{Path, State};
use sahayak_domain::access::CaseAction;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::api::JsonBody;
use crate::cases::access::{self, require};
use crate::web::AppState;
use crate::web::error::AppError;
use crate::web::page::Page;
use crate::web::session::ApiUser;

#[derive(Deserialize, ToSchema)]
pub struct TrackRequest {
    /// The case reference, e.g. `JPR-2026-000123`.
    #[schema(max_length = 100)]
    pub reference: String,
    /// The private access code from the victim's papers (spaces and dashes are ignored).
    #[schema(max_length = 100)]
    pub code: String,
    /// `hi` or `en`; the victim's own language when left out.
    #[schema(nullable = false, schema_with = crate::api::schema::lang)]
    pub lang: Option<String>,
}

#[derive(Serialize, Deserialize, ToSchema)]
pub struct VictimStepJson {
    pub text: String,
    pub due: String,
    pub done: bool,
}

#[derive(Serialize, Deserialize, ToSchema)]
pub struct VictimDeadlineJson {
    /// "Only if …": set when the rule's facts are not known yet; never a promise.
    pub only_if: Option<String>,
    pub title: String,
    pub due: String,
    pub explain: String,
}

/// What a victim sees about their own case: nothing else.
#[derive(Serialize, Deserialize, ToSchema)]
pub struct TrackJson {
    pub reference: String,
    /// Workflow status code (`new`, `in_progress`, ...).
    pub status: String,
    /// The status in the victim's language, and what it means for them.
    pub status_label: String,
    pub status_help: String,
    pub plan: String,
    pub steps: Vec<VictimStepJson>,
    pub deadlines: Vec<VictimDeadlineJson>,
    /// What the RBI rules give, line by line, as the victim's page prints it.
    pub advice: Vec<String>,
}

/// A victim's view of their case, opened with its reference and private code.
#[utoipa::path(post, path = "/api/v1/track", tag = "victim", request_body = TrackRequest,
    responses(
        (status = 200, body = TrackJson),
        (status = 400, description = "A body that could not be read", body = crate::web::error::Problem, content_type = "application/problem+json"),
        (status = 404, description = "No case with this reference and code", body = crate::web::error::Problem, content_type = "application/problem+json"),
        (status = 415, body = crate::web::error::Problem, content_type = "application/problem+json"),
        (status = 429, description = "Too many wrong codes for this case or from this address; see Retry-After", body = crate::web::error::Problem, content_type = "application/problem+json"),
    ))]
pub async fn track(State(state): State<AppState>, body: JsonBody<TrackRequest>) -> Result<Json<TrackJson>, AppError> {
    let body = body.accept()?;
    let handle = super::track::check_code(&state, &body.reference, &body.code).await?;
    let c = handle.case();
    let lang = body.lang.as_deref().and_then(|l| l.parse().ok()).unwrap_or(c.fields.victim_lang);
    let mut page = Page::anonymous(lang, "/api/v1/track");
    page.centre = state.config.centre(page.lang).to_owned();
    let plan = crate::triage::plans::victim_plan(&state, c, &page).await?;
    let status_key = format!("status-{}", c.status.code().replace('_', "-"));
    Ok(Json(TrackJson {
        reference: c.reference.clone(),
        status: c.status.code().to_owned(),
        status_label: page.t(&status_key),
        status_help: page.t(&format!("track-{status_key}")),
        plan: plan.title,
        steps: plan.steps.into_iter().map(|s| VictimStepJson { text: s.text, due: s.due, done: s.done }).collect(),
        deadlines: plan
            .deadlines
            .into_iter()
            .map(|d| VictimDeadlineJson { only_if: d.only_if, title: d.title, due: d.due, explain: d.explain })
            .collect(),
        advice: plan.advice.lines(),
    }))
}

#[derive(Serialize, Deserialize, ToSchema)]
pub struct CodeJson {
    /// The new code, grouped for paper (`K7QM-4XPR-93TD`); the previous one stops working.
    pub code: String,
    /// Whether the code also went to the victim's mobile through the configured SMS/WhatsApp
    /// gateway (false without a gateway, or when it failed: hand over the printed code).
    pub sent: bool,
}

/// Issues the victim a new access code (sent through the notifier, and shown here to print).
#[utoipa::path(post, path = "/api/v1/cases/{id}/victim-code", tag = "victim", security(("bearer" = [])),
    params(("id" = i64, Path, description = "Case id")),
    responses(
        (status = 200, body = CodeJson),
        (status = 400, body = crate::web::error::Problem, content_type = "application/problem+json"),
        (status = 401, body = crate::web::error::Problem, content_type = "application/problem+json"),
        (status = 403, body = crate::web::error::Problem, content_type = "application/problem+json"),
        (status = 404, body = crate::web::error::Problem, content_type = "application/problem+json"),
    ))]
pub async fn issue_code(
    State(state): State<AppState>,
    api: ApiUser,
    Path(id): Path<i64>,
) -> Result<Json<CodeJson>, AppError> {
    let handle = access::open(&state, &api.user, id).await?;
    let (code, sent) = super::panel::issue(&state, &api.user, &handle).await?;
    Ok(Json(CodeJson { code: super::display_code(&code), sent }))
}

#[derive(Serialize, Deserialize, ToSchema)]
pub struct VictimRequestJson {
    pub id: i64,
    /// `info` (more information) or `callback` (please call me back).
    pub kind: String,
    pub message: String,
    pub created_at: String,
    pub handled_at: Option<String>,
    pub handled_by: Option<String>,
}

/// What the victim sent through self-service, newest first.
#[utoipa::path(get, path = "/api/v1/cases/{id}/victim-requests", tag = "victim", security(("bearer" = [])),
    params(("id" = i64, Path, description = "Case id")),
    responses(
        (status = 200, body = Vec<VictimRequestJson>),
        (status = 400, body = crate::web::error::Problem, content_type = "application/problem+json"),
        (status = 401, body = crate::web::error::Problem, content_type = "application/problem+json"),
        (status = 404, body = crate::web::error::Problem, content_type = "application/problem+json"),
    ))]
pub async fn requests(
    State(state): State<AppState>,
    api: ApiUser,
    Path(id): Path<i64>,
) -> Result<Json<Vec<VictimRequestJson>>, AppError> {
    let handle = access::open(&state, &api.user, id).await?;
    require(&api.user, CaseAction::Read)?;
    Ok(Json(
        state
            .store
            .victim_requests(handle.id())
            .await?
            .into_iter()
            .map(|r| VictimRequestJson {
                id: r.id,
                kind: r.kind,
                message: r.body,
                created_at: crate::api::rfc3339(r.created_at),
                handled_at: r.handled_at.map(crate::api::rfc3339),
                handled_by: r.handled_by_name,
            })
            .collect(),
    ))
}
