//! The planner's server functions, thin over [`super::service::Planner`]. Every one is for
//! coordinators and starts with [`require_coordinator`]; the form-backed ones take
//! URL-encoded bodies with every argument defaulted (an `ActionForm` before the wasm has
//! loaded is a plain post), so a caller without a session meets the check first.

use super::model::PlannerView;
#[cfg(feature = "ssr")]
use super::model::TableSetup;
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
