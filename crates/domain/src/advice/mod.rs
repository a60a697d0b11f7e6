//! What the rules give this victim, debit by debit — the one place that decides it.
//!
//! The case page, the take-home sheet, the victim's own page and the papers only show
//! an [`Advice`]; none of them decides anything again. The decision reads the facts the
//! desk asked (who made the payment, whether an OTP was shared, the account type, when
//! the bank's SMS came and when the bank was told) and applies a rule only where its
//! facts hold:
//!
//! - **RBI 2017 circular** (transactions up to 31 Dec 2026) covers *unauthorised*
//!   transactions only — someone else made the payment. Sharing an OTP/PIN/password is
//!   customer negligence: the loss is the customer's until it is reported.
//! - **RBI 2026 directions** (transactions from 1 Jan 2027) cover a *fraudulent EBT*:
//!   someone else made it, or the customer made it under coercion or pressure.
//! - Otherwise no RBI protection applies, and the victim is told the honest route: the
//!   hold through 1930, the lien's 90 days, restoration ([`Route`]).
//!
//! A fact that is not known is never assumed in the victim's favour: the verdict then
//! lists each possible answer with what it would give ([`Verdict::Depends`]) and the
//! question to ask ([`Question`]). Regimes are chosen by the transaction's IST date.

mod decide;
mod route;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::deadlines::{CaseFacts, Engine, Liability, Payer, Regime};

pub use route::{Restoration, Route};

/// Everything the rules give one case.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Advice {
    /// One entry per disputed debit, in the case's order.
    pub debits: Vec<DebitAdvice>,
    /// The route that does not depend on RBI protection (1930 hold, lien, restoration),
    /// given when some debit has, or may have, no RBI protection.
    pub route: Option<Route>,
    /// The facts still to ask whose answer would change what the victim is told, most
    /// important first, without repeats.
    pub ask: Vec<Question>,
}

/// What the rules give one debit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DebitAdvice {
    /// Index into the case's transactions.
    pub index: usize,
    /// When the money left.
    pub at: DateTime<Utc>,
    /// Amount debited, in paise.
    pub amount_paise: i64,
    /// The RBI framework by the transaction's IST date (`None` before 6 July 2017).
    pub regime: Option<Regime>,
    /// The outcome, or the outcomes each possible answer would give.
    pub verdict: Verdict,
    /// The facts to ask for this debit whose answer would change the verdict.
    pub ask: Vec<Question>,
    /// The bank's SMS time is not recorded; the windows were counted from the
    /// transaction time (the earliest the SMS can have come), so they are never too late.
    pub alert_assumed: bool,
    /// Part of the result rests on facts still to be checked (`verify` rules, provisional
    /// holidays, years without a holiday list).
    pub verify: bool,
    /// `(rule id, version)` of the rules used.
    pub rules_applied: Vec<(String, u32)>,
}

/// The outcome, known or depending on answers not yet given.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "verdict", content = "value")]
pub enum Verdict {
    /// The facts recorded decide it.
    Known(Outcome),
    /// It depends on facts not known yet: each branch says what would hold if.
    Depends(Vec<Branch>),
}

impl Verdict {
    /// Every outcome this verdict can come to.
    pub fn outcomes(&self) -> Vec<&Outcome> {
        match self {
            Verdict::Known(o) => vec![o],
            Verdict::Depends(bs) => bs.iter().map(|b| &b.outcome).collect(),
        }
    }
}

/// One possible answer (or combination of answers) and what it would give.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Branch {
    /// All of these must hold.
    pub given: Vec<Given>,
    /// What they would give.
    pub outcome: Outcome,
}

/// An answer a branch assumes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "given", content = "value")]
pub enum Given {
    /// Who made the payment: any one of these.
    Payer(Vec<Payer>),
    /// Whether an OTP/PIN/password was shared (or a remote-access app installed).
    CredentialsShared(bool),
}

/// A fact the desk should ask next.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Question {
    /// Who made the payment.
    Payer,
    /// Whether an OTP, PIN or password was shared, or a remote-access app installed.
    CredentialsShared,
    /// When the bank's SMS or e-mail about the debit arrived.
    BankAlert,
    /// The debited account's type.
    Account,
    /// Whether the payment went abroad.
    CrossBorder,
    /// Whether the victim has had RBI's small-value compensation before.
    CompensatedBefore,
}

