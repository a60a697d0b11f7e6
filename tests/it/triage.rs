//! Golden hour: triage at intake, the three actions, deadlines, the work queue.

use reqwest::Method;
use serde_json::{Value, json};

use crate::helpers::{Db, backends, csrf_of, spawn_app, texts};

fn ist_minutes_ago(m: i64) -> String {
    sahayak_domain::time::to_ist_local(chrono::Utc::now() - chrono::Duration::minutes(m))
}

fn rule_status(deadlines: &Value, rule: &str) -> Option<String> {
    deadlines.as_array().unwrap().iter().find(|d| d["rule"] == rule).map(|d| d["status"].as_str().unwrap().to_owned())
}

#[tokio::test]
async fn money_that_left_minutes_ago_makes_the_case_urgent_until_the_three_actions_are_done() {
    for db in backends() {
        let app = spawn_app(db).await;
        let token = app.token("counsellor.jaipur").await;
        let case = app
            .create_case(
                &token,
                json!({"money_left": "yes", "money_left_at": ist_minutes_ago(40), "scam_pattern": "upi_qr"}),
            )
            .await;
        assert_eq!(case["urgent"], true, "{db:?}: {case}");
        let id = case["id"].as_i64().unwrap();
        let reference = case["reference"].as_str().unwrap();

        // The case page opens with the golden-hour banner, the checklist and three actions.
        let b = app.browser("counsellor.jaipur").await;
        let path = format!("/cases/{reference}");
        let (_, page) = b.get(&path).await;
        let banner = texts(&page, "#triage .golden h2");
        assert_eq!(banner, ["गोल्डन आवर: इस पीड़ित के खाते से पैसा गया है"]);
        let elapsed = texts(&page, "#triage .elapsed")[0].clone();
        assert!(elapsed.contains("40 मिनट") || elapsed.contains("41 मिनट"), "{elapsed}");
        assert_eq!(texts(&page, "#triage .checklist li").len(), 7);
        assert_eq!(texts(&page, "#triage .golden-actions li.todo").len(), 3);

        // 1930 called (through the page), then the bank and the portal (through the API).
        let csrf = csrf_of(&page);
        let (s, loc, _) = b
            .post(
                &format!("{path}/actions"),
                &[
                    ("csrf", &csrf),
                    ("action", "helpline_1930"),
                    ("done_at", &ist_minutes_ago(30)),
                    ("reference", "31612260012345"),
                ],
            )
            .await;
        assert_eq!((s, loc.as_deref()), (303, Some(format!("{path}#triage").as_str())), "{db:?}");
        let (_, deadlines) = app.api(Method::GET, &token, &format!("/api/v1/cases/{id}/deadlines?lang=en"), None).await;
        assert_eq!(
            rule_status(&deadlines, "ncrp_complete_after_1930").as_deref(),
            Some("upcoming"),
            "{db:?}: {deadlines}"
        );
        let (_, page) = b.get(&path).await;
        assert!(texts(&page, "#triage .golden-actions li.done").join(" ").contains("31612260012345"));
        assert!(texts(&page, "ol.timeline strong").contains(&"1930 पर कॉल की".to_owned()));

        for action in ["bank_block", "portal_filed"] {
            let (s, body) = app
                .api(
                    Method::POST,
                    &token,
                    &format!("/api/v1/cases/{id}/actions"),
                    Some(json!({"action": action, "reference": "R-1"})),
                )
                .await;
            assert_eq!(s, 200, "{body}");
        }
        let (_, deadlines) = app.api(Method::GET, &token, &format!("/api/v1/cases/{id}/deadlines"), None).await;
        assert_eq!(rule_status(&deadlines, "ncrp_complete_after_1930").as_deref(), Some("met"), "{db:?}");
        let (_, after) = app.api(Method::GET, &token, &format!("/api/v1/cases/{id}"), None).await;
        assert_eq!(after["urgent"], false, "{db:?}: all three done");
        let (_, page) = b.get(&path).await;
        assert!(texts(&page, "#triage .golden").is_empty(), "no banner once the golden actions are done");
    }
}

