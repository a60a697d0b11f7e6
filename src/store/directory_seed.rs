//! Seed data for the district directory, from the files that used to be its only home: the
//! police stations (`data/stations/<district>.toml`), the shared prevention library
//! (`crates/domain/data/prevention/tips.toml`) and the holiday calendars
//! (`crates/domain/data/deadlines/holidays.toml`).
//!
//! Seeding is idempotent: a district's stations and holidays are loaded only while it has none,
//! and a shared tip only while no tip has its key. It runs right after migration 0014 (for the
//! districts that existed then) and whenever a district is added.

use std::collections::HashMap;
use std::sync::OnceLock;

use sahayak_domain::deadlines::Calendars;
use sahayak_domain::plans::{Audience, Catalog};
use serde::Deserialize;
use sqlx::AnyConnection;

use super::StoreResult;

/// The shipped station lists. A district whose code has no file here starts with none.
const STATION_FILES: &[&str] =
    &[include_str!("../../data/stations/jaipur.toml"), include_str!("../../data/stations/jodhpur.toml")];

#[derive(Debug, Clone, Deserialize)]
pub struct SeedStation {
    pub id: String,
    pub name_en: String,
    pub name_hi: String,
    #[serde(default)]
    pub areas: Vec<String>,
    #[serde(default)]
    pub default: bool,
}

#[derive(Deserialize)]
struct StationFile {
    district: String,
    station: Vec<SeedStation>,
    #[serde(default)]
    legal_aid: Vec<SeedContact>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct SeedContact {
    pub name: String,
    pub kind: String,
    #[serde(default)]
    pub phone: Option<String>,
    #[serde(default)]
    pub address: Option<String>,
    #[serde(default)]
    pub languages: Option<String>,
    #[serde(default)]
    pub practice_areas: Option<String>,
}

type Lists = HashMap<String, (Vec<SeedStation>, Vec<SeedContact>)>;

fn station_lists() -> &'static Lists {
    static LISTS: OnceLock<Lists> = OnceLock::new();
    LISTS.get_or_init(|| {
        STATION_FILES
            .iter()
            .map(|text| {
                let f: StationFile = toml::from_str(text).unwrap_or_else(|e| panic!("data/stations: {e}"));
                (f.district, (f.station, f.legal_aid))
            })
            .collect()
    })
}

/// The shipped stations of a district (none when no list is shipped for its code).
pub fn seed_stations(code: &str) -> &'static [SeedStation] {
    station_lists().get(code).map(|(s, _)| s.as_slice()).unwrap_or_default()
}

/// The shipped legal-aid contacts of a district.
pub fn seed_contacts(code: &str) -> &'static [SeedContact] {
    station_lists().get(code).map(|(_, c)| c.as_slice()).unwrap_or_default()
}

pub fn audience_code(a: Audience) -> &'static str {
    match a {
        Audience::General => "general",
        Audience::Students => "students",
        Audience::SeniorCitizens => "senior_citizens",
        Audience::Parents => "parents",
        Audience::OfficeStaff => "office_staff",
    }
}

pub const AUDIENCES: [&str; 5] = ["general", "students", "senior_citizens", "parents", "office_staff"];

/// Everything the directory seeds: shared tips, and each district's stations, contacts and
/// holidays where it has none.
pub(super) async fn seed_all(conn: &mut AnyConnection, now: i64) -> StoreResult<()> {
    seed_tips(conn, now).await?;
    let districts: Vec<(i64, String)> = sqlx::query_as("SELECT id, code FROM districts").fetch_all(&mut *conn).await?;
    for (id, code) in districts {
        seed_district(conn, id, &code, now).await?;
    }
    Ok(())
}

