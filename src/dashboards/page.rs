//! The dashboard page: the figures of a district (or of all the user's districts) as charts,
//! each with its data table, in the user's language, printable.

use askama::Template;
use axum::extract::{Query, State};
use axum::response::{Html, IntoResponse, Response};

use super::charts::{Chart, MAX_SERIES, Table};
use super::figures::{self, DashQuery, Dashboard, Delays, Series};
use crate::cases::views::{self, Opt};
use crate::web::page::Page;
use crate::web::session::Staff;
use crate::web::{AppError, AppState};

#[derive(Template)]
#[template(path = "dashboard/page.html")]
struct DashboardPage {
    page: Page,
    /// What the figures cover, e.g. "Jaipur, 2025-04 to 2026-03".
    heading: String,
    districts: Vec<Opt>,
    from: String,
    to: String,
    /// `month=…&district=…` for the report's downloads.
    report_query: String,
    kpis: Vec<(String, String)>,
    charts: Vec<Chart>,
    as_of: String,
}

/// The period and district as typed (kept in the form when they are refused).
pub async fn page(
    State(state): State<AppState>,
    staff: Staff,
    Query(q): Query<DashQuery>,
) -> Result<Response, AppError> {
    let page = staff.page(&state);
    let r = figures::resolve(&state, &staff.user, &q).await?;
    let d = figures::load(&state, &r).await?;
    let all = state.districts().await?;
    let visible: Vec<_> =
        all.iter().filter(|d| crate::cases::access::sees_district(&staff.user, d.id)).cloned().collect();
    let selected = r.district.as_ref().map(|d| d.code.clone()).unwrap_or_default();
    let mut districts =
        vec![Opt { value: String::new(), label: page.t("dashboard-all-districts"), selected: selected.is_empty() }];
    districts.extend(views::district_options(&page, &visible, &selected));
    let place = match &r.district {
        Some(d) => d.name(page.lang).to_owned(),
        None if staff.user.role.sees_all_districts() => page.t("dashboard-state"),
        None => page.t("dashboard-all-districts"),
    };
    let heading = format!("{place} · {} – {}", d.from, d.to);
    let mut report = vec![("month", d.to.clone())];
    if !selected.is_empty() {
        report.push(("district", selected.clone()));
    }
    let report_query = serde_urlencoded::to_string(&report).unwrap_or_default();
    let body = DashboardPage {
        heading,
        districts,
        from: d.from.clone(),
        to: d.to.clone(),
        report_query,
        kpis: kpis(&page, &d),
        charts: charts(&page, &d).into_iter().chain(awareness_charts(&page, &d, &all)).collect(),
        as_of: views::when(chrono::DateTime::parse_from_rfc3339(&d.as_of).ok().map(|t| t.timestamp_millis())),
        page,
    };
    Ok(Html(body.render()?).into_response())
}

fn percent(share: Option<f64>) -> String {
    share.map(|s| format!("{:.0}%", s * 100.0)).unwrap_or_else(|| "–".into())
}

fn kpis(page: &Page, d: &Dashboard) -> Vec<(String, String)> {
    let open: i64 = d.open_cases.iter().map(|r| r.total).sum();
    vec![
        (page.t("dashboard-kpi-registered"), d.cases_registered.total.to_string()),
        (page.t("money-reported"), views::money(Some(d.money.reported_lost_paise))),
        (page.t("money-held"), views::money(Some(d.money.held_paise))),
        (page.t("money-restored"), views::money(Some(d.money.restored_paise))),
        (page.t("dashboard-kpi-golden"), percent(d.golden_hour.share_within)),
        (page.t("dashboard-kpi-open"), open.to_string()),
        (page.t("dashboard-kpi-overdue"), d.deadlines.open_cases_overdue_now.to_string()),
        (page.t("dashboard-kpi-programmes"), d.awareness.programmes_held.total.to_string()),
        (page.t("dashboard-kpi-reached"), d.awareness.people_reached.total.to_string()),
    ]
}

