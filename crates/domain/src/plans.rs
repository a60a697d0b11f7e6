//! Guided action plans and the prevention library, kept as data (issues 4, 8 and 9).
//!
//! A **plan** is what the centre does, in order, for one kind of case: who does each
//! step, where (1930, the portal, the bank, a platform, Sanchar Saathi, the police…), by
//! when, what to have ready, why it matters, and the same step in plain words for the
//! victim's printed "what to do now" sheet. Money-loss plans open with the golden-hour
//! steps: 1930 from the victim's registered mobile, the bank, then the portal complaint —
//! after at most a safety step said at the desk first (a "digital arrest" victim may still be
//! on the call).
//!
//! - `data/plans/<id>.toml`: one file per plan; `general` is the fallback.
//! - `data/plans/shared-steps.toml`: steps many plans use (`use = "call_1930"`), so the
//!   wording of the 1930 call is written, reviewed and translated once. A plan may
//!   override any field of a shared step.
//! - `data/prevention/tips.toml`: prevention tips and short scam explainers.
//!
//! Every user-facing word is in those files, in English and Hindi; this module only
//! parses and checks them. Facts carry their `source` (a REFERENCE.md section) and
//! `verify = true` where they rest on general knowledge still to be checked.
//!
//! ```
//! use sahayak_domain::plans::{Circumstances, Plan, Tip};
//!
//! let plan = Plan::for_case("upi_qr", "Online Financial Fraud", Some("UPI Related Frauds"), Some("upi"));
//! assert_eq!(plan.id, "upi");
//! assert_eq!(plan.steps[0].id, "call_1930");
//! let sheet: Vec<_> = plan.steps_for(Circumstances { money_lost: true, ..Circumstances::default() }).collect();
//! assert!(sheet[0].urgent);
//! assert!(Tip::for_pattern("upi_qr").count() >= 2);
//! ```

mod iso;
mod load;
#[cfg(test)]
mod tests;

use std::sync::OnceLock;

use chrono::TimeDelta;
use serde::{Deserialize, Serialize};

use crate::case::{PaymentChannel, ScamPattern};
use crate::deadlines::{DataError, Lang, Text};

pub use iso::parse as parse_iso_duration;

/// The plan files, embedded. Add a new plan here and in `data/plans/`.
const PLAN_FILES: &[(&str, &str)] = &[
    ("upi.toml", include_str!("../data/plans/upi.toml")),
    ("card.toml", include_str!("../data/plans/card.toml")),
    ("net_banking.toml", include_str!("../data/plans/net_banking.toml")),
    ("ewallet.toml", include_str!("../data/plans/ewallet.toml")),
    ("aeps.toml", include_str!("../data/plans/aeps.toml")),
    ("vishing.toml", include_str!("../data/plans/vishing.toml")),
    ("sim_swap.toml", include_str!("../data/plans/sim_swap.toml")),
    ("business_email.toml", include_str!("../data/plans/business_email.toml")),
    ("phishing.toml", include_str!("../data/plans/phishing.toml")),
    ("social_media_hacked.toml", include_str!("../data/plans/social_media_hacked.toml")),
    ("impersonation.toml", include_str!("../data/plans/impersonation.toml")),
    ("sextortion.toml", include_str!("../data/plans/sextortion.toml")),
    ("loan_app.toml", include_str!("../data/plans/loan_app.toml")),
    ("investment.toml", include_str!("../data/plans/investment.toml")),
    ("digital_arrest.toml", include_str!("../data/plans/digital_arrest.toml")),
    ("job_fraud.toml", include_str!("../data/plans/job_fraud.toml")),
    ("courier_parcel.toml", include_str!("../data/plans/courier_parcel.toml")),
    ("lost_phone.toml", include_str!("../data/plans/lost_phone.toml")),
    ("account_frozen.toml", include_str!("../data/plans/account_frozen.toml")),
    ("general.toml", include_str!("../data/plans/general.toml")),
];
const SHARED_STEPS: &str = include_str!("../data/plans/shared-steps.toml");
const TIPS: &str = include_str!("../data/prevention/tips.toml");

/// The id of the plan used when no other plan matches.
pub const GENERAL: &str = "general";

/// A list in English and Hindi, item by item (e.g. what to have ready for 1930).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TextList {
    /// English items.
    pub en: Vec<String>,
    /// Hindi items, in the same order.
    pub hi: Vec<String>,
}

impl TextList {
    /// The items in `lang`.
    pub fn get(&self, lang: Lang) -> &[String] {
        match lang {
            Lang::En => &self.en,
            Lang::Hi => &self.hi,
        }
    }
}

