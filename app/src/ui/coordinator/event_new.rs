//! `/coordinator/events/new`: an empty event form (every organisation type and sector
//! offered); saving creates the event unpublished and opens its edit page.

use super::event_form::EventFormView;
use crate::events::model::EventForm;
use crate::i18n::T;
use crate::ui::use_lang;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn NewEventPage() -> impl IntoView {
    let lang = use_lang();
    view! {
        <Title text=lang.t(T::CoordEventsNew)/>
        <super::dashboard::SignedIn>
            <section class="card coordinator">
                <h1>{lang.t(T::CoordEventsNew)}</h1>
                <EventFormView original=String::new() initial=EventForm::blank() submit=T::CoordEventsCreate/>
            </section>
        </super::dashboard::SignedIn>
    }
}
