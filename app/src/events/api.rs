//! The coordinator's event server functions, thin over [`super::service::Events`]. Every
//! one starts with [`require_coordinator`]; form-backed ones take URL-encoded bodies (what
//! `ActionForm` and a plain form post send) with every argument defaulted, so a caller
//! without a session is refused by that first line rather than by argument decoding.
// `save_event` takes one argument per form field (ActionForm posts them flat); the
// server-function macro also generates the browser's copy, where a fn-level allow is lost.
#![allow(clippy::too_many_arguments)]

use super::model::EventEdit;
use crate::error::AppError;
use crate::event::EventView;
#[cfg(feature = "ssr")]
use crate::kernel::auth::require_coordinator;
use leptos::prelude::*;
use leptos::server_fn::codec::Json;

#[cfg(feature = "ssr")]
fn service() -> Result<super::service::Events, AppError> {
    Ok(super::service::Events::new(crate::state::app_state()?.db))
}

/// The edit page of event `slug`.
pub fn edit_path(slug: &str) -> String {
    format!("/coordinator/events/{slug}/edit")
}

/// Coordinator. Every event, published or not, newest first.
#[server(prefix = "/api", endpoint = "coordinator/events/all", input = Json)]
pub async fn all_events() -> Result<Vec<EventView>, AppError> {
    let _who = require_coordinator().await?;
    Ok(service()?.list().await?)
}

/// Coordinator. Event `slug` as the edit form shows it.
#[server(prefix = "/api", endpoint = "coordinator/events/edit", input = Json)]
pub async fn event_for_edit(#[server(default)] slug: String) -> Result<EventEdit, AppError> {
    let _who = require_coordinator().await?;
    Ok(service()?.edit_view(&slug).await?)
}

/// Coordinator. Saves the event form: a new (unpublished) event when `original` is
/// empty, else over event `original`. Per-field errors come back as
/// [`AppError::EventInvalid`]; on success it goes to the edit page.
#[server(prefix = "/api", endpoint = "coordinator/events/save")]
pub async fn save_event(
    #[server(default)] original: String,
    #[server(default)] title: String,
    #[server(default)] slug: String,
    #[server(default)] description: String,
    #[server(default)] programme: String,
    #[server(default)] venue_name: String,
    #[server(default)] venue_address: String,
    #[server(default)] starts_at: String,
    #[server(default)] ends_at: String,
    #[server(default)] capacity: String,
    #[server(default)] opens_at: String,
    #[server(default)] closes_at: String,
    #[server(default)] organiser_name: String,
    #[server(default)] organiser_email: String,
    #[server(default)] topics: String,
    #[server(default)] org_types: Vec<String>,
    #[server(default)] sectors: Vec<String>,
    #[server(default)] title_en: String,
    #[server(default)] description_en: String,
    #[server(default)] title_fr: String,
    #[server(default)] description_fr: String,
) -> Result<(), AppError> {
    let _who = require_coordinator().await?;
    let form = super::model::EventForm {
        title,
        slug,
        description,
        programme,
        venue_name,
        venue_address,
        starts_at,
        ends_at,
        capacity,
        opens_at,
        closes_at,
        organiser_name,
        organiser_email,
        topics,
        org_types,
        sectors,
        title_en,
        description_en,
        title_fr,
        description_fr,
    };
    let events = service()?;
    let saved = if original.is_empty() {
        events.create(&form).await?
    } else {
        events.update(&original, &form).await?
    };
    leptos_axum::redirect(&format!("{}?saved=1", edit_path(&saved)));
    Ok(())
}

/// Coordinator. Shows event `slug` to attendees.
#[server(prefix = "/api", endpoint = "coordinator/events/publish")]
pub async fn publish_event(#[server(default)] slug: String) -> Result<(), AppError> {
    let _who = require_coordinator().await?;
    service()?.set_published(&slug, true).await?;
    leptos_axum::redirect(&format!("{}?published=1", edit_path(&slug)));
    Ok(())
}

/// Coordinator. Hides event `slug` from attendees; when people registered, `confirm`
/// must be set (the page's confirmation box), else [`AppError::ConfirmationNeeded`].
#[server(prefix = "/api", endpoint = "coordinator/events/unpublish")]
pub async fn unpublish_event(
    #[server(default)] slug: String,
    #[server(default)] confirm: String,
) -> Result<(), AppError> {
    let _who = require_coordinator().await?;
    let events = service()?;
    if confirm.is_empty() && events.edit_view(&slug).await?.registrations > 0 {
        return Err(AppError::ConfirmationNeeded);
    }
    events.set_published(&slug, false).await?;
    leptos_axum::redirect(&format!("{}?unpublished=1", edit_path(&slug)));
    Ok(())
}

/// Coordinator. Copies event `slug` a year later, unpublished, without registrations,
/// and opens the copy's edit page.
#[server(prefix = "/api", endpoint = "coordinator/events/duplicate")]
pub async fn duplicate_event(#[server(default)] slug: String) -> Result<(), AppError> {
    let _who = require_coordinator().await?;
    let copy = service()?.duplicate(&slug).await?;
    leptos_axum::redirect(&format!("{}?duplicated=1", edit_path(&copy)));
    Ok(())
}
