//! The staff pages: `/admin/staff` (the people of the admin's districts, and the form that
//! adds one), a person's page (role, districts, active; a sign-in link; two-step reset), and the
//! page that shows a new sign-in link once.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use sahayak_domain::access::Role;
use sahayak_domain::case::Lang;
use serde::Deserialize;

use super::service::{self, IssuedLink, Managed, StaffWrite};
use crate::cases::views::{Opt, when};
use crate::directory::pages::{Fields, FormView, Values, checked};
use crate::store::{District, StaffMember, User};
use crate::web::error::FieldErrors;
use crate::web::form::FormData;
use crate::web::page::Page;
use crate::web::session::Staff;
use crate::web::{AppError, AppState};

pub struct PersonRow {
    pub id: i64,
    pub name: String,
    pub username: String,
    pub role: String,
    pub districts: String,
    pub last_sign_in: String,
    pub two_step: String,
    pub status: String,
    pub active: bool,
}

#[derive(Template)]
#[template(path = "staff/list.html")]
struct ListPage {
    page: Page,
    intro: String,
    rows: Vec<PersonRow>,
    form: FormView,
    errors: FieldErrors,
}

#[derive(Template)]
#[template(path = "staff/person.html")]
struct PersonPage {
    page: Page,
    id: i64,
    name: String,
    facts: Vec<(String, String)>,
    form: FormView,
    two_step: bool,
    notice: Option<String>,
    errors: FieldErrors,
}

#[derive(Template)]
#[template(path = "staff/link.html")]
struct LinkPage {
    page: Page,
    id: i64,
    name: String,
    intro: String,
    url: String,
    expires: String,
}

pub fn role_label(page: &Page, role: Role) -> String {
    page.t(&format!("role-{}", role.code().replace('_', "-")))
}

fn district_names(page: &Page, ids: &[i64], all: &[District], role: Role) -> String {
    if role.sees_all_districts() {
        return page.t("staff-all-districts");
    }
    ids.iter()
        .filter_map(|id| all.iter().find(|d| d.id == *id))
        .map(|d| d.name(page.lang))
        .collect::<Vec<_>>()
        .join(", ")
}

fn yes_no(page: &Page, on: bool) -> String {
    page.t(if on { "staff-on" } else { "staff-off" })
}

/// The roles the caller may give, and the districts they may give, as form choices.
fn role_and_district_fields(f: &mut Fields<'_>, page: &Page, caller: &User, all: &[District]) {
    let role = (f.values)("role");
    f.add("role", "staff-role", "select").options = Role::ALL
        .iter()
        .filter(|r| caller.role.may_grant(**r))
        .map(|r| Opt { value: r.code().into(), label: role_label(page, *r), selected: role == r.code() })
        .collect();
    let chosen = (f.values)("districts");
    let chosen: Vec<&str> = chosen.split(',').collect();
    let field = f.add("districts", "staff-districts", "checkboxes");
    field.options = all
        .iter()
        .filter(|d| caller.role.sees_all_districts() || caller.districts.contains(&d.id))
        .map(|d| Opt {
            value: d.code.clone(),
            label: d.name(page.lang).to_owned(),
            selected: chosen.contains(&d.code.as_str()),
        })
        .collect();
    field.hint = page.t("staff-districts-hint");
}

fn typed(form: &FormData) -> impl Fn(&str) -> String + '_ {
    move |name: &str| match name {
        "districts" => form.all(name).join(","),
        _ => form.get(name).to_owned(),
    }
}

