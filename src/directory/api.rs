//! The directory's JSON API: `/api/v1/districts/{code}/stations`, `/legal-aid`, `/tips`.
//! Every staff member of the district reads the lists (the referral form offers them); admins
//! of the district change them.

use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use serde::Deserialize;
use utoipa::ToSchema;

use super::service::{self, ContactWrite, StationWrite, TipWrite};
use crate::api::JsonBody;
use crate::store::{LegalAidContact, LibraryTip, Station};
use crate::web::session::ApiUser;
use crate::web::{AppError, AppState};

/// A district's police stations, inactive ones included (they say so).
#[utoipa::path(get, path = "/api/v1/districts/{code}/stations", tag = "directory", security(("bearer" = [])),
    params(("code" = String, Path, description = "District code")),
    responses(
        (status = 200, body = Vec<Station>),
        (status = 400, body = crate::web::error::Problem, content_type = "application/problem+json"),
        (status = 401, body = crate::web::error::Problem, content_type = "application/problem+json"),
        (status = 404, body = crate::web::error::Problem, content_type = "application/problem+json"),
    ))]
pub async fn stations(
    State(state): State<AppState>,
    api: ApiUser,
    Path(code): Path<String>,
) -> Result<Json<Vec<Station>>, AppError> {
    let d = super::visible(&state, &api.user, &code).await?;
    Ok(Json(state.store.stations(d.id, true).await?))
}

/// Adds a police station to a district.
#[utoipa::path(post, path = "/api/v1/districts/{code}/stations", tag = "directory", security(("bearer" = [])),
    params(("code" = String, Path, description = "District code")), request_body = StationWrite,
    responses(
        (status = 201, body = Station),
        (status = 400, body = crate::web::error::Problem, content_type = "application/problem+json"),
        (status = 401, body = crate::web::error::Problem, content_type = "application/problem+json"),
        (status = 403, body = crate::web::error::Problem, content_type = "application/problem+json"),
        (status = 404, body = crate::web::error::Problem, content_type = "application/problem+json"),
        (status = 415, body = crate::web::error::Problem, content_type = "application/problem+json"),
        (status = 422, body = crate::web::error::Problem, content_type = "application/problem+json"),
    ))]
pub async fn add_station(
    State(state): State<AppState>,
    api: ApiUser,
    Path(code): Path<String>,
    body: JsonBody<StationWrite>,
) -> Result<(StatusCode, Json<Station>), AppError> {
    let d = super::administered(&state, &api.user, &code).await?;
    let body = body.accept()?;
    let id = service::add_station(&state, &api.user, &d, &body).await?;
    Ok((StatusCode::CREATED, Json(state.store.station(id).await?)))
}

/// Changes a station (send `active: false` to deactivate it).
#[utoipa::path(put, path = "/api/v1/districts/{code}/stations/{station}", tag = "directory", security(("bearer" = [])),
    params(("code" = String, Path, description = "District code"), ("station" = i64, Path, description = "Station id")),
    request_body = StationWrite,
    responses(
        (status = 200, body = Station),
        (status = 400, body = crate::web::error::Problem, content_type = "application/problem+json"),
        (status = 401, body = crate::web::error::Problem, content_type = "application/problem+json"),
        (status = 403, body = crate::web::error::Problem, content_type = "application/problem+json"),
        (status = 404, body = crate::web::error::Problem, content_type = "application/problem+json"),
        (status = 415, body = crate::web::error::Problem, content_type = "application/problem+json"),
        (status = 422, body = crate::web::error::Problem, content_type = "application/problem+json"),
    ))]
pub async fn edit_station(
    State(state): State<AppState>,
    api: ApiUser,
    Path((code, id)): Path<(String, i64)>,
    body: JsonBody<StationWrite>,
) -> Result<Json<Station>, AppError> {
    let d = super::administered(&state, &api.user, &code).await?;
    let body = body.accept()?;
    service::edit_station(&state, &api.user, &d, id, &body).await?;
    Ok(Json(state.store.station(id).await?))
}

