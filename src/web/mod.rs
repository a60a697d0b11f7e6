//! HTTP plumbing shared by every feature: state, routing, errors, sessions, languages.

pub mod cache;
pub mod csv_export;
pub mod error;
pub mod fleet;
pub mod form;
pub mod i18n;
pub mod metrics;
pub mod page;
pub mod session;
pub mod tel;
pub mod when;
pub mod work;

use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue, header};
use axum::middleware;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use sahayak_domain::case::Lang;
use sahayak_domain::deadlines::Engine;
use tokio::net::TcpListener;
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::trace::TraceLayer;

use crate::config::Config;
use crate::store::{District, Store};

pub use error::AppError;

#[derive(Clone)]
pub struct AppState {
    pub store: Store,
    pub config: Arc<Config>,
    pub passwords: crate::auth::password::Hasher,
    pub evidence: Arc<crate::evidence::Vault>,
    pub rings: crate::identifiers::RingCache,
    /// Request counts and latencies for `/metrics`.
    pub metrics: Arc<metrics::Metrics>,
    /// Messages to victims (their access code): a gateway, or the log.
    pub notifier: Arc<dyn crate::victim::Notifier>,
    /// All districts (one entry).
    districts: cache::Cache<(), Vec<District>>,
    /// Each district's active stations and legal-aid contacts.
    pub directory: cache::Cache<i64, crate::directory::Lists>,
    /// Each district's deadline engine (its own holidays), built on first use.
    engines: cache::Cache<i64, Engine>,
    /// The bounded pool that reads uploaded spreadsheets and decodes images.
    pub workers: work::Workers,
}

/// Districts, stations and contacts change rarely (an admin edits them); pages read them on
/// every request, and another server's edit shows here within this long.
const REFERENCE_TTL: Duration = Duration::from_secs(60);

impl AppState {
    /// The current instant (the store's clock; see [`crate::clock`]).
    pub fn now(&self) -> chrono::DateTime<chrono::Utc> {
        self.store.now()
    }

    /// [`AppState::now`] as epoch milliseconds.
    pub fn now_millis(&self) -> i64 {
        self.store.now_millis()
    }

    pub fn new(store: Store, config: Config) -> AppState {
        let passwords = crate::auth::password::Hasher::new(config.fast_password_hashing);
        let evidence = Arc::new(crate::evidence::Vault::open(&config));
        let notifier = crate::victim::notifier_for(&config.notify);
        AppState {
            notifier,
            store,
            config: Arc::new(config),
            passwords,
            evidence,
            rings: Default::default(),
            metrics: Arc::default(),
            districts: cache::Cache::new(REFERENCE_TTL),
            directory: cache::Cache::new(REFERENCE_TTL),
            engines: cache::Cache::until_forgotten(),
            workers: work::Workers::for_this_machine(),
        }
    }

    /// All districts, from a cache refreshed every minute (and at once by [`Self::forget_districts`]).
    pub async fn districts(&self) -> Result<Arc<Vec<District>>, AppError> {
        Ok(self.districts.get_or_load((), self.store.districts()).await?)
    }

    pub fn forget_districts(&self) {
        self.districts.forget(&());
    }

    /// A district's active police stations and legal-aid contacts.
    pub async fn directory_lists(&self, district_id: i64) -> Result<Arc<crate::directory::Lists>, AppError> {
        Ok(self.directory.get_or_load(district_id, crate::directory::Lists::load(&self.store, district_id)).await?)
    }

    /// The deadline engine for a district's cases: the shared rules counting working days on
    /// the district's holidays (the shared calendar where the district has none).
    pub async fn deadline_engine(&self, district_id: i64) -> Result<Arc<Engine>, AppError> {
        let load = async { Ok::<_, AppError>(district_engine(&self.store.district_holidays(district_id).await?)) };
        self.engines.get_or_load(district_id, load).await
    }

    pub fn forget_deadline_engine(&self, district_id: i64) {
        self.engines.forget(&district_id);
    }

    /// Drops every cached piece of reference data (another server changed some of it).
    pub fn forget_reference_data(&self) {
        self.districts.forget_all();
        self.directory.forget_all();
        self.engines.forget_all();
    }

    pub fn idle_timeout_ms(&self) -> i64 {
        self.config.session_idle_minutes * 60_000
    }

    pub fn session_ttl_ms(&self) -> i64 {
        self.config.session_hours * 3_600_000
    }
}

