//! Coordinator accounts against the real server, on SQLite and PostgreSQL: every server
//! function outside a short reviewed public list refuses anonymous callers and attendees;
//! login, session cookie and its flags, the id changing at login; login limits per account
//! and per client address; sessions shared by two instances; invitation (from the
//! command) and reset mails through maildev; single-use, expiring tokens; cross-site
//! refusal; and the forms working as plain posts.

use crate::common::coordinator::*;
use crate::common::*;
use serde_json::{json, Value};
use std::collections::BTreeSet;

on_both_databases!(
    every_server_function_checks_its_caller,
    login_sets_a_fresh_session_cookie,
    login_limits_answer_429,
    a_new_password_ends_other_sessions_and_links,
    reset_mails_are_limited_and_tokens_checked_first,
    sessions_are_shared_by_instances,
    idle_sessions_expire,
    invitation_from_the_command_sets_a_password,
    reset_tokens_are_single_use_and_expire,
    cross_site_login_is_refused,
    forms_work_without_javascript,
);

/// Server functions anyone may call, each reviewed: the attendee functions (a manage
/// token is their credential), the speaker page and profile edit (the speaker link's token,
/// checked in the service before anything is read), the follow-up answer page (the answer
/// link's token, likewise), the public agenda (no contact addresses), login, logout (only ends the caller's own session), the
/// reset request (same answer for every address) and setting a password with a token.
const PUBLIC: &[&str] = &[
    "/api/events",
    "/api/event",
    "/api/agenda",
    "/api/register",
    "/api/manage",
    "/api/manage/update",
    "/api/manage/cancel",
    "/api/manage/share",
    "/api/speaker",
    "/api/speaker/update",
    "/api/followup",
    "/api/coordinator/login",
    "/api/coordinator/logout",
    "/api/coordinator/password/forgot",
    "/api/coordinator/password/set",
];

/// Who the session `session` belongs to: status and JSON answer of `me`.
async fn me(srv: &Running, session: &str) -> (u16, Value) {
    let r = client()
        .post(url(srv, "/api/coordinator/me"))
        .header("cookie", cookie(session))
        .json(&json!({}))
        .send()
        .await
        .expect("me");
    let status = r.status().as_u16();
    (status, r.json().await.unwrap_or(Value::Null))
}

async fn every_server_function_checks_its_caller(db: &TestDb) {
    let mail = MailDev::start().await;
    let srv = start(db, mail.smtp, &[]).await;
    add_event(&srv, "netwerk", 10).await;
    // An attendee with a valid manage link.
    let attendee = unique_email("attendee");
    let r = post_form(&srv, "/e/netwerk/register", &form(&attendee)).await;
    assert!(r.status().is_redirection(), "{}", r.status());
    let token = token_in(&mail.wait_for_count_to(&attendee, 1).await[0]);
    assert_eq!(
        client()
            .post(url(&srv, "/api/manage"))
            .json(&json!({ "token": token }))
            .send()
            .await
            .unwrap()
            .status(),
        200,
        "the attendee's link works"
    );

    let registered: BTreeSet<String> = leptos::server_fn::axum::server_fn_paths()
        .map(|(p, _)| p.to_string())
        .collect();
    for p in PUBLIC {
        assert!(
            registered.contains(*p),
            "{p} is not registered: {registered:?}"
        );
    }
    let guarded: Vec<&String> = registered
        .iter()
        .filter(|p| !PUBLIC.contains(&p.as_str()))
        .collect();
    for known in [
        "/api/coordinator/me",
        "/api/coordinator/events",
        "/api/coordinator/password/change",
    ] {
        assert!(
            guarded.iter().any(|p| p.as_str() == known),
            "{known} missing from the registry: {registered:?}"
        );
    }
    for path in guarded {
        let mut refused = Vec::new();
        for who in ["anonymous", "attendee"] {
            let json_body = if who == "anonymous" {
                json!({})
            } else {
                json!({ "token": token })
            };
            let form_body: Vec<(&str, &str)> = if who == "anonymous" {
                vec![]
            } else {
                vec![("token", token.as_str())]
            };
            let as_json = client()
                .post(url(&srv, path))
                .json(&json_body)
                .send()
                .await
                .unwrap();
            let as_form = client()
                .post(url(&srv, path))
                .form(&form_body)
                .send()
                .await
                .unwrap();
            for (enc, r) in [("json", as_json), ("form", as_form)] {
                let status = r.status().as_u16();
                let body = r.text().await.unwrap_or_default();
                // 415 or 400: the function takes the other encoding (the check below needs a
                // refusal in one of them). Anything else must be a refusal for lack of a
                // signed-in coordinator.
                assert!(
                    matches!(status, 400 | 401 | 403 | 415),
                    "{path} called by an {who} ({enc}) answered {status} {body}: it must \
                     start with `require_coordinator().await?` (and give its arguments \
                     `#[server(default)]` so the check is reached), or be reviewed onto PUBLIC"
                );
                if matches!(status, 401 | 403) {
                    assert!(
                        body.contains("Unauthorized") || body.contains("Forbidden"),
                        "{path}: {body}"
                    );
                    refused.push(who);
                }
            }
        }
        refused.dedup();
        assert_eq!(
            refused,
            ["anonymous", "attendee"],
            "{path} must refuse both callers for lack of a coordinator session (a 400 in \
             both encodings means its arguments need `#[server(default)]`)"
        );
    }
    srv.stop().await;
}

