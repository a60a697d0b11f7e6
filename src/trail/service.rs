//! The money trail's use-cases, shared by the pages and the API: entries checked and added,
//! the spreadsheet import (preview, then confirm), restorations, and the money totals.

use axum::extract::Multipart;
use chrono::{DateTime, Utc};
use sahayak_domain::access::CaseAction as Permission;
use sahayak_domain::money::Paise;
use unicode_normalization::UnicodeNormalization;

use super::import::{self, ParsedRow, RowError};
use crate::cases::access::{CaseHandle, require};
use crate::cases::views;
use crate::store::{MoneyTotals, Restoration, TrailRow, User};
use crate::web::AppState;
use crate::web::error::{AppError, FieldErrors};
use crate::web::form::FormData;

pub const ACTIONS: [&str; 8] = ["transferred", "on_hold", "atm", "pos", "aeps", "cheque", "wrong_txn", "other"];
pub const ROUTES: [&str; 3] = ["admin_under_50k", "magistrate_order", "lok_adalat"];
pub const ROUTE_STATUSES: [&str; 5] = ["not_started", "applied", "ordered", "refunded", "rejected"];

/// A trail entry as typed (form or API).
#[derive(Debug, Default, Clone, serde::Deserialize, serde::Serialize, utoipa::ToSchema)]
#[serde(default)]
pub struct TrailInput {
    /// 0 (the victim's own debit) to 50; 1 when left out.
    #[schema(pattern = "@layer")]
    pub layer: Option<String>,
    #[schema(max_length = 200)]
    pub bank: Option<String>,
    #[schema(max_length = 100)]
    pub from_account: Option<String>,
    #[schema(max_length = 100)]
    pub to_account: Option<String>,
    #[schema(max_length = 20)]
    pub ifsc: Option<String>,
    #[schema(max_length = 60)]
    pub utr: Option<String>,
    /// IST local `YYYY-MM-DDTHH:MM` or RFC 3339.
    pub at: Option<String>,
    /// Rupees, e.g. `49,999.50`.
    #[schema(required = true, pattern = "@text")]
    pub amount: Option<String>,
    pub disputed: Option<String>,
    /// `transferred`, `on_hold`, `atm`, `pos`, `aeps`, `cheque`, `wrong_txn` or `other`.
    #[schema(schema_with = trail_actions)]
    pub action: Option<String>,
    pub hold_amount: Option<String>,
    pub hold_at: Option<String>,
    #[schema(max_length = 1000)]
    pub remarks: Option<String>,
}

fn trail_actions() -> utoipa::openapi::schema::Object {
    crate::api::schema::choice_or_none(&ACTIONS)
}

fn routes() -> utoipa::openapi::schema::Object {
    crate::api::schema::choice(&ROUTES)
}

fn route_statuses() -> utoipa::openapi::schema::Object {
    crate::api::schema::choice(&ROUTE_STATUSES)
}

impl TrailInput {
    pub fn from_form(f: &FormData) -> TrailInput {
        let get = |k: &str| Some(f.get(k).to_owned()).filter(|v| !v.trim().is_empty());
        TrailInput {
            layer: get("layer"),
            bank: get("bank"),
            from_account: get("from_account"),
            to_account: get("to_account"),
            ifsc: get("ifsc"),
            utr: get("utr"),
            at: get("at"),
            amount: get("amount"),
            disputed: get("disputed"),
            action: get("action"),
            hold_amount: get("hold_amount"),
            hold_at: get("hold_at"),
            remarks: get("remarks"),
        }
    }
}

fn text(v: &Option<String>, max: usize, field: &'static str, e: &mut FieldErrors) -> Option<String> {
    let s: String = v.as_deref().unwrap_or_default().trim().nfc().collect();
    if s.chars().count() > max {
        e.add(field, "error-too-long");
    }
    (!s.is_empty()).then_some(s)
}

fn money(v: &Option<String>, field: &'static str, e: &mut FieldErrors) -> Option<i64> {
    match v.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        None => None,
        Some(s) => s.parse::<Paise>().map(Paise::get).map_err(|_| e.add(field, "error-amount")).ok(),
    }
}

fn time(v: &Option<String>, field: &'static str, e: &mut FieldErrors, now: DateTime<Utc>) -> Option<i64> {
    match crate::web::when::parse(v.as_deref().unwrap_or_default(), now)? {
        Ok(t) => Some(t.timestamp_millis()),
        Err(()) => {
            e.add(field, "error-datetime");
            None
        }
    }
}

