//! SMTP delivery through lettre (plain, STARTTLS or TLS, optional login). Builds the MIME
//! message (text + HTML alternatives, the `.ics` attachment when there is one) with the
//! outbox's stable Message-ID, keeps one SMTP connection per sender open between mails, and
//! tells permanent failures (5xx, refused or unparsable address) from transient ones.

use crate::config::{Config, SmtpTls};
use crate::store::outbox::ClaimedMail;
use lettre::message::header::ContentType;
use lettre::message::{Attachment, Mailbox, MultiPart, SinglePart};
use lettre::transport::smtp::authentication::{Credentials, DEFAULT_MECHANISMS};
use lettre::transport::smtp::client::{AsyncSmtpConnection, TlsParameters};
use lettre::transport::smtp::extension::ClientId;
use lettre::transport::smtp::PoolConfig;
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// Longest wait for one SMTP reply (lettre's per-command timeout).
const COMMAND_TIMEOUT: Duration = Duration::from_secs(20);
/// A connection idle longer than this is checked with NOOP before it is reused.
const IDLE_CHECK: Duration = Duration::from_secs(5);

#[derive(Debug, thiserror::Error)]
pub enum MailError {
    #[error("invalid address {0}")]
    Address(String),
    #[error("building the message: {0}")]
    Build(String),
    #[error("smtp: {0}")]
    Smtp(#[from] lettre::transport::smtp::Error),
    #[error("connecting to the SMTP server: {0}")]
    Connect(std::io::Error),
    #[error("no answer from the SMTP server within {0:?}")]
    Timeout(Duration),
}

impl MailError {
    /// Retrying cannot help: the relay refused the mail for good (5xx), the address does not
    /// parse, or the message cannot be built. Everything else (connection refused, timeouts,
    /// 4xx) may succeed later.
    pub fn is_permanent(&self) -> bool {
        match self {
            MailError::Address(_) | MailError::Build(_) => true,
            MailError::Smtp(e) => e.is_permanent() || e.is_client(),
            MailError::Connect(_) | MailError::Timeout(_) => false,
        }
    }
}

/// How mails reach the relay.
enum Transport {
    /// Plain SMTP or STARTTLS: our own TCP connections with `TCP_NODELAY` (lettre 0.11 leaves
    /// Nagle on, so the 5-byte end-of-data marker waits ~40 ms for the relay's delayed ACK),
    /// handed to lettre's [`AsyncSmtpConnection::connect_with_transport`].
    Direct {
        host: String,
        port: u16,
        starttls: bool,
        credentials: Option<Credentials>,
        hello: ClientId,
    },
    /// Implicit TLS: lettre's pooled transport (its sockets keep Nagle on).
    Pooled(AsyncSmtpTransport<Tokio1Executor>),
}

/// Sends mails; cheap to clone (shared transport).
#[derive(Clone)]
pub struct Mailer {
    transport: Arc<Transport>,
    from: Mailbox,
}

/// One sender's SMTP connection, kept open between mails and reopened after any error.
#[derive(Default)]
pub struct Session {
    conn: Option<(AsyncSmtpConnection, Instant)>,
}

impl Mailer {
    /// `connections` is the most SMTP connections used at once (the worker's concurrency).
    pub fn from_config(cfg: &Config, connections: usize) -> Result<Mailer, MailError> {
        let credentials = match (&cfg.smtp_user, &cfg.smtp_password) {
            (Some(user), Some(pass)) => Some(Credentials::new(user.clone(), pass.clone())),
            _ => None,
        };
        let transport = match cfg.smtp_tls {
            SmtpTls::None | SmtpTls::StartTls => Transport::Direct {
                host: cfg.smtp_host.clone(),
                port: cfg.smtp_port,
                starttls: cfg.smtp_tls == SmtpTls::StartTls,
                credentials,
                hello: ClientId::default(),
            },
            SmtpTls::Tls => {
                let mut builder = AsyncSmtpTransport::<Tokio1Executor>::relay(&cfg.smtp_host)?
                    .port(cfg.smtp_port)
                    .timeout(Some(COMMAND_TIMEOUT))
                    .pool_config(PoolConfig::new().max_size(connections.max(1) as u32));
                if let Some(c) = credentials {
                    builder = builder.credentials(c);
                }
                Transport::Pooled(builder.build())
            }
        };
        let from: Mailbox = cfg
            .mail_from
            .parse()
            .map_err(|_| MailError::Address(cfg.mail_from.clone()))?;
        Ok(Mailer {
            transport: Arc::new(transport),
            from,
        })
    }

