//! One clock: the server reads "now" only from the clock it was given, so deadline examples
//! replay exactly through the HTTP API.

use std::sync::Arc;

use chrono::{DateTime, Duration, TimeZone, Utc};
use reqwest::Method;
use sahayak::clock::SetClock;
use serde_json::{Value, json};

use crate::helpers::{backends, spawn_app_at};

fn ist(y: i32, m: u32, d: u32, h: u32, mi: u32) -> DateTime<Utc> {
    sahayak_domain::time::ist().with_ymd_and_hms(y, m, d, h, mi, 0).unwrap().with_timezone(&Utc)
}

fn deadline<'a>(list: &'a Value, rule: &str) -> &'a Value {
    list.as_array().unwrap().iter().find(|d| d["rule"] == rule).unwrap_or_else(|| panic!("{rule} in {list}"))
}

/// Friday 6 November 2026, a UPI debit at 18:30 IST that the victim did not make, told at the
/// desk half an hour later. Saturday 7 November is a working Saturday for banks in Rajasthan,
/// Sunday is off and Monday 9 November is Govardhan Puja, so the three working days of zero
/// liability run to the end of Wednesday 11 November and the seven of limited liability to the
/// end of Tuesday 17 November (RBI circular of 6 July 2017; REFERENCE.md §3.1).
#[tokio::test]
async fn deadline_examples_run_through_the_api_on_the_servers_clock() {
    for db in backends() {
        let clock = Arc::new(SetClock::at(ist(2026, 11, 6, 19, 0)));
        let app = spawn_app_at(db, clock.clone()).await;
        let token = app.token("counsellor.jaipur").await;
        let case = app
            .create_case(
                &token,
                json!({"money_left": "yes", "money_left_at": "30 minutes ago", "amount_lost_paise": 1_500_000,
                       "scam_pattern": "upi_qr"}),
            )
            .await;
        let id = case["id"].as_i64().unwrap();
        assert_eq!(case["urgent"], true, "{db:?}: {case}");
        assert_eq!(case["money_left_at"], "2026-11-06T13:00:00Z", "{db:?}: typed time read on the server's clock");
        assert_eq!(case["created_at"], "2026-11-06T13:30:00Z", "{db:?}: {case}");

        let facts = json!({"payer": "someone_else", "account": "savings", "credentials_shared": false,
                           "bank_alert_at": "2026-11-06T18:31"});
        let (s, body) = app.api(Method::PUT, &token, &format!("/api/v1/cases/{id}/payment-facts"), Some(facts)).await;
        assert_eq!(s, 200, "{db:?}: {body}");

        let (s, list) = app.api(Method::GET, &token, &format!("/api/v1/cases/{id}/deadlines?lang=en"), None).await;
        assert_eq!(s, 200, "{db:?}: {list}");
        let zero = deadline(&list, "rbi_zero_liability_report");
        assert_eq!(zero["due_at"], "2026-11-11T18:29:59Z", "{db:?}: {zero}");
        assert_eq!(zero["status"], "upcoming", "{db:?}: {zero}");
        let limited = deadline(&list, "rbi_limited_liability_report");
        assert_eq!(limited["due_at"], "2026-11-17T18:29:59Z", "{db:?}: {limited}");

        // Thursday morning, the bank still not told: the zero-liability window has closed.
        clock.set(ist(2026, 11, 12, 10, 0));
        let (s, _) = app.api(Method::GET, &token, &format!("/api/v1/cases/{id}"), None).await;
        assert_eq!(s, 401, "{db:?}: sessions age on the same clock: last week's token has expired");
        let token = app.token("counsellor.jaipur").await;
        let (_, list) = app.api(Method::GET, &token, &format!("/api/v1/cases/{id}/deadlines?lang=en"), None).await;
        assert_eq!(deadline(&list, "rbi_zero_liability_report")["status"], "overdue", "{db:?}: {list}");
        assert_eq!(deadline(&list, "rbi_limited_liability_report")["status"], "upcoming", "{db:?}: {list}");

        // Told today: the timeline shows the server's time, not the machine's.
        let (s, body) = app
            .api(
                Method::POST,
                &token,
                &format!("/api/v1/cases/{id}/notes"),
                Some(json!({"body": "Victim told the bank at the branch."})),
            )
            .await;
        assert_eq!(s, 201, "{db:?}: {body}");
        assert_eq!(body["at"], "2026-11-12T04:30:00Z", "{db:?}: {body}");
        // Five minutes on, the next note says so.
        clock.advance(Duration::minutes(5));
        let (_, body) = app
            .api(Method::POST, &token, &format!("/api/v1/cases/{id}/notes"), Some(json!({"body": "Bank confirmed."})))
            .await;
        assert_eq!(body["at"], "2026-11-12T04:35:00Z", "{db:?}: {body}");

        // A moment pinned for one piece of work (as the demo does) wins over the set clock.
        let last_year = ist(2025, 11, 12, 10, 0).timestamp_millis();
        let pinned = sahayak::clock::at(last_year, async { app.state.now_millis() }).await;
        assert_eq!(pinned, last_year, "{db:?}");
        assert_eq!(app.state.now_millis(), ist(2026, 11, 12, 10, 5).timestamp_millis(), "{db:?}: the pin ends");
    }
}

/// No server file reads the wall clock itself: every "now" comes from `crate::clock`, so the
/// test above covers every page and job. (Monotonic `Instant`s measure durations, not dates.)
#[test]
fn no_server_code_reads_the_system_clock() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut offenders = Vec::new();
    let mut stack = vec![root.join("src"), root.join("crates/domain/src"), root.join("crates/documents/src")];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") && !path.ends_with("src/clock.rs") {
                let text = std::fs::read_to_string(&path).unwrap();
                for (n, line) in text.lines().enumerate() {
                    let code = line.split("//").next().unwrap_or_default();
                    if ["Utc::now(", "Local::now(", "SystemTime::now(", "UNIX_EPOCH.elapsed("]
                        .iter()
                        .any(|p| code.contains(p))
                    {
                        offenders.push(format!("{}:{}", path.strip_prefix(root).unwrap().display(), n + 1));
                    }
                }
            }
        }
    }
    assert!(offenders.is_empty(), "read the time from the store's clock (crate::clock), not the system: {offenders:?}");
}
