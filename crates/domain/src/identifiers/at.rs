//! Everything around an `@`: e-mail addresses, UPI ids and platform mentions.
//!
//! - `name@host.tld` with a real TLD is an e-mail address;
//! - otherwise `name@psp` with a known payment-provider handle is a UPI id (and a
//!   phone too when the name is a mobile number);
//! - otherwise a bare `@name` is a handle only if a platform word comes shortly
//!   before it ("Telegram group @name") or after it in the same sentence ("@name on
//!   Telegram").

use super::IdKind;
use super::context::{mention_platform, mention_platform_after};
use super::data::{self, Tld};
use super::host;
use super::phone;
use super::scan::Scanner;

pub(crate) fn is_local_byte(c: u8) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, b'.' | b'_' | b'%' | b'+' | b'-')
}

/// The start of the mailbox name ending at `a` (the `@`), leading punctuation dropped.
pub(crate) fn local_start(b: &[u8], a: usize) -> usize {
    let mut s = a;
    while s > 0 && a - s < 256 && is_local_byte(b[s - 1]) {
        s -= 1;
    }
    while s < a && matches!(b[s], b'.' | b'_' | b'%' | b'+' | b'-') {
        s += 1;
    }
    s
}

/// An e-mail address `local@host` (normal form) if the host has a real TLD.
pub(crate) fn email_at(text: &str, ls: usize, a: usize) -> Option<(String, usize)> {
    let local = text.get(ls..a)?;
    if local.is_empty() || local.len() > 64 || local.ends_with('.') {
        return None;
    }
    let h = host::parse(text, a + 1)?;
    // "Jobs@Abc-Careers.In" (a message in title case) is still an address.
    if !matches!(h.tld(text), Some(Tld::Normal | Tld::Fileish)) || !(h.tld_case_ok(text) || h.title_case(text)) {
        return None;
    }
    let domain = h.value(text)?;
    let mut v = String::with_capacity(local.len() + 1 + domain.len());
    v.push_str(&local.to_ascii_lowercase());
    v.push('@');
    v.push_str(&domain);
    Some((v, h.end))
}

/// A UPI id `local@psp` (normal form) ending where the handle ends.
pub(crate) fn upi_at(text: &str, ls: usize, a: usize) -> Option<(String, usize)> {
    upi_named(text, text.get(ls..a)?, a)
}

/// A UPI id with the name `local` and the handle after the `@` at `a`.
fn upi_named(text: &str, local: &str, a: usize) -> Option<(String, usize)> {
    let b = text.as_bytes();
    let ok_local = (2..=256).contains(&local.len())
        && local.bytes().all(|c| c.is_ascii_alphanumeric() || matches!(c, b'.' | b'-' | b'_'));
    let pe = a + 1 + b[a + 1..].iter().take_while(|c| c.is_ascii_alphanumeric()).count();
    let psp = &text[a + 1..pe];
    // "abc@ybl-x", "abc@ybl@…" are something else.
    let glued = matches!(b.get(pe), Some(b'-' | b'_' | b'@'));
    if !ok_local || glued || !data::is_psp(psp) {
        return None;
    }
    let mut v = String::with_capacity(local.len() + 1 + psp.len());
    v.push_str(local);
    v.push('@');
    v.push_str(psp);
    v.make_ascii_lowercase();
    Some((v, pe))
}

/// Where a UPI id whose name is a mobile number written in two groups of five
/// ("98290 12345@paytm") starts: the first group, when the two together are an Indian
/// mobile number and nothing but one space or hyphen lies between them. `ls` is where the
/// name ending at `a` starts without the first group.
fn split_mobile_start(b: &[u8], ls: usize, a: usize) -> Option<usize> {
    let digits = |r: std::ops::Range<usize>| b.get(r).is_some_and(|d| d.iter().all(u8::is_ascii_digit));
    let (first, second) = match a - ls {
        // "12345" after "98290 ", the space ending the chunk before.
        5 if ls >= 6 && b[ls - 1] == b' ' => (ls - 6, ls),
        // "98290-12345", read as one name.
        11 if b[ls + 5] == b'-' => (ls, ls + 6),
        _ => return None,
    };
    if !digits(first..first + 5) || !digits(second..second + 5) {
        return None;
    }
    // A longer number before it ("1198290 12345") is something else.
    if first > 0 && (b[first - 1].is_ascii_alphanumeric() || matches!(b[first - 1], b'.' | b'_' | b'-')) {
        return None;
    }
    let joined = [&b[first..first + 5], &b[second..second + 5]].concat();
    phone::is_indian_mobile(&joined).then_some(first)
}

