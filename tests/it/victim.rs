//! Victim self-service: the public help page, and a victim following their own case with its
//! reference and private code — seeing nothing else, throttled, audited.

use reqwest::Method;
use reqwest::multipart::{Form, Part};
use serde_json::{Value, json};

use crate::helpers::{Db, TestApp, backends, csrf_of, spawn_app, texts};

fn visitor() -> reqwest::Client {
    reqwest::Client::builder().cookie_store(true).redirect(reqwest::redirect::Policy::none()).build().unwrap()
}

/// Submits the "follow your case" form; returns status, redirect and page.
async fn open(app: &TestApp, client: &reqwest::Client, reference: &str, code: &str) -> (u16, String, String) {
    let form = client.get(app.url("/track")).send().await.unwrap().text().await.unwrap();
    let csrf = csrf_of(&form);
    let r = client
        .post(app.url("/track"))
        .form(&[("reference", reference), ("code", code), ("csrf", csrf.as_str())])
        .send()
        .await
        .unwrap();
    let status = r.status().as_u16();
    let location = r.headers().get("location").map(|l| l.to_str().unwrap().to_owned()).unwrap_or_default();
    (status, location, r.text().await.unwrap())
}

async fn issue_code(app: &TestApp, token: &str, id: i64) -> String {
    let (s, v) = app.api(Method::POST, token, &format!("/api/v1/cases/{id}/victim-code"), None).await;
    assert_eq!(s, 200, "{v}");
    v["code"].as_str().unwrap().to_owned()
}

#[tokio::test]
async fn a_victim_follows_their_case_and_sends_more_with_their_code() {
    for db in backends() {
        let app = spawn_app(db).await;
        let token = app.token("counsellor.jaipur").await;
        let case = app.create_case(&token, json!({"victim_address": "Plot 7, Vaishali Nagar"})).await;
        let other = app.create_case(&token, json!({"victim_name": "Kamla Devi"})).await;
        let (id, reference) = (case["id"].as_i64().unwrap(), case["reference"].as_str().unwrap().to_owned());
        let code = issue_code(&app, &token, id).await;
        assert_eq!(code.len(), 14, "grouped for paper: {code}");

        // Typed the way people type: lower case, spaces instead of dashes.
        let victim = visitor();
        let typed = code.to_lowercase().replace('-', " ");
        let (s, location, _) = open(&app, &victim, &reference.to_lowercase(), &typed).await;
        assert_eq!((s, location.as_str()), (303, "/track/case"), "{db:?}");
        let page = victim.get(app.url("/track/case")).send().await.unwrap().text().await.unwrap();
        // In the victim's language (Hindi), with the status and nothing else about the case.
        assert!(page.contains(&reference));
        assert!(page.contains("केंद्र ने आपकी शिकायत दर्ज कर ली है"), "{page}");
        for private in ["सुनीता मीणा", "98290", "Plot 7", "बिजली बिल", other["reference"].as_str().unwrap()]
        {
            assert!(!page.contains(private), "{db:?}: the victim page shows {private}");
        }

        // More information, a call-back request and a file reach the case.
        let csrf = csrf_of(&page);
        let r = victim
            .post(app.url("/track/case/info"))
            .form(&[("csrf", csrf.as_str()), ("message", "आज फिर उसी नंबर से कॉल आया: 7000011111")])
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 200);
        assert!(r.text().await.unwrap().contains("केंद्र को आपका संदेश मिल गया है"));
        let r = victim
            .post(app.url("/track/case/callback"))
            .form(&[("csrf", csrf.as_str()), ("when", "शाम 6 बजे के बाद")])
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 200);
        let form = Form::new()
            .text("csrf", csrf.clone())
            .text("description", "बैंक का SMS")
            .part("file", Part::bytes(crate::matrix::PNG.to_vec()).file_name("sms.png"));
        let r = victim.post(app.url("/track/case/evidence")).multipart(form).send().await.unwrap();
        assert_eq!(r.status(), 200);
        assert!(r.text().await.unwrap().contains("एक फ़ाइल मिल गई"));
        // A forged post (no token) is refused and writes nothing.
        let r = victim.post(app.url("/track/case/info")).form(&[("message", "forged")]).send().await.unwrap();
        assert_eq!(r.status(), 403);

        let (_, requests) = app.api(Method::GET, &token, &format!("/api/v1/cases/{id}/victim-requests"), None).await;
        let kinds: Vec<&str> = requests.as_array().unwrap().iter().map(|r| r["kind"].as_str().unwrap()).collect();
        assert_eq!(kinds, ["callback", "info"], "{db:?}: {requests}");
        assert!(requests[1]["message"].as_str().unwrap().contains("7000011111"));
        let (_, items) = app.api(Method::GET, &token, &format!("/api/v1/cases/{id}/evidence"), None).await;
        let item = &items["items"][0];
        assert_eq!((item["victim_supplied"].as_bool(), item["original_name"].as_str()), (Some(true), Some("sms.png")));

        // Staff see it on the case page and mark it done; the victim sees it was seen.
        let staff = app.browser("counsellor.jaipur").await;
        let (_, case_page) = staff.get(&format!("/cases/{reference}")).await;
        assert!(case_page.contains("7000011111"));
        let done = format!("/cases/{reference}/victim-requests/{}/done", requests[1]["id"]);
        let (s, _, _) = staff.post(&done, &[("csrf", &csrf_of(&case_page))]).await;
        assert_eq!(s, 303);
        let page = victim.get(app.url("/track/case")).send().await.unwrap().text().await.unwrap();
        assert!(page.contains("केंद्र ने देख लिया"));

        // Every visit is in the audit log, with no staff member behind it.
        let log = app.state.store.audit_for(&sahayak::privacy::audit::case_subject(id), 50).await.unwrap();
        for action in ["case.victim_read", "case.victim_info", "case.victim_callback", "case.victim_upload"] {
            assert!(log.iter().any(|(e, who)| e.action == action && who.is_none()), "{db:?}: {action}");
        }

        // A new code ends the old one's visits and the old code stops working.
        issue_code(&app, &token, id).await;
        let r = victim.get(app.url("/track/case")).send().await.unwrap();
        assert_eq!(r.headers()["location"], "/track");
        let (s, _, page) = open(&app, &visitor(), &reference, &code).await;
        assert_eq!(s, 401);
        assert!(texts(&page, "[role=alert]")[0].contains("सही नहीं"), "{page}");
    }
}

