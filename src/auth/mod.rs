//! Signing in and out, for people (cookie session) and programs (bearer token).

mod account;
pub mod api;
pub mod links;
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
        .route("/password/new", get(links::password_form).post(links::password_submit))
        .route("/setup", get(links::setup_form).post(links::setup_submit))
        .route("/api/v1/auth/login", post(api::login))
        .route("/api/v1/auth/logout", post(api::logout))
}

/// A password that was right: either signed in, or one step (the code) to go.
pub enum Passed {
    SignedIn(User),
    NeedsCode(User),
}

/// A throttle over a subject (an account, a case) and the caller's address, each with its
/// limit. Every attempt is counted under both keys *first* — one statement per key that
/// increments and returns the count — and refused (and given back) when a count is then past
/// its limit, so a burst of parallel attempts, or attempts spread over several servers on one
/// database, gets no more than the limit evaluated. A right attempt clears the subject's count
/// and gives its one back to the address; a wrong one stays counted.
pub(crate) struct Throttle<'a> {
    state: &'a AppState,
    /// `None` when the subject does not exist (an unknown reference): the address alone counts.
    subject: Option<String>,
    subject_limit: i64,
    address: String,
    address_limit: i64,
}

impl<'a> Throttle<'a> {
    /// Sign-in: per account (its id; an unknown name by its lower-cased spelling) and address.
    fn sign_in(state: &'a AppState, account: String) -> Throttle<'a> {
        let limits = &state.config.sign_in;
        Throttle {
            state,
            subject: Some(account),
            subject_limit: limits.account_failures,
            address: address_key(state, "address"),
            address_limit: limits.address_failures,
        }
    }

    /// A throttle under keys of the caller's own (e.g. `case:ID` and `track-address:ADDR`),
    /// with the sign-in limits.
    pub(crate) fn keyed(state: &'a AppState, subject: Option<String>, address: String) -> Throttle<'a> {
        let limits = &state.config.sign_in;
        Throttle {
            state,
            subject,
            subject_limit: limits.account_failures,
            address,
            address_limit: limits.address_failures,
        }
    }

    /// Counts this attempt, then `Err(Throttled)` if either count is past its limit (the wait
    /// is until that key's window ends). A refused attempt is given back at once: the counts
    /// are of attempts evaluated (and not yet found right) plus those in flight, so however
    /// many arrive together, no more than the limit are evaluated.
    pub(crate) async fn attempt(&self) -> Result<(), crate::web::AppError> {
        if let Some(subject) = &self.subject
            && let Err(e) = attempt(self.state, subject, self.subject_limit).await
        {
            crate::privacy::audit::record(self.state, None, "login.throttled", subject, "").await;
            return Err(e);
        }
        if let Err(e) = attempt(self.state, &self.address, self.address_limit).await {
            crate::privacy::audit::record(self.state, None, "login.throttled", &self.address, "").await;
            if let Some(subject) = &self.subject {
                give_back(self.state, subject).await?;
            }
            return Err(e);
        }
        Ok(())
    }

    /// The attempt was right: the subject's count is cleared, the address's attempt given back.
    pub(crate) async fn passed(&self) -> Result<(), crate::web::AppError> {
        if let Some(subject) = &self.subject {
            self.state.store.clear_attempts(subject).await?;
        }
        give_back(self.state, &self.address).await
    }
}

/// The throttle key of the caller's address under `prefix`: a keyed hash (HMAC under the
/// installation's index key, shared by every server of one database and kept outside it), so
/// the throttle's table holds no address that could be read back.
pub(crate) fn address_key(state: &AppState, prefix: &str) -> String {
    let address = crate::privacy::context::address();
    format!("{prefix}:{}", state.store.keys().index(&format!("{prefix}|{address}")))
}

/// How far back the throttles count (the sign-in window).
fn window_ms(state: &AppState) -> i64 {
    state.config.sign_in.window_minutes.max(1) * 60_000
}

/// Counts one attempt under `key`, then `Err(Throttled)` — with the seconds until the key's
/// window ends, and the attempt given back — if that made more than `limit` in the window. The
/// one throttle rule of every throttle here: sign-in, victims' codes, and the public feedback
/// form (with its own limit).
pub(crate) async fn attempt(state: &AppState, key: &str, limit: i64) -> Result<(), crate::web::AppError> {
    let now = state.now_millis();
    let window = window_ms(state);
    let (count, started) = state.store.count_attempt(key, now, now - window).await?;
    if count > limit.max(1) {
        give_back(state, key).await?;
        let wait_ms = started + window - now;
        return Err(crate::web::AppError::Throttled(((wait_ms + 999) / 1000).max(1)));
    }
    Ok(())
}

/// Gives back an attempt counted under `key` (it turned out right, or was not really one).
pub(crate) async fn give_back(state: &AppState, key: &str) -> Result<(), crate::web::AppError> {
    Ok(state.store.uncount_attempt(key).await?)
}

/// Checks a username and password, throttled per account and per address. `Ok(None)` when
/// either is wrong (never says which); `Err(Throttled)` when there were too many attempts.
pub async fn check_password(
    state: &AppState,
    username: &str,
    password: &str,
) -> Result<Option<Passed>, crate::web::AppError> {
    let username = username.trim();
    let found = state.store.user_for_login(username).await?;
    let account = match &found {
        Some((user, _)) => format!("account:{}", user.id),
        None => format!("account-name:{}", username.to_lowercase()),
    };
    let throttle = Throttle::sign_in(state, account);
    throttle.attempt().await?;
    let (user, hash) = match found {
        Some((u, h)) => (Some(u), Some(h)),
        None => (None, None),
    };
    let ok = state.passwords.verify(password.to_owned(), hash).await;
    let Some(user) = user.filter(|_| ok) else {
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
    let throttle = Throttle::sign_in(state, format!("account:{}", user.id));
    throttle.attempt().await?;
    let secret = state.store.totp_secret(user.id).await?;
    let ok = match secret.as_deref().map(|s| totp::matching_step(s, code, state.now().timestamp())) {
        // No second factor: nothing to check.
        None => true,
        Some(Some(step)) => state.store.use_totp_step(user.id, step).await?,
        Some(None) => false,
    };
    if ok {
        throttle.passed().await?
    }
    Ok(ok)
}

/// Opens a session and returns its token (shown once; only its hash is stored).
pub async fn open_session(state: &AppState, user: &User, kind: &str) -> Result<String, crate::web::AppError> {
    let token = crate::web::session::new_token();
    let csrf = crate::web::session::new_token();
    let hash = crate::web::session::token_hash(&token);
    state.store.create_session(&hash, user.id, kind, &csrf, state.session_ttl_ms()).await?;
    Ok(token)
}
