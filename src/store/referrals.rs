//! Referrals to a police station or to legal aid, their status updates, and the reminder task
//! that comes due when nothing has moved.

use sqlx::Row;

use super::{Store, StoreError, StoreResult};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Referral {
    pub id: i64,
    pub case_id: i64,
    /// `police` or `legal_aid`.
    pub kind: String,
    pub to_name: String,
    pub to_contact: Option<String>,
    pub officer: Option<String>,
    pub fir_number: Option<String>,
    pub ack_number: Option<String>,
    pub status: String,
    pub outcome: Option<String>,
    pub handed_over_at: i64,
    pub created_by_name: String,
    pub updated_at: i64,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReferralUpdate {
    pub referral_id: i64,
    pub status: String,
    pub note: Option<String>,
    pub by_name: String,
    pub at: i64,
}

pub struct NewReferral<'a> {
    pub kind: &'a str,
    pub to_name: &'a str,
    pub to_contact: Option<&'a str>,
    pub officer: Option<&'a str>,
    pub fir_number: Option<&'a str>,
    pub ack_number: Option<&'a str>,
    pub handed_over_at: i64,
    pub note: Option<&'a str>,
}

/// A change to a referral: its status, and any facts that arrived with it.
pub struct ReferralChange<'a> {
    pub status: &'a str,
    pub officer: Option<&'a str>,
    pub fir_number: Option<&'a str>,
    pub ack_number: Option<&'a str>,
    pub outcome: Option<&'a str>,
    pub note: Option<&'a str>,
}

/// The reminder: a task titled `title`, due at `due_at` (none once the referral is finished).
pub struct Reminder<'a> {
    pub title: &'a str,
    pub due_at: i64,
}

