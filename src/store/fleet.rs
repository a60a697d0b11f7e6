//! Several servers on one database: the keys every server must share, background jobs that
//! run once per period across them, and the version of the reference data they cache.

use super::{Store, StoreError, StoreResult};

/// The text the key check encrypts (its keyed hash, so the search-index key is checked too).
const KEY_CHECK_TEXT: &str = "sahayak key check";
const KEY_CHECK_COLUMN: &str = "key_check";

/// Encrypted columns, for finding one value the keys must open.
const ENCRYPTED: [(&str, &str); 4] = [
    ("cases", "victim_mobile"),
    ("cases", "victim_address"),
    ("money_trail", "from_account"),
    ("counselling_sessions", "counselling_notes"),
];

/// Why the configured keys cannot be used with this database. The message names what to do.
pub const WRONG_KEYS: &str = "the configured keys cannot open this database's encrypted data: every server and \
    command on one database must use the same key file (key_file, or SAHAYAK_KEYS) as the server that wrote it";

impl Store {
    /// One encrypted value already in the database, if there is any.
    async fn some_encrypted_value(&self) -> StoreResult<Option<(&'static str, String)>> {
        for (table, column) in ENCRYPTED {
            let sql = format!("SELECT {column} FROM {table} WHERE {column} IS NOT NULL AND {column} <> '' LIMIT 1");
            let found: Option<(String,)> = sqlx::query_as(sqlx::AssertSqlSafe(sql)).fetch_optional(self.pool()).await?;
            if let Some((value,)) = found {
                return Ok(Some((column, value)));
            }
        }
        Ok(None)
    }

    /// Whether the database holds data that only the keys that wrote it can open: then a
    /// server must never start with new keys.
    pub async fn holds_encrypted_data(&self) -> StoreResult<bool> {
        let check: Option<(String,)> =
            sqlx::query_as("SELECT key_check FROM installation WHERE id = 1").fetch_optional(self.pool()).await?;
        Ok(check.is_some() || self.some_encrypted_value().await?.is_some())
    }

    /// Checks that this store's keys open the database's encrypted data and its key check,
    /// and records the key check for the servers that come after. Two servers started at once
    /// with different keys on an empty database: the second one's check fails.
    pub async fn check_keys(&self) -> StoreResult<()> {
        let wrong = || StoreError::Crypto(WRONG_KEYS.to_owned());
        let expected = self.keys().index(KEY_CHECK_TEXT);
        let data = self.some_encrypted_value().await?;
        if let Some((column, value)) = &data {
            self.keys().decrypt(column, value).map_err(|_| wrong())?;
        }
        let mobile: Option<(String, Option<String>)> = sqlx::query_as(
            "SELECT victim_mobile, victim_mobile_idx FROM cases
             WHERE victim_mobile <> '' AND victim_mobile_idx IS NOT NULL LIMIT 1",
        )
        .fetch_optional(self.pool())
        .await?;
        if let Some((stored, Some(idx))) = mobile {
            let clear = self.keys().decrypt("victim_mobile", &stored).map_err(|_| wrong())?;
            if self.keys().index(&clear) != idx {
                return Err(wrong());
            }
        }
        // Data the keys open decides (a restored backup replaces what was there before); on a
        // database without encrypted data, the first server's key check does.
        let insert = if data.is_some() {
            "INSERT INTO installation (id, key_check, created_at) VALUES (1, $1, $2)
             ON CONFLICT (id) DO UPDATE SET key_check = excluded.key_check, created_at = excluded.created_at"
        } else {
            "INSERT INTO installation (id, key_check, created_at) VALUES (1, $1, $2) ON CONFLICT (id) DO NOTHING"
        };
        let mut w = self.write().await?;
        sqlx::query(insert)
            .bind(self.keys().encrypt(KEY_CHECK_COLUMN, &expected))
            .bind(self.now_millis())
            .execute(w.conn())
            .await?;
        let (stored,): (String,) =
            sqlx::query_as("SELECT key_check FROM installation WHERE id = 1").fetch_one(w.conn()).await?;
        w.commit().await?;
        match self.keys().decrypt(KEY_CHECK_COLUMN, &stored) {
            Ok(v) if v == expected => Ok(()),
            _ => Err(wrong()),
        }
    }

    /// Claims this period of a background job for `holder`: true for exactly one server per
    /// period (the first whose claim arrives once `period_ms` has passed since the last run).
    pub async fn claim_job(&self, name: &str, holder: &str, now: i64, period_ms: i64) -> StoreResult<bool> {
        let mut w = self.write().await?;
        let claimed = sqlx::query(
            "INSERT INTO job_runs (name, last_run, holder) VALUES ($1, $2, $3)
             ON CONFLICT (name) DO UPDATE SET last_run = excluded.last_run, holder = excluded.holder
             WHERE job_runs.last_run <= $4",
        )
        .bind(name)
        .bind(now)
        .bind(holder)
        .bind(now - period_ms)
        .execute(w.conn())
        .await?
        .rows_affected();
        w.commit().await?;
        Ok(claimed == 1)
    }

    /// The version of the reference data every server caches. Not counted in the per-page
    /// query budgets: the poller reads it in the background, never for a page.
    pub async fn reference_version(&self) -> StoreResult<i64> {
        let (v,): (i64,) =
            sqlx::query_as("SELECT version FROM reference_version WHERE id = 1").fetch_one(&self.pool).await?;
        Ok(v)
    }
}
