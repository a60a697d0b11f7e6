//! Demo data: two districts (Jaipur, Jodhpur) with their centres, a few staff, fifteen months
//! of past cases ([`history`]), forty fictional live cases (`data/demo/cases.json`) and what
//! they show ([`showcase`]), and a year of awareness programmes. Everything is recorded through
//! the application's own use-cases at moments relative to now ([`crate::clock::at`]), from
//! fixed dice: the same demo every time, only its dates move.
//!
//! [`tour`] finds again, on any later start, the pages the start-up message points to.

mod files;
pub mod history;
mod live;
mod replay;
mod rng;
pub mod showcase;
mod tour;

pub use tour::{Tour, tour};

use sahayak_domain::access::Role;
use sahayak_domain::case::Lang;

use crate::clock;
use crate::store::{NewDistrict, NewUser, User};
use crate::web::AppState;
use replay::{Crew, Said};

pub const LOGIN: &str = "supervisor";
pub const PASSWORD: &str = "sahayak-demo";

const MINUTE: i64 = 60_000;
const DAY: i64 = 24 * 60 * MINUTE;
/// The watch-list is set up this long ago: cases confirming its identifiers after it show the
/// alert.
const WATCH_LIST_DAYS: i64 = 120;

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

    let now = state.now_millis();
    let lib = history::Library::load()?;
    let past = history::plan(&lib, now);
    let live: Vec<live::DemoCase> = serde_json::from_str(live::CASES)?;
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
        loaded.push(live::live_case(state, &crew, c, now).await?);
        bar.inc(1);
    }
    bar.finish_and_clear();
    showcase::load(state, &crew, &showcase::Cases { live: &loaded, now }).await?;
    crate::awareness::demo::load(state, supervisor).await?;
    Ok(past.len() + loaded.len())
}

/// How many cases [`load`] adds when run at `now` (epoch ms).
pub fn case_count(now: i64) -> anyhow::Result<usize> {
    let live: Vec<serde_json::Value> = serde_json::from_str(live::CASES)?;
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
