//! Status codes and bodies of failed server functions (`/api/*`). The server-function
//! library answers every error with 500; this reads the small JSON [`AppError`] it sent and
//! sets [`AppError::status`]. Any other failure body (library text from a body limit, an
//! unknown function, a timeout) is replaced by the matching `AppError`, so no library text
//! reaches the browser.

use super::page::{api_error, is_api};
use super::trace::loggable_path;
use app::error::AppError;
use axum::body::to_bytes;
use axum::extract::Request;
use axum::http::header;
use axum::middleware::Next;
use axum::response::Response;

/// Header the server-function library puts on its error answers.
const SERVER_FN_ERROR_HEADER: &str = "serverfnerror";
/// An `AppError` body is a few bytes; anything larger is not one.
const MAX_ERROR_BODY: usize = 16 * 1024;

pub async fn map(req: Request, next: Next) -> Response {
    if !is_api(req.uri().path()) {
        return next.run(req).await;
    }
    let path = loggable_path(req.uri().path());
    let res = next.run(req).await;
    let from_server_fn = res.headers().contains_key(SERVER_FN_ERROR_HEADER);
    let status = res.status();
    // A plain form post (no wasm yet) is redirected back, its error in the query string
    // where the page's `ActionForm` shows it: keep that redirect.
    if status.is_redirection() && res.headers().contains_key(header::LOCATION) {
        return res;
    }
    if !(from_server_fn || status.is_client_error() || status.is_server_error()) {
        return res;
    }
    let (parts, body) = res.into_parts();
    let bytes = to_bytes(body, MAX_ERROR_BODY).await.unwrap_or_default();
    let parsed = serde_json::from_slice::<AppError>(&bytes)
        .ok()
        .filter(|e| !matches!(e, AppError::ServerFn(_)));
    let error = parsed.unwrap_or_else(|| {
        let text = String::from_utf8_lossy(&bytes[..bytes.len().min(300)]).into_owned();
        let e = match status.as_u16() {
            408 => AppError::Timeout,
            413 => AppError::PayloadTooLarge,
            415 => AppError::UnsupportedMediaType,
            429 => AppError::RateLimited,
            400..=499 => AppError::BadRequest,
            _ => AppError::Internal,
        };
        if e == AppError::Internal {
            tracing::error!(%path, %status, body = %text, "server function failed");
        } else {
            tracing::info!(%path, %status, body = %text, "server function request refused");
        }
        e
    });
    // Keep the other headers (Retry-After, x-request-id …); body and its type are new.
    let mut res = api_error(&error);
    for (name, value) in parts.headers.iter() {
        if name != header::CONTENT_TYPE && name != header::CONTENT_LENGTH {
            res.headers_mut().append(name, value.clone());
        }
    }
    res
}
