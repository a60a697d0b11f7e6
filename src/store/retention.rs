//! Retention: legal holds, and erasing a case's personal data once its period has passed,
//! leaving the anonymous facts (district, category, dates, amounts, status) for statistics.

use sahayak_domain::evidence::CustodyAction;

use super::evidence::{Actor, append_at_head};
use super::sql::Sql;
use super::{Backend, Store, StoreError, StoreResult, WriteTx};

/// The account automatic jobs act as (created by migration 0008; it cannot sign in).
pub const SYSTEM_USERNAME: &str = "sahayak-system";

/// A closed case whose retention may have ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RetentionCandidate {
    pub id: i64,
    pub closed_at: i64,
    /// Purposes the case has consent for now.
    pub purposes: Vec<String>,
}

impl Store {
    pub async fn system_user_id(&self) -> StoreResult<i64> {
        sqlx::query_scalar("SELECT id FROM users WHERE username = $1")
            .bind(SYSTEM_USERNAME)
            .fetch_optional(self.pool())
            .await?
            .ok_or(StoreError::NotFound)
    }

    /// Closed cases, not erased and not on hold, closed before `closed_before`, oldest first,
    /// after the `(closed_at, id)` pair `after` (for paging through them).
    pub async fn retention_candidates(
        &self,
        closed_before: i64,
        limit: i64,
        after: (i64, i64),
    ) -> StoreResult<Vec<RetentionCandidate>> {
        let rows: Vec<(i64, i64)> = sqlx::query_as(
            "SELECT id, closed_at FROM cases
             WHERE status = 'closed' AND erased_at IS NULL AND legal_hold IS NULL AND closed_at < $1
               AND (closed_at > $3 OR (closed_at = $3 AND id > $4))
             ORDER BY closed_at, id LIMIT $2",
        )
        .bind(closed_before)
        .bind(limit)
        .bind(after.0)
        .bind(after.1)
        .fetch_all(self.pool())
        .await?;
        let ids: Vec<i64> = rows.iter().map(|r| r.0).collect();
        let mut purposes: Vec<(i64, String)> = Vec::new();
        if !ids.is_empty() {
            // The purposes with consent now (the latest row of each purpose holds).
            let mut q = Sql::new(
                "SELECT c.case_id, c.purpose FROM consents c
                 WHERE c.given = 1
                   AND c.id = (SELECT MAX(d.id) FROM consents d WHERE d.case_id = c.case_id AND d.purpose = c.purpose)
                   AND c.case_id IN ",
            );
            q.int_list(&ids);
            purposes = q.query_as().fetch_all(self.pool()).await?;
        }
        Ok(rows
            .into_iter()
            .map(|(id, closed_at)| RetentionCandidate {
                id,
                closed_at,
                purposes: purposes.iter().filter(|p| p.0 == id).map(|p| p.1.clone()).collect(),
            })
            .collect())
    }

    /// Puts a case on legal hold (with the reason: an order, a trial) or releases it.
    pub async fn set_legal_hold(&self, case_id: i64, hold: Option<&str>, at: i64) -> StoreResult<()> {
        let mut w = self.write().await?;
        let done = sqlx::query(
            "UPDATE cases SET legal_hold = $1, updated_at = $2, version = version + 1 WHERE id = $3 AND erased_at IS NULL",
        )
        .bind(hold)
        .bind(at)
        .bind(case_id)
        .execute(w.conn())
        .await?;
        if done.rows_affected() == 0 {
            return Err(StoreError::NotFound);
        }
        w.commit().await
    }

