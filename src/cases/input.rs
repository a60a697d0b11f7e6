//! What a worker typed at intake (or into the API), and how it becomes a valid case.
//!
//! Both the HTML form and the JSON API fill a [`CaseInput`]; [`validate`] is the only path
//! from it to stored fields, so the two cannot disagree about what is valid.

use chrono::{DateTime, Utc};
use sahayak_domain::case::{Channel, Gender, Lang, MoneyLeft, PaymentChannel, ScamPattern};
use sahayak_domain::money::Paise;
use sahayak_domain::phone::Mobile;
use sahayak_domain::taxonomy::{ClassificationError, Taxonomy};
use unicode_normalization::UnicodeNormalization;

use crate::store::{Case, CaseFields, District, User};
use crate::web::error::FieldErrors;
use crate::web::form::FormData;

pub const MAX_NAME: usize = 200;
pub const MAX_NARRATIVE: usize = 20_000;
pub const MAX_ADDRESS: usize = 1_000;
pub const MAX_SUSPECT: usize = 5_000;

#[derive(Debug, Default, Clone)]
pub struct CaseInput {
    pub district: String,
    pub channel: String,
    pub victim_name: String,
    pub victim_mobile: String,
    pub victim_lang: String,
    pub victim_age: String,
    pub victim_gender: String,
    pub victim_address: String,
    pub narrative: String,
    pub incident_at: String,
    pub noticed_at: String,
    pub category: String,
    pub sub_category: String,
    pub category_other: String,
    pub scam_pattern: String,
    /// Rupees as typed (`49,999.50`); ignored when `amount_lost_paise` is given.
    pub amount_lost: String,
    pub amount_lost_paise: Option<i64>,
    pub payment_channel: String,
    pub suspect_details: String,
    pub pasted_messages: String,
    /// `yes`, `no` or empty (not asked / not known).
    pub money_left: String,
    pub money_left_at: String,
    pub assignee: String,
}

/// The form's category select sends `Category|Sub-category` in one field.
pub const CLASSIFICATION_SEPARATOR: char = '|';

impl CaseInput {
    pub fn from_form(f: &FormData) -> CaseInput {
        let (category, sub_category) = match f.get("classification").split_once(CLASSIFICATION_SEPARATOR) {
            Some((c, s)) => (c.to_owned(), s.to_owned()),
            None => (f.get("classification").to_owned(), String::new()),
        };
        CaseInput {
            district: f.get("district").into(),
            channel: f.get("channel").into(),
            victim_name: f.get("victim_name").into(),
            victim_mobile: f.get("victim_mobile").into(),
            victim_lang: f.get("victim_lang").into(),
            victim_age: f.get("victim_age").into(),
            victim_gender: f.get("victim_gender").into(),
            victim_address: f.get("victim_address").into(),
            narrative: f.get("narrative").into(),
            incident_at: f.get("incident_at").into(),
            noticed_at: f.get("noticed_at").into(),
            category,
            sub_category,
            category_other: f.get("category_other").into(),
            scam_pattern: f.get("scam_pattern").into(),
            amount_lost: f.get("amount_lost").into(),
            amount_lost_paise: None,
            payment_channel: f.get("payment_channel").into(),
            suspect_details: f.get("suspect_details").into(),
            pasted_messages: f.get("pasted_messages").into(),
            money_left: f.get("money_left").into(),
            money_left_at: f.get("money_left_at").into(),
            assignee: f.get("assignee").into(),
        }
    }

    /// The input that would reproduce a stored case (to prefill the edit form).
    pub fn from_case(c: &Case, district: &District) -> CaseInput {
        let f = &c.fields;
        let local = |t: Option<i64>| {
            t.map(|t| sahayak_domain::time::display_ist(sahayak_domain::time::from_millis(t))).unwrap_or_default()
        };
        CaseInput {
            district: district.code.clone(),
            channel: f.channel.code().into(),
            victim_name: f.victim_name.clone(),
            victim_mobile: f.victim_mobile.clone(),
            victim_lang: f.victim_lang.code().into(),
            victim_age: f.victim_age.map(|a| a.to_string()).unwrap_or_default(),
            victim_gender: f.victim_gender.map(|g| g.code().to_owned()).unwrap_or_default(),
            victim_address: f.victim_address.clone().unwrap_or_default(),
            narrative: f.narrative.clone(),
            incident_at: local(f.incident_at),
            noticed_at: local(f.noticed_at),
            category: f.category.clone(),
            sub_category: f.sub_category.clone().unwrap_or_default(),
            category_other: f.category_other.clone().unwrap_or_default(),
            scam_pattern: f.scam_pattern.code().into(),
            amount_lost: f.amount_lost_paise.and_then(|p| Paise::new(p).ok()).map(plain_rupees).unwrap_or_default(),
            amount_lost_paise: None,
            payment_channel: f.payment_channel.map(|p| p.code().to_owned()).unwrap_or_default(),
            suspect_details: f.suspect_details.clone().unwrap_or_default(),
            pasted_messages: f.pasted_messages.clone().unwrap_or_default(),
            money_left: f.money_left.map(|m| m.code().to_owned()).unwrap_or_default(),
            money_left_at: local(f.money_left_at),
            assignee: c.assignee_id.map(|a| a.to_string()).unwrap_or_default(),
        }
    }

