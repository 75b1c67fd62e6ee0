//! After registering: "check your mail", in two variants: a seat, or the wait list
//! (`?waitlist=1`, set when every seat was taken). The variant depends only on whether the
//! event was full, never on whether the address was already registered, so the page is
//! the same for new and known addresses.

use super::{text_lang, use_lang, Loading};
use crate::api::get_event;
use crate::i18n::T;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

#[component]
pub fn CheckMailPage() -> impl IntoView {
    let lang = use_lang();
    let params = use_params_map();
    let slug = move || params.read().get("slug").unwrap_or_default();
    let waitlist = use_query_map().with_untracked(|q| q.get("waitlist").is_some());
    let (title, text, already) = if waitlist {
        (
            T::CheckMailWaitTitle,
            T::CheckMailWaitText,
            T::CheckMailWaitAlready,
        )
    } else {
        (T::CheckMailTitle, T::CheckMailText, T::CheckMailAlready)
    };
    let event = Resource::new(slug, get_event);
    view! {
        <section class="card check-mail" data-outcome=if waitlist { "waitlist" } else { "seat" }>
            <h1>{lang.t(title)}</h1>
            <p>{lang.t(text)}</p>
            <p>{lang.t(already)}</p>
            <Suspense fallback=|| view! { <Loading/> }>
                {move || Suspend::new(async move {
                    match event.await {
                        Ok(e) => view! {
                            <Title text=format!("{} — {}", lang.t(title), e.title_in(lang).text)/>
                            <p><a href=format!("/e/{}", e.slug) lang=text_lang(lang, e.title_in(lang))>{e.title_in(lang).text.to_string()}</a></p>
                        }
                            .into_any(),
                        Err(_) => view! { <Title text=lang.t(title)/> }.into_any(),
                    }
                })}
            </Suspense>
            <p class="hint">{lang.t(T::CheckMailSpam)}</p>
        </section>
    }
}
