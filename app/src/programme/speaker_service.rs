//! The speaker links service (server only): mails a speaker their personal link (a fresh
//! 256-bit token; only its SHA-256 hash is stored), opens the speaker page behind a link
//! (until `LINK_VALID_DAYS_AFTER_EVENT` days after the event) and saves the speaker's own
//! profile change and photo. Each change and its mail are written in one transaction.

use super::model::Problem;
use super::photo::PhotoOutcome;
use super::photo_codec;
use super::service::{session_views, ProgrammeError};
use super::speaker::{Neighbour, ProfileInput, ProfileOutcome, SpeakerPage, SpeakerSlot};
use crate::domain::OrgType;
use crate::error::AppError;
use crate::i18n::{format_span, Lang};
use crate::kernel::outbox::Outbox;
use crate::kernel::tokens::{hash_token, is_token_format};
use crate::registration::rules::Rules;
use crate::registration::service::new_token;
use crate::state::AppState;
use crate::store::programme::{self as programme_store, SpeakerRow};
use crate::store::{events, outbox, speakers as store, Db, StoreError, Tx};
use chrono::Utc;
use std::sync::Arc;
use tokio::sync::{Notify, Semaphore};

/// Photos decoded at once (each may take up to `photo_codec::MAX_DECODE_BYTES` of memory).
static PHOTO_WORK: Semaphore = Semaphore::const_new(2);

#[derive(Clone)]
pub struct Speakers {
    db: Db,
    rules: Rules,
    base_url: String,
    outbox: Outbox,
}

impl axum::extract::FromRef<AppState> for Speakers {
    fn from_ref(s: &AppState) -> Speakers {
        Speakers::new(s.db.clone(), &s.config, s.mail_wake.clone())
    }
}

impl AppState {
    /// The speakers' personal links and page.
    pub fn speakers(&self) -> Speakers {
        <Speakers as axum::extract::FromRef<AppState>>::from_ref(self)
    }
}

fn db_err(e: StoreError) -> AppError {
    tracing::error!("speaker store: {e}");
    AppError::Internal
}

impl Speakers {
    pub fn new(db: Db, config: &crate::config::Config, mail_wake: Arc<Notify>) -> Speakers {
        Speakers {
            db,
            rules: Rules::from_config(config),
            base_url: config.base_url.trim_end_matches('/').to_string(),
            outbox: Outbox::from_config(config, mail_wake),
        }
    }

    /// Queues, in `tx`, a mail with a new personal link for `speaker` of `event`, in `lang`.
    async fn queue_link(
        &self,
        tx: &mut Tx,
        event: &events::StoredEvent,
        speaker: &SpeakerRow,
        lang: Lang,
    ) -> Result<(), ProgrammeError> {
        if speaker.contact_email.is_empty() {
            return Err(Problem::NoContactAddress.into());
        }
        let now = Utc::now();
        let (token, hash) = new_token()
            .map_err(|_| ProgrammeError::Store(StoreError::Corrupt("no random source".into())))?;
        store::add_link_tx(tx, speaker.id, &hash, lang.code(), now).await?;
        let url = format!("{}/s/{token}", self.base_url);
        let e = &event.view;
        let mut mail = crate::mail::speaker::render_link(
            lang,
            &speaker.name,
            &speaker.contact_email,
            e.title_in(lang).text,
            &format_span(lang, e.starts_at, e.ends_at),
            &url,
            self.outbox.message_id(),
        );
        mail.link = Some(outbox::MailLink {
            token,
            kind: outbox::LinkKind::Speaker,
            owner: speaker.id,
        });
        self.outbox.queue(tx, &mail, now).await?;
        Ok(())
    }

    /// Mails speaker `id` of event `slug` a new personal link (earlier links keep working).
    pub async fn send_link(&self, slug: &str, id: i64, lang: Lang) -> Result<(), ProgrammeError> {
        let event = events::by_slug(&self.db, slug)
            .await?
            .ok_or(ProgrammeError::NotFound)?;
        let mut tx = self.db.begin_write().await?;
        let speaker = store::speaker_tx(&mut tx, event.id, id)
            .await?
            .ok_or(ProgrammeError::NotFound)?;
        self.queue_link(&mut tx, &event, &speaker, lang).await?;
        tx.commit().await?;
        self.outbox.wake();
        tracing::info!(event = slug, speaker = id, "speaker link mailed");
        Ok(())
    }

