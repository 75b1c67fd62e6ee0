//! `/coordinator/registrations/:id/edit`: a coordinator edits one registration's details
//! with the attendee's fields and rules (live checks in the browser, the server's field
//! errors under each field, the typed values kept); the e-mail address stays as
//! registered. Saving returns to the event's registrations table.

use super::{action_error, FormError};
use crate::error::AppError;
use crate::i18n::T;
use crate::registration::admin_api::{registration_for_edit, SaveRegistration};
use crate::registration::{Offer, RegistrationEdit, Status};
use crate::ui::fields::{FormCtx, RegistrationFields};
use crate::ui::{use_lang, ErrorCard, Loading};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

#[component]
pub fn RegistrationEditPage() -> impl IntoView {
    let lang = use_lang();
    let params = use_params_map();
    let id = move || {
        params
            .read()
            .get("id")
            .and_then(|s| s.parse::<i64>().ok())
            .unwrap_or(0)
    };
    let data = Resource::new(id, registration_for_edit);
    view! {
        <Title text=lang.t(T::CoordRegEditTitle)/>
        <super::dashboard::SignedIn>
            <Suspense fallback=|| view! { <Loading/> }>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(r) => view! { <EditForm r/> }.into_any(),
                        Err(e) => view! { <ErrorCard error=e/> }.into_any(),
                    }
                })}
            </Suspense>
        </super::dashboard::SignedIn>
    }
}

#[component]
fn EditForm(r: RegistrationEdit) -> impl IntoView {
    let lang = use_lang();
    let save = ServerAction::<SaveRegistration>::new();
    let ctx = FormCtx::new(
        r.form.clone(),
        Default::default(),
        Offer {
            topics: r.topics.iter().map(|t| t.code.clone()).collect(),
            org_types: r.org_types.clone(),
            sectors: r.sectors.clone(),
        },
    );
    Effect::new(move || {
        if let Some(Err(AppError::RegistrationInvalid(e))) = save.value().get() {
            ctx.errors.set(e);
        }
    });
    let status = match r.status {
        Status::Confirmed => T::CoordRegConfirmed,
        Status::Waitlisted => T::CoordRegWaitlisted,
        Status::Cancelled => T::CoordRegCancelled,
    };
    let table = format!("/coordinator/events/{}/registrations", r.slug);
    view! {
        <section class="card coordinator form-card">
            <h1>{lang.t(T::CoordRegEditTitle)} ": " {r.form.first_name.clone()} " " {r.form.last_name.clone()}</h1>
            <p>
                <a href=table>{lang.t(T::CoordRegTitle)} ": " {r.event_title.clone()}</a>
                " · " {lang.t(T::CoordRegStatus)} ": " <strong>{lang.t(status)}</strong>
            </p>
            <p class="hint">{lang.t(T::CoordRegEditHint)}</p>
            <FormError error=action_error(save)/>
            <ActionForm action=save attr:class="registration-edit" attr:novalidate=true>
                <input type="hidden" name="id" value=r.id.to_string()/>
                <RegistrationFields ctx initial=r.form.clone() topics=r.topics.clone() email_readonly=true
                    with_consent=false list_names=true/>
                <button type="submit" class="button primary" disabled=move || save.pending().get()>
                    {lang.t(T::CoordRegEditSave)}
                </button>
            </ActionForm>
        </section>
    }
}
