//! Reading a number written in groups of digits, before anyone says what it is.
//!
//! A number may be written in groups ("+91 98765 43210", "1234 5678 9012",
//! "(0141) 274-1234"). Groups separated by up to three of ` -()` are read together
//! when at least one side is short (≤ 6 digits), so "9876543210 9123456789" stays two
//! numbers. One line break may stand among those separators (a forwarded SMS wraps
//! "+91 98765" / "43210"); whether the number really goes on is decided later, when its
//! role is known (`number::scan`). Groups may also be joined by single dots
//! ("98765.43210", "0141.274.1234"); such a number can only be a phone number, and
//! `number::scan` checks it is one. Otherwise a group glued to letters, `@`, or to
//! other digits by `.`/`:` (decimals, times, versions, IPs) or by `/`/`,` when short
//! (dates, amounts) is not a number.

use super::text::{deva_digit_before, digit_at};

const MAX_GROUPS: usize = 10;
const MAX_DIGITS: usize = 40;

#[derive(Clone, Copy, Default)]
pub(crate) struct Group {
    pub(crate) start: usize,
    pub(crate) end: usize,
    /// Digit range in `Seq::digits`.
    d0: usize,
    d1: usize,
}

pub(crate) struct Seq {
    digits: [u8; MAX_DIGITS],
    /// Number of digits read.
    pub(crate) nd: usize,
    groups: [Group; MAX_GROUPS],
    pub(crate) ng: usize,
    /// Written with a leading `+`.
    pub(crate) plus: bool,
    /// Groups joined by dots ("98765.43210").
    pub(crate) dotted: bool,
    /// Bit `g` set: a line break stands between group `g` and the one before.
    breaks: u16,
    /// Start of the raw text: the first digit, or the `+` / `(+` before it.
    pub(crate) start: usize,
    /// A `(` before the first group, kept in the raw text if its `)` is inside.
    pub(crate) paren: Option<usize>,
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

/// Whether a dot and a digit follow `e`.
fn dot_follows(b: &[u8], e: usize) -> bool {
    b.get(e) == Some(&b'.') && digit_at(b, e + 1).is_some()
}

/// The separators between two groups from `q`: up to three of ` -()` or a no-break
/// space, and at most one line break (`\n` or `\r\n`) among them. Returns where the
/// next group would start, whether any separator was there, and whether a line break was.
fn separators(b: &[u8], mut q: usize) -> (usize, bool, bool) {
    let (mut n, mut broke) = (0, false);
    loop {
        match b.get(q) {
            Some(b' ' | b'-' | b'(' | b')') if n < 3 => (q, n) = (q + 1, n + 1),
            Some(0xC2) if n < 3 && b.get(q + 1) == Some(&0xA0) => (q, n) = (q + 2, n + 1),
            Some(b'\n') if !broke => (q, broke) = (q + 1, true),
            Some(b'\r') if !broke && b.get(q + 1) == Some(&b'\n') => (q, broke) = (q + 2, true),
            _ => break,
        }
    }
    (q, n > 0 || broke, broke)
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

    fn push(&mut self, g: Group) {
        self.groups[self.ng] = g;
        self.ng += 1;
    }

    pub(crate) fn group(&self, g: usize) -> Group {
        self.groups[g]
    }

    /// Whether a line break stands between group `g` and the one before.
    pub(crate) fn after_break(&self, g: usize) -> bool {
        self.breaks & (1 << g) != 0
    }

    /// The digits of groups `from..=to`.
    pub(crate) fn digits(&self, from: usize, to: usize) -> &[u8] {
        &self.digits[self.groups[from].d0..self.groups[to].d1]
    }

    pub(crate) fn group_len(&self, g: usize) -> usize {
        self.groups[g].d1 - self.groups[g].d0
    }

    pub(crate) fn all(&self) -> &[u8] {
        &self.digits[..self.nd]
    }

    pub(crate) fn last_end(&self) -> usize {
        self.groups[self.ng - 1].end
    }

    /// Keeps only the first `ng` groups.
    pub(crate) fn truncate(&mut self, ng: usize) {
        self.ng = ng;
        self.nd = self.groups[ng - 1].d1;
        self.breaks &= (1 << ng) - 1;
    }
}

impl Default for Seq {
    fn default() -> Self {
        Seq {
            digits: [0; MAX_DIGITS],
            nd: 0,
            groups: [Group::default(); MAX_GROUPS],
            ng: 0,
            plus: false,
            dotted: false,
            breaks: 0,
            start: 0,
            paren: None,
        }
    }
}

/// Collects into `seq` (fresh) the groups of a number starting at `s`; `false` if the
/// first run is not a standalone number. The second value is where scanning for
/// numbers resumes. (`seq` is the caller's, so that it is not moved around.)
pub(crate) fn collect(b: &[u8], s: usize, seq: &mut Seq) -> (bool, usize) {
    seq.start = s;
    let Some(first) = seq.read_group(b, s) else {
        // Over MAX_DIGITS digits in a row: skip the whole run.
        let mut q = s;
        while let Some((_, l)) = digit_at(b, q) {
            q += l;
        }
        return (false, q);
    };
    let len = first.d1 - first.d0;
    if !start_ok(b, s, len) || !(end_ok(b, first.end, len) || dot_follows(b, first.end)) {
        return (false, first.end);
    }
    seq.push(first);
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
        if dot_follows(b, prev.end) {
            // Dots join groups from the start, or after a "+91 " alone.
            if !(seq.dotted || seq.ng == 1 || (seq.ng == 2 && seq.plus)) {
                break;
            }
            let Some(g) = seq.read_group(b, prev.end + 1) else { break };
            if !(end_ok(b, g.end, g.d1 - g.d0) || dot_follows(b, g.end)) {
                // "98765.43210abc": something else.
                return (false, g.end);
            }
            seq.dotted = true;
            seq.push(g);
            continue;
        }
        if seq.dotted {
            break;
        }
        let (q, any, broke) = separators(b, prev.end);
        if !any || digit_at(b, q).is_none() {
            break;
        }
        let nd_before = seq.nd;
        let Some(g) = seq.read_group(b, q) else { break };
        let glen = g.d1 - g.d0;
        // Across a line break, whether the number goes on depends on what it is, which
        // `number::scan` decides; on one line, one side must be short.
        let short_side = broke || (prev.d1 - prev.d0).min(glen) <= 6;
        // A group followed by a dot goes on only as in "+91 98765.43210".
        let ends = end_ok(b, g.end, glen) || (dot_follows(b, g.end) && seq.ng == 1 && seq.plus && !broke);
        if !short_side || !ends {
            seq.nd = nd_before;
            break;
        }
        seq.breaks |= u16::from(broke) << seq.ng;
        seq.push(g);
    }
    let end = seq.last_end();
    // A run of dotted groups cut short (too many groups or digits) is not a number.
    if dot_follows(b, end) {
        return (false, end);
    }
    (true, end)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(t: &str, s: usize) -> Option<Seq> {
        let mut seq = Seq::default();
        collect(t.as_bytes(), s, &mut seq).0.then_some(seq)
    }

