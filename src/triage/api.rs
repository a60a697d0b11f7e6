//! The triage API: actions, deadlines and the work queue.

use axum::Json;
use axum::extract::{Path, State};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::ActionInput;
use super::actions::ActionKind;
use crate::api::JsonBody;
use crate::cases::access::{self, scope};
use crate::web::error::Problem;
use crate::web::session::ApiUser;
use crate::web::{AppError, AppState};

use crate::api::rfc3339;

#[derive(Serialize, Deserialize, ToSchema)]
pub struct ActionJson {
    /// `helpline_1930`, `bank_block`, `portal_filed`, `efir_registered`, `efir_signed`, `chakshu_reported`,
    /// `platform_reported`, `content_removed`, `grievance_filed`, `grievance_acknowledged`,
    /// `grievance_disposed`, `bank_complaint` (a written complaint to the bank), `bank_replied` or
    /// `ombudsman_complaint`.
    pub action: String,
    pub done_at: String,
    /// The 1930 or portal acknowledgement number, the bank's complaint number, the FIR number...
    pub reference: Option<String>,
    pub note: Option<String>,
}

#[derive(Deserialize, Serialize, Default, ToSchema)]
#[serde(default)]
pub struct ActionWrite {
    #[schema(required = true, schema_with = action_schema)]
    pub action: String,
    /// RFC 3339 or IST local `YYYY-MM-DDTHH:MM`; now when left out.
    pub done_at: Option<String>,
    #[schema(max_length = 100)]
    pub reference: Option<String>,
    #[schema(max_length = 1000)]
    pub note: Option<String>,
}

fn mine_schema() -> utoipa::openapi::schema::Object {
    crate::api::schema::choice(&["0", "1"])
}

fn action_schema() -> utoipa::openapi::schema::Object {
    utoipa::openapi::schema::ObjectBuilder::new()
        .schema_type(utoipa::openapi::schema::Type::String)
        .enum_values(Some(ActionKind::ALL.iter().map(|a| a.code())))
        .build()
}

