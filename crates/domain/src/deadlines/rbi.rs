//! RBI customer liability for a disputed electronic transaction.
//!
//! Two frameworks, chosen by the transaction's IST date (never by when it was reported):
//! - 2017 circular (transactions up to 31 Dec 2026): zero liability if reported within
//!   3 working days of the bank's message, a capped amount at 4–7 working days, the
//!   bank's Board policy after that; a customer who shared credentials bears the loss
//!   until reporting. The numbers (3, 7, the caps, the calendar) come from the rules
//!   `rbi_zero_liability_report` and `rbi_limited_liability_report`.
//! - 2027 directions (from 1 Jan 2027): the liability schedule is not in our research
//!   notes, so it is reported as [`Liability::NotEncoded`] with `verify`; the small-value
//!   compensation (rule `rbi_small_value_compensation_report`) is computed.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::DataError;
use super::clock::ist_date;
use super::engine::{Engine, Note, calendar_notes};
use super::facts::{CaseFacts, TxnFact};
use super::rules::{CompensationParams, Fact, LiabilityCaps, Regime, RuleDuration, Rulebook};

/// Rule id of the 2017 zero-liability window.
pub const ZERO_LIABILITY_RULE: &str = "rbi_zero_liability_report";
/// Rule id of the 2017 limited-liability window (carries the caps).
pub const LIMITED_LIABILITY_RULE: &str = "rbi_limited_liability_report";
/// Rule id of the 2027 small-value compensation window (carries the numbers).
pub const COMPENSATION_RULE: &str = "rbi_small_value_compensation_report";

/// The debited account, in the three bands of the 2017 circular's Table 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AccountType {
    /// Basic Savings Bank Deposit (BSBD) account — cap ₹5,000.
    Bsbd,
    /// Cap ₹10,000: any other savings account; prepaid payment instruments (wallets) and
    /// gift cards; current/cash-credit/overdraft accounts of MSMEs; individuals'
    /// current/CC/OD accounts with annual average balance (365 days before the fraud)
    /// or limit up to ₹25 lakh; credit cards with a limit up to ₹5 lakh. Most walk-in
    /// victims' accounts fall here.
    SavingsOrSmall,
    /// Cap ₹25,000: all other current/CC/OD accounts; credit cards with a limit above
    /// ₹5 lakh.
    Other,
}

impl AccountType {
    /// The cap for this account type, in paise.
    pub fn cap_paise(self, caps: &LiabilityCaps) -> i64 {
        match self {
            AccountType::Bsbd => caps.bsbd,
            AccountType::SavingsOrSmall => caps.savings_or_small,
            AccountType::Other => caps.other,
        }
    }
}

/// The customer's share of the loss on one transaction.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "liability")]
pub enum Liability {
    /// The customer bears nothing; the bank must make good the whole amount.
    Zero,
    /// The customer bears at most this much (lower of the amount and the cap).
    Capped {
        /// In paise.
        max_paise: i64,
    },
    /// Capped, but the account type that sets the cap is not known yet: between these.
    CappedByAccount {
        /// The least it can be (a basic savings account's cap), in paise.
        min_paise: i64,
        /// The most it can be (the highest band's cap), in paise.
        max_paise: i64,
    },
    /// Reported after the limited-liability window: the bank's Board-approved policy decides.
    BankPolicy,
    /// The customer shared credentials: they bear the loss until they report it; the
    /// bank bears losses after the report.
    FullUntilReported,
    /// No encoded rule decides it (2027 liability schedule, or a date before 2017).
    NotEncoded,
}

