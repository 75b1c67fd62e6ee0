//! `/coordinator/events/:slug`: the event's edit form, its state (published or not),
//! publish / unpublish (a confirmation box when people registered) and duplicate.

use super::event_form::EventFormView;
use super::{action_error, FormError, QueryNotice};
use crate::events::api::{event_for_edit, DuplicateEvent, PublishEvent, UnpublishEvent};
use crate::i18n::T;
use crate::ui::{use_lang, ErrorCard, Loading};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

#[component]
pub fn EditEventPage() -> impl IntoView {
    let lang = use_lang();
    view! {
        <Title text=lang.t(T::CoordEventsEditTitle)/>
        <super::dashboard::SignedIn>
            <EditEvent/>
        </super::dashboard::SignedIn>
    }
}

#[component]
fn EditEvent() -> impl IntoView {
    let lang = use_lang();
    let params = use_params_map();
    let slug = move || params.read().get("slug").unwrap_or_default();
    let publish = ServerAction::<PublishEvent>::new();
    let unpublish = ServerAction::<UnpublishEvent>::new();
    let duplicate = ServerAction::<DuplicateEvent>::new();
    // The actions redirect back to this page: their versions in the key make the event
    // load again, so the page shows the new state without a reload.
    let event = Resource::new(
        move || (slug(), publish.version().get(), unpublish.version().get()),
        |(slug, _, _)| event_for_edit(slug),
    );
    view! {
        <Suspense fallback=|| view! { <Loading/> }>
            {move || Suspend::new(async move {
                match event.await {
                    Ok(e) => {
                        let (s1, s2, s3, s4, s5) =
                            (e.slug.clone(), e.slug.clone(), e.slug.clone(), e.slug.clone(), e.slug.clone());
                        let state = if e.published { T::CoordEventsPublished } else { T::CoordEventsDraft };
                        let visibility = if e.published {
                            view! {
                                <ActionForm action=unpublish attr:class="inline-form">
                                    <input type="hidden" name="slug" value=s1/>
                                    {(e.registrations > 0).then(|| view! {
                                        <label class="check" for="confirm">
                                            <input type="checkbox" id="confirm" name="confirm" required/>
                                            " " {lang.t(T::CoordEventsUnpublishConfirm)}
                                        </label>
                                    })}
                                    <button type="submit" class="button">{lang.t(T::CoordEventsUnpublish)}</button>
                                </ActionForm>
                            }
                            .into_any()
                        } else {
                            view! {
                                <ActionForm action=publish attr:class="inline-form">
                                    <input type="hidden" name="slug" value=s2/>
                                    <button type="submit" class="button primary">{lang.t(T::CoordEventsPublish)}</button>
                                </ActionForm>
                            }
                            .into_any()
                        };
                        view! {
                            <section class="card coordinator">
                                <h1>{lang.t(T::CoordEventsEditTitle)} ": " {e.form.title.clone()}</h1>
                                <QueryNotice key="saved" text=T::CoordEventsSaved/>
                                <QueryNotice key="published" text=T::CoordEventsPublishedNotice/>
                                <QueryNotice key="unpublished" text=T::CoordEventsUnpublishedNotice/>
                                <QueryNotice key="duplicated" text=T::CoordEventsDuplicatedNotice/>
                                <p>
                                    {lang.t(T::CoordEventsStatus)} ": " <strong>{lang.t(state)}</strong>
                                    " · " {format!("{} / {}", e.confirmed, e.form.capacity)}
                                    " · " <a href=format!("/e/{s3}")>{lang.t(T::CoordEventsViewPage)}</a>
                                </p>
                                <FormError error=action_error(publish)/>
                                <FormError error=action_error(unpublish)/>
                                {visibility}
                                <FormError error=action_error(duplicate)/>
                                <ActionForm action=duplicate attr:class="inline-form">
                                    <input type="hidden" name="slug" value=s4/>
                                    <button type="submit" class="button">{lang.t(T::CoordEventsDuplicate)}</button>
                                    <span class="hint">" " {lang.t(T::CoordEventsDuplicateHint)}</span>
                                </ActionForm>
                                <EventFormView original=s5 initial=e.form submit=T::CoordEventsSave/>
                            </section>
                        }
                        .into_any()
                    }
                    Err(e) => view! { <ErrorCard error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}
