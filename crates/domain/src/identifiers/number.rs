//! Runs of digits: phone numbers, bank accounts, IMEIs and transaction references.
//!
//! A number may be written in groups ("+91 98765 43210", "1234 5678 9012",
//! "(0141) 274-1234"). Groups separated by up to three of ` -()` are read together
//! when at least one side is short (≤ 6 digits), so "9876543210 9123456789" stays two
//! numbers. A group glued to letters, `@`, or to other digits by `.`/`:` (decimals,
//! times, versions, IPs) or by `/`/`,` when short (dates, amounts) is not a number.

use super::IdKind;
use super::context::{Role, number_context};
use super::phone;
use super::scan::Scanner;
use super::text::{deva_digit_before, digit_at, luhn_ok};

const MAX_GROUPS: usize = 10;
const MAX_DIGITS: usize = 40;

#[derive(Clone, Copy, Default)]
struct Group {
    start: usize,
    end: usize,
    /// Digit range in `Seq::digits`.
    d0: usize,
    d1: usize,
}

struct Seq {
    digits: [u8; MAX_DIGITS],
    nd: usize,
    groups: [Group; MAX_GROUPS],
    ng: usize,
    plus: bool,
    /// Start of the raw text: the first digit, or the `+` / `(+` before it.
    start: usize,
    /// A `(` before the first group, kept in the raw text if its `)` is inside.
    paren: Option<usize>,
}

fn digit_before(b: &[u8], i: usize) -> bool {
    i > 0 && (b[i - 1].is_ascii_digit() || deva_digit_before(b, i))
}

/// Whether a run of `len` digits may start at `s` (not glued to a word or a decimal).
fn start_ok(b: &[u8], s: usize, len: usize) -> bool {
    let Some(&c) = s.checked_sub(1).and_then(|i| b.get(i)) else {
        return true;
    };
    match c {
        _ if c.is_ascii_alphanumeric() || c == b'_' || c == b'@' => false,
        b'.' | b':' => !digit_before(b, s - 1),
        b',' | b'/' => len >= 8 || !digit_before(b, s - 1),
        _ => true,
    }
}

/// Whether a run of `len` digits may end at `e`.
fn end_ok(b: &[u8], e: usize, len: usize) -> bool {
    let Some(&c) = b.get(e) else { return true };
    match c {
        _ if c.is_ascii_alphanumeric() || c == b'_' || c == b'@' => false,
        b'.' | b':' => digit_at(b, e + 1).is_none(),
        b',' | b'/' => len >= 8 || digit_at(b, e + 1).is_none(),
        _ => true,
    }
}

impl Seq {
    /// Reads the digits at `p` as the next group; rolls back and returns `None` if
    /// there are none or the buffer is full.
    fn read_group(&mut self, b: &[u8], p: usize) -> Option<Group> {
        let d0 = self.nd;
        let mut q = p;
        while let Some((v, l)) = digit_at(b, q) {
            if self.nd == MAX_DIGITS {
                self.nd = d0;
                return None;
            }
            self.digits[self.nd] = b'0' + v;
            self.nd += 1;
            q += l;
        }
        (q > p).then_some(Group { start: p, end: q, d0, d1: self.nd })
    }

    fn digits(&self, from: usize, to: usize) -> &[u8] {
        &self.digits[self.groups[from].d0..self.groups[to].d1]
    }

    fn group_len(&self, g: usize) -> usize {
        self.groups[g].d1 - self.groups[g].d0
    }

    fn all(&self) -> &[u8] {
        &self.digits[..self.nd]
    }

    fn last_end(&self) -> usize {
        self.groups[self.ng - 1].end
    }
}

