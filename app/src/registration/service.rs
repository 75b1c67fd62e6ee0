//! The registration service (server only): registering with capacity and wait list,
//! re-sending the personal link (at most once per interval), viewing/editing/cancelling
//! through a personal link within the time rules, and promoting from the wait list.
//! Each change and its mail are written in one transaction.

use super::admit::{SeatRule, Seats};
use super::rules::Rules;
use super::{ManageView, RegisterOutcome, RegistrationForm, Status};
use crate::error::AppError;
use crate::event::{EventView, RegistrationWindow};
use crate::i18n::Lang;
use crate::kernel::outbox::Outbox;
use crate::mail::{render, MailKind, MailTo};
use crate::state::AppState;
use crate::store::events::{self, StoredEvent};
use crate::store::registrations::{self, StoredRegistration};
use crate::store::{outbox, Db, StoreError, Tx};
use chrono::{DateTime, Utc};
use std::sync::Arc;
use tokio::sync::Notify;

/// What the service needs: the database, the time rules, where links point to, the
/// sender's domain (for Message-IDs) and the mail worker's wake-up.
#[derive(Clone)]
pub struct Registrations {
    pub db: Db,
    pub rules: Rules,
    /// The public base URL, without a trailing slash.
    pub base_url: String,
    /// Message-IDs, queueing and the mail worker's wake-up.
    pub outbox: Outbox,
}

impl axum::extract::FromRef<AppState> for Registrations {
    fn from_ref(s: &AppState) -> Registrations {
        Registrations::new(s.db.clone(), &s.config, s.mail_wake.clone())
    }
}

impl AppState {
    /// The registration service.
    pub fn registrations(&self) -> Registrations {
        <Registrations as axum::extract::FromRef<AppState>>::from_ref(self)
    }
}

impl Registrations {
    pub fn new(db: Db, config: &crate::config::Config, mail_wake: Arc<Notify>) -> Registrations {
        Registrations {
            db,
            rules: Rules::from_config(config),
            base_url: config.base_url.clone(),
            outbox: Outbox::from_config(config, mail_wake),
        }
    }
}

/// A new random manage token (256 bits, hex) and the hash that is stored.
pub fn new_token() -> Result<(String, String), AppError> {
    crate::kernel::tokens::new_token().map_err(crate::error::internal("random token"))
}

pub use crate::kernel::tokens::{hash_token, is_token_format};

pub(super) fn db_err(e: StoreError) -> AppError {
    tracing::error!("store: {e}");
    AppError::Internal
}

/// One mail with a fresh personal link for a registration.
pub(super) struct LinkMail<'a> {
    pub(super) kind: MailKind,
    pub(super) lang: Lang,
    pub(super) reg_id: i64,
    pub(super) first_name: &'a str,
    pub(super) email: &'a str,
}

impl Registrations {
    /// Adds a new live link to the registration and queues `mail` with it.
    pub(super) async fn send_link(
        &self,
        tx: &mut Tx,
        event: &EventView,
        mail: LinkMail<'_>,
        now: DateTime<Utc>,
    ) -> Result<(), AppError> {
        let (token, hash) = new_token()?;
        registrations::add_link(tx, mail.reg_id, &hash, now)
            .await
            .map_err(db_err)?;
        self.queue_mail(tx, event, &mail, &token, now).await
    }

    pub(super) async fn queue_mail(
        &self,
        tx: &mut Tx,
        event: &EventView,
        m: &LinkMail<'_>,
        token: &str,
        now: DateTime<Utc>,
    ) -> Result<(), AppError> {
        let manage_url = format!("{}/m/{token}", self.base_url);
        let to = MailTo {
            lang: m.lang,
            first_name: m.first_name,
            address: m.email,
            manage_url: &manage_url,
            base_url: &self.base_url,
        };
        let message_id = self.outbox.message_id();
        // People with a seat get the short agenda in their mail.
        let agenda = if m.kind.has_calendar() {
            crate::programme::service::mail_outline_tx(tx, &event.slug, m.lang)
                .await
                .map_err(db_err)?
        } else {
            Vec::new()
        };
        // People with a seat get the QR code to show at the desk (check-in code of this link).
        let checkin_url = m.kind.has_calendar().then(|| {
            let code = crate::dayof::code::checkin_code(&hash_token(token));
            crate::dayof::code::checkin_url(&self.base_url, &event.slug, &code)
        });
        let mut mail = crate::mail::render::render_full(
            m.kind,
            event,
            &to,
            &agenda,
            checkin_url.is_some(),
            message_id,
        );
        mail.registration_id = Some(m.reg_id);
        mail.link = Some(outbox::MailLink {
            token: token.to_string(),
            kind: outbox::LinkKind::Manage,
            owner: m.reg_id,
        });
        let id = outbox::enqueue(tx, &mail, now).await.map_err(db_err)?;
        if let Some(url) = checkin_url {
            crate::store::dayof::set_mail_checkin_url(tx, id, &url)
                .await
                .map_err(db_err)?;
        }
        Ok(())
    }

