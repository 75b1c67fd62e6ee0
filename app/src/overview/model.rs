//! What the overview screens show: [`EventOverview`] (counts of one event, including the
//! anonymous counts kept after a purge) and [`MailStatus`] (outbox counts and the mails
//! that failed for good). Plain data, built on the server, rendered by the pages.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// One bar: a bucket (organisation type or sector code, or a `YYYY-MM-DD` day) and its count.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Bucket {
    pub code: String,
    pub count: i64,
}

/// One event's registrations, counted.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventOverview {
    pub slug: String,
    pub title: String,
    pub capacity: i64,
    pub confirmed: i64,
    pub waitlisted: i64,
    pub cancelled: i64,
    /// Registrations made per day (Brussels time, any status now), oldest day first, with
    /// the days in between that had none.
    pub per_day: Vec<Bucket>,
    /// Confirmed and wait-listed registrations per organisation type, largest first.
    pub per_org_type: Vec<Bucket>,
    /// Confirmed and wait-listed registrations per sector, largest first.
    pub per_sector: Vec<Bucket>,
}

impl EventOverview {
    /// Every registration ever made (cancelled ones included).
    pub fn total(&self) -> i64 {
        self.confirmed + self.waitlisted + self.cancelled
    }

    pub fn seats_left(&self) -> i64 {
        (self.capacity - self.confirmed).max(0)
    }

    /// The running total per day (registrations over time).
    pub fn cumulative(&self) -> Vec<Bucket> {
        let mut sum = 0;
        self.per_day
            .iter()
            .map(|b| {
                sum += b.count;
                Bucket {
                    code: b.code.clone(),
                    count: sum,
                }
            })
            .collect()
    }
}

/// A mail the worker gave up on.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FailedMail {
    pub id: i64,
    pub kind: String,
    pub recipient: String,
    pub subject: String,
    pub attempts: i64,
    /// The last SMTP answer or error (manage links redacted).
    pub reason: String,
    pub created_at: DateTime<Utc>,
    pub failed_at: DateTime<Utc>,
}

/// The outbox at a glance.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MailStatus {
    pub pending: i64,
    pub sent: i64,
    pub failed: i64,
    /// The most recent failures (at most [`MailStatus::LIST_MAX`]).
    pub failures: Vec<FailedMail>,
}

impl MailStatus {
    /// Most failed mails listed at once.
    pub const LIST_MAX: i64 = 200;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cumulative_adds_up_and_seats_never_go_negative() {
        let b = |d: &str, n| Bucket {
            code: d.into(),
            count: n,
        };
        let o = EventOverview {
            slug: "x".into(),
            title: "X".into(),
            capacity: 2,
            confirmed: 3,
            waitlisted: 1,
            cancelled: 1,
            per_day: vec![b("2026-01-01", 2), b("2026-01-02", 0), b("2026-01-03", 3)],
            per_org_type: vec![],
            per_sector: vec![],
        };
        assert_eq!(
            o.cumulative().iter().map(|b| b.count).collect::<Vec<_>>(),
            [2, 2, 5]
        );
        assert_eq!(o.total(), 5);
        assert_eq!(o.seats_left(), 0);
    }
}
