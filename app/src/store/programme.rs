//! Programme rows: sessions, speakers (with their private contact address, which stays in
//! [`SpeakerRow`] and out of every view), the session–speaker links and the per-event
//! programme record (times illustrative, last change).

use super::{Db, StoreError, Tx};
use crate::programme::model::{SessionKind, SpeakerView, ValidSession, ValidSpeaker};
use crate::programme::photo::PhotoRef;
use crate::{on_db, on_tx};
use chrono::{DateTime, Utc};

/// A session as stored (server side).
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct SessionRow {
    pub id: i64,
    pub event_id: i64,
    pub title: String,
    pub description: String,
    pub kind: String,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub room: String,
    pub position: i64,
    pub sequence: i64,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl SessionRow {
    pub fn kind(&self) -> Result<SessionKind, StoreError> {
        SessionKind::parse(&self.kind)
            .ok_or_else(|| StoreError::Corrupt(format!("session kind {}", self.kind)))
    }
}

/// A speaker as stored, contact address included (server side only).
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct SpeakerRow {
    pub id: i64,
    pub event_id: i64,
    pub name: String,
    pub role: String,
    pub organisation: String,
    pub bio: String,
    pub contact_email: String,
    /// The stored photo's hash, width and height (`speaker_photos`), if there is one.
    pub photo_hash: Option<String>,
    pub photo_width: Option<i64>,
    pub photo_height: Option<i64>,
}

/// The columns of a [`SpeakerRow`], for a query on `programme_speakers k` with
/// [`SPEAKER_PHOTO_JOIN`].
pub const SPEAKER_COLUMNS: &str = "k.id, k.event_id, k.name, k.role, k.organisation, k.bio, \
     k.contact_email, ph.hash AS photo_hash, ph.width AS photo_width, ph.height AS photo_height";

/// Joins each speaker's photo (if any) as `ph`.
pub const SPEAKER_PHOTO_JOIN: &str = "LEFT JOIN speaker_photos ph ON ph.speaker_id = k.id";

impl SpeakerRow {
    /// The public profile: everything but the contact address.
    pub fn view(&self) -> SpeakerView {
        SpeakerView {
            id: self.id,
            name: self.name.clone(),
            role: self.role.clone(),
            organisation: self.organisation.clone(),
            bio: self.bio.clone(),
            photo: self.photo(),
        }
    }

    /// Where the speaker's photo is served, and its size.
    pub fn photo(&self) -> Option<PhotoRef> {
        let hash = self.photo_hash.as_deref()?;
        Some(PhotoRef {
            url: PhotoRef::path(self.id, hash),
            width: u32::try_from(self.photo_width?).ok()?,
            height: u32::try_from(self.photo_height?).ok()?,
        })
    }
}

/// An event's programme as stored.
pub struct StoredProgramme {
    pub sessions: Vec<SessionRow>,
    pub speakers: Vec<SpeakerRow>,
    /// (session id, speaker id), in speaking order per session.
    pub links: Vec<(i64, i64)>,
    pub times_illustrative: bool,
    pub updated_at: Option<DateTime<Utc>>,
}

const SESSION_COLUMNS: &str = "id, event_id, title, description, kind, starts_at, ends_at, room, \
     position, sequence, created_at, updated_at";

/// The programme of event `event_id`, sessions by start time.
pub async fn of_event(db: &Db, event_id: i64) -> Result<StoredProgramme, StoreError> {
    let (sessions, speakers, links, meta) = on_db!(db, p => {
        let sessions: Vec<SessionRow> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "SELECT {SESSION_COLUMNS} FROM programme_sessions WHERE event_id = $1 \
             ORDER BY starts_at, ends_at, position, id"
        )))
        .bind(event_id)
        .fetch_all(p)
        .await?;
        let speakers: Vec<SpeakerRow> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "SELECT {SPEAKER_COLUMNS} FROM programme_speakers k {SPEAKER_PHOTO_JOIN} \
             WHERE k.event_id = $1 ORDER BY k.id"
        )))
        .bind(event_id)
        .fetch_all(p)
        .await?;
        let links: Vec<(i64, i64)> = sqlx::query_as(
            "SELECT l.session_id, l.speaker_id FROM programme_session_speakers l \
             JOIN programme_sessions s ON s.id = l.session_id \
             WHERE s.event_id = $1 ORDER BY l.session_id, l.position",
        )
        .bind(event_id)
        .fetch_all(p)
        .await?;
        let meta: Option<(bool, DateTime<Utc>)> = sqlx::query_as(
            "SELECT times_illustrative, updated_at FROM programmes WHERE event_id = $1",
        )
        .bind(event_id)
        .fetch_optional(p)
        .await?;
        (sessions, speakers, links, meta)
    });
    Ok(StoredProgramme {
        sessions,
        speakers,
        links,
        times_illustrative: meta.is_some_and(|m| m.0),
        updated_at: meta.map(|m| m.1),
    })
}

