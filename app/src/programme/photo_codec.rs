//! Speaker photos on the server (`image` crate, JPEG/PNG/WebP only): an upload is checked
//! by its content (never its name or declared type), its header read before any pixel is
//! decoded (a decompression bomb is refused by its size), then decoded under memory limits,
//! turned upright, scaled down and re-encoded as a JPEG without metadata. Also the GET
//! route that serves a stored photo (`/photos/<id>-<hash>.jpg`).

use super::photo::{PhotoProblem, MAX_INPUT_SIDE, MAX_UPLOAD_BYTES, MIN_SIDE, STORED_SIDE};
use crate::state::AppState;
use crate::store::speakers as store;
use axum::extract::{Path, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use image::imageops::FilterType;
use image::{DynamicImage, ImageDecoder, ImageError, ImageFormat, ImageReader, Limits, RgbImage};
use sha2::{Digest, Sha256};
use std::io::Cursor;

/// Most memory the decoder may use for one image (an 8000×6000 RGB photo needs 144 MB).
pub const MAX_DECODE_BYTES: u64 = 200 * 1024 * 1024;
/// JPEG quality of the stored photo.
const QUALITY: u8 = 85;
/// The content type of every stored photo.
pub const CONTENT_TYPE: &str = "image/jpeg";

/// A re-encoded photo, ready to store.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Processed {
    pub bytes: Vec<u8>,
    pub width: u32,
    pub height: u32,
    /// The first 16 hex digits of the bytes' SHA-256 (names the served file).
    pub hash: String,
}

fn problem_of(e: &ImageError) -> PhotoProblem {
    match e {
        ImageError::Limits(_) => PhotoProblem::TooManyPixels,
        _ => PhotoProblem::NotAnImage,
    }
}

/// `img` without transparency: transparent parts become white (JPEG has no alpha).
fn flatten(img: DynamicImage) -> RgbImage {
    if !img.color().has_alpha() {
        return img.to_rgb8();
    }
    let rgba = img.to_rgba8();
    RgbImage::from_fn(rgba.width(), rgba.height(), |x, y| {
        let p = rgba.get_pixel(x, y).0;
        let a = u16::from(p[3]);
        let mix = |c: u8| ((u16::from(c) * a + 255 * (255 - a) + 127) / 255) as u8;
        image::Rgb([mix(p[0]), mix(p[1]), mix(p[2])])
    })
}

/// Checks and re-encodes an upload: a JPEG of at most [`STORED_SIDE`] pixels a side, upright,
/// without metadata. CPU-heavy: call it off the async threads.
pub fn process(bytes: &[u8]) -> Result<Processed, PhotoProblem> {
    if bytes.len() > MAX_UPLOAD_BYTES {
        return Err(PhotoProblem::TooLarge);
    }
    if bytes.is_empty() {
        return Err(PhotoProblem::Missing);
    }
    let format = image::guess_format(bytes).map_err(|_| PhotoProblem::NotAnImage)?;
    if !matches!(
        format,
        ImageFormat::Jpeg | ImageFormat::Png | ImageFormat::WebP
    ) {
        return Err(PhotoProblem::NotAnImage);
    }
    let mut limits = Limits::default();
    limits.max_image_width = Some(MAX_INPUT_SIDE);
    limits.max_image_height = Some(MAX_INPUT_SIDE);
    limits.max_alloc = Some(MAX_DECODE_BYTES);
    let mut reader = ImageReader::with_format(Cursor::new(bytes), format);
    reader.limits(limits);
    // Only the header is read here; the limits above refuse a too large declared size.
    let mut decoder = reader.into_decoder().map_err(|e| problem_of(&e))?;
    let (w, h) = decoder.dimensions();
    if w > MAX_INPUT_SIDE || h > MAX_INPUT_SIDE || decoder.total_bytes() > MAX_DECODE_BYTES {
        return Err(PhotoProblem::TooManyPixels);
    }
    if w < MIN_SIDE || h < MIN_SIDE {
        return Err(PhotoProblem::TooSmall);
    }
    let orientation = decoder
        .orientation()
        .unwrap_or(image::metadata::Orientation::NoTransforms);
    let mut img = DynamicImage::from_decoder(decoder).map_err(|e| problem_of(&e))?;
    img.apply_orientation(orientation);
    if img.width() > STORED_SIDE || img.height() > STORED_SIDE {
        // A fast first step for large photos, then a good filter for the last one.
        if img.width() > 2 * STORED_SIDE || img.height() > 2 * STORED_SIDE {
            img = img.thumbnail(2 * STORED_SIDE, 2 * STORED_SIDE);
        }
        img = img.resize(STORED_SIDE, STORED_SIDE, FilterType::CatmullRom);
    }
    let rgb = flatten(img);
    let mut out = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, QUALITY)
        .encode_image(&rgb)
        .map_err(|e| {
            tracing::error!("photo re-encoding: {e}");
            PhotoProblem::NotAnImage
        })?;
    let hash = hex::encode(Sha256::digest(&out))[..16].to_string();
    Ok(Processed {
        width: rgb.width(),
        height: rgb.height(),
        bytes: out,
        hash,
    })
}

