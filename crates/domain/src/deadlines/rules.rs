//! Deadline rules as versioned data (`data/deadlines/rules.toml`).
//!
//! A rule says: when a fact happens (the *anchor*), something must happen within a
//! *duration*. Each has a source, the dates it applies between, and text for the
//! victim in English and Hindi. When the law changes, add a new version with a new
//! `applies_from` instead of editing the old one: cases from before the change must
//! keep being judged by the old rule.

use std::collections::BTreeSet;
use std::sync::LazyLock;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::DataError;
use super::text::{Text, de_date, de_opt_date};

const BUILTIN_TOML: &str = include_str!("../../data/deadlines/rules.toml");

static BUILTIN: LazyLock<Rulebook> = LazyLock::new(|| {
    // Checked by `builtin_rules_parse` in the tests; see calendar.rs for the reasoning.
    Rulebook::from_toml(BUILTIN_TOML).unwrap_or_else(|e| panic!("embedded rules.toml: {e}"))
});

/// A dated fact in a case that can start a clock or show that an action was taken.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Fact {
    /// The victim (or the centre, for them) called the 1930 helpline.
    #[serde(rename = "helpline_1930_call")]
    Helpline1930Call,
    /// The complaint was completed on cybercrime.gov.in (NCRP).
    NcrpComplaintFiled,
    /// A transaction happened (per transaction).
    Transaction,
    /// The bank's SMS/e-mail about the transaction arrived (per transaction; the
    /// transaction time is assumed when it is not recorded).
    BankAlert,
    /// The customer told the bank about the transaction (per transaction; the case's
    /// written bank complaint is assumed when it is not recorded per transaction).
    ReportedToBank,
    /// The bank put the disputed amount back provisionally (per transaction).
    ShadowCredited,
    /// The bank was told, by any means (call, app, branch): per case.
    BankTold,
    /// A written complaint was made to the bank (per case).
    BankComplaint,
    /// The bank replied to (or decided) that complaint.
    BankReply,
    /// A complaint was filed with the RBI Ombudsman.
    OmbudsmanComplaint,
    /// A bank put a hold (lien) on money (per lien).
    LienPlaced,
    /// A court or restoration order was obtained for that hold (per lien).
    LienOrder,
    /// An e-FIR / e-Zero FIR was registered from the complaint.
    EfirRegistered,
    /// The informant signed the e-FIR / visited the police station.
    EfirSigned,
    /// A fraudulent call, SMS or WhatsApp message was received.
    FraudCommunicationReceived,
    /// It was reported on Chakshu (Sanchar Saathi).
    ChakshuReported,
    /// Content was reported to the platform (intermediary).
    PlatformReported,
    /// The platform removed or disabled the content.
    ContentRemoved,
    /// A complaint was made to a platform's grievance officer.
    GrievanceFiled,
    /// The grievance officer acknowledged it.
    GrievanceAcknowledged,
    /// The grievance officer disposed of it.
    GrievanceDisposed,
}

/// What a fact belongs to: the case, one transaction, or one bank hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// One per case.
    Case,
    /// One per transaction.
    Transaction,
    /// One per lien.
    Lien,
}

impl Fact {
    /// What this fact belongs to.
    pub fn scope(self) -> Scope {
        match self {
            Fact::Transaction | Fact::BankAlert | Fact::ReportedToBank | Fact::ShadowCredited => Scope::Transaction,
            Fact::LienPlaced | Fact::LienOrder => Scope::Lien,
            _ => Scope::Case,
        }
    }
}

/// A condition that must hold for a rule to apply to a case or transaction.
///
/// A condition can also be *unknown* (the fact it reads was not recorded yet): the
/// engine then still gives the deadline, with the condition in
/// [`Deadline::only_if`](super::Deadline::only_if), so that no screen states it as a
/// promise.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Condition {
    /// Someone other than the customer made the payment (RBI 2017: "unauthorised").
    Unauthorised,
    /// A "fraudulent EBT" of the 2026 directions: made by someone else, or by the
    /// customer under coercion, duress or pressure.
    FraudulentEbt,
    /// The transaction was cross-border.
    CrossBorder,
    /// The transaction was domestic.
    Domestic,
    /// The case is about intimate images or impersonation (IT Rules r.3(2)(b)).
    IntimateImageOrImpersonation,
    /// The customer did not share credentials (PIN/OTP/password).
    NoCustomerNegligence,
    /// The bank has not replied to the written complaint.
    NoBankReply,
    /// The net loss is within the rule's `compensation` limit and the customer has
    /// not been compensated before.
    SmallValueLoss,
}

