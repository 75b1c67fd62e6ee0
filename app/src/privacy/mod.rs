//! Privacy: erasing one person's data on request, exporting it as JSON, and purging the
//! personal data of past events while keeping anonymous counts. [`model`] holds what the
//! services hand out; the services (server only) are in `service`, the hourly purge in `task`.

pub mod model;
#[cfg(feature = "ssr")]
pub mod service;
#[cfg(feature = "ssr")]
pub mod task;

pub use model::*;
