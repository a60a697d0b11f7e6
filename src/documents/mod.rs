//! Documents in Hindi and English made from a case: the portal complaint, the letters to the
//! police and to the victim's bank, the s.63 certificate, the victim's plan, the case summary
//! and the application for the release of held money.
//!
//! [`build`] gathers a case's facts into `sahayak_documents::Document` (plain, translated data);
//! the `sahayak-documents` crate typesets it with typst into a PDF (or SVG pages for the HTML
//! view). The API and the case page share [`service`].

pub mod api;
pub mod bank;
pub mod build;
pub mod offences;
mod pages;
mod panel;
mod platform;
pub mod service;
pub mod stations;

use axum::Router;
use axum::routing::get;

pub use panel::panel;

use crate::web::AppState;

pub fn router() -> Router<AppState> {
    // A path parameter cannot carry a suffix (`{kind}.pdf`) in axum's router: the last
    // segment is read whole and its `.pdf` looked at by the handlers.
    Router::new()
        .route("/cases/{reference}/documents/{file}", get(pages::document))
        .route("/api/v1/cases/{id}/documents/{file}", get(api::pdf))
}
