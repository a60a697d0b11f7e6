//! The evidence aggregate: stored files (blobs), the items linking them to cases, and each item's
//! chain of custody. Items and custody entries are only inserted, never updated or deleted
//! (the item row's `custody_seq`/`custody_head`, where its chain ends, is the one exception).

use sahayak_domain::evidence::{CustodyAction, Entry, EntryFields, GENESIS, ItemFacts};
use sqlx::any::AnyRow;
use sqlx::{FromRow, Row};

use super::sql::Sql;
use super::{Store, StoreError, StoreResult, WriteTx};

/// How and from which device a record was captured (the s.63 certificate's questions).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Capture {
    pub method: Option<String>,
    pub device_type: Option<String>,
    pub device_make_model: Option<String>,
    pub device_id: Option<String>,
    pub captured_by: Option<String>,
    pub captured_at: Option<i64>,
    pub captured_where: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EvidenceItem {
    pub id: i64,
    pub case_id: i64,
    pub sha256: String,
    pub size_bytes: i64,
    pub mime: String,
    pub original_name: String,
    pub description: Option<String>,
    pub capture: Capture,
    pub derived_from: Option<i64>,
    pub victim_supplied: bool,
    pub created_by: i64,
    pub created_by_name: String,
    pub created_at: i64,
    pub custody_seq: i64,
    pub custody_head: String,
}

impl EvidenceItem {
    pub fn facts(&self) -> ItemFacts<'_> {
        ItemFacts {
            case_id: self.case_id,
            sha256: &self.sha256,
            size_bytes: self.size_bytes,
            original_name: &self.original_name,
            description: self.description.as_deref(),
            capture_method: self.capture.method.as_deref(),
            device_type: self.capture.device_type.as_deref(),
            device_make_model: self.capture.device_make_model.as_deref(),
            device_id: self.capture.device_id.as_deref(),
            captured_by: self.capture.captured_by.as_deref(),
            captured_at: self.capture.captured_at,
            captured_where: self.capture.captured_where.as_deref(),
            derived_from: self.derived_from,
            victim_supplied: self.victim_supplied,
            created_by: self.created_by,
            created_at: self.created_at,
        }
    }
}

impl<'r> FromRow<'r, AnyRow> for EvidenceItem {
    fn from_row(r: &'r AnyRow) -> Result<Self, sqlx::Error> {
        Ok(EvidenceItem {
            id: r.try_get("id")?,
            case_id: r.try_get("case_id")?,
            sha256: r.try_get("sha256")?,
            size_bytes: r.try_get("size_bytes")?,
            mime: r.try_get("mime")?,
            original_name: r.try_get("original_name")?,
            description: r.try_get("description")?,
            capture: Capture {
                method: r.try_get("capture_method")?,
                device_type: r.try_get("device_type")?,
                device_make_model: r.try_get("device_make_model")?,
                device_id: r.try_get("device_id")?,
                captured_by: r.try_get("captured_by")?,
                captured_at: r.try_get("captured_at")?,
                captured_where: r.try_get("captured_where")?,
            },
            derived_from: r.try_get("derived_from")?,
            victim_supplied: r.try_get::<i64, _>("victim_supplied")? != 0,
            created_by: r.try_get("created_by")?,
            created_by_name: r.try_get("created_by_name")?,
            created_at: r.try_get("created_at")?,
            custody_seq: r.try_get("custody_seq")?,
            custody_head: r.try_get("custody_head")?,
        })
    }
}

impl<'r> FromRow<'r, AnyRow> for CustodyRow {
    fn from_row(r: &'r AnyRow) -> Result<Self, sqlx::Error> {
        Ok(CustodyRow(Entry {
            item_id: r.try_get("item_id")?,
            seq: r.try_get("seq")?,
            at: r.try_get("at")?,
            actor_id: r.try_get("actor_id")?,
            actor_name: r.try_get("actor_name")?,
            action: r.try_get("action")?,
            reason: r.try_get("reason")?,
            prev_hash: r.try_get("prev_hash")?,
            hash: r.try_get("hash")?,
        }))
    }
}

struct CustodyRow(Entry);

/// A file received and stored, to be recorded as an item of a case.
#[derive(Debug, Clone)]
pub struct NewEvidence {
    pub sha256: String,
    pub size_bytes: i64,
    pub mime: String,
    pub original_name: String,
    pub description: Option<String>,
    pub capture: Capture,
    pub derived_from: Option<i64>,
    pub victim_supplied: bool,
}

/// Who did something, as the custody log records them.
#[derive(Debug, Clone, Copy)]
pub struct Actor<'a> {
    pub id: i64,
    pub name: &'a str,
}

const ITEM_SELECT: &str = "SELECT i.id, i.case_id, i.sha256, b.size_bytes, b.mime, i.original_name, i.description,
        i.capture_method, i.device_type, i.device_make_model, i.device_id, i.captured_by, i.captured_at,
        i.captured_where, i.derived_from, i.victim_supplied, i.created_by, u.display_name AS created_by_name,
        i.created_at, i.custody_seq, i.custody_head
    FROM evidence_items i
    JOIN evidence_blobs b ON b.sha256 = i.sha256
    JOIN users u ON u.id = i.created_by";

