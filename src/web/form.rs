//! URL-encoded form bodies, read leniently: a missing field is an empty string, so the
//! handler can say which field is missing, in the user's language.

use axum::body::Bytes;
use axum::extract::{FromRequest, Request};
use axum::http::header;

use super::error::AppError;

/// Free text as a person typed it, ready to keep: trimmed, NFC (Hindi typed on different
/// keyboards compares equal), control characters dropped except line breaks.
pub fn clean_text(s: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    s.trim().nfc().filter(|c| !c.is_control() || *c == '\n').collect()
}

#[derive(Debug, Default, Clone)]
pub struct FormData(Vec<(String, String)>);

impl FormData {
    pub fn parse(body: &[u8]) -> Result<FormData, AppError> {
        let pairs: Vec<(String, String)> =
            serde_urlencoded::from_bytes(body).map_err(|_| AppError::BadRequest("error-bad-request"))?;
        // NUL is never typed by a person, and PostgreSQL cannot store it in text.
        if pairs.iter().any(|(k, v)| k.contains('\0') || v.contains('\0')) {
            return Err(AppError::BadRequest("error-bad-request"));
        }
        Ok(FormData(pairs))
    }

    /// The value of `name`, or "" when absent.
    pub fn get(&self, name: &str) -> &str {
        self.0.iter().find(|(k, _)| k == name).map_or("", |(_, v)| v.as_str())
    }

    /// Every value of a repeated field (checkboxes), in order.
    pub fn all(&self, name: &str) -> Vec<&str> {
        self.0.iter().filter(|(k, _)| k == name).map(|(_, v)| v.as_str()).collect()
    }

    pub fn csrf(&self) -> &str {
        self.get("csrf")
    }
}

impl<S: Send + Sync> FromRequest<S> for FormData {
    type Rejection = AppError;

    async fn from_request(req: Request, state: &S) -> Result<Self, AppError> {
        let is_form = req
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.starts_with("application/x-www-form-urlencoded"));
        if !is_form {
            return Err(AppError::BadRequest("error-media-type"));
        }
        let body = Bytes::from_request(req, state).await.map_err(|_| AppError::BadRequest("error-too-large"))?;
        FormData::parse(&body)
    }
}
