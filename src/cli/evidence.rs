//! `sahayak evidence verify`: re-hashes every stored evidence file and checks every custody
//! chain; exits non-zero when anything does not match.

use std::collections::HashMap;
use std::process::ExitCode;
use std::time::Instant;

use clap::Subcommand;
use fluent_bundle::FluentValue;
use indicatif::{ProgressBar, ProgressStyle};
use sahayak_domain::case::Lang;

use crate::evidence::verify::{check_items, describe};
use crate::web::AppState;
use crate::web::i18n::catalogs;

#[derive(Subcommand)]
pub enum EvidenceCommand {
    /// Re-hash every stored file and check every chain of custody (exit status 1 on a mismatch);
    /// then list the stored files that no evidence record refers to (a crash between storing a
    /// file and recording it leaves one).
    Verify {
        /// Delete those files no record refers to (only those stored --older-than-minutes ago
        /// or earlier: a newer one may belong to an upload being recorded right now).
        #[arg(long)]
        remove_orphans: bool,
        #[arg(long, default_value_t = 60)]
        older_than_minutes: i64,
    },
}

/// Items read (and checked) at a time.
const PAGE: i64 = 500;

pub async fn run(state: &AppState, command: EvidenceCommand) -> anyhow::Result<ExitCode> {
    match command {
        EvidenceCommand::Verify { remove_orphans, older_than_minutes } => {
            let code = verify_all(state).await?;
            orphans(state, remove_orphans, older_than_minutes).await?;
            Ok(code)
        }
    }
}

async fn verify_all(state: &AppState) -> anyhow::Result<ExitCode> {
    let started = Instant::now();
    let count = state.store.evidence_item_count().await?;
    let bytes = state.store.evidence_blob_bytes().await?;
    eprintln!("Verifying {count} evidence item(s) stored in {}.", state.evidence.blobs().describe());
    let bar = ProgressBar::new(u64::try_from(bytes).unwrap_or(0));
    bar.set_style(
        ProgressStyle::with_template("{bar:30} {bytes}/{total_bytes} {bytes_per_sec} {msg}").expect("valid template"),
    );
    let mut after = 0;
    let (mut checked, mut bad) = (0usize, 0usize);
    let mut references: HashMap<i64, String> = HashMap::new();
    loop {
        let items = state.store.evidence_items_after(after, PAGE).await?;
        let Some(last) = items.last() else { break };
        after = last.id;
        let reports = check_items(&state.store, state.evidence.blobs(), &items, &|n| bar.inc(n)).await?;
        checked += reports.len();
        bar.set_message(format!("{checked}/{count} items"));
        for r in reports.iter().filter(|r| !r.findings.is_empty()) {
            bad += 1;
            if let std::collections::hash_map::Entry::Vacant(slot) = references.entry(r.case_id) {
                slot.insert(state.store.case(r.case_id).await.map(|c| c.reference).unwrap_or_default());
            }
            for f in &r.findings {
                let (key, args) = describe(f);
                let args: Vec<(&str, FluentValue<'_>)> = args.iter().map(|(k, v)| (*k, v.as_str().into())).collect();
                let line = format!(
                    "MISMATCH case {} item #{} ({}, sha256 {}): {}",
                    references[&r.case_id],
                    r.item_id,
                    r.original_name,
                    r.sha256,
                    catalogs().get_with(Lang::En, key, &args)
                );
                // Printed above the progress bar, to standard output even when it is not a terminal.
                bar.suspend(|| println!("{line}"));
            }
        }
    }
    bar.finish_and_clear();
    let secs = started.elapsed().as_secs_f64();
    if bad == 0 {
        println!(
            "OK: {checked} item(s) checked, {} MB re-hashed in {secs:.1} s; every file and chain matches.",
            bytes / 1_000_000
        );
        Ok(ExitCode::SUCCESS)
    } else {
        println!("FAILED: {bad} of {checked} item(s) do not match (see above).");
        Ok(ExitCode::FAILURE)
    }
}

/// Lists (and with `remove` deletes) stored files that no evidence record refers to. They are
/// not evidence of anything, so they do not change the exit status.
async fn orphans(state: &AppState, remove: bool, older_than_minutes: i64) -> anyhow::Result<()> {
    let found = crate::evidence::orphans::find(state).await?;
    let removed =
        if remove { crate::evidence::orphans::remove(state, &found, older_than_minutes).await? } else { Vec::new() };
    for blob in &found {
        let when = crate::api::rfc3339(blob.stored_at);
        let done = match (remove, removed.contains(&blob.sha256)) {
            (false, _) => "",
            (true, false) => " (kept: stored too recently, or recorded meanwhile)",
            (true, true) => " (removed)",
        };
        println!(
            "ORPHAN sha256 {} ({} bytes, stored {when}): no evidence record refers to it{done}",
            blob.sha256, blob.size
        );
    }
    match (found.len(), remove) {
        (0, _) => println!("No stored file without a record."),
        (n, false) => println!("{n} stored file(s) without a record; `--remove-orphans` deletes them."),
        (n, true) => println!("{n} stored file(s) without a record; {} removed.", removed.len()),
    }
    Ok(())
}
