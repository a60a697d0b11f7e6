//! The public feedback page of a programme, `/feedback/{token}`: no sign-in, no script, small
//! enough for a cheap phone. An attendee rates the session, says what they will do
//! differently and, when the programme uses it, answers the quiz at the start
//! (`?stage=before`) and again at the end.
//!
//! Nothing about the sender is kept: no name is asked, the address is not stored (not even in
//! the audit log, which records addresses; sheets are not audited). Submissions are throttled
//! per address and programme under a keyed hash of the address (the installation's index key,
//! which every server of one database shares and which lives outside it) that is forgotten
//! when the throttle's window ends.

use std::collections::BTreeMap;

use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use sahayak_domain::case::Lang;

use super::quiz;
use super::service::{self, FeedbackWrite};
use crate::store::{Programme, StoreError};
use crate::web::error::{AppError, FieldErrors};
use crate::web::form::FormData;
use crate::web::page::Page;
use crate::web::session::Viewer;
use crate::web::{AppState, query_param};

/// Sheets accepted from one address for one programme within the sign-in throttle's window
/// (15 minutes by default). A class behind one school router shares an address: at two
/// sheets an attendee (before and after), this lets a hall of fifty through.
pub const FEEDBACK_LIMIT: i64 = 100;

/// The programme behind a feedback link; unknown tokens and cancelled programmes are "not found".
pub(super) async fn programme(state: &AppState, token: &str) -> Result<Programme, AppError> {
    if token.len() != 43 || !token.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_') {
        return Err(AppError::NotFound);
    }
    match state.store.programme_by_token(token).await {
        Ok(p) if p.status != "cancelled" => Ok(p),
        Ok(_) | Err(StoreError::NotFound) => Err(AppError::NotFound),
        Err(e) => Err(e.into()),
    }
}

/// The throttle's key: a keyed hash (HMAC under the index key), so it cannot be reversed into
/// an address by trying every IPv4 address, yet is the same on every server.
fn throttle_key(state: &AppState, p: &Programme) -> String {
    let address = crate::privacy::context::address();
    format!("feedback:{}", state.store.keys().index(&format!("feedback|{}|{address}", p.id)))
}

/// Counts the sheet, then keeps it unless the throttle refuses it; a sheet that is refused as
/// invalid is given back. Shared by the page and the API.
pub(super) async fn accept(state: &AppState, p: &Programme, w: &FeedbackWrite) -> Result<(), AppError> {
    let key = throttle_key(state, p);
    crate::auth::attempt(state, &key, FEEDBACK_LIMIT).await?;
    let kept = service::submit_feedback(state, p, w).await;
    if kept.is_err() {
        crate::auth::give_back(state, &key).await?;
    }
    kept
}

pub struct QuestionView {
    pub id: String,
    pub text: String,
    pub options: Vec<(usize, String, bool)>,
}

#[derive(Template)]
#[template(path = "awareness/feedback.html")]
struct FeedbackPage {
    page: Page,
    token: String,
    institution: String,
    date: String,
    stage: &'static str,
    questions: Vec<QuestionView>,
    rating: String,
    change: String,
    max_change: usize,
    errors: FieldErrors,
    /// Shown instead of the form once a sheet is in.
    thanks: bool,
}

fn lang_for(viewer: &Viewer, p: &Programme) -> Lang {
    let asked = query_param(Some(viewer.path.split_once('?').map_or("", |(_, q)| q)), "lang");
    match (asked.as_deref(), p.language.as_str()) {
        (Some("en"), _) => Lang::En,
        (Some("hi"), _) => Lang::Hi,
        (_, "en") => Lang::En,
        (_, "hi") => Lang::Hi,
        _ => viewer.lang,
    }
}

fn render(
    state: &AppState,
    viewer: &Viewer,
    p: &Programme,
    stage: &'static str,
    input: (&BTreeMap<String, usize>, &str, &str),
    errors: FieldErrors,
    thanks: bool,
) -> Result<Response, AppError> {
    let mut page = viewer.page(state);
    page.lang = lang_for(viewer, p);
    let (answers, rating, change) = input;
    let questions = p
        .quiz
        .iter()
        .filter_map(|id| quiz::get(id))
        .map(|q| QuestionView {
            id: q.id.clone(),
            text: q.text.get(page.lang).to_owned(),
            options: q
                .options
                .iter()
                .enumerate()
                .map(|(i, o)| (i, o.get(page.lang).to_owned(), answers.get(&q.id) == Some(&i)))
                .collect(),
        })
        .collect();
    let status = if errors.is_empty() { StatusCode::OK } else { StatusCode::UNPROCESSABLE_ENTITY };
    let body = FeedbackPage {
        token: p.feedback_token.clone(),
        institution: p.institution_name.clone(),
        date: sahayak_domain::time::display_ist_date(sahayak_domain::time::from_millis(p.starts_at)),
        stage,
        questions,
        rating: rating.to_owned(),
        change: change.to_owned(),
        max_change: service::MAX_CHANGE,
        errors,
        thanks,
        page,
    };
    Ok((status, Html(body.render()?)).into_response())
}

fn stage_of(p: &Programme, asked: &str) -> &'static str {
    if asked == "before" && !p.quiz.is_empty() { "before" } else { "after" }
}

pub async fn page(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(token): Path<String>,
) -> Result<Response, AppError> {
    let p = programme(&state, &token).await?;
    let asked = query_param(Some(viewer.path.split_once('?').map_or("", |(_, q)| q)), "stage").unwrap_or_default();
    render(&state, &viewer, &p, stage_of(&p, &asked), (&BTreeMap::new(), "", ""), FieldErrors::default(), false)
}

pub async fn submit(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(token): Path<String>,
    form: FormData,
) -> Result<Response, AppError> {
    let p = programme(&state, &token).await?;
    let stage = stage_of(&p, form.get("stage"));
    let answers: BTreeMap<String, usize> = p
        .quiz
        .iter()
        .filter_map(|id| form.get(&format!("q_{id}")).trim().parse().ok().map(|a| (id.clone(), a)))
        .collect();
    let w = FeedbackWrite {
        stage: stage.into(),
        rating: form.get("rating").into(),
        change: form.get("change").into(),
        answers: answers.clone(),
    };
    match accept(&state, &p, &w).await {
        Ok(()) => render(&state, &viewer, &p, stage, (&BTreeMap::new(), "", ""), FieldErrors::default(), true),
        Err(AppError::Invalid(errors)) => {
            render(&state, &viewer, &p, stage, (&answers, &w.rating, &w.change), errors, false)
        }
        Err(e) => Err(e),
    }
}
