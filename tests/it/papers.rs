//! Papers to the right desk (issue 14), read back with `pdftotext`: the bank letter goes to the
//! victim's own bank and asks what it can do, the police are asked for the holds on the
//! receiving accounts, the portal sheet follows the portal, the s.63 certificate is dated when
//! signed, the restoration route follows the disputed amount and the Magistrate's is a
//! petition, and the Hindi speaks of the victim in their own gender, without slash forms.

use reqwest::Method;
use serde_json::json;

use crate::documents::{KINDS, get_pdf, keep_png, pdftotext, problem, rich_case, squeeze};
use crate::helpers::{Db, TestApp, spawn_app};

async fn text_of(app: &TestApp, token: &str, path: &str) -> String {
    let (s, _, pdf) = get_pdf(app, token, path).await;
    assert_eq!(s, 200, "{path}");
    squeeze(&pdftotext(&pdf))
}

async fn add_trail(app: &TestApp, token: &str, id: i64, rows: &[serde_json::Value]) {
    for row in rows {
        let (s, v) = app.api(Method::POST, token, &format!("/api/v1/cases/{id}/trail"), Some(row.clone())).await;
        assert_eq!(s, 201, "{v}");
    }
}

#[tokio::test]
async fn the_bank_letter_goes_to_the_victims_bank_and_the_police_are_asked_for_the_holds() {
    let app = spawn_app(Db::Sqlite).await;
    let token = app.token("counsellor.jaipur").await;
    let (id, _) = rich_case(&app, &token).await;
    let bank = text_of(&app, &token, &format!("/api/v1/cases/{id}/documents/bank-letter.pdf?lang=en")).await;
    for fact in ["StateBankofIndia", "SBI-CC-77812", "12-03-202611:02", "22406250007694", "CFCFRMS", "records"] {
        assert!(bank.contains(fact), "{fact} missing from the bank letter: {bank}");
    }
    // The receiving bank (layer 1) is neither the addressee nor asked for anything.
    assert!(!bank.contains("YesBank") && !bank.contains("9911223344"), "{bank}");
    assert!(!bank.to_lowercase().contains("holdthedisputedamountinthebeneficiary"), "{bank}");
    // The old name of the paper still answers.
    let (s, _, _) = get_pdf(&app, &token, &format!("/api/v1/cases/{id}/documents/bank-hold-request.pdf")).await;
    assert_eq!(s, 200);

    // The police letter asks for the holds through CFCFRMS and names the receiving accounts.
    let police = text_of(&app, &token, &format!("/api/v1/cases/{id}/documents/police-letter.pdf?lang=en")).await;
    for fact in ["CFCFRMS", "9911223344", "YESB0000123", "bill.pay@ybl"] {
        assert!(police.contains(fact), "{fact} missing from the police letter: {police}");
    }

    // A case whose trail has only a receiving bank: the letter has no addressee to guess.
    let other = app.create_case(&token, json!({})).await;
    let other_id = other["id"].as_i64().unwrap();
    add_trail(
        &app,
        &token,
        other_id,
        &[json!({"layer": "1", "bank": "Yes Bank", "to_account": "9911223344", "amount": "5,000", "utr": "407100000001"})],
    )
    .await;
    let bank = text_of(&app, &token, &format!("/api/v1/cases/{other_id}/documents/bank-letter.pdf?lang=en")).await;
    assert!(!bank.contains("YesBank"), "the receiving bank is not the victim's bank: {bank}");
}

