//! The domain floor, below the kernel, the store, mail and every area (and shared with the
//! browser): validated field types, the registration form with its per-field errors and
//! validation into a [`ValidRegistration`], the registration [`Status`], and the models
//! the store and mail read (accounts). Depends on nothing in the app but the translatable keys.

pub mod account;
pub mod fields;
pub mod form;
pub mod status;
pub mod table;

pub use fields::*;
pub use form::*;
pub use status::Status;
