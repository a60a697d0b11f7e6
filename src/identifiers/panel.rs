//! The identifiers section of the case page.

use askama::Template;
use fluent_bundle::FluentValue;
use sahayak_domain::access::CaseAction;
use sahayak_domain::identifiers::IdKind;

use super::service::{self, Proposal, Spreading};
use crate::cases::access::CaseHandle;
use crate::cases::panels::Panel;
use crate::cases::views::Opt;
use crate::store::{District, Flag};
use crate::web::page::Page;
use crate::web::session::Staff;
use crate::web::{AppError, AppState};

pub struct LinkedCase {
    pub reference: String,
    pub label: String,
}

pub struct ConfirmedView {
    pub id: i64,
    pub kind_label: String,
    pub value: String,
    pub flag: Option<String>,
    pub spread: String,
    pub cases: Vec<LinkedCase>,
    pub lookup_href: String,
}

pub struct ProposalView {
    pub pick: String,
    pub kind_label: String,
    pub value: String,
    pub raw: String,
    pub source: String,
    pub flag: Option<String>,
}

#[derive(Template)]
#[template(path = "identifiers/panel.html")]
struct PanelTemplate {
    page: Page,
    reference: String,
    can_write: bool,
    watch: Vec<String>,
    confirmed: Vec<ConfirmedView>,
    proposals: Vec<ProposalView>,
    kinds: Vec<Opt>,
    ring: Option<(i64, String)>,
}

pub fn kind_label(page: &Page, kind: IdKind) -> String {
    page.t(&kind.label_key())
}

pub fn flag_label(page: &Page, flag: Option<Flag>) -> Option<String> {
    flag.map(|f| page.t(&format!("ident-flag-{}", f.code())))
}

/// "In 14 other cases (Jaipur 9, Jodhpur 5), first reported 03-03-2026", or "in no other case".
pub fn spread_text(page: &Page, districts: &[District], s: &Spreading, other: bool) -> String {
    if s.total == 0 {
        return page.t(if other { "ident-spread-none" } else { "ident-spread-unknown" });
    }
    let places: Vec<String> = s
        .by_district
        .iter()
        .map(|(d, n)| {
            let name = districts.iter().find(|x| x.id == *d).map(|x| x.name(page.lang).to_owned()).unwrap_or_default();
            format!("{name} {n}")
        })
        .collect();
    let first = s.first_at.map(|t| sahayak_domain::time::display_ist_date(sahayak_domain::time::from_millis(t)));
    crate::web::i18n::catalogs().get_with(
        page.lang,
        if other { "ident-spread-other" } else { "ident-spread-all" },
        &[
            ("count", FluentValue::from(s.total)),
            ("districts", FluentValue::from(places.join(", "))),
            ("first", FluentValue::from(first.unwrap_or_default())),
        ],
    )
}

pub fn lookup_href(kind: IdKind, value: &str) -> String {
    format!("/identifiers?kind={}&value={}", kind.as_str(), crate::web::error::url_encode(value))
}

/// The case page's identifiers section: confirmed identifiers with where else they appear,
/// watch-list alerts, what the extractor proposes from the case's text, and a manual add.
pub async fn panel(state: &AppState, staff: &Staff, handle: &CaseHandle) -> Result<Panel, AppError> {
    let page = staff.page(state);
    let districts = state.districts().await?;
    let (confirmed, spread) = service::case_links(state, &staff.user, handle).await?;
    let mut proposals: Vec<Proposal> = service::proposals(handle, &confirmed);
    service::mark_known(state, &mut proposals).await?;
    let ring = service::ring_of(state, handle.id()).await?;
    let watch = confirmed
        .iter()
        .filter(|c| c.identifier.flag == Some(Flag::Watch))
        .map(|c| {
            let note = c.identifier.flag_note.clone().unwrap_or_default();
            let text = format!("{}: {}", kind_label(&page, c.identifier.kind), c.identifier.value);
            page.t1("ident-watch-alert", "identifier", text) + if note.is_empty() { "" } else { " — " } + &note
        })
        .collect();
    let confirmed_views = confirmed
        .iter()
        .zip(spread.iter())
        .map(|(c, s)| ConfirmedView {
            id: c.identifier.id,
            kind_label: kind_label(&page, c.identifier.kind),
            value: c.identifier.value.clone(),
            flag: flag_label(&page, c.identifier.flag),
            spread: if c.identifier.flag == Some(Flag::Genuine) || !c.identifier.kind.links_cases() {
                page.t("ident-not-linking")
            } else {
                spread_text(&page, &districts, s, true)
            },
            cases: s
                .cases
                .iter()
                .map(|k| LinkedCase {
                    reference: k.reference.clone(),
                    label: format!("{} · {}", k.reference, page.t(&k.status.label_key())),
                })
                .collect(),
            lookup_href: lookup_href(c.identifier.kind, &c.identifier.value),
        })
        .collect();
    let proposal_views = proposals
        .iter()
        .map(|p| ProposalView {
            pick: format!("{}|{}", p.kind.as_str(), p.value),
            kind_label: kind_label(&page, p.kind),
            value: p.value.clone(),
            raw: p.raw.clone(),
            source: page.t(&format!("ident-source-{}", p.source)),
            flag: flag_label(&page, p.flag),
        })
        .collect();
    let kinds = IdKind::ALL
        .iter()
        .map(|k| Opt { value: k.as_str().to_owned(), label: kind_label(&page, *k), selected: false })
        .collect();
    let body = PanelTemplate {
        reference: handle.case().reference.clone(),
        can_write: staff.user.role.may(CaseAction::Edit),
        watch,
        confirmed: confirmed_views,
        proposals: proposal_views,
        kinds,
        ring: ring.map(|(id, n)| (id, page.t1("ident-ring-link", "count", n as i64))),
        page,
    };
    let page_title = body.page.t("ident-title");
    Ok(Panel::section("identifiers", page_title, body.render()?))
}
