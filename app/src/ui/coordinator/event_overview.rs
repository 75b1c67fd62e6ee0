//! `/coordinator/events/:slug`: one event at a glance for a signed-in coordinator: seats
//! and wait list, registrations over time, per organisation type and per sector. Each
//! chart is a server-rendered SVG with its numbers in its accessible title, followed by
//! the same numbers as a table. Purged events keep their anonymous counts.

use super::charts::{BarChart, DayChart, SeatsBar};
use crate::domain::{OrgType, Sector};
use crate::i18n::{Lang, T};
use crate::overview::api::get_event_overview;
use crate::overview::{Bucket, EventOverview};
use crate::ui::{use_lang, ErrorCard, Loading};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

#[component]
pub fn EventOverviewPage() -> impl IntoView {
    let lang = use_lang();
    let params = use_params_map();
    let slug = move || params.read().get("slug").unwrap_or_default();
    let overview = Resource::new(slug, get_event_overview);
    view! {
        <Title text=lang.t(T::CoordOverviewTitle)/>
        <super::dashboard::SignedIn>
            <Suspense fallback=|| view! { <Loading/> }>
                {move || Suspend::new(async move {
                    match overview.await {
                        Ok(o) => view! { <Overview o/> }.into_any(),
                        Err(e) => view! { <ErrorCard error=e/> }.into_any(),
                    }
                })}
            </Suspense>
        </super::dashboard::SignedIn>
    }
}

/// "27/11" for "2026-11-27".
fn short_day(code: &str) -> String {
    match chrono::NaiveDate::parse_from_str(code, "%Y-%m-%d") {
        Ok(d) => d.format("%d/%m").to_string(),
        Err(_) => code.to_string(),
    }
}

fn org_type_label(lang: Lang, code: &str) -> String {
    OrgType::parse(code)
        .map(|t| lang.t(t.label()).to_string())
        .unwrap_or_else(|_| code.to_string())
}

fn sector_label(lang: Lang, code: &str) -> String {
    Sector::parse(code)
        .map(|s| lang.t(s.label()).to_string())
        .unwrap_or_else(|_| code.to_string())
}

/// "Per sector: Zorg 3, Bouw 2".
fn summary(heading: &str, rows: &[(String, i64)]) -> String {
    let parts: Vec<String> = rows.iter().map(|(l, n)| format!("{l} {n}")).collect();
    format!("{heading}: {}", parts.join(", "))
}

