//! Sections that features add to the case page (golden hour, deadlines, evidence, documents, ...).
//!
//! Each feature renders its own panel with its own template and is called from [`panels`]. A
//! panel says where it belongs ([`Place`]): the "now" area at the top, in the order the desk
//! works an urgent case, or a named section below that the section index links to. The page
//! lays panels out by their place, so a new panel is one line in [`panels`].

use super::access::CaseHandle;
use crate::web::session::Staff;
use crate::web::{AppError, AppState};

/// Where a panel goes on the case page. The "now" places come first, in this order, above the
/// case's facts; sections follow, in the order [`panels`] gives them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Place {
    /// The golden-hour clock and the three actions (or what was done).
    Golden,
    /// What the rules give this victim: protection and advice.
    Protection,
    /// Open deadlines.
    Deadlines,
    /// The plan's tasks.
    Tasks,
    /// A named section below the facts, listed in the section index.
    Section,
}

impl Place {
    pub fn is_now(self) -> bool {
        self != Place::Section
    }
}

/// A rendered part of the case page. The HTML comes from an askama template (escaped there)
/// and is a `<section>` whose `id` is [`Panel::id`], so the index can link to it.
pub struct Panel {
    /// The section's `id` (the anchor forms return to, e.g. `evidence`).
    pub id: &'static str,
    /// Its name in the section index (translated).
    pub title: String,
    pub place: Place,
    /// A short count or state beside the name in the index ("3", "!"), if any.
    pub badge: Option<String>,
    pub html: String,
}

impl Panel {
    /// A named section below the facts.
    pub fn section(id: &'static str, title: String, html: String) -> Panel {
        Panel { id, title, place: Place::Section, badge: None, html }
    }

    /// A panel in the "now" area.
    pub fn now(place: Place, id: &'static str, title: String, html: String) -> Panel {
        Panel { id, title, place, badge: None, html }
    }

    pub fn with_badge(mut self, badge: impl Into<String>) -> Panel {
        self.badge = Some(badge.into());
        self
    }
}

/// The panels for one case. The "now" panels are put in [`Place`] order by the page; the
/// sections appear in the order given here.
pub async fn panels(state: &AppState, staff: &Staff, handle: &CaseHandle) -> Result<Vec<Panel>, AppError> {
    // Golden hour, deadlines, the plan's tasks, other actions and the money trail.
    let mut out = crate::triage::panels(state, staff, handle).await?;
    out.push(crate::identifiers::panel(state, staff, handle).await?);
    out.extend(crate::evidence::panel(state, staff, handle).await?);
    out.extend(crate::documents::panel(state, staff, handle).await?);
    out.push(crate::victim::panel(state, staff, handle).await?);
    out.push(crate::counselling::panel(state, staff, handle).await?);
    out.push(crate::referrals::panel(state, staff, handle).await?);
    out.extend(crate::followup::panel(state, staff, handle).await?);
    out.push(crate::privacy::consent::panel(state, staff, handle).await?);
    out.extend(crate::privacy::audit::panel(state, staff, handle).await?);
    Ok(out)
}

/// Splits panels into the "now" area (sorted by place, stably) and the sections.
pub fn arrange(panels: Vec<Panel>) -> (Vec<Panel>, Vec<Panel>) {
    let (mut now, sections): (Vec<Panel>, Vec<Panel>) = panels.into_iter().partition(|p| p.place.is_now());
    now.sort_by_key(|p| p.place);
    (now, sections)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn now_panels_follow_the_desk_order_whatever_order_they_come_in() {
        let p = |place, id| Panel { id, title: String::new(), place, badge: None, html: String::new() };
        let (now, sections) = arrange(vec![
            p(Place::Tasks, "tasks"),
            p(Place::Section, "evidence"),
            p(Place::Deadlines, "deadlines"),
            p(Place::Golden, "triage"),
            p(Place::Section, "documents"),
            p(Place::Protection, "advice"),
        ]);
        assert_eq!(now.iter().map(|p| p.id).collect::<Vec<_>>(), ["triage", "advice", "deadlines", "tasks"]);
        assert_eq!(sections.iter().map(|p| p.id).collect::<Vec<_>>(), ["evidence", "documents"]);
    }
}
