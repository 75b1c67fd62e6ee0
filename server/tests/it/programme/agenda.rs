//! The programme (issue 9) on SQLite and PostgreSQL: the public agenda page lists the
//! sessions in order with their speakers and never a contact address; the calendar files
//! parse back with the right Brussels times (also on the night the clocks go back) and
//! carry stable UIDs with a rising SEQUENCE; the service refuses conflicts and writes
//! nothing then; a seat's mail and the manage page show the agenda.

use crate::common::*;
use app::error::AppError;
use app::programme::model::{Problem, SessionInput, SessionKind, SpeakerInput};
use app::programme::service::{Programme, ProgrammeError};
use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use chrono_tz::Europe::Brussels;
use icalendar::{CalendarComponent, CalendarDateTime, Component, DatePerhapsTime, EventLike};

on_both_databases!(
    the_agenda_lists_sessions_in_order_without_contact_addresses,
    calendar_times_are_right_in_brussels_across_the_clock_change,
    conflicts_are_refused_and_nothing_is_written,
    a_seat_gets_the_agenda_by_mail_and_on_the_manage_page,
    on_the_day_the_current_and_next_session_stand_out,
    calendar_texts_cannot_add_properties_or_components,
);

/// Adds the demo event as `slug` with the seed's programme; returns its start.
async fn demo_with_programme(srv: &Running, slug: &str) -> DateTime<Utc> {
    add_event(srv, slug, 50).await;
    let e = app::store::events::by_slug(&srv.state.db, slug)
        .await
        .unwrap()
        .unwrap();
    app::demo::load_programme(&srv.state.db, slug, e.view.starts_at)
        .await
        .expect("the seed programme passes the checks");
    e.view.starts_at
}

fn brussels(y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
    let naive = NaiveDate::from_ymd_opt(y, m, d)
        .unwrap()
        .and_hms_opt(h, min, 0)
        .unwrap();
    Brussels
        .from_local_datetime(&naive)
        .earliest()
        .unwrap()
        .with_timezone(&Utc)
}

fn position(page: &str, needle: &str) -> usize {
    page.find(needle)
        .unwrap_or_else(|| panic!("{needle:?} on the page"))
}

