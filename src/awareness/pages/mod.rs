//! The staff pages: the calendar, the programme forms, and a programme's own page (feedback link and QR code, feedback summary, certificates). The institutions are in
//! `institutions.rs`.

mod institutions;

pub use institutions::{institution_create, institution_edit, institution_new, institution_update, institutions};

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use chrono::{Days, NaiveDate, TimeZone};
use sahayak_domain::time::{display_ist_date, from_millis, ist, to_ist_local};
use serde::Deserialize;

use super::service::{self, AttendanceWrite, ProgrammeWrite};
use super::{AUDIENCES, LANGUAGES, STATUSES, may_write, open_programme};
use crate::cases::views::{Opt, when};
use crate::store::{FeedbackSummary, Programme};
use crate::web::AppState;
use crate::web::error::{AppError, FieldErrors};
use crate::web::form::FormData;
use crate::web::page::Page;
use crate::web::session::Staff;

/// The calendar shows this many days from its first one.
pub const CALENDAR_DAYS: u64 = 60;

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct ListQuery {
    /// A district code; all the user's districts when empty.
    pub district: Option<String>,
    /// The calendar's first day, `YYYY-MM-DD` (IST); today when empty.
    pub from: Option<String>,
    /// The institution a new programme is for.
    pub institution: Option<String>,
}

pub(super) fn blank(s: &Option<String>) -> Option<&str> {
    s.as_deref().map(str::trim).filter(|s| !s.is_empty())
}

pub(super) fn kind_label(page: &Page, k: &str) -> String {
    page.t(&format!("awareness-kind-{k}"))
}

pub(super) fn audience_label(page: &Page, a: &str) -> String {
    page.t(&format!("awareness-audience-{}", a.replace('_', "-")))
}

pub(super) fn status_label(page: &Page, s: &str) -> String {
    page.t(&format!("awareness-status-{s}"))
}

pub(super) fn language_label(page: &Page, l: &str) -> String {
    page.t(&format!("awareness-language-{l}"))
}

pub(super) fn options(page: &Page, codes: &[&str], label: fn(&Page, &str) -> String, selected: &str) -> Vec<Opt> {
    codes.iter().map(|c| Opt { value: (*c).into(), label: label(page, c), selected: *c == selected }).collect()
}

pub(super) async fn district_choice(
    state: &AppState,
    staff: &Staff,
    page: &Page,
    selected: &str,
) -> Result<Vec<Opt>, AppError> {
    let all = state.districts().await?;
    let visible: Vec<_> =
        all.iter().filter(|d| crate::cases::access::sees_district(&staff.user, d.id)).cloned().collect();
    Ok(crate::cases::views::district_options(page, &visible, selected))
}

/// One line of the calendar or a list of programmes.
pub struct ProgrammeRow {
    pub id: i64,
    pub time: String,
    pub institution: String,
    pub status: String,
    pub status_code: String,
    pub audience: String,
    pub attendance: String,
}

fn row(page: &Page, p: &Programme) -> ProgrammeRow {
    let mut audience: Vec<String> = p.audience.iter().map(|a| audience_label(page, a)).collect();
    if let Some(c) = &p.classes {
        audience.push(c.clone());
    }
    ProgrammeRow {
        id: p.id,
        time: to_ist_local(from_millis(p.starts_at)).get(11..16).unwrap_or_default().to_owned(),
        institution: p.institution_name.clone(),
        status: status_label(page, &p.status),
        status_code: p.status.clone(),
        audience: audience.join(", "),
        attendance: p.attendance.map(|a| a.to_string()).unwrap_or_default(),
    }
}

pub struct Day {
    pub date: String,
    pub programmes: Vec<ProgrammeRow>,
}

#[derive(Template)]
#[template(path = "awareness/calendar.html")]
struct CalendarPage {
    page: Page,
    districts: Vec<Opt>,
    district: String,
    from: String,
    heading: String,
    days: Vec<Day>,
    earlier: String,
    later: String,
    can_write: bool,
}

pub(super) fn day_start(date: NaiveDate) -> i64 {
    let midnight = date.and_hms_opt(0, 0, 0).unwrap_or_default();
    ist().from_local_datetime(&midnight).single().map(|t| t.timestamp_millis()).unwrap_or_default()
}

