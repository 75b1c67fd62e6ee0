//! Speakers (issue 9) on SQLite and PostgreSQL: the personal link from the mail opens the
//! speaker page (sessions, running order, practical information, attendees by organisation
//! type) and a wrong or expired link does not; the speaker edits their profile (a refused
//! edit shows per-field messages and saves nothing); a session that moves mails its
//! speakers exactly once and a title-only change mails nobody; only a coordinator can send
//! a link; the demo start mails the demo speakers their links.

use crate::common::coordinator::{post_as, signed_in};
use crate::common::speakers::*;
use crate::common::*;
use app::programme::model::{SessionInput, SpeakerInput};
use app::store::Db;
use chrono::Duration;

on_both_databases!(
    the_link_from_the_mail_opens_the_speaker_page,
    wrong_and_expired_links_do_not_work,
    the_speaker_edits_their_profile_and_refused_input_saves_nothing,
    a_moved_session_mails_its_speaker_exactly_once,
    only_a_coordinator_sends_a_link,
    the_demo_mails_its_speakers_their_links,
    the_editor_moves_sessions_and_shows_conflicts,
    attendees_are_notified_after_a_preview,
);

async fn outbox_count(db: &Db, to: &str, kind: &str) -> i64 {
    app::on_db!(db, p => {
        sqlx::query_scalar("SELECT COUNT(*) FROM outbox WHERE recipient = $1 AND kind = $2")
            .bind(to)
            .bind(kind)
            .fetch_one(p)
            .await
            .expect("outbox count")
    })
}

async fn the_link_from_the_mail_opens_the_speaker_page(db: &TestDb) {
    let mail = MailDev::start().await;
    let srv = start(db, mail.smtp, &[]).await;
    let event = event_with_programme(&srv, "sprekers", 10).await;
    // Two confirmed attendees from companies, one from a local government.
    for org in ["company", "company", "local_government"] {
        let mut f = form(&unique_email("att"));
        for (k, v) in f.iter_mut() {
            if k == "org_type" {
                *v = org.into();
            }
        }
        let r = post_form(&srv, "/e/sprekers/register", &f).await;
        assert_eq!(r.status(), 303);
    }
    let (_, token) = grete_link(&srv, &mail, "sprekers", event).await;
    let r = client()
        .get(format!("http://{}/s/{token}", srv.addr))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    assert_eq!(
        r.headers()
            .get("referrer-policy")
            .and_then(|v| v.to_str().ok()),
        Some("no-referrer")
    );
    let page = r.text().await.unwrap();
    for needle in [
        "Grete Remen",
        "Goede praktijk: een inclusieve werkvloer",
        // Before her: Guido's talk; after her: Liesbeth's summary, with their lengths.
        "Goede praktijk: rekruteren via trajectbegeleiding",
        "Guido Grochowczak",
        "Samenvatting en uitnodiging aan tafel",
        "Liesbeth Nieuwets",
        "(20 min.)",
        "(15 min.)",
        // Practical information.
        "Brouwerijmuseum",
        // Confirmed attendees by organisation type.
        "Bedrijf",
        "Lokaal bestuur",
    ] {
        assert!(page.contains(needle), "{needle:?} on the speaker page");
    }
    assert!(page.contains("<strong>2</strong>") && page.contains("<strong>3</strong>"));
    assert!(!page.contains(GRETE), "no contact address on the page");
    // Opening it twice changes nothing; a second link works as well as the first.
    let (_, second) = grete_link(&srv, &mail, "sprekers", event).await;
    assert_ne!(second, token);
    assert_eq!(get(&srv, &format!("/s/{token}")).await.0, 200);
    assert_eq!(get(&srv, &format!("/s/{second}")).await.0, 200);
    // Only the hash is stored.
    let stored: Vec<String> = app::on_db!(&srv.state.db, p => {
        sqlx::query_scalar("SELECT token_hash FROM speaker_tokens")
            .fetch_all(p)
            .await
            .unwrap()
    });
    assert_eq!(stored.len(), 2);
    assert!(!stored.contains(&token) && !stored.contains(&second));
    assert!(stored.contains(&app::registration::service::hash_token(&token)));
}

