//! Host names: labels of letters (any script), digits and `-`, separated by dots,
//! including the defanged dots `[.]`, `(.)`, `{.}`, `[dot]`, `(dot)`.

use unicode_normalization::UnicodeNormalization;

use super::data::{self, Tld};
use super::punycode;
use super::text::{char_at, is_letter};

const MAX_LABELS: usize = 12;

/// A host as written: label spans only; the normal form is built on demand.
pub(crate) struct Host {
    pub(crate) start: usize,
    pub(crate) end: usize,
    labels: [(usize, usize); MAX_LABELS],
    n: usize,
    /// Whether a defanged dot was used (then the writer meant a link for sure).
    pub(crate) defanged: bool,
}

/// The length of a dot (plain or defanged) at `p`, or 0.
fn dot_len(b: &[u8], p: usize) -> usize {
    match b.get(p) {
        Some(b'.') => 1,
        Some(b'[' | b'(' | b'{') => {
            let close = match b[p] {
                b'[' => b']',
                b'(' => b')',
                _ => b'}',
            };
            if b.get(p + 1) == Some(&b'.') && b.get(p + 2) == Some(&close) {
                3
            } else if b.get(p + 1..p + 4).is_some_and(|w| w.eq_ignore_ascii_case(b"dot"))
                && b.get(p + 4) == Some(&close)
            {
                5
            } else {
                0
            }
        }
        _ => 0,
    }
}

/// The length of the label char at `p`, or 0.
fn label_char(text: &str, p: usize) -> usize {
    match text.as_bytes().get(p) {
        Some(c) if c.is_ascii_alphanumeric() || *c == b'-' => 1,
        Some(c) if *c >= 0x80 => match char_at(text, p) {
            Some(ch) if is_letter(ch) => ch.len_utf8(),
            _ => 0,
        },
        _ => 0,
    }
}

/// Reads a host of at least two labels starting at `i`.
pub(crate) fn parse(text: &str, i: usize) -> Option<Host> {
    let b = text.as_bytes();
    let mut host = Host { start: i, end: i, labels: [(0, 0); MAX_LABELS], n: 0, defanged: false };
    let mut p = i;
    loop {
        let ls = p;
        loop {
            let l = label_char(text, p);
            if l == 0 {
                break;
            }
            p += l;
        }
        if p == ls || p - ls > 63 || b[ls] == b'-' || b[p - 1] == b'-' || host.n == MAX_LABELS {
            return None;
        }
        host.labels[host.n] = (ls, p);
        host.n += 1;
        let d = dot_len(b, p);
        if d == 0 || label_char(text, p + d) == 0 || b.get(p + d) == Some(&b'-') {
            break;
        }
        host.defanged |= d > 1;
        p += d;
    }
    host.end = p;
    host.drop_glued_word(text);
    (host.n >= 2).then_some(host)
}

/// An ASCII word in title case: a capital, then small letters ("Upload", "Pay").
fn is_title_word(w: &str) -> bool {
    let b = w.as_bytes();
    b.len() >= 2 && b[0].is_ascii_uppercase() && b[1..].iter().all(u8::is_ascii_lowercase)
}

