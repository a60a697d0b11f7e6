//! The first hour at the desk, in a real browser: an urgent Hindi case registered by keyboard
//! shows its three golden-hour actions in the first screen (desk and phone), the 1930 call is
//! recorded with its reference, and the case tops the queue above money lost days ago. Then
//! every staff and public page, in both languages, on a 360 px phone: no horizontal overflow,
//! no axe (WCAG 2.1 AA) violation, no Nu HTML checker error.

use fantoccini::{Client, Locator};
use reqwest::Method;
use sahayak_domain::access::Role;
use sahayak_domain::case::Lang;
use serde_json::{Value, json};

use crate::browser::{axe, nu_errors, start_browser_at, tools, vnu};
use crate::helpers::*;

const TAB: &str = "\u{E004}";
const ENTER: &str = "\u{E007}";
const DOWN: &str = "\u{E015}";

/// IST local time `minutes` ago, as the API takes it.
fn ist_minutes_ago(minutes: i64) -> String {
    let t = chrono::Utc::now() - chrono::Duration::minutes(minutes);
    sahayak_domain::time::to_ist_local(t)
}

/// Chooses an option of a select with the arrow keys, as a worker would.
async fn choose(c: &Client, id: &str, value: &str) -> Result<(), fantoccini::error::CmdError> {
    let index = c
        .execute(
            "const s = document.getElementById(arguments[0]); s.focus();
             return Array.from(s.options).findIndex(o => o.value === arguments[1]) - s.selectedIndex;",
            vec![json!(id), json!(value)],
        )
        .await?;
    let steps = index.as_i64().unwrap_or(0);
    assert!(steps >= 0, "option {value} of {id} is after the current one");
    let select = c.find(Locator::Id(id)).await?;
    for _ in 0..steps {
        select.send_keys(DOWN).await?;
    }
    let chosen = c.execute("return document.getElementById(arguments[0]).value", vec![json!(id)]).await?;
    assert_eq!(chosen, json!(value), "{id}");
    Ok(())
}

async fn focused(c: &Client) -> Value {
    c.execute("return document.activeElement.id", vec![]).await.unwrap()
}

