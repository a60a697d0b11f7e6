//! Who may do what. The rules live here, in one place; the server asks, never decides.

use crate::case::code_enum;

code_enum!(
    /// A staff member's role. District roles act within the user's districts; the state
    /// admin acts in every district.
    Role, "role" {
        Counsellor => "counsellor",
        PoliceLiaison => "police_liaison",
        LegalAdvisor => "legal_advisor",
        Supervisor => "supervisor",
        Admin => "admin",
        StateAdmin => "state_admin",
        Auditor => "auditor",
    }
);

/// Something a user may try to do to a case.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CaseAction {
    Read,
    Create,
    Edit,
    AddNote,
    ChangeStatus,
    /// Assign the case to someone other than oneself.
    AssignOthers,
    /// Take the case oneself.
    AssignSelf,
}

impl Role {
    pub fn sees_all_districts(self) -> bool {
        self == Role::StateAdmin
    }

    pub fn may(self, action: CaseAction) -> bool {
        use CaseAction::*;
        use Role::*;
        match action {
            Read => true,
            Create | Edit | AddNote | ChangeStatus | AssignSelf => self != Auditor,
            AssignOthers => matches!(self, Supervisor | Admin | StateAdmin),
        }
    }

    /// May put identifiers on the watch-list or mark them genuine.
    pub fn flags_identifiers(self) -> bool {
        matches!(self, Role::PoliceLiaison | Role::Supervisor | Role::Admin | Role::StateAdmin)
    }

    /// May manage staff accounts (in their own districts, or all for the state admin).
    pub fn manages_users(self) -> bool {
        matches!(self, Role::Admin | Role::StateAdmin)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn auditor_reads_only() {
        assert!(Role::Auditor.may(CaseAction::Read));
        for a in [
            CaseAction::Create,
            CaseAction::Edit,
            CaseAction::AddNote,
            CaseAction::ChangeStatus,
            CaseAction::AssignSelf,
        ] {
            assert!(!Role::Auditor.may(a), "{a:?}");
        }
    }

    #[test]
    fn only_supervisors_and_admins_assign_others() {
        let assigners: Vec<Role> = Role::ALL.iter().copied().filter(|r| r.may(CaseAction::AssignOthers)).collect();
        assert_eq!(assigners, [Role::Supervisor, Role::Admin, Role::StateAdmin]);
        assert!(Role::Counsellor.may(CaseAction::AssignSelf));
    }

    #[test]
    fn only_the_state_admin_sees_every_district() {
        let all: Vec<Role> = Role::ALL.iter().copied().filter(|r| r.sees_all_districts()).collect();
        assert_eq!(all, [Role::StateAdmin]);
    }
}
