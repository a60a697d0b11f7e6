//! Demo data: two districts (Jaipur, Jodhpur) with their centres, a few staff, fifteen months
//! of past cases ([`history`]), forty fictional live cases (`data/demo/cases.json`) and what
//! they show ([`showcase`]), and a year of awareness programmes. Everything is recorded through
//! the application's own use-cases at moments relative to now ([`crate::clock::at`]), from
//! fixed dice: the same demo every time, only its dates move.
//!
//! [`tour`] finds again, on any later start, the pages the start-up message points to.

mod files;
pub mod history;
mod replay;
mod rng;
pub mod showcase;

use sahayak_domain::access::Role;
use sahayak_domain::case::Lang;
use serde::Deserialize;

use crate::cases::input::CaseInput;
use crate::clock;
use crate::store::{NewDistrict, NewUser, User};
use crate::web::AppState;
use replay::{Crew, Said, local};
use showcase::Live;

pub const LOGIN: &str = "supervisor";
pub const PASSWORD: &str = "sahayak-demo";

const CASES: &str = include_str!("../../data/demo/cases.json");
const MINUTE: i64 = 60_000;
const DAY: i64 = 24 * 60 * MINUTE;
/// The watch-list is set up this long ago: cases confirming its identifiers after it show the
/// alert.
const WATCH_LIST_DAYS: i64 = 120;

#[derive(Deserialize)]
struct DemoCase {
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

struct DemoUser {
    username: &'static str,
    name: &'static str,
    role: Role,
    districts: &'static [&'static str],
    lang: Lang,
}

const USERS: &[DemoUser] = &[
    DemoUser {
        username: "supervisor",
        name: "Anita Sharma",
        role: Role::Supervisor,
        districts: &["jaipur", "jodhpur"],
        lang: Lang::Hi,
    },
    DemoUser {
        username: "counsellor.jaipur",
        name: "Pooja Meena",
        role: Role::Counsellor,
        districts: &["jaipur"],
        lang: Lang::Hi,
    },
    DemoUser {
        username: "liaison.jaipur",
        name: "Vikram Singh Rathore",
        role: Role::PoliceLiaison,
        districts: &["jaipur"],
        lang: Lang::Hi,
    },
    DemoUser {
        username: "legal.jaipur",
        name: "Adv. Kavita Joshi",
        role: Role::LegalAdvisor,
        districts: &["jaipur"],
        lang: Lang::En,
    },
    DemoUser {
        username: "counsellor.jodhpur",
        name: "Imran Khan",
        role: Role::Counsellor,
        districts: &["jodhpur"],
        lang: Lang::Hi,
    },
    DemoUser {
        username: "admin.jaipur",
        name: "Rajesh Gupta",
        role: Role::Admin,
        districts: &["jaipur"],
        lang: Lang::Hi,
    },
    DemoUser { username: "state.admin", name: "State Admin", role: Role::StateAdmin, districts: &[], lang: Lang::En },
];

/// Each demo district's centre: (code, name, Hindi name, address, helpline). Fictional.
const CENTRES: &[(&str, &str, &str, &str, &str)] = &[
    (
        "jaipur",
        "Cyber Support Centre, Jaipur",
        "साइबर सहायता केंद्र, जयपुर",
        "Ground floor, Police Commissionerate, Bais Godam, Jaipur 302006 (demo)",
        "0141-2741930",
    ),
    (
        "jodhpur",
        "Cyber Support Centre, Jodhpur",
        "साइबर सहायता केंद्र, जोधपुर",
        "Police Lines, Ratanada, Jodhpur 342011 (demo)",
        "0291-2651930",
    ),
];

/// Suspect identifiers the police liaison put on the watch-list: (kind, value, note).
const WATCH_LIST: &[(&str, &str, &str)] = &[
    ("upi", "refundhelp.sbi@ybl", "Mule UPI ID in 1930 reports from Jaipur and Jodhpur (demo)"),
    ("bank_account", "50100234567891", "Mule account of 'Shivam Enterprises', frozen on a Jodhpur FIR (demo)"),
    ("phone", "+919163842075", "'CBI officer' caller in digital arrest cases (demo)"),
];

