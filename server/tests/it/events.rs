//! Coordinators' events against the real server, on SQLite and PostgreSQL: a new event is
//! seen by coordinators but not attendees until published; invalid fields are each
//! reported and nothing is saved; unpublishing hides the event again (404, confirmation
//! when people registered); duplicating copies a year later without registrations; a
//! capacity below the confirmed seats is refused; the register form offers only the
//! organisation types and sectors chosen.

use crate::common::coordinator::*;
use crate::common::*;
use serde_json::{json, Value};

on_both_databases!(
    created_events_wait_for_publishing,
    invalid_fields_are_reported_and_nothing_is_saved,
    unpublishing_hides_the_event,
    duplicate_is_a_year_later_without_registrations,
    capacity_never_drops_below_confirmed_seats,
    register_form_offers_only_the_chosen_types_and_sectors,
);

const SAVE: &str = "/api/coordinator/events/save";

/// A valid event form: 3 December 2026 (winter time) 13:30–18:00 in Brussels, open now.
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
        (
            "topics",
            "Personeel\nOpleiding\nBegeleiding\nSamen produceren",
        ),
    ]);
    f.push(("starts_at".into(), format!("{day}T13:30")));
    f.push(("ends_at".into(), format!("{day}T18:00")));
    f.push(("closes_at".into(), format!("{day}T12:00")));
    for t in [
        "company",
        "social_economy",
        "local_government",
        "support_service",
        "education",
        "other",
    ] {
        f.push(("org_types[]".into(), t.into()));
    }
    for s in [
        "groen",
        "zorg",
        "horeca",
        "bouw",
        "logistiek",
        "maakindustrie",
        "ict",
        "handel",
        "other",
    ] {
        f.push(("sectors[]".into(), s.into()));
    }
    f
}

/// Saves a form; returns the slug the answer redirects to (panics on refusal).
async fn save(srv: &Running, cookie: &str, form: &[(String, String)]) -> String {
    let r = post_as(srv, cookie, SAVE, form).await;
    let status = r.status().as_u16();
    let location = r
        .headers()
        .get("location")
        .and_then(|v| v.to_str().ok())
        .map(str::to_string);
    let body = r.text().await.unwrap_or_default();
    let location = location.unwrap_or_else(|| panic!("saved: {status} {body}"));
    location
        .strip_prefix("/coordinator/events/")
        .and_then(|s| s.split(['?', '/']).next())
        .unwrap_or_else(|| panic!("{location}"))
        .to_string()
}

async fn edit_view(srv: &Running, cookie: &str, slug: &str) -> Value {
    let (status, v) = json_as(
        srv,
        cookie,
        "/api/coordinator/events/edit",
        json!({ "slug": slug }),
    )
    .await;
    assert_eq!(status, 200, "{v}");
    v
}

async fn attendee_sees(srv: &Running, slug: &str, title: &str) -> bool {
    let (home_status, home) = get(srv, "/").await;
    assert_eq!(home_status, 200);
    let (page, _) = get(srv, &format!("/e/{slug}")).await;
    let (register, _) = get(srv, &format!("/e/{slug}/register")).await;
    let api = client()
        .post(format!("http://{}/api/event", srv.addr))
        .json(&json!({ "slug": slug }))
        .send()
        .await
        .unwrap()
        .status()
        .as_u16();
    let listed = home.contains(title);
    let visible = [page, register, api].iter().all(|s| *s == 200);
    let hidden = [page, register, api].iter().all(|s| *s == 404);
    assert!(
        (listed && visible) || (!listed && hidden),
        "listed {listed}, page {page}, register {register}, api {api}"
    );
    listed
}

async fn publish(srv: &Running, cookie: &str, slug: &str) {
    let r = post_as(
        srv,
        cookie,
        "/api/coordinator/events/publish",
        &fields(&[("slug", slug)]),
    )
    .await;
    assert!(
        r.status().is_redirection() || r.status().is_success(),
        "{}",
        r.status()
    );
}

