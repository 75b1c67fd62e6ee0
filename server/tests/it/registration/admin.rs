//! The coordinator's registration table against the real server, on SQLite and
//! PostgreSQL: search, filters, sort and paging over a few hundred rows inserted directly;
//! the page as plain HTML; cancel (promotes and mails the next), promote only with a free
//! seat, resend (one mail); the CSV (BOM, header, the filtered rows, Dutch characters,
//! formula-like cells quoted); the privacy erase and JSON export; anonymous callers and
//! attendees refused by the plain download routes. A page query at 2,000 rows is timed and
//! printed (not asserted).

use crate::common::coordinator::*;
use crate::common::*;
use app::domain::table::{TableQuery, PER_PAGE};
use app::domain::{RegistrationForm, Status};
use app::i18n::Lang;
use app::registration::TablePage;
use serde_json::{json, Value};
use std::time::Instant;

on_both_databases!(
    table_searches_filters_sorts_and_pages,
    page_query_at_2000_rows,
    cancel_by_coordinator_promotes_and_mails_the_next,
    promote_only_with_a_free_seat,
    resend_queues_one_mail,
    csv_has_bom_header_and_the_filtered_rows,
    csv_quotes_cells_that_would_run_as_formulas,
    erase_and_export_through_the_coordinator,
    downloads_refuse_anonymous_and_attendees,
);

/// One seeded person: what the checks compare against.
#[derive(Clone, Debug)]
struct Person {
    first: String,
    last: String,
    email: String,
    organisation: String,
    org_type: &'static str,
    sector: &'static str,
    offers: Vec<String>,
    status: Status,
}

const FIRST: [&str; 6] = ["Anna", "Émile", "Zoë", "Jan", "Sofie", "Noël"];
const LAST: [&str; 5] = ["Peeters", "Vandenbroucke", "De Smet", "Janssens", "Maes"];
const ORGS: [&str; 4] = ["Damhert", "Groenwerk vzw", "Stad Gent", "Café Ça Va"];
const TYPES: [&str; 3] = ["company", "social_economy", "local_government"];
const SECTORS: [&str; 3] = ["zorg", "groen", "horeca"];
const TOPICS: [&str; 3] = ["personeel", "opleiding", "stage"];

/// Inserts `n` registrations into the event directly (one transaction), varied names,
/// organisations, types, sectors, topics and statuses; registered one minute apart.
async fn seed(srv: &Running, event_id: i64, n: usize) -> Vec<Person> {
    let db = &srv.state.db;
    let start = chrono::Utc::now() - chrono::Duration::days(10);
    let mut tx = db.begin_write().await.unwrap();
    let mut people = Vec::new();
    for i in 0..n {
        let status = match i % 10 {
            0..=5 => Status::Confirmed,
            6..=7 => Status::Waitlisted,
            _ => Status::Cancelled,
        };
        let p = Person {
            first: FIRST[i % FIRST.len()].into(),
            last: format!("{} {i:04}", LAST[i % LAST.len()]),
            email: format!("p{i:04}-{}@example.be", uuid::Uuid::new_v4().simple()),
            organisation: ORGS[i % ORGS.len()].into(),
            org_type: TYPES[i % TYPES.len()],
            sector: SECTORS[(i / 2) % SECTORS.len()],
            offers: vec![TOPICS[i % TOPICS.len()].to_string()],
            status,
        };
        let form = RegistrationForm {
            first_name: p.first.clone(),
            last_name: p.last.clone(),
            email: p.email.clone(),
            organisation: p.organisation.clone(),
            org_type: p.org_type.into(),
            sector: p.sector.into(),
            phone: "+32 470 12 34 56".into(),
            offers: p.offers.clone(),
            needs: vec!["begeleiding".into()],
            consent: true,
            ..Default::default()
        };
        let offer = app::demo::demo_event(chrono::Utc::now()).offer();
        let valid = form.validate(&offer, Lang::Nl).expect("valid seed");
        let (_, hash) = app::registration::service::new_token().unwrap();
        let at = start + chrono::Duration::minutes(i as i64);
        app::store::registrations::insert(&mut tx, event_id, &valid, status, &hash, at)
            .await
            .unwrap();
        people.push(p);
    }
    tx.commit().await.unwrap();
    people
}

