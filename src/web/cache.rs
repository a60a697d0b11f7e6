//! A small read-mostly cache for reference data every request reads (districts, a district's
//! stations, its deadline engine): each entry is kept for a while, or until it is forgotten by
//! the edit that changed it.

use std::collections::HashMap;
use std::hash::Hash;
use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant};

/// Each key's value, with the time it was loaded.
type Entries<K, V> = HashMap<K, (Instant, Arc<V>)>;

/// Entries by key, shared by every clone.
pub struct Cache<K, V> {
    ttl: Duration,
    entries: Arc<RwLock<Entries<K, V>>>,
}

impl<K, V> Clone for Cache<K, V> {
    fn clone(&self) -> Self {
        Cache { ttl: self.ttl, entries: self.entries.clone() }
    }
}

impl<K: Eq + Hash + Clone, V> Cache<K, V> {
    /// Entries are loaded again once they are `ttl` old.
    pub fn new(ttl: Duration) -> Self {
        Cache { ttl, entries: Arc::default() }
    }

    /// Entries stay until [`Cache::forget`] drops them.
    pub fn until_forgotten() -> Self {
        Cache::new(Duration::MAX)
    }

    /// The entry for `key`, loaded with `load` when missing or too old.
    pub async fn get_or_load<E, F>(&self, key: K, load: F) -> Result<Arc<V>, E>
    where
        F: std::future::Future<Output = Result<V, E>>,
    {
        if let Ok(guard) = self.entries.read()
            && let Some((at, value)) = guard.get(&key)
            && at.elapsed() < self.ttl
        {
            return Ok(value.clone());
        }
        let value = Arc::new(load.await?);
        if let Ok(mut guard) = self.entries.write() {
            guard.insert(key, (Instant::now(), value.clone()));
        }
        Ok(value)
    }

    pub fn forget(&self, key: &K) {
        if let Ok(mut guard) = self.entries.write() {
            guard.remove(key);
        }
    }

    pub fn forget_all(&self) {
        if let Ok(mut guard) = self.entries.write() {
            guard.clear();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn loads_once_until_forgotten_or_too_old() {
        let cache: Cache<i64, i64> = Cache::until_forgotten();
        let one = cache.get_or_load(1, async { Ok::<_, ()>(10) }).await.unwrap();
        let again = cache.get_or_load(1, async { Ok::<_, ()>(20) }).await.unwrap();
        assert_eq!((*one, *again), (10, 10), "kept");
        cache.forget(&1);
        assert_eq!(*cache.get_or_load(1, async { Ok::<_, ()>(30) }).await.unwrap(), 30, "forgotten, loaded again");
        let failed = cache.get_or_load(2, async { Err::<i64, _>("no") }).await;
        assert!(failed.is_err(), "an error is not kept");
        let stale: Cache<i64, i64> = Cache::new(Duration::ZERO);
        stale.get_or_load(1, async { Ok::<_, ()>(1) }).await.unwrap();
        assert_eq!(*stale.get_or_load(1, async { Ok::<_, ()>(2) }).await.unwrap(), 2, "too old, loaded again");
    }
}
