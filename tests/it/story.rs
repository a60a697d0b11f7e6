//! The conformance story: the same scenarios against every backend.

use reqwest::Method;
use serde_json::json;

use crate::helpers::{Db, backends, spawn_app};

#[tokio::test]
async fn references_are_sequential_per_district_and_year_and_unique_across_districts() {
    for db in backends() {
        let app = spawn_app(db).await;
        let token = app.token("supervisor").await;
        let year = chrono::Utc::now().with_timezone(&sahayak_domain::time::ist()).format("%Y").to_string();
        let a = app.create_case(&token, json!({})).await;
        let b = app.create_case(&token, json!({})).await;
        let c = app.create_case(&token, json!({"district": "jodhpur"})).await;
        assert_eq!(a["reference"], format!("JPR-{year}-000001"), "{db:?}");
        assert_eq!(b["reference"], format!("JPR-{year}-000002"), "{db:?}");
        assert_eq!(c["reference"], format!("JDH-{year}-000001"), "{db:?}");
        assert_eq!(a["status"], "new");
        assert_eq!(a["victim_mobile"], "+919829012345", "mobile stored in E.164");
    }
}

#[tokio::test]
async fn concurrent_intake_never_reuses_a_reference() {
    for db in backends() {
        let app = spawn_app(db).await;
        let token = app.token("counsellor.jaipur").await;
        let mut tasks = Vec::new();
        for _ in 0..16 {
            let (addr, token) = (app.addr.clone(), token.clone());
            tasks.push(tokio::spawn(async move {
                let r = reqwest::Client::new()
                    .post(format!("{addr}/api/v1/cases"))
                    .bearer_auth(token)
                    .json(&crate::helpers::valid_case())
                    .send()
                    .await
                    .unwrap();
                assert_eq!(r.status(), 201);
                r.json::<serde_json::Value>().await.unwrap()["reference"].as_str().unwrap().to_owned()
            }));
        }
        let mut refs = Vec::new();
        for t in tasks {
            refs.push(t.await.unwrap());
        }
        refs.sort();
        refs.dedup();
        assert_eq!(refs.len(), 16, "{db:?}: {refs:?}");
    }
}

#[tokio::test]
async fn search_finds_hindi_words_names_mobiles_and_references() {
    for db in backends() {
        let app = spawn_app(db).await;
        let token = app.token("supervisor").await;
        let hindi = app.create_case(&token, json!({})).await;
        let english = app
            .create_case(
                &token,
                json!({"victim_name": "Rakesh Choudhary", "victim_mobile": "+91-70000-11111",
                       "narrative": "Got a call about a parcel with drugs; paid the fake CBI officer."}),
            )
            .await;
        let search = |q: &str| {
            let path = format!("/api/v1/cases?q={}", urlencoding(q));
            let app = &app;
            let token = token.clone();
            async move {
                let (status, body) = app.api(Method::GET, &token, &path, None).await;
                assert_eq!(status, 200, "{body}");
                body["items"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|c| c["reference"].as_str().unwrap().to_owned())
                    .collect::<Vec<_>>()
            }
        };
        let h = hindi["reference"].as_str().unwrap().to_owned();
        let e = english["reference"].as_str().unwrap().to_owned();
        assert_eq!(search("ठगी").await, vec![h.as_str()], "{db:?}: Hindi word");
        // Decomposed nukta and a different Unicode form of the same word still match.
        assert_eq!(search("बिजली बिल").await, vec![h.as_str()], "{db:?}: two words");
        assert_eq!(search("ठग").await, vec![h.as_str()], "{db:?}: word prefix");
        assert_eq!(search("सुनीता").await, vec![h.as_str()], "{db:?}: name");
        assert_eq!(search("CBI").await, vec![e.as_str()], "{db:?}: English, any case");
        assert_eq!(search("rakesh").await, vec![e.as_str()], "{db:?}: name, lower case");
        assert_eq!(search("7000011111").await, vec![e.as_str()], "{db:?}: mobile, other writing");
        assert_eq!(search(&h.to_lowercase()).await, vec![h.as_str()], "{db:?}: reference");
        assert!(search("लॉटरी").await.is_empty(), "{db:?}: absent word");
        assert!(search("\"*(").await.is_empty(), "{db:?}: punctuation only");
    }
}

fn urlencoding(s: &str) -> String {
    serde_urlencoded::to_string([("", s)]).unwrap()[1..].to_owned()
}

#[tokio::test]
async fn keyset_paging_walks_every_case_once_with_filters() {
    for db in backends() {
        let app = spawn_app(db).await;
        let token = app.token("supervisor").await;
        for i in 0..7 {
            let district = if i % 2 == 0 { "jaipur" } else { "jodhpur" };
            app.create_case(&token, json!({"district": district})).await;
        }
        let mut seen = Vec::new();
        let mut path = "/api/v1/cases?limit=3".to_owned();
        loop {
            let (status, body) = app.api(Method::GET, &token, &path, None).await;
            assert_eq!(status, 200);
            seen.extend(body["items"].as_array().unwrap().iter().map(|c| c["id"].as_i64().unwrap()));
            match body["next"].as_i64() {
                Some(n) => path = format!("/api/v1/cases?limit=3&before={n}"),
                None => break,
            }
        }
        let mut sorted = seen.clone();
        sorted.sort_by(|a, b| b.cmp(a));
        assert_eq!(seen, sorted, "{db:?}: newest first");
        assert_eq!(seen.len(), 7, "{db:?}");
        let (_, jodhpur) = app.api(Method::GET, &token, "/api/v1/cases?district=jodhpur", None).await;
        assert_eq!(jodhpur["items"].as_array().unwrap().len(), 3, "{db:?}");
        let (_, none) = app.api(Method::GET, &token, "/api/v1/cases?status=closed", None).await;
        assert!(none["items"].as_array().unwrap().is_empty());
        let today = chrono::Utc::now().with_timezone(&sahayak_domain::time::ist()).format("%Y-%m-%d").to_string();
        let (_, dated) = app.api(Method::GET, &token, &format!("/api/v1/cases?from={today}&to={today}"), None).await;
        assert_eq!(dated["items"].as_array().unwrap().len(), 7, "{db:?}: date range in IST");
        let (_, old) = app.api(Method::GET, &token, "/api/v1/cases?to=2020-01-01", None).await;
        assert!(old["items"].as_array().unwrap().is_empty());
    }
}