async fn wrong_and_expired_links_do_not_work(db: &TestDb) {
    let mail = MailDev::start().await;
    let srv = start(db, mail.smtp, &[]).await;
    event_with_programme(&srv, "toekomst", 10).await;
    // An event that ended 40 days ago (links work 30 days after it).
    let past = event_with_programme(&srv, "verleden", -40).await;
    let (_, expired) = grete_link(&srv, &mail, "verleden", past).await;
    let (status, page) = get(&srv, &format!("/s/{expired}")).await;
    assert_eq!(status, 410, "{page}");
    assert!(page.contains("verlopen"), "a clear page: {page}");
    let wrong = "ab".repeat(32);
    let (status, page) = get(&srv, &format!("/s/{wrong}")).await;
    assert_eq!(status, 404);
    assert!(page.contains("ongeldig"), "{page}");
    assert_eq!(get(&srv, "/s/not-a-token").await.0, 404);
    // The server function and the plain post refuse them too, and save nothing.
    let r = client()
        .post(format!("http://{}/api/speaker", srv.addr))
        .json(&serde_json::json!({ "token": wrong }))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 404);
    let edit = vec![
        ("name".to_string(), "Iemand Anders".to_string()),
        ("bio".to_string(), "Gekaapt".to_string()),
    ];
    assert_eq!(
        post_form(&srv, &format!("/s/{expired}"), &edit)
            .await
            .status(),
        410
    );
    assert_eq!(
        post_form(&srv, &format!("/s/{wrong}"), &edit)
            .await
            .status(),
        404
    );
    let p = app::store::programme::of_event(&srv.state.db, past)
        .await
        .unwrap();
    assert!(p.speakers.iter().all(|s| s.name != "Iemand Anders"));
}

async fn the_speaker_edits_their_profile_and_refused_input_saves_nothing(db: &TestDb) {
    let mail = MailDev::start().await;
    let srv = start(db, mail.smtp, &[]).await;
    let event = event_with_programme(&srv, "bio", 10).await;
    let (_, token) = grete_link(&srv, &mail, "bio", event).await;
    let edit = |name: &str, bio: &str| {
        vec![
            ("name".to_string(), name.to_string()),
            ("role".to_string(), "CEO".to_string()),
            ("organisation".to_string(), "Damhert Nutrition".to_string()),
            ("bio".to_string(), bio.to_string()),
        ]
    };
    // Plain post: saved, back to the page with the notice.
    let r = post_form(
        &srv,
        &format!("/s/{token}"),
        &edit("Grete Remen", "Bouwt aan een inclusieve werkvloer."),
    )
    .await;
    assert_eq!(r.status(), 303);
    assert_eq!(
        r.headers()["location"].to_str().unwrap(),
        format!("/s/{token}?saved=1")
    );
    let (_, page) = get(&srv, &format!("/s/{token}?saved=1")).await;
    assert!(page.contains("Bouwt aan een inclusieve werkvloer."));
    let (_, agenda) = get(&srv, "/e/bio/agenda").await;
    assert!(
        agenda.contains("Bouwt aan een inclusieve werkvloer."),
        "the public agenda shows it"
    );
    // Refused: no name and an invisible character in the bio. Both fields get a message,
    // the typed values come back, and nothing is saved.
    let r = post_form(&srv, &format!("/s/{token}"), &edit(" ", "Nieuw\u{7}")).await;
    assert_eq!(r.status(), 422);
    let page = r.text().await.unwrap();
    assert!(page.contains("Vul de naam van de spreker in."), "{page}");
    assert!(
        page.contains("Dit veld bevat ongeldige tekens."),
        "bio message: {page}"
    );
    let stored = app::store::programme::of_event(&srv.state.db, event)
        .await
        .unwrap();
    let grete = stored
        .speakers
        .iter()
        .find(|s| s.contact_email == GRETE)
        .unwrap();
    assert_eq!(grete.name, "Grete Remen");
    assert_eq!(grete.bio, "Bouwt aan een inclusieve werkvloer.");
    // The server function: the same rules.
    let r = client()
        .post(format!("http://{}/api/speaker/update", srv.addr))
        .json(&serde_json::json!({
            "token": token,
            "input": { "name": "", "role": "", "organisation": "", "bio": "x" }
        }))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let v: serde_json::Value = r.json().await.unwrap();
    assert!(v.get("Invalid").is_some(), "{v}");
    let r = client()
        .post(format!("http://{}/api/speaker/update", srv.addr))
        .json(&serde_json::json!({
            "token": token,
            "input": { "name": "Grete Remen", "role": "CEO", "organisation": "Damhert", "bio": "Via de app." }
        }))
        .send()
        .await
        .unwrap();
    assert_eq!(
        r.json::<serde_json::Value>().await.unwrap(),
        serde_json::json!("Saved")
    );
    let stored = app::store::programme::of_event(&srv.state.db, event)
        .await
        .unwrap();
    let grete = stored
        .speakers
        .iter()
        .find(|s| s.contact_email == GRETE)
        .unwrap();
    assert_eq!(
        (grete.organisation.as_str(), grete.bio.as_str()),
        ("Damhert", "Via de app.")
    );
    assert_eq!(
        grete.contact_email, GRETE,
        "the contact address is not the speaker's to change"
    );
}

