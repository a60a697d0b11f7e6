//! The demo (`serve --demo`) shows what the README promises: a year and more of history, evidence,
//! holds and restorations, counselling, referrals, follow-up calls, the victim's own page, the
//! watch-list and a ring across districts, awareness programmes, and centres with their address.

use std::collections::{BTreeMap, BTreeSet};

use sahayak::demo::showcase;
use sahayak::store::{CaseFilter, CaseSummary, Flag, Scope, SearchFilter};
use sahayak_domain::identifiers::IdKind;
use serde_json::{Value, json};

use crate::helpers::{TestApp, backends, spawn_empty_app};

async fn demo_token(app: &TestApp) -> String {
    let r = TestApp::http()
        .post(app.url("/api/v1/auth/login"))
        .json(&json!({"username": sahayak::demo::LOGIN, "password": sahayak::demo::PASSWORD}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    r.json::<Value>().await.unwrap()["token"].as_str().unwrap().to_owned()
}

async fn case_of(app: &TestApp, mobile: &str) -> CaseSummary {
    let filter = CaseFilter { search: Some(SearchFilter::Mobile(format!("+91{mobile}"))), ..Default::default() };
    let page = app.state.store.list_cases(&Scope::All, &filter, None, 2).await.unwrap();
    assert_eq!(page.items.len(), 1, "one demo case for {mobile}");
    page.items.into_iter().next().unwrap()
}

async fn all_cases(app: &TestApp) -> Vec<CaseSummary> {
    let (mut out, mut before) = (Vec::new(), None);
    loop {
        let page = app.state.store.list_cases(&Scope::All, &CaseFilter::default(), before, 100).await.unwrap();
        out.extend(page.items);
        match page.next {
            Some(n) => before = Some(n),
            None => return out,
        }
    }
}

#[tokio::test]
async fn the_demo_shows_everything_the_readme_promises() {
    for db in backends() {
        let app = spawn_empty_app(db).await;
        let started = std::time::Instant::now();
        let added = sahayak::demo::load(&app.state).await.unwrap();
        eprintln!("{db:?}: demo of {added} cases loaded in {:.1} s", started.elapsed().as_secs_f64());
        assert_eq!(sahayak::demo::load(&app.state).await.unwrap(), 0, "{db:?}: loaded once");
        let cases = all_cases(&app).await;
        assert_eq!(cases.len(), added, "{db:?}");
        assert_eq!(added, sahayak::demo::case_count(chrono::Utc::now().timestamp_millis()).unwrap(), "{db:?}");
        assert!(added >= 150, "{db:?}: {added} cases");
        let token = demo_token(&app).await;

        // Fifteen months of intake in both districts, every status, many kinds of fraud.
        let (_, dash) = app.api(reqwest::Method::GET, &token, "/api/v1/dashboard", None).await;
        let months = dash["cases_registered"]["months"].as_array().unwrap();
        assert_eq!(months.len(), 12, "{db:?}: {dash}");
        assert!(months.iter().all(|n| n.as_i64().unwrap() >= 3), "{db:?}: cases in each of the 12 months: {months:?}");
        for district in ["jaipur", "jodhpur"] {
            let (_, d) =
                app.api(reqwest::Method::GET, &token, &format!("/api/v1/dashboard?district={district}"), None).await;
            let with_cases =
                d["cases_registered"]["months"].as_array().unwrap().iter().filter(|n| n.as_i64() > Some(0));
            assert!(with_cases.count() >= 12, "{db:?}: {district}: {d}");
        }
        let statuses: BTreeSet<String> = cases.iter().map(|c| c.status.code().to_owned()).collect();
        assert_eq!(statuses.len(), 7, "{db:?}: every status: {statuses:?}");
        assert!(dash["by_scam_pattern"].as_array().unwrap().len() >= 12, "{db:?}");
        assert!(dash["by_channel"].as_array().unwrap().len() == 4, "{db:?}");
        // Money held and restored, kept apart.
        let money = &dash["money"];
        assert!(money["held_paise"].as_i64().unwrap() > 0, "{db:?}: {money}");
        assert!(money["restored_paise"].as_i64().unwrap() > 0, "{db:?}: {money}");
        assert!(money["held_paise"].as_i64() < money["reported_lost_paise"].as_i64(), "{db:?}: {money}");
        assert!(dash["portal_filing"]["count"].as_i64().unwrap() > 50, "{db:?}");
        assert!(dash["referral"]["count"].as_i64().unwrap() > 10, "{db:?}");
        // The golden-hour share differs from month to month.
        let mut shares = BTreeSet::new();
        for m in dash["months"].as_array().unwrap() {
            let m = m.as_str().unwrap();
            let (_, d) =
                app.api(reqwest::Method::GET, &token, &format!("/api/v1/dashboard?from={m}&to={m}"), None).await;
            if let Some(s) = d["golden_hour"]["share_within"].as_f64() {
                shares.insert((s * 100.0).round() as i64);
            }
        }
        assert!(shares.len() >= 4, "{db:?}: golden-hour shares by month: {shares:?}");
        // Closure reasons, and restorations by each route.
        let mut reasons = BTreeSet::new();
        let mut routes: BTreeMap<String, i64> = BTreeMap::new();
        let mut follow_ups_done = 0;
        for c in &cases {
            if c.status.code() == "closed" {
                let case = app.state.store.case(c.id).await.unwrap();
                reasons.insert(case.closure_reason.map(|r| r.code().to_owned()).unwrap_or_default());
                follow_ups_done +=
                    app.state.store.follow_ups(c.id).await.unwrap().iter().filter(|f| f.done_at.is_some()).count();
            }
            for r in app.state.store.restorations(c.id).await.unwrap() {
                *routes.entry(r.route).or_default() += r.restored_paise;
            }
        }
        assert!(reasons.len() >= 7, "{db:?}: closure reasons {reasons:?}");
        for route in ["admin_under_50k", "magistrate_order", "lok_adalat"] {
            assert!(routes.get(route).is_some_and(|p| *p > 0), "{db:?}: money restored by {route}: {routes:?}");
        }
        assert!(follow_ups_done >= 20, "{db:?}: {follow_ups_done} follow-up calls");

        // Evidence: images, a statement PDF, a chat export, each with custody; a copy for the portal.
        let ev = case_of(&app, showcase::EVIDENCE).await;
        let items = app.state.store.evidence_items(ev.id).await.unwrap();
        let mimes: Vec<&str> = items.iter().map(|i| i.mime.as_str()).collect();
        for mime in ["image/png", "application/pdf", "text/plain", "image/webp", "image/jpeg"] {
            assert!(mimes.contains(&mime), "{db:?}: {mime} in {mimes:?}");
        }
        let originals = items.iter().filter(|i| i.derived_from.is_none());
        assert!(originals.clone().count() >= 5, "{db:?}");
        assert!(
            originals.clone().all(|i| i.capture.device_type.as_deref() == Some("mobile")),
            "{db:?}: s.63 capture facts"
        );
        let copy = items.iter().find(|i| i.mime == "image/jpeg").unwrap();
        let photo = items.iter().find(|i| i.mime == "image/webp").unwrap();
        assert_eq!(copy.derived_from, Some(photo.id), "{db:?}");
        let ids: Vec<i64> = items.iter().map(|i| i.id).collect();
        let custody: BTreeSet<String> =
            app.state.store.custody(&ids).await.unwrap().into_iter().map(|e| e.action).collect();
        for action in ["received", "viewed", "handed_to_police", "copied"] {
            assert!(custody.contains(action), "{db:?}: custody {action} in {custody:?}");
        }
        let (status, verify) =
            app.api(reqwest::Method::GET, &token, &format!("/api/v1/cases/{}/evidence/verify", ev.id), None).await;
        assert_eq!((status, &verify["ok"]), (200, &json!(true)), "{db:?}: {verify}");

        // A money trail with layers and holds.
        let trail = app.state.store.trail(case_of(&app, showcase::TRAIL).await.id).await.unwrap();
        let layers: BTreeSet<i64> = trail.iter().map(|t| t.layer).collect();
        assert_eq!(layers, BTreeSet::from([0, 1, 2]), "{db:?}");
        assert!(trail.iter().filter(|t| t.action == "on_hold" && t.hold_paise > Some(0)).count() >= 2, "{db:?}");

        // Counselling, one session with a risk flag: that case leads the queue.
        let at_risk = case_of(&app, "9001453628").await;
        let sessions = app.state.store.counselling_sessions(at_risk.id).await.unwrap();
        assert!(sessions.iter().any(|s| s.risk_threats), "{db:?}");
        let mut counselled = 0;
        for mobile in ["9001453628", "9001958163", showcase::TRAIL, "9001342517"] {
            counselled += app.state.store.counselling_sessions(case_of(&app, mobile).await.id).await.unwrap().len();
        }
        assert!(counselled >= 5, "{db:?}: {counselled} sessions");
        let queue = app.state.store.queue(&Scope::All, None, 5).await.unwrap();
        assert_eq!(queue[0].case.id, at_risk.id, "{db:?}: the person at risk comes first");

        // Referrals with news, and one gone stale.
        let (_, r) = app
            .api(
                reqwest::Method::GET,
                &token,
                &format!("/api/v1/cases/{}/referrals", case_of(&app, "9001019284").await.id),
                None,
            )
            .await;
        assert_eq!(r[0]["status"], "fir_registered", "{db:?}: {r}");
        // Stale: no news for longer than the reminder period, and its reminder overdue.
        let quiet = case_of(&app, "9001780246").await.id;
        let (referrals, _) = app.state.store.referrals(quiet).await.unwrap();
        let now = chrono::Utc::now().timestamp_millis();
        let days = app.state.config.referral_reminder_days;
        assert!(referrals[0].status == "sent" && now - referrals[0].updated_at > days * 86_400_000, "{db:?}");
        let tasks = app.state.store.case_tasks(quiet).await.unwrap();
        assert!(tasks.iter().any(|t| t.done_at.is_none() && t.due_at < Some(now) && t.title.is_some()), "{db:?}");
        let (_, r) = app
            .api(
                reqwest::Method::GET,
                &token,
                &format!("/api/v1/cases/{}/referrals", case_of(&app, "9001847305").await.id),
                None,
            )
            .await;
        assert_eq!((&r[0]["kind"], &r[0]["status"]), (&json!("legal_aid"), &json!("lawyer_assigned")));

        // The victim's own page opens with the reference and code the start-up prints.
        let tour = sahayak::demo::tour(&app.state).await.unwrap();
        let (reference, code) = tour.victim.clone().expect("a victim code");
        let r = TestApp::http()
            .post(app.url("/api/v1/track"))
            .json(&json!({"reference": reference, "code": code}))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 200, "{db:?}");
        let victim = case_of(&app, showcase::VICTIM).await;
        let requests = app.state.store.victim_requests(victim.id).await.unwrap();
        assert_eq!(requests.len(), 2, "{db:?}");
        assert_eq!(requests.iter().filter(|r| r.handled_at.is_some()).count(), 1, "{db:?}");
        let lines = tour.lines("http://demo");
        for want in ["/queue", "/cases/JDH-", "/rings/", "/dashboard", &reference, &code, "/help?district=jaipur"] {
            assert!(lines.iter().any(|l| l.contains(want)), "{db:?}: {want} in {lines:?}");
        }

        // The watch-list alerts, and a ring spans both districts.
        let watched = app.state.store.identifier(IdKind::Upi, "refundhelp.sbi@ybl").await.unwrap().unwrap();
        assert_eq!(watched.flag, Some(Flag::Watch), "{db:?}");
        let timeline = app.state.store.timeline(victim.id).await.unwrap();
        assert!(timeline.iter().any(|e| e.kind == "watch_match"), "{db:?}");
        assert_eq!(tour.ring.map(|(_, districts)| districts), Some(2), "{db:?}");

        // Awareness programmes held across the year.
        let held = &dash["awareness"]["programmes_held"]["months"];
        let months_with = held.as_array().unwrap().iter().filter(|n| n.as_i64() > Some(0)).count();
        assert!(months_with >= 8, "{db:?}: {held}");

        // Each centre with its names, address and helpline, on the public help page.
        for district in ["jaipur", "jodhpur"] {
            let d = app.state.store.district_by_code(district).await.unwrap().unwrap();
            assert!(d.centre_name.is_some() && d.centre_name_hi.is_some(), "{db:?}: {district}");
            let (address, phone) = (d.centre_address.unwrap(), d.centre_phone.unwrap());
            let r = TestApp::http().get(app.url(&format!("/help?district={district}"))).send().await.unwrap();
            assert_eq!(r.status(), 200);
            let html = r.text().await.unwrap();
            assert!(html.contains(&phone) && html.contains(address.split(',').next().unwrap()), "{db:?}: {district}");
        }
    }
}
