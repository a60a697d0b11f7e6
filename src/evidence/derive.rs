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

/// Image files larger than this are not decoded here (a camera photo is far smaller).
const MAX_SOURCE_BYTES: i64 = 200 << 20;
/// The most pixels an image may declare to be decoded here: a 50-megapixel camera's photo.
/// Checked from the file's header before anything is decoded.
pub const MAX_PIXELS: u64 = 50_000_000;
/// The most memory the decoder may hold at once (a 50 MP photo as 8-bit RGBA is 200 MB).
const MAX_DECODE_BYTES: u64 = 256 << 20;
/// The longest side of a copy: the portal shows screenshots and photos, not posters. An image
/// above it is cut down once, by the fast thumbnail path, before any re-encoding.
pub const MAX_SIDE: u32 = 4096;
/// Sizes tried before giving up.
const MAX_STEPS: usize = 8;

/// Why no copy was made.
#[derive(Debug, thiserror::Error)]
pub enum ShrinkError {
    #[error("not an image that can be read: {0}")]
    NotImage(#[from] image::ImageError),
    #[error("more pixels than allowed: {0}")]
    TooManyPixels(u64),
    #[error("no size fits under the limit")]
    CannotFit,
}

impl ShrinkError {
    fn key(&self) -> &'static str {
        match self {
            ShrinkError::TooManyPixels(_) => "evidence-error-image-too-large",
            ShrinkError::NotImage(_) | ShrinkError::CannotFit => "evidence-error-not-image",
        }
    }
}

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
    // The worker is taken before the file is read: only work that runs holds an image in memory.
    let turn = state.workers.turn().await?;
    let mut bytes = Vec::with_capacity(original.size_bytes as usize);
    state
        .evidence
        .blobs()
        .get(&sha)
        .await
        .map_err(|e| AppError::Internal(anyhow::Error::new(e).context("reading an image to shrink")))?
        .take(MAX_SOURCE_BYTES as u64)
        .read_to_end(&mut bytes)
        .await
        .map_err(|e| AppError::Internal(e.into()))?;
    let max = target.max_bytes();
    let jpeg = turn.run(move || shrink(&bytes, max)).await?.map_err(|e| {
        tracing::info!(case_id = handle.id(), item = original.id, error = %e, "no portal copy made");
        AppError::invalid("target", e.key())
    })?;
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

/// A reader of `bytes`; `decoding`: with the memory limit (a header alone is read without one,
/// since some decoders measure the whole image against it before saying its size).
fn reader(bytes: &[u8], decoding: bool) -> Result<ImageReader<Cursor<&[u8]>>, ShrinkError> {
    let mut reader = ImageReader::new(Cursor::new(bytes)).with_guessed_format().map_err(image::ImageError::IoError)?;
    if decoding {
        let mut limits = Limits::default();
        limits.max_alloc = Some(MAX_DECODE_BYTES);
        reader.limits(limits);
    } else {
        reader.no_limits();
    }
    Ok(reader)
}

/// Re-encodes as JPEG under `max` bytes: the declared size is checked before decoding, a
/// large image is first cut to [`MAX_SIDE`], then quality and size are lowered until it fits.
pub fn shrink(bytes: &[u8], max: usize) -> Result<Vec<u8>, ShrinkError> {
    let (width, height) = reader(bytes, false)?.into_dimensions()?;
    let pixels = u64::from(width) * u64::from(height);
    if pixels > MAX_PIXELS {
        return Err(ShrinkError::TooManyPixels(pixels));
    }
    let decoded = reader(bytes, true)?.decode()?;
    let mut img = if width.max(height) > MAX_SIDE {
        DynamicImage::ImageRgb8(decoded.thumbnail(MAX_SIDE, MAX_SIDE).to_rgb8())
    } else {
        DynamicImage::ImageRgb8(decoded.to_rgb8())
    };
    for _ in 0..MAX_STEPS {
        let mut smallest = usize::MAX;
        for quality in [90, 80, 70] {
            let mut out = Vec::new();
            img.write_with_encoder(JpegEncoder::new_with_quality(&mut out, quality))?;
            if out.len() <= max {
                return Ok(out);
            }
            smallest = smallest.min(out.len());
        }
        // JPEG size goes roughly with the pixel count: aim a little under the limit.
        let scale = ((max as f64 / smallest as f64).sqrt() * 0.9).clamp(0.3, 0.85);
        let (w, h) = ((f64::from(img.width()) * scale) as u32, (f64::from(img.height()) * scale) as u32);
        img = img.resize(w.max(1), h.max(1), FilterType::Triangle);
    }
    Err(ShrinkError::CannotFit)
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

    #[test]
    fn an_image_declaring_too_many_pixels_is_refused_before_decoding() {
        // 18000 × 18000 declared in a file of a few dozen bytes: refused from its header.
        let png = test_png(18_000, 18_000);
        assert!(png.len() < 100);
        assert!(matches!(shrink(&png, 1_000_000), Err(ShrinkError::TooManyPixels(324_000_000))));
        assert!(matches!(shrink(b"not an image", 1_000_000), Err(ShrinkError::NotImage(_))));
    }

    #[test]
    fn a_large_image_is_cut_to_the_longest_side_first() {
        let img = image::RgbImage::from_fn(MAX_SIDE + 904, 600, |x, y| image::Rgb([x as u8, y as u8, 7]));
        let mut png = Vec::new();
        DynamicImage::ImageRgb8(img).write_to(&mut Cursor::new(&mut png), image::ImageFormat::Png).unwrap();
        let out = shrink(&png, 10_000_000).unwrap();
        let copy = image::load_from_memory(&out).unwrap();
        assert_eq!(copy.width(), MAX_SIDE);
    }

    /// A PNG declaring `w` × `h` whose pixel data is only the start of a compressed stream.
    pub(crate) fn test_png(w: u32, h: u32) -> Vec<u8> {
        let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
        let mut chunk = |kind: &[u8], data: &[u8]| {
            let body = [kind, data].concat();
            png.extend_from_slice(&(data.len() as u32).to_be_bytes());
            png.extend_from_slice(&body);
            png.extend_from_slice(&crc32(&body).to_be_bytes());
        };
        chunk(b"IHDR", &[&w.to_be_bytes()[..], &h.to_be_bytes(), &[8, 2, 0, 0, 0]].concat());
        chunk(b"IDAT", &[0x78, 0x9c]);
        chunk(b"IEND", &[]);
        png
    }

    fn crc32(data: &[u8]) -> u32 {
        let mut crc = !0u32;
        for &b in data {
            crc ^= u32::from(b);
            for _ in 0..8 {
                crc = if crc & 1 == 1 { (crc >> 1) ^ 0xEDB8_8320 } else { crc >> 1 };
            }
        }
        !crc
    }
}
