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
use sahayak_domain::plans::{Circumstances, Plan};
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
    /// The district whose centre and tips to show (its code); the deployment's own when empty.
    #[serde(default)]
    district: String,
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
    /// The districts to choose from, when there is more than one.
    districts: Vec<Opt>,
    centre: String,
    address: String,
    phone: String,
}

/// What the visitor told the self-check, checked; `None` until they answer "what happened".
fn advise(page: &Page, q: &CheckQuery, tips: Vec<(String, String)>) -> Option<Advice> {
    let pattern: ScamPattern = q.what.parse().ok()?;
    let money_lost = q.money == "yes";
    let recent = matches!(q.when.as_str(), "hour" | "day");
    let lang = text_lang(page.lang);
    let plan = Plan::for_case(pattern.code(), "", None, None);
    let circumstances = Circumstances { money_lost, ..Circumstances::default() };
    let steps = plan.steps_for(circumstances).map(|s| s.victim_text.get(lang).to_owned()).collect();
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
    let all = state.districts().await?;
    let district = all.iter().find(|d| d.code == q.district);
    let tips = match q.what.parse::<ScamPattern>() {
        Ok(p) => crate::prevention::shown_for(&state.store, district.map(|d| d.id), p.code(), page.lang, 3)
            .await?
            .into_iter()
            .map(|t| (t.title, t.text))
            .collect(),
        Err(_) => Vec::new(),
    };
    // A district's own centre details, else the deployment's (config).
    let own = |v: Option<&Option<String>>, fallback: &str| {
        v.and_then(|v| v.clone()).filter(|v| !v.trim().is_empty()).unwrap_or_else(|| fallback.to_owned())
    };
    let body = HelpPage {
        advice: advise(&page, &q, tips),
        patterns,
        money: q.money.clone(),
        when: q.when.clone(),
        districts: if all.len() > 1 {
            all.iter()
                .map(|d| Opt {
                    value: d.code.clone(),
                    label: d.name(page.lang).to_owned(),
                    selected: d.code == q.district,
                })
                .collect()
        } else {
            Vec::new()
        },
        centre: crate::web::centre_name(&state.config, district, page.lang),
        address: own(district.map(|d| &d.centre_address), &state.config.centre_address),
        phone: own(district.map(|d| &d.centre_phone), &state.config.centre_phone),
        page,
    };
    Ok(Html(body.render()?).into_response())
}
