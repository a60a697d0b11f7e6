//! ISO-8601 durations as the plan files write them (`PT1H`, `P1D`, `P2W`, `P1DT12H`).
//!
//! Only fixed-length units are accepted: weeks, days, hours, minutes and seconds. Years
//! and months have no fixed length, so a plan that needs "one month" says `P30D`.

use chrono::TimeDelta;

/// Parses a duration such as `PT1H` or `P3D`. Units must come in ISO order, each at
/// most once, with whole numbers; the result must be longer than zero.
pub fn parse(text: &str) -> Result<TimeDelta, String> {
    let bad = |why: &str| Err(format!("duration {text:?}: {why} (write e.g. PT1H, PT30M, P1D, P2W)"));
    let Some(rest) = text.strip_prefix('P') else {
        return bad("must start with P");
    };
    let (date, time) = match rest.split_once('T') {
        Some((_, "")) => return bad("T needs a time part"),
        Some((d, t)) => (d, Some(t)),
        None => (rest, None),
    };
    let mut total = TimeDelta::zero();
    let mut any = false;
    for (part, units) in
        [(Some(date), &[('W', 604_800), ('D', 86_400)][..]), (time, &[('H', 3_600), ('M', 60), ('S', 1)][..])]
    {
        let Some(mut part) = part else { continue };
        let mut next_unit = 0;
        while !part.is_empty() {
            let digits = part.bytes().take_while(u8::is_ascii_digit).count();
            let Some(unit) = part[digits..].chars().next() else {
                return bad("a number needs a unit");
            };
            if digits == 0 {
                return bad("a unit needs a number before it");
            }
            let Some(pos) = units.iter().position(|&(u, _)| u == unit) else {
                return bad(if unit == 'Y' || unit == 'M' {
                    "years and months have no fixed length"
                } else {
                    "unknown unit"
                });
            };
            if pos < next_unit {
                return bad("units are out of order or repeated");
            }
            next_unit = pos + 1;
            let n: i64 = part[..digits].parse().map_err(|_| format!("duration {text:?}: number too large"))?;
            let secs = n.checked_mul(units[pos].1).ok_or_else(|| format!("duration {text:?}: too long"))?;
            total = total
                .checked_add(&TimeDelta::try_seconds(secs).ok_or_else(|| format!("duration {text:?}: too long"))?)
                .ok_or_else(|| format!("duration {text:?}: too long"))?;
            any = true;
            part = &part[digits + unit.len_utf8()..];
        }
    }
    if !any {
        return bad("no amount given");
    }
    if total <= TimeDelta::zero() {
        return bad("must be longer than zero");
    }
    Ok(total)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fixed_units() {
        assert_eq!(parse("PT1H"), Ok(TimeDelta::hours(1)));
        assert_eq!(parse("PT24H"), Ok(TimeDelta::hours(24)));
        assert_eq!(parse("PT30M"), Ok(TimeDelta::minutes(30)));
        assert_eq!(parse("PT90S"), Ok(TimeDelta::seconds(90)));
        assert_eq!(parse("P1D"), Ok(TimeDelta::days(1)));
        assert_eq!(parse("P2W"), Ok(TimeDelta::weeks(2)));
        assert_eq!(parse("P1DT12H"), Ok(TimeDelta::hours(36)));
        assert_eq!(parse("PT1H30M"), Ok(TimeDelta::minutes(90)));
    }

    #[test]
    fn rejects_what_is_not_a_fixed_positive_duration() {
        for bad in
            ["", "P", "PT", "1H", "PT1", "PTH", "P1M", "P1Y", "PT0H", "P1H", "PT1D", "PT1M1H", "PT1H1H", "P1DT", "pt1h"]
        {
            assert!(parse(bad).is_err(), "{bad:?} should be rejected");
        }
        assert!(parse("P99999999999999999999D").is_err());
    }
}
