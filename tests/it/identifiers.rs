//! Suspect identifiers: extraction, confirmation, links across districts, watch-list, rings.

use reqwest::Method;
use serde_json::{Value, json};

use crate::helpers::{Db, TestApp, backends, spawn_app, texts};

fn enc(s: &str) -> String {
    serde_urlencoded::to_string([("", s)]).unwrap()[1..].to_owned().replace('+', "%20")
}

async fn confirm(app: &TestApp, token: &str, id: i64, picks: Value) -> Value {
    let (s, body) = app
        .api(Method::POST, token, &format!("/api/v1/cases/{id}/identifiers"), Some(json!({ "identifiers": picks })))
        .await;
    assert_eq!(s, 200, "{body}");
    body
}

#[tokio::test]
async fn extract_api_reads_a_hinglish_sms() {
    let app = spawn_app(Db::Sqlite).await;
    let token = app.token("counsellor.jaipur").await;
    let text = "Aapka KYC pending hai, turant 98290 12345 par call karein ya refund ke liye REFUND.SBI@YBL par ₹10 bhejein. \
                Link: hxxps://sbi-kyc-update[.]in/verify";
    let (s, found) = app.api(Method::POST, &token, "/api/v1/extract", Some(json!({ "text": text }))).await;
    assert_eq!(s, 200);
    let mut pairs: Vec<(String, String)> = found
        .as_array()
        .unwrap()
        .iter()
        .map(|f| (f["kind"].as_str().unwrap().to_owned(), f["value"].as_str().unwrap().to_owned()))
        .collect();
    pairs.sort();
    assert_eq!(
        pairs,
        [
            ("domain".to_owned(), "sbi-kyc-update.in".to_owned()),
            ("phone".to_owned(), "+919829012345".to_owned()),
            ("upi".to_owned(), "refund.sbi@ybl".to_owned()),
            ("url".to_owned(), "https://sbi-kyc-update.in/verify".to_owned()),
        ]
    );
    // Offsets are byte offsets of what was written.
    for f in found.as_array().unwrap() {
        let (start, end) = (f["start"].as_u64().unwrap() as usize, f["end"].as_u64().unwrap() as usize);
        assert_eq!(&text[start..end], f["raw"].as_str().unwrap());
    }
    // ₹10 is an amount, not an identifier: nothing else came out.
    assert_eq!(found.as_array().unwrap().len(), 4);
}

