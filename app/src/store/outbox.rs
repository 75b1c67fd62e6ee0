//! The mail outbox: mails are inserted in the same transaction as the registration change
//! that causes them, then claimed one at a time by a worker (a lease: `locked_until` plus a
//! random `lease_token`, `FOR UPDATE SKIP LOCKED` on PostgreSQL) and marked sent, failed or
//! rescheduled with backoff, only by the worker that still holds the lease.

use super::{Db, StoreError, Tx};
use crate::{on_db, on_tx};
use chrono::{DateTime, Utc};

/// A mail ready to be queued.
#[derive(Clone, Debug)]
pub struct NewMail {
    pub registration_id: Option<i64>,
    pub kind: &'static str,
    pub recipient: String,
    pub subject: String,
    pub body_text: String,
    pub body_html: String,
    pub ics: Option<String>,
    pub message_id: String,
}

/// A mail claimed by a worker.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct ClaimedMail {
    pub id: i64,
    pub recipient: String,
    pub subject: String,
    pub body_text: String,
    pub body_html: String,
    pub ics: Option<String>,
    pub message_id: String,
    pub attempts: i64,
    /// The lease this claim holds; results are recorded only while it still matches.
    pub lease_token: String,
    /// The check-in URL the mail's QR code shows (sent as an inline PNG), if any.
    #[sqlx(default)]
    pub checkin_url: Option<String>,
}

/// One outbox row as an operator (or a test) sees it.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct OutboxRow {
    pub id: i64,
    pub kind: String,
    pub recipient: String,
    pub status: String,
    pub attempts: i64,
    pub last_error: Option<String>,
    pub has_ics: bool,
}

pub async fn enqueue(tx: &mut Tx, m: &NewMail, now: DateTime<Utc>) -> Result<i64, StoreError> {
    Ok(on_tx!(tx, c => {
        sqlx::query_scalar(
            "INSERT INTO outbox (registration_id, kind, recipient, subject, body_text, body_html, ics, message_id, \
             status, attempts, next_attempt_at, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'pending', 0, $9, $9) RETURNING id",
        )
        .bind(m.registration_id)
        .bind(m.kind)
        .bind(&m.recipient)
        .bind(&m.subject)
        .bind(&m.body_text)
        .bind(&m.body_html)
        .bind(&m.ics)
        .bind(&m.message_id)
        .bind(now)
        .fetch_one(c)
        .await?
    }))
}

/// The claim statement; `$lock` is the row-locking clause of the inner select.
macro_rules! claim_sql {
    ($lock:literal) => {
        concat!(
            "UPDATE outbox SET locked_until = $1, lease_token = $3, attempts = attempts + 1 \
             WHERE id = (SELECT id FROM outbox WHERE status = 'pending' AND next_attempt_at <= $2 \
                         AND (locked_until IS NULL OR locked_until < $2) ORDER BY id LIMIT 1",
            $lock,
            ") AND status = 'pending' AND (locked_until IS NULL OR locked_until < $2) \
             RETURNING id, recipient, subject, body_text, body_html, ics, message_id, attempts, lease_token, checkin_url"
        )
    };
}

const CLAIM_SQLITE: &str = claim_sql!("");
const CLAIM_POSTGRES: &str = claim_sql!(" FOR UPDATE SKIP LOCKED");

/// Claims the oldest due mail for `lease` under a new random lease token; no other worker
/// gets it until the lease ends, and only this claim may record its result.
pub async fn claim(
    db: &Db,
    now: DateTime<Utc>,
    lease: chrono::Duration,
) -> Result<Option<ClaimedMail>, StoreError> {
    let until = now + lease;
    let token = uuid::Uuid::new_v4().to_string();
    Ok(match db {
        Db::Sqlite(p) => {
            sqlx::query_as(CLAIM_SQLITE)
                .bind(until)
                .bind(now)
                .bind(&token)
                .fetch_optional(p)
                .await?
        }
        Db::Postgres(p) => {
            sqlx::query_as(CLAIM_POSTGRES)
                .bind(until)
                .bind(now)
                .bind(&token)
                .fetch_optional(p)
                .await?
        }
    })
}

/// Records delivery. `false` when the lease was lost (another worker claimed the row since,
/// or it is no longer pending): nothing is changed then.
pub async fn mark_sent(
    db: &Db,
    id: i64,
    lease_token: &str,
    now: DateTime<Utc>,
) -> Result<bool, StoreError> {
    let done = on_db!(db, p => {
        sqlx::query(
            "UPDATE outbox SET status = 'sent', sent_at = $1, locked_until = NULL, lease_token = NULL, \
             last_error = NULL WHERE id = $2 AND lease_token = $3 AND status = 'pending'",
        )
        .bind(now)
        .bind(id)
        .bind(lease_token)
        .execute(p)
        .await?
        .rows_affected()
    });
    Ok(done == 1)
}