/// Where a step is done.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Place {
    /// The 1930 cyber-fraud helpline.
    #[serde(rename = "helpline_1930")]
    Helpline1930,
    /// The National Cyber Crime Reporting Portal, cybercrime.gov.in.
    NcrpPortal,
    /// The victim's bank, wallet or card issuer.
    Bank,
    /// A platform's reporting tools or grievance officer.
    PlatformGrievance,
    /// Sanchar Saathi (CEIR blocking of a lost or stolen phone).
    SancharSaathiCeir,
    /// Chakshu on Sanchar Saathi (fraud calls and messages).
    Chakshu,
    /// A police station or cyber police station.
    PoliceStation,
    /// The centre's legal help (legal aid, courts, Lok Adalat, RBI Ombudsman).
    LegalAid,
    /// Counselling.
    Counselling,
    /// Done at the centre's desk.
    Centre,
}

/// The role that owns a step by default.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Counsellor at the desk.
    Counsellor,
    /// Liaison with the police.
    PoliceLiaison,
    /// Legal advisor.
    LegalAdvisor,
    /// Supervisor (mandatory reports, escalations).
    Supervisor,
}

/// A circumstance a step depends on. Steps without one always apply.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum When {
    /// Money has left the victim (in plans that are not mainly about money).
    MoneyLost,
    /// No money has left the victim.
    NoMoneyLost,
    /// The victim is a child (under 18).
    VictimMinor,
    /// The loss is above the centre's large-loss threshold (see [`large_loss`]).
    LargeLoss,
    /// The loss is not above that threshold (or no money was lost).
    NotLargeLoss,
    /// The victim is recorded as a woman or girl.
    VictimWoman,
}

/// The facts about a case that decide which conditional steps apply.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Circumstances {
    /// Money has left the victim.
    pub money_lost: bool,
    /// The victim is under 18.
    pub victim_minor: bool,
    /// The amount lost is above the centre's large-loss threshold ([`large_loss`]).
    pub large_loss: bool,
    /// The victim's recorded gender is female. Unrecorded is not assumed either way.
    pub victim_woman: bool,
}

impl Circumstances {
    /// Every combination of circumstances that can occur together (a large loss is a loss),
    /// for checking that a plan's order holds in each.
    pub fn every() -> impl Iterator<Item = Circumstances> {
        (0u8..16).filter_map(|bits| {
            let c = Circumstances {
                money_lost: bits & 1 != 0,
                victim_minor: bits & 2 != 0,
                large_loss: bits & 4 != 0,
                victim_woman: bits & 8 != 0,
            };
            (c.money_lost || !c.large_loss).then_some(c)
        })
    }
}

/// Whether an amount lost counts as a large loss: above `threshold_paise`. A large loss
/// calls for an FIR the same day (through an e-Zero FIR where the victim is elsewhere,
/// REFERENCE §5.2) and puts the case higher in the work queue. The threshold is the
/// centre's choice (`large_loss_rupees` in the server's configuration).
pub fn large_loss(amount_lost_paise: Option<i64>, threshold_paise: i64) -> bool {
    amount_lost_paise.is_some_and(|a| a > threshold_paise)
}

impl When {
    /// Whether a step with this condition applies.
    pub fn holds(self, c: Circumstances) -> bool {
        match self {
            When::MoneyLost => c.money_lost,
            When::NoMoneyLost => !c.money_lost,
            When::VictimMinor => c.victim_minor,
            When::LargeLoss => c.large_loss,
            When::NotLargeLoss => !c.large_loss,
            When::VictimWoman => c.victim_woman,
        }
    }
}

/// What a step's time limit counts from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum After {
    /// The case was registered at the centre.
    Registration,
    /// The incident (for money: the first fraudulent transaction).
    Incident,
    /// The nearest earlier step that applies to the case was done.
    PreviousStep,
    /// A named earlier step of the same plan was done (`step:<id>` in the files).
    Step(String),
}

/// When a step should be done: within `within` of `after`.
///
/// This is the centre's working target. Where the law sets a clock, the step also names
/// its `deadline_rule`, which the deadlines engine computes exactly.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Due {
    /// What the time counts from.
    pub after: After,
    /// How long, as written in the file (ISO-8601, e.g. `PT1H`).
    #[serde(rename = "within")]
    pub within_iso: String,
    /// How long, parsed.
    #[serde(skip)]
    pub within: TimeDelta,
}

