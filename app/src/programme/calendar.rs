//! The programme as calendar files (server only, `icalendar` crate): the whole programme
//! (`/e/<slug>/agenda.ics`, the subscribable feed) and one session (`…/sessions/<id>.ics`).
//! Times in UTC (unambiguous across DST changes); each session has a stable UID, SEQUENCE
//! and LAST-MODIFIED, so a change reaches subscribers. The calendar's own texts (its name,
//! "Ronde N") and the event title follow `?lang=` (calendar apps send no cookie), else the
//! visitor's language; session titles are the coordinator's, in their language.

use super::model::SessionView;
use super::service::session_views;
use crate::i18n::{Lang, T};
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
        entry.description(description);
    }
    entry
        .uid(&format!("session-{}@{}", s.id, host(base_url)))
        .timestamp(updated)
        .last_modified(updated)
        .sequence(u32::try_from(sequence).unwrap_or(0))
        .summary(&s.title)
        .location(&location)
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
    cal.name(&format!(
        "{} · {}",
        event.view.title_in(lang).text,
        lang.t(T::AgendaTitle)
    ));
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
    use super::host;

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
}