/// A district's legal-aid contacts (DLSA, empanelled lawyers, NGOs), inactive ones included.
#[utoipa::path(get, path = "/api/v1/districts/{code}/legal-aid", tag = "directory", security(("bearer" = [])),
    params(("code" = String, Path, description = "District code")),
    responses(
        (status = 200, body = Vec<LegalAidContact>),
        (status = 400, body = crate::web::error::Problem, content_type = "application/problem+json"),
        (status = 401, body = crate::web::error::Problem, content_type = "application/problem+json"),
        (status = 404, body = crate::web::error::Problem, content_type = "application/problem+json"),
    ))]
pub async fn contacts(
    State(state): State<AppState>,
    api: ApiUser,
    Path(code): Path<String>,
) -> Result<Json<Vec<LegalAidContact>>, AppError> {
    let d = super::visible(&state, &api.user, &code).await?;
    Ok(Json(state.store.legal_aid_contacts(d.id, true).await?))
}

/// Adds a legal-aid contact to a district.
#[utoipa::path(post, path = "/api/v1/districts/{code}/legal-aid", tag = "directory", security(("bearer" = [])),
    params(("code" = String, Path, description = "District code")), request_body = ContactWrite,
    responses(
        (status = 201, body = LegalAidContact),
        (status = 400, body = crate::web::error::Problem, content_type = "application/problem+json"),
        (status = 401, body = crate::web::error::Problem, content_type = "application/problem+json"),
        (status = 403, body = crate::web::error::Problem, content_type = "application/problem+json"),
        (status = 404, body = crate::web::error::Problem, content_type = "application/problem+json"),
        (status = 415, body = crate::web::error::Problem, content_type = "application/problem+json"),
        (status = 422, body = crate::web::error::Problem, content_type = "application/problem+json"),
    ))]
pub async fn add_contact(
    State(state): State<AppState>,
    api: ApiUser,
    Path(code): Path<String>,
    body: JsonBody<ContactWrite>,
) -> Result<(StatusCode, Json<LegalAidContact>), AppError> {
    let d = super::administered(&state, &api.user, &code).await?;
    let body = body.accept()?;
    let id = service::add_contact(&state, &api.user, &d, &body).await?;
    Ok((StatusCode::CREATED, Json(state.store.legal_aid_contact(id).await?)))
}

/// Changes a legal-aid contact (send `active: false` to deactivate it).
#[utoipa::path(put, path = "/api/v1/districts/{code}/legal-aid/{contact}", tag = "directory", security(("bearer" = [])),
    params(("code" = String, Path, description = "District code"), ("contact" = i64, Path, description = "Contact id")),
    request_body = ContactWrite,
    responses(
        (status = 200, body = LegalAidContact),
        (status = 400, body = crate::web::error::Problem, content_type = "application/problem+json"),
        (status = 401, body = crate::web::error::Problem, content_type = "application/problem+json"),
        (status = 403, body = crate::web::error::Problem, content_type = "application/problem+json"),
        (status = 404, body = crate::web::error::Problem, content_type = "application/problem+json"),
        (status = 415, body = crate::web::error::Problem, content_type = "application/problem+json"),
        (status = 422, body = crate::web::error::Problem, content_type = "application/problem+json"),
    ))]
pub async fn edit_contact(
    State(state): State<AppState>,
    api: ApiUser,
    Path((code, id)): Path<(String, i64)>,
    body: JsonBody<ContactWrite>,
) -> Result<Json<LegalAidContact>, AppError> {
    let d = super::administered(&state, &api.user, &code).await?;
    let body = body.accept()?;
    service::edit_contact(&state, &api.user, &d, id, &body).await?;
    Ok(Json(state.store.legal_aid_contact(id).await?))
}

/// The prevention library as the district sees it: the shared tips (with `hidden` where the
/// district hid them) and its own.
#[utoipa::path(get, path = "/api/v1/districts/{code}/tips", tag = "directory", security(("bearer" = [])),
    params(("code" = String, Path, description = "District code")),
    responses(
        (status = 200, body = Vec<LibraryTip>),
        (status = 400, body = crate::web::error::Problem, content_type = "application/problem+json"),
        (status = 401, body = crate::web::error::Problem, content_type = "application/problem+json"),
        (status = 404, body = crate::web::error::Problem, content_type = "application/problem+json"),
    ))]
pub async fn tips(
    State(state): State<AppState>,
    api: ApiUser,
    Path(code): Path<String>,
) -> Result<Json<Vec<LibraryTip>>, AppError> {
    let d = super::visible(&state, &api.user, &code).await?;
    Ok(Json(state.store.library_tips(Some(d.id)).await?))
}

