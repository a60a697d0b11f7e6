//! Bearer tokens for the JSON API.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::auth::Passed;
use crate::web::AppState;
use crate::web::error::{AppError, FieldErrors};
use crate::web::session::ApiUser;

#[derive(Deserialize, ToSchema)]
#[serde(default)]
#[derive(Default)]
pub struct LoginRequest {
    #[schema(required = true, pattern = "@text")]
    pub username: String,
    #[schema(required = true, min_length = 1)]
    pub password: String,
    /// The six-digit code from the authenticator app, for accounts with two-step sign-in.
    #[schema(nullable = false)]
    pub code: Option<String>,
}

#[derive(Serialize, Deserialize, ToSchema)]
pub struct LoginResponse {
    /// Send as `Authorization: Bearer <token>`.
    pub token: String,
}

/// Exchanges a username and password for a bearer token.
#[utoipa::path(
    post, path = "/api/v1/auth/login", tag = "auth",
    request_body = LoginRequest,
    responses(
        (status = 200, description = "Signed in", body = LoginResponse),
        (status = 400, description = "A parameter or body that could not be read", body = crate::web::error::Problem,
         content_type = "application/problem+json"),
        (status = 401, description = "Wrong username or password", body = crate::web::error::Problem,
         content_type = "application/problem+json"),
        (status = 415, description = "Not JSON", body = crate::web::error::Problem,
         content_type = "application/problem+json"),
        (status = 422, description = "Username or password missing, or the account's code (`error-code-required`)",
         body = crate::web::error::Problem, content_type = "application/problem+json"),
        (status = 429, description = "Too many failed sign-ins for this account or from this address; see Retry-After",
         body = crate::web::error::Problem, content_type = "application/problem+json"),
    )
)]
pub async fn login(
    State(state): State<AppState>,
    body: crate::api::JsonBody<LoginRequest>,
) -> Result<Json<LoginResponse>, AppError> {
    let req = body.accept()?;
    let mut errors = FieldErrors::default();
    if req.username.trim().is_empty() {
        errors.add("username", "error-required");
    }
    if req.password.is_empty() {
        errors.add("password", "error-required");
    }
    errors.into_result()?;
    let refused = |state: AppState, username: String| async move {
        crate::privacy::audit::record(&state, None, "login.failed", &format!("user:{username}"), "api").await;
        tracing::info!("API sign-in refused");
        AppError::Unauthorized
    };
    let user = match crate::auth::check_password(&state, &req.username, &req.password).await? {
        None => return Err(refused(state, req.username.trim().to_owned()).await),
        Some(Passed::SignedIn(user)) => user,
        Some(Passed::NeedsCode(user)) => {
            let code = req.code.as_deref().unwrap_or("").trim();
            if code.is_empty() {
                return Err(AppError::invalid("code", "error-code-required"));
            }
            if !crate::auth::check_code(&state, &user, code).await? {
                return Err(refused(state, user.username).await);
            }
            user
        }
    };
    let token = crate::auth::open_session(&state, &user, "api").await?;
    crate::privacy::audit::record(&state, Some(user.id), "login.ok", &format!("user:{}", user.username), "api").await;
    tracing::info!(user_id = user.id, "API token issued");
    Ok(Json(LoginResponse { token }))
}

/// Revokes the bearer token used for this request.
#[utoipa::path(
    post, path = "/api/v1/auth/logout", tag = "auth",
    security(("bearer" = [])),
    responses(
        (status = 204, description = "Token revoked"),
        (status = 400, description = "A parameter that could not be read", body = crate::web::error::Problem,
         content_type = "application/problem+json"),
        (status = 401, description = "No valid token", body = crate::web::error::Problem,
         content_type = "application/problem+json"),
    )
)]
pub async fn logout(State(state): State<AppState>, api: ApiUser) -> Result<StatusCode, AppError> {
    state.store.delete_session(&api.token_hash).await?;
    Ok(StatusCode::NO_CONTENT)
}
