//! RBI customer-liability examples, each computed by hand in its comment.
//!
//! Base case: a UPI debit on Fri 6 Nov 2026 at 18:30 IST, bank SMS at 18:31. Working days
//! on the bank-rajasthan calendar after 6 Nov (6 Nov itself not counted):
//!   Sat 7 (1st Sat) = 1 · Sun 8 Diwali ✗ · Mon 9 Govardhan Puja ✗ · Tue 10 = 2 ·
//!   Wed 11 = 3 · Thu 12 = 4 · Fri 13 = 5 · Sat 14 (2nd Sat) ✗ · Sun 15 ✗ · Mon 16 = 6 ·
//!   Tue 17 = 7 · Wed 18 = 8.
//! So: zero liability if reported by Wed 11 Nov, capped by Tue 17 Nov, bank policy from Wed 18.

use chrono::{DateTime, NaiveDate, Utc};
use sahayak_domain::deadlines::clock::{end_of_ist_day, ist_at};
use sahayak_domain::deadlines::{
    AccountType, CaseFacts, Engine, Liability, LiabilityAssessment, LiabilityInput, Note, Regime, TxnFact,
};

fn ist(y: i32, m: u32, d: u32, h: u32, mi: u32) -> DateTime<Utc> {
    ist_at(y, m, d, h, mi).expect("valid IST time")
}

fn eod(y: i32, m: u32, d: u32) -> DateTime<Utc> {
    end_of_ist_day(NaiveDate::from_ymd_opt(y, m, d).expect("valid date"))
}

fn input(amount_paise: i64, account_type: AccountType, reported: Option<DateTime<Utc>>) -> LiabilityInput {
    LiabilityInput {
        transaction_at: ist(2026, 11, 6, 18, 30),
        bank_alert_at: Some(ist(2026, 11, 6, 18, 31)),
        reported_to_bank_at: reported,
        customer_shared_credentials: false,
        bank_negligence: false,
        account_type: Some(account_type),
        amount_paise,
        net_loss_paise: amount_paise,
        previously_compensated: Some(false),
    }
}

fn assess(i: &LiabilityInput, now: DateTime<Utc>) -> LiabilityAssessment {
    Engine::builtin().assess_liability(i, now)
}

const LATER: fn() -> DateTime<Utc> = || ist(2026, 12, 1, 0, 0);

#[test]
fn reported_on_monday_of_diwali_week_is_zero_liability() {
    // Reported Mon 9 Nov 11:00: only Sat 7 Nov has been a working day → 1 ≤ 3 → zero.
    let a = assess(&input(1_500_000, AccountType::SavingsOrSmall, Some(ist(2026, 11, 9, 11, 0))), LATER());
    assert_eq!(a.regime, Some(Regime::Rbi2017));
    assert_eq!(a.liability, Liability::Zero);
    assert_eq!(a.working_days_taken, Some(1));
    assert_eq!(a.zero_liability_until, Some(eod(2026, 11, 11)));
    assert_eq!(a.limited_liability_until, Some(eod(2026, 11, 17)));
    assert!(!a.as_if_reported_now && !a.alert_assumed);
    // Govardhan Puja 2026 is an estimated bank holiday, and the count passed it.
    assert!(a.verify);
    assert!(a.notes.iter().any(|n| matches!(n, Note::EstimatedHoliday { .. })));
    assert_eq!(
        a.rules_applied,
        vec![("rbi_zero_liability_report".to_owned(), 1), ("rbi_limited_liability_report".to_owned(), 1)]
    );
}

#[test]
fn third_working_day_is_zero_fourth_is_capped() {
    // 23:59 on Wed 11 Nov is still the 3rd working day → zero.
    let on_third = assess(&input(1_500_000, AccountType::SavingsOrSmall, Some(ist(2026, 11, 11, 23, 59))), LATER());
    assert_eq!((on_third.liability, on_third.working_days_taken), (Liability::Zero, Some(3)));
    // 00:05 on Thu 12 Nov is the 4th → capped. ₹15,000 on savings: lower of ₹15,000 and
    // ₹10,000 = ₹10,000 = 1,000,000 paise.
    let on_fourth = assess(&input(1_500_000, AccountType::SavingsOrSmall, Some(ist(2026, 11, 12, 0, 5))), LATER());
    assert_eq!(on_fourth.liability, Liability::Capped { max_paise: 1_000_000 });
    assert_eq!(on_fourth.working_days_taken, Some(4));
    // ₹4,000 on savings on the 4th day: lower of ₹4,000 and ₹10,000 = 400,000 paise.
    let small = assess(&input(400_000, AccountType::SavingsOrSmall, Some(ist(2026, 11, 12, 10, 0))), LATER());
    assert_eq!(small.liability, Liability::Capped { max_paise: 400_000 });
}

