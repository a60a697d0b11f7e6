//! The dashboards' figures: monthly figures per district kept in `dash_month` (recomputed
//! from the source tables for the months that changed), and the few figures that depend on
//! the present moment (open cases by age, what is overdue now), read live.
//!
//! Months are IST calendar months of intake, written `YYYY-MM`. Every monthly figure is about
//! the cases registered in that month (a cohort): the money they lost, how soon they reached
//! the centre, how long their portal filing and referral took.

use std::collections::BTreeSet;

use chrono::{Datelike, NaiveDate, TimeZone};
use sqlx::Row;

use super::sql::Sql;
use super::{Backend, Scope, Store, StoreResult};

/// 5 h 30 min: IST days and months start this long before UTC ones end.
const IST_OFFSET_MS: i64 = 19_800_000;
const DAY_MS: i64 = 86_400_000;
const HOUR_MS: i64 = 3_600_000;
/// PostgreSQL advisory lock key of the recomputation ("DASH").
const PG_REFRESH_LOCK: i64 = 0x4441_5348;

/// A calendar month in IST.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Month {
    pub year: i32,
    /// 1 to 12.
    pub month: u32,
}

impl Month {
    /// Reads `YYYY-MM`.
    pub fn parse(s: &str) -> Option<Month> {
        let (y, m) = s.trim().split_once('-')?;
        if y.len() != 4 || m.len() != 2 {
            return None;
        }
        let (year, month) = (y.parse().ok()?, m.parse().ok()?);
        (matches!(year, 2000..=2100) && (1..=12).contains(&month)).then_some(Month { year, month })
    }

    /// The month an instant falls in, in IST.
    pub fn of_millis(ms: i64) -> Month {
        Month::of_day((ms + IST_OFFSET_MS).div_euclid(DAY_MS))
    }

    /// The IST day number (days since 1970-01-01 IST) of an instant.
    pub fn day_of_millis(ms: i64) -> i64 {
        (ms + IST_OFFSET_MS).div_euclid(DAY_MS)
    }

    /// The month of an IST day number (days since 1970-01-01 IST).
    pub fn of_day(day: i64) -> Month {
        let date = NaiveDate::from_ymd_opt(1970, 1, 1).expect("valid date") + chrono::Days::new(day.max(0) as u64);
        Month { year: date.year(), month: date.month() }
    }

    pub fn next(self) -> Month {
        if self.month == 12 { Month { year: self.year + 1, month: 1 } } else { Month { month: self.month + 1, ..self } }
    }

    pub fn prev(self) -> Month {
        if self.month == 1 { Month { year: self.year - 1, month: 12 } } else { Month { month: self.month - 1, ..self } }
    }

    /// The first instant of the month (IST midnight of the 1st), in epoch milliseconds.
    pub fn start_ms(self) -> i64 {
        let date = NaiveDate::from_ymd_opt(self.year, self.month, 1).expect("valid month");
        let midnight = date.and_hms_opt(0, 0, 0).expect("valid time");
        sahayak_domain::time::ist().from_local_datetime(&midnight).single().expect("IST has no gaps").timestamp_millis()
    }

    pub fn end_ms(self) -> i64 {
        self.next().start_ms()
    }

    /// The months from `self` to `to`, both included.
    pub fn through(self, to: Month) -> Vec<Month> {
        let mut out = Vec::new();
        let mut m = self;
        while m <= to {
            out.push(m);
            m = m.next();
        }
        out
    }
}

impl std::fmt::Display for Month {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:04}-{:02}", self.year, self.month)
    }
}

/// One stored figure: `metric` (`category`, `scam`, `channel`, `hour`, `cases`, `money`,
/// `golden`, `portal`, `referral`, `tasks`, `open_due`), its `key` within the metric, its
/// month, its value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Figure {
    pub metric: String,
    pub key: String,
    pub month: String,
    pub value: i64,
}

