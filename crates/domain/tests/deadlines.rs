//! Worked examples that pin the deadline rules. Every expected value is computed by
//! hand in the comment above it, from the rule text and the holiday data, never
//! copied from the engine's output.
//!
//! Calendar facts used below (bank-rajasthan, 2026):
//! - 1 Jan 2026 is a Thursday. Weekly offs: Sundays, 2nd and 4th Saturdays.
//! - Holidays: 26 Jan (Mon), 31 Mar (Tue), 1 Apr (Wed, annual closing), 3 Apr (Good
//!   Friday), 15 Aug (Sat), 8 Nov (Sun, Diwali), 9 Nov (Mon, Govardhan Puja, estimate).
//!   Bhai Dooj (11 Nov) is a government holiday, not a bank one.
//! - November 2026 starts on a Sunday: its Saturdays are 7 (1st), 14 (2nd), 21 (3rd), 28 (4th).

use chrono::{DateTime, NaiveDate, TimeDelta, Utc};
use sahayak_domain::deadlines::clock::{end_of_ist_day, ist_at};
use sahayak_domain::deadlines::{
    AccountKind, Calendars, CaseFacts, Clock, Condition, Deadline, Engine, Fact, FixedClock, Lang, Note, Payer, Regime,
    Rulebook, Status, Subject, TxnFact,
};

fn ist(y: i32, m: u32, d: u32, h: u32, mi: u32) -> DateTime<Utc> {
    ist_at(y, m, d, h, mi).expect("valid IST time")
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("valid date")
}

/// 23:59:59 IST on that day.
fn eod(y: i32, m: u32, d: u32) -> DateTime<Utc> {
    end_of_ist_day(date(y, m, d))
}

fn find<'a>(list: &'a [Deadline], id: &str) -> &'a Deadline {
    let ids: Vec<&str> = list.iter().map(|d| d.rule_id.as_str()).collect();
    list.iter().find(|d| d.rule_id == id).unwrap_or_else(|| panic!("no {id} in {ids:?}"))
}

fn has(list: &[Deadline], id: &str) -> bool {
    list.iter().any(|d| d.rule_id == id)
}

/// A debit someone else made, with no OTP/PIN shared and a domestic destination: every
/// fact the RBI rules read is known, so no deadline is conditional.
fn unauthorised(at: DateTime<Utc>, amount_paise: i64, account: AccountKind) -> TxnFact {
    TxnFact {
        payer: Some(Payer::SomeoneElse),
        credentials_shared: Some(false),
        account: Some(account),
        cross_border: Some(false),
        ..TxnFact::new(at, amount_paise)
    }
}

fn bank() -> &'static sahayak_domain::deadlines::Calendar {
    Calendars::builtin().get("bank-rajasthan").expect("bank calendar")
}

// ------------------------------------------------------------------ the data itself

#[test]
fn builtin_data_parses_and_is_complete() {
    let book = Rulebook::builtin();
    let engine = Engine::builtin(); // also checks calendar references
    assert!(engine.calendars().get("bank-rajasthan").is_some());
    assert!(engine.calendars().get("govt-rajasthan").is_some());
    let ids = book.ids();
    for id in [
        "ncrp_complete_after_1930",
        "rbi_zero_liability_report",
        "rbi_limited_liability_report",
        "rbi_shadow_credit",
        "rbi_complaint_resolution",
        "rbi_complaint_resolution_cross_border",
        "rbi_small_value_compensation_report",
        "lien_hold_expiry",
        "chakshu_report_window",
        "platform_takedown_intimate_or_impersonation",
        "grievance_acknowledge",
        "grievance_dispose",
        "efir_sign_within_3_days",
        "ombudsman_may_approach",
        "ombudsman_file_by",
        "ombudsman_file_by_no_reply",
    ] {
        assert!(ids.contains(&id), "missing rule {id}");
    }
    for r in book.rules() {
        assert!(!r.title.en.is_empty() && !r.title.hi.is_empty(), "{} title", r.id);
        // Hindi text must actually be in Devanagari, not English pasted twice.
        assert!(r.explain.hi.chars().any(|c| ('\u{0900}'..='\u{097F}').contains(&c)), "{} hi", r.id);
        assert!(!r.source.citation.is_empty(), "{} source", r.id);
        assert!(r.source.reference.as_deref().is_some_and(|s| s.starts_with("REFERENCE.md")), "{}", r.id);
    }
}