/// Loads the shared prevention library's tips whose keys are not in the table yet.
pub(super) async fn seed_tips(conn: &mut AnyConnection, now: i64) -> StoreResult<()> {
    let have: Vec<String> = sqlx::query_scalar("SELECT tip_key FROM prevention_tips").fetch_all(&mut *conn).await?;
    for (position, tip) in Catalog::builtin().tips().iter().enumerate() {
        if have.contains(&tip.id) {
            continue;
        }
        let patterns: Vec<&str> = tip.patterns.iter().map(|p| p.code()).collect();
        let audience: Vec<&str> = tip.audience.iter().map(|a| audience_code(*a)).collect();
        sqlx::query(
            "INSERT INTO prevention_tips (tip_key, district_id, patterns, audience, title_en, title_hi, text_en,
                text_hi, source, position, active, created_at, updated_at)
             VALUES ($1, NULL, $2, $3, $4, $5, $6, $7, $8, $9, 1, $10, $10)",
        )
        .bind(&tip.id)
        .bind(patterns.join(","))
        .bind(audience.join(","))
        .bind(&tip.title.en)
        .bind(&tip.title.hi)
        .bind(&tip.text.en)
        .bind(&tip.text.hi)
        .bind(&tip.source)
        .bind(position as i64)
        .bind(now)
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

/// Loads a district's shipped stations and contacts, and the shared holiday calendars, into
/// each of its lists that is still empty.
pub(crate) async fn seed_district(conn: &mut AnyConnection, district_id: i64, code: &str, now: i64) -> StoreResult<()> {
    let count = |table: &'static str| {
        sqlx::query_scalar::<_, i64>(sqlx::AssertSqlSafe(format!(
            "SELECT COUNT(*) FROM {table} WHERE district_id = $1"
        )))
        .bind(district_id)
    };
    if count("police_stations").fetch_one(&mut *conn).await? == 0 {
        for s in seed_stations(code) {
            sqlx::query(
                "INSERT INTO police_stations (district_id, code, name_en, name_hi, areas, is_default, active,
                    created_at, updated_at)
                 VALUES ($1, $2, $3, $4, $5, $6, 1, $7, $7)",
            )
            .bind(district_id)
            .bind(&s.id)
            .bind(&s.name_en)
            .bind(&s.name_hi)
            .bind(s.areas.join("\n"))
            .bind(i64::from(s.default))
            .bind(now)
            .execute(&mut *conn)
            .await?;
        }
    }
    if count("legal_aid_contacts").fetch_one(&mut *conn).await? == 0 {
        for c in seed_contacts(code) {
            sqlx::query(
                "INSERT INTO legal_aid_contacts (district_id, name, kind, phone, address, languages, practice_areas,
                    active, created_at, updated_at)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, 1, $8, $8)",
            )
            .bind(district_id)
            .bind(&c.name)
            .bind(&c.kind)
            .bind(c.phone.as_deref())
            .bind(c.address.as_deref())
            .bind(c.languages.as_deref())
            .bind(c.practice_areas.as_deref())
            .bind(now)
            .execute(&mut *conn)
            .await?;
        }
    }
    if count("district_holidays").fetch_one(&mut *conn).await? == 0 {
        // The calendar the deadline rules count working days on.
        for cal in Calendars::builtin().iter().filter(|c| c.id() == "bank-rajasthan") {
            for h in cal.holidays() {
                sqlx::query(
                    "INSERT INTO district_holidays (district_id, calendar, day, name_en, name_hi, estimate)
                     VALUES ($1, $2, $3, $4, $5, $6)",
                )
                .bind(district_id)
                .bind(cal.id())
                .bind(h.date.format("%Y-%m-%d").to_string())
                .bind(&h.name.en)
                .bind(&h.name.hi)
                .bind(i64::from(h.estimate))
                .execute(&mut *conn)
                .await?;
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_station_list_parses_and_has_a_default() {
        for (district, (stations, _)) in station_lists() {
            assert!(stations.iter().any(|s| s.default), "{district} has no default station");
            let mut ids: Vec<_> = stations.iter().map(|s| &s.id).collect();
            ids.sort();
            ids.dedup();
            assert_eq!(ids.len(), stations.len(), "{district} repeats a station id");
        }
        assert!(seed_stations("jaipur").len() >= 5);
        assert!(seed_stations("jodhpur").len() >= 5);
        assert!(seed_stations("ajmer").is_empty());
    }
}
