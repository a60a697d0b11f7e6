//! Schema migrations, embedded in the binary, one file per backend for each step, applied in
//! order at start (and by `sahayak migrate`). Each runs in its own transaction with its record.

use sqlx::{AssertSqlSafe, Executor};

use super::{Backend, Store, StoreError, StoreResult};

struct Migration {
    version: i64,
    name: &'static str,
    sqlite: &'static str,
    postgres: &'static str,
}

/// Every migration in `migrations/`, ordered by number (gathered by `build.rs`).
const MIGRATIONS: &[Migration] = include!(concat!(env!("OUT_DIR"), "/migrations.rs"));

/// Told about each migration as it is applied, so a CLI can show progress.
pub type MigrationProgress<'a> = &'a (dyn Fn(usize, usize, &str) + Sync);

/// A fixed key for PostgreSQL's advisory lock, so two servers starting together do not both
/// migrate.
/// The migration that creates the district directory, which is seeded right after it.
const DIRECTORY_VERSION: i64 = 14;

const PG_MIGRATION_LOCK: i64 = 0x5348_5941; // "SHYA"

impl Store {
    /// Applies the migrations not yet applied; returns how many were applied.
    pub async fn migrate(&self, progress: MigrationProgress<'_>) -> StoreResult<usize> {
        self.migrate_to(i64::MAX, progress).await
    }

    /// Applies the migrations not yet applied whose version is at most `up_to` (a restore brings
    /// the schema to the backup's version, loads the rows, then applies the rest).
    pub async fn migrate_to(&self, up_to: i64, progress: MigrationProgress<'_>) -> StoreResult<usize> {
        let mut conn = self.pool().acquire().await?;
        if self.backend == Backend::Postgres {
            sqlx::query("SELECT pg_advisory_lock($1)").bind(PG_MIGRATION_LOCK).execute(&mut *conn).await?;
        }
        let result = self.migrate_locked(&mut conn, up_to, progress).await;
        if self.backend == Backend::Postgres {
            sqlx::query("SELECT pg_advisory_unlock($1)").bind(PG_MIGRATION_LOCK).execute(&mut *conn).await?;
        }
        result
    }

    async fn migrate_locked(
        &self,
        conn: &mut sqlx::AnyConnection,
        up_to: i64,
        progress: MigrationProgress<'_>,
    ) -> StoreResult<usize> {
        conn.execute(
            "CREATE TABLE IF NOT EXISTS schema_migrations (
                version BIGINT PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)",
        )
        .await?;
        let applied: Vec<i64> =
            sqlx::query_scalar("SELECT version FROM schema_migrations").fetch_all(&mut *conn).await?;
        let pending: Vec<&Migration> =
            MIGRATIONS.iter().filter(|m| m.version <= up_to && !applied.contains(&m.version)).collect();
        let total = pending.len();
        let mut done = 0;
        for (i, m) in pending.into_iter().enumerate() {
            progress(i + 1, total, m.name);
            let sql = match self.backend {
                Backend::Sqlite => m.sqlite,
                Backend::Postgres => m.postgres,
            };
            let mut tx = match self.backend {
                // Another process may be migrating the same file (two servers started at once):
                // take the write lock first, then look again whether this step is still to do.
                Backend::Sqlite => sqlx::Connection::begin_with(&mut *conn, "BEGIN IMMEDIATE").await?,
                // The advisory lock already keeps other servers out.
                Backend::Postgres => sqlx::Connection::begin(&mut *conn).await?,
            };
            let applied_meanwhile: Option<i64> =
                sqlx::query_scalar("SELECT version FROM schema_migrations WHERE version = $1")
                    .bind(m.version)
                    .fetch_optional(&mut *tx)
                    .await?;
            if applied_meanwhile.is_some() {
                tx.rollback().await?;
                continue;
            }
            done += 1;
            tx.execute(sqlx::raw_sql(AssertSqlSafe(sql)))
                .await
                .map_err(|e| StoreError::Migration(format!("{}: {e}", m.name)))?;
            if m.version == DIRECTORY_VERSION {
                // The directory's tables start with the data files' contents.
                super::directory_seed::seed_all(&mut tx, self.now_millis()).await?;
            }
            sqlx::query("INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)")
                .bind(m.version)
                .bind(m.name)
                .bind(self.now_millis())
                .execute(&mut *tx)
                .await?;
            tx.commit().await?;
        }
        Ok(done)
    }
}

/// The versions of every migration this build knows, in order.
pub fn known_versions() -> Vec<i64> {
    MIGRATIONS.iter().map(|m| m.version).collect()
}

impl Store {
    /// The versions applied to this database, in order (none when it was never migrated).
    pub async fn applied_migrations(&self) -> StoreResult<Vec<i64>> {
        let mut conn = self.pool().acquire().await?;
        applied_versions(&mut conn, self.backend).await
    }
}

/// The versions recorded in `schema_migrations`, or none when the table does not exist.
pub(super) async fn applied_versions(conn: &mut sqlx::AnyConnection, backend: Backend) -> StoreResult<Vec<i64>> {
    let exists = super::backup::table_exists(conn, backend, "schema_migrations").await?;
    if !exists {
        return Ok(Vec::new());
    }
    Ok(sqlx::query_scalar("SELECT version FROM schema_migrations ORDER BY version").fetch_all(&mut *conn).await?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_increase_and_names_are_unique() {
        for pair in MIGRATIONS.windows(2) {
            assert!(pair[0].version < pair[1].version);
            assert_ne!(pair[0].name, pair[1].name);
        }
    }
}
