//! What registration server functions send to the browser.

use super::{FieldErrors, RegistrationForm, Status};
use crate::event::EventView;
use serde::{Deserialize, Serialize};

/// What a registration (or edit) attempt led to. The same answer for a new and a known
/// address, so the page cannot reveal who is registered.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum RegisterOutcome {
    Accepted,
    Invalid(FieldErrors),
}

/// What the manage page shows.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ManageView {
    pub event: EventView,
    pub status: Status,
    pub email: String,
    pub form: RegistrationForm,
    /// Editing and cancelling have closed (the event starts soon or has started).
    pub changes_closed: bool,
}
