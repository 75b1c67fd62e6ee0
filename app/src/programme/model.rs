//! The programme as the browser and the service share it: session kinds, the public views
//! (never a speaker's contact address), the inputs an editor sends with their validation
//! on construction, and the pure checks: conflicts between sessions, round numbers of the
//! networking rounds, and the current and next session on the day (Europe/Brussels).

use super::photo::PhotoRef;
use crate::domain::{Email, Name};
use crate::i18n::{Lang, T};
use chrono::{DateTime, Utc};
use chrono_tz::Europe::Brussels;
use serde::{Deserialize, Serialize};

/// What a programme item is; networking rounds are the planner's rounds 1, 2, …
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum SessionKind {
    Welcome,
    Talk,
    Panel,
    Networking,
    Break,
    Closing,
    Other,
}

impl SessionKind {
    pub const ALL: [SessionKind; 7] = [
        SessionKind::Welcome,
        SessionKind::Talk,
        SessionKind::Panel,
        SessionKind::Networking,
        SessionKind::Break,
        SessionKind::Closing,
        SessionKind::Other,
    ];

    /// The code stored in the database.
    pub fn code(self) -> &'static str {
        match self {
            SessionKind::Welcome => "welcome",
            SessionKind::Talk => "talk",
            SessionKind::Panel => "panel",
            SessionKind::Networking => "networking",
            SessionKind::Break => "break",
            SessionKind::Closing => "closing",
            SessionKind::Other => "other",
        }
    }

    pub fn parse(code: &str) -> Option<SessionKind> {
        SessionKind::ALL.into_iter().find(|k| k.code() == code)
    }

    /// The kind's name in the page language.
    pub fn label(self) -> T {
        match self {
            SessionKind::Welcome => T::KindWelcome,
            SessionKind::Talk => T::KindTalk,
            SessionKind::Panel => T::KindPanel,
            SessionKind::Networking => T::KindNetworking,
            SessionKind::Break => T::KindBreak,
            SessionKind::Closing => T::KindClosing,
            SessionKind::Other => T::KindOther,
        }
    }
}

/// A speaker as the public agenda shows them: no contact address.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SpeakerView {
    pub id: i64,
    pub name: String,
    pub role: String,
    pub organisation: String,
    pub bio: String,
    /// The speaker's photo, if they uploaded one.
    pub photo: Option<PhotoRef>,
}

impl SpeakerView {
    /// "Role, Organisation" (either may be empty).
    pub fn affiliation(&self) -> String {
        [self.role.as_str(), self.organisation.as_str()]
            .into_iter()
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// One programme item as the public agenda shows it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SessionView {
    pub id: i64,
    pub title: String,
    pub description: String,
    pub kind: SessionKind,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub room: String,
    /// The editor's order among sessions that start and end together (parallel sessions).
    pub position: i64,
    /// For networking sessions: the round number (1, 2, … in time order).
    pub round: Option<u32>,
    pub speakers: Vec<SpeakerView>,
}

/// Where the session is now, seen from a moment on the event's day.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Highlight {
    Current,
    Next,
}

/// An event's public agenda: its sessions in time order, its speakers, and which session
/// is running and which comes next (only on the day itself).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AgendaView {
    pub slug: String,
    pub title: String,
    pub venue_name: String,
    pub venue_address: String,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    /// The times are an example (the demo event), which the page says.
    pub times_illustrative: bool,
    pub sessions: Vec<SessionView>,
    /// Every speaker of the programme, in order of first appearance.
    pub speakers: Vec<SpeakerView>,
    pub current: Option<i64>,
    pub next: Option<i64>,
    /// The subscribable calendar feed (`https://…/e/<slug>/agenda.ics`).
    pub feed_url: String,
}

