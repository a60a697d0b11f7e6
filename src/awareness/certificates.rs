//! Certificates of participation as PDF, in Hindi or English: one for the institution that
//! hosted a held programme, or one per person from a pasted list of names (a page each).

use axum::extract::{Path, Query, State};
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use sahayak_documents::Paper;
use sahayak_domain::case::Lang;
use serde::Deserialize;
use serde_json::{Value, json};

use super::{ProgrammeHandle, open_programme};
use crate::web::AppState;
use crate::web::error::{AppError, FieldErrors};
use crate::web::form::{FormData, clean_text};
use crate::web::i18n::catalogs;
use crate::web::session::Staff;

/// One list makes at most this many certificates.
pub const MAX_NAMES: usize = 500;
const MAX_NAME: usize = 100;

#[derive(Debug, Default, Deserialize)]
pub struct LangQuery {
    #[serde(default)]
    pub lang: Option<String>,
}

fn lang_of(code: Option<&str>, fallback: Lang) -> Lang {
    match code {
        Some("en") => Lang::En,
        Some("hi") => Lang::Hi,
        _ => fallback,
    }
}

/// Who received a certificate: the institution, or a person on the list.
pub enum Recipients {
    Institution,
    People(Vec<String>),
}

/// The certificates' data, in `lang` (pure but for the library and districts).
async fn data(state: &AppState, handle: &ProgrammeHandle, lang: Lang, who: &Recipients) -> Result<Value, AppError> {
    let p = handle.get();
    let t = |key: &str| catalogs().get(lang, key);
    let library = super::library(state, Some(p.district_id)).await?;
    let topics: Vec<&str> =
        p.topics.iter().filter_map(|id| library.iter().find(|t| &t.id == id)).map(|t| t.title(lang)).collect();
    let date = sahayak_domain::time::display_ist_date(sahayak_domain::time::from_millis(p.starts_at));
    let districts = state.districts().await?;
    let place = districts.iter().find(|d| d.id == p.district_id).map(|d| d.name(lang).to_owned()).unwrap_or_default();
    let certificate =
        |name: &str, line: String| json!({"name": name, "line": line, "date": date, "topics": topics.join(", ")});
    let certificates: Vec<Value> = match who {
        Recipients::Institution => {
            let line = catalogs().get_with(
                lang,
                "awareness-cert-hosted",
                &[("date", date.clone().into()), ("count", p.attendance.unwrap_or(0).into())],
            );
            vec![certificate(&p.institution_name, line)]
        }
        Recipients::People(names) => {
            let line = catalogs().get_with(
                lang,
                "awareness-cert-attended",
                &[("institution", p.institution_name.clone().into()), ("date", date.clone().into())],
            );
            names.iter().map(|n| certificate(n, line.clone())).collect()
        }
    };
    let centre =
        if state.config.centre(lang).is_empty() { t("app-name") } else { state.config.centre(lang).to_owned() };
    Ok(json!({
        "lang": lang.code(),
        "centre": centre,
        "place": place,
        "labels": {
            "title": t("awareness-cert-title"),
            "presented": t("awareness-cert-presented"),
            "topics": t("awareness-topics"),
            "date": t("awareness-cert-date"),
            "place": t("awareness-cert-place"),
            "signature": t("awareness-cert-signature"),
        },
        "certificates": certificates,
    }))
}

async fn pdf(
    state: &AppState,
    staff: &Staff,
    handle: &ProgrammeHandle,
    lang: Lang,
    who: Recipients,
) -> Result<Response, AppError> {
    if handle.get().status != "held" {
        return Err(AppError::BadRequest("error-awareness-not-held"));
    }
    let data = data(state, handle, lang, &who).await?;
    let bytes =
        tokio::task::spawn_blocking(move || sahayak_documents::paper_pdf(Paper::ParticipationCertificate, &data))
            .await
            .map_err(|e| AppError::Internal(e.into()))?
            .map_err(|e| AppError::Internal(e.into()))?;
    let count = match &who {
        Recipients::Institution => 1,
        Recipients::People(n) => n.len(),
    };
    let subject = super::subject("programme", handle.get().id);
    crate::privacy::audit::record(state, Some(staff.user.id), "awareness.certificates", &subject, &count.to_string())
        .await;
    let mut r = bytes.into_response();
    r.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static("application/pdf"));
    let name = format!("inline; filename=\"certificate-{}-{}.pdf\"", handle.get().id, lang.code());
    if let Ok(v) = HeaderValue::from_str(&name) {
        r.headers_mut().insert(header::CONTENT_DISPOSITION, v);
    }
    Ok(r)
}

/// The institution's certificate: it hosted the programme, attended by so many.
pub async fn institution_pdf(
    State(state): State<AppState>,
    staff: Staff,
    Path(id): Path<i64>,
    Query(q): Query<LangQuery>,
) -> Result<Response, AppError> {
    let handle = open_programme(&state, &staff.user, id).await?;
    let lang = lang_of(q.lang.as_deref(), staff.lang);
    pdf(&state, &staff, &handle, lang, Recipients::Institution).await
}

/// The names as pasted, one a line: cleaned, blank lines dropped, each checked.
pub fn names(typed: &str) -> Result<Vec<String>, AppError> {
    let names: Vec<String> = typed.lines().map(clean_text).filter(|n| !n.is_empty()).collect();
    let mut e = FieldErrors::default();
    if names.is_empty() {
        e.add("names", "error-awareness-names");
    } else if names.len() > MAX_NAMES {
        e.add("names", "error-awareness-names-many");
    } else if names.iter().any(|n| n.chars().count() > MAX_NAME) {
        e.add("names", "error-too-long");
    }
    e.into_result()?;
    Ok(names)
}

/// One certificate per name on the list, a page each.
pub async fn participants_pdf(
    State(state): State<AppState>,
    staff: Staff,
    Path(id): Path<i64>,
    form: FormData,
) -> Result<Response, AppError> {
    staff.check_csrf(form.csrf())?;
    let handle = open_programme(&state, &staff.user, id).await?;
    let lang = lang_of(Some(form.get("lang")), staff.lang);
    match names(form.get("names")) {
        Ok(list) => pdf(&state, &staff, &handle, lang, Recipients::People(list)).await,
        Err(AppError::Invalid(errors)) => super::pages::render_programme(&state, &staff, &handle, errors).await,
        Err(e) => Err(e),
    }
}
