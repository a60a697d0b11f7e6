//! The `sahayak` command line.

mod backup;
mod evidence;
mod extract;
mod privacy;
mod users;

use std::process::ExitCode;

use clap::{Parser, Subcommand};
use indicatif::{ProgressBar, ProgressStyle};

use crate::config::{Config, ConfigArgs, ServeArgs};
use crate::store::Store;
use crate::web::AppState;

#[derive(Parser)]
#[command(name = "sahayak", version, about = "Case management for district Cyber Support Centres")]
struct Cli {
    #[command(flatten)]
    config: ConfigArgs,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Start the web server (applies migrations first).
    Serve {
        #[command(flatten)]
        serve: ServeArgs,
        /// Load demo districts, staff and cases (fictional) if the database has none.
        #[arg(long)]
        demo: bool,
    },
    /// Apply database migrations and exit.
    Migrate,
    /// Manage staff accounts.
    User {
        #[command(subcommand)]
        command: users::UserCommand,
    },
    /// Print the suspect identifiers in standard input (UTF-8 text) as a JSON array of
    /// {"kind", "value", "raw", "start", "end"} (byte offsets of `raw`).
    Extract {
        /// One JSON object a line instead, printed as the input is read in blocks cut at
        /// blank lines (for large inputs: memory stays bounded when blank lines come).
        #[arg(long)]
        jsonl: bool,
    },
    /// The tamper-evident audit log.
    Audit {
        #[command(subcommand)]
        command: privacy::AuditCommand,
    },
    /// Retention of personal data.
    Retention {
        #[command(subcommand)]
        command: privacy::RetentionCommand,
    },
    /// The keys of the encrypted fields.
    Keys {
        #[command(subcommand)]
        command: privacy::KeysCommand,
    },
    /// Manage districts.
    District {
        #[command(subcommand)]
        command: users::DistrictCommand,
    },
    /// The evidence vault.
    Evidence {
        #[command(subcommand)]
        command: evidence::EvidenceCommand,
    },
    /// Back up the database while the server runs: one consistent snapshot of every table, with
    /// a manifest of hashes (and the evidence files with --with-evidence).
    Backup(backup::BackupArgs),
    /// Restore a backup into an empty database (checks every hash first, loads in one
    /// transaction, then verifies the audit chain). Needs the original key file.
    Restore(backup::RestoreArgs),
}

pub fn main() -> ExitCode {
    crate::telemetry::init();
    let cli = Cli::parse();
    let runtime = match tokio::runtime::Builder::new_multi_thread().enable_all().build() {
        Ok(r) => r,
        Err(e) => {
            eprintln!("error: cannot start the runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(run(cli)) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::FAILURE
        }
    }
}

async fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    match cli.command {
        Command::Serve { serve, demo } => {
            let config = Config::load(&cli.config, &serve)?;
            let store = open_store(&config).await?;
            let state = AppState::new(store, config.clone());
            let tour = if demo {
                let started = std::time::Instant::now();
                let seeded = crate::demo::load(&state).await?;
                if seeded > 0 {
                    println!("Loaded {seeded} demo cases in {:.1} s.", started.elapsed().as_secs_f64());
                }
                Some(crate::demo::tour(&state).await?)
            } else {
                None
            };
            if config.public_url.is_none() && !demo {
                eprintln!(
                    "warning: public_url is not set (--public-url, SAHAYAK_PUBLIC_URL): links in QR codes and \
                     messages will name http://{}, which only works on this machine",
                    config.addr
                );
            }
            tokio::spawn(crate::privacy::retention::daily(state.clone()));
            tokio::spawn(crate::dashboards::keep_fresh(state.clone()));
            tokio::spawn(crate::triage::facts::keep_ranked(state.clone()));
            tokio::spawn(crate::evidence::orphans::keep_clean(state.clone()));
            let listener = tokio::net::TcpListener::bind(config.addr).await?;
            let addr = listener.local_addr()?;
            for line in tour.map(|t| t.lines(&format!("http://{addr}"))).unwrap_or_default() {
                println!("{line}");
            }
            if let Some(link) = crate::auth::links::first_run_link(&state).await? {
                println!(
                    "Nobody can sign in yet. Open this link to create the first state admin \
                     (it works once, for {} hours):\n  {link}",
                    crate::auth::links::SETUP_HOURS
                );
            }
            // The last line: scripts and tests wait for it (and may stop reading here).
            println!("Sahayak is running at http://{addr}/");
            crate::web::serve(listener, state).await?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Migrate => {
            let config = Config::load(&cli.config, &ServeArgs::default())?;
            let store = open_store(&config).await?;
            store.close().await;
            println!("The database is up to date.");
            Ok(ExitCode::SUCCESS)
        }
        Command::User { command } => {
            let config = Config::load(&cli.config, &ServeArgs::default())?;
            let state = AppState::new(open_store(&config).await?, config);
            users::run_user(&state, command).await
        }
        Command::Extract { jsonl } => {
            extract::run(jsonl)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Audit { command } => {
            let config = Config::load(&cli.config, &ServeArgs::default())?;
            let store = open_store(&config).await?;
            privacy::run_audit(&store, command).await
        }
        Command::Retention { command } => {
            let config = Config::load(&cli.config, &ServeArgs::default())?;
            let state = AppState::new(open_store(&config).await?, config);
            privacy::run_retention(&state, command).await
        }
        Command::Keys { command } => {
            let config = Config::load(&cli.config, &ServeArgs::default())?;
            let store = open_store(&config).await?;
            privacy::run_keys(&config, &store, command).await
        }
        Command::District { command } => {
            let config = Config::load(&cli.config, &ServeArgs::default())?;
            let state = AppState::new(open_store(&config).await?, config);
            users::run_district(&state, command).await
        }
        Command::Evidence { command } => {
            let config = Config::load(&cli.config, &ServeArgs::default())?;
            let state = AppState::new(open_store(&config).await?, config);
            evidence::run(&state, command).await
        }
        Command::Backup(args) => {
            let config = Config::load(&cli.config, &ServeArgs::default())?;
            backup::run_backup(&config, args).await
        }
        Command::Restore(args) => {
            let config = Config::load(&cli.config, &ServeArgs::default())?;
            backup::run_restore(&config, args).await
        }
    }
}

/// Connects to the configured database and brings its schema up to date, with progress.
pub async fn open_store(config: &Config) -> anyhow::Result<Store> {
    if config.database_url.expose().starts_with("sqlite:") {
        std::fs::create_dir_all(&config.data_dir)?;
    }
    let store = Store::connect(config.database_url.expose())
        .await
        .map_err(|e| anyhow::anyhow!("cannot open the database {}: {e}", config.database_url))?;
    let bar = ProgressBar::hidden();
    let report = |done: usize, total: usize, name: &str| {
        if done == 1 {
            bar.set_draw_target(indicatif::ProgressDrawTarget::stderr());
            bar.set_length(total as u64);
            bar.set_style(
                ProgressStyle::with_template("migrating {bar:30} {pos}/{len} {msg}").expect("valid template"),
            );
        }
        bar.set_position(done as u64);
        bar.set_message(name.to_owned());
    };
    let applied = store.migrate(&report).await?;
    bar.finish_and_clear();
    if applied > 0 {
        eprintln!("Applied {applied} migration(s).");
    }
    let keys = privacy::load_keys_for(config, &store).await?;
    let store = store.with_keys(keys);
    store.check_keys().await.map_err(|e| anyhow::anyhow!("{e}"))?;
    Ok(store)
}
