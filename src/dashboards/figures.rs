//! The dashboard's figures for a scope and a period: read once, shared by the page, the API
//! and the monthly report, so they cannot drift.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::cases::access::{scope, sees_district};
use crate::store::{District, Figure, Month, OpenCount, Scope, User};
use crate::web::{AppError, AppState};

/// The longest period one dashboard shows.
pub const MAX_MONTHS: usize = 120;

/// Which figures: a district (all the caller's districts when empty) and a period of months.
#[derive(Debug, Clone, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct DashQuery {
    /// A district code; all the districts the caller may see when left out.
    #[serde(default)]
    #[param(pattern = "@district")]
    pub district: Option<String>,
    /// First month, `YYYY-MM` (IST); default: eleven months before `to`.
    #[serde(default)]
    #[param(pattern = "@month")]
    pub from: Option<String>,
    /// Last month, `YYYY-MM`, included; default: the current month.
    #[serde(default)]
    #[param(pattern = "@month")]
    pub to: Option<String>,
}

/// The scope and period a query resolved to.
#[derive(Debug, Clone)]
pub struct Resolved {
    pub district: Option<District>,
    pub scope: Scope,
    pub from: Month,
    pub to: Month,
}

fn blank(s: &Option<String>) -> Option<&str> {
    s.as_deref().map(str::trim).filter(|s| !s.is_empty())
}

/// The district the caller asked for, if they may see it; another district's code is
/// refused exactly like an unknown one.
pub async fn resolve_district(
    state: &AppState,
    user: &User,
    code: Option<&str>,
) -> Result<(Option<District>, Scope), AppError> {
    match code {
        None => Ok((None, scope(user))),
        Some(code) => {
            let districts = state.districts().await?;
            match districts.iter().find(|d| d.code == code) {
                Some(d) if sees_district(user, d.id) => Ok((Some(d.clone()), Scope::Districts(vec![d.id]))),
                _ => Err(AppError::invalid("district", "error-choice")),
            }
        }
    }
}

pub async fn resolve(state: &AppState, user: &User, q: &DashQuery) -> Result<Resolved, AppError> {
    let (district, scope) = resolve_district(state, user, blank(&q.district)).await?;
    let month = |field: &'static str, v: Option<&str>, default: Month| match v {
        None => Ok(default),
        Some(s) => Month::parse(s).ok_or(AppError::invalid(field, "error-month")),
    };
    let to = month("to", blank(&q.to), Month::of_millis(state.now_millis()))?;
    let mut default_from = to;
    for _ in 0..11 {
        default_from = default_from.prev();
    }
    let from = month("from", blank(&q.from), default_from)?;
    if from > to {
        return Err(AppError::invalid("from", "error-month-order"));
    }
    if from.through(to).len() > MAX_MONTHS {
        return Err(AppError::invalid("from", "error-month-range"));
    }
    Ok(Resolved { district, scope, from, to })
}

/// A count per month of the period, and its total.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct Series {
    /// The code counted (a category, a scam pattern, a channel).
    pub key: String,
    pub total: i64,
    /// One count per month of `months`.
    pub months: Vec<i64>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, ToSchema)]
pub struct Money {
    /// Reported lost by the victims at intake, in paise.
    pub reported_lost_paise: i64,
    /// Put on hold by banks (a hold is not a refund).
    pub held_paise: i64,
    /// Actually back with the victims.
    pub restored_paise: i64,
}

/// Money cases and how soon they reached the centre after the money left.
#[derive(Debug, Clone, Default, Serialize, Deserialize, ToSchema)]
pub struct GoldenHour {
    /// Cases where money left the victim (or an amount was reported lost).
    pub money_cases: i64,
    /// Registered within 60 minutes of the money leaving (or of the incident, when the
    /// time the money left was not recorded).
    pub within: i64,
    pub after: i64,
    /// Neither time recorded: left out of the share.
    pub unknown: i64,
    /// `within / (within + after)`; null when there is nothing to divide.
    pub share_within: Option<f64>,
}

/// How long after intake something was done, for the cases where it was.
#[derive(Debug, Clone, Default, Serialize, Deserialize, ToSchema)]
pub struct Delays {
    pub count: i64,
    /// Done before the victim came to the centre (e.g. they had filed on the portal already).
    pub before_intake: i64,
    pub within_1h: i64,
    /// More than an hour, up to a day.
    pub within_1d: i64,
    /// More than a day, up to seven days.
    pub within_7d: i64,
    pub later: i64,
    /// Mean hours from intake, over the cases done after intake; null when there are none.
    pub average_hours: Option<f64>,
}

