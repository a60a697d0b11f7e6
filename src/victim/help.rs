//! The public "get help now" page: what to do in the first hour, 1930, the national portal,
//! the centre's address and helpline, and a short self-check (what happened, did money leave,
//! when) that shows the matching action plan in plain words with prevention tips.
//!
//! One small page with no script: it must work on a cheap phone over a slow connection. The
//! self-check is a GET form, so its answer can be bookmarked and nothing is stored.

use askama::Template;
use axum::extract::{Query, State};
use axum::response::{Html, IntoResponse, Response};
use sahayak_domain::case::ScamPattern;
use sahayak_domain::plans::{Circumstances, Plan, Tip};
use serde::Deserialize;

use crate::cases::views::Opt;
use crate::triage::plans::text_lang;
use crate::web::AppState;
use crate::web::error::AppError;
use crate::web::page::Page;
use crate::web::session::Viewer;

#[derive(Deserialize, Default)]
pub struct CheckQuery {
    #[serde(default)]
    what: String,
    #[serde(default)]
    money: String,
    #[serde(default)]
    when: String,
}

/// The self-check's answer.
pub struct Advice {
    /// Money left within the last day: call 1930 before anything else.
    pub call_now: bool,
    pub plan_title: String,
    pub steps: Vec<String>,
    pub tips: Vec<(String, String)>,
}

#[derive(Template)]
#[template(path = "victim/help.html")]
struct HelpPage {
    page: Page,
    patterns: Vec<Opt>,
    money: String,
    when: String,
    advice: Option<Advice>,
    address: String,
    phone: String,
}

/// What the visitor told the self-check, checked; `None` until they answer "what happened".
fn advise(page: &Page, q: &CheckQuery) -> Option<Advice> {
    let pattern: ScamPattern = q.what.parse().ok()?;
    let money_lost = q.money == "yes";
    let recent = matches!(q.when.as_str(), "hour" | "day");
    let lang = text_lang(page.lang);
    let plan = Plan::for_case(pattern.code(), "", None, None);
    let circumstances = Circumstances { money_lost, victim_minor: false };
    let steps = plan.steps_for(circumstances).map(|s| s.victim_text.get(lang).to_owned()).collect();
    let tips = Tip::for_pattern(pattern.code())
        .take(3)
        .map(|t| (t.title.get(lang).to_owned(), t.text.get(lang).to_owned()))
        .collect();
    Some(Advice { call_now: money_lost && recent, plan_title: plan.title.get(lang).to_owned(), steps, tips })
}

pub async fn page(
    State(state): State<AppState>,
    viewer: Viewer,
    Query(q): Query<CheckQuery>,
) -> Result<Response, AppError> {
    let page = viewer.page(&state);
    let patterns = ScamPattern::ALL
        .iter()
        .map(|p| Opt { value: p.code().into(), label: page.t(&p.label_key()), selected: q.what == p.code() })
        .collect();
    let body = HelpPage {
        advice: advise(&page, &q),
        patterns,
        money: q.money.clone(),
        when: q.when.clone(),
        address: state.config.centre_address.clone(),
        phone: state.config.centre_phone.clone(),
        page,
    };
    Ok(Html(body.render()?).into_response())
}
