//! `sahayak restore`: check everything, then load everything in one transaction.
//!
//! Order matters: every file's hash (and every row's shape, and the keys) is checked before the
//! target is touched, so a damaged backup or a wrong key file changes nothing. The rows go in
//! in one transaction; evidence files follow (content-addressed, so copying one twice is
//! harmless); the audit chain is verified last.

use std::collections::{BTreeMap, HashSet};
use std::io::BufRead;
use std::path::{Path, PathBuf};
use std::str::FromStr;

use anyhow::{Context, bail};
use sahayak_domain::evidence::Sha256Hex;
use serde_json::Value;
use sha2::{Digest, Sha256};

use super::files::{copy_hashing, hash_file};
use super::{FORMAT, FORMAT_VERSION, MANIFEST, Manifest, TableFile, evidence_file, table_file};
use crate::evidence::storage::BlobStore;
use crate::store::backup::{Column, ColumnType, RestoreTx, TABLES};
use crate::store::crypto::Keyring;
use crate::store::{Store, known_versions};

pub struct RestoreOptions {
    pub from: PathBuf,
    /// Replace whatever the target database holds.
    pub force: bool,
}

/// What became of the evidence files.
#[derive(Debug)]
pub enum EvidenceOutcome {
    /// The files were in the backup: copied into storage (or found there already).
    Restored { copied: usize, already_present: usize },
    /// The backup has only their list: checked against the configured storage.
    Checked { present: usize, missing: Vec<String> },
}

#[derive(Debug)]
pub struct RestoreReport {
    pub manifest: Manifest,
    pub rows: u64,
    /// Cases put back into the search index.
    pub indexed: u64,
    /// Migrations newer than the backup, applied after loading it.
    pub later_migrations: usize,
    pub evidence: EvidenceOutcome,
    pub audit_checked: i64,
    /// Breaks in the restored audit chain (none when it verifies).
    pub audit_problems: Vec<String>,
}

impl RestoreReport {
    /// Everything restored, every evidence file in place, the audit chain intact.
    pub fn complete(&self) -> bool {
        self.audit_problems.is_empty()
            && !matches!(&self.evidence, EvidenceOutcome::Checked { missing, .. } if !missing.is_empty())
    }
}

/// Rows inserted per call.
const BATCH: usize = 1000;

/// Restores the backup at `options.from` into `store` (connected, not necessarily migrated).
/// `keys` are the keys the restored data will be read with (`None`: no key file exists).
pub async fn restore(
    store: &Store,
    keys: Option<&Keyring>,
    blobs: &dyn BlobStore,
    spool_dir: &Path,
    options: &RestoreOptions,
    progress: &(dyn Fn(&str) + Sync),
) -> anyhow::Result<RestoreReport> {
    let dir = &options.from;
    progress("Checking the backup...");
    let manifest = read_manifest(dir)?;
    let samples = check_tables(dir, &manifest)?;
    check_evidence(dir, &manifest).await?;
    check_keys(&samples, keys)?;

    let applied = store.applied_migrations().await?;
    let target_version = applied.last().copied().unwrap_or(0);
    if target_version > manifest.schema_version {
        bail!(
            "the target database is at schema version {target_version}, newer than the backup's ({}); \
             restore into a new, empty database",
            manifest.schema_version
        );
    }
    if !options.force
        && let Some(table) = store.first_table_with_data().await?
    {
        bail!(not_empty(table));
    }

    progress("Loading the rows...");
    store.migrate_to(manifest.schema_version, &|_, _, _| {}).await?;
    let mut tx = store.begin_restore().await?;
    if !options.force
        && let Some(table) = tx.first_table_with_data().await?
    {
        bail!(not_empty(table));
    }
    tx.clear().await?;
    let mut rows = 0;
    for spec in TABLES {
        let Some(file) = manifest.tables.iter().find(|t| t.name == spec.name) else { continue };
        same_columns(&mut tx, file, manifest.schema_version).await?;
        rows += load_table(&mut tx, dir, file).await?;
    }
    let indexed = tx
        .rebuild_search_index(&|s| {
            crate::cases::input::search_terms_of(
                &s.victim_name,
                &s.narrative,
                s.suspect_details.as_deref(),
                s.pasted_messages.as_deref(),
                s.category_other.as_deref(),
            )
        })
        .await?;
    tx.reset_sequences().await?;
    tx.commit().await?;
    let later_migrations = store.migrate(&|_, _, _| {}).await?;

    progress("Restoring the evidence files...");
    let evidence = restore_evidence(dir, &manifest, blobs, spool_dir)
        .await
        .context("the database was restored, but the evidence files were not")?;

    progress("Verifying the audit chain...");
    let (audit_checked, breaks) = store.audit_verify(&|_| {}).await?;
    let mut audit_problems: Vec<String> = breaks.iter().map(ToString::to_string).collect();
    let head = &manifest.audit_head;
    if head.id > 0 && store.audit_entry_hash(head.id).await?.as_deref() != Some(head.hash.as_str()) {
        audit_problems.push(format!("entry {} is not the one the backup's manifest records as the head", head.id));
    }
    Ok(RestoreReport { manifest, rows, indexed, later_migrations, evidence, audit_checked, audit_problems })
}

