//! What registration server functions send to the browser.

use super::table::{StatusCounts, TableQuery, TableRow, PER_PAGE};
use super::{Field, FieldErrors, RegistrationForm, Status};
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
    Invalid(FieldErrors<Field>),
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
    /// The person's table per networking round, (round, table), once the coordinator
    /// published a plan; empty before.
    #[serde(default)]
    pub tables: Vec<(u32, String)>,
    /// The check-in QR code to show at the desk (an SVG drawn on the server), for a
    /// confirmed registration.
    #[serde(default)]
    pub checkin_qr: Option<String>,
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

/// The columns a CSV import reads, with the header text the export writes for each.
pub const IMPORT_COLUMNS: [(super::Field, crate::i18n::T); 9] = {
    use super::Field as F;
    use crate::i18n::T;
    [
        (F::FirstName, T::CoordRegFirstName),
        (F::LastName, T::CoordRegLastName),
        (F::Email, T::CoordRegEmail),
        (F::Organisation, T::CoordRegSortOrganisation),
        (F::OrgType, T::CoordRegOrgType),
        (F::Sector, T::CoordRegSector),
        (F::Phone, T::CoordRegPhone),
        (F::Offers, T::CoordRegOffers),
        (F::Needs, T::CoordRegNeeds),
    ]
};

/// One problem of a CSV import row: the line (1-based, as a text editor counts them; the
/// header is line 1), the column (`None`: the whole line) and why.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ImportProblem {
    pub line: u64,
    pub field: Option<super::Field>,
    pub error: crate::i18n::T,
}

/// A CSV row left out because its e-mail address is already registered for the event
/// (`earlier_line: None`) or appears on an earlier line of the same file.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ImportDuplicate {
    pub line: u64,
    pub email: String,
    pub earlier_line: Option<u64>,
}

/// What a CSV import checked (dry run) or did: the valid rows and where they go (a seat
/// until the event is full, then the wait list), the bad rows and the duplicates.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ImportReport {
    /// The text that was checked, so the confirmation imports exactly what was previewed.
    pub csv: String,
    /// Whether the rows were written (false: a dry run, nothing was written).
    pub imported: bool,
    /// Valid rows that get (or got) a seat.
    pub confirmed: u64,
    /// Valid rows that go (or went) on the wait list.
    pub waitlisted: u64,
    pub problems: Vec<ImportProblem>,
    pub duplicates: Vec<ImportDuplicate>,
}

impl ImportProblem {
    /// The column's header text (or "whole line").
    pub fn column_label(&self) -> crate::i18n::T {
        self.field
            .and_then(|f| IMPORT_COLUMNS.iter().find(|(c, _)| *c == f))
            .map_or(crate::i18n::T::CoordImpWholeLine, |(_, t)| *t)
    }
}

impl ImportReport {
    /// Rows that can be (or were) imported.
    pub fn valid(&self) -> u64 {
        self.confirmed + self.waitlisted
    }

    /// The lines with problems, each with its problems in column order.
    pub fn problem_lines(&self) -> Vec<(u64, Vec<ImportProblem>)> {
        let mut out: Vec<(u64, Vec<ImportProblem>)> = Vec::new();
        for p in &self.problems {
            match out.last_mut() {
                Some((line, v)) if *line == p.line => v.push(p.clone()),
                _ => out.push((p.line, vec![p.clone()])),
            }
        }
        out
    }
}

/// One registration as the coordinator's edit page shows it, with what its event offers.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RegistrationEdit {
    pub id: i64,
    pub slug: String,
    pub event_title: String,
    pub status: Status,
    /// The address as registered (it identifies the person; not editable).
    pub email: String,
    pub form: RegistrationForm,
    pub topics: Vec<Topic>,
    pub org_types: Vec<super::OrgType>,
    pub sectors: Vec<super::Sector>,
}
