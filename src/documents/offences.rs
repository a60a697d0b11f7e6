//! The offences a complaint letter names (REFERENCE §5.1): the worker picks them, and the
//! case's kind of scam suggests the usual ones.

use sahayak_domain::case::ScamPattern;

/// Code (as in URLs and forms), and the section as printed. Titles are in the catalogs under
/// `documents-section-<code>`.
pub const SECTIONS: &[(&str, &str)] = &[
    ("bns-318-4", "BNS 318(4)"),
    ("bns-319", "BNS 319"),
    ("bns-336", "BNS 336"),
    ("bns-340", "BNS 340"),
    ("bns-308", "BNS 308"),
    ("bns-351", "BNS 351"),
    ("bns-78", "BNS 78"),
    ("bns-111", "BNS 111"),
    ("it-66", "IT Act 66"),
    ("it-66c", "IT Act 66C"),
    ("it-66d", "IT Act 66D"),
    ("it-66e", "IT Act 66E"),
    ("it-67", "IT Act 67"),
    ("it-67a", "IT Act 67A"),
];

pub fn printed(code: &str) -> Option<&'static str> {
    SECTIONS.iter().find(|(c, _)| *c == code).map(|(_, p)| *p)
}

pub fn title_key(code: &str) -> String {
    format!("documents-section-{code}")
}

/// The sections usually applied to this kind of scam.
pub fn usual(pattern: ScamPattern) -> &'static [&'static str] {
    match pattern {
        ScamPattern::Sextortion => &["bns-308", "bns-351", "it-66e", "it-67"],
        ScamPattern::SocialMediaHacking => &["it-66", "it-66c"],
        ScamPattern::Impersonation => &["bns-319", "it-66c", "it-66d"],
        ScamPattern::SimSwap => &["bns-318-4", "bns-319", "it-66c", "it-66d"],
        ScamPattern::Phishing => &["bns-318-4", "bns-336", "it-66c", "it-66d"],
        ScamPattern::DigitalArrest => &["bns-318-4", "bns-319", "bns-308", "bns-351", "it-66d"],
        _ => &["bns-318-4", "bns-319", "it-66d"],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn usual_sections_are_on_the_list() {
        for p in ScamPattern::ALL {
            for code in usual(*p) {
                assert!(printed(code).is_some(), "{code}");
            }
        }
    }
}
