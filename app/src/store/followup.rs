//! SQL of the follow-up: the people of an event as the follow-up sees them (with their
//! consent to share and whether they checked in), the published seats, which people were
//! mailed (one row each, with the hash of their answer link), their answers per need, and
//! the anonymous counts the privacy purge keeps (`followup_kept`, JSON).

use super::{from_json_list, Db, StoreError, Tx};
use crate::{on_db, on_tx};
use chrono::{DateTime, Utc};

/// A confirmed registration as the follow-up sees it.
#[derive(Clone, Debug, PartialEq)]
pub struct FollowupPerson {
    pub id: i64,
    pub first_name: String,
    pub last_name: String,
    pub organisation: String,
    pub email: String,
    pub lang: String,
    pub share_contact: bool,
    pub checked_in: bool,
    pub offers: Vec<String>,
    pub needs: Vec<String>,
}

#[derive(sqlx::FromRow)]
struct RawPerson {
    id: i64,
    first_name: String,
    last_name: String,
    organisation: String,
    email: String,
    lang: String,
    share_contact: bool,
    checked_in: bool,
    offers: String,
    needs: String,
}

impl TryFrom<RawPerson> for FollowupPerson {
    type Error = StoreError;
    fn try_from(r: RawPerson) -> Result<Self, StoreError> {
        Ok(FollowupPerson {
            id: r.id,
            first_name: r.first_name,
            last_name: r.last_name,
            organisation: r.organisation,
            email: r.email,
            lang: r.lang,
            share_contact: r.share_contact,
            checked_in: r.checked_in,
            offers: from_json_list(&r.offers)?,
            needs: from_json_list(&r.needs)?,
        })
    }
}

const PEOPLE: &str = "SELECT id, first_name, last_name, organisation, email, lang, share_contact, \
     checked_in_at IS NOT NULL AS checked_in, offers, needs FROM registrations \
     WHERE event_id = $1 AND status = 'confirmed' ORDER BY last_name, first_name, id";

/// The confirmed registrations of an event, by name.
pub async fn people_tx(tx: &mut Tx, event_id: i64) -> Result<Vec<FollowupPerson>, StoreError> {
    let rows: Vec<RawPerson> = on_tx!(tx, c => {
        sqlx::query_as(PEOPLE).bind(event_id).fetch_all(c).await?
    });
    rows.into_iter().map(FollowupPerson::try_from).collect()
}

/// The event's published seats: (registration id, round, table name).
pub async fn seats_tx(tx: &mut Tx, event_id: i64) -> Result<Vec<(i64, i64, String)>, StoreError> {
    Ok(on_tx!(tx, c => {
        sqlx::query_as("SELECT registration_id, round, table_name FROM planner_seats WHERE event_id = $1 ORDER BY registration_id, round")
            .bind(event_id)
            .fetch_all(c)
            .await?
    }))
}

/// The registrations of the event that were sent the follow-up mail.
pub async fn sent_tx(tx: &mut Tx, event_id: i64) -> Result<Vec<i64>, StoreError> {
    Ok(on_tx!(tx, c => {
        sqlx::query_scalar("SELECT registration_id FROM followup_sent WHERE event_id = $1 ORDER BY registration_id")
            .bind(event_id)
            .fetch_all(c)
            .await?
    }))
}

/// Records that registration `id` is sent the follow-up mail with the answer link whose
/// token hashes to `token_hash`; `false` (and nothing changes) when it was sent before.
pub async fn mark_sent(
    tx: &mut Tx,
    id: i64,
    event_id: i64,
    token_hash: &str,
    now: DateTime<Utc>,
) -> Result<bool, StoreError> {
    let n = on_tx!(tx, c => {
        sqlx::query(
            "INSERT INTO followup_sent (registration_id, event_id, token_hash, sent_at) VALUES ($1, $2, $3, $4) \
             ON CONFLICT (registration_id) DO NOTHING",
        )
        .bind(id)
        .bind(event_id)
        .bind(token_hash)
        .bind(now)
        .execute(c)
        .await?
        .rows_affected()
    });
    Ok(n == 1)
}

/// The registration and event an answer link belongs to.
pub async fn by_token(db: &Db, token_hash: &str) -> Result<Option<(i64, i64)>, StoreError> {
    Ok(on_db!(db, p => {
        sqlx::query_as("SELECT registration_id, event_id FROM followup_sent WHERE token_hash = $1")
            .bind(token_hash)
            .fetch_optional(p)
            .await?
    }))
}

/// One person's answers: (topic code, answer code).
pub async fn answers_of(db: &Db, id: i64) -> Result<Vec<(String, String)>, StoreError> {
    Ok(on_db!(db, p => {
        sqlx::query_as("SELECT topic, answer FROM followup_answers WHERE registration_id = $1 ORDER BY topic")
            .bind(id)
            .fetch_all(p)
            .await?
    }))
}

/// Replaces one person's answers with `answers` (topic code, answer code).
pub async fn save_answers(
    tx: &mut Tx,
    id: i64,
    answers: &[(String, &str)],
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    on_tx!(tx, c => {
        sqlx::query("DELETE FROM followup_answers WHERE registration_id = $1")
            .bind(id)
            .execute(&mut *c)
            .await?;
        for (topic, answer) in answers {
            sqlx::query("INSERT INTO followup_answers (registration_id, topic, answer, answered_at) VALUES ($1, $2, $3, $4)")
                .bind(id)
                .bind(topic)
                .bind(*answer)
                .bind(now)
                .execute(&mut *c)
                .await?;
        }
    });
    Ok(())
}

/// The answers of everyone mailed for an event: (registration id, topic code, answer code).
pub async fn event_answers_tx(
    tx: &mut Tx,
    event_id: i64,
) -> Result<Vec<(i64, String, String)>, StoreError> {
    Ok(on_tx!(tx, c => {
        sqlx::query_as(
            "SELECT a.registration_id, a.topic, a.answer FROM followup_answers a \
             JOIN followup_sent s ON s.registration_id = a.registration_id \
             WHERE s.event_id = $1 ORDER BY a.registration_id, a.topic",
        )
        .bind(event_id)
        .fetch_all(c)
        .await?
    }))
}

/// Keeps `summary` (JSON counts, no people) as event `event_id`'s follow-up after a purge.
pub async fn keep_tx(
    tx: &mut Tx,
    event_id: i64,
    summary: &str,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    on_tx!(tx, c => {
        sqlx::query("DELETE FROM followup_kept WHERE event_id = $1").bind(event_id).execute(&mut *c).await?;
        sqlx::query("INSERT INTO followup_kept (event_id, summary, kept_at) VALUES ($1, $2, $3)")
            .bind(event_id)
            .bind(summary)
            .bind(now)
            .execute(&mut *c)
            .await?;
    });
    Ok(())
}

/// The counts a purge kept of event `event_id`'s follow-up, and when.
pub async fn kept_tx(
    tx: &mut Tx,
    event_id: i64,
) -> Result<Option<(String, DateTime<Utc>)>, StoreError> {
    Ok(on_tx!(tx, c => {
        sqlx::query_as("SELECT summary, kept_at FROM followup_kept WHERE event_id = $1")
            .bind(event_id)
            .fetch_optional(c)
            .await?
    }))
}
