//! Reading the plan and tip files and checking them. Error messages are for the person
//! who edits the data: they name the file, the plan and the step.

use std::collections::{BTreeMap, BTreeSet};

use serde::Deserialize;

use super::{After, Due, GENERAL, Match, Place, Plan, Role, Step, TextList, Tip, When, iso};
use crate::deadlines::{DataError, Text};
use crate::taxonomy::Taxonomy;

/// `when = "money_lost"` or `when = ["money_lost", "not_large_loss"]`.
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
enum RawWhen {
    One(When),
    All(Vec<When>),
}

impl RawWhen {
    fn into_list(self) -> Vec<When> {
        let mut list = match self {
            RawWhen::One(w) => vec![w],
            RawWhen::All(list) => list,
        };
        list.sort_by_key(|w| *w as u8);
        list.dedup();
        list
    }
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawDue {
    after: String,
    within: String,
}

/// A step as written: every field optional, because a plan's step may take most of them
/// from a shared step (`use = "<id>"`) and override the rest.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawStep {
    #[serde(rename = "use")]
    uses: Option<String>,
    id: Option<String>,
    title: Option<Text>,
    why: Option<Text>,
    collect: Option<TextList>,
    #[serde(rename = "where")]
    place: Option<Place>,
    victim_text: Option<Text>,
    due: Option<RawDue>,
    owner: Option<Role>,
    urgent: Option<bool>,
    safety: Option<bool>,
    when: Option<RawWhen>,
    deadline_rule: Option<String>,
    source: Option<String>,
    verify: Option<bool>,
    verify_note: Option<String>,
}

macro_rules! fill_from {
    ($over:ident, $base:ident, $($field:ident),+) => { $( $over.$field = $over.$field.or($base.$field); )+ };
}

