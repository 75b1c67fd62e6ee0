//! The page shell and how files are delivered, against the real server with a small fake
//! site (hashed bundle names in `pkg/manifest.txt`, gzip and brotli copies): the CSP nonce
//! in the header is the one on every script, security headers, valid document end,
//! bundle per path, compression of pages and JSON, and cache headers. Once, on SQLite: the
//! database takes no part in how pages and files are delivered.

use crate::common::*;
use reqwest::header::{HeaderMap, ACCEPT_ENCODING};
use std::path::PathBuf;

on_sqlite_only!(
    every_script_carries_the_nonce_of_the_policy,
    coordinator_pages_load_their_own_bundle,
    pages_and_json_are_compressed,
    hashed_files_are_immutable_and_pages_are_not_cached,
);

const JS: &str = "tafelronde.0123456789abcdef.js";
const WASM: &str = "tafelronde.fedcba9876543210.wasm";
const COORD_JS: &str = "tafelronde-coordinator.00112233445566aa.js";
const COORD_WASM: &str = "tafelronde-coordinator.aa66554433221100.wasm";
const CSS: &str = "tafelronde.0a1b2c3d4e5f6789.css";

/// A site root with the files build-site.sh makes, but tiny.
fn fake_site() -> PathBuf {
    let root = std::env::temp_dir().join(format!("tafelronde-site-{}", uuid::Uuid::new_v4()));
    let pkg = root.join("pkg");
    std::fs::create_dir_all(&pkg).expect("site dir");
    let manifest = format!(
        "tafelronde.js {JS}\ntafelronde.wasm {WASM}\ntafelronde-coordinator.js {COORD_JS}\n\
         tafelronde-coordinator.wasm {COORD_WASM}\ntafelronde.css {CSS}\n"
    );
    std::fs::write(pkg.join("manifest.txt"), manifest).expect("manifest");
    for f in [JS, COORD_JS] {
        std::fs::write(pkg.join(f), "export default function(){}").expect("js");
        std::fs::write(pkg.join(format!("{f}.br")), "brotli bytes").expect("js.br");
        std::fs::write(pkg.join(format!("{f}.gz")), "gzip bytes").expect("js.gz");
    }
    for f in [WASM, COORD_WASM] {
        std::fs::write(pkg.join(f), b"\0asm\x01\0\0\0").expect("wasm");
    }
    std::fs::write(pkg.join(CSS), "body{}").expect("css");
    std::fs::write(pkg.join("tafelronde.css"), "body{}").expect("css");
    root
}

async fn start_site(db: &TestDb) -> (Running, PathBuf) {
    let site = fake_site();
    let srv = start(
        db,
        free_port(),
        &[
            ("MAIL_WORKER", "false"),
            ("TAFELRONDE_SITE_ROOT", site.to_str().expect("utf-8 path")),
        ],
    )
    .await;
    add_event(&srv, "netwerk", 50).await;
    (srv, site)
}

async fn fetch(srv: &Running, path: &str, encoding: &str) -> (u16, HeaderMap, Vec<u8>) {
    let r = client()
        .get(format!("http://{}{path}", srv.addr))
        .header(ACCEPT_ENCODING, encoding)
        .send()
        .await
        .expect("get");
    let status = r.status().as_u16();
    let headers = r.headers().clone();
    (status, headers, r.bytes().await.expect("body").to_vec())
}

fn header<'a>(h: &'a HeaderMap, name: &str) -> &'a str {
    h.get(name)
        .unwrap_or_else(|| panic!("no {name} header"))
        .to_str()
        .expect("ascii header")
}

/// The nonce in a policy's `script-src`.
fn nonce_of(policy: &str) -> String {
    let at = policy.find("'nonce-").expect("policy has a nonce") + "'nonce-".len();
    policy[at..].split('\'').next().expect("nonce").to_string()
}

/// The opening `<script …>` tags of a page.
fn script_tags(page: &str) -> Vec<&str> {
    page.match_indices("<script")
        .map(|(at, _)| &page[at..at + page[at..].find('>').expect("tag end") + 1])
        .collect()
}

