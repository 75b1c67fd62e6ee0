//! The planner's server functions, thin over [`super::service::Planner`]. Every one is for
//! coordinators and starts with [`require_coordinator`]; the form-backed ones take
//! URL-encoded bodies with every argument defaulted (an `ActionForm` before the wasm has
//! loaded is a plain post), so a caller without a session meets the check first.

#[cfg(feature = "ssr")]
use super::model::TableSetup;
use super::model::{CheckinView, PlannerView};
#[cfg(feature = "ssr")]
use crate::accounts::api::require_coordinator;
use crate::error::AppError;
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

/// Coordinator. Seats event `slug`'s confirmed registrations at its tables (the engine runs
/// for at most [`super::service::PLAN_BUDGET`]) and keeps the plan.
#[server(prefix = "/api", endpoint = "coordinator/planner/plan")]
pub async fn run_planner(#[server(default)] slug: String) -> Result<(), AppError> {
    let _who = require_coordinator().await?;
    service()?.plan(&slug, super::service::PLAN_BUDGET).await?;
    leptos_axum::redirect(&format!("{}?planned=1", planner_path(&slug)));
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

/// The check-in page of event `slug`.
pub fn checkin_path(slug: &str) -> String {
    format!("/coordinator/events/{slug}/checkin")
}

/// Coordinator. The check-in desk of event `slug`: expected, arrived, and the people
/// matching `query`.
#[server(prefix = "/api", endpoint = "coordinator/checkin", input = Json)]
pub async fn get_checkin(
    #[server(default)] slug: String,
    #[server(default)] query: String,
) -> Result<CheckinView, AppError> {
    let _who = require_coordinator().await?;
    Ok(service()?.checkin(&slug, &query).await?)
}

/// Coordinator. Checks registration `id` of event `slug` in; with `undo` set, out again.
/// Back to the desk with the same search `q`.
#[server(prefix = "/api", endpoint = "coordinator/checkin/set")]
pub async fn check_in(
    #[server(default)] slug: String,
    #[server(default)] id: i64,
    #[server(default)] undo: String,
    #[server(default)] q: String,
) -> Result<(), AppError> {
    let _who = require_coordinator().await?;
    service()?.set_arrival(&slug, id, undo.is_empty()).await?;
    let query = form_urlencoded::Serializer::new(String::new())
        .append_pair("q", &q)
        .append_pair("done", &id.to_string())
        .finish();
    leptos_axum::redirect(&format!("{}?{query}", checkin_path(&slug)));
    Ok(())
}
