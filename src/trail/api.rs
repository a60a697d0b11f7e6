//! The money-trail API: entries, the spreadsheet import, restorations, and money totals.

use axum::Json;
use axum::extract::{Multipart, Path, State};
use axum::http::StatusCode;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::service::{self as trail, RestorationInput, TrailInput};
use crate::api::JsonBody;
use crate::cases::access::{self, scope, sees_district};
use crate::store::{MoneyTotals, Scope, TrailRow};
use crate::web::error::Problem;
use crate::web::session::ApiUser;
use crate::web::{AppError, AppState};

use crate::api::rfc3339;

#[derive(Serialize, Deserialize, ToSchema)]
pub struct TrailJson {
    pub id: i64,
    /// 0 for the victim's own debit; 1, 2, ... for each hop the banks report.
    pub layer: i64,
    pub bank: Option<String>,
    pub from_account: Option<String>,
    pub to_account: Option<String>,
    pub ifsc: Option<String>,
    pub utr: Option<String>,
    pub at: Option<String>,
    pub amount_paise: i64,
    pub disputed_paise: Option<i64>,
    /// `transferred`, `on_hold`, `atm`, `pos`, `aeps`, `cheque`, `wrong_txn` or `other`.
    pub action: String,
    pub hold_paise: Option<i64>,
    pub hold_at: Option<String>,
    pub remarks: Option<String>,
    /// `manual` or `import`.
    pub source: String,
}

impl From<&TrailRow> for TrailJson {
    fn from(t: &TrailRow) -> Self {
        TrailJson {
            id: t.id,
            layer: t.layer,
            bank: t.bank.clone(),
            from_account: t.from_account.clone(),
            to_account: t.to_account.clone(),
            ifsc: t.ifsc.clone(),
            utr: t.utr.clone(),
            at: t.at.map(rfc3339),
            amount_paise: t.amount_paise,
            disputed_paise: t.disputed_paise,
            action: t.action.clone(),
            hold_paise: t.hold_paise,
            hold_at: t.hold_at.map(rfc3339),
            remarks: t.remarks.clone(),
            source: t.source.clone(),
        }
    }
}

#[derive(Serialize, Deserialize, ToSchema)]
pub struct TotalsJson {
    /// Money the victims reported lost, in paise.
    pub reported_paise: i64,
    /// Money banks put on hold.
    pub held_paise: i64,
    /// Money actually back with the victims (held is not returned).
    pub restored_paise: i64,
}

impl From<MoneyTotals> for TotalsJson {
    fn from(t: MoneyTotals) -> Self {
        TotalsJson { reported_paise: t.reported_paise, held_paise: t.held_paise, restored_paise: t.restored_paise }
    }
}

#[derive(Serialize, Deserialize, ToSchema)]
pub struct TrailListJson {
    pub rows: Vec<TrailJson>,
    pub totals: TotalsJson,
}