#[test]
fn facts_still_to_verify_are_exactly_these() {
    // Pinned so that adding or clearing a `verify` flag is a reviewed change.
    let mut flagged: Vec<&str> = Rulebook::builtin().needing_verification().map(|r| r.id.as_str()).collect();
    flagged.sort_unstable();
    assert_eq!(
        flagged,
        [
            "lien_hold_expiry",
            "ncrp_complete_after_1930",
            "ombudsman_file_by_no_reply",
            "rbi_small_value_compensation_report"
        ]
    );
    assert!(Rulebook::builtin().needing_verification().all(|r| r.verify_note.is_some()));
}

#[test]
fn regime_is_decided_by_ist_date() {
    let book = Rulebook::builtin();
    assert_eq!(book.regime_on(date(2017, 7, 5)), None); // before the 2017 circular
    assert_eq!(book.regime_on(date(2017, 7, 6)), Some(Regime::Rbi2017));
    assert_eq!(book.regime_on(date(2026, 12, 31)), Some(Regime::Rbi2017));
    assert_eq!(book.regime_on(date(2027, 1, 1)), Some(Regime::Rbi2027));
}

#[test]
fn bank_calendar_days() {
    let c = bank();
    // Diwali week: Sat 7 Nov is a 1st Saturday (open); Sun 8 (Diwali) and Mon 9
    // (Govardhan Puja) closed; Wed 11 (Bhai Dooj) open for banks; Sat 14 is the 2nd Saturday.
    assert!(c.is_working_day(date(2026, 11, 7)));
    assert!(!c.is_working_day(date(2026, 11, 8)));
    assert!(!c.is_working_day(date(2026, 11, 9)));
    assert!(c.is_working_day(date(2026, 11, 11)));
    assert!(!c.is_working_day(date(2026, 11, 14)));
    assert_eq!(c.holiday(date(2026, 11, 9)).map(|h| h.name.hi.as_str()), Some("गोवर्धन पूजा"));
    // Independence Day 2026 falls on a 3rd Saturday, which would otherwise be open.
    assert!(!c.is_working_day(date(2026, 8, 15)));
    assert!(c.covers(date(2026, 5, 1)));
    assert!(!c.covers(date(2027, 5, 1))); // 2027 list is partial, so not "covered"
    let govt = Calendars::builtin().get("govt-rajasthan").expect("govt calendar");
    assert!(!govt.is_working_day(date(2026, 11, 11))); // Bhai Dooj
    assert!(!govt.is_working_day(date(2026, 11, 7))); // every Saturday off
    assert!(govt.verify());
}

#[test]
fn working_days_across_holiday_clusters() {
    let c = bank();
    // Mon 30 Mar 2026 → 31 Mar Mahavir Jayanti ✗, 1 Apr closing ✗, Thu 2 Apr = 1,
    // Fri 3 Apr Good Friday ✗, Sat 4 Apr (1st Sat) = 2, Sun 5 ✗, Mon 6 Apr = 3.
    assert_eq!(c.add_working_days(date(2026, 3, 30), 3), date(2026, 4, 6));
    // Fri 23 Jan 2026 → Sat 24 (4th Sat) ✗, Sun 25 ✗, Mon 26 Republic Day ✗,
    // Tue 27 = 1, Wed 28 = 2, Thu 29 = 3.
    assert_eq!(c.add_working_days(date(2026, 1, 23), 3), date(2026, 1, 29));
    // Thu 24 Dec 2026 → Fri 25 Christmas ✗, Sat 26 (4th Sat) ✗, Sun 27 ✗, Mon 28 = 1,
    // Tue 29 = 2, Wed 30 = 3.
    assert_eq!(c.add_working_days(date(2026, 12, 24), 3), date(2026, 12, 30));
    // Fri 6 Nov → Mon 9 Nov (holiday): only Sat 7 Nov has passed.
    assert_eq!(c.working_days_between(date(2026, 11, 6), date(2026, 11, 9)), 1);
}

