//! The pages: shell and router, the language context, and one file per page.
//! Every page renders on the server (async mode: whole pages, right status codes) and works as plain HTML forms without the wasm;
//! once hydrated, forms validate live and submit through server functions.

// The agenda page and the speaker page load no wasm (they are complete as HTML and their
// one form posts without it), so the attendee bundle leaves them out; the server and the
// coordinator bundle (feature `coordinator`, part of `ssr`) route them. The compact agenda
// of the event and manage pages stays in the attendee bundle.
#[cfg_attr(not(feature = "coordinator"), allow(dead_code))]
mod agenda;
mod assets;
mod check_mail;
#[cfg(feature = "coordinator")]
mod coordinator;
mod event_page;
mod fields;
#[cfg(feature = "coordinator")]
mod followup;
mod home;
mod lang;
mod manage;
#[cfg(feature = "coordinator")]
mod multiline;
mod register;
#[cfg(feature = "coordinator")]
mod speaker;

#[cfg(feature = "coordinator")]
pub use followup::PostedAnswers;
pub use lang::{organiser_lang, text_lang, use_lang};
pub use manage::PostedManage;
#[cfg(feature = "coordinator")]
use multiline::MultilineText;
pub use register::PostedForm;
#[cfg(feature = "coordinator")]
pub use speaker::PostedSpeaker;

use crate::i18n::T;
use leptos::prelude::*;
use leptos_meta::{provide_meta_context, Html, MetaTags, Title};
use leptos_router::components::{Route, Router, Routes, A};
use leptos_router::{path, SsrMode};

pub fn shell(options: LeptosOptions) -> impl IntoView {
    view! {
        <!DOCTYPE html>
        <html>
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <link rel="icon" href="/favicon.svg" type="image/svg+xml"/>
                <assets::Assets options/>
                <MetaTags/>
            </head>
            <body>
                <App/>
            </body>
        </html>
    }
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    let lang = lang::provide_lang();
    // Marks the page once the wasm has taken over (end-to-end tests wait for it).
    Effect::new(move |_| {
        if let Some(body) = document().body() {
            let _ = body.set_attribute("data-hydrated", "true");
        }
    });
    view! {
        <Html attr:lang=lang.tag()/>
        // Every page title ends in the app's name: "<what it is> · Tafelronde".
        <Title formatter=move |text: String| {
            let app = lang.t(T::AppName);
            title_markup(if text == app { text } else { format!("{text} · {app}") })
        }/>
        <Title text=lang.t(T::AppName)/>
        <Router>
            <a class="skip-link" href="#main">{lang.t(T::SkipToContent)}</a>
            <header class="site-header">
                <A href="/" attr:class="brand">
                    <span class="brand-mark" aria-hidden="true">"◯"</span>
                    {lang.t(T::AppName)}
                </A>
                <lang::LangSwitch/>
            </header>
            <main id="main" tabindex="-1">
                {routes()}
            </main>
            <footer class="site-footer">
                <p>{lang.t(T::Tagline)}</p>
            </footer>
        </Router>
    }
}

/// The attendee pages' routes (the attendee bundle: feature `hydrate` alone). Not the agenda
/// and speaker pages, which load no wasm: links to them are `rel="external"` (a full load).
#[cfg(not(feature = "coordinator"))]
fn routes() -> impl IntoView {
    view! {
        <Routes fallback=move || view! { <NotFound/> }>
            <Route path=path!("/") view=home::HomePage ssr=SsrMode::Async/>
            <Route path=path!("/e/:slug") view=event_page::EventPage ssr=SsrMode::Async/>
            <Route path=path!("/e/:slug/register") view=register::RegisterPage ssr=SsrMode::Async/>
            <Route path=path!("/e/:slug/check-mail") view=check_mail::CheckMailPage ssr=SsrMode::Async/>
            <Route path=path!("/m/:token") view=manage::ManagePage ssr=SsrMode::Async/>
        </Routes>
    }
}

