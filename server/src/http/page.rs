//! Short refusal answers made before any route runs (400, 403, 408, 413, 415, 429 …): a
//! small HTML page in the user's language for pages and forms, the JSON [`AppError`] that
//! the server functions' client decodes for `/api/*`.

use app::error::AppError;
use app::i18n::{Lang, T};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{Html, IntoResponse, Response};

/// Whether `path` is a server function (answers in JSON).
pub fn is_api(path: &str) -> bool {
    path.starts_with("/api/")
}

/// The language chosen with the `lang` cookie, else the browser's (`Accept-Language`),
/// else Dutch.
pub fn lang_of(headers: &HeaderMap) -> Lang {
    Lang::of_headers(headers)
}

pub fn status_of(e: &AppError) -> StatusCode {
    StatusCode::from_u16(e.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR)
}

/// The JSON answer of a server function that failed with `e`, with `e`'s status.
pub fn api_error(e: &AppError) -> Response {
    let body = serde_json::to_vec(e).unwrap_or_else(|_| b"\"Internal\"".to_vec());
    (
        status_of(e),
        [(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/json"),
        )],
        body,
    )
        .into_response()
}

/// Whether the client wants a page: a plain HTML form post sends `Accept: text/html`, the
/// server functions' client does not.
fn wants_html(headers: &HeaderMap) -> bool {
    headers
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.contains("text/html"))
}

/// Refuses the request to `path` with `e`: JSON for `/api/*` (a page when a plain form
/// posted there), otherwise a page.
pub fn refuse(path: &str, headers: &HeaderMap, e: AppError) -> Response {
    if is_api(path) && !wants_html(headers) {
        api_error(&e)
    } else {
        (status_of(&e), error_page(lang_of(headers), e.message())).into_response()
    }
}

/// A standalone page with one message. Only our own constant texts go in, never input.
pub fn error_page(lang: Lang, message: T) -> Html<String> {
    let title = lang.t(T::ErrPageTitle);
    Html(format!(
        "<!DOCTYPE html>\n<html lang=\"{tag}\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{title} · Tafelronde</title>\
         <link rel=\"stylesheet\" href=\"/pkg/tafelronde.css\"></head>\
         <body><main class=\"container\"><h1>{title}</h1><p>{message}</p>\
         <p><a href=\"/\">{home}</a></p></main></body></html>\n",
        tag = lang.tag(),
        message = lang.t(message),
        home = lang.t(T::BackHome),
    ))
}