/// How far below the top of the first screen (px) the bottom of each golden-hour button is.
async fn golden_buttons_bottom(c: &Client) -> Vec<f64> {
    let v = c
        .execute(
            "window.scrollTo(0, 0);
             return Array.from(document.querySelectorAll('#triage form.g-row button'))
               .map(b => b.getBoundingClientRect().bottom);",
            vec![],
        )
        .await
        .unwrap();
    serde_json::from_value(v).unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_urgent_hindi_case_registered_by_keyboard_shows_its_actions_first_and_tops_the_queue() {
    let Some((chromium, driver, _)) = tools() else { return };
    let app = spawn_app(Db::Sqlite).await;
    let sup = app.token("supervisor").await;
    // Money that left two days and 45 days ago, golden-hour actions not done.
    let two_days =
        app.create_case(&sup, json!({"money_left": "yes", "money_left_at": ist_minutes_ago(2 * 24 * 60)})).await;
    let long_ago =
        app.create_case(&sup, json!({"money_left": "yes", "money_left_at": ist_minutes_ago(45 * 24 * 60)})).await;
    let (_driver, c) = start_browser_at(&chromium, &driver, (1366, 768)).await;
    let result = async {
        c.goto(&app.url("/login?lang=hi")).await?;
        c.find(Locator::Id("username")).await?.send_keys("counsellor.jaipur").await?;
        c.find(Locator::Id("password")).await?.send_keys(&format!("{PASSWORD}{ENTER}")).await?;
        // Signing in lands on the work queue.
        c.wait().for_element(Locator::Css("table.queue, p.empty")).await?;
        assert_eq!(c.current_url().await?.path(), "/queue");
        c.find(Locator::Css("header a.new-case")).await?.click().await?;
        c.wait().for_element(Locator::Css("form.case-form")).await?;
        assert_eq!(focused(&c).await, json!("money_left_yes"));
        // Space ticks "yes"; the time as the victim says it; Tab through the form.
        c.find(Locator::Id("money_left_yes")).await?.send_keys(" ").await?;
        c.find(Locator::Id("money_left_at")).await?.send_keys(&format!("30 मिनट पहले{TAB}")).await?;
        assert_eq!(focused(&c).await, json!("amount_lost"));
        c.find(Locator::Id("amount_lost")).await?.send_keys("32,500").await?;
        // Enter in a box moves on; it does not send the half-filled form.
        c.find(Locator::Id("victim_name")).await?.send_keys(&format!("कमला देवी शर्मा{ENTER}")).await?;
        assert_eq!(focused(&c).await, json!("victim_mobile"));
        assert_eq!(c.current_url().await?.path(), "/cases/new");
        c.find(Locator::Id("victim_mobile")).await?.send_keys("+91 90011 22334").await?;
        choose(&c, "channel", "helpline_call").await?;
        c.find(Locator::Id("narrative"))
            .await?
            .send_keys("बैंक अधिकारी बनकर कॉल आया, ओटीपी पूछा और खाते से ₹32,500 कट गए।")
            .await?;
        choose(&c, "category", "Online Financial Fraud|Fraud Call/Vishing").await?;
        choose(&c, "scam_pattern", "kyc_otp").await?;
        choose(&c, "payment_channel", "net_banking").await?;
        c.find(Locator::Css("form.case-form .actions button[type=submit]")).await?.send_keys(ENTER).await?;
        let heading = c.wait().for_element(Locator::Css("h1 .badge")).await?;
        assert_eq!(heading.text().await?, "नया");
        let reference = c.find(Locator::Css("h1")).await?.text().await?;
        let reference = reference.split_whitespace().next().unwrap().to_owned();

        // The clock and the three actions are in the first screen, desk size.
        let elapsed = c.find(Locator::Css("#triage .elapsed")).await?.text().await?;
        assert!(elapsed.contains("30 मिनट") || elapsed.contains("31 मिनट"), "{elapsed}");
        let bottoms = golden_buttons_bottom(&c).await;
        assert_eq!(bottoms.len(), 3, "three actions to do");
        assert!(bottoms.iter().all(|b| *b <= 768.0), "desk: {bottoms:?}");
        // And on a phone.
        crate::browser::fit_viewport(&c, (390, 844)).await;
        let width = c.execute("return window.innerWidth", vec![]).await?;
        assert_eq!(width, json!(390));
        let bottoms = golden_buttons_bottom(&c).await;
        assert!(bottoms.iter().all(|b| *b <= 768.0), "phone: {bottoms:?}");
        crate::browser::fit_viewport(&c, (1366, 768)).await;

        // The 1930 call, with its acknowledgement number: "now" is already in its time box.
        let at = c.find(Locator::Id("at-helpline_1930")).await?;
        assert_eq!(at.prop("value").await?.as_deref(), Some("अभी"));
        c.find(Locator::Id("ref-helpline_1930")).await?.send_keys(&format!("31512260012345{ENTER}")).await?;
        let done = c.wait().for_element(Locator::Css("#triage li.g-action.done .g-done")).await?;
        assert!(done.text().await?.contains("31512260012345"));
        assert_eq!(c.find_all(Locator::Css("#triage form.g-row")).await?.len(), 2);

        // The queue: this case first; money gone days ago does not outrank it.
        c.goto(&app.url("/queue")).await?;
        let first = c.find(Locator::Css("table.queue tbody tr td a")).await?.text().await?;
        assert_eq!(first, reference);
        let order: Vec<String> = {
            let mut v = Vec::new();
            for a in c.find_all(Locator::Css("table.queue tbody tr td:first-child a")).await? {
                v.push(a.text().await?);
            }
            v
        };
        let pos = |r: &Value| order.iter().position(|o| o == r["reference"].as_str().unwrap()).unwrap();
        assert!(pos(&two_days) > 0 && pos(&long_ago) > pos(&two_days), "{order:?}");
        Ok::<(), fantoccini::error::CmdError>(())
    }
    .await;
    if result.is_err() {
        let url = c.current_url().await.map(|u| u.to_string()).unwrap_or_default();
        let html = c.source().await.unwrap_or_default();
        eprintln!("browser flow stopped at {url}:\n{}", html.chars().take(3000).collect::<String>());
    }
    let _ = c.close().await;
    result.expect("browser flow");
}

#[tokio::test]
async fn the_queue_ranks_by_what_time_destroys_and_a_sweep_keeps_it_true() {
    for db in backends() {
        let app = spawn_app(db).await;
        let token = app.token("supervisor").await;
        let money = |minutes: i64| json!({"money_left": "yes", "money_left_at": ist_minutes_ago(minutes)});
        let old = app.create_case(&token, money(45 * 24 * 60)).await;
        let two_hours = app.create_case(&token, money(120)).await;
        let thirty = app
            .create_case(
                &token,
                json!({"district": "jodhpur", "money_left": "yes",
            "money_left_at": ist_minutes_ago(30)}),
            )
            .await;
        let quiet = app.create_case(&token, json!({"amount_lost_paise": null, "payment_channel": ""})).await;
        let (_, queue) = app.api(Method::GET, &token, "/api/v1/queue", None).await;
        let order: Vec<&str> = queue.as_array().unwrap().iter().map(|q| q["reference"].as_str().unwrap()).collect();
        let pos = |c: &Value| order.iter().position(|r| *r == c["reference"].as_str().unwrap()).unwrap();
        assert_eq!((pos(&thirty), pos(&two_hours)), (0, 1), "{db:?}: the freshest money first: {order:?}");
        assert!(pos(&old) > 1 && pos(&quiet) > 1, "{db:?}: {order:?}");
        let urgent =
            |c: &Value| queue.as_array().unwrap().iter().find(|q| q["id"] == c["id"]).unwrap()["urgent"].clone();
        assert_eq!(urgent(&thirty), true);
        assert_eq!(urgent(&old), false, "{db:?}: 45 days on, the golden hour is long past");

        // The three actions done: the case leaves the golden tier for its deadlines.
        for action in ["helpline_1930", "bank_block", "portal_filed"] {
            let path = format!("/api/v1/cases/{}/actions", thirty["id"]);
            app.api(Method::POST, &token, &path, Some(json!({"action": action}))).await;
        }
        let (_, queue) = app.api(Method::GET, &token, "/api/v1/queue", None).await;
        assert_eq!(queue[0]["id"], two_hours["id"], "{db:?}");
        let item = queue.as_array().unwrap().iter().find(|q| q["id"] == thirty["id"]).unwrap();
        assert_eq!(item["urgent"], false);

        // A rank gone stale (here: spoiled on purpose) is put right by the background sweep.
        let spoil = format!("UPDATE cases SET queue_rank = 0, rank_until = 1 WHERE id = {}", quiet["id"]);
        sahayak::store::testing::execute(&app.state.store, &spoil).await.unwrap();
        let (_, queue) = app.api(Method::GET, &token, "/api/v1/queue", None).await;
        assert_eq!(queue[0]["id"], quiet["id"], "{db:?}: spoiled");
        let swept = sahayak::triage::facts::sweep(&app.state, 100).await.unwrap();
        assert!(swept >= 1, "{db:?}");
        let (_, queue) = app.api(Method::GET, &token, "/api/v1/queue", None).await;
        assert_eq!(queue[0]["id"], two_hours["id"], "{db:?}: ranked again");
        assert_eq!(sahayak::triage::facts::sweep(&app.state, 100).await.unwrap(), 0, "{db:?}: nothing stale now");
    }
}

#[tokio::test]
async fn intake_names_each_field_to_correct_keeps_spoken_times_exact_and_remembers_the_district() {
    let app = spawn_app(Db::Sqlite).await;
    let b = app.browser("supervisor").await;
    let (_, form) = b.get("/cases/new?lang=en").await;
    // The first submit button is disabled: Enter in a box does not send the form (no script needed).
    let doc = scraper::Html::parse_document(&form);
    let first = scraper::Selector::parse("form.case-form button[type=submit]").unwrap();
    assert!(doc.select(&first).next().unwrap().value().attr("disabled").is_some());
    assert!(form.contains("list=\"when-choices\"") && form.contains("<datalist id=\"when-choices\">"));
    assert!(form.contains("(required when money left)"), "the condition is shown with the field");
    let csrf = csrf_of(&form);
    let fields = [
        ("csrf", csrf.as_str()),
        ("district", "jodhpur"),
        ("money_left", "yes"),
        ("money_left_at", "30 minutes ago"),
        ("incident_at", "in a while"),
        ("victim_name", "Ramesh"),
        ("narrative", "Called as the bank, took the OTP."),
        ("classification", "Online Financial Fraud|UPI Related Frauds"),
        ("scam_pattern", "kyc_otp"),
    ];
    let (status, _, page) = b.post("/cases?lang=en", &fields).await;
    assert_eq!(status, 422);
    // The summary names each field by its label, links to it, and takes the focus.
    let links = texts(&page, "#form-errors li a");
    assert!(links.contains(&"How they reached us".to_owned()), "{links:?}");
    assert!(links.contains(&"Victim's mobile".to_owned()), "{links:?}");
    assert!(links.contains(&"When it happened".to_owned()), "{links:?}");
    assert!(page.contains("<a href=\"#victim_mobile\">"));
    assert!(texts(&page, "#form-errors[autofocus]").len() == 1);
    // "30 minutes ago" comes back as the exact time it meant, shown with how long ago that was.
    let doc = scraper::Html::parse_document(&page);
    let at = scraper::Selector::parse("#money_left_at").unwrap();
    let kept = doc.select(&at).next().unwrap().value().attr("value").unwrap().to_owned();
    let meant = sahayak_domain::time::parse_when(&kept, chrono::Utc::now()).unwrap();
    let ago = chrono::Utc::now() - meant;
    assert!(ago >= chrono::TimeDelta::minutes(29) && ago <= chrono::TimeDelta::minutes(31), "{kept}");
    let echo = texts(&page, "#money_left_at-echo")[0].clone();
    assert!(echo.starts_with(&kept) && echo.contains("IST — 30 min ago"), "{echo}");
    assert!(texts(&page, "#incident_at-error").len() == 1, "unreadable words are refused beside the field");

    // Registered in Jodhpur, the next intake starts in Jodhpur.
    let mut good: Vec<(&str, &str)> = fields.iter().filter(|(k, _)| *k != "incident_at").copied().collect();
    good.extend([("channel", "walk_in"), ("victim_mobile", "98290 12345"), ("payment_channel", "")]);
    let (status, location, page) = b.post("/cases", &good).await;
    assert_eq!(status, 303, "{page}");
    assert!(location.unwrap().starts_with("/cases/JDH-"));
    let (_, form) = b.get("/cases/new?lang=en").await;
    let doc = scraper::Html::parse_document(&form);
    let chosen = scraper::Selector::parse("#district option[selected]").unwrap();
    assert_eq!(doc.select(&chosen).next().unwrap().value().attr("value"), Some("jodhpur"));
    assert_eq!(texts(&form, "#district-hint").len(), 1);
}

#[tokio::test]
async fn pages_go_compressed_name_the_centre_in_the_pages_language_and_link_1930() {
    let app = spawn_app(Db::Sqlite).await;
    let client = reqwest::Client::new();
    for (path, kind) in [("/static/app.css", "text/css"), ("/help?lang=hi", "text/html"), ("/api/v1/taxonomy", "json")]
    {
        let r = client.get(app.url(path)).header("accept-encoding", "br, gzip").send().await.unwrap();
        assert_eq!(r.headers()["content-encoding"], "br", "{path}");
        assert!(r.headers()["content-type"].to_str().unwrap().contains(kind), "{path}");
        let r = client.get(app.url(path)).header("accept-encoding", "gzip").send().await.unwrap();
        assert_eq!(r.headers()["content-encoding"], "gzip", "{path}");
    }
    // The centre's name in each language (the config's Hindi name), and 1930 to tap.
    let b = app.browser("counsellor.jaipur").await;
    let (_, hi) = b.get("/queue?lang=hi").await;
    assert_eq!(texts(&hi, "header .centre"), ["परीक्षण साइबर सहायता केंद्र"]);
    assert!(hi.contains("<a href=\"tel:1930\" class=\"tel\">1930</a>"));
    let (_, en) = b.get("/queue?lang=en").await;
    assert_eq!(texts(&en, "header .centre"), ["Test Cyber Support Centre"]);
    // A district's own centre, in Hindi where it has a Hindi name.
    app.add_user("state.admin", Role::StateAdmin, &[], Lang::En).await;
    let token = app.token("state.admin").await;
    let body = json!({"centre_name": "Cyber Support Centre, Jodhpur", "centre_name_hi": "साइबर सहायता केंद्र, जोधपुर",
        "centre_address": "Police Lines, Jodhpur", "centre_phone": "0291-2650000", "holidays": []});
    let (s, d) = app.api(Method::PUT, &token, "/api/v1/districts/jodhpur", Some(body)).await;
    assert_eq!(s, 200, "{d}");
    app.state.forget_districts();
    let (_, help) = b.get("/help?lang=hi&district=jodhpur").await;
    assert!(help.contains("साइबर सहायता केंद्र, जोधपुर"), "the district's Hindi name");
    assert!(help.contains("href=\"tel:0291-2650000\""));
    let (_, help) = b.get("/help?lang=en&district=jodhpur").await;
    assert!(help.contains("Cyber Support Centre, Jodhpur"));
}

/// Data behind every page: a golden-hour case with an identifier, evidence and a ring, an
/// awareness programme, the seeded directory. Returns the pages to visit (staff, then public).
async fn every_page(app: &TestApp, token: &str) -> (Vec<String>, Vec<String>) {
    let case = app.create_case(token, json!({"money_left": "yes", "money_left_at": ist_minutes_ago(20)})).await;
    let other = app.create_case(token, json!({"district": "jodhpur"})).await;
    let (id, reference) = (case["id"].as_i64().unwrap(), case["reference"].as_str().unwrap().to_owned());
    for c in [&case, &other] {
        let path = format!("/api/v1/cases/{}/identifiers", c["id"]);
        app.api(Method::POST, token, &path, Some(json!({"identifiers": [{"value": "bank.kyc@okaxis"}]}))).await;
    }
    let form = reqwest::multipart::Form::new()
        .text("description", "UPI screenshot")
        .part("file", reqwest::multipart::Part::bytes(b"a bank statement".to_vec()).file_name("statement.txt"));
    let r = TestApp::http()
        .post(app.url(&format!("/api/v1/cases/{id}/evidence")))
        .bearer_auth(token)
        .multipart(form)
        .send()
        .await
        .unwrap();
    let evidence: Value = r.json().await.unwrap();
    let item = evidence["items"][0]["id"].as_i64();
    let (_, rings) = app.api(Method::GET, token, "/api/v1/rings", None).await;
    let ring = rings.as_array().and_then(|r| r.first()).map(|r| r["id"].to_string()).unwrap_or_default();
    let (_, inst) = app
        .api(
            Method::POST,
            token,
            "/api/v1/awareness/institutions",
            Some(json!({"district": "jaipur", "name": "Govt. School, Bapu Nagar", "kind": "school"})),
        )
        .await;
    let (_, prog) = app
        .api(
            Method::POST,
            token,
            "/api/v1/awareness/programmes",
            Some(json!({"institution_id": inst["id"], "starts_at": "2099-01-15T11:00", "venue": "Hall",
                "audience": ["students"], "language": "hi", "topics": ["otp_never_share"], "use_quiz": true})),
        )
        .await;
    let (_, stations) = app.api(Method::GET, token, "/api/v1/districts/jaipur/stations", None).await;
    let station = stations.as_array().and_then(|s| s.first()).map(|s| s["id"].to_string()).unwrap_or_default();
    let (_, contacts) = app.api(Method::GET, token, "/api/v1/districts/jaipur/legal-aid", None).await;
    let contact = contacts.as_array().and_then(|s| s.first()).map(|s| s["id"].to_string()).unwrap_or_default();
    let (_, tips) = app.api(Method::GET, token, "/api/v1/districts/jaipur/tips", None).await;
    let tip = tips.as_array().and_then(|s| s.first()).map(|s| s["id"].to_string()).unwrap_or_default();
    // A person of the district, and a link with which they would set their password.
    let person = app.state.store.user_for_login("counsellor.jaipur").await.unwrap().unwrap().0.id;
    let link_token = "desk-walk-link-token";
    let hash = sahayak::web::session::token_hash(link_token);
    app.state.store.create_sign_in_link(&hash, Some(person), "password", None, 3_600_000).await.unwrap();
    let mut staff = vec![
        "/queue".to_owned(),
        "/cases".into(),
        "/cases?q=%E0%A4%A0%E0%A4%97%E0%A5%80".into(),
        "/cases/new".into(),
        format!("/cases/{reference}"),
        format!("/cases/{reference}/edit"),
        format!("/cases/{reference}/plan/sheet"),
        format!("/cases/{reference}/evidence/new"),
        format!("/cases/{reference}/evidence/verify"),
        "/identifiers".into(),
        "/identifiers?q=bank.kyc%40okaxis".into(),
        "/rings".into(),
        format!("/rings/{ring}"),
        "/dashboard".into(),
        "/awareness".into(),
        "/awareness/institutions".into(),
        "/awareness/institutions/new".into(),
        format!("/awareness/institutions/{}", inst["id"]),
        format!("/awareness/programmes/new?institution={}", inst["id"]),
        format!("/awareness/programmes/{}", prog["id"]),
        format!("/awareness/programmes/{}?edit=1", prog["id"]),
        "/admin/districts".into(),
        "/admin/districts/new".into(),
        "/admin/districts/jaipur".into(),
        "/admin/districts/jaipur/stations".into(),
        format!("/admin/districts/jaipur/stations/{station}"),
        "/admin/districts/jaipur/legal-aid".into(),
        format!("/admin/districts/jaipur/legal-aid/{contact}"),
        "/admin/districts/jaipur/tips".into(),
        format!("/admin/districts/jaipur/tips/{tip}"),
        "/admin/staff".into(),
        format!("/admin/staff/{person}"),
        "/privacy/export".into(),
        "/account".into(),
        "/account/totp".into(),
    ];
    if let Some(item) = item {
        staff.push(format!("/cases/{reference}/evidence/{item}"));
    }
    // Every paper's page (its options and the link to the PDF).
    staff.extend(crate::documents::KINDS.iter().map(|kind| format!("/cases/{reference}/documents/{kind}")));
    let public = vec![
        "/login".to_owned(),
        "/help".into(),
        "/help?what=upi_qr&money=yes&when=hour".into(),
        "/track".into(),
        format!("/password/new?token={link_token}"),
        prog["feedback_path"].as_str().unwrap_or("/feedback/none").to_owned(),
        format!("{}?stage=before", prog["feedback_path"].as_str().unwrap_or("/feedback/none")),
    ];
    (staff, public)
}

/// The victim's own case page as the server sends it (for the Nu checker).
async fn victim_page(app: &TestApp, reference: &str, code: &str, lang: &str) -> String {
    let client = reqwest::Client::builder().cookie_store(true).build().unwrap();
    let form = client.get(app.url(&format!("/track?lang={lang}"))).send().await.unwrap().text().await.unwrap();
    let csrf = csrf_of(&form);
    let r = client
        .post(app.url("/track"))
        .form(&[("reference", reference), ("code", code), ("csrf", &csrf), ("lang", lang)])
        .send()
        .await
        .unwrap();
    assert!(r.url().path().starts_with("/track/case"), "{}", r.url());
    r.text().await.unwrap()
}

/// What is wrong with the page the browser shows: wider than the screen, axe violations.
async fn check_page(c: &Client, axe_js: &str, name: &str) -> Vec<String> {
    let mut problems = Vec::new();
    let widths = c
        .execute(
            "return [document.documentElement.scrollWidth, window.innerWidth,
                Array.from(document.querySelectorAll('body *'))
                  .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1)
                  .slice(0, 3).map(e => e.tagName + '.' + e.className + '#' + e.id)]",
            vec![],
        )
        .await
        .unwrap();
    if widths[0].as_f64() > widths[1].as_f64() {
        problems.push(format!("{name}: {} px wide on a {} px screen: {}", widths[0], widths[1], widths[2]));
    }
    for v in axe(c, axe_js).await {
        problems.push(format!("{name}: axe {v}"));
    }
    problems
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_page_fits_a_phone_and_passes_axe_and_the_nu_checker_in_both_languages() {
    let Some((chromium, driver, axe_js)) = tools() else { return };
    let jar = vnu();
    let app = spawn_app(Db::Sqlite).await;
    app.add_user("state.admin", Role::StateAdmin, &[], Lang::En).await;
    let token = app.token("state.admin").await;
    let (staff, public) = every_page(&app, &token).await;
    // The victim's own case page needs a code.
    let case = app.create_case(&token, json!({})).await;
    let path = format!("/api/v1/cases/{}/victim-code", case["id"]);
    let code = app.api(Method::POST, &token, &path, None).await.1["code"].as_str().unwrap().to_owned();
    let reference = case["reference"].as_str().unwrap().to_owned();

    let raw = app.browser("state.admin").await;
    let (_driver, c) = start_browser_at(&chromium, &driver, (360, 780)).await;
    let mut problems = Vec::new();
    let mut html = Vec::new();
    let result = async {
        c.goto(&app.url("/login")).await?;
        let width = c.execute("return window.innerWidth", vec![]).await?;
        assert_eq!(width, json!(360), "the window is a 360 px phone");
        for lang in ["hi", "en"] {
            let with_lang = |p: &str| format!("{p}{}lang={lang}", if p.contains('?') { '&' } else { '?' });
            for p in &public {
                c.goto(&app.url(&with_lang(p))).await?;
                problems.extend(check_page(&c, &axe_js, &with_lang(p)).await);
                let body = TestApp::http().get(app.url(&with_lang(p))).send().await.unwrap().text().await.unwrap();
                html.push((with_lang(p), body));
            }
            // The victim's page: reference and code, as the victim types them.
            c.goto(&app.url(&with_lang("/track"))).await?;
            c.find(Locator::Id("reference")).await?.send_keys(&reference).await?;
            c.find(Locator::Id("code")).await?.send_keys(&format!("{code}{ENTER}")).await?;
            c.wait().for_element(Locator::Css("form[action='/track/case/info']")).await?;
            problems.extend(check_page(&c, &axe_js, &format!("/track/case ({lang})")).await);
            html.push((format!("/track/case ({lang})"), victim_page(&app, &reference, &code, lang).await));
            c.delete_all_cookies().await?;
        }
        c.goto(&app.url("/login")).await?;
        c.find(Locator::Id("username")).await?.send_keys("state.admin").await?;
        c.find(Locator::Id("password")).await?.send_keys(&format!("{PASSWORD}{ENTER}")).await?;
        c.wait().for_element(Locator::Css("main h1")).await?;
        for lang in ["hi", "en"] {
            let with_lang = |p: &str| format!("{p}{}lang={lang}", if p.contains('?') { '&' } else { '?' });
            for p in &staff {
                c.goto(&app.url(&with_lang(p))).await?;
                problems.extend(check_page(&c, &axe_js, &with_lang(p)).await);
                let (status, body) = raw.get(&with_lang(p)).await;
                assert_eq!(status, 200, "{p}");
                html.push((with_lang(p), body));
            }
            // A page that is not there.
            let missing = with_lang("/cases/JPR-2099-999999");
            c.goto(&app.url(&missing)).await?;
            problems.extend(check_page(&c, &axe_js, &missing).await);
            let (status, body) = raw.get(&missing).await;
            assert_eq!(status, 404);
            html.push((missing, body));
            // The intake form sent empty: its error summary.
            c.goto(&app.url(&with_lang("/cases/new"))).await?;
            c.find(Locator::Css("form.case-form .actions button[type=submit]")).await?.click().await?;
            c.wait().for_element(Locator::Id("form-errors")).await?;
            let name = format!("/cases/new with errors ({lang})");
            problems.extend(check_page(&c, &axe_js, &name).await);
            let csrf = raw.csrf("/cases/new").await;
            let (status, _, body) = raw.post(&with_lang("/cases"), &[("csrf", csrf.as_str())]).await;
            assert_eq!(status, 422);
            html.push((name, body));
        }
        Ok::<(), fantoccini::error::CmdError>(())
    }
    .await;
    if result.is_err() {
        let url = c.current_url().await.map(|u| u.to_string()).unwrap_or_default();
        eprintln!("page walk stopped at {url}");
    }
    let _ = c.close().await;
    result.expect("page walk");
    if let Some(jar) = jar {
        problems.extend(nu_errors(&jar, &html));
    }
    assert!(html.len() > 2 * 30, "{} pages checked", html.len());
    assert_eq!(problems, Vec::<String>::new());
}
