//! The desk's answers about each debit and what the rules give, as JSON.

use axum::Json;
use axum::extract::{Path, State};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::advice::{self, PaymentInput};
use super::advice_text;
use crate::api::{JsonBody, rfc3339};
use crate::cases::access;
use crate::store::{CASE_ANSWERS, PaymentFacts};
use crate::web::error::Problem;
use crate::web::session::ApiUser;
use crate::web::{AppError, AppState};

/// One set of answers. Every field may be null: not known yet.
#[derive(Debug, Default, Deserialize, Serialize, ToSchema)]
#[serde(default)]
pub struct PaymentFactsJson {
    /// The id of a layer-0 row of the money trail these answers are for; null for the case's own
    /// answers (every debit without answers of its own, and the debit given at intake).
    pub debit: Option<i64>,
    /// `someone_else`, `victim_tricked`, `victim_coerced` or `not_sure`.
    #[schema(schema_with = payer_schema)]
    pub payer: Option<String>,
    /// An OTP, PIN or password was shared, or a screen-sharing/remote-access app installed.
    pub credentials_shared: Option<bool>,
    /// `bsbd`, `savings`, `current_small`, `current_other`, `credit_card_small`, `credit_card_large` or `wallet`.
    #[schema(schema_with = account_schema)]
    pub account: Option<String>,
    pub cross_border: Option<bool>,
    /// When the bank's SMS or e-mail about the debit arrived: RFC 3339 or IST local `YYYY-MM-DDTHH:MM`.
    #[schema(pattern = "@when?")]
    pub bank_alert_at: Option<String>,
    /// When the bank was told about this debit, if not by the case's call or written complaint.
    #[schema(pattern = "@when?")]
    pub reported_to_bank_at: Option<String>,
    /// Whether the victim has had RBI's small-value compensation before (case answers only).
    pub compensated_before: Option<bool>,
}

fn nullable_enum(values: Vec<&'static str>) -> utoipa::openapi::schema::Object {
    use utoipa::openapi::schema::{ObjectBuilder, SchemaType, Type};
    ObjectBuilder::new()
        .schema_type(SchemaType::from_iter([Type::String, Type::Null]))
        .enum_values(Some(values.into_iter().map(Some).chain([None::<&str>])))
        .build()
}

fn payer_schema() -> utoipa::openapi::schema::Object {
    nullable_enum(sahayak_domain::deadlines::Payer::ALL.iter().map(|p| p.code()).collect())
}

fn account_schema() -> utoipa::openapi::schema::Object {
    nullable_enum(sahayak_domain::deadlines::AccountKind::ALL.iter().map(|k| k.code()).collect())
}

impl From<PaymentFacts> for PaymentFactsJson {
    fn from(p: PaymentFacts) -> Self {
        PaymentFactsJson {
            debit: (p.debit_key != CASE_ANSWERS).then_some(p.debit_key),
            payer: p.payer,
            credentials_shared: p.credentials_shared,
            account: p.account,
            cross_border: p.cross_border,
            bank_alert_at: p.bank_alert_at.map(rfc3339),
            reported_to_bank_at: p.reported_to_bank_at.map(rfc3339),
            compensated_before: p.compensated_before,
        }
    }
}

/// What the rules give the victim, as decided (`decision`) and in words (`text`).
#[derive(Serialize, Deserialize, ToSchema)]
pub struct AdviceJson {
    /// The decision, per debit: the framework, the outcome or the outcome of each possible answer,
    /// the questions still to ask, and the route without RBI protection.
    #[schema(value_type = Object)]
    pub decision: serde_json::Value,
    /// The same in the caller's language, line by line, as the pages and papers print it.
    pub text: Vec<String>,
    /// The questions still to ask, in the caller's language.
    pub ask: Vec<String>,
}

/// The answers recorded about the case's debits (the case's own first).
#[utoipa::path(get, path = "/api/v1/cases/{id}/payment-facts", tag = "triage", security(("bearer" = [])),
    params(("id" = i64, Path, description = "Case id")),
    responses(
        (status = 200, body = Vec<PaymentFactsJson>),
        (status = 400, body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn list(
    State(state): State<AppState>,
    api: ApiUser,
    Path(id): Path<i64>,
) -> Result<Json<Vec<PaymentFactsJson>>, AppError> {
    let handle = access::open(&state, &api.user, id).await?;
    Ok(Json(state.store.payment_facts(handle.id()).await?.into_iter().map(PaymentFactsJson::from).collect()))
}

/// Records one set of answers (replacing the earlier ones for the same debit), then answers
/// with what the rules now give.
#[utoipa::path(put, path = "/api/v1/cases/{id}/payment-facts", tag = "triage", security(("bearer" = [])),
    params(("id" = i64, Path, description = "Case id")), request_body = PaymentFactsJson,
    responses(
        (status = 200, body = AdviceJson),
        (status = 400, body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 415, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn save(
    State(state): State<AppState>,
    api: ApiUser,
    Path(id): Path<i64>,
    body: JsonBody<PaymentFactsJson>,
) -> Result<Json<AdviceJson>, AppError> {
    let handle = access::open(&state, &api.user, id).await?;
    crate::cases::access::require(&api.user, sahayak_domain::access::CaseAction::Edit)?;
    let body = body.accept()?;
    let input = PaymentInput {
        debit: body.debit,
        payer: body.payer,
        credentials_shared: body.credentials_shared,
        account: body.account,
        cross_border: body.cross_border,
        bank_alert_at: body.bank_alert_at,
        reported_to_bank_at: body.reported_to_bank_at,
        compensated_before: body.compensated_before,
    };
    advice::save(&state, &api.user, &handle, &input).await?;
    get(State(state), api, Path(id)).await
}

/// What the RBI rules give the victim now, for the answers recorded.
#[utoipa::path(get, path = "/api/v1/cases/{id}/advice", tag = "triage", security(("bearer" = [])),
    params(("id" = i64, Path, description = "Case id")),
    responses(
        (status = 200, body = AdviceJson),
        (status = 400, body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn get(
    State(state): State<AppState>,
    api: ApiUser,
    Path(id): Path<i64>,
) -> Result<Json<AdviceJson>, AppError> {
    let handle = access::open(&state, &api.user, id).await?;
    let t = super::facts::load(&state, handle.case(), state.now()).await?;
    let view = advice_text::view(api.lang, &t.advice);
    Ok(Json(AdviceJson {
        decision: serde_json::to_value(&t.advice).map_err(|e| AppError::Internal(e.into()))?,
        text: view.lines(),
        ask: view.ask,
    }))
}
