//! The table planner (coordinators): an event's tables, from its confirmed registrations to
//! a seating problem for the engine in `seating/`, and the plan it makes as a seating chart
//! with its quality. The model is shared with the coordinator bundle; the service and the
//! store are server only.

#[cfg(feature = "coordinator")]
pub mod api;
#[cfg(all(feature = "ssr", not(target_arch = "wasm32")))]
pub mod bench;
#[cfg(feature = "ssr")]
pub mod jobs;
pub mod model;
#[cfg(feature = "ssr")]
pub mod problem;
#[cfg(feature = "ssr")]
pub mod service;
