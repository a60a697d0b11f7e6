//! The use-cases, shared by the pages and the API: checked input in, a row written and
//! audited, or field errors and nothing written.

use std::collections::BTreeMap;

use serde::{Deserialize, Deserializer};
use utoipa::ToSchema;

use super::{AUDIENCES, InstitutionHandle, KINDS, LANGUAGES, ProgrammeHandle, STATUSES, quiz, require_writer, subject};
use crate::cases::access::sees_district;
use crate::cases::input::parse_time;
use crate::store::{InstitutionFields, NewFeedback, Programme, ProgrammeFields, User};
use crate::web::AppState;
use crate::web::error::{AppError, FieldErrors};
use crate::web::form::clean_text;

const MAX_SHORT: usize = 200;
const MAX_TEXT: usize = 2_000;
/// "What will you do differently": a few sentences.
pub const MAX_CHANGE: usize = 500;
const MAX_ATTENDANCE: i64 = 100_000;
const MAX_TOPICS: usize = 20;

/// A number typed as text, or sent as a JSON number.
pub(crate) fn text_or_number<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Either {
        S(String),
        N(i64),
        Null(()),
    }
    Ok(match Either::deserialize(d)? {
        Either::S(s) => s,
        Either::N(n) => n.to_string(),
        Either::Null(()) => String::new(),
    })
}

fn short(e: &mut FieldErrors, field: &'static str, value: &str, max: usize) -> Option<String> {
    let v = clean_text(value);
    if v.chars().count() > max {
        e.add(field, "error-too-long");
    }
    (!v.is_empty()).then_some(v)
}

/// An institution as typed.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(default)]
pub struct InstitutionWrite {
    /// The district's code (when creating; an institution does not move).
    #[schema(required = true, pattern = "@district")]
    pub district: String,
    #[schema(required = true, pattern = "@text", max_length = 200)]
    pub name: String,
    /// `school`, `college`, `office` or `community`.
    #[schema(required = true, schema_with = institution_kinds)]
    pub kind: String,
    /// Address or area.
    #[schema(max_length = 2000)]
    pub address: String,
    #[schema(max_length = 200)]
    pub contact_person: String,
    /// Digits with spaces, `+ - ( )`: 6 to 15 digits.
    #[schema(pattern = "@contact-phone", max_length = 40)]
    pub phone: String,
    #[schema(pattern = "@contact-email", max_length = 200)]
    pub email: String,
}

/// A change to an institution: as [`InstitutionWrite`] without the district (an institution
/// does not move; sending one is refused by name).
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(default)]
pub struct InstitutionChange {
    #[schema(required = true, pattern = "@text", max_length = 200)]
    pub name: String,
    /// `school`, `college`, `office` or `community`.
    #[schema(required = true, schema_with = institution_kinds)]
    pub kind: String,
    /// Address or area.
    #[schema(max_length = 2000)]
    pub address: String,
    #[schema(max_length = 200)]
    pub contact_person: String,
    /// Digits with spaces, `+ - ( )`: 6 to 15 digits.
    #[schema(pattern = "@contact-phone", max_length = 40)]
    pub phone: String,
    #[schema(pattern = "@contact-email", max_length = 200)]
    pub email: String,
}

impl From<InstitutionChange> for InstitutionWrite {
    fn from(c: InstitutionChange) -> Self {
        InstitutionWrite {
            district: String::new(),
            name: c.name,
            kind: c.kind,
            address: c.address,
            contact_person: c.contact_person,
            phone: c.phone,
            email: c.email,
        }
    }
}

fn institution_kinds() -> utoipa::openapi::schema::Object {
    crate::api::schema::choice(&super::KINDS)
}

fn audiences() -> utoipa::openapi::schema::Array {
    utoipa::openapi::schema::ArrayBuilder::new()
        .items(crate::api::schema::choice(&super::AUDIENCES))
        .min_items(Some(1))
        .build()
}

fn languages() -> utoipa::openapi::schema::Object {
    crate::api::schema::choice(&super::LANGUAGES)
}

fn statuses() -> utoipa::openapi::schema::Object {
    crate::api::schema::choice_or_empty(&super::STATUSES)
}

struct CheckedInstitution {
    name: String,
    kind: String,
    address: Option<String>,
    contact_person: Option<String>,
    phone: Option<String>,
    email: Option<String>,
}

impl CheckedInstitution {
    fn fields(&self) -> InstitutionFields<'_> {
        InstitutionFields {
            name: &self.name,
            kind: &self.kind,
            address: self.address.as_deref(),
            contact_person: self.contact_person.as_deref(),
            phone: self.phone.as_deref(),
            email: self.email.as_deref(),
        }
    }
}

