//! Phone numbers: from a run of digits (and whether a `+` came first) to E.164.

/// Length in digits of the country calling code at the start of `d` (E.164 zones:
/// 1 and 7 are one digit, a fixed set of two-digit codes, all others three digits).
fn country_code_len(d: &[u8]) -> Option<usize> {
    const TWO: &[&[u8; 2]] = &[
        b"20", b"27", b"30", b"31", b"32", b"33", b"34", b"36", b"39", b"40", b"41", b"43", b"44", b"45", b"46", b"47",
        b"48", b"49", b"51", b"52", b"53", b"54", b"55", b"56", b"57", b"58", b"60", b"61", b"62", b"63", b"64", b"65",
        b"66", b"81", b"82", b"84", b"86", b"90", b"91", b"92", b"93", b"94", b"95", b"98",
    ];
    match d.first()? {
        b'0' => None,
        b'1' | b'7' => Some(1),
        _ => {
            let two = d.get(..2)?;
            Some(if TWO.iter().any(|t| t[..] == *two) { 2 } else { 3 })
        }
    }
}

/// Allowed national-number lengths for countries often seen in Indian fraud cases;
/// other countries only get the general E.164 bound.
fn national_len(cc: &[u8]) -> (usize, usize) {
    match cc {
        b"1" | b"7" => (10, 10),
        b"44" => (9, 10),
        b"92" | b"880" | b"94" => (9, 10),
        b"971" => (8, 9),
        b"86" => (10, 11),
        b"977" => (8, 10),
        b"855" | b"856" | b"95" => (8, 10),
        b"65" => (8, 8),
        b"60" | b"66" | b"84" | b"63" | b"62" => (8, 12),
        _ => (4, 13),
    }
}

fn e164(prefix: &str, d: &[u8]) -> Option<String> {
    let mut s = String::with_capacity(prefix.len() + d.len());
    s.push_str(prefix);
    s.push_str(std::str::from_utf8(d).ok()?);
    Some(s)
}

/// An international number written after `+` (or `00`).
fn international(d: &[u8]) -> Option<String> {
    if let Some(national) = d.strip_prefix(b"91") {
        // "+91 0141 2741234": the trunk 0 is sometimes kept after the country code.
        let national = match national {
            [b'0', rest @ ..] if rest.len() == 10 => rest,
            n => n,
        };
        return (national.len() == 10 && national[0] != b'0').then(|| e164("+91", national)).flatten();
    }
    let cc = country_code_len(d)?;
    let (min, max) = national_len(&d[..cc]);
    let n = d.len() - cc;
    let plausible = (8..=15).contains(&d.len()) && (min..=max).contains(&n);
    // North American numbers: area code and exchange do not start with 0 or 1.
    let nanp_ok = d[0] != b'1' || (d.len() == 11 && d[1] >= b'2' && d[4] >= b'2');
    (plausible && nanp_ok && d[cc] != b'0').then(|| e164("+", d))?
}

/// The E.164 form of a phone number whose digits (ASCII) are `d`, `plus` telling
/// whether it was written with a leading `+`. Without `+`, only Indian forms are
/// accepted: a 10-digit mobile (6–9 first), `0` + 10 digits (a mobile, or a landline
/// with its STD code), `91` + a mobile, and `00` + an international number.
pub(crate) fn from_digits(d: &[u8], plus: bool) -> Option<String> {
    if plus {
        return international(d);
    }
    if let Some(intl) = d.strip_prefix(b"00") {
        return international(intl);
    }
    match d {
        [b'6'..=b'9', ..] if d.len() == 10 => e164("+91", d),
        [b'0', b'1'..=b'9', ..] if d.len() == 11 => e164("+91", &d[1..]),
        [b'9', b'1', b'6'..=b'9', ..] if d.len() == 12 => e164("+91", &d[2..]),
        _ => None,
    }
}

/// Whether ASCII `d` is a 10-digit Indian mobile number.
pub(crate) fn is_indian_mobile(d: &[u8]) -> bool {
    d.len() == 10 && matches!(d[0], b'6'..=b'9') && d.iter().all(u8::is_ascii_digit)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(d: &str, plus: bool) -> Option<String> {
        from_digits(d.as_bytes(), plus)
    }

    #[test]
    fn indian() {
        let m = Some("+919876543210".to_owned());
        assert_eq!(p("9876543210", false), m);
        assert_eq!(p("09876543210", false), m);
        assert_eq!(p("919876543210", false), m);
        assert_eq!(p("919876543210", true), m);
        assert_eq!(p("00919876543210", false), m);
        assert_eq!(p("01412741234", false).as_deref(), Some("+911412741234"));
        assert_eq!(p("9114127412340", true), None);
        assert_eq!(p("5876543210", false), None);
        assert_eq!(p("987654321", false), None);
        assert_eq!(p("911412741234", false), None);
    }

    #[test]
    fn foreign() {
        assert_eq!(p("442079460958", true).as_deref(), Some("+442079460958"));
        assert_eq!(p("14155550123", true).as_deref(), Some("+14155550123"));
        assert_eq!(p("971501234567", true).as_deref(), Some("+971501234567"));
        assert_eq!(p("1415555012", true), None);
        assert_eq!(p("4420", true), None);
        assert_eq!(p("1234567890123456", true), None);
    }
}
