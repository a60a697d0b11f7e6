//! The directory's use-cases, shared by the pages and the API: check what was typed, save it,
//! audit it.

use sahayak_domain::case::ScamPattern;
use serde::Deserialize;
use utoipa::ToSchema;

use crate::store::directory_seed::AUDIENCES;
use crate::store::{ContactFields, District, LibraryTip, StationFields, TipFields, User};
use crate::web::error::FieldErrors;
use crate::web::form::clean_text;
use crate::web::{AppError, AppState};

pub const CONTACT_KINDS: [&str; 3] = ["dlsa", "lawyer", "ngo"];
const MAX_SHORT: usize = 200;
const MAX_ADDRESS: usize = 500;
const MAX_TEXT: usize = 2_000;
const MAX_AREAS: usize = 60;

/// A police station as typed.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(default)]
pub struct StationWrite {
    #[serde(deserialize_with = "text")]
    #[schema(required = true, nullable, pattern = "@text", max_length = 200)]
    pub name_en: String,
    #[serde(deserialize_with = "text")]
    #[schema(required = true, nullable, pattern = "@text", max_length = 200)]
    pub name_hi: String,
    /// Area names that put an address in the station's area, one per line (or comma-separated),
    /// or the list the API answers with (at most 60, each up to 100 characters).
    #[serde(deserialize_with = "lines")]
    #[schema(schema_with = areas_schema)]
    pub areas: String,
    #[serde(deserialize_with = "text")]
    #[schema(nullable, pattern = "@phone", max_length = 40)]
    pub phone: String,
    #[serde(deserialize_with = "text")]
    #[schema(nullable, pattern = "@email")]
    pub email: String,
    #[serde(deserialize_with = "text")]
    #[schema(nullable, max_length = 500)]
    pub address: String,
    /// Whom the letters address, e.g. "Station House Officer".
    #[serde(deserialize_with = "text")]
    #[schema(nullable, max_length = 200)]
    pub officer_title: String,
    /// The district's fallback station (only one is; marking this one unmarks the other); an
    /// inactive station cannot be it.
    pub is_default: bool,
    /// False to deactivate: it is no longer offered, but what named it keeps its name.
    #[serde(default = "yes")]
    pub active: bool,
}

/// A legal-aid contact as typed.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(default)]
pub struct ContactWrite {
    #[serde(deserialize_with = "text")]
    #[schema(required = true, nullable, pattern = "@text", max_length = 200)]
    pub name: String,
    /// `dlsa`, `lawyer` or `ngo`.
    #[serde(deserialize_with = "text")]
    #[schema(required = true, schema_with = contact_kinds)]
    pub kind: String,
    #[serde(deserialize_with = "text")]
    #[schema(nullable, pattern = "@phone", max_length = 40)]
    pub phone: String,
    #[serde(deserialize_with = "text")]
    #[schema(nullable, pattern = "@email")]
    pub email: String,
    #[serde(deserialize_with = "text")]
    #[schema(nullable, max_length = 500)]
    pub address: String,
    #[serde(deserialize_with = "text")]
    #[schema(nullable, max_length = 200)]
    pub languages: String,
    #[serde(deserialize_with = "text")]
    #[schema(nullable, max_length = 500)]
    pub practice_areas: String,
    #[serde(default = "yes")]
    pub active: bool,
}

/// A tip as typed.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(default)]
pub struct TipWrite {
    /// Scam-pattern codes (at least one).
    #[schema(required = true, min_items = 1, schema_with = tip_patterns)]
    pub patterns: Vec<String>,
    /// Audience codes: general, students, senior_citizens, parents, office_staff (at least one).
    #[schema(required = true, min_items = 1, schema_with = tip_audiences)]
    pub audience: Vec<String>,
    #[serde(deserialize_with = "text")]
    #[schema(required = true, nullable, pattern = "@text", max_length = 200)]
    pub title_en: String,
    #[serde(deserialize_with = "text")]
    #[schema(required = true, nullable, pattern = "@text", max_length = 200)]
    pub title_hi: String,
    #[serde(deserialize_with = "text")]
    #[schema(required = true, nullable, pattern = "@text", max_length = 2000)]
    pub text_en: String,
    #[serde(deserialize_with = "text")]
    #[schema(required = true, nullable, pattern = "@text", max_length = 2000)]
    pub text_hi: String,
    #[serde(deserialize_with = "text")]
    #[schema(nullable, max_length = 200)]
    pub source: String,
    /// State admin only, when adding: put the tip in the shared, state-wide library.
    pub shared: bool,
    #[serde(default = "yes")]
    pub active: bool,
}

