//! Several servers on one database behave as one: shared keys (or a refusal to start),
//! sessions, unique references, background jobs run once, and reference data edited on one
//! server reaching the other's deadlines within one poll.

use std::collections::HashSet;

use reqwest::Method;
use sahayak::store::Store;
use sahayak_domain::access::Role;
use sahayak_domain::case::Lang;
use serde_json::json;

use crate::helpers::{Db, TestApp, pg_url, serve_existing, spawn_app};

async fn zero_window_due(app: &TestApp, token: &str, id: i64) -> String {
    let (s, d) = app.api(Method::GET, token, &format!("/api/v1/cases/{id}/deadlines"), None).await;
    assert_eq!(s, 200, "{d}");
    let zero = d.as_array().unwrap().iter().find(|x| x["rule"] == "rbi_zero_liability_report").expect("zero window");
    zero["due_at"].as_str().unwrap().to_owned()
}

#[tokio::test]
async fn two_servers_on_one_postgresql_database_behave_as_one() {
    if pg_url().is_none() {
        eprintln!("skipped: SAHAYAK_TEST_DATABASE_URL is not set (CI sets it and runs this)");
        return;
    }
    let a = spawn_app(Db::Postgres).await;
    let b = serve_existing(&a.url, tempfile::tempdir().unwrap(), a.state.store.keys().clone()).await;

    // A session made on one server works on the other, in the API and in the pages.
    let token = a.token("counsellor.jaipur").await;
    let (s, _) = b.api(Method::GET, &token, "/api/v1/cases", None).await;
    assert_eq!(s, 200, "a token from server A on server B");
    let browser = a.browser("counsellor.jaipur").await;
    let r = browser.client.get(b.url("/cases")).send().await.unwrap();
    assert_eq!(r.status(), 200, "a sign-in cookie from server A on server B");

    // Intakes on both, at once, get unique references.
    let mut creating = Vec::new();
    for i in 0..24 {
        let app = if i % 2 == 0 { &a } else { &b };
        creating.push(app.create_case(&token, json!({})));
    }
    let refs: HashSet<String> = futures_util::future::join_all(creating)
        .await
        .into_iter()
        .map(|c| c["reference"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(refs.len(), 24, "every reference unique: {refs:?}");

    // A background job runs once per period, whichever servers ask.
    let now = a.state.now_millis();
    let day = 24 * 3600 * 1000;
    let claims = futures_util::future::join_all([
        a.state.store.claim_job("retention", "server-a", now, day),
        b.state.store.claim_job("retention", "server-b", now, day),
        a.state.store.claim_job("retention", "server-a", now + 1000, day),
    ])
    .await;
    let won = claims.into_iter().map(|c| c.unwrap()).filter(|c| *c).count();
    assert_eq!(won, 1, "one claim of the period");
    assert!(b.state.store.claim_job("retention", "server-b", now + 1000 + day, day).await.unwrap(), "the next period");

    // A holiday edited on A reaches B's deadlines once B has polled the reference data.
    // Debit Mon 2 Nov 2026 19:00 by someone else: working days Tue 3 = 1, Wed 4 = 2, Thu 5 = 3
    // → zero liability until Thu 5 Nov; with Tue 3 Nov a holiday, until Fri 6 Nov.
    let case = a
        .create_case(
            &token,
            json!({"money_left": "yes", "money_left_at": "2026-11-02T19:00", "amount_lost_paise": 1_000_000}),
        )
        .await;
    let id = case["id"].as_i64().unwrap();
    let mut seen = None;
    sahayak::web::fleet::poll_reference_data(&b.state, &mut seen).await;
    assert_eq!(zero_window_due(&b, &token, id).await, "2026-11-05T18:29:59Z");
    let jaipur = a.state.districts().await.unwrap().iter().find(|d| d.code == "jaipur").unwrap().id;
    a.add_user("admin.jaipur", Role::Admin, &[jaipur], Lang::En).await;
    let admin = a.token("admin.jaipur").await;
    let holidays = json!({"holidays": [{"date": "2026-11-03", "name_en": "Local holiday", "name_hi": "स्थानीय अवकाश", "estimate": false}]});
    let (s, body) = a.api(Method::PUT, &admin, "/api/v1/districts/jaipur", Some(holidays)).await;
    assert_eq!(s, 200, "{body}");
    assert_eq!(zero_window_due(&a, &token, id).await, "2026-11-06T18:29:59Z", "the server that made the change");
    sahayak::web::fleet::poll_reference_data(&b.state, &mut seen).await;
    assert_eq!(zero_window_due(&b, &token, id).await, "2026-11-06T18:29:59Z", "the other server, after one poll");

    // A server with other keys refuses to start on this database.
    a.state.store.check_keys().await.expect("the first server's keys open the data");
    b.state.store.check_keys().await.expect("the same keys on the second server");
    let stranger = Store::connect(&a.url).await.unwrap().with_keys(sahayak::store::crypto::Keyring::generate());
    let refused = stranger.check_keys().await.expect_err("other keys are refused");
    assert!(refused.to_string().contains("same key file"), "{refused}");
}

#[tokio::test]
async fn on_an_empty_database_the_first_servers_keys_win_and_a_second_set_is_refused() {
    // Two servers started at once with different keys on a database without data: the key
    // check the first writes makes the second refuse, on both backends.
    for db in crate::helpers::backends() {
        let a = spawn_app(db).await;
        let first = Store::connect(&a.url).await.unwrap().with_keys(sahayak::store::crypto::Keyring::generate());
        let second = Store::connect(&a.url).await.unwrap().with_keys(sahayak::store::crypto::Keyring::generate());
        let results = futures_util::future::join(first.check_keys(), second.check_keys()).await;
        let ok = [results.0.is_ok(), results.1.is_ok()];
        assert_eq!(ok.iter().filter(|o| **o).count(), 1, "{db:?}: exactly one set of keys is accepted: {ok:?}");
    }
}

#[tokio::test]
async fn a_server_without_the_key_file_refuses_a_database_with_data_and_makes_no_keys() {
    let a = spawn_app(Db::Sqlite).await;
    let token = a.token("counsellor.jaipur").await;
    a.create_case(&token, json!({})).await; // the victim's mobile is stored encrypted
    let data = tempfile::tempdir().unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_sahayak"))
        .arg("--data-dir")
        .arg(data.path())
        .args(["--database-url", &a.url, "migrate"])
        .env_remove("SAHAYAK_KEYS")
        .env_remove("SAHAYAK_CONFIG")
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "{err}");
    assert!(err.contains("no key file") && err.contains("No new keys were made"), "{err}");
    let made: Vec<_> = std::fs::read_dir(data.path()).unwrap().collect();
    assert!(made.is_empty(), "no key file was created: {made:?}");
}