    /// Erases the personal data of one case in one transaction: the victim's identity and
    /// contact, the story and pasted messages, notes, the victim's own account numbers, guardian
    /// names, the search index entry; its evidence items get an `erased` custody entry (the files
    /// are deleted afterwards, see [`Store::erased_blobs`]). A case on hold, or erased already, is
    /// left alone and `false` returned.
    pub async fn erase_case(&self, case_id: i64, at: i64) -> StoreResult<bool> {
        let system = self.system_user_id().await?;
        let mut w = self.write().await?;
        let erased = sqlx::query(
            "UPDATE cases SET victim_name = '', victim_mobile = '', victim_mobile_idx = NULL, victim_address = NULL,
                    narrative = '', suspect_details = NULL, pasted_messages = NULL, category_other = NULL,
                    erased_at = $1, updated_at = $1, version = version + 1
             WHERE id = $2 AND erased_at IS NULL AND legal_hold IS NULL",
        )
        .bind(at)
        .bind(case_id)
        .execute(w.conn())
        .await?;
        if erased.rows_affected() == 0 {
            return Ok(false);
        }
        for sql in [
            "UPDATE case_events SET body = NULL WHERE case_id = $1",
            "UPDATE case_actions SET reference = NULL, note = NULL WHERE case_id = $1",
            "UPDATE money_trail SET from_account = NULL, utr = NULL, remarks = NULL WHERE case_id = $1 AND layer = 0",
            "UPDATE money_trail SET remarks = NULL WHERE case_id = $1",
            "UPDATE restorations SET note = NULL WHERE case_id = $1",
            "DELETE FROM trail_imports WHERE case_id = $1",
            "UPDATE consents SET guardian_name = NULL, note = NULL WHERE case_id = $1",
            "UPDATE cases SET victim_code = NULL WHERE id = $1",
            "DELETE FROM victim_sessions WHERE case_id = $1",
            "UPDATE victim_requests SET victim_message = '' WHERE case_id = $1",
            "UPDATE counselling_sessions SET counselling_notes = NULL WHERE case_id = $1",
            "UPDATE referrals SET outcome = NULL, to_contact = NULL WHERE case_id = $1",
            "UPDATE follow_ups SET outcome = NULL WHERE case_id = $1",
            "UPDATE referral_updates SET note = NULL WHERE referral_id IN (SELECT id FROM referrals WHERE case_id = $1)",
        ] {
            sqlx::query(sql).bind(case_id).execute(w.conn()).await?;
        }
        self.unindex_case(&mut w, case_id).await?;
        let items: Vec<i64> = sqlx::query_scalar("SELECT id FROM evidence_items WHERE case_id = $1 ORDER BY id")
            .bind(case_id)
            .fetch_all(w.conn())
            .await?;
        let actor = Actor { id: system, name: "Sahayak (automatic)" };
        for item in items {
            append_at_head(&mut w, item, CustodyAction::Erased, actor, Some("retention period ended"), at).await?;
        }
        w.commit().await?;
        Ok(true)
    }

    async fn unindex_case(&self, w: &mut WriteTx, case_id: i64) -> StoreResult<()> {
        let sql = match self.backend {
            Backend::Sqlite => "DELETE FROM case_fts WHERE rowid = $1",
            Backend::Postgres => "DELETE FROM case_search WHERE case_id = $1",
        };
        sqlx::query(sql).bind(case_id).execute(w.conn()).await?;
        Ok(())
    }

    /// Files whose every item belongs to an erased case: to be deleted from evidence storage.
    /// (A file also attached to a live case stays.)
    pub async fn erased_blobs(&self) -> StoreResult<Vec<String>> {
        Ok(sqlx::query_scalar(
            "SELECT i.sha256 FROM evidence_items i JOIN cases c ON c.id = i.case_id
             GROUP BY i.sha256 HAVING COUNT(*) = SUM(CASE WHEN c.erased_at IS NULL THEN 0 ELSE 1 END)",
        )
        .fetch_all(self.pool())
        .await?)
    }

    /// How many cases are erased (for the job's report and the statistics page).
    pub async fn erased_case_count(&self) -> StoreResult<i64> {
        Ok(sqlx::query_scalar("SELECT COUNT(*) FROM cases WHERE erased_at IS NOT NULL").fetch_one(self.pool()).await?)
    }
}

impl Store {
    /// Cases of the person with this mobile number (found through its keyed hash), in scope.
    pub async fn cases_of_mobile(&self, mobile: &str, scope: &super::Scope) -> StoreResult<Vec<i64>> {
        let mut q = Sql::new("SELECT id FROM cases WHERE victim_mobile_idx = ");
        q.text(self.keys.index(mobile));
        if let super::Scope::Districts(ds) = scope {
            if ds.is_empty() {
                return Ok(Vec::new());
            }
            q.push(" AND district_id IN ").int_list(ds);
        }
        q.push(" ORDER BY id");
        Ok(q.query_as::<(i64,)>().fetch_all(self.pool()).await?.into_iter().map(|r| r.0).collect())
    }
}
