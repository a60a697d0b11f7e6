//! The admin pages of a district's directory: stations, legal-aid contacts, prevention tips.
//! Each list has its add form below it; each row its edit page. A form with mistakes comes
//! back with what was typed and the errors in the user's language; nothing is saved.

use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use sahayak_domain::case::{Lang, ScamPattern};

use super::service::{self, CONTACT_KINDS, ContactWrite, StationWrite, TipWrite};
use crate::cases::views::Opt;
use crate::store::directory_seed::AUDIENCES;
use crate::store::{District, LegalAidContact, LibraryTip, Station};
use crate::web::error::FieldErrors;
use crate::web::form::FormData;
use crate::web::page::Page;
use crate::web::session::Staff;
use crate::web::{AppError, AppState};

pub struct FieldView {
    pub name: &'static str,
    pub label: String,
    pub value: String,
    /// text, tel, email, textarea, select, checkbox, checkboxes
    pub kind: &'static str,
    pub rows: u32,
    pub hint: String,
    /// The language of what is typed here (`hi` for Hindi names), or empty.
    pub lang: &'static str,
    pub error: Option<String>,
    pub options: Vec<Opt>,
}

pub struct FormView {
    pub action: String,
    pub submit: String,
    pub fields: Vec<FieldView>,
}

pub struct ButtonView {
    pub action: String,
    pub name: &'static str,
    pub value: &'static str,
    pub label: String,
}

pub struct RowView {
    pub cells: Vec<String>,
    pub href: String,
    pub muted: bool,
    pub button: Option<ButtonView>,
}

#[derive(Template)]
#[template(path = "directory/list.html")]
pub struct ListPage {
    pub page: Page,
    pub title: String,
    pub intro: String,
    pub district_href: String,
    pub district_name: String,
    pub links: Vec<(String, String)>,
    pub headers: Vec<String>,
    pub rows: Vec<RowView>,
    pub form: Option<FormView>,
    pub form_title: String,
    pub errors: FieldErrors,
}

impl ListPage {
    pub fn new(page: Page, title: String) -> ListPage {
        ListPage {
            page,
            title,
            intro: String::new(),
            district_href: String::new(),
            district_name: String::new(),
            links: Vec::new(),
            headers: Vec::new(),
            rows: Vec::new(),
            form: None,
            form_title: String::new(),
            errors: FieldErrors::default(),
        }
    }

    pub fn in_district(mut self, d: &District) -> ListPage {
        self.district_href = format!("/admin/districts/{}", d.code);
        self.district_name = d.name(self.page.lang).to_owned();
        self
    }

    pub fn respond(self) -> Result<Response, AppError> {
        let status = if self.errors.is_empty() { StatusCode::OK } else { StatusCode::UNPROCESSABLE_ENTITY };
        Ok((status, Html(self.render()?)).into_response())
    }
}

/// What a form shows: what was typed (after a mistake) or what is saved.
pub type Values<'a> = &'a (dyn Fn(&str) -> String + Sync);

/// Builds the fields of a form, with each field's error in the page's language.
pub struct Fields<'a> {
    pub page: &'a Page,
    pub errors: &'a FieldErrors,
    pub values: Values<'a>,
    pub out: Vec<FieldView>,
}

impl<'a> Fields<'a> {
    pub fn new(page: &'a Page, errors: &'a FieldErrors, values: Values<'a>) -> Fields<'a> {
        Fields { page, errors, values, out: Vec::new() }
    }

    pub fn add(&mut self, name: &'static str, label: &str, kind: &'static str) -> &mut FieldView {
        self.out.push(FieldView {
            name,
            label: self.page.t(label),
            value: (self.values)(name),
            kind,
            rows: 3,
            hint: String::new(),
            lang: "",
            error: self.errors.get(name).map(|k| self.page.t(k)),
            options: Vec::new(),
        });
        self.out.last_mut().expect("just pushed")
    }

    pub fn form(self, action: String, submit: &str) -> FormView {
        FormView { action, submit: self.page.t(submit), fields: self.out }
    }
}

pub fn checked(b: bool) -> String {
    if b { "on".into() } else { String::new() }
}

fn opt(o: &Option<String>) -> String {
    o.clone().unwrap_or_default()
}

/// The typed values of a form, for showing it again.
fn typed(form: &FormData) -> impl Fn(&str) -> String + '_ {
    move |name: &str| match name {
        "patterns" | "audience" => form.all(name).join(","),
        _ => form.get(name).to_owned(),
    }
}

