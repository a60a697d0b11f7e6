//! Working-day calendars (a bank's home branch, a government office), kept as data in
//! `data/deadlines/holidays.toml` so an admin can correct a holiday without a release.
//!
//! RBI counts the customer's reporting window in working days of the *home branch*,
//! excluding the day the bank's message was received. Every function here therefore
//! works on IST calendar dates and counts half-open ranges `(from, to]`.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::LazyLock;

use chrono::{Datelike, NaiveDate, Weekday};
use serde::{Deserialize, Serialize};

use super::DataError;
use super::text::{Text, de_date};

const BUILTIN_TOML: &str = include_str!("../../data/deadlines/holidays.toml");

static BUILTIN: LazyLock<Calendars> = LazyLock::new(|| {
    // The embedded file is checked by `builtin_calendars_parse` in the tests, so a
    // failure here means the binary was built from data that never passed them.
    Calendars::from_toml(BUILTIN_TOML).unwrap_or_else(|e| panic!("embedded holidays.toml: {e}"))
});

/// One dated holiday.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Holiday {
    /// The IST date.
    #[serde(deserialize_with = "de_date")]
    pub date: NaiveDate,
    /// Its name in English and Hindi.
    pub name: Text,
    /// True when the date is provisional (moon sighting, or sources disagree). A
    /// deadline whose count passes over such a day is flagged `verify`.
    #[serde(default)]
    pub estimate: bool,
}

/// Day names as written in the data file.
#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(rename_all = "lowercase")]
enum DayName {
    Monday,
    Tuesday,
    Wednesday,
    Thursday,
    Friday,
    Saturday,
    Sunday,
}

impl From<DayName> for Weekday {
    fn from(d: DayName) -> Self {
        match d {
            DayName::Monday => Weekday::Mon,
            DayName::Tuesday => Weekday::Tue,
            DayName::Wednesday => Weekday::Wed,
            DayName::Thursday => Weekday::Thu,
            DayName::Friday => Weekday::Fri,
            DayName::Saturday => Weekday::Sat,
            DayName::Sunday => Weekday::Sun,
        }
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCalendar {
    id: String,
    name: Text,
    source: String,
    covered_years: Vec<i32>,
    weekly_off: Vec<DayName>,
    #[serde(default)]
    saturdays_off: Vec<u8>,
    #[serde(default)]
    verify: bool,
    #[serde(default)]
    verify_note: Option<String>,
    #[serde(default)]
    holiday: Vec<Holiday>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    schema: u32,
    calendar: Vec<RawCalendar>,
}

/// A working-day calendar: weekly offs, "nth Saturday" offs and dated holidays.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Calendar {
    id: String,
    name: Text,
    source: String,
    covered_years: BTreeSet<i32>,
    weekly_off: BTreeSet<u32>,
    saturdays_off: BTreeSet<u32>,
    holidays: BTreeMap<NaiveDate, Holiday>,
    verify: bool,
    verify_note: Option<String>,
}

impl Calendar {
    /// A calendar built in code (tests, or an admin preview before saving).
    ///
    /// `saturdays_off` lists which Saturdays of a month are off (RBI: 2nd and 4th).
    pub fn new(
        id: &str,
        weekly_off: &[Weekday],
        saturdays_off: &[u8],
        holidays: Vec<Holiday>,
        covered_years: &[i32],
    ) -> Result<Self, DataError> {
        let raw_days = weekly_off.iter().map(|w| w.num_days_from_monday()).collect();
        Self::build(
            id.to_owned(),
            Text { en: id.to_owned(), hi: id.to_owned() },
            String::new(),
            covered_years.iter().copied().collect(),
            raw_days,
            saturdays_off,
            holidays,
            (false, None),
        )
    }

    #[allow(clippy::too_many_arguments)] // private constructor shared by data and code paths
    fn build(
        id: String,
        name: Text,
        source: String,
        covered_years: BTreeSet<i32>,
        weekly_off: BTreeSet<u32>,
        saturdays_off: &[u8],
        holiday_list: Vec<Holiday>,
        (verify, verify_note): (bool, Option<String>),
    ) -> Result<Self, DataError> {
        let bad = |msg: String| DataError::Invalid(format!("calendar {id}: {msg}"));
        if id.trim().is_empty() {
            return Err(DataError::Invalid("a calendar has an empty id".into()));
        }
        // Every day off would make add_working_days loop forever.
        if weekly_off.len() >= 7 {
            return Err(bad("every weekday is a weekly off".into()));
        }
        if let Some(n) = saturdays_off.iter().find(|n| !(1..=5).contains(*n)) {
            return Err(bad(format!("saturdays_off has {n}; a month has Saturdays 1 to 5")));
        }
        let mut holidays = BTreeMap::new();
        for h in holiday_list {
            if h.name.has_blank() {
                return Err(bad(format!("holiday {} needs a name in English and Hindi", h.date)));
            }
            let date = h.date;
            if holidays.insert(date, h).is_some() {
                return Err(bad(format!("{date} is listed twice; combine the names")));
            }
        }
        Ok(Self {
            id,
            name,
            source,
            covered_years,
            weekly_off,
            saturdays_off: saturdays_off.iter().map(|&n| u32::from(n)).collect(),
            holidays,
            verify,
            verify_note,
        })
    }

