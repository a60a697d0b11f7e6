//! Dashboards: the figures checked against a small case file with fixed times, worked out by
//! hand; who sees which district's figures; the page, the monthly report and the metrics.

use reqwest::Method;
use sahayak::store::{
    CaseAction, CaseFields, NewCase, NewReferral, NewTask, ReferralChange, Reminder, Restoration, StatusChange,
    TrailRow,
};
use sahayak_domain::case::{Channel, Lang, MoneyLeft, ScamPattern, Status};
use sahayak_domain::deadlines::clock::ist_at;
use serde_json::Value;

use crate::helpers::*;

const OFF: &str = "Online Financial Fraud";
const SOCIAL: &str = "Online and Social Media Related Crime";

fn ms(y: i32, mo: u32, d: u32, h: u32, mi: u32) -> i64 {
    ist_at(y, mo, d, h, mi).unwrap().timestamp_millis()
}

struct Spec {
    district: &'static str,
    at: i64,
    channel: Channel,
    category: &'static str,
    scam: ScamPattern,
    lost: Option<i64>,
    money_left: Option<MoneyLeft>,
    money_left_at: Option<i64>,
}

async fn insert(app: &TestApp, actor: i64, s: Spec) -> i64 {
    let d = app.state.store.district_by_code(s.district).await.unwrap().unwrap();
    let fields = CaseFields {
        channel: s.channel,
        victim_name: "परीक्षण पीड़ित".into(),
        victim_mobile: "+919829012345".into(),
        victim_lang: Lang::Hi,
        victim_age: None,
        victim_gender: None,
        victim_address: None,
        narrative: "डैशबोर्ड के आँकड़ों की जाँच".into(),
        incident_at: None,
        noticed_at: None,
        taxonomy_version: "ncrp-2024".into(),
        category: s.category.into(),
        sub_category: None,
        category_other: None,
        scam_pattern: s.scam,
        amount_lost_paise: s.lost,
        payment_channel: None,
        suspect_details: None,
        pasted_messages: None,
        money_left: s.money_left,
        money_left_at: s.money_left_at,
    };
    let search_text = sahayak::cases::input::search_terms(&fields);
    let new = NewCase {
        district_id: d.id,
        year: 2025,
        prefix: d.prefix,
        fields,
        assignee_id: None,
        created_by: actor,
        at: s.at,
        search_text,
        tasks: Vec::new(),
        remember_district_for: None,
    };
    app.state.store.insert_cases_bulk(&[new]).await.unwrap()[0]
}

async fn action(app: &TestApp, actor: i64, case: i64, code: &str, at: i64) {
    let a = CaseAction { action: code.into(), done_at: at, reference: None, note: None, recorded_by: actor };
    app.state.store.record_action(case, &a, at, code).await.unwrap();
}

async fn status(app: &TestApp, actor: i64, case: i64, from: Status, to: Status, at: i64) {
    let change = StatusChange { from, to, reason: None, note: None, actor, at, follow_ups: &[] };
    let unchanged = |c: &sahayak::store::Case| sahayak::store::Urgency {
        urgent: c.urgent,
        next_due_at: c.next_due_at,
        rank: 0,
        until: None,
    };
    app.state.store.change_status(case, &change, unchanged).await.unwrap();
}

async fn task(app: &TestApp, actor: i64, case: i64, due: i64, done: Option<i64>) {
    let t =
        NewTask { plan_id: None, step_id: None, title: Some("Call back".into()), owner_id: None, due_at: Some(due) };
    app.state.store.add_tasks(case, &[t], actor, due - 3_600_000, "tasks").await.unwrap();
    if let Some(done) = done {
        let id = app.state.store.case_tasks(case).await.unwrap().last().unwrap().id;
        app.state.store.set_task_done(case, id, true, actor, done).await.unwrap();
    }
}

