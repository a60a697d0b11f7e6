//! The identifier API: extraction, lookup, confirmation, flags and rings.

use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use sahayak_domain::identifiers::{self, Found};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::service::{self, Spreading};
use crate::api::JsonBody;
use crate::cases::access;
use crate::store::{District, Identifier};
use crate::web::error::Problem;
use crate::web::session::ApiUser;
use crate::web::{AppError, AppState};

#[derive(Deserialize, Default, ToSchema)]
#[serde(default)]
pub struct ExtractRequest {
    /// Any text: an SMS, a WhatsApp forward, an e-mail, a narrative (Hindi, English or mixed).
    pub text: String,
}

/// One identifier found in a text.
#[derive(Serialize, Deserialize, ToSchema)]
pub struct FoundJson {
    /// `phone`, `upi`, `email`, `url`, `domain`, `handle`, `bank_account`, `ifsc`, `imei`, `txn_ref` or `crypto`.
    pub kind: String,
    /// The normal form used for matching across cases.
    pub value: String,
    /// As written in the text.
    pub raw: String,
    /// Byte offsets of `raw` in the text.
    pub start: usize,
    pub end: usize,
}

impl From<Found> for FoundJson {
    fn from(f: Found) -> Self {
        FoundJson { kind: f.kind.as_str().to_owned(), value: f.value, raw: f.raw, start: f.start, end: f.end }
    }
}

