//! `/coordinator/events/:slug/planner`: the table planner's first screen. The quick set-up
//! ("16 tables of 8, 3 rounds"; a confirmation box when that discards a plan), a button that
//! plans (the engine's time budget is stated, the button says it is working), and the plan
//! as a seating chart per round, coloured by organisation type, beside its quality panel.

use super::{action_error, FormError, QueryNotice};
use crate::domain::OrgType;
use crate::i18n::{Lang, T};
use crate::planner::api::{get_planner, PublishPlan, RunPlanner, SetupTables};
use crate::planner::model::{PlanView, PlannerView, Quality, TableView};
use crate::ui::{use_lang, ErrorCard, Loading};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

#[component]
pub fn PlannerPage() -> impl IntoView {
    let lang = use_lang();
    view! {
        <Title text=lang.t(T::PlanTitle)/>
        <super::dashboard::SignedIn>
            <Planner/>
        </super::dashboard::SignedIn>
    }
}

#[component]
fn Planner() -> impl IntoView {
    let lang = use_lang();
    let params = use_params_map();
    let slug = move || params.read().get("slug").unwrap_or_default();
    let setup = ServerAction::<SetupTables>::new();
    let run = ServerAction::<RunPlanner>::new();
    let publish = ServerAction::<PublishPlan>::new();
    // The actions redirect back here; their versions in the key load the page again.
    let view = Resource::new(
        move || {
            (
                slug(),
                setup.version().get(),
                run.version().get(),
                publish.version().get(),
            )
        },
        |(slug, _, _, _)| get_planner(slug),
    );
    view! {
        <Suspense fallback=|| view! { <Loading/> }>
            {move || Suspend::new(async move {
                match view.await {
                    Ok(v) => view! { <PlannerBody v setup run publish/> }.into_any(),
                    Err(e) => view! { <ErrorCard error=e/> }.into_any(),
                }
            })}
        </Suspense>
        {move || run.pending().get().then(|| view! { <p class="notice" role="status">{lang.t(T::PlanWorking)}</p> })}
    }
}

