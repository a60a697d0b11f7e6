//! Carrying a case to a police station or to legal aid (the District Legal Services Authority
//! or an empanelled lawyer): the handover (date, station or lawyer, officer, FIR / e-FIR /
//! zero-FIR number, portal acknowledgement number), status updates from the other side, and a
//! reminder task that comes due when nothing has moved for `referral_reminder_days`.
//!
//! A referral shares the victim's story, so it needs their consent to that referral (or a
//! supervisor's reason, audited).

use crate::cases::input::parse_time;
use askama::Template;
use axum::Json;
use axum::Router;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::{get, post};
use sahayak_domain::access::CaseAction;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::api::JsonBody;
use crate::cases::access::{self, CaseHandle, require};
use crate::cases::panels::Panel;
use crate::cases::views::Opt;
use crate::store::{NewReferral, Referral, ReferralChange, Reminder, StoreError, User};
use crate::web::AppState;
use crate::web::error::{AppError, FieldErrors};
use crate::web::form::{FormData, clean_text};
use crate::web::page::Page;
use crate::web::session::{ApiUser, Staff};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/cases/{reference}/referrals", post(add_form))
        .route("/cases/{reference}/referrals/{referral_id}", post(update_form))
        .route("/api/v1/cases/{id}/referrals", get(list).post(add))
        .route("/api/v1/cases/{id}/referrals/{referral_id}", post(update))
}

pub const KINDS: [&str; 2] = ["police", "legal_aid"];
pub const STATUSES: [&str; 7] =
    ["sent", "acknowledged", "fir_registered", "lawyer_assigned", "in_progress", "closed", "declined"];
/// Statuses after which nothing more is expected.
const FINISHED: [&str; 2] = ["closed", "declined"];
const MAX_SHORT: usize = 200;
const MAX_NOTE: usize = 2_000;

fn consent_purpose(kind: &str) -> &'static str {
    if kind == "legal_aid" { "referral_legal_aid" } else { "referral_police" }
}

fn short<'a>(e: &mut FieldErrors, field: &'static str, value: &'a str, max: usize) -> Option<&'a str> {
    if value.chars().count() > max {
        e.add(field, "error-too-long");
    }
    (!value.is_empty()).then_some(value)
}

/// A new referral as typed.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(default)]
pub struct ReferralWrite {
    /// `police` or `legal_aid` (or given by `pick`).
    #[schema(schema_with = kinds_schema)]
    pub kind: String,
    /// The police station, or the legal services authority / lawyer.
    #[schema(max_length = 200)]
    pub to_name: String,
    #[schema(max_length = 200)]
    pub to_contact: String,
    #[schema(max_length = 200)]
    pub officer: String,
    /// FIR, e-FIR or zero-FIR number, when known.
    #[schema(max_length = 200)]
    pub fir_number: String,
    /// The national portal's acknowledgement number, when known.
    #[schema(max_length = 200)]
    pub ack_number: String,
    /// IST local `YYYY-MM-DDTHH:MM` or RFC 3339; now when left out.
    #[schema(pattern = "@when?")]
    pub handed_over_at: String,
    #[schema(max_length = 2000)]
    pub note: String,
    /// Without the victim's consent to this referral, a supervisor gives the reason here.
    pub consent_override: String,
    /// An entry of the district's directory, `station:ID` or `legal_aid:ID`: fills the kind,
    /// `to_name` and `to_contact` (what is typed there wins).
    pub pick: String,
}

fn kinds_schema() -> utoipa::openapi::schema::Object {
    crate::api::schema::choice_or_empty(&KINDS)
}

fn statuses_schema() -> utoipa::openapi::schema::Object {
    crate::api::schema::choice(&STATUSES)
}

/// A status update as typed.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(default)]
pub struct ReferralUpdateWrite {
    #[schema(required = true, schema_with = statuses_schema)]
    pub status: String,
    #[schema(max_length = 200)]
    pub officer: String,
    #[schema(max_length = 200)]
    pub fir_number: String,
    #[schema(max_length = 200)]
    pub ack_number: String,
    #[schema(max_length = 2000)]
    pub outcome: String,
    #[schema(max_length = 2000)]
    pub note: String,
}

fn reminder_title(state: &AppState, user: &User, to: &str) -> String {
    let days = state.config.referral_reminder_days;
    crate::web::i18n::catalogs().get_with(
        user.lang,
        "referral-reminder",
        &[("to", to.to_owned().into()), ("days", days.into())],
    )
}

