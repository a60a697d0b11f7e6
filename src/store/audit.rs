//! The audit log: every read of a case, download, export, change and sign-in, in a hash chain.
//!
//! Entry n carries the hash of entry n-1, and its own hash covers its id, fields and that
//! previous hash; ids run without gaps. Editing an entry breaks its hash; deleting or
//! inserting one breaks the link or the numbering; reordering breaks both. Deleting entries
//! at the very end is caught by comparing with an anchor (the head's id and hash) printed
//! earlier and kept elsewhere.

use sha2::{Digest, Sha256};
use sqlx::FromRow;

use super::{Store, StoreResult, WriteTx};

pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

#[derive(Debug, Clone, PartialEq, Eq, FromRow)]
pub struct AuditEntry {
    pub id: i64,
    pub at: i64,
    pub user_id: Option<i64>,
    pub action: String,
    pub subject: String,
    pub detail: String,
    pub address: String,
    pub prev_hash: String,
    pub hash: String,
}

/// What is being recorded.
pub struct AuditEvent<'a> {
    pub user_id: Option<i64>,
    pub action: &'a str,
    pub subject: &'a str,
    pub detail: &'a str,
    pub address: &'a str,
}

/// An entry waiting for its write to commit (see [`Store::audited`]).
#[derive(Debug)]
pub(crate) struct Pending {
    pub user_id: Option<i64>,
    pub at: i64,
    pub action: String,
    pub subject: String,
    pub detail: String,
}

/// SHA-256 over the entry's fields, each length-prefixed so no two entries encode alike.
pub fn entry_hash(id: i64, at: i64, e: &AuditEvent<'_>, prev: &str) -> String {
    let mut h = Sha256::new();
    let user = e.user_id.map(|u| u.to_string()).unwrap_or_default();
    for part in [
        id.to_string().as_str(),
        at.to_string().as_str(),
        user.as_str(),
        e.action,
        e.subject,
        e.detail,
        e.address,
        prev,
    ] {
        h.update((part.len() as u64).to_be_bytes());
        h.update(part.as_bytes());
    }
    hex::encode(h.finalize())
}

/// A break in the chain, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Break {
    /// The entry's content does not match its hash: it was edited.
    Edited { id: i64 },
    /// The entry does not follow the one before it: entries before it were deleted, or
    /// it was inserted or moved.
    Unlinked { id: i64, expected_prev: String },
    /// Ids jump: entries between were deleted.
    Gap { after: i64, next: i64 },
    /// The chain ends before the recorded head: entries at the end were deleted.
    Truncated { last: i64, head: i64 },
}

impl std::fmt::Display for Break {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Break::Edited { id } => write!(f, "entry {id} was changed (its hash does not match its content)"),
            Break::Unlinked { id, .. } => {
                write!(f, "entry {id} does not follow the entry before it (entries removed, inserted or reordered)")
            }
            Break::Gap { after, next } => write!(f, "entries between {after} and {next} are missing"),
            Break::Truncated { last, head } => {
                write!(f, "the log ends at {last} but its head says {head}: entries were removed")
            }
        }
    }
}

/// The chain's end, to be printed and kept elsewhere.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Anchor {
    pub id: i64,
    pub hash: String,
}

impl Store {
    /// Appends an entry in its own transaction.
    pub async fn audit(&self, at: i64, e: &AuditEvent<'_>) -> StoreResult<()> {
        let mut w = self.write().await?;
        self.audit_in(&mut w, at, e).await?;
        w.commit().await
    }

    /// Appends an entry inside a write that is already open (so the change and its record
    /// commit together).
    pub async fn audit_in(&self, w: &mut WriteTx, at: i64, e: &AuditEvent<'_>) -> StoreResult<()> {
        append(w, at, e).await
    }
}

