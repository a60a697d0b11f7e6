//! The triage parts of the case page: the golden-hour clock with the three actions (each a
//! compact row: what, when, reference), the case's deadlines counting down, and every other
//! action taken.

use askama::Template;
use chrono::{DateTime, TimeDelta, Utc};
use fluent_bundle::FluentValue;
use sahayak_domain::access::CaseAction as Permission;
use sahayak_domain::case::MoneyLeft;
use sahayak_domain::deadlines::{Deadline, Note, Status};
use sahayak_domain::time::{Quick, display_ist, from_millis};

use super::actions::ActionKind;
use super::facts::{Triage, is_urgent};
use crate::cases::access::CaseHandle;
use crate::cases::panels::{Panel, Place};
use crate::cases::views::{self, Coded, Opt};
use crate::web::i18n::catalogs;
use crate::web::page::Page;
use crate::web::session::Staff;
use crate::web::{AppError, AppState};

/// How long ago or how long until, in words: "2 days 3 h", "1 h 20 min", "45 min".
pub fn duration_text(page: &Page, d: TimeDelta) -> String {
    let minutes = d.num_minutes().abs();
    let (days, hours, mins) = (minutes / 1440, (minutes % 1440) / 60, minutes % 60);
    let c = catalogs();
    let n = FluentValue::from;
    if days > 0 {
        c.get_with(page.lang, "dur-days-hours", &[("days", n(days)), ("hours", n(hours))])
    } else if hours > 0 {
        c.get_with(page.lang, "dur-hours-minutes", &[("hours", n(hours)), ("minutes", n(mins))])
    } else {
        c.get_with(page.lang, "dur-minutes", &[("minutes", n(mins))])
    }
}

pub struct ActionView {
    pub code: String,
    pub label: String,
    pub reference_label: String,
    /// How to do it (golden-hour actions).
    pub how: String,
    pub done: Option<(String, String)>,
}

pub struct DeadlineView {
    /// "Only if someone else made this payment …": the rule's facts are not known yet.
    pub only_if: Option<String>,
    pub title: String,
    pub explain: String,
    pub due: String,
    pub countdown: String,
    pub status: String,
    pub status_class: &'static str,
    pub source: String,
    pub source_url: Option<String>,
    pub notes: Vec<String>,
}

/// The golden hour: the clock and the three actions, at the top of the case page.
#[derive(Template)]
#[template(path = "triage/panel.html")]
struct GoldenTemplate {
    page: Page,
    reference: String,
    can_write: bool,
    /// Money left inside the golden window.
    golden_hour: bool,
    elapsed: String,
    urgent: bool,
    golden: Vec<ActionView>,
    /// The value a time field starts with: "now" in the page's language.
    now_text: String,
}

/// The case's deadlines: the open ones, and those met.
#[derive(Template)]
#[template(path = "triage/deadlines.html")]
struct DeadlinesTemplate {
    page: Page,
    open: Vec<DeadlineView>,
    met: Vec<DeadlineView>,
}

/// Every other action taken, and the form to record one.
#[derive(Template)]
#[template(path = "triage/actions.html")]
struct ActionsTemplate {
    page: Page,
    reference: String,
    can_write: bool,
    other_done: Vec<ActionView>,
    other_kinds: Vec<Opt>,
    now_text: String,
}

fn status_view(page: &Page, s: Status) -> (String, &'static str) {
    let (key, class) = match s {
        Status::Upcoming => ("deadline-upcoming", "upcoming"),
        Status::DueSoon => ("deadline-due-soon", "due-soon"),
        Status::Overdue => ("deadline-overdue", "overdue"),
        Status::Met => ("deadline-met", "met"),
        Status::MetLate => ("deadline-met-late", "met"),
        Status::Open => ("deadline-open", "open"),
    };
    (page.t(key), class)
}

