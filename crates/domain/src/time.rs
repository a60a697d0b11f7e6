//! Time as the centre reads it: India Standard Time, stored as UTC.

use chrono::{DateTime, FixedOffset, NaiveDateTime, TimeZone, Utc};

mod when;
pub use when::{Quick, parse_when};

/// India Standard Time, UTC+05:30 (no daylight saving since 1945).
pub fn ist() -> FixedOffset {
    FixedOffset::east_opt(5 * 3600 + 1800).expect("valid offset")
}

/// Reads a local date-time as typed in a form (`2026-03-12T10:45`, with optional seconds,
/// or `2026-03-12 10:45`), taken to be IST.
pub fn parse_ist_local(s: &str) -> Option<DateTime<Utc>> {
    let s = s.trim();
    let naive = ["%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S"]
        .iter()
        .find_map(|f| NaiveDateTime::parse_from_str(s, f).ok())?;
    ist().from_local_datetime(&naive).single().map(|t| t.with_timezone(&Utc))
}

/// The value for an `<input type="datetime-local">` showing this instant in IST.
pub fn to_ist_local(t: DateTime<Utc>) -> String {
    t.with_timezone(&ist()).format("%Y-%m-%dT%H:%M").to_string()
}

/// A compact, language-neutral IST display: `12-03-2026 10:45`.
pub fn display_ist(t: DateTime<Utc>) -> String {
    t.with_timezone(&ist()).format("%d-%m-%Y %H:%M").to_string()
}

/// The IST date alone: `12-03-2026`.
pub fn display_ist_date(t: DateTime<Utc>) -> String {
    t.with_timezone(&ist()).format("%d-%m-%Y").to_string()
}

pub fn from_millis(ms: i64) -> DateTime<Utc> {
    DateTime::from_timestamp_millis(ms).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn local_form_input_is_ist() {
        let t = parse_ist_local("2026-03-12T10:45").unwrap();
        assert_eq!(t.to_rfc3339(), "2026-03-12T05:15:00+00:00");
        assert_eq!(to_ist_local(t), "2026-03-12T10:45");
        assert_eq!(display_ist(t), "12-03-2026 10:45");
        assert_eq!(parse_ist_local("2026-03-12 10:45:30").unwrap().timestamp() % 60, 30);
        assert!(parse_ist_local("12/03/2026").is_none());
        assert!(parse_ist_local("2026-02-30T10:00").is_none());
    }
}
