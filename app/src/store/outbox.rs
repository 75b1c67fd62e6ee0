//! The mail outbox: mails are inserted in the same transaction as the registration change
//! that causes them, then claimed one at a time by a worker (a lease: `locked_until` plus a
//! random `lease_token`, `FOR UPDATE SKIP LOCKED` on PostgreSQL) and marked sent, failed or
//! rescheduled with backoff, only by the worker that still holds the lease. A mail's
//! personal-link token is kept apart from its bodies (which hold [`LINK_PLACEHOLDER`]) and
//! only while the mail is pending: sent or failed for good, the stored mail opens nothing.

use super::{Db, StoreError, Tx};
use crate::{on_db, on_tx};
use chrono::{DateTime, Utc};
use std::borrow::Cow;

/// What stands in a stored mail where its personal link's token goes.
pub use crate::domain::LINK_PLACEHOLDER;

/// Which kind of personal link a mail carries, so a retried mail can get a new one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LinkKind {
    /// A registration's manage link (`/m/…`); owner: the registration.
    Manage,
    /// A speaker's link (`/s/…`); owner: the speaker.
    Speaker,
    /// A follow-up answer link (`/f/…`); owner: the registration.
    Followup,
    /// A coordinator's set-password link from an invitation; owner: the account.
    Invitation,
    /// A coordinator's set-password link from a reset request; owner: the account.
    Reset,
}

impl LinkKind {
    pub fn code(self) -> &'static str {
        match self {
            LinkKind::Manage => "manage",
            LinkKind::Speaker => "speaker",
            LinkKind::Followup => "followup",
            LinkKind::Invitation => "invitation",
            LinkKind::Reset => "reset",
        }
    }

    pub fn parse(code: &str) -> Option<LinkKind> {
        [
            LinkKind::Manage,
            LinkKind::Speaker,
            LinkKind::Followup,
            LinkKind::Invitation,
            LinkKind::Reset,
        ]
        .into_iter()
        .find(|k| k.code() == code)
    }
}

/// The personal link in a mail: its raw token, what kind of link it is and whose.
#[derive(Clone)]
pub struct MailLink {
    pub token: String,
    pub kind: LinkKind,
    pub owner: i64,
}

impl std::fmt::Debug for MailLink {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "MailLink({:?}, {}, ***)", self.kind, self.owner)
    }
}

/// `text` with every occurrence of `token` replaced by [`LINK_PLACEHOLDER`].
fn hide<'a>(text: &'a str, token: &str) -> Cow<'a, str> {
    if token.is_empty() || !text.contains(token) {
        Cow::Borrowed(text)
    } else {
        Cow::Owned(text.replace(token, LINK_PLACEHOLDER))
    }
}

/// `text` with the placeholder replaced by `token` again (at send time).
fn reveal(text: &mut String, token: &str) {
    if text.contains(LINK_PLACEHOLDER) {
        *text = text.replace(LINK_PLACEHOLDER, token);
    }
}

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
    /// The personal link in the bodies, if any: stored apart, see [`LINK_PLACEHOLDER`].
    pub link: Option<MailLink>,
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
    /// The link token kept until the mail is sent (put back into the bodies by [`claim`]).
    #[sqlx(default)]
    link_secret: Option<String>,
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

