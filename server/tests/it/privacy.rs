//! Privacy on SQLite and PostgreSQL through the real server and maildev: erasing one
//! person (their seat goes to the wait list, who is mailed), the JSON export without
//! manage tokens, and the purge of past events into anonymous counts, logged and
//! idempotent, by the service, by the background task at start and by the CLI.

use crate::common::speakers::{event_with_programme, grete_link, GRETE};
use crate::common::*;
use app::privacy::service::PrivacyError;
use app::store::Db;
use chrono::{DateTime, Duration, Utc};
use std::time::Instant;

on_both_databases!(
    erase_removes_the_person_and_promotes_the_first_waiting,
    erase_after_changes_close_promotes_nobody,
    export_has_the_fields_and_no_manage_token,
    purge_after_the_limit_keeps_counts_logs_and_is_idempotent,
    the_server_purges_at_start,
    purge_command_dry_run_then_purge,
    purge_strips_speakers_private_data_and_keeps_their_profile,
);

/// The purge task off, so a test decides when the purge runs.
const NO_PURGE_TASK: &[(&str, &str)] = &[("PRIVACY_PURGE_EVERY_MINUTES", "0")];

async fn registration_id(db: &Db, email: &str) -> i64 {
    app::on_db!(db, p => sqlx::query_scalar("SELECT id FROM registrations WHERE email = $1")
        .bind(email)
        .fetch_one(p)
        .await
        .expect("registration id"))
}

/// Rows referring to one registration: (registrations, manage tokens, outbox).
async fn rows_of(db: &Db, id: i64) -> (i64, i64, i64) {
    app::on_db!(db, p => sqlx::query_as(
        "SELECT (SELECT COUNT(*) FROM registrations WHERE id = $1), \
         (SELECT COUNT(*) FROM manage_tokens WHERE registration_id = $1), \
         (SELECT COUNT(*) FROM outbox WHERE registration_id = $1)")
        .bind(id)
        .fetch_one(p)
        .await
        .expect("count rows"))
}

/// Rows of one event's people: (registrations, manage tokens, outbox).
async fn rows_of_event(db: &Db, event: i64) -> (i64, i64, i64) {
    app::on_db!(db, p => sqlx::query_as(
        "SELECT (SELECT COUNT(*) FROM registrations WHERE event_id = $1), \
         (SELECT COUNT(*) FROM manage_tokens WHERE registration_id IN (SELECT id FROM registrations WHERE event_id = $1)), \
         (SELECT COUNT(*) FROM outbox WHERE registration_id IN (SELECT id FROM registrations WHERE event_id = $1))")
        .bind(event)
        .fetch_one(p)
        .await
        .expect("count rows"))
}

/// Moves an event in time: it starts at `starts_at` and ends four hours later; its
/// registration window closed before the start.
async fn move_event(db: &Db, event: i64, starts_at: DateTime<Utc>) {
    app::on_db!(db, p => sqlx::query(
        "UPDATE events SET starts_at = $1, ends_at = $2, registration_opens_at = $3, \
         registration_closes_at = $4 WHERE id = $5")
        .bind(starts_at)
        .bind(starts_at + Duration::hours(4))
        .bind(starts_at - Duration::days(60))
        .bind(starts_at - Duration::days(1))
        .bind(event)
        .execute(p)
        .await
        .map(|_| ())
        .expect("move event"));
}

/// Registers `emails` for `slug` and waits until each has its first mail.
async fn register_all(srv: &Running, mail: &MailDev, slug: &str, emails: &[String]) {
    for e in emails {
        let r = post_form(srv, &format!("/e/{slug}/register"), &form(e)).await;
        assert_eq!(r.status().as_u16(), 303, "registered {e}");
    }
    for e in emails {
        mail.wait_for_count_to(e, 1).await;
    }
}

