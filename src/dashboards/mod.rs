//! Dashboards and the monthly report: what the centres did, in numbers, for a district and
//! for the state. Every user sees the figures of the districts they work in; the state
//! admin sees the whole state.

pub mod api;
pub mod charts;
pub mod figures;
pub mod page;
pub mod report;

use axum::Router;
use axum::routing::get;

use crate::web::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/dashboard", get(page::page))
        .route("/dashboard/report.csv", get(report::csv_page))
        .route("/api/v1/dashboard", get(api::dashboard))
        .route("/api/v1/dashboard/report", get(api::report))
}
