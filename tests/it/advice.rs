//! What the RBI rules give the victim: the desk's questions through the page and the API,
//! and the same words on the case page, the take-home sheet, the victim's own page, the
//! victim-plan PDF and the API.

use reqwest::Method;
use serde_json::{Value, json};

use crate::documents::pdftotext;
use crate::helpers::{TestApp, backends, csrf_of, spawn_app, texts};

/// A "digital arrest" RTGS of ₹4,50,000 on 1 Dec 2026 11:00 IST, which the victim made herself.
async fn digital_arrest_case(app: &TestApp, token: &str) -> (i64, String) {
    let case = app
        .create_case(
            token,
            json!({"money_left": "yes", "money_left_at": "2026-12-01T11:00", "amount_lost_paise": 45_000_000,
                   "scam_pattern": "digital_arrest", "payment_channel": "net_banking", "victim_lang": "en"}),
        )
        .await;
    (case["id"].as_i64().unwrap(), case["reference"].as_str().unwrap().to_owned())
}

fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

const NO_RBI: &str = "You made this payment yourself, so RBI's rules on unauthorised transactions do not cover it";
const FROM_2027: &str = "apply only to payments made from 1 January 2027, not to this one";
const COURT: &str = "held money comes back on an order of the Magistrate (BNSS section 503) or through the Lok Adalat";

#[tokio::test]
async fn a_payment_made_under_threat_in_2026_gets_the_honest_route_on_every_page_and_paper() {
    for db in backends() {
        let app = spawn_app(db).await;
        let token = app.token("counsellor.jaipur").await;
        let (id, reference) = digital_arrest_case(&app, &token).await;

        // Before the desk asks, nothing promises protection: each answer is shown with what it gives.
        let (s, before) = app.api(Method::GET, &token, &format!("/api/v1/cases/{id}/advice?lang=en"), None).await;
        assert_eq!(s, 200, "{before}");
        assert_eq!(before["decision"]["debits"][0]["verdict"]["verdict"], "depends", "{db:?}: {before}");
        assert_eq!(before["decision"]["ask"][0], "payer");
        let text = before["text"].as_array().unwrap().iter().map(|l| l.as_str().unwrap()).collect::<Vec<_>>();
        assert!(
            text.contains(&"If someone else made this payment and no OTP, PIN or password was shared:"),
            "{text:?}"
        );
        let (_, deadlines) = app.api(Method::GET, &token, &format!("/api/v1/cases/{id}/deadlines?lang=en"), None).await;
        let zero = deadlines.as_array().unwrap().iter().find(|d| d["rule"] == "rbi_zero_liability_report");
        let zero = zero.expect("the 3-day window, conditional");
        assert_eq!(zero["only_if"], json!(["unauthorised", "no_customer_negligence"]), "{db:?}");
        assert!(zero["only_if_text"].as_str().unwrap().starts_with("Only if someone else made this payment"));

        // The desk asks through the page: she paid, under threat.
        let b = app.browser("counsellor.jaipur").await;
        let path = format!("/cases/{reference}");
        let (_, page) = b.get(&format!("{path}?lang=en")).await;
        let csrf = csrf_of(&page);
        let (s, loc, body) = b
            .post(
                &format!("{path}/payment-facts"),
                &[("csrf", &csrf), ("payer", "victim_coerced"), ("credentials_shared", ""), ("account", "savings")],
            )
            .await;
        assert_eq!((s, loc.as_deref()), (303, Some(format!("{path}#protection").as_str())), "{db:?}: {body}");

        // One decision, the same words everywhere.
        let (_, page) = b.get(&format!("{path}?lang=en")).await;
        let panel = texts(&page, "#protection p, #protection li").join("\n");
        for line in [NO_RBI, FROM_2027, COURT, "Pay no one who promises to get your money back"] {
            assert!(panel.contains(line), "{db:?}: the case page lacks {line:?}:\n{panel}");
        }
        assert!(!panel.contains("you bear no loss"), "{db:?}: a promise on the case page:\n{panel}");
        let (_, sheet) = b.get(&format!("{path}/plan/sheet?lang=en")).await;
        let sheet_text = texts(&sheet, ".sheet h3, .sheet p, .sheet li").join("\n");
        let (_, api) = app.api(Method::GET, &token, &format!("/api/v1/cases/{id}/advice?lang=en"), None).await;
        let api_text =
            api["text"].as_array().unwrap().iter().map(|l| l.as_str().unwrap().to_owned()).collect::<Vec<_>>();
        assert_eq!(api["decision"]["debits"][0]["verdict"]["value"]["outcome"], "no_rbi_protection", "{api}");
        assert!(api["decision"]["ask"].as_array().unwrap().is_empty(), "{api}");
        let pdf = TestApp::http()
            .get(app.url(&format!("/api/v1/cases/{id}/documents/victim-plan.pdf?lang=en")))
            .bearer_auth(&token)
            .send()
            .await
            .unwrap()
            .bytes()
            .await
            .unwrap();
        let pdf = squeeze(&pdftotext(&pdf));
        let (s, v) = app.api(Method::POST, &token, &format!("/api/v1/cases/{id}/victim-code"), None).await;
        assert_eq!(s, 200, "{v}");
        let (s, track) = app
            .api(
                Method::POST,
                "",
                "/api/v1/track",
                Some(json!({"reference": reference, "code": v["code"], "lang": "en"})),
            )
            .await;
        assert_eq!(s, 200, "{track}");
        let track_text =
            track["advice"].as_array().unwrap().iter().map(|l| l.as_str().unwrap().to_owned()).collect::<Vec<_>>();
        assert_eq!(track_text, api_text, "{db:?}: the victim's own page says something else");
        for line in &api_text {
            assert!(sheet_text.contains(line), "{db:?}: sheet lacks {line:?}");
            assert!(pdf.contains(&squeeze(line)), "{db:?}: the PDF lacks {line:?}");
        }

        // In Hindi too, from the same decision.
        let (_, hi) = app.api(Method::GET, &token, &format!("/api/v1/cases/{id}/advice?lang=hi"), None).await;
        let hi = hi["text"].as_array().unwrap().iter().map(|l| l.as_str().unwrap()).collect::<Vec<_>>().join("\n");
        assert!(hi.contains("यह भुगतान आपने खुद किया"), "{hi}");
        assert!(hi.contains("मजिस्ट्रेट के आदेश (BNSS धारा 503)"), "{hi}");
    }
}