async fn erase_removes_the_person_and_promotes_the_first_waiting(db: &TestDb) {
    let mail = MailDev::start().await;
    let srv = start(db, mail.smtp, NO_PURGE_TASK).await;
    let event = add_event(&srv, "klein", 1).await;
    let (a, b, c) = (unique_email("a"), unique_email("b"), unique_email("c"));
    register_all(&srv, &mail, "klein", &[a.clone(), b.clone(), c.clone()]).await;
    let token_a = token_in(&mail.wait_for_count_to(&a, 1).await[0]);
    let id_a = registration_id(&srv.state.db, &a).await;
    assert_eq!(rows_of(&srv.state.db, id_a).await, (1, 1, 1));

    let privacy = srv.state.privacy();
    let erased = privacy.erase(id_a).await.expect("erase");
    assert_eq!(
        (
            erased.event_id,
            erased.mails_deleted,
            erased.links_deleted,
            erased.promoted
        ),
        (event, 1, 1, true)
    );
    assert_eq!(rows_of(&srv.state.db, id_a).await, (0, 0, 0));
    // The first on the wait list has the seat and a promotion mail; the second still waits.
    assert_eq!(
        app::store::registrations::status_counts(&srv.state.db, event)
            .await
            .unwrap(),
        (1, 1, 0)
    );
    let to_b = mail.wait_for_count_to(&b, 2).await;
    assert!(to_b
        .iter()
        .any(|m| m["subject"].as_str().unwrap().starts_with("Goed nieuws")));
    assert_eq!(
        to_address(&mail.emails().await, &c).len(),
        1,
        "c still waits"
    );
    // The erased person's link no longer opens anything.
    let (status, page) = get(&srv, &format!("/m/{token_a}")).await;
    assert_ne!(status, 200);
    assert!(!page.contains(&a));
    // Logged without personal data; erasing again finds nothing.
    let log = privacy.purge_log(event).await.unwrap();
    assert_eq!(log.len(), 1);
    assert_eq!(
        (
            log[0].kind.as_str(),
            log[0].registrations,
            log[0].mails,
            log[0].links
        ),
        ("person", 1, 1, 1)
    );
    assert!(matches!(
        privacy.erase(id_a).await,
        Err(PrivacyError::NotFound)
    ));
    srv.stop().await;
}

async fn erase_after_changes_close_promotes_nobody(db: &TestDb) {
    let mail = MailDev::start().await;
    let srv = start(db, mail.smtp, NO_PURGE_TASK).await;
    let event = add_event(&srv, "bezig", 1).await;
    let (a, b) = (unique_email("a"), unique_email("b"));
    register_all(&srv, &mail, "bezig", &[a.clone(), b.clone()]).await;
    // The event started an hour ago: changes are closed, nobody moves up.
    move_event(&srv.state.db, event, Utc::now() - Duration::hours(1)).await;
    let id_a = registration_id(&srv.state.db, &a).await;
    let erased = srv.state.privacy().erase(id_a).await.expect("erase");
    assert!(!erased.promoted);
    assert_eq!(rows_of(&srv.state.db, id_a).await, (0, 0, 0));
    assert_eq!(
        app::store::registrations::status_counts(&srv.state.db, event)
            .await
            .unwrap(),
        (0, 1, 0)
    );
    // No promotion mail was queued for b: the outbox still holds only the first one.
    let id_b = registration_id(&srv.state.db, &b).await;
    assert_eq!(rows_of(&srv.state.db, id_b).await, (1, 1, 1));
    srv.stop().await;
}

