//! The CSV import of people registered by phone (server only): reads the columns the export
//! writes (names in any of our languages, or the field codes; comma, semicolon or tab
//! separated), validates each row with the registration form's rules, and imports the valid
//! ones in one transaction — a seat until the event is full, then the wait list, each with
//! the usual mail through the outbox. A dry run does the same under the lock, then writes
//! nothing. The export's formula escape (a leading `'`) is undone, so a file round-trips.

use super::admin::AdminError;
use super::admit::{SeatRule, Seats};
use super::csv_export::formula_unsafe;
use super::service::Registrations;
use super::views::{ImportDuplicate, ImportProblem, ImportReport, IMPORT_COLUMNS as COLUMNS};
use super::{Field, OrgType, RegistrationForm, Sector, Status, ValidRegistration};
use crate::event::{EventView, Topic};
use crate::i18n::{Lang, T};
use crate::store::{events, registrations};
use chrono::Utc;
use std::collections::HashMap;

/// Columns a file must have (phone and topics may be left out).
const REQUIRED: [Field; 6] = [
    Field::FirstName,
    Field::LastName,
    Field::Email,
    Field::Organisation,
    Field::OrgType,
    Field::Sector,
];

fn same(a: &str, b: &str) -> bool {
    a.trim().to_lowercase() == b.trim().to_lowercase()
}

/// The field a header cell names, if any (export header in any language, or the code).
fn column_of(header: &str) -> Option<Field> {
    let h = header.trim_start_matches('\u{FEFF}');
    COLUMNS
        .iter()
        .find(|(f, t)| same(h, f.name()) || Lang::ALL.iter().any(|l| same(h, l.t(*t))))
        .map(|(f, _)| *f)
}

/// The separator of the file: the most frequent of `,`, `;` and tab on its first line
/// (spreadsheets set to Dutch or French write `;`).
fn delimiter(text: &str) -> u8 {
    let first = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    [b',', b';', b'\t']
        .into_iter()
        .max_by_key(|d| (first.bytes().filter(|b| b == d).count(), *d == b','))
        .unwrap_or(b',')
}

/// A code from a code or a label in any language; else the text as typed (then refused by
/// the field's own rule).
fn code_of<C: Copy>(
    raw: &str,
    all: &[C],
    code: fn(C) -> &'static str,
    label: fn(C) -> T,
) -> String {
    all.iter()
        .find(|c| same(raw, code(**c)) || Lang::ALL.iter().any(|l| same(raw, l.t(label(**c)))))
        .map(|c| code(*c).to_string())
        .unwrap_or_else(|| raw.trim().to_string())
}

/// Topic codes from `a; b; c` (codes or the event's labels).
fn topics_of(raw: &str, menu: &[Topic]) -> Vec<String> {
    raw.split(';')
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(|t| {
            menu.iter()
                .find(|m| same(t, &m.code) || same(t, &m.label))
                .map(|m| m.code.clone())
                .unwrap_or_else(|| t.to_string())
        })
        .collect()
}

/// The 1-based line a record starts on, from the byte offset the reader reports (which
/// is where it began reading: blank lines it skipped come first). Counts `\n`, `\r\n`
/// and a lone `\r` as one line break each.
fn line_at(text: &str, pos: Option<&csv::Position>) -> u64 {
    let bytes = text.as_bytes();
    let mut at = pos.map_or(0, |p| p.byte() as usize).min(bytes.len());
    while at < bytes.len() && (bytes[at] == b'\n' || bytes[at] == b'\r') {
        at += 1;
    }
    let before = &bytes[..at];
    let breaks = before
        .iter()
        .enumerate()
        .filter(|(i, b)| **b == b'\n' || (**b == b'\r' && before.get(i + 1) != Some(&b'\n')))
        .count();
    breaks as u64 + 1
}

/// The form's message for a choice, reworded for a cell of a file (there is no list to
/// choose from).
fn in_a_file(t: T) -> T {
    match t {
        T::ErrChoose => T::CoordImpErrChoice,
        T::ErrUnknownTopic => T::CoordImpErrTopic,
        other => other,
    }
}

/// One data line of the file, validated.
#[derive(Debug)]
pub struct Row {
    pub line: u64,
    pub result: Result<ValidRegistration, Vec<(Field, T)>>,
}

/// The file read: the rows, or the problems of the header that stop everything.
#[derive(Debug)]
pub struct Parsed {
    pub rows: Vec<Row>,
    pub problems: Vec<ImportProblem>,
}

