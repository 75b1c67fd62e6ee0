//! The day of the event against the real server, on SQLite and PostgreSQL: the confirmation
//! mail carries the check-in QR code as an inline PNG (decoded back here: it holds the desk's
//! URL for this person), the manage page shows it too and the code opens no manage page;
//! the scanned URL needs a coordinator (the login comes back to it), checks in exactly once,
//! and answers 404 for a wrong code; a walk-in is confirmed (over capacity, said so),
//! checked in, mailed once and seated by the day-of re-plan; walk-in field errors come back
//! per field and store nothing; the badges and schedules list the published tables.

use crate::common::coordinator::{
    coordinator, get_as, job_outcome, json_as, post_as, signed_in, PASSWORD,
};
use crate::common::*;
use serde_json::{json, Value};

on_both_databases!(
    the_confirmation_mail_carries_the_check_in_qr_code,
    the_scanned_code_checks_in_once_and_needs_a_coordinator,
    a_walk_in_is_confirmed_checked_in_and_mailed_once,
    walk_in_errors_come_back_per_field,
    badges_and_schedules_print_the_published_tables,
);

/// Registers `email` for `slug` through the plain form (as `first` Peeters); its mail.
async fn register(srv: &Running, mail: &MailDev, slug: &str, email: &str, first: &str) -> Value {
    let mut f = form(email);
    for (k, v) in f.iter_mut() {
        if k == "first_name" {
            *v = first.to_string();
        }
    }
    let r = post_form(srv, &format!("/e/{slug}/register"), &f).await;
    assert_eq!(r.status().as_u16(), 303);
    mail.wait_for_count_to(email, 1).await.remove(0)
}

/// The text of the QR code in `mail`'s inline PNG, decoded with `rqrr`.
async fn qr_in(mail: &MailDev, m: &Value) -> String {
    let id = m["id"].as_str().expect("mail id");
    let source = reqwest::get(format!(
        "http://127.0.0.1:{}/api/email/{id}/source",
        mail.web
    ))
    .await
    .unwrap()
    .text()
    .await
    .unwrap();
    assert!(source.contains("multipart/related"), "{source}");
    assert!(
        source.contains("Content-ID: <checkin-qr@tafelronde>"),
        "{source}"
    );
    let png = m["attachments"]
        .as_array()
        .expect("attachments")
        .iter()
        .find(|a| a["contentType"] == "image/png")
        .unwrap_or_else(|| panic!("no PNG in {m}"));
    assert!(
        png["contentId"]
            .as_str()
            .is_some_and(|c| c.contains("checkin-qr@tafelronde")),
        "{png}"
    );
    let name = png["generatedFileName"]
        .as_str()
        .or(png["fileName"].as_str())
        .expect("attachment name");
    let bytes = reqwest::get(format!(
        "http://127.0.0.1:{}/api/email/{id}/attachment/{name}",
        mail.web
    ))
    .await
    .unwrap()
    .bytes()
    .await
    .unwrap();
    let img = image::load_from_memory_with_format(&bytes, image::ImageFormat::Png)
        .expect("a PNG")
        .to_luma8();
    let mut prepared = rqrr::PreparedImage::prepare_from_greyscale(
        img.width() as usize,
        img.height() as usize,
        |x, y| img.get_pixel(x as u32, y as u32)[0],
    );
    let grids = prepared.detect_grids();
    assert_eq!(grids.len(), 1, "one QR code in the image");
    grids[0].decode().expect("the QR code decodes").1
}

/// The path of a check-in URL (`http://host/coordinator/...` → `/coordinator/...`).
fn path_of(url: &str) -> String {
    let at = url.find("/coordinator/").expect("a coordinator URL");
    url[at..].to_string()
}

async fn checked_in_at(srv: &Running, id: i64) -> Option<chrono::DateTime<chrono::Utc>> {
    app::on_db!(&srv.state.db, p => {
        sqlx::query_scalar("SELECT checked_in_at FROM registrations WHERE id = $1")
            .bind(id)
            .fetch_one(p)
            .await
            .unwrap()
    })
}

