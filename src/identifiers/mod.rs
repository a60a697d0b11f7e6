//! Suspect identifiers: found in what victims paste, confirmed by the worker, linked across
//! every case that mentions them, and grouped into fraud rings.

pub mod api;
mod pages;
mod panel;
mod preview;
mod ring_cache;
pub mod service;

use axum::Router;
use axum::routing::{delete, get, post, put};

use crate::web::AppState;

pub use panel::panel;
pub use ring_cache::{RingCache, RingInfo, RingSet, compute as compute_rings};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/cases/{reference}/identifiers", post(pages::confirm))
        .route("/cases/{reference}/identifiers/{identifier_id}/remove", post(pages::remove))
        .route("/identifiers", get(pages::lookup))
        .route("/identifiers/preview", post(preview::preview))
        .route("/identifiers/flag", post(pages::flag))
        .route("/rings", get(pages::rings))
        .route("/rings/{id}", get(pages::ring))
        .route("/rings/{id}/export.csv", get(pages::export_csv))
        .route("/rings/{id}/export.json", get(pages::export_json))
        .route("/api/v1/extract", post(api::extract))
        .route("/api/v1/identifiers/{kind}/{value}/cases", get(api::cases))
        .route("/api/v1/identifiers/{kind}/{value}/flag", put(api::flag))
        .route("/api/v1/cases/{id}/identifiers", get(api::for_case).post(api::confirm))
        .route("/api/v1/cases/{id}/identifiers/{identifier_id}", delete(api::remove))
        .route("/api/v1/rings", get(api::rings))
        .route("/api/v1/rings/{id}", get(api::ring))
}
