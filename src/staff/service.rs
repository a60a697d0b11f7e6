//! The use-cases of staff administration, shared by the pages and the API: who may see and
//! change whom, adding a person, changing them, one-time sign-in links, two-step resets. Every
//! change is audited.

use sahayak_domain::access::Role;
use sahayak_domain::case::Lang;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::store::{NewUser, StaffChange, StaffMember, StoreError, User};
use crate::web::error::FieldErrors;
use crate::web::form::clean_text;
use crate::web::{AppError, AppState};

/// How long a sign-in link works: the admin hands it over the same day.
pub const LINK_HOURS: i64 = 8;
/// Stored for an account that has never set a password: no password matches it.
const NO_PASSWORD: &str = "!";

/// A person as typed by an admin.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(default)]
pub struct StaffWrite {
    /// The sign-in name: 2 to 64 small letters, digits, `.`, `_` or `-`.
    #[schema(required = true, pattern = "@username")]
    pub username: String,
    /// The name colleagues see.
    #[schema(required = true, pattern = "@text", max_length = 100)]
    pub display_name: String,
    #[schema(required = true, schema_with = role_schema)]
    pub role: String,
    /// District codes (none for a state admin, who works in all).
    #[schema(max_items = 100)]
    pub districts: Vec<String>,
    /// The language of the person's pages (default `hi`).
    #[schema(schema_with = crate::api::schema::lang_in)]
    pub lang: Option<String>,
}

/// What an admin changes about a person; what is left out stays.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(default)]
pub struct StaffPatch {
    #[schema(schema_with = role_schema)]
    pub role: Option<String>,
    #[schema(max_items = 100)]
    pub districts: Option<Vec<String>>,
    /// False to deactivate: their sessions end at once; what they did keeps their name.
    pub active: Option<bool>,
}

fn role_schema() -> utoipa::openapi::schema::Object {
    let codes: Vec<&str> = Role::ALL.iter().map(|r| r.code()).collect();
    crate::api::schema::choice(&codes)
}

/// A one-time link for setting a password, shown once.
#[derive(Debug, Serialize, ToSchema)]
pub struct IssuedLink {
    pub url: String,
    /// RFC 3339 (UTC).
    pub expires_at: String,
    #[serde(skip)]
    pub expires_ms: i64,
}

/// A person the caller may change: it exists only after [`managed`] checked.
pub struct Managed(StaffMember);

impl Managed {
    pub fn get(&self) -> &StaffMember {
        &self.0
    }
}

/// The districts the caller acts in (`None`: all, for the state admin).
fn own_districts(caller: &User) -> Option<&[i64]> {
    if caller.role.sees_all_districts() { None } else { Some(&caller.districts) }
}

/// The people of the caller's districts (everyone, for the state admin). Admins only.
pub async fn list(state: &AppState, caller: &User) -> Result<Vec<StaffMember>, AppError> {
    if !caller.role.manages_users() {
        return Err(AppError::Forbidden);
    }
    Ok(state.store.staff_members(own_districts(caller)).await?)
}

/// A person who works in one of the caller's districts, else "not found" (as if there were
/// nobody); then "forbidden" unless the caller manages staff.
pub async fn visible(state: &AppState, caller: &User, id: i64) -> Result<StaffMember, AppError> {
    let m = state.store.staff_member(id).await?.ok_or(AppError::NotFound)?;
    let shares = match own_districts(caller) {
        None => true,
        Some(mine) => m.user.id == caller.id || m.user.districts.iter().any(|d| mine.contains(d)),
    };
    if !shares {
        return Err(AppError::NotFound);
    }
    if !caller.role.manages_users() {
        return Err(AppError::Forbidden);
    }
    Ok(m)
}

/// A person the caller may change: visible, not above the caller's role, and working only in
/// the caller's districts.
pub async fn managed(state: &AppState, caller: &User, id: i64) -> Result<Managed, AppError> {
    let m = visible(state, caller, id).await?;
    let inside = match own_districts(caller) {
        None => true,
        Some(mine) => m.user.districts.iter().all(|d| mine.contains(d)) && !m.user.role.sees_all_districts(),
    };
    if !inside || !caller.role.may_grant(m.user.role) {
        return Err(AppError::Forbidden);
    }
    Ok(Managed(m))
}

/// The role and districts asked for, checked against what the caller may give.
async fn role_and_districts(
    state: &AppState,
    caller: &User,
    role: &str,
    codes: &[String],
    errors: &mut FieldErrors,
) -> Result<(Option<Role>, Vec<i64>), AppError> {
    let role = match role.parse::<Role>() {
        Ok(r) if caller.role.may_grant(r) => Some(r),
        Ok(_) => {
            errors.add("role", "error-staff-role-above");
            None
        }
        Err(_) => {
            errors.add("role", "error-choice");
            None
        }
    };
    let all = state.districts().await?;
    let mut ids = Vec::new();
    for code in codes {
        let found = all.iter().find(|d| d.code == code.trim()).map(|d| d.id);
        match found.filter(|id| own_districts(caller).is_none_or(|mine| mine.contains(id))) {
            Some(id) if !ids.contains(&id) => ids.push(id),
            Some(_) => {}
            // Another district is named like one that does not exist.
            None => errors.add("districts", "error-staff-district-outside"),
        }
    }
    if role == Some(Role::StateAdmin) {
        ids.clear();
    } else if role.is_some() && ids.is_empty() {
        errors.add("districts", "error-staff-districts");
    }
    Ok((role, ids))
}

