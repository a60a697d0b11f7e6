//! The district's legal-aid contacts: the list with its add form, and each contact's edit page.

use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};

use super::super::service::{self, CONTACT_KINDS, ContactWrite};
use super::{Fields, FormView, ListPage, RowView, Values, checked, invalid, opt, status_label, typed};
use crate::cases::views::Opt;
use crate::store::{District, LegalAidContact};
use crate::web::error::FieldErrors;
use crate::web::form::FormData;
use crate::web::page::Page;
use crate::web::session::Staff;
use crate::web::{AppError, AppState};

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
    let d = super::super::administered(&state, &staff.user, &code).await?;
    contact_list(&state, &staff, &d, FieldErrors::default(), &|_| String::new()).await
}

pub async fn add_contact(
    State(state): State<AppState>,
    staff: Staff,
    Path(code): Path<String>,
    form: FormData,
) -> Result<Response, AppError> {
    staff.check_csrf(form.csrf())?;
    let d = super::super::administered(&state, &staff.user, &code).await?;
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
    let d = super::super::administered(&state, &staff.user, &code).await?;
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
    let d = super::super::administered(&state, &staff.user, &code).await?;
    let c = service::contact_of(&state, &d, id).await?;
    let r = service::edit_contact(&state, &staff.user, &d, id, &contact_write(&form, true)).await;
    match invalid(r)? {
        None => Ok(Redirect::to(&format!("/admin/districts/{code}/legal-aid")).into_response()),
        Some(e) => contact_edit_page(&state, &staff, &d, &c, e, &typed(&form)).await,
    }
}
