//! Everything around an `@`: e-mail addresses, UPI ids and platform mentions.
//!
//! - `name@host.tld` with a real TLD is an e-mail address;
//! - otherwise `name@psp` with a known payment-provider handle is a UPI id (and a
//!   phone too when the name is a mobile number);
//! - otherwise a bare `@name` is a handle only if a platform word comes shortly
//!   before it ("Telegram group @name").

use super::IdKind;
use super::context::mention_platform;
use super::data::{self, Tld};
use super::host;
use super::phone;
use super::scan::Scanner;

fn is_local_byte(c: u8) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, b'.' | b'_' | b'%' | b'+' | b'-')
}

/// The start of the mailbox name ending at `a` (the `@`), leading punctuation dropped.
fn local_start(b: &[u8], a: usize) -> usize {
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
    if !matches!(h.tld(text), Some(Tld::Normal | Tld::Fileish)) || !h.tld_case_ok(text) {
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
    let b = text.as_bytes();
    let local = text.get(ls..a)?;
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

pub(crate) fn at_sign(sc: &mut Scanner<'_>, a: usize) {
    let (text, b) = (sc.text, sc.b);
    let ls = local_start(b, a);
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
    if let Some(platform) = mention_platform(sc.text, a) {
        let value = format!("{platform}:{}", name.to_ascii_lowercase());
        sc.emit(IdKind::Handle, value, a, end);
        sc.claim(a, end);
    }
}