pub fn validate(input: &TrailInput, now: DateTime<Utc>) -> Result<TrailRow, FieldErrors> {
    let mut e = FieldErrors::default();
    let layer = match input.layer.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        None => 1,
        Some(l) => match l.parse::<i64>() {
            Ok(n) if (0..=50).contains(&n) => n,
            _ => {
                e.add("layer", "trail-error-layer");
                0
            }
        },
    };
    let action = input.action.as_deref().map(str::trim).filter(|s| !s.is_empty()).unwrap_or("transferred");
    if !ACTIONS.contains(&action) {
        e.add("action", "error-choice");
    }
    let amount = money(&input.amount, "amount", &mut e);
    if amount.is_none() && input.amount.as_deref().is_none_or(|s| s.trim().is_empty()) {
        e.add("amount", "error-required");
    }
    let row = TrailRow {
        id: 0,
        layer,
        bank: text(&input.bank, 200, "bank", &mut e),
        from_account: text(&input.from_account, 100, "from_account", &mut e),
        to_account: text(&input.to_account, 100, "to_account", &mut e),
        ifsc: text(&input.ifsc, 20, "ifsc", &mut e).map(|s| s.to_uppercase()),
        utr: text(&input.utr, 60, "utr", &mut e),
        at: time(&input.at, "at", &mut e, now),
        amount_paise: amount.unwrap_or(0),
        disputed_paise: money(&input.disputed, "disputed", &mut e),
        action: action.to_owned(),
        hold_paise: money(&input.hold_amount, "hold_amount", &mut e),
        hold_at: time(&input.hold_at, "hold_at", &mut e, now),
        remarks: text(&input.remarks, 1000, "remarks", &mut e),
        source: "manual".into(),
    };
    if e.is_empty() { Ok(row) } else { Err(e) }
}

pub async fn add(state: &AppState, user: &User, handle: &CaseHandle, input: &TrailInput) -> Result<(), AppError> {
    require(user, Permission::Edit)?;
    let row = validate(input, state.now()).map_err(AppError::Invalid)?;
    state.store.add_trail_rows(handle.id(), &[row], user.id, state.now_millis(), "1").await?;
    crate::triage::facts::refresh(state, handle.id()).await
}

pub async fn remove(state: &AppState, user: &User, handle: &CaseHandle, row_id: i64) -> Result<(), AppError> {
    require(user, Permission::Edit)?;
    state.store.delete_trail_row(handle.id(), row_id, user.id, state.now_millis()).await?;
    crate::triage::facts::refresh(state, handle.id()).await
}

/// Reads an uploaded trail and keeps it for confirmation. Returns the stash id, the rows and
/// the rows that could not be read.
pub async fn preview(
    state: &AppState,
    user: &User,
    handle: &CaseHandle,
    bytes: Vec<u8>,
) -> Result<(i64, Vec<ParsedRow>, Vec<RowError>), AppError> {
    require(user, Permission::Edit)?;
    let parsed = state
        .workers
        .run(move || import::read(&bytes).and_then(|s| import::parse(&s)))
        .await?
        .map_err(|e| AppError::invalid("file", e.key()))?;
    let rows: Vec<TrailRow> = parsed.rows.iter().map(|r| r.trail.clone()).collect();
    let json = serde_json::to_string(&rows.iter().map(StoredRow::from).collect::<Vec<_>>())
        .map_err(|e| AppError::Internal(e.into()))?;
    let id = state.store.stash_import(handle.id(), &json, user.id, state.now_millis()).await?;
    Ok((id, parsed.rows, parsed.errors))
}

/// Imports a previewed trail (once).
pub async fn confirm(state: &AppState, user: &User, handle: &CaseHandle, import_id: i64) -> Result<usize, AppError> {
    require(user, Permission::Edit)?;
    let json = state.store.take_import(handle.id(), import_id).await?;
    let rows: Vec<StoredRow> = serde_json::from_str(&json).map_err(|e| AppError::Internal(e.into()))?;
    let rows: Vec<TrailRow> = rows.into_iter().map(TrailRow::from).collect();
    state.store.add_trail_rows(handle.id(), &rows, user.id, state.now_millis(), &rows.len().to_string()).await?;
    crate::triage::facts::refresh(state, handle.id()).await?;
    tracing::info!(case_id = handle.id(), rows = rows.len(), "money trail imported");
    Ok(rows.len())
}

/// A trail row as kept between preview and confirmation.
#[derive(serde::Serialize, serde::Deserialize)]
struct StoredRow {
    layer: i64,
    bank: Option<String>,
    from_account: Option<String>,
    to_account: Option<String>,
    ifsc: Option<String>,
    utr: Option<String>,
    at: Option<i64>,
    amount_paise: i64,
    disputed_paise: Option<i64>,
    action: String,
    hold_paise: Option<i64>,
    hold_at: Option<i64>,
    remarks: Option<String>,
}

impl From<&TrailRow> for StoredRow {
    fn from(t: &TrailRow) -> Self {
        StoredRow {
            layer: t.layer,
            bank: t.bank.clone(),
            from_account: t.from_account.clone(),
            to_account: t.to_account.clone(),
            ifsc: t.ifsc.clone(),
            utr: t.utr.clone(),
            at: t.at,
            amount_paise: t.amount_paise,
            disputed_paise: t.disputed_paise,
            action: t.action.clone(),
            hold_paise: t.hold_paise,
            hold_at: t.hold_at,
            remarks: t.remarks.clone(),
        }
    }
}

