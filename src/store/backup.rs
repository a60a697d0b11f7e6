//! The database side of backup and restore: which tables hold what, a consistent read of all of
//! them, and loading rows back in one transaction.
//!
//! Values cross as JSON with the column's type (integer or text), never in a backend's own
//! format, so a backup taken from SQLite loads into PostgreSQL and back. Encrypted columns are
//! copied as stored: nothing here decrypts.

use futures_util::{Stream, StreamExt};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use sqlx::any::AnyRow;
use sqlx::{Any, AnyConnection, AssertSqlSafe, Row, Transaction};

use super::audit::Anchor;
use super::sql::{Param, Sql};
use super::{Backend, Store, StoreError, StoreResult, WriteTx};

/// A table whose rows a backup keeps.
#[derive(Debug, Clone, Copy)]
pub struct TableSpec {
    pub name: &'static str,
    /// The primary key: rows are dumped in this order, so a row referring to an earlier row of
    /// its own table (a derived evidence item) loads after it.
    pub order_by: &'static str,
    /// The rows that migrations themselves insert (`WHERE` text), which do not make a database
    /// "hold data".
    pub seeded: Option<&'static str>,
}

const fn table(name: &'static str, order_by: &'static str) -> TableSpec {
    TableSpec { name, order_by, seeded: None }
}

/// Every table whose rows are backed up, parents before children: the order rows are restored
/// in (foreign keys are checked as each row goes in). A table missing here makes `backup` fail,
/// so a new table cannot be forgotten.
pub const TABLES: &[TableSpec] = &[
    table("districts", "id"),
    TableSpec { name: "users", order_by: "id", seeded: Some("username = 'sahayak-system'") },
    table("user_districts", "user_id, district_id"),
    table("police_stations", "id"),
    table("legal_aid_contacts", "id"),
    // The shared tips the migration loads from the data file, until a person edits one.
    TableSpec { name: "prevention_tips", order_by: "id", seeded: Some("district_id IS NULL AND updated_by IS NULL") },
    table("prevention_tip_hidden", "district_id, tip_id"),
    table("district_holidays", "id"),
    table("case_counters", "district_id, year"),
    table("cases", "id"),
    table("case_events", "id"),
    table("identifiers", "id"),
    table("case_identifiers", "case_id, identifier_id"),
    table("case_actions", "case_id, action"),
    table("case_tasks", "id"),
    table("money_trail", "id"),
    table("payment_facts", "case_id, debit_key"),
    table("restorations", "id"),
    table("trail_imports", "id"),
    table("evidence_blobs", "sha256"),
    table("evidence_items", "id"),
    table("evidence_custody", "item_id, seq"),
    table("audit_log", "id"),
    TableSpec { name: "audit_head", order_by: "id", seeded: Some("last_id = 0") },
    table("consents", "id"),
    table("victim_requests", "id"),
    table("counselling_sessions", "id"),
    table("referrals", "id"),
    table("referral_updates", "id"),
    table("follow_ups", "id"),
    table("awareness_institutions", "id"),
    table("awareness_programmes", "id"),
    table("awareness_feedback", "id"),
];

/// Rebuilt from the restored cases, not copied: SQLite's contentless full-text index cannot be
/// read back, and the two backends index differently.
pub const DERIVED: &[&str] = &["case_fts", "case_search"];

/// Not backed up: signed-in sessions (a restored database signs everyone out, which is what an
/// operator wants after an incident; victims open theirs again with their code), unused
/// one-time sign-in links (an admin makes a new one), the attempt
/// counts used for throttling, and the dashboards' monthly figures (restoring the rows
/// they count marks their months changed, through the same triggers, so they are recounted).
///
/// Nor the installation's key check and the servers' shared bookkeeping (when jobs last ran,
/// the reference data's version): the restored data's own encrypted values are what a server
/// checks its keys against.
pub const TRANSIENT: &[&str] = &[
    "sessions",
    "sign_in_links",
    "throttle_counts",
    "victim_sessions",
    "dash_month",
    "dash_dirty",
    "installation",
    "job_runs",
    "reference_version",
];

