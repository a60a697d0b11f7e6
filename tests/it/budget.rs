//! Deterministic performance budgets: SQL statements per page do not grow with the data.

use serde_json::json;

use crate::helpers::{Db, spawn_app};

async fn queries_for(app: &crate::helpers::TestApp, b: &crate::helpers::Browser, path: &str) -> u64 {
    let before = app.state.store.query_count();
    let (status, _) = b.get(path).await;
    assert_eq!(status, 200, "{path}");
    app.state.store.query_count() - before
}

#[tokio::test]
async fn the_case_list_costs_the_same_few_queries_for_3_or_40_cases() {
    let app = spawn_app(Db::Sqlite).await;
    let token = app.token("supervisor").await;
    for _ in 0..3 {
        app.create_case(&token, json!({"assignee_id": null})).await;
    }
    let b = app.browser("supervisor").await;
    b.get("/cases").await; // warm the district cache and the session touch
    let few = queries_for(&app, &b, "/cases").await;
    let few_search = queries_for(&app, &b, "/cases?q=%E0%A4%A0%E0%A4%97%E0%A5%80").await;
    for _ in 0..37 {
        app.create_case(&token, json!({})).await;
    }
    let many = queries_for(&app, &b, "/cases").await;
    let many_search = queries_for(&app, &b, "/cases?q=%E0%A4%A0%E0%A4%97%E0%A5%80").await;
    assert_eq!(few, many, "no N+1 on the list");
    assert_eq!(few_search, many_search, "no N+1 on search");
    // Session, assignable staff, the page of cases.
    assert!(many <= 3, "list page used {many} queries");
}

#[tokio::test]
async fn the_case_page_costs_the_same_with_a_long_timeline() {
    let app = spawn_app(Db::Sqlite).await;
    let token = app.token("supervisor").await;
    let case = app.create_case(&token, json!({})).await;
    let (id, reference) = (case["id"].as_i64().unwrap(), case["reference"].as_str().unwrap().to_owned());
    let b = app.browser("supervisor").await;
    let path = format!("/cases/{reference}");
    b.get(&path).await;
    let short = queries_for(&app, &b, &path).await;
    for i in 0..20 {
        app.api(
            reqwest::Method::POST,
            &token,
            &format!("/api/v1/cases/{id}/notes"),
            Some(json!({"body": format!("note {i}")})),
        )
        .await;
    }
    let long = queries_for(&app, &b, &path).await;
    assert_eq!(short, long);
    // Session, case, the read's audit entry (3 statements), timeline, staff of the district,
    // actions, money trail, tasks, the desk's answers about the payment, restorations,
    // confirmed identifiers, known flags of the
    // proposed ones, evidence items, the victim's access code and messages, counselling
    // sessions and the counselling consent, referrals and their updates, follow-up calls,
    // consents.
    assert!(long <= 23, "case page used {long} queries");

    // One confirmed identifier or twelve: the same queries (where they spread, their cases).
    let one = json!([{"value": "someone@ybl"}]);
    app.api(
        reqwest::Method::POST,
        &token,
        &format!("/api/v1/cases/{id}/identifiers"),
        Some(json!({"identifiers": one})),
    )
    .await;
    b.get(&path).await;
    let with_one = queries_for(&app, &b, &path).await;
    let many: Vec<_> = (0..11).map(|i| json!({"value": format!("98290{i:05}")})).collect();
    app.api(
        reqwest::Method::POST,
        &token,
        &format!("/api/v1/cases/{id}/identifiers"),
        Some(json!({"identifiers": many})),
    )
    .await;
    b.get(&path).await;
    let with_many = queries_for(&app, &b, &path).await;
    assert_eq!(with_one, with_many, "no query per identifier");
    assert!(with_many <= 25, "case page with identifiers used {with_many} queries");
}
