//! `sahayak user ...` and `sahayak district ...`.

use std::io::Read;
use std::process::ExitCode;

use clap::Subcommand;
use sahayak_domain::access::Role;
use sahayak_domain::case::{Lang, is_prefix};

use crate::store::{NewDistrict, NewUser, StoreError};
use crate::web::AppState;

#[derive(Subcommand)]
pub enum UserCommand {
    /// Add a staff account; the password is read from standard input.
    Add {
        /// Sign-in name.
        name: String,
        /// counsellor, police_liaison, legal_advisor, supervisor, admin, state_admin or auditor.
        #[arg(long)]
        role: String,
        /// District code (repeat for several). Not needed for state_admin.
        #[arg(long = "district")]
        districts: Vec<String>,
        /// Name shown to colleagues (default: the sign-in name).
        #[arg(long)]
        display_name: Option<String>,
        /// Interface language: hi or en.
        #[arg(long, default_value = "hi")]
        lang: String,
    },
    /// End every session of a user (browsers and API tokens), e.g. after a lost phone.
    SignOut { name: String },
    /// Turn off a user's two-step sign-in (they lost the phone with the authenticator app).
    ResetTwoStep { name: String },
}

#[derive(Subcommand)]
pub enum DistrictCommand {
    /// Add a district (a tenant of this deployment).
    Add {
        /// Code used in URLs and commands, e.g. `jaipur`.
        code: String,
        /// Two to four capital letters that start its case references, e.g. `JPR`.
        #[arg(long)]
        prefix: String,
        #[arg(long)]
        name_en: String,
        #[arg(long)]
        name_hi: String,
    },
    /// List districts.
    List,
}

pub async fn run_user(state: &AppState, command: UserCommand) -> anyhow::Result<ExitCode> {
    let (name, role, districts, display_name, lang) = match command {
        UserCommand::Add { name, role, districts, display_name, lang } => (name, role, districts, display_name, lang),
        UserCommand::SignOut { name } => {
            let id = user_id(state, &name).await?;
            let audited = state.store.audited(None, "logout.everywhere", &format!("user:{name}"), "cli");
            let ended = audited.delete_sessions_of(id).await?;
            println!("Ended {ended} session(s) of {name}.");
            return Ok(ExitCode::SUCCESS);
        }
        UserCommand::ResetTwoStep { name } => {
            let id = user_id(state, &name).await?;
            state.store.audited(None, "totp.off", &format!("user:{name}"), "cli").set_totp_secret(id, None).await?;
            println!("Two-step sign-in is off for {name}; they can turn it on again from their account page.");
            return Ok(ExitCode::SUCCESS);
        }
    };
    let role: Role = role.parse().map_err(|_| {
        let all: Vec<&str> = Role::ALL.iter().map(|r| r.code()).collect();
        anyhow::anyhow!("unknown role {role:?}; use one of: {}", all.join(", "))
    })?;
    let lang: Lang = lang.parse().map_err(|_| anyhow::anyhow!("--lang must be hi or en"))?;
    let name = name.trim();
    if name.is_empty() || name.len() > 64 || name.chars().any(|c| c.is_whitespace() || c.is_control()) {
        anyhow::bail!("the sign-in name must be 1–64 characters without spaces");
    }
    if districts.is_empty() && role != Role::StateAdmin {
        anyhow::bail!("give the user's district with --district CODE (see `sahayak district list`)");
    }
    let mut ids = Vec::new();
    for code in &districts {
        match state.store.district_by_code(code).await? {
            Some(d) => ids.push(d.id),
            None => anyhow::bail!("no district {code:?}; add it with `sahayak district add`"),
        }
    }
    let mut password = String::new();
    std::io::stdin().read_to_string(&mut password)?;
    let password = password.trim_end_matches(['\n', '\r']);
    match crate::auth::password::check_new(password, name) {
        Ok(()) => {}
        Err("error-password-short") => anyhow::bail!(
            "the password (read from standard input) must have at least {} characters",
            crate::auth::password::MIN_CHARS
        ),
        Err("error-password-common") => anyhow::bail!("that password is too common; choose a less obvious one"),
        Err("error-password-username") => anyhow::bail!("the password must not contain the sign-in name"),
        Err(_) => anyhow::bail!("the password is too long (200 characters at most)"),
    }
    let hash = state.passwords.hash(password.to_owned()).await?;
    let display = display_name.as_deref().unwrap_or(name);
    let new = NewUser { username: name, display_name: display, password_hash: &hash, role, lang, districts: &ids };
    match state.store.create_user(&new).await {
        Ok(id) => {
            println!("Added user {name} (id {id}, {}).", role.code());
            Ok(ExitCode::SUCCESS)
        }
        Err(StoreError::Duplicate(_)) => anyhow::bail!("a user named {name:?} already exists"),
        Err(e) => Err(e.into()),
    }
}

async fn user_id(state: &AppState, name: &str) -> anyhow::Result<i64> {
    match state.store.user_for_login(name.trim()).await? {
        Some((user, _)) => Ok(user.id),
        None => anyhow::bail!("no active user named {name:?}"),
    }
}

pub async fn run_district(state: &AppState, command: DistrictCommand) -> anyhow::Result<ExitCode> {
    match command {
        DistrictCommand::Add { code, prefix, name_en, name_hi } => {
            let code = code.trim().to_ascii_lowercase();
            if code.is_empty() || !code.bytes().all(|b| b.is_ascii_lowercase() || b == b'-') {
                anyhow::bail!("the district code must be lower-case letters, e.g. jaipur");
            }
            if !is_prefix(&prefix) {
                anyhow::bail!("the prefix must be 2–4 capital letters, e.g. JPR");
            }
            let d = state
                .store
                .ensure_district(&NewDistrict { code: &code, prefix: &prefix, name_en: &name_en, name_hi: &name_hi })
                .await
                .map_err(|e| match e {
                    StoreError::Duplicate(_) => anyhow::anyhow!("another district already uses the prefix {prefix}"),
                    e => e.into(),
                })?;
            println!("District {} ({}) has id {}.", d.code, d.prefix, d.id);
        }
        DistrictCommand::List => {
            for d in state.store.districts().await? {
                println!("{}\t{}\t{}\t{}", d.code, d.prefix, d.name_en, d.name_hi);
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}
