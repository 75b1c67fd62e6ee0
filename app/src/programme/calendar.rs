//! The programme as calendar files (server only, `icalendar` crate): the whole programme
//! (`/e/<slug>/agenda.ics`, the subscribable feed) and one session (`…/sessions/<id>.ics`).
//! Times in UTC (unambiguous across DST changes); each session has a stable UID, SEQUENCE
//! and LAST-MODIFIED, so a change reaches subscribers. The calendar's own texts (its name,
//! "Ronde N") and the event title follow `?lang=` (calendar apps send no cookie), else the
//! visitor's language; session titles are the coordinator's, in their language. Texts go
//! through [`crate::ics`], so no stored text can break a line or add a property.

use super::model::SessionView;
use super::service::session_views;
use crate::i18n::{Lang, T};
use crate::ics;
use crate::state::AppState;
use crate::store::events::StoredEvent;
use crate::store::programme::StoredProgramme;
use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, Utc};
use icalendar::{Calendar, Component, EventLike};

/// The host name in `base_url` (no port), for UIDs (`session-12@host`).
fn host(base_url: &str) -> &str {
    base_url
        .split("://")
        .nth(1)
        .unwrap_or("tafelronde")
        .split(['/', ':'])
        .next()
        .filter(|h| !h.is_empty())
        .unwrap_or("tafelronde")
}

fn entry(
    event: &StoredEvent,
    p: &StoredProgramme,
    s: &SessionView,
    base_url: &str,
    lang: Lang,
) -> icalendar::Event {
    let row = p.sessions.iter().find(|r| r.id == s.id);
    let updated: DateTime<Utc> = row.map(|r| r.updated_at).unwrap_or(event.view.starts_at);
    let sequence = row.map(|r| r.sequence).unwrap_or(0);
    let mut description = String::new();
    if let Some(n) = s.round {
        description.push_str(&format!("{} {n}\n", lang.t(T::AgendaRound)));
    }
    for k in &s.speakers {
        let affiliation = k.affiliation();
        if affiliation.is_empty() {
            description.push_str(&format!("{}\n", k.name));
        } else {
            description.push_str(&format!("{} ({affiliation})\n", k.name));
        }
    }
    if !s.description.is_empty() {
        if !description.is_empty() {
            description.push('\n');
        }
        description.push_str(&s.description);
    }
    let venue = format!("{}, {}", event.view.venue_name, event.view.venue_address);
    let location = if s.room.is_empty() {
        venue
    } else {
        format!("{} — {venue}", s.room)
    };
    let mut entry = icalendar::Event::new();
    let description = description.trim_end();
    if !description.is_empty() {
        entry.description(&ics::text(description));
    }
    entry
        .uid(&format!("session-{}@{}", s.id, host(base_url)))
        .timestamp(updated)
        .last_modified(updated)
        .sequence(u32::try_from(sequence).unwrap_or(0))
        .summary(&ics::text(&s.title))
        .location(&ics::text(&location))
        .starts(s.starts_at)
        .ends(s.ends_at)
        .url(&format!(
            "{base_url}/e/{}/agenda#session-{}",
            event.view.slug, s.id
        ))
        .done()
}

/// The calendar with the sessions of `p` (all of them, or only session `only`). `None`
/// when `only` names no session of the event.
pub fn programme_calendar(
    event: &StoredEvent,
    p: &StoredProgramme,
    only: Option<i64>,
    base_url: &str,
    lang: Lang,
) -> Option<String> {
    let sessions = session_views(p).ok()?;
    let mut cal = Calendar::new();
    cal.append_property(("METHOD", "PUBLISH"));
    let name = format!(
        "{} · {}",
        event.view.title_in(lang).text,
        lang.t(T::AgendaTitle)
    );
    ics::name(&mut cal, &name);
    cal.timezone("Europe/Brussels");
    cal.ttl(&chrono::Duration::hours(1));
    let mut any = false;
    for s in sessions.iter().filter(|s| only.is_none_or(|id| id == s.id)) {
        cal.push(entry(event, p, s, base_url, lang));
        any = true;
    }
    (any || only.is_none()).then(|| cal.done().to_string())
}

