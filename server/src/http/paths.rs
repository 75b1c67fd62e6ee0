//! Paths the server will not follow: a request path with control characters or invalid
//! UTF-8 (after percent-decoding) is answered 400 with a short page, and the `next` of a redirect is
//! kept only when it is a path on this site (no `//host`, no backslash, no control
//! characters that browsers would drop to make `//host`).

use super::page::refuse;
use app::error::AppError;
use axum::extract::Request;
use axum::middleware::Next;
use axum::response::Response;
use percent_encoding::{percent_decode_str, utf8_percent_encode, AsciiSet, CONTROLS};

fn has_control(bytes: &[u8]) -> bool {
    bytes.iter().any(|b| b.is_ascii_control())
}

pub async fn refuse_control_characters(req: Request, next: Next) -> Response {
    let decoded: Vec<u8> = percent_decode_str(req.uri().path()).collect();
    if has_control(&decoded) || std::str::from_utf8(&decoded).is_err() {
        tracing::info!("path with control characters or invalid UTF-8 refused");
        return refuse(req.uri().path(), req.headers(), AppError::BadRequest);
    }
    next.run(req).await
}

/// Characters encoded again in a redirect target (the query decoder decoded them).
const LOCATION: &AsciiSet = &CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'<')
    .add(b'>')
    .add(b'`')
    .add(b'{')
    .add(b'}')
    .add(b'|')
    .add(b'^');

/// `next` (already percent-decoded) as a `Location` on this site, or `/`.
pub fn safe_next(next: Option<&str>) -> String {
    let Some(n) = next else { return "/".into() };
    let stripped: String = n
        .chars()
        .filter(|c| !c.is_control() && *c != '\\')
        .collect();
    let same_site = n.starts_with('/')
        && !n.chars().any(|c| c.is_control() || c == '\\')
        && !stripped.starts_with("//");
    if same_site {
        utf8_percent_encode(n, LOCATION).to_string()
    } else {
        "/".into()
    }
}

#[cfg(test)]
mod tests {
    use super::safe_next;

    #[test]
    fn only_paths_on_this_site() {
        for (next, want) in [
            ("/e/netwerk", "/e/netwerk"),
            ("/e/netwerk?x=1#top", "/e/netwerk?x=1#top"),
            ("/café ok", "/caf%C3%A9%20ok"),
            ("//example.org", "/"),
            ("/\t/example.org", "/"),
            ("/\n/example.org", "/"),
            ("/\\example.org", "/"),
            ("\\\\evil", "/"),
            ("https://evil", "/"),
            ("evil", "/"),
            ("", "/"),
            ("/\u{7f}/x", "/"),
        ] {
            assert_eq!(safe_next(Some(next)), want, "{next:?}");
        }
        assert_eq!(safe_next(None), "/");
    }
}
