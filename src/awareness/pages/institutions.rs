//! The institutions: who is due a visit (never visited first, then the longest since a held
//! programme), and the form that adds or corrects one.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use sahayak_domain::time::{display_ist_date, from_millis};

use super::super::service::{self, InstitutionWrite};
use super::super::{KINDS, may_write, open_institution};
use super::{ListQuery, blank, district_choice, href, kind_label, options};

use crate::cases::views::Opt;
use crate::store::Institution;
use crate::web::AppState;
use crate::web::error::{AppError, FieldErrors};
use crate::web::form::FormData;
use crate::web::page::Page;
use crate::web::session::Staff;

pub struct InstitutionRow {
    pub id: i64,
    pub name: String,
    pub kind: String,
    pub district: String,
    pub address: String,
    pub contact: String,
    pub last_visited: String,
    pub never: bool,
}

#[derive(Template)]
#[template(path = "awareness/institutions.html")]
struct InstitutionsPage {
    page: Page,
    districts: Vec<Opt>,
    rows: Vec<InstitutionRow>,
    can_write: bool,
}

/// The district's institutions, never visited first, then the longest since a held programme.
pub async fn institutions(
    State(state): State<AppState>,
    staff: Staff,
    Query(q): Query<ListQuery>,
) -> Result<Response, AppError> {
    let page = staff.page(&state);
    let (district, scope) =
        crate::dashboards::figures::resolve_district(&state, &staff.user, blank(&q.district)).await?;
    let list = state.store.institutions(&scope).await?;
    let all = state.districts().await?;
    let rows = list
        .iter()
        .map(|i| InstitutionRow {
            id: i.id,
            name: i.name.clone(),
            kind: kind_label(&page, &i.kind),
            district: all
                .iter()
                .find(|d| d.id == i.district_id)
                .map(|d| d.name(page.lang).to_owned())
                .unwrap_or_default(),
            address: i.address.clone().unwrap_or_default(),
            contact: i.contact_person.clone().unwrap_or_default(),
            last_visited: i
                .last_visited
                .map(|t| display_ist_date(from_millis(t)))
                .unwrap_or_else(|| page.t("awareness-never")),
            never: i.last_visited.is_none(),
        })
        .collect();
    let code = district.map(|d| d.code).unwrap_or_default();
    let body = InstitutionsPage {
        districts: district_choice(&state, &staff, &page, &code).await?,
        rows,
        can_write: may_write(&staff.user),
        page,
    };
    Ok(Html(body.render()?).into_response())
}

#[derive(Template)]
#[template(path = "awareness/institution_form.html")]
struct InstitutionForm {
    page: Page,
    /// `None` for a new institution.
    id: Option<i64>,
    districts: Vec<Opt>,
    kinds: Vec<Opt>,
    input: InstitutionWrite,
    errors: FieldErrors,
    can_write: bool,
}

async fn render_institution_form(
    state: &AppState,
    staff: &Staff,
    id: Option<i64>,
    input: InstitutionWrite,
    errors: FieldErrors,
) -> Result<Response, AppError> {
    let page = staff.page(state);
    let status = if errors.is_empty() { StatusCode::OK } else { StatusCode::UNPROCESSABLE_ENTITY };
    let body = InstitutionForm {
        districts: district_choice(state, staff, &page, &input.district).await?,
        kinds: options(&page, &KINDS, kind_label, &input.kind),
        can_write: may_write(&staff.user),
        id,
        input,
        errors,
        page,
    };
    Ok((status, Html(body.render()?)).into_response())
}

fn institution_input(form: &FormData) -> InstitutionWrite {
    InstitutionWrite {
        district: form.get("district").into(),
        name: form.get("name").into(),
        kind: form.get("kind").into(),
        address: form.get("address").into(),
        contact_person: form.get("contact_person").into(),
        phone: form.get("phone").into(),
        email: form.get("email").into(),
    }
}

fn institution_as_input(i: &Institution, district: String) -> InstitutionWrite {
    InstitutionWrite {
        district,
        name: i.name.clone(),
        kind: i.kind.clone(),
        address: i.address.clone().unwrap_or_default(),
        contact_person: i.contact_person.clone().unwrap_or_default(),
        phone: i.phone.clone().unwrap_or_default(),
        email: i.email.clone().unwrap_or_default(),
    }
}

pub async fn institution_new(State(state): State<AppState>, staff: Staff) -> Result<Response, AppError> {
    super::super::require_writer(&staff.user)?;
    let district = state
        .districts()
        .await?
        .iter()
        .find(|d| crate::cases::access::sees_district(&staff.user, d.id))
        .map(|d| d.code.clone())
        .unwrap_or_default();
    let input = InstitutionWrite { district, kind: "school".into(), ..Default::default() };
    render_institution_form(&state, &staff, None, input, FieldErrors::default()).await
}

pub async fn institution_create(
    State(state): State<AppState>,
    staff: Staff,
    form: FormData,
) -> Result<Response, AppError> {
    staff.check_csrf(form.csrf())?;
    let input = institution_input(&form);
    match service::create_institution(&state, &staff.user, &input).await {
        Ok(_) => {
            Ok(Redirect::to(&href("/awareness/institutions", &[("district", input.district.trim())])).into_response())
        }
        Err(AppError::Invalid(errors)) => render_institution_form(&state, &staff, None, input, errors).await,
        Err(e) => Err(e),
    }
}

pub async fn institution_edit(
    State(state): State<AppState>,
    staff: Staff,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    let handle = open_institution(&state, &staff.user, id).await?;
    let i = handle.get();
    let code = district_code(&state, i.district_id).await?;
    render_institution_form(&state, &staff, Some(id), institution_as_input(i, code), FieldErrors::default()).await
}

async fn district_code(state: &AppState, id: i64) -> Result<String, AppError> {
    Ok(state.districts().await?.iter().find(|d| d.id == id).map(|d| d.code.clone()).unwrap_or_default())
}

pub async fn institution_update(
    State(state): State<AppState>,
    staff: Staff,
    Path(id): Path<i64>,
    form: FormData,
) -> Result<Response, AppError> {
    staff.check_csrf(form.csrf())?;
    let handle = open_institution(&state, &staff.user, id).await?;
    let mut input = institution_input(&form);
    input.district = district_code(&state, handle.get().district_id).await?;
    match service::update_institution(&state, &staff.user, &handle, &input).await {
        Ok(()) => {
            Ok(Redirect::to(&href("/awareness/institutions", &[("district", input.district.as_str())])).into_response())
        }
        Err(AppError::Invalid(errors)) => render_institution_form(&state, &staff, Some(id), input, errors).await,
        Err(e) => Err(e),
    }
}
