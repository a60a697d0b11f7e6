//! The sign-in page, sign-out, and the language switch.

use askama::Template;
use axum::extract::{Query, State};
use axum::http::HeaderMap;
use axum::http::header::SET_COOKIE;
use axum::response::{AppendHeaders, Html, IntoResponse, Redirect, Response};
use sahayak_domain::case::Lang;
use serde::Deserialize;

use crate::web::error::AppError;
use crate::web::form::FormData;
use crate::web::page::Page;
use crate::web::session::{
    LANG_COOKIE, LOGIN_CSRF_COOKIE, SESSION_COOKIE, Staff, Viewer, new_token, same_secret, set_cookie, token_hash,
};
use crate::web::{AppState, cookie};

#[derive(Template)]
#[template(path = "login.html")]
struct LoginPage {
    page: Page,
    next: String,
    username: String,
    error: Option<String>,
}

#[derive(Deserialize)]
pub struct NextQuery {
    #[serde(default)]
    next: String,
}

/// Only local paths: a login link must not send people to another site.
fn safe_next(next: &str) -> String {
    if next.starts_with('/') && !next.starts_with("//") && !next.contains('\\') {
        next.to_owned()
    } else {
        "/cases".to_owned()
    }
}

/// Renders the form with a fresh double-submit token (the form has no session to hold one).
fn login_page(
    state: &AppState,
    mut page: Page,
    next: &str,
    username: &str,
    error: Option<String>,
) -> Result<Response, AppError> {
    page.csrf = new_token();
    let cookie = set_cookie(state, LOGIN_CSRF_COOKIE, &page.csrf, 3600);
    let status = if error.is_some() { axum::http::StatusCode::UNAUTHORIZED } else { axum::http::StatusCode::OK };
    let body = LoginPage { page, next: safe_next(next), username: username.to_owned(), error };
    Ok((status, AppendHeaders([(SET_COOKIE, cookie)]), Html(body.render()?)).into_response())
}

pub async fn form(
    State(state): State<AppState>,
    viewer: Viewer,
    Query(q): Query<NextQuery>,
) -> Result<Response, AppError> {
    if viewer.user.is_some() {
        return Ok(Redirect::to(&safe_next(&q.next)).into_response());
    }
    login_page(&state, viewer.page(&state), &q.next, "", None)
}

pub async fn submit(
    State(state): State<AppState>,
    viewer: Viewer,
    headers: HeaderMap,
    form: FormData,
) -> Result<Response, AppError> {
    let expected = cookie(&headers, LOGIN_CSRF_COOKIE).unwrap_or_default();
    if expected.is_empty() || !same_secret(expected, form.csrf()) {
        return Err(AppError::Csrf);
    }
    let page = viewer.page(&state);
    let username = form.get("username").trim();
    let Some(user) = crate::auth::authenticate(&state, username, form.get("password")).await? else {
        crate::privacy::audit::record(&state, None, "login.failed", &format!("user:{username}"), "web").await;
        tracing::info!("sign-in refused");
        let message = page.t("login-failed");
        return login_page(&state, page, form.get("next"), username, Some(message));
    };
    // A new session on every sign-in: a token planted before sign-in is worthless after it.
    if let Some(old) = cookie(&headers, SESSION_COOKIE) {
        state.store.delete_session(&token_hash(old)).await?;
    }
    let token = crate::auth::open_session(&state, &user, "web").await?;
    crate::privacy::audit::record(&state, Some(user.id), "login.ok", &format!("user:{}", user.username), "web").await;
    tracing::info!(user_id = user.id, "signed in");
    let max_age = state.config.session_hours * 3600;
    Ok((
        AppendHeaders([
            (SET_COOKIE, set_cookie(&state, SESSION_COOKIE, &token, max_age)),
            (SET_COOKIE, set_cookie(&state, LANG_COOKIE, user.lang.code(), 365 * 86400)),
            (SET_COOKIE, set_cookie(&state, LOGIN_CSRF_COOKIE, "", 0)),
        ]),
        Redirect::to(&safe_next(form.get("next"))),
    )
        .into_response())
}

pub async fn logout(
    State(state): State<AppState>,
    staff: Staff,
    headers: HeaderMap,
    form: FormData,
) -> Result<Response, AppError> {
    staff.check_csrf(form.csrf())?;
    if let Some(token) = cookie(&headers, SESSION_COOKIE) {
        state.store.delete_session(&token_hash(token)).await?;
    }
    crate::privacy::audit::record(
        &state,
        Some(staff.user.id),
        "logout",
        &format!("user:{}", staff.user.username),
        "web",
    )
    .await;
    Ok((AppendHeaders([(SET_COOKIE, set_cookie(&state, SESSION_COOKIE, "", 0))]), Redirect::to("/login"))
        .into_response())
}

/// Switches the interface language, remembering it for the user (if signed in) and browser.
pub async fn set_lang(State(state): State<AppState>, viewer: Viewer, form: FormData) -> Result<Response, AppError> {
    let lang: Lang = form.get("lang").parse().map_err(|_| AppError::BadRequest("error-bad-request"))?;
    if let (Some(user), Some(session)) = (&viewer.user, &viewer.session) {
        if !same_secret(&session.csrf, form.csrf()) {
            return Err(AppError::Csrf);
        }
        state.store.set_user_lang(user.id, lang).await?;
    }
    Ok((
        AppendHeaders([(SET_COOKIE, set_cookie(&state, LANG_COOKIE, lang.code(), 365 * 86400))]),
        Redirect::to(&safe_next(form.get("next"))),
    )
        .into_response())
}

#[cfg(test)]
mod tests {
    use super::safe_next;

    #[test]
    fn next_stays_on_this_site() {
        assert_eq!(safe_next("/cases?status=new"), "/cases?status=new");
        for bad in ["https://evil.example", "//evil.example", "/\\evil.example", ""] {
            assert_eq!(safe_next(bad), "/cases");
        }
    }
}