/// Adds a tip: the district's own, or (state admin, `shared: true`) to the shared library.
#[utoipa::path(post, path = "/api/v1/districts/{code}/tips", tag = "directory", security(("bearer" = [])),
    params(("code" = String, Path, description = "District code")), request_body = TipWrite,
    responses(
        (status = 201, body = LibraryTip),
        (status = 400, body = crate::web::error::Problem, content_type = "application/problem+json"),
        (status = 401, body = crate::web::error::Problem, content_type = "application/problem+json"),
        (status = 403, body = crate::web::error::Problem, content_type = "application/problem+json"),
        (status = 404, body = crate::web::error::Problem, content_type = "application/problem+json"),
        (status = 415, body = crate::web::error::Problem, content_type = "application/problem+json"),
        (status = 422, body = crate::web::error::Problem, content_type = "application/problem+json"),
    ))]
pub async fn add_tip(
    State(state): State<AppState>,
    api: ApiUser,
    Path(code): Path<String>,
    body: JsonBody<TipWrite>,
) -> Result<(StatusCode, Json<LibraryTip>), AppError> {
    let d = super::administered(&state, &api.user, &code).await?;
    let body = body.accept()?;
    Ok((StatusCode::CREATED, Json(service::add_tip(&state, &api.user, &d, &body).await?)))
}

/// Changes a tip: a shared one (state admin) or the district's own (send `active: false` to
/// deactivate it).
#[utoipa::path(put, path = "/api/v1/districts/{code}/tips/{tip}", tag = "directory", security(("bearer" = [])),
    params(("code" = String, Path, description = "District code"), ("tip" = i64, Path, description = "Tip id")),
    request_body = TipWrite,
    responses(
        (status = 200, body = LibraryTip),
        (status = 400, body = crate::web::error::Problem, content_type = "application/problem+json"),
        (status = 401, body = crate::web::error::Problem, content_type = "application/problem+json"),
        (status = 403, body = crate::web::error::Problem, content_type = "application/problem+json"),
        (status = 404, body = crate::web::error::Problem, content_type = "application/problem+json"),
        (status = 415, body = crate::web::error::Problem, content_type = "application/problem+json"),
        (status = 422, body = crate::web::error::Problem, content_type = "application/problem+json"),
    ))]
pub async fn edit_tip(
    State(state): State<AppState>,
    api: ApiUser,
    Path((code, id)): Path<(String, i64)>,
    body: JsonBody<TipWrite>,
) -> Result<Json<LibraryTip>, AppError> {
    let d = super::administered(&state, &api.user, &code).await?;
    let body = body.accept()?;
    service::edit_tip(&state, &api.user, &d, id, &body).await?;
    Ok(Json(state.store.library_tip(id).await?))
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct HiddenWrite {
    /// True to hide the shared tip in this district, false to show it again.
    pub hidden: bool,
}

/// Hides a shared tip in the district, or shows it again.
#[utoipa::path(put, path = "/api/v1/districts/{code}/tips/{tip}/hidden", tag = "directory", security(("bearer" = [])),
    params(("code" = String, Path, description = "District code"), ("tip" = i64, Path, description = "Tip id")),
    request_body = HiddenWrite,
    responses(
        (status = 204, description = "Done"),
        (status = 400, body = crate::web::error::Problem, content_type = "application/problem+json"),
        (status = 401, body = crate::web::error::Problem, content_type = "application/problem+json"),
        (status = 403, body = crate::web::error::Problem, content_type = "application/problem+json"),
        (status = 404, body = crate::web::error::Problem, content_type = "application/problem+json"),
        (status = 415, body = crate::web::error::Problem, content_type = "application/problem+json"),
        (status = 422, body = crate::web::error::Problem, content_type = "application/problem+json"),
    ))]
pub async fn hide_tip(
    State(state): State<AppState>,
    api: ApiUser,
    Path((code, id)): Path<(String, i64)>,
    body: JsonBody<HiddenWrite>,
) -> Result<StatusCode, AppError> {
    let d = super::administered(&state, &api.user, &code).await?;
    let body = body.accept()?;
    service::hide_tip(&state, &api.user, &d, id, body.hidden).await?;
    Ok(StatusCode::NO_CONTENT)
}
