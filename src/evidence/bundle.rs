//! A case's evidence as one ZIP, streamed: each file is read from storage and written into the
//! archive as the client downloads it (stored, not compressed: photos, videos and PDFs are
//! compressed already; sizes and CRCs follow each file in a data descriptor). At the root,
//! `manifest.sha256` (for `sha256sum -c`) and `index.html` (items, capture details, hashes and
//! custody history, in the language of whoever exported it).

use std::io;

use async_zip::base::write::ZipFileWriter;
use async_zip::{Compression, ZipEntryBuilder};
use axum::body::Body;
use chrono::{Datelike, Timelike};
use futures_util::{AsyncWriteExt, StreamExt};
use sahayak_domain::evidence::Sha256Hex;
use sha2::{Digest, Sha256};
use tokio::io::AsyncReadExt;
use tokio_util::io::ReaderStream;

use super::spool::CHUNK;
use super::storage::BlobStore;
use crate::store::EvidenceItem;

/// One file of the bundle.
pub struct BundleFile {
    /// The path inside the ZIP, made by [`zip_path`].
    pub path: String,
    pub sha256: String,
}

/// `files/<item id>-<name>`: the sent name reduced to characters that are safe in every unzip
/// tool and in `sha256sum`'s manifest (no spaces, slashes, backslashes or newlines).
pub fn zip_path(item: &EvidenceItem) -> String {
    let safe: String = item
        .original_name
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_') { c } else { '_' })
        .take(80)
        .collect();
    let safe = safe.trim_start_matches('.');
    let safe = if safe.is_empty() { "file" } else { safe };
    format!("files/{}-{safe}", item.id)
}

/// The manifest: `<sha256>  <path>` per line, as `sha256sum` writes it, the index included.
pub fn manifest(files: &[BundleFile], index_html: &str) -> String {
    let mut m = String::new();
    for f in files {
        m.push_str(&format!("{}  {}\n", f.sha256, f.path));
    }
    m.push_str(&format!("{}  index.html\n", hex::encode(Sha256::digest(index_html.as_bytes()))));
    m
}

/// Streams the ZIP. A failure half-way (a file that cannot be read) ends the body with an
/// error, so the client sees a broken download rather than a short archive that looks whole.
pub fn stream(blobs: std::sync::Arc<dyn BlobStore>, files: Vec<BundleFile>, index_html: String, at_ms: i64) -> Body {
    let (writer, reader) = tokio::io::duplex(4 * CHUNK);
    let (done_tx, done_rx) = tokio::sync::oneshot::channel::<io::Result<()>>();
    tokio::spawn(async move {
        let result = write_zip(writer, blobs.as_ref(), &files, &index_html, at_ms).await;
        if let Err(e) = &result {
            tracing::error!(error = %e, "evidence bundle stopped half-way");
        }
        let _ = done_tx.send(result);
    });
    let tail = futures_util::stream::once(async move {
        match done_rx.await {
            Ok(Ok(())) => None,
            Ok(Err(e)) => Some(Err(e)),
            Err(_) => Some(Err(io::Error::other("bundle writer stopped"))),
        }
    })
    .filter_map(std::future::ready);
    Body::from_stream(ReaderStream::with_capacity(reader, CHUNK).chain(tail))
}

async fn write_zip(
    writer: tokio::io::DuplexStream,
    blobs: &dyn BlobStore,
    files: &[BundleFile],
    index_html: &str,
    at_ms: i64,
) -> io::Result<()> {
    let zip_err = |e: async_zip::error::ZipError| io::Error::other(e);
    // ZIP times have no zone; the centre reads IST.
    let t = sahayak_domain::time::from_millis(at_ms).with_timezone(&sahayak_domain::time::ist());
    let when = async_zip::ZipDateTimeBuilder::new()
        .year(t.year())
        .month(t.month())
        .day(t.day())
        .hour(t.hour())
        .minute(t.minute())
        .second(t.second())
        .build();
    let entry = |path: &str| {
        ZipEntryBuilder::new(path.to_owned().into(), Compression::Stored)
            .last_modification_date(when)
            .unix_permissions(0o644)
    };
    let mut zip = ZipFileWriter::with_tokio(writer);
    let mut buf = vec![0u8; CHUNK];
    for f in files {
        let sha: Sha256Hex = f.sha256.parse().map_err(io::Error::other)?;
        let mut blob = blobs.get(&sha).await?;
        let mut w = zip.write_entry_stream(entry(&f.path)).await.map_err(zip_err)?;
        loop {
            let n = blob.read(&mut buf).await?;
            if n == 0 {
                break;
            }
            w.write_all(&buf[..n]).await?;
        }
        w.close().await.map_err(zip_err)?;
    }
    let manifest = manifest(files, index_html);
    zip.write_entry_whole(entry("index.html"), index_html.as_bytes()).await.map_err(zip_err)?;
    zip.write_entry_whole(entry("manifest.sha256"), manifest.as_bytes()).await.map_err(zip_err)?;
    let mut inner = zip.close().await.map_err(zip_err)?;
    inner.close().await
}

