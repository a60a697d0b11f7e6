//! Awareness programmes: institutions per district, the sessions held there, anonymous
//! feedback, and the figures the dashboards show about them.

use sqlx::Row;
use sqlx::any::AnyRow;

use super::sql::Sql;
use super::{Scope, Store, StoreError, StoreResult};

/// A school, college, office or community group a district visits. The contact's phone and
/// e-mail are personal data: `Debug` leaves them out.
#[derive(Clone, PartialEq, Eq)]
pub struct Institution {
    pub id: i64,
    pub district_id: i64,
    pub name: String,
    /// `school`, `college`, `office` or `community`.
    pub kind: String,
    pub address: Option<String>,
    pub contact_person: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
    /// The latest held programme's start, if any.
    pub last_visited: Option<i64>,
    pub updated_at: i64,
}

impl std::fmt::Debug for Institution {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Institution")
            .field("id", &self.id)
            .field("district_id", &self.district_id)
            .field("kind", &self.kind)
            .finish_non_exhaustive()
    }
}

/// An institution as written.
pub struct InstitutionFields<'a> {
    pub name: &'a str,
    pub kind: &'a str,
    pub address: Option<&'a str>,
    pub contact_person: Option<&'a str>,
    pub phone: Option<&'a str>,
    pub email: Option<&'a str>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Programme {
    pub id: i64,
    pub district_id: i64,
    pub institution_id: i64,
    pub institution_name: String,
    pub starts_at: i64,
    pub venue: Option<String>,
    /// Audience codes, in the order chosen.
    pub audience: Vec<String>,
    pub classes: Option<String>,
    /// `hi`, `en` or `both`.
    pub language: String,
    pub speakers: Option<String>,
    /// Prevention tip ids.
    pub topics: Vec<String>,
    pub materials: Option<String>,
    /// `planned`, `held` or `cancelled`.
    pub status: String,
    pub attendance: Option<i64>,
    /// Quiz question ids; empty when the programme uses no quiz.
    pub quiz: Vec<String>,
    pub feedback_token: String,
    pub updated_at: i64,
}

/// A programme as written (the token is made once, at creation).
pub struct ProgrammeFields<'a> {
    pub institution_id: i64,
    pub starts_at: i64,
    pub venue: Option<&'a str>,
    pub audience: &'a [String],
    pub classes: Option<&'a str>,
    pub language: &'a str,
    pub speakers: Option<&'a str>,
    pub topics: &'a [String],
    pub materials: Option<&'a str>,
    pub status: &'a str,
    pub attendance: Option<i64>,
    pub quiz: &'a [String],
}

/// One anonymous answer sheet.
pub struct NewFeedback<'a> {
    /// `before` or `after`.
    pub stage: &'a str,
    pub rating: Option<i64>,
    pub change_text: Option<&'a str>,
    pub quiz_score: Option<i64>,
    pub quiz_total: Option<i64>,
}

/// A programme's feedback, summed up.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FeedbackSummary {
    pub responses: i64,
    pub ratings: i64,
    pub average_rating: Option<f64>,
    /// Sheets with a quiz answered at the start, and their mean share right (0–1).
    pub before_count: i64,
    pub before_average: Option<f64>,
    pub after_count: i64,
    pub after_average: Option<f64>,
    /// "What will you do differently", newest first (at most 50).
    pub changes: Vec<String>,
}

/// A held programme's month and district, with its attendance (for the dashboards).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HeldRow {
    pub district_id: i64,
    pub starts_at: i64,
    pub attendance: i64,
}

/// Complaints registered in a district around its first held programme of a period.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AroundRow {
    pub district_id: i64,
    pub first_at: i64,
    pub before: i64,
    pub after: i64,
}

const INSTITUTION_COLUMNS: &str = "i.id, i.district_id, i.name, i.kind, i.address, i.contact_person, i.phone, i.email,
     i.updated_at, (SELECT MAX(p.starts_at) FROM awareness_programmes p
                    WHERE p.institution_id = i.id AND p.status = 'held') AS last_visited";

const PROGRAMME_COLUMNS: &str = "p.id, p.district_id, p.institution_id, i.name AS institution_name, p.starts_at,
     p.venue, p.audience, p.classes, p.language, p.speakers, p.topics, p.materials, p.status, p.attendance, p.quiz,
     p.feedback_token, p.updated_at";

fn institution(r: &AnyRow) -> Result<Institution, sqlx::Error> {
    Ok(Institution {
        id: r.try_get("id")?,
        district_id: r.try_get("district_id")?,
        name: r.try_get("name")?,
        kind: r.try_get("kind")?,
        address: r.try_get("address")?,
        contact_person: r.try_get("contact_person")?,
        phone: r.try_get("phone")?,
        email: r.try_get("email")?,
        last_visited: r.try_get("last_visited")?,
        updated_at: r.try_get("updated_at")?,
    })
}

