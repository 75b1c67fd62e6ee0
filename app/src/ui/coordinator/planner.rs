//! `/coordinator/events/:slug/planner`: the table planner. The quick set-up ("16 tables of
//! 8, 3 rounds"; a confirmation box when that discards a plan), planning (around locked
//! seats), the day-of re-plan, publishing, and the chart per round coloured by organisation
//! type with its quality. Hand edits: a seat is a link (`?sel=<round>-<id>`) that selects
//! it; "Move here" (on each table), "Swap with" and lock (in the selection panel) are forms,
//! so all of it works before the wasm arrives;
//! once hydrated, a seat can also be dragged onto another table or person (the same server
//! function). The tables one by one (`?table=<id>` edits one: name, size, minimum, host,
//! theme) and the people left out of the tables.

use super::{action_error, FormError, QueryNotice};
use crate::domain::OrgType;
use crate::error::AppError;
use crate::i18n::{Lang, T};
use crate::planner::api::{
    get_planner, plan_job, planner_path, LockSeat, MoveSeat, PublishPlan, RemoveTable,
    ReplanRemaining, RunPlanner, SaveTable, SetAtTables, SetupTables,
};
use crate::planner::model::{
    JobState, JobView, PersonRef, PlanView, PlannerTable, PlannerView, Quality, Selection,
    TableErrors, TableField, TableView,
};
use crate::ui::{use_lang, ErrorCard, Loading};
use leptos::prelude::*;
use leptos::reactive::computed::Selector;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

/// The actions of the page, passed down together.
#[derive(Clone, Copy)]
struct Actions {
    setup: ServerAction<SetupTables>,
    run: ServerAction<RunPlanner>,
    publish: ServerAction<PublishPlan>,
    moves: ServerAction<MoveSeat>,
    lock: ServerAction<LockSeat>,
    replan: ServerAction<ReplanRemaining>,
    table: ServerAction<SaveTable>,
    remove: ServerAction<RemoveTable>,
    at_tables: ServerAction<SetAtTables>,
}

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
    let query = use_query_map();
    let slug = move || params.read().get("slug").unwrap_or_default();
    // A planning job to follow (`?job=<id>`, where planning and the re-plan return) and the
    // jobs finished here since the page loaded (the page's data loads again after each).
    let job = move || query.read().get("job").and_then(|j| j.parse::<i64>().ok());
    let jobs_done = RwSignal::new(0usize);
    let a = Actions {
        setup: ServerAction::new(),
        run: ServerAction::new(),
        publish: ServerAction::new(),
        moves: ServerAction::new(),
        lock: ServerAction::new(),
        replan: ServerAction::new(),
        table: ServerAction::new(),
        remove: ServerAction::new(),
        at_tables: ServerAction::new(),
    };
    // The actions redirect back here; their versions in the key load the page again.
    let view = Resource::new(
        move || {
            (
                slug(),
                [
                    a.setup.version().get(),
                    a.run.version().get(),
                    a.publish.version().get(),
                    a.moves.version().get(),
                    a.lock.version().get(),
                    a.replan.version().get(),
                    a.table.version().get(),
                    a.remove.version().get(),
                    a.at_tables.version().get(),
                    jobs_done.get(),
                ],
            )
        },
        |(slug, _)| get_planner(slug),
    );
    let working = move || a.run.pending().get() || a.replan.pending().get();
    view! {
        {move || job().map(|id| view! { <JobProgress slug=slug() job=id done=jobs_done/> })}
        <Suspense fallback=|| view! { <Loading/> }>
            {move || Suspend::new(async move {
                match view.await {
                    Ok(v) => view! { <PlannerBody v a/> }.into_any(),
                    Err(e) => view! { <ErrorCard error=e/> }.into_any(),
                }
            })}
        </Suspense>
        {move || working().then(|| view! { <p class="notice" role="status">{lang.t(T::PlanWorking)}</p> })}
    }
}

