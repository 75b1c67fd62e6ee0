//! The day-of service (server only): the person behind a scanned check-in code and checking
//! them in exactly once, the walk-in form's choices, and the people, tables and programme
//! that the badges and personal schedules print.

use super::code::{checkin_hash, is_code_format};
use super::model::{
    matches, Arrival, CheckinView, PrintPerson, PrintSession, PrintView, ScanView, WalkInSetup,
    CHECKIN_LIST_MAX,
};
use crate::error::AppError;
use crate::i18n::{format_span, format_time, Lang};
use crate::programme::service::Programme;
use crate::store::events::StoredEvent;
use crate::store::{dayof, events, planner, Db, StoreError};
use chrono::Utc;
use std::collections::BTreeMap;

#[derive(Debug, thiserror::Error)]
pub enum DayOfError {
    #[error("no such event")]
    NoEvent,
    /// A check-in code that is malformed or belongs to no link of this event.
    #[error("unknown check-in code")]
    UnknownCode,
    /// Only a confirmed registration can be checked in.
    #[error("not confirmed")]
    NotConfirmed,
    #[error("{0}")]
    Store(#[from] StoreError),
}

impl From<DayOfError> for AppError {
    fn from(e: DayOfError) -> AppError {
        match e {
            DayOfError::NoEvent | DayOfError::UnknownCode => AppError::NotFound,
            DayOfError::NotConfirmed => AppError::WrongRegistrationStatus,
            DayOfError::Store(e) => {
                tracing::error!("day-of store: {e}");
                AppError::Internal
            }
        }
    }
}

/// What the service needs: the database and the programme (for the schedules).
pub struct DayOf {
    db: Db,
    programme: Programme,
}

impl axum::extract::FromRef<crate::state::AppState> for DayOf {
    fn from_ref(s: &crate::state::AppState) -> DayOf {
        DayOf {
            db: s.db.clone(),
            programme: s.programme(),
        }
    }
}

impl crate::state::AppState {
    /// The day-of service (check-in codes, walk-in choices, badges and schedules).
    pub fn dayof(&self) -> DayOf {
        <DayOf as axum::extract::FromRef<crate::state::AppState>>::from_ref(self)
    }
}

impl DayOf {
    async fn event(&self, slug: &str) -> Result<StoredEvent, DayOfError> {
        events::by_slug(&self.db, slug)
            .await?
            .ok_or(DayOfError::NoEvent)
    }

    async fn tables_of(&self, registration: i64) -> Result<Vec<(u32, String)>, DayOfError> {
        Ok(planner::seats_of(&self.db, registration)
            .await?
            .into_iter()
            .filter_map(|(round, table)| Some((u32::try_from(round).ok()?, table)))
            .collect())
    }

    /// The person behind check-in code `code` at event `slug` (a plain read).
    pub async fn scan(&self, slug: &str, code: &str) -> Result<ScanView, DayOfError> {
        let event = self.event(slug).await?;
        if !is_code_format(code) {
            return Err(DayOfError::UnknownCode);
        }
        let row = dayof::by_checkin_hash(&self.db, event.id, &checkin_hash(code))
            .await?
            .ok_or(DayOfError::UnknownCode)?;
        Ok(ScanView {
            slug: slug.to_string(),
            title: event.view.title.clone(),
            code: code.to_string(),
            id: row.id,
            name: format!("{} {}", row.first_name, row.last_name),
            organisation: row.organisation,
            confirmed: row.status == "confirmed",
            checked_in_at: row.checked_in_at.map(format_time),
            tables: self.tables_of(row.id).await?,
        })
    }

    /// Checks the person behind `code` in; `false` when they already were (nothing
    /// changes: the first time stays). Only a confirmed registration can be checked in.
    pub async fn check_in(&self, slug: &str, code: &str) -> Result<bool, DayOfError> {
        let view = self.scan(slug, code).await?;
        if !view.confirmed {
            return Err(DayOfError::NotConfirmed);
        }
        let event = self.event(slug).await?;
        Ok(dayof::check_in_once(&self.db, event.id, view.id, Utc::now()).await?)
    }

