//! The moment the application acts at: the wall clock, except inside [`at`].
//!
//! The demo records a year and more of a centre's history through the same use-cases the staff
//! use, each step "at" a moment in the past, so that every stamp the step writes (registration,
//! timeline, tasks and reminders due, custody, audit) agrees with it. The pinned moment is
//! task-local: it applies to the future given to [`at`] and to nothing else running meanwhile.
//! Views and the queue's ranking read the wall clock directly, as they must.

tokio::task_local! {
    static PINNED: i64;
}

/// Epoch milliseconds: the pinned moment inside [`at`], else the wall clock.
pub fn now_millis() -> i64 {
    PINNED.try_with(|t| *t).unwrap_or_else(|_| chrono::Utc::now().timestamp_millis())
}

/// Runs `work` as if the time were `millis` (epoch milliseconds) throughout.
pub async fn at<F: Future>(millis: i64, work: F) -> F::Output {
    PINNED.scope(millis, work).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn pinned_inside_wall_clock_outside() {
        let before = chrono::Utc::now().timestamp_millis();
        assert!(now_millis() >= before);
        let inside = at(1_700_000_000_000, async { (now_millis(), at(42, async { now_millis() }).await) }).await;
        assert_eq!(inside, (1_700_000_000_000, 42));
        assert!(now_millis() >= before, "the pin ends with its future");
    }
}
