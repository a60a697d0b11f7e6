//! Who may see what, and what happens to personal data: the audit log, consent, retention
//! and erasure, the data-principal export, backups.

pub mod api;
pub mod audit;
pub mod consent;
pub mod context;

use axum::Router;
use axum::routing::{get, post};

use crate::web::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/cases/{reference}/consent", post(consent::form))
        .route("/api/v1/cases/{id}/consents", get(api::consents).post(api::record))
}