async fn created_events_wait_for_publishing(db: &TestDb) {
    let mail = MailDev::start().await;
    let srv = start(db, mail.smtp, &[]).await;
    let cookie = signed_in(&srv, &mail, "create").await;
    let (status, page) = get_as(&srv, &cookie, "/coordinator/events/new").await;
    assert_eq!(status, 200);
    assert!(
        page.contains("action=\"/api/coordinator/events/save\""),
        "{page}"
    );
    assert!(page.contains("name=\"org_types[]\""), "{page}");
    let (_, dashboard) = get_as(&srv, &cookie, "/coordinator").await;
    assert!(
        dashboard.contains("href=\"/coordinator/events/new\""),
        "{dashboard}"
    );
    let mut f = event_form("Netwerkdag Lommel");
    set(&mut f, "title_fr", "Journée réseau Lommel");
    let slug = save(&srv, &cookie, &f).await;
    assert_eq!(slug, "netwerkdag-lommel");
    let v = edit_view(&srv, &cookie, &slug).await;
    assert_eq!(v["published"], false);
    assert_eq!(v["form"]["title"], "Netwerkdag Lommel");
    // an optional translation is kept; one not given stays empty
    assert_eq!(v["form"]["title_fr"], "Journée réseau Lommel");
    assert_eq!(v["form"]["title_en"], "");
    assert_eq!(
        v["form"]["topics"],
        "Personeel\nOpleiding\nBegeleiding\nSamen produceren"
    );
    // the times come back as typed, in Brussels time
    let typed = event_form("x");
    let starts = &typed.iter().find(|(k, _)| k == "starts_at").unwrap().1;
    assert_eq!(v["form"]["starts_at"], starts.as_str());
    let stored = app::store::events::by_slug(&srv.state.db, &slug)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(stored.view.topics[3].code, "samen-produceren");
    assert_eq!(stored.view.capacity, 40);
    // the coordinator sees it; attendees do not
    let (status, all) = json_as(&srv, &cookie, "/api/coordinator/events/all", json!({})).await;
    assert_eq!(status, 200);
    assert!(
        all.as_array()
            .unwrap()
            .iter()
            .any(|e| e["slug"] == slug.as_str()),
        "{all}"
    );
    let (status, page) = get_as(&srv, &cookie, &format!("/coordinator/events/{slug}")).await;
    assert_eq!(status, 200);
    assert!(page.contains("Netwerkdag Lommel"), "{page}");
    let (_, dashboard) = get_as(&srv, &cookie, "/coordinator").await;
    assert!(
        dashboard.contains(&format!("href=\"/coordinator/events/{slug}\"")),
        "{dashboard}"
    );
    assert!(!attendee_sees(&srv, &slug, "Netwerkdag Lommel").await);
    // the coordinator previews its pages
    let (status, preview) = get_as(&srv, &cookie, &format!("/e/{slug}")).await;
    assert_eq!(status, 200);
    assert!(preview.contains("Brouwerijmuseum"), "{preview}");
    publish(&srv, &cookie, &slug).await;
    assert!(attendee_sees(&srv, &slug, "Netwerkdag Lommel").await);
    // the same title again gets a free slug; a typed slug that is taken is refused
    assert_eq!(
        save(&srv, &cookie, &event_form("Netwerkdag Lommel")).await,
        "netwerkdag-lommel-2"
    );
    let mut f = event_form("Andere titel");
    set(&mut f, "slug", "netwerkdag-lommel");
    let r = post_as(&srv, &cookie, SAVE, &f).await;
    assert_eq!(r.status(), 422);
    let body = r.text().await.unwrap();
    assert!(
        body.contains("Slug") && body.contains("CoordEventsErrSlugTaken"),
        "{body}"
    );
    srv.stop().await;
}

