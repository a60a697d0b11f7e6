//! A bounded pool for CPU-heavy work on untrusted bytes (reading a spreadsheet, decoding and
//! re-encoding an image): a semaphore over blocking tasks. However many such requests arrive,
//! at most `workers` run at once, so the async threads that answer everyone else are never
//! taken; a few more wait their turn, and beyond that the request is told the server is busy
//! (503 with `Retry-After`) instead of queueing without end.

use std::sync::Arc;

use tokio::sync::{OwnedSemaphorePermit, Semaphore};

use super::AppError;

#[derive(Clone)]
pub struct Workers {
    running: Arc<Semaphore>,
    /// Permits for running or waiting: a request that cannot take one is refused at once.
    admitted: Arc<Semaphore>,
    workers: usize,
}

/// Requests that may wait for a worker, besides those running.
const QUEUE: usize = 16;

impl Workers {
    pub fn new(workers: usize) -> Workers {
        let workers = workers.max(1);
        Workers {
            running: Arc::new(Semaphore::new(workers)),
            admitted: Arc::new(Semaphore::new(workers + QUEUE)),
            workers,
        }
    }

    /// One worker less than the machine has cores (the rest answer requests), at most four.
    pub fn for_this_machine() -> Workers {
        let cores = std::thread::available_parallelism().map_or(1, usize::from);
        Workers::new(cores.saturating_sub(1).clamp(1, 4))
    }

    pub fn size(&self) -> usize {
        self.workers
    }

    /// Runs `work` on a blocking thread once a worker is free. `Err(Busy)` when too many are
    /// already waiting; a panic in `work` is an internal error, not a crash.
    pub async fn run<T, F>(&self, work: F) -> Result<T, AppError>
    where
        F: FnOnce() -> T + Send + 'static,
        T: Send + 'static,
    {
        self.turn().await?.run(work).await
    }

    /// Waits for a free worker and keeps it: for work that must first fetch its input (an
    /// image from storage), so that only running work holds its bytes in memory.
    pub async fn turn(&self) -> Result<Turn, AppError> {
        let admitted = self.admitted.clone().try_acquire_owned().map_err(|_| AppError::Busy)?;
        let running = self.running.clone().acquire_owned().await.map_err(|e| AppError::Internal(e.into()))?;
        Ok(Turn { _admitted: admitted, running })
    }
}

/// A worker taken for one piece of work.
pub struct Turn {
    _admitted: OwnedSemaphorePermit,
    running: OwnedSemaphorePermit,
}

impl Turn {
    pub async fn run<T, F>(self, work: F) -> Result<T, AppError>
    where
        F: FnOnce() -> T + Send + 'static,
        T: Send + 'static,
    {
        let Turn { _admitted, running } = self;
        tokio::task::spawn_blocking(move || {
            let _running = running;
            work()
        })
        .await
        .map_err(|e| AppError::Internal(anyhow::Error::new(e).context("a decoding worker failed")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn no_more_than_the_workers_run_at_once_and_the_rest_wait_or_are_refused() {
        let workers = Workers::new(2);
        let (tx, rx) = std::sync::mpsc::channel::<()>();
        let rx = Arc::new(std::sync::Mutex::new(rx));
        let peak = Arc::new(std::sync::atomic::AtomicUsize::new(0));
        let now = Arc::new(std::sync::atomic::AtomicUsize::new(0));
        let mut tasks = Vec::new();
        for _ in 0..(2 + QUEUE) {
            let (w, rx, peak, now) = (workers.clone(), rx.clone(), peak.clone(), now.clone());
            tasks.push(tokio::spawn(async move {
                w.run(move || {
                    let n = now.fetch_add(1, std::sync::atomic::Ordering::SeqCst) + 1;
                    peak.fetch_max(n, std::sync::atomic::Ordering::SeqCst);
                    rx.lock().unwrap().recv().unwrap();
                    now.fetch_sub(1, std::sync::atomic::Ordering::SeqCst);
                })
                .await
            }));
        }
        // Every admitted request holds its permit until its work ends: one more is refused.
        while workers.admitted.available_permits() > 0 {
            tokio::task::yield_now().await;
        }
        assert!(matches!(workers.run(|| ()).await, Err(AppError::Busy)));
        while now.load(std::sync::atomic::Ordering::SeqCst) < 2 {
            tokio::task::yield_now().await;
        }
        for _ in 0..(2 + QUEUE) {
            tx.send(()).unwrap();
        }
        for t in tasks {
            t.await.unwrap().unwrap();
        }
        assert_eq!(peak.load(std::sync::atomic::Ordering::SeqCst), 2);
    }
}
