//! The outbox worker: several sender loops claim due mails (each under its own lease token),
//! send them over a kept-open SMTP connection and record the result right after the send.
//! Permanent failures are marked `failed` at once; transient ones are retried with backoff.
//! [`run`] stops cleanly on cancellation; [`supervise`] restarts it if it panics or stops.

use super::sender::{Mailer, Session};
use crate::store::outbox::{self, ClaimedMail};
use crate::store::Db;
use std::future::Future;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::Notify;
use tokio_util::sync::CancellationToken;

/// After this many failed attempts a mail is marked `failed` and left for a human.
pub const MAX_ATTEMPTS: i64 = 60;
/// Longest time one send may take (connect + SMTP dialogue) before it counts as failed.
pub const SEND_TIMEOUT: Duration = Duration::from_secs(30);
/// How long a claim holds a mail: well above [`SEND_TIMEOUT`] plus recording the result,
/// so a live worker never loses its lease.
pub const LEASE: Duration = Duration::from_secs(120);
/// Attempts at recording one result when the database fails.
const RECORD_TRIES: u32 = 3;
/// Pause before a stopped or panicked worker is started again.
pub const RESTART_DELAY: Duration = Duration::from_secs(1);

/// Delay before the next attempt after `attempts` failures: 1 s, 2 s, 4 s … ≤ `max_secs`.
pub fn backoff(attempts: i64, max_secs: u64) -> Duration {
    let exp = attempts.clamp(1, 20) as u32 - 1;
    Duration::from_secs((1u64 << exp).min(max_secs))
}

/// What the worker needs besides the database and the mailer.
#[derive(Clone)]
pub struct WorkerSettings {
    /// Woken when a mail was queued.
    pub wake: Arc<Notify>,
    /// Mails sent at the same time (sender loops, each with its own SMTP connection).
    pub concurrency: usize,
    pub max_backoff_secs: u64,
}

/// Delivers mails until `stop` is cancelled; then it claims nothing new, finishes and
/// records the mails in flight, and returns.
pub async fn run(db: Db, mailer: Mailer, settings: WorkerSettings, stop: CancellationToken) {
    // SQLite has one writer at a time: the loops take turns for their writes instead of
    // colliding on the file lock (whose busy handler sleeps up to 100 ms per retry).
    let writes = Writes {
        turn: (!db.is_postgres()).then(|| Arc::new(tokio::sync::Mutex::new(()))),
    };
    let mut loops = tokio::task::JoinSet::new();
    for _ in 0..settings.concurrency.max(1) {
        loops.spawn(sender_loop(
            db.clone(),
            mailer.clone(),
            settings.clone(),
            writes.clone(),
            stop.clone(),
        ));
    }
    while let Some(done) = loops.join_next().await {
        if let Err(e) = done {
            if e.is_panic() {
                // Let the supervisor see it (dropping the set aborts the other loops).
                std::panic::resume_unwind(e.into_panic());
            }
        }
    }
}

/// Whose turn it is to write (SQLite only; PostgreSQL writers run side by side).
#[derive(Clone)]
struct Writes {
    turn: Option<Arc<tokio::sync::Mutex<()>>>,
}

impl Writes {
    async fn take(&self) -> Option<tokio::sync::MutexGuard<'_, ()>> {
        match &self.turn {
            Some(m) => Some(m.lock().await),
            None => None,
        }
    }
}

async fn sender_loop(
    db: Db,
    mailer: Mailer,
    s: WorkerSettings,
    writes: Writes,
    stop: CancellationToken,
) {
    let lease = chrono::Duration::from_std(LEASE).unwrap_or_else(|_| chrono::Duration::minutes(2));
    let mut session = Session::default();
    while !stop.is_cancelled() {
        let claimed = {
            let _turn = writes.take().await;
            outbox::claim(&db, chrono::Utc::now(), lease).await
        };
        match claimed {
            Ok(Some(mail)) => {
                // There may be more: let an idle sibling look too.
                s.wake.notify_one();
                deliver(
                    &db,
                    &mailer,
                    &mut session,
                    &mail,
                    &writes,
                    s.max_backoff_secs,
                )
                .await;
            }
            Ok(None) => {
                tokio::select! {
                    _ = stop.cancelled() => {}
                    _ = s.wake.notified() => {}
                    _ = tokio::time::sleep(Duration::from_millis(500)) => {}
                }
            }
            Err(e) => {
                tracing::error!("claiming a mail: {e}");
                tokio::select! {
                    _ = stop.cancelled() => {}
                    _ = tokio::time::sleep(Duration::from_secs(2)) => {}
                }
            }
        }
    }
}

