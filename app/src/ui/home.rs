//! Home: the upcoming events, soonest first.

use super::{text_lang, use_lang, ErrorCard, Loading};
use crate::api::list_events;
use crate::i18n::{format_span, T};
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn HomePage() -> impl IntoView {
    let lang = use_lang();
    let events = Resource::new(|| (), |_| list_events());
    view! {
        <Title text=lang.t(T::UpcomingEvents)/>
        <section class="hero">
            <h1>{lang.t(T::UpcomingEvents)}</h1>
            <p class="lead">{lang.t(T::Tagline)}</p>
        </section>
        <Suspense fallback=|| view! { <Loading/> }>
            {move || Suspend::new(async move {
                match events.await {
                    Err(e) => view! { <ErrorCard error=e/> }.into_any(),
                    Ok(list) if list.is_empty() => {
                        view! { <p class="empty">{lang.t(T::NoEvents)}</p> }.into_any()
                    }
                    Ok(list) => {
                        view! {
                            <ul class="event-list">
                                {list
                                    .into_iter()
                                    .map(|e| {
                                        let href = format!("/e/{}", e.slug);
                                        view! {
                                            <li class="card event-card">
                                                <h2><a href=href lang=text_lang(lang, e.title_in(lang))>{e.title_in(lang).text.to_string()}</a></h2>
                                                <p class="when">{format_span(lang, e.starts_at, e.ends_at)}</p>
                                                <p class="where">{format!("{}, {}", e.venue_name, e.venue_address)}</p>
                                            </li>
                                        }
                                    })
                                    .collect_view()}
                            </ul>
                        }
                            .into_any()
                    }
                }
            })}
        </Suspense>
    }
}
