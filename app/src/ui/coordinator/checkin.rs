//! `/coordinator/events/:slug/checkin`: the check-in desk. A name search (a plain GET form,
//! so it works before the wasm and on a slow phone), arrived / expected, and per person a
//! button to check them in or undo it; links to the badges and schedules to print, the
//! camera scanner (`camera.rs`) and the walk-in form (`walk_in.rs`).

use crate::dayof::api::get_walk_in_setup;
use crate::dayof::api::{checkin_path, get_checkin, CheckIn};
use crate::dayof::model::WalkInSetup;
use crate::dayof::model::{Arrival, CheckinView};
use crate::error::AppError;
use crate::i18n::T;
use crate::ui::{use_lang, ErrorCard, Loading};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

#[component]
pub fn CheckinPage() -> impl IntoView {
    let lang = use_lang();
    view! {
        <Title text=lang.t(T::CheckinTitle)/>
        <super::dashboard::SignedIn>
            <Desk/>
        </super::dashboard::SignedIn>
    }
}

#[component]
fn Desk() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let slug = move || params.read().get("slug").unwrap_or_default();
    let q = move || query.read().get("q").unwrap_or_default();
    let action = ServerAction::<CheckIn>::new();
    // The desk and the walk-in form's choices in one resource (one Suspense to hydrate).
    let view = Resource::new(
        move || (slug(), q(), action.version().get()),
        |(slug, q, _)| async move {
            let desk = get_checkin(slug.clone(), q).await;
            let walk_in = get_walk_in_setup(slug).await;
            (desk, walk_in)
        },
    );
    view! {
        <Suspense fallback=|| view! { <Loading/> }>
            {move || Suspend::new(async move {
                match view.await {
                    (Ok(v), walk_in) => view! { <DeskBody v action walk_in/> }.into_any(),
                    (Err(e), _) => view! { <ErrorCard error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn DeskBody(
    v: CheckinView,
    action: ServerAction<CheckIn>,
    walk_in: Result<WalkInSetup, AppError>,
) -> impl IntoView {
    let lang = use_lang();
    let path = checkin_path(&v.slug);
    let slug = v.slug.clone();
    let shown = v.people.len();
    view! {
        <section class="card coordinator checkin">
            <h1>{lang.t(T::CheckinTitle)} ": " {v.title.clone()}</h1>
            <p class="checkin-count" role="status">
                <strong>{v.arrived}</strong> " / " {v.expected} " " {lang.t(T::CheckinArrived)}
            </p>
            <super::FormError error=super::action_error(action)/>
            <super::QueryNotice key="walkin" text=T::WalkInDone/>
            <super::QueryNotice key="over" text=T::WalkInOver/>
            <form method="get" action=path role="search" class="checkin-search">
                <label for="q">{lang.t(T::CheckinSearch)}</label>
                <div class="inline-form">
                    <input id="q" name="q" type="search" value=v.query.clone() autocomplete="off" autofocus/>
                    <button type="submit" class="button">{lang.t(T::CheckinFind)}</button>
                </div>
            </form>
            {if v.people.is_empty() {
                view! { <p class="empty">{lang.t(T::CheckinNobody)}</p> }.into_any()
            } else {
                view! {
                    <ul class="checkin-list">
                        {v.people.into_iter().map(|p| view! { <Person p slug=slug.clone() q=v.query.clone() action/> }).collect_view()}
                    </ul>
                }
                .into_any()
            }}
            {(v.matching > shown).then(|| view! {
                <p class="hint">{format!("{shown} / {} — {}", v.matching, lang.t(T::CheckinNarrow))}</p>
            })}
            <p class="print-links">
                <a href=crate::dayof::api::badges_path(&slug)>{lang.t(T::PrintBadgesLink)}</a>
                " · "
                <a href=crate::dayof::api::schedules_path(&slug)>{lang.t(T::PrintSchedulesLink)}</a>
            </p>
        </section>
        <super::camera::CameraScanner slug=slug.clone()/>
        <super::walk_in::WalkInSection setup=walk_in slug=slug.clone()/>
    }
}

#[component]
fn Person(p: Arrival, slug: String, q: String, action: ServerAction<CheckIn>) -> impl IntoView {
    let lang = use_lang();
    let label = if p.arrived {
        T::CheckinUndo
    } else {
        T::CheckinDo
    };
    view! {
        <li class="checkin-person" class:arrived=p.arrived>
            <span class="checkin-name">
                <strong>{p.name.clone()}</strong>
                <span class="hint">{p.organisation.clone()}</span>
            </span>
            {p.arrived.then(|| view! { <span class="checkin-badge">{lang.t(T::CheckinHere)}</span> })}
            <ActionForm action attr:class="inline-form">
                <input type="hidden" name="slug" value=slug/>
                <input type="hidden" name="id" value=p.id.to_string()/>
                <input type="hidden" name="q" value=q/>
                {p.arrived.then(|| view! { <input type="hidden" name="undo" value="1"/> })}
                <button
                    type="submit"
                    class=if p.arrived { "button" } else { "button primary" }
                    aria-label=format!("{}: {}", lang.t(label), p.name)
                >
                    {lang.t(label)}
                </button>
            </ActionForm>
        </li>
    }
}
