//! Times as people say them at the desk: "now", "30 minutes ago", "कल शाम", "yesterday 9 pm",
//! `07-12-2026 21:28` — all read in IST. The older machine forms (`2026-12-07T21:28`, RFC 3339)
//! still work, so the API and saved links keep working.

use chrono::{DateTime, Duration, NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Utc};
use unicode_normalization::UnicodeNormalization;

use super::{ist, parse_ist_local};

/// The quick choices a time field offers, in the order shown. Their texts live in the
/// catalogs (`when-quick-*`); each must read back through [`parse_when`] to the same instant.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Quick {
    Now,
    Minutes10,
    Minutes30,
    Hour1,
    Hours2,
    YesterdayEvening,
}

impl Quick {
    pub const ALL: [Quick; 6] =
        [Quick::Now, Quick::Minutes10, Quick::Minutes30, Quick::Hour1, Quick::Hours2, Quick::YesterdayEvening];

    /// The catalog key of the choice's text.
    pub fn key(self) -> &'static str {
        match self {
            Quick::Now => "when-quick-now",
            Quick::Minutes10 => "when-quick-10-min",
            Quick::Minutes30 => "when-quick-30-min",
            Quick::Hour1 => "when-quick-1-hour",
            Quick::Hours2 => "when-quick-2-hours",
            Quick::YesterdayEvening => "when-quick-yesterday-evening",
        }
    }

    /// The instant the choice means at `now`.
    pub fn at(self, now: DateTime<Utc>) -> DateTime<Utc> {
        match self {
            Quick::Now => now,
            Quick::Minutes10 => now - Duration::minutes(10),
            Quick::Minutes30 => now - Duration::minutes(30),
            Quick::Hour1 => now - Duration::hours(1),
            Quick::Hours2 => now - Duration::hours(2),
            Quick::YesterdayEvening => at_ist(ist_day(now) - Duration::days(1), EVENING, 0),
        }
    }
}

/// Hours that "morning", "afternoon", "evening" and "night" stand for.
const MORNING: u32 = 9;
const AFTERNOON: u32 = 14;
const EVENING: u32 = 19;
const NIGHT: u32 = 22;

/// Reads a time typed into a date-time field, as of `now`. Hindi, English and Hinglish words
/// are all understood whatever the page's language; digits may be Devanagari. `None` when the
/// text cannot be read (the caller says so beside the field; an empty field is the caller's
/// business too).
pub fn parse_when(text: &str, now: DateTime<Utc>) -> Option<DateTime<Utc>> {
    let raw = text.trim();
    if raw.is_empty() {
        return None;
    }
    // The machine forms start with a four-digit year (chrono would take "07" for year 7).
    let machine = raw.len() > 10 && raw.as_bytes()[..4].iter().all(u8::is_ascii_digit) && raw.as_bytes()[4] == b'-';
    if machine
        && let Some(t) = parse_ist_local(raw).or_else(|| DateTime::parse_from_rfc3339(raw).ok().map(|t| t.to_utc()))
    {
        return Some(t);
    }
    let s = normalise(raw);
    let words: Vec<&str> = s.split_whitespace().collect();
    absolute(&words).or_else(|| relative(&words, now)).or_else(|| spoken(&words, now))
}

/// Lower case, NFC, ASCII digits, spaces between numbers and words ("30min" → "30 min"),
/// without "IST" and punctuation that carries nothing.
fn normalise(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    let mut prev: Option<char> = None;
    for c in s.nfc().flat_map(char::to_lowercase) {
        let c = match c {
            '०'..='९' => char::from(b'0' + (c as u32 - '०' as u32) as u8),
            ',' | '—' | '–' => ' ',
            _ => c,
        };
        if let Some(p) = prev
            && (p.is_ascii_digit() != c.is_ascii_digit())
            && !matches!(c, ':' | '.' | '-' | '/' | ' ')
            && !matches!(p, ':' | '.' | '-' | '/' | ' ')
        {
            out.push(' ');
        }
        out.push(c);
        prev = Some(c);
    }
    out.split_whitespace().filter(|w| !matches!(*w, "ist" | "आईएसटी")).collect::<Vec<_>>().join(" ")
}

/// `07-12-2026 21:28`, `7/12/2026 9:28 pm`, `07.12.2026`, a date alone (its midnight).
fn absolute(words: &[&str]) -> Option<DateTime<Utc>> {
    let (date, rest) = words.split_first()?;
    let parts: Vec<&str> = date.split(['-', '/', '.']).collect();
    let [d, m, y] = parts.as_slice() else { return None };
    if y.len() != 4 {
        return None;
    }
    let date = NaiveDate::from_ymd_opt(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)?;
    let (hour, minute) = if rest.is_empty() { (0, 0) } else { clock(rest, None)? };
    Some(at_ist(date, hour, minute))
}