/// The actions recorded on a case.
#[utoipa::path(get, path = "/api/v1/cases/{id}/actions", tag = "triage", security(("bearer" = [])),
    params(("id" = i64, Path, description = "Case id")),
    responses(
        (status = 200, body = Vec<ActionJson>),
        (status = 400, body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn actions(
    State(state): State<AppState>,
    api: ApiUser,
    Path(id): Path<i64>,
) -> Result<Json<Vec<ActionJson>>, AppError> {
    let handle = access::open(&state, &api.user, id).await?;
    Ok(Json(
        state
            .store
            .case_actions(handle.id())
            .await?
            .into_iter()
            .map(|a| ActionJson { action: a.action, done_at: rfc3339(a.done_at), reference: a.reference, note: a.note })
            .collect(),
    ))
}

/// Records that an action was taken (recording it again corrects its time and reference).
#[utoipa::path(post, path = "/api/v1/cases/{id}/actions", tag = "triage", security(("bearer" = [])),
    params(("id" = i64, Path, description = "Case id")), request_body = ActionWrite,
    responses(
        (status = 200, body = Vec<ActionJson>),
        (status = 400, body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 415, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn record(
    State(state): State<AppState>,
    api: ApiUser,
    Path(id): Path<i64>,
    body: JsonBody<ActionWrite>,
) -> Result<Json<Vec<ActionJson>>, AppError> {
    let handle = access::open(&state, &api.user, id).await?;
    crate::cases::access::require(&api.user, sahayak_domain::access::CaseAction::Edit)?;
    let body = body.accept()?;
    let input = ActionInput {
        action: &body.action,
        done_at: body.done_at.as_deref().unwrap_or_default(),
        reference: body.reference.as_deref().unwrap_or_default(),
        note: body.note.as_deref().unwrap_or_default(),
    };
    super::record(&state, &api.user, &handle, &input).await?;
    actions(State(state), api, Path(id)).await
}

#[derive(Serialize, Deserialize, ToSchema)]
pub struct DeadlineJson {
    /// The rule's stable id, e.g. `ncrp_complete_after_1930`.
    pub rule: String,
    pub rule_version: u32,
    pub due_at: String,
    /// `upcoming`, `due_soon`, `overdue`, `met`, `met_late` or `open`.
    pub status: String,
    pub title: String,
    pub explain: String,
    pub source: String,
    pub source_url: Option<String>,
    /// The rule or this computation needs checking against the source.
    pub verify: bool,
    /// Conditions of the rule whose facts are not recorded yet (`unauthorised`,
    /// `no_customer_negligence`, `fraudulent_ebt`, `domestic`, `cross_border`,
    /// `small_value_loss`): the deadline holds only if they turn out true.
    pub only_if: Vec<String>,
    /// The same in the caller's language ("Only if someone else made this payment …").
    pub only_if_text: Option<String>,
}

/// The case's deadlines as of now, in the caller's language, soonest first.
#[utoipa::path(get, path = "/api/v1/cases/{id}/deadlines", tag = "triage", security(("bearer" = [])),
    params(("id" = i64, Path, description = "Case id")),
    responses(
        (status = 200, body = Vec<DeadlineJson>),
        (status = 400, body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn deadlines(
    State(state): State<AppState>,
    api: ApiUser,
    Path(id): Path<i64>,
) -> Result<Json<Vec<DeadlineJson>>, AppError> {
    let handle = access::open(&state, &api.user, id).await?;
    let t = super::facts::load(&state, handle.case(), state.now()).await?;
    let lang = match api.lang {
        sahayak_domain::case::Lang::Hi => sahayak_domain::deadlines::Lang::Hi,
        sahayak_domain::case::Lang::En => sahayak_domain::deadlines::Lang::En,
    };
    Ok(Json(
        t.deadlines
            .iter()
            .map(|d| DeadlineJson {
                rule: d.rule_id.clone(),
                rule_version: d.rule_version,
                due_at: d.due_at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
                status: serde_json::to_value(d.status)
                    .ok()
                    .and_then(|v| v.as_str().map(str::to_owned))
                    .unwrap_or_default(),
                title: d.title(lang).to_owned(),
                explain: d.explain(lang).to_owned(),
                source: d.source.citation.clone(),
                source_url: d.source.url.clone(),
                verify: d.verify,
                only_if: d.only_if.iter().map(|c| c.code().to_owned()).collect(),
                only_if_text: super::advice_text::only_if(api.lang, &d.only_if),
            })
            .collect(),
    ))
}

#[derive(Serialize, Deserialize, ToSchema)]
pub struct QueueItemJson {
    pub id: i64,
    pub reference: String,
    pub status: String,
    pub urgent: bool,
    pub next_due_at: Option<String>,
    pub money_left_at: Option<String>,
    pub amount_lost_paise: Option<i64>,
    pub assignee_name: Option<String>,
}

#[derive(Deserialize, Default, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct QueueQuery {
    /// `1` for the caller's own cases only.
    #[serde(default)]
    #[param(schema_with = mine_schema)]
    pub mine: Option<String>,
}

/// The work queue: open cases ranked by what time will destroy: people at risk and money in its
/// golden hour first (the freshest money first), then the nearest deadline that loses the
/// victim money or rights, then tasks.
#[utoipa::path(get, path = "/api/v1/queue", tag = "triage", security(("bearer" = [])), params(QueueQuery),
    responses(
        (status = 200, body = Vec<QueueItemJson>),
        (status = 400, body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn queue(
    State(state): State<AppState>,
    api: ApiUser,
    crate::api::QueryParams(q): crate::api::QueryParams<QueueQuery>,
) -> Result<Json<Vec<QueueItemJson>>, AppError> {
    let mine = q.mine.as_deref() == Some("1");
    let items = state.store.queue(&scope(&api.user), mine.then_some(api.user.id), super::queue::QUEUE_SIZE).await?;
    Ok(Json(
        items
            .into_iter()
            .map(|i| QueueItemJson {
                id: i.case.id,
                reference: i.case.reference,
                status: i.case.status.code().to_owned(),
                urgent: i.urgent,
                next_due_at: i.next_due_at.map(rfc3339),
                money_left_at: i.money_left_at.map(rfc3339),
                amount_lost_paise: i.case.amount_lost_paise,
                assignee_name: i.case.assignee_name,
            })
            .collect(),
    ))
}
