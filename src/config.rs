//! One typed configuration: defaults < config file < environment < command-line flags.
//!
//! Flags and environment variables are read by clap (`--addr` / `SAHAYAK_ADDR`, ...); the file
//! (TOML, `--config` / `SAHAYAK_CONFIG`) fills in what neither gave.

use std::fmt;
use std::net::{IpAddr, SocketAddr};
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
    #[command(flatten)]
    pub evidence: EvidenceArgs,
}

/// Where evidence files are kept and how large they may be. The S3 secret key is read only from
/// `SAHAYAK_S3_SECRET_ACCESS_KEY` or the config file, never from a flag (flags show in `ps`).
#[derive(Debug, Clone, Default, Args)]
pub struct EvidenceArgs {
    /// `file` (under the data dir, the default) or `s3`.
    #[arg(long, env = "SAHAYAK_EVIDENCE_STORAGE", global = true)]
    pub evidence_storage: Option<String>,
    /// Largest evidence file accepted, in MB of 1,000,000 bytes (default 2000).
    #[arg(long, env = "SAHAYAK_EVIDENCE_MAX_FILE_MB", global = true)]
    pub evidence_max_file_mb: Option<u64>,
    /// Most evidence one case may hold, in MB (default 10000).
    #[arg(long, env = "SAHAYAK_EVIDENCE_MAX_CASE_MB", global = true)]
    pub evidence_max_case_mb: Option<u64>,
    /// S3-compatible endpoint, e.g. `https://s3.ap-south-1.amazonaws.com` or `http://127.0.0.1:9000`.
    #[arg(long, env = "SAHAYAK_S3_ENDPOINT", global = true)]
    pub s3_endpoint: Option<String>,
    #[arg(long, env = "SAHAYAK_S3_BUCKET", global = true)]
    pub s3_bucket: Option<String>,
    /// Default `ap-south-1`.
    #[arg(long, env = "SAHAYAK_S3_REGION", global = true)]
    pub s3_region: Option<String>,
    /// Key prefix inside the bucket (default `evidence`).
    #[arg(long, env = "SAHAYAK_S3_PREFIX", global = true)]
    pub s3_prefix: Option<String>,
    #[arg(long, env = "SAHAYAK_S3_ACCESS_KEY_ID", global = true)]
    pub s3_access_key_id: Option<String>,
    /// Allow a plain-HTTP endpoint (a local test server).
    #[arg(long, env = "SAHAYAK_S3_ALLOW_HTTP", global = true)]
    pub s3_allow_http: Option<bool>,
}

/// Settings of the HTTP server.
#[derive(Debug, Clone, Default, Args)]
pub struct ServeArgs {
    /// Address to listen on.
    #[arg(long, env = "SAHAYAK_ADDR")]
    pub addr: Option<SocketAddr>,
    /// The centre's name, printed on pages and papers (English; also on Hindi pages when
    /// `--centre-name-hi` is not given).
    #[arg(long, env = "SAHAYAK_CENTRE_NAME")]
    pub centre_name: Option<String>,
    /// The centre's name in Hindi.
    #[arg(long, env = "SAHAYAK_CENTRE_NAME_HI")]
    pub centre_name_hi: Option<String>,
    /// Send cookies only over HTTPS (set when served behind TLS).
    #[arg(long, env = "SAHAYAK_SECURE_COOKIES")]
    pub secure_cookies: Option<bool>,
    /// Take the client address from X-Forwarded-For (set when behind a reverse proxy): the
    /// address the nearest trusted proxy saw, i.e. the rightmost entry not in --trusted-proxies.
    #[arg(long, env = "SAHAYAK_TRUST_PROXY")]
    pub trust_proxy: Option<bool>,
    /// The reverse proxies' own addresses or ranges, comma-separated (`10.0.0.0/8,127.0.0.1`).
    /// Empty: the server's peer is the one proxy, and the rightmost X-Forwarded-For entry is
    /// the client.
    #[arg(long, env = "SAHAYAK_TRUSTED_PROXIES", value_delimiter = ',')]
    pub trusted_proxies: Option<Vec<String>>,
    /// The address people reach this server at, e.g. `https://sahayak.example.org`: every
    /// absolute link (feedback QR codes, links sent to victims and staff) starts with it.
    #[arg(long, env = "SAHAYAK_PUBLIC_URL")]
    pub public_url: Option<String>,
}

