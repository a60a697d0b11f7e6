//! Guided action plans: the plan that fits a case becomes its tasks (an owner and a due time
//! each), the worker ticks them off with the victim, and the victim takes home the same plan
//! in plain words.

use std::collections::HashMap;

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::{Html, IntoResponse, Redirect, Response};
use chrono::TimeDelta;
use sahayak_domain::access::{CaseAction as Permission, Role};
use sahayak_domain::case::{Gender, Lang, MoneyLeft};
use sahayak_domain::plans::{After, Circumstances, Place, Plan, Step};
use serde::Deserialize;

use super::actions::ActionKind;
use super::panel::{DeadlineView, deadline_view, duration_text};
use crate::cases::access::{self, CaseHandle, require};
use crate::cases::panels::{Panel, Place as PagePlace};
use crate::cases::views::{self, Opt};
use crate::config::Config;
use crate::store::{Case, CaseFields, NewTask, Task, User};
use crate::web::AppState;
use crate::web::error::AppError;
use crate::web::form::FormData;
use crate::web::page::Page;
use crate::web::session::Staff;

pub fn text_lang(lang: Lang) -> sahayak_domain::deadlines::Lang {
    match lang {
        Lang::Hi => sahayak_domain::deadlines::Lang::Hi,
        Lang::En => sahayak_domain::deadlines::Lang::En,
    }
}

/// The plan that fits what was recorded at intake.
pub fn plan_for(f: &CaseFields) -> &'static Plan {
    Plan::for_case(f.scam_pattern.code(), &f.category, f.sub_category.as_deref(), f.payment_channel.map(|p| p.code()))
}

/// The facts that decide which of a plan's conditional steps apply to a case.
pub fn circumstances(f: &CaseFields, config: &Config) -> Circumstances {
    Circumstances {
        money_lost: f.money_left == Some(MoneyLeft::Yes) || f.amount_lost_paise.is_some_and(|a| a > 0),
        victim_minor: f.victim_age.is_some_and(|a| a < 18),
        large_loss: sahayak_domain::plans::large_loss(f.amount_lost_paise, config.large_loss_paise),
        victim_woman: f.victim_gender == Some(Gender::Female),
    }
}

/// Whether the case's loss is above the centre's large-loss threshold (`large_loss_rupees`,
/// ₹1,00,000 by default): its plan then has an FIR the same day, and the work queue ranks it
/// higher.
pub fn large_loss(case: &Case, config: &Config) -> bool {
    circumstances(&case.fields, config).large_loss
}

/// The plan step that an action completes.
fn step_of(action: ActionKind) -> &'static [&'static str] {
    match action {
        ActionKind::Helpline1930 => &["call_1930"],
        ActionKind::BankBlock => &["call_bank"],
        ActionKind::BankComplaint => &["bank_written_complaint", "freeze_bank_request"],
        ActionKind::PortalFiled => &["complete_ncrp", "file_ncrp_other"],
        ActionKind::ChakshuReported => &["report_chakshu"],
        ActionKind::PlatformReported => &["platform_takedown"],
        ActionKind::EfirRegistered => &["police_fir", "fir_same_day"],
        _ => &[],
    }
}

fn role_of(r: sahayak_domain::plans::Role) -> Role {
    match r {
        sahayak_domain::plans::Role::Counsellor => Role::Counsellor,
        sahayak_domain::plans::Role::PoliceLiaison => Role::PoliceLiaison,
        sahayak_domain::plans::Role::LegalAdvisor => Role::LegalAdvisor,
        sahayak_domain::plans::Role::Supervisor => Role::Supervisor,
    }
}

