//! The speaker page behind the personal link (`/s/<token>`): the speaker's sessions with
//! who speaks before and after (and for how long), venue and practical information, the
//! confirmed attendees by organisation type, the form to edit their own profile, and their
//! photo (plain multipart form posts). The page loads no wasm (see `assets.rs`), so the
//! forms post plainly and a refused profile post comes back with its messages and the typed
//! values; the hydrated path (the server function) only runs if the coordinator bundle
//! routes here.

use super::{use_lang, ErrorCard, Loading, MultilineText};
use crate::i18n::{format_span, format_time, Lang, T};
use crate::programme::model::Field;
use crate::programme::photo::{photo_text, PhotoProblem, PhotoRef};
use crate::programme::speaker::{
    Neighbour, ProfileErrors, ProfileInput, ProfileOutcome, SpeakerPage, SpeakerSlot,
};
use crate::programme::speaker_api::{open_speaker, UpdateSpeakerProfile};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};
use serde::{Deserialize, Serialize};

/// A profile change posted without the wasm that was refused, rendered back.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct PostedSpeaker {
    pub input: ProfileInput,
    pub errors: ProfileErrors,
    pub general: Option<T>,
}

#[component]
pub fn SpeakerPageView() -> impl IntoView {
    let params = use_params_map();
    let token = move || params.read().get("token").unwrap_or_default();
    let posted = use_context::<PostedSpeaker>();
    let data = Resource::new(token, move |t| {
        let posted = posted.clone();
        async move { (open_speaker(t).await, posted) }
    });
    view! {
        <Suspense fallback=|| view! { <Loading/> }>
            {move || Suspend::new(async move {
                match data.await {
                    (Err(e), _) => view! { <ErrorCard error=e/> }.into_any(),
                    (Ok(page), posted) => view! { <Speaker page token=token() posted/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

fn field_name(f: Field) -> &'static str {
    match f {
        Field::Role => "role",
        Field::Organisation => "organisation",
        Field::Bio => "bio",
        _ => "name",
    }
}

fn field_label(f: Field) -> T {
    match f {
        Field::Role => T::SpeakerRole,
        Field::Organisation => T::Organisation,
        Field::Bio => T::SpeakerBio,
        _ => T::SpeakerName,
    }
}

fn neighbour_view(lang: Lang, label: T, n: Option<Neighbour>, none: T) -> impl IntoView {
    view! {
        <div class="neighbour">
            <h4>{lang.t(label)}</h4>
            {match n {
                None => view! { <p>{lang.t(none)}</p> }.into_any(),
                Some(n) => {
                    let who = if n.speakers.is_empty() {
                        String::new()
                    } else {
                        format!(" — {}", n.speakers.join(", "))
                    };
                    let line = format!(
                        " · {}{who} ({} {})",
                        n.title,
                        n.minutes,
                        lang.t(T::SpeakerMinutes)
                    );
                    view! {
                        <p>
                            <time datetime=n.starts_at.to_rfc3339()>{format_time(n.starts_at)}</time>
                            {line}
                        </p>
                    }
                    .into_any()
                }
            }}
        </div>
    }
}

fn slot_view(lang: Lang, slot: SpeakerSlot) -> impl IntoView {
    let s = slot.session;
    let mut length = format!(" ({} {})", slot.minutes, lang.t(T::SpeakerMinutes));
    if !s.room.is_empty() {
        length.push_str(&format!(" · {} {}", lang.t(T::AgendaRoom), s.room));
    }
    view! {
        <li class="session">
            <h3>{s.title.clone()}</h3>
            <p class="when">
                <time datetime=s.starts_at.to_rfc3339()>{format_time(s.starts_at)}</time>
                "–"
                <time datetime=s.ends_at.to_rfc3339()>{format_time(s.ends_at)}</time>
                {length}
            </p>
            <div class="running-order">
                {neighbour_view(lang, T::SpeakerBefore, slot.before, T::SpeakerOpens)}
                {neighbour_view(lang, T::SpeakerAfter, slot.after, T::SpeakerCloses)}
            </div>
        </li>
    }
}

/// The speaker's photo and the forms to upload another one or remove it. Plain form posts
/// (also when hydrated): the server redirects back here with `?photo=saved|removed` or
/// `?photo_error=<code>`.
#[component]
fn PhotoSection(token: String, name: String, photo: Option<PhotoRef>) -> impl IntoView {
    let lang = use_lang();
    let query = use_query_map();
    let notice = query.with_untracked(|q| match q.get("photo").as_deref() {
        Some("saved") => Some(T::SpeakerPhotoSaved),
        Some("removed") => Some(T::SpeakerPhotoRemoved),
        _ => None,
    });
    let error = query.with_untracked(|q| {
        q.get("photo_error")
            .and_then(|c| PhotoProblem::parse(&c))
            .map(PhotoProblem::message)
    });
    let has_photo = photo.is_some();
    let current = match photo {
        Some(p) => view! {
            <figure class="speaker-photo">
                <img src=p.url alt=name width=p.width height=p.height/>
                <figcaption>{lang.t(T::SpeakerPhotoCurrent)}</figcaption>
            </figure>
        }
        .into_any(),
        None => view! { <p>{lang.t(T::SpeakerPhotoNone)}</p> }.into_any(),
    };
    let remove = has_photo.then(|| {
        view! {
            <form method="post" action=format!("/s/{token}/photo/remove") class="remove-photo">
                <label class="check" for="f-photo-confirm">
                    <input id="f-photo-confirm" type="checkbox" name="confirm" value="yes" aria-describedby="photo-error"/>
                    {lang.t(T::SpeakerPhotoRemoveConfirm)}
                </label>
                <button type="submit" class="button danger">{lang.t(T::SpeakerPhotoRemove)}</button>
            </form>
        }
    });
    view! {
        <section class="card form-card" aria-labelledby="speaker-photo">
            <h2 id="speaker-photo">{lang.t(T::SpeakerPhotoTitle)}</h2>
            <p class="hint" id="photo-hint">{photo_text(lang, T::SpeakerPhotoHint)}</p>
            <p class="notice success" role="status">{notice.map(|t| lang.t(t))}</p>
            <div class="form-error" id="photo-error" role="alert" tabindex="-1" autofocus=error.is_some()>
                {error.map(|t| view! { <p>{photo_text(lang, t)}</p> })}
            </div>
            {current}
            <form method="post" action=format!("/s/{token}/photo") enctype="multipart/form-data">
                <div class="field" class:has-error=error.is_some()>
                    <label for="f-photo">{lang.t(T::SpeakerPhotoFile)}</label>
                    <input id="f-photo" name="photo" type="file" accept="image/jpeg,image/png,image/webp"
                        aria-describedby="photo-hint photo-error"/>
                </div>
                <button type="submit" class="button primary">
                    {lang.t(if has_photo { T::SpeakerPhotoReplace } else { T::SpeakerPhotoUpload })}
                </button>
            </form>
            {remove}
        </section>
    }
}

#[component]
fn Speaker(page: SpeakerPage, token: String, posted: Option<PostedSpeaker>) -> impl IntoView {
    let lang = use_lang();
    let query = use_query_map();
    let saved = RwSignal::new(query.with_untracked(|q| q.get("saved").is_some()));
    let posted_refused = posted.as_ref().is_some_and(|p| p.general.is_some());
    let posted = posted.unwrap_or_default();
    let initial = if posted_refused {
        posted.input.clone()
    } else {
        ProfileInput {
            name: page.speaker.name.clone(),
            role: page.speaker.role.clone(),
            organisation: page.speaker.organisation.clone(),
            bio: page.speaker.bio.clone(),
        }
    };
    let form = RwSignal::new(initial.clone());
    let errors = RwSignal::new(posted.errors.clone());
    let general = RwSignal::new(posted.general);
    let update = ServerAction::<UpdateSpeakerProfile>::new();
    Effect::new(move |_| match update.value().get() {
        Some(Ok(ProfileOutcome::Saved)) => {
            saved.set(true);
            errors.set(ProfileErrors::default());
            general.set(None);
        }
        Some(Ok(ProfileOutcome::Invalid(e))) => {
            errors.set(e);
            saved.set(false);
            general.set(Some(T::FixErrors));
        }
        Some(Err(e)) => general.set(Some(e.message())),
        None => {}
    });
    let on_save = {
        let token = token.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            saved.set(false);
            let input = form.get_untracked();
            match input.validate() {
                Err(e) => {
                    errors.set(e);
                    general.set(Some(T::FixErrors));
                }
                Ok(_) => {
                    update.dispatch(UpdateSpeakerProfile {
                        token: token.clone(),
                        input,
                    });
                }
            }
        }
    };
    let field = move |f: Field| {
        let id = format!("f-{}", field_name(f));
        let err = format!("err-{}", field_name(f));
        let value = initial.value(f).to_string();
        let set = move |v: String| {
            form.update(|p| match f {
                Field::Role => p.role = v,
                Field::Organisation => p.organisation = v,
                Field::Bio => p.bio = v,
                _ => p.name = v,
            })
        };
        let invalid = move || errors.with(|e| e.get(f).is_some());
        let control = if f == Field::Bio {
            view! {
                <MultilineText id=id.clone() name=field_name(f) rows=6 value=value
                    invalid=Signal::derive(invalid) described_by=err.clone() on_input=set/>
            }
            .into_any()
        } else {
            view! {
                <input id=id.clone() name=field_name(f) type="text" value=value
                    aria-required=if f == Field::Name { "true" } else { "false" }
                    aria-invalid=move || invalid().to_string() aria-describedby=err.clone()
                    on:input=move |ev| set(event_target_value(&ev))/>
            }
            .into_any()
        };
        view! {
            <div class="field" class:has-error=move || errors.with(|e| e.get(f).is_some())>
                <label for=id>
                    {lang.t(field_label(f))}
                    {(f == Field::Name).then(|| view! { <span class="req" title=lang.t(T::Required)>" *"</span> })}
                </label>
                {control}
                <p class="field-error" id=err aria-live="polite">
                    {move || errors.with(|e| e.get(f)).map(|t| lang.t(t))}
                </p>
            </div>
        }
    };
    let audience_total = page.audience_total();
    let audience = if page.audience.is_empty() {
        view! { <p>{lang.t(T::SpeakerAudienceNone)}</p> }.into_any()
    } else {
        view! {
            <ul class="audience">
                {page.audience.iter().map(|(label, n)| view! { <li>{lang.t(*label)} ": " <strong>{*n}</strong></li> }).collect_view()}
            </ul>
            <p>{lang.t(T::SpeakerAudienceTotal)} ": " <strong>{audience_total}</strong></p>
        }
        .into_any()
    };
    let sessions = if page.slots.is_empty() {
        view! { <p>{lang.t(T::SpeakerNoSessions)}</p> }.into_any()
    } else {
        view! {
            <ol class="speaker-sessions">
                {page.slots.into_iter().map(|s| slot_view(lang, s)).collect_view()}
            </ol>
        }
        .into_any()
    };
    let agenda_link = page.event_published.then(|| {
        view! { <p><a href=format!("/e/{}/agenda", page.event_slug)>{lang.t(T::AgendaOpen)}</a></p> }
    });
    let illustrative = page
        .times_illustrative
        .then(|| view! { <p class="hint">{lang.t(T::AgendaTimesIllustrative)}</p> });
    let page_title = format!("{} — {}", lang.t(T::SpeakerPageTitle), page.event_title);
    view! {
        <Title text=page_title/>
        <section class="card">
            <h1>{lang.t(T::SpeakerPageTitle)}</h1>
            <p class="event-ref">{page.event_title.clone()}</p>
            <p><strong>{page.speaker.name.clone()}</strong></p>
        </section>
        <section class="card" aria-labelledby="speaker-sessions">
            <h2 id="speaker-sessions">{lang.t(T::SpeakerYourSessions)}</h2>
            {illustrative}
            {sessions}
            {agenda_link}
        </section>
        <section class="card" aria-labelledby="speaker-practical">
            <h2 id="speaker-practical">{lang.t(T::SpeakerPractical)}</h2>
            <dl class="facts">
                <dt>{lang.t(T::When)}</dt>
                <dd>{format_span(lang, page.starts_at, page.ends_at)}</dd>
                <dt>{lang.t(T::Where)}</dt>
                <dd>{page.venue_name.clone()} ", " {page.venue_address.clone()}</dd>
                <dt>{lang.t(T::Organiser)}</dt>
                <dd>{page.organiser_name.clone()} " · "
                    <a href=format!("mailto:{}", page.organiser_email)>{page.organiser_email.clone()}</a>
                </dd>
            </dl>
        </section>
        <section class="card" aria-labelledby="speaker-audience">
            <h2 id="speaker-audience">{lang.t(T::SpeakerAudience)}</h2>
            {audience}
        </section>
        <section class="card form-card" aria-labelledby="speaker-profile">
            <h2 id="speaker-profile">{lang.t(T::SpeakerProfileTitle)}</h2>
            <p class="hint">{lang.t(T::SpeakerProfileHint)}</p>
            <div class="form-error" id="form-error" role="alert" tabindex="-1" autofocus=posted_refused>
                {move || general.get().map(|t| view! { <p>{lang.t(t)}</p> })}
            </div>
            <form method="post" action=format!("/s/{token}") novalidate=true on:submit=on_save>
                <p class="notice success" role="status">{move || saved.get().then(|| lang.t(T::Saved))}</p>
                {field(Field::Name)}
                {field(Field::Role)}
                {field(Field::Organisation)}
                {field(Field::Bio)}
                <button type="submit" class="button primary" disabled=move || update.pending().get()>{lang.t(T::Save)}</button>
            </form>
        </section>
        <PhotoSection token=token.clone() name=page.speaker.name.clone() photo=page.speaker.photo.clone()/>
    }
    .into_any()
}