impl Condition {
    fn needs_transaction(self) -> bool {
        !matches!(self, Self::IntimateImageOrImpersonation | Self::NoBankReply)
    }

    /// Stable code, as written in the rules file (`unauthorised`, `no_customer_negligence` ...).
    pub fn code(self) -> &'static str {
        match self {
            Self::Unauthorised => "unauthorised",
            Self::FraudulentEbt => "fraudulent_ebt",
            Self::CrossBorder => "cross_border",
            Self::Domestic => "domestic",
            Self::IntimateImageOrImpersonation => "intimate_image_or_impersonation",
            Self::NoCustomerNegligence => "no_customer_negligence",
            Self::NoBankReply => "no_bank_reply",
            Self::SmallValueLoss => "small_value_loss",
        }
    }
}

/// Whether the date is a deadline to meet or the earliest date an option opens.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RuleKind {
    /// Something must happen by the date.
    #[default]
    Due,
    /// Something becomes possible from the date (e.g. approaching the Ombudsman).
    Opens,
}

/// What passes with a deadline the victim must meet.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Stake {
    /// Money: a liability window, a hold that lapses, a compensation claim.
    Money,
    /// A right or a remedy: an FIR kept on record, a complaint window, the Ombudsman.
    Rights,
}

/// Which RBI customer-liability framework a rule belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Regime {
    /// RBI circular of 6 July 2017 (transactions before 1 Jan 2027).
    Rbi2017,
    /// RBI "Fraudulent EBT" directions of 24 June 2026 (transactions from 1 Jan 2027).
    Rbi2027,
}

/// How long a rule gives.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "unit", rename_all = "snake_case")]
pub enum RuleDuration {
    /// Exact hours from the anchor instant.
    Hours {
        /// Number of hours.
        value: u32,
    },
    /// Whole IST days after the anchor's date; due at the end of the last day.
    CalendarDays {
        /// Number of days.
        value: u32,
    },
    /// Working days of a calendar after the anchor's date (that date not counted);
    /// due at the end of the last day.
    WorkingDays {
        /// Number of working days.
        value: u32,
        /// Calendar id, e.g. `bank-rajasthan`.
        calendar: String,
    },
    /// Calendar months after the anchor's date (plus extra days); end of the last day.
    Months {
        /// Number of months.
        value: u32,
        /// Extra days after the months ("one year and 30 days").
        #[serde(default)]
        plus_days: u32,
    },
}

/// Where a rule comes from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    /// The legal or official citation.
    pub citation: String,
    /// A public page to check it, when there is one.
    #[serde(default)]
    pub url: Option<String>,
    /// Where the project's research notes discuss it (REFERENCE.md section).
    #[serde(default)]
    pub reference: Option<String>,
}

/// The RBI 2017 per-transaction liability caps, in paise, by account type.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LiabilityCaps {
    /// Basic Savings Bank Deposit account.
    pub bsbd: i64,
    /// Other savings, PPIs, MSME and small current accounts, cards up to ₹5 lakh.
    pub savings_or_small: i64,
    /// All other current/CC/OD accounts and cards above ₹5 lakh.
    pub other: i64,
}

/// The 2027 small-value compensation scheme's numbers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CompensationParams {
    /// Largest net loss (paise) that qualifies.
    pub max_net_loss_paise: i64,
    /// Share of the net loss paid, in percent.
    pub percent: u32,
    /// Most that is paid (paise).
    pub max_paise: i64,
}

/// How held money comes back, by the disputed amount (MHA SOP on CFCFRMS, Jan 2026).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RestorationParams {
    /// Disputed amounts below this (paise) are refunded without a court order.
    pub without_order_below_paise: i64,
}

