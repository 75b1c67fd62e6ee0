//! Stored text that looks like markup (issue 17) on SQLite and PostgreSQL: a speaker bio, a
//! session description and an event's texts holding `</textarea><b>x</b>` come back
//! literally in every textarea and on every page that shows them, with no element made of
//! them; an event title cannot leave `<title>`; control characters in an event are refused.

use crate::common::coordinator::*;
use crate::common::speakers::*;
use crate::common::*;
use scraper::{Html, Selector};
use serde_json::{json, Value};

on_both_databases!(
    a_bio_from_the_speaker_link_stays_text,
    a_bio_from_the_coordinator_stays_text,
    a_session_description_stays_text,
    event_texts_stay_text,
    an_event_title_stays_in_the_title_element,
    control_characters_in_an_event_are_refused,
);

/// Would end a raw textarea and make a `<b>` element; `&amp;` and quotes must survive as typed.
const ATTACK: &str = "</textarea><b>x</b> &amp; \"q\" 'a'";

fn sel(css: &str) -> Selector {
    Selector::parse(css).unwrap_or_else(|e| panic!("selector {css}: {e:?}"))
}

/// The texts of the page's textareas named `name`.
fn textareas(page: &Html, name: &str) -> Vec<String> {
    page.select(&sel(&format!("textarea[name=\"{name}\"]")))
        .map(|t| t.text().collect())
        .collect()
}

/// Asserts that `html` has no element made of the attack (the app writes no `<b>` itself),
/// and returns it parsed.
fn no_injected_element(html: &str, what: &str) -> Html {
    if let Some(at) = html.find("<b>x</b>") {
        let from = html.floor_char_boundary(at.saturating_sub(300));
        let to = html.ceil_char_boundary(at + 100);
        panic!("{what}: raw markup in the page: {}", &html[from..to]);
    }
    let page = Html::parse_document(html);
    assert_eq!(
        page.select(&sel("b")).count(),
        0,
        "{what}: a <b> element was made"
    );
    page
}

/// Asserts the page's visible text holds `text` as typed.
fn shows_literally(page: &Html, text: &str, what: &str) {
    let all: String = page.root_element().text().collect();
    assert!(all.contains(text), "{what}: {text:?} not shown literally");
}

/// A valid event form a month from now, registration open.
fn event_form(title: &str) -> Vec<(String, String)> {
    let now = chrono::Utc::now().with_timezone(&chrono_tz::Europe::Brussels);
    let opens = (now - chrono::Duration::days(1))
        .format("%Y-%m-%dT%H:%M")
        .to_string();
    let day = (now + chrono::Duration::days(30))
        .format("%Y-%m-%d")
        .to_string();
    let mut f = fields(&[
        ("original", ""),
        ("title", title),
        ("slug", ""),
        ("description", "Een middag netwerken."),
        ("programme", "13:30 Onthaal\n14:00 Tafels"),
        ("venue_name", "Brouwerijmuseum"),
        ("venue_address", "Dorpsstraat 1, 3950 Bocholt"),
        ("capacity", "40"),
        ("opens_at", &opens),
        ("organiser_name", "SE Noord-Limburg"),
        ("organiser_email", "info@se-nl.be"),
        ("topics", "Personeel\nOpleiding"),
        ("org_types[]", "company"),
        ("sectors[]", "groen"),
    ]);
    set(&mut f, "starts_at", &format!("{day}T13:30"));
    set(&mut f, "ends_at", &format!("{day}T18:00"));
    set(&mut f, "closes_at", &format!("{day}T12:00"));
    f
}

/// Saves an event form as the coordinator and publishes it; returns its slug.
async fn save_and_publish(srv: &Running, cookie: &str, form: &[(String, String)]) -> String {
    let r = post_as(srv, cookie, "/api/coordinator/events/save", form).await;
    let status = r.status();
    let location = r
        .headers()
        .get("location")
        .and_then(|v| v.to_str().ok())
        .map(str::to_string);
    let body = r.text().await.unwrap_or_default();
    let location = location.unwrap_or_else(|| panic!("saved: {status} {body}"));
    let slug = location
        .strip_prefix("/coordinator/events/")
        .and_then(|s| s.split(['?', '/']).next())
        .unwrap_or_else(|| panic!("{location}"))
        .to_string();
    let r = post_as(
        srv,
        cookie,
        "/api/coordinator/events/publish",
        &fields(&[("slug", &slug)]),
    )
    .await;
    assert!(
        r.status().is_redirection() || r.status().is_success(),
        "publish: {}",
        r.status()
    );
    slug
}

