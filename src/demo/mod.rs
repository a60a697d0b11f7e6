//! Demo data: two districts (Jaipur, Jodhpur), a few staff, and 40 fictional cases whose dates
//! are set relative to now, so the golden-hour cases always look fresh.

use sahayak_domain::access::Role;
use sahayak_domain::case::Lang;
use serde::Deserialize;

use crate::cases::input::CaseInput;
use crate::store::{NewDistrict, NewUser, User};
use crate::web::AppState;

pub const LOGIN: &str = "supervisor";
pub const PASSWORD: &str = "sahayak-demo";

const CASES: &str = include_str!("../data/demo/cases.json");

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

/// Loads the demo (once: it does nothing when demo users exist). Returns the cases added.
pub async fn load(state: &AppState) -> anyhow::Result<usize> {
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
    let by_name = |name: &str| users.iter().find(|u| u.username == name);
    let supervisor = by_name(LOGIN).ok_or_else(|| anyhow::anyhow!("demo supervisor missing"))?;
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

    let cases: Vec<DemoCase> = serde_json::from_str(CASES)?;
    let now = chrono::Utc::now();
    let ist_local = |minutes_ago: i64| sahayak_domain::time::to_ist_local(now - chrono::Duration::minutes(minutes_ago));
    let bar = indicatif::ProgressBar::new(cases.len() as u64);
    let mut added = 0;
    for c in cases {
        let input = CaseInput {
            district: c.district,
            channel: c.channel,
            victim_name: c.victim_name,
            victim_mobile: c.victim_mobile,
            victim_lang: c.victim_lang,
            victim_age: c.victim_age.map(|a| a.to_string()).unwrap_or_default(),
            victim_gender: c.victim_gender.unwrap_or_default(),
            victim_address: c.victim_address.unwrap_or_default(),
            narrative: c.narrative,
            incident_at: ist_local(c.incident_minutes_ago),
            noticed_at: ist_local(c.noticed_minutes_ago),
            category: c.category,
            sub_category: c.sub_category.unwrap_or_default(),
            category_other: c.category_other.unwrap_or_default(),
            scam_pattern: c.scam_pattern,
            amount_lost: String::new(),
            amount_lost_paise: c.amount_lost_paise,
            payment_channel: c.payment_channel.unwrap_or_default(),
            suspect_details: c.suspect_details.unwrap_or_default(),
            pasted_messages: String::new(),
            money_left: if c.amount_lost_paise.unwrap_or(0) > 0 { "yes".into() } else { "no".into() },
            money_left_at: if c.amount_lost_paise.unwrap_or(0) > 0 {
                ist_local(c.incident_minutes_ago)
            } else {
                String::new()
            },
            assignee: c.assignee.as_deref().and_then(by_name).map(|u| u.id.to_string()).unwrap_or_default(),
        };
        let case = crate::cases::service::create(state, supervisor, &input)
            .await
            .map_err(|e| anyhow::anyhow!("demo case for {} is not valid: {e:?}", input.district))?;
        let handle =
            crate::cases::access::open(state, supervisor, case.id).await.map_err(|e| anyhow::anyhow!("{e}"))?;
        for note in &c.notes {
            crate::cases::service::add_note(state, supervisor, &handle, note)
                .await
                .map_err(|e| anyhow::anyhow!("{e}"))?;
        }
        // Cases already worked have their identifiers confirmed; new ones still propose them.
        if c.status != "new" {
            let confirmed = state.store.case_identifiers(case.id).await?;
            let picks: Vec<(String, String)> = crate::identifiers::service::proposals(&handle, &confirmed)
                .into_iter()
                .map(|p| (p.kind.as_str().to_owned(), p.value))
                .collect();
            if !picks.is_empty() {
                crate::identifiers::service::confirm(state, supervisor, &handle, &picks)
                    .await
                    .map_err(|e| anyhow::anyhow!("demo identifiers: {e:?}"))?;
            }
        }
        // Worked money cases had 1930 called, the bank told and the portal complaint filed.
        if c.status != "new" && c.amount_lost_paise.unwrap_or(0) > 0 {
            let at = ist_local(c.noticed_minutes_ago.saturating_sub(5));
            for (action, reference) in
                [("helpline_1930", "3161226001"), ("bank_block", "BNK"), ("portal_filed", "3161226002")]
            {
                let reference = format!("{reference}{:04}", case.id);
                let input = crate::triage::ActionInput { action, done_at: &at, reference: &reference, note: "" };
                crate::triage::record(state, supervisor, &handle, &input)
                    .await
                    .map_err(|e| anyhow::anyhow!("demo action: {e:?}"))?;
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
            crate::triage::advice::save(state, supervisor, &handle, &input)
                .await
                .map_err(|e| anyhow::anyhow!("demo payment facts: {e:?}"))?;
        }
        walk_to(state, supervisor, case.id, &c.status, c.closure_reason.as_deref()).await?;
        added += 1;
        bar.inc(1);
    }
    bar.finish_and_clear();
    crate::awareness::demo::load(state, supervisor).await?;
    Ok(added)
}

/// Moves a new case through the workflow to `status`, as a worker would.
async fn walk_to(state: &AppState, user: &User, id: i64, status: &str, reason: Option<&str>) -> anyhow::Result<()> {
    let path: &[&str] = match status {
        "new" => &[],
        "in_progress" => &["in_progress"],
        "referred" => &["in_progress", "referred"],
        "closed" => &["in_progress", "closed"],
        other => &["in_progress", other],
    };
    for step in path {
        let handle = crate::cases::access::open(state, user, id).await.map_err(|e| anyhow::anyhow!("{e}"))?;
        if *step == "referred" {
            // A child's consent is given by a guardian.
            let minor = crate::privacy::consent::is_minor(&handle);
            let consent = crate::privacy::consent::ConsentInput {
                purpose: "referral_police",
                given: true,
                given_by: if minor { "guardian" } else { "victim" },
                guardian_name: if minor { "Guardian (demo)" } else { "" },
                note: "",
            };
            crate::privacy::consent::record(state, user, &handle, &consent)
                .await
                .map_err(|e| anyhow::anyhow!("demo consent: {e:?}"))?;
        }
        let reason = if *step == "closed" { reason.unwrap_or("resolved") } else { "" };
        crate::cases::service::change_status(state, user, &handle, step, reason, "", "")
            .await
            .map_err(|e| anyhow::anyhow!("demo status {step}: {e:?}"))?;
    }
    Ok(())
}
