//! Signing in as a coordinator in tests: an account made through the invitation mail, its
//! session cookie, and server-function calls carrying that cookie.

use super::*;
use serde_json::Value;

pub const PASSWORD: &str = "een lang geheim wachtwoord";

/// A new coordinator account (through the invitation mail), signed in: its session cookie.
pub async fn signed_in(srv: &Running, mail: &MailDev, tag: &str) -> String {
    let email = unique_email(tag);
    srv.state
        .accounts()
        .invite(&email, app::i18n::Lang::Nl)
        .await
        .expect("invite");
    let mails = mail.wait_for_count_to(&email, 1).await;
    let text = mails[0]["text"].as_str().expect("text part");
    let at = text.find("token=").expect("set-password link in mail");
    let token = &text[at + 6..at + 6 + 64];
    let r = client()
        .post(format!("http://{}/api/coordinator/password/set", srv.addr))
        .form(&[("token", token), ("password", PASSWORD)])
        .send()
        .await
        .expect("set password");
    assert_eq!(r.status(), 200, "{:?}", r.text().await);
    let r = client()
        .post(format!("http://{}/api/coordinator/login", srv.addr))
        .form(&[("email", email.as_str()), ("password", PASSWORD)])
        .send()
        .await
        .expect("login");
    r.headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find_map(|h| {
            let value = h.strip_prefix(&format!("{}=", server::SESSION_COOKIE))?;
            Some(value.split(';').next()?.to_string())
        })
        .expect("session cookie at login")
}

/// Posts a URL-encoded form to `path` with the session `cookie`.
pub async fn post_as(
    srv: &Running,
    cookie: &str,
    path: &str,
    form: &[(String, String)],
) -> reqwest::Response {
    client()
        .post(format!("http://{}{path}", srv.addr))
        .header("cookie", format!("{}={cookie}", server::SESSION_COOKIE))
        .header("accept", "application/json")
        .form(form)
        .send()
        .await
        .expect("post")
}

/// Posts JSON to `path` with the session `cookie`: status and JSON answer.
pub async fn json_as(srv: &Running, cookie: &str, path: &str, body: Value) -> (u16, Value) {
    let r = client()
        .post(format!("http://{}{path}", srv.addr))
        .header("cookie", format!("{}={cookie}", server::SESSION_COOKIE))
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
        .get(format!("http://{}{path}", srv.addr))
        .header("cookie", format!("{}={cookie}", server::SESSION_COOKIE))
        .send()
        .await
        .expect("get");
    let status = r.status().as_u16();
    (status, r.text().await.unwrap_or_default())
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