async fn a_moved_session_mails_its_speaker_exactly_once(db: &TestDb) {
    let mail = MailDev::start().await;
    let srv = start(db, mail.smtp, &[]).await;
    let event = event_with_programme(&srv, "verhuis", 10).await;
    let programme = srv.state.programme();
    let stored = app::store::programme::of_event(&srv.state.db, event)
        .await
        .unwrap();
    let grete = stored
        .speakers
        .iter()
        .find(|s| s.contact_email == GRETE)
        .unwrap()
        .id;
    let session = stored
        .sessions
        .iter()
        .find(|s| stored.links.contains(&(s.id, grete)))
        .unwrap()
        .clone();
    let input = |title: &str, shift: i64, room: &str| SessionInput {
        title: title.into(),
        description: session.description.clone(),
        kind: session.kind().unwrap(),
        starts_at: session.starts_at + Duration::minutes(shift),
        ends_at: session.ends_at + Duration::minutes(shift),
        room: room.into(),
        speakers: vec![grete],
    };
    // Title only: nobody is mailed.
    programme
        .update_session(
            "verhuis",
            session.id,
            &input("Een inclusieve werkvloer", 0, ""),
        )
        .await
        .unwrap();
    assert_eq!(
        outbox_count(&srv.state.db, GRETE, "speaker_session_moved").await,
        0
    );
    // A new time: one mail, queued with the change.
    programme
        .update_session(
            "verhuis",
            session.id,
            &input("Een inclusieve werkvloer", 5, ""),
        )
        .await
        .unwrap();
    assert_eq!(
        outbox_count(&srv.state.db, GRETE, "speaker_session_moved").await,
        1
    );
    let mails = mail.wait_for_count_to(GRETE, 1).await;
    assert_eq!(mails.len(), 1);
    let text = mails[0]["text"].as_str().unwrap();
    assert!(text.contains("Een inclusieve werkvloer"), "{text}");
    assert!(text.contains("15:15"), "the new Brussels time: {text}");
    // A refused move (outside the event) writes nothing, mails nobody.
    let mut bad = input("Een inclusieve werkvloer", 60 * 24, "");
    bad.ends_at = bad.starts_at + Duration::minutes(20);
    assert!(programme
        .update_session("verhuis", session.id, &bad)
        .await
        .is_err());
    assert_eq!(
        outbox_count(&srv.state.db, GRETE, "speaker_session_moved").await,
        1
    );
    // Another speaker's session changing title only, and an unrelated speaker edit: none.
    let serge = stored
        .speakers
        .iter()
        .find(|s| s.name.starts_with("Serge"))
        .unwrap();
    programme
        .update_speaker(
            "verhuis",
            serge.id,
            &SpeakerInput {
                name: serge.name.clone(),
                role: serge.role.clone(),
                organisation: serge.organisation.clone(),
                bio: "Nieuw".into(),
                contact_email: serge.contact_email.clone(),
            },
        )
        .await
        .unwrap();
    // A new room is a move too.
    programme
        .update_session(
            "verhuis",
            session.id,
            &input("Een inclusieve werkvloer", 5, "Zaal 2"),
        )
        .await
        .unwrap();
    assert_eq!(
        outbox_count(&srv.state.db, GRETE, "speaker_session_moved").await,
        2
    );
    let total: i64 = app::on_db!(&srv.state.db, p => {
        sqlx::query_scalar("SELECT COUNT(*) FROM outbox WHERE kind = 'speaker_session_moved'")
            .fetch_one(p)
            .await
            .unwrap()
    });
    assert_eq!(total, 2, "only Grete was mailed");
}

