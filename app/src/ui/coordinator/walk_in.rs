//! The walk-in form at the check-in desk: the attendee's fields and rules (live checks in
//! the browser, the server's field errors under each field); the person is confirmed, even
//! over capacity (the form and the notice say so), checked in and mailed.

use super::{action_error, FormError};
use crate::dayof::api::WalkIn;
use crate::dayof::model::WalkInSetup;
use crate::error::AppError;
use crate::i18n::T;
use crate::registration::Offer;
use crate::ui::fields::{FormCtx, RegistrationFields};
use crate::ui::{use_lang, ErrorCard};
use leptos::prelude::*;

/// The walk-in form, or why its choices could not be read.
#[component]
pub fn WalkInSection(setup: Result<WalkInSetup, AppError>, slug: String) -> impl IntoView {
    match setup {
        Ok(s) => view! { <WalkInForm s slug/> }.into_any(),
        Err(e) => view! { <ErrorCard error=e/> }.into_any(),
    }
}

#[component]
fn WalkInForm(s: WalkInSetup, slug: String) -> impl IntoView {
    let lang = use_lang();
    let action = ServerAction::<WalkIn>::new();
    let initial = crate::registration::RegistrationForm::default();
    let ctx = FormCtx::new(
        initial.clone(),
        Default::default(),
        Offer {
            topics: s.topics.iter().map(|t| t.code.clone()).collect(),
            org_types: s.org_types.clone(),
            sectors: s.sectors.clone(),
        },
    );
    Effect::new(move || {
        if let Some(Err(AppError::RegistrationInvalid(e))) = action.value().get() {
            ctx.errors.set(e);
        }
    });
    view! {
        <section class="card coordinator form-card walk-in" aria-labelledby="walk-in-title">
            <h2 id="walk-in-title">{lang.t(T::WalkInTitle)}</h2>
            <p class="hint">{lang.t(T::WalkInHint)}</p>
            {(s.confirmed >= s.capacity).then(|| view! {
                <p class="notice" role="status">{lang.t(T::WalkInFull)} {format!(" ({} / {})", s.confirmed, s.capacity)}</p>
            })}
            <FormError error=action_error(action)/>
            <ActionForm action attr:class="walk-in-form" attr:novalidate=true>
                <input type="hidden" name="slug" value=slug/>
                <RegistrationFields ctx initial topics=s.topics.clone() with_consent=false
                    list_names=true/>
                <button type="submit" class="button primary" disabled=move || action.pending().get()>
                    {lang.t(T::WalkInSave)}
                </button>
            </ActionForm>
        </section>
    }
}