/// Finds suspect identifiers in a text.
#[utoipa::path(post, path = "/api/v1/extract", tag = "identifiers", security(("bearer" = [])), request_body = ExtractRequest,
    responses(
        (status = 200, body = Vec<FoundJson>),
        (status = 400, description = "Not readable JSON", body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 413, body = Problem, content_type = "application/problem+json"),
        (status = 415, body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn extract(_api: ApiUser, body: JsonBody<ExtractRequest>) -> Result<Json<Vec<FoundJson>>, AppError> {
    let body = body.accept()?;
    Ok(Json(identifiers::extract(&body.text).into_iter().map(FoundJson::from).collect()))
}

#[derive(Serialize, Deserialize, ToSchema)]
pub struct IdentifierJson {
    pub id: i64,
    pub kind: String,
    pub value: String,
    /// `watch`, `genuine` or absent.
    pub flag: Option<String>,
    pub flag_note: Option<String>,
}

impl From<&Identifier> for IdentifierJson {
    fn from(i: &Identifier) -> Self {
        IdentifierJson {
            id: i.id,
            kind: i.kind.as_str().to_owned(),
            value: i.value.clone(),
            flag: i.flag.map(|f| f.code().to_owned()),
            flag_note: i.flag_note.clone(),
        }
    }
}

#[derive(Serialize, Deserialize, ToSchema)]
pub struct DistrictCount {
    pub district: String,
    pub cases: i64,
}

#[derive(Serialize, Deserialize, ToSchema)]
pub struct LinkedCaseJson {
    pub id: i64,
    pub reference: String,
    pub district: String,
    pub status: String,
    pub created_at: String,
}

/// Where an identifier appears: counts in every district, the caller's own cases by name.
#[derive(Serialize, Deserialize, ToSchema)]
pub struct SpreadJson {
    pub identifier: IdentifierJson,
    /// Cases that mention it (other than the one asked about, where there is one).
    pub total_cases: i64,
    pub by_district: Vec<DistrictCount>,
    pub first_reported_at: Option<String>,
    /// The caller's own cases among them, newest first (at most 10).
    pub cases: Vec<LinkedCaseJson>,
}

use crate::api::rfc3339;

fn district_code(districts: &[District], id: i64) -> String {
    districts.iter().find(|d| d.id == id).map(|d| d.code.clone()).unwrap_or_default()
}

fn spread_json(s: &Spreading, districts: &[District]) -> SpreadJson {
    SpreadJson {
        identifier: (&s.identifier).into(),
        total_cases: s.total,
        by_district: s
            .by_district
            .iter()
            .map(|(d, n)| DistrictCount { district: district_code(districts, *d), cases: *n })
            .collect(),
        first_reported_at: s.first_at.map(rfc3339),
        cases: s
            .cases
            .iter()
            .map(|c| LinkedCaseJson {
                id: c.id,
                reference: c.reference.clone(),
                district: district_code(districts, c.district_id),
                status: c.status.code().to_owned(),
                created_at: rfc3339(c.created_at),
            })
            .collect(),
    }
}

/// Which cases mention an identifier. The value may be written any way the extractor
/// understands (`+91-98765-43210`, `Refund.SBI@YBL`, `hxxp://x[.]in`); it is normalised first.
#[utoipa::path(get, path = "/api/v1/identifiers/{kind}/{value}/cases", tag = "identifiers", security(("bearer" = [])),
    params(IdentifierPath),
    responses(
        (status = 200, body = SpreadJson),
        (status = 400, body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No case mentions it", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Not an identifier of that kind", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn cases(
    State(state): State<AppState>,
    api: ApiUser,
    Path((kind, value)): Path<(String, String)>,
) -> Result<Json<SpreadJson>, AppError> {
    let found = service::lookup(&state, &api.user, &kind, &value).await?.ok_or(AppError::NotFound)?;
    let districts = state.districts().await?;
    Ok(Json(spread_json(&found, &districts)))
}

#[derive(Deserialize, Default, ToSchema)]
#[serde(default)]
pub struct FlagWrite {
    /// `watch`, `genuine`, or `none` to clear.
    #[schema(required = true, schema_with = flag_schema)]
    pub flag: String,
    #[schema(max_length = 500)]
    pub note: Option<String>,
}

fn flag_schema() -> utoipa::openapi::schema::Object {
    utoipa::openapi::schema::ObjectBuilder::new()
        .schema_type(utoipa::openapi::schema::Type::String)
        .enum_values(Some(["watch", "genuine", "none"]))
        .build()
}

/// Puts an identifier on the watch-list (alerts when it appears in a case), marks it genuine
/// (never links cases), or clears its flag. Police liaisons, supervisors and admins only.
#[utoipa::path(put, path = "/api/v1/identifiers/{kind}/{value}/flag", tag = "identifiers", security(("bearer" = [])),
    params(IdentifierPath),
    request_body = FlagWrite,
    responses(
        (status = 200, body = IdentifierJson),
        (status = 400, body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 415, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn flag(
    State(state): State<AppState>,
    api: ApiUser,
    Path((kind, value)): Path<(String, String)>,
    body: JsonBody<FlagWrite>,
) -> Result<Json<IdentifierJson>, AppError> {
    let body = body.accept()?;
    let ident =
        service::set_flag(&state, &api.user, &kind, &value, &body.flag, body.note.as_deref().unwrap_or_default())
            .await?;
    Ok(Json((&ident).into()))
}

#[derive(Serialize, Deserialize, ToSchema)]
pub struct ConfirmedJson {
    pub identifier: IdentifierJson,
    pub raw: String,
    /// `narrative`, `suspect`, `pasted` or `manual`.
    pub source: String,
    pub confirmed_at: String,
    /// Where else it appears.
    pub spread: SpreadJson,
}

#[derive(Serialize, Deserialize, ToSchema)]
pub struct CaseIdentifiersJson {
    pub confirmed: Vec<ConfirmedJson>,
    /// Found in the case's text and not yet confirmed.
    pub proposed: Vec<FoundJson>,
}

/// A case's confirmed identifiers (with where else each appears) and the ones proposed from
/// its text.
#[utoipa::path(get, path = "/api/v1/cases/{id}/identifiers", tag = "identifiers", security(("bearer" = [])),
    params(("id" = i64, Path, description = "Case id")),
    responses(
        (status = 200, body = CaseIdentifiersJson),
        (status = 400, body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn for_case(
    State(state): State<AppState>,
    api: ApiUser,
    Path(id): Path<i64>,
) -> Result<Json<CaseIdentifiersJson>, AppError> {
    let handle = access::open(&state, &api.user, id).await?;
    let districts = state.districts().await?;
    let (confirmed, spread) = service::case_links(&state, &api.user, &handle).await?;
    let proposed = service::proposals(&handle, &confirmed)
        .into_iter()
        .map(|p| FoundJson { kind: p.kind.as_str().to_owned(), value: p.value, raw: p.raw, start: 0, end: 0 })
        .collect();
    Ok(Json(CaseIdentifiersJson {
        confirmed: confirmed
            .iter()
            .zip(spread.iter())
            .map(|(c, s)| ConfirmedJson {
                identifier: (&c.identifier).into(),
                raw: c.raw.clone(),
                source: c.source.clone(),
                confirmed_at: rfc3339(c.confirmed_at),
                spread: spread_json(s, &districts),
            })
            .collect(),
        proposed,
    }))
}

#[derive(Serialize, Deserialize, Default, ToSchema)]
#[serde(default)]
pub struct PickJson {
    /// Optional: guessed from the value when left out.
    #[schema(schema_with = identifier_kind_or_none)]
    pub kind: Option<String>,
    #[schema(required = true, pattern = "@text")]
    pub value: String,
}

#[derive(Serialize, Deserialize, Default, ToSchema)]
#[serde(default)]
pub struct ConfirmWrite {
    #[schema(required = true, min_items = 1, max_items = 200)]
    pub identifiers: Vec<PickJson>,
}

/// The kinds of identifier (`upi`, `phone`, ...).
pub fn identifier_kind() -> utoipa::openapi::schema::Object {
    let kinds: Vec<&str> = identifiers::IdKind::ALL.iter().map(|k| k.as_str()).collect();
    crate::api::schema::choice(&kinds)
}

fn identifier_kind_or_none() -> utoipa::openapi::schema::Object {
    let kinds: Vec<&str> = identifiers::IdKind::ALL.iter().map(|k| k.as_str()).collect();
    crate::api::schema::choice_or_none(&kinds)
}

/// An identifier named in a path: its kind and its value.
#[derive(utoipa::IntoParams)]
#[into_params(parameter_in = Path)]
#[allow(dead_code)]
pub struct IdentifierPath {
    /// Identifier kind
    #[param(schema_with = identifier_kind)]
    kind: String,
    /// The identifier, URL-encoded
    value: String,
}

/// Confirms identifiers on a case (proposed ones or any others), linking it to every case
/// that mentions them. Returns those newly linked.
#[utoipa::path(post, path = "/api/v1/cases/{id}/identifiers", tag = "identifiers", security(("bearer" = [])),
    params(("id" = i64, Path, description = "Case id")), request_body = ConfirmWrite,
    responses(
        (status = 200, body = Vec<IdentifierJson>),
        (status = 400, body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 415, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn confirm(
    State(state): State<AppState>,
    api: ApiUser,
    Path(id): Path<i64>,
    body: JsonBody<ConfirmWrite>,
) -> Result<Json<Vec<IdentifierJson>>, AppError> {
    let handle = access::open(&state, &api.user, id).await?;
    crate::cases::access::require(&api.user, sahayak_domain::access::CaseAction::Edit)?;
    let body = body.accept()?;
    if body.identifiers.len() > 200 {
        return Err(AppError::invalid("identifiers", "error-too-long"));
    }
    let picked: Vec<(String, String)> =
        body.identifiers.into_iter().map(|p| (p.kind.unwrap_or_default(), p.value)).collect();
    let added = service::confirm(&state, &api.user, &handle, &picked).await?;
    Ok(Json(added.iter().map(IdentifierJson::from).collect()))
}

/// Removes an identifier confirmed on a case by mistake.
#[utoipa::path(delete, path = "/api/v1/cases/{id}/identifiers/{identifier_id}", tag = "identifiers", security(("bearer" = [])),
    params(("id" = i64, Path, description = "Case id"), ("identifier_id" = i64, Path, description = "Identifier id")),
    responses(
        (status = 204, description = "Removed"),
        (status = 400, body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn remove(
    State(state): State<AppState>,
    api: ApiUser,
    Path((id, identifier_id)): Path<(i64, i64)>,
) -> Result<StatusCode, AppError> {
    let handle = access::open(&state, &api.user, id).await?;
    service::unlink(&state, &api.user, &handle, identifier_id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// A fraud ring: cases tied together by shared identifiers.
#[derive(Serialize, Deserialize, ToSchema)]
pub struct RingJson {
    /// The id of the ring's oldest case.
    pub id: i64,
    pub total_cases: usize,
    pub by_district: Vec<DistrictCount>,
    /// Money reported lost across all its cases, in paise.
    pub money_lost_paise: i64,
    /// Money put on hold and money restored across all its cases, in paise.
    pub money_held_paise: i64,
    pub money_restored_paise: i64,
    /// The identifiers its cases share.
    pub identifiers: Vec<IdentifierJson>,
    /// The caller's own cases in the ring.
    pub cases: Vec<LinkedCaseJson>,
}

pub fn ring_json(r: &service::RingView, districts: &[District]) -> RingJson {
    RingJson {
        id: r.id,
        total_cases: r.total_cases,
        by_district: r
            .by_district
            .iter()
            .map(|(d, n)| DistrictCount { district: district_code(districts, *d), cases: *n })
            .collect(),
        money_lost_paise: r.money_paise,
        money_held_paise: r.totals.held_paise,
        money_restored_paise: r.totals.restored_paise,
        identifiers: r.identifiers.iter().map(IdentifierJson::from).collect(),
        cases: r
            .cases
            .iter()
            .map(|c| LinkedCaseJson {
                id: c.id,
                reference: c.reference.clone(),
                district: district_code(districts, c.district_id),
                status: c.status.code().to_owned(),
                created_at: rfc3339(c.created_at),
            })
            .collect(),
    }
}

#[derive(Deserialize, Default, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct RingsQuery {
    /// How many rings (1–200, default 50).
    #[serde(default)]
    #[param(value_type = Option<i64>, minimum = 1, maximum = 200)]
    pub limit: Option<String>,
}

/// Fraud rings touching the caller's districts, largest first.
#[utoipa::path(get, path = "/api/v1/rings", tag = "identifiers", security(("bearer" = [])), params(RingsQuery),
    responses(
        (status = 200, body = Vec<RingJson>),
        (status = 400, body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn rings(
    State(state): State<AppState>,
    api: ApiUser,
    crate::api::QueryParams(q): crate::api::QueryParams<RingsQuery>,
) -> Result<Json<Vec<RingJson>>, AppError> {
    let limit = match q.limit.as_deref().map(str::trim) {
        None | Some("") => 50,
        Some(l) => match l.parse::<usize>() {
            Ok(n) if (1..=200).contains(&n) => n,
            _ => return Err(AppError::invalid("limit", "error-limit")),
        },
    };
    let districts = state.districts().await?;
    let found = service::rings(&state, &api.user, limit).await?;
    Ok(Json(found.iter().map(|r| ring_json(r, &districts)).collect()))
}

/// One fraud ring, named by its oldest case's id.
#[utoipa::path(get, path = "/api/v1/rings/{id}", tag = "identifiers", security(("bearer" = [])),
    params(("id" = i64, Path, description = "The id of the ring's oldest case")),
    responses(
        (status = 200, body = RingJson),
        (status = 400, body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn ring(
    State(state): State<AppState>,
    api: ApiUser,
    Path(id): Path<i64>,
) -> Result<Json<RingJson>, AppError> {
    let districts = state.districts().await?;
    let ring = service::ring(&state, &api.user, id).await?.ok_or(AppError::NotFound)?;
    Ok(Json(ring_json(&ring, &districts)))
}
