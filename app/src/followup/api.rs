//! The follow-up's server functions. `open_followup` is public: its credential is the
//! answer link's token (checked in the service before anything is read). The coordinator's
//! view and send start with `require_coordinator`; send is form-backed (an `ActionForm`,
//! works before the wasm has loaded) and its arguments have defaults.

use super::model::{AnswerPage, FollowupView};
use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::Json;

/// The coordinator's follow-up page of event `slug`.
pub fn followup_path(slug: &str) -> String {
    format!("/coordinator/events/{slug}/followup")
}

/// The answer page behind the link in a follow-up mail.
#[server(prefix = "/api", endpoint = "followup", input = Json)]
pub async fn open_followup(token: String) -> Result<AnswerPage, AppError> {
    crate::state::app_state()?.followup().open(&token).await
}

/// Coordinator. Event `slug`'s follow-up: who sat at a table, who was mailed, the next
/// mail, the answers per topic beside the plan's prediction.
#[server(prefix = "/api", endpoint = "coordinator/followup", input = Json)]
pub async fn get_followup(#[server(default)] slug: String) -> Result<FollowupView, AppError> {
    crate::kernel::auth::require_coordinator().await?;
    let state = crate::state::app_state()?;
    // The latest plan's own figure, as the planner's quality panel states it.
    let plan_needs = state
        .planner()
        .view(&slug)
        .await
        .map_err(AppError::from)?
        .plan
        .map(|p| (p.quality.needs_met, p.quality.needs_total));
    Ok(state.followup().view(&slug, plan_needs).await?)
}

/// Coordinator. Mails the follow-up to everyone of event `slug` who sat at a table and did
/// not get it yet, once `confirm` is ticked (the page shows the mail first).
#[server(prefix = "/api", endpoint = "coordinator/followup/send")]
pub async fn send_followup(
    #[server(default)] slug: String,
    #[server(default)] confirm: String,
) -> Result<(), AppError> {
    let who = crate::kernel::auth::require_coordinator().await?;
    if confirm.is_empty() {
        return Err(AppError::ConfirmationNeeded);
    }
    let n = crate::state::app_state()?.followup().send(&slug).await?;
    tracing::info!(coordinator = who.id, event = %slug, mails = n, "follow-up sent");
    leptos_axum::redirect(&format!("{}?queued={n}", followup_path(&slug)));
    Ok(())
}
