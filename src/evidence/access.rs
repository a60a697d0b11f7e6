//! The one place that decides what a user may do with a case's evidence.
//!
//! Every evidence use-case takes a [`CaseHandle`] (so the case's district was checked by
//! `cases::access::open`) and calls [`check`] first.
//!
//! Evidence in a sextortion case (intimate images, chats) is seen only by the staff member the
//! case is assigned to and by supervisors: everyone else may still add files (the front desk
//! receives them) but cannot list, open, verify or export them.

use sahayak_domain::access::{CaseAction, Role};
use sahayak_domain::case::ScamPattern;

use crate::cases::access::{CaseHandle, require};
use crate::store::User;
use crate::web::AppError;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EvidenceAction {
    /// See the list of items and their details and custody.
    List,
    /// Open or download an item's bytes.
    Open,
    /// Download the case's bundle.
    Export,
    /// Re-hash the case's files and check their chains.
    Verify,
    /// Add files (or a derived copy).
    Add,
    /// Record a hand-over or a copy by hand.
    RecordCustody,
}

/// Whether the case's evidence is restricted and `user` is outside the circle that sees it.
pub fn restricted_for(user: &User, handle: &CaseHandle) -> bool {
    let case = handle.case();
    let sensitive = case.fields.scam_pattern == ScamPattern::Sextortion;
    sensitive && case.assignee_id != Some(user.id) && user.role != Role::Supervisor
}

pub fn check(user: &User, handle: &CaseHandle, action: EvidenceAction) -> Result<(), AppError> {
    if action != EvidenceAction::Add && restricted_for(user, handle) {
        return Err(AppError::Forbidden);
    }
    match action {
        EvidenceAction::List | EvidenceAction::Open | EvidenceAction::Export | EvidenceAction::Verify => {
            require(user, CaseAction::Read)
        }
        EvidenceAction::Add | EvidenceAction::RecordCustody => require(user, CaseAction::Edit),
    }
}
