//! The coordinator's overview screens against the real server, on SQLite and PostgreSQL:
//! an event's counts (per day, organisation type and sector, seats left, wait list) match
//! the registrations made, stay the same after the privacy purge, and are in the
//! server-rendered page as SVG charts with their numbers in the accessible text; the mail
//! status lists mails that failed for good with their reason, and a retry (one or all)
//! delivers them to maildev. Refusal of anonymous callers and attendees is in the accounts
//! module.

use crate::common::coordinator::*;
use crate::common::*;
use app::store::outbox;
use serde_json::{json, Value};

on_both_databases!(
    overview_counts_match_the_registrations,
    an_event_without_registrations_shows_the_empty_state,
    failed_mails_are_listed_and_retried,
);

async fn register(srv: &Running, slug: &str, email: &str, org_type: &str, sector: &str) {
    let mut f = form(email);
    for (k, v) in f.iter_mut() {
        match k.as_str() {
            "org_type" => *v = org_type.into(),
            "sector" => *v = sector.into(),
            _ => {}
        }
    }
    let r = post_form(srv, &format!("/e/{slug}/register"), &f).await;
    assert_eq!(r.status().as_u16(), 303, "registration of {email}");
}

/// (code, count) pairs of a list of buckets in the overview's JSON.
fn buckets(v: &Value) -> Vec<(String, i64)> {
    v.as_array()
        .expect("buckets")
        .iter()
        .map(|b| {
            (
                b["code"].as_str().unwrap().to_string(),
                b["count"].as_i64().unwrap(),
            )
        })
        .collect()
}

fn pairs(list: &[(&str, i64)]) -> Vec<(String, i64)> {
    list.iter().map(|(c, n)| (c.to_string(), *n)).collect()
}

async fn overview_counts_match_the_registrations(db: &TestDb) {
    let mail = MailDev::start().await;
    let srv = start(db, mail.smtp, &[]).await;
    add_event(&srv, "netwerk", 3).await;
    let session = signed_in(&srv, &mail, "coord").await;
    let people = [
        ("company", "zorg"),
        ("social_economy", "zorg"),
        ("company", "bouw"),
        ("education", "zorg"),
        ("social_economy", "bouw"),
        ("company", "ict"),
    ];
    let mut emails = Vec::new();
    for (i, (t, s)) in people.iter().enumerate() {
        let e = unique_email(&format!("p{i}"));
        register(&srv, "netwerk", &e, t, s).await;
        emails.push(e);
    }
    // The last one cancels (through the registration service, as from the manage page).
    let token = token_in(&mail.wait_for_count_to(&emails[5], 1).await[0]);
    let r = client()
        .post(url(&srv, "/api/manage/cancel"))
        .json(&json!({ "token": token, "confirm": true }))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200, "{:?}", r.text().await);
    // The first two registered two days earlier.
    let earlier = chrono::Utc::now() - chrono::Duration::days(2);
    for e in &emails[..2] {
        let n = app::on_db!(&srv.state.db, p => {
            sqlx::query("UPDATE registrations SET created_at = $1 WHERE email = $2")
                .bind(earlier)
                .bind(e)
                .execute(p)
                .await
                .unwrap()
                .rows_affected()
        });
        assert_eq!(n, 1);
    }

    let o = call(
        &srv,
        &session,
        "/api/coordinator/overview",
        json!({ "slug": "netwerk" }),
    )
    .await;
    // 3 seats: the first three are confirmed, the next two wait, the sixth cancelled.
    assert_eq!(o["capacity"], 3);
    assert_eq!(o["confirmed"], 3);
    assert_eq!(o["waitlisted"], 2);
    assert_eq!(o["cancelled"], 1);
    let days = buckets(&o["per_day"]);
    assert_eq!(
        days.iter().map(|d| d.1).collect::<Vec<_>>(),
        [2, 0, 4],
        "per day, the empty day between included: {days:?}"
    );
    let d0 = chrono::NaiveDate::parse_from_str(&days[0].0, "%Y-%m-%d").unwrap();
    let d2 = chrono::NaiveDate::parse_from_str(&days[2].0, "%Y-%m-%d").unwrap();
    assert_eq!((d2 - d0).num_days(), 2);
    // Per type and sector: confirmed and wait-listed only, largest first.
    assert_eq!(
        buckets(&o["per_org_type"]),
        pairs(&[("company", 2), ("social_economy", 2), ("education", 1)])
    );
    assert_eq!(
        buckets(&o["per_sector"]),
        pairs(&[("zorg", 3), ("bouw", 2)])
    );

    // The page: charts as SVG images whose accessible text carries the numbers, and the
    // same numbers in tables.
    let html = page(&srv, &session, "/coordinator/events/netwerk").await;
    assert_eq!(html.matches("<svg").count(), 4, "{html}");
    assert_eq!(html.matches("role=\"img\"").count(), 4);
    for want in [
        "Per type organisatie: Bedrijf 2, Sociale-economieonderneming 2, Onderwijs of opleiding 1",
        "Per sector: Zorg 3, Bouw 2",
        "Plaatsen 3, Bevestigd 3, Vrije plaatsen 0, Op de wachtlijst 2",
        "+2 (Totaal 2)",
        "+4 (Totaal 6)",
        "<td>Bedrijf</td><td>2</td>",
        "data-testid=\"seats-left\">0<",
        "data-testid=\"waitlist\">2<",
    ] {
        assert!(html.contains(want), "{want:?} missing from {html}");
    }
    assert!(!html.contains(" style="), "no inline styles (CSP)");
    let dashboard = page(&srv, &session, "/coordinator").await;
    assert!(dashboard.contains("href=\"/coordinator/events/netwerk\""));
    assert!(dashboard.contains("href=\"/coordinator/mail\""));

    // After the purge only anonymous counts remain, and the overview reads the same.
    let later = chrono::Utc::now() + chrono::Duration::days(400);
    let purged = srv.state.privacy().purge(later, false).await.unwrap();
    assert_eq!(purged.len(), 1);
    let left: i64 = app::on_db!(&srv.state.db, p => {
        sqlx::query_scalar("SELECT COUNT(*) FROM registrations").fetch_one(p).await.unwrap()
    });
    assert_eq!(left, 0, "personal data is gone");
    let after = call(
        &srv,
        &session,
        "/api/coordinator/overview",
        json!({ "slug": "netwerk" }),
    )
    .await;
    assert_eq!(after, o, "the same counts after the purge");

    // An unknown event is a 404 page.
    let r = client()
        .get(url(&srv, "/coordinator/events/nope"))
        .header("cookie", cookie(&session))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 404);
    srv.stop().await;
}

