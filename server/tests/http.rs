//! HTTP hardening against the real server: cross-origin refusal, rate limits, slow
//! clients, graceful shutdown, health checks, request ids, server-function status codes,
//! and redirects/paths. Where the database takes part, on SQLite and PostgreSQL.

mod common;

use common::*;
use serde_json::{json, Value};
use std::time::{Duration, Instant};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

on_both_databases!(
    cross_origin_state_changes_are_refused,
    registration_is_rate_limited_per_client,
    manage_links_are_rate_limited,
    graceful_shutdown_finishes_requests_in_flight,
    readiness_follows_the_database,
    server_function_errors_have_their_status,
);

/// A server without a mail worker (for tests where mail does not matter).
async fn start_quiet(db: &TestDb, extra: &[(&str, &str)]) -> Running {
    let mut vars = vec![("MAIL_WORKER", "false")];
    vars.extend_from_slice(extra);
    start(db, free_port(), &vars).await
}

fn url(srv: &Running, path: &str) -> String {
    format!("http://{}{path}", srv.addr)
}

/// A valid server-function registration body.
fn api_body(email: &str) -> Value {
    json!({
        "slug": "netwerk",
        "lang": "En",
        "form": {
            "first_name": "Bart", "last_name": "Claes", "email": email,
            "organisation": "Gemeente Bocholt", "org_type": "local_government",
            "sector": "other", "phone": "", "offers": ["werkopdrachten"], "needs": [],
            "consent": true
        }
    })
}

/// Reads what the server sends on a raw connection until it closes it (a reset counts as
/// closed), failing if it is still open after `secs`.
async fn raw_exchange(stream: &mut TcpStream, secs: u64) -> String {
    let mut out = Vec::new();
    let _ = tokio::time::timeout(Duration::from_secs(secs), stream.read_to_end(&mut out))
        .await
        .expect("connection closed within the deadline");
    String::from_utf8_lossy(&out).into_owned()
}

async fn cross_origin_state_changes_are_refused(db: &TestDb) {
    let srv = start_quiet(db, &[]).await;
    let event = add_event(&srv, "netwerk", 10).await;
    let base = format!("http://{}", srv.addr);
    let post = |headers: Vec<(&'static str, String)>, email: String| {
        let mut r = client()
            .post(url(&srv, "/e/netwerk/register"))
            .form(&form(&email));
        for (k, v) in headers {
            r = r.header(k, v);
        }
        r.send()
    };

    // Refused: another site, a sibling site, a foreign Origin, the opaque origin.
    for headers in [
        vec![("origin", "https://evil.example".to_string())],
        vec![("sec-fetch-site", "cross-site".to_string())],
        vec![("sec-fetch-site", "same-site".to_string())],
        vec![
            ("sec-fetch-site", "same-origin".to_string()),
            ("origin", "https://evil.example".to_string()),
        ],
        vec![("origin", "null".to_string())],
    ] {
        let r = post(headers.clone(), unique_email("evil")).await.unwrap();
        assert_eq!(r.status().as_u16(), 403, "{headers:?}");
        let page = r.text().await.unwrap();
        assert!(page.contains("andere website"), "Dutch page: {page}");
    }
    let r = client()
        .post(url(&srv, "/e/netwerk/register"))
        .header("origin", "https://evil.example")
        .header("cookie", "lang=en")
        .form(&form(&unique_email("evil")))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status().as_u16(), 403);
    assert!(r
        .text()
        .await
        .unwrap()
        .contains("This form was sent from another website"));

    // Allowed: our own origin, a browser's same-origin request, a client without headers.
    for headers in [
        vec![("origin", base.clone())],
        vec![
            ("sec-fetch-site", "same-origin".to_string()),
            ("origin", base.clone()),
        ],
        vec![],
    ] {
        let r = post(headers.clone(), unique_email("ok")).await.unwrap();
        assert_eq!(r.status().as_u16(), 303, "{headers:?}");
    }
    // Reading is never refused.
    let r = client()
        .get(url(&srv, "/e/netwerk"))
        .header("sec-fetch-site", "cross-site")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status().as_u16(), 200);

    // Server functions: same rule, JSON answers; and only JSON bodies.
    let r = client()
        .post(url(&srv, "/api/register"))
        .header("origin", "https://evil.example")
        .json(&api_body(&unique_email("evil")))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status().as_u16(), 403);
    assert_eq!(r.json::<Value>().await.unwrap(), json!("CrossOrigin"));
    let r = client()
        .post(url(&srv, "/api/register"))
        .header("content-type", "text/plain")
        .body(api_body(&unique_email("plain")).to_string())
        .send()
        .await
        .unwrap();
    assert_eq!(r.status().as_u16(), 415);
    assert_eq!(
        r.json::<Value>().await.unwrap(),
        json!("UnsupportedMediaType")
    );
    let r = client()
        .post(url(&srv, "/api/register"))
        .header("origin", base.clone())
        .json(&api_body(&unique_email("js")))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status().as_u16(), 200);

    // Manage-link posts too.
    for path in ["/m/0000/cancel", "/m/0000"] {
        let r = client()
            .post(url(&srv, path))
            .header("sec-fetch-site", "cross-site")
            .form(&[("confirm", "1")])
            .send()
            .await
            .unwrap();
        assert_eq!(r.status().as_u16(), 403, "{path}");
    }

    let counts = app::store::registrations::status_counts(&srv.state.db, event)
        .await
        .unwrap();
    assert_eq!(
        counts,
        (4, 0, 0),
        "only the 4 allowed registrations are stored"
    );
    srv.stop().await;
}

