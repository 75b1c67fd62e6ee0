//! Coordinator accounts: the account and password model (shared with the browser), the
//! account service (server only: passwords, invitation and reset tokens, login limits),
//! the database-backed session store, and the account server functions.

pub mod api;
/// The account model lives on the domain floor (the store and mail read it).
pub use crate::domain::account as model;
#[cfg(feature = "ssr")]
pub mod service;
#[cfg(feature = "ssr")]
pub mod session_store;
