//! `/coordinator/events/:slug/programme`: the programme editor. Sessions in time order,
//! each with its edit form (moving a session = changing its times) and a delete that asks
//! for a confirmation; speakers with edit, delete and "mail the speaker link"; forms to add
//! both. All are `ActionForm`s over the editor's server functions; a refusal (a conflict,
//! a missing title …) shows its message under the field it is about.

use super::QueryNotice;
use crate::error::AppError;
use crate::i18n::{format_time, T};
use crate::programme::editor_api::{
    get_programme_editor, DeleteSession, DeleteSpeaker, EditorSpeaker, EditorView, NotifyAttendees,
    RemoveSpeakerPhoto, SaveSession, SaveSpeaker,
};
use crate::programme::model::{Problem, SessionKind, SessionView, SpeakerView};
use crate::programme::photo::{photo_text, PhotoProblem};
use crate::programme::speaker_api::SendSpeakerLink;
use crate::ui::{use_lang, ErrorCard, Loading, MultilineText};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

#[component]
pub fn ProgrammeEditorPage() -> impl IntoView {
    let lang = use_lang();
    view! {
        <Title text=lang.t(T::CoordProgTitle)/>
        <super::dashboard::SignedIn>
            <Editor/>
        </super::dashboard::SignedIn>
    }
}

/// Which field of a form a refusal is about ("" for the form as a whole).
fn field_of(e: &AppError) -> &'static str {
    match e {
        AppError::ProgrammeInvalid(p) => match p {
            Problem::TitleRequired => "title",
            Problem::NameRequired => "name",
            Problem::InvalidEmail | Problem::NoContactAddress => "contact_email",
            Problem::EndNotAfterStart | Problem::OutsideEvent | Problem::InvalidTime => "start",
            Problem::RoomTaken { .. } => "room",
            Problem::SpeakerBusy { .. } | Problem::UnknownSpeaker(_) => "speaker1",
            Problem::TooLong(f) | Problem::InvalidChars(f) => match f {
                crate::programme::model::Field::Title => "title",
                crate::programme::model::Field::Description => "description",
                crate::programme::model::Field::Room => "room",
                crate::programme::model::Field::Name => "name",
                crate::programme::model::Field::Role => "role",
                crate::programme::model::Field::Organisation => "organisation",
                crate::programme::model::Field::Bio => "bio",
            },
        },
        _ => "",
    }
}

