//! The HTML pages as a browser without JavaScript uses them.

use crate::helpers::{Db, PASSWORD, TestApp, csrf_of, spawn_app, texts};

#[tokio::test]
async fn sign_in_page_speaks_hindi_by_default_and_english_on_request() {
    let app = spawn_app(Db::Sqlite).await;
    let http = TestApp::http();
    let hi = http.get(app.url("/login")).send().await.unwrap().text().await.unwrap();
    assert!(hi.contains("<html lang=\"hi\">"));
    assert_eq!(texts(&hi, "h1"), ["साइन इन"]);
    let en = http.get(app.url("/login?lang=en")).send().await.unwrap().text().await.unwrap();
    assert_eq!(texts(&en, "h1"), ["Sign in"]);
    let by_header = http
        .get(app.url("/login"))
        .header("accept-language", "en-IN,en;q=0.9")
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert_eq!(texts(&by_header, "h1"), ["Sign in"]);
}

#[tokio::test]
async fn pages_need_a_session_and_forms_need_their_token() {
    let app = spawn_app(Db::Sqlite).await;
    let r = TestApp::http().get(app.url("/cases?status=new")).send().await.unwrap();
    assert_eq!(r.status(), 303);
    assert_eq!(r.headers()["location"], "/login?next=%2Fcases%3Fstatus%3Dnew");

    // Wrong password: the form again, with a message, and no session.
    let client =
        reqwest::Client::builder().cookie_store(true).redirect(reqwest::redirect::Policy::none()).build().unwrap();
    let page = client.get(app.url("/login")).send().await.unwrap().text().await.unwrap();
    let csrf = csrf_of(&page);
    let r = client
        .post(app.url("/login"))
        .form(&[("username", "supervisor"), ("password", "nope"), ("csrf", csrf.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 401);
    let body = r.text().await.unwrap();
    assert_eq!(texts(&body, "[role=alert]"), ["यूज़रनेम या पासवर्ड गलत है। दोनों जाँचकर फिर से कोशिश करें।"]);
    // A login form posted without its token (a forged cross-site post) is refused.
    let r = TestApp::http()
        .post(app.url("/login"))
        .form(&[("username", "supervisor"), ("password", PASSWORD), ("csrf", "guess")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 403);

    let b = app.browser("counsellor.jaipur").await;
    let (status, _, body) = b.post("/cases", &[("channel", "walk_in"), ("csrf", "forged")]).await;
    assert_eq!(status, 403);
    assert!(texts(&body, "h1")[0].contains("फ़ॉर्म"), "translated CSRF page");
    let (status, _, _) = b.post("/logout", &[("csrf", "forged")]).await;
    assert_eq!(status, 403);
}

#[tokio::test]
async fn intake_in_hindi_shows_errors_beside_fields_then_registers_and_finds_the_case() {
    for db in crate::helpers::backends() {
        let app = spawn_app(db).await;
        let b = app.browser("counsellor.jaipur").await;
        let (status, form) = b.get("/cases/new").await;
        assert_eq!(status, 200);
        assert!(form.contains("autofocus"), "first field focused");
        let csrf = csrf_of(&form);
        let story = "मेरे साथ ठगी हुई। KYC अपडेट के नाम पर कॉल आया और ₹20,000 कट गए।";
        let mut fields = vec![
            ("csrf", csrf.as_str()),
            ("channel", "walk_in"),
            ("victim_name", "रामेश्वर लाल"),
            ("victim_mobile", "98765 4321"),
            ("victim_lang", "hi"),
            ("narrative", story),
            ("classification", "Online Financial Fraud|UPI Related Frauds"),
            ("scam_pattern", "kyc_otp"),
            ("amount_lost", "20,000"),
            ("payment_channel", "upi"),
        ];
        let (status, _, page) = b.post("/cases", &fields).await;
        assert_eq!(status, 422, "{db:?}");
        assert_eq!(texts(&page, "#victim_mobile-error").len(), 1);
        assert!(texts(&page, "#victim_mobile-error")[0].starts_with("सही मोबाइल नंबर"));
        assert!(page.contains(story), "what was typed is kept");
        assert!(page.contains("aria-invalid=\"true\""));

        fields[3] = ("victim_mobile", "98765 43210");
        let (status, location, _) = b.post("/cases", &fields).await;
        assert_eq!(status, 303, "{db:?}");
        let location = location.unwrap();
        assert!(location.starts_with("/cases/JPR-"), "{location}");
        let (_, case_page) = b.get(&location).await;
        assert!(case_page.contains(story));
        assert!(case_page.contains("+919876543210"));
        assert!(case_page.contains("₹20,000"));

        let (_, found) = b.get("/cases?q=%E0%A4%A0%E0%A4%97%E0%A5%80").await; // ठगी
        let refs = texts(&found, "table.cases tbody td:first-child a");
        assert_eq!(refs, [location.trim_start_matches("/cases/")], "{db:?}");
        let (_, nothing) = b.get("/cases?q=lottery").await;
        assert!(texts(&nothing, "table.cases tbody tr").is_empty());
        assert!(nothing.contains("कोई मामला नहीं मिला"));
    }
}

#[tokio::test]
async fn working_a_case_from_its_page() {
    let app = spawn_app(Db::Sqlite).await;
    let token = app.token("supervisor").await;
    let case = app.create_case(&token, serde_json::json!({})).await;
    let reference = case["reference"].as_str().unwrap();
    let b = app.browser("supervisor").await;
    let path = format!("/cases/{reference}");
    let csrf = b.csrf(&path).await;

    let (s, loc, _) =
        b.post(&format!("{path}/notes"), &[("csrf", &csrf), ("body", "Bank ne ₹12,000 hold par daala")]).await;
    assert_eq!((s, loc.as_deref()), (303, Some(format!("{path}#timeline").as_str())));
    let (s, _, page) = b.post(&format!("{path}/notes"), &[("csrf", &csrf), ("body", "   ")]).await;
    assert_eq!(s, 422);
    assert_eq!(texts(&page, "#body-error"), ["This field is required."], "supervisor reads English");

    let (s, _, _) = b.post(&format!("{path}/status"), &[("csrf", &csrf), ("status", "in_progress")]).await;
    assert_eq!(s, 303);
    let (s, _, page) = b.post(&format!("{path}/status"), &[("csrf", &csrf), ("status", "closed")]).await;
    assert_eq!(s, 422);
    assert!(texts(&page, ".alert li").contains(&"Choose why the case is being closed.".to_owned()));
    let me = app.state.store.user_for_login("supervisor").await.unwrap().unwrap().0.id.to_string();
    let (s, _, _) = b.post(&format!("{path}/assign"), &[("csrf", &csrf), ("assignee", &me)]).await;
    assert_eq!(s, 303);

    let (_, page) = b.get(&path).await;
    let timeline = texts(&page, "ol.timeline li strong");
    assert_eq!(timeline, ["Case registered", "Note", "Status changed to In progress", "Assigned to supervisor"]);
    assert!(page.contains("Bank ne ₹12,000 hold par daala"));

    // Correcting details through the edit form.
    let (_, edit) = b.get(&format!("{path}/edit")).await;
    let csrf = csrf_of(&edit);
    let version = scraper::Html::parse_document(&edit)
        .select(&scraper::Selector::parse("input[name=version]").unwrap())
        .next()
        .unwrap()
        .value()
        .attr("value")
        .unwrap()
        .to_owned();
    let (s, loc, _) = b
        .post(
            &format!("{path}/edit"),
            &[
                ("csrf", &csrf),
                ("version", &version),
                ("channel", "helpline_call"),
                ("victim_name", "Sunita Meena"),
                ("victim_mobile", "9829012345"),
                ("narrative", "Corrected account of what happened."),
                ("classification", "Online Financial Fraud|Fraud Call/Vishing"),
                ("scam_pattern", "kyc_otp"),
            ],
        )
        .await;
    assert_eq!((s, loc.as_deref()), (303, Some(path.as_str())));
    let (_, page) = b.get(&path).await;
    assert!(page.contains("Corrected account of what happened."));
    assert!(page.contains("Fraud Call/Vishing"));
}

#[tokio::test]
async fn other_districts_cases_are_not_found_in_the_ui() {
    let app = spawn_app(Db::Sqlite).await;
    let token = app.token("counsellor.jaipur").await;
    let case = app.create_case(&token, serde_json::json!({})).await;
    let reference = case["reference"].as_str().unwrap();
    let b = app.browser("counsellor.jodhpur").await;
    let (status, page) = b.get(&format!("/cases/{reference}")).await;
    assert_eq!(status, 404);
    assert_eq!(texts(&page, "h1"), ["यह पेज या मामला नहीं मिला।"]);
    let (status, _) = b.get(&format!("/cases/{reference}/edit")).await;
    assert_eq!(status, 404);
    let (_, list) = b.get(&format!("/cases?q={reference}")).await;
    assert!(texts(&list, "table.cases tbody tr").is_empty());
}

#[tokio::test]
async fn the_language_switch_is_remembered_for_the_user() {
    let app = spawn_app(Db::Sqlite).await;
    let b = app.browser("counsellor.jaipur").await;
    let (_, page) = b.get("/cases").await;
    assert_eq!(texts(&page, "h1"), ["मामले"]);
    let (_, english) = b.get("/cases?lang=en").await;
    assert_eq!(texts(&english, "h1"), ["Cases"], "per request");
    let csrf = csrf_of(&page);
    let (s, loc, _) = b.post("/settings/lang", &[("csrf", &csrf), ("lang", "en"), ("next", "/cases")]).await;
    assert_eq!((s, loc.as_deref()), (303, Some("/cases")));
    // A new browser (no cookie) still gets English: it was saved for the user.
    let fresh = app.browser("counsellor.jaipur").await;
    let (_, page) = fresh.get("/cases").await;
    assert_eq!(texts(&page, "h1"), ["Cases"]);
}
