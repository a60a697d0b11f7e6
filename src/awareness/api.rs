//! Awareness programmes as JSON: institutions, programmes, attendance, the feedback summary,
//! and the public feedback endpoint behind the programme's link.

use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use chrono::{Days, NaiveDate};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::service::{self, AttendanceWrite, FeedbackWrite, InstitutionChange, InstitutionWrite, ProgrammeWrite};
use super::{open_institution, open_programme};
use crate::api::{JsonBody, rfc3339};
use crate::store::{Institution, Programme};
use crate::web::error::Problem;
use crate::web::session::ApiUser;
use crate::web::{AppError, AppState};

#[derive(Serialize, Deserialize, ToSchema)]
pub struct InstitutionJson {
    pub id: i64,
    /// The district's code.
    pub district: String,
    pub name: String,
    pub kind: String,
    pub address: Option<String>,
    pub contact_person: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
    /// When the latest held programme there started; null when never visited.
    pub last_visited: Option<String>,
}

#[derive(Serialize, Deserialize, ToSchema)]
pub struct ProgrammeJson {
    pub id: i64,
    pub district: String,
    pub institution_id: i64,
    pub institution: String,
    pub starts_at: String,
    pub venue: Option<String>,
    pub audience: Vec<String>,
    pub classes: Option<String>,
    pub language: String,
    pub speakers: Option<String>,
    /// Prevention tip ids.
    pub topics: Vec<String>,
    pub materials: Option<String>,
    pub status: String,
    pub attendance: Option<i64>,
    /// Quiz question ids; empty without a quiz.
    pub quiz: Vec<String>,
    /// The public feedback page, relative to the server.
    pub feedback_path: String,
}

#[derive(Serialize, Deserialize, ToSchema)]
pub struct FeedbackSummaryJson {
    pub programme_id: i64,
    pub responses: i64,
    pub ratings: i64,
    pub average_rating: Option<f64>,
    /// Quiz sheets answered at the start, and their mean share of right answers (0–1).
    pub before_count: i64,
    pub before_average: Option<f64>,
    pub after_count: i64,
    pub after_average: Option<f64>,
    /// What attendees will do differently, newest first (at most 50).
    pub changes: Vec<String>,
}

#[derive(Serialize, Deserialize, ToSchema)]
pub struct FeedbackAccepted {
    pub stage: String,
}

async fn district_code(state: &AppState, id: i64) -> Result<String, AppError> {
    Ok(state.districts().await?.iter().find(|d| d.id == id).map(|d| d.code.clone()).unwrap_or_default())
}

async fn institution_json(state: &AppState, i: Institution) -> Result<InstitutionJson, AppError> {
    Ok(InstitutionJson {
        district: district_code(state, i.district_id).await?,
        id: i.id,
        name: i.name,
        kind: i.kind,
        address: i.address,
        contact_person: i.contact_person,
        phone: i.phone,
        email: i.email,
        last_visited: i.last_visited.map(rfc3339),
    })
}

async fn programme_json(state: &AppState, p: Programme) -> Result<ProgrammeJson, AppError> {
    Ok(ProgrammeJson {
        district: district_code(state, p.district_id).await?,
        feedback_path: super::feedback_path(&p),
        id: p.id,
        institution_id: p.institution_id,
        institution: p.institution_name,
        starts_at: rfc3339(p.starts_at),
        venue: p.venue,
        audience: p.audience,
        classes: p.classes,
        language: p.language,
        speakers: p.speakers,
        topics: p.topics,
        materials: p.materials,
        status: p.status,
        attendance: p.attendance,
        quiz: p.quiz,
    })
}

#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ListParams {
    /// A district code; all the caller's districts when left out.
    #[serde(default)]
    #[param(pattern = "@district")]
    pub district: Option<String>,
    /// Programmes from this day, `YYYY-MM-DD` (IST); default today.
    #[serde(default)]
    #[param(pattern = "@day")]
    pub from: Option<String>,
    /// Programmes before this day, `YYYY-MM-DD`; default 60 days after `from`.
    #[serde(default)]
    #[param(pattern = "@day")]
    pub to: Option<String>,
}

fn day(field: &'static str, s: Option<&str>, default: NaiveDate) -> Result<NaiveDate, AppError> {
    match s.map(str::trim).filter(|s| !s.is_empty()) {
        None => Ok(default),
        Some(s) => NaiveDate::parse_from_str(s, "%Y-%m-%d")
            .ok()
            .filter(|d| (2000..=2100).contains(&chrono::Datelike::year(d)))
            .ok_or(AppError::invalid(field, "error-awareness-date")),
    }
}

fn district_param(p: &ListParams) -> Option<&str> {
    p.district.as_deref().map(str::trim).filter(|s| !s.is_empty())
}

