//! Sign-in security (throttling, two-step sign-in, signing out everywhere), retention and
//! erasure, and the data-principal export.

use reqwest::Method;
use reqwest::multipart::{Form, Part};
use sahayak::auth::totp;
use sahayak_domain::access::Role;
use sahayak_domain::case::Lang;
use serde_json::{Value, json};

use crate::helpers::{Db, PASSWORD, TestApp, backends, csrf_of, spawn_app, spawn_app_with, texts};

fn cookie_client() -> reqwest::Client {
    reqwest::Client::builder().cookie_store(true).redirect(reqwest::redirect::Policy::none()).build().unwrap()
}

/// Posts the sign-in form as a browser does; returns the status and the page.
async fn sign_in(app: &TestApp, client: &reqwest::Client, user: &str, password: &str) -> (u16, String) {
    let page = client.get(app.url("/login")).send().await.unwrap().text().await.unwrap();
    let csrf = csrf_of(&page);
    let r = client
        .post(app.url("/login"))
        .form(&[("username", user), ("password", password), ("csrf", csrf.as_str()), ("next", "/cases")])
        .send()
        .await
        .unwrap();
    (r.status().as_u16(), r.text().await.unwrap())
}

async fn api_login(app: &TestApp, body: Value) -> (u16, Option<String>, Value) {
    let r = TestApp::http().post(app.url("/api/v1/auth/login?lang=en")).json(&body).send().await.unwrap();
    let retry = r.headers().get("retry-after").map(|v| v.to_str().unwrap().to_owned());
    (r.status().as_u16(), retry, r.json().await.unwrap_or(Value::Null))
}

async fn sql(app: &TestApp, statement: &str) {
    sahayak::store::testing::execute(&app.state.store, statement).await.unwrap();
}

#[tokio::test]
async fn sign_in_is_paused_after_repeated_failures_per_account_and_per_address() {
    let app = spawn_app_with(Db::Sqlite, |c| {
        c.sign_in.account_failures = 3;
        c.sign_in.address_failures = 5;
    })
    .await;
    let client = cookie_client();
    for _ in 0..3 {
        assert_eq!(sign_in(&app, &client, "counsellor.jaipur", "wrong").await.0, 401);
    }
    // The fourth try is refused before the password is even checked: the right one too.
    let (status, page) = sign_in(&app, &client, "counsellor.jaipur", PASSWORD).await;
    assert_eq!(status, 429);
    let alert = texts(&page, "[role=alert]").join(" ");
    assert!(alert.contains("15 मिनट बाद फिर कोशिश करें"), "{alert}");
    let (status, retry, problem) =
        api_login(&app, json!({"username": "counsellor.jaipur", "password": PASSWORD})).await;
    assert_eq!((status, problem["type"].as_str()), (429, Some("error-throttled")));
    let retry: i64 = retry.expect("Retry-After").parse().unwrap();
    assert!((850..=900).contains(&retry), "{retry}");

    // Another account from the same address still gets in, and a good sign-in does not clear
    // the address's count: two more failures (five in all) close the address to everyone.
    assert_eq!(sign_in(&app, &cookie_client(), "supervisor", PASSWORD).await.0, 303);
    assert_eq!(sign_in(&app, &cookie_client(), "auditor.jaipur", "wrong").await.0, 401);
    assert_eq!(sign_in(&app, &cookie_client(), "nobody", "wrong").await.0, 401);
    assert_eq!(sign_in(&app, &cookie_client(), "supervisor", PASSWORD).await.0, 429);

    // When the window has passed (failures aged in the database), sign-in works again.
    sql(&app, "UPDATE throttle_counts SET window_start = window_start - 16 * 60000").await;
    assert_eq!(sign_in(&app, &cookie_client(), "counsellor.jaipur", PASSWORD).await.0, 303);
    let logged: Vec<(String,)> = sqlx::query_as("SELECT action FROM audit_log WHERE action = 'login.throttled'")
        .fetch_all(pool(&app))
        .await
        .unwrap();
    assert!(logged.len() >= 3, "throttled attempts are audited");
}

