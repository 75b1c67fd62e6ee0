//! Personal links and the registration rules, through the real server on SQLite and
//! PostgreSQL: links survive resends and promotion and expire after the event, the resend
//! interval, the cut-off for edits and cancellations, opening a link changes nothing and
//! takes no write lock, strict input (invalid UTF-8, invisible names, phones) and the
//! honeypot. Mails are asserted as outbox rows (the worker is off unless a test needs it).

use crate::common::*;
use app::store::Db;
use chrono::{DateTime, Duration, Utc};

on_both_databases!(
    links_survive_a_resend,
    links_survive_promotion,
    a_second_registration_within_the_interval_sends_nothing,
    links_expire_after_the_event,
    edit_and_cancel_are_refused_after_the_cut_off,
    opening_a_link_confirms_nothing_and_takes_no_write_lock,
    invalid_utf8_and_invisible_names_are_refused,
    honeypot_stores_nothing,
    malformed_links_answer_400_or_404,
    links_from_before_the_migration_keep_working,
    our_failure_on_edit_keeps_the_typed_values,
);

const NO_WORKER: (&str, &str) = ("MAIL_WORKER", "false");

/// The manage tokens of the queued (pending: the worker is off) mails to `to`, oldest
/// first: kept beside the body, whose link holds the placeholder until the mail is sent.
async fn tokens_to(db: &Db, to: &str) -> Vec<String> {
    let rows: Vec<(String, Option<String>)> = app::on_db!(db, p => {
        sqlx::query_as("SELECT body_text, link_secret FROM outbox WHERE recipient = $1 ORDER BY id")
            .bind(to)
            .fetch_all(p)
            .await
            .expect("outbox bodies")
    });
    rows.into_iter()
        .map(|(body, secret)| {
            let placeholder = format!("/m/{}", app::store::outbox::LINK_PLACEHOLDER);
            assert!(body.contains(&placeholder), "manage link in mail: {body}");
            secret.expect("a pending mail keeps its link token")
        })
        .collect()
}

async fn outbox_total(db: &Db) -> i64 {
    let (p, s, f) = app::store::outbox::counts(db).await.unwrap();
    p + s + f
}

async fn scalar_i64(db: &Db, sql: &'static str) -> i64 {
    app::on_db!(db, p => sqlx::query_scalar(sql).fetch_one(p).await.expect("scalar"))
}

async fn set_event_times(db: &Db, id: i64, starts: DateTime<Utc>, ends: DateTime<Utc>) {
    app::on_db!(db, p => {
        sqlx::query("UPDATE events SET starts_at = $1, ends_at = $2 WHERE id = $3")
            .bind(starts)
            .bind(ends)
            .bind(id)
            .execute(p)
            .await
            .expect("move event");
    });
}

async fn post_raw(srv: &Running, path: &str, body: String) -> reqwest::Response {
    client()
        .post(format!("http://{}{path}", srv.addr))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(body)
        .send()
        .await
        .expect("post")
}

async fn links_survive_a_resend(db: &TestDb) {
    let srv = start(db, free_port(), &[NO_WORKER, ("LINK_RESEND_MINUTES", "0")]).await;
    add_event(&srv, "netwerk", 10).await;
    let email = unique_email("resend");
    post_form(&srv, "/e/netwerk/register", &form(&email)).await;
    post_form(&srv, "/e/netwerk/register", &form(&email)).await;
    let tokens = tokens_to(&srv.state.db, &email).await;
    assert_eq!(tokens.len(), 2, "a confirmation and a resent link");
    assert_ne!(tokens[0], tokens[1]);
    for t in &tokens {
        let (status, page) = get(&srv, &format!("/m/{t}")).await;
        assert_eq!(status, 200, "link {t} works");
        assert!(page.contains("Je bent ingeschreven"));
    }
    srv.stop().await;
}