/// Loads the demo (once: it does nothing when demo users exist). Returns the cases added.
pub async fn load(state: &AppState) -> anyhow::Result<usize> {
    use tracing::instrument::WithSubscriber;
    // Each of the thousands of steps would log a line: only warnings are shown meanwhile.
    load_all(state).with_subscriber(crate::telemetry::quiet()).await
}

async fn load_all(state: &AppState) -> anyhow::Result<usize> {
    let store = &state.store;
    let jaipur = store
        .ensure_district(&NewDistrict { code: "jaipur", prefix: "JPR", name_en: "Jaipur", name_hi: "जयपुर" })
        .await?;
    let jodhpur = store
        .ensure_district(&NewDistrict {
            code: "jodhpur", prefix: "JDH", name_en: "Jodhpur", name_hi: "जोधपुर"
        })
        .await?;
    state.forget_districts();
    if store.user_for_login(LOGIN).await?.is_some() {
        return Ok(0);
    }
    let hash = state.passwords.hash(PASSWORD.to_owned()).await?;
    let mut users: Vec<User> = Vec::new();
    for u in USERS {
        let ids: Vec<i64> = u.districts.iter().map(|d| if *d == "jaipur" { jaipur.id } else { jodhpur.id }).collect();
        let created = store
            .create_user(&NewUser {
                username: u.username,
                display_name: u.name,
                password_hash: &hash,
                role: u.role,
                lang: u.lang,
                districts: &ids,
            })
            .await;
        let id = match created {
            Ok(id) => id,
            // Another server started at the same moment is loading the demo: it has the first
            // user, so it does the rest.
            Err(crate::store::StoreError::Duplicate(_)) if users.is_empty() => return Ok(0),
            Err(e) => return Err(e.into()),
        };
        users.push(store.user_by_id(id).await?);
    }
    let crew = Crew(users);
    let supervisor = crew.get(LOGIN)?;
    centres(state, supervisor).await?;
    // The stations and the legal services authority come from the directory's seed data; a
    // fictional lawyer and NGO show the rest of the legal-aid list.
    for (name, kind, practice) in [
        ("Adv. Rekha Sharma (demo)", "lawyer", "Cyber fraud, banking disputes, Lok Adalat"),
        ("Surakshit Jaipur Foundation (demo)", "ngo", "Counselling, help with complaints"),
    ] {
        let contact = crate::store::ContactFields {
            name: name.into(),
            kind: kind.into(),
            languages: Some("Hindi, English".into()),
            practice_areas: Some(practice.into()),
            active: true,
            ..Default::default()
        };
        store.add_legal_aid_contact(jaipur.id, &contact, supervisor.id).await?;
    }

    let now = clock::now_millis();
    let lib = history::Library::load()?;
    let past = history::plan(&lib, now);
    let live: Vec<DemoCase> = serde_json::from_str(CASES)?;
    let bar = indicatif::ProgressBar::new((past.len() + live.len()) as u64);
    let watch_from = now - WATCH_LIST_DAYS * DAY;
    let mut watching = false;
    for p in &past {
        if !watching && p.registered_at > watch_from {
            watch_list(state, &crew, watch_from).await?;
            watching = true;
        }
        replay::past_case(state, &crew, &lib, p).await?;
        bar.inc(1);
    }
    if !watching {
        watch_list(state, &crew, watch_from).await?;
    }
    let mut loaded = Vec::new();
    for c in live {
        loaded.push(live_case(state, &crew, c, now).await?);
        bar.inc(1);
    }
    bar.finish_and_clear();
    showcase::load(state, &crew, &showcase::Cases { live: &loaded, now }).await?;
    crate::awareness::demo::load(state, supervisor).await?;
    Ok(past.len() + loaded.len())
}

/// How many cases [`load`] adds when run at `now` (epoch ms).
pub fn case_count(now: i64) -> anyhow::Result<usize> {
    let live: Vec<serde_json::Value> = serde_json::from_str(CASES)?;
    Ok(history::plan(&history::Library::load()?, now).len() + live.len())
}

