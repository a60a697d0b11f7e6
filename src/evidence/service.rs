//! The evidence use-cases, shared by the pages and the JSON API.

use sahayak_domain::evidence::{CustodyAction, Entry, Sha256Hex};
use unicode_normalization::UnicodeNormalization;

use super::access::{EvidenceAction, check};
use super::input::{self, Details};
use super::receive::Received;
use super::storage::BlobReader;
use super::verify::{self, ItemReport};
use crate::cases::access::CaseHandle;
use crate::store::{Actor, EvidenceItem, NewEvidence, User};
use crate::web::error::FieldErrors;
use crate::web::{AppError, AppState};

const MAX_REASON: usize = 500;

pub fn actor(user: &User) -> Actor<'_> {
    Actor { id: user.id, name: &user.display_name }
}

fn internal(e: impl Into<anyhow::Error>, what: &'static str) -> AppError {
    AppError::Internal(e.into().context(what))
}

/// How many more bytes of files the case may take.
pub async fn room(state: &AppState, handle: &CaseHandle) -> Result<u64, AppError> {
    let used = state.store.case_evidence_bytes(handle.id()).await?;
    Ok(state.evidence.max_case_bytes.saturating_sub(u64::try_from(used).unwrap_or(0)))
}

/// Stores received files and records them as items of the case, with their first custody
/// entry, in one transaction. Nothing is recorded unless every file was stored.
pub async fn add(
    state: &AppState,
    user: &User,
    handle: &CaseHandle,
    received: Received,
) -> Result<Vec<EvidenceItem>, AppError> {
    check(user, handle, EvidenceAction::Add)?;
    let mut errors = FieldErrors::default();
    if received.files.is_empty() {
        errors.add("file", "evidence-error-no-file");
    }
    let details = match input::validate(&received.details, state.now_millis()) {
        Ok(d) => Some(d),
        Err(e) => {
            for f in e.0 {
                errors.add(f.field, f.key);
            }
            None
        }
    };
    errors.into_result()?;
    let details = details.unwrap_or_default();
    if let Some(original) = details.derived_from {
        original_of(state, handle, original).await?;
    }
    let new = store_files(state, received, &details).await?;
    // The items, their first custody entries and the audit entry commit together. Should the
    // write fail, the files just stored belong to no record: the hourly orphan sweep removes them.
    let subject = crate::privacy::audit::case_subject(handle.id());
    let audited = state.store.audited(Some(user.id), "evidence.add", &subject, &new.len().to_string());
    let items = audited.add_evidence(handle.id(), &new, actor(user), None, state.now_millis()).await?;
    tracing::info!(case_id = handle.id(), items = items.len(), "evidence received");
    Ok(items)
}

/// Stores files a victim sent through self-service: marked as supplied by the victim, received
/// in custody by the system account on the victim's behalf. The case was opened with the
/// victim's own code (`cases::access::open_for_victim`).
pub async fn add_from_victim(
    state: &AppState,
    handle: &CaseHandle,
    received: Received,
) -> Result<Vec<EvidenceItem>, AppError> {
    if received.files.is_empty() {
        return Err(AppError::invalid("file", "evidence-error-no-file"));
    }
    let description = received.details.get("description").trim().nfc().collect::<String>();
    if description.chars().count() > 2_000 {
        return Err(AppError::invalid("description", "error-too-long"));
    }
    let details = Details {
        description: (!description.is_empty()).then_some(description),
        victim_supplied: true,
        ..Details::default()
    };
    let system = state.store.system_user_id().await?;
    let new = store_files(state, received, &details).await?;
    let actor = Actor { id: system, name: "Victim (self-service)" };
    let subject = crate::privacy::audit::case_subject(handle.id());
    let audited = state.store.audited(None, "case.victim_upload", &subject, &new.len().to_string());
    let items = audited.add_evidence(handle.id(), &new, actor, None, state.now_millis()).await?;
    tracing::info!(case_id = handle.id(), items = items.len(), "evidence received from the victim");
    Ok(items)
}

/// A derived copy's original must be an item of the same case.
async fn original_of(state: &AppState, handle: &CaseHandle, id: i64) -> Result<EvidenceItem, AppError> {
    match state.store.evidence_item(handle.id(), id).await {
        Ok(item) => Ok(item),
        Err(crate::store::StoreError::NotFound) => Err(AppError::invalid("derived_from", "evidence-error-original")),
        Err(e) => Err(e.into()),
    }
}

/// Moves each spool into storage (a file already stored is not stored again).
async fn store_files(state: &AppState, received: Received, details: &Details) -> Result<Vec<NewEvidence>, AppError> {
    let mut new = Vec::with_capacity(received.files.len());
    for f in received.files {
        state
            .evidence
            .blobs()
            .put(&f.spooled.sha256, f.spooled.path())
            .await
            .map_err(|e| internal(e, "storing an evidence file"))?;
        new.push(NewEvidence {
            sha256: f.spooled.sha256.to_string(),
            size_bytes: i64::try_from(f.spooled.size).unwrap_or(i64::MAX),
            mime: f.mime.to_owned(),
            original_name: f.original_name,
            description: details.description.clone(),
            capture: details.capture.clone(),
            derived_from: details.derived_from,
            victim_supplied: details.victim_supplied,
        });
    }
    Ok(new)
}

