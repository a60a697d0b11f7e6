//! Golden hour: triage at intake, the three actions, deadlines, the work queue.

use reqwest::Method;
use serde_json::{Value, json};

use crate::helpers::{Db, TestApp, backends, csrf_of, spawn_app, texts};

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
        let banner = texts(&page, "#triage .golden-head h2");
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
        // Nothing due: no money, no communication to report, no takedown, its plan's steps done.
        let quiet = app
            .create_case(&token, json!({"scam_pattern": "sim_swap", "amount_lost_paise": null, "payment_channel": ""}))
            .await;
        let (_, tasks) = app.api(Method::GET, &token, &format!("/api/v1/cases/{}/tasks", quiet["id"]), None).await;
        for t in tasks.as_array().unwrap() {
            let path = format!("/api/v1/cases/{}/tasks/{}", quiet["id"], t["id"]);
            app.api(Method::POST, &token, &path, Some(json!({"done": true}))).await;
        }
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

#[tokio::test]
async fn intake_puts_the_case_on_its_plan_and_actions_tick_off_their_steps() {
    for db in backends() {
        let app = spawn_app(db).await;
        let token = app.token("counsellor.jaipur").await;
        let case = app
            .create_case(
                &token,
                json!({"money_left": "yes", "money_left_at": ist_minutes_ago(20), "scam_pattern": "upi_qr"}),
            )
            .await;
        let id = case["id"].as_i64().unwrap();
        let (_, tasks) = app.api(Method::GET, &token, &format!("/api/v1/cases/{id}/tasks?lang=en"), None).await;
        let steps: Vec<&str> = tasks.as_array().unwrap().iter().map(|t| t["step"].as_str().unwrap()).collect();
        assert_eq!(&steps[..3], ["call_1930", "call_bank", "complete_ncrp"], "{db:?}: golden steps first");
        assert_eq!(tasks[0]["plan"], "upi");
        // The desk's steps go to the registering counsellor when nobody is assigned.
        assert!(tasks[0]["owner_name"].is_null() || tasks[0]["owner_name"] == "counsellor.jaipur", "{}", tasks[0]);
        // 1930 is due within an hour of the money leaving; 20 minutes have passed.
        let due = chrono::DateTime::parse_from_rfc3339(tasks[0]["due_at"].as_str().unwrap()).unwrap();
        let left = due.signed_duration_since(chrono::Utc::now()).num_minutes();
        assert!((35..=41).contains(&left), "{db:?}: {left} minutes left");

        // Recording the 1930 call ticks off the plan's step.
        app.api(Method::POST, &token, &format!("/api/v1/cases/{id}/actions"), Some(json!({"action": "helpline_1930"})))
            .await;
        let (_, tasks) = app.api(Method::GET, &token, &format!("/api/v1/cases/{id}/tasks"), None).await;
        assert!(tasks[0]["done_at"].is_string(), "{db:?}: {}", tasks[0]);
        assert!(tasks[1]["done_at"].is_null());

        // Ticking a task by hand, and switching plans keeps what is done.
        let task = tasks[1]["id"].as_i64().unwrap();
        let (s, _) = app
            .api(Method::POST, &token, &format!("/api/v1/cases/{id}/tasks/{task}"), Some(json!({"done": true})))
            .await;
        assert_eq!(s, 200);
        let (s, switched) =
            app.api(Method::POST, &token, &format!("/api/v1/cases/{id}/plan"), Some(json!({"plan": "vishing"}))).await;
        assert_eq!(s, 200, "{switched}");
        let done: Vec<&str> = switched
            .as_array()
            .unwrap()
            .iter()
            .filter(|t| t["done_at"].is_string())
            .map(|t| t["step"].as_str().unwrap())
            .collect();
        assert_eq!(done, ["call_1930", "call_bank"], "{db:?}");
        assert!(switched.as_array().unwrap().iter().any(|t| t["plan"] == "vishing"));
        let (s, _) =
            app.api(Method::POST, &token, &format!("/api/v1/cases/{id}/plan"), Some(json!({"plan": "nope"}))).await;
        assert_eq!(s, 422);
    }
}

#[tokio::test]
async fn the_victim_takes_home_the_plan_in_their_language() {
    let app = spawn_app(Db::Sqlite).await;
    let token = app.token("supervisor").await;
    let case = app
        .create_case(&token, json!({"victim_lang": "hi", "money_left": "yes", "money_left_at": ist_minutes_ago(90)}))
        .await;
    let b = app.browser("supervisor").await; // the supervisor reads English
    let sheet_path = format!("/cases/{}/plan/sheet", case["reference"].as_str().unwrap());
    let (s, sheet) = b.get(&sheet_path).await;
    assert_eq!(s, 200);
    assert_eq!(texts(&sheet, "h1"), ["अब क्या करें"], "the victim's language, not the worker's");
    let steps = texts(&sheet, "ol.sheet-steps li p:first-child");
    assert!(steps.len() >= 3 && steps[0].contains("1930"), "{steps:?}");
    assert!(!texts(&sheet, ".sheet-deadlines li").is_empty(), "deadlines are on the sheet");
    let (_, english) = b.get(&format!("{sheet_path}?lang=en")).await;
    assert_eq!(texts(&english, "h1"), ["What to do now"]);
}

/// The portal's trail for a fraud yesterday (holds only start the lien clock under the 2026 SOP).
fn trail_csv() -> String {
    let day = (chrono::Utc::now() - chrono::Duration::days(1))
        .with_timezone(&sahayak_domain::time::ist())
        .format("%d/%m/%Y")
        .to_string();
    TRAIL_CSV.replace("19/06/2025", &day)
}