pub async fn create(state: &AppState, user: &User, handle: &CaseHandle, w: &ReferralWrite) -> Result<i64, AppError> {
    require(user, CaseAction::Edit)?;
    if handle.case().erased_at.is_some() {
        return Err(AppError::BadRequest("retention-erased-no-edit"));
    }
    let mut e = FieldErrors::default();
    let picked = picked(state, handle.case().district_id, user.lang, &w.pick).await?;
    let kind = match &picked {
        Some(Ok((kind, _, _))) => *kind,
        _ => w.kind.trim(),
    };
    if let Some(Err(())) = picked {
        e.add("pick", "referral-error-pick");
    }
    if !KINDS.contains(&kind) {
        e.add("kind", if kind.is_empty() { "error-required" } else { "error-choice" });
    }
    let (mut to_name, mut to_contact, officer) =
        (clean_text(&w.to_name), clean_text(&w.to_contact), clean_text(&w.officer));
    if let Some(Ok((_, name, contact))) = &picked {
        if to_name.is_empty() {
            to_name = name.clone();
        }
        if to_contact.is_empty() {
            to_contact = contact.chars().take(MAX_SHORT).collect();
        }
    }
    let (fir, ack, note) = (clean_text(&w.fir_number), clean_text(&w.ack_number), clean_text(&w.note));
    if to_name.is_empty() {
        e.add("to_name", "error-required");
    }
    let to_name_ok = short(&mut e, "to_name", &to_name, MAX_SHORT).unwrap_or_default();
    let to_contact = short(&mut e, "to_contact", &to_contact, MAX_SHORT);
    let officer = short(&mut e, "officer", &officer, MAX_SHORT);
    let fir = short(&mut e, "fir_number", &fir, MAX_SHORT);
    let ack = short(&mut e, "ack_number", &ack, MAX_SHORT);
    let note = short(&mut e, "note", &note, MAX_NOTE);
    let handed_over_at = match parse_time(&w.handed_over_at, state.now()) {
        None => Some(state.now_millis()),
        Some(Ok(t)) => Some(t.timestamp_millis()),
        Some(Err(())) => {
            e.add("handed_over_at", "error-datetime");
            None
        }
    };
    e.into_result()?;
    crate::privacy::consent::require_or_override(state, user, handle, consent_purpose(kind), &w.consent_override)
        .await?;
    let now = state.now_millis();
    let title = reminder_title(state, user, to_name_ok);
    let reminder = Reminder { title: &title, due_at: now + state.config.referral_reminder_days * 86_400_000 };
    let new = NewReferral {
        kind,
        to_name: to_name_ok,
        to_contact,
        officer,
        fir_number: fir,
        ack_number: ack,
        handed_over_at: handed_over_at.unwrap_or(now),
        note,
    };
    let subject = crate::privacy::audit::case_subject(handle.id());
    let audited = state.store.audited(Some(user.id), "case.referral", &subject, kind);
    let id = audited.add_referral(handle.id(), &new, &reminder, user.id, now).await?;
    tracing::info!(case_id = handle.id(), referral_id = id, "referral recorded");
    Ok(id)
}

/// The directory entry picked on the form: its kind, name and contact; `Err` when it is not an
/// active entry of the case's district.
async fn picked(
    state: &AppState,
    district_id: i64,
    lang: sahayak_domain::case::Lang,
    pick: &str,
) -> Result<Option<Result<(&'static str, String, String), ()>>, AppError> {
    let pick = pick.trim();
    if pick.is_empty() {
        return Ok(None);
    }
    let join = |parts: [&Option<String>; 3]| parts.iter().filter_map(|p| p.as_deref()).collect::<Vec<_>>().join(", ");
    let found = match pick.split_once(':').map(|(k, id)| (k, id.parse::<i64>())) {
        Some(("station", Ok(id))) => match state.store.station(id).await {
            Ok(s) if s.district_id == district_id && s.active => {
                let name = s.name(lang).to_owned();
                Ok(("police", name, join([&s.phone, &s.email, &s.address])))
            }
            Ok(_) | Err(StoreError::NotFound) => Err(()),
            Err(e) => return Err(e.into()),
        },
        Some(("legal_aid", Ok(id))) => match state.store.legal_aid_contact(id).await {
            Ok(c) if c.district_id == district_id && c.active => {
                Ok(("legal_aid", c.name.clone(), join([&c.phone, &c.email, &c.address])))
            }
            Ok(_) | Err(StoreError::NotFound) => Err(()),
            Err(e) => return Err(e.into()),
        },
        _ => Err(()),
    };
    Ok(Some(found))
}

