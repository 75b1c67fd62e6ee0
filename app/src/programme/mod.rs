//! The programme of an event: sessions (welcome, talks, networking rounds …) and their
//! speakers. `model` holds the browser-safe views, the validation and the pure conflict
//! checks; `service` (server only) the rules with the store; `api` the public agenda
//! server function; `calendar` (server only) the `.ics` files and their GET routes;
//! `speaker*` the speakers' personal links and page; `photo` (limits, messages) and
//! `photo_codec` (server only: checking, re-encoding, serving) the speakers' photos.

pub mod api;
#[cfg(feature = "ssr")]
pub mod calendar;
#[cfg(feature = "coordinator")]
pub mod editor_api;
pub mod model;
pub mod photo;
#[cfg(feature = "ssr")]
pub mod photo_codec;
#[cfg(feature = "ssr")]
pub mod service;
pub mod speaker;
pub mod speaker_api;
#[cfg(feature = "ssr")]
pub mod speaker_service;
