//! One validation of a registration form against its event, on SQLite and PostgreSQL: an
//! event that offers only some organisation types and sectors refuses the others in the
//! attendee's edit (manage link) and the coordinator's edit, as it does at registration,
//! and stores nothing; an edit within the offer still saves.

use crate::common::coordinator::*;
use crate::common::*;
use app::domain::{Field, OrgType, RegistrationForm, Sector};
use app::error::AppError;
use app::i18n::{Lang, T};
use app::registration::RegisterOutcome;
use app::store::registrations::{self, StoredRegistration};

on_both_databases!(edits_keep_to_the_types_and_sectors_the_event_offers);

const SAVE: &str = "/api/coordinator/registrations/save";

/// Adds an open event offering two organisation types and two sectors; returns its id.
async fn add_narrow_event(srv: &Running, slug: &str) -> i64 {
    let now = chrono::Utc::now();
    let mut e = app::demo::demo_event(now);
    e.slug = slug.into();
    e.org_types = vec![OrgType::Company, OrgType::Education];
    e.sectors = vec![Sector::Maakindustrie, Sector::Zorg];
    app::store::events::insert(&srv.state.db, &e, now)
        .await
        .expect("insert event")
}

/// `fields` with the values of `changes` in place of their own.
fn with(mut fields: Vec<(String, String)>, changes: &[(&str, &str)]) -> Vec<(String, String)> {
    for (k, v) in changes {
        fields.retain(|(kk, _)| kk != k);
        fields.push((k.to_string(), v.to_string()));
    }
    fields
}

async fn stored(srv: &Running, id: i64) -> StoredRegistration {
    registrations::find_by_id(&srv.state.db, id)
        .await
        .expect("read registration")
        .expect("registration")
}

async fn edits_keep_to_the_types_and_sectors_the_event_offers(db: &TestDb) {
    let mail = MailDev::start().await;
    let srv = start(db, mail.smtp, &[]).await;
    add_narrow_event(&srv, "smal").await;
    let email = unique_email("offer");
    // Registering with a type the event does not offer: refused (as before).
    let r = post_form(
        &srv,
        "/e/smal/register",
        &with(form(&email), &[("org_type", "other")]),
    )
    .await;
    assert_eq!(r.status(), 422);
    let r = post_form(&srv, "/e/smal/register", &form(&email)).await;
    assert!(r.status().is_redirection(), "{}", r.status());
    let token = token_in(&mail.wait_for_count_to(&email, 1).await[0]);
    let (_, rows) = srv
        .state
        .registrations()
        .table_rows("smal", &Default::default())
        .await
        .unwrap();
    let id = rows[0].id;
    let before = stored(&srv, id).await;
    assert_eq!(
        (before.form.org_type.as_str(), before.form.sector.as_str()),
        ("company", "maakindustrie")
    );

    // (a) The attendee's edit through the manage link: a type and a sector that exist but
    // are not offered are refused at their fields; nothing is stored.
    let not_offered = [("org_type", "other"), ("sector", "groen")];
    let r = post_form(
        &srv,
        &format!("/m/{token}"),
        &with(form(&email), &not_offered),
    )
    .await;
    assert_eq!(r.status(), 422);
    let page = r.text().await.unwrap();
    assert!(page.contains(Lang::Nl.t(T::ErrChoose)), "{page}");
    let edit = RegistrationForm::from_pairs(&with(form(&email), &not_offered));
    match srv
        .state
        .registrations()
        .update(&token, &edit, Lang::Nl)
        .await
        .unwrap()
    {
        RegisterOutcome::Invalid(e) => assert_eq!(
            e.0,
            vec![
                (Field::OrgType, T::ErrChoose),
                (Field::Sector, T::ErrChoose)
            ]
        ),
        other => panic!("{other:?}"),
    }
    assert_eq!(stored(&srv, id).await.form, before.form);

    // (b) The coordinator's edit: the same refusal, as field errors; nothing stored.
    let session = signed_in(&srv, &mail, "offer").await;
    let coordinator = |changes: &[(&str, &str)]| {
        let fields = form(&email)
            .into_iter()
            .filter(|(k, _)| !["consent", "offers", "needs"].contains(&k.as_str()));
        with(
            std::iter::once(("id".to_string(), id.to_string()))
                .chain(fields)
                .collect(),
            changes,
        )
    };
    let r = post_as(&srv, &session, SAVE, &coordinator(&[("org_type", "other")])).await;
    assert_eq!(r.status(), 422);
    match r.json::<AppError>().await.unwrap() {
        AppError::RegistrationInvalid(e) => {
            assert_eq!(e.0, vec![(Field::OrgType, T::ErrChoose)])
        }
        other => panic!("{other:?}"),
    }
    let r = post_as(&srv, &session, SAVE, &coordinator(&[("sector", "groen")])).await;
    assert_eq!(r.status(), 422);
    assert_eq!(stored(&srv, id).await.form, before.form);

    // Edits within the offer still save, by the attendee and by the coordinator.
    let r = post_form(
        &srv,
        &format!("/m/{token}"),
        &with(
            form(&email),
            &[("org_type", "education"), ("sector", "zorg")],
        ),
    )
    .await;
    assert_eq!(r.status(), 303);
    let after = stored(&srv, id).await;
    assert_eq!(
        (after.form.org_type.as_str(), after.form.sector.as_str()),
        ("education", "zorg")
    );
    let r = post_as(
        &srv,
        &session,
        SAVE,
        &coordinator(&[
            ("org_type", "company"),
            ("sector", "zorg"),
            ("first_name", "Anneke"),
        ]),
    )
    .await;
    assert!(r.status().is_success(), "{}", r.status());
    let after = stored(&srv, id).await;
    assert_eq!(after.form.org_type, "company");
    assert_eq!(after.form.sector, "zorg");
    assert_eq!(after.form.first_name, "Anneke");
    srv.stop().await;
}
