//! The event page: details, programme, places left and the way to register.

use super::agenda::CompactAgenda;
use super::{organiser_lang, text_lang, use_lang, ErrorCard, Loading};
use crate::api::get_event;
use crate::event::RegistrationWindow;
use crate::i18n::{format_span, T};
use crate::programme::api::get_agenda;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

#[component]
pub fn EventPage() -> impl IntoView {
    let lang = use_lang();
    let params = use_params_map();
    let slug = move || params.read().get("slug").unwrap_or_default();
    let event = Resource::new(slug, get_event);
    let agenda = Resource::new(slug, get_agenda);
    view! {
        <Suspense fallback=|| view! { <Loading/> }>
            {move || Suspend::new(async move {
                match event.await {
                    Err(e) => view! { <ErrorCard error=e/> }.into_any(),
                    Ok(e) => {
                        // The structured programme when there is one, else the free text.
                        let programme = match agenda.await {
                            Ok(a) if !a.sessions.is_empty() => view! { <CompactAgenda agenda=a/> }.into_any(),
                            _ => view! { <Programme text=e.programme.clone() lang=organiser_lang(lang)/> }.into_any(),
                        };
                        let window = e.window(chrono::Utc::now());
                        let register_href = format!("/e/{}/register", e.slug);
                        let cta = match window {
                            RegistrationWindow::Open => {
                                let label = if e.is_full() { T::RegisterWaitlistCta } else { T::RegisterCta };
                                view! { <a class="button primary" href=register_href>{lang.t(label)}</a> }.into_any()
                            }
                            RegistrationWindow::NotYetOpen => view! { <p class="notice">{lang.t(T::RegistrationNotYetOpen)}</p> }.into_any(),
                            RegistrationWindow::Closed => view! { <p class="notice">{lang.t(T::RegistrationClosed)}</p> }.into_any(),
                        };
                        view! {
                            <Title text=e.title_in(lang).text.to_string()/>
                            <article class="event">
                                <h1 lang=text_lang(lang, e.title_in(lang))>{e.title_in(lang).text.to_string()}</h1>
                                <dl class="facts">
                                    <dt>{lang.t(T::When)}</dt>
                                    <dd>{format_span(lang, e.starts_at, e.ends_at)}</dd>
                                    <dt>{lang.t(T::Where)}</dt>
                                    <dd>{format!("{}, {}", e.venue_name, e.venue_address)}</dd>
                                    <dt>{lang.t(T::Places)}</dt>
                                    <dd>
                                        {if e.is_full() {
                                            lang.t(T::EventFull).to_string()
                                        } else {
                                            format!("{} {}", e.places_left(), lang.t(T::PlacesLeft))
                                        }}
                                    </dd>
                                    <dt>{lang.t(T::Organiser)}</dt>
                                    <dd>
                                        {e.organiser_name.clone()} " · "
                                        <a href=format!("mailto:{}", e.organiser_email)>{e.organiser_email.clone()}</a>
                                    </dd>
                                </dl>
                                <div class="cta">{cta}</div>
                                <p class="description" lang=text_lang(lang, e.description_in(lang))>{e.description_in(lang).text.to_string()}</p>
                                <h2>{lang.t(T::Programme)}</h2>
                                {programme}
                            </article>
                        }
                            .into_any()
                    }
                }
            })}
        </Suspense>
    }
}

/// One line of the programme: its time ("13:30") if it starts with one, and its text.
fn programme_lines(text: &str) -> Vec<(Option<&str>, &str)> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(|line| {
            let b = line.as_bytes();
            let is_time = b.len() >= 5
                && b[0].is_ascii_digit()
                && b[1].is_ascii_digit()
                && b[2] == b':'
                && b[3].is_ascii_digit()
                && b[4].is_ascii_digit();
            if is_time {
                (Some(&line[..5]), line[5..].trim_start())
            } else {
                (None, line)
            }
        })
        .collect()
}

/// The programme as a two-column list, so wrapped lines stay in the text column on a
/// phone; lines without a time (sub-items) sit under the item before them.
#[component]
fn Programme(text: String, lang: Option<&'static str>) -> impl IntoView {
    let items = programme_lines(&text)
        .into_iter()
        .map(|(time, what)| {
            let what = what.to_string();
            match time {
                Some(t) => view! {
                    <li><span class="time">{t.to_string()}</span><span class="what">{what}</span></li>
                }
                .into_any(),
                None => view! {
                    <li class="sub"><span class="time"></span><span class="what">{what}</span></li>
                }
                .into_any(),
            }
        })
        .collect_view();
    view! { <ul class="programme" lang=lang>{items}</ul> }
}

#[cfg(test)]
mod tests {
    use super::programme_lines;

    #[test]
    fn programme_lines_keep_their_time_apart() {
        let lines = programme_lines("13:30  Onthaal\n       · Wouter\n\n14:00 Welkom\nSlot");
        assert_eq!(
            lines,
            vec![
                (Some("13:30"), "Onthaal"),
                (None, "· Wouter"),
                (Some("14:00"), "Welkom"),
                (None, "Slot"),
            ]
        );
    }
}
