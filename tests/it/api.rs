//! The JSON API as documented: sign-in, errors as translated problem documents, districts.

use reqwest::Method;
use serde_json::{Value, json};

use crate::helpers::{Db, TestApp, spawn_app, valid_case};

#[tokio::test]
async fn login_gives_a_token_and_refuses_wrong_passwords_in_the_callers_language() {
    let app = spawn_app(Db::Sqlite).await;
    let r = TestApp::http()
        .post(app.url("/api/v1/auth/login?lang=hi"))
        .json(&json!({"username": "supervisor", "password": "wrong"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 401);
    assert_eq!(r.headers()["content-type"], "application/problem+json");
    let p: Value = r.json().await.unwrap();
    assert_eq!(p["type"], "error-unauthorized");
    assert_eq!(p["title"], "कृपया पहले साइन इन करें।");

    let r = TestApp::http().post(app.url("/api/v1/auth/login")).json(&json!({"username": " "})).send().await.unwrap();
    assert_eq!(r.status(), 422);
    let p: Value = r.json().await.unwrap();
    let fields: Vec<&str> = p["errors"].as_array().unwrap().iter().map(|e| e["field"].as_str().unwrap()).collect();
    assert_eq!(fields, ["username", "password"]);

    let token = app.token("supervisor").await;
    assert!(token.len() >= 43);
    let (s, _) = app.api(Method::GET, &token, "/api/v1/cases", None).await;
    assert_eq!(s, 200);
    // Signing out revokes the token.
    let (s, _) = app.api(Method::POST, &token, "/api/v1/auth/logout", None).await;
    assert_eq!(s, 204);
    let (s, _) = app.api(Method::GET, &token, "/api/v1/cases", None).await;
    assert_eq!(s, 401);
}

#[tokio::test]
async fn requests_without_a_valid_token_are_refused() {
    let app = spawn_app(Db::Sqlite).await;
    let r = TestApp::http().get(app.url("/api/v1/cases")).send().await.unwrap();
    assert_eq!(r.status(), 401, "no token");
    let (s, _) = app.api(Method::GET, "not-a-token", "/api/v1/cases", None).await;
    assert_eq!(s, 401, "unknown token");
    // A UI session cookie does not authenticate the API (it has no CSRF protection there).
    let browser = app.browser("supervisor").await;
    let r = browser.client.get(app.url("/api/v1/cases")).send().await.unwrap();
    assert_eq!(r.status(), 401);
}

#[tokio::test]
async fn bad_input_names_every_field_with_a_translated_message() {
    let app = spawn_app(Db::Sqlite).await;
    let token = app.token("counsellor.jaipur").await;
    // What the document's schema refuses is named first, every such field at once (issue 17:
    // the server checks bodies against the schema it publishes).
    let body = json!({
        "channel": "pigeon",
        "victim_name": "",
        "victim_mobile": "12345",
        "victim_age": 300,
        "narrative": "  ",
        "incident_at": "2026-13-01T10:00",
        "category": "Bank Fraud",
        "scam_pattern": "",
        "amount_lost_paise": -5,
    });
    let (s, p) = app.api(Method::POST, &token, "/api/v1/cases?lang=hi", Some(body)).await;
    assert_eq!(s, 422, "{p}");
    let mut codes: Vec<(String, String)> = p["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e["field"].as_str().unwrap().into(), e["code"].as_str().unwrap().into()))
        .collect();
    codes.sort();
    let expected = [
        ("amount_lost_paise", "error-range"),
        ("category", "error-choice"),
        ("channel", "error-choice"),
        ("narrative", "error-required"),
        ("scam_pattern", "error-required"),
        ("victim_age", "error-range"),
        ("victim_name", "error-required"),
    ];
    assert_eq!(codes, expected.map(|(f, c)| (f.to_owned(), c.to_owned())));
    // Then what only the case's own rules see, again every field at once.
    let body = json!({
        "channel": "walk_in",
        "victim_name": "सुनीता",
        "victim_mobile": "12345",
        "narrative": "ठगी हुई",
        "incident_at": "2026-13-01T10:00",
        "category": "Other",
        "scam_pattern": "other",
        "money_left": "yes",
        "amount_lost_paise": 500,
    });
    let (s, p) = app.api(Method::POST, &token, "/api/v1/cases?lang=hi", Some(body)).await;
    assert_eq!(s, 422, "{p}");
    let errors: Vec<(String, String, String)> = p["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["field"].as_str().unwrap().into(),
                e["code"].as_str().unwrap().into(),
                e["message"].as_str().unwrap().into(),
            )
        })
        .collect();
    let codes: Vec<(&str, &str)> = errors.iter().map(|(f, c, _)| (f.as_str(), c.as_str())).collect();
    assert_eq!(
        codes,
        [
            ("victim_mobile", "error-mobile"),
            ("money_left_at", "error-money-left-at-needed"),
            ("incident_at", "error-datetime"),
            ("category_other", "error-other-needs-description"),
            ("payment_channel", "error-payment-channel-needed"),
        ]
    );
    assert!(errors[0].2.contains("मोबाइल"), "{}", errors[0].2);
    let (_, list) = app.api(Method::GET, &token, "/api/v1/cases", None).await;
    assert!(list["items"].as_array().unwrap().is_empty(), "nothing saved");
}

#[tokio::test]
async fn other_and_money_rules() {
    let app = spawn_app(Db::Sqlite).await;
    let token = app.token("counsellor.jaipur").await;
    let mut body = valid_case();
    body["category"] = json!("Other");
    body["sub_category"] = json!(null);
    body["payment_channel"] = json!("");
    let (s, p) = app.api(Method::POST, &token, "/api/v1/cases?lang=en", Some(body.clone())).await;
    assert_eq!(s, 422);
    let fields: Vec<&str> = p["errors"].as_array().unwrap().iter().map(|e| e["field"].as_str().unwrap()).collect();
    assert_eq!(fields, ["category_other", "payment_channel"]);
    body["category_other"] = json!("Fake lottery letter by post");
    body["payment_channel"] = json!("upi");
    let (s, c) = app.api(Method::POST, &token, "/api/v1/cases", Some(body)).await;
    assert_eq!(s, 201, "{c}");
    assert_eq!(c["category"], "Other");
    assert_eq!(c["category_other"], "Fake lottery letter by post");
    assert_eq!(c["taxonomy_version"], "ncrp-2024");
}

#[tokio::test]
async fn a_district_cannot_see_anothers_cases() {
    let app = spawn_app(Db::Sqlite).await;
    let jaipur = app.token("counsellor.jaipur").await;
    let jodhpur = app.token("counsellor.jodhpur").await;
    let case = app.create_case(&jaipur, json!({})).await;
    let id = case["id"].as_i64().unwrap();
    for path in [format!("/api/v1/cases/{id}"), format!("/api/v1/cases/{id}/events")] {
        let (s, p) = app.api(Method::GET, &jodhpur, &path, None).await;
        assert_eq!(s, 404, "{path}: {p}");
    }
    let (s, _) = app.api(Method::GET, &jodhpur, "/api/v1/cases/999999", None).await;
    assert_eq!(s, 404, "not yours looks like not found");
    let (s, _) =
        app.api(Method::POST, &jodhpur, &format!("/api/v1/cases/{id}/notes"), Some(json!({"body": "x"}))).await;
    assert_eq!(s, 404);
    let (_, list) = app.api(Method::GET, &jodhpur, "/api/v1/cases", None).await;
    assert!(list["items"].as_array().unwrap().is_empty());
    let (s, _) = app.api(Method::GET, &jodhpur, "/api/v1/cases?district=jaipur", None).await;
    assert_eq!(s, 422, "cannot filter into another district");
    let (s, p) = app.api(Method::POST, &jodhpur, "/api/v1/cases", Some(valid_case())).await;
    assert_eq!((s, p["errors"][0]["field"].as_str()), (422, Some("district")), "cannot file into another district");
}

#[tokio::test]
async fn roles_limit_what_can_be_done() {
    let app = spawn_app(Db::Sqlite).await;
    let counsellor = app.token("counsellor.jaipur").await;
    let auditor = app.token("auditor.jaipur").await;
    let case = app.create_case(&counsellor, json!({})).await;
    let id = case["id"].as_i64().unwrap();
    let (s, _) = app.api(Method::GET, &auditor, &format!("/api/v1/cases/{id}"), None).await;
    assert_eq!(s, 200, "auditors read");
    let (s, _) = app.api(Method::POST, &auditor, "/api/v1/cases", Some(valid_case())).await;
    assert_eq!(s, 403, "auditors do not write");
    let (s, _) =
        app.api(Method::POST, &auditor, &format!("/api/v1/cases/{id}/notes"), Some(json!({"body": "x"}))).await;
    assert_eq!(s, 403);
    // A counsellor may take a case, not hand it to someone else.
    let me = app.state.store.user_for_login("counsellor.jaipur").await.unwrap().unwrap().0.id;
    let (s, c) = app
        .api(Method::POST, &counsellor, &format!("/api/v1/cases/{id}/assign"), Some(json!({"assignee_id": me})))
        .await;
    assert_eq!((s, c["assignee_id"].as_i64()), (200, Some(me)));
    let other = app.state.store.user_for_login("supervisor").await.unwrap().unwrap().0.id;
    let (s, _) = app
        .api(Method::POST, &counsellor, &format!("/api/v1/cases/{id}/assign"), Some(json!({"assignee_id": other})))
        .await;
    assert_eq!(s, 403);
    // A supervisor may not give a Jaipur case to someone outside Jaipur.
    let sup = app.token("supervisor").await;
    let jodhpur_user = app.state.store.user_for_login("counsellor.jodhpur").await.unwrap().unwrap().0.id;
    let (s, p) = app
        .api(Method::POST, &sup, &format!("/api/v1/cases/{id}/assign"), Some(json!({"assignee_id": jodhpur_user})))
        .await;
    assert_eq!((s, p["errors"][0]["field"].as_str()), (422, Some("assignee")));
}

#[tokio::test]
async fn malformed_requests_get_4xx_problems_never_5xx() {
    for db in crate::helpers::backends() {
        let app = spawn_app(db).await;
        let token = app.token("supervisor").await;
        let http = TestApp::http();
        let r = http
            .post(app.url("/api/v1/cases"))
            .bearer_auth(&token)
            .body("{not json")
            .header("content-type", "application/json")
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 400);
        let r = http.post(app.url("/api/v1/cases")).bearer_auth(&token).body("a=b").send().await.unwrap();
        assert_eq!(r.status(), 415);
        let r = http
            .post(app.url("/api/v1/cases"))
            .bearer_auth(&token)
            .json(&json!({"victim_age": "old"}))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 422, "a value of the wrong kind is named");
        let mut nul = valid_case();
        nul["narrative"] = json!("zero\u{0}byte");
        let (s, _) = app.api(Method::POST, &token, "/api/v1/cases", Some(nul)).await;
        assert_eq!(s, 400, "{db:?}: NUL in text");
        let (s, _) = app.api(Method::GET, &token, "/api/v1/cases?q=%00", None).await;
        assert_eq!(s, 400, "{db:?}: NUL in query");
        let (s, _) = app.api(Method::GET, &token, "/api/v1/cases?limit=100000&before=x", None).await;
        assert_eq!(s, 422);
        let (s, _) = app.api(Method::GET, &token, "/api/v1/cases/not-a-number", None).await;
        assert_eq!(s, 400);
        let (s, _) = app.api(Method::DELETE, &token, "/api/v1/cases", None).await;
        assert_eq!(s, 405);
        let huge = "अ".repeat(400_000);
        let mut big = valid_case();
        big["narrative"] = json!(huge);
        let (s, _) = app.api(Method::POST, &token, "/api/v1/cases", Some(big)).await;
        assert_eq!(s, 413, "{db:?}: body over the limit");
        let mut long = valid_case();
        long["narrative"] = json!("क".repeat(20_001));
        let (s, p) = app.api(Method::POST, &token, "/api/v1/cases", Some(long)).await;
        assert_eq!((s, p["errors"][0]["code"].as_str()), (422, Some("error-too-long")), "{db:?}");
    }
}