fn pool(app: &TestApp) -> &sqlx::AnyPool {
    sahayak::store::testing::pool(&app.state.store)
}

fn now_step() -> i64 {
    totp::step_of(chrono::Utc::now().timestamp())
}

/// The code the authenticator app shows at time step `step`.
fn code(secret: &str, step: i64) -> String {
    totp::code_at(&totp::base32_decode(secret).unwrap(), step)
}

#[tokio::test]
async fn two_step_sign_in_with_an_authenticator_app() {
    for db in backends() {
        let app = spawn_app(db).await;
        let jaipur = app.state.store.district_by_code("jaipur").await.unwrap().unwrap().id;
        app.add_user("admin.jaipur", Role::Admin, &[jaipur], Lang::En).await;
        let b = app.browser("admin.jaipur").await;
        let (_, account) = b.get("/account").await;
        assert!(account.contains("please turn on two-step sign-in"), "admins are advised to");

        // Set-up: a QR code and the key; nothing is saved until a code from it comes back.
        let (status, setup) = b.get("/account/totp").await;
        assert_eq!(status, 200);
        assert!(setup.contains("<svg"), "QR code inline");
        let doc = scraper::Html::parse_document(&setup);
        let sel = scraper::Selector::parse("input[name=secret]").unwrap();
        let secret = doc.select(&sel).next().unwrap().value().attr("value").unwrap().to_owned();
        let csrf = csrf_of(&setup);
        let (status, _, page) =
            b.post("/account/totp", &[("csrf", &csrf), ("secret", &secret), ("code", "000000")]).await;
        assert_eq!(status, 422, "a wrong code does not turn it on");
        assert!(page.contains(&secret), "the same key is offered again");
        assert!(app.state.store.totp_secret(user_id(&app, "admin.jaipur").await).await.unwrap().is_none());
        // Codes are named by their time step, fixed here, so the test holds across a step's end.
        let s0 = now_step();
        let (status, to, _) =
            b.post("/account/totp", &[("csrf", &csrf), ("secret", &secret), ("code", &code(&secret, s0))]).await;
        assert_eq!((status, to.as_deref()), (303, Some("/account?done=totp-on")));
        // Stored encrypted: the raw column is not the key.
        let raw: (String,) = sqlx::query_as("SELECT totp_secret FROM users WHERE username = 'admin.jaipur'")
            .fetch_one(pool(&app))
            .await
            .unwrap();
        assert!(!raw.0.contains(&secret));

        // Signing in now takes a code: no session after the password alone.
        let client = cookie_client();
        let (status, page) = sign_in(&app, &client, "admin.jaipur", PASSWORD).await;
        assert_eq!(status, 200);
        assert_eq!(texts(&page, "h1"), ["अपना कोड डालें"], "the sign-in page's language");
        let r = client.get(app.url("/cases")).send().await.unwrap();
        assert_eq!(r.status(), 303, "not signed in yet");
        let csrf = csrf_of(&page);
        let post_code = |c: String| {
            let (client, csrf, url) = (client.clone(), csrf.clone(), app.url("/login/code"));
            async move {
                let r = client.post(url).form(&[("csrf", csrf), ("code", c), ("next", "/cases".into())]).send().await;
                let r = r.unwrap();
                (r.status().as_u16(), r.text().await.unwrap())
            }
        };
        let (status, page) = post_code("123456".into()).await;
        assert_eq!(status, 401);
        assert!(texts(&page, "[role=alert]")[0].contains("यह कोड सही नहीं है"));
        // The code used to turn it on cannot be used again (replay); the next one works.
        assert_eq!(post_code(code(&secret, s0)).await.0, 401);
        assert_eq!(post_code(code(&secret, s0 + 1)).await.0, 303);
        assert_eq!(client.get(app.url("/cases")).send().await.unwrap().status(), 200);

        // The API asks for the code too.
        let creds = json!({"username": "admin.jaipur", "password": PASSWORD});
        let (status, _, problem) = api_login(&app, creds.clone()).await;
        assert_eq!((status, problem["errors"][0]["code"].as_str()), (422, Some("error-code-required")));
        let mut with_code = creds.clone();
        with_code["code"] = json!(code(&secret, s0 + 1));
        assert_eq!(api_login(&app, with_code.clone()).await.0, 401, "replayed");
        sql(&app, "UPDATE users SET totp_last_step = NULL").await;
        assert_eq!(api_login(&app, with_code).await.0, 200);

        // Turning it off needs a current code.
        sql(&app, "UPDATE users SET totp_last_step = NULL").await;
        let b2 = Browser2 { client };
        let csrf = csrf_of(&b2.get(&app, "/account").await);
        let (status, _) = b2.post(&app, "/account/totp/off", &[("csrf", &csrf), ("code", "999999")]).await;
        assert_eq!(status, 422);
        let current = code(&secret, now_step());
        let (status, _) = b2.post(&app, "/account/totp/off", &[("csrf", &csrf), ("code", &current)]).await;
        assert_eq!(status, 303);
        assert_eq!(sign_in(&app, &cookie_client(), "admin.jaipur", PASSWORD).await.0, 303, "password alone again");
    }
}

