//! Reading an upload: a `multipart/form-data` body with one or more parts named `file` and the
//! capture details as text parts. Files stream into spool files (hashed as they arrive, limits
//! checked as they grow); nothing is recorded until the whole body has been read.

use axum::extract::{FromRequest, Multipart, Request};
use axum::http::{HeaderMap, header};
use unicode_normalization::UnicodeNormalization;

use super::Vault;
use super::input::{DetailsInput, FIELDS};
use super::sniff::sniff;
use super::spool::{Spool, Spooled};
use crate::web::AppError;
use crate::web::session::same_secret;

/// One received file, complete and hashed, not yet stored.
pub struct ReceivedFile {
    pub spooled: Spooled,
    pub mime: &'static str,
    /// As the sender named it: kept as a fact about the file, never used as a path.
    pub original_name: String,
}

pub struct Received {
    pub files: Vec<ReceivedFile>,
    pub details: DetailsInput,
}

/// A multipart body; anything else is refused as an unsupported media type.
pub struct Upload(pub Multipart);

impl<S: Send + Sync> FromRequest<S> for Upload {
    type Rejection = AppError;

    async fn from_request(req: Request, state: &S) -> Result<Self, AppError> {
        let multipart = req
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.to_ascii_lowercase().starts_with("multipart/form-data"));
        if !multipart {
            return Err(AppError::BadRequest("error-media-type"));
        }
        Multipart::from_request(req, state).await.map(Upload).map_err(|_| AppError::BadRequest("error-bad-request"))
    }
}

/// What a text part may hold.
const MAX_TEXT_PART: usize = 16 * 1024;
/// What all text parts together may hold, and how many parts (files included) one upload may
/// have: the form has a dozen fields, and files are counted by their own limits.
const MAX_TEXT_TOTAL: usize = 256 * 1024;
const MAX_PARTS: usize = 1_000;

/// Refuses at once a body that announces more than the case has room for.
pub fn check_announced_size(headers: &HeaderMap, room: u64) -> Result<(), AppError> {
    let announced =
        headers.get(header::CONTENT_LENGTH).and_then(|v| v.to_str().ok()).and_then(|v| v.parse::<u64>().ok());
    // The multipart framing and the text parts take some bytes besides the files.
    match announced {
        Some(n) if n > room.saturating_add(1 << 20) => Err(AppError::TooLarge("evidence-error-case-full")),
        _ => Ok(()),
    }
}

/// Reads the whole upload. `room` is how many bytes of files the case may still take. From a
/// browser (`csrf` is the session's anti-forgery token: a staff member's or a victim's), the
/// form's token must come before any file, so that a forged post never writes a byte.
pub async fn receive(
    Upload(mut mp): Upload,
    vault: &Vault,
    room: u64,
    csrf: Option<&str>,
) -> Result<Received, AppError> {
    let mut files = Vec::new();
    let mut details = DetailsInput::default();
    let mut csrf_ok = csrf.is_none();
    let mut total: u64 = 0;
    let (mut parts, mut text_total) = (0usize, 0usize);
    while let Some(mut field) = mp.next_field().await.map_err(broken)? {
        parts += 1;
        if parts > MAX_PARTS {
            return Err(AppError::TooLarge("error-too-large"));
        }
        let name = field.name().unwrap_or_default().to_owned();
        if name == "file" && field.file_name().is_some() {
            if !csrf_ok {
                return Err(AppError::Csrf);
            }
            let original_name = clean_name(field.file_name().unwrap_or_default());
            let mut spool = Spool::create(vault.spool_dir()).await.map_err(internal)?;
            while let Some(chunk) = field.chunk().await.map_err(broken)? {
                if spool.size() + chunk.len() as u64 > vault.max_file_bytes {
                    return Err(AppError::TooLarge("evidence-error-file-too-large"));
                }
                total += chunk.len() as u64;
                if total > room {
                    return Err(AppError::TooLarge("evidence-error-case-full"));
                }
                spool.write(&chunk).await.map_err(internal)?;
            }
            if spool.size() == 0 {
                // A file input left empty still sends a part with no name and no bytes.
                continue;
            }
            let spooled = spool.finish().await.map_err(internal)?;
            let mime = sniff(&spooled.head);
            files.push(ReceivedFile { spooled, mime, original_name });
            continue;
        }
        let mut value = Vec::new();
        while let Some(chunk) = field.chunk().await.map_err(broken)? {
            value.extend_from_slice(&chunk);
            text_total += chunk.len();
            if value.len() > MAX_TEXT_PART || text_total > MAX_TEXT_TOTAL {
                return Err(AppError::TooLarge("error-too-large"));
            }
        }
        let Some(known) = FIELDS.iter().find(|f| **f == name) else {
            if name == "file" {
                continue; // a file input left empty, sent without a file name
            }
            // A part the form does not have is refused by name, as JSON bodies refuse fields.
            return Err(AppError::InvalidBody(vec![(name.chars().take(60).collect(), "error-field-unknown")]));
        };
        let value = String::from_utf8(value).map_err(|_| AppError::BadRequest("error-bad-request"))?;
        if value.contains('\0') {
            return Err(AppError::BadRequest("error-bad-request"));
        }
        if *known == "csrf" {
            if let Some(expected) = csrf {
                if !same_secret(expected, &value) {
                    return Err(AppError::Csrf);
                }
                csrf_ok = true;
            }
            continue;
        }
        details.set(known, value);
    }
    if !csrf_ok {
        return Err(AppError::Csrf);
    }
    Ok(Received { files, details })
}

/// The body ended early or is not valid multipart (a client that went away, a proxy cutting
/// it off): whatever was spooled is dropped, and deleted with it.
fn broken(e: axum::extract::multipart::MultipartError) -> AppError {
    tracing::info!(error = %e, "upload did not arrive whole");
    AppError::BadRequest("evidence-error-upload-broken")
}

fn internal(e: std::io::Error) -> AppError {
    AppError::Internal(anyhow::Error::new(e).context("spooling an upload"))
}

/// The last part of a sent file name, without control characters, at most 200 characters.
pub fn clean_name(name: &str) -> String {
    let last = name.rsplit(['/', '\\']).next().unwrap_or_default();
    let clean: String = last.nfc().filter(|c| !c.is_control()).take(200).collect();
    let clean = clean.trim();
    if clean.is_empty() || clean == "." || clean == ".." { "file".to_owned() } else { clean.to_owned() }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sent_names_are_kept_as_text_only() {
        assert_eq!(clean_name("../../etc/passwd"), "passwd");
        assert_eq!(clean_name("C:\\Users\\me\\स्क्रीनशॉट 1.png"), "स्क्रीनशॉट 1.png");
        assert_eq!(clean_name("a\u{0}b\nc.txt"), "abc.txt");
        assert_eq!(clean_name(".."), "file");
        assert_eq!(clean_name(""), "file");
    }
}
