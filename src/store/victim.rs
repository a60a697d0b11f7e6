//! What victim self-service and counselling keep: the case's access code (encrypted, so staff
//! can reprint it), the short sessions a code opens, what the victim sends, and counselling
//! sessions with their encrypted notes.

use sqlx::Row;

use super::{Store, StoreError, StoreResult};

/// A message from the victim: more information, or a request to be called back.
#[derive(Clone, PartialEq, Eq)]
pub struct VictimRequest {
    pub id: i64,
    pub case_id: i64,
    /// `info` or `callback`.
    pub kind: String,
    pub body: String,
    pub created_at: i64,
    pub handled_by_name: Option<String>,
    pub handled_at: Option<i64>,
}

/// A victim's session: which case it opens, and its form token.
#[derive(Clone, PartialEq, Eq)]
pub struct VictimSession {
    pub case_id: i64,
    pub csrf: String,
}

// What the victim wrote, counselling notes and form tokens never reach a log through `Debug`.
impl std::fmt::Debug for VictimRequest {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("VictimRequest")
            .field("id", &self.id)
            .field("case_id", &self.case_id)
            .field("kind", &self.kind)
            .finish_non_exhaustive()
    }
}

impl std::fmt::Debug for VictimSession {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("VictimSession").field("case_id", &self.case_id).finish_non_exhaustive()
    }
}

impl std::fmt::Debug for CounsellingSession {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CounsellingSession")
            .field("id", &self.id)
            .field("case_id", &self.case_id)
            .finish_non_exhaustive()
    }
}

#[derive(Clone, PartialEq, Eq)]
pub struct CounsellingSession {
    pub id: i64,
    pub case_id: i64,
    pub counsellor_id: i64,
    pub counsellor_name: String,
    pub scheduled_at: i64,
    /// `in_person`, `phone` or `video`.
    pub mode: String,
    /// `planned`, `held` or `missed`.
    pub status: String,
    pub notes: Option<String>,
    pub risk_self_harm: bool,
    pub risk_threats: bool,
    pub risk_minor: bool,
    pub follow_up_at: Option<i64>,
    pub created_at: i64,
}

pub struct NewCounselling<'a> {
    pub counsellor_id: i64,
    pub scheduled_at: i64,
    pub mode: &'a str,
    pub status: &'a str,
    pub notes: Option<&'a str>,
    pub risk_self_harm: bool,
    pub risk_threats: bool,
    pub risk_minor: bool,
    pub follow_up_at: Option<i64>,
}

impl Store {
    /// The case's access code, decrypted; `None` if none was issued.
    pub async fn victim_code(&self, case_id: i64) -> StoreResult<Option<(String, i64)>> {
        let row: Option<(Option<String>, Option<i64>)> =
            sqlx::query_as("SELECT victim_code, victim_code_at FROM cases WHERE id = $1")
                .bind(case_id)
                .fetch_optional(self.pool())
                .await?;
        let Some((Some(stored), Some(at))) = row else { return Ok(None) };
        if stored.is_empty() {
            return Ok(None);
        }
        let code = self.keys().decrypt("victim_code", &stored).map_err(|e| StoreError::Crypto(e.to_string()))?;
        Ok(Some((code, at)))
    }

    /// Issues a new code (the old one stops working, and its sessions end).
    pub async fn set_victim_code(&self, case_id: i64, code: &str, at: i64) -> StoreResult<()> {
        let sealed = self.keys().encrypt("victim_code", code);
        let mut w = self.write().await?;
        sqlx::query("UPDATE cases SET victim_code = $1, victim_code_at = $2 WHERE id = $3")
            .bind(sealed)
            .bind(at)
            .bind(case_id)
            .execute(w.conn())
            .await?;
        sqlx::query("DELETE FROM victim_sessions WHERE case_id = $1").bind(case_id).execute(w.conn()).await?;
        w.commit().await
    }

