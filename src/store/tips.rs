//! The prevention library: shared tips and scam explainers, a district's own tips, and the
//! shared tips a district hides. Rows are deactivated, never deleted.

use serde::Serialize;
use sqlx::FromRow;

use super::directory::{codes, flag};
use super::{Store, StoreError, StoreResult};

#[derive(FromRow)]
struct TipRow {
    id: i64,
    tip_key: String,
    district_id: Option<i64>,
    patterns: String,
    audience: String,
    title_en: String,
    title_hi: String,
    text_en: String,
    text_hi: String,
    source: String,
    active: i64,
    hidden: i64,
}

/// A prevention tip or scam explainer of the library.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct LibraryTip {
    pub id: i64,
    /// Stable key: the data file's id for the shared tips (what awareness programmes store).
    pub key: String,
    /// `None` for the shared, state-wide library; else the district that added it.
    pub district_id: Option<i64>,
    /// Scam-pattern codes.
    pub patterns: Vec<String>,
    /// Audience codes (general, students, senior_citizens, parents, office_staff).
    pub audience: Vec<String>,
    pub title_en: String,
    pub title_hi: String,
    pub text_en: String,
    pub text_hi: String,
    pub source: String,
    pub active: bool,
    /// Hidden in the district the list was read for.
    pub hidden: bool,
}

impl From<TipRow> for LibraryTip {
    fn from(r: TipRow) -> Self {
        LibraryTip {
            id: r.id,
            key: r.tip_key,
            district_id: r.district_id,
            patterns: codes(&r.patterns),
            audience: codes(&r.audience),
            title_en: r.title_en,
            title_hi: r.title_hi,
            text_en: r.text_en,
            text_hi: r.text_hi,
            source: r.source,
            active: flag(r.active),
            hidden: flag(r.hidden),
        }
    }
}

impl LibraryTip {
    pub fn title(&self, lang: sahayak_domain::case::Lang) -> &str {
        match lang {
            sahayak_domain::case::Lang::Hi => &self.title_hi,
            sahayak_domain::case::Lang::En => &self.title_en,
        }
    }

    pub fn text(&self, lang: sahayak_domain::case::Lang) -> &str {
        match lang {
            sahayak_domain::case::Lang::Hi => &self.text_hi,
            sahayak_domain::case::Lang::En => &self.text_en,
        }
    }

    /// Shown to victims of a district: active and not hidden there.
    pub fn shown(&self) -> bool {
        self.active && !self.hidden
    }
}

#[derive(Debug, Clone, Default)]
pub struct TipFields {
    pub patterns: Vec<String>,
    pub audience: Vec<String>,
    pub title_en: String,
    pub title_hi: String,
    pub text_en: String,
    pub text_hi: String,
    pub source: String,
    pub active: bool,
}

impl Store {
    /// The library as a district sees it: the shared tips (marked hidden where the district hid
    /// them) and the district's own; with `district` `None`, the shared tips only. Inactive
    /// tips are included (callers filter with [`LibraryTip::shown`]).
    pub async fn library_tips(&self, district: Option<i64>) -> StoreResult<Vec<LibraryTip>> {
        let rows: Vec<TipRow> = sqlx::query_as(
            "SELECT t.id, t.tip_key, t.district_id, t.patterns, t.audience, t.title_en, t.title_hi, t.text_en,
                    t.text_hi, t.source, t.active,
                    (SELECT COUNT(*) FROM prevention_tip_hidden h WHERE h.tip_id = t.id AND h.district_id = $1)
                      AS hidden
             FROM prevention_tips t
             WHERE t.district_id IS NULL OR t.district_id = $1
             ORDER BY CASE WHEN t.district_id IS NULL THEN 0 ELSE 1 END, t.position, t.id",
        )
        .bind(district.unwrap_or(-1))
        .fetch_all(self.pool())
        .await?;
        Ok(rows.into_iter().map(LibraryTip::from).collect())
    }