/// The built-in engine with each calendar's holidays replaced by the district's list for it.
fn district_engine(rows: &[crate::store::DistrictHoliday]) -> Engine {
    use sahayak_domain::deadlines::{Holiday, Text};
    let builtin = Engine::builtin();
    let mut calendars = builtin.calendars().clone();
    for cal in builtin.calendars().iter() {
        let mine: Vec<Holiday> = rows
            .iter()
            .filter(|r| r.calendar == cal.id())
            .filter_map(|r| {
                Some(Holiday {
                    date: chrono::NaiveDate::parse_from_str(&r.day, "%Y-%m-%d").ok()?,
                    name: Text { en: r.name_en.clone(), hi: r.name_hi.clone() },
                    estimate: r.estimate != 0,
                })
            })
            .collect();
        if mine.is_empty() {
            continue;
        }
        match cal.with_holidays(mine) {
            Ok(c) => calendars.replace(c),
            Err(e) => {
                tracing::warn!(error = %e, calendar = cal.id(), "district holidays not usable; shared calendar used")
            }
        }
    }
    Engine::new(builtin.rules().clone(), calendars).unwrap_or_else(|_| builtin.clone())
}

/// The centre's name in `lang`: the district's own when it has one, else the deployment's
/// (config `centre_name` / `centre_name_hi`). Pages, papers and the help page all ask here.
pub fn centre_name(config: &Config, district: Option<&District>, lang: Lang) -> String {
    district.and_then(|d| d.centre_name_in(lang)).unwrap_or_else(|| config.centre(lang)).to_owned()
}

/// Request bodies above this are refused before any handler reads them.
const MAX_BODY_BYTES: usize = 1024 * 1024;