/// A referral handed over at `at`, finished a minute later (its reminder task is done then).
async fn refer(app: &TestApp, actor: i64, case: i64, kind: &str, at: i64) {
    let r = NewReferral {
        kind,
        to_name: "Test recipient",
        to_contact: None,
        officer: None,
        fir_number: None,
        ack_number: None,
        handed_over_at: at,
        note: None,
    };
    let reminder = Reminder { title: "Referral reminder", due_at: at + 7 * 86_400_000 };
    let id = app.state.store.add_referral(case, &r, &reminder, actor, at).await.unwrap();
    let done = ReferralChange {
        status: "closed",
        officer: None,
        fir_number: None,
        ack_number: None,
        outcome: None,
        note: None,
    };
    app.state.store.update_referral(case, id, &done, None, actor, at + 60_000).await.unwrap();
}

async fn restore(app: &TestApp, actor: i64, case: i64, paise: i64) {
    let r = Restoration {
        id: 0,
        route: "admin_under_50k".into(),
        status: "refunded".into(),
        amount_paise: paise,
        restored_paise: paise,
        note: None,
        updated_at: 0,
    };
    app.state.store.save_restoration(case, &r, actor, ms(2025, 5, 2, 11, 0)).await.unwrap();
}

/// The case file, and what it should add up to (worked out by hand in the comments).
///
/// Jaipur, March 2025 (IST):
/// - C1 5 Mar 10:20, helpline call, financial fraud (KYC/OTP), ₹10,000 lost; the money left
///   at 10:00 (20 min: within the golden hour); filed on the portal at 10:50 (30 min); ₹4,000
///   put on hold, ₹2,500 restored; handed over to the police 5 Mar 12:20 (2 h, a referral
///   record) and given the status "referred" 6 Mar 12:20 (26 h): the first counts; a task due
///   5 Mar 12:00 done at 13:00 (late).
/// - C3 10 Mar 15:00, walk-in, social media (sextortion), no money; referred at 15:30 (30 min);
///   a task due 11 Mar 09:00, never done (open and overdue).
/// - C4 20 Mar 09:00, helpline call, financial fraud (KYC/OTP), ₹2,000 lost, no time recorded
///   (a money case of unknown timing); closed.
///
/// Jaipur, April 2025: C2 1 Apr 02:00 IST (31 March in UTC), WhatsApp helpline, UPI/QR, ₹5,000
/// lost; money left 31 Mar 22:00 (4 h before: after the golden hour); filed on the portal at
/// 31 Mar 23:00, before intake; referred to legal aid 1 Apr 05:30 (3.5 h, a referral record
/// only: its status stays "new").
///
/// Each referral's reminder task is done a minute after the handover (on time).
///
/// Jodhpur, March 2025: C5 15 Mar 12:00, helpline call, ₹99,000, money left at 11:30.
///
/// Jaipur, two days ago: C6, walk-in, no money (outside the period; open, 0–7 days old).
struct Fixture {
    c1: i64,
    c3: i64,
}

