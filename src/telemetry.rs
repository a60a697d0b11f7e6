//! Structured logs. Handlers log ids (case id, user id), never a victim's name, number or story.

use tracing_subscriber::EnvFilter;

/// Logs to stderr; `RUST_LOG` adjusts the level (default: info for Sahayak, warn for libraries).
pub fn init() {
    let filter =
        EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("warn,sahayak=info,tower_http=info"));
    let _ =
        tracing_subscriber::fmt().with_env_filter(filter).with_writer(std::io::stderr).with_target(false).try_init();
}

/// Warnings and errors only, in the same format: for bulk work whose every step would log
/// otherwise (the demo loads thousands of them; a progress bar says how far it is).
pub fn quiet() -> impl tracing::Subscriber + Send + Sync {
    tracing_subscriber::fmt()
        .with_env_filter(EnvFilter::new("warn"))
        .with_writer(std::io::stderr)
        .with_target(false)
        .finish()
}
