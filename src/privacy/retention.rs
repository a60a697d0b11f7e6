//! Retention: how long a case's personal data is kept after closure (per purpose, from the
//! settings), legal holds that keep it longer, and the erasure job.

use std::time::Duration;

use askama::Template;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use sahayak_domain::access::Role;
use sahayak_domain::evidence::Sha256Hex;
use sahayak_domain::time::{display_ist_date, from_millis};
use unicode_normalization::UnicodeNormalization;

use crate::cases::access::{self, CaseHandle};
use crate::config::Retention;
use crate::store::{ConsentRow, User};
use crate::web::AppState;
use crate::web::error::AppError;
use crate::web::form::FormData;
use crate::web::page::Page;
use crate::web::session::Staff;

const DAY_MS: i64 = 86_400_000;
/// Cases looked at per batch of the job.
const BATCH: i64 = 500;

/// When a closed case's personal data is due for erasure.
pub fn erase_after(retention: &Retention, closed_at: i64, purposes: &[String]) -> i64 {
    closed_at + retention.days_for_case(purposes.iter().map(String::as_str)) * DAY_MS
}

/// Who may put a case on legal hold or release it.
pub fn may_hold(user: &User) -> bool {
    matches!(user.role, Role::LegalAdvisor | Role::Supervisor | Role::Admin | Role::StateAdmin)
}

#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Report {
    /// Closed cases past the shortest retention period, looked at.
    pub checked: u64,
    /// Cases whose personal data was erased (or would be, in a dry run).
    pub erased: u64,
    /// Evidence files deleted from storage.
    pub files_deleted: u64,
    /// Evidence files that could not be deleted (the next run tries again).
    pub files_failed: u64,
}

/// Erases every case whose retention has ended (not on hold), then deletes evidence files no
/// live case uses. Safe to run again after an interruption; `dry_run` only counts.
pub async fn run(state: &AppState, now: i64, dry_run: bool) -> anyhow::Result<Report> {
    let r = &state.config.retention;
    let shortest = [r.reporting_assistance, r.counselling, r.referral_police, r.referral_legal_aid, r.follow_up]
        .into_iter()
        .min()
        .unwrap_or(r.reporting_assistance);
    let mut report = Report::default();
    let mut seen_up_to = (i64::MIN, i64::MIN);
    loop {
        let batch = state.store.retention_candidates(now - shortest * DAY_MS, BATCH, seen_up_to).await?;
        let Some(last) = batch.last() else { break };
        seen_up_to = (last.closed_at, last.id);
        for c in &batch {
            report.checked += 1;
            if erase_after(r, c.closed_at, &c.purposes) > now {
                continue;
            }
            let subject = crate::privacy::audit::case_subject(c.id);
            if dry_run || state.store.audited(None, "case.erased", &subject, "retention").erase_case(c.id, now).await? {
                report.erased += 1;
            }
        }
    }
    if !dry_run {
        let blobs = state.evidence.blobs();
        for sha in state.store.erased_blobs().await? {
            let Ok(sha) = sha.parse::<Sha256Hex>() else { continue };
            match blobs.exists(&sha).await {
                Ok(false) => continue,
                Ok(true) => {}
                Err(_) => {
                    report.files_failed += 1;
                    continue;
                }
            }
            match blobs.delete(&sha).await {
                Ok(()) => report.files_deleted += 1,
                Err(e) => {
                    tracing::warn!(error = %e, "an erased evidence file could not be deleted; the next run retries");
                    report.files_failed += 1;
                }
            }
        }
    }
    tracing::info!(
        checked = report.checked,
        erased = report.erased,
        files_deleted = report.files_deleted,
        files_failed = report.files_failed,
        dry_run,
        "retention run"
    );
    Ok(report)
}

/// Runs the job once a day across all the servers on this database (the first check a few
/// minutes after start).
pub async fn daily(state: AppState) {
    tokio::time::sleep(Duration::from_secs(300)).await;
    let job = |state: AppState| async move {
        run(&state, state.now_millis(), false).await?;
        Ok(())
    };
    crate::web::fleet::every(state, "retention", Duration::from_secs(24 * 3600), Duration::from_secs(600), job).await
}

/// The retention part of the consent card: until when the data is kept, the hold, erasure.
#[derive(Template)]
#[template(path = "privacy/retention.html")]
pub struct RetentionPanel {
    page: Page,
    reference: String,
    status: String,
    hold: Option<String>,
    can_hold: bool,
}

pub fn panel(state: &AppState, staff: &Staff, handle: &CaseHandle, consents: &[ConsentRow]) -> RetentionPanel {
    let page = staff.page(state);
    let c = handle.case();
    let date = |ms: i64| display_ist_date(from_millis(ms));
    let status = if let Some(at) = c.erased_at {
        page.t1("retention-erased-on", "date", date(at))
    } else if c.legal_hold.is_some() {
        page.t("retention-held")
    } else if let Some(closed) = c.closed_at {
        let purposes: Vec<String> = consents.iter().filter(|r| r.given == 1).map(|r| r.purpose.clone()).collect();
        page.t1("retention-until", "date", date(erase_after(&state.config.retention, closed, &purposes)))
    } else {
        page.t("retention-open")
    };
    RetentionPanel {
        reference: c.reference.clone(),
        status,
        hold: c.legal_hold.clone(),
        can_hold: may_hold(&staff.user) && c.erased_at.is_none(),
        page,
    }
}

/// Puts the case on legal hold with a reason, or (an empty reason) releases it.
pub async fn set_hold(
    State(state): State<AppState>,
    staff: Staff,
    Path(reference): Path<String>,
    form: FormData,
) -> Result<Response, AppError> {
    staff.check_csrf(form.csrf())?;
    let handle = access::open_by_reference(&state, &staff.user, &reference).await?;
    if !may_hold(&staff.user) {
        return Err(AppError::Forbidden);
    }
    let reason: String = form.get("reason").trim().nfc().collect();
    if reason.chars().count() > 500 {
        return Err(AppError::invalid("reason", "error-too-long"));
    }
    let hold = (form.get("hold") == "1").then_some(reason);
    if hold.as_deref() == Some("") {
        let errors = crate::web::error::FieldErrors(vec![crate::web::error::FieldError {
            field: "reason",
            key: "retention-hold-reason-needed",
        }]);
        return crate::cases::show::render(&state, &staff, &handle, errors, String::new()).await;
    }
    let subject = crate::privacy::audit::case_subject(handle.id());
    let detail = hold.as_deref().unwrap_or("released");
    let audited = state.store.audited(Some(staff.user.id), "case.legal_hold", &subject, detail);
    audited.set_legal_hold(handle.id(), hold.as_deref(), state.now_millis()).await?;
    Ok(Redirect::to(&format!("/cases/{}#retention", handle.case().reference)).into_response())
}
