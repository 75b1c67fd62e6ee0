//! Events as coordinators manage them: the event form and its validation (shared with the
//! browser), the event service (server only: create, edit under the seat lock, publish,
//! duplicate) and the coordinator's event server functions.

pub mod api;
pub mod model;
#[cfg(feature = "ssr")]
pub mod service;