    pub async fn create_victim_session(
        &self,
        token_hash: &str,
        case_id: i64,
        csrf: &str,
        now: i64,
        expires_at: i64,
    ) -> StoreResult<()> {
        let mut w = self.write().await?;
        sqlx::query("DELETE FROM victim_sessions WHERE expires_at < $1").bind(now).execute(w.conn()).await?;
        sqlx::query(
            "INSERT INTO victim_sessions (token_hash, case_id, csrf, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(token_hash)
        .bind(case_id)
        .bind(csrf)
        .bind(now)
        .bind(expires_at)
        .execute(w.conn())
        .await?;
        w.commit().await
    }

    pub async fn victim_session(&self, token_hash: &str, now: i64) -> StoreResult<Option<VictimSession>> {
        let row: Option<(i64, String)> =
            sqlx::query_as("SELECT case_id, csrf FROM victim_sessions WHERE token_hash = $1 AND expires_at > $2")
                .bind(token_hash)
                .bind(now)
                .fetch_optional(self.pool())
                .await?;
        Ok(row.map(|(case_id, csrf)| VictimSession { case_id, csrf }))
    }

    pub async fn delete_victim_session(&self, token_hash: &str) -> StoreResult<()> {
        let mut w = self.write().await?;
        sqlx::query("DELETE FROM victim_sessions WHERE token_hash = $1").bind(token_hash).execute(w.conn()).await?;
        w.commit().await
    }

    pub async fn add_victim_request(&self, case_id: i64, kind: &str, body: &str, at: i64) -> StoreResult<i64> {
        let sealed = self.keys().encrypt("victim_message", body);
        let mut w = self.write().await?;
        let (id,): (i64,) = sqlx::query_as(
            "INSERT INTO victim_requests (case_id, kind, victim_message, created_at) VALUES ($1, $2, $3, $4) RETURNING id",
        )
        .bind(case_id)
        .bind(kind)
        .bind(sealed)
        .bind(at)
        .fetch_one(w.conn())
        .await?;
        w.commit().await?;
        Ok(id)
    }

    /// The case's requests from the victim, newest first.
    pub async fn victim_requests(&self, case_id: i64) -> StoreResult<Vec<VictimRequest>> {
        let rows = sqlx::query(
            "SELECT r.id, r.case_id, r.kind, r.victim_message, r.created_at, u.display_name AS handled_by_name, r.handled_at
             FROM victim_requests r LEFT JOIN users u ON u.id = r.handled_by
             WHERE r.case_id = $1 ORDER BY r.id DESC",
        )
        .bind(case_id)
        .fetch_all(self.pool())
        .await?;
        rows.iter()
            .map(|r| {
                let body: String = r.try_get("victim_message")?;
                Ok(VictimRequest {
                    id: r.try_get("id")?,
                    case_id: r.try_get("case_id")?,
                    kind: r.try_get("kind")?,
                    body: if body.is_empty() {
                        body
                    } else {
                        self.keys().decrypt("victim_message", &body).map_err(|e| StoreError::Crypto(e.to_string()))?
                    },
                    created_at: r.try_get("created_at")?,
                    handled_by_name: r.try_get("handled_by_name")?,
                    handled_at: r.try_get("handled_at")?,
                })
            })
            .collect()
    }

    /// Marks a request of `case_id` handled; `NotFound` if it is not one of the case's.
    pub async fn handle_victim_request(&self, case_id: i64, id: i64, user_id: i64, at: i64) -> StoreResult<()> {
        let mut w = self.write().await?;
        let done = sqlx::query(
            "UPDATE victim_requests SET handled_by = $1, handled_at = $2
             WHERE id = $3 AND case_id = $4 AND handled_at IS NULL",
        )
        .bind(user_id)
        .bind(at)
        .bind(id)
        .bind(case_id)
        .execute(w.conn())
        .await?;
        if done.rows_affected() == 0 {
            return Err(StoreError::NotFound);
        }
        w.commit().await
    }

    pub async fn add_counselling(&self, case_id: i64, s: &NewCounselling<'_>, by: i64, at: i64) -> StoreResult<i64> {
        let notes = s.notes.map(|n| self.keys().encrypt("counselling_notes", n));
        let mut w = self.write().await?;
        let (id,): (i64,) = sqlx::query_as(
            "INSERT INTO counselling_sessions (case_id, counsellor_id, scheduled_at, mode, status, counselling_notes,
                 risk_self_harm, risk_threats, risk_minor, follow_up_at, created_by, created_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id",
        )
        .bind(case_id)
        .bind(s.counsellor_id)
        .bind(s.scheduled_at)
        .bind(s.mode)
        .bind(s.status)
        .bind(notes)
        .bind(i64::from(s.risk_self_harm))
        .bind(i64::from(s.risk_threats))
        .bind(i64::from(s.risk_minor))
        .bind(s.follow_up_at)
        .bind(by)
        .bind(at)
        .fetch_one(w.conn())
        .await?;
        w.commit().await?;
        Ok(id)
    }

    /// The case's counselling sessions, by time. Notes are decrypted.
    pub async fn counselling_sessions(&self, case_id: i64) -> StoreResult<Vec<CounsellingSession>> {
        let rows = sqlx::query(
            "SELECT s.id, s.case_id, s.counsellor_id, u.display_name AS counsellor_name, s.scheduled_at, s.mode,
                    s.status, s.counselling_notes, s.risk_self_harm, s.risk_threats, s.risk_minor, s.follow_up_at, s.created_at
             FROM counselling_sessions s JOIN users u ON u.id = s.counsellor_id
             WHERE s.case_id = $1 ORDER BY s.scheduled_at, s.id",
        )
        .bind(case_id)
        .fetch_all(self.pool())
        .await?;
        rows.iter()
            .map(|r| {
                let notes: Option<String> = r.try_get("counselling_notes")?;
                let notes = match notes.filter(|n| !n.is_empty()) {
                    Some(n) => Some(
                        self.keys().decrypt("counselling_notes", &n).map_err(|e| StoreError::Crypto(e.to_string()))?,
                    ),
                    None => None,
                };
                Ok(CounsellingSession {
                    id: r.try_get("id")?,
                    case_id: r.try_get("case_id")?,
                    counsellor_id: r.try_get("counsellor_id")?,
                    counsellor_name: r.try_get("counsellor_name")?,
                    scheduled_at: r.try_get("scheduled_at")?,
                    mode: r.try_get("mode")?,
                    status: r.try_get("status")?,
                    notes,
                    risk_self_harm: r.try_get::<i64, _>("risk_self_harm")? != 0,
                    risk_threats: r.try_get::<i64, _>("risk_threats")? != 0,
                    risk_minor: r.try_get::<i64, _>("risk_minor")? != 0,
                    follow_up_at: r.try_get("follow_up_at")?,
                    created_at: r.try_get("created_at")?,
                })
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_output_carries_no_message_note_or_token() {
        let r = VictimRequest {
            id: 1,
            case_id: 2,
            kind: "info".into(),
            body: "my account 50100911223344".into(),
            created_at: 0,
            handled_by_name: None,
            handled_at: None,
        };
        let s = VictimSession { case_id: 2, csrf: "secret-token".into() };
        let shown = format!("{r:?} {s:?}");
        assert!(!shown.contains("50100911223344") && !shown.contains("secret-token"), "{shown}");
        assert!(shown.contains("case_id: 2"));
    }
}
