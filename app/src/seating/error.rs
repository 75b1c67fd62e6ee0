//! Error type of the seating engine.
//! Every invalid input (unknown ids, impossible sizes, conflicting pins, malformed JSON)
//! is reported as a `SeatingError`; the engine never panics on user input.

use thiserror::Error;

/// Everything that can go wrong when building a problem, solving it or doing file I/O.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum SeatingError {
    #[error("empty input: {0}")]
    Empty(&'static str),
    #[error("duplicate {kind} id '{id}'")]
    DuplicateId { kind: &'static str, id: String },
    #[error("unknown table '{table}' referenced by {by}")]
    UnknownTable { table: String, by: String },
    #[error("unknown participant '{participant}' referenced by {by}")]
    UnknownParticipant { participant: String, by: String },
    #[error("round {round} out of range 1..={rounds} ({by})")]
    RoundOutOfRange { round: u32, rounds: u32, by: String },
    #[error("table '{table}': minimum size {min_size} is above its capacity {capacity}")]
    MinAboveCapacity {
        table: String,
        min_size: u32,
        capacity: u32,
    },
    #[error("table '{table}' has capacity 0")]
    ZeroCapacity { table: String },
    #[error("more people than seats: {people} participants, {seats} seats")]
    NotEnoughSeats { people: usize, seats: usize },
    #[error("round {round}: too few people to reach the tables' minimum sizes ({people} participants, {needed} needed)")]
    TooFewPeople {
        round: u32,
        people: usize,
        needed: usize,
    },
    #[error("participant '{participant}' is pinned/locked to different tables in round {round}")]
    ConflictingPins { participant: String, round: u32 },
    #[error(
        "round {round}: table '{table}' has {fixed} pinned/locked people but capacity {capacity}"
    )]
    PinnedOverCapacity {
        round: u32,
        table: String,
        fixed: usize,
        capacity: u32,
    },
    #[error("problem too large: {0}")]
    TooLarge(String),
    #[error("invalid plan: {0}")]
    InvalidPlan(String),
    #[error("format error: {0}")]
    Format(String),
    #[error("I/O error: {0}")]
    Io(String),
}
