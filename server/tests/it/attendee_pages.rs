//! What a person notices on the attendee pages (issue 11): distinct titles, the wait-list
//! answer after registering (the same for a known address), the cancellation mail, and the
//! browser's language until the person picks one — on SQLite and PostgreSQL, with maildev.

use crate::common::*;

on_both_databases!(
    a_full_event_says_wait_list_also_to_a_known_address,
    a_cancellation_is_confirmed_by_mail,
    the_browser_language_counts_until_a_choice_is_made,
    an_event_shows_the_organisers_translations_where_given,
    every_page_has_its_own_title,
);

async fn get_with(srv: &Running, path: &str, headers: &[(&str, &str)]) -> (u16, String) {
    let mut req = client().get(format!("http://{}{path}", srv.addr));
    for (k, v) in headers {
        req = req.header(*k, *v);
    }
    let r = req.send().await.expect("get");
    (r.status().as_u16(), r.text().await.expect("body"))
}

/// The opening tag that contains `attr`.
fn tag_with<'a>(page: &'a str, attr: &str) -> &'a str {
    let at = page
        .find(attr)
        .unwrap_or_else(|| panic!("{attr} in {page}"));
    let start = page[..at].rfind('<').expect("tag start");
    &page[start..at + page[at..].find('>').expect("tag end")]
}

fn title_of(page: &str) -> String {
    let start = page.find("<title>").expect("a title") + "<title>".len();
    let end = start + page[start..].find("</title>").expect("title ends");
    page[start..end].to_string()
}

async fn register_json(srv: &Running, slug: &str, email: &str) -> serde_json::Value {
    let body = serde_json::json!({
        "slug": slug, "lang": "Nl",
        "form": {
            "first_name": "Bart", "last_name": "Claes", "email": email, "organisation": "Gemeente",
            "org_type": "local_government", "sector": "other", "phone": "",
            "offers": ["werkopdrachten"], "needs": [], "consent": true
        }
    });
    client()
        .post(format!("http://{}/api/register", srv.addr))
        .json(&body)
        .send()
        .await
        .expect("register")
        .json()
        .await
        .expect("json")
}

async fn a_full_event_says_wait_list_also_to_a_known_address(db: &TestDb) {
    let mail = MailDev::start().await;
    let srv = start(db, mail.smtp, &[("LINK_RESEND_MINUTES", "0")]).await;
    add_event(&srv, "klein", 1).await;
    let (a, b) = (unique_email("a"), unique_email("b"));

    let r = post_form(&srv, "/e/klein/register", &form(&a)).await;
    assert_eq!(r.headers()["location"], "/e/klein/check-mail", "a seat");
    let (_, page) = get(&srv, "/e/klein/check-mail").await;
    assert!(page.contains("bevestiging") && !page.contains("wachtlijst:"));

    let r = post_form(&srv, "/e/klein/register", &form(&b)).await;
    assert_eq!(r.status().as_u16(), 303);
    assert_eq!(r.headers()["location"], "/e/klein/check-mail?waitlist=1");
    let (status, page) = get(&srv, "/e/klein/check-mail?waitlist=1").await;
    assert_eq!(status, 200);
    assert!(page.contains("Je staat op de wachtlijst"), "{page}");
    assert!(page.contains("je hebt nog geen plaats"));
    assert!(!page.contains("je bevestiging"), "no seat is confirmed");

    // The address that has the seat gets the same answer as a new one would now.
    let r = post_form(&srv, "/e/klein/register", &form(&a)).await;
    assert_eq!(r.headers()["location"], "/e/klein/check-mail?waitlist=1");
    assert_eq!(
        register_json(&srv, "klein", &a).await,
        serde_json::json!("WaitListed")
    );
    assert_eq!(
        register_json(&srv, "klein", &unique_email("c")).await,
        serde_json::json!("WaitListed")
    );
    // The known address really kept its seat, and got its link again.
    let mails = mail.wait_for_count_to(&a, 2).await;
    let (_, manage) = get(&srv, &format!("/m/{}", token_in(&mails[1]))).await;
    assert!(manage.contains("Je bent ingeschreven."));
    srv.stop().await;
}