/// The table page through the server function, as the signed-in coordinator.
async fn table(srv: &Running, session: &str, slug: &str, query: &TableQuery) -> TablePage {
    let r = client()
        .post(url(srv, "/api/coordinator/registrations/table"))
        .header("cookie", cookie(session))
        .json(&json!({ "slug": slug, "query": query }))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    r.json().await.expect("table json")
}

fn query(f: impl FnOnce(&mut TableQuery)) -> TableQuery {
    let mut q = TableQuery::default();
    f(&mut q);
    q
}

async fn table_searches_filters_sorts_and_pages(db: &TestDb) {
    let mail = MailDev::start().await;
    let srv = start(db, mail.smtp, &[]).await;
    let event = add_event(&srv, "tabel", 500).await;
    let people = seed(&srv, event, 300).await;
    let session = signed_in(&srv, &mail, "coord").await;

    // Counts per status over the whole event; first page of 50 sorted by name.
    let page = table(&srv, &session, "tabel", &TableQuery::default()).await;
    let count = |s: Status| people.iter().filter(|p| p.status == s).count() as i64;
    assert_eq!(page.counts.confirmed, count(Status::Confirmed));
    assert_eq!(page.counts.waitlisted, count(Status::Waitlisted));
    assert_eq!(page.counts.cancelled, count(Status::Cancelled));
    assert_eq!(page.matching, 300);
    assert_eq!(page.rows.len(), PER_PAGE as usize);
    let mut by_name: Vec<&Person> = people.iter().collect();
    by_name.sort_by(|a, b| (&a.last, &a.first).cmp(&(&b.last, &b.first)));
    let names =
        |p: &TablePage| -> Vec<String> { p.rows.iter().map(|r| r.last_name.clone()).collect() };
    let want: Vec<String> = by_name.iter().take(50).map(|p| p.last.clone()).collect();
    assert_eq!(names(&page), want);
    // Page 2 continues where page 1 stopped; the last page holds the rest.
    let page2 = table(&srv, &session, "tabel", &query(|q| q.page = 2)).await;
    let want: Vec<String> = by_name
        .iter()
        .skip(50)
        .take(50)
        .map(|p| p.last.clone())
        .collect();
    assert_eq!(names(&page2), want);
    let last = table(&srv, &session, "tabel", &query(|q| q.page = 99)).await;
    assert_eq!(last.query.page, 6, "a page past the end shows the last one");
    assert_eq!(last.rows.len(), 50);

    // Descending by registration time: the newest first.
    let newest = table(
        &srv,
        &session,
        "tabel",
        &query(|q| {
            q.sort = "registered".into();
            q.dir = "desc".into();
        }),
    )
    .await;
    assert_eq!(newest.rows[0].email, people[299].email);
    assert!(newest
        .rows
        .windows(2)
        .all(|w| w[0].registered_at >= w[1].registered_at));

    // Search: names with accents (case-insensitive), organisation, e-mail address.
    let emile = table(
        &srv,
        &session,
        "tabel",
        &query(|q| q.q = "Émile vandenbroucke".into()),
    )
    .await;
    let want = people
        .iter()
        .filter(|p| p.first == "Émile" && p.last.starts_with("Vandenbroucke"))
        .count() as i64;
    assert!(want > 0);
    assert_eq!(emile.matching, want);
    let org = table(&srv, &session, "tabel", &query(|q| q.q = "ça va".into())).await;
    assert_eq!(
        org.matching,
        people
            .iter()
            .filter(|p| p.organisation == "Café Ça Va")
            .count() as i64
    );
    let one = table(
        &srv,
        &session,
        "tabel",
        &query(|q| q.q = people[123].email.to_uppercase()),
    )
    .await;
    assert_eq!(one.matching, 1);
    assert_eq!(one.rows[0].email, people[123].email);
    // LIKE wildcards in the search are taken literally.
    let none = table(&srv, &session, "tabel", &query(|q| q.q = "%_".into())).await;
    assert_eq!(none.matching, 0);

    // Filters combine: status, type, sector, offered topic.
    let f = table(
        &srv,
        &session,
        "tabel",
        &query(|q| {
            q.status = "waitlisted".into();
            q.org_type = "social_economy".into();
            q.sector = "zorg".into();
            q.offers = "opleiding".into();
            q.sort = "organisation".into();
        }),
    )
    .await;
    let want: Vec<&Person> = people
        .iter()
        .filter(|p| {
            p.status == Status::Waitlisted
                && p.org_type == "social_economy"
                && p.sector == "zorg"
                && p.offers.contains(&"opleiding".to_string())
        })
        .collect();
    assert!(!want.is_empty(), "the seed covers the combination");
    assert_eq!(f.matching, want.len() as i64);
    assert!(f.rows.iter().all(|r| r.status == Status::Waitlisted
        && r.org_type == "social_economy"
        && r.sector == "zorg"
        && r.offers.contains(&"opleiding".to_string())));
    assert!(f
        .rows
        .windows(2)
        .all(|w| w[0].organisation <= w[1].organisation));
    // A topic not on the event's menu is ignored rather than matching nothing.
    let bogus = table(
        &srv,
        &session,
        "tabel",
        &query(|q| q.needs = "bestaat-niet".into()),
    )
    .await;
    assert_eq!(bogus.matching, 300);

    // The page itself, server-rendered from the query string (no wasm needed).
    let r = client()
        .get(url(&srv, "/coordinator/events/tabel/registrations?q=%C3%89mile&status=confirmed&sort=registered&dir=desc"))
        .header("cookie", cookie(&session))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let html = r.text().await.unwrap();
    assert!(html.contains("Émile"), "{html}");
    assert!(html.contains("method=\"get\""), "a GET form");
    assert!(
        html.contains("registrations.csv?q=%C3%89mile&amp;status=confirmed"),
        "CSV link keeps the filters"
    );
    assert!(html.contains("action=\"/api/coordinator/registrations/cancel\""));
    srv.stop().await;
}