#[component]
fn PlannerBody(
    v: PlannerView,
    setup: ServerAction<SetupTables>,
    run: ServerAction<RunPlanner>,
    publish: ServerAction<PublishPlan>,
) -> impl IntoView {
    let lang = use_lang();
    let seats = v.seats();
    // Defaults for the set-up: what is there, else tables of 8 for everyone confirmed.
    let size = v.tables.first().map(|t| t.capacity).unwrap_or(8);
    let count = if v.tables.is_empty() {
        v.participants.div_ceil(size as usize).max(1)
    } else {
        v.tables.len()
    };
    let has_plan = v.plan.is_some();
    let (s1, s2, s3, s4) = (
        v.slug.clone(),
        v.slug.clone(),
        v.slug.clone(),
        v.slug.clone(),
    );
    let published_at = v.published_at.clone();
    view! {
        <section class="card coordinator planner">
            <h1>{lang.t(T::PlanTitle)} ": " {v.title.clone()}</h1>
            <QueryNotice key="setup" text=T::PlanSetupSaved/>
            <QueryNotice key="planned" text=T::PlanMade/>
            <PublishedNotice/>
            <p class="plan-summary">
                {format!(
                    "{} {} · {} {} · {} {} · {} {}",
                    v.participants, lang.t(T::PlanPeople),
                    v.tables.len(), lang.t(T::PlanTables),
                    seats, lang.t(T::PlanSeatsPerRound),
                    v.rounds, lang.t(T::PlanRounds),
                )}
            </p>
            <h2>{lang.t(T::PlanSetupTitle)}</h2>
            <FormError error=action_error(setup)/>
            <ActionForm action=setup attr:class="plan-setup">
                <input type="hidden" name="slug" value=s1/>
                <div class="grid three">
                    <div class="field">
                        <label for="tables">{lang.t(T::PlanFieldTables)}</label>
                        <input id="tables" name="tables" type="number" min="1" max="500" required value=count.to_string()/>
                    </div>
                    <div class="field">
                        <label for="size">{lang.t(T::PlanFieldSize)}</label>
                        <input id="size" name="size" type="number" min="2" max="50" required value=size.to_string()/>
                    </div>
                    <div class="field">
                        <label for="rounds">{lang.t(T::PlanFieldRounds)}</label>
                        {if v.rounds_from_programme {
                            view! {
                                <input id="rounds" name="rounds" type="number" readonly aria-describedby="rounds-hint" value=v.rounds.to_string()/>
                                <p class="hint" id="rounds-hint">{lang.t(T::PlanRoundsFromProgramme)}</p>
                            }
                            .into_any()
                        } else {
                            view! {
                                <input id="rounds" name="rounds" type="number" min="1" max="20" required value=v.rounds.to_string()/>
                            }
                            .into_any()
                        }}
                    </div>
                </div>
                {has_plan.then(|| view! {
                    <label class="check" for="confirm">
                        <input type="checkbox" id="confirm" name="confirm" required/>
                        " " {lang.t(T::PlanSetupConfirm)}
                    </label>
                })}
                <button type="submit" class="button">{lang.t(T::PlanSetupSave)}</button>
            </ActionForm>
            <h2>{lang.t(T::PlanRunTitle)}</h2>
            <FormError error=action_error(run)/>
            <ActionForm action=run attr:class="plan-run">
                <input type="hidden" name="slug" value=s2/>
                <p class="hint">{lang.t(T::PlanRunHint)}</p>
                <button type="submit" class="button primary" disabled=move || run.pending().get()>
                    {move || lang.t(if run.pending().get() { T::PlanWorking } else { T::PlanRun })}
                </button>
            </ActionForm>
            {has_plan.then(|| view! {
                <h2>{lang.t(T::PlanPublishTitle)}</h2>
                <FormError error=action_error(publish)/>
                <ActionForm action=publish attr:class="plan-publish">
                    <input type="hidden" name="slug" value=s3/>
                    <p class="hint">{lang.t(T::PlanPublishHint)}</p>
                    {published_at.map(|at| view! {
                        <p>{lang.t(T::PlanPublishedAt)} ": " <time datetime=at.clone()>{shown(lang, &at)}</time></p>
                    })}
                    <button type="submit" class="button" disabled=move || publish.pending().get()>{lang.t(T::PlanPublish)}</button>
                </ActionForm>
            })}
            {has_plan.then(|| view! {
                <p><a href=format!("{}/cards", crate::planner::api::planner_path(&s4))>{lang.t(T::PlanCardsLink)}</a></p>
            })}
            {match v.plan {
                Some(plan) => view! { <Chart plan/> }.into_any(),
                None => view! { <p class="empty">{lang.t(T::PlanNone)}</p> }.into_any(),
            }}
        </section>
    }
}

/// "Published. Mails queued: N" after a publication (the count is in the query string).
#[component]
fn PublishedNotice() -> impl IntoView {
    let lang = use_lang();
    let query = leptos_router::hooks::use_query_map();
    move || {
        query.read().get("published").map(|n| {
            let n: usize = n.parse().unwrap_or_default();
            view! { <p class="notice" role="status">{format!("{} {n}", lang.t(T::PlanPublished))}</p> }
        })
    }
}

/// An RFC 3339 instant as a date and a Brussels time.
fn shown(lang: Lang, at: &str) -> String {
    chrono::DateTime::parse_from_rfc3339(at)
        .map(|t| {
            let t = t.with_timezone(&chrono::Utc);
            format!(
                "{} {}",
                crate::i18n::format_date(lang, t),
                crate::i18n::format_time(t)
            )
        })
        .unwrap_or_default()
}

/// `x` with `places` decimals, with a decimal comma in Dutch and French.
fn decimal(lang: Lang, x: f64, places: usize) -> String {
    let s = format!("{x:.places$}");
    if lang == Lang::En {
        s
    } else {
        s.replace('.', ",")
    }
}

