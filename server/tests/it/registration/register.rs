//! Registration through the real server on SQLite and PostgreSQL, with mail delivered by
//! lettre to a real SMTP server (maildev) on loopback.

use crate::common::*;

on_both_databases!(
    register_sends_one_mail_with_a_working_link,
    invalid_fields_are_reported_and_nothing_is_stored,
    same_email_twice_creates_nothing_and_resends_the_link,
    full_event_puts_people_on_the_wait_list,
    cancel_frees_the_seat_and_promotes_the_first_waiting,
    server_function_registration_and_errors,
    concurrent_registrations_never_exceed_capacity,
    edit_through_the_manage_link,
    unknown_pages_and_links_give_clear_errors,
);

async fn register_sends_one_mail_with_a_working_link(db: &TestDb) {
    let mail = MailDev::start().await;
    let srv = start(db, mail.smtp, &[]).await;
    let event = add_event(&srv, "netwerk", 10).await;
    let email = unique_email("anna");
    let r = post_form(&srv, "/e/netwerk/register", &form(&email)).await;
    assert_eq!(r.status().as_u16(), 303);
    assert_eq!(r.headers()["location"], "/e/netwerk/check-mail");
    let (status, page) = get(&srv, "/e/netwerk/check-mail").await;
    assert_eq!(status, 200);
    assert!(page.contains("Kijk in je mailbox"));

    let mails = mail.wait_for_count_to(&email, 1).await;
    // One row queued and sent: nothing more can arrive, so the count below is final.
    let rows = wait_all_sent(&srv, 30, |r| r.recipient == email).await;
    assert_eq!(rows.len(), 1, "one mail queued");
    assert_eq!(
        to_address(&mail.emails().await, &email).len(),
        1,
        "exactly one mail"
    );
    let m = &mails[0];
    assert!(m["subject"]
        .as_str()
        .unwrap()
        .starts_with("Je inschrijving"));
    assert!(m["html"].as_str().unwrap().contains("/m/"));
    // The calendar entry (and the check-in QR code, inline: the dayof module).
    assert!(m["attachments"]
        .as_array()
        .unwrap()
        .iter()
        .any(|a| a["contentType"] == "text/calendar"));
    assert!(m["headers"]["message-id"]
        .as_str()
        .unwrap()
        .starts_with('<'));

    let token = token_in(m);
    let (status, page) = get(&srv, &format!("/m/{token}")).await;
    assert_eq!(status, 200);
    assert!(
        page.contains("Je bent ingeschreven"),
        "manage page shows the status"
    );
    assert!(page.contains(&email));
    assert_eq!(
        app::store::registrations::status_counts(&srv.state.db, event)
            .await
            .unwrap(),
        (1, 0, 0)
    );
    srv.stop().await;
}

async fn invalid_fields_are_reported_and_nothing_is_stored(db: &TestDb) {
    let mail = MailDev::start().await;
    let srv = start(db, mail.smtp, &[]).await;
    let event = add_event(&srv, "netwerk", 10).await;
    let mut f = form("not-an-address");
    f.retain(|(k, _)| k != "consent" && k != "sector");
    f.retain(|(k, _)| k != "first_name");
    f.push(("first_name".into(), "Grete <script>".into()));
    f.push(("needs".into(), "no-such-topic".into()));
    let r = post_form(&srv, "/e/netwerk/register", &f).await;
    assert_eq!(r.status().as_u16(), 422);
    let page = r.text().await.unwrap();
    for msg in [
        "Dit is geen geldig e-mailadres",
        "Je moet akkoord gaan met de privacyverklaring",
        "Maak een keuze.",
        "Kies enkel onderwerpen van de menukaart.",
        "Kijk de gemarkeerde velden na.",
    ] {
        assert!(page.contains(msg), "page shows {msg:?}");
    }
    assert!(
        page.contains("value=\"not-an-address\""),
        "typed values are kept"
    );
    assert!(
        page.contains("Grete &lt;script&gt;"),
        "typed values are kept, escaped"
    );
    assert!(page.contains("aria-invalid=\"true\""));
    assert_eq!(
        app::store::registrations::status_counts(&srv.state.db, event)
            .await
            .unwrap(),
        (0, 0, 0)
    );
    assert_eq!(
        app::store::outbox::counts(&srv.state.db).await.unwrap(),
        (0, 0, 0)
    );
    srv.stop().await;
}

