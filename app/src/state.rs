//! Server state shared by routes, server functions and the mail worker: a plain bag of
//! the database, the configuration, the mail worker's wake-up and the Leptos options. Each
//! area builds its own service from it (`impl FromRef<AppState>` in its `service.rs`).

use crate::config::Config;
use crate::store::Db;
use leptos::config::LeptosOptions;
use std::sync::Arc;
use tokio::sync::Notify;

#[derive(Clone)]
pub struct AppState {
    pub db: Db,
    pub config: Arc<Config>,
    /// Wakes the outbox worker when a mail was queued.
    pub mail_wake: Arc<Notify>,
    pub leptos_options: LeptosOptions,
}

impl axum::extract::FromRef<AppState> for LeptosOptions {
    fn from_ref(s: &AppState) -> LeptosOptions {
        s.leptos_options.clone()
    }
}

/// The state inside a server function or component rendered on the server.
pub fn app_state() -> Result<AppState, crate::error::AppError> {
    leptos::prelude::use_context::<AppState>().ok_or_else(|| {
        tracing::error!("AppState missing from context");
        crate::error::AppError::Internal
    })
}
