//! What the words just before a number or an `@name` say it is.

use std::sync::LazyLock;

use super::data::WordTable;
use super::text::{gap_breaks_sentence, strip_possessive, words_after, words_before};

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
    let mut new_line = false;
    words_before(text, pos, 6, |start, w, gap| {
        new_line |= gap.contains('\n');
        // An earlier number is a filler only on its own line or on this one: "PIN 302001"
        // on the line above does not make the next line's phone number a PIN.
        if new_line && is_number_word(w) && !alone_on_line(text, start, start + w.len()) {
            return Some(None);
        }
        judge(w)
    })
    .flatten()
    .unwrap_or(Role::Default)
}

/// Digits, or digits joined by `/` (a date).
fn is_number_word(w: &str) -> bool {
    w.bytes().any(|b| b.is_ascii_digit()) && w.bytes().all(|b| b.is_ascii_digit() || b == b'/')
}

/// Whether no letters share the line of the word at `s..e`, a line break coming later
/// in the text. Looks at most 120 chars back: a longer line is prose.
fn alone_on_line(text: &str, s: usize, e: usize) -> bool {
    for (n, c) in text[..s].chars().rev().take_while(|&c| c != '\n').enumerate() {
        if n == 120 || c.is_alphabetic() {
            return false;
        }
    }
    let after = text[e..].split('\n').next().unwrap_or("");
    !after.chars().any(char::is_alphabetic)
}

/// Whether a transaction word (UTR, txn, लेनदेन…) stands a few words before `pos` in the
/// same sentence, with no word of another kind (account, phone, amount, Aadhaar…) in
/// between: "UTR of the last payment 412345678901", "the txn id for the second one was …".
pub(crate) fn txn_far(text: &str, pos: usize) -> bool {
    words_before(text, pos, 8, |_, w, gap| {
        if gap_breaks_sentence(gap) {
            return Some(false);
        }
        // A full stop ends the sentence, except after an abbreviation: "UTR no. of …".
        let abbreviation = ["no", "nos", "num", "nbr", "nmbr", "ref", "txn"].iter().any(|a| w.eq_ignore_ascii_case(a));
        if gap.contains('.') && !abbreviation {
            return Some(false);
        }
        match judge(w) {
            Some(Some(Role::Txn)) => Some(true),
            Some(Some(Role::TxnWeak)) | Some(None) | None => None,
            Some(Some(_)) => Some(false),
        }
    })
    .unwrap_or(false)
}

/// What one word near an `@name` says: a platform, a stop, or (`None`) look further.
fn mention_word(text: &str, start: usize, w: &str) -> Option<Option<&'static str>> {
    let w = strip_possessive(w);
    if let Some(p) = w.split('/').rev().find_map(|part| WORDS.platform.get(part)) {
        return Some(Some(p));
    }
    let other_mention = start > 0 && text.as_bytes()[start - 1] == b'@';
    (!other_mention && WORDS.mention_filler.get(w).is_none()).then_some(None)
}

/// A platform word found near an `@name`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Platform {
    pub(crate) name: &'static str,
    /// A comma follows the word ("@a on Telegram, @b on Insta"): it may close the clause
    /// before the name rather than name its platform.
    pub(crate) comma_after: bool,
}

/// The platform named shortly before an `@` at `pos`: one of the four words before it,
/// with only connecting words (or other `@names`) in between. A lone "X" counts only
/// right before the `@` ("X: @name"), being too common a letter.
pub(crate) fn mention_platform(text: &str, pos: usize) -> Option<Platform> {
    let mut nth = 0;
    words_before(text, pos, 4, |start, w, gap| {
        nth += 1;
        let found = if nth == 1 && strip_possessive(w).eq_ignore_ascii_case("x") {
            Some(Some("x"))
        } else {
            mention_word(text, start, w)
        };
        found.map(|p| p.map(|name| Platform { name, comma_after: gap.contains(',') }))
    })
    .flatten()
}

