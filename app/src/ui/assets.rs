//! The document head's assets, rendered on the server only (outside the hydrated app): the
//! stylesheet, and the browser bundle for the request's path (`tafelronde-coordinator` under
//! `/coordinator`, `tafelronde` for the two attendee pages with forms: register and manage;
//! none elsewhere) fetched and started by two small scripts
//! that carry the page's CSP nonce, whose policy this also puts in the response header.

use leptos::prelude::*;

/// The wasm fetch, the stylesheet and the hydration script.
#[component]
pub fn Assets(options: LeptosOptions) -> impl IntoView {
    #[cfg(feature = "ssr")]
    {
        ssr::assets(&options)
    }
    #[cfg(not(feature = "ssr"))]
    {
        let _ = options;
    }
}

#[cfg(feature = "ssr")]
mod ssr {
    use leptos::prelude::*;
    use leptos_axum::ResponseOptions;

    /// The bundle a page at `path` loads: coordinator pages have their own; the register
    /// and manage pages the attendee bundle (their forms are islands that validate live);
    /// every other page none: it is complete as HTML and its forms post without it.
    pub(super) fn bundle_for(path: &str) -> Option<&'static str> {
        let parts: Vec<&str> = path.split('/').collect();
        match parts.as_slice() {
            ["", "coordinator", ..] => Some("tafelronde-coordinator"),
            ["", "e", slug, "register"] if !slug.is_empty() => Some("tafelronde"),
            ["", "m", token] if !token.is_empty() => Some("tafelronde"),
            _ => None,
        }
    }

    /// The served name of `file` in the site's `pkg` dir: the content-hashed name that
    /// .ci/build-site.sh lists in `pkg/manifest.txt` (`<name> <hashed name>` per line), or
    /// `file` itself when the site has no manifest. Read on each render (a few hundred
    /// bytes), so a rebuilt site is picked up without a restart.
    fn served_name(manifest: Option<&str>, file: &str) -> String {
        manifest
            .into_iter()
            .flat_map(str::lines)
            .filter_map(|l| l.split_once(' '))
            .find(|(name, _)| *name == file)
            .map(|(_, hashed)| hashed.trim().to_string())
            .unwrap_or_else(|| file.to_string())
    }

    pub fn assets(options: &LeptosOptions) -> AnyView {
        let pkg = format!("/{}", options.site_pkg_dir);
        let manifest = std::fs::read_to_string(format!(
            "{}/{}/manifest.txt",
            options.site_root, options.site_pkg_dir
        ))
        .ok();
        let path = use_context::<axum::http::request::Parts>()
            .map(|p| p.uri.path().to_string())
            .unwrap_or_default();
        let url = |file: String| format!("{pkg}/{}", served_name(manifest.as_deref(), &file));
        let css = url(format!("{}.css", options.output_name));

        let nonce = leptos::nonce::use_nonce();
        if let Some(res) = use_context::<ResponseOptions>() {
            let policy = crate::csp::policy(nonce.as_deref());
            if let Ok(v) = axum::http::HeaderValue::from_str(&policy) {
                res.insert_header(axum::http::header::CONTENT_SECURITY_POLICY, v);
            }
        }
        // What Leptos' HydrationScripts does (load the bindings, instantiate the wasm, then
        // hydrate), with the nonce in `nonce` attributes. The wasm is fetched by a classic
        // script placed before the stylesheet (so it does not wait for it) instead of a
        // `<link rel=preload>`: as early, and nothing is fetched when JavaScript is off
        // (end2end/measure/preload.spec.ts). The module script's import starts the JS
        // download where a modulepreload would.
        let Some(bundle) = bundle_for(&path) else {
            return view! { <link rel="stylesheet" href=css/> }.into_any();
        };
        let js = url(format!("{bundle}.js"));
        let wasm = url(format!("{bundle}.wasm"));
        let quote = |s: &str| serde_json::to_string(s).unwrap_or_default();
        let fetch = format!("self.tafelrondeWasm = fetch({});", quote(&wasm));
        // The attendee bundle has islands: after `hydrate` (which sets up their root), each
        // `<leptos-island>` is hydrated by the function its `data-component` names, then the
        // body is marked as the coordinator bundle's app marks it.
        let start = if bundle == "tafelronde" {
            "() => { w.hydrate(); \
             for (const el of document.querySelectorAll('leptos-island')) w[el.dataset.component]?.(el); \
             document.body.dataset.hydrated = 'true'; }"
        } else {
            "w.hydrate"
        };
        let script = format!(
            "import init, * as w from {};\n\
             init({{ module_or_path: self.tafelrondeWasm ?? {} }}).then({start});",
            quote(&js),
            quote(&wasm)
        );
        view! {
            <script nonce=nonce.clone()>{fetch}</script>
            <link rel="stylesheet" href=css/>
            <script type="module" nonce=nonce>{script}</script>
        }
        .into_any()
    }

    #[cfg(test)]
    mod tests {
        use super::served_name;

        #[test]
        fn hashed_names_come_from_the_manifest() {
            let m = "tafelronde.js tafelronde.0123abcd.js\ntafelronde.wasm tafelronde.99ff.wasm\n";
            assert_eq!(
                served_name(Some(m), "tafelronde.js"),
                "tafelronde.0123abcd.js"
            );
            assert_eq!(
                served_name(Some(m), "tafelronde.wasm"),
                "tafelronde.99ff.wasm"
            );
            assert_eq!(served_name(Some(m), "tafelronde.css"), "tafelronde.css");
            assert_eq!(served_name(None, "tafelronde.js"), "tafelronde.js");
        }
    }
}

#[cfg(all(test, feature = "ssr"))]
mod bundle_tests {
    use super::ssr::bundle_for;

    #[test]
    fn only_coordinator_pages_load_the_coordinator_bundle() {
        assert_eq!(bundle_for("/coordinator"), Some("tafelronde-coordinator"));
        assert_eq!(
            bundle_for("/coordinator/events/3"),
            Some("tafelronde-coordinator")
        );
        assert_eq!(
            bundle_for("/coordinator/events/x/programme"),
            Some("tafelronde-coordinator")
        );
        assert_eq!(bundle_for("/e/x/register"), Some("tafelronde"));
        assert_eq!(bundle_for("/m/abc"), Some("tafelronde"));
    }

    #[test]
    fn pages_without_a_form_island_load_no_bundle() {
        assert_eq!(bundle_for("/"), None, "home");
        assert_eq!(bundle_for("/e/x"), None, "event page");
        assert_eq!(bundle_for("/e/x/check-mail"), None);
        assert_eq!(bundle_for("/e/x/agenda"), None);
        assert_eq!(bundle_for("/s/0123abcd"), None, "speaker page");
        assert_eq!(bundle_for("/f/0123abcd"), None, "the follow-up answer page");
        assert_eq!(bundle_for("/coordinatorx"), None, "not found");
        assert_eq!(bundle_for("/e//register"), None);
        assert_eq!(bundle_for("/m/"), None);
    }
}
