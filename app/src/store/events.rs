//! Event rows: reading events with their confirmed count, and inserting one (demo, tests).

use super::{Db, StoreError, Tx};
use crate::event::{EventView, Topic};
use crate::{on_db, on_tx};
use chrono::{DateTime, Utc};

#[derive(sqlx::FromRow)]
struct EventRow {
    id: i64,
    slug: String,
    title: String,
    description: String,
    programme: String,
    venue_name: String,
    venue_address: String,
    starts_at: DateTime<Utc>,
    ends_at: DateTime<Utc>,
    capacity: i64,
    confirmed: i64,
    registration_opens_at: DateTime<Utc>,
    registration_closes_at: DateTime<Utc>,
    organiser_name: String,
    organiser_email: String,
    topics: String,
}

const SELECT: &str = "SELECT e.id, e.slug, e.title, e.description, e.programme, e.venue_name, e.venue_address, \
     e.starts_at, e.ends_at, e.capacity, \
     (SELECT COUNT(*) FROM registrations r WHERE r.event_id = e.id AND r.status = 'confirmed') AS confirmed, \
     e.registration_opens_at, e.registration_closes_at, e.organiser_name, e.organiser_email, e.topics \
     FROM events e";

/// An event with its database id (kept on the server).
pub struct StoredEvent {
    pub id: i64,
    pub view: EventView,
}

impl TryFrom<EventRow> for StoredEvent {
    type Error = StoreError;
    fn try_from(r: EventRow) -> Result<Self, StoreError> {
        let topics: Vec<Topic> =
            serde_json::from_str(&r.topics).map_err(|e| StoreError::Corrupt(e.to_string()))?;
        Ok(StoredEvent {
            id: r.id,
            view: EventView {
                slug: r.slug,
                title: r.title,
                description: r.description,
                programme: r.programme,
                venue_name: r.venue_name,
                venue_address: r.venue_address,
                starts_at: r.starts_at,
                ends_at: r.ends_at,
                capacity: r.capacity,
                confirmed: r.confirmed,
                registration_opens_at: r.registration_opens_at,
                registration_closes_at: r.registration_closes_at,
                organiser_name: r.organiser_name,
                organiser_email: r.organiser_email,
                topics,
            },
        })
    }
}

/// Events that have not ended, soonest first.
pub async fn upcoming(db: &Db, now: DateTime<Utc>) -> Result<Vec<StoredEvent>, StoreError> {
    let rows: Vec<EventRow> = on_db!(db, p => {
        sqlx::query_as(sqlx::AssertSqlSafe(format!("{SELECT} WHERE e.ends_at >= $1 ORDER BY e.starts_at, e.id")))
            .bind(now)
            .fetch_all(p)
            .await?
    });
    rows.into_iter().map(StoredEvent::try_from).collect()
}

pub async fn by_slug(db: &Db, slug: &str) -> Result<Option<StoredEvent>, StoreError> {
    let row: Option<EventRow> = on_db!(db, p => {
        sqlx::query_as(sqlx::AssertSqlSafe(format!("{SELECT} WHERE e.slug = $1")))
            .bind(slug)
            .fetch_optional(p)
            .await?
    });
    row.map(StoredEvent::try_from).transpose()
}

pub async fn by_id(db: &Db, id: i64) -> Result<Option<StoredEvent>, StoreError> {
    let row: Option<EventRow> = on_db!(db, p => {
        sqlx::query_as(sqlx::AssertSqlSafe(format!("{SELECT} WHERE e.id = $1")))
            .bind(id)
            .fetch_optional(p)
            .await?
    });
    row.map(StoredEvent::try_from).transpose()
}

pub async fn by_id_tx(tx: &mut Tx, id: i64) -> Result<StoredEvent, StoreError> {
    let row: EventRow = on_tx!(tx, c => {
        sqlx::query_as(sqlx::AssertSqlSafe(format!("{SELECT} WHERE e.id = $1")))
            .bind(id)
            .fetch_one(c)
            .await?
    });
    StoredEvent::try_from(row)
}

/// Serialises registrations of one event: on PostgreSQL it locks the event row until the
/// transaction ends; SQLite's `BEGIN IMMEDIATE` already holds the only write lock. Returns
/// the event as read under that lock (capacity, window, times and confirmed count), so a
/// coordinator's change cannot slip in between reading and counting.
pub async fn lock(tx: &mut Tx, event_id: i64) -> Result<StoredEvent, StoreError> {
    if let Tx::Postgres(t) = tx {
        sqlx::query("SELECT id FROM events WHERE id = $1 FOR UPDATE")
            .bind(event_id)
            .fetch_one(&mut **t)
            .await?;
    }
    by_id_tx(tx, event_id).await
}

pub async fn count(db: &Db) -> Result<i64, StoreError> {
    Ok(on_db!(db, p => sqlx::query_scalar("SELECT COUNT(*) FROM events").fetch_one(p).await?))
}

pub async fn insert(db: &Db, e: &EventView, now: DateTime<Utc>) -> Result<i64, StoreError> {
    let topics =
        serde_json::to_string(&e.topics).map_err(|e| StoreError::Corrupt(e.to_string()))?;
    let id: i64 = on_db!(db, p => {
        sqlx::query_scalar(
            "INSERT INTO events (slug, title, description, programme, venue_name, venue_address, starts_at, ends_at, \
             capacity, registration_opens_at, registration_closes_at, organiser_name, organiser_email, topics, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15) RETURNING id",
        )
        .bind(&e.slug)
        .bind(&e.title)
        .bind(&e.description)
        .bind(&e.programme)
        .bind(&e.venue_name)
        .bind(&e.venue_address)
        .bind(e.starts_at)
        .bind(e.ends_at)
        .bind(e.capacity)
        .bind(e.registration_opens_at)
        .bind(e.registration_closes_at)
        .bind(&e.organiser_name)
        .bind(&e.organiser_email)
        .bind(topics)
        .bind(now)
        .fetch_one(p)
        .await?
    });
    Ok(id)
}