struct Browser2 {
    client: reqwest::Client,
}

impl Browser2 {
    async fn get(&self, app: &TestApp, path: &str) -> String {
        self.client.get(app.url(path)).send().await.unwrap().text().await.unwrap()
    }

    async fn post(&self, app: &TestApp, path: &str, form: &[(&str, &str)]) -> (u16, String) {
        let r = self.client.post(app.url(path)).form(form).send().await.unwrap();
        (r.status().as_u16(), r.text().await.unwrap())
    }
}

async fn user_id(app: &TestApp, name: &str) -> i64 {
    app.state.store.user_for_login(name).await.unwrap().unwrap().0.id
}

#[tokio::test]
async fn signing_out_everywhere_ends_every_browser_and_token() {
    let app = spawn_app(Db::Sqlite).await;
    let a = app.browser("counsellor.jaipur").await;
    let b = app.browser("counsellor.jaipur").await;
    let token = app.token("counsellor.jaipur").await;
    let other = app.browser("supervisor").await;
    let (_, account) = a.get("/account").await;
    assert_eq!(texts(&account, "#sessions tbody tr").len(), 3, "two browsers and a token");
    let csrf = csrf_of(&account);
    let (status, to, _) = a.post("/account/sessions/end", &[("csrf", &csrf)]).await;
    assert_eq!((status, to.as_deref()), (303, Some("/login")));
    assert_eq!(a.get("/cases").await.0, 303);
    assert_eq!(b.get("/cases").await.0, 303);
    assert_eq!(app.api(Method::GET, &token, "/api/v1/cases", None).await.0, 401);
    assert_eq!(other.get("/cases").await.0, 200, "other people stay signed in");
}

async fn close(app: &TestApp, token: &str, id: i64) {
    let (s, v) = app
        .api(
            Method::POST,
            token,
            &format!("/api/v1/cases/{id}/status"),
            Some(json!({"status": "closed", "closure_reason": "resolved"})),
        )
        .await;
    assert_eq!(s, 200, "{v}");
}

async fn search(app: &TestApp, token: &str, q: &str) -> Vec<String> {
    let path = format!("/api/v1/cases?q={}", urlencode(q));
    let (s, v) = app.api(Method::GET, token, &path, None).await;
    assert_eq!(s, 200, "{v}");
    v["items"].as_array().unwrap().iter().map(|c| c["reference"].as_str().unwrap().to_owned()).collect()
}

