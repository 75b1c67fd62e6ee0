//! The privacy service (server only): erasure of one registration on request (its seat goes
//! to the wait list through the registration service's promotion), the JSON export of one
//! person's data, the purge of past events' personal data into anonymous counts (also the
//! follow-up's, see `followup::service::keep_counts_tx`), and those counts for the
//! coordinator's overview. Each change is one transaction, logged in `purge_log`.

use super::model::{
    dimension, redact_links, CountEntry, Erasure, EventCounts, EventPurge, ExportedEvent,
    ExportedMail, ExportedRegistration, PersonalData, PurgeLogEntry, EXPORT_FORMAT,
};
use crate::error::AppError;
use crate::registration::service::Registrations;
use crate::state::AppState;
use crate::store::privacy::{self as store, Removed, StatRow, TallyRow};
use crate::store::{events, from_json_list, Db, StoreError};
use axum::extract::FromRef;
use chrono::{DateTime, Duration, Utc};
use chrono_tz::Europe::Brussels;
use std::collections::BTreeMap;

#[derive(Debug, thiserror::Error)]
pub enum PrivacyError {
    #[error("no such registration")]
    NotFound,
    #[error("{0}")]
    Store(#[from] StoreError),
    /// Giving the freed seat to the wait list failed (the erasure was rolled back).
    #[error("promotion from the wait list failed: {0}")]
    Promotion(AppError),
}

impl From<PrivacyError> for AppError {
    fn from(e: PrivacyError) -> AppError {
        match e {
            PrivacyError::NotFound => AppError::NotFound,
            other => {
                tracing::error!("privacy: {other}");
                AppError::Internal
            }
        }
    }
}

/// What the service needs: the registration service (its database, time rules and mail
/// context, for promotions) and how long after an event its personal data is kept.
#[derive(Clone)]
pub struct Privacy {
    registrations: Registrations,
    purge_after: Duration,
}

impl FromRef<AppState> for Privacy {
    fn from_ref(s: &AppState) -> Privacy {
        Privacy::new(
            Registrations::from_ref(s),
            s.config.privacy_purge_days_after_event,
        )
    }
}

impl AppState {
    /// The privacy service (erasure, export, purge).
    pub fn privacy(&self) -> Privacy {
        Privacy::from_ref(self)
    }
}

impl Privacy {
    pub fn new(registrations: Registrations, purge_days_after_event: i64) -> Privacy {
        Privacy {
            registrations,
            purge_after: Duration::days(purge_days_after_event),
        }
    }

    fn db(&self) -> &Db {
        &self.registrations.db
    }

    /// Deletes one registration, its links and its mails in one transaction, and logs it.
    /// A confirmed seat freed while changes are open goes to the first on the wait list,
    /// exactly as after a cancellation (same rules, same mail).
    pub async fn erase(&self, registration_id: i64) -> Result<Erasure, PrivacyError> {
        let now = Utc::now();
        let person = store::person(self.db(), registration_id)
            .await?
            .ok_or(PrivacyError::NotFound)?;
        let mut tx = self.db().begin_write().await?;
        let event = events::lock(&mut tx, person.event_id).await?;
        // Re-read under the lock: its status may have changed (or it was erased meanwhile).
        let person = store::person_tx(&mut tx, registration_id)
            .await?
            .ok_or(PrivacyError::NotFound)?;
        let removed = store::delete_person(&mut tx, registration_id).await?;
        let promoted = if person.status == crate::domain::Status::Confirmed.code() {
            self.registrations
                .promote(&mut tx, &event, now)
                .await
                .map_err(PrivacyError::Promotion)?
        } else {
            false
        };
        store::log(&mut tx, event.id, "person", removed, now).await?;
        tx.commit().await?;
        if promoted {
            self.registrations.outbox.wake();
        }
        tracing::info!(
            registration = registration_id,
            event_id = event.id,
            mails = removed.mails,
            links = removed.links,
            promoted,
            "personal data erased on request"
        );
        Ok(Erasure {
            registration_id,
            event_id: event.id,
            mails_deleted: removed.mails,
            links_deleted: removed.links,
            promoted,
        })
    }

