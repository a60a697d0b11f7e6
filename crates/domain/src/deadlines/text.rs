//! Bilingual text and the small parsing helpers shared by the rule and calendar data.

use chrono::NaiveDate;
use serde::{Deserialize, Deserializer, Serialize};

/// A language the victim-facing text is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// English.
    En,
    /// Hindi (Devanagari), in plain words a victim understands.
    Hi,
}

/// The same message in English and Hindi. Both are required by the data loaders, so
/// a screen never falls back to a language the victim cannot read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Text {
    /// English.
    pub en: String,
    /// Hindi.
    pub hi: String,
}

impl Text {
    /// The text in `lang`.
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::En => &self.en,
            Lang::Hi => &self.hi,
        }
    }

    /// True when either language is missing, which the loaders reject.
    pub(crate) fn has_blank(&self) -> bool {
        self.en.trim().is_empty() || self.hi.trim().is_empty()
    }
}

/// Reads a TOML local date (`2026-01-26`, unquoted) into a `NaiveDate`.
///
/// The data files use native TOML dates so an admin editing them gets a syntax error
/// for `2026-02-30` instead of a silently wrong string. A date-time or a quoted string
/// is rejected: a holiday or an "applies from" is a whole IST day.
pub(crate) fn de_date<'de, D: Deserializer<'de>>(d: D) -> Result<NaiveDate, D::Error> {
    let raw = toml::value::Datetime::deserialize(d)?;
    toml_date(&raw).map_err(serde::de::Error::custom)
}

/// As [`de_date`], for an optional field.
pub(crate) fn de_opt_date<'de, D: Deserializer<'de>>(d: D) -> Result<Option<NaiveDate>, D::Error> {
    let raw = Option::<toml::value::Datetime>::deserialize(d)?;
    raw.map(|r| toml_date(&r).map_err(serde::de::Error::custom)).transpose()
}

fn toml_date(raw: &toml::value::Datetime) -> Result<NaiveDate, String> {
    match (raw.date, raw.time, raw.offset) {
        (Some(d), None, None) => NaiveDate::from_ymd_opt(i32::from(d.year), u32::from(d.month), u32::from(d.day))
            .ok_or_else(|| format!("{raw} is not a calendar date")),
        _ => Err(format!("expected a plain date like 2026-01-26, found {raw}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Deserialize)]
    struct Probe {
        #[serde(deserialize_with = "de_date")]
        d: NaiveDate,
    }

    #[test]
    fn reads_native_toml_dates_only() {
        let ok: Probe = toml::from_str("d = 2026-11-09").unwrap();
        assert_eq!(ok.d, NaiveDate::from_ymd_opt(2026, 11, 9).unwrap());
        assert!(toml::from_str::<Probe>("d = \"2026-11-09\"").is_err());
        assert!(toml::from_str::<Probe>("d = 2026-11-09T10:00:00").is_err());
        assert!(toml::from_str::<Probe>("d = 2026-02-30").is_err());
    }

    #[test]
    fn text_by_language() {
        let t = Text { en: "Bank".into(), hi: "बैंक".into() };
        assert_eq!(t.get(Lang::Hi), "बैंक");
        assert!(!t.has_blank());
    }
}
