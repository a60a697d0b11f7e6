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

    /// How far a role reaches, for "nobody raises anyone above their own role": the desk
    /// roles, then those who oversee them (supervisors, and auditors who read everything in
    /// their districts), the district admin, the state admin.
    pub fn rank(self) -> u8 {
        match self {
            Role::Counsellor | Role::PoliceLiaison | Role::LegalAdvisor => 1,
            Role::Supervisor | Role::Auditor => 2,
            Role::Admin => 3,
            Role::StateAdmin => 4,
        }
    }

    /// May give someone the role `other` (or change someone who has it): an admin, up to
    /// their own rank.
    pub fn may_grant(self, other: Role) -> bool {
        self.manages_users() && other.rank() <= self.rank()
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
    fn admins_grant_up_to_their_own_role() {
        let by_admin: Vec<Role> = Role::ALL.iter().copied().filter(|r| Role::Admin.may_grant(*r)).collect();
        assert_eq!(
            by_admin,
            [Role::Counsellor, Role::PoliceLiaison, Role::LegalAdvisor, Role::Supervisor, Role::Admin, Role::Auditor]
        );
        assert!(Role::StateAdmin.may_grant(Role::StateAdmin));
        assert!(!Role::Supervisor.may_grant(Role::Counsellor), "only admins manage staff");
    }

    #[test]
    fn only_the_state_admin_sees_every_district() {
        let all: Vec<Role> = Role::ALL.iter().copied().filter(|r| r.sees_all_districts()).collect();
        assert_eq!(all, [Role::StateAdmin]);
    }
}
