//! The district directory: police stations, legal-aid contacts, the prevention library and
//! each district's holidays. Nothing here is about a victim; rows are deactivated, never
//! deleted, because referrals and letters may name them.

use serde::Serialize;
use sqlx::FromRow;

use super::{Store, StoreError, StoreResult, WriteTx, on_unique};

fn flag(v: i64) -> bool {
    v != 0
}

fn lines(s: &str) -> Vec<String> {
    s.lines().map(str::trim).filter(|l| !l.is_empty()).map(str::to_owned).collect()
}

fn codes(s: &str) -> Vec<String> {
    s.split(',').map(str::trim).filter(|l| !l.is_empty()).map(str::to_owned).collect()
}

#[derive(FromRow)]
struct StationRow {
    id: i64,
    district_id: i64,
    code: String,
    name_en: String,
    name_hi: String,
    areas: String,
    phone: Option<String>,
    email: Option<String>,
    address: Option<String>,
    officer_title: Option<String>,
    is_default: i64,
    active: i64,
}

/// A police station of a district.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct Station {
    pub id: i64,
    pub district_id: i64,
    /// Stable short code (the seed file's id, or made from the name), used by the letters.
    pub code: String,
    pub name_en: String,
    pub name_hi: String,
    /// Words that, found in a victim's address, put it in the station's area.
    pub areas: Vec<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub address: Option<String>,
    /// Whom letters are addressed to (e.g. "Station House Officer").
    pub officer_title: Option<String>,
    /// The district's fallback station when no area matches.
    pub is_default: bool,
    pub active: bool,
}

impl From<StationRow> for Station {
    fn from(r: StationRow) -> Self {
        Station {
            id: r.id,
            district_id: r.district_id,
            code: r.code,
            name_en: r.name_en,
            name_hi: r.name_hi,
            areas: lines(&r.areas),
            phone: r.phone,
            email: r.email,
            address: r.address,
            officer_title: r.officer_title,
            is_default: flag(r.is_default),
            active: flag(r.active),
        }
    }
}

impl Station {
    pub fn name(&self, lang: sahayak_domain::case::Lang) -> &str {
        match lang {
            sahayak_domain::case::Lang::Hi => &self.name_hi,
            sahayak_domain::case::Lang::En => &self.name_en,
        }
    }
}

/// A station's fields as checked by the use-case.
#[derive(Debug, Clone, Default)]
pub struct StationFields {
    pub name_en: String,
    pub name_hi: String,
    pub areas: Vec<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub address: Option<String>,
    pub officer_title: Option<String>,
    pub is_default: bool,
    pub active: bool,
}

const STATION_COLUMNS: &str = "id, district_id, code, name_en, name_hi, areas, phone, email, address, officer_title, \
                               is_default, active";

#[derive(FromRow)]
struct ContactRow {
    id: i64,
    district_id: i64,
    name: String,
    kind: String,
    phone: Option<String>,
    email: Option<String>,
    address: Option<String>,
    languages: Option<String>,
    practice_areas: Option<String>,
    active: i64,
}

/// A legal-aid contact: the District Legal Services Authority, an empanelled lawyer or an NGO.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct LegalAidContact {
    pub id: i64,
    pub district_id: i64,
    pub name: String,
    /// `dlsa`, `lawyer` or `ngo`.
    pub kind: String,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub address: Option<String>,
    pub languages: Option<String>,
    pub practice_areas: Option<String>,
    pub active: bool,
}

impl From<ContactRow> for LegalAidContact {
    fn from(r: ContactRow) -> Self {
        LegalAidContact {
            id: r.id,
            district_id: r.district_id,
            name: r.name,
            kind: r.kind,
            phone: r.phone,
            email: r.email,
            address: r.address,
            languages: r.languages,
            practice_areas: r.practice_areas,
            active: flag(r.active),
        }
    }
}

#[derive(Debug, Clone, Default)]
pub struct ContactFields {
    pub name: String,
    pub kind: String,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub address: Option<String>,
    pub languages: Option<String>,
    pub practice_areas: Option<String>,
    pub active: bool,
}

const CONTACT_COLUMNS: &str = "id, district_id, name, kind, phone, email, address, languages, practice_areas, active";

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

/// One holiday of a district's calendar.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, FromRow, utoipa::ToSchema)]
pub struct DistrictHoliday {
    /// The calendar (`bank-rajasthan`, `govt-rajasthan`).
    pub calendar: String,
    /// `YYYY-MM-DD`.
    pub day: String,
    pub name_en: String,
    pub name_hi: String,
    /// 1 when the date is provisional (deadlines counting over it say "verify").
    pub estimate: i64,
}

