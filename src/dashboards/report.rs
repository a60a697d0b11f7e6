//! The monthly MIS report a supervisor sends up: one month's figures for each district in the
//! scope (and their total), as rows of section, item and value. The page offers it as CSV and
//! as an Excel workbook (XLSX); the API gives the same rows as JSON.

use axum::extract::{Query, State};
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::figures::{self, Dashboard, Delays};
use crate::store::{District, Month, Scope, User};
use crate::web::page::Page;
use crate::web::session::Staff;
use crate::web::{AppError, AppState};

#[derive(Debug, Clone, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ReportQuery {
    /// The month, `YYYY-MM` (IST); default: the current month.
    #[serde(default)]
    #[param(pattern = "@month")]
    pub month: Option<String>,
    /// A district code; every district the caller may see (and their total) when left out.
    #[serde(default)]
    #[param(pattern = "@district")]
    pub district: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct ReportRow {
    /// The district's code, or `all` for the total of the districts in the report.
    pub district: String,
    pub district_name: String,
    /// `cases`, `category`, `scam`, `channel`, `money`, `golden`, `portal`, `referral`, `tasks`.
    pub section: String,
    /// A stable code within the section (a category as on the portal, a scam pattern's code, ...).
    pub item: String,
    /// The item in the caller's language.
    pub label: String,
    pub value: f64,
    /// `cases`, `tasks`, `INR` (rupees), `percent` or `hours`.
    pub unit: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct Report {
    pub month: String,
    pub rows: Vec<ReportRow>,
}

/// Builds the report: each district's rows, then the total's when there are several.
pub async fn build(state: &AppState, page: &Page, user: &User, q: &ReportQuery) -> Result<Report, AppError> {
    let month = match q.month.as_deref().map(str::trim).filter(|m| !m.is_empty()) {
        None => Month::of_millis(state.now_millis()),
        Some(m) => Month::parse(m).ok_or(AppError::invalid("month", "error-month"))?,
    };
    let code = q.district.as_deref().map(str::trim).filter(|d| !d.is_empty());
    let (district, scope) = figures::resolve_district(state, user, code).await?;
    state.store.refresh_dashboard().await?;
    let all = state.districts().await?;
    let districts: Vec<&District> = match (&district, &scope) {
        (Some(d), _) => all.iter().filter(|x| x.id == d.id).collect(),
        (None, Scope::All) => all.iter().collect(),
        (None, Scope::Districts(ids)) => all.iter().filter(|x| ids.contains(&x.id)).collect(),
    };
    let mut rows = Vec::new();
    for d in &districts {
        let figures = state.store.dashboard_figures(&Scope::Districts(vec![d.id]), month, month).await?;
        let dash = figures::assemble(month, month, &figures, &[], 0);
        rows.extend(rows_of(page, &d.code, d.name(page.lang), &dash));
    }
    if districts.len() > 1 {
        let figures = state.store.dashboard_figures(&scope, month, month).await?;
        let dash = figures::assemble(month, month, &figures, &[], 0);
        rows.extend(rows_of(page, "all", &page.t("dashboard-total"), &dash));
    }
    Ok(Report { month: month.to_string(), rows })
}

fn rows_of(page: &Page, code: &str, name: &str, d: &Dashboard) -> Vec<ReportRow> {
    let mut out = Vec::new();
    let mut row = |section: &str, item: &str, label: String, value: f64, unit: &str| {
        out.push(ReportRow {
            district: code.to_owned(),
            district_name: name.to_owned(),
            section: section.to_owned(),
            item: item.to_owned(),
            label,
            value,
            unit: unit.to_owned(),
        })
    };
    row("cases", "registered", page.t("dashboard-kpi-registered"), d.cases_registered.total as f64, "cases");
    for s in &d.by_category {
        row("category", &s.key, crate::cases::views::short_classification(page, &s.key, None), s.total as f64, "cases");
    }
    for s in &d.by_scam_pattern {
        let label = crate::cases::views::label::<sahayak_domain::case::ScamPattern>(page, &s.key);
        row("scam", &s.key, label, s.total as f64, "cases");
    }
    for s in &d.by_channel {
        let label = crate::cases::views::label::<sahayak_domain::case::Channel>(page, &s.key);
        row("channel", &s.key, label, s.total as f64, "cases");
    }
    let rupees = |p: i64| p as f64 / 100.0;
    row("money", "reported_lost", page.t("money-reported"), rupees(d.money.reported_lost_paise), "INR");
    row("money", "held", page.t("money-held"), rupees(d.money.held_paise), "INR");
    row("money", "restored", page.t("money-restored"), rupees(d.money.restored_paise), "INR");
    let g = &d.golden_hour;
    row("golden", "money_cases", page.t("dashboard-golden-money-cases"), g.money_cases as f64, "cases");
    row("golden", "within", page.t("dashboard-golden-within"), g.within as f64, "cases");
    row("golden", "after", page.t("dashboard-golden-after"), g.after as f64, "cases");
    row("golden", "unknown", page.t("dashboard-golden-unknown"), g.unknown as f64, "cases");
    if let Some(s) = g.share_within {
        row("golden", "share_within", page.t("dashboard-kpi-golden"), (s * 1000.0).round() / 10.0, "percent");
    }
    for (section, x) in [("portal", &d.portal_filing), ("referral", &d.referral)] {
        delay_rows(page, section, x, &mut row);
    }
    row("tasks", "due", page.t("dashboard-tasks-due"), d.deadlines.tasks_due as f64, "tasks");
    row("tasks", "done_late", page.t("dashboard-tasks-late"), d.deadlines.tasks_done_late as f64, "tasks");
    out
}

fn delay_rows(page: &Page, section: &str, x: &Delays, row: &mut impl FnMut(&str, &str, String, f64, &str)) {
    row(section, "count", page.t(&format!("dashboard-{section}-count")), x.count as f64, "cases");
    for (item, key, v) in [
        ("before_intake", "dashboard-delay-before", x.before_intake),
        ("within_1h", "dashboard-delay-1h", x.within_1h),
        ("within_1d", "dashboard-delay-1d", x.within_1d),
        ("within_7d", "dashboard-delay-7d", x.within_7d),
        ("later", "dashboard-delay-later", x.later),
    ] {
        row(section, item, page.t(key), v as f64, "cases");
    }
    if let Some(h) = x.average_hours {
        row(section, "average_hours", page.t("dashboard-average-label"), (h * 10.0).round() / 10.0, "hours");
    }
}

const COLUMNS: [&str; 8] = ["month", "district", "district-name", "section", "item", "label", "value", "unit"];

/// The report's column headings in the user's language.
fn header(page: &Page) -> Vec<String> {
    COLUMNS.iter().map(|k| page.t(&format!("dashboard-report-col-{k}"))).collect()
}

/// The report as CSV, in the user's language (codes stay as they are, for spreadsheets).
pub fn to_csv(page: &Page, report: &Report) -> Result<Vec<u8>, AppError> {
    let mut w = crate::web::csv_export::Writer::new();
    w.row(header(page))?;
    for r in &report.rows {
        let value = if r.unit == "INR" { format!("{:.2}", r.value) } else { format!("{}", r.value) };
        w.row([&report.month, &r.district, &r.district_name, &r.section, &r.item, &r.label, &value, &r.unit])?;
    }
    w.finish()
}

/// The report as an Excel workbook: a title line, then the same columns as the CSV with the
/// values as numbers (rupees with two decimals), the heading row frozen and filterable.
pub fn to_xlsx(page: &Page, report: &Report) -> Result<Vec<u8>, AppError> {
    use rust_xlsxwriter::{Format, Workbook};
    let fail = |e: rust_xlsxwriter::XlsxError| AppError::Internal(anyhow::anyhow!("xlsx: {e}"));
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name(format!("MIS {}", report.month)).map_err(fail)?;
    let bold = Format::new().set_bold();
    let title = Format::new().set_bold().set_font_size(14);
    let rupees = Format::new().set_num_format("#,##0.00");
    let decimal = Format::new().set_num_format("0.0");
    let whole = Format::new().set_num_format("0");
    let heading = format!("{} — {}", page.t("dashboard-report-title"), report.month);
    sheet.write_string_with_format(0, 0, heading, &title).map_err(fail)?;
    const HEAD: u32 = 2;
    for (col, h) in (0u16..).zip(header(page)) {
        sheet.write_string_with_format(HEAD, col, h, &bold).map_err(fail)?;
    }
    for (row, r) in (HEAD + 1..).zip(&report.rows) {
        for (col, text) in (0u16..).zip([&report.month, &r.district, &r.district_name, &r.section, &r.item, &r.label]) {
            sheet.write_string(row, col, text.as_str()).map_err(fail)?;
        }
        let format = match r.unit.as_str() {
            "INR" => &rupees,
            "percent" | "hours" => &decimal,
            _ => &whole,
        };
        sheet.write_number_with_format(row, 6, r.value, format).map_err(fail)?;
        sheet.write_string(row, 7, r.unit.as_str()).map_err(fail)?;
    }
    for (col, width) in [(0u16, 9.0), (1, 12.0), (2, 18.0), (3, 10.0), (4, 16.0), (5, 44.0), (6, 14.0), (7, 8.0)] {
        sheet.set_column_width(col, width).map_err(fail)?;
    }
    sheet.set_freeze_panes(HEAD + 1, 0).map_err(fail)?;
    let last = HEAD + report.rows.len() as u32;
    sheet.autofilter(HEAD, 0, last, COLUMNS.len() as u16 - 1).map_err(fail)?;
    book.save_to_buffer().map_err(fail)
}

/// The heading of each section of the printed report.
fn section_title(page: &Page, section: &str) -> String {
    const SECTIONS: [&str; 9] =
        ["cases", "category", "scam", "channel", "money", "golden", "portal", "referral", "tasks"];
    if SECTIONS.contains(&section) {
        page.t(&format!("dashboard-report-section-{section}"))
    } else {
        section.to_owned()
    }
}

/// A value as printed: rupees in the Indian way, percentages and hours to one decimal.
fn printed(page: &Page, value: f64, unit: &str) -> String {
    match unit {
        "INR" => crate::cases::views::money(Some((value * 100.0).round() as i64)),
        "percent" => format!("{value:.1} %"),
        "hours" => page.t1("dashboard-report-hours", "hours", format!("{value:.1}")),
        _ => format!("{value}"),
    }
}

/// The report as a printable PDF (the documents crate's `monthly-report` paper), typeset off the
/// async threads.
async fn to_pdf(state: &AppState, page: &Page, report: &Report) -> Result<Vec<u8>, AppError> {
    let mut districts: Vec<&str> = Vec::new();
    for r in report.rows.iter().filter(|r| r.district != "all") {
        if !districts.contains(&r.district_name.as_str()) {
            districts.push(&r.district_name);
        }
    }
    let data = pdf_data(page, report, state.config.centre(page.lang), &districts.join(", "), state.now());
    let paper = sahayak_documents::Paper::MonthlyReport;
    tokio::task::spawn_blocking(move || sahayak_documents::paper_pdf(paper, &data))
        .await
        .map_err(|e| AppError::Internal(e.into()))?
        .map_err(|e| AppError::Internal(e.into()))
}

/// The data of the printed report (the documents crate's `monthly-report` template): the
/// rows grouped by district, then by section, in the order built.
fn pdf_data(page: &Page, report: &Report, centre: &str, scope: &str, now: DateTime<Utc>) -> serde_json::Value {
    use serde_json::{Value, json};
    /// A section's code and rows; a district's name and sections.
    type Section = (String, Vec<Value>);
    let mut districts: Vec<(String, Vec<Section>)> = Vec::new();
    for r in &report.rows {
        if districts.last().is_none_or(|(name, _)| name != &r.district_name) {
            districts.push((r.district_name.clone(), Vec::new()));
        }
        let sections = &mut districts.last_mut().expect("pushed above").1;
        if sections.last().is_none_or(|(code, _)| code != &r.section) {
            sections.push((r.section.clone(), Vec::new()));
        }
        let row = json!({"label": r.label, "value": printed(page, r.value, &r.unit)});
        sections.last_mut().expect("pushed above").1.push(row);
    }
    let districts: Vec<Value> = districts
        .into_iter()
        .map(|(name, sections)| {
            let sections: Vec<Value> = sections
                .into_iter()
                .map(|(code, rows)| json!({"title": section_title(page, &code), "rows": rows}))
                .collect();
            json!({"name": name, "sections": sections})
        })
        .collect();
    json!({
        "lang": page.lang.code(),
        "centre": centre,
        "reference": format!("MIS {}", report.month),
        "date": sahayak_domain::time::display_ist_date(now),
        "month": report.month,
        "scope": scope,
        "labels": {
            "report_title": page.t("dashboard-report-title"),
            "report_cohort": page.t("dashboard-cohort-note"),
            "report_made": page.t1("dashboard-report-made", "centre", centre.to_owned()),
            "reference": page.t("dashboard-report-name"),
            "date": page.t("dashboard-report-date"),
        },
        "districts": districts,
    })
}

/// The files the report downloads as.
#[derive(Debug, Clone, Copy)]
enum FileKind {
    Csv,
    Xlsx,
    Pdf,
}

impl FileKind {
    fn extension(self) -> &'static str {
        match self {
            FileKind::Csv => "csv",
            FileKind::Xlsx => "xlsx",
            FileKind::Pdf => "pdf",
        }
    }

    fn content_type(self) -> &'static str {
        match self {
            FileKind::Csv => "text/csv; charset=utf-8",
            FileKind::Xlsx => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            FileKind::Pdf => "application/pdf",
        }
    }
}

