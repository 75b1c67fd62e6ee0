//! `/coordinator/forgot-password`: asks for a reset link; the answer is the same whether
//! or not the address has an account.

use super::{action_error, FormError, QueryNotice};
use crate::accounts::api::RequestPasswordReset;
use crate::i18n::T;
use crate::ui::use_lang;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn ForgotPasswordPage() -> impl IntoView {
    let lang = use_lang();
    let action = ServerAction::<RequestPasswordReset>::new();
    view! {
        <Title text=lang.t(T::CoordForgotTitle)/>
        <section class="card form-card coordinator">
            <h1>{lang.t(T::CoordForgotTitle)}</h1>
            <QueryNotice key="sent" text=T::CoordForgotSent/>
            <p>{lang.t(T::CoordForgotIntro)}</p>
            <FormError error=action_error(action)/>
            <ActionForm action>
                <label for="email">{lang.t(T::CoordEmail)}</label>
                <input id="email" name="email" type="email" autocomplete="username" required/>
                <button type="submit" class="button primary" disabled=move || action.pending().get()>
                    {lang.t(T::CoordForgotButton)}
                </button>
            </ActionForm>
            <p><a href="/coordinator/login">{lang.t(T::CoordLoginTitle)}</a></p>
        </section>
    }
}