// ----------------------------------------------------------------- 1930 and NCRP

#[test]
fn ncrp_due_24_hours_after_a_late_night_1930_call() {
    // Call at 23:30 IST on Tue 10 Mar 2026 → due 23:30 IST on Wed 11 Mar (24 h exactly,
    // not "end of the next day"). Due-soon window: a quarter of 24 h = 6 h.
    let call = ist(2026, 3, 10, 23, 30);
    let facts = CaseFacts { helpline_1930_called_at: Some(call), ..CaseFacts::default() };
    let clock = FixedClock(ist(2026, 3, 11, 0, 30));
    let list = Engine::builtin().compute(&facts, clock.now());
    let d = find(&list, "ncrp_complete_after_1930");
    assert_eq!(d.due_at, ist(2026, 3, 11, 23, 30));
    assert_eq!(d.subject, Subject::Case);
    assert_eq!(d.status, Status::Upcoming);
    assert!(d.verify, "the 24 h window is a design implication in REFERENCE.md");
    // One hour after the call, 23 hours remain.
    assert_eq!(d.remaining(clock.now()), TimeDelta::hours(23));
    assert!(d.title(Lang::Hi).contains("शिकायत"));

    let at = |h, m| Engine::builtin().compute(&facts, ist(2026, 3, 11, h, m));
    // 17:29 is 6 h 1 min before: still upcoming; 17:30 is exactly 6 h: due soon.
    assert_eq!(find(&at(17, 29), "ncrp_complete_after_1930").status, Status::Upcoming);
    assert_eq!(find(&at(17, 30), "ncrp_complete_after_1930").status, Status::DueSoon);
    // 23:31 is past 23:30.
    let late = at(23, 31);
    assert_eq!(find(&late, "ncrp_complete_after_1930").status, Status::Overdue);
    assert!(find(&late, "ncrp_complete_after_1930").remaining(ist(2026, 3, 11, 23, 31)) < TimeDelta::zero());

    // Filed at 22:00 on the 11th: met; filed at 09:00 on the 12th: met late.
    let mut done = facts.clone();
    done.ncrp_complaint_filed_at = Some(ist(2026, 3, 11, 22, 0));
    assert_eq!(
        find(&Engine::builtin().compute(&done, ist(2026, 3, 13, 0, 0)), "ncrp_complete_after_1930").status,
        Status::Met
    );
    done.ncrp_complaint_filed_at = Some(ist(2026, 3, 12, 9, 0));
    assert_eq!(
        find(&Engine::builtin().compute(&done, ist(2026, 3, 13, 0, 0)), "ncrp_complete_after_1930").status,
        Status::MetLate
    );
}

// ------------------------------------------------------------ RBI windows in the engine

