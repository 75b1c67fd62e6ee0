//! The outbox worker: claims due mails one by one, sends them, records the result.
//! Failed attempts are retried with exponential backoff (capped by configuration);
//! several workers (server instances) may run on one PostgreSQL without double sends.

use super::sender::Mailer;
use crate::store::{outbox, Db};
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::Notify;

/// After this many failed attempts a mail is marked `failed` and left for a human.
pub const MAX_ATTEMPTS: i64 = 60;

/// Delay before the next attempt after `attempts` failures: 1 s, 2 s, 4 s … ≤ `max_secs`.
pub fn backoff(attempts: i64, max_secs: u64) -> Duration {
    let exp = attempts.clamp(1, 20) as u32 - 1;
    Duration::from_secs((1u64 << exp).min(max_secs))
}

/// Runs forever; wakes when `wake` is notified (a new mail was queued) or every second.
pub async fn run(db: Db, mailer: Mailer, wake: Arc<Notify>, max_backoff_secs: u64) {
    let lease = chrono::Duration::seconds(120);
    loop {
        let now = chrono::Utc::now();
        match outbox::claim(&db, now, lease).await {
            Ok(Some(mail)) => {
                let result = mailer.send(&mail).await;
                let done = chrono::Utc::now();
                let recorded = match result {
                    Ok(()) => {
                        tracing::info!(id = mail.id, "mail sent");
                        outbox::mark_sent(&db, mail.id, done).await
                    }
                    Err(e) => {
                        let give_up = mail.attempts >= MAX_ATTEMPTS;
                        let delay = backoff(mail.attempts, max_backoff_secs);
                        tracing::warn!(
                            id = mail.id,
                            attempts = mail.attempts,
                            "mail not sent, retry in {delay:?}: {e}"
                        );
                        let next = done + chrono::Duration::from_std(delay).unwrap_or_default();
                        outbox::mark_failed(&db, mail.id, &e.to_string(), next, give_up).await
                    }
                };
                if let Err(e) = recorded {
                    tracing::error!(id = mail.id, "recording mail result: {e}");
                    tokio::time::sleep(Duration::from_secs(1)).await;
                }
            }
            Ok(None) => {
                tokio::select! {
                    _ = wake.notified() => {}
                    _ = tokio::time::sleep(Duration::from_millis(500)) => {}
                }
            }
            Err(e) => {
                tracing::error!("claiming a mail: {e}");
                tokio::time::sleep(Duration::from_secs(2)).await;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_and_caps() {
        let secs: Vec<u64> = (1..=6).map(|a| backoff(a, 10).as_secs()).collect();
        assert_eq!(secs, [1, 2, 4, 8, 10, 10]);
        assert_eq!(backoff(0, 10).as_secs(), 1);
        assert_eq!(backoff(1000, 300).as_secs(), 300);
    }
}
