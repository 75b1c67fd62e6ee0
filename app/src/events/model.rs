//! The coordinator's event form as typed ([`EventForm`], raw strings that survive an error
//! round trip), its validation into a [`ValidEvent`] with per-field errors
//! ([`EventErrors`]), slugs and topic codes made from text, and Brussels local times
//! (what the form shows) to UTC (what is stored). Shared with the browser.

use crate::domain::{has_control_chars, Email, FieldErrors, OrgType, Sector};
use crate::event::{EventTexts, EventView, Topic, Translations};
use crate::i18n::T;
use chrono::{DateTime, NaiveDateTime, TimeZone, Utc};
use chrono_tz::Europe::Brussels;
use serde::{Deserialize, Serialize};

/// A field of the event form; [`EventField::name`] is its HTML `name`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord)]
pub enum EventField {
    Title,
    Slug,
    Description,
    Programme,
    VenueName,
    VenueAddress,
    StartsAt,
    EndsAt,
    Capacity,
    OpensAt,
    ClosesAt,
    OrganiserName,
    OrganiserEmail,
    Topics,
    OrgTypes,
    Sectors,
    TitleEn,
    DescriptionEn,
    TitleFr,
    DescriptionFr,
}

impl EventField {
    pub fn name(self) -> &'static str {
        match self {
            EventField::Title => "title",
            EventField::Slug => "slug",
            EventField::Description => "description",
            EventField::Programme => "programme",
            EventField::VenueName => "venue_name",
            EventField::VenueAddress => "venue_address",
            EventField::StartsAt => "starts_at",
            EventField::EndsAt => "ends_at",
            EventField::Capacity => "capacity",
            EventField::OpensAt => "opens_at",
            EventField::ClosesAt => "closes_at",
            EventField::OrganiserName => "organiser_name",
            EventField::OrganiserEmail => "organiser_email",
            EventField::Topics => "topics",
            EventField::OrgTypes => "org_types",
            EventField::Sectors => "sectors",
            EventField::TitleEn => "title_en",
            EventField::DescriptionEn => "description_en",
            EventField::TitleFr => "title_fr",
            EventField::DescriptionFr => "description_fr",
        }
    }
}

/// Validation errors of the event form by field, in field order.
pub type EventErrors = FieldErrors<EventField>;

/// What the coordinator typed, unvalidated. Times are Brussels local time as a
/// `datetime-local` input sends them (`2026-12-03T13:30`); topics are one label a line.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct EventForm {
    pub title: String,
    pub slug: String,
    pub description: String,
    pub programme: String,
    pub venue_name: String,
    pub venue_address: String,
    pub starts_at: String,
    pub ends_at: String,
    pub capacity: String,
    pub opens_at: String,
    pub closes_at: String,
    pub organiser_name: String,
    pub organiser_email: String,
    pub topics: String,
    pub org_types: Vec<String>,
    pub sectors: Vec<String>,
    /// Optional English and French title and description.
    pub title_en: String,
    pub description_en: String,
    pub title_fr: String,
    pub description_fr: String,
}

/// An event whose every field is valid (the confirmed count is not part of it).
#[derive(Clone, Debug, PartialEq)]
pub struct ValidEvent(pub EventView);

const SHORT_MAX: usize = 200;
const LONG_MAX: usize = 20_000;
const SLUG_MAX: usize = 80;

/// A text on one line: trimmed, not empty, at most `max` characters, no control characters.
fn required(raw: &str, max: usize) -> Result<String, T> {
    let s = optional(raw, max, false)?;
    if s.is_empty() {
        Err(T::ErrRequired)
    } else {
        Ok(s)
    }
}

/// A text that may be empty: trimmed, at most `max` characters, no control characters but
/// line breaks and tabs in a `multiline` one.
fn optional(raw: &str, max: usize, multiline: bool) -> Result<String, T> {
    let s = raw.trim();
    if s.chars().count() > max {
        Err(T::ErrTooLong)
    } else if has_control_chars(s, multiline) {
        Err(T::ErrControlChars)
    } else {
        Ok(s.to_string())
    }
}