#[test]
fn diwali_week_upi_fraud_reported_on_monday() {
    // UPI fraud Fri 6 Nov 2026 18:30 IST; bank SMS 18:31; reported Mon 9 Nov 11:00.
    // Working days after Fri 6 Nov (6 Nov itself not counted):
    //   Sat 7 (1st Sat) = 1; Sun 8 Diwali ✗; Mon 9 Govardhan Puja ✗; Tue 10 = 2; Wed 11 = 3
    //   → zero-liability window ends 23:59:59 IST Wed 11 Nov. Reported on the 9th, when
    //   only 1 working day had passed: met.
    //   Thu 12 = 4; Fri 13 = 5; Sat 14 (2nd Sat) ✗; Sun 15 ✗; Mon 16 = 6; Tue 17 = 7
    //   → limited-liability window ends Tue 17 Nov.
    // Shadow credit: 10 working days after Mon 9 Nov (the report day):
    //   10,11,12,13 = 1-4; 14 ✗; 15 ✗; 16,17,18,19,20 = 5-9; Sat 21 (3rd Sat) = 10 → Sat 21 Nov.
    // Resolution: 90 calendar days after 9 Nov: 30 Nov = +21, 31 Dec = +52, 31 Jan = +83,
    //   7 Feb 2027 = +90.
    let mut txn = unauthorised(ist(2026, 11, 6, 18, 30), 1_500_000, AccountKind::Savings);
    txn.bank_alert_at = Some(ist(2026, 11, 6, 18, 31));
    txn.reported_to_bank_at = Some(ist(2026, 11, 9, 11, 0));
    let facts = CaseFacts { transactions: vec![txn], ..CaseFacts::default() };
    let list = Engine::builtin().compute(&facts, ist(2026, 11, 9, 11, 5));

    let zero = find(&list, "rbi_zero_liability_report");
    assert_eq!(zero.due_at, eod(2026, 11, 11));
    assert_eq!(zero.status, Status::Met);
    assert_eq!(zero.subject, Subject::Transaction(0));
    // The count passed Govardhan Puja, whose 2026 bank date is an estimate.
    assert!(zero.verify);
    assert!(
        zero.notes.contains(&Note::EstimatedHoliday { calendar: "bank-rajasthan".into(), date: date(2026, 11, 9) })
    );

    let limited = find(&list, "rbi_limited_liability_report");
    assert_eq!(limited.due_at, eod(2026, 11, 17));
    // ₹15,000 on a savings account: cap ₹10,000 = 1,000,000 paise.
    assert!(limited.notes.contains(&Note::LiabilityCap { max_paise: 1_000_000 }));

    let shadow = find(&list, "rbi_shadow_credit");
    assert_eq!(shadow.due_at, eod(2026, 11, 21));
    assert_eq!(shadow.status, Status::Upcoming);
    // Counting starts after 9 Nov, so no provisional holiday lies in (9 Nov, 21 Nov].
    assert!(!shadow.verify);

    let resolution = find(&list, "rbi_complaint_resolution");
    assert_eq!((resolution.rule_version, resolution.due_at), (1, eod(2027, 2, 7)));

    // Sorted by due time.
    assert!(list.windows(2).all(|w| w[0].due_at <= w[1].due_at));
    // No 2027 rule applies to a 2026 transaction.
    assert!(!has(&list, "rbi_small_value_compensation_report"));
}

#[test]
fn second_saturday_then_a_holiday_on_a_third_saturday() {
    // Fri 7 Aug 2026 18:00. August 2026 starts on a Saturday: Saturdays 1, 8 (2nd), 15 (3rd), 22 (4th).
    //   Sat 8 ✗ (2nd Sat); Sun 9 ✗; Mon 10 = 1; Tue 11 = 2; Wed 12 = 3 → zero until Wed 12 Aug.
    //   Thu 13 = 4; Fri 14 = 5; Sat 15 Independence Day ✗ (a 3rd Saturday would be open);
    //   Sun 16 ✗; Mon 17 = 6; Tue 18 = 7 → limited until Tue 18 Aug.
    let txn = unauthorised(ist(2026, 8, 7, 18, 0), 300_000, AccountKind::Bsbd);
    let facts = CaseFacts { transactions: vec![txn], ..CaseFacts::default() };
    let list = Engine::builtin().compute(&facts, ist(2026, 8, 8, 10, 0));
    let zero = find(&list, "rbi_zero_liability_report");
    assert_eq!(zero.due_at, eod(2026, 8, 12));
    assert_eq!(zero.status, Status::Upcoming);
    // No SMS time recorded: the transaction time stands in, and the note says so.
    assert_eq!(zero.notes.first(), Some(&Note::StandIn { fact: Fact::BankAlert, used: Fact::Transaction }));
    assert!(!zero.verify, "no provisional holiday in (7 Aug, 12 Aug]");
    let limited = find(&list, "rbi_limited_liability_report");
    assert_eq!(limited.due_at, eod(2026, 8, 18));
    // ₹3,000 on BSBD: lower of ₹3,000 and the ₹5,000 cap = 300,000 paise.
    assert!(limited.notes.contains(&Note::LiabilityCap { max_paise: 300_000 }));
    // Not reported yet, so no shadow-credit or resolution clock.
    assert!(!has(&list, "rbi_shadow_credit") && !has(&list, "rbi_complaint_resolution"));
}

