//! The evidence API under `/api/v1/cases/{id}/evidence`: the same use-cases as the pages.

use axum::Json;
use axum::body::Body;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use sahayak_domain::evidence::Entry;
use serde::{Deserialize, Serialize};
use tokio_util::io::ReaderStream;
use utoipa::{IntoParams, ToSchema};

use super::receive::{Upload, check_announced_size, receive};
use super::spool::CHUNK;
use super::verify::{self, describe};
use super::{bundle, derive, pages, service};
use crate::api::JsonBody;
use crate::cases::access;
use crate::store::EvidenceItem;
use crate::web::error::Problem;
use crate::web::i18n::catalogs;
use crate::web::session::ApiUser;
use crate::web::{AppError, AppState};

fn rfc3339(ms: i64) -> String {
    sahayak_domain::time::from_millis(ms).to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
}

/// One custody entry. `hash` is SHA-256 over the entry's fields and `prev_hash` (the previous
/// entry's `hash`; 64 zeros for the first).
#[derive(Serialize, Deserialize, ToSchema)]
pub struct CustodyJson {
    pub seq: i64,
    pub at: String,
    pub actor_id: i64,
    pub actor_name: String,
    /// `received`, `derived`, `viewed`, `downloaded`, `exported`, `copied` or `handed_to_police`.
    pub action: String,
    pub reason: Option<String>,
    pub prev_hash: String,
    pub hash: String,
}

impl From<Entry> for CustodyJson {
    fn from(e: Entry) -> Self {
        CustodyJson {
            seq: e.seq,
            at: rfc3339(e.at),
            actor_id: e.actor_id,
            actor_name: e.actor_name,
            action: e.action,
            reason: e.reason,
            prev_hash: e.prev_hash,
            hash: e.hash,
        }
    }
}

/// An evidence item: a stored file (by its SHA-256) linked to a case, with how it was captured.
#[derive(Serialize, Deserialize, ToSchema)]
pub struct EvidenceItemJson {
    pub id: i64,
    pub case_id: i64,
    /// SHA-256 of the bytes as received, 64 lowercase hex digits.
    pub sha256: String,
    pub size_bytes: i64,
    /// Detected from the bytes, not from the name.
    pub mime: String,
    /// The name the file was sent with (a fact about it, never a path).
    pub original_name: String,
    pub description: Option<String>,
    pub capture_method: Option<String>,
    pub device_type: Option<String>,
    pub device_make_model: Option<String>,
    /// IMEI, serial number, MAC, cloud account id...
    pub device_id: Option<String>,
    pub captured_by: Option<String>,
    pub captured_at: Option<String>,
    pub captured_where: Option<String>,
    /// For a derived copy, the item it was made from.
    pub derived_from: Option<i64>,
    pub victim_supplied: bool,
    pub created_by: i64,
    pub created_by_name: String,
    pub created_at: String,
    /// The chain of custody (on a single item's page only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub custody: Option<Vec<CustodyJson>>,
}

impl EvidenceItemJson {
    fn new(i: EvidenceItem, custody: Option<Vec<Entry>>) -> EvidenceItemJson {
        let c = i.capture;
        EvidenceItemJson {
            id: i.id,
            case_id: i.case_id,
            sha256: i.sha256,
            size_bytes: i.size_bytes,
            mime: i.mime,
            original_name: i.original_name,
            description: i.description,
            capture_method: c.method,
            device_type: c.device_type,
            device_make_model: c.device_make_model,
            device_id: c.device_id,
            captured_by: c.captured_by,
            captured_at: c.captured_at.map(rfc3339),
            captured_where: c.captured_where,
            derived_from: i.derived_from,
            victim_supplied: i.victim_supplied,
            created_by: i.created_by,
            created_by_name: i.created_by_name,
            created_at: rfc3339(i.created_at),
            custody: custody.map(|c| c.into_iter().map(CustodyJson::from).collect()),
        }
    }
}

#[derive(Serialize, Deserialize, ToSchema)]
pub struct EvidenceListJson {
    pub items: Vec<EvidenceItemJson>,
}

