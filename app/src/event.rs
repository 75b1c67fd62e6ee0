//! Events as the browser sees them: [`EventView`] (no internal columns) and the menu of
//! topics attendees choose their offers and needs from.

use crate::domain::{OrgType, Sector};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// One item of an event's "menu" of questions and offers.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Topic {
    pub code: String,
    pub label: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EventView {
    pub slug: String,
    pub title: String,
    pub description: String,
    pub programme: String,
    pub venue_name: String,
    pub venue_address: String,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub capacity: i64,
    pub confirmed: i64,
    pub registration_opens_at: DateTime<Utc>,
    pub registration_closes_at: DateTime<Utc>,
    pub organiser_name: String,
    pub organiser_email: String,
    pub topics: Vec<Topic>,
    /// Whether attendees see the event (listed, its page and registration answer).
    pub published: bool,
    /// The organisation types the registration form offers (never empty).
    pub org_types: Vec<OrgType>,
    /// The sectors the registration form offers (never empty).
    pub sectors: Vec<Sector>,
}

/// Whether the registration form accepts entries at a given moment.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum RegistrationWindow {
    NotYetOpen,
    Open,
    Closed,
}

impl EventView {
    pub fn is_full(&self) -> bool {
        self.confirmed >= self.capacity
    }
    pub fn places_left(&self) -> i64 {
        (self.capacity - self.confirmed).max(0)
    }
    pub fn window(&self, now: DateTime<Utc>) -> RegistrationWindow {
        if now < self.registration_opens_at {
            RegistrationWindow::NotYetOpen
        } else if now > self.registration_closes_at {
            RegistrationWindow::Closed
        } else {
            RegistrationWindow::Open
        }
    }
    pub fn topic_codes(&self) -> Vec<String> {
        self.topics.iter().map(|t| t.code.clone()).collect()
    }
}
