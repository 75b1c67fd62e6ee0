//! Walk-ins (issue 10): someone who turns up without a registration is registered at the
//! desk with the attendee's rules, confirmed even when the event is full (the coordinator
//! is told), checked in at once, and mailed the normal confirmation through the outbox.

use super::admit::{SeatRule, Seats};
use super::service::{db_err, Registrations};
use super::RegistrationForm;
use crate::domain::{Field, FieldErrors};
use crate::error::AppError;
use crate::i18n::{Lang, T};
use crate::store::{events, registrations};
use chrono::Utc;

/// What registering a walk-in did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WalkedIn {
    pub id: i64,
    /// First and last name, to find them at the desk.
    pub name: String,
    /// The event had no free seat: the walk-in is confirmed beyond its capacity.
    pub over_capacity: bool,
}

impl Registrations {
    /// Registers a walk-in for event `slug` (the registration window does not apply: this
    /// is the day itself). Field errors, and an address that already has a registration,
    /// come back as [`AppError::RegistrationInvalid`].
    pub async fn walk_in(
        &self,
        slug: &str,
        form: &RegistrationForm,
        lang: Lang,
    ) -> Result<WalkedIn, AppError> {
        let now = Utc::now();
        let event = events::by_slug(&self.db, slug)
            .await
            .map_err(db_err)?
            .ok_or(AppError::NotFound)?;
        let valid = form
            .validate(&event.view.offer(), lang)
            .map_err(AppError::RegistrationInvalid)?;
        let mut tx = self.db.begin_write().await.map_err(db_err)?;
        // Capacity is read under the lock that counts the seats.
        let event = events::lock(&mut tx, event.id).await.map_err(db_err)?;
        let known =
            registrations::find_active_by_email(&mut tx, event.id, &valid.email.normalized())
                .await
                .map_err(db_err)?;
        if known.is_some() {
            return Err(AppError::RegistrationInvalid(FieldErrors(vec![(
                Field::Email,
                T::WalkInErrKnown,
            )])));
        }
        let mut seats = Seats::of(&event.view);
        let admitted = self
            .admit(&mut tx, &event, &mut seats, &valid, SeatRule::WalkIn, now)
            .await?;
        tx.commit().await.map_err(db_err)?;
        self.outbox.wake();
        Ok(WalkedIn {
            id: admitted.id,
            name: format!("{} {}", valid.first_name.as_str(), valid.last_name.as_str()),
            over_capacity: admitted.place.over_capacity,
        })
    }
}
