//! Labels and choice lists for the case pages, always through the translation catalogs.

use sahayak_domain::case::{Channel, ClosureReason, Gender, Lang, MoneyLeft, PaymentChannel, ScamPattern, Status};
use sahayak_domain::money::Paise;
use sahayak_domain::taxonomy::{self, OTHER, Taxonomy};

use super::input::CLASSIFICATION_SEPARATOR;
use crate::store::{CaseEvent, CaseSummary, District, UserBrief};
use crate::web::page::Page;

/// One `<option>`.
#[derive(Debug, Clone)]
pub struct Opt {
    pub value: String,
    pub label: String,
    pub selected: bool,
}

/// One `<optgroup>`.
#[derive(Debug, Clone)]
pub struct OptGroup {
    pub label: String,
    pub options: Vec<Opt>,
}

/// A closed set of codes with catalog labels (`status-new`, `channel-walk-in`, ...).
pub trait Coded: Copy + 'static {
    fn all() -> &'static [Self];
    fn code(self) -> &'static str;
    fn label_key(self) -> String;
}

macro_rules! coded {
    ($($t:ty),+) => {$(
        impl Coded for $t {
            fn all() -> &'static [Self] { <$t>::ALL }
            fn code(self) -> &'static str { <$t>::code(self) }
            fn label_key(self) -> String { <$t>::label_key(self) }
        }
    )+};
}
coded!(Channel, ClosureReason, Gender, Lang, MoneyLeft, PaymentChannel, ScamPattern, Status);

pub fn options<T: Coded>(page: &Page, selected: &str) -> Vec<Opt> {
    T::all()
        .iter()
        .map(|v| Opt { value: v.code().to_owned(), label: page.t(&v.label_key()), selected: v.code() == selected })
        .collect()
}

/// The label of a stored code, or the code itself if it is not known.
pub fn label<T: Coded + std::str::FromStr>(page: &Page, code: &str) -> String {
    code.parse::<T>().map(|v| page.t(&v.label_key())).unwrap_or_else(|_| code.to_owned())
}

/// A portal string as a worker should read it: in Hindi the translation with the portal's
/// exact wording beside it, so it can be found on the portal's English form.
pub fn portal_label(page: &Page, portal: &str) -> String {
    if portal == OTHER {
        return page.t("category-other");
    }
    let key = taxonomy::label_key(portal);
    match page.lang {
        Lang::En => portal.to_owned(),
        Lang::Hi => format!("{} ({portal})", page.t(&key)),
    }
}

/// The most specific part of a classification in the interface language alone, for lists.
pub fn short_classification(page: &Page, category: &str, sub: Option<&str>) -> String {
    let portal = match sub {
        Some(s) if s != OTHER => s,
        _ => category,
    };
    if portal == OTHER {
        return page.t("category-other");
    }
    page.t(&taxonomy::label_key(portal))
}

pub fn classification_label(page: &Page, category: &str, sub: Option<&str>) -> String {
    match sub {
        None => portal_label(page, category),
        Some(s) => format!("{} › {}", portal_label(page, category), portal_label(page, s)),
    }
}

/// The category select: one group per main category, every category and sub-category, and
/// the "other" escape.
pub fn classification_groups(page: &Page, selected: &str) -> Vec<OptGroup> {
    let opt = |value: String, label: String| Opt { selected: value == selected, value, label };
    let mut groups: Vec<OptGroup> = Taxonomy::current()
        .main_categories
        .iter()
        .map(|main| OptGroup {
            label: portal_label(page, &main.name),
            options: main
                .categories
                .iter()
                .flat_map(|cat| {
                    if cat.sub_categories.is_empty() {
                        vec![opt(cat.name.clone(), portal_label(page, &cat.name))]
                    } else {
                        cat.sub_categories
                            .iter()
                            .map(String::as_str)
                            .chain([OTHER])
                            .map(|sub| {
                                opt(
                                    format!("{}{CLASSIFICATION_SEPARATOR}{sub}", cat.name),
                                    classification_label(page, &cat.name, Some(sub)),
                                )
                            })
                            .collect()
                    }
                })
                .collect(),
        })
        .collect();
    groups.push(OptGroup {
        label: page.t("category-other"),
        options: vec![opt(OTHER.to_owned(), page.t("category-other-describe"))],
    });
    groups
}

