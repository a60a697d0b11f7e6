//! One identifier on its own (a search box, an API field) to its normal value.

use super::IdKind;
use super::alnum::{ifsc, txn_word};
use super::at::{email_at, upi_at};
use super::crypto;
use super::host;
use super::number::plain_digits;
use super::phone;
use super::social::{self, Social};
use super::text::luhn_ok;
use super::url::{Link, parse_link, strip_www};

/// A link that makes up the whole input (sentence punctuation after it allowed). A
/// bare host that `extract` would take for prose ("Abc.In", "offer.zip") is a link
/// here: the caller says it is one.
fn whole_link(s: &str) -> Option<Link> {
    let link = parse_link(s, 0)?;
    let rest = &s[link.end..];
    rest.chars()
        .all(|c| matches!(c, '.' | ',' | ';' | ':' | '!' | '?' | ')' | ']' | '\'' | '"' | '…' | '।'))
        .then_some(link)
}

/// A host on its own, any TLD that could be real: "photo.zip", "him.in" and
/// "abc.newtld" are fine here, since the caller says it is a domain.
fn lenient_domain(s: &str) -> Option<String> {
    let h = host::parse(s, 0)?;
    if h.end != s.len() || !(h.is_ipv4(s) || h.tld(s).is_some() || h.tld_plausible(s)) {
        return None;
    }
    Some(strip_www(&h.value(s)?).to_owned())
}

fn phone_of(s: &str) -> Option<String> {
    if let Some(link) = whole_link(s) {
        return match social::classify(&link) {
            Social::Phone(p) => Some(p),
            _ => None,
        };
    }
    let s = s.strip_prefix("tel:").unwrap_or(s);
    let (d, plus) = plain_digits(s)?;
    phone::from_digits(d.as_bytes(), plus)
}

fn upi_of(s: &str) -> Option<String> {
    let a = s.find('@')?;
    // A mobile number written in groups ("98290 12345@paytm") is the number's UPI id.
    let name = &s[..a];
    let digits: String = name.chars().filter(char::is_ascii_digit).collect();
    if name.contains([' ', '-'])
        && name.chars().all(|c| c.is_ascii_digit() || c == ' ' || c == '-')
        && phone::is_indian_mobile(digits.as_bytes())
    {
        let (v, end) = upi_at(&format!("{digits}{}", &s[a..]), 0, digits.len())?;
        return (end == digits.len() + s.len() - a).then_some(v);
    }
    let (v, end) = upi_at(s, 0, a)?;
    (end == s.len()).then_some(v)
}

fn email_of(s: &str) -> Option<String> {
    let s = s.strip_prefix("mailto:").unwrap_or(s);
    let a = s.find('@')?;
    let (v, end) = email_at(s, 0, a)?;
    (end == s.len()).then_some(v)
}

/// `platform:name` with a known platform (or a common short name for it).
fn canonical_handle(s: &str) -> Option<String> {
    let (p, name) = s.split_once(':')?;
    let platform = match p.trim().to_ascii_lowercase().as_str() {
        "instagram" | "insta" | "ig" => "instagram",
        "facebook" | "fb" => "facebook",
        "youtube" | "yt" => "youtube",
        "telegram" | "tg" => "telegram",
        "x" | "twitter" => "x",
        "linkedin" => "linkedin",
        "snapchat" | "snap" => "snapchat",
        "tiktok" => "tiktok",
        "threads" => "threads",
        _ => return None,
    };
    let name = name.trim();
    let name = name.strip_prefix('@').unwrap_or(name).trim_end_matches('.');
    let ok = (1..=100).contains(&name.len())
        && name.bytes().all(|c| c.is_ascii_alphanumeric() || matches!(c, b'.' | b'_' | b'-'))
        && name.bytes().any(|c| c.is_ascii_alphanumeric());
    ok.then(|| format!("{platform}:{}", name.to_ascii_lowercase()))
}