fn not_found() -> Response {
    (StatusCode::NOT_FOUND, "not found").into_response()
}

/// The calendar's language: `?lang=` (the links on the agenda page carry it, and calendar
/// apps keep it in the feed URL), else the `lang` cookie or `Accept-Language`.
#[derive(serde::Deserialize)]
pub struct CalendarQuery {
    lang: Option<String>,
}

impl CalendarQuery {
    fn lang(&self, headers: &HeaderMap) -> Lang {
        self.lang
            .as_deref()
            .and_then(Lang::parse)
            .unwrap_or_else(|| Lang::of_headers(headers))
    }
}

async fn answer(state: &AppState, slug: &str, only: Option<i64>, lang: Lang) -> Response {
    let (event, p) = match state.programme().stored(slug).await {
        Ok(v) => v,
        Err(super::service::ProgrammeError::NotFound) => return not_found(),
        Err(e) => {
            let e: crate::error::AppError = e.into();
            return (StatusCode::INTERNAL_SERVER_ERROR, e.to_string()).into_response();
        }
    };
    // Unpublished events have no public calendar.
    if !event.view.published {
        return not_found();
    }
    let base_url = state.config.base_url.trim_end_matches('/');
    let Some(body) = programme_calendar(&event, &p, only, base_url, lang) else {
        return not_found();
    };
    let name = match only {
        Some(id) => format!("{slug}-{id}.ics"),
        None => format!("{slug}.ics"),
    };
    let modified = p
        .updated_at
        .map(|t| t.format("%a, %d %b %Y %H:%M:%S GMT").to_string());
    let mut resp = (
        [
            (
                header::CONTENT_TYPE,
                "text/calendar; charset=utf-8".to_string(),
            ),
            (
                header::CONTENT_DISPOSITION,
                format!("inline; filename=\"{name}\""),
            ),
            // Calendar apps and browsers ask again rather than keep an old programme.
            (header::CACHE_CONTROL, "no-cache".to_string()),
        ],
        body,
    )
        .into_response();
    if let Some(m) = modified.and_then(|m| header::HeaderValue::from_str(&m).ok()) {
        resp.headers_mut().insert(header::LAST_MODIFIED, m);
    }
    resp
}

/// `GET /e/{slug}/agenda.ics`: the whole programme, the subscribable feed.
pub async fn feed(
    State(state): State<AppState>,
    Path(slug): Path<String>,
    Query(q): Query<CalendarQuery>,
    headers: HeaderMap,
) -> Response {
    answer(&state, &slug, None, q.lang(&headers)).await
}