async fn every_script_carries_the_nonce_of_the_policy(db: &TestDb) {
    let (srv, site) = start_site(db).await;
    let mut nonces = Vec::new();
    // Leptos' pages, a page re-rendered after a refused form post, and the not-found page.
    // Sent as a browser does from a page with `Referrer-Policy: no-referrer`.
    let refused = client()
        .post(format!("http://{}/e/netwerk/register", srv.addr))
        .header("origin", "null")
        .header("sec-fetch-site", "same-origin")
        .form(&[("first_name", "")])
        .send()
        .await
        .expect("post");
    let refused = (
        refused.status().as_u16(),
        refused.headers().clone(),
        refused.bytes().await.expect("body").to_vec(),
    );
    let mut pages = Vec::new();
    for path in ["/", "/e/netwerk", "/e/netwerk/register", "/nope"] {
        pages.push((path, fetch(&srv, path, "identity").await));
    }
    assert_eq!(
        refused.0, 422,
        "a same-origin post is not refused as cross-site"
    );
    pages.push(("refused post", refused));
    for (path, (status, h, body)) in pages {
        let page = String::from_utf8(body).expect("utf-8 page");
        assert!(status == 200 || status >= 400, "{path}: {status}");
        let policy = header(&h, "content-security-policy");
        for part in [
            "script-src 'self' 'nonce-",
            "'wasm-unsafe-eval'",
            "frame-ancestors 'none'",
            "object-src 'none'",
        ] {
            assert!(policy.contains(part), "{path}: {part} missing in {policy}");
        }
        assert!(!policy.contains("unsafe-inline"), "{path}: {policy}");
        assert_eq!(header(&h, "x-content-type-options"), "nosniff");
        assert_eq!(header(&h, "referrer-policy"), "no-referrer");
        let nonce = nonce_of(policy);
        let tags = script_tags(&page);
        // Only the register page (and a refused registration) loads the attendee bundle.
        let with_bundle = path == "/e/netwerk/register" || path == "refused post";
        assert!(
            !with_bundle || tags.len() >= 2,
            "{path}: hydration and data scripts: {tags:?}"
        );
        for tag in tags {
            assert!(tag.contains(&format!("nonce=\"{nonce}\"")), "{path}: {tag}");
        }
        // Valid document: nothing after </html>, no nonce outside `nonce` attributes.
        assert!(
            page.trim_end().ends_with("</body></html>"),
            "{path}: document end"
        );
        assert_eq!(
            page.matches(&nonce).count(),
            page.matches("nonce=\"").count()
        );
        assert_eq!(
            page.contains(&format!("self.tafelrondeWasm = fetch(\"/pkg/{WASM}\");")),
            with_bundle,
            "{path}: the wasm is fetched early, on the pages that load it"
        );
        assert_eq!(
            page.contains(&format!("from \"/pkg/{JS}\"")),
            with_bundle,
            "{path}"
        );
        assert!(
            !page.contains("rel=\"preload\""),
            "{path}: nothing preloaded"
        );
        nonces.push(nonce);
    }
    nonces.sort();
    nonces.dedup();
    assert_eq!(nonces.len(), 5, "a fresh nonce per page");
    // Other answers get the policy without a nonce, and the same headers.
    let (_, h, _) = fetch(&srv, &format!("/pkg/{CSS}"), "identity").await;
    assert!(!header(&h, "content-security-policy").contains("nonce"));
    assert_eq!(header(&h, "x-content-type-options"), "nosniff");
    srv.stop().await;
    let _ = std::fs::remove_dir_all(site);
}

