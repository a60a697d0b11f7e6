//! One-time links: a person sets their own password with the link an admin gave them
//! (`/password/new?token=…`), and the first state admin of a new installation is created with
//! the link the server prints at its first start (`/setup?token=…`). The token travels in the
//! query, which the request log leaves out; only its hash is stored; a link works once.

use askama::Template;
use axum::extract::{Query, State};
use axum::http::header::SET_COOKIE;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{AppendHeaders, Html, IntoResponse, Redirect, Response};
use sahayak_domain::access::Role;
use serde::Deserialize;

use super::password::check_new;
use crate::store::{LINK_PASSWORD, LINK_SETUP, LiveLink, NewUser};
use crate::web::error::AppError;
use crate::web::form::{FormData, clean_text};
use crate::web::page::Page;
use crate::web::session::{LOGIN_CSRF_COOKIE, Viewer, new_token, same_secret, set_cookie, token_hash};
use crate::web::{AppState, cookie};

/// How long the first-run link works.
pub const SETUP_HOURS: i64 = 24;

#[derive(Template)]
#[template(path = "password.html")]
struct PasswordPage {
    page: Page,
    title: String,
    intro: String,
    action: &'static str,
    setup: bool,
    live: bool,
    token: String,
    username: String,
    display_name: String,
    error: Option<String>,
}

#[derive(Deserialize)]
pub struct TokenQuery {
    #[serde(default)]
    token: String,
}

/// The link behind `token`, if it still works and is for `purpose`.
async fn live(state: &AppState, token: &str, purpose: &str) -> Result<Option<LiveLink>, AppError> {
    if token.is_empty() || token.len() > 100 {
        return Ok(None);
    }
    let link = state.store.live_link(&token_hash(token)).await?;
    Ok(link.filter(|l| l.purpose == purpose))
}

/// Renders the page with a fresh double-submit token (nobody is signed in).
fn render(state: &AppState, mut body: PasswordPage, status: StatusCode) -> Result<Response, AppError> {
    body.page.csrf = new_token();
    let cookie = set_cookie(state, LOGIN_CSRF_COOKIE, &body.page.csrf, 3600);
    Ok((status, AppendHeaders([(SET_COOKIE, cookie)]), Html(body.render()?)).into_response())
}

fn page_for(page: Page, setup: bool, token: &str) -> PasswordPage {
    let (title, intro) = if setup { ("setup-title", "setup-intro") } else { ("password-title", "password-intro") };
    PasswordPage {
        title: page.t(title),
        intro: page.t(intro),
        page,
        action: if setup { "/setup" } else { "/password/new" },
        setup,
        live: true,
        token: token.to_owned(),
        username: String::new(),
        display_name: String::new(),
        error: None,
    }
}

pub async fn password_form(
    State(state): State<AppState>,
    viewer: Viewer,
    Query(q): Query<TokenQuery>,
) -> Result<Response, AppError> {
    let mut body = page_for(viewer.page(&state), false, &q.token);
    match live(&state, &q.token, LINK_PASSWORD).await?.and_then(|l| l.user_id) {
        Some(user) => {
            body.username = state.store.user_by_id(user).await?.username;
            render(&state, body, StatusCode::OK)
        }
        None => {
            body.live = false;
            render(&state, body, StatusCode::GONE)
        }
    }
}

fn check_csrf(headers: &HeaderMap, form: &FormData) -> Result<(), AppError> {
    let expected = cookie(headers, LOGIN_CSRF_COOKIE).unwrap_or_default();
    if expected.is_empty() || !same_secret(expected, form.csrf()) { Err(AppError::Csrf) } else { Ok(()) }
}

/// Why the two passwords typed cannot be used, in the page's language.
fn refused(page: &Page, password: &str, again: &str, username: &str) -> Option<String> {
    if let Err(key) = check_new(password, username) {
        return Some(page.t1(key, "min", super::password::MIN_CHARS));
    }
    (password != again).then(|| page.t("error-password-mismatch"))
}