impl AgendaView {
    /// The feed for calendar apps that subscribe (`webcal://`).
    pub fn webcal_url(&self, lang: Lang) -> String {
        let feed = match self.feed_url.split_once("://") {
            Some((_, rest)) => format!("webcal://{rest}"),
            None => self.feed_url.clone(),
        };
        format!("{feed}?lang={}", lang.code())
    }
    /// The whole programme's calendar file, its texts in `lang`.
    pub fn ics(&self, lang: Lang) -> String {
        format!("/e/{}/agenda.ics?lang={}", self.slug, lang.code())
    }
    /// One session's calendar file, its texts in `lang`.
    pub fn session_ics(&self, session: i64, lang: Lang) -> String {
        format!(
            "/e/{}/sessions/{session}.ics?lang={}",
            self.slug,
            lang.code()
        )
    }
    pub fn highlight(&self, session: i64) -> Option<Highlight> {
        if self.current == Some(session) {
            Some(Highlight::Current)
        } else if self.next == Some(session) {
            Some(Highlight::Next)
        } else {
            None
        }
    }
}

/// What is wrong with a change to the programme. Every variant has a message in the
/// user's language ([`Problem::message`]).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum Problem {
    #[error("a title is required")]
    TitleRequired,
    #[error("a speaker's name is required")]
    NameRequired,
    #[error("{0:?} is too long")]
    TooLong(Field),
    #[error("{0:?} has invisible or control characters")]
    InvalidChars(Field),
    #[error("not a valid e-mail address")]
    InvalidEmail,
    #[error("the session ends before it starts")]
    EndNotAfterStart,
    #[error("the session is outside the event's hours")]
    OutsideEvent,
    #[error("room {room} is taken by session {other}")]
    RoomTaken { room: String, other: i64 },
    #[error("speaker {speaker} is in session {other} at the same time")]
    SpeakerBusy { speaker: i64, other: i64 },
    #[error("speaker {0} is not in this event's programme")]
    UnknownSpeaker(i64),
    #[error("the speaker has no contact address")]
    NoContactAddress,
    #[error("not a time (HH:MM)")]
    InvalidTime,
}

/// The fields of a session or speaker, for [`Problem`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Field {
    Title,
    Description,
    Room,
    Name,
    Role,
    Organisation,
    Bio,
}

impl Problem {
    pub fn message(&self) -> T {
        match self {
            Problem::TitleRequired => T::ProgErrTitleRequired,
            Problem::NameRequired => T::ProgErrNameRequired,
            Problem::TooLong(_) => T::ErrTooLong,
            Problem::InvalidChars(_) => T::ErrInvalidChars,
            Problem::InvalidEmail => T::ErrEmail,
            Problem::EndNotAfterStart => T::ProgErrEndNotAfterStart,
            Problem::OutsideEvent => T::ProgErrOutsideEvent,
            Problem::RoomTaken { .. } => T::ProgErrRoomTaken,
            Problem::SpeakerBusy { .. } => T::ProgErrSpeakerBusy,
            Problem::UnknownSpeaker(_) => T::ProgErrUnknownSpeaker,
            Problem::NoContactAddress => T::ProgErrNoContact,
            Problem::InvalidTime => T::ProgErrInvalidTime,
        }
    }
}

/// A session as an editor sends it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SessionInput {
    pub title: String,
    pub description: String,
    pub kind: SessionKind,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub room: String,
    /// Speaker ids, in the order they speak.
    pub speakers: Vec<i64>,
}

/// A session that passed [`SessionInput::validate`]: only made there.
#[derive(Clone, Debug, PartialEq)]
pub struct ValidSession {
    title: String,
    description: String,
    kind: SessionKind,
    starts_at: DateTime<Utc>,
    ends_at: DateTime<Utc>,
    room: String,
    speakers: Vec<i64>,
}