fn contact_kinds() -> utoipa::openapi::schema::Object {
    crate::api::schema::choice(&CONTACT_KINDS)
}

fn list_of(values: &[&str]) -> utoipa::openapi::schema::Array {
    utoipa::openapi::schema::ArrayBuilder::new().items(crate::api::schema::choice(values)).min_items(Some(1)).build()
}

fn tip_patterns() -> utoipa::openapi::schema::Array {
    let codes: Vec<&str> = ScamPattern::ALL.iter().map(|p| p.code()).collect();
    list_of(&codes)
}

fn tip_audiences() -> utoipa::openapi::schema::Array {
    list_of(&AUDIENCES)
}

/// Text (one area a line, or comma-separated), or a list of areas.
fn areas_schema() -> utoipa::openapi::schema::Schema {
    use utoipa::openapi::schema::{ArrayBuilder, ObjectBuilder, OneOfBuilder, SchemaType, Type};
    let area = ObjectBuilder::new().schema_type(Type::String).max_length(Some(100));
    OneOfBuilder::new()
        .item(
            ObjectBuilder::new()
                .schema_type(SchemaType::Array(vec![Type::String, Type::Null]))
                .pattern(Some(r"^[^,\n\x00]{0,100}([,\n][^,\n\x00]{0,100}){0,59}$")),
        )
        .item(ArrayBuilder::new().items(area).max_items(Some(MAX_AREAS)))
        .build()
        .into()
}

fn yes() -> bool {
    true
}

/// A text field that may come as `null` (what the API's own answers hold for a blank field).
fn text<'de, D: serde::Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    Ok(Option::<String>::deserialize(d)?.unwrap_or_default())
}

/// Area words as one text (a word a line, or comma-separated) or as the list the API answers with.
fn lines<'de, D: serde::Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Either {
        Text(Option<String>),
        List(Vec<String>),
    }
    Ok(match Either::deserialize(d)? {
        Either::Text(t) => t.unwrap_or_default(),
        Either::List(l) => l.join("\n"),
    })
}

pub(crate) fn limited(e: &mut FieldErrors, field: &'static str, value: &str, max: usize) -> Option<String> {
    let v = clean_text(value);
    if v.chars().count() > max {
        e.add(field, "error-too-long");
    }
    (!v.is_empty()).then_some(v)
}

pub(crate) fn required(e: &mut FieldErrors, field: &'static str, value: &str, max: usize) -> String {
    let v = limited(e, field, value, max);
    if v.is_none() {
        e.add(field, "error-required");
    }
    v.unwrap_or_default()
}

pub(crate) fn phone(e: &mut FieldErrors, field: &'static str, value: &str) -> Option<String> {
    let v = limited(e, field, value, 40)?;
    let digits = v.chars().filter(char::is_ascii_digit).count();
    let ok = v.chars().all(|c| c.is_ascii_digit() || " +-()/,".contains(c)) && (3..=30).contains(&digits);
    if !ok {
        e.add(field, "dir-error-phone");
    }
    Some(v)
}

fn email(e: &mut FieldErrors, value: &str) -> Option<String> {
    let v = limited(e, "email", value, MAX_SHORT)?;
    let ok = match v.split_once('@') {
        Some((user, host)) => !user.is_empty() && host.contains('.') && !v.chars().any(char::is_whitespace),
        None => false,
    };
    if !ok {
        e.add("email", "dir-error-email");
    }
    Some(v)
}

fn areas(e: &mut FieldErrors, value: &str) -> Vec<String> {
    let list: Vec<String> =
        value.split(['\n', ',']).map(clean_text).filter(|a| !a.is_empty()).fold(Vec::new(), |mut acc, a| {
            if !acc.contains(&a) {
                acc.push(a);
            }
            acc
        });
    if list.len() > MAX_AREAS || list.iter().any(|a| a.chars().count() > 100) {
        e.add("areas", "error-too-long");
    }
    list
}