    /// The groups read from the start of `t`, as text, or `None`.
    fn groups(t: &str) -> Option<Vec<String>> {
        let seq = read(t, 0)?;
        Some((0..seq.ng).map(|g| String::from_utf8_lossy(seq.digits(g, g)).into_owned()).collect())
    }

    #[test]
    fn separators_and_breaks() {
        assert_eq!(groups("98765 43210").unwrap(), ["98765", "43210"]);
        assert_eq!(groups("98765\n43210").unwrap(), ["98765", "43210"]);
        assert_eq!(groups("98765 -\r\n43210").unwrap(), ["98765", "43210"]);
        // A blank line ends the number.
        assert_eq!(groups("98765\n\n43210").unwrap(), ["98765"]);
        assert!(read("98765\n43210", 0).is_some_and(|s| s.after_break(1) && !s.after_break(0)));
    }

    #[test]
    fn dots() {
        assert_eq!(groups("98765.43210").unwrap(), ["98765", "43210"]);
        assert_eq!(groups("0141.274.1234").unwrap(), ["0141", "274", "1234"]);
        // Without a `+`, a group glued to a dot is left for a reading of its own.
        assert_eq!(groups("91 98765.43210").unwrap(), ["91"]);
        assert!(read("+91 98765.43210", 1).is_some_and(|s| s.dotted && s.ng == 3));
        // After dots, spaces do not join more groups.
        assert_eq!(groups("12.03.2026 9876543210").unwrap(), ["12", "03", "2026"]);
        assert!(groups("98765.43210abc").is_none());
        assert!(groups("9876543210 12.50").is_some_and(|g| g == ["9876543210"]));
    }
}