/// Records a change to the programme at `now` (the feed's last modification).
pub async fn touch_tx(tx: &mut Tx, event_id: i64, now: DateTime<Utc>) -> Result<(), StoreError> {
    on_tx!(tx, c => {
        sqlx::query(
            "INSERT INTO programmes (event_id, times_illustrative, updated_at) VALUES ($1, FALSE, $2) \
             ON CONFLICT (event_id) DO UPDATE SET updated_at = excluded.updated_at",
        )
        .bind(event_id)
        .bind(now)
        .execute(c)
        .await?;
    });
    Ok(())
}

/// Says whether the times of event `event_id`'s programme are only an example.
pub async fn set_times_illustrative_tx(
    tx: &mut Tx,
    event_id: i64,
    illustrative: bool,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    touch_tx(tx, event_id, now).await?;
    on_tx!(tx, c => {
        sqlx::query("UPDATE programmes SET times_illustrative = $1 WHERE event_id = $2")
            .bind(illustrative)
            .bind(event_id)
            .execute(c)
            .await?;
    });
    Ok(())
}

/// The event's sessions, read inside a write transaction (for the conflict checks).
pub async fn sessions_tx(tx: &mut Tx, event_id: i64) -> Result<Vec<SessionRow>, StoreError> {
    let rows = on_tx!(tx, c => {
        sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "SELECT {SESSION_COLUMNS} FROM programme_sessions WHERE event_id = $1 ORDER BY starts_at, id"
        )))
        .bind(event_id)
        .fetch_all(c)
        .await?
    });
    Ok(rows)
}

/// (session id, speaker id) of the event's sessions, inside a write transaction.
pub async fn links_tx(tx: &mut Tx, event_id: i64) -> Result<Vec<(i64, i64)>, StoreError> {
    let rows = on_tx!(tx, c => {
        sqlx::query_as(
            "SELECT l.session_id, l.speaker_id FROM programme_session_speakers l \
             JOIN programme_sessions s ON s.id = l.session_id \
             WHERE s.event_id = $1 ORDER BY l.session_id, l.position",
        )
        .bind(event_id)
        .fetch_all(c)
        .await?
    });
    Ok(rows)
}

/// The ids of the event's speakers, inside a write transaction.
pub async fn speaker_ids_tx(tx: &mut Tx, event_id: i64) -> Result<Vec<i64>, StoreError> {
    let rows: Vec<(i64,)> = on_tx!(tx, c => {
        sqlx::query_as("SELECT id FROM programme_speakers WHERE event_id = $1")
            .bind(event_id)
            .fetch_all(c)
            .await?
    });
    Ok(rows.into_iter().map(|r| r.0).collect())
}

async fn set_links_tx(tx: &mut Tx, session: i64, speakers: &[i64]) -> Result<(), StoreError> {
    on_tx!(tx, c => {
        sqlx::query("DELETE FROM programme_session_speakers WHERE session_id = $1")
            .bind(session)
            .execute(&mut *c)
            .await?;
        for (i, speaker) in speakers.iter().enumerate() {
            sqlx::query(
                "INSERT INTO programme_session_speakers (session_id, speaker_id, position) VALUES ($1, $2, $3)",
            )
            .bind(session)
            .bind(speaker)
            .bind(i as i64)
            .execute(&mut *c)
            .await?;
        }
    });
    Ok(())
}

