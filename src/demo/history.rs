//! The demo centre's past: about fifteen months of cases in both districts, drawn from the
//! scenarios in `data/demo/history.toml` with fixed dice, so the same history comes out every
//! time (only its dates move with today). [`plan`] is pure; `replay` records the plan through
//! the application's use-cases.
//!
//! The shape is a centre that grows: more cases each month, and a larger share of money cases
//! reaching it within the golden hour as its awareness programmes go on. Old cases are mostly
//! closed, with the usual spread of closure reasons; recent ones are still being worked.

use std::collections::BTreeMap;

use chrono::{Days, NaiveTime, TimeZone};
use sahayak_domain::money::Paise;
use serde::Deserialize;

use super::rng::Dice;

const LIBRARY: &str = include_str!("../../data/demo/history.toml");

pub const SEED: u64 = 0x5A4A_5941_4B32_3023;
/// How far back the history goes: fifteen slices of thirty days.
pub const SLICES: i64 = 15;
const SLICE_DAYS: i64 = 30;
const MINUTE: i64 = 60_000;
const HOUR: i64 = 60 * MINUTE;
const DAY: i64 = 24 * HOUR;

#[derive(Deserialize)]
pub struct Library {
    scenario: Vec<Scenario>,
    gangs: BTreeMap<String, Gang>,
    names: Names,
    banks: Pair,
    places: Places,
}

#[derive(Deserialize)]
pub struct Scenario {
    pub pattern: String,
    pub category: String,
    #[serde(default)]
    pub category_other: String,
    pub sub_category: String,
    pub payment: String,
    weight: u32,
    rupees: [i64; 2],
    golden_bias: f64,
    gang: String,
    gang_share: f64,
    hi: String,
    en: String,
    suspect: String,
}

#[derive(Deserialize, Default)]
struct Gang {
    #[serde(default)]
    upi: Vec<String>,
    #[serde(default)]
    phone: Vec<String>,
    #[serde(default)]
    site: Vec<String>,
    #[serde(default)]
    handle: Vec<String>,
    #[serde(default)]
    account: Vec<[String; 2]>,
}

#[derive(Deserialize)]
struct Names {
    hi_male: Vec<String>,
    hi_female: Vec<String>,
    hi_family: Vec<String>,
    en_male: Vec<String>,
    en_female: Vec<String>,
    en_family: Vec<String>,
}

#[derive(Deserialize)]
struct Pair {
    hi: Vec<String>,
    en: Vec<String>,
}

#[derive(Deserialize)]
struct Places {
    jaipur_hi: Vec<String>,
    jaipur_en: Vec<String>,
    jodhpur_hi: Vec<String>,
    jodhpur_en: Vec<String>,
}

impl Library {
    pub fn load() -> anyhow::Result<Library> {
        Ok(toml::from_str(LIBRARY)?)
    }

    pub fn scenario(&self, i: usize) -> &Scenario {
        &self.scenario[i]
    }
}

/// One past case: who came, what happened, and what the centre did, as instants (epoch ms).
#[derive(Debug, Clone, PartialEq)]
pub struct Planned {
    pub district: &'static str,
    pub scenario: usize,
    pub registered_at: i64,
    pub channel: &'static str,
    pub lang: &'static str,
    pub name: String,
    pub mobile: String,
    pub age: i64,
    pub gender: &'static str,
    pub address: String,
    pub narrative: String,
    pub suspect: String,
    /// The victim's bank, where the money left from (for the money trail).
    pub bank: String,
    /// Where the money went first (a UPI ID or an account), and the debit's UTR.
    pub payee: String,
    pub utr: String,
    pub amount_paise: Option<i64>,
    pub incident_at: i64,
    pub noticed_at: i64,
    /// When the money left, for a money case.
    pub money_left_at: Option<i64>,
    /// Who registered and works the case (a demo username).
    pub worker: &'static str,
    pub life: Life,
}

