//! Security headers on every answer: `X-Content-Type-Options: nosniff`, `Referrer-Policy:
//! no-referrer` (manage and set-password pages carry their token in the URL) except on the
//! coordinator's other pages, which send `same-origin` so that a refused form post without
//! the wasm returns to its page; and the Content-Security-Policy ([`app::csp::policy`]) for
//! answers that have none: pages set their own, with their render's nonce, in the shell.

use axum::extract::Request;
use axum::http::header::{CONTENT_SECURITY_POLICY, REFERRER_POLICY, X_CONTENT_TYPE_OPTIONS};
use axum::http::HeaderValue;
use axum::middleware::Next;
use axum::response::Response;

/// Whether a page at `path` may name itself to this server as the referrer of its form
/// posts: the coordinator's pages, except the one with a token in its address.
fn same_origin_referrer(path: &str) -> bool {
    (path == "/coordinator" || path.starts_with("/coordinator/"))
        && !path.starts_with("/coordinator/set-password")
}

pub async fn headers(req: Request, next: Next) -> Response {
    let policy = if same_origin_referrer(req.uri().path()) {
        "same-origin"
    } else {
        "no-referrer"
    };
    let mut res = next.run(req).await;
    let h = res.headers_mut();
    h.insert(X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    h.insert(REFERRER_POLICY, HeaderValue::from_static(policy));
    if !h.contains_key(CONTENT_SECURITY_POLICY) {
        if let Ok(v) = HeaderValue::from_str(&app::csp::policy(None)) {
            h.insert(CONTENT_SECURITY_POLICY, v);
        }
    }
    res
}
