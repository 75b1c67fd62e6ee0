//! The coordinator's programme editor server functions (feature `coordinator`): the
//! programme with the speakers' contact addresses, and adding, changing and deleting
//! sessions and speakers. Each starts with `require_coordinator().await?`; the checks
//! (fields, the event's hours, rooms and speakers double-booked) are the service's.
// A plain HTML form posts one argument per field.
#![allow(clippy::too_many_arguments)]

use super::model::{SessionView, SpeakerView};
use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::Json;
use serde::{Deserialize, Serialize};

/// A speaker as the editor sees them: with their private contact address.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EditorSpeaker {
    pub speaker: SpeakerView,
    pub contact_email: String,
}

/// An event's programme in the editor.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EditorView {
    pub slug: String,
    pub title: String,
    pub starts_at: chrono::DateTime<chrono::Utc>,
    pub ends_at: chrono::DateTime<chrono::Utc>,
    pub sessions: Vec<SessionView>,
    pub speakers: Vec<EditorSpeaker>,
    /// The notice attendees may get after a change, as a Dutch attendee would (subject,
    /// text), and how many confirmed attendees it would go to.
    pub notice_subject: String,
    pub notice_text: String,
    pub notice_recipients: usize,
}

/// The programme editor of event `slug`.
pub fn programme_path(slug: &str) -> String {
    format!("/coordinator/events/{slug}/programme")
}

/// Coordinator. The programme of event `slug` for the editor.
#[server(prefix = "/api", endpoint = "coordinator/programme", input = Json)]
pub async fn get_programme_editor(#[server(default)] slug: String) -> Result<EditorView, AppError> {
    crate::kernel::auth::require_coordinator().await?;
    let state = crate::state::app_state()?;
    let (event, p) = state.programme().stored(&slug).await?;
    let (notice_subject, notice_text, notice_recipients) = state
        .programme()
        .notice_preview(&slug, crate::i18n::Lang::Nl)
        .await?;
    let sessions = super::service::session_views(&p).map_err(|e| {
        tracing::error!("programme store: {e}");
        AppError::Internal
    })?;
    Ok(EditorView {
        slug: event.view.slug,
        title: event.view.title,
        starts_at: event.view.starts_at,
        ends_at: event.view.ends_at,
        sessions,
        speakers: p
            .speakers
            .iter()
            .map(|s| EditorSpeaker {
                speaker: s.view(),
                contact_email: s.contact_email.clone(),
            })
            .collect(),
        notice_subject,
        notice_text,
        notice_recipients,
    })
}

/// `HH:MM` in Brussels on the day event `starts_at` begins.
#[cfg(feature = "ssr")]
fn brussels_time(
    day_of: chrono::DateTime<chrono::Utc>,
    hhmm: &str,
) -> Result<chrono::DateTime<chrono::Utc>, AppError> {
    use chrono::TimeZone;
    let bad = || AppError::ProgrammeInvalid(super::model::Problem::InvalidTime);
    let time = chrono::NaiveTime::parse_from_str(hhmm.trim(), "%H:%M").map_err(|_| bad())?;
    let day = day_of
        .with_timezone(&chrono_tz::Europe::Brussels)
        .date_naive();
    chrono_tz::Europe::Brussels
        .from_local_datetime(&day.and_time(time))
        .earliest()
        .map(|t| t.with_timezone(&chrono::Utc))
        .ok_or_else(bad)
}

/// Coordinator. Adds (`id` 0) or replaces session `id` of event `slug`; times are `HH:MM`
/// in Brussels on the event's day; up to three speakers (ids, empty for none).
#[server(prefix = "/api", endpoint = "coordinator/programme/session")]
pub async fn save_session(
    #[server(default)] slug: String,
    #[server(default)] id: i64,
    #[server(default)] title: String,
    #[server(default)] description: String,
    #[server(default)] kind: String,
    #[server(default)] start: String,
    #[server(default)] end: String,
    #[server(default)] room: String,
    #[server(default)] speaker1: String,
    #[server(default)] speaker2: String,
    #[server(default)] speaker3: String,
) -> Result<(), AppError> {
    crate::kernel::auth::require_coordinator().await?;
    let state = crate::state::app_state()?;
    let programme = state.programme();
    let (event, _) = programme.stored(&slug).await?;
    let mut speakers: Vec<i64> = Vec::new();
    for s in [speaker1, speaker2, speaker3] {
        if let Ok(n) = s.trim().parse::<i64>() {
            if !speakers.contains(&n) {
                speakers.push(n);
            }
        }
    }
    let input = super::model::SessionInput {
        title,
        description,
        kind: super::model::SessionKind::parse(&kind).unwrap_or(super::model::SessionKind::Other),
        starts_at: brussels_time(event.view.starts_at, &start)?,
        ends_at: brussels_time(event.view.starts_at, &end)?,
        room,
        speakers,
    };
    if id == 0 {
        programme.create_session(&slug, &input).await?;
    } else {
        programme.update_session(&slug, id, &input).await?;
    }
    leptos_axum::redirect(&format!("{}?saved=1", programme_path(&slug)));
    Ok(())
}