    /// The value of the category select for this input.
    pub fn classification(&self) -> String {
        if self.sub_category.is_empty() {
            self.category.clone()
        } else {
            format!("{}{CLASSIFICATION_SEPARATOR}{}", self.category, self.sub_category)
        }
    }
}

/// `49999.50` for an input field (no symbol or grouping, so it edits cleanly).
fn plain_rupees(p: Paise) -> String {
    match p.get() % 100 {
        0 => p.rupees().to_string(),
        paise => format!("{}.{paise:02}", p.rupees()),
    }
}

/// A case input that passed every check.
#[derive(Debug, Clone)]
pub struct ValidCase {
    pub district: District,
    pub fields: CaseFields,
    pub assignee_id: Option<i64>,
}

/// Trims, normalises to NFC (so Hindi typed on different keyboards compares equal) and turns
/// an empty string into `None`.
fn clean(s: &str) -> Option<String> {
    let s: String = s.trim().nfc().collect();
    (!s.is_empty()).then_some(s)
}

/// A time typed into a form or the API (see [`crate::web::when`]).
pub(crate) fn parse_time(s: &str, now: DateTime<Utc>) -> Option<Result<DateTime<Utc>, ()>> {
    crate::web::when::parse(s, now)
}

/// Checks every field and reports all problems at once, each next to its field.
pub fn validate(input: &CaseInput, user: &User, districts: &[District], now_ms: i64) -> Result<ValidCase, FieldErrors> {
    let mut e = FieldErrors::default();

    let visible: Vec<&District> = districts.iter().filter(|d| super::access::sees_district(user, d.id)).collect();
    let district = match (input.district.trim(), visible.as_slice()) {
        ("", [only]) => Some((*only).clone()),
        ("", _) => {
            e.add("district", "error-required");
            None
        }
        (code, _) => {
            let d = visible.iter().find(|d| d.code == code).map(|d| (*d).clone());
            if d.is_none() {
                e.add("district", "error-choice");
            }
            d
        }
    };

    let channel = required_code::<Channel>(&mut e, "channel", &input.channel);
    let victim_name = clean(&input.victim_name);
    match &victim_name {
        None => e.add("victim_name", "error-required"),
        Some(n) if n.chars().count() > MAX_NAME => e.add("victim_name", "error-too-long"),
        _ => {}
    }
    let mobile = match input.victim_mobile.trim() {
        "" => {
            e.add("victim_mobile", "error-required");
            None
        }
        m => m.parse::<Mobile>().map_err(|_| e.add("victim_mobile", "error-mobile")).ok(),
    };
    let victim_lang = match input.victim_lang.trim() {
        "" => Some(Lang::Hi),
        l => l.parse::<Lang>().map_err(|_| e.add("victim_lang", "error-choice")).ok(),
    };
    let victim_age = match input.victim_age.trim() {
        "" => None,
        a => match a.parse::<i64>() {
            Ok(age) if (1..=120).contains(&age) => Some(age),
            _ => {
                e.add("victim_age", "error-age");
                None
            }
        },
    };
    let victim_gender = optional_code::<Gender>(&mut e, "victim_gender", &input.victim_gender);
    let victim_address = clean(&input.victim_address);
    if victim_address.as_ref().is_some_and(|a| a.chars().count() > MAX_ADDRESS) {
        e.add("victim_address", "error-too-long");
    }

    let narrative = clean(&input.narrative);
    match &narrative {
        None => e.add("narrative", "error-required"),
        Some(n) if n.chars().count() > MAX_NARRATIVE => e.add("narrative", "error-too-long"),
        _ => {}
    }
    let money_left = optional_code::<MoneyLeft>(&mut e, "money_left", &input.money_left);
    let money_left_at = match (money_left, when(&mut e, now_ms, "money_left_at", &input.money_left_at)) {
        (Some(MoneyLeft::Yes), None) if input.money_left_at.trim().is_empty() => {
            e.add("money_left_at", "error-money-left-at-needed");
            None
        }
        (Some(MoneyLeft::Yes), t) => t,
        (_, _) => None,
    };
    let incident_at = when(&mut e, now_ms, "incident_at", &input.incident_at);
    let noticed_at = when(&mut e, now_ms, "noticed_at", &input.noticed_at);
    if let (Some(i), Some(n)) = (incident_at, noticed_at)
        && n < i
    {
        e.add("noticed_at", "error-noticed-before-incident");
    }

    let classification = match input.category.trim() {
        "" => {
            e.add("category", "error-required");
            None
        }
        c => match Taxonomy::current().classify(c, &input.sub_category, &input.category_other) {
            Ok(c) => Some(c),
            Err(ClassificationError::OtherNeedsDescription) => {
                e.add("category_other", "error-other-needs-description");
                None
            }
            Err(_) => {
                e.add("category", "error-choice");
                None
            }
        },
    };
    let scam_pattern = required_code::<ScamPattern>(&mut e, "scam_pattern", &input.scam_pattern);

    let amount = match (input.amount_lost_paise, input.amount_lost.trim()) {
        (Some(p), _) => Paise::new(p).map(Some).map_err(|_| e.add("amount_lost", "error-amount")).ok().flatten(),
        (None, "") => None,
        (None, a) => a.parse::<Paise>().map(Some).map_err(|_| e.add("amount_lost", "error-amount")).ok().flatten(),
    };
    let payment_channel = optional_code::<PaymentChannel>(&mut e, "payment_channel", &input.payment_channel);
    if amount.is_some_and(|a| a.get() > 0) && payment_channel.is_none() && input.payment_channel.trim().is_empty() {
        e.add("payment_channel", "error-payment-channel-needed");
    }
    let suspect_details = clean(&input.suspect_details);
    if suspect_details.as_ref().is_some_and(|s| s.chars().count() > MAX_SUSPECT) {
        e.add("suspect_details", "error-too-long");
    }
    let pasted_messages = clean(&input.pasted_messages);
    if pasted_messages.as_ref().is_some_and(|s| s.chars().count() > MAX_NARRATIVE) {
        e.add("pasted_messages", "error-too-long");
    }
    let assignee_id = match input.assignee.trim() {
        "" => None,
        a => a.parse::<i64>().map_err(|_| e.add("assignee", "error-choice")).ok(),
    };

    if !e.is_empty() {
        return Err(e);
    }
    // Every `None` below has put an error in `e`, so this cannot fail.
    let (Some(district), Some(channel), Some(victim_name), Some(mobile), Some(victim_lang)) =
        (district, channel, victim_name, mobile, victim_lang)
    else {
        return Err(e);
    };
    let (Some(narrative), Some(classification), Some(scam_pattern)) = (narrative, classification, scam_pattern) else {
        return Err(e);
    };
    Ok(ValidCase {
        district,
        assignee_id,
        fields: CaseFields {
            channel,
            victim_name,
            victim_mobile: mobile.to_string(),
            victim_lang,
            victim_age,
            victim_gender,
            victim_address,
            narrative,
            incident_at,
            noticed_at,
            taxonomy_version: classification.version,
            category: classification.category,
            sub_category: classification.sub_category,
            category_other: classification.other,
            scam_pattern,
            amount_lost_paise: amount.map(Paise::get),
            payment_channel,
            suspect_details,
            pasted_messages,
            money_left,
            money_left_at,
        },
    })
}

