//! The single pass over the text.
//!
//! The scan jumps from trigger byte to trigger byte: a digit, `@`, `.`, a `[`/`(`/`{`
//! (defanged dots), `T` (a TRON address may have no digit), or the last byte of a
//! Devanagari digit. Only the whitespace-separated chunk around a trigger is looked
//! at again, and then only by the parsers its bytes call for. Inside a chunk, links
//! are read first, then `@` addresses, then words and numbers, each later step
//! skipping the spans an earlier one claimed ("9876543210@ybl" is a UPI id, not also
//! a bare number; "youtube.com/@name" is a link, not a mention).

use super::{Found, IdKind, alnum, at, number, text, url};

const WS: u8 = 1;
const DIGIT: u8 = 2;
const AT: u8 = 4;
const DOT: u8 = 8;
const BRACKET: u8 = 16;
/// `T`: a trigger only for chunks long enough to be a TRON address.
const TEE: u8 = 32;
/// Third byte of a Devanagari digit (`E0 A5 A6..AF`); other chars share it, so the
/// two bytes before are checked too.
const DEVA3: u8 = 64;
const TRIGGER: u8 = DIGIT | AT | DOT | BRACKET | TEE | DEVA3;

/// How far from a bare host an e-mail address may vouch for it: a message, not a file.
/// Bounded so that what `extract` finds depends only on text nearby (see `REACH`).
const MAIL_REACH: usize = 4 << 10;

static CLASS: [u8; 256] = {
    let mut t = [0u8; 256];
    t[b' ' as usize] = WS;
    t[b'\t' as usize] = WS;
    t[b'\n' as usize] = WS;
    t[b'\r' as usize] = WS;
    t[0x0b] = WS;
    t[0x0c] = WS;
    let mut d = b'0';
    while d <= b'9' {
        t[d as usize] = DIGIT;
        d += 1;
    }
    t[b'@' as usize] = AT;
    t[b'.' as usize] = DOT;
    t[b'[' as usize] = BRACKET;
    t[b'(' as usize] = BRACKET;
    t[b'{' as usize] = BRACKET;
    t[b'T' as usize] = TEE;
    let mut c = 0xA6;
    while c <= 0xAF {
        t[c] = DEVA3;
        c += 1;
    }
    t
};

pub(crate) struct Scanner<'t> {
    pub(crate) text: &'t str,
    pub(crate) b: &'t [u8],
    out: Vec<Found>,
    /// Numbers may span chunks ("+91 98765 43210"): digits before this are read.
    num_until: usize,
    /// Spans taken by links and `@` addresses in the current chunk.
    claims: Vec<(usize, usize)>,
    /// The text's e-mail addresses (`@` and host), read on first need.
    mail_hosts: Option<Vec<(usize, String)>>,
}

impl<'t> Scanner<'t> {
    pub(crate) fn new(text: &'t str) -> Self {
        Scanner { text, b: text.as_bytes(), out: Vec::new(), num_until: 0, claims: Vec::new(), mail_hosts: None }
    }

    pub(crate) fn run(mut self) -> Vec<Found> {
        let b = self.b;
        let n = b.len();
        // Chunks before `done` are read; triggers are searched for from `from`.
        let (mut done, mut from) = (0, 0);
        while from < n {
            let Some(t) = next_trigger(b, from) else { break };
            from = t + 1;
            let class = CLASS[usize::from(b[t])];
            if class == DEVA3 && !(t >= 2 && b[t - 2] == 0xE0 && b[t - 1] == 0xA5) {
                continue;
            }
            let mut s = t;
            while s > done && CLASS[usize::from(b[s - 1])] & WS == 0 {
                s -= 1;
            }
            let e = b[t..].iter().position(|&c| CLASS[usize::from(c)] & WS != 0).map_or(n, |k| t + k);
            let mask = b[s..e].iter().fold(0, |m, &c| m | CLASS[usize::from(c)]);
            let deva_digit = mask & DEVA3 != 0 && has_deva_digit(&b[s..e]);
            if mask & (DIGIT | AT | DOT | BRACKET) != 0 || deva_digit || e - s >= 26 {
                self.chunk(s, e, mask, deva_digit);
            }
            done = e;
            from = e;
        }
        let mut out = self.out;
        out.sort_unstable_by(|a, b| (a.start, a.kind, a.end, &a.value).cmp(&(b.start, b.kind, b.end, &b.value)));
        out.dedup();
        out
    }

    fn chunk(&mut self, s: usize, e: usize, mask: u8, deva_digit: bool) {
        self.claims.clear();
        if mask & (DOT | BRACKET) != 0 && may_hold_link(&self.b[s..e]) {
            self.links(s, e);
        }
        if mask & AT != 0 {
            for a in s..e {
                if self.b[a] == b'@' && !self.claimed(a, a + 1) {
                    at::at_sign(self, a);
                }
            }
        }
        if mask & DIGIT != 0 || deva_digit || e - s >= 26 {
            self.words(s, e);
        }
    }

