//! The district's police stations: the list with its add form, and each station's edit page.

use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};

use super::super::service::{self, StationWrite};
use super::{Fields, FormView, ListPage, RowView, Values, checked, invalid, opt, status_label, typed};
use crate::store::{District, Station};
use crate::web::error::FieldErrors;
use crate::web::form::FormData;
use crate::web::page::Page;
use crate::web::session::Staff;
use crate::web::{AppError, AppState};

fn station_write(form: &FormData, editing: bool) -> StationWrite {
    StationWrite {
        name_en: form.get("name_en").into(),
        name_hi: form.get("name_hi").into(),
        areas: form.get("areas").into(),
        phone: form.get("phone").into(),
        email: form.get("email").into(),
        address: form.get("address").into(),
        officer_title: form.get("officer_title").into(),
        is_default: form.get("is_default") == "on",
        active: !editing || form.get("active") == "on",
    }
}

fn station_values(s: &Station) -> impl Fn(&str) -> String + '_ {
    move |name: &str| match name {
        "name_en" => s.name_en.clone(),
        "name_hi" => s.name_hi.clone(),
        "areas" => s.areas.join("\n"),
        "phone" => opt(&s.phone),
        "email" => opt(&s.email),
        "address" => opt(&s.address),
        "officer_title" => opt(&s.officer_title),
        "is_default" => checked(s.is_default),
        "active" => checked(s.active),
        _ => String::new(),
    }
}

fn station_form(page: &Page, errors: &FieldErrors, values: Values<'_>, action: String, editing: bool) -> FormView {
    let mut f = Fields::new(page, errors, values);
    f.add("name_en", "dir-name-en", "text");
    f.add("name_hi", "dir-name-hi", "text").lang = "hi";
    let areas = f.add("areas", "dir-station-areas", "textarea");
    areas.hint = page.t("dir-station-areas-hint");
    f.add("officer_title", "dir-station-officer", "text").hint = page.t("dir-station-officer-hint");
    f.add("phone", "dir-phone", "tel");
    f.add("email", "dir-email", "email");
    f.add("address", "dir-address", "textarea").rows = 2;
    f.add("is_default", "dir-station-default", "checkbox");
    if editing {
        f.add("active", "dir-active", "checkbox").hint = page.t("dir-active-hint");
    }
    f.form(action, if editing { "dir-save" } else { "dir-add" })
}

async fn station_list(
    state: &AppState,
    staff: &Staff,
    d: &District,
    errors: FieldErrors,
    values: Values<'_>,
) -> Result<Response, AppError> {
    let page = staff.page(state);
    let stations = state.store.stations(d.id, true).await?;
    let mut p = ListPage::new(page.clone(), page.t1("dir-stations-of", "district", d.name(page.lang).to_owned()));
    p.intro = page.t("dir-stations-intro");
    p.headers = ["dir-name", "dir-station-areas", "dir-phone", "dir-status"].iter().map(|k| page.t(k)).collect();
    p.rows = stations
        .iter()
        .map(|s| RowView {
            cells: vec![
                s.name(page.lang).to_owned(),
                s.areas.join(", "),
                opt(&s.phone),
                status_label(&page, s.active, s.is_default.then_some("dir-station-default-short")),
            ],
            href: format!("/admin/districts/{}/stations/{}", d.code, s.id),
            muted: !s.active,
            button: None,
        })
        .collect();
    p.form = Some(station_form(&page, &errors, values, format!("/admin/districts/{}/stations", d.code), false));
    p.form_title = page.t("dir-station-add");
    p.errors = errors;
    p.in_district(d).respond()
}

pub async fn stations(
    State(state): State<AppState>,
    staff: Staff,
    Path(code): Path<String>,
) -> Result<Response, AppError> {
    let d = super::super::administered(&state, &staff.user, &code).await?;
    station_list(&state, &staff, &d, FieldErrors::default(), &|_| String::new()).await
}

pub async fn add_station(
    State(state): State<AppState>,
    staff: Staff,
    Path(code): Path<String>,
    form: FormData,
) -> Result<Response, AppError> {
    staff.check_csrf(form.csrf())?;
    let d = super::super::administered(&state, &staff.user, &code).await?;
    let r = service::add_station(&state, &staff.user, &d, &station_write(&form, false)).await.map(|_| ());
    match invalid(r)? {
        None => Ok(Redirect::to(&format!("/admin/districts/{code}/stations")).into_response()),
        Some(e) => station_list(&state, &staff, &d, e, &typed(&form)).await,
    }
}

async fn station_edit_page(
    state: &AppState,
    staff: &Staff,
    d: &District,
    s: &Station,
    errors: FieldErrors,
    values: Values<'_>,
) -> Result<Response, AppError> {
    let page = staff.page(state);
    let mut p = ListPage::new(page.clone(), s.name(page.lang).to_owned());
    p.links = vec![(format!("/admin/districts/{}/stations", d.code), page.t("dir-back-stations"))];
    p.form = Some(station_form(&page, &errors, values, format!("/admin/districts/{}/stations/{}", d.code, s.id), true));
    p.form_title = page.t("dir-station-edit");
    p.errors = errors;
    p.in_district(d).respond()
}

pub async fn station(
    State(state): State<AppState>,
    staff: Staff,
    Path((code, id)): Path<(String, i64)>,
) -> Result<Response, AppError> {
    let d = super::super::administered(&state, &staff.user, &code).await?;
    let s = service::station_of(&state, &d, id).await?;
    station_edit_page(&state, &staff, &d, &s, FieldErrors::default(), &station_values(&s)).await
}

pub async fn edit_station(
    State(state): State<AppState>,
    staff: Staff,
    Path((code, id)): Path<(String, i64)>,
    form: FormData,
) -> Result<Response, AppError> {
    staff.check_csrf(form.csrf())?;
    let d = super::super::administered(&state, &staff.user, &code).await?;
    let s = service::station_of(&state, &d, id).await?;
    let r = service::edit_station(&state, &staff.user, &d, id, &station_write(&form, true)).await;
    match invalid(r)? {
        None => Ok(Redirect::to(&format!("/admin/districts/{code}/stations")).into_response()),
        Some(e) => station_edit_page(&state, &staff, &d, &s, e, &typed(&form)).await,
    }
}
