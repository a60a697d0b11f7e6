//! Deadlines and the rules behind them (see the golden-hour issue).
//!
//! In a money-fraud case the first hours decide whether money can be frozen, and the
//! first working days decide whether the victim or the bank bears the loss. This module
//! turns a case's dated facts into the deadlines that follow from Indian law and
//! practice, each with its source, in English and Hindi.
//!
//! - Rules are data: `data/deadlines/rules.toml` (versioned, dated, sourced), parsed
//!   into a [`Rulebook`]. Facts still to be checked carry `verify = true`.
//! - Working days come from `data/deadlines/holidays.toml` ([`Calendars`]); RBI
//!   counts them on the customer's home-branch calendar, excluding the day the bank's
//!   message arrived.
//! - Time is injected ([`Clock`]); days begin and end at IST midnight.
//!
//! ```
//! use sahayak_domain::deadlines::{self, CaseFacts, Engine, Lang, clock::ist_at};
//!
//! let call = ist_at(2026, 3, 10, 23, 30).unwrap();
//! let facts = CaseFacts { helpline_1930_called_at: Some(call), ..CaseFacts::default() };
//! let list = Engine::builtin().compute(&facts, call);
//! assert_eq!(list[0].rule_id, "ncrp_complete_after_1930");
//! assert_eq!(list[0].due_at, ist_at(2026, 3, 11, 23, 30).unwrap());
//! println!("{}", list[0].title(Lang::Hi));
//! # let _ = deadlines::compute(&facts, call);
//! ```

pub mod calendar;
pub mod clock;
pub mod engine;
pub mod facts;
pub mod payment;
pub mod rbi;
pub mod rules;
pub mod text;

pub use calendar::{Calendar, Calendars, Holiday};
pub use clock::{Clock, FixedClock, ist};
pub use engine::{Deadline, Engine, Note, Status};
pub use facts::{CaseFacts, LienFact, Subject, TxnFact};
pub use payment::{AccountKind, Payer};
pub use rbi::{AccountType, Compensation, Liability, LiabilityAssessment, LiabilityInput, assess_liability};
pub use rules::{Condition, Fact, Regime, RestorationParams, Rule, RuleDuration, RuleKind, Rulebook, Source, Stake};
pub use text::{Lang, Text};

use chrono::{DateTime, Utc};

/// A rules or holidays file that cannot be used. Messages are written for the admin who
/// edits the data.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DataError {
    /// Not valid TOML, or a field of the wrong type.
    #[error("{what} file: {message}")]
    Toml {
        /// Which file ("rules" or "holidays").
        what: &'static str,
        /// The parser's message, with line and column.
        message: String,
    },
    /// Valid TOML that breaks a rule of the format.
    #[error("{0}")]
    Invalid(String),
}

impl DataError {
    pub(crate) fn toml(what: &'static str, e: &toml::de::Error) -> Self {
        Self::Toml { what, message: e.to_string() }
    }
}

/// Deadlines for `facts` at `now` under the built-in rules and calendars.
/// Use [`Engine::new`] + [`Engine::compute`] to stand on another rule set.
pub fn compute(facts: &CaseFacts, now: DateTime<Utc>) -> Vec<Deadline> {
    Engine::builtin().compute(facts, now)
}