pub(crate) fn at_sign(sc: &mut Scanner<'_>, a: usize) {
    let (text, b) = (sc.text, sc.b);
    let ls = local_start(b, a);
    if let Some(start) = split_mobile_start(b, ls, a) {
        split_mobile_upi(sc, start, a);
        return;
    }
    // "x@ybl@okaxis": the middle part belongs to the first `@`, not a new address.
    if ls > 0 && b[ls - 1] == b'@' {
        return;
    }
    if let Some((value, end)) = email_at(text, ls, a) {
        sc.emit(IdKind::Email, value, ls, end);
        sc.claim(ls, end);
        return;
    }
    if let Some((value, end)) = upi_at(text, ls, a) {
        sc.emit(IdKind::Upi, value, ls, end);
        sc.claim(ls, end);
        let local = &b[ls..a];
        if phone::is_indian_mobile(local)
            && let Some(p) = phone::from_digits(local, false)
        {
            sc.emit(IdKind::Phone, p, ls, a);
        }
        return;
    }
    if ls == a && (a == 0 || !super::text::is_word_byte(b, a - 1)) {
        mention(sc, a);
    }
}

/// "98290 12345@paytm" (or "98290-12345@paytm"): the UPI id `9829012345@paytm` and the
/// phone number, both from the first group's start.
fn split_mobile_upi(sc: &mut Scanner<'_>, start: usize, a: usize) {
    let digits: String = sc.text[start..a].chars().filter(char::is_ascii_digit).collect();
    let Some((value, end)) = upi_named(sc.text, &digits, a) else { return };
    sc.emit(IdKind::Upi, value, start, end);
    sc.claim(start, end);
    if let Some(p) = phone::from_digits(digits.as_bytes(), false) {
        sc.emit(IdKind::Phone, p, start, a);
    }
}

/// `@name` after a platform word.
fn mention(sc: &mut Scanner<'_>, a: usize) {
    let b = sc.b;
    let n = b[a + 1..].iter().take_while(|c| c.is_ascii_alphanumeric() || matches!(c, b'.' | b'_')).count();
    let name = sc.text[a + 1..a + 1 + n].trim_end_matches('.');
    let end = a + 1 + name.len();
    if name.is_empty() || name.len() > 64 || !name.bytes().any(|c| c.is_ascii_alphabetic()) {
        return;
    }
    if matches!(b.get(end), Some(b'@')) {
        return;
    }
    // "@a on Telegram, @b on Insta": a platform word after the name beats one before it
    // that a comma closes.
    let platform = match mention_platform(sc.text, a) {
        Some(p) if !p.comma_after => Some(p.name),
        before => mention_platform_after(sc.text, end).or(before.map(|p| p.name)),
    };
    if let Some(platform) = platform {
        let value = format!("{platform}:{}", name.to_ascii_lowercase());
        sc.emit(IdKind::Handle, value, a, end);
        sc.claim(a, end);
    }
}

/// The e-mail addresses in `text`: where each `@` is, and the host (normal form).
pub(crate) fn mail_hosts(text: &str) -> Vec<(usize, String)> {
    let b = text.as_bytes();
    let mut hosts = Vec::new();
    let mut from = 0;
    while let Some(k) = b[from..].iter().position(|&c| c == b'@') {
        let a = from + k;
        if let Some((value, end)) = email_at(text, local_start(b, a), a) {
            hosts.extend(value.rsplit_once('@').map(|(_, h)| (a, h.to_owned())));
            from = end;
        } else {
            from = a + 1;
        }
    }
    hosts
}
