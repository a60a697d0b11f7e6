//! Structured logs. Handlers log ids (case id, user id), never a victim's name, number or story.

use tracing_subscriber::EnvFilter;

/// Logs to stderr; `RUST_LOG` adjusts the level (default: info for Sahayak, warn for libraries).
pub fn init() {
    let filter =
        EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("warn,sahayak=info,tower_http=info"));
    let _ =
        tracing_subscriber::fmt().with_env_filter(filter).with_writer(std::io::stderr).with_target(false).try_init();
}
