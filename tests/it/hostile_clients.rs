//! Hostile clients (issue 17): parallel bursts against the throttles, a client that writes its
//! own X-Forwarded-For, caching headers, JSON that is not what the document says, and two
//! servers started at once on an empty database.

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};

use futures_util::future::join_all;
use reqwest::Method;
use serde_json::{Value, json};

use crate::helpers::{Db, PASSWORD, TestApp, backends, spawn_app, spawn_app_with};

async fn api_login(app: &TestApp, user: &str, password: &str, forwarded: Option<&str>) -> u16 {
    let mut req =
        TestApp::http().post(app.url("/api/v1/auth/login")).json(&json!({"username": user, "password": password}));
    if let Some(f) = forwarded {
        req = req.header("x-forwarded-for", f);
    }
    req.send().await.unwrap().status().as_u16()
}

async fn audit_count(app: &TestApp, action: &str) -> i64 {
    sqlx::query_scalar("SELECT COUNT(*) FROM audit_log WHERE action = $1")
        .bind(action)
        .fetch_one(sahayak::store::testing::pool(&app.state.store))
        .await
        .unwrap()
}

/// Finding 3: 100 wrong passwords for one account at once. The attempt is counted before the
/// password is checked, so no more than the limit are ever evaluated, and the right password
/// afterwards is refused too.
#[tokio::test]
async fn a_hundred_parallel_wrong_passwords_get_no_more_than_the_limit_evaluated() {
    for db in backends() {
        let app = spawn_app_with(db, |c| c.sign_in.address_failures = 1_000).await;
        let limit = app.state.config.sign_in.account_failures;
        let passwords: Vec<String> = (0..100).map(|i| format!("wrong {i}")).collect();
        let statuses = join_all(passwords.iter().map(|p| api_login(&app, "counsellor.jaipur", p, None))).await;
        let evaluated = statuses.iter().filter(|s| **s == 401).count() as i64;
        let refused = statuses.iter().filter(|s| **s == 429).count() as i64;
        assert_eq!(evaluated + refused, 100, "{db:?}: only 401 or 429: {statuses:?}");
        assert!(evaluated <= limit, "{db:?}: {evaluated} wrong passwords evaluated, limit {limit}");
        assert!(evaluated >= 1, "{db:?}");
        assert!(audit_count(&app, "login.failed").await <= limit, "{db:?}");
        assert_eq!(api_login(&app, "counsellor.jaipur", PASSWORD, None).await, 429, "{db:?}");
        // Another account is not held up by it.
        assert_eq!(api_login(&app, "supervisor", PASSWORD, None).await, 200, "{db:?}");
    }
}

/// Finding 3, victims' codes: 40 guesses at once, spread over eight spellings of one
/// reference (`JPR-2026-1`, `jpr 2026 000000001`, ...). The throttle keys on the case, so no
/// more than the limit are evaluated, whatever the spelling.
#[tokio::test]
async fn parallel_code_guesses_under_every_spelling_of_a_reference_share_one_limit() {
    for db in backends() {
        let app = spawn_app_with(db, |c| c.sign_in.address_failures = 1_000).await;
        let limit = app.state.config.sign_in.account_failures;
        let token = app.token("counsellor.jaipur").await;
        let case = app.create_case(&token, json!({})).await;
        let id = case["id"].as_i64().unwrap();
        let (s, _) = app.api(Method::POST, &token, &format!("/api/v1/cases/{id}/victim-code"), None).await;
        assert!(s < 300);
        let reference = case["reference"].as_str().unwrap();
        let mut parts = reference.split('-');
        let (prefix, year, seq) = (parts.next().unwrap(), parts.next().unwrap(), parts.next().unwrap());
        let seq: u64 = seq.parse().unwrap();
        let spellings = [
            format!("{prefix}-{year}-{seq}"),
            format!("{prefix}-{year}-{seq:06}"),
            format!("{prefix}-{year}-{seq:09}"),
            format!("{prefix}  {year}-{seq:08}"),
            format!("{} {year} {seq}", prefix.to_lowercase()),
            format!("{}-{year}-{seq:03}", prefix.to_lowercase()),
            format!("{prefix}/{year}/{seq}"),
            format!(" {prefix}-{year}-{seq:07} "),
        ];
        let url = app.url("/api/v1/track");
        let guesses = (0..40).map(|i| {
            let body = json!({"reference": spellings[i % spellings.len()], "code": format!("WRNG-CODE-{i:04}")});
            let url = url.clone();
            async move { TestApp::http().post(url).json(&body).send().await.unwrap().status().as_u16() }
        });
        let statuses = join_all(guesses).await;
        let evaluated = statuses.iter().filter(|s| **s != 429).count() as i64;
        assert!(statuses.iter().all(|s| matches!(s, 404 | 401 | 429)), "{db:?}: {statuses:?}");
        assert!(evaluated <= limit, "{db:?}: {evaluated} guesses evaluated, limit {limit}: {statuses:?}");
        assert!(audit_count(&app, "case.victim_denied").await <= limit, "{db:?}");
    }
}

