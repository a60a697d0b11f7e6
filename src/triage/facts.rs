//! From what is recorded on a case to the facts the deadline rules run on, and back to the
//! work queue's ordering (urgent, next due).

use chrono::{DateTime, Utc};
use sahayak_domain::advice::{self, Advice};
use sahayak_domain::case::{MoneyLeft, ScamPattern};
use sahayak_domain::deadlines::{self, AccountKind, CaseFacts, Deadline, LienFact, Payer, Status, TxnFact};
use sahayak_domain::time::from_millis;

use super::actions::ActionKind;
use super::rank::{ESCALATION_STEP, Facts, LARGE_LOSS_STEP, OpenTask, Rank, rank};
use crate::store::{CASE_ANSWERS, Case, CaseAction, PaymentFacts, Task, TrailRow, Urgency};
use crate::web::{AppError, AppState};

/// Everything the triage views need about one case, read once.
pub struct Triage {
    pub actions: Vec<CaseAction>,
    pub trail: Vec<TrailRow>,
    pub tasks: Vec<Task>,
    /// The answers recorded about the debits (the case's own first).
    pub payment: Vec<PaymentFacts>,
    pub deadlines: Vec<Deadline>,
    /// What the rules give this victim: the one decision every page and paper shows.
    pub advice: Advice,
}

/// A debit of the case as the rules see it: the trail row it came from (none for the
/// debit given at intake) and its facts.
pub struct Debit<'a> {
    pub row: Option<&'a TrailRow>,
}

/// The debits the rules are applied to, in the order of `CaseFacts::transactions`: the
/// layer-0 rows of the trail that have a time, else the one debit given at intake.
pub fn debits<'a>(case: &Case, trail: &'a [TrailRow]) -> Vec<Debit<'a>> {
    let rows: Vec<Debit> =
        trail.iter().filter(|t| t.layer == 0 && t.at.is_some()).map(|t| Debit { row: Some(t) }).collect();
    let f = &case.fields;
    if rows.is_empty() && f.money_left == Some(MoneyLeft::Yes) && f.money_left_at.is_some() {
        return vec![Debit { row: None }];
    }
    rows
}

/// A debit's facts: its own answers where recorded, else the case's.
fn txn_fact(at: i64, amount_paise: i64, own: Option<&PaymentFacts>, case: Option<&PaymentFacts>) -> TxnFact {
    let answers = own.or(case);
    let pick = |f: fn(&PaymentFacts) -> Option<i64>| answers.and_then(f).map(from_millis);
    TxnFact {
        payer: answers.and_then(|a| a.payer.as_deref()).and_then(Payer::parse),
        credentials_shared: answers.and_then(|a| a.credentials_shared),
        account: answers.and_then(|a| a.account.as_deref()).and_then(AccountKind::parse),
        cross_border: answers.and_then(|a| a.cross_border),
        bank_alert_at: pick(|a| a.bank_alert_at),
        reported_to_bank_at: pick(|a| a.reported_to_bank_at),
        ..TxnFact::new(from_millis(at), amount_paise)
    }
}

/// Scams that arrive by call, SMS or WhatsApp: their first contact opens the Chakshu window.
fn by_communication(p: ScamPattern) -> bool {
    !matches!(p, ScamPattern::SimSwap | ScamPattern::SocialMediaHacking | ScamPattern::AccountFrozen)
}

/// Intimate images and impersonation: platforms must take content down within 24 hours.
fn needs_takedown(case: &Case) -> bool {
    let f = &case.fields;
    matches!(f.scam_pattern, ScamPattern::Sextortion | ScamPattern::Impersonation)
        || matches!(
            f.sub_category.as_deref(),
            Some("Fake/Impersonating Profile" | "Cyber Bullying/Stalking/Sexting" | "Cyber Blackmailing & Threatening")
        )
}

