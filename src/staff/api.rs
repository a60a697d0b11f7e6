//! Staff administration's JSON API: `/api/v1/users`.

use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use serde::Serialize;
use utoipa::ToSchema;

use super::service::{self, IssuedLink, StaffPatch, StaffWrite};
use crate::api::JsonBody;
use crate::store::{District, StaffMember};
use crate::web::session::ApiUser;
use crate::web::{AppError, AppState};

/// A staff member as an admin sees them (never a password or a second-factor secret).
#[derive(Debug, Serialize, ToSchema)]
pub struct StaffView {
    pub id: i64,
    pub username: String,
    pub display_name: String,
    pub role: String,
    /// District codes (empty for a state admin, who works in all).
    pub districts: Vec<String>,
    pub lang: String,
    pub active: bool,
    /// RFC 3339 (UTC), or null when they never signed in.
    pub last_sign_in_at: Option<String>,
    /// Two-step sign-in is on.
    pub two_step: bool,
}

/// A person just added, with the link they set their password with (shown this once).
#[derive(Debug, Serialize, ToSchema)]
pub struct Added {
    pub user: StaffView,
    pub sign_in_link: IssuedLink,
}

pub fn view(m: &StaffMember, districts: &[District]) -> StaffView {
    StaffView {
        id: m.user.id,
        username: m.user.username.clone(),
        display_name: m.user.display_name.clone(),
        role: m.user.role.code().into(),
        districts: m
            .user
            .districts
            .iter()
            .filter_map(|id| districts.iter().find(|d| d.id == *id))
            .map(|d| d.code.clone())
            .collect(),
        lang: m.user.lang.code().into(),
        active: m.active,
        last_sign_in_at: m.last_sign_in_at.map(crate::api::rfc3339),
        two_step: m.two_step,
    }
}

/// The staff of the caller's districts (everyone, for the state admin). Admins only.
#[utoipa::path(get, path = "/api/v1/users", tag = "staff", security(("bearer" = [])),
    responses(
        (status = 200, body = Vec<StaffView>),
        (status = 401, body = crate::web::error::Problem, content_type = "application/problem+json"),
        (status = 403, body = crate::web::error::Problem, content_type = "application/problem+json"),
    ))]
pub async fn list(State(state): State<AppState>, api: ApiUser) -> Result<Json<Vec<StaffView>>, AppError> {
    let people = service::list(&state, &api.user).await?;
    let districts = state.districts().await?;
    Ok(Json(people.iter().map(|m| view(m, &districts)).collect()))
}

/// Adds a person. They set their own password with the one-time link in the answer (hand it
/// over; it is not shown again). Nobody is given a role above the caller's or a district
/// outside the caller's.
#[utoipa::path(post, path = "/api/v1/users", tag = "staff", security(("bearer" = [])),
    request_body = StaffWrite,
    responses(
        (status = 201, body = Added),
        (status = 400, body = crate::web::error::Problem, content_type = "application/problem+json"),
        (status = 401, body = crate::web::error::Problem, content_type = "application/problem+json"),
        (status = 403, body = crate::web::error::Problem, content_type = "application/problem+json"),
        (status = 415, body = crate::web::error::Problem, content_type = "application/problem+json"),
        (status = 422, body = crate::web::error::Problem, content_type = "application/problem+json"),
    ))]
pub async fn add(
    State(state): State<AppState>,
    api: ApiUser,
    body: JsonBody<StaffWrite>,
) -> Result<(StatusCode, Json<Added>), AppError> {
    if !api.user.role.manages_users() {
        return Err(AppError::Forbidden);
    }
    let body = body.accept()?;
    let (id, link) = service::add(&state, &api.user, &body).await?;
    let m = state.store.staff_member(id).await?.ok_or(AppError::NotFound)?;
    let user = view(&m, &state.districts().await?);
    Ok((StatusCode::CREATED, Json(Added { user, sign_in_link: link })))
}

/// One person of the caller's districts.
#[utoipa::path(get, path = "/api/v1/users/{id}", tag = "staff", security(("bearer" = [])),
    params(("id" = i64, Path, description = "User id")),
    responses(
        (status = 200, body = StaffView),
        (status = 400, body = crate::web::error::Problem, content_type = "application/problem+json"),
        (status = 401, body = crate::web::error::Problem, content_type = "application/problem+json"),
        (status = 403, body = crate::web::error::Problem, content_type = "application/problem+json"),
        (status = 404, body = crate::web::error::Problem, content_type = "application/problem+json"),
    ))]
