//! From a case to the data of a document: every fact read once, formatted for reading (IST
//! dates, rupees) and translated in the document's language.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use chrono::Utc;
use fluent_bundle::FluentValue;
use sahayak_documents as docs;
use sahayak_domain::case::{Gender, Lang};
use sahayak_domain::deadlines::Status as DeadlineStatus;
use sahayak_domain::identifiers::IdKind;
use sahayak_domain::plans::Plan;
use sahayak_domain::taxonomy::Taxonomy;
use sahayak_domain::time::{from_millis, ist};

use super::{bank, offences, platform, stations};
use crate::cases::access::CaseHandle;
use crate::cases::views::{self, Coded};
use crate::store::{Case, CaseIdentifier, EvidenceItem, TrailRow};
use crate::triage::actions::ActionKind;
use crate::web::i18n::{EN_FTL, catalogs, keys};
use crate::web::page::Page;
use crate::web::{AppError, AppState};

/// What the worker chose for the letters; `None` takes the default.
#[derive(Debug, Clone, Default)]
pub struct Choices {
    /// A station id of the case's district.
    pub station: Option<String>,
    /// Offence codes (see [`offences::SECTIONS`]).
    pub sections: Option<Vec<String>>,
    /// The bank the hold request goes to.
    pub bank: Option<String>,
    /// The restoration application's route (one of `triage::trail::ROUTES`).
    pub route: Option<String>,
    /// When the s.63 certificate is signed (IST), as the worker gave it.
    pub signed_at: Option<chrono::DateTime<Utc>>,
    /// Where the s.63 certificate is signed.
    pub signed_place: Option<String>,
}

/// Refunds below this need no court order (MHA SOP, January 2026): ₹50,000 in paise.
const NO_ORDER_BELOW_PAISE: i64 = 5_000_000;

/// Printed where a sentence needs a fact that was not recorded: a line to write on.
const BLANK: &str = "____________";

pub fn doc_lang(lang: Lang) -> docs::Lang {
    match lang {
        Lang::Hi => docs::Lang::Hi,
        Lang::En => docs::Lang::En,
    }
}

/// The victim's gender as the catalogs select on it: `female`, `male`, else `other` (not
/// recorded, or neither), whose Hindi forms do not presume one.
fn gender_code(g: Option<Gender>) -> &'static str {
    match g {
        Some(Gender::Female) => "female",
        Some(Gender::Male) => "male",
        _ => "other",
    }
}

/// Every `doc-…` message, named as the templates use it (`doc-portal-title` → `portal_title`),
/// with the forms for the victim's gender.
fn labels(lang: Lang, gender: &str) -> BTreeMap<String, String> {
    static KEYS: OnceLock<Vec<String>> = OnceLock::new();
    let keys = KEYS.get_or_init(|| keys(EN_FTL).into_iter().filter(|k| k.starts_with("doc-")).collect());
    let args = [("gender", FluentValue::from(gender))];
    keys.iter().map(|k| (template_name(k), catalogs().get_with(lang, k, &args))).collect()
}

fn template_name(key: &str) -> String {
    key.trim_start_matches("docf-").trim_start_matches("doc-").replace('-', "_")
}