async fn the_agenda_lists_sessions_in_order_without_contact_addresses(db: &TestDb) {
    let mail = MailDev::start().await;
    let srv = start(db, mail.smtp, &[]).await;
    demo_with_programme(&srv, "demo").await;

    let (status, page) = get(&srv, "/e/demo/agenda").await;
    assert_eq!(status, 200);
    // In time order, each with its speakers.
    let order = [
        "Onthaal met koffie",
        "Lokale besturen als regisseur",
        "Goede praktijk: samenwerken in de logistiek",
        "Goede praktijk: rekruteren via trajectbegeleiding",
        "Goede praktijk: een inclusieve werkvloer",
        "Samenvatting en uitnodiging aan tafel",
        "Ronde 1",
        "Ronde 2",
        "Afsluiting en netwerkdrink",
    ];
    let at: Vec<usize> = order.iter().map(|t| position(&page, t)).collect();
    assert!(at.windows(2).all(|w| w[0] < w[1]), "in time order: {at:?}");
    for (session, speaker) in [
        ("Lokale besturen als regisseur", "Serge Vander Linden"),
        ("samenwerken in de logistiek", "Wouter Weltens"),
        ("rekruteren via trajectbegeleiding", "Guido Grochowczak"),
        ("een inclusieve werkvloer", "Grete Remen"),
        ("Samenvatting en uitnodiging", "Liesbeth Nieuwets"),
    ] {
        let s = position(&page, session);
        let next_session = page[s..]
            .find("<li id=\"session-")
            .map_or(page.len(), |i| s + i);
        assert!(
            page[s..next_session].contains(speaker),
            "{speaker} speaks in {session}"
        );
    }
    // Profiles, times in Brussels, the note on illustrative times, calendar links.
    assert!(page.contains("Operations Manager, H.Essers"));
    assert!(page.contains("<time datetime="), "machine-readable times");
    assert!(
        page.contains(">14:10</time>"),
        "Serge at 14:10 Brussels time"
    );
    assert!(
        page.contains("ter illustratie"),
        "the demo says its times are examples"
    );
    assert!(page.contains("href=\"/e/demo/agenda.ics?lang=nl\""));
    assert!(page.contains("webcal://"));
    assert!(
        page.contains("/e/demo/agenda.ics?lang=nl\""),
        "the feed keeps the language"
    );
    // Never the private contact address, neither in the page nor in its data.
    assert!(
        !page.contains("example.org"),
        "no contact address on the page"
    );
    let json = client()
        .post(format!("http://{}/api/agenda", srv.addr))
        .json(&serde_json::json!({ "slug": "demo" }))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        json.contains("Serge Vander Linden") && !json.contains("example.org"),
        "{json}"
    );
    assert!(!json.contains("contact"), "{json}");

    // The event page shows the compact agenda and links to the full one.
    let (_, page) = get(&srv, "/e/demo").await;
    assert!(page.contains("href=\"/e/demo/agenda\""), "{page}");
    assert!(page.contains("Lokale besturen als regisseur"));

    // In English, the page's own words are English, the organiser's titles marked Dutch.
    let r = client()
        .get(format!("http://{}/e/demo/agenda", srv.addr))
        .header("cookie", "lang=en")
        .send()
        .await
        .unwrap();
    let page = r.text().await.unwrap();
    assert!(
        page.contains("Speakers") && page.contains("Round 1"),
        "{page}"
    );
    assert!(page.contains("<h2 lang=\"nl-BE\">Lokale besturen als regisseur</h2>"));

    // An unpublished event has no public agenda, page or calendar.
    app::store::events::set_published(
        &srv.state.db,
        app::store::events::by_slug(&srv.state.db, "demo")
            .await
            .unwrap()
            .unwrap()
            .id,
        false,
    )
    .await
    .unwrap();
    assert_eq!(get(&srv, "/e/demo/agenda").await.0, 404);
    assert_eq!(get(&srv, "/e/demo/agenda.ics").await.0, 404);
    assert_eq!(get(&srv, "/e/nope/agenda").await.0, 404);
    srv.stop().await;
}

/// The VEVENTs of a calendar file.
fn events_of(text: &str) -> Vec<icalendar::Event> {
    let cal: icalendar::Calendar = text.parse().expect("a valid calendar");
    cal.components
        .iter()
        .filter_map(CalendarComponent::as_event)
        .cloned()
        .collect()
}

fn utc(t: Option<DatePerhapsTime>) -> DateTime<Utc> {
    match t {
        Some(DatePerhapsTime::DateTime(CalendarDateTime::Utc(t))) => t,
        other => panic!("a UTC date-time, not {other:?}"),
    }
}

fn local(t: DateTime<Utc>) -> String {
    t.with_timezone(&Brussels)
        .format("%Y-%m-%d %H:%M %Z")
        .to_string()
}

async fn calendar(srv: &Running, path: &str) -> (u16, String, String) {
    let r = client()
        .get(format!("http://{}{path}", srv.addr))
        .send()
        .await
        .unwrap();
    let status = r.status().as_u16();
    let kind = r
        .headers()
        .get("content-type")
        .map(|v| v.to_str().unwrap().to_string())
        .unwrap_or_default();
    (status, kind, r.text().await.unwrap())
}

