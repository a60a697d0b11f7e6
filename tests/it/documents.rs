//! Documents: every kind in both languages from the API, checked by the text `pdftotext`
//! (Debian's poppler-utils) reads back; markup in a narrative printed literally; a case with
//! little recorded; other districts; the case page's buttons and the HTML view; the audit log.
//!
//! PNG renders of the Hindi documents (`pdftoppm -r 60`) are kept under
//! `$CARGO_TARGET_TMPDIR/documents/` for a person to look at; the path is printed.

use std::path::PathBuf;
use std::process::Command;

use reqwest::Method;
use reqwest::multipart::{Form, Part};
use serde_json::{Value, json};

use crate::helpers::{Db, TestApp, backends, spawn_app, texts};

pub const KINDS: [&str; 7] = [
    "portal-complaint",
    "police-letter",
    "bank-letter",
    "s63-certificate",
    "victim-plan",
    "case-summary",
    "restoration-application",
];

const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0\x1f\x15\xc4\x89\0\0\0\rIDATx\x9cc\xf8\xcf\xc0\xf0\x1f\0\x05\0\x01\xff\x89\x99=\x1d\0\0\0\0IEND\xaeB`\x82";

/// Whitespace removed: pdftotext puts stray spaces inside some Devanagari clusters.
pub fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

pub fn artefacts() -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("documents");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// The text of a PDF as `pdftotext` reads it.
pub fn pdftotext(pdf: &[u8]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("d.pdf");
    std::fs::write(&path, pdf).unwrap();
    let out = Command::new("pdftotext").arg("-enc").arg("UTF-8").arg(&path).arg("-").output().expect("pdftotext runs");
    assert!(out.status.success(), "pdftotext: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

/// Keeps PNGs of the pages (`<name>-<page>.png`) for a person to look at.
pub fn keep_png(name: &str, pdf: &[u8]) {
    let dir = artefacts();
    let path = dir.join(format!("{name}.pdf"));
    std::fs::write(&path, pdf).unwrap();
    let status = Command::new("pdftoppm").args(["-r", "60", "-png"]).arg(&path).arg(dir.join(name)).status().unwrap();
    assert!(status.success(), "pdftoppm");
}

pub async fn get_pdf(app: &TestApp, token: &str, path: &str) -> (u16, String, Vec<u8>) {
    let r = TestApp::http().get(app.url(path)).bearer_auth(token).send().await.unwrap();
    let status = r.status().as_u16();
    let ctype = r.headers().get("content-type").map(|v| v.to_str().unwrap().to_owned()).unwrap_or_default();
    (status, ctype, r.bytes().await.unwrap().to_vec())
}

pub async fn problem(app: &TestApp, token: &str, path: &str) -> (u16, Value) {
    app.api(Method::GET, token, path, None).await
}

/// A case with something in every part: money trail, the bank told by phone, portal filing,
/// identifiers, evidence. The victim is a woman.
pub async fn rich_case(app: &TestApp, token: &str) -> (i64, String) {
    rich_case_with(app, token, json!({})).await
}

/// `rich_case` with some intake fields given (`victim_gender`, `narrative`, …).
pub async fn rich_case_with(app: &TestApp, token: &str, overrides: Value) -> (i64, String) {
    let mut body = json!({
        "victim_address": "42, मालवीय नगर, जयपुर",
        "victim_age": 34,
        "victim_gender": "female",
        "incident_at": "2026-03-12T10:45",
        "money_left": "yes",
        "money_left_at": "2026-03-12T10:52",
        "suspect_details": "बिजली विभाग का अधिकारी बनकर कॉल किया",
    });
    for (k, v) in overrides.as_object().unwrap() {
        body[k] = v.clone();
    }
    let case = app.create_case(token, body).await;
    let id = case["id"].as_i64().unwrap();
    let reference = case["reference"].as_str().unwrap().to_owned();
    let trail = [
        json!({"layer": "0", "bank": "State Bank of India", "from_account": "30012345678", "to_account": "bill.pay@ybl",
               "utr": "407112345678", "at": "2026-03-12T10:52", "amount": "15,000", "disputed": "15,000"}),
        json!({"layer": "1", "bank": "Yes Bank", "from_account": "bill.pay@ybl", "to_account": "9911223344",
               "ifsc": "YESB0000123", "utr": "407112349999", "at": "2026-03-12T10:58", "amount": "14,990",
               "action": "on_hold", "hold_amount": "9,000"}),
    ];
    for row in trail {
        let (s, v) = app.api(Method::POST, token, &format!("/api/v1/cases/{id}/trail"), Some(row)).await;
        assert_eq!(s, 201, "{v}");
    }
    for action in [
        json!({"action": "bank_block", "reference": "SBI-CC-77812", "done_at": "2026-03-12T11:02"}),
        json!({"action": "portal_filed", "reference": "22406250007694"}),
    ] {
        let (s, v) = app.api(Method::POST, token, &format!("/api/v1/cases/{id}/actions"), Some(action)).await;
        assert!(s == 200 || s == 201, "{v}");
    }
    let (s, v) = app
        .api(
            Method::POST,
            token,
            &format!("/api/v1/cases/{id}/identifiers"),
            Some(json!({"identifiers": [{"kind": "upi", "value": "bill.pay@ybl"}, {"kind": "phone", "value": "9876543210"}]})),
        )
        .await;
    assert_eq!(s, 200, "{v}");
    let form = Form::new()
        .text("description", "UPI debit screenshot")
        .text("capture_method", "screenshot")
        .text("device_type", "mobile")
        .text("device_make_model", "Redmi Note 12")
        .text("device_id", "356938035643809")
        .text("captured_by", "Victim")
        .text("captured_at", "2026-03-12T11:05")
        .text("captured_where", "Jaipur")
        .part("file", Part::bytes(PNG.to_vec()).file_name("upi-debit.png"));
    let r = TestApp::http()
        .post(app.url(&format!("/api/v1/cases/{id}/evidence")))
        .bearer_auth(token)
        .multipart(form)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 201);
    (id, reference)
}

/// What each document must show, in both languages: facts that are the same in either.
fn facts_of(kind: &str) -> &'static [&'static str] {
    match kind {
        "portal-complaint" => {
            &["सुनीतामीणा", "407112345678", "₹15,000", "upi-debit.png", "bill.pay@ybl", "9876543210", "22406250007694"]
        }
        "police-letter" => &["सुनीतामीणा", "407112345678", "BNS318(4)", "ITAct66D", "9876543210", "22406250007694"],
        "bank-letter" => &[
            "StateBankofIndia",
            "407112345678",
            "bill.pay@ybl",
            "₹15,000",
            "22406250007694",
            "SBI-CC-77812",
            "12-03-202611:02",
        ],
        "s63-certificate" => {
            // The date, time and place are those of signing (papers::), not of the capture.
            &["सुनीतामीणा", "RedmiNote12", "356938035643809", "SHA256"]
        }
        "victim-plan" => &["1930"],
        "case-summary" => &["सुनीतामीणा", "₹15,000", "₹9,000", "22406250007694"],
        "restoration-application" => {
            &["सुनीतामीणा", "YesBank", "9911223344", "407112349999", "₹9,000", "22406250007694"]
        }
        _ => unreachable!(),
    }
}

/// Words of the document's own language, one per kind (in words pdftotext keeps whole).
fn words_of(kind: &str, lang: &str) -> &'static str {
    match (kind, lang) {
        ("portal-complaint", "en") => "IncidentDetails",
        ("portal-complaint", "hi") => "संदिग्ध",
        ("police-letter", "en") => "StationHouseOfficer",
        ("police-letter", "hi") => "शिकायत",
        ("bank-letter", "en") => "Writtencomplaint",
        ("bank-letter", "hi") => "लिखितशिकायत",
        ("s63-certificate", "en") => "PARTB",
        ("s63-certificate", "hi") => "प्रमाणपत्र",
        ("victim-plan", "en") => "Whattodonow",
        ("victim-plan", "hi") => "करें",
        ("case-summary", "en") => "Casesummary",
        ("case-summary", "hi") => "सारांश",
        ("restoration-application", "en") => "Undertaking",
        ("restoration-application", "hi") => "वचन",
        _ => unreachable!(),
    }
}

#[tokio::test]
async fn the_restoration_application_follows_the_route_and_the_police_referral() {
    let app = spawn_app(Db::Sqlite).await;
    let token = app.token("counsellor.jaipur").await;
    let (id, _) = rich_case(&app, &token).await;
    let path = |q: &str| format!("/api/v1/cases/{id}/documents/restoration-application.pdf?lang=en{q}");
    // ₹15,000 disputed and no route recorded: the refund without a court order.
    let (s, _, pdf) = get_pdf(&app, &token, &path("")).await;
    assert_eq!(s, 200);
    let text = squeeze(&pdftotext(&pdf));
    assert!(text.contains("withoutacourtorder"), "{text}");
    assert!(!text.contains("Indemnitybondonnon-judicialstamppaper"), "no bond for the admin route: {text}");
    // The case is handed to the police with an FIR: the Magistrate's application names both.
    let consent = json!({"purpose": "referral_police", "given": true});
    app.api(Method::POST, &token, &format!("/api/v1/cases/{id}/consents"), Some(consent)).await;
    let referral = json!({"kind": "police", "to_name": "Cyber Police Station Jaipur", "fir_number": "0457/2026"});
    let (s, v) = app.api(Method::POST, &token, &format!("/api/v1/cases/{id}/referrals"), Some(referral)).await;
    assert_eq!(s, 201, "{v}");
    let (s, _, pdf) = get_pdf(&app, &token, &path("&route=magistrate_order")).await;
    assert_eq!(s, 200);
    let text = squeeze(&pdftotext(&pdf));
    for fact in ["SECTION503", "0457/2026", "CyberPoliceStationJaipur", "INDEMNITYBOND", "PRAYER", "₹9,000"] {
        assert!(text.contains(fact), "{fact} missing from {text}");
    }
    // In Hindi, through the Lok Adalat.
    let (s, _, pdf) = get_pdf(
        &app,
        &token,
        &format!("/api/v1/cases/{id}/documents/restoration-application.pdf?lang=hi&route=lok_adalat"),
    )
    .await;
    assert_eq!(s, 200);
    assert!(squeeze(&pdftotext(&pdf)).contains("लोकअदालत"));
    // A route that does not exist is a translated error.
    let (s, v) = problem(&app, &token, &path("&route=by_magic")).await;
    assert_eq!(s, 422, "{v}");
    assert!(v.to_string().contains("route"), "{v}");
}

#[tokio::test]
async fn every_document_in_both_languages_carries_the_case_facts() {
    for db in backends() {
        let app = spawn_app(db).await;
        let token = app.token("counsellor.jaipur").await;
        let (id, reference) = rich_case(&app, &token).await;
        for kind in KINDS {
            for lang in ["hi", "en"] {
                let (s, ctype, pdf) =
                    get_pdf(&app, &token, &format!("/api/v1/cases/{id}/documents/{kind}.pdf?lang={lang}")).await;
                assert_eq!((s, ctype.as_str()), (200, "application/pdf"), "{db:?} {kind} {lang}");
                let text = squeeze(&pdftotext(&pdf));
                assert!(text.contains(&reference), "{kind} {lang}: no reference in {text}");
                // The centre's name in the document's language (the test config has both).
                let centre = if lang == "hi" {
                    squeeze("परीक्षण साइबर सहायता केंद्र")
                } else {
                    "CyberSupportCentre".into()
                };
                assert!(text.contains(&centre), "{kind} {lang}: no centre in {text}");
                assert!(text.contains(words_of(kind, lang)), "{kind} {lang}: not in its language: {text}");
                for fact in facts_of(kind) {
                    assert!(text.contains(fact), "{db:?} {kind} {lang}: {fact} missing from {text}");
                }
                if lang == "hi" && db == Db::Sqlite {
                    keep_png(&format!("{kind}-hi"), &pdf);
                }
            }
        }
        // The police letter goes to the station of the victim's address.
        let (_, _, pdf) =
            get_pdf(&app, &token, &format!("/api/v1/cases/{id}/documents/police-letter.pdf?lang=en")).await;
        assert!(squeeze(&pdftotext(&pdf)).contains("PoliceStationMalviyaNagar"));
    }
    eprintln!("PNG renders of the Hindi documents: {}", artefacts().display());
}

#[tokio::test]
async fn the_language_defaults_to_the_victims_and_the_worker_chooses_station_and_sections() {
    let app = spawn_app(Db::Sqlite).await;
    let token = app.token("counsellor.jaipur").await;
    let case = app.create_case(&token, json!({"victim_lang": "en", "victim_address": "Vaishali Nagar"})).await;
    let id = case["id"].as_i64().unwrap();
    let (s, _, pdf) = get_pdf(&app, &token, &format!("/api/v1/cases/{id}/documents/police-letter.pdf")).await;
    assert_eq!(s, 200);
    let text = squeeze(&pdftotext(&pdf));
    assert!(text.contains("StationHouseOfficer"), "English, as the victim prefers: {text}");
    assert!(text.contains("PoliceStationVaishaliNagar"), "{text}");

    let (s, _, pdf) = get_pdf(
        &app,
        &token,
        &format!("/api/v1/cases/{id}/documents/police-letter.pdf?lang=hi&station=cyber&sections=bns-308,it-66e"),
    )
    .await;
    assert_eq!(s, 200);
    let text = squeeze(&pdftotext(&pdf));
    assert!(text.contains("साइबरपुलिसथाना"), "{text}");
    assert!(text.contains("BNS308") && text.contains("ITAct66E"), "{text}");
    assert!(!text.contains("BNS318(4)"), "only the chosen sections: {text}");

    let (s, _, pdf) =
        get_pdf(&app, &token, &format!("/api/v1/cases/{id}/documents/bank-letter.pdf?bank=Punjab%20National%20Bank"))
            .await;
    assert_eq!(s, 200);
    assert!(squeeze(&pdftotext(&pdf)).contains("PunjabNationalBank"));
}

#[tokio::test]
async fn a_narrative_full_of_markup_prints_literally() {
    let app = spawn_app(Db::Sqlite).await;
    let token = app.token("counsellor.jaipur").await;
    let narrative = "#set page(fill: red) *bold* _x_ [link](y) $x^2$ = heading `raw` @ref <b>tag</b> \\ ] ) #(\"x\") // ठगी #panic()";
    let case = app.create_case(&token, json!({"narrative": narrative, "victim_name": "#Ram *Lal* [x]"})).await;
    let id = case["id"].as_i64().unwrap();
    for kind in ["portal-complaint", "police-letter", "case-summary"] {
        let (s, _, pdf) = get_pdf(&app, &token, &format!("/api/v1/cases/{id}/documents/{kind}.pdf?lang=en")).await;
        assert_eq!(s, 200, "{kind}");
        let text = squeeze(&pdftotext(&pdf));
        assert!(text.contains(&squeeze(narrative)), "{kind}: {text}");
        assert!(text.contains("#Ram*Lal*[x]"), "{kind}: {text}");
    }
}

#[tokio::test]
async fn a_case_with_little_recorded_gets_blank_lines_not_errors() {
    for db in backends() {
        let app = spawn_app(db).await;
        let token = app.token("counsellor.jaipur").await;
        // No address, amount, channel, trail, evidence or identifiers.
        let case = app
            .create_case(
                &token,
                json!({"category": "Online and Social Media Related Crime", "sub_category": "Cyber Bullying/Stalking/Sexting",
                       "scam_pattern": "other", "amount_lost_paise": null, "payment_channel": null,
                       "narrative": "Someone keeps sending threatening messages."}),
            )
            .await;
        let id = case["id"].as_i64().unwrap();
        for kind in KINDS {
            for lang in ["hi", "en"] {
                let (s, _, pdf) =
                    get_pdf(&app, &token, &format!("/api/v1/cases/{id}/documents/{kind}.pdf?lang={lang}")).await;
                assert_eq!(s, 200, "{db:?} {kind} {lang}");
                let text = pdftotext(&pdf);
                assert!(!text.contains("none"), "{kind} {lang} printed `none`: {text}");
                assert!(squeeze(&text).contains(case["reference"].as_str().unwrap()));
            }
        }
    }
}

#[tokio::test]
async fn another_districts_case_is_not_found_and_bad_requests_are_explained() {
    for db in backends() {
        let app = spawn_app(db).await;
        let jaipur = app.token("counsellor.jaipur").await;
        let jodhpur = app.token("counsellor.jodhpur").await;
        let case = app.create_case(&jaipur, json!({})).await;
        let id = case["id"].as_i64().unwrap();

        let (s, p) = problem(&app, &jodhpur, &format!("/api/v1/cases/{id}/documents/police-letter.pdf")).await;
        let (s_missing, p_missing) = problem(&app, &jodhpur, "/api/v1/cases/999999/documents/police-letter.pdf").await;
        assert_eq!((s, s_missing), (404, 404), "{db:?}");
        assert_eq!(p["type"], p_missing["type"], "another district's case looks like a missing one");
        // The same for a bad language: the case is checked first.
        let (s, _) = problem(&app, &jodhpur, &format!("/api/v1/cases/{id}/documents/police-letter.pdf?lang=fr")).await;
        assert_eq!(s, 404);

        let (s, p) = problem(&app, &jaipur, &format!("/api/v1/cases/{id}/documents/invoice.pdf")).await;
        assert_eq!((s, p["type"].as_str()), (404, Some("documents-error-unknown-kind")), "{p}");
        assert!(p["title"].as_str().unwrap().contains("दस्तावेज़"), "in the caller's language: {p}");
        let (s, _) = problem(&app, &jaipur, &format!("/api/v1/cases/{id}/documents/police-letter")).await;
        assert_eq!(s, 404, "the API serves .pdf only");
        let (s, p) = problem(&app, &jaipur, &format!("/api/v1/cases/{id}/documents/police-letter.pdf?lang=fr")).await;
        assert_eq!((s, p["type"].as_str()), (400, Some("documents-error-lang")), "{p}");
        let (s, p) =
            problem(&app, &jaipur, &format!("/api/v1/cases/{id}/documents/police-letter.pdf?station=nowhere")).await;
        assert_eq!((s, p["errors"][0]["code"].as_str()), (422, Some("documents-error-station")), "{p}");
        let (s, p) =
            problem(&app, &jaipur, &format!("/api/v1/cases/{id}/documents/police-letter.pdf?sections=bns-420")).await;
        assert_eq!((s, p["errors"][0]["code"].as_str()), (422, Some("documents-error-section")), "{p}");
        let (s, _) =
            problem(&app, &jaipur, &format!("/api/v1/cases/{id}/documents/police-letter.pdf?bank={}", "x".repeat(121)))
                .await;
        assert_eq!(s, 422);
        let (s, _) = TestApp::http()
            .get(app.url(&format!("/api/v1/cases/{id}/documents/police-letter.pdf")))
            .send()
            .await
            .map(|r| (r.status().as_u16(), ()))
            .unwrap();
        assert_eq!(s, 401);
    }
}

#[tokio::test]
async fn the_case_page_offers_every_document_and_each_one_made_is_audited() {
    let app = spawn_app(Db::Sqlite).await;
    let token = app.token("counsellor.jaipur").await;
    let (_, reference) = rich_case(&app, &token).await;
    let browser = app.browser("counsellor.jaipur").await;
    let (s, html) = browser.get(&format!("/cases/{reference}")).await;
    assert_eq!(s, 200);
    let links = texts(&html, "#documents a.button");
    assert_eq!(links.len(), 2 * KINDS.len(), "a PDF in each language for each kind: {links:?}");
    for kind in KINDS {
        for lang in ["hi", "en"] {
            assert!(html.contains(&format!("/cases/{reference}/documents/{kind}.pdf?lang={lang}")), "{kind} {lang}");
        }
    }
    assert!(html.contains("value=\"malviya-nagar\" selected"), "the station for the victim's address is proposed");

    // The buttons work with the browser's session.
    let r = browser
        .client
        .get(app.url(&format!("/cases/{reference}/documents/s63-certificate.pdf?lang=hi")))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    assert_eq!(r.headers()["content-type"], "application/pdf");
    assert_eq!(r.headers()["cache-control"], "private, no-store");
    // The letters' form sends repeated `sections` fields.
    let r = browser
        .client
        .get(app.url(&format!(
            "/cases/{reference}/documents/police-letter.pdf?station=cyber&sections=bns-319&sections=it-66c&bank=&lang=en"
        )))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let text = squeeze(&pdftotext(&r.bytes().await.unwrap()));
    assert!(text.contains("BNS319") && text.contains("ITAct66C") && !text.contains("BNS318(4)"), "{text}");

    // The HTML view shows the pages, with the PDF and the other language a click away.
    let (s, html) = browser.get(&format!("/cases/{reference}/documents/victim-plan?lang=en")).await;
    assert_eq!(s, 200);
    let pages = texts(&html, "img.document-page");
    assert!(!pages.is_empty());
    assert!(html.contains("data:image/svg+xml;base64,"));
    assert!(html.contains(&format!("/cases/{reference}/documents/victim-plan.pdf?lang=en")));
    assert!(html.contains(&format!("/cases/{reference}/documents/victim-plan?lang=hi")));
    let (s, _) = browser.get(&format!("/cases/{reference}/documents/invoice")).await;
    assert_eq!(s, 404);

    // Another district's worker gets the same 404 from the pages.
    let other = app.browser("counsellor.jodhpur").await;
    let (s, _) = other.get(&format!("/cases/{reference}/documents/police-letter.pdf")).await;
    assert_eq!(s, 404);

    // Who made which document is in the case's audit log.
    let sup = app.browser("supervisor").await;
    let (_, html) = sup.get(&format!("/cases/{reference}?lang=en")).await;
    assert!(html.contains("made a document"), "audit entry shown to supervisors");
}