pub fn station_fields(w: &StationWrite) -> Result<StationFields, AppError> {
    let mut e = FieldErrors::default();
    let f = StationFields {
        name_en: required(&mut e, "name_en", &w.name_en, MAX_SHORT),
        name_hi: required(&mut e, "name_hi", &w.name_hi, MAX_SHORT),
        areas: areas(&mut e, &w.areas),
        phone: phone(&mut e, "phone", &w.phone),
        email: email(&mut e, &w.email),
        address: limited(&mut e, "address", &w.address, MAX_ADDRESS),
        officer_title: limited(&mut e, "officer_title", &w.officer_title, MAX_SHORT),
        is_default: w.is_default,
        active: w.active,
    };
    if f.is_default && !f.active {
        e.add("is_default", "dir-error-default-inactive");
    }
    e.into_result()?;
    Ok(f)
}

pub fn contact_fields(w: &ContactWrite) -> Result<ContactFields, AppError> {
    let mut e = FieldErrors::default();
    let kind = w.kind.trim();
    if !CONTACT_KINDS.contains(&kind) {
        e.add("kind", if kind.is_empty() { "error-required" } else { "error-choice" });
    }
    let f = ContactFields {
        name: required(&mut e, "name", &w.name, MAX_SHORT),
        kind: kind.to_owned(),
        phone: phone(&mut e, "phone", &w.phone),
        email: email(&mut e, &w.email),
        address: limited(&mut e, "address", &w.address, MAX_ADDRESS),
        languages: limited(&mut e, "languages", &w.languages, MAX_SHORT),
        practice_areas: limited(&mut e, "practice_areas", &w.practice_areas, MAX_ADDRESS),
        active: w.active,
    };
    e.into_result()?;
    Ok(f)
}

pub fn tip_fields(w: &TipWrite) -> Result<TipFields, AppError> {
    let mut e = FieldErrors::default();
    let mut patterns: Vec<String> = Vec::new();
    for p in &w.patterns {
        match p.trim().parse::<ScamPattern>() {
            Ok(p) if !patterns.iter().any(|q| q == p.code()) => patterns.push(p.code().to_owned()),
            Ok(_) => {}
            Err(_) => e.add("patterns", "error-choice"),
        }
    }
    if patterns.is_empty() {
        e.add("patterns", "error-required");
    }
    let mut audience: Vec<String> = Vec::new();
    for a in &w.audience {
        match AUDIENCES.iter().find(|c| **c == a.trim()) {
            Some(c) if !audience.iter().any(|q| q == c) => audience.push((*c).to_owned()),
            Some(_) => {}
            None => e.add("audience", "error-choice"),
        }
    }
    if audience.is_empty() {
        e.add("audience", "error-required");
    }
    let f = TipFields {
        patterns,
        audience,
        title_en: required(&mut e, "title_en", &w.title_en, MAX_SHORT),
        title_hi: required(&mut e, "title_hi", &w.title_hi, MAX_SHORT),
        text_en: required(&mut e, "text_en", &w.text_en, MAX_TEXT),
        text_hi: required(&mut e, "text_hi", &w.text_hi, MAX_TEXT),
        source: limited(&mut e, "source", &w.source, MAX_SHORT).unwrap_or_default(),
        active: w.active,
    };
    e.into_result()?;
    Ok(f)
}

/// The store, with the change's audit entry to commit with it (see `Store::audited`).
fn audited(state: &AppState, user: &User, action: &str, subject: &str, detail: &str) -> crate::store::Store {
    state.store.audited(Some(user.id), action, subject, detail)
}

pub async fn add_station(state: &AppState, user: &User, d: &District, w: &StationWrite) -> Result<i64, AppError> {
    let f = station_fields(w)?;
    let id =
        audited(state, user, "directory.station_add", "station:{id}", &d.code).add_station(d.id, &f, user.id).await?;
    state.directory.forget(&d.id);
    Ok(id)
}

/// The station, if it belongs to the district (else "not found").
pub async fn station_of(state: &AppState, d: &District, id: i64) -> Result<crate::store::Station, AppError> {
    let s = state.store.station(id).await?;
    if s.district_id == d.id { Ok(s) } else { Err(AppError::NotFound) }
}