async fn calendar_times_are_right_in_brussels_across_the_clock_change(db: &TestDb) {
    let mail = MailDev::start().await;
    let srv = start(db, mail.smtp, &[]).await;
    // A night event on 25 October 2026, when the clocks go back at 03:00 (CEST → CET).
    add_event(&srv, "nacht", 50).await;
    let id = app::store::events::by_slug(&srv.state.db, "nacht")
        .await
        .unwrap()
        .unwrap()
        .id;
    let mut e = app::demo::demo_event(Utc::now());
    e.slug = "nacht".into();
    e.starts_at = brussels(2026, 10, 24, 22, 0);
    e.ends_at = brussels(2026, 10, 25, 6, 0);
    let mut tx = srv.state.db.begin_write().await.unwrap();
    app::store::events::update_tx(&mut tx, id, &e)
        .await
        .unwrap();
    tx.commit().await.unwrap();

    let programme = Programme::new(srv.state.db.clone(), "http://tafelronde.test");
    let speaker = programme
        .create_speaker(
            "nacht",
            &SpeakerInput {
                name: "Nora Nacht".into(),
                role: "Nachtwaker".into(),
                contact_email: "nora@private.example".into(),
                ..Default::default()
            },
        )
        .await
        .unwrap();
    // 00:30 summer time to 03:30 winter time: four hours, not three.
    let night = SessionInput {
        title: "Nachtelijke netwerkronde".into(),
        description: String::new(),
        kind: SessionKind::Networking,
        starts_at: Utc.with_ymd_and_hms(2026, 10, 24, 22, 30, 0).unwrap(),
        ends_at: Utc.with_ymd_and_hms(2026, 10, 25, 2, 30, 0).unwrap(),
        room: "Kelder".into(),
        speakers: vec![speaker],
    };
    assert_eq!(local(night.starts_at), "2026-10-25 00:30 CEST");
    assert_eq!(local(night.ends_at), "2026-10-25 03:30 CET");
    let session = programme.create_session("nacht", &night).await.unwrap();
    let later = SessionInput {
        title: "Ontbijt".into(),
        kind: SessionKind::Closing,
        starts_at: brussels(2026, 10, 25, 4, 0),
        ends_at: brussels(2026, 10, 25, 5, 0),
        speakers: vec![],
        ..night.clone()
    };
    programme.create_session("nacht", &later).await.unwrap();

    let (status, kind, body) = calendar(&srv, "/e/nacht/agenda.ics").await;
    assert_eq!(status, 200);
    assert!(kind.starts_with("text/calendar"), "{kind}");
    assert!(
        !body.contains("private.example"),
        "no contact address in the calendar"
    );
    let entries = events_of(&body);
    assert_eq!(entries.len(), 2);
    let first = &entries[0];
    assert_eq!(first.get_summary(), Some("Nachtelijke netwerkronde"));
    assert_eq!(local(utc(first.get_start())), "2026-10-25 00:30 CEST");
    assert_eq!(local(utc(first.get_end())), "2026-10-25 03:30 CET");
    assert_eq!(
        utc(first.get_end()) - utc(first.get_start()),
        chrono::Duration::hours(4)
    );
    assert_eq!(local(utc(entries[1].get_start())), "2026-10-25 04:00 CET");
    let uid = first.get_uid().expect("a UID").to_string();
    assert_eq!(first.get_sequence(), Some(0));
    assert!(first.get_last_modified().is_some());
    assert!(first.get_location().unwrap_or("").contains("Kelder"));
    assert!(first.get_description().unwrap_or("").contains("Nora Nacht"));
    assert!(
        first
            .get_uid()
            .unwrap_or("")
            .starts_with(&format!("session-{session}@")),
        "{body}"
    );
    assert!(
        !body.contains("DESCRIPTION:\\n"),
        "no empty first line: {body}"
    );

    // One session's file: just that session, with the same UID.
    let (status, kind, one) = calendar(&srv, &format!("/e/nacht/sessions/{session}.ics")).await;
    assert_eq!(status, 200);
    assert!(kind.starts_with("text/calendar"));
    let only = events_of(&one);
    assert_eq!(only.len(), 1);
    assert_eq!(only[0].get_uid(), Some(uid.as_str()));

    // A change keeps the UID and raises the SEQUENCE, so subscribers take it.
    let moved = SessionInput {
        starts_at: brussels(2026, 10, 25, 1, 0),
        ..night.clone()
    };
    programme
        .update_session("nacht", session, &moved)
        .await
        .unwrap();
    let (_, _, body) = calendar(&srv, "/e/nacht/agenda.ics").await;
    let first = events_of(&body).remove(0);
    assert_eq!(first.get_uid(), Some(uid.as_str()));
    assert_eq!(first.get_sequence(), Some(1));
    assert_eq!(local(utc(first.get_start())), "2026-10-25 01:00 CEST");

    // A speaker's new name reaches the entries they are in (SEQUENCE again); taking them
    // off the programme too.
    programme
        .update_speaker(
            "nacht",
            speaker,
            &SpeakerInput {
                name: "Nora Dag".into(),
                ..Default::default()
            },
        )
        .await
        .unwrap();
    let (_, _, body) = calendar(&srv, "/e/nacht/agenda.ics").await;
    let first = events_of(&body).remove(0);
    assert_eq!(first.get_sequence(), Some(2));
    assert!(first.get_description().unwrap_or("").contains("Nora Dag"));
    programme.delete_speaker("nacht", speaker).await.unwrap();
    let (_, _, body) = calendar(&srv, "/e/nacht/agenda.ics").await;
    let first = events_of(&body).remove(0);
    assert_eq!(first.get_sequence(), Some(3));
    assert!(!first.get_description().unwrap_or("").contains("Nora"));
    assert!(matches!(
        programme.delete_speaker("nacht", speaker).await,
        Err(ProgrammeError::NotFound)
    ));

    // The demo's programme: the talk of the schepen at 14:10 Brussels time.
    let start = demo_with_programme(&srv, "demo").await;
    let (_, _, body) = calendar(&srv, "/e/demo/agenda.ics").await;
    assert!(body.contains("Ronde 1"), "Dutch by default");
    // The calendar's own texts follow ?lang=, then the cookie.
    let (_, _, english) = calendar(&srv, "/e/demo/agenda.ics?lang=en").await;
    assert!(english.contains("Round 1") && !english.contains("Ronde 1"));
    let french = client()
        .get(format!("http://{}/e/demo/agenda.ics", srv.addr))
        .header("cookie", "lang=fr")
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(french.contains("Tour 1"), "{french}");
    let entries = events_of(&body);
    assert_eq!(entries.len(), 10);
    let talk = entries
        .iter()
        .find(|e| e.get_summary() == Some("Lokale besturen als regisseur"))
        .expect("the talk");
    let day = start
        .with_timezone(&Brussels)
        .format("%Y-%m-%d")
        .to_string();
    assert_eq!(
        utc(talk.get_start())
            .with_timezone(&Brussels)
            .format("%Y-%m-%d %H:%M")
            .to_string(),
        format!("{day} 14:10")
    );

    for missing in [
        "/e/nacht/sessions/999999.ics",
        "/e/nacht/sessions/abc.ics",
        &format!("/e/demo/sessions/{session}.ics"),
        "/e/nope/agenda.ics",
    ] {
        assert_eq!(calendar(&srv, missing).await.0, 404, "{missing}");
    }
    srv.stop().await;
}

