//! Who is asking: the browser session (cookie) for the UI, the bearer token for the API.
//!
//! Tokens are 256 random bits; the database keeps only their SHA-256, so a copy of it cannot
//! be used to log in. Every UI form carries the session's anti-forgery token.

use axum::extract::FromRequestParts;
use axum::http::header;
use axum::http::request::Parts;
use base64::Engine;
use rand::RngCore;
use sahayak_domain::case::Lang;
use sha2::{Digest, Sha256};

use super::error::{AppError, LangSlot};
use super::i18n::negotiate;
use super::page::Page;
use super::{AppState, cookie, query_param};
use crate::store::{SessionInfo, User};

pub const SESSION_COOKIE: &str = "sahayak_session";
pub const LANG_COOKIE: &str = "sahayak_lang";
/// Double-submit token for the login form, which has no session yet.
pub const LOGIN_CSRF_COOKIE: &str = "sahayak_login_csrf";

/// 256 random bits, URL-safe.
pub fn new_token() -> String {
    let mut bytes = [0u8; 32];
    rand::rng().fill_bytes(&mut bytes);
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

pub fn token_hash(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

/// Compares secrets without leaking, through timing, how much of a guess was right.
pub fn same_secret(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

pub fn set_cookie(state: &AppState, name: &str, value: &str, max_age_secs: i64) -> String {
    let secure = if state.config.secure_cookies { "; Secure" } else { "" };
    format!("{name}={value}; Path=/; HttpOnly; SameSite=Lax; Max-Age={max_age_secs}{secure}")
}

/// Whoever is looking at a page: maybe nobody yet.
pub struct Viewer {
    pub user: Option<User>,
    pub session: Option<SessionInfo>,
    pub lang: Lang,
    pub path: String,
}

impl Viewer {
    pub fn page(&self, state: &AppState) -> Page {
        Page {
            lang: self.lang,
            user: self.user.clone(),
            csrf: self.session.as_ref().map(|s| s.csrf.clone()).unwrap_or_default(),
            path: self.path.clone(),
            centre: state.config.centre(self.lang).to_owned(),
            now: Some(state.now()),
        }
    }
}

impl FromRequestParts<AppState> for Viewer {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        let found = match cookie(&parts.headers, SESSION_COOKIE) {
            Some(token) => state.store.session_user(&token_hash(token), state.idle_timeout_ms()).await?,
            None => None,
        };
        let (user, session) = match found {
            Some((u, s)) if s.kind == "web" => (Some(u), Some(s)),
            _ => (None, None),
        };
        if let Some(u) = &user {
            crate::privacy::context::set_user(u.id);
        }
        Ok(Viewer {
            lang: lang_of(parts, user.as_ref().map(|u| u.lang)),
            user,
            session,
            path: parts.uri.path_and_query().map(|p| p.as_str().to_owned()).unwrap_or_default(),
        })
    }
}

/// Settles the request's language and tells the error renderer.
fn lang_of(parts: &Parts, user: Option<Lang>) -> Lang {
    let lang = negotiate(
        query_param(parts.uri.query(), "lang").as_deref(),
        cookie(&parts.headers, LANG_COOKIE),
        user,
        parts.headers.get(header::ACCEPT_LANGUAGE).and_then(|v| v.to_str().ok()),
    );
    if let Some(slot) = parts.extensions.get::<LangSlot>() {
        slot.set(lang);
    }
    lang
}

/// A signed-in staff member using the UI.
pub struct Staff {
    pub user: User,
    pub csrf: String,
    pub lang: Lang,
    pub path: String,
}

impl Staff {
    pub fn page(&self, state: &AppState) -> Page {
        Page {
            lang: self.lang,
            user: Some(self.user.clone()),
            csrf: self.csrf.clone(),
            path: self.path.clone(),
            centre: state.config.centre(self.lang).to_owned(),
            now: Some(state.now()),
        }
    }

    /// Every state-changing form must carry the session's token.
    pub fn check_csrf(&self, submitted: &str) -> Result<(), AppError> {
        if same_secret(&self.csrf, submitted) { Ok(()) } else { Err(AppError::Csrf) }
    }
}

impl FromRequestParts<AppState> for Staff {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        let viewer = Viewer::from_request_parts(parts, state).await?;
        match (viewer.user, viewer.session) {
            (Some(user), Some(session)) => Ok(Staff { user, csrf: session.csrf, lang: viewer.lang, path: viewer.path }),
            _ => Err(AppError::Unauthorized),
        }
    }
}

/// A caller of the JSON API with a bearer token.
pub struct ApiUser {
    pub user: User,
    pub lang: Lang,
    pub token_hash: String,
}

impl FromRequestParts<AppState> for ApiUser {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        let token = parts
            .headers
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer ").or_else(|| v.strip_prefix("bearer ")))
            .map(str::trim)
            .ok_or(AppError::Unauthorized)?;
        let hash = token_hash(token);
        match state.store.session_user(&hash, state.idle_timeout_ms()).await? {
            Some((user, session)) if session.kind == "api" => {
                crate::privacy::context::set_user(user.id);
                Ok(ApiUser { lang: lang_of(parts, Some(user.lang)), user, token_hash: hash })
            }
            _ => Err(AppError::Unauthorized),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_long_random_and_hashed() {
        let a = new_token();
        assert_eq!(a.len(), 43);
        assert_ne!(a, new_token());
        assert_eq!(token_hash(&a).len(), 64);
        assert!(same_secret(&a, &a.clone()));
        assert!(!same_secret(&a, &new_token()));
        assert!(!same_secret("abc", "abcd"));
    }
}
