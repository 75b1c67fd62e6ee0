//! The personal manage page behind the link in the mail: shows the registration (opening
//! it changes nothing), lets the attendee edit it or cancel it after an explicit
//! confirmation until changes close. Works as plain form posts and, hydrated, via server
//! functions; a refused plain post comes back with its message and the typed values.

use super::agenda::CompactAgenda;
use super::fields::{ErrorSummary, FormCtx, RegistrationFields};
use super::{text_lang, use_lang, ErrorCard, Loading};
use crate::api::{open_registration, CancelRegistration, UpdateRegistration};
use crate::i18n::T;
use crate::programme::api::get_agenda;
use crate::programme::model::AgendaView;
use crate::registration::{FieldErrors, ManageView, RegisterOutcome, Status};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};
use serde::{Deserialize, Serialize};

/// An edit or cancellation posted without the wasm that was refused, rendered back.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct PostedManage {
    /// The typed values of an edit (`None`: show the stored values).
    pub form: Option<crate::registration::RegistrationForm>,
    pub errors: FieldErrors,
    /// A message for the whole page (changes closed, our fault …).
    pub general: Option<T>,
}

#[component]
pub fn ManagePage() -> impl IntoView {
    let params = use_params_map();
    let token = move || params.read().get("token").unwrap_or_default();
    let posted = use_context::<PostedManage>();
    let data = Resource::new(token, move |t| {
        let posted = posted.clone();
        async move {
            let registration = open_registration(t).await;
            // The event's agenda (none for an event without a public programme).
            let agenda = match &registration {
                Ok(v) => get_agenda(v.event.slug.clone()).await.ok(),
                Err(_) => None,
            };
            (registration, posted, agenda)
        }
    });
    view! {
        <Suspense fallback=|| view! { <Loading/> }>
            {move || Suspend::new(async move {
                match data.await {
                    (Err(e), _, _) => view! { <ErrorCard error=e/> }.into_any(),
                    (Ok(view), posted, agenda) => view! { <Manage view token=token() posted agenda/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Manage(
    view: ManageView,
    token: String,
    posted: Option<PostedManage>,
    agenda: Option<AgendaView>,
) -> impl IntoView {
    let lang = use_lang();
    let query = use_query_map();
    let flag = move |k: &str| query.with_untracked(|q| q.get(k).is_some());
    let status = RwSignal::new(view.status);
    let saved = RwSignal::new(flag("saved"));
    let cancel_error = RwSignal::new(flag("cancel_error"));
    // A refused plain post comes back with the summary focused.
    let posted_refused = posted.as_ref().is_some_and(|p| p.general.is_some());
    let posted = posted.unwrap_or_default();
    let initial = posted.form.unwrap_or_else(|| view.form.clone());
    let ctx = FormCtx::new(initial.clone(), posted.errors, &view.event.topics);
    let closed = view.changes_closed;
    let general = RwSignal::new(posted.general.or(closed.then_some(T::ChangesClosed)));
    let update = ServerAction::<UpdateRegistration>::new();
    let cancel = ServerAction::<CancelRegistration>::new();
    Effect::new(move |_| match update.value().get() {
        Some(Ok(RegisterOutcome::Accepted | RegisterOutcome::WaitListed)) => {
            saved.set(true);
            general.set(None);
        }
        Some(Ok(RegisterOutcome::Invalid(e))) => {
            ctx.errors.set(e);
            saved.set(false);
            general.set(Some(T::FixErrors));
        }
        Some(Err(e)) => general.set(Some(e.message())),
        None => {}
    });
    Effect::new(move |_| match cancel.value().get() {
        Some(Ok(true)) => status.set(Status::Cancelled),
        Some(Ok(false)) => cancel_error.set(true),
        Some(Err(e)) => general.set(Some(e.message())),
        None => {}
    });
    let confirm_cancel = RwSignal::new(false);
    let on_save = {
        let token = token.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            saved.set(false);
            let mut form = ctx.form.get_untracked();
            form.consent = true;
            match form.validate(&ctx.menu(), lang) {
                Err(e) => {
                    ctx.errors.set(e);
                    general.set(Some(T::FixErrors));
                }
                Ok(_) => {
                    update.dispatch(UpdateRegistration {
                        token: token.clone(),
                        form,
                        lang,
                    });
                }
            }
        }
    };
    let on_cancel = {
        let token = token.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            if confirm_cancel.get_untracked() {
                cancel_error.set(false);
                cancel.dispatch(CancelRegistration {
                    token: token.clone(),
                    confirm: true,
                });
            } else {
                cancel_error.set(true);
            }
        }
    };
    let event = view.event.clone();
    let topics = view.event.topics.clone();
    let tables = view.tables.clone();
    let checkin_qr = view.checkin_qr.clone();
    let slug = StoredValue::new(event.slug.clone());
    let page_title = {
        let event_title = event.title_in(lang).text.to_string();
        move || {
            let what = if status.get() == Status::Cancelled {
                T::CancelledTitle
            } else {
                T::ManageTitle
            };
            format!("{} — {}", lang.t(what), event_title)
        }
    };
    view! {
        <Title text=page_title/>
        <section class="card">
            <h1>{lang.t(T::ManageTitle)}</h1>
            <p class="event-ref"><a href=format!("/e/{}", event.slug) lang=text_lang(lang, event.title_in(lang))>{event.title_in(lang).text.to_string()}</a></p>
            <p class="status" data-status=move || status.get().code()>
                {move || match status.get() {
                    Status::Confirmed => lang.t(T::StatusConfirmed),
                    Status::Waitlisted => lang.t(T::StatusWaitlisted),
                    Status::Cancelled => lang.t(T::StatusCancelled),
                }}
            </p>
            <p class="hint">{lang.t(T::YourEmail)} ": " {view.email.clone()}</p>
            <ErrorSummary ctx general autofocus=posted_refused/>
        </section>
        <Show when=move || status.get() != Status::Cancelled fallback=move || view! {
            <section class="card">
                <p class="notice" role="status">{lang.t(T::Cancelled)}</p>
                <p><a href=format!("/e/{}/register", slug.get_value())>{lang.t(T::MailRegisterAgainButton)}</a></p>
            </section>
        }>
            // Published tables when the programme has no networking rounds to show them in.
            {(!tables.is_empty()
                && !agenda.as_ref().is_some_and(|a| a.sessions.iter().any(|s| s.round.is_some())))
                .then(|| view! {
                    <section class="card tables-card" aria-labelledby="tables-title">
                        <h2 id="tables-title">{lang.t(T::MailSubjectTables)}</h2>
                        <ul>
                            {tables.iter().map(|(round, table)| view! {
                                <li>{format!("{} {round}: {} {table}", lang.t(T::AgendaRound), lang.t(T::AgendaYourTable))}</li>
                            }).collect_view()}
                        </ul>
                    </section>
                })}
            // The desk's QR code: an SVG drawn on the server (no QR code in the bundle).
            {checkin_qr.clone().map(|svg| view! {
                <section class="card qr-card" aria-labelledby="qr-title">
                    <h2 id="qr-title">{lang.t(T::ManageQrTitle)}</h2>
                    <p>{lang.t(T::ManageQrHint)}</p>
                    <div class="qr-box" role="img" aria-label=lang.t(T::QrAlt) inner_html=svg></div>
                </section>
            })}
            {agenda.clone().filter(|a| !a.sessions.is_empty()).map(|a| view! {
                <section class="card agenda-card" aria-labelledby="agenda-title">
                    <h2 id="agenda-title">{lang.t(T::AgendaYourProgramme)}</h2>
                    <CompactAgenda agenda=a rounds=true tables=tables.clone()/>
                </section>
            })}
            <section class="card form-card">
                <h2>{lang.t(T::EditTitle)}</h2>
                <form method="post" action=format!("/m/{token}") novalidate=true on:submit=on_save.clone()>
                    <p class="notice success" role="status">{move || saved.get().then(|| lang.t(T::Saved))}</p>
                    <fieldset class="plain" disabled=closed>
                        <RegistrationFields ctx initial=initial.clone() topics=topics.clone() email_readonly=true with_consent=false with_share=true/>
                        <button type="submit" class="button primary" disabled=move || closed || update.pending().get()>{lang.t(T::Save)}</button>
                    </fieldset>
                </form>
            </section>
            <section class="card danger" hidden=closed>
                <h2>{lang.t(T::CancelTitle)}</h2>
                <p>{lang.t(T::CancelText)}</p>
                <form method="post" action=format!("/m/{token}/cancel") on:submit=on_cancel.clone()>
                    <label class="check" for="f-confirm">
                        <input
                            id="f-confirm"
                            type="checkbox"
                            name="confirm"
                            value="yes"
                            aria-describedby="err-confirm"
                            autofocus=flag("cancel_error")
                            on:change=move |ev| confirm_cancel.set(event_target_checked(&ev))
                        />
                        {lang.t(T::CancelConfirm)}
                    </label>
                    <p class="field-error" id="err-confirm" aria-live="polite">
                        {move || cancel_error.get().then(|| lang.t(T::ErrCancelConfirm))}
                    </p>
                    <button type="submit" class="button danger" disabled=move || cancel.pending().get()>
                        {lang.t(T::CancelButton)}
                    </button>
                </form>
            </section>
        </Show>
    }
    .into_any()
}