async fn invalid_fields_are_reported_and_nothing_is_saved(db: &TestDb) {
    let mail = MailDev::start().await;
    let srv = start(db, mail.smtp, &[]).await;
    let cookie = signed_in(&srv, &mail, "invalid").await;
    let before = app::store::events::count(&srv.state.db).await.unwrap();
    let cases: &[(&str, &str, &str, &str)] = &[
        ("title", "", "Title", "ErrRequired"),
        ("slug", "Met Spaties", "Slug", "CoordEventsErrSlug"),
        ("venue_name", " ", "VenueName", "ErrRequired"),
        ("venue_address", "", "VenueAddress", "ErrRequired"),
        ("starts_at", "morgen", "StartsAt", "CoordEventsErrDateTime"),
        ("capacity", "-3", "Capacity", "CoordEventsErrCapacity"),
        ("capacity", "veel", "Capacity", "CoordEventsErrCapacity"),
        ("ends_at", "", "EndsAt", "CoordEventsErrEndBeforeStart"),
        ("opens_at", "", "OpensAt", "ErrRequired"),
        ("organiser_name", "", "OrganiserName", "ErrRequired"),
        (
            "organiser_email",
            "geen-adres",
            "OrganiserEmail",
            "ErrEmail",
        ),
        ("sectors[]", "mijnbouw", "Sectors", "ErrChoose"),
    ];
    for (key, value, field, message) in cases {
        let mut f = event_form("Ongeldig");
        set(&mut f, key, value);
        if *key == "ends_at" {
            let day = f.iter().find(|(k, _)| k == "starts_at").unwrap().1[..10].to_string();
            set(&mut f, "ends_at", &format!("{day}T13:00"));
        }
        if *key == "sectors[]" {
            f.retain(|(k, v)| k != "sectors[]" || v == "mijnbouw");
        }
        let r = post_as(&srv, &cookie, SAVE, &f).await;
        assert_eq!(r.status(), 422, "{key}");
        let body: Value = r.json().await.unwrap();
        let errors = body["EventInvalid"]
            .as_array()
            .unwrap_or_else(|| panic!("{body}"));
        assert_eq!(errors, &vec![json!([field, message])], "{key}={value}");
    }
    // the window must close before the event ends; no organisation type at all
    let mut f = event_form("Ongeldig");
    let ends = f.iter().find(|(k, _)| k == "ends_at").unwrap().1.clone();
    set(&mut f, "closes_at", &ends.replace("18:00", "19:00"));
    f.retain(|(k, _)| k != "org_types[]");
    let r = post_as(&srv, &cookie, SAVE, &f).await;
    assert_eq!(r.status(), 422);
    let body: Value = r.json().await.unwrap();
    assert_eq!(
        body["EventInvalid"],
        json!([
            ["ClosesAt", "CoordEventsErrClosesAfterEnd"],
            ["OrgTypes", "CoordEventsErrChooseOne"]
        ])
    );
    // a time in the spring gap does not exist in Brussels
    let mut f = event_form("Ongeldig");
    set(&mut f, "starts_at", "2027-03-28T02:30");
    let body: Value = post_as(&srv, &cookie, SAVE, &f).await.json().await.unwrap();
    assert_eq!(
        body["EventInvalid"][0],
        json!(["StartsAt", "CoordEventsErrNoSuchTime"])
    );
    assert_eq!(
        app::store::events::count(&srv.state.db).await.unwrap(),
        before
    );
    // an edit with an error leaves the stored event as it was
    let slug = save(&srv, &cookie, &event_form("Blijft")).await;
    let mut f = event_form("Veranderd");
    set(&mut f, "original", &slug);
    set(&mut f, "organiser_email", "stuk");
    assert_eq!(post_as(&srv, &cookie, SAVE, &f).await.status(), 422);
    assert_eq!(
        edit_view(&srv, &cookie, &slug).await["form"]["title"],
        "Blijft"
    );
    srv.stop().await;
}

