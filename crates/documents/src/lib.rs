//! Sahayak's printed documents: a [`Document`] (plain, already translated data) in, PDF out.
//!
//! Typesetting is done in-process by typst used as a library. This crate alone depends on it
//! (it is heavy to build), so the rest of the workspace builds without knowing about it.
//! Templates are typst files under `templates/`, one per [`Kind`], that read the document's data
//! with `json("/data.json")`: case data is never spliced into markup, so whatever a victim
//! typed prints exactly as typed. Fonts are shipped under `fonts/` and compiled in.

mod data;
#[doc(hidden)]
pub mod sample;
mod world;

use std::sync::atomic::{AtomicU64, Ordering};

use typst::diag::{SourceDiagnostic, Warned};
use typst_layout::PagedDocument;

pub use data::*;
pub use world::{DATA_PATH, font_families, warm_up};

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("document data could not be written as JSON")]
    Data(#[from] serde_json::Error),
    /// A template did not compile: a mistake in a template, never in the case's data.
    #[error("template {kind} failed: {message}")]
    Template { kind: &'static str, message: String },
    #[error("PDF export failed: {0}")]
    Export(String),
}

/// Every so many renders, typst's memoisation cache drops what has not been used lately, so a
/// long-running server does not grow without bound.
const EVICT_EVERY: u64 = 32;
/// Cache entries unused for this many evictions are dropped.
const EVICT_MAX_AGE: usize = 4;

static RENDERS: AtomicU64 = AtomicU64::new(0);

fn layout(doc: &Document) -> Result<PagedDocument, Error> {
    let data = serde_json::to_vec(doc)?;
    let world = world::DocWorld::new(doc.kind, data);
    let Warned { output, .. } = typst::compile::<PagedDocument>(&world);
    if RENDERS.fetch_add(1, Ordering::Relaxed) % EVICT_EVERY == EVICT_EVERY - 1 {
        typst::comemo::evict(EVICT_MAX_AGE);
    }
    output.map_err(|errors| Error::Template { kind: doc.kind.code(), message: describe(&world, &errors) })
}

fn describe(world: &world::DocWorld, errors: &[SourceDiagnostic]) -> String {
    errors.iter().map(|e| format!("{} ({})", e.message, world::location(world, e.span))).collect::<Vec<_>>().join("; ")
}

/// The document as PDF.
pub fn pdf(doc: &Document) -> Result<Vec<u8>, Error> {
    let document = layout(doc)?;
    typst_pdf::pdf(&document, &typst_pdf::PdfOptions::default())
        .map_err(|errors| Error::Export(errors.iter().map(|e| e.message.as_str()).collect::<Vec<_>>().join("; ")))
}

/// A paper that is not about a case (a certificate, a report): its own template, its own data.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Paper {
    /// A certificate of participation in an awareness programme: one page per certificate.
    /// Data: `lang`, `centre`, `labels` (`title`, `body`, `signature`, `place`, `date`), and
    /// `certificates`, each with `name` (a person's or the institution's), `line` (what they
    /// took part in) and `date`.
    ParticipationCertificate,
    /// The monthly MIS report. Data: `lang`, `centre`, `reference` (the report's name), `date`,
    /// `month`, `scope`, `labels` (`report_title`, `report_cohort`, `report_made`, `reference`,
    /// `date`) and `districts`, each with `name` and `sections` of `title` and `rows` (`label`,
    /// `value`, already formatted).
    MonthlyReport,
}

impl Paper {
    pub const ALL: &[Paper] = &[Paper::ParticipationCertificate, Paper::MonthlyReport];

    /// The template's name (`templates/{code}.typ`).
    pub fn code(self) -> &'static str {
        match self {
            Paper::ParticipationCertificate => "participation-certificate",
            Paper::MonthlyReport => "monthly-report",
        }
    }
}

/// A paper as PDF. `data` is the JSON the paper's template reads from `/data.json` (placed
/// as text, never evaluated as markup).
pub fn paper_pdf(paper: Paper, data: &serde_json::Value) -> Result<Vec<u8>, Error> {
    let world = world::DocWorld::of_template(paper.code(), serde_json::to_vec(data)?);
    let Warned { output, .. } = typst::compile::<PagedDocument>(&world);
    if RENDERS.fetch_add(1, Ordering::Relaxed) % EVICT_EVERY == EVICT_EVERY - 1 {
        typst::comemo::evict(EVICT_MAX_AGE);
    }
    let document =
        output.map_err(|errors| Error::Template { kind: paper.code(), message: describe(&world, &errors) })?;
    typst_pdf::pdf(&document, &typst_pdf::PdfOptions::default())
        .map_err(|errors| Error::Export(errors.iter().map(|e| e.message.as_str()).collect::<Vec<_>>().join("; ")))
}

/// The document's pages as SVG images (for viewing in a browser).
pub fn svg_pages(doc: &Document) -> Result<Vec<String>, Error> {
    let document = layout(doc)?;
    let options = typst_svg::SvgOptions::default();
    Ok(document.pages().iter().map(|p| typst_svg::svg(p, &options)).collect())
}

#[cfg(test)]
mod tests;