/// A `docf-…` sentence with the case's facts in it (a blank line for a missing one), in the
/// forms for the victim's gender.
fn sentence(lang: Lang, gender: &str, key: &str, args: &[(&str, Option<String>)]) -> (String, String) {
    let mut args: Vec<(&str, FluentValue<'_>)> =
        args.iter().map(|(k, v)| (*k, FluentValue::from(v.clone().unwrap_or_else(|| BLANK.to_owned())))).collect();
    args.push(("gender", FluentValue::from(gender)));
    (template_name(key), catalogs().get_with(lang, key, &args))
}

fn some(s: impl Into<String>) -> Option<String> {
    let s = s.into();
    (!s.trim().is_empty()).then_some(s)
}

fn money(paise: Option<i64>) -> Option<String> {
    paise.map(|p| views::money(Some(p))).and_then(some)
}

fn when(ms: Option<i64>) -> Option<String> {
    ms.map(|t| views::when(Some(t))).and_then(some)
}

/// The portal's main category of a category, from the current taxonomy.
fn main_category(category: &str) -> Option<String> {
    Taxonomy::current().categories().find(|(_, c)| c.name == category).map(|(m, _)| m.name.clone())
}

fn identifier_label(page: &Page, kind: IdKind) -> String {
    page.t(&format!("idkind-{}", kind.as_str().replace('_', "-")))
}

fn joined(ids: &[CaseIdentifier], kinds: &[IdKind]) -> Option<String> {
    let values: Vec<&str> =
        ids.iter().filter(|i| kinds.contains(&i.identifier.kind)).map(|i| i.identifier.value.as_str()).collect();
    some(values.join(", "))
}

fn suspect(page: &Page, case: &Case, ids: &[CaseIdentifier]) -> docs::Suspect {
    docs::Suspect {
        name: None,
        mobile: joined(ids, &[IdKind::Phone]),
        email: joined(ids, &[IdKind::Email]),
        upi: joined(ids, &[IdKind::Upi]),
        bank_account: joined(ids, &[IdKind::BankAccount]),
        social: joined(ids, &[IdKind::Url, IdKind::Domain, IdKind::Handle]),
        address: None,
        details: case.fields.suspect_details.clone().and_then(some),
        identifiers: ids
            .iter()
            .map(|i| docs::Identifier {
                label: identifier_label(page, i.identifier.kind),
                value: i.identifier.value.clone(),
            })
            .collect(),
    }
}

fn transaction(page: &Page, t: &TrailRow) -> docs::Transaction {
    docs::Transaction {
        layer: t.layer,
        bank: t.bank.clone(),
        from_account: t.from_account.clone(),
        to_account: t.to_account.clone(),
        ifsc: t.ifsc.clone(),
        utr: t.utr.clone(),
        at: when(t.at),
        amount: money(Some(t.amount_paise)),
        disputed: money(t.disputed_paise),
        action: some(page.t(&format!("trail-action-{}", t.action.replace('_', "-")))),
        hold_amount: money(t.hold_paise),
        hold_at: when(t.hold_at),
    }
}

fn evidence(page: &Page, number: usize, i: &EvidenceItem) -> docs::EvidenceItem {
    let limit = crate::evidence::derive::Target::Evidence.max_bytes();
    let captured = i.capture.captured_at.map(|t| from_millis(t).with_timezone(&ist()));
    docs::EvidenceItem {
        number: number as i64,
        name: i.original_name.clone(),
        kind: some(page.t(&format!("evidence-kind-{}", crate::evidence::sniff::kind(&i.mime)))),
        size: crate::evidence::views::size(i.size_bytes),
        limit: crate::evidence::views::size(limit as i64),
        within_limit: i.size_bytes <= limit as i64,
        sha256: i.sha256.clone(),
        description: i.description.clone().and_then(some),
        device_type: i.capture.device_type.clone(),
        device_make_model: i.capture.device_make_model.clone().and_then(some),
        device_id: i.capture.device_id.clone().and_then(some),
        captured_by: i.capture.captured_by.clone().and_then(some),
        captured_date: captured.map(|t| t.format("%d/%m/%Y").to_string()),
        captured_time: captured.map(|t| t.format("%H:%M").to_string()),
        captured_where: i.capture.captured_where.clone().and_then(some),
    }
}

/// The restoration route when none was chosen or recorded: without a court order when the
/// disputed amount is under ₹50,000 (MHA SOP, January 2026), else the Magistrate's order.
pub fn default_route(disputed_paise: i64) -> &'static str {
    if disputed_paise < NO_ORDER_BELOW_PAISE { "admin_under_50k" } else { "magistrate_order" }
}