async fn a_cancellation_is_confirmed_by_mail(db: &TestDb) {
    let mail = MailDev::start().await;
    let srv = start(db, mail.smtp, &[]).await;
    add_event(&srv, "netwerk", 5).await;
    let a = unique_email("a");
    // A French browser without a language cookie: the mails are in French.
    let r = client()
        .post(format!("http://{}/e/netwerk/register", srv.addr))
        .header("accept-language", "fr-BE,fr;q=0.9,nl;q=0.5")
        .form(&form(&a))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status().as_u16(), 303);
    let first = mail.wait_for_count_to(&a, 1).await;
    assert!(
        first[0]["subject"]
            .as_str()
            .unwrap()
            .starts_with("Votre inscription"),
        "{}",
        first[0]["subject"]
    );
    let token = token_in(&first[0]);
    let r = post_form(
        &srv,
        &format!("/m/{token}/cancel"),
        &[("confirm".into(), "yes".into())],
    )
    .await;
    assert_eq!(r.status().as_u16(), 303);
    let mails = mail.wait_for_count_to(&a, 2).await;
    let m = mails
        .iter()
        .find(|m| {
            m["subject"]
                .as_str()
                .unwrap()
                .starts_with("Votre inscription est annulée")
        })
        .expect("a cancellation mail");
    let text = m["text"].as_str().unwrap();
    assert!(
        text.contains("/e/netwerk/register"),
        "how to register again: {text}"
    );
    assert!(!text.contains("/m/"), "no personal link: {text}");
    assert!(m["attachments"].as_array().is_none_or(|a| a.is_empty()));

    // Cancelling again sends nothing more.
    post_form(
        &srv,
        &format!("/m/{token}/cancel"),
        &[("confirm".into(), "yes".into())],
    )
    .await;
    let c = unique_email("c");
    post_form(&srv, "/e/netwerk/register", &form(&c)).await;
    mail.wait_for_count_to(&c, 1).await;
    assert_eq!(to_address(&mail.emails().await, &a).len(), 2);
    srv.stop().await;
}