const CUSTODY_COLUMNS: &str = "item_id, seq, at, actor_id, actor_name, action, reason, prev_hash, hash";

impl Store {
    /// Bytes of evidence a case holds (each distinct file once).
    pub async fn case_evidence_bytes(&self, case_id: i64) -> StoreResult<i64> {
        let total: Option<i64> = sqlx::query_scalar(
            "SELECT CAST(SUM(b.size_bytes) AS BIGINT) FROM evidence_blobs b
             WHERE b.sha256 IN (SELECT sha256 FROM evidence_items WHERE case_id = $1)",
        )
        .bind(case_id)
        .fetch_one(self.pool())
        .await?;
        Ok(total.unwrap_or(0))
    }

    /// Records received files as items of a case, each with its first custody entry, in one
    /// transaction. A file already stored (same SHA-256) is linked again, not stored again. A
    /// derived copy's original gets a "copied" entry.
    pub async fn add_evidence(
        &self,
        case_id: i64,
        items: &[NewEvidence],
        actor: Actor<'_>,
        reason: Option<&str>,
        at: i64,
    ) -> StoreResult<Vec<EvidenceItem>> {
        let mut w = self.write().await?;
        let mut ids = Vec::with_capacity(items.len());
        for n in items {
            sqlx::query(
                "INSERT INTO evidence_blobs (sha256, size_bytes, mime, created_at) VALUES ($1, $2, $3, $4)
                 ON CONFLICT (sha256) DO NOTHING",
            )
            .bind(&n.sha256)
            .bind(n.size_bytes)
            .bind(&n.mime)
            .bind(at)
            .execute(w.conn())
            .await?;
            let c = &n.capture;
            let id: i64 = sqlx::query_scalar(
                "INSERT INTO evidence_items (case_id, sha256, original_name, description, capture_method, device_type,
                    device_make_model, device_id, captured_by, captured_at, captured_where, derived_from,
                    victim_supplied, created_by, created_at)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15) RETURNING id",
            )
            .bind(case_id)
            .bind(&n.sha256)
            .bind(&n.original_name)
            .bind(&n.description)
            .bind(&c.method)
            .bind(&c.device_type)
            .bind(&c.device_make_model)
            .bind(&c.device_id)
            .bind(&c.captured_by)
            .bind(c.captured_at)
            .bind(&c.captured_where)
            .bind(n.derived_from)
            .bind(i64::from(n.victim_supplied))
            .bind(actor.id)
            .bind(at)
            .fetch_one(w.conn())
            .await?;
            let item = EvidenceItem {
                id,
                case_id,
                sha256: n.sha256.clone(),
                size_bytes: n.size_bytes,
                mime: n.mime.clone(),
                original_name: n.original_name.clone(),
                description: n.description.clone(),
                capture: n.capture.clone(),
                derived_from: n.derived_from,
                victim_supplied: n.victim_supplied,
                created_by: actor.id,
                created_by_name: actor.name.to_owned(),
                created_at: at,
                custody_seq: 0,
                custody_head: String::new(),
            };
            let action = if n.derived_from.is_some() { CustodyAction::Derived } else { CustodyAction::Received };
            let fingerprint = item.facts().fingerprint();
            append(&mut w, id, (0, GENESIS), &fingerprint, action, actor, reason, at).await?;
            if let Some(original) = n.derived_from {
                let why = format!("→ #{id}");
                append_at_head(&mut w, original, CustodyAction::Copied, actor, Some(&why), at).await?;
            }
            ids.push(id);
        }
        w.commit().await?;
        let mut q = Sql::new(ITEM_SELECT);
        q.push(" WHERE i.id IN ").int_list(&ids).push(" ORDER BY i.id");
        Ok(q.query_as::<EvidenceItem>().fetch_all(self.pool()).await?)
    }

    /// A case's items, oldest first.
    pub async fn evidence_items(&self, case_id: i64) -> StoreResult<Vec<EvidenceItem>> {
        let mut q = Sql::new(ITEM_SELECT);
        q.push(" WHERE i.case_id = ").int(case_id).push(" ORDER BY i.id");
        Ok(q.query_as::<EvidenceItem>().fetch_all(self.pool()).await?)
    }

    /// One item of a case (an item of another case is "not found").
    pub async fn evidence_item(&self, case_id: i64, item_id: i64) -> StoreResult<EvidenceItem> {
        let mut q = Sql::new(ITEM_SELECT);
        q.push(" WHERE i.case_id = ").int(case_id).push(" AND i.id = ").int(item_id);
        q.query_as::<EvidenceItem>().fetch_optional(self.pool()).await?.ok_or(StoreError::NotFound)
    }

    /// Items of every case in id order, `limit` at a time after `after` (for the verifier).
    pub async fn evidence_items_after(&self, after: i64, limit: i64) -> StoreResult<Vec<EvidenceItem>> {
        let mut q = Sql::new(ITEM_SELECT);
        q.push(" WHERE i.id > ").int(after).push(" ORDER BY i.id LIMIT ").int(limit);
        Ok(q.query_as::<EvidenceItem>().fetch_all(self.pool()).await?)
    }

    /// Bytes of every stored file (each once).
    pub async fn evidence_blob_bytes(&self) -> StoreResult<i64> {
        let total: Option<i64> = sqlx::query_scalar("SELECT CAST(SUM(size_bytes) AS BIGINT) FROM evidence_blobs")
            .fetch_one(self.pool())
            .await?;
        Ok(total.unwrap_or(0))
    }

    /// The hash of every file the database records (stored or erased): a stored file whose hash
    /// is not among them is one no record refers to.
    pub async fn evidence_hashes(&self) -> StoreResult<std::collections::HashSet<String>> {
        let hashes: Vec<String> =
            sqlx::query_scalar("SELECT sha256 FROM evidence_blobs").fetch_all(self.pool()).await?;
        Ok(hashes.into_iter().collect())
    }

    pub async fn evidence_item_count(&self) -> StoreResult<i64> {
        Ok(sqlx::query_scalar("SELECT COUNT(*) FROM evidence_items").fetch_one(self.pool()).await?)
    }

    /// The custody entries of the given items, by item and then in order.
    pub async fn custody(&self, item_ids: &[i64]) -> StoreResult<Vec<Entry>> {
        if item_ids.is_empty() {
            return Ok(Vec::new());
        }
        let mut q = Sql::new(&format!("SELECT {CUSTODY_COLUMNS} FROM evidence_custody WHERE item_id IN "));
        q.int_list(item_ids).push(" ORDER BY item_id, seq");
        Ok(q.query_as::<CustodyRow>().fetch_all(self.pool()).await?.into_iter().map(|r| r.0).collect())
    }

    /// Appends the same entry (viewed, exported, handed over, ...) to each item's chain, in one
    /// transaction.
    pub async fn record_custody(
        &self,
        item_ids: &[i64],
        action: CustodyAction,
        actor: Actor<'_>,
        reason: Option<&str>,
        at: i64,
    ) -> StoreResult<()> {
        let mut w = self.write().await?;
        for &id in item_ids {
            append_at_head(&mut w, id, action, actor, reason, at).await?;
        }
        w.commit().await
    }
}

