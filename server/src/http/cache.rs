//! Cache headers: bundle files whose name carries a content hash (`name.<hex>.ext`, written
//! by .ci/build-site.sh) are `immutable` for a year; everything else, pages included, is
//! `no-cache` (the browser asks again each time; static files answer 304 when unchanged).

use axum::extract::Request;
use axum::http::header::CACHE_CONTROL;
use axum::http::HeaderValue;
use axum::middleware::Next;
use axum::response::Response;

/// Whether the last path segment looks like `name.<16 hex digits or more>.ext[.gz|.br]`.
pub fn is_hashed(path: &str) -> bool {
    let file = path.rsplit('/').next().unwrap_or_default();
    file.split('.')
        .skip(1)
        .any(|part| part.len() >= 16 && part.bytes().all(|b| b.is_ascii_hexdigit()))
}

pub async fn headers(req: Request, next: Next) -> Response {
    let immutable = req.uri().path().starts_with("/pkg/") && is_hashed(req.uri().path());
    let mut res = next.run(req).await;
    if res.headers().contains_key(CACHE_CONTROL) {
        return res;
    }
    let value = if immutable && res.status().is_success() {
        "public, max-age=31536000, immutable"
    } else {
        "no-cache"
    };
    res.headers_mut()
        .insert(CACHE_CONTROL, HeaderValue::from_static(value));
    res
}

#[cfg(test)]
mod tests {
    use super::is_hashed;

    #[test]
    fn hashed_names() {
        assert!(is_hashed("/pkg/tafelronde.0123456789abcdef.wasm"));
        assert!(is_hashed(
            "/pkg/tafelronde-coordinator.0123456789abcdef0123.js"
        ));
        assert!(!is_hashed("/pkg/tafelronde.wasm"));
        assert!(!is_hashed("/pkg/tafelronde.css"));
        assert!(!is_hashed("/pkg/abc.0123.js"));
    }
}