/// The migration record: the manifest carries the versions, and restore re-creates the record
/// by migrating the target.
pub const META: &[&str] = &["schema_migrations"];

/// A column's type in a backup. Every column in Sahayak is an integer or text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ColumnType {
    Integer,
    Text,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Column {
    pub name: String,
    #[serde(rename = "type")]
    pub ty: ColumnType,
}

/// The tables in the schema (for SQLite, without its own tables and full-text shadow tables).
pub(super) async fn catalog_tables(conn: &mut AnyConnection, backend: Backend) -> StoreResult<Vec<String>> {
    match backend {
        Backend::Sqlite => {
            let rows: Vec<(String, Option<String>)> = sqlx::query_as(
                "SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
            )
            .fetch_all(&mut *conn)
            .await?;
            let virtual_tables: Vec<&str> = rows
                .iter()
                .filter(|(_, sql)| sql.as_deref().is_some_and(|s| s.to_uppercase().starts_with("CREATE VIRTUAL TABLE")))
                .map(|(name, _)| name.as_str())
                .collect();
            let shadow = |name: &str| virtual_tables.iter().any(|v| name.starts_with(&format!("{v}_")));
            Ok(rows.iter().map(|(name, _)| name.clone()).filter(|n| !shadow(n)).collect())
        }
        Backend::Postgres => Ok(sqlx::query_scalar(
            "SELECT table_name::text FROM information_schema.tables
             WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name",
        )
        .fetch_all(&mut *conn)
        .await?),
    }
}

pub(super) async fn table_exists(conn: &mut AnyConnection, backend: Backend, name: &str) -> StoreResult<bool> {
    let sql = match backend {
        Backend::Sqlite => "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = $1",
        Backend::Postgres => {
            "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = $1"
        }
    };
    let n: i64 = sqlx::query_scalar(sql).bind(name).fetch_one(&mut *conn).await?;
    Ok(n > 0)
}

/// A table's columns in their declared order, with their types.
async fn catalog_columns(conn: &mut AnyConnection, backend: Backend, table: &str) -> StoreResult<Vec<Column>> {
    let sql = match backend {
        Backend::Sqlite => "SELECT name, type FROM pragma_table_info($1) ORDER BY cid",
        Backend::Postgres => {
            "SELECT column_name::text, data_type::text FROM information_schema.columns
             WHERE table_schema = current_schema() AND table_name = $1 ORDER BY ordinal_position"
        }
    };
    let rows: Vec<(String, String)> = sqlx::query_as(sql).bind(table).fetch_all(&mut *conn).await?;
    rows.into_iter()
        .map(|(name, declared)| {
            let ty = match declared.to_lowercase().as_str() {
                "integer" | "bigint" | "int" | "int8" => ColumnType::Integer,
                "text" => ColumnType::Text,
                other => {
                    return Err(StoreError::Backup(format!(
                        "column {table}.{name} has type {other}, which backups do not know how to copy"
                    )));
                }
            };
            Ok(Column { name, ty })
        })
        .collect()
}

/// Tables in the schema that the lists above do not mention.
fn unclassified(tables: &[String]) -> Vec<String> {
    let known = |t: &str| {
        TABLES.iter().any(|s| s.name == t) || DERIVED.contains(&t) || TRANSIENT.contains(&t) || META.contains(&t)
    };
    tables.iter().filter(|t| !known(t)).cloned().collect()
}

impl Store {
    /// Tables present in the schema that no backup list mentions (should always be empty).
    pub async fn tables_not_covered_by_backup(&self) -> StoreResult<Vec<String>> {
        let mut conn = self.pool().acquire().await?;
        Ok(unclassified(&catalog_tables(&mut conn, self.backend).await?))
    }

    /// Starts a consistent read of the whole database: SQLite's deferred transaction reads one
    /// snapshot (WAL lets writers go on meanwhile); PostgreSQL's repeatable read does the same.
    pub async fn snapshot(&self) -> StoreResult<Snapshot> {
        self.counted(1);
        let tx = match self.backend {
            Backend::Sqlite => self.pool.begin().await?,
            Backend::Postgres => self.pool.begin_with("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY").await?,
        };
        Ok(Snapshot { tx, backend: self.backend })
    }