async fn export_has_the_fields_and_no_manage_token(db: &TestDb) {
    let mail = MailDev::start().await;
    let srv = start(db, mail.smtp, NO_PURGE_TASK).await;
    add_event(&srv, "netwerk", 10).await;
    let a = unique_email("anna");
    let mut f = form(&a);
    f.retain(|(k, _)| k != "phone");
    f.push(("phone".into(), "+32 11 22 33 44".into()));
    post_form(&srv, "/e/netwerk/register", &f).await;
    let token = token_in(&mail.wait_for_count_to(&a, 1).await[0]);
    let id = registration_id(&srv.state.db, &a).await;
    // Wait until the outbox records the delivery, so the export shows it.
    let deadline = Instant::now() + std::time::Duration::from_secs(30);
    let data = loop {
        let data = srv.state.privacy().export(id).await.expect("export");
        if data.mails.first().is_some_and(|m| m.status == "sent") {
            break data;
        }
        assert!(Instant::now() < deadline, "mail not recorded as sent");
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    };
    let json = serde_json::to_value(&data).unwrap();
    let text = json.to_string();
    assert_eq!(json["format"], "tafelronde-personal-data/v1");
    assert_eq!(json["event"]["slug"], "netwerk");
    let r = &json["registration"];
    assert_eq!(r["id"], id);
    assert_eq!(r["email"], a.as_str());
    assert_eq!(r["first_name"], "Anna");
    assert_eq!(r["last_name"], "Peeters");
    assert_eq!(r["organisation"], "Damhert Nutrition");
    assert_eq!(r["org_type"], "company");
    assert_eq!(r["sector"], "maakindustrie");
    assert_eq!(r["phone"], "+32 11 22 33 44");
    assert_eq!(r["offers"], serde_json::json!(["personeel"]));
    assert_eq!(r["needs"], serde_json::json!(["opleiding", "begeleiding"]));
    assert_eq!(r["status"], "confirmed");
    assert_eq!(r["lang"], "nl");
    assert!(r["created_at"].is_string() && r["updated_at"].is_string());
    assert_eq!(json["links_created_at"].as_array().unwrap().len(), 1);
    let m = &json["mails"][0];
    assert!(m["subject"]
        .as_str()
        .unwrap()
        .starts_with("Je inschrijving"));
    assert_eq!(m["recipient"], a.as_str());
    assert!(m["sent_at"].is_string() && m["created_at"].is_string());
    assert!(m["body_text"].as_str().unwrap().contains("/m/[redacted]"));
    // Neither the token nor its stored hash is in the export.
    assert!(!text.contains(&token), "token leaked: {text}");
    let hash = app::registration::service::hash_token(&token);
    assert!(!text.contains(&hash), "token hash leaked");
    assert!(matches!(
        srv.state.privacy().export(id + 1000).await,
        Err(PrivacyError::NotFound)
    ));
    srv.stop().await;
}

/// Two events with registrations (3 on `old`: two seats, one cancelled then promoted
/// waiter; 2 on `recent`), then `old` ended `days_old` days ago and `recent` 89.
async fn two_past_events(srv: &Running, mail: &MailDev, days_old: i64) -> (i64, i64) {
    let old = add_event(srv, "vorig-jaar", 2).await;
    let recent = add_event(srv, "onlangs", 10).await;
    let people: Vec<String> = (0..3).map(|i| unique_email(&format!("o{i}"))).collect();
    register_all(srv, mail, "vorig-jaar", &people).await;
    let t0 = token_in(&mail.wait_for_count_to(&people[0], 1).await[0]);
    let r = post_form(
        srv,
        &format!("/m/{t0}/cancel"),
        &[("confirm".into(), "yes".into())],
    )
    .await;
    assert_eq!(r.status().as_u16(), 303);
    mail.wait_for_count_to(&people[2], 2).await; // promoted
    let others: Vec<String> = (0..2).map(|i| unique_email(&format!("r{i}"))).collect();
    register_all(srv, mail, "onlangs", &others).await;
    let now = Utc::now();
    move_event(
        &srv.state.db,
        old,
        now - Duration::days(days_old) - Duration::hours(4),
    )
    .await;
    move_event(
        &srv.state.db,
        recent,
        now - Duration::days(89) - Duration::hours(4),
    )
    .await;
    (old, recent)
}

