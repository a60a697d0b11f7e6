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

/// Words that neither decide nor stop the search ("A/c *no. of the* 1234").
const FILLERS: &[&str] = &[
    "no",
    "num",
    "number",
    "nbr",
    "nmbr",
    "nos",
    "id",
    "ids",
    "is",
    "was",
    "are",
    "of",
    "the",
    "a",
    "an",
    "my",
    "his",
    "her",
    "their",
    "your",
    "ur",
    "our",
    "its",
    "suspect",
    "fraudster",
    "scammer",
    "fraud",
    "beneficiary",
    "payee",
    "receiver",
    "sender",
    "details",
    "detail",
    "ending",
    "with",
    "hai",
    "he",
    "ka",
    "ki",
    "ke",
    "se",
    "me",
    "mein",
    "and",
    "or",
    "aur",
    "p2a",
    "p2m",
    "p2p",
    "dr",
    "cr",
    "vpa",
    "bank",
    "new",
    "old",
    "given",
    "below",
    "following",
    "registered",
    "linked",
    "primary",
    "का",
    "की",
    "के",
    "है",
    "से",
    "में",
    "नं",
    "नंबर",
    "संख्या",
    "आईडी",
    "क्रमांक",
    "और",
];

/// Words that decide how the number after them is read.
const ROLE_WORDS: &[(&str, Role)] = {
    use Role::*;
    &[
        ("a/c", Account),
        ("ac", Account),
        ("acc", Account),
        ("acct", Account),
        ("accnt", Account),
        ("acno", Account),
        ("account", Account),
        ("accounts", Account),
        ("acount", Account),
        ("khata", Account),
        ("khate", Account),
        ("खाता", Account),
        ("खाते", Account),
        ("imei", Imei),
        ("imei1", Imei),
        ("imei2", Imei),
        ("imeino", Imei),
        ("आईएमईआई", Imei),
        ("utr", Txn),
        ("rrn", Txn),
        ("ref", Txn),
        ("refno", Txn),
        ("reference", Txn),
        ("txn", Txn),
        ("txnid", Txn),
        ("trxn", Txn),
        ("trx", Txn),
        ("tran", Txn),
        ("transaction", Txn),
        ("transactions", Txn),
        ("लेनदेन", Txn),
        ("संदर्भ", Txn),
        ("ट्रांजैक्शन", Txn),
        ("यूटीआर", Txn),
        ("upi", TxnWeak),
        ("imps", TxnWeak),
        ("neft", TxnWeak),
        ("rtgs", TxnWeak),
        ("यूपीआई", TxnWeak),
        ("mobile", Phone),
        ("mob", Phone),
        ("mo", Phone),
        ("phone", Phone),
        ("ph", Phone),
        ("phn", Phone),
        ("call", Phone),
        ("called", Phone),
        ("calls", Phone),
        ("caller", Phone),
        ("contact", Phone),
        ("whatsapp", Phone),
        ("whatsaap", Phone),
        ("wa", Phone),
        ("cell", Phone),
        ("tel", Phone),
        ("helpline", Phone),
        ("dial", Phone),
        ("sms", Phone),
        ("फोन", Phone),
        ("फ़ोन", Phone),
        ("मोबाइल", Phone),
        ("कॉल", Phone),
        ("व्हाट्सएप", Phone),
        ("संपर्क", Phone),
        ("rs", Amount),
        ("inr", Amount),
        ("rupees", Amount),
        ("rupee", Amount),
        ("rupaye", Amount),
        ("रुपये", Amount),
        ("रुपए", Amount),
        ("रु", Amount),
        ("amount", Amount),
        ("amt", Amount),
        ("bal", Amount),
        ("balance", Amount),
        ("otp", Suppress),
        ("ओटीपी", Suppress),
        ("pin", Suppress),
        ("pincode", Suppress),
        ("mpin", Suppress),
        ("पिन", Suppress),
        ("ack", Suppress),
        ("acknowledgement", Suppress),
        ("acknowledgment", Suppress),
        ("पावती", Suppress),
        ("aadhaar", Suppress),
        ("aadhar", Suppress),
        ("adhar", Suppress),
        ("adhaar", Suppress),
        ("आधार", Suppress),
        ("uid", Suppress),
        ("card", Suppress),
        ("कार्ड", Suppress),
        ("pan", Suppress),
        ("cvv", Suppress),
        ("ticket", Suppress),
        ("complaint", Suppress),
        ("complain", Suppress),
        ("शिकायत", Suppress),
        ("docket", Suppress),
        ("fir", Suppress),
        ("order", Suppress),
        ("invoice", Suppress),
        ("awb", Suppress),
        ("tracking", Suppress),
        ("consignment", Suppress),
        ("shipment", Suppress),
        ("challan", Suppress),
        ("case", Suppress),
        ("policy", Suppress),
        ("pnr", Suppress),
        ("gstin", Suppress),
        ("gst", Suppress),
        ("customer", Suppress),
        ("cif", Suppress),
        ("crn", Suppress),
        ("employee", Suppress),
        ("roll", Suppress),
        ("registration", Suppress),
        ("voucher", Suppress),
        ("coupon", Suppress),
        ("code", Suppress),
        ("password", Suppress),
        ("passcode", Suppress),
        ("version", Suppress),
    ]
};