pub async fn change(
    state: &AppState,
    user: &User,
    handle: &CaseHandle,
    id: i64,
    w: &ReferralUpdateWrite,
) -> Result<(), AppError> {
    require(user, CaseAction::Edit)?;
    let mut e = FieldErrors::default();
    let status = w.status.trim();
    if !STATUSES.contains(&status) {
        e.add("status", if status.is_empty() { "error-required" } else { "error-choice" });
    }
    let (officer, fir, ack) = (clean_text(&w.officer), clean_text(&w.fir_number), clean_text(&w.ack_number));
    let (outcome, note) = (clean_text(&w.outcome), clean_text(&w.note));
    let officer = short(&mut e, "officer", &officer, MAX_SHORT);
    let fir = short(&mut e, "fir_number", &fir, MAX_SHORT);
    let ack = short(&mut e, "ack_number", &ack, MAX_SHORT);
    let outcome = short(&mut e, "outcome", &outcome, MAX_NOTE);
    let note = short(&mut e, "note", &note, MAX_NOTE);
    e.into_result()?;
    let (referrals, _) = state.store.referrals(handle.id()).await?;
    let Some(r) = referrals.iter().find(|r| r.id == id) else { return Err(AppError::NotFound) };
    let now = state.now_millis();
    let title = reminder_title(state, user, &r.to_name);
    let reminder = (!FINISHED.contains(&status))
        .then(|| Reminder { title: &title, due_at: now + state.config.referral_reminder_days * 86_400_000 });
    let c = ReferralChange { status, officer, fir_number: fir, ack_number: ack, outcome, note };
    let subject = crate::privacy::audit::case_subject(handle.id());
    let audited = state.store.audited(Some(user.id), "case.referral_update", &subject, status);
    match audited.update_referral(handle.id(), id, &c, reminder.as_ref(), user.id, now).await {
        Ok(()) => {}
        Err(StoreError::NotFound) => return Err(AppError::NotFound),
        Err(e) => return Err(e.into()),
    }
    Ok(())
}

pub struct UpdateView {
    pub at: String,
    pub status: String,
    pub note: String,
    pub by: String,
}

pub struct ReferralView {
    pub id: i64,
    pub kind: String,
    pub to: String,
    pub contact: String,
    pub facts: Vec<(String, String)>,
    pub status: String,
    pub finished: bool,
    /// No news for longer than the reminder period.
    pub stale: bool,
    pub updates: Vec<UpdateView>,
    pub statuses: Vec<Opt>,
}

#[derive(Template)]
#[template(path = "referrals/panel.html")]
struct PanelTemplate {
    page: Page,
    reference: String,
    referrals: Vec<ReferralView>,
    can_write: bool,
    can_override: bool,
    kinds: Vec<Opt>,
    /// The district's active stations and legal-aid contacts, to pick instead of typing.
    stations: Vec<Opt>,
    legal_aid: Vec<Opt>,
    now: String,
    days: i64,
}

fn status_label(page: &Page, s: &str) -> String {
    page.t(&format!("referral-status-{}", s.replace('_', "-")))
}

