//! Follow-up calls after closure: scheduled with the closure, each with its reminder task.

use sqlx::Row;

use super::{Store, StoreError, StoreResult, WriteTx};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FollowUp {
    pub id: i64,
    pub case_id: i64,
    pub due_at: i64,
    pub done_at: Option<i64>,
    pub reached: Option<bool>,
    pub outcome: Option<String>,
    pub score: Option<i64>,
    pub done_by_name: Option<String>,
}

/// Inside the closing transaction: a reminder task and the follow-up it stands for.
pub(super) async fn schedule(w: &mut WriteTx, case_id: i64, due_at: i64, title: &str, at: i64) -> StoreResult<()> {
    let (task,): (i64,) = sqlx::query_as(
        "INSERT INTO case_tasks (case_id, title, due_at, created_at) VALUES ($1, $2, $3, $4) RETURNING id",
    )
    .bind(case_id)
    .bind(title)
    .bind(due_at)
    .bind(at)
    .fetch_one(w.conn())
    .await?;
    sqlx::query("INSERT INTO follow_ups (case_id, task_id, due_at, created_at) VALUES ($1, $2, $3, $4)")
        .bind(case_id)
        .bind(task)
        .bind(due_at)
        .bind(at)
        .execute(w.conn())
        .await?;
    Ok(())
}

/// What a follow-up call found.
pub struct FollowUpCall<'a> {
    pub reached: bool,
    pub outcome: Option<&'a str>,
    /// 1 to 5.
    pub score: Option<i64>,
}

impl Store {
    pub async fn follow_ups(&self, case_id: i64) -> StoreResult<Vec<FollowUp>> {
        let rows = sqlx::query(
            "SELECT f.id, f.case_id, f.due_at, f.done_at, f.reached, f.outcome, f.score, u.display_name AS done_by_name
             FROM follow_ups f LEFT JOIN users u ON u.id = f.done_by WHERE f.case_id = $1 ORDER BY f.due_at, f.id",
        )
        .bind(case_id)
        .fetch_all(self.pool())
        .await?;
        rows.iter()
            .map(|r| {
                Ok(FollowUp {
                    id: r.try_get("id")?,
                    case_id: r.try_get("case_id")?,
                    due_at: r.try_get("due_at")?,
                    done_at: r.try_get("done_at")?,
                    reached: r.try_get::<Option<i64>, _>("reached")?.map(|v| v != 0),
                    outcome: r.try_get("outcome")?,
                    score: r.try_get("score")?,
                    done_by_name: r.try_get("done_by_name")?,
                })
            })
            .collect::<Result<_, sqlx::Error>>()
            .map_err(StoreError::from)
    }

    /// Records a follow-up call and ticks off its task; `NotFound` unless it is an open
    /// follow-up of `case_id`.
    pub async fn record_follow_up(
        &self,
        case_id: i64,
        id: i64,
        call: &FollowUpCall<'_>,
        by: i64,
        at: i64,
    ) -> StoreResult<()> {
        let mut w = self.write().await?;
        let task: Option<(Option<i64>,)> =
            sqlx::query_as("SELECT task_id FROM follow_ups WHERE id = $1 AND case_id = $2 AND done_at IS NULL")
                .bind(id)
                .bind(case_id)
                .fetch_optional(w.conn())
                .await?;
        let Some((task,)) = task else { return Err(StoreError::NotFound) };
        sqlx::query(
            "UPDATE follow_ups SET done_at = $1, reached = $2, outcome = $3, score = $4, done_by = $5 WHERE id = $6",
        )
        .bind(at)
        .bind(i64::from(call.reached))
        .bind(call.outcome)
        .bind(call.score)
        .bind(by)
        .bind(id)
        .execute(w.conn())
        .await?;
        if let Some(task) = task {
            sqlx::query("UPDATE case_tasks SET done_at = $1 WHERE id = $2 AND done_at IS NULL")
                .bind(at)
                .bind(task)
                .execute(w.conn())
                .await?;
        }
        w.commit().await
    }
}
