//! Actions taken on a case, its tasks, and the work queue.

use sqlx::{FromRow, Row};

use super::cases::{CaseSummary, SUMMARY_COLUMNS};
use super::sql::Sql;
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
