//! The fraud rings of the whole deployment, computed from every shared identifier and kept
//! for a minute (or until an identifier is confirmed, removed or flagged here).

use std::collections::HashMap;
use std::sync::Arc;
use std::time::{Duration, Instant};

use tokio::sync::Mutex;

use crate::cases::access::sees_district;
use crate::store::{Store, StoreError, User};

/// One ring with what every view of it needs.
#[derive(Debug, Clone)]
pub struct RingInfo {
    /// The oldest case's id.
    pub id: i64,
    /// Ascending, with each case's district alongside.
    pub cases: Vec<(i64, i64)>,
    /// The identifiers shared within the ring.
    pub identifiers: Vec<i64>,
    /// `(district id, cases)`.
    pub by_district: Vec<(i64, i64)>,
    pub money_paise: i64,
}

impl RingInfo {
    pub fn visible_cases(&self, user: &User) -> Vec<i64> {
        self.cases.iter().filter(|(_, d)| sees_district(user, *d)).map(|(c, _)| *c).collect()
    }
}

#[derive(Debug, Default)]
pub struct RingSet {
    /// Largest first.
    pub rings: Vec<RingInfo>,
    /// Case id → index in `rings`.
    pub by_case: HashMap<i64, usize>,
    pub computed_in: Duration,
}

const FRESH_FOR: Duration = Duration::from_secs(60);

/// When the rings were computed, and what they were.
type Computed = Option<(Instant, Arc<RingSet>)>;

#[derive(Clone, Default)]
pub struct RingCache {
    inner: Arc<Mutex<Computed>>,
}

impl RingCache {
    /// The current rings, computed now if the cached ones are stale. Only one request
    /// computes at a time; the others wait for its result.
    pub async fn get(&self, store: &Store) -> Result<Arc<RingSet>, StoreError> {
        let mut slot = self.inner.lock().await;
        if let Some((at, set)) = slot.as_ref()
            && at.elapsed() < FRESH_FOR
        {
            return Ok(set.clone());
        }
        let set = Arc::new(compute(store).await?);
        *slot = Some((Instant::now(), set.clone()));
        Ok(set)
    }

    pub fn forget(&self) {
        if let Ok(mut slot) = self.inner.try_lock() {
            *slot = None;
        } else {
            // Someone is computing right now; make their result stale on arrival.
            let inner = self.inner.clone();
            tokio::spawn(async move {
                *inner.lock().await = None;
            });
        }
    }
}

/// Builds the ring set from the database.
pub async fn compute(store: &Store) -> Result<RingSet, StoreError> {
    let started = Instant::now();
    let found = store.ring_edges().await?;
    let edges: Vec<_> = found.iter().map(|e| e.edge).collect();
    let money: HashMap<i64, (i64, i64)> =
        found.iter().map(|e| (e.edge.case_id, (e.district_id, e.money_paise))).collect();
    let rings = sahayak_domain::rings::rings(&edges);
    let mut set = RingSet::default();
    for ring in rings {
        let cases: Vec<(i64, i64)> = ring.cases.iter().filter_map(|c| money.get(c).map(|(d, _)| (*c, *d))).collect();
        let mut by_district: HashMap<i64, i64> = HashMap::new();
        for (_, d) in &cases {
            *by_district.entry(*d).or_insert(0) += 1;
        }
        let mut by_district: Vec<(i64, i64)> = by_district.into_iter().collect();
        by_district.sort_unstable();
        let index = set.rings.len();
        for (c, _) in &cases {
            set.by_case.insert(*c, index);
        }
        set.rings.push(RingInfo {
            id: ring.id(),
            money_paise: ring.cases.iter().filter_map(|c| money.get(c)).map(|(_, m)| *m).sum(),
            cases,
            identifiers: ring.identifiers,
            by_district,
        });
    }
    set.computed_in = started.elapsed();
    Ok(set)
}
