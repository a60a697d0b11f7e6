//! The data-principal export (DPDP Act s.11: a person's right to know what is held about them):
//! everything held about the person with a given mobile number, across the cases the requesting
//! user may see, as JSON (API and download) or as a printable page.
//!
//! The mobile number travels in POST bodies only, never in addresses (which end up in logs and
//! browser history). Each case exported leaves a `case.export` entry in the audit log.

use askama::Template;
use axum::Json;
use axum::extract::State;
use axum::http::header;
use axum::response::{Html, IntoResponse, Response};
use sahayak_domain::access::Role;
use sahayak_domain::phone::Mobile;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::cases::access::{self, CaseHandle};
use crate::cases::views;
use crate::store::User;
use crate::web::AppState;
use crate::web::error::{AppError, Problem};
use crate::web::form::FormData;
use crate::web::page::Page;
use crate::web::session::{ApiUser, Staff};

/// Who may answer a data-principal request: the people accountable for the centre's records.
pub fn may_export(user: &User) -> bool {
    matches!(user.role, Role::Supervisor | Role::Admin | Role::StateAdmin)
}

use crate::api::rfc3339;

#[derive(Serialize, Deserialize, ToSchema)]
pub struct PersonExport {
    pub generated_at: String,
    /// The number asked about, in international form.
    pub mobile: String,
    pub cases: Vec<CaseRecord>,
}

/// Everything held on one case.
#[derive(Serialize, Deserialize, ToSchema)]
pub struct CaseRecord {
    pub reference: String,
    pub district: String,
    pub status: String,
    pub registered_at: String,
    pub closed_at: Option<String>,
    pub erased_at: Option<String>,
    pub legal_hold: Option<String>,
    /// Name, mobile, language, age, gender, address (as recorded).
    #[schema(value_type = Object)]
    pub victim: serde_json::Value,
    /// Channel, category, pattern, times, amount, payment channel.
    #[schema(value_type = Object)]
    pub incident: serde_json::Value,
    pub narrative: String,
    pub suspect_details: Option<String>,
    pub pasted_messages: Option<String>,
    #[schema(value_type = Vec<Object>)]
    pub timeline: Vec<serde_json::Value>,
    #[schema(value_type = Vec<Object>)]
    pub actions: Vec<serde_json::Value>,
    #[schema(value_type = Vec<Object>)]
    pub money_trail: Vec<serde_json::Value>,
    #[schema(value_type = Vec<Object>)]
    pub restorations: Vec<serde_json::Value>,
    #[schema(value_type = Vec<Object>)]
    pub consents: Vec<serde_json::Value>,
    /// Files held (their names, hashes and sizes; the files themselves come with the evidence bundle).
    #[schema(value_type = Vec<Object>)]
    pub evidence: Vec<serde_json::Value>,
    /// Suspect identifiers found in the person's account of what happened.
    #[schema(value_type = Vec<Object>)]
    pub identifiers: Vec<serde_json::Value>,
    /// What the person sent through self-service (messages, call-back requests).
    #[schema(value_type = Vec<Object>)]
    pub messages: Vec<serde_json::Value>,
    /// Counselling sessions, with their notes.
    #[schema(value_type = Vec<Object>)]
    pub counselling: Vec<serde_json::Value>,
}