/// What the liability decision needs to know about one transaction.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LiabilityInput {
    /// When the money left the account.
    pub transaction_at: DateTime<Utc>,
    /// When the bank's SMS/e-mail arrived; the transaction time is used if unknown.
    pub bank_alert_at: Option<DateTime<Utc>>,
    /// When the customer told the bank; `None` = not yet (judged as if reported at `now`).
    pub reported_to_bank_at: Option<DateTime<Utc>>,
    /// The customer shared a PIN/OTP/password (an answer, not a guess: the caller
    /// decides what to do when it is not known).
    pub customer_shared_credentials: bool,
    /// The bank was at fault: zero liability however late the report.
    pub bank_negligence: bool,
    /// Account type, for the caps (`None`: not known yet; the cap is then a range).
    pub account_type: Option<AccountType>,
    /// Amount debited, in paise.
    pub amount_paise: i64,
    /// Net loss (amount − recovered), in paise, for 2027 compensation.
    pub net_loss_paise: i64,
    /// Already compensated once (the 2027 scheme pays once in a lifetime; `None`: not
    /// known yet).
    pub previously_compensated: Option<bool>,
}

impl LiabilityInput {
    /// The input for one transaction of a case, with the credentials answer given by
    /// the caller. The bank counts as told about the transaction from its own report
    /// time, else from the first time the bank was told about the case (a call or a
    /// written complaint).
    pub fn for_transaction(txn: &TxnFact, facts: &CaseFacts, customer_shared_credentials: bool) -> Self {
        let case_report = [facts.bank_told_at, facts.bank_complaint_at].into_iter().flatten().min();
        Self {
            transaction_at: txn.at,
            bank_alert_at: txn.bank_alert_at,
            reported_to_bank_at: txn.reported_to_bank_at.or(case_report),
            customer_shared_credentials,
            bank_negligence: txn.bank_negligence,
            account_type: txn.account.map(|a| a.band()),
            amount_paise: txn.amount_paise,
            net_loss_paise: txn.net_loss_paise(),
            previously_compensated: facts.rbi_compensation_received_before,
        }
    }
}

/// 2027 small-value compensation for one transaction.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Compensation {
    /// Payable amount, in paise.
    pub amount_paise: i64,
    /// Report by this time to be eligible.
    pub report_by: DateTime<Utc>,
    /// Whether the report (or `now`, if not yet reported) is within the window.
    pub reported_in_time: bool,
    /// It is not known whether the victim was compensated before: payable only if not.
    pub only_if_never_before: bool,
}

/// The liability decision for one transaction.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LiabilityAssessment {
    /// The framework, by the transaction's IST date; `None` before the 2017 circular.
    pub regime: Option<Regime>,
    /// The customer's liability.
    pub liability: Liability,
    /// True when not yet reported: the result is what reporting *now* would give.
    pub as_if_reported_now: bool,
    /// Working days from the bank's message to the report (day of the message excluded).
    pub working_days_taken: Option<u32>,
    /// Reporting up to this time gives zero liability (2017).
    pub zero_liability_until: Option<DateTime<Utc>>,
    /// Reporting up to this time keeps liability capped (2017).
    pub limited_liability_until: Option<DateTime<Utc>>,
    /// The cap that reporting within the limited window gives (2017): `Capped`, or
    /// `CappedByAccount` when the account type is not known.
    pub cap: Option<Liability>,
    /// The bank's message time was not recorded; the transaction time was used.
    pub alert_assumed: bool,
    /// 2027 small-value compensation, when the loss qualifies.
    pub compensation: Option<Compensation>,
    /// `(rule id, version)` of every rule used, for the audit trail.
    pub rules_applied: Vec<(String, u32)>,
    /// True when part of this result rests on facts still to be checked.
    pub verify: bool,
    /// Calendar gaps and provisional holidays met while counting.
    pub notes: Vec<Note>,
}

/// Lower of the amount and the account type's cap, never negative.
pub(crate) fn capped_liability(amount_paise: i64, account: AccountType, caps: &LiabilityCaps) -> i64 {
    amount_paise.clamp(0, account.cap_paise(caps).max(0))
}

/// 2027 compensation for a net loss: `percent` of it, at most `max_paise`, rounded down
/// to the paisa; `None` when the loss is nil or above the limit.
pub(crate) fn compensation_paise(net_loss_paise: i64, p: &CompensationParams) -> Option<i64> {
    if net_loss_paise <= 0 || net_loss_paise > p.max_net_loss_paise {
        return None;
    }
    let share = net_loss_paise.checked_mul(i64::from(p.percent))? / 100;
    Some(share.min(p.max_paise))
}

