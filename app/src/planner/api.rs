//! The planner's server functions, thin over [`super::service::Planner`]. Every one is for
//! coordinators and starts with [`require_coordinator`]; the form-backed ones take
//! URL-encoded bodies with every argument defaulted (an `ActionForm` before the wasm has
//! loaded is a plain post), so a caller without a session meets the check first.
// `save_table` takes one argument per form field (ActionForm posts them flat); the
// server-function macro also generates the browser's copy, where a fn-level allow is lost.
#![allow(clippy::too_many_arguments)]

use super::model::{JobView, PlannerView};
#[cfg(feature = "ssr")]
use super::model::{TableInput, TableSetup};
use crate::error::AppError;
#[cfg(feature = "ssr")]
use crate::kernel::auth::require_coordinator;
use leptos::prelude::*;
use leptos::server_fn::codec::Json;

#[cfg(feature = "ssr")]
fn service() -> Result<super::service::Planner, AppError> {
    Ok(crate::state::app_state()?.planner())
}

/// The planner page of event `slug`.
pub fn planner_path(slug: &str) -> String {
    format!("/coordinator/events/{slug}/planner")
}

/// Coordinator. Event `slug`'s tables, rounds, people to seat and latest plan.
#[server(prefix = "/api", endpoint = "coordinator/planner", input = Json)]
pub async fn get_planner(#[server(default)] slug: String) -> Result<PlannerView, AppError> {
    let _who = require_coordinator().await?;
    Ok(service()?.view(&slug).await?)
}

/// Coordinator. Replaces event `slug`'s tables with `tables` tables of `size` seats and
/// sets `rounds`. When that discards a plan, `confirm` must be set, else
/// [`AppError::ConfirmationNeeded`].
#[server(prefix = "/api", endpoint = "coordinator/planner/setup")]
pub async fn setup_tables(
    #[server(default)] slug: String,
    #[server(default)] tables: String,
    #[server(default)] size: String,
    #[server(default)] rounds: String,
    #[server(default)] confirm: String,
) -> Result<(), AppError> {
    let _who = require_coordinator().await?;
    let setup =
        TableSetup::parse(&tables, &size, &rounds).map_err(|(_, t)| AppError::Planner(t))?;
    service()?.setup(&slug, setup, !confirm.is_empty()).await?;
    leptos_axum::redirect(&format!("{}?setup=1", planner_path(&slug)));
    Ok(())
}

/// Coordinator. Saves table `table` (its id; empty adds a table) of event `slug` from the
/// table editor: `name` (a number or a name, free at this event), `capacity`, `min_size`
/// (empty: none), `host` (a confirmed registration id taking part, hosting no other table;
/// empty: none) and `theme`. Wrong fields are refused together with
/// [`AppError::TableInvalid`]. A new table or another name, size or minimum discards the
/// plan: then `confirm` must be set when there is one, else [`AppError::ConfirmationNeeded`].
#[server(prefix = "/api", endpoint = "coordinator/planner/table")]
pub async fn save_table(
    #[server(default)] slug: String,
    #[server(default)] table: String,
    #[server(default)] name: String,
    #[server(default)] capacity: String,
    #[server(default)] min_size: String,
    #[server(default)] host: String,
    #[server(default)] theme: String,
    #[server(default)] confirm: String,
) -> Result<(), AppError> {
    let _who = require_coordinator().await?;
    let table = match table.trim() {
        "" => None,
        raw => Some(
            raw.parse::<i64>()
                .map_err(|_| AppError::Planner(crate::i18n::T::PlanErrEditTable))?,
        ),
    };
    let input = TableInput::parse(&name, &capacity, &min_size, &host, &theme);
    service()?
        .save_table(&slug, table, input, !confirm.is_empty())
        .await?;
    leptos_axum::redirect(&format!("{}?table_saved=1", planner_path(&slug)));
    Ok(())
}

/// Coordinator. Removes table `table` (its id) of event `slug`. That discards the plan: when
/// there is one, `confirm` must be set, else [`AppError::ConfirmationNeeded`].
#[server(prefix = "/api", endpoint = "coordinator/planner/table/remove")]
pub async fn remove_table(
    #[server(default)] slug: String,
    #[server(default)] table: i64,
    #[server(default)] confirm: String,
) -> Result<(), AppError> {
    let _who = require_coordinator().await?;
    service()?
        .remove_table(&slug, table, !confirm.is_empty())
        .await?;
    leptos_axum::redirect(&format!("{}?table_removed=1", planner_path(&slug)));
    Ok(())
}

/// Coordinator. Leaves confirmed registration `person` of event `slug` out of the
/// networking tables (`out` set: out of the plan in every round) or takes them back in
/// (`out` empty: seated from the next plan). A table's host cannot be left out.
#[server(prefix = "/api", endpoint = "coordinator/planner/at-tables")]
pub async fn set_at_tables(
    #[server(default)] slug: String,
    #[server(default)] person: i64,
    #[server(default)] out: String,
) -> Result<(), AppError> {
    let _who = require_coordinator().await?;
    let out = !out.is_empty();
    service()?.set_at_tables(&slug, person, !out).await?;
    let done = if out { "left_out" } else { "back_in" };
    leptos_axum::redirect(&format!("{}?{done}={person}", planner_path(&slug)));
    Ok(())
}

