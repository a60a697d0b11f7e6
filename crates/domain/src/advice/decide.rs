//! The decision for one debit: which framework, whether it applies, and what it gives —
//! or, where an answer is missing, what each answer would give.

use chrono::{DateTime, Utc};

use super::{Branch, DebitAdvice, DecideDays, Given, NoProtection, Outcome, Question, Verdict};
use crate::deadlines::clock::ist_date;
use crate::deadlines::{
    CaseFacts, Engine, Liability, LiabilityAssessment, LiabilityInput, Payer, Regime, RuleDuration,
};

/// Rule ids of the 2026 directions' complaint turnaround (domestic, cross-border).
const RESOLUTION_RULE: &str = "rbi_complaint_resolution";
const RESOLUTION_ABROAD_RULE: &str = "rbi_complaint_resolution_cross_border";

/// The answers a branch assumes for the two questions that change the outcome.
#[derive(Clone, Copy)]
struct Assumed {
    payer: Option<Payer>,
    credentials_shared: Option<bool>,
}

/// What deciding one set of answers used, for the debit's `verify` and `rules_applied`.
#[derive(Default)]
struct Used {
    verify: bool,
    rules: Vec<(String, u32)>,
}

impl Used {
    fn add(&mut self, a: &LiabilityAssessment) {
        self.verify |= a.verify;
        for r in &a.rules_applied {
            if !self.rules.contains(r) {
                self.rules.push(r.clone());
            }
        }
    }
}

struct Debit<'a> {
    engine: &'a Engine,
    facts: &'a CaseFacts,
    index: usize,
    regime: Option<Regime>,
    now: DateTime<Utc>,
}

pub(super) fn debit(engine: &Engine, facts: &CaseFacts, index: usize, now: DateTime<Utc>) -> DebitAdvice {
    let txn = &facts.transactions[index];
    let regime = engine.rules().regime_on(ist_date(txn.at));
    let d = Debit { engine, facts, index, regime, now };
    let mut used = Used::default();
    let assumed = Assumed { payer: Payer::known(txn.payer), credentials_shared: txn.credentials_shared };
    let verdict = match d.outcome(assumed, &mut used) {
        Ok(o) => Verdict::Known(o),
        Err(q) => Verdict::Depends(d.branches(assumed, q, &mut used)),
    };
    let ask = d.questions(&verdict, assumed);
    DebitAdvice {
        index,
        at: txn.at,
        amount_paise: txn.amount_paise,
        regime,
        ask,
        alert_assumed: txn.bank_alert_at.is_none(),
        verify: used.verify,
        rules_applied: used.rules,
        verdict,
    }
}

