use typst::layout::{Frame, FrameItem};

use super::*;

/// The text typst laid out, and how many glyphs no shipped font had (shown as boxes).
fn laid_out(doc: &Document) -> (String, usize) {
    fn walk(frame: &Frame, text: &mut String, missing: &mut usize) {
        for (_, item) in frame.items() {
            match item {
                FrameItem::Group(g) => walk(&g.frame, text, missing),
                FrameItem::Text(t) => {
                    text.push_str(&t.text);
                    text.push(' ');
                    let n = t.glyphs.iter().filter(|g| g.id == 0).count();
                    if n > 0 {
                        eprintln!("no glyph in {:?} ({})", t.text, t.font.info().family);
                    }
                    *missing += n;
                }
                _ => {}
            }
        }
    }
    let document = layout(doc).unwrap_or_else(|e| panic!("{e}"));
    let (mut text, mut missing) = (String::new(), 0);
    for page in document.pages() {
        walk(&page.frame, &mut text, &mut missing);
    }
    (text, missing)
}

fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

#[test]
fn the_world_has_the_shipped_fonts_only() {
    let families = font_families();
    assert!(families.contains(&"Noto Sans".to_owned()), "{families:?}");
    assert!(families.contains(&"Noto Sans Devanagari".to_owned()), "{families:?}");
    assert_eq!(families.len(), 2, "no machine fonts: {families:?}");
}

#[test]
fn every_kind_renders_in_both_languages_without_missing_glyphs() {
    for kind in Kind::ALL {
        for lang in [Lang::Hi, Lang::En] {
            let doc = sample::document(kind, lang);
            let (text, missing) = laid_out(&doc);
            assert_eq!(missing, 0, "{kind:?} {lang:?} has glyphs no font covers");
            let text = squeeze(&text);
            assert!(text.contains("JPR-2026-000123"), "{kind:?} {lang:?}");
            assert!(text.contains("12/03/2026"), "{kind:?} {lang:?}");
            let pdf = pdf(&doc).unwrap();
            assert!(pdf.starts_with(b"%PDF-"), "{kind:?} {lang:?}");
        }
    }
}

#[test]
fn case_data_prints_literally_never_as_markup() {
    let mut doc = sample::document(Kind::PoliceLetter, Lang::En);
    let nasty =
        r#"#set page(fill: red) *bold* _em_ [link] $x^2$ = heading `raw` @ref <label> \ // not a comment #("x")"#;
    doc.facts.incident.narrative = Some(nasty.to_owned());
    doc.facts.victim.name = Some("#panic() ]; [".to_owned());
    doc.centre = "Centre #1 *".to_owned();
    let (text, _) = laid_out(&doc);
    let text = squeeze(&text);
    assert!(text.contains(&squeeze(nasty)), "{text}");
    assert!(text.contains("#panic()];["), "{text}");
    assert!(text.contains("Centre#1*"), "{text}");
}

#[test]
fn missing_facts_print_blank_lines_not_errors() {
    for kind in Kind::ALL {
        for lang in [Lang::Hi, Lang::En] {
            let doc = sample::empty(kind, lang);
            let (text, _) = laid_out(&doc);
            assert!(!text.contains("none"), "{kind:?} {lang:?} printed `none`: {text}");
            assert!(squeeze(&text).contains("JPR-2026-000123"));
        }
    }
}

#[test]
fn hindi_documents_use_hindi_labels() {
    let (text, _) = laid_out(&sample::document(Kind::PortalComplaint, Lang::Hi));
    assert!(text.contains("घटना"), "{text}");
    let (text, _) = laid_out(&sample::document(Kind::PortalComplaint, Lang::En));
    assert!(text.contains("Incident Details"), "{text}");
}

#[test]
fn a_template_mistake_is_an_error_naming_the_template() {
    let mut doc = sample::document(Kind::CaseSummary, Lang::En);
    doc.labels.remove("summary_title");
    match layout(&doc) {
        Err(Error::Template { kind, message }) => {
            assert_eq!(kind, "case-summary");
            assert!(message.contains("summary_title"), "{message}");
            assert!(message.contains("case-summary.typ"), "{message}");
        }
        other => panic!("expected a template error, got {:?}", other.map(|_| ())),
    }
}

#[test]
fn kinds_round_trip_through_their_codes() {
    for kind in Kind::ALL {
        assert_eq!(Kind::parse(kind.code()), Some(kind));
        assert_eq!(serde_json::to_value(kind).unwrap(), kind.code());
    }
    assert_eq!(Kind::parse("invoice"), None);
}

#[test]
fn a_paper_renders_from_its_own_data_and_names_its_template_when_the_data_is_wrong() {
    let labels = serde_json::json!({"title": "Certificate", "presented": "Presented to", "topics": "Topics",
        "date": "Date", "place": "Place", "signature": "Signature"});
    let people = ["Ravi #Kumar *Meena*", "सुनीता देवी"]
        .map(|n| serde_json::json!({"name": n, "line": "for taking part", "date": "15-01-2026", "topics": ""}));
    let data = serde_json::json!({"lang": "hi", "centre": "Centre", "place": "जयपुर", "labels": labels,
        "certificates": people});
    let pdf = paper_pdf(Paper::ParticipationCertificate, &data).unwrap();
    assert!(pdf.starts_with(b"%PDF-"));
    match paper_pdf(Paper::ParticipationCertificate, &serde_json::json!({"lang": "en"})) {
        Err(Error::Template { kind, .. }) => assert_eq!(kind, "participation-certificate"),
        other => panic!("expected a template error, got {:?}", other.map(|b| b.len())),
    }
    for paper in Paper::ALL {
        assert!(world::TEMPLATES.iter().any(|(name, _)| *name == format!("{}.typ", paper.code())), "{paper:?}");
    }
}