#[tokio::test]
async fn openapi_document_lists_every_api_route() {
    let app = spawn_app(Db::Sqlite).await;
    let doc: Value = TestApp::http().get(app.url("/api/v1/openapi.json")).send().await.unwrap().json().await.unwrap();
    let paths: Vec<&str> = doc["paths"].as_object().unwrap().keys().map(String::as_str).collect();
    for p in [
        "/api/v1/auth/login",
        "/api/v1/auth/logout",
        "/api/v1/cases",
        "/api/v1/cases/{id}",
        "/api/v1/cases/{id}/events",
        "/api/v1/cases/{id}/notes",
        "/api/v1/cases/{id}/status",
        "/api/v1/cases/{id}/assign",
        "/api/v1/districts",
        "/api/v1/taxonomy",
    ] {
        assert!(paths.contains(&p), "{p} missing from {paths:?}");
    }
    assert_eq!(doc["components"]["securitySchemes"]["bearer"]["scheme"], "bearer");
    let token = app.token("supervisor").await;
    let (_, districts) = app.api(Method::GET, &token, "/api/v1/districts", None).await;
    assert_eq!(districts.as_array().unwrap().len(), 2);
    let (_, tax) = app.api(Method::GET, &token, "/api/v1/taxonomy", None).await;
    assert!(tax["categories"].as_array().unwrap().iter().any(|c| c["category"] == "Online Financial Fraud"));
    let health = TestApp::http().get(app.url("/healthz")).send().await.unwrap();
    assert_eq!(health.status(), 200);
}
