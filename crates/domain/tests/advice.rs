//! Worked examples: what the RBI rules give a victim, for the facts the desk recorded.
//! Every expected value is worked out by hand in the comment above it (REFERENCE.md §3).
//!
//! Calendar (bank-rajasthan, December 2026): Tue 1 Dec; no bank holiday before 25 Dec.
//! Saturdays: 5 (1st, open), 12 (2nd, closed), 19 (3rd, open), 26 (4th, closed).
//! Working days after Tue 1 Dec (1 Dec not counted): Wed 2 = 1, Thu 3 = 2, Fri 4 = 3,
//! Sat 5 = 4, Sun 6 ✗, Mon 7 = 5, Tue 8 = 6, Wed 9 = 7, Thu 10 = 8.
//! So for an SMS on 1 Dec: zero liability if reported by Fri 4 Dec, capped by Wed 9 Dec.

use chrono::{DateTime, NaiveDate, Utc};
use sahayak_domain::advice::{
    self, Advice, DebitAdvice, DecideDays, Given, NoProtection, Outcome, Question, Restoration, Verdict,
};
use sahayak_domain::deadlines::clock::{end_of_ist_day, ist_at};
use sahayak_domain::deadlines::{
    AccountKind, CaseFacts, Clock, Condition, Engine, FixedClock, Liability, LienFact, Payer, TxnFact,
};

fn ist(y: i32, m: u32, d: u32, h: u32, mi: u32) -> DateTime<Utc> {
    ist_at(y, m, d, h, mi).expect("valid IST time")
}

fn eod(y: i32, m: u32, d: u32) -> DateTime<Utc> {
    end_of_ist_day(NaiveDate::from_ymd_opt(y, m, d).expect("valid date"))
}

/// ₹ to paise.
fn rs(rupees: i64) -> i64 {
    rupees * 100
}

/// A UPI debit on Tue 1 Dec 2026 at 19:00 IST, the bank's SMS a minute later.
fn upi_debit(amount_paise: i64) -> TxnFact {
    TxnFact { bank_alert_at: Some(ist(2026, 12, 1, 19, 1)), ..TxnFact::new(ist(2026, 12, 1, 19, 0), amount_paise) }
}

fn advise(facts: &CaseFacts, clock: &dyn Clock) -> Advice {
    advice::advise(Engine::builtin(), facts, clock.now())
}

fn one(facts: CaseFacts, clock: &dyn Clock) -> (DebitAdvice, Advice) {
    let a = advise(&facts, clock);
    (a.debits[0].clone(), a)
}

fn known(d: &DebitAdvice) -> &Outcome {
    match &d.verdict {
        Verdict::Known(o) => o,
        Verdict::Depends(b) => panic!("expected a known outcome, got branches {b:?}"),
    }
}

#[test]
fn unauthorised_upi_debit_reported_on_day_two_costs_the_victim_nothing() {
    // Someone else paid by UPI from her savings account; she shared nothing; she told the
    // bank on Thu 3 Dec, the 2nd working day after the SMS: 2 ≤ 3 → zero liability.
    let txn = TxnFact {
        payer: Some(Payer::SomeoneElse),
        credentials_shared: Some(false),
        account: Some(AccountKind::Savings),
        ..upi_debit(rs(18_000))
    };
    let facts =
        CaseFacts { transactions: vec![txn], bank_told_at: Some(ist(2026, 12, 3, 11, 0)), ..CaseFacts::default() };
    let clock = FixedClock(ist(2026, 12, 3, 12, 0));
    let (d, a) = one(facts, &clock);
    assert_eq!(
        known(&d),
        &Outcome::Rbi2017 {
            liability: Liability::Zero,
            reported_at: Some(ist(2026, 12, 3, 11, 0)),
            zero_until: Some(eod(2026, 12, 4)),
            limited_until: Some(eod(2026, 12, 9)),
            cap: Some(Liability::Capped { max_paise: rs(10_000) }),
            bank_at_fault: false,
        }
    );
    assert!(d.ask.is_empty(), "every fact the rules read is known: {:?}", d.ask);
    assert!(a.route.is_none(), "the bank must make it good; no need for the restoration route");
}