fn codes(s: String) -> Vec<String> {
    s.split(',').filter(|c| !c.is_empty()).map(str::to_owned).collect()
}

fn programme(r: &AnyRow) -> Result<Programme, sqlx::Error> {
    Ok(Programme {
        id: r.try_get("id")?,
        district_id: r.try_get("district_id")?,
        institution_id: r.try_get("institution_id")?,
        institution_name: r.try_get("institution_name")?,
        starts_at: r.try_get("starts_at")?,
        venue: r.try_get("venue")?,
        audience: codes(r.try_get("audience")?),
        classes: r.try_get("classes")?,
        language: r.try_get("language")?,
        speakers: r.try_get("speakers")?,
        topics: codes(r.try_get("topics")?),
        materials: r.try_get("materials")?,
        status: r.try_get("status")?,
        attendance: r.try_get("attendance")?,
        quiz: codes(r.try_get("quiz")?),
        feedback_token: r.try_get("feedback_token")?,
        updated_at: r.try_get("updated_at")?,
    })
}

fn scope_filter(sql: &mut Sql, col: &str, scope: &Scope) {
    if let Scope::Districts(d) = scope {
        if d.is_empty() {
            sql.push(" AND 1 = 0");
        } else {
            sql.push(&format!(" AND {col} IN ")).int_list(d);
        }
    }
}

