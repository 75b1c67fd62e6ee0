//! `/coordinator/events/:slug/badges` and `/coordinator/events/:slug/schedules`: the name
//! badges (name, organisation, table per round) and the personal schedules (the programme
//! with the person's table in each networking round) of every confirmed person, from the
//! published plan, one A6 page each when printed (`style/main.css`).

use crate::dayof::api::checkin_path;
use crate::dayof::api::{badges_path, get_print, schedules_path};
use crate::dayof::model::{PrintPerson, PrintSession, PrintView};
use crate::i18n::T;
use crate::planner::api::planner_path;
use crate::ui::{use_lang, ErrorCard, Loading};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Badges,
    Schedules,
}

#[component]
pub fn BadgesPage() -> impl IntoView {
    let lang = use_lang();
    view! {
        <Title text=lang.t(T::PrintBadgesTitle)/>
        <super::dashboard::SignedIn>
            <Sheets kind=Kind::Badges/>
        </super::dashboard::SignedIn>
    }
}

#[component]
pub fn SchedulesPage() -> impl IntoView {
    let lang = use_lang();
    view! {
        <Title text=lang.t(T::PrintSchedulesTitle)/>
        <super::dashboard::SignedIn>
            <Sheets kind=Kind::Schedules/>
        </super::dashboard::SignedIn>
    }
}

/// "Ronde 1: tafel 3".
fn round_table(lang: crate::i18n::Lang, round: u32, table: &str) -> String {
    format!(
        "{} {round}: {} {table}",
        lang.t(T::AgendaRound),
        lang.t(T::AgendaYourTable)
    )
}

#[component]
fn Sheets(kind: Kind) -> impl IntoView {
    let lang = use_lang();
    let params = use_params_map();
    let slug = move || params.read().get("slug").unwrap_or_default();
    let data = Resource::new(slug, move |slug| get_print(slug, lang));
    view! {
        <Suspense fallback=|| view! { <Loading/> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(v) => view! { <SheetsBody v kind/> }.into_any(),
                    Err(e) => view! { <ErrorCard error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn SheetsBody(v: PrintView, kind: Kind) -> impl IntoView {
    let lang = use_lang();
    let (title, other, other_link) = match kind {
        Kind::Badges => (
            T::PrintBadgesTitle,
            schedules_path(&v.slug),
            T::PrintSchedulesLink,
        ),
        Kind::Schedules => (
            T::PrintSchedulesTitle,
            badges_path(&v.slug),
            T::PrintBadgesLink,
        ),
    };
    let kind_name = match kind {
        Kind::Badges => "badges",
        Kind::Schedules => "schedules",
    };
    let sessions = v.sessions.clone();
    let sheets = v
        .people
        .iter()
        .cloned()
        .map(|p| match kind {
            Kind::Badges => view! { <Badge p event=v.title.clone()/> }.into_any(),
            Kind::Schedules => view! {
                <Schedule p sessions=sessions.clone() event=v.title.clone() when=v.when.clone() venue=v.venue.clone()/>
            }
            .into_any(),
        })
        .collect_view();
    view! {
        <section class="print-head no-print">
            <h1>{lang.t(title)} ": " {v.title.clone()}</h1>
            <p>
                <a href=planner_path(&v.slug)>{lang.t(T::PlanTitle)}</a>
                " · " <a href=checkin_path(&v.slug)>{lang.t(T::CheckinTitle)}</a>
                " · " <a href=other>{lang.t(other_link)}</a>
            </p>
            <p class="hint">{lang.t(T::PrintHint)}</p>
            {(!v.published).then(|| view! { <p class="notice" role="status">{lang.t(T::PrintNotPublished)}</p> })}
            {v.people.is_empty().then(|| view! { <p class="empty">{lang.t(T::PrintNobody)}</p> })}
        </section>
        <div class="print-sheets" data-kind=kind_name>
            {sheets}
        </div>
    }
}

#[component]
fn Badge(p: PrintPerson, event: String) -> impl IntoView {
    let lang = use_lang();
    view! {
        <article class="sheet name-badge">
            <p class="badge-event">{event}</p>
            <h2 class="badge-name">{p.name}</h2>
            <p class="badge-org">{p.organisation}</p>
            <ul class="badge-tables">
                {p.tables.iter().map(|(r, t)| view! { <li>{round_table(lang, *r, t)}</li> }).collect_view()}
            </ul>
        </article>
    }
}

#[component]
fn Schedule(
    p: PrintPerson,
    sessions: Vec<PrintSession>,
    event: String,
    when: String,
    venue: String,
) -> impl IntoView {
    let lang = use_lang();
    let table_of = |round: u32| {
        p.tables
            .iter()
            .find(|(r, _)| *r == round)
            .map(|(_, t)| t.clone())
    };
    let body = if sessions.is_empty() {
        // No programme: the tables alone.
        view! {
            <ul class="schedule-list">
                {p.tables.iter().map(|(r, t)| view! { <li>{round_table(lang, *r, t)}</li> }).collect_view()}
            </ul>
        }
        .into_any()
    } else {
        view! {
            <ol class="schedule-list">
                {sessions.into_iter().map(|s| {
                    let seat = s.round.map(|r| match table_of(r) {
                        Some(t) => round_table(lang, r, &t),
                        None => format!("{} {r}", lang.t(T::AgendaRound)),
                    });
                    view! {
                        <li>
                            <span class="time">{s.time}</span>
                            <span class="what" lang="nl-BE">{s.title}</span>
                            {seat.map(|text| view! { <strong class="seat">{text}</strong> })}
                        </li>
                    }
                }).collect_view()}
            </ol>
        }
        .into_any()
    };
    view! {
        <article class="sheet schedule">
            <h2 class="schedule-name">{p.name.clone()}</h2>
            <p class="schedule-org">{p.organisation.clone()}</p>
            <p class="schedule-event"><strong>{event}</strong><br/>{when}<br/>{venue}</p>
            <h3>{lang.t(T::AgendaYourProgramme)}</h3>
            {body}
        </article>
    }
}
