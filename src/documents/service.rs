//! Making a document of a case: the checks, the data, the typesetting (off the async threads)
//! and the audit entry. Shared by the API and the case page.

use std::time::Instant;

use sahayak_documents::{self as docs, Kind};
use sahayak_domain::access::CaseAction;
use sahayak_domain::case::Lang;
use utoipa::IntoParams;

use super::build::{self, Choices};
use crate::cases::access::{CaseHandle, require};
use crate::store::User;
use crate::web::{AppError, AppState};

/// The choices a document can be asked with (query parameters of both the API and the pages).
#[derive(Debug, Default, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct DocumentQuery {
    /// `hi` or `en`: the document's language. The victim's preference when left out.
    #[param(schema_with = crate::api::schema::lang_in)]
    pub lang: Option<String>,
    /// Police letter: the id of a police station of the case's district (default: the station
    /// for the victim's address).
    pub station: Option<String>,
    /// Police letter: offence codes separated by commas, e.g. `bns-318-4,it-66d` (default: the
    /// sections usual for the case's kind of scam).
    pub sections: Option<String>,
    /// Bank letter: the victim's bank it is addressed to (default: the bank of the money trail's
    /// first debit from the victim's account).
    pub bank: Option<String>,
    /// Restoration application: `magistrate_order`, `lok_adalat` or `admin_under_50k` (default:
    /// the route last recorded on the case, else by the amount held).
    pub route: Option<String>,
    /// Section 63 certificate: when it is signed, IST `YYYY-MM-DDTHH:MM` (default: blank lines
    /// to fill in by hand).
    pub signed_at: Option<String>,
    /// Section 63 certificate: where it is signed (default: a blank line).
    pub signed_place: Option<String>,
}

const MAX_BANK_CHARS: usize = 120;
const MAX_PLACE_CHARS: usize = 120;

impl DocumentQuery {
    /// Reads the query string. `sections` may be repeated (check boxes) or comma-separated.
    pub fn parse(query: Option<&str>) -> Result<DocumentQuery, AppError> {
        let pairs: Vec<(String, String)> = serde_urlencoded::from_str(query.unwrap_or_default())
            .map_err(|_| AppError::BadRequest("error-bad-request"))?;
        let mut q = DocumentQuery::default();
        for (k, v) in pairs {
            match k.as_str() {
                "lang" => q.lang = Some(v),
                "station" => q.station = Some(v),
                "bank" => q.bank = Some(v),
                "route" => q.route = Some(v),
                "signed_at" => q.signed_at = Some(v),
                "signed_place" => q.signed_place = Some(v),
                "sections" => {
                    q.sections = Some(match q.sections.take() {
                        Some(s) if !s.trim().is_empty() => format!("{s},{v}"),
                        _ => v,
                    })
                }
                _ => {}
            }
        }
        Ok(q)
    }

    /// The document's language: as asked, else the victim's.
    pub fn lang(&self, victim: Lang) -> Result<Lang, AppError> {
        match self.lang.as_deref().map(str::trim) {
            None | Some("") => Ok(victim),
            Some(l) => l.parse().map_err(|_| AppError::BadRequest("documents-error-lang")),
        }
    }

    pub fn choices(&self) -> Result<Choices, AppError> {
        let given = |v: &Option<String>| v.as_deref().map(str::trim).filter(|s| !s.is_empty()).map(str::to_owned);
        let bank = given(&self.bank);
        if bank.as_ref().is_some_and(|b| b.chars().count() > MAX_BANK_CHARS) {
            return Err(AppError::invalid("bank", "error-too-long"));
        }
        let route = given(&self.route);
        if route.as_deref().is_some_and(|r| !crate::trail::ROUTES.contains(&r)) {
            return Err(AppError::invalid("route", "documents-error-route"));
        }
        let signed_at = match given(&self.signed_at) {
            Some(t) => Some(
                sahayak_domain::time::parse_ist_local(&t)
                    .ok_or(AppError::invalid("signed_at", "documents-error-signed-at"))?,
            ),
            None => None,
        };
        let signed_place = given(&self.signed_place);
        if signed_place.as_ref().is_some_and(|p| p.chars().count() > MAX_PLACE_CHARS) {
            return Err(AppError::invalid("signed_place", "error-too-long"));
        }
        Ok(Choices {
            signed_at,
            signed_place,
            route,
            station: given(&self.station),
            sections: given(&self.sections)
                .map(|s| s.split(',').map(str::trim).filter(|c| !c.is_empty()).map(str::to_owned).collect()),
            bank,
        })
    }
}

/// `portal-complaint.pdf` → the kind and `true`; `portal-complaint` → the kind and `false`.
pub fn parse_file(file: &str) -> Result<(Kind, bool), AppError> {
    let (code, pdf) = match file.strip_suffix(".pdf") {
        Some(code) => (code, true),
        None => (file, false),
    };
    Kind::parse(code).map(|k| (k, pdf)).ok_or(AppError::NoSuch("documents-error-unknown-kind"))
}

/// What was made: the bytes, or the pages.
pub enum Output {
    Pdf(Vec<u8>),
    Pages(Vec<String>),
}

/// Makes a document of the case for `user`, and records that it was made.
pub async fn make(
    state: &AppState,
    user: &User,
    handle: &CaseHandle,
    kind: Kind,
    query: &DocumentQuery,
    as_pdf: bool,
) -> Result<(Lang, Output), AppError> {
    require(user, CaseAction::Read)?;
    // The portal pack and the s.63 certificate list the evidence files: where the case's
    // evidence is restricted (sextortion), only those who may see it may make them.
    if matches!(kind, Kind::PortalComplaint | Kind::S63Certificate) {
        crate::evidence::access::check(user, handle, crate::evidence::access::EvidenceAction::List)?;
    }
    let lang = query.lang(handle.case().fields.victim_lang)?;
    let document = build::document(state, handle, kind, lang, &query.choices()?).await?;
    let started = Instant::now();
    // Typesetting takes milliseconds of CPU: it runs where it cannot hold up other requests.
    let output = tokio::task::spawn_blocking(move || {
        if as_pdf { docs::pdf(&document).map(Output::Pdf) } else { docs::svg_pages(&document).map(Output::Pages) }
    })
    .await
    .map_err(|e| AppError::Internal(e.into()))?
    .map_err(|e| AppError::Internal(e.into()))?;
    let detail = format!("{} {}", kind.code(), lang.code());
    crate::privacy::audit::record(
        state,
        Some(user.id),
        "case.document",
        &crate::privacy::audit::case_subject(handle.id()),
        &detail,
    )
    .await;
    tracing::info!(
        case_id = handle.id(),
        kind = kind.code(),
        lang = lang.code(),
        ms = started.elapsed().as_millis() as u64,
        "document made"
    );
    Ok((lang, output))
}

/// `JPR-2026-000123-police-letter-hi.pdf`
pub fn file_name(handle: &CaseHandle, kind: Kind, lang: Lang) -> String {
    format!("{}-{}-{}.pdf", handle.case().reference, kind.code(), lang.code())
}
