//! Every date-time field of every form: one text box that takes what people say ("now",
//! "30 मिनट पहले", "कल शाम", `07-12-2026 21:28`), read by [`sahayak_domain::time::parse_when`]
//! in IST, and shown back as an exact time ("07-12-2026 21:28 IST — 30 min ago").
//!
//! Templates draw the field with the `when` macro (`templates/when.html`); the quick choices are
//! the `<datalist id="when-choices">` in the page frame, so they work without JavaScript. With
//! it, `static/app.js` asks [`echo_endpoint`] what the text means while the worker types.

use axum::extract::{Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, TimeDelta, Utc};
use sahayak_domain::time::{Quick, display_ist, parse_when};
use serde::Deserialize;

use super::AppState;
use super::error::FieldErrors;
use super::page::Page;
use super::session::Staff;

/// Clocks at a desk drift; a time "in the future" by less than this is accepted.
pub const CLOCK_SKEW: TimeDelta = TimeDelta::minutes(10);

/// A time as typed: `None` when the field is empty, `Some(Err(()))` when it cannot be read.
/// An instant stored as epoch milliseconds (an out-of-range value reads as the epoch).
pub fn at_millis(ms: i64) -> DateTime<Utc> {
    DateTime::from_timestamp_millis(ms).unwrap_or_default()
}

pub fn parse(text: &str, now: DateTime<Utc>) -> Option<Result<DateTime<Utc>, ()>> {
    let text = text.trim();
    if text.is_empty() {
        return None;
    }
    Some(parse_when(text, now).ok_or(()))
}

/// A past time typed into `field` (not later than now, give or take [`CLOCK_SKEW`]), in
/// milliseconds; a message beside the field otherwise. Empty is `None` and no error.
pub fn past(e: &mut FieldErrors, field: &'static str, text: &str, now: DateTime<Utc>) -> Option<i64> {
    match parse(text, now)? {
        Err(()) => {
            e.add(field, "error-datetime");
            None
        }
        Ok(t) if t > now + CLOCK_SKEW => {
            e.add(field, "error-future");
            None
        }
        Ok(t) => Some(t.timestamp_millis()),
    }
}

/// The text to put back in a field when a form comes back for correction: an exact time for
/// what was read (so "30 minutes ago" does not drift while the worker fixes another field),
/// the text as typed for what was not.
pub fn keep(text: &str, now: DateTime<Utc>) -> String {
    let quick_now = text.trim().is_empty() || parse(text, now) == Some(Ok(now));
    match parse(text, now) {
        Some(Ok(t)) if !quick_now => display_ist(t),
        _ => text.to_owned(),
    }
}

/// What a typed time means, for showing back under the field: "07-12-2026 21:28 IST — 30 min
/// ago"; empty for an empty field or "now"; a request to retype for what cannot be read.
pub fn echo(page: &Page, text: &str, now: DateTime<Utc>) -> String {
    match parse(text, now) {
        None => String::new(),
        Some(Err(())) => page.t("when-unreadable"),
        Some(Ok(t)) if t == now => String::new(),
        Some(Ok(t)) => {
            let d = now - t;
            let ago = if d >= TimeDelta::zero() {
                page.t1("deadline-ago", "time", crate::triage::panel::duration_text(page, d))
            } else {
                page.t1("deadline-in", "time", crate::triage::panel::duration_text(page, d))
            };
            crate::web::i18n::catalogs().get_with(
                page.lang,
                "when-echo",
                &[("when", display_ist(t).into()), ("ago", ago.into())],
            )
        }
    }
}

/// The quick choices in the page's language (the texts parse back: see the tests).
pub fn choices(page: &Page) -> Vec<String> {
    Quick::ALL.iter().map(|q| page.t(q.key())).collect()
}

#[derive(Deserialize)]
pub struct EchoQuery {
    #[serde(default)]
    text: String,
}

/// `GET /when?text=…`: the echo of a typed time, as plain text (staff only; used by the script).
pub async fn echo_endpoint(State(state): State<AppState>, staff: Staff, Query(q): Query<EchoQuery>) -> Response {
    let page = staff.page(&state);
    let text = echo(&page, &q.text.chars().take(100).collect::<String>(), state.now());
    ([(header::CONTENT_TYPE, "text/plain; charset=utf-8"), (header::CACHE_CONTROL, "no-store")], text).into_response()
}

#[cfg(test)]
mod tests {
    use super::*;
    use sahayak_domain::case::Lang;

    fn now() -> DateTime<Utc> {
        sahayak_domain::deadlines::clock::ist_at(2026, 12, 7, 21, 58).unwrap()
    }

    #[test]
    fn every_quick_choice_reads_back_in_both_languages() {
        for lang in [Lang::Hi, Lang::En] {
            let page = Page::anonymous(lang, "/");
            for (q, text) in Quick::ALL.iter().zip(choices(&page)) {
                assert_eq!(parse_when(&text, now()), Some(q.at(now())), "{lang:?} {text:?}");
            }
        }
    }

    #[test]
    fn the_echo_says_the_exact_time_and_how_long_ago() {
        let page = Page::anonymous(Lang::En, "/");
        assert_eq!(echo(&page, "30 minutes ago", now()), "07-12-2026 21:28 IST — 30 min ago");
        assert_eq!(echo(&page, "", now()), "");
        assert_eq!(echo(&page, "now", now()), "");
        let hi = Page::anonymous(Lang::Hi, "/");
        assert!(echo(&hi, "कल शाम", now()).starts_with("06-12-2026 19:00 IST — "));
        assert_eq!(echo(&hi, "परसों के बाद", now()), hi.t("when-unreadable"));
    }

    #[test]
    fn a_form_coming_back_keeps_an_exact_time_not_a_drifting_one() {
        assert_eq!(keep("30 मिनट पहले", now()), "07-12-2026 21:28");
        assert_eq!(keep("now", now()), "now");
        assert_eq!(keep("soon", now()), "soon");
        let mut e = FieldErrors::default();
        assert_eq!(past(&mut e, "at", "tomorrow 10:00", now()), None);
        assert_eq!(e.get("at"), Some("error-datetime"));
        let mut e = FieldErrors::default();
        assert_eq!(past(&mut e, "at", "08-12-2026 10:00", now()), None);
        assert_eq!(e.get("at"), Some("error-future"));
    }
}