/// The report for the staff member, as a download named after its month.
async fn download(state: &AppState, staff: &Staff, q: &ReportQuery, kind: FileKind) -> Result<Response, AppError> {
    let page = staff.page(state);
    let report = build(state, &page, &staff.user, q).await?;
    let body = match kind {
        FileKind::Csv => to_csv(&page, &report)?,
        FileKind::Xlsx => to_xlsx(&page, &report)?,
        FileKind::Pdf => to_pdf(state, &page, &report).await?,
    };
    tracing::info!(user_id = staff.user.id, month = %report.month, file = kind.extension(), "monthly report downloaded");
    let mut r = body.into_response();
    r.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static(kind.content_type()));
    let name = format!("attachment; filename=\"sahayak-mis-{}.{}\"", report.month, kind.extension());
    if let Ok(v) = HeaderValue::from_str(&name) {
        r.headers_mut().insert(header::CONTENT_DISPOSITION, v);
    }
    Ok(r)
}

pub async fn csv_page(
    State(state): State<AppState>,
    staff: Staff,
    Query(q): Query<ReportQuery>,
) -> Result<Response, AppError> {
    download(&state, &staff, &q, FileKind::Csv).await
}

pub async fn pdf_page(
    State(state): State<AppState>,
    staff: Staff,
    Query(q): Query<ReportQuery>,
) -> Result<Response, AppError> {
    download(&state, &staff, &q, FileKind::Pdf).await
}

pub async fn xlsx_page(
    State(state): State<AppState>,
    staff: Staff,
    Query(q): Query<ReportQuery>,
) -> Result<Response, AppError> {
    download(&state, &staff, &q, FileKind::Xlsx).await
}
