//! The CSV export of the coordinator's (filtered) registration table (server only): UTF-8
//! with a byte-order mark so a spreadsheet on Windows reads Dutch names right; codes
//! become labels in the coordinator's language, times are Brussels time. Every cell goes
//! through [`formula_safe`], so no registrant's text runs as a spreadsheet formula.

use super::table::TableRow;
use super::{OrgType, Sector, Status};
use crate::event::EventView;
use crate::i18n::{Lang, T};
use std::borrow::Cow;

/// The UTF-8 byte-order mark the file starts with.
pub const BOM: &[u8] = b"\xEF\xBB\xBF";

/// First characters that make a spreadsheet read a cell as a formula (OWASP, "CSV
/// Injection"): `=`, `+`, `-`, `@`, tab and carriage return.
const FORMULA_START: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// Whether `cell` starts a formula, or is one behind quotes (`'=…`, `''=…`).
fn quoted_formula(cell: &str) -> bool {
    cell.trim_start_matches('\'').starts_with(FORMULA_START)
}

/// A cell as it goes into a CSV file: with a `'` in front when it starts with one of
/// [`FORMULA_START`], so a spreadsheet shows it as text instead of running it (a name
/// `=HYPERLINK(…)`, an organisation `+cmd`). Legitimate text stays readable: `+32 470 …`
/// becomes `'+32 470 …`. A cell that is already `'=…` gets one more quote, so
/// [`formula_unsafe`], which the import uses, gives back exactly the stored text. Every
/// CSV the app writes goes through this.
pub fn formula_safe(cell: &str) -> Cow<'_, str> {
    if quoted_formula(cell) {
        Cow::Owned(format!("'{cell}"))
    } else {
        Cow::Borrowed(cell)
    }
}

/// The inverse of [`formula_safe`] for a cell read from a CSV file: the first `'` of a cell
/// whose quotes are followed by one of [`FORMULA_START`] is our escape and is dropped;
/// anything else is returned as it is (a name like `'t Hooft` keeps its apostrophe).
pub fn formula_unsafe(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if quoted_formula(rest) => rest,
        _ => cell,
    }
}

/// Writes one record, each cell through [`formula_safe`].
fn write_safe<'a>(
    out: &mut csv::Writer<Vec<u8>>,
    cells: impl IntoIterator<Item = &'a str>,
) -> Result<(), csv::Error> {
    out.write_record(cells.into_iter().map(formula_safe).map(|c| c.into_owned()))
}

fn status_label(s: Status) -> T {
    match s {
        Status::Confirmed => T::CoordRegConfirmed,
        Status::Waitlisted => T::CoordRegWaitlisted,
        Status::Cancelled => T::CoordRegCancelled,
    }
}

