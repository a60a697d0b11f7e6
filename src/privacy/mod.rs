//! Who may see what, and what happens to personal data: the audit log, consent, retention
//! and erasure, the data-principal export, backups.

pub mod api;
pub mod audit;
pub mod consent;
pub mod context;
pub mod export;
pub mod retention;

use axum::Router;
use axum::routing::{get, post};

use crate::web::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/cases/{reference}/consent", post(consent::form))
        .route("/cases/{reference}/legal-hold", post(retention::set_hold))
        .route("/privacy/export", get(export::form).post(export::submit))
        .route("/api/v1/privacy/export", post(export::api))
        .route("/api/v1/cases/{id}/consents", get(api::consents).post(api::record))
}