/// Grete's bio in the stored programme of event `event`.
async fn stored_bio(srv: &Running, event: i64) -> String {
    app::store::programme::of_event(&srv.state.db, event)
        .await
        .expect("programme")
        .speakers
        .iter()
        .find(|s| s.contact_email == GRETE)
        .map(|s| s.bio.clone())
        .expect("Grete")
}

/// The pages that show a speaker's bio: her own page, the coordinator's programme editor
/// and the public agenda.
async fn bio_pages_show(srv: &Running, cookie: &str, slug: &str, token: &str, bio: &str) {
    let (status, html) = get(srv, &format!("/s/{token}")).await;
    assert_eq!(status, 200);
    let page = no_injected_element(&html, "speaker page");
    assert_eq!(
        textareas(&page, "bio"),
        vec![bio.to_string()],
        "speaker page"
    );
    let (status, html) = get_as(
        srv,
        cookie,
        &format!("/coordinator/events/{slug}/programme"),
    )
    .await;
    assert_eq!(status, 200);
    let page = no_injected_element(&html, "programme editor");
    assert!(
        textareas(&page, "bio").iter().any(|t| t == bio),
        "programme editor: {:?}",
        textareas(&page, "bio")
    );
    let (status, html) = get(srv, &format!("/e/{slug}/agenda")).await;
    assert_eq!(status, 200);
    let page = no_injected_element(&html, "agenda");
    shows_literally(&page, bio, "agenda");
}

async fn a_bio_from_the_speaker_link_stays_text(db: &TestDb) {
    let mail = MailDev::start().await;
    let srv = start(db, mail.smtp, &[]).await;
    let event = event_with_programme(&srv, "bio-link", 10).await;
    let (_, token) = grete_link(&srv, &mail, "bio-link", event).await;
    let r = post_form(
        &srv,
        &format!("/s/{token}"),
        &fields(&[
            ("name", "Grete Remen"),
            ("role", "CEO"),
            ("organisation", "Damhert Nutrition"),
            ("bio", ATTACK),
        ]),
    )
    .await;
    assert_eq!(r.status(), 303);
    assert_eq!(stored_bio(&srv, event).await, ATTACK);
    let cookie = signed_in(&srv, &mail, "bio-link").await;
    bio_pages_show(&srv, &cookie, "bio-link", &token, ATTACK).await;
    srv.stop().await;
}

async fn a_bio_from_the_coordinator_stays_text(db: &TestDb) {
    let mail = MailDev::start().await;
    let srv = start(db, mail.smtp, &[]).await;
    let event = event_with_programme(&srv, "bio-coord", 10).await;
    let (grete, token) = grete_link(&srv, &mail, "bio-coord", event).await;
    let cookie = signed_in(&srv, &mail, "bio-coord").await;
    let bio = format!("Eerste lijn\n{ATTACK}");
    let r = post_as(
        &srv,
        &cookie,
        "/api/coordinator/programme/speaker",
        &fields(&[
            ("slug", "bio-coord"),
            ("id", &grete.to_string()),
            ("name", "Grete Remen"),
            ("role", "CEO"),
            ("organisation", "Damhert Nutrition"),
            ("bio", &bio),
            ("contact_email", GRETE),
        ]),
    )
    .await;
    assert!(
        r.status().is_success() || r.status().is_redirection(),
        "{}",
        r.status()
    );
    assert_eq!(stored_bio(&srv, event).await, bio);
    bio_pages_show(&srv, &cookie, "bio-coord", &token, &bio).await;
    srv.stop().await;
}

