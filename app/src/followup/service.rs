//! The follow-up service (server only): the coordinator's view (who sat at a table, who was
//! mailed, a preview, the answers per topic beside the plan's prediction), sending the mail
//! once per person through the outbox (recorded in `followup_sent` in the same transaction),
//! and the attendee's answer page behind the link in that mail.

use super::model::{
    answers_from_pairs, tablemates, Answer, AnswerPage, FollowupView, KeptFollowup, NeedAnswer,
    TopicAnswers,
};
use crate::error::AppError;
use crate::event::EventView;
use crate::i18n::{Lang, T};
use crate::kernel::outbox::Outbox;
use crate::kernel::tokens::{hash_token, is_token_format};
use crate::mail::followup::{render_followup, Contact};
use crate::registration::service::new_token;
use crate::state::AppState;
use crate::store::followup::{self as store, FollowupPerson};
use crate::store::{events, outbox, Db, StoreError, Tx};
use axum::extract::FromRef;
use chrono::{DateTime, Duration, Utc};
use std::collections::{BTreeMap, BTreeSet};

#[derive(Debug, thiserror::Error)]
pub enum FollowupError {
    #[error("no such event")]
    NoEvent,
    #[error("nobody sat at a table")]
    NoPlan,
    #[error("{0}")]
    Store(#[from] StoreError),
    #[error("{0}")]
    App(AppError),
}

impl From<FollowupError> for AppError {
    fn from(e: FollowupError) -> AppError {
        match e {
            FollowupError::NoEvent => AppError::NotFound,
            FollowupError::NoPlan => AppError::Followup(T::CoordFollowupNoPlan),
            FollowupError::App(e) => e,
            FollowupError::Store(e) => {
                tracing::error!("follow-up: {e}");
                AppError::Internal
            }
        }
    }
}

/// What saving answers did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AnswerOutcome {
    Saved,
    /// Nothing valid was chosen: the message for the page.
    Invalid(T),
}

/// What the service needs: the database, the outbox (where links point, Message-IDs, the
/// worker's wake-up), and how long after an event its personal data is kept (the answer
/// link works until then).
#[derive(Clone)]
pub struct Followup {
    db: Db,
    outbox: Outbox,
    purge_after: Duration,
}

impl FromRef<AppState> for Followup {
    fn from_ref(s: &AppState) -> Followup {
        Followup {
            db: s.db.clone(),
            outbox: Outbox::from_ref(s),
            purge_after: Duration::days(s.config.privacy_purge_days_after_event),
        }
    }
}

impl AppState {
    /// The follow-up after the event (mail to tablemates, answers).
    pub fn followup(&self) -> Followup {
        Followup::from_ref(self)
    }
}

/// An event's people as the follow-up sees them: everyone confirmed by id, who counts as
/// present (checked in, or everyone when nobody was checked in), and for each present person
/// with a published seat, their tablemates over all rounds.
struct Seating {
    people: BTreeMap<i64, FollowupPerson>,
    mates: BTreeMap<i64, BTreeSet<i64>>,
}

impl Seating {
    async fn read(tx: &mut Tx, event_id: i64) -> Result<Seating, StoreError> {
        let people: BTreeMap<i64, FollowupPerson> = store::people_tx(tx, event_id)
            .await?
            .into_iter()
            .map(|p| (p.id, p))
            .collect();
        let anyone_checked_in = people.values().any(|p| p.checked_in);
        let present: BTreeSet<i64> = people
            .values()
            .filter(|p| p.checked_in || !anyone_checked_in)
            .map(|p| p.id)
            .collect();
        let seats = store::seats_tx(tx, event_id).await?;
        Ok(Seating {
            mates: tablemates(&seats, &present),
            people,
        })
    }

    /// The people to mail (present, with a published seat), by registration id.
    fn recipients(&self) -> impl Iterator<Item = &FollowupPerson> {
        self.people
            .values()
            .filter(|p| self.mates.contains_key(&p.id))
    }

