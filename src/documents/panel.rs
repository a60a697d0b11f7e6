//! The "Documents" section of the case page: each document in Hindi and English, as PDF or to
//! view, and the choices for the letters (police station, offences, bank, restoration route).

use askama::Template;
use sahayak_documents::Kind;
use sahayak_domain::access::CaseAction;

use super::{offences, stations};
use crate::cases::access::CaseHandle;
use crate::cases::panels::Panel;
use crate::cases::views::Opt;
use crate::web::page::Page;
use crate::web::session::Staff;
use crate::web::{AppError, AppState};

pub struct KindRow {
    pub code: &'static str,
    pub label: String,
}

#[derive(Template)]
#[template(path = "documents/panel.html")]
struct PanelTemplate {
    page: Page,
    reference: String,
    kinds: Vec<KindRow>,
    stations: Vec<Opt>,
    sections: Vec<Opt>,
    /// The restoration application's routes (the first: as recorded on the case).
    routes: Vec<Opt>,
}

/// The case page's documents section (no query of its own: the district's stations are cached). `None` for a
/// user who may not read the case.
pub async fn panel(state: &AppState, staff: &Staff, handle: &CaseHandle) -> Result<Option<Panel>, AppError> {
    if !staff.user.role.may(CaseAction::Read) {
        return Ok(None);
    }
    let page = staff.page(state);
    let f = &handle.case().fields;
    let lists = stations::of_district(state, handle.case().district_id).await?;
    let chosen = stations::pick(&lists.stations, f.victim_address.as_deref()).map(|s| s.code.as_str());
    let usual = offences::usual(f.scam_pattern);
    let body = PanelTemplate {
        reference: handle.case().reference.clone(),
        kinds: Kind::ALL
            .iter()
            .map(|k| KindRow { code: k.code(), label: page.t(&format!("documents-kind-{}", k.code())) })
            .collect(),
        stations: lists
            .stations
            .iter()
            .map(|s| Opt {
                value: s.code.clone(),
                label: s.name(page.lang).to_owned(),
                selected: Some(s.code.as_str()) == chosen,
            })
            .collect(),
        sections: offences::SECTIONS
            .iter()
            .map(|(code, printed)| Opt {
                value: (*code).to_owned(),
                label: format!("{printed} — {}", page.t(&offences::title_key(code))),
                selected: usual.contains(code),
            })
            .collect(),
        routes: std::iter::once(Opt {
            value: String::new(),
            label: page.t("documents-restoration-route-auto"),
            selected: true,
        })
        .chain(crate::trail::ROUTES.iter().map(|r| Opt {
            value: (*r).to_owned(),
            label: page.t(&format!("route-{}", r.replace('_', "-"))),
            selected: false,
        }))
        .collect(),
        page,
    };
    let page_title = body.page.t("documents-title");
    Ok(Some(Panel::section("documents", page_title, body.render()?)))
}