#[test]
fn the_same_debit_with_an_otp_shared_is_customer_negligence() {
    // Same debit, but she read the OTP out to the caller: under the 2017 circular she bears
    // the loss until she reports it; no zero-liability window is offered at all.
    let txn = TxnFact {
        payer: Some(Payer::SomeoneElse),
        credentials_shared: Some(true),
        account: Some(AccountKind::Savings),
        ..upi_debit(rs(18_000))
    };
    let facts =
        CaseFacts { transactions: vec![txn], bank_told_at: Some(ist(2026, 12, 3, 11, 0)), ..CaseFacts::default() };
    let clock = FixedClock(ist(2026, 12, 3, 12, 0));
    let (d, _) = one(facts.clone(), &clock);
    assert_eq!(known(&d), &Outcome::Negligence2017 { reported_at: Some(ist(2026, 12, 3, 11, 0)) });
    let deadlines = Engine::builtin().compute(&facts, clock.now());
    assert!(!deadlines.iter().any(|x| x.rule_id == "rbi_zero_liability_report"));
}

#[test]
fn basic_savings_account_reported_on_day_five_is_capped_at_five_thousand() {
    // Jan Dhan (BSBD) account, ₹20,000 taken by someone else; told the bank Mon 7 Dec,
    // the 5th working day: in the 4–7 band → lower of ₹20,000 and the BSBD cap ₹5,000.
    let txn = TxnFact {
        payer: Some(Payer::SomeoneElse),
        credentials_shared: Some(false),
        account: Some(AccountKind::Bsbd),
        ..upi_debit(rs(20_000))
    };
    let facts =
        CaseFacts { transactions: vec![txn], bank_told_at: Some(ist(2026, 12, 7, 10, 0)), ..CaseFacts::default() };
    let (d, _) = one(facts, &FixedClock(ist(2026, 12, 7, 12, 0)));
    assert!(
        matches!(known(&d), Outcome::Rbi2017 { liability: Liability::Capped { max_paise }, .. } if *max_paise == rs(5_000))
    );
}

#[test]
fn credit_card_above_five_lakh_reported_on_day_six_is_capped_at_twenty_five_thousand() {
    // ₹40,000 charged on a card with a ₹8 lakh limit by someone else; reported Tue 8 Dec,
    // the 6th working day → lower of ₹40,000 and the top band's ₹25,000.
    let txn = TxnFact {
        payer: Some(Payer::SomeoneElse),
        credentials_shared: Some(false),
        account: Some(AccountKind::CreditCardLarge),
        ..upi_debit(rs(40_000))
    };
    let facts =
        CaseFacts { transactions: vec![txn], bank_told_at: Some(ist(2026, 12, 8, 10, 0)), ..CaseFacts::default() };
    let (d, _) = one(facts, &FixedClock(ist(2026, 12, 8, 12, 0)));
    assert!(
        matches!(known(&d), Outcome::Rbi2017 { liability: Liability::Capped { max_paise }, .. } if *max_paise == rs(25_000))
    );
}

/// An RTGS of ₹4,50,000 the victim made at her branch on `at`, during a "digital arrest"
/// video call; she called 1930 the same day.
fn digital_arrest(at: DateTime<Utc>) -> CaseFacts {
    let txn = TxnFact {
        payer: Some(Payer::VictimCoerced),
        account: Some(AccountKind::Savings),
        cross_border: Some(false),
        ..TxnFact::new(at, rs(450_000))
    };
    CaseFacts {
        transactions: vec![txn],
        helpline_1930_called_at: Some(at + chrono::TimeDelta::hours(3)),
        ..CaseFacts::default()
    }
}

#[test]
fn rtgs_made_under_a_digital_arrest_threat_in_december_2026_has_no_rbi_protection() {
    // 15 Dec 2026: the 2017 circular covers unauthorised transactions only; she made this
    // one herself (under threat). Coerced payments are covered only from 1 Jan 2027. So:
    // no promise of a refund from the bank, and the honest route instead.
    let at = ist(2026, 12, 15, 11, 0);
    let (d, a) = one(digital_arrest(at), &FixedClock(ist(2026, 12, 15, 16, 0)));
    assert_eq!(known(&d), &Outcome::NoRbiProtection { why: NoProtection::VictimPaidBefore2027 { coerced: true } });
    let route = a.route.expect("the honest route");
    assert_eq!(route.helpline_called_at, Some(at + chrono::TimeDelta::hours(3)));
    assert_eq!(route.disputed_paise, rs(450_000));
    // ₹4,50,000 is not under ₹50,000: a Magistrate's or Lok Adalat order is needed.
    assert_eq!(route.restoration, Restoration::CourtOrLokAdalat { threshold_paise: rs(50_000) });
    // And no 2017 deadline promises anything for it.
    let deadlines = Engine::builtin().compute(&digital_arrest(at), at);
    assert!(deadlines.iter().all(|x| !x.rule_id.starts_with("rbi_")), "{deadlines:?}");
}