/// A session saved through the coordinator's API whose description tries to start a
/// component and add an attendee, a session title with CR LF and a lone CR and an event
/// title with line breaks as stored before the forms refused control characters (written
/// to the database directly): the feed and the session's file parse back with exactly
/// their sessions, no ATTENDEE or ORGANIZER, and the texts as stored (CR as LF).
async fn calendar_texts_cannot_add_properties_or_components(db: &TestDb) {
    const TITLE: &str = "Kwis\r\nATTENDEE:mailto:x@evil\rEND:VEVENT\nBEGIN:VEVENT; a, b \\ é";
    const DESCRIPTION: &str = "Eerste regel\nEND:VEVENT\nBEGIN:VEVENT\nATTENDEE:mailto:x@evil\r\n\
                               ORGANIZER:mailto:x@evil\nlang: 老虎🐯老虎🐯老虎🐯老虎🐯老虎🐯老虎🐯老虎🐯老虎🐯";
    let mail = MailDev::start().await;
    let srv = start(db, mail.smtp, &[]).await;
    let event = add_event(&srv, "kwis", 50).await;
    let cookie = crate::common::coordinator::signed_in(&srv, &mail, "kwis").await;
    let save = |title: &str, start: &str, end: &str| {
        [
            ("slug", "kwis"),
            ("id", "0"),
            ("title", title),
            ("description", DESCRIPTION),
            ("kind", "talk"),
            ("start", start),
            ("end", end),
            ("room", "Zaal; 1, boven"),
        ]
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect::<Vec<_>>()
    };
    const SAVE: &str = "/api/coordinator/programme/session";
    for (start, end) in [("14:00", "14:30"), ("15:00", "15:30")] {
        let r = crate::common::coordinator::post_as(&srv, &cookie, SAVE, &save("Kwis", start, end))
            .await;
        assert!(
            r.status().is_success() || r.status().is_redirection(),
            "{}",
            r.status()
        );
    }
    let stored = app::store::programme::of_event(&srv.state.db, event)
        .await
        .unwrap();
    assert_eq!(stored.sessions.len(), 2);
    let session = stored.sessions[0].id;
    assert_eq!(
        stored.sessions[0].description,
        DESCRIPTION.replace("\r\n", "\n")
    );
    // Titles from before the checks, straight into the database.
    let changed = app::on_db!(&srv.state.db, p => {
        sqlx::query("UPDATE programme_sessions SET title = $1 WHERE event_id = $2")
            .bind(TITLE)
            .bind(event)
            .execute(p)
            .await
            .unwrap()
            .rows_affected()
    });
    assert_eq!(changed, 2);
    let mut e = app::store::events::by_slug(&srv.state.db, "kwis")
        .await
        .unwrap()
        .unwrap()
        .view;
    e.title = "Ronde\r\nATTENDEE:mailto:x@evil\nBEGIN:VEVENT\rEND:VCALENDAR".into();
    let mut tx = srv.state.db.begin_write().await.unwrap();
    app::store::events::update_tx(&mut tx, event, &e)
        .await
        .unwrap();
    tx.commit().await.unwrap();

    for (path, count) in [
        ("/e/kwis/agenda.ics".to_string(), 2),
        (format!("/e/kwis/sessions/{session}.ics"), 1),
    ] {
        let (status, _, body) = calendar(&srv, &path).await;
        assert_eq!(status, 200, "{path}");
        // CRLF only, at most 75 octets a line; the injected texts start no line.
        let lines: Vec<&str> = body.split("\r\n").collect();
        for line in &lines {
            assert!(
                !line.contains(['\r', '\n']),
                "bare CR or LF: {line:?} in {body:?}"
            );
            assert!(line.len() <= 75, "{} octets: {line:?}", line.len());
            assert!(
                !line.starts_with("ATTENDEE") && !line.starts_with("ORGANIZER"),
                "{body}"
            );
        }
        let starting = |l: &str| lines.iter().filter(|x| **x == l).count();
        assert_eq!(starting("BEGIN:VEVENT"), count, "{body}");
        assert_eq!(starting("END:VEVENT"), count, "{body}");
        assert_eq!(starting("END:VCALENDAR"), 1, "{body}");
        let cal: icalendar::Calendar = body.parse().expect("a valid calendar");
        assert_eq!(cal.components.len(), count, "{body}");
        assert!(
            cal.property_value("X-WR-CALNAME")
                .unwrap_or("")
                .starts_with("Ronde\nATTENDEE:mailto:x@evil\nBEGIN:VEVENT\nEND:VCALENDAR · "),
            "{body}"
        );
        let entries = events_of(&body);
        assert_eq!(entries.len(), count);
        for entry in &entries {
            assert_eq!(
                entry.get_summary(),
                Some("Kwis\nATTENDEE:mailto:x@evil\nEND:VEVENT\nBEGIN:VEVENT; a, b \\ é")
            );
            assert_eq!(
                entry.get_description(),
                Some(DESCRIPTION.replace("\r\n", "\n").as_str())
            );
            assert!(entry
                .get_location()
                .unwrap_or("")
                .starts_with("Zaal; 1, boven — "));
            for name in ["ATTENDEE", "ORGANIZER"] {
                assert!(entry.property_value(name).is_none(), "{body}");
                assert!(!entry.multi_properties().contains_key(name), "{body}");
            }
            assert!(entry.components().is_empty(), "no nested component");
        }
    }
    srv.stop().await;
}