#[tokio::test]
async fn the_portal_sheet_follows_the_portal_and_names_the_platform_not_the_payment() {
    let app = spawn_app(Db::Sqlite).await;
    let token = app.token("counsellor.jaipur").await;
    let narrative = "OLX pe sofa bechne ka ad dala. Buyer ne WhatsApp pe QR code bheja aur UPI se ₹15,000 kat gaye.";
    let case = app.create_case(&token, json!({"narrative": narrative, "victim_lang": "en"})).await;
    let id = case["id"].as_i64().unwrap();
    add_trail(
        &app,
        &token,
        id,
        &[json!({"layer": "0", "bank": "State Bank of India", "from_account": "sunita@oksbi", "to_account": "buyer@ybl",
                 "utr": "407112345678", "at": "2026-03-12T10:52", "amount": "15,000"})],
    )
    .await;
    let text = text_of(&app, &token, &format!("/api/v1/cases/{id}/documents/portal-complaint.pdf?lang=en")).await;
    let at = |s: &str| text.find(s).unwrap_or_else(|| panic!("{s} missing: {text}"));
    assert!(at("IncidentDetails") < at("FinancialTransactions") && at("FinancialTransactions") < at("SuspectDetails"));
    assert!(at("SuspectDetails") < at("ComplainantDetails"));
    assert!(text.contains("WhatsApp,OLX"), "the platforms, in the order named: {text}");
    assert!(text.contains("sunita@oksbi"), "the debited UPI ID: {text}");
    assert!(text.contains("200words") && text.contains("Wordsinthisaccount:20"), "{text}");
}

#[tokio::test]
async fn the_s63_certificate_is_dated_when_it_is_signed() {
    let app = spawn_app(Db::Sqlite).await;
    let token = app.token("counsellor.jaipur").await;
    let (id, _) = rich_case(&app, &token).await;
    let path = |q: &str| format!("/api/v1/cases/{id}/documents/s63-certificate.pdf?lang=en{q}");
    // Evidence captured at 11:05 on 12/03/2026; the certificate is not signed then.
    let blank = text_of(&app, &token, &path("")).await;
    assert!(!blank.contains("11:05") && !blank.contains("12/03/2026"), "{blank}");
    let signed = text_of(&app, &token, &path("&signed_at=2026-03-20T16:40&signed_place=Jaipur%20Centre")).await;
    assert!(signed.contains("20/03/2026") && signed.contains("16:40") && signed.contains("JaipurCentre"), "{signed}");
    let (s, p) = problem(&app, &token, &path("&signed_at=tomorrow")).await;
    assert_eq!((s, p["errors"][0]["field"].as_str()), (422, Some("signed_at")), "{p}");
    assert_eq!(p["errors"][0]["code"], "documents-error-signed-at");
    let (s, _) = problem(&app, &token, &path(&format!("&signed_place={}", "x".repeat(121)))).await;
    assert_eq!(s, 422);
}

#[tokio::test]
async fn the_restoration_route_follows_the_disputed_amount_and_the_magistrates_is_a_petition() {
    let app = spawn_app(Db::Sqlite).await;
    let token = app.token("counsellor.jaipur").await;
    // ₹60,000 disputed, only ₹9,000 held: the disputed amount decides, so no refund without an order.
    let case = app
        .create_case(&token, json!({"amount_lost_paise": 6_000_000, "victim_gender": "female", "victim_lang": "hi"}))
        .await;
    let id = case["id"].as_i64().unwrap();
    add_trail(
        &app,
        &token,
        id,
        &[
            json!({"layer": "0", "bank": "State Bank of India", "from_account": "30012345678", "to_account": "mule@ybl",
                   "utr": "407112345678", "at": "2026-03-12T10:52", "amount": "60,000"}),
            json!({"layer": "1", "bank": "Yes Bank", "from_account": "mule@ybl", "to_account": "9911223344",
                   "utr": "407112349999", "amount": "59,990", "action": "on_hold", "hold_amount": "9,000"}),
        ],
    )
    .await;
    let (s, _, pdf) = get_pdf(&app, &token, &format!("/api/v1/cases/{id}/documents/restoration-application.pdf")).await;
    assert_eq!(s, 200);
    keep_png("restoration-petition-hi", &pdf);
    let hi = squeeze(&pdftotext(&pdf));
    for part in
        ["मुख्यन्यायिकमजिस्ट्रेट", "राज्यबनामअज्ञातव्यक्ति", "प्रार्थना", "सत्यापन", "शपथपत्र", "क्षतिपूर्तिबंधपत्र", "आवेदिका", "₹9,000"]
    {
        assert!(hi.contains(part), "{part} missing from the Hindi petition: {hi}");
    }
    let (s, _, pdf) =
        get_pdf(&app, &token, &format!("/api/v1/cases/{id}/documents/restoration-application.pdf?lang=en")).await;
    assert_eq!(s, 200);
    keep_png("restoration-petition-en", &pdf);
    let en = squeeze(&pdftotext(&pdf));
    for part in ["PRAYER", "VERIFICATION", "ANNEXUREA—AFFIDAVIT", "ANNEXUREB—INDEMNITYBOND", "Sureties", "Witnesses"]
    {
        assert!(en.contains(part), "{part} missing from the petition: {en}");
    }
}

