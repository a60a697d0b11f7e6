//! The sign-in page, sign-out, and the language switch.

use askama::Template;
use axum::extract::{Query, State};
use axum::http::header::SET_COOKIE;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{AppendHeaders, Html, IntoResponse, Redirect, Response};
use sahayak_domain::case::Lang;
use serde::Deserialize;

use crate::auth::Passed;
use crate::store::User;
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
    /// After a password was set with a one-time link.
    notice: Option<String>,
}

/// The second step for accounts with a second factor: the code from the authenticator app.
#[derive(Template)]
#[template(path = "login_code.html")]
struct CodePage {
    page: Page,
    next: String,
    error: Option<String>,
}

#[derive(Deserialize)]
pub struct NextQuery {
    #[serde(default)]
    next: String,
}

/// The cookie of a sign-in waiting for its code: a session of kind `code`, good for one
/// thing (finishing the sign-in) for a few minutes.
const CODE_COOKIE: &str = "sahayak_code";
const CODE_MINUTES: i64 = 5;

/// Only local paths: a login link must not send people to another site.
fn safe_next(next: &str) -> String {
    if next.starts_with('/') && !next.starts_with("//") && !next.contains('\\') {
        next.to_owned()
    } else {
        // The work queue: what needs doing first.
        "/queue".to_owned()
    }
}

fn status_for(error: &Option<(StatusCode, String)>) -> StatusCode {
    error.as_ref().map_or(StatusCode::OK, |(status, _)| *status)
}

/// Renders the form with a fresh double-submit token (the form has no session to hold one).
fn login_page(
    state: &AppState,
    mut page: Page,
    next: &str,
    username: &str,
    error: Option<(StatusCode, String)>,
) -> Result<Response, AppError> {
    page.csrf = new_token();
    let cookie = set_cookie(state, LOGIN_CSRF_COOKIE, &page.csrf, 3600);
    let status = status_for(&error);
    let notice = (error.is_none() && page.path.contains("done=password")).then(|| page.t("login-password-set"));
    let body =
        LoginPage { page, next: safe_next(next), username: username.to_owned(), error: error.map(|e| e.1), notice };
    Ok((status, AppendHeaders([(SET_COOKIE, cookie)]), Html(body.render()?)).into_response())
}

/// "Too many attempts; try again in N minutes", in the page's language.
pub(super) fn throttled(page: &Page, seconds: i64) -> (StatusCode, String) {
    let minutes = ((seconds + 59) / 60).max(1);
    (StatusCode::TOO_MANY_REQUESTS, page.t1("login-throttled", "minutes", minutes))
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
    let (username, next) = (form.get("username").trim(), form.get("next"));
    let passed = match crate::auth::check_password(&state, username, form.get("password")).await {
        Err(AppError::Throttled(seconds)) => {
            let error = throttled(&page, seconds);
            return login_page(&state, page, next, username, Some(error));
        }
        other => other?,
    };
    match passed {
        None => {
            crate::privacy::audit::record(&state, None, "login.failed", &format!("user:{username}"), "web").await;
            tracing::info!("sign-in refused");
            let message = page.t("login-failed");
            login_page(&state, page, next, username, Some((StatusCode::UNAUTHORIZED, message)))
        }
        Some(Passed::SignedIn(user)) => signed_in(&state, &headers, &user, next).await,
        Some(Passed::NeedsCode(user)) => {
            let token = new_token();
            let csrf = new_token();
            let ttl = CODE_MINUTES * 60_000;
            state.store.create_session(&token_hash(&token), user.id, "code", &csrf, ttl).await?;
            let mut page = page;
            page.csrf = csrf;
            let body = CodePage { page, next: safe_next(next), error: None };
            let cookie = set_cookie(&state, CODE_COOKIE, &token, CODE_MINUTES * 60);
            Ok((AppendHeaders([(SET_COOKIE, cookie)]), Html(body.render()?)).into_response())
        }
    }
}

/// The second step: the code, checked against the waiting sign-in's user.
pub async fn submit_code(
    State(state): State<AppState>,
    viewer: Viewer,
    headers: HeaderMap,
    form: FormData,
) -> Result<Response, AppError> {
    let waiting = match cookie(&headers, CODE_COOKIE) {
        Some(token) => state.store.session_user(&token_hash(token), CODE_MINUTES * 60_000).await?,
        None => None,
    };
    let Some((user, session)) = waiting.filter(|(_, s)| s.kind == "code") else {
        // Expired or never started: begin again, with a word about why.
        let page = viewer.page(&state);
        let message = page.t("login-code-expired");
        return login_page(&state, page, form.get("next"), "", Some((StatusCode::UNAUTHORIZED, message)));
    };
    if !same_secret(&session.csrf, form.csrf()) {
        return Err(AppError::Csrf);
    }
    let mut page = viewer.page(&state);
    page.csrf = session.csrf.clone();
    let next = form.get("next");
    let error = match crate::auth::check_code(&state, &user, form.get("code")).await {
        Ok(true) => None,
        Ok(false) => {
            crate::privacy::audit::record(
                &state,
                Some(user.id),
                "login.code_failed",
                &format!("user:{}", user.username),
                "web",
            )
            .await;
            Some((StatusCode::UNAUTHORIZED, page.t("login-code-wrong")))
        }
        Err(AppError::Throttled(seconds)) => Some(throttled(&page, seconds)),
        Err(e) => return Err(e),
    };
    if let Some(error) = error {
        let status = status_for(&Some(error.clone()));
        let body = CodePage { page, next: safe_next(next), error: Some(error.1) };
        return Ok((status, Html(body.render()?)).into_response());
    }
    if let Some(token) = cookie(&headers, CODE_COOKIE) {
        state.store.delete_session(&token_hash(token)).await?;
    }
    signed_in(&state, &headers, &user, next).await
}

/// Opens the session of someone who has proven who they are.
async fn signed_in(state: &AppState, headers: &HeaderMap, user: &User, next: &str) -> Result<Response, AppError> {
    // A new session on every sign-in: a token planted before sign-in is worthless after it.
    if let Some(old) = cookie(headers, SESSION_COOKIE) {
        state.store.delete_session(&token_hash(old)).await?;
    }
    let token = crate::auth::open_session(state, user, "web").await?;
    crate::privacy::audit::record(state, Some(user.id), "login.ok", &format!("user:{}", user.username), "web").await;
    tracing::info!(user_id = user.id, "signed in");
    let max_age = state.config.session_hours * 3600;
    Ok((
        AppendHeaders([
            (SET_COOKIE, set_cookie(state, SESSION_COOKIE, &token, max_age)),
            (SET_COOKIE, set_cookie(state, LANG_COOKIE, user.lang.code(), 365 * 86400)),
            (SET_COOKIE, set_cookie(state, LOGIN_CSRF_COOKIE, "", 0)),
            (SET_COOKIE, set_cookie(state, CODE_COOKIE, "", 0)),
        ]),
        Redirect::to(&safe_next(next)),
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
            assert_eq!(safe_next(bad), "/queue");
        }
    }
}
