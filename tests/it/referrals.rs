//! Referrals to a police station and to legal aid: consent first, the handover facts, news
//! from the other side, and the reminder that comes due when nothing moves.

use reqwest::Method;
use serde_json::{Value, json};

use crate::helpers::{backends, csrf_of, spawn_app};

fn reminders(tasks: &Value) -> Vec<(String, bool)> {
    tasks
        .as_array()
        .unwrap()
        .iter()
        .filter(|t| t["title"].as_str().is_some_and(|t| t.contains("Cyber Police Station")))
        .map(|t| (t["title"].as_str().unwrap().to_owned(), t["done_at"].is_null()))
        .collect()
}

#[tokio::test]
async fn a_case_is_carried_to_the_police_and_followed_up() {
    for db in backends() {
        let app = spawn_app(db).await;
        let counsellor = app.token("counsellor.jaipur").await;
        let case = app.create_case(&counsellor, json!({})).await;
        let id = case["id"].as_i64().unwrap();
        let path = format!("/api/v1/cases/{id}/referrals");
        let referral = json!({"kind": "police", "to_name": "Cyber Police Station, Jaipur", "officer": "SI R. Meena",
            "ack_number": "31612260012345", "handed_over_at": "2026-11-20T11:00", "note": "Papers handed over by hand"});

        // No consent to a police referral: refused, with the reason.
        let (s, p) = app.api(Method::POST, &counsellor, &path, Some(referral.clone())).await;
        assert_eq!((s, p["errors"][0]["code"].as_str()), (422, Some("consent-missing")), "{db:?}: {p}");
        let consent = json!({"purpose": "referral_police", "given": true});
        app.api(Method::POST, &counsellor, &format!("/api/v1/cases/{id}/consents"), Some(consent)).await;
        let (s, rows) = app.api(Method::POST, &counsellor, &path, Some(referral.clone())).await;
        assert_eq!(s, 201, "{db:?}: {rows}");
        let r = &rows[0];
        assert_eq!((r["status"].as_str(), r["handed_over_at"].as_str()), (Some("sent"), Some("2026-11-20T05:30:00Z")));
        let rid = r["id"].as_i64().unwrap();

        // The reminder waits a week (the default).
        let (_, tasks) = app.api(Method::GET, &counsellor, &format!("/api/v1/cases/{id}/tasks"), None).await;
        let open = reminders(&tasks);
        assert_eq!(open.len(), 1, "{db:?}: {tasks}");
        assert!(open[0].1, "open");

        // News: the FIR is registered. The old reminder closes, a new one is set.
        let news = json!({"status": "fir_registered", "fir_number": "0412/2026", "note": "e-FIR converted"});
        let (s, rows) = app.api(Method::POST, &counsellor, &format!("{path}/{rid}"), Some(news)).await;
        assert_eq!(s, 200, "{db:?}: {rows}");
        assert_eq!(
            (rows[0]["fir_number"].as_str(), rows[0]["officer"].as_str()),
            (Some("0412/2026"), Some("SI R. Meena"))
        );
        assert_eq!(rows[0]["updates"].as_array().unwrap().len(), 2);
        let (_, tasks) = app.api(Method::GET, &counsellor, &format!("/api/v1/cases/{id}/tasks"), None).await;
        let states: Vec<bool> = reminders(&tasks).into_iter().map(|(_, open)| open).collect();
        assert_eq!(states, [false, true], "{db:?}");

        // Closed: no reminder left open.
        let (s, _) = app
            .api(
                Method::POST,
                &counsellor,
                &format!("{path}/{rid}"),
                Some(json!({"status": "closed", "outcome": "Chargesheet filed"})),
            )
            .await;
        assert_eq!(s, 200);
        let (_, tasks) = app.api(Method::GET, &counsellor, &format!("/api/v1/cases/{id}/tasks"), None).await;
        assert!(reminders(&tasks).iter().all(|(_, open)| !open), "{db:?}");

        // Bad news is refused field by field; another case's referral is not found.
        let (s, _) =
            app.api(Method::POST, &counsellor, &format!("{path}/{rid}"), Some(json!({"status": "lost"}))).await;
        assert_eq!(s, 422);
        let other = app.create_case(&counsellor, json!({})).await["id"].as_i64().unwrap();
        let (s, _) = app
            .api(
                Method::POST,
                &counsellor,
                &format!("/api/v1/cases/{other}/referrals/{rid}"),
                Some(json!({"status": "closed"})),
            )
            .await;
        assert_eq!(s, 404, "{db:?}");

        // Legal aid through the page, by a supervisor who records why there is no consent yet.
        let b = app.browser("supervisor").await;
        let reference = case["reference"].as_str().unwrap();
        let (_, page) = b.get(&format!("/cases/{reference}")).await;
        let form = [
            ("csrf", csrf_of(&page)),
            ("kind", "legal_aid".into()),
            ("to_name", "District Legal Services Authority, Jaipur".into()),
            ("consent_override", "Victim asked on the phone; written consent follows".into()),
        ];
        let pairs: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let (s, _, _) = b.post(&format!("/cases/{reference}/referrals"), &pairs).await;
        assert_eq!(s, 303, "{db:?}");
        let (_, page) = b.get(&format!("/cases/{reference}")).await;
        assert!(page.contains("District Legal Services Authority, Jaipur") && page.contains("0412/2026"));
    }
}
