//! The coordinator's bulk mail to a filtered selection of registrations, shared with the
//! browser: the subject and body as typed, their placeholders (`{first_name}`,
//! `{event_title}`, `{manage_link}`; anything else in braces is refused with a field
//! error), filling them in for one person, and what the preview shows.

use crate::i18n::T;
use serde::{Deserialize, Serialize};

/// The placeholders a bulk mail may use.
pub const PLACEHOLDERS: [&str; 3] = ["first_name", "event_title", "manage_link"];

/// Longest subject and body, in characters.
pub const SUBJECT_MAX: usize = 200;
pub const BODY_MAX: usize = 10_000;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, PartialOrd, Ord)]
pub enum BulkField {
    Subject,
    Body,
}

impl BulkField {
    pub fn name(self) -> &'static str {
        match self {
            BulkField::Subject => "subject",
            BulkField::Body => "body",
        }
    }
}

/// Validation errors of a bulk mail by field.
pub type BulkErrors = crate::domain::FieldErrors<BulkField>;

/// The parts of a text: literal text and placeholders (by name).
#[derive(Clone, Debug, PartialEq, Eq)]
enum Part<'a> {
    Text(&'a str),
    Placeholder(&'a str),
}

/// Splits `text` at its placeholders; `Err` for a `{…}` that is not one of ours, or a
/// brace without its partner.
fn parts(text: &str) -> Result<Vec<Part<'_>>, T> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(open) = rest.find(['{', '}']) {
        if rest[open..].starts_with('}') {
            return Err(T::CoordBulkErrPlaceholder);
        }
        let close = rest[open..].find('}').ok_or(T::CoordBulkErrPlaceholder)? + open;
        let name = &rest[open + 1..close];
        if !PLACEHOLDERS.contains(&name) {
            return Err(T::CoordBulkErrPlaceholder);
        }
        out.push(Part::Text(&rest[..open]));
        out.push(Part::Placeholder(name));
        rest = &rest[close + 1..];
    }
    out.push(Part::Text(rest));
    Ok(out)
}

/// A subject: 1..=200 characters on one line, placeholders known.
pub fn check_subject(raw: &str) -> Result<(), T> {
    let s = raw.trim();
    if s.is_empty() {
        return Err(T::ErrRequired);
    }
    if s.chars().count() > SUBJECT_MAX {
        return Err(T::ErrTooLong);
    }
    if s.chars().any(|c| c.is_control()) {
        return Err(T::ErrInvalidChars);
    }
    parts(s).map(|_| ())
}

/// A body: 1..=10,000 characters, placeholders known.
pub fn check_body(raw: &str) -> Result<(), T> {
    let s = raw.trim();
    if s.is_empty() {
        return Err(T::ErrRequired);
    }
    if s.chars().count() > BODY_MAX {
        return Err(T::ErrTooLong);
    }
    if s.chars()
        .any(|c| c.is_control() && c != '\n' && c != '\r' && c != '\t')
    {
        return Err(T::ErrInvalidChars);
    }
    parts(s).map(|_| ())
}

/// Checks both fields.
pub fn validate(subject: &str, body: &str) -> Result<(), BulkErrors> {
    let mut e = BulkErrors::default();
    e.check(BulkField::Subject, check_subject(subject));
    e.check(BulkField::Body, check_body(body));
    e.or_ok(())
}

/// What the placeholders stand for, for one person.
pub struct Values<'a> {
    pub first_name: &'a str,
    pub event_title: &'a str,
    pub manage_link: &'a str,
}

/// `text` (checked) with its placeholders filled in; trimmed. An unchecked text with a
/// bad placeholder keeps it as typed.
pub fn fill(text: &str, v: &Values<'_>) -> String {
    let text = text.trim();
    let Ok(parts) = parts(text) else {
        return text.to_string();
    };
    parts
        .into_iter()
        .map(|p| match p {
            Part::Text(t) => t,
            Part::Placeholder("first_name") => v.first_name,
            Part::Placeholder("event_title") => v.event_title,
            Part::Placeholder(_) => v.manage_link,
        })
        .collect()
}

/// Whether `text` uses `{manage_link}` (each recipient then gets a fresh personal link).
pub fn uses_manage_link(text: &str) -> bool {
    parts(text.trim()).is_ok_and(|p| p.contains(&Part::Placeholder("manage_link")))
}

/// The preview: how many people get the mail, and the mail as the first of them gets it
/// (the personal link shown as a stand-in: none is made for a preview).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BulkPreview {
    pub recipients: u64,
    /// The first recipient's address, if any.
    pub first: Option<String>,
    pub subject: String,
    pub body: String,
    /// The subject and body as typed (what the send form posts again).
    pub subject_template: String,
    pub body_template: String,
    /// Whether this answer is the sending (true) or only the preview.
    pub sent: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values() -> Values<'static> {
        Values {
            first_name: "Anna",
            event_title: "Ontmoeten",
            manage_link: "https://x/m/t",
        }
    }

    #[test]
    fn fills_every_placeholder() {
        let t = "Dag {first_name}, {event_title}: {manage_link} ({first_name})";
        assert_eq!(check_body(t), Ok(()));
        assert_eq!(
            fill(t, &values()),
            "Dag Anna, Ontmoeten: https://x/m/t (Anna)"
        );
        assert!(uses_manage_link(t));
        assert!(!uses_manage_link("Dag {first_name}"));
    }

    #[test]
    fn refuses_unknown_or_broken_placeholders() {
        for bad in [
            "Dag {voornaam}",
            "Dag {first_name",
            "Dag first_name}",
            "{}",
            "{ first_name }",
        ] {
            assert_eq!(check_body(bad), Err(T::CoordBulkErrPlaceholder), "{bad}");
        }
        assert_eq!(check_subject(""), Err(T::ErrRequired));
        assert_eq!(check_subject("a\nb"), Err(T::ErrInvalidChars));
        assert_eq!(
            validate("{x}", " ").unwrap_err().0,
            vec![
                (BulkField::Subject, T::CoordBulkErrPlaceholder),
                (BulkField::Body, T::ErrRequired)
            ]
        );
    }
}