/// Who does each role's steps on a case: the assignee for the desk's steps, otherwise the
/// first active member of that role in the district, falling back to the assignee.
pub async fn owners(
    state: &AppState,
    district_id: i64,
    assignee: Option<i64>,
) -> Result<HashMap<Role, Option<i64>>, AppError> {
    let mut out = HashMap::new();
    for role in [Role::Counsellor, Role::PoliceLiaison, Role::LegalAdvisor, Role::Supervisor] {
        let owner = if role == Role::Counsellor { assignee } else { None };
        let owner = match owner {
            Some(o) => Some(o),
            None => state.store.first_staff_with_role(district_id, role).await?.or(assignee),
        };
        out.insert(role, owner);
    }
    Ok(out)
}

/// The plan's steps that apply in `c`, as tasks for a case registered at `registered` (ms),
/// with their due times: counted from registration, from the incident (when money left, or
/// the incident time), or from the step they follow.
pub fn tasks_for(
    plan: &Plan,
    c: Circumstances,
    f: &CaseFields,
    registered: i64,
    owners: &HashMap<Role, Option<i64>>,
) -> Vec<NewTask> {
    let incident = f.money_left_at.or(f.incident_at).unwrap_or(registered);
    let mut due_of: HashMap<&str, i64> = HashMap::new();
    let mut previous: Option<i64> = None;
    let mut out = Vec::new();
    for step in plan.steps_for(c) {
        let from = match &step.due.after {
            After::Registration => registered,
            After::Incident => incident,
            After::PreviousStep => previous.unwrap_or(registered),
            After::Step(id) => due_of.get(id.as_str()).copied().unwrap_or(registered),
        };
        // A deadline already past when the victim arrives is due now: the worker does it first.
        let due = (from + step.due.within.num_milliseconds()).max(registered);
        due_of.insert(step.id.as_str(), due);
        previous = Some(due);
        out.push(NewTask {
            plan_id: Some(plan.id.clone()),
            step_id: Some(step.id.clone()),
            title: None,
            owner_id: owners.get(&role_of(step.owner)).copied().flatten(),
            due_at: Some(due),
        });
    }
    out
}

/// Replaces the case's open plan tasks with those of `plan_id` (done ones are kept).
pub async fn switch_plan(state: &AppState, user: &User, handle: &CaseHandle, plan_id: &str) -> Result<(), AppError> {
    require(user, Permission::Edit)?;
    let plan = Plan::get(plan_id.trim()).ok_or(AppError::invalid("plan", "error-choice"))?;
    let c = handle.case();
    let owners = owners(state, c.district_id, c.assignee_id).await?;
    let tasks = tasks_for(plan, circumstances(&c.fields, &state.config), &c.fields, state.now_millis(), &owners);
    state.store.replace_plan_tasks(c.id, &tasks, user.id, state.now_millis(), &plan.id).await?;
    super::facts::refresh(state, c.id).await
}

/// Ticks a task off (or back on).
pub async fn set_done(
    state: &AppState,
    user: &User,
    handle: &CaseHandle,
    task_id: i64,
    done: bool,
) -> Result<(), AppError> {
    require(user, Permission::Edit)?;
    state.store.set_task_done(handle.id(), task_id, done, user.id, state.now_millis()).await?;
    super::facts::refresh(state, handle.id()).await
}

/// Marks done the open tasks that an action completes.
pub async fn complete_by_action(
    state: &AppState,
    user: &User,
    case_id: i64,
    action: ActionKind,
) -> Result<(), AppError> {
    let steps = step_of(action);
    if steps.is_empty() {
        return Ok(());
    }
    for t in state.store.case_tasks(case_id).await? {
        if t.done_at.is_none() && t.step_id.as_deref().is_some_and(|s| steps.contains(&s)) {
            state.store.set_task_done(case_id, t.id, true, user.id, state.now_millis()).await?;
        }
    }
    Ok(())
}

pub struct StepView {
    pub task_id: i64,
    pub title: String,
    pub why: String,
    pub collect: Vec<String>,
    pub place: String,
    pub owner: String,
    pub due: String,
    pub countdown: String,
    pub overdue: bool,
    pub done: bool,
    pub urgent: bool,
}

