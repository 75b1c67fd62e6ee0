//! The coordinator's CSV import against the real server, on SQLite and PostgreSQL: a file
//! with broken rows, duplicates (already registered, twice in the file) and a quoted line
//! break; the dry run reports the right line numbers and fields and writes nothing; the
//! confirmation writes exactly the valid rows (seats until full, then the wait list) and
//! queues one mail each; an empty text and missing columns are refused clearly; the
//! export imports back unchanged, formula-like cells included.

use crate::common::coordinator::*;
use crate::common::*;
use app::domain::{Field, RegistrationForm, Status};
use app::i18n::{Lang, T};
use app::registration::ImportReport;
use app::store::outbox::OutboxRow;

on_both_databases!(
    dry_run_reports_bad_lines_and_confirm_imports_the_valid_rows,
    empty_text_and_missing_columns_are_refused,
    the_export_imports_back_unchanged,
);

const CHECK: &str = "/api/coordinator/registrations/import/check";
const CONFIRM: &str = "/api/coordinator/registrations/import/confirm";

fn pairs(slug: &str, csv: &str) -> Vec<(String, String)> {
    vec![("slug".into(), slug.into()), ("csv".into(), csv.into())]
}

async fn call(srv: &Running, session: &str, path: &str, slug: &str, csv: &str) -> ImportReport {
    let r = post_as(srv, session, path, &pairs(slug, csv)).await;
    assert_eq!(r.status(), 200, "{path}");
    r.json().await.expect("import report")
}

/// Registrations of the event per status, by address (lower case).
async fn statuses(srv: &Running, slug: &str) -> Vec<(String, Status)> {
    let (_, rows) = srv
        .state
        .registrations()
        .table_rows(slug, &Default::default())
        .await
        .expect("rows");
    let mut v: Vec<(String, Status)> = rows
        .into_iter()
        .map(|r| (r.email.to_lowercase(), r.status))
        .collect();
    v.sort_by(|a, b| a.0.cmp(&b.0));
    v
}

/// The outbox rows (any status) to addresses of this test (`@import.test`).
async fn mails(srv: &Running) -> Vec<OutboxRow> {
    app::store::outbox::list(&srv.state.db)
        .await
        .expect("outbox")
        .into_iter()
        .filter(|m| m.recipient.ends_with("@import.test"))
        .collect()
}