#[tokio::test]
async fn the_queue_puts_urgent_money_cases_first_then_the_nearest_deadline() {
    for db in backends() {
        let app = spawn_app(db).await;
        let token = app.token("supervisor").await;
        // Nothing due: no money, no communication to report, no takedown.
        let quiet = app
            .create_case(&token, json!({"scam_pattern": "sim_swap", "amount_lost_paise": null, "payment_channel": ""}))
            .await;
        // Money left a day ago, all three actions done: deadlines remain (bank resolution etc.).
        let worked = app
            .create_case(
                &token,
                json!({"money_left": "yes", "money_left_at": ist_minutes_ago(24 * 60), "scam_pattern": "kyc_otp"}),
            )
            .await;
        for action in ["helpline_1930", "bank_block", "portal_filed"] {
            let path = format!("/api/v1/cases/{}/actions", worked["id"]);
            app.api(Method::POST, &token, &path, Some(json!({"action": action}))).await;
        }
        // Money left 10 minutes ago: urgent.
        let urgent = app
            .create_case(
                &token,
                json!({"district": "jodhpur", "money_left": "yes", "money_left_at": ist_minutes_ago(10)}),
            )
            .await;
        let (s, queue) = app.api(Method::GET, &token, "/api/v1/queue", None).await;
        assert_eq!(s, 200);
        let order: Vec<&str> = queue.as_array().unwrap().iter().map(|q| q["reference"].as_str().unwrap()).collect();
        let refs = [&urgent, &worked, &quiet].map(|c| c["reference"].as_str().unwrap());
        assert_eq!(order, refs, "{db:?}: {queue}");
        assert_eq!(queue[0]["urgent"], true);
        assert!(queue[1]["next_due_at"].is_string());
        assert!(queue[2]["next_due_at"].is_null(), "{db:?}: {}", queue[2]);

        // A Jaipur counsellor's queue holds only Jaipur cases.
        let counsellor = app.token("counsellor.jaipur").await;
        let (_, mine) = app.api(Method::GET, &counsellor, "/api/v1/queue", None).await;
        assert_eq!(mine.as_array().unwrap().len(), 2);
        // The queue page is where "/" leads.
        let b = app.browser("counsellor.jaipur").await;
        let (s, page) = b.get("/queue").await;
        assert_eq!(s, 200);
        assert_eq!(texts(&page, "table.queue tbody tr").len(), 2);
    }
}

#[tokio::test]
async fn triage_input_is_checked() {
    let app = spawn_app(Db::Sqlite).await;
    let token = app.token("counsellor.jaipur").await;
    let (s, p) = app
        .api(
            Method::POST,
            &token,
            "/api/v1/cases",
            Some({
                let mut c = crate::helpers::valid_case();
                c["money_left"] = json!("yes");
                c
            }),
        )
        .await;
    assert_eq!((s, p["errors"][0]["field"].as_str()), (422, Some("money_left_at")));
    let case = app.create_case(&token, json!({})).await;
    let path = format!("/api/v1/cases/{}/actions", case["id"]);
    let (s, p) = app.api(Method::POST, &token, &path, Some(json!({"action": "teleport"}))).await;
    assert_eq!((s, p["errors"][0]["field"].as_str()), (422, Some("action")));
    let (s, p) = app
        .api(Method::POST, &token, &path, Some(json!({"action": "helpline_1930", "done_at": "2099-01-01T10:00"})))
        .await;
    assert_eq!((s, p["errors"][0]["code"].as_str()), (422, Some("error-future")));
    let auditor = app.token("auditor.jaipur").await;
    let (s, _) = app.api(Method::POST, &auditor, &path, Some(json!({"action": "helpline_1930"}))).await;
    assert_eq!(s, 403);
    let (_, actions) = app.api(Method::GET, &token, &path, None).await;
    assert_eq!(actions, json!([]), "nothing recorded by the refused requests");
}
