//! SQL for coordinator accounts: the account row (e-mail, password hash), single-use
//! password tokens (stored as SHA-256 hashes), the login throttle per (address tried,
//! client address), ending an account's sessions, and the dashboard's event counts.

use super::{Db, StoreError, Tx};
use crate::domain::account::{DashboardEvent, PasswordHash, TokenPurpose};
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

/// Failed logins for one (address tried, client address) pair: how many in a row and when
/// the last one was. `email_hash` is the SHA-256 of the address as typed (normalised when it
/// is one), so unknown addresses are throttled exactly like known ones.
pub async fn throttle_state(
    db: &Db,
    email_hash: &str,
    client: &str,
) -> Result<Option<(i64, DateTime<Utc>)>, StoreError> {
    Ok(on_db!(db, p => {
        sqlx::query_as(
            "SELECT failures, last_failure_at FROM login_throttle WHERE email_hash = $1 AND client = $2",
        )
        .bind(email_hash)
        .bind(client)
        .fetch_optional(p)
        .await?
    }))
}

/// Counts one more failed login for the pair.
pub async fn throttle_fail(
    db: &Db,
    email_hash: &str,
    client: &str,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    on_db!(db, p => {
        sqlx::query(
            "INSERT INTO login_throttle (email_hash, client, failures, last_failure_at) VALUES ($1, $2, 1, $3) \
             ON CONFLICT (email_hash, client) DO UPDATE SET failures = login_throttle.failures + 1, \
             last_failure_at = excluded.last_failure_at",
        )
        .bind(email_hash)
        .bind(client)
        .bind(now)
        .execute(p)
        .await?;
    });
    Ok(())
}

/// Forgets the pair's failures (after a successful login).
pub async fn throttle_clear(db: &Db, email_hash: &str, client: &str) -> Result<(), StoreError> {
    on_db!(db, p => {
        sqlx::query("DELETE FROM login_throttle WHERE email_hash = $1 AND client = $2")
            .bind(email_hash)
            .bind(client)
            .execute(p)
            .await?;
    });
    Ok(())
}

/// Forgets every pair whose last failure is older than `before`; returns how many.
pub async fn throttle_purge(db: &Db, before: DateTime<Utc>) -> Result<u64, StoreError> {
    Ok(on_db!(db, p => {
        sqlx::query("DELETE FROM login_throttle WHERE last_failure_at < $1")
            .bind(before)
            .execute(p)
            .await?
            .rows_affected()
    }))
}

/// Ends every session of account `id` except `keep` (the caller's own, if any); returns how
/// many ended.
pub async fn end_sessions(tx: &mut Tx, id: i64, keep: Option<&str>) -> Result<u64, StoreError> {
    Ok(on_tx!(tx, c => {
        sqlx::query("DELETE FROM sessions WHERE coordinator_id = $1 AND id <> $2")
            .bind(id)
            .bind(keep.unwrap_or(""))
            .execute(c)
            .await?
            .rows_affected()
    }))
}

/// Marks every unused invitation and reset token of account `id` used; returns how many.
pub async fn revoke_tokens(tx: &mut Tx, id: i64, now: DateTime<Utc>) -> Result<u64, StoreError> {
    Ok(on_tx!(tx, c => {
        sqlx::query(
            "UPDATE password_tokens SET used_at = $2 WHERE coordinator_id = $1 AND used_at IS NULL",
        )
        .bind(id)
        .bind(now)
        .execute(c)
        .await?
        .rows_affected()
    }))
}

/// Whether the token `hash` is unused and not expired at `now` (a read-only check, made
/// before the costly password hashing; [`take_token`] decides).
pub async fn token_is_live(db: &Db, hash: &str, now: DateTime<Utc>) -> Result<bool, StoreError> {
    let n: i64 = on_db!(db, p => {
        sqlx::query_scalar(
            "SELECT COUNT(*) FROM password_tokens WHERE token_hash = $1 AND used_at IS NULL AND expires_at > $2",
        )
        .bind(hash)
        .bind(now)
        .fetch_one(p)
        .await?
    });
    Ok(n > 0)
}

/// How many tokens of `purpose` account `id` got since `since` (the reset mails' limit).
pub async fn tokens_since(
    db: &Db,
    id: i64,
    purpose: TokenPurpose,
    since: DateTime<Utc>,
) -> Result<i64, StoreError> {
    Ok(on_db!(db, p => {
        sqlx::query_scalar(
            "SELECT COUNT(*) FROM password_tokens WHERE coordinator_id = $1 AND purpose = $2 AND created_at > $3",
        )
        .bind(id)
        .bind(purpose.code())
        .bind(since)
        .fetch_one(p)
        .await?
    }))
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
