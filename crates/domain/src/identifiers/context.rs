//! What the words just before a number or an `@name` say it is.

use std::sync::LazyLock;

use super::data::WordTable;
use super::text::{strip_possessive, words_before};

/// How a number should be read, from the nearest meaningful word before it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Role {
    /// No telling word: only phone numbers are taken.
    Default,
    /// "mobile", "call", "WhatsApp", "फोन": a phone number.
    Phone,
    /// "A/c", "account", "खाता": a bank account (beats the phone reading).
    Account,
    /// "IMEI": 15 digits passing Luhn.
    Imei,
    /// "UTR", "RRN", "Ref", "transaction", "txn": a transaction reference.
    Txn,
    /// "UPI", "IMPS", "NEFT" alone: only a 12-digit RRN or an alphanumeric reference.
    TxnWeak,
    /// "Rs", "₹", "amount": the first number is an amount.
    Amount,
    /// OTP, PIN, Aadhaar, card, PAN, acknowledgement, ticket, order…: take nothing.
    Suppress,
}

const CONTEXT_WORDS: &str = include_str!("../../data/identifiers/context_words.txt");

#[derive(Clone, Copy)]
enum Verdict {
    Filler,
    Decides(Role),
}

struct Words {
    /// Words before a number.
    number: WordTable<Verdict>,
    /// Words naming a platform, for `@name`.
    platform: WordTable<&'static str>,
    /// Words that may stand between a platform word and its `@name`.
    mention_filler: WordTable<()>,
}

/// The context words (data/identifiers/context_words.txt), parsed once.
static WORDS: LazyLock<Words> = LazyLock::new(|| {
    let (mut number, mut platform, mut mention_filler) = (Vec::new(), Vec::new(), Vec::new());
    for line in CONTEXT_WORDS.lines() {
        let line = line.split('#').next().unwrap_or("");
        let Some((key, words)) = line.split_once(':') else { continue };
        let words = words.split_whitespace();
        let role = match key.trim() {
            "filler" => Some(Verdict::Filler),
            "account" => Some(Verdict::Decides(Role::Account)),
            "imei" => Some(Verdict::Decides(Role::Imei)),
            "txn" => Some(Verdict::Decides(Role::Txn)),
            "txn_weak" => Some(Verdict::Decides(Role::TxnWeak)),
            "phone" => Some(Verdict::Decides(Role::Phone)),
            "amount" => Some(Verdict::Decides(Role::Amount)),
            "suppress" => Some(Verdict::Decides(Role::Suppress)),
            _ => None,
        };
        if let Some(v) = role {
            // Fillers come first in the file; a word listed twice keeps its first meaning.
            number.extend(words.map(|w| (w, v)));
        } else if let Some(name) = key.trim().strip_prefix("platform ") {
            let name = name.trim();
            platform.extend(words.map(|w| (w, name)));
        } else if key.trim() == "mention_filler" {
            mention_filler.extend(words.map(|w| (w, ())));
        }
    }
    Words {
        number: WordTable::new(number),
        platform: WordTable::new(platform),
        mention_filler: WordTable::new(mention_filler),
    }
});

/// What one context word says: `Some(Some(role))` decides, `Some(None)` stops the
/// search without a role, `None` (a filler) looks further back.
fn judge(word: &str) -> Option<Option<Role>> {
    let w = strip_possessive(word);
    // Earlier numbers of a list, and "IMEI 1:" style counters, are fillers too.
    if w.is_empty() || w.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    match WORDS.number.get(w) {
        Some(Verdict::Filler) => return None,
        Some(Verdict::Decides(r)) => return Some(Some(r)),
        None => {}
    }
    // "UPI/P2A/…", "Ref/UTR": look at the parts, last first.
    if w.contains('/') {
        for part in w.rsplit('/') {
            if let Some(verdict) = judge(part) {
                return Some(verdict);
            }
        }
        return None;
    }
    Some(None)
}

/// The role of a number starting at byte `pos`.
pub(crate) fn number_context(text: &str, pos: usize) -> Role {
    words_before(text, pos, 6, |_, w| judge(w)).flatten().unwrap_or(Role::Default)
}

/// The platform named shortly before an `@` at `pos`: one of the four words before it,
/// with only connecting words (or other `@names`) in between. A lone "X" counts only
/// right before the `@` ("X: @name"), being too common a letter.
pub(crate) fn mention_platform(text: &str, pos: usize) -> Option<&'static str> {
    let b = text.as_bytes();
    let mut nth = 0;
    words_before(text, pos, 4, |start, w| {
        nth += 1;
        let w = strip_possessive(w);
        if nth == 1 && w.eq_ignore_ascii_case("x") {
            return Some(Some("x"));
        }
        if let Some(p) = w.split('/').rev().find_map(|part| WORDS.platform.get(part)) {
            return Some(Some(p));
        }
        let other_mention = start > 0 && b[start - 1] == b'@';
        (!other_mention && WORDS.mention_filler.get(w).is_none()).then_some(None)
    })
    .flatten()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn role(t: &str) -> Role {
        number_context(t, t.len())
    }

    #[test]
    fn roles() {
        assert_eq!(role("A/c no. "), Role::Account);
        assert_eq!(role("fraudster's account number: "), Role::Account);
        assert_eq!(role("your account is blocked, call "), Role::Phone);
        assert_eq!(role("account blocked "), Role::Default);
        assert_eq!(role("Info: UPI/P2A/"), Role::TxnWeak);
        assert_eq!(role("UPI Ref No. "), Role::Txn);
        assert_eq!(role("खाता संख्या "), Role::Account);
        assert_eq!(role("IMEI 1: "), Role::Imei);
        assert_eq!(role("OTP is "), Role::Suppress);
        assert_eq!(role(""), Role::Default);
    }

    #[test]
    fn platforms() {
        let t = "Telegram group join karo @";
        assert_eq!(mention_platform(t, t.len() - 1), Some("telegram"));
        let t = "insta pe @";
        assert_eq!(mention_platform(t, t.len() - 1), Some("instagram"));
        let t = "X: @";
        assert_eq!(mention_platform(t, t.len() - 1), Some("x"));
        let t = "meet me at the x mall @";
        assert_eq!(mention_platform(t, t.len() - 1), None);
        let t = "Telegram: @abc, @";
        assert_eq!(mention_platform(t, t.len() - 1), Some("telegram"));
        let t = "IG: @abc hi @";
        assert_eq!(mention_platform(t, t.len() - 1), None);
    }
}