#[derive(askama::Template)]
#[template(path = "evidence/index.html")]
struct IndexPage {
    lang: &'static str,
    title: String,
    centre: String,
    exported: String,
    t: IndexLabels,
    items: Vec<IndexItem>,
}

struct IndexLabels {
    centre: String,
    exported: String,
    algorithm: String,
    items: String,
    how_to_check: String,
    file: String,
    custody: String,
    when: String,
    who: String,
    what: String,
    why: String,
    hash: String,
}

struct IndexItem {
    id: i64,
    name: String,
    path: String,
    sha256: String,
    facts: Vec<super::views::Fact>,
    custody: Vec<super::views::CustodyRow>,
}

/// Exports a case's evidence: records an "exported" custody entry on every item (so that the
/// bundle's own index shows it), then streams the ZIP. Returns the download's file name.
pub async fn export(
    state: &crate::web::AppState,
    user: &crate::store::User,
    handle: &crate::cases::access::CaseHandle,
    lang: sahayak_domain::case::Lang,
    reason: &str,
) -> Result<(String, Body), crate::web::AppError> {
    use super::access::{EvidenceAction, check};
    check(user, handle, EvidenceAction::Export)?;
    let reason: String = reason.trim().chars().filter(|c| !c.is_control()).take(500).collect();
    let reason = (!reason.is_empty()).then_some(reason);
    let items = state.store.evidence_items(handle.id()).await?;
    let ids: Vec<i64> = items.iter().map(|i| i.id).collect();
    let now = state.now_millis();
    let actor = super::service::actor(user);
    state
        .store
        .record_custody(&ids, sahayak_domain::evidence::CustodyAction::Exported, actor, reason.as_deref(), now)
        .await?;
    let custody = state.store.custody(&ids).await?;
    let page = crate::web::page::Page::anonymous(lang, "");
    let reference = handle.case().reference.clone();
    let files: Vec<BundleFile> =
        items.iter().map(|i| BundleFile { path: zip_path(i), sha256: i.sha256.clone() }).collect();
    let index = IndexPage {
        lang: lang.code(),
        title: page.t1("evidence-index-title", "case", reference.as_str()),
        centre: state.config.centre(page.lang).to_owned(),
        exported: format!("{} · {}", crate::cases::views::when(Some(now)), user.display_name),
        t: IndexLabels {
            centre: page.t("evidence-index-centre"),
            exported: page.t("evidence-index-exported"),
            algorithm: page.t("evidence-index-algorithm"),
            items: page.t("evidence-index-items"),
            how_to_check: page.t("evidence-index-how"),
            file: page.t("evidence-index-file"),
            custody: page.t("evidence-custody"),
            when: page.t("evidence-custody-when"),
            who: page.t("evidence-custody-who"),
            what: page.t("evidence-custody-what"),
            why: page.t("evidence-custody-why"),
            hash: page.t("evidence-custody-hash"),
        },
        items: items
            .iter()
            .zip(&files)
            .map(|(i, f)| IndexItem {
                id: i.id,
                name: i.original_name.clone(),
                path: f.path.clone(),
                sha256: i.sha256.clone(),
                facts: super::views::facts(&page, i),
                custody: super::views::custody_rows(&page, &chain_of(&custody, i.id)),
            })
            .collect(),
    };
    let html = askama::Template::render(&index)?;
    tracing::info!(case_id = handle.id(), items = items.len(), "evidence exported");
    Ok((format!("{reference}-evidence.zip"), stream(state.evidence.shared_blobs(), files, html, now)))
}

fn chain_of(custody: &[sahayak_domain::evidence::Entry], item: i64) -> Vec<sahayak_domain::evidence::Entry> {
    custody.iter().filter(|e| e.item_id == item).cloned().collect()
}

/// The ZIP as a download.
pub fn response(name: &str, body: Body) -> axum::response::Response {
    use axum::http::{HeaderValue, header};
    use axum::response::IntoResponse;
    let mut r = body.into_response();
    let h = r.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static("application/zip"));
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("private, no-store"));
    if let Ok(v) = HeaderValue::from_str(&format!("attachment; filename=\"{name}\"")) {
        h.insert(header::CONTENT_DISPOSITION, v);
    }
    r
}
