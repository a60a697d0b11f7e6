//! Numbers: phone numbers, bank accounts, IMEIs and transaction references, from the
//! groups of digits `groups::collect` reads and the words before them.

use super::IdKind;
use super::context::{Role, number_context, txn_far};
use super::groups::{Seq, collect};
use super::phone;
use super::scan::Scanner;
use super::text::{digit_at, luhn_ok};

/// Reads the number whose first digit is at `s`; returns where number scanning resumes.
pub(crate) fn scan(sc: &mut Scanner<'_>, s: usize) -> usize {
    let b = sc.b;
    // Most digit runs are short and alone ("Rs 500", "10:45", "2026"): skip them
    // before setting up a sequence.
    let run = b[s..].iter().take_while(|c| c.is_ascii_digit()).count();
    let next = b.get(s + run).copied();
    let may_continue = match next {
        Some(b' ' | b'-' | b'(' | b')' | b'\n' | b'\r' | 0xC2 | 0xE0) => true,
        Some(b'.') => digit_at(b, s + run + 1).is_some(),
        _ => false,
    };
    if run < 9 && !may_continue {
        return s + run.max(1);
    }
    let mut seq = Seq::default();
    let (ok, mut resume) = collect(b, s, &mut seq);
    if !ok {
        return resume;
    }
    // Fewer than 9 digits: no kind here is that short (OTPs, PINs, amounts, dates).
    if seq.nd < 9 {
        return resume;
    }
    // "₹49999", "₹ 9876543210": an amount.
    let before = sc.text.get(..seq.start).unwrap_or("").trim_end_matches([' ', ':', '.']);
    let role = if before.ends_with('₹') { Role::Amount } else { number_context(sc.text, seq.start) };
    // A line break the number does not go on across: the next line is read on its own.
    if let Some(k) = (1..seq.ng).find(|&k| seq.after_break(k) && !goes_on_across(&seq, k, role)) {
        seq.truncate(k);
        resume = seq.last_end();
        if seq.nd < 9 {
            return resume;
        }
    }
    // "25,000/-" and "12%": amounts and percentages.
    let e = seq.last_end();
    if b.get(e) == Some(&b'%') || (b.get(e) == Some(&b'/') && b.get(e + 1) == Some(&b'-')) {
        return resume;
    }
    if seq.dotted {
        if matches!(role, Role::Default | Role::Phone)
            && let Some(v) = dotted_phone(&seq)
        {
            sc.emit(IdKind::Phone, v, seq.start, e);
        }
        return resume;
    }
    let n = seq.nd;
    let (first, last) = (seq.group(0).start, e);
    match role {
        Role::Suppress => {}
        Role::Amount => phones(sc, &seq, 1),
        // A card number after "account" ("debited from a/c 4111 …") is still a card.
        Role::Account if !seq.plus && (9..=18).contains(&n) && !looks_like_card(seq.all()) => {
            sc.emit(IdKind::BankAccount, ascii(seq.all()), first, last);
        }
        Role::Imei if !seq.plus && n == 15 && luhn_ok(seq.all()) => {
            sc.emit(IdKind::Imei, ascii(seq.all()), first, last);
        }
        Role::Txn if !seq.plus && (10..=22).contains(&n) => {
            sc.emit(IdKind::TxnRef, ascii(seq.all()), first, last);
        }
        Role::TxnWeak if !seq.plus && n == 12 => {
            sc.emit(IdKind::TxnRef, ascii(seq.all()), first, last);
        }
        // "UTR of the last payment 412345678901": a 12-digit RRN whose word stands a few
        // words back in the same sentence, if it reads as nothing else.
        Role::Default
            if !seq.plus
                && n == 12
                && !aadhaar_groups(&seq, 0, seq.ng - 1)
                && phone_runs(&seq, 0).next().is_none()
                && txn_far(sc.text, seq.start) =>
        {
            sc.emit(IdKind::TxnRef, ascii(seq.all()), first, last);
        }
        _ => phones(sc, &seq, 0),
    }
    resume
}

/// Whether the number goes on across the line break before group `k`, given its role:
/// the digits before the break are not yet a whole identifier of that kind, the next
/// line does not start with a whole phone number, and together they make one.
fn goes_on_across(seq: &Seq, k: usize, role: Role) -> bool {
    let line_start = (1..k).rev().find(|&g| seq.after_break(g)).unwrap_or(0);
    let line_end = (k + 1..seq.ng).find(|&g| seq.after_break(g)).unwrap_or(seq.ng);
    let phone = |i: usize, j: usize| phone::from_digits(seq.digits(i, j), seq.plus && i == 0).is_some();
    if (k..line_end).any(|j| phone(k, j)) {
        return false;
    }
    let before = seq.digits(0, k - 1).len();
    let total = seq.digits(0, line_end - 1).len();
    match role {
        Role::Suppress => false,
        Role::Account => before < 9 && total <= 18,
        Role::Txn => before < 10 && total <= 22,
        Role::TxnWeak => before < 12 && total == 12,
        Role::Imei => before < 15 && total == 15,
        Role::Default | Role::Phone | Role::Amount => {
            !(line_start..k).any(|i| phone(i, k - 1)) && (line_start..k).any(|i| (k..line_end).any(|j| phone(i, j)))
        }
    }
}

