#![recursion_limit = "256"]
//! Tafelronde web app: components, server functions and domain.
//! Shared by the server (feature `ssr`) and the browser bundle (feature `hydrate`);
//! server-only services (store, mail, configuration) are compiled with `ssr` only, and the
//! seating engine with feature `seating` (part of `ssr`, not of `hydrate`).

pub mod accounts;
pub mod api;
pub mod dayof;
pub mod domain;
pub mod error;
pub mod event;
pub mod events;
#[cfg(feature = "coordinator")]
pub mod followup;
pub mod i18n;
pub mod overview;
#[cfg(feature = "coordinator")]
pub mod planner;
pub mod privacy;
pub mod programme;
pub mod registration;
#[cfg(feature = "seating")]
pub mod seating;
pub mod ui;

#[cfg(feature = "ssr")]
pub mod config;
#[cfg(feature = "ssr")]
pub mod csp;
#[cfg(feature = "ssr")]
pub mod demo;
#[cfg(feature = "ssr")]
pub mod ics;
#[cfg(feature = "ssr")]
pub mod kernel;
#[cfg(feature = "ssr")]
pub mod mail;
#[cfg(feature = "ssr")]
pub mod state;
#[cfg(feature = "ssr")]
pub mod store;

pub use ui::{shell, App};

/// Browser entry point. The coordinator bundle hydrates the whole page; the attendee bundle
/// only sets up the islands' root (the page's loader script then hydrates each
/// `<leptos-island>` through its exported function), so none of the page code around the
/// islands is in it.
#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    #[cfg(feature = "coordinator")]
    leptos::mount::hydrate_body(App);
    #[cfg(not(feature = "coordinator"))]
    leptos::mount::hydrate_islands();
}
