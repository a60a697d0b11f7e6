//! Working cases: the list and search, the case page, and the case API.

pub mod access;
pub mod api;
mod edit;
pub mod input;
mod list;
pub mod panels;
pub mod service;
pub mod show;
pub mod views;

use axum::Router;
use axum::routing::{get, post};

use crate::web::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/cases", get(list::page))
        .route("/cases/{reference}", get(show::page))
        .route("/cases/{reference}/edit", get(edit::form).post(edit::submit))
        .route("/cases/{reference}/notes", post(show::add_note))
        .route("/cases/{reference}/status", post(show::change_status))
        .route("/cases/{reference}/assign", post(show::assign))
        .route("/api/v1/cases", get(api::list).post(api::create))
        .route("/api/v1/cases/{id}", get(api::get).patch(api::update))
        .route("/api/v1/cases/{id}/events", get(api::events))
        .route("/api/v1/cases/{id}/notes", post(api::add_note))
        .route("/api/v1/cases/{id}/status", post(api::change_status))
        .route("/api/v1/cases/{id}/assign", post(api::assign))
}
