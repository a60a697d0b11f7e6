//! Derived copies: an image made small enough for the national portal's upload limits (10 MB for
//! evidence, 5 MB for an ID proof). The copy is a new item with its own hash that points to its
//! original; the original's bytes are never touched, and its chain records the copy.

use std::io::Cursor;

use image::codecs::jpeg::JpegEncoder;
use image::imageops::FilterType;
use image::{DynamicImage, ImageReader, Limits};
use sahayak_domain::case::Lang;
use sahayak_domain::evidence::Sha256Hex;
use tokio::io::AsyncReadExt;

use super::access::{EvidenceAction, check};
use super::receive::{Received, ReceivedFile};
use super::sniff::sniff;
use super::spool::Spool;
use crate::cases::access::CaseHandle;
use crate::store::{EvidenceItem, User};
use crate::web::i18n::catalogs;
use crate::web::{AppError, AppState};

/// The portal's limits (its help says "10 MB" and "5 MB"; decimal megabytes are the safe reading).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    Evidence,
    IdProof,
}

impl Target {
    pub fn parse(s: &str) -> Option<Target> {
        match s.trim() {
            "" | "evidence" => Some(Target::Evidence),
            "id_proof" => Some(Target::IdProof),
            _ => None,
        }
    }

    pub fn max_bytes(self) -> usize {
        match self {
            Target::Evidence => 10_000_000,
            Target::IdProof => 5_000_000,
        }
    }

    fn key(self) -> &'static str {
        match self {
            Target::Evidence => "evidence-derived-portal",
            Target::IdProof => "evidence-derived-id-proof",
        }
    }
}

/// Images larger than this are not decoded here (a camera photo is far smaller).
const MAX_SOURCE_BYTES: i64 = 200 << 20;

pub async fn portal_copy(
    state: &AppState,
    user: &User,
    handle: &CaseHandle,
    id: i64,
    target: &str,
    lang: Lang,
) -> Result<EvidenceItem, AppError> {
    check(user, handle, EvidenceAction::Add)?;
    let target = Target::parse(target).ok_or_else(|| AppError::invalid("target", "error-choice"))?;
    let original = state.store.evidence_item(handle.id(), id).await?;
    if !matches!(original.mime.as_str(), "image/jpeg" | "image/png" | "image/webp")
        || original.size_bytes > MAX_SOURCE_BYTES
    {
        return Err(AppError::invalid("target", "evidence-error-not-image"));
    }
    if original.size_bytes as usize <= target.max_bytes() && original.mime != "image/webp" {
        return Err(AppError::invalid("target", "evidence-error-already-small"));
    }
    let sha: Sha256Hex = original.sha256.parse().map_err(|_| AppError::NotFound)?;
    let mut bytes = Vec::with_capacity(original.size_bytes as usize);
    state
        .evidence
        .blobs()
        .get(&sha)
        .await
        .map_err(|e| AppError::Internal(anyhow::Error::new(e).context("reading an image to shrink")))?
        .read_to_end(&mut bytes)
        .await
        .map_err(|e| AppError::Internal(e.into()))?;
    let max = target.max_bytes();
    let jpeg = tokio::task::spawn_blocking(move || shrink(&bytes, max))
        .await
        .map_err(|e| AppError::Internal(e.into()))?
        .map_err(|_| AppError::invalid("target", "evidence-error-not-image"))?;
    let mut spool = Spool::create(state.evidence.spool_dir()).await.map_err(|e| AppError::Internal(e.into()))?;
    spool.write(&jpeg).await.map_err(|e| AppError::Internal(e.into()))?;
    let spooled = spool.finish().await.map_err(|e| AppError::Internal(e.into()))?;
    let stem = original.original_name.rsplit_once('.').map_or(original.original_name.as_str(), |(s, _)| s);
    let mut details = super::input::DetailsInput::default();
    let description = catalogs().get_with(lang, target.key(), &[("item", original.id.into())]);
    details.set("description", description);
    details.set("derived_from", original.id.to_string());
    let file = ReceivedFile { mime: sniff(&spooled.head), spooled, original_name: format!("{stem}-portal.jpg") };
    let mut items = super::service::add(state, user, handle, Received { files: vec![file], details }).await?;
    items.pop().ok_or_else(|| AppError::Internal(anyhow::anyhow!("no item recorded")))
}

/// Re-encodes as JPEG, lowering quality and then size until it fits in `max` bytes.
pub fn shrink(bytes: &[u8], max: usize) -> Result<Vec<u8>, image::ImageError> {
    let mut reader = ImageReader::new(Cursor::new(bytes)).with_guessed_format()?;
    let mut limits = Limits::default();
    limits.max_alloc = Some(1 << 30);
    reader.limits(limits);
    let mut img = DynamicImage::ImageRgb8(reader.decode()?.to_rgb8());
    for _ in 0..12 {
        for quality in [90, 80, 70] {
            let mut out = Vec::new();
            img.write_with_encoder(JpegEncoder::new_with_quality(&mut out, quality))?;
            if out.len() <= max {
                return Ok(out);
            }
        }
        let (w, h) = (img.width() * 4 / 5, img.height() * 4 / 5);
        img = img.resize(w.max(1), h.max(1), FilterType::Triangle);
    }
    Err(image::ImageError::Limits(image::error::LimitError::from_kind(image::error::LimitErrorKind::DimensionError)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_noisy_image_shrinks_under_the_limit() {
        let mut img = image::RgbImage::new(900, 700);
        let mut x: u32 = 12345;
        for p in img.pixels_mut() {
            x = x.wrapping_mul(1_103_515_245).wrapping_add(12345);
            *p = image::Rgb([(x >> 16) as u8, (x >> 8) as u8, x as u8]);
        }
        let mut png = Vec::new();
        DynamicImage::ImageRgb8(img).write_to(&mut Cursor::new(&mut png), image::ImageFormat::Png).unwrap();
        let out = shrink(&png, 200_000).unwrap();
        assert!(out.len() <= 200_000);
        assert_eq!(sniff(&out), "image/jpeg");
    }
}