#[component]
fn Overview(o: EventOverview) -> impl IntoView {
    let lang = use_lang();
    let seats_text = format!(
        "{}: {} {}, {} {}, {} {}, {} {}",
        lang.t(T::CoordOverviewSeats),
        lang.t(T::CoordOverviewCapacity),
        o.capacity,
        lang.t(T::CoordOverviewConfirmed),
        o.confirmed,
        lang.t(T::CoordOverviewSeatsLeft),
        o.seats_left(),
        lang.t(T::CoordOverviewWaitlist),
        o.waitlisted,
    );
    let header = view! {
        <h1>{o.title.clone()}</h1>
        <p>
            <a href=format!("/e/{}", o.slug)>{lang.t(T::CoordOverviewPublicPage)}</a>
            " · "
            <a href=crate::programme::editor_api::programme_path(&o.slug)>{lang.t(T::CoordProgOpen)}</a>
            " · "
            <a href=crate::followup::api::followup_path(&o.slug)>{lang.t(T::CoordFollowupTitle)}</a>
        </p>
    };
    let seats = view! {
        <section aria-labelledby="seats-heading">
            <h2 id="seats-heading">{lang.t(T::CoordOverviewSeats)}</h2>
            <SeatsBar id="chart-seats".into() summary=seats_text capacity=o.capacity confirmed=o.confirmed/>
            <dl class="facts overview-numbers">
                <dt>{lang.t(T::CoordOverviewCapacity)}</dt>
                <dd>{o.capacity}</dd>
                <dt>{lang.t(T::CoordOverviewConfirmed)}</dt>
                <dd>{o.confirmed}</dd>
                <dt>{lang.t(T::CoordOverviewSeatsLeft)}</dt>
                <dd data-testid="seats-left">{o.seats_left()}</dd>
                <dt>{lang.t(T::CoordOverviewWaitlist)}</dt>
                <dd data-testid="waitlist">{o.waitlisted}</dd>
                <dt>{lang.t(T::CoordOverviewCancelled)}</dt>
                <dd>{o.cancelled}</dd>
            </dl>
        </section>
    };
    if o.total() == 0 {
        return view! {
            <section class="card coordinator overview">
                {header}
                {seats}
                <p class="empty">{lang.t(T::CoordOverviewEmpty)}</p>
            </section>
        }
        .into_any();
    }
    let days: Vec<(String, i64, i64)> = o
        .per_day
        .iter()
        .zip(o.cumulative())
        .map(|(d, c)| (short_day(&d.code), d.count, c.count))
        .collect();
    let days_text = format!(
        "{}: {}",
        lang.t(T::CoordOverviewOverTime),
        days.iter()
            .map(|(d, n, c)| format!("{d} +{n} ({} {c})", lang.t(T::CoordOverviewTotal)))
            .collect::<Vec<_>>()
            .join(", ")
    );
    let day_rows = days
        .iter()
        .map(|(d, n, c)| view! { <tr><td>{d.clone()}</td><td>{*n}</td><td>{*c}</td></tr> })
        .collect_view();
    let labelled = |list: &[Bucket], label: fn(Lang, &str) -> String| -> Vec<(String, i64)> {
        list.iter()
            .map(|b| (label(lang, &b.code), b.count))
            .collect()
    };
    let types = labelled(&o.per_org_type, org_type_label);
    let sectors = labelled(&o.per_sector, sector_label);
    view! {
        <section class="card coordinator overview">
            {header}
            {seats}
            <section aria-labelledby="days-heading">
                <h2 id="days-heading">{lang.t(T::CoordOverviewOverTime)}</h2>
                <p class="hint">{lang.t(T::CoordOverviewOverTimeHint)}</p>
                <DayChart id="chart-days".into() summary=days_text days=days.clone()/>
                <table class="chart-table">
                    <thead>
                        <tr>
                            <th scope="col">{lang.t(T::CoordOverviewDay)}</th>
                            <th scope="col">{lang.t(T::CoordOverviewNew)}</th>
                            <th scope="col">{lang.t(T::CoordOverviewTotal)}</th>
                        </tr>
                    </thead>
                    <tbody>{day_rows}</tbody>
                </table>
            </section>
            <Breakdown id="org-types" heading=T::CoordOverviewPerOrgType rows=types/>
            <Breakdown id="sectors" heading=T::CoordOverviewPerSector rows=sectors/>
        </section>
    }
    .into_any()
}

/// A heading, a bar chart and its numbers as a table.
#[component]
fn Breakdown(id: &'static str, heading: T, rows: Vec<(String, i64)>) -> impl IntoView {
    let lang = use_lang();
    let heading_id = format!("{id}-heading");
    let labelled_by = heading_id.clone();
    let text = summary(lang.t(heading), &rows);
    if rows.is_empty() {
        return view! {
            <section aria-labelledby=labelled_by>
                <h2 id=heading_id>{lang.t(heading)}</h2>
                <p class="empty">{lang.t(T::CoordOverviewNoActive)}</p>
            </section>
        }
        .into_any();
    }
    let table_rows = rows
        .iter()
        .map(|(l, n)| view! { <tr><td>{l.clone()}</td><td>{*n}</td></tr> })
        .collect_view();
    view! {
        <section aria-labelledby=labelled_by>
            <h2 id=heading_id>{lang.t(heading)}</h2>
            <p class="hint">{lang.t(T::CoordOverviewActiveHint)}</p>
            <BarChart id=format!("chart-{id}") summary=text rows=rows.clone()/>
            <table class="chart-table">
                <thead>
                    <tr>
                        <th scope="col">{lang.t(heading)}</th>
                        <th scope="col">{lang.t(T::CoordOverviewCount)}</th>
                    </tr>
                </thead>
                <tbody>{table_rows}</tbody>
            </table>
        </section>
    }
    .into_any()
}