/// One step of a plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Step {
    /// Id, unique within the plan.
    pub id: String,
    /// What the worker does with the victim (imperative).
    pub title: Text,
    /// Why it matters.
    pub why: Text,
    /// What to have ready (may be empty).
    pub collect: TextList,
    /// Where it is done.
    #[serde(rename = "where")]
    pub place: Place,
    /// The step in plain, kind words for the victim's sheet.
    pub victim_text: Text,
    /// When it should be done.
    pub due: Due,
    /// The role that owns it by default.
    pub owner: Role,
    /// A golden-hour step: do it before anything else.
    pub urgent: bool,
    /// A safety step: said at the desk before anything else, even before the 1930 call
    /// ("you are not under arrest; end the call"), because the victim may still be in the
    /// fraudster's hands.
    pub safety: bool,
    /// Only for cases where all of these hold (none: every case). Written in the files as
    /// one condition (`when = "money_lost"`) or a list (`when = ["money_lost", "not_large_loss"]`).
    pub when: Vec<When>,
    /// The deadline rule (`data/deadlines/rules.toml`) whose clock applies.
    pub deadline_rule: Option<String>,
    /// Where the facts come from (a REFERENCE.md section).
    pub source: String,
    /// A fact in this step rests on general knowledge and needs checking.
    pub verify: bool,
    /// What to check, when `verify`.
    pub verify_note: Option<String>,
}

impl Step {
    /// Whether the step applies in these circumstances.
    pub fn applies(&self, c: Circumstances) -> bool {
        self.when.iter().all(|w| w.holds(c))
    }
}

/// One clause of a plan's `matches`: every list that is given must contain the case's
/// value (lists left empty do not constrain). The best clause over all plans wins.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Match {
    /// The centre's scam-pattern codes.
    #[serde(default)]
    pub patterns: Vec<ScamPattern>,
    /// Portal categories (exact strings, `data/taxonomy`).
    #[serde(default)]
    pub categories: Vec<String>,
    /// Portal sub-categories (exact strings).
    #[serde(default)]
    pub sub_categories: Vec<String>,
    /// Payment channel codes.
    #[serde(default)]
    pub channels: Vec<PaymentChannel>,
    /// Higher wins. Convention: channel 10, category 20, sub-category 30, scam pattern
    /// 40; patterns whose own steps matter more than the payment route go higher.
    pub priority: u32,
}

/// A case as the matcher sees it.
#[derive(Debug, Clone, Copy)]
struct CaseKey<'a> {
    pattern: Option<ScamPattern>,
    category: &'a str,
    sub_category: Option<&'a str>,
    channel: Option<PaymentChannel>,
}

impl Match {
    /// How many of the four fields this clause constrains.
    fn specificity(&self) -> usize {
        [self.patterns.is_empty(), self.categories.is_empty(), self.sub_categories.is_empty(), self.channels.is_empty()]
            .iter()
            .filter(|empty| !**empty)
            .count()
    }

    /// `(priority, specificity)` when the clause applies to the case.
    fn score(&self, case: CaseKey<'_>) -> Option<(u32, usize)> {
        fn ok<T: PartialEq>(list: &[T], value: Option<T>) -> bool {
            list.is_empty() || value.is_some_and(|v| list.contains(&v))
        }
        let applies = ok(&self.patterns, case.pattern)
            && (self.categories.is_empty() || self.categories.iter().any(|c| c == case.category))
            && (self.sub_categories.is_empty()
                || case.sub_category.is_some_and(|s| self.sub_categories.iter().any(|c| c == s)))
            && ok(&self.channels, case.channel);
        applies.then(|| (self.priority, self.specificity()))
    }
}

/// A guided action plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Plan {
    /// Stable id (the file name without `.toml`).
    pub id: String,
    /// Content version; raise it when the steps change.
    pub version: u32,
    /// A money-loss plan: it opens with the golden-hour steps, 1930 first.
    pub money: bool,
    /// Name of the plan.
    pub title: Text,
    /// What kind of case it is for, in a sentence or two.
    pub summary: Text,
    /// Which cases it applies to. Empty: chosen by hand (or the fallback).
    pub matches: Vec<Match>,
    /// The steps, in order.
    pub steps: Vec<Step>,
}