/// Inserts a session with its speakers at the end of the running order; returns its id.
pub async fn insert_session_tx(
    tx: &mut Tx,
    event_id: i64,
    s: &ValidSession,
    now: DateTime<Utc>,
) -> Result<i64, StoreError> {
    let (id,): (i64,) = on_tx!(tx, c => {
        sqlx::query_as(
            "INSERT INTO programme_sessions \
             (event_id, title, description, kind, starts_at, ends_at, room, position, sequence, created_at, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, \
               (SELECT COALESCE(MAX(position), 0) + 1 FROM programme_sessions WHERE event_id = $1), \
               0, $8, $8) RETURNING id",
        )
        .bind(event_id)
        .bind(s.title())
        .bind(s.description())
        .bind(s.kind().code())
        .bind(s.starts_at())
        .bind(s.ends_at())
        .bind(s.room())
        .bind(now)
        .fetch_one(c)
        .await?
    });
    set_links_tx(tx, id, s.speakers()).await?;
    touch_tx(tx, event_id, now).await?;
    Ok(id)
}

/// Replaces session `id` of event `event_id`; its SEQUENCE goes up by one. Returns whether
/// the session existed.
pub async fn update_session_tx(
    tx: &mut Tx,
    event_id: i64,
    id: i64,
    s: &ValidSession,
    now: DateTime<Utc>,
) -> Result<bool, StoreError> {
    let done = on_tx!(tx, c => {
        sqlx::query(
            "UPDATE programme_sessions SET title = $1, description = $2, kind = $3, starts_at = $4, \
             ends_at = $5, room = $6, sequence = sequence + 1, updated_at = $7 \
             WHERE id = $8 AND event_id = $9",
        )
        .bind(s.title())
        .bind(s.description())
        .bind(s.kind().code())
        .bind(s.starts_at())
        .bind(s.ends_at())
        .bind(s.room())
        .bind(now)
        .bind(id)
        .bind(event_id)
        .execute(c)
        .await?
        .rows_affected()
    });
    if done == 0 {
        return Ok(false);
    }
    set_links_tx(tx, id, s.speakers()).await?;
    touch_tx(tx, event_id, now).await?;
    Ok(true)
}

/// Deletes session `id` of event `event_id` (and its links). Returns whether it existed.
pub async fn delete_session_tx(
    tx: &mut Tx,
    event_id: i64,
    id: i64,
    now: DateTime<Utc>,
) -> Result<bool, StoreError> {
    let done = on_tx!(tx, c => {
        sqlx::query("DELETE FROM programme_session_speakers WHERE session_id = $1")
            .bind(id)
            .execute(&mut *c)
            .await?;
        sqlx::query("DELETE FROM programme_sessions WHERE id = $1 AND event_id = $2")
            .bind(id)
            .bind(event_id)
            .execute(&mut *c)
            .await?
            .rows_affected()
    });
    if done > 0 {
        touch_tx(tx, event_id, now).await?;
    }
    Ok(done > 0)
}

/// Inserts a speaker; returns their id.
pub async fn insert_speaker_tx(
    tx: &mut Tx,
    event_id: i64,
    s: &ValidSpeaker,
    now: DateTime<Utc>,
) -> Result<i64, StoreError> {
    let (id,): (i64,) = on_tx!(tx, c => {
        sqlx::query_as(
            "INSERT INTO programme_speakers \
             (event_id, name, role, organisation, bio, contact_email, created_at, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $7) RETURNING id",
        )
        .bind(event_id)
        .bind(&s.name)
        .bind(&s.role)
        .bind(&s.organisation)
        .bind(&s.bio)
        .bind(&s.contact_email)
        .bind(now)
        .fetch_one(c)
        .await?
    });
    touch_tx(tx, event_id, now).await?;
    Ok(id)
}

/// Replaces speaker `id` of event `event_id`; the sessions they speak in count as changed
/// (SEQUENCE + 1, their calendar entries name the speaker). Returns whether they existed.
pub async fn update_speaker_tx(
    tx: &mut Tx,
    event_id: i64,
    id: i64,
    s: &ValidSpeaker,
    now: DateTime<Utc>,
) -> Result<bool, StoreError> {
    let done = on_tx!(tx, c => {
        let done = sqlx::query(
            "UPDATE programme_speakers SET name = $1, role = $2, organisation = $3, bio = $4, \
             contact_email = $5, updated_at = $6 WHERE id = $7 AND event_id = $8",
        )
        .bind(&s.name)
        .bind(&s.role)
        .bind(&s.organisation)
        .bind(&s.bio)
        .bind(&s.contact_email)
        .bind(now)
        .bind(id)
        .bind(event_id)
        .execute(&mut *c)
        .await?
        .rows_affected();
        if done > 0 {
            sqlx::query(
                "UPDATE programme_sessions SET sequence = sequence + 1, updated_at = $1 \
                 WHERE id IN (SELECT session_id FROM programme_session_speakers WHERE speaker_id = $2)",
            )
            .bind(now)
            .bind(id)
            .execute(&mut *c)
            .await?;
        }
        done
    });
    if done > 0 {
        touch_tx(tx, event_id, now).await?;
    }
    Ok(done > 0)
}