async fn page_query_at_2000_rows(db: &TestDb) {
    let mail = MailDev::start().await;
    let srv = start(db, mail.smtp, &[]).await;
    let event = add_event(&srv, "groot", 2000).await;
    seed(&srv, event, 2000).await;
    let service = srv.state.registrations();
    let cases = [
        ("default (name)", TableQuery::default()),
        ("search", query(|q| q.q = "vandenbroucke".into())),
        ("search with accents", query(|q| q.q = "émile".into())),
        (
            "filters",
            query(|q| {
                q.status = "confirmed".into();
                q.sector = "zorg".into();
                q.offers = "stage".into();
            }),
        ),
        (
            "registered desc, page 20",
            query(|q| {
                q.sort = "registered".into();
                q.dir = "desc".into();
                q.page = 20;
            }),
        ),
    ];
    let backend = if db.is_postgres() {
        "PostgreSQL"
    } else {
        "SQLite"
    };
    for (name, q) in cases {
        service.table("groot", &q).await.unwrap(); // warm-up
        let runs = 20;
        let t = Instant::now();
        for _ in 0..runs {
            let page = service.table("groot", &q).await.unwrap();
            assert!(page.rows.len() <= PER_PAGE as usize);
        }
        println!(
            "BENCH {backend} 2000 rows, {name}: {:.2} ms per page (mean of {runs})",
            t.elapsed().as_secs_f64() * 1000.0 / runs as f64
        );
    }
    srv.stop().await;
}