/// Finding 3, the public feedback form: a burst from one address gets no more than its limit.
#[tokio::test]
async fn a_burst_of_feedback_sheets_is_held_to_the_limit() {
    let app = spawn_app(Db::Sqlite).await;
    let token = app.token("counsellor.jaipur").await;
    let institution = json!({"district": "jaipur", "name": "Govt. School, Bapu Nagar", "kind": "school"});
    let (s, inst) = app.api(Method::POST, &token, "/api/v1/awareness/institutions", Some(institution)).await;
    assert_eq!(s, 201, "{inst}");
    let programme = json!({"institution_id": inst["id"], "starts_at": "2099-01-15T11:00", "venue": "Hall",
        "audience": ["students"], "language": "hi", "speakers": "Anita Sharma", "topics": ["otp_never_share"]});
    let (s, p) = app.api(Method::POST, &token, "/api/v1/awareness/programmes", Some(programme)).await;
    assert_eq!(s, 201, "{p}");
    let token_part = p["feedback_path"].as_str().unwrap().trim_start_matches("/feedback/").to_owned();
    let limit = sahayak::awareness::FEEDBACK_LIMIT as usize;
    let sheets = (0..limit + 40).map(|_| {
        let url = app.url(&format!("/api/v1/feedback/{token_part}"));
        async move { TestApp::http().post(url).json(&json!({"rating": 4})).send().await.unwrap().status().as_u16() }
    });
    let statuses = join_all(sheets).await;
    let kept = statuses.iter().filter(|s| **s == 201).count();
    assert!(kept <= limit, "{kept} sheets kept, limit {limit}");
    assert!(statuses.iter().all(|s| matches!(s, 201 | 429)), "{statuses:?}");
}

/// Finding 4: behind a proxy, the client is what the nearest trusted proxy saw (the rightmost
/// entry that is not a proxy); what the client wrote to its left is never believed, for the
/// throttle or for the audit log.
#[tokio::test]
async fn x_forwarded_for_is_read_from_the_right() {
    let app = spawn_app_with(Db::Sqlite, |c| {
        c.trust_proxy = true;
        c.trusted_proxies = vec!["127.0.0.0/8".parse().unwrap()];
        c.sign_in.address_failures = 5;
    })
    .await;
    // A different spoofed address every time; the proxy (127.0.0.5) appends the real one.
    for i in 0..5 {
        let chain = format!("10.{i}.{i}.{i}, 198.51.100.7, 127.0.0.5");
        assert_eq!(api_login(&app, &format!("nobody{i}"), "wrong", Some(&chain)).await, 401);
    }
    assert_eq!(api_login(&app, "nobody9", "wrong", Some("203.0.113.99, 198.51.100.7, 127.0.0.5")).await, 429);
    // Another client behind the same proxy is not held up.
    assert_eq!(api_login(&app, "supervisor", PASSWORD, Some("198.51.100.8, 127.0.0.5")).await, 200);
    let addresses: Vec<String> = sqlx::query_scalar(
        "SELECT DISTINCT address FROM audit_log WHERE action IN ('login.failed', 'login.throttled')",
    )
    .fetch_all(sahayak::store::testing::pool(&app.state.store))
    .await
    .unwrap();
    assert_eq!(addresses, ["198.51.100.7"]);
}

