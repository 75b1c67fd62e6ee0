//! Planner job rows: one run of the engine for an event (a plan or the day-of re-plan), its
//! budget, start and end, and how it ended (the page's notice as a query string, or the
//! error as JSON). The partial unique index keeps one unfinished job per event.

use super::{Db, StoreError, Tx};
use crate::{on_db, on_tx};
use chrono::{DateTime, Utc};

/// One job as stored.
#[derive(Clone, Debug, PartialEq, Eq, sqlx::FromRow)]
pub struct JobRow {
    pub id: i64,
    pub event_id: i64,
    pub kind: String,
    pub budget_ms: i64,
    pub started_at: DateTime<Utc>,
    pub finished_at: Option<DateTime<Utc>>,
    pub outcome: Option<String>,
    pub error: Option<String>,
}

const COLUMNS: &str = "id, event_id, kind, budget_ms, started_at, finished_at, outcome, error";

/// Job `id` of event `event_id`.
pub async fn get(db: &Db, event_id: i64, id: i64) -> Result<Option<JobRow>, StoreError> {
    let sql = format!("SELECT {COLUMNS} FROM planner_jobs WHERE id = $1 AND event_id = $2");
    Ok(on_db!(db, p => {
        sqlx::query_as(sqlx::AssertSqlSafe(sql))
            .bind(id)
            .bind(event_id)
            .fetch_optional(p)
            .await?
    }))
}

/// The event's unfinished job, if any.
pub async fn running_tx(tx: &mut Tx, event_id: i64) -> Result<Option<JobRow>, StoreError> {
    let sql =
        format!("SELECT {COLUMNS} FROM planner_jobs WHERE event_id = $1 AND finished_at IS NULL");
    Ok(on_tx!(tx, c => {
        sqlx::query_as(sqlx::AssertSqlSafe(sql))
            .bind(event_id)
            .fetch_optional(c)
            .await?
    }))
}

/// A new unfinished job; fails on the unique index when the event has one.
pub async fn insert_tx(
    tx: &mut Tx,
    event_id: i64,
    kind: &str,
    budget_ms: i64,
    now: DateTime<Utc>,
) -> Result<i64, StoreError> {
    Ok(on_tx!(tx, c => {
        sqlx::query_scalar(
            "INSERT INTO planner_jobs (event_id, kind, budget_ms, started_at) \
             VALUES ($1, $2, $3, $4) RETURNING id",
        )
            .bind(event_id)
            .bind(kind)
            .bind(budget_ms)
            .bind(now)
            .fetch_one(c)
            .await?
    }))
}

/// Ends a job when still unfinished (`$4`: its id) with an outcome or an error.
const FINISH: &str = "UPDATE planner_jobs SET finished_at = $1, outcome = $2, error = $3 \
                      WHERE id = $4 AND finished_at IS NULL";

/// Ends job `id` (when still unfinished) with `outcome` or `error`; false when it had ended.
pub async fn finish(
    db: &Db,
    id: i64,
    outcome: Option<&str>,
    error: Option<&str>,
    now: DateTime<Utc>,
) -> Result<bool, StoreError> {
    Ok(on_db!(db, p => {
        sqlx::query(FINISH)
            .bind(now)
            .bind(outcome)
            .bind(error)
            .bind(id)
            .execute(p)
            .await?
            .rows_affected()
            == 1
    }))
}

/// [`finish`] with `error` inside a transaction.
pub async fn finish_tx(
    tx: &mut Tx,
    id: i64,
    error: &str,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    on_tx!(tx, c => {
        sqlx::query(FINISH)
            .bind(now)
            .bind(None::<&str>)
            .bind(error)
            .bind(id)
            .execute(c)
            .await?;
    });
    Ok(())
}
