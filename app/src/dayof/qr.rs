//! The check-in QR code (server only, `qrcode` crate): a PNG for the confirmation mail (an
//! inline `cid:` image: mail clients show it where they strip inline SVG and data URIs)
//! and an SVG for the manage page, rendered on the server so the browser bundle has no QR code.

use image::{ImageFormat, Luma};
use qrcode::render::svg;
use qrcode::{EcLevel, QrCode};

/// The Content-ID of the QR image in a mail (`<img src="cid:…">`).
pub const MAIL_CID: &str = "checkin-qr@tafelronde";

#[derive(Debug, thiserror::Error)]
pub enum QrError {
    #[error("qr code: {0}")]
    Encode(#[from] qrcode::types::QrError),
    #[error("png: {0}")]
    Png(#[from] image::ImageError),
}

fn code(text: &str) -> Result<QrCode, QrError> {
    // Level M: survives a crease or a smudged phone screen, still a small code for a URL.
    Ok(QrCode::with_error_correction_level(
        text.as_bytes(),
        EcLevel::M,
    )?)
}

/// `text` as a black-on-white PNG of at least 240 × 240 pixels, with the quiet zone.
pub fn png(text: &str) -> Result<Vec<u8>, QrError> {
    let img = code(text)?
        .render::<Luma<u8>>()
        .min_dimensions(240, 240)
        .build();
    let mut out = std::io::Cursor::new(Vec::new());
    img.write_to(&mut out, ImageFormat::Png)?;
    Ok(out.into_inner())
}

/// `text` as an inline SVG element (one path, one unit per module; CSS gives the size),
/// hidden from screen readers: the page labels the element around it.
pub fn svg(text: &str) -> Result<String, QrError> {
    let raw = code(text)?
        .render::<svg::Color<'_>>()
        .module_dimensions(1, 1)
        .build();
    let start = raw.find("<svg").unwrap_or(0);
    Ok(raw[start..].replacen(
        "<svg ",
        r#"<svg class="qr" aria-hidden="true" focusable="false" "#,
        1,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn png_and_svg_are_made() {
        let url = "https://x.be/coordinator/events/demo/checkin/0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
        let p = png(url).unwrap();
        assert_eq!(&p[1..4], b"PNG");
        let s = svg(url).unwrap();
        assert!(
            s.starts_with("<svg class=\"qr\" aria-hidden=\"true\""),
            "{s}"
        );
        assert!(s.ends_with("</svg>"));
    }
}
