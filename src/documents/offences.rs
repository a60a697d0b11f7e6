//! The offences a complaint letter names (REFERENCE §5.1): the worker picks them, and the
//! case's kind of scam suggests the usual ones. Forgery (ss.336, 340) is added by hand where a
//! fake warrant, notice or ID card was sent: the case does not record that.

use sahayak_domain::case::ScamPattern;

/// Code (as in URLs and forms), and the section as printed. Titles are in the catalogs under
/// `documents-section-<code>`.
pub const SECTIONS: &[(&str, &str)] = &[
    ("bns-318-4", "BNS 318(4)"),
    ("bns-319", "BNS 319"),
    ("bns-204", "BNS 204"),
    ("bns-336", "BNS 336"),
    ("bns-340", "BNS 340"),
    ("bns-308", "BNS 308"),
    ("bns-351", "BNS 351"),
    ("bns-356", "BNS 356"),
    ("bns-78", "BNS 78"),
    ("bns-111", "BNS 111"),
    ("it-66", "IT Act 66"),
    ("it-66c", "IT Act 66C"),
    ("it-66d", "IT Act 66D"),
    ("it-66e", "IT Act 66E"),
    ("it-67", "IT Act 67"),
    ("it-67a", "IT Act 67A"),
    ("it-67b", "IT Act 67B"),
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
        // Personating a public servant is the core of a "digital arrest" call (§5.1).
        ScamPattern::DigitalArrest => &["bns-204", "bns-318-4", "bns-308", "bns-351", "it-66d"],
        ScamPattern::LoanApp => &["bns-308", "bns-351", "bns-356"],
        // The holder of a frozen account is not complaining of an offence against them.
        ScamPattern::AccountFrozen => &[],
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

    #[test]
    fn digital_arrest_names_personating_a_public_servant() {
        let arrest = usual(ScamPattern::DigitalArrest);
        assert_eq!(arrest[0], "bns-204");
        assert!(arrest.contains(&"bns-318-4") && arrest.contains(&"bns-308"));
        for forgery in ["bns-336", "bns-340"] {
            assert!(printed(forgery).is_some(), "{forgery} can be ticked for a fake warrant");
        }
        assert!(!usual(ScamPattern::LoanApp).contains(&"bns-318-4"), "loan-app harassment is extortion, not cheating");
    }
}