async fn login_sets_a_fresh_session_cookie(db: &TestDb) {
    let mail = MailDev::start().await;
    let srv = start(db, mail.smtp, &[]).await;
    let email = coordinator(&srv, &mail, "login").await;

    let r = login(&srv, &email, "not the right password", None).await;
    assert_eq!(r.status(), 401);
    assert!(
        session_cookie(&r).is_none(),
        "no session for a failed login"
    );
    assert_eq!(r.json::<Value>().await.unwrap(), json!("LoginFailed"));

    let r = login(&srv, &email.to_uppercase(), PASSWORD, None).await;
    assert_eq!(r.status(), 200);
    let (first, header) = session_cookie(&r).expect("session cookie");
    let h = header.to_ascii_lowercase();
    assert!(
        h.contains("httponly") && h.contains("samesite=lax") && h.contains("path=/"),
        "{header}"
    );
    assert!(!h.contains("secure"), "plain http base URL: {header}");
    assert!(
        h.contains("max-age=") || h.contains("expires="),
        "idle expiry: {header}"
    );
    let (status, who) = me(&srv, &first).await;
    assert_eq!((status, who["email"].as_str()), (200, Some(email.as_str())));

    // Signing in again with the old cookie gives a new id; the old one is gone.
    let r = login(&srv, &email, PASSWORD, Some(&first)).await;
    let (second, _) = session_cookie(&r).expect("session cookie");
    assert_ne!(first, second);
    assert_eq!(me(&srv, &first).await.0, 401);
    assert_eq!(me(&srv, &second).await.0, 200);

    // Changing the password needs the current one.
    let change = |current: &'static str, new: &'static str| {
        client()
            .post(url(&srv, "/api/coordinator/password/change"))
            .header("cookie", format!("{}={second}", server::SESSION_COOKIE))
            .form(&[("current", current), ("new_password", new)])
            .send()
    };
    let r = change("not my password at all", "een nieuw lang wachtwoord")
        .await
        .unwrap();
    assert_eq!(r.status(), 403);
    assert_eq!(
        r.json::<Value>().await.unwrap(),
        json!("WrongCurrentPassword")
    );
    assert_eq!(change(PASSWORD, "te kort").await.unwrap().status(), 422);
    assert_eq!(
        change(PASSWORD, "een nieuw lang wachtwoord")
            .await
            .unwrap()
            .status(),
        200
    );
    assert_eq!(login(&srv, &email, PASSWORD, None).await.status(), 401);
    assert_eq!(
        login(&srv, &email, "een nieuw lang wachtwoord", None)
            .await
            .status(),
        200
    );

    // Logout ends the session.
    let r = client()
        .post(url(&srv, "/api/coordinator/logout"))
        .header("cookie", format!("{}={second}", server::SESSION_COOKIE))
        .form(&[("x", "")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    assert_eq!(me(&srv, &second).await.0, 401);
    srv.stop().await;

    // Behind https the cookie is Secure.
    let srv = start(
        db,
        mail.smtp,
        &[("TAFELRONDE_BASE_URL", "https://tafelronde.example.be")],
    )
    .await;
    let r = login(&srv, &email, "een nieuw lang wachtwoord", None).await;
    assert_eq!(r.status(), 200);
    let (_, header) = session_cookie(&r).expect("session cookie");
    assert!(header.to_ascii_lowercase().contains("secure"), "{header}");
    srv.stop().await;
}

/// A login attempt from client address `from` (the test server trusts `X-Forwarded-For`).
async fn login_from(srv: &Running, from: &str, email: &str, password: &str) -> (u16, Value) {
    let r = client()
        .post(url(srv, "/api/coordinator/login"))
        .header("x-forwarded-for", from)
        .form(&[("email", email), ("password", password)])
        .send()
        .await
        .expect("login");
    let status = r.status().as_u16();
    (status, r.json().await.unwrap_or(Value::Null))
}

/// Dates every throttled pair's last failure `secs_ago` seconds back; returns how many.
async fn last_failure_at(srv: &Running, secs_ago: i64) -> u64 {
    app::on_db!(&srv.state.db, p => {
        sqlx::query("UPDATE login_throttle SET last_failure_at = $1")
            .bind(chrono::Utc::now() - chrono::Duration::seconds(secs_ago))
            .execute(p)
            .await
            .unwrap()
            .rows_affected()
    })
}

async fn login_limits_answer_429(db: &TestDb) {
    let mail = MailDev::start().await;
    // Throttled per (address tried, client address): the per-address governor limit is
    // off here (see below); the proxy header tells the clients apart.
    let srv = start(
        db,
        mail.smtp,
        &[
            ("RATE_LIMIT_LOGIN_PER_MINUTE", "0"),
            ("TAFELRONDE_TRUST_PROXY", "true"),
        ],
    )
    .await;
    let email = coordinator(&srv, &mail, "limit").await;
    let attacker = "203.0.113.9";
    let unknown = unique_email("nobody");
    for i in 0..3 {
        // A wrong password and an unknown address get the same answer.
        let wrong = login_from(&srv, attacker, &email, "wrong password number").await;
        let nobody = login_from(&srv, attacker, &unknown, "wrong password number").await;
        assert_eq!(wrong, (401, json!("LoginFailed")), "attempt {i}");
        assert_eq!(nobody, wrong, "attempt {i}: unknown address answers alike");
    }
    // The fourth attempt from there waits, even with the right password; so does the
    // unknown address: the answer tells nobody which addresses have an account. (The last
    // failure is dated now, so the test does not depend on how long hashing took.)
    assert_eq!(
        last_failure_at(&srv, 0).await,
        2,
        "one row per (address tried, client)"
    );
    let locked = login_from(&srv, attacker, &email, PASSWORD).await;
    assert_eq!(locked, (429, json!("LoginLocked")));
    assert_eq!(login_from(&srv, attacker, &unknown, PASSWORD).await, locked);
    // The coordinator at their own desk is not held up by the hammering.
    for _ in 0..3 {
        assert_eq!(
            login_from(&srv, attacker, &email, "again wrong").await.0,
            429
        );
    }
    assert_eq!(
        login_from(&srv, "198.51.100.7", &email, PASSWORD).await.0,
        200
    );
    // Once the delay has passed (moved into the past here, instead of waiting), the
    // attacker's address may try again; a failure doubles the next delay.
    last_failure_at(&srv, 3).await;
    assert_eq!(
        login_from(&srv, attacker, &email, "still wrong").await.0,
        401
    );
    last_failure_at(&srv, 3).await;
    assert_eq!(
        login_from(&srv, attacker, &email, PASSWORD).await.0,
        429,
        "after a fourth failure the wait is 4 s"
    );
    assert_eq!(
        app::accounts::service::throttle_delay(4).num_seconds(),
        2 * app::accounts::service::throttle_delay(3).num_seconds()
    );
    let other = coordinator(&srv, &mail, "other").await;
    assert_eq!(login_from(&srv, attacker, &other, PASSWORD).await.0, 200);
    srv.stop().await;

    // Per client address (governor): the third attempt in a row is refused.
    let srv = start(
        db,
        mail.smtp,
        &[
            ("RATE_LIMIT_LOGIN_PER_MINUTE", "1"),
            ("RATE_LIMIT_LOGIN_BURST", "2"),
        ],
    )
    .await;
    for _ in 0..2 {
        assert_eq!(
            login(&srv, &unique_email("nobody"), "whatever password", None)
                .await
                .status(),
            401
        );
    }
    let r = login(&srv, &other, PASSWORD, None).await;
    assert_eq!(r.status(), 429);
    assert!(r.headers().contains_key("retry-after"));
    assert_eq!(r.json::<Value>().await.unwrap(), json!("RateLimited"));
    srv.stop().await;
}

async fn sessions_are_shared_by_instances(db: &TestDb) {
    let mail = MailDev::start().await;
    let a = start(db, mail.smtp, &[]).await;
    let b = start(db, mail.smtp, &[("MAIL_WORKER", "false")]).await;
    let email = coordinator(&a, &mail, "shared").await;
    let r = login(&a, &email, PASSWORD, None).await;
    let (cookie, _) = session_cookie(&r).expect("session cookie");
    let (status, who) = me(&b, &cookie).await;
    assert_eq!((status, who["email"].as_str()), (200, Some(email.as_str())));
    // Signing out on B ends the session on A too.
    client()
        .post(url(&b, "/api/coordinator/logout"))
        .header("cookie", format!("{}={cookie}", server::SESSION_COOKIE))
        .form(&[("x", "")])
        .send()
        .await
        .unwrap();
    assert_eq!(me(&a, &cookie).await.0, 401);
    b.stop().await;
    a.stop().await;
}

async fn invitation_from_the_command_sets_a_password(db: &TestDb) {
    let mail = MailDev::start().await;
    let srv = start(db, mail.smtp, &[]).await;
    let email = unique_email("Invited");
    let out = tokio::process::Command::new(env!("CARGO_BIN_EXE_tafelronde"))
        .args(["coordinator", "add", &email])
        .env("DATABASE_URL", &db.url)
        .env("TAFELRONDE_BASE_URL", format!("http://{}", srv.addr))
        .output()
        .await
        .expect("run tafelronde coordinator add");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{stdout} {}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        stdout.contains("outbox") && stdout.contains("mail worker"),
        "{stdout}"
    );
    // The running server's worker sends it.
    let lower = email.to_lowercase();
    let mails = mail.wait_for_count_to(&lower, 1).await;
    assert!(mails[0]["subject"]
        .as_str()
        .unwrap()
        .contains("coördinatoraccount"));
    let text = mails[0]["text"].as_str().unwrap();
    let link = format!("http://{}/coordinator/set-password?token=", srv.addr);
    assert!(text.contains(&link), "{text}");
    // No password yet: nothing logs in.
    assert_eq!(login(&srv, &lower, PASSWORD, None).await.status(), 401);
    // The page behind the link does not send its address elsewhere.
    let token = password_token(&mails[0]);
    let page = client()
        .get(url(
            &srv,
            &format!("/coordinator/set-password?token={token}"),
        ))
        .send()
        .await
        .unwrap();
    assert_eq!(page.status(), 200);
    assert_eq!(page.headers()["referrer-policy"], "no-referrer");
    let html = page.text().await.unwrap();
    assert!(
        html.contains("action=\"/api/coordinator/password/set\"")
            && html.contains(&format!("value=\"{token}\"")),
        "the form carries the token back: {html}"
    );
    // Too short a password is refused and does not use the token up.
    let r = set_password(&srv, &token, "kort").await;
    assert_eq!(r.status(), 422);
    assert_eq!(set_password(&srv, &token, PASSWORD).await.status(), 200);
    assert_eq!(login(&srv, &lower, PASSWORD, None).await.status(), 200);
    // Adding the same address again sends a fresh invitation; the account stays one.
    srv.state
        .accounts()
        .invite(&email, app::i18n::Lang::En)
        .await
        .unwrap();
    let mails = mail.wait_for_count_to(&lower, 2).await;
    assert_ne!(password_token(&mails[0]), password_token(&mails[1]));
    srv.stop().await;
}

async fn reset_tokens_are_single_use_and_expire(db: &TestDb) {
    let mail = MailDev::start().await;
    let srv = start(db, mail.smtp, &[]).await;
    let email = coordinator(&srv, &mail, "reset").await;
    let ask = |who: String| {
        client()
            .post(url(&srv, "/api/coordinator/password/forgot"))
            .form(&[("email", who)])
            .send()
    };
    let unknown = unique_email("unknown");
    let r1 = ask(unknown.clone()).await.unwrap();
    let r2 = ask(email.clone()).await.unwrap();
    assert_eq!(
        (r1.status(), r2.status()),
        (r2.status(), reqwest::StatusCode::OK)
    );
    assert_eq!(
        r1.text().await.unwrap(),
        r2.text().await.unwrap(),
        "same answer for both"
    );
    let mails = mail.wait_for_count_to(&email, 2).await;
    let reset = mails
        .iter()
        .find(|m| m["subject"].as_str().unwrap().contains("Nieuw wachtwoord"))
        .expect("reset mail");
    assert!(
        to_address(&mail.emails().await, &unknown).is_empty(),
        "nothing to an unknown address"
    );
    let token = password_token(reset);
    let new = "een ander lang wachtwoord";
    assert_eq!(set_password(&srv, &token, new).await.status(), 200);
    let again = set_password(&srv, &token, "nog een ander wachtwoord").await;
    assert_eq!(again.status(), 410, "single use");
    assert_eq!(
        again.json::<Value>().await.unwrap(),
        json!("PasswordLinkInvalid")
    );
    assert_eq!(login(&srv, &email, PASSWORD, None).await.status(), 401);
    assert_eq!(login(&srv, &email, new, None).await.status(), 200);

    // A token issued more than an hour ago has expired.
    let account = app::store::accounts::by_email(&srv.state.db, &email)
        .await
        .unwrap()
        .unwrap();
    let (old, hash) = app::registration::service::new_token().unwrap();
    let mut tx = srv.state.db.begin_write().await.unwrap();
    let issued = chrono::Utc::now() - chrono::Duration::minutes(61);
    app::store::accounts::add_token(
        &mut tx,
        account.id,
        &hash,
        app::accounts::model::TokenPurpose::Reset,
        issued,
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
    assert_eq!(
        set_password(&srv, &old, PASSWORD).await.status(),
        410,
        "expired"
    );
    assert_eq!(login(&srv, &email, new, None).await.status(), 200);
    srv.stop().await;
}

async fn cross_site_login_is_refused(db: &TestDb) {
    let mail = MailDev::start().await;
    let srv = start(db, mail.smtp, &[]).await;
    let email = coordinator(&srv, &mail, "csrf").await;
    for (h, v) in [
        ("origin", "https://evil.example"),
        ("sec-fetch-site", "cross-site"),
    ] {
        let r = client()
            .post(url(&srv, "/api/coordinator/login"))
            .header(h, v)
            .form(&[("email", email.as_str()), ("password", PASSWORD)])
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 403, "{h}: {v}");
        assert!(session_cookie(&r).is_none());
    }
    let same = client()
        .post(url(&srv, "/api/coordinator/login"))
        .header("origin", format!("http://{}", srv.addr))
        .form(&[("email", email.as_str()), ("password", PASSWORD)])
        .send()
        .await
        .unwrap();
    assert_eq!(same.status(), 200);
    srv.stop().await;
}

async fn forms_work_without_javascript(db: &TestDb) {
    let mail = MailDev::start().await;
    let srv = start(db, mail.smtp, &[]).await;
    add_event(&srv, "netwerk", 25).await;
    let email = coordinator(&srv, &mail, "nojs").await;
    // Anonymous: the dashboard sends to the login page.
    let r = client()
        .get(url(&srv, "/coordinator"))
        .header("accept", "text/html")
        .send()
        .await
        .unwrap();
    assert!(r.status().is_redirection(), "{}", r.status());
    assert_eq!(r.headers()["location"], "/coordinator/login");
    let (status, page) = get(&srv, "/coordinator/login").await;
    assert_eq!(status, 200);
    assert!(page.contains("action=\"/api/coordinator/login\""), "{page}");
    // A plain form post, as the browser sends it before the wasm has loaded.
    let plain = |email: &str, password: &str| {
        client()
            .post(url(&srv, "/api/coordinator/login"))
            .header("accept", "text/html,application/xhtml+xml")
            .header("referer", url(&srv, "/coordinator/login"))
            .header("origin", format!("http://{}", srv.addr))
            .form(&[("email", email), ("password", password)])
            .send()
    };
    let r = plain(&email, "wrong password here").await.unwrap();
    assert_eq!(r.status(), 302);
    let back = r.headers()["location"].to_str().unwrap().to_string();
    assert!(
        back.contains("/coordinator/login?") && back.contains("__err="),
        "{back}"
    );
    let (_, page) = get(&srv, &back.replacen(&format!("http://{}", srv.addr), "", 1)).await;
    assert!(
        page.contains("passen niet bij elkaar"),
        "the error is shown: {page}"
    );

    let r = plain(&email, PASSWORD).await.unwrap();
    assert_eq!(r.status(), 302);
    assert_eq!(r.headers()["location"], "/coordinator");
    let (cookie, _) = session_cookie(&r).expect("session cookie");
    let r = client()
        .get(url(&srv, "/coordinator"))
        .header("cookie", format!("{}={cookie}", server::SESSION_COOKIE))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let page = r.text().await.unwrap();
    assert!(page.contains(&email) && page.contains("0 / 25"), "{page}");
    srv.stop().await;
}

async fn idle_sessions_expire(db: &TestDb) {
    let mail = MailDev::start().await;
    let srv = start(db, mail.smtp, &[("SESSION_IDLE_MINUTES", "1")]).await;
    let email = coordinator(&srv, &mail, "idle").await;
    let r = login(&srv, &email, PASSWORD, None).await;
    let (cookie, header) = session_cookie(&r).expect("session cookie");
    assert!(
        header.to_ascii_lowercase().contains("max-age=60"),
        "{header}"
    );
    assert_eq!(me(&srv, &cookie).await.0, 200);
    // The stored session ends a minute after its last use …
    let now = chrono::Utc::now().timestamp();
    let expires: i64 = app::on_db!(&srv.state.db, p => {
        sqlx::query_scalar("SELECT expires_at FROM sessions").fetch_one(p).await.unwrap()
    });
    assert!(
        (now + 50..=now + 70).contains(&expires),
        "{expires} vs {now}"
    );
    // … and once that moment has passed it is refused, on every instance.
    app::on_db!(&srv.state.db, p => {
        sqlx::query("UPDATE sessions SET expires_at = $1").bind(now - 1).execute(p).await.unwrap().rows_affected()
    });
    assert_eq!(me(&srv, &cookie).await.0, 401);
    srv.stop().await;
}

async fn a_new_password_ends_other_sessions_and_links(db: &TestDb) {
    let mail = MailDev::start().await;
    let srv = start(db, mail.smtp, &[]).await;
    let email = coordinator(&srv, &mail, "sessions").await;
    let session_of = |r: &reqwest::Response| session_cookie(r).expect("session cookie").0;
    let here = session_of(&login(&srv, &email, PASSWORD, None).await);
    let there = session_of(&login(&srv, &email, PASSWORD, None).await);
    assert_eq!(
        (me(&srv, &here).await.0, me(&srv, &there).await.0),
        (200, 200)
    );
    // An open reset link from before the change.
    let r = client()
        .post(url(&srv, "/api/coordinator/password/forgot"))
        .form(&[("email", email.as_str())])
        .send()
        .await
        .unwrap();
    assert!(r.status().is_success());
    let mails = mail.wait_for_count_to(&email, 2).await;
    let open_link = password_token(&mails[1]);

    // Changing the password here ends the session there, and the open link.
    let changed = client()
        .post(url(&srv, "/api/coordinator/password/change"))
        .header("cookie", format!("{}={here}", server::SESSION_COOKIE))
        .form(&[
            ("current", PASSWORD),
            ("new_password", "een nieuw lang wachtwoord"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(changed.status(), 200, "{:?}", changed.text().await);
    let here = session_cookie(&changed).map(|c| c.0).unwrap_or(here);
    assert_eq!(me(&srv, &here).await.0, 200, "this session goes on");
    assert_eq!(me(&srv, &there).await.0, 401, "the other session ended");
    assert_eq!(
        set_password(&srv, &open_link, "een overgenomen wachtwoord")
            .await
            .status(),
        410,
        "the open reset link no longer works"
    );

    // A reset by link ends every session of the account.
    let r = client()
        .post(url(&srv, "/api/coordinator/password/forgot"))
        .form(&[("email", email.as_str())])
        .send()
        .await
        .unwrap();
    assert!(r.status().is_success());
    let mails = mail.wait_for_count_to(&email, 3).await;
    let reset = password_token(&mails[2]);
    assert_eq!(
        set_password(&srv, &reset, "een derde lang wachtwoord")
            .await
            .status(),
        200
    );
    assert_eq!(me(&srv, &here).await.0, 401, "signed out everywhere");
    assert_eq!(
        login(&srv, &email, "een derde lang wachtwoord", None)
            .await
            .status(),
        200
    );
    srv.stop().await;
}

async fn reset_mails_are_limited_and_tokens_checked_first(db: &TestDb) {
    let mail = MailDev::start().await;
    let srv = start(db, mail.smtp, &[]).await;
    let email = coordinator(&srv, &mail, "flood").await;
    // Six requests for one account: the same answer each time, three mails.
    let mut answers = BTreeSet::new();
    for _ in 0..6 {
        let r = client()
            .post(url(&srv, "/api/coordinator/password/forgot"))
            .form(&[("email", email.as_str())])
            .send()
            .await
            .unwrap();
        answers.insert((r.status().as_u16(), r.text().await.unwrap()));
    }
    assert_eq!(answers.len(), 1, "{answers:?}");
    let resets = app::store::outbox::list(&srv.state.db)
        .await
        .unwrap()
        .into_iter()
        .filter(|m| m.recipient == email && m.kind == "password_reset")
        .count();
    assert_eq!(
        resets as i64,
        app::accounts::service::RESETS_PER_HOUR,
        "at most three reset mails an hour"
    );
    // A made-up link is refused before the password is even looked at (or hashed).
    let junk = "ab".repeat(32);
    let r = set_password(&srv, &junk, "kort").await;
    assert_eq!(r.status(), 410);
    assert_eq!(
        r.json::<Value>().await.unwrap(),
        json!("PasswordLinkInvalid")
    );
    srv.stop().await;
}
