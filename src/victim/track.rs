//! The victim's own pages: open the case with reference and code, then see it and add to it.

use askama::Template;
use axum::extract::{FromRequestParts, State};
use axum::http::header::SET_COOKIE;
use axum::http::request::Parts;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{AppendHeaders, Html, IntoResponse, Redirect, Response};
use sahayak_domain::case::Lang;

use crate::cases::access::{self, CaseHandle};
use crate::evidence::receive::{Upload, check_announced_size, receive};
use crate::store::VictimSession;
use crate::triage::plans::{VictimPlan, victim_plan};
use crate::web::error::{AppError, FieldErrors};
use crate::web::form::{FormData, clean_text};
use crate::web::i18n::negotiate;
use crate::web::page::Page;
use crate::web::session::{LANG_COOKIE, Viewer, new_token, same_secret, set_cookie, token_hash};
use crate::web::{AppState, cookie, query_param};

pub const VICTIM_COOKIE: &str = "sahayak_victim";
const TRACK_CSRF_COOKIE: &str = "sahayak_track_csrf";
/// A victim's visit lasts half an hour; they open it again with their code.
const VISIT_MINUTES: i64 = 30;
const MAX_MESSAGE: usize = 4_000;
const MAX_CALLBACK: usize = 300;

/// A victim with an open visit to their case.
pub struct VictimVisit {
    pub session: VictimSession,
    token_hash: String,
    query_lang: Option<String>,
    cookie_lang: Option<String>,
    accept: Option<String>,
    path: String,
}

impl VictimVisit {
    /// The page in the victim's language unless they chose another.
    pub fn page(&self, state: &AppState, victim_lang: Lang) -> Page {
        let lang = negotiate(
            self.query_lang.as_deref(),
            self.cookie_lang.as_deref(),
            Some(victim_lang),
            self.accept.as_deref(),
        );
        Page {
            lang,
            user: None,
            csrf: self.session.csrf.clone(),
            path: self.path.clone(),
            centre: state.config.centre(lang).to_owned(),
            now: Some(state.now()),
        }
    }

    fn check_csrf(&self, submitted: &str) -> Result<(), AppError> {
        if same_secret(&self.session.csrf, submitted) { Ok(()) } else { Err(AppError::Csrf) }
    }
}

impl FromRequestParts<AppState> for VictimVisit {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Response> {
        let to_form = || Redirect::to("/track").into_response();
        let Some(token) = cookie(&parts.headers, VICTIM_COOKIE) else { return Err(to_form()) };
        let hash = token_hash(token);
        let session = state
            .store
            .victim_session(&hash, state.now_millis())
            .await
            .map_err(|e| AppError::from(e).into_response())?;
        let Some(session) = session else { return Err(to_form()) };
        Ok(VictimVisit {
            session,
            token_hash: hash,
            query_lang: query_param(parts.uri.query(), "lang"),
            cookie_lang: cookie(&parts.headers, LANG_COOKIE).map(str::to_owned),
            accept: parts.headers.get(header::ACCEPT_LANGUAGE).and_then(|v| v.to_str().ok()).map(str::to_owned),
            path: parts.uri.path_and_query().map(|p| p.as_str().to_owned()).unwrap_or_default(),
        })
    }
}

#[derive(Template)]
#[template(path = "victim/track.html")]
struct TrackForm {
    page: Page,
    reference: String,
    error: Option<String>,
}

fn track_form(
    state: &AppState,
    mut page: Page,
    reference: &str,
    error: Option<(StatusCode, String)>,
) -> Result<Response, AppError> {
    page.csrf = new_token();
    let cookie = set_cookie(state, TRACK_CSRF_COOKIE, &page.csrf, 3600);
    let status = error.as_ref().map_or(StatusCode::OK, |e| e.0);
    let body = TrackForm { page, reference: reference.to_owned(), error: error.map(|e| e.1) };
    Ok((status, AppendHeaders([(SET_COOKIE, cookie)]), Html(body.render()?)).into_response())
}

pub async fn form(State(state): State<AppState>, viewer: Viewer) -> Result<Response, AppError> {
    let page = viewer.page(&state);
    track_form(&state, page, "", None)
}