/// `GET /e/{slug}/sessions/{id}.ics`: one session.
pub async fn session(
    State(state): State<AppState>,
    Path((slug, file)): Path<(String, String)>,
    Query(q): Query<CalendarQuery>,
    headers: HeaderMap,
) -> Response {
    match file
        .strip_suffix(".ics")
        .and_then(|id| id.parse::<i64>().ok())
    {
        Some(id) => answer(&state, &slug, Some(id), q.lang(&headers)).await,
        None => not_found(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ics::tests::{content_lines, property, value};
    use crate::store::programme::SessionRow;

    #[test]
    fn uids_use_the_host_name() {
        for (url, want) in [
            ("https://tafelronde.example", "tafelronde.example"),
            ("http://127.0.0.1:3410", "127.0.0.1"),
            ("https://x.be/sub/path", "x.be"),
            ("", "tafelronde"),
        ] {
            assert_eq!(host(url), want, "{url}");
        }
    }

    /// Stored data that predates the forms' checks: line breaks (CRLF, CR, LF) that try to
    /// add an attendee or a component, TEXT specials, and long non-ASCII texts to fold.
    const TITLE: &str = "Kwis\r\nATTENDEE:mailto:x@evil\rEND:VEVENT\nBEGIN:VEVENT; a, b \\";

    fn programme(n: i64) -> (StoredEvent, StoredProgramme) {
        let now = Utc::now();
        let mut view = crate::demo::demo_event(now);
        view.title = format!(
            "Événement\r\nATTENDEE:mailto:x@evil\nBEGIN:VEVENT {}",
            "é".repeat(60)
        );
        view.venue_name = "Zaal\rMETHOD:REQUEST".into();
        let sessions = (1..=n)
            .map(|id| SessionRow {
                id,
                event_id: 1,
                title: TITLE.into(),
                description: format!(
                    "{}\r\nORGANIZER:mailto:x@evil\n{}",
                    "老虎🐯".repeat(40),
                    "ab ".repeat(50)
                ),
                kind: "talk".into(),
                starts_at: view.starts_at + chrono::Duration::hours(id),
                ends_at: view.starts_at
                    + chrono::Duration::hours(id)
                    + chrono::Duration::minutes(30),
                room: "Zaal 1\n\u{7}".into(),
                position: id,
                sequence: 0,
                created_at: now,
                updated_at: now,
            })
            .collect();
        let p = StoredProgramme {
            sessions,
            speakers: Vec::new(),
            links: Vec::new(),
            times_illustrative: false,
            updated_at: Some(now),
        };
        (StoredEvent { id: 1, view }, p)
    }

    #[test]
    fn texts_cannot_inject_and_lines_are_folded() {
        const CALENDAR: [&str; 9] = [
            "BEGIN",
            "END",
            "VERSION",
            "PRODID",
            "CALSCALE",
            "METHOD",
            "NAME",
            "X-WR-CALNAME",
            "X-WR-TIMEZONE",
        ];
        const EVENT: [&str; 10] = [
            "UID",
            "DTSTAMP",
            "LAST-MODIFIED",
            "SEQUENCE",
            "SUMMARY",
            "LOCATION",
            "DTSTART",
            "DTEND",
            "URL",
            "DESCRIPTION",
        ];
        let (event, p) = programme(2);
        for (only, count) in [(None, 2), (Some(2), 1)] {
            let ics = programme_calendar(&event, &p, only, "https://t.example", Lang::Nl)
                .expect("a calendar");
            let lines = content_lines(&ics);
            for l in &lines {
                let name = property(l);
                assert!(
                    CALENDAR.contains(&name)
                        || EVENT.contains(&name)
                        || name == "REFRESH-INTERVAL"
                        || name == "X-PUBLISHED-TTL",
                    "unexpected property {name:?} in {ics}"
                );
            }
            let begins: Vec<&String> = lines.iter().filter(|l| property(l) == "BEGIN").collect();
            assert_eq!(begins.len(), 1 + count, "{ics}");
            assert_eq!(lines.iter().filter(|l| *l == "BEGIN:VEVENT").count(), count);
            let method: Vec<&String> = lines.iter().filter(|l| property(l) == "METHOD").collect();
            assert_eq!(method, ["METHOD:PUBLISH"]);
            let summaries: Vec<String> = lines
                .iter()
                .filter(|l| property(l) == "SUMMARY")
                .map(|l| value(l))
                .collect();
            let want = "Kwis\nATTENDEE:mailto:x@evil\nEND:VEVENT\nBEGIN:VEVENT; a, b \\";
            assert_eq!(summaries, vec![want; count]);
            let name = lines.iter().find(|l| property(l) == "NAME").expect("NAME");
            assert!(value(name).starts_with("Événement\nATTENDEE:mailto:x@evil\nBEGIN:VEVENT éé"));
            let location = lines
                .iter()
                .find(|l| property(l) == "LOCATION")
                .expect("LOCATION");
            let want = format!(
                "Zaal 1\n — Zaal\nMETHOD:REQUEST, {}",
                event.view.venue_address
            );
            assert_eq!(value(location), want);
        }
    }
}