async fn the_confirmation_mail_carries_the_check_in_qr_code(db: &TestDb) {
    let mail = MailDev::start().await;
    let srv = start(db, mail.smtp, &[]).await;
    add_event(&srv, "netwerk", 10).await;
    let email = unique_email("qr");
    let m = register(&srv, &mail, "netwerk", &email, "Anna").await;
    let url = qr_in(&mail, &m).await;
    let base = &srv.state.config.base_url;
    let prefix = format!("{base}/coordinator/events/netwerk/checkin/");
    assert!(url.starts_with(&prefix), "{url}");
    let code = &url[prefix.len()..];
    assert!(
        code.len() == 64 && code.bytes().all(|b| b.is_ascii_hexdigit()),
        "{code}"
    );
    // The HTML shows it inline; the text says to show the mail at the desk.
    assert!(
        m["text"]
            .as_str()
            .unwrap()
            .contains("toon deze mail aan het onthaal"),
        "{}",
        m["text"]
    );
    let token = token_in(&m);
    assert_ne!(token, code);
    // The manage page shows the QR code (an SVG drawn on the server) ...
    let (status, page) = get(&srv, &format!("/m/{token}")).await;
    assert_eq!(status, 200);
    assert!(page.contains("class=\"qr-box\""), "{page}");
    assert!(page.contains("<svg class=\"qr\""), "{page}");
    // ... and the check-in code opens no manage page.
    let (status, _) = get(&srv, &format!("/m/{code}")).await;
    assert_eq!(status, 404);
    // Only the code's hash is stored, never the code.
    let stored: i64 = app::on_db!(&srv.state.db, p => {
        sqlx::query_scalar("SELECT COUNT(*) FROM manage_tokens WHERE checkin_hash = $1")
            .bind(code)
            .fetch_one(p)
            .await
            .unwrap()
    });
    assert_eq!(stored, 0);
    // A wait-listed person's mail has no QR code.
    let full = add_event(&srv, "vol", 0).await;
    assert!(full > 0);
    let waiting = unique_email("wacht");
    let m = register(&srv, &mail, "vol", &waiting, "Bert").await;
    assert!(m["attachments"]
        .as_array()
        .is_none_or(|a| a.iter().all(|x| x["contentType"] != "image/png")));
    srv.stop().await;
}