    /// The first table (of those backed up) holding rows other than those migrations insert, if
    /// any. Tables that do not exist yet count as empty.
    pub async fn first_table_with_data(&self) -> StoreResult<Option<&'static str>> {
        let mut conn = self.pool().acquire().await?;
        let existing = catalog_tables(&mut conn, self.backend).await?;
        first_table_with_data(&mut conn, &existing).await
    }

    /// Starts the one transaction a restore loads everything in.
    pub async fn begin_restore(&self) -> StoreResult<RestoreTx> {
        Ok(RestoreTx { w: self.write().await?, store: self.clone() })
    }
}

async fn first_table_with_data(conn: &mut AnyConnection, existing: &[String]) -> StoreResult<Option<&'static str>> {
    for spec in TABLES.iter().filter(|s| existing.iter().any(|t| t == s.name)) {
        let filter = spec.seeded.map(|s| format!(" WHERE NOT ({s})")).unwrap_or_default();
        let sql = format!("SELECT COUNT(*) FROM {}{filter}", spec.name);
        let n: i64 = sqlx::query_scalar(AssertSqlSafe(sql)).fetch_one(&mut *conn).await?;
        if n > 0 {
            return Ok(Some(spec.name));
        }
    }
    Ok(None)
}

/// A read transaction over one consistent state of the database.
pub struct Snapshot {
    tx: Transaction<'static, Any>,
    backend: Backend,
}

impl Snapshot {
    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// Fails when the schema holds a table the backup lists do not mention.
    pub async fn check_tables_covered(&mut self) -> StoreResult<()> {
        let missing = unclassified(&catalog_tables(&mut self.tx, self.backend).await?);
        if missing.is_empty() {
            Ok(())
        } else {
            Err(StoreError::Backup(format!(
                "table(s) {} are not covered by backups (add them to store::backup::TABLES)",
                missing.join(", ")
            )))
        }
    }

    pub async fn applied_migrations(&mut self) -> StoreResult<Vec<i64>> {
        super::migrate::applied_versions(&mut self.tx, self.backend).await
    }

    pub async fn columns(&mut self, table: &str) -> StoreResult<Vec<Column>> {
        catalog_columns(&mut self.tx, self.backend, table).await
    }

    pub async fn audit_head(&mut self) -> StoreResult<Anchor> {
        let (id, hash): (i64, String) =
            sqlx::query_as("SELECT last_id, last_hash FROM audit_head WHERE id = 1").fetch_one(&mut *self.tx).await?;
        Ok(Anchor { id, hash })
    }

    /// The evidence files the database expects to find in storage: `(sha256, size)` of every
    /// file used by a case whose personal data was not erased (erasure deletes the file).
    pub async fn live_blobs(&mut self) -> StoreResult<Vec<(String, i64)>> {
        Ok(sqlx::query_as(
            "SELECT b.sha256, b.size_bytes FROM evidence_blobs b
             WHERE EXISTS (SELECT 1 FROM evidence_items i JOIN cases c ON c.id = i.case_id
                           WHERE i.sha256 = b.sha256 AND c.erased_at IS NULL)
             ORDER BY b.sha256",
        )
        .fetch_all(&mut *self.tx)
        .await?)
    }

    /// The rows of `spec`'s table, each as its values in the order of `columns`.
    pub fn rows<'a>(
        &'a mut self,
        spec: &TableSpec,
        columns: &'a [Column],
    ) -> impl Stream<Item = StoreResult<Vec<Value>>> + 'a {
        let names: Vec<&str> = columns.iter().map(|c| c.name.as_str()).collect();
        let sql = format!("SELECT {} FROM {} ORDER BY {}", names.join(", "), spec.name, spec.order_by);
        sqlx::query(AssertSqlSafe(sql))
            .fetch(&mut *self.tx)
            .map(move |row| row.map_err(StoreError::from).and_then(|r| row_values(&r, columns)))
    }

    /// Ends the read.
    pub async fn finish(self) -> StoreResult<()> {
        self.tx.rollback().await?;
        Ok(())
    }
}

