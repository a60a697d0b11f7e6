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
mod triage;
mod users;
mod victim;

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use sqlx::any::{AnyPoolOptions, install_default_drivers};
use sqlx::{Any, AnyPool, Connection, Executor, Transaction};
use tokio::sync::{Mutex, OwnedMutexGuard};

pub use awareness::*;
pub use cases::*;
pub use consent::*;
pub use dashboard::*;
pub use directory::*;
pub use districts::*;
pub use evidence::*;
pub use fleet::WRONG_KEYS;
pub use follow_ups::*;
pub use identifiers::*;
pub use migrate::{MigrationProgress, known_versions};
pub use payment::{CASE_ANSWERS, PaymentFacts};
pub use referrals::*;
pub use retention::*;
pub use signin::*;
pub use triage::*;
pub use users::*;
pub use victim::*;

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
}

/// A write transaction. On SQLite it also holds the writer's turn until it ends.
pub struct WriteTx {
    tx: Transaction<'static, Any>,
    queries: Arc<AtomicU64>,
    _turn: Option<OwnedMutexGuard<()>>,
}

impl WriteTx {
    /// The transaction's connection, for one statement (counted like the pool's).
    pub fn conn(&mut self) -> &mut sqlx::AnyConnection {
        self.queries.fetch_add(1, Ordering::Relaxed);
        &mut self.tx
    }

    pub async fn commit(self) -> StoreResult<()> {
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
        })
    }

    /// Uses these keys for the encrypted fields (the default, for tests, is a fresh keyring).
    pub fn with_keys(mut self, keys: crypto::Keyring) -> Store {
        self.keys = Arc::new(keys);
        self
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
        Ok(WriteTx { tx, queries: self.queries.clone(), _turn: turn })
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

/// The moment writes are stamped with (see [`crate::clock`]).
pub fn now_millis() -> i64 {
    crate::clock::now_millis()
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
