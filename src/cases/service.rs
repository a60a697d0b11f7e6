//! The case use-cases, shared by the HTML pages and the JSON API.

use sahayak_domain::access::CaseAction;
use sahayak_domain::case::{CaseRef, ClosureReason, Status};
use sahayak_domain::phone::Mobile;
use unicode_normalization::UnicodeNormalization;

use super::access::{CaseHandle, require, scope, sees_district};
use super::input::{CaseInput, ValidCase, search_terms, validate};
use crate::store::{AssigneeFilter, Case, CaseEdit, CaseEvent, CaseFilter, CasePage, SearchFilter, StatusChange, User};
use crate::web::error::FieldErrors;
use crate::web::{AppError, AppState};

pub const MAX_NOTE: usize = 10_000;
pub const PAGE_SIZE: u32 = 50;

/// An assignee must be active staff of the case's district; only supervisors and admins
/// may give a case to someone else.
pub(crate) async fn check_assignee(
    state: &AppState,
    user: &User,
    valid: &ValidCase,
    assignee: Option<i64>,
) -> Result<(), AppError> {
    let Some(id) = assignee else { return Ok(()) };
    if id != user.id {
        require(user, CaseAction::AssignOthers)?;
    }
    let ok = match state.store.user_by_id(id).await {
        Ok(u) => u.districts.contains(&valid.district.id) && u.role.may(CaseAction::AssignSelf),
        Err(crate::store::StoreError::NotFound) => false,
        Err(e) => return Err(e.into()),
    };
    if ok { Ok(()) } else { Err(AppError::invalid("assignee", "error-choice")) }
}

/// Replaces the case's recorded facts. The district and reference never change; the
/// assignee changes through [`assign`]. `expected_version` guards against overwriting
/// someone else's edit.
pub async fn update(
    state: &AppState,
    user: &User,
    handle: &CaseHandle,
    input: &CaseInput,
    expected_version: Option<i64>,
) -> Result<Case, AppError> {
    require(user, CaseAction::Edit)?;
    let case = handle.case();
    if case.erased_at.is_some() {
        return Err(AppError::BadRequest("retention-erased-no-edit"));
    }
    let districts = state.districts().await?;
    let district = districts.iter().find(|d| d.id == case.district_id).ok_or(AppError::NotFound)?;
    let mut input = input.clone();
    input.district = district.code.clone();
    input.assignee = String::new();
    let valid = validate(&input, user, &districts, state.now_millis()).map_err(AppError::Invalid)?;
    let version = expected_version.unwrap_or(case.version);
    let terms = search_terms(&valid.fields);
    let edit = CaseEdit { fields: &valid.fields, actor: user.id, at: state.now_millis(), search_text: &terms };
    let rank = crate::triage::facts::ranker(state, case).await?;
    let updated = state.store.update_case(case.id, version, &edit, rank).await?;
    tracing::info!(case_id = case.id, "case edited");
    Ok(updated)
}

pub async fn add_note(state: &AppState, user: &User, handle: &CaseHandle, body: &str) -> Result<CaseEvent, AppError> {
    require(user, CaseAction::AddNote)?;
    let body: String = body.trim().nfc().collect();
    if body.is_empty() {
        return Err(AppError::invalid("body", "error-required"));
    }
    if body.chars().count() > MAX_NOTE {
        return Err(AppError::invalid("body", "error-too-long"));
    }
    Ok(state.store.add_note(handle.id(), user.id, state.now_millis(), &body).await?)
}