impl RawStep {
    /// This step's fields, with the shared step's where this one leaves them out.
    fn over(mut self, base: RawStep) -> RawStep {
        fill_from!(
            self,
            base,
            id,
            title,
            why,
            collect,
            place,
            victim_text,
            due,
            owner,
            urgent,
            safety,
            when,
            deadline_rule,
            source,
            verify,
            verify_note
        );
        self
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawShared {
    step: Vec<RawStep>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPlan {
    id: String,
    version: u32,
    #[serde(default)]
    money: bool,
    title: Text,
    summary: Text,
    #[serde(default)]
    matches: Vec<Match>,
    steps: Vec<RawStep>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTips {
    tip: Vec<Tip>,
}

fn invalid(msg: String) -> DataError {
    DataError::Invalid(msg)
}

fn toml_err(file: &str, e: &toml::de::Error) -> DataError {
    DataError::Toml { what: "plans", message: format!("{file}: {e}") }
}

fn is_id(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
}

pub(super) fn has_devanagari(s: &str) -> bool {
    s.chars().any(|c| ('\u{0900}'..='\u{097F}').contains(&c))
}

/// Both languages present, and the Hindi actually in Devanagari.
fn check_text(t: &Text, what: &str) -> Result<(), String> {
    if t.en.trim().is_empty() || t.hi.trim().is_empty() {
        return Err(format!("{what} needs both en and hi"));
    }
    if !has_devanagari(&t.hi) {
        return Err(format!("{what}: hi is not in Devanagari"));
    }
    Ok(())
}

fn check_list(l: &TextList, what: &str) -> Result<(), String> {
    if l.en.len() != l.hi.len() {
        return Err(format!("{what}: en has {} items, hi has {}", l.en.len(), l.hi.len()));
    }
    for (en, hi) in l.en.iter().zip(&l.hi) {
        check_text(&Text { en: en.clone(), hi: hi.clone() }, what)?;
    }
    Ok(())
}

fn check_source(source: &str, verify: bool, note: Option<&str>, what: &str) -> Result<(), String> {
    if source.trim().is_empty() {
        return Err(format!("{what}: source is empty"));
    }
    if !verify && !source.contains("REFERENCE §") {
        return Err(format!("{what}: cite a REFERENCE § section, or mark verify = true"));
    }
    if verify && note.is_none_or(|n| n.trim().is_empty()) {
        return Err(format!("{what}: verify = true needs a verify_note saying what to check"));
    }
    Ok(())
}

fn parse_after(s: &str) -> Result<After, String> {
    match s {
        "registration" => Ok(After::Registration),
        "incident" => Ok(After::Incident),
        "previous_step" => Ok(After::PreviousStep),
        _ => match s.strip_prefix("step:") {
            Some(id) if is_id(id) => Ok(After::Step(id.to_owned())),
            _ => Err(format!("due.after {s:?}: use registration, incident, previous_step or step:<id>")),
        },
    }
}

fn build_step(raw: RawStep, what: &str) -> Result<Step, String> {
    let missing = |field: &str| format!("{what}: {field} is missing");
    let id = raw.id.ok_or_else(|| missing("id"))?;
    if !is_id(&id) {
        return Err(format!("{what}: id {id:?} must be lowercase letters, digits and _"));
    }
    let raw_due = raw.due.ok_or_else(|| missing("due"))?;
    let step = Step {
        title: raw.title.ok_or_else(|| missing("title"))?,
        why: raw.why.ok_or_else(|| missing("why"))?,
        collect: raw.collect.unwrap_or_default(),
        place: raw.place.ok_or_else(|| missing("where"))?,
        victim_text: raw.victim_text.ok_or_else(|| missing("victim_text"))?,
        due: Due {
            after: parse_after(&raw_due.after).map_err(|e| format!("{what}: {e}"))?,
            within: iso::parse(&raw_due.within).map_err(|e| format!("{what}: {e}"))?,
            within_iso: raw_due.within,
        },
        owner: raw.owner.ok_or_else(|| missing("owner"))?,
        urgent: raw.urgent.unwrap_or(false),
        safety: raw.safety.unwrap_or(false),
        when: raw.when.map(RawWhen::into_list).unwrap_or_default(),
        deadline_rule: raw.deadline_rule,
        source: raw.source.ok_or_else(|| missing("source"))?,
        verify: raw.verify.unwrap_or(false),
        verify_note: raw.verify_note,
        id,
    };
    check_text(&step.title, &format!("{what}: title"))?;
    check_text(&step.why, &format!("{what}: why"))?;
    check_text(&step.victim_text, &format!("{what}: victim_text"))?;
    check_list(&step.collect, &format!("{what}: collect"))?;
    check_source(&step.source, step.verify, step.verify_note.as_deref(), what)?;
    if !super::Circumstances::every().any(|c| step.applies(c)) {
        return Err(format!("{what}: its conditions never hold together"));
    }
    if step.safety && (!step.urgent || step.place != Place::Centre || !step.when.is_empty()) {
        return Err(format!("{what}: a safety step is urgent, said at the centre, for every case"));
    }
    if step.deadline_rule.as_deref().is_some_and(|r| !is_id(r)) {
        return Err(format!("{what}: deadline_rule must be a rule id from data/deadlines/rules.toml"));
    }
    Ok(step)
}

/// Whether a step with the conditions `earlier` applies whenever one with `later` does.
fn always_with(earlier: &[When], later: &[When]) -> bool {
    earlier.iter().all(|w| later.contains(w))
}

fn check_plan(plan: &Plan, file: &str) -> Result<(), String> {
    let what = format!("{file} (plan {})", plan.id);
    check_text(&plan.title, &format!("{what}: title"))?;
    check_text(&plan.summary, &format!("{what}: summary"))?;
    if plan.steps.is_empty() {
        return Err(format!("{what}: has no steps"));
    }
    let mut ids = BTreeSet::new();
    for (i, step) in plan.steps.iter().enumerate() {
        if !ids.insert(step.id.as_str()) {
            return Err(format!("{what}: step {} appears twice", step.id));
        }
        let earlier = &plan.steps[..i];
        // "previous_step" and "step:<id>" must name a step that is there whenever this
        // one is, or the time limit would count from nothing.
        let ok = match &step.due.after {
            After::PreviousStep => earlier.iter().any(|e| always_with(&e.when, &step.when)),
            After::Step(id) => earlier.iter().any(|e| e.id == *id && always_with(&e.when, &step.when)),
            After::Registration | After::Incident => true,
        };
        if !ok {
            return Err(format!("{what}: step {}: due.after names a step that is not always done before it", step.id));
        }
        if step.place == Place::Helpline1930 && !step.urgent {
            return Err(format!("{what}: step {}: a 1930 step is always urgent", step.id));
        }
    }
    // Safety steps open the plan; nothing else may come before them.
    let safety = plan.steps.iter().take_while(|s| s.safety).count();
    if plan.steps[safety..].iter().any(|s| s.safety) {
        return Err(format!("{what}: safety steps come first, before every other step"));
    }
    if plan.money {
        let first = &plan.steps[safety];
        if first.place != Place::Helpline1930 || !first.urgent || !first.when.is_empty() {
            return Err(format!(
                "{what}: a money plan starts with the urgent 1930 call, for every case (after its safety steps)"
            ));
        }
    }
    // Wherever money was lost, 1930 comes first after the safety steps: check every
    // combination of circumstances.
    if plan.steps.iter().any(|s| s.place == Place::Helpline1930) {
        for c in super::Circumstances::every().filter(|c| c.money_lost) {
            if plan.steps_for(c).nth(safety).is_none_or(|s| s.place != Place::Helpline1930) {
                return Err(format!("{what}: when money was lost, the 1930 call must be the first step"));
            }
        }
    }
    for m in &plan.matches {
        check_match(m).map_err(|e| format!("{what}: {e}"))?;
    }
    if plan.id == GENERAL && !plan.matches.is_empty() {
        return Err(format!("{what}: the fallback plan matches nothing by itself"));
    }
    Ok(())
}

fn check_match(m: &Match) -> Result<(), String> {
    if m.specificity() == 0 {
        return Err("a matches clause needs patterns, categories, sub_categories or channels".into());
    }
    let taxonomies = Taxonomy::all();
    for c in &m.categories {
        if !taxonomies.iter().any(|t| t.category(c).is_some()) {
            return Err(format!("category {c:?} is not in the portal taxonomy"));
        }
    }
    for s in &m.sub_categories {
        if !taxonomies.iter().any(|t| t.categories().any(|(_, c)| c.sub_categories.iter().any(|x| x == s))) {
            return Err(format!("sub-category {s:?} is not in the portal taxonomy"));
        }
    }
    Ok(())
}

pub(super) fn plans(shared: &str, files: &[(&str, &str)]) -> Result<Vec<Plan>, DataError> {
    let shared: RawShared = toml::from_str(shared).map_err(|e| toml_err("shared-steps.toml", &e))?;
    let mut by_id = BTreeMap::new();
    for s in shared.step {
        let id = s.id.clone().ok_or_else(|| invalid("shared-steps.toml: a step has no id".into()))?;
        if s.uses.is_some() {
            return Err(invalid(format!("shared-steps.toml: step {id}: shared steps cannot `use` others")));
        }
        // Each shared step must be complete on its own, so a plan can use it as it is.
        build_step(s.clone(), &format!("shared-steps.toml: step {id}")).map_err(invalid)?;
        if by_id.insert(id.clone(), s).is_some() {
            return Err(invalid(format!("shared-steps.toml: step {id} appears twice")));
        }
    }
    let mut plans: Vec<Plan> = Vec::with_capacity(files.len());
    for (file, text) in files {
        let raw: RawPlan = toml::from_str(text).map_err(|e| toml_err(file, &e))?;
        if !is_id(&raw.id) || file.strip_suffix(".toml") != Some(raw.id.as_str()) {
            return Err(invalid(format!("{file}: id {:?} must be the file name without .toml", raw.id)));
        }
        if raw.version == 0 {
            return Err(invalid(format!("{file}: versions start at 1")));
        }
        let mut steps = Vec::with_capacity(raw.steps.len());
        for (n, s) in raw.steps.into_iter().enumerate() {
            let what = format!("{file}: step {}", s.id.as_deref().or(s.uses.as_deref()).unwrap_or("?"));
            let s = match &s.uses {
                Some(u) => {
                    let base = by_id.get(u).ok_or_else(|| invalid(format!("{what}: no shared step {u:?}")))?;
                    s.clone().over(base.clone())
                }
                None => s,
            };
            steps.push(build_step(s, &format!("{what} (#{})", n + 1)).map_err(invalid)?);
        }
        let plan = Plan {
            id: raw.id,
            version: raw.version,
            money: raw.money,
            title: raw.title,
            summary: raw.summary,
            matches: raw.matches,
            steps,
        };
        check_plan(&plan, file).map_err(invalid)?;
        if plans.iter().any(|p| p.id == plan.id) {
            return Err(invalid(format!("{file}: plan {} is defined twice", plan.id)));
        }
        plans.push(plan);
    }
    if !plans.iter().any(|p| p.id == GENERAL) {
        return Err(invalid(format!("there must be a {GENERAL}.toml fallback plan")));
    }
    Ok(plans)
}

pub(super) fn tips(text: &str) -> Result<Vec<Tip>, DataError> {
    let raw: RawTips = toml::from_str(text).map_err(|e| toml_err("tips.toml", &e))?;
    let mut ids = BTreeSet::new();
    for tip in &raw.tip {
        let what = format!("tips.toml: tip {}", tip.id);
        if !is_id(&tip.id) {
            return Err(invalid(format!("{what}: id must be lowercase letters, digits and _")));
        }
        if !ids.insert(tip.id.as_str()) {
            return Err(invalid(format!("{what}: appears twice")));
        }
        if tip.patterns.is_empty() || tip.audience.is_empty() {
            return Err(invalid(format!("{what}: needs at least one pattern and one audience")));
        }
        check_text(&tip.title, &format!("{what}: title")).map_err(invalid)?;
        check_text(&tip.text, &format!("{what}: text")).map_err(invalid)?;
        check_source(&tip.source, tip.verify, tip.verify_note.as_deref(), &what).map_err(invalid)?;
    }
    Ok(raw.tip)
}
