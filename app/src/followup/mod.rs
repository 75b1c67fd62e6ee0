//! The follow-up after the event: one mail per attendee who sat at a table, listing the
//! tablemates who agreed to share their contact details, and a small answer page ("did you
//! find what you were looking for?", per need). Coordinator bundle and server only: the
//! attendee bundle carries none of it (the answer page loads no wasm).

#[cfg(feature = "coordinator")]
pub mod api;
pub mod model;
#[cfg(feature = "ssr")]
pub mod service;
