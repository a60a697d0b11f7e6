//! The lists kept as data (UPI handles, TLDs), parsed once on first use.

use std::sync::LazyLock;

const UPI_PSP: &str = include_str!("../../data/identifiers/upi_psp.txt");
const TLDS: &str = include_str!("../../data/identifiers/tlds.txt");

/// How a known TLD may be used.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Tld {
    /// Fine for bare domains and e-mail addresses.
    Normal,
    /// Clashes with file names or company suffixes: needs a scheme, `www.` or a path.
    Fileish,
}

/// Lower-case words with a value, looked up ignoring ASCII case. Words are bucketed
/// by first byte and compared length first, which beats a binary search of `memcmp`s
/// for the short words looked up here on every candidate.
pub(crate) struct WordTable<T> {
    words: Vec<(&'static str, T)>,
    by_first: [(u16, u16); 256],
}

impl<T: Copy> WordTable<T> {
    pub(crate) fn new(mut words: Vec<(&'static str, T)>) -> Self {
        words.sort_by_key(|e| e.0);
        words.dedup_by_key(|e| e.0);
        let mut by_first = [(0u16, 0u16); 256];
        let mut i = 0;
        while i < words.len() {
            let first = words[i].0.as_bytes().first().copied().unwrap_or(0);
            let start = i;
            while i < words.len() && words[i].0.as_bytes().first().copied().unwrap_or(0) == first {
                i += 1;
            }
            by_first[usize::from(first)] = (start as u16, i as u16);
        }
        WordTable { words, by_first }
    }

    pub(crate) fn get(&self, w: &str) -> Option<T> {
        let b = w.as_bytes();
        let (s, e) = self.by_first[usize::from(b.first()?.to_ascii_lowercase())];
        self.words[usize::from(s)..usize::from(e)]
            .iter()
            .find(|(k, _)| k.len() == b.len() && k.bytes().zip(b).all(|(x, y)| x == y.to_ascii_lowercase()))
            .map(|e| e.1)
    }
}

struct Lists {
    psp: WordTable<()>,
    /// ASCII names (punycode for IDN TLDs).
    tlds: WordTable<Tld>,
    /// Unicode spelling of IDN TLDs and their punycode.
    idn_tlds: Vec<(&'static str, &'static str)>,
}

/// Lines of a data file without comments and blanks.
fn lines(src: &'static str) -> impl Iterator<Item = &'static str> {
    src.lines().map(|l| l.split('#').next().unwrap_or("").trim()).filter(|l| !l.is_empty())
}

static LISTS: LazyLock<Lists> = LazyLock::new(|| {
    let psp = WordTable::new(lines(UPI_PSP).map(|l| (l, ())).collect());
    let mut tlds = Vec::new();
    let mut idn_tlds = Vec::new();
    for line in lines(TLDS) {
        let mut words = line.split_whitespace();
        let Some(first) = words.next() else { continue };
        let (name, how) = match first.strip_prefix('!') {
            Some(n) => (n, Tld::Fileish),
            None => (first, Tld::Normal),
        };
        tlds.push((name, how));
        if let Some(unicode) = words.next() {
            idn_tlds.push((unicode, name));
        }
    }
    Lists { psp, tlds: WordTable::new(tlds), idn_tlds }
});

/// Whether `handle` (any case) is a known UPI payment-provider handle.
pub(crate) fn is_psp(handle: &str) -> bool {
    LISTS.psp.get(handle).is_some()
}

/// How the TLD `label` (any case; punycode or Unicode for IDN TLDs) may be used, if known.
pub(crate) fn tld(label: &str) -> Option<Tld> {
    let lists = &*LISTS;
    if label.is_ascii() {
        return lists.tlds.get(label);
    }
    let lower = label.to_lowercase();
    let (_, ascii) = lists.idn_tlds.iter().find(|(u, _)| *u == lower)?;
    lists.tlds.get(ascii)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_load() {
        assert!(is_psp("ybl") && is_psp("OKAXIS") && is_psp("timecosmos"));
        assert!(!is_psp("gmail") && !is_psp("unknownpsp"));
        assert_eq!(tld("com"), Some(Tld::Normal));
        assert_eq!(tld("IN"), Some(Tld::Normal));
        assert_eq!(tld("zip"), Some(Tld::Fileish));
        assert_eq!(tld("png"), None);
        assert_eq!(tld("भारत"), Some(Tld::Normal));
        assert_eq!(tld("xn--h2brj9c"), Some(Tld::Normal));
    }
}