/// Lower-case ASCII letters, digits and single dashes made from `text` (accents dropped:
/// "Café Élan" → "cafe-elan").
pub fn slugify(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars().flat_map(fold_accent) {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    out.chars()
        .take(SLUG_MAX)
        .collect::<String>()
        .trim_end_matches('-')
        .to_string()
}

fn fold_accent(c: char) -> Vec<char> {
    let plain = match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'À' | 'Á' | 'Â' | 'Ã' | 'Ä' | 'Å' => 'a',
        'ç' | 'Ç' => 'c',
        'è' | 'é' | 'ê' | 'ë' | 'È' | 'É' | 'Ê' | 'Ë' => 'e',
        'ì' | 'í' | 'î' | 'ï' | 'Ì' | 'Í' | 'Î' | 'Ï' => 'i',
        'ñ' | 'Ñ' => 'n',
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'Ò' | 'Ó' | 'Ô' | 'Õ' | 'Ö' => 'o',
        'ù' | 'ú' | 'û' | 'ü' | 'Ù' | 'Ú' | 'Û' | 'Ü' => 'u',
        'ý' | 'ÿ' | 'Ý' => 'y',
        'ß' => return vec!['s', 's'],
        'æ' | 'Æ' => return vec!['a', 'e'],
        'œ' | 'Œ' => return vec!['o', 'e'],
        other => other,
    };
    vec![plain]
}

/// Whether `slug` is usable in a URL as is.
pub fn is_slug(slug: &str) -> bool {
    !slug.is_empty()
        && slug.len() <= SLUG_MAX
        && slug
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !slug.starts_with('-')
        && !slug.ends_with('-')
        && !slug.contains("--")
}

/// `base`, or `base-2`, `base-3` … : the first one `taken` says is free.
pub fn unique(base: &str, taken: impl Fn(&str) -> bool) -> String {
    if !taken(base) {
        return base.to_string();
    }
    (2..)
        .map(|n| format!("{base}-{n}"))
        .find(|s| !taken(s))
        .unwrap_or_default()
}

/// The topic menu from one label a line: codes from the labels, an existing topic with
/// the same label keeping its code (registrations refer to codes), codes unique.
pub fn topics_from_lines(raw: &str, existing: &[Topic]) -> Result<Vec<Topic>, T> {
    let mut out: Vec<Topic> = Vec::new();
    for line in raw.lines() {
        let label = line.trim();
        if label.is_empty() {
            continue;
        }
        if label.chars().count() > SHORT_MAX {
            return Err(T::ErrTooLong);
        }
        if has_control_chars(label, false) {
            return Err(T::ErrControlChars);
        }
        if out.iter().any(|t| t.label == label) {
            continue;
        }
        let code = match existing.iter().find(|t| t.label == label) {
            Some(t) if !out.iter().any(|o| o.code == t.code) => t.code.clone(),
            _ => {
                let base = match slugify(label) {
                    s if s.is_empty() => "topic".to_string(),
                    s => s,
                };
                unique(&base, |c| {
                    out.iter().any(|o| o.code == c)
                        || existing.iter().any(|t| t.code == c && t.label != label)
                })
            }
        };
        out.push(Topic {
            code,
            label: label.to_string(),
        });
    }
    Ok(out)
}

/// A `datetime-local` value (`2026-12-03T13:30`, seconds optional) read as Brussels
/// local time. In the autumn hour that happens twice the earlier one is meant; a time
/// in the spring gap does not exist and is refused.
pub fn parse_local(raw: &str) -> Result<DateTime<Utc>, T> {
    let s = raw.trim();
    if s.is_empty() {
        return Err(T::ErrRequired);
    }
    let naive = ["%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M"]
        .iter()
        .find_map(|f| NaiveDateTime::parse_from_str(s, f).ok())
        .ok_or(T::CoordEventsErrDateTime)?;
    Brussels
        .from_local_datetime(&naive)
        .earliest()
        .map(|t| t.with_timezone(&Utc))
        .ok_or(T::CoordEventsErrNoSuchTime)
}

