//! The plans API: the guided plans, and a case's tasks.

use axum::Json;
use axum::extract::{Path, State};
use sahayak_domain::plans::Plan;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::plans::{self, text_lang};
use crate::api::JsonBody;
use crate::cases::access;
use crate::web::error::Problem;
use crate::web::session::ApiUser;
use crate::web::{AppError, AppState};

#[derive(Serialize, Deserialize, ToSchema)]
pub struct TaskJson {
    pub id: i64,
    pub plan: Option<String>,
    pub step: Option<String>,
    /// The step's title in the caller's language (or the task's own title).
    pub title: String,
    pub owner_id: Option<i64>,
    pub owner_name: Option<String>,
    pub due_at: Option<String>,
    pub done_at: Option<String>,
    pub overdue: bool,
}

use crate::api::rfc3339;

/// The case's tasks: its plan's steps, with owners and due times.
#[utoipa::path(get, path = "/api/v1/cases/{id}/tasks", tag = "triage", security(("bearer" = [])),
    params(("id" = i64, Path, description = "Case id")),
    responses(
        (status = 200, body = Vec<TaskJson>),
        (status = 400, body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn tasks(
    State(state): State<AppState>,
    api: ApiUser,
    Path(id): Path<i64>,
) -> Result<Json<Vec<TaskJson>>, AppError> {
    let handle = access::open(&state, &api.user, id).await?;
    let lang = text_lang(api.lang);
    let now = state.now_millis();
    Ok(Json(
        state
            .store
            .case_tasks(handle.id())
            .await?
            .into_iter()
            .map(|t| {
                let step =
                    t.plan_id.as_deref().and_then(Plan::get).and_then(|p| t.step_id.as_deref().and_then(|s| p.step(s)));
                TaskJson {
                    title: step.map(|s| s.title.get(lang).to_owned()).or(t.title.clone()).unwrap_or_default(),
                    id: t.id,
                    plan: t.plan_id,
                    step: t.step_id,
                    owner_id: t.owner_id,
                    owner_name: t.owner_name,
                    overdue: t.done_at.is_none() && t.due_at.is_some_and(|d| d < now),
                    due_at: t.due_at.map(rfc3339),
                    done_at: t.done_at.map(rfc3339),
                }
            })
            .collect(),
    ))
}

#[derive(Serialize, Deserialize, Default, ToSchema)]
#[serde(default)]
pub struct DoneWrite {
    #[schema(required = true)]
    pub done: bool,
}

/// Ticks a task off (`done: true`) or back on.
#[utoipa::path(post, path = "/api/v1/cases/{id}/tasks/{task_id}", tag = "triage", security(("bearer" = [])),
    params(("id" = i64, Path, description = "Case id"), ("task_id" = i64, Path, description = "Task id")),
    request_body = DoneWrite,
    responses(
        (status = 200, body = Vec<TaskJson>),
        (status = 400, body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 415, body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn set_done(
    State(state): State<AppState>,
    api: ApiUser,
    Path((id, task_id)): Path<(i64, i64)>,
    body: JsonBody<DoneWrite>,
) -> Result<Json<Vec<TaskJson>>, AppError> {
    let handle = access::open(&state, &api.user, id).await?;
    crate::cases::access::require(&api.user, sahayak_domain::access::CaseAction::Edit)?;
    let body = body.accept()?;
    plans::set_done(&state, &api.user, &handle, task_id, body.done).await?;
    tasks(State(state), api, Path(id)).await
}

#[derive(Serialize, Deserialize, Default, ToSchema)]
#[serde(default)]
pub struct PlanWrite {
    /// A plan id from `GET /api/v1/plans`.
    #[schema(required = true, schema_with = plan_ids)]
    pub plan: String,
}

fn plan_ids() -> utoipa::openapi::schema::Object {
    let ids: Vec<&str> = sahayak_domain::plans::Plan::all().iter().map(|p| p.id.as_str()).collect();
    crate::api::schema::choice(&ids)
}

/// Puts the case on another plan: its open plan tasks are replaced (done ones stay).
#[utoipa::path(post, path = "/api/v1/cases/{id}/plan", tag = "triage", security(("bearer" = [])),
    params(("id" = i64, Path, description = "Case id")), request_body = PlanWrite,
    responses(
        (status = 200, body = Vec<TaskJson>),
        (status = 400, body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 415, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn switch(
    State(state): State<AppState>,
    api: ApiUser,
    Path(id): Path<i64>,
    body: JsonBody<PlanWrite>,
) -> Result<Json<Vec<TaskJson>>, AppError> {
    let handle = access::open(&state, &api.user, id).await?;
    crate::cases::access::require(&api.user, sahayak_domain::access::CaseAction::Edit)?;
    let body = body.accept()?;
    plans::switch_plan(&state, &api.user, &handle, &body.plan).await?;
    tasks(State(state), api, Path(id)).await
}

#[derive(Serialize, Deserialize, ToSchema)]
pub struct PlanStepJson {
    pub id: String,
    pub title: String,
    pub why: String,
    pub collect: Vec<String>,
    /// Where it is done: `helpline_1930`, `ncrp_portal`, `bank`, `platform_grievance`, ...
    #[serde(rename = "where")]
    pub place: String,
    pub victim_text: String,
    /// ISO-8601 duration, counted from `after`.
    pub within: String,
    pub urgent: bool,
    /// Said at the desk before anything else, even before the 1930 call.
    pub safety: bool,
    /// The step applies only where all of these hold: `money_lost`, `no_money_lost`,
    /// `victim_minor`, `large_loss` (above the centre's `large_loss_rupees`),
    /// `not_large_loss`, `victim_woman`. Empty: every case.
    pub when: Vec<String>,
    pub deadline_rule: Option<String>,
}

#[derive(Serialize, Deserialize, ToSchema)]
pub struct PlanJson {
    pub id: String,
    pub title: String,
    pub summary: String,
    pub steps: Vec<PlanStepJson>,
}

/// The guided action plans, in the caller's language.
#[utoipa::path(get, path = "/api/v1/plans", tag = "triage", security(("bearer" = [])),
    responses(
        (status = 200, body = Vec<PlanJson>),
        (status = 400, body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn plans(api: ApiUser) -> Json<Vec<PlanJson>> {
    let lang = text_lang(api.lang);
    Json(
        Plan::all()
            .iter()
            .map(|p| PlanJson {
                id: p.id.clone(),
                title: p.title.get(lang).to_owned(),
                summary: p.summary.get(lang).to_owned(),
                steps: p
                    .steps
                    .iter()
                    .map(|s| PlanStepJson {
                        id: s.id.clone(),
                        title: s.title.get(lang).to_owned(),
                        why: s.why.get(lang).to_owned(),
                        collect: s.collect.get(lang).to_vec(),
                        place: serde_json::to_value(s.place)
                            .ok()
                            .and_then(|v| v.as_str().map(str::to_owned))
                            .unwrap_or_default(),
                        victim_text: s.victim_text.get(lang).to_owned(),
                        within: s.due.within_iso.clone(),
                        urgent: s.urgent,
                        safety: s.safety,
                        when: s
                            .when
                            .iter()
                            .filter_map(|w| serde_json::to_value(w).ok().and_then(|v| v.as_str().map(str::to_owned)))
                            .collect(),
                        deadline_rule: s.deadline_rule.clone(),
                    })
                    .collect(),
            })
            .collect(),
    )
}