async fn unpublishing_hides_the_event(db: &TestDb) {
    let mail = MailDev::start().await;
    let srv = start(db, mail.smtp, &[]).await;
    let cookie = signed_in(&srv, &mail, "unpublish").await;
    let slug = save(&srv, &cookie, &event_form("Zichtbaar")).await;
    publish(&srv, &cookie, &slug).await;
    assert!(attendee_sees(&srv, &slug, "Zichtbaar").await);
    let someone = unique_email("att");
    let r = post_form(&srv, &format!("/e/{slug}/register"), &form(&someone)).await;
    assert!(r.status().is_redirection(), "{}", r.status());
    // people registered: unpublishing asks for the confirmation box
    let path = "/api/coordinator/events/unpublish";
    let r = post_as(&srv, &cookie, path, &fields(&[("slug", &slug)])).await;
    assert_eq!(r.status(), 422);
    assert!(r.text().await.unwrap().contains("ConfirmationNeeded"));
    assert!(attendee_sees(&srv, &slug, "Zichtbaar").await);
    let r = post_as(
        &srv,
        &cookie,
        path,
        &fields(&[("slug", &slug), ("confirm", "on")]),
    )
    .await;
    assert!(
        r.status().is_redirection() || r.status().is_success(),
        "{}",
        r.status()
    );
    assert!(!attendee_sees(&srv, &slug, "Zichtbaar").await);
    // registering is refused too
    let r = post_form(
        &srv,
        &format!("/e/{slug}/register"),
        &form(&unique_email("late")),
    )
    .await;
    assert_eq!(r.status(), 404);
    assert_eq!(edit_view(&srv, &cookie, &slug).await["published"], false);
    srv.stop().await;
}

async fn duplicate_is_a_year_later_without_registrations(db: &TestDb) {
    let mail = MailDev::start().await;
    let srv = start(db, mail.smtp, &[]).await;
    let cookie = signed_in(&srv, &mail, "dup").await;
    let mut f = event_form("Netwerkdag");
    set(&mut f, "slug", "netwerkdag-2026");
    let slug = save(&srv, &cookie, &f).await;
    publish(&srv, &cookie, &slug).await;
    let r = post_form(
        &srv,
        &format!("/e/{slug}/register"),
        &form(&unique_email("a")),
    )
    .await;
    assert!(r.status().is_redirection());
    let r = post_as(
        &srv,
        &cookie,
        "/api/coordinator/events/duplicate",
        &fields(&[("slug", &slug)]),
    )
    .await;
    let location = r.headers()["location"].to_str().unwrap().to_string();
    let copy = location
        .strip_prefix("/coordinator/events/")
        .unwrap()
        .split(['?', '/'])
        .next()
        .unwrap()
        .to_string();
    let old = app::store::events::by_slug(&srv.state.db, &slug)
        .await
        .unwrap()
        .unwrap()
        .view;
    let new = app::store::events::by_slug(&srv.state.db, &copy)
        .await
        .unwrap()
        .unwrap()
        .view;
    let year = |t: chrono::DateTime<chrono::Utc>| {
        use chrono::Datelike;
        t.with_timezone(&chrono_tz::Europe::Brussels).year()
    };
    assert_eq!(copy, format!("netwerkdag-{}", year(old.starts_at) + 1));
    assert!(!new.published);
    assert_eq!(new.confirmed, 0);
    assert_eq!(old.confirmed, 1);
    for (a, b) in [
        (old.starts_at, new.starts_at),
        (old.ends_at, new.ends_at),
        (old.registration_opens_at, new.registration_opens_at),
        (old.registration_closes_at, new.registration_closes_at),
    ] {
        let (a, b) = (
            a.with_timezone(&chrono_tz::Europe::Brussels),
            b.with_timezone(&chrono_tz::Europe::Brussels),
        );
        assert_eq!(
            a.format("%m-%d %H:%M").to_string(),
            b.format("%m-%d %H:%M").to_string()
        );
        assert_eq!(year(b.to_utc()), year(a.to_utc()) + 1);
    }
    assert_eq!(
        (
            new.title.as_str(),
            new.capacity,
            &new.topics,
            &new.org_types,
            &new.sectors,
            &new.programme
        ),
        (
            old.title.as_str(),
            old.capacity,
            &old.topics,
            &old.org_types,
            &old.sectors,
            &old.programme
        )
    );
    assert!(!attendee_sees(&srv, &copy, "unused title").await);
    // duplicating again gets another free slug
    let r = post_as(
        &srv,
        &cookie,
        "/api/coordinator/events/duplicate",
        &fields(&[("slug", &slug)]),
    )
    .await;
    let again = r.headers()["location"].to_str().unwrap().to_string();
    assert!(again.contains(&format!("{copy}-2")), "{again}");
    srv.stop().await;
}

