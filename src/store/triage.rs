//! Actions taken on a case, its tasks, its money trail, and the work queue.

use sqlx::any::AnyRow;
use sqlx::{FromRow, Row};

use super::cases::{CaseSummary, SUMMARY_COLUMNS};
use super::sql::{Param, Sql};
use super::{Scope, Store, StoreError, StoreResult};

/// An action taken on a case (a 1930 call, a bank block, a portal filing, ...).
#[derive(Debug, Clone, PartialEq, Eq, FromRow)]
pub struct CaseAction {
    pub action: String,
    pub done_at: i64,
    pub reference: Option<String>,
    pub note: Option<String>,
    pub recorded_by: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, FromRow)]
pub struct Task {
    pub id: i64,
    pub case_id: i64,
    pub plan_id: Option<String>,
    pub step_id: Option<String>,
    pub title: Option<String>,
    pub owner_id: Option<i64>,
    pub owner_name: Option<String>,
    pub due_at: Option<i64>,
    pub done_at: Option<i64>,
}

pub struct NewTask {
    pub plan_id: Option<String>,
    pub step_id: Option<String>,
    pub title: Option<String>,
    pub owner_id: Option<i64>,
    pub due_at: Option<i64>,
}

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

/// The queue's ordering columns of a case (see `triage::rank`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Urgency {
    pub urgent: bool,
    pub next_due_at: Option<i64>,
    /// The sort key, smallest first.
    pub rank: i64,
    /// When the rank goes stale by itself.
    pub until: Option<i64>,
}

/// A line of the work queue.
#[derive(Debug, Clone)]
pub struct QueueItem {
    pub case: CaseSummary,
    pub urgent: bool,
    pub next_due_at: Option<i64>,
    pub money_left_at: Option<i64>,
    /// Its place in the queue (`triage::rank`).
    pub queue_rank: i64,
}

const TRAIL_COLUMNS: &str =
    "id, layer, bank, from_account, to_account, ifsc, utr, at, amount_paise, disputed_paise, action,
    hold_paise, hold_at, remarks, source";

impl Store {
    /// Records an action (or corrects its time and reference if it was recorded before).
    pub async fn record_action(&self, case_id: i64, a: &CaseAction, at: i64, event_body: &str) -> StoreResult<()> {
        let mut w = self.write().await?;
        sqlx::query(
            "INSERT INTO case_actions (case_id, action, done_at, reference, note, recorded_by, recorded_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7)
             ON CONFLICT (case_id, action) DO UPDATE SET done_at = excluded.done_at, reference = excluded.reference,
               note = excluded.note, recorded_by = excluded.recorded_by, recorded_at = excluded.recorded_at",
        )
        .bind(case_id)
        .bind(&a.action)
        .bind(a.done_at)
        .bind(&a.reference)
        .bind(&a.note)
        .bind(a.recorded_by)
        .bind(at)
        .execute(w.conn())
        .await?;
        super::timeline::touch_and_append(&mut w, case_id, a.recorded_by, at, "action", event_body).await?;
        w.commit().await
    }

    pub async fn case_actions(&self, case_id: i64) -> StoreResult<Vec<CaseAction>> {
        Ok(sqlx::query_as(
            "SELECT action, done_at, reference, note, recorded_by FROM case_actions WHERE case_id = $1 ORDER BY done_at",
        )
        .bind(case_id)
        .fetch_all(self.pool())
        .await?)
    }

    /// Keeps the queue's ordering columns in step with the case's deadlines and tasks.
    pub async fn set_urgency(&self, case_id: i64, u: &Urgency) -> StoreResult<()> {
        let mut w = self.write().await?;
        set_urgency_in(&mut w, case_id, u).await?;
        w.commit().await
    }

    /// Open cases whose queue rank went stale by `now`, the stalest first.
    pub async fn stale_ranks(&self, now: i64, limit: i64) -> StoreResult<Vec<i64>> {
        Ok(sqlx::query_scalar(
            "SELECT id FROM cases WHERE status <> 'closed' AND rank_until <= $1 ORDER BY rank_until LIMIT $2",
        )
        .bind(now)
        .bind(limit)
        .fetch_all(self.pool())
        .await?)
    }

