//! Signing in as a coordinator in tests: an account made through the invitation mail, the
//! login and its session cookie, and server-function calls and pages carrying that cookie.

use super::*;
use serde_json::Value;

pub const PASSWORD: &str = "een lang geheim wachtwoord";

/// The `Cookie` header value carrying the session `cookie`.
pub fn cookie(session: &str) -> String {
    format!("{}={session}", server::SESSION_COOKIE)
}

/// The `tafelronde_session` value in an answer's `Set-Cookie`, with the whole header.
pub fn session_cookie(r: &reqwest::Response) -> Option<(String, String)> {
    r.headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find_map(|h| {
            let value = h.strip_prefix(&format!("{}=", server::SESSION_COOKIE))?;
            Some((value.split(';').next()?.to_string(), h.to_string()))
        })
}

/// Posts the login form, with the session `cookie` the browser already holds if any.
pub async fn login(
    srv: &Running,
    email: &str,
    password: &str,
    cookie: Option<&str>,
) -> reqwest::Response {
    let mut req = client()
        .post(url(srv, "/api/coordinator/login"))
        .form(&[("email", email), ("password", password)]);
    if let Some(c) = cookie {
        req = req.header("cookie", self::cookie(c));
    }
    req.send().await.expect("login")
}

/// The set-password token in an account mail's text.
pub fn password_token(mail: &Value) -> String {
    let text = mail["text"].as_str().expect("text part");
    let at = text.find("token=").expect("set-password link in mail");
    text[at + 6..at + 6 + 64].to_string()
}

/// Posts the set-password form with `token`.
pub async fn set_password(srv: &Running, token: &str, password: &str) -> reqwest::Response {
    client()
        .post(url(srv, "/api/coordinator/password/set"))
        .form(&[("token", token), ("password", password)])
        .send()
        .await
        .expect("set password")
}

/// A new account with `PASSWORD`, made through the invitation mail: its address.
pub async fn coordinator(srv: &Running, mail: &MailDev, tag: &str) -> String {
    let email = unique_email(tag);
    srv.state
        .accounts()
        .invite(&email, app::i18n::Lang::Nl)
        .await
        .expect("invite");
    let mails = mail.wait_for_count_to(&email, 1).await;
    let r = set_password(srv, &password_token(&mails[0]), PASSWORD).await;
    assert_eq!(r.status(), 200, "{:?}", r.text().await);
    email
}

/// A new coordinator account (through the invitation mail), signed in: its session cookie.
pub async fn signed_in(srv: &Running, mail: &MailDev, tag: &str) -> String {
    let email = coordinator(srv, mail, tag).await;
    let r = login(srv, &email, PASSWORD, None).await;
    assert_eq!(r.status(), 200, "login");
    session_cookie(&r).expect("session cookie at login").0
}

/// Posts a URL-encoded form to `path` with the session `cookie`.
pub async fn post_as(
    srv: &Running,
    cookie: &str,
    path: &str,
    form: &[(String, String)],
) -> reqwest::Response {
    client()
        .post(url(srv, path))
        .header("cookie", self::cookie(cookie))
        .header("accept", "application/json")
        .form(form)
        .send()
        .await
        .expect("post")
}

/// Posts JSON to `path` with the session `cookie`: status and JSON answer.
pub async fn json_as(srv: &Running, cookie: &str, path: &str, body: Value) -> (u16, Value) {
    let r = client()
        .post(url(srv, path))
        .header("cookie", self::cookie(cookie))
        .json(&body)
        .send()
        .await
        .expect("post");
    let status = r.status().as_u16();
    (status, r.json().await.unwrap_or(Value::Null))
}

/// GETs `path` with the session `cookie`: status and body.
pub async fn get_as(srv: &Running, cookie: &str, path: &str) -> (u16, String) {
    let r = client()
        .get(url(srv, path))
        .header("cookie", self::cookie(cookie))
        .send()
        .await
        .expect("get");
    let status = r.status().as_u16();
    (status, r.text().await.unwrap_or_default())
}

/// Calls the server function at `path` with a JSON `body` and the session `cookie`: its
/// JSON answer, which must come with status 200.
pub async fn call(srv: &Running, cookie: &str, path: &str, body: Value) -> Value {
    let r = client()
        .post(url(srv, path))
        .header("cookie", self::cookie(cookie))
        .json(&body)
        .send()
        .await
        .unwrap();
    let status = r.status();
    let text = r.text().await.unwrap();
    assert_eq!(status, 200, "{path}: {text}");
    serde_json::from_str(&text).unwrap()
}

/// GETs the page at `path` with the session `cookie`: its body, which must come with
/// status 200.
pub async fn page(srv: &Running, cookie: &str, path: &str) -> String {
    let r = client()
        .get(url(srv, path))
        .header("cookie", self::cookie(cookie))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200, "{path}");
    r.text().await.unwrap()
}

/// Follows the planning job that a plan or re-plan answer `r` started (its redirect ends in
/// `?job=<id>`) at event `slug` until it ends, polling its progress: the outcome (the
/// planner page's query string, e.g. `planned=1`), or the error's JSON when it failed.
pub async fn job_outcome(
    srv: &Running,
    cookie: &str,
    slug: &str,
    r: &reqwest::Response,
) -> Result<String, Value> {
    let location = r
        .headers()
        .get("location")
        .unwrap_or_else(|| panic!("a redirect: {}", r.status()))
        .to_str()
        .unwrap()
        .to_string();
    let job: i64 = location
        .split_once("?job=")
        .and_then(|(_, id)| id.parse().ok())
        .unwrap_or_else(|| panic!("a planning job: {location}"));
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        let (status, v) = json_as(
            srv,
            cookie,
            "/api/coordinator/planner/job",
            serde_json::json!({ "slug": slug, "job": job }),
        )
        .await;
        assert_eq!(status, 200, "{v}");
        let budget = v["budget_ms"].as_u64().expect("budget");
        assert!(budget > 0, "{v}");
        if v["state"] == "Running" {
            assert!(
                Instant::now() < deadline,
                "planning job {job} still running: {v}"
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
            continue;
        }
        if let Some(done) = v["state"]["Done"].as_str() {
            return Ok(done.to_string());
        }
        return Err(v["state"]["Failed"].clone());
    }
}
