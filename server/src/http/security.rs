//! Security headers on every answer: `X-Content-Type-Options: nosniff`, `Referrer-Policy:
//! no-referrer` (manage pages carry their token in the URL), and the Content-Security-Policy
//! ([`app::csp::policy`]) for answers that have none: pages set their own, with their
//! render's nonce, in the shell.

use axum::extract::Request;
use axum::http::header::{CONTENT_SECURITY_POLICY, REFERRER_POLICY, X_CONTENT_TYPE_OPTIONS};
use axum::http::HeaderValue;
use axum::middleware::Next;
use axum::response::Response;

pub async fn headers(req: Request, next: Next) -> Response {
    let mut res = next.run(req).await;
    let h = res.headers_mut();
    h.insert(X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    h.insert(REFERRER_POLICY, HeaderValue::from_static("no-referrer"));
    if !h.contains_key(CONTENT_SECURITY_POLICY) {
        if let Ok(v) = HeaderValue::from_str(&app::csp::policy(None)) {
            h.insert(CONTENT_SECURITY_POLICY, v);
        }
    }
    res
}
