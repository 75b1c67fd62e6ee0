//! Speakers' personal links and what their page needs: the hashed link tokens
//! (`speaker_tokens`), the speaker a link opens, their own profile change and photo
//! (`speaker_photos`), the language of their mails, and the number of confirmed attendees
//! per organisation type.

use super::programme::{SpeakerRow, SPEAKER_COLUMNS, SPEAKER_PHOTO_JOIN};
use super::{Db, StoreError, Tx};
use crate::{on_db, on_tx};
use chrono::{DateTime, Utc};

/// Adds a live link (its hash) for speaker `speaker_id` and remembers `lang` for their mails.
pub async fn add_link_tx(
    tx: &mut Tx,
    speaker_id: i64,
    token_hash: &str,
    lang: &str,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    on_tx!(tx, c => {
        sqlx::query("INSERT INTO speaker_tokens (token_hash, speaker_id, created_at) VALUES ($1, $2, $3)")
            .bind(token_hash)
            .bind(speaker_id)
            .bind(now)
            .execute(&mut *c)
            .await?;
        sqlx::query("UPDATE programme_speakers SET mail_lang = $1 WHERE id = $2")
            .bind(lang)
            .bind(speaker_id)
            .execute(&mut *c)
            .await?;
    });
    Ok(())
}

/// The speaker a link (its hash) opens.
pub async fn by_token(db: &Db, token_hash: &str) -> Result<Option<SpeakerRow>, StoreError> {
    let row = on_db!(db, p => {
        sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "SELECT {SPEAKER_COLUMNS} FROM programme_speakers k {SPEAKER_PHOTO_JOIN} \
             JOIN speaker_tokens t ON t.speaker_id = k.id WHERE t.token_hash = $1"
        )))
        .bind(token_hash)
        .fetch_optional(p)
        .await?
    });
    Ok(row)
}

/// Speaker `id` of event `event_id`, read in `tx`.
pub async fn speaker_tx(
    tx: &mut Tx,
    event_id: i64,
    id: i64,
) -> Result<Option<SpeakerRow>, StoreError> {
    let row = on_tx!(tx, c => {
        sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "SELECT {SPEAKER_COLUMNS} FROM programme_speakers k {SPEAKER_PHOTO_JOIN} \
             WHERE k.id = $1 AND k.event_id = $2"
        )))
        .bind(id)
        .bind(event_id)
        .fetch_optional(c)
        .await?
    });
    Ok(row)
}

/// The language code of speaker `id`'s mails ("nl" until a link went out in another one).
pub async fn mail_lang_tx(tx: &mut Tx, id: i64) -> Result<String, StoreError> {
    let lang: Option<String> = on_tx!(tx, c => {
        sqlx::query_scalar("SELECT mail_lang FROM programme_speakers WHERE id = $1")
            .bind(id)
            .fetch_optional(c)
            .await?
    });
    Ok(lang.unwrap_or_else(|| "nl".into()))
}

/// The speaker's own change: name, role, organisation and bio (not their contact address).
/// The sessions they speak in count as changed (their calendar entries name them).
pub async fn update_profile_tx(
    tx: &mut Tx,
    id: i64,
    name: &str,
    role: &str,
    organisation: &str,
    bio: &str,
    now: DateTime<Utc>,
) -> Result<bool, StoreError> {
    let done = on_tx!(tx, c => {
        let done = sqlx::query(
            "UPDATE programme_speakers SET name = $1, role = $2, organisation = $3, bio = $4, \
             updated_at = $5 WHERE id = $6",
        )
        .bind(name)
        .bind(role)
        .bind(organisation)
        .bind(bio)
        .bind(now)
        .bind(id)
        .execute(&mut *c)
        .await?
        .rows_affected();
        sqlx::query(
            "UPDATE programme_sessions SET sequence = sequence + 1, updated_at = $1 \
             WHERE id IN (SELECT session_id FROM programme_session_speakers WHERE speaker_id = $2)",
        )
        .bind(now)
        .bind(id)
        .execute(&mut *c)
        .await?;
        done
    });
    Ok(done > 0)
}

/// A stored photo: its bytes and what is served with them.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct StoredPhoto {
    pub content_type: String,
    pub bytes: Vec<u8>,
    pub hash: String,
}

/// Stores (or replaces) speaker `id`'s photo.
#[allow(clippy::too_many_arguments)]
pub async fn set_photo_tx(
    tx: &mut Tx,
    id: i64,
    content_type: &str,
    bytes: &[u8],
    hash: &str,
    width: u32,
    height: u32,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    on_tx!(tx, c => {
        sqlx::query(
            "INSERT INTO speaker_photos (speaker_id, content_type, bytes, hash, width, height, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (speaker_id) DO UPDATE SET \
             content_type = excluded.content_type, bytes = excluded.bytes, hash = excluded.hash, \
             width = excluded.width, height = excluded.height, updated_at = excluded.updated_at",
        )
        .bind(id)
        .bind(content_type)
        .bind(bytes)
        .bind(hash)
        .bind(i64::from(width))
        .bind(i64::from(height))
        .bind(now)
        .execute(c)
        .await?;
    });
    Ok(())
}

/// Deletes speaker `id`'s photo; says whether there was one.
pub async fn delete_photo_tx(tx: &mut Tx, id: i64) -> Result<bool, StoreError> {
    let done = on_tx!(tx, c => {
        sqlx::query("DELETE FROM speaker_photos WHERE speaker_id = $1")
            .bind(id)
            .execute(c)
            .await?
            .rows_affected()
    });
    Ok(done > 0)
}

/// Speaker `id`'s photo, if any.
pub async fn photo(db: &Db, id: i64) -> Result<Option<StoredPhoto>, StoreError> {
    let row = on_db!(db, p => {
        sqlx::query_as(
            "SELECT content_type, bytes, hash FROM speaker_photos WHERE speaker_id = $1",
        )
        .bind(id)
        .fetch_optional(p)
        .await?
    });
    Ok(row)
}

/// (organisation type code, number) of the event's confirmed registrations.
pub async fn confirmed_by_org_type(
    db: &Db,
    event_id: i64,
) -> Result<Vec<(String, i64)>, StoreError> {
    let rows = on_db!(db, p => {
        sqlx::query_as(
            "SELECT org_type, COUNT(*) FROM registrations WHERE event_id = $1 AND status = 'confirmed' \
             GROUP BY org_type ORDER BY org_type",
        )
        .bind(event_id)
        .fetch_all(p)
        .await?
    });
    Ok(rows)
}
