//! The district directory: police stations, legal-aid contacts and each district's holidays
//! (the prevention library is in `tips.rs`). Nothing here is about a victim; rows are deactivated, never
//! deleted, because referrals and letters may name them.

use serde::Serialize;
use sqlx::FromRow;

use super::{Store, StoreError, StoreResult, WriteTx, on_unique};

pub(super) fn flag(v: i64) -> bool {
    v != 0
}

fn lines(s: &str) -> Vec<String> {
    s.lines().map(str::trim).filter(|l| !l.is_empty()).map(str::to_owned).collect()
}

pub(super) fn codes(s: &str) -> Vec<String> {
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