async fn count_sessions(srv: &Running, slug: &str) -> usize {
    let id = app::store::events::by_slug(&srv.state.db, slug)
        .await
        .unwrap()
        .unwrap()
        .id;
    app::store::programme::of_event(&srv.state.db, id)
        .await
        .unwrap()
        .sessions
        .len()
}

async fn conflicts_are_refused_and_nothing_is_written(db: &TestDb) {
    let mail = MailDev::start().await;
    let srv = start(db, mail.smtp, &[]).await;
    let start = demo_with_programme(&srv, "demo").await;
    let p = srv.state.programme();
    let agenda = p.agenda("demo", Utc::now()).await.unwrap().0;
    let serge = agenda.speakers[0].id;
    let talk = agenda
        .sessions
        .iter()
        .find(|s| s.title == "Lokale besturen als regisseur")
        .unwrap()
        .clone();
    let before = count_sessions(&srv, "demo").await;
    let base = SessionInput {
        title: "Extra".into(),
        description: String::new(),
        kind: SessionKind::Talk,
        starts_at: talk.starts_at,
        ends_at: talk.ends_at,
        room: String::new(),
        speakers: vec![],
    };
    // The talk gets a room, then another session wants it at the same time.
    p.update_session(
        "demo",
        talk.id,
        &SessionInput {
            title: talk.title.clone(),
            description: talk.description.clone(),
            kind: talk.kind,
            starts_at: talk.starts_at,
            ends_at: talk.ends_at,
            room: "Brouwzaal".into(),
            speakers: vec![serge],
        },
    )
    .await
    .unwrap();
    type Case = (&'static str, SessionInput, fn(&Problem) -> bool);
    let cases: Vec<Case> = vec![
        (
            "room taken",
            SessionInput {
                room: "brouwzaal".into(),
                ..base.clone()
            },
            |p| matches!(p, Problem::RoomTaken { .. }),
        ),
        (
            "speaker busy",
            SessionInput {
                room: "Kelder".into(),
                speakers: vec![serge],
                ..base.clone()
            },
            |p| matches!(p, Problem::SpeakerBusy { .. }),
        ),
        (
            "before the event",
            SessionInput {
                starts_at: start - chrono::Duration::hours(1),
                ends_at: start,
                ..base.clone()
            },
            |p| *p == Problem::OutsideEvent,
        ),
        (
            "end before start",
            SessionInput {
                starts_at: talk.ends_at,
                ends_at: talk.starts_at,
                ..base.clone()
            },
            |p| *p == Problem::EndNotAfterStart,
        ),
        (
            "no title",
            SessionInput {
                title: " ".into(),
                ..base.clone()
            },
            |p| *p == Problem::TitleRequired,
        ),
        (
            "a speaker of another event",
            SessionInput {
                speakers: vec![serge + 1000],
                ..base.clone()
            },
            |p| matches!(p, Problem::UnknownSpeaker(_)),
        ),
    ];
    for (name, input, want) in cases {
        match p.create_session("demo", &input).await {
            Err(ProgrammeError::Invalid(problem)) => {
                assert!(want(&problem), "{name}: {problem:?}");
                // Shown to the user as a 422 with a message in their language.
                let e: AppError = ProgrammeError::Invalid(problem).into();
                assert_eq!(e.status(), 422, "{name}");
            }
            other => panic!("{name}: refused expected, got {other:?}"),
        }
    }
    assert_eq!(
        count_sessions(&srv, "demo").await,
        before,
        "nothing written"
    );
    // Back to back in the same room is fine.
    let after = SessionInput {
        room: "Brouwzaal".into(),
        starts_at: talk.ends_at,
        ends_at: talk.ends_at + chrono::Duration::minutes(5),
        ..base.clone()
    };
    let added = p.create_session("demo", &after).await.unwrap();
    assert_eq!(count_sessions(&srv, "demo").await, before + 1);
    p.delete_session("demo", added).await.unwrap();
    assert_eq!(count_sessions(&srv, "demo").await, before);
    assert!(matches!(
        p.delete_session("demo", added).await,
        Err(ProgrammeError::NotFound)
    ));
    assert!(matches!(
        p.update_session("demo", 999_999, &after).await,
        Err(ProgrammeError::NotFound)
    ));
    srv.stop().await;
}

async fn a_seat_gets_the_agenda_by_mail_and_on_the_manage_page(db: &TestDb) {
    let mail = MailDev::start().await;
    let srv = start(db, mail.smtp, &[]).await;
    demo_with_programme(&srv, "demo").await;
    let email = unique_email("agenda");
    let r = post_form(&srv, "/e/demo/register", &form(&email)).await;
    assert_eq!(r.status().as_u16(), 303);
    let mails = mail.wait_for_count_to(&email, 1).await;
    let text = mails[0]["text"].as_str().unwrap();
    assert!(
        text.contains("Programma\n13:30  Onthaal met koffie\n"),
        "{text}"
    );
    assert!(
        text.contains("\n14:10  Lokale besturen als regisseur — Serge Vander Linden\n"),
        "{text}"
    );
    assert!(text.contains("Netwerktafels — Ronde 2"), "{text}");
    assert!(text.contains("/e/demo/agenda"), "{text}");
    assert!(!text.contains("example.org"), "{text}");
    let html = mails[0]["html"].as_str().unwrap();
    assert!(html.contains("Lokale besturen als regisseur"));

    let token = token_in(&mails[0]);
    let (status, page) = get(&srv, &format!("/m/{token}")).await;
    assert_eq!(status, 200);
    assert!(page.contains("Lokale besturen als regisseur"), "{page}");
    // Where "round N: table X" will appear once the planner publishes a plan.
    assert!(
        page.contains("data-round=\"1\"") && page.contains("data-round=\"2\""),
        "{page}"
    );
    assert!(page.contains("Ronde 1: je tafel verschijnt hier"), "{page}");
    srv.stop().await;
}

/// The opening tag of the `<li>` of the session titled `title`.
fn session_tag<'a>(page: &'a str, title: &str) -> &'a str {
    let at = position(page, &format!(">{title}</h2>"));
    let start = page[..at]
        .rfind("<li id=\"session-")
        .expect("the session's item");
    &page[start..start + page[start..].find('>').unwrap()]
}