#[tokio::test]
async fn an_unauthorised_debit_reported_on_day_two_is_zero_liability_through_the_api() {
    // Mon 2 Nov 2026 19:00, SMS 19:01; the desk called the bank on Wed 4 Nov: Tue 3 = 1, Wed 4 = 2.
    for db in backends() {
        let app = spawn_app(db).await;
        let token = app.token("counsellor.jaipur").await;
        let case = app
            .create_case(
                &token,
                json!({"money_left": "yes", "money_left_at": "2026-11-02T19:00", "amount_lost_paise": 1_800_000,
                       "scam_pattern": "sim_swap"}),
            )
            .await;
        let id = case["id"].as_i64().unwrap();
        let facts = json!({"payer": "someone_else", "credentials_shared": false, "account": "savings",
                           "bank_alert_at": "2026-11-02T19:01"});
        let (s, advice) =
            app.api(Method::PUT, &token, &format!("/api/v1/cases/{id}/payment-facts?lang=en"), Some(facts)).await;
        assert_eq!(s, 200, "{advice}");
        // Not told yet (as of now, weeks later): the windows are past, the bank's policy decides.
        assert_eq!(
            advice["decision"]["debits"][0]["verdict"]["value"]["liability"]["liability"], "bank_policy",
            "{advice}"
        );
        let (s, _) = app
            .api(
                Method::POST,
                &token,
                &format!("/api/v1/cases/{id}/actions"),
                Some(json!({"action": "bank_block", "done_at": "2026-11-04T11:00", "reference": "BOB-1"})),
            )
            .await;
        assert_eq!(s, 200);
        let (_, advice) = app.api(Method::GET, &token, &format!("/api/v1/cases/{id}/advice?lang=en"), None).await;
        let outcome = &advice["decision"]["debits"][0]["verdict"]["value"];
        assert_eq!(outcome["liability"]["liability"], "zero", "{db:?}: {advice}");
        assert!(
            advice["text"]
                .as_array()
                .unwrap()
                .iter()
                .any(|l| l.as_str().unwrap().starts_with("RBI's rules protect you"))
        );
        // A call is not a written complaint: no Ombudsman date yet.
        let (_, deadlines) = app.api(Method::GET, &token, &format!("/api/v1/cases/{id}/deadlines"), None).await;
        let rules: Vec<&str> = deadlines.as_array().unwrap().iter().map(|d| d["rule"].as_str().unwrap()).collect();
        assert!(rules.contains(&"rbi_shadow_credit") && !rules.iter().any(|r| r.starts_with("ombudsman")), "{rules:?}");
        let (s, _) = app
            .api(
                Method::POST,
                &token,
                &format!("/api/v1/cases/{id}/actions"),
                Some(json!({"action": "bank_complaint", "done_at": "2026-11-05T10:00", "reference": "BOB/CC/77"})),
            )
            .await;
        assert_eq!(s, 200);
        let (_, deadlines) = app.api(Method::GET, &token, &format!("/api/v1/cases/{id}/deadlines"), None).await;
        assert!(deadlines.as_array().unwrap().iter().any(|d| d["rule"] == "ombudsman_may_approach"), "{db:?}");
        let (_, list) = app.api(Method::GET, &token, &format!("/api/v1/cases/{id}/payment-facts"), None).await;
        assert_eq!(
            list,
            json!([{"debit": null, "payer": "someone_else", "credentials_shared": false, "account": "savings",
            "cross_border": null, "bank_alert_at": "2026-11-02T13:31:00Z", "reported_to_bank_at": null,
            "compensated_before": null}])
        );
    }
}

