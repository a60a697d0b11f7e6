//! The evidence vault: digital evidence that holds up in court.
//!
//! Files are received as a stream into a spool file while their SHA-256 is computed
//! ([`spool`], [`receive`]), stored once under that hash ([`storage`]: the filesystem or S3), and
//! linked to cases as items with the s.63 capture details. Every action on an item goes into its
//! hash-chained custody log (`sahayak_domain::evidence`, `store::evidence`). [`verify`] re-hashes
//! files and checks chains (per case on the page, everything with `sahayak evidence verify`);
//! [`bundle`] streams a case's evidence as a ZIP with a `manifest.sha256`.

pub mod access;
pub mod api;
pub mod bundle;
pub mod derive;
pub mod input;
pub mod orphans;
mod pages;
mod panel;
pub mod receive;
pub mod service;
pub mod sniff;
pub mod spool;
pub mod storage;
pub mod verify;
pub mod views;

use std::path::Path;
use std::sync::Arc;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::routing::{get, post};

pub use panel::panel;

use crate::config::{Config, EvidenceStorage};
use crate::web::AppState;
use storage::{BlobStore, FileStore, S3Store, Unavailable};

/// Where evidence goes and how much of it is accepted.
pub struct Vault {
    blobs: Arc<dyn BlobStore>,
    spool: spool::SpoolDir,
    pub max_file_bytes: u64,
    pub max_case_bytes: u64,
}

impl Vault {
    /// Opens the configured storage. Spool files that a crash left behind are removed, and a
    /// spool directory of this process's own is claimed.
    pub fn open(config: &Config) -> Vault {
        let root = config.data_dir.join("evidence");
        let blobs: Arc<dyn BlobStore> = match &config.evidence.storage {
            EvidenceStorage::File => Arc::new(FileStore::new(root.join("blobs"))),
            EvidenceStorage::S3(s3) => match S3Store::new(s3) {
                Ok(store) => Arc::new(store),
                Err(e) => {
                    tracing::error!(error = %e, "evidence storage is not usable");
                    Arc::new(Unavailable(e))
                }
            },
        };
        let tmp = root.join("tmp");
        let swept = spool::sweep(&tmp);
        if swept > 0 {
            tracing::info!(swept, "removed spool files left by an interrupted run");
        }
        let spool = spool::SpoolDir::claim(&tmp).unwrap_or_else(|e| {
            tracing::warn!(error = %e, "no spool directory of this process's own; uploads spool in the shared one");
            spool::SpoolDir::unclaimed(&tmp)
        });
        Vault {
            blobs,
            spool,
            max_file_bytes: config.evidence.max_file_bytes,
            max_case_bytes: config.evidence.max_case_bytes,
        }
    }

    pub fn blobs(&self) -> &dyn BlobStore {
        self.blobs.as_ref()
    }

    /// The storage, for work that outlives the request that started it (a streaming bundle).
    pub fn shared_blobs(&self) -> Arc<dyn BlobStore> {
        self.blobs.clone()
    }

    /// Where uploads are received before they are stored (always local, under the data dir).
    pub fn spool_dir(&self) -> &Path {
        self.spool.path()
    }
}

pub fn router() -> Router<AppState> {
    // Uploads are limited by the vault's own per-file and per-case limits as they stream in,
    // not by the 1 MiB default for form and JSON bodies.
    let uploads = Router::new()
        .route("/cases/{reference}/evidence", post(pages::upload))
        .route("/api/v1/cases/{id}/evidence", get(api::list).post(api::upload))
        .layer(DefaultBodyLimit::disable());
    Router::new()
        .merge(uploads)
        .route("/cases/{reference}/evidence/new", get(pages::new_upload))
        .route("/cases/{reference}/evidence/verify", get(pages::verify))
        .route("/cases/{reference}/evidence/bundle.zip", get(pages::bundle))
        .route("/cases/{reference}/evidence/{item}", get(pages::item))
        .route("/cases/{reference}/evidence/{item}/file", get(pages::file))
        .route("/cases/{reference}/evidence/{item}/custody", post(pages::record_custody))
        .route("/cases/{reference}/evidence/{item}/portal-copy", post(pages::portal_copy))
        .route("/api/v1/cases/{id}/evidence/verify", get(api::verify))
        .route("/api/v1/cases/{id}/evidence/bundle.zip", get(api::bundle))
        .route("/api/v1/cases/{id}/evidence/{item}", get(api::item))
        .route("/api/v1/cases/{id}/evidence/{item}/content", get(api::content))
        .route("/api/v1/cases/{id}/evidence/{item}/custody", post(api::record_custody))
        .route("/api/v1/cases/{id}/evidence/{item}/portal-copy", post(api::portal_copy))
}
