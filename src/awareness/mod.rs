//! Cyber-safety awareness programmes in schools, colleges, offices and community groups: the
//! institutions a district visits (who is due first), the programmes planned and held there
//! (a calendar), anonymous feedback through a public link with an optional before/after quiz,
//! and certificates of participation.
//!
//! Institutions and programmes belong to a district. Every staff member reads those of their
//! districts; everyone but the auditor writes them; the state admin everywhere. Something of
//! another district is "not found", as for cases.

pub mod api;
mod certificates;
pub mod demo;
mod feedback;
pub use feedback::FEEDBACK_LIMIT;
mod pages;
pub mod quiz;
pub mod service;

use axum::Router;
use axum::routing::{get, post};
use sahayak_domain::access::Role;
use sahayak_domain::case::Lang;

use crate::cases::access::sees_district;
use crate::store::{Institution, Programme, StoreError, User};
use crate::web::{AppError, AppState};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/awareness", get(pages::calendar))
        .route("/awareness/institutions", get(pages::institutions).post(pages::institution_create))
        .route("/awareness/institutions/new", get(pages::institution_new))
        .route("/awareness/institutions/{institution}", get(pages::institution_edit).post(pages::institution_update))
        .route("/awareness/programmes", post(pages::programme_create))
        .route("/awareness/programmes/new", get(pages::programme_new))
        .route("/awareness/programmes/{programme}", get(pages::programme_page).post(pages::programme_update))
        .route("/awareness/programmes/{programme}/attendance", post(pages::attendance_form))
        .route("/awareness/programmes/{programme}/certificate.pdf", get(certificates::institution_pdf))
        .route("/awareness/programmes/{programme}/certificates", post(certificates::participants_pdf))
        .route("/feedback/{token}", get(feedback::page).post(feedback::submit))
        .route("/api/v1/awareness/institutions", get(api::institutions).post(api::create_institution))
        .route("/api/v1/awareness/institutions/{institution}", get(api::institution).put(api::update_institution))
        .route("/api/v1/awareness/programmes", get(api::programmes).post(api::create_programme))
        .route("/api/v1/awareness/programmes/{programme}", get(api::programme).put(api::update_programme))
        .route("/api/v1/awareness/programmes/{programme}/attendance", post(api::attendance))
        .route("/api/v1/awareness/programmes/{programme}/feedback", get(api::feedback_summary))
        .route("/api/v1/feedback/{token}", post(api::submit_feedback))
}

pub const KINDS: [&str; 4] = ["school", "college", "office", "community"];
pub const AUDIENCES: [&str; 5] = ["students", "teachers", "staff", "parents", "senior_citizens"];
pub const LANGUAGES: [&str; 3] = ["hi", "en", "both"];
pub const STATUSES: [&str; 3] = ["planned", "held", "cancelled"];

/// A topic of the prevention library, as a programme names it.
#[derive(Debug, Clone)]
pub struct Topic {
    pub id: String,
    pub title_en: String,
    pub title_hi: String,
}

impl Topic {
    pub fn title(&self, lang: Lang) -> &str {
        match lang {
            Lang::En => &self.title_en,
            Lang::Hi => &self.title_hi,
        }
    }
}

/// The prevention library's tips, the topics a programme chooses from: the shared library and,
/// for a programme in a district, that district's own tips (less those it hid). The only place
/// this feature reads the library (`crate::prevention`, the database, edited by admins).
pub async fn library(state: &AppState, district: Option<i64>) -> Result<Vec<Topic>, AppError> {
    Ok(crate::prevention::library(&state.store, district)
        .await?
        .into_iter()
        .map(|t| Topic { id: t.key, title_en: t.title_en, title_hi: t.title_hi })
        .collect())
}

/// Everyone but the read-only auditor plans and records programmes.
pub fn require_writer(user: &User) -> Result<(), AppError> {
    if user.role == Role::Auditor { Err(AppError::Forbidden) } else { Ok(()) }
}

pub fn may_write(user: &User) -> bool {
    require_writer(user).is_ok()
}

/// An institution the holder may read (made only by [`open_institution`]).
pub struct InstitutionHandle(Institution);

impl InstitutionHandle {
    pub fn get(&self) -> &Institution {
        &self.0
    }
}

/// A programme the holder may read (made only by [`open_programme`]).
pub struct ProgrammeHandle(Programme);

impl ProgrammeHandle {
    pub fn get(&self) -> &Programme {
        &self.0
    }
}

fn hidden(e: StoreError) -> AppError {
    match e {
        StoreError::NotFound => AppError::NotFound,
        e => e.into(),
    }
}

/// Opens an institution; one of another district is "not found", like one that does not exist.
pub async fn open_institution(state: &AppState, user: &User, id: i64) -> Result<InstitutionHandle, AppError> {
    let i = state.store.institution(id).await.map_err(hidden)?;
    if !sees_district(user, i.district_id) {
        return Err(AppError::NotFound);
    }
    Ok(InstitutionHandle(i))
}

pub async fn open_programme(state: &AppState, user: &User, id: i64) -> Result<ProgrammeHandle, AppError> {
    let p = state.store.programme(id).await.map_err(hidden)?;
    if !sees_district(user, p.district_id) {
        return Err(AppError::NotFound);
    }
    Ok(ProgrammeHandle(p))
}

/// The audit subject of a programme or an institution.
pub fn subject(kind: &str, id: i64) -> String {
    format!("awareness_{kind}:{id}")
}

/// The public feedback link of a programme.
pub fn feedback_path(p: &Programme) -> String {
    format!("/feedback/{}", p.feedback_token)
}