/// What happened to a case after intake.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Life {
    pub status: &'static str,
    pub closure_reason: Option<&'static str>,
    /// The worker took it up (in progress), confirmed its identifiers, called 1930 and the bank.
    pub worked_at: Option<i64>,
    pub portal_filed_at: Option<i64>,
    pub referred_at: Option<i64>,
    /// When it moved to one of the "awaiting" statuses.
    pub waiting_at: Option<i64>,
    pub closed_at: Option<i64>,
    /// The money trail: the victim's debit, and what the first bank did with it.
    pub trail_at: Option<i64>,
    pub held_paise: Option<i64>,
    /// (route, status, restored paise, when).
    pub restoration: Option<(&'static str, &'static str, i64, i64)>,
    /// Follow-up calls made after closure: (reached, score).
    pub follow_up_calls: Vec<(bool, Option<i64>)>,
}

impl Planned {
    pub fn is_money(&self) -> bool {
        self.amount_paise.is_some_and(|a| a > 0)
    }
}

/// The history as of `now` (epoch ms): cases registered from `SLICES` × 30 days ago up to the
/// day before, oldest first.
pub fn plan(lib: &Library, now: i64) -> Vec<Planned> {
    let mut dice = Dice::new(SEED);
    let today = sahayak_domain::time::from_millis(now).with_timezone(&sahayak_domain::time::ist()).date_naive();
    let mut out = Vec::new();
    for slice in (0..SLICES).rev() {
        // 0 for the oldest slice, 1 for the latest: the centre grows and gets known.
        let growth = (SLICES - 1 - slice) as f64 / (SLICES - 1) as f64;
        let golden_share = (0.12 + 0.33 * growth + (dice.unit() - 0.5) * 0.16).clamp(0.05, 0.9);
        for (district, base, extra) in [("jaipur", 5.0, 6.0), ("jodhpur", 2.0, 4.0)] {
            let count = (base + extra * growth).round() as i64 + dice.range(-1, 2);
            for _ in 0..count.max(1) {
                // Days ago: within the slice, never today (today belongs to the live cases).
                let days_ago = slice * SLICE_DAYS + dice.range(1, SLICE_DAYS);
                // Each case rolls its own dice: what one case draws (which may depend on the time
                // of day) never shifts the cases after it.
                let mut own = Dice::new(dice.next_u64());
                out.push(one(lib, &mut own, district, today, days_ago, golden_share, now));
            }
        }
    }
    out.sort_by_key(|c| c.registered_at);
    out
}

