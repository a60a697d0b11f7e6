//! The identifier pages: confirming on a case, looking one up, the watch-list, fraud rings.

use std::collections::HashMap;

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderValue, header};
use axum::response::{Html, IntoResponse, Redirect, Response};
use sahayak_domain::identifiers::IdKind;
use serde::Deserialize;

use super::panel::{flag_label, kind_label, lookup_href, spread_text};
use super::service::{self, RingView};
use crate::cases::access;
use crate::cases::views::{self, Opt};
use crate::store::Identifier;
use crate::web::AppState;
use crate::web::error::{AppError, FieldErrors};
use crate::web::form::FormData;
use crate::web::page::Page;
use crate::web::session::Staff;

fn back_to(reference: &str) -> Response {
    Redirect::to(&format!("/cases/{reference}#identifiers")).into_response()
}

/// Confirms the ticked proposals, or one identifier typed by hand.
pub async fn confirm(
    State(state): State<AppState>,
    staff: Staff,
    Path(reference): Path<String>,
    form: FormData,
) -> Result<Response, AppError> {
    staff.check_csrf(form.csrf())?;
    let handle = access::open_by_reference(&state, &staff.user, &reference).await?;
    let picked: Vec<(String, String)> = if form.all("pick").is_empty() && !form.get("value").trim().is_empty() {
        vec![(form.get("kind").to_owned(), form.get("value").to_owned())]
    } else {
        form.all("pick").iter().filter_map(|p| p.split_once('|')).map(|(k, v)| (k.to_owned(), v.to_owned())).collect()
    };
    match service::confirm(&state, &staff.user, &handle, &picked).await {
        Ok(_) => Ok(back_to(&handle.case().reference)),
        Err(AppError::Invalid(errors)) => {
            crate::cases::show::render(&state, &staff, &handle, errors, String::new()).await
        }
        Err(e) => Err(e),
    }
}

pub async fn remove(
    State(state): State<AppState>,
    staff: Staff,
    Path((reference, identifier_id)): Path<(String, i64)>,
    form: FormData,
) -> Result<Response, AppError> {
    staff.check_csrf(form.csrf())?;
    let handle = access::open_by_reference(&state, &staff.user, &reference).await?;
    service::unlink(&state, &staff.user, &handle, identifier_id).await?;
    Ok(back_to(&handle.case().reference))
}

#[derive(Deserialize, Default)]
pub struct LookupQuery {
    #[serde(default)]
    kind: String,
    #[serde(default)]
    value: String,
}

pub struct FlaggedView {
    pub kind_label: String,
    pub value: String,
    pub flag: String,
    pub note: String,
    pub href: String,
}

#[derive(Template)]
#[template(path = "identifiers/lookup.html")]
struct LookupPage {
    page: Page,
    q: LookupQuery,
    kinds: Vec<Opt>,
    errors: FieldErrors,
    searched: bool,
    found: Option<FoundView>,
    can_flag: bool,
    flagged: Vec<FlaggedView>,
}

struct FoundView {
    kind: String,
    kind_label: String,
    value: String,
    flag: Option<String>,
    flag_note: String,
    spread: String,
    cases: Vec<views::CaseRow>,
}

fn flagged_views(page: &Page, flagged: &[Identifier]) -> Vec<FlaggedView> {
    flagged
        .iter()
        .map(|i| FlaggedView {
            kind_label: kind_label(page, i.kind),
            value: i.value.clone(),
            flag: flag_label(page, i.flag).unwrap_or_default(),
            note: i.flag_note.clone().unwrap_or_default(),
            href: lookup_href(i.kind, &i.value),
        })
        .collect()
}

