//! The domain floor, below the kernel, the store, mail and every area (and shared with the
//! browser): validated field types, the registration form with its per-field errors and
//! validation into a [`ValidRegistration`], the registration [`Status`], the one generic
//! [`FieldErrors<F>`] of every form, and the models the store and mail read (accounts).
//! Depends on nothing in the app but the translatable keys.

pub mod account;
pub mod errors;
pub mod fields;
pub mod form;
pub mod status;
pub mod table;

pub use errors::FieldErrors;
pub use fields::*;
pub use form::*;
pub use status::Status;

/// What a stored mail holds where its personal link's token goes (see the outbox); the
/// privacy export shows it as `[redacted]`.
pub const LINK_PLACEHOLDER: &str = "{{tafelronde-link-token}}";