/// One case's record, gathered with the reads the case page makes.
async fn record(state: &AppState, handle: &CaseHandle) -> Result<CaseRecord, AppError> {
    let c = handle.case();
    let f = &c.fields;
    let id = handle.id();
    let districts = state.districts().await?;
    let district = districts.iter().find(|d| d.id == c.district_id).map(|d| d.code.clone()).unwrap_or_default();
    let timeline = state.store.timeline(id).await?;
    let actions = state.store.case_actions(id).await?;
    let trail = state.store.trail(id).await?;
    let restorations = state.store.restorations(id).await?;
    let consents = state.store.consents(id).await?;
    let evidence = state.store.evidence_items(id).await?;
    let identifiers = state.store.case_identifiers(id).await?;
    let messages = state.store.victim_requests(id).await?;
    let counselling = state.store.counselling_sessions(id).await?;
    let opt_time = |t: Option<i64>| t.map(rfc3339);
    Ok(CaseRecord {
        reference: c.reference.clone(),
        district,
        status: c.status.code().to_owned(),
        registered_at: rfc3339(c.created_at),
        closed_at: opt_time(c.closed_at),
        erased_at: opt_time(c.erased_at),
        legal_hold: c.legal_hold.clone(),
        victim: serde_json::json!({
            "name": f.victim_name,
            "mobile": f.victim_mobile,
            "language": f.victim_lang.code(),
            "age": f.victim_age,
            "gender": f.victim_gender.map(|g| g.code()),
            "address": f.victim_address,
        }),
        incident: serde_json::json!({
            "channel": f.channel.code(),
            "category": f.category,
            "sub_category": f.sub_category,
            "category_other": f.category_other,
            "scam_pattern": f.scam_pattern.code(),
            "incident_at": opt_time(f.incident_at),
            "noticed_at": opt_time(f.noticed_at),
            "amount_lost_paise": f.amount_lost_paise,
            "payment_channel": f.payment_channel.map(|p| p.code()),
        }),
        narrative: f.narrative.clone(),
        suspect_details: f.suspect_details.clone(),
        pasted_messages: f.pasted_messages.clone(),
        timeline: timeline
            .iter()
            .map(|e| serde_json::json!({"at": rfc3339(e.at), "by": e.actor_name, "kind": e.kind, "text": e.body}))
            .collect(),
        actions: actions
            .iter()
            .map(|a| {
                serde_json::json!({"action": a.action, "at": rfc3339(a.done_at), "reference": a.reference, "note": a.note})
            })
            .collect(),
        money_trail: trail
            .iter()
            .map(|t| {
                serde_json::json!({
                    "layer": t.layer, "bank": t.bank, "from": t.from_account, "to": t.to_account, "utr": t.utr,
                    "at": opt_time(t.at), "amount_paise": t.amount_paise, "action": t.action,
                    "hold_paise": t.hold_paise, "remarks": t.remarks,
                })
            })
            .collect(),
        restorations: restorations
            .iter()
            .map(|r| {
                serde_json::json!({
                    "route": r.route, "status": r.status, "amount_paise": r.amount_paise,
                    "restored_paise": r.restored_paise, "note": r.note, "updated_at": rfc3339(r.updated_at),
                })
            })
            .collect(),
        consents: consents
            .iter()
            .map(|r| {
                serde_json::json!({
                    "purpose": r.purpose, "given": r.given == 1, "given_by": r.given_by,
                    "guardian_name": r.guardian_name, "recorded_at": rfc3339(r.recorded_at),
                })
            })
            .collect(),
        evidence: evidence
            .iter()
            .map(|e| {
                serde_json::json!({
                    "name": e.original_name, "description": e.description, "sha256": e.sha256,
                    "size_bytes": e.size_bytes, "type": e.mime, "received_at": rfc3339(e.created_at),
                })
            })
            .collect(),
        identifiers: identifiers
            .iter()
            .map(|i| serde_json::json!({"kind": i.identifier.kind.as_str(), "value": i.identifier.value}))
            .collect(),
        messages: messages
            .iter()
            .map(|m| serde_json::json!({"kind": m.kind, "message": m.body, "sent_at": rfc3339(m.created_at)}))
            .collect(),
        counselling: counselling
            .iter()
            .map(|s| {
                serde_json::json!({
                    "at": rfc3339(s.scheduled_at), "mode": s.mode, "status": s.status, "notes": s.notes,
                    "follow_up_at": opt_time(s.follow_up_at),
                })
            })
            .collect(),
    })
}

/// Everything held about the person with this mobile, in the cases `user` may see. Every case
/// is opened through the access check (and so audited as read), then audited as exported.
pub async fn gather(
    state: &AppState,
    user: &User,
    mobile: &str,
) -> Result<(Mobile, Vec<(CaseHandle, CaseRecord)>), AppError> {
    if !may_export(user) {
        return Err(AppError::Forbidden);
    }
    let mobile: Mobile = mobile.parse().map_err(|_| AppError::invalid("mobile", "error-mobile"))?;
    let ids = state.store.cases_of_mobile(mobile.as_str(), &access::scope(user)).await?;
    let mut out = Vec::with_capacity(ids.len());
    for id in ids {
        let handle = access::open(state, user, id).await?;
        let rec = record(state, &handle).await?;
        let subject = crate::privacy::audit::case_subject(id);
        crate::privacy::audit::record(state, Some(user.id), "case.export", &subject, "data-principal").await;
        out.push((handle, rec));
    }
    Ok((mobile, out))
}

#[derive(Deserialize, Default, ToSchema)]
#[serde(default)]
pub struct ExportRequest {
    /// The person's mobile number (any common Indian form, or +country code).
    #[schema(required = true, pattern = "@text")]
    pub mobile: String,
}

