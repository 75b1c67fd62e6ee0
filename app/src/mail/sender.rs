//! SMTP delivery through lettre's async transport (plain, STARTTLS or TLS, optional login).
//! Builds the MIME message: text + HTML alternatives and the `.ics` attachment, with the
//! outbox's stable Message-ID so a retried mail can be recognised as the same one.

use crate::config::{Config, SmtpTls};
use crate::store::outbox::ClaimedMail;
use lettre::message::header::ContentType;
use lettre::message::{Attachment, Mailbox, MultiPart};
use lettre::transport::smtp::authentication::Credentials;
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use std::time::Duration;

#[derive(Debug, thiserror::Error)]
pub enum MailError {
    #[error("invalid address {0}")]
    Address(String),
    #[error("building the message: {0}")]
    Build(String),
    #[error("smtp: {0}")]
    Smtp(#[from] lettre::transport::smtp::Error),
}

#[derive(Clone)]
pub struct Mailer {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
}

impl Mailer {
    pub fn from_config(cfg: &Config) -> Result<Mailer, MailError> {
        let builder = match cfg.smtp_tls {
            SmtpTls::None => {
                AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(&cfg.smtp_host)
            }
            SmtpTls::StartTls => {
                AsyncSmtpTransport::<Tokio1Executor>::starttls_relay(&cfg.smtp_host)?
            }
            SmtpTls::Tls => AsyncSmtpTransport::<Tokio1Executor>::relay(&cfg.smtp_host)?,
        };
        let mut builder = builder
            .port(cfg.smtp_port)
            .timeout(Some(Duration::from_secs(20)));
        if let (Some(user), Some(pass)) = (&cfg.smtp_user, &cfg.smtp_password) {
            builder = builder.credentials(Credentials::new(user.clone(), pass.clone()));
        }
        let from: Mailbox = cfg
            .mail_from
            .parse()
            .map_err(|_| MailError::Address(cfg.mail_from.clone()))?;
        Ok(Mailer {
            transport: builder.build(),
            from,
        })
    }

    pub fn message(&self, m: &ClaimedMail) -> Result<Message, MailError> {
        let to: Mailbox = m
            .recipient
            .parse()
            .map_err(|_| MailError::Address(m.recipient.clone()))?;
        let alternative =
            MultiPart::alternative_plain_html(m.body_text.clone(), m.body_html.clone());
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

    pub async fn send(&self, m: &ClaimedMail) -> Result<(), MailError> {
        let msg = self.message(m)?;
        self.transport.send(msg).await?;
        Ok(())
    }
}