/// Finding 7: nothing behind sign-in, and no token, is kept in a cache; HSTS once cookies are
/// secure (served behind TLS).
#[tokio::test]
async fn answers_are_not_cached_and_hsts_follows_secure_cookies() {
    let app = spawn_app(Db::Sqlite).await;
    let r = TestApp::http()
        .post(app.url("/api/v1/auth/login"))
        .json(&json!({"username": "supervisor", "password": PASSWORD}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.headers()["cache-control"], "no-store", "the answer carrying a token");
    assert!(r.headers().get("strict-transport-security").is_none());
    let token = r.json::<Value>().await.unwrap()["token"].as_str().unwrap().to_owned();
    let case = app.create_case(&token, json!({})).await;
    let browser = app.browser("supervisor").await;
    let page = browser.client.get(app.url(&format!("/cases/{}", case["reference"].as_str().unwrap()))).send().await;
    assert_eq!(page.unwrap().headers()["cache-control"], "no-store", "a case page");
    let api = TestApp::http().get(app.url("/api/v1/cases")).bearer_auth(&token).send().await.unwrap();
    assert_eq!(api.headers()["cache-control"], "no-store", "an API answer");
    let css = TestApp::http().get(app.url("/static/app.css")).send().await.unwrap();
    assert!(css.headers()["cache-control"].to_str().unwrap().starts_with("public"), "static files may be cached");

    let tls = spawn_app_with(Db::Sqlite, |c| c.secure_cookies = true).await;
    let r = TestApp::http().get(tls.url("/login")).send().await.unwrap();
    assert_eq!(r.headers()["strict-transport-security"], "max-age=31536000");
    assert_eq!(r.headers()["cache-control"], "no-store");
}

/// Finding 9: a JSON body must be an object; unknown and unchangeable fields are refused by
/// name (an array is never mapped onto fields by position, a `district` never ignored).
#[tokio::test]
async fn json_bodies_are_held_to_their_documented_shape() {
    for db in backends() {
        let app = spawn_app(db).await;
        let token = app.token("counsellor.jaipur").await;
        let case = app.create_case(&token, json!({})).await;
        let path = format!("/api/v1/cases/{}?lang=en", case["id"]);
        let (status, problem) = app.api(Method::PATCH, &token, &path, Some(json!([null, null, "X"]))).await;
        assert_eq!((status, problem["type"].as_str()), (400, Some("error-json-object")), "{db:?}: {problem}");
        let (status, problem) = app.api(Method::PATCH, &token, &path, Some(json!({"district": "jodhpur"}))).await;
        assert_eq!(status, 422, "{db:?}: {problem}");
        assert_eq!(
            problem["errors"],
            json!([{"field": "district", "code": "error-field-unknown",
            "message": "This field is not accepted here: it is unknown, or cannot be changed this way."}])
        );
        let body = json!({"victim_nmae": "X", "victim_age": "forty", "narrative": 7});
        let (status, problem) = app.api(Method::PATCH, &token, &path, Some(body)).await;
        assert_eq!(status, 422, "{db:?}: {problem}");
        let mut fields: Vec<(String, String)> = problem["errors"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| (e["field"].as_str().unwrap().to_owned(), e["code"].as_str().unwrap().to_owned()))
            .collect();
        fields.sort();
        assert_eq!(
            fields,
            [
                ("narrative", "error-field-type"),
                ("victim_age", "error-field-type"),
                ("victim_nmae", "error-field-unknown")
            ]
            .map(|(f, c)| (f.to_owned(), c.to_owned()))
        );
        // Nested objects too.
        let confirm = json!({"identifiers": [{"value": "9876543210@ybl", "knd": "upi"}]});
        let (status, problem) =
            app.api(Method::POST, &token, &format!("/api/v1/cases/{}/identifiers", case["id"]), Some(confirm)).await;
        assert_eq!((status, problem["errors"][0]["field"].as_str()), (422, Some("identifiers[0].knd")), "{problem}");
        // Nothing changed.
        let (_, now) = app.api(Method::GET, &token, &format!("/api/v1/cases/{}", case["id"]), None).await;
        assert_eq!(
            (now["victim_name"].clone(), now["version"].clone()),
            (case["victim_name"].clone(), case["version"].clone())
        );
        assert_eq!(now["district"], "jaipur");
    }
}

/// Finding 9, the document: request bodies are closed, choices and formats are spelt out.
#[tokio::test]
async fn the_openapi_document_says_what_the_server_accepts() {
    let app = spawn_app(Db::Sqlite).await;
    let doc: Value = reqwest::get(app.url("/api/v1/openapi.json")).await.unwrap().json().await.unwrap();
    let schemas = &doc["components"]["schemas"];
    for name in ["CaseWrite", "CaseChange", "NoteWrite", "TrackRequest", "LoginRequest", "ConfirmWrite", "PickJson"] {
        assert_eq!(schemas[name]["additionalProperties"], false, "{name} is closed: {}", schemas[name]);
    }
    assert!(schemas["CaseChange"]["properties"].get("district").is_none(), "a case's district does not change");
    let required = |name: &str| -> Vec<String> {
        schemas[name]["required"]
            .as_array()
            .map(|r| r.iter().map(|v| v.as_str().unwrap().to_owned()).collect())
            .unwrap_or_default()
    };
    assert!(required("LoginRequest").contains(&"username".to_owned()));
    assert!(required("NoteWrite").contains(&"body".to_owned()));
    let param = |path: &str, method: &str, name: &str| -> Value {
        doc["paths"][path][method]["parameters"]
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["name"] == name)
            .unwrap_or_else(|| panic!("{method} {path} {name}"))["schema"]
            .clone()
    };
    let kind = param("/api/v1/identifiers/{kind}/{value}/cases", "get", "kind");
    assert!(kind["enum"].as_array().is_some_and(|e| e.iter().any(|k| k == "upi")), "{kind}");
    let limit = param("/api/v1/cases", "get", "limit");
    assert_eq!((limit["minimum"].as_i64(), limit["maximum"].as_i64()), (Some(1), Some(100)), "{limit}");
    let month = param("/api/v1/dashboard/report", "get", "month");
    assert!(month["pattern"].is_string(), "{month}");
}

