//! The case page's "Victim self-service" section: the victim's access code (issue or reissue,
//! to print on their papers) and what the victim sent (more information, call-back requests),
//! each marked done by whoever handled it.

use askama::Template;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use sahayak_domain::access::CaseAction;

use crate::cases::access::{self, CaseHandle, require};
use crate::cases::panels::Panel;
use crate::store::StoreError;
use crate::web::AppState;
use crate::web::error::AppError;
use crate::web::form::FormData;
use crate::web::page::Page;
use crate::web::session::Staff;

pub struct RequestView {
    pub id: i64,
    pub kind: String,
    pub body: String,
    pub at: String,
    pub handled: Option<String>,
}

#[derive(Template)]
#[template(path = "victim/panel.html")]
struct PanelTemplate {
    page: Page,
    reference: String,
    code: Option<String>,
    issued: String,
    requests: Vec<RequestView>,
    open: usize,
    can_write: bool,
    /// A gateway sends the code to the victim's mobile (else it is only printed).
    delivers: bool,
}

pub async fn panel(state: &AppState, staff: &Staff, handle: &CaseHandle) -> Result<Panel, AppError> {
    let page = staff.page(state);
    let c = handle.case();
    let code = state.store.victim_code(c.id).await?;
    let requests: Vec<RequestView> = state
        .store
        .victim_requests(c.id)
        .await?
        .into_iter()
        .map(|r| RequestView {
            id: r.id,
            kind: page.t(if r.kind == "callback" { "victim-request-callback" } else { "victim-request-info" }),
            body: r.body,
            at: crate::cases::views::when(Some(r.created_at)),
            handled: r.handled_at.map(|at| {
                page.t1("victim-request-handled", "who", r.handled_by_name.clone().unwrap_or_default())
                    + " · "
                    + &crate::cases::views::when(Some(at))
            }),
        })
        .collect();
    let can_write = require(&staff.user, CaseAction::Edit).is_ok() && c.erased_at.is_none();
    // The code opens the victim's page and speaks as the victim there: only those who may act on
    // the case see it (an auditor sees that one was issued, and when).
    let shown = code
        .as_ref()
        .map(|(code, _)| if can_write { super::display_code(code) } else { "••••-••••-••••".into() });
    let body = PanelTemplate {
        reference: c.reference.clone(),
        issued: code.as_ref().map(|(_, at)| crate::cases::views::when(Some(*at))).unwrap_or_default(),
        code: shown,
        open: requests.iter().filter(|r| r.handled.is_none()).count(),
        requests,
        can_write,
        delivers: super::notifier(state).delivers(),
        page,
    };
    let page_title = body.page.t("victim-title");
    Ok(Panel::section("victim", page_title, body.render()?))
}

/// Issues a new code (the old one stops working) and sends it to the victim's mobile through
/// the notifier. Returns the code, and whether a message really went out.
pub(super) async fn issue(
    state: &AppState,
    staff_user: &crate::store::User,
    handle: &CaseHandle,
) -> Result<(String, bool), AppError> {
    issue_this(state, staff_user, handle, super::new_code()).await
}

/// [`issue`] with a code chosen by the caller: the demo's, printed at start-up. The code must
/// come from the victim code alphabet.
pub async fn issue_this(
    state: &AppState,
    staff_user: &crate::store::User,
    handle: &CaseHandle,
    code: String,
) -> Result<(String, bool), AppError> {
    require(staff_user, CaseAction::Edit)?;
    let c = handle.case();
    if c.erased_at.is_some() {
        return Err(AppError::BadRequest("retention-erased-no-edit"));
    }
    if code.len() != super::CODE_LEN || !code.bytes().all(|b| super::ALPHABET.contains(&b)) {
        return Err(AppError::BadRequest("error-bad-request"));
    }
    let subject = crate::privacy::audit::case_subject(c.id);
    let audited = state.store.audited(Some(staff_user.id), "case.victim_code", &subject, "");
    audited.set_victim_code(c.id, &code, state.now_millis()).await?;
    let text = crate::web::i18n::catalogs().get_with(
        c.fields.victim_lang,
        "victim-code-message",
        &[
            ("reference", c.reference.clone().into()),
            ("code", super::display_code(&code).into()),
            ("link", state.config.link("/track").into()),
        ],
    );
    let notifier = super::notifier(state);
    let sent = match notifier.send(c.id, c.fields.victim_mobile.as_str(), &text).await {
        Ok(()) => notifier.delivers(),
        Err(e) => {
            // The code is on the case page to print; a failed message does not undo it. Only the
            // kind of failure is logged, never the gateway's answer (it may repeat the number).
            tracing::warn!(case_id = c.id, reason = %e, "the victim's code could not be sent");
            false
        }
    };
    Ok((code, sent))
}

pub async fn issue_code(
    State(state): State<AppState>,
    staff: Staff,
    Path(reference): Path<String>,
    form: FormData,
) -> Result<Response, AppError> {
    staff.check_csrf(form.csrf())?;
    let handle = access::open_by_reference(&state, &staff.user, &reference).await?;
    issue(&state, &staff.user, &handle).await?;
    Ok(Redirect::to(&format!("/cases/{}#victim", handle.case().reference)).into_response())
}

pub async fn request_done(
    State(state): State<AppState>,
    staff: Staff,
    Path((reference, request_id)): Path<(String, i64)>,
    form: FormData,
) -> Result<Response, AppError> {
    staff.check_csrf(form.csrf())?;
    let handle = access::open_by_reference(&state, &staff.user, &reference).await?;
    require(&staff.user, CaseAction::Edit)?;
    match state.store.handle_victim_request(handle.id(), request_id, staff.user.id, state.now_millis()).await {
        Ok(()) | Err(StoreError::NotFound) => {}
        Err(e) => return Err(e.into()),
    }
    Ok(Redirect::to(&format!("/cases/{}#victim", handle.case().reference)).into_response())
}