async fn fixture(app: &TestApp) -> Fixture {
    let actor = app.state.store.user_for_login("supervisor").await.unwrap().unwrap().0.id;
    let money = |district, at, channel, category, scam, lost, left_at| Spec {
        district,
        at,
        channel,
        category,
        scam,
        lost: Some(lost),
        money_left: Some(MoneyLeft::Yes),
        money_left_at: left_at,
    };
    let c1 = insert(
        app,
        actor,
        money(
            "jaipur",
            ms(2025, 3, 5, 10, 20),
            Channel::HelplineCall,
            OFF,
            ScamPattern::KycOtp,
            1_000_000,
            Some(ms(2025, 3, 5, 10, 0)),
        ),
    )
    .await;
    let c2 = insert(
        app,
        actor,
        money(
            "jaipur",
            ms(2025, 4, 1, 2, 0),
            Channel::WhatsappHelpline,
            OFF,
            ScamPattern::UpiQr,
            500_000,
            Some(ms(2025, 3, 31, 22, 0)),
        ),
    )
    .await;
    let no_money = |at, channel, scam| Spec {
        district: "jaipur",
        at,
        channel,
        category: SOCIAL,
        scam,
        lost: None,
        money_left: Some(MoneyLeft::No),
        money_left_at: None,
    };
    let c3 = insert(app, actor, no_money(ms(2025, 3, 10, 15, 0), Channel::WalkIn, ScamPattern::Sextortion)).await;
    let c4 = insert(
        app,
        actor,
        Spec {
            money_left: None,
            ..money("jaipur", ms(2025, 3, 20, 9, 0), Channel::HelplineCall, OFF, ScamPattern::KycOtp, 200_000, None)
        },
    )
    .await;
    insert(
        app,
        actor,
        money(
            "jodhpur",
            ms(2025, 3, 15, 12, 0),
            Channel::HelplineCall,
            OFF,
            ScamPattern::KycOtp,
            9_900_000,
            Some(ms(2025, 3, 15, 11, 30)),
        ),
    )
    .await;
    let two_days_ago = chrono::Utc::now().timestamp_millis() - 2 * 86_400_000;
    insert(app, actor, no_money(two_days_ago, Channel::WalkIn, ScamPattern::Other)).await;

    action(app, actor, c1, "portal_filed", ms(2025, 3, 5, 10, 50)).await;
    action(app, actor, c1, "helpline_1930", ms(2025, 3, 5, 10, 30)).await;
    let hold = TrailRow {
        layer: 1,
        amount_paise: 1_000_000,
        action: "on_hold".into(),
        hold_paise: Some(400_000),
        source: "manual".into(),
        ..Default::default()
    };
    let moved = TrailRow {
        layer: 1,
        amount_paise: 600_000,
        action: "transferred".into(),
        source: "manual".into(),
        ..Default::default()
    };
    app.state.store.add_trail_rows(c1, &[hold, moved], actor, ms(2025, 3, 6, 9, 0), "trail").await.unwrap();
    restore(app, actor, c1, 250_000).await;
    refer(app, actor, c1, "police", ms(2025, 3, 5, 12, 20)).await;
    status(app, actor, c1, Status::New, Status::Referred, ms(2025, 3, 6, 12, 20)).await;
    task(app, actor, c1, ms(2025, 3, 5, 12, 0), Some(ms(2025, 3, 5, 13, 0))).await;

    action(app, actor, c2, "portal_filed", ms(2025, 3, 31, 23, 0)).await;
    refer(app, actor, c2, "legal_aid", ms(2025, 4, 1, 5, 30)).await;

    status(app, actor, c3, Status::New, Status::Referred, ms(2025, 3, 10, 15, 30)).await;
    task(app, actor, c3, ms(2025, 3, 11, 9, 0), None).await;
    // C3's next deadline (the task) has passed.
    let due = sahayak::store::Urgency { urgent: false, next_due_at: Some(ms(2025, 3, 11, 9, 0)), rank: 0, until: None };
    app.state.store.set_urgency(c3, &due).await.unwrap();

    status(app, actor, c4, Status::New, Status::Closed, ms(2025, 3, 25, 9, 0)).await;
    Fixture { c1, c3 }
}

async fn dashboard(app: &TestApp, user: &str, query: &str) -> (u16, Value) {
    let token = app.token(user).await;
    app.api(Method::GET, &token, &format!("/api/v1/dashboard?{query}"), None).await
}

fn series(v: &Value, key: &str) -> Value {
    v.as_array().unwrap().iter().find(|s| s["key"] == key).cloned().unwrap_or(Value::Null)
}