/// Registers `email` through the public form; returns the registration's id.
async fn register(srv: &Running, email: &str) -> i64 {
    let r = post_form(srv, "/e/seats/register", &form(email)).await;
    assert!(r.status().is_redirection(), "{}", r.status());
    let page = srv
        .state
        .registrations()
        .table("seats", &query(|q| q.q = email.into()))
        .await
        .unwrap();
    page.rows[0].id
}

async fn status_of(srv: &Running, email: &str) -> Status {
    let page = srv
        .state
        .registrations()
        .table("seats", &query(|q| q.q = email.into()))
        .await
        .unwrap();
    page.rows[0].status
}

/// A row action as a script calls it (no `Accept: text/html`): errors keep their status.
async fn action_status(srv: &Running, session: Option<&str>, what: &str, id: i64) -> (u16, String) {
    let mut req = client()
        .post(url(srv, &format!("/api/coordinator/registrations/{what}")))
        .form(&[("id", id.to_string()), ("back", String::new())]);
    if let Some(s) = session {
        req = req.header("cookie", cookie(s));
    }
    let r = req.send().await.unwrap();
    (r.status().as_u16(), r.text().await.unwrap())
}

async fn action(srv: &Running, session: Option<&str>, what: &str, id: i64) -> reqwest::Response {
    // A plain form post, as the browser sends it before the wasm has loaded.
    let mut req = client()
        .post(url(srv, &format!("/api/coordinator/registrations/{what}")))
        .header("accept", "text/html,application/xhtml+xml")
        .header(
            "referer",
            url(
                srv,
                "/coordinator/events/seats/registrations?status=waitlisted",
            ),
        )
        .header("origin", format!("http://{}", srv.addr))
        .form(&[
            ("id", id.to_string()),
            (
                "back",
                "/coordinator/events/seats/registrations?status=waitlisted".into(),
            ),
        ]);
    if let Some(s) = session {
        req = req.header("cookie", cookie(s));
    }
    req.send().await.unwrap()
}

async fn cancel_by_coordinator_promotes_and_mails_the_next(db: &TestDb) {
    let mail = MailDev::start().await;
    let srv = start(db, mail.smtp, &[]).await;
    add_event(&srv, "seats", 1).await;
    let (a, b) = (unique_email("seated"), unique_email("waiting"));
    let a_id = register(&srv, &a).await;
    register(&srv, &b).await;
    mail.wait_for_count_to(&b, 1).await;
    assert_eq!(status_of(&srv, &b).await, Status::Waitlisted);
    let session = signed_in(&srv, &mail, "coord").await;

    let r = action(&srv, Some(&session), "cancel", a_id).await;
    assert!(r.status().is_redirection(), "{}", r.status());
    assert_eq!(
        r.headers()["location"],
        "/coordinator/events/seats/registrations?status=waitlisted&done=cancelled"
    );
    assert_eq!(status_of(&srv, &a).await, Status::Cancelled);
    assert_eq!(status_of(&srv, &b).await, Status::Confirmed);
    let back = r.headers()["location"].to_str().unwrap().to_string();
    let html = get_with(&srv, &back, Some(&session))
        .await
        .text()
        .await
        .unwrap();
    assert!(
        html.contains("De inschrijving is geannuleerd"),
        "the table says what happened: {html}"
    );
    let to_b = mail.wait_for_count_to(&b, 2).await;
    assert!(
        to_b.iter()
            .any(|m| m["text"].as_str().unwrap_or("").contains("/m/")),
        "promotion mail with a link"
    );
    let to_a = mail.wait_for_count_to(&a, 2).await;
    assert_eq!(to_a.len(), 2, "registration and cancellation mail");
    // Cancelling again changes nothing and mails nobody.
    let r = action(&srv, Some(&session), "cancel", a_id).await;
    assert!(r.status().is_redirection());
    srv.stop().await;
}

