//! What the planner page shows and sends: the quick table set-up ([`TableSetup`], checked
//! on construction), the event's tables, and a plan as a seating chart per round with its
//! quality figures. Shared with the coordinator bundle.

use crate::domain::OrgType;
use crate::i18n::T;
use serde::{Deserialize, Serialize};

/// Most tables one event may have.
pub const MAX_TABLES: u32 = 500;
/// Largest table.
pub const MAX_TABLE_SIZE: u32 = 50;
/// Most networking rounds.
pub const MAX_ROUNDS: u32 = 20;

/// "16 tables of 8, 3 rounds": the set-up in one step, validated.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TableSetup {
    pub tables: u32,
    pub size: u32,
    pub rounds: u32,
}

/// A field of the set-up form and the message for it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum SetupField {
    Tables,
    Size,
    Rounds,
}

impl TableSetup {
    /// Reads the three numbers as typed; the first wrong one is refused with its field.
    pub fn parse(tables: &str, size: &str, rounds: &str) -> Result<TableSetup, (SetupField, T)> {
        let number = |raw: &str, min: u32, max: u32, field: SetupField, err: T| {
            raw.trim()
                .parse::<u32>()
                .ok()
                .filter(|n| (min..=max).contains(n))
                .ok_or((field, err))
        };
        Ok(TableSetup {
            tables: number(tables, 1, MAX_TABLES, SetupField::Tables, T::PlanErrTables)?,
            size: number(size, 2, MAX_TABLE_SIZE, SetupField::Size, T::PlanErrSize)?,
            rounds: number(rounds, 1, MAX_ROUNDS, SetupField::Rounds, T::PlanErrRounds)?,
        })
    }

    /// Seats in one round.
    pub fn seats(&self) -> u32 {
        self.tables * self.size
    }

    /// The tables' names: "1", "2", …
    pub fn names(&self) -> Vec<String> {
        (1..=self.tables).map(|n| n.to_string()).collect()
    }
}

/// One table of an event.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlannerTable {
    pub id: i64,
    pub name: String,
    pub capacity: u32,
    /// Fewest people at the table in a round (0: no minimum).
    pub min_size: u32,
    /// The host: a confirmed registration seated here in every round.
    pub host: Option<PersonRef>,
    /// Shown in the chart and on the table cards ("" for none).
    pub theme: String,
}

/// A confirmed person, as the table editor and the "not at the tables" list name them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonRef {
    pub id: i64,
    pub name: String,
    pub organisation: String,
}

impl PersonRef {
    /// "Name — organisation", as a choice in a list.
    pub fn label(&self) -> String {
        format!("{} — {}", self.name, self.organisation)
    }
}

/// Longest table name (a number or a name).
pub const MAX_TABLE_NAME: usize = 40;
/// Longest theme.
pub const MAX_THEME: usize = 80;

/// A field of the table editor.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum TableField {
    Name,
    Capacity,
    MinSize,
    Host,
    Theme,
}

/// The table editor's errors, each with its field.
pub type TableErrors = crate::domain::FieldErrors<TableField>;

/// One table as typed in the editor, each field checked on its own (that the name is free
/// and the host a confirmed person of the event is the service's to check).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TableInput {
    pub name: String,
    pub capacity: u32,
    pub min_size: u32,
    pub host: Option<i64>,
    pub theme: String,
}