/// The message of `error` if it is about `field` of the form `form`.
fn error_for<S>(action: ServerAction<S>, field: &'static str) -> impl IntoView
where
    S: leptos::server_fn::ServerFn<Error = AppError, Output = ()> + Clone + Send + Sync + 'static,
{
    let lang = use_lang();
    move || {
        action.value().get().and_then(|r| r.err()).and_then(|e| {
            (field_of(&e) == field)
                .then(|| view! { <p class="field-error" role="alert">{lang.t(e.message())}</p> })
        })
    }
}

/// Counts the editor's saved changes: the programme loads again after each.
#[derive(Clone, Copy)]
struct Changes(RwSignal<u32>);

/// Loads the programme again once `action` succeeded.
fn reload_after<S>(action: ServerAction<S>)
where
    S: leptos::server_fn::ServerFn<Error = AppError, Output = ()> + Clone + Send + Sync + 'static,
{
    if let Some(Changes(changes)) = use_context::<Changes>() {
        Effect::new(move |_| {
            if let Some(Ok(())) = action.value().get() {
                changes.update(|n| *n += 1);
            }
        });
    }
}

#[component]
fn Editor() -> impl IntoView {
    let params = use_params_map();
    let slug = move || params.read().get("slug").unwrap_or_default();
    let changes = RwSignal::new(0u32);
    provide_context(Changes(changes));
    let data = Resource::new(
        move || (slug(), changes.get()),
        |(slug, _)| get_programme_editor(slug),
    );
    view! {
        <Suspense fallback=|| view! { <Loading/> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(v) => view! { <EditorBody v/> }.into_any(),
                    Err(e) => view! { <ErrorCard error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn EditorBody(v: EditorView) -> impl IntoView {
    let lang = use_lang();
    let speakers = StoredValue::new(v.speakers.clone());
    let slug = v.slug.clone();
    let sessions = v
        .sessions
        .iter()
        .map(|s| {
            let s = s.clone();
            let slug = slug.clone();
            let line = format!(
                "{}–{} · {}",
                format_time(s.starts_at),
                format_time(s.ends_at),
                s.title
            );
            let who = s.speakers.iter().map(|k| k.name.clone()).collect::<Vec<_>>().join(", ");
            view! {
                <li class="session" data-session-id=s.id>
                    <p><strong>{line}</strong> {(!who.is_empty()).then(|| format!(" — {who}"))}</p>
                    <details>
                        <summary class="button link">{lang.t(T::CoordProgEdit)}</summary>
                        <SessionForm slug=slug.clone() session=Some(s.clone()) speakers=speakers.get_value()/>
                    </details>
                    <DeleteForm slug=slug.clone() id=s.id speaker=false/>
                </li>
            }
        })
        .collect_view();
    let speaker_rows = v
        .speakers
        .iter()
        .map(|k| {
            let k = k.clone();
            let slug = slug.clone();
            view! { <SpeakerRow slug k/> }
        })
        .collect_view();
    // Marks the editor once its forms are hydrated: the Suspense content hydrates after the
    // page's `body[data-hydrated]`, and a form used before that posts without JavaScript.
    let editor = NodeRef::<leptos::html::Section>::new();
    Effect::new(move |_| {
        if let Some(el) = editor.get() {
            let _ = el.set_attribute("data-hydrated", "true");
        }
    });
    view! {
        <section class="card coordinator programme-editor" node_ref=editor>
            <h1>{lang.t(T::CoordProgTitle)}</h1>
            <p class="event-ref"><a href=format!("/coordinator/events/{}", v.slug)>{v.title.clone()}</a></p>
            <QueryNotice key="saved" text=T::CoordProgSaved/>
            <QueryNotice key="deleted" text=T::CoordProgDeleted/>
            <QueryNotice key="link_sent" text=T::CoordSpeakerLinkSent/>
            <QueryNotice key="notified" text=T::CoordProgNotified/>
            <p class="hint">{lang.t(T::CoordProgTimesHint)}</p>
            <h2>{lang.t(T::CoordProgSessions)}</h2>
            <ol class="programme-sessions">{sessions}</ol>
            <details>
                <summary class="button">{lang.t(T::CoordProgAddSession)}</summary>
                <SessionForm slug=slug.clone() session=None speakers=v.speakers.clone()/>
            </details>
        </section>
        <section class="card coordinator">
            <h2>{lang.t(T::AgendaSpeakers)}</h2>
            <ul class="programme-speakers">{speaker_rows}</ul>
            <details>
                <summary class="button">{lang.t(T::CoordProgAddSpeaker)}</summary>
                <SpeakerForm slug=slug.clone() k=None/>
            </details>
        </section>
        <Notify slug=slug.clone() subject=v.notice_subject.clone() text=v.notice_text.clone() count=v.notice_recipients/>
    }
}

/// The notice to confirmed attendees after a change: its preview, then a confirmed send.
#[component]
fn Notify(slug: String, subject: String, text: String, count: usize) -> impl IntoView {
    let lang = use_lang();
    let action = ServerAction::<NotifyAttendees>::new();
    reload_after(action);
    view! {
        <section class="card coordinator" aria-labelledby="notify-heading">
            <h2 id="notify-heading">{lang.t(T::CoordProgNotifyTitle)}</h2>
            <p>{lang.t(T::CoordProgNotifyIntro)}</p>
            <div class="mail-preview" data-testid="notice-preview">
                <p><strong>{subject}</strong></p>
                <pre>{text}</pre>
            </div>
            <p>{format!("{}: {count}", lang.t(T::CoordProgNotifyCount))}</p>
            <ActionForm action attr:class="inline-form">
                <input type="hidden" name="slug" value=slug/>
                <label class="check" for="notify-confirm">
                    <input type="checkbox" id="notify-confirm" name="confirm" value="yes" required/>
                    " " {lang.t(T::CoordProgNotifyConfirm)}
                </label>
                <button type="submit" class="button" disabled=move || count == 0 || action.pending().get()>
                    {lang.t(T::CoordProgNotifySend)}
                </button>
                {error_for(action, "")}
            </ActionForm>
        </section>
    }
}

#[component]
fn SessionForm(
    slug: String,
    session: Option<SessionView>,
    speakers: Vec<EditorSpeaker>,
) -> impl IntoView {
    let lang = use_lang();
    let action = ServerAction::<SaveSession>::new();
    reload_after(action);
    let id = session.as_ref().map_or(0, |s| s.id);
    let p = format!("s{id}-");
    let value = |f: fn(&SessionView) -> String| session.as_ref().map(f).unwrap_or_default();
    let kind = session.as_ref().map_or(SessionKind::Talk, |s| s.kind);
    let chosen: Vec<i64> = session
        .as_ref()
        .map(|s| s.speakers.iter().map(|k| k.id).collect())
        .unwrap_or_default();
    let selects = (0..3)
        .map(|n| {
            let name = ["speaker1", "speaker2", "speaker3"][n];
            let current = chosen.get(n).copied();
            let id = format!("{p}{name}");
            let options = speakers
                .iter()
                .map(|k| {
                    view! {
                        <option value=k.speaker.id selected=current == Some(k.speaker.id)>{k.speaker.name.clone()}</option>
                    }
                })
                .collect_view();
            view! {
                <div class="field">
                    <label for=id.clone()>{format!("{} {}", lang.t(T::CoordProgFieldSpeaker), n + 1)}</label>
                    <select id=id name=name>
                        <option value="" selected=current.is_none()>{lang.t(T::CoordProgNoSpeaker)}</option>
                        {options}
                    </select>
                    {(n == 0).then(|| error_for(action, "speaker1"))}
                </div>
            }
        })
        .collect_view();
    let ids = ["title", "kind", "start", "end", "room", "description"].map(|f| format!("{p}{f}"));
    let [i_title, i_kind, i_start, i_end, i_room, i_desc] = ids;
    let (v_title, v_start, v_end, v_room, v_desc) = (
        value(|s| s.title.clone()),
        value(|s| format_time(s.starts_at)),
        value(|s| format_time(s.ends_at)),
        value(|s| s.room.clone()),
        value(|s| s.description.clone()),
    );
    let kinds = SessionKind::ALL
        .iter()
        .map(|k| view! { <option value=k.code() selected=*k == kind>{lang.t(k.label())}</option> })
        .collect_view();
    view! {
        <ActionForm action attr:class="programme-form">
            <input type="hidden" name="slug" value=slug/>
            <input type="hidden" name="id" value=id/>
            <div class="field">
                <label for=i_title.clone()>{lang.t(T::CoordProgFieldTitle)}</label>
                <input id=i_title name="title" type="text" value=v_title/>
                {error_for(action, "title")}
            </div>
            <div class="field">
                <label for=i_kind.clone()>{lang.t(T::CoordProgFieldKind)}</label>
                <select id=i_kind name="kind">{kinds}</select>
            </div>
            <div class="field">
                <label for=i_start.clone()>{lang.t(T::CoordProgFieldStart)}</label>
                <input id=i_start name="start" type="text" inputmode="numeric" value=v_start/>
                {error_for(action, "start")}
            </div>
            <div class="field">
                <label for=i_end.clone()>{lang.t(T::CoordProgFieldEnd)}</label>
                <input id=i_end name="end" type="text" inputmode="numeric" value=v_end/>
            </div>
            <div class="field">
                <label for=i_room.clone()>{lang.t(T::AgendaRoom)}</label>
                <input id=i_room name="room" type="text" value=v_room/>
                {error_for(action, "room")}
            </div>
            {selects}
            <div class="field">
                <label for=i_desc.clone()>{lang.t(T::CoordProgFieldDescription)}</label>
                <MultilineText id=i_desc name="description" rows=3 value=v_desc/>
                {error_for(action, "description")}
            </div>
            {error_for(action, "")}
            <button type="submit" class="button primary" disabled=move || action.pending().get()>{lang.t(T::CoordProgSave)}</button>
        </ActionForm>
    }
}

#[component]
fn DeleteForm(slug: String, id: i64, speaker: bool) -> impl IntoView {
    let lang = use_lang();
    let box_id = format!("del-{}{id}", if speaker { "k" } else { "s" });
    let form = move |slug: String, box_id: String| {
        let label_for = box_id.clone();
        view! {
            <input type="hidden" name="slug" value=slug/>
            <input type="hidden" name="id" value=id/>
            <label class="check" for=label_for>
                <input type="checkbox" id=box_id name="confirm" value="yes" required/>
                " " {lang.t(T::CoordProgDeleteConfirm)}
            </label>
            <button type="submit" class="button danger">{lang.t(T::CoordProgDelete)}</button>
        }
    };
    view! {
        <details class="confirm">
            <summary class="button link">{lang.t(T::CoordProgDelete)}</summary>
            {if speaker {
                let action = ServerAction::<DeleteSpeaker>::new();
                reload_after(action);
                view! { <ActionForm action attr:class="inline-form">{form(slug, box_id)}{error_for(action, "")}</ActionForm> }.into_any()
            } else {
                let action = ServerAction::<DeleteSession>::new();
                reload_after(action);
                view! { <ActionForm action attr:class="inline-form">{form(slug, box_id)}{error_for(action, "")}</ActionForm> }.into_any()
            }}
        </details>
    }
}

#[component]
fn SpeakerRow(slug: String, k: EditorSpeaker) -> impl IntoView {
    let lang = use_lang();
    let send = ServerAction::<SendSpeakerLink>::new();
    let id = k.speaker.id;
    let line = [k.speaker.name.clone(), k.speaker.affiliation()]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(" — ");
    let lang_id = format!("link-lang-{id}");
    let (slug_link, slug_edit) = (slug.clone(), slug.clone());
    view! {
        <li class="speaker" id=format!("speaker-{id}") data-speaker-id=id>
            <p><strong>{line}</strong></p>
            <ActionForm action=send attr:class="inline-form">
                <input type="hidden" name="slug" value=slug_link/>
                <input type="hidden" name="id" value=id/>
                <label for=lang_id.clone()>{lang.t(T::CoordProgMailLang)}</label>
                " "
                <select id=lang_id name="lang">
                    <option value="nl" lang="nl">"Nederlands"</option>
                    <option value="en" lang="en">"English"</option>
                    <option value="fr" lang="fr">"Français"</option>
                </select>
                " "
                <button type="submit" class="button" disabled=move || send.pending().get()>{lang.t(T::CoordSpeakerSendLink)}</button>
                {error_for(send, "contact_email")}
                {error_for(send, "")}
            </ActionForm>
            <details>
                <summary class="button link">{lang.t(T::CoordProgEdit)}</summary>
                <SpeakerForm slug=slug_edit k=Some(k.clone())/>
            </details>
            <SpeakerPhoto slug=slug.clone() k=k.speaker.clone()/>
            <DeleteForm slug id speaker=true/>
        </li>
    }
}

/// A speaker's photo: the current one, a plain multipart upload (the server checks and
/// re-encodes it, then comes back here with `?speaker=<id>&photo=saved` or
/// `&photo_error=<code>`) and a confirmed removal. Open when it has news for this speaker.
#[component]
fn SpeakerPhoto(slug: String, k: SpeakerView) -> impl IntoView {
    let lang = use_lang();
    let remove = ServerAction::<RemoveSpeakerPhoto>::new();
    reload_after(remove);
    let id = k.id;
    let query = use_query_map();
    let (notice, error) = query.with_untracked(|q| {
        if q.get("speaker").and_then(|s| s.parse::<i64>().ok()) != Some(id) {
            return (None, None);
        }
        let notice = match q.get("photo").as_deref() {
            Some("saved") => Some(T::CoordPhotoSaved),
            Some("removed") => Some(T::CoordPhotoRemoved),
            _ => None,
        };
        let error = q
            .get("photo_error")
            .and_then(|c| PhotoProblem::parse(&c))
            .map(PhotoProblem::message);
        (notice, error)
    });
    let (file_id, error_id, confirm_id) = (
        format!("k{id}-photo"),
        format!("k{id}-photo-error"),
        format!("k{id}-photo-confirm"),
    );
    let current = match &k.photo {
        Some(p) => view! {
            <img class="speaker-thumb" src=p.url.clone() alt=k.name.clone() width=p.width height=p.height/>
        }
        .into_any(),
        None => view! { <p>{lang.t(T::CoordPhotoNone)}</p> }.into_any(),
    };
    let upload = format!("/coordinator/events/{slug}/speakers/{id}/photo");
    let remove_form = k.photo.is_some().then(|| {
        view! {
            <ActionForm action=remove attr:class="inline-form">
                <input type="hidden" name="slug" value=slug/>
                <input type="hidden" name="id" value=id/>
                <label class="check" for=confirm_id.clone()>
                    <input type="checkbox" id=confirm_id.clone() name="confirm" value="yes" required/>
                    " " {lang.t(T::CoordPhotoRemoveConfirm)}
                </label>
                <button type="submit" class="button danger">{lang.t(T::SpeakerPhotoRemove)}</button>
                {error_for(remove, "")}
            </ActionForm>
        }
    });
    view! {
        <details class="speaker-photo-editor" open=notice.is_some() || error.is_some()>
            <summary class="button link">{lang.t(T::CoordPhotoTitle)}</summary>
            <p class="notice success" role="status">{notice.map(|t| lang.t(t))}</p>
            <div class="form-error" id=error_id.clone() role="alert">
                {error.map(|t| view! { <p>{photo_text(lang, t)}</p> })}
            </div>
            {current}
            <form method="post" enctype="multipart/form-data" action=upload>
                <div class="field" class:has-error=error.is_some()>
                    <label for=file_id.clone()>{lang.t(T::SpeakerPhotoFile)}</label>
                    <input id=file_id name="photo" type="file" accept="image/jpeg,image/png,image/webp"
                        required aria-describedby=error_id/>
                </div>
                <p class="hint">{photo_text(lang, T::CoordPhotoHint)}</p>
                <button type="submit" class="button">
                    {lang.t(if k.photo.is_some() { T::SpeakerPhotoReplace } else { T::SpeakerPhotoUpload })}
                </button>
            </form>
            {remove_form}
        </details>
    }
}

#[component]
fn SpeakerForm(slug: String, k: Option<EditorSpeaker>) -> impl IntoView {
    let lang = use_lang();
    let action = ServerAction::<SaveSpeaker>::new();
    reload_after(action);
    let id = k.as_ref().map_or(0, |k| k.speaker.id);
    let p = format!("k{id}-");
    let value = |f: fn(&EditorSpeaker) -> String| k.as_ref().map(f).unwrap_or_default();
    let text = |name: &'static str, label: T, v: String| {
        let fid = format!("{p}{name}");
        view! {
            <div class="field">
                <label for=fid.clone()>{lang.t(label)}</label>
                <input id=fid name=name type="text" value=v/>
                {error_for(action, name)}
            </div>
        }
    };
    let fields = (
        text("name", T::SpeakerName, value(|k| k.speaker.name.clone())),
        text("role", T::SpeakerRole, value(|k| k.speaker.role.clone())),
        text(
            "organisation",
            T::Organisation,
            value(|k| k.speaker.organisation.clone()),
        ),
        text(
            "contact_email",
            T::CoordProgFieldContact,
            value(|k| k.contact_email.clone()),
        ),
    );
    let bio_id = format!("{p}bio");
    let bio = value(|k| k.speaker.bio.clone());
    view! {
        <ActionForm action attr:class="programme-form">
            <input type="hidden" name="slug" value=slug/>
            <input type="hidden" name="id" value=id/>
            {fields}
            <div class="field">
                <label for=bio_id.clone()>{lang.t(T::SpeakerBio)}</label>
                <MultilineText id=bio_id name="bio" rows=4 value=bio/>
                {error_for(action, "bio")}
            </div>
            {error_for(action, "")}
            <button type="submit" class="button primary" disabled=move || action.pending().get()>{lang.t(T::CoordProgSave)}</button>
        </ActionForm>
    }
}