pub fn place_label(page: &Page, p: Place) -> String {
    let code = serde_json::to_value(p).ok().and_then(|v| v.as_str().map(str::to_owned)).unwrap_or_default();
    page.t(&format!("place-{}", code.replace('_', "-")))
}

fn step_view(page: &Page, now: i64, t: &Task, step: Option<&Step>) -> StepView {
    let lang = text_lang(page.lang);
    let left = t.due_at.map(|d| TimeDelta::milliseconds(d - now));
    StepView {
        task_id: t.id,
        title: step
            .map(|s| s.title.get(lang).to_owned())
            .or_else(|| t.title.clone())
            .unwrap_or_else(|| page.t("task-untitled")),
        why: step.map(|s| s.why.get(lang).to_owned()).unwrap_or_default(),
        collect: step.map(|s| s.collect.get(lang).to_vec()).unwrap_or_default(),
        place: step.map(|s| place_label(page, s.place)).unwrap_or_default(),
        owner: t.owner_name.clone().unwrap_or_else(|| page.t("list-unassigned")),
        due: views::when(t.due_at),
        countdown: match left {
            Some(l) if l >= TimeDelta::zero() => page.t1("deadline-in", "time", duration_text(page, l)),
            Some(l) => page.t1("deadline-ago", "time", duration_text(page, l)),
            None => String::new(),
        },
        overdue: t.done_at.is_none() && left.is_some_and(|l| l < TimeDelta::zero()),
        done: t.done_at.is_some(),
        urgent: step.is_some_and(|s| s.urgent),
    }
}

#[derive(Template)]
#[template(path = "triage/plan.html")]
struct PlanPanel {
    page: Page,
    reference: String,
    can_write: bool,
    plan_title: String,
    plan_summary: String,
    steps: Vec<StepView>,
    plans: Vec<Opt>,
}

pub fn panel(state: &AppState, staff: &Staff, handle: &CaseHandle, tasks: &[Task]) -> Result<Panel, AppError> {
    let page = staff.page(state);
    let lang = text_lang(page.lang);
    let plan_id = tasks.iter().rev().find_map(|t| t.plan_id.clone());
    let plan = plan_id.as_deref().and_then(Plan::get);
    let steps = tasks
        .iter()
        .map(|t| {
            step_view(
                &page,
                state.now_millis(),
                t,
                t.plan_id.as_deref().and_then(Plan::get).and_then(|p| t.step_id.as_deref().and_then(|s| p.step(s))),
            )
        })
        .collect();
    let current = plan.map(|p| p.id.clone()).unwrap_or_default();
    let body = PlanPanel {
        reference: handle.case().reference.clone(),
        can_write: staff.user.role.may(Permission::Edit),
        plan_title: plan.map(|p| p.title.get(lang).to_owned()).unwrap_or_default(),
        plan_summary: plan.map(|p| p.summary.get(lang).to_owned()).unwrap_or_default(),
        steps,
        plans: Plan::all()
            .iter()
            .map(|p| Opt { value: p.id.clone(), label: p.title.get(lang).to_owned(), selected: p.id == current })
            .collect(),
        page,
    };
    let open = tasks.iter().filter(|t| t.done_at.is_none()).count();
    let title = body.page.t("plan-heading");
    Ok(Panel::now(PagePlace::Tasks, "tasks", title, body.render()?).with_badge(open.to_string()))
}

fn back(handle: &CaseHandle) -> Response {
    Redirect::to(&format!("/cases/{}#tasks", handle.case().reference)).into_response()
}

pub async fn task_form(
    State(state): State<AppState>,
    staff: Staff,
    Path((reference, task_id)): Path<(String, i64)>,
    form: FormData,
) -> Result<Response, AppError> {
    staff.check_csrf(form.csrf())?;
    let handle = access::open_by_reference(&state, &staff.user, &reference).await?;
    set_done(&state, &staff.user, &handle, task_id, form.get("done") == "1").await?;
    Ok(back(&handle))
}

