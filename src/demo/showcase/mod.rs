//! What the demo's live cases show beyond intake, each thing on the case where it belongs:
//! evidence with its custody and a copy for the portal, money trails with layers, holds and
//! restoration, counselling (one session raising a risk flag), referrals with news and one gone
//! stale, follow-up calls, the victim's access code and messages.
//!
//! Cases are named by their victim's mobile (`data/demo/cases.json`); every step runs through
//! the use-case the staff would use, at a moment between the case's intake and now.

mod care;
mod evidence;
mod money;

use super::replay::Crew;
use crate::web::AppState;

const MINUTE: i64 = 60_000;
const HOUR: i64 = 60 * MINUTE;
const DAY: i64 = 24 * HOUR;

/// The victims (by mobile) whose cases the start-up message points to.
pub const URGENT: &str = "9001673940";
pub const EVIDENCE: &str = "9001042817";
pub const TRAIL: &str = "9001624570";
pub const RING: &str = "9001784051";
pub const VICTIM: &str = "9001124680";
/// The victim's access code on [`VICTIM`]'s case (from the code alphabet: no 0, 1, I or O).
pub const VICTIM_CODE: &str = "SAHAYAK22345";

/// A live case as loaded: its id and when it was registered.
pub struct Live {
    pub mobile: String,
    pub id: i64,
    pub registered_at: i64,
}

pub struct Cases<'a> {
    pub live: &'a [Live],
    pub now: i64,
}

impl Cases<'_> {
    pub fn get(&self, mobile: &str) -> anyhow::Result<&Live> {
        self.live.iter().find(|c| c.mobile == mobile).ok_or_else(|| anyhow::anyhow!("demo case {mobile} missing"))
    }

    /// The case and a moment `share` of the way from its intake to now (at least `min_after`
    /// after intake, never later than now).
    pub fn when(&self, mobile: &str, share: f64, min_after: i64) -> anyhow::Result<(i64, i64)> {
        let c = self.get(mobile)?;
        let span = (self.now - c.registered_at) as f64;
        let t = (c.registered_at + (span * share) as i64).max(c.registered_at + min_after).min(self.now);
        Ok((c.id, t))
    }
}

pub async fn load(state: &AppState, crew: &Crew, cases: &Cases<'_>) -> anyhow::Result<()> {
    evidence::load(state, crew, cases).await?;
    money::load(state, crew, cases).await?;
    care::counselling(state, crew, cases).await?;
    care::referrals(state, crew, cases).await?;
    care::victim(state, crew, cases).await?;
    Ok(())
}