impl Store {
    /// Records a referral with its first update and its reminder task, in one transaction.
    pub async fn add_referral(
        &self,
        case_id: i64,
        r: &NewReferral<'_>,
        reminder: &Reminder<'_>,
        by: i64,
        at: i64,
    ) -> StoreResult<i64> {
        let mut w = self.write().await?;
        let (task,): (i64,) = sqlx::query_as(
            "INSERT INTO case_tasks (case_id, title, due_at, created_at) VALUES ($1, $2, $3, $4) RETURNING id",
        )
        .bind(case_id)
        .bind(reminder.title)
        .bind(reminder.due_at)
        .bind(at)
        .fetch_one(w.conn())
        .await?;
        let (id,): (i64,) = sqlx::query_as(
            "INSERT INTO referrals (case_id, kind, to_name, to_contact, officer, fir_number, ack_number, status,
                 handed_over_at, reminder_task_id, created_by, created_at, updated_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, 'sent', $8, $9, $10, $11, $11) RETURNING id",
        )
        .bind(case_id)
        .bind(r.kind)
        .bind(r.to_name)
        .bind(r.to_contact)
        .bind(r.officer)
        .bind(r.fir_number)
        .bind(r.ack_number)
        .bind(r.handed_over_at)
        .bind(task)
        .bind(by)
        .bind(at)
        .fetch_one(w.conn())
        .await?;
        sqlx::query(
            "INSERT INTO referral_updates (referral_id, status, note, by_user, at) VALUES ($1, 'sent', $2, $3, $4)",
        )
        .bind(id)
        .bind(r.note)
        .bind(by)
        .bind(at)
        .execute(w.conn())
        .await?;
        w.commit().await?;
        Ok(id)
    }

    /// Moves a referral on: the update is kept, facts that came with it are filled in, the old
    /// reminder is closed and, unless the referral is finished, a new one set.
    pub async fn update_referral(
        &self,
        case_id: i64,
        id: i64,
        c: &ReferralChange<'_>,
        reminder: Option<&Reminder<'_>>,
        by: i64,
        at: i64,
    ) -> StoreResult<()> {
        let mut w = self.write().await?;
        let old: Option<(Option<i64>,)> =
            sqlx::query_as("SELECT reminder_task_id FROM referrals WHERE id = $1 AND case_id = $2")
                .bind(id)
                .bind(case_id)
                .fetch_optional(w.conn())
                .await?;
        let Some((old_task,)) = old else { return Err(StoreError::NotFound) };
        if let Some(task) = old_task {
            sqlx::query("UPDATE case_tasks SET done_at = $1 WHERE id = $2 AND done_at IS NULL")
                .bind(at)
                .bind(task)
                .execute(w.conn())
                .await?;
        }
        let new_task = match reminder {
            Some(r) => {
                let (task,): (i64,) = sqlx::query_as(
                    "INSERT INTO case_tasks (case_id, title, due_at, created_at) VALUES ($1, $2, $3, $4) RETURNING id",
                )
                .bind(case_id)
                .bind(r.title)
                .bind(r.due_at)
                .bind(at)
                .fetch_one(w.conn())
                .await?;
                Some(task)
            }
            None => None,
        };
        sqlx::query(
            "UPDATE referrals SET status = $1, officer = COALESCE($2, officer), fir_number = COALESCE($3, fir_number),
                 ack_number = COALESCE($4, ack_number), outcome = COALESCE($5, outcome), reminder_task_id = $6,
                 updated_at = $7
             WHERE id = $8",
        )
        .bind(c.status)
        .bind(c.officer)
        .bind(c.fir_number)
        .bind(c.ack_number)
        .bind(c.outcome)
        .bind(new_task)
        .bind(at)
        .bind(id)
        .execute(w.conn())
        .await?;
        sqlx::query(
            "INSERT INTO referral_updates (referral_id, status, note, by_user, at) VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(id)
        .bind(c.status)
        .bind(c.note)
        .bind(by)
        .bind(at)
        .execute(w.conn())
        .await?;
        w.commit().await
    }

    /// The case's referrals (oldest first) and all their updates (oldest first), in two reads.
    pub async fn referrals(&self, case_id: i64) -> StoreResult<(Vec<Referral>, Vec<ReferralUpdate>)> {
        let rows = sqlx::query(
            "SELECT r.id, r.case_id, r.kind, r.to_name, r.to_contact, r.officer, r.fir_number, r.ack_number, r.status,
                    r.outcome, r.handed_over_at, u.display_name AS created_by_name, r.updated_at
             FROM referrals r JOIN users u ON u.id = r.created_by WHERE r.case_id = $1 ORDER BY r.id",
        )
        .bind(case_id)
        .fetch_all(self.pool())
        .await?;
        let referrals = rows
            .iter()
            .map(|r| {
                Ok(Referral {
                    id: r.try_get("id")?,
                    case_id: r.try_get("case_id")?,
                    kind: r.try_get("kind")?,
                    to_name: r.try_get("to_name")?,
                    to_contact: r.try_get("to_contact")?,
                    officer: r.try_get("officer")?,
                    fir_number: r.try_get("fir_number")?,
                    ack_number: r.try_get("ack_number")?,
                    status: r.try_get("status")?,
                    outcome: r.try_get("outcome")?,
                    handed_over_at: r.try_get("handed_over_at")?,
                    created_by_name: r.try_get("created_by_name")?,
                    updated_at: r.try_get("updated_at")?,
                })
            })
            .collect::<Result<Vec<_>, sqlx::Error>>()?;
        let updates = sqlx::query(
            "SELECT d.referral_id, d.status, d.note, u.display_name AS by_name, d.at
             FROM referral_updates d JOIN referrals r ON r.id = d.referral_id JOIN users u ON u.id = d.by_user
             WHERE r.case_id = $1 ORDER BY d.id",
        )
        .bind(case_id)
        .fetch_all(self.pool())
        .await?
        .iter()
        .map(|r| {
            Ok(ReferralUpdate {
                referral_id: r.try_get("referral_id")?,
                status: r.try_get("status")?,
                note: r.try_get("note")?,
                by_name: r.try_get("by_name")?,
                at: r.try_get("at")?,
            })
        })
        .collect::<Result<Vec<_>, sqlx::Error>>()?;
        Ok((referrals, updates))
    }
}
