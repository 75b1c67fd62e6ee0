//! Server state shared by routes, server functions and the mail worker.

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

impl AppState {
    /// The registration service with what it needs from this state.
    pub fn registrations(&self) -> crate::registration::service::Registrations {
        crate::registration::service::Registrations::new(
            self.db.clone(),
            &self.config,
            self.mail_wake.clone(),
        )
    }

    /// The coordinator account service with what it needs from this state.
    pub fn accounts(&self) -> crate::accounts::service::Accounts {
        crate::accounts::service::Accounts::new(
            self.db.clone(),
            &self.config,
            self.mail_wake.clone(),
        )
    }
}

impl AppState {
    /// The table planner.
    pub fn planner(&self) -> crate::planner::service::Planner {
        crate::planner::service::Planner::new(self.db.clone(), self.registrations())
    }

    /// The privacy service (erasure, export, purge) with what it needs from this state.
    pub fn privacy(&self) -> crate::privacy::service::Privacy {
        crate::privacy::service::Privacy::new(
            self.registrations(),
            self.config.privacy_purge_days_after_event,
        )
    }
}

impl AppState {
    /// The coordinator's overview service (event counts, mail status) from this state.
    pub fn overview(&self) -> crate::overview::service::Overview {
        crate::overview::service::Overview::new(
            self.db.clone(),
            self.privacy(),
            self.mail_wake.clone(),
        )
    }
}

impl AppState {
    /// The programme service (agenda, sessions, speakers) from this state.
    pub fn programme(&self) -> crate::programme::service::Programme {
        crate::programme::service::Programme::new(self.db.clone(), &self.config.base_url)
            .with_mail(self.config.mail_domain(), self.mail_wake.clone())
    }

    /// The speakers' personal links and page.
    pub fn speakers(&self) -> crate::programme::speaker_service::Speakers {
        crate::programme::speaker_service::Speakers::new(
            self.db.clone(),
            &self.config,
            self.mail_wake.clone(),
        )
    }
}

impl AppState {
    /// The follow-up after the event (mail to tablemates, answers).
    pub fn followup(&self) -> crate::followup::service::Followup {
        crate::followup::service::Followup::new(
            self.registrations(),
            self.config.privacy_purge_days_after_event,
        )
    }

    /// The day-of service (check-in codes, walk-in choices, badges and schedules).
    pub fn dayof(&self) -> crate::dayof::service::DayOf {
        crate::dayof::service::DayOf::new(self.db.clone(), self.programme())
    }
}