/// The file's shape: every key optional.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileConfig {
    addr: Option<SocketAddr>,
    data_dir: Option<PathBuf>,
    database_url: Option<String>,
    centre_name: Option<String>,
    centre_name_hi: Option<String>,
    centre_address: Option<String>,
    centre_phone: Option<String>,
    referral_reminder_days: Option<i64>,
    large_loss_rupees: Option<i64>,
    secure_cookies: Option<bool>,
    session_idle_minutes: Option<i64>,
    session_hours: Option<i64>,
    trust_proxy: Option<bool>,
    trusted_proxies: Option<Vec<String>>,
    public_url: Option<String>,
    key_file: Option<PathBuf>,
    #[serde(default)]
    retention: Retention,
    #[serde(default)]
    sign_in: SignIn,
    evidence_storage: Option<String>,
    evidence_max_file_mb: Option<u64>,
    evidence_max_case_mb: Option<u64>,
    s3_endpoint: Option<String>,
    s3_bucket: Option<String>,
    s3_region: Option<String>,
    s3_prefix: Option<String>,
    s3_access_key_id: Option<String>,
    s3_secret_access_key: Option<String>,
    s3_allow_http: Option<bool>,
    metrics_token: Option<String>,
    notify_webhook_url: Option<String>,
    notify_webhook_token: Option<String>,
    notify_channel: Option<String>,
}

/// A secret (a password, a key). Its `Debug` never shows it.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    pub fn new(s: impl Into<String>) -> Secret {
        Secret(s.into())
    }

    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("***")
    }
}

/// Where evidence files live.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EvidenceStorage {
    /// Under `<data dir>/evidence/`.
    File,
    S3(S3Config),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct S3Config {
    pub endpoint: Option<String>,
    pub bucket: String,
    pub region: String,
    pub prefix: String,
    /// When absent, the usual AWS sources (`AWS_ACCESS_KEY_ID`, instance roles, ...) are used.
    pub access_key_id: Option<String>,
    pub secret_access_key: Option<Secret>,
    pub allow_http: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EvidenceConfig {
    pub storage: EvidenceStorage,
    pub max_file_bytes: u64,
    pub max_case_bytes: u64,
}

/// Limits are in decimal megabytes, as the portal and phones count them.
const MB: u64 = 1_000_000;

impl Default for EvidenceConfig {
    fn default() -> Self {
        EvidenceConfig { storage: EvidenceStorage::File, max_file_bytes: 2_000 * MB, max_case_bytes: 10_000 * MB }
    }
}

/// An address or a range of them (`10.0.0.0/8`, `127.0.0.1`, `fd00::/8`): a trusted proxy.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AddressRange {
    net: IpAddr,
    bits: u8,
}

impl AddressRange {
    pub fn contains(&self, ip: IpAddr) -> bool {
        let ip = match ip {
            IpAddr::V6(v6) => v6.to_ipv4_mapped().map_or(ip, IpAddr::V4),
            v4 => v4,
        };
        match (self.net, ip) {
            (IpAddr::V4(net), IpAddr::V4(ip)) => {
                let mask = u32::MAX.checked_shl(32 - u32::from(self.bits)).unwrap_or(0);
                u32::from(net) & mask == u32::from(ip) & mask
            }
            (IpAddr::V6(net), IpAddr::V6(ip)) => {
                let mask = u128::MAX.checked_shl(128 - u32::from(self.bits)).unwrap_or(0);
                u128::from(net) & mask == u128::from(ip) & mask
            }
            _ => false,
        }
    }
}

impl std::str::FromStr for AddressRange {
    type Err = ConfigError;

