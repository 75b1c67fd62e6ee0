//! The personal manage page behind the link in the mail: shows the registration (opening
//! it changes nothing), lets the attendee edit it or cancel it after an explicit
//! confirmation until changes close. Works as plain form posts and, hydrated, via server
//! functions; a refused plain post comes back with its message and the typed values.
//! Rendered on the server; the edit form and the cancel form are the islands the browser
//! hydrates.

use super::agenda::CompactAgenda;
use super::fields::{ErrorSummary, FormCtx, RegistrationFields, ShareContactBox};
use super::{text_lang, use_lang, ErrorCard, Loading};
use crate::api::{open_registration, CancelRegistration, SetShareContact, UpdateRegistration};
use crate::event::Topic;
use crate::i18n::T;
use crate::programme::api::get_agenda;
use crate::programme::model::AgendaView;
use crate::registration::{
    Field, FieldErrors, ManageView, Offer, RegisterOutcome, RegistrationForm, Status,
};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};
use serde::{Deserialize, Serialize};

/// An edit or cancellation posted without the wasm that was refused, rendered back.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct PostedManage {
    /// The typed values of an edit (`None`: show the stored values).
    pub form: Option<crate::registration::RegistrationForm>,
    pub errors: FieldErrors<Field>,
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
    // A refused plain post comes back with the summary focused.
    let posted_refused = posted.as_ref().is_some_and(|p| p.general.is_some());
    let posted = posted.unwrap_or_default();
    let initial = posted.form.unwrap_or_else(|| view.form.clone());
    let closed = view.changes_closed;
    let general = posted.general.or(closed.then_some(T::ChangesClosed));
    let event = view.event.clone();
    let tables = view.tables.clone();
    let cancelled = view.status == Status::Cancelled;
    let what = if cancelled {
        T::CancelledTitle
    } else {
        T::ManageTitle
    };
    let page_title = format!("{} — {}", lang.t(what), event.title_in(lang).text);
    view! {
        <Title text=page_title/>
        <section class="card">
            <h1>{lang.t(T::ManageTitle)}</h1>
            <p class="event-ref"><a href=format!("/e/{}", event.slug) lang=text_lang(lang, event.title_in(lang))>{event.title_in(lang).text.to_string()}</a></p>
            <p class="status" data-status=view.status.code()>
                {match view.status {
                    Status::Confirmed => lang.t(T::StatusConfirmed),
                    Status::Waitlisted => lang.t(T::StatusWaitlisted),
                    Status::Cancelled => lang.t(T::StatusCancelled),
                }}
            </p>
            <p class="hint">{lang.t(T::YourEmail)} ": " {view.email.clone()}</p>
        </section>
        {if cancelled {
            view! {
                <section class="card">
                    <p class="notice" role="status">{lang.t(T::Cancelled)}</p>
                    <p><a href=format!("/e/{}/register", event.slug)>{lang.t(T::MailRegisterAgainButton)}</a></p>
                </section>
            }
                .into_any()
        } else {
            view! {
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
                {view.checkin_qr.clone().map(|svg| view! {
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
                // Consent to share can change also once changes have closed.
                {closed.then(|| view! {
                    <ShareForm token=token.clone() share=initial.share_contact saved=flag("shared")/>
                })}
                <EditForm
                    token=token.clone()
                    initial
                    errors=posted.errors
                    general
                    posted_refused
                    topics=view.event.topics.clone()
                    offer=view.event.offer()
                    closed
                    saved=flag("saved")
                />
                <CancelForm token closed refused=flag("cancel_error")/>
            }
                .into_any()
        }}
    }
    .into_any()
}

/// The edit form (an island): validated live, saved through `update_registration`.
#[island]
#[allow(clippy::too_many_arguments)]
fn EditForm(
    token: String,
    initial: RegistrationForm,
    errors: FieldErrors<Field>,
    general: Option<T>,
    posted_refused: bool,
    topics: Vec<Topic>,
    offer: Offer,
    closed: bool,
    saved: bool,
) -> impl IntoView {
    let lang = super::lang::provide_lang();
    let saved = RwSignal::new(saved);
    let ctx = FormCtx::new(initial.clone(), errors, offer);
    let general = RwSignal::new(general);
    let update = ServerAction::<UpdateRegistration>::new();
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
    let on_save = {
        let token = token.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            saved.set(false);
            let mut form = ctx.form.get_untracked();
            form.consent = true;
            match form.validate(&ctx.offer(), lang) {
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
    view! {
        <section class="card form-card">
            <h2>{lang.t(T::EditTitle)}</h2>
            <ErrorSummary ctx general autofocus=posted_refused/>
            <form method="post" action=format!("/m/{token}") novalidate=true on:submit=on_save>
                <p class="notice success" role="status">{move || saved.get().then(|| lang.t(T::Saved))}</p>
                <fieldset class="plain" disabled=closed>
                    // Closed: the consent to share has its own form above.
                    <RegistrationFields ctx initial topics email_readonly=true with_consent=false with_share=!closed/>
                    <button type="submit" class="button primary" disabled=move || closed || update.pending().get()>{lang.t(T::Save)}</button>
                </fieldset>
            </form>
        </section>
    }
}

/// The consent to share contact details with tablemates, on its own (an island): shown
/// once changes have closed, when the edit form (which holds it otherwise) is locked.
#[island]
fn ShareForm(token: String, share: bool, saved: bool) -> impl IntoView {
    let lang = super::lang::provide_lang();
    let action = ServerAction::<SetShareContact>::new();
    let share = RwSignal::new(share);
    let saved = RwSignal::new(saved);
    let error = RwSignal::new(None::<T>);
    Effect::new(move |_| match action.value().get() {
        Some(Ok(())) => saved.set(true),
        Some(Err(e)) => error.set(Some(e.message())),
        None => {}
    });
    let on_submit = {
        let token = token.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            saved.set(false);
            error.set(None);
            action.dispatch(SetShareContact {
                token: token.clone(),
                share: share.get_untracked(),
            });
        }
    };
    view! {
        <section class="card form-card share-card" aria-labelledby="share-title">
            <h2 id="share-title">{lang.t(T::ShareTitle)}</h2>
            <form method="post" action=format!("/m/{token}/share") on:submit=on_submit>
                <p class="notice success" role="status">{move || saved.get().then(|| lang.t(T::Saved))}</p>
                <p class="field-error" role="alert">{move || error.get().map(|t| lang.t(t))}</p>
                <ShareContactBox checked=share.get_untracked() on_change=move |on| share.set(on)/>
                <p class="hint">{lang.t(T::ShareAnyTime)}</p>
                <button type="submit" class="button primary" disabled=move || action.pending().get()>{lang.t(T::Save)}</button>
            </form>
        </section>
    }
}

/// The cancel form (an island): needs the confirmation tick; a cancelled registration
/// reloads the page, which then shows it cancelled.
#[island]
fn CancelForm(token: String, closed: bool, refused: bool) -> impl IntoView {
    let lang = super::lang::provide_lang();
    let cancel = ServerAction::<CancelRegistration>::new();
    let confirm_cancel = RwSignal::new(false);
    let cancel_error = RwSignal::new(refused.then_some(T::ErrCancelConfirm));
    {
        let token = token.clone();
        Effect::new(move |_| match cancel.value().get() {
            Some(Ok(true)) => super::go_to(&format!("/m/{token}")),
            Some(Ok(false)) => cancel_error.set(Some(T::ErrCancelConfirm)),
            Some(Err(e)) => cancel_error.set(Some(e.message())),
            None => {}
        });
    }
    let on_cancel = {
        let token = token.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            if confirm_cancel.get_untracked() {
                cancel_error.set(None);
                cancel.dispatch(CancelRegistration {
                    token: token.clone(),
                    confirm: true,
                });
            } else {
                cancel_error.set(Some(T::ErrCancelConfirm));
            }
        }
    };
    view! {
        <section class="card danger" hidden=closed>
            <h2>{lang.t(T::CancelTitle)}</h2>
            <p>{lang.t(T::CancelText)}</p>
            <form method="post" action=format!("/m/{token}/cancel") on:submit=on_cancel>
                <label class="check" for="f-confirm">
                    <input
                        id="f-confirm"
                        type="checkbox"
                        name="confirm"
                        value="yes"
                        aria-describedby="err-confirm"
                        autofocus=refused
                        on:change=move |ev| confirm_cancel.set(event_target_checked(&ev))
                    />
                    {lang.t(T::CancelConfirm)}
                </label>
                <p class="field-error" id="err-confirm" aria-live="polite">
                    {move || cancel_error.get().map(|t| lang.t(t))}
                </p>
                <button type="submit" class="button danger" disabled=move || cancel.pending().get()>
                    {lang.t(T::CancelButton)}
                </button>
            </form>
        </section>
    }
}
