//! Where a case stands in the work queue: ranked by what time will destroy.
//!
//! 1. **A person at risk** (an open counselling escalation), nearest escalation first.
//! 2. **Money inside its golden window** (money left less than [`GOLDEN_WINDOW`] ago and the
//!    three golden-hour actions not all done), the freshest first: money moves from layer to
//!    layer within minutes, so the chance to freeze it falls fastest in the first hours.
//! 3. **The nearest deadline that loses the victim money or rights** (a rule with a
//!    [`Stake`](sahayak_domain::deadlines::Stake)) once it is due soon, until it has been missed
//!    for [`MISSED_AFTER`].
//!    A **large loss**'s same-day FIR step ([`LARGE_LOSS_STEP`], in the plan only when the loss is
//!    above `large_loss_rupees`) ranks here too: a zero FIR the same day is what lets police
//!    freeze and seize a large sum before it is withdrawn.
//! 4. **The nearest open task** (or deadline with a stake that is not due soon yet).
//! 5. Nothing due: the oldest case first.
//!
//! [`rank`] is the only place the order is decided; the store keeps its result (`queue_rank`)
//! and the time it goes stale (`rank_until`), and a background sweep ranks stale cases again
//! (a golden window ends, a deadline is missed) without anyone touching the case.

use chrono::{DateTime, TimeDelta, Utc};
use sahayak_domain::deadlines::{Deadline, RuleKind, Status};

/// How long after money left the case counts as a golden-hour case. Money can still be held
/// while it sits in the first layers of mule accounts: 72 hours is the outer edge sources give
/// (REFERENCE §2.3, §11.1); the banner on the case page shows for the same time.
pub const GOLDEN_WINDOW: TimeDelta = TimeDelta::hours(72);

/// A deadline missed by more than this no longer ranks the case: nothing can be done to meet it.
pub const MISSED_AFTER: TimeDelta = TimeDelta::hours(24);

/// The task step id a counselling risk escalation carries.
pub const ESCALATION_STEP: &str = "risk-escalation";

/// The plan step a large loss adds: an FIR the same day.
pub const LARGE_LOSS_STEP: &str = "fir_same_day";

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Tier {
    AtRisk = 0,
    Golden = 1,
    Deadline = 2,
    Task = 3,
    Waiting = 4,
}

/// An open task as ranking sees it.
#[derive(Debug, Clone, Copy)]
pub struct OpenTask {
    pub due_at: Option<i64>,
    pub escalation: bool,
    /// Ranks like a deadline that loses the victim money (a large loss's same-day FIR).
    pub pressing: bool,
}

/// What ranking needs to know about a case.
pub struct Facts<'a> {
    pub open: bool,
    pub created_at: i64,
    /// When money left the victim, if it did.
    pub money_left_at: Option<i64>,
    /// Whether the three golden-hour actions are all recorded.
    pub golden_done: bool,
    pub deadlines: &'a [Deadline],
    pub tasks: &'a [OpenTask],
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rank {
    pub tier: Tier,
    /// The time that orders cases within the tier (see [`Rank::key`]).
    pub at: i64,
    /// When this rank goes stale without anything happening on the case.
    pub until: Option<i64>,
}

/// Millisecond span of one tier in the sort key (about 317 years of timestamps).
const TIER_SPAN: i64 = 10_000_000_000_000;

impl Tier {
    /// The tier a sort key ([`Rank::key`]) belongs to.
    pub fn of_key(key: i64) -> Tier {
        match key.div_euclid(TIER_SPAN) {
            i64::MIN..=0 => Tier::AtRisk,
            1 => Tier::Golden,
            2 => Tier::Deadline,
            3 => Tier::Task,
            _ => Tier::Waiting,
        }
    }
}

impl Rank {
    /// Shows as urgent in the queue and on the case page.
    pub fn urgent(&self) -> bool {
        matches!(self.tier, Tier::AtRisk | Tier::Golden)
    }

    /// One number to sort by, smallest first.
    pub fn key(&self) -> i64 {
        let within = match self.tier {
            // The freshest money first.
            Tier::Golden => TIER_SPAN - 1 - self.at.clamp(0, TIER_SPAN - 1),
            _ => self.at.clamp(0, TIER_SPAN - 1),
        };
        self.tier as i64 * TIER_SPAN + within
    }
}