/// The throttle for codes: per case and per address, with the sign-in limits. It keys on the
/// case itself, not on the reference as typed: `JDH-2026-13`, `jdh 2026 000013` and
/// `JDH-2026-000000013` all name one case and share its count. A reference that names no case
/// counts under the address alone.
async fn throttle<'a>(state: &'a AppState, reference: &str) -> Result<crate::auth::Throttle<'a>, AppError> {
    let case = match reference.trim().parse::<sahayak_domain::case::CaseRef>() {
        Ok(r) => match state.store.case_by_reference(&r.to_string()).await {
            Ok(case) => Some(format!("case:{}", case.id)),
            Err(crate::store::StoreError::NotFound) => None,
            Err(e) => return Err(e.into()),
        },
        Err(_) => None,
    };
    let address = crate::auth::address_key(state, "track-address");
    Ok(crate::auth::Throttle::keyed(state, case, address))
}

/// Checks reference and code (the attempt counted first); the case on success.
pub(super) async fn check_code(state: &AppState, reference: &str, code: &str) -> Result<CaseHandle, AppError> {
    let throttle = throttle(state, reference).await?;
    throttle.attempt().await?;
    match access::open_with_code(state, reference, code).await {
        Ok(handle) => {
            throttle.passed().await?;
            Ok(handle)
        }
        Err(AppError::NotFound) => {
            tracing::info!("case code refused");
            Err(AppError::NotFound)
        }
        Err(e) => Err(e),
    }
}

pub async fn open(
    State(state): State<AppState>,
    viewer: Viewer,
    headers: HeaderMap,
    form: FormData,
) -> Result<Response, AppError> {
    let expected = cookie(&headers, TRACK_CSRF_COOKIE).unwrap_or_default();
    if expected.is_empty() || !same_secret(expected, form.csrf()) {
        return Err(AppError::Csrf);
    }
    let page = viewer.page(&state);
    let reference = form.get("reference").trim();
    match check_code(&state, reference, form.get("code")).await {
        Ok(handle) => {
            let token = new_token();
            let now = state.now_millis();
            let csrf = new_token();
            let expires = now + VISIT_MINUTES * 60_000;
            state.store.create_victim_session(&token_hash(&token), handle.id(), &csrf, now, expires).await?;
            let cookie = set_cookie(&state, VICTIM_COOKIE, &token, VISIT_MINUTES * 60);
            Ok((StatusCode::SEE_OTHER, AppendHeaders([(SET_COOKIE, cookie), (header::LOCATION, "/track/case".into())]))
                .into_response())
        }
        Err(AppError::Throttled(seconds)) => {
            let minutes = ((seconds + 59) / 60).max(1);
            let message = page.t1("track-throttled", "minutes", minutes);
            track_form(&state, page, reference, Some((StatusCode::TOO_MANY_REQUESTS, message)))
        }
        Err(AppError::NotFound) => {
            let message = page.t("track-failed");
            track_form(&state, page, reference, Some((StatusCode::UNAUTHORIZED, message)))
        }
        Err(e) => Err(e),
    }
}

/// One message the victim sent, as they see it.
pub struct SentView {
    pub kind: String,
    pub body: String,
    pub at: String,
    pub seen: bool,
}

#[derive(Template)]
#[template(path = "victim/case.html")]
struct CasePage {
    page: Page,
    reference: String,
    status: String,
    status_help: String,
    registered: String,
    plan: VictimPlan,
    sent: Vec<SentView>,
    errors: FieldErrors,
    notice: Option<String>,
    limits: String,
    helpline: String,
    /// Prevention tips for the case's scam, once the case is closed.
    tips: Vec<(String, String)>,
}