/// Collects the groups of a number starting at `s`; `None` if the first run is not
/// a standalone number. The second value is where scanning for numbers resumes.
fn collect(b: &[u8], s: usize) -> (Option<Seq>, usize) {
    let mut seq = Seq {
        digits: [0; MAX_DIGITS],
        nd: 0,
        groups: [Group::default(); MAX_GROUPS],
        ng: 0,
        plus: false,
        start: s,
        paren: None,
    };
    let Some(first) = seq.read_group(b, s) else {
        // Over MAX_DIGITS digits in a row: skip the whole run.
        let mut q = s;
        while let Some((_, l)) = digit_at(b, q) {
            q += l;
        }
        return (None, q);
    };
    let len = first.d1 - first.d0;
    if !start_ok(b, s, len) || !end_ok(b, first.end, len) {
        return (None, first.end);
    }
    seq.groups[0] = first;
    seq.ng = 1;
    if s > 0 && b[s - 1] == b'+' {
        seq.plus = true;
        seq.start = s - 1;
        if s > 1 && b[s - 2] == b'(' {
            seq.start = s - 2;
        }
    } else if s > 0 && b[s - 1] == b'(' {
        seq.paren = Some(s - 1);
    }
    while seq.ng < MAX_GROUPS {
        let prev = seq.groups[seq.ng - 1];
        let mut q = prev.end;
        let mut n = 0;
        while n < 3 {
            match b.get(q) {
                Some(b' ' | b'-' | b'(' | b')') => q += 1,
                Some(0xC2) if b.get(q + 1) == Some(&0xA0) => q += 2,
                _ => break,
            }
            n += 1;
        }
        if n == 0 || digit_at(b, q).is_none() {
            break;
        }
        let nd_before = seq.nd;
        let Some(g) = seq.read_group(b, q) else { break };
        let glen = g.d1 - g.d0;
        let short_side = (prev.d1 - prev.d0).min(glen) <= 6;
        if !short_side || !end_ok(b, g.end, glen) {
            seq.nd = nd_before;
            break;
        }
        seq.groups[seq.ng] = g;
        seq.ng += 1;
    }
    let end = seq.last_end();
    (Some(seq), end)
}

/// Reads the number whose first digit is at `s`; returns where number scanning resumes.
pub(crate) fn scan(sc: &mut Scanner<'_>, s: usize) -> usize {
    let b = sc.b;
    // Most digit runs are short and alone ("Rs 500", "10:45", "2026"): skip them
    // before setting up a sequence.
    let run = b[s..].iter().take_while(|c| c.is_ascii_digit()).count();
    let next = b.get(s + run).copied();
    let may_continue = matches!(next, Some(b' ' | b'-' | b'(' | b')' | 0xC2 | 0xE0));
    if run < 9 && !may_continue {
        return s + run.max(1);
    }
    let (seq, resume) = collect(b, s);
    let Some(seq) = seq else { return resume };
    // Fewer than 9 digits: no kind here is that short (OTPs, PINs, amounts, dates).
    if seq.nd < 9 {
        return resume;
    }
    // "25,000/-" and "12%": amounts and percentages.
    let e = seq.last_end();
    if b.get(e) == Some(&b'%') || (b.get(e) == Some(&b'/') && b.get(e + 1) == Some(&b'-')) {
        return resume;
    }
    // "₹49999", "₹ 9876543210": an amount.
    let before = sc.text.get(..seq.start).unwrap_or("").trim_end_matches([' ', ':', '.']);
    let role = if before.ends_with('₹') { Role::Amount } else { number_context(sc.text, seq.start) };
    let n = seq.nd;
    let (first, last) = (seq.groups[0].start, e);
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
        _ => phones(sc, &seq, 0),
    }
    resume
}

/// 16 digits from a card network's range (3–6 first) passing Luhn: a payment card.
fn looks_like_card(d: &[u8]) -> bool {
    d.len() == 16 && matches!(d[0], b'3'..=b'6') && luhn_ok(d)
}

fn ascii(d: &[u8]) -> String {
    String::from_utf8_lossy(d).into_owned()
}

/// Takes phone numbers from the groups, left to right, each the longest run of whole
/// groups that reads as a valid number.
fn phones(sc: &mut Scanner<'_>, seq: &Seq, from: usize) {
    let mut i = from;
    while i < seq.ng {
        let mut best = None;
        for k in i..seq.ng {
            let d = seq.digits(i, k);
            if d.len() > 17 {
                break;
            }
            // "9198 7654 3210" is how an Aadhaar is written, never a phone number.
            let aadhaar = k == i + 2 && !seq.plus && (i..=k).all(|g| seq.group_len(g) == 4);
            if !aadhaar && let Some(v) = phone::from_digits(d, seq.plus && i == 0) {
                best = Some((k, v));
            }
        }
        match best {
            Some((k, v)) => {
                let end = seq.groups[k].end;
                let start = if i == 0 {
                    match seq.paren {
                        Some(p) if sc.b[p..end].contains(&b')') => p,
                        _ => seq.start,
                    }
                } else {
                    seq.groups[i].start
                };
                sc.emit(IdKind::Phone, v, start, end);
                i = k + 1;
            }
            None => i += 1,
        }
    }
}

/// The digits of `s` if it is written as a number `extract` would read as one run of
/// groups (spaces, dashes, brackets; ASCII or Devanagari digits); `plus` is set when
/// it starts with `+`. Used by `normalize`.
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
            ' ' | '-' | '(' | ')' | '.' | '\u{a0}' => {}
            _ => return None,
        }
    }
    (!out.is_empty()).then_some((out, plus))
}
