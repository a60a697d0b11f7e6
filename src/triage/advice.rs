//! The desk's questions about each debit (who made it, OTP shared, account type, the bank's
//! SMS time, when the bank was told, earlier RBI compensation) and the case-page section
//! that shows what the rules give the victim for the answers recorded.

use askama::Template;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use sahayak_domain::access::CaseAction as Permission;
use sahayak_domain::deadlines::{AccountKind, Payer};
use sahayak_domain::time::{display_ist, from_millis};
use unicode_normalization::UnicodeNormalization;

use super::advice_text::{self, AdviceView};
use super::facts::{self, Triage};
use crate::cases::access::{self, CaseHandle, require};
use crate::cases::panels::{Panel, Place};
use crate::cases::views::{self, Opt};
use crate::store::{CASE_ANSWERS, PaymentFacts, User};
use crate::web::AppState;
use crate::web::error::{AppError, FieldErrors};
use crate::web::form::FormData;
use crate::web::page::Page;
use crate::web::session::Staff;

/// One set of answers as typed (form or API). `None` or empty: not known yet.
#[derive(Debug, Default, Clone)]
pub struct PaymentInput {
    /// The layer-0 trail row the answers are for; `None`: the case's own answers.
    pub debit: Option<i64>,
    pub payer: Option<String>,
    pub credentials_shared: Option<bool>,
    pub account: Option<String>,
    pub cross_border: Option<bool>,
    /// IST local `YYYY-MM-DDTHH:MM` or RFC 3339.
    pub bank_alert_at: Option<String>,
    pub reported_to_bank_at: Option<String>,
    pub compensated_before: Option<bool>,
}

fn code<T>(
    v: &Option<String>,
    parse: fn(&str) -> Option<T>,
    field: &'static str,
    e: &mut FieldErrors,
) -> Option<String> {
    let s: String = v.as_deref().unwrap_or_default().trim().nfc().collect();
    if s.is_empty() {
        return None;
    }
    if parse(&s).is_none() {
        e.add(field, "error-choice");
        return None;
    }
    Some(s)
}

fn time(v: &Option<String>, now: i64, field: &'static str, e: &mut FieldErrors) -> Option<i64> {
    crate::web::when::past(e, field, v.as_deref().unwrap_or_default(), sahayak_domain::time::from_millis(now))
}

/// Checks and records one set of answers, then brings the case's urgency and next deadline
/// up to date.
pub async fn save(state: &AppState, user: &User, handle: &CaseHandle, input: &PaymentInput) -> Result<(), AppError> {
    require(user, Permission::Edit)?;
    let mut e = FieldErrors::default();
    let now = state.now_millis();
    let debit_key = match input.debit {
        None => CASE_ANSWERS,
        Some(id) => {
            let trail = state.store.trail(handle.id()).await?;
            if !trail.iter().any(|t| t.id == id && t.layer == 0) {
                e.add("debit", "payfacts-error-debit");
            }
            id
        }
    };
    if debit_key != CASE_ANSWERS && input.compensated_before.is_some() {
        e.add("compensated_before", "payfacts-error-compensated");
    }
    let facts = PaymentFacts {
        debit_key,
        payer: code(&input.payer, Payer::parse, "payer", &mut e),
        credentials_shared: input.credentials_shared,
        account: code(&input.account, AccountKind::parse, "account", &mut e),
        cross_border: input.cross_border,
        bank_alert_at: time(&input.bank_alert_at, now, "bank_alert_at", &mut e),
        reported_to_bank_at: time(&input.reported_to_bank_at, now, "reported_to_bank_at", &mut e),
        compensated_before: input.compensated_before,
        updated_by: user.id,
        updated_at: now,
    };
    e.into_result()?;
    let body = if debit_key == CASE_ANSWERS { String::new() } else { debit_key.to_string() };
    state.store.save_payment_facts(handle.id(), &facts, &body).await?;
    facts::refresh(state, handle.id()).await?;
    tracing::info!(case_id = handle.id(), debit_key, "payment facts recorded");
    Ok(())
}

/// "yes" / "no" / anything else (not known yet).
fn yes_no(v: &str) -> Option<bool> {
    match v.trim() {
        "yes" => Some(true),
        "no" => Some(false),
        _ => None,
    }
}

impl PaymentInput {
    pub fn from_form(f: &FormData) -> Result<PaymentInput, AppError> {
        let text = |k: &str| Some(f.get(k).to_owned()).filter(|v| !v.trim().is_empty());
        let debit = match f.get("debit").trim() {
            "" | "all" => None,
            d => Some(d.parse::<i64>().map_err(|_| AppError::invalid("debit", "payfacts-error-debit"))?),
        };
        Ok(PaymentInput {
            debit,
            payer: text("payer"),
            credentials_shared: yes_no(f.get("credentials_shared")),
            account: text("account"),
            cross_border: yes_no(f.get("cross_border")),
            bank_alert_at: text("bank_alert_at"),
            reported_to_bank_at: text("reported_to_bank_at"),
            compensated_before: if debit.is_none() { yes_no(f.get("compensated_before")) } else { None },
        })
    }
}