/// Reschedules a failed attempt at `next`, or gives up (`failed`) when `give_up` is set
/// (the worker then passes the moment it gave up as `next`: a failed mail's
/// `next_attempt_at` says when it failed); `error` is kept in `last_error`. `false` when the lease was lost (nothing is changed).
pub async fn mark_failed(
    db: &Db,
    id: i64,
    lease_token: &str,
    error: &str,
    next: DateTime<Utc>,
    give_up: bool,
) -> Result<bool, StoreError> {
    let status = if give_up { "failed" } else { "pending" };
    let error: String = error.chars().take(500).collect();
    let done = on_db!(db, p => {
        sqlx::query(
            "UPDATE outbox SET status = $1, next_attempt_at = $2, locked_until = NULL, lease_token = NULL, \
             last_error = $3 WHERE id = $4 AND lease_token = $5 AND status = 'pending'",
        )
        .bind(status)
        .bind(next)
        .bind(error)
        .bind(id)
        .bind(lease_token)
        .execute(p)
        .await?
        .rows_affected()
    });
    Ok(done == 1)
}

/// Every outbox row, oldest first (for operators, the benchmark and tests).
pub async fn list(db: &Db) -> Result<Vec<OutboxRow>, StoreError> {
    Ok(on_db!(db, p => {
        sqlx::query_as(
            "SELECT id, kind, recipient, status, attempts, last_error, ics IS NOT NULL AS has_ics \
             FROM outbox ORDER BY id",
        )
        .fetch_all(p)
        .await?
    }))
}

/// Counts mails per status: (pending, sent, failed).
pub async fn counts(db: &Db) -> Result<(i64, i64, i64), StoreError> {
    let rows: Vec<(String, i64)> = on_db!(db, p => {
        sqlx::query_as("SELECT status, COUNT(*) FROM outbox GROUP BY status").fetch_all(p).await?
    });
    let get = |s: &str| {
        rows.iter()
            .find(|(k, _)| k == s)
            .map(|(_, n)| *n)
            .unwrap_or(0)
    };
    Ok((get("pending"), get("sent"), get("failed")))
}

/// A mail the worker gave up on, as the coordinator's mail status lists it.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct FailedRow {
    pub id: i64,
    pub kind: String,
    pub recipient: String,
    pub subject: String,
    pub attempts: i64,
    pub last_error: Option<String>,
    pub created_at: DateTime<Utc>,
    /// When the worker gave up (a failed mail's `next_attempt_at`, see [`mark_failed`]).
    pub failed_at: DateTime<Utc>,
}

/// Mails that failed for good, most recent failure first (at most `limit`).
pub async fn failed(db: &Db, limit: i64) -> Result<Vec<FailedRow>, StoreError> {
    Ok(on_db!(db, p => {
        sqlx::query_as(
            "SELECT id, kind, recipient, subject, attempts, last_error, created_at, \
             next_attempt_at AS failed_at FROM outbox WHERE status = 'failed' \
             ORDER BY next_attempt_at DESC, id DESC LIMIT $1",
        )
        .bind(limit)
        .fetch_all(p)
        .await?
    }))
}

/// Puts one failed mail back in the queue: `pending`, attempts reset, due at `now`.
/// `false` when it is not (or no longer) a failed mail.
pub async fn retry(db: &Db, id: i64, now: DateTime<Utc>) -> Result<bool, StoreError> {
    let done = on_db!(db, p => {
        sqlx::query(
            "UPDATE outbox SET status = 'pending', attempts = 0, next_attempt_at = $1, \
             locked_until = NULL, lease_token = NULL WHERE id = $2 AND status = 'failed'",
        )
        .bind(now)
        .bind(id)
        .execute(p)
        .await?
        .rows_affected()
    });
    Ok(done == 1)
}

/// Puts every failed mail back in the queue (as [`retry`]); returns how many.
pub async fn retry_all(db: &Db, now: DateTime<Utc>) -> Result<u64, StoreError> {
    Ok(on_db!(db, p => {
        sqlx::query(
            "UPDATE outbox SET status = 'pending', attempts = 0, next_attempt_at = $1, \
             locked_until = NULL, lease_token = NULL WHERE status = 'failed'",
        )
        .bind(now)
        .execute(p)
        .await?
        .rows_affected()
    }))
}