async fn registration_is_rate_limited_per_client(db: &TestDb) {
    // 1 per minute after a burst of 3, per client address; behind a trusted proxy.
    let srv = start_quiet(
        db,
        &[
            ("RATE_LIMIT_REGISTER_PER_MINUTE", "1"),
            ("RATE_LIMIT_REGISTER_BURST", "3"),
            ("TAFELRONDE_TRUST_PROXY", "1"),
        ],
    )
    .await;
    let event = add_event(&srv, "netwerk", 100).await;
    let from = |client_ip: &str, email: &str| {
        client()
            .post(url(&srv, "/e/netwerk/register"))
            .header("x-forwarded-for", format!("198.51.100.7, {client_ip}"))
            .header("cookie", "lang=fr")
            .form(&form(email))
            .send()
    };
    let one = unique_email("one");
    for i in 0..3 {
        // The same address again is the "resend my link" request: it counts too.
        let email = if i == 1 {
            unique_email("one")
        } else {
            one.clone()
        };
        let r = from("203.0.113.1", &email).await.unwrap();
        assert_eq!(r.status().as_u16(), 303, "attempt {}", i + 1);
    }
    let r = from("203.0.113.1", &unique_email("one")).await.unwrap();
    assert_eq!(r.status().as_u16(), 429, "4th attempt within the minute");
    let retry: u64 = r.headers()["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!((30..=60).contains(&retry), "Retry-After {retry}");
    let page = r.text().await.unwrap();
    assert!(page.contains("Trop de tentatives"), "French page: {page}");

    // The server function shares the limit and answers in JSON.
    let r = client()
        .post(url(&srv, "/api/register"))
        .header("x-forwarded-for", "203.0.113.1")
        .json(&api_body(&unique_email("one")))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status().as_u16(), 429);
    assert!(r.headers().contains_key("retry-after"));
    assert_eq!(r.json::<Value>().await.unwrap(), json!("RateLimited"));

    // Another client is not affected; reading pages is not limited.
    let r = from("203.0.113.2", &unique_email("two")).await.unwrap();
    assert_eq!(r.status().as_u16(), 303);
    for _ in 0..5 {
        assert_eq!(get(&srv, "/e/netwerk").await.0, 200);
    }
    let counts = app::store::registrations::status_counts(&srv.state.db, event)
        .await
        .unwrap();
    assert_eq!(
        counts.0, 3,
        "2 new + 1 other client; the resend stores nothing"
    );
    srv.stop().await;

    // Without proxy trust the header is ignored: every request is 127.0.0.1.
    let srv = start_quiet(
        db,
        &[
            ("RATE_LIMIT_REGISTER_PER_MINUTE", "1"),
            ("RATE_LIMIT_REGISTER_BURST", "2"),
        ],
    )
    .await;
    add_event(&srv, "netwerk-2", 100).await;
    let mut statuses = Vec::new();
    for i in 0..3 {
        let r = client()
            .post(url(&srv, "/e/netwerk-2/register"))
            .header("x-forwarded-for", format!("203.0.113.{}", 10 + i))
            .form(&form(&unique_email("spoof")))
            .send()
            .await
            .unwrap();
        statuses.push(r.status().as_u16());
    }
    assert_eq!(statuses, [303, 303, 429]);
    srv.stop().await;
}