#[component]
fn PlannerBody(v: PlannerView, a: Actions) -> impl IntoView {
    let Actions {
        setup,
        run,
        publish,
        moves: _,
        lock: _,
        replan,
        ..
    } = a;
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
    let (s1, s2, s3, s4, s5) = (
        v.slug.clone(),
        v.slug.clone(),
        v.slug.clone(),
        v.slug.clone(),
        v.slug.clone(),
    );
    let published_at = v.published_at.clone();
    let has_locks = v.plan.as_ref().is_some_and(|p| p.locked > 0);
    let plan_rounds = v.plan.as_ref().map(|p| p.rounds.len()).unwrap_or_default();
    let (arrived, participants) = (v.arrived, v.participants);
    let held_max = plan_rounds.saturating_sub(1).to_string();
    let held_default = if plan_rounds > 1 { "1" } else { "0" };
    view! {
        <section class="card coordinator planner">
            <h1>{lang.t(T::PlanTitle)} ": " {v.title.clone()}</h1>
            <QueryNotice key="setup" text=T::PlanSetupSaved/>
            <QueryNotice key="table_saved" text=T::PlanTableSaved/>
            <QueryNotice key="table_removed" text=T::PlanTableRemoved/>
            <QueryNotice key="left_out" text=T::PlanLeftOutNotice/>
            <QueryNotice key="back_in" text=T::PlanBackInNotice/>
            <PlannedNotice/>
            <ReplannedNotice/>
            <PublishedNotice/>
            <EditNotice plan=v.plan.clone()/>
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
            <TablesEditor tables=v.tables.clone() people=v.people.clone() has_plan slug=v.slug.clone() a/>
            <LeftOut people=v.people.clone() left_out=v.left_out.clone() slug=v.slug.clone() a/>
            <h2>{lang.t(T::PlanRunTitle)}</h2>
            <FormError error=action_error(run)/>
            <ActionForm action=run attr:class="plan-run">
                <input type="hidden" name="slug" value=s2/>
                <p class="hint">{lang.t(T::PlanRunHint)}</p>
                {has_locks.then(|| view! { <p class="hint">{lang.t(T::PlanRunLocksHint)}</p> })}
                <button type="submit" class="button primary" disabled=move || run.pending().get()>
                    {move || lang.t(if run.pending().get() { T::PlanWorking } else { T::PlanRun })}
                </button>
            </ActionForm>
            {has_plan.then(|| view! {
                <h2>{lang.t(T::PlanReplanTitle)}</h2>
                <FormError error=action_error(replan)/>
                <ActionForm action=replan attr:class="plan-replan">
                    <input type="hidden" name="slug" value=s5/>
                    <p class="hint">{lang.t(T::PlanReplanHint)}</p>
                    <p>{format!("{arrived} {} {participants} {}", lang.t(T::PlanArrivedOf), lang.t(T::PlanPeople))}</p>
                    <div class="field">
                        <label for="held">{lang.t(T::PlanFieldHeld)}</label>
                        <input id="held" name="held" type="number" min="0" max=held_max required value=held_default/>
                    </div>
                    <button type="submit" class="button" disabled=move || replan.pending().get()>{lang.t(T::PlanReplan)}</button>
                </ActionForm>
            })}
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
                Some(plan) => view! { <Chart plan slug=v.slug.clone() a/> }.into_any(),
                None => view! { <p class="empty">{lang.t(T::PlanNone)}</p> }.into_any(),
            }}
        </section>
    }
}

/// A planning job while it runs: the time elapsed against the budget as a progress bar,
/// polled every [`JOB_POLL`] once hydrated; done, the page goes to the job's outcome (its
/// notice, the new plan) and counts it in `done`; failed, the error. Before the wasm has
/// loaded, a link shows the progress again or the result.
#[component]
fn JobProgress(slug: String, job: i64, done: RwSignal<usize>) -> impl IntoView {
    let lang = use_lang();
    let path = planner_path(&slug);
    let tick = RwSignal::new(0u32);
    let status = Resource::new(move || tick.get(), move |_| plan_job(slug.clone(), job));
    let outcome = {
        let path = path.clone();
        move |query: &str| format!("{path}?{query}")
    };
    let go = outcome.clone();
    // One poll per answer and one navigation, however often the effect runs.
    let polled = StoredValue::new(None::<u32>);
    let left = StoredValue::new(false);
    Effect::new(move |_| match status.get() {
        Some(Ok(JobView {
            state: JobState::Running,
            ..
        })) => {
            let now = tick.get_untracked();
            if polled.get_value() != Some(now) {
                polled.set_value(Some(now));
                set_timeout(move || tick.set(now + 1), JOB_POLL);
            }
        }
        Some(Ok(JobView {
            state: JobState::Done(query),
            ..
        })) if !left.get_value() => {
            left.set_value(true);
            done.update(|n| *n += 1);
            let navigate = leptos_router::hooks::use_navigate();
            navigate(
                &go(&query),
                leptos_router::NavigateOptions {
                    replace: true,
                    scroll: false,
                    ..Default::default()
                },
            );
        }
        _ => {}
    });
    let seconds = move |ms: u64| format!("{} s", decimal(lang, ms as f64 / 1000.0, 1));
    view! {
        <Transition fallback=|| view! { <Loading/> }>
            {move || Suspend::new({
                let path = path.clone();
                let outcome = outcome.clone();
                async move {
                    match status.await {
                        Ok(v) => match v.state.clone() {
                            JobState::Running => view! {
                                <section class="card plan-job" role="status" aria-labelledby="job-title">
                                    <h2 id="job-title">{lang.t(T::PlanWorking)}</h2>
                                    <progress max="100" value=v.percent().to_string() aria-labelledby="job-title">
                                        {format!("{} %", v.percent())}
                                    </progress>
                                    <p class="hint">
                                        {format!(
                                            "{} {} · {} {}",
                                            seconds(v.elapsed_ms),
                                            lang.t(T::PlanJobElapsed),
                                            lang.t(T::PlanJobBudget),
                                            seconds(v.budget_ms),
                                        )}
                                    </p>
                                    <p><a href=format!("{path}?job={job}")>{lang.t(T::PlanJobRefresh)}</a></p>
                                </section>
                            }
                            .into_any(),
                            JobState::Done(query) => view! {
                                <p class="notice" role="status">
                                    <a href=outcome(&query)>{lang.t(T::PlanJobRefresh)}</a>
                                </p>
                            }
                            .into_any(),
                            JobState::Failed(e) => view! {
                                <p class="form-error" role="alert">{lang.t(e.message())}</p>
                            }
                            .into_any(),
                        },
                        Err(e) => view! { <p class="form-error" role="alert">{lang.t(e.message())}</p> }.into_any(),
                    }
                }
            })}
        </Transition>
    }
}