pub fn router(state: AppState) -> Router {
    // Behind TLS (secure cookies), browsers are told to use nothing else for a year.
    let hsts = state.config.secure_cookies.then(|| HeaderValue::from_static("max-age=31536000"));
    let csp = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
               form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'";
    Router::new()
        .route("/", get(|| async { Redirect::to("/queue") }))
        .route("/healthz", get(healthz))
        .route("/when", get(when::echo_endpoint))
        .route("/metrics", get(metrics::endpoint))
        .route("/static/{*path}", get(crate::assets::serve))
        .merge(crate::auth::router())
        .merge(crate::intake::router())
        .merge(crate::cases::router())
        .merge(crate::evidence::router())
        .merge(crate::documents::router())
        .merge(crate::identifiers::router())
        .merge(crate::triage::router())
        .merge(crate::trail::router())
        .merge(crate::privacy::router())
        .merge(crate::victim::router())
        .merge(crate::counselling::router())
        .merge(crate::referrals::router())
        .merge(crate::followup::router())
        .merge(crate::dashboards::router())
        .merge(crate::directory::router())
        .merge(crate::staff::router())
        .merge(crate::awareness::router())
        .merge(crate::api::router())
        .fallback(|| async { AppError::NotFound })
        // Applied to each route, so it sees the route's template (`MatchedPath`).
        .layer(middleware::from_fn_with_state(state.clone(), metrics::track))
        .layer(middleware::from_fn_with_state(state.clone(), crate::privacy::context::middleware))
        .layer(middleware::from_fn(reject_nul_in_query))
        .layer(middleware::from_fn(error::render_errors))
        .layer(axum::extract::DefaultBodyLimit::max(MAX_BODY_BYTES))
        .layer(tower_http::compression::CompressionLayer::new().compress_when(compressible))
        .layer(SetResponseHeaderLayer::if_not_present(header::CONTENT_SECURITY_POLICY, HeaderValue::from_static(csp)))
        .layer(SetResponseHeaderLayer::overriding(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff")))
        .layer(SetResponseHeaderLayer::overriding(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY")))
        .layer(SetResponseHeaderLayer::overriding(header::REFERRER_POLICY, HeaderValue::from_static("same-origin")))
        // Case pages, API answers and the sign-in answer carrying a token stay out of every
        // cache (shared computers, proxies); only static assets say otherwise.
        .layer(SetResponseHeaderLayer::if_not_present(header::CACHE_CONTROL, HeaderValue::from_static("no-store")))
        .layer(SetResponseHeaderLayer::overriding(header::STRICT_TRANSPORT_SECURITY, move |_: &Response| hsts.clone()))
        .layer(TraceLayer::new_for_http().make_span_with(|req: &Request| {
            // The path only: queries may carry a victim's mobile number or name. A feedback
            // link's token is left out too: it is all that guards the public form.
            let path = req.uri().path();
            let path = match path.find("/feedback/") {
                Some(at) => &path[..at + "/feedback/".len()],
                None => path,
            };
            tracing::info_span!("http", method = %req.method(), path = %path)
        }))
        .with_state(state)
}

/// Pages, styles, scripts and JSON go compressed (gzip or brotli, as the browser asks); files
/// (evidence, PDFs, images) go as they are: they are compressed already or served in ranges.
fn compressible(
    _: axum::http::StatusCode,
    _: axum::http::Version,
    headers: &HeaderMap,
    _: &axum::http::Extensions,
) -> bool {
    let kind = headers.get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or_default();
    let small = headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok())
        .is_some_and(|n| n < 256);
    !small
        && [
            "text/html",
            "text/css",
            "text/javascript",
            "application/javascript",
            "application/json",
            "application/problem+json",
            "image/svg+xml",
            "text/csv",
            "text/plain",
        ]
        .iter()
        .any(|k| kind.starts_with(k))
}

/// A query string carrying NUL is refused before any handler sees it: no person types one,
/// and PostgreSQL cannot store it in text.
async fn reject_nul_in_query(req: Request, next: middleware::Next) -> Response {
    let has_nul = req.uri().query().is_some_and(|q| q.contains("%00") || q.contains('\0'));
    if has_nul { AppError::BadRequest("error-bad-request").into_response() } else { next.run(req).await }
}

/// Serves the app on an already-bound listener (tests bind port 0) until shutdown.
pub async fn serve(listener: TcpListener, state: AppState) -> std::io::Result<()> {
    let poller = tokio::spawn(fleet::keep_reference_data_fresh(state.clone()));
    let app = router(state).into_make_service_with_connect_info::<std::net::SocketAddr>();
    let served = axum::serve(listener, app).with_graceful_shutdown(shutdown_signal()).await;
    poller.abort();
    served
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! { _ = ctrl_c => {}, _ = terminate => {} }
}

async fn healthz(State(state): State<AppState>) -> Response {
    match state.store.ping().await {
        Ok(()) => (axum::http::StatusCode::OK, "ok").into_response(),
        Err(e) => {
            tracing::error!(error = ?e, "health check failed");
            (axum::http::StatusCode::SERVICE_UNAVAILABLE, "database unavailable").into_response()
        }
    }
}

/// The value of cookie `name`, if the request carries it.
pub fn cookie<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers.get_all(header::COOKIE).iter().filter_map(|v| v.to_str().ok()).flat_map(|v| v.split(';')).find_map(|pair| {
        let (k, v) = pair.trim().split_once('=')?;
        (k == name).then_some(v)
    })
}

pub fn query_param(query: Option<&str>, name: &str) -> Option<String> {
    let pairs: Vec<(String, String)> = serde_urlencoded::from_str(query?).ok()?;
    pairs.into_iter().find(|(k, _)| k == name).map(|(_, v)| v)
}

/// The language for a request before its session is known (used for error pages).
pub fn request_lang(req: &Request) -> Lang {
    i18n::negotiate(
        query_param(req.uri().query(), "lang").as_deref(),
        cookie(req.headers(), session::LANG_COOKIE),
        None,
        req.headers().get(header::ACCEPT_LANGUAGE).and_then(|v| v.to_str().ok()),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_districts_holidays_replace_the_shared_calendars() {
        let day = |d: &str| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").unwrap();
        let row = |d: &str| crate::store::DistrictHoliday {
            calendar: "bank-rajasthan".into(),
            day: d.into(),
            name_en: "Local fair".into(),
            name_hi: "स्थानीय मेला".into(),
            estimate: 0,
        };
        let engine = district_engine(&[row("2026-09-15")]);
        let bank = engine.calendars().get("bank-rajasthan").unwrap();
        assert!(bank.holiday(day("2026-09-15")).is_some());
        assert!(bank.holiday(day("2026-01-26")).is_none(), "the district's list replaces the shared one");
        // No list of its own: the shared calendar.
        let shared = district_engine(&[]);
        assert!(shared.calendars().get("bank-rajasthan").unwrap().holiday(day("2026-01-26")).is_some());
    }

    #[test]
    fn cookies_and_query_params_are_read() {
        let mut h = HeaderMap::new();
        h.insert(header::COOKIE, HeaderValue::from_static("a=1; sahayak_lang=en; b=2"));
        assert_eq!(cookie(&h, "sahayak_lang"), Some("en"));
        assert_eq!(cookie(&h, "c"), None);
        assert_eq!(query_param(Some("q=%E0%A4%A0%E0%A4%97%E0%A5%80&lang=hi"), "q").as_deref(), Some("ठगी"));
        assert_eq!(query_param(None, "q"), None);
    }
}
