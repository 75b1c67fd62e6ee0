//! `/coordinator/login`: e-mail and password; on success the server function sends the
//! browser to the page that asked for the login (`?next=`, a coordinator page) or the dashboard.

use super::{action_error, FormError, QueryNotice};
use crate::accounts::api::Login;
use crate::i18n::T;
use crate::ui::use_lang;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn LoginPage() -> impl IntoView {
    let lang = use_lang();
    let action = ServerAction::<Login>::new();
    // The page that sent the browser here (e.g. a scanned check-in code): back there after.
    let next = leptos_router::hooks::use_query_map()
        .with_untracked(|q| q.get("next"))
        .unwrap_or_default();
    view! {
        <Title text=lang.t(T::CoordLoginTitle)/>
        <section class="card form-card coordinator">
            <h1>{lang.t(T::CoordLoginTitle)}</h1>
            <QueryNotice key="password_set" text=T::CoordPasswordSet/>
            <FormError error=action_error(action)/>
            <ActionForm action>
                <input type="hidden" name="next" value=next/>
                <label for="email">{lang.t(T::CoordEmail)}</label>
                <input id="email" name="email" type="email" autocomplete="username" required/>
                <label for="password">{lang.t(T::CoordPassword)}</label>
                <input id="password" name="password" type="password" autocomplete="current-password" required/>
                <button type="submit" class="button primary" disabled=move || action.pending().get()>
                    {lang.t(T::CoordLoginButton)}
                </button>
            </ActionForm>
            <p><a href="/coordinator/forgot-password">{lang.t(T::CoordForgotLink)}</a></p>
        </section>
    }
}
