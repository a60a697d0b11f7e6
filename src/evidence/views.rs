//! Evidence as the pages show it, every word through the catalogs.

use fluent_bundle::FluentValue;
use sahayak_domain::evidence::{CaptureMethod, CustodyAction, DeviceType, Entry};

use super::sniff;
use super::verify::{Finding, ItemReport, describe};
use crate::cases::views::{Opt, when};
use crate::store::EvidenceItem;
use crate::web::i18n::catalogs;
use crate::web::page::Page;

/// A size as people read it: `812 KB`, `4.7 MB`, `1.2 GB` (decimal units, like the portal's).
pub fn size(bytes: i64) -> String {
    let b = bytes as f64;
    if bytes < 1_000 {
        format!("{bytes} B")
    } else if bytes < 1_000_000 {
        format!("{:.0} KB", b / 1e3)
    } else if bytes < 1_000_000_000 {
        format!("{:.1} MB", b / 1e6)
    } else {
        format!("{:.1} GB", b / 1e9)
    }
}

fn label<T: std::str::FromStr + Copy>(page: &Page, code: Option<&str>, key: impl Fn(T) -> String) -> Option<String> {
    code.map(|c| c.parse::<T>().map(|v| page.t(&key(v))).unwrap_or_else(|_| c.to_owned()))
}

/// One line of the capture details: "Mobile · Redmi Note 12 · IMEI 3569… · by Victim · 12-03-2026 10:45 · Jaipur".
fn capture_line(page: &Page, item: &EvidenceItem) -> String {
    let c = &item.capture;
    let parts: Vec<String> = [
        label::<CaptureMethod>(page, c.method.as_deref(), |m| m.label_key()),
        label::<DeviceType>(page, c.device_type.as_deref(), |d| d.label_key()),
        c.device_make_model.clone(),
        c.device_id.clone(),
        c.captured_by.as_ref().map(|b| page.t1("evidence-captured-by-short", "who", b.as_str())),
        c.captured_at.map(|t| when(Some(t))),
        c.captured_where.clone(),
    ]
    .into_iter()
    .flatten()
    .collect();
    parts.join(" · ")
}

pub struct ItemRow {
    pub id: i64,
    pub href: String,
    pub name: String,
    pub kind: String,
    pub mime: String,
    pub size: String,
    pub sha256: String,
    pub sha_short: String,
    pub capture: String,
    pub description: String,
    pub derived_from: Option<i64>,
    pub victim_supplied: bool,
    pub added: String,
}

pub fn item_row(page: &Page, reference: &str, item: &EvidenceItem) -> ItemRow {
    ItemRow {
        id: item.id,
        href: format!("/cases/{reference}/evidence/{}", item.id),
        name: item.original_name.clone(),
        kind: page.t(&format!("evidence-kind-{}", sniff::kind(&item.mime))),
        mime: item.mime.clone(),
        size: size(item.size_bytes),
        sha_short: item.sha256.chars().take(12).collect(),
        sha256: item.sha256.clone(),
        capture: capture_line(page, item),
        description: item.description.clone().unwrap_or_default(),
        derived_from: item.derived_from,
        victim_supplied: item.victim_supplied,
        added: format!(
            "{} · {}",
            page.t1("evidence-added-by", "who", item.created_by_name.as_str()),
            when(Some(item.created_at))
        ),
    }
}

/// A fact of an item: label and value.
pub struct Fact {
    pub label: String,
    pub value: String,
}

