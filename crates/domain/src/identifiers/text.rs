//! Small byte- and char-level helpers shared by the scanners.

use unicode_normalization::char::is_combining_mark;

/// The value of an ASCII or Devanagari digit starting at byte `i`, and its length.
/// Devanagari ० (U+0966) … ९ (U+096F) are `E0 A5 A6` … `E0 A5 AF` in UTF-8.
pub(crate) fn digit_at(b: &[u8], i: usize) -> Option<(u8, usize)> {
    match *b.get(i)? {
        c @ b'0'..=b'9' => Some((c - b'0', 1)),
        0xE0 => match (b.get(i + 1), b.get(i + 2)) {
            (Some(0xA5), Some(&c)) if (0xA6..=0xAF).contains(&c) => Some((c - 0xA6, 3)),
            _ => None,
        },
        _ => None,
    }
}

/// Whether a Devanagari digit ends just before byte `i`.
pub(crate) fn deva_digit_before(b: &[u8], i: usize) -> bool {
    i >= 3 && digit_at(b, i - 3).is_some_and(|(_, l)| l == 3)
}

/// Whether byte `i` is an ASCII letter, digit or `_` (the "word" bytes that an
/// identifier may not be glued to).
pub(crate) fn is_word_byte(b: &[u8], i: usize) -> bool {
    b.get(i).is_some_and(|c| c.is_ascii_alphanumeric() || *c == b'_')
}

/// The char starting at byte `i`, if `i` is inside `text` and on a boundary.
pub(crate) fn char_at(text: &str, i: usize) -> Option<char> {
    text.get(i..)?.chars().next()
}

/// Whether the char ending at byte `i` is a letter or mark.
pub(crate) fn char_before_is_letter(text: &str, i: usize) -> bool {
    text.get(..i).and_then(|h| h.chars().next_back()).is_some_and(is_letter)
}

/// Letters and marks of any script (Devanagari vowel signs and viramas are marks).
pub(crate) fn is_letter(c: char) -> bool {
    match c {
        'a'..='z' | 'A'..='Z' | '0'..='9' => true,
        // Devanagari, the common case here, without the table lookups; not the
        // danda (।, ॥) nor the abbreviation sign (॰).
        '\u{0900}'..='\u{097F}' => !matches!(c, '\u{0964}' | '\u{0965}' | '\u{0970}'),
        _ if c.is_ascii() => false,
        _ => c.is_alphanumeric() || is_combining_mark(c),
    }
}

/// A char that can be part of a context word: letters/digits of any script, marks,
/// `_`, apostrophes, and `/` (for `a/c`; words with `/` are split again by the caller).
fn is_ctx_char(c: char) -> bool {
    if c.is_ascii() { c.is_ascii_alphanumeric() || matches!(c, '/' | '\'' | '_') } else { c == '’' || is_letter(c) }
}

/// Calls `f(start, word, gap)` on up to `max` words before byte `pos`, nearest first,
/// until it returns `Some`; `gap` is the text between the word and the one seen before
/// it (or `pos`). Looks at most 120 chars back, so the cost is bounded.
pub(crate) fn words_before<R>(
    text: &str,
    pos: usize,
    max: usize,
    mut f: impl FnMut(usize, &str, &str) -> Option<R>,
) -> Option<R> {
    let head = text.get(..pos)?;
    let mut chars = head.char_indices().rev().take(120);
    let mut seen = 0;
    let mut word: Option<(usize, usize)> = None;
    let mut gap_end = pos;
    loop {
        let next = chars.next();
        match next {
            Some((i, c)) if is_ctx_char(c) => {
                let end = word.map_or(i + c.len_utf8(), |(_, e)| e);
                word = Some((i, end));
            }
            _ => {
                if let Some((s, e)) = word.take() {
                    if let Some(r) = f(s, &head[s..e], &head[e..gap_end]) {
                        return Some(r);
                    }
                    gap_end = s;
                    seen += 1;
                    if seen >= max {
                        return None;
                    }
                }
                next?;
            }
        }
    }
}