async fn on_the_day_the_current_and_next_session_stand_out(db: &TestDb) {
    let mail = MailDev::start().await;
    let srv = start(db, mail.smtp, &[]).await;
    add_event(&srv, "vandaag", 50).await;
    let id = app::store::events::by_slug(&srv.state.db, "vandaag")
        .await
        .unwrap()
        .unwrap()
        .id;
    let now = Utc::now();
    let minutes = chrono::Duration::minutes;
    let mut e = app::demo::demo_event(now);
    e.slug = "vandaag".into();
    e.starts_at = now - minutes(120);
    e.ends_at = now + minutes(120);
    let mut tx = srv.state.db.begin_write().await.unwrap();
    app::store::events::update_tx(&mut tx, id, &e)
        .await
        .unwrap();
    tx.commit().await.unwrap();
    let p = srv.state.programme();
    for (title, from, to) in [
        ("Voorbij", -90, -30),
        ("Lopend", -30, 30),
        ("Volgend", 30, 60),
        ("Later", 60, 90),
    ] {
        let input = SessionInput {
            title: title.into(),
            description: String::new(),
            kind: SessionKind::Talk,
            starts_at: now + minutes(from),
            ends_at: now + minutes(to),
            room: String::new(),
            speakers: vec![],
        };
        p.create_session("vandaag", &input).await.unwrap();
    }
    let (status, page) = get(&srv, "/e/vandaag/agenda").await;
    assert_eq!(status, 200);
    let current = session_tag(&page, "Lopend");
    assert!(
        current.contains("session current") && current.contains("aria-current=\"time\""),
        "{current}"
    );
    let next = session_tag(&page, "Volgend");
    assert!(
        next.contains("session next") && !next.contains("aria-current"),
        "{next}"
    );
    for other in ["Voorbij", "Later"] {
        let tag = session_tag(&page, other);
        assert!(tag.contains("class=\"session\""), "{tag}");
    }
    assert!(
        page.contains(">Nu bezig<") && page.contains(">Hierna<"),
        "{page}"
    );
    srv.stop().await;
}