pub(super) fn href(path: &str, pairs: &[(&str, &str)]) -> String {
    let pairs: Vec<_> = pairs.iter().filter(|(_, v)| !v.is_empty()).collect();
    if pairs.is_empty() {
        path.to_owned()
    } else {
        format!("{path}?{}", serde_urlencoded::to_string(pairs).unwrap_or_default())
    }
}

/// The next [`CALENDAR_DAYS`] days of programmes (from `from`), by day.
pub async fn calendar(
    State(state): State<AppState>,
    staff: Staff,
    Query(q): Query<ListQuery>,
) -> Result<Response, AppError> {
    let page = staff.page(&state);
    let (district, scope) =
        crate::dashboards::figures::resolve_district(&state, &staff.user, blank(&q.district)).await?;
    let today = state.now().with_timezone(&ist()).date_naive();
    let from = match blank(&q.from) {
        None => today,
        Some(s) => NaiveDate::parse_from_str(s, "%Y-%m-%d")
            .ok()
            .filter(|d| (2000..=2100).contains(&chrono::Datelike::year(d)))
            .ok_or(AppError::invalid("from", "error-awareness-date"))?,
    };
    let to = from + Days::new(CALENDAR_DAYS);
    let programmes = state.store.programmes(&scope, day_start(from), day_start(to), None).await?;
    let mut days: Vec<Day> = Vec::new();
    for p in &programmes {
        let date = display_ist_date(from_millis(p.starts_at));
        match days.last_mut() {
            Some(d) if d.date == date => d.programmes.push(row(&page, p)),
            _ => days.push(Day { date, programmes: vec![row(&page, p)] }),
        }
    }
    let code = district.as_ref().map(|d| d.code.clone()).unwrap_or_default();
    let last = to - Days::new(1);
    let body = CalendarPage {
        districts: district_choice(&state, &staff, &page, &code).await?,
        heading: page.t1(
            "awareness-calendar-period",
            "period",
            format!("{} – {}", last_format(from), last_format(last)),
        ),
        earlier: href(
            "/awareness",
            &[("district", code.as_str()), ("from", (from - Days::new(CALENDAR_DAYS)).to_string().as_str())],
        ),
        later: href("/awareness", &[("district", code.as_str()), ("from", to.to_string().as_str())]),
        from: from.to_string(),
        district: code,
        days,
        can_write: may_write(&staff.user),
        page,
    };
    Ok(Html(body.render()?).into_response())
}

fn last_format(d: NaiveDate) -> String {
    d.format("%d-%m-%Y").to_string()
}

/// A checkbox of a list.
pub struct Check {
    pub value: String,
    pub label: String,
    pub checked: bool,
}

#[derive(Template)]
#[template(path = "awareness/programme_form.html")]
struct ProgrammeForm {
    page: Page,
    id: Option<i64>,
    institutions: Vec<Opt>,
    audiences: Vec<Check>,
    topics: Vec<Check>,
    languages: Vec<Opt>,
    statuses: Vec<Opt>,
    input: ProgrammeWrite,
    errors: FieldErrors,
}

async fn render_programme_form(
    state: &AppState,
    staff: &Staff,
    id: Option<i64>,
    input: ProgrammeWrite,
    errors: FieldErrors,
) -> Result<Response, AppError> {
    let page = staff.page(state);
    let scope = match id {
        // An existing programme stays in its district.
        Some(pid) => {
            crate::store::Scope::Districts(vec![open_programme(state, &staff.user, pid).await?.get().district_id])
        }
        None => crate::cases::access::scope(&staff.user),
    };
    let mut institutions = vec![Opt { value: String::new(), label: page.t("form-choose"), selected: false }];
    institutions.extend(state.store.institutions(&scope).await?.iter().map(|i| Opt {
        value: i.id.to_string(),
        label: i.name.clone(),
        selected: i.id == input.institution_id,
    }));
    // An existing programme's district adds its own tips; a new one chooses from the shared library.
    let district = match &scope {
        crate::store::Scope::Districts(d) if id.is_some() => d.first().copied(),
        _ => None,
    };
    let library = super::library(state, district).await?;
    let status = if errors.is_empty() { StatusCode::OK } else { StatusCode::UNPROCESSABLE_ENTITY };
    let body = ProgrammeForm {
        institutions,
        audiences: AUDIENCES
            .iter()
            .map(|a| Check {
                value: (*a).into(),
                label: audience_label(&page, a),
                checked: input.audience.iter().any(|x| x == a),
            })
            .collect(),
        topics: library
            .iter()
            .map(|t| Check {
                value: t.id.clone(),
                label: t.title(page.lang).to_owned(),
                checked: input.topics.contains(&t.id),
            })
            .collect(),
        languages: options(&page, &LANGUAGES, language_label, &input.language),
        statuses: options(&page, &STATUSES, status_label, &input.status),
        id,
        input,
        errors,
        page,
    };
    Ok((status, Html(body.render()?)).into_response())
}