/// How often a running planning job is asked for its progress.
const JOB_POLL: std::time::Duration = std::time::Duration::from_millis(150);

/// "The plan is ready" after planning; around locks, with the seats locked and changed.
#[component]
fn PlannedNotice() -> impl IntoView {
    let lang = use_lang();
    let query = use_query_map();
    move || {
        let q = query.read();
        q.get("planned")?;
        let text = match q.get("changed") {
            Some(changed) => format!(
                "{} {} {} · {} {}",
                lang.t(T::PlanAroundLocks),
                q.get("locked").unwrap_or_default(),
                lang.t(T::PlanLockedCount),
                changed,
                lang.t(T::PlanChangedCount)
            ),
            None => lang.t(T::PlanMade).to_string(),
        };
        Some(view! { <p class="notice" role="status">{text}</p> })
    }
}

/// After the day-of re-plan: how many are seated and how many seats changed.
#[component]
fn ReplannedNotice() -> impl IntoView {
    let lang = use_lang();
    let query = use_query_map();
    move || {
        let q = query.read();
        let changed = q.get("replanned")?;
        Some(view! {
            <p class="notice" role="status">
                {format!(
                    "{} {} {} · {changed} {}. {}",
                    lang.t(T::PlanReplanned),
                    q.get("seated").unwrap_or_default(),
                    lang.t(T::PlanSeatedCount),
                    lang.t(T::PlanChangedCount),
                    lang.t(T::PlanPublishAgain)
                )}
            </p>
        })
    }
}

/// After a hand edit: who moved where (or who swapped, or which seat was locked), and a
/// warning when the edit put colleagues together or made people meet again.
#[component]
fn EditNotice(plan: Option<PlanView>) -> impl IntoView {
    let lang = use_lang();
    let query = use_query_map();
    move || {
        let q = query.read();
        let done = q.get("done")?;
        let sel = Selection::parse(&q.get("sel")?)?;
        let plan = plan.as_ref()?;
        let (table, seat) = plan.find(sel.round, sel.id)?;
        let place = format!(
            "{} {} {} {} {}",
            lang.t(T::PlanNowAt),
            lang.t(T::PlanTable).to_lowercase(),
            table.name,
            lang.t(T::PlanInRound),
            sel.round
        );
        let text = match done.as_str() {
            "moved" => format!("{} {} {place}.", lang.t(T::PlanMoved), seat.name),
            "swapped" => {
                let other = q
                    .get("with")
                    .and_then(|w| w.parse().ok())
                    .and_then(|w| plan.find(sel.round, w))
                    .map(|(_, s)| s.name.clone())
                    .unwrap_or_default();
                format!(
                    "{} {} {} {other}; {} {place}.",
                    lang.t(T::PlanSwapped),
                    seat.name,
                    lang.t(T::PlanAnd),
                    seat.name
                )
            }
            "locked" | "unlocked" => format!(
                "{} {}, {} {}.",
                lang.t(if done == "locked" {
                    T::PlanLockedNotice
                } else {
                    T::PlanUnlockedNotice
                }),
                seat.name,
                lang.t(T::PlanRound).to_lowercase(),
                sel.round
            ),
            _ => return None,
        };
        let warn = q.get("warn").unwrap_or_default();
        let warnings: Vec<T> = [
            ("colleagues", T::PlanWarnColleagues),
            ("repeats", T::PlanWarnRepeats),
        ]
        .into_iter()
        .filter(|(k, _)| warn.split(',').any(|w| w == *k))
        .map(|(_, t)| t)
        .collect();
        Some(view! {
            <p class="notice" role="status">{text}</p>
            {warnings
                .into_iter()
                .map(|t| view! { <p class="notice warn" role="alert">{lang.t(t)}</p> })
                .collect_view()}
        })
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
fn Chart(plan: PlanView, slug: String, a: Actions) -> impl IntoView {
    let lang = use_lang();
    let query = use_query_map();
    let stored = StoredValue::new(plan.clone());
    // The selection from the query string, if it names a person seated in that round.
    let sel = Memo::new(move |_| {
        query
            .read()
            .get("sel")
            .and_then(|raw| Selection::parse(&raw))
            .filter(|s| {
                stored.with_value(|p| {
                    p.find(s.round, s.id)
                        .is_some_and(|(_, seat)| seat.org_type.is_some())
                })
            })
    });
    let slug = StoredValue::new(slug);
    // Which seat is selected, per seat: a new selection wakes only the seats it changes (two),
    // not every seat of the chart (1,800 at 600 people).
    let chosen = StoredValue::new(Selector::new(move || sel.get()));
    let drag = Drag(RwSignal::new(None));
    // Back from a hand edit (`done` in the query), the selected seat gets the focus again and
    // comes into view: without the wasm through `autofocus` on its link (see `TableCard`),
    // hydrated here, once the chart with the edited plan is on the page.
    Effect::new(move |_| {
        if query.with_untracked(|q| q.get("done").is_some()) {
            focus_selected_seat();
        }
    });
    view! {
        <h2>{lang.t(T::PlanChartTitle)}</h2>
        <QualityPanel q=plan.quality.clone() runtime_ms=plan.runtime_ms unseated=plan.unseated/>
        <SelectionPanel plan=stored sel slug a/>
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
                let number = round.number;
                view! {
                    <section class="plan-round" aria-labelledby=format!("round-{number}")>
                        <h3 id=format!("round-{number}")>{format!("{} {number}", lang.t(T::PlanRound))}</h3>
                        <div class="plan-tables">
                            {round
                                .tables
                                .into_iter()
                                .map(|t| view! { <TableCard t round=number sel chosen slug a drag/> })
                                .collect_view()}
                        </div>
                    </section>
                }
            })
            .collect_view()}
    }
}

