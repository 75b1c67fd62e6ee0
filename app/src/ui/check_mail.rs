//! After registering: "check your mail". Identical for new and known addresses.

use super::{use_lang, Loading};
use crate::api::get_event;
use crate::i18n::T;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

#[component]
pub fn CheckMailPage() -> impl IntoView {
    let lang = use_lang();
    let params = use_params_map();
    let slug = move || params.read().get("slug").unwrap_or_default();
    let event = Resource::new(slug, get_event);
    view! {
        <section class="card check-mail">
            <h1>{lang.t(T::CheckMailTitle)}</h1>
            <p>{lang.t(T::CheckMailText)}</p>
            <p>{lang.t(T::CheckMailAlready)}</p>
            <Suspense fallback=|| view! { <Loading/> }>
                {move || Suspend::new(async move {
                    match event.await {
                        Ok(e) => view! {
                            {e.is_full().then(|| view! { <p class="notice">{lang.t(T::EventFull)}</p> })}
                            <p><a href=format!("/e/{}", e.slug)>{e.title.clone()}</a></p>
                        }
                            .into_any(),
                        Err(_) => ().into_any(),
                    }
                })}
            </Suspense>
            <p class="hint">{lang.t(T::CheckMailSpam)}</p>
        </section>
    }
}