pub async fn plan_form(
    State(state): State<AppState>,
    staff: Staff,
    Path(reference): Path<String>,
    form: FormData,
) -> Result<Response, AppError> {
    staff.check_csrf(form.csrf())?;
    let handle = access::open_by_reference(&state, &staff.user, &reference).await?;
    switch_plan(&state, &staff.user, &handle, form.get("plan")).await?;
    Ok(back(&handle))
}

pub struct VictimStep {
    pub text: String,
    pub due: String,
    pub done: bool,
}

#[derive(Template)]
#[template(path = "triage/victim_plan.html")]
struct VictimSheet {
    page: Page,
    reference: String,
    victim: String,
    today: String,
    plan_title: String,
    steps: Vec<VictimStep>,
    deadlines: Vec<DeadlineView>,
    advice: super::advice_text::AdviceView,
    code: Option<String>,
}

#[derive(Deserialize, Default)]
pub struct SheetQuery {
    #[serde(default)]
    lang: String,
}

/// The victim's "what to do now" sheet, printable, in the victim's language unless another is
/// asked for.
/// What the victim reads about their own case: the plan's steps in their words, with when each
/// is due, and the deadlines still open. Shared by the printed sheet and the victim's own page.
pub struct VictimPlan {
    pub title: String,
    pub steps: Vec<VictimStep>,
    pub deadlines: Vec<DeadlineView>,
    /// What the RBI rules give, the same words as on the case page.
    pub advice: super::advice_text::AdviceView,
}

pub async fn victim_plan(state: &AppState, c: &Case, page: &Page) -> Result<VictimPlan, AppError> {
    let lang = text_lang(page.lang);
    let now = state.now();
    let t = super::facts::load(state, c, now).await?;
    let tasks = &t.tasks;
    let plan = tasks.iter().rev().find_map(|t| t.plan_id.as_deref()).and_then(Plan::get);
    let steps = tasks
        .iter()
        .filter_map(|task| {
            let step = plan.and_then(|p| task.step_id.as_deref().and_then(|s| p.step(s)))?;
            Some(VictimStep {
                text: step.victim_text.get(lang).to_owned(),
                due: views::when(task.due_at),
                done: task.done_at.is_some(),
            })
        })
        .collect();
    let deadlines = t
        .deadlines
        .iter()
        .filter(|d| {
            !matches!(d.status, sahayak_domain::deadlines::Status::Met | sahayak_domain::deadlines::Status::MetLate)
        })
        .map(|d| deadline_view(page, d, now))
        .collect();
    Ok(VictimPlan {
        title: plan.map(|p| p.title.get(lang).to_owned()).unwrap_or_default(),
        steps,
        deadlines,
        advice: super::advice_text::view(page.lang, &t.advice),
    })
}

pub async fn victim_sheet(
    State(state): State<AppState>,
    staff: Staff,
    Path(reference): Path<String>,
    Query(q): Query<SheetQuery>,
) -> Result<Response, AppError> {
    let handle = access::open_by_reference(&state, &staff.user, &reference).await?;
    let c: &Case = handle.case();
    let mut page = staff.page(&state);
    page.lang = q.lang.parse().unwrap_or(c.fields.victim_lang);
    let plan = victim_plan(&state, c, &page).await?;
    // The victim's code to follow the case online, when one was issued.
    let code = state.store.victim_code(c.id).await?.map(|(code, _)| crate::victim::display_code(&code));
    let body = VictimSheet {
        reference: c.reference.clone(),
        victim: c.fields.victim_name.clone(),
        today: sahayak_domain::time::display_ist_date(state.now()),
        plan_title: plan.title,
        steps: plan.steps,
        deadlines: plan.deadlines,
        advice: plan.advice,
        code,
        page,
    };
    Ok(Html(body.render()?).into_response())
}
