//! The money trail of a case: the victim's debits and each hop the banks report, imported
//! from the portal's spreadsheet or typed in; what is on hold; how it gets back to the victim.

pub mod api;
pub mod import;
pub mod pages;
pub mod service;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::routing::{delete, get, post};

pub use pages::panel;
pub use service::{MAX_UPLOAD, ROUTES, case_totals, totals_text};

use crate::web::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/cases/{reference}/trail", post(pages::add_form))
        .route("/cases/{reference}/trail/{row_id}/remove", post(pages::remove_form))
        .route(
            "/cases/{reference}/trail/import",
            post(pages::import_form).layer(DefaultBodyLimit::max(MAX_UPLOAD + 64 * 1024)),
        )
        .route("/cases/{reference}/trail/import/{import_id}", post(pages::import_confirm_form))
        .route("/cases/{reference}/restorations", post(pages::restoration_form))
        .route("/api/v1/cases/{id}/trail", get(api::list).post(api::add))
        .route("/api/v1/cases/{id}/trail/{row_id}", delete(api::remove))
        .route(
            "/api/v1/cases/{id}/trail/import",
            post(api::import).layer(DefaultBodyLimit::max(MAX_UPLOAD + 64 * 1024)),
        )
        .route("/api/v1/cases/{id}/trail/import/{import_id}", post(api::import_confirm))
        .route("/api/v1/cases/{id}/restorations", get(api::restorations).post(api::save_restoration))
        .route("/api/v1/money", get(api::money))
}