#[test]
fn the_same_rtgs_in_january_2027_is_covered_as_coerced() {
    // 5 Jan 2027: the 2026 directions apply by the transaction's date, and a payment made
    // under coercion is a fraudulent EBT. Domestic: the bank decides within 45 days of the
    // report. Told the bank 5 Jan 2027 15:00 → 45 days: 31 Jan = +26, 19 Feb = +45.
    // ₹4,50,000 is above ₹50,000: no small-value compensation.
    let at = ist(2027, 1, 5, 11, 0);
    let mut facts = digital_arrest(at);
    facts.bank_told_at = Some(ist(2027, 1, 5, 15, 0));
    let (d, a) = one(facts.clone(), &FixedClock(ist(2027, 1, 5, 16, 0)));
    match known(&d) {
        Outcome::Covered2027 { coerced, decide_days, decide_by, compensation, .. } => {
            assert!(*coerced);
            assert_eq!(*decide_days, DecideDays::Known { days: 45 });
            assert_eq!(*decide_by, Some(eod(2027, 2, 19)));
            assert!(compensation.is_none());
        }
        other => panic!("expected covered, got {other:?}"),
    }
    assert!(a.route.is_none());
    let deadlines = Engine::builtin().compute(&facts, ist(2027, 1, 5, 16, 0));
    let resolution = deadlines.iter().find(|x| x.rule_id == "rbi_complaint_resolution").expect("45-day rule");
    assert_eq!((resolution.rule_version, resolution.due_at), (2, eod(2027, 2, 19)));
    assert!(resolution.only_if.is_empty());
}

#[test]
fn a_fact_not_known_is_never_turned_into_a_promise() {
    // The desk has not asked who made the payment or about the OTP. Nothing may say "you
    // lose nothing" outright: the verdict lists what each answer gives, and the deadline
    // carries its conditions.
    let facts = CaseFacts { transactions: vec![upi_debit(rs(18_000))], ..CaseFacts::default() };
    let clock = FixedClock(ist(2026, 12, 2, 10, 0));
    let (d, a) = one(facts.clone(), &clock);
    let Verdict::Depends(branches) = &d.verdict else { panic!("expected branches, got {:?}", d.verdict) };
    // Someone else, no OTP shared → the 2017 windows (not yet reported: zero if by Fri 4 Dec).
    let zero = branches
        .iter()
        .find(|b| b.given == [Given::Payer(vec![Payer::SomeoneElse]), Given::CredentialsShared(false)])
        .expect("someone else, nothing shared");
    assert!(matches!(
        zero.outcome,
        Outcome::Rbi2017 { liability: Liability::Zero, reported_at: None, zero_until: Some(z), .. } if z == eod(2026, 12, 4)
    ));
    // Someone else with an OTP shared → negligence.
    assert!(
        branches.iter().any(|b| b.given == [Given::Payer(vec![Payer::SomeoneElse]), Given::CredentialsShared(true)]
            && b.outcome == Outcome::Negligence2017 { reported_at: None })
    );
    // She made it herself (tricked or under threat): one merged branch, no protection.
    let own = branches.iter().find(|b| matches!(b.outcome, Outcome::NoRbiProtection { .. })).expect("own payment");
    assert_eq!(own.given, [Given::Payer(vec![Payer::VictimCoerced, Payer::VictimTricked])]);
    assert_eq!(branches.len(), 3);
    assert_eq!(d.ask, [Question::Payer, Question::CredentialsShared, Question::Account]);
    // Since she may have made it herself, the route is given too.
    assert!(a.route.is_some());
    // The deadline is still there to act on, but only "if" — never as a promise.
    let deadlines = Engine::builtin().compute(&facts, clock.now());
    let zero = deadlines.iter().find(|x| x.rule_id == "rbi_zero_liability_report").expect("conditional window");
    assert_eq!(zero.only_if, [Condition::Unauthorised, Condition::NoCustomerNegligence]);
    assert_eq!(zero.due_at, eod(2026, 12, 4));
    // The cap depends on the account, which is not known: no cap is stated.
    let limited = deadlines.iter().find(|x| x.rule_id == "rbi_limited_liability_report").expect("limited window");
    assert!(limited.notes.iter().all(|n| !matches!(n, sahayak_domain::deadlines::Note::LiabilityCap { .. })));
}

