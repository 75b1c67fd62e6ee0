//! The coordinator's registration server functions, thin over the registration service's
//! coordinator side (`admin.rs`) and the privacy service. Each starts with
//! `require_coordinator().await?`. The row actions take URL-encoded bodies (a plain form
//! post works before the wasm loads) and redirect back to the table they came from.
// The bulk mail functions take one argument per form field (ActionForm posts them flat);
// the server-function macro also generates the browser's copy, where a fn-level allow is lost.
#![allow(clippy::too_many_arguments)]

use super::bulk::BulkPreview;
use super::table::TableQuery;
use super::{ImportReport, RegistrationEdit, TablePage};
use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::Json;

#[cfg(feature = "ssr")]
use crate::kernel::auth::require_coordinator;

/// The language of the coordinator's page (cookie, else the browser's languages): the
/// language of the mails to people they import.
#[cfg(feature = "ssr")]
async fn page_lang() -> crate::i18n::Lang {
    let headers = leptos_axum::extract::<axum::http::HeaderMap>()
        .await
        .unwrap_or_default();
    let get = |h| headers.get(h).and_then(|v| v.to_str().ok());
    crate::i18n::Lang::negotiate(
        get(axum::http::header::COOKIE),
        get(axum::http::header::ACCEPT_LANGUAGE),
    )
}

/// Where a row action returns: `back` if it is one of the coordinator's table pages,
/// with `done=<what>` added; else the dashboard.
#[cfg(feature = "ssr")]
fn redirect_back(back: &str, done: &str) {
    let safe = back.starts_with("/coordinator/events/")
        && !back.contains("//")
        && !back.contains('\\')
        && back.chars().all(|c| c.is_ascii_graphic());
    let target = if safe {
        let base = back.trim_end_matches(['?', '&']);
        // Drop an earlier notice so they do not pile up.
        let (path, query) = base.split_once('?').unwrap_or((base, ""));
        let mut parts: Vec<&str> = query
            .split('&')
            .filter(|p| !p.is_empty() && !p.starts_with("done=") && !p.starts_with("__err="))
            .collect();
        let done = format!("done={done}");
        parts.push(&done);
        format!("{path}?{}", parts.join("&"))
    } else {
        "/coordinator".to_string()
    };
    leptos_axum::redirect(&target);
}

/// Coordinator. One page of an event's registration table.
#[server(prefix = "/api", endpoint = "coordinator/registrations/table", input = Json)]
pub async fn registration_table(
    #[server(default)] slug: String,
    #[server(default)] query: TableQuery,
) -> Result<TablePage, AppError> {
    let _who = require_coordinator().await?;
    let state = crate::state::app_state()?;
    Ok(state.registrations().table(&slug, &query).await?)
}

/// Coordinator. One registration for the edit page.
#[server(prefix = "/api", endpoint = "coordinator/registrations/get", input = Json)]
pub async fn registration_for_edit(
    #[server(default)] id: i64,
) -> Result<RegistrationEdit, AppError> {
    let _who = require_coordinator().await?;
    let state = crate::state::app_state()?;
    Ok(state.registrations().edit_view(id).await?)
}

/// Coordinator. Saves the edited details of a registration (the attendee's edit rules;
/// the e-mail address stays as registered, `email` is ignored). Field errors come back as
/// [`AppError::RegistrationInvalid`]; on success it returns to the event's table.
#[server(prefix = "/api", endpoint = "coordinator/registrations/save")]
pub async fn save_registration(
    #[server(default)] id: i64,
    #[server(default)] first_name: String,
    #[server(default)] last_name: String,
    #[server(default)] email: String,
    #[server(default)] organisation: String,
    #[server(default)] org_type: String,
    #[server(default)] sector: String,
    #[server(default)] phone: String,
    #[server(default)] offers: Vec<String>,
    #[server(default)] needs: Vec<String>,
) -> Result<(), AppError> {
    let who = require_coordinator().await?;
    let state = crate::state::app_state()?;
    let form = super::RegistrationForm {
        first_name,
        last_name,
        email,
        organisation,
        org_type,
        sector,
        phone,
        offers,
        needs,
        consent: true,
        ..Default::default()
    };
    let service = state.registrations();
    match service.edit_by_coordinator(id, &form).await? {
        super::RegisterOutcome::Invalid(errors) => Err(AppError::RegistrationInvalid(errors)),
        _ => {
            tracing::info!(coordinator = who.id, registration = id, "edit");
            let slug = service.event_slug_of(id).await?;
            redirect_back(
                &format!("/coordinator/events/{slug}/registrations"),
                "edited",
            );
            Ok(())
        }
    }
}

/// Coordinator. Cancels a registration (mail to the person; a freed seat goes to the
/// first on the wait list, who is mailed).
#[server(prefix = "/api", endpoint = "coordinator/registrations/cancel")]
pub async fn cancel_registration(
    #[server(default)] id: i64,
    #[server(default)] back: String,
) -> Result<(), AppError> {
    let who = require_coordinator().await?;
    let state = crate::state::app_state()?;
    state.registrations().cancel_by_coordinator(id).await?;
    tracing::info!(coordinator = who.id, registration = id, "cancel");
    redirect_back(&back, "cancelled");
    Ok(())
}