/// Who is selected, with the lock and a way out; or how to select.
#[component]
fn SelectionPanel(
    plan: StoredValue<PlanView>,
    sel: Memo<Option<Selection>>,
    slug: StoredValue<String>,
    a: Actions,
) -> impl IntoView {
    let lang = use_lang();
    let query = use_query_map();
    // Marks the panel once the chart is hydrated (the resource's data arrives after the
    // page's own hydration; end-to-end tests wait for this before they select a seat).
    let panel = NodeRef::<leptos::html::Section>::new();
    Effect::new(move |_| {
        if let Some(el) = panel.get() {
            let _ = el.set_attribute("data-hydrated", "true");
        }
    });
    view! {
        <section class="plan-selection" aria-labelledby="selection-title" node_ref=panel>
            <h3 id="selection-title">{lang.t(T::PlanSelectionTitle)}</h3>
            <FormError error=action_error(a.moves)/>
            <FormError error=action_error(a.lock)/>
            {move || match sel.get() {
                None => {
                    let asked = query.read().get("sel").is_some();
                    view! {
                        {asked.then(|| view! { <p class="notice warn">{lang.t(T::PlanSelectionGone)}</p> })}
                        <p class="hint">{lang.t(T::PlanSelectHint)}</p>
                        <p class="hint">{lang.t(T::PlanDragHint)}</p>
                    }
                    .into_any()
                }
                Some(s) => {
                    let Some((table, seat)) = plan
                        .with_value(|p| p.find(s.round, s.id).map(|(t, seat)| (t.name.clone(), seat.clone())))
                    else {
                        return ().into_any();
                    };
                    let path = slug.with_value(|x| planner_path(x));
                    view! {
                        <p class="selection-who">
                            <strong>{seat.name.clone()}</strong>
                            {format!(
                                " — {} {}, {} {}",
                                lang.t(T::PlanRound).to_lowercase(),
                                s.round,
                                lang.t(T::PlanTable).to_lowercase(),
                                table
                            )}
                            {seat.locked.then(|| format!(" ({})", lang.t(T::PlanLockedMark)))}
                        </p>
                        <p class="hint">{lang.t(T::PlanSelectionHelp)}</p>
                        {swap_form(plan, s, slug.get_value(), a)}
                        <div class="selection-actions">
                            <ActionForm action=a.lock attr:class="inline-form">
                                <input type="hidden" name="slug" value=slug.get_value()/>
                                <input type="hidden" name="round" value=s.round.to_string()/>
                                <input type="hidden" name="person" value=s.id.to_string()/>
                                {(!seat.locked).then(|| view! { <input type="hidden" name="locked" value="1"/> })}
                                <button type="submit" class="button">
                                    {lang.t(if seat.locked { T::PlanUnlock } else { T::PlanLock })}
                                </button>
                            </ActionForm>
                            <a class="button" href=path data-noscroll="">{lang.t(T::PlanClearSelection)}</a>
                        </div>
                        <p class="hint">{lang.t(T::PlanLockHint)}</p>
                    }
                    .into_any()
                }
            }}
        </section>
    }
}