#[tokio::test]
async fn dashboard_figures_match_the_hand_worked_fixture() {
    for db in backends() {
        let app = spawn_app(db).await;
        let fx = fixture(&app).await;
        let (s, d) = dashboard(&app, "counsellor.jaipur", "district=jaipur&from=2025-03&to=2025-04").await;
        assert_eq!(s, 200, "{db:?}: {d}");
        assert_eq!(d["months"], serde_json::json!(["2025-03", "2025-04"]), "{db:?}");
        assert_eq!(d["cases_registered"]["months"], serde_json::json!([3, 1]), "{db:?}: C1, C3, C4 | C2 (IST)");
        assert_eq!(series(&d["by_category"], OFF)["months"], serde_json::json!([2, 1]), "{db:?}");
        assert_eq!(series(&d["by_category"], SOCIAL)["total"], 1, "{db:?}");
        assert_eq!(series(&d["by_scam_pattern"], "kyc_otp")["months"], serde_json::json!([2, 0]), "{db:?}");
        assert_eq!(series(&d["by_scam_pattern"], "upi_qr")["total"], 1, "{db:?}");
        assert_eq!(series(&d["by_channel"], "helpline_call")["total"], 2, "{db:?}");
        let m = &d["money"];
        assert_eq!(m["reported_lost_paise"], 1_700_000, "{db:?}: 10,000 + 5,000 + 2,000 rupees");
        assert_eq!(m["held_paise"], 400_000, "{db:?}");
        assert_eq!(m["restored_paise"], 250_000, "{db:?}");
        let g = &d["golden_hour"];
        assert_eq!((g["money_cases"].as_i64(), g["within"].as_i64()), (Some(3), Some(1)), "{db:?}: {g}");
        assert_eq!((g["after"].as_i64(), g["unknown"].as_i64()), (Some(1), Some(1)), "{db:?}: {g}");
        assert_eq!(g["share_within"], 0.5, "{db:?}");
        let p = &d["portal_filing"];
        assert_eq!(
            (p["count"].as_i64(), p["before_intake"].as_i64(), p["within_1h"].as_i64()),
            (Some(2), Some(1), Some(1))
        );
        assert_eq!(p["average_hours"], 0.5, "{db:?}: only C1's 30 minutes count");
        let r = &d["referral"];
        assert_eq!(
            (r["count"].as_i64(), r["within_1h"].as_i64(), r["within_1d"].as_i64(), r["within_7d"].as_i64()),
            (Some(3), Some(1), Some(2), Some(0)),
            "{db:?}: C3 in 30 min; C1 (its referral record, not the later status) and C2 (a record alone) within a day"
        );
        assert_eq!(r["average_hours"], 2.0, "{db:?}: (2 h + 0.5 h + 3.5 h) / 3");
        let hours = d["helpline_hours"].as_array().unwrap();
        assert_eq!(hours.len(), 24);
        assert_eq!((hours[2].as_i64(), hours[9].as_i64(), hours[10].as_i64()), (Some(1), Some(1), Some(1)), "{db:?}");
        assert_eq!(hours.iter().filter_map(Value::as_i64).sum::<i64>(), 3, "{db:?}: the walk-in is not the helpline");
        let x = &d["deadlines"];
        assert_eq!(
            (x["tasks_due"].as_i64(), x["tasks_done_late"].as_i64()),
            (Some(4), Some(1)),
            "{db:?}: C1's and C3's tasks, two referral reminders (on time): {x}"
        );
        assert_eq!(x["tasks_open_overdue"], 1, "{db:?}: C3's task");
        assert_eq!(x["open_cases_overdue_now"], 1, "{db:?}");
        // Open now: C1 and C3 referred (over 90 days), C2 new (over 90 days), C6 new (2 days).
        let open = d["open_cases"].as_array().unwrap();
        let row = |s: &str| open.iter().find(|r| r["status"] == s).cloned().unwrap();
        assert_eq!(row("new")["up_to_7_days"], 1, "{db:?}: {open:?}");
        assert_eq!(row("new")["over_90_days"], 1, "{db:?}");
        assert_eq!(row("referred")["over_90_days"], 2, "{db:?}");
        assert!(open.iter().all(|r| r["status"] != "closed"));

        // One month alone.
        let (_, april) = dashboard(&app, "counsellor.jaipur", "district=jaipur&from=2025-04&to=2025-04").await;
        assert_eq!(april["cases_registered"]["total"], 1, "{db:?}");
        assert_eq!(april["money"]["reported_lost_paise"], 500_000, "{db:?}");

        // A change is in the next read: another restoration for C1, C1 moved to another category.
        let actor = app.state.store.user_for_login("supervisor").await.unwrap().unwrap().0.id;
        restore(&app, actor, fx.c1, 50_000).await;
        sahayak::store::testing::execute(
            &app.state.store,
            &format!("UPDATE cases SET category = '{SOCIAL}' WHERE id = {}", fx.c1),
        )
        .await
        .unwrap();
        let (_, d) = dashboard(&app, "counsellor.jaipur", "district=jaipur&from=2025-03&to=2025-04").await;
        assert_eq!(d["money"]["restored_paise"], 300_000, "{db:?}");
        assert_eq!(series(&d["by_category"], SOCIAL)["months"], serde_json::json!([2, 0]), "{db:?}");
        assert_eq!(app.state.store.dashboard_backlog().await.unwrap(), 0, "{db:?}");
        let _ = fx.c3;
    }
}

