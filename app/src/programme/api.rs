//! The programme's server function: the public agenda of a published event (an unpublished
//! one only for a signed-in coordinator, as its preview). Public: it shows nothing private
//! (speakers' contact addresses never leave the service).

use super::model::AgendaView;
use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::Json;

/// The agenda of event `slug`, with the current and next session on the day.
#[server(prefix = "/api", endpoint = "agenda", input = Json)]
pub async fn get_agenda(slug: String) -> Result<AgendaView, AppError> {
    let state = crate::state::app_state()?;
    let (agenda, published) = state.programme().agenda(&slug, chrono::Utc::now()).await?;
    if !published && crate::kernel::auth::require_coordinator().await.is_err() {
        return Err(AppError::NotFound);
    }
    Ok(agenda)
}
