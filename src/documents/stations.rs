//! The police stations of a district (kept in the database, edited by admins under
//! `/admin/districts/{code}/stations`; seeded from `data/stations/<code>.toml`) and the choice
//! of the station for a victim's address.

use unicode_normalization::UnicodeNormalization;

use std::sync::Arc;

use crate::store::Station;
use crate::web::{AppError, AppState};

/// The active stations (and legal-aid contacts) of a district, the default station first.
pub async fn of_district(state: &AppState, district_id: i64) -> Result<Arc<crate::directory::Lists>, AppError> {
    state.directory_lists(district_id).await
}

fn normal(s: &str) -> String {
    s.nfc().collect::<String>().to_lowercase()
}

/// The station whose area the address names, else the district's default station.
pub fn pick<'a>(stations: &'a [Station], address: Option<&str>) -> Option<&'a Station> {
    let address = normal(address.unwrap_or_default());
    stations
        .iter()
        .find(|s| !address.is_empty() && s.areas.iter().any(|a| address.contains(&normal(a))))
        .or_else(|| stations.iter().find(|s| s.is_default))
        .or(stations.first())
}

/// The station for a victim's address in a district (read from the database).
pub async fn for_address(
    state: &AppState,
    district_id: i64,
    address: Option<&str>,
) -> Result<Option<Station>, AppError> {
    let lists = of_district(state, district_id).await?;
    Ok(pick(&lists.stations, address).cloned())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn station(code: &str, areas: &[&str], is_default: bool) -> Station {
        Station {
            id: 0,
            district_id: 1,
            code: code.into(),
            name_en: code.into(),
            name_hi: code.into(),
            areas: areas.iter().map(|a| (*a).to_owned()).collect(),
            phone: None,
            email: None,
            address: None,
            officer_title: None,
            is_default,
            active: true,
        }
    }

    #[test]
    fn the_address_picks_the_station() {
        let list = [
            station("cyber", &[], true),
            station("malviya-nagar", &["malviya nagar", "मालवीय नगर"], false),
            station("mansarovar", &["mansarovar"], false),
        ];
        assert_eq!(pick(&list, Some("42, मालवीय नगर, जयपुर")).unwrap().code, "malviya-nagar");
        assert_eq!(pick(&list, Some("B-12 MANSAROVAR, Jaipur")).unwrap().code, "mansarovar");
        assert_eq!(pick(&list, Some("somewhere else")).unwrap().code, "cyber");
        assert_eq!(pick(&list, None).unwrap().code, "cyber");
        assert!(pick(&[], Some("x")).is_none());
    }
}
