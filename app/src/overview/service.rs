//! The overview service (server only): builds an event's [`EventOverview`] from the privacy
//! service's counts (live registrations plus what purges kept, so a purged event still has
//! its numbers), and reads and retries the outbox's failed mails for the mail status.

use super::model::{Bucket, EventOverview, FailedMail, MailStatus};
use crate::domain::{OrgType, Sector, Status};
use crate::error::AppError;
use crate::kernel::outbox::Outbox;
use crate::privacy::model::{dimension, redact_links};
use crate::privacy::service::{Privacy, PrivacyError};
use crate::state::AppState;
use crate::store::{events, outbox, Db, StoreError};
use axum::extract::FromRef;
use chrono::{NaiveDate, Utc};
use std::collections::BTreeMap;

#[derive(Debug, thiserror::Error)]
pub enum OverviewError {
    #[error("no such event")]
    NoEvent,
    #[error("{0}")]
    Store(#[from] StoreError),
    #[error("counts: {0}")]
    Counts(#[from] PrivacyError),
}

impl From<OverviewError> for AppError {
    fn from(e: OverviewError) -> AppError {
        match e {
            OverviewError::NoEvent => AppError::NotFound,
            OverviewError::Counts(p) => p.into(),
            other => {
                tracing::error!("overview: {other}");
                AppError::Internal
            }
        }
    }
}

/// What the service needs: the database, the privacy service (for the counts) and the
/// outbox (to wake the mail worker after a retry).
#[derive(Clone)]
pub struct Overview {
    db: Db,
    privacy: Privacy,
    outbox: Outbox,
}

impl FromRef<AppState> for Overview {
    fn from_ref(s: &AppState) -> Overview {
        Overview {
            db: s.db.clone(),
            privacy: Privacy::from_ref(s),
            outbox: Outbox::from_ref(s),
        }
    }
}

impl AppState {
    /// The coordinator's overview service (event counts, mail status).
    pub fn overview(&self) -> Overview {
        Overview::from_ref(self)
    }
}

impl Overview {
    /// The event with `slug`, counted.
    pub async fn event(&self, slug: &str) -> Result<EventOverview, OverviewError> {
        let event = events::by_slug(&self.db, slug)
            .await?
            .ok_or(OverviewError::NoEvent)?;
        let counts = self.privacy.event_counts(event.id).await?;
        let status = counts.per_status();
        let get = |s: Status| status.get(s.code()).copied().unwrap_or(0);
        let active = [Status::Confirmed.code(), Status::Waitlisted.code()];
        Ok(EventOverview {
            slug: event.view.slug,
            title: event.view.title,
            capacity: event.view.capacity,
            confirmed: get(Status::Confirmed),
            waitlisted: get(Status::Waitlisted),
            cancelled: get(Status::Cancelled),
            per_day: days_filled(counts.per(dimension::DAY, &[])),
            per_org_type: largest_first(
                counts.per(dimension::ORG_TYPE, &active),
                OrgType::ALL.iter().map(|t| t.code()),
            ),
            per_sector: largest_first(
                counts.per(dimension::SECTOR, &active),
                Sector::ALL.iter().map(|s| s.code()),
            ),
        })
    }

    /// Outbox counts per status and the most recent failures.
    pub async fn mail_status(&self) -> Result<MailStatus, OverviewError> {
        let (pending, sent, failed) = outbox::counts(&self.db).await?;
        let failures = outbox::failed(&self.db, MailStatus::LIST_MAX)
            .await?
            .into_iter()
            .map(|r| FailedMail {
                id: r.id,
                kind: r.kind,
                recipient: r.recipient,
                subject: r.subject,
                attempts: r.attempts,
                reason: redact_links(r.last_error.as_deref().unwrap_or("")),
                created_at: r.created_at,
                failed_at: r.failed_at,
            })
            .collect();
        Ok(MailStatus {
            pending,
            sent,
            failed,
            failures,
        })
    }

    /// Queues one failed mail again (pending, attempts reset, due now) and wakes the worker.
    /// `false` when it was not failed (any more): retrying twice, or two coordinators at
    /// once, changes nothing the second time.
    pub async fn retry(&self, id: i64, who: i64) -> Result<bool, OverviewError> {
        let queued = outbox::retry(&self.db, id, Utc::now()).await?;
        if queued {
            self.outbox.wake();
        }
        tracing::info!(
            mail = id,
            coordinator = who,
            queued,
            "failed mail queued again"
        );
        Ok(queued)
    }

    /// Queues every failed mail again; returns how many.
    pub async fn retry_all(&self, who: i64) -> Result<u64, OverviewError> {
        let n = outbox::retry_all(&self.db, Utc::now()).await?;
        if n > 0 {
            self.outbox.wake();
        }
        tracing::info!(
            mails = n,
            coordinator = who,
            "all failed mails queued again"
        );
        Ok(n)
    }
}

/// Every day from the first to the last with a count, the empty days as 0.
fn days_filled(per_day: BTreeMap<String, i64>) -> Vec<Bucket> {
    let parse = |d: &String| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok();
    let (Some(first), Some(last)) = (
        per_day.keys().next().and_then(parse),
        per_day.keys().next_back().and_then(parse),
    ) else {
        return per_day
            .into_iter()
            .map(|(code, count)| Bucket { code, count })
            .collect();
    };
    first
        .iter_days()
        .take_while(|d| *d <= last)
        .map(|d| {
            let code = d.format("%Y-%m-%d").to_string();
            let count = per_day.get(&code).copied().unwrap_or(0);
            Bucket { code, count }
        })
        .collect()
}

/// Buckets with a count, largest first; ties in the form's order, unknown codes last.
fn largest_first<'a>(
    counts: BTreeMap<String, i64>,
    order: impl Iterator<Item = &'a str>,
) -> Vec<Bucket> {
    let order: Vec<&str> = order.collect();
    let rank = |c: &str| order.iter().position(|o| *o == c).unwrap_or(order.len());
    let mut out: Vec<Bucket> = counts
        .into_iter()
        .filter(|(_, n)| *n > 0)
        .map(|(code, count)| Bucket { code, count })
        .collect();
    out.sort_by(|a, b| {
        b.count
            .cmp(&a.count)
            .then(rank(&a.code).cmp(&rank(&b.code)))
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_without_registrations_are_filled_in() {
        let m: BTreeMap<String, i64> = [("2026-02-27".into(), 2), ("2026-03-02".into(), 1)].into();
        let d = days_filled(m);
        let got: Vec<(&str, i64)> = d.iter().map(|b| (b.code.as_str(), b.count)).collect();
        assert_eq!(
            got,
            [
                ("2026-02-27", 2),
                ("2026-02-28", 0),
                ("2026-03-01", 0),
                ("2026-03-02", 1)
            ]
        );
        assert!(days_filled(BTreeMap::new()).is_empty());
    }

    #[test]
    fn largest_first_then_form_order() {
        let m: BTreeMap<String, i64> = [
            ("other".into(), 2),
            ("company".into(), 2),
            ("education".into(), 5),
            ("zzz".into(), 2),
        ]
        .into();
        let got: Vec<String> = largest_first(m, OrgType::ALL.iter().map(|t| t.code()))
            .into_iter()
            .map(|b| b.code)
            .collect();
        assert_eq!(got, ["education", "company", "other", "zzz"]);
    }
}
