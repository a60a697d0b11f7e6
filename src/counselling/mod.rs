//! Counselling sessions on a case: when, who, how (in person, phone, video), what happened,
//! notes, risk flags and the follow-up.
//!
//! Notes are encrypted at rest and shown only to the session's counsellor and to supervisors;
//! everyone who may read the case sees that a session took place and its risk flags. A risk
//! flag (self-harm, threats, a child involved) makes the case urgent and adds an escalation
//! task. Counselling needs the victim's consent to counselling, or a supervisor's override.

use askama::Template;
use axum::Json;
use axum::Router;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::{get, post};
use sahayak_domain::access::{CaseAction, Role};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::api::JsonBody;
use crate::cases::access::{self, CaseHandle, require};
use crate::cases::panels::Panel;
use crate::cases::views::Opt;
use crate::store::{CounsellingSession, NewCounselling, NewTask, User};
use crate::web::AppState;
use crate::web::error::{AppError, FieldErrors};
use crate::web::form::{FormData, clean_text};
use crate::web::page::Page;
use crate::web::session::{ApiUser, Staff};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/cases/{reference}/counselling", post(form))
        .route("/api/v1/cases/{id}/counselling", get(list).post(add))
}

pub const MODES: [&str; 3] = ["in_person", "phone", "video"];
pub const STATUSES: [&str; 3] = ["planned", "held", "missed"];
const MAX_NOTES: usize = 8_000;

/// Who records counselling: counsellors and supervisors.
fn counsels(user: &User) -> bool {
    matches!(user.role, Role::Counsellor | Role::Supervisor)
}

/// Who reads a session's notes: its counsellor, and supervisors.
pub fn reads_notes(user: &User, s: &CounsellingSession) -> bool {
    s.counsellor_id == user.id || user.role == Role::Supervisor
}

/// A session as typed (form or API).
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(default)]
pub struct CounsellingWrite {
    /// IST local `YYYY-MM-DDTHH:MM` or RFC 3339; now when left out.
    #[schema(pattern = "@when?")]
    pub scheduled_at: String,
    /// `in_person`, `phone` or `video`.
    #[schema(required = true, schema_with = modes_schema)]
    pub mode: String,
    /// `planned`, `held` or `missed`.
    #[schema(schema_with = statuses_schema)]
    pub status: String,
    #[schema(max_length = 8000)]
    pub notes: String,
    pub risk_self_harm: bool,
    pub risk_threats: bool,
    pub risk_minor: bool,
    /// When to follow up (IST local or RFC 3339), if at all.
    #[schema(pattern = "@when?")]
    pub follow_up_at: String,
    /// Without the victim's consent to counselling, a supervisor gives the reason here.
    pub consent_override: String,
}

fn modes_schema() -> utoipa::openapi::schema::Object {
    crate::api::schema::choice(&MODES)
}

fn statuses_schema() -> utoipa::openapi::schema::Object {
    crate::api::schema::choice_or_empty(&STATUSES)
}

fn when(e: &mut FieldErrors, field: &'static str, value: &str, now: chrono::DateTime<chrono::Utc>) -> Option<i64> {
    match crate::cases::input::parse_time(value, now)? {
        Ok(t) => Some(t.timestamp_millis()),
        Err(()) => {
            e.add(field, "error-datetime");
            None
        }
    }
}

/// Records a session; returns its id. Escalates on a risk flag.
pub async fn record(state: &AppState, user: &User, handle: &CaseHandle, w: &CounsellingWrite) -> Result<i64, AppError> {
    require(user, CaseAction::Edit)?;
    if !counsels(user) {
        return Err(AppError::Forbidden);
    }
    if handle.case().erased_at.is_some() {
        return Err(AppError::BadRequest("retention-erased-no-edit"));
    }
    let mut e = FieldErrors::default();
    let now = state.now();
    let scheduled_at = when(&mut e, "scheduled_at", &w.scheduled_at, now).unwrap_or(now.timestamp_millis());
    let follow_up_at = when(&mut e, "follow_up_at", &w.follow_up_at, now);
    let mode = w.mode.trim();
    if !MODES.contains(&mode) {
        e.add("mode", if mode.is_empty() { "error-required" } else { "error-choice" });
    }
    let status = match w.status.trim() {
        "" => "held",
        s if STATUSES.contains(&s) => s,
        _ => {
            e.add("status", "error-choice");
            "held"
        }
    };
    let notes = clean_text(&w.notes);
    if notes.chars().count() > MAX_NOTES {
        e.add("notes", "error-too-long");
    }
    e.into_result()?;
    crate::privacy::consent::require_or_override(state, user, handle, "counselling", &w.consent_override).await?;
    let new = NewCounselling {
        counsellor_id: user.id,
        scheduled_at,
        mode,
        status,
        notes: (!notes.is_empty()).then_some(notes.as_str()),
        risk_self_harm: w.risk_self_harm,
        risk_threats: w.risk_threats,
        risk_minor: w.risk_minor,
        follow_up_at,
    };
    let now = state.now_millis();
    let subject = crate::privacy::audit::case_subject(handle.id());
    // The entry says a session was recorded (its id is on the session, written at the same time).
    let audited = state.store.audited(Some(user.id), "case.counselling", &subject, "");
    let id = audited.add_counselling(handle.id(), &new, user.id, now).await?;
    if w.risk_self_harm || w.risk_threats || w.risk_minor {
        escalate(state, user, handle, w, now).await?;
    }
    Ok(id)
}