fn urlencode(s: &str) -> String {
    serde_urlencoded::to_string([("", s)]).unwrap()[1..].to_owned()
}

#[tokio::test]
async fn erasure_removes_personal_data_after_retention_and_keeps_anonymous_facts() {
    for db in backends() {
        let app = spawn_app_with(db, |c| {
            c.retention.reporting_assistance = 30;
            c.retention.counselling = 365;
        })
        .await;
        let token = app.token("supervisor").await;
        let make = |mobile: &'static str, word: &'static str| {
            let app = &app;
            let token = token.clone();
            async move {
                let narrative =
                    format!("{word}: a caller said the electricity bill was unpaid and took ₹15,000 by UPI");
                let case = app
                    .create_case(
                        &token,
                        json!({"victim_mobile": mobile, "narrative": narrative, "victim_address": "12 Gopalpura, Jaipur"}),
                    )
                    .await;
                case["id"].as_i64().unwrap()
            }
        };
        let expired = make("98290 11111", "xylophone").await;
        let counselled = make("98290 22222", "quartzite").await;
        let held = make("98290 33333", "marigold").await;
        let open = make("98290 44444", "tamarind").await;
        // Evidence on the expiring case, and the same file on a live one: it must stay stored.
        let shared = b"screenshot of the UPI debit".to_vec();
        for id in [expired, open] {
            let form = Form::new().part("file", Part::bytes(shared.clone()).file_name("debit.png"));
            let r = TestApp::http()
                .post(app.url(&format!("/api/v1/cases/{id}/evidence")))
                .bearer_auth(&token)
                .multipart(form)
                .send()
                .await
                .unwrap();
            assert_eq!(r.status(), 201);
        }
        let only = b"the fraudster's chat".to_vec();
        let form = Form::new().part("file", Part::bytes(only.clone()).file_name("chat.txt"));
        let r = TestApp::http()
            .post(app.url(&format!("/api/v1/cases/{expired}/evidence")))
            .bearer_auth(&token)
            .multipart(form)
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 201);
        let (s, _) = app
            .api(
                Method::POST,
                &token,
                &format!("/api/v1/cases/{counselled}/consents"),
                Some(json!({"purpose": "counselling", "given": true})),
            )
            .await;
        assert_eq!(s, 200);
        for id in [expired, counselled, held] {
            close(&app, &token, id).await;
        }
        // A legal hold through the case page.
        let b = app.browser("supervisor").await;
        let held_ref = app.state.store.case(held).await.unwrap().reference;
        let csrf = b.csrf(&format!("/cases/{held_ref}")).await;
        let (s, _, _) =
            b.post(&format!("/cases/{held_ref}/legal-hold"), &[("csrf", &csrf), ("hold", "1"), ("reason", "")]).await;
        assert_eq!(s, 422, "a hold needs its reason");
        let (s, _, _) = b
            .post(
                &format!("/cases/{held_ref}/legal-hold"),
                &[("csrf", &csrf), ("hold", "1"), ("reason", "Trial at ACJM court")],
            )
            .await;
        assert_eq!(s, 303);
        let counsellor = app.browser("counsellor.jaipur").await;
        let (s, _, _) = counsellor
            .post(
                &format!("/cases/{held_ref}/legal-hold"),
                &[("csrf", &counsellor.csrf("/cases").await), ("hold", "0")],
            )
            .await;
        assert_eq!(s, 403, "counsellors cannot release holds");

        // Forty days after closure.
        let day = 86_400_000i64;
        sql(&app, &format!("UPDATE cases SET closed_at = closed_at - {}", 40 * day)).await;
        let now = app.state.now_millis();
        let dry = sahayak::privacy::retention::run(&app.state, now, true).await.unwrap();
        assert_eq!((dry.checked, dry.erased), (2, 1), "held cases are not even candidates");
        assert!(search(&app, &token, "xylophone").await.len() == 1, "a dry run changes nothing");
        let report = sahayak::privacy::retention::run(&app.state, now, false).await.unwrap();
        assert_eq!((report.erased, report.files_deleted), (1, 1), "{report:?}");

        // Gone: the name, number, address, story; not found by words or by the number.
        let (_, case) = app.api(Method::GET, &token, &format!("/api/v1/cases/{expired}"), None).await;
        assert_eq!(case["victim_name"], "");
        assert_eq!(case["victim_mobile"], "");
        assert_eq!(case["narrative"], "");
        assert!(case["victim_address"].is_null());
        assert!(search(&app, &token, "xylophone").await.is_empty());
        assert!(search(&app, &token, "98290 11111").await.is_empty());
        // Kept: the anonymous facts for statistics.
        assert_eq!(case["category"], "Online Financial Fraud");
        assert_eq!(case["amount_lost_paise"], 1_500_000);
        assert_eq!(case["status"], "closed");
        // The others are untouched.
        for (id, word) in [(counselled, "quartzite"), (held, "marigold"), (open, "tamarind")] {
            assert_eq!(search(&app, &token, word).await.len(), 1, "{id}");
        }
        // The file only the erased case had is deleted; the shared one stays; the records verify.
        let stored = |data: &[u8]| {
            let sha = hex::encode(<sha2::Sha256 as sha2::Digest>::digest(data));
            app.state.config.data_dir.join("evidence/blobs").join(&sha[..2]).join(&sha[2..4]).join(sha).exists()
        };
        assert!(!stored(&only));
        assert!(stored(&shared));
        let (s, v) = app.api(Method::GET, &token, &format!("/api/v1/cases/{expired}/evidence/verify"), None).await;
        assert_eq!(s, 200);
        assert_eq!(v["ok"], true, "erased files are expected to be gone: {v}");
        // Editing an erased case is refused with a reason; running again erases nothing more.
        let (s, problem) = app
            .api(Method::PATCH, &token, &format!("/api/v1/cases/{expired}"), Some(json!({"victim_name": "X"})))
            .await;
        assert_eq!((s, problem["type"].as_str()), (400, Some("retention-erased-no-edit")));
        let again = sahayak::privacy::retention::run(&app.state, now, false).await.unwrap();
        assert_eq!((again.erased, again.files_deleted), (0, 0));
        let (_, page) = b.get(&format!("/cases/{}", app.state.store.case(expired).await.unwrap().reference)).await;
        assert!(page.contains("personal data was erased"), "the case page says so");
        // The raw database holds neither the name nor the story.
        let raw: (String, String) = sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "SELECT victim_name, narrative FROM cases WHERE id = {expired}"
        )))
        .fetch_one(pool(&app))
        .await
        .unwrap();
        assert_eq!(raw, (String::new(), String::new()));
    }
}