impl Plan {
    /// Every built-in plan, in the order of [`PLAN_FILES`].
    pub fn all() -> &'static [Plan] {
        Catalog::builtin().plans()
    }

    /// The built-in plan with this id.
    pub fn get(id: &str) -> Option<&'static Plan> {
        Catalog::builtin().plan(id)
    }

    /// The built-in plan that fits a case best, or the `general` plan. Codes that are
    /// not known (or empty strings) simply match nothing.
    pub fn for_case(
        scam_pattern: &str,
        category: &str,
        sub_category: Option<&str>,
        payment_channel: Option<&str>,
    ) -> &'static Plan {
        Catalog::builtin().plan_for_case(scam_pattern, category, sub_category, payment_channel)
    }

    /// The steps that apply in these circumstances, in order.
    pub fn steps_for(&self, c: Circumstances) -> impl Iterator<Item = &Step> {
        self.steps.iter().filter(move |s| s.applies(c))
    }

    /// The step with this id.
    pub fn step(&self, id: &str) -> Option<&Step> {
        self.steps.iter().find(|s| s.id == id)
    }
}

/// Who a tip is written for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Audience {
    /// Everyone.
    General,
    /// School and college students.
    Students,
    /// Senior citizens.
    SeniorCitizens,
    /// Parents.
    Parents,
    /// Office staff.
    OfficeStaff,
}

/// A prevention tip or short scam explainer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Tip {
    /// Stable id.
    pub id: String,
    /// Scam patterns it relates to.
    pub patterns: Vec<ScamPattern>,
    /// Who it is for.
    pub audience: Vec<Audience>,
    /// Headline.
    pub title: Text,
    /// Two to four plain sentences.
    pub text: Text,
    /// Where the facts come from (a REFERENCE.md section).
    pub source: String,
    /// A fact in it rests on general knowledge and needs checking.
    #[serde(default)]
    pub verify: bool,
    /// What to check, when `verify`.
    #[serde(default)]
    pub verify_note: Option<String>,
}

impl Tip {
    /// Every built-in tip, in file order.
    pub fn all() -> &'static [Tip] {
        Catalog::builtin().tips()
    }

    /// Built-in tips about a scam pattern (by code); none for an unknown code.
    pub fn for_pattern(code: &str) -> impl Iterator<Item = &'static Tip> + use<> {
        let pattern = code.parse::<ScamPattern>().ok();
        Tip::all().iter().filter(move |t| pattern.is_some_and(|p| t.patterns.contains(&p)))
    }

    /// Built-in tips for an audience.
    pub fn for_audience(audience: Audience) -> impl Iterator<Item = &'static Tip> {
        Tip::all().iter().filter(move |t| t.audience.contains(&audience))
    }
}

/// A checked set of plans and tips.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Catalog {
    plans: Vec<Plan>,
    tips: Vec<Tip>,
}

impl Catalog {
    /// The embedded plans and tips, parsed and checked once.
    pub fn builtin() -> &'static Catalog {
        static BUILTIN: OnceLock<Catalog> = OnceLock::new();
        // The embedded files are checked by the tests, so this only fails in a build
        // whose data was never tested; failing loudly beats showing a wrong plan.
        BUILTIN.get_or_init(|| {
            Catalog::from_toml(SHARED_STEPS, PLAN_FILES, TIPS).unwrap_or_else(|e| panic!("embedded plans: {e}"))
        })
    }

    /// Parses and checks plans and tips in the embedded format: the shared steps file,
    /// `(file name, text)` for each plan, and the tips file.
    pub fn from_toml(shared_steps: &str, plans: &[(&str, &str)], tips: &str) -> Result<Catalog, DataError> {
        let plans = load::plans(shared_steps, plans)?;
        let tips = load::tips(tips)?;
        Ok(Catalog { plans, tips })
    }

    /// All plans.
    pub fn plans(&self) -> &[Plan] {
        &self.plans
    }

    /// All tips.
    pub fn tips(&self) -> &[Tip] {
        &self.tips
    }

    /// The plan with this id.
    pub fn plan(&self, id: &str) -> Option<&Plan> {
        self.plans.iter().find(|p| p.id == id)
    }

    /// See [`Plan::for_case`]. Ties go to the clause that names more fields, then to the
    /// plan listed first.
    pub fn plan_for_case(
        &self,
        scam_pattern: &str,
        category: &str,
        sub_category: Option<&str>,
        payment_channel: Option<&str>,
    ) -> &Plan {
        let case = CaseKey {
            pattern: scam_pattern.parse().ok(),
            category,
            sub_category,
            channel: payment_channel.and_then(|c| c.parse().ok()),
        };
        let mut best: Option<((u32, usize), &Plan)> = None;
        for plan in &self.plans {
            if let Some(score) = plan.matches.iter().filter_map(|m| m.score(case)).max()
                && best.is_none_or(|(b, _)| score > b)
            {
                best = Some((score, plan));
            }
        }
        match best {
            Some((_, plan)) => plan,
            None => self.plan(GENERAL).expect("the loader requires a general plan"),
        }
    }
}