/// Reads the case and makes the document's data.
pub async fn document(
    state: &AppState,
    handle: &CaseHandle,
    kind: docs::Kind,
    lang: Lang,
    choices: &Choices,
) -> Result<docs::Document, AppError> {
    let case = handle.case();
    let f = &case.fields;
    let page = Page::anonymous(lang, "");
    let now = state.now();
    let t = crate::triage::facts::load(state, case, now).await?;
    let items = state.store.evidence_items(case.id).await?;
    let ids = state.store.case_identifiers(case.id).await?;
    let restorations = state.store.restorations(case.id).await?;
    let timeline = if kind == docs::Kind::CaseSummary { state.store.timeline(case.id).await? } else { Vec::new() };
    let districts = state.districts().await?;
    let district = districts.iter().find(|d| d.id == case.district_id);

    let action = |kind: ActionKind| t.actions.iter().find(|a| a.action == kind.code());
    let helpline_ack = action(ActionKind::Helpline1930).and_then(|a| a.reference.clone()).and_then(some);
    let ack = action(ActionKind::PortalFiled).and_then(|a| a.reference.clone()).and_then(some).or(helpline_ack.clone());
    let debits: Vec<&TrailRow> = t.trail.iter().filter(|r| r.layer == 0).collect();
    let disputed: i64 = debits.iter().map(|r| r.disputed_paise.unwrap_or(r.amount_paise)).sum();
    let totals = crate::trail::case_totals(f.amount_lost_paise, &t.trail, &restorations);

    // The station and sections: as chosen, else for the victim's address and kind of scam.
    let lists = stations::of_district(state, case.district_id).await?;
    let district_stations = &lists.stations;
    let station = match &choices.station {
        Some(code) => Some(
            district_stations
                .iter()
                .find(|s| &s.code == code)
                .ok_or(AppError::invalid("station", "documents-error-station"))?,
        ),
        None => stations::pick(district_stations, f.victim_address.as_deref()),
    };
    let usual: Vec<String> = offences::usual(f.scam_pattern).iter().map(|s| (*s).to_owned()).collect();
    let mut sections = Vec::new();
    for code in choices.sections.as_ref().unwrap_or(&usual) {
        let printed = offences::printed(code).ok_or(AppError::invalid("sections", "documents-error-section"))?;
        sections.push(docs::Section { code: printed.to_owned(), title: page.t(&offences::title_key(code)) });
    }

    let category = f.sub_category.clone().unwrap_or_else(|| f.category.clone());
    let amount = money(f.amount_lost_paise).or_else(|| money((disputed > 0).then_some(disputed)));
    let date = debits.iter().find_map(|r| r.at).or(f.money_left_at).or(f.incident_at);
    let gender = gender_code(f.victim_gender);
    let bank = bank::bank(lang, gender, case, &t, choices.bank.clone().and_then(some));
    let mut labels = labels(lang, gender);
    let name = some(f.victim_name.clone());
    labels.extend([
        sentence(
            lang,
            gender,
            "docf-police-body",
            &[
                ("name", name.clone()),
                ("date", when(date)),
                ("amount", amount.clone()),
                ("category", some(views::portal_label(&page, &category))),
            ],
        ),
        sentence(
            lang,
            gender,
            "docf-bank-body",
            &[("name", name.clone()), ("date", when(date)), ("amount", amount.clone()), ("ack", ack.clone())],
        ),
        sentence(
            lang,
            gender,
            "docf-bank-told",
            &[("told", bank.first_told_at.clone()), ("complaint", bank.complaint_number.clone())],
        ),
        sentence(lang, gender, "docf-plan-for", &[("name", name.clone())]),
        sentence(
            lang,
            gender,
            "docf-prepared-by",
            &[
                ("centre", some(crate::web::centre_name(&state.config, district, lang))),
                ("reference", some(case.reference.clone())),
            ],
        ),
    ]);

    let restoration = if kind == docs::Kind::RestorationApplication {
        let (referrals, _) = state.store.referrals(case.id).await?;
        let police: Vec<_> = referrals.iter().filter(|r| r.kind == "police").collect();
        // As chosen, else as recorded, else by the disputed amount (what was lost when the
        // trail has no debits yet): the SOP's ₹50,000 line is about the disputed amount.
        let disputed_or_lost = if disputed > 0 { disputed } else { f.amount_lost_paise.unwrap_or(0) };
        let route = choices
            .route
            .clone()
            .or_else(|| restorations.last().map(|r| r.route.clone()))
            .unwrap_or_else(|| default_route(disputed_or_lost).to_owned());
        // The victim asks for what is held, but never more than they lost.
        let claimed = match f.amount_lost_paise {
            Some(lost) if lost > 0 => totals.held_paise.min(lost),
            _ => totals.held_paise,
        };
        let facts = [("name", name.clone()), ("date", when(date)), ("amount", amount.clone()), ("ack", ack.clone())];
        labels.extend([
            sentence(lang, gender, "docf-restoration-body", &facts),
            sentence(lang, gender, "docf-petition-fact-fraud", &facts),
            sentence(lang, gender, "docf-petition-fact-report", &facts),
        ]);
        docs::Restoration {
            route,
            fir_number: police.iter().find_map(|r| r.fir_number.clone()).and_then(some),
            police_station: police.first().map(|r| r.to_name.clone()).and_then(some),
            held: money((totals.held_paise > 0).then_some(totals.held_paise)),
            claimed: money((claimed > 0).then_some(claimed)),
        }
    } else {
        docs::Restoration::default()
    };
    let plan = plan(&page, &t, now);
    let facts = docs::Facts {
        victim: docs::Person {
            name,
            mobile: some(f.victim_mobile.clone()),
            email: None,
            address: f.victim_address.clone().and_then(some),
            age: f.victim_age.map(|a| a.to_string()),
            gender: f.victim_gender.map(|g| page.t(&g.label_key())),
            relative: None,
            language: Some(page.t(&f.victim_lang.label_key())),
        },
        incident: docs::Incident {
            main_category: main_category(&f.category).map(|m| views::portal_label(&page, &m)),
            category: some(views::portal_label(&page, &f.category)),
            sub_category: f.sub_category.as_deref().map(|s| views::portal_label(&page, s)),
            scam_pattern: Some(page.t(&f.scam_pattern.label_key())),
            occurred_at: when(f.incident_at.or(f.money_left_at)),
            noticed_at: when(f.noticed_at),
            registered_at: when(Some(case.created_at)),
            platform: platform::where_it_happened(&f.narrative, &ids),
            payment_channel: f.payment_channel.map(|p| page.t(&p.label_key())),
            delay_reason: None,
            narrative: some(f.narrative.clone()),
            narrative_words: f.narrative.split_whitespace().count() as i64,
            amount_lost: money(f.amount_lost_paise),
        },
        ncrp_ack: ack,
        helpline_ack,
        suspect: suspect(&page, case, &ids),
        transactions: t.trail.iter().map(|r| transaction(&page, r)).collect(),
        money: docs::Money {
            lost: money(f.amount_lost_paise),
            disputed: money((disputed > 0).then_some(disputed)),
            held: money((totals.held_paise > 0).then_some(totals.held_paise)),
            restored: money((totals.restored_paise > 0).then_some(totals.restored_paise)),
        },
        evidence: items.iter().enumerate().map(|(n, i)| evidence(&page, n + 1, i)).collect(),
        police: docs::Police {
            station: station.map(|s| s.name(lang).to_owned()),
            district: district.map(|d| d.name(lang).to_owned()),
            sections,
        },
        bank,
        plan,
        restoration,
        signing: docs::Signing {
            date: choices.signed_at.map(|t| t.with_timezone(&ist()).format("%d/%m/%Y").to_string()),
            time: choices.signed_at.map(|t| t.with_timezone(&ist()).format("%H:%M").to_string()),
            place: choices.signed_place.clone(),
        },
        summary: docs::Summary {
            district: district.map(|d| d.name(lang).to_owned()),
            status: Some(page.t(&case.status.label_key())),
            assignee: case.assignee_name.clone(),
            updated_at: when(Some(case.updated_at)),
            urgent: case.urgent,
            next_due: when(case.next_due_at),
            tasks_open: t.tasks.iter().filter(|x| x.done_at.is_none()).count() as i64,
            tasks_done: t.tasks.iter().filter(|x| x.done_at.is_some()).count() as i64,
            actions: t
                .actions
                .iter()
                .map(|a| docs::Event {
                    at: views::when(Some(a.done_at)),
                    text: match (ActionKind::parse(&a.action), &a.reference) {
                        (Some(k), Some(r)) => format!("{} · {r}", page.t(&k.label_key())),
                        (Some(k), None) => page.t(&k.label_key()),
                        (None, _) => a.action.clone(),
                    },
                    who: None,
                })
                .collect(),
            timeline: timeline
                .iter()
                .rev()
                .take(12)
                .map(|e| {
                    let v = views::event_view(&page, e);
                    docs::Event {
                        at: v.at,
                        text: match v.body {
                            Some(b) if e.kind != "note" => format!("{} · {b}", v.what),
                            _ => v.what,
                        },
                        who: some(v.actor),
                    }
                })
                .collect(),
        },
    };
    Ok(docs::Document {
        kind,
        lang: doc_lang(lang),
        centre: crate::web::centre_name(&state.config, district, lang),
        reference: case.reference.clone(),
        date: sahayak_domain::time::display_ist_date(now),
        labels,
        facts,
    })
}