    /// Mails every speaker of event `slug` with a contact address their link (the demo);
    /// returns how many mails were queued.
    pub async fn send_all_links(&self, slug: &str, lang: Lang) -> Result<usize, ProgrammeError> {
        let event = events::by_slug(&self.db, slug)
            .await?
            .ok_or(ProgrammeError::NotFound)?;
        let programme = programme_store::of_event(&self.db, event.id).await?;
        let mut tx = self.db.begin_write().await?;
        let mut sent = 0;
        for speaker in programme
            .speakers
            .iter()
            .filter(|s| !s.contact_email.is_empty())
        {
            self.queue_link(&mut tx, &event, speaker, lang).await?;
            sent += 1;
        }
        tx.commit().await?;
        self.outbox.wake();
        Ok(sent)
    }

    /// The speaker and event behind `token`, or why the link does not work.
    async fn resolve(&self, token: &str) -> Result<(SpeakerRow, events::StoredEvent), AppError> {
        if !is_token_format(token) {
            return Err(AppError::InvalidLink);
        }
        let speaker = store::by_token(&self.db, &hash_token(token))
            .await
            .map_err(db_err)?
            .ok_or(AppError::InvalidLink)?;
        let event = events::by_id(&self.db, speaker.event_id)
            .await
            .map_err(db_err)?
            .ok_or(AppError::InvalidLink)?;
        if self.rules.link_expired(&event.view, Utc::now()) {
            return Err(AppError::LinkExpired);
        }
        Ok((speaker, event))
    }

    /// The speaker page behind `token` (opening it changes nothing).
    pub async fn open(&self, token: &str) -> Result<SpeakerPage, AppError> {
        let (speaker, event) = self.resolve(token).await?;
        let programme = programme_store::of_event(&self.db, event.id)
            .await
            .map_err(db_err)?;
        let sessions = session_views(&programme).map_err(db_err)?;
        let minutes = |s: &super::model::SessionView| (s.ends_at - s.starts_at).num_minutes();
        let neighbour = |s: &super::model::SessionView| Neighbour {
            title: s.title.clone(),
            starts_at: s.starts_at,
            minutes: minutes(s),
            speakers: s.speakers.iter().map(|k| k.name.clone()).collect(),
        };
        let slots = sessions
            .iter()
            .enumerate()
            .filter(|(_, s)| s.speakers.iter().any(|k| k.id == speaker.id))
            .map(|(i, s)| SpeakerSlot {
                session: s.clone(),
                minutes: minutes(s),
                before: i
                    .checked_sub(1)
                    .and_then(|j| sessions.get(j))
                    .map(neighbour),
                after: sessions.get(i + 1).map(neighbour),
            })
            .collect();
        let mut audience: Vec<(crate::i18n::T, i64)> = Vec::new();
        for (code, n) in store::confirmed_by_org_type(&self.db, event.id)
            .await
            .map_err(db_err)?
        {
            let label = OrgType::parse(&code).unwrap_or(OrgType::Other).label();
            match audience.iter_mut().find(|(l, _)| *l == label) {
                Some((_, m)) => *m += n,
                None => audience.push((label, n)),
            }
        }
        audience.sort_by_key(|a| std::cmp::Reverse(a.1));
        let e = event.view;
        Ok(SpeakerPage {
            speaker: speaker.view(),
            event_slug: e.slug,
            event_title: e.title,
            event_published: e.published,
            venue_name: e.venue_name,
            venue_address: e.venue_address,
            starts_at: e.starts_at,
            ends_at: e.ends_at,
            organiser_name: e.organiser_name,
            organiser_email: e.organiser_email,
            times_illustrative: programme.times_illustrative,
            slots,
            audience,
        })
    }

    /// Saves the speaker's own profile change; a refused one writes nothing.
    pub async fn update_profile(
        &self,
        token: &str,
        input: &ProfileInput,
    ) -> Result<ProfileOutcome, AppError> {
        let (speaker, event) = self.resolve(token).await?;
        let valid = match input.validate() {
            Ok(v) => v,
            Err(errors) => return Ok(ProfileOutcome::Invalid(errors)),
        };
        let now = Utc::now();
        let mut tx = self.db.begin_write().await.map_err(db_err)?;
        store::update_profile_tx(
            &mut tx,
            speaker.id,
            &valid.name,
            &valid.role,
            &valid.organisation,
            &valid.bio,
            now,
        )
        .await
        .map_err(db_err)?;
        programme_store::touch_tx(&mut tx, event.id, now)
            .await
            .map_err(db_err)?;
        tx.commit().await.map_err(db_err)?;
        tracing::info!(speaker = speaker.id, "speaker changed their profile");
        Ok(ProfileOutcome::Saved)
    }