/// Checks that the RBI rules, where present, have the shape this module reads.
pub(crate) fn check_rules(book: &Rulebook) -> Result<(), DataError> {
    for r in book.rules() {
        let bad = |msg: &str| Err(DataError::Invalid(format!("rule {} v{}: {msg}", r.id, r.version)));
        let working_days = matches!(r.duration, RuleDuration::WorkingDays { .. });
        if (r.id == ZERO_LIABILITY_RULE || r.id == LIMITED_LIABILITY_RULE) && !working_days {
            return bad("the RBI 2017 windows are counted in working days");
        }
        if r.id == LIMITED_LIABILITY_RULE && r.liability_caps.is_none() {
            return bad("needs liability_caps");
        }
        if r.id == COMPENSATION_RULE && r.compensation.is_none() {
            return bad("needs a compensation table");
        }
    }
    Ok(())
}

/// [`Engine::assess_liability`] under the built-in rules and calendars.
pub fn assess_liability(input: &LiabilityInput, now: DateTime<Utc>) -> LiabilityAssessment {
    Engine::builtin().assess_liability(input, now)
}

impl Engine {
    /// The customer's liability for one transaction, judged at `now` if not yet reported.
    pub fn assess_liability(&self, input: &LiabilityInput, now: DateTime<Utc>) -> LiabilityAssessment {
        let txn_date = ist_date(input.transaction_at);
        let regime = self.rules().regime_on(txn_date);
        let mut a = LiabilityAssessment {
            regime,
            liability: Liability::NotEncoded,
            as_if_reported_now: input.reported_to_bank_at.is_none(),
            working_days_taken: None,
            zero_liability_until: None,
            limited_liability_until: None,
            cap: None,
            alert_assumed: input.bank_alert_at.is_none(),
            compensation: None,
            rules_applied: Vec::new(),
            verify: true,
            notes: Vec::new(),
        };
        let reported_at = input.reported_to_bank_at.unwrap_or(now);
        match regime {
            Some(Regime::Rbi2017) => self.assess_2017(input, reported_at, &mut a),
            Some(Regime::Rbi2027) => self.assess_2027(input, reported_at, &mut a),
            None => {}
        }
        a
    }

    fn assess_2017(&self, input: &LiabilityInput, reported_at: DateTime<Utc>, a: &mut LiabilityAssessment) {
        let txn_date = ist_date(input.transaction_at);
        let book = self.rules();
        let (Some(zero), Some(limited)) =
            (book.applicable(ZERO_LIABILITY_RULE, txn_date), book.applicable(LIMITED_LIABILITY_RULE, txn_date))
        else {
            return;
        };
        let (
            RuleDuration::WorkingDays { value: zero_days, calendar: zero_cal },
            RuleDuration::WorkingDays { value: limited_days, calendar: limited_cal },
            Some(caps),
        ) = (&zero.duration, &limited.duration, limited.liability_caps)
        else {
            return; // ruled out by check_rules
        };
        let (Some(zero_cal), Some(limited_cal)) = (self.calendars().get(zero_cal), self.calendars().get(limited_cal))
        else {
            return; // ruled out by Engine::new
        };
        let alert_at = input.bank_alert_at.unwrap_or(input.transaction_at);
        let (alert_date, report_date) = (ist_date(alert_at), ist_date(reported_at));
        let zero_taken = zero_cal.working_days_between(alert_date, report_date);
        let limited_taken = limited_cal.working_days_between(alert_date, report_date);

        // The elapsed count and both windows can pass the same provisional holiday;
        // report each once.
        let mut notes = calendar_notes(zero_cal, alert_date, report_date);
        for (rule, slot) in [(zero, &mut a.zero_liability_until), (limited, &mut a.limited_liability_until)] {
            if let Some(due) = self.due_for(&rule.duration, alert_at) {
                *slot = Some(due.at);
                for n in due.notes {
                    if !notes.contains(&n) {
                        notes.push(n);
                    }
                }
            }
        }

        let cap = match input.account_type {
            Some(account) => Liability::Capped { max_paise: capped_liability(input.amount_paise, account, &caps) },
            None => Liability::CappedByAccount {
                min_paise: capped_liability(input.amount_paise, AccountType::Bsbd, &caps),
                max_paise: capped_liability(input.amount_paise, AccountType::Other, &caps),
            },
        };
        a.cap = Some(cap);
        a.working_days_taken = Some(zero_taken);
        a.liability = if input.bank_negligence {
            Liability::Zero
        } else if input.customer_shared_credentials {
            Liability::FullUntilReported
        } else if zero_taken <= *zero_days {
            Liability::Zero
        } else if limited_taken <= *limited_days {
            cap
        } else {
            Liability::BankPolicy
        };
        a.rules_applied = vec![(zero.id.clone(), zero.version), (limited.id.clone(), limited.version)];
        a.verify = zero.verify || limited.verify || notes.iter().any(Note::needs_verification);
        a.notes = notes;
    }

