//! The page language: read from the `lang` cookie (on the server from the request, in the
//! browser from `document.cookie`, so both render alike) and switched by plain links to
//! `/lang/{code}`, which set the cookie and come back.

use crate::i18n::{Lang, T};
use leptos::prelude::*;

fn detect() -> Lang {
    #[cfg(feature = "ssr")]
    {
        use_context::<axum::http::request::Parts>()
            .and_then(|p| {
                p.headers
                    .get(axum::http::header::COOKIE)
                    .and_then(|v| v.to_str().ok())
                    .map(Lang::from_cookie_header)
            })
            .unwrap_or_default()
    }
    #[cfg(all(feature = "hydrate", not(feature = "ssr")))]
    {
        use wasm_bindgen::JsCast;
        web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.dyn_into::<web_sys::HtmlDocument>().ok())
            .and_then(|d| d.cookie().ok())
            .map(|c| Lang::from_cookie_header(&c))
            .unwrap_or_default()
    }
    #[cfg(not(any(feature = "ssr", feature = "hydrate")))]
    {
        Lang::default()
    }
}

pub fn provide_lang() -> Lang {
    let lang = detect();
    provide_context(lang);
    lang
}

pub fn use_lang() -> Lang {
    use_context::<Lang>().unwrap_or_default()
}

#[component]
pub fn LangSwitch() -> impl IntoView {
    let lang = use_lang();
    let location = leptos_router::hooks::use_location();
    let next = move || {
        let path = location.pathname.get();
        let search = location.search.get();
        let here = if search.is_empty() {
            path
        } else {
            format!("{path}?{search}")
        };
        here.replace('%', "%25")
            .replace('&', "%26")
            .replace('?', "%3F")
            .replace('#', "%23")
    };
    view! {
        <nav class="lang-switch" aria-label=lang.t(T::Language)>
            {Lang::ALL
                .into_iter()
                .map(|l| {
                    let current = l == lang;
                    view! {
                        <a
                            href=move || format!("/lang/{}?next={}", l.code(), next())
                            rel="external"
                            hreflang=l.tag()
                            aria-current=if current { Some("true") } else { None }
                            class:current=current
                        >
                            {l.code().to_uppercase()}
                        </a>
                    }
                })
                .collect_view()}
        </nav>
    }
}