impl Host {
    fn label<'t>(&self, text: &'t str, i: usize) -> &'t str {
        let (s, e) = self.labels[i];
        &text[s..e]
    }

    pub(crate) fn label_count(&self) -> usize {
        self.n
    }

    /// The last label as written.
    pub(crate) fn tld_raw<'t>(&self, text: &'t str) -> &'t str {
        self.label(text, self.n - 1)
    }

    /// The label before the TLD, as written.
    pub(crate) fn sld_raw<'t>(&self, text: &'t str) -> &'t str {
        self.label(text, self.n - 2)
    }

    /// The TLD's status in the list, if listed.
    pub(crate) fn tld(&self, text: &str) -> Option<Tld> {
        data::tld(self.tld_raw(text))
    }

    /// Whether the TLD could be a real one though not listed: 2+ letters, or punycode.
    pub(crate) fn tld_plausible(&self, text: &str) -> bool {
        let t = self.tld_raw(text);
        if t.is_ascii() {
            (t.len() >= 2 && t.bytes().all(|c| c.is_ascii_alphabetic()))
                || (t.len() > 4 && t[..4].eq_ignore_ascii_case("xn--"))
        } else {
            t.chars().all(is_letter)
        }
    }

    /// Whether the TLD is written in one case ("Ref.No" is prose, "SBI.COM" is not).
    pub(crate) fn tld_case_ok(&self, text: &str) -> bool {
        let t = self.tld_raw(text);
        !t.bytes().any(|c| c.is_ascii_uppercase()) || !t.bytes().any(|c| c.is_ascii_lowercase())
    }

    /// Whether the host is written in title case: the TLD a capital and small letters,
    /// the name before it starting with a capital ("Abc-Careers.In").
    pub(crate) fn title_case(&self, text: &str) -> bool {
        is_title_word(self.tld_raw(text)) && self.sld_raw(text).starts_with(|c: char| c.is_ascii_uppercase())
    }

    /// "jobs@abc-careers.in.Upload your CV": a sentence glued to the host after a full
    /// stop. A last label in title case after a real TLD written in small letters is
    /// the next sentence's first word, unless it is a short TLD itself ("abc.co.In").
    fn drop_glued_word(&mut self, text: &str) {
        if self.n < 3 || self.defanged {
            return;
        }
        let last = self.label(text, self.n - 1);
        let before = self.label(text, self.n - 2);
        let glued = is_title_word(last)
            && (last.len() >= 3 || data::tld(last).is_none())
            && before.bytes().all(|c| c.is_ascii_lowercase())
            && data::tld(before).is_some();
        if glued {
            self.n -= 1;
            self.end = self.labels[self.n - 1].1;
        }
    }

    /// Whether this is a dotted IPv4 address.
    pub(crate) fn is_ipv4(&self, text: &str) -> bool {
        self.n == 4
            && (0..4).all(|i| {
                let l = self.label(text, i);
                l.len() <= 3 && l.bytes().all(|c| c.is_ascii_digit()) && l.parse::<u16>().is_ok_and(|v| v <= 255)
            })
    }

    /// The normal form: lower case, plain dots, IDN labels as `xn--` punycode.
    pub(crate) fn value(&self, text: &str) -> Option<String> {
        let mut out = String::with_capacity(self.end - self.start);
        for i in 0..self.n {
            if i > 0 {
                out.push('.');
            }
            let l = self.label(text, i);
            if l.is_ascii() {
                out.extend(l.chars().map(|c| c.to_ascii_lowercase()));
            } else {
                let folded: String = l.nfc().flat_map(char::to_lowercase).nfc().collect();
                let code = punycode::encode(&folded)?;
                if code.len() + 4 > 63 {
                    return None;
                }
                out.push_str("xn--");
                out.push_str(&code);
            }
        }
        (out.len() <= 253).then_some(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(s: &str) -> Option<String> {
        parse(s, 0).and_then(|h| h.value(s))
    }

    #[test]
    fn hosts() {
        assert_eq!(v("SBI-KYC.com/x").as_deref(), Some("sbi-kyc.com"));
        assert_eq!(v("sbi[.]co(.)in").as_deref(), Some("sbi.co.in"));
        assert_eq!(v("paytm[dot]in").as_deref(), Some("paytm.in"));
        assert_eq!(v("पुलिस.भारत").as_deref(), Some("xn--n2bqs1ai.xn--h2brj9c"));
        assert_eq!(v("end."), None);
        assert_eq!(v("a.-b"), None);
        assert_eq!(v("abc-careers.in.Upload").as_deref(), Some("abc-careers.in"));
        assert_eq!(v("sbi.co.in.Dear").as_deref(), Some("sbi.co.in"));
        assert_eq!(v("abc.co.In").as_deref(), Some("abc.co.in"));
        assert_eq!(v("mail.Google.Com").as_deref(), Some("mail.google.com"));
        assert_eq!(v("Mr.Sharma.He").as_deref(), Some("mr.sharma.he"));
        assert!(parse("1.2.3.4", 0).is_some_and(|h| h.is_ipv4("1.2.3.4")));
    }
}
