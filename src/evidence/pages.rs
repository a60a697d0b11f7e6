//! The evidence pages: upload, one item (details, custody, hand-over, portal copy), opening a
//! file, the case's verification and its bundle.

use askama::Template;
use axum::body::Body;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{Html, IntoResponse, Redirect, Response};
use serde::Deserialize;
use tokio_util::io::ReaderStream;

use super::access::{EvidenceAction, check};
use super::input::DetailsInput;
use super::panel::{UploadFormView, upload_form, used_bytes};
use super::receive::{Upload, check_announced_size, receive};
use super::spool::CHUNK;
use super::views::{self, CustodyRow, Fact, ItemRow, ReportRow};
use super::{bundle, derive, service, sniff};
use crate::cases::access::{self, CaseHandle};
use crate::cases::views::Opt;
use crate::store::EvidenceItem;
use crate::web::AppState;
use crate::web::error::{AppError, FieldErrors};
use crate::web::form::FormData;
use crate::web::page::Page;
use crate::web::session::Staff;

#[derive(Template)]
#[template(path = "evidence/upload.html")]
struct UploadPage {
    page: Page,
    reference: String,
    form: UploadFormView,
}

async fn render_upload(
    state: &AppState,
    staff: &Staff,
    handle: &CaseHandle,
    values: DetailsInput,
    errors: FieldErrors,
) -> Result<Response, AppError> {
    let page = staff.page(state);
    let reference = handle.case().reference.clone();
    let items = state.store.evidence_items(handle.id()).await?;
    let form = upload_form(state, &page, &reference, used_bytes(&items), values, errors);
    let status = if form.errors.is_empty() { StatusCode::OK } else { StatusCode::UNPROCESSABLE_ENTITY };
    Ok((status, Html(UploadPage { page, reference, form }.render()?)).into_response())
}

/// The upload form on a page of its own (the case page has it too).
pub async fn new_upload(
    State(state): State<AppState>,
    staff: Staff,
    Path(reference): Path<String>,
) -> Result<Response, AppError> {
    let handle = access::open_by_reference(&state, &staff.user, &reference).await?;
    check(&staff.user, &handle, EvidenceAction::Add)?;
    render_upload(&state, &staff, &handle, DetailsInput::default(), FieldErrors::default()).await
}

/// The form's files, streamed in; back to the case on success, the form again with what to
/// correct otherwise.
pub async fn upload(
    State(state): State<AppState>,
    staff: Staff,
    Path(reference): Path<String>,
    headers: HeaderMap,
    body: Upload,
) -> Result<Response, AppError> {
    let handle = access::open_by_reference(&state, &staff.user, &reference).await?;
    check(&staff.user, &handle, EvidenceAction::Add)?;
    let room = service::room(&state, &handle).await?;
    check_announced_size(&headers, room)?;
    let received = receive(body, &state.evidence, room, Some(&staff.csrf)).await?;
    let values = received.details.clone();
    match service::add(&state, &staff.user, &handle, received).await {
        Ok(_) => Ok(Redirect::to(&format!("/cases/{reference}#evidence")).into_response()),
        Err(AppError::Invalid(errors)) => render_upload(&state, &staff, &handle, values, errors).await,
        Err(e) => Err(e),
    }
}

#[derive(Template)]
#[template(path = "evidence/item.html")]
struct ItemPage {
    page: Page,
    reference: String,
    row: ItemRow,
    facts: Vec<Fact>,
    custody: Vec<CustodyRow>,
    copies: Vec<i64>,
    viewable: bool,
    shrinkable: bool,
    can_write: bool,
    actions: Vec<Opt>,
    errors: FieldErrors,
    reason: String,
}

async fn render_item(
    state: &AppState,
    staff: &Staff,
    handle: &CaseHandle,
    id: i64,
    errors: FieldErrors,
    reason: String,
) -> Result<Response, AppError> {
    let (item, custody) = service::item(state, &staff.user, handle, id).await?;
    let items = state.store.evidence_items(handle.id()).await?;
    let page = staff.page(state);
    let reference = handle.case().reference.clone();
    let body = ItemPage {
        row: views::item_row(&page, &reference, &item),
        facts: views::facts(&page, &item),
        custody: views::custody_rows(&page, &custody),
        copies: items.iter().filter(|i| i.derived_from == Some(item.id)).map(|i| i.id).collect(),
        viewable: sniff::viewable(&item.mime),
        shrinkable: matches!(item.mime.as_str(), "image/jpeg" | "image/png" | "image/webp"),
        can_write: check(&staff.user, handle, EvidenceAction::RecordCustody).is_ok(),
        actions: views::manual_action_options(&page),
        errors,
        reason,
        reference,
        page,
    };
    let status = if body.errors.is_empty() { StatusCode::OK } else { StatusCode::UNPROCESSABLE_ENTITY };
    Ok((status, Html(body.render()?)).into_response())
}

fn item_id(s: &str) -> Result<i64, AppError> {
    s.parse().map_err(|_| AppError::NotFound)
}

