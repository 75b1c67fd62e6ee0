//! The coordinator's bulk mail against the real server, on SQLite and PostgreSQL: the
//! table's filters pick the recipients (never cancelled ones), an unknown placeholder is a
//! field error, the preview fills the placeholders for the first recipient and writes
//! nothing, a changed selection is refused, and sending queues exactly one mail per
//! recipient with the placeholders filled and a fresh working personal link each.

use crate::common::coordinator::*;
use crate::common::*;
use app::domain::{RegistrationForm, Status};
use app::error::AppError;
use app::i18n::{Lang, T};
use app::registration::bulk::{BulkField, BulkPreview};

on_both_databases!(bulk_mail_goes_once_to_each_selected_person_with_placeholders_filled);

const PREVIEW: &str = "/api/coordinator/registrations/bulk/preview";
const SEND: &str = "/api/coordinator/registrations/bulk/send";

fn person(first: &str, last: &str, org_type: &str) -> RegistrationForm {
    RegistrationForm {
        first_name: first.into(),
        last_name: last.into(),
        email: format!("{}@bulk.test", first.to_lowercase()),
        organisation: "Damhert".into(),
        org_type: org_type.into(),
        sector: "zorg".into(),
        consent: true,
        ..Default::default()
    }
}

fn fields(subject: &str, body: &str, extra: &[(&str, &str)]) -> Vec<(String, String)> {
    let mut v: Vec<(String, String)> = [
        ("slug", "nieuws"),
        ("org_type", "company"),
        ("subject", subject),
        ("body", body),
    ]
    .iter()
    .chain(extra)
    .map(|(k, v)| (k.to_string(), v.to_string()))
    .collect();
    v.push(("q".into(), String::new()));
    v
}

/// (recipient, body) of the queued bulk mails, oldest first.
async fn bulk_mails(srv: &Running) -> Vec<(String, String, String)> {
    let db = &srv.state.db;
    app::on_db!(db, p => {
        sqlx::query_as(
            "SELECT recipient, subject, body_text FROM outbox WHERE kind = 'bulk' ORDER BY id",
        )
        .fetch_all(p)
        .await
        .expect("outbox")
    })
}