/// One version of one rule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rule {
    /// Stable id, e.g. `ncrp_complete_after_1930`.
    pub id: String,
    /// Version; a later version replaces an earlier one from its `applies_from`.
    pub version: u32,
    /// First IST date (inclusive) this version applies to.
    #[serde(deserialize_with = "de_date")]
    pub applies_from: NaiveDate,
    /// Last IST date (inclusive) this version applies to, if it has ended.
    #[serde(default, deserialize_with = "de_opt_date")]
    pub applies_until: Option<NaiveDate>,
    /// Whether this is a deadline or an opening date.
    #[serde(default)]
    pub kind: RuleKind,
    /// The fact that starts the clock. The applicable version is chosen by the date of
    /// the transaction (for per-transaction facts), the hold (per-lien facts) or the
    /// anchor itself (per-case facts).
    pub anchor: Fact,
    /// The fact that shows the action was taken, if we can record it.
    #[serde(default)]
    pub met_by: Option<Fact>,
    /// How long from the anchor.
    pub duration: RuleDuration,
    /// Conditions that must all hold.
    #[serde(default)]
    pub conditions: Vec<Condition>,
    /// The RBI framework this rule belongs to, if any.
    #[serde(default)]
    pub regime: Option<Regime>,
    /// What the victim loses when the deadline passes (none: it is someone else's duty,
    /// and missing it is a reason to chase them, not a loss). Ranks the work queue.
    #[serde(default)]
    pub stake: Option<Stake>,
    /// How long before the due time to show "due soon" (default: a quarter of the
    /// window, at most 72 hours).
    #[serde(default)]
    pub due_soon_hours: Option<u32>,
    /// True when a fact in this rule still needs to be checked against the source.
    #[serde(default)]
    pub verify: bool,
    /// What needs checking (required when `verify`).
    #[serde(default)]
    pub verify_note: Option<String>,
    /// Where the rule comes from.
    pub source: Source,
    /// Short title for the victim.
    pub title: Text,
    /// Plain explanation for the victim.
    pub explain: Text,
    /// RBI 2017 liability caps (only on the limited-liability rule).
    #[serde(default)]
    pub liability_caps: Option<LiabilityCaps>,
    /// 2027 compensation numbers (only on the compensation rule).
    #[serde(default)]
    pub compensation: Option<CompensationParams>,
    /// The restoration threshold (only on the hold-expiry rule).
    #[serde(default)]
    pub restoration: Option<RestorationParams>,
}

impl Rule {
    /// Whether this version applies to something dated `date` (IST).
    pub fn applies_on(&self, date: NaiveDate) -> bool {
        date >= self.applies_from && self.applies_until.is_none_or(|until| date <= until)
    }

    fn window_overlaps(&self, other: &Rule) -> bool {
        let end = |r: &Rule| r.applies_until.unwrap_or(NaiveDate::MAX);
        self.applies_from <= end(other) && other.applies_from <= end(self)
    }

    fn check(&self) -> Result<(), DataError> {
        let bad = |msg: &str| Err(DataError::Invalid(format!("rule {} v{}: {msg}", self.id, self.version)));
        if self.id.is_empty() || !self.id.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_') {
            return bad("id must be lowercase letters, digits and _");
        }
        if self.version == 0 {
            return bad("versions start at 1");
        }
        if self.applies_until.is_some_and(|u| u < self.applies_from) {
            return bad("applies_until is before applies_from");
        }
        if self.title.has_blank() || self.explain.has_blank() {
            return bad("title and explain need both English and Hindi");
        }
        if self.source.citation.trim().is_empty() {
            return bad("source.citation is empty");
        }
        if self.verify && self.verify_note.as_deref().is_none_or(|n| n.trim().is_empty()) {
            return bad("verify = true needs a verify_note saying what to check");
        }
        let zero = match &self.duration {
            RuleDuration::Hours { value } | RuleDuration::CalendarDays { value } => *value == 0,
            RuleDuration::WorkingDays { value, .. } => *value == 0,
            RuleDuration::Months { value, plus_days } => *value == 0 && *plus_days == 0,
        };
        if zero {
            return bad("duration is zero");
        }
        let anchor = self.anchor.scope();
        if let Some(met) = self.met_by
            && met.scope() != Scope::Case
            && met.scope() != anchor
        {
            return bad("met_by must belong to the case or to the same thing as the anchor");
        }
        if anchor != Scope::Transaction && self.conditions.iter().any(|c| c.needs_transaction()) {
            return bad("a transaction condition needs a per-transaction anchor");
        }
        if self.conditions.contains(&Condition::SmallValueLoss) && self.compensation.is_none() {
            return bad("small_value_loss needs a [compensation] table");
        }
        if let Some(c) = self.liability_caps
            && (c.bsbd <= 0 || c.savings_or_small <= 0 || c.other <= 0)
        {
            return bad("liability caps must be positive");
        }
        if self.restoration.is_some_and(|r| r.without_order_below_paise <= 0) {
            return bad("the restoration threshold must be positive");
        }
        if let Some(c) = self.compensation
            && (c.max_net_loss_paise <= 0 || c.max_paise <= 0 || !(1..=100).contains(&c.percent))
        {
            return bad("compensation needs positive amounts and a percent from 1 to 100");
        }
        Ok(())
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    schema: u32,
    rule: Vec<Rule>,
}

