//! The one error type at the server-function boundary. Its variants carry only
//! translatable keys, so nothing internal reaches the browser; details go to `tracing`.

use crate::i18n::T;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum AppError {
    #[error("not found")]
    NotFound,
    #[error("registration closed")]
    RegistrationClosed,
    #[error("registration not open yet")]
    RegistrationNotYetOpen,
    #[error("invalid or outdated link")]
    InvalidLink,
    #[error("internal error")]
    Internal,
    #[error("personal link expired")]
    LinkExpired,
    #[error("changes closed")]
    ChangesClosed,
    #[error("server function error: {0}")]
    ServerFn(String),
}

impl AppError {
    /// The message to show the user.
    pub fn message(&self) -> T {
        match self {
            AppError::NotFound => T::EventNotFound,
            AppError::RegistrationClosed => T::RegistrationClosed,
            AppError::RegistrationNotYetOpen => T::RegistrationNotYetOpen,
            AppError::InvalidLink => T::ManageInvalid,
            AppError::Internal => T::ErrServer,
            AppError::ServerFn(_) => T::ErrNetwork,
            AppError::LinkExpired => T::LinkExpired,
            AppError::ChangesClosed => T::ChangesClosed,
        }
    }
}

impl leptos::server_fn::error::FromServerFnError for AppError {
    type Encoder = leptos::server_fn::codec::JsonEncoding;

    fn from_server_fn_error(value: leptos::server_fn::error::ServerFnErrorErr) -> Self {
        AppError::ServerFn(value.to_string())
    }
}

/// Logs an internal error and returns the opaque [`AppError::Internal`].
#[cfg(feature = "ssr")]
pub fn internal<E: std::fmt::Display>(context: &str) -> impl FnOnce(E) -> AppError + '_ {
    move |e| {
        tracing::error!("{context}: {e}");
        AppError::Internal
    }
}
