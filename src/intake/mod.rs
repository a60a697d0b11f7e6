//! Intake: the form a front-desk worker fills while the victim is at the desk or on the line.

pub mod form;
pub mod register;

use axum::Router;
use axum::routing::{get, post};

use crate::web::AppState;

pub fn router() -> Router<AppState> {
    Router::new().route("/cases/new", get(form::new_case)).route("/cases", post(form::create))
}
