//! The admin pages of a district's directory: stations, legal-aid contacts, prevention tips.
//! Each list has its add form below it; each row its edit page. A form with mistakes comes
//! back with what was typed and the errors in the user's language; nothing is saved.

mod contacts;
mod stations;
mod tips;

pub use contacts::{add_contact, contact, contacts, edit_contact, kind_label};
pub use stations::{add_station, edit_station, station, stations};
pub use tips::{add_tip, audience_label, edit_tip, hide_tip, tip, tips};

use askama::Template;
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use sahayak_domain::case::Lang;

use crate::cases::views::Opt;
use crate::store::District;
use crate::web::AppError;
use crate::web::error::FieldErrors;
use crate::web::form::FormData;
use crate::web::page::Page;

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

pub(super) fn opt(o: &Option<String>) -> String {
    o.clone().unwrap_or_default()
}

/// The typed values of a form, for showing it again.
pub(super) fn typed(form: &FormData) -> impl Fn(&str) -> String + '_ {
    move |name: &str| match name {
        "patterns" | "audience" => form.all(name).join(","),
        _ => form.get(name).to_owned(),
    }
}

pub(super) fn invalid(r: Result<(), AppError>) -> Result<Option<FieldErrors>, AppError> {
    match r {
        Ok(()) => Ok(None),
        Err(AppError::Invalid(e)) => Ok(Some(e)),
        Err(e) => Err(e),
    }
}

pub(super) fn status_label(page: &Page, active: bool, extra: Option<&str>) -> String {
    let mut s = page.t(if active { "dir-active-short" } else { "dir-inactive-short" });
    if let Some(k) = extra {
        s.push_str(" · ");
        s.push_str(&page.t(k));
    }
    s
}

/// The label of a language, for the pages that list them.
pub fn lang_name(page: &Page, lang: Lang) -> String {
    page.t(&lang.label_key())
}