/// Open cases now in one status, by age since intake.
#[derive(Debug, Clone, Default, Serialize, Deserialize, ToSchema)]
pub struct OpenRow {
    pub status: String,
    pub up_to_7_days: i64,
    pub days_8_to_30: i64,
    pub days_31_to_90: i64,
    pub over_90_days: i64,
    pub total: i64,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, ToSchema)]
pub struct Deadlines {
    /// Tasks with a due time, of the cases registered in the period.
    pub tasks_due: i64,
    /// Of those, done after their due time.
    pub tasks_done_late: i64,
    /// Of those, not done and due before today (IST), in cases still open.
    pub tasks_open_overdue: i64,
    /// Open cases, registered at any time, whose nearest deadline or task has passed now.
    pub open_cases_overdue_now: i64,
}

/// Complaints registered before and after a district's awareness programmes start: for each
/// district with a held programme in the period, the cases registered in the `window_days`
/// before its first held programme of the period, and in the `window_days` from it on.
/// While the second window has not ended, `after_days` says how much of it has passed.
#[derive(Debug, Clone, Default, Serialize, Deserialize, ToSchema)]
pub struct ComplaintsAround {
    pub district: String,
    /// When the district's first held programme of the period started, RFC 3339.
    pub first_programme: String,
    pub cases_before: i64,
    pub cases_after: i64,
    /// Days of the "after" window that have passed (the window's length once it is over).
    pub after_days: i64,
}

/// Programmes held and people reached in one district over the period.
#[derive(Debug, Clone, Default, Serialize, Deserialize, ToSchema)]
pub struct AwarenessDistrict {
    pub district: String,
    pub programmes_held: i64,
    pub people_reached: i64,
}

/// Awareness programmes held in the period (by the month they were held in) and the
/// complaints around them.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct Awareness {
    /// Held programmes per month (`key`: `programmes_held`).
    pub programmes_held: Series,
    /// Attendance of the held programmes per month (`key`: `people_reached`).
    pub people_reached: Series,
    pub by_district: Vec<AwarenessDistrict>,
    /// The length of each window of `complaints_around`, in days.
    pub window_days: i64,
    pub complaints_around: Vec<ComplaintsAround>,
}

/// The days before and after a district's first programme whose complaints are compared.
pub const AROUND_DAYS: i64 = 90;
const DAY_MS: i64 = 86_400_000;

/// Folds held programmes into the period's months and districts (pure; tested below).
pub fn awareness_figures(
    months: &[String],
    held: &[crate::store::HeldRow],
    around: &[crate::store::AroundRow],
    districts: &[District],
    now: i64,
) -> Awareness {
    let code = |id: i64| districts.iter().find(|d| d.id == id).map(|d| d.code.clone()).unwrap_or_default();
    let mut programmes = vec![0; months.len()];
    let mut people = vec![0; months.len()];
    let mut by_district: BTreeMap<String, AwarenessDistrict> = BTreeMap::new();
    for h in held {
        let month = Month::of_millis(h.starts_at).to_string();
        if let Some(i) = months.iter().position(|m| *m == month) {
            programmes[i] += 1;
            people[i] += h.attendance;
        }
        let d = by_district
            .entry(code(h.district_id))
            .or_insert_with(|| AwarenessDistrict { district: code(h.district_id), ..Default::default() });
        d.programmes_held += 1;
        d.people_reached += h.attendance;
    }
    let series = |key: &str, m: Vec<i64>| Series { key: key.into(), total: m.iter().sum(), months: m };
    Awareness {
        programmes_held: series("programmes_held", programmes),
        people_reached: series("people_reached", people),
        by_district: by_district.into_values().collect(),
        window_days: AROUND_DAYS,
        complaints_around: around
            .iter()
            .map(|a| ComplaintsAround {
                district: code(a.district_id),
                first_programme: crate::api::rfc3339(a.first_at),
                cases_before: a.before,
                cases_after: a.after,
                after_days: ((now - a.first_at) / DAY_MS).clamp(0, AROUND_DAYS),
            })
            .collect(),
    }
}