/// The institutions of the caller's districts (or one district), never visited first.
#[utoipa::path(get, path = "/api/v1/awareness/institutions", tag = "awareness", security(("bearer" = [])),
    params(ListParams),
    responses(
        (status = 200, body = Vec<InstitutionJson>),
        (status = 400, body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn institutions(
    State(state): State<AppState>,
    api: ApiUser,
    crate::api::QueryParams(q): crate::api::QueryParams<ListParams>,
) -> Result<Json<Vec<InstitutionJson>>, AppError> {
    let (_, scope) = crate::dashboards::figures::resolve_district(&state, &api.user, district_param(&q)).await?;
    let mut out = Vec::new();
    for i in state.store.institutions(&scope).await? {
        out.push(institution_json(&state, i).await?);
    }
    Ok(Json(out))
}

/// Adds an institution to a district.
#[utoipa::path(post, path = "/api/v1/awareness/institutions", tag = "awareness", security(("bearer" = [])),
    request_body = InstitutionWrite,
    responses(
        (status = 201, body = InstitutionJson),
        (status = 400, body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 415, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn create_institution(
    State(state): State<AppState>,
    api: ApiUser,
    body: JsonBody<InstitutionWrite>,
) -> Result<(StatusCode, Json<InstitutionJson>), AppError> {
    super::require_writer(&api.user)?;
    let body = body.accept()?;
    let id = service::create_institution(&state, &api.user, &body).await?;
    let handle = open_institution(&state, &api.user, id).await?;
    Ok((StatusCode::CREATED, Json(institution_json(&state, handle.get().clone()).await?)))
}

#[utoipa::path(get, path = "/api/v1/awareness/institutions/{institution}", tag = "awareness", security(("bearer" = [])),
    params(("institution" = i64, Path, description = "Institution id")),
    responses(
        (status = 200, body = InstitutionJson),
        (status = 400, body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn institution(
    State(state): State<AppState>,
    api: ApiUser,
    Path(id): Path<i64>,
) -> Result<Json<InstitutionJson>, AppError> {
    let handle = open_institution(&state, &api.user, id).await?;
    Ok(Json(institution_json(&state, handle.get().clone()).await?))
}

/// Replaces an institution's details (its district stays).
#[utoipa::path(put, path = "/api/v1/awareness/institutions/{institution}", tag = "awareness", security(("bearer" = [])),
    params(("institution" = i64, Path, description = "Institution id")), request_body = InstitutionChange,
    responses(
        (status = 200, body = InstitutionJson),
        (status = 400, body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 415, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn update_institution(
    State(state): State<AppState>,
    api: ApiUser,
    Path(id): Path<i64>,
    body: JsonBody<InstitutionChange>,
) -> Result<Json<InstitutionJson>, AppError> {
    let handle = open_institution(&state, &api.user, id).await?;
    super::require_writer(&api.user)?;
    let body = body.accept()?;
    service::update_institution(&state, &api.user, &handle, &body.into()).await?;
    let handle = open_institution(&state, &api.user, id).await?;
    Ok(Json(institution_json(&state, handle.get().clone()).await?))
}

/// Programmes of the caller's districts (or one district) from `from` to `to`, soonest first.
#[utoipa::path(get, path = "/api/v1/awareness/programmes", tag = "awareness", security(("bearer" = [])),
    params(ListParams),
    responses(
        (status = 200, body = Vec<ProgrammeJson>),
        (status = 400, body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn programmes(
    State(state): State<AppState>,
    api: ApiUser,
    crate::api::QueryParams(q): crate::api::QueryParams<ListParams>,
) -> Result<Json<Vec<ProgrammeJson>>, AppError> {
    let (_, scope) = crate::dashboards::figures::resolve_district(&state, &api.user, district_param(&q)).await?;
    let today = state.now().with_timezone(&sahayak_domain::time::ist()).date_naive();
    let from = day("from", q.from.as_deref(), today)?;
    let to = day("to", q.to.as_deref(), from + Days::new(super::pages::CALENDAR_DAYS))?;
    if to <= from {
        return Err(AppError::invalid("to", "error-awareness-date-order"));
    }
    let list = state.store.programmes(&scope, super::pages::day_start(from), super::pages::day_start(to), None).await?;
    let mut out = Vec::new();
    for p in list {
        out.push(programme_json(&state, p).await?);
    }
    Ok(Json(out))
}

/// Plans (or records) a programme at an institution.
#[utoipa::path(post, path = "/api/v1/awareness/programmes", tag = "awareness", security(("bearer" = [])),
    request_body = ProgrammeWrite,
    responses(
        (status = 201, body = ProgrammeJson),
        (status = 400, body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 415, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn create_programme(
    State(state): State<AppState>,
    api: ApiUser,
    body: JsonBody<ProgrammeWrite>,
) -> Result<(StatusCode, Json<ProgrammeJson>), AppError> {
    super::require_writer(&api.user)?;
    let body = body.accept()?;
    let id = service::create_programme(&state, &api.user, &body).await?;
    let handle = open_programme(&state, &api.user, id).await?;
    Ok((StatusCode::CREATED, Json(programme_json(&state, handle.get().clone()).await?)))
}

#[utoipa::path(get, path = "/api/v1/awareness/programmes/{programme}", tag = "awareness", security(("bearer" = [])),
    params(("programme" = i64, Path, description = "Programme id")),
    responses(
        (status = 200, body = ProgrammeJson),
        (status = 400, body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn programme(
    State(state): State<AppState>,
    api: ApiUser,
    Path(id): Path<i64>,
) -> Result<Json<ProgrammeJson>, AppError> {
    let handle = open_programme(&state, &api.user, id).await?;
    Ok(Json(programme_json(&state, handle.get().clone()).await?))
}

/// Replaces a programme's details (it stays in its district).
#[utoipa::path(put, path = "/api/v1/awareness/programmes/{programme}", tag = "awareness", security(("bearer" = [])),
    params(("programme" = i64, Path, description = "Programme id")), request_body = ProgrammeWrite,
    responses(
        (status = 200, body = ProgrammeJson),
        (status = 400, body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 415, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn update_programme(
    State(state): State<AppState>,
    api: ApiUser,
    Path(id): Path<i64>,
    body: JsonBody<ProgrammeWrite>,
) -> Result<Json<ProgrammeJson>, AppError> {
    let handle = open_programme(&state, &api.user, id).await?;
    super::require_writer(&api.user)?;
    let body = body.accept()?;
    service::update_programme(&state, &api.user, &handle, &body).await?;
    let handle = open_programme(&state, &api.user, id).await?;
    Ok(Json(programme_json(&state, handle.get().clone()).await?))
}

/// Records how a programme went: held (with the attendance), cancelled, or planned still.
#[utoipa::path(post, path = "/api/v1/awareness/programmes/{programme}/attendance", tag = "awareness",
    security(("bearer" = [])),
    params(("programme" = i64, Path, description = "Programme id")), request_body = AttendanceWrite,
    responses(
        (status = 200, body = ProgrammeJson),
        (status = 400, body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 415, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn attendance(
    State(state): State<AppState>,
    api: ApiUser,
    Path(id): Path<i64>,
    body: JsonBody<AttendanceWrite>,
) -> Result<Json<ProgrammeJson>, AppError> {
    let handle = open_programme(&state, &api.user, id).await?;
    super::require_writer(&api.user)?;
    let body = body.accept()?;
    service::record_attendance(&state, &api.user, &handle, &body).await?;
    let handle = open_programme(&state, &api.user, id).await?;
    Ok(Json(programme_json(&state, handle.get().clone()).await?))
}

/// The programme's feedback: ratings, quiz averages before and after, written answers.
#[utoipa::path(get, path = "/api/v1/awareness/programmes/{programme}/feedback", tag = "awareness",
    security(("bearer" = [])),
    params(("programme" = i64, Path, description = "Programme id")),
    responses(
        (status = 200, body = FeedbackSummaryJson),
        (status = 400, body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn feedback_summary(
    State(state): State<AppState>,
    api: ApiUser,
    Path(id): Path<i64>,
) -> Result<Json<FeedbackSummaryJson>, AppError> {
    let handle = open_programme(&state, &api.user, id).await?;
    let s = state.store.feedback_summary(handle.get().id).await?;
    Ok(Json(FeedbackSummaryJson {
        programme_id: id,
        responses: s.responses,
        ratings: s.ratings,
        average_rating: s.average_rating,
        before_count: s.before_count,
        before_average: s.before_average,
        after_count: s.after_count,
        after_average: s.after_average,
        changes: s.changes,
    }))
}

/// An attendee's answer sheet, without signing in (the token is the one in the programme's
/// link). Throttled per address; nothing about the sender is kept.
#[utoipa::path(post, path = "/api/v1/feedback/{token}", tag = "awareness",
    params(("token" = String, Path, description = "The programme's feedback token")), request_body = FeedbackWrite,
    responses(
        (status = 201, body = FeedbackAccepted),
        (status = 400, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 415, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
        (status = 429, body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn submit_feedback(
    State(state): State<AppState>,
    Path(token): Path<String>,
    body: JsonBody<FeedbackWrite>,
) -> Result<(StatusCode, Json<FeedbackAccepted>), AppError> {
    let p = super::feedback::programme(&state, &token).await?;
    let body = body.accept()?;
    super::feedback::accept(&state, &p, &body).await?;
    let stage = if body.stage.trim() == "before" { "before" } else { "after" };
    Ok((StatusCode::CREATED, Json(FeedbackAccepted { stage: stage.into() })))
}