#[derive(Clone, Copy)]
enum Verdict {
    Filler,
    Decides(Role),
}

/// Fillers and role words in one table sorted for binary search (built once).
static NUMBER_WORDS: LazyLock<WordTable<Verdict>> = LazyLock::new(|| {
    // Fillers first, so a word listed twice stays a filler.
    let fillers = FILLERS.iter().map(|w| (*w, Verdict::Filler));
    let roles = ROLE_WORDS.iter().map(|(w, r)| (*w, Verdict::Decides(*r)));
    WordTable::new(fillers.chain(roles).collect())
});

/// What one context word says: `Some(Some(role))` decides, `Some(None)` stops the
/// search without a role, `None` (a filler) looks further back.
fn judge(word: &str) -> Option<Option<Role>> {
    let w = strip_possessive(word);
    // Earlier numbers of a list, and "IMEI 1:" style counters, are fillers too.
    if w.is_empty() || w.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    match NUMBER_WORDS.get(w) {
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

/// Words naming a platform, for `@name` mentions.
const PLATFORM_WORDS: &[(&str, &str)] = &[
    ("telegram", "telegram"),
    ("tg", "telegram"),
    ("tele", "telegram"),
    ("टेलीग्राम", "telegram"),
    ("टेलिग्राम", "telegram"),
    ("instagram", "instagram"),
    ("insta", "instagram"),
    ("ig", "instagram"),
    ("इंस्टा", "instagram"),
    ("इंस्टाग्राम", "instagram"),
    ("facebook", "facebook"),
    ("fb", "facebook"),
    ("फेसबुक", "facebook"),
    ("twitter", "x"),
    ("ट्विटर", "x"),
    ("youtube", "youtube"),
    ("yt", "youtube"),
    ("यूट्यूब", "youtube"),
    ("snapchat", "snapchat"),
    ("snap", "snapchat"),
    ("स्नैपचैट", "snapchat"),
    ("linkedin", "linkedin"),
    ("tiktok", "tiktok"),
    ("threads", "threads"),
];

static PLATFORMS: LazyLock<WordTable<&'static str>> = LazyLock::new(|| WordTable::new(PLATFORM_WORDS.to_vec()));

fn platform_word(w: &str) -> Option<&'static str> {
    PLATFORMS.get(w)
}

/// Words that may stand between a platform word and the `@name` it names:
/// "Telegram *group join karo* @name", "insta *pe* @name", "टेलीग्राम *पर* @name".
const MENTION_FILLERS: &[&str] = &[
    "pe",
    "par",
    "pr",
    "on",
    "at",
    "in",
    "group",
    "grp",
    "channel",
    "page",
    "id",
    "handle",
    "username",
    "user",
    "account",
    "acc",
    "profile",
    "join",
    "karo",
    "kro",
    "follow",
    "message",
    "msg",
    "dm",
    "contact",
    "me",
    "us",
    "is",
    "my",
    "our",
    "official",
    "the",
    "a",
    "our",
    "new",
    "naam",
    "name",
    "se",
    "ka",
    "ki",
    "ke",
    "and",
    "or",
    "aur",
    "पर",
    "पे",
    "ग्रुप",
    "चैनल",
    "पेज",
    "आईडी",
    "जॉइन",
    "करें",
    "करो",
    "का",
    "की",
    "के",
    "और",
];

static MENTION_FILLER_SET: LazyLock<WordTable<()>> =
    LazyLock::new(|| WordTable::new(MENTION_FILLERS.iter().map(|w| (*w, ())).collect()));

fn is_mention_filler(w: &str) -> bool {
    MENTION_FILLER_SET.get(w).is_some()
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
        if let Some(p) = w.split('/').rev().find_map(platform_word) {
            return Some(Some(p));
        }
        let other_mention = start > 0 && b[start - 1] == b'@';
        (!other_mention && !is_mention_filler(w)).then_some(None)
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
