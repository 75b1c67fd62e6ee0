//! Speaker photos (browser-safe part): the limits an upload must meet, what can be wrong
//! with one (its message in the user's language, its code in the page address after a
//! refusal), and the reference a page needs to show a stored photo. The decoding and
//! re-encoding is server-only (`photo_codec`).

use crate::i18n::{Lang, T};
use serde::{Deserialize, Serialize};

/// Largest upload accepted, in bytes.
pub const MAX_UPLOAD_BYTES: usize = 5 * 1024 * 1024;
/// Smallest width and height accepted, in pixels.
pub const MIN_SIDE: u32 = 100;
/// Largest width and height accepted, in pixels (a decompression bomb declares more).
pub const MAX_INPUT_SIDE: u32 = 8000;
/// The stored photo fits in a square of this many pixels (aspect kept).
pub const STORED_SIDE: u32 = 400;

/// A stored photo as a page shows it: `url` names the bytes' hash, so it never changes.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PhotoRef {
    pub url: String,
    pub width: u32,
    pub height: u32,
}

impl PhotoRef {
    /// The path a photo is served at: `/photos/<speaker id>-<hash>.jpg`.
    pub fn path(speaker_id: i64, hash: &str) -> String {
        format!("/photos/{speaker_id}-{hash}.jpg")
    }
}

/// Why an upload (or a removal) is refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum PhotoProblem {
    /// No file chosen (an empty file part).
    Missing,
    /// More than [`MAX_UPLOAD_BYTES`].
    TooLarge,
    /// Not a JPEG, PNG or WebP image, or one that cannot be decoded.
    NotAnImage,
    /// Narrower or lower than [`MIN_SIDE`].
    TooSmall,
    /// Wider or higher than [`MAX_INPUT_SIDE`], or too much memory to decode.
    TooManyPixels,
    /// A removal without the confirmation tick.
    NotConfirmed,
}

const PROBLEMS: [(PhotoProblem, &str); 6] = [
    (PhotoProblem::Missing, "missing"),
    (PhotoProblem::TooLarge, "too_large"),
    (PhotoProblem::NotAnImage, "not_image"),
    (PhotoProblem::TooSmall, "too_small"),
    (PhotoProblem::TooManyPixels, "too_many_pixels"),
    (PhotoProblem::NotConfirmed, "not_confirmed"),
];

impl PhotoProblem {
    pub fn message(self) -> T {
        match self {
            PhotoProblem::Missing => T::PhotoErrMissing,
            PhotoProblem::TooLarge => T::PhotoErrTooLarge,
            PhotoProblem::NotAnImage => T::PhotoErrNotImage,
            PhotoProblem::TooSmall => T::PhotoErrTooSmall,
            PhotoProblem::TooManyPixels => T::PhotoErrTooManyPixels,
            PhotoProblem::NotConfirmed => T::PhotoErrConfirmRemove,
        }
    }

    /// The code in the speaker page's address after a refusal (`?photo_error=…`).
    pub fn code(self) -> &'static str {
        PROBLEMS
            .iter()
            .find(|(p, _)| *p == self)
            .map(|(_, c)| *c)
            .unwrap_or("missing")
    }

    pub fn parse(code: &str) -> Option<PhotoProblem> {
        PROBLEMS.iter().find(|(_, c)| *c == code).map(|(p, _)| *p)
    }
}

/// The answer to an upload.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum PhotoOutcome {
    Saved,
    Refused(PhotoProblem),
}

/// Text `key` in `lang` with the limits filled in (`{mb}`, `{min}`, `{max}`, `{side}`).
pub fn photo_text(lang: Lang, key: T) -> String {
    lang.t(key)
        .replace("{mb}", &(MAX_UPLOAD_BYTES / (1024 * 1024)).to_string())
        .replace("{min}", &MIN_SIDE.to_string())
        .replace("{max}", &MAX_INPUT_SIDE.to_string())
        .replace("{side}", &STORED_SIDE.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_name_the_limits() {
        assert_eq!(
            photo_text(Lang::Nl, PhotoProblem::TooLarge.message()),
            "Dit bestand is te groot: hoogstens 5 MB."
        );
        for lang in [Lang::Nl, Lang::En, Lang::Fr] {
            let hint = photo_text(lang, T::SpeakerPhotoHint);
            assert!(
                hint.contains("100×100") && hint.contains("400×400"),
                "{hint}"
            );
            assert!(!hint.contains('{'), "{hint}");
        }
        assert_eq!(PhotoRef::path(7, "00ff"), "/photos/7-00ff.jpg");
        for (p, _) in PROBLEMS {
            assert_eq!(PhotoProblem::parse(p.code()), Some(p));
        }
        assert_eq!(PhotoProblem::parse("<script>"), None);
    }
}
