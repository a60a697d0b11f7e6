//! Who may do what, walked as a matrix: every role × every endpoint × a case in the user's own
//! district and one in another district.
//!
//! The endpoints are read from the source (every `.route("…", method(…))`), so a new endpoint
//! that has no rule in [`rules`] fails this test. For each cell the answer must be one of:
//! let through (anything but 401/403/404 and never a 5xx), forbidden (403) or hidden (404,
//! exactly as for a case that does not exist). Every answer given to a district user is also
//! searched for the references of the other district's cases, so lists, searches, rings and
//! exports cannot leak them either.

use std::collections::BTreeSet;
use std::path::Path;

use reqwest::Method;
use reqwest::multipart::{Form, Part};
use sahayak_domain::access::Role;
use sahayak_domain::case::Lang;
use serde_json::{Value, json};

use crate::helpers::*;

/// Who is let through (in their own district; other districts follow `sees_all_districts`).
#[derive(Clone, Copy)]
enum Who {
    /// Anyone, signed in or not.
    Public,
    /// Every role.
    All,
    /// Every role but the read-only auditor.
    Writers,
    /// Only these roles.
    Only(&'static [Role]),
    /// No staff member: the endpoint takes its own credentials (the metrics scraper's token).
    Machine,
}

/// What a request carries.
enum Body {
    None,
    Json(Value),
    /// A form; the page's anti-forgery token is added.
    Form(Vec<(&'static str, String)>),
    /// A file upload (`file` part, plus the anti-forgery token for pages).
    File(&'static str, Vec<u8>),
}

struct Rule {
    method: &'static str,
    path: &'static str,
    who: Who,
    body: fn(&Fixture) -> Body,
    /// The request targets something an earlier allowed request may have used up (a row
    /// removed, a preview confirmed): a 404 is then an answer about the thing, not the case.
    may_be_gone: bool,
    /// The request ends the caller's session; it gets fresh credentials of its own.
    ends_session: bool,
}

const SUPERVISING: &[Role] = &[Role::Supervisor, Role::Admin, Role::StateAdmin];
const FLAGGERS: &[Role] = &[Role::PoliceLiaison, Role::Supervisor, Role::Admin, Role::StateAdmin];
const COUNSELLORS: &[Role] = &[Role::Counsellor, Role::Supervisor];
const HOLDERS: &[Role] = &[Role::LegalAdvisor, Role::Supervisor, Role::Admin, Role::StateAdmin];
const ADMINS: &[Role] = &[Role::Admin, Role::StateAdmin];
const STATE: &[Role] = &[Role::StateAdmin];

fn none(_: &Fixture) -> Body {
    Body::None
}

fn form(_: &Fixture) -> Body {
    Body::Form(Vec::new())
}

fn rule(method: &'static str, path: &'static str, who: Who, body: fn(&Fixture) -> Body) -> Rule {
    Rule { method, path, who, body, may_be_gone: false, ends_session: false }
}

/// The rules, in the order they are walked: requests that remove or close things come last.
fn rules() -> Vec<Rule> {
    use Who::*;
    let mut r = vec![
        // Public.
        rule("GET", "/healthz", Public, none),
        rule("GET", "/metrics", Machine, none),
        rule("GET", "/when", All, none),
        rule("GET", "/static/{*path}", Public, none),
        rule("GET", "/login", Public, none),
        rule("GET", "/api/v1/openapi.json", Public, none),
        rule("POST", "/settings/lang", Public, |_| Body::Form(vec![("lang", "hi".into()), ("next", "/".into())])),
        // Victim self-service: no staff sign-in; the case is opened with its code (tests/it/victim.rs).
        rule("GET", "/help", Public, none),
        rule("GET", "/track", Public, none),
        rule("POST", "/track", Public, |f| {
            Body::Form(vec![("reference", f.reference.clone()), ("code", "WRONG".into())])
        }),
        rule("GET", "/track/case", Public, none),
        rule("POST", "/track/case/info", Public, |_| Body::Form(vec![("message", "More detail".into())])),
        rule("POST", "/track/case/callback", Public, form),
        rule("POST", "/track/case/evidence", Public, |_| Body::File("screenshot.png", PNG.to_vec())),
        rule("POST", "/track/logout", Public, form),
        rule("POST", "/api/v1/track", Public, |f| Body::Json(json!({"reference": f.reference, "code": "WRONG"}))),
        // Signed in, any district: lists and searches (scoped by the server, checked for leaks).
        rule("GET", "/", Public, none),
        rule("GET", "/queue", All, none),
        rule("GET", "/cases", All, none),
        rule("GET", "/cases/new", Writers, none),
        rule("GET", "/account", All, none),
        rule("GET", "/account/totp", All, none),
        rule("GET", "/identifiers", All, none),
        rule("GET", "/rings", All, none),
        rule("GET", "/rings/{ring}", All, none),
        rule("GET", "/rings/{ring}/export.csv", All, none),
        rule("GET", "/rings/{ring}/export.json", All, none),
        rule("POST", "/identifiers/preview", All, |_| Body::Form(vec![("text", "paid to matrix.fraud@ybl".into())])),
        rule("POST", "/identifiers/flag", Only(FLAGGERS), |f| {
            Body::Form(vec![("kind", "upi".into()), ("value", f.upi.into()), ("flag", "watch".into())])
        }),
        rule("GET", "/privacy/export", Only(SUPERVISING), none),
        rule("POST", "/privacy/export", Only(SUPERVISING), |_| {
            Body::Form(vec![("mobile", MOBILE.into()), ("format", "html".into())])
        }),
        rule("GET", "/dashboard", All, none),
        rule("GET", "/dashboard/report.csv", All, none),
        rule("GET", "/dashboard/report.xlsx", All, none),
        rule("GET", "/dashboard/report.pdf", All, none),
        rule("GET", "/api/v1/dashboard", All, none),
        rule("GET", "/api/v1/dashboard/report", All, none),
        // Awareness programmes: institutions and programmes of a district (tests/it/awareness.rs).
        rule("GET", "/awareness", All, none),
        rule("GET", "/awareness/institutions", All, none),
        rule("GET", "/awareness/institutions/new", Writers, none),
        rule("POST", "/awareness/institutions", Writers, |_| {
            Body::Form(vec![("district", "jaipur".into()), ("name", "Matrix School".into()), ("kind", "school".into())])
        }),
        rule("GET", "/awareness/institutions/{institution}", All, none),
        rule("POST", "/awareness/institutions/{institution}", Writers, |_| {
            Body::Form(vec![("name", "Matrix School".into()), ("kind", "school".into())])
        }),
        rule("GET", "/awareness/programmes/new", Writers, none),
        rule("POST", "/awareness/programmes", Writers, form),
        rule("GET", "/awareness/programmes/{programme}", All, none),
        rule("POST", "/awareness/programmes/{programme}", Writers, form),
        rule("POST", "/awareness/programmes/{programme}/attendance", Writers, |_| {
            Body::Form(vec![("status", "planned".into())])
        }),
        rule("GET", "/awareness/programmes/{programme}/certificate.pdf", All, none),
        rule("POST", "/awareness/programmes/{programme}/certificates", All, |_| {
            Body::Form(vec![("names", "Ravi Kumar".into())])
        }),
        rule("GET", "/feedback/{token}", Public, none),
        rule("POST", "/feedback/{token}", Public, |_| Body::Form(vec![("rating", "5".into())])),
        rule("POST", "/api/v1/feedback/{token}", Public, |_| Body::Json(json!({"rating": 5}))),
        rule("GET", "/api/v1/awareness/institutions", All, none),
        rule("POST", "/api/v1/awareness/institutions", Writers, |_| {
            Body::Json(json!({"district": "jaipur", "name": "Matrix School", "kind": "school"}))
        }),
        rule("GET", "/api/v1/awareness/institutions/{institution}", All, none),
        rule("PUT", "/api/v1/awareness/institutions/{institution}", Writers, |_| {
            Body::Json(json!({"name": "Matrix School", "kind": "school"}))
        }),
        rule("GET", "/api/v1/awareness/programmes", All, none),
        rule("POST", "/api/v1/awareness/programmes", Writers, |_| Body::Json(json!({}))),
        rule("GET", "/api/v1/awareness/programmes/{programme}", All, none),
        rule("PUT", "/api/v1/awareness/programmes/{programme}", Writers, |_| Body::Json(json!({}))),
        rule("POST", "/api/v1/awareness/programmes/{programme}/attendance", Writers, |_| {
            Body::Json(json!({"status": "planned"}))
        }),
        rule("GET", "/api/v1/awareness/programmes/{programme}/feedback", All, none),
        rule("GET", "/api/v1/districts", All, none),
        rule("GET", "/api/v1/taxonomy", All, none),
        rule("GET", "/api/v1/plans", All, none),
        rule("GET", "/api/v1/queue", All, none),
        rule("GET", "/api/v1/money", All, none),
        rule("GET", "/api/v1/cases", All, none),
        rule("POST", "/api/v1/cases", Writers, |_| Body::Json(case_body("jaipur"))),
        rule("POST", "/api/v1/extract", All, |_| Body::Json(json!({"text": "paid to matrix.fraud@ybl"}))),
        rule("GET", "/api/v1/identifiers/{kind}/{value}/cases", All, none),
        rule("PUT", "/api/v1/identifiers/{kind}/{value}/flag", Only(FLAGGERS), |_| {
            Body::Json(json!({"flag": "watch"}))
        }),
        rule("GET", "/api/v1/rings", All, none),
        rule("GET", "/api/v1/rings/{ring}", All, none),
        rule("POST", "/api/v1/privacy/export", Only(SUPERVISING), |_| Body::Json(json!({"mobile": MOBILE}))),
        rule("POST", "/cases", Writers, |_| Body::Form(Vec::new())),
        // One case: pages.
        rule("GET", "/cases/{reference}", All, none),
        rule("GET", "/cases/{reference}/edit", Writers, none),
        rule("POST", "/cases/{reference}/edit", Writers, form),
        rule("POST", "/cases/{reference}/notes", Writers, |_| Body::Form(vec![("body", "Called back.".into())])),
        rule("POST", "/cases/{reference}/assign", Writers, |f| Body::Form(vec![("assignee", f.me.to_string())])),
        rule("POST", "/cases/{reference}/actions", Writers, |_| Body::Form(vec![("action", "called_1930".into())])),
        rule("POST", "/cases/{reference}/payment-facts", Writers, |_| {
            Body::Form(vec![("payer", "victim_tricked".into())])
        }),
        rule("POST", "/cases/{reference}/plan", Writers, |_| Body::Form(vec![("plan", "upi_fraud".into())])),
        rule("GET", "/cases/{reference}/plan/sheet", All, none),
        rule("POST", "/cases/{reference}/tasks/{task}", Writers, |_| Body::Form(vec![("done", "1".into())])),
        rule("POST", "/cases/{reference}/trail", Writers, |_| Body::Form(trail_row())),
        rule("POST", "/cases/{reference}/trail/import", Writers, |_| {
            Body::File("trail.csv", TRAIL_CSV.as_bytes().into())
        }),
        rule("POST", "/cases/{reference}/restorations", Writers, |_| Body::Form(restoration())),
        rule("POST", "/cases/{reference}/identifiers", Writers, |f| {
            Body::Form(vec![("pick", format!("upi:{}", f.upi))])
        }),
        rule("POST", "/cases/{reference}/consent", Writers, |_| {
            Body::Form(vec![("purpose", "follow_up".into()), ("given", "yes".into())])
        }),
        rule("POST", "/cases/{reference}/legal-hold", Only(HOLDERS), |_| {
            Body::Form(vec![("hold", "on".into()), ("reason", "Court order awaited".into())])
        }),
        rule("POST", "/cases/{reference}/victim-code", Writers, form),
        rule("POST", "/cases/{reference}/follow-ups/{follow_up}", Writers, |_| Body::Form(vec![("score", "9".into())])),
        rule("POST", "/cases/{reference}/referrals", Writers, |_| Body::Form(vec![("kind", "police".into())])),
        rule("POST", "/cases/{reference}/referrals/{referral}", Writers, |_| {
            Body::Form(vec![("status", "bogus".into())])
        }),
        rule("POST", "/cases/{reference}/counselling", Only(COUNSELLORS), |_| {
            Body::Form(vec![("mode", "phone".into())])
        }),
        rule("POST", "/cases/{reference}/victim-requests/{request}/done", Writers, form),
        rule("GET", "/cases/{reference}/documents/{file}", All, none),
        rule("GET", "/cases/{reference}/evidence/new", Writers, none),
        rule("POST", "/cases/{reference}/evidence", Writers, |_| Body::File("screenshot.png", PNG.to_vec())),
        rule("GET", "/cases/{reference}/evidence/{item}", All, none),
        rule("GET", "/cases/{reference}/evidence/{item}/file", All, none),
        rule("GET", "/cases/{reference}/evidence/verify", All, none),
        rule("GET", "/cases/{reference}/evidence/bundle.zip", All, none),
        rule("POST", "/cases/{reference}/evidence/{item}/custody", Writers, |_| {
            Body::Form(vec![("action", "handed_to_police".into()), ("reason", "Pen drive to SI Meena".into())])
        }),
        rule("POST", "/cases/{reference}/evidence/{item}/portal-copy", Writers, form),
        // One case: API.
        rule("GET", "/api/v1/cases/{id}", All, none),
        rule("PATCH", "/api/v1/cases/{id}", Writers, |_| {
            Body::Json(json!({"suspect_details": "Caller from 7000000001"}))
        }),
        rule("GET", "/api/v1/cases/{id}/events", All, none),
        rule("POST", "/api/v1/cases/{id}/notes", Writers, |_| Body::Json(json!({"body": "Called back."}))),
        rule("POST", "/api/v1/cases/{id}/assign", Writers, |f| Body::Json(json!({"assignee_id": f.me}))),
        rule("GET", "/api/v1/cases/{id}/actions", All, none),
        rule("POST", "/api/v1/cases/{id}/actions", Writers, |_| Body::Json(json!({"action": "called_1930"}))),
        rule("GET", "/api/v1/cases/{id}/deadlines", All, none),
        rule("GET", "/api/v1/cases/{id}/advice", All, none),
        rule("GET", "/api/v1/cases/{id}/payment-facts", All, none),
        rule("PUT", "/api/v1/cases/{id}/payment-facts", Writers, |_| Body::Json(json!({"payer": "someone_else"}))),
        rule("GET", "/api/v1/cases/{id}/tasks", All, none),
        rule("POST", "/api/v1/cases/{id}/tasks/{task}", Writers, |_| Body::Json(json!({"done": true}))),
        rule("POST", "/api/v1/cases/{id}/plan", Writers, |_| Body::Json(json!({"plan": "upi_fraud"}))),
        rule("GET", "/api/v1/cases/{id}/trail", All, none),
        rule("POST", "/api/v1/cases/{id}/trail", Writers, |_| Body::Json(trail_json())),
        rule("POST", "/api/v1/cases/{id}/trail/import", Writers, |_| {
            Body::File("trail.csv", TRAIL_CSV.as_bytes().into())
        }),
        rule("GET", "/api/v1/cases/{id}/restorations", All, none),
        rule("POST", "/api/v1/cases/{id}/restorations", Writers, |_| Body::Json(restoration_json())),
        rule("GET", "/api/v1/cases/{id}/identifiers", All, none),
        rule("POST", "/api/v1/cases/{id}/identifiers", Writers, |f| {
            Body::Json(json!({"identifiers": [{"kind": "upi", "value": f.upi}]}))
        }),
        rule("GET", "/api/v1/cases/{id}/consents", All, none),
        rule("POST", "/api/v1/cases/{id}/consents", Writers, |_| {
            Body::Json(json!({"purpose": "follow_up", "given": true}))
        }),
        rule("POST", "/api/v1/cases/{id}/victim-code", Writers, none),
        rule("GET", "/api/v1/cases/{id}/documents/{file}", All, none),
        rule("GET", "/api/v1/cases/{id}/follow-ups", All, none),
        rule("POST", "/api/v1/cases/{id}/follow-ups/{follow_up}", Writers, |_| Body::Json(json!({"score": 9}))),
        rule("GET", "/api/v1/cases/{id}/referrals", All, none),
        rule("POST", "/api/v1/cases/{id}/referrals", Writers, |_| Body::Json(json!({"kind": "police"}))),
        rule("POST", "/api/v1/cases/{id}/referrals/{referral}", Writers, |_| Body::Json(json!({"status": "bogus"}))),
        rule("GET", "/api/v1/cases/{id}/counselling", All, none),
        rule("POST", "/api/v1/cases/{id}/counselling", Only(COUNSELLORS), |_| Body::Json(json!({"mode": "phone"}))),
        rule("GET", "/api/v1/cases/{id}/victim-requests", All, none),
        rule("GET", "/api/v1/cases/{id}/evidence", All, none),
        rule("POST", "/api/v1/cases/{id}/evidence", Writers, |_| Body::File("screenshot.png", PNG.to_vec())),
        rule("GET", "/api/v1/cases/{id}/evidence/{item}", All, none),
        rule("GET", "/api/v1/cases/{id}/evidence/{item}/content", All, none),
        rule("GET", "/api/v1/cases/{id}/evidence/verify", All, none),
        rule("GET", "/api/v1/cases/{id}/evidence/bundle.zip", All, none),
        rule("POST", "/api/v1/cases/{id}/evidence/{item}/custody", Writers, |_| {
            Body::Json(json!({"action": "handed_to_police", "reason": "Pen drive to SI Meena"}))
        }),
        rule("POST", "/api/v1/cases/{id}/evidence/{item}/portal-copy", Writers, |_| Body::Json(json!({}))),
        // The district directory: admins of the district edit it (bodies that save nothing, or
        // add a row); every staff member of the district reads it through the API.
        rule("GET", "/admin/districts", Only(ADMINS), none),
        rule("GET", "/admin/districts/new", Only(STATE), none),
        rule("POST", "/admin/districts", Only(STATE), form),
        rule("POST", "/api/v1/districts", Only(STATE), |_| Body::Json(json!({"code": "BAD CODE"}))),
        rule("PUT", "/api/v1/districts/{code}", Only(ADMINS), |_| Body::Json(json!({"centre_phone": "call us"}))),
        rule("GET", "/admin/districts/{code}", Only(ADMINS), none),
        rule("POST", "/admin/districts/{code}", Only(ADMINS), |_| Body::Form(vec![("centre_phone", "call us".into())])),
        rule("GET", "/admin/districts/{code}/stations", Only(ADMINS), none),
        rule("POST", "/admin/districts/{code}/stations", Only(ADMINS), |_| {
            Body::Form(vec![("name_en", "Matrix Police Station".into()), ("name_hi", "मैट्रिक्स थाना".into())])
        }),
        rule("GET", "/admin/districts/{code}/stations/{station}", Only(ADMINS), none),
        rule("POST", "/admin/districts/{code}/stations/{station}", Only(ADMINS), |_| {
            Body::Form(vec![("email", "not an address".into())])
        }),
        rule("GET", "/admin/districts/{code}/legal-aid", Only(ADMINS), none),
        rule("POST", "/admin/districts/{code}/legal-aid", Only(ADMINS), |_| Body::Form(vec![("kind", "x".into())])),
        rule("GET", "/admin/districts/{code}/legal-aid/{contact}", Only(ADMINS), none),
        rule("POST", "/admin/districts/{code}/legal-aid/{contact}", Only(ADMINS), |_| {
            Body::Form(vec![("kind", "x".into())])
        }),
        rule("GET", "/admin/districts/{code}/tips", Only(ADMINS), none),
        rule("POST", "/admin/districts/{code}/tips", Only(ADMINS), |_| Body::Form(vec![("title_en", "x".into())])),
        rule("GET", "/admin/districts/{code}/tips/{tip}", Only(ADMINS), none),
        rule("POST", "/admin/districts/{code}/tips/{tip}", Only(ADMINS), |_| {
            Body::Form(vec![("title_en", "x".into())])
        }),
        rule("POST", "/admin/districts/{code}/tips/{tip}/hide", Only(ADMINS), |_| {
            Body::Form(vec![("hidden", "1".into())])
        }),
        rule("GET", "/api/v1/districts/{code}/stations", All, none),
        rule("POST", "/api/v1/districts/{code}/stations", Only(ADMINS), |_| Body::Json(json!({"name_en": ""}))),
        rule("PUT", "/api/v1/districts/{code}/stations/{station}", Only(ADMINS), |_| {
            Body::Json(json!({"name_en": ""}))
        }),
        rule("GET", "/api/v1/districts/{code}/legal-aid", All, none),
        rule("POST", "/api/v1/districts/{code}/legal-aid", Only(ADMINS), |_| Body::Json(json!({"kind": "x"}))),
        rule("PUT", "/api/v1/districts/{code}/legal-aid/{contact}", Only(ADMINS), |_| Body::Json(json!({"kind": "x"}))),
        rule("GET", "/api/v1/districts/{code}/tips", All, none),
        rule("POST", "/api/v1/districts/{code}/tips", Only(ADMINS), |_| Body::Json(json!({"title_en": "x"}))),
        rule("PUT", "/api/v1/districts/{code}/tips/{tip}", Only(ADMINS), |_| Body::Json(json!({"title_en": "x"}))),
        rule("PUT", "/api/v1/districts/{code}/tips/{tip}/hidden", Only(ADMINS), |_| {
            Body::Json(json!({"hidden": true}))
        }),
        // Staff administration: admins of the district manage its people (bodies that keep the
        // person as they are, or that save nothing); a person of another district is hidden.
        rule("GET", "/admin/staff", Only(ADMINS), none),
        rule("POST", "/admin/staff", Only(ADMINS), |_| Body::Form(vec![("username", "x".into())])),
        rule("GET", "/admin/staff/{user}", Only(ADMINS), none),
        rule("POST", "/admin/staff/{user}", Only(ADMINS), |f| {
            Body::Form(vec![("role", "counsellor".into()), ("districts", f.district.clone()), ("active", "on".into())])
        }),
        rule("POST", "/admin/staff/{user}/reset-link", Only(ADMINS), form),
        rule("POST", "/admin/staff/{user}/two-step", Only(ADMINS), form),
        rule("GET", "/api/v1/users", Only(ADMINS), none),
        rule("POST", "/api/v1/users", Only(ADMINS), |_| Body::Json(json!({"username": "x"}))),
        rule("GET", "/api/v1/users/{user}", Only(ADMINS), none),
        rule("PATCH", "/api/v1/users/{user}", Only(ADMINS), |_| Body::Json(json!({"role": "counsellor"}))),
        rule("POST", "/api/v1/users/{user}/reset-link", Only(ADMINS), none),
        rule("POST", "/api/v1/users/{user}/reset-two-step", Only(ADMINS), none),
        // One-time links: opened by whoever holds one (a wrong token is told it does not work).
        rule("GET", "/password/new", Public, none),
        rule("POST", "/password/new", Public, |_| Body::Form(vec![("token", "WRONG".into())])),
        rule("GET", "/setup", Public, none),
        rule("POST", "/setup", Public, |_| Body::Form(vec![("token", "WRONG".into())])),
    ];
    // Requests that use up what they name: confirming a preview, removing a row.
    let gone = |mut r: Rule| {
        r.may_be_gone = true;
        r
    };
    r.extend([
        gone(rule("POST", "/cases/{reference}/trail/import/{import}", Writers, form)),
        gone(rule("POST", "/api/v1/cases/{id}/trail/import/{import}", Writers, |_| Body::Json(json!({})))),
        gone(rule("POST", "/cases/{reference}/trail/{row}/remove", Writers, form)),
        gone(rule("DELETE", "/api/v1/cases/{id}/trail/{row}", Writers, none)),
        gone(rule("POST", "/cases/{reference}/identifiers/{identifier}/remove", Writers, form)),
        gone(rule("DELETE", "/api/v1/cases/{id}/identifiers/{identifier}", Writers, none)),
        rule("POST", "/cases/{reference}/status", Writers, |_| Body::Form(vec![("status", "in_progress".into())])),
        rule("POST", "/api/v1/cases/{id}/status", Writers, |_| Body::Json(json!({"status": "awaiting_victim"}))),
    ]);
    // Signing in and out: each gets credentials of its own.
    let session = |mut r: Rule| {
        r.ends_session = true;
        r
    };
    r.extend([
        rule("POST", "/login", Public, |f| {
            Body::Form(vec![("username", f.username.clone()), ("password", PASSWORD.into()), ("next", "/".into())])
        }),
        rule("POST", "/login/code", Public, |_| Body::Form(vec![("code", "000000".into())])),
        rule("POST", "/api/v1/auth/login", Public, |f| {
            Body::Json(json!({"username": f.username, "password": PASSWORD}))
        }),
        rule("POST", "/account/totp", All, |_| Body::Form(vec![("code", "000000".into())])),
        session(rule("POST", "/account/totp/off", All, |_| Body::Form(vec![("code", "000000".into())]))),
        session(rule("POST", "/api/v1/auth/logout", All, none)),
        session(rule("POST", "/logout", All, form)),
        session(rule("POST", "/account/sessions/end", All, form)),
    ]);
    r
}

const MOBILE: &str = "98290 61234";
/// A 1×1 PNG.
pub const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0\x1f\x15\xc4\x89\0\0\0\rIDATx\x9cc\xf8\xcf\xc0\xf0\x1f\0\x05\0\x01\xff\x89\x99=\x1d\0\0\0\0IEND\xaeB`\x82";

fn case_body(district: &str) -> Value {
    let mut body = valid_case();
    body["district"] = json!(district);
    body["victim_mobile"] = json!(MOBILE);
    body["suspect_details"] = json!("Paid to matrix.fraud@ybl");
    body
}

fn trail_row() -> Vec<(&'static str, String)> {
    vec![("layer", "1".into()), ("from_account", "50100911223344".into()), ("amount", "5000".into())]
}

fn trail_json() -> Value {
    json!({"layer": "1", "from_account": "50100911223344", "to_account": "33445566778", "amount": "5000"})
}

fn restoration() -> Vec<(&'static str, String)> {
    vec![("route", "admin_under_50k".into()), ("status", "refunded".into()), ("amount", "1000".into())]
}

fn restoration_json() -> Value {
    json!({"route": "admin_under_50k", "status": "refunded", "amount": "1000", "restored": "1000"})
}

const TRAIL_CSV: &str = "S No.,Acknowledgement No.,Account No./(Wallet/PG/PA) Id,Transaction Id/UTR Number,Bank/FIs,Layer,Account No,IFSC Code,Transaction Date,Transaction Amount,Disputed Amount,Remarks,Put on hold Amount,Action Taken By bank\n\
1,31612260012345,50100234567891,412345678901,HDFC Bank,1,920010012345678,UTIB0000123,19/06/2025 10:15:32,49999,49999,,,Money Transfer to\n";

/// One role's case (with something of everything) in one district.
struct Fixture {
    username: String,
    me: i64,
    id: i64,
    reference: String,
    item: i64,
    row: i64,
    import: i64,
    task: i64,
    identifier: i64,
    request: i64,
    upi: &'static str,
    /// The district's code, one of its stations and legal-aid contacts, and a tip of its own.
    district: String,
    station: i64,
    contact: i64,
    tip: i64,
    institution: i64,
    programme: i64,
    feedback: String,
    /// A counsellor of the district, whom its admins manage.
    user: i64,
}

impl Fixture {
    /// Made by `maker` (a supervisor of the district) for `username` (id `me`).
    async fn new(app: &TestApp, maker: &str, district: &str, username: &str, me: i64) -> Fixture {
        let token = app.token(maker).await;
        let case = app.create_case(&token, case_body(district)).await;
        let id = case["id"].as_i64().unwrap();
        let base = format!("/api/v1/cases/{id}");
        let upload = |path: String, name: &'static str, bytes: Vec<u8>| {
            let token = token.clone();
            let url = app.url(&path);
            async move {
                let form = Form::new().part("file", Part::bytes(bytes).file_name(name));
                let r = TestApp::http().post(url).bearer_auth(token).multipart(form).send().await.unwrap();
                let status = r.status().as_u16();
                let v: Value = r.json().await.unwrap();
                assert!(status < 300, "{path}: {status} {v}");
                v
            }
        };
        let item = upload(format!("{base}/evidence"), "screenshot.png", PNG.to_vec()).await;
        let item = item["items"][0]["id"].as_i64().expect("evidence id");
        let (s, row) = app.api(Method::POST, &token, &format!("{base}/trail"), Some(trail_json())).await;
        assert!(s < 300, "{row}");
        let row = row["rows"].as_array().and_then(|r| r.last()?["id"].as_i64()).expect("trail row id");
        let import = upload(format!("{base}/trail/import"), "trail.csv", TRAIL_CSV.as_bytes().into()).await;
        let import = import["import_id"].as_i64().expect("import id");
        let (_, tasks) = app.api(Method::GET, &token, &format!("{base}/tasks"), None).await;
        let task = tasks[0]["id"].as_i64().expect("a task");
        let upi = "matrix.fraud@ybl";
        let (s, ids) = app
            .api(
                Method::POST,
                &token,
                &format!("{base}/identifiers"),
                Some(json!({"identifiers": [{"kind": "upi", "value": upi}]})),
            )
            .await;
        assert!(s < 300, "{ids}");
        let identifier = ids.as_array().unwrap()[0]["id"].as_i64().expect("identifier id");
        let reference = case["reference"].as_str().unwrap().to_owned();
        let request = app.state.store.add_victim_request(id, "info", "Called again", 0).await.unwrap();
        let store = &app.state.store;
        let district_id = store.district_by_code(district).await.unwrap().unwrap().id;
        let station = store.stations(district_id, false).await.unwrap()[0].id;
        let contact = store.legal_aid_contacts(district_id, false).await.unwrap()[0].id;
        let tip_fields = sahayak::store::TipFields {
            patterns: vec!["upi_qr".into()],
            audience: vec!["general".into()],
            title_en: "Matrix tip".into(),
            title_hi: "मैट्रिक्स सुझाव".into(),
            text_en: "Check twice.".into(),
            text_hi: "दो बार जाँचें।".into(),
            source: String::new(),
            active: true,
        };
        let tip = store.add_tip(Some(district_id), &tip_fields, me.max(1)).await.unwrap().id;
        let body = json!({"district": district, "name": "Matrix School", "kind": "school"});
        let (s, inst) = app.api(Method::POST, &token, "/api/v1/awareness/institutions", Some(body)).await;
        assert!(s < 300, "{inst}");
        let institution = inst["id"].as_i64().expect("institution id");
        let body = json!({"institution_id": institution, "starts_at": "2099-01-01T10:00", "audience": ["students"],
            "language": "hi", "topics": ["otp_never_share"]});
        let (s, prog) = app.api(Method::POST, &token, "/api/v1/awareness/programmes", Some(body)).await;
        assert!(s < 300, "{prog}");
        let programme = prog["id"].as_i64().expect("programme id");
        let feedback = prog["feedback_path"].as_str().unwrap().trim_start_matches("/feedback/").to_owned();
        let staff_name = format!("matrix.staff.{district}.{username}");
        let user = app.add_user(&staff_name, Role::Counsellor, &[district_id], Lang::En).await;
        Fixture {
            username: username.into(),
            me,
            id,
            reference,
            item,
            row,
            import,
            task,
            identifier,
            request,
            upi,
            district: district.into(),
            station,
            contact,
            tip,
            institution,
            programme,
            feedback,
            user,
        }
    }

    fn path(&self, template: &str) -> String {
        template
            .replace("{*path}", "app.css")
            .replace("{reference}", &self.reference)
            .replace("{id}", &self.id.to_string())
            .replace("{item}", &self.item.to_string())
            .replace("{row}", &self.row.to_string())
            .replace("{import}", &self.import.to_string())
            .replace("{task}", &self.task.to_string())
            .replace("{identifier}", &self.identifier.to_string())
            .replace("{request}", &self.request.to_string())
            .replace("{referral}", "1")
            .replace("{follow_up}", "1")
            .replace("{file}", "case-summary.pdf")
            .replace("{kind}", "upi")
            .replace("{value}", self.upi)
            .replace("{ring}", "1")
            .replace("{code}", &self.district)
            .replace("{station}", &self.station.to_string())
            .replace("{contact}", &self.contact.to_string())
            .replace("{tip}", &self.tip.to_string())
            .replace("{institution}", &self.institution.to_string())
            .replace("{programme}", &self.programme.to_string())
            .replace("{token}", &self.feedback)
            .replace("{user}", &self.user.to_string())
    }
}

/// Signed-in credentials: a bearer token and a browser session.
struct Caller {
    token: String,
    browser: Browser,
}

impl Caller {
    async fn new(app: &TestApp, username: &str) -> Caller {
        Caller { token: app.token(username).await, browser: app.browser(username).await }
    }
}

/// Sends `rule`'s request for `fx` as `caller` (or nobody); returns status, redirect and body.
async fn send(app: &TestApp, caller: Option<&Caller>, rule: &Rule, fx: &Fixture) -> (u16, String, String) {
    let path = fx.path(rule.path);
    let api = path.starts_with("/api/");
    let method = Method::from_bytes(rule.method.as_bytes()).unwrap();
    let public = matches!(rule.who, Who::Public);
    let client = match caller {
        // Public pages are visited as a new visitor (signing in starts from the sign-in page).
        Some(_) if public && !api => {
            reqwest::Client::builder().cookie_store(true).redirect(reqwest::redirect::Policy::none()).build().unwrap()
        }
        Some(c) if !api => c.browser.client.clone(),
        _ => TestApp::http(),
    };
    let csrf = match caller {
        Some(_) if !api && method != Method::GET && public => {
            // The public forms' double-submit token comes with their own page.
            let form_page = if path.starts_with("/track") { "/track" } else { "/login" };
            csrf_of(&client.get(app.url(form_page)).send().await.unwrap().text().await.unwrap())
        }
        Some(c) if !api && method != Method::GET => c.browser.csrf("/account").await,
        _ => String::new(),
    };
    let mut req = client.request(method, app.url(&path));
    if let (Some(c), true) = (caller, api) {
        req = req.bearer_auth(&c.token);
    }
    req = match (rule.body)(fx) {
        Body::None => req,
        Body::Json(v) => req.json(&v),
        Body::Form(mut pairs) => {
            pairs.push(("csrf", csrf));
            req.form(&pairs)
        }
        Body::File(name, bytes) => {
            let mut form = Form::new();
            if !api {
                form = form.text("csrf", csrf);
            }
            req.multipart(form.part("file", Part::bytes(bytes).file_name(name)))
        }
    };
    let r = req.send().await.unwrap();
    let status = r.status().as_u16();
    let location = r.headers().get("location").map(|l| l.to_str().unwrap().to_owned()).unwrap_or_default();
    (status, location, String::from_utf8_lossy(&r.bytes().await.unwrap()).into_owned())
}

#[derive(Debug, PartialEq, Eq, Clone, Copy)]
enum Answer {
    Through,
    Forbidden,
    Hidden,
    SignIn,
}

fn answer_of(status: u16, location: &str, may_be_gone: bool) -> Answer {
    match status {
        401 => Answer::SignIn,
        303 if location.starts_with("/login") => Answer::SignIn,
        403 => Answer::Forbidden,
        404 if !may_be_gone => Answer::Hidden,
        _ => Answer::Through,
    }
}

/// `(method, path)` of every route the server registers, read from the source.
fn registered_routes() -> BTreeSet<(String, String)> {
    let mut out = BTreeSet::new();
    let mut stack = vec![Path::new(env!("CARGO_MANIFEST_DIR")).join("src")];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let p = entry.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|e| e == "rs") {
                routes_in(&std::fs::read_to_string(&p).unwrap(), &mut out);
            }
        }
    }
    out
}

/// The routes in one source file: `.route("PATH", get(…).post(…))`, however it is wrapped.
fn routes_in(src: &str, out: &mut BTreeSet<(String, String)>) {
    let mut rest = src;
    while let Some(at) = rest.find(".route(") {
        rest = &rest[at + ".route(".len()..];
        let open = rest.find('"').unwrap();
        let close = open + 1 + rest[open + 1..].find('"').unwrap();
        let path = rest[open + 1..close].to_owned();
        // The argument list ends at the parenthesis that closes `.route(`.
        let (mut depth, mut end) = (1, close);
        for (i, c) in rest[close..].char_indices() {
            match c {
                '(' => depth += 1,
                ')' => depth -= 1,
                _ => {}
            }
            if depth == 0 {
                end = close + i;
                break;
            }
        }
        let args = &rest[close..end];
        for m in ["get", "post", "put", "patch", "delete"] {
            let mut from = 0;
            while let Some(i) = args[from..].find(&format!("{m}(")) {
                let i = from + i;
                let before = args[..i].chars().next_back().unwrap_or(' ');
                if !(before.is_alphanumeric() || before == '_' || before == ':') {
                    out.insert((m.to_uppercase(), path.clone()));
                }
                from = i + m.len();
            }
        }
        rest = &rest[end..];
    }
}

#[test]
fn every_registered_endpoint_has_a_rule() {
    let registered = registered_routes();
    assert!(registered.len() > 50, "the route scan found only {} routes", registered.len());
    let ruled: BTreeSet<(String, String)> = rules()
        .iter()
        .map(|r| {
            // The table names path parameters for the fixture; the source uses its own names.
            (r.method.to_owned(), normalise(r.path))
        })
        .collect();
    let registered: BTreeSet<(String, String)> = registered.into_iter().map(|(m, p)| (m, normalise(&p))).collect();
    let missing: Vec<_> = registered.difference(&ruled).collect();
    assert!(missing.is_empty(), "endpoints without a rule in tests/it/matrix.rs: {missing:?}");
    let stale: Vec<_> = ruled.difference(&registered).collect();
    assert!(stale.is_empty(), "rules for endpoints that do not exist: {stale:?}");
}

/// A path with every `{parameter}` written `{}`.
fn normalise(path: &str) -> String {
    let mut out = String::new();
    let mut inside = false;
    for c in path.chars() {
        match c {
            '{' => {
                inside = true;
                out.push_str("{}");
            }
            '}' => inside = false,
            _ if !inside => out.push(c),
            _ => {}
        }
    }
    out
}

#[tokio::test]
async fn every_role_on_every_endpoint_in_its_own_and_another_district() {
    for db in backends() {
        walk(db).await;
    }
}

/// The whole matrix on one database (the districts' scoping is SQL, so both are walked).
async fn walk(db: Db) {
    let app = spawn_app(db).await;
    let jaipur = app.state.store.district_by_code("jaipur").await.unwrap().unwrap().id;
    let jodhpur = app.state.store.district_by_code("jodhpur").await.unwrap().unwrap().id;
    app.add_user("matrix.maker.jaipur", Role::Supervisor, &[jaipur], Lang::En).await;
    app.add_user("matrix.maker.jodhpur", Role::Supervisor, &[jodhpur], Lang::En).await;
    let rules = rules();
    let mut failures = Vec::new();
    let mut other_refs: Vec<String> = Vec::new();

    // Nobody signed in: everything but the public endpoints asks to sign in.
    let anon = Fixture::new(&app, "matrix.maker.jaipur", "jaipur", "nobody", 0).await;
    for rule in rules.iter().filter(|r| !matches!(r.who, Who::Public)) {
        let (status, location, _) = send(&app, None, rule, &anon).await;
        if answer_of(status, &location, false) != Answer::SignIn {
            failures.push(format!("anonymous {} {}: {status} {location}", rule.method, rule.path));
        }
    }

    for &role in Role::ALL {
        let username = format!("matrix.{}", role.code());
        let districts = if role.sees_all_districts() { vec![] } else { vec![jaipur] };
        let me = app.add_user(&username, role, &districts, Lang::En).await;
        let own = Fixture::new(&app, "matrix.maker.jaipur", "jaipur", &username, me).await;
        let other = Fixture::new(&app, "matrix.maker.jodhpur", "jodhpur", &username, me).await;
        other_refs.push(other.reference.clone());
        let caller = Caller::new(&app, &username).await;
        for rule in &rules {
            let allowed = match rule.who {
                Who::Public | Who::All => true,
                Who::Writers => role != Role::Auditor,
                Who::Only(roles) => roles.contains(&role),
                Who::Machine => false,
            };
            let scoped = ["{id}", "{reference}", "{code}", "{institution}", "{programme}", "{user}"]
                .iter()
                .any(|p| rule.path.contains(p));
            let mut cells = vec![("own", &own)];
            if scoped {
                cells.insert(0, ("other", &other));
            }
            for (district, fx) in cells {
                let fresh;
                let who = if rule.ends_session {
                    fresh = Caller::new(&app, &username).await;
                    &fresh
                } else {
                    &caller
                };
                let (status, location, body) = send(&app, Some(who), rule, fx).await;
                let expected = match (allowed, district) {
                    // A staff member's session or token is not the scraper's token.
                    _ if matches!(rule.who, Who::Machine) => Answer::SignIn,
                    (false, "own") => Answer::Forbidden,
                    (_, "other") if !role.sees_all_districts() => Answer::Hidden,
                    (false, _) => Answer::Forbidden,
                    (true, _) => Answer::Through,
                };
                let hidden = district == "other" && !role.sees_all_districts();
                let mut got = answer_of(status, &location, rule.may_be_gone && allowed && !hidden);
                if matches!(rule.who, Who::Public) && got != Answer::Forbidden {
                    // Public pages answer everyone: signing in from the code page with no
                    // pending sign-in sends the visitor back to the sign-in page.
                    got = Answer::Through;
                }
                if rule.ends_session && status == 303 {
                    // Signing out sends the (now signed-out) user to the sign-in page.
                    got = Answer::Through;
                }
                let cell = format!("{} {} {} ({district} district)", role.code(), rule.method, rule.path);
                if status >= 500 {
                    failures.push(format!("{cell}: server error {status}"));
                } else if got != expected {
                    failures.push(format!("{cell}: expected {expected:?}, got {status} {location}"));
                }
                // A "not found" page may repeat the address asked for; what is let through
                // must not name another district's case.
                let leak = other_refs.iter().find(|r| body.contains(r.as_str()));
                if let (false, Answer::Through, Some(leak)) = (role.sees_all_districts(), got, leak) {
                    failures.push(format!("{cell}: the answer names {leak}, a case of another district"));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{db:?}: {} cells disagree with the rules:\n{}", failures.len(), failures.join("\n"));
}