async fn links_survive_promotion(db: &TestDb) {
    let srv = start(db, free_port(), &[NO_WORKER]).await;
    let event = add_event(&srv, "klein", 1).await;
    let (a, b) = (unique_email("a"), unique_email("b"));
    post_form(&srv, "/e/klein/register", &form(&a)).await;
    post_form(&srv, "/e/klein/register", &form(&b)).await;
    let ta = tokens_to(&srv.state.db, &a).await.remove(0);
    let tb_old = tokens_to(&srv.state.db, &b).await.remove(0);
    let (_, page) = get(&srv, &format!("/m/{tb_old}")).await;
    assert!(page.contains("Je staat op de wachtlijst"));
    let r = post_form(
        &srv,
        &format!("/m/{ta}/cancel"),
        &[("confirm".into(), "yes".into())],
    )
    .await;
    assert_eq!(r.status().as_u16(), 303);
    let tb = tokens_to(&srv.state.db, &b).await;
    assert_eq!(tb.len(), 2, "a promotion mail with a new link");
    for t in [&tb_old, &tb[1]] {
        let (status, page) = get(&srv, &format!("/m/{t}")).await;
        assert_eq!(status, 200, "old and new link work after the promotion");
        assert!(page.contains("Je bent ingeschreven"), "{t}");
    }
    assert_eq!(
        app::store::registrations::status_counts(&srv.state.db, event)
            .await
            .unwrap(),
        (1, 0, 1)
    );
    srv.stop().await;
}

async fn a_second_registration_within_the_interval_sends_nothing(db: &TestDb) {
    let srv = start(db, free_port(), &[NO_WORKER]).await;
    let event = add_event(&srv, "netwerk", 10).await;
    let email = unique_email("twice");
    let first = post_form(&srv, "/e/netwerk/register", &form(&email)).await;
    let second = post_form(&srv, "/e/netwerk/register", &form(&email.to_uppercase())).await;
    let third = post_form(&srv, "/e/netwerk/register", &form(&email)).await;
    for r in [&second, &third] {
        assert_eq!(r.status(), first.status(), "same answer: reveals nothing");
        assert_eq!(r.headers()["location"], first.headers()["location"]);
    }
    assert_eq!(
        outbox_total(&srv.state.db).await,
        1,
        "one mail within 10 minutes"
    );
    // Ten minutes later (the last link mail moved back in time) the link goes again.
    app::on_db!(&srv.state.db, p => {
        sqlx::query("UPDATE registrations SET link_sent_at = $1")
            .bind(Utc::now() - Duration::minutes(10) - Duration::seconds(1))
            .execute(p)
            .await
            .unwrap();
    });
    post_form(&srv, "/e/netwerk/register", &form(&email)).await;
    assert_eq!(outbox_total(&srv.state.db).await, 2);
    post_form(&srv, "/e/netwerk/register", &form(&email)).await;
    assert_eq!(outbox_total(&srv.state.db).await, 2);
    assert_eq!(
        app::store::registrations::status_counts(&srv.state.db, event)
            .await
            .unwrap(),
        (1, 0, 0)
    );
    srv.stop().await;
}

async fn links_expire_after_the_event(db: &TestDb) {
    let srv = start(db, free_port(), &[NO_WORKER]).await;
    let event = add_event(&srv, "voorbij", 10).await;
    let email = unique_email("old");
    post_form(&srv, "/e/voorbij/register", &form(&email)).await;
    let t = tokens_to(&srv.state.db, &email).await.remove(0);
    let now = Utc::now();
    // Ended 29 days ago: still works (default 30 days).
    set_event_times(
        &srv.state.db,
        event,
        now - Duration::days(29) - Duration::hours(4),
        now - Duration::days(29),
    )
    .await;
    assert_eq!(get(&srv, &format!("/m/{t}")).await.0, 200);
    // Ended 31 days ago: expired, with its own message.
    set_event_times(
        &srv.state.db,
        event,
        now - Duration::days(31) - Duration::hours(4),
        now - Duration::days(31),
    )
    .await;
    let (status, page) = get(&srv, &format!("/m/{t}")).await;
    assert_eq!(status, 410);
    assert!(page.contains("Deze link is verlopen"), "{page}");
    let r = post_form(&srv, &format!("/m/{t}"), &form(&email)).await;
    assert_eq!(r.status().as_u16(), 410);
    let r = client()
        .post(format!("http://{}/api/manage", srv.addr))
        .json(&serde_json::json!({ "token": t }))
        .send()
        .await
        .unwrap();
    assert!(r.text().await.unwrap().contains("LinkExpired"));
    srv.stop().await;
}