/// Reads and validates `text` for `event`; the people's language (their mails) is `lang`.
/// No database access: duplicates are found by the caller.
pub fn parse(text: &str, event: &EventView, lang: Lang) -> Parsed {
    let text = text.trim_start_matches('\u{FEFF}');
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter(text))
        .from_reader(text.as_bytes());
    let mut parsed = Parsed {
        rows: Vec::new(),
        problems: Vec::new(),
    };
    let mut records = reader.records();
    let header = loop {
        match records.next() {
            None => return parsed,
            Some(Ok(r)) if r.iter().all(|c| c.trim().is_empty()) => continue,
            Some(Ok(r)) => break r,
            Some(Err(e)) => {
                parsed.problems.push(ImportProblem {
                    line: line_at(text, e.position()),
                    field: None,
                    error: T::CoordImpErrUnreadable,
                });
                return parsed;
            }
        }
    };
    let header_line = line_at(text, header.position());
    let mut index: HashMap<Field, usize> = HashMap::new();
    for (i, cell) in header.iter().enumerate() {
        if let Some(f) = column_of(cell) {
            index.entry(f).or_insert(i);
        }
    }
    for f in REQUIRED {
        if !index.contains_key(&f) {
            parsed.problems.push(ImportProblem {
                line: header_line,
                field: Some(f),
                error: T::CoordImpErrMissingColumn,
            });
        }
    }
    if !parsed.problems.is_empty() {
        return parsed;
    }
    let offer = event.offer();
    for record in records {
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                parsed.problems.push(ImportProblem {
                    line: line_at(text, e.position()),
                    field: None,
                    error: T::CoordImpErrUnreadable,
                });
                continue;
            }
        };
        if record.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        let line = line_at(text, record.position());
        // A cell `'=…`, `'+…`, `'-…`, `'@…` is what our export (or a spreadsheet that kept
        // our escape) wrote for `=…` and so on: the quote is dropped, so export -> import
        // gives back the same name or `+32 …` phone. A cell that starts with `=`, `+`, `-`
        // or `@` itself is stored as the text it is, not refused: phone numbers `+32 …` and
        // names like `-Anna` are real data, a spreadsheet saving a CSV writes values, not
        // formulas, and the value is only text in here (escaped in HTML and mail) and gets
        // the quote again in every export, so it can never run in a coordinator's
        // spreadsheet. Refusing it would only make a coordinator retype good rows.
        let get = |f: Field| {
            let cell = index.get(&f).and_then(|i| record.get(*i)).unwrap_or("");
            formula_unsafe(cell).to_string()
        };
        let form = RegistrationForm {
            first_name: get(Field::FirstName),
            last_name: get(Field::LastName),
            email: get(Field::Email),
            organisation: get(Field::Organisation),
            org_type: code_of(
                &get(Field::OrgType),
                OrgType::ALL,
                OrgType::code,
                OrgType::label,
            ),
            sector: code_of(
                &get(Field::Sector),
                Sector::ALL,
                Sector::code,
                Sector::label,
            ),
            phone: get(Field::Phone),
            offers: topics_of(&get(Field::Offers), &event.topics),
            needs: topics_of(&get(Field::Needs), &event.topics),
            // The coordinator registers them on their request (by phone).
            consent: true,
            ..Default::default()
        };
        let result = form.validate(&offer, lang).map_err(|errors| {
            errors
                .0
                .into_iter()
                .map(|(f, t)| (f, in_a_file(t)))
                .collect()
        });
        parsed.rows.push(Row { line, result });
    }
    parsed
}

