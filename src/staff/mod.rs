//! Staff administration in the app and the API: district admins manage the people of their
//! districts, the state admin everyone. The rules (in [`service`]): nobody gives anyone a role
//! above their own or a district outside their own; a person of another district is "not
//! found"; the last active state admin stays; deactivating someone ends their sessions at once;
//! a password is never seen or set by an admin: people set their own through a one-time link.
//! Every change is audited.

pub mod api;
mod pages;
pub mod service;

use axum::Router;
use axum::routing::{get, post};

use crate::web::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/admin/staff", get(pages::index).post(pages::add))
        .route("/admin/staff/{id}", get(pages::person).post(pages::change))
        .route("/admin/staff/{id}/reset-link", post(pages::reset_link))
        .route("/admin/staff/{id}/two-step", post(pages::reset_two_step))
        .route("/api/v1/users", get(api::list).post(api::add))
        .route("/api/v1/users/{id}", get(api::get).patch(api::change))
        .route("/api/v1/users/{id}/reset-link", post(api::reset_link))
        .route("/api/v1/users/{id}/reset-two-step", post(api::reset_two_step))
}
