//! Planning off the request path: a run of the engine (a plan, or the day-of re-plan)
//! becomes a job row and runs on a task of its own, so the request returns at once; the
//! planner page polls the job (elapsed against the budget) and then shows its outcome. A job
//! still unfinished [`JOB_GRACE`] past its budget (its server stopped) is reported lost.

use super::model::{JobState, JobView};
use super::service::{Planned, Planner, PlannerError, Prepared, Replanned};
use crate::error::AppError;
use crate::i18n::T;
use crate::store::jobs::{self, JobRow};
use crate::store::StoreError;
use chrono::{DateTime, Utc};
use std::time::Duration;

/// How long past its budget an unfinished job counts as running.
pub const JOB_GRACE: Duration = Duration::from_secs(30);

/// What a job did, as the planner page's query string (its notice reads it).
pub trait Outcome {
    const KIND: &'static str;
    fn query(&self) -> String;
}

impl Outcome for Planned {
    const KIND: &'static str = "plan";
    fn query(&self) -> String {
        match self.changed {
            Some(changed) => format!("planned=1&changed={changed}&locked={}", self.locked),
            None => "planned=1".to_string(),
        }
    }
}

impl Outcome for Replanned {
    const KIND: &'static str = "replan";
    fn query(&self) -> String {
        format!(
            "replanned={}&seated={}&held={}",
            self.changed, self.seated, self.held
        )
    }
}

fn millis(d: Duration) -> i64 {
    i64::try_from(d.as_millis()).unwrap_or(i64::MAX)
}

/// Whether unfinished job `job` has outlived its budget by more than [`JOB_GRACE`].
fn is_lost(job: &JobRow, now: DateTime<Utc>) -> bool {
    job.finished_at.is_none()
        && (now - job.started_at).num_milliseconds()
            > job.budget_ms.saturating_add(millis(JOB_GRACE))
}

/// The stored error of a lost job.
fn lost() -> String {
    serde_json::to_string(&AppError::Planner(T::PlanErrJobLost)).unwrap_or_default()
}

fn unique_violation(e: &StoreError) -> bool {
    matches!(e, StoreError::Sqlx(sqlx::Error::Database(d)) if d.is_unique_violation())
}

impl Planner {
    /// Starts `prepared` as a background job and returns its id at once. Refused with
    /// [`PlannerError::JobRunning`] while another job of the event runs (on any server
    /// instance); a lost one is ended first.
    pub async fn start<O: Outcome + std::fmt::Debug + Send + 'static>(
        &self,
        prepared: Prepared<O>,
    ) -> Result<i64, PlannerError> {
        let now = Utc::now();
        let event_id = prepared.event_id;
        let mut tx = self.db.begin_write().await?;
        if let Some(job) = jobs::running_tx(&mut tx, event_id).await? {
            if !is_lost(&job, now) {
                return Err(PlannerError::JobRunning);
            }
            tracing::warn!(job = job.id, event_id, "planner job lost: ended");
            jobs::finish_tx(&mut tx, job.id, &lost(), now).await?;
        }
        let id =
            match jobs::insert_tx(&mut tx, event_id, O::KIND, millis(prepared.budget), now).await {
                Ok(id) => id,
                Err(e) if unique_violation(&e) => return Err(PlannerError::JobRunning),
                Err(e) => return Err(e.into()),
            };
        tx.commit().await?;
        let planner = self.clone();
        tokio::spawn(async move {
            let (outcome, error) = match planner.run(prepared).await {
                Ok(done) => (Some(done.query()), None),
                Err(e) => {
                    let shown = AppError::from(e);
                    (
                        None,
                        Some(serde_json::to_string(&shown).unwrap_or_default()),
                    )
                }
            };
            let ended = jobs::finish(
                &planner.db,
                id,
                outcome.as_deref(),
                error.as_deref(),
                Utc::now(),
            )
            .await;
            match ended {
                Ok(true) => {}
                Ok(false) => tracing::warn!(job = id, "planner job had been ended as lost"),
                Err(e) => tracing::error!(job = id, "planner job not ended: {e}"),
            }
        });
        Ok(id)
    }

    /// Job `id` of event `slug` as the planner page follows it.
    pub async fn job(&self, slug: &str, id: i64) -> Result<JobView, PlannerError> {
        let (event_id, _) = self.event_id(slug).await?;
        let row = jobs::get(&self.db, event_id, id)
            .await?
            .ok_or(PlannerError::NoJob)?;
        let now = Utc::now();
        let end = row.finished_at.unwrap_or(now);
        let elapsed_ms = u64::try_from((end - row.started_at).num_milliseconds()).unwrap_or(0);
        let state = if is_lost(&row, now) {
            jobs::finish(&self.db, id, None, Some(&lost()), now).await?;
            JobState::Failed(AppError::Planner(T::PlanErrJobLost))
        } else if row.finished_at.is_none() {
            JobState::Running
        } else if let Some(query) = row.outcome {
            JobState::Done(query)
        } else {
            let shown = row
                .error
                .and_then(|e| serde_json::from_str(&e).ok())
                .unwrap_or(AppError::Internal);
            JobState::Failed(shown)
        };
        Ok(JobView {
            state,
            elapsed_ms,
            budget_ms: u64::try_from(row.budget_ms).unwrap_or_default(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn job(budget_ms: i64, started_ago_ms: i64, finished: bool) -> (JobRow, DateTime<Utc>) {
        let now = Utc::now();
        let started_at = now - chrono::Duration::milliseconds(started_ago_ms);
        let row = JobRow {
            id: 1,
            event_id: 1,
            kind: "plan".into(),
            budget_ms,
            started_at,
            finished_at: finished.then_some(now),
            outcome: None,
            error: None,
        };
        (row, now)
    }

    #[test]
    fn a_job_is_lost_only_when_unfinished_past_its_budget_and_the_grace() {
        let grace = millis(JOB_GRACE);
        let (row, now) = job(1500, 1500 + grace - 10, false);
        assert!(!is_lost(&row, now));
        let (row, now) = job(1500, 1500 + grace + 10, false);
        assert!(is_lost(&row, now));
        let (row, now) = job(1500, 1500 + grace + 10, true);
        assert!(!is_lost(&row, now), "a finished job is never lost");
    }

    #[test]
    fn outcomes_are_the_planner_pages_notices() {
        let planned = Planned {
            changed: None,
            locked: 0,
        };
        assert_eq!(planned.query(), "planned=1");
        let around = Planned {
            changed: Some(3),
            locked: 4,
        };
        assert_eq!(around.query(), "planned=1&changed=3&locked=4");
        let replanned = Replanned {
            seated: 18,
            changed: 5,
            held: 1,
        };
        assert_eq!(replanned.query(), "replanned=5&seated=18&held=1");
        assert_eq!((Planned::KIND, Replanned::KIND), ("plan", "replan"));
    }

    #[test]
    fn progress_runs_to_99_until_the_job_ends() {
        let view = |state, elapsed_ms| JobView {
            state,
            elapsed_ms,
            budget_ms: 1500,
        };
        assert_eq!(view(JobState::Running, 750).percent(), 50);
        assert_eq!(view(JobState::Running, 4000).percent(), 99);
        assert_eq!(
            view(JobState::Done("planned=1".into()), 1500).percent(),
            100
        );
    }
}