impl Debit<'_> {
    /// The outcome for these answers, or the first question whose answer it needs.
    fn outcome(&self, a: Assumed, used: &mut Used) -> Result<Outcome, Question> {
        let txn = &self.facts.transactions[self.index];
        let Some(regime) = self.regime else { return Ok(Outcome::NoFramework) };
        let payer = a.payer.ok_or(Question::Payer)?;
        match (regime, payer) {
            (_, Payer::NotSure) => Err(Question::Payer),
            (Regime::Rbi2017, Payer::VictimTricked | Payer::VictimCoerced) => Ok(Outcome::NoRbiProtection {
                why: NoProtection::VictimPaidBefore2027 { coerced: payer == Payer::VictimCoerced },
            }),
            (Regime::Rbi2027, Payer::VictimTricked) => {
                Ok(Outcome::NoRbiProtection { why: NoProtection::VictimPaidTricked })
            }
            (Regime::Rbi2017, Payer::SomeoneElse) => {
                if txn.bank_negligence {
                    return Ok(self.rbi2017(false, true, used));
                }
                match a.credentials_shared {
                    None => Err(Question::CredentialsShared),
                    Some(true) => {
                        let input = LiabilityInput::for_transaction(txn, self.facts, true);
                        Ok(Outcome::Negligence2017 { reported_at: input.reported_to_bank_at })
                    }
                    Some(false) => Ok(self.rbi2017(false, false, used)),
                }
            }
            (Regime::Rbi2027, Payer::SomeoneElse | Payer::VictimCoerced) => {
                let coerced = payer == Payer::VictimCoerced;
                // Sharing credentials is about someone else using them; a payment the
                // customer made under pressure is not judged by it.
                let negligence = if coerced { None } else { a.credentials_shared };
                Ok(self.covered2027(coerced, negligence, used))
            }
        }
    }

    fn rbi2017(&self, shared: bool, bank_at_fault: bool, used: &mut Used) -> Outcome {
        let txn = &self.facts.transactions[self.index];
        let input = LiabilityInput::for_transaction(txn, self.facts, shared);
        let a = self.engine.assess_liability(&input, self.now);
        used.add(&a);
        Outcome::Rbi2017 {
            liability: a.liability,
            reported_at: input.reported_to_bank_at,
            zero_until: a.zero_liability_until,
            limited_until: a.limited_liability_until,
            cap: a.cap,
            bank_at_fault,
        }
    }

    fn covered2027(&self, coerced: bool, negligence: Option<bool>, used: &mut Used) -> Outcome {
        let txn = &self.facts.transactions[self.index];
        let input = LiabilityInput::for_transaction(txn, self.facts, negligence == Some(true));
        let a = self.engine.assess_liability(&input, self.now);
        used.add(&a);
        let date = ist_date(txn.at);
        let rules = self.engine.rules();
        let days = |id: &str| {
            rules.applicable(id, date).and_then(|r| match r.duration {
                RuleDuration::CalendarDays { value } => Some((r, value)),
                _ => None,
            })
        };
        let (domestic, abroad) = (days(RESOLUTION_RULE), days(RESOLUTION_ABROAD_RULE));
        let chosen = match txn.cross_border {
            Some(true) => abroad,
            Some(false) => domestic,
            None => None,
        };
        let decide_days = match (chosen, domestic, abroad) {
            (Some((_, days)), _, _) => DecideDays::Known { days },
            (None, Some((_, d)), Some((_, x))) => DecideDays::DependsOnDestination { domestic: d, abroad: x },
            (None, Some((_, days)), None) | (None, None, Some((_, days))) => DecideDays::Known { days },
            (None, None, None) => DecideDays::Known { days: 0 },
        };
        let decide_by = match (chosen, input.reported_to_bank_at) {
            (Some((rule, _)), Some(reported)) => {
                used.rules.push((rule.id.clone(), rule.version));
                self.engine.due_for(&rule.duration, reported).map(|d| d.at)
            }
            _ => None,
        };
        Outcome::Covered2027 {
            coerced,
            negligence,
            decide_days,
            decide_by,
            compensation: a.compensation,
            bank_at_fault: txn.bank_negligence,
        }
    }

    /// One branch per possible answer to `first` (and, inside, to the next question),
    /// with equal outcomes for different payers merged into one branch.
    fn branches(&self, a: Assumed, first: Question, used: &mut Used) -> Vec<Branch> {
        let mut out: Vec<Branch> = Vec::new();
        let payers = match first {
            Question::Payer => vec![Payer::SomeoneElse, Payer::VictimCoerced, Payer::VictimTricked],
            _ => vec![],
        };
        let candidates: Vec<(Assumed, Vec<Given>)> = if payers.is_empty() {
            [false, true]
                .into_iter()
                .map(|c| (Assumed { credentials_shared: Some(c), ..a }, vec![Given::CredentialsShared(c)]))
                .collect()
        } else {
            payers.into_iter().map(|p| (Assumed { payer: Some(p), ..a }, vec![Given::Payer(vec![p])])).collect()
        };
        for (assumed, given) in candidates {
            match self.outcome(assumed, used) {
                Ok(o) => push_merged(&mut out, Branch { given, outcome: o }),
                Err(Question::CredentialsShared) => {
                    for c in [false, true] {
                        let inner = Assumed { credentials_shared: Some(c), ..assumed };
                        if let Ok(o) = self.outcome(inner, used) {
                            let mut g = given.clone();
                            g.push(Given::CredentialsShared(c));
                            push_merged(&mut out, Branch { given: g, outcome: o });
                        }
                    }
                }
                Err(_) => {}
            }
        }
        out
    }

    /// The questions whose answers would change this debit's verdict.
    fn questions(&self, verdict: &Verdict, a: Assumed) -> Vec<Question> {
        let txn = &self.facts.transactions[self.index];
        let outcomes = verdict.outcomes();
        let any = |f: &dyn Fn(&Outcome) -> bool| outcomes.iter().any(|o| f(o));
        let mut ask = Vec::new();
        if self.regime.is_some() && a.payer.is_none() {
            ask.push(Question::Payer);
        }
        let someone_else_possible = matches!(a.payer, None | Some(Payer::SomeoneElse));
        if self.regime.is_some() && a.credentials_shared.is_none() && someone_else_possible && !txn.bank_negligence {
            ask.push(Question::CredentialsShared);
        }
        if txn.bank_alert_at.is_none() && any(&|o| matches!(o, Outcome::Rbi2017 { bank_at_fault: false, .. })) {
            ask.push(Question::BankAlert);
        }
        let by_account = |o: &Outcome| {
            matches!(o, Outcome::Rbi2017 { liability: Liability::CappedByAccount { .. }, .. })
                || matches!(o, Outcome::Rbi2017 { liability: Liability::Zero, reported_at: None, .. })
        };
        if txn.account.is_none() && any(&by_account) {
            ask.push(Question::Account);
        }
        if any(&|o| matches!(o, Outcome::Covered2027 { decide_days: DecideDays::DependsOnDestination { .. }, .. })) {
            ask.push(Question::CrossBorder);
        }
        let comp_unknown =
            |o: &Outcome| matches!(o, Outcome::Covered2027 { compensation: Some(c), .. } if c.only_if_never_before);
        if any(&comp_unknown) {
            ask.push(Question::CompensatedBefore);
        }
        ask
    }
}

/// Adds a branch, merging it into an earlier one with the same outcome that differs only
/// in who made the payment ("if you made it yourself, tricked or under threat").
fn push_merged(out: &mut Vec<Branch>, b: Branch) {
    let key = |b: &Branch| {
        (normalised(&b.outcome), b.given.iter().filter(|g| !matches!(g, Given::Payer(_))).cloned().collect::<Vec<_>>())
    };
    let (outcome, rest) = key(&b);
    if let Some(existing) = out.iter_mut().find(|e| key(e) == (outcome.clone(), rest.clone())) {
        let payers: Vec<Payer> = b
            .given
            .iter()
            .filter_map(|g| match g {
                Given::Payer(p) => Some(p.clone()),
                _ => None,
            })
            .flatten()
            .collect();
        for g in existing.given.iter_mut() {
            if let Given::Payer(list) = g {
                for p in &payers {
                    if !list.contains(p) {
                        list.push(*p);
                    }
                }
            }
        }
        existing.outcome = outcome;
        return;
    }
    out.push(b);
}

/// The outcome with the detail that must not keep two payers apart: before 2027 a payment
/// the victim made is outside the circular whether or not it was made under threat.
fn normalised(o: &Outcome) -> Outcome {
    match o {
        Outcome::NoRbiProtection { why: NoProtection::VictimPaidBefore2027 { .. } } => {
            Outcome::NoRbiProtection { why: NoProtection::VictimPaidBefore2027 { coerced: false } }
        }
        other => other.clone(),
    }
}
