//! Worked examples for the non-RBI clocks (hold expiry, Chakshu, e-FIR, platforms,
//! Ombudsman) and for running the engine on other rule data. Every expected value is
//! computed by hand in the comment above it.

use chrono::{DateTime, NaiveDate, Utc};
use sahayak_domain::deadlines::clock::{end_of_ist_day, ist_at};
use sahayak_domain::deadlines::{
    Calendars, CaseFacts, DataError, Deadline, Engine, Lang, LienFact, RuleKind, Rulebook, Status, Subject,
};

fn ist(y: i32, m: u32, d: u32, h: u32, mi: u32) -> DateTime<Utc> {
    ist_at(y, m, d, h, mi).expect("valid IST time")
}

/// 23:59:59 IST on that day.
fn eod(y: i32, m: u32, d: u32) -> DateTime<Utc> {
    end_of_ist_day(NaiveDate::from_ymd_opt(y, m, d).expect("valid date"))
}

fn find<'a>(list: &'a [Deadline], id: &str) -> &'a Deadline {
    let ids: Vec<&str> = list.iter().map(|d| d.rule_id.as_str()).collect();
    list.iter().find(|d| d.rule_id == id).unwrap_or_else(|| panic!("no {id} in {ids:?}"))
}

fn has(list: &[Deadline], id: &str) -> bool {
    list.iter().any(|d| d.rule_id == id)
}

// ------------------------------------------------------------------ other clocks

#[test]
fn lien_placed_on_1_february_lapses_90_days_later() {
    // 1 Feb 2026 + 90 days (February 2026 has 28 days): 28 Feb = +27, 31 Mar = +58,
    // 30 Apr = +88, 2 May = +90 → 23:59:59 IST Sat 2 May 2026.
    let placed = ist(2026, 2, 1, 11, 0);
    let mut facts = CaseFacts {
        liens: vec![LienFact { placed_at: placed, amount_paise: Some(4_500_000), order_obtained_at: None }],
        ..CaseFacts::default()
    };
    let list = Engine::builtin().compute(&facts, ist(2026, 4, 15, 12, 0));
    let lien = find(&list, "lien_hold_expiry");
    assert_eq!(lien.due_at, eod(2026, 5, 2));
    assert_eq!(lien.subject, Subject::Lien(0));
    // 15 Apr 12:00 → 2 May 23:59:59 is 17 days 12 h: more than the 14-day due-soon window.
    assert_eq!(lien.status, Status::Upcoming);
    assert!(lien.verify);
    // 20 Apr 00:00 → 12 days 23 h 59 min 59 s left: inside 14 days.
    assert_eq!(
        find(&Engine::builtin().compute(&facts, ist(2026, 4, 20, 0, 0)), "lien_hold_expiry").status,
        Status::DueSoon
    );
    facts.liens[0].order_obtained_at = Some(ist(2026, 4, 28, 15, 0));
    assert_eq!(find(&Engine::builtin().compute(&facts, ist(2026, 5, 5, 0, 0)), "lien_hold_expiry").status, Status::Met);
    // A hold placed before the SOP's applies_from (14 Jan 2026) gets no such clock.
    facts.liens[0].placed_at = ist(2026, 1, 10, 11, 0);
    assert!(!has(&Engine::builtin().compute(&facts, ist(2026, 2, 1, 0, 0)), "lien_hold_expiry"));
}

#[test]
fn chakshu_thirty_days() {
    // SMS received 20 Jan 2026 10:00 → 31 Jan = +11, 19 Feb = +30 → end of 19 Feb.
    let facts = CaseFacts { fraud_communication_received_at: Some(ist(2026, 1, 20, 10, 0)), ..CaseFacts::default() };
    let d = find(&Engine::builtin().compute(&facts, ist(2026, 1, 21, 0, 0)), "chakshu_report_window").clone();
    assert_eq!(d.due_at, eod(2026, 2, 19));
    assert_eq!(d.status, Status::Upcoming);
    // 20 Feb is past it.
    assert_eq!(
        find(&Engine::builtin().compute(&facts, ist(2026, 2, 20, 0, 0)), "chakshu_report_window").status,
        Status::Overdue
    );
}