    /// `id`'s tablemates who agreed to share their details, by name.
    fn contacts(&self, id: i64) -> Vec<Contact> {
        let mut list: Vec<&FollowupPerson> = self
            .mates
            .get(&id)
            .into_iter()
            .flatten()
            .filter_map(|m| self.people.get(m))
            .filter(|p| p.share_contact)
            .collect();
        list.sort_by(|a, b| {
            (&a.last_name, &a.first_name, a.id).cmp(&(&b.last_name, &b.first_name, b.id))
        });
        list.into_iter()
            .map(|p| Contact {
                name: format!("{} {}", p.first_name, p.last_name),
                organisation: p.organisation.clone(),
                email: p.email.clone(),
            })
            .collect()
    }

    /// Whether one of `id`'s tablemates offers `topic`.
    fn met(&self, id: i64, topic: &str) -> bool {
        self.mates.get(&id).into_iter().flatten().any(|m| {
            self.people
                .get(m)
                .is_some_and(|p| p.offers.iter().any(|o| o == topic))
        })
    }
}

/// The follow-up's counts of event `event_id` (its `topics` in the event's order): who was
/// mailed, who answered, and per topic the people mailed who look for it, how many of them
/// sat with an offer, and the answers; with the seating it read and the people mailed.
async fn counts_tx(
    tx: &mut Tx,
    event_id: i64,
    topics: &[crate::event::Topic],
) -> Result<(Seating, BTreeSet<i64>, KeptFollowup), StoreError> {
    let seating = Seating::read(tx, event_id).await?;
    let sent: BTreeSet<i64> = store::sent_tx(tx, event_id).await?.into_iter().collect();
    let answers = store::event_answers_tx(tx, event_id).await?;
    let mut topics: Vec<TopicAnswers> = topics
        .iter()
        .map(|t| TopicAnswers {
            code: t.code.clone(),
            label: t.label.clone(),
            ..Default::default()
        })
        .collect();
    for p in seating.people.values().filter(|p| sent.contains(&p.id)) {
        for need in &p.needs {
            if let Some(t) = topics.iter_mut().find(|t| t.code == *need) {
                t.asked += 1;
                if seating.met(p.id, need) {
                    t.predicted_met += 1;
                }
            }
        }
    }
    let mut responded = BTreeSet::new();
    for (id, topic, answer) in &answers {
        responded.insert(*id);
        let (Some(t), Some(a)) = (
            topics.iter_mut().find(|t| t.code == *topic),
            Answer::parse(answer),
        ) else {
            continue;
        };
        match a {
            Answer::Yes => t.yes += 1,
            Answer::Partly => t.partly += 1,
            Answer::No => t.no += 1,
        }
    }
    topics.retain(|t| t.asked > 0 || t.yes + t.partly + t.no > 0);
    let counts = KeptFollowup {
        sent: sent.len(),
        responded: responded.len(),
        topics,
        plan_needs: None,
    };
    Ok((seating, sent, counts))
}

/// For the privacy purge, inside its transaction before the people go: keeps event
/// `event_id`'s follow-up counts (when anyone was mailed) with the latest plan's needs-met
/// figure, as JSON without people. Returns whether it kept any.
pub async fn keep_counts_tx(
    tx: &mut Tx,
    event_id: i64,
    topics: &[crate::event::Topic],
    now: DateTime<Utc>,
) -> Result<bool, StoreError> {
    let (_, sent, mut counts) = counts_tx(tx, event_id, topics).await?;
    if sent.is_empty() {
        return Ok(false);
    }
    if let Some(row) = crate::store::planner::plan_for_update(tx, event_id).await? {
        let plan: crate::planner::problem::StoredPlan = serde_json::from_str(&row.plan)
            .map_err(|e| StoreError::Corrupt(format!("plan: {e}")))?;
        counts.plan_needs = Some((plan.quality.needs_met, plan.quality.needs_total));
    }
    let json = serde_json::to_string(&counts)
        .map_err(|e| StoreError::Corrupt(format!("followup counts: {e}")))?;
    store::keep_tx(tx, event_id, &json, now).await?;
    Ok(true)
}