/// "Wisselen met": one form in the selection panel, a choice of the people at the round's
/// other tables (one select rather than a button beside each of them: one tab stop, and a
/// chart of 600 people selects a seat without drawing 600 forms).
fn swap_form(plan: StoredValue<PlanView>, s: Selection, slug: String, a: Actions) -> impl IntoView {
    let lang = use_lang();
    let others: Vec<(i64, String)> = plan.with_value(|p| {
        p.rounds
            .iter()
            .filter(|r| r.number == s.round)
            .flat_map(|r| r.tables.iter())
            .filter(|t| !t.people.iter().any(|seat| seat.id == s.id))
            .flat_map(|t| {
                t.people
                    .iter()
                    .filter(|seat| seat.org_type.is_some())
                    .map(move |seat| {
                        (
                            seat.id,
                            format!(
                                "{} — {} {}",
                                seat.name,
                                lang.t(T::PlanTable).to_lowercase(),
                                t.name
                            ),
                        )
                    })
            })
            .collect()
    });
    (!others.is_empty()).then(|| {
        view! {
            <ActionForm action=a.moves attr:class="swap-form">
                <input type="hidden" name="slug" value=slug/>
                <input type="hidden" name="round" value=s.round.to_string()/>
                <input type="hidden" name="person" value=s.id.to_string()/>
                <label for="swap-with">{lang.t(T::PlanSwapWith)}</label>
                <div class="inline-form">
                    <select id="swap-with" name="swap_with" required>
                        <option value="">"—"</option>
                        {others
                            .into_iter()
                            .map(|(id, label)| view! { <option value=id.to_string()>{label}</option> })
                            .collect_view()}
                    </select>
                    <button type="submit" class="button">{lang.t(T::PlanSwap)}</button>
                </div>
            </ActionForm>
        }
    })
}

/// Focuses the selected seat's link (the browser scrolls it into view).
fn focus_selected_seat() {
    #[cfg(feature = "hydrate")]
    {
        use wasm_bindgen::JsCast;
        if let Some(link) = document()
            .query_selector("a.seat-link[aria-current=\"true\"]")
            .ok()
            .flatten()
            .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok())
        {
            let _ = link.focus();
        }
    }
}

