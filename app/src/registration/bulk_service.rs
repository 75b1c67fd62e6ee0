//! The bulk mail service (server only): the recipients are the confirmed and wait-listed
//! registrations of an event matching the table's filters (cancelled ones are never
//! mailed), in the table's order; the preview fills the placeholders for the first of them;
//! sending queues one mail per recipient in one transaction, each with a fresh personal
//! link when the text uses `{manage_link}`.

use super::admin::AdminError;
use super::bulk::{self, BulkPreview, Values};
use super::service::{new_token, Registrations};
use super::table::{TableQuery, TableRow};
use super::Status;
use crate::i18n::{Lang, T};
use crate::mail::bulk::render_bulk;
use crate::store::{events, outbox, registration_table, registrations};
use chrono::Utc;

impl Registrations {
    /// Previews (`send: false`, writes nothing) or sends the bulk mail `subject`/`body` to
    /// the selection `query` of event `slug`. `expected`: the recipient count the
    /// coordinator saw in the preview; sending to a selection of another size is refused
    /// ([`AdminError::SelectionChanged`]), so nobody is mailed who was not counted.
    pub async fn bulk_mail(
        &self,
        slug: &str,
        query: &TableQuery,
        subject: &str,
        body: &str,
        lang: Lang,
        send: Option<u64>,
    ) -> Result<BulkPreview, AdminError> {
        bulk::validate(subject, body).map_err(AdminError::BulkInvalid)?;
        let event = events::by_slug(&self.db, slug)
            .await?
            .ok_or(AdminError::NotFound)?;
        let query = query.normalized(&event.view.topic_codes());
        let recipients: Vec<TableRow> = registration_table::rows(&self.db, event.id, &query, None)
            .await?
            .into_iter()
            .filter(|r| r.status != Status::Cancelled)
            .collect();
        let stand_in = format!("[{}]", lang.t(T::CoordBulkLinkStandIn));
        let fill = |r: &TableRow, link: &str| {
            let v = Values {
                first_name: &r.first_name,
                event_title: event.view.title_in(lang).text,
                manage_link: link,
            };
            (bulk::fill(subject, &v), bulk::fill(body, &v))
        };
        let (first_subject, first_body) = recipients
            .first()
            .map(|r| fill(r, &stand_in))
            .unwrap_or_default();
        let mut preview = BulkPreview {
            recipients: recipients.len() as u64,
            first: recipients.first().map(|r| r.email.clone()),
            subject: first_subject,
            body: first_body,
            subject_template: subject.trim().to_string(),
            body_template: body.trim().to_string(),
            sent: false,
        };
        let Some(expected) = send else {
            return Ok(preview);
        };
        if expected != preview.recipients {
            return Err(AdminError::SelectionChanged);
        }
        let with_link = bulk::uses_manage_link(subject) || bulk::uses_manage_link(body);
        let now = Utc::now();
        let mut tx = self.db.begin_write().await?;
        for r in &recipients {
            let token = if with_link {
                let (token, hash) = new_token()?;
                registrations::add_link(&mut tx, r.id, &hash, now).await?;
                Some(token)
            } else {
                None
            };
            let link = token.as_ref().map(|t| format!("{}/m/{t}", self.base_url));
            let (s, b) = fill(r, link.as_deref().unwrap_or(""));
            let message_id = self.outbox.message_id();
            let mut mail = render_bulk(
                lang,
                &event.view,
                &r.email,
                &s,
                &b,
                link.as_deref(),
                message_id,
            );
            mail.registration_id = Some(r.id);
            mail.link = token.map(|token| outbox::MailLink {
                token,
                kind: outbox::LinkKind::Manage,
                owner: r.id,
            });
            outbox::enqueue(&mut tx, &mail, now).await?;
        }
        tx.commit().await?;
        if !recipients.is_empty() {
            self.outbox.wake();
        }
        tracing::info!(
            event = slug,
            recipients = recipients.len(),
            "bulk mail queued"
        );
        preview.sent = true;
        Ok(preview)
    }
}