/// Gendered forms printed as "masculine/feminine" (चाहता/चाहती, दूँगा/दूँगी, हुआ/हुई, भवदीय/भवदीया): two
/// words around a slash that differ only in a gendered ending, about the victim. "पता/स्थान", "पिता/पति"
/// are not, nor "महोदय/महोदया" (the addressee).
pub fn slash_forms(text: &str) -> Vec<String> {
    const ENDINGS: [(&str, &str); 4] = [("ता", "ती"), ("गा", "गी"), ("आ", "ई"), ("य", "या")];
    let word = |c: &char| ('\u{0900}'..='\u{097F}').contains(c);
    let mut out = Vec::new();
    for (i, _) in text.match_indices('/') {
        let before: String = text[..i].chars().rev().take_while(word).collect::<Vec<_>>().into_iter().rev().collect();
        let after: String = text[i + 1..].chars().take_while(word).collect();
        let gendered = ENDINGS
            .iter()
            .any(|(m, f)| before.strip_suffix(m).is_some_and(|stem| !stem.is_empty() && after == format!("{stem}{f}")));
        // The salutation to an addressee whose gender nobody knows is the glossary's own.
        if gendered && before != "महोदय" {
            out.push(format!("{before}/{after}"));
        }
    }
    out
}

pub fn nested_brackets(text: &str) -> bool {
    let mut depth = 0i32;
    for c in text.chars() {
        match c {
            '(' => {
                depth += 1;
                if depth > 1 {
                    return true;
                }
            }
            ')' => depth = (depth - 1).max(0),
            _ => {}
        }
    }
    false
}