    fn from_str(s: &str) -> Result<AddressRange, ConfigError> {
        let bad = || ConfigError::Invalid(format!("trusted_proxies: {s:?} is not an address or a range"));
        let (addr, bits) = s.trim().split_once('/').map_or((s.trim(), None), |(a, b)| (a, Some(b)));
        let net: IpAddr = addr.parse().map_err(|_| bad())?;
        let max = if net.is_ipv4() { 32 } else { 128 };
        let bits = match bits {
            None => max,
            Some(b) => b.parse::<u8>().ok().filter(|b| *b <= max).ok_or_else(bad)?,
        };
        Ok(AddressRange { net, bits })
    }
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

/// How long after a case is closed its personal data is kept, per purpose it was collected
/// for (the consent purposes); a case is kept for the longest period among the purposes it
/// has consent for, and for `reporting_assistance` (the centre's own purpose) when it has none.
/// Defaults: three years for complaint records, a common period for them; shorter for
/// counselling and follow-up calls, which need the data only while they last.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Retention {
    pub reporting_assistance: i64,
    pub counselling: i64,
    pub referral_police: i64,
    pub referral_legal_aid: i64,
    pub follow_up: i64,
}

impl Default for Retention {
    fn default() -> Self {
        Retention {
            reporting_assistance: 3 * 365,
            counselling: 365,
            referral_police: 3 * 365,
            referral_legal_aid: 3 * 365,
            follow_up: 180,
        }
    }
}

impl Retention {
    pub fn days_for(&self, purpose: &str) -> Option<i64> {
        Some(match purpose {
            "reporting_assistance" => self.reporting_assistance,
            "counselling" => self.counselling,
            "referral_police" => self.referral_police,
            "referral_legal_aid" => self.referral_legal_aid,
            "follow_up" => self.follow_up,
            _ => return None,
        })
    }

    /// The days a case is kept after closure, given the purposes it has consent for.
    pub fn days_for_case<'a>(&self, purposes: impl IntoIterator<Item = &'a str>) -> i64 {
        purposes.into_iter().filter_map(|p| self.days_for(p)).max().unwrap_or(self.reporting_assistance)
    }

    fn check(&self) -> Result<(), ConfigError> {
        let all = [self.reporting_assistance, self.counselling, self.referral_police, self.referral_legal_aid];
        if all.into_iter().chain([self.follow_up]).any(|d| d < 1) {
            return Err(ConfigError::Invalid("retention periods must be at least 1 day".into()));
        }
        Ok(())
    }
}

/// Throttling of sign-in attempts: after `account_failures` wrong passwords for one account, or
/// `address_failures` from one address, within `window_minutes`, further attempts are refused
/// until the oldest failure is that old.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct SignIn {
    pub account_failures: i64,
    pub address_failures: i64,
    pub window_minutes: i64,
}

impl Default for SignIn {
    fn default() -> Self {
        SignIn { account_failures: 5, address_failures: 20, window_minutes: 15 }
    }
}

#[derive(Debug, Clone)]
pub struct Config {
    pub addr: SocketAddr,
    pub data_dir: PathBuf,
    pub database_url: DatabaseUrl,
    pub centre_name: String,
    /// The centre's name in Hindi; empty: [`Config::centre_name`] on Hindi pages too.
    pub centre_name_hi: String,
    /// Where victims find the centre, and its helpline, for the public "get help" page.
    pub centre_address: String,
    pub centre_phone: String,
    /// Days without news after which a referral's reminder task comes due.
    pub referral_reminder_days: i64,
    /// A loss above this (in paise) is a large loss: an FIR the same day, and the case higher
    /// in the queue. File key `large_loss_rupees`; see [`DEFAULT_LARGE_LOSS_RUPEES`].
    pub large_loss_paise: i64,
    pub secure_cookies: bool,
    pub session_idle_minutes: i64,
    pub session_hours: i64,
    pub trust_proxy: bool,
    /// With `trust_proxy`: the proxies' addresses, skipped when X-Forwarded-For is read from
    /// the right (none: the peer is the one proxy).
    pub trusted_proxies: Vec<AddressRange>,
    /// Where the keys of the encrypted fields live (`SAHAYAK_KEYS` may hold them instead).
    pub key_file: PathBuf,
    /// How long after closure a case's personal data is kept (unless on legal hold).
    pub retention: Retention,
    pub sign_in: SignIn,
    pub evidence: EvidenceConfig,
    /// Cheap password hashing, for tests only.
    pub fast_password_hashing: bool,
    /// The bearer token a Prometheus scraper sends to `/metrics` (`SAHAYAK_METRICS_TOKEN` or
    /// `metrics_token` in the file); without one the endpoint does not exist.
    pub metrics_token: Option<Secret>,
    /// Where messages to victims (their access code) go; none: they are only noted in the log.
    pub notify: Notify,
    /// The address people reach the server at (scheme and host, no trailing `/`); every
    /// absolute link starts with it, never with a request's Host header. See [`Config::link`].
    pub public_url: Option<String>,
}