async fn list_page(
    state: &AppState,
    staff: &Staff,
    errors: FieldErrors,
    values: Values<'_>,
) -> Result<Response, AppError> {
    let page = staff.page(state);
    let people = service::list(state, &staff.user).await?;
    let all = state.districts().await?;
    let rows = people
        .iter()
        .map(|m| PersonRow {
            id: m.user.id,
            name: m.user.display_name.clone(),
            username: m.user.username.clone(),
            role: role_label(&page, m.user.role),
            districts: district_names(&page, &m.user.districts, &all, m.user.role),
            last_sign_in: m.last_sign_in_at.map(|t| when(Some(t))).unwrap_or_else(|| page.t("staff-never")),
            two_step: yes_no(&page, m.two_step),
            status: page.t(if m.active { "dir-active-short" } else { "dir-inactive-short" }),
            active: m.active,
        })
        .collect();
    let mut f = Fields::new(&page, &errors, values);
    f.add("display_name", "staff-name", "text");
    f.add("username", "staff-username", "text").hint = page.t("staff-username-hint");
    role_and_district_fields(&mut f, &page, &staff.user, &all);
    let lang = (f.values)("lang");
    f.add("lang", "staff-lang", "select").options = [Lang::Hi, Lang::En]
        .iter()
        .map(|l| Opt {
            value: l.code().into(),
            label: page.t(&format!("lang-{}", l.code())),
            selected: lang == l.code(),
        })
        .collect();
    let form = f.form("/admin/staff".into(), "staff-add-submit");
    let intro = if staff.user.role.sees_all_districts() { "staff-intro-state" } else { "staff-intro" };
    let status = if errors.is_empty() { StatusCode::OK } else { StatusCode::UNPROCESSABLE_ENTITY };
    let body = ListPage { intro: page.t(intro), page, rows, form, errors };
    Ok((status, Html(body.render()?)).into_response())
}

pub async fn index(State(state): State<AppState>, staff: Staff) -> Result<Response, AppError> {
    list_page(&state, &staff, FieldErrors::default(), &|name| if name == "lang" { "hi".into() } else { String::new() })
        .await
}

fn link_page(
    state: &AppState,
    staff: &Staff,
    m: &StaffMember,
    link: &IssuedLink,
    added: bool,
) -> Result<Response, AppError> {
    let page = staff.page(state);
    let intro =
        page.t1(if added { "staff-link-added" } else { "staff-link-reset" }, "name", m.user.display_name.clone());
    let expires = page.t1("staff-link-expires", "when", when(Some(link.expires_ms)));
    let body =
        LinkPage { page, id: m.user.id, name: m.user.display_name.clone(), intro, url: link.url.clone(), expires };
    Ok(Html(body.render()?).into_response())
}

pub async fn add(State(state): State<AppState>, staff: Staff, form: FormData) -> Result<Response, AppError> {
    staff.check_csrf(form.csrf())?;
    let w = StaffWrite {
        username: form.get("username").into(),
        display_name: form.get("display_name").into(),
        role: form.get("role").into(),
        districts: form.all("districts").iter().map(|d| d.to_string()).collect(),
        lang: Some(form.get("lang").into()),
    };
    match service::add(&state, &staff.user, &w).await {
        Ok((id, link)) => {
            let m = state.store.staff_member(id).await?.ok_or(AppError::NotFound)?;
            link_page(&state, &staff, &m, &link, true)
        }
        Err(AppError::Invalid(e)) => list_page(&state, &staff, e, &typed(&form)).await,
        Err(e) => Err(e),
    }
}

#[derive(Deserialize)]
pub struct Done {
    #[serde(default)]
    done: String,
}