/// Queues `m`. Its link token, if any, is stored apart from the bodies.
pub async fn enqueue(tx: &mut Tx, m: &NewMail, now: DateTime<Utc>) -> Result<i64, StoreError> {
    let token = m.link.as_ref().map(|l| l.token.as_str()).unwrap_or("");
    let subject = hide(&m.subject, token);
    let text = hide(&m.body_text, token);
    let html = hide(&m.body_html, token);
    let ics = m.ics.as_deref().map(|i| hide(i, token));
    Ok(on_tx!(tx, c => {
        sqlx::query_scalar(
            "INSERT INTO outbox (registration_id, kind, recipient, subject, body_text, body_html, ics, message_id, \
             status, attempts, next_attempt_at, created_at, link_secret, link_kind, link_owner) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'pending', 0, $9, $9, $10, $11, $12) RETURNING id",
        )
        .bind(m.registration_id)
        .bind(m.kind)
        .bind(&m.recipient)
        .bind(subject.as_ref())
        .bind(text.as_ref())
        .bind(html.as_ref())
        .bind(ics.as_deref())
        .bind(&m.message_id)
        .bind(now)
        .bind(m.link.as_ref().map(|l| l.token.as_str()))
        .bind(m.link.as_ref().map(|l| l.kind.code()))
        .bind(m.link.as_ref().map(|l| l.owner))
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
             RETURNING id, recipient, subject, body_text, body_html, ics, message_id, attempts, lease_token, checkin_url, link_secret"
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
    let claimed: Option<ClaimedMail> = match db {
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
    };
    Ok(claimed.map(|mut m| {
        if let Some(secret) = m.link_secret.take() {
            reveal(&mut m.subject, &secret);
            reveal(&mut m.body_text, &secret);
            reveal(&mut m.body_html, &secret);
            if let Some(ics) = m.ics.as_mut() {
                reveal(ics, &secret);
            }
        }
        m
    }))
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
             last_error = NULL, link_secret = NULL WHERE id = $2 AND lease_token = $3 AND status = 'pending'",
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
             last_error = $3, link_secret = CASE WHEN $1 = 'failed' THEN NULL ELSE link_secret END WHERE id = $4 AND lease_token = $5 AND status = 'pending'",
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

/// Puts one failed mail back in the queue: `pending`, attempts reset, due at `now`. A mail
/// whose link token was erased when it failed gets a new link of the same kind (the old
/// one was never delivered). `false` when it is not (or no longer) a failed mail.
pub async fn retry(db: &Db, id: i64, now: DateTime<Utc>) -> Result<bool, StoreError> {
    let mut tx = db.begin_write().await?;
    let done = retry_tx(&mut tx, id, now).await?;
    tx.commit().await?;
    Ok(done)
}

/// Puts every failed mail back in the queue (as [`retry`]); returns how many.
pub async fn retry_all(db: &Db, now: DateTime<Utc>) -> Result<u64, StoreError> {
    let mut tx = db.begin_write().await?;
    let ids: Vec<i64> = on_tx!(&mut tx, c => {
        sqlx::query_scalar("SELECT id FROM outbox WHERE status = 'failed' ORDER BY id")
            .fetch_all(c)
            .await?
    });
    let mut n = 0;
    for id in ids {
        n += u64::from(retry_tx(&mut tx, id, now).await?);
    }
    tx.commit().await?;
    Ok(n)
}

async fn retry_tx(tx: &mut Tx, id: i64, now: DateTime<Utc>) -> Result<bool, StoreError> {
    let link: Option<(Option<String>, Option<i64>, bool)> = on_tx!(tx, c => {
        sqlx::query_as(
            "SELECT link_kind, link_owner, link_secret IS NOT NULL FROM outbox WHERE id = $1 AND status = 'failed'",
        )
        .bind(id)
        .fetch_optional(c)
        .await?
    });
    let Some((kind, owner, has_secret)) = link else {
        return Ok(false);
    };
    let secret = match (kind.as_deref().and_then(LinkKind::parse), owner, has_secret) {
        (Some(kind), Some(owner), false) => Some(reissue_link(tx, kind, owner, now).await?),
        _ => None,
    };
    let done = on_tx!(tx, c => {
        sqlx::query(
            "UPDATE outbox SET status = 'pending', attempts = 0, next_attempt_at = $1, \
             locked_until = NULL, lease_token = NULL, link_secret = COALESCE($3, link_secret) \
             WHERE id = $2 AND status = 'failed'",
        )
        .bind(now)
        .bind(id)
        .bind(secret)
        .execute(c)
        .await?
        .rows_affected()
    });
    Ok(done == 1)
}

/// A new working link of `kind` for `owner`; returns its token.
async fn reissue_link(
    tx: &mut Tx,
    kind: LinkKind,
    owner: i64,
    now: DateTime<Utc>,
) -> Result<String, StoreError> {
    use crate::domain::account::TokenPurpose;
    let (token, hash) = crate::kernel::tokens::new_token()
        .map_err(|e| StoreError::Corrupt(format!("no random source: {e}")))?;
    match kind {
        LinkKind::Manage => super::registrations::add_link(tx, owner, &hash, now).await?,
        LinkKind::Invitation => {
            super::accounts::add_token(tx, owner, &hash, TokenPurpose::Invitation, now).await?
        }
        LinkKind::Reset => {
            super::accounts::add_token(tx, owner, &hash, TokenPurpose::Reset, now).await?
        }
        LinkKind::Speaker => on_tx!(tx, c => {
            sqlx::query("INSERT INTO speaker_tokens (token_hash, speaker_id, created_at) VALUES ($1, $2, $3)")
                .bind(&hash)
                .bind(owner)
                .bind(now)
                .execute(c)
                .await?;
        }),
        LinkKind::Followup => on_tx!(tx, c => {
            sqlx::query("UPDATE followup_sent SET token_hash = $1 WHERE registration_id = $2")
                .bind(&hash)
                .bind(owner)
                .execute(c)
                .await?;
        }),
    }
    tracing::info!(kind = kind.code(), "a retried mail gets a new link");
    Ok(token)
}