#[tokio::test]
async fn a_person_gets_everything_held_about_them_in_the_centres_districts() {
    let app = spawn_app(Db::Sqlite).await;
    let jaipur = app.state.store.district_by_code("jaipur").await.unwrap().unwrap().id;
    app.add_user("supervisor.jaipur", Role::Supervisor, &[jaipur], Lang::En).await;
    let token = app.token("supervisor").await;
    let first = app.create_case(&token, json!({"victim_mobile": "+91 98290 55555", "victim_name": "Asha Verma"})).await;
    let second = app.create_case(&token, json!({"victim_mobile": "9829055555", "victim_name": "Asha Verma"})).await;
    let jodhpur = app
        .create_case(&token, json!({"victim_mobile": "098290 55555", "district": "jodhpur", "victim_name": "Asha V."}))
        .await;
    app.create_case(&token, json!({"victim_mobile": "98290 66666"})).await;

    let own = app.token("supervisor.jaipur").await;
    let (s, doc) = app.api(Method::POST, &own, "/api/v1/privacy/export", Some(json!({"mobile": "98290-55555"}))).await;
    assert_eq!(s, 200, "{doc}");
    let refs: Vec<&str> = doc["cases"].as_array().unwrap().iter().map(|c| c["reference"].as_str().unwrap()).collect();
    assert_eq!(refs, [first["reference"].as_str().unwrap(), second["reference"].as_str().unwrap()]);
    assert!(!refs.contains(&jodhpur["reference"].as_str().unwrap()), "not another district's case");
    assert_eq!(doc["mobile"], "+919829055555");
    assert_eq!(doc["cases"][0]["victim"]["name"], "Asha Verma");
    assert_eq!(doc["cases"][0]["victim"]["address"], Value::Null);
    assert!(!doc["cases"][0]["timeline"].as_array().unwrap().is_empty());

    let counsellor = app.token("counsellor.jaipur").await;
    let (s, _) =
        app.api(Method::POST, &counsellor, "/api/v1/privacy/export", Some(json!({"mobile": "9829055555"}))).await;
    assert_eq!(s, 403);
    let (s, p) = app.api(Method::POST, &own, "/api/v1/privacy/export", Some(json!({"mobile": "12"}))).await;
    assert_eq!((s, p["errors"][0]["field"].as_str()), (422, Some("mobile")));

    // The printable page and the file, from the UI; both audited per case.
    let b = app.browser("supervisor.jaipur").await;
    let csrf = b.csrf("/privacy/export").await;
    let (s, _, page) =
        b.post("/privacy/export", &[("csrf", &csrf), ("mobile", "9829055555"), ("format", "html")]).await;
    assert_eq!(s, 200);
    assert_eq!(texts(&page, "article h2").len(), 2);
    assert!(page.contains("Asha Verma") && page.contains("2 cases with this number"));
    let r = b
        .client
        .post(app.url("/privacy/export"))
        .form(&[("csrf", csrf.as_str()), ("mobile", "9829055555"), ("format", "json")])
        .send()
        .await
        .unwrap();
    assert!(r.headers()["content-disposition"].to_str().unwrap().starts_with("attachment"));
    let file: Value = r.json().await.unwrap();
    assert_eq!(file["cases"].as_array().unwrap().len(), 2);
    let exports: Vec<(String,)> = sqlx::query_as("SELECT subject FROM audit_log WHERE action = 'case.export'")
        .fetch_all(pool(&app))
        .await
        .unwrap();
    assert_eq!(exports.len(), 6, "two cases, three exports");
    let (s, _) = app.browser("counsellor.jaipur").await.get("/privacy/export").await;
    assert_eq!(s, 403);
}

