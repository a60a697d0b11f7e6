//! The case file: its reference, where it came from, where it is in the workflow.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// Declares a closed set of codes stored in the database and sent over the API.
/// Each variant has a stable snake_case code; labels come from the translation catalogs
/// under `<prefix>-<code>` (with `_` written as `-`).
macro_rules! code_enum {
    ($(#[$meta:meta])* $name:ident, $prefix:literal { $($variant:ident => $code:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, ::serde::Serialize, ::serde::Deserialize)]
        #[serde(rename_all = "snake_case")]
        pub enum $name { $($variant),+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            pub fn code(self) -> &'static str {
                match self { $($name::$variant => $code),+ }
            }

            /// The translation key of this value's label.
            pub fn label_key(self) -> String {
                format!("{}-{}", $prefix, self.code().replace('_', "-"))
            }
        }

        impl ::std::str::FromStr for $name {
            type Err = $crate::case::UnknownCode;
            fn from_str(s: &str) -> Result<Self, $crate::case::UnknownCode> {
                match s { $($code => Ok($name::$variant),)+ _ => Err($crate::case::UnknownCode) }
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result { f.write_str(self.code()) }
        }
    };
}
pub(crate) use code_enum;

/// A code that is not one of the known values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("unknown code")]
pub struct UnknownCode;

code_enum!(
    /// How the victim reached the centre.
    Channel, "channel" {
        WalkIn => "walk_in",
        HelplineCall => "helpline_call",
        WhatsappHelpline => "whatsapp_helpline",
        PoliceReferral => "police_referral",
    }
);

code_enum!(
    /// The language the victim prefers for papers and messages.
    Lang, "lang" {
        Hi => "hi",
        En => "en",
    }
);

code_enum!(
    Gender, "gender" {
        Female => "female",
        Male => "male",
        Other => "other",
        Undisclosed => "undisclosed",
    }
);

code_enum!(
    /// The centre's own tag for the kind of scam, finer than the portal's taxonomy.
    ScamPattern, "scam" {
        DigitalArrest => "digital_arrest",
        TaskJob => "task_job",
        Investment => "investment",
        LoanApp => "loan_app",
        Sextortion => "sextortion",
        KycOtp => "kyc_otp",
        SimSwap => "sim_swap",
        Phishing => "phishing",
        SocialMediaHacking => "social_media_hacking",
        UpiQr => "upi_qr",
        CourierParcel => "courier_parcel",
        Impersonation => "impersonation",
        // Not a scam against the person: their own account was frozen, or money in it put
        // on hold, because a fraud victim's money passed through it (plan `account_frozen`).
        AccountFrozen => "account_frozen",
        Other => "other",
    }
);

code_enum!(
    /// How the money left the victim.
    PaymentChannel, "pay" {
        Upi => "upi",
        DebitCard => "debit_card",
        CreditCard => "credit_card",
        NetBanking => "net_banking",
        Wallet => "wallet",
        Aeps => "aeps",
        Crypto => "crypto",
        Cash => "cash",
        Other => "other",
    }
);

code_enum!(
    /// The first question at the desk: did money leave the victim's account?
    MoneyLeft, "money-left" {
        Yes => "yes",
        No => "no",
    }
);

code_enum!(
    /// Where a case stands. See [`Status::can_move_to`] for the workflow.
    Status, "status" {
        New => "new",
        InProgress => "in_progress",
        Referred => "referred",
        AwaitingVictim => "awaiting_victim",
        AwaitingPolice => "awaiting_police",
        AwaitingBank => "awaiting_bank",
        Closed => "closed",
    }
);

code_enum!(
    /// Why a case was closed (after the reasons police SOPs accept for closing complaints).
    ClosureReason, "closure" {
        Resolved => "resolved",
        MoneyRestored => "money_restored",
        HandedToPolice => "handed_to_police",
        VictimNotPursuing => "victim_not_pursuing",
        Unreachable => "unreachable",
        NoCognizableOffence => "no_cognizable_offence",
        Duplicate => "duplicate",
        AdviceOnly => "advice_only",
    }
);

impl Status {
    /// The workflow: new → in progress → referred → awaiting victim / police / bank → closed.
    /// Work can move back and forth between the working states; a closed case can be reopened.
    pub fn can_move_to(self, to: Status) -> bool {
        use Status::*;
        if self == to {
            return false;
        }
        match self {
            New => matches!(to, InProgress | Referred | Closed),
            Closed => to == InProgress,
            InProgress | Referred | AwaitingVictim | AwaitingPolice | AwaitingBank => to != New,
        }
    }

    pub fn is_open(self) -> bool {
        self != Status::Closed
    }
}

/// A case reference such as `JPR-2026-000123`: the district prefix, the year of intake and a
/// per-district, per-year sequence. Unique across districts because prefixes are unique.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct CaseRef {
    prefix: String,
    year: u16,
    seq: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("not a case reference")]