async fn the_scanned_code_checks_in_once_and_needs_a_coordinator(db: &TestDb) {
    let mail = MailDev::start().await;
    let srv = start(db, mail.smtp, &[]).await;
    add_event(&srv, "netwerk", 10).await;
    add_event(&srv, "ander", 10).await;
    let email = unique_email("scan");
    let m = register(&srv, &mail, "netwerk", &email, "Clara").await;
    let path = path_of(&qr_in(&mail, &m).await);
    let code = path.rsplit('/').next().unwrap().to_string();
    let id: i64 = app::on_db!(&srv.state.db, p => {
        sqlx::query_scalar("SELECT id FROM registrations WHERE email = $1")
            .bind(&email)
            .fetch_one(p)
            .await
            .unwrap()
    });

    // Without a session: the page sends the browser to the login, which comes back here.
    let r = client()
        .get(format!("http://{}{path}", srv.addr))
        .header("accept", "text/html")
        .send()
        .await
        .unwrap();
    assert!(r.status().is_redirection(), "{}", r.status());
    let location = r.headers()["location"].to_str().unwrap().to_string();
    assert!(
        location
            .starts_with("/coordinator/login?next=%2Fcoordinator%2Fevents%2Fnetwerk%2Fcheckin%2F")
            || location.starts_with("/coordinator/login?next=/coordinator/events/netwerk/checkin/"),
        "{location}"
    );
    let cookie = signed_in(&srv, &mail, "desk").await;
    let account = coordinator(&srv, &mail, "back").await;
    for (next, want) in [
        (path.as_str(), path.as_str()),
        ("https://evil.example/coordinator/x", "/coordinator"),
        ("//evil.example/x", "/coordinator"),
    ] {
        let r = client()
            .post(url(&srv, "/api/coordinator/login"))
            .header("accept", "text/html")
            .form(&[
                ("email", account.as_str()),
                ("password", PASSWORD),
                ("next", next),
            ])
            .send()
            .await
            .unwrap();
        assert!(r.status().is_redirection(), "{}", r.status());
        assert_eq!(r.headers()["location"], want, "next={next}");
    }

    // Anonymous callers are refused and change nothing.
    let body = json!({ "slug": "netwerk", "code": code });
    let r = client()
        .post(format!(
            "http://{}/api/coordinator/checkin/code/set",
            srv.addr
        ))
        .form(&[("slug", "netwerk"), ("code", code.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 401);
    assert_eq!(checked_in_at(&srv, id).await, None);

    // The coordinator sees who it is, not yet checked in.
    let (status, v) = json_as(&srv, &cookie, "/api/coordinator/checkin/code", body.clone()).await;
    assert_eq!(status, 200, "{v}");
    assert_eq!(v["name"], "Clara Peeters");
    assert_eq!(v["organisation"], "Damhert Nutrition");
    assert_eq!(v["confirmed"], true);
    assert_eq!(v["checked_in_at"], Value::Null);
    let (status, page) = get_as(&srv, &cookie, &path).await;
    assert_eq!(status, 200);
    assert!(page.contains("scan-button"), "{page}");

    // Checking in: once.
    let set = fields(&[("slug", "netwerk"), ("code", code.as_str())]);
    let r = post_as(&srv, &cookie, "/api/coordinator/checkin/code/set", &set).await;
    assert!(
        r.status().is_success() || r.status().is_redirection(),
        "{}",
        r.status()
    );
    let first = checked_in_at(&srv, id).await.expect("checked in");
    let r = post_as(&srv, &cookie, "/api/coordinator/checkin/code/set", &set).await;
    assert!(
        r.status().is_success() || r.status().is_redirection(),
        "{}",
        r.status()
    );
    assert_eq!(
        checked_in_at(&srv, id).await,
        Some(first),
        "the first time stays"
    );
    let (_, v) = json_as(&srv, &cookie, "/api/coordinator/checkin/code", body.clone()).await;
    assert!(v["checked_in_at"].is_string(), "{v}");
    let (_, page) = get_as(&srv, &cookie, &path).await;
    assert!(page.contains("Al ingecheckt om"), "{page}");
    assert!(!page.contains("scan-button"), "{page}");
    // The desk counts them.
    let (_, v) = json_as(
        &srv,
        &cookie,
        "/api/coordinator/checkin",
        json!({ "slug": "netwerk", "query": "" }),
    )
    .await;
    assert_eq!(v["arrived"], 1);

    // A wrong code, a malformed one, or the code at another event: 404 in the user's language.
    let zeros = "0".repeat(64);
    for (slug, c) in [
        ("netwerk", zeros.as_str()),
        ("netwerk", "abc"),
        ("ander", code.as_str()),
    ] {
        let (status, v) = json_as(
            &srv,
            &cookie,
            "/api/coordinator/checkin/code",
            json!({ "slug": slug, "code": c }),
        )
        .await;
        assert_eq!(status, 404, "{slug} {c}: {v}");
        let (status, page) = get_as(
            &srv,
            &cookie,
            &format!("/coordinator/events/{slug}/checkin/{c}"),
        )
        .await;
        assert_eq!(status, 404, "{slug} {c}");
        assert!(page.contains("Onbekende QR-code"), "{page}");
        let r = post_as(
            &srv,
            &cookie,
            "/api/coordinator/checkin/code/set",
            &fields(&[("slug", slug), ("code", c)]),
        )
        .await;
        assert_eq!(r.status(), 404);
    }
    let r = client()
        .get(format!(
            "http://{}/coordinator/events/netwerk/checkin/{zeros}",
            srv.addr
        ))
        .header(
            "cookie",
            format!("{}={cookie}; lang=en", server::SESSION_COOKIE),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 404);
    assert!(r.text().await.unwrap().contains("Unknown QR code"));

    // A cancelled registration's code cannot check anyone in.
    let other = unique_email("weg");
    let m = register(&srv, &mail, "netwerk", &other, "Dirk").await;
    let their = path_of(&qr_in(&mail, &m).await);
    let their_code = their.rsplit('/').next().unwrap().to_string();
    let r = post_form(
        &srv,
        &format!("/m/{}/cancel", token_in(&m)),
        &fields(&[("confirm", "yes")]),
    )
    .await;
    assert!(r.status().is_redirection(), "{}", r.status());
    let (status, v) = json_as(
        &srv,
        &cookie,
        "/api/coordinator/checkin/code",
        json!({ "slug": "netwerk", "code": their_code }),
    )
    .await;
    assert_eq!(status, 200);
    assert_eq!(v["confirmed"], false);
    let r = post_as(
        &srv,
        &cookie,
        "/api/coordinator/checkin/code/set",
        &fields(&[("slug", "netwerk"), ("code", their_code.as_str())]),
    )
    .await;
    assert_eq!(r.status(), 409);
    srv.stop().await;
}

fn walk_in_form(email: &str) -> Vec<(String, String)> {
    fields(&[
        ("slug", "netwerk"),
        ("first_name", "Walter"),
        ("last_name", "Binnenloper"),
        ("email", email),
        ("organisation", "Kringloop Noord"),
        ("org_type", "social_economy"),
        ("sector", "groen"),
        ("phone", ""),
    ])
}

async fn count(srv: &Running, sql: &str, email: &str) -> i64 {
    app::on_db!(&srv.state.db, p => {
        sqlx::query_scalar(sqlx::AssertSqlSafe(sql.to_string()))
            .bind(email)
            .fetch_one(p)
            .await
            .unwrap()
    })
}

async fn a_walk_in_is_confirmed_checked_in_and_mailed_once(db: &TestDb) {
    let mail = MailDev::start().await;
    let srv = start(db, mail.smtp, &[]).await;
    add_event(&srv, "netwerk", 1).await;
    // The one seat is taken.
    register(&srv, &mail, "netwerk", &unique_email("eerst"), "Eva").await;
    let cookie = signed_in(&srv, &mail, "walkin").await;
    // One table of four, two rounds, planned before the walk-in arrives.
    let r = post_as(
        &srv,
        &cookie,
        "/api/coordinator/planner/setup",
        &fields(&[
            ("slug", "netwerk"),
            ("tables", "1"),
            ("size", "4"),
            ("rounds", "2"),
            ("confirm", ""),
        ]),
    )
    .await;
    assert!(
        r.status().is_success() || r.status().is_redirection(),
        "{}",
        r.status()
    );
    let r = post_as(
        &srv,
        &cookie,
        "/api/coordinator/planner/plan",
        &fields(&[("slug", "netwerk")]),
    )
    .await;
    assert!(
        r.status().is_success() || r.status().is_redirection(),
        "{}",
        r.status()
    );
    job_outcome(&srv, &cookie, "netwerk", &r)
        .await
        .expect("a plan");

    let email = unique_email("walkin");
    let r = post_as(
        &srv,
        &cookie,
        "/api/coordinator/checkin/walk-in",
        &walk_in_form(&email),
    )
    .await;
    assert!(
        r.status().is_success() || r.status().is_redirection(),
        "{}",
        r.status()
    );
    let location = r.headers()["location"].to_str().unwrap().to_string();
    assert!(
        location.starts_with("/coordinator/events/netwerk/checkin?"),
        "{location}"
    );
    assert!(location.contains("q=Walter+Binnenloper"), "{location}");
    assert!(
        location.contains("walkin=1") && location.contains("over=1"),
        "over capacity, said so: {location}"
    );
    // Confirmed (over capacity) and checked in.
    assert_eq!(
        count(&srv, "SELECT COUNT(*) FROM registrations WHERE email = $1 AND status = 'confirmed' AND checked_in_at IS NOT NULL", &email).await,
        1
    );
    let (_, v) = json_as(
        &srv,
        &cookie,
        "/api/coordinator/checkin",
        json!({ "slug": "netwerk", "query": "binnenloper" }),
    )
    .await;
    assert_eq!(v["expected"], 2);
    assert_eq!(v["arrived"], 1);
    assert_eq!(v["people"][0]["arrived"], true);
    // One confirmation mail, with the QR code.
    let mails = mail.wait_for_count_to(&email, 1).await;
    assert!(
        mails[0]["subject"]
            .as_str()
            .unwrap()
            .starts_with("Je inschrijving"),
        "{}",
        mails[0]["subject"]
    );
    let url = qr_in(&mail, &mails[0]).await;
    assert!(
        url.contains("/coordinator/events/netwerk/checkin/"),
        "{url}"
    );
    assert_eq!(
        count(
            &srv,
            "SELECT COUNT(*) FROM outbox WHERE recipient = $1",
            &email
        )
        .await,
        1
    );
    // The same address again: refused on the e-mail field, nothing new.
    let r = post_as(
        &srv,
        &cookie,
        "/api/coordinator/checkin/walk-in",
        &walk_in_form(&email),
    )
    .await;
    assert_eq!(r.status(), 422);
    let body = r.text().await.unwrap();
    assert!(body.contains("WalkInErrKnown"), "{body}");
    assert_eq!(
        count(
            &srv,
            "SELECT COUNT(*) FROM registrations WHERE email = $1",
            &email
        )
        .await,
        1
    );
    assert_eq!(
        count(
            &srv,
            "SELECT COUNT(*) FROM outbox WHERE recipient = $1",
            &email
        )
        .await,
        1
    );

    // The day-of re-plan after round 1 keeps it and seats those present in round 2: only
    // the walk-in, who arrived after round 1, is checked in.
    let r = post_as(
        &srv,
        &cookie,
        "/api/coordinator/planner/replan",
        &fields(&[("slug", "netwerk"), ("held", "1")]),
    )
    .await;
    assert!(
        r.status().is_success() || r.status().is_redirection(),
        "{}",
        r.status()
    );
    let location = job_outcome(&srv, &cookie, "netwerk", &r)
        .await
        .expect("a re-plan");
    assert!(location.contains("seated=1"), "{location}");
    let (_, v) = json_as(
        &srv,
        &cookie,
        "/api/coordinator/planner",
        json!({ "slug": "netwerk" }),
    )
    .await;
    let round1 = v["plan"]["rounds"][0].to_string();
    assert!(round1.contains("Eva Peeters"), "{round1}");
    assert!(!round1.contains("Walter Binnenloper"), "{round1}");
    let round2 = v["plan"]["rounds"][1].to_string();
    assert!(round2.contains("Walter Binnenloper"), "{round2}");
    assert!(!round2.contains("Eva Peeters"), "{round2}");
    srv.stop().await;
}

async fn walk_in_errors_come_back_per_field(db: &TestDb) {
    let mail = MailDev::start().await;
    let srv = start(db, mail.smtp, &[]).await;
    add_event(&srv, "netwerk", 10).await;
    let cookie = signed_in(&srv, &mail, "walkin").await;
    let mut bad = walk_in_form("geen-adres");
    for (k, v) in bad.iter_mut() {
        match k.as_str() {
            "first_name" => v.clear(),
            "org_type" => *v = "xx".into(),
            "phone" => *v = "bel me".into(),
            _ => {}
        }
    }
    let r = post_as(&srv, &cookie, "/api/coordinator/checkin/walk-in", &bad).await;
    assert_eq!(r.status(), 422);
    let body: Value = r.json().await.unwrap();
    let errors = body["RegistrationInvalid"].to_string();
    for field in ["FirstName", "Email", "OrgType", "Phone"] {
        assert!(errors.contains(field), "{field}: {body}");
    }
    assert!(!errors.contains("LastName"), "{body}");
    let stored: i64 = app::on_db!(&srv.state.db, p => {
        sqlx::query_scalar("SELECT COUNT(*) FROM registrations").fetch_one(p).await.unwrap()
    });
    assert_eq!(stored, 0);
    let queued: i64 = app::on_db!(&srv.state.db, p => {
        sqlx::query_scalar("SELECT COUNT(*) FROM outbox WHERE kind = 'confirmed'").fetch_one(p).await.unwrap()
    });
    assert_eq!(queued, 0);
    // Without a session: refused before anything is read.
    let r = client()
        .post(format!(
            "http://{}/api/coordinator/checkin/walk-in",
            srv.addr
        ))
        .form(&walk_in_form(&unique_email("anon")))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 401);
    // The desk page renders the form, server-side.
    let (status, page) = get_as(&srv, &cookie, "/coordinator/events/netwerk/checkin").await;
    assert_eq!(status, 200);
    assert!(page.contains("walk-in-form"), "{page}");
    srv.stop().await;
}

async fn badges_and_schedules_print_the_published_tables(db: &TestDb) {
    let mail = MailDev::start().await;
    let srv = start(db, mail.smtp, &[]).await;
    add_event(&srv, "netwerk", 10).await;
    for first in ["Anna", "Bram", "Cleo"] {
        register(&srv, &mail, "netwerk", &unique_email("badge"), first).await;
    }
    let cookie = signed_in(&srv, &mail, "print").await;
    let print = || {
        json_as(
            &srv,
            &cookie,
            "/api/coordinator/print",
            json!({ "slug": "netwerk", "lang": "Nl" }),
        )
    };
    let (status, v) = print().await;
    assert_eq!(status, 200, "{v}");
    assert_eq!(v["published"], false);
    assert_eq!(v["people"].as_array().unwrap().len(), 3);
    assert_eq!(v["people"][0]["tables"], json!([]));
    let setup = [
        ("slug", "netwerk"),
        ("tables", "2"),
        ("size", "2"),
        ("rounds", "2"),
        ("confirm", ""),
    ];
    for (path, form) in [
        ("/api/coordinator/planner/setup", &setup[..]),
        ("/api/coordinator/planner/plan", &setup[..1]),
        ("/api/coordinator/planner/publish", &setup[..1]),
    ] {
        let r = post_as(&srv, &cookie, path, &fields(form)).await;
        assert!(
            r.status().is_success() || r.status().is_redirection(),
            "{path}: {}",
            r.status()
        );
        if path.ends_with("/plan") {
            job_outcome(&srv, &cookie, "netwerk", &r)
                .await
                .expect("a plan");
        }
    }
    let (_, v) = print().await;
    assert_eq!(v["published"], true);
    for p in v["people"].as_array().unwrap() {
        let rounds: Vec<i64> = p["tables"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| t[0].as_i64().unwrap())
            .collect();
        assert_eq!(rounds, vec![1, 2], "{p}");
    }
    let (status, page) = get_as(&srv, &cookie, "/coordinator/events/netwerk/badges").await;
    assert_eq!(status, 200);
    assert_eq!(
        page.matches("class=\"sheet name-badge\"").count(),
        3,
        "{page}"
    );
    assert!(page.contains("Ronde 2: tafel"), "{page}");
    let (status, page) = get_as(&srv, &cookie, "/coordinator/events/netwerk/schedules").await;
    assert_eq!(status, 200);
    assert_eq!(
        page.matches("class=\"sheet schedule\"").count(),
        3,
        "{page}"
    );
    // Anonymous: no list of names.
    let r = client()
        .post(format!("http://{}/api/coordinator/print", srv.addr))
        .json(&json!({ "slug": "netwerk" }))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 401);
    srv.stop().await;
}
