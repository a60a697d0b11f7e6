//! Follow-up calls after closure, and prevention tips handed to the victim at closure.

use reqwest::Method;
use serde_json::json;

use crate::helpers::{backends, csrf_of, spawn_app};

#[tokio::test]
async fn closing_a_case_schedules_follow_up_calls_with_a_feedback_score() {
    for db in backends() {
        let app = spawn_app(db).await;
        let token = app.token("counsellor.jaipur").await;
        let close = |id: i64, reason: &'static str| {
            let token = token.clone();
            let app = &app;
            async move {
                let path = format!("/api/v1/cases/{id}/status");
                app.api(Method::POST, &token, &path, Some(json!({"status": "in_progress"}))).await;
                let body = json!({"status": "closed", "closure_reason": reason});
                let (s, v) = app.api(Method::POST, &token, &path, Some(body)).await;
                assert_eq!(s, 200, "{v}");
            }
        };
        let case = app.create_case(&token, json!({})).await;
        let (id, reference) = (case["id"].as_i64().unwrap(), case["reference"].as_str().unwrap().to_owned());
        let (_, code) = app.api(Method::POST, &token, &format!("/api/v1/cases/{id}/victim-code"), None).await;
        close(id, "money_restored").await;

        let path = format!("/api/v1/cases/{id}/follow-ups");
        let (_, rows) = app.api(Method::GET, &token, &path, None).await;
        let rows = rows.as_array().unwrap().clone();
        assert_eq!(rows.len(), 2, "{db:?}");
        let due = |v: &serde_json::Value| chrono::DateTime::parse_from_rfc3339(v.as_str().unwrap()).unwrap();
        let gap = due(&rows[1]["due_at"]) - due(&rows[0]["due_at"]);
        assert_eq!(gap.num_days(), 23, "7 and 30 days after closure");
        let (_, tasks) = app.api(Method::GET, &token, &format!("/api/v1/cases/{id}/tasks?lang=en"), None).await;
        let open_calls = |tasks: &serde_json::Value| {
            tasks
                .as_array()
                .unwrap()
                .iter()
                .filter(|t| t["done_at"].is_null() && t["title"].as_str().unwrap_or("").contains("फ़ॉलो-अप कॉल"))
                .count()
        };
        assert_eq!(open_calls(&tasks), 2, "{db:?}: {tasks}");

        // A score needs the victim reached; out of range is refused.
        let first = format!("{path}/{}", rows[0]["id"]);
        let (s, p) = app.api(Method::POST, &token, &first, Some(json!({"reached": false, "score": 4}))).await;
        assert_eq!((s, p["errors"][0]["code"].as_str()), (422, Some("followup-score-unreached")));
        let (s, _) = app.api(Method::POST, &token, &first, Some(json!({"reached": true, "score": 6}))).await;
        assert_eq!(s, 422);
        let call = json!({"reached": true, "outcome": "Money back in her account; no new calls", "score": 5});
        let (s, rows) = app.api(Method::POST, &token, &first, Some(call.clone())).await;
        assert_eq!((s, rows[0]["score"].as_i64(), rows[0]["reached"].as_bool()), (200, Some(5), Some(true)), "{db:?}");
        let (_, tasks) = app.api(Method::GET, &token, &format!("/api/v1/cases/{id}/tasks"), None).await;
        assert_eq!(open_calls(&tasks), 1, "the call's task is ticked off");
        // Recorded once.
        let (s, _) = app.api(Method::POST, &token, &first, Some(call)).await;
        assert_eq!(s, 404);

        // An unreachable victim gets no follow-up calls.
        let other = app.create_case(&token, json!({})).await["id"].as_i64().unwrap();
        close(other, "unreachable").await;
        let (_, rows) = app.api(Method::GET, &token, &format!("/api/v1/cases/{other}/follow-ups"), None).await;
        assert!(rows.as_array().unwrap().is_empty());

        // The victim's own page now carries prevention tips for their kind of scam.
        let victim =
            reqwest::Client::builder().cookie_store(true).redirect(reqwest::redirect::Policy::none()).build().unwrap();
        let form = victim.get(app.url("/track")).send().await.unwrap().text().await.unwrap();
        let csrf = csrf_of(&form);
        let code = code["code"].as_str().unwrap();
        victim
            .post(app.url("/track"))
            .form(&[("reference", reference.as_str()), ("code", code), ("csrf", &csrf)])
            .send()
            .await
            .unwrap();
        let page = victim.get(app.url("/track/case")).send().await.unwrap().text().await.unwrap();
        assert!(page.contains("आगे से सुरक्षित कैसे रहें"), "{db:?}");
    }
}
