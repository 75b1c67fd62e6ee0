//! Registration of attendees: the validated domain types of the form (shared with the
//! browser for live validation), the form and its per-field errors, and (server only)
//! the time rules and the service that stores registrations, manages the wait list and
//! queues the mails.

pub mod fields;
pub mod form;
#[cfg(feature = "ssr")]
pub mod rules;
#[cfg(feature = "ssr")]
pub mod service;
pub mod status;
pub mod views;

pub use fields::*;
pub use form::*;
pub use status::Status;
pub use views::{ManageView, RegisterOutcome};