/// Appends an entry after the chain's current end. The item's row is locked first (a no-op
/// update: PostgreSQL holds the row until commit; SQLite has one writer anyway), so two people
/// downloading the same file at once queue instead of both extending the same end.
pub(super) async fn append_at_head(
    w: &mut WriteTx,
    item_id: i64,
    action: CustodyAction,
    actor: Actor<'_>,
    reason: Option<&str>,
    at: i64,
) -> StoreResult<()> {
    sqlx::query("UPDATE evidence_items SET custody_seq = custody_seq WHERE id = $1")
        .bind(item_id)
        .execute(w.conn())
        .await?;
    let (seq, head): (i64, String) =
        sqlx::query_as("SELECT custody_seq, custody_head FROM evidence_items WHERE id = $1")
            .bind(item_id)
            .fetch_optional(w.conn())
            .await?
            .ok_or(StoreError::NotFound)?;
    append(w, item_id, (seq, &head), "", action, actor, reason, at).await
}

#[allow(clippy::too_many_arguments)]
async fn append(
    w: &mut WriteTx,
    item_id: i64,
    (seq, prev): (i64, &str),
    fingerprint: &str,
    action: CustodyAction,
    actor: Actor<'_>,
    reason: Option<&str>,
    at: i64,
) -> StoreResult<()> {
    let fields = EntryFields {
        item_id,
        seq: seq + 1,
        at,
        actor_id: actor.id,
        actor_name: actor.name,
        action: action.code(),
        reason,
        prev_hash: prev,
    };
    let hash = fields.hash(fingerprint);
    sqlx::query(
        "INSERT INTO evidence_custody (item_id, seq, at, actor_id, actor_name, action, reason, prev_hash, hash)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
    )
    .bind(item_id)
    .bind(fields.seq)
    .bind(at)
    .bind(actor.id)
    .bind(actor.name)
    .bind(fields.action)
    .bind(reason)
    .bind(prev)
    .bind(&hash)
    .execute(w.conn())
    .await?;
    let moved =
        sqlx::query("UPDATE evidence_items SET custody_seq = $1, custody_head = $2 WHERE id = $3 AND custody_seq = $4")
            .bind(fields.seq)
            .bind(&hash)
            .bind(item_id)
            .bind(seq)
            .execute(w.conn())
            .await?;
    if moved.rows_affected() != 1 {
        return Err(StoreError::Conflict);
    }
    Ok(())
}