#[test]
fn friday_before_fourth_saturday_and_republic_day() {
    // Fri 23 Jan 2026 20:00 → Sat 24 (4th) ✗, Sun 25 ✗, Mon 26 Republic Day ✗,
    // Tue 27 = 1, Wed 28 = 2, Thu 29 = 3 → zero until Thu 29 Jan.
    // The window runs from 20:00 Fri 23 Jan to 23:59:59 Thu 29 Jan: 6 days 4 h (148 h), so
    // the default due-soon window is a quarter of it, 37 h. At 20:00 on Thu 29 Jan 4 h
    // are left: due soon.
    let txn = unauthorised(ist(2026, 1, 23, 20, 0), 500_000, AccountKind::CurrentOther);
    let facts = CaseFacts { transactions: vec![txn], ..CaseFacts::default() };
    let list = Engine::builtin().compute(&facts, ist(2026, 1, 29, 20, 0));
    let zero = find(&list, "rbi_zero_liability_report");
    assert_eq!(zero.due_at, eod(2026, 1, 29));
    assert_eq!(zero.status, Status::DueSoon);
    // Three days earlier (Mon 26, 20:00) it is 3 days 4 h (76 h) away: more than 37 h, upcoming.
    let earlier = Engine::builtin().compute(&facts, ist(2026, 1, 26, 20, 0));
    assert_eq!(find(&earlier, "rbi_zero_liability_report").status, Status::Upcoming);
    // And on Fri 30 Jan it is overdue.
    let later = Engine::builtin().compute(&facts, ist(2026, 1, 30, 0, 0));
    assert_eq!(find(&later, "rbi_zero_liability_report").status, Status::Overdue);
}

#[test]
fn customer_who_shared_an_otp_gets_no_zero_liability_window() {
    let mut txn = unauthorised(ist(2026, 8, 7, 18, 0), 300_000, AccountKind::Savings);
    txn.credentials_shared = Some(true);
    let facts = CaseFacts { transactions: vec![txn], ..CaseFacts::default() };
    let list = Engine::builtin().compute(&facts, ist(2026, 8, 7, 19, 0));
    assert!(!has(&list, "rbi_zero_liability_report"));
    assert!(!has(&list, "rbi_limited_liability_report"));
}

#[test]
fn regime_boundary_at_ist_midnight() {
    // Txn A: 31 Dec 2026 23:50 IST (18:20 UTC on 31 Dec) → 2017 rules.
    // Txn B:  1 Jan 2027 00:10 IST (18:40 UTC on 31 Dec, the SAME UTC date) → 2027 rules.
    // Both reported to the bank 1 Jan 2027 10:00 IST; ₹20,000 each, domestic.
    let report = ist(2027, 1, 1, 10, 0);
    let mut a = unauthorised(ist(2026, 12, 31, 23, 50), 2_000_000, AccountKind::Savings);
    a.reported_to_bank_at = Some(report);
    let mut b = unauthorised(ist(2027, 1, 1, 0, 10), 2_000_000, AccountKind::Savings);
    b.reported_to_bank_at = Some(report);
    assert_eq!(a.at.date_naive(), b.at.date_naive(), "same UTC date, different IST dates");
    let facts = CaseFacts { transactions: vec![a, b], ..CaseFacts::default() };
    let list = Engine::builtin().compute(&facts, ist(2027, 1, 2, 9, 0));
    let of =
        |id: &str, i: usize| list.iter().find(|d| d.rule_id == id && d.subject == Subject::Transaction(i)).cloned();

    // A: resolution v1, 90 days after 1 Jan 2027: 31 Jan = +30, 28 Feb = +58,
    //    31 Mar = +89, 1 Apr = +90.
    let res_a = of("rbi_complaint_resolution", 0).expect("A resolution");
    assert_eq!((res_a.rule_version, res_a.due_at), (1, eod(2027, 4, 1)));
    // A: zero window from 31 Dec 2026 (alert assumed = txn): Fri 1 Jan 2027 = 1,
    //    Sat 2 Jan (1st Sat) = 2, Sun 3 ✗, Mon 4 = 3 → 4 Jan 2027. Counted in 2027,
    //    whose holiday list is not complete: flagged.
    let zero_a = of("rbi_zero_liability_report", 0).expect("A zero window");
    assert_eq!(zero_a.due_at, eod(2027, 1, 4));
    assert!(zero_a.notes.contains(&Note::CalendarNotCovered { calendar: "bank-rajasthan".into(), year: 2027 }));
    assert!(zero_a.verify);
    assert!(of("rbi_small_value_compensation_report", 0).is_none());

    // B: resolution v2, 45 days after 1 Jan 2027: 31 Jan = +30, 15 Feb = +45.
    let res_b = of("rbi_complaint_resolution", 1).expect("B resolution");
    assert_eq!((res_b.rule_version, res_b.due_at), (2, eod(2027, 2, 15)));
    assert!(of("rbi_zero_liability_report", 1).is_none());
    // B: compensation window 5 days after 1 Jan → 6 Jan 2027; reported 1 Jan: met.
    //    85% of ₹20,000 = ₹17,000 = 1,700,000 paise.
    let comp_b = of("rbi_small_value_compensation_report", 1).expect("B compensation");
    assert_eq!(comp_b.due_at, eod(2027, 1, 6));
    assert_eq!(comp_b.status, Status::Met);
    assert!(comp_b.verify, "the 5-day window is flagged verify in the data");
    assert!(comp_b.notes.contains(&Note::Compensation { amount_paise: 1_700_000 }));
}