fn one(
    lib: &Library,
    dice: &mut Dice,
    district: &'static str,
    today: chrono::NaiveDate,
    days_ago: i64,
    golden_share: f64,
    now: i64,
) -> Planned {
    let weights: Vec<u32> = lib.scenario.iter().map(|s| s.weight).collect();
    let index = dice.weighted(&weights);
    let s = &lib.scenario[index];
    let channel =
        ["walk_in", "helpline_call", "whatsapp_helpline", "police_referral"][dice.weighted(&[45, 30, 15, 10])];
    let hindi = dice.chance(if district == "jaipur" { 0.7 } else { 0.85 });
    let lang = if hindi { "hi" } else { "en" };
    let female = dice.chance(0.42);
    let n = &lib.names;
    let name = match (hindi, female) {
        (true, false) => format!("{} {}", dice.pick(&n.hi_male), dice.pick(&n.hi_family)),
        (true, true) => format!("{} {}", dice.pick(&n.hi_female), dice.pick(&n.hi_family)),
        (false, false) => format!("{} {}", dice.pick(&n.en_male), dice.pick(&n.en_family)),
        (false, true) => format!("{} {}", dice.pick(&n.en_female), dice.pick(&n.en_family)),
    };
    let places = match (district, hindi) {
        ("jaipur", true) => &lib.places.jaipur_hi,
        ("jaipur", false) => &lib.places.jaipur_en,
        (_, true) => &lib.places.jodhpur_hi,
        (_, false) => &lib.places.jodhpur_en,
    };
    let address = format!("{} {}, {}", if hindi { "मकान" } else { "House" }, dice.range(2, 240), dice.pick(places));
    // Mobiles of the past cases start 70–79 and never repeat within the plan (the live cases'
    // start elsewhere, so a search by mobile finds one of them).
    let mobile = format!("7{}{}", dice.range(0, 9), dice.digits(8));

    // The hour of registration follows the channel: the desk by day, the helpline into the night.
    let minute_of_day = match channel {
        "walk_in" | "police_referral" => dice.range(10 * 60, 17 * 60 + 30),
        "helpline_call" => [dice.range(7 * 60, 12 * 60), dice.range(12 * 60, 19 * 60), dice.range(19 * 60, 23 * 60)]
            [dice.weighted(&[25, 35, 40])],
        _ => dice.range(8 * 60, 22 * 60),
    };
    let day = today.checked_sub_days(Days::new(days_ago as u64)).unwrap_or(today);
    let time = NaiveTime::from_num_seconds_from_midnight_opt(minute_of_day as u32 * 60, 0).unwrap_or(NaiveTime::MIN);
    let registered_at = sahayak_domain::time::ist()
        .from_local_datetime(&day.and_time(time))
        .single()
        .map_or(now - days_ago * DAY, |t| t.timestamp_millis())
        .min(now - 2 * HOUR);

    let amount_paise = money(dice, s.rupees);
    let golden = amount_paise.is_some() && dice.chance((golden_share * s.golden_bias).min(0.95));
    let (incident_at, money_left_at, noticed_at) = match amount_paise {
        Some(_) => {
            let before = if golden {
                dice.range(8, 55) * MINUTE
            } else {
                [dice.range(70, 360) * MINUTE, dice.range(6, 48) * HOUR, dice.range(2, 10) * DAY]
                    [dice.weighted(&[35, 35, 30])]
            };
            let left = registered_at - before;
            // Schemes that run for weeks (tasks, investments) began well before the last payment.
            let lead = if matches!(s.pattern.as_str(), "task_job" | "investment") {
                dice.range(3, 40) * DAY
            } else {
                dice.range(2, 30) * MINUTE
            };
            (left - lead, Some(left), left + (registered_at - left) / 3)
        }
        None => {
            let incident = registered_at - dice.range(2 * 60, 6 * 24 * 60) * MINUTE;
            (incident, None, incident + (registered_at - incident) / 2)
        }
    };

    let worker = match district {
        "jaipur" if s.pattern == "digital_arrest" || channel == "police_referral" => "liaison.jaipur",
        "jaipur" => "counsellor.jaipur",
        _ => "counsellor.jodhpur",
    };
    let mut planned = Planned {
        district,
        scenario: index,
        registered_at,
        channel,
        lang,
        name,
        mobile,
        age: dice.range(19, 74),
        gender: if female { "female" } else { "male" },
        address,
        narrative: String::new(),
        suspect: String::new(),
        bank: String::new(),
        payee: String::new(),
        utr: String::new(),
        amount_paise,
        incident_at,
        noticed_at,
        money_left_at,
        worker,
        life: Life::default(),
    };
    let t = texts(lib, dice, s, &planned, hindi);
    (planned.narrative, planned.suspect, planned.bank, planned.payee, planned.utr) =
        (t.narrative, t.suspect, t.bank, t.payee, t.utr);
    planned.life = life(dice, &planned, golden, days_ago, now);
    planned
}

/// An amount in the scenario's range, spread evenly on a log scale and rounded as people say
/// it; `None` when no money was lost.
fn money(dice: &mut Dice, [lo, hi]: [i64; 2]) -> Option<i64> {
    if hi == 0 || (lo == 0 && dice.chance(0.3)) {
        return None;
    }
    let lo = lo.max(1000) as f64;
    let rupees = lo * (hi as f64 / lo).powf(dice.unit());
    let step = if rupees < 20_000.0 { 100.0 } else { 500.0 };
    Some(((rupees / step).round() * step) as i64 * 100)
}

struct Texts {
    narrative: String,
    suspect: String,
    bank: String,
    payee: String,
    utr: String,
}

