//! Where the start-up message sends a newcomer, found again on every start.

use super::{LOGIN, PASSWORD, showcase};
use crate::web::AppState;

/// The cases the start-up message names, found by their victim's mobile.
pub struct Tour {
    pub urgent: Option<String>,
    pub evidence: Option<String>,
    pub trail: Option<String>,
    /// A ring's id, and the districts it spans.
    pub ring: Option<(i64, usize)>,
    /// The reference and access code of the victim's own page.
    pub victim: Option<(String, String)>,
}

pub async fn tour(state: &AppState) -> anyhow::Result<Tour> {
    use crate::store::{CaseFilter, Scope, SearchFilter};
    let find = |mobile: &'static str| async move {
        let filter = CaseFilter { search: Some(SearchFilter::Mobile(format!("+91{mobile}"))), ..Default::default() };
        let page = state.store.list_cases(&Scope::All, &filter, None, 1).await?;
        anyhow::Ok(page.items.into_iter().next())
    };
    let urgent = find(showcase::URGENT).await?.map(|c| c.reference);
    let evidence = find(showcase::EVIDENCE).await?.map(|c| c.reference);
    let trail = find(showcase::TRAIL).await?.map(|c| c.reference);
    let ring = match find(showcase::RING).await? {
        Some(c) => {
            let set = state.rings.get(&state.store).await?;
            set.by_case.get(&c.id).map(|i| (set.rings[*i].id, set.rings[*i].by_district.len()))
        }
        None => None,
    };
    let victim = match find(showcase::VICTIM).await? {
        Some(c) => {
            state.store.victim_code(c.id).await?.map(|(code, _)| (c.reference, crate::victim::display_code(&code)))
        }
        None => None,
    };
    Ok(Tour { urgent, evidence, trail, ring, victim })
}

impl Tour {
    /// The lines of the start-up message, for a server at `base` (`http://127.0.0.1:8080`).
    pub fn lines(&self, base: &str) -> Vec<String> {
        let mut out =
            vec![format!("Demo sign-in: {LOGIN} / {PASSWORD} (the other demo staff share the password). Try:")];
        let mut item = |what: &str, path: String| out.push(format!("  {what:<26} {base}{path}"));
        item("the work queue", "/queue".into());
        if let Some(r) = &self.urgent {
            item("an urgent case", format!("/cases/{r}"));
        }
        if let Some(r) = &self.evidence {
            item("evidence and custody", format!("/cases/{r}#evidence"));
        }
        if let Some(r) = &self.trail {
            item("a money trail with holds", format!("/cases/{r}#trail"));
        }
        if let Some((id, _)) = &self.ring {
            item("a fraud ring", format!("/rings/{id}"));
        }
        item("the dashboard", "/dashboard".into());
        if let Some((reference, code)) = &self.victim {
            item("the victim's own page", format!("/track   (reference {reference}, access code {code})"));
        }
        item("the public help page", "/help?district=jaipur".into());
        out
    }
}
