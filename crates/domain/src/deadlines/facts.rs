//! The dated facts of a case that start or stop the clocks.
//!
//! Everything is optional because intake is incremental: a walk-in victim may know the
//! transaction time but not when the bank's SMS arrived. Where a rule needs a fact that
//! is missing, the engine uses a documented stand-in and says so in a note, rather than
//! silently dropping the deadline.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::clock::ist_date;
use super::payment::{AccountKind, Payer};
use super::rules::{Fact, Scope};

/// One debit the victim disputes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TxnFact {
    /// When the money left the account. Decides the RBI regime (by IST date).
    pub at: DateTime<Utc>,
    /// When the bank's SMS/e-mail about it arrived (starts the RBI reporting window).
    #[serde(default)]
    pub bank_alert_at: Option<DateTime<Utc>>,
    /// When the victim told the bank about this transaction.
    #[serde(default)]
    pub reported_to_bank_at: Option<DateTime<Utc>>,
    /// When the bank provisionally credited the amount back (shadow reversal).
    #[serde(default)]
    pub shadow_credited_at: Option<DateTime<Utc>>,
    /// Amount debited, in paise.
    pub amount_paise: i64,
    /// Amount already reversed or recovered, in paise (net loss = amount − recovered).
    #[serde(default)]
    pub recovered_paise: i64,
    /// Who made the payment (`None`: not known yet).
    #[serde(default)]
    pub payer: Option<Payer>,
    /// An OTP, PIN or password was shared, or a screen-sharing/remote-access app
    /// installed: customer negligence in both RBI frameworks (`None`: not known yet).
    #[serde(default)]
    pub credentials_shared: Option<bool>,
    /// The debited account (`None`: not known yet), for the 2017 caps.
    #[serde(default)]
    pub account: Option<AccountKind>,
    /// Whether the payment went abroad (2027 directions: 60-day instead of 45-day
    /// turnaround; `None`: not known yet).
    #[serde(default)]
    pub cross_border: Option<bool>,
    /// The bank was at fault (no alerts, system failure ...): zero liability regardless.
    #[serde(default)]
    pub bank_negligence: bool,
}

impl TxnFact {
    /// A transaction with only what intake always has; every other fact is "not known
    /// yet" until it is set.
    pub fn new(at: DateTime<Utc>, amount_paise: i64) -> Self {
        Self {
            at,
            bank_alert_at: None,
            reported_to_bank_at: None,
            shadow_credited_at: None,
            amount_paise,
            recovered_paise: 0,
            payer: None,
            credentials_shared: None,
            account: None,
            cross_border: None,
            bank_negligence: false,
        }
    }

    /// Net loss in paise, never negative.
    pub fn net_loss_paise(&self) -> i64 {
        self.amount_paise.saturating_sub(self.recovered_paise).max(0)
    }
}

/// A hold (lien) a bank placed on money traced from the victim.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LienFact {
    /// When the hold was placed.
    pub placed_at: DateTime<Utc>,
    /// Amount held, in paise, if known.
    #[serde(default)]
    pub amount_paise: Option<i64>,
    /// When a court or restoration order for this hold was obtained.
    #[serde(default)]
    pub order_obtained_at: Option<DateTime<Utc>>,
}

/// The dated facts of one case, as far as they are known.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct CaseFacts {
    /// The 1930 helpline was called.
    pub helpline_1930_called_at: Option<DateTime<Utc>>,
    /// The complaint was completed on cybercrime.gov.in.
    pub ncrp_complaint_filed_at: Option<DateTime<Utc>>,
    /// Disputed transactions.
    pub transactions: Vec<TxnFact>,
    /// Holds placed by banks.
    pub liens: Vec<LienFact>,
    /// An e-FIR / e-Zero FIR was registered.
    pub efir_registered_at: Option<DateTime<Utc>>,
    /// The informant signed it / visited the police station.
    pub efir_signed_at: Option<DateTime<Utc>>,
    /// A fraud call/SMS/WhatsApp message was received.
    pub fraud_communication_received_at: Option<DateTime<Utc>>,
    /// It was reported on Chakshu.
    pub chakshu_reported_at: Option<DateTime<Utc>>,
    /// The case involves intimate images or impersonation.
    pub intimate_image_or_impersonation: bool,
    /// Content was reported to the platform.
    pub platform_reported_at: Option<DateTime<Utc>>,
    /// The platform removed it.
    pub content_removed_at: Option<DateTime<Utc>>,
    /// A complaint went to a platform's grievance officer.
    pub grievance_filed_at: Option<DateTime<Utc>>,
    /// The grievance officer acknowledged it.
    pub grievance_acknowledged_at: Option<DateTime<Utc>>,
    /// The grievance officer disposed of it.
    pub grievance_disposed_at: Option<DateTime<Utc>>,
    /// The bank was first told, by any means (a call, the app, the branch): the
    /// golden-hour action. Counts as reporting every transaction not reported on its own.
    pub bank_told_at: Option<DateTime<Utc>>,
    /// A written complaint was made to the bank. Only this starts the RBI Ombudsman's
    /// clocks (RB-IOS 2021 runs from a written complaint, not a phone call).
    pub bank_complaint_at: Option<DateTime<Utc>>,
    /// The bank replied to it.
    pub bank_replied_at: Option<DateTime<Utc>>,
    /// A complaint was filed with the RBI Ombudsman.
    pub ombudsman_complaint_at: Option<DateTime<Utc>>,
    /// The victim has already received RBI small-value compensation once
    /// (`None`: not known yet).
    pub rbi_compensation_received_before: Option<bool>,
}

