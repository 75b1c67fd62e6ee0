//! SQL for coordinator accounts: the account row (e-mail, password hash, failed-login
//! counter), single-use password tokens (stored as SHA-256 hashes) and the dashboard's
//! event counts.

use super::{Db, StoreError, Tx};
use crate::accounts::model::{DashboardEvent, PasswordHash, TokenPurpose};
use crate::{on_db, on_tx};
use chrono::{DateTime, Utc};

/// An account as stored.
#[derive(Clone, Debug)]
pub struct StoredCoordinator {
    pub id: i64,
    pub email: String,
    pub password_hash: Option<PasswordHash>,
    pub failed_logins: i64,
    pub failed_since: Option<DateTime<Utc>>,
}

#[derive(sqlx::FromRow)]
struct Row {
    id: i64,
    email: String,
    password_hash: Option<String>,
    failed_logins: i64,
    failed_since: Option<DateTime<Utc>>,
}

impl From<Row> for StoredCoordinator {
    fn from(r: Row) -> Self {
        StoredCoordinator {
            id: r.id,
            email: r.email,
            password_hash: r.password_hash.map(PasswordHash),
            failed_logins: r.failed_logins,
            failed_since: r.failed_since,
        }
    }
}

const COLS: &str = "id, email, password_hash, failed_logins, failed_since FROM coordinators";

pub async fn by_email(db: &Db, email: &str) -> Result<Option<StoredCoordinator>, StoreError> {
    let row: Option<Row> = on_db!(db, p => {
        sqlx::query_as(sqlx::AssertSqlSafe(format!("SELECT {COLS} WHERE email = $1")))
            .bind(email)
            .fetch_optional(p)
            .await?
    });
    Ok(row.map(Into::into))
}

pub async fn by_id(db: &Db, id: i64) -> Result<Option<StoredCoordinator>, StoreError> {
    let row: Option<Row> = on_db!(db, p => {
        sqlx::query_as(sqlx::AssertSqlSafe(format!("SELECT {COLS} WHERE id = $1")))
            .bind(id)
            .fetch_optional(p)
            .await?
    });
    Ok(row.map(Into::into))
}

/// The account for `email` (normalised by the caller), created without a password if new.
pub async fn upsert(tx: &mut Tx, email: &str, now: DateTime<Utc>) -> Result<i64, StoreError> {
    Ok(on_tx!(tx, c => {
        sqlx::query_scalar(
            "INSERT INTO coordinators (email, created_at) VALUES ($1, $2) \
             ON CONFLICT (email) DO UPDATE SET email = excluded.email RETURNING id",
        )
        .bind(email)
        .bind(now)
        .fetch_one(c)
        .await?
    }))
}

pub async fn set_password(
    tx: &mut Tx,
    id: i64,
    hash: &PasswordHash,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    on_tx!(tx, c => {
        sqlx::query(
            "UPDATE coordinators SET password_hash = $1, password_set_at = $2, failed_logins = 0, \
             failed_since = NULL WHERE id = $3",
        )
        .bind(&hash.0)
        .bind(now)
        .bind(id)
        .execute(c)
        .await?;
    });
    Ok(())
}

/// Counts one failed login: a new window starts when the last one began before `window_start`.
pub async fn record_failure(
    db: &Db,
    id: i64,
    now: DateTime<Utc>,
    window_start: DateTime<Utc>,
) -> Result<(), StoreError> {
    on_db!(db, p => {
        sqlx::query(
            "UPDATE coordinators SET \
             failed_logins = CASE WHEN failed_since IS NULL OR failed_since < $2 THEN 1 ELSE failed_logins + 1 END, \
             failed_since = CASE WHEN failed_since IS NULL OR failed_since < $2 THEN $1 ELSE failed_since END \
             WHERE id = $3",
        )
        .bind(now)
        .bind(window_start)
        .bind(id)
        .execute(p)
        .await?;
    });
    Ok(())
}

pub async fn clear_failures(db: &Db, id: i64) -> Result<(), StoreError> {
    on_db!(db, p => {
        sqlx::query("UPDATE coordinators SET failed_logins = 0, failed_since = NULL WHERE id = $1")
            .bind(id)
            .execute(p)
            .await?;
    });
    Ok(())
}

pub async fn add_token(
    tx: &mut Tx,
    coordinator_id: i64,
    hash: &str,
    purpose: TokenPurpose,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    on_tx!(tx, c => {
        sqlx::query(
            "INSERT INTO password_tokens (token_hash, coordinator_id, purpose, created_at, expires_at) \
             VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(hash)
        .bind(coordinator_id)
        .bind(purpose.code())
        .bind(now)
        .bind(now + purpose.lifetime())
        .execute(c)
        .await?;
    });
    Ok(())
}

/// Marks the token `hash` used if it is unused and not expired at `now`; returns its
/// account. A second use, or one after expiry, gets `None`.
pub async fn take_token(
    tx: &mut Tx,
    hash: &str,
    now: DateTime<Utc>,
) -> Result<Option<i64>, StoreError> {
    Ok(on_tx!(tx, c => {
        sqlx::query_scalar(
            "UPDATE password_tokens SET used_at = $2 \
             WHERE token_hash = $1 AND used_at IS NULL AND expires_at > $2 RETURNING coordinator_id",
        )
        .bind(hash)
        .bind(now)
        .fetch_optional(c)
        .await?
    }))
}

#[derive(sqlx::FromRow)]
struct EventRow {
    slug: String,
    title: String,
    starts_at: DateTime<Utc>,
    ends_at: DateTime<Utc>,
    capacity: i64,
    confirmed: i64,
    waitlisted: i64,
}

/// Every event, newest start first, with its seat and wait-list counts.
pub async fn dashboard_events(db: &Db) -> Result<Vec<DashboardEvent>, StoreError> {
    let rows: Vec<EventRow> = on_db!(db, p => {
        sqlx::query_as(
            "SELECT e.slug, e.title, e.starts_at, e.ends_at, CAST(e.capacity AS BIGINT) AS capacity, \
             (SELECT COUNT(*) FROM registrations r WHERE r.event_id = e.id AND r.status = 'confirmed') AS confirmed, \
             (SELECT COUNT(*) FROM registrations r WHERE r.event_id = e.id AND r.status = 'waitlisted') AS waitlisted \
             FROM events e ORDER BY e.starts_at DESC, e.id",
        )
        .fetch_all(p)
        .await?
    });
    Ok(rows
        .into_iter()
        .map(|r| DashboardEvent {
            slug: r.slug,
            title: r.title,
            starts_at: r.starts_at,
            ends_at: r.ends_at,
            confirmed: r.confirmed,
            capacity: r.capacity,
            waitlisted: r.waitlisted,
        })
        .collect())
}