    /// Registers for the event `slug`. A known address creates nothing and gets its link
    /// again, at most once per resend interval; the answer is the same in every case. A
    /// filled honeypot stores and sends nothing but answers as a success.
    pub async fn register(
        &self,
        slug: &str,
        form: &RegistrationForm,
        lang: Lang,
    ) -> Result<RegisterOutcome, AppError> {
        let now = Utc::now();
        let event = events::by_slug(&self.db, slug)
            .await
            .map_err(db_err)?
            .filter(|e| e.view.published)
            .ok_or(AppError::NotFound)?;
        if form.is_bot() {
            tracing::warn!(event = slug, "honeypot filled in: registration dropped");
            return Ok(RegisterOutcome::accepted(event.view.is_full()));
        }
        let valid = match form.validate(&event.view.offer(), lang) {
            Ok(v) => v,
            Err(errors) => return Ok(RegisterOutcome::Invalid(errors)),
        };
        let mut tx = self.db.begin_write().await.map_err(db_err)?;
        // Window and capacity are read under the lock that counts the seats.
        let event = events::lock(&mut tx, event.id).await.map_err(db_err)?;
        match event.view.window(now) {
            RegistrationWindow::NotYetOpen => return Err(AppError::RegistrationNotYetOpen),
            RegistrationWindow::Closed => return Err(AppError::RegistrationClosed),
            RegistrationWindow::Open => {}
        }
        // Whether a new registration would wait: the answer for new and known addresses.
        let full = event.view.is_full();
        let existing =
            registrations::find_active_by_email(&mut tx, event.id, &valid.email.normalized())
                .await
                .map_err(db_err)?;
        let queued = match existing {
            Some(reg) if self.rules.may_resend(reg.link_sent_at, now) => {
                // The link goes to the address as first registered, never to the new spelling.
                let mail = LinkMail {
                    kind: MailKind::LinkResent {
                        has_seat: reg.status == Status::Confirmed,
                    },
                    lang,
                    reg_id: reg.id,
                    first_name: &reg.form.first_name,
                    email: &reg.email,
                };
                self.send_link(&mut tx, &event.view, mail, now).await?;
                true
            }
            Some(reg) => {
                tracing::info!(registration = reg.id, "link sent recently: not sent again");
                false
            }
            None => {
                let mut seats = Seats::of(&event.view);
                self.admit(
                    &mut tx,
                    &event,
                    &mut seats,
                    &valid,
                    SeatRule::SeatOrWaitList,
                    now,
                )
                .await?;
                true
            }
        };
        tx.commit().await.map_err(db_err)?;
        if queued {
            self.outbox.wake();
        }
        Ok(RegisterOutcome::accepted(full))
    }

    /// The registration and event behind a live link, read without a write transaction.
    async fn by_link(
        &self,
        token: &str,
        now: DateTime<Utc>,
    ) -> Result<(StoredRegistration, StoredEvent), AppError> {
        if !is_token_format(token) {
            return Err(AppError::InvalidLink);
        }
        let reg = registrations::find_by_token_hash(&self.db, &hash_token(token))
            .await
            .map_err(db_err)?
            .ok_or(AppError::InvalidLink)?;
        let event = events::by_id(&self.db, reg.event_id)
            .await
            .map_err(db_err)?
            .ok_or(AppError::InvalidLink)?;
        if self.rules.link_expired(&event.view, now) {
            return Err(AppError::LinkExpired);
        }
        Ok((reg, event))
    }

    /// Re-reads the registration of a link inside the write transaction.
    async fn by_link_tx(&self, tx: &mut Tx, token: &str) -> Result<StoredRegistration, AppError> {
        registrations::find_by_token_hash_tx(tx, &hash_token(token))
            .await
            .map_err(db_err)?
            .ok_or(AppError::InvalidLink)
    }

