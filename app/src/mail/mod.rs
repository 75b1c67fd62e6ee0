//! Outgoing mail: rendering the attendee mails (text, HTML, `.ics`) in their language,
//! sending them through lettre's SMTP transport, and the outbox worker that delivers
//! queued mails with retries and backoff, and the delivery benchmark. Coordinator mails:
//! account links (`account`) and bulk mails (`bulk`).

pub mod account;
pub mod bench;
pub mod bulk;
pub mod followup;
pub mod programme_notice;
pub mod render;
pub mod sender;
pub mod speaker;
pub mod tables;
pub mod worker;

pub use render::{render, render_with_agenda, AgendaLine, MailKind, MailTo};
pub use sender::Mailer;
