//! The registration domain, below both the registration service and the store (and shared
//! with the browser): validated field types, the form as typed with its per-field errors
//! and validation into a [`ValidRegistration`], the registration [`Status`], and the one
//! generic [`FieldErrors<F>`] of every form.
//! Depends on nothing in the app but the translatable keys.

pub mod errors;
pub mod fields;
pub mod form;
pub mod status;
pub mod table;

pub use errors::FieldErrors;
pub use fields::*;
pub use form::*;
pub use status::Status;