/// "now", "30 minutes ago", "2 घंटे पहले", "an hour ago", "आधा घंटा पहले", "3 din pehle".
fn relative(words: &[&str], now: DateTime<Utc>) -> Option<DateTime<Utc>> {
    if let [w] = words
        && matches!(*w, "now" | "just" | "अभी" | "abhi" | "abhee" | "turant")
    {
        return Some(now);
    }
    let words = match words {
        ["just", "now"] | ["अभी", "अभी"] => return Some(now),
        [rest @ .., last]
            if matches!(*last, "ago" | "back" | "before" | "पहले" | "pehle" | "pahle" | "purv" | "पूर्व") =>
        {
            rest
        }
        _ => return None,
    };
    let (count, unit) = match words {
        ["half", "an", "hour"] | ["half", "hour"] | ["आधा", "घंटा"] | ["aadha", "ghanta"] => (30, "min"),
        ["an" | "a" | "one" | "एक", unit] => (1, *unit),
        [n, unit] => (n.parse::<i64>().ok()?, *unit),
        [unit] if matches!(*unit, "घंटा" | "ghanta" | "hour") => (1, *unit),
        _ => return None,
    };
    if !(0..=100_000).contains(&count) {
        return None;
    }
    let minutes = match unit {
        "m" | "min" | "mins" | "minute" | "minutes" | "मिनट" | "minat" => 1,
        "h" | "hr" | "hrs" | "hour" | "hours" | "घंटा" | "घंटे" | "घण्टा" | "घण्टे" | "ghanta" | "ghante" => {
            60
        }
        "d" | "day" | "days" | "दिन" | "din" => 1440,
        "week" | "weeks" | "हफ़्ता" | "हफ़्ते" | "हफ्ता" | "हफ्ते" | "सप्ताह" => {
            7 * 1440
        }
        _ => return None,
    };
    Some(now - Duration::minutes(count * minutes))
}

/// A day word, a part of the day and a clock time in any order that people use:
/// "yesterday evening", "कल शाम 7 बजे", "today 14:05", "aaj subah 9:30", "9:30 pm", "परसों रात".
fn spoken(words: &[&str], now: DateTime<Utc>) -> Option<DateTime<Utc>> {
    let today = ist_day(now);
    let joined = words.join(" ").replace("day before yesterday", "परसों");
    let mut day = None;
    let mut part = None;
    let mut rest = Vec::new();
    for w in joined.split(' ') {
        match w {
            "today" | "आज" | "aaj" | "aj" => day = Some(today),
            "yesterday" | "कल" | "kal" => day = Some(today - Duration::days(1)),
            "परसों" | "parso" | "parson" => day = Some(today - Duration::days(2)),
            "morning" | "सुबह" | "subah" | "subha" | "सवेरे" => part = Some(MORNING),
            "afternoon" | "noon" | "दोपहर" | "dopahar" | "dopehar" => part = Some(AFTERNOON),
            "evening" | "शाम" | "sham" | "shaam" => part = Some(EVENING),
            "night" | "tonight" | "रात" | "raat" | "rat" => part = Some(NIGHT),
            "at" | "को" | "ko" | "in" | "the" | "last" => {}
            w => rest.push(w),
        }
    }
    let (hour, minute) = match (rest.is_empty(), part) {
        (true, Some(p)) => (p, 0),
        (true, None) => return None,
        (false, p) => clock(&rest, p)?,
    };
    Some(at_ist(day.unwrap_or(today), hour, minute))
}

/// A clock time: `21:28`, `9.30`, `9 pm`, `9:30 am`, `7 बजे` (read with the part of the day:
/// "शाम 7 बजे" is 19:00).
fn clock(words: &[&str], part: Option<u32>) -> Option<(u32, u32)> {
    let mut words = words.to_vec();
    let mut meridiem = None;
    words.retain(|w| match *w {
        "am" | "a.m." => {
            meridiem = Some(false);
            false
        }
        "pm" | "p.m." => {
            meridiem = Some(true);
            false
        }
        "बजे" | "baje" | "o'clock" | "hrs" | "h" => false,
        _ => true,
    });
    let [t] = words.as_slice() else { return None };
    let (h, m) = match t.split_once([':', '.']) {
        Some((h, m)) if m.len() == 2 => (h.parse::<u32>().ok()?, m.parse::<u32>().ok()?),
        Some(_) => return None,
        None => (t.parse::<u32>().ok()?, 0),
    };
    if m > 59 || h > 23 {
        return None;
    }
    let h = match (meridiem, part) {
        (Some(_), _) if h == 0 || h > 12 => return None,
        (Some(false), _) => h % 12,
        (Some(true), _) => h % 12 + 12,
        // "शाम 7 बजे", "रात 10", "दोपहर 2": the afternoon, evening and night are after noon.
        (None, Some(p)) if p >= AFTERNOON && h < 12 => h + 12,
        (None, _) => h,
    };
    NaiveTime::from_hms_opt(h, m, 0)?;
    Some((h, m))
}

fn ist_day(now: DateTime<Utc>) -> NaiveDate {
    now.with_timezone(&ist()).date_naive()
}