async fn dry_run_reports_bad_lines_and_confirm_imports_the_valid_rows(db: &TestDb) {
    let mail = MailDev::start().await;
    let srv = start(db, mail.smtp, &[]).await;
    add_event(&srv, "telefoon", 3).await;
    let session = signed_in(&srv, &mail, "import").await;
    // One person registered online already (a seat).
    let form = RegistrationForm {
        first_name: "Bea".into(),
        last_name: "Bestaand".into(),
        email: "bea@import.test".into(),
        organisation: "Damhert".into(),
        org_type: "company".into(),
        sector: "zorg".into(),
        consent: true,
        ..Default::default()
    };
    srv.state
        .registrations()
        .register("telefoon", &form, Lang::Nl)
        .await
        .expect("register");

    // The export's Dutch header (with its BOM and the ignored status column), then:
    let csv = "\u{FEFF}Voornaam,Achternaam,E-mail,Organisatie,Soort organisatie,Sector,Telefoon,Biedt aan,Zoekt,Status\n\
        Anna,Peeters,anna@import.test,Damhert,Bedrijf,Zorg,+32 470 12 34 56,Nieuwe medewerkers vinden (rekrutering),,Bevestigd\n\
        Jan,,jan@import.test,Damhert,company,zorg,,,,\n\
        Bert,Maes,geen-adres,Stad Gent,local_government,zorg,123,,,\n\
        Bea,Opnieuw,BEA@import.test,Damhert,company,zorg,,,,\n\
        Carla,Claes,carla@import.test,Groenwerk vzw,social_economy,groen,,stage; opleiding,begeleiding,\n\
        Anna,Tweemaal,Anna@Import.test,Damhert,company,zorg,,,,\n\
        \"Dirk\nJan\",\"De Smet\",dirk@import.test,\"Café \"\"Ça Va\"\"\",company,horeca,,,,\n\
        \n\
        Eva,Maes,eva@import.test,Stad Gent,Lokaal bestuur,Zorg,,,,\n\
        Frank,Fout,frank@import.test,Damhert,ruimtevaart,zorg,,bestaat-niet,,\n";
    // Lines: 2 Anna (seat), 3 no last name, 4 bad address and phone, 5 already registered,
    // 6 Carla (seat: the last one), 7 Anna again, 8–9 Dirk (wait list), 10 blank,
    // 11 Eva (wait list), 12 bad type and topic.
    let before = statuses(&srv, "telefoon").await;
    assert_eq!(before.len(), 1);

    let preview = call(&srv, &session, CHECK, "telefoon", csv).await;
    assert!(!preview.imported);
    assert_eq!((preview.confirmed, preview.waitlisted), (2, 2));
    let problems: Vec<(u64, Option<Field>, T)> = preview
        .problems
        .iter()
        .map(|p| (p.line, p.field, p.error))
        .collect();
    assert_eq!(
        problems,
        vec![
            (3, Some(Field::LastName), T::ErrRequired),
            (4, Some(Field::Email), T::ErrEmail),
            (4, Some(Field::Phone), T::ErrPhone),
            (12, Some(Field::OrgType), T::CoordImpErrChoice),
            (12, Some(Field::Offers), T::CoordImpErrTopic),
        ]
    );
    let duplicates: Vec<(u64, Option<u64>)> = preview
        .duplicates
        .iter()
        .map(|d| (d.line, d.earlier_line))
        .collect();
    assert_eq!(duplicates, vec![(5, None), (7, Some(2))]);
    // The dry run wrote nothing: no registration, no mail.
    assert_eq!(statuses(&srv, "telefoon").await, before);
    let online_mail = mails(&srv).await;
    assert_eq!(online_mail.len(), 1, "only Bea's own confirmation");
    // Checking again gives the same answer (still nothing written).
    let again = call(&srv, &session, CHECK, "telefoon", csv).await;
    assert_eq!(again, preview);

    // Confirm: exactly the valid rows, seats until full, then the wait list.
    let done = call(&srv, &session, CONFIRM, "telefoon", csv).await;
    assert!(done.imported);
    assert_eq!((done.confirmed, done.waitlisted), (2, 2));
    assert_eq!(done.problems, preview.problems);
    assert_eq!(done.duplicates, preview.duplicates);
    let after = statuses(&srv, "telefoon").await;
    let want = |e: &str, s: Status| (format!("{e}@import.test"), s);
    assert_eq!(
        after,
        vec![
            want("anna", Status::Confirmed),
            want("bea", Status::Confirmed),
            want("carla", Status::Confirmed),
            want("dirk", Status::Waitlisted),
            want("eva", Status::Waitlisted),
        ]
    );
    let (_, rows) = srv
        .state
        .registrations()
        .table_rows("telefoon", &Default::default())
        .await
        .unwrap();
    let dirk = rows
        .iter()
        .find(|r| r.first_name == "Dirk Jan")
        .expect("Dirk");
    assert_eq!(dirk.organisation, "Café \"Ça Va\"");
    let anna = rows.iter().find(|r| r.first_name == "Anna").expect("Anna");
    assert_eq!(anna.offers, vec!["personeel".to_string()]);
    assert_eq!(anna.org_type, "company");
    let carla = rows
        .iter()
        .find(|r| r.first_name == "Carla")
        .expect("Carla");
    assert_eq!(carla.offers, vec!["stage".to_string(), "opleiding".into()]);
    assert_eq!(carla.needs, vec!["begeleiding".to_string()]);

    // One mail each to the imported people, of the right kind; none to the others.
    let queued = mails(&srv).await;
    let to = |who: &str| -> Vec<String> {
        queued
            .iter()
            .filter(|m| m.recipient == format!("{who}@import.test"))
            .map(|m| m.kind.clone())
            .collect()
    };
    assert_eq!(to("anna"), vec!["confirmed"]);
    assert_eq!(to("carla"), vec!["confirmed"]);
    assert_eq!(to("dirk"), vec!["waitlisted"]);
    assert_eq!(to("eva"), vec!["waitlisted"]);
    assert_eq!(to("bea").len(), 1, "the duplicate is not mailed again");
    for nobody in ["jan", "frank"] {
        assert!(to(nobody).is_empty(), "{nobody} got a mail");
    }
    assert_eq!(queued.len(), 5);
    // And the worker delivers them, with a personal link.
    let delivered = mail.wait_for_count_to("eva@import.test", 1).await;
    assert!(delivered[0]["text"].as_str().unwrap().contains("/m/"));

    // Importing the same file again: everyone is a duplicate now, nothing is written.
    let twice = call(&srv, &session, CONFIRM, "telefoon", csv).await;
    assert_eq!(twice.valid(), 0);
    let lines: Vec<u64> = twice.duplicates.iter().map(|d| d.line).collect();
    assert_eq!(
        lines,
        vec![2, 5, 6, 7, 8, 11],
        "Eva's line counts the blank one"
    );
    assert_eq!(statuses(&srv, "telefoon").await, after);
    assert_eq!(mails(&srv).await.len(), 5);
    srv.stop().await;
}