/// A risk flag: the case goes to the top of the queue with a task for a supervisor, due in
/// four hours (self-harm, threats) or a day (a child involved).
async fn escalate(
    state: &AppState,
    user: &User,
    handle: &CaseHandle,
    w: &CounsellingWrite,
    now: i64,
) -> Result<(), AppError> {
    let lang = user.lang;
    let catalogs = crate::web::i18n::catalogs();
    let mut risks = Vec::new();
    for (flag, key) in [
        (w.risk_self_harm, "counselling-risk-self-harm"),
        (w.risk_threats, "counselling-risk-threats"),
        (w.risk_minor, "counselling-risk-minor"),
    ] {
        if flag {
            risks.push(catalogs.get(lang, key));
        }
    }
    let hours = if w.risk_self_harm || w.risk_threats { 4 } else { 24 };
    let due = now + hours * 3_600_000;
    let title = catalogs.get_with(lang, "counselling-escalation-task", &[("risks", risks.join(", ").into())]);
    let task = NewTask {
        plan_id: None,
        step_id: Some(crate::triage::rank::ESCALATION_STEP.to_owned()),
        title: Some(title.clone()),
        owner_id: None,
        due_at: Some(due),
    };
    state.store.add_tasks(handle.id(), &[task], user.id, now, &title).await?;
    // An open escalation puts the case at the top of the queue (triage::rank).
    crate::triage::facts::refresh(state, handle.id()).await?;
    tracing::info!(case_id = handle.id(), "counselling risk escalated");
    Ok(())
}

/// A session as the reader may see it.
pub struct SessionView {
    pub at: String,
    pub counsellor: String,
    pub mode: String,
    pub status: String,
    pub notes: Option<String>,
    pub notes_hidden: bool,
    pub risks: Vec<String>,
    pub follow_up: String,
}

fn view(page: &Page, user: &User, s: &CounsellingSession) -> SessionView {
    let risks = [
        (s.risk_self_harm, "counselling-risk-self-harm"),
        (s.risk_threats, "counselling-risk-threats"),
        (s.risk_minor, "counselling-risk-minor"),
    ]
    .into_iter()
    .filter(|(f, _)| *f)
    .map(|(_, k)| page.t(k))
    .collect();
    let may_read = reads_notes(user, s);
    SessionView {
        at: crate::cases::views::when(Some(s.scheduled_at)),
        counsellor: s.counsellor_name.clone(),
        mode: page.t(&format!("counselling-mode-{}", s.mode.replace('_', "-"))),
        status: page.t(&format!("counselling-status-{}", s.status)),
        notes_hidden: !may_read && s.notes.is_some(),
        notes: if may_read { s.notes.clone() } else { None },
        risks,
        follow_up: s.follow_up_at.map(|t| crate::cases::views::when(Some(t))).unwrap_or_default(),
    }
}

#[derive(Template)]
#[template(path = "counselling/panel.html")]
struct PanelTemplate {
    page: Page,
    reference: String,
    sessions: Vec<SessionView>,
    can_add: bool,
    needs_override: bool,
    modes: Vec<Opt>,
    statuses: Vec<Opt>,
    now: String,
}

