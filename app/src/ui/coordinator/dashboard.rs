//! `/coordinator`: the signed-in coordinator's events (title, date, confirmed / capacity,
//! wait list), and [`SignedIn`], the frame of every signed-in page (who, change password,
//! sign out) that sends anonymous visitors to the login page.

use crate::accounts::api::{dashboard_events, me, Logout};
use crate::error::AppError;
use crate::i18n::{format_span, T};
use crate::ui::{use_lang, ErrorCard, Loading};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::Redirect;

/// The coordinator bar, then `children`, for a signed-in coordinator; anyone else goes to
/// the login page. The page is built once, here, outside the Suspense: a page built inside it
/// was built again when the Suspense rendered a second time on the server, so its resource
/// was created twice there (the first copy failing without the app's context) and the
/// browser hydrated from the failed copy and panicked. A page's own server functions refuse
/// a visitor who is not signed in; the redirect to the login page answers first.
#[component]
pub fn SignedIn(children: Children) -> impl IntoView {
    let lang = use_lang();
    let who = Resource::new(|| (), |_| me());
    let logout = ServerAction::<Logout>::new();
    let page = children();
    view! {
        <Suspense fallback=|| view! { <Loading/> }>
            {move || who.get().map(|who| {
                match who {
                    Ok(c) => view! {
                        <nav class="coordinator-bar" aria-label=lang.t(T::CoordArea)>
                            <span>{lang.t(T::CoordSignedInAs)} " " <strong>{c.email}</strong></span>
                            " · "
                            <a href="/coordinator">{lang.t(T::CoordDashboardTitle)}</a>
                            " · "
                            <a href="/coordinator/password">{lang.t(T::CoordChangeTitle)}</a>
                            " · " <a href="/coordinator/mail">{lang.t(T::CoordMailTitle)}</a>
                            <ActionForm action=logout attr:class="inline-form">
                                <button type="submit" class="button link">{lang.t(T::CoordLogout)}</button>
                            </ActionForm>
                        </nav>
                    }
                        .into_any(),
                    Err(AppError::Unauthorized) => {
                        // Back to this page after the login (a scanned QR code, a bookmark).
                        let here = leptos_router::hooks::use_location();
                        let search = here.search.get_untracked();
                        let search = search.trim_start_matches('?');
                        let pathname = here.pathname.get_untracked();
                        let next = if search.is_empty() {
                            pathname
                        } else {
                            format!("{pathname}?{search}")
                        };
                        let path = if next.starts_with("/coordinator/") {
                            format!("/coordinator/login?next={}", encode_component(&next))
                        } else {
                            "/coordinator/login".to_string()
                        };
                        view! { <Redirect path/> }.into_any()
                    }
                    Err(e) => view! { <ErrorCard error=e/> }.into_any(),
                }
            })}
        </Suspense>
        {page}
    }
}

#[component]
pub fn DashboardPage() -> impl IntoView {
    let lang = use_lang();
    view! {
        <Title text=lang.t(T::CoordDashboardTitle)/>
        <SignedIn>
            <EventTable/>
        </SignedIn>
    }
}

#[component]
fn EventTable() -> impl IntoView {
    let lang = use_lang();
    let events = Resource::new(|| (), |_| dashboard_events());
    view! {
        <section class="card coordinator">
            <h1>{lang.t(T::CoordDashboardTitle)}</h1>
            <p><a class="button primary" href="/coordinator/events/new">{lang.t(T::CoordEventsNew)}</a></p>
            <Suspense fallback=|| view! { <Loading/> }>
                {move || Suspend::new(async move {
                    match events.await {
                        Ok(list) if list.is_empty() => {
                            view! { <p>{lang.t(T::CoordNoEvents)}</p> }.into_any()
                        }
                        Ok(list) => view! {
                            <table class="events-table">
                                <thead>
                                    <tr>
                                        <th scope="col">{lang.t(T::CoordColEvent)}</th>
                                        <th scope="col">{lang.t(T::CoordColDate)}</th>
                                        <th scope="col">{lang.t(T::CoordColSeats)}</th>
                                        <th scope="col">{lang.t(T::CoordColWaitlist)}</th>
                                    </tr>
                                </thead>
                                <tbody>
                                    {list
                                        .into_iter()
                                        .map(|e| view! {
                                            <tr>
                                                <td><a href=format!("/coordinator/events/{}", e.slug)>{e.title}</a>" · "<a href=crate::events::api::edit_path(&e.slug)>{lang.t(T::CoordEventsEdit)}</a>" · "<a href=format!("/coordinator/events/{}/registrations", e.slug)>{lang.t(T::CoordRegLink)}</a>" · "<a href=crate::planner::api::planner_path(&e.slug)>{lang.t(T::PlanLink)}</a>" · "<a href=crate::dayof::api::checkin_path(&e.slug)>{lang.t(T::CheckinLink)}</a></td>
                                                <td>{format_span(lang, e.starts_at, e.ends_at)}</td>
                                                <td>{format!("{} / {}", e.confirmed, e.capacity)}</td>
                                                <td>{e.waitlisted}</td>
                                            </tr>
                                        })
                                        .collect_view()}
                                </tbody>
                            </table>
                        }
                            .into_any(),
                        Err(e) => view! { <ErrorCard error=e/> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}

/// `s` percent-encoded for a query-string value (everything but unreserved characters).
fn encode_component(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b'/' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}
