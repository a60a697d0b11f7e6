//! Every word a person reads comes from the translation catalogs in `locales/{en,hi}/*.ftl`.
//!
//! The catalogs are Fluent files compiled into the binary. A key missing from either language
//! fails the test suite (see `tests` below and the catalog tests in the integration suite).

use std::collections::BTreeSet;
use std::sync::OnceLock;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use sahayak_domain::case::Lang;

/// All of `locales/en/*.ftl`, and of `locales/hi/*.ftl`, gathered by `build.rs`: a feature
/// adds its own catalog file in each language.
pub const EN_FTL: &str = include_str!(concat!(env!("OUT_DIR"), "/en.ftl"));
pub const HI_FTL: &str = include_str!(concat!(env!("OUT_DIR"), "/hi.ftl"));

pub struct Catalogs {
    en: FluentBundle<FluentResource>,
    hi: FluentBundle<FluentResource>,
}

/// The catalogs, parsed once. They are part of the program, like its templates.
pub fn catalogs() -> &'static Catalogs {
    static CATALOGS: OnceLock<Catalogs> = OnceLock::new();
    CATALOGS.get_or_init(|| Catalogs { en: bundle("en-IN", EN_FTL), hi: bundle("hi-IN", HI_FTL) })
}

fn bundle(locale: &str, source: &str) -> FluentBundle<FluentResource> {
    let resource = FluentResource::try_new(source.to_owned())
        .unwrap_or_else(|(_, errors)| panic!("translation catalog {locale} does not parse: {errors:?}"));
    let mut bundle = FluentBundle::new_concurrent(vec![locale.parse().expect("valid locale")]);
    // Isolation marks are invisible characters that would end up inside HTML and PDFs.
    bundle.set_use_isolating(false);
    bundle.add_resource(resource).unwrap_or_else(|errors| panic!("duplicate keys in {locale}: {errors:?}"));
    bundle
}

impl Catalogs {
    fn bundle(&self, lang: Lang) -> &FluentBundle<FluentResource> {
        match lang {
            Lang::En => &self.en,
            Lang::Hi => &self.hi,
        }
    }

    /// The text for `key`; the key itself if it is missing (tests make sure none is).
    pub fn get(&self, lang: Lang, key: &str) -> String {
        self.format(lang, key, None)
    }

    pub fn get_with(&self, lang: Lang, key: &str, args: &[(&str, FluentValue<'_>)]) -> String {
        let mut fa = FluentArgs::new();
        for (name, value) in args {
            fa.set(*name, value.clone());
        }
        self.format(lang, key, Some(&fa))
    }

    fn format(&self, lang: Lang, key: &str, args: Option<&FluentArgs<'_>>) -> String {
        let bundle = self.bundle(lang);
        let Some(pattern) = bundle.get_message(key).and_then(|m| m.value()) else {
            tracing::warn!(key, lang = lang.code(), "missing translation");
            return key.to_owned();
        };
        let mut errors = Vec::new();
        let text = bundle.format_pattern(pattern, args, &mut errors);
        if !errors.is_empty() {
            tracing::warn!(key, lang = lang.code(), ?errors, "translation did not format cleanly");
        }
        text.into_owned()
    }

    pub fn has(&self, lang: Lang, key: &str) -> bool {
        self.bundle(lang).has_message(key)
    }
}

/// The message keys a catalog defines.
pub fn keys(source: &str) -> BTreeSet<String> {
    let resource = FluentResource::try_new(source.to_owned()).unwrap_or_else(|(r, _)| r);
    resource
        .entries()
        .filter_map(|e| match e {
            fluent_syntax::ast::Entry::Message(m) => Some(m.id.name.to_owned()),
            _ => None,
        })
        .collect()
}

/// Picks the language for a request: `?lang=` first, then the `lang` cookie, then the user's
/// saved choice, then the browser's preference; Hindi when nothing says otherwise.
pub fn negotiate(query: Option<&str>, cookie: Option<&str>, user: Option<Lang>, accept_language: Option<&str>) -> Lang {
    let parse = |s: &str| s.trim().parse::<Lang>().ok();
    query
        .and_then(parse)
        .or_else(|| cookie.and_then(parse))
        .or(user)
        .or_else(|| {
            accept_language?.split(',').find_map(|part| {
                let tag = part.split(';').next()?.trim().to_ascii_lowercase();
                match tag.split('-').next()? {
                    "hi" => Some(Lang::Hi),
                    "en" => Some(Lang::En),
                    _ => None,
                }
            })
        })
        .unwrap_or(Lang::Hi)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_catalogs_have_the_same_keys() {
        let en = keys(EN_FTL);
        let hi = keys(HI_FTL);
        let missing_hi: Vec<_> = en.difference(&hi).collect();
        let missing_en: Vec<_> = hi.difference(&en).collect();
        assert!(missing_hi.is_empty(), "missing in hi: {missing_hi:?}");
        assert!(missing_en.is_empty(), "missing in en: {missing_en:?}");
        assert!(en.len() > 50);
    }

    #[test]
    fn catalogs_format_with_arguments_and_no_isolation_marks() {
        let c = catalogs();
        let text = c.get_with(Lang::En, "list-count", &[("count", FluentValue::from(3))]);
        assert!(text.contains('3'));
        assert!(!text.contains('\u{2068}'));
        assert_ne!(c.get(Lang::Hi, "app-name"), c.get(Lang::En, "app-name"));
    }

    #[test]
    fn negotiation_order() {
        assert_eq!(negotiate(Some("en"), Some("hi"), Some(Lang::Hi), None), Lang::En);
        assert_eq!(negotiate(Some("xx"), Some("en"), Some(Lang::Hi), None), Lang::En);
        assert_eq!(negotiate(None, None, Some(Lang::En), Some("hi-IN")), Lang::En);
        assert_eq!(negotiate(None, None, None, Some("en-IN,en;q=0.9,hi;q=0.8")), Lang::En);
        assert_eq!(negotiate(None, None, None, Some("fr-FR")), Lang::Hi);
        assert_eq!(negotiate(None, None, None, None), Lang::Hi);
    }
}