impl Store {
    pub async fn add_institution(
        &self,
        district_id: i64,
        f: &InstitutionFields<'_>,
        by: i64,
        at: i64,
    ) -> StoreResult<i64> {
        let mut w = self.write().await?;
        let (id,): (i64,) = sqlx::query_as(
            "INSERT INTO awareness_institutions (district_id, name, kind, address, contact_person, phone, email,
                 created_by, created_at, updated_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9) RETURNING id",
        )
        .bind(district_id)
        .bind(f.name)
        .bind(f.kind)
        .bind(f.address)
        .bind(f.contact_person)
        .bind(f.phone)
        .bind(f.email)
        .bind(by)
        .bind(at)
        .fetch_one(w.conn())
        .await?;
        w.created(id);
        w.commit().await?;
        Ok(id)
    }

    pub async fn update_institution(&self, id: i64, f: &InstitutionFields<'_>, at: i64) -> StoreResult<()> {
        let mut w = self.write().await?;
        let done = sqlx::query(
            "UPDATE awareness_institutions SET name = $1, kind = $2, address = $3, contact_person = $4, phone = $5,
                 email = $6, updated_at = $7 WHERE id = $8",
        )
        .bind(f.name)
        .bind(f.kind)
        .bind(f.address)
        .bind(f.contact_person)
        .bind(f.phone)
        .bind(f.email)
        .bind(at)
        .bind(id)
        .execute(w.conn())
        .await?;
        if done.rows_affected() == 0 {
            return Err(StoreError::NotFound);
        }
        w.commit().await
    }

    pub async fn institution(&self, id: i64) -> StoreResult<Institution> {
        let sql = format!("SELECT {INSTITUTION_COLUMNS} FROM awareness_institutions i WHERE i.id = $1");
        let row = sqlx::query(sqlx::AssertSqlSafe(sql)).bind(id).fetch_optional(self.pool()).await?;
        row.as_ref().map(institution).transpose()?.ok_or(StoreError::NotFound)
    }

    /// The institutions in scope: never visited first, then the longest since a visit.
    pub async fn institutions(&self, scope: &Scope) -> StoreResult<Vec<Institution>> {
        let mut sql = Sql::new(&format!("SELECT {INSTITUTION_COLUMNS} FROM awareness_institutions i WHERE 1 = 1"));
        scope_filter(&mut sql, "i.district_id", scope);
        sql.push(" ORDER BY last_visited ASC NULLS FIRST, name, id");
        let rows = sql.query().fetch_all(self.pool()).await?;
        Ok(rows.iter().map(institution).collect::<Result<Vec<_>, sqlx::Error>>()?)
    }

    pub async fn add_programme(
        &self,
        district_id: i64,
        f: &ProgrammeFields<'_>,
        token: &str,
        by: i64,
        at: i64,
    ) -> StoreResult<i64> {
        let mut w = self.write().await?;
        let (id,): (i64,) = sqlx::query_as(
            "INSERT INTO awareness_programmes (district_id, institution_id, starts_at, venue, audience, classes,
                 language, speakers, topics, materials, status, attendance, quiz, feedback_token, created_by,
                 created_at, updated_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $16) RETURNING id",
        )
        .bind(district_id)
        .bind(f.institution_id)
        .bind(f.starts_at)
        .bind(f.venue)
        .bind(f.audience.join(","))
        .bind(f.classes)
        .bind(f.language)
        .bind(f.speakers)
        .bind(f.topics.join(","))
        .bind(f.materials)
        .bind(f.status)
        .bind(f.attendance)
        .bind(f.quiz.join(","))
        .bind(token)
        .bind(by)
        .bind(at)
        .fetch_one(w.conn())
        .await?;
        w.created(id);
        w.commit().await?;
        Ok(id)
    }

    pub async fn update_programme(&self, id: i64, f: &ProgrammeFields<'_>, at: i64) -> StoreResult<()> {
        let mut w = self.write().await?;
        let done = sqlx::query(
            "UPDATE awareness_programmes SET institution_id = $1, starts_at = $2, venue = $3, audience = $4,
                 classes = $5, language = $6, speakers = $7, topics = $8, materials = $9, status = $10,
                 attendance = $11, quiz = $12, updated_at = $13 WHERE id = $14",
        )
        .bind(f.institution_id)
        .bind(f.starts_at)
        .bind(f.venue)
        .bind(f.audience.join(","))
        .bind(f.classes)
        .bind(f.language)
        .bind(f.speakers)
        .bind(f.topics.join(","))
        .bind(f.materials)
        .bind(f.status)
        .bind(f.attendance)
        .bind(f.quiz.join(","))
        .bind(at)
        .bind(id)
        .execute(w.conn())
        .await?;
        if done.rows_affected() == 0 {
            return Err(StoreError::NotFound);
        }
        w.commit().await
    }

    /// Marks a programme held (or not) with its attendance.
    pub async fn record_attendance(&self, id: i64, status: &str, attendance: Option<i64>, at: i64) -> StoreResult<()> {
        let mut w = self.write().await?;
        let done =
            sqlx::query("UPDATE awareness_programmes SET status = $1, attendance = $2, updated_at = $3 WHERE id = $4")
                .bind(status)
                .bind(attendance)
                .bind(at)
                .bind(id)
                .execute(w.conn())
                .await?;
        if done.rows_affected() == 0 {
            return Err(StoreError::NotFound);
        }
        w.commit().await
    }

    pub async fn programme(&self, id: i64) -> StoreResult<Programme> {
        let sql = format!(
            "SELECT {PROGRAMME_COLUMNS} FROM awareness_programmes p JOIN awareness_institutions i
             ON i.id = p.institution_id WHERE p.id = $1"
        );
        let row = sqlx::query(sqlx::AssertSqlSafe(sql)).bind(id).fetch_optional(self.pool()).await?;
        row.as_ref().map(programme).transpose()?.ok_or(StoreError::NotFound)
    }

    pub async fn programme_by_token(&self, token: &str) -> StoreResult<Programme> {
        let sql = format!(
            "SELECT {PROGRAMME_COLUMNS} FROM awareness_programmes p JOIN awareness_institutions i
             ON i.id = p.institution_id WHERE p.feedback_token = $1"
        );
        let row = sqlx::query(sqlx::AssertSqlSafe(sql)).bind(token).fetch_optional(self.pool()).await?;
        row.as_ref().map(programme).transpose()?.ok_or(StoreError::NotFound)
    }

    /// Programmes in scope starting in `[from, to)`, soonest first; of one institution when given.
    pub async fn programmes(
        &self,
        scope: &Scope,
        from: i64,
        to: i64,
        institution: Option<i64>,
    ) -> StoreResult<Vec<Programme>> {
        let mut sql = Sql::new(&format!(
            "SELECT {PROGRAMME_COLUMNS} FROM awareness_programmes p JOIN awareness_institutions i
             ON i.id = p.institution_id WHERE p.starts_at >= "
        ));
        sql.int(from).push(" AND p.starts_at < ").int(to);
        if let Some(i) = institution {
            sql.push(" AND p.institution_id = ").int(i);
        }
        scope_filter(&mut sql, "p.district_id", scope);
        sql.push(" ORDER BY p.starts_at, p.id");
        let rows = sql.query().fetch_all(self.pool()).await?;
        Ok(rows.iter().map(programme).collect::<Result<Vec<_>, sqlx::Error>>()?)
    }

    pub async fn add_feedback(&self, programme_id: i64, f: &NewFeedback<'_>, at: i64) -> StoreResult<()> {
        let mut w = self.write().await?;
        sqlx::query(
            "INSERT INTO awareness_feedback (programme_id, stage, rating, change_text, quiz_score, quiz_total, at)
             VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(programme_id)
        .bind(f.stage)
        .bind(f.rating)
        .bind(f.change_text)
        .bind(f.quiz_score)
        .bind(f.quiz_total)
        .bind(at)
        .execute(w.conn())
        .await?;
        w.commit().await
    }

    /// The programme's feedback: counts and averages in one read, the written answers in another.
    pub async fn feedback_summary(&self, programme_id: i64) -> StoreResult<FeedbackSummary> {
        let rows =
            sqlx::query("SELECT stage, rating, quiz_score, quiz_total FROM awareness_feedback WHERE programme_id = $1")
                .bind(programme_id)
                .fetch_all(self.pool())
                .await?;
        let mut s = FeedbackSummary { responses: rows.len() as i64, ..Default::default() };
        let (mut rating_sum, mut before_sum, mut after_sum) = (0i64, 0f64, 0f64);
        for r in &rows {
            let stage: String = r.try_get("stage")?;
            if let Some(rating) = r.try_get::<Option<i64>, _>("rating")? {
                s.ratings += 1;
                rating_sum += rating;
            }
            let score: Option<i64> = r.try_get("quiz_score")?;
            let total: Option<i64> = r.try_get("quiz_total")?;
            if let (Some(score), Some(total)) = (score, total.filter(|t| *t > 0)) {
                let share = score as f64 / total as f64;
                if stage == "before" {
                    s.before_count += 1;
                    before_sum += share;
                } else {
                    s.after_count += 1;
                    after_sum += share;
                }
            }
        }
        s.average_rating = (s.ratings > 0).then(|| rating_sum as f64 / s.ratings as f64);
        s.before_average = (s.before_count > 0).then(|| before_sum / s.before_count as f64);
        s.after_average = (s.after_count > 0).then(|| after_sum / s.after_count as f64);
        s.changes = sqlx::query_scalar(
            "SELECT change_text FROM awareness_feedback WHERE programme_id = $1 AND change_text IS NOT NULL
             ORDER BY id DESC LIMIT 50",
        )
        .bind(programme_id)
        .fetch_all(self.pool())
        .await?;
        Ok(s)
    }

    /// Held programmes in scope that started in `[from, to)`.
    pub async fn held_programmes(&self, scope: &Scope, from: i64, to: i64) -> StoreResult<Vec<HeldRow>> {
        let mut sql = Sql::new(
            "SELECT district_id, starts_at, COALESCE(attendance, 0) AS attendance FROM awareness_programmes
             WHERE status = 'held' AND starts_at >= ",
        );
        sql.int(from).push(" AND starts_at < ").int(to);
        scope_filter(&mut sql, "district_id", scope);
        sql.push(" ORDER BY starts_at");
        let rows = sql.query().fetch_all(self.pool()).await?;
        rows.iter()
            .map(|r| {
                Ok(HeldRow {
                    district_id: r.try_get("district_id")?,
                    starts_at: r.try_get("starts_at")?,
                    attendance: r.try_get("attendance")?,
                })
            })
            .collect::<Result<_, sqlx::Error>>()
            .map_err(Into::into)
    }

    /// For each district in scope with a held programme starting in `[from, to)`: the first
    /// one's start, and the cases registered there in the `window` before it and from it on.
    pub async fn complaints_around_programmes(
        &self,
        scope: &Scope,
        from: i64,
        to: i64,
        window: i64,
    ) -> StoreResult<Vec<AroundRow>> {
        let mut inner = Sql::new(
            "SELECT f.district_id, f.first_at,
                 (SELECT COUNT(*) FROM cases c WHERE c.district_id = f.district_id
                  AND c.created_at >= f.first_at - ",
        );
        inner.int(window).push(
            " AND c.created_at < f.first_at) AS before_count,
                 (SELECT COUNT(*) FROM cases c WHERE c.district_id = f.district_id
                  AND c.created_at >= f.first_at AND c.created_at < f.first_at + ",
        );
        inner.int(window).push(
            ") AS after_count
             FROM (SELECT district_id, MIN(starts_at) AS first_at FROM awareness_programmes
                   WHERE status = 'held' AND starts_at >= ",
        );
        inner.int(from).push(" AND starts_at < ").int(to);
        scope_filter(&mut inner, "district_id", scope);
        inner.push(" GROUP BY district_id) f ORDER BY f.district_id");
        let rows = inner.query().fetch_all(self.pool()).await?;
        rows.iter()
            .map(|r| {
                Ok(AroundRow {
                    district_id: r.try_get("district_id")?,
                    first_at: r.try_get("first_at")?,
                    before: r.try_get("before_count")?,
                    after: r.try_get("after_count")?,
                })
            })
            .collect::<Result<_, sqlx::Error>>()
            .map_err(Into::into)
    }
}
