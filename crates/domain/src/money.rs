//! Rupee amounts, held as whole paise so that sums are exact.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// An amount of money in paise (1 rupee = 100 paise). Never negative.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Paise(i64);

/// Ten thousand crore rupees: far above any single case, low enough that sums never overflow.
pub const MAX_PAISE: i64 = 100_000_000_000 * 100;

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum AmountError {
    #[error("not an amount")]
    Invalid,
    #[error("amount too large")]
    TooLarge,
}

impl Paise {
    pub fn new(paise: i64) -> Result<Self, AmountError> {
        match paise {
            p if p < 0 => Err(AmountError::Invalid),
            p if p > MAX_PAISE => Err(AmountError::TooLarge),
            p => Ok(Self(p)),
        }
    }

    pub fn get(self) -> i64 {
        self.0
    }

    pub fn rupees(self) -> i64 {
        self.0 / 100
    }
}

impl FromStr for Paise {
    type Err = AmountError;

    /// Reads an amount as people write it: `49999`, `49,999.50`, `₹ 1,23,456`, `Rs. 5000/-`,
    /// Devanagari digits (`४९९९९`).
    fn from_str(s: &str) -> Result<Self, AmountError> {
        let mut s = s.trim();
        for prefix in ["₹", "Rs.", "Rs", "rs.", "rs", "INR", "inr", "रु.", "रु"] {
            if let Some(rest) = s.strip_prefix(prefix) {
                s = rest.trim_start();
                break;
            }
        }
        let s = s.strip_suffix("/-").unwrap_or(s).trim_end();
        let mut rupees: i64 = 0;
        let mut fraction: Option<(i64, u32)> = None;
        let mut seen_digit = false;
        for c in s.chars() {
            let digit = match c {
                '0'..='9' => Some(c as i64 - '0' as i64),
                '०'..='९' => Some(c as i64 - '०' as i64),
                _ => None,
            };
            match (digit, c, &mut fraction) {
                (Some(d), _, None) => {
                    rupees = rupees.checked_mul(10).and_then(|r| r.checked_add(d)).ok_or(AmountError::TooLarge)?;
                    seen_digit = true;
                }
                (Some(d), _, Some((value, places))) => {
                    if *places == 2 {
                        return Err(AmountError::Invalid);
                    }
                    *value = *value * 10 + d;
                    *places += 1;
                }
                (None, ',', None) if seen_digit => {}
                (None, '.', None) if seen_digit => fraction = Some((0, 0)),
                _ => return Err(AmountError::Invalid),
            }
        }
        if !seen_digit {
            return Err(AmountError::Invalid);
        }
        let paise = match fraction {
            None => 0,
            Some((v, 1)) => v * 10,
            Some((v, _)) => v,
        };
        let total = rupees.checked_mul(100).and_then(|r| r.checked_add(paise)).ok_or(AmountError::TooLarge)?;
        Paise::new(total)
    }
}

impl fmt::Display for Paise {
    /// Indian digit grouping: ₹1,23,456 (with paise only when there are any: ₹49,999.50).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let digits = self.rupees().to_string();
        let mut grouped = String::with_capacity(digits.len() + digits.len() / 2);
        let n = digits.len();
        for (i, c) in digits.chars().enumerate() {
            let rest = n - i;
            if i > 0 && (rest == 3 || (rest > 3 && (rest - 3).is_multiple_of(2))) {
                grouped.push(',');
            }
            grouped.push(c);
        }
        match self.0 % 100 {
            0 => write!(f, "₹{grouped}"),
            p => write!(f, "₹{grouped}.{p:02}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn parses_common_writings() {
        let p = |s: &str| s.parse::<Paise>().map(Paise::get);
        assert_eq!(p("49999"), Ok(4_999_900));
        assert_eq!(p("49,999.50"), Ok(4_999_950));
        assert_eq!(p("₹ 1,23,456"), Ok(12_345_600));
        assert_eq!(p("Rs. 5000/-"), Ok(500_000));
        assert_eq!(p("४९९९९"), Ok(4_999_900));
        assert_eq!(p("10.5"), Ok(1050));
        assert_eq!(p(""), Err(AmountError::Invalid));
        assert_eq!(p("-5"), Err(AmountError::Invalid));
        assert_eq!(p("5.123"), Err(AmountError::Invalid));
        assert_eq!(p("abc"), Err(AmountError::Invalid));
        assert_eq!(p("99999999999999999999"), Err(AmountError::TooLarge));
    }

    #[test]
    fn formats_with_indian_grouping() {
        let f = |p: i64| Paise::new(p).unwrap().to_string();
        assert_eq!(f(0), "₹0");
        assert_eq!(f(99_900), "₹999");
        assert_eq!(f(100_000), "₹1,000");
        assert_eq!(f(12_345_600), "₹1,23,456");
        assert_eq!(f(1_234_567_800), "₹1,23,45,678");
        assert_eq!(f(4_999_950), "₹49,999.50");
    }

    proptest! {
        #[test]
        fn display_parses_back(p in 0i64..MAX_PAISE) {
            let amount = Paise::new(p).unwrap();
            prop_assert_eq!(amount.to_string().parse::<Paise>(), Ok(amount));
        }
    }
}