#[test]
fn caps_by_account_type() {
    // ₹40,000 reported on Fri 13 Nov (5th working day).
    let on = |t| assess(&input(4_000_000, t, Some(ist(2026, 11, 13, 12, 0))), LATER()).liability;
    assert_eq!(on(AccountType::Bsbd), Liability::Capped { max_paise: 500_000 }); // ₹5,000
    assert_eq!(on(AccountType::SavingsOrSmall), Liability::Capped { max_paise: 1_000_000 }); // ₹10,000
    assert_eq!(on(AccountType::Other), Liability::Capped { max_paise: 2_500_000 }); // ₹25,000
}

#[test]
fn seventh_working_day_is_capped_eighth_is_bank_policy() {
    // Tue 17 Nov = 7th → capped; Sat 14 (2nd Sat) and Sun 15 were not counted.
    let seventh = assess(&input(1_500_000, AccountType::SavingsOrSmall, Some(ist(2026, 11, 17, 17, 0))), LATER());
    assert_eq!((seventh.liability, seventh.working_days_taken), (Liability::Capped { max_paise: 1_000_000 }, Some(7)));
    // Wed 18 Nov = 8th → the bank's Board policy.
    let eighth = assess(&input(1_500_000, AccountType::SavingsOrSmall, Some(ist(2026, 11, 18, 10, 0))), LATER());
    assert_eq!((eighth.liability, eighth.working_days_taken), (Liability::BankPolicy, Some(8)));
}

#[test]
fn not_yet_reported_is_judged_as_if_reported_now() {
    // Now = Tue 10 Nov 15:00: 2 working days have passed → reporting now gives zero.
    let a = assess(&input(1_500_000, AccountType::SavingsOrSmall, None), ist(2026, 11, 10, 15, 0));
    assert!(a.as_if_reported_now);
    assert_eq!((a.liability, a.working_days_taken), (Liability::Zero, Some(2)));
    // Now = Mon 16 Nov: 6 working days → capped.
    let b = assess(&input(1_500_000, AccountType::SavingsOrSmall, None), ist(2026, 11, 16, 9, 0));
    assert_eq!(b.liability, Liability::Capped { max_paise: 1_000_000 });
}

#[test]
fn negligence_on_either_side() {
    // Shared the OTP: the customer bears the loss until reporting, however fast.
    let mut shared = input(1_500_000, AccountType::SavingsOrSmall, Some(ist(2026, 11, 6, 19, 0)));
    shared.customer_shared_credentials = true;
    assert_eq!(assess(&shared, LATER()).liability, Liability::FullUntilReported);
    // The bank was at fault: zero even when reported a month later.
    let mut bank = input(1_500_000, AccountType::SavingsOrSmall, Some(ist(2026, 12, 7, 10, 0)));
    bank.bank_negligence = true;
    assert_eq!(assess(&bank, LATER()).liability, Liability::Zero);
}

#[test]
fn late_night_alert_counts_from_the_alert_day() {
    // Debit Thu 5 Nov 23:00 but the SMS only arrives Fri 6 Nov 09:00: the window counts from
    // 6 Nov (same table as above), so Wed 11 Nov is still the 3rd working day → zero.
    // Had it counted from 5 Nov, Fri 6 = 1, Sat 7 = 2, Tue 10 = 3 and the 11th would be the 4th.
    let mut i = input(1_500_000, AccountType::SavingsOrSmall, Some(ist(2026, 11, 11, 12, 0)));
    i.transaction_at = ist(2026, 11, 5, 23, 0);
    i.bank_alert_at = Some(ist(2026, 11, 6, 9, 0));
    assert_eq!(assess(&i, LATER()).liability, Liability::Zero);
    // Without the SMS time the transaction time is assumed, and the 11th is then the 4th.
    i.bank_alert_at = None;
    let a = assess(&i, LATER());
    assert!(a.alert_assumed);
    assert_eq!((a.liability, a.working_days_taken), (Liability::Capped { max_paise: 1_000_000 }, Some(4)));
}

