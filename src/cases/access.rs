//! The one place that decides whether a user may see or change a case.
//!
//! A [`CaseHandle`] can only be made by [`open`], after the check; every use-case that reads
//! or writes a case takes one, so a forgotten check does not compile.

use sahayak_domain::access::CaseAction;

use crate::store::{Case, Scope, User};
use crate::web::{AppError, AppState};

/// A case the holder has been allowed to read.
pub struct CaseHandle {
    case: Case,
}

impl CaseHandle {
    pub fn case(&self) -> &Case {
        &self.case
    }

    pub fn into_case(self) -> Case {
        self.case
    }

    pub fn id(&self) -> i64 {
        self.case.id
    }
}

/// The districts whose cases `user` may see.
pub fn scope(user: &User) -> Scope {
    if user.role.sees_all_districts() { Scope::All } else { Scope::Districts(user.districts.clone()) }
}

pub fn sees_district(user: &User, district_id: i64) -> bool {
    user.role.sees_all_districts() || user.districts.contains(&district_id)
}

/// Fails with `Forbidden` unless the user's role allows `action`.
pub fn require(user: &User, action: CaseAction) -> Result<(), AppError> {
    if user.role.may(action) { Ok(()) } else { Err(AppError::Forbidden) }
}

/// Opens case `id` for `user`. A case in another district is "not found", exactly like a case
/// that does not exist, so ids cannot be probed.
pub async fn open(state: &AppState, user: &User, id: i64) -> Result<CaseHandle, AppError> {
    let case = state.store.case(id).await?;
    granted(state, user, case).await
}

/// The check, and the audit entry that every read of a case leaves.
async fn granted(state: &AppState, user: &User, case: crate::store::Case) -> Result<CaseHandle, AppError> {
    let subject = crate::privacy::audit::case_subject(case.id);
    if !sees_district(user, case.district_id) {
        crate::privacy::audit::record(state, Some(user.id), "case.denied", &subject, "").await;
        return Err(AppError::NotFound);
    }
    crate::privacy::audit::record(state, Some(user.id), "case.read", &subject, "").await;
    Ok(CaseHandle { case })
}

pub async fn open_by_reference(state: &AppState, user: &User, reference: &str) -> Result<CaseHandle, AppError> {
    let reference: sahayak_domain::case::CaseRef = reference.parse().map_err(|_| AppError::NotFound)?;
    let case = state.store.case_by_reference(&reference.to_string()).await?;
    granted(state, user, case).await
}

/// Opens a case for the victim holding its reference and private code. A wrong code, a case
/// with no code, or an erased case answers exactly like an unknown reference.
pub async fn open_with_code(state: &AppState, reference: &str, code: &str) -> Result<CaseHandle, AppError> {
    let reference: sahayak_domain::case::CaseRef = reference.trim().parse().map_err(|_| AppError::NotFound)?;
    let case = match state.store.case_by_reference(&reference.to_string()).await {
        Ok(case) => case,
        Err(crate::store::StoreError::NotFound) => return Err(AppError::NotFound),
        Err(e) => return Err(e.into()),
    };
    let subject = crate::privacy::audit::case_subject(case.id);
    let given = crate::victim::normalise_code(code);
    let matches = match state.store.victim_code(case.id).await? {
        Some((stored, _)) => crate::web::session::same_secret(&stored, &given),
        None => false,
    };
    if !matches || case.erased_at.is_some() {
        crate::privacy::audit::record(state, None, "case.victim_denied", &subject, "").await;
        return Err(AppError::NotFound);
    }
    crate::privacy::audit::record(state, None, "case.victim_read", &subject, "").await;
    Ok(CaseHandle { case })
}

/// Opens the case of a victim's session (which only [`open_with_code`] led to). Every read is
/// audited, as for staff.
pub async fn open_for_victim(state: &AppState, session: &crate::store::VictimSession) -> Result<CaseHandle, AppError> {
    let case = state.store.case(session.case_id).await?;
    if case.erased_at.is_some() {
        return Err(AppError::NotFound);
    }
    let subject = crate::privacy::audit::case_subject(case.id);
    crate::privacy::audit::record(state, None, "case.victim_read", &subject, "").await;
    Ok(CaseHandle { case })
}