pub fn facts(page: &Page, item: &EvidenceItem) -> Vec<Fact> {
    let c = &item.capture;
    let mut f = vec![
        Fact { label: page.t("evidence-field-name"), value: item.original_name.clone() },
        Fact {
            label: page.t("evidence-field-type"),
            value: format!("{} ({})", page.t(&format!("evidence-kind-{}", sniff::kind(&item.mime))), item.mime),
        },
        Fact {
            label: page.t("evidence-field-size"),
            value: format!("{} ({} B)", size(item.size_bytes), item.size_bytes),
        },
    ];
    let mut opt = |key: &str, v: Option<String>| {
        if let Some(v) = v {
            f.push(Fact { label: page.t(key), value: v });
        }
    };
    opt("evidence-field-description", item.description.clone());
    opt("evidence-field-capture-method", label::<CaptureMethod>(page, c.method.as_deref(), |m| m.label_key()));
    opt("evidence-field-device-type", label::<DeviceType>(page, c.device_type.as_deref(), |d| d.label_key()));
    opt("evidence-field-device-make-model", c.device_make_model.clone());
    opt("evidence-field-device-id", c.device_id.clone());
    opt("evidence-field-captured-by", c.captured_by.clone());
    opt("evidence-field-captured-at", c.captured_at.map(|t| when(Some(t))));
    opt("evidence-field-captured-where", c.captured_where.clone());
    opt("evidence-field-derived-from", item.derived_from.map(|d| format!("#{d}")));
    opt("evidence-field-victim-supplied", item.victim_supplied.then(|| page.t("evidence-yes")));
    opt("evidence-field-added", Some(format!("{} · {}", item.created_by_name, when(Some(item.created_at)))));
    f
}

pub struct CustodyRow {
    pub seq: i64,
    pub at: String,
    pub actor: String,
    pub action: String,
    pub reason: String,
    pub hash: String,
    pub hash_short: String,
}

pub fn custody_rows(page: &Page, entries: &[Entry]) -> Vec<CustodyRow> {
    entries
        .iter()
        .map(|e| CustodyRow {
            seq: e.seq,
            at: when(Some(e.at)),
            actor: e.actor_name.clone(),
            action: label::<CustodyAction>(page, Some(&e.action), |a| a.label_key()).unwrap_or_default(),
            reason: e.reason.clone().unwrap_or_default(),
            hash: e.hash.clone(),
            hash_short: e.hash.chars().take(12).collect(),
        })
        .collect()
}

pub fn finding_text(page: &Page, f: &Finding) -> String {
    let (key, args) = describe(f);
    let args: Vec<(&str, FluentValue<'_>)> = args.iter().map(|(k, v)| (*k, FluentValue::from(v.as_str()))).collect();
    catalogs().get_with(page.lang, key, &args)
}

pub struct ReportRow {
    pub id: i64,
    pub href: String,
    pub name: String,
    pub sha_short: String,
    pub problems: Vec<String>,
}

pub fn report_rows(page: &Page, reference: &str, reports: &[ItemReport]) -> Vec<ReportRow> {
    reports
        .iter()
        .map(|r| ReportRow {
            id: r.item_id,
            href: format!("/cases/{reference}/evidence/{}", r.item_id),
            name: r.original_name.clone(),
            sha_short: r.sha256.chars().take(12).collect(),
            problems: r.findings.iter().map(|f| finding_text(page, f)).collect(),
        })
        .collect()
}

pub fn device_options(page: &Page, selected: &str) -> Vec<Opt> {
    DeviceType::ALL
        .iter()
        .map(|d| Opt { value: d.code().into(), label: page.t(&d.label_key()), selected: d.code() == selected })
        .collect()
}

pub fn method_options(page: &Page, selected: &str) -> Vec<Opt> {
    CaptureMethod::ALL
        .iter()
        .map(|m| Opt { value: m.code().into(), label: page.t(&m.label_key()), selected: m.code() == selected })
        .collect()
}

pub fn manual_action_options(page: &Page) -> Vec<Opt> {
    CustodyAction::MANUAL
        .iter()
        .map(|a| Opt { value: a.code().into(), label: page.t(&a.label_key()), selected: false })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_read_naturally() {
        assert_eq!(size(999), "999 B");
        assert_eq!(size(812_345), "812 KB");
        assert_eq!(size(4_700_000), "4.7 MB");
        assert_eq!(size(1_073_741_824), "1.1 GB");
        assert_eq!(size(2_000_000_000), "2.0 GB");
    }
}
