//! Who is asking and from where, for the audit log, without threading it through every call:
//! a task-local set for the length of each request.

use std::net::SocketAddr;
use std::sync::{Arc, Mutex};

use axum::extract::{ConnectInfo, Request, State};
use axum::http::Method;
use axum::middleware::Next;
use axum::response::Response;

use crate::web::AppState;

#[derive(Clone)]
struct RequestContext {
    address: String,
    user: Arc<Mutex<Option<i64>>>,
}

tokio::task_local! {
    static CONTEXT: RequestContext;
}

/// The client's address for the request being served (`local` outside a request: the CLI).
pub fn address() -> String {
    CONTEXT.try_with(|c| c.address.clone()).unwrap_or_else(|_| "local".to_owned())
}

/// Called by the session extractors once they know who is signed in.
pub fn set_user(id: i64) {
    let _ = CONTEXT.try_with(|c| {
        if let Ok(mut u) = c.user.lock() {
            *u = Some(id);
        }
    });
}

pub fn user() -> Option<i64> {
    CONTEXT.try_with(|c| c.user.lock().ok().and_then(|u| *u)).ok().flatten()
}

/// Paths whose non-GET requests change nothing (or are audited where they happen).
fn audited_elsewhere(path: &str) -> bool {
    matches!(
        path,
        "/login"
            | "/logout"
            | "/api/v1/auth/login"
            | "/api/v1/auth/logout"
            | "/identifiers/preview"
            | "/api/v1/extract"
    )
}

/// Sets the request context, and appends every state-changing request to the audit log
/// once it has been answered (method, path, outcome: paths carry ids, never personal data).
pub async fn middleware(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let peer = req.extensions().get::<ConnectInfo<SocketAddr>>().map(|c| c.0.ip().to_string());
    let forwarded = state
        .config
        .trust_proxy
        .then(|| req.headers().get("x-forwarded-for").and_then(|v| v.to_str().ok()))
        .flatten()
        .and_then(|v| v.split(',').next())
        .map(|v| v.trim().to_owned());
    let address = forwarded.or(peer).unwrap_or_else(|| "unknown".to_owned());
    let ctx = RequestContext { address, user: Arc::default() };
    let method = req.method().clone();
    let path = req.uri().path().to_owned();
    CONTEXT
        .scope(ctx, async move {
            let response = next.run(req).await;
            let changes = !matches!(method, Method::GET | Method::HEAD | Method::OPTIONS);
            if changes && !audited_elsewhere(&path) {
                let detail = response.status().as_u16().to_string();
                super::audit::record(
                    &state,
                    user(),
                    &format!("http.{}", method.as_str().to_lowercase()),
                    &path,
                    &detail,
                )
                .await;
            }
            response
        })
        .await
}