/// The dashboard of a district or of all the caller's districts.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct Dashboard {
    /// The district's code; null for all the districts the caller may see.
    pub district: Option<String>,
    pub from: String,
    pub to: String,
    /// The months of the period, `YYYY-MM`, in order; every `months` list follows them.
    pub months: Vec<String>,
    /// When the live figures (open cases, overdue) were read, RFC 3339.
    pub as_of: String,
    pub cases_registered: Series,
    pub by_category: Vec<Series>,
    pub by_scam_pattern: Vec<Series>,
    pub by_channel: Vec<Series>,
    pub money: Money,
    pub golden_hour: GoldenHour,
    pub portal_filing: Delays,
    pub referral: Delays,
    /// Open cases now, one row per status that has any.
    pub open_cases: Vec<OpenRow>,
    pub deadlines: Deadlines,
    /// Cases that came by the helpline (call or WhatsApp) in the period, by hour of day (IST),
    /// 24 counts from 00:00–00:59.
    pub helpline_hours: Vec<i64>,
    pub awareness: Awareness,
}

/// Reads everything a dashboard shows (brings the monthly figures up to date first).
pub async fn load(state: &AppState, r: &Resolved) -> Result<Dashboard, AppError> {
    state.store.refresh_dashboard().await?;
    let now = state.now_millis();
    let figures = state.store.dashboard_figures(&r.scope, r.from, r.to).await?;
    let open = state.store.open_cases_by_age(&r.scope, now).await?;
    let mut d = assemble(r.from, r.to, &figures, &open, Month::day_of_millis(now));
    d.district = r.district.as_ref().map(|d| d.code.clone());
    d.as_of = sahayak_domain::time::from_millis(now).to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
    d.deadlines.open_cases_overdue_now = state.store.cases_overdue(&r.scope, now).await?;
    let (start, end) = (r.from.start_ms(), r.to.end_ms());
    let held = state.store.held_programmes(&r.scope, start, end).await?;
    let around = state.store.complaints_around_programmes(&r.scope, start, end, AROUND_DAYS * DAY_MS).await?;
    d.awareness = awareness_figures(&d.months, &held, &around, &state.districts().await?, now);
    Ok(d)
}

