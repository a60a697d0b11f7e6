//! What the desk asks about each debit, because the RBI rules turn on it.
//!
//! Every answer is optional: `None` means "not known yet", and a rule that needs an
//! unknown answer is never applied as if the answer were favourable (see
//! [`crate::advice`]).

use serde::{Deserialize, Serialize};

use super::rbi::AccountType;

/// Who made the payment. The 2017 circular covers only payments someone else made
/// (unauthorised); the 2026 directions (transactions from 1 Jan 2027) also cover a
/// payment the customer made under coercion, duress or pressure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Payer {
    /// Someone else used the account, card or UPI (the victim did not approve it).
    SomeoneElse,
    /// The victim made the payment, tricked (a fake buyer's QR code, a fake investment).
    VictimTricked,
    /// The victim made the payment under threat or pressure ("digital arrest").
    VictimCoerced,
    /// Asked, and the victim is not sure. Treated like "not known yet" by the rules.
    NotSure,
}

impl Payer {
    /// Every answer, in the order the desk offers them.
    pub const ALL: [Payer; 4] = [Payer::SomeoneElse, Payer::VictimTricked, Payer::VictimCoerced, Payer::NotSure];

    /// Stable code for forms, the API and the database.
    pub fn code(self) -> &'static str {
        match self {
            Payer::SomeoneElse => "someone_else",
            Payer::VictimTricked => "victim_tricked",
            Payer::VictimCoerced => "victim_coerced",
            Payer::NotSure => "not_sure",
        }
    }

    /// The answer for `code`, if it is one.
    pub fn parse(code: &str) -> Option<Payer> {
        Payer::ALL.into_iter().find(|p| p.code() == code)
    }

    /// The answer as the rules read it: `None` when not sure.
    pub fn known(this: Option<Payer>) -> Option<Payer> {
        this.filter(|p| *p != Payer::NotSure)
    }
}

/// The debited account, as a victim can name it. Each maps to one band of the 2017
/// circular's Table 1 ([`AccountType`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AccountKind {
    /// Basic Savings Bank Deposit account, including Jan Dhan accounts.
    Bsbd,
    /// Any other savings account.
    Savings,
    /// Current, cash-credit or overdraft account of an MSME, or an individual's with an
    /// annual average balance or limit up to ₹25 lakh.
    CurrentSmall,
    /// Every other current, cash-credit or overdraft account.
    CurrentOther,
    /// Credit card with a limit up to ₹5 lakh.
    CreditCardSmall,
    /// Credit card with a limit above ₹5 lakh.
    CreditCardLarge,
    /// Prepaid instrument: wallet, prepaid or gift card.
    Wallet,
}

impl AccountKind {
    /// Every kind, in the order the desk offers them.
    pub const ALL: [AccountKind; 7] = [
        AccountKind::Bsbd,
        AccountKind::Savings,
        AccountKind::CurrentSmall,
        AccountKind::CurrentOther,
        AccountKind::CreditCardSmall,
        AccountKind::CreditCardLarge,
        AccountKind::Wallet,
    ];

    /// Stable code for forms, the API and the database.
    pub fn code(self) -> &'static str {
        match self {
            AccountKind::Bsbd => "bsbd",
            AccountKind::Savings => "savings",
            AccountKind::CurrentSmall => "current_small",
            AccountKind::CurrentOther => "current_other",
            AccountKind::CreditCardSmall => "credit_card_small",
            AccountKind::CreditCardLarge => "credit_card_large",
            AccountKind::Wallet => "wallet",
        }
    }

    /// The kind for `code`, if it is one.
    pub fn parse(code: &str) -> Option<AccountKind> {
        AccountKind::ALL.into_iter().find(|k| k.code() == code)
    }

    /// The 2017 circular's band (REFERENCE.md §3.1, Table 1).
    pub fn band(self) -> AccountType {
        match self {
            AccountKind::Bsbd => AccountType::Bsbd,
            AccountKind::Savings | AccountKind::CurrentSmall | AccountKind::CreditCardSmall | AccountKind::Wallet => {
                AccountType::SavingsOrSmall
            }
            AccountKind::CurrentOther | AccountKind::CreditCardLarge => AccountType::Other,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip_and_bands_follow_table_1() {
        for p in Payer::ALL {
            assert_eq!(Payer::parse(p.code()), Some(p));
        }
        for k in AccountKind::ALL {
            assert_eq!(AccountKind::parse(k.code()), Some(k));
        }
        assert_eq!(AccountKind::Bsbd.band(), AccountType::Bsbd);
        assert_eq!(AccountKind::Wallet.band(), AccountType::SavingsOrSmall);
        assert_eq!(AccountKind::CreditCardSmall.band(), AccountType::SavingsOrSmall);
        assert_eq!(AccountKind::CreditCardLarge.band(), AccountType::Other);
        assert_eq!(AccountKind::CurrentOther.band(), AccountType::Other);
        assert_eq!(Payer::known(Some(Payer::NotSure)), None);
        assert_eq!(Payer::parse("someone"), None);
    }
}