/// Coordinator. Deletes session `id` of event `slug` once `confirm` is ticked.
#[server(prefix = "/api", endpoint = "coordinator/programme/session/delete")]
pub async fn delete_session(
    #[server(default)] slug: String,
    #[server(default)] id: i64,
    #[server(default)] confirm: String,
) -> Result<(), AppError> {
    crate::kernel::auth::require_coordinator().await?;
    if confirm.is_empty() {
        return Err(AppError::ConfirmationNeeded);
    }
    crate::state::app_state()?
        .programme()
        .delete_session(&slug, id)
        .await?;
    leptos_axum::redirect(&format!("{}?deleted=1", programme_path(&slug)));
    Ok(())
}

/// Coordinator. Adds (`id` 0) or replaces speaker `id` of event `slug`.
#[server(prefix = "/api", endpoint = "coordinator/programme/speaker")]
pub async fn save_speaker(
    #[server(default)] slug: String,
    #[server(default)] id: i64,
    #[server(default)] name: String,
    #[server(default)] role: String,
    #[server(default)] organisation: String,
    #[server(default)] bio: String,
    #[server(default)] contact_email: String,
) -> Result<(), AppError> {
    crate::kernel::auth::require_coordinator().await?;
    let programme = crate::state::app_state()?.programme();
    let input = super::model::SpeakerInput {
        name,
        role,
        organisation,
        bio,
        contact_email,
    };
    if id == 0 {
        programme.create_speaker(&slug, &input).await?;
    } else {
        programme.update_speaker(&slug, id, &input).await?;
    }
    leptos_axum::redirect(&format!("{}?saved=1", programme_path(&slug)));
    Ok(())
}

/// Coordinator. Deletes speaker `id` of event `slug` (off their sessions) once confirmed.
#[server(prefix = "/api", endpoint = "coordinator/programme/speaker/delete")]
pub async fn delete_speaker(
    #[server(default)] slug: String,
    #[server(default)] id: i64,
    #[server(default)] confirm: String,
) -> Result<(), AppError> {
    crate::kernel::auth::require_coordinator().await?;
    if confirm.is_empty() {
        return Err(AppError::ConfirmationNeeded);
    }
    crate::state::app_state()?
        .programme()
        .delete_speaker(&slug, id)
        .await?;
    leptos_axum::redirect(&format!("{}?deleted=1", programme_path(&slug)));
    Ok(())
}

/// Coordinator. Removes the photo of speaker `id` of event `slug` once confirmed (the
/// upload is a plain multipart post, `/coordinator/events/{slug}/speakers/{id}/photo`).
#[server(
    prefix = "/api",
    endpoint = "coordinator/programme/speaker/photo/remove"
)]
pub async fn remove_speaker_photo(
    #[server(default)] slug: String,
    #[server(default)] id: i64,
    #[server(default)] confirm: String,
) -> Result<(), AppError> {
    crate::kernel::auth::require_coordinator().await?;
    if confirm.is_empty() {
        return Err(AppError::ConfirmationNeeded);
    }
    crate::state::app_state()?
        .speakers()
        .remove_photo_of(&slug, id)
        .await?;
    leptos_axum::redirect(&format!(
        "{}?speaker={id}&photo=removed#speaker-{id}",
        programme_path(&slug)
    ));
    Ok(())
}

/// Coordinator. Mails every confirmed attendee of event `slug` the changed programme, once
/// `confirm` is ticked (the page shows the mail first).
#[server(prefix = "/api", endpoint = "coordinator/programme/notify")]
pub async fn notify_attendees(
    #[server(default)] slug: String,
    #[server(default)] confirm: String,
) -> Result<(), AppError> {
    crate::kernel::auth::require_coordinator().await?;
    if confirm.is_empty() {
        return Err(AppError::ConfirmationNeeded);
    }
    crate::state::app_state()?
        .programme()
        .notify_attendees(&slug)
        .await?;
    leptos_axum::redirect(&format!("{}?notified=1", programme_path(&slug)));
    Ok(())
}
