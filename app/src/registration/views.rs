//! What registration server functions send to the browser.

use super::{FieldErrors, RegistrationForm, Status};
use crate::event::EventView;
use serde::{Deserialize, Serialize};

/// What a registration (or edit) attempt led to. The same answer for a new and a known
/// address, so the page cannot reveal who is registered.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum RegisterOutcome {
    Accepted,
    /// Accepted while every seat was taken: a new registration went to the wait list. It
    /// depends only on whether the event was full (public on the event page), never on
    /// whether the address was known, so a known address gets the same answer.
    WaitListed,
    Invalid(FieldErrors),
}

impl RegisterOutcome {
    /// The answer to an accepted registration for an event that was full or not.
    pub fn accepted(full: bool) -> RegisterOutcome {
        if full {
            RegisterOutcome::WaitListed
        } else {
            RegisterOutcome::Accepted
        }
    }
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