fn invalid(r: Result<(), AppError>) -> Result<Option<FieldErrors>, AppError> {
    match r {
        Ok(()) => Ok(None),
        Err(AppError::Invalid(e)) => Ok(Some(e)),
        Err(e) => Err(e),
    }
}

// ------------------------------------------------------------------ stations

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

fn status_label(page: &Page, active: bool, extra: Option<&str>) -> String {
    let mut s = page.t(if active { "dir-active-short" } else { "dir-inactive-short" });
    if let Some(k) = extra {
        s.push_str(" · ");
        s.push_str(&page.t(k));
    }
    s
}

pub async fn stations(
    State(state): State<AppState>,
    staff: Staff,
    Path(code): Path<String>,
) -> Result<Response, AppError> {
    let d = super::administered(&state, &staff.user, &code).await?;
    station_list(&state, &staff, &d, FieldErrors::default(), &|_| String::new()).await
}

pub async fn add_station(
    State(state): State<AppState>,
    staff: Staff,
    Path(code): Path<String>,
    form: FormData,
) -> Result<Response, AppError> {
    staff.check_csrf(form.csrf())?;
    let d = super::administered(&state, &staff.user, &code).await?;
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
    let d = super::administered(&state, &staff.user, &code).await?;
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
    let d = super::administered(&state, &staff.user, &code).await?;
    let s = service::station_of(&state, &d, id).await?;
    let r = service::edit_station(&state, &staff.user, &d, id, &station_write(&form, true)).await;
    match invalid(r)? {
        None => Ok(Redirect::to(&format!("/admin/districts/{code}/stations")).into_response()),
        Some(e) => station_edit_page(&state, &staff, &d, &s, e, &typed(&form)).await,
    }
}

// ------------------------------------------------------------------ legal aid

fn contact_write(form: &FormData, editing: bool) -> ContactWrite {
    ContactWrite {
        name: form.get("name").into(),
        kind: form.get("kind").into(),
        phone: form.get("phone").into(),
        email: form.get("email").into(),
        address: form.get("address").into(),
        languages: form.get("languages").into(),
        practice_areas: form.get("practice_areas").into(),
        active: !editing || form.get("active") == "on",
    }
}

fn contact_values(c: &LegalAidContact) -> impl Fn(&str) -> String + '_ {
    move |name: &str| match name {
        "name" => c.name.clone(),
        "kind" => c.kind.clone(),
        "phone" => opt(&c.phone),
        "email" => opt(&c.email),
        "address" => opt(&c.address),
        "languages" => opt(&c.languages),
        "practice_areas" => opt(&c.practice_areas),
        "active" => checked(c.active),
        _ => String::new(),
    }
}

pub fn kind_label(page: &Page, kind: &str) -> String {
    page.t(&format!("dir-kind-{kind}"))
}

fn contact_form(page: &Page, errors: &FieldErrors, values: Values<'_>, action: String, editing: bool) -> FormView {
    let mut f = Fields::new(page, errors, values);
    f.add("name", "dir-name", "text");
    let kind = (f.values)("kind");
    f.add("kind", "dir-kind", "select").options = CONTACT_KINDS
        .iter()
        .map(|k| Opt { value: (*k).into(), label: kind_label(page, k), selected: kind == *k })
        .collect();
    f.add("phone", "dir-phone", "tel");
    f.add("email", "dir-email", "email");
    f.add("address", "dir-address", "textarea").rows = 2;
    f.add("languages", "dir-languages", "text");
    f.add("practice_areas", "dir-practice-areas", "text");
    if editing {
        f.add("active", "dir-active", "checkbox").hint = page.t("dir-active-hint");
    }
    f.form(action, if editing { "dir-save" } else { "dir-add" })
}