/// A time typed into a form field: not in the future (beyond clock skew).
fn when(e: &mut FieldErrors, now_ms: i64, field: &'static str, s: &str) -> Option<i64> {
    crate::web::when::past(e, field, s, sahayak_domain::time::from_millis(now_ms))
}

fn required_code<T: std::str::FromStr>(e: &mut FieldErrors, field: &'static str, v: &str) -> Option<T> {
    match v.trim() {
        "" => {
            e.add(field, "error-required");
            None
        }
        v => v.parse().map_err(|_| e.add(field, "error-choice")).ok(),
    }
}

fn optional_code<T: std::str::FromStr>(e: &mut FieldErrors, field: &'static str, v: &str) -> Option<T> {
    match v.trim() {
        "" => None,
        v => v.parse().map_err(|_| e.add(field, "error-choice")).ok(),
    }
}

/// The words a case is found by: the victim's name, the narrative, suspect details. (The
/// reference and the mobile number are found by exact match instead.)
pub fn search_terms(f: &CaseFields) -> Vec<String> {
    search_terms_of(
        &f.victim_name,
        &f.narrative,
        f.suspect_details.as_deref(),
        f.pasted_messages.as_deref(),
        f.category_other.as_deref(),
    )
}

/// [`search_terms`] from the stored texts (a restore rebuilds the index from them).
pub fn search_terms_of(
    victim_name: &str,
    narrative: &str,
    suspect_details: Option<&str>,
    pasted_messages: Option<&str>,
    category_other: Option<&str>,
) -> Vec<String> {
    let text = format!(
        "{victim_name} {narrative} {} {} {}",
        suspect_details.unwrap_or_default(),
        pasted_messages.unwrap_or_default(),
        category_other.unwrap_or_default()
    );
    sahayak_domain::search::terms(&text)
}
