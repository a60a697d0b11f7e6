//! Every key the templates and code ask for exists in both catalogs.

use std::collections::BTreeSet;

use sahayak::web::i18n::{EN_FTL, HI_FTL, keys};
use sahayak_domain::access::Role;
use sahayak_domain::case::{Channel, ClosureReason, Gender, Lang, PaymentChannel, ScamPattern, Status};
use sahayak_domain::evidence::{CaptureMethod, CustodyAction, DeviceType};
use sahayak_domain::taxonomy::{Taxonomy, label_key};

/// String literals that look like catalog keys, in templates and Rust sources.
fn keys_used() -> BTreeSet<String> {
    let mut used = BTreeSet::new();
    let root = env!("CARGO_MANIFEST_DIR");
    let mut stack = vec![format!("{root}/templates"), format!("{root}/src")];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path.to_string_lossy().into_owned());
                continue;
            }
            let text = std::fs::read_to_string(&path).unwrap();
            // In templates, only translation calls (ids and classes look like keys too); in
            // Rust, every literal such as BadRequest("key") or add(field, "key").
            let template = path.extension().is_some_and(|e| e == "html");
            for (i, _) in text.match_indices('"') {
                if template && !(text[..i].ends_with(".t(") || text[..i].ends_with(".t1(")) {
                    continue;
                }
                let rest = &text[i + 1..];
                let Some(end) = rest.find('"') else { continue };
                let candidate = &rest[..end];
                let prefixes = [
                    "error-",
                    "list-",
                    "field-",
                    "case-",
                    "form-",
                    "hint-",
                    "event-",
                    "login-",
                    "nav-",
                    "category-",
                    "evidence-",
                    "documents-",
                    "dashboard-",
                    "dir-",
                    "awareness-",
                    "staff-",
                    "password-",
                    "setup-",
                ];
                if prefixes.iter().any(|p| candidate.starts_with(p))
                    && candidate.chars().all(|c| c.is_ascii_lowercase() || c == '-')
                    && candidate.len() > 5
                {
                    used.insert(candidate.to_owned());
                }
            }
        }
    }
    used
}

fn code_keys() -> Vec<String> {
    let mut k = Vec::new();
    k.extend(Channel::ALL.iter().map(|v| v.label_key()));
    k.extend(ClosureReason::ALL.iter().map(|v| v.label_key()));
    k.extend(Gender::ALL.iter().map(|v| v.label_key()));
    k.extend(Lang::ALL.iter().map(|v| v.label_key()));
    k.extend(PaymentChannel::ALL.iter().map(|v| v.label_key()));
    k.extend(ScamPattern::ALL.iter().map(|v| v.label_key()));
    k.extend(Status::ALL.iter().map(|v| v.label_key()));
    k.extend(Role::ALL.iter().map(|v| v.label_key()));
    k.extend(CaptureMethod::ALL.iter().map(|v| v.label_key()));
    k.extend(CustodyAction::ALL.iter().map(|v| v.label_key()));
    k.extend(DeviceType::ALL.iter().map(|v| v.label_key()));
    k.extend(sahayak::evidence::sniff::KINDS.iter().map(|k| format!("evidence-kind-{k}")));
    k.extend(sahayak_documents::Kind::ALL.iter().map(|k| format!("documents-kind-{}", k.code())));
    k.extend(sahayak::documents::offences::SECTIONS.iter().map(|(c, _)| sahayak::documents::offences::title_key(c)));
    use sahayak::awareness::{AUDIENCES, KINDS, LANGUAGES, STATUSES};
    k.extend(KINDS.iter().map(|c| format!("awareness-kind-{c}")));
    k.extend(AUDIENCES.iter().map(|c| format!("awareness-audience-{}", c.replace('_', "-"))));
    k.extend(STATUSES.iter().map(|c| format!("awareness-status-{c}")));
    k.extend(LANGUAGES.iter().map(|c| format!("awareness-language-{c}")));
    for t in Taxonomy::all() {
        for m in &t.main_categories {
            k.push(label_key(&m.name));
            for c in &m.categories {
                k.push(label_key(&c.name));
                k.extend(c.sub_categories.iter().map(|s| label_key(s)));
            }
        }
    }
    k
}

#[test]
fn every_key_in_use_is_in_both_languages() {
    let (en, hi) = (keys(EN_FTL), keys(HI_FTL));
    let used = keys_used();
    assert!(used.len() > 60, "the scan found only {} keys", used.len());
    let mut missing = Vec::new();
    for key in used.iter().cloned().chain(code_keys()) {
        for (lang, set) in [("en", &en), ("hi", &hi)] {
            if !set.contains(&key) {
                missing.push(format!("{lang}: {key}"));
            }
        }
    }
    assert!(missing.is_empty(), "missing translations: {missing:#?}");
}

#[test]
fn hindi_is_really_hindi() {
    // A key left in English in the Hindi catalog is a missed translation (portal strings and
    // brand names aside, every Hindi message has Devanagari in it).
    let hi = sahayak::web::i18n::catalogs();
    let allowed_latin = ["tax-"];
    // Acronyms victims match against their phone screens and bank SMS stay in Latin letters
    // (the glossary: UPI ID, IFSC, IMEI, KYC / OTP), so a label made only of them is Hindi too.
    let acronyms_only = |text: &str| {
        text.split(|c: char| !c.is_ascii_alphanumeric())
            .filter(|w| !w.is_empty())
            .all(|w| w == "ID" || (w.len() <= 6 && w.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())))
    };
    for key in keys(HI_FTL) {
        let text = hi.get(Lang::Hi, &key);
        let devanagari = text.chars().any(|c| ('\u{0900}'..='\u{097F}').contains(&c)) || acronyms_only(&text);
        // A message that is only an argument ("{ $action }") has nothing of its own to translate.
        let only_arguments =
            text.trim().starts_with("{$") && text.trim().ends_with('}') && text.matches('{').count() == 1;
        if !devanagari && !only_arguments && !allowed_latin.iter().any(|p| key.starts_with(p)) {
            panic!("{key} has no Devanagari: {text:?}");
        }
    }
}