/// The queue rank of a case at `now`.
pub fn rank(f: &Facts<'_>, now: DateTime<Utc>) -> Rank {
    let now_ms = now.timestamp_millis();
    if !f.open {
        return Rank { tier: Tier::Waiting, at: f.created_at, until: None };
    }
    // The deadlines the victim loses by, still worth acting on.
    let cutoff = now - MISSED_AFTER;
    let losing: Vec<&Deadline> = f
        .deadlines
        .iter()
        .filter(|d| d.kind == RuleKind::Due && d.stake.is_some())
        .filter(|d| matches!(d.status, Status::Upcoming | Status::DueSoon | Status::Overdue))
        .filter(|d| d.due_at >= cutoff)
        .collect();
    let pressing = |d: &&&Deadline| d.due_soon_from.is_none_or(|s| s <= now);
    let pressing_tasks = f.tasks.iter().filter(|t| t.pressing).map(|t| t.due_at.unwrap_or(now_ms));
    let pressing_due = losing.iter().filter(pressing).map(|d| d.due_at.timestamp_millis()).chain(pressing_tasks).min();
    // When the rank changes by itself: a pressing deadline is missed for good, or a later
    // one becomes pressing.
    let stale = losing
        .iter()
        .map(|d| match d.due_soon_from {
            Some(s) if s > now => s,
            _ => d.due_at + MISSED_AFTER,
        })
        .map(|t| t.timestamp_millis())
        .min();

    if let Some(due) = f.tasks.iter().filter(|t| t.escalation).map(|t| t.due_at.unwrap_or(now_ms)).min() {
        return Rank { tier: Tier::AtRisk, at: due, until: None };
    }
    if let Some(left) = f.money_left_at
        && !f.golden_done
    {
        let ends = left + GOLDEN_WINDOW.num_milliseconds();
        if now_ms < ends {
            return Rank { tier: Tier::Golden, at: left, until: Some(ends) };
        }
    }
    if let Some(due) = pressing_due {
        return Rank { tier: Tier::Deadline, at: due, until: stale };
    }
    // Tasks, and deadlines with a stake that are not pressing yet, by whichever comes first.
    let later = losing.iter().map(|d| d.due_at.timestamp_millis());
    if let Some(due) = f.tasks.iter().filter_map(|t| t.due_at).chain(later).min() {
        return Rank { tier: Tier::Task, at: due, until: stale };
    }
    Rank { tier: Tier::Waiting, at: f.created_at, until: stale }
}

#[cfg(test)]
mod tests {
    use super::*;
    use sahayak_domain::deadlines::{CaseFacts, Engine, Payer, TxnFact, clock::ist_at};

    fn now() -> DateTime<Utc> {
        ist_at(2026, 12, 7, 21, 58).unwrap()
    }

    fn ms(t: DateTime<Utc>) -> i64 {
        t.timestamp_millis()
    }

    fn money_case(left: DateTime<Utc>, golden_done: bool, deadlines: &[Deadline]) -> Rank {
        let f = Facts {
            open: true,
            created_at: ms(left),
            money_left_at: Some(ms(left)),
            golden_done,
            deadlines,
            tasks: &[],
        };
        rank(&f, now())
    }

    /// The deadlines the real rules give a debit at `left` that someone else made, the bank
    /// told (by a call and in writing) at `told`.
    fn deadlines(left: DateTime<Utc>, told: Option<DateTime<Utc>>) -> Vec<Deadline> {
        let facts = CaseFacts {
            transactions: vec![TxnFact {
                payer: Some(Payer::SomeoneElse),
                credentials_shared: Some(false),
                ..TxnFact::new(left, 3_250_000)
            }],
            bank_told_at: told,
            bank_complaint_at: told,
            ..CaseFacts::default()
        };
        Engine::builtin().compute(&facts, now())
    }