/// The `datetime-local` value of a UTC instant, in Brussels local time.
pub fn local_input(at: DateTime<Utc>) -> String {
    at.with_timezone(&Brussels)
        .format("%Y-%m-%dT%H:%M")
        .to_string()
}

fn pick<V: Copy + PartialEq>(
    raw: &[String],
    parse: impl Fn(&str) -> Result<V, T>,
    all: &[V],
) -> Result<Vec<V>, T> {
    let mut chosen = Vec::new();
    for r in raw {
        let v = parse(r)?;
        if !chosen.contains(&v) {
            chosen.push(v);
        }
    }
    if chosen.is_empty() {
        return Err(T::CoordEventsErrChooseOne);
    }
    // in the enum's order, whatever the order posted
    Ok(all.iter().copied().filter(|v| chosen.contains(v)).collect())
}

impl EventForm {
    /// The form filled in with a stored event.
    pub fn from_view(e: &EventView) -> EventForm {
        EventForm {
            title: e.title.clone(),
            slug: e.slug.clone(),
            description: e.description.clone(),
            programme: e.programme.clone(),
            venue_name: e.venue_name.clone(),
            venue_address: e.venue_address.clone(),
            starts_at: local_input(e.starts_at),
            ends_at: local_input(e.ends_at),
            capacity: e.capacity.to_string(),
            opens_at: local_input(e.registration_opens_at),
            closes_at: local_input(e.registration_closes_at),
            organiser_name: e.organiser_name.clone(),
            organiser_email: e.organiser_email.clone(),
            topics: e
                .topics
                .iter()
                .map(|t| t.label.as_str())
                .collect::<Vec<_>>()
                .join("\n"),
            org_types: e.org_types.iter().map(|t| t.code().to_string()).collect(),
            sectors: e.sectors.iter().map(|s| s.code().to_string()).collect(),
            title_en: e.translations.en.title.clone(),
            description_en: e.translations.en.description.clone(),
            title_fr: e.translations.fr.title.clone(),
            description_fr: e.translations.fr.description.clone(),
        }
    }

    /// An empty form for a new event: every organisation type and sector offered.
    pub fn blank() -> EventForm {
        EventForm {
            capacity: "0".into(),
            org_types: OrgType::ALL.iter().map(|t| t.code().to_string()).collect(),
            sectors: Sector::ALL.iter().map(|s| s.code().to_string()).collect(),
            ..Default::default()
        }
    }