pub async fn panel(state: &AppState, staff: &Staff, handle: &CaseHandle) -> Result<Panel, AppError> {
    let page = staff.page(state);
    let sessions = state.store.counselling_sessions(handle.id()).await?;
    let can_add =
        counsels(&staff.user) && require(&staff.user, CaseAction::Edit).is_ok() && handle.case().erased_at.is_none();
    let needs_override = can_add && !crate::privacy::consent::given(state, handle, "counselling").await?;
    let opts = |codes: &[&str], prefix: &str, selected: &str| -> Vec<Opt> {
        codes
            .iter()
            .map(|c| Opt {
                value: (*c).to_owned(),
                label: page.t(&format!("{prefix}{}", c.replace('_', "-"))),
                selected: *c == selected,
            })
            .collect()
    };
    let body = PanelTemplate {
        reference: handle.case().reference.clone(),
        sessions: sessions.iter().map(|s| view(&page, &staff.user, s)).collect(),
        can_add,
        needs_override,
        modes: opts(&MODES, "counselling-mode-", "in_person"),
        statuses: opts(&STATUSES, "counselling-status-", "held"),
        now: page.t(sahayak_domain::time::Quick::Now.key()),
        page,
    };
    let page_title = body.page.t("counselling-title");
    Ok(Panel::section("counselling", page_title, body.render()?))
}

pub async fn form(
    State(state): State<AppState>,
    staff: Staff,
    Path(reference): Path<String>,
    form: FormData,
) -> Result<Response, AppError> {
    staff.check_csrf(form.csrf())?;
    let handle = access::open_by_reference(&state, &staff.user, &reference).await?;
    let w = CounsellingWrite {
        scheduled_at: form.get("scheduled_at").to_owned(),
        mode: form.get("mode").to_owned(),
        status: form.get("status").to_owned(),
        notes: form.get("notes").to_owned(),
        risk_self_harm: !form.get("risk_self_harm").is_empty(),
        risk_threats: !form.get("risk_threats").is_empty(),
        risk_minor: !form.get("risk_minor").is_empty(),
        follow_up_at: form.get("follow_up_at").to_owned(),
        consent_override: form.get("consent_override").to_owned(),
    };
    let r = record(&state, &staff.user, &handle, &w).await;
    crate::cases::show::after_form(&state, &staff, &handle, "counselling", r).await
}

#[derive(Serialize, Deserialize, ToSchema)]
pub struct CounsellingJson {
    pub id: i64,
    pub counsellor: String,
    pub scheduled_at: String,
    pub mode: String,
    pub status: String,
    /// Present only for the session's counsellor and supervisors.
    pub notes: Option<String>,
    pub risk_self_harm: bool,
    pub risk_threats: bool,
    pub risk_minor: bool,
    pub follow_up_at: Option<String>,
}

fn json_of(user: &User, s: CounsellingSession) -> CounsellingJson {
    let may_read = reads_notes(user, &s);
    CounsellingJson {
        id: s.id,
        counsellor: s.counsellor_name,
        scheduled_at: crate::api::rfc3339(s.scheduled_at),
        mode: s.mode,
        status: s.status,
        notes: if may_read { s.notes } else { None },
        risk_self_harm: s.risk_self_harm,
        risk_threats: s.risk_threats,
        risk_minor: s.risk_minor,
        follow_up_at: s.follow_up_at.map(crate::api::rfc3339),
    }
}

/// The case's counselling sessions (notes only for their counsellor and supervisors).
#[utoipa::path(get, path = "/api/v1/cases/{id}/counselling", tag = "counselling", security(("bearer" = [])),
    params(("id" = i64, Path, description = "Case id")),
    responses(
        (status = 200, body = Vec<CounsellingJson>),
        (status = 400, body = crate::web::error::Problem, content_type = "application/problem+json"),
        (status = 401, body = crate::web::error::Problem, content_type = "application/problem+json"),
        (status = 404, body = crate::web::error::Problem, content_type = "application/problem+json"),
    ))]
pub async fn list(
    State(state): State<AppState>,
    api: ApiUser,
    Path(id): Path<i64>,
) -> Result<Json<Vec<CounsellingJson>>, AppError> {
    let handle = access::open(&state, &api.user, id).await?;
    let sessions = state.store.counselling_sessions(handle.id()).await?;
    Ok(Json(sessions.into_iter().map(|s| json_of(&api.user, s)).collect()))
}

/// Records a counselling session (counsellors and supervisors). A risk flag escalates the case.
#[utoipa::path(post, path = "/api/v1/cases/{id}/counselling", tag = "counselling", security(("bearer" = [])),
    params(("id" = i64, Path, description = "Case id")), request_body = CounsellingWrite,
    responses(
        (status = 201, body = Vec<CounsellingJson>),
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
    body: JsonBody<CounsellingWrite>,
) -> Result<(StatusCode, Json<Vec<CounsellingJson>>), AppError> {
    let handle = access::open(&state, &api.user, id).await?;
    let body = body.accept()?;
    record(&state, &api.user, &handle, &body).await?;
    let sessions = state.store.counselling_sessions(handle.id()).await?;
    Ok((StatusCode::CREATED, Json(sessions.into_iter().map(|s| json_of(&api.user, s)).collect())))
}
