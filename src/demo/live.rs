//! The forty live cases (`data/demo/cases.json`): each registered when the file says (a new case
//! now), then worked as its status says, every step a few minutes after intake or spread over
//! the time since.

use serde::Deserialize;

use super::LOGIN;
use super::replay::{self, Crew, Said, local};
use super::showcase::Live;
use crate::cases::input::CaseInput;
use crate::clock;
use crate::web::AppState;

pub const CASES: &str = include_str!("../../data/demo/cases.json");
const MINUTE: i64 = 60_000;

#[derive(Deserialize)]
pub struct DemoCase {
    district: String,
    channel: String,
    victim_name: String,
    victim_mobile: String,
    victim_lang: String,
    victim_age: Option<i64>,
    victim_gender: Option<String>,
    victim_address: Option<String>,
    narrative: String,
    incident_minutes_ago: i64,
    noticed_minutes_ago: i64,
    /// When the desk registered it: now (a new case) unless said.
    #[serde(default)]
    registered_minutes_ago: i64,
    category: String,
    sub_category: Option<String>,
    category_other: Option<String>,
    scam_pattern: String,
    amount_lost_paise: Option<i64>,
    payment_channel: Option<String>,
    suspect_details: Option<String>,
    status: String,
    closure_reason: Option<String>,
    assignee: Option<String>,
    notes: Vec<String>,
    /// The desk's answers about the payment, where the demo victim gave them.
    #[serde(default)]
    payment: Option<DemoPayment>,
}

#[derive(Deserialize)]
struct DemoPayment {
    payer: Option<String>,
    credentials_shared: Option<bool>,
    account: Option<String>,
    cross_border: Option<bool>,
}

/// One of the live cases: registered when the file says, then worked as its status says.
pub async fn live_case(state: &AppState, crew: &Crew, c: DemoCase, now: i64) -> anyhow::Result<Live> {
    let supervisor = crew.get(LOGIN)?;
    let ago = |minutes: i64| now - minutes * MINUTE;
    let registered_at = ago(c.registered_minutes_ago);
    // A moment `minutes` after intake, never later than now.
    let after = |minutes: i64| (registered_at + minutes * MINUTE).min(now);
    let money = c.amount_lost_paise.unwrap_or(0) > 0;
    let input = CaseInput {
        district: c.district,
        channel: c.channel,
        victim_name: c.victim_name,
        victim_mobile: c.victim_mobile.clone(),
        victim_lang: c.victim_lang,
        victim_age: c.victim_age.map(|a| a.to_string()).unwrap_or_default(),
        victim_gender: c.victim_gender.unwrap_or_default(),
        victim_address: c.victim_address.unwrap_or_default(),
        narrative: c.narrative,
        incident_at: local(ago(c.incident_minutes_ago)),
        noticed_at: local(ago(c.noticed_minutes_ago)),
        category: c.category,
        sub_category: c.sub_category.unwrap_or_default(),
        category_other: c.category_other.unwrap_or_default(),
        scam_pattern: c.scam_pattern,
        amount_lost: String::new(),
        amount_lost_paise: c.amount_lost_paise,
        payment_channel: c.payment_channel.unwrap_or_default(),
        suspect_details: c.suspect_details.unwrap_or_default(),
        pasted_messages: String::new(),
        money_left: if money { "yes".into() } else { "no".into() },
        money_left_at: if money { local(ago(c.incident_minutes_ago)) } else { String::new() },
        assignee: c
            .assignee
            .as_deref()
            .and_then(|name| crew.get(name).ok())
            .map(|u| u.id.to_string())
            .unwrap_or_default(),
    };
    let case = clock::at(registered_at, crate::intake::register::create(state, supervisor, &input))
        .await
        .map_err(|e| anyhow::anyhow!("demo case for {} is not valid: {e:?}", input.district))?;
    let id = case.id;
    // The worker stays on the case for its first minutes: notes, identifiers, the golden-hour
    // actions and the payment questions, each at its own minute.
    let handle = clock::at(after(2), replay::open(state, supervisor, id)).await?;
    clock::at(after(2), async {
        for note in &c.notes {
            crate::cases::service::add_note(state, supervisor, &handle, note).await.said("note")?;
        }
        anyhow::Ok(())
    })
    .await?;
    if c.status != "new" {
        // Cases already worked have their identifiers confirmed; new ones still propose them.
        clock::at(after(3), replay::confirm_identifiers(state, supervisor, &handle)).await?;
        // Worked money cases had 1930 called, the bank told and the portal complaint filed.
        if money {
            for (n, (action, reference)) in
                [("helpline_1930", "3161226001"), ("bank_block", "BNK"), ("portal_filed", "3161226002")]
                    .into_iter()
                    .enumerate()
            {
                let at = after(5 + n as i64);
                let reference = format!("{reference}{id:04}");
                clock::at(at, replay::action(state, supervisor, &handle, action, at, &reference)).await?;
            }
        }
    }
    if let Some(p) = c.payment {
        let input = crate::triage::advice::PaymentInput {
            payer: p.payer,
            credentials_shared: p.credentials_shared,
            account: p.account,
            cross_border: p.cross_border,
            ..Default::default()
        };
        clock::at(after(8), crate::triage::advice::save(state, supervisor, &handle, &input))
            .await
            .said("payment facts")?;
    }
    // The walk through the workflow: taken up at once, then the rest of the way spread over the
    // time since intake.
    let path: &[&str] = match c.status.as_str() {
        "new" => &[],
        "in_progress" => &["in_progress"],
        "referred" => &["in_progress", "referred"],
        "closed" => &["in_progress", "closed"],
        other => &["in_progress", other],
    };
    for (n, step) in path.iter().enumerate() {
        let at = if n == 0 { after(10) } else { registered_at + (now - registered_at) * (n as i64 + 1) / 4 };
        let reason = if *step == "closed" { c.closure_reason.as_deref().unwrap_or("resolved") } else { "" };
        clock::at(at.max(after(10)), replay::open_and_step(state, supervisor, id, step, reason)).await?;
    }
    if !matches!(c.status.as_str(), "new" | "closed") {
        let salt: i64 = c.victim_mobile[7..].parse().unwrap_or(0);
        replay::tick_tasks(state, supervisor, id, registered_at, salt).await?;
    }
    if c.status == "closed" {
        // The follow-up calls that have fallen due: the first reached, the second not.
        let calls = [(true, Some(5), "Satisfied; shared the 1930 number with the family"), (false, None, "")];
        let due = state.store.follow_ups(id).await?;
        let callable = due.iter().filter(|f| f.due_at + 9 * 60 * MINUTE < now).count().min(calls.len());
        replay::follow_up_calls(state, supervisor, id, &calls[..callable]).await?;
    }
    Ok(Live { mobile: c.victim_mobile, id, registered_at })
}