    pub fn message(&self, m: &ClaimedMail) -> Result<Message, MailError> {
        let to: Mailbox = m
            .recipient
            .parse()
            .map_err(|_| MailError::Address(m.recipient.clone()))?;
        let alternative = match &m.checkin_url {
            // The HTML with its check-in QR code as an inline image (multipart/related):
            // shown by clients that strip inline SVG and `data:` images.
            Some(url) => {
                let png =
                    crate::dayof::qr::png(url).map_err(|e| MailError::Build(e.to_string()))?;
                let ct =
                    ContentType::parse("image/png").map_err(|e| MailError::Build(e.to_string()))?;
                MultiPart::alternative()
                    .singlepart(SinglePart::plain(m.body_text.clone()))
                    .multipart(
                        MultiPart::related()
                            .singlepart(SinglePart::html(m.body_html.clone()))
                            .singlepart(
                                Attachment::new_inline(crate::dayof::qr::MAIL_CID.to_string())
                                    .body(png, ct),
                            ),
                    )
            }
            None => MultiPart::alternative_plain_html(m.body_text.clone(), m.body_html.clone()),
        };
        let body = match &m.ics {
            Some(ics) => {
                let ct = ContentType::parse("text/calendar; charset=utf-8; method=PUBLISH")
                    .map_err(|e| MailError::Build(e.to_string()))?;
                MultiPart::mixed()
                    .multipart(alternative)
                    .singlepart(Attachment::new("tafelronde.ics".to_string()).body(ics.clone(), ct))
            }
            None => MultiPart::mixed().multipart(alternative),
        };
        Message::builder()
            .from(self.from.clone())
            .to(to)
            .subject(m.subject.clone())
            .message_id(Some(m.message_id.clone()))
            .multipart(body)
            .map_err(|e| MailError::Build(e.to_string()))
    }

    /// Sends one mail over `session` (opening a connection when it has none).
    pub async fn send(&self, session: &mut Session, m: &ClaimedMail) -> Result<(), MailError> {
        // An address that does not parse fails for good, relay up or down.
        m.recipient
            .parse::<Mailbox>()
            .map_err(|_| MailError::Address(m.recipient.clone()))?;
        match &*self.transport {
            Transport::Pooled(t) => {
                let msg = self.message(m)?;
                t.send(msg).await?;
            }
            Transport::Direct { .. } => {
                let mut conn = match session.conn.take() {
                    Some((mut c, used)) if !c.has_broken() => {
                        if used.elapsed() < IDLE_CHECK || c.test_connected().await {
                            c
                        } else {
                            self.connect().await?
                        }
                    }
                    _ => self.connect().await?,
                };
                // Built once a relay answers: while it is down, retries cost no QR code PNG.
                let msg = match self.message(m) {
                    Ok(msg) => msg,
                    Err(e) => {
                        session.conn = Some((conn, Instant::now()));
                        return Err(e);
                    }
                };
                // Any error aborts lettre's connection: only a good one is kept.
                conn.send(msg.envelope(), &msg.formatted()).await?;
                session.conn = Some((conn, Instant::now()));
            }
        }
        Ok(())
    }

    async fn connect(&self) -> Result<AsyncSmtpConnection, MailError> {
        let Transport::Direct {
            host,
            port,
            starttls,
            credentials,
            hello,
        } = &*self.transport
        else {
            unreachable!("connect is only used for direct connections");
        };
        let tcp = tokio::time::timeout(
            COMMAND_TIMEOUT,
            tokio::net::TcpStream::connect((host.as_str(), *port)),
        )
        .await
        .map_err(|_| MailError::Timeout(COMMAND_TIMEOUT))?
        .map_err(MailError::Connect)?;
        tcp.set_nodelay(true).map_err(MailError::Connect)?;
        let mut conn = AsyncSmtpConnection::connect_with_transport(Box::new(tcp), hello).await?;
        if *starttls {
            conn.starttls(TlsParameters::new(host.clone())?, hello)
                .await?;
        }
        if let Some(c) = credentials {
            conn.auth(DEFAULT_MECHANISMS, c).await?;
        }
        Ok(conn)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unparsable_addresses_are_permanent_and_network_trouble_is_not() {
        assert!(MailError::Address("x".into()).is_permanent());
        assert!(!MailError::Timeout(Duration::from_secs(1)).is_permanent());
        assert!(!MailError::Connect(std::io::ErrorKind::ConnectionRefused.into()).is_permanent());
    }
}