pub async fn list(state: &AppState, user: &User, handle: &CaseHandle) -> Result<Vec<EvidenceItem>, AppError> {
    check(user, handle, EvidenceAction::List)?;
    Ok(state.store.evidence_items(handle.id()).await?)
}

/// One item and its custody log.
pub async fn item(
    state: &AppState,
    user: &User,
    handle: &CaseHandle,
    id: i64,
) -> Result<(EvidenceItem, Vec<Entry>), AppError> {
    check(user, handle, EvidenceAction::List)?;
    let item = state.store.evidence_item(handle.id(), id).await?;
    let custody = state.store.custody(&[id]).await?;
    Ok((item, custody))
}

/// An item's bytes, opened for showing in the browser or for download.
pub struct Opened {
    pub item: EvidenceItem,
    pub reader: BlobReader,
    /// Shown in the browser (only types safe to show); otherwise downloaded.
    pub inline: bool,
}

/// The item's bytes, after recording who opened them and why: "viewed" when shown in the
/// browser (`view`, for a type safe to show), "downloaded" otherwise.
pub async fn open(
    state: &AppState,
    user: &User,
    handle: &CaseHandle,
    id: i64,
    view: bool,
    reason: &str,
) -> Result<Opened, AppError> {
    check(user, handle, EvidenceAction::Open)?;
    let reason = optional_reason(reason)?;
    let item = state.store.evidence_item(handle.id(), id).await?;
    let inline = view && super::sniff::viewable(&item.mime);
    let action = if inline { CustodyAction::Viewed } else { CustodyAction::Downloaded };
    let sha: Sha256Hex = item.sha256.parse().map_err(|e| internal(e, "a stored hash does not parse"))?;
    let reader = state.evidence.blobs().get(&sha).await.map_err(|e| internal(e, "reading an evidence file"))?;
    state.store.record_custody(&[id], action, actor(user), reason.as_deref(), state.now_millis()).await?;
    tracing::info!(case_id = handle.id(), item_id = id, action = action.code(), "evidence opened");
    Ok(Opened { item, reader, inline })
}

fn optional_reason(reason: &str) -> Result<Option<String>, AppError> {
    let r: String = reason.trim().nfc().filter(|c| !c.is_control()).collect();
    if r.chars().count() > MAX_REASON {
        return Err(AppError::invalid("reason", "error-too-long"));
    }
    Ok((!r.is_empty()).then_some(r))
}

/// Records by hand what the system cannot see: a hand-over to the police, a copy made outside.
pub async fn record(
    state: &AppState,
    user: &User,
    handle: &CaseHandle,
    id: i64,
    action: &str,
    reason: &str,
) -> Result<Vec<Entry>, AppError> {
    check(user, handle, EvidenceAction::RecordCustody)?;
    let mut e = FieldErrors::default();
    let action = match action.trim().parse::<CustodyAction>() {
        Ok(a) if CustodyAction::MANUAL.contains(&a) => Some(a),
        _ => {
            e.add("action", "error-choice");
            None
        }
    };
    let reason = match optional_reason(reason) {
        Ok(Some(r)) => Some(r),
        Ok(None) => {
            e.add("reason", "evidence-error-reason");
            None
        }
        Err(_) => {
            e.add("reason", "error-too-long");
            None
        }
    };
    e.into_result()?;
    let (Some(action), Some(reason)) = (action, reason) else { return Err(AppError::BadRequest("error-bad-request")) };
    state.store.evidence_item(handle.id(), id).await?;
    let subject = crate::privacy::audit::case_subject(handle.id());
    let audited = state.store.audited(Some(user.id), "evidence.custody", &subject, action.code());
    audited.record_custody(&[id], action, actor(user), Some(&reason), state.now_millis()).await?;
    tracing::info!(case_id = handle.id(), item_id = id, action = action.code(), "custody recorded");
    Ok(state.store.custody(&[id]).await?)
}

/// Re-hashes every file of the case and checks every chain. Reading only: nothing is recorded.
pub async fn verify_case(state: &AppState, user: &User, handle: &CaseHandle) -> Result<Vec<ItemReport>, AppError> {
    check(user, handle, EvidenceAction::Verify)?;
    let items = state.store.evidence_items(handle.id()).await?;
    let reports = verify::check_items(&state.store, state.evidence.blobs(), &items, &|_| {})
        .await
        .map_err(|e| internal(e, "verifying evidence"))?;
    let bad = reports.iter().filter(|r| !r.findings.is_empty()).count();
    tracing::info!(case_id = handle.id(), items = items.len(), bad, "evidence verified");
    Ok(reports)
}
