//! Consent per purpose, as a history: the latest entry of a purpose is what holds.

use sqlx::FromRow;

use super::{Store, StoreResult};

#[derive(Debug, Clone, PartialEq, Eq, FromRow)]
pub struct ConsentRow {
    pub purpose: String,
    pub given: i64,
    /// `victim` or `guardian`.
    pub given_by: String,
    pub guardian_name: Option<String>,
    pub note: Option<String>,
    pub recorded_by_name: Option<String>,
    pub recorded_at: i64,
}

pub struct NewConsent<'a> {
    pub purpose: &'a str,
    pub given: bool,
    pub given_by: &'a str,
    pub guardian_name: Option<&'a str>,
    pub note: Option<&'a str>,
}

impl Store {
    pub async fn record_consent(&self, case_id: i64, c: &NewConsent<'_>, actor: i64, at: i64) -> StoreResult<()> {
        let mut w = self.write().await?;
        sqlx::query(
            "INSERT INTO consents (case_id, purpose, given, given_by, guardian_name, note, recorded_by, recorded_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        )
        .bind(case_id)
        .bind(c.purpose)
        .bind(i64::from(c.given))
        .bind(c.given_by)
        .bind(c.guardian_name)
        .bind(c.note)
        .bind(actor)
        .bind(at)
        .execute(w.conn())
        .await?;
        let body = format!("{}:{}", c.purpose, if c.given { "given" } else { "withdrawn" });
        super::timeline::touch_and_append(&mut w, case_id, actor, at, "consent", &body).await?;
        w.commit().await
    }

    /// The latest consent entry of each purpose recorded on a case.
    pub async fn consents(&self, case_id: i64) -> StoreResult<Vec<ConsentRow>> {
        Ok(sqlx::query_as(
            "SELECT c.purpose, c.given, c.given_by, c.guardian_name, c.note, u.display_name AS recorded_by_name, c.recorded_at
             FROM consents c LEFT JOIN users u ON u.id = c.recorded_by
             WHERE c.case_id = $1 AND c.id = (SELECT MAX(id) FROM consents x WHERE x.case_id = c.case_id AND x.purpose = c.purpose)
             ORDER BY c.purpose",
        )
        .bind(case_id)
        .fetch_all(self.pool())
        .await?)
    }
}