#[component]
fn TableCard(
    t: TableView,
    round: u32,
    sel: Memo<Option<Selection>>,
    chosen: StoredValue<Selector<Option<Selection>>>,
    slug: StoredValue<String>,
    a: Actions,
    drag: Drag,
) -> impl IntoView {
    let lang = use_lang();
    let path = slug.with_value(|s| planner_path(s));
    // Back from a hand edit: the selected seat's link takes the focus on load.
    let after_edit = use_query_map().with_untracked(|q| q.get("done").is_some());
    let ids = StoredValue::new(t.people.iter().map(|s| s.id).collect::<Vec<i64>>());
    let free = t.people.len() < t.capacity as usize;
    // The selected person, when they sit in this round at another table.
    let elsewhere = move || {
        sel.get()
            .filter(|s| s.round == round && !ids.with_value(|v| v.contains(&s.id)))
    };
    let name = t.name.clone();
    let table_name = StoredValue::new(t.name.clone());
    // a seat dropped here moves to this table
    let dropped_on_table = move |ev: leptos::ev::DragEvent| {
        let Some(d) = ids.with_value(|v| drag.droppable(&ev, round, v)) else {
            return;
        };
        ev.prevent_default();
        drag.0.set(None);
        a.moves.dispatch(MoveSeat {
            slug: slug.get_value(),
            round,
            person: d.id,
            table: table_name.get_value(),
            swap_with: String::new(),
        });
    };
    let theme = (!t.theme.is_empty()).then(|| {
        view! { <span class="table-theme">{lang.t(T::PlanThemeLabel)} " " {t.theme.clone()}</span> }
    });
    let move_here = move || {
        let s = elsewhere().filter(|_| free)?;
        let (table, label) = (
            name.clone(),
            format!(
                "{}: {} {}",
                lang.t(T::PlanMoveHere),
                lang.t(T::PlanTable),
                name
            ),
        );
        Some(view! {
            <ActionForm action=a.moves attr:class="table-action">
                <input type="hidden" name="slug" value=slug.get_value()/>
                <input type="hidden" name="round" value=round.to_string()/>
                <input type="hidden" name="person" value=s.id.to_string()/>
                <input type="hidden" name="table" value=table/>
                <button type="submit" class="button small" aria-label=label>
                    {lang.t(T::PlanMoveHere)}
                </button>
            </ActionForm>
        })
    };
    view! {
        <figure class="plan-table"
            class:drop-target=move || {
                drag.0.get().is_some_and(|d| d.round == round && ids.with_value(|v| !v.contains(&d.id)))
            }
            on:dragover=move |ev| ids.with_value(|v| drag.over(&ev, round, v))
            on:drop=dropped_on_table>
            <figcaption>
                <strong>{format!("{} {}", lang.t(T::PlanTable), t.name)}</strong>
                <span class="hint">{format!(" {}/{} · {} {} · {} {}", t.people.len(), t.capacity, t.groups, lang.t(T::PlanGroups), t.needs_met, lang.t(T::PlanNeedsMetShort))}</span>
                {theme}
            </figcaption>
            <ol>
                {t.people
                    .into_iter()
                    .map(|s| {
                        if s.org_type.is_none() {
                            return view! { <li class="seat gone">{lang.t(T::PlanSeatGone)}</li> }.into_any();
                        }
                        let key = Selection { round, id: s.id };
                        let here = move || chosen.with_value(|c| c.selected(&Some(key)));
                        let base = seat_class(s.org_type);
                        let href = format!("{path}?sel={}", key.key());
                        // a seat dropped on this person swaps the two
                        let dropped_on_seat = move |ev: leptos::ev::DragEvent| {
                            let Some(d) = ids.with_value(|v| drag.droppable(&ev, round, v)) else {
                                return;
                            };
                            ev.prevent_default();
                            ev.stop_propagation();
                            drag.0.set(None);
                            a.moves.dispatch(MoveSeat {
                                slug: slug.get_value(),
                                round,
                                person: d.id,
                                table: String::new(),
                                swap_with: key.id.to_string(),
                            });
                        };
                        let class = move || {
                            let mut c = base.clone();
                            if here() {
                                c.push_str(" selected");
                            }
                            if drag.0.get() == Some(key) {
                                c.push_str(" dragging");
                            }
                            c
                        };
                        view! {
                            <li class=class draggable="true"
                                on:dragstart=move |ev| drag.start(&ev, key)
                                on:dragend=move |_| drag.0.set(None)
                                on:dragover=move |ev| ids.with_value(|v| drag.over(&ev, round, v))
                                on:drop=dropped_on_seat>
                                <a class="seat-link" href=href data-noscroll="" aria-current=move || here().then_some("true") autofocus=move || (here() && after_edit).then_some("")>
                                    <span class="seat-name">{s.name.clone()}</span>
                                    <span class="seat-org">{s.organisation.clone()}</span>
                                    {s.host.then(|| view! { <span class="seat-host">{lang.t(T::PlanHostMark)}</span> })}
                                    {s.locked.then(|| view! {
                                        <span class="seat-lock">
                                            <span aria-hidden="true">"🔒 "</span>
                                            {lang.t(T::PlanLockedMark)}
                                        </span>
                                    })}
                                    {move || here().then(|| view! { <span class="seat-selected">{lang.t(T::PlanSelectedMark)}</span> })}
                                </a>
                            </li>
                        }
                        .into_any()
                    })
                    .collect_view()}
            </ol>
            {move_here}
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

/// The error messages of the table editor's last submission, by field.
fn table_errors(action: ServerAction<SaveTable>) -> Signal<TableErrors> {
    Signal::derive(move || match action.value().get() {
        Some(Err(AppError::TableInvalid(e))) => e,
        _ => TableErrors::default(),
    })
}

/// The tables one by one: a list with each table's name, size, minimum, host and theme,
/// and an editor for the table in `?table=<id>` (with "remove"), else for a new table.
#[component]
fn TablesEditor(
    tables: Vec<PlannerTable>,
    people: Vec<PersonRef>,
    has_plan: bool,
    slug: String,
    a: Actions,
) -> impl IntoView {
    let lang = use_lang();
    let query = use_query_map();
    let path = planner_path(&slug);
    let rows = tables
        .iter()
        .map(|t| {
            let edit = format!("{path}?table={}#table-editor", t.id);
            let label = format!("{}: {} {}", lang.t(T::PlanEditTable), lang.t(T::PlanTable), t.name);
            view! {
                <tr>
                    <th scope="row">{t.name.clone()}</th>
                    <td>{t.capacity}</td>
                    <td>{(t.min_size > 0).then(|| t.min_size.to_string())}</td>
                    <td>{t.host.as_ref().map(|h| h.name.clone())}</td>
                    <td>{t.theme.clone()}</td>
                    <td><a href=edit aria-label=label data-noscroll="">{lang.t(T::PlanEditTable)}</a></td>
                </tr>
            }
        })
        .collect_view();
    let (tables, people, slug) = (
        StoredValue::new(tables),
        StoredValue::new(people),
        StoredValue::new(slug),
    );
    let errors = table_errors(a.table);
    view! {
        <h2>{lang.t(T::PlanTablesTitle)}</h2>
        <p class="hint">{lang.t(T::PlanTablesHint)}</p>
        {(!tables.with_value(|t| t.is_empty())).then(|| view! {
            <div class="table-scroll">
                <table class="plan-table-list">
                    <thead>
                        <tr>
                            <th scope="col">{lang.t(T::PlanColName)}</th>
                            <th scope="col">{lang.t(T::PlanColSeats)}</th>
                            <th scope="col">{lang.t(T::PlanColMin)}</th>
                            <th scope="col">{lang.t(T::PlanColHost)}</th>
                            <th scope="col">{lang.t(T::PlanColTheme)}</th>
                            <th scope="col"><span class="visually-hidden">{lang.t(T::PlanEditTable)}</span></th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        })}
        {move || {
            let editing = query
                .read()
                .get("table")
                .and_then(|id| id.parse::<i64>().ok())
                .and_then(|id| tables.with_value(|t| t.iter().find(|t| t.id == id).cloned()));
            view! { <TableForm editing people slug has_plan errors a/> }
        }}
    }
}

/// The editor of one table (`editing`), or of a new one.
#[component]
fn TableForm(
    editing: Option<PlannerTable>,
    people: StoredValue<Vec<PersonRef>>,
    slug: StoredValue<String>,
    has_plan: bool,
    errors: Signal<TableErrors>,
    a: Actions,
) -> impl IntoView {
    let lang = use_lang();
    let error = move |f: TableField| move || errors.get().get(f).map(|t| lang.t(t));
    let invalid = move |f: TableField| move || errors.get().get(f).is_some().to_string();
    let t = editing.clone();
    let id = t.as_ref().map(|t| t.id.to_string()).unwrap_or_default();
    let name = t.as_ref().map(|t| t.name.clone()).unwrap_or_default();
    let capacity = t.as_ref().map(|t| t.capacity).unwrap_or(8).to_string();
    let min_size = t
        .as_ref()
        .map(|t| t.min_size)
        .filter(|m| *m > 0)
        .map(|m| m.to_string())
        .unwrap_or_default();
    let host = t.as_ref().and_then(|t| t.host.as_ref().map(|h| h.id));
    let theme = t.as_ref().map(|t| t.theme.clone()).unwrap_or_default();
    let title = lang.t(if t.is_some() {
        T::PlanEditTableTitle
    } else {
        T::PlanAddTableTitle
    });
    let heading = match &t {
        Some(t) => format!("{title}: {} {}", lang.t(T::PlanTable), t.name),
        None => title.to_string(),
    };
    let path = slug.with_value(|s| planner_path(s));
    let options = people.with_value(|p| {
        p.iter()
            .map(|p| {
                view! { <option value=p.id.to_string() selected={host == Some(p.id)}>{p.label()}</option> }
            })
            .collect_view()
    });
    let field = move |f: TableField| move || errors.get().get(f).is_some();
    let is_edit = editing.is_some();
    view! {
        <section class="table-editor" id="table-editor" aria-labelledby="table-editor-title">
            <h3 id="table-editor-title">{heading}</h3>
            <FormError error=action_error(a.table)/>
            <ActionForm action=a.table attr:class="plan-table-form">
                <input type="hidden" name="slug" value=slug.get_value()/>
                <input type="hidden" name="table" value=id/>
                <div class="grid three">
                    <div class="field" class:has-error=field(TableField::Name)>
                        <label for="table-name">{lang.t(T::PlanFieldTableName)}</label>
                        <input id="table-name" name="name" required maxlength="40" value=name
                            aria-invalid=invalid(TableField::Name) aria-describedby="err-table-name"/>
                        <p class="field-error" id="err-table-name" aria-live="polite">{error(TableField::Name)}</p>
                    </div>
                    <div class="field" class:has-error=field(TableField::Capacity)>
                        <label for="table-capacity">{lang.t(T::PlanFieldCapacity)}</label>
                        <input id="table-capacity" name="capacity" type="number" min="2" max="50" required value=capacity
                            aria-invalid=invalid(TableField::Capacity) aria-describedby="err-table-capacity"/>
                        <p class="field-error" id="err-table-capacity" aria-live="polite">{error(TableField::Capacity)}</p>
                    </div>
                    <div class="field" class:has-error=field(TableField::MinSize)>
                        <label for="table-min">{lang.t(T::PlanFieldMinSize)}</label>
                        <input id="table-min" name="min_size" type="number" min="0" max="50" value=min_size
                            aria-invalid=invalid(TableField::MinSize) aria-describedby="err-table-min"/>
                        <p class="field-error" id="err-table-min" aria-live="polite">{error(TableField::MinSize)}</p>
                    </div>
                </div>
                <div class="grid two">
                    <div class="field" class:has-error=field(TableField::Host)>
                        <label for="table-host">{lang.t(T::PlanFieldHost)}</label>
                        <select id="table-host" name="host" aria-invalid=invalid(TableField::Host) aria-describedby="err-table-host">
                            <option value="" selected={host.is_none()}>{lang.t(T::PlanNoHost)}</option>
                            {options}
                        </select>
                        <p class="field-error" id="err-table-host" aria-live="polite">{error(TableField::Host)}</p>
                    </div>
                    <div class="field" class:has-error=field(TableField::Theme)>
                        <label for="table-theme">{lang.t(T::PlanFieldTheme)}</label>
                        <input id="table-theme" name="theme" maxlength="80" value=theme
                            aria-invalid=invalid(TableField::Theme) aria-describedby="err-table-theme"/>
                        <p class="field-error" id="err-table-theme" aria-live="polite">{error(TableField::Theme)}</p>
                    </div>
                </div>
                {has_plan.then(|| view! {
                    <p class="hint">{lang.t(T::PlanTableKeepsPlan)}</p>
                    <label class="check" for="table-confirm">
                        <input type="checkbox" id="table-confirm" name="confirm"/>
                        " " {lang.t(T::PlanTableConfirm)}
                    </label>
                })}
                <button type="submit" class="button">
                    {lang.t(if is_edit { T::PlanSaveTable } else { T::PlanAddTable })}
                </button>
                {is_edit.then(|| view! {
                    " " <a class="button" href=path.clone() data-noscroll="">{lang.t(T::PlanCancelEdit)}</a>
                })}
            </ActionForm>
            {editing.map(|t| view! {
                <FormError error=action_error(a.remove)/>
                <ActionForm action=a.remove attr:class="plan-table-remove">
                    <input type="hidden" name="slug" value=slug.get_value()/>
                    <input type="hidden" name="table" value=t.id.to_string()/>
                    {has_plan.then(|| view! {
                        <label class="check" for="remove-confirm">
                            <input type="checkbox" id="remove-confirm" name="confirm" required/>
                            " " {lang.t(T::PlanRemoveConfirm)}
                        </label>
                    })}
                    <button type="submit" class="button">{lang.t(T::PlanRemoveTable)}</button>
                </ActionForm>
            })}
        </section>
    }
}

/// The confirmed people left out of the networking tables (each can be taken back in), and
/// a form to leave someone out.
#[component]
fn LeftOut(
    people: Vec<PersonRef>,
    left_out: Vec<PersonRef>,
    slug: String,
    a: Actions,
) -> impl IntoView {
    let lang = use_lang();
    let list = if left_out.is_empty() {
        view! { <p class="empty">{lang.t(T::PlanLeftOutNone)}</p> }.into_any()
    } else {
        let slug = slug.clone();
        view! {
            <ul class="left-out">
                {left_out
                    .into_iter()
                    .map(|p| {
                        let slug = slug.clone();
                        let label = format!("{}: {}", lang.t(T::PlanBackIn), p.name);
                        view! {
                            <li>
                                <span>{p.label()}</span> " "
                                <ActionForm action=a.at_tables attr:class="inline-form">
                                    <input type="hidden" name="slug" value=slug/>
                                    <input type="hidden" name="person" value=p.id.to_string()/>
                                    <button type="submit" class="button small" aria-label=label>{lang.t(T::PlanBackIn)}</button>
                                </ActionForm>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        }
        .into_any()
    };
    view! {
        <h2>{lang.t(T::PlanLeftOutTitle)}</h2>
        <p class="hint">{lang.t(T::PlanLeftOutHint)}</p>
        <FormError error=action_error(a.at_tables)/>
        {list}
        {(!people.is_empty()).then(|| view! {
            <ActionForm action=a.at_tables attr:class="plan-leave-out">
                <input type="hidden" name="slug" value=slug.clone()/>
                <input type="hidden" name="out" value="1"/>
                <div class="field">
                    <label for="leave-out">{lang.t(T::PlanFieldLeaveOut)}</label>
                    <select id="leave-out" name="person" required>
                        {people
                            .into_iter()
                            .map(|p| view! { <option value=p.id.to_string()>{p.label()}</option> })
                            .collect_view()}
                    </select>
                </div>
                <button type="submit" class="button">{lang.t(T::PlanLeaveOut)}</button>
            </ActionForm>
        })}
    }
}

/// Drag and drop in the chart (hydrated only): the seat being dragged, set on `dragstart`
/// and also carried in the drag's data as the type `application/x-tafelronde-seat-<round>-<id>`
/// (a drag's types can be read while it is over a target; its data only on the drop), so a
/// drop still knows the seat when the chart was drawn again during the drag. A drop on
/// another table of that round moves the person there, a drop on someone at another table
/// swaps the two, through [`MoveSeat`] like the keyboard path.
#[derive(Clone, Copy)]
struct Drag(RwSignal<Option<Selection>>);

/// The prefix of the drag data type that names the dragged seat.
#[cfg(feature = "hydrate")]
const SEAT_TYPE: &str = "application/x-tafelronde-seat-";

impl Drag {
    /// Starts dragging `key` (also as the drag's data, for the drop and for other browsers).
    fn start(self, ev: &leptos::ev::DragEvent, key: Selection) {
        #[cfg(feature = "hydrate")]
        if let Some(dt) = ev.data_transfer() {
            let _ = dt.set_data("text/plain", &key.key());
            let _ = dt.set_data(&format!("{SEAT_TYPE}{}", key.key()), &key.key());
            dt.set_effect_allowed("move");
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = ev;
        self.0.set(Some(key));
    }

    /// The seat being dragged: the one `dragstart` set, else the one the drag's types name.
    fn dragged(self, ev: &leptos::ev::DragEvent) -> Option<Selection> {
        if let Some(key) = self.0.get_untracked() {
            return Some(key);
        }
        #[cfg(feature = "hydrate")]
        {
            let types = ev.data_transfer()?.types();
            types
                .iter()
                .filter_map(|t| t.as_string())
                .find_map(|t| Selection::parse(t.strip_prefix(SEAT_TYPE)?))
        }
        #[cfg(not(feature = "hydrate"))]
        {
            let _ = ev;
            None
        }
    }

    /// The dragged seat when it may be dropped on table `ids` (its people) of `round`: in
    /// that round and not already at that table.
    fn droppable(self, ev: &leptos::ev::DragEvent, round: u32, ids: &[i64]) -> Option<Selection> {
        self.dragged(ev)
            .filter(|d| d.round == round && !ids.contains(&d.id))
    }

    /// Lets the drop happen there when [`Self::droppable`], as a move.
    fn over(self, ev: &leptos::ev::DragEvent, round: u32, ids: &[i64]) {
        if self.droppable(ev, round, ids).is_some() {
            ev.prevent_default();
            #[cfg(feature = "hydrate")]
            if let Some(dt) = ev.data_transfer() {
                dt.set_drop_effect("move");
            }
        }
    }
}