/// Open cases by status and age (`d7`: up to 7 days, `d30`, `d90`, `older`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpenCount {
    pub status: String,
    pub age: String,
    pub count: i64,
}

/// The delay buckets for portal filing and referral: done before intake, within an hour,
/// a day, a week, later.
fn delay_bucket(delay: &str) -> String {
    format!(
        "CASE WHEN {delay} < 0 THEN 'before' WHEN {delay} <= {HOUR_MS} THEN 'h1' WHEN {delay} <= {DAY_MS} THEN 'd1' \
         WHEN {delay} <= {} THEN 'd7' ELSE 'later' END",
        7 * DAY_MS
    )
}

/// The cases of one district's month: `$1` district, `$3` start, `$4` end.
const COHORT: &str = "district_id = $1 AND created_at >= $3 AND created_at < $4";
const COHORT_C: &str = "c.district_id = $1 AND c.created_at >= $3 AND c.created_at < $4";

/// A money case: money left the victim's account (asked at the desk), or, for cases recorded
/// before that question existed, an amount was reported lost. The golden hour runs from when
/// the money left (else from the incident) to the intake.
const MONEY_CASE: &str = "(money_left = 'yes' OR (money_left IS NULL AND amount_lost_paise > 0))";
const MONEY_LEFT_TIME: &str = "COALESCE(money_left_at, incident_at)";

/// The figures of one district's month, as rows of (metric, key, value). Joins read the
/// month's cases first (`cases c CROSS JOIN …`: SQLite keeps that order; PostgreSQL plans
/// it as any join), so a recomputation costs the month's cases, not the whole table's
/// open tasks or actions.
fn recompute_sql() -> String {
    let portal = delay_bucket("a.done_at - c.created_at");
    let referral = delay_bucket("r.delay");
    let hour = format!("CAST(((created_at + {IST_OFFSET_MS}) / {HOUR_MS}) % 24 AS TEXT)");
    let due_day = format!("CAST((t.due_at + {IST_OFFSET_MS}) / {DAY_MS} AS TEXT)");
    let golden = format!("SELECT {MONEY_CASE} AS m, {MONEY_LEFT_TIME} AS t, created_at FROM cases WHERE {COHORT}");
    let parts = [
        format!("SELECT 'category' AS metric, category AS k, COUNT(*) AS v FROM cases WHERE {COHORT} GROUP BY category"),
        format!("SELECT 'scam', scam_pattern, COUNT(*) FROM cases WHERE {COHORT} GROUP BY scam_pattern"),
        format!("SELECT 'channel', channel, COUNT(*) FROM cases WHERE {COHORT} GROUP BY channel"),
        format!(
            "SELECT 'hour', {hour}, COUNT(*) FROM cases WHERE {COHORT}
             AND channel IN ('helpline_call', 'whatsapp_helpline') GROUP BY {hour}"
        ),
        format!("SELECT 'cases', 'registered', COUNT(*) FROM cases WHERE {COHORT}"),
        format!("SELECT 'money', 'lost', CAST(SUM(amount_lost_paise) AS BIGINT) FROM cases WHERE {COHORT}"),
        format!(
            "SELECT 'money', 'held', CAST(SUM(t.hold_paise) AS BIGINT) FROM cases c CROSS JOIN money_trail t
             WHERE t.case_id = c.id AND {COHORT_C} AND t.action = 'on_hold'"
        ),
        format!(
            "SELECT 'money', 'restored', CAST(SUM(r.restored_paise) AS BIGINT) FROM cases c
             CROSS JOIN restorations r WHERE r.case_id = c.id AND {COHORT_C}"
        ),
        format!("SELECT 'golden', 'money_cases', COUNT(*) FROM ({golden}) g WHERE g.m"),
        format!("SELECT 'golden', 'within', COUNT(*) FROM ({golden}) g WHERE g.m AND g.created_at - g.t <= {HOUR_MS}"),
        format!("SELECT 'golden', 'after', COUNT(*) FROM ({golden}) g WHERE g.m AND g.created_at - g.t > {HOUR_MS}"),
        format!("SELECT 'golden', 'unknown', COUNT(*) FROM ({golden}) g WHERE g.m AND g.t IS NULL"),
        format!(
            "SELECT 'portal', {portal}, COUNT(*) FROM cases c CROSS JOIN case_actions a
             WHERE a.case_id = c.id AND {COHORT_C} AND a.action = 'portal_filed' GROUP BY {portal}"
        ),
        format!(
            "SELECT 'portal', 'delay_ms', CAST(SUM(a.done_at - c.created_at) AS BIGINT) FROM cases c
             CROSS JOIN case_actions a WHERE a.case_id = c.id AND {COHORT_C} AND a.action = 'portal_filed' AND a.done_at >= c.created_at"
        ),
        format!(
            "SELECT 'referral', {referral}, COUNT(*) FROM ({}) r GROUP BY {referral}",
            referred_delays()
        ),
        format!(
            "SELECT 'referral', 'delay_ms', CAST(SUM(r.delay) AS BIGINT) FROM ({}) r WHERE r.delay >= 0",
            referred_delays()
        ),
        format!(
            "SELECT 'tasks', 'due', COUNT(*) FROM cases c CROSS JOIN case_tasks t
             WHERE t.case_id = c.id AND {COHORT_C} AND t.due_at IS NOT NULL"
        ),
        format!(
            "SELECT 'tasks', 'late', COUNT(*) FROM cases c CROSS JOIN case_tasks t
             WHERE t.case_id = c.id AND {COHORT_C} AND t.due_at IS NOT NULL AND t.done_at > t.due_at"
        ),
        // Tasks not done in open cases, by the IST day they fall due: the reader counts
        // those due before today (kept here because the live query read every open task).
        format!(
            "SELECT 'open_due', {due_day}, COUNT(*) FROM cases c CROSS JOIN case_tasks t
             WHERE t.case_id = c.id AND {COHORT_C} AND c.status <> 'closed' AND t.done_at IS NULL AND t.due_at IS NOT NULL
             GROUP BY {due_day}"
        ),
    ];
    format!(
        "INSERT INTO dash_month (district_id, month, metric, k, v)
         SELECT $1, $2, f.metric, f.k, f.v FROM ({}) f WHERE f.v IS NOT NULL AND f.v <> 0",
        parts.join("\n UNION ALL ")
    )
}

