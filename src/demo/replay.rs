//! Recording demo cases through the use-cases the staff use (intake, status, actions, the money
//! trail, restoration, follow-up calls), each step at its own moment ([`crate::clock::at`]).

use sahayak_domain::time::{from_millis, to_ist_local};

use super::history::{Library, Planned};
use crate::cases::access::CaseHandle;
use crate::cases::input::CaseInput;
use crate::clock;
use crate::store::User;
use crate::web::{AppError, AppState};

const MINUTE: i64 = 60_000;
const HOUR: i64 = 60 * MINUTE;

/// The demo's staff, by username.
pub struct Crew(pub Vec<User>);

impl Crew {
    pub fn get(&self, username: &str) -> anyhow::Result<&User> {
        self.0.iter().find(|u| u.username == username).ok_or_else(|| anyhow::anyhow!("demo user {username} missing"))
    }
}

/// A use-case's error, as the demo loader reports it (with the fields it refused).
pub trait Said<T> {
    fn said(self, what: &str) -> anyhow::Result<T>;
}

impl<T> Said<T> for Result<T, AppError> {
    fn said(self, what: &str) -> anyhow::Result<T> {
        self.map_err(|e| anyhow::anyhow!("demo {what}: {e:?}"))
    }
}

/// An instant as the forms take it (IST, to the minute).
pub fn local(ms: i64) -> String {
    to_ist_local(from_millis(ms))
}

/// Paise as rupees typed into a form.
pub fn rupees(paise: i64) -> String {
    format!("{}.{:02}", paise / 100, paise % 100)
}

pub async fn open(state: &AppState, user: &User, id: i64) -> anyhow::Result<CaseHandle> {
    crate::cases::access::open(state, user, id).await.said("open")
}

/// Moves the case one step along the workflow, as its worker would: a referral first records
/// the victim's consent (a guardian's for a child). `handle` must be fresh (its status is the
/// step's start).
pub async fn step_to(state: &AppState, user: &User, handle: &CaseHandle, to: &str, reason: &str) -> anyhow::Result<()> {
    if to == "referred" {
        let minor = crate::privacy::consent::is_minor(handle);
        let consent = crate::privacy::consent::ConsentInput {
            purpose: "referral_police",
            given: true,
            given_by: if minor { "guardian" } else { "victim" },
            guardian_name: if minor { "Guardian (demo)" } else { "" },
            note: "",
        };
        crate::privacy::consent::record(state, user, handle, &consent).await.said("consent")?;
    }
    crate::cases::service::change_status(state, user, handle, to, reason, "", "").await.said(to)?;
    Ok(())
}

/// Opens the case and moves it one step (see [`step_to`]).
pub async fn open_and_step(state: &AppState, user: &User, id: i64, to: &str, reason: &str) -> anyhow::Result<()> {
    let handle = open(state, user, id).await?;
    step_to(state, user, &handle, to, reason).await
}

/// Confirms what the extractor proposes from the case's own text.
pub async fn confirm_identifiers(state: &AppState, user: &User, handle: &CaseHandle) -> anyhow::Result<()> {
    let confirmed = state.store.case_identifiers(handle.id()).await?;
    let picks: Vec<(String, String)> = crate::identifiers::service::proposals(handle, &confirmed)
        .into_iter()
        .map(|p| (p.kind.as_str().to_owned(), p.value))
        .collect();
    if !picks.is_empty() {
        crate::identifiers::service::confirm(state, user, handle, &picks).await.said("identifiers")?;
    }
    Ok(())
}

/// Records an action (1930, the bank, the portal...) done at `done_at`.
pub async fn action(
    state: &AppState,
    user: &User,
    handle: &CaseHandle,
    action: &str,
    done_at: i64,
    reference: &str,
) -> anyhow::Result<()> {
    let at = local(done_at);
    let input = crate::triage::ActionInput { action, done_at: &at, reference, note: "" };
    crate::triage::record(state, user, handle, &input).await.said(action)?;
    Ok(())
}

/// Records the follow-up calls planned for a closed case, each a few hours after it fell due.
pub async fn follow_up_calls(
    state: &AppState,
    user: &User,
    id: i64,
    calls: &[(bool, Option<i64>, &str)],
) -> anyhow::Result<()> {
    let due = state.store.follow_ups(id).await?;
    for (f, (reached, score, outcome)) in due.iter().zip(calls) {
        let at = f.due_at + 3 * HOUR + (id % 5) * HOUR;
        let w = crate::followup::FollowUpWrite { reached: *reached, outcome: (*outcome).to_owned(), score: *score };
        clock::at(at, async {
            let handle = open(state, user, id).await?;
            crate::followup::record(state, user, &handle, f.id, &w).await.said("follow-up call")
        })
        .await?;
    }
    Ok(())
}