async fn contact_list(
    state: &AppState,
    staff: &Staff,
    d: &District,
    errors: FieldErrors,
    values: Values<'_>,
) -> Result<Response, AppError> {
    let page = staff.page(state);
    let contacts = state.store.legal_aid_contacts(d.id, true).await?;
    let mut p = ListPage::new(page.clone(), page.t1("dir-legal-aid-of", "district", d.name(page.lang).to_owned()));
    p.intro = page.t("dir-legal-aid-intro");
    p.headers =
        ["dir-name", "dir-kind", "dir-phone", "dir-languages", "dir-status"].iter().map(|k| page.t(k)).collect();
    p.rows = contacts
        .iter()
        .map(|c| RowView {
            cells: vec![
                c.name.clone(),
                kind_label(&page, &c.kind),
                opt(&c.phone),
                opt(&c.languages),
                status_label(&page, c.active, None),
            ],
            href: format!("/admin/districts/{}/legal-aid/{}", d.code, c.id),
            muted: !c.active,
            button: None,
        })
        .collect();
    p.form = Some(contact_form(&page, &errors, values, format!("/admin/districts/{}/legal-aid", d.code), false));
    p.form_title = page.t("dir-legal-aid-add");
    p.errors = errors;
    p.in_district(d).respond()
}

pub async fn contacts(
    State(state): State<AppState>,
    staff: Staff,
    Path(code): Path<String>,
) -> Result<Response, AppError> {
    let d = super::administered(&state, &staff.user, &code).await?;
    contact_list(&state, &staff, &d, FieldErrors::default(), &|_| String::new()).await
}

pub async fn add_contact(
    State(state): State<AppState>,
    staff: Staff,
    Path(code): Path<String>,
    form: FormData,
) -> Result<Response, AppError> {
    staff.check_csrf(form.csrf())?;
    let d = super::administered(&state, &staff.user, &code).await?;
    let r = service::add_contact(&state, &staff.user, &d, &contact_write(&form, false)).await.map(|_| ());
    match invalid(r)? {
        None => Ok(Redirect::to(&format!("/admin/districts/{code}/legal-aid")).into_response()),
        Some(e) => contact_list(&state, &staff, &d, e, &typed(&form)).await,
    }
}

async fn contact_edit_page(
    state: &AppState,
    staff: &Staff,
    d: &District,
    c: &LegalAidContact,
    errors: FieldErrors,
    values: Values<'_>,
) -> Result<Response, AppError> {
    let page = staff.page(state);
    let mut p = ListPage::new(page.clone(), c.name.clone());
    p.links = vec![(format!("/admin/districts/{}/legal-aid", d.code), page.t("dir-back-legal-aid"))];
    p.form =
        Some(contact_form(&page, &errors, values, format!("/admin/districts/{}/legal-aid/{}", d.code, c.id), true));
    p.form_title = page.t("dir-legal-aid-edit");
    p.errors = errors;
    p.in_district(d).respond()
}

pub async fn contact(
    State(state): State<AppState>,
    staff: Staff,
    Path((code, id)): Path<(String, i64)>,
) -> Result<Response, AppError> {
    let d = super::administered(&state, &staff.user, &code).await?;
    let c = service::contact_of(&state, &d, id).await?;
    contact_edit_page(&state, &staff, &d, &c, FieldErrors::default(), &contact_values(&c)).await
}

pub async fn edit_contact(
    State(state): State<AppState>,
    staff: Staff,
    Path((code, id)): Path<(String, i64)>,
    form: FormData,
) -> Result<Response, AppError> {
    staff.check_csrf(form.csrf())?;
    let d = super::administered(&state, &staff.user, &code).await?;
    let c = service::contact_of(&state, &d, id).await?;
    let r = service::edit_contact(&state, &staff.user, &d, id, &contact_write(&form, true)).await;
    match invalid(r)? {
        None => Ok(Redirect::to(&format!("/admin/districts/{code}/legal-aid")).into_response()),
        Some(e) => contact_edit_page(&state, &staff, &d, &c, e, &typed(&form)).await,
    }
}

// ------------------------------------------------------------------ tips

fn tip_write(form: &FormData, editing: bool) -> TipWrite {
    TipWrite {
        patterns: form.all("patterns").into_iter().map(str::to_owned).collect(),
        audience: form.all("audience").into_iter().map(str::to_owned).collect(),
        title_en: form.get("title_en").into(),
        title_hi: form.get("title_hi").into(),
        text_en: form.get("text_en").into(),
        text_hi: form.get("text_hi").into(),
        source: form.get("source").into(),
        shared: !editing && form.get("shared") == "on",
        active: !editing || form.get("active") == "on",
    }
}