/// Folds the stored figures into the dashboard's shape (pure; tested below). `today` is the
/// IST day number: open tasks due before it are overdue.
pub fn assemble(from: Month, to: Month, figures: &[Figure], open: &[OpenCount], today: i64) -> Dashboard {
    let months: Vec<String> = from.through(to).iter().map(Month::to_string).collect();
    let index: BTreeMap<&str, usize> = months.iter().enumerate().map(|(i, m)| (m.as_str(), i)).collect();
    let total = |metric: &str, key: &str| -> i64 {
        figures.iter().filter(|f| f.metric == metric && f.key == key).map(|f| f.value).sum()
    };
    let series = |metric: &str| -> Vec<Series> {
        let mut by_key: BTreeMap<&str, Vec<i64>> = BTreeMap::new();
        for f in figures.iter().filter(|f| f.metric == metric) {
            if let Some(&i) = index.get(f.month.as_str()) {
                by_key.entry(&f.key).or_insert_with(|| vec![0; months.len()])[i] += f.value;
            }
        }
        let mut out: Vec<Series> =
            by_key.into_iter().map(|(k, m)| Series { key: k.to_owned(), total: m.iter().sum(), months: m }).collect();
        // Largest first; ties by code, so the order is stable.
        out.sort_by(|a, b| b.total.cmp(&a.total).then_with(|| a.key.cmp(&b.key)));
        out
    };
    let registered = series("cases").into_iter().next().unwrap_or(Series {
        key: "registered".into(),
        total: 0,
        months: vec![0; months.len()],
    });
    let delays = |metric: &str| {
        let before = total(metric, "before");
        let count = ["before", "h1", "d1", "d7", "later"].iter().map(|k| total(metric, k)).sum::<i64>();
        let after = count - before;
        Delays {
            count,
            before_intake: before,
            within_1h: total(metric, "h1"),
            within_1d: total(metric, "d1"),
            within_7d: total(metric, "d7"),
            later: total(metric, "later"),
            average_hours: (after > 0).then(|| total(metric, "delay_ms") as f64 / after as f64 / 3_600_000.0),
        }
    };
    let (within, after) = (total("golden", "within"), total("golden", "after"));
    let mut hours = vec![0; 24];
    for f in figures.iter().filter(|f| f.metric == "hour") {
        if let Some(h) = f.key.parse::<usize>().ok().filter(|h| *h < 24) {
            hours[h] += f.value;
        }
    }
    let mut open_rows: BTreeMap<String, OpenRow> = BTreeMap::new();
    for o in open {
        let row = open_rows
            .entry(o.status.clone())
            .or_insert_with(|| OpenRow { status: o.status.clone(), ..Default::default() });
        match o.age.as_str() {
            "d7" => row.up_to_7_days += o.count,
            "d30" => row.days_8_to_30 += o.count,
            "d90" => row.days_31_to_90 += o.count,
            _ => row.over_90_days += o.count,
        }
        row.total += o.count;
    }
    // In the workflow's order.
    let mut open_cases: Vec<OpenRow> = open_rows.into_values().collect();
    let order = |s: &str| sahayak_domain::case::Status::ALL.iter().position(|x| x.code() == s).unwrap_or(usize::MAX);
    open_cases.sort_by_key(|r| order(&r.status));
    Dashboard {
        district: None,
        from: from.to_string(),
        to: to.to_string(),
        as_of: String::new(),
        cases_registered: registered,
        by_category: series("category"),
        by_scam_pattern: series("scam"),
        by_channel: series("channel"),
        money: Money {
            reported_lost_paise: total("money", "lost"),
            held_paise: total("money", "held"),
            restored_paise: total("money", "restored"),
        },
        golden_hour: GoldenHour {
            money_cases: total("golden", "money_cases"),
            within,
            after,
            unknown: total("golden", "unknown"),
            share_within: (within + after > 0).then(|| within as f64 / (within + after) as f64),
        },
        portal_filing: delays("portal"),
        referral: delays("referral"),
        open_cases,
        deadlines: Deadlines {
            tasks_due: total("tasks", "due"),
            tasks_done_late: total("tasks", "late"),
            tasks_open_overdue: figures
                .iter()
                .filter(|f| f.metric == "open_due" && f.key.parse::<i64>().is_ok_and(|day| day < today))
                .map(|f| f.value)
                .sum(),
            open_cases_overdue_now: 0,
        },
        helpline_hours: hours,
        awareness: awareness_figures(&months, &[], &[], &[], 0),
        months,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fig(metric: &str, key: &str, month: &str, value: i64) -> Figure {
        Figure { metric: metric.into(), key: key.into(), month: month.into(), value }
    }

    #[test]
    fn figures_fold_into_months_and_totals() {
        let (from, to) = (Month::parse("2026-01").unwrap(), Month::parse("2026-03").unwrap());
        let figures = [
            fig("category", "A", "2026-01", 2),
            fig("category", "A", "2026-03", 1),
            fig("category", "B", "2026-02", 5),
            fig("cases", "registered", "2026-02", 5),
            fig("portal", "h1", "2026-01", 2),
            fig("portal", "before", "2026-01", 1),
            fig("portal", "delay_ms", "2026-01", 3 * 3_600_000),
            fig("golden", "within", "2026-01", 1),
            fig("golden", "after", "2026-02", 3),
            fig("hour", "23", "2026-01", 4),
            fig("open_due", "100", "2026-01", 2),
            fig("open_due", "101", "2026-02", 5),
        ];
        let open = [OpenCount { status: "new".into(), age: "d30".into(), count: 2 }];
        let d = assemble(from, to, &figures, &open, 101);
        assert_eq!(d.months, ["2026-01", "2026-02", "2026-03"]);
        assert_eq!(d.by_category[0].key, "B");
        assert_eq!(d.by_category[1].months, [2, 0, 1]);
        assert_eq!(d.cases_registered.months, [0, 5, 0]);
        assert_eq!(d.portal_filing.count, 3);
        assert_eq!(d.portal_filing.average_hours, Some(1.5));
        assert_eq!(d.golden_hour.share_within, Some(0.25));
        assert_eq!(d.helpline_hours[23], 4);
        assert_eq!(d.open_cases[0].days_8_to_30, 2);
        assert!(d.referral.average_hours.is_none());
        assert_eq!(d.deadlines.tasks_open_overdue, 2, "due on day 100, before today (101)");
    }
}
