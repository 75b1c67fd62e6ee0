//! The account service (server only): creating accounts with an invitation, argon2id
//! password hashing (on the blocking pool, a bounded number at once), single-use invitation
//! and reset tokens (only their SHA-256 is stored), login throttled per (address tried,
//! client address), and password changes, which end the account's other sessions and
//! links. Every mail goes through the outbox in the same transaction as its token.

use super::model::{Coordinator, Password, PasswordHash, TokenPurpose};
use crate::domain::fields::Email;
use crate::error::AppError;
use crate::i18n::Lang;
use crate::kernel::outbox::Outbox;
use crate::kernel::tokens::{hash_token, is_token_format, new_token};
use crate::mail::account::render_account_mail;
use crate::state::AppState;
use crate::store::{accounts, outbox, Db, StoreError};
use argon2::password_hash::{PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use axum::extract::FromRef;
use chrono::{DateTime, Utc};
use std::sync::LazyLock;
use tokio::sync::Semaphore;

/// Failed logins in a row from one client address for one address tried before the
/// throttle starts; after that each attempt waits [`throttle_delay`].
pub const FREE_FAILURES: i64 = 3;
/// The longest wait between attempts (15 minutes).
pub const MAX_DELAY_SECS: i64 = 15 * 60;
/// Failures older than this are forgotten.
pub const FORGET_AFTER_HOURS: i64 = 24;
/// Reset mails per account per hour; further requests answer alike but send nothing.
pub const RESETS_PER_HOUR: i64 = 3;

/// How long the pair must wait after its `failures`-th failure in a row: nothing for the
/// first [`FREE_FAILURES`], then 2 s, 4 s, 8 s … up to [`MAX_DELAY_SECS`].
pub fn throttle_delay(failures: i64) -> chrono::Duration {
    if failures < FREE_FAILURES {
        return chrono::Duration::zero();
    }
    let exp = (failures - FREE_FAILURES + 1).min(20) as u32;
    chrono::Duration::seconds((1i64 << exp).min(MAX_DELAY_SECS))
}

/// Deletes login failures older than [`FORGET_AFTER_HOURS`] (the hourly purge).
pub async fn forget_old_login_failures(db: &Db) -> Result<u64, AccountError> {
    let before = Utc::now() - chrono::Duration::hours(FORGET_AFTER_HOURS);
    Ok(accounts::throttle_purge(db, before).await?)
}

/// At most this many argon2 computations at once (one per core): each takes ~19 MiB and
/// tens of milliseconds, so a flood of requests waits here instead of exhausting memory.
static HASHING: LazyLock<Semaphore> = LazyLock::new(|| {
    Semaphore::new(
        std::thread::available_parallelism()
            .map(|n| n.get())
            .unwrap_or(2),
    )
});

#[derive(Debug, thiserror::Error)]
pub enum AccountError {
    #[error("not a valid e-mail address")]
    InvalidEmail,
    #[error("wrong e-mail address or password")]
    LoginFailed,
    #[error("too many failed logins in a row from this client for this address")]
    Throttled,
    #[error("password link unknown, used or expired")]
    InvalidToken,
    #[error("password does not meet the rules")]
    WeakPassword,
    #[error("wrong current password")]
    WrongCurrentPassword,
    #[error("account not found")]
    NotFound,
    #[error("password hashing: {0}")]
    Hash(String),
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl From<AccountError> for AppError {
    fn from(e: AccountError) -> AppError {
        match e {
            AccountError::InvalidEmail | AccountError::LoginFailed => AppError::LoginFailed,
            AccountError::Throttled => AppError::LoginLocked,
            AccountError::InvalidToken => AppError::PasswordLinkInvalid,
            AccountError::WeakPassword => AppError::WeakPassword,
            AccountError::WrongCurrentPassword => AppError::WrongCurrentPassword,
            AccountError::NotFound => AppError::Unauthorized,
            AccountError::Hash(_) | AccountError::Store(_) => {
                tracing::error!("accounts: {e}");
                AppError::Internal
            }
        }
    }
}

/// What the service uses: the database and the outbox (which knows where links point to).
#[derive(Clone)]
pub struct Accounts {
    pub db: Db,
    pub outbox: Outbox,
}

impl FromRef<AppState> for Accounts {
    fn from_ref(s: &AppState) -> Accounts {
        Accounts {
            db: s.db.clone(),
            outbox: Outbox::from_ref(s),
        }
    }
}

impl AppState {
    /// The coordinator account service.
    pub fn accounts(&self) -> Accounts {
        Accounts::from_ref(self)
    }
}

/// The e-mail address as stored: validated, lower case.
pub fn normalize_email(raw: &str) -> Result<String, AccountError> {
    Email::parse(raw)
        .map(|e| e.normalized())
        .map_err(|_| AccountError::InvalidEmail)
}

/// Hashes `password` with argon2id (default parameters: 19 MiB, 2 passes) and a random salt.
pub async fn hash_password(password: &Password) -> Result<PasswordHash, AccountError> {
    let pw = password.expose().to_string();
    let _permit = HASHING
        .acquire()
        .await
        .map_err(|e| AccountError::Hash(e.to_string()))?;
    tokio::task::spawn_blocking(move || {
        let mut salt = [0u8; 16];
        getrandom::fill(&mut salt).map_err(|e| AccountError::Hash(e.to_string()))?;
        let salt = SaltString::encode_b64(&salt).map_err(|e| AccountError::Hash(e.to_string()))?;
        Argon2::default()
            .hash_password(pw.as_bytes(), &salt)
            .map(|h| PasswordHash(h.to_string()))
            .map_err(|e| AccountError::Hash(e.to_string()))
    })
    .await
    .map_err(|e| AccountError::Hash(e.to_string()))?
}

/// Whether `password` matches `hash` (false for a hash that does not parse).
async fn verify(password: &str, hash: &PasswordHash) -> bool {
    let pw = password.to_string();
    let hash = hash.0.clone();
    let Ok(_permit) = HASHING.acquire().await else {
        return false;
    };
    tokio::task::spawn_blocking(move || {
        argon2::PasswordHash::new(&hash)
            .map(|h| Argon2::default().verify_password(pw.as_bytes(), &h).is_ok())
            .unwrap_or(false)
    })
    .await
    .unwrap_or(false)
}

/// A hash to verify against when the account does not exist or has no password yet, so
/// that such a login takes as long as a wrong password.
static DUMMY_HASH: LazyLock<PasswordHash> = LazyLock::new(|| {
    let salt = SaltString::encode_b64(b"tafelronde-dummy").expect("static salt");
    PasswordHash(
        Argon2::default()
            .hash_password(b"no account has this password", &salt)
            .expect("dummy hash")
            .to_string(),
    )
});

impl Accounts {
    /// The set-password page's address for `token`.
    pub fn set_password_url(&self, token: &str) -> String {
        format!(
            "{}/coordinator/set-password?token={token}",
            self.outbox.base_url
        )
    }

    /// Creates the account for `email` if it does not exist (without a password) and
    /// queues an invitation with a fresh set-password link. Returns the account id.
    pub async fn invite(&self, email: &str, lang: Lang) -> Result<i64, AccountError> {
        let email = normalize_email(email)?;
        let now = Utc::now();
        let mut tx = self.db.begin_write().await?;
        let id = accounts::upsert(&mut tx, &email, now).await?;
        self.queue_token_mail(&mut tx, id, &email, TokenPurpose::Invitation, lang, now)
            .await?;
        tx.commit().await?;
        self.outbox.wake();
        tracing::info!(coordinator = id, "coordinator invitation queued");
        Ok(id)
    }

    async fn queue_token_mail(
        &self,
        tx: &mut crate::store::Tx,
        id: i64,
        email: &str,
        purpose: TokenPurpose,
        lang: Lang,
        now: DateTime<Utc>,
    ) -> Result<(), AccountError> {
        let (token, hash) = new_token().map_err(|e| AccountError::Hash(e.to_string()))?;
        accounts::add_token(tx, id, &hash, purpose, now).await?;
        let message_id = self.outbox.message_id();
        let mut mail = render_account_mail(
            purpose,
            lang,
            email,
            &self.set_password_url(&token),
            message_id,
        );
        mail.link = Some(outbox::MailLink {
            token,
            kind: match purpose {
                TokenPurpose::Invitation => outbox::LinkKind::Invitation,
                TokenPurpose::Reset => outbox::LinkKind::Reset,
            },
            owner: id,
        });
        self.outbox.queue(tx, &mail, now).await?;
        Ok(())
    }

    /// Checks e-mail and password for a request from `client`. Failures are counted per
    /// (address tried, client address), for known and unknown addresses alike; after
    /// [`FREE_FAILURES`] in a row the pair must wait [`throttle_delay`] before its next
    /// attempt is even checked. Another client (the coordinator at their own desk) is not
    /// held up by someone guessing from elsewhere.
    pub async fn login(
        &self,
        email: &str,
        password: &str,
        client: &str,
    ) -> Result<Coordinator, AccountError> {
        let now = Utc::now();
        let normalized = normalize_email(email);
        let key = match &normalized {
            Ok(e) => hash_token(e),
            Err(_) => hash_token(&email.trim().to_lowercase()),
        };
        if let Some((failures, last)) = accounts::throttle_state(&self.db, &key, client).await? {
            let fresh = last > now - chrono::Duration::hours(FORGET_AFTER_HOURS);
            if fresh && now < last + throttle_delay(failures) {
                tracing::warn!(%client, failures, "login refused: throttled");
                return Err(AccountError::Throttled);
            }
            if !fresh {
                accounts::throttle_clear(&self.db, &key, client).await?;
            }
        }
        let account = match &normalized {
            Ok(e) => accounts::by_email(&self.db, e).await?,
            Err(_) => None,
        };
        let ok = match account.as_ref().and_then(|a| a.password_hash.as_ref()) {
            Some(h) => verify(password, h).await,
            None => {
                verify(password, &DUMMY_HASH).await;
                false
            }
        };
        let Some(account) = account.filter(|_| ok) else {
            accounts::throttle_fail(&self.db, &key, client, now).await?;
            tracing::info!(%client, "login failed: unknown address or wrong password");
            return Err(AccountError::LoginFailed);
        };
        accounts::throttle_clear(&self.db, &key, client).await?;
        tracing::info!(coordinator = account.id, "login succeeded");
        Ok(Coordinator {
            id: account.id,
            email: account.email,
        })
    }

    /// Queues a reset link if `email` belongs to an account; does nothing otherwise. The
    /// caller answers the same in both cases.
    pub async fn request_reset(&self, email: &str, lang: Lang) -> Result<(), AccountError> {
        let Ok(email) = normalize_email(email) else {
            return Ok(());
        };
        let Some(account) = accounts::by_email(&self.db, &email).await? else {
            tracing::info!("password reset asked for an unknown address");
            return Ok(());
        };
        let now = Utc::now();
        let recent = accounts::tokens_since(
            &self.db,
            account.id,
            TokenPurpose::Reset,
            now - chrono::Duration::hours(1),
        )
        .await?;
        if recent >= RESETS_PER_HOUR {
            tracing::warn!(
                coordinator = account.id,
                "password reset not sent: {RESETS_PER_HOUR} in the last hour"
            );
            return Ok(());
        }
        let mut tx = self.db.begin_write().await?;
        self.queue_token_mail(&mut tx, account.id, &email, TokenPurpose::Reset, lang, now)
            .await?;
        tx.commit().await?;
        self.outbox.wake();
        tracing::info!(coordinator = account.id, "password reset link queued");
        Ok(())
    }

    /// Sets the password with a single-use token from an invitation or reset mail. The
    /// token is checked before the password is hashed (hashing is the costly part). Setting
    /// it ends every session of the account and every other open invitation or reset link.
    pub async fn set_password_with_token(
        &self,
        token: &str,
        password: &str,
    ) -> Result<(), AccountError> {
        if !is_token_format(token) {
            return Err(AccountError::InvalidToken);
        }
        let token_hash = hash_token(token);
        if !accounts::token_is_live(&self.db, &token_hash, Utc::now()).await? {
            tracing::info!("set password refused: token unknown, used or expired");
            return Err(AccountError::InvalidToken);
        }
        let password = Password::parse(password).map_err(|_| AccountError::WeakPassword)?;
        let hash = hash_password(&password).await?;
        let now = Utc::now();
        let mut tx = self.db.begin_write().await?;
        let Some(id) = accounts::take_token(&mut tx, &token_hash, now).await? else {
            tracing::info!("set password refused: token used or expired meanwhile");
            return Err(AccountError::InvalidToken);
        };
        accounts::set_password(&mut tx, id, &hash, now).await?;
        let links = accounts::revoke_tokens(&mut tx, id, now).await?;
        let sessions = accounts::end_sessions(&mut tx, id, None).await?;
        tx.commit().await?;
        tracing::info!(
            coordinator = id,
            other_links_revoked = links,
            sessions_ended = sessions,
            "password set with a token"
        );
        Ok(())
    }

    /// Changes the password of account `id`, which must prove the current one. Every other
    /// session of the account ends (`keep_session` is the caller's) and every open
    /// invitation or reset link stops working.
    pub async fn change_password(
        &self,
        id: i64,
        current: &str,
        new: &str,
        keep_session: Option<&str>,
    ) -> Result<(), AccountError> {
        let account = accounts::by_id(&self.db, id)
            .await?
            .ok_or(AccountError::NotFound)?;
        let new = Password::parse(new).map_err(|_| AccountError::WeakPassword)?;
        let ok = match &account.password_hash {
            Some(h) => verify(current, h).await,
            None => false,
        };
        if !ok {
            tracing::info!(
                coordinator = id,
                "password change refused: wrong current password"
            );
            return Err(AccountError::WrongCurrentPassword);
        }
        let hash = hash_password(&new).await?;
        let now = Utc::now();
        let mut tx = self.db.begin_write().await?;
        accounts::set_password(&mut tx, id, &hash, now).await?;
        let links = accounts::revoke_tokens(&mut tx, id, now).await?;
        let sessions = accounts::end_sessions(&mut tx, id, keep_session).await?;
        tx.commit().await?;
        tracing::info!(
            coordinator = id,
            other_links_revoked = links,
            sessions_ended = sessions,
            "password changed"
        );
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn argon2id_hashes_verify_and_differ_per_salt() {
        let pw = Password::parse("een lang geheim wachtwoord").unwrap();
        let a = hash_password(&pw).await.unwrap();
        let b = hash_password(&pw).await.unwrap();
        assert!(a.0.starts_with("$argon2id$v=19$"), "{}", a.0);
        assert_ne!(a, b, "a random salt per hash");
        assert!(verify("een lang geheim wachtwoord", &a).await);
        assert!(!verify("een lang geheim wachtwoorD", &a).await);
        assert!(!verify("x", &PasswordHash("not a hash".into())).await);
        assert_eq!(format!("{a:?}"), "PasswordHash(***)");
    }

    #[test]
    fn the_throttle_waits_longer_after_each_failure_up_to_fifteen_minutes() {
        let secs = |n| throttle_delay(n).num_seconds();
        assert_eq!((secs(0), secs(2)), (0, 0));
        assert_eq!((secs(3), secs(4), secs(5)), (2, 4, 8));
        assert_eq!(secs(12), MAX_DELAY_SECS);
        assert_eq!(secs(1000), MAX_DELAY_SECS);
    }

    #[test]
    fn addresses_are_stored_in_lower_case() {
        assert_eq!(
            normalize_email(" Anna@Example.BE ").unwrap(),
            "anna@example.be"
        );
        assert!(normalize_email("not an address").is_err());
    }
}
