//! The districts of the deployment, as admins see them: the list, each district's centre
//! details and holidays, and adding a district while the server runs (state admin). A new
//! district starts with the shared taxonomy, plans, prevention library and holiday calendar,
//! and can take cases at once.

use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::api::JsonBody;

use super::pages::{Fields, FormView, ListPage, RowView, Values};
use super::service::{limited, phone, required};
use crate::store::audit::AuditEvent;
use crate::store::{CentreDetails, District, DistrictHoliday, NewDistrict, User};
use crate::web::error::FieldErrors;
use crate::web::form::FormData;
use crate::web::page::Page;
use crate::web::session::{ApiUser, Staff};
use crate::web::{AppError, AppState};

/// The working-day calendar the deadlines count on, whose holidays a district keeps.
pub const CALENDAR: &str = "bank-rajasthan";
const MAX_HOLIDAYS: usize = 200;

/// One holiday as typed.
#[derive(Debug, Default, Clone, Serialize, Deserialize, ToSchema)]
#[serde(default)]
pub struct HolidayWrite {
    /// `YYYY-MM-DD`.
    #[schema(required = true, pattern = "@day")]
    pub date: String,
    #[schema(required = true, pattern = "@text", max_length = 100)]
    pub name_en: String,
    #[schema(required = true, pattern = "@text", max_length = 100)]
    pub name_hi: String,
    /// The date is provisional (moon sighting, or sources disagree).
    pub estimate: bool,
}

/// A district's own centre details and holidays, as sent to the API.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(default)]
pub struct CentreWrite {
    #[schema(max_length = 200)]
    pub centre_name: String,
    /// The centre's name in Hindi (the English one shows on Hindi pages when empty).
    #[schema(max_length = 200)]
    pub centre_name_hi: String,
    #[schema(max_length = 500)]
    pub centre_address: String,
    #[schema(pattern = "@phone", max_length = 40)]
    pub centre_phone: String,
    /// The district's bank holidays (the whole list: it replaces the one kept; each day once).
    #[schema(max_items = 200)]
    pub holidays: Vec<HolidayWrite>,
}

/// A new district as typed.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(default)]
pub struct DistrictWrite {
    /// Lowercase letters, digits and `-` (e.g. `ajmer`): used in addresses and the CLI.
    #[schema(required = true, pattern = "@new-district")]
    pub code: String,
    /// Two to five capital letters that start its case references (e.g. `AJM`).
    #[schema(required = true, pattern = "@prefix")]
    pub prefix: String,
    #[schema(required = true, pattern = "@text", max_length = 100)]
    pub name_en: String,
    #[schema(required = true, pattern = "@text", max_length = 100)]
    pub name_hi: String,
    #[schema(max_length = 200)]
    pub centre_name: String,
    /// The centre's name in Hindi.
    #[schema(max_length = 200)]
    pub centre_name_hi: String,
    #[schema(max_length = 500)]
    pub centre_address: String,
    #[schema(pattern = "@phone", max_length = 40)]
    pub centre_phone: String,
    /// Its bank holidays; the shared calendar's when left empty.
    #[schema(max_items = 200)]
    pub holidays: Vec<HolidayWrite>,
}

fn centre(e: &mut FieldErrors, (name, name_hi, address, phone_no): (&str, &str, &str, &str)) -> CentreDetails {
    CentreDetails {
        name: limited(e, "centre_name", name, 200),
        name_hi: limited(e, "centre_name_hi", name_hi, 200),
        address: limited(e, "centre_address", address, 500),
        phone: phone(e, "centre_phone", phone_no),
    }
}

fn holidays(e: &mut FieldErrors, list: &[HolidayWrite]) -> Vec<DistrictHoliday> {
    let mut out: Vec<DistrictHoliday> = Vec::new();
    if list.len() > MAX_HOLIDAYS {
        e.add("holidays", "error-too-long");
    }
    for h in list {
        let date = NaiveDate::parse_from_str(h.date.trim(), "%Y-%m-%d").ok();
        let (en, hi) = (crate::web::form::clean_text(&h.name_en), crate::web::form::clean_text(&h.name_hi));
        match date {
            Some(d) if !en.is_empty() && !hi.is_empty() && en.chars().count() <= 100 && hi.chars().count() <= 100 => {
                let day = d.format("%Y-%m-%d").to_string();
                if out.iter().any(|o| o.day == day) {
                    e.add("holidays", "dir-error-holiday-twice");
                }
                out.push(DistrictHoliday {
                    calendar: CALENDAR.into(),
                    day,
                    name_en: en,
                    name_hi: hi,
                    estimate: i64::from(h.estimate),
                });
            }
            _ => e.add("holidays", "dir-error-holiday"),
        }
    }
    out.sort_by(|a, b| a.day.cmp(&b.day));
    out
}

