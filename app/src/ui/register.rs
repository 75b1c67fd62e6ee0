//! The registration form page. Without the wasm it posts to `/e/{slug}/register` and the
//! server answers with this page again ([`PostedForm`]: values and errors) or a redirect;
//! with the wasm it validates live and submits through the `register` server function.
//! The page is rendered on the server; only the form is an island the browser hydrates.

use super::fields::{ErrorSummary, FormCtx, RegistrationFields};
use super::{text_lang, use_lang, ErrorCard, Loading};
use crate::api::{get_event, Register};
use crate::event::{EventView, RegistrationWindow};
use crate::i18n::T;
use crate::registration::{Field, FieldErrors, RegisterOutcome, RegistrationForm};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;
use serde::{Deserialize, Serialize};

/// A plain form post that could not be accepted, rendered back with its values.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct PostedForm {
    pub form: RegistrationForm,
    pub errors: FieldErrors<Field>,
    pub general: Option<T>,
}

#[component]
pub fn RegisterPage() -> impl IntoView {
    let lang = use_lang();
    let params = use_params_map();
    let slug = move || params.read().get("slug").unwrap_or_default();
    let posted = use_context::<PostedForm>();
    let data = Resource::new(slug, move |slug| {
        let posted = posted.clone();
        async move { (get_event(slug).await, posted) }
    });
    view! {
        <Suspense fallback=|| view! { <Loading/> }>
            {move || Suspend::new(async move {
                match data.await {
                    (Err(e), _) => view! { <ErrorCard error=e/> }.into_any(),
                    (Ok(event), posted) => view! {
                        <Title text=format!("{} {}", lang.t(T::RegisterTitle), event.title_in(lang).text)/>
                        <RegisterForm event posted/>
                    }
                        .into_any(),
                }
            })}
        </Suspense>
    }
}

/// The form: an island (its props travel in the page as JSON), the only part of the page
/// whose code the browser loads.
#[island]
fn RegisterForm(event: EventView, posted: Option<PostedForm>) -> impl IntoView {
    let lang = super::lang::provide_lang();
    let posted = posted.unwrap_or_default();
    let initial = posted.form.clone();
    let ctx = FormCtx::new(initial.clone(), posted.errors.clone(), event.offer());
    // A refused plain post comes back with the summary focused.
    let posted_refused = posted.general.is_some();
    let general = RwSignal::new(posted.general);
    let action = ServerAction::<Register>::new();
    let slug = event.slug.clone();
    {
        let slug = slug.clone();
        Effect::new(move |_| match action.value().get() {
            Some(Ok(RegisterOutcome::Accepted)) => super::go_to(&format!("/e/{slug}/check-mail")),
            Some(Ok(RegisterOutcome::WaitListed)) => {
                super::go_to(&format!("/e/{slug}/check-mail?waitlist=1"))
            }
            Some(Ok(RegisterOutcome::Invalid(errors))) => {
                ctx.errors.set(errors);
                general.set(Some(T::FixErrors));
            }
            Some(Err(e)) => general.set(Some(e.message())),
            None => {}
        });
    }
    let window = event.window(chrono::Utc::now());
    let closed = match window {
        RegistrationWindow::Open => None,
        RegistrationWindow::NotYetOpen => Some(T::RegistrationNotYetOpen),
        RegistrationWindow::Closed => Some(T::RegistrationClosed),
    };
    let on_submit = {
        let slug = slug.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            let form = ctx.form.get_untracked();
            match form.validate(&ctx.offer(), lang) {
                Err(errors) => {
                    ctx.errors.set(errors);
                    general.set(Some(T::FixErrors));
                }
                Ok(_) => {
                    ctx.errors.set(FieldErrors::default());
                    general.set(None);
                    action.dispatch(Register {
                        slug: slug.clone(),
                        form,
                        lang,
                    });
                }
            }
        }
    };
    let pending = action.pending();
    view! {
        <section class="card form-card">
            <h1>{lang.t(T::RegisterTitle)} " " <a href=format!("/e/{}", event.slug) lang=text_lang(lang, event.title_in(lang))>{event.title_in(lang).text.to_string()}</a></h1>
            {event.is_full().then(|| view! { <p class="notice">{lang.t(T::EventFull)}</p> })}
            {match closed {
                Some(t) => view! { <p class="notice" role="alert">{lang.t(t)}</p> }.into_any(),
                None => view! {
                    <form
                        method="post"
                        action=format!("/e/{slug}/register")
                        novalidate=true
                        on:submit=on_submit
                    >
                        <ErrorSummary ctx general autofocus=posted_refused/>
                        <RegistrationFields ctx initial=initial.clone() topics=event.topics.clone() with_share=true/>
                        <Honeypot ctx value=initial.website.clone()/>
                        <button type="submit" class="button primary" disabled=move || pending.get()>
                            {move || if pending.get() { lang.t(T::Submitting) } else { lang.t(T::Submit) }}
                        </button>
                    </form>
                }
                    .into_any(),
            }}
        </section>
    }
}

/// A field people never see nor reach with the keyboard (and screen readers skip), with a
/// label asking to leave it empty; bots that fill every field fill it and are dropped.
#[component]
fn Honeypot(ctx: FormCtx, value: String) -> impl IntoView {
    let lang = use_lang();
    view! {
        <div class="hp" aria-hidden="true">
            <label for="f-website">{lang.t(T::HoneypotLabel)}</label>
            <input
                id="f-website"
                type="text"
                name=crate::registration::HONEYPOT
                tabindex="-1"
                autocomplete="off"
                value=value
                on:input=move |ev| ctx.form.update(|f| f.website = event_target_value(&ev))
            />
        </div>
    }
}
