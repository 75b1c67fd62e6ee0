//! Request logs: every request gets an `x-request-id` (kept when the client or proxy sent a
//! short one of safe characters, else a new UUID; echoed in the answer) and a `request`
//! span with id, method and path, in which the answer's status and latency are logged.
//! Manage tokens in paths are not logged.

use axum::http::{HeaderValue, Request};
use axum::Router;
use tower::util::MapRequestLayer;
use tower::ServiceBuilder;
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::trace::{DefaultOnFailure, DefaultOnResponse, TraceLayer};
use tracing::Level;

/// `path` with the secret part of a manage, speaker or follow-up link (`/m/<token>`,
/// `/s/<token>`, `/f/<token>`) replaced.
pub fn loggable_path(path: &str) -> String {
    for prefix in ["/m/", "/s/", "/f/"] {
        if let Some(rest) = path.strip_prefix(prefix) {
            return match rest.split_once('/') {
                Some((_, tail)) => format!("{prefix}…/{tail}"),
                None => format!("{prefix}…"),
            };
        }
    }
    path.to_string()
}

/// The request-id header.
const REQUEST_ID: &str = "x-request-id";

/// Whether a request id sent by the client or a proxy may be kept: 1–64 characters of
/// `[A-Za-z0-9._-]` (a UUID, a proxy's hex id), nothing that could forge log fields.
pub fn acceptable_request_id(id: &HeaderValue) -> bool {
    let b = id.as_bytes();
    (1..=64).contains(&b.len())
        && b.iter()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, b'.' | b'_' | b'-'))
}

/// Removes every `x-request-id` unless there is exactly one and it is acceptable, so
/// `SetRequestIdLayer` (which keeps an existing header) makes a new one instead.
fn drop_unacceptable_request_id<B>(mut req: Request<B>) -> Request<B> {
    let mut ids = req.headers().get_all(REQUEST_ID).iter();
    let keep = matches!((ids.next(), ids.next()), (Some(id), None) if acceptable_request_id(id));
    if !keep {
        req.headers_mut().remove(REQUEST_ID);
    }
    req
}

fn span<B>(req: &Request<B>) -> tracing::Span {
    let id = req
        .headers()
        .get(REQUEST_ID)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("-");
    tracing::info_span!(
        "request",
        id = %id,
        method = %req.method(),
        path = %loggable_path(req.uri().path()),
    )
}

/// Wraps `router` in the request-id and trace layers (outermost, so every answer is logged).
pub fn layer(router: Router) -> Router {
    router.layer(
        ServiceBuilder::new()
            .layer(MapRequestLayer::new(
                drop_unacceptable_request_id::<axum::body::Body>,
            ))
            .layer(SetRequestIdLayer::x_request_id(MakeRequestUuid))
            .layer(
                TraceLayer::new_for_http()
                    .make_span_with(span)
                    .on_response(DefaultOnResponse::new().level(Level::INFO))
                    .on_failure(DefaultOnFailure::new().level(Level::WARN)),
            )
            .layer(PropagateRequestIdLayer::x_request_id()),
    )
}

#[cfg(test)]
mod tests {
    #[test]
    fn tokens_stay_out_of_the_log() {
        assert_eq!(super::loggable_path("/m/abc123"), "/m/…");
        assert_eq!(super::loggable_path("/m/abc123/cancel"), "/m/…/cancel");
        assert_eq!(super::loggable_path("/s/abc123?saved=1"), "/s/…");
        assert_eq!(super::loggable_path("/f/abc123"), "/f/…");
        assert_eq!(super::loggable_path("/e/x"), "/e/x");
    }

    #[test]
    fn only_short_safe_request_ids_are_kept() {
        use axum::http::{HeaderValue, Request};
        let ok =
            |s: &str| super::acceptable_request_id(&HeaderValue::from_bytes(s.as_bytes()).unwrap());
        assert!(ok("from-the-proxy-42"));
        assert!(ok("0f8fad5b-d9cb-469f-a165-70867728950e"));
        assert!(ok("a.b_c"));
        assert!(ok(&"x".repeat(64)));
        assert!(!ok(&"x".repeat(65)));
        assert!(!ok(""));
        assert!(!ok("abc\" level=ERROR msg=\"forged"));
        assert!(!ok("a b"));
        assert!(!ok("é"));
        let kept = |ids: &[&str]| {
            let mut b = Request::builder();
            for id in ids {
                b = b.header("x-request-id", *id);
            }
            let req = super::drop_unacceptable_request_id(b.body(()).unwrap());
            req.headers().get("x-request-id").cloned()
        };
        assert_eq!(kept(&["abc-1"]).unwrap(), "abc-1");
        assert_eq!(kept(&["a=b"]), None);
        assert_eq!(kept(&["abc-1", "abc-2"]), None, "two ids: neither");
        assert_eq!(kept(&[]), None);
    }
}
