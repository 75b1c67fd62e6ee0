//! The CSV export of the coordinator's (filtered) registration table (server only): UTF-8
//! with a byte-order mark so a spreadsheet on Windows reads Dutch names right; codes
//! become labels in the coordinator's language, times are Brussels time.

use super::table::TableRow;
use super::{OrgType, Sector, Status};
use crate::event::EventView;
use crate::i18n::{Lang, T};

/// The UTF-8 byte-order mark the file starts with.
pub const BOM: &[u8] = b"\xEF\xBB\xBF";

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
    out.write_record([
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
    ])?;
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
        out.write_record([
            r.first_name.as_str(),
            &r.last_name,
            &r.email,
            &r.organisation,
            &org_type,
            &sector,
            r.phone.as_deref().unwrap_or(""),
            &topics(&r.offers),
            &topics(&r.needs),
            lang.t(status_label(r.status)),
            &registered,
            lang.t(if r.share_contact {
                T::FollowupYes
            } else {
                T::FollowupNo
            }),
        ])?;
    }
    out.into_inner().map_err(|e| e.into_error().into())
}
