//! The coordinator's event form (new and edit pages): every field with its label, hint
//! and the error the last save reported for it, posted by an `ActionForm` to
//! `save_event` (a plain form post before the wasm has loaded).

use super::{action_error, FormError};
use crate::domain::{OrgType, Sector};
use crate::error::AppError;
use crate::events::api::SaveEvent;
use crate::events::model::{EventErrors, EventField, EventForm};
use crate::i18n::T;
use crate::ui::{use_lang, MultilineText};
use leptos::prelude::*;

/// The field errors of the last save, if it was refused for them.
fn field_errors(action: ServerAction<SaveEvent>) -> Signal<EventErrors> {
    Signal::derive(move || match action.value().get() {
        Some(Err(AppError::EventInvalid(e))) => e,
        _ => EventErrors::default(),
    })
}

#[component]
fn Error(errors: Signal<EventErrors>, field: EventField) -> impl IntoView {
    let lang = use_lang();
    view! {
        <p class="field-error" id=format!("err-{}", field.name()) aria-live="polite">
            {move || errors.get().get(field).map(|t| lang.t(t))}
        </p>
    }
}

/// One text-like input (`kind`: text, email, number, datetime-local) or a textarea.
#[component]
fn Input(
    errors: Signal<EventErrors>,
    field: EventField,
    label: T,
    value: String,
    #[prop(default = "text")] kind: &'static str,
    #[prop(optional)] hint: Option<T>,
    #[prop(default = true)] required: bool,
    #[prop(default = false)] multiline: bool,
) -> impl IntoView {
    let lang = use_lang();
    let name = field.name();
    let invalid = move || errors.get().get(field).is_some().to_string();
    let described = format!(
        "err-{name}{}",
        if hint.is_some() {
            format!(" hint-{name}")
        } else {
            String::new()
        }
    );
    let control = if multiline {
        view! {
            <MultilineText id=name name=name rows=5 value=value required=required
                invalid=Signal::derive(move || errors.get().get(field).is_some())
                described_by=described.clone()/>
        }
        .into_any()
    } else {
        view! {
            <input
                id=name
                name=name
                type=kind
                value=value
                min=(kind == "number").then_some("0")
                required=required
                aria-invalid=invalid
                aria-describedby=described.clone()
            />
        }
        .into_any()
    };
    view! {
        <div class="field" class:has-error=move || errors.get().get(field).is_some()>
            <label for=name>{lang.t(label)}</label>
            {hint.map(|h| view! { <p class="hint" id=format!("hint-{name}")>{lang.t(h)}</p> })}
            {control}
            <Error errors field/>
        </div>
    }
}

/// A group of checkboxes named `{field}[]`.
#[component]
fn Choices(
    errors: Signal<EventErrors>,
    field: EventField,
    label: T,
    options: Vec<(&'static str, T)>,
    chosen: Vec<String>,
) -> impl IntoView {
    let lang = use_lang();
    let name = format!("{}[]", field.name());
    view! {
        <fieldset class="field choices" class:has-error=move || errors.get().get(field).is_some()>
            <legend>{lang.t(label)}</legend>
            {options
                .into_iter()
                .map(|(code, t)| {
                    let id = format!("{}-{code}", field.name());
                    let for_id = id.clone();
                    view! {
                        <label class="check" for=for_id>
                            <input type="checkbox" id=id name=name.clone() value=code checked=chosen.iter().any(|c| c == code)/>
                            " " {lang.t(t)}
                        </label>
                    }
                })
                .collect_view()}
            <Error errors field/>
        </fieldset>
    }
}

/// The whole form. `original` is the slug of the event edited (empty: a new event).
#[component]
pub fn EventFormView(original: String, initial: EventForm, submit: T) -> impl IntoView {
    let lang = use_lang();
    let action = ServerAction::<SaveEvent>::new();
    let errors = field_errors(action);
    let f = initial;
    let org_types = OrgType::ALL.iter().map(|o| (o.code(), o.label())).collect();
    let sectors = Sector::ALL.iter().map(|s| (s.code(), s.label())).collect();
    view! {
        <FormError error=action_error(action)/>
        <ActionForm action attr:class="event-form">
            <input type="hidden" name="original" value=original/>
            <Input errors field=EventField::Title label=T::CoordEventsFieldTitle value=f.title/>
            <Input errors field=EventField::Slug label=T::CoordEventsFieldSlug value=f.slug hint=T::CoordEventsSlugHint required=false/>
            <Input errors field=EventField::Description label=T::CoordEventsFieldDescription value=f.description required=false multiline=true/>
            <Input errors field=EventField::Programme label=T::CoordEventsFieldProgramme value=f.programme required=false multiline=true/>
            <div class="grid two">
                <Input errors field=EventField::VenueName label=T::CoordEventsFieldVenueName value=f.venue_name/>
                <Input errors field=EventField::VenueAddress label=T::CoordEventsFieldVenueAddress value=f.venue_address/>
            </div>
            <p class="hint">{lang.t(T::CoordEventsTimeHint)}</p>
            <div class="grid two">
                <Input errors field=EventField::StartsAt label=T::CoordEventsFieldStartsAt value=f.starts_at kind="datetime-local"/>
                <Input errors field=EventField::EndsAt label=T::CoordEventsFieldEndsAt value=f.ends_at kind="datetime-local"/>
                <Input errors field=EventField::OpensAt label=T::CoordEventsFieldOpensAt value=f.opens_at kind="datetime-local"/>
                <Input errors field=EventField::ClosesAt label=T::CoordEventsFieldClosesAt value=f.closes_at kind="datetime-local"/>
            </div>
            <Input errors field=EventField::Capacity label=T::CoordEventsFieldCapacity value=f.capacity kind="number" hint=T::CoordEventsCapacityHint/>
            <div class="grid two">
                <Input errors field=EventField::OrganiserName label=T::CoordEventsFieldOrganiserName value=f.organiser_name/>
                <Input errors field=EventField::OrganiserEmail label=T::CoordEventsFieldOrganiserEmail value=f.organiser_email kind="email"/>
            </div>
            <Input errors field=EventField::Topics label=T::CoordEventsFieldTopics value=f.topics hint=T::CoordEventsTopicsHint required=false multiline=true/>
            <Choices errors field=EventField::OrgTypes label=T::CoordEventsFieldOrgTypes options=org_types chosen=f.org_types/>
            <Choices errors field=EventField::Sectors label=T::CoordEventsFieldSectors options=sectors chosen=f.sectors/>
            <fieldset class="translations">
                <legend>{lang.t(T::CoordEventsTranslations)}</legend>
                <p class="hint">{lang.t(T::CoordEventsTranslationsHint)}</p>
                <div class="grid two">
                    <Input errors field=EventField::TitleEn label=T::CoordEventsFieldTitleEn value=f.title_en required=false/>
                    <Input errors field=EventField::TitleFr label=T::CoordEventsFieldTitleFr value=f.title_fr required=false/>
                    <Input errors field=EventField::DescriptionEn label=T::CoordEventsFieldDescriptionEn value=f.description_en required=false multiline=true/>
                    <Input errors field=EventField::DescriptionFr label=T::CoordEventsFieldDescriptionFr value=f.description_fr required=false multiline=true/>
                </div>
            </fieldset>
            <button type="submit" class="button primary" disabled=move || action.pending().get()>
                {lang.t(submit)}
            </button>
        </ActionForm>
    }
}
