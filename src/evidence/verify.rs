//! Checking that evidence is as it was received: every stored file re-hashed, every custody chain
//! recomputed. Used for one case on its page and API, and for everything by
//! `sahayak evidence verify`.

use std::collections::HashMap;
use std::io;

use sahayak_domain::evidence::{ChainProblem, CustodyAction, Entry, Sha256Hex, verify_chain};
use sha2::{Digest, Sha256};
use tokio::io::AsyncReadExt;

use super::spool::CHUNK;
use super::storage::BlobStore;
use crate::store::{EvidenceItem, Store, StoreError};

/// Something found wrong with an item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Finding {
    /// No file is stored under the item's hash.
    FileMissing,
    /// The stored bytes no longer have the recorded hash (or size).
    FileChanged {
        sha256: String,
        size: u64,
    },
    Chain(ChainProblem),
}

#[derive(Debug, Clone)]
pub struct ItemReport {
    pub item_id: i64,
    pub case_id: i64,
    pub original_name: String,
    pub sha256: String,
    pub findings: Vec<Finding>,
}

/// What re-reading a stored file found: `None` when it is missing.
pub async fn rehash(
    blobs: &dyn BlobStore,
    sha: &Sha256Hex,
    progress: &(dyn Fn(u64) + Sync),
) -> io::Result<Option<(Sha256Hex, u64)>> {
    let mut reader = match blobs.get(sha).await {
        Ok(r) => r,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(e),
    };
    let mut hasher = Sha256::new();
    let mut buf = vec![0u8; CHUNK];
    let mut size = 0u64;
    loop {
        // Fill the buffer before hashing: the hash runs fastest on whole 64 KiB buffers.
        let mut filled = 0;
        while filled < buf.len() {
            let n = reader.read(&mut buf[filled..]).await?;
            if n == 0 {
                break;
            }
            filled += n;
        }
        if filled == 0 {
            break;
        }
        hasher.update(&buf[..filled]);
        size += filled as u64;
        progress(filled as u64);
    }
    Ok(Some((Sha256Hex::of_digest(&hasher.finalize()), size)))
}

/// Checks `items` (custody read in one query). Files shared by several items are read once.
/// `progress` is told of bytes as they are hashed.
pub async fn check_items(
    store: &Store,
    blobs: &dyn BlobStore,
    items: &[EvidenceItem],
    progress: &(dyn Fn(u64) + Sync),
) -> Result<Vec<ItemReport>, anyhow::Error> {
    let ids: Vec<i64> = items.iter().map(|i| i.id).collect();
    let custody = store.custody(&ids).await.map_err(store_error)?;
    let mut chains: HashMap<i64, Vec<Entry>> = HashMap::new();
    for e in custody {
        chains.entry(e.item_id).or_default().push(e);
    }
    let mut files: HashMap<String, Option<Finding>> = HashMap::new();
    let mut reports = Vec::with_capacity(items.len());
    for item in items {
        let mut findings = Vec::new();
        let chain = chains.remove(&item.id).unwrap_or_default();
        // A file deleted at the end of retention is meant to be gone; its record still verifies.
        let erased = chain.last().is_some_and(|e| e.action == CustodyAction::Erased.code());
        if !erased && !files.contains_key(&item.sha256) {
            let finding = match item.sha256.parse::<Sha256Hex>() {
                Err(_) => Some(Finding::FileChanged { sha256: item.sha256.clone(), size: 0 }),
                Ok(sha) => match rehash(blobs, &sha, progress).await? {
                    None => Some(Finding::FileMissing),
                    Some((found, size)) if found != sha || size != item.size_bytes as u64 => {
                        Some(Finding::FileChanged { sha256: found.to_string(), size })
                    }
                    Some(_) => None,
                },
            };
            files.insert(item.sha256.clone(), finding);
        }
        if let (false, Some(Some(f))) = (erased, files.get(&item.sha256)) {
            findings.push(f.clone());
        }
        let fingerprint = item.facts().fingerprint();
        findings.extend(
            verify_chain(&chain, &fingerprint, item.custody_seq, &item.custody_head).into_iter().map(Finding::Chain),
        );
        reports.push(ItemReport {
            item_id: item.id,
            case_id: item.case_id,
            original_name: item.original_name.clone(),
            sha256: item.sha256.clone(),
            findings,
        });
    }
    Ok(reports)
}

fn store_error(e: StoreError) -> anyhow::Error {
    anyhow::Error::new(e).context("reading custody entries")
}

/// The catalog key and arguments describing a finding, for pages and the API.
pub fn describe(f: &Finding) -> (&'static str, Vec<(&'static str, String)>) {
    match f {
        Finding::FileMissing => ("evidence-finding-missing", vec![]),
        Finding::FileChanged { sha256, size } => {
            ("evidence-finding-changed", vec![("sha256", sha256.clone()), ("size", size.to_string())])
        }
        Finding::Chain(ChainProblem::Edited { seq }) => ("evidence-finding-edited", vec![("seq", seq.to_string())]),
        Finding::Chain(ChainProblem::Missing { from, to }) => {
            ("evidence-finding-gap", vec![("from", from.to_string()), ("to", to.to_string())])
        }
        Finding::Chain(ChainProblem::BrokenLink { seq }) => ("evidence-finding-link", vec![("seq", seq.to_string())]),
        Finding::Chain(ChainProblem::WrongEnd { recorded_seq, found_seq }) => {
            ("evidence-finding-end", vec![("recorded", recorded_seq.to_string()), ("found", found_seq.to_string())])
        }
    }
}

/// A stable code for a finding (the API's `code`).
pub fn code(f: &Finding) -> &'static str {
    match f {
        Finding::FileMissing => "file_missing",
        Finding::FileChanged { .. } => "file_changed",
        Finding::Chain(ChainProblem::Edited { .. }) => "custody_edited",
        Finding::Chain(ChainProblem::Missing { .. }) => "custody_missing",
        Finding::Chain(ChainProblem::BrokenLink { .. }) => "custody_broken_link",
        Finding::Chain(ChainProblem::WrongEnd { .. }) => "custody_wrong_end",
    }
}
