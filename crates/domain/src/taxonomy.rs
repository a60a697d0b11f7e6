//! The national cyber-crime portal's complaint taxonomy, kept as versioned data.
//!
//! Cases store the portal's exact strings together with the taxonomy version they were chosen
//! from, so a later version of the portal does not rewrite old cases. Where nothing fits, the
//! worker picks [`OTHER`] and describes it in words.

use std::sync::OnceLock;

use serde::Deserialize;

/// The escape hatch: "none of the portal's categories fits", always with a description.
pub const OTHER: &str = "Other";

/// The version new cases are filed under.
pub const CURRENT_VERSION: &str = "ncrp-2024";

#[derive(Debug, Deserialize)]
pub struct Taxonomy {
    pub version: String,
    pub source: String,
    pub main_categories: Vec<MainCategory>,
}

#[derive(Debug, Deserialize)]
pub struct MainCategory {
    pub name: String,
    pub categories: Vec<Category>,
}

#[derive(Debug, Deserialize)]
pub struct Category {
    pub name: String,
    pub sub_categories: Vec<String>,
}

/// A category choice that has been checked against a taxonomy version.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Classification {
    pub version: String,
    pub category: String,
    pub sub_category: Option<String>,
    /// The worker's description when the category or sub-category is [`OTHER`].
    pub other: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum ClassificationError {
    #[error("unknown category")]
    UnknownCategory,
    #[error("unknown sub-category")]
    UnknownSubCategory,
    #[error("describe the category")]
    OtherNeedsDescription,
}

impl Taxonomy {
    /// Every taxonomy version this build knows, newest last.
    pub fn all() -> &'static [Taxonomy] {
        static ALL: OnceLock<Vec<Taxonomy>> = OnceLock::new();
        ALL.get_or_init(|| {
            [include_str!("../data/taxonomy/ncrp-2024.json")]
                .iter()
                .map(|json| serde_json::from_str(json).expect("embedded taxonomy is valid JSON"))
                .collect()
        })
    }

    pub fn current() -> &'static Taxonomy {
        Self::version(CURRENT_VERSION).expect("the current taxonomy is embedded")
    }

    pub fn version(version: &str) -> Option<&'static Taxonomy> {
        Self::all().iter().find(|t| t.version == version)
    }

    pub fn categories(&self) -> impl Iterator<Item = (&MainCategory, &Category)> {
        self.main_categories.iter().flat_map(|m| m.categories.iter().map(move |c| (m, c)))
    }

    pub fn category(&self, name: &str) -> Option<(&MainCategory, &Category)> {
        self.categories().find(|(_, c)| c.name == name)
    }

    /// Checks a choice of category and sub-category. Empty strings mean "not chosen".
    pub fn classify(
        &self,
        category: &str,
        sub_category: &str,
        other: &str,
    ) -> Result<Classification, ClassificationError> {
        let other = Some(other.trim()).filter(|o| !o.is_empty()).map(str::to_owned);
        let sub = Some(sub_category.trim()).filter(|s| !s.is_empty());
        let category = category.trim();
        let needs_other = if category == OTHER {
            if sub.is_some() {
                return Err(ClassificationError::UnknownSubCategory);
            }
            true
        } else {
            let (_, cat) = self.category(category).ok_or(ClassificationError::UnknownCategory)?;
            match sub {
                None => false,
                Some(OTHER) => true,
                Some(s) if cat.sub_categories.iter().any(|c| c == s) => false,
                Some(_) => return Err(ClassificationError::UnknownSubCategory),
            }
        };
        if needs_other && other.is_none() {
            return Err(ClassificationError::OtherNeedsDescription);
        }
        Ok(Classification {
            version: self.version.clone(),
            category: category.to_owned(),
            sub_category: sub.map(str::to_owned),
            other: if needs_other { other } else { None },
        })
    }
}

/// The translation key for a portal string (its label in Hindi and English).
pub fn label_key(portal_string: &str) -> String {
    let mut key = String::from("tax-");
    let mut dash = false;
    for c in portal_string.chars() {
        if c.is_ascii_alphanumeric() {
            key.push(c.to_ascii_lowercase());
            dash = false;
        } else if !dash && !key.ends_with('-') {
            key.push('-');
            dash = true;
        }
    }
    while key.ends_with('-') {
        key.pop();
    }
    key
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_taxonomy_has_the_portal_strings() {
        let t = Taxonomy::current();
        let (main, cat) = t.category("Online Financial Fraud").unwrap();
        assert_eq!(main.name, "Financial Fraud Crimes");
        assert!(cat.sub_categories.iter().any(|s| s == "UPI Related Frauds"));
        assert!(t.category("Online and Social Media Related Crime").is_some());
        assert_eq!(t.categories().count(), 16);
    }

    #[test]
    fn classify_accepts_known_and_other_with_description() {
        let t = Taxonomy::current();
        let c = t.classify("Online Financial Fraud", "UPI Related Frauds", "ignored").unwrap();
        assert_eq!(c.sub_category.as_deref(), Some("UPI Related Frauds"));
        assert_eq!(c.other, None);
        assert_eq!(t.classify("Cryptocurrency Crime", "", "").unwrap().sub_category, None);
        let o = t.classify(OTHER, "", "  fake lottery letter ").unwrap();
        assert_eq!(o.other.as_deref(), Some("fake lottery letter"));
        assert!(t.classify("Online Financial Fraud", OTHER, "QR code on a parking meter").is_ok());
    }

    #[test]
    fn classify_rejects_unknown_or_undescribed() {
        let t = Taxonomy::current();
        assert_eq!(t.classify("Bank Fraud", "", ""), Err(ClassificationError::UnknownCategory));
        assert_eq!(
            t.classify("Online Financial Fraud", "Email Phishing", ""),
            Err(ClassificationError::UnknownSubCategory)
        );
        assert_eq!(t.classify(OTHER, "", " "), Err(ClassificationError::OtherNeedsDescription));
    }

    #[test]
    fn label_keys_are_stable_slugs() {
        assert_eq!(label_key("UPI Related Frauds"), "tax-upi-related-frauds");
        assert_eq!(label_key("Debit/Credit Card Fraud/Sim Swap Fraud"), "tax-debit-credit-card-fraud-sim-swap-fraud");
        assert_eq!(label_key("Damage to computer systems etc."), "tax-damage-to-computer-systems-etc");
    }
}