/// Moves a case along the workflow. Closing needs a reason; other moves must not have one.
pub async fn change_status(
    state: &AppState,
    user: &User,
    handle: &CaseHandle,
    to: &str,
    reason: &str,
    note: &str,
    consent_override: &str,
) -> Result<Case, AppError> {
    require(user, CaseAction::ChangeStatus)?;
    let mut e = FieldErrors::default();
    let to: Option<Status> = match to.trim() {
        "" => {
            e.add("status", "error-required");
            None
        }
        s => s.parse().map_err(|_| e.add("status", "error-choice")).ok(),
    };
    let from = handle.case().status;
    if let Some(to) = to
        && !from.can_move_to(to)
    {
        e.add("status", "error-status-move");
    }
    let reason: Option<ClosureReason> = match (to, reason.trim()) {
        (Some(Status::Closed), "") => {
            e.add("closure_reason", "error-closure-reason");
            None
        }
        (Some(Status::Closed), r) => r.parse().map_err(|_| e.add("closure_reason", "error-choice")).ok(),
        (_, "") => None,
        (_, _) => {
            e.add("closure_reason", "error-closure-only");
            None
        }
    };
    let note: String = note.trim().nfc().collect();
    if note.chars().count() > MAX_NOTE {
        e.add("note", "error-too-long");
    }
    e.into_result()?;
    let to = to.ok_or(AppError::BadRequest("error-bad-request"))?;
    if to == Status::Referred {
        // Referring a victim to the police or to legal aid shares their story: it needs their
        // consent to one of the two, or a supervisor's override with a reason (audited).
        use crate::privacy::consent::{given, require_or_override};
        if !given(state, handle, "referral_police").await? && !given(state, handle, "referral_legal_aid").await? {
            require_or_override(state, user, handle, "referral_police", consent_override).await?;
        }
    }
    let note = (!note.is_empty()).then_some(note);
    let at = state.now_millis();
    // Closing schedules the follow-up calls (7 and 30 days), unless the victim cannot be reached.
    let follow_ups: Vec<(i64, String)> = if to == Status::Closed
        && !matches!(reason, Some(ClosureReason::Unreachable | ClosureReason::Duplicate))
    {
        crate::followup::DAYS
            .iter()
            .map(|d| {
                let title = crate::web::i18n::catalogs().get_with(user.lang, "followup-task", &[("days", (*d).into())]);
                (at + d * 86_400_000, title)
            })
            .collect()
    } else {
        Vec::new()
    };
    let change = StatusChange { from, to, reason, note: note.as_deref(), actor: user.id, at, follow_ups: &follow_ups };
    let rank = crate::triage::facts::ranker(state, handle.case()).await?;
    let case = state.store.change_status(handle.id(), &change, rank).await?;
    tracing::info!(case_id = case.id, status = to.code(), "status changed");
    Ok(case)
}

/// Gives the case to `assignee` (a user id), or to nobody when it is empty.
pub async fn assign(state: &AppState, user: &User, handle: &CaseHandle, assignee: &str) -> Result<Case, AppError> {
    let assignee = match assignee.trim() {
        "" => None,
        a => Some(a.parse::<i64>().map_err(|_| AppError::invalid("assignee", "error-choice"))?),
    };
    match assignee {
        Some(id) if id == user.id => require(user, CaseAction::AssignSelf)?,
        _ => require(user, CaseAction::AssignOthers)?,
    }
    let districts = state.districts().await?;
    let district = districts.iter().find(|d| d.id == handle.case().district_id).ok_or(AppError::NotFound)?.clone();
    let valid = ValidCase { district, fields: handle.case().fields.clone(), assignee_id: assignee };
    check_assignee(state, user, &valid, assignee).await?;
    Ok(state.store.assign(handle.id(), assignee, user.id, state.now_millis()).await?)
}

/// The filters of a case list, as they arrive in a query string.
#[derive(Debug, Default, Clone, serde::Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ListQuery {
    /// A case reference, a mobile number, or words from the name or narrative (Hindi or English).
    #[serde(default)]
    pub q: String,
    /// Status code, e.g. `new`.
    #[serde(default)]
    #[param(schema_with = crate::api::schema::status)]
    pub status: String,
    /// The portal category, exactly as the taxonomy spells it.
    #[serde(default)]
    pub category: String,
    /// A user id, or `none` for unassigned cases.
    #[serde(default)]
    #[param(pattern = "^(none|[0-9]{1,18})$")]
    pub assignee: String,
    /// District code, e.g. `jaipur`.
    #[serde(default)]
    #[param(pattern = "@district")]
    pub district: String,
    /// Registered on or after this date (YYYY-MM-DD, IST).
    #[serde(default)]
    #[param(pattern = "@day")]
    pub from: String,
    /// Registered on or before this date (YYYY-MM-DD, IST).
    #[serde(default)]
    #[param(pattern = "@day")]
    pub to: String,
    /// The cursor from the previous page (`next`).
    #[serde(default)]
    #[param(value_type = Option<i64>)]
    pub before: String,
    /// Items per page (1–100, default 50).
    #[serde(default)]
    #[param(value_type = Option<i64>, minimum = 1, maximum = 100)]
    pub limit: String,
}

impl ListQuery {
    pub fn is_filtered(&self) -> bool {
        [&self.q, &self.status, &self.category, &self.assignee, &self.district, &self.from, &self.to]
            .iter()
            .any(|v| !v.trim().is_empty())
    }
}