/// An SMS or WhatsApp gateway reached by a webhook: the server POSTs
/// `{"channel", "to", "text"}` as JSON to `webhook_url`, with `webhook_token` as a bearer
/// token (`SAHAYAK_NOTIFY_WEBHOOK_TOKEN` or `notify_webhook_token` in the file).
#[derive(Debug, Clone, Default)]
pub struct Notify {
    pub webhook_url: Option<Secret>,
    pub webhook_token: Option<Secret>,
    /// `sms` (default) or `whatsapp`: passed to the gateway as `channel`.
    pub channel: String,
}

/// The default large-loss threshold: ₹1,00,000. Delhi Police registers an e-FIR for cyber
/// fraud from ₹1 lakh (REFERENCE §5.2), and every loss above it is beyond the ₹50,000 that
/// can be refunded without a court order (§2.6), so its money comes back only through an
/// order in a police case. The I4C e-Zero FIR pilot's ₹10 lakh is far above most losses a
/// district centre sees and would leave nearly every case without the same-day step.
pub const DEFAULT_LARGE_LOSS_RUPEES: i64 = 100_000;

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("cannot read config file {path}: {source}")]
    Read { path: PathBuf, source: std::io::Error },
    #[error("config file {path} is not valid: {message}")]
    Parse { path: PathBuf, message: String },
    #[error("{0}")]
    Invalid(String),
}

/// The centre's name when the config names none.
const DEFAULT_CENTRE_EN: &str = "Cyber Support Centre";
const DEFAULT_CENTRE_HI: &str = "साइबर सहायता केंद्र";

impl Config {
    /// The centre's name in `lang` (the English one where no Hindi one is set).
    pub fn centre(&self, lang: sahayak_domain::case::Lang) -> &str {
        match lang {
            sahayak_domain::case::Lang::Hi if !self.centre_name_hi.is_empty() => &self.centre_name_hi,
            _ => &self.centre_name,
        }
    }

