//! Storage: one interface, two real backends (SQLite embedded, PostgreSQL at scale), picked
//! once from the database URL.
//!
//! Both backends run the same SQL text wherever the dialects agree (`$1` placeholders,
//! `RETURNING`, `ON CONFLICT`), through sqlx's runtime-selected `Any` driver. Where they differ
//! (full-text search, DDL), [`Backend`] says which text to use. Every value crossing the
//! boundary is an integer or text: times as epoch milliseconds, money as paise.

pub mod audit;
mod awareness;
pub mod backup;
mod case_list;
mod cases;
mod consent;
pub mod crypto;
mod dashboard;
mod directory;
pub mod directory_seed;
mod districts;
mod evidence;
mod fleet;
mod follow_ups;
mod identifiers;
mod migrate;
mod payment;
mod referrals;
mod retention;
mod seed;
mod signin;
mod sql;
mod staff;
pub(crate) mod timeline;
mod tips;
mod trail;
mod triage;
mod users;
mod victim;

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use sqlx::any::{AnyPoolOptions, install_default_drivers};
use sqlx::{Any, AnyPool, Connection, Executor, Transaction};
use tokio::sync::{Mutex, OwnedMutexGuard};

pub use fleet::WRONG_KEYS;
pub use migrate::{MigrationProgress, known_versions};
pub use payment::{CASE_ANSWERS, PaymentFacts};