impl From<StoredRow> for TrailRow {
    fn from(s: StoredRow) -> Self {
        TrailRow {
            id: 0,
            layer: s.layer,
            bank: s.bank,
            from_account: s.from_account,
            to_account: s.to_account,
            ifsc: s.ifsc,
            utr: s.utr,
            at: s.at,
            amount_paise: s.amount_paise,
            disputed_paise: s.disputed_paise,
            action: s.action,
            hold_paise: s.hold_paise,
            hold_at: s.hold_at,
            remarks: s.remarks,
            source: "import".into(),
        }
    }
}

/// A restoration route as typed.
#[derive(Debug, Default, Clone, serde::Deserialize, serde::Serialize, utoipa::ToSchema)]
#[serde(default)]
pub struct RestorationInput {
    /// 0 (or absent) for a new one.
    pub id: Option<i64>,
    /// `admin_under_50k` (MHA SOP 2026: under ₹50,000 without a court order), `magistrate_order`
    /// (s.503 BNSS) or `lok_adalat`.
    #[schema(required = true, schema_with = routes)]
    pub route: String,
    /// `not_started`, `applied`, `ordered`, `refunded` or `rejected`.
    #[schema(required = true, schema_with = route_statuses)]
    pub status: String,
    /// Rupees sought.
    #[schema(required = true, pattern = "@text")]
    pub amount: String,
    /// Rupees actually back with the victim.
    pub restored: Option<String>,
    #[schema(max_length = 1000)]
    pub note: Option<String>,
}

pub async fn save_restoration(
    state: &AppState,
    user: &User,
    handle: &CaseHandle,
    input: &RestorationInput,
) -> Result<(), AppError> {
    require(user, Permission::Edit)?;
    let mut e = FieldErrors::default();
    if !ROUTES.contains(&input.route.trim()) {
        e.add("route", "error-choice");
    }
    if !ROUTE_STATUSES.contains(&input.status.trim()) {
        e.add("status", "error-choice");
    }
    let amount = money(&Some(input.amount.clone()), "amount", &mut e);
    if amount.is_none() {
        e.add("amount", "error-required");
    }
    let restored = money(&input.restored, "restored", &mut e).unwrap_or(0);
    if amount.is_some_and(|a| restored > a) {
        e.add("restored", "trail-error-restored-more");
    }
    let note = text(&input.note, 1000, "note", &mut e);
    e.into_result()?;
    let r = Restoration {
        id: input.id.unwrap_or(0),
        route: input.route.trim().to_owned(),
        status: input.status.trim().to_owned(),
        amount_paise: amount.unwrap_or(0),
        restored_paise: restored,
        note,
        updated_at: 0,
    };
    state.store.save_restoration(handle.id(), &r, user.id, state.now_millis()).await?;
    Ok(())
}

pub fn totals_text(t: &MoneyTotals) -> (String, String, String) {
    (views::money(Some(t.reported_paise)), views::money(Some(t.held_paise)), views::money(Some(t.restored_paise)))
}

/// One case's money, from what is already loaded: reported at intake, held by the banks,
/// restored to the victim.
pub fn case_totals(reported: Option<i64>, trail: &[TrailRow], restorations: &[Restoration]) -> MoneyTotals {
    MoneyTotals {
        reported_paise: reported.unwrap_or(0),
        held_paise: trail.iter().filter(|t| t.action == "on_hold").filter_map(|t| t.hold_paise).sum(),
        restored_paise: restorations.iter().map(|r| r.restored_paise).sum(),
    }
}

/// Up to this many bytes are read from an uploaded trail.
pub const MAX_UPLOAD: usize = 5 * 1024 * 1024;

/// The `file` part (and the form token) of a multipart upload, size-limited.
pub async fn read_upload(mut multipart: Multipart) -> Result<(String, Vec<u8>), AppError> {
    let (mut csrf, mut file) = (String::new(), None);
    while let Some(mut field) = multipart.next_field().await.map_err(|_| AppError::BadRequest("error-bad-request"))? {
        match field.name() {
            Some("csrf") => csrf = field.text().await.map_err(|_| AppError::BadRequest("error-bad-request"))?,
            Some("file") => {
                let mut bytes = Vec::new();
                while let Some(chunk) = field.chunk().await.map_err(|_| AppError::BadRequest("error-too-large"))? {
                    if bytes.len() + chunk.len() > MAX_UPLOAD {
                        return Err(AppError::invalid("file", "trail-import-too-large"));
                    }
                    bytes.extend_from_slice(&chunk);
                }
                file = Some(bytes);
            }
            // A part the form does not have is refused by name, as JSON bodies refuse fields.
            other => {
                let name: String = other.unwrap_or_default().chars().take(60).collect();
                return Err(AppError::InvalidBody(vec![(name, "error-field-unknown")]));
            }
        }
    }
    let file = file.filter(|f| !f.is_empty()).ok_or(AppError::invalid("file", "error-required"))?;
    Ok((csrf, file))
}