/// The platform named shortly after an `@name` ending at `end`: one of the five words
/// after it in the same sentence, with only connecting words (or other `@names`) in
/// between: "@Priya_Helpdesk on Telegram", "@a and @b on the Telegram group",
/// "@quickloan_official ko Insta pe", "@name टेलीग्राम पर".
/// A lone "X" counts only as a capital right after "on"/"pe"/"par" ("@name on X").
pub(crate) fn mention_platform_after(text: &str, end: usize) -> Option<&'static str> {
    let b = text.as_bytes();
    let mut after_on = false;
    words_after(text, end, 5, |start, w, gap| {
        if gap_breaks_sentence(gap) || gap.contains(['.', ';']) {
            return Some(None);
        }
        let glued = |i: usize| b.get(i).is_some_and(|c| c.is_ascii_alphanumeric() || matches!(c, b'-' | b'_'));
        let x_end = start + w.len();
        if w == "X" && after_on && !glued(x_end) && !(b.get(x_end) == Some(&b'.') && glued(x_end + 1)) {
            return Some(Some("x"));
        }
        after_on = ["on", "pe", "par", "पर"].iter().any(|o| w.eq_ignore_ascii_case(o));
        mention_word(text, start, w)
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
        let before = |t: &str| mention_platform(t, t.len() - 1).map(|p| p.name);
        assert_eq!(before("Telegram group join karo @"), Some("telegram"));
        assert_eq!(before("insta pe @"), Some("instagram"));
        assert_eq!(before("X: @"), Some("x"));
        assert_eq!(before("meet me at the x mall @"), None);
        assert_eq!(before("Telegram: @abc, @"), Some("telegram"));
        assert_eq!(before("IG: @abc hi @"), None);
        let t = "@a on Telegram, @";
        assert_eq!(mention_platform(t, t.len() - 1), Some(Platform { name: "telegram", comma_after: true }));
    }

    #[test]
    fn platforms_after() {
        let after = |t: &str| mention_platform_after(t, 0);
        assert_eq!(after(" on Telegram"), Some("telegram"));
        assert_eq!(after(" ko Insta pe follow karo"), Some("instagram"));
        assert_eq!(after(", @other on the Telegram"), Some("telegram"));
        assert_eq!(after(" टेलीग्राम पर"), Some("telegram"));
        assert_eq!(after(" on X."), Some("x"));
        assert_eq!(after(" on X-ray"), None);
        assert_eq!(after(" X"), None);
        assert_eq!(after(". Telegram pe baat karo"), None);
        assert_eq!(after(" told me to install Telegram"), None);
        assert_eq!(after(" and @b on the Telegram group"), Some("telegram"));
        assert_eq!(after(" and @b and @c on the Telegram group"), None);
    }

    #[test]
    fn far_transaction_words() {
        let far = |t: &str| txn_far(t, t.len());
        assert!(far("UTR of the last payment "));
        assert!(far("the txn id for the second one was "));
        assert!(far("UTR no. of the last payment "));
        assert!(far("लेनदेन नंबर जो मैसेज में आया "));
        assert!(!far("UTR mil gaya. Ab ek aur number "));
        assert!(!far("UTR was not given. Later he sent "));
        assert!(!far("UTR nahi aaya hai. Phir "));
        assert!(!far("Send me the UTR. Then "));
        assert!(far("Ref. of the last payment "));
        assert!(!far("UTR of the payment\n"));
        assert!(!far("UTR aaya lekin Aadhaar ka "));
        assert!(!far("UTR one two three four five six seven eight "));
        assert!(!far("payment "));
    }

    #[test]
    fn earlier_lines() {
        assert_eq!(role("PIN 302001\n"), Role::Default);
        assert_eq!(role("Transaction IDs:\n412312345678\n"), Role::Txn);
        assert_eq!(role("A/c no.\n"), Role::Account);
    }
}
