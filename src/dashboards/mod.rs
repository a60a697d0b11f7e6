//! Dashboards and the monthly report: what the centres did, in numbers, for a district and
//! for the state. Every user sees the figures of the districts they work in; the state
//! admin sees the whole state.

pub mod api;
pub mod charts;
pub mod figures;
pub mod page;
pub mod report;

use std::time::Duration;

use axum::Router;
use axum::routing::get;

use crate::web::AppState;

/// How often the server folds recent changes into the monthly figures, so that a dashboard
/// read seldom has more than a few months to recompute itself.
const REFRESH_EVERY: Duration = Duration::from_secs(30);

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/dashboard", get(page::page))
        .route("/dashboard/report.csv", get(report::csv_page))
        .route("/dashboard/report.xlsx", get(report::xlsx_page))
        .route("/dashboard/report.pdf", get(report::pdf_page))
        .route("/api/v1/dashboard", get(api::dashboard))
        .route("/api/v1/dashboard/report", get(api::report))
}

/// Keeps the monthly figures current in the background (a dashboard read also brings them
/// up to date, so they are never stale; this only takes the work off the reader). One server
/// of several does it each period.
pub async fn keep_fresh(state: AppState) {
    let job = |state: AppState| async move {
        state.store.refresh_dashboard().await?;
        Ok(())
    };
    crate::web::fleet::every(state, "dashboard_refresh", REFRESH_EVERY - Duration::from_secs(2), REFRESH_EVERY, job)
        .await
}