impl TableInput {
    /// Reads the editor's fields; every wrong one is named with its message.
    pub fn parse(
        name: &str,
        capacity: &str,
        min_size: &str,
        host: &str,
        theme: &str,
    ) -> Result<TableInput, TableErrors> {
        let mut e = TableErrors::default();
        let text_ok =
            |s: &str, max: usize| s.chars().count() <= max && !s.chars().any(char::is_control);
        let name = name.trim().to_string();
        if name.is_empty() || !text_ok(&name, MAX_TABLE_NAME) {
            e.push(TableField::Name, T::PlanErrTableName);
        }
        let capacity = capacity
            .trim()
            .parse::<u32>()
            .ok()
            .filter(|n| (2..=MAX_TABLE_SIZE).contains(n));
        if capacity.is_none() {
            e.push(TableField::Capacity, T::PlanErrSize);
        }
        let min_size = match min_size.trim() {
            "" => Some(0),
            raw => raw.parse::<u32>().ok().filter(|n| *n <= MAX_TABLE_SIZE),
        };
        match (min_size, capacity) {
            (None, _) => e.push(TableField::MinSize, T::PlanErrMinSize),
            (Some(m), Some(c)) if m > c => e.push(TableField::MinSize, T::PlanErrMinAboveCapacity),
            _ => {}
        }
        let host = match host.trim() {
            "" => None,
            raw => match raw.parse::<i64>() {
                Ok(id) => Some(id),
                Err(_) => {
                    e.push(TableField::Host, T::PlanErrHost);
                    None
                }
            },
        };
        let theme = theme.trim().to_string();
        if !text_ok(&theme, MAX_THEME) {
            e.push(TableField::Theme, T::PlanErrTheme);
        }
        match (capacity, min_size) {
            (Some(capacity), Some(min_size)) if e.is_empty() => Ok(TableInput {
                name,
                capacity,
                min_size,
                host,
                theme,
            }),
            _ => Err(e),
        }
    }
}

/// Everything the planner page shows for an event.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PlannerView {
    pub slug: String,
    pub title: String,
    pub tables: Vec<PlannerTable>,
    /// The rounds to plan: the programme's networking rounds, else the set-up's.
    pub rounds: u32,
    /// Whether [`Self::rounds`] comes from the programme (the set-up's number is not used).
    pub rounds_from_programme: bool,
    /// When the plan was last published (RFC 3339), if ever.
    pub published_at: Option<String>,
    /// Confirmed registrations taking part in the tables: the people to seat.
    pub participants: usize,
    /// Those people by name (hosts are chosen among them).
    pub people: Vec<PersonRef>,
    /// Confirmed registrations left out of the networking tables.
    pub left_out: Vec<PersonRef>,
    /// Confirmed registrations checked in at the desk (the day-of re-plan seats only
    /// them when there are any).
    pub arrived: usize,
    pub plan: Option<PlanView>,
}

impl PlannerView {
    pub fn seats(&self) -> u32 {
        self.tables.iter().map(|t| t.capacity).sum()
    }
}

/// A plan: who sits where in every round, and how good it is.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PlanView {
    pub rounds: Vec<RoundView>,
    pub quality: Quality,
    /// When it was made, RFC 3339.
    pub made_at: String,
    pub runtime_ms: u64,
    /// People confirmed now who are not in the plan (registered after it was made).
    pub unseated: usize,
    /// Locked seats (person and round).
    pub locked: usize,
}

impl PlanView {
    /// Where registration `id` sits in round `round`: the table and the person.
    pub fn find(&self, round: u32, id: i64) -> Option<(&TableView, &Seat)> {
        let r = self.rounds.iter().find(|r| r.number == round)?;
        r.tables
            .iter()
            .find_map(|t| t.people.iter().find(|s| s.id == id).map(|s| (t, s)))
    }
}

/// A run of the engine as the planner page follows it: running (elapsed against the time
/// budget), done (the page's notice as a query string) or failed (the error to show).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct JobView {
    pub state: JobState,
    pub elapsed_ms: u64,
    pub budget_ms: u64,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum JobState {
    Running,
    Done(String),
    Failed(crate::error::AppError),
}

impl JobView {
    /// Progress in per cent of the time budget, at most 99 while it runs.
    pub fn percent(&self) -> u64 {
        match self.state {
            JobState::Running => (self.elapsed_ms * 100 / self.budget_ms.max(1)).min(99),
            _ => 100,
        }
    }
}

/// A selected seat in the chart, as the query string has it: `<round>-<registration id>`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Selection {
    pub round: u32,
    pub id: i64,
}

impl Selection {
    pub fn parse(raw: &str) -> Option<Selection> {
        let (round, id) = raw.split_once('-')?;
        Some(Selection {
            round: round.trim().parse().ok()?,
            id: id.trim().parse().ok()?,
        })
    }

