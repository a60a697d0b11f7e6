//! Signing in and out, for people (cookie session) and programs (bearer token).

mod account;
pub mod api;
mod login;
pub mod password;
pub mod totp;

use axum::Router;
use axum::routing::{get, post};

use crate::store::User;
use crate::web::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/login", get(login::form).post(login::submit))
        .route("/login/code", post(login::submit_code))
        .route("/logout", post(login::logout))
        .route("/account", get(account::page))
        .route("/account/sessions/end", post(account::end_sessions))
        .route("/account/totp", get(account::totp_form).post(account::totp_enable))
        .route("/account/totp/off", post(account::totp_disable))
        .route("/settings/lang", post(login::set_lang))
        .route("/api/v1/auth/login", post(api::login))
        .route("/api/v1/auth/logout", post(api::logout))
}

/// A password that was right: either signed in, or one step (the code) to go.
pub enum Passed {
    SignedIn(User),
    NeedsCode(User),
}

/// Counts failed sign-ins per account and per address, and refuses attempts past the limits.
/// Also guards the victims' case codes (per case reference and per address).
pub(crate) struct Throttle<'a> {
    state: &'a AppState,
    account: String,
    address: String,
}

impl<'a> Throttle<'a> {
    fn new(state: &'a AppState, username: &str) -> Throttle<'a> {
        Throttle {
            state,
            account: format!("account:{username}"),
            address: format!("address:{}", crate::privacy::context::address()),
        }
    }

    /// A throttle under keys of the caller's own (e.g. `case:REF` and `track-address:ADDR`).
    pub(crate) fn keyed(state: &'a AppState, account: String, address: String) -> Throttle<'a> {
        Throttle { state, account, address }
    }

    /// `Err(Throttled)` while either count is at its limit; the wait is until the oldest failure
    /// in the window leaves it.
    pub(crate) async fn check(&self) -> Result<(), crate::web::AppError> {
        let limits = &self.state.config.sign_in;
        for (key, limit) in [(&self.account, limits.account_failures), (&self.address, limits.address_failures)] {
            if let Err(e) = within_limit(self.state, key, limit).await {
                crate::privacy::audit::record(self.state, None, "login.throttled", key.as_str(), "").await;
                return Err(e);
            }
        }
        Ok(())
    }

    pub(crate) async fn failed(&self) -> Result<(), crate::web::AppError> {
        count(self.state, &[&self.account, &self.address]).await
    }

    pub(crate) async fn passed(&self) -> Result<(), crate::web::AppError> {
        Ok(self.state.store.clear_login_failures(&self.account).await?)
    }
}

/// How far back the throttles count (the sign-in window).
fn window_ms(state: &AppState) -> i64 {
    state.config.sign_in.window_minutes.max(1) * 60_000
}

/// `Err(Throttled)`, with the seconds to wait until the oldest count leaves the window, while
/// `key` has been counted `limit` times in the window. Shared by every throttle here: sign-in,
/// victims' codes, and the public feedback form (with its own limit).
pub(crate) async fn within_limit(state: &AppState, key: &str, limit: i64) -> Result<(), crate::web::AppError> {
    let now = crate::store::now_millis();
    let (count, oldest) = state.store.login_failures(key, now - window_ms(state)).await?;
    if count >= limit.max(1) {
        let wait_ms = oldest.unwrap_or(now) + window_ms(state) - now;
        return Err(crate::web::AppError::Throttled(((wait_ms + 999) / 1000).max(1)));
    }
    Ok(())
}

/// Counts one attempt under each key (forgetting counts older than the window).
pub(crate) async fn count(state: &AppState, keys: &[&str]) -> Result<(), crate::web::AppError> {
    Ok(state.store.record_login_failure(keys, crate::store::now_millis() - window_ms(state)).await?)
}

/// Checks a username and password, throttled per account and per address. `Ok(None)` when
/// either is wrong (never says which); `Err(Throttled)` when there were too many failures.
pub async fn check_password(
    state: &AppState,
    username: &str,
    password: &str,
) -> Result<Option<Passed>, crate::web::AppError> {
    let throttle = Throttle::new(state, username.trim());
    throttle.check().await?;
    let Some(user) = authenticate(state, username, password).await? else {
        throttle.failed().await?;
        return Ok(None);
    };
    throttle.passed().await?;
    Ok(Some(if state.store.totp_secret(user.id).await?.is_some() {
        Passed::NeedsCode(user)
    } else {
        Passed::SignedIn(user)
    }))
}

/// Checks a second-factor code (each code works once), throttled like passwords.
pub async fn check_code(state: &AppState, user: &User, code: &str) -> Result<bool, crate::web::AppError> {
    let throttle = Throttle::new(state, &user.username);
    throttle.check().await?;
    let Some(secret) = state.store.totp_secret(user.id).await? else { return Ok(true) };
    let ok = match totp::matching_step(&secret, code, chrono::Utc::now().timestamp()) {
        Some(step) => state.store.use_totp_step(user.id, step).await?,
        None => false,
    };
    if ok {
        throttle.passed().await?
    } else {
        throttle.failed().await?
    }
    Ok(ok)
}

/// Checks a username and password; `None` when either is wrong (never says which).
async fn authenticate(state: &AppState, username: &str, password: &str) -> Result<Option<User>, crate::web::AppError> {
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