async fn same_email_twice_creates_nothing_and_resends_the_link(db: &TestDb) {
    let mail = MailDev::start().await;
    // No resend interval here (the interval has its own test in registration::links).
    let srv = start(db, mail.smtp, &[("LINK_RESEND_MINUTES", "0")]).await;
    let event = add_event(&srv, "netwerk", 10).await;
    let email = unique_email("twice");
    let first = post_form(&srv, "/e/netwerk/register", &form(&email)).await;
    let old = token_in(&mail.wait_for_count_to(&email, 1).await[0]);
    // Same address, other case: the same person.
    let second = post_form(&srv, "/e/netwerk/register", &form(&email.to_uppercase())).await;
    assert_eq!(first.status(), second.status());
    assert_eq!(
        first.headers()["location"],
        second.headers()["location"],
        "same answer: reveals nothing"
    );
    let all = mail.wait_for_count_to(&email, 2).await;
    assert_eq!(
        all.len(),
        2,
        "both mails go to the address as first registered"
    );
    let resent = all
        .iter()
        .find(|m| {
            m["subject"]
                .as_str()
                .unwrap()
                .starts_with("Je persoonlijke link")
        })
        .expect("link mail");
    let new = token_in(resent);
    assert_ne!(old, new);
    assert_eq!(
        app::store::registrations::status_counts(&srv.state.db, event)
            .await
            .unwrap(),
        (1, 0, 0)
    );
    assert_eq!(get(&srv, &format!("/m/{new}")).await.0, 200);
    let (status, page) = get(&srv, &format!("/m/{old}")).await;
    assert_eq!(status, 200, "the first link keeps working");
    assert!(page.contains("Je bent ingeschreven"));
    srv.stop().await;
}

async fn full_event_puts_people_on_the_wait_list(db: &TestDb) {
    let mail = MailDev::start().await;
    let srv = start(db, mail.smtp, &[]).await;
    let event = add_event(&srv, "klein", 1).await;
    let a = unique_email("a");
    let b = unique_email("b");
    post_form(&srv, "/e/klein/register", &form(&a)).await;
    let (_, page) = get(&srv, "/e/klein").await;
    assert!(page.contains("Volzet"), "event page says it is full");
    post_form(&srv, "/e/klein/register", &form(&b)).await;
    let mb = mail.wait_for_count_to(&b, 1).await;
    assert!(mb[0]["subject"]
        .as_str()
        .unwrap()
        .starts_with("Je staat op de wachtlijst"));
    let (_, page) = get(&srv, &format!("/m/{}", token_in(&mb[0]))).await;
    assert!(page.contains("Je staat op de wachtlijst"));
    assert_eq!(
        app::store::registrations::status_counts(&srv.state.db, event)
            .await
            .unwrap(),
        (1, 1, 0)
    );
    srv.stop().await;
}