/// What a deadline is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind", content = "index")]
pub enum Subject {
    /// The case as a whole.
    Case,
    /// `transactions[i]`.
    Transaction(usize),
    /// `liens[i]`.
    Lien(usize),
}

/// A fact's time, and the fact it was taken from when it was a stand-in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Resolved {
    pub at: DateTime<Utc>,
    pub stand_in: Option<Fact>,
}

impl Resolved {
    fn exact(at: DateTime<Utc>) -> Self {
        Self { at, stand_in: None }
    }
}

impl CaseFacts {
    /// The subjects a rule anchored on something of this scope is evaluated for.
    pub(crate) fn subjects(&self, scope: Scope) -> Vec<Subject> {
        match scope {
            Scope::Case => vec![Subject::Case],
            Scope::Transaction => (0..self.transactions.len()).map(Subject::Transaction).collect(),
            Scope::Lien => (0..self.liens.len()).map(Subject::Lien).collect(),
        }
    }

    /// The transaction a subject refers to.
    pub fn transaction(&self, subject: Subject) -> Option<&TxnFact> {
        match subject {
            Subject::Transaction(i) => self.transactions.get(i),
            _ => None,
        }
    }

    /// The IST date that selects a rule version: the transaction's or the hold's date,
    /// or, for case-level rules, the anchor's own date.
    pub(crate) fn selecting_date(&self, subject: Subject, anchor_at: DateTime<Utc>) -> NaiveDate {
        let at = match subject {
            Subject::Transaction(i) => self.transactions.get(i).map(|t| t.at),
            Subject::Lien(i) => self.liens.get(i).map(|l| l.placed_at),
            Subject::Case => None,
        };
        ist_date(at.unwrap_or(anchor_at))
    }

    /// When `fact` happened for `subject`, if known.
    pub(crate) fn resolve(&self, fact: Fact, subject: Subject) -> Option<Resolved> {
        let case = |v: Option<DateTime<Utc>>| v.map(Resolved::exact);
        match fact {
            Fact::Helpline1930Call => case(self.helpline_1930_called_at),
            Fact::NcrpComplaintFiled => case(self.ncrp_complaint_filed_at),
            Fact::BankTold => case(self.bank_told_at),
            Fact::BankComplaint => case(self.bank_complaint_at),
            Fact::BankReply => case(self.bank_replied_at),
            Fact::OmbudsmanComplaint => case(self.ombudsman_complaint_at),
            Fact::EfirRegistered => case(self.efir_registered_at),
            Fact::EfirSigned => case(self.efir_signed_at),
            Fact::FraudCommunicationReceived => case(self.fraud_communication_received_at),
            Fact::ChakshuReported => case(self.chakshu_reported_at),
            Fact::PlatformReported => case(self.platform_reported_at),
            Fact::ContentRemoved => case(self.content_removed_at),
            Fact::GrievanceFiled => case(self.grievance_filed_at),
            Fact::GrievanceAcknowledged => case(self.grievance_acknowledged_at),
            Fact::GrievanceDisposed => case(self.grievance_disposed_at),
            Fact::Transaction => self.transaction(subject).map(|t| Resolved::exact(t.at)),
            // Without a recorded alert, the transaction time is the earliest the bank's
            // message could have come, so the window computed from it is never too late.
            Fact::BankAlert => self.transaction(subject).map(|t| match t.bank_alert_at {
                Some(at) => Resolved::exact(at),
                None => Resolved { at: t.at, stand_in: Some(Fact::Transaction) },
            }),
            // Telling the bank (a call, or a written complaint) covers all its transactions.
            Fact::ReportedToBank => {
                let t = self.transaction(subject)?;
                if let Some(at) = t.reported_to_bank_at {
                    return Some(Resolved::exact(at));
                }
                let told = self.bank_told_at.map(|at| (at, Fact::BankTold));
                let written = self.bank_complaint_at.map(|at| (at, Fact::BankComplaint));
                told.into_iter().chain(written).min().map(|(at, used)| Resolved { at, stand_in: Some(used) })
            }
            Fact::ShadowCredited => self.transaction(subject).and_then(|t| case(t.shadow_credited_at)),
            Fact::LienPlaced => match subject {
                Subject::Lien(i) => self.liens.get(i).map(|l| Resolved::exact(l.placed_at)),
                _ => None,
            },
            Fact::LienOrder => match subject {
                Subject::Lien(i) => self.liens.get(i).and_then(|l| case(l.order_obtained_at)),
                _ => None,
            },
        }
    }
}
