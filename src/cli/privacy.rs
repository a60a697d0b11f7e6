//! `sahayak audit ...` and `sahayak keys ...`.

use std::process::ExitCode;

use clap::Subcommand;

use crate::config::Config;
use crate::store::Store;
use crate::store::crypto::Keyring;

#[derive(Subcommand)]
pub enum AuditCommand {
    /// Check the whole audit chain; exit status 1 and the broken entries when it is not intact.
    Verify {
        /// An anchor printed earlier (`ID:HASH`): also check that the log still holds it.
        #[arg(long)]
        anchor: Option<String>,
    },
    /// Print the chain's current end (`ID:HASH`) to keep somewhere else.
    Anchor,
}

#[derive(Subcommand)]
pub enum RetentionCommand {
    /// Erase the personal data of closed cases whose retention period has ended (not those on
    /// legal hold), then delete evidence files no live case uses. The server also runs this daily.
    Run {
        /// Only count what would be erased.
        #[arg(long)]
        dry_run: bool,
    },
}

#[derive(Subcommand)]
pub enum KeysCommand {
    /// Add a new key, make it the active one, and re-encrypt every encrypted field with it.
    Rotate,
}

/// The keys of the encrypted fields: `SAHAYAK_KEYS` (the key file's JSON) if set, else the
/// key file, created on first use.
pub fn load_keys(config: &Config) -> anyhow::Result<Keyring> {
    match std::env::var("SAHAYAK_KEYS") {
        Ok(json) if !json.trim().is_empty() => Ok(Keyring::from_json(&json)?),
        _ => Ok(Keyring::load_or_create(&config.key_file)?),
    }
}

/// The keys for `store`: `SAHAYAK_KEYS`, else the key file. A missing key file is created only
/// for a database that holds nothing encrypted: keys made for a database that has data would
/// open none of it (a second server given its own data directory did exactly that).
pub async fn load_keys_for(config: &Config, store: &Store) -> anyhow::Result<Keyring> {
    if let Ok(json) = std::env::var("SAHAYAK_KEYS")
        && !json.trim().is_empty()
    {
        return Ok(Keyring::from_json(&json)?);
    }
    if let Some(keys) = Keyring::load(&config.key_file)? {
        return Ok(keys);
    }
    if store.holds_encrypted_data().await? {
        // A server started beside this one on the same data directory may have made the key
        // file (atomically) and used it between our first look and the database's answer.
        if let Some(keys) = Keyring::load(&config.key_file)? {
            return Ok(keys);
        }
        anyhow::bail!(
            "there is no key file at {}, but the database holds encrypted data: copy the key file of the server \
             that wrote it there (or set SAHAYAK_KEYS). No new keys were made.",
            config.key_file.display()
        );
    }
    load_keys(config)
}

pub async fn run_audit(store: &Store, command: AuditCommand) -> anyhow::Result<ExitCode> {
    match command {
        AuditCommand::Anchor => {
            let a = store.audit_anchor().await?;
            println!("{}:{}", a.id, a.hash);
            Ok(ExitCode::SUCCESS)
        }
        AuditCommand::Verify { anchor } => {
            let bar = indicatif::ProgressBar::new_spinner();
            let (checked, mut breaks) = store.audit_verify(&|n| bar.set_message(format!("{n} entries"))).await?;
            bar.finish_and_clear();
            if let Some(anchor) = anchor {
                let (id, hash) = anchor.split_once(':').ok_or_else(|| anyhow::anyhow!("an anchor is ID:HASH"))?;
                let id: i64 = id.parse()?;
                match store.audit_entry_hash(id).await? {
                    Some(h) if h == hash => {}
                    Some(_) => breaks.push(crate::store::audit::Break::Edited { id }),
                    None => breaks.push(crate::store::audit::Break::Truncated { last: checked, head: id }),
                }
            }
            if breaks.is_empty() {
                println!("The audit log is intact: {checked} entries.");
                Ok(ExitCode::SUCCESS)
            } else {
                for b in &breaks {
                    println!("BROKEN: {b}");
                }
                println!("The audit log is NOT intact: {} problem(s) in {checked} entries.", breaks.len());
                Ok(ExitCode::FAILURE)
            }
        }
    }
}

pub async fn run_keys(config: &Config, store: &Store, command: KeysCommand) -> anyhow::Result<ExitCode> {
    let KeysCommand::Rotate = command;
    if std::env::var("SAHAYAK_KEYS").is_ok_and(|v| !v.trim().is_empty()) {
        anyhow::bail!("the keys come from SAHAYAK_KEYS; rotate them where that value is kept, not here");
    }
    let mut keys = load_keys(config)?;
    let id = keys.rotate();
    // The file first, holding old and new keys: values stay readable whatever happens next.
    keys.save(&config.key_file)?;
    let store = store.clone().with_keys(keys);
    let changed = store.reencrypt_all().await?;
    println!("Key {id} is now active; {changed} value(s) re-encrypted with it.");
    Ok(ExitCode::SUCCESS)
}

pub async fn run_retention(state: &crate::web::AppState, command: RetentionCommand) -> anyhow::Result<ExitCode> {
    let RetentionCommand::Run { dry_run } = command;
    let r = crate::privacy::retention::run(state, state.now_millis(), dry_run).await?;
    if dry_run {
        println!("{} closed case(s) checked; {} would be erased.", r.checked, r.erased);
    } else {
        println!(
            "{} closed case(s) checked; {} erased; {} evidence file(s) deleted.",
            r.checked, r.erased, r.files_deleted
        );
    }
    if r.files_failed > 0 {
        println!("{} evidence file(s) could not be deleted; run again later.", r.files_failed);
        return Ok(ExitCode::FAILURE);
    }
    Ok(ExitCode::SUCCESS)
}