/// The series as drawn: the largest first, the rest together as "others".
fn drawn(page: &Page, series: &[Series], label: impl Fn(&str) -> String) -> Vec<(String, Vec<i64>)> {
    let mut out: Vec<(String, Vec<i64>)> =
        series.iter().take(MAX_SERIES).map(|s| (label(&s.key), s.months.clone())).collect();
    if series.len() > MAX_SERIES {
        let mut rest = vec![0; series[0].months.len()];
        for s in &series[MAX_SERIES..] {
            for (r, v) in rest.iter_mut().zip(&s.months) {
                *r += v;
            }
        }
        out.push((page.t("dashboard-others"), rest));
    }
    out
}

/// Rows = series, columns = months and the total.
fn month_table(page: &Page, first: &str, d: &Dashboard, series: &[Series], label: impl Fn(&str) -> String) -> Table {
    let mut head = vec![first.to_owned()];
    head.extend(d.months.iter().cloned());
    head.push(page.t("dashboard-total"));
    let mut rows: Vec<Vec<String>> = series
        .iter()
        .map(|s| {
            let mut row = vec![label(&s.key)];
            row.extend(s.months.iter().map(i64::to_string));
            row.push(s.total.to_string());
            row
        })
        .collect();
    let mut total = vec![page.t("dashboard-total")];
    total.extend(d.cases_registered.months.iter().map(i64::to_string));
    total.push(d.cases_registered.total.to_string());
    rows.push(total);
    Table { head, rows }
}

fn simple_table(head: [String; 2], rows: &[(String, i64, String)]) -> Table {
    Table { head: head.to_vec(), rows: rows.iter().map(|(l, _, v)| vec![l.clone(), v.clone()]).collect() }
}

fn delay_items(page: &Page, x: &Delays) -> Vec<(String, i64, String)> {
    [
        ("dashboard-delay-before", x.before_intake),
        ("dashboard-delay-1h", x.within_1h),
        ("dashboard-delay-1d", x.within_1d),
        ("dashboard-delay-7d", x.within_7d),
        ("dashboard-delay-later", x.later),
    ]
    .iter()
    .map(|(k, v)| (page.t(k), *v, v.to_string()))
    .collect()
}

fn delay_chart(page: &Page, id: &'static str, key: &str, x: &Delays) -> Chart {
    let items = delay_items(page, x);
    let head = [page.t("dashboard-delay"), page.t("dashboard-cases")];
    let note = match x.average_hours {
        Some(h) => page.t1("dashboard-average-hours", "hours", format!("{h:.1}")),
        None => page.t("dashboard-average-none"),
    };
    Chart::bars(
        id,
        page.t(&format!("dashboard-{key}-title")),
        page.t1(&format!("dashboard-{key}-summary"), "count", x.count),
        &items,
        simple_table(head, &items),
    )
    .with_note(note)
}