async fn empty_text_and_missing_columns_are_refused(db: &TestDb) {
    let mail = MailDev::start().await;
    let srv = start(db, mail.smtp, &[]).await;
    add_event(&srv, "leeg", 10).await;
    let session = signed_in(&srv, &mail, "import").await;

    let r = post_as(&srv, &session, CONFIRM, &pairs("leeg", " \n\u{FEFF}")).await;
    assert_eq!(r.status(), 422);
    assert_eq!(r.text().await.unwrap(), "\"ImportEmpty\"");

    // Semicolons, English header without the organisation type and sector columns.
    let csv = "First name;Last name;E-mail;Organisation\nJan;Peeters;jan@import.test;Damhert\n";
    let report = call(&srv, &session, CONFIRM, "leeg", csv).await;
    assert_eq!(report.valid(), 0);
    let missing: Vec<(u64, Option<Field>)> =
        report.problems.iter().map(|p| (p.line, p.field)).collect();
    assert_eq!(
        missing,
        vec![(1, Some(Field::OrgType)), (1, Some(Field::Sector))]
    );
    assert!(statuses(&srv, "leeg").await.is_empty());

    // An unknown event.
    let r = post_as(&srv, &session, CHECK, &pairs("bestaat-niet", csv)).await;
    assert_eq!(r.status(), 404);
    srv.stop().await;
}

/// Export -> import gives the same people: registrations with formula-like cells (quoted
/// in the file), a `'t` name, a comma and quotes, topics, exported from one event and
/// imported into another, are stored as they were, and the second export is the same file
/// but for the registration times.
async fn the_export_imports_back_unchanged(db: &TestDb) {
    let mail = MailDev::start().await;
    let srv = start(db, mail.smtp, &[]).await;
    add_event(&srv, "bron", 10).await;
    add_event(&srv, "doel", 10).await;
    let session = signed_in(&srv, &mail, "rondreis").await;
    let people = [
        (
            "=HYPERLINK(\"http://x\",\"y\")",
            "-Anna",
            "=x@import.test",
            "+cmd",
            "+32 470 12 34 56",
        ),
        (
            "@Jan",
            "'t Hooft",
            "-jan@import.test",
            "Café \"Ça Va\", Gent",
            "",
        ),
        (
            "Zoë",
            "Peeters",
            "zoe@import.test",
            "Damhert",
            "011 12 34 56",
        ),
    ];
    for (first, last, email, org, phone) in people {
        let form = RegistrationForm {
            first_name: first.into(),
            last_name: last.into(),
            email: email.into(),
            organisation: org.into(),
            org_type: "social_economy".into(),
            sector: "groen".into(),
            phone: phone.into(),
            offers: vec!["personeel".into()],
            needs: vec!["opleiding".into(), "begeleiding".into()],
            consent: true,
            ..Default::default()
        };
        srv.state
            .registrations()
            .register("bron", &form, Lang::Nl)
            .await
            .expect("register");
    }
    let export = |slug: &'static str| {
        let (srv, session) = (&srv, &session);
        async move {
            let path = format!("/coordinator/events/{slug}/registrations.csv?sort=name");
            let (status, body) = get_as(srv, session, &path).await;
            assert_eq!(status, 200);
            body
        }
    };
    let first = export("bron").await;
    assert!(first.contains("'=HYPERLINK"), "{first}");

    let check = call(&srv, &session, CHECK, "doel", &first).await;
    assert!(check.problems.is_empty(), "{:?}", check.problems);
    assert!(check.duplicates.is_empty(), "{:?}", check.duplicates);
    let done = call(&srv, &session, CONFIRM, "doel", &first).await;
    assert_eq!((done.confirmed, done.waitlisted), (3, 0));

    let people_of = |slug: &'static str| {
        let srv = &srv;
        async move {
            let (_, mut rows) = srv
                .state
                .registrations()
                .table_rows(slug, &Default::default())
                .await
                .expect("rows");
            rows.sort_by(|a, b| a.email.cmp(&b.email));
            rows.into_iter()
                .map(|r| {
                    (
                        r.first_name,
                        r.last_name,
                        r.email,
                        r.organisation,
                        r.org_type,
                        r.sector,
                        r.phone,
                        r.offers,
                        r.needs,
                    )
                })
                .collect::<Vec<_>>()
        }
    };
    let stored = people_of("doel").await;
    assert_eq!(stored, people_of("bron").await);
    let formula = stored
        .iter()
        .find(|p| p.2 == "=x@import.test")
        .expect("imported");
    assert_eq!(formula.0, "=HYPERLINK(\"http://x\",\"y\")");
    assert_eq!(formula.1, "-Anna");
    assert_eq!(formula.3, "+cmd");
    assert_eq!(formula.6.as_deref(), Some("+32 470 12 34 56"));

    // The second export is the first one but for the registration time column.
    let without_time = |text: &str| -> Vec<Vec<String>> {
        csv::Reader::from_reader(text.as_bytes())
            .records()
            .map(|r| {
                let r = r.expect("a record");
                r.iter()
                    .enumerate()
                    .filter(|(i, _)| *i != 10)
                    .map(|(_, c)| c.to_string())
                    .collect()
            })
            .collect()
    };
    let second = export("doel").await;
    assert_eq!(without_time(&second), without_time(&first));
    srv.stop().await;
}