fn tip_values(t: &LibraryTip) -> impl Fn(&str) -> String + '_ {
    move |name: &str| match name {
        "patterns" => t.patterns.join(","),
        "audience" => t.audience.join(","),
        "title_en" => t.title_en.clone(),
        "title_hi" => t.title_hi.clone(),
        "text_en" => t.text_en.clone(),
        "text_hi" => t.text_hi.clone(),
        "source" => t.source.clone(),
        "active" => checked(t.active),
        _ => String::new(),
    }
}

pub fn audience_label(page: &Page, code: &str) -> String {
    page.t(&format!("dir-audience-{}", code.replace('_', "-")))
}

fn tip_form(
    page: &Page,
    errors: &FieldErrors,
    values: Values<'_>,
    action: String,
    editing: bool,
    may_share: bool,
) -> FormView {
    let mut f = Fields::new(page, errors, values);
    f.add("title_en", "dir-tip-title-en", "text");
    f.add("title_hi", "dir-tip-title-hi", "text").lang = "hi";
    f.add("text_en", "dir-tip-text-en", "textarea").rows = 4;
    let hi = f.add("text_hi", "dir-tip-text-hi", "textarea");
    hi.rows = 4;
    hi.lang = "hi";
    let chosen: Vec<String> = (f.values)("patterns").split(',').map(str::to_owned).collect();
    f.add("patterns", "dir-tip-patterns", "checkboxes").options = ScamPattern::ALL
        .iter()
        .map(|p| Opt {
            value: p.code().into(),
            label: page.t(&p.label_key()),
            selected: chosen.iter().any(|c| c == p.code()),
        })
        .collect();
    let chosen: Vec<String> = (f.values)("audience").split(',').map(str::to_owned).collect();
    f.add("audience", "dir-tip-audience", "checkboxes").options = AUDIENCES
        .iter()
        .map(|a| Opt { value: (*a).into(), label: audience_label(page, a), selected: chosen.iter().any(|c| c == a) })
        .collect();
    f.add("source", "dir-tip-source", "text");
    if editing {
        f.add("active", "dir-active", "checkbox").hint = page.t("dir-active-hint");
    } else if may_share {
        f.add("shared", "dir-tip-shared", "checkbox");
    }
    f.form(action, if editing { "dir-save" } else { "dir-add" })
}

async fn tip_list(
    state: &AppState,
    staff: &Staff,
    d: &District,
    errors: FieldErrors,
    values: Values<'_>,
) -> Result<Response, AppError> {
    let page = staff.page(state);
    let tips = state.store.library_tips(Some(d.id)).await?;
    let mut p = ListPage::new(page.clone(), page.t1("dir-tips-of", "district", d.name(page.lang).to_owned()));
    p.intro = page.t("dir-tips-intro");
    p.headers =
        ["dir-tip-title", "dir-tip-scope", "dir-tip-patterns", "dir-status"].iter().map(|k| page.t(k)).collect();
    p.rows = tips
        .iter()
        .map(|t| {
            let shared = t.district_id.is_none();
            let status = if t.hidden { page.t("dir-hidden-short") } else { status_label(&page, t.active, None) };
            RowView {
                cells: vec![
                    t.title(page.lang).to_owned(),
                    page.t(if shared { "dir-tip-shared-short" } else { "dir-tip-own-short" }),
                    t.patterns
                        .iter()
                        .filter_map(|c| c.parse::<ScamPattern>().ok())
                        .map(|p| page.t(&p.label_key()))
                        .collect::<Vec<_>>()
                        .join(", "),
                    status,
                ],
                href: if service::edits_tip(&staff.user, t) {
                    format!("/admin/districts/{}/tips/{}", d.code, t.id)
                } else {
                    String::new()
                },
                muted: !t.shown(),
                button: shared.then(|| ButtonView {
                    action: format!("/admin/districts/{}/tips/{}/hide", d.code, t.id),
                    name: "hidden",
                    value: if t.hidden { "0" } else { "1" },
                    label: page.t(if t.hidden { "dir-tip-show" } else { "dir-tip-hide" }),
                }),
            }
        })
        .collect();
    let may_share = super::require_state_admin(&staff.user).is_ok();
    p.form = Some(tip_form(&page, &errors, values, format!("/admin/districts/{}/tips", d.code), false, may_share));
    p.form_title = page.t("dir-tip-add");
    p.errors = errors;
    p.in_district(d).respond()
}

