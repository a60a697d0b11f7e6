//! Counselling sessions: notes only for their counsellor and supervisors, consent first, and a
//! risk flag that escalates the case.

use reqwest::Method;
use sahayak_domain::access::Role;
use sahayak_domain::case::Lang;
use serde_json::json;

use crate::helpers::{backends, spawn_app};

#[tokio::test]
async fn counselling_notes_stay_with_the_counsellor_and_a_risk_escalates() {
    for db in backends() {
        let app = spawn_app(db).await;
        let jaipur = app.state.store.district_by_code("jaipur").await.unwrap().unwrap().id;
        app.add_user("counsellor2.jaipur", Role::Counsellor, &[jaipur], Lang::En).await;
        app.add_user("liaison.jaipur", Role::PoliceLiaison, &[jaipur], Lang::En).await;
        let counsellor = app.token("counsellor.jaipur").await;
        let case = app.create_case(&counsellor, json!({"scam_pattern": "sextortion", "victim_age": 24})).await;
        let id = case["id"].as_i64().unwrap();
        let path = format!("/api/v1/cases/{id}/counselling");
        let session = json!({"scheduled_at": "2026-11-20T11:00", "mode": "in_person", "status": "held",
            "notes": "Victim frightened; the caller threatens to send the video to her family tonight.",
            "risk_threats": true, "follow_up_at": "2026-11-27T11:00"});

        // Consent to counselling first; a counsellor cannot override.
        let (s, p) = app.api(Method::POST, &counsellor, &path, Some(session.clone())).await;
        assert_eq!((s, p["errors"][0]["code"].as_str()), (422, Some("consent-missing")), "{db:?}: {p}");
        let consent = json!({"purpose": "counselling", "given": true});
        app.api(Method::POST, &counsellor, &format!("/api/v1/cases/{id}/consents"), Some(consent)).await;
        let (s, rows) = app.api(Method::POST, &counsellor, &path, Some(session.clone())).await;
        assert_eq!(s, 201, "{db:?}: {rows}");
        assert!(rows[0]["notes"].as_str().unwrap().contains("threatens"));
        assert_eq!(rows[0]["follow_up_at"], "2026-11-27T05:30:00Z", "IST input, UTC output");

        // Another counsellor and the police liaison see the session, not the notes.
        for other in ["counsellor2.jaipur", "liaison.jaipur"] {
            let token = app.token(other).await;
            let (s, rows) = app.api(Method::GET, &token, &path, None).await;
            assert_eq!((s, rows[0]["notes"].is_null()), (200, true), "{db:?} {other}");
            assert_eq!(rows[0]["risk_threats"], true);
        }
        let supervisor = app.token("supervisor").await;
        let (_, rows) = app.api(Method::GET, &supervisor, &path, None).await;
        assert!(rows[0]["notes"].as_str().is_some(), "{db:?}");
        let (_, page) = app
            .browser("counsellor2.jaipur")
            .await
            .get(&format!("/cases/{}", case["reference"].as_str().unwrap()))
            .await;
        assert!(page.contains("Notes are seen only by the counsellor and supervisors"), "{page}");
        assert!(!page.contains("her family tonight"));

        // Only counsellors and supervisors record sessions.
        let liaison = app.token("liaison.jaipur").await;
        let (s, _) = app.api(Method::POST, &liaison, &path, Some(session.clone())).await;
        assert_eq!(s, 403, "{db:?}");

        // The threat made the case urgent, with an escalation task due within four hours.
        let (_, queue) = app.api(Method::GET, &supervisor, "/api/v1/queue", None).await;
        let item = queue.as_array().unwrap().iter().find(|i| i["id"] == id).expect("in the queue").clone();
        assert_eq!(item["urgent"], true, "{db:?}: {item}");
        let (_, tasks) = app.api(Method::GET, &supervisor, &format!("/api/v1/cases/{id}/tasks?lang=en"), None).await;
        let escalation = tasks
            .as_array()
            .unwrap()
            .iter()
            .find(|t| t["title"].as_str().is_some_and(|t| t.contains("Threats") || t.contains("धमकियाँ")));
        assert!(escalation.is_some(), "{db:?}: {tasks}");
    }
}