fn handle_of(s: &str) -> Option<String> {
    if !s.contains("//")
        && let Some(h) = canonical_handle(s)
    {
        return Some(h);
    }
    match social::classify(&whole_link(s)?) {
        Social::Handle(h) => Some(h),
        _ => None,
    }
}

fn digits_only(s: &str, seps: &[char]) -> Option<String> {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '0'..='9' => out.push(c),
            '०'..='९' => out.push(char::from(b'0' + (c as u32 - '०' as u32) as u8)),
            _ if seps.contains(&c) => {}
            _ => return None,
        }
    }
    Some(out)
}

fn txn_of(s: &str) -> Option<String> {
    let compact: String = s.chars().filter(|c| !matches!(c, ' ' | '-' | '\n' | '\r')).collect();
    if let Some(d) = digits_only(&compact, &[]) {
        return (10..=22).contains(&d.len()).then_some(d);
    }
    txn_word(&compact)
}

pub(crate) fn one(kind: IdKind, input: &str) -> Option<String> {
    let s = input.trim();
    if s.is_empty() {
        return None;
    }
    match kind {
        IdKind::Phone => phone_of(s),
        IdKind::Upi => upi_of(s),
        IdKind::Email => email_of(s),
        IdKind::Url => whole_link(s).map(|l| l.url),
        IdKind::Domain => match whole_link(s) {
            Some(l) => Some(l.domain().to_owned()),
            None => lenient_domain(s),
        },
        IdKind::Handle => handle_of(s),
        IdKind::BankAccount => {
            let d = digits_only(s, &[' ', '-', '\n', '\r'])?;
            (9..=18).contains(&d.len()).then_some(d)
        }
        IdKind::Ifsc => ifsc(s),
        IdKind::Imei => {
            let d = digits_only(s, &[' ', '-', '/', '\n', '\r'])?;
            (d.len() == 15 && luhn_ok(d.as_bytes())).then_some(d)
        }
        IdKind::TxnRef => txn_of(s),
        IdKind::Crypto => crypto::address(s),
    }
}

pub(crate) fn any(input: &str) -> Option<(IdKind, String)> {
    let s = input.trim();
    if s.is_empty() {
        return None;
    }
    let found = |k: IdKind| move |v: String| (k, v);
    if let Some(v) = crypto::address(s) {
        return Some((IdKind::Crypto, v));
    }
    if s.contains('@') && !s.contains('/') {
        if let Some(v) = upi_of(s) {
            return Some((IdKind::Upi, v));
        }
        if let Some(v) = email_of(s) {
            return Some((IdKind::Email, v));
        }
    }
    if !s.contains("//")
        && let Some(v) = canonical_handle(s)
    {
        return Some((IdKind::Handle, v));
    }
    if let Some(v) = ifsc(s) {
        return Some((IdKind::Ifsc, v));
    }
    if let Some(link) = whole_link(s) {
        return Some(match social::classify(&link) {
            Social::Handle(h) => (IdKind::Handle, h),
            Social::Phone(p) => (IdKind::Phone, p),
            Social::Platform => (IdKind::Url, link.url),
            Social::Other if link.path().len() > 1 => (IdKind::Url, link.url),
            Social::Other => (IdKind::Domain, link.domain().to_owned()),
        });
    }
    let number = s.strip_prefix("tel:").unwrap_or(s);
    if let Some((d, plus)) = plain_digits(number) {
        if let Some(p) = phone::from_digits(d.as_bytes(), plus) {
            return Some((IdKind::Phone, p));
        }
        return match d.len() {
            _ if plus => None,
            15 if luhn_ok(d.as_bytes()) => Some((IdKind::Imei, d)),
            12 => Some((IdKind::TxnRef, d)),
            9..=18 => Some((IdKind::BankAccount, d)),
            19..=22 => Some((IdKind::TxnRef, d)),
            _ => None,
        };
    }
    txn_of(s).map(found(IdKind::TxnRef)).or_else(|| lenient_domain(s).map(found(IdKind::Domain)))
}