#[tokio::test]
async fn guessing_codes_is_throttled_per_case_and_answers_like_an_unknown_case() {
    let app = spawn_app(Db::Sqlite).await;
    let token = app.token("counsellor.jaipur").await;
    let case = app.create_case(&token, json!({"victim_lang": "en"})).await;
    let (id, reference) = (case["id"].as_i64().unwrap(), case["reference"].as_str().unwrap().to_owned());
    let code = issue_code(&app, &token, id).await;
    let no_code = app.create_case(&token, json!({})).await;

    // Wrong code, unknown reference and a case with no code look the same.
    let (a, _, _) = open(&app, &visitor(), &reference, "AAAA-BBBB-CCCC").await;
    let (b, _, _) = open(&app, &visitor(), "JPR-2026-999999", &code).await;
    let (c, _, _) = open(&app, &visitor(), no_code["reference"].as_str().unwrap(), &code).await;
    assert_eq!((a, b, c), (401, 401, 401));

    // Five wrong codes for the case (the sign-in limit) pause it, even for the right code.
    for _ in 0..4 {
        open(&app, &visitor(), &reference, "AAAA-BBBB-CCCC").await;
    }
    let (s, _, page) = open(&app, &visitor(), &reference, &code).await;
    assert_eq!(s, 429);
    assert!(page.contains("बहुत बार गलत कोड"), "{page}");
    let r = TestApp::http()
        .post(app.url("/api/v1/track"))
        .json(&json!({"reference": reference, "code": code}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 429);
    assert!(r.headers().get("retry-after").is_some());
}

#[tokio::test]
async fn the_api_gives_the_victim_their_status_and_steps() {
    let app = spawn_app(Db::Sqlite).await;
    let token = app.token("counsellor.jaipur").await;
    let case = app.create_case(&token, json!({})).await;
    let (id, reference) = (case["id"].as_i64().unwrap(), case["reference"].as_str().unwrap().to_owned());
    let code = issue_code(&app, &token, id).await;
    let track = |body: Value| {
        let url = app.url("/api/v1/track");
        async move {
            let r = TestApp::http().post(url).json(&body).send().await.unwrap();
            (r.status().as_u16(), r.json::<Value>().await.unwrap())
        }
    };
    let (s, v) = track(json!({"reference": reference, "code": code, "lang": "en"})).await;
    assert_eq!(s, 200, "{v}");
    assert_eq!((v["reference"].as_str(), v["status"].as_str()), (Some(reference.as_str()), Some("new")));
    assert!(v["status_help"].as_str().unwrap().contains("registered your complaint"));
    assert!(!v["steps"].as_array().unwrap().is_empty(), "the UPI plan's steps: {v}");
    assert!(v.get("victim_name").is_none() && !v.to_string().contains("98290"));
    // The victim's own language by default.
    let (_, v) = track(json!({"reference": reference, "code": code})).await;
    assert!(v["status_label"].as_str().unwrap().chars().any(|c| ('\u{0900}'..='\u{097F}').contains(&c)));
    let (s, _) = track(json!({"reference": reference, "code": "WRONG-CODE-0000"})).await;
    assert_eq!(s, 404);
}

#[tokio::test]
async fn the_help_page_routes_a_visitor_to_what_to_do_in_both_languages() {
    let app = spawn_app(Db::Sqlite).await;
    let client = visitor();
    let get = |path: &str| {
        let r = client.get(app.url(path)).send();
        async move {
            let r = r.await.unwrap();
            (r.status().as_u16(), r.text().await.unwrap())
        }
    };
    let (s, page) = get("/help?lang=en").await;
    assert_eq!(s, 200);
    assert!(
        page.contains("Call <a href=\"tel:1930\" class=\"tel\">1930</a> at once") && page.contains("cybercrime.gov.in")
    );
    assert!(page.contains("Police Commissionerate, Jaipur"), "the centre's address from the configuration");
    // Money gone within the hour: 1930 first, then the UPI plan in plain words, and tips.
    let (_, page) = get("/help?lang=en&what=upi_qr&money=yes&when=hour").await;
    assert!(page.contains("Call <a href=\"tel:1930\" class=\"tel\">1930</a> now, before anything else"), "{page}");
    assert!(!texts(&page, ".advice ol li").is_empty());
    assert!(page.contains("How to stay safe"));
    // Not recent, no money: no alarm.
    let (_, page) = get("/help?lang=en&what=sextortion&money=no&when=older").await;
    assert!(!page.contains("Call 1930 now, before anything else"));
    assert!(!texts(&page, ".advice ol li").is_empty());
    let (_, page) = get("/help?lang=hi&what=upi_qr&money=yes&when=day").await;
    assert!(page.contains("सबसे पहले अभी <a href=\"tel:1930\" class=\"tel\">1930</a> पर कॉल करें"));
    // Nonsense answers are simply no answer.
    let (s, page) = get("/help?what=%3Cscript%3E&money=maybe").await;
    assert_eq!(s, 200);
    assert!(texts(&page, ".advice").is_empty());
}

#[tokio::test]
async fn only_staff_who_act_on_the_case_see_the_victims_code() {
    let app = spawn_app(Db::Sqlite).await;
    let token = app.token("counsellor.jaipur").await;
    let case = app.create_case(&token, json!({})).await;
    let code = issue_code(&app, &token, case["id"].as_i64().unwrap()).await;
    let path = format!("/cases/{}", case["reference"].as_str().unwrap());
    let (_, page) = app.browser("counsellor.jaipur").await.get(&path).await;
    assert!(page.contains(&code));
    let (s, page) = app.browser("auditor.jaipur").await.get(&path).await;
    assert_eq!(s, 200);
    assert!(!page.contains(&code) && page.contains("••••-••••-••••"));
}

/// What the stand-in gateway was sent: each request's Authorization header and JSON body.
type Seen = std::sync::Arc<std::sync::Mutex<Vec<(Option<String>, Value)>>>;

/// A stand-in SMS/WhatsApp gateway: records what it is sent, answers with `status`.
async fn gateway(status: u16) -> (String, Seen) {
    use axum::http::{HeaderMap, StatusCode};
    let seen: Seen = Default::default();
    let record = seen.clone();
    let app = axum::Router::new().route(
        "/send",
        axum::routing::post(move |headers: HeaderMap, axum::Json(body): axum::Json<Value>| {
            let record = record.clone();
            async move {
                let auth = headers.get("authorization").map(|v| v.to_str().unwrap().to_owned());
                record.lock().unwrap().push((auth, body));
                StatusCode::from_u16(status).unwrap()
            }
        }),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/send", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    (url, seen)
}

#[tokio::test]
async fn the_code_goes_to_the_victims_mobile_through_the_configured_gateway() {
    let (url, seen) = gateway(202).await;
    let app = crate::helpers::spawn_app_with(Db::Sqlite, |c| {
        c.notify.webhook_url = Some(sahayak::config::Secret::new(url));
        c.notify.webhook_token = Some(sahayak::config::Secret::new("gateway-key"));
        c.notify.channel = "whatsapp".into();
    })
    .await;
    let token = app.token("counsellor.jaipur").await;
    let case = app.create_case(&token, json!({})).await;
    let id = case["id"].as_i64().unwrap();
    let (s, v) = app.api(Method::POST, &token, &format!("/api/v1/cases/{id}/victim-code"), None).await;
    assert_eq!((s, v["sent"].as_bool()), (200, Some(true)), "{v}");
    let code = v["code"].as_str().unwrap();
    let sent = seen.lock().unwrap().clone();
    assert_eq!(sent.len(), 1);
    let (auth, body) = &sent[0];
    assert_eq!(auth.as_deref(), Some("Bearer gateway-key"));
    assert_eq!(body["channel"], "whatsapp");
    assert_eq!(body["to"], case["victim_mobile"], "{body}");
    let text = body["text"].as_str().unwrap();
    assert!(text.contains(code) && text.contains(case["reference"].as_str().unwrap()), "{text}");
    // The case page tells the worker the code was sent, not only printed.
    let b = app.browser("counsellor.jaipur").await;
    let (_, html) = b.get(&format!("/cases/{}", case["reference"].as_str().unwrap())).await;
    assert!(!html.contains("SMS गेटवे नहीं जुड़ा") && !html.contains("No SMS gateway is set up"), "{html}");
}

#[tokio::test]
async fn a_failing_gateway_leaves_the_code_working_and_says_it_was_not_sent() {
    let (url, seen) = gateway(503).await;
    let app =
        crate::helpers::spawn_app_with(Db::Sqlite, |c| c.notify.webhook_url = Some(sahayak::config::Secret::new(url)))
            .await;
    let token = app.token("counsellor.jaipur").await;
    let case = app.create_case(&token, json!({})).await;
    let (id, reference) = (case["id"].as_i64().unwrap(), case["reference"].as_str().unwrap());
    let (s, v) = app.api(Method::POST, &token, &format!("/api/v1/cases/{id}/victim-code"), None).await;
    assert_eq!((s, v["sent"].as_bool()), (200, Some(false)), "{v}");
    assert_eq!(seen.lock().unwrap().len(), 1, "the gateway was asked");
    let (s, location, _) = open(&app, &visitor(), reference, v["code"].as_str().unwrap()).await;
    assert_eq!((s, location.as_str()), (303, "/track/case"), "the printed code still opens the case");

    // Without a gateway nothing is sent, and the page says to hand over the printed code.
    let app = spawn_app(Db::Sqlite).await;
    let token = app.token("counsellor.jaipur").await;
    let case = app.create_case(&token, json!({})).await;
    let (s, v) = app
        .api(Method::POST, &token, &format!("/api/v1/cases/{}/victim-code", case["id"].as_i64().unwrap()), None)
        .await;
    assert_eq!((s, v["sent"].as_bool()), (200, Some(false)), "{v}");
    let b = app.browser("counsellor.jaipur").await;
    let (_, html) = b.get(&format!("/cases/{}", case["reference"].as_str().unwrap())).await;
    assert!(html.contains("No SMS gateway is set up") || html.contains("SMS गेटवे नहीं जुड़ा"), "{html}");
}