    fn assess_2027(&self, input: &LiabilityInput, reported_at: DateTime<Utc>, a: &mut LiabilityAssessment) {
        // Bank negligence means zero liability in both frameworks; everything else in
        // the 2027 schedule is not encoded, so `verify` stays true.
        if input.bank_negligence {
            a.liability = Liability::Zero;
        }
        let txn_date = ist_date(input.transaction_at);
        let Some(rule) = self.rules().applicable(COMPENSATION_RULE, txn_date) else {
            return;
        };
        let Some(params) = rule.compensation else {
            return;
        };
        if input.previously_compensated == Some(true) {
            return;
        }
        let Some(amount_paise) = compensation_paise(input.net_loss_paise, &params) else {
            return;
        };
        let anchor_at = match rule.anchor {
            Fact::BankAlert => input.bank_alert_at.unwrap_or(input.transaction_at),
            _ => input.transaction_at,
        };
        if let Some(due) = self.due_for(&rule.duration, anchor_at) {
            a.compensation = Some(Compensation {
                amount_paise,
                report_by: due.at,
                reported_in_time: reported_at <= due.at,
                only_if_never_before: input.previously_compensated.is_none(),
            });
            a.rules_applied.push((rule.id.clone(), rule.version));
            a.notes.extend(due.notes);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const CAPS: LiabilityCaps = LiabilityCaps { bsbd: 500_000, savings_or_small: 1_000_000, other: 2_500_000 };
    const COMP: CompensationParams =
        CompensationParams { max_net_loss_paise: 5_000_000, percent: 85, max_paise: 2_500_000 };

    #[test]
    fn cap_is_the_lower_of_amount_and_cap() {
        // ₹4,000 on a savings account: 4,000 < 10,000, so ₹4,000 = 400,000 paise.
        assert_eq!(capped_liability(400_000, AccountType::SavingsOrSmall, &CAPS), 400_000);
        // ₹15,000 on BSBD: cap ₹5,000 = 500,000 paise.
        assert_eq!(capped_liability(1_500_000, AccountType::Bsbd, &CAPS), 500_000);
        assert_eq!(capped_liability(-5, AccountType::Other, &CAPS), 0);
    }

    #[test]
    fn compensation_arithmetic() {
        // ₹20,000 → 85% = ₹17,000 = 1,700,000 paise (under the ₹25,000 cap).
        assert_eq!(compensation_paise(2_000_000, &COMP), Some(1_700_000));
        // ₹40,000 → 85% = ₹34,000 > ₹25,000, so ₹25,000.
        assert_eq!(compensation_paise(4_000_000, &COMP), Some(2_500_000));
        // ₹50,000 exactly still qualifies (≤); ₹50,000.01 does not.
        assert_eq!(compensation_paise(5_000_000, &COMP), Some(2_500_000));
        assert_eq!(compensation_paise(5_000_001, &COMP), None);
        // 1,001 paise × 85 / 100 = 850.85 → rounded down to 850.
        assert_eq!(compensation_paise(1_001, &COMP), Some(850));
        assert_eq!(compensation_paise(0, &COMP), None);
    }
}
