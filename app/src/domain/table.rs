//! The coordinator's registration table, shared with the browser and the store: the query
//! (search, filters, sort, page — all query-string fields, so links and the back button
//! work without the wasm), one row, and the counts per status.

use super::Status;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// Rows per page.
pub const PER_PAGE: i64 = 50;

/// What the table shows, as it appears in the query string. Every field may be empty;
/// unknown values are ignored (see [`TableQuery::normalized`]).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct TableQuery {
    /// Searched in names, organisation and e-mail address.
    pub q: String,
    pub status: String,
    pub org_type: String,
    pub sector: String,
    /// A topic code the person offers.
    pub offers: String,
    /// A topic code the person needs.
    pub needs: String,
    /// `name`, `organisation`, `registered` or `status`.
    pub sort: String,
    /// `desc` for descending; anything else ascends.
    pub dir: String,
    /// 1-based.
    pub page: i64,
}

/// The sort orders the table offers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SortBy {
    Name,
    Organisation,
    Registered,
    Status,
}

impl SortBy {
    pub const ALL: [SortBy; 4] = [
        SortBy::Name,
        SortBy::Organisation,
        SortBy::Registered,
        SortBy::Status,
    ];
    pub fn code(self) -> &'static str {
        match self {
            SortBy::Name => "name",
            SortBy::Organisation => "organisation",
            SortBy::Registered => "registered",
            SortBy::Status => "status",
        }
    }
    pub fn parse(s: &str) -> SortBy {
        SortBy::ALL
            .into_iter()
            .find(|b| b.code() == s)
            .unwrap_or(SortBy::Name)
    }
}

impl TableQuery {
    /// The query with values that are not on offer dropped (`topics`: the event's menu),
    /// the search trimmed and the page at least 1.
    pub fn normalized(&self, topics: &[String]) -> TableQuery {
        let keep = |v: &str, ok: bool| if ok { v.to_string() } else { String::new() };
        TableQuery {
            q: self.q.trim().chars().take(100).collect(),
            status: keep(&self.status, Status::parse(&self.status).is_some()),
            org_type: keep(
                &self.org_type,
                super::OrgType::parse(&self.org_type).is_ok(),
            ),
            sector: keep(&self.sector, super::Sector::parse(&self.sector).is_ok()),
            offers: keep(&self.offers, topics.contains(&self.offers)),
            needs: keep(&self.needs, topics.contains(&self.needs)),
            sort: SortBy::parse(&self.sort).code().to_string(),
            dir: if self.dir == "desc" {
                "desc".into()
            } else {
                String::new()
            },
            page: self.page.max(1),
        }
    }

    pub fn sort_by(&self) -> SortBy {
        SortBy::parse(&self.sort)
    }

    pub fn descending(&self) -> bool {
        self.dir == "desc"
    }

    /// The query string (without `?`) for this query, empty fields left out.
    pub fn to_query_string(&self) -> String {
        let page = if self.page > 1 {
            self.page.to_string()
        } else {
            String::new()
        };
        [
            ("q", self.q.as_str()),
            ("status", &self.status),
            ("org_type", &self.org_type),
            ("sector", &self.sector),
            ("offers", &self.offers),
            ("needs", &self.needs),
            ("sort", &self.sort),
            ("dir", &self.dir),
            ("page", &page),
        ]
        .iter()
        .filter(|(_, v)| !v.is_empty())
        .map(|(k, v)| format!("{k}={}", encode(v)))
        .collect::<Vec<_>>()
        .join("&")
    }
}

/// Percent-encodes a query-string value (unreserved characters stay).
fn encode(v: &str) -> String {
    v.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// One registration in the table.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TableRow {
    pub id: i64,
    pub first_name: String,
    pub last_name: String,
    pub email: String,
    pub organisation: String,
    pub org_type: String,
    pub sector: String,
    pub phone: Option<String>,
    pub offers: Vec<String>,
    pub needs: Vec<String>,
    pub status: Status,
    pub registered_at: DateTime<Utc>,
    /// Agreed to share their contact details with their tablemates after the event.
    #[serde(default)]
    pub share_contact: bool,
}

/// Registrations of one event per status (all of them, not only the filtered ones).
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct StatusCounts {
    pub confirmed: i64,
    pub waitlisted: i64,
    pub cancelled: i64,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalizing_drops_what_is_not_on_offer() {
        let q = TableQuery {
            q: "  Jan ".into(),
            status: "bogus".into(),
            org_type: "company".into(),
            sector: "zorg".into(),
            offers: "personeel".into(),
            needs: "x'; DROP".into(),
            sort: "evil".into(),
            dir: "up".into(),
            page: -3,
        }
        .normalized(&["personeel".into()]);
        assert_eq!(q.q, "Jan");
        assert_eq!(q.status, "");
        assert_eq!(q.org_type, "company");
        assert_eq!(q.needs, "");
        assert_eq!(q.sort, "name");
        assert_eq!(q.dir, "");
        assert_eq!(q.page, 1);
        assert_eq!(
            q.to_query_string(),
            "q=Jan&org_type=company&sector=zorg&offers=personeel&sort=name"
        );
    }
}