pub async fn get(
    State(state): State<AppState>,
    api: ApiUser,
    Path(id): Path<i64>,
) -> Result<Json<StaffView>, AppError> {
    let m = service::visible(&state, &api.user, id).await?;
    Ok(Json(view(&m, &state.districts().await?)))
}

/// Changes a person's role, districts or standing (`active: false` ends their sessions at
/// once). The last active state admin cannot be removed.
#[utoipa::path(patch, path = "/api/v1/users/{id}", tag = "staff", security(("bearer" = [])),
    params(("id" = i64, Path, description = "User id")), request_body = StaffPatch,
    responses(
        (status = 200, body = StaffView),
        (status = 400, body = crate::web::error::Problem, content_type = "application/problem+json"),
        (status = 401, body = crate::web::error::Problem, content_type = "application/problem+json"),
        (status = 403, body = crate::web::error::Problem, content_type = "application/problem+json"),
        (status = 404, body = crate::web::error::Problem, content_type = "application/problem+json"),
        (status = 415, body = crate::web::error::Problem, content_type = "application/problem+json"),
        (status = 422, body = crate::web::error::Problem, content_type = "application/problem+json"),
    ))]
pub async fn change(
    State(state): State<AppState>,
    api: ApiUser,
    Path(id): Path<i64>,
    body: JsonBody<StaffPatch>,
) -> Result<Json<StaffView>, AppError> {
    let m = service::managed(&state, &api.user, id).await?;
    let body = body.accept()?;
    service::change(&state, &api.user, &m, body.role.as_deref(), body.districts.as_deref(), body.active).await?;
    let fresh = state.store.staff_member(id).await?.ok_or(AppError::NotFound)?;
    Ok(Json(view(&fresh, &state.districts().await?)))
}

/// A new one-time link with which the person sets a new password (valid for a few hours; an
/// older link stops working). The caller never sees or sets the password.
#[utoipa::path(post, path = "/api/v1/users/{id}/reset-link", tag = "staff", security(("bearer" = [])),
    params(("id" = i64, Path, description = "User id")),
    responses(
        (status = 200, body = IssuedLink),
        (status = 400, body = crate::web::error::Problem, content_type = "application/problem+json"),
        (status = 401, body = crate::web::error::Problem, content_type = "application/problem+json"),
        (status = 403, body = crate::web::error::Problem, content_type = "application/problem+json"),
        (status = 404, body = crate::web::error::Problem, content_type = "application/problem+json"),
        (status = 422, body = crate::web::error::Problem, content_type = "application/problem+json"),
    ))]
pub async fn reset_link(
    State(state): State<AppState>,
    api: ApiUser,
    Path(id): Path<i64>,
) -> Result<Json<IssuedLink>, AppError> {
    let m = service::managed(&state, &api.user, id).await?;
    Ok(Json(service::reset_link(&state, &api.user, &m).await?))
}

/// Turns off a person's two-step sign-in (a lost phone); they can turn it on again.
#[utoipa::path(post, path = "/api/v1/users/{id}/reset-two-step", tag = "staff", security(("bearer" = [])),
    params(("id" = i64, Path, description = "User id")),
    responses(
        (status = 200, body = StaffView),
        (status = 400, body = crate::web::error::Problem, content_type = "application/problem+json"),
        (status = 401, body = crate::web::error::Problem, content_type = "application/problem+json"),
        (status = 403, body = crate::web::error::Problem, content_type = "application/problem+json"),
        (status = 404, body = crate::web::error::Problem, content_type = "application/problem+json"),
    ))]
pub async fn reset_two_step(
    State(state): State<AppState>,
    api: ApiUser,
    Path(id): Path<i64>,
) -> Result<Json<StaffView>, AppError> {
    let m = service::managed(&state, &api.user, id).await?;
    service::reset_two_step(&state, &api.user, &m).await?;
    let fresh = state.store.staff_member(id).await?.ok_or(AppError::NotFound)?;
    Ok(Json(view(&fresh, &state.districts().await?)))
}
