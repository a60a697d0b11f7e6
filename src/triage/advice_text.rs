//! The words for [`Advice`]: what the rules give the victim, in Hindi or English.
//!
//! One renderer for the case page, the take-home sheet, the victim's own page and the
//! papers, so that they say the same thing for the same facts. It decides nothing: every
//! line follows from the domain's [`Advice`].

use fluent_bundle::FluentValue;
use sahayak_domain::advice::{
    Advice, Branch, DebitAdvice, DecideDays, Given, NoProtection, Outcome, Restoration, Route,
};
use sahayak_domain::case::Lang;
use sahayak_domain::deadlines::{Condition, Liability, Payer};
use sahayak_domain::time::display_ist;

use crate::cases::views;
use crate::web::i18n::catalogs;

/// The advice, ready to print.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AdviceView {
    pub debits: Vec<DebitView>,
    /// The route without RBI protection, as lines; empty when not needed.
    pub route: Vec<String>,
    /// The questions still to ask, as the desk reads them.
    pub ask: Vec<String>,
    /// Part of the result rests on rules still being confirmed.
    pub verify: bool,
}

impl AdviceView {
    /// Every line a victim reads, in order: for tests and plain-text papers.
    pub fn lines(&self) -> Vec<String> {
        let mut out = Vec::new();
        for d in &self.debits {
            out.push(d.heading.clone());
            out.extend(d.lines.iter().cloned());
            for b in &d.branches {
                out.push(b.given.clone());
                out.extend(b.lines.iter().cloned());
            }
            out.extend(d.notes.iter().cloned());
        }
        out.extend(self.route.iter().cloned());
        out
    }
}

/// One debit: a heading, then either the lines of its known outcome or one block per
/// possible answer.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DebitView {
    pub heading: String,
    pub lines: Vec<String>,
    pub branches: Vec<BranchView>,
    pub notes: Vec<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BranchView {
    /// "If someone else made this payment and no OTP, PIN or password was shared:"
    pub given: String,
    pub lines: Vec<String>,
}

struct Words {
    lang: Lang,
}

impl Words {
    fn t(&self, key: &str) -> String {
        catalogs().get(self.lang, key)
    }

    fn t_with(&self, key: &str, args: &[(&str, String)]) -> String {
        let args: Vec<(&str, FluentValue)> = args.iter().map(|(k, v)| (*k, FluentValue::from(v.as_str()))).collect();
        catalogs().get_with(self.lang, key, &args)
    }

    fn money(&self, paise: i64) -> String {
        views::money(Some(paise))
    }

    /// Joins phrases with the language's "and".
    fn and(&self, parts: Vec<String>) -> String {
        parts.join(&format!(" {} ", self.t("advice-and")))
    }
}

/// The advice in `lang`.
pub fn view(lang: Lang, advice: &Advice) -> AdviceView {
    let w = Words { lang };
    let debits: Vec<DebitView> = advice.debits.iter().map(|d| debit(&w, d)).collect();
    let route = advice.route.as_ref().map(|r| route(&w, r)).unwrap_or_default();
    let ask = advice.ask.iter().map(|q| w.t(&format!("advice-ask-{}", q.code().replace('_', "-")))).collect();
    let verify = advice.debits.iter().any(|d| d.verify) || advice.route.as_ref().is_some_and(|r| r.verify);
    AdviceView { debits, route, ask, verify }
}

/// "Only if someone else made this payment and no OTP, PIN or password was shared." for a
/// deadline whose conditions are not known to hold; `None` when they are.
pub fn only_if(lang: Lang, conditions: &[Condition]) -> Option<String> {
    if conditions.is_empty() {
        return None;
    }
    let w = Words { lang };
    let parts = conditions.iter().map(|c| w.t(&format!("condition-{}", c.code().replace('_', "-")))).collect();
    Some(w.t_with("deadline-only-if", &[("conditions", w.and(parts))]))
}

fn debit(w: &Words, d: &DebitAdvice) -> DebitView {
    let heading = w.t_with("advice-debit-heading", &[("amount", w.money(d.amount_paise)), ("when", display_ist(d.at))]);
    let (lines, branches) = match &d.verdict {
        sahayak_domain::advice::Verdict::Known(o) => (outcome(w, o), Vec::new()),
        sahayak_domain::advice::Verdict::Depends(bs) => (Vec::new(), bs.iter().map(|b| branch(w, b)).collect()),
    };
    let mut notes = Vec::new();
    let windows_counted =
        d.verdict.outcomes().iter().any(|o| matches!(o, Outcome::Rbi2017 { bank_at_fault: false, .. }));
    if d.alert_assumed && windows_counted {
        notes.push(w.t("advice-alert-assumed"));
    }
    DebitView { heading, lines, branches, notes }
}

fn branch(w: &Words, b: &Branch) -> BranchView {
    let parts = b.given.iter().map(|g| given(w, g)).collect();
    BranchView { given: w.t_with("advice-if", &[("conditions", w.and(parts))]), lines: outcome(w, &b.outcome) }
}

fn given(w: &Words, g: &Given) -> String {
    match g {
        Given::CredentialsShared(true) => w.t("advice-given-shared"),
        Given::CredentialsShared(false) => w.t("advice-given-not-shared"),
        Given::Payer(list) => {
            let has = |p: Payer| list.contains(&p);
            let key = match (has(Payer::SomeoneElse), has(Payer::VictimCoerced), has(Payer::VictimTricked)) {
                (true, true, _) => "advice-given-someone-else-or-coerced",
                (true, false, _) => "advice-given-someone-else",
                (false, true, true) => "advice-given-own",
                (false, true, false) => "advice-given-coerced",
                (false, false, _) => "advice-given-tricked",
            };
            w.t(key)
        }
    }
}