    /// Whether `token` is a working speaker link (checked before an upload is read).
    pub async fn check_link(&self, token: &str) -> Result<(), AppError> {
        self.resolve(token).await.map(|_| ())
    }

    /// Checks, re-encodes and stores the speaker's photo (replacing any earlier one); a
    /// refused upload stores nothing.
    pub async fn set_photo(&self, token: &str, bytes: Vec<u8>) -> Result<PhotoOutcome, AppError> {
        let (speaker, _) = self.resolve(token).await?;
        self.store_photo(speaker.id, bytes, "speaker changed their photo")
            .await
    }

    /// Deletes the speaker's photo (nothing to delete is fine).
    pub async fn remove_photo(&self, token: &str) -> Result<(), AppError> {
        let (speaker, _) = self.resolve(token).await?;
        self.delete_photo(speaker.id, "speaker removed their photo")
            .await
    }

    /// Speaker `id` of event `slug`, for a coordinator (authorised by the caller).
    async fn of_event(&self, slug: &str, id: i64) -> Result<SpeakerRow, AppError> {
        let event = events::by_slug(&self.db, slug)
            .await
            .map_err(db_err)?
            .ok_or(AppError::NotFound)?;
        // A lookup only: a read transaction, no write lock.
        let mut tx = self.db.begin_read().await.map_err(db_err)?;
        let speaker = store::speaker_tx(&mut tx, event.id, id)
            .await
            .map_err(db_err)?
            .ok_or(AppError::NotFound)?;
        tx.commit().await.map_err(db_err)?;
        Ok(speaker)
    }

    /// [`Speakers::set_photo`] for a coordinator: the photo of speaker `id` of event `slug`.
    pub async fn set_photo_of(
        &self,
        slug: &str,
        id: i64,
        bytes: Vec<u8>,
    ) -> Result<PhotoOutcome, AppError> {
        let speaker = self.of_event(slug, id).await?;
        self.store_photo(speaker.id, bytes, "a coordinator changed a speaker's photo")
            .await
    }

    /// [`Speakers::remove_photo`] for a coordinator.
    pub async fn remove_photo_of(&self, slug: &str, id: i64) -> Result<(), AppError> {
        let speaker = self.of_event(slug, id).await?;
        self.delete_photo(speaker.id, "a coordinator removed a speaker's photo")
            .await
    }

    async fn store_photo(
        &self,
        speaker: i64,
        bytes: Vec<u8>,
        what: &str,
    ) -> Result<PhotoOutcome, AppError> {
        let processed = {
            let _permit = PHOTO_WORK.acquire().await.map_err(|_| AppError::Internal)?;
            tokio::task::spawn_blocking(move || photo_codec::process(&bytes))
                .await
                .map_err(|e| {
                    tracing::error!("photo processing: {e}");
                    AppError::Internal
                })?
        };
        let p = match processed {
            Ok(p) => p,
            Err(problem) => {
                tracing::info!(speaker, ?problem, "speaker photo refused");
                return Ok(PhotoOutcome::Refused(problem));
            }
        };
        let mut tx = self.db.begin_write().await.map_err(db_err)?;
        store::set_photo_tx(
            &mut tx,
            speaker,
            photo_codec::CONTENT_TYPE,
            &p.bytes,
            &p.hash,
            p.width,
            p.height,
            Utc::now(),
        )
        .await
        .map_err(db_err)?;
        tx.commit().await.map_err(db_err)?;
        tracing::info!(speaker, bytes = p.bytes.len(), "{what}");
        Ok(PhotoOutcome::Saved)
    }

    async fn delete_photo(&self, speaker: i64, what: &str) -> Result<(), AppError> {
        let mut tx = self.db.begin_write().await.map_err(db_err)?;
        store::delete_photo_tx(&mut tx, speaker)
            .await
            .map_err(db_err)?;
        tx.commit().await.map_err(db_err)?;
        tracing::info!(speaker, "{what}");
        Ok(())
    }
}
