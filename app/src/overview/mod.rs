//! The coordinator's overview screens: one event at a glance (registrations over time,
//! per organisation type and sector, seats left, wait list) and the mail status (mails
//! that failed for good, with a retry). [`model`] is shared with the pages; the service
//! (server only) reads the privacy service's counts and the outbox; `api` holds the
//! coordinator server functions.

pub mod api;
pub mod model;
#[cfg(feature = "ssr")]
pub mod service;

pub use model::*;