/// `2026-01-26 | Republic Day | गणतंत्र दिवस`, one holiday a line (a last part `?` marks a
/// provisional date).
fn holiday_lines(text: &str) -> Vec<HolidayWrite> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(|l| {
            let mut parts = l.split('|').map(str::trim);
            HolidayWrite {
                date: parts.next().unwrap_or_default().into(),
                name_en: parts.next().unwrap_or_default().into(),
                name_hi: parts.next().unwrap_or_default().into(),
                estimate: parts.next() == Some("?"),
            }
        })
        .collect()
}

fn as_lines(list: &[DistrictHoliday]) -> String {
    list.iter()
        .map(|h| format!("{} | {} | {}{}\n", h.day, h.name_en, h.name_hi, if h.estimate != 0 { " | ?" } else { "" }))
        .collect()
}

/// The shared calendar's holidays, as a new district starts with them.
fn shared_holidays() -> Vec<DistrictHoliday> {
    sahayak_domain::deadlines::Calendars::builtin()
        .get(CALENDAR)
        .map(|c| {
            c.holidays()
                .map(|h| DistrictHoliday {
                    calendar: CALENDAR.into(),
                    day: h.date.format("%Y-%m-%d").to_string(),
                    name_en: h.name.en.clone(),
                    name_hi: h.name.hi.clone(),
                    estimate: i64::from(h.estimate),
                })
                .collect()
        })
        .unwrap_or_default()
}

/// Adds a district in one transaction (with its holidays and the directory's seed data), and
/// makes it known to the running server at once.
pub async fn add(state: &AppState, user: &User, w: &DistrictWrite) -> Result<District, AppError> {
    super::require_state_admin(user)?;
    let mut e = FieldErrors::default();
    let code = w.code.trim().to_lowercase();
    let code_ok = code.len() >= 2
        && code.len() <= 40
        && code.starts_with(|c: char| c.is_ascii_lowercase())
        && code.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
    if code.is_empty() {
        e.add("code", "error-required");
    } else if !code_ok {
        e.add("code", "dir-error-code");
    }
    let prefix = w.prefix.trim().to_uppercase();
    if prefix.is_empty() {
        e.add("prefix", "error-required");
    } else if !(2..=5).contains(&prefix.len()) || !prefix.chars().all(|c| c.is_ascii_uppercase()) {
        e.add("prefix", "dir-error-prefix");
    }
    let name_en = required(&mut e, "name_en", &w.name_en, 100);
    let name_hi = required(&mut e, "name_hi", &w.name_hi, 100);
    let centre = centre(&mut e, (&w.centre_name, &w.centre_name_hi, &w.centre_address, &w.centre_phone));
    let list = holidays(&mut e, &w.holidays);
    if code_ok && state.store.district_by_code(&code).await?.is_some() {
        e.add("code", "error-duplicate");
    }
    e.into_result()?;
    let new = NewDistrict { code: &code, prefix: &prefix, name_en: &name_en, name_hi: &name_hi };
    let mut tx = state.store.write().await?;
    let district = state.store.insert_district(&mut tx, &new, &centre).await?;
    if !list.is_empty() {
        state.store.replace_holidays(&mut tx, district.id, CALENDAR, &list).await?;
    }
    crate::store::directory_seed::seed_district(tx.conn(), district.id, &district.code, state.now_millis()).await?;
    let address = crate::privacy::context::address();
    let subject = format!("district:{}", district.id);
    let entry = AuditEvent {
        user_id: Some(user.id),
        action: "directory.district_add",
        subject: &subject,
        detail: &code,
        address: &address,
    };
    state.store.audit_in(&mut tx, state.now_millis(), &entry).await?;
    tx.commit().await?;
    state.forget_districts();
    tracing::info!(district_id = district.id, "district added");
    Ok(district)
}

/// Changes a district's centre details and holidays.
pub async fn edit(
    state: &AppState,
    user: &User,
    d: &District,
    centre_in: (&str, &str, &str, &str),
    holiday_list: &[HolidayWrite],
) -> Result<(), AppError> {
    let mut e = FieldErrors::default();
    let centre = centre(&mut e, centre_in);
    let list = holidays(&mut e, holiday_list);
    e.into_result()?;
    let mut tx = state.store.write().await?;
    state.store.set_district_centre(&mut tx, d.id, &centre).await?;
    state.store.replace_holidays(&mut tx, d.id, CALENDAR, &list).await?;
    let address = crate::privacy::context::address();
    let subject = format!("district:{}", d.id);
    let entry = AuditEvent {
        user_id: Some(user.id),
        action: "directory.district_edit",
        subject: &subject,
        detail: "",
        address: &address,
    };
    state.store.audit_in(&mut tx, state.now_millis(), &entry).await?;
    tx.commit().await?;
    state.forget_districts();
    state.forget_deadline_engine(d.id);
    Ok(())
}

