//! The case API under `/api/v1/cases`: the same use-cases as the pages, as JSON.

use axum::Json;
use axum::extract::{Path, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::access;
use super::input::CaseInput;
use super::service::{self, ListQuery};
use crate::api::JsonBody;
use crate::store::{Case, CaseEvent, CaseSummary, District};
use crate::web::error::Problem;
use crate::web::session::ApiUser;
use crate::web::{AppError, AppState};

use crate::api::rfc3339;

/// A case as the API shows it. Times are RFC 3339 (UTC); money is in paise (1 ₹ = 100 paise).
#[derive(Serialize, Deserialize, ToSchema)]
pub struct CaseJson {
    pub id: i64,
    /// Human-friendly reference, unique across districts, e.g. `JPR-2026-000123`.
    pub reference: String,
    /// District code.
    pub district: String,
    /// `new`, `in_progress`, `referred`, `awaiting_victim`, `awaiting_police`, `awaiting_bank` or `closed`.
    #[schema(schema_with = crate::api::schema::status)]
    pub status: String,
    #[schema(schema_with = crate::api::schema::closure_reason)]
    pub closure_reason: Option<String>,
    pub assignee_id: Option<i64>,
    pub assignee_name: Option<String>,
    /// `walk_in`, `helpline_call`, `whatsapp_helpline` or `police_referral`.
    #[schema(schema_with = crate::api::schema::channel)]
    pub channel: String,
    pub victim_name: String,
    /// E.164, e.g. `+919876543210`.
    pub victim_mobile: String,
    /// `hi` or `en`.
    #[schema(schema_with = crate::api::schema::lang)]
    pub victim_lang: String,
    pub victim_age: Option<i64>,
    #[schema(schema_with = crate::api::schema::gender)]
    pub victim_gender: Option<String>,
    pub victim_address: Option<String>,
    pub narrative: String,
    pub incident_at: Option<String>,
    pub noticed_at: Option<String>,
    /// The portal taxonomy version the category strings come from.
    pub taxonomy_version: String,
    /// The portal's category, exactly as the portal writes it, or `Other`.
    pub category: String,
    pub sub_category: Option<String>,
    pub category_other: Option<String>,
    #[schema(schema_with = crate::api::schema::scam_pattern)]
    pub scam_pattern: String,
    pub amount_lost_paise: Option<i64>,
    #[schema(schema_with = crate::api::schema::payment_channel)]
    pub payment_channel: Option<String>,
    pub suspect_details: Option<String>,
    pub pasted_messages: Option<String>,
    /// `yes` or `no`: did money leave the victim's account.
    pub money_left: Option<String>,
    pub money_left_at: Option<String>,
    /// Money left recently and the golden-hour actions are not all done.
    pub urgent: bool,
    /// The nearest open deadline or task.
    pub next_due_at: Option<String>,
    pub created_at: String,
    pub updated_at: String,
    /// Send back as `version` when updating, to avoid overwriting someone else's change.
    pub version: i64,
}

impl CaseJson {
    fn new(c: Case, districts: &[District]) -> CaseJson {
        let f = c.fields;
        CaseJson {
            id: c.id,
            reference: c.reference,
            district: districts.iter().find(|d| d.id == c.district_id).map(|d| d.code.clone()).unwrap_or_default(),
            status: c.status.code().into(),
            closure_reason: c.closure_reason.map(|r| r.code().into()),
            assignee_id: c.assignee_id,
            assignee_name: c.assignee_name,
            channel: f.channel.code().into(),
            victim_name: f.victim_name,
            victim_mobile: f.victim_mobile,
            victim_lang: f.victim_lang.code().into(),
            victim_age: f.victim_age,
            victim_gender: f.victim_gender.map(|g| g.code().into()),
            victim_address: f.victim_address,
            narrative: f.narrative,
            incident_at: f.incident_at.map(rfc3339),
            noticed_at: f.noticed_at.map(rfc3339),
            taxonomy_version: f.taxonomy_version,
            category: f.category,
            sub_category: f.sub_category,
            category_other: f.category_other,
            scam_pattern: f.scam_pattern.code().into(),
            amount_lost_paise: f.amount_lost_paise,
            payment_channel: f.payment_channel.map(|p| p.code().into()),
            suspect_details: f.suspect_details,
            pasted_messages: f.pasted_messages,
            money_left: f.money_left.map(|m| m.code().into()),
            money_left_at: f.money_left_at.map(rfc3339),
            urgent: c.urgent,
            next_due_at: c.next_due_at.map(rfc3339),
            created_at: rfc3339(c.created_at),
            updated_at: rfc3339(c.updated_at),
            version: c.version,
        }
    }
}

/// The fields of a new case. Codes are the same as in [`CaseJson`].
#[derive(Deserialize, Default, ToSchema)]
#[serde(default)]
pub struct CaseWrite {
    /// District code; may be left out when the user works in one district.
    #[schema(pattern = "@district")]
    pub district: Option<String>,
    #[schema(required = true, schema_with = crate::api::schema::channel)]
    pub channel: Option<String>,
    #[schema(required = true, pattern = "@text", max_length = 200)]
    pub victim_name: Option<String>,
    /// Any common writing of an Indian mobile (`98765 43210`, `+91-98765-43210`), or `+<country>...`.
    #[schema(required = true, pattern = "@text")]
    pub victim_mobile: Option<String>,
    #[schema(schema_with = crate::api::schema::lang_in)]
    pub victim_lang: Option<String>,
    #[schema(minimum = 1, maximum = 120)]
    pub victim_age: Option<i64>,
    #[schema(schema_with = crate::api::schema::gender)]
    pub victim_gender: Option<String>,
    #[schema(max_length = 1000)]
    pub victim_address: Option<String>,
    #[schema(required = true, pattern = "@text", max_length = 20000)]
    pub narrative: Option<String>,
    /// RFC 3339, or a local IST time `YYYY-MM-DDTHH:MM`.
    pub incident_at: Option<String>,
    pub noticed_at: Option<String>,
    #[schema(required = true, schema_with = crate::api::schema::category)]
    pub category: Option<String>,
    #[schema(schema_with = crate::api::schema::sub_category_in)]
    pub sub_category: Option<String>,
    pub category_other: Option<String>,
    #[schema(required = true, schema_with = crate::api::schema::scam_pattern)]
    pub scam_pattern: Option<String>,
    #[schema(minimum = 0, maximum = 10_000_000_000_000_i64)]
    pub amount_lost_paise: Option<i64>,
    #[schema(schema_with = crate::api::schema::payment_channel)]
    pub payment_channel: Option<String>,
    #[schema(max_length = 5000)]
    pub suspect_details: Option<String>,
    /// SMS, WhatsApp or e-mail text as the victim received it; searched for identifiers.
    #[schema(max_length = 20000)]
    pub pasted_messages: Option<String>,
    /// The first question at the desk: did money leave the victim's account (`yes`/`no`)?
    #[schema(schema_with = crate::api::schema::money_left)]
    pub money_left: Option<String>,
    /// When the money left (RFC 3339 or IST local time); required when `money_left` is `yes`.
    pub money_left_at: Option<String>,
    /// Only at creation; later use `/assign`.
    pub assignee_id: Option<i64>,
}

/// A change to a case's recorded facts: only the fields sent change (send `""` to clear an
/// optional field). The district and the assignee are not changed here (a case stays in its
/// district; `/assign` assigns): sending them is refused by name, like any unknown field.
#[derive(Deserialize, Default, ToSchema)]
#[serde(default)]
pub struct CaseChange {
    #[schema(schema_with = crate::api::schema::channel_in)]
    pub channel: Option<String>,
    #[schema(pattern = "@text", max_length = 200)]
    pub victim_name: Option<String>,
    /// Any common writing of an Indian mobile (`98765 43210`, `+91-98765-43210`), or `+<country>...`.
    #[schema(pattern = "@text")]
    pub victim_mobile: Option<String>,
    #[schema(schema_with = crate::api::schema::lang_in)]
    pub victim_lang: Option<String>,
    #[schema(minimum = 1, maximum = 120)]
    pub victim_age: Option<i64>,
    #[schema(schema_with = crate::api::schema::gender)]
    pub victim_gender: Option<String>,
    #[schema(max_length = 1000)]
    pub victim_address: Option<String>,
    #[schema(pattern = "@text", max_length = 20000)]
    pub narrative: Option<String>,
    /// RFC 3339, or a local IST time `YYYY-MM-DDTHH:MM`.
    pub incident_at: Option<String>,
    pub noticed_at: Option<String>,
    #[schema(schema_with = crate::api::schema::category_in)]
    pub category: Option<String>,
    #[schema(schema_with = crate::api::schema::sub_category_in)]
    pub sub_category: Option<String>,
    pub category_other: Option<String>,
    #[schema(schema_with = crate::api::schema::scam_pattern_in)]
    pub scam_pattern: Option<String>,
    #[schema(minimum = 0, maximum = 10_000_000_000_000_i64)]
    pub amount_lost_paise: Option<i64>,
    #[schema(schema_with = crate::api::schema::payment_channel)]
    pub payment_channel: Option<String>,
    #[schema(max_length = 5000)]
    pub suspect_details: Option<String>,
    /// SMS, WhatsApp or e-mail text as the victim received it; searched for identifiers.
    #[schema(max_length = 20000)]
    pub pasted_messages: Option<String>,
    /// The first question at the desk: did money leave the victim's account (`yes`/`no`)?
    #[schema(schema_with = crate::api::schema::money_left)]
    pub money_left: Option<String>,
    /// When the money left (RFC 3339 or IST local time); required when `money_left` is `yes`.
    pub money_left_at: Option<String>,
    /// The `version` you read: a case changed since by someone else is not overwritten (409).
    pub version: Option<i64>,
}

impl From<CaseChange> for CaseWrite {
    fn from(c: CaseChange) -> CaseWrite {
        CaseWrite {
            district: None,
            channel: c.channel,
            victim_name: c.victim_name,
            victim_mobile: c.victim_mobile,
            victim_lang: c.victim_lang,
            victim_age: c.victim_age,
            victim_gender: c.victim_gender,
            victim_address: c.victim_address,
            narrative: c.narrative,
            incident_at: c.incident_at,
            noticed_at: c.noticed_at,
            category: c.category,
            sub_category: c.sub_category,
            category_other: c.category_other,
            scam_pattern: c.scam_pattern,
            amount_lost_paise: c.amount_lost_paise,
            payment_channel: c.payment_channel,
            suspect_details: c.suspect_details,
            pasted_messages: c.pasted_messages,
            money_left: c.money_left,
            money_left_at: c.money_left_at,
            assignee_id: None,
        }
    }
}

impl CaseWrite {
    /// Lays the sent fields over `base` (empty for a new case).
    fn apply(self, mut base: CaseInput) -> CaseInput {
        fn set(target: &mut String, v: Option<String>) {
            if let Some(v) = v {
                *target = v;
            }
        }
        set(&mut base.district, self.district);
        set(&mut base.channel, self.channel);
        set(&mut base.victim_name, self.victim_name);
        set(&mut base.victim_mobile, self.victim_mobile);
        set(&mut base.victim_lang, self.victim_lang);
        if let Some(age) = self.victim_age {
            base.victim_age = age.to_string();
        }
        set(&mut base.victim_gender, self.victim_gender);
        set(&mut base.victim_address, self.victim_address);
        set(&mut base.narrative, self.narrative);
        set(&mut base.incident_at, self.incident_at);
        set(&mut base.noticed_at, self.noticed_at);
        if self.category.is_some() {
            // A new category invalidates the old sub-category unless one is sent too.
            base.sub_category = String::new();
        }
        set(&mut base.category, self.category);
        set(&mut base.sub_category, self.sub_category);
        set(&mut base.category_other, self.category_other);
        set(&mut base.scam_pattern, self.scam_pattern);
        if let Some(p) = self.amount_lost_paise {
            base.amount_lost_paise = Some(p);
        }
        set(&mut base.payment_channel, self.payment_channel);
        set(&mut base.suspect_details, self.suspect_details);
        set(&mut base.pasted_messages, self.pasted_messages);
        set(&mut base.money_left, self.money_left);
        set(&mut base.money_left_at, self.money_left_at);
        if let Some(a) = self.assignee_id {
            base.assignee = a.to_string();
        }
        base
    }
}

#[derive(Serialize, Deserialize, ToSchema)]
pub struct CaseSummaryJson {
    pub id: i64,
    pub reference: String,
    pub district: String,
    #[schema(schema_with = crate::api::schema::status)]
    pub status: String,
    pub category: String,
    pub sub_category: Option<String>,
    #[schema(schema_with = crate::api::schema::scam_pattern)]
    pub scam_pattern: String,
    pub victim_name: String,
    pub amount_lost_paise: Option<i64>,
    pub assignee_name: Option<String>,
    pub created_at: String,
}

#[derive(Serialize, Deserialize, ToSchema)]
pub struct CaseListJson {
    pub items: Vec<CaseSummaryJson>,
    /// Pass as `before` to get the next page; absent on the last page.
    pub next: Option<i64>,
}

fn summary(c: CaseSummary, districts: &[District]) -> CaseSummaryJson {
    CaseSummaryJson {
        id: c.id,
        reference: c.reference,
        district: districts.iter().find(|d| d.id == c.district_id).map(|d| d.code.clone()).unwrap_or_default(),
        status: c.status.code().into(),
        category: c.category,
        sub_category: c.sub_category,
        scam_pattern: c.scam_pattern.code().into(),
        victim_name: c.victim_name,
        amount_lost_paise: c.amount_lost_paise,
        assignee_name: c.assignee_name,
        created_at: rfc3339(c.created_at),
    }
}

#[derive(Serialize, Deserialize, ToSchema)]
pub struct EventJson {
    pub id: i64,
    pub at: String,
    pub actor_id: i64,
    pub actor_name: String,
    /// `created`, `note`, `status`, `assigned` or `edited`.
    pub kind: String,
    pub body: Option<String>,
    pub from_status: Option<String>,
    pub to_status: Option<String>,
    pub closure_reason: Option<String>,
    pub assignee_name: Option<String>,
}

impl From<CaseEvent> for EventJson {
    fn from(e: CaseEvent) -> Self {
        EventJson {
            id: e.id,
            at: rfc3339(e.at),
            actor_id: e.actor_id,
            actor_name: e.actor_name,
            kind: e.kind,
            body: e.body,
            from_status: e.from_status.map(|s| s.code().into()),
            to_status: e.to_status.map(|s| s.code().into()),
            closure_reason: e.closure_reason.map(|r| r.code().into()),
            assignee_name: e.assignee_name,
        }
    }
}

#[derive(Deserialize, Default, ToSchema)]
#[serde(default)]
pub struct NoteWrite {
    #[schema(required = true, pattern = "@text", max_length = 10000)]
    pub body: String,
}

#[derive(Deserialize, Default, ToSchema)]
#[serde(default)]
pub struct StatusWrite {
    #[schema(required = true, schema_with = crate::api::schema::status)]
    pub status: String,
    /// Required when closing: `resolved`, `money_restored`, `handed_to_police`, `victim_not_pursuing`,
    /// `unreachable`, `no_cognizable_offence`, `duplicate` or `advice_only`.
    #[schema(schema_with = crate::api::schema::closure_reason)]
    pub closure_reason: Option<String>,
    #[schema(max_length = 10000)]
    pub note: Option<String>,
    /// Moving to `referred` needs the victim's consent to a referral; without it a supervisor
    /// (or admin) may go ahead by giving the reason here, which the audit log keeps.
    pub consent_override: Option<String>,
}

#[derive(Deserialize, Default, ToSchema)]
#[serde(default)]
pub struct AssignWrite {
    /// A user id, or null to unassign.
    pub assignee_id: Option<i64>,
}

/// Lists and searches cases, newest first, one page at a time.
#[utoipa::path(get, path = "/api/v1/cases", tag = "cases", security(("bearer" = [])), params(ListQuery),
    responses(
        (status = 200, body = CaseListJson),
        (status = 400, description = "A parameter or body that could not be read", body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "A filter is not valid", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn list(
    State(state): State<AppState>,
    api: ApiUser,
    crate::api::QueryParams(q): crate::api::QueryParams<ListQuery>,
) -> Result<Json<CaseListJson>, AppError> {
    let page = service::list(&state, &api.user, &q).await?;
    let districts = state.districts().await?;
    Ok(Json(CaseListJson { items: page.items.into_iter().map(|c| summary(c, &districts)).collect(), next: page.next }))
}

/// Registers a case.
#[utoipa::path(post, path = "/api/v1/cases", tag = "cases", security(("bearer" = [])), request_body = CaseWrite,
    responses(
        (status = 201, body = CaseJson),
        (status = 400, description = "A parameter or body that could not be read", body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 415, body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Fields to correct", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn create(
    State(state): State<AppState>,
    api: ApiUser,
    body: JsonBody<CaseWrite>,
) -> Result<Response, AppError> {
    let body = body.accept()?;
    let input = body.apply(CaseInput::default());
    let case = crate::intake::register::create(&state, &api.user, &input).await?;
    let districts = state.districts().await?;
    let location = format!("/api/v1/cases/{}", case.id);
    Ok((StatusCode::CREATED, [(header::LOCATION, location)], Json(CaseJson::new(case, &districts))).into_response())
}

/// Reads one case.
#[utoipa::path(get, path = "/api/v1/cases/{id}", tag = "cases", security(("bearer" = [])),
    params(("id" = i64, Path, description = "Case id")),
    responses(
        (status = 200, body = CaseJson),
        (status = 400, description = "A parameter or body that could not be read", body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn get(State(state): State<AppState>, api: ApiUser, Path(id): Path<i64>) -> Result<Json<CaseJson>, AppError> {
    let handle = access::open(&state, &api.user, id).await?;
    let districts = state.districts().await?;
    Ok(Json(CaseJson::new(handle.into_case(), &districts)))
}

/// Changes a case's recorded facts; only the fields sent change.
#[utoipa::path(patch, path = "/api/v1/cases/{id}", tag = "cases", security(("bearer" = [])),
    params(("id" = i64, Path, description = "Case id")), request_body = CaseChange,
    responses(
        (status = 200, body = CaseJson),
        (status = 400, description = "A parameter or body that could not be read", body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Changed by someone else since `version`", body = Problem, content_type = "application/problem+json"),
        (status = 415, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn update(
    State(state): State<AppState>,
    api: ApiUser,
    Path(id): Path<i64>,
    body: JsonBody<CaseChange>,
) -> Result<Json<CaseJson>, AppError> {
    let handle = access::open(&state, &api.user, id).await?;
    let body = body.accept()?;
    let districts = state.districts().await?;
    let district = districts.iter().find(|d| d.id == handle.case().district_id).ok_or(AppError::NotFound)?;
    let version = body.version;
    let input = CaseWrite::from(body).apply(CaseInput::from_case(handle.case(), district));
    let case = service::update(&state, &api.user, &handle, &input, version).await?;
    Ok(Json(CaseJson::new(case, &districts)))
}

/// The case's timeline: registration, notes, status changes, assignments and edits.
#[utoipa::path(get, path = "/api/v1/cases/{id}/events", tag = "cases", security(("bearer" = [])),
    params(("id" = i64, Path, description = "Case id")),
    responses(
        (status = 200, body = Vec<EventJson>),
        (status = 400, description = "A parameter or body that could not be read", body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn events(
    State(state): State<AppState>,
    api: ApiUser,
    Path(id): Path<i64>,
) -> Result<Json<Vec<EventJson>>, AppError> {
    let handle = access::open(&state, &api.user, id).await?;
    Ok(Json(service::timeline(&state, &handle).await?.into_iter().map(EventJson::from).collect()))
}

/// Adds a note to the timeline.
#[utoipa::path(post, path = "/api/v1/cases/{id}/notes", tag = "cases", security(("bearer" = [])),
    params(("id" = i64, Path, description = "Case id")), request_body = NoteWrite,
    responses(
        (status = 201, body = EventJson),
        (status = 400, description = "A parameter or body that could not be read", body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 415, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn add_note(
    State(state): State<AppState>,
    api: ApiUser,
    Path(id): Path<i64>,
    body: JsonBody<NoteWrite>,
) -> Result<(StatusCode, Json<EventJson>), AppError> {
    let handle = access::open(&state, &api.user, id).await?;
    let body = body.accept()?;
    let event = service::add_note(&state, &api.user, &handle, &body.body).await?;
    Ok((StatusCode::CREATED, Json(event.into())))
}

/// Moves the case along the workflow (closing needs a reason).
#[utoipa::path(post, path = "/api/v1/cases/{id}/status", tag = "cases", security(("bearer" = [])),
    params(("id" = i64, Path, description = "Case id")), request_body = StatusWrite,
    responses(
        (status = 200, body = CaseJson),
        (status = 400, description = "A parameter or body that could not be read", body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 409, body = Problem, content_type = "application/problem+json"),
        (status = 415, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn change_status(
    State(state): State<AppState>,
    api: ApiUser,
    Path(id): Path<i64>,
    body: JsonBody<StatusWrite>,
) -> Result<Json<CaseJson>, AppError> {
    let handle = access::open(&state, &api.user, id).await?;
    let body = body.accept()?;
    let case = service::change_status(
        &state,
        &api.user,
        &handle,
        &body.status,
        body.closure_reason.as_deref().unwrap_or_default(),
        body.note.as_deref().unwrap_or_default(),
        body.consent_override.as_deref().unwrap_or_default(),
    )
    .await?;
    let districts = state.districts().await?;
    Ok(Json(CaseJson::new(case, &districts)))
}

/// Gives the case to a staff member of its district (or to nobody).
#[utoipa::path(post, path = "/api/v1/cases/{id}/assign", tag = "cases", security(("bearer" = [])),
    params(("id" = i64, Path, description = "Case id")), request_body = AssignWrite,
    responses(
        (status = 200, body = CaseJson),
        (status = 400, description = "A parameter or body that could not be read", body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 415, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn assign(
    State(state): State<AppState>,
    api: ApiUser,
    Path(id): Path<i64>,
    body: JsonBody<AssignWrite>,
) -> Result<Json<CaseJson>, AppError> {
    let handle = access::open(&state, &api.user, id).await?;
    let body = body.accept()?;
    let who = body.assignee_id.map(|a| a.to_string()).unwrap_or_default();
    let case = service::assign(&state, &api.user, &handle, &who).await?;
    let districts = state.districts().await?;
    Ok(Json(CaseJson::new(case, &districts)))
}