/// Coordinator pages load the coordinator bundle, the register and manage pages (their
/// forms are islands) the attendee bundle, and every other page none.
async fn coordinator_pages_load_their_own_bundle(db: &TestDb) {
    let (srv, site) = start_site(db).await;
    for path in ["/e/netwerk/register"] {
        let (_, _, body) = fetch(&srv, path, "identity").await;
        let page = String::from_utf8(body).expect("page");
        assert!(page.contains(&format!("/pkg/{WASM}")), "{path}");
        assert!(
            !page.contains("tafelronde-coordinator"),
            "{path} loads the coordinator bundle"
        );
    }
    for path in ["/coordinator", "/coordinator/events"] {
        let (_, _, body) = fetch(&srv, path, "identity").await;
        let page = String::from_utf8(body).expect("page");
        assert!(
            page.contains(&format!("from \"/pkg/{COORD_JS}\"")),
            "{path}"
        );
        assert!(
            page.contains(&format!("fetch(\"/pkg/{COORD_WASM}\")")),
            "{path}"
        );
        assert!(!page.contains(WASM), "{path}");
    }
    // Pages without a form island load no bundle at all, only the stylesheet.
    let speaker = format!("/s/{}", "0".repeat(64));
    for path in [
        "/",
        "/e/netwerk",
        "/e/netwerk/agenda",
        "/nope",
        "/coordinatorx",
        speaker.as_str(),
    ] {
        let (_, _, body) = fetch(&srv, path, "identity").await;
        let page = String::from_utf8(body).expect("page");
        assert!(page.contains(&format!("/pkg/{CSS}")), "{path}");
        for bundle in [WASM, JS, COORD_WASM, COORD_JS, "tafelrondeWasm"] {
            assert!(!page.contains(bundle), "{path} loads {bundle}");
        }
    }
    srv.stop().await;
    let _ = std::fs::remove_dir_all(site);
}

async fn pages_and_json_are_compressed(db: &TestDb) {
    let (srv, site) = start_site(db).await;
    for encoding in ["br", "gzip"] {
        let (status, h, body) = fetch(&srv, "/e/netwerk", encoding).await;
        assert_eq!(status, 200);
        assert_eq!(header(&h, "content-encoding"), encoding);
        assert!(
            !body.starts_with(b"<!DOCTYPE"),
            "{encoding}: body sent plain"
        );
        let r = client()
            .post(format!("http://{}/api/events", srv.addr))
            .header(ACCEPT_ENCODING, encoding)
            .json(&serde_json::json!({}))
            .send()
            .await
            .expect("server function");
        assert_eq!(r.status(), 200);
        assert_eq!(header(r.headers(), "content-encoding"), encoding, "JSON");
    }
    let (_, h, body) = fetch(&srv, "/e/netwerk", "identity").await;
    assert!(h.get("content-encoding").is_none());
    assert!(body.starts_with(b"<!DOCTYPE"));
    // Static files: the precompressed copy, brotli first.
    let (_, h, body) = fetch(&srv, &format!("/pkg/{JS}"), "gzip, br").await;
    assert_eq!(header(&h, "content-encoding"), "br");
    assert_eq!(body, b"brotli bytes");
    let (_, h, body) = fetch(&srv, &format!("/pkg/{JS}"), "gzip").await;
    assert_eq!(header(&h, "content-encoding"), "gzip");
    assert_eq!(body, b"gzip bytes");
    srv.stop().await;
    let _ = std::fs::remove_dir_all(site);
}

async fn hashed_files_are_immutable_and_pages_are_not_cached(db: &TestDb) {
    let (srv, site) = start_site(db).await;
    for file in [JS, WASM, CSS, COORD_JS, COORD_WASM] {
        let (status, h, _) = fetch(&srv, &format!("/pkg/{file}"), "br, gzip").await;
        assert_eq!(status, 200, "{file}");
        assert_eq!(
            header(&h, "cache-control"),
            "public, max-age=31536000, immutable",
            "{file}"
        );
    }
    let (_, h, _) = fetch(&srv, "/pkg/tafelronde.css", "identity").await;
    assert_eq!(header(&h, "cache-control"), "no-cache", "unhashed file");
    let (status, h, _) = fetch(&srv, "/pkg/tafelronde.ffffffffffffffff.js", "identity").await;
    assert_eq!(status, 404);
    assert_eq!(header(&h, "cache-control"), "no-cache", "a missing file");
    for path in ["/", "/e/netwerk", "/nope"] {
        let (_, h, body) = fetch(&srv, path, "identity").await;
        assert_eq!(header(&h, "cache-control"), "no-cache", "{path}");
        let page = String::from_utf8(body).expect("page");
        assert!(
            page.contains(&format!("<link rel=\"stylesheet\" href=\"/pkg/{CSS}\">")),
            "{path}"
        );
    }
    srv.stop().await;
    let _ = std::fs::remove_dir_all(site);
}