    pub fn load(common: &ConfigArgs, serve: &ServeArgs) -> Result<Config, ConfigError> {
        let file = match &common.config {
            Some(path) => read_file(path)?,
            None => FileConfig::default(),
        };
        let secret = std::env::var("SAHAYAK_S3_SECRET_ACCESS_KEY").ok().filter(|s| !s.is_empty());
        let evidence = evidence_config(&common.evidence, &file, secret)?;
        let notify = notify_config(&file)?;
        let data_dir = common.data_dir.clone().or(file.data_dir).unwrap_or_else(|| PathBuf::from("sahayak-data"));
        let database_url = common
            .database_url
            .clone()
            .or(file.database_url)
            .unwrap_or_else(|| format!("sqlite://{}", data_dir.join("sahayak.db").display()));
        let public_url = serve.public_url.clone().or(file.public_url.clone()).map(|u| public_url(&u)).transpose()?;
        let large_loss_rupees = file.large_loss_rupees.unwrap_or(DEFAULT_LARGE_LOSS_RUPEES);
        if !(1..=1_000_000_000).contains(&large_loss_rupees) {
            return Err(ConfigError::Invalid("large_loss_rupees must be between 1 and 1000000000".into()));
        }
        Ok(Config {
            evidence,
            notify,
            public_url,
            large_loss_paise: large_loss_rupees * 100,
            addr: serve.addr.or(file.addr).unwrap_or_else(|| SocketAddr::from(([127, 0, 0, 1], 8080))),
            data_dir: data_dir.clone(),
            database_url: DatabaseUrl(database_url),
            centre_name_hi: serve.centre_name_hi.clone().or(file.centre_name_hi.clone()).unwrap_or_else(|| {
                // The generic name has a Hindi one; a centre's own English name is not guessed at.
                if serve.centre_name.is_none() && file.centre_name.is_none() {
                    DEFAULT_CENTRE_HI.into()
                } else {
                    String::new()
                }
            }),
            centre_name: serve.centre_name.clone().or(file.centre_name).unwrap_or_else(|| DEFAULT_CENTRE_EN.into()),
            centre_address: file.centre_address.clone().unwrap_or_default(),
            centre_phone: file.centre_phone.clone().unwrap_or_default(),
            referral_reminder_days: file.referral_reminder_days.unwrap_or(7).clamp(1, 365),
            secure_cookies: serve.secure_cookies.or(file.secure_cookies).unwrap_or(false),
            session_idle_minutes: file.session_idle_minutes.unwrap_or(60),
            session_hours: file.session_hours.unwrap_or(12),
            trust_proxy: serve.trust_proxy.or(file.trust_proxy).unwrap_or(false),
            trusted_proxies: serve
                .trusted_proxies
                .clone()
                .or(file.trusted_proxies)
                .unwrap_or_default()
                .iter()
                .filter(|p| !p.trim().is_empty())
                .map(|p| p.parse())
                .collect::<Result<_, _>>()?,
            key_file: file.key_file.clone().unwrap_or_else(|| data_dir.join("sahayak.keys")),
            retention: {
                file.retention.check()?;
                file.retention
            },
            sign_in: file.sign_in,
            fast_password_hashing: false,
            metrics_token: std::env::var("SAHAYAK_METRICS_TOKEN")
                .ok()
                .or(file.metrics_token)
                .filter(|t| !t.trim().is_empty())
                .map(Secret),
        })
    }

    /// A configuration for tests: the given database, cheap hashing, temporary data dir.
    pub fn for_tests(database_url: &str, data_dir: &Path) -> Config {
        Config {
            addr: SocketAddr::from(([127, 0, 0, 1], 0)),
            data_dir: data_dir.to_owned(),
            database_url: DatabaseUrl(database_url.to_owned()),
            centre_name: "Test Cyber Support Centre".into(),
            centre_name_hi: "परीक्षण साइबर सहायता केंद्र".into(),
            centre_address: "Cyber Support Centre, Police Commissionerate, Jaipur".into(),
            centre_phone: "0141-0000000".into(),
            referral_reminder_days: 7,
            large_loss_paise: DEFAULT_LARGE_LOSS_RUPEES * 100,
            secure_cookies: false,
            session_idle_minutes: 60,
            session_hours: 12,
            trust_proxy: false,
            trusted_proxies: Vec::new(),
            key_file: data_dir.join("sahayak.keys"),
            retention: Retention::default(),
            sign_in: SignIn::default(),
            evidence: EvidenceConfig::default(),
            fast_password_hashing: true,
            metrics_token: Some(Secret::new("test-metrics-token")),
            notify: Notify { channel: "sms".into(), ..Notify::default() },
            public_url: None,
        }
    }

    /// An absolute link to `path` (which starts with `/`): under `public_url`, or, where none
    /// is set, the address the server listens on (right on the machine itself; `serve` warns).
    pub fn link(&self, path: &str) -> String {
        match &self.public_url {
            Some(base) => format!("{base}{path}"),
            None => format!("http://{}{path}", self.addr),
        }
    }
}

/// `public_url` as given, checked: `http(s)://host[:port][/prefix]`, kept without a trailing `/`.
fn public_url(u: &str) -> Result<String, ConfigError> {
    let bad = || ConfigError::Invalid(format!("public_url {u:?} must look like https://sahayak.example.org"));
    let u = u.trim().trim_end_matches('/');
    let rest = u.strip_prefix("https://").or_else(|| u.strip_prefix("http://")).ok_or_else(bad)?;
    let host = rest.split('/').next().unwrap_or_default();
    let fine = |c: char| c.is_ascii_alphanumeric() || "-._~/:[]".contains(c);
    if host.is_empty() || !rest.chars().all(fine) {
        return Err(bad());
    }
    Ok(u.to_owned())
}