/// Everything held about a person, found by their mobile number.
#[utoipa::path(post, path = "/api/v1/privacy/export", tag = "privacy", security(("bearer" = [])),
    request_body = ExportRequest,
    responses(
        (status = 200, body = PersonExport),
        (status = 400, body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Only supervisors and administrators answer these requests", body = Problem,
         content_type = "application/problem+json"),
        (status = 415, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn api(
    State(state): State<AppState>,
    api: ApiUser,
    body: crate::api::JsonBody<ExportRequest>,
) -> Result<Json<PersonExport>, AppError> {
    let body = body.accept()?;
    let (mobile, found) = gather(&state, &api.user, &body.mobile).await?;
    Ok(Json(PersonExport {
        generated_at: rfc3339(state.now_millis()),
        mobile: mobile.as_str().to_owned(),
        cases: found.into_iter().map(|(_, r)| r).collect(),
    }))
}

/// A labelled value on the printable page.
pub struct Row {
    pub label: String,
    pub value: String,
}

pub struct Section {
    pub title: String,
    pub rows: Vec<Row>,
}

pub struct CaseView {
    pub reference: String,
    pub sections: Vec<Section>,
}

#[derive(Template)]
#[template(path = "privacy/export.html")]
struct ExportPage {
    page: Page,
    mobile: String,
    /// None before a search; then the cases found (maybe none).
    cases: Option<Vec<CaseView>>,
    error: Option<String>,
    generated: String,
}

fn row(label: String, value: String) -> Row {
    Row { label, value }
}

/// The printable view of one case: the same facts as the JSON, labelled in the page's language.
async fn case_view(state: &AppState, page: &Page, handle: &CaseHandle) -> Result<CaseView, AppError> {
    let c = handle.case();
    let f = &c.fields;
    let id = handle.id();
    let t = |k: &str| page.t(k);
    let mut person = vec![
        row(t("field-victim-name"), f.victim_name.clone()),
        row(t("field-victim-mobile"), f.victim_mobile.clone()),
        row(t("field-victim-lang"), t(&f.victim_lang.label_key())),
    ];
    if let Some(age) = f.victim_age {
        person.push(row(t("field-victim-age"), age.to_string()));
    }
    if let Some(g) = f.victim_gender {
        person.push(row(t("field-victim-gender"), t(&g.label_key())));
    }
    if let Some(a) = &f.victim_address {
        person.push(row(t("field-victim-address"), a.clone()));
    }
    let mut incident = vec![
        row(t("field-category"), views::classification_label(page, &f.category, f.sub_category.as_deref())),
        row(t("field-scam-pattern"), t(&f.scam_pattern.label_key())),
        row(t("field-incident-at"), views::when(f.incident_at)),
        row(t("field-amount-lost"), views::money(f.amount_lost_paise)),
        row(t("case-registered"), views::when(Some(c.created_at))),
        row(t("case-what-happened"), f.narrative.clone()),
    ];
    if let Some(s) = &f.suspect_details {
        incident.push(row(t("field-suspect-details"), s.clone()));
    }
    if let Some(m) = &f.pasted_messages {
        incident.push(row(t("field-pasted-messages"), m.clone()));
    }
    let timeline = state
        .store
        .timeline(id)
        .await?
        .iter()
        .map(|e| {
            let v = views::event_view(page, e);
            row(
                format!("{} · {}", v.at, v.actor),
                [Some(v.what), v.body].into_iter().flatten().collect::<Vec<_>>().join(": "),
            )
        })
        .collect();
    let actions = state
        .store
        .case_actions(id)
        .await?
        .iter()
        .map(|a| {
            let detail = [a.reference.clone(), a.note.clone()].into_iter().flatten().collect::<Vec<_>>().join(" · ");
            row(
                t(&format!("action-{}", a.action.replace('_', "-"))),
                format!("{} {detail}", views::when(Some(a.done_at))),
            )
        })
        .collect();
    let trail = state
        .store
        .trail(id)
        .await?
        .iter()
        .map(|r| {
            let path = format!(
                "{} → {}",
                r.from_account.clone().unwrap_or_default(),
                r.to_account.clone().unwrap_or_default()
            );
            row(
                views::when(r.at),
                format!("{} · {path} · {}", views::money(Some(r.amount_paise)), r.bank.clone().unwrap_or_default()),
            )
        })
        .collect();
    let consents = state
        .store
        .consents(id)
        .await?
        .iter()
        .map(|r| {
            let status = t(if r.given == 1 { "consent-given" } else { "consent-withdrawn" });
            let by = t(&format!("consent-by-{}", r.given_by));
            let guardian = r.guardian_name.as_deref().map(|g| format!(" ({g})")).unwrap_or_default();
            let when = views::when(Some(r.recorded_at));
            row(t(&format!("consent-{}", r.purpose.replace('_', "-"))), format!("{status} · {by}{guardian} · {when}"))
        })
        .collect();
    let evidence = state
        .store
        .evidence_items(id)
        .await?
        .iter()
        .map(|e| row(e.original_name.clone(), format!("{} · SHA-256 {}", views::when(Some(e.created_at)), e.sha256)))
        .collect();
    let identifiers = state
        .store
        .case_identifiers(id)
        .await?
        .iter()
        .map(|i| row(t(&i.identifier.kind.label_key()), i.identifier.value.clone()))
        .collect();
    let messages = state
        .store
        .victim_requests(id)
        .await?
        .into_iter()
        .map(|m| {
            let kind = t(if m.kind == "callback" { "victim-request-callback" } else { "victim-request-info" });
            row(format!("{} · {kind}", views::when(Some(m.created_at))), m.body)
        })
        .collect();
    let counselling = state
        .store
        .counselling_sessions(id)
        .await?
        .into_iter()
        .map(|s| {
            let mode = t(&format!("counselling-mode-{}", s.mode.replace('_', "-")));
            row(format!("{} · {mode}", views::when(Some(s.scheduled_at))), s.notes.unwrap_or_default())
        })
        .collect();
    let sections = [
        ("export-person", person),
        ("export-incident", incident),
        ("export-timeline", timeline),
        ("export-actions", actions),
        ("trail-title", trail),
        ("consent-title", consents),
        ("export-evidence", evidence),
        ("export-identifiers", identifiers),
        ("victim-requests", messages),
        ("counselling-title", counselling),
    ]
    .into_iter()
    .filter(|(_, rows)| !rows.is_empty())
    .map(|(key, rows)| Section { title: t(key), rows })
    .collect();
    Ok(CaseView { reference: c.reference.clone(), sections })
}

/// The search form.
pub async fn form(State(state): State<AppState>, staff: Staff) -> Result<Html<String>, AppError> {
    if !may_export(&staff.user) {
        return Err(AppError::Forbidden);
    }
    let body = ExportPage {
        page: staff.page(&state),
        mobile: String::new(),
        cases: None,
        error: None,
        generated: String::new(),
    };
    Ok(Html(body.render()?))
}

/// Finds the person's cases and shows everything held (printable), or sends it as a JSON file.
pub async fn submit(State(state): State<AppState>, staff: Staff, form: FormData) -> Result<Response, AppError> {
    staff.check_csrf(form.csrf())?;
    let page = staff.page(&state);
    let typed = form.get("mobile").trim().to_owned();
    let (mobile, found) = match gather(&state, &staff.user, &typed).await {
        Ok(found) => found,
        Err(AppError::Invalid(_)) => {
            let error = Some(page.t("error-mobile"));
            let body = ExportPage { page, mobile: typed, cases: None, error, generated: String::new() };
            return Ok((axum::http::StatusCode::UNPROCESSABLE_ENTITY, Html(body.render()?)).into_response());
        }
        Err(e) => return Err(e),
    };
    let now = state.now_millis();
    if form.get("format") == "json" {
        let doc = PersonExport {
            generated_at: rfc3339(now),
            mobile: mobile.as_str().to_owned(),
            cases: found.into_iter().map(|(_, r)| r).collect(),
        };
        let json = serde_json::to_vec_pretty(&doc).map_err(|e| AppError::Internal(e.into()))?;
        return Ok((
            [
                (header::CONTENT_TYPE, "application/json".to_owned()),
                (header::CONTENT_DISPOSITION, "attachment; filename=\"sahayak-person-export.json\"".to_owned()),
                (header::CACHE_CONTROL, "no-store".to_owned()),
            ],
            json,
        )
            .into_response());
    }
    let mut cases = Vec::with_capacity(found.len());
    for (handle, _) in &found {
        cases.push(case_view(&state, &page, handle).await?);
    }
    let body = ExportPage {
        mobile: mobile.as_str().to_owned(),
        cases: Some(cases),
        error: None,
        generated: views::when(Some(now)),
        page,
    };
    Ok(([(header::CACHE_CONTROL, "no-store")], Html(body.render()?)).into_response())
}