fn programme_input(form: &FormData) -> ProgrammeWrite {
    ProgrammeWrite {
        institution_id: form.get("institution_id").trim().parse().unwrap_or(0),
        starts_at: form.get("starts_at").into(),
        venue: form.get("venue").into(),
        audience: form.all("audience").into_iter().map(str::to_owned).collect(),
        classes: form.get("classes").into(),
        language: form.get("language").into(),
        speakers: form.get("speakers").into(),
        topics: form.all("topics").into_iter().map(str::to_owned).collect(),
        materials: form.get("materials").into(),
        status: form.get("status").into(),
        attendance: form.get("attendance").into(),
        use_quiz: form.get("use_quiz") == "on",
    }
}

fn programme_as_input(p: &Programme) -> ProgrammeWrite {
    ProgrammeWrite {
        institution_id: p.institution_id,
        starts_at: sahayak_domain::time::display_ist(from_millis(p.starts_at)),
        venue: p.venue.clone().unwrap_or_default(),
        audience: p.audience.clone(),
        classes: p.classes.clone().unwrap_or_default(),
        language: p.language.clone(),
        speakers: p.speakers.clone().unwrap_or_default(),
        topics: p.topics.clone(),
        materials: p.materials.clone().unwrap_or_default(),
        status: p.status.clone(),
        attendance: p.attendance.map(|a| a.to_string()).unwrap_or_default(),
        use_quiz: !p.quiz.is_empty(),
    }
}

pub async fn programme_new(
    State(state): State<AppState>,
    staff: Staff,
    Query(q): Query<ListQuery>,
) -> Result<Response, AppError> {
    super::require_writer(&staff.user)?;
    let input = ProgrammeWrite {
        institution_id: blank(&q.institution).and_then(|i| i.parse().ok()).unwrap_or(0),
        language: "hi".into(),
        status: "planned".into(),
        use_quiz: true,
        ..Default::default()
    };
    render_programme_form(&state, &staff, None, input, FieldErrors::default()).await
}

pub async fn programme_create(
    State(state): State<AppState>,
    staff: Staff,
    form: FormData,
) -> Result<Response, AppError> {
    staff.check_csrf(form.csrf())?;
    let input = programme_input(&form);
    match service::create_programme(&state, &staff.user, &input).await {
        Ok(id) => Ok(Redirect::to(&format!("/awareness/programmes/{id}")).into_response()),
        Err(AppError::Invalid(errors)) => render_programme_form(&state, &staff, None, input, errors).await,
        Err(e) => Err(e),
    }
}

pub async fn programme_update(
    State(state): State<AppState>,
    staff: Staff,
    Path(id): Path<i64>,
    form: FormData,
) -> Result<Response, AppError> {
    staff.check_csrf(form.csrf())?;
    let handle = open_programme(&state, &staff.user, id).await?;
    let input = programme_input(&form);
    match service::update_programme(&state, &staff.user, &handle, &input).await {
        Ok(()) => Ok(Redirect::to(&format!("/awareness/programmes/{id}")).into_response()),
        Err(AppError::Invalid(errors)) => render_programme_form(&state, &staff, Some(id), input, errors).await,
        Err(e) => Err(e),
    }
}

pub async fn attendance_form(
    State(state): State<AppState>,
    staff: Staff,
    Path(id): Path<i64>,
    form: FormData,
) -> Result<Response, AppError> {
    staff.check_csrf(form.csrf())?;
    let handle = open_programme(&state, &staff.user, id).await?;
    let w = AttendanceWrite { status: form.get("status").into(), attendance: form.get("attendance").into() };
    match service::record_attendance(&state, &staff.user, &handle, &w).await {
        Ok(()) => Ok(Redirect::to(&format!("/awareness/programmes/{id}")).into_response()),
        Err(AppError::Invalid(errors)) => render_programme(&state, &staff, &handle, errors).await,
        Err(e) => Err(e),
    }
}