/// Looks an identifier up (written any way), and lists the watch-list and genuine numbers.
pub async fn lookup(
    State(state): State<AppState>,
    staff: Staff,
    Query(q): Query<LookupQuery>,
) -> Result<Response, AppError> {
    let page = staff.page(&state);
    let districts = state.districts().await?;
    let searched = !q.value.trim().is_empty();
    let mut errors = FieldErrors::default();
    let mut found = None;
    if searched {
        match service::lookup(&state, &staff.user, &q.kind, &q.value).await {
            Ok(Some(s)) => {
                let i = &s.identifier;
                found = Some(FoundView {
                    kind: i.kind.as_str().to_owned(),
                    kind_label: kind_label(&page, i.kind),
                    value: i.value.clone(),
                    flag: flag_label(&page, i.flag),
                    flag_note: i.flag_note.clone().unwrap_or_default(),
                    spread: spread_text(&page, &districts, &s, false),
                    cases: s.cases.iter().map(|c| views::case_row(&page, &districts, c)).collect(),
                });
            }
            Ok(None) => {}
            Err(AppError::Invalid(e)) => errors = e,
            Err(e) => return Err(e),
        }
    }
    let flagged = flagged_views(&page, &state.store.flagged_identifiers().await?);
    let kinds = IdKind::ALL
        .iter()
        .map(|k| Opt { value: k.as_str().to_owned(), label: kind_label(&page, *k), selected: k.as_str() == q.kind })
        .collect();
    let body =
        LookupPage { can_flag: staff.user.role.flags_identifiers(), q, kinds, errors, searched, found, flagged, page };
    Ok(Html(body.render()?).into_response())
}

/// Puts an identifier on the watch-list, marks it genuine, or clears its flag.
pub async fn flag(State(state): State<AppState>, staff: Staff, form: FormData) -> Result<Response, AppError> {
    staff.check_csrf(form.csrf())?;
    let ident =
        service::set_flag(&state, &staff.user, form.get("kind"), form.get("value"), form.get("flag"), form.get("note"))
            .await?;
    Ok(Redirect::to(&lookup_href(ident.kind, &ident.value)).into_response())
}

/// A ring ready to print.
pub struct RingCard {
    pub id: i64,
    pub summary: String,
    pub money: String,
    /// Reported, held, restored.
    pub totals: (String, String, String),
    pub places: String,
    pub identifiers: Vec<(String, String, String)>,
    pub cases: Vec<views::CaseRow>,
}

fn ring_card(page: &Page, districts: &[crate::store::District], r: &RingView) -> RingCard {
    let places = r
        .by_district
        .iter()
        .map(|(d, n)| {
            let name = districts.iter().find(|x| x.id == *d).map(|x| x.name(page.lang).to_owned()).unwrap_or_default();
            format!("{name} {n}")
        })
        .collect::<Vec<_>>()
        .join(", ");
    RingCard {
        id: r.id,
        summary: page.t1("ring-cases", "count", r.total_cases as i64),
        money: views::money(Some(r.money_paise)),
        totals: crate::trail::totals_text(&r.totals),
        places,
        identifiers: r
            .identifiers
            .iter()
            .map(|i| (kind_label(page, i.kind), i.value.clone(), lookup_href(i.kind, &i.value)))
            .collect(),
        cases: r.cases.iter().map(|c| views::case_row(page, districts, c)).collect(),
    }
}

#[derive(Template)]
#[template(path = "identifiers/rings.html")]
struct RingsPage {
    page: Page,
    rings: Vec<RingCard>,
}

const RINGS_PER_PAGE: usize = 50;

pub async fn rings(State(state): State<AppState>, staff: Staff) -> Result<Response, AppError> {
    let page = staff.page(&state);
    let districts = state.districts().await?;
    let found = service::rings(&state, &staff.user, RINGS_PER_PAGE).await?;
    let body = RingsPage { rings: found.iter().map(|r| ring_card(&page, &districts, r)).collect(), page };
    Ok(Html(body.render()?).into_response())
}

#[derive(Template)]
#[template(path = "identifiers/ring.html")]
struct RingPage {
    page: Page,
    ring: RingCard,
}