fn row_values(row: &AnyRow, columns: &[Column]) -> StoreResult<Vec<Value>> {
    columns
        .iter()
        .enumerate()
        .map(|(i, c)| {
            Ok(match c.ty {
                ColumnType::Integer => row.try_get::<Option<i64>, _>(i)?.map_or(Value::Null, Value::from),
                ColumnType::Text => row.try_get::<Option<String>, _>(i)?.map_or(Value::Null, Value::from),
            })
        })
        .collect()
}

/// The texts a case's search terms are made from (see `cases::input::search_terms`).
pub struct SearchSource {
    pub victim_name: String,
    pub narrative: String,
    pub suspect_details: Option<String>,
    pub pasted_messages: Option<String>,
    pub category_other: Option<String>,
}

/// The transaction a restore loads every row in; nothing shows until [`RestoreTx::commit`].
pub struct RestoreTx {
    w: WriteTx,
    store: Store,
}

/// Most placeholders in one statement (SQLite allows 32,766, PostgreSQL 65,535).
const MAX_PARAMS: usize = 30_000;

impl RestoreTx {
    /// Checked again inside the transaction, so nothing can slip in between check and load.
    pub async fn first_table_with_data(&mut self) -> StoreResult<Option<&'static str>> {
        let backend = self.store.backend;
        let existing = catalog_tables(self.w.conn(), backend).await?;
        first_table_with_data(self.w.conn(), &existing).await
    }

    /// The target's columns of `table`.
    pub async fn columns(&mut self, table: &str) -> StoreResult<Vec<Column>> {
        let backend = self.store.backend;
        catalog_columns(self.w.conn(), backend, table).await
    }

    /// Empties every backed-up, derived and transient table (children first): the rows that
    /// migrations inserted, or with `--force` everything the target held.
    pub async fn clear(&mut self) -> StoreResult<()> {
        let backend = self.store.backend;
        // The index first: on PostgreSQL it refers to the cases.
        let sql = match backend {
            // A contentless full-text table is emptied with its own command.
            Backend::Sqlite => "INSERT INTO case_fts (case_fts) VALUES ('delete-all')",
            Backend::Postgres => "DELETE FROM case_search",
        };
        sqlx::query(sql).execute(self.w.conn()).await?;
        for name in TRANSIENT.iter().chain(TABLES.iter().rev().map(|s| &s.name)) {
            let sql = format!("DELETE FROM {name}");
            sqlx::query(AssertSqlSafe(sql)).execute(self.w.conn()).await?;
        }
        Ok(())
    }

    /// Inserts rows (values in the order of `columns`), many per statement. A value that does
    /// not fit its column's type is an error naming the table and column.
    pub async fn insert(&mut self, table: &str, columns: &[Column], rows: &[Vec<Value>]) -> StoreResult<()> {
        let per_statement = (MAX_PARAMS / columns.len().max(1)).clamp(1, 500);
        let names: Vec<&str> = columns.iter().map(|c| c.name.as_str()).collect();
        for chunk in rows.chunks(per_statement) {
            let mut sql = Sql::new(&format!("INSERT INTO {table} ({}) VALUES ", names.join(", ")));
            for (r, row) in chunk.iter().enumerate() {
                sql.push(if r == 0 { "(" } else { ", (" });
                if row.len() != columns.len() {
                    return Err(StoreError::Backup(format!(
                        "a row of {table} has {} values for {} columns",
                        row.len(),
                        columns.len()
                    )));
                }
                for (i, (value, column)) in row.iter().zip(columns).enumerate() {
                    if i > 0 {
                        sql.push(", ");
                    }
                    sql.bind(param(table, column, value)?);
                }
                sql.push(")");
            }
            sql.query().execute(self.w.conn()).await?;
        }
        Ok(())
    }

    /// Rebuilds the full-text index of every case whose personal data was not erased; returns
    /// how many cases were indexed.
    pub async fn rebuild_search_index(&mut self, terms: &dyn Fn(&SearchSource) -> Vec<String>) -> StoreResult<u64> {
        #[derive(sqlx::FromRow)]
        struct Indexed {
            id: i64,
            victim_name: String,
            narrative: String,
            suspect_details: Option<String>,
            pasted_messages: Option<String>,
            category_other: Option<String>,
        }
        let rows: Vec<Indexed> = sqlx::query_as(
            "SELECT id, victim_name, narrative, suspect_details, pasted_messages, category_other
             FROM cases WHERE erased_at IS NULL ORDER BY id",
        )
        .fetch_all(self.w.conn())
        .await?;
        let count = rows.len() as u64;
        for r in rows {
            let source = SearchSource {
                victim_name: r.victim_name,
                narrative: r.narrative,
                suspect_details: r.suspect_details,
                pasted_messages: r.pasted_messages,
                category_other: r.category_other,
            };
            self.store.index_case(&mut self.w, r.id, &terms(&source), false).await?;
        }
        Ok(count)
    }

    /// PostgreSQL: moves every identity column's sequence past the restored ids, so new rows do
    /// not collide with them. (SQLite takes the next rowid from the table itself.)
    pub async fn reset_sequences(&mut self) -> StoreResult<()> {
        if self.store.backend != Backend::Postgres {
            return Ok(());
        }
        let identity: Vec<(String, String)> = sqlx::query_as(
            "SELECT table_name::text, column_name::text FROM information_schema.columns
             WHERE table_schema = current_schema() AND is_identity = 'YES' ORDER BY table_name",
        )
        .fetch_all(self.w.conn())
        .await?;
        for (table, column) in identity.iter().filter(|(t, _)| TABLES.iter().any(|s| s.name == t)) {
            let sql = format!(
                "SELECT setval(pg_get_serial_sequence('{table}', '{column}'),
                               COALESCE((SELECT MAX({column}) FROM {table}), 0) + 1, false)"
            );
            sqlx::query(AssertSqlSafe(sql)).execute(self.w.conn()).await?;
        }
        Ok(())
    }

    pub async fn commit(self) -> StoreResult<()> {
        self.w.commit().await
    }
}

