//! One typed configuration: defaults < config file < environment < command-line flags.
//!
//! Flags and environment variables are read by clap (`--addr` / `SAHAYAK_ADDR`, ...); the file
//! (TOML, `--config` / `SAHAYAK_CONFIG`) fills in what neither gave.

use std::fmt;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};

use clap::Args;
use serde::Deserialize;

/// Settings every command that touches the data accepts.
#[derive(Debug, Clone, Default, Args)]
pub struct ConfigArgs {
    /// Optional TOML file with any of the settings below.
    #[arg(long, env = "SAHAYAK_CONFIG", global = true)]
    pub config: Option<PathBuf>,
    /// Directory for the SQLite database and stored files.
    #[arg(long, env = "SAHAYAK_DATA_DIR", global = true)]
    pub data_dir: Option<PathBuf>,
    /// `sqlite://path` or `postgres://user@host/db`; default: SQLite under the data dir.
    #[arg(long, env = "SAHAYAK_DATABASE_URL", global = true, hide_env_values = true)]
    pub database_url: Option<String>,
}

/// Settings of the HTTP server.
#[derive(Debug, Clone, Default, Args)]
pub struct ServeArgs {
    /// Address to listen on.
    #[arg(long, env = "SAHAYAK_ADDR")]
    pub addr: Option<SocketAddr>,
    /// The centre's name, printed on pages and papers.
    #[arg(long, env = "SAHAYAK_CENTRE_NAME")]
    pub centre_name: Option<String>,
    /// Send cookies only over HTTPS (set when served behind TLS).
    #[arg(long, env = "SAHAYAK_SECURE_COOKIES")]
    pub secure_cookies: Option<bool>,
}

/// The file's shape: every key optional.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileConfig {
    addr: Option<SocketAddr>,
    data_dir: Option<PathBuf>,
    database_url: Option<String>,
    centre_name: Option<String>,
    secure_cookies: Option<bool>,
    session_idle_minutes: Option<i64>,
    session_hours: Option<i64>,
}

/// A database URL. It may carry a password, so it never prints in full.
#[derive(Clone, PartialEq, Eq)]
pub struct DatabaseUrl(String);

impl DatabaseUrl {
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for DatabaseUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", redact_url(&self.0))
    }
}

impl fmt::Display for DatabaseUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&redact_url(&self.0))
    }
}

/// `postgres://user:secret@host/db` → `postgres://user:***@host/db`.
fn redact_url(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_owned();
    };
    let Some((creds, host)) = rest.split_once('@') else {
        return url.to_owned();
    };
    let user = creds.split(':').next().unwrap_or_default();
    let masked = if creds.contains(':') { format!("{user}:***") } else { user.to_owned() };
    // Query parameters may hold a password too (`?password=`).
    let host = host.split_once('?').map_or(host.to_owned(), |(h, _)| format!("{h}?***"));
    format!("{scheme}://{masked}@{host}")
}

#[derive(Debug, Clone)]
pub struct Config {
    pub addr: SocketAddr,
    pub data_dir: PathBuf,
    pub database_url: DatabaseUrl,
    pub centre_name: String,
    pub secure_cookies: bool,
    pub session_idle_minutes: i64,
    pub session_hours: i64,
    /// Cheap password hashing, for tests only.
    pub fast_password_hashing: bool,
}

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("cannot read config file {path}: {source}")]
    Read { path: PathBuf, source: std::io::Error },
    #[error("config file {path} is not valid: {message}")]
    Parse { path: PathBuf, message: String },
}

impl Config {
    pub fn load(common: &ConfigArgs, serve: &ServeArgs) -> Result<Config, ConfigError> {
        let file = match &common.config {
            Some(path) => read_file(path)?,
            None => FileConfig::default(),
        };
        let data_dir = common.data_dir.clone().or(file.data_dir).unwrap_or_else(|| PathBuf::from("sahayak-data"));
        let database_url = common
            .database_url
            .clone()
            .or(file.database_url)
            .unwrap_or_else(|| format!("sqlite://{}", data_dir.join("sahayak.db").display()));
        Ok(Config {
            addr: serve.addr.or(file.addr).unwrap_or_else(|| SocketAddr::from(([127, 0, 0, 1], 8080))),
            data_dir,
            database_url: DatabaseUrl(database_url),
            centre_name: serve
                .centre_name
                .clone()
                .or(file.centre_name)
                .unwrap_or_else(|| "Cyber Support Centre".into()),
            secure_cookies: serve.secure_cookies.or(file.secure_cookies).unwrap_or(false),
            session_idle_minutes: file.session_idle_minutes.unwrap_or(60),
            session_hours: file.session_hours.unwrap_or(12),
            fast_password_hashing: false,
        })
    }

    /// A configuration for tests: the given database, cheap hashing, temporary data dir.
    pub fn for_tests(database_url: &str, data_dir: &Path) -> Config {
        Config {
            addr: SocketAddr::from(([127, 0, 0, 1], 0)),
            data_dir: data_dir.to_owned(),
            database_url: DatabaseUrl(database_url.to_owned()),
            centre_name: "Test Cyber Support Centre".into(),
            secure_cookies: false,
            session_idle_minutes: 60,
            session_hours: 12,
            fast_password_hashing: true,
        }
    }
}

fn read_file(path: &Path) -> Result<FileConfig, ConfigError> {
    let text = std::fs::read_to_string(path).map_err(|source| ConfigError::Read { path: path.to_owned(), source })?;
    toml::from_str(&text).map_err(|e| ConfigError::Parse { path: path.to_owned(), message: e.message().to_owned() })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_in_urls_never_print() {
        let url = DatabaseUrl("postgres://app:s3cret@db.example/sahayak?password=other".into());
        assert_eq!(format!("{url:?}"), "postgres://app:***@db.example/sahayak?***");
        assert!(!format!("{url}").contains("s3cret"));
        assert_eq!(redact_url("sqlite://data/sahayak.db"), "sqlite://data/sahayak.db");
    }

    #[test]
    fn flags_beat_file_beat_defaults() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("sahayak.toml");
        std::fs::write(&file, "addr = \"0.0.0.0:9000\"\ncentre_name = \"From file\"\ndata_dir = \"/srv/sahayak\"\n")
            .unwrap();
        let common = ConfigArgs { config: Some(file.clone()), data_dir: None, database_url: None };
        let serve = ServeArgs { centre_name: Some("From flag".into()), ..Default::default() };
        let c = Config::load(&common, &serve).unwrap();
        assert_eq!(c.addr.to_string(), "0.0.0.0:9000");
        assert_eq!(c.centre_name, "From flag");
        assert_eq!(c.database_url.expose(), "sqlite:///srv/sahayak/sahayak.db");
        std::fs::write(&file, "adress = 1\n").unwrap();
        assert!(matches!(Config::load(&common, &serve), Err(ConfigError::Parse { .. })));
    }
}