async fn bulk_mail_goes_once_to_each_selected_person_with_placeholders_filled(db: &TestDb) {
    let mail = MailDev::start().await;
    let srv = start(db, mail.smtp, &[]).await;
    add_event(&srv, "nieuws", 2).await;
    let title = app::store::events::by_slug(&srv.state.db, "nieuws")
        .await
        .unwrap()
        .unwrap()
        .view
        .title;
    let session = signed_in(&srv, &mail, "bulk").await;
    let service = srv.state.registrations();
    // Anna and Bert get seats, Carl and Dora wait; Bert cancels, Carl gets his seat.
    for p in [
        person("Anna", "Aerts", "company"),
        person("Bert", "Buys", "company"),
        person("Carl", "Claes", "company"),
        person("Dora", "Dewit", "social_economy"),
    ] {
        service.register("nieuws", &p, Lang::Nl).await.unwrap();
    }
    let (_, rows) = service
        .table_rows("nieuws", &Default::default())
        .await
        .unwrap();
    let bert = rows.iter().find(|r| r.first_name == "Bert").unwrap().id;
    service.cancel_by_coordinator(bert).await.unwrap();
    let (_, rows) = service
        .table_rows("nieuws", &Default::default())
        .await
        .unwrap();
    let status = |n: &str| rows.iter().find(|r| r.first_name == n).unwrap().status;
    assert_eq!(status("Carl"), Status::Confirmed);
    assert_eq!(status("Dora"), Status::Waitlisted);

    // An unknown placeholder: a field error, nothing else.
    let r = post_as(
        &srv,
        &session,
        PREVIEW,
        &fields("Nieuws", "Dag {voornaam}", &[]),
    )
    .await;
    assert_eq!(r.status(), 422);
    match r.json::<AppError>().await.unwrap() {
        AppError::BulkMailInvalid(e) => {
            assert_eq!(e.0, vec![(BulkField::Body, T::CoordBulkErrPlaceholder)])
        }
        other => panic!("{other:?}"),
    }

    // The preview: company people not cancelled (Anna, Carl), the first filled in.
    let subject = "Nieuws voor {first_name}";
    let body =
        "Dag {first_name},\n\nDe zaal van {event_title} verandert.\nJe inschrijving: {manage_link}";
    let r = post_as(&srv, &session, PREVIEW, &fields(subject, body, &[])).await;
    assert_eq!(r.status(), 200);
    let preview: BulkPreview = r.json().await.unwrap();
    assert_eq!(preview.recipients, 2);
    assert!(!preview.sent);
    assert_eq!(preview.first.as_deref(), Some("anna@bulk.test"));
    assert_eq!(preview.subject, "Nieuws voor Anna");
    assert!(preview.body.starts_with("Dag Anna,"), "{}", preview.body);
    assert!(preview.body.contains(&title));
    assert!(
        !preview.body.contains("{manage_link}") && !preview.body.contains("/m/"),
        "no link is made for a preview: {}",
        preview.body
    );
    assert!(bulk_mails(&srv).await.is_empty(), "a preview sends nothing");

    // A selection that changed since the preview is refused; nothing is queued.
    let r = post_as(
        &srv,
        &session,
        SEND,
        &fields(subject, body, &[("expected", "3")]),
    )
    .await;
    assert_eq!(r.status(), 409);
    assert!(bulk_mails(&srv).await.is_empty());

    let r = post_as(
        &srv,
        &session,
        SEND,
        &fields(subject, body, &[("expected", "2")]),
    )
    .await;
    assert_eq!(r.status(), 200);
    let sent: BulkPreview = r.json().await.unwrap();
    assert!(sent.sent);
    assert_eq!(sent.recipients, 2);

    // Exactly one mail each to Anna and Carl, placeholders filled, a working link each. The
    // stored copy holds the link placeholder, never the token (README: links at rest).
    let queued = bulk_mails(&srv).await;
    let to: Vec<&str> = queued.iter().map(|(r, _, _)| r.as_str()).collect();
    assert_eq!(to, vec!["anna@bulk.test", "carl@bulk.test"]);
    let mut tokens = Vec::new();
    for ((address, subject, stored), name) in queued.iter().zip(["Anna", "Carl"]) {
        assert_eq!(subject, &format!("Nieuws voor {name}"));
        let stored = stored.replace(app::store::outbox::LINK_PLACEHOLDER, "");
        assert!(!stored.contains('{'), "no placeholder left: {stored}");
        // Delivered by the worker, with the link filled in.
        let want = format!("Nieuws voor {name}");
        let delivered = mail
            .wait_until(30, &want, |m| {
                to_address(m, address)
                    .iter()
                    .any(|m| m["subject"].as_str() == Some(want.as_str()))
            })
            .await;
        let delivered = to_address(&delivered, address)
            .into_iter()
            .find(|m| m["subject"].as_str() == Some(want.as_str()))
            .expect("the bulk mail");
        let text = delivered["text"].as_str().expect("text part");
        assert!(text.starts_with(&format!("Dag {name},")), "{text}");
        assert!(text.contains(&format!("De zaal van {title} verandert.")));
        assert!(!text.contains('{'), "no placeholder left: {text}");
        let at = text.find("/m/").expect("personal link");
        let token = text[at + 3..at + 3 + 64].to_string();
        let (code, page) = get(&srv, &format!("/m/{token}")).await;
        assert_eq!(code, 200, "the link works");
        assert!(page.contains(name));
        tokens.push(token);
    }
    assert_ne!(tokens[0], tokens[1]);
    srv.stop().await;
}