// ------------------------------------------------------------------ pages

pub async fn index(State(state): State<AppState>, staff: Staff) -> Result<Response, AppError> {
    if !super::edits_directory(staff.user.role) {
        return Err(AppError::Forbidden);
    }
    let page = staff.page(&state);
    let all = state.districts().await?;
    let mut p = ListPage::new(page.clone(), page.t("dir-title"));
    p.intro = page.t("dir-intro");
    if super::require_state_admin(&staff.user).is_ok() {
        p.links = vec![("/admin/districts/new".into(), page.t("dir-district-add"))];
    }
    p.headers = ["dir-district", "dir-prefix", "dir-lists"].iter().map(|k| page.t(k)).collect();
    p.rows = all
        .iter()
        .filter(|d| staff.user.role.sees_all_districts() || staff.user.districts.contains(&d.id))
        .map(|d| RowView {
            cells: vec![
                d.name(page.lang).to_owned(),
                d.prefix.clone(),
                [page.t("dir-stations"), page.t("dir-legal-aid"), page.t("dir-tips")].join(" · "),
            ],
            href: format!("/admin/districts/{}", d.code),
            muted: false,
            button: None,
        })
        .collect();
    p.respond()
}

fn district_form(page: &Page, errors: &FieldErrors, values: Values<'_>) -> FormView {
    let mut f = Fields::new(page, errors, values);
    f.add("code", "dir-code", "text").hint = page.t("dir-code-hint");
    f.add("prefix", "dir-prefix", "text").hint = page.t("dir-prefix-hint");
    f.add("name_en", "dir-name-en", "text");
    f.add("name_hi", "dir-name-hi", "text").lang = "hi";
    centre_fields(&mut f, page);
    f.form("/admin/districts".into(), "dir-district-add-submit")
}

fn centre_fields(f: &mut Fields<'_>, page: &Page) {
    f.add("centre_name", "dir-centre-name", "text").hint = page.t("dir-centre-hint");
    f.add("centre_name_hi", "dir-centre-name-hi", "text").lang = "hi";
    f.add("centre_address", "dir-centre-address", "textarea").rows = 2;
    f.add("centre_phone", "dir-centre-phone", "tel");
    let h = f.add("holidays", "dir-holidays", "textarea");
    h.rows = 10;
    h.hint = page.t("dir-holidays-hint");
}

async fn new_district_page(
    state: &AppState,
    staff: &Staff,
    errors: FieldErrors,
    values: Values<'_>,
) -> Result<Response, AppError> {
    let page = staff.page(state);
    let mut p = ListPage::new(page.clone(), page.t("dir-district-add"));
    p.intro = page.t("dir-district-add-intro");
    p.form = Some(district_form(&page, &errors, values));
    p.form_title = page.t("dir-district-details");
    p.errors = errors;
    p.respond()
}

pub async fn new_page(State(state): State<AppState>, staff: Staff) -> Result<Response, AppError> {
    super::require_state_admin(&staff.user)?;
    let shared = as_lines(&shared_holidays());
    new_district_page(&state, &staff, FieldErrors::default(), &move |name: &str| {
        if name == "holidays" { shared.clone() } else { String::new() }
    })
    .await
}

pub async fn add_form(State(state): State<AppState>, staff: Staff, form: FormData) -> Result<Response, AppError> {
    staff.check_csrf(form.csrf())?;
    super::require_state_admin(&staff.user)?;
    let w = DistrictWrite {
        code: form.get("code").into(),
        prefix: form.get("prefix").into(),
        name_en: form.get("name_en").into(),
        name_hi: form.get("name_hi").into(),
        centre_name: form.get("centre_name").into(),
        centre_name_hi: form.get("centre_name_hi").into(),
        centre_address: form.get("centre_address").into(),
        centre_phone: form.get("centre_phone").into(),
        holidays: holiday_lines(form.get("holidays")),
    };
    match add(&state, &staff.user, &w).await {
        Ok(d) => Ok(Redirect::to(&format!("/admin/districts/{}", d.code)).into_response()),
        Err(AppError::Invalid(e)) => new_district_page(&state, &staff, e, &|n| form.get(n).to_owned()).await,
        Err(e) => Err(e),
    }
}