/// Coordinator. Seats event `slug`'s confirmed registrations at its tables: checks what it
/// can at once (tables, people, seats), then starts the engine as a background job (for at
/// most [`super::service::PLAN_BUDGET`]) and returns to the planner page, which follows the
/// job (`?job=<id>`, see [`plan_job`]). With locked seats in the latest plan, it plans
/// around them and changes as few other seats as it can.
#[server(prefix = "/api", endpoint = "coordinator/planner/plan")]
pub async fn run_planner(#[server(default)] slug: String) -> Result<(), AppError> {
    let _who = require_coordinator().await?;
    let planner = service()?;
    let prepared = planner
        .prepare_plan(&slug, super::service::PLAN_BUDGET)
        .await?;
    let job = planner.start(prepared).await?;
    leptos_axum::redirect(&format!("{}?job={job}", planner_path(&slug)));
    Ok(())
}

/// Coordinator. Planning job `job` of event `slug`: running (with the time elapsed and
/// the budget), done (the planner page's notice as a query string) or failed.
#[server(prefix = "/api", endpoint = "coordinator/planner/job", input = Json)]
pub async fn plan_job(
    #[server(default)] slug: String,
    #[server(default)] job: i64,
) -> Result<JobView, AppError> {
    let _who = require_coordinator().await?;
    Ok(service()?.job(&slug, job).await?)
}

/// The planner page with seat `round`-`person` selected and what an edit did: `done` and,
/// when the edit broke a hard rule, `warn`.
#[cfg(feature = "ssr")]
fn after_edit(slug: &str, round: u32, person: i64, done: &str, extra: &[(&str, String)]) -> String {
    let mut q = form_urlencoded::Serializer::new(String::new());
    q.append_pair("sel", &format!("{round}-{person}"))
        .append_pair("done", done);
    for (k, v) in extra {
        q.append_pair(k, v);
    }
    format!("{}?{}", planner_path(slug), q.finish())
}

/// Coordinator. A hand edit in event `slug`'s plan: registration `person` in round `round`
/// moves to the table named `table`, or, with `swap_with` (a registration id), swaps seats
/// with that person. Refused when the table is full or the round, person or table is
/// unknown. The page then says what happened and warns when colleagues now share a table
/// or people meet again.
#[server(prefix = "/api", endpoint = "coordinator/planner/move")]
pub async fn move_seat(
    #[server(default)] slug: String,
    #[server(default)] round: u32,
    #[server(default)] person: i64,
    #[server(default)] table: String,
    #[server(default)] swap_with: String,
) -> Result<(), AppError> {
    let _who = require_coordinator().await?;
    let (edit, done, extra) = if swap_with.trim().is_empty() {
        (
            super::service::Edit::Move(table.clone()),
            "moved",
            Vec::new(),
        )
    } else {
        let other: i64 = swap_with
            .trim()
            .parse()
            .map_err(|_| AppError::Planner(crate::i18n::T::PlanErrEditPerson))?;
        (
            super::service::Edit::Swap(other),
            "swapped",
            vec![("with", other.to_string())],
        )
    };
    let broken = service()?.edit(&slug, round, person, edit).await?;
    let mut extra = extra;
    let warn: Vec<&str> = [
        (broken.colleagues, "colleagues"),
        (broken.repeats, "repeats"),
    ]
    .iter()
    .filter(|(b, _)| *b)
    .map(|(_, w)| *w)
    .collect();
    if !warn.is_empty() {
        extra.push(("warn", warn.join(",")));
    }
    leptos_axum::redirect(&after_edit(&slug, round, person, done, &extra));
    Ok(())
}

/// Coordinator. Locks registration `person`'s seat in round `round` of event `slug`'s plan
/// (`locked` set) or unlocks it (`locked` empty): planning again keeps locked seats.
#[server(prefix = "/api", endpoint = "coordinator/planner/lock")]
pub async fn lock_seat(
    #[server(default)] slug: String,
    #[server(default)] round: u32,
    #[server(default)] person: i64,
    #[server(default)] locked: String,
) -> Result<(), AppError> {
    let _who = require_coordinator().await?;
    let on = !locked.is_empty();
    service()?
        .edit(&slug, round, person, super::service::Edit::Lock(on))
        .await?;
    let done = if on { "locked" } else { "unlocked" };
    leptos_axum::redirect(&after_edit(&slug, round, person, done, &[]));
    Ok(())
}

/// Coordinator. On the day: rounds `1..=held` of event `slug`'s plan stay as they were,
/// the remaining rounds are planned again for the confirmed people who checked in (all
/// confirmed when nobody has yet), as a background job like [`run_planner`]. Publish again
/// afterwards.
#[server(prefix = "/api", endpoint = "coordinator/planner/replan")]
pub async fn replan_remaining(
    #[server(default)] slug: String,
    #[server(default)] held: String,
) -> Result<(), AppError> {
    let _who = require_coordinator().await?;
    let held: u32 = held
        .trim()
        .parse()
        .map_err(|_| AppError::Planner(crate::i18n::T::PlanErrHeld))?;
    let planner = service()?;
    let prepared = planner
        .prepare_replan(&slug, held, super::service::PLAN_BUDGET)
        .await?;
    let job = planner.start(prepared).await?;
    leptos_axum::redirect(&format!("{}?job={job}", planner_path(&slug)));
    Ok(())
}

/// Coordinator. Publishes event `slug`'s latest plan: people see their tables, and those
/// whose tables changed since the last publication get one mail.
#[server(prefix = "/api", endpoint = "coordinator/planner/publish")]
pub async fn publish_plan(#[server(default)] slug: String) -> Result<(), AppError> {
    let _who = require_coordinator().await?;
    let mailed = service()?.publish(&slug).await?;
    leptos_axum::redirect(&format!("{}?published={mailed}", planner_path(&slug)));
    Ok(())
}
