//! Speakers' personal links and what their page needs: the hashed link tokens
//! (`speaker_tokens`), the speaker a link opens, their own profile change, the language of
//! their mails, and the number of confirmed attendees per organisation type.

use super::programme::SpeakerRow;
use super::{Db, StoreError, Tx};
use crate::{on_db, on_tx};
use chrono::{DateTime, Utc};

const SPEAKER_COLUMNS: &str =
    "k.id, k.event_id, k.name, k.role, k.organisation, k.bio, k.contact_email";

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
            "SELECT {SPEAKER_COLUMNS} FROM programme_speakers k \
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
            "SELECT {SPEAKER_COLUMNS} FROM programme_speakers k WHERE k.id = $1 AND k.event_id = $2"
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
