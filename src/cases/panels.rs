//! Sections that features add to the case page (identifiers, evidence, documents, ...).
//!
//! Each feature renders its own panel with its own template and is called from [`panels`], so
//! the case page does not grow a field for every feature.

use super::access::CaseHandle;
use crate::web::session::Staff;
use crate::web::{AppError, AppState};

/// A rendered section of the case page. The HTML comes from an askama template (escaped there).
pub struct Panel {
    pub html: String,
}

/// The feature panels for one case, in page order.
pub async fn panels(state: &AppState, staff: &Staff, handle: &CaseHandle) -> Result<Vec<Panel>, AppError> {
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