/// The case's money trail and its totals.
#[utoipa::path(get, path = "/api/v1/cases/{id}/trail", tag = "triage", security(("bearer" = [])),
    params(("id" = i64, Path, description = "Case id")),
    responses(
        (status = 200, body = TrailListJson),
        (status = 400, body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn list(
    State(state): State<AppState>,
    api: ApiUser,
    Path(id): Path<i64>,
) -> Result<Json<TrailListJson>, AppError> {
    let handle = access::open(&state, &api.user, id).await?;
    let rows = state.store.trail(handle.id()).await?;
    let restorations = state.store.restorations(handle.id()).await?;
    let totals = trail::case_totals(handle.case().fields.amount_lost_paise, &rows, &restorations);
    Ok(Json(TrailListJson { rows: rows.iter().map(TrailJson::from).collect(), totals: totals.into() }))
}

/// Adds one entry to the money trail.
#[utoipa::path(post, path = "/api/v1/cases/{id}/trail", tag = "triage", security(("bearer" = [])),
    params(("id" = i64, Path, description = "Case id")), request_body = TrailInput,
    responses(
        (status = 201, body = TrailListJson),
        (status = 400, body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 415, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn add(
    State(state): State<AppState>,
    api: ApiUser,
    Path(id): Path<i64>,
    body: JsonBody<TrailInput>,
) -> Result<(StatusCode, Json<TrailListJson>), AppError> {
    let handle = access::open(&state, &api.user, id).await?;
    crate::cases::access::require(&api.user, sahayak_domain::access::CaseAction::Edit)?;
    let body = body.accept()?;
    trail::add(&state, &api.user, &handle, &body).await?;
    Ok((StatusCode::CREATED, list(State(state), api, Path(id)).await?))
}

/// Removes a trail entry.
#[utoipa::path(delete, path = "/api/v1/cases/{id}/trail/{row_id}", tag = "triage", security(("bearer" = [])),
    params(("id" = i64, Path, description = "Case id"), ("row_id" = i64, Path, description = "Trail entry id")),
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
    Path((id, row_id)): Path<(i64, i64)>,
) -> Result<StatusCode, AppError> {
    let handle = access::open(&state, &api.user, id).await?;
    trail::remove(&state, &api.user, &handle, row_id).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Serialize, Deserialize, ToSchema)]
pub struct RowErrorJson {
    pub sheet: String,
    /// The row number as in the file.
    pub row: usize,
    /// A stable code, e.g. `trail-error-amount`.
    pub code: String,
    pub message: String,
    pub value: String,
}

/// The upload: one part named `file`, the portal's workbook (XLSX) or a CSV of one sheet, up to
/// 5 MB (old binary XLS and OpenDocument files are refused: save them as XLSX or CSV).
#[derive(ToSchema)]
#[allow(dead_code)]
pub struct TrailUpload {
    #[schema(value_type = String, format = Binary)]
    file: Vec<u8>,
}

#[derive(Serialize, Deserialize, ToSchema)]
pub struct ImportPreviewJson {
    /// Confirm with `POST /api/v1/cases/{id}/trail/import/{import_id}`.
    pub import_id: i64,
    pub rows: Vec<TrailJson>,
    pub errors: Vec<RowErrorJson>,
}

/// Reads the portal's money-trail workbook (XLSX/XLS/ODS) or a CSV of one of its sheets and
/// answers with what would be imported and the rows that could not be read. Nothing is
/// imported until confirmed.
#[utoipa::path(post, path = "/api/v1/cases/{id}/trail/import", tag = "triage", security(("bearer" = [])),
    params(("id" = i64, Path, description = "Case id")),
    request_body(content = TrailUpload, content_type = "multipart/form-data"),
    responses(
        (status = 200, body = ImportPreviewJson),
        (status = 400, body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 413, body = Problem, content_type = "application/problem+json"),
        (status = 415, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn import(
    State(state): State<AppState>,
    api: ApiUser,
    Path(id): Path<i64>,
    multipart: Result<Multipart, axum::extract::multipart::MultipartRejection>,
) -> Result<Json<ImportPreviewJson>, AppError> {
    let handle = access::open(&state, &api.user, id).await?;
    let multipart = multipart.map_err(|_| AppError::BadRequest("error-media-type"))?;
    let (_, bytes) = trail::read_upload(multipart).await?;
    let (import_id, rows, errors) = trail::preview(&state, &api.user, &handle, bytes).await?;
    let c = crate::web::i18n::catalogs();
    Ok(Json(ImportPreviewJson {
        import_id,
        rows: rows.iter().map(|r| TrailJson::from(&r.trail)).collect(),
        errors: errors
            .into_iter()
            .map(|e| RowErrorJson {
                message: c.get(api.lang, e.key),
                code: e.key.to_owned(),
                sheet: e.sheet,
                row: e.row,
                value: e.value,
            })
            .collect(),
    }))
}

#[derive(Serialize, Deserialize, ToSchema)]
pub struct ImportedJson {
    pub imported: usize,
}

/// Imports a previewed trail (each preview can be confirmed once).
#[utoipa::path(post, path = "/api/v1/cases/{id}/trail/import/{import_id}", tag = "triage", security(("bearer" = [])),
    params(("id" = i64, Path, description = "Case id"), ("import_id" = i64, Path, description = "From the preview")),
    responses(
        (status = 200, body = ImportedJson),
        (status = 400, body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn import_confirm(
    State(state): State<AppState>,
    api: ApiUser,
    Path((id, import_id)): Path<(i64, i64)>,
) -> Result<Json<ImportedJson>, AppError> {
    let handle = access::open(&state, &api.user, id).await?;
    let imported = trail::confirm(&state, &api.user, &handle, import_id).await?;
    Ok(Json(ImportedJson { imported }))
}

#[derive(Serialize, Deserialize, ToSchema)]
pub struct RestorationJson {
    pub id: i64,
    pub route: String,
    pub status: String,
    pub amount_paise: i64,
    pub restored_paise: i64,
    pub note: Option<String>,
    pub updated_at: String,
}

/// How held money is coming back to the victim.
#[utoipa::path(get, path = "/api/v1/cases/{id}/restorations", tag = "triage", security(("bearer" = [])),
    params(("id" = i64, Path, description = "Case id")),
    responses(
        (status = 200, body = Vec<RestorationJson>),
        (status = 400, body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn restorations(
    State(state): State<AppState>,
    api: ApiUser,
    Path(id): Path<i64>,
) -> Result<Json<Vec<RestorationJson>>, AppError> {
    let handle = access::open(&state, &api.user, id).await?;
    Ok(Json(
        state
            .store
            .restorations(handle.id())
            .await?
            .into_iter()
            .map(|r| RestorationJson {
                id: r.id,
                route: r.route,
                status: r.status,
                amount_paise: r.amount_paise,
                restored_paise: r.restored_paise,
                note: r.note,
                updated_at: rfc3339(r.updated_at),
            })
            .collect(),
    ))
}

/// Adds a restoration route, or updates one (`id`).
#[utoipa::path(post, path = "/api/v1/cases/{id}/restorations", tag = "triage", security(("bearer" = [])),
    params(("id" = i64, Path, description = "Case id")), request_body = RestorationInput,
    responses(
        (status = 200, body = Vec<RestorationJson>),
        (status = 400, body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 415, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn save_restoration(
    State(state): State<AppState>,
    api: ApiUser,
    Path(id): Path<i64>,
    body: JsonBody<RestorationInput>,
) -> Result<Json<Vec<RestorationJson>>, AppError> {
    let handle = access::open(&state, &api.user, id).await?;
    crate::cases::access::require(&api.user, sahayak_domain::access::CaseAction::Edit)?;
    let body = body.accept()?;
    trail::save_restoration(&state, &api.user, &handle, &body).await?;
    restorations(State(state), api, Path(id)).await
}

#[derive(Deserialize, Default, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct MoneyQuery {
    /// A district code; all the caller's districts when left out.
    #[serde(default)]
    #[param(pattern = "@district")]
    pub district: Option<String>,
}

/// Money reported lost, put on hold and restored across the caller's districts (or one).
#[utoipa::path(get, path = "/api/v1/money", tag = "triage", security(("bearer" = [])), params(MoneyQuery),
    responses(
        (status = 200, body = TotalsJson),
        (status = 400, body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn money(
    State(state): State<AppState>,
    api: ApiUser,
    crate::api::QueryParams(q): crate::api::QueryParams<MoneyQuery>,
) -> Result<Json<TotalsJson>, AppError> {
    let scope = match q.district.as_deref().map(str::trim).filter(|d| !d.is_empty()) {
        None => scope(&api.user),
        Some(code) => {
            let districts = state.districts().await?;
            match districts.iter().find(|d| d.code == code) {
                Some(d) if sees_district(&api.user, d.id) => Scope::Districts(vec![d.id]),
                _ => return Err(AppError::invalid("district", "error-choice")),
            }
        }
    };
    Ok(Json(state.store.money_totals(None, &scope).await?.into()))
}