async fn an_event_without_registrations_shows_the_empty_state(db: &TestDb) {
    let mail = MailDev::start().await;
    let srv = start(db, mail.smtp, &[]).await;
    add_event(&srv, "leeg", 40).await;
    let session = signed_in(&srv, &mail, "coord").await;
    let o = call(
        &srv,
        &session,
        "/api/coordinator/overview",
        json!({ "slug": "leeg" }),
    )
    .await;
    assert_eq!(
        (o["confirmed"].as_i64(), o["waitlisted"].as_i64()),
        (Some(0), Some(0))
    );
    assert!(o["per_day"].as_array().unwrap().is_empty());
    let html = page(&srv, &session, "/coordinator/events/leeg").await;
    assert!(
        html.contains("Nog niemand heeft zich ingeschreven."),
        "{html}"
    );
    assert!(html.contains("Vrije plaatsen 40"), "{html}");
    assert!(!html.contains("chart-days"), "no empty charts: {html}");
    srv.stop().await;
}

/// Queues a mail to `to` that has already failed for good with `reason`; returns its id.
async fn failed_mail(srv: &Running, to: &str, subject: &str, reason: &str) -> i64 {
    let now = chrono::Utc::now();
    let mut tx = srv.state.db.begin_write().await.unwrap();
    let m = outbox::NewMail {
        registration_id: None,
        kind: "confirmed",
        recipient: to.into(),
        subject: subject.into(),
        body_text: "Hallo".into(),
        body_html: "<p>Hallo</p>".into(),
        ics: None,
        message_id: format!("<{}@test>", uuid::Uuid::new_v4()),
        link: None,
    };
    let id = outbox::enqueue(&mut tx, &m, now).await.unwrap();
    // In the same transaction, so the worker never sees it pending.
    app::on_tx!(&mut tx, c => {
        sqlx::query("UPDATE outbox SET status = 'failed', attempts = 60, last_error = $1 WHERE id = $2")
            .bind(reason)
            .bind(id)
            .execute(c)
            .await
            .unwrap();
    });
    tx.commit().await.unwrap();
    id
}

