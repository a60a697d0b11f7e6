//! What the desk asked about each debit (who made it, OTP shared, account type, the bank's
//! SMS time, when the bank was told) and whether the victim had RBI compensation before.

use sqlx::any::AnyRow;
use sqlx::{FromRow, Row};

use super::{Store, StoreResult};

/// The key of the case's own answers (every debit without a row of its own).
pub const CASE_ANSWERS: i64 = 0;

/// One set of answers; `None` everywhere means "not known yet".
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PaymentFacts {
    /// [`CASE_ANSWERS`], or the id of a layer-0 trail row.
    pub debit_key: i64,
    /// `someone_else`, `victim_tricked`, `victim_coerced` or `not_sure`.
    pub payer: Option<String>,
    pub credentials_shared: Option<bool>,
    /// `bsbd`, `savings`, `current_small`, `current_other`, `credit_card_small`,
    /// `credit_card_large` or `wallet`.
    pub account: Option<String>,
    pub cross_border: Option<bool>,
    pub bank_alert_at: Option<i64>,
    pub reported_to_bank_at: Option<i64>,
    /// Only on the case's answers.
    pub compensated_before: Option<bool>,
    pub updated_by: i64,
    pub updated_at: i64,
}

fn flag(r: &AnyRow, col: &str) -> Result<Option<bool>, sqlx::Error> {
    Ok(r.try_get::<Option<i64>, _>(col)?.map(|v| v != 0))
}

impl<'r> FromRow<'r, AnyRow> for PaymentFacts {
    fn from_row(r: &'r AnyRow) -> Result<Self, sqlx::Error> {
        Ok(PaymentFacts {
            debit_key: r.try_get("debit_key")?,
            payer: r.try_get("payer")?,
            credentials_shared: flag(r, "credentials_shared")?,
            account: r.try_get("account")?,
            cross_border: flag(r, "cross_border")?,
            bank_alert_at: r.try_get("bank_alert_at")?,
            reported_to_bank_at: r.try_get("reported_to_bank_at")?,
            compensated_before: flag(r, "compensated_before")?,
            updated_by: r.try_get("updated_by")?,
            updated_at: r.try_get("updated_at")?,
        })
    }
}

impl Store {
    /// Every set of answers recorded on a case, the case's own first.
    pub async fn payment_facts(&self, case_id: i64) -> StoreResult<Vec<PaymentFacts>> {
        Ok(sqlx::query_as(
            "SELECT debit_key, payer, credentials_shared, account, cross_border, bank_alert_at, reported_to_bank_at,
                    compensated_before, updated_by, updated_at
             FROM payment_facts WHERE case_id = $1 ORDER BY debit_key",
        )
        .bind(case_id)
        .fetch_all(self.pool())
        .await?)
    }

    /// Replaces one set of answers, with a timeline event, in one transaction.
    pub async fn save_payment_facts(&self, case_id: i64, f: &PaymentFacts, event_body: &str) -> StoreResult<()> {
        let mut w = self.write().await?;
        let bit = |v: Option<bool>| v.map(i64::from);
        sqlx::query(
            "INSERT INTO payment_facts (case_id, debit_key, payer, credentials_shared, account, cross_border,
                bank_alert_at, reported_to_bank_at, compensated_before, updated_by, updated_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
             ON CONFLICT (case_id, debit_key) DO UPDATE SET payer = excluded.payer,
               credentials_shared = excluded.credentials_shared, account = excluded.account,
               cross_border = excluded.cross_border, bank_alert_at = excluded.bank_alert_at,
               reported_to_bank_at = excluded.reported_to_bank_at, compensated_before = excluded.compensated_before,
               updated_by = excluded.updated_by, updated_at = excluded.updated_at",
        )
        .bind(case_id)
        .bind(f.debit_key)
        .bind(&f.payer)
        .bind(bit(f.credentials_shared))
        .bind(&f.account)
        .bind(bit(f.cross_border))
        .bind(f.bank_alert_at)
        .bind(f.reported_to_bank_at)
        .bind(bit(f.compensated_before))
        .bind(f.updated_by)
        .bind(f.updated_at)
        .execute(w.conn())
        .await?;
        super::timeline::touch_and_append(&mut w, case_id, f.updated_by, f.updated_at, "payment_facts", event_body)
            .await?;
        w.commit().await
    }
}
