//! What keeps several servers on one database behaving as one: background jobs claimed once
//! per period across them, and caches of reference data dropped when another server changed it.

use std::time::Duration;

use super::AppState;

/// How often each server asks whether the reference data changed: the bound on how long an
/// edit on one server (a holiday, a district, a station) takes to reach the others.
pub const REFERENCE_POLL: Duration = Duration::from_secs(2);

/// This server, as named in `job_runs.holder`: host and process, for whoever reads the table.
pub fn holder() -> String {
    let host = std::fs::read_to_string("/etc/hostname").map(|h| h.trim().to_owned()).unwrap_or_default();
    format!("{host}:{}", std::process::id())
}

/// Runs `job` every `period` across all servers: each server wakes every `check`, and only
/// the one that claims the period runs it. A failed run is logged and the period is not
/// tried again.
pub async fn every<F, Fut>(state: AppState, name: &'static str, period: Duration, check: Duration, job: F)
where
    F: Fn(AppState) -> Fut,
    Fut: std::future::Future<Output = anyhow::Result<()>>,
{
    let holder = holder();
    let period_ms = i64::try_from(period.as_millis()).unwrap_or(i64::MAX);
    loop {
        tokio::time::sleep(check).await;
        match state.store.claim_job(name, &holder, state.now_millis(), period_ms).await {
            Ok(true) => {
                if let Err(e) = job(state.clone()).await {
                    tracing::error!(job = name, error = ?e, "background job failed");
                }
            }
            Ok(false) => {}
            Err(e) => tracing::warn!(job = name, error = ?e, "could not claim a background job; trying later"),
        }
    }
}

/// Drops this server's cached reference data when another server changed it.
pub async fn poll_reference_data(state: &AppState, seen: &mut Option<i64>) {
    match state.store.reference_version().await {
        Ok(v) if *seen != Some(v) => {
            if seen.is_some() {
                state.forget_reference_data();
                tracing::info!(version = v, "reference data changed; caches dropped");
            }
            *seen = Some(v);
        }
        Ok(_) => {}
        Err(e) => tracing::warn!(error = ?e, "could not read the reference data's version"),
    }
}

/// [`poll_reference_data`] every [`REFERENCE_POLL`] while the server runs.
pub async fn keep_reference_data_fresh(state: AppState) {
    let mut seen = None;
    loop {
        poll_reference_data(&state, &mut seen).await;
        tokio::time::sleep(REFERENCE_POLL).await;
    }
}