async fn failed_mails_are_listed_and_retried(db: &TestDb) {
    let mail = MailDev::start().await;
    let srv = start(db, mail.smtp, &[]).await;
    let session = signed_in(&srv, &mail, "coord").await;
    let empty = page(&srv, &session, "/coordinator/mail").await;
    assert!(empty.contains("Er zijn geen mislukte mails."), "{empty}");

    let a = unique_email("failed-a");
    let b = unique_email("failed-b");
    let c = unique_email("failed-c");
    let id_a = failed_mail(&srv, &a, "Onderwerp A", "550 5.1.1 mailbox unavailable").await;
    failed_mail(&srv, &b, "Onderwerp B", "550 5.7.1 relay denied").await;
    failed_mail(&srv, &c, "Onderwerp C", "554 5.7.1 rejected").await;

    let s = call(&srv, &session, "/api/coordinator/mail", json!({})).await;
    assert_eq!(s["failed"], 3);
    assert_eq!(s["sent"], 1, "the invitation");
    let listed = s["failures"].as_array().unwrap();
    assert_eq!(listed.len(), 3);
    let row_a = listed
        .iter()
        .find(|m| m["id"] == id_a)
        .expect("mail A listed");
    assert_eq!(row_a["recipient"], a.as_str());
    assert_eq!(row_a["reason"], "550 5.1.1 mailbox unavailable");
    assert_eq!(row_a["kind"], "confirmed");
    let html = page(&srv, &session, "/coordinator/mail").await;
    for want in [
        a.as_str(),
        "Onderwerp A",
        "550 5.1.1 mailbox unavailable",
        "relay denied",
    ] {
        assert!(html.contains(want), "{want} missing from {html}");
    }
    assert!(
        html.contains("action=\"/api/coordinator/mail/retry\"")
            && html.contains("action=\"/api/coordinator/mail/retry-all\""),
        "plain forms for the retries: {html}"
    );

    // One mail again: it goes out, the others stay failed.
    let r = client()
        .post(url(&srv, "/api/coordinator/mail/retry"))
        .header("cookie", cookie(&session))
        .form(&[("id", id_a.to_string())])
        .send()
        .await
        .unwrap();
    assert!(r.status().is_success(), "{}", r.status());
    let got = mail.wait_for_count_to(&a, 1).await;
    assert_eq!(got[0]["subject"], "Onderwerp A");
    let s = call(&srv, &session, "/api/coordinator/mail", json!({})).await;
    assert_eq!(s["failed"], 2);
    assert_eq!(s["sent"], 2);
    // Retrying it again changes nothing (it is no longer failed): no "queued" notice.
    let r = client()
        .post(url(&srv, "/api/coordinator/mail/retry"))
        .header("cookie", cookie(&session))
        .header("accept", "text/html,application/xhtml+xml")
        .header("referer", url(&srv, "/coordinator/mail"))
        .form(&[("id", id_a.to_string())])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 302);
    assert_eq!(r.headers()["location"], "/coordinator/mail");

    // All the others, as a plain form post before the wasm has loaded.
    let r = client()
        .post(url(&srv, "/api/coordinator/mail/retry-all"))
        .header("cookie", cookie(&session))
        .header("accept", "text/html,application/xhtml+xml")
        .header("referer", url(&srv, "/coordinator/mail"))
        .header("origin", format!("http://{}", srv.addr))
        .form(&[("confirm", "yes")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 302);
    assert_eq!(r.headers()["location"], "/coordinator/mail?retried=1");
    mail.wait_for_count_to(&b, 1).await;
    mail.wait_for_count_to(&c, 1).await;
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    loop {
        let counts = outbox::counts(&srv.state.db).await.unwrap();
        if counts == (0, 4, 0) {
            break;
        }
        assert!(std::time::Instant::now() < deadline, "{counts:?}");
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    assert_eq!(
        mail.emails().await.len(),
        4,
        "each mail once (plus the invitation)"
    );
    let html = page(&srv, &session, "/coordinator/mail?retried=1").await;
    assert!(html.contains("Er zijn geen mislukte mails."), "{html}");
    assert!(html.contains("terug in de wachtrij"), "{html}");
    srv.stop().await;
}