fn not_empty(table: &str) -> String {
    format!(
        "the target database already holds data (table {table} has rows); restore into an empty database, \
         or add --force to delete everything it holds and replace it with the backup"
    )
}

fn damaged(what: impl std::fmt::Display) -> anyhow::Error {
    anyhow::anyhow!("the backup is damaged: {what}; nothing was restored")
}

fn read_manifest(dir: &Path) -> anyhow::Result<Manifest> {
    let path = dir.join(MANIFEST);
    let bytes = match std::fs::read(&path) {
        Ok(b) => b,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            bail!("{} is not a Sahayak backup (it has no {MANIFEST})", dir.display())
        }
        Err(e) => return Err(e).with_context(|| format!("cannot read {}", path.display())),
    };
    let manifest: Manifest =
        serde_json::from_slice(&bytes).map_err(|e| damaged(format_args!("{MANIFEST} cannot be read ({e})")))?;
    if manifest.format != FORMAT {
        bail!("{} is not a Sahayak backup", dir.display());
    }
    if manifest.format_version > FORMAT_VERSION {
        bail!("this backup was made by a newer Sahayak ({}); restore it with that version", manifest.sahayak_version);
    }
    let known = known_versions();
    if manifest.migrations.iter().any(|v| !known.contains(v)) {
        bail!(
            "this backup's schema (version {}) is newer than this Sahayak knows; restore it with Sahayak {} or later",
            manifest.schema_version,
            manifest.sahayak_version
        );
    }
    let mut seen = HashSet::new();
    for t in &manifest.tables {
        // Only the file names a backup writes: a manifest cannot point outside the backup.
        if !TABLES.iter().any(|s| s.name == t.name) || t.file != table_file(&t.name) || !seen.insert(&t.name) {
            return Err(damaged(format_args!("{MANIFEST} lists an unexpected table {:?}", t.name)));
        }
    }
    for f in &manifest.evidence.files {
        let valid = Sha256Hex::from_str(&f.sha256).is_ok();
        if !valid || (manifest.evidence.included && f.path.as_deref() != Some(evidence_file(&f.sha256).as_str())) {
            return Err(damaged(format_args!("{MANIFEST} lists an unexpected evidence file {:?}", f.sha256)));
        }
    }
    Ok(manifest)
}

/// Encrypted values found in the backup, one per column, to try the keys on.
#[derive(Default)]
struct Samples {
    encrypted: BTreeMap<(String, String), String>,
    /// A case's stored mobile and its keyed index, to try the index key on.
    mobile: Option<(String, String)>,
}

