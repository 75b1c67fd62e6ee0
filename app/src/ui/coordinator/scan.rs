//! `/coordinator/events/:slug/checkin/:code`: what a coordinator's phone opens from the QR
//! code in a confirmation mail (the camera app is the scanner): who it is, their tables,
//! whether they are checked in, and one big button to check them in. An unknown code is a
//! 404 page; without a session the login comes first and then this page again.

use super::{action_error, FormError};
use crate::dayof::api::checkin_path;
use crate::dayof::api::{get_scan, CheckInCode};
use crate::dayof::model::ScanView;
use crate::error::AppError;
use crate::i18n::T;
use crate::ui::{use_lang, ErrorCard, Loading};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

#[component]
pub fn ScanPage() -> impl IntoView {
    let lang = use_lang();
    view! {
        <Title text=lang.t(T::ScanTitle)/>
        <super::dashboard::SignedIn>
            <Scan/>
        </super::dashboard::SignedIn>
    }
}

#[component]
fn Scan() -> impl IntoView {
    let params = use_params_map();
    let slug = move || params.read().get("slug").unwrap_or_default();
    let code = move || params.read().get("code").unwrap_or_default();
    let action = ServerAction::<CheckInCode>::new();
    let view = Resource::new(
        move || (slug(), code(), action.version().get()),
        |(slug, code, _)| get_scan(slug, code),
    );
    view! {
        <Suspense fallback=|| view! { <Loading/> }>
            {move || Suspend::new(async move {
                match view.await {
                    Ok(v) => view! { <Person v action/> }.into_any(),
                    Err(AppError::NotFound) => view! { <UnknownCode slug=slug()/> }.into_any(),
                    Err(e) => view! { <ErrorCard error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// A code that belongs to nobody at this event: 404, in the page's language.
#[component]
fn UnknownCode(slug: String) -> impl IntoView {
    let lang = use_lang();
    #[cfg(feature = "ssr")]
    if let Some(resp) = use_context::<leptos_axum::ResponseOptions>() {
        resp.set_status(axum::http::StatusCode::NOT_FOUND);
    }
    view! {
        <Title text=lang.t(T::ScanUnknownTitle)/>
        <section class="card error-card scan" role="alert">
            <h1>{lang.t(T::ScanUnknownTitle)}</h1>
            <p>{lang.t(T::ScanUnknown)}</p>
            <p><a class="button" href=checkin_path(&slug)>{lang.t(T::ScanToDesk)}</a></p>
        </section>
    }
}

#[component]
fn Person(v: ScanView, action: ServerAction<CheckInCode>) -> impl IntoView {
    let lang = use_lang();
    let query = use_query_map();
    // Tracked: after the check-in, the page's data may load again before the action's
    // redirect has put `done=1` in the address.
    let just_done = move || query.read().get("done").as_deref() == Some("1");
    let (slug, code) = (v.slug.clone(), v.code.clone());
    let state = match (&v.checked_in_at, v.confirmed) {
        (Some(at), _) => {
            let at = at.clone();
            (move || {
                if just_done() {
                    view! {
                        <p class="notice success scan-state" role="status" data-state="done">
                            {lang.t(T::ScanDone)} " (" {at.clone()} ")"
                        </p>
                    }
                    .into_any()
                } else {
                    view! {
                        <p class="notice scan-state" role="status" data-state="already">
                            {lang.t(T::ScanAlready)} " " <strong>{at.clone()}</strong> "."
                        </p>
                    }
                    .into_any()
                }
            })
            .into_any()
        }
        (None, false) => view! {
            <p class="form-error scan-state" role="alert" data-state="not-confirmed">{lang.t(T::ScanNotConfirmed)}</p>
        }
        .into_any(),
        (None, true) => view! {
            <ActionForm action attr:class="scan-form">
                <input type="hidden" name="slug" value=slug/>
                <input type="hidden" name="code" value=code/>
                <button type="submit" class="button primary scan-button" disabled=move || action.pending().get()>
                    {lang.t(T::ScanButton)}
                </button>
            </ActionForm>
        }
        .into_any(),
    };
    view! {
        <section class="card coordinator scan">
            <p class="hint">{lang.t(T::ScanTitle)} " · " {v.title.clone()}</p>
            <h1 class="scan-name">{v.name.clone()}</h1>
            <p class="scan-org">{v.organisation.clone()}</p>
            {if v.tables.is_empty() {
                view! { <p class="hint">{lang.t(T::ScanNoTables)}</p> }.into_any()
            } else {
                view! {
                    <ul class="scan-tables">
                        {v.tables.iter().map(|(round, table)| view! {
                            <li>{format!("{} {round}: {} {table}", lang.t(T::AgendaRound), lang.t(T::AgendaYourTable))}</li>
                        }).collect_view()}
                    </ul>
                }
                .into_any()
            }}
            <FormError error=action_error(action)/>
            {state}
            <p><a href=checkin_path(&v.slug)>{lang.t(T::ScanToDesk)}</a></p>
        </section>
    }
}