#[tokio::test]
async fn district_users_see_only_their_districts_figures() {
    let app = spawn_app(Db::Sqlite).await;
    fixture(&app).await;
    let q = "from=2025-03&to=2025-03";
    // Without a district: the user's own districts.
    let (_, jaipur) = dashboard(&app, "counsellor.jaipur", q).await;
    assert_eq!(jaipur["cases_registered"]["total"], 3);
    assert_eq!(jaipur["district"], Value::Null);
    let (_, jodhpur) = dashboard(&app, "counsellor.jodhpur", q).await;
    assert_eq!(jodhpur["cases_registered"]["total"], 1);
    assert_eq!(jodhpur["money"]["reported_lost_paise"], 9_900_000);
    // The supervisor of both sees both.
    let (_, both) = dashboard(&app, "supervisor", q).await;
    assert_eq!(both["cases_registered"]["total"], 4);
    // Another district's figures are refused like an unknown district.
    let (s, body) = dashboard(&app, "counsellor.jodhpur", &format!("district=jaipur&{q}")).await;
    assert_eq!(s, 422, "{body}");
    let (s2, _) = dashboard(&app, "counsellor.jodhpur", &format!("district=nowhere&{q}")).await;
    assert_eq!(s2, 422);
    // The monthly report too.
    let token = app.token("counsellor.jodhpur").await;
    let (s, body) = app.api(Method::GET, &token, "/api/v1/dashboard/report?month=2025-03", None).await;
    assert_eq!(s, 200);
    let districts: std::collections::BTreeSet<&str> =
        body["rows"].as_array().unwrap().iter().map(|r| r["district"].as_str().unwrap()).collect();
    assert_eq!(districts, ["jodhpur"].into_iter().collect());
    let (s, _) = app.api(Method::GET, &token, "/api/v1/dashboard/report?month=2025-03&district=jaipur", None).await;
    assert_eq!(s, 422);
}

#[tokio::test]
async fn bad_periods_are_field_errors() {
    let app = spawn_app(Db::Sqlite).await;
    for (query, field) in [
        ("from=2025-13", "from"),
        ("to=March", "to"),
        ("from=2025-05&to=2025-04", "from"),
        ("from=2000-01&to=2025-04", "from"),
    ] {
        let (s, body) = dashboard(&app, "supervisor", query).await;
        assert_eq!(s, 422, "{query}: {body}");
        assert_eq!(body["errors"][0]["field"], field, "{query}: {body}");
    }
    let token = app.token("supervisor").await;
    let (s, _) = app.api(Method::GET, &token, "/api/v1/dashboard/report?month=2025-3", None).await;
    assert_eq!(s, 422);
}

