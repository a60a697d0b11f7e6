//! Backups an operator can trust: `sahayak backup` copies the database while the server runs
//! (one consistent snapshot, every table as typed JSON lines) with a manifest of hashes, and
//! optionally the evidence files; `sahayak restore` checks every hash before it writes anything,
//! loads the rows in one transaction and verifies the audit chain afterwards.
//!
//! A backup is a directory:
//!
//! ```text
//! manifest.json              what is in it, with the SHA-256 of every file
//! tables/<table>.jsonl       one JSON array of column values per row
//! evidence/ab/<sha256>       the evidence files (only with --with-evidence)
//! ```
//!
//! Encrypted columns are copied as stored (ciphertext); restoring needs the same key file.

mod files;
mod make;
mod restore;

use serde::{Deserialize, Serialize};

use crate::store::backup::Column;

pub use make::{BackupOptions, backup};
pub use restore::{EvidenceOutcome, RestoreOptions, RestoreReport, restore};

/// What `manifest.json` says it is.
pub const FORMAT: &str = "sahayak-backup";
/// Raised when the layout changes in a way older versions cannot read.
pub const FORMAT_VERSION: u32 = 1;
pub const MANIFEST: &str = "manifest.json";

/// The contents of a backup, written last (a backup without one is not a backup).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Manifest {
    pub format: String,
    pub format_version: u32,
    /// The Sahayak that made it.
    pub sahayak_version: String,
    /// UTC, RFC 3339.
    pub created_at: String,
    /// `sqlite` or `postgres`: where it came from (it restores into either).
    pub backend: String,
    /// The highest migration applied to the database, and all of them.
    pub schema_version: i64,
    pub migrations: Vec<i64>,
    /// A reminder for whoever finds the backup without its documentation.
    pub encryption: String,
    /// The audit chain's end at the moment of the backup: keep it apart from the backup to
    /// check later that nobody changed both.
    pub audit_head: AuditHead,
    pub tables: Vec<TableFile>,
    pub evidence: EvidenceManifest,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditHead {
    pub id: i64,
    pub hash: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct TableFile {
    pub name: String,
    /// Relative to the backup directory.
    pub file: String,
    pub columns: Vec<Column>,
    pub rows: u64,
    pub sha256: String,
}

/// The evidence files the database refers to (those of cases not erased).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct EvidenceManifest {
    /// Whether the files themselves are in the backup (`--with-evidence`).
    pub included: bool,
    pub files: Vec<EvidenceFile>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct EvidenceFile {
    /// The file's SHA-256, which is also its key in evidence storage.
    pub sha256: String,
    pub size: u64,
    /// Relative to the backup directory, when included.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
}

pub const ENCRYPTION_NOTE: &str = "Sensitive columns are copied encrypted, as stored. Restoring needs the key file \
     (or SAHAYAK_KEYS) of the installation this backup was taken from; the backup does not contain it.";

/// Where a table's rows are kept inside a backup.
fn table_file(name: &str) -> String {
    format!("tables/{name}.jsonl")
}

/// Where an evidence file is kept inside a backup (fanned out like the file store).
fn evidence_file(sha256: &str) -> String {
    format!("evidence/{}/{sha256}", &sha256[..2])
}