/// Reads the search box: a reference, then a mobile number, then words.
pub fn interpret_search(q: &str) -> Option<SearchFilter> {
    let q = q.trim();
    if q.is_empty() {
        return None;
    }
    if let Ok(r) = q.parse::<CaseRef>() {
        return Some(SearchFilter::Reference(r.to_string()));
    }
    if let Ok(m) = q.parse::<Mobile>() {
        return Some(SearchFilter::Mobile(m.to_string()));
    }
    Some(SearchFilter::Terms(sahayak_domain::search::query_terms(q)))
}

fn ist_day_start(date: &str) -> Option<i64> {
    // As typed at the desk (07-12-2026, 7/12/2026) or as the API sends it (2026-12-07).
    let d = ["%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y", "%d.%m.%Y"]
        .iter()
        .find_map(|f| chrono::NaiveDate::parse_from_str(date.trim(), f).ok())?;
    let t = d.and_hms_opt(0, 0, 0)?.and_local_timezone(sahayak_domain::time::ist()).single()?;
    Some(t.timestamp_millis())
}

/// Lists the cases `user` may see that match the query, one page at a time.
pub async fn list(state: &AppState, user: &User, q: &ListQuery) -> Result<CasePage, AppError> {
    let mut e = FieldErrors::default();
    let mut filter = CaseFilter { search: interpret_search(&q.q), ..Default::default() };
    if let Some(SearchFilter::Terms(t)) = &filter.search
        && t.is_empty()
    {
        // Only punctuation was typed: nothing can match.
        return Ok(CasePage { items: Vec::new(), next: None });
    }
    if !q.status.trim().is_empty() {
        filter.status = q.status.trim().parse().map_err(|_| e.add("status", "error-choice")).ok();
    }
    if !q.category.trim().is_empty() {
        filter.category = Some(q.category.trim().to_owned());
    }
    filter.assignee = match q.assignee.trim() {
        "" => None,
        "none" => Some(AssigneeFilter::Nobody),
        a => a.parse().map(AssigneeFilter::User).map_err(|_| e.add("assignee", "error-choice")).ok(),
    };
    if !q.district.trim().is_empty() {
        let districts = state.districts().await?;
        match districts.iter().find(|d| d.code == q.district.trim()) {
            Some(d) if sees_district(user, d.id) => filter.district_id = Some(d.id),
            _ => e.add("district", "error-choice"),
        }
    }
    if !q.from.trim().is_empty() {
        filter.created_from = ist_day_start(&q.from).or_else(|| {
            e.add("from", "error-date");
            None
        });
    }
    if !q.to.trim().is_empty() {
        filter.created_before = ist_day_start(&q.to).map(|t| t + 86_400_000).or_else(|| {
            e.add("to", "error-date");
            None
        });
    }
    let before = match q.before.trim() {
        "" => None,
        b => b.parse::<i64>().map_err(|_| e.add("before", "error-choice")).ok(),
    };
    let limit = match q.limit.trim() {
        "" => PAGE_SIZE,
        l => match l.parse::<u32>() {
            Ok(n) if (1..=100).contains(&n) => n,
            _ => {
                e.add("limit", "error-limit");
                PAGE_SIZE
            }
        },
    };
    e.into_result()?;
    Ok(state.store.list_cases(&scope(user), &filter, before, limit).await?)
}

pub async fn timeline(state: &AppState, handle: &CaseHandle) -> Result<Vec<CaseEvent>, AppError> {
    Ok(state.store.timeline(handle.id()).await?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn search_box_reads_references_mobiles_and_words() {
        assert_eq!(interpret_search("jpr-2026-12"), Some(SearchFilter::Reference("JPR-2026-000012".into())));
        assert_eq!(interpret_search("98765 43210"), Some(SearchFilter::Mobile("+919876543210".into())));
        assert_eq!(interpret_search("UPI ठगी"), Some(SearchFilter::Terms(vec!["upi".into(), "ठगी".into()])));
        assert_eq!(interpret_search("  "), None);
    }

    #[test]
    fn dates_are_ist_days() {
        // 1 March 2026 00:00 IST is 28 February 18:30 UTC.
        assert_eq!(ist_day_start("2026-03-01"), Some(1_772_303_400_000));
        // As a desk worker types it, too.
        assert_eq!(ist_day_start("01-03-2026"), Some(1_772_303_400_000));
        assert_eq!(ist_day_start("2026/03/01"), None);
    }
}
