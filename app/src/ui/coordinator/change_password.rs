//! `/coordinator/password`: a signed-in coordinator changes the password (the current
//! one is needed). Anonymous visitors are sent to the login page by the dashboard check.

use super::{action_error, FormError, QueryNotice};
use crate::accounts::api::ChangePassword;
use crate::accounts::model::PASSWORD_MIN_CHARS;
use crate::i18n::T;
use crate::ui::use_lang;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn ChangePasswordPage() -> impl IntoView {
    let lang = use_lang();
    let action = ServerAction::<ChangePassword>::new();
    view! {
        <Title text=lang.t(T::CoordChangeTitle)/>
        <super::dashboard::SignedIn>
            <section class="card form-card coordinator">
                <h1>{lang.t(T::CoordChangeTitle)}</h1>
                <QueryNotice key="changed" text=T::CoordPasswordChanged/>
                <FormError error=action_error(action)/>
                <ActionForm action>
                    <label for="current">{lang.t(T::CoordCurrentPassword)}</label>
                    <input id="current" name="current" type="password" autocomplete="current-password" required/>
                    <label for="new_password">{lang.t(T::CoordNewPassword)}</label>
                    <input
                        id="new_password"
                        name="new_password"
                        type="password"
                        autocomplete="new-password"
                        minlength=PASSWORD_MIN_CHARS.to_string()
                        required
                    />
                    <button type="submit" class="button primary" disabled=move || action.pending().get()>
                        {lang.t(T::CoordChangeButton)}
                    </button>
                </ActionForm>
                <p><a href="/coordinator">{lang.t(T::CoordDashboardTitle)}</a></p>
            </section>
        </super::dashboard::SignedIn>
    }
}