/// Sends one claimed mail and records the outcome immediately after the SMTP answer:
/// nothing runs between acceptance and `mark_sent`, to keep the window in which a crash
/// would send the mail again as small as possible.
async fn deliver(
    db: &Db,
    mailer: &Mailer,
    session: &mut Session,
    mail: &ClaimedMail,
    writes: &Writes,
    max_backoff_secs: u64,
) {
    let result = match tokio::time::timeout(SEND_TIMEOUT, mailer.send(session, mail)).await {
        Ok(r) => r,
        Err(_) => {
            // The dialogue was cut off mid-way: never reuse that connection.
            *session = Session::default();
            Err(super::sender::MailError::Timeout(SEND_TIMEOUT))
        }
    };
    let now = chrono::Utc::now();
    let (outcome, failure) = match &result {
        Ok(()) => ("sent", None),
        Err(e) => {
            let give_up = e.is_permanent() || mail.attempts >= MAX_ATTEMPTS;
            let delay = backoff(mail.attempts, max_backoff_secs);
            // A mail given up on records the moment of failure (the mail status shows it).
            let next = if give_up {
                now
            } else {
                now + chrono::Duration::from_std(delay).unwrap_or_default()
            };
            let outcome = if give_up { "failed" } else { "rescheduled" };
            (outcome, Some((e.to_string(), next, give_up, delay)))
        }
    };
    // A database hiccup must not turn a delivered mail into a second delivery: try a few times.
    let mut tries = 1;
    let recorded = loop {
        let attempt = {
            let _turn = writes.take().await;
            match &failure {
                None => outbox::mark_sent(db, mail.id, &mail.lease_token, now).await,
                Some((error, next, give_up, _)) => {
                    outbox::mark_failed(db, mail.id, &mail.lease_token, error, *next, *give_up)
                        .await
                }
            }
        };
        match attempt {
            Err(e) if tries < RECORD_TRIES => {
                tracing::warn!(
                    id = mail.id,
                    "recording mail as {outcome} (try {tries}): {e}"
                );
                tries += 1;
                tokio::time::sleep(Duration::from_millis(500)).await;
            }
            other => break other,
        }
    };
    match (&recorded, &failure) {
        (Ok(true), None) => tracing::info!(id = mail.id, "mail sent"),
        (Ok(true), Some((error, _, true, _))) => {
            tracing::warn!(
                id = mail.id,
                attempts = mail.attempts,
                "mail failed for good: {error}"
            )
        }
        (Ok(true), Some((error, _, false, delay))) => tracing::warn!(
            id = mail.id,
            attempts = mail.attempts,
            "mail not sent, retry in {delay:?}: {error}"
        ),
        (Ok(false), _) => tracing::error!(
            id = mail.id,
            "lease lost before the mail could be recorded as {outcome}; another worker owns it now"
        ),
        (Err(e), _) => tracing::error!(id = mail.id, "recording mail as {outcome}: {e}"),
    }
}

/// Runs [`run`] and starts it again (after [`RESTART_DELAY`]) whenever it panics or returns
/// while `stop` is not cancelled. Returns once `stop` is cancelled and the worker finished.
pub async fn supervise(db: Db, mailer: Mailer, settings: WorkerSettings, stop: CancellationToken) {
    let s = stop.clone();
    supervise_with(stop, RESTART_DELAY, move || {
        run(db.clone(), mailer.clone(), settings.clone(), s.clone())
    })
    .await
}

/// The supervision loop behind [`supervise`], for any worker future made by `start`.
pub async fn supervise_with<F>(
    stop: CancellationToken,
    restart_delay: Duration,
    mut start: impl FnMut() -> F,
) where
    F: Future<Output = ()> + Send + 'static,
{
    loop {
        let outcome = tokio::spawn(start()).await;
        if stop.is_cancelled() && outcome.is_ok() {
            return;
        }
        match outcome {
            Ok(()) => tracing::error!("the mail worker stopped unexpectedly; restarting it"),
            Err(e) if e.is_panic() => {
                tracing::error!("the mail worker panicked; restarting it: {e}")
            }
            Err(e) => tracing::error!("the mail worker ended: {e}; restarting it"),
        }
        tokio::select! {
            _ = stop.cancelled() => return,
            _ = tokio::time::sleep(restart_delay) => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

    #[test]
    fn backoff_doubles_and_caps() {
        let secs: Vec<u64> = (1..=6).map(|a| backoff(a, 10).as_secs()).collect();
        assert_eq!(secs, [1, 2, 4, 8, 10, 10]);
        assert_eq!(backoff(0, 10).as_secs(), 1);
        assert_eq!(backoff(1000, 300).as_secs(), 300);
    }

    #[test]
    fn the_send_timeout_is_clearly_shorter_than_the_lease() {
        assert!(SEND_TIMEOUT * 2 < LEASE);
    }

    #[tokio::test]
    async fn supervision_restarts_a_panicked_or_stopped_worker_until_cancelled() {
        let stop = CancellationToken::new();
        let starts = Arc::new(AtomicUsize::new(0));
        let (s, n) = (stop.clone(), starts.clone());
        let supervisor = tokio::spawn(supervise_with(
            stop.clone(),
            Duration::from_millis(10),
            move || {
                let (s, attempt) = (s.clone(), n.fetch_add(1, Ordering::SeqCst));
                async move {
                    match attempt {
                        0 => panic!("first run panics"),
                        1 => {} // second run returns on its own
                        _ => s.cancelled().await,
                    }
                }
            },
        ));
        let deadline = tokio::time::Instant::now() + Duration::from_secs(10);
        while starts.load(Ordering::SeqCst) < 3 {
            assert!(
                tokio::time::Instant::now() < deadline,
                "worker not restarted"
            );
            tokio::time::sleep(Duration::from_millis(5)).await;
        }
        stop.cancel();
        tokio::time::timeout(Duration::from_secs(10), supervisor)
            .await
            .expect("supervisor returns after cancellation")
            .expect("supervisor does not panic");
        assert_eq!(starts.load(Ordering::SeqCst), 3);
    }
}
