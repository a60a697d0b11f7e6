//! The signed-in person's own account: where they are signed in (and ending it all), and
//! two-step sign-in with an authenticator app.

use askama::Template;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::http::header::SET_COOKIE;
use axum::response::{AppendHeaders, Html, IntoResponse, Redirect, Response};
use sahayak_domain::access::Role;
use sahayak_domain::time::{display_ist, from_millis};
use serde::Deserialize;

use super::totp;
use crate::web::AppState;
use crate::web::error::AppError;
use crate::web::form::FormData;
use crate::web::page::Page;
use crate::web::session::{SESSION_COOKIE, Staff, set_cookie};

pub struct SessionView {
    pub kind: String,
    pub started: String,
    pub last_seen: String,
}

#[derive(Template)]
#[template(path = "account.html")]
struct AccountPage {
    page: Page,
    username: String,
    sessions: Vec<SessionView>,
    totp_on: bool,
    /// Admins are asked to turn it on.
    totp_advised: bool,
    notice: Option<String>,
    error: Option<String>,
}

#[derive(Template)]
#[template(path = "account_totp.html")]
struct TotpPage {
    page: Page,
    secret: String,
    /// The secret in groups of four, easier to type.
    secret_grouped: String,
    qr_svg: String,
    error: Option<String>,
}

#[derive(Deserialize)]
pub struct Done {
    #[serde(default)]
    done: String,
}

async fn account_page(
    state: &AppState,
    staff: &Staff,
    notice: Option<String>,
    error: Option<String>,
) -> Result<AccountPage, AppError> {
    let page = staff.page(state);
    let sessions = state
        .store
        .sessions_of(staff.user.id)
        .await?
        .into_iter()
        .map(|s| SessionView {
            kind: page.t(if s.kind == "api" { "account-session-api" } else { "account-session-web" }),
            started: display_ist(from_millis(s.created_at)),
            last_seen: display_ist(from_millis(s.last_seen_at)),
        })
        .collect();
    Ok(AccountPage {
        username: staff.user.username.clone(),
        sessions,
        totp_on: state.store.totp_secret(staff.user.id).await?.is_some(),
        totp_advised: matches!(staff.user.role, Role::Admin | Role::StateAdmin),
        notice,
        error,
        page,
    })
}

pub async fn page(
    State(state): State<AppState>,
    staff: Staff,
    Query(q): Query<Done>,
) -> Result<Html<String>, AppError> {
    let p = staff.page(&state);
    let notice = match q.done.as_str() {
        "totp-on" => Some(p.t("account-totp-turned-on")),
        "totp-off" => Some(p.t("account-totp-turned-off")),
        _ => None,
    };
    Ok(Html(account_page(&state, &staff, notice, None).await?.render()?))
}

/// Ends every session of this person: other browsers, API tokens, and this one.
pub async fn end_sessions(State(state): State<AppState>, staff: Staff, form: FormData) -> Result<Response, AppError> {
    staff.check_csrf(form.csrf())?;
    let subject = format!("user:{}", staff.user.username);
    let audited = state.store.audited(Some(staff.user.id), "logout.everywhere", &subject, "");
    audited.delete_sessions_of(staff.user.id).await?;
    Ok((AppendHeaders([(SET_COOKIE, set_cookie(&state, SESSION_COOKIE, "", 0))]), Redirect::to("/login"))
        .into_response())
}

fn totp_page(state: &AppState, staff: &Staff, secret: String, error: Option<String>) -> Result<TotpPage, AppError> {
    let issuer = format!("Sahayak {}", state.config.centre_name);
    let uri = totp::provisioning_uri(&issuer, &staff.user.username, &secret);
    let qr_svg = totp::qr_svg(&uri).ok_or_else(|| AppError::Internal(anyhow::anyhow!("QR code did not render")))?;
    let chars: Vec<char> = secret.chars().collect();
    let secret_grouped = chars.chunks(4).map(|c| c.iter().collect::<String>()).collect::<Vec<_>>().join(" ");
    Ok(TotpPage { page: staff.page(state), secret, secret_grouped, qr_svg, error })
}

/// A new secret to scan; nothing is saved until a code from it is typed back.
pub async fn totp_form(State(state): State<AppState>, staff: Staff) -> Result<Html<String>, AppError> {
    Ok(Html(totp_page(&state, &staff, totp::new_secret(), None)?.render()?))
}

pub async fn totp_enable(State(state): State<AppState>, staff: Staff, form: FormData) -> Result<Response, AppError> {
    staff.check_csrf(form.csrf())?;
    let secret = form.get("secret").trim().to_owned();
    if totp::base32_decode(&secret).is_none_or(|b| b.len() < 16) {
        return Err(AppError::BadRequest("error-bad-request"));
    }
    let Some(step) = totp::matching_step(&secret, form.get("code"), state.now().timestamp()) else {
        let error = staff.page(&state).t("login-code-wrong");
        let body = totp_page(&state, &staff, secret, Some(error))?;
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, Html(body.render()?)).into_response());
    };
    let subject = format!("user:{}", staff.user.username);
    state
        .store
        .audited(Some(staff.user.id), "totp.on", &subject, "")
        .set_totp_secret(staff.user.id, Some(&secret))
        .await?;
    state.store.use_totp_step(staff.user.id, step).await?;
    Ok(Redirect::to("/account?done=totp-on").into_response())
}

/// Turning it off needs a current code: a borrowed, unlocked browser is not enough.
pub async fn totp_disable(State(state): State<AppState>, staff: Staff, form: FormData) -> Result<Response, AppError> {
    staff.check_csrf(form.csrf())?;
    let error = match super::check_code(&state, &staff.user, form.get("code")).await {
        Ok(true) => None,
        Ok(false) => Some((StatusCode::UNPROCESSABLE_ENTITY, staff.page(&state).t("login-code-wrong"))),
        Err(AppError::Throttled(seconds)) => Some(super::login::throttled(&staff.page(&state), seconds)),
        Err(e) => return Err(e),
    };
    if let Some((status, message)) = error {
        let body = account_page(&state, &staff, None, Some(message)).await?;
        return Ok((status, Html(body.render()?)).into_response());
    }
    let subject = format!("user:{}", staff.user.username);
    state.store.audited(Some(staff.user.id), "totp.off", &subject, "").set_totp_secret(staff.user.id, None).await?;
    Ok(Redirect::to("/account?done=totp-off").into_response())
}