fn not_found() -> Response {
    (
        StatusCode::NOT_FOUND,
        [(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"))],
    )
        .into_response()
}

/// `GET /photos/<speaker id>-<hash>.jpg`: the stored photo while `hash` is its current
/// one (then it never changes: cached for a year), else 404.
pub async fn serve(State(state): State<AppState>, Path(file): Path<String>) -> Response {
    let Some((id, hash)) = file
        .strip_suffix(".jpg")
        .and_then(|stem| stem.split_once('-'))
    else {
        return not_found();
    };
    let Ok(id) = id.parse::<i64>() else {
        return not_found();
    };
    if hash.len() != 16 || !hash.bytes().all(|b| b.is_ascii_hexdigit()) {
        return not_found();
    }
    match store::photo(&state.db, id).await {
        Ok(Some(p)) if p.hash == hash => (
            [
                (
                    header::CONTENT_TYPE,
                    HeaderValue::from_str(&p.content_type)
                        .unwrap_or(HeaderValue::from_static(CONTENT_TYPE)),
                ),
                (
                    header::CACHE_CONTROL,
                    HeaderValue::from_static("public, max-age=31536000, immutable"),
                ),
                (
                    header::X_CONTENT_TYPE_OPTIONS,
                    HeaderValue::from_static("nosniff"),
                ),
                (
                    header::CONTENT_DISPOSITION,
                    HeaderValue::from_static("inline"),
                ),
            ],
            p.bytes,
        )
            .into_response(),
        Ok(_) => not_found(),
        Err(e) => {
            tracing::error!("photo {id}: {e}");
            StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn png(w: u32, h: u32, alpha: bool) -> Vec<u8> {
        let img = if alpha {
            DynamicImage::ImageRgba8(image::RgbaImage::from_fn(w, h, |x, _| {
                image::Rgba([200, 10, 10, if x < w / 2 { 0 } else { 255 }])
            }))
        } else {
            DynamicImage::ImageRgb8(RgbImage::from_fn(w, h, |x, y| {
                image::Rgb([(x % 256) as u8, (y % 256) as u8, 90])
            }))
        };
        let mut out = Cursor::new(Vec::new());
        img.write_to(&mut out, ImageFormat::Png).unwrap();
        out.into_inner()
    }

    #[test]
    fn a_large_png_becomes_a_small_jpeg() {
        let p = process(&png(1200, 600, false)).unwrap();
        assert_eq!((p.width, p.height), (400, 200));
        assert_eq!(
            image::guess_format(&p.bytes).unwrap(),
            ImageFormat::Jpeg,
            "re-encoded"
        );
        assert_eq!(p.hash.len(), 16);
        // The same input gives the same file name.
        assert_eq!(process(&png(1200, 600, false)).unwrap().hash, p.hash);
    }

    #[test]
    fn a_small_enough_photo_keeps_its_size_and_transparency_turns_white() {
        let p = process(&png(120, 150, true)).unwrap();
        assert_eq!((p.width, p.height), (120, 150));
        let back = image::load_from_memory(&p.bytes).unwrap().to_rgb8();
        let left = back.get_pixel(5, 5).0;
        assert!(
            left.iter().all(|c| *c > 240),
            "white where transparent: {left:?}"
        );
    }

    #[test]
    fn exif_orientation_is_applied_and_the_metadata_dropped() {
        // A landscape JPEG whose Exif says "rotate 90° clockwise" (orientation 6).
        let exif: Vec<u8> = vec![
            b'M', b'M', 0, 42, 0, 0, 0, 8, // big-endian TIFF header, first IFD at 8
            0, 1, // one entry
            0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, 6, 0, 0, // Orientation, SHORT, 1, value 6
            0, 0, 0, 0, // no next IFD
        ];
        let img = RgbImage::from_fn(300, 150, |x, _| image::Rgb([(x % 256) as u8, 80, 160]));
        let mut jpeg = Vec::new();
        let mut enc = image::codecs::jpeg::JpegEncoder::new_with_quality(&mut jpeg, 90);
        image::ImageEncoder::set_exif_metadata(&mut enc, exif).unwrap();
        enc.encode_image(&img).unwrap();
        assert!(
            jpeg.windows(4).any(|w| w == b"Exif"),
            "the test input has Exif"
        );
        let p = process(&jpeg).unwrap();
        assert_eq!((p.width, p.height), (150, 300), "turned upright");
        assert!(
            !p.bytes.windows(4).any(|w| w == b"Exif"),
            "no Exif in the output"
        );
    }

    #[test]
    fn refusals() {
        assert_eq!(process(&[]), Err(PhotoProblem::Missing));
        assert_eq!(process(b"GIF89a not ours"), Err(PhotoProblem::NotAnImage));
        assert_eq!(
            process(b"<svg xmlns=\"http://www.w3.org/2000/svg\"/>"),
            Err(PhotoProblem::NotAnImage)
        );
        let mut truncated = png(300, 300, false);
        truncated.truncate(truncated.len() / 2);
        assert_eq!(process(&truncated), Err(PhotoProblem::NotAnImage));
        assert_eq!(process(&png(99, 300, false)), Err(PhotoProblem::TooSmall));
        assert_eq!(
            process(&png(MAX_INPUT_SIDE + 1, 100, false)),
            Err(PhotoProblem::TooManyPixels)
        );
        assert_eq!(
            process(&vec![0u8; MAX_UPLOAD_BYTES + 1]),
            Err(PhotoProblem::TooLarge)
        );
    }
}
