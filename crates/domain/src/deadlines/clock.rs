//! Time as the deadlines engine sees it: an injected clock, and Indian Standard Time.
//!
//! Deadlines are stored and compared in UTC, but every rule is *stated* in Indian terms
//! ("within 3 working days", "within 30 days") and days begin and end at IST midnight.
//! IST has had a fixed +05:30 offset with no daylight saving since 1945, so a
//! `FixedOffset` is exact; pulling in a full time-zone database would buy nothing.

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Utc};

/// IST's offset from UTC in seconds (+05:30).
pub const IST_OFFSET_SECS: i32 = 5 * 3600 + 30 * 60;

/// Source of "now". The domain never reads the system clock itself, so every
/// computation can be replayed in a test or an audit with a fixed instant.
pub trait Clock: Send + Sync {
    /// The current instant.
    fn now(&self) -> DateTime<Utc>;
}

/// A clock stopped at one instant, for tests and for recomputing a past view.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FixedClock(pub DateTime<Utc>);

impl Clock for FixedClock {
    fn now(&self) -> DateTime<Utc> {
        self.0
    }
}

// Evaluated at compile time, so an invalid offset is a build error, not a runtime panic.
const IST: FixedOffset = match FixedOffset::east_opt(IST_OFFSET_SECS) {
    Some(offset) => offset,
    None => panic!("+05:30 is a valid UTC offset"),
};

const LAST_SECOND: NaiveTime = match NaiveTime::from_hms_opt(23, 59, 59) {
    Some(t) => t,
    None => panic!("23:59:59 is a valid time"),
};

/// Asia/Kolkata as a fixed offset (+05:30).
pub fn ist() -> FixedOffset {
    IST
}

/// The instant shown on an Indian wall clock.
pub fn to_ist(at: DateTime<Utc>) -> DateTime<FixedOffset> {
    at.with_timezone(&ist())
}

/// The IST calendar date of an instant. Rules count days by this date, never by the
/// UTC date: 00:10 IST on 1 Jan is still 31 Dec in UTC.
pub fn ist_date(at: DateTime<Utc>) -> NaiveDate {
    to_ist(at).date_naive()
}

/// The UTC instant of an IST wall-clock time.
pub fn from_ist(local: NaiveDateTime) -> DateTime<Utc> {
    match ist().from_local_datetime(&local).single() {
        Some(t) => t.with_timezone(&Utc),
        // Unreachable for a fixed offset (every local time maps to exactly one
        // instant); kept instead of a panic path.
        None => local.and_utc(),
    }
}

/// Convenience for writing IST times: `ist_at(2026, 11, 6, 18, 30)`.
/// Returns `None` for an impossible date or time.
pub fn ist_at(year: i32, month: u32, day: u32, hour: u32, minute: u32) -> Option<DateTime<Utc>> {
    let date = NaiveDate::from_ymd_opt(year, month, day)?;
    Some(from_ist(date.and_hms_opt(hour, minute, 0)?))
}

/// The last second of an IST day (23:59:59 IST). A day-based deadline ("within 3
/// days") runs to the end of its last day, as the General Clauses Act reads it.
pub fn end_of_ist_day(date: NaiveDate) -> DateTime<Utc> {
    from_ist(date.and_time(LAST_SECOND))
}

/// The first instant of an IST day (00:00 IST).
pub fn start_of_ist_day(date: NaiveDate) -> DateTime<Utc> {
    from_ist(date.and_time(NaiveTime::MIN))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Timelike;

    #[test]
    fn new_year_in_ist_is_still_the_old_year_in_utc() {
        // 00:10 IST on 1 Jan 2027 = 18:40 UTC on 31 Dec 2026 (subtract 5 h 30 min).
        let t = ist_at(2027, 1, 1, 0, 10).unwrap();
        assert_eq!(t.date_naive(), NaiveDate::from_ymd_opt(2026, 12, 31).unwrap());
        assert_eq!((t.hour(), t.minute()), (18, 40));
        assert_eq!(ist_date(t), NaiveDate::from_ymd_opt(2027, 1, 1).unwrap());
    }

    #[test]
    fn end_of_day_is_18_29_59_utc() {
        // 23:59:59 IST - 5:30 = 18:29:59 UTC the same day.
        let d = NaiveDate::from_ymd_opt(2026, 5, 2).unwrap();
        let t = end_of_ist_day(d);
        assert_eq!((t.hour(), t.minute(), t.second()), (18, 29, 59));
        assert_eq!(t.date_naive(), d);
    }

    #[test]
    fn fixed_clock_returns_its_instant() {
        let t = ist_at(2026, 3, 10, 23, 30).unwrap();
        let clock: &dyn Clock = &FixedClock(t);
        assert_eq!(clock.now(), t);
    }
}