/// The file: BOM, header, one line per row.
pub fn to_csv(event: &EventView, rows: &[TableRow], lang: Lang) -> Result<Vec<u8>, csv::Error> {
    let topic = |code: &String| {
        event
            .topics
            .iter()
            .find(|t| &t.code == code)
            .map(|t| t.label.clone())
            .unwrap_or_else(|| code.clone())
    };
    let topics = |codes: &[String]| codes.iter().map(topic).collect::<Vec<_>>().join("; ");
    let mut out = csv::Writer::from_writer(BOM.to_vec());
    write_safe(
        &mut out,
        [
            lang.t(T::CoordRegFirstName),
            lang.t(T::CoordRegLastName),
            lang.t(T::CoordRegEmail),
            lang.t(T::CoordRegSortOrganisation),
            lang.t(T::CoordRegOrgType),
            lang.t(T::CoordRegSector),
            lang.t(T::CoordRegPhone),
            lang.t(T::CoordRegOffers),
            lang.t(T::CoordRegNeeds),
            lang.t(T::CoordRegStatus),
            lang.t(T::CoordRegCsvRegistered),
            lang.t(T::CoordRegShares),
        ],
    )?;
    for r in rows {
        let org_type = OrgType::parse(&r.org_type)
            .map(|o| lang.t(o.label()).to_string())
            .unwrap_or_else(|_| r.org_type.clone());
        let sector = Sector::parse(&r.sector)
            .map(|s| lang.t(s.label()).to_string())
            .unwrap_or_else(|_| r.sector.clone());
        let registered = r
            .registered_at
            .with_timezone(&chrono_tz::Europe::Brussels)
            .format("%Y-%m-%d %H:%M")
            .to_string();
        let (offers, needs) = (topics(&r.offers), topics(&r.needs));
        write_safe(
            &mut out,
            [
                r.first_name.as_str(),
                &r.last_name,
                &r.email,
                &r.organisation,
                &org_type,
                &sector,
                r.phone.as_deref().unwrap_or(""),
                &offers,
                &needs,
                lang.t(status_label(r.status)),
                &registered,
                lang.t(if r.share_contact {
                    T::FollowupYes
                } else {
                    T::FollowupNo
                }),
            ],
        )?;
    }
    out.into_inner().map_err(|e| e.into_error().into())
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Utc;

    #[test]
    fn cells_that_start_a_formula_get_a_quote() {
        for (cell, want) in [
            (
                "=HYPERLINK(\"http://x\",\"y\")",
                "'=HYPERLINK(\"http://x\",\"y\")",
            ),
            ("+cmd", "'+cmd"),
            ("-Anna", "'-Anna"),
            ("@x@example.be", "'@x@example.be"),
            ("\t=1", "'\t=1"),
            ("\r=1", "'\r=1"),
            ("+32 470 12 34 56", "'+32 470 12 34 56"),
        ] {
            assert_eq!(formula_safe(cell), want, "{cell:?}");
            assert_eq!(formula_unsafe(&formula_safe(cell)), cell, "{cell:?}");
        }
    }

    #[test]
    fn other_cells_are_left_alone() {
        for cell in [
            "", "Anna", "Zoë", "a=b", "Jean-Luc", "'t Hooft", "'", " =1", "047 12",
        ] {
            assert!(
                matches!(formula_safe(cell), Cow::Borrowed(c) if c == cell),
                "{cell:?}"
            );
            assert_eq!(formula_unsafe(cell), cell, "{cell:?}");
        }
        // Only our own escape is undone: a quote before anything else is data.
        assert_eq!(formula_unsafe("'=1"), "=1");
        assert_eq!(formula_unsafe("'Anna"), "'Anna");
        // Text that looks like our escape already gets one more quote.
        assert_eq!(formula_safe("'=1"), "''=1");
        assert_eq!(formula_unsafe("''=1"), "'=1");
    }

    proptest::proptest! {
        #[test]
        fn every_cell_round_trips_and_none_starts_a_formula(cell in "['=+@\t\r -]{0,3}\\PC{0,8}") {
            let safe = formula_safe(&cell);
            proptest::prop_assert!(!safe.starts_with(FORMULA_START));
            proptest::prop_assert_eq!(formula_unsafe(&safe), cell.as_str());
        }
    }

    #[test]
    fn the_export_quotes_every_cell_that_starts_a_formula() {
        let mut event = crate::demo::demo_event(Utc::now());
        event.topics[0].label = "=evil()".into();
        let code = event.topics[0].code.clone();
        let row = TableRow {
            id: 1,
            first_name: "=HYPERLINK(\"http://x\",\"y\")".into(),
            last_name: "-Anna".into(),
            email: "=x@example.be".into(),
            organisation: "+cmd".into(),
            org_type: "company".into(),
            sector: "@zorg".into(),
            phone: Some("+32 470 12 34 56".into()),
            offers: vec![code.clone()],
            needs: vec![code],
            status: Status::Confirmed,
            registered_at: Utc::now(),
            share_contact: false,
        };
        let bytes = to_csv(&event, &[row], Lang::Nl).expect("csv");
        let mut reader = csv::Reader::from_reader(&bytes[BOM.len()..]);
        let record = reader.records().next().expect("a row").expect("readable");
        let cells: Vec<&str> = record.iter().collect();
        assert_eq!(
            cells[..9],
            [
                "'=HYPERLINK(\"http://x\",\"y\")",
                "'-Anna",
                "'=x@example.be",
                "'+cmd",
                "Bedrijf",
                "'@zorg",
                "'+32 470 12 34 56",
                "'=evil()",
                "'=evil()",
            ]
        );
        for cell in &cells {
            assert!(!cell.starts_with(FORMULA_START), "{cell:?}");
        }
    }
}
