//! What registration server functions send to the browser.

use super::table::{StatusCounts, TableQuery, TableRow, PER_PAGE};
use super::{FieldErrors, RegistrationForm, Status};
use crate::event::EventView;
use crate::event::Topic;
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

/// One page of the table.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TablePage {
    pub slug: String,
    pub title: String,
    pub capacity: i64,
    pub topics: Vec<Topic>,
    pub counts: StatusCounts,
    /// The query as applied (normalized).
    pub query: TableQuery,
    /// Rows matching the filters, over all pages.
    pub matching: i64,
    pub rows: Vec<TableRow>,
}

impl TablePage {
    pub fn pages(&self) -> i64 {
        ((self.matching + PER_PAGE - 1) / PER_PAGE).max(1)
    }
}
