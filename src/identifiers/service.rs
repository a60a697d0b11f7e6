//! The identifier use-cases: propose from a case's text, confirm, look up, flag, and rings.

use std::collections::HashSet;

use sahayak_domain::access::CaseAction;
use sahayak_domain::identifiers::{self, IdKind};

use crate::cases::access::{CaseHandle, require, scope, sees_district};
use crate::store::{CaseIdentifier, CaseSummary, Flag, Identifier, LinkTarget, NewLink, Spread, User};
use crate::web::{AppError, AppState};

/// An identifier found in a case's text, not yet confirmed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Proposal {
    pub kind: IdKind,
    pub value: String,
    pub raw: String,
    /// Which text it came from: `narrative`, `suspect` or `pasted`.
    pub source: &'static str,
    /// Already known: on the watch-list, or genuine.
    pub flag: Option<Flag>,
}

/// What the extractor finds in the case's narrative, suspect details and pasted messages,
/// each identifier once, less those already confirmed.
pub fn proposals(handle: &CaseHandle, confirmed: &[CaseIdentifier]) -> Vec<Proposal> {
    let f = &handle.case().fields;
    let texts = [
        ("narrative", Some(f.narrative.as_str())),
        ("suspect", f.suspect_details.as_deref()),
        ("pasted", f.pasted_messages.as_deref()),
    ];
    let mut seen: HashSet<(IdKind, String)> =
        confirmed.iter().map(|c| (c.identifier.kind, c.identifier.value.clone())).collect();
    let mut out = Vec::new();
    for (source, text) in texts {
        for found in identifiers::extract(text.unwrap_or_default()) {
            if seen.insert((found.kind, found.value.clone())) {
                out.push(Proposal { kind: found.kind, value: found.value, raw: found.raw, source, flag: None });
            }
        }
    }
    out
}

/// Flags of proposed identifiers that are already known, so the worker sees a watch-list
/// hit before confirming.
pub async fn mark_known(state: &AppState, proposals: &mut [Proposal]) -> Result<(), AppError> {
    if proposals.is_empty() {
        return Ok(());
    }
    let asked: Vec<(IdKind, String)> = proposals.iter().map(|p| (p.kind, p.value.clone())).collect();
    let flagged = state.store.flagged_among(&asked).await?;
    for p in proposals.iter_mut() {
        p.flag = flagged.iter().find(|i| i.kind == p.kind && i.value == p.value).and_then(|i| i.flag);
    }
    Ok(())
}

fn target(handle: &CaseHandle) -> LinkTarget {
    let c = handle.case();
    LinkTarget { case_id: c.id, district_id: c.district_id, case_created_at: c.created_at }
}

/// Reads an identifier as typed (`kind` may be empty: the kind is guessed).
pub fn parse(kind: &str, value: &str) -> Result<(IdKind, String), AppError> {
    let value = value.trim();
    if value.is_empty() {
        return Err(AppError::invalid("value", "error-required"));
    }
    match kind.trim() {
        "" => identifiers::normalize_any(value).ok_or(AppError::invalid("value", "ident-error-not-identifier")),
        k => {
            let kind = IdKind::parse(k).ok_or(AppError::invalid("kind", "error-choice"))?;
            let v = identifiers::normalize(kind, value).ok_or(AppError::invalid("value", "ident-error-not-kind"))?;
            Ok((kind, v))
        }
    }
}

/// Confirms identifiers on a case: each `(kind, value)` as typed or proposed. The raw
/// writing is taken from the case's text when it is there.
pub async fn confirm(
    state: &AppState,
    user: &User,
    handle: &CaseHandle,
    picked: &[(String, String)],
) -> Result<Vec<Identifier>, AppError> {
    require(user, CaseAction::Edit)?;
    if picked.is_empty() {
        return Err(AppError::invalid("identifiers", "ident-error-none-picked"));
    }
    let confirmed = state.store.case_identifiers(handle.id()).await?;
    let proposed = proposals(handle, &confirmed);
    let mut links = Vec::new();
    for (kind, value) in picked {
        let (kind, value) = parse(kind, value)?;
        let (raw, source) = proposed
            .iter()
            .find(|p| p.kind == kind && p.value == value)
            .map(|p| (p.raw.clone(), p.source))
            .unwrap_or_else(|| (value.clone(), "manual"));
        if !links.iter().any(|l: &NewLink| l.kind == kind && l.value == value) {
            links.push(NewLink { kind, value, raw, source: source.to_owned() });
        }
    }
    let added = state.store.link_identifiers(&target(handle), &links, user.id, state.now_millis()).await?;
    state.rings.forget();
    tracing::info!(case_id = handle.id(), added = added.len(), "identifiers confirmed");
    Ok(added)
}

pub async fn unlink(state: &AppState, user: &User, handle: &CaseHandle, identifier_id: i64) -> Result<(), AppError> {
    require(user, CaseAction::Edit)?;
    state.store.unlink_identifier(handle.id(), identifier_id, user.id, state.now_millis()).await?;
    state.rings.forget();
    Ok(())
}

/// Where an identifier turns up, as a user may see it: counts in every district, cases only
/// in theirs.
#[derive(Debug, Clone)]
pub struct Spreading {
    pub identifier: Identifier,
    /// Cases that mention it, other than the one being looked at.
    pub total: i64,
    /// `(district id, cases)`, every district.
    pub by_district: Vec<(i64, i64)>,
    pub first_at: Option<i64>,
    /// The user's own cases among them, newest first.
    pub cases: Vec<CaseSummary>,
}

const CASES_PER_IDENTIFIER: usize = 10;

