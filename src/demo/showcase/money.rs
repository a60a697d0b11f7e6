//! Money trails with layers and holds, and restorations, on the live cases that speak of them
//! (`data/demo/money.toml`).

use serde::Deserialize;

use super::{Cases, DAY, HOUR, MINUTE};
use crate::clock;
use crate::demo::replay::{Crew, Said, local, open, rupees};
use crate::web::AppState;

const MONEY: &str = include_str!("../../../data/demo/money.toml");

#[derive(Deserialize)]
struct Money {
    trail: Vec<Trail>,
    restoration: Vec<Restoration>,
}

#[derive(Deserialize)]
struct Trail {
    victim: String,
    by: String,
    share: f64,
    rows: Vec<Row>,
}

#[derive(Deserialize)]
struct Row {
    layer: i64,
    bank: String,
    from: String,
    #[serde(default)]
    to: String,
    #[serde(default)]
    ifsc: String,
    #[serde(default)]
    utr: String,
    minutes: i64,
    rupees: i64,
    action: String,
    #[serde(default)]
    held: i64,
    #[serde(default)]
    remarks: String,
}

#[derive(Deserialize)]
struct Restoration {
    victim: String,
    by: String,
    share: f64,
    route: String,
    status: String,
    amount: i64,
    #[serde(default)]
    restored: i64,
    #[serde(default)]
    note: String,
}

pub async fn load(state: &AppState, crew: &Crew, cases: &Cases<'_>) -> anyhow::Result<()> {
    let money: Money = toml::from_str(MONEY)?;
    for t in &money.trail {
        let user = crew.get(&t.by)?;
        let registered = cases.get(&t.victim)?.registered_at;
        let (id, at) = cases.when(&t.victim, t.share, HOUR)?;
        clock::at(at, async {
            let handle = open(state, user, id).await?;
            for r in &t.rows {
                let some = |s: &str| (!s.is_empty()).then(|| s.to_owned());
                let when = local((registered + r.minutes * MINUTE).min(at));
                let input = crate::trail::service::TrailInput {
                    layer: Some(r.layer.to_string()),
                    bank: some(&r.bank),
                    from_account: some(&r.from),
                    to_account: some(&r.to),
                    ifsc: some(&r.ifsc),
                    utr: some(&r.utr),
                    at: Some(when.clone()),
                    amount: Some(r.rupees.to_string()),
                    disputed: Some(r.rupees.to_string()),
                    action: Some(r.action.clone()),
                    hold_amount: (r.held > 0).then(|| r.held.to_string()),
                    hold_at: (r.held > 0).then_some(when),
                    remarks: some(&r.remarks),
                };
                crate::trail::service::add(state, user, &handle, &input).await.said("trail")?;
            }
            anyhow::Ok(())
        })
        .await?;
    }
    for r in &money.restoration {
        let user = crew.get(&r.by)?;
        let (id, at) = cases.when(&r.victim, r.share, DAY)?;
        clock::at(at, async {
            let handle = open(state, user, id).await?;
            let input = crate::trail::service::RestorationInput {
                id: None,
                route: r.route.clone(),
                status: r.status.clone(),
                amount: rupees(r.amount * 100),
                restored: Some(rupees(r.restored * 100)),
                note: (!r.note.is_empty()).then(|| r.note.clone()),
            };
            crate::trail::service::save_restoration(state, user, &handle, &input).await.said("restoration")
        })
        .await?;
    }
    Ok(())
}
