//! The day-of server functions (coordinators only; each starts with [`require_coordinator`]
//! and takes defaulted arguments, so a caller without a session meets the check first):
//! the scanned person, checking them in, the walk-in form and its registration, and the
//! badges and schedules to print.
#![allow(clippy::too_many_arguments)]

use super::model::{CheckinView, PrintView, ScanView, WalkInSetup};
use crate::error::AppError;
use crate::i18n::Lang;
#[cfg(feature = "ssr")]
use crate::kernel::auth::require_coordinator;
use leptos::prelude::*;
use leptos::server_fn::codec::Json;

/// The desk's page for a scanned check-in code.
pub fn scan_path(slug: &str, code: &str) -> String {
    format!("/coordinator/events/{slug}/checkin/{code}")
}

/// The printable name badges of event `slug`.
pub fn badges_path(slug: &str) -> String {
    format!("/coordinator/events/{slug}/badges")
}

/// The printable personal schedules of event `slug`.
pub fn schedules_path(slug: &str) -> String {
    format!("/coordinator/events/{slug}/schedules")
}

/// The language of the coordinator's page (cookie, else the browser's languages): the
/// language of a walk-in's mail.
#[cfg(feature = "ssr")]
async fn page_lang() -> Lang {
    let headers = leptos_axum::extract::<axum::http::HeaderMap>()
        .await
        .unwrap_or_default();
    let get = |h| headers.get(h).and_then(|v| v.to_str().ok());
    Lang::negotiate(
        get(axum::http::header::COOKIE),
        get(axum::http::header::ACCEPT_LANGUAGE),
    )
}

/// Coordinator. The person behind check-in code `code` at event `slug`; an unknown code
/// is [`AppError::NotFound`].
#[server(prefix = "/api", endpoint = "coordinator/checkin/code", input = Json)]
pub async fn get_scan(
    #[server(default)] slug: String,
    #[server(default)] code: String,
) -> Result<ScanView, AppError> {
    let _who = require_coordinator().await?;
    Ok(crate::state::app_state()?
        .dayof()
        .scan(&slug, &code)
        .await?)
}

/// Coordinator. Checks in the person behind check-in code `code` (once: a second time
/// changes nothing), then back to the code's page.
#[server(prefix = "/api", endpoint = "coordinator/checkin/code/set")]
pub async fn check_in_code(
    #[server(default)] slug: String,
    #[server(default)] code: String,
) -> Result<(), AppError> {
    let who = require_coordinator().await?;
    let first = crate::state::app_state()?
        .dayof()
        .check_in(&slug, &code)
        .await?;
    tracing::info!(
        coordinator = who.id,
        event = slug,
        first,
        "checked in by code"
    );
    let done = if first { "done=1" } else { "done=again" };
    leptos_axum::redirect(&format!("{}?{done}", scan_path(&slug, &code)));
    Ok(())
}

/// Coordinator. The walk-in form's choices for event `slug`.
#[server(prefix = "/api", endpoint = "coordinator/checkin/walk-in/form", input = Json)]
pub async fn get_walk_in_setup(#[server(default)] slug: String) -> Result<WalkInSetup, AppError> {
    let _who = require_coordinator().await?;
    Ok(crate::state::app_state()?
        .dayof()
        .walk_in_setup(&slug)
        .await?)
}

/// Coordinator. Registers someone at the desk for event `slug` with the attendee's rules
/// (field errors come back as [`AppError::RegistrationInvalid`]): confirmed even over
/// capacity, checked in, and mailed the normal confirmation. Back to the desk, searching
/// for them.
#[server(prefix = "/api", endpoint = "coordinator/checkin/walk-in")]
pub async fn walk_in(
    #[server(default)] slug: String,
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
    let form = crate::registration::RegistrationForm {
        first_name,
        last_name,
        email,
        organisation,
        org_type,
        sector,
        phone,
        offers,
        needs,
        // The desk asks the person; the form says so.
        consent: true,
        ..Default::default()
    };
    let lang = page_lang().await;
    let done = crate::state::app_state()?
        .registrations()
        .walk_in(&slug, &form, lang)
        .await?;
    tracing::info!(
        coordinator = who.id,
        event = slug,
        registration = done.id,
        over = done.over_capacity,
        "walk-in"
    );
    let mut q = form_urlencoded::Serializer::new(String::new());
    q.append_pair("q", &done.name).append_pair("walkin", "1");
    if done.over_capacity {
        q.append_pair("over", "1");
    }
    leptos_axum::redirect(&format!("{}?{}", checkin_path(&slug), q.finish()));
    Ok(())
}

/// Coordinator. The people of event `slug` with their published tables and the programme,
/// for the badges and schedules, in `lang`.
#[server(prefix = "/api", endpoint = "coordinator/print", input = Json)]
pub async fn get_print(
    #[server(default)] slug: String,
    #[server(default)] lang: Lang,
) -> Result<PrintView, AppError> {
    let _who = require_coordinator().await?;
    Ok(crate::state::app_state()?
        .dayof()
        .print(&slug, lang)
        .await?)
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
    Ok(crate::state::app_state()?
        .dayof()
        .desk(&slug, &query)
        .await?)
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
    crate::state::app_state()?
        .dayof()
        .set_arrival(&slug, id, undo.is_empty())
        .await?;
    let query = form_urlencoded::Serializer::new(String::new())
        .append_pair("q", &q)
        .append_pair("done", &id.to_string())
        .finish();
    leptos_axum::redirect(&format!("{}?{query}", checkin_path(&slug)));
    Ok(())
}
