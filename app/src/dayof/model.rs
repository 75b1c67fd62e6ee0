//! What the day-of pages show: the person behind a scanned check-in code, what a walk-in
//! registration did, and the people with their tables and the programme for printing.

use serde::{Deserialize, Serialize};

/// The person behind a check-in code, as the desk's phone shows them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScanView {
    pub slug: String,
    pub title: String,
    pub code: String,
    pub id: i64,
    pub name: String,
    pub organisation: String,
    /// Confirmed: only then can they be checked in.
    pub confirmed: bool,
    /// When they were checked in, Brussels time ("14:05"), if they were.
    pub checked_in_at: Option<String>,
    /// Their published table per round, (round, table); empty before publishing.
    pub tables: Vec<(u32, String)>,
}

/// One person on a badge and a personal schedule.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PrintPerson {
    pub name: String,
    pub organisation: String,
    /// Published table per round, (round, table).
    pub tables: Vec<(u32, String)>,
}

/// One line of the programme on a personal schedule.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PrintSession {
    /// Start, Brussels time.
    pub time: String,
    pub title: String,
    /// The networking round this session is, if it is one.
    pub round: Option<u32>,
}

/// Everything the badges and schedules pages print: the confirmed people (by last name)
/// with their published tables, and the programme.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PrintView {
    pub slug: String,
    pub title: String,
    /// Date and place, in the page's language.
    pub when: String,
    pub venue: String,
    /// Whether a plan has been published (else no tables are printed).
    pub published: bool,
    pub people: Vec<PrintPerson>,
    pub sessions: Vec<PrintSession>,
}

/// The choices of the walk-in form: the event's topics, organisation types and sectors.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct WalkInSetup {
    pub topics: Vec<crate::event::Topic>,
    pub org_types: Vec<crate::domain::OrgType>,
    pub sectors: Vec<crate::domain::Sector>,
    /// Confirmed people and seats: a walk-in beyond them goes over capacity.
    pub confirmed: i64,
    pub capacity: i64,
}

/// The check-in desk: who is expected (confirmed), who arrived, and the people matching
/// the search.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CheckinView {
    pub slug: String,
    pub title: String,
    pub expected: usize,
    pub arrived: usize,
    pub query: String,
    /// The matching people (at most [`CHECKIN_LIST_MAX`]).
    pub people: Vec<Arrival>,
    /// How many matched in all.
    pub matching: usize,
}

/// Most people the check-in list shows at once (search to narrow it).
pub const CHECKIN_LIST_MAX: usize = 50;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Arrival {
    pub id: i64,
    pub name: String,
    pub organisation: String,
    pub arrived: bool,
}

/// Whether `text` matches the search `query`: every word of the query occurs in it,
/// ignoring case.
pub fn matches(text: &str, query: &str) -> bool {
    let text = text.to_lowercase();
    query
        .to_lowercase()
        .split_whitespace()
        .all(|w| text.contains(w))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_search_matches_every_word_in_any_case() {
        let text = "Élise Vanhees Kringloopcentrum Pelt";
        for (query, expected) in [
            ("", true),
            ("vanhees", true),
            ("ÉLISE pelt", true),
            ("  elise ", false),
            ("vanhees lommel", false),
        ] {
            assert_eq!(matches(text, query), expected, "{query}");
        }
    }
}