    /// The walk-in form's choices for event `slug`.
    pub async fn walk_in_setup(&self, slug: &str) -> Result<WalkInSetup, DayOfError> {
        let e = self.event(slug).await?.view;
        Ok(WalkInSetup {
            topics: e.topics.clone(),
            org_types: e.org_types.clone(),
            sectors: e.sectors.clone(),
            confirmed: e.confirmed,
            capacity: e.capacity,
        })
    }

    /// The confirmed people of event `slug` (by last name) with their published tables,
    /// and the programme, in `lang`.
    pub async fn print(&self, slug: &str, lang: Lang) -> Result<PrintView, DayOfError> {
        let event = self.event(slug).await?;
        let mut seats: BTreeMap<i64, Vec<(u32, String)>> = BTreeMap::new();
        for (id, round, table) in dayof::published(&self.db, event.id).await? {
            if let Ok(round) = u32::try_from(round) {
                seats.entry(id).or_default().push((round, table));
            }
        }
        let people = dayof::arrivals(&self.db, event.id)
            .await?
            .into_iter()
            .map(|a| PrintPerson {
                name: format!("{} {}", a.first_name, a.last_name),
                organisation: a.organisation,
                tables: seats.remove(&a.id).unwrap_or_default(),
            })
            .collect();
        let sessions = match self.programme.agenda(slug, Utc::now()).await {
            Ok((agenda, _)) => agenda
                .sessions
                .into_iter()
                .map(|s| PrintSession {
                    time: format_time(s.starts_at),
                    title: s.title,
                    round: s.round,
                })
                .collect(),
            Err(e) => {
                // The schedules then list the tables only.
                tracing::warn!(event = slug, "programme for schedules: {e}");
                Vec::new()
            }
        };
        let published = planner::published_at(&self.db, event.id).await?.is_some();
        let v = event.view;
        Ok(PrintView {
            slug: slug.to_string(),
            title: v.title_in(lang).text.to_string(),
            when: format_span(lang, v.starts_at, v.ends_at),
            venue: v.venue_name.clone(),
            published,
            people,
            sessions,
        })
    }

    /// The check-in desk of event `slug`, searched for `query`.
    pub async fn desk(&self, slug: &str, query: &str) -> Result<CheckinView, DayOfError> {
        let event = self.event(slug).await?;
        let (id, title) = (event.id, event.view.title);
        let all = dayof::arrivals(&self.db, id).await?;
        let matching: Vec<_> = all
            .iter()
            .filter(|a| {
                matches(
                    &format!("{} {} {}", a.first_name, a.last_name, a.organisation),
                    query,
                )
            })
            .collect();
        Ok(CheckinView {
            slug: slug.to_string(),
            title,
            expected: all.len(),
            arrived: all.iter().filter(|a| a.checked_in_at.is_some()).count(),
            query: query.trim().to_string(),
            matching: matching.len(),
            people: matching
                .into_iter()
                .take(CHECKIN_LIST_MAX)
                .map(|a| Arrival {
                    id: a.id,
                    name: format!("{} {}", a.first_name, a.last_name),
                    organisation: a.organisation.clone(),
                    arrived: a.checked_in_at.is_some(),
                })
                .collect(),
        })
    }

    /// Checks registration `registration` of event `slug` in (or out again, `arrived`
    /// false). Only a confirmed registration of that event can be checked in.
    pub async fn set_arrival(
        &self,
        slug: &str,
        registration: i64,
        arrived: bool,
    ) -> Result<(), DayOfError> {
        let id = self.event(slug).await?.id;
        let at = arrived.then(Utc::now);
        if dayof::set_arrival(&self.db, id, registration, at).await? {
            Ok(())
        } else {
            Err(DayOfError::NotConfirmed)
        }
    }
}