    fn sorted(mut ranks: Vec<(&'static str, Rank)>) -> Vec<&'static str> {
        ranks.sort_by_key(|(_, r)| r.key());
        ranks.into_iter().map(|(n, _)| n).collect()
    }

    #[test]
    fn money_in_its_golden_hour_outranks_money_gone_days_ago() {
        let thirty_min = now() - TimeDelta::minutes(30);
        let two_hours = now() - TimeDelta::hours(2);
        let two_days = now() - TimeDelta::days(2);
        let forty_five_days = now() - TimeDelta::days(45);
        let ranks = vec![
            ("45 days", money_case(forty_five_days, false, &deadlines(forty_five_days, None))),
            ("2 days", money_case(two_days, false, &deadlines(two_days, None))),
            ("2 hours", money_case(two_hours, false, &deadlines(two_hours, None))),
            ("30 min", money_case(thirty_min, false, &deadlines(thirty_min, None))),
        ];
        assert_eq!(sorted(ranks.clone()), ["30 min", "2 hours", "2 days", "45 days"]);
        assert_eq!(Tier::of_key(ranks[3].1.key()), Tier::Golden);
        assert_eq!(Tier::of_key(ranks[0].1.key()), ranks[0].1.tier);
        assert!(ranks[3].1.urgent() && ranks[2].1.urgent() && ranks[1].1.urgent());
        // 45 days on, the golden window is long past: not urgent any more.
        assert!(!ranks[0].1.urgent());
    }

    #[test]
    fn a_case_leaves_the_golden_tier_when_its_actions_are_done() {
        let left = now() - TimeDelta::minutes(30);
        let done = money_case(left, true, &deadlines(left, Some(now())));
        assert!(!done.urgent());
        assert!(matches!(done.tier, Tier::Deadline | Tier::Task), "its deadlines rank it now: {done:?}");
        let open = money_case(now() - TimeDelta::hours(70), false, &[]);
        assert!(open.key() < done.key(), "any golden-hour case comes before any deadline");
    }

    #[test]
    fn the_golden_rank_goes_stale_when_the_window_ends() {
        let left = now() - TimeDelta::hours(71);
        let r = money_case(left, false, &deadlines(left, None));
        assert_eq!(r.tier, Tier::Golden);
        assert_eq!(r.until, Some(ms(left + GOLDEN_WINDOW)));
        // An hour and a minute later the same facts rank by deadline.
        let later = now() + TimeDelta::minutes(61);
        let f = Facts {
            open: true,
            created_at: ms(left),
            money_left_at: Some(ms(left)),
            golden_done: false,
            deadlines: &deadlines(left, None),
            tasks: &[],
        };
        let r = rank(&f, later);
        assert!(matches!(r.tier, Tier::Deadline | Tier::Task) && !r.urgent(), "{r:?}");
    }

    #[test]
    fn deadlines_that_cost_nothing_do_not_rank_but_tasks_do() {
        // The bank was told 20 days ago: its own 90-day duty is not the victim's loss.
        let left = now() - TimeDelta::days(20);
        let list = deadlines(left, Some(left));
        assert!(list.iter().any(|d| d.stake.is_none() && d.status == Status::Upcoming));
        let tasks = [OpenTask { due_at: Some(ms(now() + TimeDelta::days(2))), escalation: false, pressing: false }];
        let f = Facts {
            open: true,
            created_at: ms(left),
            money_left_at: Some(ms(left)),
            golden_done: true,
            deadlines: &list,
            tasks: &tasks,
        };
        let r = rank(&f, now());
        assert_eq!((r.tier, r.at), (Tier::Task, ms(now() + TimeDelta::days(2))), "{list:#?}");
    }

    #[test]
    fn a_missed_deadline_stops_ranking_a_day_later() {
        let left = now() - TimeDelta::days(7);
        let list = deadlines(left, None);
        let zero = list.iter().find(|d| d.rule_id == "rbi_zero_liability_report").unwrap();
        assert_eq!(zero.status, Status::Overdue);
        let f = Facts {
            open: true,
            created_at: ms(left),
            money_left_at: Some(ms(left)),
            golden_done: true,
            deadlines: &list,
            tasks: &[],
        };
        let r = rank(&f, now());
        // Missed two days ago: the 7-day window ranks it now, not the 3-day one.
        assert_eq!(r.tier, Tier::Deadline);
        assert_ne!(r.at, ms(zero.due_at));
        let limited = list.iter().find(|d| d.rule_id == "rbi_limited_liability_report").unwrap();
        assert_eq!(r.at, ms(limited.due_at));
        assert!(r.until.is_some_and(|u| u > ms(now())));
    }

    #[test]
    fn a_person_at_risk_comes_first_and_a_closed_case_last() {
        let esc = [OpenTask { due_at: Some(ms(now() + TimeDelta::hours(4))), escalation: true, pressing: false }];
        let risk =
            Facts { open: true, created_at: 0, money_left_at: None, golden_done: false, deadlines: &[], tasks: &esc };
        let fresh = money_case(now() - TimeDelta::minutes(1), false, &[]);
        assert!(rank(&risk, now()).key() < fresh.key());
        assert!(rank(&risk, now()).urgent());
        let closed = Facts { open: false, ..risk };
        assert_eq!(rank(&closed, now()).tier, Tier::Waiting);
    }

    #[test]
    fn a_large_losss_same_day_fir_ranks_like_a_deadline_that_loses_money() {
        // Both cases past their golden window with the three actions done; one has an ordinary
        // task due in 2 hours, the other a large loss's same-day FIR step due in 6 hours.
        let f = |task: OpenTask| {
            let tasks = [task];
            let facts = Facts {
                open: true,
                created_at: ms(now() - TimeDelta::days(4)),
                money_left_at: Some(ms(now() - TimeDelta::days(4))),
                golden_done: true,
                deadlines: &[],
                tasks: &tasks,
            };
            rank(&facts, now())
        };
        let ordinary =
            f(OpenTask { due_at: Some(ms(now() + TimeDelta::hours(2))), escalation: false, pressing: false });
        let fir = f(OpenTask { due_at: Some(ms(now() + TimeDelta::hours(6))), escalation: false, pressing: true });
        assert_eq!((ordinary.tier, fir.tier), (Tier::Task, Tier::Deadline));
        assert!(fir.key() < ordinary.key(), "the large loss comes first");
    }
}