async fn capacity_never_drops_below_confirmed_seats(db: &TestDb) {
    let mail = MailDev::start().await;
    let srv = start(db, mail.smtp, &[]).await;
    let cookie = signed_in(&srv, &mail, "cap").await;
    let slug = save(&srv, &cookie, &event_form("Klein")).await;
    publish(&srv, &cookie, &slug).await;
    for i in 0..3 {
        let r = post_form(
            &srv,
            &format!("/e/{slug}/register"),
            &form(&unique_email(&format!("p{i}"))),
        )
        .await;
        assert!(r.status().is_redirection());
    }
    let mut f = event_form("Klein");
    set(&mut f, "original", &slug);
    set(&mut f, "capacity", "2");
    let r = post_as(&srv, &cookie, SAVE, &f).await;
    assert_eq!(r.status(), 422);
    let body: Value = r.json().await.unwrap();
    assert_eq!(
        body["EventInvalid"],
        json!([["Capacity", "CoordEventsErrCapacityBelowConfirmed"]])
    );
    assert_eq!(
        edit_view(&srv, &cookie, &slug).await["form"]["capacity"],
        "40"
    );
    // exactly the confirmed count is fine: the next registration waits
    set(&mut f, "capacity", "3");
    assert_eq!(save(&srv, &cookie, &f).await, slug);
    let v = edit_view(&srv, &cookie, &slug).await;
    assert_eq!(
        (v["form"]["capacity"].as_str(), v["confirmed"].as_i64()),
        (Some("3"), Some(3))
    );
    let late = unique_email("late");
    post_form(&srv, &format!("/e/{slug}/register"), &form(&late)).await;
    let stored = app::store::events::by_slug(&srv.state.db, &slug)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(stored.view.confirmed, 3, "the fourth registration waits");
    srv.stop().await;
}

async fn register_form_offers_only_the_chosen_types_and_sectors(db: &TestDb) {
    let mail = MailDev::start().await;
    let srv = start(db, mail.smtp, &[]).await;
    let cookie = signed_in(&srv, &mail, "offer").await;
    let mut f = event_form("Alleen bedrijven");
    f.retain(|(k, _)| k != "org_types[]" && k != "sectors[]");
    f.extend(fields(&[
        ("org_types[]", "company"),
        ("org_types[]", "education"),
        ("sectors[]", "zorg"),
    ]));
    let slug = save(&srv, &cookie, &f).await;
    publish(&srv, &cookie, &slug).await;
    let (status, page) = get(&srv, &format!("/e/{slug}/register")).await;
    assert_eq!(status, 200);
    for offered in ["value=\"company\"", "value=\"education\"", "value=\"zorg\""] {
        assert!(page.contains(offered), "{offered} offered");
    }
    for left_out in [
        "value=\"social_economy\"",
        "value=\"local_government\"",
        "value=\"maakindustrie\"",
    ] {
        assert!(!page.contains(left_out), "{left_out} not offered");
    }
    // a post with a type the form does not offer is refused
    let mut reg = form(&unique_email("y"));
    set(&mut reg, "org_type", "social_economy");
    set(&mut reg, "sector", "zorg");
    let before = app::store::events::by_slug(&srv.state.db, &slug)
        .await
        .unwrap()
        .unwrap()
        .view
        .confirmed;
    let _ = post_form(&srv, &format!("/e/{slug}/register"), &reg).await;
    let after = app::store::events::by_slug(&srv.state.db, &slug)
        .await
        .unwrap()
        .unwrap()
        .view
        .confirmed;
    assert_eq!(
        before, after,
        "social_economy is not offered: nothing registered"
    );
    let mut reg = form(&unique_email("z"));
    set(&mut reg, "sector", "zorg");
    let r = post_form(&srv, &format!("/e/{slug}/register"), &reg).await;
    assert!(r.status().is_redirection());
    let after = app::store::events::by_slug(&srv.state.db, &slug)
        .await
        .unwrap()
        .unwrap()
        .view
        .confirmed;
    assert_eq!(after, before + 1, "company/zorg is offered");
    srv.stop().await;
}