fn check_institution(e: &mut FieldErrors, w: &InstitutionWrite) -> CheckedInstitution {
    let name = short(e, "name", &w.name, MAX_SHORT);
    if name.is_none() {
        e.add("name", "error-required");
    }
    let kind = w.kind.trim();
    if !KINDS.contains(&kind) {
        e.add("kind", if kind.is_empty() { "error-required" } else { "error-choice" });
    }
    let phone = short(e, "phone", &w.phone, 40);
    if let Some(p) = &phone {
        let digits = p.chars().filter(char::is_ascii_digit).count();
        let allowed = p.chars().all(|c| c.is_ascii_digit() || " +-()".contains(c));
        if !allowed || !(6..=15).contains(&digits) {
            e.add("phone", "error-awareness-phone");
        }
    }
    let email = short(e, "email", &w.email, MAX_SHORT);
    if let Some(m) = &email {
        let ok = m.split_once('@').is_some_and(|(a, b)| !a.is_empty() && b.contains('.') && !b.starts_with('.'))
            && !m.chars().any(char::is_whitespace);
        if !ok {
            e.add("email", "error-awareness-email");
        }
    }
    CheckedInstitution {
        name: name.unwrap_or_default(),
        kind: kind.to_owned(),
        address: short(e, "address", &w.address, MAX_TEXT),
        contact_person: short(e, "contact_person", &w.contact_person, MAX_SHORT),
        phone,
        email,
    }
}

pub async fn create_institution(state: &AppState, user: &User, w: &InstitutionWrite) -> Result<i64, AppError> {
    require_writer(user)?;
    let mut e = FieldErrors::default();
    let districts = state.districts().await?;
    let code = w.district.trim();
    let district = districts.iter().find(|d| d.code == code && sees_district(user, d.id));
    if district.is_none() {
        e.add("district", if code.is_empty() { "error-required" } else { "error-choice" });
    }
    let c = check_institution(&mut e, w);
    e.into_result()?;
    let district = district.ok_or(AppError::NotFound)?;
    let audited = state.store.audited(Some(user.id), "awareness.institution_create", "institution:{id}", "");
    let id = audited.add_institution(district.id, &c.fields(), user.id, state.now_millis()).await?;
    tracing::info!(institution_id = id, "institution added");
    Ok(id)
}

pub async fn update_institution(
    state: &AppState,
    user: &User,
    handle: &InstitutionHandle,
    w: &InstitutionWrite,
) -> Result<(), AppError> {
    require_writer(user)?;
    let mut e = FieldErrors::default();
    let c = check_institution(&mut e, w);
    e.into_result()?;
    let id = handle.get().id;
    let audited = state.store.audited(Some(user.id), "awareness.institution_update", &subject("institution", id), "");
    audited.update_institution(id, &c.fields(), state.now_millis()).await?;
    Ok(())
}

/// A programme as typed.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(default)]
pub struct ProgrammeWrite {
    #[schema(required = true, minimum = 1)]
    pub institution_id: i64,
    /// IST local `YYYY-MM-DDTHH:MM` or RFC 3339.
    #[schema(required = true, pattern = "@when")]
    pub starts_at: String,
    #[schema(max_length = 200)]
    pub venue: String,
    /// One or more of `students`, `teachers`, `staff`, `parents`, `senior_citizens`.
    #[schema(required = true, schema_with = audiences)]
    pub audience: Vec<String>,
    /// Which classes, for students (e.g. "Class 9–10").
    #[schema(max_length = 200)]
    pub classes: String,
    /// `hi`, `en` or `both`.
    #[schema(required = true, schema_with = languages)]
    pub language: String,
    /// The speakers' names.
    #[schema(max_length = 2000)]
    pub speakers: String,
    /// Prevention tip ids (1 to 20) from the district's library.
    #[schema(required = true, min_items = 1, max_items = 20)]
    pub topics: Vec<String>,
    /// Materials used (posters, handouts, films).
    #[schema(max_length = 2000)]
    pub materials: String,
    /// `planned`, `held` or `cancelled`; `planned` when left out.
    #[schema(schema_with = statuses)]
    pub status: String,
    /// Attendance, when held (then required): 0 to 100,000, as a number or its digits.
    #[serde(deserialize_with = "text_or_number")]
    #[schema(schema_with = attendance_schema)]
    pub attendance: String,
    /// Use the before/after quiz (questions chosen from the topics).
    pub use_quiz: bool,
}

