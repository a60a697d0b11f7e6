//! A complete sample document of each kind, for this crate's tests and benchmark.
//!
//! The labels are read from the project's catalogs (`locales/{en,hi}/documents.ftl` and `advice.ftl`): one-line
//! messages, and for a message that selects on `$gender` its default variant (the forms that
//! presume no gender). The server formats the messages with Fluent; here their placeholders
//! are filled naively.

use std::collections::BTreeMap;

use crate::data::*;

const EN_FTL: &str = include_str!("../../../locales/en/documents.ftl");
const HI_FTL: &str = include_str!("../../../locales/hi/documents.ftl");
// The advice's words have their own catalog; its `doc-` keys reach the papers too.
const EN_ADVICE_FTL: &str = include_str!("../../../locales/en/advice.ftl");
const HI_ADVICE_FTL: &str = include_str!("../../../locales/hi/advice.ftl");

/// `doc-portal-title = …` → `portal_title`, as the server passes them.
pub fn labels(lang: Lang) -> BTreeMap<String, String> {
    let source = match lang {
        Lang::En => format!("{EN_FTL}\n{EN_ADVICE_FTL}"),
        Lang::Hi => format!("{HI_FTL}\n{HI_ADVICE_FTL}"),
    };
    let mut out = BTreeMap::new();
    let mut lines = source.lines();
    while let Some(line) = lines.next() {
        let Some((key, value)) = line.split_once(" = ") else { continue };
        let name = key.strip_prefix("doc-").or_else(|| key.strip_prefix("docf-"));
        if let Some(name) = name {
            // `{ $gender ->` … `*[other] text` … `}`: the default variant.
            let value = if value.trim() == "{ $gender ->" {
                let variants: Vec<&str> = lines.by_ref().take_while(|l| l.trim() != "}").collect();
                variants.iter().find_map(|v| v.trim().strip_prefix("*[other] ")).unwrap_or_default()
            } else {
                value
            };
            let mut value = value.to_owned();
            for (arg, with) in [
                ("name", "Sunita Meena"),
                ("date", "12/03/2026"),
                ("amount", "₹15,000.00"),
                ("category", "UPI Related Frauds"),
                ("account", "XXXXXX4521"),
                ("told", "12/03/2026 11:02"),
                ("complaint", "SBI-CC-77812"),
                ("ack", "22406250007694"),
                ("centre", "Cyber Support Centre, Jaipur"),
                ("reference", "JPR-2026-000123"),
            ] {
                value = value.replace(&format!("{{ ${arg} }}"), with);
            }
            out.insert(name.replace('-', "_"), value);
        }
    }
    out
}

fn s(v: &str) -> Option<String> {
    Some(v.to_owned())
}