fn charts(page: &Page, d: &Dashboard) -> Vec<Chart> {
    let category = |k: &str| views::short_classification(page, k, None);
    let scam = |k: &str| views::label::<sahayak_domain::case::ScamPattern>(page, k);
    let status = |k: &str| views::label::<sahayak_domain::case::Status>(page, k);
    let total = d.cases_registered.total;
    let mut out = vec![
        Chart::columns(
            "cases",
            page.t("dashboard-cases-title"),
            page.t1("dashboard-cases-summary", "count", total),
            &d.months,
            &drawn(page, &d.by_category, category),
            month_table(page, &page.t("field-category"), d, &d.by_category, category),
        ),
        Chart::columns(
            "scams",
            page.t("dashboard-scams-title"),
            page.t1("dashboard-scams-summary", "count", total),
            &d.months,
            &drawn(page, &d.by_scam_pattern, scam),
            month_table(page, &page.t("field-scam-pattern"), d, &d.by_scam_pattern, scam),
        ),
    ];
    let m = &d.money;
    let money = [
        (page.t("money-reported"), m.reported_lost_paise, views::money(Some(m.reported_lost_paise))),
        (page.t("money-held"), m.held_paise, views::money(Some(m.held_paise))),
        (page.t("money-restored"), m.restored_paise, views::money(Some(m.restored_paise))),
    ];
    out.push(
        Chart::bars(
            "money",
            page.t("dashboard-money-title"),
            page.t("dashboard-money-summary"),
            &money,
            simple_table([page.t("dashboard-money"), page.t("dashboard-amount")], &money),
        )
        .with_note(page.t("dashboard-money-note")),
    );
    let g = &d.golden_hour;
    let golden = [
        (page.t("dashboard-golden-within"), g.within, g.within.to_string()),
        (page.t("dashboard-golden-after"), g.after, g.after.to_string()),
        (page.t("dashboard-golden-unknown"), g.unknown, g.unknown.to_string()),
    ];
    out.push(
        Chart::bars(
            "golden",
            page.t("dashboard-golden-title"),
            page.t1("dashboard-golden-summary", "share", percent(g.share_within)),
            &golden,
            simple_table([page.t("dashboard-golden-when"), page.t("dashboard-cases")], &golden),
        )
        .with_note(page.t("dashboard-golden-note")),
    );
    out.push(delay_chart(page, "portal", "portal", &d.portal_filing));
    out.push(delay_chart(page, "referral", "referral", &d.referral));
    let ages = ["dashboard-age-7", "dashboard-age-30", "dashboard-age-90", "dashboard-age-older"].map(|k| page.t(k));
    let open_series: Vec<(String, Vec<i64>)> = d
        .open_cases
        .iter()
        .map(|r| (status(&r.status), vec![r.up_to_7_days, r.days_8_to_30, r.days_31_to_90, r.over_90_days]))
        .collect();
    let mut head = vec![page.t("field-status")];
    head.extend(ages.iter().cloned());
    head.push(page.t("dashboard-total"));
    let open_rows = d
        .open_cases
        .iter()
        .map(|r| {
            vec![
                status(&r.status),
                r.up_to_7_days.to_string(),
                r.days_8_to_30.to_string(),
                r.days_31_to_90.to_string(),
                r.over_90_days.to_string(),
                r.total.to_string(),
            ]
        })
        .collect();
    let open_total: i64 = d.open_cases.iter().map(|r| r.total).sum();
    out.push(Chart::columns(
        "open",
        page.t("dashboard-open-title"),
        page.t1("dashboard-open-summary", "count", open_total),
        &ages,
        &open_series,
        Table { head, rows: open_rows },
    ));
    let x = &d.deadlines;
    let deadlines = [
        (page.t("dashboard-tasks-due"), x.tasks_due, x.tasks_due.to_string()),
        (page.t("dashboard-tasks-late"), x.tasks_done_late, x.tasks_done_late.to_string()),
        (page.t("dashboard-tasks-open-overdue"), x.tasks_open_overdue, x.tasks_open_overdue.to_string()),
        (page.t("dashboard-cases-overdue"), x.open_cases_overdue_now, x.open_cases_overdue_now.to_string()),
    ];
    out.push(
        Chart::bars(
            "deadlines",
            page.t("dashboard-deadlines-title"),
            page.t("dashboard-deadlines-summary"),
            &deadlines,
            simple_table([page.t("dashboard-deadlines"), page.t("dashboard-count")], &deadlines),
        )
        .with_note(page.t("dashboard-deadlines-note")),
    );
    let hours: Vec<String> = (0..24).map(|h| format!("{h:02}")).collect();
    let busiest = (0..24).max_by_key(|h| (d.helpline_hours[*h], std::cmp::Reverse(*h))).unwrap_or(0);
    let helpline: i64 = d.helpline_hours.iter().sum();
    let summary = if helpline == 0 {
        page.t("dashboard-hours-none")
    } else {
        page.t1("dashboard-hours-summary", "hour", format!("{busiest:02}:00–{busiest:02}:59"))
    };
    out.push(Chart::columns(
        "hours",
        page.t("dashboard-hours-title"),
        summary,
        &hours,
        &[(page.t("dashboard-cases"), d.helpline_hours.clone())],
        Table {
            head: vec![page.t("dashboard-hour"), page.t("dashboard-cases")],
            rows: hours.iter().zip(&d.helpline_hours).map(|(h, n)| vec![format!("{h}:00"), n.to_string()]).collect(),
        },
    ));
    out
}

