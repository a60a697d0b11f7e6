//! While the intake form is being filled: the identifiers in what was typed so far and where
//! each has been seen before. Called by the form's script; the form works without it.

use askama::Template;
use axum::extract::State;
use axum::response::{Html, IntoResponse, Response};
use sahayak_domain::identifiers::{self, IdKind};

use super::panel::{flag_label, kind_label, spread_text};
use super::service;
use crate::web::AppState;
use crate::web::error::AppError;
use crate::web::form::FormData;
use crate::web::page::Page;
use crate::web::session::Staff;

pub struct PreviewItem {
    pub kind_label: String,
    pub value: String,
    pub flag: Option<String>,
    pub spread: String,
    pub seen_before: bool,
}

#[derive(Template)]
#[template(path = "identifiers/preview.html")]
struct PreviewFragment {
    page: Page,
    items: Vec<PreviewItem>,
}

/// At most this many identifiers are looked up per preview.
const MAX_PREVIEW: usize = 30;

pub async fn preview(State(state): State<AppState>, staff: Staff, form: FormData) -> Result<Response, AppError> {
    staff.check_csrf(form.csrf())?;
    let page = staff.page(&state);
    let mut found: Vec<(IdKind, String)> = Vec::new();
    for field in ["narrative", "suspect_details", "pasted_messages"] {
        for f in identifiers::extract(form.get(field)) {
            if found.len() < MAX_PREVIEW && !found.iter().any(|(k, v)| *k == f.kind && *v == f.value) {
                found.push((f.kind, f.value));
            }
        }
    }
    let known = if found.is_empty() { Vec::new() } else { state.store.known_among(&found, false).await? };
    let spread = service::spreading(&state, &staff.user, known, None).await?;
    let districts = state.districts().await?;
    let items = found
        .iter()
        .map(|(kind, value)| {
            let seen = spread.iter().find(|s| s.identifier.kind == *kind && s.identifier.value == *value);
            PreviewItem {
                kind_label: kind_label(&page, *kind),
                value: value.clone(),
                flag: seen.and_then(|s| flag_label(&page, s.identifier.flag)),
                spread: match seen {
                    Some(s) => spread_text(&page, &districts, s, false),
                    None => page.t("ident-spread-unknown"),
                },
                seen_before: seen.is_some_and(|s| s.total > 0),
            }
        })
        .collect();
    Ok(Html(PreviewFragment { page, items }.render()?).into_response())
}
