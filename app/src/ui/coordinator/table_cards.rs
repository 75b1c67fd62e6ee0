//! `/coordinator/events/:slug/planner/cards`: the table cards to print, one per table and
//! round (round, table, its theme, who sits there and their organisation, the host marked),
//! four to an A4 sheet, from the latest plan. The screen shows the same cards with a print button.

use crate::i18n::T;
use crate::planner::api::get_planner;
use crate::planner::model::RoundView;
use crate::ui::{use_lang, ErrorCard, Loading};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

#[component]
pub fn TableCardsPage() -> impl IntoView {
    let lang = use_lang();
    view! {
        <Title text=lang.t(T::PlanCardsTitle)/>
        <super::dashboard::SignedIn>
            <Cards/>
        </super::dashboard::SignedIn>
    }
}

#[component]
fn Cards() -> impl IntoView {
    let lang = use_lang();
    let params = use_params_map();
    let slug = move || params.read().get("slug").unwrap_or_default();
    let view = Resource::new(slug, get_planner);
    view! {
        <Suspense fallback=|| view! { <Loading/> }>
            {move || Suspend::new(async move {
                match view.await {
                    Ok(v) => {
                        let back = crate::planner::api::planner_path(&v.slug);
                        let body = match v.plan {
                            Some(plan) => plan
                                .rounds
                                .into_iter()
                                .map(|round| view! { <RoundCards round/> })
                                .collect_view()
                                .into_any(),
                            None => view! { <p class="empty">{lang.t(T::PlanNone)}</p> }.into_any(),
                        };
                        view! {
                            <section class="table-cards">
                                <h1 class="no-print">{lang.t(T::PlanCardsTitle)} ": " {v.title.clone()}</h1>
                                <p class="no-print">
                                    <a href=back>{lang.t(T::PlanTitle)}</a>
                                    " · " {lang.t(T::PlanCardsHint)}
                                </p>
                                {body}
                            </section>
                        }
                        .into_any()
                    }
                    Err(e) => view! { <ErrorCard error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn RoundCards(round: RoundView) -> impl IntoView {
    let lang = use_lang();
    let number = round.number;
    round
        .tables
        .into_iter()
        .map(|t| {
            view! {
                <article class="table-card">
                    <p class="table-card-round">{format!("{} {number}", lang.t(T::PlanRound))}</p>
                    <h2>{format!("{} {}", lang.t(T::PlanTable), t.name)}</h2>
                    {(!t.theme.is_empty()).then(|| view! {
                        <p class="table-card-theme">{lang.t(T::PlanThemeLabel)} " " {t.theme.clone()}</p>
                    })}
                    <ul>
                        {t.people
                            .into_iter()
                            .filter(|s| s.org_type.is_some())
                            .map(|s| view! {
                                <li>
                                    <strong>{s.name}</strong> " · " <span>{s.organisation}</span>
                                    {s.host.then(|| view! { " · " <em class="seat-host">{lang.t(T::PlanHostMark)}</em> })}
                                </li>
                            })
                            .collect_view()}
                    </ul>
                </article>
            }
        })
        .collect_view()
}