    /// Opens a personal link: a plain read (no write lock). Opening does not confirm the
    /// address (mail scanners open links); an edit or a cancellation does.
    pub async fn open(&self, token: &str) -> Result<ManageView, AppError> {
        let now = Utc::now();
        let (reg, event) = self.by_link(token, now).await?;
        let changes_closed = self.rules.changes_closed(&event.view, now);
        let tables = crate::store::planner::seats_of(&self.db, reg.id)
            .await
            .map_err(crate::error::internal("published seats"))?
            .into_iter()
            .filter_map(|(round, table)| Some((u32::try_from(round).ok()?, table)))
            .collect();
        // The desk's QR code, drawn here (the browser gets the SVG, never a QR library).
        let checkin_qr = if reg.status == Status::Confirmed {
            self.checkin_qr(token, &event.view.slug).await
        } else {
            None
        };
        Ok(ManageView {
            checkin_qr,
            status: reg.status,
            email: reg.email.clone(),
            form: reg.form.clone(),
            changes_closed,
            event: event.view,
            tables,
        })
    }

    /// Saves edited details (the e-mail address stays as registered) until changes close.
    pub async fn update(
        &self,
        token: &str,
        form: &RegistrationForm,
        lang: Lang,
    ) -> Result<RegisterOutcome, AppError> {
        let now = Utc::now();
        let (reg, event) = self.by_link(token, now).await?;
        if reg.status == Status::Cancelled {
            return Err(AppError::InvalidLink);
        }
        if self.rules.changes_closed(&event.view, now) {
            return Err(AppError::ChangesClosed);
        }
        let mut form = form.clone();
        form.email = reg.email.clone();
        form.consent = true;
        let valid = match form.validate(&event.view.offer(), lang) {
            Ok(v) => v,
            Err(errors) => return Ok(RegisterOutcome::Invalid(errors)),
        };
        let mut tx = self.db.begin_write().await.map_err(db_err)?;
        let event = events::lock(&mut tx, reg.event_id).await.map_err(db_err)?;
        let reg = self.by_link_tx(&mut tx, token).await?;
        if reg.status == Status::Cancelled {
            return Err(AppError::InvalidLink);
        }
        if self.rules.changes_closed(&event.view, now) {
            return Err(AppError::ChangesClosed);
        }
        registrations::update_details(&mut tx, reg.id, &valid, now)
            .await
            .map_err(db_err)?;
        registrations::set_share_contact(&mut tx, reg.id, valid.share_contact)
            .await
            .map_err(db_err)?;
        registrations::confirm_email(&mut tx, reg.id, now)
            .await
            .map_err(db_err)?;
        tx.commit().await.map_err(db_err)?;
        Ok(RegisterOutcome::Accepted)
    }

    /// Gives or withdraws the consent to share contact details with tablemates after the
    /// event. Unlike the other details, it can change at any time, also once changes have
    /// closed: withdrawing consent must stay possible (a cancelled registration cannot).
    pub async fn set_share(&self, token: &str, share: bool) -> Result<(), AppError> {
        let now = Utc::now();
        self.by_link(token, now).await?;
        let mut tx = self.db.begin_write().await.map_err(db_err)?;
        let reg = self.by_link_tx(&mut tx, token).await?;
        if reg.status == Status::Cancelled {
            return Err(AppError::InvalidLink);
        }
        registrations::set_share_contact(&mut tx, reg.id, share)
            .await
            .map_err(db_err)?;
        tx.commit().await.map_err(db_err)?;
        Ok(())
    }

    /// Cancels until changes close; a freed confirmed seat goes to the first on the wait
    /// list, who gets a mail. Cancelling twice is not an error.
    pub async fn cancel(&self, token: &str) -> Result<(), AppError> {
        let now = Utc::now();
        let (reg, event) = self.by_link(token, now).await?;
        if reg.status == Status::Cancelled {
            return Ok(());
        }
        if self.rules.changes_closed(&event.view, now) {
            return Err(AppError::ChangesClosed);
        }
        let mut tx = self.db.begin_write().await.map_err(db_err)?;
        let event = events::lock(&mut tx, reg.event_id).await.map_err(db_err)?;
        // Re-read under the lock: a concurrent cancel may have won, the start may have moved.
        let reg = self.by_link_tx(&mut tx, token).await?;
        if reg.status == Status::Cancelled {
            return Ok(());
        }
        if self.rules.changes_closed(&event.view, now) {
            return Err(AppError::ChangesClosed);
        }
        registrations::confirm_email(&mut tx, reg.id, now)
            .await
            .map_err(db_err)?;
        self.cancel_locked(&mut tx, &event, &reg, now).await?;
        tx.commit().await.map_err(db_err)?;
        self.outbox.wake();
        Ok(())
    }

