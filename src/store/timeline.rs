//! The case timeline's one writer.
//!
//! Every event appended here carries its audit entry, written in the same transaction: a
//! change to a case, its timeline event and its audit entry commit together or not at all.
//! The entry's action is `case.<kind>`, its subject the case, its detail the event's id (the
//! event holds what changed; the audit log holds no personal data).

use sahayak_domain::case::{ClosureReason, Status};
use sqlx::any::AnyRow;
use sqlx::{FromRow, Row};

use super::audit::{self, AuditEvent};
use super::cases::opt_code;
use super::{Store, StoreError, StoreResult, WriteTx};

/// One timeline entry to append.
#[derive(Debug, Default)]
pub(crate) struct Event<'a> {
    pub case_id: i64,
    pub actor: i64,
    pub at: i64,
    /// `created`, `note`, `status`, `assigned`, `edited`, `action`, `tasks`, `trail`, ...
    pub kind: &'a str,
    pub body: Option<&'a str>,
    pub from_status: Option<Status>,
    pub to_status: Option<Status>,
    pub closure_reason: Option<ClosureReason>,
    pub assignee_id: Option<i64>,
}

/// Appends the event and its audit entry inside `w`; returns the event's id.
pub(crate) async fn append(w: &mut WriteTx, e: &Event<'_>) -> StoreResult<i64> {
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO case_events (case_id, at, actor_id, kind, body, from_status, to_status, closure_reason, assignee_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
    )
    .bind(e.case_id)
    .bind(e.at)
    .bind(e.actor)
    .bind(e.kind)
    .bind(e.body)
    .bind(e.from_status.map(|s| s.code()))
    .bind(e.to_status.map(|s| s.code()))
    .bind(e.closure_reason.map(|r| r.code()))
    .bind(e.assignee_id)
    .fetch_one(w.conn())
    .await?;
    let address = w.address().to_owned();
    let entry = AuditEvent {
        user_id: Some(e.actor),
        action: &format!("case.{}", e.kind),
        subject: &format!("case:{}", e.case_id),
        detail: &id.to_string(),
        address: &address,
    };
    audit::append(w, e.at, &entry).await?;
    Ok(id)
}

/// Marks the case changed at `at` and appends a plain event (kind and text) with its entry.
pub(crate) async fn touch_and_append(
    w: &mut WriteTx,
    case_id: i64,
    actor: i64,
    at: i64,
    kind: &str,
    body: &str,
) -> StoreResult<i64> {
    touch(w, case_id, at).await?;
    append(w, &Event { case_id, actor, at, kind, body: Some(body), ..Default::default() }).await
}

/// Appends a plain event (kind and text) with its entry, without marking the case changed.
pub(crate) async fn append_plain(
    w: &mut WriteTx,
    case_id: i64,
    actor: i64,
    at: i64,
    kind: &str,
    body: &str,
) -> StoreResult<i64> {
    append(w, &Event { case_id, actor, at, kind, body: Some(body), ..Default::default() }).await
}

/// Marks the case changed at `at`; `NotFound` if there is no such case.
pub(crate) async fn touch(w: &mut WriteTx, case_id: i64, at: i64) -> StoreResult<()> {
    let changed = sqlx::query("UPDATE cases SET updated_at = $1 WHERE id = $2")
        .bind(at)
        .bind(case_id)
        .execute(w.conn())
        .await?
        .rows_affected();
    if changed == 0 { Err(StoreError::NotFound) } else { Ok(()) }
}

/// One entry of a case's timeline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseEvent {
    pub id: i64,
    pub at: i64,
    pub actor_id: i64,
    pub actor_name: String,
    pub kind: String,
    pub body: Option<String>,
    pub from_status: Option<Status>,
    pub to_status: Option<Status>,
    pub closure_reason: Option<ClosureReason>,
    pub assignee_name: Option<String>,
}

impl<'r> FromRow<'r, AnyRow> for CaseEvent {
    fn from_row(r: &'r AnyRow) -> Result<Self, sqlx::Error> {
        Ok(CaseEvent {
            id: r.try_get("id")?,
            at: r.try_get("at")?,
            actor_id: r.try_get("actor_id")?,
            actor_name: r.try_get("actor_name")?,
            kind: r.try_get("kind")?,
            body: r.try_get("body")?,
            from_status: opt_code(r, "from_status")?,
            to_status: opt_code(r, "to_status")?,
            closure_reason: opt_code(r, "closure_reason")?,
            assignee_name: r.try_get("assignee_name")?,
        })
    }
}

impl Store {
    /// The case's timeline, oldest first.
    pub async fn timeline(&self, case_id: i64) -> StoreResult<Vec<CaseEvent>> {
        Ok(sqlx::query_as(
            "SELECT e.id, e.at, e.actor_id, u.display_name AS actor_name, e.kind, e.body, e.from_status,
                    e.to_status, e.closure_reason, a.display_name AS assignee_name
             FROM case_events e JOIN users u ON u.id = e.actor_id LEFT JOIN users a ON a.id = e.assignee_id
             WHERE e.case_id = $1 ORDER BY e.id",
        )
        .bind(case_id)
        .fetch_all(self.pool())
        .await?)
    }

    pub(super) async fn event(&self, id: i64) -> StoreResult<CaseEvent> {
        sqlx::query_as(
            "SELECT e.id, e.at, e.actor_id, u.display_name AS actor_name, e.kind, e.body, e.from_status,
                    e.to_status, e.closure_reason, a.display_name AS assignee_name
             FROM case_events e JOIN users u ON u.id = e.actor_id LEFT JOIN users a ON a.id = e.assignee_id
             WHERE e.id = $1",
        )
        .bind(id)
        .fetch_optional(self.pool())
        .await?
        .ok_or(StoreError::NotFound)
    }
}