async fn edit_and_cancel_are_refused_after_the_cut_off(db: &TestDb) {
    // The event starts in three weeks; changes close 1,000,000 minutes (~694 days) before.
    let srv = start(
        db,
        free_port(),
        &[NO_WORKER, ("CHANGES_CLOSE_MINUTES_BEFORE_START", "1000000")],
    )
    .await;
    let event = add_event(&srv, "klein", 1).await;
    let (a, b) = (unique_email("a"), unique_email("b"));
    post_form(&srv, "/e/klein/register", &form(&a)).await;
    post_form(&srv, "/e/klein/register", &form(&b)).await;
    let ta = tokens_to(&srv.state.db, &a).await.remove(0);
    assert_eq!(outbox_total(&srv.state.db).await, 2);

    let closed = "Aanpassen of annuleren kan niet meer";
    let (status, page) = get(&srv, &format!("/m/{ta}")).await;
    assert_eq!(status, 200, "the page still opens");
    assert!(page.contains(closed), "the page says changes are closed");

    let mut f = form(&a);
    f.retain(|(k, _)| k != "organisation");
    f.push(("organisation".into(), "Shark Solutions".into()));
    let r = post_form(&srv, &format!("/m/{ta}"), &f).await;
    assert_eq!(r.status().as_u16(), 409);
    let page = r.text().await.unwrap();
    assert!(page.contains(closed));
    assert!(
        page.contains("value=\"Shark Solutions\""),
        "the typed values are kept"
    );
    let changed = scalar_i64(
        &srv.state.db,
        "SELECT COUNT(*) FROM registrations WHERE organisation = 'Shark Solutions'",
    )
    .await;
    assert_eq!(changed, 0, "nothing changed");

    let r = post_form(
        &srv,
        &format!("/m/{ta}/cancel"),
        &[("confirm".into(), "yes".into())],
    )
    .await;
    assert_eq!(r.status().as_u16(), 409);
    assert!(r.text().await.unwrap().contains(closed));
    let r = client()
        .post(format!("http://{}/api/manage/cancel", srv.addr))
        .json(&serde_json::json!({ "token": ta, "confirm": true }))
        .send()
        .await
        .unwrap();
    assert!(r.text().await.unwrap().contains("ChangesClosed"));
    assert_eq!(
        app::store::registrations::status_counts(&srv.state.db, event)
            .await
            .unwrap(),
        (1, 1, 0),
        "not cancelled, nobody promoted"
    );
    assert_eq!(outbox_total(&srv.state.db).await, 2, "no mail");

    // The consent to share contact details still changes, on its own form.
    let shares = "SELECT COUNT(*) FROM registrations WHERE share_contact";
    assert_eq!(scalar_i64(&srv.state.db, shares).await, 0, "off by default");
    assert!(page_has_share_form(&srv, &ta).await);
    let r = post_form(
        &srv,
        &format!("/m/{ta}/share"),
        &[("share_contact".into(), "yes".into())],
    )
    .await;
    assert_eq!(r.status().as_u16(), 303);
    assert!(r.headers()["location"]
        .to_str()
        .unwrap()
        .ends_with("?shared=1"));
    assert_eq!(scalar_i64(&srv.state.db, shares).await, 1, "given");
    let r = client()
        .post(format!("http://{}/api/manage/share", srv.addr))
        .json(&serde_json::json!({ "token": ta, "share": false }))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status().as_u16(), 200);
    assert_eq!(scalar_i64(&srv.state.db, shares).await, 0, "withdrawn");
    let r = client()
        .post(format!("http://{}/api/manage/share", srv.addr))
        .json(&serde_json::json!({ "token": "0".repeat(64), "share": true }))
        .send()
        .await
        .unwrap();
    assert!(r.text().await.unwrap().contains("InvalidLink"));
    assert_eq!(
        scalar_i64(&srv.state.db, shares).await,
        0,
        "unknown link: nothing"
    );
    assert_eq!(outbox_total(&srv.state.db).await, 2, "no mail");
    srv.stop().await;
}

/// The manage page of `token` has the separate consent form (changes closed).
async fn page_has_share_form(srv: &Running, token: &str) -> bool {
    let (_, page) = get(srv, &format!("/m/{token}")).await;
    page.contains(&format!("action=\"/m/{token}/share\""))
        && page.matches("id=\"f-share_contact\"").count() == 1
}