/// Reads every table file whole: its hash, its row count, and that every row fits its columns.
fn check_tables(dir: &Path, manifest: &Manifest) -> anyhow::Result<Samples> {
    let mut samples = Samples::default();
    for t in &manifest.tables {
        let path = dir.join(&t.file);
        let file = std::fs::File::open(&path).map_err(|e| damaged(format_args!("{} cannot be read ({e})", t.file)))?;
        let mut reader = std::io::BufReader::new(file);
        let mut hasher = Sha256::new();
        let mut line = Vec::new();
        let (mut rows, mut problem) = (0u64, None);
        loop {
            line.clear();
            if reader.read_until(b'\n', &mut line)? == 0 {
                break;
            }
            hasher.update(&line);
            rows += 1;
            if problem.is_none() {
                match parse_row(t, &line) {
                    Ok(row) => sample(&mut samples, t, &row),
                    Err(e) => problem = Some(format!("{} row {rows}: {e}", t.file)),
                }
            }
        }
        if hex::encode(hasher.finalize()) != t.sha256 {
            return Err(damaged(format_args!("{} does not match its SHA-256 in {MANIFEST}", t.file)));
        }
        if let Some(p) = problem {
            return Err(damaged(p));
        }
        if rows != t.rows {
            return Err(damaged(format_args!("{} has {rows} rows, {MANIFEST} says {}", t.file, t.rows)));
        }
    }
    Ok(samples)
}

fn parse_row(t: &TableFile, line: &[u8]) -> Result<Vec<Value>, String> {
    let row: Vec<Value> = serde_json::from_slice(line).map_err(|e| e.to_string())?;
    if row.len() != t.columns.len() {
        return Err(format!("{} values for {} columns", row.len(), t.columns.len()));
    }
    for (v, c) in row.iter().zip(&t.columns) {
        let fits = match (c.ty, v) {
            (_, Value::Null) => true,
            (ColumnType::Integer, Value::Number(n)) => n.is_i64(),
            (ColumnType::Text, Value::String(_)) => true,
            _ => false,
        };
        if !fits {
            return Err(format!("column {} holds a value of the wrong type", c.name));
        }
    }
    Ok(row)
}

fn sample(samples: &mut Samples, t: &TableFile, row: &[Value]) {
    for (v, c) in row.iter().zip(&t.columns) {
        if let Value::String(s) = v
            && s.starts_with("enc1:")
        {
            samples.encrypted.entry((t.name.clone(), c.name.clone())).or_insert_with(|| s.clone());
        }
    }
    if t.name == "cases" && samples.mobile.is_none() {
        let col = |name: &str| t.columns.iter().position(|c| c.name == name).and_then(|i| row[i].as_str());
        if let (Some(m), Some(idx)) = (col("victim_mobile"), col("victim_mobile_idx"))
            && m.starts_with("enc1:")
        {
            samples.mobile = Some((m.to_owned(), idx.to_owned()));
        }
    }
}

/// Checks that the keys in use read this backup's encrypted values (and make the same mobile
/// index), so a restore with the wrong key file is refused before anything is written.
fn check_keys(samples: &Samples, keys: Option<&Keyring>) -> anyhow::Result<()> {
    if samples.encrypted.is_empty() {
        return Ok(());
    }
    let Some(keys) = keys else {
        bail!(
            "this backup holds encrypted values and no key file was found; restoring needs the key file \
             (or SAHAYAK_KEYS) of the installation the backup was taken from; nothing was restored"
        );
    };
    for ((table, column), value) in &samples.encrypted {
        if keys.decrypt(column, value).is_err() {
            bail!(
                "the keys in use cannot decrypt {table}.{column} in this backup; use the key file (or SAHAYAK_KEYS) \
                 of the installation the backup was taken from; nothing was restored"
            );
        }
    }
    if let Some((mobile, index)) = &samples.mobile {
        let clear = keys.decrypt("victim_mobile", mobile).unwrap_or_default();
        if keys.index(&clear) != *index {
            bail!(
                "the keys in use decrypt this backup but their index key differs from the original installation's \
                 (search by mobile number would fail); use the original key file; nothing was restored"
            );
        }
    }
    Ok(())
}

/// Re-hashes every evidence file the backup holds.
async fn check_evidence(dir: &Path, manifest: &Manifest) -> anyhow::Result<()> {
    if !manifest.evidence.included {
        return Ok(());
    }
    for f in &manifest.evidence.files {
        let rel = evidence_file(&f.sha256);
        match hash_file(&dir.join(&rel)).await {
            Ok((sha, size)) if sha == f.sha256 && size == f.size => {}
            Ok(_) => return Err(damaged(format_args!("{rel} does not match its SHA-256 or size"))),
            Err(e) => return Err(damaged(format_args!("{rel} cannot be read ({e})"))),
        }
    }
    Ok(())
}

