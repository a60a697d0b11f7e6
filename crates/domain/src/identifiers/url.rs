//! Links: `scheme://host[:port][/path][?query][#fragment]`, with or without the
//! scheme, defanged or not. Each link gives a `url`, and a `domain`, a `handle`
//! or a `phone` (see `social`).

use super::IdKind;
use super::at;
use super::data::Tld;
use super::host::{self, Host};
use super::scan::Scanner;
use super::social::{self, Social};

pub(crate) struct Link {
    pub(crate) start: usize,
    pub(crate) end: usize,
    pub(crate) host: Host,
    /// Normal host (lower case, punycode), with any `www.`.
    pub(crate) host_value: String,
    /// Normal url value.
    pub(crate) url: String,
    /// Byte offset in `url` where the path (or query, fragment) starts.
    path_at: usize,
    /// Written with a scheme, `www.` or a defanged dot: meant as a link for sure.
    pub(crate) explicit: bool,
    /// Has a path, query or fragment beyond a lone `/`.
    pub(crate) has_path: bool,
    /// A bare host that reads as prose or a file name too ("Abc.In", "him.in",
    /// "offer.zip"): a link only where an e-mail address in the text has this host.
    pub(crate) weak: bool,
}

impl Link {
    /// The refanged path, query and fragment, as written.
    pub(crate) fn path(&self) -> &str {
        &self.url[self.path_at..]
    }

    /// The `domain` value: the host without a leading `www.`.
    pub(crate) fn domain(&self) -> &str {
        strip_www(&self.host_value)
    }
}

/// A normal host without its leading `www.` (all of them: `www.www.x.in` is `x.in`),
/// as long as a dotted name remains.
pub(crate) fn strip_www(mut host: &str) -> &str {
    while let Some(rest) = host.strip_prefix("www.") {
        if !rest.contains('.') {
            break;
        }
        host = rest;
    }
    host
}

/// The normal scheme and the length of `scheme://` (or `[:]//`, `[://]`) at `i`.
fn scheme_at(b: &[u8], i: usize) -> Option<(&'static str, usize)> {
    const SCHEMES: &[(&[u8], &str)] =
        &[(b"https", "https"), (b"hxxps", "https"), (b"http", "http"), (b"hxxp", "http"), (b"ftp", "ftp")];
    let (name, norm) =
        SCHEMES.iter().find(|(name, _)| b.get(i..i + name.len()).is_some_and(|w| w.eq_ignore_ascii_case(name)))?;
    let rest = b.get(i + name.len()..)?;
    let sep = [&b"://"[..], b"[:]//", b"[://]"].into_iter().find(|s| rest.starts_with(s))?;
    Some((norm, name.len() + sep.len()))
}

/// Second-level names that are everyday words: "him.in", "done.so", "money.today"
/// written without a space after the full stop are prose, not domains.
fn is_prose_word(w: &str) -> bool {
    const WORDS: &[&str] = &[
        "him", "her", "it", "me", "you", "them", "us", "this", "that", "there", "here", "now", "then", "time", "done",
        "ok", "okay", "yes", "no", "sir", "madam", "mam", "please", "pls", "plz", "thanks", "thank", "regards",
        "again", "also", "back", "money", "paid", "sent", "call", "number", "message", "msg", "link", "online",
        "account", "only", "all", "so", "to", "is", "in", "on", "at", "be", "do", "go", "hai", "tha", "thi", "kiya",
        "karo", "ho", "na", "ki", "ka", "ke", "se", "main", "toh", "bhi", "aur", "ji", "gaya", "diya", "liya", "hua",
        "and", "but", "or", "the", "was", "are", "did", "not", "get", "got", "he", "she", "we", "they", "my", "your",
        "day", "today", "am", "pm", "rs", "no", "ref", "etc", "dr", "mr", "mrs", "ms", "st", "vs", "fig", "vol", "ltd",
        "pvt", "co", "inc",
    ];
    WORDS.iter().any(|p| p.eq_ignore_ascii_case(w))
}