async fn district_page(
    state: &AppState,
    staff: &Staff,
    d: &District,
    errors: FieldErrors,
    values: Values<'_>,
) -> Result<Response, AppError> {
    let page = staff.page(state);
    let mut p = ListPage::new(page.clone(), d.name(page.lang).to_owned());
    p.intro = page.t1("dir-district-intro", "prefix", d.prefix.clone());
    p.links = vec![
        (format!("/admin/districts/{}/stations", d.code), page.t("dir-stations")),
        (format!("/admin/districts/{}/legal-aid", d.code), page.t("dir-legal-aid")),
        (format!("/admin/districts/{}/tips", d.code), page.t("dir-tips")),
    ];
    let mut f = Fields::new(&page, &errors, values);
    centre_fields(&mut f, &page);
    p.form = Some(f.form(format!("/admin/districts/{}", d.code), "dir-save"));
    p.form_title = page.t("dir-centre-title");
    p.errors = errors;
    p.respond()
}

pub async fn show(State(state): State<AppState>, staff: Staff, Path(code): Path<String>) -> Result<Response, AppError> {
    let d = super::administered(&state, &staff.user, &code).await?;
    let list = as_lines(&state.store.district_holidays(d.id).await?);
    let dd = d.clone();
    let values = move |name: &str| match name {
        "centre_name" => dd.centre_name.clone().unwrap_or_default(),
        "centre_name_hi" => dd.centre_name_hi.clone().unwrap_or_default(),
        "centre_address" => dd.centre_address.clone().unwrap_or_default(),
        "centre_phone" => dd.centre_phone.clone().unwrap_or_default(),
        "holidays" => list.clone(),
        _ => String::new(),
    };
    district_page(&state, &staff, &d, FieldErrors::default(), &values).await
}

pub async fn edit_form(
    State(state): State<AppState>,
    staff: Staff,
    Path(code): Path<String>,
    form: FormData,
) -> Result<Response, AppError> {
    staff.check_csrf(form.csrf())?;
    let d = super::administered(&state, &staff.user, &code).await?;
    let centre =
        (form.get("centre_name"), form.get("centre_name_hi"), form.get("centre_address"), form.get("centre_phone"));
    match edit(&state, &staff.user, &d, centre, &holiday_lines(form.get("holidays"))).await {
        Ok(()) => Ok(Redirect::to(&format!("/admin/districts/{code}")).into_response()),
        Err(AppError::Invalid(e)) => district_page(&state, &staff, &d, e, &|n| form.get(n).to_owned()).await,
        Err(e) => Err(e),
    }
}

/// Adds a district (state admin). It takes cases at once.
#[utoipa::path(post, path = "/api/v1/districts", tag = "directory", security(("bearer" = [])),
    request_body = DistrictWrite,
    responses(
        (status = 201, body = District),
        (status = 400, body = crate::web::error::Problem, content_type = "application/problem+json"),
        (status = 401, body = crate::web::error::Problem, content_type = "application/problem+json"),
        (status = 403, body = crate::web::error::Problem, content_type = "application/problem+json"),
        (status = 415, body = crate::web::error::Problem, content_type = "application/problem+json"),
        (status = 422, body = crate::web::error::Problem, content_type = "application/problem+json"),
    ))]
pub async fn add_api(
    State(state): State<AppState>,
    api: ApiUser,
    body: JsonBody<DistrictWrite>,
) -> Result<(StatusCode, Json<District>), AppError> {
    super::require_state_admin(&api.user)?;
    let body = body.accept()?;
    Ok((StatusCode::CREATED, Json(add(&state, &api.user, &body).await?)))
}

/// Changes a district's centre details and its holiday list (district admin of the district,
/// or the state admin). The list sent replaces the one kept; working-day deadlines of the
/// district's cases count on it from then on.
#[utoipa::path(put, path = "/api/v1/districts/{code}", tag = "directory", security(("bearer" = [])),
    params(("code" = String, Path, description = "District code")), request_body = CentreWrite,
    responses(
        (status = 200, body = District),
        (status = 400, body = crate::web::error::Problem, content_type = "application/problem+json"),
        (status = 401, body = crate::web::error::Problem, content_type = "application/problem+json"),
        (status = 403, body = crate::web::error::Problem, content_type = "application/problem+json"),
        (status = 404, body = crate::web::error::Problem, content_type = "application/problem+json"),
        (status = 415, body = crate::web::error::Problem, content_type = "application/problem+json"),
        (status = 422, body = crate::web::error::Problem, content_type = "application/problem+json"),
    ))]
pub async fn edit_api(
    State(state): State<AppState>,
    api: ApiUser,
    Path(code): Path<String>,
    body: JsonBody<CentreWrite>,
) -> Result<Json<District>, AppError> {
    let d = super::administered(&state, &api.user, &code).await?;
    let body = body.accept()?;
    let centre = (
        body.centre_name.as_str(),
        body.centre_name_hi.as_str(),
        body.centre_address.as_str(),
        body.centre_phone.as_str(),
    );
    edit(&state, &api.user, &d, centre, &body.holidays).await?;
    let fresh = state.store.district_by_code(&d.code).await?.ok_or(AppError::NotFound)?;
    Ok(Json(fresh))
}