#[tokio::test]
async fn sextortion_evidence_is_seen_only_by_the_assigned_worker_and_supervisors() {
    let app = spawn_app(Db::Sqlite).await;
    let jaipur = app.state.store.district_by_code("jaipur").await.unwrap().unwrap().id;
    app.add_user("desk.jaipur", Role::Counsellor, &[jaipur], Lang::En).await;
    app.add_user("admin.jaipur", Role::Admin, &[jaipur], Lang::En).await;
    let assigned = app.token("counsellor.jaipur").await;
    let desk = app.token("desk.jaipur").await;
    let case = app.create_case(&desk, json!({"scam_pattern": "sextortion"})).await;
    let id = case["id"].as_i64().unwrap();
    let me = user_id(&app, "counsellor.jaipur").await;
    let supervisor = app.token("supervisor").await;
    let path = format!("/api/v1/cases/{id}/assign");
    let (s, _) = app.api(Method::POST, &supervisor, &path, Some(json!({"assignee_id": me}))).await;
    assert_eq!(s, 200);

    // The front desk may still receive the victim's files...
    let form = Form::new().part("file", Part::bytes(crate::matrix::PNG.to_vec()).file_name("chat-screenshot.png"));
    let r = TestApp::http()
        .post(app.url(&format!("/api/v1/cases/{id}/evidence")))
        .bearer_auth(&desk)
        .multipart(form)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 201);
    let item = r.json::<Value>().await.unwrap();
    let item = item["items"][0]["id"].as_i64().unwrap();

    // ...but only the assigned worker and supervisors list, open, verify or export them.
    let admin = app.token("admin.jaipur").await;
    for path in [
        format!("/api/v1/cases/{id}/evidence"),
        format!("/api/v1/cases/{id}/evidence/{item}"),
        format!("/api/v1/cases/{id}/evidence/{item}/content"),
        format!("/api/v1/cases/{id}/evidence/verify"),
        format!("/api/v1/cases/{id}/evidence/bundle.zip"),
    ] {
        for (who, token, allowed) in [
            ("assigned", &assigned, true),
            ("supervisor", &supervisor, true),
            ("desk", &desk, false),
            ("admin", &admin, false),
        ] {
            let (s, _) = app.api(Method::GET, token, &path, None).await;
            assert_eq!(s == 200, allowed, "{who} {path}: {s}");
            if !allowed {
                assert_eq!(s, 403, "{who} {path}");
            }
        }
    }
    // The case page says why the list is not there, without naming a file.
    let reference = case["reference"].as_str().unwrap();
    let (_, page) = app.browser("desk.jaipur").await.get(&format!("/cases/{reference}")).await;
    assert!(page.contains("seen only by the staff member the case is assigned to"), "{page}");
    assert!(!page.contains("chat-screenshot.png"));
    let (_, page) = app.browser("counsellor.jaipur").await.get(&format!("/cases/{reference}")).await;
    assert!(page.contains("chat-screenshot.png"));
}