pub async fn password_submit(
    State(state): State<AppState>,
    viewer: Viewer,
    headers: HeaderMap,
    form: FormData,
) -> Result<Response, AppError> {
    check_csrf(&headers, &form)?;
    let token = form.get("token");
    let mut body = page_for(viewer.page(&state), false, token);
    let Some(user) = live(&state, token, LINK_PASSWORD).await?.and_then(|l| l.user_id) else {
        body.live = false;
        return render(&state, body, StatusCode::GONE);
    };
    body.username = state.store.user_by_id(user).await?.username;
    if let Some(message) = refused(&body.page, form.get("password"), form.get("password2"), &body.username) {
        body.error = Some(message);
        return render(&state, body, StatusCode::UNPROCESSABLE_ENTITY);
    }
    let hash = state.passwords.hash(form.get("password").to_owned()).await.map_err(AppError::Internal)?;
    // The person is known by the link; the entry names them once the write has found them.
    let audited = state.store.audited(None, "password.set", "user:{id}", "link");
    if audited.set_password_by_link(&token_hash(token), &hash).await?.is_none() {
        body.live = false;
        return render(&state, body, StatusCode::GONE);
    };
    Ok(Redirect::to("/login?done=password").into_response())
}

pub async fn setup_form(
    State(state): State<AppState>,
    viewer: Viewer,
    Query(q): Query<TokenQuery>,
) -> Result<Response, AppError> {
    let mut body = page_for(viewer.page(&state), true, &q.token);
    let fresh = state.store.count_users().await? == 0;
    if !fresh || live(&state, &q.token, LINK_SETUP).await?.is_none() {
        body.live = false;
        return render(&state, body, StatusCode::GONE);
    }
    render(&state, body, StatusCode::OK)
}

pub async fn setup_submit(
    State(state): State<AppState>,
    viewer: Viewer,
    headers: HeaderMap,
    form: FormData,
) -> Result<Response, AppError> {
    check_csrf(&headers, &form)?;
    let token = form.get("token");
    let mut body = page_for(viewer.page(&state), true, token);
    body.username = form.get("username").trim().to_lowercase();
    body.display_name = clean_text(form.get("display_name"));
    if live(&state, token, LINK_SETUP).await?.is_none() {
        body.live = false;
        return render(&state, body, StatusCode::GONE);
    }
    let name_ok = crate::staff::service::username_ok(&body.username);
    let error = if !name_ok {
        Some(body.page.t("error-staff-username"))
    } else if body.display_name.is_empty() || body.display_name.chars().count() > 100 {
        Some(body.page.t("error-setup-name"))
    } else {
        refused(&body.page, form.get("password"), form.get("password2"), &body.username)
    };
    if let Some(message) = error {
        body.error = Some(message);
        return render(&state, body, StatusCode::UNPROCESSABLE_ENTITY);
    }
    let hash = state.passwords.hash(form.get("password").to_owned()).await.map_err(AppError::Internal)?;
    let new = NewUser {
        username: &body.username,
        display_name: &body.display_name,
        password_hash: &hash,
        role: Role::StateAdmin,
        lang: body.page.lang,
        districts: &[],
    };
    let audited = state.store.audited(None, "staff.first_admin", "user:{id}", "");
    if audited.create_first_admin(&token_hash(token), &new).await?.is_none() {
        body.live = false;
        return render(&state, body, StatusCode::GONE);
    };
    Ok(Redirect::to("/login?done=password").into_response())
}

/// At the first start (nobody in the database) a link that creates the first state admin;
/// `None` when there are people already.
pub async fn first_run_link(state: &AppState) -> anyhow::Result<Option<String>> {
    if state.store.count_users().await? > 0 {
        return Ok(None);
    }
    let token = new_token();
    let ttl = SETUP_HOURS * 3_600_000;
    state.store.create_sign_in_link(&token_hash(&token), None, LINK_SETUP, None, ttl).await?;
    Ok(Some(state.config.link(&format!("/setup?token={token}"))))
}
