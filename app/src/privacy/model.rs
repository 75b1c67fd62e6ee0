//! What the privacy services hand out: one person's data export ([`PersonalData`], stable
//! field names, JSON), the result of an erasure or a purge, and an event's anonymous counts
//! ([`EventCounts`]), which read the same before and after the purge.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The `format` of a [`PersonalData`] export.
pub const EXPORT_FORMAT: &str = "tafelronde-personal-data/v1";

/// Everything stored about one registration. Manage links are never included: their
/// tokens are redacted in mail texts, and links are listed only by creation time.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PersonalData {
    pub format: String,
    pub exported_at: DateTime<Utc>,
    pub event: ExportedEvent,
    pub registration: ExportedRegistration,
    /// When each live personal link was made (the link itself is not exported).
    pub links_created_at: Vec<DateTime<Utc>>,
    pub mails: Vec<ExportedMail>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ExportedEvent {
    pub slug: String,
    pub title: String,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ExportedRegistration {
    pub id: i64,
    pub first_name: String,
    pub last_name: String,
    pub email: String,
    pub organisation: String,
    pub org_type: String,
    pub sector: String,
    pub phone: Option<String>,
    /// Topic codes the person offers and looks for.
    pub offers: Vec<String>,
    pub needs: Vec<String>,
    pub lang: String,
    /// `confirmed`, `waitlisted` or `cancelled`.
    pub status: String,
    pub email_confirmed_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub cancelled_at: Option<DateTime<Utc>>,
    pub link_sent_at: Option<DateTime<Utc>>,
    /// Agreed to share name, organisation and address with their tablemates afterwards.
    #[serde(default)]
    pub share_contact: bool,
    /// Answers to the follow-up (topic code, `yes` / `partly` / `no`).
    #[serde(default)]
    pub followup_answers: Vec<(String, String)>,
}

/// A mail queued for the person, with its text; manage links read `/m/[redacted]`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ExportedMail {
    pub kind: String,
    pub recipient: String,
    pub subject: String,
    /// `pending`, `sent` or `failed`.
    pub status: String,
    pub attempts: i64,
    pub created_at: DateTime<Utc>,
    pub sent_at: Option<DateTime<Utc>>,
    pub last_error: Option<String>,
    pub has_calendar: bool,
    pub body_text: String,
}

/// What an erasure on request removed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Erasure {
    pub registration_id: i64,
    pub event_id: i64,
    pub mails_deleted: i64,
    pub links_deleted: i64,
    /// Whether the freed seat went to the first on the wait list (who is mailed).
    pub promoted: bool,
}

/// One event's purge: what was (or, in a dry run, would be) removed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventPurge {
    pub event_id: i64,
    pub slug: String,
    pub ends_at: DateTime<Utc>,
    pub registrations: i64,
    pub mails: i64,
    pub links: i64,
    /// Speakers whose contact address, link and photo went (their public profile stays).
    pub speakers: i64,
}

/// A row of the purge log.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PurgeLogEntry {
    pub event_id: i64,
    /// `event` (automatic purge) or `person` (erasure on request).
    pub kind: String,
    pub registrations: i64,
    pub mails: i64,
    pub links: i64,
    pub purged_at: DateTime<Utc>,
}

/// The dimensions an event's registrations are counted by.
pub mod dimension {
    pub const ORG_TYPE: &str = "org_type";
    pub const SECTOR: &str = "sector";
    /// The day of registering, `YYYY-MM-DD` in Brussels time.
    pub const DAY: &str = "day";
    /// Every dimension; a registration counts once in each.
    pub const ALL: [&str; 3] = [ORG_TYPE, SECTOR, DAY];
}

/// One count: registrations with `status` whose `dimension` is `bucket`.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct CountEntry {
    pub status: String,
    pub dimension: String,
    pub bucket: String,
    pub count: i64,
}

/// An event's anonymous counts: live registrations plus what earlier purges kept.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventCounts {
    pub entries: Vec<CountEntry>,
}

impl EventCounts {
    /// Registrations per status (each registration counts once).
    pub fn per_status(&self) -> BTreeMap<String, i64> {
        let mut out = BTreeMap::new();
        for e in self
            .entries
            .iter()
            .filter(|e| e.dimension == dimension::DAY)
        {
            *out.entry(e.status.clone()).or_default() += e.count;
        }
        out
    }

    /// Registrations per bucket of `dimension`, counting only the given statuses (all
    /// statuses when `statuses` is empty).
    pub fn per(&self, dimension: &str, statuses: &[&str]) -> BTreeMap<String, i64> {
        let mut out = BTreeMap::new();
        for e in self.entries.iter().filter(|e| {
            e.dimension == dimension
                && (statuses.is_empty() || statuses.contains(&e.status.as_str()))
        }) {
            *out.entry(e.bucket.clone()).or_default() += e.count;
        }
        out
    }

    /// All registrations counted.
    pub fn total(&self) -> i64 {
        self.per_status().values().sum()
    }
}

pub use crate::domain::LINK_PLACEHOLDER;

/// Replaces the token of every manage link and follow-up answer link (`/m/` or `/f/` and
/// 64 hex digits), and a stored mail's link placeholder, by `[redacted]`.
pub fn redact_links(text: &str) -> String {
    redact_prefix(&redact_prefix(text, "/m/"), "/f/").replace(LINK_PLACEHOLDER, "[redacted]")
}

fn redact_prefix(text: &str, prefix: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find(prefix) {
        let after = &rest[at + 3..];
        let hex = after.bytes().take_while(|b| b.is_ascii_hexdigit()).count();
        out.push_str(&rest[..at + 3]);
        if hex >= 64 {
            out.push_str("[redacted]");
            rest = &after[hex..];
        } else {
            rest = after;
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn manage_links_are_redacted_and_other_text_kept() {
        let token = "ab".repeat(32);
        let text = format!("Hoi,\nhttps://x.be/m/{token}\nzie /m/kort en https://x.be/m/{token}.");
        assert_eq!(
            redact_links(&format!("https://x.be/f/{token}?")),
            "https://x.be/f/[redacted]?"
        );
        let r = redact_links(&text);
        assert!(!r.contains(&token), "{r}");
        assert_eq!(
            r,
            "Hoi,\nhttps://x.be/m/[redacted]\nzie /m/kort en https://x.be/m/[redacted]."
        );
        assert_eq!(
            redact_links(&format!("https://x.be/m/{LINK_PLACEHOLDER} ok")),
            "https://x.be/m/[redacted] ok"
        );
    }

    #[test]
    fn counts_add_up_per_status_and_dimension() {
        let e = |s: &str, d: &str, b: &str, n| CountEntry {
            status: s.into(),
            dimension: d.into(),
            bucket: b.into(),
            count: n,
        };
        let c = EventCounts {
            entries: vec![
                e("confirmed", "day", "2026-01-01", 2),
                e("cancelled", "day", "2026-01-02", 1),
                e("confirmed", "sector", "zorg", 2),
                e("cancelled", "sector", "zorg", 1),
            ],
        };
        assert_eq!(c.total(), 3);
        assert_eq!(c.per_status()["confirmed"], 2);
        assert_eq!(c.per("sector", &[])["zorg"], 3);
        assert_eq!(c.per("sector", &["confirmed"])["zorg"], 2);
    }
}
