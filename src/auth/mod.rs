//! Signing in and out, for people (cookie session) and programs (bearer token).

pub mod api;
mod login;
pub mod password;

use axum::Router;
use axum::routing::{get, post};

use crate::store::User;
use crate::web::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/login", get(login::form).post(login::submit))
        .route("/logout", post(login::logout))
        .route("/settings/lang", post(login::set_lang))
        .route("/api/v1/auth/login", post(api::login))
        .route("/api/v1/auth/logout", post(api::logout))
}

/// Checks a username and password; `None` when either is wrong (never says which).
pub async fn authenticate(
    state: &AppState,
    username: &str,
    password: &str,
) -> Result<Option<User>, crate::web::AppError> {
    let found = state.store.user_for_login(username.trim()).await?;
    let (user, hash) = match found {
        Some((u, h)) => (Some(u), Some(h)),
        None => (None, None),
    };
    let ok = state.passwords.verify(password.to_owned(), hash).await;
    Ok(if ok { user } else { None })
}

/// Opens a session and returns its token (shown once; only its hash is stored).
pub async fn open_session(state: &AppState, user: &User, kind: &str) -> Result<String, crate::web::AppError> {
    let token = crate::web::session::new_token();
    let csrf = crate::web::session::new_token();
    let hash = crate::web::session::token_hash(&token);
    state.store.create_session(&hash, user.id, kind, &csrf, state.session_ttl_ms()).await?;
    Ok(token)
}
