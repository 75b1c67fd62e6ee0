//! The overview's server functions, thin over [`super::service::Overview`]. Every one is
//! for coordinators only and starts with [`require_coordinator`]; the retry functions are
//! form-backed (URL-encoded bodies, `ActionForm` works before the wasm has loaded) and
//! their arguments have defaults, so a caller without a session meets the check first.

use super::model::{EventOverview, MailStatus};
use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::Json;

#[cfg(feature = "ssr")]
use crate::kernel::auth::require_coordinator;

#[cfg(feature = "ssr")]
fn service() -> Result<super::service::Overview, AppError> {
    Ok(crate::state::app_state()?.overview())
}

/// Coordinator. One event's counts: per day, organisation type and sector, seats left and
/// wait list (purged events keep their anonymous counts).
#[server(prefix = "/api", endpoint = "coordinator/overview", input = Json)]
pub async fn get_event_overview(
    #[server(default)] slug: String,
) -> Result<EventOverview, AppError> {
    let _who = require_coordinator().await?;
    Ok(service()?.event(&slug).await?)
}

/// Coordinator. Outbox counts (pending, sent, failed) and the mails that failed for good.
#[server(prefix = "/api", endpoint = "coordinator/mail", input = Json)]
pub async fn get_mail_status() -> Result<MailStatus, AppError> {
    let _who = require_coordinator().await?;
    Ok(service()?.mail_status().await?)
}

/// Coordinator. Sends one failed mail again (back in the queue, attempts reset).
#[server(prefix = "/api", endpoint = "coordinator/mail/retry")]
pub async fn retry_mail(#[server(default)] id: i64) -> Result<(), AppError> {
    let who = require_coordinator().await?;
    // Not failed (any more, e.g. retried twice): nothing was queued, so no notice.
    let queued = service()?.retry(id, who.id).await?;
    leptos_axum::redirect(if queued {
        "/coordinator/mail?retried=1"
    } else {
        "/coordinator/mail"
    });
    Ok(())
}

/// Coordinator. Sends every failed mail again.
#[server(prefix = "/api", endpoint = "coordinator/mail/retry-all")]
pub async fn retry_all_mails() -> Result<(), AppError> {
    let who = require_coordinator().await?;
    service()?.retry_all(who.id).await?;
    leptos_axum::redirect("/coordinator/mail?retried=1");
    Ok(())
}