async fn only_a_coordinator_sends_a_link(db: &TestDb) {
    let mail = MailDev::start().await;
    let srv = start(db, mail.smtp, &[]).await;
    let event = event_with_programme(&srv, "coord", 10).await;
    let id = speaker_id(&srv, event, "Grete Remen").await.to_string();
    let form = vec![
        ("slug".to_string(), "coord".to_string()),
        ("id".to_string(), id),
        ("lang".to_string(), "fr".to_string()),
    ];
    let r = client()
        .post(format!(
            "http://{}/api/coordinator/programme/send-link",
            srv.addr
        ))
        .header("accept", "application/json")
        .form(&form)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 401);
    assert_eq!(outbox_count(&srv.state.db, GRETE, "speaker_link").await, 0);
    let cookie = signed_in(&srv, &mail, "coord").await;
    let r = post_as(&srv, &cookie, "/api/coordinator/programme/send-link", &form).await;
    assert!(
        r.status().is_success() || r.status().is_redirection(),
        "{}",
        r.status()
    );
    let mails = mail.wait_for_count_to(GRETE, 1).await;
    assert_eq!(
        mails[0]["subject"], "Votre page d'orateur",
        "in the chosen language"
    );
    let token = speaker_token(&mails[0]);
    assert_eq!(get(&srv, &format!("/s/{token}")).await.0, 200);
}

async fn the_demo_mails_its_speakers_their_links(db: &TestDb) {
    let mail = MailDev::start().await;
    let srv = start(db, mail.smtp, &[("TAFELRONDE_DEMO", "true")]).await;
    let mails = mail.wait_for_count_to(GRETE, 1).await;
    let token = speaker_token(&mails[0]);
    let (status, page) = get(&srv, &format!("/s/{token}")).await;
    assert_eq!(status, 200);
    assert!(page.contains("Goede praktijk: een inclusieve werkvloer"));
    assert_eq!(outbox_count(&srv.state.db, GRETE, "speaker_link").await, 1);
}

async fn the_editor_moves_sessions_and_shows_conflicts(db: &TestDb) {
    let mail = MailDev::start().await;
    let srv = start(db, mail.smtp, &[]).await;
    let event = event_with_programme(&srv, "editor", 10).await;
    let stored = app::store::programme::of_event(&srv.state.db, event)
        .await
        .unwrap();
    let grete = stored
        .speakers
        .iter()
        .find(|s| s.contact_email == GRETE)
        .unwrap()
        .id;
    let guido = speaker_id(&srv, event, "Guido Grochowczak").await;
    let session = stored
        .sessions
        .iter()
        .find(|s| stored.links.contains(&(s.id, grete)))
        .unwrap()
        .id;
    let form = |start: &str, end: &str, speaker2: i64| -> Vec<(String, String)> {
        [
            ("slug", "editor".to_string()),
            ("id", session.to_string()),
            (
                "title",
                "Goede praktijk: een inclusieve werkvloer".to_string(),
            ),
            ("description", String::new()),
            ("kind", "talk".to_string()),
            ("start", start.to_string()),
            ("end", end.to_string()),
            ("room", String::new()),
            ("speaker1", grete.to_string()),
            (
                "speaker2",
                if speaker2 > 0 {
                    speaker2.to_string()
                } else {
                    String::new()
                },
            ),
            ("speaker3", String::new()),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_string(), v))
        .collect()
    };
    const SAVE: &str = "/api/coordinator/programme/session";
    // Anonymous: refused, nothing changes.
    let r = client()
        .post(format!("http://{}{SAVE}", srv.addr))
        .header("accept", "application/json")
        .form(&form("15:20", "15:40", 0))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 401);
    let cookie = signed_in(&srv, &mail, "editor").await;
    // The editor page lists the sessions in time order with the speakers' addresses.
    let (status, page) =
        crate::common::coordinator::get_as(&srv, &cookie, "/coordinator/events/editor/programme")
            .await;
    assert_eq!(status, 200);
    assert!(page.contains("Goede praktijk: een inclusieve werkvloer") && page.contains(GRETE));
    // Guido speaks 14:50–15:10: with him in a 15:00 slot is a clash, said in Dutch.
    let r = post_as(&srv, &cookie, SAVE, &form("15:00", "15:20", guido)).await;
    assert_eq!(r.status(), 422);
    let body = r.text().await.unwrap();
    assert!(body.contains("SpeakerBusy"), "{body}");
    let r = post_as(&srv, &cookie, SAVE, &form("25:00", "15:20", 0)).await;
    assert_eq!(r.status(), 422, "not a time");
    assert_eq!(
        outbox_count(&srv.state.db, GRETE, "speaker_session_moved").await,
        0
    );
    // Moving it: saved, and Grete hears of it once.
    let r = post_as(&srv, &cookie, SAVE, &form("15:20", "15:40", 0)).await;
    assert!(
        r.status().is_success() || r.status().is_redirection(),
        "{}",
        r.status()
    );
    let after = app::store::programme::of_event(&srv.state.db, event)
        .await
        .unwrap();
    let moved = after.sessions.iter().find(|s| s.id == session).unwrap();
    assert_eq!(app::i18n::format_time(moved.starts_at), "15:20");
    assert_eq!(
        outbox_count(&srv.state.db, GRETE, "speaker_session_moved").await,
        1
    );
    // Delete needs the confirmation box.
    let del = |confirm: bool| {
        let mut f = vec![
            ("slug".to_string(), "editor".to_string()),
            ("id".to_string(), session.to_string()),
        ];
        if confirm {
            f.push(("confirm".to_string(), "yes".to_string()));
        }
        f
    };
    const DELETE: &str = "/api/coordinator/programme/session/delete";
    assert_eq!(
        post_as(&srv, &cookie, DELETE, &del(false)).await.status(),
        422
    );
    assert!(post_as(&srv, &cookie, DELETE, &del(true))
        .await
        .status()
        .is_success());
    let after = app::store::programme::of_event(&srv.state.db, event)
        .await
        .unwrap();
    assert!(after.sessions.iter().all(|s| s.id != session));
}