/// Each referred case of the month with the time from intake to its first referral: the
/// earlier of its first change of status to "referred" and its first recorded handover to the
/// police or legal aid (a referral may be recorded without the status, and the other way round).
fn referred_delays() -> String {
    format!(
        "SELECT MIN(x.at) - MIN(x.created_at) AS delay FROM (
             SELECT c.id, c.created_at, e.at FROM cases c CROSS JOIN case_events e
             WHERE e.case_id = c.id AND {COHORT_C} AND e.to_status = 'referred'
             UNION ALL
             SELECT c.id, c.created_at, r.handed_over_at FROM cases c CROSS JOIN referrals r
             WHERE r.case_id = c.id AND {COHORT_C}
         ) x GROUP BY x.id"
    )
}

/// `AND <col> IN (...)` for a district scope; `None` when the scope holds no district.
fn scope_filter(sql: &mut Sql, col: &str, scope: &Scope) -> Option<()> {
    if let Scope::Districts(d) = scope {
        if d.is_empty() {
            return None;
        }
        sql.push(" AND ").push(col).push(" IN ").int_list(d);
    }
    Some(())
}

impl Store {
    /// Recomputes the monthly figures of every (district, month) changed since the last time;
    /// returns how many were recomputed. Cheap when nothing changed (one indexed read).
    pub async fn refresh_dashboard(&self) -> StoreResult<usize> {
        let any: Option<i64> =
            sqlx::query_scalar("SELECT id FROM dash_dirty LIMIT 1").fetch_optional(self.pool()).await?;
        // (Nothing changed: the usual case, one indexed read and no write transaction.)
        if any.is_none() {
            return Ok(0);
        }
        let mut w = self.write().await?;
        if self.backend == Backend::Postgres {
            // One recomputation at a time (two would race on the same month's rows); writers
            // of cases are not held up.
            sqlx::query("SELECT pg_advisory_xact_lock($1)").bind(PG_REFRESH_LOCK).execute(w.conn()).await?;
        }
        // Taking the marks and recomputing their months is one transaction: a mark is taken
        // only if it was committed (so the change it marks is visible to the recomputation),
        // marks committed meanwhile stay for the next time, and a failure leaves them all.
        let marks = sqlx::query("DELETE FROM dash_dirty RETURNING district_id, day").fetch_all(w.conn()).await?;
        let mut months = BTreeSet::new();
        for r in &marks {
            let district: i64 = r.try_get(0)?;
            let day: i64 = r.try_get(1)?;
            months.insert((district, Month::of_day(day)));
        }
        let insert = recompute_sql();
        for (district, month) in &months {
            let label = month.to_string();
            sqlx::query("DELETE FROM dash_month WHERE district_id = $1 AND month = $2")
                .bind(district)
                .bind(&label)
                .execute(w.conn())
                .await?;
            sqlx::query(sqlx::AssertSqlSafe(insert.as_str()))
                .bind(district)
                .bind(&label)
                .bind(month.start_ms())
                .bind(month.end_ms())
                .execute(w.conn())
                .await?;
        }
        w.commit().await?;
        tracing::debug!(months = months.len(), "dashboard figures recomputed");
        Ok(months.len())
    }