#[test]
fn cross_border_2027_and_compensation_limits() {
    // Cross-border, 1 Jan 2027: 60 days: 31 Jan = +30, 28 Feb = +58, 2 Mar = +60.
    // ₹60,000 is above the ₹50,000 limit: no compensation window.
    let mut t = unauthorised(ist(2027, 1, 1, 12, 0), 6_000_000, AccountKind::Savings);
    t.cross_border = Some(true);
    t.reported_to_bank_at = Some(ist(2027, 1, 1, 13, 0));
    let mut facts = CaseFacts { transactions: vec![t], ..CaseFacts::default() };
    let list = Engine::builtin().compute(&facts, ist(2027, 1, 2, 0, 0));
    assert_eq!(find(&list, "rbi_complaint_resolution_cross_border").due_at, eod(2027, 3, 2));
    assert!(!has(&list, "rbi_complaint_resolution"), "the 45-day version is for domestic only");
    assert!(!has(&list, "rbi_small_value_compensation_report"));
    // ₹60,000 of which ₹15,000 recovered: net ₹45,000 qualifies; 85% = ₹38,250 → capped ₹25,000.
    facts.transactions[0].recovered_paise = 1_500_000;
    let list = Engine::builtin().compute(&facts, ist(2027, 1, 2, 0, 0));
    let comp = find(&list, "rbi_small_value_compensation_report");
    assert!(comp.notes.contains(&Note::Compensation { amount_paise: 2_500_000 }));
    // Once in a lifetime: not again.
    facts.rbi_compensation_received_before = Some(true);
    assert!(!has(&Engine::builtin().compute(&facts, ist(2027, 1, 2, 0, 0)), "rbi_small_value_compensation_report"));
}

#[test]
fn written_complaint_stands_in_for_per_transaction_report() {
    // No per-transaction report, but a written complaint on Tue 10 Nov 2026 covers it.
    // Shadow credit: 10 working days after 10 Nov: 11,12,13 = 1-3; 14 (2nd Sat) ✗; 15 ✗;
    // 16-20 = 4-8; Sat 21 (3rd) = 9; 22 ✗; Mon 23 = 10 → 23 Nov.
    let txn = unauthorised(ist(2026, 11, 6, 18, 30), 100_000, AccountKind::Savings);
    let facts = CaseFacts {
        transactions: vec![txn],
        bank_complaint_at: Some(ist(2026, 11, 10, 10, 0)),
        ..CaseFacts::default()
    };
    let list = Engine::builtin().compute(&facts, ist(2026, 11, 10, 11, 0));
    let shadow = find(&list, "rbi_shadow_credit");
    assert_eq!(shadow.due_at, eod(2026, 11, 23));
    assert!(shadow.notes.contains(&Note::StandIn { fact: Fact::ReportedToBank, used: Fact::BankComplaint }));
    // The same complaint also counts as the report: the zero window is met.
    assert_eq!(find(&list, "rbi_zero_liability_report").status, Status::Met);
}