/// A validated set of rules.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rulebook {
    rules: Vec<Rule>,
}

impl Rulebook {
    /// The rules embedded from `data/deadlines/rules.toml`, parsed once.
    pub fn builtin() -> &'static Rulebook {
        &BUILTIN
    }

    /// Parses and validates a rules file (same format as the embedded one).
    pub fn from_toml(text: &str) -> Result<Self, DataError> {
        let raw: RawFile = toml::from_str(text).map_err(|e| DataError::toml("rules", &e))?;
        if raw.schema != 1 {
            return Err(DataError::Invalid(format!("rules schema {} is not supported", raw.schema)));
        }
        Self::new(raw.rule)
    }

    /// Validates rules built in code.
    pub fn new(rules: Vec<Rule>) -> Result<Self, DataError> {
        let mut seen = BTreeSet::new();
        for r in &rules {
            r.check()?;
            if !seen.insert((r.id.as_str(), r.version)) {
                return Err(DataError::Invalid(format!("rule {} v{} is defined twice", r.id, r.version)));
            }
        }
        for (i, a) in rules.iter().enumerate() {
            for b in &rules[i + 1..] {
                // The engine finds "the" transaction or hold for a rule id from the
                // anchor's scope, so all versions of an id must share it.
                if a.id == b.id && a.anchor.scope() != b.anchor.scope() {
                    return Err(DataError::Invalid(format!("versions of {} anchor on different things", a.id)));
                }
                // One transaction must fall under exactly one RBI framework.
                if let (Some(ra), Some(rb)) = (a.regime, b.regime)
                    && ra != rb
                    && a.window_overlaps(b)
                {
                    return Err(DataError::Invalid(format!(
                        "{} and {} put overlapping dates under different RBI regimes",
                        a.id, b.id
                    )));
                }
            }
        }
        Ok(Self { rules })
    }

    /// All rules, in file order.
    pub fn rules(&self) -> &[Rule] {
        &self.rules
    }

    /// Distinct rule ids, in file order.
    pub fn ids(&self) -> Vec<&str> {
        let mut seen = BTreeSet::new();
        self.rules.iter().map(|r| r.id.as_str()).filter(|id| seen.insert(*id)).collect()
    }

    /// One version of a rule.
    pub fn get(&self, id: &str, version: u32) -> Option<&Rule> {
        self.rules.iter().find(|r| r.id == id && r.version == version)
    }

    /// All versions of a rule, newest first.
    pub fn versions(&self, id: &str) -> Vec<&Rule> {
        let mut v: Vec<&Rule> = self.rules.iter().filter(|r| r.id == id).collect();
        v.sort_by_key(|r| std::cmp::Reverse(r.version));
        v
    }

    /// The newest version of `id` that applies on `date`, ignoring conditions.
    pub fn applicable(&self, id: &str, date: NaiveDate) -> Option<&Rule> {
        self.versions(id).into_iter().find(|r| r.applies_on(date))
    }

    /// The RBI framework for a transaction on `date` (IST), if any rule covers it.
    pub fn regime_on(&self, date: NaiveDate) -> Option<Regime> {
        self.rules.iter().filter(|r| r.applies_on(date)).find_map(|r| r.regime)
    }

    /// Rules flagged `verify`, for the "facts to check" list.
    pub fn needing_verification(&self) -> impl Iterator<Item = &Rule> {
        self.rules.iter().filter(|r| r.verify)
    }
}
