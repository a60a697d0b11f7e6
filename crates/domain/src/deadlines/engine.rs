//! Turning a case's facts into dated deadlines.
//!
//! The engine knows no rule by name except the RBI liability rules (rbi.rs). Everything
//! else (what starts a clock, how long it runs, which calendar) comes from the rulebook,
//! so a new rule or a changed duration is a data edit.

use std::sync::LazyLock;

use chrono::{DateTime, Datelike, Days, Months, NaiveDate, TimeDelta, Utc};
use serde::{Deserialize, Serialize};

use super::DataError;
use super::calendar::{Calendar, Calendars};
use super::clock::{end_of_ist_day, ist_date};
use super::facts::{CaseFacts, Resolved, Subject};
use super::payment::Payer;
use super::rbi;
use super::rules::{Condition, Fact, Rule, RuleDuration, RuleKind, Rulebook, Source};
use super::text::{Lang, Text};

static BUILTIN: LazyLock<Engine> = LazyLock::new(|| {
    Engine::new(Rulebook::builtin().clone(), Calendars::builtin().clone())
        .unwrap_or_else(|e| panic!("embedded deadline data: {e}"))
});

/// Where a deadline stands at a given moment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Not yet due, and not close.
    Upcoming,
    /// Due within the rule's "due soon" window.
    DueSoon,
    /// Past due and not recorded as done.
    Overdue,
    /// Done on time (or, for an opening, already acted on).
    Met,
    /// Done, but after the due time.
    MetLate,
    /// An opening date (`kind = "opens"`) that has passed: the option is available now.
    Open,
}

/// Extra facts about one computed deadline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "note")]
pub enum Note {
    /// `fact` was not recorded, so the time of `used` was taken instead.
    StandIn {
        /// The fact the rule needs.
        fact: Fact,
        /// The fact used in its place.
        used: Fact,
    },
    /// The working-day count ran through a year whose holidays are not entered.
    CalendarNotCovered {
        /// Calendar id.
        calendar: String,
        /// The year.
        year: i32,
    },
    /// The working-day count passed over a holiday whose date is provisional.
    EstimatedHoliday {
        /// Calendar id.
        calendar: String,
        /// The holiday's date.
        date: NaiveDate,
    },
    /// RBI 2017: the most the customer can lose on this transaction if reported
    /// within this window (lower of the amount and the cap for the account type).
    LiabilityCap {
        /// In paise.
        max_paise: i64,
    },
    /// RBI 2027: the compensation payable if reported within this window.
    Compensation {
        /// In paise.
        amount_paise: i64,
    },
}

impl Note {
    /// Whether this note makes the result uncertain enough to need checking.
    pub fn needs_verification(&self) -> bool {
        matches!(self, Note::CalendarNotCovered { .. } | Note::EstimatedHoliday { .. })
    }
}

/// One deadline for one case (or one transaction or hold in it).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Deadline {
    /// The rule's stable id.
    pub rule_id: String,
    /// The rule version used (chosen by the relevant date).
    pub rule_version: u32,
    /// A deadline to meet, or a date an option opens.
    pub kind: RuleKind,
    /// What it is about.
    pub subject: Subject,
    /// When the clock started.
    pub anchor_at: DateTime<Utc>,
    /// When it is due (or opens).
    pub due_at: DateTime<Utc>,
    /// When the action was recorded as done, if it was.
    pub met_at: Option<DateTime<Utc>>,
    /// Where it stands at the `now` it was computed for.
    pub status: Status,
    /// What the victim loses when it passes, if anything.
    #[serde(default)]
    pub stake: Option<super::rules::Stake>,
    /// From when it counts as due soon (a deadline to meet; none for an opening date).
    #[serde(default)]
    pub due_soon_from: Option<DateTime<Utc>>,
    /// Title for the victim.
    pub title: Text,
    /// Plain explanation for the victim.
    pub explain: Text,
    /// Where the rule comes from.
    pub source: Source,
    /// True when the rule or this computation needs checking (see `verify_note`, `notes`).
    pub verify: bool,
    /// What about the rule needs checking.
    pub verify_note: Option<String>,
    /// Stand-ins, calendar gaps, liability caps, compensation.
    pub notes: Vec<Note>,
    /// Conditions of the rule whose facts are not known yet: the deadline holds only if
    /// they turn out true, and every screen must say so. Empty when the rule is known to
    /// apply.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub only_if: Vec<Condition>,
}