    /// Tries a link at every place one could start: after a char that cannot be inside
    /// a host. A failed try skips the rest of that host-like run.
    fn links(&mut self, s: usize, e: usize) {
        let b = self.b;
        let mut p = s;
        while p < e {
            let c = b[p];
            if !(c.is_ascii_alphanumeric() || c >= 0xC0) {
                p += 1;
                continue;
            }
            // Not in the middle of a word, a mailbox name or a host already rejected.
            let host_byte = |i: usize| b[i].is_ascii_alphanumeric() || b[i] >= 0x80;
            let lone_at = p > s && b[p - 1] == b'@' && (p - 1 == s || !at::is_local_byte(b[p - 2]));
            let glued = p > s
                && match b[p - 1] {
                    c if c.is_ascii_alphanumeric() => true,
                    b'_' | b'.' => true,
                    // "Website:-abc.in": a hyphen glues only to a word before it.
                    b'-' => p - 1 > s && host_byte(p - 2),
                    // "jobs@abc.in" is a mailbox; "apply @abc.in/form" is "at" a link.
                    b'@' => !lone_at,
                    c if c >= 0x80 => text::char_before_is_letter(self.text, p),
                    _ => false,
                };
            if glued {
                p = skip_hostish(b, p, e);
                continue;
            }
            let link = url::parse_link(self.text, p).filter(|l| {
                // After a lone `@` a bare host is a mention ("@riya.in"), unless it has a path.
                (!lone_at || l.explicit || l.has_path) && (!l.weak || self.vouched(p, &l.host_value))
            });
            match link {
                Some(link) => {
                    let (start, end) = (if lone_at { p - 1 } else { p }, link.end);
                    url::emit(self, link);
                    self.claim(start, end);
                    p = end.max(p + 1);
                }
                None => p = skip_hostish(b, p, e),
            }
        }
    }

    /// Words of letters and digits, and digit runs (ASCII or Devanagari).
    fn words(&mut self, s: usize, e: usize) {
        let b = self.b;
        let mut p = s;
        while p < e {
            let c = b[p];
            if c.is_ascii_alphanumeric() || c == b'_' {
                let mut q = p + 1;
                let mut digits = c.is_ascii_digit();
                let mut letters = !digits;
                while q < b.len() && (b[q].is_ascii_alphanumeric() || b[q] == b'_') {
                    digits |= b[q].is_ascii_digit();
                    letters |= !b[q].is_ascii_digit();
                    q += 1;
                }
                if self.claimed(p, q) {
                    p = q;
                } else if !letters {
                    p = self.number_at(p).max(q);
                } else {
                    if digits || q - p >= 26 {
                        alnum::word(self, p, q);
                    }
                    p = q;
                }
            } else if c == 0xE0 && super::text::digit_at(b, p).is_some() {
                p = self.number_at(p).max(p + 3);
            } else {
                p += 1;
            }
        }
    }

    fn number_at(&mut self, p: usize) -> usize {
        if p < self.num_until {
            return self.num_until;
        }
        let resume = number::scan(self, p);
        self.num_until = self.num_until.max(resume);
        resume
    }

    /// Whether an e-mail address near `at` (its `@` within [`MAIL_REACH`] bytes) has
    /// this host, which makes a bare host written like prose ("Abc-Careers.In",
    /// "him.in") a link after all. The addresses are read once per text, and only when
    /// such a host turns up.
    fn vouched(&mut self, at: usize, host: &str) -> bool {
        let text = self.text;
        let mails = self.mail_hosts.get_or_insert_with(|| at::mail_hosts(text));
        mails.iter().any(|(a, h)| a.abs_diff(at) <= MAIL_REACH && h == host)
    }

    /// Claims are disjoint and kept sorted, so a lookup is a binary search even in a
    /// chunk of thousands of comma-separated addresses.
    pub(crate) fn claim(&mut self, s: usize, e: usize) {
        let i = self.claims.partition_point(|c| c.0 < s);
        self.claims.insert(i, (s, e));
    }

    pub(crate) fn claimed(&self, s: usize, e: usize) -> bool {
        let i = self.claims.partition_point(|c| c.0 < e);
        i > 0 && self.claims[i - 1].1 > s
    }

    /// Records one identifier; `start..end` must be char boundaries of the text.
    pub(crate) fn emit(&mut self, kind: IdKind, value: String, start: usize, end: usize) {
        if let Some(raw) = self.text.get(start..end) {
            self.out.push(Found { kind, value, raw: raw.to_owned(), start, end });
        }
    }
}

/// The first trigger byte at or after `from`. Most text has none for many bytes, so
/// eight bytes are tested with one branch.
fn next_trigger(b: &[u8], from: usize) -> Option<usize> {
    let rest = b.get(from..)?;
    let mut blocks = rest.chunks_exact(8);
    let mut at = from;
    for block in &mut blocks {
        let any = block.iter().fold(0, |m, &c| m | CLASS[usize::from(c)]);
        if any & TRIGGER != 0 {
            let k = block.iter().position(|&c| CLASS[usize::from(c)] & TRIGGER != 0)?;
            return Some(at + k);
        }
        at += 8;
    }
    blocks.remainder().iter().position(|&c| CLASS[usize::from(c)] & TRIGGER != 0).map(|k| at + k)
}

/// Whether a chunk has a dot inside it (not just a full stop at its end) or a
/// defanged dot: most chunks with a `.` are words ending a sentence.
fn may_hold_link(c: &[u8]) -> bool {
    c.windows(2).any(|w| {
        (w[0] == b'.' && (w[1].is_ascii_alphanumeric() || w[1] >= 0x80))
            || (matches!(w[0], b'[' | b'(' | b'{') && matches!(w[1], b'.' | b'd' | b'D'))
    })
}

/// The end of the run of letters, digits, `-` and non-ASCII bytes at `p`.
fn skip_hostish(b: &[u8], mut p: usize, e: usize) -> usize {
    p += 1;
    while p < e && (b[p].is_ascii_alphanumeric() || b[p] >= 0x80 || b[p] == b'-') {
        p += 1;
    }
    p
}

/// Whether `chunk` holds a Devanagari digit (`E0 A5 A6..AF`).
fn has_deva_digit(chunk: &[u8]) -> bool {
    chunk.windows(3).any(|w| w[0] == 0xE0 && w[1] == 0xA5 && (0xA6..=0xAF).contains(&w[2]))
}
