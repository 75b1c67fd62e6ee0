//! Server functions: thin public endpoints over the services. Each one checks what it
//! needs itself (a manage token is the only credential an attendee has) and returns
//! [`AppError`], whose messages are safe to show.

use crate::error::AppError;
use crate::event::EventView;
use crate::i18n::Lang;
use crate::registration::{ManageView, RegisterOutcome, RegistrationForm};
use leptos::prelude::*;
use leptos::server_fn::codec::Json;

#[cfg(feature = "ssr")]
use crate::state::app_state;

#[cfg(feature = "ssr")]
fn store_err(e: crate::store::StoreError) -> AppError {
    tracing::error!("store: {e}");
    AppError::Internal
}

/// Published events that have not ended yet.
#[server(prefix = "/api", endpoint = "events", input = Json)]
pub async fn list_events() -> Result<Vec<EventView>, AppError> {
    let state = app_state()?;
    let events = crate::store::events::upcoming(&state.db, chrono::Utc::now())
        .await
        .map_err(store_err)?;
    Ok(events.into_iter().map(|e| e.view).collect())
}

/// A published event; an unpublished one only for a signed-in coordinator (else not found).
#[server(prefix = "/api", endpoint = "event", input = Json)]
pub async fn get_event(slug: String) -> Result<EventView, AppError> {
    let state = app_state()?;
    let event = crate::store::events::by_slug(&state.db, &slug)
        .await
        .map_err(store_err)?
        .map(|e| e.view)
        .ok_or(AppError::NotFound)?;
    // An unpublished event exists only for coordinators (a preview of its pages).
    if !event.published && crate::kernel::auth::require_coordinator().await.is_err() {
        return Err(AppError::NotFound);
    }
    Ok(event)
}

/// Registers for an event; a known address gets its link again (same answer).
#[server(prefix = "/api", endpoint = "register", input = Json)]
pub async fn register(
    slug: String,
    form: RegistrationForm,
    lang: Lang,
) -> Result<RegisterOutcome, AppError> {
    let state = app_state()?;
    state.registrations().register(&slug, &form, lang).await
}

/// Opens a manage link (a read; it does not confirm the address).
#[server(prefix = "/api", endpoint = "manage", input = Json)]
pub async fn open_registration(token: String) -> Result<ManageView, AppError> {
    let state = app_state()?;
    state.registrations().open(&token).await
}

#[server(prefix = "/api", endpoint = "manage/update", input = Json)]
pub async fn update_registration(
    token: String,
    form: RegistrationForm,
    lang: Lang,
) -> Result<RegisterOutcome, AppError> {
    let state = app_state()?;
    state.registrations().update(&token, &form, lang).await
}

/// Gives or withdraws the consent to share contact details with tablemates (any time).
#[server(prefix = "/api", endpoint = "manage/share", input = Json)]
pub async fn set_share_contact(token: String, share: bool) -> Result<(), AppError> {
    let state = app_state()?;
    state.registrations().set_share(&token, share).await
}

/// Cancels; `confirm` must be true (the user ticked the confirmation box).
#[server(prefix = "/api", endpoint = "manage/cancel", input = Json)]
pub async fn cancel_registration(token: String, confirm: bool) -> Result<bool, AppError> {
    if !confirm {
        return Ok(false);
    }
    let state = app_state()?;
    state.registrations().cancel(&token).await?;
    Ok(true)
}