#[tokio::test]
async fn the_same_upi_id_links_cases_across_districts_within_each_users_sight() {
    for db in backends() {
        let app = spawn_app(db).await;
        let sup = app.token("supervisor").await;
        let jaipur = app
            .create_case(
                &sup,
                json!({"narrative": "Customer care ne refundhelp.sbi@ybl par collect request bheja, ₹4,999 kat gaye."}),
            )
            .await;
        let jodhpur = app
            .create_case(&sup, json!({"district": "jodhpur", "suspect_details": "UPI ID: Refundhelp.SBI@ybl"}))
            .await;
        let (jid, oid) = (jaipur["id"].as_i64().unwrap(), jodhpur["id"].as_i64().unwrap());

        // The extractor proposes it from the narrative; the worker confirms.
        let (_, listed) = app.api(Method::GET, &sup, &format!("/api/v1/cases/{jid}/identifiers"), None).await;
        assert!(listed["confirmed"].as_array().unwrap().is_empty());
        assert_eq!(listed["proposed"][0]["value"], "refundhelp.sbi@ybl", "{db:?}: {listed}");
        confirm(&app, &sup, jid, json!([{"kind": "upi", "value": "refundhelp.sbi@ybl"}])).await;
        confirm(&app, &sup, oid, json!([{"value": "REFUNDHELP.SBI@YBL"}])).await; // kind guessed

        let (_, listed) = app.api(Method::GET, &sup, &format!("/api/v1/cases/{jid}/identifiers"), None).await;
        let spread = &listed["confirmed"][0]["spread"];
        assert_eq!(spread["total_cases"], 1, "{db:?}: {listed}");
        assert_eq!(spread["by_district"], json!([{"district": "jodhpur", "cases": 1}]));
        assert_eq!(spread["cases"][0]["reference"], jodhpur["reference"]);

        // A Jaipur counsellor sees the count but not the Jodhpur case.
        let counsellor = app.token("counsellor.jaipur").await;
        let path = format!("/api/v1/identifiers/upi/{}/cases", enc("  Refundhelp.Sbi@YBL "));
        let (s, found) = app.api(Method::GET, &counsellor, &path, None).await;
        assert_eq!(s, 200, "{db:?}: {found}");
        assert_eq!(found["total_cases"], 2);
        let refs: Vec<&str> =
            found["cases"].as_array().unwrap().iter().map(|c| c["reference"].as_str().unwrap()).collect();
        assert_eq!(refs, [jaipur["reference"].as_str().unwrap()], "{db:?}: only their own district by name");

        // The case page says so, in the reader's language.
        let b = app.browser("counsellor.jaipur").await;
        let (_, page) = b.get(&format!("/cases/{}", jaipur["reference"].as_str().unwrap())).await;
        let spread_text = texts(&page, "#identifiers .idents p.small");
        assert!(
            spread_text[0].starts_with("1 और मामलों में मिला") || spread_text[0].starts_with("एक और मामले में मिला"),
            "{spread_text:?}"
        );
        assert!(spread_text[0].contains("जोधपुर 1"), "{spread_text:?}");
        assert!(
            !page.contains(jodhpur["reference"].as_str().unwrap()),
            "{db:?}: no Jodhpur reference on a Jaipur page"
        );

        // Unknown and invalid identifiers.
        let (s, _) = app.api(Method::GET, &counsellor, "/api/v1/identifiers/upi/nobody%40ybl/cases", None).await;
        assert_eq!(s, 404);
        let (s, p) = app.api(Method::GET, &counsellor, "/api/v1/identifiers/phone/12/cases", None).await;
        assert_eq!((s, p["errors"][0]["code"].as_str()), (422, Some("ident-error-not-kind")));
    }
}

#[tokio::test]
async fn one_click_confirms_every_proposal_from_the_case_page() {
    let app = spawn_app(Db::Sqlite).await;
    let token = app.token("counsellor.jaipur").await;
    let case = app
        .create_case(
            &token,
            json!({"pasted_messages": "Dear customer, pay pending bill at www.rajbijli-update.in/pay or call 7023 481956.\nA/C 50100234567891 IFSC HDFC0001234"}),
        )
        .await;
    let reference = case["reference"].as_str().unwrap();
    let b = app.browser("counsellor.jaipur").await;
    let path = format!("/cases/{reference}");
    let (_, page) = b.get(&path).await;
    let doc = scraper::Html::parse_document(&page);
    let picks: Vec<String> = doc
        .select(&scraper::Selector::parse("#identifiers input[name=pick][checked]").unwrap())
        .map(|e| e.value().attr("value").unwrap().to_owned())
        .collect();
    assert_eq!(
        picks,
        [
            "url|http://www.rajbijli-update.in/pay",
            "domain|rajbijli-update.in",
            "phone|+917023481956",
            "bank_account|50100234567891",
            "ifsc|HDFC0001234",
        ]
    );
    let csrf = crate::helpers::csrf_of(&page);
    let mut form: Vec<(&str, &str)> = vec![("csrf", &csrf)];
    form.extend(picks.iter().map(|p| ("pick", p.as_str())));
    let (s, loc, _) = b.post(&format!("{path}/identifiers"), &form).await;
    assert_eq!((s, loc.as_deref()), (303, Some(format!("{path}#identifiers").as_str())));
    let (_, page) = b.get(&path).await;
    assert_eq!(texts(&page, "#identifiers .idents code").len(), 5);
    assert!(texts(&page, "#identifiers input[name=pick]").is_empty(), "nothing left to propose");
    assert!(texts(&page, "ol.timeline strong").contains(&"संदिग्ध के नंबर और ID की पुष्टि हुई".to_owned()));

    // Nothing ticked: told so, nothing changes.
    let (s, _, page) = b.post(&format!("{path}/identifiers"), &[("csrf", &csrf)]).await;
    assert_eq!(s, 422);
    assert!(page.contains("कम से कम एक नंबर या ID चुनें"));
    // A wrong manual entry is refused with the field named.
    let (s, _, _) =
        b.post(&format!("{path}/identifiers"), &[("csrf", &csrf), ("kind", "ifsc"), ("value", "HDFC1234")]).await;
    assert_eq!(s, 422);
}

