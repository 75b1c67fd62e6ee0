//! The mail benchmark behind `tafelronde bench-mail`: queues N rendered mails into a fresh
//! temporary SQLite database, runs the real outbox worker against an SMTP server on
//! loopback, waits until every row is recorded and reports mails per second.

use super::render::{render, MailKind, MailTo};
use super::sender::Mailer;
use super::worker::{self, WorkerSettings};
use crate::config::Config;
use crate::i18n::Lang;
use crate::store::{outbox, Db};
use std::sync::Arc;
use std::time::{Duration, Instant};
use tokio_util::sync::CancellationToken;

#[derive(Debug, thiserror::Error)]
pub enum BenchError {
    #[error("{0}")]
    Config(#[from] crate::config::ConfigError),
    #[error("{0}")]
    Store(#[from] crate::store::StoreError),
    #[error("mail: {0}")]
    Mail(#[from] super::sender::MailError),
    #[error("nothing listens on 127.0.0.1:{0}; start an SMTP server there (make bench-mail does)")]
    NoSmtp(u16),
    #[error("only {sent} of {count} mails sent after {secs} s ({failed} failed)")]
    Incomplete {
        sent: i64,
        failed: i64,
        count: usize,
        secs: u64,
    },
}

/// Longest the benchmark waits for the worker to deliver everything.
const DEADLINE: Duration = Duration::from_secs(600);

/// Sends `count` mails to the SMTP server on 127.0.0.1:`smtp_port` with `concurrency`
/// senders; returns the summary line.
pub async fn run(count: usize, smtp_port: u16, concurrency: usize) -> Result<String, BenchError> {
    if tokio::net::TcpStream::connect(("127.0.0.1", smtp_port))
        .await
        .is_err()
    {
        return Err(BenchError::NoSmtp(smtp_port));
    }
    let path = std::env::temp_dir().join(format!(
        "tafelronde-bench-mail-{}.db",
        uuid::Uuid::new_v4().simple()
    ));
    let url = format!("sqlite://{}", path.display());
    let result = bench(&url, count, smtp_port, concurrency).await;
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
    }
    result
}

async fn bench(
    url: &str,
    count: usize,
    smtp_port: u16,
    concurrency: usize,
) -> Result<String, BenchError> {
    let port = smtp_port.to_string();
    let conc = concurrency.to_string();
    let vars = [
        ("DATABASE_URL", url),
        ("SMTP_HOST", "127.0.0.1"),
        ("SMTP_PORT", port.as_str()),
        ("MAIL_CONCURRENCY", conc.as_str()),
    ];
    let cfg = Config::from_lookup(|k| {
        vars.iter()
            .find(|(key, _)| *key == k)
            .map(|(_, v)| v.to_string())
    })?;
    let db = Db::connect(url).await?;
    let now = chrono::Utc::now();
    let event = crate::demo::demo_event(now);
    for chunk in (0..count).collect::<Vec<_>>().chunks(500) {
        let mut tx = db.begin_write().await?;
        for i in chunk {
            let address = format!("bench{i}@example.be");
            let manage_url = format!("{}/m/{:064x}", cfg.base_url, i);
            let to = MailTo {
                lang: Lang::Nl,
                first_name: "Anna",
                address: &address,
                manage_url: &manage_url,
                base_url: &cfg.base_url,
            };
            let message_id = format!("<bench-{i}-{}@tafelronde.localhost>", now.timestamp());
            let mail = render(MailKind::Confirmed, &event, &to, message_id);
            outbox::enqueue(&mut tx, &mail, now).await?;
        }
        tx.commit().await?;
    }

    let mailer = Mailer::from_config(&cfg, cfg.mail_concurrency)?;
    let settings = WorkerSettings {
        wake: Arc::new(tokio::sync::Notify::new()),
        concurrency: cfg.mail_concurrency,
        max_backoff_secs: 1,
    };
    let stop = CancellationToken::new();
    let started = Instant::now();
    let task = tokio::spawn(worker::run(db.clone(), mailer, settings, stop.clone()));
    let outcome = loop {
        let (_, sent, failed) = outbox::counts(&db).await?;
        if (sent + failed) as usize >= count {
            break Ok((sent, failed, started.elapsed()));
        }
        if started.elapsed() > DEADLINE {
            break Err(BenchError::Incomplete {
                sent,
                failed,
                count,
                secs: DEADLINE.as_secs(),
            });
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    };
    stop.cancel();
    let _ = task.await;
    db.close().await;
    let (sent, failed, elapsed) = outcome?;
    let secs = elapsed.as_secs_f64();
    Ok(format!(
        "bench-mail: {sent} mails sent ({failed} failed) to 127.0.0.1:{smtp_port} in {secs:.2} s = {:.0} mails/s \
         (SQLite outbox, {concurrency} senders)",
        sent as f64 / secs
    ))
}