/// The victim's narrative and suspect details, with the gang's identifiers or fresh ones.
fn texts(lib: &Library, dice: &mut Dice, s: &Scenario, p: &Planned, hindi: bool) -> Texts {
    let gang = lib.gangs.get(&s.gang);
    let shared = gang.is_some() && dice.chance(s.gang_share);
    let from_gang = |list: &Vec<String>, dice: &mut Dice| (shared && !list.is_empty()).then(|| dice.pick(list).clone());
    let empty = Gang::default();
    let g = gang.unwrap_or(&empty);
    let upi = from_gang(&g.upi, dice).unwrap_or_else(|| {
        let who = ["rahul", "pay", "refund", "helpdesk", "shop", "kumar", "care", "support"];
        let psp = ["ybl", "ibl", "axl", "paytm", "okaxis", "oksbi"];
        format!("{}.{}{}@{}", dice.pick(&who), dice.pick(&who), dice.range(10, 999), dice.pick(&psp))
    });
    let phone = from_gang(&g.phone, dice).unwrap_or_else(|| format!("9{}{}", dice.range(1, 9), dice.digits(8)));
    let site = from_gang(&g.site, dice).unwrap_or_else(|| {
        let stem = ["secure-update", "rewards-claim", "kyc-verify", "bill-pay", "trade-pro", "fastloan"];
        format!("{}-{}.{}", dice.pick(&stem), dice.range(10, 99), dice.pick(&["in", "xyz", "top", "online"]))
    });
    let handle = from_gang(&g.handle, dice).unwrap_or_else(|| format!("@task_hr_{}", dice.range(100, 999)));
    let (account, ifsc) = match (shared, g.account.is_empty()) {
        (true, false) => {
            let [a, i] = dice.pick(&g.account).clone();
            (a, i)
        }
        _ => {
            let codes = ["SBIN0031588", "HDFC0004521", "ICIC0006310", "PUNB0124500", "BARB0JAIPUR", "UTIB0004012"];
            let len = dice.range(11, 14) as usize;
            (dice.digits(len), (*dice.pick(&codes)).to_owned())
        }
    };
    let utr = dice.digits(12);
    let which = dice.range(0, lib.banks.en.len() as i64 - 1) as usize;
    let bank = if hindi { &lib.banks.hi[which] } else { &lib.banks.en[which] };
    let amount = Paise::new(p.amount_paise.unwrap_or(0)).map(|a| a.to_string()).unwrap_or_default();
    let fill = |t: &str| {
        t.replace("{amount}", &amount)
            .replace("{upi}", &upi)
            .replace("{phone}", &phone)
            .replace("{site}", &site)
            .replace("{handle}", &handle)
            .replace("{account}", &account)
            .replace("{ifsc}", &ifsc)
            .replace("{utr}", &utr)
            .replace("{bank}", bank)
    };
    Texts {
        narrative: fill(if hindi { &s.hi } else { &s.en }),
        suspect: fill(&s.suspect),
        bank: lib.banks.en[which].clone(),
        payee: if s.payment == "upi" { upi } else { format!("{account} ({ifsc})") },
        utr,
    }
}