/// The upload's parts. Every text part applies to all files of the request.
#[derive(ToSchema)]
#[allow(dead_code)]
pub struct UploadForm {
    /// One or more files (repeat the part).
    #[schema(value_type = Vec<String>, format = Binary, min_items = 1)]
    file: Vec<String>,
    description: Option<String>,
    /// `screenshot`, `screen_recording`, `app_export`, `download`, `email_saved`, `call_recording`,
    /// `photo`, `device_copy` or `other`.
    #[schema(schema_with = capture_methods)]
    capture_method: Option<String>,
    /// The s.63 Schedule's checklist: `mobile`, `computer_storage`, `dvr`, `flash_drive`, `cd_dvd`,
    /// `server`, `cloud` or `other`.
    #[schema(schema_with = device_types)]
    device_type: Option<String>,
    device_make_model: Option<String>,
    /// IMEI (checked when the device is a mobile), serial number, MAC or cloud id.
    device_id: Option<String>,
    captured_by: Option<String>,
    /// RFC 3339, or a local IST time `YYYY-MM-DDTHH:MM`.
    captured_at: Option<String>,
    captured_where: Option<String>,
    /// Id of the item (of the same case) these files are derived copies of.
    derived_from: Option<String>,
    /// `true` when the victim supplied the files themselves.
    victim_supplied: Option<String>,
}

#[derive(Deserialize, Default, ToSchema)]
#[serde(default)]
pub struct CustodyWrite {
    /// `handed_to_police` or `copied`.
    #[schema(required = true, schema_with = manual_custody)]
    pub action: String,
    /// To whom, on what medium, under which reference: required.
    #[schema(required = true, pattern = "@text", max_length = 500)]
    pub reason: String,
}

fn capture_methods() -> utoipa::openapi::schema::Object {
    let codes: Vec<&str> = sahayak_domain::evidence::CaptureMethod::ALL.iter().map(|m| m.code()).collect();
    crate::api::schema::choice_or_empty(&codes)
}

fn device_types() -> utoipa::openapi::schema::Object {
    let codes: Vec<&str> = sahayak_domain::evidence::DeviceType::ALL.iter().map(|d| d.code()).collect();
    crate::api::schema::choice_or_empty(&codes)
}

fn manual_custody() -> utoipa::openapi::schema::Object {
    let codes: Vec<&str> = sahayak_domain::evidence::CustodyAction::MANUAL.iter().map(|a| a.code()).collect();
    crate::api::schema::choice(&codes)
}

#[derive(Deserialize, Default, ToSchema)]
#[serde(default)]
pub struct PortalCopyWrite {
    /// `evidence` (under 10 MB, the default) or `id_proof` (under 5 MB).
    #[schema(schema_with = portal_targets)]
    pub target: Option<String>,
}

fn portal_targets() -> utoipa::openapi::schema::Object {
    crate::api::schema::choice_or_none(&["evidence", "id_proof"])
}

#[derive(Deserialize, Default, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(default)]
pub struct BundleQuery {
    /// Why the evidence is taken out (recorded in each item's custody log).
    #[param(max_length = 500)]
    pub reason: Option<String>,
}

#[derive(Serialize, Deserialize, ToSchema)]
pub struct VerifyProblemJson {
    pub item_id: i64,
    /// `file_missing`, `file_changed`, `custody_edited`, `custody_missing`, `custody_broken_link`
    /// or `custody_wrong_end`.
    pub code: String,
    pub message: String,
}

#[derive(Serialize, Deserialize, ToSchema)]
pub struct VerifyJson {
    /// True when every file has its recorded hash and every chain is intact.
    pub ok: bool,
    pub items_checked: usize,
    pub problems: Vec<VerifyProblemJson>,
}