enum Step {
    Work,
    Portal(i64),
    Trail,
    Status(&'static str),
    Restore,
    Close,
}

/// Records one past case and what was done with it, in the order it happened. Returns its id.
pub async fn past_case(state: &AppState, crew: &Crew, lib: &Library, p: &Planned) -> anyhow::Result<i64> {
    let user = crew.get(p.worker)?;
    let s = lib.scenario(p.scenario);
    let input = CaseInput {
        district: p.district.into(),
        channel: p.channel.into(),
        victim_name: p.name.clone(),
        victim_mobile: p.mobile.clone(),
        victim_lang: p.lang.into(),
        victim_age: p.age.to_string(),
        victim_gender: p.gender.into(),
        victim_address: p.address.clone(),
        narrative: p.narrative.clone(),
        incident_at: local(p.incident_at),
        noticed_at: local(p.noticed_at),
        category: s.category.clone(),
        sub_category: s.sub_category.clone(),
        category_other: s.category_other.clone(),
        scam_pattern: s.pattern.clone(),
        amount_lost: String::new(),
        amount_lost_paise: p.amount_paise,
        payment_channel: s.payment.clone(),
        suspect_details: p.suspect.clone(),
        pasted_messages: String::new(),
        money_left: if p.is_money() { "yes" } else { "no" }.into(),
        money_left_at: p.money_left_at.map(local).unwrap_or_default(),
        assignee: user.id.to_string(),
    };
    let case =
        clock::at(p.registered_at, crate::intake::register::create(state, user, &input)).await.said("past case")?;
    let id = case.id;
    let l = &p.life;
    let mut steps: Vec<(i64, Step)> = Vec::new();
    if let Some(t) = l.worked_at {
        steps.push((t, Step::Work));
        if let Some(filed) = l.portal_filed_at {
            // Filed by the victim before intake: recorded when the worker took the case up.
            steps.push((filed.max(t + MINUTE), Step::Portal(filed)));
        }
    }
    if let Some(t) = l.trail_at {
        steps.push((t, Step::Trail));
    }
    if let Some(t) = l.referred_at {
        steps.push((t, Step::Status("referred")));
    }
    if let Some(t) = l.waiting_at {
        steps.push((t, Step::Status(l.status)));
    }
    if let Some((.., t)) = l.restoration {
        steps.push((t, Step::Restore));
    }
    if let Some(t) = l.closed_at {
        steps.push((t, Step::Close));
    }
    steps.sort_by_key(|(t, _)| *t);
    for (t, step) in steps {
        clock::at(t, past_step(state, user, p, id, step)).await?;
    }
    if !matches!(l.status, "new" | "closed") {
        let salt: i64 = p.mobile[7..].parse().unwrap_or(0);
        tick_tasks(state, user, id, p.registered_at, salt).await?;
    }
    if !l.follow_up_calls.is_empty() {
        let outcomes = follow_up_outcomes(p.lang);
        let calls: Vec<(bool, Option<i64>, &str)> = l
            .follow_up_calls
            .iter()
            .enumerate()
            .map(|(i, (reached, score))| {
                (*reached, *score, if *reached { outcomes[(id as usize + i) % 3] } else { "" })
            })
            .collect();
        follow_up_calls(state, user, id, &calls).await?;
    }
    Ok(id)
}

/// The worker of a case still open ticks off its plan's tasks as they fall due (one in five a
/// few hours late); those due in the last six hours are still to do.
pub async fn tick_tasks(state: &AppState, user: &User, id: i64, registered_at: i64, salt: i64) -> anyhow::Result<()> {
    let now = state.now_millis();
    let mut due: Vec<(i64, i64)> = state
        .store
        .case_tasks(id)
        .await?
        .iter()
        .filter(|t| t.done_at.is_none())
        .filter_map(|t| Some((t.due_at?, t.id)))
        .filter(|(due, _)| *due < now - 6 * HOUR)
        .collect();
    due.sort();
    let Some((first, _)) = due.first() else { return Ok(()) };
    clock::at((*first).max(registered_at + 5 * MINUTE), open(state, user, id)).await?;
    // As `triage::plans::set_done` does for each, with the queue's rank brought up to date once
    // at the end rather than after every task (a write each).
    for (k, (due, task)) in due.iter().enumerate() {
        let at = if (salt + k as i64) % 5 == 0 { due + 6 * HOUR } else { due - 30 * MINUTE };
        let at = at.clamp(registered_at + 5 * MINUTE, now - HOUR);
        state.store.set_task_done(id, *task, true, user.id, at).await?;
    }
    crate::triage::facts::refresh(state, id).await.said("rank")
}

fn follow_up_outcomes(lang: &str) -> [&'static str; 3] {
    if lang == "hi" {
        ["बैंक से जवाब आ गया है, पीड़ित संतुष्ट हैं", "FIR की कॉपी मिल गई है", "अब कोई नई कॉल नहीं आई"]
    } else {
        ["The bank has replied; the victim is satisfied", "Has the FIR copy", "No further calls from the fraudsters"]
    }
}

async fn past_step(state: &AppState, user: &User, p: &Planned, id: i64, step: Step) -> anyhow::Result<()> {
    let now = state.now_millis();
    let handle = open(state, user, id).await?;
    let reference = |salt: i64| format!("3161{:010}", (p.registered_at / 1000 + salt) % 10_000_000_000);
    match step {
        Step::Work => {
            step_to(state, user, &handle, "in_progress", "").await?;
            confirm_identifiers(state, user, &handle).await?;
            if p.is_money() {
                action(state, user, &handle, "helpline_1930", now, &reference(0)).await?;
                let complaint = format!("CMP{}", p.registered_at / 60_000 % 1_000_000);
                action(state, user, &handle, "bank_block", now, &complaint).await?;
            }
        }
        Step::Portal(filed) => action(state, user, &handle, "portal_filed", filed, &reference(7)).await?,
        Step::Trail => trail(state, user, p, &handle).await?,
        Step::Status(to) => step_to(state, user, &handle, to, "").await?,
        Step::Restore => {
            let Some((route, status, restored, _)) = p.life.restoration else { return Ok(()) };
            let input = crate::trail::service::RestorationInput {
                id: None,
                route: route.into(),
                status: status.into(),
                amount: rupees(p.life.held_paise.unwrap_or(restored)),
                restored: Some(rupees(restored)),
                note: None,
            };
            crate::trail::service::save_restoration(state, user, &handle, &input).await.said("restoration")?;
        }
        Step::Close => step_to(state, user, &handle, "closed", p.life.closure_reason.unwrap_or("resolved")).await?,
    }
    Ok(())
}

/// The victim's debit, and what the first receiving bank did with it.
async fn trail(state: &AppState, user: &User, p: &Planned, handle: &CaseHandle) -> anyhow::Result<()> {
    let amount = p.amount_paise.unwrap_or(0);
    let left = p.money_left_at.unwrap_or(p.incident_at);
    let now = state.now_millis();
    let debit = crate::trail::service::TrailInput {
        layer: Some("0".into()),
        bank: Some(p.bank.clone()),
        from_account: Some(format!("XXXX{}", &p.mobile[6..])),
        to_account: Some(p.payee.clone()),
        utr: Some(p.utr.clone()),
        at: Some(local(left)),
        amount: Some(rupees(amount)),
        disputed: Some(rupees(amount)),
        action: Some("transferred".into()),
        ..Default::default()
    };
    crate::trail::service::add(state, user, handle, &debit).await.said("trail")?;
    let hop = match p.life.held_paise {
        Some(held) => crate::trail::service::TrailInput {
            layer: Some("1".into()),
            bank: Some("Receiving bank (1930 report)".into()),
            from_account: Some(p.payee.clone()),
            amount: Some(rupees(amount)),
            disputed: Some(rupees(amount)),
            action: Some("on_hold".into()),
            hold_amount: Some(rupees(held)),
            hold_at: Some(local((left + 2 * HOUR).min(now))),
            ..Default::default()
        },
        None => crate::trail::service::TrailInput {
            layer: Some("1".into()),
            bank: Some("Receiving bank (1930 report)".into()),
            from_account: Some(p.payee.clone()),
            at: Some(local((left + 40 * MINUTE).min(now))),
            amount: Some(rupees(amount)),
            action: Some(if amount % 3 == 0 { "atm" } else { "transferred" }.into()),
            remarks: Some("Moved on before the hold request".into()),
            ..Default::default()
        },
    };
    crate::trail::service::add(state, user, handle, &hop).await.said("trail")?;
    Ok(())
}
