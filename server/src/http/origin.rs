//! Refuses state-changing requests that another website makes a browser send: any method
//! but GET/HEAD/OPTIONS with `Sec-Fetch-Site: cross-site|same-site`, or with an `Origin`
//! that is not the configured base URL's. `Origin: null` passes only with `Sec-Fetch-Site:
//! same-origin` (a browser posting from our own pages, which send no referrer: see
//! `security.rs`). Requests with neither header (curl, old browsers) pass. Server functions
//! (`/api/*`) also take only JSON bodies (415 otherwise), except the coordinator's
//! form-backed ones (`/api/coordinator/*`), which `ActionForm` and a plain HTML form post
//! URL-encoded; the origin check above covers them all the same.

use super::page::{is_api, refuse};
use super::trace::loggable_path;
use app::error::AppError;
use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, Method, Uri};
use axum::middleware::Next;
use axum::response::Response;
use std::sync::Arc;

/// The one origin allowed to post, e.g. `https://tafelronde.example.be`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OriginGuard {
    origin: Option<String>,
}

impl OriginGuard {
    pub fn new(base_url: &str) -> Arc<OriginGuard> {
        Arc::new(OriginGuard {
            origin: normalize(base_url),
        })
    }

    /// Why `method` with `headers` must be refused, if it must.
    fn check(&self, method: &Method, headers: &HeaderMap) -> Result<(), &'static str> {
        if matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS) {
            return Ok(());
        }
        let site = headers
            .get("sec-fetch-site")
            .and_then(|v| v.to_str().ok())
            .map(|v| v.trim().to_ascii_lowercase());
        if matches!(site.as_deref(), Some("cross-site" | "same-site")) {
            return Err("Sec-Fetch-Site");
        }
        match headers.get(header::ORIGIN) {
            None => Ok(()),
            // Under `Referrer-Policy: no-referrer` a browser sends `Origin: null` even on
            // its own site; `Sec-Fetch-Site` (which pages cannot set) says it is ours.
            Some(o) if o == "null" && site.as_deref() == Some("same-origin") => Ok(()),
            Some(o) => {
                let o = o.to_str().ok().and_then(normalize);
                if o.is_some() && o == self.origin {
                    Ok(())
                } else {
                    Err("Origin")
                }
            }
        }
    }
}

/// `scheme://host[:port]` in lower case, without the scheme's default port.
fn normalize(url: &str) -> Option<String> {
    let uri: Uri = url.trim().parse().ok()?;
    let scheme = uri.scheme_str()?.to_ascii_lowercase();
    let host = uri.host()?.to_ascii_lowercase();
    let port = match (scheme.as_str(), uri.port_u16()) {
        ("http", Some(80)) | ("https", Some(443)) | (_, None) => String::new(),
        (_, Some(p)) => format!(":{p}"),
    };
    Some(format!("{scheme}://{host}{port}"))
}

/// Whether a `Content-Type` is JSON (`application/json`, parameters allowed).
fn is_json(headers: &HeaderMap) -> bool {
    media_type_is(headers, "application/json")
}

fn media_type_is(headers: &HeaderMap, wanted: &str) -> bool {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .is_some_and(|m| m.trim().eq_ignore_ascii_case(wanted))
}

/// Whether the body type is one the server function at `path` may receive.
fn accepted_body(path: &str, headers: &HeaderMap) -> bool {
    is_json(headers)
        || (path.starts_with("/api/coordinator/")
            && media_type_is(headers, "application/x-www-form-urlencoded"))
}

pub async fn guard(State(g): State<Arc<OriginGuard>>, req: Request, next: Next) -> Response {
    let path = req.uri().path();
    if let Err(which) = g.check(req.method(), req.headers()) {
        // Manage, speaker and follow-up links carry their token in the path.
        tracing::info!(
            path = %loggable_path(path),
            header = which,
            "cross-origin request refused"
        );
        return refuse(path, req.headers(), AppError::CrossOrigin);
    }
    if is_api(path) && req.method() == Method::POST && !accepted_body(path, req.headers()) {
        return refuse(path, req.headers(), AppError::UnsupportedMediaType);
    }
    next.run(req).await
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(method: Method, headers: &[(&'static str, &str)]) -> Result<(), &'static str> {
        let mut h = HeaderMap::new();
        for (k, v) in headers {
            h.append(*k, v.parse().unwrap());
        }
        OriginGuard::new("https://Tafelronde.example.be/").check(&method, &h)
    }

    #[test]
    fn same_origin_and_headerless_posts_pass() {
        assert!(check(Method::POST, &[]).is_ok());
        assert!(check(Method::POST, &[("origin", "https://tafelronde.example.be")]).is_ok());
        assert!(check(
            Method::POST,
            &[("origin", "https://tafelronde.example.be:443")]
        )
        .is_ok());
        assert!(check(Method::POST, &[("sec-fetch-site", "same-origin")]).is_ok());
        assert!(check(Method::POST, &[("sec-fetch-site", "none")]).is_ok());
        assert!(check(
            Method::POST,
            &[("origin", "null"), ("sec-fetch-site", "same-origin")]
        )
        .is_ok());
        assert!(check(
            Method::POST,
            &[("origin", "null"), ("sec-fetch-site", "none")]
        )
        .is_err());
    }

    #[test]
    fn other_sites_are_refused_for_state_changes_only() {
        for h in [
            ("origin", "https://evil.example"),
            ("origin", "http://tafelronde.example.be"),
            ("origin", "https://tafelronde.example.be:8443"),
            ("origin", "null"),
            ("sec-fetch-site", "cross-site"),
            ("sec-fetch-site", "same-site"),
        ] {
            assert!(check(Method::POST, &[h]).is_err(), "{h:?}");
            assert!(check(Method::DELETE, &[h]).is_err(), "{h:?}");
            assert!(check(Method::GET, &[h]).is_ok(), "{h:?}");
        }
    }

    /// Log lines written while it lives (this thread only).
    #[derive(Clone, Default)]
    struct Captured(Arc<std::sync::Mutex<Vec<u8>>>);

    impl std::io::Write for Captured {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            self.0.lock().unwrap().extend_from_slice(buf);
            Ok(buf.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    #[tokio::test]
    async fn refusal_log_leaves_out_link_tokens() {
        use tower::ServiceExt;
        let log = Captured::default();
        let writer = log.clone();
        let subscriber = tracing_subscriber::fmt()
            .with_writer(move || writer.clone())
            .with_ansi(false)
            .finish();
        let _default = tracing::subscriber::set_default(subscriber);
        let app = axum::Router::new()
            .route("/m/{token}/cancel", axum::routing::post(|| async { "ok" }))
            .layer(axum::middleware::from_fn_with_state(
                OriginGuard::new("https://tafelronde.example.be"),
                guard,
            ));
        let req = Request::builder()
            .method(Method::POST)
            .uri("/m/secret0token0abc/cancel")
            .header("origin", "https://evil.example")
            .body(axum::body::Body::empty())
            .unwrap();
        let res = app.oneshot(req).await.unwrap();
        assert_eq!(res.status(), 403);
        let text = String::from_utf8(log.0.lock().unwrap().clone()).unwrap();
        assert!(text.contains("cross-origin request refused"), "{text}");
        assert!(text.contains("/m/…/cancel"), "{text}");
        assert!(!text.contains("secret0token0abc"), "{text}");
    }
}
