//! The actions a centre takes for a victim, each recorded once with its time and reference.
//! The first three are the golden-hour actions of a money case.

use crate::cases::views::Coded;

/// What was done, in the order a money case usually goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ActionKind {
    /// Called 1930 from the victim's registered mobile (reference: the acknowledgement number).
    Helpline1930,
    /// Called the bank to block the card/UPI and hold the money (reference: complaint number).
    BankBlock,
    /// Completed the complaint on cybercrime.gov.in (reference: acknowledgement number).
    PortalFiled,
    EfirRegistered,
    EfirSigned,
    ChakshuReported,
    PlatformReported,
    ContentRemoved,
    GrievanceFiled,
    GrievanceAcknowledged,
    GrievanceDisposed,
    /// A written complaint to the bank (reference: its complaint number). Only this starts
    /// the RBI Ombudsman's clocks; a call to the bank does not.
    BankComplaint,
    BankReplied,
    OmbudsmanComplaint,
}

impl ActionKind {
    pub const ALL: &'static [ActionKind] = &[
        ActionKind::Helpline1930,
        ActionKind::BankBlock,
        ActionKind::PortalFiled,
        ActionKind::EfirRegistered,
        ActionKind::EfirSigned,
        ActionKind::ChakshuReported,
        ActionKind::PlatformReported,
        ActionKind::ContentRemoved,
        ActionKind::GrievanceFiled,
        ActionKind::GrievanceAcknowledged,
        ActionKind::GrievanceDisposed,
        ActionKind::BankComplaint,
        ActionKind::BankReplied,
        ActionKind::OmbudsmanComplaint,
    ];

    /// The golden-hour actions of a money case.
    pub const GOLDEN: [ActionKind; 3] = [ActionKind::Helpline1930, ActionKind::BankBlock, ActionKind::PortalFiled];

    pub fn code(self) -> &'static str {
        match self {
            ActionKind::Helpline1930 => "helpline_1930",
            ActionKind::BankBlock => "bank_block",
            ActionKind::PortalFiled => "portal_filed",
            ActionKind::EfirRegistered => "efir_registered",
            ActionKind::EfirSigned => "efir_signed",
            ActionKind::ChakshuReported => "chakshu_reported",
            ActionKind::PlatformReported => "platform_reported",
            ActionKind::ContentRemoved => "content_removed",
            ActionKind::GrievanceFiled => "grievance_filed",
            ActionKind::GrievanceAcknowledged => "grievance_acknowledged",
            ActionKind::GrievanceDisposed => "grievance_disposed",
            ActionKind::BankComplaint => "bank_complaint",
            ActionKind::BankReplied => "bank_replied",
            ActionKind::OmbudsmanComplaint => "ombudsman_complaint",
        }
    }

    pub fn parse(s: &str) -> Option<ActionKind> {
        ActionKind::ALL.iter().copied().find(|a| a.code() == s.trim())
    }

    pub fn is_golden(self) -> bool {
        ActionKind::GOLDEN.contains(&self)
    }

    /// The catalog key of what the reference number is called for this action.
    pub fn reference_key(self) -> &'static str {
        match self {
            ActionKind::Helpline1930 => "action-ref-1930",
            ActionKind::BankBlock | ActionKind::BankComplaint | ActionKind::BankReplied => "action-ref-bank",
            ActionKind::PortalFiled => "action-ref-portal",
            ActionKind::EfirRegistered | ActionKind::EfirSigned => "action-ref-fir",
            _ => "action-ref-other",
        }
    }
}

impl Coded for ActionKind {
    fn all() -> &'static [Self] {
        ActionKind::ALL
    }
    fn code(self) -> &'static str {
        ActionKind::code(self)
    }
    fn label_key(self) -> String {
        format!("action-{}", self.code().replace('_', "-"))
    }
}