impl Deadline {
    /// Time left until `due_at` (negative once past), for countdowns.
    pub fn remaining(&self, now: DateTime<Utc>) -> TimeDelta {
        self.due_at - now
    }

    /// The title in `lang`.
    pub fn title(&self, lang: Lang) -> &str {
        self.title.get(lang)
    }

    /// The explanation in `lang`.
    pub fn explain(&self, lang: Lang) -> &str {
        self.explain.get(lang)
    }
}

/// A computed due time and what affected it.
pub(crate) struct Due {
    pub at: DateTime<Utc>,
    pub notes: Vec<Note>,
}

/// Rules plus the calendars they count on, checked against each other once.
#[derive(Debug, Clone)]
pub struct Engine {
    rules: Rulebook,
    calendars: Calendars,
}

impl Engine {
    /// Combines a rulebook and calendars, checking that every calendar a rule counts
    /// on exists and that the RBI rules have the shape the liability logic needs.
    pub fn new(rules: Rulebook, calendars: Calendars) -> Result<Self, DataError> {
        for r in rules.rules() {
            if let RuleDuration::WorkingDays { calendar, .. } = &r.duration
                && calendars.get(calendar).is_none()
            {
                return Err(DataError::Invalid(format!(
                    "rule {} v{} counts on calendar {calendar}, which is not defined",
                    r.id, r.version
                )));
            }
        }
        rbi::check_rules(&rules)?;
        Ok(Self { rules, calendars })
    }