/// Where a path that starts at `p` ends, sentence punctuation after it excluded.
fn path_end(text: &str, p: usize) -> usize {
    let mut end = p;
    for (i, c) in text[p..].char_indices() {
        let stop = c.is_whitespace()
            || matches!(
                c,
                '<' | '>'
                    | '"'
                    | '`'
                    | '{'
                    | '}'
                    | '|'
                    | '\\'
                    | '^'
                    | '“'
                    | '”'
                    | '‘'
                    | '’'
                    | '«'
                    | '»'
                    | '।'
                    | '॥'
                    | '\u{200b}'
            );
        if stop {
            break;
        }
        end = p + i + c.len_utf8();
    }
    if let Some(cut) = mail_after_separator(text, p, end) {
        end = cut;
    }
    // Trailing punctuation belongs to the sentence, and an unbalanced `)` or `]` to
    // the text around the link.
    // Bracket balance is counted once and updated as bytes are dropped, so a link
    // ending in thousands of `)` is still read in linear time.
    let path = &text.as_bytes()[p..end];
    let count = |c: u8| path.iter().filter(|&&x| x == c).count() as isize;
    let mut parens = count(b'(') - count(b')');
    let mut brackets = count(b'[') - count(b']');
    while let Some(c) = text[p..end].chars().next_back() {
        // A defanged full stop is still a full stop.
        if text[p..end].ends_with("[.]") {
            end -= 3;
            continue;
        }
        let drop = match c {
            '.' | ',' | ';' | ':' | '!' | '?' | '\'' | '*' | '…' => true,
            ')' if parens < 0 => {
                parens += 1;
                true
            }
            ']' if brackets < 0 => {
                brackets += 1;
                true
            }
            _ => false,
        };
        if drop {
            end -= c.len_utf8();
        } else {
            break;
        }
    }
    end
}

/// "abc-careers.in/apply,jobs@abc-careers.in": where, in the path `p..end`, a comma or
/// semicolon is followed by an e-mail address, which is not part of the path.
fn mail_after_separator(text: &str, p: usize, end: usize) -> Option<usize> {
    let b = text.as_bytes();
    (p..end).find(|&c| {
        matches!(b[c], b',' | b';') && {
            let local = b[c + 1..end].iter().take(65).take_while(|&&x| at::is_local_byte(x)).count();
            let a = c + 1 + local;
            local > 0 && b.get(a) == Some(&b'@') && at::email_at(text, c + 1, a).is_some()
        }
    })
}

/// Reads a link starting at `i` (at a scheme or at the host).
pub(crate) fn parse_link(text: &str, i: usize) -> Option<Link> {
    let b = text.as_bytes();
    let (scheme, host_start) = match scheme_at(b, i) {
        Some((s, len)) => (Some(s), i + len),
        None => (None, i),
    };
    let host = host::parse(text, host_start)?;
    let e = host.end;
    // "rahul.in@gmail.com": before an `@` is a mailbox name, not a host.
    if b.get(e) == Some(&b'@') {
        return None;
    }
    let www =
        host.label_count() > 2 && b.get(host_start..host_start + 4).is_some_and(|w| w.eq_ignore_ascii_case(b"www."));
    let explicit = scheme.is_some() || www || host.defanged;
    let mut port_end = e;
    if b.get(e) == Some(&b':') {
        let digits = b[e + 1..].iter().take_while(|c| c.is_ascii_digit()).count();
        if (1..=5).contains(&digits) && !super::text::is_word_byte(b, e + 1 + digits) {
            port_end = e + 1 + digits;
        }
    }
    let mut end = port_end;
    if matches!(b.get(port_end), Some(b'/' | b'?' | b'#')) {
        end = path_end(text, port_end);
    }
    let has_path = end > port_end + 1 || (end > port_end && b[port_end] != b'/');
    let mut weak = false;
    if host.is_ipv4(text) {
        scheme?;
    } else {
        let (ok, fileish) = match host.tld(text) {
            Some(Tld::Normal) => (true, false),
            Some(Tld::Fileish) => (true, !(explicit || has_path)),
            None => (explicit && host.tld_plausible(text), false),
        };
        let prose = !explicit
            && (!host.tld_case_ok(text) || (host.label_count() == 2 && !has_path && is_prose_word(host.sld_raw(text))));
        if !ok {
            return None;
        }
        weak = fileish || prose;
    }
    let host_value = host.value(text)?;
    let scheme = scheme.unwrap_or("http");
    let mut url = String::with_capacity(scheme.len() + 3 + host_value.len() + end - e);
    url.push_str(scheme);
    url.push_str("://");
    url.push_str(&host_value);
    url.push_str(&text[e..port_end]);
    let path_at = url.len();
    let path = &text[port_end..end];
    if path.contains("[.]") {
        url.push_str(&path.replace("[.]", "."));
    } else {
        url.push_str(path);
    }
    Some(Link { start: i, end, host, host_value, url, path_at, explicit, has_path, weak })
}

/// Records a link's `url` and its `domain`, `handle` or `phone`.
pub(crate) fn emit(sc: &mut Scanner<'_>, link: Link) {
    let (s, e) = (link.start, link.end);
    match social::classify(&link) {
        Social::Handle(h) => sc.emit(IdKind::Handle, h, s, e),
        Social::Phone(p) => sc.emit(IdKind::Phone, p, s, e),
        Social::Platform => {}
        Social::Other => {
            let (hs, he) = (link.host.start, link.host.end);
            sc.emit(IdKind::Domain, link.domain().to_owned(), hs, he);
        }
    }
    sc.emit(IdKind::Url, link.url, s, e);
}