pub fn case_facts(case: &Case, actions: &[CaseAction], trail: &[TrailRow], payment: &[PaymentFacts]) -> CaseFacts {
    let done = |kind: ActionKind| actions.iter().find(|a| a.action == kind.code()).map(|a| from_millis(a.done_at));
    let f = &case.fields;
    let case_answers = payment.iter().find(|p| p.debit_key == CASE_ANSWERS);
    let transactions = debits(case, trail)
        .into_iter()
        .filter_map(|d| match d.row {
            Some(row) => {
                let own = payment.iter().find(|p| p.debit_key == row.id);
                row.at.map(|at| txn_fact(at, row.amount_paise, own, case_answers))
            }
            // Only the intake answer so far: one debit, of the amount reported lost.
            None => f.money_left_at.map(|at| txn_fact(at, f.amount_lost_paise.unwrap_or(0), None, case_answers)),
        })
        .collect();
    let liens = trail
        .iter()
        .filter(|t| t.action == "on_hold")
        .filter_map(|t| {
            t.hold_at.or(t.at).map(|at| LienFact {
                placed_at: from_millis(at),
                amount_paise: t.hold_paise,
                order_obtained_at: None,
            })
        })
        .collect();
    CaseFacts {
        helpline_1930_called_at: done(ActionKind::Helpline1930),
        ncrp_complaint_filed_at: done(ActionKind::PortalFiled),
        transactions,
        liens,
        efir_registered_at: done(ActionKind::EfirRegistered),
        efir_signed_at: done(ActionKind::EfirSigned),
        fraud_communication_received_at: if by_communication(f.scam_pattern) {
            f.incident_at.map(from_millis)
        } else {
            None
        },
        chakshu_reported_at: done(ActionKind::ChakshuReported),
        intimate_image_or_impersonation: needs_takedown(case),
        platform_reported_at: done(ActionKind::PlatformReported),
        content_removed_at: done(ActionKind::ContentRemoved),
        grievance_filed_at: done(ActionKind::GrievanceFiled),
        grievance_acknowledged_at: done(ActionKind::GrievanceAcknowledged),
        grievance_disposed_at: done(ActionKind::GrievanceDisposed),
        bank_told_at: done(ActionKind::BankBlock),
        bank_complaint_at: done(ActionKind::BankComplaint),
        bank_replied_at: done(ActionKind::BankReplied),
        ombudsman_complaint_at: done(ActionKind::OmbudsmanComplaint),
        rbi_compensation_received_before: case_answers.and_then(|a| a.compensated_before),
    }
}

/// The three golden-hour actions are all recorded.
pub fn golden_done(actions: &[CaseAction]) -> bool {
    ActionKind::GOLDEN.iter().all(|g| actions.iter().any(|a| a.action == g.code()))
}

/// Money left and the golden-hour actions are not all done (however long ago: the case page
/// still offers them; the queue ranks by [`super::rank`], which also minds the time).
pub fn is_urgent(case: &Case, actions: &[CaseAction]) -> bool {
    case.fields.money_left == Some(MoneyLeft::Yes) && case.status.is_open() && !golden_done(actions)
}

/// A deadline missed by more than this no longer orders the queue: nothing can be done to
/// meet it (the open tasks still can).
const MISSED_AFTER_MS: i64 = 24 * 3600 * 1000;

/// The nearest time something is due: an open task, or a deadline not yet missed.
pub fn next_due(deadlines: &[Deadline], tasks: &[Task], now: DateTime<Utc>) -> Option<i64> {
    let cutoff = now.timestamp_millis() - MISSED_AFTER_MS;
    let deadline = deadlines
        .iter()
        .filter(|d| matches!(d.status, Status::Upcoming | Status::DueSoon | Status::Overdue))
        .filter(|d| d.due_at.timestamp_millis() >= cutoff)
        .filter(|d| d.kind == deadlines::RuleKind::Due)
        .map(|d| d.due_at.timestamp_millis());
    let task = tasks.iter().filter(|t| t.done_at.is_none()).filter_map(|t| t.due_at);
    deadline.chain(task).min()
}

/// Where the case stands in the work queue at `now`.
pub fn queue_rank(case: &Case, t: &Triage, now: DateTime<Utc>) -> Rank {
    let tasks: Vec<OpenTask> = t
        .tasks
        .iter()
        .filter(|k| k.done_at.is_none())
        .map(|k| OpenTask {
            due_at: k.due_at,
            escalation: k.step_id.as_deref() == Some(ESCALATION_STEP),
            pressing: k.step_id.as_deref() == Some(LARGE_LOSS_STEP),
        })
        .collect();
    let money_left_at = case.fields.money_left_at.filter(|_| case.fields.money_left == Some(MoneyLeft::Yes));
    rank(
        &Facts {
            open: case.status.is_open(),
            created_at: case.created_at,
            money_left_at,
            golden_done: golden_done(&t.actions),
            deadlines: &t.deadlines,
            tasks: &tasks,
        },
        now,
    )
}

