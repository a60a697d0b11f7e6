//! Who is asking and from where, for the audit log, without threading it through every call:
//! a task-local set for the length of each request.

use std::net::{IpAddr, SocketAddr};
use std::sync::{Arc, Mutex};

use axum::extract::{ConnectInfo, Request, State};
use axum::http::Method;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::config::AddressRange;
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

/// The client behind a reverse proxy: X-Forwarded-For read from the right (the nearest hop
/// first), skipping the trusted proxies' own addresses; the first other entry is the address
/// the nearest trusted proxy saw. Everything to its left was written by the client and is
/// never believed. Without a list of proxies, the peer is the one proxy and the rightmost entry
/// is the client. A request whose peer is not a listed proxy did not come through one: its
/// header is the client's own writing, and the peer is the client.
pub fn client_address(peer: Option<IpAddr>, forwarded: &[&str], proxies: &[AddressRange]) -> Option<IpAddr> {
    let trusted = |ip: IpAddr| proxies.iter().any(|p| p.contains(ip));
    if !proxies.is_empty() && !peer.is_some_and(trusted) {
        return peer;
    }
    let hops: Vec<&str> = forwarded.iter().flat_map(|h| h.split(',')).map(str::trim).collect();
    let mut nearest = peer;
    for hop in hops.iter().rev() {
        // A proxy that wrote something unreadable: trust nothing further left.
        let Some(ip) = parse_hop(hop) else { return nearest };
        if !trusted(ip) {
            return Some(ip);
        }
        nearest = Some(ip);
    }
    nearest
}

/// `203.0.113.7`, `203.0.113.7:4711`, `2001:db8::1` or `[2001:db8::1]:4711`.
fn parse_hop(hop: &str) -> Option<IpAddr> {
    if let Ok(ip) = hop.parse() {
        return Some(ip);
    }
    if let Some(rest) = hop.strip_prefix('[') {
        return rest.split_once(']').and_then(|(ip, _)| ip.parse().ok());
    }
    hop.rsplit_once(':')
        .and_then(|(ip, port)| port.parse::<u16>().ok().and(ip.parse::<std::net::Ipv4Addr>().ok()))
        .map(IpAddr::V4)
}

/// Sets the request context, and appends every state-changing request to the audit log
/// once it has been answered (method, path, outcome: paths carry ids, never personal data).
pub async fn middleware(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let peer = req.extensions().get::<ConnectInfo<SocketAddr>>().map(|c| c.0.ip());
    let address = if state.config.trust_proxy {
        let forwarded: Vec<&str> =
            req.headers().get_all("x-forwarded-for").iter().filter_map(|v| v.to_str().ok()).collect();
        client_address(peer, &forwarded, &state.config.trusted_proxies)
    } else {
        peer
    };
    let address = address.map_or_else(|| "unknown".to_owned(), |a| a.to_string());
    let ctx = RequestContext { address, user: Arc::default() };
    let method = req.method().clone();
    let path = req.uri().path().to_owned();
    let changes = !matches!(method, Method::GET | Method::HEAD | Method::OPTIONS);
    let work = CONTEXT.scope(ctx, async move {
        let response = next.run(req).await;
        if changes && !audited_elsewhere(&path) {
            let detail = response.status().as_u16().to_string();
            super::audit::record(&state, user(), &format!("http.{}", method.as_str().to_lowercase()), &path, &detail)
                .await;
        }
        response
    });
    if !changes {
        return work.await;
    }
    // A request that may change something runs as a task of its own: should the client hang up
    // (a phone on a weak network), the server still finishes the work it started instead of
    // dropping it between two awaits. Each write is one transaction either way; this makes the
    // outcome the one the worker meant when the request arrived whole.
    match tokio::spawn(work).await {
        Ok(response) => response,
        Err(e) => {
            tracing::error!(error = %e, "a request's task ended without an answer");
            axum::http::StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(s: &str) -> Option<IpAddr> {
        Some(s.parse().unwrap())
    }

    #[test]
    fn the_client_is_what_the_nearest_trusted_proxy_saw() {
        let none: &[AddressRange] = &[];
        // One proxy, no list: the rightmost entry, whatever the client wrote to its left.
        assert_eq!(client_address(ip("127.0.0.1"), &["6.6.6.6, 203.0.113.7"], none), ip("203.0.113.7"));
        assert_eq!(client_address(ip("127.0.0.1"), &["6.6.6.6", "203.0.113.7"], none), ip("203.0.113.7"));
        assert_eq!(client_address(ip("127.0.0.1"), &[], none), ip("127.0.0.1"));
        // Two proxies in a private range: both skipped.
        let proxies = ["10.0.0.0/8".parse().unwrap()];
        let chain = ["1.1.1.1, 198.51.100.2, 10.0.0.5"];
        assert_eq!(client_address(ip("10.0.0.9"), &chain, &proxies), ip("198.51.100.2"));
        // Not through the proxy: the header is the client's own.
        assert_eq!(client_address(ip("192.0.2.1"), &chain, &proxies), ip("192.0.2.1"));
        // Garbage from a hop stops the walk at the last trusted address.
        assert_eq!(client_address(ip("10.0.0.9"), &["203.0.113.7, junk, 10.0.0.5"], &proxies), ip("10.0.0.5"));
        assert_eq!(client_address(ip("10.0.0.9"), &["[2001:db8::1]:4711"], &proxies), ip("2001:db8::1"));
        assert_eq!(client_address(ip("10.0.0.9"), &["203.0.113.7:4711"], &proxies), ip("203.0.113.7"));
    }
}
