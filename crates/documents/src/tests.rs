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

#[test]
fn the_magistrate_route_is_a_petition_with_its_affidavit_and_bond() {
    let doc = sample::document(Kind::RestorationApplication, Lang::En);
    assert_eq!(doc.facts.restoration.route, "magistrate_order");
    let pages = layout(&doc).unwrap().pages().len();
    assert!(pages >= 3, "petition, affidavit and bond each start a page: {pages}");
    let (text, _) = laid_out(&doc);
    let text = squeeze(&text);
    for part in [
        "INTHECOURTOFTHECHIEFJUDICIALMAGISTRATE",
        "Statev.Unknownpersons",
        "0123/2026",
        "SECTION503",
        "PRAYER",
        "VERIFICATION",
        "ANNEXUREA—AFFIDAVIT",
        "DEPONENT",
        "ANNEXUREB—INDEMNITYBOND",
        "Sureties",
        "Witnesses",
        "₹8,000.00",
    ] {
        assert!(text.contains(part), "{part} missing: {text}");
    }
    // The other routes stay letters, without the court's form.
    let mut letter = sample::document(Kind::RestorationApplication, Lang::En);
    letter.facts.restoration.route = "admin_under_50k".into();
    let (text, _) = laid_out(&letter);
    let text = squeeze(&text);
    assert!(text.contains("Undertaking") && !text.contains("PRAYER"), "{text}");
}

#[test]
fn the_bank_letter_asks_only_what_the_victims_bank_can_do() {
    let (text, _) = laid_out(&sample::document(Kind::BankLetter, Lang::En));
    let text = squeeze(&text);
    for fact in ["SBI-CC-77812", "12/03/202611:02", "22406250007694", "CFCFRMS", "StateBankofIndia"] {
        assert!(text.contains(fact), "{fact} missing: {text}");
    }
    assert!(!text.contains("beneficiaryaccountsatonce"), "no hold asked of the wrong bank: {text}");
    assert_eq!(Kind::parse("bank-hold-request"), Some(Kind::BankLetter), "the old name still works");
}

#[test]
fn the_s63_certificate_is_dated_when_signed_not_when_captured() {
    let mut doc = sample::document(Kind::S63Certificate, Lang::En);
    let (text, _) = laid_out(&doc);
    assert!(!squeeze(&text).contains("11:05"), "the capture time is not the signing time: {text}");
    doc.facts.signing =
        Signing { date: Some("20/03/2026".into()), time: Some("16:40".into()), place: Some("Jaipur".into()) };
    let (text, _) = laid_out(&doc);
    let text = squeeze(&text);
    assert!(text.contains("20/03/2026") && text.contains("16:40"), "{text}");
}

#[test]
fn the_portal_complaint_keeps_the_portals_order() {
    let (text, _) = laid_out(&sample::document(Kind::PortalComplaint, Lang::En));
    let text = squeeze(&text);
    let at = |s: &str| text.find(s).unwrap_or_else(|| panic!("{s} missing: {text}"));
    assert!(at("IncidentDetails") < at("FinancialTransactions"), "transactions inside the incident");
    assert!(at("FinancialTransactions") < at("SuspectDetails"));
    assert!(at("SuspectDetails") < at("ComplainantDetails"));
    assert!(text.contains("200words"), "{text}");
    assert!(text.contains("Account No./UPI IDdebited".replace(' ', "").as_str()), "{text}");
}