/// Calls `f(start, word, gap)` on up to `max` words after byte `pos`, nearest first,
/// until it returns `Some`; `gap` is the text between the word seen before it (or
/// `pos`) and the word. Looks at most 120 chars ahead.
pub(crate) fn words_after<R>(
    text: &str,
    pos: usize,
    max: usize,
    mut f: impl FnMut(usize, &str, &str) -> Option<R>,
) -> Option<R> {
    let tail = text.get(pos..)?;
    let mut chars = tail.char_indices().take(120);
    let mut seen = 0;
    let mut word: Option<(usize, usize)> = None;
    let mut gap_start = 0;
    loop {
        let next = chars.next();
        match next {
            Some((i, c)) if is_ctx_char(c) => {
                let start = word.map_or(i, |(s, _)| s);
                word = Some((start, i + c.len_utf8()));
            }
            _ => {
                if let Some((s, e)) = word.take() {
                    if let Some(r) = f(pos + s, &tail[s..e], &tail[gap_start..s]) {
                        return Some(r);
                    }
                    gap_start = e;
                    seen += 1;
                    if seen >= max {
                        return None;
                    }
                }
                next?;
            }
        }
    }
}

/// Whether a gap between words ends a sentence for good: a line break, `!`, `?` or a
/// danda. A full stop may end an abbreviation ("Ref. No."), so callers judge it.
pub(crate) fn gap_breaks_sentence(gap: &str) -> bool {
    gap.contains(['\n', '!', '?', '।', '॥'])
}

/// Strips a possessive `'s`/`’s` so "fraudster's" reads as "fraudster".
pub(crate) fn strip_possessive(w: &str) -> &str {
    for suffix in ["'s", "'S", "’s", "’S"] {
        if let Some(stem) = w.strip_suffix(suffix) {
            return stem;
        }
    }
    w.trim_matches(|c| c == '\'' || c == '’')
}

/// Luhn check over ASCII digits.
pub(crate) fn luhn_ok(digits: &[u8]) -> bool {
    let mut sum = 0u32;
    for (i, d) in digits.iter().rev().enumerate() {
        let mut v = u32::from(d.wrapping_sub(b'0'));
        if v > 9 {
            return false;
        }
        if i % 2 == 1 {
            v *= 2;
            if v > 9 {
                v -= 9;
            }
        }
        sum += v;
    }
    !digits.is_empty() && sum.is_multiple_of(10)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digits() {
        let s = "a९1";
        assert_eq!(digit_at(s.as_bytes(), 1), Some((9, 3)));
        assert_eq!(digit_at(s.as_bytes(), 4), Some((1, 1)));
        assert!(deva_digit_before(s.as_bytes(), 4));
        assert_eq!(digit_at("क".as_bytes(), 0), None);
    }

    #[test]
    fn words() {
        let t = "A/c no. of खाता: 123";
        let mut seen = Vec::new();
        let mut gaps = Vec::new();
        words_before(t, t.len() - 3, 10, |_, w, gap| {
            seen.push(w.to_owned());
            gaps.push(gap.to_owned());
            None::<()>
        });
        assert_eq!(seen, ["खाता", "of", "no", "A/c"]);
        assert_eq!(gaps, [": ", " ", ". ", " "]);
        let t = "@abc on\nTelegram.";
        let mut seen = Vec::new();
        words_after(t, 4, 10, |start, w, gap| {
            seen.push((start, w.to_owned(), gap.to_owned()));
            None::<()>
        });
        assert_eq!(seen, [(5, "on".to_owned(), " ".to_owned()), (8, "Telegram".to_owned(), "\n".to_owned())]);
    }

    #[test]
    fn luhn() {
        assert!(luhn_ok(b"356938035643809"));
        assert!(!luhn_ok(b"356938035643808"));
    }
}