pub fn deadline_view(page: &Page, d: &Deadline, now: DateTime<Utc>) -> DeadlineView {
    let lang = match page.lang {
        sahayak_domain::case::Lang::Hi => sahayak_domain::deadlines::Lang::Hi,
        sahayak_domain::case::Lang::En => sahayak_domain::deadlines::Lang::En,
    };
    let (status, status_class) = status_view(page, d.status);
    let left = d.remaining(now);
    let countdown = match d.status {
        Status::Met | Status::MetLate => {
            d.met_at.map(|t| page.t1("deadline-done-at", "when", display_ist(t))).unwrap_or_default()
        }
        _ if left >= TimeDelta::zero() => page.t1("deadline-in", "time", duration_text(page, left)),
        _ => page.t1("deadline-ago", "time", duration_text(page, left)),
    };
    let mut notes: Vec<String> = d
        .notes
        .iter()
        .filter_map(|n| match n {
            Note::LiabilityCap { max_paise } => {
                Some(page.t1("deadline-note-cap", "amount", views::money(Some(*max_paise))))
            }
            Note::Compensation { amount_paise } => {
                Some(page.t1("deadline-note-compensation", "amount", views::money(Some(*amount_paise))))
            }
            Note::StandIn { .. } => Some(page.t("deadline-note-stand-in")),
            _ => None,
        })
        .collect();
    if d.verify {
        notes.push(page.t("deadline-note-verify"));
    }
    DeadlineView {
        only_if: super::advice_text::only_if(page.lang, &d.only_if),
        title: d.title(lang).to_owned(),
        explain: d.explain(lang).to_owned(),
        due: display_ist(d.due_at),
        countdown,
        status,
        status_class,
        source: d.source.citation.clone(),
        source_url: d.source.url.clone(),
        notes,
    }
}

fn action_view(page: &Page, kind: ActionKind, t: &Triage) -> ActionView {
    ActionView {
        code: kind.code().to_owned(),
        label: page.t(&kind.label_key()),
        reference_label: page.t(kind.reference_key()),
        how: if kind.is_golden() {
            page.t(&format!("triage-how-{}", kind.code().replace('_', "-")))
        } else {
            String::new()
        },
        done: t
            .actions
            .iter()
            .find(|a| a.action == kind.code())
            .map(|a| (display_ist(from_millis(a.done_at)), a.reference.clone().unwrap_or_default())),
    }
}

/// The triage panels of the case page: the golden hour (money cases), the deadlines, and the
/// other actions taken (a section).
pub fn panels(
    state: &AppState,
    staff: &Staff,
    handle: &CaseHandle,
    t: &Triage,
    now: DateTime<Utc>,
) -> Result<Vec<Panel>, AppError> {
    let page = staff.page(state);
    let case = handle.case();
    let can_write = staff.user.role.may(Permission::Edit);
    let now_text = page.t(Quick::Now.key());
    let mut out = Vec::new();
    if case.fields.money_left == Some(MoneyLeft::Yes) {
        let since = case.fields.money_left_at.map(|at| now - from_millis(at));
        let golden = GoldenTemplate {
            reference: case.reference.clone(),
            can_write,
            golden_hour: since.is_some_and(|s| s < super::rank::GOLDEN_WINDOW),
            elapsed: since.map(|s| duration_text(&page, s)).unwrap_or_default(),
            urgent: is_urgent(case, &t.actions),
            golden: ActionKind::GOLDEN.iter().map(|k| action_view(&page, *k, t)).collect(),
            now_text: now_text.clone(),
            page: page.clone(),
        };
        let title = page.t("triage-golden-index");
        out.push(Panel::now(Place::Golden, "triage", title, golden.render()?));
    }
    let views: Vec<DeadlineView> = t.deadlines.iter().map(|d| deadline_view(&page, d, now)).collect();
    if !views.is_empty() {
        let open_count = t.deadlines.iter().filter(|d| !matches!(d.status, Status::Met | Status::MetLate)).count();
        let (met, open): (Vec<_>, Vec<_>) = views.into_iter().partition(|d| d.status_class == "met");
        let body = DeadlinesTemplate { open, met, page: page.clone() };
        let panel = Panel::now(Place::Deadlines, "deadlines", page.t("deadline-title"), body.render()?);
        out.push(panel.with_badge(open_count.to_string()));
    }
    let other_done: Vec<ActionView> = ActionKind::ALL
        .iter()
        .filter(|k| !k.is_golden())
        .map(|k| action_view(&page, *k, t))
        .filter(|a| a.done.is_some())
        .collect();
    let other_kinds = ActionKind::ALL
        .iter()
        .filter(|k| !k.is_golden())
        .map(|k| Opt { value: k.code().to_owned(), label: page.t(&k.label_key()), selected: false })
        .collect();
    let count = other_done.len();
    let body =
        ActionsTemplate { reference: case.reference.clone(), can_write, other_done, other_kinds, now_text, page };
    let title = body.page.t("triage-other-done");
    out.push(Panel::section("actions", title, body.render()?).with_badge(count.to_string()));
    Ok(out)
}