pub async fn panel(state: &AppState, staff: &Staff, handle: &CaseHandle) -> Result<Panel, AppError> {
    let page = staff.page(state);
    let (referrals, updates) = state.store.referrals(handle.id()).await?;
    let can_write = require(&staff.user, CaseAction::Edit).is_ok() && handle.case().erased_at.is_none();
    let lists = if can_write { state.directory_lists(handle.case().district_id).await? } else { Default::default() };
    let (stations, contacts) = (&lists.stations, &lists.contacts);
    let days = state.config.referral_reminder_days;
    let now = state.now_millis();
    let view = |r: &Referral| {
        let facts = [
            ("referral-officer", &r.officer),
            ("referral-fir", &r.fir_number),
            ("referral-ack", &r.ack_number),
            ("referral-outcome", &r.outcome),
        ]
        .into_iter()
        .filter_map(|(k, v)| v.clone().map(|v| (page.t(k), v)))
        .collect();
        let finished = FINISHED.contains(&r.status.as_str());
        ReferralView {
            id: r.id,
            kind: page.t(&format!("referral-kind-{}", r.kind.replace('_', "-"))),
            to: r.to_name.clone(),
            contact: r.to_contact.clone().unwrap_or_default(),
            facts,
            status: status_label(&page, &r.status),
            finished,
            stale: !finished && now - r.updated_at > days * 86_400_000,
            updates: updates
                .iter()
                .filter(|u| u.referral_id == r.id)
                .map(|u| UpdateView {
                    at: crate::cases::views::when(Some(u.at)),
                    status: status_label(&page, &u.status),
                    note: u.note.clone().unwrap_or_default(),
                    by: u.by_name.clone(),
                })
                .collect(),
            statuses: STATUSES
                .iter()
                .map(|s| Opt { value: (*s).into(), label: status_label(&page, s), selected: *s == r.status })
                .collect(),
        }
    };
    let body = PanelTemplate {
        reference: handle.case().reference.clone(),
        referrals: referrals.iter().map(view).collect(),
        can_write,
        can_override: staff.user.role.may(CaseAction::AssignOthers),
        kinds: KINDS
            .iter()
            .map(|k| Opt {
                value: (*k).into(),
                label: page.t(&format!("referral-kind-{}", k.replace('_', "-"))),
                selected: *k == "police",
            })
            .collect(),
        stations: stations
            .iter()
            .map(|s| Opt { value: format!("station:{}", s.id), label: s.name(page.lang).to_owned(), selected: false })
            .collect(),
        legal_aid: contacts
            .iter()
            .map(|c| Opt { value: format!("legal_aid:{}", c.id), label: c.name.clone(), selected: false })
            .collect(),
        now: page.t(sahayak_domain::time::Quick::Now.key()),
        days,
        page,
    };
    let page_title = body.page.t("referral-title");
    Ok(Panel::section("referrals", page_title, body.render()?))
}

pub async fn add_form(
    State(state): State<AppState>,
    staff: Staff,
    Path(reference): Path<String>,
    form: FormData,
) -> Result<Response, AppError> {
    staff.check_csrf(form.csrf())?;
    let handle = access::open_by_reference(&state, &staff.user, &reference).await?;
    let w = ReferralWrite {
        kind: form.get("kind").into(),
        to_name: form.get("to_name").into(),
        to_contact: form.get("to_contact").into(),
        officer: form.get("officer").into(),
        fir_number: form.get("fir_number").into(),
        ack_number: form.get("ack_number").into(),
        handed_over_at: form.get("handed_over_at").into(),
        note: form.get("note").into(),
        consent_override: form.get("consent_override").into(),
        pick: form.get("pick").into(),
    };
    let r = create(&state, &staff.user, &handle, &w).await;
    crate::cases::show::after_form(&state, &staff, &handle, "referrals", r).await
}

pub async fn update_form(
    State(state): State<AppState>,
    staff: Staff,
    Path((reference, referral_id)): Path<(String, i64)>,
    form: FormData,
) -> Result<Response, AppError> {
    staff.check_csrf(form.csrf())?;
    let handle = access::open_by_reference(&state, &staff.user, &reference).await?;
    let w = ReferralUpdateWrite {
        status: form.get("status").into(),
        officer: form.get("officer").into(),
        fir_number: form.get("fir_number").into(),
        ack_number: form.get("ack_number").into(),
        outcome: form.get("outcome").into(),
        note: form.get("note").into(),
    };
    let r = change(&state, &staff.user, &handle, referral_id, &w).await;
    crate::cases::show::after_form(&state, &staff, &handle, "referrals", r).await
}

#[derive(Serialize, Deserialize, ToSchema)]
pub struct ReferralUpdateJson {
    pub status: String,
    pub note: Option<String>,
    pub by: String,
    pub at: String,
}

#[derive(Serialize, Deserialize, ToSchema)]
pub struct ReferralJson {
    pub id: i64,
    pub kind: String,
    pub to_name: String,
    pub to_contact: Option<String>,
    pub officer: Option<String>,
    pub fir_number: Option<String>,
    pub ack_number: Option<String>,
    pub status: String,
    pub outcome: Option<String>,
    pub handed_over_at: String,
    pub updated_at: String,
    pub updates: Vec<ReferralUpdateJson>,
}

