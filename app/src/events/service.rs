//! The coordinator's event service: creates and edits events (a capacity below the seats
//! already confirmed is refused, checked under the lock registrations count seats with),
//! publishes and unpublishes, and duplicates an event a year later.

use super::model::{slugify, unique, EventEdit, EventErrors, EventField, EventForm};
use crate::error::AppError;
use crate::event::EventView;
use crate::i18n::T;
use crate::store::{events, Db, StoreError};
use chrono::{DateTime, Datelike, Months, TimeZone, Utc};
use chrono_tz::Europe::Brussels;

/// What can go wrong in the event service.
#[derive(Debug, thiserror::Error)]
pub enum EventsError {
    #[error("invalid event: {0:?}")]
    Invalid(EventErrors),
    #[error("no such event")]
    NotFound,
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl From<EventsError> for AppError {
    fn from(e: EventsError) -> AppError {
        match e {
            EventsError::Invalid(errors) => AppError::EventInvalid(errors),
            EventsError::NotFound => AppError::NotFound,
            EventsError::Store(e) => {
                tracing::error!("events store: {e}");
                AppError::Internal
            }
        }
    }
}

fn invalid(field: EventField, t: T) -> EventsError {
    let mut e = EventErrors::default();
    e.push(field, t);
    EventsError::Invalid(e)
}

/// The same Brussels wall-clock time `months` later (DST-correct).
fn shift(at: DateTime<Utc>, months: u32) -> DateTime<Utc> {
    let local = at.with_timezone(&Brussels).naive_local();
    local
        .checked_add_months(Months::new(months))
        .and_then(|n| Brussels.from_local_datetime(&n).earliest())
        .map(|t| t.with_timezone(&Utc))
        .unwrap_or(at + chrono::Duration::days(365))
}

pub struct Events {
    db: Db,
}

impl Events {
    pub fn new(db: Db) -> Events {
        Events { db }
    }

    async fn find(&self, slug: &str) -> Result<events::StoredEvent, EventsError> {
        events::by_slug(&self.db, slug)
            .await?
            .ok_or(EventsError::NotFound)
    }

    /// Every event, published or not, newest first.
    pub async fn list(&self) -> Result<Vec<EventView>, EventsError> {
        Ok(events::all(&self.db)
            .await?
            .into_iter()
            .map(|e| e.view)
            .collect())
    }

    /// The event `slug` as the edit form shows it.
    pub async fn edit_view(&self, slug: &str) -> Result<EventEdit, EventsError> {
        let e = self.find(slug).await?;
        let registrations = events::active_registrations(&self.db, e.id).await?;
        Ok(EventEdit {
            slug: e.view.slug.clone(),
            form: EventForm::from_view(&e.view),
            published: e.view.published,
            confirmed: e.view.confirmed,
            registrations,
        })
    }

    /// The slug to store: the typed one must be free; one made from the title is made
    /// free (`-2`, `-3` …).
    async fn free_slug(
        &self,
        form: &EventForm,
        wanted: &str,
        except: Option<i64>,
    ) -> Result<String, EventsError> {
        if !form.slug.trim().is_empty() {
            if events::slug_taken(&self.db, wanted, except).await? {
                return Err(invalid(EventField::Slug, T::CoordEventsErrSlugTaken));
            }
            return Ok(wanted.to_string());
        }
        let taken = events::slugs(&self.db, except).await?;
        Ok(unique(wanted, |s| taken.iter().any(|t| t == s)))
    }

    /// Creates an unpublished event; returns its slug.
    pub async fn create(&self, form: &EventForm) -> Result<String, EventsError> {
        let mut view = form.validate(&[]).map_err(EventsError::Invalid)?.0;
        view.slug = self.free_slug(form, &view.slug, None).await?;
        view.published = false;
        events::insert(&self.db, &view, Utc::now()).await?;
        tracing::info!(event = %view.slug, "event created");
        Ok(view.slug)
    }

