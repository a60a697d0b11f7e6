//! Consent, per purpose: reporting assistance, counselling, referral to police, referral to
//! legal aid, follow-up. A child's consent is given by a guardian. Referrals need consent,
//! unless a supervisor overrides with a reason (which the audit log keeps).

use askama::Template;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use sahayak_domain::access::{CaseAction, Role};
use sahayak_domain::case::ScamPattern;
use unicode_normalization::UnicodeNormalization;

use crate::cases::access::{self, CaseHandle, require};
use crate::cases::panels::Panel;
use crate::store::{ConsentRow, NewConsent, User};
use crate::web::AppState;
use crate::web::error::{AppError, FieldErrors};
use crate::web::form::FormData;
use crate::web::page::Page;
use crate::web::session::Staff;

pub const PURPOSES: [&str; 5] =
    ["reporting_assistance", "counselling", "referral_police", "referral_legal_aid", "follow_up"];

pub fn is_minor(handle: &CaseHandle) -> bool {
    handle.case().fields.victim_age.is_some_and(|a| a < 18)
}

/// A child in a sexual-content case: POCSO s.19 makes reporting to the police a duty.
pub fn pocso_duty(handle: &CaseHandle) -> bool {
    let f = &handle.case().fields;
    is_minor(handle)
        && (f.scam_pattern == ScamPattern::Sextortion
            || f.category == "Crime Against Women & Children"
            || f.category.contains("Sexual")
            || f.category.contains("CSAM"))
}

pub struct ConsentInput<'a> {
    pub purpose: &'a str,
    pub given: bool,
    /// `victim` or `guardian`.
    pub given_by: &'a str,
    pub guardian_name: &'a str,
    pub note: &'a str,
}

pub async fn record(state: &AppState, user: &User, handle: &CaseHandle, c: &ConsentInput<'_>) -> Result<(), AppError> {
    require(user, CaseAction::Edit)?;
    let mut e = FieldErrors::default();
    if !PURPOSES.contains(&c.purpose.trim()) {
        e.add("purpose", "error-choice");
    }
    let given_by = match c.given_by.trim() {
        "" => "victim",
        g @ ("victim" | "guardian") => g,
        _ => {
            e.add("given_by", "error-choice");
            "victim"
        }
    };
    let guardian: String = c.guardian_name.trim().nfc().collect();
    if is_minor(handle) && c.given && (given_by != "guardian" || guardian.is_empty()) {
        e.add("guardian_name", "consent-guardian-needed");
    }
    if given_by == "guardian" && guardian.is_empty() {
        e.add("guardian_name", "error-required");
    }
    let note: String = c.note.trim().nfc().collect();
    if guardian.chars().count() > 200 || note.chars().count() > 1000 {
        e.add("note", "error-too-long");
    }
    e.into_result()?;
    let new = NewConsent {
        purpose: c.purpose.trim(),
        given: c.given,
        given_by,
        guardian_name: (!guardian.is_empty()).then_some(guardian.as_str()),
        note: (!note.is_empty()).then_some(note.as_str()),
    };
    state.store.record_consent(handle.id(), &new, user.id, state.now_millis()).await?;
    Ok(())
}

/// Whether `purpose` has consent now.
pub async fn given(state: &AppState, handle: &CaseHandle, purpose: &str) -> Result<bool, AppError> {
    Ok(state.store.consents(handle.id()).await?.iter().any(|c| c.purpose == purpose && c.given == 1))
}

/// Lets an action that needs consent go ahead: with consent, or when a supervisor overrides
/// with a reason (audited). Otherwise a field error naming the missing consent.
pub async fn require_or_override(
    state: &AppState,
    user: &User,
    handle: &CaseHandle,
    purpose: &str,
    override_reason: &str,
) -> Result<(), AppError> {
    if given(state, handle, purpose).await? {
        return Ok(());
    }
    let reason: String = override_reason.trim().nfc().collect();
    if reason.is_empty() {
        return Err(AppError::invalid("consent", "consent-missing"));
    }
    if !matches!(user.role, Role::Supervisor | Role::Admin | Role::StateAdmin) {
        return Err(AppError::Forbidden);
    }
    let subject = crate::privacy::audit::case_subject(handle.id());
    crate::privacy::audit::record(state, Some(user.id), "consent.override", &subject, &format!("{purpose}: {reason}"))
        .await;
    Ok(())
}

pub struct ConsentView {
    pub purpose: String,
    pub label: String,
    pub status: String,
    pub given: bool,
    pub detail: String,
}

#[derive(Template)]
#[template(path = "privacy/consent.html")]
struct ConsentPanel {
    page: Page,
    reference: String,
    can_write: bool,
    minor: bool,
    pocso: bool,
    rows: Vec<ConsentView>,
    retention: super::retention::RetentionPanel,
}

fn view(page: &Page, purpose: &str, row: Option<&ConsentRow>) -> ConsentView {
    let label = page.t(&format!("consent-{}", purpose.replace('_', "-")));
    match row {
        None => ConsentView {
            purpose: purpose.into(),
            label,
            status: page.t("consent-not-asked"),
            given: false,
            detail: String::new(),
        },
        Some(r) => ConsentView {
            purpose: purpose.into(),
            label,
            status: page.t(if r.given == 1 { "consent-given" } else { "consent-withdrawn" }),
            given: r.given == 1,
            detail: format!(
                "{}{} · {} · {}",
                page.t(&format!("consent-by-{}", r.given_by)),
                r.guardian_name.as_deref().map(|g| format!(" ({g})")).unwrap_or_default(),
                r.recorded_by_name.clone().unwrap_or_default(),
                crate::cases::views::when(Some(r.recorded_at))
            ),
        },
    }
}

pub async fn panel(state: &AppState, staff: &Staff, handle: &CaseHandle) -> Result<Panel, AppError> {
    let page = staff.page(state);
    let rows = state.store.consents(handle.id()).await?;
    let body = ConsentPanel {
        reference: handle.case().reference.clone(),
        can_write: staff.user.role.may(CaseAction::Edit),
        minor: is_minor(handle),
        pocso: pocso_duty(handle),
        rows: PURPOSES.iter().map(|p| view(&page, p, rows.iter().find(|r| r.purpose == *p))).collect(),
        retention: super::retention::panel(state, staff, handle, &rows),
        page,
    };
    let page_title = body.page.t("consent-title");
    Ok(Panel::section("consent", page_title, body.render()?))
}

pub async fn form(
    State(state): State<AppState>,
    staff: Staff,
    Path(reference): Path<String>,
    form: FormData,
) -> Result<Response, AppError> {
    staff.check_csrf(form.csrf())?;
    let handle = access::open_by_reference(&state, &staff.user, &reference).await?;
    let input = ConsentInput {
        purpose: form.get("purpose"),
        given: form.get("given") == "1",
        given_by: form.get("given_by"),
        guardian_name: form.get("guardian_name"),
        note: form.get("note"),
    };
    match record(&state, &staff.user, &handle, &input).await {
        Ok(()) => Ok(Redirect::to(&format!("/cases/{}#consent", handle.case().reference)).into_response()),
        Err(AppError::Invalid(errors)) => {
            crate::cases::show::render(&state, &staff, &handle, errors, String::new()).await
        }
        Err(e) => Err(e),
    }
}