    /// How many changes wait to be folded into the monthly figures.
    pub async fn dashboard_backlog(&self) -> StoreResult<i64> {
        Ok(sqlx::query_scalar("SELECT COUNT(*) FROM dash_dirty").fetch_one(self.pool()).await?)
    }

    /// The monthly figures from `from` to `to` (both included), summed over the scope's
    /// districts, one row per (metric, key, month).
    pub async fn dashboard_figures(&self, scope: &Scope, from: Month, to: Month) -> StoreResult<Vec<Figure>> {
        let mut sql = Sql::new("SELECT metric, k, month, CAST(SUM(v) AS BIGINT) AS v FROM dash_month WHERE month >= ");
        sql.text(from.to_string()).push(" AND month <= ").text(to.to_string());
        if scope_filter(&mut sql, "district_id", scope).is_none() {
            return Ok(Vec::new());
        }
        sql.push(" GROUP BY metric, k, month");
        self.counted(1);
        let rows = sql.query().fetch_all(&self.pool).await?;
        rows.iter()
            .map(|r| {
                Ok(Figure { metric: r.try_get(0)?, key: r.try_get(1)?, month: r.try_get(2)?, value: r.try_get(3)? })
            })
            .collect::<Result<_, sqlx::Error>>()
            .map_err(Into::into)
    }

    /// Open cases now, by status and age since intake.
    pub async fn open_cases_by_age(&self, scope: &Scope, now: i64) -> StoreResult<Vec<OpenCount>> {
        let mut sql = Sql::new("SELECT status, CASE WHEN created_at > ");
        sql.int(now - 7 * DAY_MS)
            .push(" THEN 'd7' WHEN created_at > ")
            .int(now - 30 * DAY_MS)
            .push(" THEN 'd30' WHEN created_at > ")
            .int(now - 90 * DAY_MS)
            .push(" THEN 'd90' ELSE 'older' END AS age, COUNT(*) AS n FROM cases WHERE status <> 'closed'");
        if scope_filter(&mut sql, "district_id", scope).is_none() {
            return Ok(Vec::new());
        }
        sql.push(" GROUP BY 1, 2");
        self.counted(1);
        let rows = sql.query().fetch_all(&self.pool).await?;
        rows.iter()
            .map(|r| Ok(OpenCount { status: r.try_get(0)?, age: r.try_get(1)?, count: r.try_get(2)? }))
            .collect::<Result<_, sqlx::Error>>()
            .map_err(Into::into)
    }