async fn opening_a_link_confirms_nothing_and_takes_no_write_lock(db: &TestDb) {
    let srv = start(db, free_port(), &[NO_WORKER]).await;
    let event = add_event(&srv, "netwerk", 10).await;
    let email = unique_email("scanner");
    post_form(&srv, "/e/netwerk/register", &form(&email)).await;
    let t = tokens_to(&srv.state.db, &email).await.remove(0);
    let confirmed = "SELECT COUNT(*) FROM registrations WHERE email_confirmed_at IS NOT NULL";

    // A writer holds the lock (SQLite: BEGIN IMMEDIATE; PostgreSQL: the event row): opening
    // the link and a junk link still answer at once.
    let mut tx = srv.state.db.begin_write().await.unwrap();
    app::store::events::lock(&mut tx, event).await.unwrap();
    for path in [format!("/m/{t}"), format!("/m/{}", "ab".repeat(32))] {
        let got = tokio::time::timeout(std::time::Duration::from_secs(10), get(&srv, &path))
            .await
            .expect("a manage page does not wait for the write lock");
        assert!(got.0 == 200 || got.0 == 404, "{path}: {}", got.0);
    }
    drop(tx);

    for _ in 0..2 {
        assert_eq!(get(&srv, &format!("/m/{t}")).await.0, 200);
    }
    assert_eq!(
        scalar_i64(&srv.state.db, confirmed).await,
        0,
        "a GET (a mail scanner) confirms nothing"
    );
    let r = post_form(&srv, &format!("/m/{t}"), &form(&email)).await;
    assert_eq!(r.status().as_u16(), 303);
    assert_eq!(
        scalar_i64(&srv.state.db, confirmed).await,
        1,
        "an edit confirms the address"
    );
    srv.stop().await;
}

async fn invalid_utf8_and_invisible_names_are_refused(db: &TestDb) {
    let srv = start(db, free_port(), &[NO_WORKER]).await;
    let event = add_event(&srv, "netwerk", 10).await;
    let rest =
        "&email=utf%40example.be&organisation=Damhert&org_type=company&sector=ict&consent=yes";
    // Latin-1 "é" (0xE9) is not UTF-8; axum's Form would have stored "Gr�te".
    let body = format!("first_name=Gr%E9te&last_name=Peeters&phone=%FF123{rest}");
    let r = post_raw(&srv, "/e/netwerk/register", body).await;
    assert_eq!(r.status().as_u16(), 422);
    let page = r.text().await.unwrap();
    assert_eq!(
        page.matches("Dit veld bevat ongeldige tekens.").count(),
        2,
        "first name and phone"
    );
    assert!(!page.contains('\u{FFFD}'), "no replacement character");
    assert!(
        page.contains("value=\"utf@example.be\""),
        "valid values are kept"
    );

    // Only zero-width characters as a name; a phone number starting with a dash.
    let body =
        format!("first_name=%E2%80%8B%E2%80%8C%EF%BB%BF&last_name=%E2%81%A0&phone=-12345678{rest}");
    let r = post_raw(&srv, "/e/netwerk/register", body).await;
    assert_eq!(r.status().as_u16(), 422);
    let page = r.text().await.unwrap();
    assert_eq!(page.matches("Dit veld is verplicht.").count(), 2);
    assert!(page.contains("Dit is geen geldig telefoonnummer"));

    // The same through the server function.
    let r = client()
        .post(format!("http://{}/api/register", srv.addr))
        .json(&serde_json::json!({
            "slug": "netwerk", "lang": "Nl",
            "form": {
                "first_name": "\u{200B}", "last_name": "Claes", "email": "zw@example.be",
                "organisation": "Gemeente", "org_type": "company", "sector": "ict",
                "phone": "-12345678", "offers": [], "needs": [], "consent": true
            }
        }))
        .send()
        .await
        .unwrap();
    let v: serde_json::Value = r.json().await.unwrap();
    assert_eq!(
        v["Invalid"],
        serde_json::json!([["FirstName", "ErrRequired"], ["Phone", "ErrPhone"]])
    );
    assert_eq!(
        app::store::registrations::status_counts(&srv.state.db, event)
            .await
            .unwrap(),
        (0, 0, 0),
        "nothing stored"
    );
    assert_eq!(outbox_total(&srv.state.db).await, 0);

    // An edit with invalid bytes is refused too and changes nothing.
    let email = unique_email("edit");
    post_form(&srv, "/e/netwerk/register", &form(&email)).await;
    let t = tokens_to(&srv.state.db, &email).await.remove(0);
    let r = post_raw(
        &srv,
        &format!("/m/{t}"),
        "first_name=Anna&last_name=Peeters&organisation=Shark%E9&org_type=company&sector=ict"
            .into(),
    )
    .await;
    assert_eq!(r.status().as_u16(), 422);
    assert!(r
        .text()
        .await
        .unwrap()
        .contains("Dit veld bevat ongeldige tekens."));
    let unchanged = scalar_i64(
        &srv.state.db,
        "SELECT COUNT(*) FROM registrations WHERE organisation = 'Damhert Nutrition'",
    )
    .await;
    assert_eq!(unchanged, 1);
    srv.stop().await;
}

