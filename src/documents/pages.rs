//! The documents from the case page: `/cases/{reference}/documents/{kind}.pdf` (the PDF) and
//! `/cases/{reference}/documents/{kind}` (the same pages in the browser, as images).

use askama::Template;
use axum::body::Body;
use axum::extract::{Path, RawQuery, State};
use axum::http::{HeaderValue, header};
use axum::response::{Html, IntoResponse, Response};
use base64::Engine;
use sahayak_domain::case::Lang;

use super::service::{self, DocumentQuery, Output};
use crate::cases::access;
use crate::web::page::Page;
use crate::web::session::Staff;
use crate::web::{AppError, AppState};

/// A PDF to show in the browser (or save), never cached on the way.
pub fn pdf_response(name: &str, bytes: Vec<u8>) -> Response {
    let mut r = Body::from(bytes).into_response();
    let h = r.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static("application/pdf"));
    if let Ok(v) = HeaderValue::from_str(&format!("inline; filename=\"{name}\"")) {
        h.insert(header::CONTENT_DISPOSITION, v);
    }
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("private, no-store"));
    r
}

#[derive(Template)]
#[template(path = "documents/view.html")]
struct View {
    page: Page,
    reference: String,
    title: String,
    /// `data:` URLs of the pages as SVG.
    pages: Vec<String>,
    pdf_href: String,
    other_href: String,
    other_label: String,
}

pub async fn document(
    State(state): State<AppState>,
    staff: Staff,
    Path((reference, file)): Path<(String, String)>,
    RawQuery(query): RawQuery,
) -> Result<Response, AppError> {
    let (kind, pdf) = service::parse_file(&file)?;
    let query = DocumentQuery::parse(query.as_deref())?;
    let handle = access::open_by_reference(&state, &staff.user, &reference).await?;
    let (lang, output) = service::make(&state, &staff.user, &handle, kind, &query, pdf).await?;
    let pages = match output {
        Output::Pdf(bytes) => return Ok(pdf_response(&service::file_name(&handle, kind, lang), bytes)),
        Output::Pages(pages) => pages,
    };
    let page = staff.page(&state);
    let other = match lang {
        Lang::Hi => Lang::En,
        Lang::En => Lang::Hi,
    };
    let href = |file: String, lang: Lang| {
        let mut pairs: Vec<(&str, String)> = vec![("lang", lang.code().to_owned())];
        for (k, v) in [("station", &query.station), ("sections", &query.sections), ("bank", &query.bank)] {
            if let Some(v) = v {
                pairs.push((k, v.clone()));
            }
        }
        format!("/cases/{reference}/documents/{file}?{}", serde_urlencoded::to_string(pairs).unwrap_or_default())
    };
    let kind_label = page.t(&format!("documents-kind-{}", kind.code()));
    let body = View {
        title: crate::web::i18n::catalogs().get_with(
            page.lang,
            "documents-view-title",
            &[("kind", kind_label.into()), ("reference", handle.case().reference.clone().into())],
        ),
        reference: handle.case().reference.clone(),
        pages: pages
            .iter()
            .map(|svg| format!("data:image/svg+xml;base64,{}", base64::engine::general_purpose::STANDARD.encode(svg)))
            .collect(),
        pdf_href: href(format!("{}.pdf", kind.code()), lang),
        other_href: href(kind.code().to_owned(), other),
        other_label: page.t(match other {
            Lang::Hi => "documents-in-hindi",
            Lang::En => "documents-in-english",
        }),
        page,
    };
    Ok(Html(body.render()?).into_response())
}