/// Each district's own centre name, address and helpline (shown on the public help page).
async fn centres(state: &AppState, by: &User) -> anyhow::Result<()> {
    for (code, name, name_hi, address, phone) in CENTRES {
        let Some(d) = state.store.district_by_code(code).await? else { continue };
        let holidays: Vec<crate::directory::districts::HolidayWrite> = state
            .store
            .district_holidays(d.id)
            .await?
            .into_iter()
            .filter(|h| h.calendar == crate::directory::districts::CALENDAR)
            .map(|h| crate::directory::districts::HolidayWrite {
                date: h.day,
                name_en: h.name_en,
                name_hi: h.name_hi,
                estimate: h.estimate != 0,
            })
            .collect();
        crate::directory::districts::edit(state, by, &d, (*name, *name_hi, *address, *phone), &holidays)
            .await
            .said("centre")?;
    }
    Ok(())
}

async fn watch_list(state: &AppState, crew: &Crew, at: i64) -> anyhow::Result<()> {
    let liaison = crew.get("liaison.jaipur")?;
    clock::at(at, async {
        for (kind, value, note) in WATCH_LIST {
            crate::identifiers::service::set_flag(state, liaison, kind, value, "watch", note)
                .await
                .said("watch-list")?;
        }
        anyhow::Ok(())
    })
    .await
}

/// One of the live cases: registered when the file says, then worked as its status says.
async fn live_case(state: &AppState, crew: &Crew, c: DemoCase, now: i64) -> anyhow::Result<Live> {
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
    let case = clock::at(registered_at, crate::cases::service::create(state, supervisor, &input))
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

/// Where the start-up message sends a newcomer: the cases it names, found by their victim's
/// mobile (so the tour works on every later start too).
pub struct Tour {
    pub urgent: Option<String>,
    pub evidence: Option<String>,
    pub trail: Option<String>,
    /// A ring's id, and the districts it spans.
    pub ring: Option<(i64, usize)>,
    /// The reference and access code of the victim's own page.
    pub victim: Option<(String, String)>,
}

pub async fn tour(state: &AppState) -> anyhow::Result<Tour> {
    use crate::store::{CaseFilter, Scope, SearchFilter};
    let find = |mobile: &'static str| async move {
        let filter = CaseFilter { search: Some(SearchFilter::Mobile(format!("+91{mobile}"))), ..Default::default() };
        let page = state.store.list_cases(&Scope::All, &filter, None, 1).await?;
        anyhow::Ok(page.items.into_iter().next())
    };
    let urgent = find(showcase::URGENT).await?.map(|c| c.reference);
    let evidence = find(showcase::EVIDENCE).await?.map(|c| c.reference);
    let trail = find(showcase::TRAIL).await?.map(|c| c.reference);
    let ring = match find(showcase::RING).await? {
        Some(c) => {
            let set = state.rings.get(&state.store).await?;
            set.by_case.get(&c.id).map(|i| (set.rings[*i].id, set.rings[*i].by_district.len()))
        }
        None => None,
    };
    let victim = match find(showcase::VICTIM).await? {
        Some(c) => {
            state.store.victim_code(c.id).await?.map(|(code, _)| (c.reference, crate::victim::display_code(&code)))
        }
        None => None,
    };
    Ok(Tour { urgent, evidence, trail, ring, victim })
}

impl Tour {
    /// The lines of the start-up message, for a server at `base` (`http://127.0.0.1:8080`).
    pub fn lines(&self, base: &str) -> Vec<String> {
        let mut out =
            vec![format!("Demo sign-in: {LOGIN} / {PASSWORD} (the other demo staff share the password). Try:")];
        let mut item = |what: &str, path: String| out.push(format!("  {what:<26} {base}{path}"));
        item("the work queue", "/queue".into());
        if let Some(r) = &self.urgent {
            item("an urgent case", format!("/cases/{r}"));
        }
        if let Some(r) = &self.evidence {
            item("evidence and custody", format!("/cases/{r}#evidence"));
        }
        if let Some(r) = &self.trail {
            item("a money trail with holds", format!("/cases/{r}#trail"));
        }
        if let Some((id, _)) = &self.ring {
            item("a fraud ring", format!("/rings/{id}"));
        }
        item("the dashboard", "/dashboard".into());
        if let Some((reference, code)) = &self.victim {
            item("the victim's own page", format!("/track   (reference {reference}, access code {code})"));
        }
        item("the public help page", "/help?district=jaipur".into());
        out
    }
}