async fn the_browser_language_counts_until_a_choice_is_made(db: &TestDb) {
    let srv = start(db, free_port(), &[("MAIL_WORKER", "false")]).await;
    add_event(&srv, "netwerk", 5).await;
    let (_, page) = get_with(&srv, "/", &[("accept-language", "fr-BE,fr;q=0.9")]).await;
    assert!(page.contains("lang=\"fr-BE\""), "{page}");
    assert!(page.contains("Événements à venir"));
    let (_, page) = get_with(
        &srv,
        "/e/netwerk",
        &[("accept-language", "en-GB,en;q=0.9"), ("cookie", "lang=nl")],
    )
    .await;
    assert!(page.contains("<html lang=\"nl-BE\""), "the cookie wins");
    let (_, page) = get_with(&srv, "/e/netwerk", &[("accept-language", "en-GB,en;q=0.9")]).await;
    assert!(page.contains("<html lang=\"en\""));
    assert!(page.contains("Programme"));
    // The organiser's Dutch texts say they are Dutch on an English page …
    assert!(page.contains("<h1 lang=\"nl-BE\">"), "{page}");
    for class in ["description", "programme"] {
        let tag = tag_with(&page, &format!("class=\"{class}\""));
        assert!(tag.contains("lang=\"nl-BE\""), "{tag}");
    }
    // … and need not on a Dutch one.
    let (_, page) = get(&srv, "/e/netwerk").await;
    assert!(!page.contains("<h1 lang="));
    // A refused plain post answers in the browser's language too.
    let r = client()
        .post(format!("http://{}/e/netwerk/register", srv.addr))
        .header("accept-language", "en")
        .form(&[("first_name", "")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status().as_u16(), 422);
    let page = r.text().await.unwrap();
    assert!(page.contains("Please check the marked fields."), "{page}");
    assert!(page.contains("autofocus"), "the summary takes the focus");
    srv.stop().await;
}

async fn every_page_has_its_own_title(db: &TestDb) {
    let mail = MailDev::start().await;
    let srv = start(db, mail.smtp, &[]).await;
    add_event(&srv, "netwerk", 5).await;
    let title = app::demo::demo_event(chrono::Utc::now()).title;
    let a = unique_email("a");
    post_form(&srv, "/e/netwerk/register", &form(&a)).await;
    let token = token_in(&mail.wait_for_count_to(&a, 1).await[0]);
    let b = unique_email("b");
    post_form(&srv, "/e/netwerk/register", &form(&b)).await;
    let cancelled = token_in(&mail.wait_for_count_to(&b, 1).await[0]);
    post_form(
        &srv,
        &format!("/m/{cancelled}/cancel"),
        &[("confirm".into(), "yes".into())],
    )
    .await;
    let bad = "0".repeat(64);
    for lang in ["nl", "en", "fr"] {
        let cookie = format!("lang={lang}");
        let mut seen = Vec::new();
        for (path, with_event) in [
            ("/".to_string(), false),
            ("/e/netwerk".into(), true),
            ("/e/netwerk/register".into(), true),
            ("/e/netwerk/check-mail".into(), true),
            ("/e/netwerk/check-mail?waitlist=1".into(), true),
            (format!("/m/{token}"), true),
            (format!("/m/{cancelled}"), true),
            ("/e/nope".into(), false),
            ("/no/such/page".into(), false),
            (format!("/m/{bad}"), false),
        ] {
            let (_, page) = get_with(&srv, &path, &[("cookie", &cookie)]).await;
            let t = title_of(&page);
            assert!(t.ends_with("Tafelronde"), "{lang} {path}: {t}");
            assert_eq!(t.contains(&title), with_event, "{lang} {path}: {t}");
            assert!(page.contains("<h1"), "{lang} {path}: a heading");
            assert!(!seen.contains(&t), "{lang} {path}: {t} twice");
            seen.push(t);
        }
    }
    srv.stop().await;
}

async fn an_event_shows_the_organisers_translations_where_given(db: &TestDb) {
    let mail = MailDev::start().await;
    let srv = start(db, mail.smtp, &[]).await;
    let now = chrono::Utc::now();
    let mut e = app::demo::demo_event(now);
    e.slug = "netwerk".into();
    e.translations.en.title = "Entrepreneurs meet the social economy".into();
    e.translations.en.description = "An afternoon of networking tables.".into();
    app::store::events::insert(&srv.state.db, &e, now)
        .await
        .expect("insert event");
    let english = [("accept-language", "en-GB,en;q=0.9")];
    // English pages: the English texts, in the page's language (no lang of their own).
    let (_, page) = get_with(&srv, "/e/netwerk", &english).await;
    assert!(
        page.contains("<h1>Entrepreneurs meet the social economy</h1>"),
        "{page}"
    );
    assert!(title_of(&page).contains("Entrepreneurs meet the social economy"));
    let tag = tag_with(&page, "class=\"description\"");
    assert!(!tag.contains("lang="), "{tag}");
    assert!(page.contains("An afternoon of networking tables."));
    let (_, home) = get_with(&srv, "/", &english).await;
    assert!(
        home.contains("Entrepreneurs meet the social economy"),
        "{home}"
    );
    // French: none given, so the Dutch texts, marked Dutch.
    let (_, page) = get_with(&srv, "/e/netwerk", &[("accept-language", "fr-BE")]).await;
    assert!(
        page.contains(&format!("<h1 lang=\"nl-BE\">{}</h1>", e.title)),
        "{page}"
    );
    // Dutch: the Dutch texts.
    let (_, page) = get(&srv, "/e/netwerk").await;
    assert!(page.contains(&format!("<h1>{}</h1>", e.title)), "{page}");
    // An English registration's mail names the event in English.
    let a = unique_email("en");
    let r = client()
        .post(format!("http://{}/e/netwerk/register", srv.addr))
        .header("accept-language", "en")
        .form(&form(&a))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status().as_u16(), 303);
    let mails = mail.wait_for_count_to(&a, 1).await;
    let subject = mails[0]["subject"].as_str().unwrap_or_default();
    assert!(
        subject.ends_with(": Entrepreneurs meet the social economy"),
        "{subject}"
    );
    srv.stop().await;
}