/// The victim-message gateway: environment first, then the file. The URL is kept as a secret
/// too (gateways often carry a key in it).
fn notify_config(f: &FileConfig) -> Result<Notify, ConfigError> {
    let env = |k: &str| std::env::var(k).ok().filter(|v| !v.trim().is_empty());
    let url =
        env("SAHAYAK_NOTIFY_WEBHOOK_URL").or_else(|| f.notify_webhook_url.clone()).filter(|u| !u.trim().is_empty());
    if let Some(u) = &url
        && !(u.starts_with("https://") || u.starts_with("http://"))
    {
        return Err(ConfigError::Invalid("notify_webhook_url must start with https:// or http://".into()));
    }
    let channel = env("SAHAYAK_NOTIFY_CHANNEL").or_else(|| f.notify_channel.clone()).unwrap_or_else(|| "sms".into());
    if !matches!(channel.as_str(), "sms" | "whatsapp") {
        return Err(ConfigError::Invalid("notify_channel must be \"sms\" or \"whatsapp\"".into()));
    }
    Ok(Notify {
        webhook_url: url.map(Secret),
        webhook_token: env("SAHAYAK_NOTIFY_WEBHOOK_TOKEN")
            .or_else(|| f.notify_webhook_token.clone())
            .filter(|t| !t.trim().is_empty())
            .map(Secret),
        channel,
    })
}

