//! The bank letter's own facts: the victim's bank, when it was first told and its complaint
//! number, and the reversals to ask for. What the rules give each debit is decided once, by
//! `sahayak_domain::advice` (see `triage::facts::Triage::advice`); this only turns a debit
//! the rules cover into the request the victim's bank can act on.

use fluent_bundle::FluentValue;
use sahayak_documents as docs;
use sahayak_domain::advice::{DecideDays, Outcome, Verdict};
use sahayak_domain::case::Lang;
use sahayak_domain::deadlines::Liability;

use crate::cases::views;
use crate::store::{Case, TrailRow};
use crate::triage::actions::ActionKind;
use crate::triage::facts::{self, Triage};
use crate::web::i18n::catalogs;

/// The victim's own banks: those the money trail's layer-0 debits left from. The receiving
/// banks of later layers are never the bank letter's addressee.
pub fn victim_banks(trail: &[TrailRow]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for b in trail.iter().filter(|t| t.layer == 0).filter_map(|t| t.bank.as_deref()).map(str::trim) {
        if !b.is_empty() && !out.iter().any(|o| o == b) {
            out.push(b.to_owned());
        }
    }
    out
}

/// When the victim's bank was first told of the fraud (ms): the call to the bank recorded as
/// an action, or the time the desk recorded for a debit, whichever came first.
pub fn first_told(t: &Triage) -> Option<i64> {
    let call = t.actions.iter().filter(|a| a.action == ActionKind::BankBlock.code()).map(|a| a.done_at);
    let answers = t.payment.iter().filter_map(|p| p.reported_to_bank_at);
    call.chain(answers).min()
}

/// The complaint number the bank gave on the call.
pub fn complaint_number(t: &Triage) -> Option<String> {
    t.actions
        .iter()
        .find(|a| a.action == ActionKind::BankBlock.code())
        .and_then(|a| a.reference.clone())
        .filter(|r| !r.trim().is_empty())
}

/// Debits the advice says the rules cover, as the letter names them.
#[derive(Default)]
struct Covered {
    /// RBI 2017, unauthorised: the bank credits back what the customer is not liable for.
    unauthorised: Vec<String>,
    /// RBI 2026 directions, by (made under coercion, days to decide).
    fraudulent: Vec<((bool, DecideDays), Vec<String>)>,
}

/// The requests for a reversal where the rules give one, one sentence per rule, in the
/// victim's language and gender. A debit whose outcome is not known (a fact still to ask) or
/// that no RBI rule protects asks for nothing: the letter never claims what the rules do not
/// give.
pub fn reversal_requests(lang: Lang, gender: &str, case: &Case, t: &Triage) -> Vec<String> {
    let debits = facts::debits(case, &t.trail);
    let layer0: Vec<i64> = t.trail.iter().filter(|r| r.layer == 0).map(|r| r.id).collect();
    // The letter's serial number of a debit (its row in the table), or, for the one debit
    // given at intake, its amount and date.
    let name = |index: usize| -> Option<(Option<usize>, String)> {
        let debit = debits.get(index)?;
        Some(match debit.row {
            Some(row) => {
                let serial = layer0.iter().position(|id| *id == row.id)? + 1;
                (Some(serial), serial.to_string())
            }
            None => (None, String::new()),
        })
    };
    let mut covered = Covered::default();
    let mut intake_only = false;
    for d in &t.advice.debits {
        let Verdict::Known(outcome) = &d.verdict else { continue };
        let Some((serial, label)) = name(d.index) else { continue };
        intake_only |= serial.is_none();
        match outcome {
            // After the limited-liability window the bank's own policy decides: nothing to claim.
            Outcome::Rbi2017 { liability, bank_at_fault, .. }
                if *bank_at_fault
                    || matches!(
                        liability,
                        Liability::Zero | Liability::Capped { .. } | Liability::CappedByAccount { .. }
                    ) =>
            {
                covered.unauthorised.push(label)
            }
            Outcome::Covered2027 { coerced, decide_days, .. } => {
                let key = (*coerced, *decide_days);
                match covered.fraudulent.iter_mut().find(|(k, _)| *k == key) {
                    Some((_, list)) => list.push(label),
                    None => covered.fraudulent.push((key, vec![label])),
                }
            }
            _ => {}
        }
    }
    let f = &case.fields;
    let which = |serials: &[String]| -> String {
        if intake_only {
            let args = [
                ("amount", FluentValue::from(views::money(f.amount_lost_paise))),
                ("date", FluentValue::from(views::when(f.money_left_at))),
            ];
            catalogs().get_with(lang, "docf-bank-which-intake", &args)
        } else {
            catalogs().get_with(lang, "docf-bank-which-rows", &[("rows", FluentValue::from(serials.join(", ")))])
        }
    };
    let mut out = Vec::new();
    if !covered.unauthorised.is_empty() {
        let args = [("which", FluentValue::from(which(&covered.unauthorised))), ("gender", FluentValue::from(gender))];
        out.push(catalogs().get_with(lang, "docf-bank-request-reverse-2017", &args));
    }
    for ((coerced, days), serials) in &covered.fraudulent {
        let days = match days {
            DecideDays::Known { days } => days.to_string(),
            DecideDays::DependsOnDestination { domestic, abroad } => catalogs().get_with(
                lang,
                "docf-bank-days-depends",
                &[
                    ("domestic", FluentValue::from(domestic.to_string())),
                    ("abroad", FluentValue::from(abroad.to_string())),
                ],
            ),
        };
        let args = [
            ("which", FluentValue::from(which(serials))),
            ("coerced", FluentValue::from(if *coerced { "yes" } else { "no" })),
            ("days", FluentValue::from(days)),
            ("gender", FluentValue::from(gender)),
        ];
        out.push(catalogs().get_with(lang, "docf-bank-request-reverse-2027", &args));
    }
    out
}

/// The bank letter's addressee and facts.
pub fn bank(lang: Lang, gender: &str, case: &Case, t: &Triage, chosen: Option<String>) -> docs::Bank {
    let debits: Vec<&TrailRow> = t.trail.iter().filter(|r| r.layer == 0).collect();
    docs::Bank {
        name: chosen.or_else(|| victim_banks(&t.trail).into_iter().next()),
        account: debits.iter().find_map(|r| r.from_account.clone()).filter(|a| !a.trim().is_empty()),
        complaint_number: complaint_number(t),
        first_told_at: first_told(t).map(|ms| views::when(Some(ms))),
        reversal: reversal_requests(lang, gender, case, t),
    }
}
