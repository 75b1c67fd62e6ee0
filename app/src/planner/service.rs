//! The planner service (server only): the quick table set-up (replacing the tables asks
//! for confirmation when it discards a plan), planning with the engine off the async
//! runtime within a time budget, and the planner page's view of an event.

use super::model::{PlannerTable, PlannerView, SetupField, TableSetup};
use super::problem::{spec, StoredPlan};
use crate::error::AppError;
use crate::i18n::T;
use crate::programme::model::SessionKind;
use crate::seating::{solve, Problem, SeatingError, SolveOptions};
use crate::store::{events, planner, Db, StoreError};
use chrono::Utc;
use std::time::{Duration, Instant};

/// The engine's time budget for one plan: with the page's round trip, a plan for 120
/// people over 3 rounds is on screen within 2 s (`make bench-planner` measures it).
pub const PLAN_BUDGET: Duration = Duration::from_millis(1500);

/// Rounds before the coordinator sets them.
pub const DEFAULT_ROUNDS: u32 = 2;

#[derive(Debug, thiserror::Error)]
pub enum PlannerError {
    #[error("no such event")]
    NoEvent,
    #[error("set-up field {0:?}")]
    Invalid(SetupField, T),
    #[error("replacing the tables discards the plan")]
    ConfirmationNeeded,
    #[error("no tables")]
    NoTables,
    #[error("nobody to seat")]
    NobodyToSeat,
    #[error("{people} people, {seats} seats")]
    TooFewSeats { people: usize, seats: u32 },
    #[error("engine: {0}")]
    Engine(#[from] SeatingError),
    #[error("engine task: {0}")]
    Task(String),
    #[error("{0}")]
    Store(#[from] StoreError),
}

impl From<PlannerError> for AppError {
    fn from(e: PlannerError) -> AppError {
        match e {
            PlannerError::NoEvent => AppError::NotFound,
            PlannerError::Invalid(_, t) => AppError::Planner(t),
            PlannerError::ConfirmationNeeded => AppError::ConfirmationNeeded,
            PlannerError::NoTables => AppError::Planner(T::PlanErrNoTables),
            PlannerError::NobodyToSeat => AppError::Planner(T::PlanErrNobody),
            PlannerError::TooFewSeats { .. } => AppError::Planner(T::PlanErrTooFewSeats),
            other => {
                tracing::error!("planner: {other}");
                AppError::Internal
            }
        }
    }
}

#[derive(Clone)]
pub struct Planner {
    db: Db,
}

impl Planner {
    pub fn new(db: Db) -> Planner {
        Planner { db }
    }

    async fn event_id(&self, slug: &str) -> Result<(i64, String), PlannerError> {
        let e = events::by_slug(&self.db, slug)
            .await?
            .ok_or(PlannerError::NoEvent)?;
        Ok((e.id, e.view.title))
    }

    /// The networking rounds in the event's programme (0 when it has none).
    async fn programme_rounds(&self, event_id: i64) -> Result<u32, PlannerError> {
        let p = crate::store::programme::of_event(&self.db, event_id).await?;
        let mut n = 0;
        for s in &p.sessions {
            if s.kind()? == SessionKind::Networking {
                n += 1;
            }
        }
        Ok(n)
    }

    /// The rounds to plan: the programme's networking rounds when it has any, else the
    /// number set up here; and whether they come from the programme.
    async fn rounds(&self, event_id: i64) -> Result<(u32, bool), PlannerError> {
        let from_programme = self.programme_rounds(event_id).await?;
        if from_programme > 0 {
            return Ok((from_programme, true));
        }
        Ok((
            planner::rounds(&self.db, event_id)
                .await?
                .and_then(|r| u32::try_from(r).ok())
                .unwrap_or(DEFAULT_ROUNDS),
            false,
        ))
    }

    /// The planner page of event `slug`.
    pub async fn view(&self, slug: &str) -> Result<PlannerView, PlannerError> {
        let (id, title) = self.event_id(slug).await?;
        let tables = planner::tables(&self.db, id).await?;
        let people = planner::people(&self.db, id).await?;
        let rounds = self.rounds(id).await?;
        let plan = match planner::plan(&self.db, id).await? {
            Some(row) => {
                let stored: StoredPlan = serde_json::from_str(&row.plan)
                    .map_err(|e| StoreError::Corrupt(format!("plan: {e}")))?;
                Some(stored.view(
                    &people,
                    row.created_at.to_rfc3339(),
                    u64::try_from(row.runtime_ms).unwrap_or_default(),
                ))
            }
            None => None,
        };
        Ok(PlannerView {
            slug: slug.to_string(),
            title,
            tables: tables
                .into_iter()
                .map(|t| PlannerTable {
                    name: t.name,
                    capacity: u32::try_from(t.capacity).unwrap_or_default(),
                })
                .collect(),
            rounds: rounds.0,
            rounds_from_programme: rounds.1,
            participants: people.len(),
            plan,
        })
    }

    /// Replaces the tables of event `slug` with `setup`'s. When a plan exists it is
    /// discarded, which needs `confirmed`.
    pub async fn setup(
        &self,
        slug: &str,
        setup: TableSetup,
        confirmed: bool,
    ) -> Result<(), PlannerError> {
        let (id, _) = self.event_id(slug).await?;
        if !confirmed && planner::plan(&self.db, id).await?.is_some() {
            return Err(PlannerError::ConfirmationNeeded);
        }
        let tables: Vec<(String, i64)> = setup
            .names()
            .into_iter()
            .map(|n| (n, i64::from(setup.size)))
            .collect();
        let mut tx = self.db.begin_write().await?;
        planner::replace_setup(&mut tx, id, &tables, i64::from(setup.rounds)).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Seats the confirmed registrations of event `slug` at its tables and stores the plan.
    /// The engine runs on a blocking thread for at most `budget`.
    pub async fn plan(&self, slug: &str, budget: Duration) -> Result<(), PlannerError> {
        let (id, _) = self.event_id(slug).await?;
        let tables = planner::tables(&self.db, id).await?;
        if tables.is_empty() {
            return Err(PlannerError::NoTables);
        }
        let people = planner::people(&self.db, id).await?;
        if people.is_empty() {
            return Err(PlannerError::NobodyToSeat);
        }
        let seats: u32 = tables
            .iter()
            .map(|t| u32::try_from(t.capacity).unwrap_or_default())
            .sum();
        if people.len() > seats as usize {
            return Err(PlannerError::TooFewSeats {
                people: people.len(),
                seats,
            });
        }
        let spec = spec(&people, &tables, self.rounds(id).await?.0);
        let started = Instant::now();
        let stored = tokio::task::spawn_blocking(move || {
            let problem = Problem::new(spec.clone())?;
            let result = solve(
                &problem,
                &SolveOptions {
                    seed: 1,
                    time_limit: Some(budget),
                    max_iterations: None,
                    threads: 0,
                },
            )?;
            Ok::<_, SeatingError>(StoredPlan::from_result(&spec, &result))
        })
        .await
        .map_err(|e| PlannerError::Task(e.to_string()))??;
        let runtime_ms = i64::try_from(started.elapsed().as_millis()).unwrap_or(i64::MAX);
        let json = serde_json::to_string(&stored)
            .map_err(|e| StoreError::Corrupt(format!("plan: {e}")))?;
        let mut tx = self.db.begin_write().await?;
        planner::save_plan(&mut tx, id, &json, runtime_ms, Utc::now()).await?;
        tx.commit().await?;
        tracing::info!(event = slug, people = people.len(), runtime_ms, "plan made");
        Ok(())
    }
}
