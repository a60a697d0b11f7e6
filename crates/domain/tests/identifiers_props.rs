//! Property tests for the identifier extractor and its normalisers.

use proptest::prelude::*;
use sahayak_domain::identifiers::{Found, IdKind, REACH, extract, normalize, normalize_any};

/// Pieces of identifiers, separators and scripts, glued at random to reach the
/// extractor's corner cases far more often than arbitrary strings do.
const FRAGMENTS: &[&str] = &[
    "9876543210",
    "98765",
    "43210",
    "+91",
    "+44 20",
    "0",
    "00",
    "91",
    "1",
    "12",
    "123456789012",
    "356938035643809",
    " ",
    "  ",
    "\n",
    "\t",
    "\u{a0}",
    "-",
    "(",
    ")",
    "(+91)",
    "/",
    "/-",
    ",",
    ".",
    ":",
    "%",
    "@",
    "@ybl",
    "@okaxis",
    "ybl",
    "rahul.k",
    "_",
    "gmail",
    ".com",
    ".in",
    "co.in",
    "www.",
    "http://",
    "hxxps://",
    "https",
    "://",
    "[.]",
    "(.)",
    "[dot]",
    "[:]",
    "wa.me/",
    "t.me/",
    "instagram.com/",
    "youtube.com/@",
    "facebook.com/profile.php?id=",
    "api.whatsapp.com/send?phone=",
    "?",
    "#",
    "&",
    "=",
    "A/c",
    "a/c no.",
    "account",
    "IMEI",
    "UTR",
    "Ref",
    "txn id",
    "OTP",
    "Rs",
    "₹",
    "INR",
    "Aadhaar",
    "ack",
    "Telegram",
    "insta pe",
    "IG:",
    "X:",
    "खाता",
    "संख्या",
    "लेनदेन",
    "टेलीग्राम पर",
    "आधार",
    "९८७६५",
    "४३२१०",
    "०",
    "।",
    "SBIN0001234",
    "sbin",
    "0x",
    "0X",
    "6421878763Ca8D467F0C3AF9304398A2eAc76048",
    "bc1q",
    "BC1",
    "1Ab8XcQkN15G5hES3vBX7RXmVVNHXCt5Yn",
    "TRPayPX5U9oShgmTLtQ1G9ixR1xr6LkpL8",
    "T",
    "😀",
    "🙏🏽",
    "é",
    "e\u{301}",
    "ѕ",
    "пример",
    "\u{200b}",
    "\u{feff}",
    "ﬁ",
    "İ",
    "ß",
    "\u{0}",
    "'s",
    "“",
    "”",
    "…",
    "x",
    "X",
    // The writings of issue 21: line breaks and dots inside numbers, platform words
    // after an `@name`, e-mail hosts that vouch for links, far transaction words.
    "\r\n",
    "98765.",
    "0141.274.",
    "1.50.000",
    "98.176.154.32",
    " on Telegram",
    " ko Insta pe",
    " on X",
    "@Priya_Helpdesk",
    "UTR of the last payment ",
    "the txn id for the second one was ",
    "PIN 302001\n",
    "jobs@abc-careers.in",
    "Abc-Careers.In",
    "abc-careers.in/apply",
    ".Upload",
    ":-",
    " @",
    ",",
    ";",
];

fn fragments() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(FRAGMENTS), 0..24).prop_map(|v| v.concat())
}

/// Any text: arbitrary Unicode, or glued fragments, or both.
fn any_text() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        fragments(),
        (fragments(), any::<String>(), fragments()).prop_map(|(a, b, c)| format!("{a}{b}{c}")),
    ]
}

fn check_offsets(text: &str) {
    let found = extract(text);
    for f in &found {
        assert!(f.start <= f.end && f.end <= text.len(), "{f:?} out of {text:?}");
        assert!(text.is_char_boundary(f.start) && text.is_char_boundary(f.end), "{f:?}");
        assert_eq!(&text[f.start..f.end], f.raw, "raw of {f:?}");
        assert!(!f.value.is_empty(), "{f:?}");
    }
    for w in found.windows(2) {
        assert!((w[0].start, w[0].kind) <= (w[1].start, w[1].kind), "not sorted: {found:?}");
        assert_ne!(w[0], w[1], "duplicate in {found:?}");
    }
}

