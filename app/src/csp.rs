//! The Content-Security-Policy of every answer. Pages carry the nonce Leptos made for their
//! render (the shell puts it in the header and on its script tags, and Leptos on its resource
//! scripts); other answers (static files, JSON, refusal pages) get the same policy without one.

/// The policy; `nonce` allows the page's inline scripts (no `'unsafe-inline'` anywhere).
/// `'wasm-unsafe-eval'` lets the page compile the app's wasm.
pub fn policy(nonce: Option<&str>) -> String {
    let script = match nonce {
        Some(n) => format!("script-src 'self' 'nonce-{n}' 'wasm-unsafe-eval'"),
        None => "script-src 'self' 'wasm-unsafe-eval'".to_string(),
    };
    format!(
        "default-src 'self'; {script}; style-src 'self'; img-src 'self'; connect-src 'self'; \
         object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
    )
}