async fn purge_after_the_limit_keeps_counts_logs_and_is_idempotent(db: &TestDb) {
    let mail = MailDev::start().await;
    let srv = start(db, mail.smtp, NO_PURGE_TASK).await;
    let (old, recent) = two_past_events(&srv, &mail, 91).await;
    let privacy = srv.state.privacy();
    let db = &srv.state.db;
    let counts_old = privacy.event_counts(old).await.unwrap();
    let counts_recent = privacy.event_counts(recent).await.unwrap();
    assert_eq!(counts_old.total(), 3);
    assert_eq!(
        counts_old.per_status(),
        [("cancelled".to_string(), 1), ("confirmed".to_string(), 2)].into()
    );
    assert_eq!(counts_old.per("org_type", &[])["company"], 3);
    assert_eq!(counts_old.per("sector", &["confirmed"])["maakindustrie"], 2);
    assert_eq!(counts_old.per("day", &[]).values().sum::<i64>(), 3);
    let (regs, links, mails) = rows_of_event(db, old).await;
    assert_eq!((regs, links), (3, 4), "three people, one promotion link");
    assert_eq!(
        mails, 5,
        "three first mails, one cancellation confirmation and one promotion"
    );
    let rows_recent = rows_of_event(db, recent).await;

    // A dry run reports and changes nothing.
    let dry = privacy.purge(Utc::now(), true).await.unwrap();
    assert_eq!(dry.len(), 1);
    assert_eq!(
        (
            dry[0].event_id,
            dry[0].registrations,
            dry[0].links,
            dry[0].mails
        ),
        (old, 3, 4, mails)
    );
    assert_eq!(rows_of_event(db, old).await, (3, 4, mails));
    assert!(privacy.purge_log(old).await.unwrap().is_empty());

    let done = privacy.purge(Utc::now(), false).await.unwrap();
    assert_eq!(done, dry, "the purge did what the dry run said");
    assert_eq!(rows_of_event(db, old).await, (0, 0, 0));
    assert_eq!(privacy.event_counts(old).await.unwrap(), counts_old);
    let log = privacy.purge_log(old).await.unwrap();
    assert_eq!(log.len(), 1);
    assert_eq!(
        (
            log[0].kind.as_str(),
            log[0].registrations,
            log[0].links,
            log[0].mails
        ),
        ("event", 3, 4, mails)
    );
    // Not past the limit yet: untouched, not logged.
    assert_eq!(rows_of_event(db, recent).await, rows_recent);
    assert_eq!(privacy.event_counts(recent).await.unwrap(), counts_recent);
    assert!(privacy.purge_log(recent).await.unwrap().is_empty());

    // A second run changes nothing.
    assert!(privacy.purge(Utc::now(), false).await.unwrap().is_empty());
    assert_eq!(privacy.event_counts(old).await.unwrap(), counts_old);
    assert_eq!(privacy.purge_log(old).await.unwrap().len(), 1);
    assert_eq!(rows_of_event(db, recent).await, rows_recent);
    srv.stop().await;
}