impl Registrations {
    /// Checks (`write: false`, a dry run that writes nothing) or imports (`write: true`) the
    /// CSV `text` into the event `slug`, whether published or not and whatever its
    /// registration window. Under the event's lock: rows whose address is registered
    /// already (or on an earlier line) are duplicates; the valid rest get a seat in file
    /// order while one is free, then the wait list. Importing writes every row and its mail
    /// in one transaction.
    pub async fn import_csv(
        &self,
        slug: &str,
        text: &str,
        lang: Lang,
        write: bool,
    ) -> Result<ImportReport, AdminError> {
        if text
            .trim_matches(|c: char| c.is_whitespace() || c == '\u{FEFF}')
            .is_empty()
        {
            return Err(AdminError::EmptyImport);
        }
        let event = events::by_slug(&self.db, slug)
            .await?
            .ok_or(AdminError::NotFound)?;
        let parsed = parse(text, &event.view, lang);
        let now = Utc::now();
        let mut tx = self.db.begin_write().await?;
        let event = events::lock(&mut tx, event.id).await?;
        let mut seats = Seats::of(&event.view);
        let mut report = ImportReport {
            csv: text.to_string(),
            imported: write,
            confirmed: 0,
            waitlisted: 0,
            problems: parsed.problems,
            duplicates: Vec::new(),
        };
        let mut seen: HashMap<String, u64> = HashMap::new();
        for row in parsed.rows {
            let valid = match row.result {
                Ok(v) => v,
                Err(errors) => {
                    report
                        .problems
                        .extend(errors.into_iter().map(|(field, error)| ImportProblem {
                            line: row.line,
                            field: Some(field),
                            error,
                        }));
                    continue;
                }
            };
            let norm = valid.email.normalized();
            if let Some(earlier) = seen.get(&norm) {
                report.duplicates.push(ImportDuplicate {
                    line: row.line,
                    email: valid.email.as_str().to_string(),
                    earlier_line: Some(*earlier),
                });
                continue;
            }
            seen.insert(norm.clone(), row.line);
            if registrations::find_active_by_email(&mut tx, event.id, &norm)
                .await?
                .is_some()
            {
                report.duplicates.push(ImportDuplicate {
                    line: row.line,
                    email: valid.email.as_str().to_string(),
                    earlier_line: None,
                });
                continue;
            }
            let rule = SeatRule::SeatOrWaitList;
            let place = if write {
                self.admit(&mut tx, &event, &mut seats, &valid, rule, now)
                    .await?
                    .place
            } else {
                // A dry run places them as an import would, and writes nothing.
                seats.take(rule)
            };
            match place.status {
                Status::Confirmed => report.confirmed += 1,
                _ => report.waitlisted += 1,
            }
        }
        report.problems.sort_by_key(|p| p.line);
        if write {
            tx.commit().await?;
            if report.valid() > 0 {
                self.outbox.wake();
            }
            tracing::info!(
                event = slug,
                confirmed = report.confirmed,
                waitlisted = report.waitlisted,
                bad = report.problems.len(),
                duplicates = report.duplicates.len(),
                "CSV import"
            );
        }
        // A dry run ends here: dropping the transaction rolls it back (it wrote nothing).
        Ok(report)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn event() -> EventView {
        crate::demo::demo_event(Utc::now())
    }

    #[test]
    fn reads_the_export_header_in_any_language_and_semicolons() {
        let text = "\u{FEFF}Prénom;Nom;E-mail;Organisation;Type d'organisation;Secteur;Téléphone\n\
                    Émile;Dupont;emile@example.be;Café;Entreprise;Horeca;+32 470 12 34 56\n";
        let p = parse(text, &event(), Lang::Fr);
        assert!(p.problems.is_empty(), "{:?}", p.problems);
        assert_eq!(p.rows.len(), 1);
        let v = p.rows[0].result.as_ref().expect("valid");
        assert_eq!(v.org_type, OrgType::Company);
        assert_eq!(v.sector, Sector::Horeca);
        assert_eq!(p.rows[0].line, 2);
    }

    #[test]
    fn the_exports_formula_escape_is_undone_and_formulas_stay_text() {
        let text = "first_name,last_name,email,organisation,org_type,sector,phone\n\
                    \"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",'-Anna,'=x@example.be,'+cmd,company,zorg,'+32 470 12 34 56\n\
                    =1+2,-Bert,-b@example.be,@org,company,zorg,+32 470 12 34 57\n\
                    'Jan,'t Hooft,jan@example.be,''Damhert,company,zorg,\n";
        let p = parse(text, &event(), Lang::Nl);
        assert!(p.problems.is_empty(), "{:?}", p.problems);
        let rows: Vec<&ValidRegistration> = p
            .rows
            .iter()
            .map(|r| r.result.as_ref().expect("valid"))
            .collect();
        let cells = |v: &ValidRegistration| {
            [
                v.first_name.as_str().to_string(),
                v.last_name.as_str().to_string(),
                v.email.as_str().to_string(),
                v.organisation.as_str().to_string(),
                v.phone
                    .as_ref()
                    .map(|p| p.as_str().to_string())
                    .unwrap_or_default(),
            ]
        };
        assert_eq!(
            cells(rows[0]),
            [
                "=HYPERLINK(\"http://x\",\"y\")",
                "-Anna",
                "=x@example.be",
                "+cmd",
                "+32 470 12 34 56"
            ]
        );
        // Typed in the file without our quote: kept as text (the export quotes it again).
        assert_eq!(
            cells(rows[1]),
            ["=1+2", "-Bert", "-b@example.be", "@org", "+32 470 12 34 57"]
        );
        // A quote before anything else is part of the name.
        assert_eq!(
            cells(rows[2]),
            ["'Jan", "'t Hooft", "jan@example.be", "''Damhert", ""]
        );
    }

    #[test]
    fn missing_columns_are_reported_on_the_header_line() {
        let p = parse(
            "\n\nfirst_name,email\nJan,jan@example.be\n",
            &event(),
            Lang::Nl,
        );
        assert!(p.rows.is_empty());
        let missing: Vec<_> = p.problems.iter().map(|p| (p.line, p.field)).collect();
        assert_eq!(
            missing,
            vec![
                (3, Some(Field::LastName)),
                (3, Some(Field::Organisation)),
                (3, Some(Field::OrgType)),
                (3, Some(Field::Sector)),
            ]
        );
    }

    #[test]
    fn bad_fields_are_reported_per_line_and_quoted_newlines_count() {
        let text = "first_name,last_name,email,organisation,org_type,sector,offers\n\
                    \"An\nna\",Peeters,anna@example.be,Damhert,company,zorg,\n\
                    \r\n\r\n\
                    Jan,,not-an-address,Damhert,spaceship,zorg,onbekend\r\n";
        let p = parse(text, &event(), Lang::Nl);
        assert_eq!(p.rows.len(), 2);
        assert!(p.rows[0].result.is_ok());
        assert_eq!(p.rows[1].line, 6);
        let errors = p.rows[1].result.as_ref().unwrap_err();
        let fields: Vec<Field> = errors.iter().map(|(f, _)| *f).collect();
        assert_eq!(
            fields,
            vec![Field::LastName, Field::Email, Field::OrgType, Field::Offers]
        );
    }
}
