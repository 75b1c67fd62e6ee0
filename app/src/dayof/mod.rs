//! The day of the event (issue 10): check-in by the QR code in the confirmation mail (a
//! code per personal link, `code`, drawn by `qr`), walk-ins registered and checked in at the
//! desk, and the printed name badges and personal schedules from the published plan.
//! The model is shared with the coordinator bundle; the rest is server only.

#[cfg(feature = "coordinator")]
pub mod api;
#[cfg(feature = "ssr")]
pub mod code;
pub mod model;
#[cfg(feature = "ssr")]
pub mod qr;
#[cfg(feature = "ssr")]
pub mod service;