#[tokio::test]
async fn hindi_papers_speak_of_the_victim_in_their_gender_without_slash_forms() {
    let app = spawn_app(Db::Sqlite).await;
    let token = app.token("counsellor.jaipur").await;
    let (id, _) = rich_case(&app, &token).await; // a woman
    for kind in KINDS {
        let (s, _, pdf) = get_pdf(&app, &token, &format!("/api/v1/cases/{id}/documents/{kind}.pdf?lang=hi")).await;
        assert_eq!(s, 200);
        let raw = pdftotext(&pdf);
        let hi = squeeze(&raw);
        assert!(slash_forms(&hi).is_empty(), "{kind}: {:?}", slash_forms(&hi));
        assert!(!nested_brackets(&hi), "{kind}: nested brackets in {hi}");
        // Words the glossary replaces, as words (squeezed text would find "के सबूत" in "केस"); the
        // victim's plan prints the deadline rules' own texts (data/deadlines/rules.toml) too.
        let words: Vec<&str> = raw.split(|c: char| c.is_whitespace() || ",.;:()।".contains(c)).collect();
        for avoid in ["केस", "एफ़आईआर", "ई-एफ़आईआर", "बीएनएसएस", "काग़ज़", "बहाली", "अर्ज़ी", "कोर्ट"]
        {
            assert!(!words.contains(&avoid), "{kind}: {avoid} in {raw}");
        }
    }
    let police = text_of(&app, &token, &format!("/api/v1/cases/{id}/documents/police-letter.pdf?lang=hi")).await;
    assert!(police.contains("चाहतीहूँ") && police.contains("भवदीया"), "{police}");
    let s63 = text_of(&app, &token, &format!("/api/v1/cases/{id}/documents/s63-certificate.pdf?lang=hi")).await;
    assert!(s63.contains("पुत्री/पत्नी") && s63.contains("करतीहूँ"), "{s63}");

    // A man's case reads in the masculine; one whose gender was not recorded, in forms that presume none.
    let man = app.create_case(&token, json!({"victim_name": "रमेश कुमार", "victim_gender": "male"})).await;
    let police = text_of(
        &app,
        &token,
        &format!("/api/v1/cases/{}/documents/police-letter.pdf?lang=hi", man["id"].as_i64().unwrap()),
    )
    .await;
    assert!(police.contains("चाहताहूँ") && police.contains("भवदीय,"), "{police}");
    assert_eq!(slash_forms("मैं सूचित करना चाहता/चाहती हूँ, भवदीय/भवदीया"), ["चाहता/चाहती", "भवदीय/भवदीया"]);
    assert!(slash_forms("पता/स्थान, पिता/पति/पत्नी, पुत्री/पत्नी").is_empty());
    let unknown = app.create_case(&token, json!({})).await;
    let police = text_of(
        &app,
        &token,
        &format!("/api/v1/cases/{}/documents/police-letter.pdf?lang=hi", unknown["id"].as_i64().unwrap()),
    )
    .await;
    assert!(police.contains("निवेदनहैकि") && slash_forms(&police).is_empty(), "{police}");
}

#[tokio::test]
async fn a_large_loss_gets_the_same_day_fir_step_and_a_womans_sextortion_case_the_one_stop_centre() {
    let app = spawn_app(Db::Sqlite).await;
    let token = app.token("counsellor.jaipur").await;
    let steps_of = |tasks: &serde_json::Value| -> Vec<String> {
        tasks.as_array().unwrap().iter().map(|t| t["step"].as_str().unwrap().to_owned()).collect()
    };
    // ₹2,50,000 by UPI: above the default ₹1,00,000, so the FIR is today, not within 3 days.
    let large = app.create_case(&token, json!({"amount_lost_paise": 25_000_000, "scam_pattern": "upi_qr"})).await;
    let (_, tasks) =
        app.api(Method::GET, &token, &format!("/api/v1/cases/{}/tasks", large["id"].as_i64().unwrap()), None).await;
    let steps = steps_of(&tasks);
    assert!(steps.contains(&"fir_same_day".to_owned()) && !steps.contains(&"police_fir".to_owned()), "{steps:?}");
    // ₹15,000: the usual FIR step.
    let small = app.create_case(&token, json!({"scam_pattern": "upi_qr"})).await;
    let (_, tasks) =
        app.api(Method::GET, &token, &format!("/api/v1/cases/{}/tasks", small["id"].as_i64().unwrap()), None).await;
    let steps = steps_of(&tasks);
    assert!(steps.contains(&"police_fir".to_owned()) && !steps.contains(&"fir_same_day".to_owned()), "{steps:?}");
    // Registering the FIR ticks off the same-day step too.
    let id = large["id"].as_i64().unwrap();
    app.api(Method::POST, &token, &format!("/api/v1/cases/{id}/actions"), Some(json!({"action": "efir_registered"})))
        .await;
    let (_, tasks) = app.api(Method::GET, &token, &format!("/api/v1/cases/{id}/tasks"), None).await;
    let fir = tasks.as_array().unwrap().iter().find(|t| t["step"] == "fir_same_day").unwrap();
    assert!(fir["done_at"].is_string(), "{fir}");

    let woman = app
        .create_case(
            &token,
            json!({"scam_pattern": "sextortion", "victim_gender": "female", "amount_lost_paise": null,
                   "payment_channel": null, "category": "Online and Social Media Related Crime",
                   "sub_category": "Cyber Bullying/Stalking/Sexting"}),
        )
        .await;
    let (_, tasks) =
        app.api(Method::GET, &token, &format!("/api/v1/cases/{}/tasks", woman["id"].as_i64().unwrap()), None).await;
    let steps = steps_of(&tasks);
    for step in ["stop_paying", "fake_police_call", "platform_takedown", "women_support"] {
        assert!(steps.contains(&step.to_owned()), "{step}: {steps:?}");
    }
    assert!(!steps.contains(&"call_1930".to_owned()), "nothing was paid: {steps:?}");

    // The plans API says which steps depend on what.
    let (_, plans) = app.api(Method::GET, &token, "/api/v1/plans?lang=en", None).await;
    let upi = plans.as_array().unwrap().iter().find(|p| p["id"] == "upi").unwrap();
    let fir = upi["steps"].as_array().unwrap().iter().find(|s| s["id"] == "fir_same_day").unwrap();
    assert_eq!(fir["when"], json!(["large_loss"]));
    let arrest = plans.as_array().unwrap().iter().find(|p| p["id"] == "digital_arrest").unwrap();
    assert_eq!(arrest["steps"][0]["safety"], true);
    assert!(plans.as_array().unwrap().iter().any(|p| p["id"] == "account_frozen"));
}