    /// This calendar with another list of dated holidays (a district's own list); weekly
    /// offs, covered years and source stay.
    pub fn with_holidays(&self, holidays: Vec<Holiday>) -> Result<Self, DataError> {
        Self::build(
            self.id.clone(),
            self.name.clone(),
            self.source.clone(),
            self.covered_years.clone(),
            self.weekly_off.clone(),
            &self.saturdays_off.iter().map(|&n| n as u8).collect::<Vec<u8>>(),
            holidays,
            (self.verify, self.verify_note.clone()),
        )
    }

    /// The stable id rules refer to, e.g. `bank-rajasthan`.
    pub fn id(&self) -> &str {
        &self.id
    }

    /// Human-readable name.
    pub fn name(&self) -> &Text {
        &self.name
    }

    /// Where the holiday list comes from.
    pub fn source(&self) -> &str {
        &self.source
    }

    /// True when the calendar as a whole still needs checking (see `verify_note`).
    pub fn verify(&self) -> bool {
        self.verify
    }

    /// Why the calendar needs checking, if it does.
    pub fn verify_note(&self) -> Option<&str> {
        self.verify_note.as_deref()
    }

    /// Whether the holiday list for `date`'s year has been entered and checked. Outside
    /// those years only the weekly offs are known, so results must be verified.
    pub fn covers(&self, date: NaiveDate) -> bool {
        self.covers_year(date.year())
    }

    /// As [`Calendar::covers`], for a whole year.
    pub fn covers_year(&self, year: i32) -> bool {
        self.covered_years.contains(&year)
    }

    /// The dated holiday on `date`, if any.
    pub fn holiday(&self, date: NaiveDate) -> Option<&Holiday> {
        self.holidays.get(&date)
    }

    /// All dated holidays, in date order.
    pub fn holidays(&self) -> impl Iterator<Item = &Holiday> {
        self.holidays.values()
    }

    /// Dated holidays in `(after, up_to]`.
    pub fn holidays_between(&self, after: NaiveDate, up_to: NaiveDate) -> impl Iterator<Item = &Holiday> {
        let range = after.succ_opt().filter(|s| *s <= up_to).map(|s| s..=up_to);
        range.into_iter().flat_map(|r| self.holidays.range(r).map(|(_, h)| h))
    }

    /// Whether `date` is a weekly off (a Sunday, or a 2nd/4th Saturday for banks).
    pub fn is_weekly_off(&self, date: NaiveDate) -> bool {
        let weekday = date.weekday();
        if self.weekly_off.contains(&weekday.num_days_from_monday()) {
            return true;
        }
        // The nth Saturday of a month: days 1-7 are the 1st, 8-14 the 2nd, and so on.
        weekday == Weekday::Sat && self.saturdays_off.contains(&(date.day0() / 7 + 1))
    }

    /// Whether offices/branches on this calendar are open on `date`.
    pub fn is_working_day(&self, date: NaiveDate) -> bool {
        !self.is_weekly_off(date) && !self.holidays.contains_key(&date)
    }

    /// The `n`th working day after `from`, not counting `from` itself (RBI: "excluding
    /// the date of receiving the communication"). `n = 0` returns `from`.
    pub fn add_working_days(&self, from: NaiveDate, n: u32) -> NaiveDate {
        let mut date = from;
        let mut counted = 0;
        while counted < n {
            // Past chrono's last date there is nothing left to count; stop rather than panic.
            let Some(next) = date.succ_opt() else {
                return date;
            };
            date = next;
            if self.is_working_day(date) {
                counted += 1;
            }
        }
        date
    }