/// A case with something in every field.
pub fn facts() -> Facts {
    let txn = |layer, bank: &str, from: &str, to: &str, utr: &str, amount: &str| Transaction {
        layer,
        bank: s(bank),
        from_account: s(from),
        to_account: s(to),
        ifsc: s("SBIN0001234"),
        utr: s(utr),
        at: s("12/03/2026 10:52"),
        amount: s(amount),
        disputed: s(amount),
        action: s("Moved on"),
        hold_amount: None,
        hold_at: None,
    };
    let evidence = |number, name: &str, size: &str, ok| EvidenceItem {
        number,
        name: name.to_owned(),
        kind: s("Image"),
        size: size.to_owned(),
        limit: "10 MB".to_owned(),
        within_limit: ok,
        sha256: "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08".to_owned(),
        description: s("Screenshot of the UPI debit"),
        device_type: s("mobile"),
        device_make_model: s("Redmi Note 12"),
        device_id: s("356938035643809"),
        captured_by: s("Victim"),
        captured_date: s("12/03/2026"),
        captured_time: s("11:05"),
        captured_where: s("Jaipur"),
    };
    Facts {
        victim: Person {
            name: s("सुनीता मीणा"),
            mobile: s("+91 98290 12345"),
            email: None,
            address: s("42, मालवीय नगर, जयपुर"),
            age: s("34"),
            gender: s("Female"),
            relative: None,
            language: s("हिन्दी"),
        },
        incident: Incident {
            main_category: s("Financial Fraud Crimes"),
            category: s("Online Financial Fraud"),
            sub_category: s("UPI Related Frauds"),
            scam_pattern: s("KYC / OTP"),
            occurred_at: s("12/03/2026 10:45"),
            noticed_at: s("12/03/2026 10:50"),
            registered_at: s("12/03/2026 12:10"),
            platform: s("WhatsApp"),
            payment_channel: s("UPI"),
            delay_reason: None,
            narrative_words: 22,
            narrative: s(
                "किसी ने बिजली बिल के नाम पर कॉल किया और ₹15,000 कटवा लिए। He said: pay *now* or #disconnect [today] at $5 per unit.",
            ),
            amount_lost: s("₹15,000.00"),
        },
        ncrp_ack: s("22406250007694"),
        helpline_ack: s("22406250007694"),
        suspect: Suspect {
            mobile: s("+919876543210"),
            upi: s("bill.pay@ybl"),
            details: s("Caller claimed to be from the electricity board."),
            identifiers: vec![
                Identifier { label: "Mobile No.".into(), value: "+919876543210".into() },
                Identifier { label: "UPI ID".into(), value: "bill.pay@ybl".into() },
            ],
            ..Suspect::default()
        },
        transactions: vec![
            txn(0, "State Bank of India", "XXXXXX4521", "bill.pay@ybl", "407112345678", "₹15,000.00"),
            txn(1, "Yes Bank", "bill.pay@ybl", "XXXXXX9911", "407112349999", "₹14,990.00"),
        ],
        money: Money { lost: s("₹15,000.00"), disputed: s("₹15,000.00"), held: s("₹9,000.00"), restored: None },
        evidence: vec![
            evidence(1, "upi-debit.png", "312 KB", true),
            evidence(2, "call-recording.mp4", "24.1 MB", false),
        ],
        police: Police {
            station: s("Police Station Malviya Nagar"),
            district: s("Jaipur"),
            sections: vec![
                Section { code: "BNS 318(4)".into(), title: "Cheating".into() },
                Section { code: "IT Act 66D".into(), title: "Cheating by personation".into() },
            ],
        },
        bank: Bank {
            name: s("State Bank of India"),
            account: s("XXXXXX4521"),
            complaint_number: s("SBI-CC-77812"),
            first_told_at: s("12/03/2026 11:02"),
            reversal: vec!["credit back to my account, within 10 working days of my report, the amount of the transactions at serial number 1 for which I am not liable under the Reserve Bank of India's circular;".into()],
        },
        plan: Plan {
            title: s("UPI fraud: the first hours"),
            steps: vec![
                Step { text: "Call 1930 from your own mobile.".into(), due: s("12/03/2026 11:45"), done: true },
                Step { text: "Complete the complaint on the portal.".into(), due: s("13/03/2026 10:45"), done: false },
            ],
            deadlines: vec![Deadline {
                title: "Report to your bank".into(),
                due: s("15/03/2026"),
                explain: s("Only if someone else made this payment. Within 3 working days your liability is zero."),
            }],
            advice: vec![
                AdviceLine { text: "₹18,000 taken on 12-03-2026 10:30".into(), heading: true },
                AdviceLine { text: "If someone else made this payment:".into(), heading: true },
                AdviceLine { text: "Tell your bank by 16-03-2026 and you bear no loss.".into(), heading: false },
            ],
        },
        summary: Summary {
            district: s("Jaipur"),
            status: s("In progress"),
            assignee: s("counsellor.jaipur"),
            updated_at: s("12/03/2026 12:30"),
            urgent: true,
            next_due: s("12/03/2026 13:00"),
            tasks_open: 3,
            tasks_done: 1,
            actions: vec![Event { at: "12/03/2026 12:15".into(), text: "Called 1930".into(), who: None }],
            timeline: vec![Event {
                at: "12/03/2026 12:10".into(),
                text: "Case registered".into(),
                who: s("counsellor.jaipur"),
            }],
        },
        restoration: Restoration {
            route: "magistrate_order".into(),
            fir_number: s("0123/2026"),
            police_station: s("Cyber Police Station, Jaipur"),
            held: s("₹8,000.00"),
            claimed: s("₹8,000.00"),
        },
        signing: Signing { date: None, time: None, place: None },
    }
}

pub fn document(kind: Kind, lang: Lang) -> Document {
    Document {
        kind,
        lang,
        centre: "Cyber Support Centre, Jaipur".into(),
        reference: "JPR-2026-000123".into(),
        date: "12/03/2026".into(),
        labels: labels(lang),
        facts: facts(),
    }
}

/// The same case with nothing recorded but its reference.
pub fn empty(kind: Kind, lang: Lang) -> Document {
    Document { facts: Facts::default(), ..document(kind, lang) }
}