#[test]
fn efir_takedown_and_grievance_clocks() {
    // e-FIR 10 May 2026 14:00 → 3 days → end of 13 May. The window is 3 days 9 h 59 min 59 s;
    // a quarter is about 20.5 h, so at 23:00 on 13 May (1 h left) it is due soon, and
    // at 00:00 on 14 May overdue.
    // Platform report 1 Jun 2026 09:15 (intimate images) → takedown 2 Jun 09:15.
    // Grievance filed 1 Jun 09:15 → acknowledge by 2 Jun 09:15; dispose by end of 16 Jun (+15).
    let filed = ist(2026, 6, 1, 9, 15);
    let mut facts = CaseFacts {
        efir_registered_at: Some(ist(2026, 5, 10, 14, 0)),
        platform_reported_at: Some(filed),
        grievance_filed_at: Some(filed),
        ..CaseFacts::default()
    };
    let list = Engine::builtin().compute(&facts, ist(2026, 5, 13, 23, 0));
    assert_eq!(find(&list, "efir_sign_within_3_days").due_at, eod(2026, 5, 13));
    assert_eq!(find(&list, "efir_sign_within_3_days").status, Status::DueSoon);
    assert_eq!(
        find(&Engine::builtin().compute(&facts, ist(2026, 5, 14, 0, 0)), "efir_sign_within_3_days").status,
        Status::Overdue
    );
    assert!(!has(&list, "platform_takedown_intimate_or_impersonation"), "only for intimate images / impersonation");
    assert_eq!(find(&list, "grievance_acknowledge").due_at, ist(2026, 6, 2, 9, 15));
    assert_eq!(find(&list, "grievance_dispose").due_at, eod(2026, 6, 16));
    facts.intimate_image_or_impersonation = true;
    let list = Engine::builtin().compute(&facts, ist(2026, 6, 1, 10, 0));
    assert_eq!(find(&list, "platform_takedown_intimate_or_impersonation").due_at, ist(2026, 6, 2, 9, 15));
}

#[test]
fn ombudsman_windows() {
    // Written complaint 9 Nov 2026 12:00, no reply:
    //   may approach after 30 days: 30 Nov = +21, 9 Dec = +30 → opens at end of 9 Dec;
    //   last date 9 Nov 2027 + 30 days = 9 Dec 2027 (flagged verify).
    let mut facts = CaseFacts { bank_complaint_at: Some(ist(2026, 11, 9, 12, 0)), ..CaseFacts::default() };
    let list = Engine::builtin().compute(&facts, ist(2026, 12, 1, 0, 0));
    let opens = find(&list, "ombudsman_may_approach");
    assert_eq!((opens.kind, opens.due_at, opens.status), (RuleKind::Opens, eod(2026, 12, 9), Status::Upcoming));
    let no_reply = find(&list, "ombudsman_file_by_no_reply");
    assert_eq!(no_reply.due_at, eod(2027, 12, 9));
    assert!(no_reply.verify);
    assert_eq!(
        find(&Engine::builtin().compute(&facts, ist(2026, 12, 10, 0, 0)), "ombudsman_may_approach").status,
        Status::Open
    );
    // Reply on 1 Dec 2026: the no-reply rules fall away; one year from the reply → 1 Dec 2027.
    facts.bank_replied_at = Some(ist(2026, 12, 1, 16, 0));
    let list = Engine::builtin().compute(&facts, ist(2026, 12, 2, 0, 0));
    assert!(!has(&list, "ombudsman_may_approach") && !has(&list, "ombudsman_file_by_no_reply"));
    assert_eq!(find(&list, "ombudsman_file_by").due_at, eod(2027, 12, 1));
}

// ---------------------------------------------------------- standing on other data

const TEST_CALENDAR: &str = r#"
schema = 1
[[calendar]]
id = "test-cal"
name = { en = "Test", hi = "परीक्षण" }
source = "test"
covered_years = [2026]
weekly_off = ["friday"]
[[calendar.holiday]]
date = 2026-06-01
name = { en = "Test holiday", hi = "परीक्षण अवकाश" }
"#;

const TEST_RULES: &str = r#"
schema = 1
[[rule]]
id = "sample"
version = 1
applies_from = 2026-01-01
applies_until = 2026-06-30
anchor = "efir_registered"
duration = { unit = "working_days", value = 2, calendar = "test-cal" }
source = { citation = "test" }
title = { en = "Old", hi = "पुराना" }
explain = { en = "Old rule", hi = "पुराना नियम" }

[[rule]]
id = "sample"
version = 2
applies_from = 2026-07-01
anchor = "efir_registered"
duration = { unit = "hours", value = 5 }
source = { citation = "test" }
title = { en = "New", hi = "नया" }
explain = { en = "New rule", hi = "नया नियम" }
"#;