impl ValidSession {
    pub fn title(&self) -> &str {
        &self.title
    }
    pub fn description(&self) -> &str {
        &self.description
    }
    pub fn kind(&self) -> SessionKind {
        self.kind
    }
    pub fn starts_at(&self) -> DateTime<Utc> {
        self.starts_at
    }
    pub fn ends_at(&self) -> DateTime<Utc> {
        self.ends_at
    }
    pub fn room(&self) -> &str {
        &self.room
    }
    pub fn speakers(&self) -> &[i64] {
        &self.speakers
    }
    /// The session as a slot for [`conflicts`] (`id` 0 for a new one).
    pub fn slot(&self, id: i64) -> Slot {
        Slot {
            id,
            room: self.room.clone(),
            starts_at: self.starts_at,
            ends_at: self.ends_at,
            speakers: self.speakers.clone(),
        }
    }
}

pub const TITLE_MAX: usize = 200;
pub const DESCRIPTION_MAX: usize = 2000;
pub const SHORT_MAX: usize = 100;
pub const BIO_MAX: usize = 1500;

/// Trims `raw` and checks its length and characters (line breaks allowed when `multiline`).
fn text(raw: &str, max: usize, field: Field, multiline: bool) -> Result<String, Problem> {
    let s = raw.trim();
    if s.chars().count() > max {
        return Err(Problem::TooLong(field));
    }
    let bad =
        |c: char| c == char::REPLACEMENT_CHARACTER || (c.is_control() && !(multiline && c == '\n'));
    if s.replace("\r\n", "\n").chars().any(bad) {
        return Err(Problem::InvalidChars(field));
    }
    Ok(s.replace("\r\n", "\n"))
}

impl SessionInput {
    /// Checks the fields and the times against the event's hours `[event_start, event_end]`.
    pub fn validate(
        &self,
        event_start: DateTime<Utc>,
        event_end: DateTime<Utc>,
    ) -> Result<ValidSession, Problem> {
        let title = text(&self.title, TITLE_MAX, Field::Title, false)?;
        if title.is_empty() {
            return Err(Problem::TitleRequired);
        }
        let description = text(&self.description, DESCRIPTION_MAX, Field::Description, true)?;
        let room = text(&self.room, SHORT_MAX, Field::Room, false)?;
        if self.ends_at <= self.starts_at {
            return Err(Problem::EndNotAfterStart);
        }
        if self.starts_at < event_start || self.ends_at > event_end {
            return Err(Problem::OutsideEvent);
        }
        let mut speakers = Vec::new();
        for s in &self.speakers {
            if !speakers.contains(s) {
                speakers.push(*s);
            }
        }
        Ok(ValidSession {
            title,
            description,
            kind: self.kind,
            starts_at: self.starts_at,
            ends_at: self.ends_at,
            room,
            speakers,
        })
    }
}

/// A speaker as an editor sends it; `contact_email` is private (may be empty).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SpeakerInput {
    pub name: String,
    pub role: String,
    pub organisation: String,
    pub bio: String,
    pub contact_email: String,
}

/// A speaker that passed [`SpeakerInput::validate`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ValidSpeaker {
    pub name: String,
    pub role: String,
    pub organisation: String,
    pub bio: String,
    pub contact_email: String,
}

impl SpeakerInput {
    pub fn validate(&self) -> Result<ValidSpeaker, Problem> {
        let name = match Name::parse(&self.name) {
            Ok(n) => n.as_str().to_string(),
            Err(T::ErrRequired) => return Err(Problem::NameRequired),
            Err(T::ErrTooLong) => return Err(Problem::TooLong(Field::Name)),
            Err(_) => return Err(Problem::InvalidChars(Field::Name)),
        };
        let contact_email = if self.contact_email.trim().is_empty() {
            String::new()
        } else {
            Email::parse(&self.contact_email)
                .map_err(|_| Problem::InvalidEmail)?
                .as_str()
                .to_string()
        };
        Ok(ValidSpeaker {
            name,
            role: text(&self.role, SHORT_MAX, Field::Role, false)?,
            organisation: text(&self.organisation, SHORT_MAX, Field::Organisation, false)?,
            bio: text(&self.bio, BIO_MAX, Field::Bio, true)?,
            contact_email,
        })
    }
}