impl Followup {
    fn db(&self) -> &Db {
        &self.db
    }

    async fn event(&self, slug: &str) -> Result<crate::store::events::StoredEvent, FollowupError> {
        events::by_slug(self.db(), slug)
            .await?
            .ok_or(FollowupError::NoEvent)
    }

    fn render(
        &self,
        event: &EventView,
        seating: &Seating,
        p: &FollowupPerson,
        token: &str,
        message_id: String,
    ) -> crate::store::outbox::NewMail {
        let lang = Lang::parse(&p.lang).unwrap_or_default();
        let url = format!("{}/f/{token}", self.outbox.base_url);
        let mut mail = render_followup(
            lang,
            event,
            &p.email,
            &p.first_name,
            &seating.contacts(p.id),
            !p.needs.is_empty(),
            &url,
            message_id,
        );
        mail.registration_id = Some(p.id);
        mail
    }

    /// The coordinator's follow-up page of event `slug`. After the privacy purge removed its
    /// people, the anonymous counts it kept.
    pub async fn view(
        &self,
        slug: &str,
        plan_needs: Option<(usize, usize)>,
    ) -> Result<FollowupView, FollowupError> {
        let event = self.event(slug).await?;
        let mut tx = self.db().begin_read().await?;
        let (seating, sent, counts) = counts_tx(&mut tx, event.id, &event.view.topics).await?;
        let kept = store::kept_tx(&mut tx, event.id).await?;
        drop(tx);
        let base = FollowupView {
            slug: slug.to_string(),
            title: event.view.title.clone(),
            ended: event.view.ends_at <= Utc::now(),
            seated: 0,
            sent: 0,
            to_send: 0,
            preview: None,
            responded: 0,
            topics: Vec::new(),
            plan_needs,
            kept_at: None,
        };
        if sent.is_empty() {
            if let Some((summary, at)) = kept {
                let k: KeptFollowup = serde_json::from_str(&summary)
                    .map_err(|e| StoreError::Corrupt(format!("followup_kept: {e}")))?;
                return Ok(FollowupView {
                    sent: k.sent,
                    responded: k.responded,
                    topics: k.topics,
                    plan_needs: k.plan_needs,
                    kept_at: Some(at.to_rfc3339()),
                    ..base
                });
            }
        }
        let recipients: Vec<&FollowupPerson> = seating.recipients().collect();
        let preview = recipients.iter().find(|p| !sent.contains(&p.id)).map(|p| {
            let mail = self.render(&event.view, &seating, p, "…", String::new());
            (
                format!("{} {}", p.first_name, p.last_name),
                mail.subject,
                mail.body_text,
            )
        });
        Ok(FollowupView {
            seated: recipients.len(),
            sent: sent.len(),
            to_send: recipients.iter().filter(|p| !sent.contains(&p.id)).count(),
            preview,
            responded: counts.responded,
            topics: counts.topics,
            ..base
        })
    }

    /// Queues the follow-up mail for everyone of event `slug` who sat at a table and was not
    /// mailed yet, each with a fresh answer link, recorded in the same transaction (under the
    /// event's lock, so two sends at once mail nobody twice). Returns how many were queued.
    pub async fn send(&self, slug: &str) -> Result<usize, FollowupError> {
        let event = self.event(slug).await?;
        let now = Utc::now();
        let mut tx = self.db().begin_write().await?;
        let event = events::lock(&mut tx, event.id).await?;
        let seating = Seating::read(&mut tx, event.id).await?;
        if seating.mates.is_empty() {
            return Err(FollowupError::NoPlan);
        }
        let mut queued = 0;
        for p in seating.recipients() {
            let (token, hash) = new_token().map_err(FollowupError::App)?;
            if !store::mark_sent(&mut tx, p.id, event.id, &hash, now).await? {
                continue;
            }
            let message_id = self.outbox.message_id();
            let mut mail = self.render(&event.view, &seating, p, &token, message_id);
            mail.link = Some(outbox::MailLink {
                token,
                kind: outbox::LinkKind::Followup,
                owner: p.id,
            });
            self.outbox.queue(&mut tx, &mail, now).await?;
            queued += 1;
        }
        tx.commit().await?;
        if queued > 0 {
            self.outbox.wake();
        }
        tracing::info!(event = slug, mails = queued, "follow-up mails queued");
        Ok(queued)
    }

