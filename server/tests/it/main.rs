//! The integration tests: one binary (it links the app once), one module per area of the
//! app. Each test starts the real server on a fresh SQLite file or PostgreSQL database, most
//! of them with their own maildev; `on_both_databases!` runs a scenario on both, and
//! `on_sqlite_only!` runs once a scenario the database takes no part in.

#[macro_use]
mod common;

mod accounts;
mod assets;
mod attendee_pages;
mod dayof;
mod events;
mod followup;
mod http;
mod instances;
mod mail;
mod overview;
mod planner;
mod privacy;
mod programme;
mod registration;
mod schema;
