//! Body size limit of the server functions (`/api/*`): a declared `Content-Length` over
//! [`API_BODY_LIMIT`] is answered 413 at once; a body without a length is cut off there
//! (the function then fails as a bad request). Plain forms keep axum's default limit (2 MB),
//! except the speaker photo upload, whose route sets `forms::PHOTO_BODY_LIMIT`.

use super::page::{is_api, refuse};
use app::error::AppError;
use axum::body::Body;
use axum::extract::Request;
use axum::http::header;
use axum::middleware::Next;
use axum::response::Response;

/// Largest body a server function accepts (the registration form is a few hundred bytes).
pub const API_BODY_LIMIT: usize = 64 * 1024;

pub async fn limit_api_body(req: Request, next: Next) -> Response {
    if !is_api(req.uri().path()) {
        return next.run(req).await;
    }
    let declared = req
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|n| n > API_BODY_LIMIT as u64) {
        return refuse(req.uri().path(), req.headers(), AppError::PayloadTooLarge);
    }
    let req = req.map(|b| Body::new(http_body_util::Limited::new(b, API_BODY_LIMIT)));
    next.run(req).await
}
