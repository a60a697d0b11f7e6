//! The data a document is made from: plain values, already formatted for reading (dates in
//! IST, amounts in rupees) and already translated. Templates read it as JSON; nothing here is
//! ever parsed as markup, so a narrative full of `#`, `*`, `[` or `$` prints as typed.
//!
//! A missing fact is `None` (JSON `null`): the templates print a ruled blank line for it.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// The kinds of document, by the name used in URLs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    /// Every field the national portal asks for, in its order and wording.
    PortalComplaint,
    /// The complaint to the station house officer.
    PoliceLetter,
    /// The victim's written complaint to their own bank: its complaint number, when it was
    /// first told, the 1930 acknowledgement, and what that bank can do (its records, the
    /// status of the CFCFRMS ticket). Holds on the receiving accounts are asked of the police.
    BankLetter,
    /// The Bharatiya Sakshya Adhiniyam s.63 certificate (Part A filled, Part B blank).
    S63Certificate,
    /// What the victim does now, with deadlines.
    VictimPlan,
    /// One page about the case for a supervisor.
    CaseSummary,
    /// The application for the release of money held by banks: a petition to the Magistrate
    /// (s.503 BNSS) with an affidavit and an indemnity bond to fill, a letter to the Lok Adalat
    /// through the District Legal Services Authority, or a letter to the bank and police for a
    /// refund without a court order (disputed amount under ₹50,000).
    RestorationApplication,
}

impl Kind {
    pub const ALL: [Kind; 7] = [
        Kind::PortalComplaint,
        Kind::PoliceLetter,
        Kind::BankLetter,
        Kind::S63Certificate,
        Kind::VictimPlan,
        Kind::CaseSummary,
        Kind::RestorationApplication,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Kind::PortalComplaint => "portal-complaint",
            Kind::PoliceLetter => "police-letter",
            Kind::BankLetter => "bank-letter",
            Kind::S63Certificate => "s63-certificate",
            Kind::VictimPlan => "victim-plan",
            Kind::CaseSummary => "case-summary",
            Kind::RestorationApplication => "restoration-application",
        }
    }

    /// The kind named by a code; `bank-hold-request`, the bank letter's old name, still works.
    pub fn parse(code: &str) -> Option<Kind> {
        match code {
            "bank-hold-request" => Some(Kind::BankLetter),
            _ => Kind::ALL.into_iter().find(|k| k.code() == code),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    Hi,
    En,
}

/// One document to print.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Document {
    pub kind: Kind,
    pub lang: Lang,
    /// The centre's name, printed at the top of every page.
    pub centre: String,
    /// The case reference (e.g. `JPR-2026-000123`).
    pub reference: String,
    /// The date the document was made, in IST (`DD/MM/YYYY`).
    pub date: String,
    /// Every translated label and sentence the templates use, by name (`l.portal_title`).
    pub labels: BTreeMap<String, String>,
    pub facts: Facts,
}