/// What the centre did with the case, by how many days ago it came in.
fn life(dice: &mut Dice, p: &Planned, golden: bool, age_days: i64, now: i64) -> Life {
    let reg = p.registered_at;
    let statuses = ["new", "in_progress", "awaiting_bank", "awaiting_victim", "awaiting_police", "referred", "closed"];
    let weights: [u32; 7] = if age_days >= 60 {
        [0, 0, 2, 0, 5, 2, 91]
    } else if age_days >= 14 {
        [0, 12, 8, 7, 10, 8, 55]
    } else {
        [22, 35, 12, 10, 0, 6, 15]
    };
    let status = statuses[dice.weighted(&weights)];
    let mut life = Life { status, ..Life::default() };
    if status == "new" {
        return life;
    }
    // Before now, whatever the dice say.
    let by = |t: i64| t.min(now - 30 * MINUTE);
    let worked = reg + dice.range(3, 25) * MINUTE;
    life.worked_at = Some(by(worked));
    let room = (now - worked).max(HOUR);
    // A step some time after `from`, in `lo..=hi` hours, before now.
    let later = |dice: &mut Dice, from: i64, lo: i64, hi: i64| by(from + dice.range(lo * 60, hi * 60) * MINUTE);

    if p.is_money() {
        // The portal complaint: before intake (the victim filed it), or an hour, a day, a week later.
        life.portal_filed_at = Some(match dice.weighted(&[10, 40, 30, 15, 5]) {
            0 => reg - dice.range(20, 300) * MINUTE,
            1 => by(worked + dice.range(5, 50) * MINUTE),
            2 => later(dice, worked, 1, 24),
            3 => later(dice, worked, 24, 7 * 24),
            _ => later(dice, worked, 7 * 24, 20 * 24),
        });
        // Banks hold more of what is reported fast.
        if dice.chance(if golden { 0.85 } else { 0.45 }) {
            let trail_at = later(dice, worked, 2, 6 * 24);
            life.trail_at = Some(trail_at);
            if dice.chance(if golden { 0.8 } else { 0.4 }) {
                let amount = p.amount_paise.unwrap_or(0);
                let held = amount * dice.range(20, 95) / 100 / 100 * 100;
                life.held_paise = Some(held.max(100));
                if age_days > 40 && dice.chance(0.6) {
                    // Under ₹50,000 the bank may release it on the SOP's request; above, a
                    // Magistrate's order or a settlement at the Lok Adalat (small ones too).
                    let route = match (held < 5_000_000, dice.unit()) {
                        (true, u) if u < 0.85 => "admin_under_50k",
                        (false, u) if u < 0.6 => "magistrate_order",
                        _ => "lok_adalat",
                    };
                    let when = later(dice, trail_at, 20 * 24, 40 * 24);
                    let refunded = dice.chance(0.8);
                    life.restoration = Some(if refunded {
                        (route, "refunded", held, when)
                    } else {
                        (route, if route == "admin_under_50k" { "applied" } else { "ordered" }, 0, when)
                    });
                }
            }
        }
    }
    if status == "closed" {
        let closed = later(dice, worked, 24, (room / HOUR).clamp(25, 45 * 24));
        let closed = life.restoration.map_or(closed, |(_, _, _, at)| closed.max(by(at + DAY)));
        life.closed_at = Some(closed);
        let reason = if life.restoration.is_some_and(|r| r.2 > 0) {
            "money_restored"
        } else if p.is_money() {
            ["handed_to_police", "resolved", "victim_not_pursuing", "unreachable", "duplicate"]
                [dice.weighted(&[30, 20, 12, 8, 4])]
        } else {
            ["advice_only", "resolved", "no_cognizable_offence", "handed_to_police", "unreachable", "duplicate"]
                [dice.weighted(&[35, 30, 10, 10, 8, 5])]
        };
        life.closure_reason = Some(reason);
        if reason == "handed_to_police" {
            life.referred_at = Some(later(dice, worked, 1, ((closed - worked) / HOUR).max(2)).min(closed - MINUTE));
        }
        if !matches!(reason, "unreachable" | "duplicate") {
            for (days, share) in [(7, 0.75), (30, 0.55)] {
                let (called, reached, asked, score) = (
                    dice.chance(share),
                    dice.chance(0.8),
                    dice.chance(0.85),
                    [5, 4, 4, 3, 5, 2][dice.range(0, 5) as usize],
                );
                if called && closed + (days + 1) * DAY < now {
                    life.follow_up_calls.push((reached, (reached && asked).then_some(score)));
                }
            }
        }
    } else if status == "referred" {
        life.referred_at = Some(later(dice, worked, 1, 72));
    } else if status.starts_with("awaiting") {
        life.waiting_at = Some(later(dice, worked, 2, 72));
    }
    life
}

#[cfg(test)]
mod tests {
    use super::*;

    /// 7 December 2026, 21:58 IST.
    const NOW: i64 = 1_796_660_880_000;

    #[test]
    fn the_same_history_every_time() {
        let lib = Library::load().unwrap();
        let (a, b) = (plan(&lib, NOW), plan(&lib, NOW));
        assert_eq!(a, b);
        // A day later the same cases come in a day later.
        let c = plan(&lib, NOW + DAY);
        assert_eq!(a.len(), c.len());
        assert!(a.iter().zip(&c).all(|(x, y)| y.registered_at - x.registered_at == DAY && x.narrative == y.narrative));
    }

