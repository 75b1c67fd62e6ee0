//! Request logs: every request gets an `x-request-id` (kept when the client or proxy sent
//! one, echoed in the answer) and a `request` span with id, method and path, in which the
//! answer's status and latency are logged. Manage tokens in paths are not logged.

use axum::http::Request;
use axum::Router;
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

fn span<B>(req: &Request<B>) -> tracing::Span {
    let id = req
        .headers()
        .get("x-request-id")
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
}