/// Writings of a 10-digit Indian mobile that the extractor must understand.
fn write_mobile(d: &str, style: usize) -> String {
    let (a, b) = d.split_at(5);
    let deva: String = d.chars().map(|c| char::from_u32(0x0966 + c.to_digit(10).unwrap_or(0)).unwrap_or(c)).collect();
    match style {
        0 => d.to_owned(),
        1 => format!("0{d}"),
        2 => format!("+91 {a} {b}"),
        3 => format!("+91-{a}-{b}"),
        4 => format!("(+91) {a}-{b}"),
        5 => format!("{a} {b}"),
        6 => format!("91{d}"),
        7 => format!("+91{d}"),
        8 => deva,
        9 => format!("+91 {} {} {}", &d[..4], &d[4..7], &d[7..]),
        10 => format!("0091 {d}"),
        11 => format!("{a}.{b}"),
        12 => format!("+91 {a}\n{b}"),
        13 => format!("{}.{}.{}", &d[..3], &d[3..6], &d[6..]),
        _ => format!("{a}-{b}"),
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    /// Never panics; offsets are char boundaries and give back `raw`; sorted, no duplicates.
    #[test]
    fn extract_never_panics(text in any_text()) {
        check_offsets(&text);
    }

    /// Every value `extract` gives is already in normal form.
    #[test]
    fn extracted_values_are_normal(text in fragments()) {
        for f in extract(&text) {
            prop_assert_eq!(normalize(f.kind, &f.value), Some(f.value.clone()), "{:?}", f);
        }
    }

    /// The normalisers never panic, and are idempotent.
    #[test]
    fn normalize_is_idempotent(text in any_text(), k in 0..IdKind::ALL.len()) {
        let kind = IdKind::ALL[k];
        if let Some(v) = normalize(kind, &text) {
            prop_assert_eq!(normalize(kind, &v), Some(v.clone()), "{} {:?}", kind, text);
        }
        if let Some((kind, v)) = normalize_any(&text) {
            prop_assert_eq!(normalize(kind, &v), Some(v.clone()), "{} {:?}", kind, text);
        }
    }
}

proptest! {
    /// Any Indian mobile, written any supported way, is the same E.164 number, both
    /// through `normalize` and through `extract` in a sentence.
    #[test]
    fn indian_mobiles_normalise_alike(first in 6u8..=9, rest in "[0-9]{9}", style in 0usize..15) {
        let d = format!("{first}{rest}");
        let want = format!("+91{d}");
        let written = write_mobile(&d, style);
        prop_assert_eq!(normalize(IdKind::Phone, &written), Some(want.clone()), "{}", written);
        prop_assert_eq!(normalize_any(&written), Some((IdKind::Phone, want.clone())), "{}", written);
        let text = format!("Caller ne {written} se call kiya.");
        let phones: Vec<String> = extract(&text).into_iter().map(|f| f.value).collect();
        prop_assert_eq!(phones, vec![want], "{}", text);
    }

    /// Upper- and lower-case writings of a UPI id or e-mail address are one identifier.
    #[test]
    fn upi_and_email_ignore_case(
        local in "[a-zA-Z][a-zA-Z0-9._-]{1,20}[a-zA-Z0-9]",
        psp in prop::sample::select(&["ybl", "okaxis", "paytm", "oksbi", "ibl", "upi", "hdfcbank"][..]),
        domain in "[a-z][a-z0-9-]{0,15}[a-z0-9]\\.(com|in|co\\.in|xyz)",
    ) {
        let upi = format!("{local}@{psp}");
        let lower = normalize(IdKind::Upi, &upi.to_lowercase());
        prop_assert!(lower.is_some(), "{}", upi);
        prop_assert_eq!(normalize(IdKind::Upi, &upi.to_uppercase()), lower.clone());
        prop_assert_eq!(normalize(IdKind::Upi, &upi), lower);
        let email = format!("{local}@{domain}");
        let lower = normalize(IdKind::Email, &email.to_lowercase());
        prop_assert!(lower.is_some(), "{}", email);
        prop_assert_eq!(normalize(IdKind::Email, &email.to_uppercase()), lower.clone());
        prop_assert_eq!(normalize(IdKind::Email, &email), lower);
    }

    /// Bank accounts keep their digits whatever the grouping.
    #[test]
    fn account_grouping(d in "[0-27-9][0-9]{8,17}", sep in prop::sample::select(&[" ", "-", ""][..])) {
        let grouped: Vec<&str> = d.as_bytes().chunks(4).map(|c| std::str::from_utf8(c).unwrap_or("")).collect();
        let written = grouped.join(sep);
        prop_assert_eq!(normalize(IdKind::BankAccount, &written), Some(d.clone()));
        let text = format!("A/c no. {written} IFSC SBIN0001234");
        let accounts: Vec<String> =
            extract(&text).into_iter().filter(|f| f.kind == IdKind::BankAccount).map(|f| f.value).collect();
        prop_assert_eq!(accounts, vec![d]);
    }
}

proptest! {
    /// A 12-digit number is a transaction reference with its word a few words back in
    /// the same sentence, and never once the sentence has ended in between.
    #[test]
    fn far_transaction_words_stay_in_their_sentence(
        d in "[2-5][0-9]{11}",
        words in prop::collection::vec(prop::sample::select(&["of", "the", "last", "payment", "bhai", "wala", "जो"][..]), 0..6),
        stop in prop::sample::select(&[".", "\n", "!", "?", "।"][..]),
    ) {
        let between = words.join(" ");
        let refs = |t: &str| -> Vec<String> {
            extract(t).into_iter().filter(|f| f.kind == IdKind::TxnRef).map(|f| f.value).collect()
        };
        let near = format!("UTR {between} {d}");
        prop_assert_eq!(refs(&near), vec![d.clone()], "{}", near);
        let apart = format!("UTR {between}{stop} phir {d}");
        prop_assert!(refs(&apart).is_empty(), "{}", apart);
    }

    /// An `@name` takes the platform word after it in the same sentence, not one in the next.
    #[test]
    fn platform_after_the_name(name in "[a-z][a-z0-9_]{2,14}", stop in prop::sample::select(&[".", "!", "\n", "।"][..])) {
        let handles = |t: &str| -> Vec<String> {
            extract(t).into_iter().filter(|f| f.kind == IdKind::Handle).map(|f| f.value).collect()
        };
        let same = format!("Send the screenshot to @{name} on Telegram");
        prop_assert_eq!(handles(&same), vec![format!("telegram:{name}")], "{}", same);
        let next = format!("Send the screenshot to @{name}{stop} Telegram pe baat karo");
        prop_assert!(handles(&next).is_empty(), "{}", next);
    }
}

/// Paragraphs whose identifiers depend on text around them: context words before a
/// number, an earlier number's line, platform words after an `@name`, e-mail addresses
/// vouching for bare hosts.
const PARAGRAPHS: &[&str] = &[
    "UTR:",
    "412345678901 and 9876543210",
    "PIN 302001",
    "98290 12345 se call aaya",
    "A/c no.",
    "50100234567812",
    "Mail from jobs@abc-careers.in",
    "Visit Abc-Careers.In/apply or online.in",
    "support@online.in",
    "Send the screenshot to @Priya_Helpdesk",
    "on Telegram",
    "call +91 98765\n43210 now",
    "the txn id for the second one was 506612345678",
    "फोन ९८२९०\n१२३४५ पर करें",
];

/// `extract` over blocks of `text` cut at every blank line, each block read with
/// [`REACH`] bytes of text on either side, as `sahayak extract --jsonl` reads a file.
fn by_blocks(text: &str) -> Vec<Found> {
    let mut cuts: Vec<usize> = text.match_indices("\n\n").map(|(i, _)| i + 2).collect();
    cuts.insert(0, 0);
    cuts.push(text.len());
    let mut out = Vec::new();
    for w in cuts.windows(2) {
        let (a, b) = (w[0], w[1]);
        let lo = text.ceil_char_boundary(a.saturating_sub(REACH));
        let hi = text.floor_char_boundary((b + REACH).min(text.len()));
        for mut f in extract(&text[lo..hi]) {
            if (a..b).contains(&(f.start + lo)) {
                f.start += lo;
                f.end += lo;
                out.push(f);
            }
        }
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    /// What `extract` finds between two blank lines depends on no text further than
    /// `REACH` from them, so reading a long text in blocks finds exactly the same.
    #[test]
    fn blocks_cut_at_blank_lines_find_the_same(
        parts in prop::collection::vec(
            prop_oneof![
                prop::sample::select(PARAGRAPHS).prop_map(str::to_owned),
                fragments(),
                (0usize..7000).prop_map(|n| "lorem ipsum ".repeat(n / 12)),
                (0usize..3000).prop_map(|n| "क".repeat(n / 3)),
            ],
            1..30,
        ),
        seps in prop::collection::vec(prop::sample::select(&["\n\n", "\n\r\n", "\n", " ", "\n\n\n"][..]), 30),
    ) {
        let mut text = String::new();
        for (p, sep) in parts.iter().zip(&seps) {
            text.push_str(p);
            text.push_str(sep);
        }
        prop_assert_eq!(by_blocks(&text), extract(&text));
    }
}

/// Inputs built to make a careless scanner quadratic: each must finish quickly (a
/// quadratic path on ~200 KB would take minutes, not milliseconds).
#[test]
fn pathological_inputs_stay_linear() {
    let n = 200_000;
    let inputs = [
        "9".repeat(n),
        "9 ".repeat(n / 2),
        "98765-".repeat(n / 6),
        "a.".repeat(n / 2),
        "@".repeat(n),
        "a@".repeat(n / 2),
        format!("{}@ybl", "a".repeat(n)),
        "rahul@gmail.com,".repeat(n / 16),
        format!("https://x.com/{}", ")".repeat(n)),
        format!("https://x.com/{}", "[.]".repeat(n / 3)),
        "www.".repeat(n / 4),
        "A/c ".repeat(n / 4),
        "Telegram @a ".repeat(n / 12),
        "९".repeat(n / 3),
        "x.com/a ".repeat(n / 8),
        "T".repeat(n),
        "(".repeat(n),
        "[dot]".repeat(n / 5),
        "98765.".repeat(n / 6),
        "98765\n".repeat(n / 6),
        "1\n".repeat(n / 2),
        "@a on ".repeat(n / 6),
        "UTR x ".repeat(n / 6),
        "a@b.in.Xyz ".repeat(n / 11),
        format!("abc.in/{}", ",a@b.in".repeat(n / 7)),
        format!("Abc.In {}", "x@".repeat(n / 2)),
        "PIN 302001\n".repeat(n / 11),
    ];
    for input in &inputs {
        let started = std::time::Instant::now();
        let found = extract(input);
        let took = started.elapsed();
        assert!(took.as_secs() < 20, "{} bytes starting {:?} took {took:?}", input.len(), &input[..12]);
        for f in &found {
            assert_eq!(&input[f.start..f.end], f.raw);
        }
    }
}
