//! The event page: details, programme, places left and the way to register.

use super::{use_lang, ErrorCard, Loading};
use crate::api::get_event;
use crate::event::RegistrationWindow;
use crate::i18n::{format_span, T};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

#[component]
pub fn EventPage() -> impl IntoView {
    let lang = use_lang();
    let params = use_params_map();
    let slug = move || params.read().get("slug").unwrap_or_default();
    let event = Resource::new(slug, get_event);
    view! {
        <Suspense fallback=|| view! { <Loading/> }>
            {move || Suspend::new(async move {
                match event.await {
                    Err(e) => view! { <ErrorCard error=e/> }.into_any(),
                    Ok(e) => {
                        let window = e.window(chrono::Utc::now());
                        let register_href = format!("/e/{}/register", e.slug);
                        let cta = match window {
                            RegistrationWindow::Open => {
                                let label = if e.is_full() { T::RegisterWaitlistCta } else { T::RegisterCta };
                                view! { <a class="button primary" href=register_href>{lang.t(label)}</a> }.into_any()
                            }
                            RegistrationWindow::NotYetOpen => view! { <p class="notice">{lang.t(T::RegistrationNotYetOpen)}</p> }.into_any(),
                            RegistrationWindow::Closed => view! { <p class="notice">{lang.t(T::RegistrationClosed)}</p> }.into_any(),
                        };
                        view! {
                            <Title text=e.title.clone()/>
                            <article class="event">
                                <h1>{e.title.clone()}</h1>
                                <dl class="facts">
                                    <dt>{lang.t(T::When)}</dt>
                                    <dd>{format_span(lang, e.starts_at, e.ends_at)}</dd>
                                    <dt>{lang.t(T::Where)}</dt>
                                    <dd>{format!("{}, {}", e.venue_name, e.venue_address)}</dd>
                                    <dt>{lang.t(T::Places)}</dt>
                                    <dd>
                                        {if e.is_full() {
                                            lang.t(T::EventFull).to_string()
                                        } else {
                                            format!("{} {}", e.places_left(), lang.t(T::PlacesLeft))
                                        }}
                                    </dd>
                                    <dt>{lang.t(T::Organiser)}</dt>
                                    <dd>
                                        {e.organiser_name.clone()} " · "
                                        <a href=format!("mailto:{}", e.organiser_email)>{e.organiser_email.clone()}</a>
                                    </dd>
                                </dl>
                                <div class="cta">{cta}</div>
                                <p class="description">{e.description.clone()}</p>
                                <h2>{lang.t(T::Programme)}</h2>
                                <pre class="programme">{e.programme.clone()}</pre>
                            </article>
                        }
                            .into_any()
                    }
                }
            })}
        </Suspense>
    }
}