async fn cancel_frees_the_seat_and_promotes_the_first_waiting(db: &TestDb) {
    let mail = MailDev::start().await;
    let srv = start(db, mail.smtp, &[]).await;
    let event = add_event(&srv, "klein", 1).await;
    let (a, b, c) = (unique_email("a"), unique_email("b"), unique_email("c"));
    for e in [&a, &b, &c] {
        post_form(&srv, "/e/klein/register", &form(e)).await;
    }
    let ta = token_in(&mail.wait_for_count_to(&a, 1).await[0]);
    mail.wait_for_count_to(&c, 1).await;

    // Without ticking the confirmation nothing happens.
    let r = post_form(&srv, &format!("/m/{ta}/cancel"), &[]).await;
    assert_eq!(r.status().as_u16(), 303);
    assert!(r.headers()["location"]
        .to_str()
        .unwrap()
        .contains("cancel_error=1"));
    assert_eq!(
        app::store::registrations::status_counts(&srv.state.db, event)
            .await
            .unwrap(),
        (1, 2, 0)
    );

    let r = post_form(
        &srv,
        &format!("/m/{ta}/cancel"),
        &[("confirm".into(), "yes".into())],
    )
    .await;
    assert_eq!(r.status().as_u16(), 303);
    let promoted = mail.wait_for_count_to(&b, 2).await;
    let p = promoted
        .iter()
        .find(|m| m["subject"].as_str().unwrap().starts_with("Goed nieuws"))
        .expect("promotion mail");
    let (_, page) = get(&srv, &format!("/m/{}", token_in(p))).await;
    assert!(page.contains("Je bent ingeschreven"));
    let (_, page) = get(&srv, &format!("/m/{ta}")).await;
    assert!(page.contains("Je inschrijving is geannuleerd"));
    assert_eq!(
        app::store::registrations::status_counts(&srv.state.db, event)
            .await
            .unwrap(),
        (1, 1, 1)
    );
    assert_eq!(
        to_address(&mail.emails().await, &c).len(),
        1,
        "the second on the list waits"
    );
    srv.stop().await;
}

async fn server_function_registration_and_errors(db: &TestDb) {
    let mail = MailDev::start().await;
    let srv = start(db, mail.smtp, &[]).await;
    add_event(&srv, "netwerk", 10).await;
    let email = unique_email("js");
    let body = serde_json::json!({
        "slug": "netwerk",
        "lang": "En",
        "form": {
            "first_name": "Bart", "last_name": "Claes", "email": email, "organisation": "Gemeente Bocholt",
            "org_type": "local_government", "sector": "other", "phone": "+32 89 12 34 56",
            "offers": ["werkopdrachten"], "needs": [], "consent": true
        }
    });
    let r = client()
        .post(format!("http://{}/api/register", srv.addr))
        .json(&body)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status().as_u16(), 200);
    assert_eq!(
        r.json::<serde_json::Value>().await.unwrap(),
        serde_json::json!("Accepted")
    );
    let m = mail.wait_for_count_to(&email, 1).await;
    assert!(
        m[0]["subject"]
            .as_str()
            .unwrap()
            .starts_with("Your registration"),
        "mail in the attendee's language"
    );

    let mut bad = body.clone();
    bad["form"]["email"] = "x@".into();
    bad["form"]["consent"] = false.into();
    let r = client()
        .post(format!("http://{}/api/register", srv.addr))
        .json(&bad)
        .send()
        .await
        .unwrap();
    let v: serde_json::Value = r.json().await.unwrap();
    assert_eq!(
        v["Invalid"],
        serde_json::json!([["Email", "ErrEmail"], ["Consent", "ErrConsent"]])
    );

    bad["slug"] = "nope".into();
    let r = client()
        .post(format!("http://{}/api/register", srv.addr))
        .json(&bad)
        .send()
        .await
        .unwrap();
    assert!(r.status().is_server_error() || r.status().is_client_error());
    let text = r.text().await.unwrap();
    assert!(text.contains("NotFound"), "{text}");

    let r = client()
        .post(format!("http://{}/api/manage/cancel", srv.addr))
        .json(&serde_json::json!({"token": "0".repeat(64), "confirm": true}))
        .send()
        .await
        .unwrap();
    assert!(r.text().await.unwrap().contains("InvalidLink"));
    srv.stop().await;
}

