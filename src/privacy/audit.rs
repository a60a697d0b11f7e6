//! Writing to the audit log from the application, and the "who looked at this case" section.

use askama::Template;
use sahayak_domain::access::Role;

use crate::cases::access::CaseHandle;
use crate::cases::panels::Panel;
use crate::store::audit::AuditEvent;
use crate::web::page::Page;
use crate::web::session::Staff;
use crate::web::{AppError, AppState};

/// Appends an entry in a transaction of its own: for reads (a case opened, a file downloaded,
/// an export), sign-ins and refusals, where nothing else is written. A change records its
/// entry inside its own transaction instead (`Store::audited`, or the timeline's writer), so
/// the two commit together. A failure here is logged loudly but does not fail the request
/// that already happened; the chain itself stays intact (the entry is simply missing).
pub async fn record(state: &AppState, user_id: Option<i64>, action: &str, subject: &str, detail: &str) {
    let address = super::context::address();
    let event = AuditEvent { user_id, action, subject, detail, address: &address };
    if let Err(e) = state.store.audit(state.now_millis(), &event).await {
        tracing::error!(error = ?e, action, "audit entry could not be written");
    }
}

pub fn case_subject(id: i64) -> String {
    format!("case:{id}")
}

/// Supervisors, admins and auditors see who read and changed a case.
pub fn sees_access_log(role: Role) -> bool {
    matches!(role, Role::Supervisor | Role::Admin | Role::StateAdmin | Role::Auditor)
}

pub struct AccessView {
    pub at: String,
    pub who: String,
    pub what: String,
    pub address: String,
}

#[derive(Template)]
#[template(path = "privacy/access_log.html")]
struct AccessPanel {
    page: Page,
    entries: Vec<AccessView>,
}

pub async fn panel(state: &AppState, staff: &Staff, handle: &CaseHandle) -> Result<Option<Panel>, AppError> {
    if !sees_access_log(staff.user.role) {
        return Ok(None);
    }
    let page = staff.page(state);
    let entries = state
        .store
        .audit_for(&case_subject(handle.id()), 30)
        .await?
        .into_iter()
        .map(|(e, who)| AccessView {
            at: crate::cases::views::when(Some(e.at)),
            who: who.unwrap_or_else(|| page.t("audit-unknown-user")),
            what: page.t(&format!("audit-{}", e.action.replace(['.', '_'], "-"))),
            address: e.address,
        })
        .collect();
    let title = page.t("audit-title");
    Ok(Some(Panel::section("access-log", title, AccessPanel { page, entries }.render()?)))
}
