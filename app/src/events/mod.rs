//! Events as coordinators manage them: the event form and its validation (shared with the
//! browser), the event service (server only: create, edit under the seat lock, publish,
//! duplicate) and the coordinator's event server functions.

/// Only where the coordinator pages are (server, coordinator bundle).
#[cfg(feature = "coordinator")]
pub mod api;
pub mod model;
#[cfg(feature = "ssr")]
pub mod service;