async fn concurrent_registrations_never_exceed_capacity(db: &TestDb) {
    // 200 connections at once from one address: above the default cap per client (64),
    // which has its own test (http::connections_per_client_are_capped), so it is off here.
    let srv = start(
        db,
        free_port(),
        &[
            ("MAIL_WORKER", "false"),
            ("TAFELRONDE_MAX_CONNECTIONS_PER_CLIENT", "0"),
        ],
    )
    .await;
    let event = add_event(&srv, "druk", 50).await;
    let url = format!("http://{}/e/druk/register", srv.addr);
    let tasks: Vec<_> = (0..200)
        .map(|i| {
            let url = url.clone();
            tokio::spawn(async move {
                let f = form(&unique_email(&format!("c{i}")));
                client()
                    .post(url)
                    .form(&f)
                    .send()
                    .await
                    .map(|r| r.status().as_u16())
            })
        })
        .collect();
    let mut ok = 0;
    for t in tasks {
        if t.await.unwrap().unwrap() == 303 {
            ok += 1;
        }
    }
    assert_eq!(ok, 200, "every request was answered");
    let counts = app::store::registrations::status_counts(&srv.state.db, event)
        .await
        .unwrap();
    assert_eq!(counts, (50, 150, 0));
    assert_eq!(
        app::store::outbox::counts(&srv.state.db).await.unwrap(),
        (200, 0, 0),
        "one mail each, same transaction"
    );
    srv.stop().await;
}

async fn edit_through_the_manage_link(db: &TestDb) {
    let mail = MailDev::start().await;
    let srv = start(db, mail.smtp, &[]).await;
    add_event(&srv, "netwerk", 10).await;
    let email = unique_email("edit");
    post_form(&srv, "/e/netwerk/register", &form(&email)).await;
    let token = token_in(&mail.wait_for_count_to(&email, 1).await[0]);
    let mut f = form(&email);
    f.retain(|(k, _)| k != "organisation" && k != "email");
    f.push(("organisation".into(), "Shark Solutions".into()));
    f.push(("email".into(), "someone-else@example.be".into()));
    let r = post_form(&srv, &format!("/m/{token}"), &f).await;
    assert_eq!(r.status().as_u16(), 303);
    let (_, page) = get(&srv, &format!("/m/{token}?saved=1")).await;
    assert!(page.contains("value=\"Shark Solutions\""));
    assert!(page.contains(&email), "the address cannot be changed");
    assert!(page.contains("Je wijzigingen zijn bewaard"));
    f.retain(|(k, _)| k != "first_name");
    let r = post_form(&srv, &format!("/m/{token}"), &f).await;
    assert_eq!(r.status().as_u16(), 422);
    assert!(r.text().await.unwrap().contains("Dit veld is verplicht."));
    srv.stop().await;
}

async fn unknown_pages_and_links_give_clear_errors(db: &TestDb) {
    let srv = start(db, free_port(), &[("MAIL_WORKER", "false")]).await;
    let (status, page) = get(&srv, "/e/bestaat-niet").await;
    assert_eq!(status, 404);
    assert!(page.contains("Dit evenement bestaat niet"));
    let (status, _) = get(&srv, "/m/short").await;
    assert_eq!(status, 404);
    let (status, page) = get(&srv, "/nergens").await;
    assert_eq!(status, 404);
    assert!(page.contains("Deze pagina bestaat niet"));
    let r = post_form(&srv, "/e/bestaat-niet/register", &form("a@b.be")).await;
    assert_eq!(r.status().as_u16(), 404);
    assert!(r
        .text()
        .await
        .unwrap()
        .contains("Dit evenement bestaat niet"));
    // Language switch keeps the page and sets the cookie.
    let r = client()
        .get(format!("http://{}/lang/en?next=/e/x", srv.addr))
        .send()
        .await
        .unwrap();
    assert_eq!(r.headers()["location"], "/e/x");
    assert!(r.headers()["set-cookie"]
        .to_str()
        .unwrap()
        .starts_with("lang=en"));
    let r = client()
        .get(format!("http://{}/lang/en?next=//evil.example", srv.addr))
        .send()
        .await
        .unwrap();
    assert_eq!(r.headers()["location"], "/");
    let r = client()
        .get(format!("http://{}/", srv.addr))
        .header("cookie", "lang=en")
        .send()
        .await
        .unwrap();
    assert!(r.text().await.unwrap().contains("Upcoming events"));
    srv.stop().await;
}