    /// Adds tasks to a case in one transaction, with a timeline entry.
    pub async fn add_tasks(
        &self,
        case_id: i64,
        tasks: &[NewTask],
        actor: i64,
        at: i64,
        event_body: &str,
    ) -> StoreResult<()> {
        let mut w = self.write().await?;
        for t in tasks {
            insert_task(&mut w, case_id, t, at).await?;
        }
        super::timeline::touch_and_append(&mut w, case_id, actor, at, "tasks", event_body).await?;
        w.commit().await
    }

    pub async fn case_tasks(&self, case_id: i64) -> StoreResult<Vec<Task>> {
        self.counted(1);
        let mut conn = self.pool.acquire().await?;
        tasks_on(&mut conn, case_id).await
    }

    /// Marks a task done (or not done again, with `done = false`).
    pub async fn set_task_done(&self, case_id: i64, task_id: i64, done: bool, actor: i64, at: i64) -> StoreResult<()> {
        let mut w = self.write().await?;
        let changed = sqlx::query("UPDATE case_tasks SET done_at = $1, done_by = $2 WHERE id = $3 AND case_id = $4")
            .bind(done.then_some(at))
            .bind(done.then_some(actor))
            .bind(task_id)
            .bind(case_id)
            .execute(w.conn())
            .await?
            .rows_affected();
        if changed == 0 {
            return Err(StoreError::NotFound);
        }
        w.commit().await
    }

    /// Open tasks of a user across cases, soonest first (their reminders).
    pub async fn open_tasks_of(&self, user_id: i64, limit: i64) -> StoreResult<Vec<(Task, String)>> {
        let rows = sqlx::query(
            "SELECT t.id, t.case_id, t.plan_id, t.step_id, t.title, t.owner_id, NULL AS owner_name, t.due_at, t.done_at,
                    c.reference
             FROM case_tasks t JOIN cases c ON c.id = t.case_id
             WHERE t.owner_id = $1 AND t.done_at IS NULL AND c.status <> 'closed'
             ORDER BY t.due_at IS NULL, t.due_at LIMIT $2",
        )
        .bind(user_id)
        .bind(limit)
        .fetch_all(self.pool())
        .await?;
        rows.iter()
            .map(|r| Ok((Task::from_row(r)?, r.try_get("reference")?)))
            .collect::<Result<_, sqlx::Error>>()
            .map_err(StoreError::Db)
    }

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

    /// The work queue: open cases within scope in the order `triage::rank` gave them. Each
    /// district is read from its own index range and the ranges merged.
    pub async fn queue(&self, scope: &Scope, assignee: Option<i64>, limit: i64) -> StoreResult<Vec<QueueItem>> {
        let branch = |sql: &mut Sql, district: Option<i64>| {
            sql.push("SELECT ");
            sql.push(SUMMARY_COLUMNS).push(", c.urgent, c.next_due_at, c.money_left_at, c.queue_rank");
            sql.push(" FROM cases c LEFT JOIN users a ON a.id = c.assignee_id WHERE c.status <> 'closed'");
            if let Some(d) = district {
                sql.push(" AND c.district_id = ").int(d);
            }
            if let Some(u) = assignee {
                sql.push(" AND c.assignee_id = ").int(u);
            }
            sql.push(" ORDER BY c.queue_rank, c.id LIMIT ").int(limit);
        };
        let districts: Vec<Option<i64>> = match scope {
            Scope::All => vec![None],
            Scope::Districts(d) => d.iter().copied().map(Some).collect(),
        };
        if districts.is_empty() {
            return Ok(Vec::new());
        }
        let mut sql = Sql::new("");
        if districts.len() == 1 {
            branch(&mut sql, districts[0]);
        } else {
            sql.push("SELECT * FROM (");
            for (i, d) in districts.iter().enumerate() {
                if i > 0 {
                    sql.push(" UNION ALL ");
                }
                sql.push("SELECT * FROM (");
                branch(&mut sql, *d);
                sql.push(&format!(") AS q{i}"));
            }
            sql.push(") AS u ORDER BY u.queue_rank, u.id LIMIT ").int(limit);
        }
        self.counted(1);
        let rows = sql.query().fetch_all(&self.pool).await?;
        rows.iter()
            .map(|r| {
                let due: i64 = r.try_get("next_due_at")?;
                Ok(QueueItem {
                    case: CaseSummary::from_row(r)?,
                    urgent: r.try_get::<i64, _>("urgent")? != 0,
                    next_due_at: (due < NOTHING_DUE).then_some(due),
                    money_left_at: r.try_get("money_left_at")?,
                    queue_rank: r.try_get("queue_rank")?,
                })
            })
            .collect::<Result<_, sqlx::Error>>()
            .map_err(StoreError::Db)
    }
}

