//! The district directory, edited in the app: each district's police stations and legal-aid
//! contacts, the prevention library (shared tips and a district's own), the district's centre
//! details and holidays, and adding a district while the server runs.
//!
//! District admins edit the lists of their own districts; the state admin edits every
//! district's, the shared library, and adds districts. A district outside the user's is "not
//! found"; inside it, a role that may not edit is "forbidden". Nothing is deleted: a station or
//! contact a referral or letter named is deactivated instead. Every change is audited.

pub mod api;
pub mod districts;
pub mod pages;
pub mod service;

use axum::Router;
use axum::routing::{get, post, put};
use sahayak_domain::access::Role;

use crate::store::{District, LegalAidContact, Station, User};
use crate::web::{AppError, AppState};

/// A district's active stations and legal-aid contacts, as the case page and the letters use them.
#[derive(Debug, Default)]
pub struct Lists {
    pub stations: Vec<Station>,
    pub contacts: Vec<LegalAidContact>,
}

impl Lists {
    /// Reads them (kept for a minute by [`AppState::directory_lists`], and forgotten at once when
    /// this server changes them; another server's change shows within the minute).
    pub async fn load(store: &crate::store::Store, district_id: i64) -> crate::store::StoreResult<Lists> {
        Ok(Lists {
            stations: store.stations(district_id, false).await?,
            contacts: store.legal_aid_contacts(district_id, false).await?,
        })
    }
}

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/admin/districts", get(districts::index).post(districts::add_form))
        .route("/admin/districts/new", get(districts::new_page))
        .route("/admin/districts/{code}", get(districts::show).post(districts::edit_form))
        .route("/admin/districts/{code}/stations", get(pages::stations).post(pages::add_station))
        .route("/admin/districts/{code}/stations/{station}", get(pages::station).post(pages::edit_station))
        .route("/admin/districts/{code}/legal-aid", get(pages::contacts).post(pages::add_contact))
        .route("/admin/districts/{code}/legal-aid/{contact}", get(pages::contact).post(pages::edit_contact))
        .route("/admin/districts/{code}/tips", get(pages::tips).post(pages::add_tip))
        .route("/admin/districts/{code}/tips/{tip}", get(pages::tip).post(pages::edit_tip))
        .route("/admin/districts/{code}/tips/{tip}/hide", post(pages::hide_tip))
        .route("/api/v1/districts", post(districts::add_api))
        .route("/api/v1/districts/{code}", put(districts::edit_api))
        .route("/api/v1/districts/{code}/stations", get(api::stations).post(api::add_station))
        .route("/api/v1/districts/{code}/stations/{station}", put(api::edit_station))
        .route("/api/v1/districts/{code}/legal-aid", get(api::contacts).post(api::add_contact))
        .route("/api/v1/districts/{code}/legal-aid/{contact}", put(api::edit_contact))
        .route("/api/v1/districts/{code}/tips", get(api::tips).post(api::add_tip))
        .route("/api/v1/districts/{code}/tips/{tip}", put(api::edit_tip))
        .route("/api/v1/districts/{code}/tips/{tip}/hidden", put(api::hide_tip))
}

/// May edit directories (their own districts; the state admin every district).
pub fn edits_directory(role: Role) -> bool {
    role.manages_users()
}

/// The district with this code, if the user works in it (the state admin works in all);
/// else "not found", exactly like a district that does not exist.
pub async fn visible(state: &AppState, user: &User, code: &str) -> Result<District, AppError> {
    let districts = state.districts().await?;
    let d = districts.iter().find(|d| d.code == code).ok_or(AppError::NotFound)?;
    if user.role.sees_all_districts() || user.districts.contains(&d.id) {
        Ok(d.clone())
    } else {
        Err(AppError::NotFound)
    }
}

/// The district, for a user who may edit its directory.
pub async fn administered(state: &AppState, user: &User, code: &str) -> Result<District, AppError> {
    let d = visible(state, user, code).await?;
    if edits_directory(user.role) { Ok(d) } else { Err(AppError::Forbidden) }
}

/// Only the state admin.
pub fn require_state_admin(user: &User) -> Result<(), AppError> {
    if user.role == Role::StateAdmin { Ok(()) } else { Err(AppError::Forbidden) }
}