pub async fn item(
    State(state): State<AppState>,
    staff: Staff,
    Path((reference, id)): Path<(String, String)>,
) -> Result<Response, AppError> {
    let handle = access::open_by_reference(&state, &staff.user, &reference).await?;
    render_item(&state, &staff, &handle, item_id(&id)?, FieldErrors::default(), String::new()).await
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct FileQuery {
    download: Option<String>,
    reason: Option<String>,
}

/// The item's bytes: shown in the browser (recorded as "viewed") when the type is safe to show,
/// downloaded (recorded as "downloaded") otherwise or on request.
pub async fn file(
    State(state): State<AppState>,
    staff: Staff,
    Path((reference, id)): Path<(String, String)>,
    Query(q): Query<FileQuery>,
) -> Result<Response, AppError> {
    let handle = access::open_by_reference(&state, &staff.user, &reference).await?;
    let view = q.download.is_none();
    let reason = q.reason.unwrap_or_default();
    let o = service::open(&state, &staff.user, &handle, item_id(&id)?, view, &reason).await?;
    Ok(file_response(&o.item, Body::from_stream(ReaderStream::with_capacity(o.reader, CHUNK)), o.inline))
}

/// A stored file as a response. Shown inline only for safe types, and then sandboxed: a file is
/// what a victim or a fraudster made, never a page of ours.
pub fn file_response(item: &EvidenceItem, body: Body, inline: bool) -> Response {
    let mut r = body.into_response();
    let h = r.headers_mut();
    let mime = if inline { item.mime.as_str() } else { "application/octet-stream" };
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_str(mime).unwrap_or(HeaderValue::from_static("application/octet-stream")),
    );
    h.insert(header::CONTENT_LENGTH, HeaderValue::from(item.size_bytes.max(0) as u64));
    h.insert(header::CONTENT_DISPOSITION, disposition(if inline { "inline" } else { "attachment" }, item));
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("private, no-store"));
    if item.mime != "application/pdf" {
        h.insert(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(
                "sandbox; default-src 'none'; img-src 'self'; media-src 'self'; style-src 'unsafe-inline'",
            ),
        );
    }
    r
}

/// `attachment; filename="12-chat.txt"; filename*=UTF-8''...`: an ASCII name for old clients and
/// the sent name, percent-encoded, for the rest.
fn disposition(kind: &str, item: &EvidenceItem) -> HeaderValue {
    let ascii = bundle::zip_path(item).trim_start_matches("files/").to_owned();
    let encoded: String = item
        .original_name
        .bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"-._".contains(&b) { (b as char).to_string() } else { format!("%{b:02X}") }
        })
        .collect();
    HeaderValue::from_str(&format!("{kind}; filename=\"{ascii}\"; filename*=UTF-8''{encoded}"))
        .unwrap_or(HeaderValue::from_static("attachment"))
}

pub async fn record_custody(
    State(state): State<AppState>,
    staff: Staff,
    Path((reference, id)): Path<(String, String)>,
    form: FormData,
) -> Result<Response, AppError> {
    staff.check_csrf(form.csrf())?;
    let handle = access::open_by_reference(&state, &staff.user, &reference).await?;
    let id = item_id(&id)?;
    match service::record(&state, &staff.user, &handle, id, form.get("action"), form.get("reason")).await {
        Ok(_) => Ok(Redirect::to(&format!("/cases/{reference}/evidence/{id}#custody")).into_response()),
        Err(AppError::Invalid(errors)) => {
            render_item(&state, &staff, &handle, id, errors, form.get("reason").to_owned()).await
        }
        Err(e) => Err(e),
    }
}

pub async fn portal_copy(
    State(state): State<AppState>,
    staff: Staff,
    Path((reference, id)): Path<(String, String)>,
    form: FormData,
) -> Result<Response, AppError> {
    staff.check_csrf(form.csrf())?;
    let handle = access::open_by_reference(&state, &staff.user, &reference).await?;
    let id = item_id(&id)?;
    match derive::portal_copy(&state, &staff.user, &handle, id, form.get("target"), staff.lang).await {
        Ok(copy) => Ok(Redirect::to(&format!("/cases/{reference}/evidence/{}", copy.id)).into_response()),
        Err(AppError::Invalid(errors)) => render_item(&state, &staff, &handle, id, errors, String::new()).await,
        Err(e) => Err(e),
    }
}

#[derive(Template)]
#[template(path = "evidence/verify.html")]
struct VerifyPage {
    page: Page,
    reference: String,
    checked: String,
    count: usize,
    bad: Vec<ReportRow>,
    good: Vec<ReportRow>,
}

pub async fn verify(
    State(state): State<AppState>,
    staff: Staff,
    Path(reference): Path<String>,
) -> Result<Response, AppError> {
    let handle = access::open_by_reference(&state, &staff.user, &reference).await?;
    let reports = service::verify_case(&state, &staff.user, &handle).await?;
    let page = staff.page(&state);
    let (bad, good): (Vec<_>, Vec<_>) = reports.into_iter().partition(|r| !r.findings.is_empty());
    let body = VerifyPage {
        checked: page.t1("evidence-verify-checked", "when", crate::cases::views::when(Some(state.now_millis()))),
        count: good.len() + bad.len(),
        bad: views::report_rows(&page, &reference, &bad),
        good: views::report_rows(&page, &reference, &good),
        reference,
        page,
    };
    Ok(Html(body.render()?).into_response())
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct BundleParams {
    reason: Option<String>,
}

pub async fn bundle(
    State(state): State<AppState>,
    staff: Staff,
    Path(reference): Path<String>,
    Query(q): Query<BundleParams>,
) -> Result<Response, AppError> {
    let handle = access::open_by_reference(&state, &staff.user, &reference).await?;
    let (name, body) =
        bundle::export(&state, &staff.user, &handle, staff.lang, q.reason.as_deref().unwrap_or_default()).await?;
    Ok(bundle::response(&name, body))
}