/// The CSS class that colours a seat by organisation type.
fn seat_class(t: Option<OrgType>) -> String {
    match t {
        Some(t) => format!("seat org-{}", t.code()),
        None => "seat gone".into(),
    }
}

#[component]
fn Chart(plan: PlanView) -> impl IntoView {
    let lang = use_lang();
    view! {
        <h2>{lang.t(T::PlanChartTitle)}</h2>
        <QualityPanel q=plan.quality.clone() runtime_ms=plan.runtime_ms unseated=plan.unseated/>
        <ul class="plan-legend" aria-label=lang.t(T::PlanLegend)>
            {OrgType::ALL
                .iter()
                .map(|t| view! { <li class=seat_class(Some(*t))>{lang.t(t.label())}</li> })
                .collect_view()}
        </ul>
        {plan
            .rounds
            .into_iter()
            .map(|round| {
                view! {
                    <section class="plan-round" aria-labelledby=format!("round-{}", round.number)>
                        <h3 id=format!("round-{}", round.number)>{format!("{} {}", lang.t(T::PlanRound), round.number)}</h3>
                        <div class="plan-tables">
                            {round.tables.into_iter().map(|t| view! { <TableCard t lang/> }).collect_view()}
                        </div>
                    </section>
                }
            })
            .collect_view()}
    }
}

#[component]
fn TableCard(t: TableView, lang: Lang) -> impl IntoView {
    view! {
        <figure class="plan-table">
            <figcaption>
                <strong>{format!("{} {}", lang.t(T::PlanTable), t.name)}</strong>
                <span class="hint">{format!(" {}/{} · {} {} · {} {}", t.people.len(), t.capacity, t.groups, lang.t(T::PlanGroups), t.needs_met, lang.t(T::PlanNeedsMetShort))}</span>
            </figcaption>
            <ol>
                {t.people
                    .into_iter()
                    .map(|s| {
                        if s.org_type.is_none() {
                            view! { <li class="seat gone">{lang.t(T::PlanSeatGone)}</li> }.into_any()
                        } else {
                            view! {
                                <li class=seat_class(s.org_type)>
                                    <span class="seat-name">{s.name}</span>
                                    <span class="seat-org">{s.organisation}</span>
                                </li>
                            }
                            .into_any()
                        }
                    })
                    .collect_view()}
            </ol>
        </figure>
    }
}

#[component]
fn QualityPanel(q: Quality, runtime_ms: u64, unseated: usize) -> impl IntoView {
    let lang = use_lang();
    let minimum = |n: usize| {
        if n == 0 {
            format!("0 — {}", lang.t(T::PlanTheMinimum))
        } else {
            n.to_string()
        }
    };
    let needs = if q.needs_total == 0 {
        "—".to_string()
    } else {
        format!(
            "{} / {} ({:.0} %)",
            q.needs_met,
            q.needs_total,
            100.0 * q.needs_met as f64 / q.needs_total as f64
        )
    };
    view! {
        <dl class="plan-quality">
            <dt>{lang.t(T::PlanRepeats)}</dt>
            <dd>{minimum(q.repeats)}</dd>
            <dt>{lang.t(T::PlanColleagues)}</dt>
            <dd>{minimum(q.colleagues_together)}</dd>
            <dt>{lang.t(T::PlanGroupsPerTable)}</dt>
            <dd>{format!("{} {} ({} {}; {} {})", lang.t(T::PlanMean), decimal(lang, q.groups_mean, 2), lang.t(T::PlanFewest), q.groups_min, lang.t(T::PlanInEvent), q.groups_in_event)}</dd>
            <dt>{lang.t(T::PlanNeedsMet)}</dt>
            <dd>{needs}</dd>
            <dt>{lang.t(T::PlanRuntime)}</dt>
            <dd>{format!("{} s", decimal(lang, runtime_ms as f64 / 1000.0, 1))}</dd>
        </dl>
        {(unseated > 0).then(|| view! {
            <p class="notice warn" role="status">{format!("{unseated} {}", lang.t(T::PlanUnseated))}</p>
        })}
    }
}
