//! The money trail of a case: each hop the money took (layer 0 is the victim's own debit), what
//! the banks put on hold, the restorations that brought it back, and spreadsheets from the
//! portal waiting for the worker's confirmation.

use sqlx::any::AnyRow;
use sqlx::{FromRow, Row};

use super::sql::{Param, Sql};
use super::{Scope, Store, StoreError, StoreResult};

/// One hop of the money trail (layer 0: the victim's own debit).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct TrailRow {
    pub id: i64,
    pub layer: i64,
    pub bank: Option<String>,
    pub from_account: Option<String>,
    pub to_account: Option<String>,
    pub ifsc: Option<String>,
    pub utr: Option<String>,
    pub at: Option<i64>,
    pub amount_paise: i64,
    pub disputed_paise: Option<i64>,
    /// `transferred`, `on_hold`, `atm`, `pos`, `aeps`, `cheque`, `wrong_txn` or `other`.
    pub action: String,
    pub hold_paise: Option<i64>,
    pub hold_at: Option<i64>,
    pub remarks: Option<String>,
    /// `manual` or `import`.
    pub source: String,
}

impl<'r> FromRow<'r, AnyRow> for TrailRow {
    fn from_row(r: &'r AnyRow) -> Result<Self, sqlx::Error> {
        Ok(TrailRow {
            id: r.try_get("id")?,
            layer: r.try_get("layer")?,
            bank: r.try_get("bank")?,
            from_account: r.try_get("from_account")?,
            to_account: r.try_get("to_account")?,
            ifsc: r.try_get("ifsc")?,
            utr: r.try_get("utr")?,
            at: r.try_get("at")?,
            amount_paise: r.try_get("amount_paise")?,
            disputed_paise: r.try_get("disputed_paise")?,
            action: r.try_get("action")?,
            hold_paise: r.try_get("hold_paise")?,
            hold_at: r.try_get("hold_at")?,
            remarks: r.try_get("remarks")?,
            source: r.try_get("source")?,
        })
    }
}

#[derive(Debug, Clone, PartialEq, Eq, FromRow)]
pub struct Restoration {
    pub id: i64,
    pub route: String,
    pub status: String,
    pub amount_paise: i64,
    pub restored_paise: i64,
    pub note: Option<String>,
    pub updated_at: i64,
}

/// Money per case: reported lost, put on hold, restored (kept apart: blocked is not returned).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, FromRow)]
pub struct MoneyTotals {
    pub reported_paise: i64,
    pub held_paise: i64,
    pub restored_paise: i64,
}

const TRAIL_COLUMNS: &str =
    "id, layer, bank, from_account, to_account, ifsc, utr, at, amount_paise, disputed_paise, action,
    hold_paise, hold_at, remarks, source";

impl Store {
    pub async fn add_trail_rows(
        &self,
        case_id: i64,
        rows: &[TrailRow],
        actor: i64,
        at: i64,
        event_body: &str,
    ) -> StoreResult<()> {
        let mut w = self.write().await?;
        for t in rows {
            let mut sql = Sql::new(
                "INSERT INTO money_trail (case_id, layer, bank, from_account, to_account, ifsc, utr, at, amount_paise,
                   disputed_paise, action, hold_paise, hold_at, remarks, source, created_by, created_at) VALUES (",
            );
            let params = [
                Param::Int(Some(case_id)),
                Param::Int(Some(t.layer)),
                Param::Text(t.bank.clone()),
                Param::Text(t.from_account.as_deref().map(|a| self.keys().encrypt("from_account", a))),
                Param::Text(t.to_account.as_deref().map(|a| self.keys().encrypt("to_account", a))),
                Param::Text(t.ifsc.clone()),
                Param::Text(t.utr.clone()),
                Param::Int(t.at),
                Param::Int(Some(t.amount_paise)),
                Param::Int(t.disputed_paise),
                Param::Text(Some(t.action.clone())),
                Param::Int(t.hold_paise),
                Param::Int(t.hold_at),
                Param::Text(t.remarks.clone()),
                Param::Text(Some(t.source.clone())),
                Param::Int(Some(actor)),
                Param::Int(Some(at)),
            ];
            for (i, p) in params.into_iter().enumerate() {
                if i > 0 {
                    sql.push(", ");
                }
                sql.bind(p);
            }
            sql.push(")");
            sql.query().execute(w.conn()).await?;
        }
        super::timeline::touch_and_append(&mut w, case_id, actor, at, "trail", event_body).await?;
        w.commit().await
    }

    pub async fn trail(&self, case_id: i64) -> StoreResult<Vec<TrailRow>> {
        let sql = format!("SELECT {TRAIL_COLUMNS} FROM money_trail WHERE case_id = $1 ORDER BY layer, at, id");
        let rows: Vec<TrailRow> = sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(case_id).fetch_all(self.pool()).await?;
        let clear = |col: &str, v: Option<String>| {
            v.map(|v| self.keys().decrypt(col, &v)).transpose().map_err(|e| StoreError::Crypto(e.to_string()))
        };
        rows.into_iter()
            .map(|mut t| {
                t.from_account = clear("from_account", t.from_account.take())?;
                t.to_account = clear("to_account", t.to_account.take())?;
                Ok(t)
            })
            .collect()
    }

