//! Metrics in Prometheus' text format, for whoever runs the service: requests and their
//! latency by route template, open cases by district and status, deadlines due, and the
//! dashboard's backlog of changes not yet folded into its monthly figures.
//!
//! `/metrics` answers only a scraper that sends `Authorization: Bearer <metrics_token>` (set
//! by `SAHAYAK_METRICS_TOKEN` or `metrics_token` in the config file); without a configured
//! token the endpoint does not exist. Labels carry route templates and district codes only —
//! never a case reference, a name or a number from a query.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::sync::Mutex;
use std::time::Instant;

use axum::extract::{MatchedPath, Request, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use super::session::same_secret;
use super::{AppError, AppState};

/// Upper bounds of the latency histogram's buckets, in seconds.
const BUCKETS: [f64; 11] = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0];

#[derive(Default)]
struct Histogram {
    /// Cumulative counts per bucket (the last is `+Inf`).
    counts: [u64; BUCKETS.len() + 1],
    sum: f64,
}

#[derive(Default)]
struct Counts {
    /// (method, route, status) → requests.
    requests: BTreeMap<(String, String, u16), u64>,
    /// (method, route) → latency.
    latency: BTreeMap<(String, String), Histogram>,
}

/// The request counters, shared by every request. One short lock per request.
#[derive(Default)]
pub struct Metrics {
    counts: Mutex<Counts>,
}

impl Metrics {
    fn observe(&self, method: &str, route: &str, status: u16, seconds: f64) {
        let Ok(mut c) = self.counts.lock() else { return };
        *c.requests.entry((method.to_owned(), route.to_owned(), status)).or_default() += 1;
        let h = c.latency.entry((method.to_owned(), route.to_owned())).or_default();
        for (i, bound) in BUCKETS.iter().enumerate() {
            if seconds <= *bound {
                h.counts[i] += 1;
            }
        }
        h.counts[BUCKETS.len()] += 1;
        h.sum += seconds;
    }

    fn write_requests(&self, out: &mut String) {
        let Ok(c) = self.counts.lock() else { return };
        out.push_str("# HELP sahayak_http_requests_total HTTP requests answered, by route template and status.\n");
        out.push_str("# TYPE sahayak_http_requests_total counter\n");
        for ((method, route, status), n) in &c.requests {
            let _ = writeln!(
                out,
                "sahayak_http_requests_total{{method=\"{}\",route=\"{}\",status=\"{status}\"}} {n}",
                escape(method),
                escape(route)
            );
        }
        out.push_str("# HELP sahayak_http_request_duration_seconds Time to answer, by route template.\n");
        out.push_str("# TYPE sahayak_http_request_duration_seconds histogram\n");
        for ((method, route), h) in &c.latency {
            let labels = format!("method=\"{}\",route=\"{}\"", escape(method), escape(route));
            for (i, bound) in BUCKETS.iter().enumerate() {
                let _ = writeln!(
                    out,
                    "sahayak_http_request_duration_seconds_bucket{{{labels},le=\"{bound}\"}} {}",
                    h.counts[i]
                );
            }
            let all = h.counts[BUCKETS.len()];
            let _ = writeln!(out, "sahayak_http_request_duration_seconds_bucket{{{labels},le=\"+Inf\"}} {all}");
            let _ = writeln!(out, "sahayak_http_request_duration_seconds_sum{{{labels}}} {}", h.sum);
            let _ = writeln!(out, "sahayak_http_request_duration_seconds_count{{{labels}}} {all}");
        }
    }
}

/// A label value as the text format wants it.
fn escape(s: &str) -> String {
    s.replace('\\', "\\\\").replace('"', "\\\"").replace('\n', "\\n")
}

/// Counts every request under its route template (`/cases/{reference}`), so that no
/// reference or query reaches a label; requests that match no route count as `unmatched`.
pub async fn track(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let route = req.extensions().get::<MatchedPath>().map_or("unmatched", |m| m.as_str()).to_owned();
    let method = req.method().as_str().to_owned();
    let started = Instant::now();
    let response = next.run(req).await;
    state.metrics.observe(&method, &route, response.status().as_u16(), started.elapsed().as_secs_f64());
    response
}

/// Whether the request carries the scraper's token; `NotFound` when no token is configured.
fn authorised(state: &AppState, headers: &HeaderMap) -> Result<bool, AppError> {
    let Some(expected) = &state.config.metrics_token else { return Err(AppError::NotFound) };
    let sent = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(str::trim)
        .unwrap_or_default();
    Ok(same_secret(sent, expected.expose()))
}

pub async fn endpoint(State(state): State<AppState>, headers: HeaderMap) -> Result<Response, AppError> {
    if !authorised(&state, &headers)? {
        // A scraper, not a person: a 401 rather than the sign-in page (which a bare text
        // error would become).
        let body = axum::Json(serde_json::json!({"error": "metrics token required"}));
        let mut r = (StatusCode::UNAUTHORIZED, body).into_response();
        r.headers_mut().insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer realm=\"metrics\""));
        return Ok(r);
    }
    let now = state.now_millis();
    let districts = state.districts().await?;
    let code = |id: i64| districts.iter().find(|d| d.id == id).map_or_else(|| id.to_string(), |d| d.code.clone());
    let (open, due) = state.store.open_case_gauges(now).await?;
    let backlog = state.store.dashboard_backlog().await?;
    let mut out = String::new();
    state.metrics.write_requests(&mut out);
    out.push_str("# HELP sahayak_open_cases Cases not closed, by district and status.\n");
    out.push_str("# TYPE sahayak_open_cases gauge\n");
    for (district, status, n) in &open {
        let _ = writeln!(
            out,
            "sahayak_open_cases{{district=\"{}\",status=\"{}\"}} {n}",
            escape(&code(*district)),
            escape(status)
        );
    }
    out.push_str("# HELP sahayak_deadlines_due Open cases whose nearest deadline or task has passed (overdue) or falls in the next 24 hours.\n");
    out.push_str("# TYPE sahayak_deadlines_due gauge\n");
    for (district, overdue, soon) in &due {
        let d = escape(&code(*district));
        let _ = writeln!(out, "sahayak_deadlines_due{{district=\"{d}\",when=\"overdue\"}} {overdue}");
        let _ = writeln!(out, "sahayak_deadlines_due{{district=\"{d}\",when=\"next_24h\"}} {soon}");
    }
    out.push_str(
        "# HELP sahayak_dashboard_backlog Changes waiting to be folded into the dashboards' monthly figures.\n",
    );
    out.push_str("# TYPE sahayak_dashboard_backlog gauge\n");
    let _ = writeln!(out, "sahayak_dashboard_backlog {backlog}");
    let mut r = out.into_response();
    r.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static("text/plain; version=0.0.4; charset=utf-8"));
    Ok(r)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn histogram_buckets_are_cumulative() {
        let m = Metrics::default();
        m.observe("GET", "/cases/{reference}", 200, 0.003);
        m.observe("GET", "/cases/{reference}", 404, 0.2);
        let mut out = String::new();
        m.write_requests(&mut out);
        assert!(
            out.contains("sahayak_http_requests_total{method=\"GET\",route=\"/cases/{reference}\",status=\"200\"} 1")
        );
        assert!(out.contains("le=\"0.005\"} 1\n"));
        assert!(out.contains("le=\"0.25\"} 2\n"));
        assert!(out.contains("le=\"+Inf\"} 2\n"));
        assert!(out.contains("_count{method=\"GET\",route=\"/cases/{reference}\"} 2\n"));
        assert_eq!(escape("a\"b\\c"), "a\\\"b\\\\c");
    }
}
