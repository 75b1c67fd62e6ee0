//! The account server functions, thin over [`super::service::Accounts`]. Each starts by
//! naming who may call it: the public ones (login, reset request, set password with a
//! token) say so, every other one calls [`require_coordinator`] first. Form-backed
//! functions take URL-encoded bodies (what `ActionForm` and a plain HTML form post), and
//! every argument has a default, so a caller without a session is refused by the
//! authorisation line rather than by argument decoding.

use super::model::{Coordinator, DashboardEvent};
use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::Json;

#[cfg(feature = "ssr")]
use crate::kernel::auth::{require_coordinator, session, SESSION_KEY};

/// The language of the request (the `lang` cookie), for mails.
#[cfg(feature = "ssr")]
async fn request_lang() -> crate::i18n::Lang {
    leptos_axum::extract::<axum::http::HeaderMap>()
        .await
        .ok()
        .and_then(|h| {
            h.get(axum::http::header::COOKIE)
                .and_then(|v| v.to_str().ok())
                .map(crate::i18n::Lang::from_cookie_header)
        })
        .unwrap_or_default()
}

/// Where a login returns: `next` when it is a coordinator page of this site (the page that
/// sent the browser to the login, e.g. a scanned check-in code), else the dashboard.
pub fn login_target(next: &str) -> &str {
    let safe = next.starts_with("/coordinator/")
        && !next.contains("//")
        && !next.contains('\\')
        && !next.starts_with("/coordinator/login")
        && next.chars().all(|c| c.is_ascii_graphic());
    if safe {
        next
    } else {
        "/coordinator"
    }
}

/// Public. Signs in: a new session id, then `next` (see [`login_target`]) or the dashboard.
#[server(prefix = "/api", endpoint = "coordinator/login")]
pub async fn login(
    #[server(default)] email: String,
    #[server(default)] password: String,
    #[server(default)] next: String,
) -> Result<(), AppError> {
    // Public: anyone may try; limited per client address (router) and throttled per
    // (address tried, client address) in the service.
    let state = crate::state::app_state()?;
    let client = leptos_axum::extract::<axum::Extension<crate::kernel::ClientAddress>>()
        .await
        .map(|a| a.0 .0.to_string())
        .unwrap_or_else(|_| "unknown".to_string());
    let who = state.accounts().login(&email, &password, &client).await?;
    let session = session().await?;
    session
        .cycle_id()
        .await
        .map_err(crate::error::internal("session cycle"))?;
    session
        .insert(SESSION_KEY, who.id)
        .await
        .map_err(crate::error::internal("session write"))?;
    leptos_axum::redirect(login_target(&next));
    Ok(())
}

/// Any caller: ends the session (nothing to do without one).
#[server(prefix = "/api", endpoint = "coordinator/logout")]
pub async fn logout() -> Result<(), AppError> {
    // Public on purpose: it only ever removes the caller's own session.
    let session = session().await?;
    if let Ok(Some(id)) = session.get::<i64>(SESSION_KEY).await {
        tracing::info!(coordinator = id, "logged out");
    }
    session
        .flush()
        .await
        .map_err(crate::error::internal("session delete"))?;
    leptos_axum::redirect("/coordinator/login");
    Ok(())
}

/// Public. Mails a reset link if the address has an account; the answer is the same
/// either way.
#[server(prefix = "/api", endpoint = "coordinator/password/forgot")]
pub async fn request_password_reset(#[server(default)] email: String) -> Result<(), AppError> {
    // Public: answers alike for known and unknown addresses.
    let state = crate::state::app_state()?;
    state
        .accounts()
        .request_reset(&email, request_lang().await)
        .await?;
    leptos_axum::redirect("/coordinator/forgot-password?sent=1");
    Ok(())
}

/// Public (the token is the credential). Sets the password from an invitation or reset link.
#[server(prefix = "/api", endpoint = "coordinator/password/set")]
pub async fn set_password(
    #[server(default)] token: String,
    #[server(default)] password: String,
) -> Result<(), AppError> {
    // Public: the single-use token is checked by the service.
    let state = crate::state::app_state()?;
    state
        .accounts()
        .set_password_with_token(&token, &password)
        .await?;
    leptos_axum::redirect("/coordinator/login?password_set=1");
    Ok(())
}

/// Coordinator. Changes the own password (the current one is needed).
#[server(prefix = "/api", endpoint = "coordinator/password/change")]
pub async fn change_password(
    #[server(default)] current: String,
    #[server(default)] new_password: String,
) -> Result<(), AppError> {
    let who = require_coordinator().await?;
    let state = crate::state::app_state()?;
    let session = session().await?;
    let own = session.id().map(|id| id.to_string());
    state
        .accounts()
        .change_password(who.id, &current, &new_password, own.as_deref())
        .await?;
    // The session itself gets a new id too (the old one may have been seen).
    session
        .cycle_id()
        .await
        .map_err(crate::error::internal("session cycle"))?;
    leptos_axum::redirect("/coordinator/password?changed=1");
    Ok(())
}

/// Coordinator. Who is signed in (the pages' sign-in check).
#[server(prefix = "/api", endpoint = "coordinator/me", input = Json)]
pub async fn me() -> Result<Coordinator, AppError> {
    require_coordinator().await
}

/// Coordinator. Every event with its seat and wait-list counts.
#[server(prefix = "/api", endpoint = "coordinator/events", input = Json)]
pub async fn dashboard_events() -> Result<Vec<DashboardEvent>, AppError> {
    let _who = require_coordinator().await?;
    let state = crate::state::app_state()?;
    crate::store::accounts::dashboard_events(&state.db)
        .await
        .map_err(crate::error::internal("dashboard events"))
}