/// How far each of the given identifiers spreads beyond the case `except`.
pub async fn spreading(
    state: &AppState,
    user: &User,
    idents: Vec<Identifier>,
    except: Option<i64>,
) -> Result<Vec<Spreading>, AppError> {
    let ids: Vec<i64> = idents.iter().map(|i| i.id).collect();
    let spread: Vec<Spread> = state.store.identifier_spread(&ids, except).await?;
    let linked = state.store.identifier_cases(&ids, except, &scope(user), 200).await?;
    Ok(idents
        .into_iter()
        .map(|identifier| {
            let mine: Vec<&Spread> = spread.iter().filter(|s| s.identifier_id == identifier.id).collect();
            let mut cases: Vec<CaseSummary> = Vec::new();
            for (tie, case) in &linked {
                if *tie == identifier.id && cases.len() < CASES_PER_IDENTIFIER && !cases.iter().any(|c| c.id == case.id)
                {
                    cases.push(case.clone());
                }
            }
            Spreading {
                total: mine.iter().map(|s| s.cases).sum(),
                by_district: mine.iter().map(|s| (s.district_id, s.cases)).collect(),
                first_at: mine.iter().map(|s| s.first_at).min(),
                cases,
                identifier,
            }
        })
        .collect())
}

/// The identifiers confirmed on a case and how far each spreads.
pub async fn case_links(
    state: &AppState,
    user: &User,
    handle: &CaseHandle,
) -> Result<(Vec<CaseIdentifier>, Vec<Spreading>), AppError> {
    let confirmed = state.store.case_identifiers(handle.id()).await?;
    let idents = confirmed.iter().map(|c| c.identifier.clone()).collect();
    let spread = spreading(state, user, idents, Some(handle.id())).await?;
    Ok((confirmed, spread))
}

/// Every case (that the user may see) mentioning an identifier written any way the
/// extractor understands.
pub async fn lookup(state: &AppState, user: &User, kind: &str, value: &str) -> Result<Option<Spreading>, AppError> {
    let (kind, value) = parse(kind, value)?;
    match state.store.identifier(kind, &value).await? {
        Some(i) => Ok(spreading(state, user, vec![i], None).await?.pop()),
        None => Ok(None),
    }
}

pub async fn set_flag(
    state: &AppState,
    user: &User,
    kind: &str,
    value: &str,
    flag: &str,
    note: &str,
) -> Result<Identifier, AppError> {
    if !user.role.flags_identifiers() {
        return Err(AppError::Forbidden);
    }
    let (kind, value) = parse(kind, value)?;
    let flag = match flag.trim() {
        "" | "none" => None,
        f => Some(Flag::parse(f).ok_or(AppError::invalid("flag", "error-choice"))?),
    };
    let note = Some(note.trim()).filter(|n| !n.is_empty());
    if note.is_some_and(|n| n.chars().count() > 500) {
        return Err(AppError::invalid("note", "error-too-long"));
    }
    let ident = state.store.set_identifier_flag(kind, &value, flag, note, user.id, state.now_millis()).await?;
    state.rings.forget();
    tracing::info!(user_id = user.id, identifier_id = ident.id, "identifier flag set");
    Ok(ident)
}

/// A ring as a user may see it.
#[derive(Debug, Clone)]
pub struct RingView {
    pub id: i64,
    pub total_cases: usize,
    pub by_district: Vec<(i64, i64)>,
    pub money_paise: i64,
    /// Reported, held and restored across all the ring's cases.
    pub totals: crate::store::MoneyTotals,
    pub identifiers: Vec<Identifier>,
    /// The user's own cases in the ring, oldest first.
    pub cases: Vec<CaseSummary>,
}

/// Rings that touch at least one of the user's districts, largest first.
pub async fn rings(state: &AppState, user: &User, limit: usize) -> Result<Vec<RingView>, AppError> {
    let set = state.rings.get(&state.store).await?;
    let mut views = Vec::new();
    for info in set.rings.iter().filter(|r| r.by_district.iter().any(|(d, _)| sees_district(user, *d))) {
        if views.len() == limit {
            break;
        }
        views.push(info.id);
    }
    let mut out = Vec::new();
    for id in views {
        if let Some(v) = ring(state, user, id).await? {
            out.push(v);
        }
    }
    Ok(out)
}

/// One ring, by the id of its oldest case, if it touches the user's districts.
pub async fn ring(state: &AppState, user: &User, ring_id: i64) -> Result<Option<RingView>, AppError> {
    let set = state.rings.get(&state.store).await?;
    let Some(info) = set.by_case.get(&ring_id).map(|i| &set.rings[*i]).filter(|r| r.id == ring_id) else {
        return Ok(None);
    };
    if !info.by_district.iter().any(|(d, _)| sees_district(user, *d)) {
        return Ok(None);
    }
    let visible: Vec<i64> = info.visible_cases(user);
    let cases = state.store.case_summaries(&visible).await?;
    let identifiers = state.store.identifiers_by_id(&info.identifiers).await?;
    let all: Vec<i64> = info.cases.iter().map(|(c, _)| *c).collect();
    let totals = state.store.money_totals(Some(&all), &crate::store::Scope::All).await?;
    Ok(Some(RingView {
        id: info.id,
        total_cases: info.cases.len(),
        by_district: info.by_district.clone(),
        money_paise: info.money_paise,
        totals,
        identifiers,
        cases,
    }))
}

/// The ring a case belongs to, if any.
pub async fn ring_of(state: &AppState, case_id: i64) -> Result<Option<(i64, usize)>, AppError> {
    let set = state.rings.get(&state.store).await?;
    Ok(set.by_case.get(&case_id).map(|i| (set.rings[*i].id, set.rings[*i].cases.len())))
}