/// A session reduced to what the conflict checks look at.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Slot {
    pub id: i64,
    pub room: String,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub speakers: Vec<i64>,
}

/// Whether two half-open intervals `[start, end)` share a moment (back to back is fine).
fn overlap(a: &Slot, b: &Slot) -> bool {
    a.starts_at < b.ends_at && b.starts_at < a.ends_at
}

fn same_room(a: &str, b: &str) -> bool {
    let norm = |s: &str| {
        s.split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase()
    };
    !a.trim().is_empty() && norm(a) == norm(b)
}

/// What stands in the way of `candidate` among the `others` (the event's other sessions;
/// one with the candidate's id is itself and ignored): the same named room at an
/// overlapping time, and a speaker in two overlapping sessions. Sessions without a room
/// never clash on the room. Pure, so the editor can show the same answer as the server.
pub fn conflicts(candidate: &Slot, others: &[Slot]) -> Vec<Problem> {
    let mut found = Vec::new();
    for other in others
        .iter()
        .filter(|o| o.id != candidate.id && overlap(candidate, o))
    {
        if same_room(&candidate.room, &other.room) {
            found.push(Problem::RoomTaken {
                room: other.room.clone(),
                other: other.id,
            });
        }
        for s in candidate
            .speakers
            .iter()
            .filter(|s| other.speakers.contains(s))
        {
            found.push(Problem::SpeakerBusy {
                speaker: *s,
                other: other.id,
            });
        }
    }
    found
}

/// Sorts sessions by start (then end, then the editor's position) and numbers the
/// networking rounds 1, 2, …
pub fn order_and_number(sessions: &mut [SessionView]) {
    sessions.sort_by_key(|s| (s.starts_at, s.ends_at, s.position, s.id));
    let mut round = 0;
    for s in sessions.iter_mut() {
        s.round = if s.kind == SessionKind::Networking {
            round += 1;
            Some(round)
        } else {
            None
        };
    }
}

