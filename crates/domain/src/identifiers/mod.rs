//! Suspect identifiers in free text: phone numbers, UPI ids, e-mail addresses, links,
//! domains, social-media handles, bank accounts, IFSC codes, IMEIs, transaction
//! references and crypto-currency addresses, as staff and victims write them in
//! Hindi, English and Hinglish (SMS, WhatsApp forwards, e-mails, case notes).
//!
//! [`extract`] finds them in a text, [`normalize`] turns one identifier into the
//! normal `value` used to match identifiers across cases, and [`normalize_any`]
//! guesses the kind of a single identifier typed into a search box.
//!
//! # Normal forms (`Found::value`)
//!
//! | kind | normal form | example |
//! |---|---|---|
//! | `phone` | E.164 | `+919876543210`, `+442079460958` |
//! | `upi` | lower-case `name@psp` | `rahul.k@ybl` |
//! | `email` | lower-case, IDN domain in punycode | `kyc.help@sbi-care.in` |
//! | `url` | absolute, refanged; scheme and host lower-case, path as written | `http://www.sbi-kyc.com/x` |
//! | `domain` | lower-case host without `www.`, IDN in punycode | `sbi-kyc.com`, `xn--80ak6aa92e.com` |
//! | `handle` | `platform:name`, lower case | `telegram:stockguru_vip` |
//! | `bank_account` | digits only | `123456789012` |
//! | `ifsc` | upper case | `SBIN0001234` |
//! | `imei` | 15 digits | `356938035643809` |
//! | `txn_ref` | upper case, no spaces | `412345678901`, `T2403121234567890123` |
//! | `crypto` | Bitcoin base58 and TRON as written, bech32 and Ethereum lower-case | `0x5aaeb6…beaed` |
//!
//! Numbers that only make sense in context (bank accounts, IMEIs, transaction
//! references) are extracted only where a nearby word says what they are; see
//! [`extract`] for the rules of precedence.
//!
//! The word lists are data, compiled in and parsed once: `data/identifiers/upi_psp.txt`
//! (UPI handles), `tlds.txt` (accepted TLDs) and `context_words.txt` (the words that
//! tell what a number or an `@name` is, in English, Hinglish and Hindi).

mod alnum;
mod at;
mod bech32;
mod context;
mod crypto;
mod data;
mod groups;
mod hash;
mod host;
mod normalize;
mod number;
mod phone;
mod punycode;
mod scan;
mod social;
mod text;
mod url;

use std::fmt;

/// The kinds of suspect identifier. Serialized as the snake_case name (`bank_account`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum IdKind {
    /// A phone number, normal form E.164 (`+919876543210`). Indian numbers may be
    /// written with or without `+91`/`91`/`0`, with spaces, dashes, brackets or dots
    /// (`98765.43210`, `0141.274.1234`), broken by a line break (`+91 98765` / `43210`),
    /// or in Devanagari digits; mobiles have 10 digits starting 6–9, landlines an STD
    /// code after the `0` (`0141-2741234` → `+911412741234`). Foreign numbers need their
    /// `+` code and 8–15 digits in all. Also taken from `wa.me/…` links and from UPI ids
    /// whose name is a mobile number.
    Phone,
    /// A UPI id (VPA), normal form lower-case `name@psp`, where `psp` is a known
    /// payment-provider handle (data/identifiers/upi_psp.txt) with no dot-TLD after it.
    Upi,
    /// An e-mail address, normal form lower case with the domain's IDN labels in
    /// punycode; the TLD must be a real one (data/identifiers/tlds.txt).
    Email,
    /// A link, normal form absolute and refanged (`hxxp`, `[.]`, `(.)`, `[dot]`, `[:]`
    /// undone): scheme and host lower case (IDN host in punycode), `http://` added when
    /// missing, path/query/fragment as written, trailing sentence punctuation dropped.
    Url,
    /// The host of a link, lower case, without a leading `www.`, IDN labels in
    /// punycode (`xn--…`). Links to social and messaging platforms give a `handle`
    /// (or nothing) instead.
    Domain,
    /// A social-media account, normal form `platform:name` in lower case
    /// (`instagram:`, `facebook:`, `youtube:`, `telegram:`, `x:`, `linkedin:`,
    /// `snapchat:`, `tiktok:`, `threads:`), from profile links or from an `@name`
    /// that a nearby platform word names, before it ("Telegram", "insta pe", "टेलीग्राम
    /// पर") or after it ("@name on Telegram", "@name ko Insta pe").
    Handle,
    /// A bank account number, digits only (9–18), found only after a word saying it is
    /// an account (A/c, acc no, account number, खाता, khata).
    BankAccount,
    /// An IFSC code, upper case: 4 letters, `0`, 6 letters or digits (`SBIN0001234`).
    Ifsc,
    /// A handset IMEI: 15 digits passing the Luhn check, found only after "IMEI".
    Imei,
    /// A UPI RRN/UTR (12 digits) or a bank/wallet transaction id (10–22 letters and
    /// digits), upper case without spaces, found only after UTR, RRN, Ref No,
    /// transaction id, txn id, लेनदेन आईडी, संदर्भ संख्या and the like — or, for a
    /// 12-digit RRN or an id of letters and digits, with such a word a few words back in
    /// the same sentence ("UTR of the last payment 412345678901").
    TxnRef,
    /// A crypto-currency address with a verified checksum: Bitcoin base58 (`1…`, `3…`)
    /// and TRON (`T…`) as written, Bitcoin bech32/bech32m (`bc1…`) and Ethereum
    /// (`0x` + 40 hex, EIP-55 checked when mixed-case) in lower case.
    Crypto,
}