#[tokio::test]
async fn watch_list_hits_raise_an_alert_and_genuine_numbers_never_link() {
    for db in backends() {
        let app = spawn_app(db).await;
        let sup = app.token("supervisor").await;
        let counsellor = app.token("counsellor.jaipur").await;
        let (s, _) = app
            .api(
                Method::PUT,
                &counsellor,
                "/api/v1/identifiers/bank_account/50100234567891/flag",
                Some(json!({"flag": "watch"})),
            )
            .await;
        assert_eq!(s, 403, "counsellors do not flag");
        let (s, flagged) = app
            .api(
                Method::PUT,
                &sup,
                "/api/v1/identifiers/bank_account/5010%200234%205678%2091/flag",
                Some(json!({"flag": "watch", "note": "Known mule account (I4C list)"})),
            )
            .await;
        assert_eq!((s, flagged["value"].as_str()), (200, Some("50100234567891")), "{db:?}: {flagged}");

        let case =
            app.create_case(&counsellor, json!({"suspect_details": "Paisa A/C 50100234567891 mein bheja"})).await;
        let id = case["id"].as_i64().unwrap();
        confirm(&app, &counsellor, id, json!([{"kind": "bank_account", "value": "50100234567891"}])).await;
        let (_, events) = app.api(Method::GET, &counsellor, &format!("/api/v1/cases/{id}/events"), None).await;
        let kinds: Vec<&str> = events.as_array().unwrap().iter().map(|e| e["kind"].as_str().unwrap()).collect();
        assert_eq!(kinds, ["created", "identifiers", "watch_match"], "{db:?}");
        let b = app.browser("counsellor.jaipur").await;
        let (_, page) = b.get(&format!("/cases/{}", case["reference"].as_str().unwrap())).await;
        let alerts = texts(&page, "#identifiers [role=alert]");
        assert_eq!(alerts.len(), 1);
        assert!(alerts[0].contains("50100234567891") && alerts[0].contains("Known mule account"), "{alerts:?}");

        // Two cases mention the bank's genuine helpline: no ring.
        app.api(Method::PUT, &sup, "/api/v1/identifiers/phone/01412741234/flag", Some(json!({"flag": "genuine"})))
            .await;
        for _ in 0..2 {
            let c = app.create_case(&sup, json!({})).await;
            confirm(&app, &sup, c["id"].as_i64().unwrap(), json!([{"kind": "phone", "value": "0141-2741234"}])).await;
        }
        let (_, rings) = app.api(Method::GET, &sup, "/api/v1/rings", None).await;
        assert_eq!(rings, json!([]), "{db:?}");
    }
}

