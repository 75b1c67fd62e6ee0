//! The coordinator's side of the registration service (server only): one page of an
//! event's registration table, all filtered rows (for the CSV), and the row actions —
//! edit, cancel, promote now, resend the link — through the same locked paths, mails and rules
//! as the attendee's own actions (`service.rs`).

use super::service::{db_err, LinkMail, Registrations};
use super::table::{StatusCounts, TableQuery, TableRow, PER_PAGE};
use super::{RegisterOutcome, RegistrationEdit, RegistrationForm, Status, TablePage};
use crate::error::AppError;
use crate::event::EventView;
use crate::mail::MailKind;
use crate::store::registrations::{self, StoredRegistration};
use crate::store::{events, registration_table, StoreError, Tx};
use chrono::Utc;

/// Why a coordinator's row action was refused.
#[derive(Debug, thiserror::Error)]
pub enum AdminError {
    #[error("no such registration or event")]
    NotFound,
    /// Promotion asked while every seat is taken (the safe rule: never over capacity).
    #[error("no free seat")]
    NoFreeSeat,
    /// The action does not fit the registration's status (e.g. promoting a confirmed one).
    #[error("not possible in status {0:?}")]
    WrongStatus(Status),
    /// A CSV import with no text.
    #[error("empty import")]
    EmptyImport,
    /// A bulk mail with invalid fields.
    #[error("invalid bulk mail")]
    BulkInvalid(super::bulk::BulkErrors),
    /// A bulk mail sent to a selection that changed since its preview.
    #[error("selection changed")]
    SelectionChanged,
    #[error("{0}")]
    Store(#[from] StoreError),
    #[error("{0}")]
    App(AppError),
}

impl From<AdminError> for AppError {
    fn from(e: AdminError) -> AppError {
        match e {
            AdminError::NotFound => AppError::NotFound,
            AdminError::NoFreeSeat => AppError::NoFreeSeat,
            AdminError::WrongStatus(_) => AppError::WrongRegistrationStatus,
            AdminError::EmptyImport => AppError::ImportEmpty,
            AdminError::BulkInvalid(e) => AppError::BulkMailInvalid(e),
            AdminError::SelectionChanged => AppError::SelectionChanged,
            AdminError::App(e) => e,
            AdminError::Store(e) => db_err(e),
        }
    }
}

impl From<AppError> for AdminError {
    fn from(e: AppError) -> AdminError {
        AdminError::App(e)
    }
}

/// What a row action did, for the page's notice.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Done {
    Cancelled { promoted: bool },
    AlreadyCancelled,
    Promoted,
    LinkResent,
}

impl Registrations {
    /// One page of the table of the event `slug`, the query normalized (unknown values
    /// dropped, the page within range).
    pub async fn table(&self, slug: &str, query: &TableQuery) -> Result<TablePage, AdminError> {
        let event = events::by_slug(&self.db, slug)
            .await?
            .ok_or(AdminError::NotFound)?;
        let mut query = query.normalized(&event.view.topic_codes());
        let matching = registration_table::matching(&self.db, event.id, &query).await?;
        let pages = ((matching + PER_PAGE - 1) / PER_PAGE).max(1);
        query.page = query.page.min(pages);
        let offset = (query.page - 1) * PER_PAGE;
        let rows =
            registration_table::rows(&self.db, event.id, &query, Some((PER_PAGE, offset))).await?;
        let (confirmed, waitlisted, cancelled) =
            registrations::status_counts(&self.db, event.id).await?;
        Ok(TablePage {
            slug: event.view.slug,
            title: event.view.title,
            capacity: event.view.capacity,
            topics: event.view.topics,
            counts: StatusCounts {
                confirmed,
                waitlisted,
                cancelled,
            },
            query,
            matching,
            rows,
        })
    }

    /// Every row of the event `slug` matching `query` (all pages), with the event.
    pub async fn table_rows(
        &self,
        slug: &str,
        query: &TableQuery,
    ) -> Result<(EventView, Vec<TableRow>), AdminError> {
        let event = events::by_slug(&self.db, slug)
            .await?
            .ok_or(AdminError::NotFound)?;
        let query = query.normalized(&event.view.topic_codes());
        let rows = registration_table::rows(&self.db, event.id, &query, None).await?;
        Ok((event.view, rows))
    }

    /// The slug of the event a registration belongs to.
    pub async fn event_slug_of(&self, registration_id: i64) -> Result<String, AdminError> {
        let event_id = registration_table::event_of(&self.db, registration_id)
            .await?
            .ok_or(AdminError::NotFound)?;
        let event = events::by_id(&self.db, event_id)
            .await?
            .ok_or(AdminError::NotFound)?;
        Ok(event.view.slug)
    }