async fn honeypot_stores_nothing(db: &TestDb) {
    let srv = start(db, free_port(), &[NO_WORKER]).await;
    let event = add_event(&srv, "netwerk", 10).await;
    let (_, page) = get(&srv, "/e/netwerk/register").await;
    let at = page.find("id=\"f-website\"").expect("honeypot field");
    let input = &page[page[..at].rfind('<').unwrap()..at + page[at..].find('>').unwrap()];
    for attr in [
        "tabindex=\"-1\"",
        "autocomplete=\"off\"",
        "name=\"website\"",
    ] {
        assert!(input.contains(attr), "{attr} in {input}");
    }
    assert!(page.contains("Laat dit veld leeg"), "a label for humans");

    let mut f = form(&unique_email("bot"));
    f.push(("website".into(), "http://spam.example".into()));
    let r = post_form(&srv, "/e/netwerk/register", &f).await;
    assert_eq!(r.status().as_u16(), 303, "answers like a success");
    assert_eq!(r.headers()["location"], "/e/netwerk/check-mail");
    let r = client()
        .post(format!("http://{}/api/register", srv.addr))
        .json(&serde_json::json!({
            "slug": "netwerk", "lang": "En",
            "form": {
                "first_name": "Bot", "last_name": "Bot", "email": "bot@example.be",
                "organisation": "Bots", "org_type": "company", "sector": "ict",
                "phone": "", "offers": [], "needs": [], "consent": true,
                "website": "http://spam.example"
            }
        }))
        .send()
        .await
        .unwrap();
    assert_eq!(
        r.json::<serde_json::Value>().await.unwrap(),
        serde_json::json!("Accepted")
    );
    assert_eq!(
        app::store::registrations::status_counts(&srv.state.db, event)
            .await
            .unwrap(),
        (0, 0, 0)
    );
    assert_eq!(outbox_total(&srv.state.db).await, 0, "no mail");
    // An empty honeypot is a person.
    let mut f = form(&unique_email("human"));
    f.push(("website".into(), "".into()));
    post_form(&srv, "/e/netwerk/register", &f).await;
    assert_eq!(outbox_total(&srv.state.db).await, 1);
    srv.stop().await;
}

async fn malformed_links_answer_400_or_404(db: &TestDb) {
    let srv = start(db, free_port(), &[NO_WORKER]).await;
    let junk = [
        "zz".repeat(32),
        "ab%0Acd".to_string(),
        "%09%00".to_string(),
        format!("{}%0D%0ASet-Cookie:x=1", "a".repeat(40)),
    ];
    for t in &junk {
        // Control characters in the path are refused before routing (400); other junk
        // is an unknown link (404). Never a 500, never a header built from the token.
        let want = if t.contains('%') { 400 } else { 404 };
        let (status, _) = get(&srv, &format!("/m/{t}")).await;
        assert_eq!(status, want, "GET /m/{t}");
        let r = post_form(&srv, &format!("/m/{t}"), &form("a@b.be")).await;
        assert_eq!(r.status().as_u16(), want, "POST /m/{t}");
        for body in [vec![], vec![("confirm".to_string(), "yes".to_string())]] {
            let r = post_form(&srv, &format!("/m/{t}/cancel"), &body).await;
            assert_eq!(r.status().as_u16(), want, "POST /m/{t}/cancel");
            assert!(r.headers().get("set-cookie").is_none());
        }
    }
    // The right shape but no such link: the message, no change.
    let unknown = "ab".repeat(32);
    let r = post_form(&srv, &format!("/m/{unknown}"), &form("a@b.be")).await;
    assert_eq!(r.status().as_u16(), 404);
    assert!(r.text().await.unwrap().contains("Deze link is ongeldig"));
    let r = post_form(
        &srv,
        &format!("/m/{unknown}/cancel"),
        &[("confirm".into(), "yes".into())],
    )
    .await;
    assert_eq!(r.status().as_u16(), 404);
    assert!(r.text().await.unwrap().contains("Deze link is ongeldig"));
    srv.stop().await;
}

