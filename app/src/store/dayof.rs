//! Day-of rows (issue 10): check-in codes on the personal links, the check-in URL of a
//! queued mail's QR code, checking a person in once, and the published seats for badges
//! and personal schedules.

use super::{Db, StoreError, Tx};
use crate::{on_db, on_tx};
use chrono::{DateTime, Utc};

/// Fills in the check-in hash of links made before check-in codes existed (once, at start;
/// a no-op afterwards). `hash_for` maps a link's token hash to its check-in hash.
pub async fn backfill_checkin_hashes(
    db: &Db,
    hash_for: impl Fn(&str) -> String,
) -> Result<usize, StoreError> {
    let missing: Vec<String> = on_db!(db, p => {
        sqlx::query_scalar("SELECT token_hash FROM manage_tokens WHERE checkin_hash IS NULL")
            .fetch_all(p)
            .await?
    });
    for token_hash in &missing {
        on_db!(db, p => {
            sqlx::query("UPDATE manage_tokens SET checkin_hash = $1 WHERE token_hash = $2 AND checkin_hash IS NULL")
                .bind(hash_for(token_hash))
                .bind(token_hash)
                .execute(p)
                .await?;
        });
    }
    Ok(missing.len())
}

/// Sets the check-in hash of the link `token_hash` (made in the same transaction).
pub async fn set_checkin_hash(
    tx: &mut Tx,
    token_hash: &str,
    checkin_hash: &str,
) -> Result<(), StoreError> {
    on_tx!(tx, c => {
        sqlx::query("UPDATE manage_tokens SET checkin_hash = $1 WHERE token_hash = $2")
            .bind(checkin_hash)
            .bind(token_hash)
            .execute(c)
            .await?;
    });
    Ok(())
}

/// Whether the link `token_hash` has a check-in code (every link made since codes exist).
pub async fn link_has_checkin(db: &Db, token_hash: &str) -> Result<bool, StoreError> {
    let n: i64 = on_db!(db, p => {
        sqlx::query_scalar("SELECT COUNT(*) FROM manage_tokens WHERE token_hash = $1 AND checkin_hash IS NOT NULL")
            .bind(token_hash)
            .fetch_one(p)
            .await?
    });
    Ok(n > 0)
}

/// Records the check-in URL that queued mail `outbox_id` shows as a QR code.
pub async fn set_mail_checkin_url(
    tx: &mut Tx,
    outbox_id: i64,
    url: &str,
) -> Result<(), StoreError> {
    on_tx!(tx, c => {
        sqlx::query("UPDATE outbox SET checkin_url = $1 WHERE id = $2")
            .bind(url)
            .bind(outbox_id)
            .execute(c)
            .await?;
    });
    Ok(())
}

/// The check-in URL of outbox mail `outbox_id`, if it carries a QR code.
pub async fn mail_checkin_url(db: &Db, outbox_id: i64) -> Result<Option<String>, StoreError> {
    Ok(on_db!(db, p => {
        sqlx::query_scalar::<_, Option<String>>("SELECT checkin_url FROM outbox WHERE id = $1")
            .bind(outbox_id)
            .fetch_optional(p)
            .await?
            .flatten()
    }))
}

/// The registration a check-in code points to, at one event.
#[derive(Clone, Debug, PartialEq, Eq, sqlx::FromRow)]
pub struct CodeRow {
    pub id: i64,
    pub first_name: String,
    pub last_name: String,
    pub organisation: String,
    pub status: String,
    pub checked_in_at: Option<DateTime<Utc>>,
}

/// The registration of event `event_id` whose link has check-in hash `checkin_hash`.
pub async fn by_checkin_hash(
    db: &Db,
    event_id: i64,
    checkin_hash: &str,
) -> Result<Option<CodeRow>, StoreError> {
    Ok(on_db!(db, p => {
        sqlx::query_as(
            "SELECT r.id, r.first_name, r.last_name, r.organisation, r.status, r.checked_in_at \
             FROM manage_tokens t JOIN registrations r ON r.id = t.registration_id \
             WHERE t.checkin_hash = $1 AND r.event_id = $2",
        )
        .bind(checkin_hash)
        .bind(event_id)
        .fetch_optional(p)
        .await?
    }))
}

/// Checks confirmed registration `id` of event `event_id` in at `at` unless it already is;
/// whether this call checked them in.
pub async fn check_in_once(
    db: &Db,
    event_id: i64,
    id: i64,
    at: DateTime<Utc>,
) -> Result<bool, StoreError> {
    let n = on_db!(db, p => {
        sqlx::query(
            "UPDATE registrations SET checked_in_at = $1 \
             WHERE id = $2 AND event_id = $3 AND status = 'confirmed' AND checked_in_at IS NULL",
        )
        .bind(at)
        .bind(id)
        .bind(event_id)
        .execute(p)
        .await?
        .rows_affected()
    });
    Ok(n == 1)
}

/// Marks registration `id` as arrived at `at` (a walk-in, inside its registration's transaction).
pub async fn set_checked_in_tx(tx: &mut Tx, id: i64, at: DateTime<Utc>) -> Result<(), StoreError> {
    on_tx!(tx, c => {
        sqlx::query("UPDATE registrations SET checked_in_at = $1 WHERE id = $2")
            .bind(at)
            .bind(id)
            .execute(c)
            .await?;
    });
    Ok(())
}

/// One published seat: (registration, round, table name).
pub async fn published(db: &Db, event_id: i64) -> Result<Vec<(i64, i64, String)>, StoreError> {
    Ok(on_db!(db, p => {
        sqlx::query_as("SELECT registration_id, round, table_name FROM planner_seats WHERE event_id = $1 ORDER BY registration_id, round")
            .bind(event_id)
            .fetch_all(p)
            .await?
    }))
}

/// One confirmed person at the check-in desk.
#[derive(Clone, Debug, PartialEq, Eq, sqlx::FromRow)]
pub struct ArrivalRow {
    pub id: i64,
    pub first_name: String,
    pub last_name: String,
    pub organisation: String,
    pub checked_in_at: Option<DateTime<Utc>>,
}

/// The confirmed registrations of an event with their arrival, by last and first name.
pub async fn arrivals(db: &Db, event_id: i64) -> Result<Vec<ArrivalRow>, StoreError> {
    Ok(on_db!(db, p => {
        sqlx::query_as(
            "SELECT id, first_name, last_name, organisation, checked_in_at FROM registrations \
             WHERE event_id = $1 AND status = 'confirmed' ORDER BY last_name, first_name, id",
        )
        .bind(event_id)
        .fetch_all(p)
        .await?
    }))
}

/// Marks confirmed registration `id` of event `event_id` as arrived at `at` (or not, with
/// `None`); whether there was such a registration.
pub async fn set_arrival(
    db: &Db,
    event_id: i64,
    id: i64,
    at: Option<DateTime<Utc>>,
) -> Result<bool, StoreError> {
    let n = on_db!(db, p => {
        sqlx::query("UPDATE registrations SET checked_in_at = $1 WHERE id = $2 AND event_id = $3 AND status = 'confirmed'")
            .bind(at)
            .bind(id)
            .bind(event_id)
            .execute(p)
            .await?
            .rows_affected()
    });
    Ok(n == 1)
}
