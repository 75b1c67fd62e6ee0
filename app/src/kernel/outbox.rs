//! The one way a service queues a mail: a Message-ID under the configured domain, the row
//! in the outbox inside the caller's transaction (beside the change that causes it), and a
//! wake-up of the mail worker once that transaction is committed.

use crate::state::AppState;
use crate::store::{outbox, outbox::NewMail, StoreError, Tx};
use chrono::{DateTime, Utc};
use std::sync::Arc;
use tokio::sync::Notify;

/// What a service needs to send mail.
#[derive(Clone)]
pub struct Outbox {
    /// The public base URL, without a trailing slash (links in mails point there).
    pub base_url: String,
    mail_domain: String,
    wake: Arc<Notify>,
}

impl Outbox {
    pub fn new(base_url: String, mail_domain: String, wake: Arc<Notify>) -> Outbox {
        Outbox {
            base_url,
            mail_domain,
            wake,
        }
    }

    /// The outbox of `config`, waking `wake` (the commands that run without a server).
    pub fn from_config(config: &crate::config::Config, wake: Arc<Notify>) -> Outbox {
        Outbox::new(config.base_url.clone(), config.mail_domain(), wake)
    }

    /// A new Message-ID (`<uuid@domain>`).
    pub fn message_id(&self) -> String {
        format!("<{}@{}>", uuid::Uuid::new_v4(), self.mail_domain)
    }

    /// Queues `mail` in `tx`; call [`Outbox::wake`] once `tx` is committed.
    pub async fn queue(
        &self,
        tx: &mut Tx,
        mail: &NewMail,
        now: DateTime<Utc>,
    ) -> Result<i64, StoreError> {
        outbox::enqueue(tx, mail, now).await
    }

    /// Wakes the mail worker (after the transaction that queued mail is committed).
    pub fn wake(&self) {
        self.wake.notify_one();
    }
}

impl axum::extract::FromRef<AppState> for Outbox {
    fn from_ref(s: &AppState) -> Outbox {
        Outbox::from_config(&s.config, s.mail_wake.clone())
    }
}