async fn attendees_are_notified_after_a_preview(db: &TestDb) {
    let mail = MailDev::start().await;
    let srv = start(db, mail.smtp, &[]).await;
    event_with_programme(&srv, "notice", 10).await;
    let (anna, ben) = (unique_email("anna"), unique_email("ben"));
    for who in [&anna, &ben] {
        assert_eq!(
            post_form(&srv, "/e/notice/register", &form(who))
                .await
                .status(),
            303
        );
    }
    // Their confirmation mails first, so the notices can be told apart.
    mail.wait_for_count_to(&anna, 1).await;
    mail.wait_for_count_to(&ben, 1).await;
    const NOTIFY: &str = "/api/coordinator/programme/notify";
    let body = vec![
        ("slug".to_string(), "notice".to_string()),
        ("confirm".to_string(), "yes".to_string()),
    ];
    let r = client()
        .post(format!("http://{}{NOTIFY}", srv.addr))
        .header("accept", "application/json")
        .form(&body)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 401);
    let cookie = signed_in(&srv, &mail, "notice").await;
    let (_, page) =
        crate::common::coordinator::get_as(&srv, &cookie, "/coordinator/events/notice/programme")
            .await;
    assert!(
        page.contains("Het programma is gewijzigd"),
        "the preview's subject"
    );
    assert!(
        page.contains("Lokale besturen als regisseur"),
        "the preview's running order"
    );
    assert!(
        page.contains("Bevestigde deelnemers: 2"),
        "how many will get it"
    );
    let unconfirmed = vec![("slug".to_string(), "notice".to_string())];
    assert_eq!(
        post_as(&srv, &cookie, NOTIFY, &unconfirmed).await.status(),
        422
    );
    assert_eq!(
        outbox_count(&srv.state.db, &anna, "programme_changed").await,
        0
    );
    assert!(post_as(&srv, &cookie, NOTIFY, &body)
        .await
        .status()
        .is_success());
    for who in [&anna, &ben] {
        assert_eq!(
            outbox_count(&srv.state.db, who, "programme_changed").await,
            1
        );
        let mails = mail.wait_for_count_to(who, 2).await;
        assert!(mails
            .iter()
            .any(|m| m["subject"] == "Het programma is gewijzigd"));
    }
}
