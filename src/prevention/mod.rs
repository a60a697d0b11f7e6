//! The prevention library: tips and short scam explainers in Hindi and English, tagged by
//! scam pattern and audience. The shared, state-wide library is seeded from
//! `crates/domain/data/prevention/tips.toml` (whose ids stay the tips' keys) and edited by the
//! state admin; a district admin adds the district's own tips and may hide shared ones there.
//!
//! Every use of tips goes through this module, so the public help page, the victim's page and
//! awareness programmes show the same, edited library.

use sahayak_domain::case::Lang;

use crate::store::{LibraryTip, Store, StoreResult};

/// A tip ready to show: title and text in one language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShownTip {
    pub key: String,
    pub title: String,
    pub text: String,
}

impl ShownTip {
    fn of(t: &LibraryTip, lang: Lang) -> ShownTip {
        ShownTip { key: t.key.clone(), title: t.title(lang).to_owned(), text: t.text(lang).to_owned() }
    }
}

/// The library as the victims of `district` see it (the shared tips only when `None`): active
/// tips not hidden there, the shared ones first.
pub async fn library(store: &Store, district: Option<i64>) -> StoreResult<Vec<LibraryTip>> {
    Ok(store.library_tips(district).await?.into_iter().filter(LibraryTip::shown).collect())
}

/// The tips about one scam pattern (by code), as the victims of `district` see them, the
/// district's own first (they are about local scams), then the shared ones in library order.
pub async fn tips_for(store: &Store, district: Option<i64>, pattern: &str) -> StoreResult<Vec<LibraryTip>> {
    let mut tips: Vec<LibraryTip> =
        library(store, district).await?.into_iter().filter(|t| t.patterns.iter().any(|p| p == pattern)).collect();
    tips.sort_by_key(|t| t.district_id.is_none());
    Ok(tips)
}

/// Up to `n` tips about a pattern, in a language (what the help and track pages show).
pub async fn shown_for(
    store: &Store,
    district: Option<i64>,
    pattern: &str,
    lang: Lang,
    n: usize,
) -> StoreResult<Vec<ShownTip>> {
    Ok(tips_for(store, district, pattern).await?.iter().take(n).map(|t| ShownTip::of(t, lang)).collect())
}

/// Tips by their keys (e.g. those an awareness programme stores), in a language, in the order
/// asked; unknown keys are left out. Inactive tips are still found: a programme that used one
/// keeps its title.
pub async fn by_keys(store: &Store, keys: &[String], lang: Lang) -> StoreResult<Vec<ShownTip>> {
    Ok(store.tips_by_keys(keys).await?.iter().map(|t| ShownTip::of(t, lang)).collect())
}
