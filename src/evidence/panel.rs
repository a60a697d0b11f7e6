//! The "Evidence" section of the case page, and the upload form it shares with its own page.

use std::collections::HashSet;

use askama::Template;

use super::access::{EvidenceAction, check};
use super::input::DetailsInput;
use super::views::{self, ItemRow};
use crate::cases::access::CaseHandle;
use crate::cases::panels::Panel;
use crate::cases::views::Opt;
use crate::store::EvidenceItem;
use crate::web::error::FieldErrors;
use crate::web::page::Page;
use crate::web::session::Staff;
use crate::web::{AppError, AppState};

/// What the upload form shows: what was typed, what to correct, the limits.
pub struct UploadFormView {
    pub action: String,
    pub values: DetailsInput,
    pub errors: FieldErrors,
    pub methods: Vec<Opt>,
    pub devices: Vec<Opt>,
    pub limits: String,
    pub max_file_bytes: u64,
    pub room_bytes: u64,
}

/// Bytes a case's items take, each distinct file once (as the per-case limit counts them).
pub fn used_bytes(items: &[EvidenceItem]) -> u64 {
    let mut seen = HashSet::new();
    items.iter().filter(|i| seen.insert(i.sha256.as_str())).map(|i| i.size_bytes.max(0) as u64).sum()
}

pub fn upload_form(
    state: &AppState,
    page: &Page,
    reference: &str,
    used: u64,
    values: DetailsInput,
    errors: FieldErrors,
) -> UploadFormView {
    let v = &state.evidence;
    let room = v.max_case_bytes.saturating_sub(used);
    let limits = crate::web::i18n::catalogs().get_with(
        page.lang,
        "evidence-limits",
        &[("file", views::size(v.max_file_bytes as i64).into()), ("room", views::size(room as i64).into())],
    );
    UploadFormView {
        action: format!("/cases/{reference}/evidence"),
        methods: views::method_options(page, values.get("capture_method")),
        devices: views::device_options(page, values.get("device_type")),
        values,
        errors,
        limits,
        max_file_bytes: v.max_file_bytes,
        room_bytes: room,
    }
}

#[derive(Template)]
#[template(path = "evidence/panel.html")]
struct PanelTemplate {
    page: Page,
    reference: String,
    rows: Vec<ItemRow>,
    /// The case's evidence is restricted and this user is outside the circle (see `access`).
    restricted: bool,
    can_add: bool,
    form: UploadFormView,
}

/// The case page's evidence section (one query: the case's items). `None` for a user who may
/// not see the case's evidence.
pub async fn panel(state: &AppState, staff: &Staff, handle: &CaseHandle) -> Result<Option<Panel>, AppError> {
    let restricted = super::access::restricted_for(&staff.user, handle);
    if !restricted && check(&staff.user, handle, EvidenceAction::List).is_err() {
        return Ok(None);
    }
    let page = staff.page(state);
    let reference = handle.case().reference.clone();
    let items = state.store.evidence_items(handle.id()).await?;
    // A restricted user still needs the room left for an upload, never the items themselves.
    let used = used_bytes(&items);
    let items = if restricted { Vec::new() } else { items };
    let form = upload_form(state, &page, &reference, used, DetailsInput::default(), FieldErrors::default());
    let body = PanelTemplate {
        rows: items.iter().map(|i| views::item_row(&page, &reference, i)).collect(),
        restricted,
        can_add: check(&staff.user, handle, EvidenceAction::Add).is_ok(),
        form,
        reference,
        page,
    };
    let page_title = body.page.t("evidence-title");
    Ok(Some(Panel::section("evidence", page_title, body.render()?)))
}
