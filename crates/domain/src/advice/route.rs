//! The route that does not need RBI protection: money put on hold through 1930 and
//! CFCFRMS, the hold's 90 days, and how held money comes back (REFERENCE.md §2.4, §2.6).

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::deadlines::{CaseFacts, Engine, Status};

/// Rule id of the hold's 90-day expiry; it also carries the restoration threshold.
pub const LIEN_RULE: &str = "lien_hold_expiry";

/// What helps when the RBI rules do not.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Route {
    /// When 1930 was called (the hold request starts there); `None`: not yet.
    pub helpline_called_at: Option<DateTime<Utc>>,
    /// Money reported on hold in the accounts it reached, in paise.
    pub held_paise: i64,
    /// The soonest a hold may be lifted when no court or restoration order is pending.
    pub hold_may_lift_at: Option<DateTime<Utc>>,
    /// The disputed amount: the victim's net loss over all debits, in paise.
    pub disputed_paise: i64,
    /// How held money comes back for this disputed amount.
    pub restoration: Restoration,
    /// The hold and restoration rules still need checking (the SOP is known from press).
    pub verify: bool,
}

/// How held money gets back to the victim, by the disputed amount.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "route")]
pub enum Restoration {
    /// Below the threshold: a refund without a court order under the January 2026 SOP.
    WithoutCourtOrder {
        /// The threshold, in paise.
        below_paise: i64,
    },
    /// At or above it: an order of the Magistrate (s.503 BNSS) or the Lok Adalat.
    CourtOrLokAdalat {
        /// The threshold, in paise.
        threshold_paise: i64,
    },
    /// No threshold in the rules for the date (none encoded).
    Unknown,
}

pub(super) fn route(engine: &Engine, facts: &CaseFacts, now: DateTime<Utc>) -> Route {
    let disputed_paise: i64 = facts.transactions.iter().map(|t| t.net_loss_paise()).sum();
    let held_paise = facts.liens.iter().filter_map(|l| l.amount_paise).sum();
    let deadlines = engine.compute(facts, now);
    let holds = deadlines.iter().filter(|d| d.rule_id == LIEN_RULE);
    let hold_may_lift_at = holds.clone().filter(|d| d.status != Status::Met).map(|d| d.due_at).min();
    let today = crate::deadlines::clock::ist_date(now);
    let rule = engine.rules().applicable(LIEN_RULE, today);
    let restoration = match rule.and_then(|r| r.restoration) {
        Some(p) if disputed_paise < p.without_order_below_paise => {
            Restoration::WithoutCourtOrder { below_paise: p.without_order_below_paise }
        }
        Some(p) => Restoration::CourtOrLokAdalat { threshold_paise: p.without_order_below_paise },
        None => Restoration::Unknown,
    };
    Route {
        helpline_called_at: facts.helpline_1930_called_at,
        held_paise,
        hold_may_lift_at,
        disputed_paise,
        restoration,
        verify: rule.is_some_and(|r| r.verify),
    }
}