async fn a_session_description_stays_text(db: &TestDb) {
    let mail = MailDev::start().await;
    let srv = start(db, mail.smtp, &[]).await;
    let event = event_with_programme(&srv, "sessie", 10).await;
    let stored = app::store::programme::of_event(&srv.state.db, event)
        .await
        .expect("programme");
    let session = stored
        .sessions
        .iter()
        .find(|s| s.title == "Goede praktijk: een inclusieve werkvloer")
        .expect("Grete's session");
    let speaker = stored
        .links
        .iter()
        .find(|(s, _)| *s == session.id)
        .map(|(_, k)| k.to_string())
        .unwrap_or_default();
    let cookie = signed_in(&srv, &mail, "sessie").await;
    let r = post_as(
        &srv,
        &cookie,
        "/api/coordinator/programme/session",
        &fields(&[
            ("slug", "sessie"),
            ("id", &session.id.to_string()),
            ("title", &session.title),
            ("description", ATTACK),
            ("kind", &session.kind),
            ("start", &app::i18n::format_time(session.starts_at)),
            ("end", &app::i18n::format_time(session.ends_at)),
            ("room", &session.room),
            ("speaker1", &speaker),
            ("speaker2", ""),
            ("speaker3", ""),
        ]),
    )
    .await;
    assert!(
        r.status().is_success() || r.status().is_redirection(),
        "{} {}",
        r.status(),
        r.text().await.unwrap_or_default()
    );
    let after = app::store::programme::of_event(&srv.state.db, event)
        .await
        .expect("programme");
    let saved = after.sessions.iter().find(|s| s.id == session.id);
    assert_eq!(saved.map(|s| s.description.as_str()), Some(ATTACK));
    let (status, html) = get_as(&srv, &cookie, "/coordinator/events/sessie/programme").await;
    assert_eq!(status, 200);
    let page = no_injected_element(&html, "programme editor");
    assert!(
        textareas(&page, "description").iter().any(|t| t == ATTACK),
        "programme editor: {:?}",
        textareas(&page, "description")
    );
    let (status, html) = get(&srv, "/e/sessie/agenda").await;
    assert_eq!(status, 200);
    let page = no_injected_element(&html, "agenda");
    shows_literally(&page, ATTACK, "agenda");
    srv.stop().await;
}

async fn event_texts_stay_text(db: &TestDb) {
    let mail = MailDev::start().await;
    let srv = start(db, mail.smtp, &[]).await;
    let cookie = signed_in(&srv, &mail, "teksten").await;
    let description = format!("Een middag\n{ATTACK}");
    let programme = format!("13:30 Onthaal\n14:00 {ATTACK}");
    let in_english = format!("An afternoon {ATTACK}");
    let topic = "Personeel </textarea><b>x</b>";
    let mut f = event_form("Teksten");
    set(&mut f, "description", &description);
    set(&mut f, "programme", &programme);
    set(&mut f, "description_en", &in_english);
    set(&mut f, "topics", &format!("{topic}\nOpleiding"));
    let slug = save_and_publish(&srv, &cookie, &f).await;
    // The edit page: every textarea holds the text as saved.
    let (status, html) = get_as(&srv, &cookie, &format!("/coordinator/events/{slug}/edit")).await;
    assert_eq!(status, 200);
    let page = no_injected_element(&html, "edit page");
    for (name, want) in [
        ("description", description.as_str()),
        ("programme", programme.as_str()),
        ("description_en", in_english.as_str()),
        ("topics", &format!("{topic}\nOpleiding")),
        ("description_fr", ""),
    ] {
        assert_eq!(textareas(&page, name), vec![want.to_string()], "{name}");
    }
    // The public event page (the free programme: the event has no sessions), in Dutch and
    // in English, and the register form with the topic.
    let (status, html) = get(&srv, &format!("/e/{slug}")).await;
    assert_eq!(status, 200);
    let page = no_injected_element(&html, "event page");
    shows_literally(&page, "Een middag", "event page");
    shows_literally(&page, ATTACK, "event page");
    let r = client()
        .get(format!("http://{}/e/{slug}", srv.addr))
        .header("cookie", "lang=en")
        .send()
        .await
        .expect("get");
    let html = r.text().await.unwrap_or_default();
    let page = no_injected_element(&html, "event page in English");
    shows_literally(&page, &in_english, "event page in English");
    let (status, html) = get(&srv, &format!("/e/{slug}/register")).await;
    assert_eq!(status, 200);
    let page = no_injected_element(&html, "register page");
    shows_literally(&page, topic, "register page");
    srv.stop().await;
}