    /// Everything stored about one registration, manage links redacted.
    pub async fn export(&self, registration_id: i64) -> Result<PersonalData, PrivacyError> {
        let p = store::person(self.db(), registration_id)
            .await?
            .ok_or(PrivacyError::NotFound)?;
        let event = events::by_id(self.db(), p.event_id)
            .await?
            .ok_or(PrivacyError::NotFound)?;
        let links_created_at = store::links_of(self.db(), registration_id).await?;
        let followup_answers =
            crate::store::followup::answers_of(self.db(), registration_id).await?;
        let mails = store::mails_of(self.db(), registration_id)
            .await?
            .into_iter()
            .map(|m| ExportedMail {
                kind: m.kind,
                recipient: m.recipient,
                subject: m.subject,
                status: m.status,
                attempts: m.attempts,
                created_at: m.created_at,
                sent_at: m.sent_at,
                last_error: m.last_error.as_deref().map(redact_links),
                has_calendar: m.has_ics,
                body_text: redact_links(&m.body_text),
            })
            .collect();
        Ok(PersonalData {
            format: EXPORT_FORMAT.into(),
            exported_at: Utc::now(),
            event: ExportedEvent {
                slug: event.view.slug,
                title: event.view.title,
                starts_at: event.view.starts_at,
                ends_at: event.view.ends_at,
            },
            registration: ExportedRegistration {
                id: p.id,
                offers: from_json_list(&p.offers)?,
                needs: from_json_list(&p.needs)?,
                first_name: p.first_name,
                last_name: p.last_name,
                email: p.email,
                organisation: p.organisation,
                org_type: p.org_type,
                sector: p.sector,
                phone: p.phone,
                lang: p.lang,
                status: p.status,
                email_confirmed_at: p.email_confirmed_at,
                created_at: p.created_at,
                updated_at: p.updated_at,
                cancelled_at: p.cancelled_at,
                link_sent_at: p.link_sent_at,
                share_contact: p.share_contact,
                followup_answers,
            },
            links_created_at,
            mails,
        })
    }

    /// The moment before which an event must have ended for its data to be purged at `now`.
    pub fn purge_limit(&self, now: DateTime<Utc>) -> DateTime<Utc> {
        now - self.purge_after
    }

    /// Purges every event that ended more than the configured days before `now` and still
    /// holds personal data: counts are added to `event_stats`, then its registrations, their
    /// links and mails are deleted, one transaction per event, each logged. A dry run only
    /// reports what would go. Running it again changes nothing. An event that fails is rolled
    /// back and logged, the others are still purged, and the first error is returned.
    pub async fn purge(
        &self,
        now: DateTime<Utc>,
        dry_run: bool,
    ) -> Result<Vec<EventPurge>, PrivacyError> {
        let limit = self.purge_limit(now);
        let mut done = Vec::new();
        let mut failed = None;
        for e in store::due_events(self.db(), limit).await? {
            let removed = if dry_run {
                store::event_rows_count(self.db(), e.id).await
            } else {
                self.purge_event(e.id, limit, now).await
            };
            // One failing event (rolled back) does not keep the others' data longer.
            let removed = match removed {
                Ok(r) => r,
                Err(err) => {
                    tracing::error!(event_id = e.id, "privacy purge of this event failed: {err}");
                    failed.get_or_insert(err);
                    continue;
                }
            };
            if removed.registrations == 0 && removed.speakers == 0 {
                continue; // purged by another instance meanwhile, or the event moved
            }
            if !dry_run {
                tracing::info!(
                    event_id = e.id,
                    registrations = removed.registrations,
                    mails = removed.mails,
                    links = removed.links,
                    speakers = removed.speakers,
                    "personal data of a past event purged"
                );
            }
            done.push(EventPurge {
                event_id: e.id,
                slug: e.slug,
                ends_at: e.ends_at,
                registrations: removed.registrations,
                mails: removed.mails,
                links: removed.links,
                speakers: removed.speakers,
            });
        }
        match failed {
            Some(err) => Err(err.into()),
            None => Ok(done),
        }
    }

    /// [`Privacy::purge`] at the current time; also returns the limit it used (events that
    /// ended before it were due).
    pub async fn purge_now(
        &self,
        dry_run: bool,
    ) -> Result<(DateTime<Utc>, Vec<EventPurge>), PrivacyError> {
        let now = Utc::now();
        Ok((self.purge_limit(now), self.purge(now, dry_run).await?))
    }

