//! Victim self-service, with no staff login: the public "get help now" page with its
//! self-check, and a victim's own view of their case opened with the case reference and a
//! private access code (status, next steps, deadlines; add information, ask for a call back,
//! send more evidence). Staff issue the code from the case page and see what victims send.
//!
//! Codes are 12 characters from a 32-letter alphabet (60 bits), stored encrypted so staff can
//! reprint them; attempts are counted before they are checked, per case (whatever spelling of
//! its reference was typed) and per address, and every access is audited. A wrong code answers
//! exactly like an unknown reference.

pub mod api;
mod help;
mod panel;
mod track;

use std::sync::Arc;

use axum::Router;
use axum::routing::{get, post};
use rand::Rng;

use crate::config::{Notify, Secret};
use crate::web::AppState;

pub use panel::{issue_this, panel};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/help", get(help::page))
        .route("/track", get(track::form).post(track::open))
        .route("/track/case", get(track::case_page))
        .route("/track/case/info", post(track::add_info))
        .route("/track/case/callback", post(track::callback))
        .route("/track/case/evidence", post(track::upload))
        .route("/track/logout", post(track::logout))
        .route("/cases/{reference}/victim-code", post(panel::issue_code))
        .route("/cases/{reference}/victim-requests/{request_id}/done", post(panel::request_done))
        .route("/api/v1/track", post(api::track))
        .route("/api/v1/cases/{id}/victim-code", post(api::issue_code))
        .route("/api/v1/cases/{id}/victim-requests", get(api::requests))
}

/// Letters and digits that cannot be mistaken for each other when read aloud or copied
/// from paper (no 0/O, no 1/I).
const ALPHABET: &[u8; 32] = b"23456789ABCDEFGHJKLMNPQRSTUVWXYZ";
const CODE_LEN: usize = 12;

/// A new access code (60 random bits).
pub fn new_code() -> String {
    let mut rng = rand::rng();
    (0..CODE_LEN).map(|_| ALPHABET[rng.random_range(0..ALPHABET.len())] as char).collect()
}

/// A code as people type it: any case, with or without spaces and dashes.
pub fn normalise_code(input: &str) -> String {
    input.chars().filter(char::is_ascii_alphanumeric).map(|c| c.to_ascii_uppercase()).collect()
}

/// A code in groups of four, for paper: `K7QM-4XPR-93TD`.
pub fn display_code(code: &str) -> String {
    code.as_bytes().chunks(4).map(|c| String::from_utf8_lossy(c).into_owned()).collect::<Vec<_>>().join("-")
}

/// Sends a short message to a victim (SMS, WhatsApp). Deployments plug in their gateway by
/// implementing this, or configure the webhook below; the default only notes in the log that a
/// message would have gone out, never to whom or what (the code is a secret and the number
/// personal data).
#[async_trait::async_trait]
pub trait Notifier: Send + Sync {
    async fn send(&self, case_id: i64, mobile: &str, text: &str) -> anyhow::Result<()>;
    /// Whether messages really leave the centre (staff tell the victim to expect one).
    fn delivers(&self) -> bool;
}

pub struct LogNotifier;

#[async_trait::async_trait]
impl Notifier for LogNotifier {
    async fn send(&self, case_id: i64, _mobile: &str, text: &str) -> anyhow::Result<()> {
        tracing::info!(case_id, chars = text.chars().count(), "victim notification (log notifier: not sent)");
        Ok(())
    }

    fn delivers(&self) -> bool {
        false
    }
}

/// A gateway reached over HTTP: `POST {"channel": "sms"|"whatsapp", "to": "+91…", "text": …}`
/// with an optional bearer token; any 2xx answer is taken as accepted.
pub struct WebhookNotifier {
    client: reqwest::Client,
    url: Secret,
    token: Option<Secret>,
    channel: String,
}

/// How long the desk waits for the gateway before telling the worker to hand over the code.
const GATEWAY_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(10);

#[async_trait::async_trait]
impl Notifier for WebhookNotifier {
    async fn send(&self, case_id: i64, mobile: &str, text: &str) -> anyhow::Result<()> {
        let body = serde_json::json!({"channel": self.channel, "to": mobile, "text": text});
        let mut request = self.client.post(self.url.expose()).json(&body).timeout(GATEWAY_TIMEOUT);
        if let Some(token) = &self.token {
            request = request.bearer_auth(token.expose());
        }
        // reqwest's errors name the URL (which may carry a key): only the kind of failure is kept.
        let answer = request.send().await.map_err(|e| {
            anyhow::anyhow!(if e.is_timeout() {
                "the gateway did not answer in time"
            } else {
                "the gateway was not reached"
            })
        })?;
        if !answer.status().is_success() {
            anyhow::bail!("the gateway refused the message ({})", answer.status().as_u16());
        }
        tracing::info!(case_id, channel = %self.channel, "victim notification handed to the gateway");
        Ok(())
    }

    fn delivers(&self) -> bool {
        true
    }
}

/// The notifier the configuration asks for.
pub fn notifier_for(config: &Notify) -> Arc<dyn Notifier> {
    match &config.webhook_url {
        Some(url) => Arc::new(WebhookNotifier {
            client: reqwest::Client::new(),
            url: url.clone(),
            token: config.webhook_token.clone(),
            channel: config.channel.clone(),
        }),
        None => Arc::new(LogNotifier),
    }
}

/// The configured notifier.
pub fn notifier(state: &AppState) -> &dyn Notifier {
    state.notifier.as_ref()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_long_unambiguous_and_forgiving_to_type() {
        let a = new_code();
        assert_eq!(a.len(), CODE_LEN);
        assert!(a.bytes().all(|b| ALPHABET.contains(&b)));
        assert_ne!(a, new_code());
        let shown = display_code(&a);
        assert_eq!(shown.len(), 14);
        assert_eq!(normalise_code(&shown.to_lowercase().replace('-', " ")), a);
        assert!(!ALPHABET.contains(&b'0') && !ALPHABET.contains(&b'O') && !ALPHABET.contains(&b'I'));
    }
}
