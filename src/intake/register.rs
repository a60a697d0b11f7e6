//! Registering a case: the intake form and `POST /api/v1/cases` both end here.

use chrono::Datelike;
use sahayak_domain::access::CaseAction;

use crate::cases::access::require;
use crate::cases::input::{CaseInput, search_terms, validate};
use crate::cases::service::check_assignee;
use crate::store::{Case, NewCase, User};
use crate::web::{AppError, AppState};

/// Registers a new case from intake.
pub async fn create(state: &AppState, user: &User, input: &CaseInput) -> Result<Case, AppError> {
    require(user, CaseAction::Create)?;
    let now = state.now_millis();
    let districts = state.districts().await?;
    let valid = validate(input, user, &districts, now).map_err(AppError::Invalid)?;
    check_assignee(state, user, &valid, valid.assignee_id).await?;
    let year = sahayak_domain::time::from_millis(now).with_timezone(&sahayak_domain::time::ist()).year();
    let plan = crate::triage::plans::plan_for(&valid.fields);
    let owners = crate::triage::plans::owners(state, valid.district.id, valid.assignee_id).await?;
    let circumstances = crate::triage::plans::circumstances(&valid.fields, &state.config);
    let tasks = crate::triage::plans::tasks_for(plan, circumstances, &valid.fields, now, &owners);
    let engine = state.deadline_engine(valid.district.id).await?;
    let new = NewCase {
        tasks,
        // The intake form starts in this district next time.
        remember_district_for: (user.districts.len() != 1).then_some(user.id),
        district_id: valid.district.id,
        year: i64::from(year),
        prefix: valid.district.prefix.clone(),
        search_text: search_terms(&valid.fields),
        fields: valid.fields,
        assignee_id: valid.assignee_id,
        created_by: user.id,
        at: now,
    };
    // One transaction: the case, its tasks, search entry, timeline event and audit entry, and
    // its place in the queue (nothing else is recorded about a case yet).
    let now_at = sahayak_domain::time::from_millis(now);
    let case = state
        .store
        .create_case(&new, |case, tasks| {
            use crate::triage::facts::{Recorded, compute, urgency};
            let recorded = Recorded { actions: vec![], trail: vec![], tasks: tasks.to_vec(), payment: vec![] };
            urgency(case, &compute(&engine, case, recorded, now_at), now_at)
        })
        .await?;
    tracing::info!(case_id = case.id, "case registered");
    Ok(case)
}
