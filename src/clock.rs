//! The server's one source of "now".
//!
//! Every part of the server asks [`crate::store::Store::now`] (or `AppState::now`) for the time,
//! and the store asks the clock it was given. Production runs on [`SystemClock`], the only
//! place that reads the system's wall clock; tests run whole HTTP exchanges on a [`SetClock`]
//! so deadline examples ("money left on Friday evening before a bank holiday") replay exactly.
//! A test (`tests/it/clock.rs`) fails if any other server file reads the wall clock.
//!
//! Monotonic `Instant`s (timeouts, latencies) are not wall time and stay where they are.
//!
//! [`at`] pins "now" for one future (task-local): the demo records fifteen months of a centre's
//! history through the ordinary use-cases, each step at its own moment in the past, so that every
//! stamp it writes (registration, timeline, tasks due, custody, audit) agrees with it.

use std::sync::atomic::{AtomicI64, Ordering};

use chrono::{DateTime, Utc};
pub use sahayak_domain::deadlines::Clock;

tokio::task_local! {
    static PINNED: i64;
}

/// The moment pinned by [`at`] for the running future, if any (epoch milliseconds).
pub(crate) fn pinned() -> Option<i64> {
    PINNED.try_with(|t| *t).ok()
}

/// Runs `work` as if the time were `millis` (epoch milliseconds) throughout, whatever clock
/// the store was given.
pub async fn at<F: Future>(millis: i64, work: F) -> F::Output {
    PINNED.scope(millis, work).await
}

/// The machine's clock.
#[derive(Debug, Clone, Copy, Default)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> DateTime<Utc> {
        Utc::now()
    }
}

/// A clock that shows what it was set to until it is set again or moved on: for tests and
/// for replaying a day.
#[derive(Debug)]
pub struct SetClock(AtomicI64);

impl SetClock {
    pub fn at(t: DateTime<Utc>) -> SetClock {
        SetClock(AtomicI64::new(t.timestamp_millis()))
    }

    pub fn set(&self, t: DateTime<Utc>) {
        self.0.store(t.timestamp_millis(), Ordering::SeqCst);
    }

    pub fn advance(&self, by: chrono::Duration) {
        self.0.fetch_add(by.num_milliseconds(), Ordering::SeqCst);
    }
}

impl Clock for SetClock {
    fn now(&self) -> DateTime<Utc> {
        DateTime::from_timestamp_millis(self.0.load(Ordering::SeqCst)).unwrap_or_default()
    }
}