pub async fn ring(State(state): State<AppState>, staff: Staff, Path(id): Path<i64>) -> Result<Response, AppError> {
    let page = staff.page(&state);
    let districts = state.districts().await?;
    let ring = service::ring(&state, &staff.user, id).await?.ok_or(AppError::NotFound)?;
    let body = RingPage { ring: ring_card(&page, &districts, &ring), page };
    Ok(Html(body.render()?).into_response())
}

/// The ring as data a police liaison can send on: one row per case the user may see.
pub async fn export_csv(
    State(state): State<AppState>,
    staff: Staff,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    let page = staff.page(&state);
    let districts = state.districts().await?;
    let ring = service::ring(&state, &staff.user, id).await?.ok_or(AppError::NotFound)?;
    let ties = ties_by_case(&state, &ring).await?;
    let mut w = crate::web::csv_export::Writer::new();
    let header: Vec<String> = [
        "ring-col-ring",
        "field-reference",
        "field-district",
        "field-status",
        "field-category",
        "field-scam-pattern",
        "field-amount-lost",
        "case-registered",
        "ring-col-identifiers",
    ]
    .iter()
    .map(|k| page.t(k))
    .collect();
    w.row(&header)?;
    for c in &ring.cases {
        let district = districts.iter().find(|d| d.id == c.district_id).map(|d| d.name(page.lang)).unwrap_or_default();
        let row = [
            ring.id.to_string(),
            c.reference.clone(),
            district.to_owned(),
            page.t(&c.status.label_key()),
            views::classification_label(&page, &c.category, c.sub_category.as_deref()),
            page.t(&c.scam_pattern.label_key()),
            c.amount_lost_paise.map(|p| format!("{:.2}", p as f64 / 100.0)).unwrap_or_default(),
            views::when(Some(c.created_at)),
            ties.get(&c.id).cloned().unwrap_or_default().join("; "),
        ];
        w.row(&row)?;
    }
    let body = w.finish()?;
    tracing::info!(user_id = staff.user.id, ring = ring.id, "ring exported");
    Ok(download(body, "text/csv; charset=utf-8", &format!("ring-{}.csv", ring.id)))
}

pub async fn export_json(
    State(state): State<AppState>,
    staff: Staff,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    let districts = state.districts().await?;
    let ring = service::ring(&state, &staff.user, id).await?.ok_or(AppError::NotFound)?;
    let json = super::api::ring_json(&ring, &districts);
    let body = serde_json::to_vec_pretty(&json).map_err(|e| AppError::Internal(e.into()))?;
    tracing::info!(user_id = staff.user.id, ring = ring.id, "ring exported");
    Ok(download(body, "application/json", &format!("ring-{}.json", ring.id)))
}

/// `kind:value` of the ring's shared identifiers on each of its visible cases.
async fn ties_by_case(state: &AppState, ring: &RingView) -> Result<HashMap<i64, Vec<String>>, AppError> {
    let ids: Vec<i64> = ring.cases.iter().map(|c| c.id).collect();
    let named: HashMap<i64, String> =
        ring.identifiers.iter().map(|i| (i.id, format!("{}:{}", i.kind.as_str(), i.value))).collect();
    let mut out: HashMap<i64, Vec<String>> = HashMap::new();
    for (case_id, identifier_id) in state.store.case_identifier_ids(&ids).await? {
        if let Some(n) = named.get(&identifier_id) {
            out.entry(case_id).or_default().push(n.clone());
        }
    }
    Ok(out)
}

fn download(body: Vec<u8>, content_type: &'static str, name: &str) -> Response {
    let mut r = body.into_response();
    r.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    if let Ok(v) = HeaderValue::from_str(&format!("attachment; filename=\"{name}\"")) {
        r.headers_mut().insert(header::CONTENT_DISPOSITION, v);
    }
    r
}
