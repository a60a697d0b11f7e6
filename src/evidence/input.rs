//! The details sent with evidence files (description and how they were captured), read the same
//! way from the page's form and from the API.

use sahayak_domain::evidence::{CaptureMethod, DeviceType};
use unicode_normalization::UnicodeNormalization;

use crate::store::Capture;
use crate::web::error::FieldErrors;

/// The text fields an upload may carry besides its files, as typed.
pub const FIELDS: &[&str] = &[
    "csrf",
    "description",
    "capture_method",
    "device_type",
    "device_make_model",
    "device_id",
    "captured_by",
    "captured_at",
    "captured_where",
    "derived_from",
    "victim_supplied",
];

const MAX_SHORT: usize = 200;
const MAX_DESCRIPTION: usize = 2_000;

#[derive(Debug, Clone, Default)]
pub struct DetailsInput(pub Vec<(&'static str, String)>);

impl DetailsInput {
    pub fn get(&self, name: &str) -> &str {
        self.0.iter().find(|(k, _)| *k == name).map_or("", |(_, v)| v.as_str())
    }

    pub fn set(&mut self, name: &'static str, value: String) {
        self.0.retain(|(k, _)| *k != name);
        self.0.push((name, value));
    }
}

/// Valid details, ready to store.
#[derive(Debug, Clone, Default)]
pub struct Details {
    pub description: Option<String>,
    pub capture: Capture,
    pub derived_from: Option<i64>,
    pub victim_supplied: bool,
}

fn clean(s: &str) -> Option<String> {
    let s: String = s.trim().nfc().filter(|c| !c.is_control() || *c == '\n').collect();
    (!s.is_empty()).then_some(s)
}

fn text(e: &mut FieldErrors, input: &DetailsInput, field: &'static str, max: usize) -> Option<String> {
    let v = clean(input.get(field));
    if v.as_ref().is_some_and(|v| v.chars().count() > max) {
        e.add(field, "error-too-long");
    }
    v
}

fn code<T: std::str::FromStr>(e: &mut FieldErrors, input: &DetailsInput, field: &'static str) -> Option<T> {
    match input.get(field).trim() {
        "" => None,
        v => v.parse().map_err(|_| e.add(field, "error-choice")).ok(),
    }
}

/// A 15-digit IMEI's last digit is a Luhn check digit.
fn luhn_ok(digits: &str) -> bool {
    let sum: u32 = digits
        .bytes()
        .rev()
        .enumerate()
        .map(|(i, b)| {
            let d = u32::from(b - b'0');
            if i % 2 == 1 {
                let x = d * 2;
                if x > 9 { x - 9 } else { x }
            } else {
                d
            }
        })
        .sum();
    sum.is_multiple_of(10)
}

/// Checks every field and reports all problems at once.
pub fn validate(input: &DetailsInput, now_ms: i64) -> Result<Details, FieldErrors> {
    let mut e = FieldErrors::default();
    let description = text(&mut e, input, "description", MAX_DESCRIPTION);
    let method: Option<CaptureMethod> = code(&mut e, input, "capture_method");
    let device_type: Option<DeviceType> = code(&mut e, input, "device_type");
    let device_make_model = text(&mut e, input, "device_make_model", MAX_SHORT);
    let device_id = text(&mut e, input, "device_id", MAX_SHORT);
    if let Some(id) = &device_id {
        let digits: String = id.chars().filter(|c| !matches!(c, ' ' | '-')).collect();
        if device_type == Some(DeviceType::Mobile)
            && digits.len() == 15
            && digits.bytes().all(|b| b.is_ascii_digit())
            && !luhn_ok(&digits)
        {
            e.add("device_id", "evidence-error-imei");
        }
    }
    let captured_by = text(&mut e, input, "captured_by", MAX_SHORT);
    let captured_at =
        match crate::cases::input::parse_time(input.get("captured_at"), crate::web::when::at_millis(now_ms)) {
            None => None,
            Some(Err(())) => {
                e.add("captured_at", "error-datetime");
                None
            }
            Some(Ok(t)) if t.timestamp_millis() > now_ms + 300_000 => {
                e.add("captured_at", "error-future");
                None
            }
            Some(Ok(t)) => Some(t.timestamp_millis()),
        };
    let captured_where = text(&mut e, input, "captured_where", MAX_SHORT);
    let derived_from = match input.get("derived_from").trim() {
        "" => None,
        v => {
            v.trim_start_matches('#').parse::<i64>().map_err(|_| e.add("derived_from", "evidence-error-original")).ok()
        }
    };
    let victim_supplied = matches!(input.get("victim_supplied").trim(), "1" | "true" | "on" | "yes");
    if e.is_empty() {
        Ok(Details {
            description,
            capture: Capture {
                method: method.map(|m| m.code().to_owned()),
                device_type: device_type.map(|d| d.code().to_owned()),
                device_make_model,
                device_id,
                captured_by,
                captured_at,
                captured_where,
            },
            derived_from,
            victim_supplied,
        })
    } else {
        Err(e)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(pairs: &[(&'static str, &str)]) -> DetailsInput {
        DetailsInput(pairs.iter().map(|(k, v)| (*k, (*v).to_owned())).collect())
    }

    #[test]
    fn details_are_checked_and_cleaned() {
        let now = 1_780_000_000_000;
        let ok = validate(
            &input(&[
                ("description", "  WhatsApp chat with the \"bank officer\"  "),
                ("capture_method", "app_export"),
                ("device_type", "mobile"),
                ("device_id", "35-693803-564380-9"),
                ("captured_at", "2026-03-12T10:45"),
                ("victim_supplied", "on"),
            ]),
            now,
        )
        .unwrap();
        assert_eq!(ok.description.as_deref(), Some("WhatsApp chat with the \"bank officer\""));
        assert_eq!(ok.capture.device_type.as_deref(), Some("mobile"));
        assert!(ok.victim_supplied);
        assert!(ok.capture.captured_at.is_some());

        let bad = validate(
            &input(&[
                ("capture_method", "telepathy"),
                ("device_type", "mobile"),
                ("device_id", "356938035643808"),
                ("captured_at", "yesterday"),
                ("derived_from", "x"),
            ]),
            now,
        )
        .unwrap_err();
        assert_eq!(bad.get("capture_method"), Some("error-choice"));
        assert_eq!(bad.get("device_id"), Some("evidence-error-imei"));
        assert_eq!(bad.get("captured_at"), Some("error-datetime"));
        assert_eq!(bad.get("derived_from"), Some("evidence-error-original"));
        assert_eq!(
            validate(&input(&[("captured_at", "2099-01-01T00:00")]), now).unwrap_err().get("captured_at"),
            Some("error-future")
        );
    }
}