/// Appends an entry inside the write `w`: the change and its entry commit together or not at all.
pub(super) async fn append(w: &mut WriteTx, at: i64, e: &AuditEvent<'_>) -> StoreResult<()> {
    {
        // Taking the head row for update serialises appends on PostgreSQL (SQLite writers are
        // serialised already), so every entry links to the one before it.
        let lock = match w.backend {
            super::Backend::Postgres => " FOR UPDATE",
            super::Backend::Sqlite => "",
        };
        let (last_id, last_hash): (i64, String) = sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "SELECT last_id, last_hash FROM audit_head WHERE id = 1{lock}"
        )))
        .fetch_one(w.conn())
        .await?;
        let id = last_id + 1;
        let hash = entry_hash(id, at, e, &last_hash);
        sqlx::query(
            "INSERT INTO audit_log (id, at, user_id, action, subject, detail, address, prev_hash, hash)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
        )
        .bind(id)
        .bind(at)
        .bind(e.user_id)
        .bind(e.action)
        .bind(e.subject)
        .bind(e.detail)
        .bind(e.address)
        .bind(&last_hash)
        .bind(&hash)
        .execute(w.conn())
        .await?;
        sqlx::query("UPDATE audit_head SET last_id = $1, last_hash = $2 WHERE id = 1")
            .bind(id)
            .bind(&hash)
            .execute(w.conn())
            .await?;
        Ok(())
    }
}

impl Store {
    pub async fn audit_anchor(&self) -> StoreResult<Anchor> {
        let (id, hash): (i64, String) =
            sqlx::query_as("SELECT last_id, last_hash FROM audit_head WHERE id = 1").fetch_one(self.pool()).await?;
        Ok(Anchor { id, hash })
    }

    /// Recent entries about one subject (e.g. `case:42`), newest first.
    pub async fn audit_for(&self, subject: &str, limit: i64) -> StoreResult<Vec<(AuditEntry, Option<String>)>> {
        let rows = sqlx::query(
            "SELECT l.id, l.at, l.user_id, l.action, l.subject, l.detail, l.address, l.prev_hash, l.hash,
                    u.display_name
             FROM audit_log l LEFT JOIN users u ON u.id = l.user_id
             WHERE l.subject = $1 ORDER BY l.id DESC LIMIT $2",
        )
        .bind(subject)
        .bind(limit)
        .fetch_all(self.pool())
        .await?;
        use sqlx::Row;
        rows.iter()
            .map(|r| Ok((AuditEntry::from_row(r)?, r.try_get("display_name")?)))
            .collect::<Result<_, sqlx::Error>>()
            .map_err(super::StoreError::Db)
    }

    /// Walks the whole chain in id order, `batch` entries at a time, and reports every break.
    pub async fn audit_verify(&self, progress: &(dyn Fn(i64) + Sync)) -> StoreResult<(i64, Vec<Break>)> {
        let head = self.audit_anchor().await?;
        let mut breaks = Vec::new();
        let mut expected_prev = GENESIS.to_owned();
        let mut last_id = 0i64;
        let mut checked = 0i64;
        loop {
            let batch: Vec<AuditEntry> = sqlx::query_as(
                "SELECT id, at, user_id, action, subject, detail, address, prev_hash, hash FROM audit_log
                 WHERE id > $1 ORDER BY id LIMIT 5000",
            )
            .bind(last_id)
            .fetch_all(self.pool())
            .await?;
            if batch.is_empty() {
                break;
            }
            for e in batch {
                if e.id != last_id + 1 {
                    breaks.push(Break::Gap { after: last_id, next: e.id });
                }
                let event = AuditEvent {
                    user_id: e.user_id,
                    action: &e.action,
                    subject: &e.subject,
                    detail: &e.detail,
                    address: &e.address,
                };
                let recomputed = entry_hash(e.id, e.at, &event, &e.prev_hash);
                if recomputed != e.hash {
                    breaks.push(Break::Edited { id: e.id });
                }
                if e.prev_hash != expected_prev {
                    breaks.push(Break::Unlinked { id: e.id, expected_prev: expected_prev.clone() });
                }
                expected_prev = e.hash;
                last_id = e.id;
                checked += 1;
            }
            progress(checked);
        }
        if last_id < head.id {
            breaks.push(Break::Truncated { last: last_id, head: head.id });
        } else if last_id == head.id && expected_prev != head.hash && head.id > 0 {
            breaks.push(Break::Unlinked { id: head.id, expected_prev: head.hash });
        }
        Ok((checked, breaks))
    }
}

impl Store {
    /// The recorded hash of entry `id`, if it exists.
    pub async fn audit_entry_hash(&self, id: i64) -> StoreResult<Option<String>> {
        Ok(sqlx::query_scalar("SELECT hash FROM audit_log WHERE id = $1").bind(id).fetch_optional(self.pool()).await?)
    }
}
