//! One application error type, turned into a response in one place.
//!
//! Handlers return `Result<_, AppError>` and use `?`. [`AppError::into_response`] only marks
//! the response; the [`render_errors`] middleware, which knows the request's language and
//! whether it came to the API, writes the translated HTML page or JSON problem. Users see a
//! safe message; the log gets the cause. "Not found" and "not yours" look the same.

use std::sync::{Arc, Mutex};

use axum::extract::Request;
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{Html, IntoResponse, Redirect, Response};
use sahayak_domain::case::Lang;
use serde::Serialize;

use super::i18n::catalogs;
use super::request_lang;
use crate::store::StoreError;

/// A field a person must correct, and the catalog key of what to tell them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldError {
    pub field: &'static str,
    pub key: &'static str,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FieldErrors(pub Vec<FieldError>);

impl FieldErrors {
    pub fn add(&mut self, field: &'static str, key: &'static str) {
        if !self.0.iter().any(|e| e.field == field) {
            self.0.push(FieldError { field, key });
        }
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn get(&self, field: &str) -> Option<&'static str> {
        self.0.iter().find(|e| e.field == field).map(|e| e.key)
    }

    pub fn into_result(self) -> Result<(), AppError> {
        if self.is_empty() { Ok(()) } else { Err(AppError::Invalid(self)) }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error("not found")]
    NotFound,
    /// Not found, with a more helpful message than "not found" (the key says what is missing).
    /// Never for something that exists but is not the caller's: that is [`AppError::NotFound`].
    #[error("not found: {0}")]
    NoSuch(&'static str),
    #[error("not logged in")]
    Unauthorized,
    #[error("not allowed")]
    Forbidden,
    #[error("form expired or forged")]
    Csrf,
    #[error("invalid input")]
    Invalid(FieldErrors),
    /// A JSON body that does not fit its documented shape: each field (named as sent, e.g.
    /// `identifiers[0].value`) with the catalog key of what is wrong (`api::strict`).
    #[error("invalid body")]
    InvalidBody(Vec<(String, &'static str)>),
    #[error("changed by someone else")]
    Conflict,
    #[error("bad request: {0}")]
    BadRequest(&'static str),
    /// More than a limit allows; the key says which limit.
    #[error("too large: {0}")]
    TooLarge(&'static str),
    /// Too many failed sign-ins; try again after this many seconds.
    #[error("too many attempts")]
    Throttled(i64),
    /// Every worker for heavy decoding is taken and enough requests wait (see `web::work`).
    #[error("busy")]
    Busy,
    #[error("internal error")]
    Internal(#[source] anyhow::Error),
}

impl AppError {
    pub fn invalid(field: &'static str, key: &'static str) -> AppError {
        AppError::Invalid(FieldErrors(vec![FieldError { field, key }]))
    }

    fn status(&self) -> StatusCode {
        match self {
            AppError::NotFound | AppError::NoSuch(_) => StatusCode::NOT_FOUND,
            AppError::Unauthorized => StatusCode::UNAUTHORIZED,
            AppError::Forbidden | AppError::Csrf => StatusCode::FORBIDDEN,
            AppError::Invalid(_) | AppError::InvalidBody(_) => StatusCode::UNPROCESSABLE_ENTITY,
            AppError::Conflict => StatusCode::CONFLICT,
            AppError::BadRequest("error-media-type") => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            AppError::BadRequest("error-too-large") => StatusCode::PAYLOAD_TOO_LARGE,
            AppError::BadRequest(_) => StatusCode::BAD_REQUEST,
            AppError::TooLarge(_) => StatusCode::PAYLOAD_TOO_LARGE,
            AppError::Throttled(_) => StatusCode::TOO_MANY_REQUESTS,
            AppError::Busy => StatusCode::SERVICE_UNAVAILABLE,
            AppError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    fn title_key(&self) -> &'static str {
        match self {
            AppError::NotFound => "error-not-found",
            AppError::Unauthorized => "error-unauthorized",
            AppError::Forbidden => "error-forbidden",
            AppError::Csrf => "error-csrf",
            AppError::Invalid(_) | AppError::InvalidBody(_) => "error-invalid",
            AppError::Conflict => "error-conflict",
            AppError::BadRequest(key) | AppError::TooLarge(key) | AppError::NoSuch(key) => key,
            AppError::Throttled(_) => "error-throttled",
            AppError::Busy => "error-busy",
            AppError::Internal(_) => "error-internal",
        }
    }
}

impl From<StoreError> for AppError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::NotFound => AppError::NotFound,
            StoreError::Conflict => AppError::Conflict,
            StoreError::Duplicate(field) => AppError::invalid(field, "error-duplicate"),
            other => AppError::Internal(other.into()),
        }
    }
}

impl From<askama::Error> for AppError {
    fn from(e: askama::Error) -> Self {
        AppError::Internal(e.into())
    }
}

/// When a client told the server is busy should try again.
const BUSY_RETRY_SECONDS: i64 = 5;

/// What the middleware needs to write the body.
#[derive(Debug, Clone)]
struct ErrorMark {
    status: StatusCode,
    title_key: &'static str,
    fields: Vec<(String, &'static str)>,
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        if let AppError::Internal(cause) = &self {
            tracing::error!(error = ?cause, "request failed");
        }
        let retry_after = match &self {
            AppError::Throttled(secs) => Some(*secs),
            AppError::Busy => Some(BUSY_RETRY_SECONDS),
            _ => None,
        };
        let mark = ErrorMark {
            status: self.status(),
            title_key: self.title_key(),
            fields: match self {
                AppError::Invalid(f) => f.0.into_iter().map(|f| (f.field.to_owned(), f.key)).collect(),
                AppError::InvalidBody(f) => f,
                _ => Vec::new(),
            },
        };
        let mut response = mark.status.into_response();
        if let Some(secs) = retry_after {
            response.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from(secs.max(1)));
        }
        response.extensions_mut().insert(mark);
        response
    }
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct Problem {
    /// A stable identifier of the kind of problem, e.g. `error-invalid`.
    #[serde(rename = "type")]
    pub kind: String,
    /// A translated, human-readable summary.
    pub title: String,
    pub status: u16,
    /// The fields to correct, each with a translated message.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<ProblemField>,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct ProblemField {
    pub field: String,
    /// A stable identifier of the error, e.g. `error-required`.
    pub code: String,
    pub message: String,
}

#[derive(askama::Template)]
#[template(path = "error.html")]
struct ErrorPage {
    page: super::page::Page,
    title: String,
    status: u16,
}

/// Where the session extractors leave the language they settled on (which may come from the
/// user's saved preference), so that an error later in the request speaks it too.
#[derive(Clone, Default)]
pub struct LangSlot(Arc<Mutex<Option<Lang>>>);

impl LangSlot {
    pub fn set(&self, lang: Lang) {
        if let Ok(mut slot) = self.0.lock() {
            *slot = Some(lang);
        }
    }

    fn get(&self) -> Option<Lang> {
        self.0.lock().ok().and_then(|slot| *slot)
    }
}

/// Writes the body of every error response, in the request's language.
pub async fn render_errors(mut req: Request, next: Next) -> Response {
    let slot = LangSlot::default();
    req.extensions_mut().insert(slot.clone());
    let guessed = request_lang(&req);
    let api = req.uri().path().starts_with("/api/");
    let path = req.uri().path_and_query().map(|p| p.as_str().to_owned()).unwrap_or_default();
    let response = next.run(req).await;
    let lang = slot.get().unwrap_or(guessed);
    // Errors that did not come from our handlers (a path with no route, a body too large)
    // get the same treatment.
    // Pages a handler rendered itself (a form with its errors) are left alone; bare errors
    // from the framework (no route, a path that does not parse, a body too large) are
    // plain text, and get the same treatment as ours.
    let bare = response
        .headers()
        .get(header::CONTENT_TYPE)
        .is_none_or(|v| v.to_str().is_ok_and(|v| v.starts_with("text/plain")));
    let mark = match response.extensions().get::<ErrorMark>().cloned() {
        Some(mark) => mark,
        None if bare && (response.status().is_client_error() || response.status().is_server_error()) => {
            let status = response.status();
            let title_key = match status {
                StatusCode::NOT_FOUND => "error-not-found",
                StatusCode::METHOD_NOT_ALLOWED => "error-method",
                StatusCode::PAYLOAD_TOO_LARGE => "error-too-large",
                StatusCode::UNSUPPORTED_MEDIA_TYPE => "error-media-type",
                s if s.is_server_error() => "error-internal",
                _ => "error-bad-request",
            };
            ErrorMark { status, title_key, fields: Vec::new() }
        }
        None => return response,
    };
    if !api && mark.status == StatusCode::UNAUTHORIZED {
        let next = url_encode(&path);
        return Redirect::to(&format!("/login?next={next}")).into_response();
    }
    let c = catalogs();
    let title = c.get(lang, mark.title_key);
    let mut out = if api {
        let problem = Problem {
            kind: mark.title_key.to_owned(),
            title,
            status: mark.status.as_u16(),
            errors: mark
                .fields
                .iter()
                .map(|(field, key)| ProblemField {
                    field: field.clone(),
                    code: (*key).to_owned(),
                    message: c.get(lang, key),
                })
                .collect(),
        };
        let mut r = (mark.status, axum::Json(problem)).into_response();
        r.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static("application/problem+json"));
        r
    } else {
        let page = ErrorPage { page: super::page::Page::anonymous(lang, &path), title, status: mark.status.as_u16() };
        match askama::Template::render(&page) {
            Ok(html) => (mark.status, Html(html)).into_response(),
            Err(e) => {
                tracing::error!(error = ?e, "error page did not render");
                mark.status.into_response()
            }
        }
    };
    for name in [header::ALLOW, header::RETRY_AFTER] {
        if let Some(value) = response.headers().get(&name) {
            out.headers_mut().insert(name, value.clone());
        }
    }
    out
}

pub fn url_encode(s: &str) -> String {
    serde_urlencoded::to_string([("", s)]).map(|e| e[1..].to_owned()).unwrap_or_default()
}