    /// Saves the form over event `slug`; returns the (possibly new) slug. A capacity
    /// below the seats already confirmed is refused: it is compared under the event's
    /// lock, so no registration slips in between.
    pub async fn update(&self, slug: &str, form: &EventForm) -> Result<String, EventsError> {
        let current = self.find(slug).await?;
        let mut view = form
            .validate(&current.view.topics)
            .map_err(EventsError::Invalid)?
            .0;
        view.slug = self.free_slug(form, &view.slug, Some(current.id)).await?;
        let mut tx = self.db.begin_write().await?;
        let locked = events::lock(&mut tx, current.id).await?;
        if view.capacity < locked.view.confirmed {
            return Err(invalid(
                EventField::Capacity,
                T::CoordEventsErrCapacityBelowConfirmed,
            ));
        }
        events::update_tx(&mut tx, current.id, &view).await?;
        tx.commit().await?;
        tracing::info!(event = %view.slug, "event saved");
        Ok(view.slug)
    }

    /// Shows (`true`) or hides the event from attendees.
    pub async fn set_published(&self, slug: &str, published: bool) -> Result<(), EventsError> {
        let e = self.find(slug).await?;
        events::set_published(&self.db, e.id, published).await?;
        tracing::info!(event = slug, published, "event visibility changed");
        Ok(())
    }

    /// Copies event `slug` a year later (same Brussels times), without its
    /// registrations, under a new slug, unpublished. Returns the new slug.
    pub async fn duplicate(&self, slug: &str) -> Result<String, EventsError> {
        let mut view = self.find(slug).await?.view;
        view.starts_at = shift(view.starts_at, 12);
        view.ends_at = shift(view.ends_at, 12);
        view.registration_opens_at = shift(view.registration_opens_at, 12);
        view.registration_closes_at = shift(view.registration_closes_at, 12);
        let year = view.starts_at.with_timezone(&Brussels).year();
        let stem = match view.slug.rsplit_once('-') {
            Some((stem, y)) if y.len() == 4 && y.bytes().all(|b| b.is_ascii_digit()) => {
                stem.to_string()
            }
            _ => view.slug.clone(),
        };
        let base = slugify(&format!("{stem}-{year}"));
        let taken = events::slugs(&self.db, None).await?;
        view.slug = unique(&base, |s| taken.iter().any(|t| t == s));
        view.published = false;
        view.confirmed = 0;
        events::insert(&self.db, &view, Utc::now()).await?;
        tracing::info!(from = slug, to = %view.slug, "event duplicated");
        Ok(view.slug)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_year_later_keeps_the_brussels_time() {
        // 14:00 in Brussels, summer time in both years (UTC+2)
        let at = Utc.with_ymd_and_hms(2026, 4, 2, 12, 0, 0).unwrap();
        assert_eq!(shift(at, 12).to_rfc3339(), "2027-04-02T12:00:00+00:00");
        // 14:00 on 27 March 2026 is winter time (UTC+1); 27 March 2027 too
        let at = Utc.with_ymd_and_hms(2026, 3, 27, 13, 0, 0).unwrap();
        assert_eq!(shift(at, 12).to_rfc3339(), "2027-03-27T13:00:00+00:00");
        // 14:00 on 29 March 2026 is summer time (DST began that night); 29 March 2027
        // is summer time as well (DST begins 28 March 2027)
        let at = Utc.with_ymd_and_hms(2026, 3, 29, 12, 0, 0).unwrap();
        assert_eq!(shift(at, 12).to_rfc3339(), "2027-03-29T12:00:00+00:00");
        // 14:00 on 26 October 2026 is winter time (DST ended the 25th); 26 October
        // 2027 is still summer time (DST ends the 31st): the same 14:00 is 12:00 UTC
        let at = Utc.with_ymd_and_hms(2026, 10, 26, 13, 0, 0).unwrap();
        assert_eq!(shift(at, 12).to_rfc3339(), "2027-10-26T12:00:00+00:00");
    }
}
