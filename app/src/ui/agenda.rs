//! The public agenda page (`/e/<slug>/agenda`): the sessions in time order with their
//! speakers, the current and next session on the day, speaker profiles, calendar links
//! and a print layout; plus the compact agenda the event and manage pages show.
//! Everything is rendered on the server and complete without JavaScript; the agenda page
//! loads no wasm at all.

use super::{organiser_lang, use_lang, ErrorCard, Loading};
use crate::i18n::{format_span, format_time, Lang, T};
use crate::programme::api::get_agenda;
use crate::programme::model::{AgendaView, Highlight, SessionView, SpeakerView};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

#[component]
pub fn AgendaPage() -> impl IntoView {
    let params = use_params_map();
    let slug = move || params.read().get("slug").unwrap_or_default();
    let agenda = Resource::new(slug, get_agenda);
    view! {
        <Suspense fallback=|| view! { <Loading/> }>
            {move || Suspend::new(async move {
                match agenda.await {
                    Err(e) => view! { <ErrorCard error=e/> }.into_any(),
                    Ok(a) => view! { <Agenda agenda=a/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// "14:10–14:30" in Brussels time, with machine-readable times.
#[component]
fn Slot(session: SessionView) -> impl IntoView {
    view! {
        <time datetime=session.starts_at.to_rfc3339()>{format_time(session.starts_at)}</time>
        "–"
        <time datetime=session.ends_at.to_rfc3339()>{format_time(session.ends_at)}</time>
    }
}

fn kind_line(lang: Lang, s: &SessionView) -> String {
    let mut line = lang.t(s.kind.label()).to_string();
    if let Some(n) = s.round {
        line = format!("{} {n}", lang.t(T::AgendaRound));
    }
    if !s.room.is_empty() {
        line.push_str(&format!(" · {} {}", lang.t(T::AgendaRoom), s.room));
    }
    line
}

#[component]
fn Agenda(agenda: AgendaView) -> impl IntoView {
    let lang = use_lang();
    let nl = organiser_lang(lang);
    let page_title = format!("{} — {}", lang.t(T::AgendaTitle), agenda.title);
    let sessions = agenda
        .sessions
        .iter()
        .map(|s| {
            let highlight = agenda.highlight(s.id);
            let class = match highlight {
                Some(Highlight::Current) => "session current",
                Some(Highlight::Next) => "session next",
                None => "session",
            };
            let badge = highlight.map(|h| {
                let text = match h {
                    Highlight::Current => T::AgendaNow,
                    Highlight::Next => T::AgendaNext,
                };
                view! { <p class="badge">{lang.t(text)}</p> }
            });
            let speakers = (!s.speakers.is_empty()).then(|| {
                let names = s
                    .speakers
                    .iter()
                    .map(|k| {
                        let affiliation = k.affiliation();
                        view! {
                            <li>
                                <a href=format!("#speaker-{}", k.id)>{k.name.clone()}</a>
                                {(!affiliation.is_empty()).then(|| view! { <span class="affiliation" lang=nl>{format!(", {affiliation}")}</span> })}
                            </li>
                        }
                    })
                    .collect_view();
                view! { <ul class="session-speakers">{names}</ul> }
            });
            let description = (!s.description.is_empty())
                .then(|| view! { <p class="session-description" lang=nl>{s.description.clone()}</p> });
            view! {
                <li
                    id=format!("session-{}", s.id)
                    class=class
                    data-kind=s.kind.code()
                    aria-current=(highlight == Some(Highlight::Current)).then_some("time")
                >
                    <p class="slot"><Slot session=s.clone()/></p>
                    <div class="session-body">
                        {badge}
                        <h2 lang=nl>{s.title.clone()}</h2>
                        <p class="kind">{kind_line(lang, s)}</p>
                        {speakers}
                        {description}
                        <p class="session-ics no-print">
                            <a href=agenda.session_ics(s.id, lang)>
                                {lang.t(T::AgendaSessionIcs)}
                                <span class="visually-hidden">": " {s.title.clone()}</span>
                            </a>
                        </p>
                    </div>
                </li>
            }
        })
        .collect_view();
    let empty = agenda.sessions.is_empty();
    let speakers = (!agenda.speakers.is_empty()).then(|| {
        let profiles = agenda
            .speakers
            .iter()
            .map(|k| view! { <Profile speaker=k.clone() lang=nl/> })
            .collect_view();
        view! {
            <section class="speakers" aria-labelledby="speakers-title">
                <h2 id="speakers-title">{lang.t(T::AgendaSpeakers)}</h2>
                <ul class="profiles">{profiles}</ul>
            </section>
        }
    });
    let feed = agenda.ics(lang);
    view! {
        <Title text=page_title/>
        <article class="agenda">
            <p class="back no-print"><a href=format!("/e/{}", agenda.slug)>{lang.t(T::AgendaBackToEvent)}</a></p>
            <h1>{lang.t(T::AgendaTitle)} ": " <span lang=nl>{agenda.title.clone()}</span></h1>
            <p class="lead">
                {format_span(lang, agenda.starts_at, agenda.ends_at)} " · "
                <span lang=nl>{format!("{}, {}", agenda.venue_name, agenda.venue_address)}</span>
            </p>
            {agenda.times_illustrative.then(|| view! { <p class="notice illustrative">{lang.t(T::AgendaTimesIllustrative)}</p> })}
            {empty.then(|| view! { <p class="empty">{lang.t(T::AgendaEmpty)}</p> })}
            <ol class="sessions">{sessions}</ol>
            {speakers}
            <section class="calendar no-print" aria-labelledby="calendar-title">
                <h2 id="calendar-title">{lang.t(T::AgendaCalendar)}</h2>
                <ul>
                    <li><a href=feed>{lang.t(T::AgendaDownloadIcs)}</a></li>
                    <li><a href=agenda.webcal_url(lang)>{lang.t(T::AgendaSubscribe)}</a></li>
                </ul>
                <p class="hint">{lang.t(T::AgendaSubscribeHint)}</p>
            </section>
        </article>
    }
}

#[component]
fn Profile(speaker: SpeakerView, lang: Option<&'static str>) -> impl IntoView {
    let affiliation = speaker.affiliation();
    let has_photo = speaker.photo.is_some();
    let photo = speaker.photo.clone().map(|p| {
        view! { <img class="photo" src=p.url alt=speaker.name.clone() width=p.width height=p.height loading="lazy"/> }
    });
    view! {
        <li id=format!("speaker-{}", speaker.id) class="profile" class:has-photo=has_photo>
            {photo}
            <div class="profile-text">
                <h3>{speaker.name.clone()}</h3>
                {(!affiliation.is_empty()).then(|| view! { <p class="affiliation" lang=lang>{affiliation}</p> })}
                {(!speaker.bio.is_empty()).then(|| view! { <p class="bio" lang=lang>{speaker.bio.clone()}</p> })}
            </div>
        </li>
    }
}

/// The agenda in a few lines (event page, manage page): time, title, speakers; with
/// `rounds`, each networking round gets the place where "round N: table X" will appear
/// once the planner publishes a plan.
#[component]
pub fn CompactAgenda(
    agenda: AgendaView,
    #[prop(optional)] rounds: bool,
    /// The person's published tables, (round, table).
    #[prop(optional)]
    tables: Vec<(u32, String)>,
) -> impl IntoView {
    let lang = use_lang();
    let nl = organiser_lang(lang);
    let items = agenda
        .sessions
        .iter()
        .map(|s| {
            let names = s
                .speakers
                .iter()
                .map(|k| k.name.clone())
                .collect::<Vec<_>>()
                .join(", ");
            let class = match agenda.highlight(s.id) {
                Some(Highlight::Current) => "current",
                Some(Highlight::Next) => "next",
                None => "",
            };
            let round = s.round.filter(|_| rounds).map(|n| {
                let table = tables.iter().find(|(r, _)| *r == n).map(|(_, t)| t.clone());
                let text = match &table {
                    Some(t) => format!("{} {n}: {} {t}", lang.t(T::AgendaRound), lang.t(T::AgendaYourTable)),
                    None => format!("{} {n}: {}", lang.t(T::AgendaRound), lang.t(T::AgendaTablePending)),
                };
                view! {
                    <span class="round-slot" data-round=n class:seated=table.is_some()>{text}</span>
                }
            });
            view! {
                <li class=class data-kind=s.kind.code()>
                    <span class="time">{format_time(s.starts_at)}</span>
                    <span class="what">
                        <span lang=nl>{s.title.clone()}</span>
                        {(!names.is_empty()).then(|| view! { <span class="who">{format!(" — {names}")}</span> })}
                        {round}
                    </span>
                </li>
            }
        })
        .collect_view();
    view! {
        <ol class="programme agenda-compact">{items}</ol>
        {agenda.times_illustrative.then(|| view! { <p class="hint">{lang.t(T::AgendaTimesIllustrative)}</p> })}
        // The agenda page is not in the attendee bundle: the browser loads it.
        <p><a href=format!("/e/{}/agenda", agenda.slug) rel="external">{lang.t(T::AgendaOpen)}</a></p>
    }
}