#[derive(Template)]
#[template(path = "awareness/programme.html")]
struct ProgrammePage {
    page: Page,
    p: ProgrammeRow,
    date: String,
    facts: Vec<(String, String)>,
    topics: Vec<String>,
    link: String,
    qr: String,
    /// With a quiz: the link and QR code for the start of the programme.
    before_link: String,
    before_qr: String,
    feedback: FeedbackView,
    can_write: bool,
    /// The outcomes the attendance form offers.
    outcomes: Vec<Opt>,
    errors: FieldErrors,
}

pub struct FeedbackView {
    pub responses: i64,
    pub rating: String,
    pub quiz: bool,
    pub before: String,
    pub after: String,
    pub changes: Vec<String>,
}

pub(super) fn percent(share: Option<f64>) -> String {
    share.map(|s| format!("{:.0}%", s * 100.0)).unwrap_or_else(|| "–".into())
}

pub(super) fn feedback_view(page: &Page, p: &Programme, s: &FeedbackSummary) -> FeedbackView {
    FeedbackView {
        responses: s.responses,
        rating: s.average_rating.map(|r| format!("{r:.1} / 5 ({})", s.ratings)).unwrap_or_else(|| "–".into()),
        quiz: !p.quiz.is_empty(),
        before: page.t1(
            "awareness-quiz-average",
            "share",
            format!("{} ({})", percent(s.before_average), s.before_count),
        ),
        after: page.t1("awareness-quiz-average", "share", format!("{} ({})", percent(s.after_average), s.after_count)),
        changes: s.changes.clone(),
    }
}

pub(super) async fn render_programme(
    state: &AppState,
    staff: &Staff,
    handle: &super::ProgrammeHandle,
    errors: FieldErrors,
) -> Result<Response, AppError> {
    let page = staff.page(state);
    let p = handle.get();
    let library = super::library(state, Some(p.district_id)).await?;
    let summary = state.store.feedback_summary(p.id).await?;
    // The configured public address, never the request's Host header (forgeable, and wrong
    // behind a proxy).
    let link = state.config.link(&super::feedback_path(p));
    let before_link = format!("{link}?stage=before");
    let facts: Vec<(String, String)> = [
        (page.t("awareness-venue"), p.venue.clone().unwrap_or_default()),
        (page.t("awareness-language"), language_label(&page, &p.language)),
        (page.t("awareness-speakers"), p.speakers.clone().unwrap_or_default()),
        (page.t("awareness-materials"), p.materials.clone().unwrap_or_default()),
    ]
    .into_iter()
    .filter(|(_, v)| !v.is_empty())
    .collect();
    let status = if errors.is_empty() { StatusCode::OK } else { StatusCode::UNPROCESSABLE_ENTITY };
    let body = ProgrammePage {
        p: row(&page, p),
        date: when(Some(p.starts_at)),
        facts,
        topics: p
            .topics
            .iter()
            .map(|id| {
                library
                    .iter()
                    .find(|t| &t.id == id)
                    .map(|t| t.title(page.lang).to_owned())
                    .unwrap_or_else(|| id.clone())
            })
            .collect(),
        qr: crate::auth::totp::qr_svg(&link).unwrap_or_default(),
        before_qr: if p.quiz.is_empty() {
            String::new()
        } else {
            crate::auth::totp::qr_svg(&before_link).unwrap_or_default()
        },
        before_link,
        link,
        feedback: feedback_view(&page, p, &summary),
        can_write: may_write(&staff.user),
        outcomes: options(&page, &["held", "planned", "cancelled"], status_label, &p.status),
        errors,
        page,
    };
    Ok((status, Html(body.render()?)).into_response())
}

/// A programme's page: what, where, for whom; the feedback link and its QR code; the feedback
/// so far; certificates; and (for writers) the form to change it.
pub async fn programme_page(
    State(state): State<AppState>,
    staff: Staff,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    let handle = open_programme(&state, &staff.user, id).await?;
    if staff.path.contains("edit=1") && may_write(&staff.user) {
        return render_programme_form(
            &state,
            &staff,
            Some(id),
            programme_as_input(handle.get()),
            FieldErrors::default(),
        )
        .await;
    }
    render_programme(&state, &staff, &handle, FieldErrors::default()).await
}