pub async fn save_form(
    State(state): State<AppState>,
    staff: Staff,
    Path(reference): Path<String>,
    form: FormData,
) -> Result<Response, AppError> {
    staff.check_csrf(form.csrf())?;
    let handle = access::open_by_reference(&state, &staff.user, &reference).await?;
    let input = PaymentInput::from_form(&form)?;
    match save(&state, &staff.user, &handle, &input).await {
        Ok(()) => Ok(Redirect::to(&format!("/cases/{}#protection", handle.case().reference)).into_response()),
        Err(AppError::Invalid(errors)) => {
            crate::cases::show::render(&state, &staff, &handle, errors, String::new()).await
        }
        Err(e) => Err(e),
    }
}

/// A yes / no / not known choice, pre-selected.
pub struct Choice {
    pub value: &'static str,
    pub label: String,
    pub checked: bool,
}

fn tri(page: &Page, v: Option<bool>) -> Vec<Choice> {
    [("yes", Some(true), "payfacts-yes"), ("no", Some(false), "payfacts-no"), ("", None, "payfacts-unknown")]
        .into_iter()
        .map(|(value, b, key)| Choice { value, label: page.t(key), checked: v == b })
        .collect()
}

#[derive(Template)]
#[template(path = "triage/advice.html")]
struct AdviceTemplate {
    page: Page,
    reference: String,
    can_write: bool,
    view: AdviceView,
    debits: Vec<Opt>,
    payer: Vec<Choice>,
    credentials: Vec<Choice>,
    accounts: Vec<Opt>,
    bank_alert_at: String,
    /// The field's error (errors are listed at the top of the case page).
    no_error: Option<&'static str>,
    cross_border: Vec<Choice>,
    compensated: Vec<Choice>,
}

/// The section "what the RBI rules give", with the desk's questions; nothing when the case
/// has no debit (no money left, or its time is not known yet).
pub fn panel(state: &AppState, staff: &Staff, handle: &CaseHandle, t: &Triage) -> Result<Option<Panel>, AppError> {
    let case = handle.case();
    if t.advice.debits.is_empty() {
        return Ok(None);
    }
    let page = staff.page(state);
    let answers = t.payment.iter().find(|p| p.debit_key == CASE_ANSWERS).cloned().unwrap_or_default();
    let rows: Vec<Opt> = facts::debits(case, &t.trail)
        .into_iter()
        .filter_map(|d| d.row)
        .map(|r| Opt {
            value: r.id.to_string(),
            label: format!("{} · {}", views::money(Some(r.amount_paise)), views::when(r.at)),
            selected: false,
        })
        .collect();
    let mut debits = vec![Opt { value: "all".into(), label: page.t("payfacts-debit-all"), selected: true }];
    if rows.len() > 1 {
        debits.extend(rows);
    }
    let payer = std::iter::once(("", "payfacts-unknown".to_owned()))
        .chain(Payer::ALL.iter().map(|p| (p.code(), format!("payer-{}", p.code().replace('_', "-")))))
        .map(|(value, key)| Choice {
            value,
            label: page.t(&key),
            checked: answers.payer.as_deref().unwrap_or("") == value,
        })
        .collect();
    let accounts = std::iter::once(Opt {
        value: String::new(),
        label: page.t("payfacts-unknown"),
        selected: answers.account.is_none(),
    })
    .chain(AccountKind::ALL.iter().map(|k| Opt {
        value: k.code().to_owned(),
        label: page.t(&format!("acct-kind-{}", k.code().replace('_', "-"))),
        selected: answers.account.as_deref() == Some(k.code()),
    }))
    .collect();
    let title = page.t("advice-title");
    let open_questions = t.advice.ask.len();
    let body = AdviceTemplate {
        reference: case.reference.clone(),
        can_write: staff.user.role.may(Permission::Edit),
        view: advice_text::view(page.lang, &t.advice),
        debits,
        payer,
        credentials: tri(&page, answers.credentials_shared),
        accounts,
        bank_alert_at: answers.bank_alert_at.map(|a| display_ist(from_millis(a))).unwrap_or_default(),
        no_error: None,
        cross_border: tri(&page, answers.cross_border),
        compensated: tri(&page, answers.compensated_before),
        page,
    };
    let panel = Panel::now(Place::Protection, "protection", title, body.render()?);
    Ok(Some(if open_questions > 0 { panel.with_badge(open_questions.to_string()) } else { panel }))
}