#[test]
fn empty_case_has_no_deadlines() {
    assert!(sahayak_domain::deadlines::compute(&CaseFacts::default(), ist(2026, 1, 1, 0, 0)).is_empty());
}

#[test]
fn a_call_to_the_bank_reports_the_debit_but_only_a_written_complaint_starts_the_ombudsman_clocks() {
    // The desk called the bank on Thu 3 Dec 2026 (golden hour): that reports the debit of
    // Tue 1 Dec (2nd working day → the zero window is met), but RB-IOS 2021 counts from a
    // written complaint, so no Ombudsman date exists until one is made.
    let txn = unauthorised(ist(2026, 12, 1, 19, 0), 1_800_000, AccountKind::Savings);
    let mut facts =
        CaseFacts { transactions: vec![txn], bank_told_at: Some(ist(2026, 12, 3, 11, 0)), ..CaseFacts::default() };
    let list = Engine::builtin().compute(&facts, ist(2026, 12, 3, 12, 0));
    let zero = find(&list, "rbi_zero_liability_report");
    assert_eq!(zero.status, Status::Met);
    assert_eq!(zero.met_at, Some(ist(2026, 12, 3, 11, 0)));
    // The shadow-credit clock runs from that call: 10 working days after Thu 3 Dec:
    // 4 = 1, 5 (1st Sat) = 2, 7-11 = 3-7, 12 (2nd Sat) ✗, 13 ✗, 14-16 = 8-10 → Wed 16 Dec.
    let shadow = find(&list, "rbi_shadow_credit");
    assert_eq!(shadow.due_at, eod(2026, 12, 16));
    assert!(shadow.notes.contains(&Note::StandIn { fact: Fact::ReportedToBank, used: Fact::BankTold }));
    assert!(!list.iter().any(|d| d.rule_id.starts_with("ombudsman")));
    // The written complaint on Fri 4 Dec opens the Ombudsman after 30 days of silence:
    // 4 Dec + 30 = 3 Jan 2027.
    facts.bank_complaint_at = Some(ist(2026, 12, 4, 10, 0));
    let list = Engine::builtin().compute(&facts, ist(2026, 12, 4, 11, 0));
    assert_eq!(find(&list, "ombudsman_may_approach").due_at, eod(2027, 1, 3));
}

#[test]
fn an_unknown_fact_makes_a_deadline_conditional_and_a_known_false_one_drops_it() {
    let mut txn = TxnFact::new(ist(2026, 8, 7, 18, 0), 300_000);
    let facts = |t: &TxnFact| CaseFacts { transactions: vec![t.clone()], ..CaseFacts::default() };
    let at = ist(2026, 8, 8, 10, 0);
    let zero = |t: &TxnFact| {
        Engine::builtin().compute(&facts(t), at).into_iter().find(|d| d.rule_id == "rbi_zero_liability_report")
    };
    assert_eq!(zero(&txn).expect("conditional").only_if, [Condition::Unauthorised, Condition::NoCustomerNegligence]);
    txn.payer = Some(Payer::SomeoneElse);
    assert_eq!(zero(&txn).expect("conditional").only_if, [Condition::NoCustomerNegligence]);
    txn.payer = Some(Payer::NotSure);
    assert_eq!(
        zero(&txn).expect("not sure is unknown").only_if,
        [Condition::Unauthorised, Condition::NoCustomerNegligence]
    );
    txn.payer = Some(Payer::VictimTricked);
    assert!(zero(&txn).is_none(), "a payment she made is outside the 2017 circular");
}