pub async fn edit_station(
    state: &AppState,
    user: &User,
    d: &District,
    id: i64,
    w: &StationWrite,
) -> Result<(), AppError> {
    station_of(state, d, id).await?;
    let f = station_fields(w)?;
    let detail = if f.active { "active" } else { "inactive" };
    let audited = audited(state, user, "directory.station_edit", &format!("station:{id}"), detail);
    audited.update_station(id, d.id, &f, user.id).await?;
    state.directory.forget(&d.id);
    Ok(())
}

pub async fn add_contact(state: &AppState, user: &User, d: &District, w: &ContactWrite) -> Result<i64, AppError> {
    let f = contact_fields(w)?;
    let audited = audited(state, user, "directory.legal_aid_add", "legal_aid:{id}", &d.code);
    let id = audited.add_legal_aid_contact(d.id, &f, user.id).await?;
    state.directory.forget(&d.id);
    Ok(id)
}

pub async fn contact_of(state: &AppState, d: &District, id: i64) -> Result<crate::store::LegalAidContact, AppError> {
    let c = state.store.legal_aid_contact(id).await?;
    if c.district_id == d.id { Ok(c) } else { Err(AppError::NotFound) }
}

pub async fn edit_contact(
    state: &AppState,
    user: &User,
    d: &District,
    id: i64,
    w: &ContactWrite,
) -> Result<(), AppError> {
    contact_of(state, d, id).await?;
    let f = contact_fields(w)?;
    let detail = if f.active { "active" } else { "inactive" };
    let audited = audited(state, user, "directory.legal_aid_edit", &format!("legal_aid:{id}"), detail);
    audited.update_legal_aid_contact(id, d.id, &f, user.id).await?;
    state.directory.forget(&d.id);
    Ok(())
}

/// A tip as the district sees it: a shared tip or one of the district's own (else "not found").
pub async fn tip_of(state: &AppState, d: &District, id: i64) -> Result<LibraryTip, AppError> {
    let t = state.store.library_tip(id).await?;
    if t.district_id.is_none_or(|x| x == d.id) { Ok(t) } else { Err(AppError::NotFound) }
}

/// Shared tips are the state admin's to edit; a district's own, its admins'.
fn may_edit_tip(user: &User, t: &LibraryTip) -> Result<(), AppError> {
    if t.district_id.is_none() { super::require_state_admin(user) } else { Ok(()) }
}

pub async fn add_tip(state: &AppState, user: &User, d: &District, w: &TipWrite) -> Result<LibraryTip, AppError> {
    if w.shared {
        super::require_state_admin(user)?;
    }
    let f = tip_fields(w)?;
    let scope = if w.shared { "shared" } else { d.code.as_str() };
    let tip = audited(state, user, "directory.tip_add", "tip:{id}", scope)
        .add_tip((!w.shared).then_some(d.id), &f, user.id)
        .await?;
    Ok(tip)
}

pub async fn edit_tip(state: &AppState, user: &User, d: &District, id: i64, w: &TipWrite) -> Result<(), AppError> {
    let t = tip_of(state, d, id).await?;
    may_edit_tip(user, &t)?;
    let f = tip_fields(w)?;
    let detail = if f.active { "active" } else { "inactive" };
    audited(state, user, "directory.tip_edit", &format!("tip:{id}"), detail).update_tip(id, &f, user.id).await?;
    Ok(())
}

/// Hides a shared tip in the district (or shows it again).
pub async fn hide_tip(state: &AppState, user: &User, d: &District, id: i64, hidden: bool) -> Result<(), AppError> {
    let t = tip_of(state, d, id).await?;
    if t.district_id.is_some() {
        // A district's own tip is deactivated, not hidden.
        return Err(AppError::invalid("hidden", "dir-error-hide-own"));
    }
    let detail = format!("{} {}", d.code, if hidden { "hidden" } else { "shown" });
    let audited = audited(state, user, "directory.tip_hide", &format!("tip:{id}"), &detail);
    audited.set_tip_hidden(d.id, id, hidden, user.id).await?;
    Ok(())
}

/// Whether the user may edit this tip's text (for the pages' links).
pub fn edits_tip(user: &User, t: &LibraryTip) -> bool {
    may_edit_tip(user, t).is_ok()
}