/// Flags and environment first, then the file, then defaults.
fn evidence_config(a: &EvidenceArgs, f: &FileConfig, secret: Option<String>) -> Result<EvidenceConfig, ConfigError> {
    let pick = |flag: &Option<String>, file: &Option<String>| flag.clone().or_else(|| file.clone());
    let defaults = EvidenceConfig::default();
    let mb = |flag: Option<u64>, file: Option<u64>, default: u64| match flag.or(file) {
        Some(0) => Err(ConfigError::Invalid("evidence size limits must be at least 1 MB".into())),
        Some(mb) => Ok(mb.saturating_mul(MB)),
        None => Ok(default),
    };
    let max_file_bytes = mb(a.evidence_max_file_mb, f.evidence_max_file_mb, defaults.max_file_bytes)?;
    let max_case_bytes = mb(a.evidence_max_case_mb, f.evidence_max_case_mb, defaults.max_case_bytes)?;
    let storage = match pick(&a.evidence_storage, &f.evidence_storage).as_deref().unwrap_or("file") {
        "file" => EvidenceStorage::File,
        "s3" => {
            let bucket = pick(&a.s3_bucket, &f.s3_bucket)
                .filter(|b| !b.trim().is_empty())
                .ok_or_else(|| ConfigError::Invalid("evidence_storage = \"s3\" needs s3_bucket".into()))?;
            EvidenceStorage::S3(S3Config {
                endpoint: pick(&a.s3_endpoint, &f.s3_endpoint).filter(|e| !e.is_empty()),
                bucket,
                region: pick(&a.s3_region, &f.s3_region).unwrap_or_else(|| "ap-south-1".into()),
                prefix: pick(&a.s3_prefix, &f.s3_prefix).unwrap_or_else(|| "evidence".into()),
                access_key_id: pick(&a.s3_access_key_id, &f.s3_access_key_id),
                secret_access_key: secret.or_else(|| f.s3_secret_access_key.clone()).map(Secret),
                allow_http: a.s3_allow_http.or(f.s3_allow_http).unwrap_or(false),
            })
        }
        other => return Err(ConfigError::Invalid(format!("evidence_storage must be file or s3, not {other:?}"))),
    };
    Ok(EvidenceConfig { storage, max_file_bytes, max_case_bytes })
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
        let common = ConfigArgs { config: Some(file.clone()), ..Default::default() };
        let serve = ServeArgs { centre_name: Some("From flag".into()), ..Default::default() };
        let c = Config::load(&common, &serve).unwrap();
        assert_eq!(c.addr.to_string(), "0.0.0.0:9000");
        assert_eq!(c.centre_name, "From flag");
        assert_eq!(c.database_url.expose(), "sqlite:///srv/sahayak/sahayak.db");
        assert_eq!(c.large_loss_paise, 10_000_000, "₹1,00,000 by default");
        std::fs::write(&file, "large_loss_rupees = 250000\n").unwrap();
        assert_eq!(Config::load(&common, &serve).unwrap().large_loss_paise, 25_000_000);
        std::fs::write(&file, "large_loss_rupees = 0\n").unwrap();
        assert!(matches!(Config::load(&common, &serve), Err(ConfigError::Invalid(_))));
        std::fs::write(&file, "adress = 1\n").unwrap();
        assert!(matches!(Config::load(&common, &serve), Err(ConfigError::Parse { .. })));
    }

    #[test]
    fn public_url_is_checked_and_starts_every_link() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("sahayak.toml");
        std::fs::write(&file, "public_url = \"https://file.example\"\n").unwrap();
        let common = ConfigArgs { config: Some(file.clone()), ..Default::default() };
        let c = Config::load(&common, &ServeArgs::default()).unwrap();
        assert_eq!(c.link("/feedback/x"), "https://file.example/feedback/x");
        let serve = ServeArgs { public_url: Some("https://cyber.example.org/sahayak/".into()), ..Default::default() };
        let c = Config::load(&common, &serve).unwrap();
        assert_eq!(c.link("/track"), "https://cyber.example.org/sahayak/track", "the flag wins; no double slash");
        for bad in ["cyber.example.org", "ftp://x.example", "https://", "https://a b.example", "https://x\"y"] {
            let serve = ServeArgs { public_url: Some(bad.into()), ..Default::default() };
            assert!(matches!(Config::load(&common, &serve), Err(ConfigError::Invalid(_))), "{bad}");
        }
        let mut c = Config::for_tests("sqlite://x.db", dir.path());
        c.addr = "127.0.0.1:8080".parse().unwrap();
        assert_eq!(c.link("/track"), "http://127.0.0.1:8080/track", "unset: the listening address");
    }

    #[test]
    fn proxy_ranges_parse_and_match() {
        let r: AddressRange = "10.0.0.0/8".parse().unwrap();
        assert!(r.contains("10.200.3.4".parse().unwrap()));
        assert!(r.contains("::ffff:10.1.1.1".parse().unwrap()), "IPv4 seen through an IPv6 socket");
        assert!(!r.contains("11.0.0.1".parse().unwrap()));
        let one: AddressRange = "127.0.0.1".parse().unwrap();
        assert!(one.contains("127.0.0.1".parse().unwrap()) && !one.contains("127.0.0.2".parse().unwrap()));
        let v6: AddressRange = "fd00::/8".parse().unwrap();
        assert!(v6.contains("fd12::1".parse().unwrap()) && !v6.contains("fe80::1".parse().unwrap()));
        let all: AddressRange = "0.0.0.0/0".parse().unwrap();
        assert!(all.contains("203.0.113.9".parse().unwrap()));
        for bad in ["10.0.0.0/33", "proxy.local", "10.0.0.0/x", ""] {
            assert!(bad.parse::<AddressRange>().is_err(), "{bad}");
        }
    }

    #[test]
    fn s3_settings_need_a_bucket_and_never_print_the_secret() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("sahayak.toml");
        std::fs::write(&file, "evidence_storage = \"s3\"\ns3_secret_access_key = \"hunter2-secret\"\n").unwrap();
        let mut common = ConfigArgs { config: Some(file.clone()), ..Default::default() };
        assert!(matches!(Config::load(&common, &ServeArgs::default()), Err(ConfigError::Invalid(_))));
        common.evidence.s3_bucket = Some("evidence".into());
        common.evidence.evidence_max_file_mb = Some(10);
        let c = Config::load(&common, &ServeArgs::default()).unwrap();
        assert_eq!(c.evidence.max_file_bytes, 10_000_000);
        let EvidenceStorage::S3(s3) = &c.evidence.storage else { panic!("s3 expected") };
        assert_eq!(s3.secret_access_key.as_ref().map(Secret::expose), Some("hunter2-secret"));
        assert!(!format!("{c:?}").contains("hunter2"));
    }
}
