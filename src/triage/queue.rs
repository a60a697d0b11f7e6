//! The work queue: what a counsellor opens in the morning, ranked by what time will destroy
//! (`super::rank`): people at risk and money inside its golden hour first, then the nearest
//! deadline that loses money or rights, then tasks; the user's own open tasks beside the list.

use askama::Template;
use axum::extract::{Query, State};
use axum::response::{Html, IntoResponse, Response};
use chrono::{DateTime, Utc};
use serde::Deserialize;

use super::panel::duration_text;
use super::rank::Tier;
use crate::cases::access::scope;
use crate::cases::views::{self, CaseRow};
use crate::store::{QueueItem, Task};
use crate::web::page::Page;
use crate::web::session::Staff;
use crate::web::{AppError, AppState};

pub const QUEUE_SIZE: i64 = 100;

pub struct QueueRow {
    pub row: CaseRow,
    pub urgent: bool,
    pub tier: Tier,
    pub money_since: Option<String>,
    pub due: Option<String>,
    pub overdue: bool,
}

pub struct Reminder {
    pub reference: String,
    pub title: String,
    pub due: String,
    pub overdue: bool,
}

/// A part of the queue under its own heading.
pub struct Group {
    pub title: String,
    pub rows: Vec<QueueRow>,
}

#[derive(Template)]
#[template(path = "triage/queue.html")]
struct QueuePage {
    page: Page,
    mine: bool,
    groups: Vec<Group>,
    reminders: Vec<Reminder>,
    /// Money across the user's districts: reported, held, restored.
    totals: (String, String, String),
}

#[derive(Deserialize, Default)]
pub struct QueueQuery {
    #[serde(default)]
    mine: String,
}

pub fn queue_row(page: &Page, districts: &[crate::store::District], q: &QueueItem, now: DateTime<Utc>) -> QueueRow {
    let due = q.next_due_at.map(sahayak_domain::time::from_millis);
    QueueRow {
        row: views::case_row(page, districts, &q.case),
        urgent: q.urgent,
        tier: Tier::of_key(q.queue_rank),
        money_since: q.money_left_at.map(|t| duration_text(page, now - sahayak_domain::time::from_millis(t))),
        due: due.map(|d| {
            let left = d - now;
            if left >= chrono::TimeDelta::zero() {
                page.t1("deadline-in", "time", duration_text(page, left))
            } else {
                page.t1("deadline-ago", "time", duration_text(page, left))
            }
        }),
        overdue: due.is_some_and(|d| d < now),
    }
}

/// What a task is called: its plan step's title, or what the worker typed.
pub fn task_title(page: &Page, t: &Task) -> String {
    let step = t
        .plan_id
        .as_deref()
        .and_then(sahayak_domain::plans::Plan::get)
        .and_then(|p| t.step_id.as_deref().and_then(|s| p.step(s)));
    step.map(|s| s.title.get(super::plans::text_lang(page.lang)).to_owned())
        .or_else(|| t.title.clone())
        .unwrap_or_else(|| page.t("task-untitled"))
}

pub async fn page(
    State(state): State<AppState>,
    staff: Staff,
    Query(q): Query<QueueQuery>,
) -> Result<Response, AppError> {
    let page = staff.page(&state);
    let districts = state.districts().await?;
    let mine = q.mine == "1";
    let items = state.store.queue(&scope(&staff.user), mine.then_some(staff.user.id), QUEUE_SIZE).await?;
    let now = state.now_millis();
    let reminders = state
        .store
        .open_tasks_of(staff.user.id, 10)
        .await?
        .iter()
        .map(|(t, reference)| Reminder {
            reference: reference.clone(),
            title: task_title(&page, t),
            due: views::when(t.due_at),
            overdue: t.due_at.is_some_and(|d| d < now),
        })
        .collect();
    let totals = crate::trail::totals_text(&state.store.money_totals(None, &scope(&staff.user)).await?);
    let mut groups: Vec<Group> = Vec::new();
    for row in items.iter().map(|i| queue_row(&page, &districts, i, state.now())) {
        let title = page.t(match row.tier {
            Tier::AtRisk | Tier::Golden => "queue-golden",
            Tier::Deadline | Tier::Task => "queue-deadlines",
            Tier::Waiting => "queue-waiting",
        });
        match groups.last_mut() {
            Some(g) if g.title == title => g.rows.push(row),
            _ => groups.push(Group { title, rows: vec![row] }),
        }
    }
    let body = QueuePage { groups, mine, reminders, totals, page };
    Ok(Html(body.render()?).into_response())
}