async fn manage_links_are_rate_limited(db: &TestDb) {
    let srv = start_quiet(
        db,
        &[
            ("RATE_LIMIT_MANAGE_PER_MINUTE", "1"),
            ("RATE_LIMIT_MANAGE_BURST", "4"),
        ],
    )
    .await;
    add_event(&srv, "netwerk", 10).await;
    let junk = "0".repeat(64);
    for _ in 0..4 {
        let (status, _) = get(&srv, &format!("/m/{junk}")).await;
        assert_eq!(status, 404);
    }
    let (status, page) = get(&srv, &format!("/m/{junk}")).await;
    assert_eq!(status, 429);
    assert!(page.contains("Te veel pogingen"), "{page}");
    let r = client()
        .post(url(&srv, "/api/manage"))
        .json(&json!({ "token": junk }))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status().as_u16(), 429);
    assert_eq!(r.json::<Value>().await.unwrap(), json!("RateLimited"));
    // Registration has its own limit (off here) and is not affected.
    let r = post_form(&srv, "/e/netwerk/register", &form(&unique_email("x"))).await;
    assert_eq!(r.status().as_u16(), 303);
    srv.stop().await;
}

async fn graceful_shutdown_finishes_requests_in_flight(db: &TestDb) {
    let mail = MailDev::start().await;
    let srv = start(db, mail.smtp, &[("TAFELRONDE_SHUTDOWN_TIMEOUT_SECS", "20")]).await;
    add_event(&srv, "netwerk", 10).await;
    let addr = srv.addr;

    // A registration whose body arrives in two parts: in flight until the second part.
    let body = serde_urlencoded(&form(&unique_email("inflight")));
    let (first, second) = body.split_at(body.len() / 2);
    let mut conn = TcpStream::connect(addr).await.unwrap();
    conn.write_all(
        format!(
            "POST /e/netwerk/register HTTP/1.1\r\nHost: {addr}\r\n\
             Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\n\r\n{first}",
            body.len()
        )
        .as_bytes(),
    )
    .await
    .unwrap();
    let deadline = Instant::now() + Duration::from_secs(10);
    while srv.in_flight() == 0 {
        assert!(Instant::now() < deadline, "request never in flight");
        tokio::time::sleep(Duration::from_millis(10)).await;
    }

    let started = Instant::now();
    let stopping = tokio::spawn(srv.stop());
    // New connections are refused once stopping has begun.
    let deadline = Instant::now() + Duration::from_secs(10);
    while TcpStream::connect(addr).await.is_ok() {
        assert!(Instant::now() < deadline, "still accepting connections");
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    assert!(
        !stopping.is_finished(),
        "stop waits for the request in flight"
    );

    conn.write_all(second.as_bytes()).await.unwrap();
    let answer = raw_exchange(&mut conn, 10).await;
    assert!(answer.starts_with("HTTP/1.1 303"), "{answer}");
    assert!(
        answer.contains("location: /e/netwerk/check-mail"),
        "{answer}"
    );
    tokio::time::timeout(Duration::from_secs(25), stopping)
        .await
        .expect("stop finishes")
        .unwrap();
    eprintln!(
        "graceful stop with one request in flight took {:?}",
        started.elapsed()
    );
    assert!(TcpStream::connect(addr).await.is_err());
}

/// `application/x-www-form-urlencoded` of `pairs` (what reqwest's `.form` sends).
fn serde_urlencoded(pairs: &[(String, String)]) -> String {
    let enc = |s: &str| {
        s.bytes()
            .map(|b| match b {
                b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'*' => {
                    (b as char).to_string()
                }
                b' ' => "+".into(),
                _ => format!("%{b:02X}"),
            })
            .collect::<String>()
    };
    pairs
        .iter()
        .map(|(k, v)| format!("{}={}", enc(k), enc(v)))
        .collect::<Vec<_>>()
        .join("&")
}

async fn readiness_follows_the_database(db: &TestDb) {
    let srv = start_quiet(db, &[]).await;
    assert_eq!(get(&srv, "/readyz").await, (200, "ready".to_string()));
    assert_eq!(get(&srv, "/healthz").await, (200, "ok".to_string()));
    srv.state.db.close().await;
    let (status, _) = get(&srv, "/readyz").await;
    assert_eq!(status, 503, "database gone: not ready");
    assert_eq!(get(&srv, "/healthz").await.0, 200, "but alive");
    srv.stop().await;
}

async fn server_function_errors_have_their_status(db: &TestDb) {
    let srv = start_quiet(db, &[]).await;
    add_event(&srv, "netwerk", 10).await;
    let call = |path: &str, body: Value| client().post(url(&srv, path)).json(&body).send();
    let mut cases = vec![
        (
            "/api/register",
            json!({ "slug": "netwerk", "lang": "En" }),
            400,
            json!("BadRequest"),
        ),
        (
            "/api/register",
            json!({ "slug": "netwerk", "lang": "En", "form": 5 }),
            400,
            json!("BadRequest"),
        ),
        (
            "/api/event",
            json!({ "slug": "nope" }),
            404,
            json!("NotFound"),
        ),
        (
            "/api/manage",
            json!({ "token": "0".repeat(64) }),
            404,
            json!("InvalidLink"),
        ),
        ("/api/no-such-function", json!({}), 400, json!("BadRequest")),
    ];
    let mut e = api_body(&unique_email("e"));
    e["slug"] = "nope".into();
    cases.push(("/api/register", e, 404, json!("NotFound")));
    for (path, body, status, want) in cases {
        let r = call(path, body.clone()).await.unwrap();
        assert_eq!(r.status().as_u16(), status, "{path} {body}");
        let text = r.text().await.unwrap();
        assert_eq!(
            serde_json::from_str::<Value>(&text).unwrap(),
            want,
            "{path}: {text}"
        );
    }

    // Too large: 413 whatever the body, with no library text.
    // The answer comes from the declared length, before any of the 10 MB is sent (a
    // client still writing the body would otherwise race the server's close).
    let mut conn = TcpStream::connect(srv.addr).await.unwrap();
    conn.write_all(
        format!(
            "POST /api/event HTTP/1.1\r\nHost: {}\r\nContent-Type: application/json\r\n\
             Content-Length: {}\r\nConnection: close\r\n\r\n",
            srv.addr,
            10 * 1024 * 1024
        )
        .as_bytes(),
    )
    .await
    .unwrap();
    let answer = raw_exchange(&mut conn, 10).await;
    assert!(answer.starts_with("HTTP/1.1 413"), "{answer}");
    assert!(answer.ends_with("\"PayloadTooLarge\""), "{answer}");

    // A GET of a server function: a plain client error, still JSON.
    let r = client().get(url(&srv, "/api/events")).send().await.unwrap();
    assert!(r.status().is_client_error());
    assert_eq!(r.json::<Value>().await.unwrap(), json!("BadRequest"));

    // Success is untouched.
    let r = call("/api/event", json!({ "slug": "netwerk" }))
        .await
        .unwrap();
    assert_eq!(r.status().as_u16(), 200);
    assert_eq!(r.json::<Value>().await.unwrap()["slug"], "netwerk");
    srv.stop().await;
}

// ---- Without a database in the picture: SQLite only. ----

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn slow_headers_and_slow_requests_are_cut_off() {
    let db = TestDb::sqlite();
    let srv = start_quiet(
        &db,
        &[
            ("TAFELRONDE_HEADER_TIMEOUT_SECS", "1"),
            ("TAFELRONDE_REQUEST_TIMEOUT_SECS", "2"),
        ],
    )
    .await;
    add_event(&srv, "netwerk", 10).await;

    // Half a header: the server closes the connection (without an answer to a request
    // it never received).
    let mut slow = TcpStream::connect(srv.addr).await.unwrap();
    slow.write_all(b"GET / HTTP/1.1\r\nHost: x\r\n")
        .await
        .unwrap();
    let started = Instant::now();
    let _ = raw_exchange(&mut slow, 10).await;
    let held = started.elapsed();
    assert!(
        held >= Duration::from_millis(900),
        "closed too early: {held:?}"
    );
    // Others are served meanwhile and afterwards.
    assert_eq!(get(&srv, "/healthz").await.0, 200);

    // Headers in time, body never finished: 408 at the request timeout.
    let mut slow = TcpStream::connect(srv.addr).await.unwrap();
    slow.write_all(
        b"POST /e/netwerk/register HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\
          Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 500\r\n\r\nfirst_name=A",
    )
    .await
    .unwrap();
    let answer = raw_exchange(&mut slow, 15).await;
    assert!(answer.starts_with("HTTP/1.1 408"), "{answer}");
    srv.stop().await;
    db.cleanup().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn shutdown_is_bounded_by_its_timeout() {
    let db = TestDb::sqlite();
    let srv = start_quiet(&db, &[("TAFELRONDE_SHUTDOWN_TIMEOUT_SECS", "1")]).await;
    let mut stuck = TcpStream::connect(srv.addr).await.unwrap();
    stuck
        .write_all(
            b"POST /e/netwerk/register HTTP/1.1\r\nHost: x\r\n\
              Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 500\r\n\r\na=",
        )
        .await
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(10);
    while srv.in_flight() == 0 {
        assert!(Instant::now() < deadline, "request never in flight");
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    tokio::time::timeout(Duration::from_secs(10), srv.stop())
        .await
        .expect("stop gives up on the stuck request after its timeout");
    // The stuck connection was closed.
    let _ = raw_exchange(&mut stuck, 10).await;
    db.cleanup().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn requests_carry_an_id() {
    let db = TestDb::sqlite();
    let srv = start_quiet(&db, &[]).await;
    let r = client().get(url(&srv, "/healthz")).send().await.unwrap();
    let id = r.headers()["x-request-id"].to_str().unwrap().to_string();
    assert_eq!(id.len(), 36, "a UUID: {id}");
    let r = client()
        .get(url(&srv, "/healthz"))
        .header("x-request-id", "from-the-proxy-42")
        .send()
        .await
        .unwrap();
    assert_eq!(r.headers()["x-request-id"], "from-the-proxy-42");
    srv.stop().await;
    db.cleanup().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn redirects_and_paths_stay_on_the_site() {
    let db = TestDb::sqlite();
    let srv = start_quiet(&db, &[]).await;
    for (query, want) in [
        ("?next=/e/netwerk", "/e/netwerk"),
        ("?next=/e/netwerk%3Fx%3D1", "/e/netwerk?x=1"),
        ("?next=/%09/example.org", "/"),
        ("?next=/%0A/example.org", "/"),
        ("?next=/%0D%0A/example.org", "/"),
        ("?next=/%2F/example.org", "/"),
        ("?next=%2F%2Fexample.org", "/"),
        ("?next=//example.org", "/"),
        ("?next=https://evil", "/"),
        ("?next=https%3A%2F%2Fevil", "/"),
        ("?next=%5C%5Cevil", "/"),
        ("?next=/%5Cevil", "/"),
        ("?next=%09//evil", "/"),
        ("?next=/%FF", "/%EF%BF%BD"),
        ("?next=evil", "/"),
        ("", "/"),
    ] {
        let r = client()
            .get(url(&srv, &format!("/lang/en{query}")))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status().as_u16(), 303, "{query}");
        assert_eq!(r.headers()["location"], want, "{query}");
        assert!(r.headers()["set-cookie"]
            .to_str()
            .unwrap()
            .starts_with("lang=en"));
    }

    for path in [
        "/e/%09netwerk",
        "/%00",
        "/lang/%0A",
        "/m/abc%0D%0A",
        "/e/%FF",
    ] {
        let r = client()
            .get(url(&srv, path))
            .header("cookie", "lang=en")
            .send()
            .await
            .unwrap();
        assert_eq!(r.status().as_u16(), 400, "{path}");
        let page = r.text().await.unwrap();
        assert!(
            page.contains("This request could not be read"),
            "{path}: {page}"
        );
    }
    srv.stop().await;
    db.cleanup().await;
}