#[tokio::test]
async fn the_dashboard_page_draws_accessible_charts_in_both_languages() {
    let app = spawn_app(Db::Sqlite).await;
    fixture(&app).await;
    // counsellor.jaipur reads Hindi; the supervisor reads English.
    for (user, word) in [("counsellor.jaipur", "डैशबोर्ड"), ("supervisor", "Dashboard")] {
        let b = app.browser(user).await;
        let (s, html) = b.get("/dashboard?from=2025-03&to=2025-04").await;
        assert_eq!(s, 200, "{html}");
        assert!(html.contains(word), "{user}");
        let doc = scraper::Html::parse_document(&html);
        let sel = |s: &str| scraper::Selector::parse(s).unwrap();
        let charts: Vec<_> = doc.select(&sel("section.chart")).collect();
        assert!(charts.len() >= 8, "{user}: {} charts", charts.len());
        for c in &charts {
            let svg = c.select(&sel("svg[role=img]")).next().expect("an SVG image per chart");
            assert!(svg.select(&sel("title")).next().is_some(), "the SVG has a title");
            assert!(c.select(&sel("table caption")).next().is_some(), "a data table per chart");
        }
        // The money figures are in the money chart's table.
        let money = if user == "supervisor" { "₹1,16,000" } else { "₹17,000" };
        assert!(html.contains(money), "{user}");
    }
    // The district filter offers only the user's districts.
    let b = app.browser("counsellor.jaipur").await;
    let (_, html) = b.get("/dashboard").await;
    assert!(!texts(&html, "#district option").iter().any(|o| o.contains("जोधपुर") || o.contains("Jodhpur")));
    let (s, _) = b.get("/dashboard?district=jodhpur").await;
    assert_eq!(s, 422);
}

#[tokio::test]
async fn the_monthly_report_downloads_as_csv() {
    for db in backends() {
        let app = spawn_app(db).await;
        fixture(&app).await;
        let b = app.browser("supervisor").await;
        let (s, csv) = b.get("/dashboard/report.csv?month=2025-03").await;
        assert_eq!(s, 200, "{csv}");
        let mut r = ::csv::Reader::from_reader(csv.as_bytes());
        let rows: Vec<Vec<String>> = r.records().map(|r| r.unwrap().iter().map(str::to_owned).collect()).collect();
        let value = |district: &str, section: &str, item: &str| {
            rows.iter()
                .find(|r| r[1] == district && r[3] == section && r[4] == item)
                .map(|r| r[6].clone())
                .unwrap_or_else(|| panic!("{db:?}: no {district} {section} {item} in {csv}"))
        };
        assert_eq!(value("jaipur", "cases", "registered"), "3");
        assert_eq!(value("jaipur", "money", "reported_lost"), "12000.00", "{db:?}: C1 + C4");
        assert_eq!(value("jodhpur", "money", "reported_lost"), "99000.00");
        assert_eq!(value("all", "cases", "registered"), "4");
        assert_eq!(value("all", "golden", "within"), "2", "{db:?}: C1 and C5");
        assert_eq!(value("jaipur", "portal", "within_1h"), "1");
        assert!(rows.iter().all(|r| r[0] == "2025-03"));
    }
}

