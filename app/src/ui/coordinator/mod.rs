//! The coordinator's pages under `/coordinator` (cargo feature `coordinator`: on the
//! server and in the coordinator bundle, not in the attendee bundle). Forms are
//! `ActionForm`s over the account server functions, so they also work as plain posts
//! before the wasm has loaded; errors come back in the action's value (or, without the
//! wasm, in the query string the server function redirects to).

mod bulk_mail;
mod camera;
mod change_password;
mod charts;
mod checkin;
mod dashboard;
mod event_edit;
mod event_form;
mod event_new;
mod event_overview;
mod followup;
mod forgot;
mod import;
mod login;
mod mail_status;
mod planner;
mod print;
mod programme;
mod registration_edit;
mod registrations;
mod scan;
mod set_password;
mod table_cards;
mod walk_in;

pub use change_password::ChangePasswordPage;
pub use checkin::CheckinPage;
pub use dashboard::DashboardPage;
pub use event_edit::EditEventPage;
pub use event_new::NewEventPage;
pub use event_overview::EventOverviewPage;
pub use followup::FollowupPage;
pub use forgot::ForgotPasswordPage;
pub use login::LoginPage;
pub use mail_status::MailStatusPage;
pub use planner::PlannerPage;
pub use print::{BadgesPage, SchedulesPage};
pub use programme::ProgrammeEditorPage;
pub use registration_edit::RegistrationEditPage;
pub use registrations::RegistrationsPage;
pub use scan::ScanPage;
pub use set_password::SetPasswordPage;
pub use table_cards::TableCardsPage;

use crate::error::AppError;
use crate::i18n::T;
use crate::ui::use_lang;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// The error of the last submission, if any, as an alert.
#[component]
fn FormError(#[prop(into)] error: Signal<Option<AppError>>) -> impl IntoView {
    let lang = use_lang();
    move || {
        error.get().map(|e| {
            #[cfg(feature = "ssr")]
            if let Some(resp) = use_context::<leptos_axum::ResponseOptions>() {
                if let Ok(code) = axum::http::StatusCode::from_u16(e.status()) {
                    resp.set_status(code);
                }
            }
            view! { <p class="form-error" role="alert">{lang.t(e.message())}</p> }
        })
    }
}

/// The error in an action's value; before any submission from this page, the error that a
/// refused form post without the wasm brought back here (server_fn's form redirect puts the
/// function's path and its error in the query string).
fn action_error<S>(action: ServerAction<S>) -> Signal<Option<AppError>>
where
    S: leptos::server_fn::ServerFn<Error = AppError> + Clone + Send + Sync + 'static,
    S::Output: Clone + Send + Sync + 'static,
{
    let query = use_query_map();
    Signal::derive(move || {
        if action.version().get() > 0 {
            return action.value().get().and_then(|r| r.err());
        }
        let q = query.read();
        (q.get("__path")? == S::PATH).then(|| {
            leptos::server_fn::error::ServerFnUrlError::<AppError>::decode_err(
                &q.get("__err").unwrap_or_default(),
            )
        })
    })
}

/// A notice shown when the query string has `key` (set by the server function's redirect).
#[component]
fn QueryNotice(key: &'static str, text: T) -> impl IntoView {
    let lang = use_lang();
    let query = use_query_map();
    move || {
        query
            .read()
            .get(key)
            .map(|_| view! { <p class="notice" role="status">{lang.t(text)}</p> })
    }
}