pub struct BadCaseRef;

impl CaseRef {
    pub fn new(prefix: &str, year: u16, seq: u32) -> Result<Self, BadCaseRef> {
        if !is_prefix(prefix) || !(2000..=9999).contains(&year) || seq == 0 || seq > 999_999_999 {
            return Err(BadCaseRef);
        }
        Ok(Self { prefix: prefix.to_owned(), year, seq })
    }

    pub fn prefix(&self) -> &str {
        &self.prefix
    }
    pub fn year(&self) -> u16 {
        self.year
    }
    pub fn seq(&self) -> u32 {
        self.seq
    }
}

/// A district prefix: two to four upper-case ASCII letters.
pub fn is_prefix(s: &str) -> bool {
    (2..=4).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_uppercase())
}

impl FromStr for CaseRef {
    type Err = BadCaseRef;

    /// Accepts the reference as people type it: any case, surrounding spaces, and `/`, space or
    /// no separator instead of `-` (e.g. `jpr 2026 123`).
    fn from_str(s: &str) -> Result<Self, BadCaseRef> {
        let s = s.trim();
        let mut parts = s.split(['-', '/', ' ']).filter(|p| !p.is_empty());
        let (Some(prefix), Some(year), Some(seq), None) = (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            return Err(BadCaseRef);
        };
        let digits = |p: &str| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit());
        if !digits(year) || year.len() != 4 || !digits(seq) || seq.len() > 9 {
            return Err(BadCaseRef);
        }
        let year = year.parse().map_err(|_| BadCaseRef)?;
        let seq = seq.parse().map_err(|_| BadCaseRef)?;
        CaseRef::new(&prefix.to_ascii_uppercase(), year, seq)
    }
}

impl fmt::Display for CaseRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}-{}-{:06}", self.prefix, self.year, self.seq)
    }
}

impl TryFrom<String> for CaseRef {
    type Error = BadCaseRef;
    fn try_from(s: String) -> Result<Self, BadCaseRef> {
        s.parse()
    }
}

impl From<CaseRef> for String {
    fn from(r: CaseRef) -> String {
        r.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn case_ref_round_trips_and_pads() {
        let r = CaseRef::new("JPR", 2026, 123).unwrap();
        assert_eq!(r.to_string(), "JPR-2026-000123");
        assert_eq!("JPR-2026-000123".parse::<CaseRef>().unwrap(), r);
        assert_eq!(" jpr 2026 123 ".parse::<CaseRef>().unwrap(), r);
        assert_eq!("JPR/2026/0000123".parse::<CaseRef>().unwrap(), r);
        assert_eq!(CaseRef::new("JDH", 2027, 1_234_567).unwrap().to_string(), "JDH-2027-1234567");
    }

    #[test]
    fn case_ref_rejects_garbage() {
        for bad in [
            "",
            "JPR",
            "JPR-2026",
            "JPR-26-1",
            "J-2026-1",
            "JPR-2026-0",
            "JPR-2026-x1",
            "9876543210",
            "JPR-2026-1-2",
            "जयपुर-2026-1",
        ] {
            assert!(bad.parse::<CaseRef>().is_err(), "{bad:?} parsed");
        }
    }

    #[test]
    fn workflow_allows_the_documented_moves_only() {
        use Status::*;
        assert!(New.can_move_to(InProgress));
        assert!(InProgress.can_move_to(Referred));
        assert!(Referred.can_move_to(AwaitingPolice));
        assert!(AwaitingBank.can_move_to(Closed));
        assert!(Closed.can_move_to(InProgress));
        assert!(!Closed.can_move_to(Referred));
        assert!(!InProgress.can_move_to(New));
        assert!(!New.can_move_to(AwaitingBank));
        assert!(!New.can_move_to(New));
    }

    #[test]
    fn codes_round_trip_and_have_label_keys() {
        for s in ScamPattern::ALL {
            assert_eq!(s.code().parse::<ScamPattern>().unwrap(), *s);
        }
        assert_eq!(ScamPattern::DigitalArrest.label_key(), "scam-digital-arrest");
        assert_eq!(Status::AwaitingPolice.label_key(), "status-awaiting-police");
        assert!("nonsense".parse::<Status>().is_err());
    }
}
