//! The victim's mobile number, the key by which a returning victim is found.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// A mobile number in E.164 form (`+919876543210`). Indian numbers are checked as mobiles
/// (ten digits starting 6–9); other countries need their `+` code and 8–15 digits in all.
#[derive(Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Mobile(String);

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("not a mobile number")]
pub struct BadMobile;

impl Mobile {
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The last four digits, for lists and logs where the whole number should not appear.
    pub fn masked(&self) -> String {
        let tail = &self.0[self.0.len().saturating_sub(4)..];
        format!("xxxxxx{tail}")
    }
}

impl FromStr for Mobile {
    type Err = BadMobile;

    /// Accepts `9876543210`, `09876543210`, `+91 98765 43210`, `+91-98765-43210`,
    /// `(+91) 98765-43210`, `919876543210`, Devanagari digits, and `+<country> ...`.
    fn from_str(s: &str) -> Result<Self, BadMobile> {
        let s = s.trim();
        let plus = s.starts_with('+') || s.starts_with("(+");
        let mut digits = String::with_capacity(16);
        for c in s.chars() {
            match c {
                '0'..='9' => digits.push(c),
                '०'..='९' => digits.push(char::from(b'0' + (c as u32 - '०' as u32) as u8)),
                ' ' | '-' | '(' | ')' | '.' | '+' => {}
                _ => return Err(BadMobile),
            }
        }
        let indian = |national: &str| {
            (national.len() == 10 && matches!(national.as_bytes()[0], b'6'..=b'9'))
                .then(|| Mobile(format!("+91{national}")))
        };
        let parsed = if plus {
            match digits.strip_prefix("91") {
                Some(national) => indian(national),
                None if (8..=15).contains(&digits.len()) && !digits.starts_with('0') => {
                    Some(Mobile(format!("+{digits}")))
                }
                None => None,
            }
        } else {
            match digits.len() {
                10 => indian(&digits),
                11 => digits.strip_prefix('0').and_then(indian),
                12 => digits.strip_prefix("91").and_then(indian),
                _ => None,
            }
        };
        parsed.ok_or(BadMobile)
    }
}

impl fmt::Display for Mobile {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Shows only the last digits: a victim's number must not end up in logs through `{:?}`.
impl fmt::Debug for Mobile {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Mobile({})", self.masked())
    }
}

impl TryFrom<String> for Mobile {
    type Error = BadMobile;
    fn try_from(s: String) -> Result<Self, BadMobile> {
        s.parse()
    }
}

impl From<Mobile> for String {
    fn from(m: Mobile) -> String {
        m.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn indian_writings_agree() {
        for s in [
            "9876543210",
            "09876543210",
            "+91 98765 43210",
            "+91-98765-43210",
            "(+91) 98765-43210",
            "919876543210",
            "98765 43210",
            "९८७६५४३२१०",
        ] {
            assert_eq!(s.parse::<Mobile>().unwrap().as_str(), "+919876543210", "{s}");
        }
    }

    #[test]
    fn foreign_and_invalid() {
        assert_eq!("+44 7700 900123".parse::<Mobile>().unwrap().as_str(), "+447700900123");
        for bad in ["", "12345", "5876543210", "+91 5876543210", "98765432101", "98765abc10", "+0123456789"] {
            assert!(bad.parse::<Mobile>().is_err(), "{bad}");
        }
    }

    #[test]
    fn debug_masks_the_number() {
        let m: Mobile = "9876543210".parse().unwrap();
        assert_eq!(format!("{m:?}"), "Mobile(xxxxxx3210)");
    }

    proptest! {
        #[test]
        fn any_indian_mobile_round_trips(first in 6u8..=9, rest in 0u64..1_000_000_000) {
            let national = format!("{first}{rest:09}");
            let m: Mobile = national.parse().unwrap();
            prop_assert_eq!(m.as_str(), format!("+91{national}"));
            prop_assert_eq!(m.as_str().parse::<Mobile>().unwrap(), m.clone());
            let spaced = format!("+91 {} {}", &national[..5], &national[5..]);
            prop_assert_eq!(spaced.parse::<Mobile>().unwrap(), m);
        }
    }
}
