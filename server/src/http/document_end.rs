//! Puts Leptos' resource scripts inside the page. In async rendering Leptos sends the whole
//! document, then the `<script>` chunks that hand the loaded data to hydration, which so
//! land after `</html>` (invalid HTML; browsers move them into the body). This moves
//! `</body></html>` behind them. Only HTML answers are read; they are whole pages already.

use axum::body::{to_bytes, Body};
use axum::extract::Request;
use axum::http::header::{CONTENT_LENGTH, CONTENT_TYPE};
use axum::http::StatusCode;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

/// The largest page read (a coordinator's table of 2,000 rows is far below).
const MAX_PAGE: usize = 32 * 1024 * 1024;
const END: &[u8] = b"</body></html>";

/// `page` with anything after its `</body></html>` moved before it.
pub fn reorder(page: &[u8]) -> Option<Vec<u8>> {
    let at = page.windows(END.len()).rposition(|w| w == END)?;
    let tail = &page[at + END.len()..];
    if tail.iter().all(u8::is_ascii_whitespace) {
        return None;
    }
    let mut out = Vec::with_capacity(page.len());
    out.extend_from_slice(&page[..at]);
    out.extend_from_slice(tail);
    out.extend_from_slice(END);
    Some(out)
}

pub async fn fix(req: Request, next: Next) -> Response {
    let res = next.run(req).await;
    let html = res
        .headers()
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html"));
    if !html {
        return res;
    }
    let (mut parts, body) = res.into_parts();
    let bytes = match to_bytes(body, MAX_PAGE).await {
        Ok(b) => b,
        Err(e) => {
            tracing::error!("reading a page: {e}");
            return StatusCode::INTERNAL_SERVER_ERROR.into_response();
        }
    };
    let body = match reorder(&bytes) {
        Some(page) => {
            parts.headers.remove(CONTENT_LENGTH);
            Body::from(page)
        }
        None => Body::from(bytes),
    };
    Response::from_parts(parts, body)
}

#[cfg(test)]
mod tests {
    use super::reorder;

    #[test]
    fn scripts_after_the_document_move_into_the_body() {
        let page = b"<html><body><p>x</p></body></html><script>a</script><script>b</script>";
        let fixed = reorder(page).expect("changed");
        assert_eq!(
            String::from_utf8(fixed).unwrap(),
            "<html><body><p>x</p><script>a</script><script>b</script></body></html>"
        );
        assert_eq!(reorder(b"<html><body></body></html>\n"), None);
    }
}