/// Lowercase ASCII words joined by `-`, for a station code made from its name.
fn slug(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    let out = out.trim_end_matches('-');
    out.chars().take(40).collect::<String>().trim_end_matches('-').to_owned()
}

impl Store {
    /// A district's stations, default first then by English name; inactive ones only when asked.
    pub async fn stations(&self, district_id: i64, with_inactive: bool) -> StoreResult<Vec<Station>> {
        let filter = if with_inactive { "" } else { " AND active = 1" };
        let rows: Vec<StationRow> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "SELECT {STATION_COLUMNS} FROM police_stations WHERE district_id = $1{filter}
             ORDER BY is_default DESC, name_en, id"
        )))
        .bind(district_id)
        .fetch_all(self.pool())
        .await?;
        Ok(rows.into_iter().map(Station::from).collect())
    }

    pub async fn station(&self, id: i64) -> StoreResult<Station> {
        let row: Option<StationRow> =
            sqlx::query_as(sqlx::AssertSqlSafe(format!("SELECT {STATION_COLUMNS} FROM police_stations WHERE id = $1")))
                .bind(id)
                .fetch_optional(self.pool())
                .await?;
        row.map(Station::from).ok_or(StoreError::NotFound)
    }

    /// Adds a station; its code is made from the English name (unique in the district).
    pub async fn add_station(&self, district_id: i64, f: &StationFields, by: i64) -> StoreResult<i64> {
        let mut w = self.write().await?;
        let base = match slug(&f.name_en) {
            s if s.is_empty() => "station".to_owned(),
            s => s,
        };
        let taken: Vec<String> = sqlx::query_scalar("SELECT code FROM police_stations WHERE district_id = $1")
            .bind(district_id)
            .fetch_all(w.conn())
            .await?;
        let code =
            (1..).map(|n| if n == 1 { base.clone() } else { format!("{base}-{n}") }).find(|c| !taken.contains(c));
        if f.is_default {
            clear_default(&mut w, district_id).await?;
        }
        let now = self.now_millis();
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO police_stations (district_id, code, name_en, name_hi, areas, phone, email, address,
                officer_title, is_default, active, created_at, updated_at, updated_by)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $12, $13) RETURNING id",
        )
        .bind(district_id)
        .bind(code)
        .bind(&f.name_en)
        .bind(&f.name_hi)
        .bind(f.areas.join("\n"))
        .bind(f.phone.as_deref())
        .bind(f.email.as_deref())
        .bind(f.address.as_deref())
        .bind(f.officer_title.as_deref())
        .bind(i64::from(f.is_default))
        .bind(i64::from(f.active))
        .bind(now)
        .bind(by)
        .fetch_one(w.conn())
        .await
        .map_err(|e| on_unique(e, "name_en"))?;
        w.created(id);
        w.commit().await?;
        Ok(id)
    }

    pub async fn update_station(&self, id: i64, district_id: i64, f: &StationFields, by: i64) -> StoreResult<()> {
        let mut w = self.write().await?;
        if f.is_default {
            clear_default(&mut w, district_id).await?;
        }
        let n = sqlx::query(
            "UPDATE police_stations SET name_en = $1, name_hi = $2, areas = $3, phone = $4, email = $5, address = $6,
                officer_title = $7, is_default = $8, active = $9, updated_at = $10, updated_by = $11
             WHERE id = $12 AND district_id = $13",
        )
        .bind(&f.name_en)
        .bind(&f.name_hi)
        .bind(f.areas.join("\n"))
        .bind(f.phone.as_deref())
        .bind(f.email.as_deref())
        .bind(f.address.as_deref())
        .bind(f.officer_title.as_deref())
        .bind(i64::from(f.is_default))
        .bind(i64::from(f.active))
        .bind(self.now_millis())
        .bind(by)
        .bind(id)
        .bind(district_id)
        .execute(w.conn())
        .await?
        .rows_affected();
        if n == 0 {
            return Err(StoreError::NotFound);
        }
        w.commit().await
    }

    pub async fn legal_aid_contacts(&self, district_id: i64, with_inactive: bool) -> StoreResult<Vec<LegalAidContact>> {
        let filter = if with_inactive { "" } else { " AND active = 1" };
        let rows: Vec<ContactRow> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "SELECT {CONTACT_COLUMNS} FROM legal_aid_contacts WHERE district_id = $1{filter} ORDER BY kind, name, id"
        )))
        .bind(district_id)
        .fetch_all(self.pool())
        .await?;
        Ok(rows.into_iter().map(LegalAidContact::from).collect())
    }

    pub async fn legal_aid_contact(&self, id: i64) -> StoreResult<LegalAidContact> {
        let row: Option<ContactRow> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "SELECT {CONTACT_COLUMNS} FROM legal_aid_contacts WHERE id = $1"
        )))
        .bind(id)
        .fetch_optional(self.pool())
        .await?;
        row.map(LegalAidContact::from).ok_or(StoreError::NotFound)
    }

    pub async fn add_legal_aid_contact(&self, district_id: i64, f: &ContactFields, by: i64) -> StoreResult<i64> {
        let mut w = self.write().await?;
        let now = self.now_millis();
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO legal_aid_contacts (district_id, name, kind, phone, email, address, languages,
                practice_areas, active, created_at, updated_at, updated_by)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10, $11) RETURNING id",
        )
        .bind(district_id)
        .bind(&f.name)
        .bind(&f.kind)
        .bind(f.phone.as_deref())
        .bind(f.email.as_deref())
        .bind(f.address.as_deref())
        .bind(f.languages.as_deref())
        .bind(f.practice_areas.as_deref())
        .bind(i64::from(f.active))
        .bind(now)
        .bind(by)
        .fetch_one(w.conn())
        .await?;
        w.created(id);
        w.commit().await?;
        Ok(id)
    }

    pub async fn update_legal_aid_contact(
        &self,
        id: i64,
        district_id: i64,
        f: &ContactFields,
        by: i64,
    ) -> StoreResult<()> {
        let mut w = self.write().await?;
        let n = sqlx::query(
            "UPDATE legal_aid_contacts SET name = $1, kind = $2, phone = $3, email = $4, address = $5,
                languages = $6, practice_areas = $7, active = $8, updated_at = $9, updated_by = $10
             WHERE id = $11 AND district_id = $12",
        )
        .bind(&f.name)
        .bind(&f.kind)
        .bind(f.phone.as_deref())
        .bind(f.email.as_deref())
        .bind(f.address.as_deref())
        .bind(f.languages.as_deref())
        .bind(f.practice_areas.as_deref())
        .bind(i64::from(f.active))
        .bind(self.now_millis())
        .bind(by)
        .bind(id)
        .bind(district_id)
        .execute(w.conn())
        .await?
        .rows_affected();
        if n == 0 {
            return Err(StoreError::NotFound);
        }
        w.commit().await
    }

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

    /// A district's holidays, by calendar and date.
    pub async fn district_holidays(&self, district_id: i64) -> StoreResult<Vec<DistrictHoliday>> {
        Ok(sqlx::query_as(
            "SELECT calendar, day, name_en, name_hi, estimate FROM district_holidays WHERE district_id = $1 ORDER BY calendar, day",
        )
        .bind(district_id)
        .fetch_all(self.pool())
        .await?)
    }

    /// Replaces a district's holidays of one calendar, inside an open write.
    pub async fn replace_holidays(
        &self,
        w: &mut WriteTx,
        district_id: i64,
        calendar: &str,
        holidays: &[DistrictHoliday],
    ) -> StoreResult<()> {
        sqlx::query("DELETE FROM district_holidays WHERE district_id = $1 AND calendar = $2")
            .bind(district_id)
            .bind(calendar)
            .execute(w.conn())
            .await?;
        for h in holidays {
            sqlx::query(
                "INSERT INTO district_holidays (district_id, calendar, day, name_en, name_hi, estimate)
                 VALUES ($1, $2, $3, $4, $5, $6)",
            )
            .bind(district_id)
            .bind(calendar)
            .bind(&h.day)
            .bind(&h.name_en)
            .bind(&h.name_hi)
            .bind(h.estimate)
            .execute(w.conn())
            .await
            .map_err(|e| on_unique(e, "holidays"))?;
        }
        Ok(())
    }
}

async fn clear_default(w: &mut WriteTx, district_id: i64) -> StoreResult<()> {
    sqlx::query("UPDATE police_stations SET is_default = 0 WHERE district_id = $1")
        .bind(district_id)
        .execute(w.conn())
        .await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn station_codes_come_from_names() {
        assert_eq!(slug("Police Station Malviya Nagar, Jaipur"), "police-station-malviya-nagar-jaipur");
        assert_eq!(slug("पुलिस थाना"), "");
        assert_eq!(slug("  Amer  "), "amer");
    }
}
