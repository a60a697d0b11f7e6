//! `GET /api/v1/cases/{id}/documents/{kind}.pdf`

use axum::extract::{Path, RawQuery, State};
use axum::response::Response;
use utoipa::IntoParams;

use super::pages::pdf_response;
use super::service::{self, DocumentQuery, Output};
use crate::cases::access;
use crate::web::error::Problem;
use crate::web::session::ApiUser;
use crate::web::{AppError, AppState};

/// The path of a document (documentation only: the last segment is read whole, see `router`).
#[derive(IntoParams)]
#[into_params(parameter_in = Path)]
#[allow(dead_code)]
pub struct DocumentPath {
    /// Case id
    id: i64,
    /// The kind of document
    #[param(schema_with = crate::api::schema::document_kind)]
    kind: String,
}

/// A document of the case as PDF, in Hindi or English: `portal-complaint` (every field the
/// national portal asks for, in its order), `police-letter` (to the station house officer),
/// `bank-letter` (the victim's written complaint to their own bank; `bank-hold-request`, its old
/// name, still answers), `s63-certificate` (BSA s.63, Part A filled from the evidence, signed
/// at `signed_at` / `signed_place` or on blank lines), `victim-plan` (what to do now),
/// `case-summary` or `restoration-application` (for the release of held money, by `route`; the
/// Magistrate's route is a petition with its affidavit and indemnity bond). Each one made is
/// recorded in the audit log.
#[utoipa::path(get, path = "/api/v1/cases/{id}/documents/{kind}.pdf", tag = "documents", security(("bearer" = [])),
    params(DocumentPath, DocumentQuery),
    responses(
        (status = 200, description = "The PDF", content_type = "application/pdf", body = Vec<u8>),
        (status = 400, description = "A language other than `hi` or `en`, or a parameter that could not be read", body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such case (or not in the caller's districts), or no such document", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "A station, section, bank, route, signing time or place that cannot be used", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn pdf(
    State(state): State<AppState>,
    api: ApiUser,
    Path((id, file)): Path<(i64, String)>,
    RawQuery(query): RawQuery,
) -> Result<Response, AppError> {
    let (kind, pdf) = service::parse_file(&file)?;
    let query = DocumentQuery::parse(query.as_deref())?;
    if !pdf {
        return Err(AppError::NoSuch("documents-error-unknown-kind"));
    }
    let handle = access::open(&state, &api.user, id).await?;
    let (lang, output) = service::make(&state, &api.user, &handle, kind, &query, true).await?;
    match output {
        Output::Pdf(bytes) => Ok(pdf_response(&service::file_name(&handle, kind, lang), bytes)),
        Output::Pages(_) => Err(AppError::Internal(anyhow::anyhow!("pages where a PDF was asked for"))),
    }
}
