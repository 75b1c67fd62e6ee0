//! Registration of attendees: what the pages receive ([`views`]) and (server only) the time
//! rules and the service that stores registrations (every admission through `admit`),
//! manages the wait list and queues the mails. The form, its field types and the status
//! live in [`crate::domain`] (re-exported here), below both this service and the store.
//! The coordinator's side: the table, row actions, CSV export and import (`admin*`,
//! `csv_*`), bulk mail (`bulk*`).

#[cfg(feature = "ssr")]
pub mod admin;
#[cfg(feature = "coordinator")]
pub mod admin_api;
#[cfg(feature = "ssr")]
pub mod admit;
pub mod bulk;
#[cfg(feature = "ssr")]
pub mod bulk_service;
#[cfg(feature = "ssr")]
pub mod csv_export;
#[cfg(feature = "ssr")]
pub mod csv_import;
#[cfg(feature = "ssr")]
pub mod downloads;
#[cfg(feature = "ssr")]
pub mod rules;
#[cfg(feature = "ssr")]
pub mod service;
pub mod views;
#[cfg(feature = "ssr")]
pub mod walk_in;

pub use crate::domain::*;
pub use crate::domain::{fields, form, status, table};
pub use views::{
    ImportDuplicate, ImportProblem, ImportReport, ManageView, RegisterOutcome, RegistrationEdit,
    TablePage,
};
