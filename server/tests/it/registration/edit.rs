//! The coordinator's edit of one registration against the real server, on SQLite and
//! PostgreSQL: the attendee's validation with an error per field (nothing saved), a valid
//! edit saved with the e-mail address and language kept, back to the table; the edit page
//! rendered with the stored values.

use crate::common::coordinator::*;
use crate::common::*;
use app::domain::{Field, RegistrationForm};
use app::error::AppError;
use app::i18n::{Lang, T};
use app::registration::RegistrationEdit;
use serde_json::json;

on_both_databases!(coordinator_edits_a_registration_under_the_attendee_rules);

const SAVE: &str = "/api/coordinator/registrations/save";

fn edit(id: i64, changes: &[(&str, &str)]) -> Vec<(String, String)> {
    let mut v: Vec<(String, String)> = vec![
        ("id".into(), id.to_string()),
        ("first_name".into(), "Grete".into()),
        ("last_name".into(), "Remen".into()),
        ("email".into(), "someone-else@edit.test".into()),
        ("organisation".into(), "Damhert".into()),
        ("org_type".into(), "company".into()),
        ("sector".into(), "zorg".into()),
        ("phone".into(), String::new()),
    ];
    for (k, val) in changes {
        v.retain(|(kk, _)| kk != k);
        v.push((k.to_string(), val.to_string()));
    }
    v
}

async fn coordinator_edits_a_registration_under_the_attendee_rules(db: &TestDb) {
    let mail = MailDev::start().await;
    let srv = start(db, mail.smtp, &[]).await;
    add_event(&srv, "bewerk", 10).await;
    let session = signed_in(&srv, &mail, "edit").await;
    let form = RegistrationForm {
        first_name: "Greet".into(),
        last_name: "Remen".into(),
        email: "Grete@edit.test".into(),
        organisation: "Damhert".into(),
        org_type: "company".into(),
        sector: "zorg".into(),
        offers: vec!["personeel".into()],
        consent: true,
        ..Default::default()
    };
    srv.state
        .registrations()
        .register("bewerk", &form, Lang::Fr)
        .await
        .unwrap();
    let (_, rows) = srv
        .state
        .registrations()
        .table_rows("bewerk", &Default::default())
        .await
        .unwrap();
    let id = rows[0].id;
    let stored = || async {
        let (code, v) = json_as(
            &srv,
            &session,
            "/api/coordinator/registrations/get",
            json!({ "id": id }),
        )
        .await;
        assert_eq!(code, 200);
        serde_json::from_value::<RegistrationEdit>(v).unwrap()
    };
    let before = stored().await;
    assert_eq!(before.form.first_name, "Greet");
    assert_eq!(before.slug, "bewerk");

    // Broken fields: one error each, in field order; nothing saved.
    let r = post_as(
        &srv,
        &session,
        SAVE,
        &edit(
            id,
            &[
                ("last_name", "  "),
                ("phone", "12"),
                ("offers[]", "bestaat-niet"),
            ],
        ),
    )
    .await;
    assert_eq!(r.status(), 422);
    match r.json::<AppError>().await.unwrap() {
        AppError::RegistrationInvalid(e) => assert_eq!(
            e.0,
            vec![
                (Field::LastName, T::ErrRequired),
                (Field::Phone, T::ErrPhone),
                (Field::Offers, T::ErrUnknownTopic),
            ]
        ),
        other => panic!("{other:?}"),
    }
    assert_eq!(stored().await, before);

    // A valid edit, topics as ActionForm posts them; the address stays as registered.
    let mut fields = edit(
        id,
        &[
            ("org_type", "social_economy"),
            ("sector", "groen"),
            ("phone", "+32 11 12 34 56"),
        ],
    );
    for (k, v) in [
        ("offers[]", "stage"),
        ("offers[]", "opleiding"),
        ("needs[]", "begeleiding"),
    ] {
        fields.push((k.into(), v.into()));
    }
    let r = client()
        .post(format!("http://{}{SAVE}", srv.addr))
        .header("cookie", format!("{}={session}", server::SESSION_COOKIE))
        .header("accept", "text/html")
        .form(&fields)
        .send()
        .await
        .unwrap();
    assert!(r.status().is_redirection(), "{}", r.status());
    assert_eq!(
        r.headers()["location"],
        "/coordinator/events/bewerk/registrations?done=edited"
    );
    let after = stored().await;
    assert_eq!(after.email, "Grete@edit.test");
    assert_eq!(after.form.first_name, "Grete");
    assert_eq!(after.form.org_type, "social_economy");
    assert_eq!(after.form.sector, "groen");
    assert_eq!(after.form.phone, "+32 11 12 34 56");
    assert_eq!(after.form.offers, vec!["stage", "opleiding"]);
    assert_eq!(after.form.needs, vec!["begeleiding"]);
    // The language stays (the person's mails stay French).
    let reg = app::store::registrations::find_by_id(&srv.state.db, id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(reg.lang, Lang::Fr);

    // The page, server-rendered with the stored values and list-named topic boxes.
    let (code, html) = get_as(
        &srv,
        &session,
        &format!("/coordinator/registrations/{id}/edit"),
    )
    .await;
    assert_eq!(code, 200);
    assert!(html.contains("value=\"Grete\""), "{html}");
    assert!(html.contains("name=\"offers[]\""));
    assert!(html.contains("action=\"/api/coordinator/registrations/save\""));
    // Someone else's page without a session: refused.
    let r = client()
        .post(format!("http://{}{SAVE}", srv.addr))
        .form(&edit(id, &[]))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 401);
    srv.stop().await;
}