    /// Tips by their keys (the shared library's and any district's), in the order asked.
    pub async fn tips_by_keys(&self, keys: &[String]) -> StoreResult<Vec<LibraryTip>> {
        if keys.is_empty() {
            return Ok(Vec::new());
        }
        let mut sql = super::sql::Sql::new(
            "SELECT id, tip_key, district_id, patterns, audience, title_en, title_hi, text_en, text_hi, source,
                    active, CAST(0 AS BIGINT) AS hidden
             FROM prevention_tips WHERE tip_key IN (",
        );
        for (i, k) in keys.iter().enumerate() {
            if i > 0 {
                sql.push(", ");
            }
            sql.text(k.clone());
        }
        sql.push(")");
        let rows: Vec<TipRow> = sql.query_as().fetch_all(self.pool()).await?;
        let mut tips: Vec<LibraryTip> = rows.into_iter().map(LibraryTip::from).collect();
        tips.sort_by_key(|t| keys.iter().position(|k| *k == t.key));
        Ok(tips)
    }

    pub async fn library_tip(&self, id: i64) -> StoreResult<LibraryTip> {
        let row: Option<TipRow> = sqlx::query_as(
            "SELECT id, tip_key, district_id, patterns, audience, title_en, title_hi, text_en, text_hi, source,
                    active, CAST(0 AS BIGINT) AS hidden
             FROM prevention_tips WHERE id = $1",
        )
        .bind(id)
        .fetch_optional(self.pool())
        .await?;
        row.map(LibraryTip::from).ok_or(StoreError::NotFound)
    }

    /// Adds a tip: to the shared library (`district` `None`) or a district's own.
    pub async fn add_tip(&self, district: Option<i64>, f: &TipFields, by: i64) -> StoreResult<LibraryTip> {
        let mut w = self.write().await?;
        let now = self.now_millis();
        let position: i64 = sqlx::query_scalar("SELECT COALESCE(MAX(position), 0) + 1 FROM prevention_tips")
            .fetch_one(w.conn())
            .await?;
        // A unique placeholder key, replaced by one made from the id.
        let temp = format!("new_{by}_{now}_{}", rand::random::<u64>());
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO prevention_tips (tip_key, district_id, patterns, audience, title_en, title_hi, text_en,
                text_hi, source, position, active, created_at, updated_at, updated_by)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $12, $13) RETURNING id",
        )
        .bind(&temp)
        .bind(district)
        .bind(f.patterns.join(","))
        .bind(f.audience.join(","))
        .bind(&f.title_en)
        .bind(&f.title_hi)
        .bind(&f.text_en)
        .bind(&f.text_hi)
        .bind(&f.source)
        .bind(position)
        .bind(i64::from(f.active))
        .bind(now)
        .bind(by)
        .fetch_one(w.conn())
        .await?;
        w.created(id);
        sqlx::query("UPDATE prevention_tips SET tip_key = $1 WHERE id = $2")
            .bind(format!("tip_{id}"))
            .bind(id)
            .execute(w.conn())
            .await?;
        w.commit().await?;
        self.library_tip(id).await
    }

    pub async fn update_tip(&self, id: i64, f: &TipFields, by: i64) -> StoreResult<()> {
        let mut w = self.write().await?;
        let n = sqlx::query(
            "UPDATE prevention_tips SET patterns = $1, audience = $2, title_en = $3, title_hi = $4, text_en = $5,
                text_hi = $6, source = $7, active = $8, updated_at = $9, updated_by = $10 WHERE id = $11",
        )
        .bind(f.patterns.join(","))
        .bind(f.audience.join(","))
        .bind(&f.title_en)
        .bind(&f.title_hi)
        .bind(&f.text_en)
        .bind(&f.text_hi)
        .bind(&f.source)
        .bind(i64::from(f.active))
        .bind(self.now_millis())
        .bind(by)
        .bind(id)
        .execute(w.conn())
        .await?
        .rows_affected();
        if n == 0 {
            return Err(StoreError::NotFound);
        }
        w.commit().await
    }

    /// Hides a shared tip in a district, or shows it again.
    pub async fn set_tip_hidden(&self, district_id: i64, tip_id: i64, hidden: bool, by: i64) -> StoreResult<()> {
        let mut w = self.write().await?;
        sqlx::query("DELETE FROM prevention_tip_hidden WHERE district_id = $1 AND tip_id = $2")
            .bind(district_id)
            .bind(tip_id)
            .execute(w.conn())
            .await?;
        if hidden {
            sqlx::query(
                "INSERT INTO prevention_tip_hidden (district_id, tip_id, hidden_by, hidden_at) VALUES ($1, $2, $3, $4)",
            )
            .bind(district_id)
            .bind(tip_id)
            .bind(by)
            .bind(self.now_millis())
            .execute(w.conn())
            .await?;
        }
        w.commit().await
    }
}
