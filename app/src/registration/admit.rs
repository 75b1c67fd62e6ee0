//! The one admission path for a person (server only): registering, a walk-in at the desk and
//! a CSV import all end here. Under the event's lock, the seat rule gives the status, the
//! registration is inserted with a fresh personal link (checked in at once for a walk-in)
//! and the mail with that link is queued in the same transaction.

use super::service::{db_err, new_token, LinkMail, Registrations};
use super::{Status, ValidRegistration};
use crate::error::AppError;
use crate::event::EventView;
use crate::mail::MailKind;
use crate::store::events::StoredEvent;
use crate::store::{dayof, registrations, Tx};
use chrono::{DateTime, Utc};

/// How an admitted person gets their place.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SeatRule {
    /// A seat while one is free, else the wait list (registering, a CSV import).
    SeatOrWaitList,
    /// At the desk on the day: confirmed and checked in at once, even over capacity.
    WalkIn,
}

/// The seats of an event as read under its lock, kept up to date as people are admitted in
/// the same transaction (an import admits many).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Seats {
    pub confirmed: i64,
    pub capacity: i64,
}

/// Where the seat rule put one person.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Place {
    pub status: Status,
    /// Confirmed while no seat was free (a walk-in at a full event).
    pub over_capacity: bool,
}

impl Seats {
    /// The seats of `event`, read under its lock.
    pub fn of(event: &EventView) -> Seats {
        Seats {
            confirmed: event.confirmed,
            capacity: event.capacity,
        }
    }

    pub fn full(&self) -> bool {
        self.confirmed >= self.capacity
    }

    /// The place the next person gets under `rule`, counted as taken.
    pub fn take(&mut self, rule: SeatRule) -> Place {
        let full = self.full();
        let status = match rule {
            SeatRule::SeatOrWaitList if full => Status::Waitlisted,
            SeatRule::SeatOrWaitList | SeatRule::WalkIn => Status::Confirmed,
        };
        if status == Status::Confirmed {
            self.confirmed += 1;
        }
        Place {
            status,
            over_capacity: full && status == Status::Confirmed,
        }
    }
}

/// A person admitted: their registration and place.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Admitted {
    pub id: i64,
    pub place: Place,
}

impl Registrations {
    /// Admits one person with a validated form to `event`, whose lock the caller holds in
    /// `tx` and whose seats are `seats`: the place under `rule`, the registration with a
    /// new personal link, check-in for a walk-in, and the confirmation or wait-list mail in
    /// the person's language. The caller has dealt with an address registered already,
    /// commits, and then wakes the mail worker.
    pub(super) async fn admit(
        &self,
        tx: &mut Tx,
        event: &StoredEvent,
        seats: &mut Seats,
        valid: &ValidRegistration,
        rule: SeatRule,
        now: DateTime<Utc>,
    ) -> Result<Admitted, AppError> {
        let place = seats.take(rule);
        let (token, hash) = new_token()?;
        let id = registrations::insert(tx, event.id, valid, place.status, &hash, now)
            .await
            .map_err(db_err)?;
        if rule == SeatRule::WalkIn {
            dayof::set_checked_in_tx(tx, id, now)
                .await
                .map_err(db_err)?;
        }
        let kind = match place.status {
            Status::Confirmed => MailKind::Confirmed,
            _ => MailKind::Waitlisted,
        };
        let mail = LinkMail {
            kind,
            lang: valid.lang,
            reg_id: id,
            first_name: valid.first_name.as_str(),
            email: valid.email.as_str(),
        };
        self.queue_mail(tx, &event.view, &mail, &token, now).await?;
        Ok(Admitted { id, place })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seats_until_full_then_the_wait_list_but_walk_ins_always_get_one() {
        let mut seats = Seats {
            confirmed: 1,
            capacity: 2,
        };
        let seat = Place {
            status: Status::Confirmed,
            over_capacity: false,
        };
        assert_eq!(seats.take(SeatRule::SeatOrWaitList), seat);
        assert!(seats.full());
        assert_eq!(
            seats.take(SeatRule::SeatOrWaitList).status,
            Status::Waitlisted
        );
        assert_eq!(seats.confirmed, 2, "the wait list takes no seat");
        assert_eq!(
            seats.take(SeatRule::WalkIn),
            Place {
                status: Status::Confirmed,
                over_capacity: true,
            }
        );
        assert_eq!(seats.confirmed, 3);
    }
}