/// `next_due_at` when nothing is due: far in the future, so such cases sort last.
pub const NOTHING_DUE: i64 = 9_000_000_000_000_000;

impl Store {
    /// The first active staff member with `role` in a district (who gets a plan's steps for
    /// that role), if any.
    pub async fn first_staff_with_role(
        &self,
        district_id: i64,
        role: sahayak_domain::access::Role,
    ) -> StoreResult<Option<i64>> {
        Ok(sqlx::query_scalar(
            "SELECT u.id FROM users u JOIN user_districts ud ON ud.user_id = u.id
             WHERE ud.district_id = $1 AND u.role = $2 AND u.active = 1 ORDER BY u.id LIMIT 1",
        )
        .bind(district_id)
        .bind(role.code())
        .fetch_optional(self.pool())
        .await?)
    }

    /// Swaps the case's open plan tasks for `tasks` (tasks already done stay), with a
    /// timeline entry naming the plan.
    pub async fn replace_plan_tasks(
        &self,
        case_id: i64,
        tasks: &[NewTask],
        actor: i64,
        at: i64,
        plan_id: &str,
    ) -> StoreResult<()> {
        let mut w = self.write().await?;
        sqlx::query("DELETE FROM case_tasks WHERE case_id = $1 AND done_at IS NULL AND plan_id IS NOT NULL")
            .bind(case_id)
            .execute(w.conn())
            .await?;
        for t in tasks {
            insert_task(&mut w, case_id, t, at).await?;
        }
        super::timeline::touch_and_append(&mut w, case_id, actor, at, "tasks", plan_id).await?;
        w.commit().await
    }
}

pub(crate) async fn insert_task(w: &mut super::WriteTx, case_id: i64, t: &NewTask, at: i64) -> StoreResult<()> {
    sqlx::query(
        "INSERT INTO case_tasks (case_id, plan_id, step_id, title, owner_id, due_at, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(case_id)
    .bind(&t.plan_id)
    .bind(&t.step_id)
    .bind(&t.title)
    .bind(t.owner_id)
    .bind(t.due_at)
    .bind(at)
    .execute(w.conn())
    .await?;
    Ok(())
}

/// The case's tasks as `conn` sees them (inside a write, before it commits).
pub(super) async fn tasks_on(conn: &mut sqlx::AnyConnection, case_id: i64) -> StoreResult<Vec<Task>> {
    Ok(sqlx::query_as(
        "SELECT t.id, t.case_id, t.plan_id, t.step_id, t.title, t.owner_id, u.display_name AS owner_name, t.due_at, t.done_at
         FROM case_tasks t LEFT JOIN users u ON u.id = t.owner_id WHERE t.case_id = $1 ORDER BY t.id",
    )
    .bind(case_id)
    .fetch_all(conn)
    .await?)
}

/// Sets the queue's ordering columns inside the write `w`.
pub(super) async fn set_urgency_in(w: &mut super::WriteTx, case_id: i64, u: &Urgency) -> StoreResult<()> {
    sqlx::query("UPDATE cases SET urgent = $1, next_due_at = $2, queue_rank = $3, rank_until = $4 WHERE id = $5")
        .bind(i64::from(u.urgent))
        .bind(u.next_due_at.unwrap_or(NOTHING_DUE))
        .bind(u.rank)
        .bind(u.until)
        .bind(case_id)
        .execute(w.conn())
        .await?;
    Ok(())
}
