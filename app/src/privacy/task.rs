//! The privacy purge in the background: runs at start and then at a fixed interval until
//! the server's shutdown token is cancelled. A failed or panicking run is logged and the
//! next one comes at the next interval; a run stopped by shutdown rolls back its open
//! transaction (the purge is idempotent, the next start finishes it).

use super::service::Privacy;
use std::time::Duration;
use tokio_util::sync::CancellationToken;

/// Purges due events now and then every `every`, until `stop` is cancelled.
pub async fn run(privacy: Privacy, every: Duration, stop: CancellationToken) {
    loop {
        let p = privacy.clone();
        let mut purge = tokio::spawn(async move { p.purge_now(false).await });
        tokio::select! {
            outcome = &mut purge => match outcome {
                Ok(Ok((_, done))) if !done.is_empty() => {
                    tracing::info!(events = done.len(), "privacy purge done")
                }
                Ok(Ok(_)) => tracing::debug!("privacy purge: nothing due"),
                Ok(Err(e)) => tracing::error!("privacy purge failed: {e}; next try in {every:?}"),
                Err(e) => tracing::error!("privacy purge stopped: {e}; next try in {every:?}"),
            },
            _ = stop.cancelled() => {
                purge.abort();
                return;
            }
        }
        tokio::select! {
            _ = stop.cancelled() => return,
            _ = tokio::time::sleep(every) => {}
        }
    }
}
