//! The status of a registration: confirmed seat, wait list, or cancelled.

use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Status {
    Confirmed,
    Waitlisted,
    Cancelled,
}

impl Status {
    pub fn code(self) -> &'static str {
        match self {
            Status::Confirmed => "confirmed",
            Status::Waitlisted => "waitlisted",
            Status::Cancelled => "cancelled",
        }
    }
    pub fn parse(s: &str) -> Option<Status> {
        match s {
            "confirmed" => Some(Status::Confirmed),
            "waitlisted" => Some(Status::Waitlisted),
            "cancelled" => Some(Status::Cancelled),
            _ => None,
        }
    }
}