/// Adds evidence files to a case (`multipart/form-data`: one or more parts named `file`, plus the
/// capture details). Each file is stored once by its SHA-256; the same file sent again is linked
/// again, not stored again.
#[utoipa::path(post, path = "/api/v1/cases/{id}/evidence", tag = "evidence", security(("bearer" = [])),
    params(("id" = i64, Path, description = "Case id")),
    request_body(content = UploadForm, content_type = "multipart/form-data"),
    responses(
        (status = 201, description = "The items created, each with its `sha256`", body = EvidenceListJson),
        (status = 400, description = "A body that could not be read (cut off half-way)", body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 413, description = "A file over the per-file limit, or the case's limit reached", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "Not multipart/form-data", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "No file, or details to correct", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn upload(
    State(state): State<AppState>,
    api: ApiUser,
    Path(id): Path<i64>,
    headers: HeaderMap,
    body: Upload,
) -> Result<Response, AppError> {
    let handle = access::open(&state, &api.user, id).await?;
    super::access::check(&api.user, &handle, super::access::EvidenceAction::Add)?;
    let room = service::room(&state, &handle).await?;
    check_announced_size(&headers, room)?;
    let received = receive(body, &state.evidence, room, None).await?;
    let items = service::add(&state, &api.user, &handle, received).await?;
    let items = items.into_iter().map(|i| EvidenceItemJson::new(i, None)).collect();
    Ok((StatusCode::CREATED, Json(EvidenceListJson { items })).into_response())
}

/// The case's evidence items, oldest first.
#[utoipa::path(get, path = "/api/v1/cases/{id}/evidence", tag = "evidence", security(("bearer" = [])),
    params(("id" = i64, Path, description = "Case id")),
    responses(
        (status = 200, body = EvidenceListJson),
        (status = 400, description = "A parameter that could not be read", body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn list(
    State(state): State<AppState>,
    api: ApiUser,
    Path(id): Path<i64>,
) -> Result<Json<EvidenceListJson>, AppError> {
    let handle = access::open(&state, &api.user, id).await?;
    let items = service::list(&state, &api.user, &handle).await?;
    Ok(Json(EvidenceListJson { items: items.into_iter().map(|i| EvidenceItemJson::new(i, None)).collect() }))
}

/// One item with its chain of custody.
#[utoipa::path(get, path = "/api/v1/cases/{id}/evidence/{item}", tag = "evidence", security(("bearer" = [])),
    params(("id" = i64, Path, description = "Case id"), ("item" = i64, Path, description = "Item id")),
    responses(
        (status = 200, body = EvidenceItemJson),
        (status = 400, description = "A parameter that could not be read", body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn item(
    State(state): State<AppState>,
    api: ApiUser,
    Path((id, item)): Path<(i64, i64)>,
) -> Result<Json<EvidenceItemJson>, AppError> {
    let handle = access::open(&state, &api.user, id).await?;
    let (item, custody) = service::item(&state, &api.user, &handle, item).await?;
    Ok(Json(EvidenceItemJson::new(item, Some(custody))))
}

/// The item's bytes, exactly as received. Recorded as "downloaded" in its custody log.
#[utoipa::path(get, path = "/api/v1/cases/{id}/evidence/{item}/content", tag = "evidence", security(("bearer" = [])),
    params(("id" = i64, Path, description = "Case id"), ("item" = i64, Path, description = "Item id"), BundleQuery),
    responses(
        (status = 200, description = "The file", content_type = "application/octet-stream", body = Vec<u8>),
        (status = 400, description = "A parameter that could not be read", body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "A reason that is too long", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn content(
    State(state): State<AppState>,
    api: ApiUser,
    Path((id, item)): Path<(i64, i64)>,
    crate::api::QueryParams(q): crate::api::QueryParams<BundleQuery>,
) -> Result<Response, AppError> {
    let handle = access::open(&state, &api.user, id).await?;
    let reason = q.reason.unwrap_or_default();
    let o = service::open(&state, &api.user, &handle, item, false, &reason).await?;
    Ok(pages::file_response(&o.item, Body::from_stream(ReaderStream::with_capacity(o.reader, CHUNK)), false))
}

/// Records by hand a hand-over to the police or a copy made outside the system.
#[utoipa::path(post, path = "/api/v1/cases/{id}/evidence/{item}/custody", tag = "evidence", security(("bearer" = [])),
    params(("id" = i64, Path, description = "Case id"), ("item" = i64, Path, description = "Item id")),
    request_body = CustodyWrite,
    responses(
        (status = 201, description = "The item's whole chain, the new entry last", body = Vec<CustodyJson>),
        (status = 400, description = "A body that could not be read", body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Another entry was added at the same moment; send again", body = Problem, content_type = "application/problem+json"),
        (status = 415, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn record_custody(
    State(state): State<AppState>,
    api: ApiUser,
    Path((id, item)): Path<(i64, i64)>,
    body: JsonBody<CustodyWrite>,
) -> Result<(StatusCode, Json<Vec<CustodyJson>>), AppError> {
    let handle = access::open(&state, &api.user, id).await?;
    let body = body.accept()?;
    let chain = service::record(&state, &api.user, &handle, item, &body.action, &body.reason).await?;
    Ok((StatusCode::CREATED, Json(chain.into_iter().map(CustodyJson::from).collect())))
}

/// Makes a JPEG copy of an image small enough for the national portal (a new item with its own
/// hash, pointing to its original).
#[utoipa::path(post, path = "/api/v1/cases/{id}/evidence/{item}/portal-copy", tag = "evidence", security(("bearer" = [])),
    params(("id" = i64, Path, description = "Case id"), ("item" = i64, Path, description = "Item id")),
    request_body = PortalCopyWrite,
    responses(
        (status = 201, body = EvidenceItemJson),
        (status = 400, description = "A body that could not be read", body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 409, body = Problem, content_type = "application/problem+json"),
        (status = 415, body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Not an image, or already under the limit", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn portal_copy(
    State(state): State<AppState>,
    api: ApiUser,
    Path((id, item)): Path<(i64, i64)>,
    body: JsonBody<PortalCopyWrite>,
) -> Result<(StatusCode, Json<EvidenceItemJson>), AppError> {
    let handle = access::open(&state, &api.user, id).await?;
    let body = body.accept()?;
    let target = body.target.unwrap_or_default();
    let copy = derive::portal_copy(&state, &api.user, &handle, item, &target, api.lang).await?;
    Ok((StatusCode::CREATED, Json(EvidenceItemJson::new(copy, None))))
}

/// Re-hashes every file of the case and checks every custody chain.
#[utoipa::path(get, path = "/api/v1/cases/{id}/evidence/verify", tag = "evidence", security(("bearer" = [])),
    params(("id" = i64, Path, description = "Case id")),
    responses(
        (status = 200, description = "The result; `ok` is false when anything does not match", body = VerifyJson),
        (status = 400, description = "A parameter that could not be read", body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn verify(
    State(state): State<AppState>,
    api: ApiUser,
    Path(id): Path<i64>,
) -> Result<Json<VerifyJson>, AppError> {
    let handle = access::open(&state, &api.user, id).await?;
    let reports = service::verify_case(&state, &api.user, &handle).await?;
    let mut problems = Vec::new();
    for r in &reports {
        for f in &r.findings {
            let (key, args) = describe(f);
            let args: Vec<(&str, fluent_bundle::FluentValue<'_>)> =
                args.iter().map(|(k, v)| (*k, v.as_str().into())).collect();
            problems.push(VerifyProblemJson {
                item_id: r.item_id,
                code: verify::code(f).to_owned(),
                message: catalogs().get_with(api.lang, key, &args),
            });
        }
    }
    Ok(Json(VerifyJson { ok: problems.is_empty(), items_checked: reports.len(), problems }))
}

/// The case's evidence as a ZIP, streamed: the files under `files/`, `manifest.sha256` at the root
/// (`sha256sum -c manifest.sha256` checks it as it is) and `index.html` (items, capture details,
/// hashes, custody). Each item's custody log records the export.
#[utoipa::path(get, path = "/api/v1/cases/{id}/evidence/bundle.zip", tag = "evidence", security(("bearer" = [])),
    params(("id" = i64, Path, description = "Case id"), BundleQuery),
    responses(
        (status = 200, description = "The ZIP", content_type = "application/zip", body = Vec<u8>),
        (status = 400, description = "A parameter that could not be read", body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn bundle(
    State(state): State<AppState>,
    api: ApiUser,
    Path(id): Path<i64>,
    crate::api::QueryParams(q): crate::api::QueryParams<BundleQuery>,
) -> Result<Response, AppError> {
    let handle = access::open(&state, &api.user, id).await?;
    let (name, body) =
        bundle::export(&state, &api.user, &handle, api.lang, q.reason.as_deref().unwrap_or_default()).await?;
    Ok(bundle::response(&name, body))
}
