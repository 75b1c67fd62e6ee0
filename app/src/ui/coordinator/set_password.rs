//! `/coordinator/set-password?token=…`: the page an invitation or reset mail links to.
//! The token only travels back to this server (hidden field; every page is sent with
//! `Referrer-Policy: no-referrer`, so no other site sees this address), and request logs
//! leave out query strings.

use super::{action_error, FormError};
use crate::accounts::api::SetPassword;
use crate::accounts::model::PASSWORD_MIN_CHARS;
use crate::i18n::T;
use crate::ui::use_lang;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn SetPasswordPage() -> impl IntoView {
    let lang = use_lang();
    let query = use_query_map();
    let token = move || query.read().get("token").unwrap_or_default();
    let action = ServerAction::<SetPassword>::new();
    view! {
        <Title text=lang.t(T::CoordSetTitle)/>
        <section class="card form-card coordinator">
            <h1>{lang.t(T::CoordSetTitle)}</h1>
            <FormError error=action_error(action)/>
            <ActionForm action>
                <input type="hidden" name="token" prop:value=token value=token/>
                <label for="password">{lang.t(T::CoordNewPassword)}</label>
                <input
                    id="password"
                    name="password"
                    type="password"
                    autocomplete="new-password"
                    minlength=PASSWORD_MIN_CHARS.to_string()
                    required
                />
                <button type="submit" class="button primary" disabled=move || action.pending().get()>
                    {lang.t(T::CoordSetButton)}
                </button>
            </ActionForm>
        </section>
    }
}
