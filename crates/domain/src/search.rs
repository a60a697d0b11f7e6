//! Words for full-text search, the same way at indexing and at query time.
//!
//! Hindi needs care: a word such as `क्षतिग्रस्त` carries vowel signs and the virama, which
//! general-purpose tokenizers treat as separators. Here a word is a run of letters, digits and
//! combining marks, after Unicode NFC normalisation, so Devanagari words stay whole on every
//! database backend. Devanagari digits become ASCII digits so `९८७६` finds `9876`.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// Longer "words" are cut: nobody searches for them, and they would bloat the index.
const MAX_TERM_CHARS: usize = 48;

/// The distinct search terms of a text, lower-cased, in order of first appearance.
pub fn terms(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut current = String::new();
    let mut chars_in_current = 0;
    let mut flush = |current: &mut String, chars: &mut usize| {
        if !current.is_empty() && !out.iter().any(|t| t == current) {
            out.push(std::mem::take(current));
        }
        current.clear();
        *chars = 0;
    };
    for c in text.nfc() {
        let c = match c {
            '०'..='९' => char::from(b'0' + (c as u32 - '०' as u32) as u8),
            // Zero-width joiners only steer rendering; words must match with or without them.
            '\u{200c}' | '\u{200d}' => continue,
            c => c,
        };
        if c.is_alphanumeric() || (is_combining_mark(c) && !current.is_empty()) {
            if chars_in_current < MAX_TERM_CHARS {
                current.extend(c.to_lowercase());
                chars_in_current += 1;
            }
        } else {
            flush(&mut current, &mut chars_in_current);
        }
    }
    flush(&mut current, &mut chars_in_current);
    out
}

/// The terms of a search box query; at most a handful, since each one narrows the result.
pub fn query_terms(query: &str) -> Vec<String> {
    let mut t = terms(query);
    t.truncate(8);
    t
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hindi_words_stay_whole() {
        assert_eq!(terms("मेरे साथ ठगी हुई।"), ["मेरे", "साथ", "ठगी", "हुई"]);
        assert_eq!(terms("क्षतिग्रस्त"), ["क्षतिग्रस्त"]);
        assert_eq!(terms("ठगी, ठगी!"), ["ठगी"]);
    }

    #[test]
    fn mixed_text_is_lowercased_and_split_on_punctuation() {
        assert_eq!(terms("UPI fraud: ₹5,000 via PhonePe"), ["upi", "fraud", "5", "000", "via", "phonepe"]);
        assert_eq!(terms("mujhe KYC ke naam pe call aaya"), ["mujhe", "kyc", "ke", "naam", "pe", "call", "aaya"]);
    }

    #[test]
    fn normalises_unicode_and_digits() {
        // क़ written as क + nukta, and as the precomposed U+0958, must give the same term.
        assert_eq!(terms("\u{0915}\u{093c}र्ज़"), terms("\u{0958}र्ज़"));
        assert_eq!(terms("९८७६५"), ["98765"]);
        assert_eq!(terms("क्\u{200d}ष"), terms("क्ष"));
    }

    #[test]
    fn empty_and_symbol_only_inputs_give_nothing() {
        assert!(terms("").is_empty());
        assert!(terms(" ,.;!? \u{094d}").is_empty());
        assert!(query_terms("* OR \" NEAR(").iter().all(|t| t.chars().all(char::is_alphanumeric)));
    }

    #[test]
    fn long_words_are_cut() {
        let long = "अ".repeat(500);
        assert_eq!(terms(&long)[0].chars().count(), MAX_TERM_CHARS);
    }
}