    /// Working days in `(from, to]`: how many working days have passed by `to` when the
    /// clock started on `from`. Zero when `to` is not after `from`.
    pub fn working_days_between(&self, from: NaiveDate, to: NaiveDate) -> u32 {
        from.iter_days()
            .skip(1)
            .take_while(|d| *d <= to)
            .filter(|d| self.is_working_day(*d))
            .fold(0, |n, _| n.saturating_add(1))
    }
}

/// All calendars, by id.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Calendars {
    by_id: BTreeMap<String, Calendar>,
}

impl Calendars {
    /// The calendars embedded from `data/deadlines/holidays.toml`, parsed once.
    pub fn builtin() -> &'static Calendars {
        &BUILTIN
    }

    /// Parses a holidays file (same format as the embedded one).
    pub fn from_toml(text: &str) -> Result<Self, DataError> {
        let raw: RawFile = toml::from_str(text).map_err(|e| DataError::toml("holidays", &e))?;
        if raw.schema != 1 {
            return Err(DataError::Invalid(format!("holidays schema {} is not supported", raw.schema)));
        }
        let mut calendars = Self::default();
        for c in raw.calendar {
            let weekly_off = c.weekly_off.into_iter().map(|d| Weekday::from(d).num_days_from_monday()).collect();
            let years = c.covered_years.into_iter().collect();
            let cal = Calendar::build(
                c.id,
                c.name,
                c.source,
                years,
                weekly_off,
                &c.saturdays_off,
                c.holiday,
                (c.verify, c.verify_note),
            )?;
            calendars.insert(cal)?;
        }
        Ok(calendars)
    }

    /// Adds a calendar; ids must be unique.
    pub fn insert(&mut self, calendar: Calendar) -> Result<(), DataError> {
        if self.by_id.contains_key(calendar.id()) {
            return Err(DataError::Invalid(format!("calendar {} is defined twice", calendar.id())));
        }
        self.by_id.insert(calendar.id.clone(), calendar);
        Ok(())
    }

    /// Puts `calendar` in place of the one with its id (or adds it).
    pub fn replace(&mut self, calendar: Calendar) {
        self.by_id.insert(calendar.id.clone(), calendar);
    }

    /// The calendar with this id.
    pub fn get(&self, id: &str) -> Option<&Calendar> {
        self.by_id.get(id)
    }

    /// All calendars, by id order.
    pub fn iter(&self) -> impl Iterator<Item = &Calendar> {
        self.by_id.values()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn bank() -> Calendar {
        let holiday =
            Holiday { date: d(2026, 1, 26), name: Text { en: "R".into(), hi: "र".into() }, estimate: false };
        Calendar::new("t", &[Weekday::Sun], &[2, 4], vec![holiday], &[2026]).unwrap()
    }

    #[test]
    fn nth_saturday() {
        // January 2026 starts on a Thursday, so its Saturdays are 3, 10, 17, 24, 31.
        let c = bank();
        assert!(c.is_working_day(d(2026, 1, 3))); // 1st
        assert!(!c.is_working_day(d(2026, 1, 10))); // 2nd
        assert!(c.is_working_day(d(2026, 1, 17))); // 3rd
        assert!(!c.is_working_day(d(2026, 1, 24))); // 4th
        assert!(c.is_working_day(d(2026, 1, 31))); // 5th
    }

    #[test]
    fn counting_excludes_the_start_day() {
        // From Fri 23 Jan 2026: Sat 24 (4th Sat), Sun 25, Mon 26 (Republic Day) are off;
        // Tue 27 is working day 1, Wed 28 is 2, Thu 29 is 3.
        let c = bank();
        assert_eq!(c.add_working_days(d(2026, 1, 23), 0), d(2026, 1, 23));
        assert_eq!(c.add_working_days(d(2026, 1, 23), 1), d(2026, 1, 27));
        assert_eq!(c.add_working_days(d(2026, 1, 23), 3), d(2026, 1, 29));
        assert_eq!(c.working_days_between(d(2026, 1, 23), d(2026, 1, 26)), 0);
        assert_eq!(c.working_days_between(d(2026, 1, 23), d(2026, 1, 29)), 3);
        assert_eq!(c.working_days_between(d(2026, 1, 29), d(2026, 1, 23)), 0);
    }

    #[test]
    fn rejects_impossible_calendars() {
        let all = [Weekday::Mon, Weekday::Tue, Weekday::Wed, Weekday::Thu, Weekday::Fri, Weekday::Sat, Weekday::Sun];
        assert!(Calendar::new("x", &all, &[], vec![], &[]).is_err());
        assert!(Calendar::new("x", &[], &[6], vec![], &[]).is_err());
    }
}
