//! The prevention library as a district edits it: its own tips, and the shared tips it hides.

use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use sahayak_domain::case::ScamPattern;

use super::super::service::{self, TipWrite};
use super::{ButtonView, Fields, FormView, ListPage, RowView, Values, checked, invalid, status_label, typed};
use crate::cases::views::Opt;
use crate::store::directory_seed::AUDIENCES;
use crate::store::{District, LibraryTip};
use crate::web::error::FieldErrors;
use crate::web::form::FormData;
use crate::web::page::Page;
use crate::web::session::Staff;
use crate::web::{AppError, AppState};

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
    let may_share = super::super::require_state_admin(&staff.user).is_ok();
    p.form = Some(tip_form(&page, &errors, values, format!("/admin/districts/{}/tips", d.code), false, may_share));
    p.form_title = page.t("dir-tip-add");
    p.errors = errors;
    p.in_district(d).respond()
}

pub async fn tips(State(state): State<AppState>, staff: Staff, Path(code): Path<String>) -> Result<Response, AppError> {
    let d = super::super::administered(&state, &staff.user, &code).await?;
    tip_list(&state, &staff, &d, FieldErrors::default(), &|_| String::new()).await
}

pub async fn add_tip(
    State(state): State<AppState>,
    staff: Staff,
    Path(code): Path<String>,
    form: FormData,
) -> Result<Response, AppError> {
    staff.check_csrf(form.csrf())?;
    let d = super::super::administered(&state, &staff.user, &code).await?;
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
    let d = super::super::administered(&state, &staff.user, &code).await?;
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
    let d = super::super::administered(&state, &staff.user, &code).await?;
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
    let d = super::super::administered(&state, &staff.user, &code).await?;
    service::hide_tip(&state, &staff.user, &d, id, form.get("hidden") != "0").await?;
    Ok(Redirect::to(&format!("/admin/districts/{code}/tips")).into_response())
}