    #[test]
    fn the_time_of_day_changes_nothing_but_the_dates() {
        let lib = Library::load().unwrap();
        let morning = plan(&lib, NOW - 17 * HOUR);
        for later in [NOW - 11 * HOUR, NOW - 5 * HOUR, NOW] {
            let other = plan(&lib, later);
            assert_eq!(morning.len(), other.len());
            for (a, b) in morning.iter().zip(&other) {
                assert_eq!(
                    (&a.narrative, a.amount_paise, a.life.status),
                    (&b.narrative, b.amount_paise, b.life.status)
                );
                assert_eq!(a.life.closure_reason, b.life.closure_reason);
            }
        }
    }

    #[test]
    fn every_month_has_cases_in_both_districts_and_the_golden_share_moves() {
        let lib = Library::load().unwrap();
        let cases = plan(&lib, NOW);
        assert!((120..=220).contains(&cases.len()), "{}", cases.len());
        let month = |t: i64| crate::store::Month::of_millis(t).to_string();
        let mut by_month: BTreeMap<String, (usize, usize, usize, usize)> = BTreeMap::new();
        for c in &cases {
            assert!(c.registered_at < NOW && c.incident_at <= c.noticed_at && c.noticed_at <= c.registered_at);
            let e = by_month.entry(month(c.registered_at)).or_default();
            if c.district == "jaipur" {
                e.0 += 1;
            } else {
                e.1 += 1;
            }
            if let Some(left) = c.money_left_at {
                e.2 += 1;
                e.3 += usize::from(c.registered_at - left <= HOUR);
            }
        }
        // The fourteen full months before this one, and this one.
        assert!(by_month.len() >= 15, "{by_month:?}");
        let full: Vec<_> = by_month.values().skip(1).collect();
        assert!(full.iter().take(14).all(|(j, d, _, _)| *j > 0 && *d > 0), "{by_month:?}");
        let shares: Vec<i64> = full.iter().filter(|m| m.2 > 0).map(|m| (m.3 * 100 / m.2) as i64).collect();
        let (lo, hi) = (shares.iter().min().unwrap(), shares.iter().max().unwrap());
        assert!(hi - lo >= 20, "the golden-hour share varies from month to month: {shares:?}");
    }

    #[test]
    fn a_realistic_mix() {
        let lib = Library::load().unwrap();
        let cases = plan(&lib, NOW);
        let count = |f: &dyn Fn(&Planned) -> bool| cases.iter().filter(|c| f(c)).count();
        assert!(count(&|c| c.life.status == "closed") > cases.len() / 2);
        assert!(count(&|c| c.life.status != "closed") >= 15);
        for reason in ["money_restored", "handed_to_police", "resolved", "advice_only", "unreachable", "duplicate"] {
            assert!(count(&|c| c.life.closure_reason == Some(reason)) > 0, "{reason}");
        }
        for route in ["admin_under_50k", "magistrate_order", "lok_adalat"] {
            assert!(count(&|c| c.life.restoration.is_some_and(|r| r.0 == route && r.2 > 0)) > 0, "{route}");
        }
        for channel in ["walk_in", "helpline_call", "whatsapp_helpline", "police_referral"] {
            assert!(count(&|c| c.channel == channel) > 5, "{channel}");
        }
        let patterns: std::collections::BTreeSet<&str> =
            cases.iter().map(|c| lib.scenario(c.scenario).pattern.as_str()).collect();
        assert!(patterns.len() >= 12, "{patterns:?}");
        assert!(count(&|c| !c.life.follow_up_calls.is_empty()) > 10);
        let mobiles: std::collections::BTreeSet<&str> = cases.iter().map(|c| c.mobile.as_str()).collect();
        assert_eq!(mobiles.len(), cases.len(), "each past victim has a mobile of their own");
        // Shared numbers tie cases of both districts together.
        let districts_of = |v: &str| -> std::collections::BTreeSet<&str> {
            cases.iter().filter(|c| c.suspect.contains(v) || c.narrative.contains(v)).map(|c| c.district).collect()
        };
        assert!(
            ["likeearn.task@axl", "primetask.pay@ybl", "9163842075", "refundhelp.sbi@ybl"]
                .iter()
                .any(|v| districts_of(v).len() == 2),
            "a ring spans both districts"
        );
    }
}