/// Deletes speaker `id` of event `event_id` and takes them off their sessions (which count
/// as changed). Returns whether they existed.
pub async fn delete_speaker_tx(
    tx: &mut Tx,
    event_id: i64,
    id: i64,
    now: DateTime<Utc>,
) -> Result<bool, StoreError> {
    let done = on_tx!(tx, c => {
        sqlx::query(
            "UPDATE programme_sessions SET sequence = sequence + 1, updated_at = $1 \
             WHERE id IN (SELECT session_id FROM programme_session_speakers WHERE speaker_id = $2)",
        )
        .bind(now)
        .bind(id)
        .execute(&mut *c)
        .await?;
        sqlx::query("DELETE FROM programme_session_speakers WHERE speaker_id = $1")
            .bind(id)
            .execute(&mut *c)
            .await?;
        sqlx::query("DELETE FROM programme_speakers WHERE id = $1 AND event_id = $2")
            .bind(id)
            .bind(event_id)
            .execute(&mut *c)
            .await?
            .rows_affected()
    });
    if done > 0 {
        touch_tx(tx, event_id, now).await?;
    }
    Ok(done > 0)
}

/// One session of the running order in a mail.
pub struct OutlineItem {
    pub starts_at: DateTime<Utc>,
    pub kind: String,
    pub title: String,
    /// The speakers' names in speaking order.
    pub speakers: Vec<String>,
}

/// The running order of event `slug` for a mail, read in `tx`, sessions in time order.
pub async fn outline_tx(tx: &mut Tx, slug: &str) -> Result<Vec<OutlineItem>, StoreError> {
    type SessionCols = (i64, DateTime<Utc>, String, String);
    let (sessions, names): (Vec<SessionCols>, Vec<(i64, String)>) = on_tx!(tx, c => {
        let sessions = sqlx::query_as(
            "SELECT s.id, s.starts_at, s.kind, s.title FROM programme_sessions s \
             JOIN events e ON e.id = s.event_id WHERE e.slug = $1 \
             ORDER BY s.starts_at, s.ends_at, s.position, s.id",
        )
        .bind(slug)
        .fetch_all(&mut *c)
        .await?;
        let names = sqlx::query_as(
            "SELECT l.session_id, k.name FROM programme_session_speakers l \
             JOIN programme_speakers k ON k.id = l.speaker_id \
             JOIN programme_sessions s ON s.id = l.session_id \
             JOIN events e ON e.id = s.event_id WHERE e.slug = $1 \
             ORDER BY l.session_id, l.position",
        )
        .bind(slug)
        .fetch_all(&mut *c)
        .await?;
        (sessions, names)
    });
    Ok(sessions
        .into_iter()
        .map(|(id, starts_at, kind, title)| OutlineItem {
            starts_at,
            kind,
            title,
            speakers: names
                .iter()
                .filter(|(s, _)| *s == id)
                .map(|(_, n)| n.clone())
                .collect(),
        })
        .collect())
}

/// One attendee to tell about a programme change.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct NoticeRecipient {
    pub id: i64,
    pub email: String,
    pub first_name: String,
    pub lang: String,
}

/// The confirmed registrations of event `event_id` (the people a programme change concerns).
pub async fn confirmed_recipients_tx(
    tx: &mut Tx,
    event_id: i64,
) -> Result<Vec<NoticeRecipient>, StoreError> {
    let rows = on_tx!(tx, c => {
        sqlx::query_as(
            "SELECT id, email, first_name, lang FROM registrations \
             WHERE event_id = $1 AND status = 'confirmed' ORDER BY id",
        )
        .bind(event_id)
        .fetch_all(c)
        .await?
    });
    Ok(rows)
}
