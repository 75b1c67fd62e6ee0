//! The speaker view (browser-safe part): what a speaker's personal page shows — their
//! sessions with the running order around them, venue and practical information, the
//! confirmed attendees by organisation type — and their own profile edit with its
//! per-field validation (the same rules as the editor's, contact address excluded).

use super::model::{Field, Problem, SessionView, SpeakerInput, SpeakerView, ValidSpeaker};
use crate::i18n::T;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// The session just before or after one of the speaker's.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Neighbour {
    pub title: String,
    pub starts_at: DateTime<Utc>,
    /// Length in minutes.
    pub minutes: i64,
    /// The speakers' names (may be empty).
    pub speakers: Vec<String>,
}

/// One of the speaker's sessions with who speaks before and after.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SpeakerSlot {
    pub session: SessionView,
    pub minutes: i64,
    pub before: Option<Neighbour>,
    pub after: Option<Neighbour>,
}

/// The speaker's page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SpeakerPage {
    pub speaker: SpeakerView,
    pub event_slug: String,
    pub event_title: String,
    pub event_published: bool,
    pub venue_name: String,
    pub venue_address: String,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub organiser_name: String,
    pub organiser_email: String,
    pub times_illustrative: bool,
    pub slots: Vec<SpeakerSlot>,
    /// (organisation type label, confirmed attendees), largest first.
    pub audience: Vec<(T, i64)>,
}

impl SpeakerPage {
    pub fn audience_total(&self) -> i64 {
        self.audience.iter().map(|(_, n)| n).sum()
    }
}

/// A speaker's own change to their public profile.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProfileInput {
    pub name: String,
    pub role: String,
    pub organisation: String,
    pub bio: String,
}

/// The profile fields, for the form and its messages.
pub const PROFILE_FIELDS: [Field; 4] = [Field::Name, Field::Role, Field::Organisation, Field::Bio];

/// What is wrong with a profile, per field, in field order.
pub type ProfileErrors = crate::domain::FieldErrors<Field>;

/// The answer to a profile change.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum ProfileOutcome {
    Saved,
    Invalid(ProfileErrors),
}

/// The field a problem with a speaker's profile is about.
fn field_of(p: &Problem) -> Field {
    match p {
        Problem::TooLong(f) | Problem::InvalidChars(f) => *f,
        _ => Field::Name,
    }
}

impl ProfileInput {
    pub fn from_pairs(pairs: &[(String, String)]) -> ProfileInput {
        let mut p = ProfileInput::default();
        for (k, v) in pairs {
            match k.as_str() {
                "name" => p.name = v.clone(),
                "role" => p.role = v.clone(),
                "organisation" => p.organisation = v.clone(),
                "bio" => p.bio = v.clone(),
                _ => {}
            }
        }
        p
    }

    pub fn value(&self, field: Field) -> &str {
        match field {
            Field::Role => &self.role,
            Field::Organisation => &self.organisation,
            Field::Bio => &self.bio,
            _ => &self.name,
        }
    }

    fn value_mut(&mut self, field: Field) -> &mut String {
        match field {
            Field::Role => &mut self.role,
            Field::Organisation => &mut self.organisation,
            Field::Bio => &mut self.bio,
            _ => &mut self.name,
        }
    }

    /// The checked profile, or every field's problem.
    pub fn validate(&self) -> Result<ValidSpeaker, ProfileErrors> {
        let mut probe = self.clone();
        let mut errors = ProfileErrors::default();
        // Each round finds the first wrong field, notes it and puts a good value in its
        // place, so the next round finds the next one.
        for _ in 0..PROFILE_FIELDS.len() {
            let input = SpeakerInput {
                name: probe.name.clone(),
                role: probe.role.clone(),
                organisation: probe.organisation.clone(),
                bio: probe.bio.clone(),
                contact_email: String::new(),
            };
            match input.validate() {
                Ok(valid) if errors.is_empty() => return Ok(valid),
                Ok(_) => break,
                Err(p) => {
                    let field = field_of(&p);
                    if errors.get(field).is_some() {
                        break;
                    }
                    errors.0.push((field, p.message()));
                    *probe.value_mut(field) = if field == Field::Name {
                        "x".into()
                    } else {
                        String::new()
                    };
                }
            }
        }
        errors
            .0
            .sort_by_key(|(f, _)| PROFILE_FIELDS.iter().position(|g| g == f));
        Err(errors)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_wrong_field_is_reported() {
        let ok = ProfileInput {
            name: "Grete Remen".into(),
            role: "CEO".into(),
            organisation: "Damhert".into(),
            bio: "Line one\nline two".into(),
        };
        assert!(ok.validate().is_ok());
        let bad = ProfileInput {
            name: " ".into(),
            role: "x".repeat(1000),
            organisation: "ok".into(),
            bio: "bad\u{0007}".into(),
        };
        let e = bad.validate().unwrap_err();
        assert_eq!(e.get(Field::Name), Some(T::ProgErrNameRequired));
        assert_eq!(e.get(Field::Role), Some(T::ErrTooLong));
        assert_eq!(e.get(Field::Organisation), None);
        assert_eq!(e.get(Field::Bio), Some(T::ErrInvalidChars));
    }
}
