//! `sahayak backup` and `sahayak restore`.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Args;

use crate::backup::{BackupOptions, EvidenceOutcome, RestoreOptions};
use crate::config::Config;
use crate::evidence::Vault;
use crate::store::Store;
use crate::store::crypto::Keyring;

#[derive(Args)]
pub struct BackupArgs {
    /// The directory to create for the backup; it must not exist yet.
    #[arg(long)]
    pub out: PathBuf,
    /// Copy the evidence files into the backup too (each is re-hashed as it is copied). Without
    /// this, the backup lists them (hash and size) so the evidence storage can be checked and
    /// backed up separately.
    #[arg(long)]
    pub with_evidence: bool,
}

#[derive(Args)]
pub struct RestoreArgs {
    /// A backup directory made by `sahayak backup`.
    #[arg(long)]
    pub from: PathBuf,
    /// Restore even though the target database already holds data: everything in it is DELETED
    /// and replaced by the backup (in one transaction). Without this, only an empty database is
    /// restored into.
    #[arg(long)]
    pub force: bool,
}

pub async fn run_backup(config: &Config, args: BackupArgs) -> anyhow::Result<ExitCode> {
    let url = config.database_url.expose();
    if let Some(path) = sqlite_path(url)
        && !path.exists()
    {
        anyhow::bail!("there is no database at {}", path.display());
    }
    let store = Store::connect(url)
        .await
        .map_err(|e| anyhow::anyhow!("cannot open the database {}: {e}", config.database_url))?;
    let vault = Vault::open(config);
    let options = BackupOptions { out: args.out, with_evidence: args.with_evidence };
    let manifest = crate::backup::backup(&store, vault.blobs(), &options, &|m| eprintln!("{m}")).await;
    store.close().await;
    let manifest = manifest?;
    let rows: u64 = manifest.tables.iter().map(|t| t.rows).sum();
    println!("Backup written to {}.", options.out.display());
    println!(
        "  {} rows in {} tables, schema version {}, from {}.",
        rows,
        manifest.tables.len(),
        manifest.schema_version,
        manifest.backend
    );
    let bytes: u64 = manifest.evidence.files.iter().map(|f| f.size).sum();
    if manifest.evidence.included {
        println!(
            "  {} evidence file(s), {} MB, copied and verified.",
            manifest.evidence.files.len(),
            bytes / 1_000_000
        );
    } else {
        println!(
            "  {} evidence file(s), {} MB, listed but not copied (back up the evidence storage separately, \
             or use --with-evidence).",
            manifest.evidence.files.len(),
            bytes / 1_000_000
        );
    }
    println!(
        "  Audit chain head: {}:{} (keep it apart from the backup).",
        manifest.audit_head.id, manifest.audit_head.hash
    );
    println!(
        "  Sensitive fields are in the backup encrypted. Keep the key file ({}) safe and apart from the backup: \
         restoring needs it.",
        config.key_file.display()
    );
    Ok(ExitCode::SUCCESS)
}

pub async fn run_restore(config: &Config, args: RestoreArgs) -> anyhow::Result<ExitCode> {
    if config.database_url.expose().starts_with("sqlite:") {
        std::fs::create_dir_all(&config.data_dir)?;
    }
    let store = Store::connect(config.database_url.expose())
        .await
        .map_err(|e| anyhow::anyhow!("cannot open the database {}: {e}", config.database_url))?;
    let keys = existing_keys(config)?;
    let vault = Vault::open(config);
    let options = RestoreOptions { from: args.from, force: args.force };
    let report = crate::backup::restore(&store, keys.as_ref(), vault.blobs(), vault.spool_dir(), &options, &|m| {
        eprintln!("{m}")
    })
    .await;
    store.close().await;
    let report = report?;
    if keys.is_none() {
        // The backup held nothing encrypted; new data needs a key file like any first start.
        super::privacy::load_keys(config)?;
    }
    let m = &report.manifest;
    println!(
        "Restored the backup of {} ({}, schema version {}): {} rows, {} case(s) indexed for search.",
        m.created_at, m.backend, m.schema_version, report.rows, report.indexed
    );
    if report.later_migrations > 0 {
        println!("  Applied {} newer migration(s) after loading.", report.later_migrations);
    }
    println!("  Everyone must sign in again (sessions are not part of a backup).");
    match &report.evidence {
        EvidenceOutcome::Restored { copied, already_present } => {
            println!("  Evidence: {copied} file(s) restored and verified, {already_present} already in storage.")
        }
        EvidenceOutcome::Checked { present, missing } if missing.is_empty() => {
            println!("  Evidence: all {present} file(s) the database refers to are in storage.")
        }
        EvidenceOutcome::Checked { present, missing } => {
            println!(
                "  Evidence: {} file(s) the database refers to are NOT in storage ({present} are); \
                 copy them from your evidence backup, then run `sahayak evidence verify`:",
                missing.len()
            );
            for sha in missing.iter().take(20) {
                println!("    {sha}");
            }
        }
    }
    if report.audit_problems.is_empty() {
        println!(
            "  The audit log is intact: {} entries, ending at the head recorded in the backup.",
            report.audit_checked
        );
    } else {
        for p in &report.audit_problems {
            println!("  BROKEN: {p}");
        }
        println!("  The audit log is NOT intact: {} problem(s).", report.audit_problems.len());
    }
    println!("  Encrypted fields are read with the key file {}.", config.key_file.display());
    Ok(if report.complete() { ExitCode::SUCCESS } else { ExitCode::FAILURE })
}

/// The keys from `SAHAYAK_KEYS` or the key file, without creating a key file: a fresh key could
/// never decrypt the backup.
fn existing_keys(config: &Config) -> anyhow::Result<Option<Keyring>> {
    match std::env::var("SAHAYAK_KEYS") {
        Ok(json) if !json.trim().is_empty() => Ok(Some(Keyring::from_json(&json)?)),
        _ if config.key_file.exists() => Ok(Some(Keyring::load_or_create(&config.key_file)?)),
        _ => Ok(None),
    }
}

/// The file of a `sqlite:` URL (none for in-memory databases).
fn sqlite_path(url: &str) -> Option<PathBuf> {
    let rest = url.strip_prefix("sqlite://").or_else(|| url.strip_prefix("sqlite:"))?;
    let path = rest.split('?').next().unwrap_or_default();
    (!path.is_empty() && !path.contains(":memory:")).then(|| Path::new(path).to_owned())
}