#[tokio::test]
async fn workflow_timeline_and_version_conflicts() {
    for db in backends() {
        let app = spawn_app(db).await;
        let token = app.token("supervisor").await;
        let case = app.create_case(&token, json!({})).await;
        let id = case["id"].as_i64().unwrap();
        let post = |path: String, body: serde_json::Value| {
            let app = &app;
            let token = token.clone();
            async move { app.api(Method::POST, &token, &path, Some(body)).await }
        };
        let (s, _) = post(format!("/api/v1/cases/{id}/status"), json!({"status": "awaiting_bank"})).await;
        assert_eq!(s, 422, "{db:?}: new cannot jump to awaiting_bank");
        let (s, c) = post(format!("/api/v1/cases/{id}/status"), json!({"status": "in_progress"})).await;
        assert_eq!((s, c["status"].as_str()), (200, Some("in_progress")), "{db:?}");
        let (s, e) = post(format!("/api/v1/cases/{id}/status"), json!({"status": "closed"})).await;
        assert_eq!(s, 422);
        assert_eq!(e["errors"][0]["field"], "closure_reason", "{db:?}: closing needs a reason");
        let (s, _) = post(format!("/api/v1/cases/{id}/notes"), json!({"body": "1930 पर कॉल करवाई"})).await;
        assert_eq!(s, 201);
        let (s, c) =
            post(format!("/api/v1/cases/{id}/status"), json!({"status": "closed", "closure_reason": "advice_only"}))
                .await;
        assert_eq!((s, c["closure_reason"].as_str()), (200, Some("advice_only")), "{db:?}");

        let (_, events) = app.api(Method::GET, &token, &format!("/api/v1/cases/{id}/events"), None).await;
        let kinds: Vec<&str> = events.as_array().unwrap().iter().map(|e| e["kind"].as_str().unwrap()).collect();
        assert_eq!(kinds, ["created", "status", "note", "status"], "{db:?}");
        assert_eq!(events[2]["body"], "1930 पर कॉल करवाई");
        assert_eq!(events[3]["actor_name"], "supervisor");

        // Someone edits with a stale version: refused, nothing changes.
        let (_, fresh) = app.api(Method::GET, &token, &format!("/api/v1/cases/{id}"), None).await;
        let version = fresh["version"].as_i64().unwrap();
        let (s, _) = app
            .api(
                Method::PATCH,
                &token,
                &format!("/api/v1/cases/{id}"),
                Some(json!({"victim_age": 41, "version": version})),
            )
            .await;
        assert_eq!(s, 200, "{db:?}");
        let (s, _) = app
            .api(
                Method::PATCH,
                &token,
                &format!("/api/v1/cases/{id}"),
                Some(json!({"victim_age": 52, "version": version})),
            )
            .await;
        assert_eq!(s, 409, "{db:?}: stale version");
        let (_, after) = app.api(Method::GET, &token, &format!("/api/v1/cases/{id}"), None).await;
        assert_eq!(after["victim_age"], 41, "{db:?}");
    }
}

#[tokio::test]
async fn a_failed_write_leaves_nothing_half_saved() {
    for db in backends() {
        let app = spawn_app(db).await;
        let token = app.token("supervisor").await;
        app.create_case(&token, json!({})).await;
        // Break the timeline table so the last statement of the intake transaction fails.
        let store = &app.state.store;
        let sql = match db {
            Db::Sqlite => "CREATE TRIGGER fail_events BEFORE INSERT ON case_events BEGIN SELECT RAISE(ABORT, 'injected'); END",
            Db::Postgres => {
                "CREATE FUNCTION fail_events() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'injected'; END $$;
                 CREATE TRIGGER fail_events BEFORE INSERT ON case_events FOR EACH ROW EXECUTE FUNCTION fail_events();"
            }
        };
        sahayak::store::testing::execute(store, sql).await.unwrap();
        let (s, body) = app.api(Method::POST, &token, "/api/v1/cases", Some(crate::helpers::valid_case())).await;
        assert_eq!(s, 500, "{db:?}");
        assert!(body["title"].as_str().unwrap().contains("not saved"), "{body}");
        assert!(!body.to_string().contains("injected"), "{db:?}: the cause stays in the log");
        let drop = match db {
            Db::Sqlite => "DROP TRIGGER fail_events",
            Db::Postgres => "DROP TRIGGER fail_events ON case_events",
        };
        sahayak::store::testing::execute(store, drop).await.unwrap();
        let (_, list) = app.api(Method::GET, &token, "/api/v1/cases", None).await;
        assert_eq!(list["items"].as_array().unwrap().len(), 1, "{db:?}: no half-saved case");
        // The reference counter rolled back too: the next case takes number 2.
        let next = app.create_case(&token, json!({})).await;
        assert!(next["reference"].as_str().unwrap().ends_with("-000002"), "{db:?}: {next}");
    }
}