fn param(table: &str, column: &Column, value: &Value) -> StoreResult<Param> {
    let wrong = || {
        StoreError::Backup(format!(
            "a value of {table}.{} is not {}",
            column.name,
            match column.ty {
                ColumnType::Integer => "an integer",
                ColumnType::Text => "text",
            }
        ))
    };
    match (column.ty, value) {
        (ColumnType::Integer, Value::Null) => Ok(Param::Int(None)),
        (ColumnType::Text, Value::Null) => Ok(Param::Text(None)),
        (ColumnType::Integer, Value::Number(n)) => n.as_i64().map(|v| Param::Int(Some(v))).ok_or_else(wrong),
        (ColumnType::Text, Value::String(s)) => Ok(Param::Text(Some(s.clone()))),
        _ => Err(wrong()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_table_is_classified_once() {
        let mut all: Vec<&str> = TABLES.iter().map(|s| s.name).collect();
        all.extend(DERIVED);
        all.extend(TRANSIENT);
        all.extend(META);
        let mut unique = all.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), all.len(), "a table is listed twice");
        assert_eq!(unclassified(&["cases".into(), "new_table".into()]), vec!["new_table".to_owned()]);
    }

    #[test]
    fn values_must_fit_their_column() {
        let int = Column { name: "n".into(), ty: ColumnType::Integer };
        let text = Column { name: "t".into(), ty: ColumnType::Text };
        assert!(matches!(param("x", &int, &Value::from(5)), Ok(Param::Int(Some(5)))));
        assert!(matches!(param("x", &text, &Value::Null), Ok(Param::Text(None))));
        assert!(param("x", &int, &Value::from("5")).is_err());
        assert!(param("x", &text, &Value::from(5)).is_err());
        assert!(param("x", &int, &Value::from(1.5)).is_err());
    }
}
