//! `sahayak backup`: one consistent snapshot of every table, written to a temporary directory
//! that is renamed into place only when complete.

use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::str::FromStr;

use anyhow::{Context, bail};
use futures_util::TryStreamExt;
use sahayak_domain::evidence::Sha256Hex;

use super::files::{HashingWriter, Partial, copy_hashing, sync_dir};
use super::{
    AuditHead, ENCRYPTION_NOTE, EvidenceFile, EvidenceManifest, FORMAT, FORMAT_VERSION, MANIFEST, Manifest, TableFile,
    evidence_file, table_file,
};
use crate::evidence::storage::BlobStore;
use crate::store::backup::{Snapshot, TABLES};
use crate::store::{Backend, Store, known_versions};

pub struct BackupOptions {
    /// The backup directory to create; it must not exist yet.
    pub out: PathBuf,
    /// Copy the evidence files too.
    pub with_evidence: bool,
}

/// Makes a backup at `options.out` and returns its manifest. On any failure nothing is left
/// at `out` (and the temporary directory beside it is removed).
pub async fn backup(
    store: &Store,
    blobs: &dyn BlobStore,
    options: &BackupOptions,
    progress: &(dyn Fn(&str) + Sync),
) -> anyhow::Result<Manifest> {
    let out = &options.out;
    if out.exists() {
        bail!(
            "{} already exists; give a new directory for the backup (old backups are never overwritten)",
            out.display()
        );
    }
    let name = out.file_name().with_context(|| format!("{} is not a usable directory name", out.display()))?;
    let parent = match out.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_owned(),
        _ => PathBuf::from("."),
    };
    if !parent.is_dir() {
        bail!("the directory {} does not exist; create it first", parent.display());
    }
    // Beside the destination, so the final rename stays on one filesystem.
    let partial_path = parent.join(format!(".{}.partial-{}", name.to_string_lossy(), std::process::id()));
    let partial =
        Partial::create(partial_path.clone()).with_context(|| format!("cannot create {}", partial_path.display()))?;

    let mut snapshot = store.snapshot().await?;
    // The snapshot is taken by its first read, just after this instant.
    let taken = store.now();
    let result = dump(&mut snapshot, partial.path(), taken, progress).await;
    snapshot.finish().await?;
    let (mut manifest, live_blobs) = result?;

    if options.with_evidence {
        progress(&format!("Copying {} evidence file(s)...", live_blobs.len()));
    }
    manifest.evidence = evidence(blobs, &live_blobs, options.with_evidence, partial.path()).await?;

    let manifest_path = partial.path().join(MANIFEST);
    let text = serde_json::to_vec_pretty(&manifest)?;
    write_durably(&manifest_path, &text).with_context(|| format!("cannot write {}", manifest_path.display()))?;
    sync_dir(partial.path())?;
    std::fs::rename(partial.path(), out).with_context(|| format!("cannot move the backup to {}", out.display()))?;
    partial.keep();
    sync_dir(&parent)?;
    Ok(manifest)
}

/// Writes every table of the snapshot; returns the manifest (evidence still to fill in) and the
/// evidence files the database expects.
async fn dump(
    snapshot: &mut Snapshot,
    dir: &Path,
    taken: chrono::DateTime<chrono::Utc>,
    progress: &(dyn Fn(&str) + Sync),
) -> anyhow::Result<(Manifest, Vec<(String, i64)>)> {
    let migrations = snapshot.applied_migrations().await?;
    let created_at = taken.to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
    let known = known_versions();
    if migrations != known {
        bail!(
            "the database's schema (migrations {migrations:?}) is not the one this sahayak knows ({known:?}); \
             run the backup with the same version of Sahayak as the server, after `sahayak migrate`"
        );
    }
    snapshot.check_tables_covered().await?;
    let head = snapshot.audit_head().await?;
    std::fs::create_dir(dir.join("tables"))?;
    let mut tables = Vec::with_capacity(TABLES.len());
    for spec in TABLES {
        progress(&format!("Copying {}...", spec.name));
        let columns = snapshot.columns(spec.name).await?;
        let file = table_file(spec.name);
        let path = dir.join(&file);
        let mut writer = HashingWriter::new(BufWriter::new(
            std::fs::File::create(&path).with_context(|| format!("cannot create {}", path.display()))?,
        ));
        let mut rows = 0u64;
        {
            let mut stream = std::pin::pin!(snapshot.rows(spec, &columns));
            while let Some(row) = stream.try_next().await? {
                serde_json::to_writer(&mut writer, &row)?;
                writer.write_all(b"\n")?;
                rows += 1;
            }
        }
        writer.flush()?;
        let (sha256, buffered) = writer.finish();
        buffered.into_inner().map_err(|e| e.into_error())?.sync_all()?;
        tables.push(TableFile { name: spec.name.to_owned(), file, columns, rows, sha256 });
    }
    sync_dir(&dir.join("tables"))?;
    let live_blobs = snapshot.live_blobs().await?;
    let manifest = Manifest {
        format: FORMAT.to_owned(),
        format_version: FORMAT_VERSION,
        sahayak_version: env!("CARGO_PKG_VERSION").to_owned(),
        created_at,
        backend: match snapshot.backend() {
            Backend::Sqlite => "sqlite",
            Backend::Postgres => "postgres",
        }
        .to_owned(),
        schema_version: migrations.last().copied().unwrap_or(0),
        migrations,
        encryption: ENCRYPTION_NOTE.to_owned(),
        audit_head: AuditHead { id: head.id, hash: head.hash },
        tables,
        evidence: EvidenceManifest { included: false, files: Vec::new() },
    };
    Ok((manifest, live_blobs))
}

/// The evidence part of the manifest; with `copy`, each file is copied into the backup and its
/// hash and size checked as it is read.
async fn evidence(
    blobs: &dyn BlobStore,
    live: &[(String, i64)],
    copy: bool,
    dir: &Path,
) -> anyhow::Result<EvidenceManifest> {
    let mut files = Vec::with_capacity(live.len());
    let mut problems = Vec::new();
    for (sha, size) in live {
        let size = u64::try_from(*size).unwrap_or(0);
        let mut entry = EvidenceFile { sha256: sha.clone(), size, path: None };
        if copy {
            let key = Sha256Hex::from_str(sha).map_err(|_| anyhow::anyhow!("evidence_blobs holds a bad hash"))?;
            let rel = evidence_file(sha);
            match blobs.get(&key).await {
                Ok(mut reader) => {
                    let (got, got_size) = copy_hashing(&mut reader, &dir.join(&rel))
                        .await
                        .with_context(|| format!("cannot copy evidence file {sha}"))?;
                    if got != *sha || got_size != size {
                        problems.push(format!("evidence file {sha} does not match its recorded hash or size"));
                    }
                }
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                    problems.push(format!("evidence file {sha} is missing from {}", blobs.describe()));
                }
                Err(e) => return Err(e).with_context(|| format!("cannot read evidence from {}", blobs.describe())),
            }
            entry.path = Some(rel);
        }
        files.push(entry);
    }
    if !problems.is_empty() {
        let shown: Vec<&str> = problems.iter().take(10).map(String::as_str).collect();
        bail!(
            "{} evidence file(s) could not be backed up:\n  {}\nRun `sahayak evidence verify` to see which cases they belong to.",
            problems.len(),
            shown.join("\n  ")
        );
    }
    Ok(EvidenceManifest { included: copy, files })
}

fn write_durably(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let mut f = std::fs::File::create(path)?;
    f.write_all(bytes)?;
    f.sync_all()
}