/// What is known about the case, for every kind of document (each uses what it needs).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Facts {
    pub victim: Person,
    pub incident: Incident,
    /// The national portal's acknowledgement number, once filed (else the 1930 call's).
    pub ncrp_ack: Option<String>,
    /// The acknowledgement number given on the 1930 call.
    pub helpline_ack: Option<String>,
    pub suspect: Suspect,
    /// The money trail: layer 0 is the victim's own debit.
    pub transactions: Vec<Transaction>,
    pub money: Money,
    pub evidence: Vec<EvidenceItem>,
    pub police: Police,
    pub bank: Bank,
    pub plan: Plan,
    pub summary: Summary,
    pub restoration: Restoration,
    pub signing: Signing,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Person {
    pub name: Option<String>,
    pub mobile: Option<String>,
    pub email: Option<String>,
    pub address: Option<String>,
    pub age: Option<String>,
    pub gender: Option<String>,
    /// Father's, spouse's or guardian's name.
    pub relative: Option<String>,
    pub language: Option<String>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Incident {
    pub main_category: Option<String>,
    pub category: Option<String>,
    pub sub_category: Option<String>,
    pub scam_pattern: Option<String>,
    /// Approximate date and time of the incident (IST).
    pub occurred_at: Option<String>,
    pub noticed_at: Option<String>,
    /// When the centre registered the case (IST).
    pub registered_at: Option<String>,
    /// Where the incident took place: the platform or website (WhatsApp, OLX, a site), never
    /// the payment channel.
    pub platform: Option<String>,
    pub payment_channel: Option<String>,
    pub delay_reason: Option<String>,
    pub narrative: Option<String>,
    /// How many words the narrative has (the portal's guides ask for at least 200).
    pub narrative_words: i64,
    pub amount_lost: Option<String>,
}

/// One of the suspect's identifiers, under the portal's label for its kind.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Identifier {
    pub label: String,
    pub value: String,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Suspect {
    pub name: Option<String>,
    pub mobile: Option<String>,
    pub email: Option<String>,
    pub upi: Option<String>,
    pub bank_account: Option<String>,
    pub social: Option<String>,
    pub address: Option<String>,
    /// What the victim said about the suspect, as recorded.
    pub details: Option<String>,
    /// Every identifier recorded on the case.
    pub identifiers: Vec<Identifier>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Transaction {
    pub layer: i64,
    pub bank: Option<String>,
    pub from_account: Option<String>,
    pub to_account: Option<String>,
    pub ifsc: Option<String>,
    pub utr: Option<String>,
    pub at: Option<String>,
    pub amount: Option<String>,
    pub disputed: Option<String>,
    /// What the bank did (translated).
    pub action: Option<String>,
    pub hold_amount: Option<String>,
    pub hold_at: Option<String>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Money {
    pub lost: Option<String>,
    pub disputed: Option<String>,
    pub held: Option<String>,
    pub restored: Option<String>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct EvidenceItem {
    pub number: i64,
    pub name: String,
    pub kind: Option<String>,
    pub size: String,
    /// The portal limit the file is measured against (e.g. "10 MB"), and whether it fits.
    pub limit: String,
    pub within_limit: bool,
    pub sha256: String,
    pub description: Option<String>,
    /// The s.63 Schedule's device checklist code: `computer_storage`, `dvr`, `mobile`,
    /// `flash_drive`, `cd_dvd`, `server`, `cloud` or `other`.
    pub device_type: Option<String>,
    pub device_make_model: Option<String>,
    pub device_id: Option<String>,
    pub captured_by: Option<String>,
    pub captured_date: Option<String>,
    pub captured_time: Option<String>,
    pub captured_where: Option<String>,
}

/// An offence section named in the police letter.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Section {
    pub code: String,
    pub title: String,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Police {
    pub station: Option<String>,
    pub district: Option<String>,
    pub sections: Vec<Section>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Bank {
    /// The victim's own bank, the letter's addressee.
    pub name: Option<String>,
    /// The victim's account or UPI ID the money left from.
    pub account: Option<String>,
    /// The complaint number the bank gave when it was first told.
    pub complaint_number: Option<String>,
    /// When the bank was first told (IST).
    pub first_told_at: Option<String>,
    /// Requests for a reversal, one per RBI rule that covers some of the debits, as
    /// `sahayak_domain::advice` decided (already worded); empty where no rule gives one.
    pub reversal: Vec<String>,
}

/// The s.63 certificate's signing: the date, time (IST, 24-hour) and place the worker gave,
/// else blank lines to fill by hand. Never the time evidence was captured.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Signing {
    pub date: Option<String>,
    pub time: Option<String>,
    pub place: Option<String>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Step {
    pub text: String,
    pub due: Option<String>,
    pub done: bool,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Deadline {
    pub title: String,
    pub due: Option<String>,
    pub explain: Option<String>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Plan {
    pub title: Option<String>,
    pub steps: Vec<Step>,
    pub deadlines: Vec<Deadline>,
    /// What the RBI rules give the victim, line by line, as the case page says it.
    #[serde(default)]
    pub advice: Vec<AdviceLine>,
}

/// One line of the advice: a heading (a debit, or "If …:") or a sentence under it.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct AdviceLine {
    pub text: String,
    pub heading: bool,
}

/// How held money is to come back, for the restoration application.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Restoration {
    /// `magistrate_order`, `lok_adalat` or `admin_under_50k`: the application the paper is.
    pub route: String,
    /// The FIR / e-FIR / zero-FIR number given by the police, when one was recorded.
    pub fir_number: Option<String>,
    /// The police station the case was handed to, when recorded.
    pub police_station: Option<String>,
    /// The total the banks hold (the sum of the holds in the money trail).
    pub held: Option<String>,
    /// The amount the victim asks to be given back (what is held, up to what was lost).
    pub claimed: Option<String>,
}

/// A dated line (an action taken, a timeline event).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Event {
    pub at: String,
    pub text: String,
    pub who: Option<String>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Summary {
    pub district: Option<String>,
    pub status: Option<String>,
    pub assignee: Option<String>,
    pub updated_at: Option<String>,
    pub urgent: bool,
    pub next_due: Option<String>,
    pub tasks_open: i64,
    pub tasks_done: i64,
    pub actions: Vec<Event>,
    pub timeline: Vec<Event>,
}