#[test]
fn compute_stands_on_any_rule_set() {
    let engine = Engine::new(Rulebook::from_toml(TEST_RULES).unwrap(), Calendars::from_toml(TEST_CALENDAR).unwrap())
        .expect("consistent data");
    // 2026-05-28 is a Thursday. Fri 29 off (weekly), Sat 30 = 1, Sun 31 = 2 → 31 May (v1).
    let may = CaseFacts { efir_registered_at: Some(ist(2026, 5, 28, 9, 0)), ..CaseFacts::default() };
    let d = engine.compute(&may, ist(2026, 5, 28, 10, 0));
    assert_eq!((d.len(), d[0].rule_version, d[0].due_at), (1, 1, eod(2026, 5, 31)));
    // From Sun 31 May: Mon 1 Jun holiday ✗, Tue 2 = 1, Wed 3 = 2 → 3 Jun (still v1 by date).
    let may31 = CaseFacts { efir_registered_at: Some(ist(2026, 5, 31, 9, 0)), ..CaseFacts::default() };
    assert_eq!(engine.compute(&may31, ist(2026, 5, 31, 10, 0))[0].due_at, eod(2026, 6, 3));
    // From 1 Jul the new version applies: 5 hours.
    let july = CaseFacts { efir_registered_at: Some(ist(2026, 7, 1, 9, 0)), ..CaseFacts::default() };
    let d = engine.compute(&july, ist(2026, 7, 1, 10, 0));
    assert_eq!((d[0].rule_version, d[0].due_at, d[0].title(Lang::En)), (2, ist(2026, 7, 1, 14, 0), "New"));
    // The builtin calendars do not define test-cal.
    assert!(Engine::new(Rulebook::from_toml(TEST_RULES).unwrap(), Calendars::builtin().clone()).is_err());
}

#[test]
fn bad_data_is_rejected_with_a_reason() {
    let invalid = |text: &str| match Rulebook::from_toml(text) {
        Err(DataError::Invalid(msg)) => msg,
        other => panic!("expected Invalid, got {other:?}"),
    };
    // Missing Hindi.
    let no_hindi = TEST_RULES.replacen(r#"hi = "पुराना" }"#, r#"hi = " " }"#, 1);
    assert!(invalid(&no_hindi).contains("English and Hindi"));
    // verify without a note.
    let unverified = TEST_RULES.replacen("version = 2\n", "version = 2\nverify = true\n", 1);
    assert!(invalid(&unverified).contains("verify_note"));
    // The same version twice.
    let twice = TEST_RULES.replacen("version = 2", "version = 1", 1);
    assert!(invalid(&twice).contains("twice"));
    // Overlapping RBI regimes.
    let overlap = TEST_RULES.replacen("version = 1\n", "version = 1\nregime = \"rbi2017\"\n", 1).replacen(
        "applies_from = 2026-07-01",
        "applies_from = 2026-06-01\nregime = \"rbi2027\"",
        1,
    );
    assert!(invalid(&overlap).contains("RBI regimes"));
    // A typo in a field name is a TOML error with its location, not silently ignored.
    assert!(matches!(
        Rulebook::from_toml(&TEST_RULES.replacen("anchor", "anchr", 1)),
        Err(DataError::Toml { what: "rules", .. })
    ));
    // A calendar with every day off.
    let all_off = TEST_CALENDAR.replace(
        r#"weekly_off = ["friday"]"#,
        r#"weekly_off = ["monday","tuesday","wednesday","thursday","friday","saturday","sunday"]"#,
    );
    assert!(Calendars::from_toml(&all_off).is_err());
}

#[test]
fn facts_and_deadlines_travel_as_json() {
    // The server stores facts as JSON: an empty object is an empty case, and missing
    // per-transaction fields take their defaults.
    let empty: CaseFacts = serde_json::from_str("{}").expect("empty case");
    assert_eq!(empty, CaseFacts::default());
    let facts: CaseFacts = serde_json::from_str(
        r#"{"helpline_1930_called_at":"2026-03-10T18:00:00Z",
            "transactions":[{"at":"2026-03-10T17:00:00Z","amount_paise":100000,"account_type":"bsbd"}]}"#,
    )
    .expect("case with one transaction");
    // 18:00 UTC = 23:30 IST; due 24 h later.
    let list = Engine::builtin().compute(&facts, ist(2026, 3, 10, 23, 45));
    assert_eq!(find(&list, "ncrp_complete_after_1930").due_at, ist(2026, 3, 11, 23, 30));
    // First due: the NCRP deadline (11 Mar 23:30 IST), about the case. Next: the
    // transaction's zero-liability window, 3 working days after Tue 10 Mar → Fri 13 Mar.
    let json = serde_json::to_value(&list).expect("deadlines serialize");
    assert_eq!(json[0]["rule_id"], "ncrp_complete_after_1930");
    assert_eq!(json[0]["subject"], serde_json::json!({ "kind": "case" }));
    assert_eq!(json[1]["rule_id"], "rbi_zero_liability_report");
    assert_eq!(json[1]["subject"], serde_json::json!({ "kind": "transaction", "index": 0 }));
    assert!(json.as_array().is_some_and(|a| a.iter().any(|d| d["status"] == "upcoming")));
}