async fn the_server_purges_at_start(db: &TestDb) {
    let mail = MailDev::start().await;
    let srv = start(db, mail.smtp, NO_PURGE_TASK).await;
    let (old, recent) = two_past_events(&srv, &mail, 100).await;
    let rows_recent = rows_of_event(&srv.state.db, recent).await;
    srv.stop().await;

    // Default settings: the purge runs at start.
    let srv = start(db, mail.smtp, &[]).await;
    let deadline = Instant::now() + std::time::Duration::from_secs(30);
    while rows_of_event(&srv.state.db, old).await != (0, 0, 0) {
        assert!(Instant::now() < deadline, "the purge did not run at start");
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    let privacy = srv.state.privacy();
    assert_eq!(privacy.event_counts(old).await.unwrap().total(), 3);
    assert_eq!(privacy.purge_log(old).await.unwrap().len(), 1);
    assert_eq!(rows_of_event(&srv.state.db, recent).await, rows_recent);
    srv.stop().await;
}

async fn purge_command_dry_run_then_purge(db: &TestDb) {
    let mail = MailDev::start().await;
    let srv = start(db, mail.smtp, NO_PURGE_TASK).await;
    let (old, recent) = two_past_events(&srv, &mail, 95).await;
    let before = rows_of_event(&srv.state.db, old).await;
    let rows_recent = rows_of_event(&srv.state.db, recent).await;
    let cli = |args: &[&str]| {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_tafelronde"))
            .arg("purge")
            .args(args)
            .env("DATABASE_URL", &db.url)
            .env("RUST_LOG", "error")
            .output()
            .expect("run tafelronde purge");
        assert!(out.status.success(), "{out:?}");
        String::from_utf8(out.stdout).unwrap()
    };
    let out = cli(&["--dry-run"]);
    assert!(
        out.contains(&format!("would purge event {old} (vorig-jaar")),
        "{out}"
    );
    assert!(out.contains("3 registrations"), "{out}");
    assert!(!out.contains("onlangs"), "{out}");
    assert_eq!(rows_of_event(&srv.state.db, old).await, before);

    let out = cli(&[]);
    assert!(
        out.contains(&format!("purged event {old} (vorig-jaar")),
        "{out}"
    );
    assert_eq!(rows_of_event(&srv.state.db, old).await, (0, 0, 0));
    assert_eq!(rows_of_event(&srv.state.db, recent).await, rows_recent);
    let out = cli(&[]);
    assert!(out.contains(": 0 to purge"), "{out}");
    srv.stop().await;
}

/// Rows of one event's speakers: (speakers with a contact address, speaker links, photos,
/// mails to those addresses).
async fn speaker_rows(db: &Db, event: i64) -> (i64, i64, i64, i64) {
    app::on_db!(db, p => sqlx::query_as(
        "SELECT (SELECT COUNT(*) FROM programme_speakers WHERE event_id = $1 AND contact_email <> ''), \
         (SELECT COUNT(*) FROM speaker_tokens WHERE speaker_id IN (SELECT id FROM programme_speakers WHERE event_id = $1)), \
         (SELECT COUNT(*) FROM speaker_photos WHERE speaker_id IN (SELECT id FROM programme_speakers WHERE event_id = $1)), \
         (SELECT COUNT(*) FROM outbox WHERE recipient = $2)")
        .bind(event)
        .bind(GRETE)
        .fetch_one(p)
        .await
        .expect("count speaker rows"))
}

async fn purge_strips_speakers_private_data_and_keeps_their_profile(db: &TestDb) {
    let mail = MailDev::start().await;
    let srv = start(db, mail.smtp, NO_PURGE_TASK).await;
    let event = event_with_programme(&srv, "programma-vorig-jaar", 10).await;
    let (grete, _token) = grete_link(&srv, &mail, "programma-vorig-jaar", event).await;
    app::on_db!(&srv.state.db, p => sqlx::query(
        "INSERT INTO speaker_photos (speaker_id, content_type, bytes, hash, width, height, updated_at) \
         VALUES ($1, 'image/jpeg', $2, 'abc', 1, 1, $3)")
        .bind(grete)
        .bind(vec![0xffu8, 0xd8, 0xff])
        .bind(Utc::now())
        .execute(p)
        .await
        .map(|_| ())
        .expect("photo row"));
    let (with_address, links, photos, mails) = speaker_rows(&srv.state.db, event).await;
    assert!(
        with_address >= 5,
        "the seed's speakers have contact addresses"
    );
    assert_eq!((links, photos, mails), (1, 1, 1));
    move_event(&srv.state.db, event, Utc::now() - Duration::days(91)).await;

    let privacy = srv.state.privacy();
    let dry = privacy.purge(Utc::now(), true).await.unwrap();
    assert_eq!(dry.len(), 1, "an event with only speakers is due: {dry:?}");
    assert_eq!(
        (
            dry[0].registrations,
            dry[0].speakers,
            dry[0].links,
            dry[0].mails
        ),
        (0, with_address, 1, 1)
    );
    assert_eq!(
        speaker_rows(&srv.state.db, event).await,
        (with_address, 1, 1, 1)
    );
    let done = privacy.purge(Utc::now(), false).await.unwrap();
    assert_eq!(done, dry, "the purge did what the dry run said");
    assert_eq!(speaker_rows(&srv.state.db, event).await, (0, 0, 0, 0));
    assert_eq!(privacy.purge_log(event).await.unwrap().len(), 1);
    // The public programme stays: the agenda still names and presents her.
    let (status, agenda) = get(&srv, "/e/programma-vorig-jaar/agenda").await;
    assert_eq!(status, 200);
    assert!(agenda.contains("Grete Remen"), "{agenda}");
    assert!(!agenda.contains(GRETE));
    // Nothing left to purge.
    assert!(privacy.purge(Utc::now(), false).await.unwrap().is_empty());
    srv.stop().await;
}