    /// The query value.
    pub fn key(&self) -> String {
        format!("{}-{}", self.round, self.id)
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RoundView {
    pub number: u32,
    pub tables: Vec<TableView>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TableView {
    pub name: String,
    pub capacity: u32,
    /// The table's theme now ("" for none).
    pub theme: String,
    pub people: Vec<Seat>,
    /// Distinct organisation types at the table.
    pub groups: usize,
    /// People at the table with a need that someone at the table offers.
    pub needs_met: usize,
}

/// One person at a table (no contact details).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Seat {
    /// The registration id.
    pub id: i64,
    /// Locked by the coordinator: planning again keeps this seat.
    pub locked: bool,
    /// The host of this table.
    pub host: bool,
    pub name: String,
    pub organisation: String,
    /// `None`: the registration is gone since the plan was made (cancelled or erased).
    pub org_type: Option<OrgType>,
}

/// The plan's quality, as the quality panel states it.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Quality {
    /// Extra meetings of a pair (0 is the minimum).
    pub repeats: usize,
    /// Pairs of colleagues (same organisation) at one table.
    pub colleagues_together: usize,
    /// Organisation types among the participants, and per table the fewest and the mean.
    pub groups_in_event: usize,
    pub groups_min: usize,
    pub groups_mean: f64,
    /// Person-rounds whose need someone at the table offers, of those with a need.
    pub needs_met: usize,
    pub needs_total: usize,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_selection_reads_round_and_id_from_the_query() {
        let s = Selection::parse("2-417").expect("a selection");
        assert_eq!(s, Selection { round: 2, id: 417 });
        assert_eq!(s.key(), "2-417");
        for bad in ["", "2", "x-1", "2-", "-3", "2-3-4"] {
            assert_eq!(Selection::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn a_table_is_checked_field_by_field() {
        assert_eq!(
            TableInput::parse(" Tafel A ", "8", "", "", " Circulair "),
            Ok(TableInput {
                name: "Tafel A".into(),
                capacity: 8,
                min_size: 0,
                host: None,
                theme: "Circulair".into(),
            })
        );
        assert_eq!(
            TableInput::parse("3", "6", "4", "17", "").map(|t| (t.min_size, t.host)),
            Ok((4, Some(17)))
        );
        let field = |n: &str, c: &str, m: &str, h: &str, t: &str| {
            TableInput::parse(n, c, m, h, t).unwrap_err().0
        };
        assert_eq!(
            field("", "8", "", "", ""),
            vec![(TableField::Name, T::PlanErrTableName)]
        );
        assert_eq!(
            field(&"x".repeat(41), "8", "", "", ""),
            vec![(TableField::Name, T::PlanErrTableName)]
        );
        assert_eq!(
            field("1", "1", "", "", ""),
            vec![(TableField::Capacity, T::PlanErrSize)]
        );
        assert_eq!(
            field("1", "x", "", "", ""),
            vec![(TableField::Capacity, T::PlanErrSize)]
        );
        assert_eq!(
            field("1", "4", "5", "", ""),
            vec![(TableField::MinSize, T::PlanErrMinAboveCapacity)]
        );
        assert_eq!(
            field("1", "4", "-1", "", ""),
            vec![(TableField::MinSize, T::PlanErrMinSize)]
        );
        assert_eq!(
            field("1", "4", "", "abc", ""),
            vec![(TableField::Host, T::PlanErrHost)]
        );
        assert_eq!(
            field("1", "4", "", "", &"t".repeat(81)),
            vec![(TableField::Theme, T::PlanErrTheme)]
        );
        // every wrong field at once
        assert_eq!(field("", "0", "x", "y", "").len(), 4);
    }

    #[test]
    fn setup_reads_three_numbers_in_range() {
        assert_eq!(
            TableSetup::parse(" 16 ", "8", "3"),
            Ok(TableSetup {
                tables: 16,
                size: 8,
                rounds: 3
            })
        );
        assert_eq!(
            TableSetup::parse("16", "8", "3").map(|s| s.seats()),
            Ok(128)
        );
        let cases = [
            ("0", "8", "3", SetupField::Tables),
            ("x", "8", "3", SetupField::Tables),
            ("501", "8", "3", SetupField::Tables),
            ("16", "1", "3", SetupField::Size),
            ("16", "51", "3", SetupField::Size),
            ("16", "-8", "3", SetupField::Size),
            ("16", "8", "0", SetupField::Rounds),
            ("16", "8", "21", SetupField::Rounds),
        ];
        for (t, s, r, field) in cases {
            assert_eq!(
                TableSetup::parse(t, s, r).map_err(|e| e.0),
                Err(field),
                "{t} {s} {r}"
            );
        }
    }
}