/// Which reversal the bank letter asks for, as the advice decides it for the answers given.
async fn bank_letter_after(app: &TestApp, token: &str, money_left_at: &str, facts: serde_json::Value) -> String {
    let case = app
        .create_case(
            token,
            json!({"money_left": "yes", "money_left_at": money_left_at, "amount_lost_paise": 1_500_000,
                   "scam_pattern": "upi_qr", "victim_lang": "en"}),
        )
        .await;
    let id = case["id"].as_i64().unwrap();
    if !facts.as_object().unwrap().is_empty() {
        let (s, v) = app.api(Method::PUT, token, &format!("/api/v1/cases/{id}/payment-facts"), Some(facts)).await;
        assert_eq!(s, 200, "{v}");
    }
    text_of(app, token, &format!("/api/v1/cases/{id}/documents/bank-letter.pdf?lang=en")).await
}

#[tokio::test]
async fn the_bank_letter_asks_for_a_reversal_only_where_the_advice_gives_one() {
    let app = spawn_app(Db::Sqlite).await;
    let token = app.token("counsellor.jaipur").await;
    // Someone else made it, no OTP shared, reported the next day: RBI 2017 covers it.
    let covered = bank_letter_after(
        &app,
        &token,
        "2026-11-02T19:00",
        json!({"payer": "someone_else", "credentials_shared": false, "account": "savings",
               "bank_alert_at": "2026-11-02T19:01", "reported_to_bank_at": "2026-11-03T10:00"}),
    )
    .await;
    assert!(covered.contains("creditbacktomyaccount") && covered.contains("6July2017"), "{covered}");
    assert!(covered.contains("thedebitof₹15,000"), "the intake's debit, by amount and date: {covered}");
    assert!(covered.contains("03-11-202610:00"), "when the bank was first told: {covered}");
    // She made the payment herself before 2027: no RBI rule gives a reversal, so none is asked.
    let paid = bank_letter_after(&app, &token, "2026-11-02T19:00", json!({"payer": "victim_tricked"})).await;
    assert!(!paid.contains("creditback") && !paid.contains("fraudulentelectronic"), "{paid}");
    // Nobody has asked who paid: the letter claims nothing.
    let unknown = bank_letter_after(&app, &token, "2026-11-02T19:00", json!({})).await;
    assert!(!unknown.contains("creditback") && !unknown.contains("fraudulentelectronic"), "{unknown}");
}
