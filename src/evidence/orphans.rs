//! Stored files that no evidence record refers to.
//!
//! A file is stored before its record is written (the record names a file that exists), so a
//! write that fails or a server that stops between the two leaves a file without a record. It
//! is not evidence of anything. The servers sweep such files once an hour (one server of the
//! fleet), leaving those stored within the last hour alone: their record may still be on its way.

use std::time::Duration;

use sahayak_domain::evidence::Sha256Hex;

use super::storage::StoredBlob;
use crate::web::AppState;

/// Files stored this recently are never removed by the sweep.
pub const GRACE_MINUTES: i64 = 60;

/// Every stored file without a record, oldest first.
pub async fn find(state: &AppState) -> anyhow::Result<Vec<StoredBlob>> {
    let known = state.store.evidence_hashes().await?;
    let mut stored: Vec<StoredBlob> =
        state.evidence.blobs().list().await?.into_iter().filter(|b| !known.contains(&b.sha256)).collect();
    stored.sort_by_key(|b| b.stored_at);
    Ok(stored)
}

/// Deletes the files without a record stored more than `older_than_minutes` ago; returns their hashes.
pub async fn remove(state: &AppState, orphans: &[StoredBlob], older_than_minutes: i64) -> anyhow::Result<Vec<String>> {
    let cutoff = state.now_millis() - older_than_minutes.max(0) * 60_000;
    // Read the records again: a file whose record was written since the listing is kept.
    let known = state.store.evidence_hashes().await?;
    let mut removed = Vec::new();
    for blob in orphans.iter().filter(|b| b.stored_at <= cutoff && !known.contains(&b.sha256)) {
        let sha: Sha256Hex = blob.sha256.parse()?;
        state.evidence.blobs().delete(&sha).await?;
        removed.push(blob.sha256.clone());
    }
    Ok(removed)
}

/// The hourly sweep, by one server of the fleet.
pub async fn keep_clean(state: AppState) {
    let job = |state: AppState| async move {
        let orphans = find(&state).await?;
        let removed = remove(&state, &orphans, GRACE_MINUTES).await?.len();
        if removed > 0 {
            tracing::info!(removed, "evidence files without a record removed");
        }
        Ok(())
    };
    let hour = Duration::from_secs(3600);
    crate::web::fleet::every(state, "evidence_orphans", hour, Duration::from_secs(600), job).await
}