/// A number written with dots is a phone number only as a whole, in groups of 2–5
/// digits (after a `+` code): "98765.43210", "0141.274.1234", "+91.98765.43210". Not
/// "1.50.000" (an amount), "2.3.10" (a version) or "98.176.154.32" (an IPv4 address).
fn dotted_phone(seq: &Seq) -> Option<String> {
    let from = usize::from(seq.plus);
    if !(from..seq.ng).all(|g| (2..=5).contains(&seq.group_len(g))) {
        return None;
    }
    let ipv4 = !seq.plus
        && seq.ng == 4
        && (0..4).all(|g| {
            seq.group_len(g) <= 3 && seq.digits(g, g).iter().fold(0u32, |v, d| v * 10 + u32::from(d - b'0')) <= 255
        });
    if ipv4 {
        return None;
    }
    phone::from_digits(seq.all(), seq.plus)
}

/// 16 digits from a card network's range (3–6 first) passing Luhn: a payment card.
fn looks_like_card(d: &[u8]) -> bool {
    d.len() == 16 && matches!(d[0], b'3'..=b'6') && luhn_ok(d)
}

fn ascii(d: &[u8]) -> String {
    String::from_utf8_lossy(d).into_owned()
}

/// "9198 7654 3210": groups `i..=k` written 4-4-4, the way an Aadhaar is.
fn aadhaar_groups(seq: &Seq, i: usize, k: usize) -> bool {
    k == i + 2 && !seq.plus && (i..=k).all(|g| seq.group_len(g) == 4)
}

/// The phone numbers in the groups from `from`, left to right, each the longest run of
/// whole groups that reads as a valid number: `(first group, last group, E.164)`.
fn phone_runs(seq: &Seq, from: usize) -> PhoneRuns<'_> {
    PhoneRuns { seq, i: from }
}

struct PhoneRuns<'s> {
    seq: &'s Seq,
    i: usize,
}

impl Iterator for PhoneRuns<'_> {
    type Item = (usize, usize, String);

    fn next(&mut self) -> Option<Self::Item> {
        let seq = self.seq;
        while self.i < seq.ng {
            let i = self.i;
            let mut best = None;
            for k in i..seq.ng {
                let d = seq.digits(i, k);
                if d.len() > 17 {
                    break;
                }
                // "9198 7654 3210" is how an Aadhaar is written, never a phone number.
                if !aadhaar_groups(seq, i, k)
                    && let Some(v) = phone::from_digits(d, seq.plus && i == 0)
                {
                    best = Some((k, v));
                }
            }
            match best {
                Some((k, v)) => {
                    self.i = k + 1;
                    return Some((i, k, v));
                }
                None => self.i += 1,
            }
        }
        None
    }
}

/// Takes the phone numbers in the groups from `from`.
fn phones(sc: &mut Scanner<'_>, seq: &Seq, from: usize) {
    for (i, k, v) in phone_runs(seq, from) {
        let end = seq.group(k).end;
        let start = if i == 0 {
            match seq.paren {
                Some(p) if sc.b[p..end].contains(&b')') => p,
                _ => seq.start,
            }
        } else {
            seq.group(i).start
        };
        sc.emit(IdKind::Phone, v, start, end);
    }
}

/// The digits of `s` if it is written as a number `extract` would read as one run of
/// groups (spaces, dashes, brackets, dots, a line break; ASCII or Devanagari digits);
/// `plus` is set when it starts with `+`. Used by `normalize`.
pub(crate) fn plain_digits(s: &str) -> Option<(String, bool)> {
    let s = s.trim();
    let (plus, rest) = match s.strip_prefix("(+").or_else(|| s.strip_prefix('+')) {
        Some(r) => (true, r),
        None => (false, s),
    };
    let mut out = String::with_capacity(rest.len());
    for c in rest.chars() {
        match c {
            '0'..='9' => out.push(c),
            '०'..='९' => out.push(char::from(b'0' + (c as u32 - '०' as u32) as u8)),
            ' ' | '-' | '(' | ')' | '.' | '\n' | '\r' | '\u{a0}' => {}
            _ => return None,
        }
    }
    (!out.is_empty()).then_some((out, plus))
}