fn at_ist(date: NaiveDate, hour: u32, minute: u32) -> DateTime<Utc> {
    let naive = NaiveDateTime::new(date, NaiveTime::from_hms_opt(hour, minute, 0).unwrap_or_default());
    ist().from_local_datetime(&naive).single().map(|t| t.to_utc()).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// 7 December 2026, 21:58 IST.
    fn now() -> DateTime<Utc> {
        at_ist(NaiveDate::from_ymd_opt(2026, 12, 7).unwrap(), 21, 58)
    }

    fn ist_text(t: DateTime<Utc>) -> String {
        super::super::display_ist(t)
    }

    fn read(s: &str) -> Option<String> {
        parse_when(s, now()).map(ist_text)
    }

    #[test]
    fn now_and_minutes_ago_in_both_languages() {
        assert_eq!(read("now").as_deref(), Some("07-12-2026 21:58"));
        assert_eq!(read(" अभी ").as_deref(), Some("07-12-2026 21:58"));
        assert_eq!(read("30 minutes ago").as_deref(), Some("07-12-2026 21:28"));
        assert_eq!(read("30 मिनट पहले").as_deref(), Some("07-12-2026 21:28"));
        assert_eq!(read("३० मिनट पहले").as_deref(), Some("07-12-2026 21:28"));
        assert_eq!(read("30min ago").as_deref(), Some("07-12-2026 21:28"));
        assert_eq!(read("2 घंटे पहले").as_deref(), Some("07-12-2026 19:58"));
        assert_eq!(read("an hour ago").as_deref(), Some("07-12-2026 20:58"));
        assert_eq!(read("आधा घंटा पहले").as_deref(), Some("07-12-2026 21:28"));
        assert_eq!(read("3 din pehle").as_deref(), Some("04-12-2026 21:58"));
        assert_eq!(read("2 days ago").as_deref(), Some("05-12-2026 21:58"));
    }

    #[test]
    fn days_and_parts_of_the_day() {
        assert_eq!(read("yesterday evening").as_deref(), Some("06-12-2026 19:00"));
        assert_eq!(read("कल शाम").as_deref(), Some("06-12-2026 19:00"));
        assert_eq!(read("कल शाम 7:30 बजे").as_deref(), Some("06-12-2026 19:30"));
        assert_eq!(read("kal raat 10 baje").as_deref(), Some("06-12-2026 22:00"));
        assert_eq!(read("आज सुबह 9").as_deref(), Some("07-12-2026 09:00"));
        assert_eq!(read("today 14:05").as_deref(), Some("07-12-2026 14:05"));
        assert_eq!(read("yesterday 9 pm").as_deref(), Some("06-12-2026 21:00"));
        assert_eq!(read("9:30 am").as_deref(), Some("07-12-2026 09:30"));
        assert_eq!(read("21:10").as_deref(), Some("07-12-2026 21:10"));
        assert_eq!(read("परसों रात").as_deref(), Some("05-12-2026 22:00"));
        assert_eq!(read("day before yesterday morning").as_deref(), Some("05-12-2026 09:00"));
    }

    #[test]
    fn dates_as_typed_in_india_and_the_old_machine_forms() {
        assert_eq!(read("07-12-2026 21:28").as_deref(), Some("07-12-2026 21:28"));
        assert_eq!(read("7/12/2026 9:28 pm").as_deref(), Some("07-12-2026 21:28"));
        assert_eq!(read("07.12.2026 21.28 IST").as_deref(), Some("07-12-2026 21:28"));
        assert_eq!(read("०७-१२-२०२६ २१:२८").as_deref(), Some("07-12-2026 21:28"));
        assert_eq!(read("05-12-2026").as_deref(), Some("05-12-2026 00:00"));
        assert_eq!(read("2026-12-07T21:28").as_deref(), Some("07-12-2026 21:28"));
        assert_eq!(read("2026-12-07T15:58:00Z").as_deref(), Some("07-12-2026 21:28"));
    }

    #[test]
    fn what_cannot_be_read_is_refused() {
        for s in [
            "",
            "soon",
            "31-02-2026 10:00",
            "07-12-26 10:00",
            "25:00",
            "13 pm",
            "12/07",
            "ago",
            "x minutes ago",
            "yesterday 10:7",
            "minutes",
            "कल 99",
        ] {
            assert_eq!(read(s), None, "{s:?}");
        }
    }

    #[test]
    fn quick_choices_mean_what_they_say() {
        assert_eq!(ist_text(Quick::Minutes30.at(now())), "07-12-2026 21:28");
        assert_eq!(ist_text(Quick::YesterdayEvening.at(now())), "06-12-2026 19:00");
        // Just after midnight IST, "yesterday" is the day that just ended.
        let early = at_ist(NaiveDate::from_ymd_opt(2026, 12, 8).unwrap(), 0, 5);
        assert_eq!(ist_text(Quick::YesterdayEvening.at(early)), "07-12-2026 19:00");
    }
}
