//! The one place that decides what a user may do with a case's evidence.
//!
//! Every evidence use-case takes a [`CaseHandle`] (so the case's district was checked by
//! `cases::access::open`) and calls [`check`] first. Restricting sensitive evidence (intimate
//! images in sextortion cases, say) later means changing this function alone.

use sahayak_domain::access::CaseAction;

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

pub fn check(user: &User, handle: &CaseHandle, action: EvidenceAction) -> Result<(), AppError> {
    let _ = handle; // the case's own kind will matter once sensitive evidence is restricted
    match action {
        EvidenceAction::List | EvidenceAction::Open | EvidenceAction::Export | EvidenceAction::Verify => {
            require(user, CaseAction::Read)
        }
        EvidenceAction::Add | EvidenceAction::RecordCustody => require(user, CaseAction::Edit),
    }
}