    pub async fn delete_trail_row(&self, case_id: i64, row_id: i64, actor: i64, at: i64) -> StoreResult<()> {
        let mut w = self.write().await?;
        let changed = sqlx::query("DELETE FROM money_trail WHERE id = $1 AND case_id = $2")
            .bind(row_id)
            .bind(case_id)
            .execute(w.conn())
            .await?
            .rows_affected();
        if changed == 0 {
            return Err(StoreError::NotFound);
        }
        // A debit's own answers go with it.
        sqlx::query("DELETE FROM payment_facts WHERE case_id = $1 AND debit_key = $2")
            .bind(case_id)
            .bind(row_id)
            .execute(w.conn())
            .await?;
        super::timeline::touch_and_append(&mut w, case_id, actor, at, "trail_removed", &row_id.to_string()).await?;
        w.commit().await
    }

    pub async fn save_restoration(&self, case_id: i64, r: &Restoration, actor: i64, at: i64) -> StoreResult<()> {
        let mut w = self.write().await?;
        if r.id == 0 {
            sqlx::query(
                "INSERT INTO restorations (case_id, route, status, amount_paise, restored_paise, note, updated_by, updated_at)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
            )
            .bind(case_id)
            .bind(&r.route)
            .bind(&r.status)
            .bind(r.amount_paise)
            .bind(r.restored_paise)
            .bind(&r.note)
            .bind(actor)
            .bind(at)
            .execute(w.conn())
            .await?;
        } else {
            let changed = sqlx::query(
                "UPDATE restorations SET route = $1, status = $2, amount_paise = $3, restored_paise = $4, note = $5,
                   updated_by = $6, updated_at = $7 WHERE id = $8 AND case_id = $9",
            )
            .bind(&r.route)
            .bind(&r.status)
            .bind(r.amount_paise)
            .bind(r.restored_paise)
            .bind(&r.note)
            .bind(actor)
            .bind(at)
            .bind(r.id)
            .bind(case_id)
            .execute(w.conn())
            .await?
            .rows_affected();
            if changed == 0 {
                return Err(StoreError::NotFound);
            }
        }
        super::timeline::touch_and_append(
            &mut w,
            case_id,
            actor,
            at,
            "restoration",
            &format!("{} {}", r.route, r.status),
        )
        .await?;
        w.commit().await
    }

    pub async fn restorations(&self, case_id: i64) -> StoreResult<Vec<Restoration>> {
        Ok(sqlx::query_as(
            "SELECT id, route, status, amount_paise, restored_paise, note, updated_at FROM restorations
             WHERE case_id = $1 ORDER BY id",
        )
        .bind(case_id)
        .fetch_all(self.pool())
        .await?)
    }

    /// Reported, held and restored money over a set of cases (`None`: within a scope).
    pub async fn money_totals(&self, cases: Option<&[i64]>, scope: &Scope) -> StoreResult<MoneyTotals> {
        let filter = |sql: &mut Sql, col: &str| {
            if let Some(ids) = cases {
                sql.push(" AND ").push(col).push(" IN ").int_list(ids);
            }
            if let Scope::Districts(d) = scope {
                sql.push(" AND c.district_id IN ").int_list(d);
            }
        };
        if matches!(cases, Some(ids) if ids.is_empty()) || matches!(scope, Scope::Districts(d) if d.is_empty()) {
            return Ok(MoneyTotals::default());
        }
        let mut sql = Sql::new("SELECT CAST(COALESCE(SUM(c.amount_lost_paise), 0) AS BIGINT) FROM cases c WHERE 1 = 1");
        filter(&mut sql, "c.id");
        self.counted(1);
        let reported: i64 = sql.query_as::<(i64,)>().fetch_one(&self.pool).await?.0;
        let mut sql = Sql::new(
            "SELECT CAST(COALESCE(SUM(t.hold_paise), 0) AS BIGINT) FROM money_trail t JOIN cases c ON c.id = t.case_id
             WHERE t.action = 'on_hold'",
        );
        filter(&mut sql, "t.case_id");
        self.counted(1);
        let held: i64 = sql.query_as::<(i64,)>().fetch_one(&self.pool).await?.0;
        let mut sql = Sql::new(
            "SELECT CAST(COALESCE(SUM(r.restored_paise), 0) AS BIGINT) FROM restorations r JOIN cases c ON c.id = r.case_id
             WHERE 1 = 1",
        );
        filter(&mut sql, "r.case_id");
        self.counted(1);
        let restored: i64 = sql.query_as::<(i64,)>().fetch_one(&self.pool).await?.0;
        Ok(MoneyTotals { reported_paise: reported, held_paise: held, restored_paise: restored })
    }

    /// Keeps a parsed spreadsheet until the worker confirms it; returns its id.
    pub async fn stash_import(&self, case_id: i64, rows_json: &str, actor: i64, at: i64) -> StoreResult<i64> {
        let mut w = self.write().await?;
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO trail_imports (case_id, rows_json, created_by, created_at) VALUES ($1, $2, $3, $4) RETURNING id",
        )
        .bind(case_id)
        .bind(rows_json)
        .bind(actor)
        .bind(at)
        .fetch_one(w.conn())
        .await?;
        w.commit().await?;
        Ok(id)
    }

    /// Takes a stashed import (it can be confirmed only once).
    pub async fn take_import(&self, case_id: i64, import_id: i64) -> StoreResult<String> {
        let mut w = self.write().await?;
        let json: Option<String> =
            sqlx::query_scalar("SELECT rows_json FROM trail_imports WHERE id = $1 AND case_id = $2")
                .bind(import_id)
                .bind(case_id)
                .fetch_optional(w.conn())
                .await?;
        let json = json.ok_or(StoreError::NotFound)?;
        sqlx::query("DELETE FROM trail_imports WHERE id = $1").bind(import_id).execute(w.conn()).await?;
        w.commit().await?;
        Ok(json)
    }
}
