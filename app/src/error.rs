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
    /// The request could not be read (missing or malformed arguments, bad path).
    #[error("bad request")]
    BadRequest,
    /// A state-changing request from another site.
    #[error("cross-origin request refused")]
    CrossOrigin,
    /// A server-function body that is not JSON.
    #[error("unsupported media type")]
    UnsupportedMediaType,
    #[error("request body too large")]
    PayloadTooLarge,
    /// Too many attempts from one client address.
    #[error("too many requests")]
    RateLimited,
    /// The request took longer than the request timeout.
    #[error("request timeout")]
    Timeout,
    /// No signed-in coordinator (no session, or it expired).
    #[error("not signed in")]
    Unauthorized,
    /// Signed in, but not allowed to do this.
    #[error("forbidden")]
    Forbidden,
    /// Wrong e-mail address or password (the same answer for both).
    #[error("login failed")]
    LoginFailed,
    /// Too many failed logins for one account within the window.
    #[error("account login limit reached")]
    LoginLocked,
    /// A set-password link that is unknown, used or expired.
    #[error("invalid password link")]
    PasswordLinkInvalid,
    /// A new password that breaks the rules (too short or too long).
    #[error("password does not meet the rules")]
    WeakPassword,
    /// Changing the password with a wrong current one.
    #[error("wrong current password")]
    WrongCurrentPassword,
    /// A coordinator's promotion while every seat is taken.
    #[error("no free seat")]
    NoFreeSeat,
    /// A row action that does not fit the registration's status.
    #[error("not possible for this registration's status")]
    WrongRegistrationStatus,
    /// The coordinator's event form has invalid fields (each with its message).
    #[error("invalid event form")]
    EventInvalid(crate::events::model::EventErrors),
    /// A programme change that breaks a rule (field, hours, room or speaker conflict).
    #[error("invalid programme change")]
    ProgrammeInvalid(crate::programme::model::Problem),
    /// A CSV import without any text.
    #[error("empty import")]
    ImportEmpty,
    /// A coordinator's edit of a registration has invalid fields (each with its message).
    #[error("invalid registration form")]
    RegistrationInvalid(crate::domain::FieldErrors<crate::domain::Field>),
    /// The coordinator's bulk mail has invalid fields (each with its message).
    #[error("invalid bulk mail")]
    BulkMailInvalid(crate::registration::bulk::BulkErrors),
    /// A bulk mail whose selection changed since its preview.
    #[error("selection changed since the preview")]
    SelectionChanged,
    /// A destructive step that needs the confirmation box ticked.
    #[error("confirmation needed")]
    ConfirmationNeeded,
    /// The planner refused what was asked, for the reason the message names.
    #[error("planner refused")]
    Planner(T),
    /// The follow-up refused what was asked, for the reason the message names.
    #[error("follow-up refused")]
    Followup(T),
    /// The planner's table editor has invalid fields (each with its message). Coordinator
    /// builds only (the attendee bundle has no planner).
    #[cfg(feature = "coordinator")]
    #[error("invalid table")]
    TableInvalid(crate::planner::model::TableErrors),
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
            AppError::BadRequest | AppError::UnsupportedMediaType => T::ErrBadRequest,
            AppError::CrossOrigin => T::ErrCrossOrigin,
            AppError::PayloadTooLarge => T::ErrTooLarge,
            AppError::RateLimited => T::ErrRateLimited,
            AppError::Timeout => T::ErrTimeout,
            AppError::LinkExpired => T::LinkExpired,
            AppError::ChangesClosed => T::ChangesClosed,
            AppError::Unauthorized => T::ErrUnauthorized,
            AppError::Forbidden => T::ErrForbidden,
            AppError::LoginFailed => T::ErrLoginFailed,
            AppError::LoginLocked => T::ErrLoginLocked,
            AppError::PasswordLinkInvalid => T::ErrPasswordLinkInvalid,
            AppError::WeakPassword => T::ErrPasswordTooShort,
            AppError::WrongCurrentPassword => T::ErrWrongCurrentPassword,
            AppError::NoFreeSeat => T::CoordRegErrNoFreeSeat,
            AppError::WrongRegistrationStatus => T::CoordRegErrWrongStatus,
            AppError::EventInvalid(_) => T::CoordEventsErrInvalid,
            AppError::ConfirmationNeeded => T::CoordEventsErrConfirm,
            AppError::Planner(t) | AppError::Followup(t) => *t,
            AppError::ProgrammeInvalid(p) => p.message(),
            AppError::ImportEmpty => T::CoordImpErrEmpty,
            AppError::BulkMailInvalid(_) => T::CoordBulkErrInvalid,
            AppError::RegistrationInvalid(_) => T::FixErrors,
            AppError::SelectionChanged => T::CoordBulkErrChanged,
            #[cfg(feature = "coordinator")]
            AppError::TableInvalid(_) => T::FixErrors,
        }
    }

    /// The HTTP status of the answer carrying this error: 4xx for the client's mistakes,
    /// 5xx only for ours. Exhaustive on purpose: a new variant must choose its status.
    pub fn status(&self) -> u16 {
        match self {
            AppError::BadRequest => 400,
            AppError::CrossOrigin => 403,
            AppError::NotFound | AppError::InvalidLink => 404,
            AppError::ChangesClosed => 409,
            AppError::LinkExpired => 410,
            AppError::Timeout => 408,
            AppError::PayloadTooLarge => 413,
            AppError::UnsupportedMediaType => 415,
            AppError::RegistrationClosed | AppError::RegistrationNotYetOpen => 422,
            AppError::RateLimited | AppError::LoginLocked => 429,
            AppError::Unauthorized | AppError::LoginFailed => 401,
            AppError::Forbidden | AppError::WrongCurrentPassword => 403,
            AppError::PasswordLinkInvalid => 410,
            AppError::WeakPassword => 422,
            AppError::NoFreeSeat | AppError::WrongRegistrationStatus => 409,
            AppError::Planner(_) | AppError::ProgrammeInvalid(_) | AppError::Followup(_) => 422,
            AppError::EventInvalid(_)
            | AppError::ConfirmationNeeded
            | AppError::ImportEmpty
            | AppError::BulkMailInvalid(_)
            | AppError::RegistrationInvalid(_) => 422,
            #[cfg(feature = "coordinator")]
            AppError::TableInvalid(_) => 422,
            AppError::SelectionChanged => 409,
            AppError::Internal => 500,
            // Only made in the browser (the server could not be reached).
            AppError::ServerFn(_) => 502,
        }
    }
}

impl leptos::server_fn::error::FromServerFnError for AppError {
    type Encoder = leptos::server_fn::codec::JsonEncoding;

    /// On the server: the client's malformed arguments become [`AppError::BadRequest`],
    /// anything else [`AppError::Internal`]; the library text only goes to the log.
    /// In the browser: a network or decoding failure keeps its text for the console.
    fn from_server_fn_error(value: leptos::server_fn::error::ServerFnErrorErr) -> Self {
        #[cfg(feature = "ssr")]
        {
            use leptos::server_fn::error::ServerFnErrorErr as E;
            match value {
                E::Deserialization(_)
                | E::Args(_)
                | E::MissingArg(_)
                | E::UnsupportedRequestMethod(_) => {
                    tracing::debug!("server function request refused: {value}");
                    AppError::BadRequest
                }
                E::Request(_) => AppError::ServerFn(value.to_string()),
                E::Registration(_)
                | E::ServerError(_)
                | E::MiddlewareError(_)
                | E::Serialization(_)
                | E::Response(_) => {
                    tracing::error!("server function: {value}");
                    AppError::Internal
                }
            }
        }
        #[cfg(not(feature = "ssr"))]
        {
            AppError::ServerFn(value.to_string())
        }
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