    /// The engine over the embedded rules and calendars.
    pub fn builtin() -> &'static Engine {
        &BUILTIN
    }

    /// The rules.
    pub fn rules(&self) -> &Rulebook {
        &self.rules
    }

    /// The calendars.
    pub fn calendars(&self) -> &Calendars {
        &self.calendars
    }

    /// Every deadline that follows from `facts`, with its status at `now`, sorted by
    /// due time. A rule yields nothing until its anchor fact is known.
    pub fn compute(&self, facts: &CaseFacts, now: DateTime<Utc>) -> Vec<Deadline> {
        let mut out = Vec::new();
        for id in self.rules.ids() {
            let versions = self.rules.versions(id);
            let Some(newest) = versions.first() else {
                continue;
            };
            for subject in facts.subjects(newest.anchor.scope()) {
                // The newest version whose dates fit this subject and whose conditions are
                // not known to fail; conditions not known yet are carried as "only if".
                let chosen = versions.iter().find_map(|rule| {
                    let anchor = facts.resolve(rule.anchor, subject)?;
                    if !rule.applies_on(facts.selecting_date(subject, anchor.at)) {
                        return None;
                    }
                    let mut only_if = Vec::new();
                    for c in &rule.conditions {
                        match holds(*c, rule, facts, subject) {
                            Truth::No => return None,
                            Truth::Unknown => only_if.push(*c),
                            Truth::Yes => {}
                        }
                    }
                    Some((*rule, anchor, only_if))
                });
                if let Some((rule, anchor, only_if)) = chosen
                    && let Some(mut d) = self.deadline(rule, subject, anchor, facts, now)
                {
                    d.only_if = only_if;
                    out.push(d);
                }
            }
        }
        out.sort_by(|a, b| (a.due_at, &a.rule_id, a.subject).cmp(&(b.due_at, &b.rule_id, b.subject)));
        out
    }

    fn deadline(
        &self,
        rule: &Rule,
        subject: Subject,
        anchor: Resolved,
        facts: &CaseFacts,
        now: DateTime<Utc>,
    ) -> Option<Deadline> {
        let due = self.due_for(&rule.duration, anchor.at)?;
        let mut notes = due.notes;
        if let Some(used) = anchor.stand_in {
            notes.insert(0, Note::StandIn { fact: rule.anchor, used });
        }
        if let Some(t) = facts.transaction(subject) {
            // The cap depends on the account type; unknown, no cap is stated.
            if let (Some(caps), Some(account)) = (rule.liability_caps, t.account) {
                notes.push(Note::LiabilityCap {
                    max_paise: rbi::capped_liability(t.amount_paise, account.band(), &caps),
                });
            }
            if let Some(amount_paise) = rule.compensation.and_then(|p| rbi::compensation_paise(t.net_loss_paise(), &p))
            {
                notes.push(Note::Compensation { amount_paise });
            }
        }
        let met_at = rule.met_by.and_then(|f| facts.resolve(f, subject)).map(|r| r.at);
        let due_soon = match rule.due_soon_hours {
            Some(h) => TimeDelta::hours(i64::from(h)),
            // A quarter of the window: 6 h of a 24 h rule, 18 h of a 3-day one; capped
            // so a 90-day window does not sit in "due soon" for three weeks.
            None => ((due.at - anchor.at) / 4).min(TimeDelta::hours(72)),
        };
        Some(Deadline {
            rule_id: rule.id.clone(),
            rule_version: rule.version,
            kind: rule.kind,
            subject,
            anchor_at: anchor.at,
            due_at: due.at,
            met_at,
            status: status(rule.kind, due.at, met_at, due_soon, now),
            stake: rule.stake,
            due_soon_from: (rule.kind == RuleKind::Due).then(|| due.at - due_soon),
            title: rule.title.clone(),
            explain: rule.explain.clone(),
            source: rule.source.clone(),
            verify: rule.verify || notes.iter().any(Note::needs_verification),
            verify_note: rule.verify_note.clone(),
            notes,
            only_if: Vec::new(),
        })
    }

    /// When a duration started at `anchor_at` runs out. `None` only if a calendar is
    /// missing (ruled out by [`Engine::new`]) or the date overflows chrono's range.
    pub(crate) fn due_for(&self, duration: &RuleDuration, anchor_at: DateTime<Utc>) -> Option<Due> {
        let start = ist_date(anchor_at);
        let plain = |at| Some(Due { at, notes: Vec::new() });
        match duration {
            RuleDuration::Hours { value } => plain(anchor_at.checked_add_signed(TimeDelta::hours(i64::from(*value)))?),
            RuleDuration::CalendarDays { value } => {
                plain(end_of_ist_day(start.checked_add_days(Days::new(u64::from(*value)))?))
            }
            RuleDuration::Months { value, plus_days } => {
                let end = start
                    .checked_add_months(Months::new(*value))?
                    .checked_add_days(Days::new(u64::from(*plus_days)))?;
                plain(end_of_ist_day(end))
            }
            RuleDuration::WorkingDays { value, calendar } => {
                let cal = self.calendars.get(calendar)?;
                let end = cal.add_working_days(start, *value);
                Some(Due { at: end_of_ist_day(end), notes: calendar_notes(cal, start, end) })
            }
        }
    }
}

/// Notes for a working-day count over `(after, up_to]`: years without a checked holiday
/// list, and provisional holidays that were skipped.
pub(crate) fn calendar_notes(cal: &Calendar, after: NaiveDate, up_to: NaiveDate) -> Vec<Note> {
    let first = after.succ_opt().unwrap_or(after);
    let mut notes: Vec<Note> = (first.year()..=up_to.year())
        .filter(|y| !cal.covers_year(*y))
        .map(|year| Note::CalendarNotCovered { calendar: cal.id().to_owned(), year })
        .collect();
    notes.extend(
        cal.holidays_between(after, up_to)
            .filter(|h| h.estimate)
            .map(|h| Note::EstimatedHoliday { calendar: cal.id().to_owned(), date: h.date }),
    );
    notes
}

/// Whether a condition holds: known true, known false, or not known yet.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Truth {
    Yes,
    No,
    Unknown,
}