async fn promote_only_with_a_free_seat(db: &TestDb) {
    let mail = MailDev::start().await;
    let srv = start(db, mail.smtp, &[]).await;
    let event = add_event(&srv, "seats", 1).await;
    let (a, b) = (unique_email("seated"), unique_email("waiting"));
    let a_id = register(&srv, &a).await;
    let b_id = register(&srv, &b).await;
    let session = signed_in(&srv, &mail, "coord").await;

    let (status, body) = action_status(&srv, Some(&session), "promote", b_id).await;
    assert_eq!(status, 409, "no free seat: refused");
    assert!(body.contains("NoFreeSeat"), "{body}");
    assert_eq!(status_of(&srv, &b).await, Status::Waitlisted);
    let (status, _) = action_status(&srv, Some(&session), "promote", a_id).await;
    assert_eq!(status, 409, "a confirmed person cannot be promoted");
    // As a plain form post: back to the table, which shows why.
    let r = action(&srv, Some(&session), "promote", b_id).await;
    assert_eq!(r.status(), 302);
    let back = r.headers()["location"].to_str().unwrap().to_string();
    assert!(back.contains("__err="), "{back}");
    let page = get_with(
        &srv,
        &back.replacen(&format!("http://{}", srv.addr), "", 1),
        Some(&session),
    )
    .await;
    let html = page.text().await.unwrap();
    assert!(
        html.contains("Er is geen vrije plaats"),
        "the error is shown: {html}"
    );

    // One more seat: now the coordinator may give it.
    app::on_db!(&srv.state.db, p => {
        sqlx::query("UPDATE events SET capacity = 2 WHERE id = $1")
            .bind(event)
            .execute(p)
            .await
            .unwrap();
    });
    let r = action(&srv, Some(&session), "promote", b_id).await;
    assert!(r.status().is_redirection(), "{}", r.status());
    assert_eq!(status_of(&srv, &b).await, Status::Confirmed);
    mail.wait_for_count_to(&b, 2).await;
    srv.stop().await;
}

async fn outbox_count(srv: &Running, id: i64) -> i64 {
    app::on_db!(&srv.state.db, p => {
        sqlx::query_scalar::<_, i64>("SELECT COUNT(*) FROM outbox WHERE registration_id = $1")
            .bind(id)
            .fetch_one(p)
            .await
            .unwrap()
    })
}

async fn resend_queues_one_mail(db: &TestDb) {
    let mail = MailDev::start().await;
    let srv = start(db, mail.smtp, &[]).await;
    add_event(&srv, "seats", 5).await;
    let a = unique_email("resend");
    let id = register(&srv, &a).await;
    mail.wait_for_count_to(&a, 1).await;
    let session = signed_in(&srv, &mail, "coord").await;
    assert_eq!(outbox_count(&srv, id).await, 1);

    let r = action(&srv, Some(&session), "resend", id).await;
    assert!(r.status().is_redirection(), "{}", r.status());
    assert_eq!(outbox_count(&srv, id).await, 2, "exactly one mail queued");
    let mails = mail.wait_for_count_to(&a, 2).await;
    let t1 = token_in(&mails[0]);
    let t2 = token_in(&mails[1]);
    assert_ne!(t1, t2, "a fresh link");
    srv.stop().await;
}

async fn get_with(srv: &Running, path: &str, session: Option<&str>) -> reqwest::Response {
    let mut req = client().get(url(srv, path));
    if let Some(s) = session {
        req = req.header("cookie", cookie(s));
    }
    req.send().await.unwrap()
}