impl Question {
    /// Stable code, for catalogs and the API.
    pub fn code(self) -> &'static str {
        match self {
            Question::Payer => "payer",
            Question::CredentialsShared => "credentials_shared",
            Question::BankAlert => "bank_alert",
            Question::Account => "account",
            Question::CrossBorder => "cross_border",
            Question::CompensatedBefore => "compensated_before",
        }
    }
}

/// What a debit's facts give under the rules.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "outcome")]
pub enum Outcome {
    /// RBI 2017, an unauthorised debit without customer negligence (or with the bank at
    /// fault). If not yet reported, `liability` is what reporting now gives.
    Rbi2017 {
        /// The customer's share of the loss.
        liability: Liability,
        /// When the bank was told of it; `None`: not yet.
        reported_at: Option<DateTime<Utc>>,
        /// Reporting up to this time gives zero liability.
        zero_until: Option<DateTime<Utc>>,
        /// Reporting up to this time keeps the loss capped.
        limited_until: Option<DateTime<Utc>>,
        /// The cap that reporting in the limited window gives.
        cap: Option<Liability>,
        /// The bank was at fault: zero liability whenever it was reported.
        bank_at_fault: bool,
    },
    /// RBI 2017, someone else made the payment with an OTP/PIN/password the customer
    /// shared: the customer bears the loss until it is reported, the bank after.
    Negligence2017 {
        /// When the bank was told; `None`: not yet.
        reported_at: Option<DateTime<Utc>>,
    },
    /// RBI 2026 directions: a fraudulent EBT (made by someone else, or by the customer
    /// under coercion or pressure).
    Covered2027 {
        /// The customer made it under coercion or pressure (else someone else made it).
        coerced: bool,
        /// An OTP/PIN was shared (customer negligence under the directions); `None`: not
        /// known, or not applicable to a payment the customer made.
        negligence: Option<bool>,
        /// Days the bank has to decide the complaint: domestic and cross-border.
        decide_days: DecideDays,
        /// When the bank must decide, once told and the destination is known.
        decide_by: Option<DateTime<Utc>>,
        /// Small-value compensation, when the loss qualifies.
        compensation: Option<crate::deadlines::Compensation>,
        /// The bank was at fault: zero liability.
        bank_at_fault: bool,
    },
    /// No RBI protection applies; the honest route is what helps.
    NoRbiProtection {
        /// Why.
        why: NoProtection,
    },
    /// The transaction predates the 2017 circular: nothing is encoded.
    NoFramework,
}

/// Why no RBI protection applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NoProtection {
    /// Before 2027 the victim made the payment: the 2017 circular covers unauthorised
    /// transactions only. `coerced` is true when it was made under threat — covered only
    /// for transactions from 1 Jan 2027.
    VictimPaidBefore2027 {
        /// Made under threat or pressure.
        coerced: bool,
    },
    /// From 2027 the victim made the payment, tricked but not under pressure: not a
    /// fraudulent EBT.
    VictimPaidTricked,
}

/// How many days the bank has to decide a complaint under the 2026 directions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum DecideDays {
    /// The destination is known.
    Known {
        /// Calendar days.
        days: u32,
    },
    /// Not known whether the payment went abroad.
    DependsOnDestination {
        /// Domestic.
        domestic: u32,
        /// Cross-border.
        abroad: u32,
    },
}

/// What the rules give the case at `now`, on the engine's rules and calendars.
pub fn advise(engine: &Engine, facts: &CaseFacts, now: DateTime<Utc>) -> Advice {
    let debits: Vec<DebitAdvice> =
        facts.transactions.iter().enumerate().map(|(i, _)| decide::debit(engine, facts, i, now)).collect();
    let unprotected = debits.iter().any(|d| {
        d.verdict.outcomes().iter().any(|o| matches!(o, Outcome::NoRbiProtection { .. } | Outcome::NoFramework))
    });
    let route = unprotected.then(|| route::route(engine, facts, now));
    let mut ask = Vec::new();
    for q in debits.iter().flat_map(|d| d.ask.iter().copied()) {
        if !ask.contains(&q) {
            ask.push(q);
        }
    }
    ask.sort_by_key(|q| *q as u8);
    Advice { debits, route, ask }
}