/// Reads what the triage views need and computes the deadlines as of `now`.
pub async fn load(state: &AppState, case: &Case, now: DateTime<Utc>) -> Result<Triage, AppError> {
    let recorded = recorded(state, case.id).await?;
    let engine = state.deadline_engine(case.district_id).await?;
    Ok(compute(&engine, case, recorded, now))
}

/// What is recorded about the case besides its fields.
pub async fn recorded(state: &AppState, case_id: i64) -> Result<Recorded, AppError> {
    Ok(Recorded {
        actions: state.store.case_actions(case_id).await?,
        trail: state.store.trail(case_id).await?,
        tasks: state.store.case_tasks(case_id).await?,
        payment: state.store.payment_facts(case_id).await?,
    })
}

/// For a change to the case's own fields or status: what its queue columns become, given the
/// case as the change leaves it (inside the change's transaction; the rest is read now).
pub async fn ranker(state: &AppState, case: &Case) -> Result<impl FnOnce(&Case) -> Urgency + use<>, AppError> {
    let recorded = recorded(state, case.id).await?;
    let engine = state.deadline_engine(case.district_id).await?;
    let now = state.now();
    Ok(move |changed: &Case| urgency(changed, &compute(&engine, changed, recorded, now), now))
}

/// What is recorded about a case besides its fields.
pub struct Recorded {
    pub actions: Vec<CaseAction>,
    pub trail: Vec<TrailRow>,
    pub tasks: Vec<Task>,
    pub payment: Vec<PaymentFacts>,
}

/// The deadlines and advice of `case` as of `now`, from what is recorded (no I/O).
pub fn compute(engine: &deadlines::Engine, case: &Case, r: Recorded, now: DateTime<Utc>) -> Triage {
    let Recorded { actions, trail, tasks, payment } = r;
    let facts = case_facts(case, &actions, &trail, &payment);
    let deadlines = engine.compute(&facts, now);
    let advice = advice::advise(engine, &facts, now);
    Triage { actions, trail, tasks, payment, deadlines, advice }
}

/// The queue's ordering columns of `case` as of `now`.
pub fn urgency(case: &Case, t: &Triage, now: DateTime<Utc>) -> Urgency {
    let r = queue_rank(case, t, now);
    Urgency { urgent: r.urgent(), next_due_at: next_due(&t.deadlines, &t.tasks, now), rank: r.key(), until: r.until }
}

/// Brings the queue's ordering columns up to date after something changed on the case (or
/// time moved its rank on: see [`sweep`]).
pub async fn refresh(state: &AppState, case_id: i64) -> Result<(), AppError> {
    let case = state.store.case(case_id).await?;
    let now = state.now();
    let t = load(state, &case, now).await?;
    state.store.set_urgency(case.id, &urgency(&case, &t, now)).await?;
    Ok(())
}

/// Ranks again the open cases whose rank time has overtaken (a golden window ended, a deadline
/// was missed for good, a new case not ranked yet), a batch at a time; returns how many.
pub async fn sweep(state: &AppState, batch: i64) -> Result<usize, AppError> {
    let ids = state.store.stale_ranks(state.now_millis(), batch).await?;
    for id in &ids {
        refresh(state, *id).await?;
    }
    Ok(ids.len())
}

/// Keeps the queue's order true as time passes: a sweep every minute, by one of the servers on
/// this database.
pub async fn keep_ranked(state: AppState) {
    let job = |state: AppState| async move {
        // A large backlog (after an upgrade) is worked through in batches, yielding between them.
        while sweep(&state, 200).await? == 200 {
            tokio::task::yield_now().await;
        }
        Ok(())
    };
    let minute = std::time::Duration::from_secs(60);
    crate::web::fleet::every(state, "queue_rank_sweep", minute - std::time::Duration::from_secs(5), minute, job).await
}