/// The victim's plan: the same steps and deadlines as the printable sheet on the case page.
fn plan(page: &Page, t: &crate::triage::facts::Triage, now: chrono::DateTime<Utc>) -> docs::Plan {
    let lang = crate::triage::plans::text_lang(page.lang);
    let view = crate::triage::advice_text::view(page.lang, &t.advice);
    let mut advice = Vec::new();
    let line = |text: &String, heading: bool| docs::AdviceLine { text: text.clone(), heading };
    for d in &view.debits {
        advice.push(line(&d.heading, true));
        advice.extend(d.lines.iter().map(|l| line(l, false)));
        for b in &d.branches {
            advice.push(line(&b.given, true));
            advice.extend(b.lines.iter().map(|l| line(l, false)));
        }
        advice.extend(d.notes.iter().map(|l| line(l, false)));
    }
    if !view.route.is_empty() {
        advice.push(docs::AdviceLine { text: catalogs().get(page.lang, "advice-route-title"), heading: true });
        advice.extend(view.route.iter().map(|l| line(l, false)));
    }
    let plan = t.tasks.iter().rev().find_map(|x| x.plan_id.as_deref()).and_then(Plan::get);
    docs::Plan {
        title: plan.map(|p| p.title.get(lang).to_owned()),
        steps: t
            .tasks
            .iter()
            .filter_map(|task| {
                let step = plan.and_then(|p| task.step_id.as_deref().and_then(|s| p.step(s)))?;
                Some(docs::Step {
                    text: step.victim_text.get(lang).to_owned(),
                    due: when(task.due_at),
                    done: task.done_at.is_some(),
                })
            })
            .collect(),
        deadlines: t
            .deadlines
            .iter()
            .filter(|d| !matches!(d.status, DeadlineStatus::Met | DeadlineStatus::MetLate))
            .map(|d| {
                let v = crate::triage::panel::deadline_view(page, d, now);
                // A rule whose facts are not known yet says so before its explanation.
                let explain = match v.only_if {
                    Some(c) => format!("{c} {}", v.explain),
                    None => v.explain,
                };
                docs::Deadline { title: v.title, due: some(v.due), explain: some(explain) }
            })
            .collect(),
        advice,
    }
}