impl IdKind {
    /// Every kind, in sort order.
    pub const ALL: [IdKind; 11] = [
        IdKind::Phone,
        IdKind::Upi,
        IdKind::Email,
        IdKind::Url,
        IdKind::Domain,
        IdKind::Handle,
        IdKind::BankAccount,
        IdKind::Ifsc,
        IdKind::Imei,
        IdKind::TxnRef,
        IdKind::Crypto,
    ];

    /// The snake_case name, as serialized (`bank_account`).
    pub fn as_str(self) -> &'static str {
        match self {
            IdKind::Phone => "phone",
            IdKind::Upi => "upi",
            IdKind::Email => "email",
            IdKind::Url => "url",
            IdKind::Domain => "domain",
            IdKind::Handle => "handle",
            IdKind::BankAccount => "bank_account",
            IdKind::Ifsc => "ifsc",
            IdKind::Imei => "imei",
            IdKind::TxnRef => "txn_ref",
            IdKind::Crypto => "crypto",
        }
    }

    /// The kind named by its snake_case name (case-insensitive, surrounding spaces ignored).
    pub fn parse(s: &str) -> Option<IdKind> {
        let s = s.trim();
        IdKind::ALL.into_iter().find(|k| k.as_str().eq_ignore_ascii_case(s))
    }

    /// Whether two cases mentioning the same value are likely connected. An IFSC names a
    /// bank branch that thousands of unrelated accounts share, so it never links cases.
    pub fn links_cases(self) -> bool {
        self != IdKind::Ifsc
    }

    /// The translation key of this kind's label.
    pub fn label_key(self) -> String {
        format!("idkind-{}", self.as_str().replace('_', "-"))
    }
}

impl fmt::Display for IdKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// How far, in bytes, what [`extract`] finds between two blank lines may depend on
/// the text around them. No identifier spans a blank line, and the words read around
/// one (at most 120 chars each way, and an earlier number's line 120 chars further),
/// the e-mail addresses that vouch for a bare host (4 KiB each way) and the addresses
/// themselves all lie within this reach. So a long text may be read in blocks cut at
/// blank lines, each given this much text on either side: the identifiers starting
/// inside each block are exactly those `extract` finds in the whole text.
pub const REACH: usize = 8 << 10;

/// One identifier found in a text.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Found {
    pub kind: IdKind,
    /// The normal form (see [`IdKind`]); equal values mean the same identifier.
    pub value: String,
    /// The text as written: always `&input[start..end]`.
    pub raw: String,
    /// Byte offset of `raw` in the input (a char boundary).
    pub start: usize,
    /// Byte offset just past `raw` in the input (a char boundary).
    pub end: usize,
}

