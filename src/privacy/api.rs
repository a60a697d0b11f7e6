//! The privacy API: consent on a case.

use axum::Json;
use axum::extract::{Path, State};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::consent::{self, ConsentInput, PURPOSES};
use crate::api::JsonBody;
use crate::cases::access;
use crate::web::error::Problem;
use crate::web::session::ApiUser;
use crate::web::{AppError, AppState};

#[derive(Serialize, Deserialize, ToSchema)]
pub struct ConsentJson {
    /// `reporting_assistance`, `counselling`, `referral_police`, `referral_legal_aid` or `follow_up`.
    pub purpose: String,
    /// `given`, `withdrawn` or `not_asked`.
    pub status: String,
    pub given_by: Option<String>,
    pub guardian_name: Option<String>,
    pub recorded_at: Option<String>,
}

#[derive(Serialize, Deserialize, Default, ToSchema)]
#[serde(default)]
pub struct ConsentWrite {
    #[schema(required = true, schema_with = purpose_schema)]
    pub purpose: String,
    pub given: bool,
    /// `victim` (default) or `guardian`; a child's consent must come from a guardian.
    #[schema(schema_with = given_by_schema)]
    pub given_by: Option<String>,
    #[schema(max_length = 200)]
    pub guardian_name: Option<String>,
    #[schema(max_length = 1000)]
    pub note: Option<String>,
}

fn given_by_schema() -> utoipa::openapi::schema::Object {
    crate::api::schema::choice_or_none(&["victim", "guardian"])
}

fn purpose_schema() -> utoipa::openapi::schema::Object {
    utoipa::openapi::schema::ObjectBuilder::new()
        .schema_type(utoipa::openapi::schema::Type::String)
        .enum_values(Some(PURPOSES))
        .build()
}

/// Consent on a case, per purpose.
#[utoipa::path(get, path = "/api/v1/cases/{id}/consents", tag = "privacy", security(("bearer" = [])),
    params(("id" = i64, Path, description = "Case id")),
    responses(
        (status = 200, body = Vec<ConsentJson>),
        (status = 400, body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn consents(
    State(state): State<AppState>,
    api: ApiUser,
    Path(id): Path<i64>,
) -> Result<Json<Vec<ConsentJson>>, AppError> {
    let handle = access::open(&state, &api.user, id).await?;
    let rows = state.store.consents(handle.id()).await?;
    Ok(Json(
        PURPOSES
            .iter()
            .map(|p| match rows.iter().find(|r| r.purpose == *p) {
                Some(r) => ConsentJson {
                    purpose: (*p).into(),
                    status: if r.given == 1 { "given" } else { "withdrawn" }.into(),
                    given_by: Some(r.given_by.clone()),
                    guardian_name: r.guardian_name.clone(),
                    recorded_at: Some(
                        sahayak_domain::time::from_millis(r.recorded_at)
                            .to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
                    ),
                },
                None => ConsentJson {
                    purpose: (*p).into(),
                    status: "not_asked".into(),
                    given_by: None,
                    guardian_name: None,
                    recorded_at: None,
                },
            })
            .collect(),
    ))
}

/// Records consent given (or withdrawn) for a purpose.
#[utoipa::path(post, path = "/api/v1/cases/{id}/consents", tag = "privacy", security(("bearer" = [])),
    params(("id" = i64, Path, description = "Case id")), request_body = ConsentWrite,
    responses(
        (status = 200, body = Vec<ConsentJson>),
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
    body: JsonBody<ConsentWrite>,
) -> Result<Json<Vec<ConsentJson>>, AppError> {
    let handle = access::open(&state, &api.user, id).await?;
    crate::cases::access::require(&api.user, sahayak_domain::access::CaseAction::Edit)?;
    let body = body.accept()?;
    let input = ConsentInput {
        purpose: &body.purpose,
        given: body.given,
        given_by: body.given_by.as_deref().unwrap_or_default(),
        guardian_name: body.guardian_name.as_deref().unwrap_or_default(),
        note: body.note.as_deref().unwrap_or_default(),
    };
    consent::record(&state, &api.user, &handle, &input).await?;
    consents(State(state), api, Path(id)).await
}