/// The categories alone, for the list filter.
pub fn category_options(page: &Page, selected: &str) -> Vec<Opt> {
    Taxonomy::current()
        .categories()
        .map(|(_, c)| Opt { value: c.name.clone(), label: portal_label(page, &c.name), selected: c.name == selected })
        .chain([Opt { value: OTHER.to_owned(), label: page.t("category-other"), selected: selected == OTHER }])
        .collect()
}

pub fn district_options(page: &Page, districts: &[District], selected: &str) -> Vec<Opt> {
    districts
        .iter()
        .map(|d| Opt { value: d.code.clone(), label: d.name(page.lang).to_owned(), selected: d.code == selected })
        .collect()
}

pub fn staff_options(staff: &[UserBrief], selected: &str) -> Vec<Opt> {
    staff
        .iter()
        .map(|u| Opt { value: u.id.to_string(), label: u.display_name.clone(), selected: u.id.to_string() == selected })
        .collect()
}

pub fn money(paise: Option<i64>) -> String {
    paise.and_then(|p| Paise::new(p).ok()).map(|p| p.to_string()).unwrap_or_default()
}

pub fn when(ms: Option<i64>) -> String {
    ms.map(|t| sahayak_domain::time::display_ist(sahayak_domain::time::from_millis(t))).unwrap_or_default()
}

/// A row of the case list, ready to print.
pub struct CaseRow {
    pub reference: String,
    pub district: String,
    pub status: Status,
    pub status_label: String,
    pub category: String,
    pub scam: String,
    pub victim: String,
    pub amount: String,
    pub assignee: String,
    pub created: String,
}

pub fn case_row(page: &Page, districts: &[District], c: &CaseSummary) -> CaseRow {
    CaseRow {
        reference: c.reference.clone(),
        district: districts
            .iter()
            .find(|d| d.id == c.district_id)
            .map(|d| d.name(page.lang).to_owned())
            .unwrap_or_default(),
        status: c.status,
        status_label: page.t(&c.status.label_key()),
        category: short_classification(page, &c.category, c.sub_category.as_deref()),
        scam: page.t(&c.scam_pattern.label_key()),
        victim: c.victim_name.clone(),
        amount: money(c.amount_lost_paise),
        assignee: c.assignee_name.clone().unwrap_or_default(),
        created: when(Some(c.created_at)),
    }
}

/// A timeline entry, ready to print.
pub struct EventView {
    pub at: String,
    pub actor: String,
    pub what: String,
    pub body: Option<String>,
}

pub fn event_view(page: &Page, e: &CaseEvent) -> EventView {
    let what = match e.kind.as_str() {
        "created" => page.t("event-created"),
        "note" => page.t("event-note"),
        "edited" => page.t("event-edited"),
        "identifiers" => page.t("event-identifiers"),
        "identifier_removed" => page.t("event-identifier-removed"),
        "watch_match" => page.t("event-watch-match"),
        "action" => {
            let code = e.body.as_deref().and_then(|b| b.lines().next()).unwrap_or_default();
            let label = crate::triage::actions::ActionKind::parse(code)
                .map(|k| page.t(&crate::cases::views::Coded::label_key(k)))
                .unwrap_or_else(|| code.to_owned());
            page.t1("event-action", "action", label)
        }
        "tasks" => page.t("event-tasks"),
        "trail" => page.t("event-trail"),
        "trail_removed" => page.t("event-trail-removed"),
        "restoration" => page.t("event-restoration"),
        "payment_facts" => page.t("event-payment-facts"),
        "consent" => page.t("event-consent"),
        "assigned" => match &e.assignee_name {
            Some(name) => page.t1("event-assigned", "name", name.clone()),
            None => page.t("event-unassigned"),
        },
        "status" => {
            let to = e.to_status.map(|s| page.t(&s.label_key())).unwrap_or_default();
            match e.closure_reason {
                Some(r) => format!("{} ({})", page.t1("event-status", "status", to), page.t(&r.label_key())),
                None => page.t1("event-status", "status", to),
            }
        }
        other => other.to_owned(),
    };
    // An action's entry holds its code, then its reference on the next line.
    let body = if e.kind == "action" {
        e.body.as_deref().and_then(|b| b.lines().nth(1)).map(str::to_owned)
    } else if e.kind == "payment_facts" {
        None
    } else {
        e.body.clone()
    };
    EventView { at: when(Some(e.at)), actor: e.actor_name.clone(), what, body }
}