async fn person_page(
    state: &AppState,
    staff: &Staff,
    m: &StaffMember,
    notice: Option<String>,
    errors: FieldErrors,
    values: Values<'_>,
) -> Result<Response, AppError> {
    let page = staff.page(state);
    let all = state.districts().await?;
    let facts = vec![
        (page.t("staff-username"), m.user.username.clone()),
        (page.t("staff-role"), role_label(&page, m.user.role)),
        (page.t("staff-districts"), district_names(&page, &m.user.districts, &all, m.user.role)),
        (
            page.t("staff-last-sign-in"),
            m.last_sign_in_at.map(|t| when(Some(t))).unwrap_or_else(|| page.t("staff-never")),
        ),
        (page.t("staff-two-step"), yes_no(&page, m.two_step)),
        (page.t("dir-status"), page.t(if m.active { "dir-active-short" } else { "dir-inactive-short" })),
    ];
    let mut f = Fields::new(&page, &errors, values);
    role_and_district_fields(&mut f, &page, &staff.user, &all);
    f.add("active", "staff-active", "checkbox").hint = page.t("staff-active-hint");
    let form = f.form(format!("/admin/staff/{}", m.user.id), "dir-save");
    let status = if errors.is_empty() { StatusCode::OK } else { StatusCode::UNPROCESSABLE_ENTITY };
    let body = PersonPage {
        page,
        id: m.user.id,
        name: m.user.display_name.clone(),
        facts,
        form,
        two_step: m.two_step,
        notice,
        errors,
    };
    Ok((status, Html(body.render()?)).into_response())
}

/// What the change form shows for a saved person.
fn saved(m: &StaffMember, all: &[District]) -> impl Fn(&str) -> String + use<> {
    let role = m.user.role.code().to_owned();
    let districts: Vec<String> =
        m.user.districts.iter().filter_map(|id| all.iter().find(|d| d.id == *id)).map(|d| d.code.clone()).collect();
    let active = checked(m.active);
    move |name: &str| match name {
        "role" => role.clone(),
        "districts" => districts.join(","),
        "active" => active.clone(),
        _ => String::new(),
    }
}

pub async fn person(
    State(state): State<AppState>,
    staff: Staff,
    Path(id): Path<i64>,
    Query(q): Query<Done>,
) -> Result<Response, AppError> {
    let m = service::visible(&state, &staff.user, id).await?;
    let page = staff.page(&state);
    let notice = match q.done.as_str() {
        "saved" => Some(page.t("staff-saved")),
        "two-step" => Some(page.t("staff-two-step-done")),
        _ => None,
    };
    let all = state.districts().await?;
    person_page(&state, &staff, &m, notice, FieldErrors::default(), &saved(&m, &all)).await
}

async fn managed_for_form(state: &AppState, staff: &Staff, id: i64, form: &FormData) -> Result<Managed, AppError> {
    staff.check_csrf(form.csrf())?;
    service::managed(state, &staff.user, id).await
}

pub async fn change(
    State(state): State<AppState>,
    staff: Staff,
    Path(id): Path<i64>,
    form: FormData,
) -> Result<Response, AppError> {
    let m = managed_for_form(&state, &staff, id, &form).await?;
    let districts: Vec<String> = form.all("districts").iter().map(|d| d.to_string()).collect();
    let active = form.get("active") == "on";
    match service::change(&state, &staff.user, &m, Some(form.get("role")), Some(&districts), Some(active)).await {
        Ok(()) => Ok(Redirect::to(&format!("/admin/staff/{id}?done=saved")).into_response()),
        Err(AppError::Invalid(e)) => person_page(&state, &staff, m.get(), None, e, &typed(&form)).await,
        Err(e) => Err(e),
    }
}

pub async fn reset_link(
    State(state): State<AppState>,
    staff: Staff,
    Path(id): Path<i64>,
    form: FormData,
) -> Result<Response, AppError> {
    let m = managed_for_form(&state, &staff, id, &form).await?;
    match service::reset_link(&state, &staff.user, &m).await {
        Ok(link) => link_page(&state, &staff, m.get(), &link, false),
        Err(AppError::Invalid(e)) => {
            let all = state.districts().await?;
            person_page(&state, &staff, m.get(), None, e, &saved(m.get(), &all)).await
        }
        Err(e) => Err(e),
    }
}

pub async fn reset_two_step(
    State(state): State<AppState>,
    staff: Staff,
    Path(id): Path<i64>,
    form: FormData,
) -> Result<Response, AppError> {
    let m = managed_for_form(&state, &staff, id, &form).await?;
    service::reset_two_step(&state, &staff.user, &m).await?;
    Ok(Redirect::to(&format!("/admin/staff/{id}?done=two-step")).into_response())
}