/// The attendee pages' routes and the coordinator's (`/coordinator/*`: the server and the
/// coordinator bundle, feature `coordinator`).
#[cfg(feature = "coordinator")]
fn routes() -> impl IntoView {
    view! {
        <Routes fallback=move || view! { <NotFound/> }>
            <Route path=path!("/") view=home::HomePage ssr=SsrMode::Async/>
            <Route path=path!("/e/:slug") view=event_page::EventPage ssr=SsrMode::Async/>
            <Route path=path!("/e/:slug/agenda") view=agenda::AgendaPage ssr=SsrMode::Async/>
            <Route path=path!("/e/:slug/register") view=register::RegisterPage ssr=SsrMode::Async/>
            <Route path=path!("/e/:slug/check-mail") view=check_mail::CheckMailPage ssr=SsrMode::Async/>
            <Route path=path!("/m/:token") view=manage::ManagePage ssr=SsrMode::Async/>
            <Route path=path!("/s/:token") view=speaker::SpeakerPageView ssr=SsrMode::Async/>
            <Route path=path!("/f/:token") view=followup::FollowupAnswerPage ssr=SsrMode::Async/>
            <Route path=path!("/coordinator") view=coordinator::DashboardPage ssr=SsrMode::Async/>
            <Route path=path!("/coordinator/login") view=coordinator::LoginPage ssr=SsrMode::Async/>
            <Route path=path!("/coordinator/forgot-password") view=coordinator::ForgotPasswordPage ssr=SsrMode::Async/>
            <Route path=path!("/coordinator/set-password") view=coordinator::SetPasswordPage ssr=SsrMode::Async/>
            <Route path=path!("/coordinator/password") view=coordinator::ChangePasswordPage ssr=SsrMode::Async/>
            <Route path=path!("/coordinator/events/new") view=coordinator::NewEventPage ssr=SsrMode::Async/>
            <Route path=path!("/coordinator/events/:slug/edit") view=coordinator::EditEventPage ssr=SsrMode::Async/>
            <Route path=path!("/coordinator/events/:slug/registrations") view=coordinator::RegistrationsPage ssr=SsrMode::Async/>
            <Route path=path!("/coordinator/events/:slug/planner") view=coordinator::PlannerPage ssr=SsrMode::Async/>
            <Route path=path!("/coordinator/events/:slug/planner/cards") view=coordinator::TableCardsPage ssr=SsrMode::Async/>
            <Route path=path!("/coordinator/events/:slug/checkin") view=coordinator::CheckinPage ssr=SsrMode::Async/>
            <Route path=path!("/coordinator/events/:slug/checkin/:code") view=coordinator::ScanPage ssr=SsrMode::Async/>
            <Route path=path!("/coordinator/events/:slug/badges") view=coordinator::BadgesPage ssr=SsrMode::Async/>
            <Route path=path!("/coordinator/events/:slug/schedules") view=coordinator::SchedulesPage ssr=SsrMode::Async/>
            <Route path=path!("/coordinator/events/:slug/programme") view=coordinator::ProgrammeEditorPage ssr=SsrMode::Async/>
            <Route path=path!("/coordinator/events/:slug/followup") view=coordinator::FollowupPage ssr=SsrMode::Async/>
            <Route path=path!("/coordinator/events/:slug") view=coordinator::EventOverviewPage ssr=SsrMode::Async/>
            <Route path=path!("/coordinator/mail") view=coordinator::MailStatusPage ssr=SsrMode::Async/>
            <Route path=path!("/coordinator/registrations/:id/edit") view=coordinator::RegistrationEditPage ssr=SsrMode::Async/>
        </Routes>
    }
}

/// The page title as it goes out. On the server leptos_meta writes it into `<title>` as is
/// (a raw-text element to tachys), so an event title holding `</title>` would end the
/// element: there it is HTML-escaped. In the browser it is set as `document.title`, plain text.
fn title_markup(text: String) -> String {
    #[cfg(feature = "ssr")]
    {
        multiline::escape_html(&text)
    }
    #[cfg(not(feature = "ssr"))]
    {
        text
    }
}

/// Leaves the page for `url` (a full load: the attendee pages have no client-side router).
#[cfg_attr(not(feature = "hydrate"), allow(unused_variables))]
fn go_to(url: &str) {
    #[cfg(feature = "hydrate")]
    if let Some(window) = web_sys::window() {
        let _ = window.location().assign(url);
    }
}

#[component]
fn NotFound() -> impl IntoView {
    let lang = use_lang();
    #[cfg(feature = "ssr")]
    if let Some(resp) = use_context::<leptos_axum::ResponseOptions>() {
        resp.set_status(axum::http::StatusCode::NOT_FOUND);
    }
    view! {
        <Title text=lang.t(T::PageNotFoundTitle)/>
        <section class="card">
            <h1>{lang.t(T::PageNotFoundTitle)}</h1>
            <p>{lang.t(T::PageNotFound)}</p>
            <p><a href="/">{lang.t(T::BackHome)}</a></p>
        </section>
    }
}

/// A message for an error from a server function, with a way back home.
#[component]
fn ErrorCard(error: crate::error::AppError) -> impl IntoView {
    let lang = use_lang();
    #[cfg(feature = "ssr")]
    if let Some(resp) = use_context::<leptos_axum::ResponseOptions>()
        .filter(|_| !matches!(error, crate::error::AppError::Unauthorized))
    {
        // A page showing an error carries its status (4xx for the user's mistakes). Not
        // signed in: the coordinator pages' redirect to the login page keeps its 302.
        let code = axum::http::StatusCode::from_u16(error.status())
            .unwrap_or(axum::http::StatusCode::INTERNAL_SERVER_ERROR);
        resp.set_status(code);
    }
    let title = match error {
        crate::error::AppError::NotFound => T::EventNotFoundTitle,
        crate::error::AppError::InvalidLink => T::InvalidLinkTitle,
        crate::error::AppError::LinkExpired => T::LinkExpiredTitle,
        _ => T::ErrPageTitle,
    };
    view! {
        <Title text=lang.t(title)/>
        <section class="card error-card" role="alert">
            <h1>{lang.t(title)}</h1>
            <p>{lang.t(error.message())}</p>
            <p><a href="/">{lang.t(T::BackHome)}</a></p>
        </section>
    }
}

#[component]
fn Loading() -> impl IntoView {
    let lang = use_lang();
    view! { <p class="loading" aria-busy="true">{lang.t(T::Loading)}</p> }
}