async fn csv_has_bom_header_and_the_filtered_rows(db: &TestDb) {
    let mail = MailDev::start().await;
    let srv = start(db, mail.smtp, &[]).await;
    let event = add_event(&srv, "csv", 500).await;
    let people = seed(&srv, event, 120).await;
    let session = signed_in(&srv, &mail, "coord").await;

    let r = get_with(
        &srv,
        "/coordinator/events/csv/registrations.csv?status=confirmed&q=Zo%C3%AB",
        Some(&session),
    )
    .await;
    assert_eq!(r.status(), 200);
    assert!(r.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/csv"));
    assert!(r.headers()["content-disposition"]
        .to_str()
        .unwrap()
        .contains("attachment"));
    let bytes = r.bytes().await.unwrap();
    assert_eq!(&bytes[..3], b"\xEF\xBB\xBF", "UTF-8 byte-order mark");
    let mut reader = csv::Reader::from_reader(&bytes[3..]);
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(
        header,
        [
            "Voornaam",
            "Achternaam",
            "E-mail",
            "Organisatie",
            "Soort organisatie",
            "Sector",
            "Telefoon",
            "Biedt aan",
            "Zoekt",
            "Status",
            "Ingeschreven op (Brussel)",
            "Deelt contactgegevens met tafelgenoten"
        ]
    );
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.unwrap()).collect();
    let want: Vec<&Person> = people
        .iter()
        .filter(|p| p.status == Status::Confirmed && p.first == "Zoë")
        .collect();
    assert!(!want.is_empty());
    assert_eq!(
        rows.len(),
        want.len(),
        "only the filtered rows, not one page"
    );
    let mut emails: Vec<&str> = rows.iter().map(|r| &r[2]).collect();
    let mut want_emails: Vec<&str> = want.iter().map(|p| p.email.as_str()).collect();
    emails.sort();
    want_emails.sort();
    assert_eq!(emails, want_emails);
    let first = &rows[0];
    assert_eq!(&first[0], "Zoë", "Dutch characters intact");
    assert_eq!(&first[9], "Bevestigd");
    assert_eq!(
        &first[11], "Nee",
        "sharing with tablemates is off unless ticked"
    );
    assert!(
        [
            "Nieuwe medewerkers",
            "Opleiding op maat",
            "Stage- en werkervaring"
        ]
        .iter()
        .any(|l| first[7].starts_with(l)),
        "topic labels, not codes: {first:?}"
    );
    assert_eq!(&first[8], "Trajectbegeleiding en jobcoaching");
    assert!(
        first[10].len() == 16,
        "Brussels time yyyy-mm-dd hh:mm: {}",
        &first[10]
    );
    // Organisation names with a comma or accents survive quoting.
    let all = get_with(
        &srv,
        "/coordinator/events/csv/registrations.csv?q=%C3%A7a",
        Some(&session),
    )
    .await;
    let text = String::from_utf8(all.bytes().await.unwrap().to_vec()).unwrap();
    assert!(text.contains("Café Ça Va"));
    srv.stop().await;
}

/// A registrant whose name, organisation, address and phone start like a formula: the
/// public form takes them (they are text), and every such cell of the export gets a `'`
/// in front, so a spreadsheet shows it instead of running it. (`@x@example.be` is no
/// valid address; `=x@example.be` is, and starts a formula too.)
async fn csv_quotes_cells_that_would_run_as_formulas(db: &TestDb) {
    let mail = MailDev::start().await;
    let srv = start(db, mail.smtp, &[]).await;
    add_event(&srv, "formules", 50).await;
    let session = signed_in(&srv, &mail, "coord").await;
    let mut fields = form("=x@example.be");
    for (k, v) in fields.iter_mut() {
        match k.as_str() {
            "first_name" => *v = "=HYPERLINK(\"http://x\",\"y\")".into(),
            "last_name" => *v = "-Anna".into(),
            "organisation" => *v = "+cmd".into(),
            "phone" => *v = "+32 470 12 34 56".into(),
            _ => {}
        }
    }
    let r = post_form(&srv, "/e/formules/register", &fields).await;
    assert!(r.status().is_redirection(), "{}", r.status());
    // The address check refuses `@` in the local part, so that one cannot get in.
    let r = post_form(&srv, "/e/formules/register", &form("@x@example.be")).await;
    assert_eq!(r.status(), 422);

    let r = get_with(
        &srv,
        "/coordinator/events/formules/registrations.csv",
        Some(&session),
    )
    .await;
    assert_eq!(r.status(), 200);
    let bytes = r.bytes().await.unwrap();
    let mut reader = csv::Reader::from_reader(&bytes[3..]);
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.unwrap()).collect();
    assert_eq!(rows.len(), 1);
    let row = &rows[0];
    assert_eq!(&row[0], "'=HYPERLINK(\"http://x\",\"y\")");
    assert_eq!(&row[1], "'-Anna");
    assert_eq!(&row[2], "'=x@example.be");
    assert_eq!(&row[3], "'+cmd");
    assert_eq!(&row[6], "'+32 470 12 34 56");
    for cell in row.iter() {
        assert!(
            !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
            "{cell:?} in {row:?}"
        );
    }
    // Stored as typed: the quote is only in the file.
    let (_, stored) = srv
        .state
        .registrations()
        .table_rows("formules", &Default::default())
        .await
        .unwrap();
    assert_eq!(stored[0].first_name, "=HYPERLINK(\"http://x\",\"y\")");
    srv.stop().await;
}