    /// The registration behind an answer link, its event, and whether it still works: the
    /// link works until the event's personal data is due for the privacy purge.
    async fn by_link(
        &self,
        token: &str,
        now: DateTime<Utc>,
    ) -> Result<(i64, crate::store::events::StoredEvent), AppError> {
        let err = crate::error::internal("follow-up link");
        if !is_token_format(token) {
            return Err(AppError::InvalidLink);
        }
        let (id, event_id) = store::by_token(self.db(), &hash_token(token))
            .await
            .map_err(err)?
            .ok_or(AppError::InvalidLink)?;
        let event = events::by_id(self.db(), event_id)
            .await
            .map_err(crate::error::internal("follow-up event"))?
            .ok_or(AppError::InvalidLink)?;
        if event.view.ends_at + self.purge_after < now {
            return Err(AppError::LinkExpired);
        }
        Ok((id, event))
    }

    /// The needs of registration `id` (its stored topics).
    async fn needs_of(&self, id: i64) -> Result<(String, Vec<String>, Lang), AppError> {
        let reg = crate::store::registrations::find_by_id(self.db(), id)
            .await
            .map_err(crate::error::internal("follow-up registration"))?
            .ok_or(AppError::InvalidLink)?;
        Ok((reg.form.first_name, reg.form.needs, reg.lang))
    }

    /// The answer page behind a link (a plain read).
    pub async fn open(&self, token: &str) -> Result<AnswerPage, AppError> {
        let (id, event) = self.by_link(token, Utc::now()).await?;
        let (first_name, needs, lang) = self.needs_of(id).await?;
        let given: BTreeMap<String, Answer> = store::answers_of(self.db(), id)
            .await
            .map_err(crate::error::internal("follow-up answers"))?
            .into_iter()
            .filter_map(|(t, a)| Some((t, Answer::parse(&a)?)))
            .collect();
        let needs = needs
            .iter()
            .map(|code| NeedAnswer {
                code: code.clone(),
                label: event
                    .view
                    .topics
                    .iter()
                    .find(|t| t.code == *code)
                    .map(|t| t.label.clone())
                    .unwrap_or_else(|| code.clone()),
                answer: given.get(code).copied(),
            })
            .collect();
        Ok(AnswerPage {
            event_title: event.view.title_in(lang).text.to_string(),
            first_name,
            needs,
            answered: !given.is_empty(),
        })
    }

    /// Stores the answers posted through a link (`need-<code>` = yes | partly | no for the
    /// person's needs), replacing earlier ones. At least one must be given.
    pub async fn answer(
        &self,
        token: &str,
        pairs: &[(String, String)],
    ) -> Result<AnswerOutcome, AppError> {
        let now = Utc::now();
        let (id, _) = self.by_link(token, now).await?;
        let (_, needs, _) = self.needs_of(id).await?;
        let answers = answers_from_pairs(pairs, &needs);
        if answers.is_empty() {
            return Ok(AnswerOutcome::Invalid(T::FollowupErrNone));
        }
        let rows: Vec<(String, &str)> =
            answers.iter().map(|(t, a)| (t.clone(), a.code())).collect();
        let mut tx = self
            .db()
            .begin_write()
            .await
            .map_err(crate::error::internal("follow-up answer"))?;
        store::save_answers(&mut tx, id, &rows, now)
            .await
            .map_err(crate::error::internal("follow-up answer"))?;
        tx.commit()
            .await
            .map_err(crate::error::internal("follow-up answer"))?;
        tracing::info!(
            registration = id,
            answers = rows.len(),
            "follow-up answered"
        );
        Ok(AnswerOutcome::Saved)
    }
}