/// A `sahayak serve --demo` of its own; the address it serves once it says so.
struct Server {
    child: Child,
    addr: String,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start_demo(data: &std::path::Path, database_url: Option<&str>) -> Child {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_sahayak"));
    cmd.arg("--data-dir").arg(data);
    if let Some(url) = database_url {
        cmd.args(["--database-url", url]);
    }
    cmd.args(["serve", "--demo", "--addr", "127.0.0.1:0"])
        .env_remove("SAHAYAK_DATABASE_URL")
        .env_remove("SAHAYAK_CONFIG")
        .env_remove("SAHAYAK_KEYS")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap()
}

/// Waits for the "running at" line (or the process ending, with what it said).
fn serving(mut child: Child) -> Result<Server, String> {
    let out = BufReader::new(child.stdout.take().unwrap());
    for line in out.lines() {
        let line = line.unwrap_or_default();
        if let Some(rest) = line.strip_prefix("Sahayak is running at ") {
            return Ok(Server { child, addr: rest.trim_end_matches('/').to_owned() });
        }
    }
    let status = child.wait().unwrap();
    let mut err = String::new();
    std::io::Read::read_to_string(&mut child.stderr.take().unwrap(), &mut err).unwrap();
    Err(format!("{status}: {err}"))
}

/// Finding 10: two `serve --demo` started together on an empty database both come up, with
/// one set of keys and one copy of the demo.
#[tokio::test]
async fn two_demo_servers_start_together_on_an_empty_database() {
    for db in backends() {
        let data = tempfile::tempdir().unwrap();
        let pg = match db {
            Db::Postgres => Some(crate::helpers::empty_pg_database().await),
            Db::Sqlite => None,
        };
        let url = pg.as_ref().map(|p| p.url.as_str());
        let (a, b) = (start_demo(data.path(), url), start_demo(data.path(), url));
        let (a, b) = tokio::task::spawn_blocking(move || (serving(a), serving(b))).await.unwrap();
        let (a, b) = (
            a.unwrap_or_else(|e| panic!("{db:?}: first server: {e}")),
            b.unwrap_or_else(|e| panic!("{db:?}: second: {e}")),
        );
        let mut seen = Vec::new();
        for server in [&a, &b] {
            let http = TestApp::http();
            let r = http
                .post(format!("{}/api/v1/auth/login", server.addr))
                .json(&json!({"username": "supervisor", "password": "sahayak-demo"}))
                .send()
                .await
                .unwrap();
            assert_eq!(r.status(), 200, "{db:?}");
            let token = r.json::<Value>().await.unwrap()["token"].as_str().unwrap().to_owned();
            // Every case, a page at a time.
            let (mut items, mut next) = (Vec::new(), String::new());
            loop {
                let list: Value = http
                    .get(format!("{}/api/v1/cases?limit=100{next}", server.addr))
                    .bearer_auth(&token)
                    .send()
                    .await
                    .unwrap()
                    .json()
                    .await
                    .unwrap();
                items.extend(list["items"].as_array().unwrap().iter().cloned());
                match list["next"].as_i64() {
                    Some(n) => next = format!("&before={n}"),
                    None => break,
                }
            }
            let id = items[0]["id"].as_i64().unwrap();
            // Both read the encrypted fields: one set of keys.
            let case: Value = http
                .get(format!("{}/api/v1/cases/{id}", server.addr))
                .bearer_auth(&token)
                .send()
                .await
                .unwrap()
                .json()
                .await
                .unwrap();
            assert!(case["victim_mobile"].as_str().is_some_and(|m| m.starts_with("+91")), "{db:?}: {case}");
            seen.push(items.len());
        }
        let demo = sahayak::demo::case_count(chrono::Utc::now().timestamp_millis()).unwrap();
        assert_eq!(seen, [demo, demo], "{db:?}: one copy of the demo");
    }
}
