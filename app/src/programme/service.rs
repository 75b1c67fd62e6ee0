//! The programme service (server only): the public agenda of an event, and the changes an
//! editor makes (sessions and speakers), each checked — fields, the event's hours, rooms
//! and speakers double-booked — under the event's lock in one transaction. A session that
//! moves (time or room) mails its speakers once, in that transaction.

use super::model::{
    conflicts, current_and_next, order_and_number, AgendaView, Problem, SessionInput, SessionView,
    Slot, SpeakerInput,
};
use crate::error::AppError;
use crate::kernel::outbox::Outbox;
use crate::state::AppState;
use crate::store::programme::{self as store, StoredProgramme};
use crate::store::{events, Db, StoreError, Tx};
use chrono::{DateTime, Utc};

/// What can go wrong in the programme service.
#[derive(Debug, thiserror::Error)]
pub enum ProgrammeError {
    #[error("invalid programme change: {0}")]
    Invalid(#[from] Problem),
    #[error("no such event, session or speaker")]
    NotFound,
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl From<ProgrammeError> for AppError {
    fn from(e: ProgrammeError) -> AppError {
        match e {
            ProgrammeError::Invalid(p) => AppError::ProgrammeInvalid(p),
            ProgrammeError::NotFound => AppError::NotFound,
            ProgrammeError::Store(e) => {
                tracing::error!("programme store: {e}");
                AppError::Internal
            }
        }
    }
}

/// The sessions of a stored programme as the public sees them, in time order with the
/// networking rounds numbered.
pub fn session_views(p: &StoredProgramme) -> Result<Vec<SessionView>, StoreError> {
    let mut sessions = p
        .sessions
        .iter()
        .map(|s| {
            let speakers = p
                .links
                .iter()
                .filter(|(session, _)| *session == s.id)
                .filter_map(|(_, speaker)| p.speakers.iter().find(|r| r.id == *speaker))
                .map(|r| r.view())
                .collect();
            Ok(SessionView {
                id: s.id,
                title: s.title.clone(),
                description: s.description.clone(),
                kind: s.kind()?,
                starts_at: s.starts_at,
                ends_at: s.ends_at,
                room: s.room.clone(),
                position: s.position,
                round: None,
                speakers,
            })
        })
        .collect::<Result<Vec<_>, StoreError>>()?;
    order_and_number(&mut sessions);
    Ok(sessions)
}

/// The short agenda a confirmation mail carries (empty without a programme): start time in
/// Brussels, title, and the speakers or, for a networking session, its round.
pub async fn mail_outline_tx(
    tx: &mut Tx,
    slug: &str,
    lang: crate::i18n::Lang,
) -> Result<Vec<crate::mail::render::AgendaLine>, StoreError> {
    let mut round = 0;
    Ok(store::outline_tx(tx, slug)
        .await?
        .into_iter()
        .map(|item| {
            let who = if item.kind == super::model::SessionKind::Networking.code() {
                round += 1;
                format!("{} {round}", lang.t(crate::i18n::T::AgendaRound))
            } else {
                item.speakers.join(", ")
            };
            crate::mail::render::AgendaLine {
                time: crate::i18n::format_time(item.starts_at),
                title: item.title,
                who,
            }
        })
        .collect())
}

pub struct Programme {
    db: Db,
    base_url: String,
    /// Queues the speakers' and attendees' mails (none without it: the demo loader).
    outbox: Option<Outbox>,
}

impl axum::extract::FromRef<AppState> for Programme {
    fn from_ref(s: &AppState) -> Programme {
        Programme {
            outbox: Some(Outbox::from_ref(s)),
            ..Programme::new(s.db.clone(), &s.config.base_url)
        }
    }
}

impl AppState {
    /// The programme service (agenda, sessions, speakers).
    pub fn programme(&self) -> Programme {
        <Programme as axum::extract::FromRef<AppState>>::from_ref(self)
    }
}

impl Programme {
    /// A programme service that queues no mail (the demo loader, tests).
    pub fn new(db: Db, base_url: &str) -> Programme {
        Programme {
            db,
            base_url: base_url.trim_end_matches('/').to_string(),
            outbox: None,
        }
    }

    fn message_id(&self) -> String {
        match &self.outbox {
            Some(o) => o.message_id(),
            None => format!("<{}@tafelronde.localhost>", uuid::Uuid::new_v4()),
        }
    }

    /// Queues in `tx`, for each speaker of `valid` (session `id` of `event`) with a contact
    /// address, one mail saying where and when the session now is.
    async fn mail_moved_speakers(
        &self,
        tx: &mut Tx,
        event: &events::StoredEvent,
        valid: &super::model::ValidSession,
        now: DateTime<Utc>,
    ) -> Result<usize, ProgrammeError> {
        let mut sent = 0;
        for speaker in valid.speakers() {
            let Some(row) = crate::store::speakers::speaker_tx(tx, event.id, *speaker).await?
            else {
                continue;
            };
            if row.contact_email.is_empty() {
                continue;
            }
            let lang =
                crate::i18n::Lang::parse(&crate::store::speakers::mail_lang_tx(tx, row.id).await?)
                    .unwrap_or_default();
            let mail = crate::mail::speaker::render_moved(
                lang,
                &row.name,
                &row.contact_email,
                event.view.title_in(lang).text,
                valid.title(),
                valid.starts_at(),
                valid.ends_at(),
                valid.room(),
                self.message_id(),
            );
            crate::store::outbox::enqueue(tx, &mail, now).await?;
            sent += 1;
        }
        Ok(sent)
    }

    async fn event(&self, slug: &str) -> Result<events::StoredEvent, ProgrammeError> {
        events::by_slug(&self.db, slug)
            .await?
            .ok_or(ProgrammeError::NotFound)
    }

    /// The event `slug` (published or not: the caller decides who may see it) and its
    /// stored programme, for the calendar files.
    pub async fn stored(
        &self,
        slug: &str,
    ) -> Result<(events::StoredEvent, StoredProgramme), ProgrammeError> {
        let event = self.event(slug).await?;
        let programme = store::of_event(&self.db, event.id).await?;
        Ok((event, programme))
    }

    /// The public agenda of event `slug` as seen at `now` (current and next session on
    /// the day). Does not check that the event is published: the caller does.
    pub async fn agenda(
        &self,
        slug: &str,
        now: DateTime<Utc>,
    ) -> Result<(AgendaView, bool), ProgrammeError> {
        let (event, p) = self.stored(slug).await?;
        let sessions = session_views(&p)?;
        let mut speakers: Vec<_> = Vec::new();
        for s in sessions.iter().flat_map(|s| &s.speakers) {
            if !speakers
                .iter()
                .any(|k: &super::model::SpeakerView| k.id == s.id)
            {
                speakers.push(s.clone());
            }
        }
        for r in &p.speakers {
            if !speakers.iter().any(|k| k.id == r.id) {
                speakers.push(r.view());
            }
        }
        let (current, next) = current_and_next(&sessions, now);
        let e = event.view;
        let feed_url = format!("{}/e/{}/agenda.ics", self.base_url, e.slug);
        Ok((
            AgendaView {
                slug: e.slug,
                title: e.title,
                venue_name: e.venue_name,
                venue_address: e.venue_address,
                starts_at: e.starts_at,
                ends_at: e.ends_at,
                times_illustrative: p.times_illustrative,
                sessions,
                speakers,
                current,
                next,
                feed_url,
            },
            e.published,
        ))
    }

    /// Checks `input` for event `event_id` (locked in `tx`) as session `id` (0: new).
    async fn check(
        tx: &mut Tx,
        event: &events::StoredEvent,
        id: i64,
        input: &SessionInput,
    ) -> Result<super::model::ValidSession, ProgrammeError> {
        let valid = input.validate(event.view.starts_at, event.view.ends_at)?;
        let known = store::speaker_ids_tx(tx, event.id).await?;
        if let Some(unknown) = valid.speakers().iter().find(|s| !known.contains(s)) {
            return Err(Problem::UnknownSpeaker(*unknown).into());
        }
        let links = store::links_tx(tx, event.id).await?;
        let others: Vec<Slot> = store::sessions_tx(tx, event.id)
            .await?
            .into_iter()
            .map(|s| Slot {
                id: s.id,
                speakers: links
                    .iter()
                    .filter(|(session, _)| *session == s.id)
                    .map(|(_, speaker)| *speaker)
                    .collect(),
                room: s.room,
                starts_at: s.starts_at,
                ends_at: s.ends_at,
            })
            .collect();
        if id != 0 && !others.iter().any(|s| s.id == id) {
            return Err(ProgrammeError::NotFound);
        }
        if let Some(p) = conflicts(&valid.slot(id), &others).into_iter().next() {
            return Err(p.into());
        }
        Ok(valid)
    }

    /// Adds a session to event `slug`; returns its id.
    pub async fn create_session(
        &self,
        slug: &str,
        input: &SessionInput,
    ) -> Result<i64, ProgrammeError> {
        let id = self.event(slug).await?.id;
        let mut tx = self.db.begin_write().await?;
        let event = events::lock(&mut tx, id).await?;
        let valid = Self::check(&mut tx, &event, 0, input).await?;
        let session = store::insert_session_tx(&mut tx, event.id, &valid, Utc::now()).await?;
        tx.commit().await?;
        tracing::info!(event = slug, session, "session added");
        Ok(session)
    }

    /// Replaces session `id` of event `slug` (times, room, speakers …).
    pub async fn update_session(
        &self,
        slug: &str,
        id: i64,
        input: &SessionInput,
    ) -> Result<(), ProgrammeError> {
        let event_id = self.event(slug).await?.id;
        let mut tx = self.db.begin_write().await?;
        let event = events::lock(&mut tx, event_id).await?;
        let valid = Self::check(&mut tx, &event, id, input).await?;
        let before = store::sessions_tx(&mut tx, event.id)
            .await?
            .into_iter()
            .find(|s| s.id == id)
            .ok_or(ProgrammeError::NotFound)?;
        let now = Utc::now();
        if !store::update_session_tx(&mut tx, event.id, id, &valid, now).await? {
            return Err(ProgrammeError::NotFound);
        }
        // A new time or room: each speaker hears it once, in the same transaction.
        let moved = before.starts_at != valid.starts_at()
            || before.ends_at != valid.ends_at()
            || before.room != valid.room();
        let mailed = if moved {
            self.mail_moved_speakers(&mut tx, &event, &valid, now)
                .await?
        } else {
            0
        };
        tx.commit().await?;
        if mailed > 0 {
            if let Some(o) = &self.outbox {
                o.wake();
            }
        }
        tracing::info!(event = slug, session = id, mailed, "session changed");
        Ok(())
    }

    pub async fn delete_session(&self, slug: &str, id: i64) -> Result<(), ProgrammeError> {
        let event_id = self.event(slug).await?.id;
        let mut tx = self.db.begin_write().await?;
        if !store::delete_session_tx(&mut tx, event_id, id, Utc::now()).await? {
            return Err(ProgrammeError::NotFound);
        }
        tx.commit().await?;
        tracing::info!(event = slug, session = id, "session deleted");
        Ok(())
    }

    /// Adds a speaker to event `slug`'s programme; returns their id.
    pub async fn create_speaker(
        &self,
        slug: &str,
        input: &SpeakerInput,
    ) -> Result<i64, ProgrammeError> {
        let valid = input.validate()?;
        let event_id = self.event(slug).await?.id;
        let mut tx = self.db.begin_write().await?;
        let id = store::insert_speaker_tx(&mut tx, event_id, &valid, Utc::now()).await?;
        tx.commit().await?;
        tracing::info!(event = slug, speaker = id, "speaker added");
        Ok(id)
    }

    pub async fn update_speaker(
        &self,
        slug: &str,
        id: i64,
        input: &SpeakerInput,
    ) -> Result<(), ProgrammeError> {
        let valid = input.validate()?;
        let event_id = self.event(slug).await?.id;
        let mut tx = self.db.begin_write().await?;
        if !store::update_speaker_tx(&mut tx, event_id, id, &valid, Utc::now()).await? {
            return Err(ProgrammeError::NotFound);
        }
        tx.commit().await?;
        tracing::info!(event = slug, speaker = id, "speaker changed");
        Ok(())
    }

    /// Removes a speaker, and takes them off their sessions.
    pub async fn delete_speaker(&self, slug: &str, id: i64) -> Result<(), ProgrammeError> {
        let event_id = self.event(slug).await?.id;
        let mut tx = self.db.begin_write().await?;
        if !store::delete_speaker_tx(&mut tx, event_id, id, Utc::now()).await? {
            return Err(ProgrammeError::NotFound);
        }
        tx.commit().await?;
        tracing::info!(event = slug, speaker = id, "speaker deleted");
        Ok(())
    }

    /// The notice about a changed programme as attendees in `lang` would get it (subject,
    /// text), and how many confirmed attendees it would go to. Writes nothing.
    pub async fn notice_preview(
        &self,
        slug: &str,
        lang: crate::i18n::Lang,
    ) -> Result<(String, String, usize), ProgrammeError> {
        let event = self.event(slug).await?;
        let mut tx = self.db.begin_read().await?;
        let agenda = mail_outline_tx(&mut tx, slug, lang).await?;
        let count = store::confirmed_recipients_tx(&mut tx, event.id)
            .await?
            .len();
        drop(tx);
        let mail = crate::mail::programme_notice::render_notice(
            lang,
            None,
            "…",
            "",
            event.view.title_in(lang).text,
            &agenda,
            &format!("{}/e/{slug}/agenda", self.base_url),
            String::new(),
        );
        Ok((mail.subject, mail.body_text, count))
    }

    /// Queues the notice about a changed programme for every confirmed attendee of event
    /// `slug`, each in their language, in one transaction. Returns how many were queued.
    pub async fn notify_attendees(&self, slug: &str) -> Result<usize, ProgrammeError> {
        let event = self.event(slug).await?;
        let now = Utc::now();
        let mut tx = self.db.begin_write().await?;
        let recipients = store::confirmed_recipients_tx(&mut tx, event.id).await?;
        let url = format!("{}/e/{slug}/agenda", self.base_url);
        for r in &recipients {
            let lang = crate::i18n::Lang::parse(&r.lang).unwrap_or_default();
            let agenda = mail_outline_tx(&mut tx, slug, lang).await?;
            let mail = crate::mail::programme_notice::render_notice(
                lang,
                Some(r.id),
                &r.first_name,
                &r.email,
                event.view.title_in(lang).text,
                &agenda,
                &url,
                self.message_id(),
            );
            crate::store::outbox::enqueue(&mut tx, &mail, now).await?;
        }
        tx.commit().await?;
        if let Some(o) = &self.outbox {
            o.wake();
        }
        tracing::info!(
            event = slug,
            mails = recipients.len(),
            "attendees told of the programme change"
        );
        Ok(recipients.len())
    }

    /// Marks event `slug`'s times as an example (or not); the agenda says so.
    pub async fn set_times_illustrative(
        &self,
        slug: &str,
        illustrative: bool,
    ) -> Result<(), ProgrammeError> {
        let event_id = self.event(slug).await?.id;
        let mut tx = self.db.begin_write().await?;
        store::set_times_illustrative_tx(&mut tx, event_id, illustrative, Utc::now()).await?;
        tx.commit().await?;
        Ok(())
    }
}