fn check_attendance(e: &mut FieldErrors, status: &str, typed: &str) -> Option<i64> {
    let typed = typed.trim();
    if status != "held" {
        return None;
    }
    if typed.is_empty() {
        e.add("attendance", "error-awareness-attendance-required");
        return None;
    }
    match typed.parse::<i64>() {
        Ok(n) if (0..=MAX_ATTENDANCE).contains(&n) => Some(n),
        _ => {
            e.add("attendance", "error-awareness-attendance");
            None
        }
    }
}

fn check_status(e: &mut FieldErrors, typed: &str) -> String {
    let status = if typed.trim().is_empty() { "planned" } else { typed.trim() };
    if !STATUSES.contains(&status) {
        e.add("status", "error-choice");
    }
    status.to_owned()
}

async fn save_programme(
    state: &AppState,
    user: &User,
    w: &ProgrammeWrite,
    existing: Option<&Programme>,
) -> Result<i64, AppError> {
    require_writer(user)?;
    let mut e = FieldErrors::default();
    let institution = if w.institution_id > 0 {
        match super::open_institution(state, user, w.institution_id).await {
            Ok(i) => Some(i),
            Err(AppError::NotFound) => None,
            Err(other) => return Err(other),
        }
    } else {
        None
    };
    // A programme stays in its district: another district's institution is no choice.
    let institution = institution.filter(|i| existing.is_none_or(|p| p.district_id == i.get().district_id));
    if institution.is_none() {
        e.add("institution_id", if w.institution_id > 0 { "error-choice" } else { "error-required" });
    }
    let starts_at = match parse_time(&w.starts_at, state.now()) {
        None => {
            e.add("starts_at", "error-required");
            None
        }
        Some(Ok(t)) => Some(t.timestamp_millis()),
        Some(Err(())) => {
            e.add("starts_at", "error-datetime");
            None
        }
    };
    let mut audience: Vec<String> = Vec::new();
    for a in &w.audience {
        let a = a.trim();
        if !AUDIENCES.contains(&a) {
            e.add("audience", "error-choice");
        } else if !audience.iter().any(|x| x == a) {
            audience.push(a.to_owned());
        }
    }
    if audience.is_empty() {
        e.add("audience", "error-awareness-audience");
    }
    let language = w.language.trim();
    if !LANGUAGES.contains(&language) {
        e.add("language", if language.is_empty() { "error-required" } else { "error-choice" });
    }
    let library = super::library(state, institution.as_ref().map(|i| i.get().district_id)).await?;
    let mut topics: Vec<String> = Vec::new();
    for t in &w.topics {
        let t = t.trim();
        if !library.iter().any(|x| x.id == t) {
            e.add("topics", "error-choice");
        } else if !topics.iter().any(|x| x == t) {
            topics.push(t.to_owned());
        }
    }
    if topics.is_empty() {
        e.add("topics", "error-awareness-topics");
    } else if topics.len() > MAX_TOPICS {
        e.add("topics", "error-awareness-topics-many");
    }
    let status = check_status(&mut e, &w.status);
    let attendance = check_attendance(&mut e, &status, &w.attendance);
    let venue = short(&mut e, "venue", &w.venue, MAX_SHORT);
    let classes = short(&mut e, "classes", &w.classes, MAX_SHORT);
    let speakers = short(&mut e, "speakers", &w.speakers, MAX_TEXT);
    let materials = short(&mut e, "materials", &w.materials, MAX_TEXT);
    e.into_result()?;
    let (Some(institution), Some(starts_at)) = (institution, starts_at) else { return Err(AppError::NotFound) };
    // The questions stay those chosen first, so "before" and "after" answer the same ones.
    let quiz = match (w.use_quiz, existing) {
        (false, _) => Vec::new(),
        (true, Some(p)) if !p.quiz.is_empty() => p.quiz.clone(),
        (true, _) => quiz::choose(&topics),
    };
    let fields = ProgrammeFields {
        institution_id: institution.get().id,
        starts_at,
        venue: venue.as_deref(),
        audience: &audience,
        classes: classes.as_deref(),
        language,
        speakers: speakers.as_deref(),
        topics: &topics,
        materials: materials.as_deref(),
        status: &status,
        attendance,
        quiz: &quiz,
    };
    let now = state.now_millis();
    let id = match existing {
        Some(p) => {
            let subject = subject("programme", p.id);
            let audited = state.store.audited(Some(user.id), "awareness.programme_update", &subject, &status);
            audited.update_programme(p.id, &fields, now).await?;
            p.id
        }
        None => {
            let token = crate::web::session::new_token();
            let district = institution.get().district_id;
            let audited = state.store.audited(Some(user.id), "awareness.programme_create", "programme:{id}", &status);
            audited.add_programme(district, &fields, &token, user.id, now).await?
        }
    };
    tracing::info!(programme_id = id, status = %status, "programme saved");
    Ok(id)
}