#[test]
fn a_tricked_payment_in_2027_is_not_covered_but_pressure_would_be() {
    // 10 Jan 2027, ₹12,000 paid by the victim to a fake buyer's QR code with her own PIN:
    // not made by someone else, not under pressure → not a fraudulent EBT.
    let txn = TxnFact { payer: Some(Payer::VictimTricked), ..TxnFact::new(ist(2027, 1, 10, 12, 0), rs(12_000)) };
    let facts = CaseFacts { transactions: vec![txn], ..CaseFacts::default() };
    let (d, a) = one(facts, &FixedClock(ist(2027, 1, 10, 13, 0)));
    assert_eq!(known(&d), &Outcome::NoRbiProtection { why: NoProtection::VictimPaidTricked });
    // ₹12,000 < ₹50,000: held money can come back without a court order.
    assert_eq!(a.route.expect("route").restoration, Restoration::WithoutCourtOrder { below_paise: rs(50_000) });
}

#[test]
fn unknown_destination_and_earlier_compensation_stay_open_questions_in_2027() {
    // 4 Jan 2027, ₹20,000 taken by someone else, nothing shared; destination and earlier
    // compensation not asked. Covered; the bank decides in 45 days (60 if abroad);
    // compensation 85% of ₹20,000 = ₹17,000 — only if never received before.
    let txn = TxnFact {
        payer: Some(Payer::SomeoneElse),
        credentials_shared: Some(false),
        ..TxnFact::new(ist(2027, 1, 4, 10, 0), rs(20_000))
    };
    let facts = CaseFacts { transactions: vec![txn], ..CaseFacts::default() };
    let (d, _) = one(facts, &FixedClock(ist(2027, 1, 4, 11, 0)));
    match known(&d) {
        Outcome::Covered2027 { coerced, decide_days, compensation, .. } => {
            assert!(!coerced);
            assert_eq!(*decide_days, DecideDays::DependsOnDestination { domestic: 45, abroad: 60 });
            let c = compensation.expect("₹20,000 qualifies");
            assert_eq!(c.amount_paise, rs(17_000));
            assert!(c.only_if_never_before);
        }
        other => panic!("expected covered, got {other:?}"),
    }
    assert_eq!(d.ask, [Question::CrossBorder, Question::CompensatedBefore]);
}

#[test]
fn the_route_counts_holds_and_when_they_may_lift() {
    // ₹30,000 paid by the victim (tricked) on 1 Dec 2026; ₹12,000 put on hold in a mule
    // account on 2 Dec. The hold may lift 90 days later: 2 Dec + 90 = 2 Mar 2027
    // (30 Dec = +28, 31 Jan = +60, 28 Feb = +88, 2 Mar = +90).
    let txn = TxnFact { payer: Some(Payer::VictimTricked), ..upi_debit(rs(30_000)) };
    let facts = CaseFacts {
        transactions: vec![txn],
        liens: vec![LienFact {
            placed_at: ist(2026, 12, 2, 15, 0),
            amount_paise: Some(rs(12_000)),
            order_obtained_at: None,
        }],
        ..CaseFacts::default()
    };
    let (_, a) = one(facts, &FixedClock(ist(2026, 12, 3, 9, 0)));
    let route = a.route.expect("route");
    assert_eq!(route.held_paise, rs(12_000));
    assert_eq!(route.hold_may_lift_at, Some(eod(2027, 3, 2)));
    assert_eq!(route.restoration, Restoration::WithoutCourtOrder { below_paise: rs(50_000) });
}