    /// Validates every field. `existing_topics` are the event's current topics (their
    /// codes are kept). The slug is made from the title when left empty; whether it is
    /// free is the service's question.
    pub fn validate(&self, existing_topics: &[Topic]) -> Result<ValidEvent, EventErrors> {
        let mut e = EventErrors::default();
        let title = e.check(EventField::Title, required(&self.title, SHORT_MAX));
        let slug = match self.slug.trim() {
            "" => title.as_deref().map(slugify).filter(|s| !s.is_empty()),
            s if is_slug(s) => Some(s.to_string()),
            _ => {
                e.push(EventField::Slug, T::CoordEventsErrSlug);
                None
            }
        };
        if title.is_some() && slug.is_none() && e.get(EventField::Slug).is_none() {
            e.push(EventField::Slug, T::CoordEventsErrSlug);
        }
        let description = e.check(
            EventField::Description,
            optional(&self.description, LONG_MAX, true),
        );
        let programme = e.check(
            EventField::Programme,
            optional(&self.programme, LONG_MAX, true),
        );
        let venue_name = e.check(EventField::VenueName, required(&self.venue_name, SHORT_MAX));
        let venue_address = e.check(
            EventField::VenueAddress,
            required(&self.venue_address, SHORT_MAX),
        );
        let starts_at = e.check(EventField::StartsAt, parse_local(&self.starts_at));
        let ends_at = e.check(EventField::EndsAt, parse_local(&self.ends_at));
        let capacity = e.check(
            EventField::Capacity,
            match self.capacity.trim().parse::<i64>() {
                Ok(n) if (0..=1_000_000).contains(&n) => Ok(n),
                _ => Err(T::CoordEventsErrCapacity),
            },
        );
        let opens_at = e.check(EventField::OpensAt, parse_local(&self.opens_at));
        let closes_at = e.check(EventField::ClosesAt, parse_local(&self.closes_at));
        if let (Some(s), Some(end)) = (starts_at, ends_at) {
            if end <= s {
                e.push(EventField::EndsAt, T::CoordEventsErrEndBeforeStart);
            }
        }
        if let (Some(o), Some(c)) = (opens_at, closes_at) {
            if c <= o {
                e.push(EventField::ClosesAt, T::CoordEventsErrClosesBeforeOpens);
            }
        }
        if let (Some(c), Some(end)) = (closes_at, ends_at) {
            if c > end {
                e.push(EventField::ClosesAt, T::CoordEventsErrClosesAfterEnd);
            }
        }
        let organiser_name = e.check(
            EventField::OrganiserName,
            required(&self.organiser_name, SHORT_MAX),
        );
        let organiser_email = e.check(
            EventField::OrganiserEmail,
            Email::parse(&self.organiser_email).map(|m| m.as_str().to_string()),
        );
        let topics = e.check(
            EventField::Topics,
            topics_from_lines(&self.topics, existing_topics),
        );
        let org_types = e.check(
            EventField::OrgTypes,
            pick(&self.org_types, OrgType::parse, OrgType::ALL),
        );
        let sectors = e.check(
            EventField::Sectors,
            pick(&self.sectors, Sector::parse, Sector::ALL),
        );
        let mut text = |field, raw: &str, max, multiline| {
            e.check(field, optional(raw, max, multiline))
                .unwrap_or_default()
        };
        let translations = Translations {
            en: EventTexts {
                title: text(EventField::TitleEn, &self.title_en, SHORT_MAX, false),
                description: text(
                    EventField::DescriptionEn,
                    &self.description_en,
                    LONG_MAX,
                    true,
                ),
            },
            fr: EventTexts {
                title: text(EventField::TitleFr, &self.title_fr, SHORT_MAX, false),
                description: text(
                    EventField::DescriptionFr,
                    &self.description_fr,
                    LONG_MAX,
                    true,
                ),
            },
        };
        if !e.is_empty() {
            return Err(e);
        }
        match (
            title,
            slug,
            description,
            programme,
            venue_name,
            venue_address,
            starts_at,
            ends_at,
            capacity,
            opens_at,
            closes_at,
            organiser_name,
            organiser_email,
            topics,
            org_types,
            sectors,
        ) {
            (
                Some(title),
                Some(slug),
                Some(description),
                Some(programme),
                Some(venue_name),
                Some(venue_address),
                Some(starts_at),
                Some(ends_at),
                Some(capacity),
                Some(registration_opens_at),
                Some(registration_closes_at),
                Some(organiser_name),
                Some(organiser_email),
                Some(topics),
                Some(org_types),
                Some(sectors),
            ) => Ok(ValidEvent(EventView {
                slug,
                title,
                description,
                programme,
                venue_name,
                venue_address,
                starts_at,
                ends_at,
                capacity,
                confirmed: 0,
                registration_opens_at,
                registration_closes_at,
                organiser_name,
                organiser_email,
                topics,
                published: false,
                org_types,
                sectors,
                translations,
            })),
            _ => Err(e),
        }
    }
}