    async fn purge_event(
        &self,
        event_id: i64,
        limit: DateTime<Utc>,
        now: DateTime<Utc>,
    ) -> Result<Removed, StoreError> {
        let mut tx = self.db().begin_write().await?;
        let event = events::lock(&mut tx, event_id).await?;
        if event.view.ends_at >= limit {
            return Ok(Removed::default());
        }
        let rows = store::tally_rows_tx(&mut tx, event_id).await?;
        let mut removed = Removed::default();
        if !rows.is_empty() {
            store::add_stats(&mut tx, event_id, &tally(&rows)).await?;
            crate::followup::service::keep_counts_tx(&mut tx, event_id, &event.view.topics, now)
                .await?;
            removed = store::delete_event_people(&mut tx, event_id).await?;
        }
        let speakers = store::strip_speakers(&mut tx, event_id).await?;
        if removed.registrations == 0 && speakers.speakers == 0 {
            return Ok(Removed::default());
        }
        removed.mails += speakers.mails;
        removed.links += speakers.links;
        removed.speakers = speakers.speakers;
        store::log(&mut tx, event_id, "event", removed, now).await?;
        tx.commit().await?;
        Ok(removed)
    }

    /// An event's anonymous counts (per status, organisation type, sector and day of
    /// registering): the live registrations plus what purges kept, so the same before and
    /// after the purge.
    pub async fn event_counts(&self, event_id: i64) -> Result<EventCounts, PrivacyError> {
        let mut all: BTreeMap<(String, String, String), i64> = BTreeMap::new();
        let live = tally(&store::tally_rows(self.db(), event_id).await?);
        for s in live
            .into_iter()
            .chain(store::stats(self.db(), event_id).await?)
        {
            *all.entry((s.status, s.dimension, s.bucket)).or_default() += s.count;
        }
        Ok(EventCounts {
            entries: all
                .into_iter()
                .map(|((status, dimension, bucket), count)| CountEntry {
                    status,
                    dimension,
                    bucket,
                    count,
                })
                .collect(),
        })
    }

    /// The purges and erasures of one event, oldest first.
    pub async fn purge_log(&self, event_id: i64) -> Result<Vec<PurgeLogEntry>, PrivacyError> {
        Ok(store::log_of(self.db(), event_id)
            .await?
            .into_iter()
            .map(|r| PurgeLogEntry {
                event_id: r.event_id,
                kind: r.kind,
                registrations: r.registrations,
                mails: r.mails,
                links: r.links,
                purged_at: r.purged_at,
            })
            .collect())
    }
}

/// Counts registrations per status and, within each, per organisation type, sector and day
/// of registering (Brussels time).
fn tally(rows: &[TallyRow]) -> Vec<StatRow> {
    let mut counts: BTreeMap<(&str, &str, String), i64> = BTreeMap::new();
    for r in rows {
        let day = r
            .created_at
            .with_timezone(&Brussels)
            .format("%Y-%m-%d")
            .to_string();
        for (dim, bucket) in [
            (dimension::ORG_TYPE, r.org_type.clone()),
            (dimension::SECTOR, r.sector.clone()),
            (dimension::DAY, day),
        ] {
            *counts.entry((&r.status, dim, bucket)).or_default() += 1;
        }
    }
    counts
        .into_iter()
        .map(|((status, dimension, bucket), count)| StatRow {
            status: status.into(),
            dimension: dimension.into(),
            bucket,
            count,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn every_registration_counts_once_per_dimension_on_its_brussels_day() {
        let row = |status: &str, sector: &str, h: u32| TallyRow {
            status: status.into(),
            org_type: "company".into(),
            sector: sector.into(),
            created_at: Utc.with_ymd_and_hms(2026, 3, 1, h, 30, 0).unwrap(),
        };
        // 23:30 UTC on 1 March is 00:30 on 2 March in Brussels.
        let stats = tally(&[
            row("confirmed", "zorg", 10),
            row("confirmed", "bouw", 23),
            row("cancelled", "zorg", 10),
        ]);
        let c = EventCounts {
            entries: stats
                .into_iter()
                .map(|s| CountEntry {
                    status: s.status,
                    dimension: s.dimension,
                    bucket: s.bucket,
                    count: s.count,
                })
                .collect(),
        };
        assert_eq!(c.total(), 3);
        assert_eq!(c.per("org_type", &["confirmed"])["company"], 2);
        assert_eq!(c.per("sector", &[])["zorg"], 2);
        assert_eq!(c.per("day", &[])["2026-03-01"], 2);
        assert_eq!(c.per("day", &[])["2026-03-02"], 1);
    }
}