pub async fn tips(State(state): State<AppState>, staff: Staff, Path(code): Path<String>) -> Result<Response, AppError> {
    let d = super::administered(&state, &staff.user, &code).await?;
    tip_list(&state, &staff, &d, FieldErrors::default(), &|_| String::new()).await
}

pub async fn add_tip(
    State(state): State<AppState>,
    staff: Staff,
    Path(code): Path<String>,
    form: FormData,
) -> Result<Response, AppError> {
    staff.check_csrf(form.csrf())?;
    let d = super::administered(&state, &staff.user, &code).await?;
    let r = service::add_tip(&state, &staff.user, &d, &tip_write(&form, false)).await.map(|_| ());
    match invalid(r)? {
        None => Ok(Redirect::to(&format!("/admin/districts/{code}/tips")).into_response()),
        Some(e) => tip_list(&state, &staff, &d, e, &typed(&form)).await,
    }
}

async fn tip_edit_page(
    state: &AppState,
    staff: &Staff,
    d: &District,
    t: &LibraryTip,
    errors: FieldErrors,
    values: Values<'_>,
) -> Result<Response, AppError> {
    let page = staff.page(state);
    let mut p = ListPage::new(page.clone(), t.title(page.lang).to_owned());
    p.intro = page.t(if t.district_id.is_none() { "dir-tip-shared-note" } else { "dir-tip-own-note" });
    p.links = vec![(format!("/admin/districts/{}/tips", d.code), page.t("dir-back-tips"))];
    p.form = Some(tip_form(&page, &errors, values, format!("/admin/districts/{}/tips/{}", d.code, t.id), true, false));
    p.form_title = page.t("dir-tip-edit");
    p.errors = errors;
    p.in_district(d).respond()
}

/// The tip, for a user who may edit it.
async fn editable_tip(state: &AppState, staff: &Staff, d: &District, id: i64) -> Result<LibraryTip, AppError> {
    let t = service::tip_of(state, d, id).await?;
    if service::edits_tip(&staff.user, &t) { Ok(t) } else { Err(AppError::Forbidden) }
}

pub async fn tip(
    State(state): State<AppState>,
    staff: Staff,
    Path((code, id)): Path<(String, i64)>,
) -> Result<Response, AppError> {
    let d = super::administered(&state, &staff.user, &code).await?;
    let t = editable_tip(&state, &staff, &d, id).await?;
    tip_edit_page(&state, &staff, &d, &t, FieldErrors::default(), &tip_values(&t)).await
}

pub async fn edit_tip(
    State(state): State<AppState>,
    staff: Staff,
    Path((code, id)): Path<(String, i64)>,
    form: FormData,
) -> Result<Response, AppError> {
    staff.check_csrf(form.csrf())?;
    let d = super::administered(&state, &staff.user, &code).await?;
    let t = editable_tip(&state, &staff, &d, id).await?;
    let r = service::edit_tip(&state, &staff.user, &d, id, &tip_write(&form, true)).await;
    match invalid(r)? {
        None => Ok(Redirect::to(&format!("/admin/districts/{code}/tips")).into_response()),
        Some(e) => tip_edit_page(&state, &staff, &d, &t, e, &typed(&form)).await,
    }
}

pub async fn hide_tip(
    State(state): State<AppState>,
    staff: Staff,
    Path((code, id)): Path<(String, i64)>,
    form: FormData,
) -> Result<Response, AppError> {
    staff.check_csrf(form.csrf())?;
    let d = super::administered(&state, &staff.user, &code).await?;
    service::hide_tip(&state, &staff.user, &d, id, form.get("hidden") != "0").await?;
    Ok(Redirect::to(&format!("/admin/districts/{code}/tips")).into_response())
}

/// The label of a language, for the pages that list them.
pub fn lang_name(page: &Page, lang: Lang) -> String {
    page.t(&lang.label_key())
}
