//! Police stations per district, kept as data (`data/stations/<district code>.toml`), and the
//! choice of the station for a victim's address.

use std::collections::HashMap;
use std::sync::OnceLock;

use sahayak_domain::case::Lang;
use serde::Deserialize;
use unicode_normalization::UnicodeNormalization;

/// The station lists, by district code. A district is added by adding its file here.
const FILES: &[&str] =
    &[include_str!("../../data/stations/jaipur.toml"), include_str!("../../data/stations/jodhpur.toml")];

#[derive(Debug, Clone, Deserialize)]
pub struct Station {
    pub id: String,
    pub name_en: String,
    pub name_hi: String,
    #[serde(default)]
    pub areas: Vec<String>,
    #[serde(default)]
    pub default: bool,
}

impl Station {
    pub fn name(&self, lang: Lang) -> &str {
        match lang {
            Lang::Hi => &self.name_hi,
            Lang::En => &self.name_en,
        }
    }
}

#[derive(Deserialize)]
struct File {
    district: String,
    station: Vec<Station>,
}

fn all() -> &'static HashMap<String, Vec<Station>> {
    static LISTS: OnceLock<HashMap<String, Vec<Station>>> = OnceLock::new();
    LISTS.get_or_init(|| {
        FILES
            .iter()
            .map(|text| {
                let f: File = toml::from_str(text).unwrap_or_else(|e| panic!("data/stations: {e}"));
                (f.district, f.station)
            })
            .collect()
    })
}

/// The stations of a district (none when the district has no list yet).
pub fn of_district(code: &str) -> &'static [Station] {
    all().get(code).map(Vec::as_slice).unwrap_or_default()
}

fn normal(s: &str) -> String {
    s.nfc().collect::<String>().to_lowercase()
}

/// The station whose area the address names, else the district's default station.
pub fn for_address(district: &str, address: Option<&str>) -> Option<&'static Station> {
    let stations = of_district(district);
    let address = normal(address.unwrap_or_default());
    stations
        .iter()
        .find(|s| !address.is_empty() && s.areas.iter().any(|a| address.contains(&normal(a))))
        .or_else(|| stations.iter().find(|s| s.default))
        .or(stations.first())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_list_parses_and_has_a_default() {
        for (district, stations) in all() {
            assert!(stations.iter().any(|s| s.default), "{district} has no default station");
            let mut ids: Vec<_> = stations.iter().map(|s| &s.id).collect();
            ids.dedup();
            assert_eq!(ids.len(), stations.len(), "{district} repeats a station id");
        }
        assert!(of_district("jaipur").len() >= 5);
        assert!(of_district("jodhpur").len() >= 5);
    }

    #[test]
    fn the_address_picks_the_station() {
        assert_eq!(for_address("jaipur", Some("42, मालवीय नगर, जयपुर")).unwrap().id, "malviya-nagar");
        assert_eq!(for_address("jaipur", Some("B-12 MANSAROVAR, Jaipur")).unwrap().id, "mansarovar");
        assert_eq!(for_address("jaipur", Some("somewhere else")).unwrap().id, "cyber");
        assert_eq!(for_address("jaipur", None).unwrap().id, "cyber");
        assert_eq!(for_address("jodhpur", Some("Sardarpura C Road")).unwrap().id, "sardarpura");
        assert!(for_address("ajmer", Some("x")).is_none());
    }
}