async fn render(
    state: &AppState,
    visit: &VictimVisit,
    handle: &CaseHandle,
    errors: FieldErrors,
    notice: Option<String>,
) -> Result<Response, AppError> {
    let c = handle.case();
    let page = visit.page(state, c.fields.victim_lang);
    let status_key = format!("status-{}", c.status.code().replace('_', "-"));
    let plan = victim_plan(state, c, &page).await?;
    let sent = state
        .store
        .victim_requests(c.id)
        .await?
        .into_iter()
        .map(|r| SentView {
            kind: page.t(if r.kind == "callback" { "track-sent-callback" } else { "track-sent-info" }),
            body: r.body,
            at: crate::cases::views::when(Some(r.created_at)),
            seen: r.handled_at.is_some(),
        })
        .collect();
    let room = crate::evidence::service::room(state, handle).await?;
    let limits = page.t1(
        "track-upload-limits",
        "size",
        crate::evidence::views::size(room.min(state.evidence.max_file_bytes) as i64),
    );
    let status = if errors.is_empty() { StatusCode::OK } else { StatusCode::UNPROCESSABLE_ENTITY };
    let tips = if c.status == sahayak_domain::case::Status::Closed {
        crate::prevention::shown_for(&state.store, Some(c.district_id), c.fields.scam_pattern.code(), page.lang, 4)
            .await?
            .into_iter()
            .map(|t| (t.title, t.text))
            .collect()
    } else {
        Vec::new()
    };
    let body = CasePage {
        reference: c.reference.clone(),
        status: page.t(&status_key),
        status_help: page.t(&format!("track-{status_key}")),
        registered: crate::cases::views::when(Some(c.created_at)),
        plan,
        sent,
        errors,
        notice,
        limits,
        helpline: state.config.centre_phone.clone(),
        tips,
        page,
    };
    Ok((status, Html(body.render()?)).into_response())
}

pub async fn case_page(State(state): State<AppState>, visit: VictimVisit) -> Result<Response, AppError> {
    let handle = access::open_for_victim(&state, &visit.session).await?;
    render(&state, &visit, &handle, FieldErrors::default(), None).await
}

/// Records a message from the victim, and tells them it arrived.
async fn send(
    state: &AppState,
    visit: &VictimVisit,
    form: &FormData,
    kind: &str,
    field: &'static str,
    max: usize,
    required: bool,
) -> Result<Response, AppError> {
    visit.check_csrf(form.csrf())?;
    let handle = access::open_for_victim(state, &visit.session).await?;
    let text = clean_text(form.get(field));
    let mut errors = FieldErrors::default();
    if required && text.is_empty() {
        errors.add(field, "error-required");
    }
    if text.chars().count() > max {
        errors.add(field, "error-too-long");
    }
    if !errors.is_empty() {
        return render(state, visit, &handle, errors, None).await;
    }
    state.store.add_victim_request(handle.id(), kind, &text, state.now_millis()).await?;
    let subject = crate::privacy::audit::case_subject(handle.id());
    crate::privacy::audit::record(state, None, &format!("case.victim_{kind}"), &subject, "").await;
    let page = visit.page(state, handle.case().fields.victim_lang);
    let notice = page.t(if kind == "callback" { "track-callback-sent" } else { "track-info-sent" });
    render(state, visit, &handle, FieldErrors::default(), Some(notice)).await
}

pub async fn add_info(State(state): State<AppState>, visit: VictimVisit, form: FormData) -> Result<Response, AppError> {
    send(&state, &visit, &form, "info", "message", MAX_MESSAGE, true).await
}

pub async fn callback(State(state): State<AppState>, visit: VictimVisit, form: FormData) -> Result<Response, AppError> {
    send(&state, &visit, &form, "callback", "when", MAX_CALLBACK, false).await
}

pub async fn upload(
    State(state): State<AppState>,
    visit: VictimVisit,
    headers: HeaderMap,
    body: Upload,
) -> Result<Response, AppError> {
    let handle = access::open_for_victim(&state, &visit.session).await?;
    let room = crate::evidence::service::room(&state, &handle).await?;
    check_announced_size(&headers, room)?;
    let received = receive(body, &state.evidence, room, Some(&visit.session.csrf)).await?;
    let items = match crate::evidence::service::add_from_victim(&state, &handle, received).await {
        Ok(items) => items,
        Err(AppError::Invalid(errors)) => return render(&state, &visit, &handle, errors, None).await,
        Err(e) => return Err(e),
    };
    let page = visit.page(&state, handle.case().fields.victim_lang);
    let notice = page.t1("track-files-sent", "count", items.len() as i64);
    render(&state, &visit, &handle, FieldErrors::default(), Some(notice)).await
}

pub async fn logout(State(state): State<AppState>, visit: VictimVisit, form: FormData) -> Result<Response, AppError> {
    visit.check_csrf(form.csrf())?;
    state.store.delete_victim_session(&visit.token_hash).await?;
    let cookie = set_cookie(&state, VICTIM_COOKIE, "", 0);
    Ok((StatusCode::SEE_OTHER, AppendHeaders([(SET_COOKIE, cookie), (header::LOCATION, "/track".into())]))
        .into_response())
}