#[tokio::test]
async fn the_monthly_report_downloads_as_an_excel_workbook() {
    use calamine::{Data, Reader, Xlsx};
    let app = spawn_app(Db::Sqlite).await;
    fixture(&app).await;
    let b = app.browser("supervisor").await;
    let (s, kind, body) = b.get_bytes("/dashboard/report.xlsx?month=2025-03").await;
    assert_eq!(s, 200, "{}", String::from_utf8_lossy(&body));
    assert_eq!(kind, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    let mut book = Xlsx::new(std::io::Cursor::new(body)).expect("a workbook calamine can open");
    let sheet = book.worksheet_range("MIS 2025-03").expect("the month's sheet");
    let rows: Vec<&[Data]> = sheet.rows().collect();
    assert!(rows[0][0].to_string().contains("2025-03"), "title: {:?}", rows[0]);
    let head: Vec<String> = rows[2].iter().map(|c| c.to_string()).collect();
    assert_eq!(head[1], "District code", "the headings in the supervisor's language: {head:?}");
    let value = |district: &str, section: &str, item: &str| {
        let row = rows[3..]
            .iter()
            .find(|r| r[1] == district && r[3] == section && r[4] == item)
            .unwrap_or_else(|| panic!("no {district} {section} {item}"));
        match row[6] {
            Data::Float(v) => v,
            ref other => panic!("{district} {section} {item} is not a number: {other:?}"),
        }
    };
    assert_eq!(value("jaipur", "cases", "registered"), 3.0);
    assert_eq!(value("jaipur", "money", "reported_lost"), 12_000.0, "rupees, as a number");
    assert_eq!(value("jodhpur", "money", "reported_lost"), 99_000.0);
    assert_eq!(value("all", "golden", "within"), 2.0);
    assert_eq!(value("jaipur", "referral", "average_hours"), 1.3, "C1's referral record 2 h, C3 0.5 h");
    // A month that is not a month is a translated error, not a file.
    let (s, _, body) = b.get_bytes("/dashboard/report.xlsx?month=2025-13").await;
    assert_eq!(s, 422, "{}", String::from_utf8_lossy(&body));
}

#[tokio::test]
async fn the_monthly_report_prints_as_a_pdf_in_the_users_language() {
    let app = spawn_app(Db::Sqlite).await;
    fixture(&app).await;
    for (user, title, lost) in
        [("supervisor", "MonthlyMISreport", "₹12,000"), ("counsellor.jaipur", "मासिकMISरिपोर्ट", "₹12,000")]
    {
        let b = app.browser(user).await;
        let (s, kind, pdf) = b.get_bytes("/dashboard/report.pdf?month=2025-03").await;
        assert_eq!((s, kind.as_str()), (200, "application/pdf"), "{user}");
        let text = crate::documents::pdftotext(&pdf);
        let squeezed: String = text.chars().filter(|c| !c.is_whitespace()).collect();
        assert!(squeezed.contains(title), "{user}: {text}");
        assert!(squeezed.contains("2025-03"), "{user}");
        assert!(squeezed.contains(lost), "{user}: Jaipur's money reported lost: {text}");
        if user == "supervisor" {
            assert!(squeezed.contains("₹99,000") && squeezed.contains("Jodhpur"), "both districts and the total");
        } else {
            assert!(!squeezed.contains("₹99,000"), "a Jaipur counsellor's report has no Jodhpur figures: {text}");
        }
    }
}

#[tokio::test]
async fn metrics_need_the_scrapers_token_and_name_no_case() {
    let app = spawn_app(Db::Sqlite).await;
    fixture(&app).await;
    let token = app.token("counsellor.jaipur").await;
    let (_, case) = app.api(Method::GET, &token, "/api/v1/cases?limit=1", None).await;
    let reference = case["items"][0]["reference"].as_str().unwrap().to_owned();
    app.api(Method::GET, &token, &format!("/api/v1/cases?q={reference}"), None).await;
    let get = |auth: Option<&str>| {
        let mut req = TestApp::http().get(app.url("/metrics"));
        if let Some(a) = auth {
            req = req.bearer_auth(a);
        }
        async move {
            let r = req.send().await.unwrap();
            (r.status().as_u16(), r.text().await.unwrap())
        }
    };
    assert_eq!(get(None).await.0, 401);
    assert_eq!(get(Some("wrong")).await.0, 401);
    // A staff member's own token is not the scraper's.
    assert_eq!(get(Some(&token)).await.0, 401);
    let (s, text) = get(Some("test-metrics-token")).await;
    assert_eq!(s, 200, "{text}");
    assert!(text.contains("sahayak_open_cases{district=\"jaipur\",status=\"referred\"} 2"), "{text}");
    assert!(text.contains("sahayak_deadlines_due{district=\"jaipur\",when=\"overdue\"} 1"), "{text}");
    assert!(
        text.contains("sahayak_http_requests_total{method=\"GET\",route=\"/api/v1/cases\",status=\"200\"} 2"),
        "{text}"
    );
    assert!(text.contains(
        "sahayak_http_request_duration_seconds_bucket{method=\"GET\",route=\"/api/v1/cases\",le=\"+Inf\"} 2"
    ));
    assert!(text.contains("sahayak_dashboard_backlog "), "{text}");
    assert!(!text.contains(&reference), "a case reference reached the metrics");

    // Without a configured token the endpoint does not exist.
    let quiet = spawn_app_with(Db::Sqlite, |c| c.metrics_token = None).await;
    let r = TestApp::http().get(quiet.url("/metrics")).bearer_auth("test-metrics-token").send().await.unwrap();
    assert_eq!(r.status(), 404);
}
