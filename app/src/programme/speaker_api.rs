//! The speaker view's server functions. `open_speaker` and `update_speaker_profile` are
//! public endpoints whose credential is the personal link's token (checked inside the
//! service before anything is read); `send_speaker_link` is the coordinator's (feature
//! `coordinator`) and starts with `require_coordinator`.

use super::speaker::{ProfileInput, ProfileOutcome, SpeakerPage};
use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::Json;

/// The speaker page behind a personal link.
#[server(prefix = "/api", endpoint = "speaker", input = Json)]
pub async fn open_speaker(token: String) -> Result<SpeakerPage, AppError> {
    crate::state::app_state()?.speakers().open(&token).await
}

/// The speaker's own change to their name, role, organisation and bio.
#[server(prefix = "/api", endpoint = "speaker/update", input = Json)]
pub async fn update_speaker_profile(
    token: String,
    input: ProfileInput,
) -> Result<ProfileOutcome, AppError> {
    crate::state::app_state()?
        .speakers()
        .update_profile(&token, &input)
        .await
}

/// Coordinator. Mails speaker `id` of event `slug` a new personal link, in `lang`.
#[cfg(feature = "coordinator")]
#[server(prefix = "/api", endpoint = "coordinator/programme/send-link")]
pub async fn send_speaker_link(
    #[server(default)] slug: String,
    #[server(default)] id: i64,
    #[server(default)] lang: String,
) -> Result<(), AppError> {
    crate::kernel::auth::require_coordinator().await?;
    let lang = crate::i18n::Lang::parse(&lang).unwrap_or_default();
    let state = crate::state::app_state()?;
    state.speakers().send_link(&slug, id, lang).await?;
    leptos_axum::redirect(&format!(
        "{}?link_sent=1",
        super::editor_api::programme_path(&slug)
    ));
    Ok(())
}