async fn links_from_before_the_migration_keep_working(db: &TestDb) {
    // A database at the first migration, with a registration holding its one link the old
    // way (`registrations.manage_token_hash`).
    let backend = if db.is_postgres() {
        "postgres"
    } else {
        "sqlite"
    };
    let dir = std::env::temp_dir().join(format!("tafelronde-mig-{}", uuid::Uuid::new_v4()));
    std::fs::create_dir_all(&dir).unwrap();
    let init = "20261128000001_init.sql";
    std::fs::copy(
        format!(
            "{}/../migrations/{backend}/{init}",
            env!("CARGO_MANIFEST_DIR")
        ),
        dir.join(init),
    )
    .unwrap();
    let migrator = sqlx::migrate::Migrator::new(dir.as_path()).await.unwrap();
    let token = "c0ffee".repeat(10) + "abcd";
    let hash = app::registration::service::hash_token(&token);
    let now = Utc::now();
    let e = app::demo::demo_event(now);
    let event_sql = "INSERT INTO events (slug, title, description, programme, venue_name, venue_address, \
        starts_at, ends_at, capacity, registration_opens_at, registration_closes_at, organiser_name, \
        organiser_email, topics, created_at) VALUES ('oud', 'Oud', '', '', 'Zaal', 'Straat 1', $1, $2, 10, $3, $4, 'Org', 'org@example.be', '[]', $3)";
    let reg_sql = "INSERT INTO registrations (event_id, first_name, last_name, email, email_norm, organisation, \
        org_type, sector, phone, offers, needs, lang, status, manage_token_hash, created_at, updated_at) \
        VALUES (1, 'Oud', 'Lid', 'oud@example.be', 'oud@example.be', 'Org', 'company', 'ict', NULL, '[]', '[]', 'nl', \
        'confirmed', $1, $2, $2)";
    macro_rules! seed {
        ($pool:expr) => {{
            let pool = $pool;
            migrator.run(&pool).await.unwrap();
            sqlx::query(event_sql)
                .bind(e.starts_at)
                .bind(e.ends_at)
                .bind(now)
                .bind(e.registration_closes_at)
                .execute(&pool)
                .await
                .unwrap();
            sqlx::query(reg_sql)
                .bind(&hash)
                .bind(now)
                .execute(&pool)
                .await
                .unwrap();
            pool.close().await;
        }};
    }
    if db.is_postgres() {
        seed!(sqlx::PgPool::connect(&db.url).await.unwrap());
    } else {
        let opts: sqlx::sqlite::SqliteConnectOptions = db.url.parse().unwrap();
        seed!(sqlx::SqlitePool::connect_with(opts.create_if_missing(true))
            .await
            .unwrap());
    }
    let _ = std::fs::remove_dir_all(&dir);

    // The server migrates the rest; the old link still opens the registration.
    let srv = start(db, free_port(), &[NO_WORKER]).await;
    let (status, page) = get(&srv, &format!("/m/{token}")).await;
    assert_eq!(status, 200);
    assert!(page.contains("oud@example.be"));
    assert_eq!(
        scalar_i64(&srv.state.db, "SELECT COUNT(*) FROM manage_tokens").await,
        1
    );
    srv.stop().await;
}

async fn our_failure_on_edit_keeps_the_typed_values(db: &TestDb) {
    let srv = start(db, free_port(), &[NO_WORKER]).await;
    add_event(&srv, "netwerk", 10).await;
    let email = unique_email("fault");
    post_form(&srv, "/e/netwerk/register", &form(&email)).await;
    let t = tokens_to(&srv.state.db, &email).await.remove(0);
    // Every update of a registration now fails in the database (our fault, not theirs).
    match &srv.state.db {
        Db::Sqlite(p) => {
            sqlx::query(
                "CREATE TRIGGER no_updates BEFORE UPDATE ON registrations \
                 BEGIN SELECT RAISE(ABORT, 'broken'); END",
            )
            .execute(p)
            .await
            .unwrap();
        }
        Db::Postgres(p) => {
            for sql in [
                "CREATE FUNCTION broken() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'broken'; END $$ LANGUAGE plpgsql",
                "CREATE TRIGGER no_updates BEFORE UPDATE ON registrations FOR EACH ROW EXECUTE FUNCTION broken()",
            ] {
                sqlx::query(sql).execute(p).await.unwrap();
            }
        }
    }
    let mut f = form(&email);
    f.retain(|(k, _)| k != "organisation");
    f.push(("organisation".into(), "Shark Solutions".into()));
    let r = post_form(&srv, &format!("/m/{t}"), &f).await;
    assert_eq!(r.status().as_u16(), 500);
    let page = r.text().await.unwrap();
    assert!(page.contains("Je gegevens zijn niet verloren"), "{page}");
    assert!(
        page.contains("value=\"Shark Solutions\""),
        "what was typed is still on the page"
    );
    srv.stop().await;
}