pub async fn create_programme(state: &AppState, user: &User, w: &ProgrammeWrite) -> Result<i64, AppError> {
    save_programme(state, user, w, None).await
}

pub async fn update_programme(
    state: &AppState,
    user: &User,
    handle: &ProgrammeHandle,
    w: &ProgrammeWrite,
) -> Result<(), AppError> {
    save_programme(state, user, w, Some(handle.get())).await.map(|_| ())
}

/// The outcome of a programme as typed: held (with attendance), cancelled, or planned still.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(default)]
pub struct AttendanceWrite {
    /// `held` (the default), `cancelled` or `planned`.
    #[schema(schema_with = statuses)]
    pub status: String,
    /// How many came, when held (then required): 0 to 100,000, as a number or its digits.
    #[serde(deserialize_with = "text_or_number")]
    #[schema(schema_with = attendance_schema)]
    pub attendance: String,
}

pub async fn record_attendance(
    state: &AppState,
    user: &User,
    handle: &ProgrammeHandle,
    w: &AttendanceWrite,
) -> Result<(), AppError> {
    require_writer(user)?;
    let mut e = FieldErrors::default();
    let status = if w.status.trim().is_empty() { "held".to_owned() } else { check_status(&mut e, &w.status) };
    let attendance = check_attendance(&mut e, &status, &w.attendance);
    e.into_result()?;
    let id = handle.get().id;
    let audited = state.store.audited(Some(user.id), "awareness.attendance", &subject("programme", id), &status);
    audited.record_attendance(id, &status, attendance, state.now_millis()).await?;
    Ok(())
}

/// One attendee's answer sheet.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(default)]
pub struct FeedbackWrite {
    /// `before` (the quiz at the start, when the programme uses it) or `after` (the default).
    #[schema(schema_with = stages)]
    pub stage: String,
    /// 1 to 5 (a number or its digit), at the end.
    #[serde(deserialize_with = "text_or_number")]
    #[schema(schema_with = rating_schema)]
    pub rating: String,
    /// What the attendee will do differently (optional, up to 500 characters).
    #[schema(max_length = 500)]
    pub change: String,
    /// The quiz answers: question id → index of the option chosen.
    #[schema(schema_with = answers)]
    pub answers: BTreeMap<String, usize>,
}

fn answers() -> utoipa::openapi::schema::Object {
    use utoipa::openapi::schema::{AdditionalProperties, ObjectBuilder, Type};
    let index = ObjectBuilder::new().schema_type(Type::Integer).minimum(Some(0)).maximum(Some(99));
    ObjectBuilder::new()
        .schema_type(Type::Object)
        .additional_properties(Some(AdditionalProperties::RefOr(index.build().into())))
        .build()
}

fn rating_schema() -> utoipa::openapi::schema::Schema {
    crate::api::schema::number_or_digits(1, 5)
}

fn attendance_schema() -> utoipa::openapi::schema::Schema {
    crate::api::schema::number_or_digits(0, MAX_ATTENDANCE)
}

fn stages() -> utoipa::openapi::schema::Object {
    crate::api::schema::choice_or_empty(&["before", "after"])
}

/// Checks and keeps one answer sheet. Nothing about the sender is kept.
pub async fn submit_feedback(state: &AppState, p: &Programme, w: &FeedbackWrite) -> Result<(), AppError> {
    let mut e = FieldErrors::default();
    let stage = match w.stage.trim() {
        "" | "after" => "after",
        "before" if !p.quiz.is_empty() => "before",
        _ => {
            e.add("stage", "error-choice");
            "after"
        }
    };
    let rating = match (stage, w.rating.trim()) {
        ("before", _) => None,
        (_, "") => {
            e.add("rating", "error-awareness-rating");
            None
        }
        (_, r) => match r.parse::<i64>() {
            Ok(n) if (1..=5).contains(&n) => Some(n),
            _ => {
                e.add("rating", "error-awareness-rating");
                None
            }
        },
    };
    let change = if stage == "after" { short(&mut e, "change", &w.change, MAX_CHANGE) } else { None };
    let (score, total) = if p.quiz.is_empty() {
        (None, None)
    } else {
        match quiz::score(&p.quiz, &w.answers) {
            Some(s) => (Some(s), Some(p.quiz.len() as i64)),
            None => {
                e.add("quiz", "error-awareness-quiz");
                (None, None)
            }
        }
    };
    e.into_result()?;
    let sheet = NewFeedback { stage, rating, change_text: change.as_deref(), quiz_score: score, quiz_total: total };
    state.store.add_feedback(p.id, &sheet, state.now_millis()).await?;
    tracing::info!(programme_id = p.id, stage, "feedback received");
    Ok(())
}