pub use awareness::{
    AroundRow, FeedbackSummary, HeldRow, Institution, InstitutionFields, NewFeedback, Programme, ProgrammeFields,
};
pub use case_list::{AssigneeFilter, CaseFilter, CasePage, Scope, SearchFilter};
pub use cases::{Case, CaseEdit, CaseFields, CaseSummary, NewCase, StatusChange};
pub use consent::{ConsentRow, NewConsent};
pub use dashboard::{Figure, Month, OpenCount};
pub use directory::{ContactFields, DistrictHoliday, LegalAidContact, Station, StationFields};
pub use districts::{CentreDetails, District, NewDistrict};
pub use evidence::{Actor, Capture, EvidenceItem, NewEvidence};
pub use follow_ups::{FollowUp, FollowUpCall};
pub use identifiers::{CaseIdentifier, Flag, Identifier, LinkTarget, NewLink, RingEdge, Spread};
pub use referrals::{NewReferral, Referral, ReferralChange, ReferralUpdate, Reminder};
pub use retention::{RetentionCandidate, SYSTEM_USERNAME};
pub use signin::SessionRow;
pub use staff::{LINK_PASSWORD, LINK_SETUP, LiveLink, StaffChange, StaffMember};
pub use timeline::CaseEvent;
pub use tips::{LibraryTip, TipFields};
pub use trail::{MoneyTotals, Restoration, TrailRow};
pub use triage::{CaseAction, NOTHING_DUE, NewTask, QueueItem, Task, Urgency};
pub use users::{NewUser, SessionInfo, User, UserBrief};
pub use victim::{CounsellingSession, NewCounselling, VictimRequest, VictimSession};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("not found")]
    NotFound,
    /// A uniqueness rule was broken; the field is the one a person would correct.
    #[error("already exists: {0}")]
    Duplicate(&'static str),
    /// Someone else changed the record since it was read.
    #[error("changed by someone else")]
    Conflict,
    #[error("unsupported database URL (use sqlite:// or postgres://)")]
    UnsupportedUrl,
    #[error("database error")]
    Db(#[from] sqlx::Error),
    #[error("migration failed: {0}")]
    Migration(String),
    #[error("encrypted data: {0}")]
    Crypto(String),
    /// A backup cannot be taken or loaded; the text says why, in an operator's words.
    #[error("{0}")]
    Backup(String),
}

pub type StoreResult<T> = Result<T, StoreError>;

/// The application's handle on its database. Cheap to clone.
#[derive(Clone)]
pub struct Store {
    pool: AnyPool,
    backend: Backend,
    /// SQLite allows one writer at a time; queueing writers here (in arrival order) is fairer
    /// and faster than letting them spin on SQLite's busy handler.
    write_lock: Option<Arc<Mutex<()>>>,
    queries: Arc<AtomicU64>,
    /// The keys of the encrypted fields (see [`crypto`]).
    keys: Arc<crypto::Keyring>,
    /// The audit entry the next write commits with (see [`Store::audited`]).
    pending: Option<Arc<std::sync::Mutex<Option<audit::Pending>>>>,
    /// Where "now" comes from (see [`crate::clock`]).
    clock: Arc<dyn crate::clock::Clock>,
}

/// A write transaction: the unit of work every change goes through. On SQLite it also holds
/// the writer's turn until it ends. The case timeline's events it appends carry their audit
/// entries (see [`timeline`]), and a store made [`Store::audited`] adds the caller's entry at
/// commit: the change and its record commit together or not at all. Dropped without
/// [`WriteTx::commit`] (an error, or a request cancelled between two awaits), it rolls back.
pub struct WriteTx {
    tx: Transaction<'static, Any>,
    queries: Arc<AtomicU64>,
    backend: Backend,
    /// The client's address, for the audit entries written in this transaction.
    address: String,
    pending: Option<Arc<std::sync::Mutex<Option<audit::Pending>>>>,
    created: Option<i64>,
    _turn: Option<OwnedMutexGuard<()>>,
}

impl WriteTx {
    /// The transaction's connection, for one statement (counted like the pool's).
    pub fn conn(&mut self) -> &mut sqlx::AnyConnection {
        self.queries.fetch_add(1, Ordering::Relaxed);
        &mut self.tx
    }

    pub(crate) fn address(&self) -> &str {
        &self.address
    }

    /// Names the row this write created (or, found by something else than its id, changed): the
    /// pending audit entry's subject `kind:{id}` (see [`Store::audited`]) becomes `kind:<id>`.
    pub(crate) fn created(&mut self, id: i64) {
        self.created = Some(id);
    }

    /// Appends the caller's audit entry (if the store was [`Store::audited`] and no earlier
    /// write took it), then commits.
    pub async fn commit(mut self) -> StoreResult<()> {
        let pending = self.pending.take().and_then(|p| p.lock().ok().and_then(|mut p| p.take()));
        if let Some(p) = pending {
            let address = self.address.clone();
            let subject = match self.created {
                Some(id) => p.subject.replace("{id}", &id.to_string()),
                None => p.subject.clone(),
            };
            let e = audit::AuditEvent {
                user_id: p.user_id,
                action: &p.action,
                subject: &subject,
                detail: &p.detail,
                address: &address,
            };
            audit::append(&mut self, p.at, &e).await?;
        }
        self.tx.commit().await?;
        Ok(())
    }
}

impl Store {
    /// Connects to `sqlite://path` (created if missing) or `postgres://...`.
    pub async fn connect(url: &str) -> StoreResult<Store> {
        install_default_drivers();
        let backend = if url.starts_with("sqlite:") {
            Backend::Sqlite
        } else if url.starts_with("postgres:") || url.starts_with("postgresql:") {
            Backend::Postgres
        } else {
            return Err(StoreError::UnsupportedUrl);
        };
        let pool = match backend {
            Backend::Sqlite => {
                let url = if url.contains('?') || url.contains(":memory:") {
                    url.to_owned()
                } else {
                    format!("{url}?mode=rwc")
                };
                // FULL: a commit is on disk before the victim is told its reference number (with
                // NORMAL a power cut may roll back the last commits). SAHAYAK_SQLITE_SYNCHRONOUS=normal
                // trades that for speed, e.g. to measure the difference (see the README).
                let pragmas = match std::env::var("SAHAYAK_SQLITE_SYNCHRONOUS").as_deref() {
                    Ok("normal") => "PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = 10000;",
                    _ => "PRAGMA synchronous = FULL; PRAGMA busy_timeout = 10000;",
                };
                let pool = AnyPoolOptions::new()
                    .max_connections(8)
                    .acquire_timeout(Duration::from_secs(30))
                    .after_connect(move |conn, _| {
                        Box::pin(async move {
                            conn.execute(pragmas).await?;
                            Ok(())
                        })
                    })
                    .connect(&url)
                    .await?;
                // WAL lets readers go on while one writer writes; the setting lives in the file.
                sqlx::query("PRAGMA journal_mode = WAL").execute(&pool).await?;
                pool
            }
            Backend::Postgres => {
                AnyPoolOptions::new().max_connections(16).acquire_timeout(Duration::from_secs(30)).connect(url).await?
            }
        };
        Ok(Store {
            pool,
            backend,
            write_lock: (backend == Backend::Sqlite).then(|| Arc::new(Mutex::new(()))),
            queries: Arc::new(AtomicU64::new(0)),
            keys: Arc::new(crypto::Keyring::generate()),
            clock: Arc::new(crate::clock::SystemClock),
            pending: None,
        })
    }

    /// Uses these keys for the encrypted fields (the default, for tests, is a fresh keyring).
    pub fn with_keys(mut self, keys: crypto::Keyring) -> Store {
        self.keys = Arc::new(keys);
        self
    }

    /// Reads the time from `clock` from now on (tests set it; production keeps the system's).
    pub fn with_clock(mut self, clock: Arc<dyn crate::clock::Clock>) -> Store {
        self.clock = clock;
        self
    }

    /// The current instant, from the store's clock: the one "now" of the whole server.
    pub fn now(&self) -> chrono::DateTime<chrono::Utc> {
        match crate::clock::pinned() {
            Some(ms) => chrono::DateTime::from_timestamp_millis(ms).unwrap_or_default(),
            None => self.clock.now(),
        }
    }

    /// [`Store::now`] as epoch milliseconds, the form stored in every table.
    pub fn now_millis(&self) -> i64 {
        self.now().timestamp_millis()
    }

    pub fn keys(&self) -> &crypto::Keyring {
        &self.keys
    }

    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// How many SQL statements this store has sent: the basis of per-page query budgets.
    pub fn query_count(&self) -> u64 {
        self.queries.load(Ordering::Relaxed)
    }

    fn counted(&self, n: u64) {
        self.queries.fetch_add(n, Ordering::Relaxed);
    }

    pub(crate) fn pool(&self) -> &AnyPool {
        self.counted(1);
        &self.pool
    }

    /// Starts a write transaction. Every write in Sahayak is one transaction.
    pub async fn write(&self) -> StoreResult<WriteTx> {
        let turn = match &self.write_lock {
            Some(lock) => Some(lock.clone().lock_owned().await),
            None => None,
        };
        let tx = match self.backend {
            // IMMEDIATE takes the write lock now, so the transaction cannot fail half-way
            // because another connection started writing after it read.
            Backend::Sqlite => self.pool.begin_with("BEGIN IMMEDIATE").await?,
            Backend::Postgres => self.pool.begin().await?,
        };
        Ok(WriteTx {
            tx,
            queries: self.queries.clone(),
            backend: self.backend,
            address: crate::privacy::context::address(),
            pending: self.pending.clone(),
            created: None,
            _turn: turn,
        })
    }

    /// This store, with an audit entry that the next write transaction appends just before it
    /// commits: `store.audited(..).set_legal_hold(..)` records the hold and its entry together,
    /// or neither. A write that fails or is cancelled writes no entry. A subject `kind:{id}`
    /// names the row the write creates (its id is not known before).
    pub fn audited(&self, user_id: Option<i64>, action: &str, subject: &str, detail: &str) -> Store {
        let p = audit::Pending {
            user_id,
            at: self.now_millis(),
            action: action.to_owned(),
            subject: subject.to_owned(),
            detail: detail.to_owned(),
        };
        Store { pending: Some(Arc::new(std::sync::Mutex::new(Some(p)))), ..self.clone() }
    }

    /// Checks the database answers (for `/healthz`).
    pub async fn ping(&self) -> StoreResult<()> {
        let mut conn = self.pool.acquire().await?;
        conn.ping().await?;
        Ok(())
    }

    pub async fn close(&self) {
        self.pool.close().await;
    }
}

/// Maps a unique-constraint violation to the field a person would correct.
pub(crate) fn on_unique(err: sqlx::Error, field: &'static str) -> StoreError {
    match &err {
        sqlx::Error::Database(db) if db.is_unique_violation() => StoreError::Duplicate(field),
        _ => StoreError::Db(err),
    }
}

/// Raw access for the integration tests' failure injection. Not for application code.
#[doc(hidden)]
pub mod testing {
    use sqlx::AssertSqlSafe;

    pub fn pool(store: &super::Store) -> &sqlx::AnyPool {
        store.pool()
    }

    pub async fn execute(store: &super::Store, sql: &str) -> Result<(), String> {
        sqlx::raw_sql(AssertSqlSafe(sql.to_owned())).execute(store.pool()).await.map(|_| ()).map_err(|e| e.to_string())
    }
}
