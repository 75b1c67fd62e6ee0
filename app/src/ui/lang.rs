//! The page language: the `lang` cookie (the person's choice) wins, else the browser's
//! `Accept-Language`, else Dutch. The server decides and writes it into `<html lang>`;
//! the browser reads it back from there (so both render alike). Switched by plain links
//! to `/lang/{code}`, which set the cookie and come back.

use crate::i18n::{Lang, T};
use leptos::prelude::*;

fn detect() -> Lang {
    #[cfg(feature = "ssr")]
    {
        use_context::<axum::http::request::Parts>()
            .map(|p| {
                let header = |name| {
                    p.headers
                        .get_all(name)
                        .iter()
                        .filter_map(|v| v.to_str().ok())
                        .collect::<Vec<_>>()
                        .join("; ")
                };
                let cookie = header(axum::http::header::COOKIE);
                let accept = header(axum::http::header::ACCEPT_LANGUAGE);
                Lang::negotiate(Some(&cookie), Some(&accept))
            })
            .unwrap_or_default()
    }
    #[cfg(all(feature = "hydrate", not(feature = "ssr")))]
    {
        use wasm_bindgen::JsCast;
        let document = web_sys::window().and_then(|w| w.document());
        let from_page = document
            .as_ref()
            .and_then(|d| d.document_element())
            .and_then(|html| html.get_attribute("lang"))
            .and_then(|tag| Lang::parse(&tag));
        from_page
            .or_else(|| {
                document
                    .and_then(|d| d.dyn_into::<web_sys::HtmlDocument>().ok())
                    .and_then(|d| d.cookie().ok())
                    .and_then(|c| Lang::from_cookie(&c))
            })
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

/// The `lang` attribute for texts the organiser wrote (in Dutch) on a page in another
/// language, so screen readers read them with a Dutch voice; `None` on Dutch pages.
pub fn organiser_lang(page: Lang) -> Option<&'static str> {
    (page != Lang::Nl).then_some(Lang::Nl.tag())
}

/// The `lang` attribute for an organiser's text that may be translated: none when the text
/// is in the page's language.
pub fn text_lang(page: Lang, text: crate::event::Localised<'_>) -> Option<&'static str> {
    (text.lang != page).then_some(text.lang.tag())
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