/// Awareness programmes: held and people reached per month (with a table by district), and
/// complaints in each district before and after its first programme of the period.
fn awareness_charts(page: &Page, d: &Dashboard, districts: &[crate::store::District]) -> Vec<Chart> {
    let a = &d.awareness;
    let name = |code: &str| {
        districts
            .iter()
            .find(|x| x.code == code)
            .map(|x| x.name(page.lang).to_owned())
            .unwrap_or_else(|| code.to_owned())
    };
    let mut head = vec![String::new()];
    head.extend(d.months.iter().cloned());
    head.push(page.t("dashboard-total"));
    let line = |label: String, s: &Series| {
        let mut row = vec![label];
        row.extend(s.months.iter().map(i64::to_string));
        row.push(s.total.to_string());
        row
    };
    let mut rows = vec![
        line(page.t("dashboard-programmes"), &a.programmes_held),
        line(page.t("dashboard-reached"), &a.people_reached),
    ];
    for x in &a.by_district {
        let mut row = vec![format!("{} — {}", name(&x.district), page.t("dashboard-programmes"))];
        row.extend(std::iter::repeat_n(String::new(), d.months.len()));
        row.push(format!("{} ({} {})", x.programmes_held, x.people_reached, page.t("dashboard-reached-short")));
        rows.push(row);
    }
    let held = Chart::columns(
        "awareness",
        page.t("dashboard-awareness-title"),
        page.t1("dashboard-awareness-summary", "count", a.programmes_held.total)
            + " "
            + &page.t1("dashboard-awareness-reached", "count", a.people_reached.total),
        &d.months,
        &[(page.t("dashboard-reached"), a.people_reached.months.clone())],
        Table { head, rows },
    )
    .with_note(page.t("awareness-dashboard-note"));
    let mut items = Vec::new();
    let mut around_rows = Vec::new();
    for c in &a.complaints_around {
        let district = name(&c.district);
        items.push((
            format!("{district} · {}", page.t("dashboard-before")),
            c.cases_before,
            c.cases_before.to_string(),
        ));
        items.push((format!("{district} · {}", page.t("dashboard-after")), c.cases_after, c.cases_after.to_string()));
        let first = crate::cases::views::when(
            chrono::DateTime::parse_from_rfc3339(&c.first_programme).ok().map(|t| t.timestamp_millis()),
        );
        let after = if c.after_days < a.window_days {
            format!("{} ({})", c.cases_after, page.t1("dashboard-after-partial", "days", c.after_days))
        } else {
            c.cases_after.to_string()
        };
        around_rows.push(vec![district, first, c.cases_before.to_string(), after]);
    }
    let around = Chart::bars(
        "around",
        page.t("dashboard-around-title"),
        page.t1("dashboard-around-summary", "days", a.window_days),
        &items,
        Table {
            head: vec![
                page.t("field-district"),
                page.t("dashboard-first-programme"),
                page.t1("dashboard-days-before", "days", a.window_days),
                page.t1("dashboard-days-after", "days", a.window_days),
            ],
            rows: around_rows,
        },
    )
    .with_note(page.t("dashboard-around-note"));
    vec![held, around]
}