async fn erase_and_export_through_the_coordinator(db: &TestDb) {
    let mail = MailDev::start().await;
    let srv = start(db, mail.smtp, &[]).await;
    add_event(&srv, "seats", 1).await;
    let (a, b) = (unique_email("erased"), unique_email("waiting"));
    let a_id = register(&srv, &a).await;
    register(&srv, &b).await;
    let token = token_in(&mail.wait_for_count_to(&a, 1).await[0]);
    let session = signed_in(&srv, &mail, "coord").await;

    let r = get_with(
        &srv,
        &format!("/coordinator/registrations/{a_id}/export.json"),
        Some(&session),
    )
    .await;
    assert_eq!(r.status(), 200);
    assert!(r.headers()["content-disposition"]
        .to_str()
        .unwrap()
        .contains("attachment"));
    let data: Value = r.json().await.unwrap();
    assert_eq!(data["registration"]["email"], a.as_str(), "{data}");
    assert!(!data.to_string().contains(&token), "links redacted");

    let r = action(&srv, Some(&session), "erase", a_id).await;
    assert!(r.status().is_redirection(), "{}", r.status());
    let gone = srv
        .state
        .registrations()
        .table("seats", &query(|q| q.q = a.clone()))
        .await
        .unwrap();
    assert_eq!(gone.matching, 0);
    assert_eq!(
        outbox_count(&srv, a_id).await,
        0,
        "their mails are gone too"
    );
    assert_eq!(
        status_of(&srv, &b).await,
        Status::Confirmed,
        "the seat went to the wait list"
    );
    let r = get_with(
        &srv,
        &format!("/coordinator/registrations/{a_id}/export.json"),
        Some(&session),
    )
    .await;
    assert_eq!(r.status(), 404);
    srv.stop().await;
}

async fn downloads_refuse_anonymous_and_attendees(db: &TestDb) {
    let mail = MailDev::start().await;
    let srv = start(db, mail.smtp, &[]).await;
    add_event(&srv, "seats", 5).await;
    let a = unique_email("attendee");
    let id = register(&srv, &a).await;
    let token = token_in(&mail.wait_for_count_to(&a, 1).await[0]);
    for path in [
        "/coordinator/events/seats/registrations.csv".to_string(),
        format!("/coordinator/registrations/{id}/export.json"),
    ] {
        // Anonymous, a made-up session, and an attendee with their manage link.
        for (who, c) in [
            ("anonymous", None),
            ("forged session", Some("not-a-session")),
        ] {
            let r = get_with(&srv, &path, c).await;
            assert_eq!(r.status(), 401, "{path} for {who}");
            assert!(
                !r.text().await.unwrap().contains(&a),
                "{path} leaks nothing"
            );
        }
        let r = get_with(&srv, &format!("{path}?token={token}"), None).await;
        assert_eq!(r.status(), 401, "{path} for an attendee");
    }
    // The row actions, too (the walk in the accounts module covers every server function).
    for what in ["cancel", "promote", "resend", "erase"] {
        let (status, _) = action_status(&srv, None, what, id).await;
        assert_eq!(status, 401, "{what}");
    }
    assert_eq!(status_of(&srv, &a).await, Status::Confirmed);
    srv.stop().await;
}