fn cap(w: &Words, liability: &Liability) -> String {
    match liability {
        Liability::Capped { max_paise } => w.money(*max_paise),
        Liability::CappedByAccount { min_paise, max_paise } => {
            w.t_with("advice-cap-by-account", &[("min", w.money(*min_paise)), ("max", w.money(*max_paise))])
        }
        _ => String::new(),
    }
}

fn outcome(w: &Words, o: &Outcome) -> Vec<String> {
    let date = |d: &Option<chrono::DateTime<chrono::Utc>>| d.map(display_ist).unwrap_or_default();
    match o {
        Outcome::Rbi2017 { bank_at_fault: true, .. } => vec![w.t("advice-bank-at-fault")],
        Outcome::Rbi2017 { liability, reported_at, zero_until, limited_until, cap: later_cap, .. } => {
            let zero = ("zero", date(zero_until));
            let limited = ("limited", date(limited_until));
            match (liability, reported_at) {
                (Liability::Zero, Some(_)) => vec![w.t("advice-zero-reported")],
                (Liability::Zero, None) => {
                    // And what reporting later would give: the cap of the 4th–7th working day.
                    let later = later_cap.as_ref().map(|c| cap(w, c)).unwrap_or_default();
                    vec![
                        w.t_with("advice-zero-report-by", &[zero]),
                        w.t_with("advice-then-capped", &[limited, ("cap", later)]),
                    ]
                }
                (Liability::Capped { .. } | Liability::CappedByAccount { .. }, Some(_)) => {
                    vec![w.t_with("advice-capped-reported", &[("cap", cap(w, liability))])]
                }
                (Liability::Capped { .. } | Liability::CappedByAccount { .. }, None) => {
                    vec![w.t_with("advice-capped-report-by", &[zero, limited, ("cap", cap(w, liability))])]
                }
                (_, Some(_)) => vec![w.t("advice-policy-reported")],
                (_, None) => vec![w.t("advice-policy-report-now")],
            }
        }
        Outcome::Negligence2017 { reported_at } => {
            let next = match reported_at {
                Some(at) => w.t_with("advice-negligence-reported", &[("when", display_ist(*at))]),
                None => w.t("advice-negligence-report-now"),
            };
            vec![w.t("advice-negligence"), next]
        }
        Outcome::Covered2027 { coerced, negligence, decide_days, decide_by, compensation, bank_at_fault } => {
            let mut lines = vec![w.t(if *coerced { "advice-covered-coerced" } else { "advice-covered-someone-else" })];
            lines.push(match (decide_by, decide_days) {
                (Some(by), DecideDays::Known { days }) => {
                    w.t_with("advice-covered-decide-by", &[("when", display_ist(*by)), ("days", days.to_string())])
                }
                (_, DecideDays::Known { days }) => w.t_with("advice-covered-decide", &[("days", days.to_string())]),
                (_, DecideDays::DependsOnDestination { domestic, abroad }) => w.t_with(
                    "advice-covered-decide-depends",
                    &[("domestic", domestic.to_string()), ("abroad", abroad.to_string())],
                ),
            });
            if *bank_at_fault {
                lines.push(w.t("advice-bank-at-fault"));
            } else {
                match (coerced, negligence) {
                    (false, Some(true)) => lines.push(w.t("advice-covered-negligence")),
                    (false, None) => lines.push(w.t("advice-covered-negligence-unknown")),
                    _ => {}
                }
                lines.push(w.t("advice-covered-share"));
            }
            if let Some(c) = compensation {
                let key = match (c.reported_in_time, c.only_if_never_before) {
                    (false, _) => "advice-compensation-late",
                    (true, true) => "advice-compensation-if-never",
                    (true, false) => "advice-compensation",
                };
                lines.push(w.t_with(key, &[("amount", w.money(c.amount_paise)), ("when", display_ist(c.report_by))]));
            }
            lines
        }
        Outcome::NoRbiProtection { why: NoProtection::VictimPaidBefore2027 { coerced } } => {
            let mut lines = vec![w.t("advice-no-rbi-before-2027")];
            if *coerced {
                lines.push(w.t("advice-no-rbi-before-2027-coerced"));
            }
            lines.push(w.t("advice-no-rbi-route"));
            lines
        }
        Outcome::NoRbiProtection { why: NoProtection::VictimPaidTricked } => {
            vec![w.t("advice-no-rbi-tricked"), w.t("advice-no-rbi-route")]
        }
        Outcome::NoFramework => vec![w.t("advice-no-framework")],
    }
}

fn route(w: &Words, r: &Route) -> Vec<String> {
    let mut lines = vec![match r.helpline_called_at {
        Some(at) => w.t_with("advice-route-called-1930", &[("when", display_ist(at))]),
        None => w.t("advice-route-call-1930"),
    }];
    lines.push(match (r.held_paise, r.hold_may_lift_at) {
        (held, Some(at)) if held > 0 => {
            w.t_with("advice-route-held", &[("amount", w.money(held)), ("when", display_ist(at))])
        }
        _ => w.t("advice-route-hold-rule"),
    });
    let amounts = |threshold: i64| [("disputed", w.money(r.disputed_paise)), ("threshold", w.money(threshold))];
    match r.restoration {
        Restoration::WithoutCourtOrder { below_paise } => {
            lines.push(w.t_with("advice-route-under-threshold", &amounts(below_paise)))
        }
        Restoration::CourtOrLokAdalat { threshold_paise } => {
            lines.push(w.t_with("advice-route-court", &amounts(threshold_paise)))
        }
        Restoration::Unknown => {}
    }
    lines.push(w.t("advice-route-no-recovery-agents"));
    lines
}