    /// Opens a write transaction with the registration's event locked and the registration
    /// re-read under that lock.
    async fn locked(
        &self,
        registration_id: i64,
    ) -> Result<(Tx, events::StoredEvent, StoredRegistration), AdminError> {
        let event_id = registration_table::event_of(&self.db, registration_id)
            .await?
            .ok_or(AdminError::NotFound)?;
        let mut tx = self.db.begin_write().await?;
        let event = events::lock(&mut tx, event_id).await?;
        let reg = registrations::find_by_id_tx(&mut tx, registration_id)
            .await?
            .ok_or(AdminError::NotFound)?;
        Ok((tx, event, reg))
    }

    /// Cancels a registration for the coordinator, at any time (the coordinator decides);
    /// the person gets the cancellation mail and a freed seat goes to the first on the wait
    /// list under the attendee's rules (not once changes have closed).
    pub async fn cancel_by_coordinator(&self, registration_id: i64) -> Result<Done, AdminError> {
        let now = Utc::now();
        let (mut tx, event, reg) = self.locked(registration_id).await?;
        if reg.status == Status::Cancelled {
            return Ok(Done::AlreadyCancelled);
        }
        let promoted = self.cancel_locked(&mut tx, &event, &reg, now).await?;
        tx.commit().await?;
        self.outbox.wake();
        tracing::info!(
            registration = reg.id,
            promoted,
            "cancelled by a coordinator"
        );
        Ok(Done::Cancelled { promoted })
    }

    /// Gives a seat to this wait-listed person now, only if a seat is free (never over
    /// capacity); they get the promotion mail with a new link.
    pub async fn promote_by_coordinator(&self, registration_id: i64) -> Result<Done, AdminError> {
        let now = Utc::now();
        let (mut tx, event, reg) = self.locked(registration_id).await?;
        if reg.status != Status::Waitlisted {
            return Err(AdminError::WrongStatus(reg.status));
        }
        let confirmed = registrations::count_confirmed(&mut tx, event.id).await?;
        if confirmed >= event.view.capacity {
            return Err(AdminError::NoFreeSeat);
        }
        self.give_seat(&mut tx, &event, &reg, now).await?;
        tx.commit().await?;
        self.outbox.wake();
        tracing::info!(registration = reg.id, "promoted by a coordinator");
        Ok(Done::Promoted)
    }

    /// One registration for the coordinator's edit page.
    pub async fn edit_view(&self, registration_id: i64) -> Result<RegistrationEdit, AdminError> {
        let reg = registrations::find_by_id(&self.db, registration_id)
            .await?
            .ok_or(AdminError::NotFound)?;
        let event = events::by_id(&self.db, reg.event_id)
            .await?
            .ok_or(AdminError::NotFound)?;
        Ok(RegistrationEdit {
            id: reg.id,
            slug: event.view.slug,
            event_title: event.view.title,
            status: reg.status,
            email: reg.email,
            form: reg.form,
            topics: event.view.topics,
            org_types: event.view.org_types,
            sectors: event.view.sectors,
        })
    }

    /// Saves a coordinator's edit of a registration's details under the attendee's edit
    /// rules (the same validation; the e-mail address and the language stay as
    /// registered), at any time and in any status. No mail.
    pub async fn edit_by_coordinator(
        &self,
        registration_id: i64,
        form: &RegistrationForm,
    ) -> Result<RegisterOutcome, AdminError> {
        let now = Utc::now();
        let (mut tx, event, reg) = self.locked(registration_id).await?;
        let mut form = form.clone();
        form.email = reg.email.clone();
        form.consent = true;
        form.website = String::new();
        let valid = match form.validate(&event.view.offer(), reg.lang) {
            Ok(v) => v,
            Err(errors) => return Ok(RegisterOutcome::Invalid(errors)),
        };
        registrations::update_details(&mut tx, reg.id, &valid, now).await?;
        tx.commit().await?;
        tracing::info!(registration = reg.id, "edited by a coordinator");
        Ok(RegisterOutcome::Accepted)
    }

    /// Mails the person a fresh personal link (the "link resent" mail, which says whether
    /// they have a seat), through the outbox; not for a cancelled registration.
    pub async fn resend_by_coordinator(&self, registration_id: i64) -> Result<Done, AdminError> {
        let now = Utc::now();
        let (mut tx, event, reg) = self.locked(registration_id).await?;
        if reg.status == Status::Cancelled {
            return Err(AdminError::WrongStatus(reg.status));
        }
        let mail = LinkMail {
            kind: MailKind::LinkResent {
                has_seat: reg.status == Status::Confirmed,
            },
            lang: reg.lang,
            reg_id: reg.id,
            first_name: &reg.form.first_name,
            email: &reg.email,
        };
        self.send_link(&mut tx, &event.view, mail, now).await?;
        tx.commit().await?;
        self.outbox.wake();
        tracing::info!(registration = reg.id, "link resent by a coordinator");
        Ok(Done::LinkResent)
    }
}