/// Every identifier in `text`, sorted by `(start, kind)`, without exact duplicates.
///
/// One piece of text may give more than one identifier: a link gives a `url` and a
/// `domain` (or a `handle`, or a `phone` for `wa.me`), and a UPI id whose name is a
/// mobile number gives a `upi` and a `phone`.
///
/// Numbers are read with the nearest words before them (up to six, skipping words
/// like "no", "number", "id", "is", "of"; the first other word decides):
/// - after a word for an account (A/c, acc, account, खाता, khata) a number of 9–18
///   digits is a `bank_account` — even a 10-digit number that looks like a mobile;
/// - after UTR/RRN/Ref/transaction/txn/लेनदेन/संदर्भ it is a `txn_ref` (10–22 digits,
///   or letters and digits); after just "UPI", "IMPS" or "NEFT" only a 12-digit RRN
///   or an alphanumeric reference is;
/// - after IMEI, 15 digits passing Luhn are an `imei`;
/// - after a word for a phone (mobile, call, WhatsApp, फोन) it is read as a phone;
/// - after OTP, PIN, Aadhaar/आधार, card, PAN, acknowledgement/ack/पावती, ticket,
///   complaint, order, invoice, tracking and the like nothing is taken; after an amount
///   word (Rs, ₹, INR, amount, balance) the first number is skipped;
/// - otherwise only phone numbers are taken: a 12-digit number starting `91` and a
///   mobile is a phone, and 13–19 digit runs (card numbers) give nothing. Any other
///   12-digit number (an Aadhaar, an RRN without its label) is left alone, unless a
///   transaction word stands up to eight words back in the same sentence with no word
///   of another kind between ("UTR of the last payment 412345678901"); then it is a
///   `txn_ref` (not when written 4-4-4 like an Aadhaar).
///
/// A number may go on across one line break, as a forwarded SMS wraps it
/// ("call +91 98765" / "43210 now"), when the first line does not already hold a whole
/// number of its kind, the next line does not start with a whole phone number, and
/// together they make one. An earlier number on a line of its own stays a filler for
/// the context words ("Transaction IDs:" / "4123…" / "4123…"), but one sharing its line
/// with words does not ("PIN 302001" / "98290 12345" is a phone number). Digits grouped
/// with single dots are a phone number only as a whole, in groups of 2–5 digits
/// ("98765.43210", "0141.274.1234"; not "1.50.000", "2.3.10" or an IPv4 address).
///
/// Also never taken: numbers glued to letters or written as decimals, times, dates,
/// versions or IPs (`1.5`, `10:45`, `12/03/2026`, `2.3.10`), amounts (`₹49,999`,
/// `25,000/-`), percentages, digits in 4-4-4 groups (Aadhaar) as a phone, and 16
/// Luhn-valid digits starting 3–6 (a card) as an account.
///
/// Links: a bare `host.tld` (no scheme, no `www.`) needs a TLD from
/// data/identifiers/tlds.txt written in one case (`Ref.No`, `Hello.How` are prose),
/// and an everyday word before a two-label host without a path (`him.in`, `done.so`)
/// is prose too. File names are not links (`screenshot.png`, `statement.pdf`,
/// `SBI_KYC.apk` — `.apk` is no TLD, so a scam app's *file name* is not an
/// identifier; the link it was downloaded from is). TLDs that clash with file names
/// or company suffixes (`.zip`, `.mov`, `.py`, `.sh`, `.md`, `.rs`, `.ltd`, `.inc`,
/// `.llc`) count only with a scheme, `www.` or a path. Such a bare host written like
/// prose (`Abc-Careers.In`, `online.in`, `offer.zip`) is a link after all when an
/// e-mail address in the same text has that host ("jobs@abc-careers.in … visit
/// Abc-Careers.In/apply"). "Website:-abc.in" is a link (the hyphen after a colon is
/// punctuation), and so is "apply @abc.in/form" (a lone `@` before a host with a path).
/// A title-case sentence glued to a host after a full stop is not part of it
/// ("hr@abc.in.Upload your CV" is `hr@abc.in`), and an e-mail address after a comma
/// ends a link's path ("abc.in/apply,jobs@abc.in").
///
/// A `@name` is a handle when a platform word names it: before it, with at most
/// connecting words ("pe", "par", "group", "join karo", "पर") or other `@names`
/// between, within four words; or after it in the same sentence, within five words
/// ("@Priya_Helpdesk on Telegram", "@name ko Insta pe", "@name टेलीग्राम पर"). A
/// platform word after the name wins over one before it that a comma closes ("@a on
/// Telegram, @b on Insta").
pub fn extract(text: &str) -> Vec<Found> {
    scan::Scanner::new(text).run()
}

/// The normal `value` of one identifier of `kind`, written any way [`extract`]
/// understands (surrounding spaces ignored), or `None` when `input` is not a valid
/// identifier of that kind. `normalize(kind, value)` returns `value` itself for every
/// normal form, so the function is idempotent.
///
/// Context words are not needed here: `normalize(IdKind::BankAccount, "1234 5678 9012")`
/// is `Some("123456789012")`. A `handle` is accepted as `platform:name`
/// (`ig:`/`insta:`/`tg:`/`fb:`/`twitter:`/`yt:` are understood) or as a profile link;
/// a `domain` may also be given as a link; a `phone` as a `wa.me` link.
pub fn normalize(kind: IdKind, input: &str) -> Option<String> {
    normalize::one(kind, input)
}

/// The best guess of kind and normal value for a single identifier typed into a
/// search box. Tried in order: crypto address, UPI id, e-mail, `platform:name` handle,
/// IFSC, link (a `wa.me` link is a phone, a profile link a handle, a link with a
/// path a url, a bare host a domain), then numbers: a valid phone number, 15 digits
/// passing Luhn as an IMEI, 12 digits as a transaction reference (RRN/UTR), 9–18
/// digits as a bank account, 10–22 letters and digits as a transaction reference.
pub fn normalize_any(input: &str) -> Option<(IdKind, String)> {
    normalize::any(input)
}