#[tokio::test]
async fn a_referral_needs_the_victims_consent_or_a_supervisors_reason() {
    for db in backends() {
        let app = spawn_app(db).await;
        let counsellor = app.token("counsellor.jaipur").await;
        let supervisor = app.token("supervisor").await;
        let refer = |token: String, id: i64, body: Value| {
            let app = &app;
            async move {
                let path = format!("/api/v1/cases/{id}/status");
                app.api(Method::POST, &token, &path, Some(body)).await
            }
        };
        let start = |id: i64| refer(counsellor.clone(), id, json!({"status": "in_progress"}));
        let a = app.create_case(&counsellor, json!({})).await["id"].as_i64().unwrap();
        start(a).await;
        let (s, p) = refer(counsellor.clone(), a, json!({"status": "referred"})).await;
        assert_eq!((s, p["errors"][0]["code"].as_str()), (422, Some("consent-missing")), "{db:?}: {p}");
        // A counsellor cannot override; a supervisor can, with a reason the audit log keeps.
        let (s, _) =
            refer(counsellor.clone(), a, json!({"status": "referred", "consent_override": "Victim unreachable"})).await;
        assert_eq!(s, 403, "{db:?}");
        let (s, case) =
            refer(supervisor.clone(), a, json!({"status": "referred", "consent_override": "Child at risk"})).await;
        assert_eq!((s, case["status"].as_str()), (200, Some("referred")), "{db:?}: {case}");
        let log = app.state.store.audit_for(&sahayak::privacy::audit::case_subject(a), 50).await.unwrap();
        assert!(log.iter().any(|(e, _)| e.action == "consent.override" && e.detail.contains("Child at risk")));

        // With consent to a referral (police or legal aid), the counsellor refers.
        let b = app.create_case(&counsellor, json!({})).await["id"].as_i64().unwrap();
        start(b).await;
        let consent = json!({"purpose": "referral_legal_aid", "given": true});
        let (s, _) = app.api(Method::POST, &counsellor, &format!("/api/v1/cases/{b}/consents"), Some(consent)).await;
        assert!(s < 300, "{db:?}");
        let (s, _) = refer(counsellor.clone(), b, json!({"status": "referred"})).await;
        assert_eq!(s, 200, "{db:?}");
    }
}