#[tokio::test]
async fn wrong_answers_are_refused_with_the_fields_named_and_nothing_saved() {
    for db in backends() {
        let app = spawn_app(db).await;
        let token = app.token("counsellor.jaipur").await;
        let (id, _) = digital_arrest_case(&app, &token).await;
        let put = |body: Value| {
            let (app, token) = (&app, &token);
            async move { app.api(Method::PUT, token, &format!("/api/v1/cases/{id}/payment-facts"), Some(body)).await }
        };
        let (s, p) = put(json!({"payer": "the neighbour", "account": "gold", "bank_alert_at": "yesterday-ish"})).await;
        assert_eq!(s, 422, "{p}");
        let mut fields: Vec<&str> =
            p["errors"].as_array().unwrap().iter().map(|e| e["field"].as_str().unwrap()).collect();
        fields.sort_unstable();
        assert_eq!(fields, ["account", "bank_alert_at", "payer"], "{db:?}");
        let (s, p) = put(json!({"debit": 999_999, "compensated_before": true})).await;
        assert_eq!(s, 422, "{p}");
        let mut fields: Vec<&str> =
            p["errors"].as_array().unwrap().iter().map(|e| e["field"].as_str().unwrap()).collect();
        fields.sort_unstable();
        assert_eq!(fields, ["compensated_before", "debit"], "{db:?}");
        let (s, p) = put(json!({"bank_alert_at": "2099-01-01T10:00"})).await;
        assert_eq!((s, p["errors"][0]["code"].as_str()), (422, Some("error-future")), "{p}");
        let (_, list) = app.api(Method::GET, &token, &format!("/api/v1/cases/{id}/payment-facts"), None).await;
        assert_eq!(list, json!([]), "{db:?}: nothing was saved");
        // A reader may look but not answer.
        let auditor = app.token("auditor.jaipur").await;
        let (s, _) =
            app.api(Method::PUT, &auditor, &format!("/api/v1/cases/{id}/payment-facts"), Some(json!({}))).await;
        assert!(s == 403 || s == 404, "{s}");
    }
}