/// The backup's columns of a table must be the target's (same names and types, any order).
async fn same_columns(tx: &mut RestoreTx, file: &TableFile, version: i64) -> anyhow::Result<()> {
    let sorted = |cols: &[Column]| {
        let mut v: Vec<(String, ColumnType)> = cols.iter().map(|c| (c.name.clone(), c.ty)).collect();
        v.sort_by(|a, b| a.0.cmp(&b.0));
        v
    };
    if sorted(&tx.columns(&file.name).await?) != sorted(&file.columns) {
        bail!(
            "table {} in the backup does not have the columns this database has at schema version {version}; \
             nothing was restored",
            file.name
        );
    }
    Ok(())
}

/// Reads a table file again (hashing it again: it must not have changed since the check) and
/// inserts its rows.
async fn load_table(tx: &mut RestoreTx, dir: &Path, t: &TableFile) -> anyhow::Result<u64> {
    let file = std::fs::File::open(dir.join(&t.file))?;
    let mut reader = std::io::BufReader::new(file);
    let mut hasher = Sha256::new();
    let mut line = Vec::new();
    let mut batch = Vec::with_capacity(BATCH);
    let mut rows = 0;
    loop {
        line.clear();
        if reader.read_until(b'\n', &mut line)? == 0 {
            break;
        }
        hasher.update(&line);
        batch.push(parse_row(t, &line).map_err(|e| damaged(format_args!("{} row {}: {e}", t.file, rows + 1)))?);
        rows += 1;
        if batch.len() == BATCH {
            tx.insert(&t.name, &t.columns, &batch).await?;
            batch.clear();
        }
    }
    tx.insert(&t.name, &t.columns, &batch).await?;
    if hex::encode(hasher.finalize()) != t.sha256 {
        return Err(damaged(format_args!("{} changed while it was being restored", t.file)));
    }
    Ok(rows)
}

async fn restore_evidence(
    dir: &Path,
    manifest: &Manifest,
    blobs: &dyn BlobStore,
    spool_dir: &Path,
) -> anyhow::Result<EvidenceOutcome> {
    let files = &manifest.evidence.files;
    if !manifest.evidence.included {
        let mut missing = Vec::new();
        for f in files {
            let key = Sha256Hex::from_str(&f.sha256).map_err(|_| damaged("a bad evidence hash"))?;
            if !blobs.exists(&key).await.with_context(|| format!("cannot reach {}", blobs.describe()))? {
                missing.push(f.sha256.clone());
            }
        }
        return Ok(EvidenceOutcome::Checked { present: files.len() - missing.len(), missing });
    }
    tokio::fs::create_dir_all(spool_dir).await?;
    let (mut copied, mut already_present) = (0, 0);
    for f in files {
        let key = Sha256Hex::from_str(&f.sha256).map_err(|_| damaged("a bad evidence hash"))?;
        if blobs.exists(&key).await.with_context(|| format!("cannot reach {}", blobs.describe()))? {
            already_present += 1;
            continue;
        }
        let spool = spool_dir.join(format!("restore-{}-{}", std::process::id(), f.sha256));
        let mut source = tokio::fs::File::open(dir.join(evidence_file(&f.sha256))).await?;
        let (sha, size) = copy_hashing(&mut source, &spool).await?;
        if sha != f.sha256 || size != f.size {
            let _ = tokio::fs::remove_file(&spool).await;
            bail!("evidence file {} changed while it was being restored", f.sha256);
        }
        let stored = blobs.put(&key, &spool).await;
        // The store may have moved the spool file into place; if not, it is ours to delete.
        let _ = tokio::fs::remove_file(&spool).await;
        stored.with_context(|| format!("cannot store evidence file {} in {}", f.sha256, blobs.describe()))?;
        copied += 1;
    }
    Ok(EvidenceOutcome::Restored { copied, already_present })
}
