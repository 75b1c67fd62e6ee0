//! Mail delivery through the real server and worker on SQLite and PostgreSQL: retries after
//! an SMTP outage, permanent failures, lease ownership, the calendar entry only for a seat,
//! and a graceful stop that records the mail in flight; personal links not kept in stored
//! mails once sent or failed, and a retried failed mail carrying a new working link.
//! Every wait is for a condition.

use crate::common::*;
use app::store::outbox::{self, OutboxRow};
use app::store::Db;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};

on_both_databases!(
    mail_survives_smtp_outage_exactly_once,
    permanent_failures_are_marked_failed_at_once,
    a_stale_worker_cannot_record_a_mail_it_lost,
    only_a_seat_gets_a_calendar_entry,
    stopping_finishes_and_records_the_mail_in_flight,
    personal_links_are_not_kept_at_rest,
);

/// Waits until `pred` holds for the outbox rows (or fails after `secs`).
async fn wait_rows(
    db: &Db,
    secs: u64,
    what: &str,
    pred: impl Fn(&[OutboxRow]) -> bool,
) -> Vec<OutboxRow> {
    let deadline = Instant::now() + Duration::from_secs(secs);
    loop {
        let rows = outbox::list(db).await.expect("outbox rows");
        if pred(&rows) {
            return rows;
        }
        assert!(
            Instant::now() < deadline,
            "timed out waiting for {what}; rows: {rows:#?}"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

async fn register(srv: &Running, slug: &str, email: &str) {
    let r = post_form(srv, &format!("/e/{slug}/register"), &form(email)).await;
    assert_eq!(r.status().as_u16(), 303, "registration of {email} accepted");
}

async fn mail_survives_smtp_outage_exactly_once(db: &TestDb) {
    let smtp = free_port();
    let srv = start(db, smtp, &[]).await;
    add_event(&srv, "groot", 100).await;
    let emails: Vec<String> = (0..50).map(|i| unique_email(&format!("down{i}"))).collect();
    for e in &emails {
        register(&srv, "groot", e).await;
    }
    // Every mail was tried and failed while nothing listens on the SMTP port.
    let rows = wait_rows(&srv.state.db, 30, "a failed attempt for each mail", |r| {
        r.len() == 50 && r.iter().all(|m| m.attempts >= 1 && m.last_error.is_some())
    })
    .await;
    assert!(
        rows.iter().all(|m| m.status == "pending"),
        "a refused connection is transient: {rows:#?}"
    );

    let mail = MailDev::start_on(smtp).await;
    let rows = wait_rows(&srv.state.db, 60, "all 50 mails sent", |r| {
        r.iter().all(|m| m.status == "sent")
    })
    .await;
    assert_eq!(rows.len(), 50, "one outbox row per registration");
    for m in &rows {
        assert!(m.attempts > 1, "sent after a retry: {m:?}");
        assert_eq!(m.last_error, None, "a sent mail keeps no error");
    }
    let all = mail
        .wait_until(30, "50 mails in maildev", |m| m.len() >= 50)
        .await;
    assert_eq!(all.len(), 50, "no mail twice");
    for e in &emails {
        assert_eq!(to_address(&all, e).len(), 1, "{e} got exactly one mail");
    }
    assert_eq!(
        outbox::counts(&srv.state.db).await.unwrap(),
        (0, 50, 0),
        "recorded as sent"
    );
    srv.stop().await;
}

async fn permanent_failures_are_marked_failed_at_once(db: &TestDb) {
    let fake = FakeSmtp::start("550 5.1.1 mailbox unavailable", false).await;
    let srv = start(db, fake.port, &[]).await;
    add_event(&srv, "netwerk", 10).await;
    register(&srv, "netwerk", &unique_email("refused")).await;
    // An address that does not parse (the form would refuse it; a bad import might not).
    let now = chrono::Utc::now();
    let mut tx = srv.state.db.begin_write().await.unwrap();
    let bad = outbox::NewMail {
        registration_id: None,
        kind: "confirmed",
        recipient: "not an address".into(),
        subject: "s".into(),
        body_text: "t".into(),
        body_html: "h".into(),
        ics: None,
        message_id: format!("<{}@test>", uuid::Uuid::new_v4()),
        link: None,
    };
    outbox::enqueue(&mut tx, &bad, now).await.unwrap();
    tx.commit().await.unwrap();
    srv.state.mail_wake.notify_one();

    let rows = wait_rows(&srv.state.db, 30, "both mails failed", |r| {
        r.len() == 2 && r.iter().all(|m| m.status == "failed")
    })
    .await;
    for m in &rows {
        assert_eq!(m.attempts, 1, "failed at the first attempt: {m:?}");
    }
    let relay = rows[0].last_error.as_deref().unwrap_or_default();
    assert!(relay.contains("550"), "the relay's reason is kept: {relay}");
    let parse = rows[1].last_error.as_deref().unwrap_or_default();
    assert!(
        parse.contains("invalid address"),
        "the reason is kept: {parse}"
    );
    assert_eq!(fake.rcpts(), 1, "the relay was asked once");
    assert_eq!(fake.messages(), 0);
    // Failed rows are never due again, however late.
    let later = chrono::Utc::now() + chrono::Duration::days(2);
    assert!(
        outbox::claim(&srv.state.db, later, chrono::Duration::seconds(60))
            .await
            .unwrap()
            .is_none()
    );
    assert_eq!(outbox::counts(&srv.state.db).await.unwrap(), (0, 0, 2));
    srv.stop().await;
}

async fn a_stale_worker_cannot_record_a_mail_it_lost(db: &TestDb) {
    let srv = start(db, free_port(), &[("MAIL_WORKER", "false")]).await;
    let d = &srv.state.db;
    let now = chrono::Utc::now();
    let mut tx = d.begin_write().await.unwrap();
    let mail = outbox::NewMail {
        registration_id: None,
        kind: "confirmed",
        recipient: "a@example.be".into(),
        subject: "s".into(),
        body_text: "t".into(),
        body_html: "h".into(),
        ics: None,
        message_id: format!("<{}@test>", uuid::Uuid::new_v4()),
        link: None,
    };
    outbox::enqueue(&mut tx, &mail, now).await.unwrap();
    tx.commit().await.unwrap();

    let stale = outbox::claim(d, now, chrono::Duration::seconds(10))
        .await
        .unwrap()
        .expect("first claim");
    assert!(
        outbox::claim(
            d,
            now + chrono::Duration::seconds(5),
            chrono::Duration::seconds(10)
        )
        .await
        .unwrap()
        .is_none(),
        "a held lease is not handed out"
    );
    // The first lease ran out: another worker takes the mail over.
    let fresh = outbox::claim(
        d,
        now + chrono::Duration::seconds(11),
        chrono::Duration::seconds(10),
    )
    .await
    .unwrap()
    .expect("claim after the lease ended");
    assert_eq!(fresh.id, stale.id);
    assert_ne!(fresh.lease_token, stale.lease_token);

    let at = chrono::Utc::now();
    assert!(!outbox::mark_sent(d, stale.id, &stale.lease_token, at)
        .await
        .unwrap());
    assert!(
        !outbox::mark_failed(d, stale.id, &stale.lease_token, "x", at, true)
            .await
            .unwrap()
    );
    let rows = outbox::list(d).await.unwrap();
    assert_eq!(
        (rows[0].status.as_str(), rows[0].attempts),
        ("pending", 2),
        "the stale worker changed nothing"
    );
    assert!(outbox::mark_sent(d, fresh.id, &fresh.lease_token, at)
        .await
        .unwrap());
    assert!(
        !outbox::mark_sent(d, fresh.id, &fresh.lease_token, at)
            .await
            .unwrap(),
        "recorded once"
    );
    assert_eq!(outbox::counts(d).await.unwrap(), (0, 1, 0));
    srv.stop().await;
}

fn attachments(mail: &serde_json::Value) -> Vec<String> {
    mail["attachments"]
        .as_array()
        .map(|a| {
            a.iter()
                .map(|x| x["contentType"].as_str().unwrap_or_default().to_string())
                .collect()
        })
        .unwrap_or_default()
}

async fn only_a_seat_gets_a_calendar_entry(db: &TestDb) {
    let mail = MailDev::start().await;
    let srv = start(db, mail.smtp, &[]).await;
    add_event(&srv, "klein", 1).await;
    let seated = unique_email("seated");
    let waiting = unique_email("waiting");
    register(&srv, "klein", &seated).await;
    register(&srv, "klein", &waiting).await;
    let first = mail.wait_for_count_to(&seated, 1).await;
    let wait = mail.wait_for_count_to(&waiting, 1).await;
    // The calendar entry, and the check-in QR code shown inline in the HTML (the dayof module).
    let mut parts = attachments(&first[0]);
    parts.sort();
    assert_eq!(parts, ["image/png", "text/calendar"]);
    assert!(wait[0]["subject"]
        .as_str()
        .unwrap()
        .starts_with("Je staat op de wachtlijst"));
    assert_eq!(
        attachments(&wait[0]),
        Vec::<String>::new(),
        "no calendar entry without a seat"
    );
    // (Re-sent links follow the registration's status; see the render unit tests.)
    let rows = wait_rows(&srv.state.db, 30, "2 mails sent", |r| {
        r.iter().filter(|m| m.status == "sent").count() == 2
    })
    .await;
    let has_ics: Vec<(&str, bool)> = rows.iter().map(|m| (m.kind.as_str(), m.has_ics)).collect();
    assert_eq!(has_ics, [("confirmed", true), ("waitlisted", false)]);
    srv.stop().await;
}

async fn stopping_finishes_and_records_the_mail_in_flight(db: &TestDb) {
    let fake = FakeSmtp::start("250 ok", true).await;
    let srv = start(db, fake.port, &[]).await;
    add_event(&srv, "netwerk", 10).await;
    register(&srv, "netwerk", &unique_email("inflight")).await;
    // The relay has the whole mail and holds its answer until released.
    let deadline = Instant::now() + Duration::from_secs(30);
    while fake.messages() == 0 {
        assert!(
            Instant::now() < deadline,
            "the mail never reached the relay"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    let stopping = tokio::spawn(srv.stop());
    // Stop is under way (the worker is cancelled) and must wait for the send.
    tokio::task::yield_now().await;
    assert!(!stopping.is_finished(), "stop waits for the mail in flight");
    fake.release();
    tokio::time::timeout(Duration::from_secs(30), stopping)
        .await
        .expect("stop returns once the mail is recorded")
        .expect("stop does not panic");
    let reopened = Db::connect(&db.url).await.unwrap();
    let rows = outbox::list(&reopened).await.unwrap();
    assert_eq!(rows.len(), 1);
    assert_eq!(
        (rows[0].status.as_str(), rows[0].attempts),
        ("sent", 1),
        "the mail in flight was recorded before the stop ended"
    );
    reopened.close().await;
}

/// A tiny SMTP responder on loopback for the cases maildev cannot play: it answers RCPT with
/// `rcpt_reply`, and with `hold` it keeps the answer to the end of a message until
/// [`FakeSmtp::release`].
struct FakeSmtp {
    port: u16,
    rcpts: Arc<AtomicUsize>,
    messages: Arc<AtomicUsize>,
    release: Arc<tokio::sync::Notify>,
    task: tokio::task::JoinHandle<()>,
}

impl Drop for FakeSmtp {
    fn drop(&mut self) {
        self.task.abort();
    }
}

impl FakeSmtp {
    async fn start(rcpt_reply: &'static str, hold: bool) -> FakeSmtp {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let port = listener.local_addr().unwrap().port();
        let rcpts = Arc::new(AtomicUsize::new(0));
        let messages = Arc::new(AtomicUsize::new(0));
        let release = Arc::new(tokio::sync::Notify::new());
        let (r, m, rel) = (rcpts.clone(), messages.clone(), release.clone());
        let task = tokio::spawn(async move {
            while let Ok((sock, _)) = listener.accept().await {
                let (r, m, rel) = (r.clone(), m.clone(), rel.clone());
                tokio::spawn(async move {
                    let _ = session(sock, rcpt_reply, hold, r, m, rel).await;
                });
            }
        });
        FakeSmtp {
            port,
            rcpts,
            messages,
            release,
            task,
        }
    }
    fn rcpts(&self) -> usize {
        self.rcpts.load(Ordering::SeqCst)
    }
    fn messages(&self) -> usize {
        self.messages.load(Ordering::SeqCst)
    }
    fn release(&self) {
        self.release.notify_one();
    }
}

async fn session(
    sock: tokio::net::TcpStream,
    rcpt_reply: &str,
    hold: bool,
    rcpts: Arc<AtomicUsize>,
    messages: Arc<AtomicUsize>,
    release: Arc<tokio::sync::Notify>,
) -> std::io::Result<()> {
    let (read, mut write) = sock.into_split();
    let mut lines = BufReader::new(read);
    write.write_all(b"220 fake ESMTP\r\n").await?;
    let mut line = String::new();
    loop {
        line.clear();
        if lines.read_line(&mut line).await? == 0 {
            return Ok(());
        }
        let verb = line.get(..4).unwrap_or_default().to_ascii_uppercase();
        let reply = match verb.as_str() {
            "EHLO" | "HELO" => "250-fake\r\n250-8BITMIME\r\n250 SMTPUTF8".to_string(),
            "RCPT" => {
                rcpts.fetch_add(1, Ordering::SeqCst);
                rcpt_reply.to_string()
            }
            "DATA" => {
                write.write_all(b"354 go on\r\n").await?;
                loop {
                    line.clear();
                    if lines.read_line(&mut line).await? == 0 {
                        return Ok(());
                    }
                    if line == ".\r\n" {
                        break;
                    }
                }
                messages.fetch_add(1, Ordering::SeqCst);
                if hold {
                    release.notified().await;
                }
                "250 queued".to_string()
            }
            "QUIT" => {
                write.write_all(b"221 bye\r\n").await?;
                return Ok(());
            }
            _ => "250 ok".to_string(),
        };
        write.write_all(format!("{reply}\r\n").as_bytes()).await?;
    }
}

/// Every stored mail's subject, bodies and calendar file, and whether its link token is
/// still kept, read straight from the database (what a stolen copy of it would show).
type StoredRow = (String, String, String, Option<String>, Option<String>);

async fn stored_mails(db: &Db) -> Vec<(String, Option<String>)> {
    let rows: Vec<StoredRow> = app::on_db!(db, p => {
        sqlx::query_as("SELECT subject, body_text, body_html, ics, link_secret FROM outbox ORDER BY id")
            .fetch_all(p)
            .await
            .unwrap()
    });
    rows.into_iter()
        .map(|(s, t, h, i, secret)| (format!("{s}\n{t}\n{h}\n{}", i.unwrap_or_default()), secret))
        .collect()
}

async fn personal_links_are_not_kept_at_rest(db: &TestDb) {
    // Sent: the mail that arrived has a working link; the stored copy holds none.
    let mail = MailDev::start().await;
    let srv = start(db, mail.smtp, &[]).await;
    add_event(&srv, "rust", 10).await;
    let anna = unique_email("rest");
    register(&srv, "rust", &anna).await;
    let got = mail.wait_for_count_to(&anna, 1).await;
    let token = token_in(&got[0]);
    wait_rows(&srv.state.db, 30, "the mail sent", |r| {
        r.len() == 1 && r[0].status == "sent"
    })
    .await;
    let stored = stored_mails(&srv.state.db).await;
    assert!(!stored[0].0.contains(&token), "no token in the stored mail");
    assert!(stored[0].0.contains(outbox::LINK_PLACEHOLDER));
    assert_eq!(stored[0].1, None, "the token is dropped once sent");
    let (status, page) = get(&srv, &format!("/m/{token}")).await;
    assert_eq!(status, 200, "the delivered link works");
    assert!(page.contains("Anna"), "{page}");
    srv.stop().await;

    // Failed for good: nothing usable is kept either.
    let fake = FakeSmtp::start("550 5.1.1 mailbox unavailable", false).await;
    let srv = start(db, fake.port, &[]).await;
    let bert = unique_email("refused");
    register(&srv, "rust", &bert).await;
    let rows = wait_rows(&srv.state.db, 30, "the mail failed", |r| {
        r.len() == 2 && r[1].status == "failed"
    })
    .await;
    let failed_id = rows[1].id;
    let stored = stored_mails(&srv.state.db).await;
    assert_eq!(
        stored[1].1, None,
        "the token is dropped when the mail fails"
    );
    assert!(stored[1].0.contains(outbox::LINK_PLACEHOLDER));
    srv.stop().await;

    // Retried (the address is fine after all): the mail goes out with a new working link.
    let srv = start(db, mail.smtp, &[]).await;
    assert!(outbox::retry(&srv.state.db, failed_id, chrono::Utc::now())
        .await
        .unwrap());
    srv.state.mail_wake.notify_one();
    let got = mail.wait_for_count_to(&bert, 1).await;
    let new_token = token_in(&got[0]);
    let (status, _) = get(&srv, &format!("/m/{new_token}")).await;
    assert_eq!(status, 200, "the retried mail's new link works");
    wait_rows(&srv.state.db, 30, "the retried mail sent", |r| {
        r.len() == 2 && r[1].status == "sent"
    })
    .await;
    let stored = stored_mails(&srv.state.db).await;
    assert!(!stored[1].0.contains(&new_token));
    assert_eq!(stored[1].1, None);
    srv.stop().await;
}