/// Adds a person, who sets their own password with the link returned (shown once).
pub async fn add(state: &AppState, caller: &User, w: &StaffWrite) -> Result<(i64, IssuedLink), AppError> {
    if !caller.role.manages_users() {
        return Err(AppError::Forbidden);
    }
    let mut errors = FieldErrors::default();
    let username = w.username.trim().to_lowercase();
    if !username_ok(&username) {
        errors.add("username", "error-staff-username");
    }
    let display_name = clean_text(&w.display_name);
    if display_name.is_empty() {
        errors.add("display_name", "error-required");
    } else if display_name.chars().count() > 100 {
        errors.add("display_name", "error-too-long");
    }
    let (role, districts) = role_and_districts(state, caller, &w.role, &w.districts, &mut errors).await?;
    let lang = match w.lang.as_deref().unwrap_or("") {
        "" => Lang::Hi,
        l => l.parse().unwrap_or_else(|_| {
            errors.add("lang", "error-choice");
            Lang::Hi
        }),
    };
    errors.into_result()?;
    let role = role.expect("checked above");
    let new = NewUser {
        username: &username,
        display_name: &display_name,
        password_hash: NO_PASSWORD,
        role,
        lang,
        districts: &districts,
    };
    let detail = format!("role={} districts={districts:?}", role.code());
    let audited = state.store.audited(Some(caller.id), "staff.add", "user:{id}", &detail);
    let id = match audited.create_user(&new).await {
        Ok(id) => id,
        Err(StoreError::Duplicate(_)) => return Err(AppError::invalid("username", "error-staff-username-taken")),
        Err(e) => return Err(e.into()),
    };
    let link = issue(state, caller, id).await?;
    Ok((id, link))
}

/// Changes a person's role, districts or standing. Deactivating ends their sessions at once;
/// the last active state admin stays.
pub async fn change(
    state: &AppState,
    caller: &User,
    m: &Managed,
    role: Option<&str>,
    districts: Option<&[String]>,
    active: Option<bool>,
) -> Result<(), AppError> {
    let now = &m.0;
    let mut errors = FieldErrors::default();
    let role_code = role.unwrap_or(now.user.role.code());
    let codes: Vec<String> = match districts {
        Some(d) => d.to_vec(),
        None => {
            let all = state.districts().await?;
            now.user
                .districts
                .iter()
                .filter_map(|id| all.iter().find(|d| d.id == *id))
                .map(|d| d.code.clone())
                .collect()
        }
    };
    let (role, ids) = role_and_districts(state, caller, role_code, &codes, &mut errors).await?;
    errors.into_result()?;
    let role = role.expect("checked above");
    let active = active.unwrap_or(now.active);
    let change = StaffChange { role, districts: &ids, active };
    let action = match (now.active, active) {
        (true, false) => "staff.deactivate",
        (false, true) => "staff.reactivate",
        _ => "staff.change",
    };
    let detail = format!("role={} districts={ids:?}", role.code());
    let audited = state.store.audited(Some(caller.id), action, &subject(now.user.id), &detail);
    if !audited.change_staff(now.user.id, &change).await? {
        return Err(AppError::invalid("active", "error-staff-last-state-admin"));
    }
    Ok(())
}

/// A new one-time link with which the person sets a password (an older one stops working).
/// The admin never sees or sets the password.
pub async fn reset_link(state: &AppState, caller: &User, m: &Managed) -> Result<IssuedLink, AppError> {
    if !m.0.active {
        return Err(AppError::invalid("active", "error-staff-inactive"));
    }
    issue(state, caller, m.0.user.id).await
}

async fn issue(state: &AppState, caller: &User, user_id: i64) -> Result<IssuedLink, AppError> {
    let token = crate::web::session::new_token();
    let hash = crate::web::session::token_hash(&token);
    let ttl = LINK_HOURS * 3_600_000;
    let purpose = crate::store::LINK_PASSWORD;
    let audited = state.store.audited(Some(caller.id), "staff.sign_in_link", &subject(user_id), "");
    let expires_ms = audited.create_sign_in_link(&hash, Some(user_id), purpose, Some(caller.id), ttl).await?;
    Ok(IssuedLink {
        url: state.config.link(&format!("/password/new?token={token}")),
        expires_at: crate::api::rfc3339(expires_ms),
        expires_ms,
    })
}

/// Turns off the person's two-step sign-in (they lost the phone with the authenticator).
pub async fn reset_two_step(state: &AppState, caller: &User, m: &Managed) -> Result<(), AppError> {
    let audited = state.store.audited(Some(caller.id), "staff.two_step_off", &subject(m.0.user.id), "");
    audited.set_totp_secret(m.0.user.id, None).await?;
    Ok(())
}

/// A sign-in name (in small letters): 2 to 64 letters, digits, `.`, `_` or `-`, starting with a
/// letter or digit.
pub fn username_ok(name: &str) -> bool {
    let fine = |c: char| c.is_ascii_lowercase() || c.is_ascii_digit() || "._-".contains(c);
    (2..=64).contains(&name.len()) && name.chars().all(fine) && name.starts_with(|c: char| c.is_ascii_alphanumeric())
}

pub fn subject(id: i64) -> String {
    format!("user:{id}")
}