    /// Cancels `reg` (read under the event's lock, not cancelled yet), queues the mail
    /// confirming it and gives a freed confirmed seat to the wait list ([`Self::promote`]).
    /// Shared by the attendee's cancellation and the coordinator's; the caller commits and
    /// wakes the mail worker.
    pub(super) async fn cancel_locked(
        &self,
        tx: &mut Tx,
        event: &StoredEvent,
        reg: &StoredRegistration,
        now: DateTime<Utc>,
    ) -> Result<bool, AppError> {
        registrations::set_status(tx, reg.id, Status::Cancelled, now)
            .await
            .map_err(db_err)?;
        self.queue_cancelled(tx, &event.view, reg, now).await?;
        if reg.status == Status::Confirmed {
            return self.promote(tx, event, now).await;
        }
        Ok(false)
    }

    /// Queues the mail confirming a cancellation (no personal link: it has nothing left to
    /// manage; the mail says how to register again).
    async fn queue_cancelled(
        &self,
        tx: &mut Tx,
        event: &EventView,
        reg: &StoredRegistration,
        now: DateTime<Utc>,
    ) -> Result<(), AppError> {
        let to = MailTo {
            lang: reg.lang,
            first_name: &reg.form.first_name,
            address: &reg.email,
            manage_url: "",
            base_url: &self.base_url,
        };
        let message_id = self.outbox.message_id();
        let mut mail = render(MailKind::Cancelled, event, &to, message_id);
        mail.registration_id = Some(reg.id);
        outbox::enqueue(tx, &mail, now).await.map_err(db_err)?;
        Ok(())
    }

    /// Gives a free seat to the first on the wait list (a new link in the mail; earlier
    /// links keep working), unless changes have closed. Runs under the event's lock (taken
    /// by the caller: a cancellation here, an erasure in `privacy::service`); the caller
    /// wakes the mail worker after committing when it returns `true`.
    pub(crate) async fn promote(
        &self,
        tx: &mut Tx,
        event: &StoredEvent,
        now: DateTime<Utc>,
    ) -> Result<bool, AppError> {
        if self.rules.changes_closed(&event.view, now) {
            return Ok(false);
        }
        let confirmed = registrations::count_confirmed(tx, event.id)
            .await
            .map_err(db_err)?;
        if confirmed >= event.view.capacity {
            return Ok(false);
        }
        let Some(next) = registrations::first_waitlisted(tx, event.id)
            .await
            .map_err(db_err)?
        else {
            return Ok(false);
        };
        self.give_seat(tx, event, &next, now).await?;
        Ok(true)
    }

    /// Confirms the wait-listed `next` and mails them a new link (earlier links keep
    /// working). The caller holds the event's lock and has checked that a seat is free.
    pub(super) async fn give_seat(
        &self,
        tx: &mut Tx,
        event: &StoredEvent,
        next: &StoredRegistration,
        now: DateTime<Utc>,
    ) -> Result<(), AppError> {
        registrations::set_status(tx, next.id, Status::Confirmed, now)
            .await
            .map_err(db_err)?;
        let mail = LinkMail {
            kind: MailKind::Promoted,
            lang: next.lang,
            reg_id: next.id,
            first_name: &next.form.first_name,
            email: &next.email,
        };
        self.send_link(tx, &event.view, mail, now).await
    }
}

impl Registrations {
    /// The check-in QR code of personal link `token` (an SVG), when the link has a code.
    async fn checkin_qr(&self, token: &str, slug: &str) -> Option<String> {
        let token_hash = hash_token(token);
        match crate::store::dayof::link_has_checkin(&self.db, &token_hash).await {
            Ok(true) => {}
            Ok(false) => return None,
            Err(e) => {
                tracing::error!("check-in code: {e}");
                return None;
            }
        }
        let code = crate::dayof::code::checkin_code(&token_hash);
        let url = crate::dayof::code::checkin_url(&self.base_url, slug, &code);
        crate::dayof::qr::svg(&url)
            .map_err(|e| tracing::error!("check-in QR code: {e}"))
            .ok()
    }
}