const TRAIL_CSV: &str = "S No.,Acknowledgement No.,Account No./(Wallet/PG/PA) Id,Transaction Id/UTR Number,Bank/FIs,Layer,Account No,IFSC Code,Transaction Date,Transaction Amount,Disputed Amount,Remarks,Put on hold Amount,Action Taken By bank\n\
1,31612260012345,50100234567891,412345678901,HDFC Bank,1,920010012345678,UTIB0000123,19/06/2025 10:15:32,49999,49999,,,Money Transfer to\n\
2,31612260012345,920010012345678,412345678902,Axis Bank,2,33445566778,SBIN0001234,19/06/2025 10:21,20000,20000,,12000,Transaction put on hold\n\
3,31612260012345,33445566778,412345678903,SBI,x,1234,SBIN0001234,19/06/2025,5000,5000,,,Withdrawal through ATM\n";

#[tokio::test]
async fn the_portal_trail_imports_after_a_preview_that_names_bad_rows() {
    for db in backends() {
        let app = spawn_app(db).await;
        let token = app.token("counsellor.jaipur").await;
        let case = app.create_case(&token, json!({"amount_lost_paise": 4_999_900})).await;
        let id = case["id"].as_i64().unwrap();
        let form = reqwest::multipart::Form::new()
            .part("file", reqwest::multipart::Part::bytes(trail_csv().into_bytes()).file_name("trail.csv"));
        let r = TestApp::http()
            .post(app.url(&format!("/api/v1/cases/{id}/trail/import?lang=en")))
            .bearer_auth(&token)
            .multipart(form)
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 200, "{db:?}");
        let preview: Value = r.json().await.unwrap();
        assert_eq!(preview["rows"].as_array().unwrap().len(), 2);
        assert_eq!(preview["errors"][0]["row"], 4);
        assert_eq!(preview["errors"][0]["code"], "trail-error-layer");
        let (_, trail) = app.api(Method::GET, &token, &format!("/api/v1/cases/{id}/trail"), None).await;
        assert!(trail["rows"].as_array().unwrap().is_empty(), "{db:?}: nothing imported before confirming");

        let import = preview["import_id"].as_i64().unwrap();
        let path = format!("/api/v1/cases/{id}/trail/import/{import}");
        let (s, done) = app.api(Method::POST, &token, &path, None).await;
        assert_eq!((s, done["imported"].as_i64()), (200, Some(2)), "{db:?}");
        let (s, _) = app.api(Method::POST, &token, &path, None).await;
        assert_eq!(s, 404, "a preview is imported once");
        let (_, trail) = app.api(Method::GET, &token, &format!("/api/v1/cases/{id}/trail"), None).await;
        assert_eq!(
            trail["totals"],
            json!({"reported_paise": 4_999_900, "held_paise": 1_200_000, "restored_paise": 0}),
            "{db:?}"
        );
        assert_eq!(trail["rows"][1]["action"], "on_hold");

        // The hold starts the 90-day lien clock.
        let (_, deadlines) = app.api(Method::GET, &token, &format!("/api/v1/cases/{id}/deadlines"), None).await;
        assert!(rule_status(&deadlines, "lien_hold_expiry").is_some(), "{db:?}: {deadlines}");

        // Restored money is kept apart from held money.
        let (s, _) = app
            .api(
                Method::POST,
                &token,
                &format!("/api/v1/cases/{id}/restorations"),
                Some(
                    json!({"route": "admin_under_50k", "status": "refunded", "amount": "12,000", "restored": "12000"}),
                ),
            )
            .await;
        assert_eq!(s, 200);
        let (_, money) = app.api(Method::GET, &token, "/api/v1/money?district=jaipur", None).await;
        assert_eq!(money, json!({"reported_paise": 4_999_900, "held_paise": 1_200_000, "restored_paise": 1_200_000}));

        // Not a trail at all.
        let form = reqwest::multipart::Form::new()
            .part("file", reqwest::multipart::Part::bytes(b"name,phone\nx,y\n".to_vec()));
        let r = TestApp::http()
            .post(app.url(&format!("/api/v1/cases/{id}/trail/import")))
            .bearer_auth(&token)
            .multipart(form)
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 422);
    }
}

#[tokio::test]
async fn the_trail_import_works_from_the_case_page() {
    let app = spawn_app(Db::Sqlite).await;
    let token = app.token("counsellor.jaipur").await;
    let case = app.create_case(&token, json!({})).await;
    let reference = case["reference"].as_str().unwrap();
    let b = app.browser("counsellor.jaipur").await;
    let csrf = b.csrf(&format!("/cases/{reference}")).await;
    let form = reqwest::multipart::Form::new()
        .text("csrf", csrf.clone())
        .part("file", reqwest::multipart::Part::bytes(trail_csv().into_bytes()).file_name("trail.csv"));
    let r = b.client.post(app.url(&format!("/cases/{reference}/trail/import"))).multipart(form).send().await.unwrap();
    assert_eq!(r.status(), 200);
    let page = r.text().await.unwrap();
    assert_eq!(texts(&page, "table.trail tbody tr").len(), 2);
    assert!(texts(&page, "[role=alert] li")[0].contains("पंक्ति 4"), "{page}");
    let action = scraper::Html::parse_document(&page)
        .select(&scraper::Selector::parse("form.actions").unwrap())
        .next()
        .unwrap()
        .value()
        .attr("action")
        .unwrap()
        .to_owned();
    let (s, loc, _) = b.post(&action, &[("csrf", &csrf)]).await;
    assert_eq!((s, loc.as_deref()), (303, Some(format!("/cases/{reference}#trail").as_str())));
    let (_, page) = b.get(&format!("/cases/{reference}")).await;
    assert_eq!(texts(&page, "#trail table.trail tbody tr").len(), 2);
}