    /// Open cases (registered at any time) whose nearest deadline or task has passed.
    pub async fn cases_overdue(&self, scope: &Scope, now: i64) -> StoreResult<i64> {
        let mut sql = Sql::new("SELECT COUNT(*) FROM cases WHERE status <> 'closed' AND next_due_at < ");
        sql.int(now);
        if scope_filter(&mut sql, "district_id", scope).is_none() {
            return Ok(0);
        }
        self.counted(1);
        Ok(sql.query_as::<(i64,)>().fetch_one(&self.pool).await?.0)
    }

    /// For the metrics endpoint: open cases by district and status, and open cases by
    /// district whose nearest deadline has passed or falls within the next 24 hours.
    pub async fn open_case_gauges(&self, now: i64) -> StoreResult<(Vec<(i64, String, i64)>, Vec<(i64, i64, i64)>)> {
        let open = sqlx::query(
            "SELECT district_id, status, COUNT(*) FROM cases WHERE status <> 'closed' GROUP BY district_id, status",
        )
        .fetch_all(self.pool())
        .await?
        .iter()
        .map(|r| Ok((r.try_get(0)?, r.try_get(1)?, r.try_get(2)?)))
        .collect::<Result<Vec<_>, sqlx::Error>>()?;
        let due = sqlx::query(
            "SELECT district_id,
                    COALESCE(SUM(CASE WHEN next_due_at < $1 THEN 1 ELSE 0 END), 0),
                    COALESCE(SUM(CASE WHEN next_due_at >= $1 AND next_due_at < $2 THEN 1 ELSE 0 END), 0)
             FROM cases WHERE status <> 'closed' AND next_due_at < $2 GROUP BY district_id",
        )
        .bind(now)
        .bind(now + DAY_MS)
        .fetch_all(self.pool())
        .await?
        .iter()
        .map(|r| Ok((r.try_get(0)?, r.try_get(1)?, r.try_get(2)?)))
        .collect::<Result<Vec<_>, sqlx::Error>>()?;
        Ok((open, due))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months_are_ist_calendar_months() {
        let m = Month::parse("2026-03").unwrap();
        assert_eq!(m.to_string(), "2026-03");
        // 1 March 2026 00:00 IST is 28 February 18:30 UTC.
        assert_eq!(m.start_ms(), chrono::Utc.with_ymd_and_hms(2026, 2, 28, 18, 30, 0).unwrap().timestamp_millis());
        assert_eq!(Month::of_millis(m.start_ms()), m);
        assert_eq!(Month::of_millis(m.start_ms() - 1), m.prev());
        assert_eq!(Month::parse("2025-12").unwrap().next().to_string(), "2026-01");
        assert_eq!(Month::parse("2026-01").unwrap().prev().to_string(), "2025-12");
        assert_eq!(Month::parse("2025-11").unwrap().through(Month::parse("2026-02").unwrap()).len(), 4);
        for bad in ["2026-13", "2026-00", "26-03", "2026-3", "abcd-ef", "1999-12", ""] {
            assert!(Month::parse(bad).is_none(), "{bad}");
        }
    }

    #[test]
    fn ist_day_numbers_match_months() {
        let at = chrono::Utc.with_ymd_and_hms(2026, 3, 31, 18, 29, 59).unwrap().timestamp_millis();
        assert_eq!(Month::of_millis(at).to_string(), "2026-03");
        assert_eq!(Month::of_millis(at + 1000).to_string(), "2026-04");
        assert_eq!(Month::of_day((at + IST_OFFSET_MS) / DAY_MS).to_string(), "2026-03");
    }
}