async fn an_event_title_stays_in_the_title_element(db: &TestDb) {
    let mail = MailDev::start().await;
    let srv = start(db, mail.smtp, &[]).await;
    let cookie = signed_in(&srv, &mail, "titel").await;
    let title = "</title><b>x</b> & co";
    let mut f = event_form(title);
    set(&mut f, "slug", "titel");
    let slug = save_and_publish(&srv, &cookie, &f).await;
    assert_eq!(slug, "titel");
    for path in ["/e/titel", "/e/titel/register", "/"] {
        let (status, html) = get(&srv, path).await;
        assert_eq!(status, 200, "{path}");
        let page = no_injected_element(&html, path);
        shows_literally(&page, title, path);
        if path != "/" {
            let titles: Vec<String> = page
                .select(&sel("head > title"))
                .map(|t| t.text().collect())
                .collect();
            // "<title> · Tafelronde", after "Inschrijven" on the register page.
            assert_eq!(titles.len(), 1, "{path}: {titles:?}");
            assert!(
                titles[0].ends_with(&format!("{title} · Tafelronde")),
                "{path}: {titles:?}"
            );
        }
    }
    let (status, html) = get_as(&srv, &cookie, "/coordinator/events/titel/edit").await;
    assert_eq!(status, 200);
    let page = no_injected_element(&html, "edit page");
    let value = page
        .select(&sel("input[name=\"title\"]"))
        .next()
        .and_then(|i| i.value().attr("value"))
        .map(str::to_string);
    assert_eq!(value.as_deref(), Some(title));
    srv.stop().await;
}

async fn control_characters_in_an_event_are_refused(db: &TestDb) {
    let mail = MailDev::start().await;
    let srv = start(db, mail.smtp, &[]).await;
    let cookie = signed_in(&srv, &mail, "stuur").await;
    let before = app::store::events::count(&srv.state.db)
        .await
        .expect("count");
    let cases: &[(&str, &str, &str)] = &[
        ("title", "Netwerk\u{7}dag", "Title"),
        ("title", "Netwerk\tdag", "Title"),
        ("title", "Netwerk\ndag", "Title"),
        ("venue_name", "Brouwerij\u{1b}[31m", "VenueName"),
        ("title_fr", "Journée\u{85}réseau", "TitleFr"),
        ("description", "Een\u{0}middag", "Description"),
        ("programme", "13:30 Onthaal\r14:00", "Programme"),
        ("topics", "Personeel\nOp\u{7f}leiding", "Topics"),
    ];
    for (key, value, field) in cases {
        let mut f = event_form("Stuurtekens");
        set(&mut f, key, value);
        let r = post_as(&srv, &cookie, "/api/coordinator/events/save", &f).await;
        assert_eq!(r.status(), 422, "{key}={value:?}");
        let body: Value = r.json().await.unwrap_or(Value::Null);
        assert_eq!(
            body["EventInvalid"],
            json!([[field, "ErrControlChars"]]),
            "{key}={value:?}"
        );
    }
    assert_eq!(
        app::store::events::count(&srv.state.db)
            .await
            .expect("count"),
        before,
        "nothing stored"
    );
    // Line breaks and tabs are fine in the long texts.
    let mut f = event_form("Stuurtekens");
    set(&mut f, "description", "Een middag\r\n\tnetwerken.");
    let slug = save_and_publish(&srv, &cookie, &f).await;
    // An edit with a control character leaves the stored event as it was.
    let mut f = event_form("Stuur\u{7}tekens");
    set(&mut f, "original", &slug);
    let r = post_as(&srv, &cookie, "/api/coordinator/events/save", &f).await;
    assert_eq!(r.status(), 422);
    let stored = app::store::events::by_slug(&srv.state.db, &slug)
        .await
        .expect("read")
        .expect("the event");
    assert_eq!(stored.view.title, "Stuurtekens");
    assert_eq!(stored.view.description, "Een middag\r\n\tnetwerken.");
    // The message is there in each language.
    for lang in app::i18n::Lang::ALL {
        assert!(!lang.t(app::i18n::T::ErrControlChars).is_empty());
    }
    srv.stop().await;
}