async fn all_json(state: &AppState, handle: &CaseHandle) -> Result<Vec<ReferralJson>, AppError> {
    let (referrals, updates) = state.store.referrals(handle.id()).await?;
    Ok(referrals
        .into_iter()
        .map(|r| ReferralJson {
            updates: updates
                .iter()
                .filter(|u| u.referral_id == r.id)
                .map(|u| ReferralUpdateJson {
                    status: u.status.clone(),
                    note: u.note.clone(),
                    by: u.by_name.clone(),
                    at: crate::api::rfc3339(u.at),
                })
                .collect(),
            id: r.id,
            kind: r.kind,
            to_name: r.to_name,
            to_contact: r.to_contact,
            officer: r.officer,
            fir_number: r.fir_number,
            ack_number: r.ack_number,
            status: r.status,
            outcome: r.outcome,
            handed_over_at: crate::api::rfc3339(r.handed_over_at),
            updated_at: crate::api::rfc3339(r.updated_at),
        })
        .collect())
}

/// The case's referrals to police and legal aid, with their updates.
#[utoipa::path(get, path = "/api/v1/cases/{id}/referrals", tag = "referrals", security(("bearer" = [])),
    params(("id" = i64, Path, description = "Case id")),
    responses(
        (status = 200, body = Vec<ReferralJson>),
        (status = 400, body = crate::web::error::Problem, content_type = "application/problem+json"),
        (status = 401, body = crate::web::error::Problem, content_type = "application/problem+json"),
        (status = 404, body = crate::web::error::Problem, content_type = "application/problem+json"),
    ))]
pub async fn list(
    State(state): State<AppState>,
    api: ApiUser,
    Path(id): Path<i64>,
) -> Result<Json<Vec<ReferralJson>>, AppError> {
    let handle = access::open(&state, &api.user, id).await?;
    Ok(Json(all_json(&state, &handle).await?))
}

/// Records a referral (needs the victim's consent to it, or a supervisor's `consent_override`).
#[utoipa::path(post, path = "/api/v1/cases/{id}/referrals", tag = "referrals", security(("bearer" = [])),
    params(("id" = i64, Path, description = "Case id")), request_body = ReferralWrite,
    responses(
        (status = 201, body = Vec<ReferralJson>),
        (status = 400, body = crate::web::error::Problem, content_type = "application/problem+json"),
        (status = 401, body = crate::web::error::Problem, content_type = "application/problem+json"),
        (status = 403, body = crate::web::error::Problem, content_type = "application/problem+json"),
        (status = 404, body = crate::web::error::Problem, content_type = "application/problem+json"),
        (status = 415, body = crate::web::error::Problem, content_type = "application/problem+json"),
        (status = 422, body = crate::web::error::Problem, content_type = "application/problem+json"),
    ))]
pub async fn add(
    State(state): State<AppState>,
    api: ApiUser,
    Path(id): Path<i64>,
    body: JsonBody<ReferralWrite>,
) -> Result<(StatusCode, Json<Vec<ReferralJson>>), AppError> {
    let handle = access::open(&state, &api.user, id).await?;
    crate::cases::access::require(&api.user, sahayak_domain::access::CaseAction::Edit)?;
    let body = body.accept()?;
    create(&state, &api.user, &handle, &body).await?;
    Ok((StatusCode::CREATED, Json(all_json(&state, &handle).await?)))
}

/// Records news of a referral: its status and any facts that came with it (officer, FIR
/// number, acknowledgement number, outcome).
#[utoipa::path(post, path = "/api/v1/cases/{id}/referrals/{referral_id}", tag = "referrals", security(("bearer" = [])),
    params(("id" = i64, Path, description = "Case id"), ("referral_id" = i64, Path, description = "Referral id")),
    request_body = ReferralUpdateWrite,
    responses(
        (status = 200, body = Vec<ReferralJson>),
        (status = 400, body = crate::web::error::Problem, content_type = "application/problem+json"),
        (status = 401, body = crate::web::error::Problem, content_type = "application/problem+json"),
        (status = 403, body = crate::web::error::Problem, content_type = "application/problem+json"),
        (status = 404, body = crate::web::error::Problem, content_type = "application/problem+json"),
        (status = 415, body = crate::web::error::Problem, content_type = "application/problem+json"),
        (status = 422, body = crate::web::error::Problem, content_type = "application/problem+json"),
    ))]
pub async fn update(
    State(state): State<AppState>,
    api: ApiUser,
    Path((id, referral_id)): Path<(i64, i64)>,
    body: JsonBody<ReferralUpdateWrite>,
) -> Result<Json<Vec<ReferralJson>>, AppError> {
    let handle = access::open(&state, &api.user, id).await?;
    crate::cases::access::require(&api.user, sahayak_domain::access::CaseAction::Edit)?;
    let body = body.accept()?;
    change(&state, &api.user, &handle, referral_id, &body).await?;
    Ok(Json(all_json(&state, &handle).await?))
}