#[tokio::test]
async fn rings_join_cases_through_chains_of_shared_identifiers() {
    for db in backends() {
        let app = spawn_app(db).await;
        let sup = app.token("supervisor").await;
        let a = app.create_case(&sup, json!({"amount_lost_paise": 1_000_000})).await;
        let b = app.create_case(&sup, json!({"amount_lost_paise": 250_000})).await;
        let c = app.create_case(&sup, json!({"district": "jodhpur", "amount_lost_paise": 50_000})).await;
        let lone = app.create_case(&sup, json!({})).await;
        let id = |v: &Value| v["id"].as_i64().unwrap();
        confirm(&app, &sup, id(&a), json!([{"value": "fraud.king@okaxis"}])).await;
        confirm(&app, &sup, id(&b), json!([{"value": "fraud.king@okaxis"}, {"value": "+91 70234 81956"}])).await;
        confirm(&app, &sup, id(&c), json!([{"value": "07023481956"}])).await;
        confirm(&app, &sup, id(&lone), json!([{"value": "someone.else@ybl"}])).await;

        let (_, rings) = app.api(Method::GET, &sup, "/api/v1/rings", None).await;
        assert_eq!(rings.as_array().unwrap().len(), 1, "{db:?}: {rings}");
        let ring = &rings[0];
        assert_eq!(ring["id"], id(&a));
        assert_eq!(ring["total_cases"], 3);
        assert_eq!(ring["money_lost_paise"], 1_300_000);
        let shared: Vec<&str> =
            ring["identifiers"].as_array().unwrap().iter().map(|i| i["value"].as_str().unwrap()).collect();
        assert_eq!(shared, ["+917023481956", "fraud.king@okaxis"]);

        // A Jaipur counsellor sees the ring (it touches Jaipur) but only Jaipur cases by name.
        let counsellor = app.token("counsellor.jaipur").await;
        let (s, mine) = app.api(Method::GET, &counsellor, &format!("/api/v1/rings/{}", id(&a)), None).await;
        assert_eq!(s, 200);
        assert_eq!(mine["total_cases"], 3);
        assert_eq!(mine["cases"].as_array().unwrap().len(), 2, "{db:?}: {mine}");
        // The CSV a liaison sends on: header in their language, one row per visible case.
        let browser = app.browser("counsellor.jaipur").await;
        let (s, csv) = browser.get(&format!("/rings/{}/export.csv", id(&a))).await;
        assert_eq!(s, 200);
        let lines: Vec<&str> = csv.lines().collect();
        assert_eq!(lines.len(), 3, "{csv}");
        assert!(lines[0].starts_with("गिरोह,संदर्भ संख्या"), "{}", lines[0]);
        assert!(lines[1].contains("fraud.king@okaxis"));
        assert!(!csv.contains(c["reference"].as_str().unwrap()), "no Jodhpur case in a Jaipur export");
        let (s, _) = browser.get(&format!("/rings/{}", id(&lone))).await;
        assert_eq!(s, 404, "a lone case is no ring");

        // Removing the link that held the ring together splits it.
        let (_, ids) = app.api(Method::GET, &sup, &format!("/api/v1/cases/{}/identifiers", id(&b)), None).await;
        let phone = ids["confirmed"].as_array().unwrap().iter().find(|c| c["identifier"]["kind"] == "phone").unwrap();
        let ident = phone["identifier"]["id"].as_i64().unwrap();
        let (s, _) =
            app.api(Method::DELETE, &sup, &format!("/api/v1/cases/{}/identifiers/{ident}", id(&b)), None).await;
        assert_eq!(s, 204);
        let (_, rings) = app.api(Method::GET, &sup, "/api/v1/rings", None).await;
        assert_eq!(rings[0]["total_cases"], 2, "{db:?}: {rings}");
    }
}

#[tokio::test]
async fn the_intake_form_previews_known_identifiers_while_typing() {
    let app = spawn_app(Db::Sqlite).await;
    let sup = app.token("supervisor").await;
    let earlier = app.create_case(&sup, json!({"district": "jodhpur"})).await;
    confirm(&app, &sup, earlier["id"].as_i64().unwrap(), json!([{"value": "olxpay.verify@ibl"}])).await;

    let b = app.browser("counsellor.jaipur").await;
    let csrf = b.csrf("/cases/new").await;
    let narrative = "Usne QR bheja, paise OLXPAY.VERIFY@IBL par gaye. Number 83026 17495.";
    let (s, _, html) = b.post("/identifiers/preview", &[("csrf", &csrf), ("narrative", narrative)]).await;
    assert_eq!(s, 200);
    let items = texts(&html, "li");
    assert_eq!(items.len(), 2, "{html}");
    assert!(items[0].contains("olxpay.verify@ibl") && items[0].contains("जोधपुर 1"), "{items:?}");
    assert!(items[1].contains("+918302617495") && items[1].contains("अभी किसी मामले में नहीं मिला"), "{items:?}");
    assert_eq!(texts(&html, "li.seen").len(), 1);
    let (s, _, _) = b.post("/identifiers/preview", &[("csrf", "forged"), ("narrative", narrative)]).await;
    assert_eq!(s, 403);
}