#[test]
fn regime_turns_at_ist_midnight_on_new_year() {
    // 31 Dec 2026 23:50 IST → 2017 rules. Reported 1 Jan 2027 10:00: Fri 1 Jan = 1 → zero.
    let mut old = input(2_000_000, AccountType::SavingsOrSmall, Some(ist(2027, 1, 1, 10, 0)));
    old.transaction_at = ist(2026, 12, 31, 23, 50);
    old.bank_alert_at = None;
    let a = assess(&old, ist(2027, 1, 2, 0, 0));
    assert_eq!((a.regime, a.liability), (Some(Regime::Rbi2017), Liability::Zero));
    assert!(a.compensation.is_none());

    // 1 Jan 2027 00:10 IST (still 31 Dec in UTC) → 2027 directions. Their liability
    // schedule is not encoded: NotEncoded + verify. Compensation for ₹20,000:
    // 85% = ₹17,000 = 1,700,000 paise; report within 5 days of 1 Jan → by end of 6 Jan.
    let mut new = old.clone();
    new.transaction_at = ist(2027, 1, 1, 0, 10);
    let b = assess(&new, ist(2027, 1, 2, 0, 0));
    assert_eq!((b.regime, b.liability), (Some(Regime::Rbi2027), Liability::NotEncoded));
    assert!(b.verify);
    let c = b.compensation.expect("₹20,000 qualifies");
    assert_eq!((c.amount_paise, c.report_by, c.reported_in_time), (1_700_000, eod(2027, 1, 6), true));
    assert_eq!(b.rules_applied, vec![("rbi_small_value_compensation_report".to_owned(), 1)]);

    // Reported on 7 Jan: outside the 5 days.
    new.reported_to_bank_at = Some(ist(2027, 1, 7, 10, 0));
    assert!(!assess(&new, ist(2027, 1, 8, 0, 0)).compensation.expect("amount still shown").reported_in_time);
    // Already compensated once: nothing.
    new.previously_compensated = Some(true);
    assert!(assess(&new, ist(2027, 1, 8, 0, 0)).compensation.is_none());
    // Bank negligence gives zero liability in 2027 too.
    new.bank_negligence = true;
    assert_eq!(assess(&new, ist(2027, 1, 8, 0, 0)).liability, Liability::Zero);
}

#[test]
fn before_the_2017_circular_nothing_is_encoded() {
    let mut i = input(100_000, AccountType::SavingsOrSmall, Some(ist(2017, 7, 5, 12, 0)));
    i.transaction_at = ist(2017, 7, 5, 10, 0);
    i.bank_alert_at = None;
    let a = assess(&i, ist(2017, 7, 6, 0, 0));
    assert_eq!((a.regime, a.liability), (None, Liability::NotEncoded));
    assert!(a.verify);
}

#[test]
fn input_from_a_case_uses_the_written_complaint() {
    // No per-transaction report; the written complaint on Tue 10 Nov counts: 2 working days → zero.
    let mut txn = TxnFact::new(ist(2026, 11, 6, 18, 30), 1_500_000);
    txn.bank_alert_at = Some(ist(2026, 11, 6, 18, 31));
    txn.recovered_paise = 500_000;
    let facts = CaseFacts {
        transactions: vec![txn.clone()],
        bank_complaint_at: Some(ist(2026, 11, 10, 10, 0)),
        ..CaseFacts::default()
    };
    let i = LiabilityInput::for_transaction(&txn, &facts, false);
    assert_eq!(i.reported_to_bank_at, Some(ist(2026, 11, 10, 10, 0)));
    // Net loss: ₹15,000 − ₹5,000 = ₹10,000.
    assert_eq!(i.net_loss_paise, 1_000_000);
    let a = assess(&i, LATER());
    assert_eq!((a.liability, a.working_days_taken), (Liability::Zero, Some(2)));
}