/// On the event's day (in Europe/Brussels) the session running at `now` and the one after
/// it (the next to start); on any other day neither. `sessions` in time order.
pub fn current_and_next(
    sessions: &[SessionView],
    now: DateTime<Utc>,
) -> (Option<i64>, Option<i64>) {
    let today = now.with_timezone(&Brussels).date_naive();
    let on_the_day = sessions
        .iter()
        .any(|s| s.starts_at.with_timezone(&Brussels).date_naive() == today);
    if !on_the_day {
        return (None, None);
    }
    let current = sessions
        .iter()
        .rfind(|s| s.starts_at <= now && now < s.ends_at)
        .map(|s| s.id);
    let next = sessions.iter().find(|s| s.starts_at > now).map(|s| s.id);
    (current, next)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn at(h: u32, m: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 12, 3, h, m, 0).unwrap()
    }

    fn slot(id: i64, room: &str, from: (u32, u32), to: (u32, u32), speakers: &[i64]) -> Slot {
        Slot {
            id,
            room: room.into(),
            starts_at: at(from.0, from.1),
            ends_at: at(to.0, to.1),
            speakers: speakers.to_vec(),
        }
    }

    #[test]
    fn conflicts_table() {
        let existing = [
            slot(1, "Zaal A", (13, 0), (14, 0), &[10]),
            slot(2, "Zaal B", (13, 30), (14, 30), &[11, 12]),
            slot(3, "", (15, 0), (16, 0), &[]),
        ];
        type Case = (&'static str, Slot, Vec<Problem>);
        let cases: Vec<Case> = vec![
            (
                "another room, other speakers",
                slot(0, "Zaal C", (13, 0), (14, 0), &[13]),
                vec![],
            ),
            (
                "same room, overlapping",
                slot(0, "Zaal A", (13, 30), (13, 45), &[]),
                vec![Problem::RoomTaken {
                    room: "Zaal A".into(),
                    other: 1,
                }],
            ),
            (
                "same room written differently",
                slot(0, "  zaal   a ", (13, 59), (14, 10), &[]),
                vec![Problem::RoomTaken {
                    room: "Zaal A".into(),
                    other: 1,
                }],
            ),
            (
                "same room, back to back after",
                slot(0, "Zaal A", (14, 0), (14, 30), &[]),
                vec![],
            ),
            (
                "same room, back to back before",
                slot(0, "Zaal A", (12, 0), (13, 0), &[]),
                vec![],
            ),
            (
                "same room, enclosing",
                slot(0, "Zaal B", (13, 0), (15, 0), &[]),
                vec![Problem::RoomTaken {
                    room: "Zaal B".into(),
                    other: 2,
                }],
            ),
            (
                "no room never clashes on the room",
                slot(0, "", (15, 0), (16, 0), &[]),
                vec![],
            ),
            (
                "speaker in two places",
                slot(0, "Zaal C", (13, 45), (14, 15), &[10]),
                vec![Problem::SpeakerBusy {
                    speaker: 10,
                    other: 1,
                }],
            ),
            (
                "speaker busy in two sessions at once",
                slot(0, "Zaal C", (13, 15), (14, 15), &[10, 12]),
                vec![
                    Problem::SpeakerBusy {
                        speaker: 10,
                        other: 1,
                    },
                    Problem::SpeakerBusy {
                        speaker: 12,
                        other: 2,
                    },
                ],
            ),
            (
                "speaker after their talk",
                slot(0, "Zaal C", (14, 30), (15, 0), &[11, 12]),
                vec![],
            ),
            (
                "room and speaker",
                slot(0, "Zaal B", (14, 0), (14, 15), &[11]),
                vec![
                    Problem::RoomTaken {
                        room: "Zaal B".into(),
                        other: 2,
                    },
                    Problem::SpeakerBusy {
                        speaker: 11,
                        other: 2,
                    },
                ],
            ),
            (
                "a session does not clash with itself",
                slot(1, "Zaal A", (13, 0), (14, 0), &[10]),
                vec![],
            ),
            (
                "moving a session onto another",
                slot(1, "Zaal B", (13, 30), (14, 0), &[10]),
                vec![Problem::RoomTaken {
                    room: "Zaal B".into(),
                    other: 2,
                }],
            ),
        ];
        for (name, candidate, want) in cases {
            assert_eq!(conflicts(&candidate, &existing), want, "{name}");
        }
    }

    fn input(from: (u32, u32), to: (u32, u32), title: &str) -> SessionInput {
        SessionInput {
            title: title.into(),
            description: String::new(),
            kind: SessionKind::Talk,
            starts_at: at(from.0, from.1),
            ends_at: at(to.0, to.1),
            room: String::new(),
            speakers: vec![3, 3, 4],
        }
    }

    #[test]
    fn session_validation_table() {
        let (start, end) = (at(12, 30), at(17, 0));
        let long = "x".repeat(TITLE_MAX + 1);
        let cases: Vec<(&str, SessionInput, Result<(), Problem>)> = vec![
            ("fine", input((13, 0), (13, 30), "Welkom"), Ok(())),
            ("the whole event", input((12, 30), (17, 0), "Alles"), Ok(())),
            (
                "no title",
                input((13, 0), (13, 30), "   "),
                Err(Problem::TitleRequired),
            ),
            (
                "long title",
                input((13, 0), (13, 30), &long),
                Err(Problem::TooLong(Field::Title)),
            ),
            (
                "control character",
                input((13, 0), (13, 30), "a\u{7}b"),
                Err(Problem::InvalidChars(Field::Title)),
            ),
            (
                "ends before it starts",
                input((14, 0), (13, 30), "Omgekeerd"),
                Err(Problem::EndNotAfterStart),
            ),
            (
                "no length",
                input((14, 0), (14, 0), "Nul"),
                Err(Problem::EndNotAfterStart),
            ),
            (
                "starts before the event",
                input((12, 0), (13, 0), "Vroeg"),
                Err(Problem::OutsideEvent),
            ),
            (
                "ends after the event",
                input((16, 30), (17, 30), "Laat"),
                Err(Problem::OutsideEvent),
            ),
        ];
        for (name, i, want) in cases {
            assert_eq!(i.validate(start, end).map(|_| ()), want, "{name}");
        }
        let ok = input((13, 0), (13, 30), "  Welkom ")
            .validate(start, end)
            .unwrap();
        assert_eq!(ok.title(), "Welkom");
        assert_eq!(ok.speakers(), &[3, 4], "a speaker is listed once");
    }

    #[test]
    fn speaker_validation_table() {
        let base = SpeakerInput {
            name: "Grete Remen".into(),
            role: "CEO".into(),
            organisation: "Damhert Nutrition".into(),
            bio: "Eerste lijn\r\ntweede lijn".into(),
            contact_email: "grete@example.be".into(),
        };
        let with = |f: &dyn Fn(&mut SpeakerInput)| {
            let mut s = base.clone();
            f(&mut s);
            s.validate().map(|_| ())
        };
        let cases: Vec<(&str, Result<(), Problem>)> = vec![
            ("fine", with(&|_| {})),
            (
                "no contact address is fine",
                with(&|s| s.contact_email = " ".into()),
            ),
            ("no name", with(&|s| s.name = " ".into())),
            ("bad address", with(&|s| s.contact_email = "grete@".into())),
            ("long role", with(&|s| s.role = "r".repeat(SHORT_MAX + 1))),
            ("long bio", with(&|s| s.bio = "b".repeat(BIO_MAX + 1))),
            (
                "tab in the organisation",
                with(&|s| s.organisation = "a\tb".into()),
            ),
        ];
        let want = [
            Ok(()),
            Ok(()),
            Err(Problem::NameRequired),
            Err(Problem::InvalidEmail),
            Err(Problem::TooLong(Field::Role)),
            Err(Problem::TooLong(Field::Bio)),
            Err(Problem::InvalidChars(Field::Organisation)),
        ];
        for ((name, got), want) in cases.into_iter().zip(want) {
            assert_eq!(got, want, "{name}");
        }
        assert_eq!(base.validate().unwrap().bio, "Eerste lijn\ntweede lijn");
    }

    #[test]
    fn control_characters_in_sessions_and_speakers() {
        let (start, end) = (at(12, 30), at(17, 0));
        let bad = [
            "a\u{0}b", "a\u{1b}b", "a\u{7f}b", "a\u{85}b", "a\u{9f}b", "a\rb",
        ];
        for b in bad {
            let mut s = input((13, 0), (13, 30), "Welkom");
            s.room = b.into();
            assert_eq!(
                s.validate(start, end).map(|_| ()),
                Err(Problem::InvalidChars(Field::Room)),
                "{b:?}"
            );
            let mut s = input((13, 0), (13, 30), "Welkom");
            s.description = b.into();
            assert_eq!(
                s.validate(start, end).map(|_| ()),
                Err(Problem::InvalidChars(Field::Description)),
                "{b:?}"
            );
            let speaker = |f: &dyn Fn(&mut SpeakerInput)| {
                let mut k = SpeakerInput {
                    name: "Grete Remen".into(),
                    ..Default::default()
                };
                f(&mut k);
                k.validate().map(|_| ())
            };
            // A name collapses white space (U+0085 and CR among it) to single spaces.
            if !b.chars().any(char::is_whitespace) {
                assert_eq!(
                    speaker(&|k| k.name = format!("Grete {b}")),
                    Err(Problem::InvalidChars(Field::Name)),
                    "{b:?}"
                );
            }
            assert_eq!(
                speaker(&|k| k.role = b.into()),
                Err(Problem::InvalidChars(Field::Role)),
                "{b:?}"
            );
            assert_eq!(
                speaker(&|k| k.bio = b.into()),
                Err(Problem::InvalidChars(Field::Bio)),
                "{b:?}"
            );
        }
        // Line breaks stay allowed in the multi-line fields only.
        let mut s = input((13, 0), (13, 30), "Welkom");
        s.description = "Eerst\r\ndan".into();
        assert_eq!(s.validate(start, end).unwrap().description(), "Eerst\ndan");
        s.title = "Wel\nkom".into();
        assert_eq!(
            s.validate(start, end).map(|_| ()),
            Err(Problem::InvalidChars(Field::Title))
        );
    }

    fn session(id: i64, kind: SessionKind, from: (u32, u32), to: (u32, u32)) -> SessionView {
        SessionView {
            id,
            title: format!("s{id}"),
            description: String::new(),
            kind,
            starts_at: at(from.0, from.1),
            ends_at: at(to.0, to.1),
            room: String::new(),
            position: id,
            round: None,
            speakers: vec![],
        }
    }

    #[test]
    fn networking_rounds_are_numbered_in_time_order() {
        let mut s = vec![
            session(5, SessionKind::Networking, (15, 30), (16, 0)),
            session(1, SessionKind::Welcome, (13, 0), (13, 10)),
            session(7, SessionKind::Networking, (15, 0), (15, 30)),
            session(2, SessionKind::Closing, (16, 0), (16, 30)),
        ];
        order_and_number(&mut s);
        let got: Vec<(i64, Option<u32>)> = s.iter().map(|s| (s.id, s.round)).collect();
        assert_eq!(got, vec![(1, None), (7, Some(1)), (5, Some(2)), (2, None)]);
    }

    #[test]
    fn current_and_next_table() {
        let s = vec![
            session(1, SessionKind::Welcome, (13, 0), (13, 30)),
            session(2, SessionKind::Talk, (13, 30), (14, 0)),
            session(3, SessionKind::Closing, (14, 30), (15, 0)),
        ];
        let day = |d: u32, h: u32, m: u32| Utc.with_ymd_and_hms(2026, 12, d, h, m, 0).unwrap();
        let cases = [
            ("the morning of the day", day(3, 8, 0), (None, Some(1))),
            ("during the welcome", day(3, 13, 10), (Some(1), Some(2))),
            ("at the change", day(3, 13, 30), (Some(2), Some(3))),
            ("in the gap", day(3, 14, 10), (None, Some(3))),
            ("during the last", day(3, 14, 45), (Some(3), None)),
            ("evening", day(3, 20, 0), (None, None)),
            ("the day before", day(2, 13, 10), (None, None)),
            // 23:30 UTC on the 2nd is 00:30 on the 3rd in Brussels: the day itself
            (
                "just after midnight in Brussels",
                day(2, 23, 30),
                (None, Some(1)),
            ),
        ];
        for (name, now, want) in cases {
            assert_eq!(current_and_next(&s, now), want, "{name}");
        }
    }

    #[test]
    fn the_day_is_the_brussels_day_across_dst() {
        // The night the clocks go back (25 October 2026): 00:30–03:30 Brussels time is
        // 22:30 UTC on the 24th to 02:30 UTC on the 25th (UTC+2, then UTC+1).
        let s = vec![SessionView {
            starts_at: Utc.with_ymd_and_hms(2026, 10, 24, 22, 30, 0).unwrap(),
            ends_at: Utc.with_ymd_and_hms(2026, 10, 25, 2, 30, 0).unwrap(),
            ..session(1, SessionKind::Other, (0, 0), (0, 0))
        }];
        let during = Utc.with_ymd_and_hms(2026, 10, 25, 1, 15, 0).unwrap();
        assert_eq!(current_and_next(&s, during), (Some(1), None));
        let before = Utc.with_ymd_and_hms(2026, 10, 24, 22, 15, 0).unwrap();
        assert_eq!(
            current_and_next(&s, before),
            (None, Some(1)),
            "00:15 on the 25th"
        );
    }
}