/// Coordinator. Gives a wait-listed person a seat now, only if a seat is free.
#[server(prefix = "/api", endpoint = "coordinator/registrations/promote")]
pub async fn promote_registration(
    #[server(default)] id: i64,
    #[server(default)] back: String,
) -> Result<(), AppError> {
    let who = require_coordinator().await?;
    let state = crate::state::app_state()?;
    state.registrations().promote_by_coordinator(id).await?;
    tracing::info!(coordinator = who.id, registration = id, "promote");
    redirect_back(&back, "promoted");
    Ok(())
}

/// Coordinator. Mails the person a fresh personal link (through the outbox).
#[server(prefix = "/api", endpoint = "coordinator/registrations/resend")]
pub async fn resend_registration_link(
    #[server(default)] id: i64,
    #[server(default)] back: String,
) -> Result<(), AppError> {
    let who = require_coordinator().await?;
    let state = crate::state::app_state()?;
    state.registrations().resend_by_coordinator(id).await?;
    tracing::info!(coordinator = who.id, registration = id, "resend");
    redirect_back(&back, "resent");
    Ok(())
}

/// Coordinator. Erases one person's data (registration, links, mails) through the privacy
/// service; a freed seat goes to the wait list.
#[server(prefix = "/api", endpoint = "coordinator/registrations/erase")]
pub async fn erase_registration(
    #[server(default)] id: i64,
    #[server(default)] back: String,
) -> Result<(), AppError> {
    let who = require_coordinator().await?;
    let state = crate::state::app_state()?;
    state.privacy().erase(id).await?;
    tracing::info!(coordinator = who.id, registration = id, "erase");
    redirect_back(&back, "erased");
    Ok(())
}

/// Coordinator. Checks a CSV import into event `slug` (dry run): the rows that would get a
/// seat or wait, the bad rows by line and field, the duplicates. Writes nothing.
#[server(prefix = "/api", endpoint = "coordinator/registrations/import/check")]
pub async fn check_import(
    #[server(default)] slug: String,
    #[server(default)] csv: String,
) -> Result<ImportReport, AppError> {
    let _who = require_coordinator().await?;
    let state = crate::state::app_state()?;
    let lang = page_lang().await;
    Ok(state
        .registrations()
        .import_csv(&slug, &csv, lang, false)
        .await?)
}

/// Coordinator. Imports the valid rows of a CSV into event `slug` in one transaction (a
/// seat until full, then the wait list), each person mailed through the outbox; bad rows
/// and duplicates are left out and reported.
#[server(prefix = "/api", endpoint = "coordinator/registrations/import/confirm")]
pub async fn confirm_import(
    #[server(default)] slug: String,
    #[server(default)] csv: String,
) -> Result<ImportReport, AppError> {
    let who = require_coordinator().await?;
    let state = crate::state::app_state()?;
    let lang = page_lang().await;
    let report = state
        .registrations()
        .import_csv(&slug, &csv, lang, true)
        .await?;
    tracing::info!(coordinator = who.id, event = slug, "CSV import");
    Ok(report)
}

/// The table's filters from a form's flat fields (the bulk mail forms post them flat).
#[cfg(feature = "ssr")]
fn selection(
    q: String,
    status: String,
    org_type: String,
    sector: String,
    offers: String,
    needs: String,
) -> TableQuery {
    TableQuery {
        q,
        status,
        org_type,
        sector,
        offers,
        needs,
        ..Default::default()
    }
}

/// Coordinator. Previews a bulk mail to the confirmed and wait-listed registrations of
/// event `slug` matching the table's filters: the recipient count and the mail as the
/// first recipient gets it. Unknown placeholders are field errors
/// ([`AppError::BulkMailInvalid`]). Sends nothing.
#[server(prefix = "/api", endpoint = "coordinator/registrations/bulk/preview")]
pub async fn preview_bulk_mail(
    #[server(default)] slug: String,
    #[server(default)] q: String,
    #[server(default)] status: String,
    #[server(default)] org_type: String,
    #[server(default)] sector: String,
    #[server(default)] offers: String,
    #[server(default)] needs: String,
    #[server(default)] subject: String,
    #[server(default)] body: String,
) -> Result<BulkPreview, AppError> {
    let _who = require_coordinator().await?;
    let state = crate::state::app_state()?;
    let query = selection(q, status, org_type, sector, offers, needs);
    let lang = page_lang().await;
    Ok(state
        .registrations()
        .bulk_mail(&slug, &query, &subject, &body, lang, None)
        .await?)
}

/// Coordinator. Sends the bulk mail: one mail per recipient into the outbox (a fresh
/// personal link each when the text uses `{manage_link}`), in one transaction. `expected`
/// is the recipient count of the preview; another count is refused
/// ([`AppError::SelectionChanged`]).
#[server(prefix = "/api", endpoint = "coordinator/registrations/bulk/send")]
pub async fn send_bulk_mail(
    #[server(default)] slug: String,
    #[server(default)] q: String,
    #[server(default)] status: String,
    #[server(default)] org_type: String,
    #[server(default)] sector: String,
    #[server(default)] offers: String,
    #[server(default)] needs: String,
    #[server(default)] subject: String,
    #[server(default)] body: String,
    #[server(default)] expected: u64,
) -> Result<BulkPreview, AppError> {
    let who = require_coordinator().await?;
    let state = crate::state::app_state()?;
    let query = selection(q, status, org_type, sector, offers, needs);
    let lang = page_lang().await;
    let sent = state
        .registrations()
        .bulk_mail(&slug, &query, &subject, &body, lang, Some(expected))
        .await?;
    tracing::info!(
        coordinator = who.id,
        event = slug,
        recipients = sent.recipients,
        "bulk mail"
    );
    Ok(sent)
}