impl From<Option<bool>> for Truth {
    fn from(v: Option<bool>) -> Self {
        match v {
            Some(true) => Truth::Yes,
            Some(false) => Truth::No,
            None => Truth::Unknown,
        }
    }
}

pub(crate) fn holds(condition: Condition, rule: &Rule, facts: &CaseFacts, subject: Subject) -> Truth {
    let Some(txn) = facts.transaction(subject) else {
        return match condition {
            Condition::IntimateImageOrImpersonation => Truth::from(Some(facts.intimate_image_or_impersonation)),
            Condition::NoBankReply => Truth::from(Some(facts.bank_replied_at.is_none())),
            // A transaction condition on something that is not a transaction cannot hold
            // (ruled out for the data by `Rule::check`).
            _ => Truth::No,
        };
    };
    let payer = Payer::known(txn.payer);
    match condition {
        Condition::Unauthorised => Truth::from(payer.map(|p| p == Payer::SomeoneElse)),
        Condition::FraudulentEbt => Truth::from(payer.map(|p| matches!(p, Payer::SomeoneElse | Payer::VictimCoerced))),
        Condition::CrossBorder => Truth::from(txn.cross_border),
        Condition::Domestic => Truth::from(txn.cross_border.map(|c| !c)),
        Condition::IntimateImageOrImpersonation => Truth::from(Some(facts.intimate_image_or_impersonation)),
        Condition::NoCustomerNegligence => Truth::from(txn.credentials_shared.map(|c| !c)),
        Condition::NoBankReply => Truth::from(Some(facts.bank_replied_at.is_none())),
        Condition::SmallValueLoss => {
            let qualifies =
                rule.compensation.is_some_and(|p| rbi::compensation_paise(txn.net_loss_paise(), &p).is_some());
            match (qualifies, facts.rbi_compensation_received_before) {
                (false, _) | (true, Some(true)) => Truth::No,
                (true, Some(false)) => Truth::Yes,
                (true, None) => Truth::Unknown,
            }
        }
    }
}

fn status(
    kind: RuleKind,
    due_at: DateTime<Utc>,
    met_at: Option<DateTime<Utc>>,
    due_soon: TimeDelta,
    now: DateTime<Utc>,
) -> Status {
    match (kind, met_at) {
        (RuleKind::Opens, Some(_)) => Status::Met,
        (RuleKind::Opens, None) if now >= due_at => Status::Open,
        (RuleKind::Opens, None) => Status::Upcoming,
        (RuleKind::Due, Some(met)) if met <= due_at => Status::Met,
        (RuleKind::Due, Some(_)) => Status::MetLate,
        (RuleKind::Due, None) if now > due_at => Status::Overdue,
        (RuleKind::Due, None) if due_at - now <= due_soon => Status::DueSoon,
        (RuleKind::Due, None) => Status::Upcoming,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::deadlines::clock::ist_at;

    #[test]
    fn status_boundaries() {
        // A 24 h rule due at 12:00: due-soon window 6 h (a quarter), so 06:00 is the edge.
        let due = ist_at(2026, 3, 11, 12, 0).unwrap();
        let six = TimeDelta::hours(6);
        let at = |h, m| ist_at(2026, 3, 11, h, m).unwrap();
        assert_eq!(status(RuleKind::Due, due, None, six, at(5, 59)), Status::Upcoming);
        assert_eq!(status(RuleKind::Due, due, None, six, at(6, 0)), Status::DueSoon);
        assert_eq!(status(RuleKind::Due, due, None, six, due), Status::DueSoon);
        assert_eq!(status(RuleKind::Due, due, None, six, at(12, 1)), Status::Overdue);
        assert_eq!(status(RuleKind::Due, due, Some(due), six, at(13, 0)), Status::Met);
        assert_eq!(status(RuleKind::Due, due, Some(at(12, 1)), six, at(13, 0)), Status::MetLate);
        assert_eq!(status(RuleKind::Opens, due, None, six, at(11, 0)), Status::Upcoming);
        assert_eq!(status(RuleKind::Opens, due, None, six, due), Status::Open);
    }
}