/// What the edit page shows: the stored event as a form, and its state.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EventEdit {
    pub slug: String,
    pub form: EventForm,
    pub published: bool,
    pub confirmed: i64,
    /// Registrations of any status but cancelled (unpublishing asks first when > 0).
    pub registrations: i64,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn good() -> EventForm {
        EventForm {
            title: "Ondernemers ontmoeten Sociale Economie".into(),
            venue_name: "Brouwerijmuseum".into(),
            venue_address: "Dorpsstraat 1, Bocholt".into(),
            starts_at: "2026-12-03T13:30".into(),
            ends_at: "2026-12-03T18:00".into(),
            capacity: "120".into(),
            opens_at: "2026-11-01T09:00".into(),
            closes_at: "2026-12-02T23:59".into(),
            organiser_name: "SE Noord-Limburg".into(),
            organiser_email: "info@se.be".into(),
            topics: "Personeel\nOpleiding\n".into(),
            ..EventForm::blank()
        }
    }

    #[test]
    fn valid_form_makes_slug_codes_and_utc() {
        let v = good().validate(&[]).unwrap().0;
        assert_eq!(v.slug, "ondernemers-ontmoeten-sociale-economie");
        assert_eq!(v.topics[0].code, "personeel");
        // 13:30 in Brussels in December (CET, +01:00) is 12:30 UTC
        assert_eq!(v.starts_at.to_rfc3339(), "2026-12-03T12:30:00+00:00");
        assert_eq!(v.org_types.len(), OrgType::ALL.len());
    }

    #[test]
    fn summer_time_and_the_spring_gap() {
        assert_eq!(
            parse_local("2026-07-01T10:00").unwrap().to_rfc3339(),
            "2026-07-01T08:00:00+00:00"
        );
        assert_eq!(
            parse_local("2026-03-29T02:30"),
            Err(T::CoordEventsErrNoSuchTime)
        );
        // 02:30 on 25 October 2026 happens twice: the first (summer time) one
        assert_eq!(
            parse_local("2026-10-25T02:30").unwrap().to_rfc3339(),
            "2026-10-25T00:30:00+00:00"
        );
        let at = parse_local("2026-10-25T12:00").unwrap();
        assert_eq!(local_input(at), "2026-10-25T12:00");
    }

    #[test]
    fn each_invalid_field_is_reported_at_that_field() {
        type Breaker = fn(&mut EventForm);
        let cases: Vec<(Breaker, EventField, T)> = vec![
            (|f| f.title.clear(), EventField::Title, T::ErrRequired),
            (
                |f| f.slug = "Met Spatie".into(),
                EventField::Slug,
                T::CoordEventsErrSlug,
            ),
            (
                |f| f.venue_name.clear(),
                EventField::VenueName,
                T::ErrRequired,
            ),
            (
                |f| f.venue_address.clear(),
                EventField::VenueAddress,
                T::ErrRequired,
            ),
            (
                |f| f.starts_at = "morgen".into(),
                EventField::StartsAt,
                T::CoordEventsErrDateTime,
            ),
            (
                |f| f.ends_at = "2026-12-03T13:00".into(),
                EventField::EndsAt,
                T::CoordEventsErrEndBeforeStart,
            ),
            (
                |f| f.capacity = "-1".into(),
                EventField::Capacity,
                T::CoordEventsErrCapacity,
            ),
            (|f| f.opens_at.clear(), EventField::OpensAt, T::ErrRequired),
            (
                |f| f.closes_at = "2026-10-01T09:00".into(),
                EventField::ClosesAt,
                T::CoordEventsErrClosesBeforeOpens,
            ),
            (
                |f| f.closes_at = "2026-12-04T09:00".into(),
                EventField::ClosesAt,
                T::CoordEventsErrClosesAfterEnd,
            ),
            (
                |f| f.organiser_name.clear(),
                EventField::OrganiserName,
                T::ErrRequired,
            ),
            (
                |f| f.organiser_email = "nope".into(),
                EventField::OrganiserEmail,
                T::ErrEmail,
            ),
            (
                |f| f.org_types.clear(),
                EventField::OrgTypes,
                T::CoordEventsErrChooseOne,
            ),
            (
                |f| f.sectors = vec!["mijnbouw".into()],
                EventField::Sectors,
                T::ErrChoose,
            ),
        ];
        for (brk, field, want) in cases {
            let mut f = good();
            brk(&mut f);
            let errs = f.validate(&[]).unwrap_err();
            assert_eq!(errs.0, vec![(field, want)], "{field:?}");
        }
    }

    #[test]
    fn control_characters_are_refused_at_their_field() {
        type Setter = fn(&mut EventForm, String);
        let single: Vec<(Setter, EventField)> = vec![
            (|f, v| f.title = v, EventField::Title),
            (|f, v| f.venue_name = v, EventField::VenueName),
            (|f, v| f.venue_address = v, EventField::VenueAddress),
            (|f, v| f.organiser_name = v, EventField::OrganiserName),
            (|f, v| f.title_en = v, EventField::TitleEn),
            (|f, v| f.title_fr = v, EventField::TitleFr),
        ];
        let multi: Vec<(Setter, EventField)> = vec![
            (|f, v| f.description = v, EventField::Description),
            (|f, v| f.programme = v, EventField::Programme),
            (|f, v| f.description_en = v, EventField::DescriptionEn),
            (|f, v| f.description_fr = v, EventField::DescriptionFr),
        ];
        let refused = |set: Setter, value: &str| {
            let mut f = good();
            set(&mut f, value.to_string());
            f.validate(&[]).err().map(|e| e.0)
        };
        for (set, field) in single {
            for bad in [
                "Netwerk\u{7}dag",
                "Net\twerk",
                "Net\nwerk",
                "Net\r\nwerk",
                "a\u{7f}",
                "a\u{85}b",
                "a\u{9b}b",
            ] {
                assert_eq!(
                    refused(set, bad),
                    Some(vec![(field, T::ErrControlChars)]),
                    "{field:?} {bad:?}"
                );
            }
            assert_eq!(refused(set, "  Netwerkdag – Café  "), None, "{field:?}");
        }
        for (set, field) in multi {
            for bad in ["Eerst\u{0}dan", "Eerst\rdan", "\u{1b}[31m rood", "a\u{9f}b"] {
                assert_eq!(
                    refused(set, bad),
                    Some(vec![(field, T::ErrControlChars)]),
                    "{field:?} {bad:?}"
                );
            }
            assert_eq!(refused(set, "Eerst\r\n\tdan\nlater"), None, "{field:?}");
        }
        let mut f = good();
        f.topics = "Personeel\nOp\u{8}leiding\r\n".into();
        assert_eq!(
            f.validate(&[]).unwrap_err().0,
            vec![(EventField::Topics, T::ErrControlChars)]
        );
        let mut f = good();
        f.description = "  Lijn 1\r\n\tLijn 2\n".into();
        assert_eq!(f.validate(&[]).unwrap().0.description, "Lijn 1\r\n\tLijn 2");
    }

    #[test]
    fn topic_codes_are_unique_and_kept() {
        let existing = vec![Topic {
            code: "jobs".into(),
            label: "Personeel".into(),
        }];
        let t = topics_from_lines("Personeel\nJobs\nJobs!\nCafé", &existing).unwrap();
        let codes: Vec<&str> = t.iter().map(|t| t.code.as_str()).collect();
        assert_eq!(codes, ["jobs", "jobs-2", "jobs-3", "cafe"]);
    }

    #[test]
    fn slugs() {
        assert_eq!(
            slugify("  Netwerk-dag 2027: Café Élan! "),
            "netwerk-dag-2027-cafe-elan"
        );
        assert!(is_slug("netwerk-2027"));
        assert!(!is_slug("netwerk--2027"));
        assert_eq!(unique("a", |s| s == "a" || s == "a-2"), "a-3");
    }
}
