//! Event rows: reading events with their confirmed count, inserting one, and the
//! coordinator's changes (update under the seat lock, publish, slug look-ups).

use super::{Db, StoreError, Tx};
use crate::domain::{OrgType, Sector};
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
    published: bool,
    org_types: String,
    sectors: String,
    translations: String,
}

const SELECT: &str = "SELECT e.id, e.slug, e.title, e.description, e.programme, e.venue_name, e.venue_address, \
     e.starts_at, e.ends_at, e.capacity, \
     (SELECT COUNT(*) FROM registrations r WHERE r.event_id = e.id AND r.status = 'confirmed') AS confirmed, \
     e.registration_opens_at, e.registration_closes_at, e.organiser_name, e.organiser_email, e.topics, \
     e.published, e.org_types, e.sectors, e.translations \
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
                published: r.published,
                org_types: codes_from(&r.org_types, OrgType::ALL, |t| t.code()),
                sectors: codes_from(&r.sectors, Sector::ALL, |s| s.code()),
                translations: serde_json::from_str(&r.translations)
                    .map_err(|e| StoreError::Corrupt(e.to_string()))?,
            },
        })
    }
}

/// The values among `all` whose code is in the comma-separated `raw`; every one when
/// `raw` is empty (events from before the column) or names none of them.
fn codes_from<V: Copy>(raw: &str, all: &[V], code: impl Fn(V) -> &'static str) -> Vec<V> {
    let picked: Vec<V> = all
        .iter()
        .copied()
        .filter(|v| raw.split(',').any(|c| c.trim() == code(*v)))
        .collect();
    if picked.is_empty() {
        all.to_vec()
    } else {
        picked
    }
}

fn org_type_codes(e: &EventView) -> String {
    e.org_types
        .iter()
        .map(|t| t.code())
        .collect::<Vec<_>>()
        .join(",")
}

fn sector_codes(e: &EventView) -> String {
    e.sectors
        .iter()
        .map(|s| s.code())
        .collect::<Vec<_>>()
        .join(",")
}

/// Published events that have not ended, soonest first (the home page).
pub async fn upcoming(db: &Db, now: DateTime<Utc>) -> Result<Vec<StoredEvent>, StoreError> {
    let rows: Vec<EventRow> = on_db!(db, p => {
        sqlx::query_as(sqlx::AssertSqlSafe(format!("{SELECT} WHERE e.published AND e.ends_at >= $1 ORDER BY e.starts_at, e.id")))
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

/// The columns an event's editor writes, in one order for INSERT and UPDATE; their values
/// are bound by [`bind_editable!`].
const EDITABLE: [&str; 17] = [
    "slug",
    "title",
    "description",
    "programme",
    "venue_name",
    "venue_address",
    "starts_at",
    "ends_at",
    "capacity",
    "registration_opens_at",
    "registration_closes_at",
    "organiser_name",
    "organiser_email",
    "topics",
    "org_types",
    "sectors",
    "translations",
];

/// Binds the values of [`EDITABLE`] of event `$e` (with its topics and translations already
/// as JSON) to `$q`.
macro_rules! bind_editable {
    ($q:expr, $e:expr, $json:expr) => {
        $q.bind(&$e.slug)
            .bind(&$e.title)
            .bind(&$e.description)
            .bind(&$e.programme)
            .bind(&$e.venue_name)
            .bind(&$e.venue_address)
            .bind($e.starts_at)
            .bind($e.ends_at)
            .bind($e.capacity)
            .bind($e.registration_opens_at)
            .bind($e.registration_closes_at)
            .bind(&$e.organiser_name)
            .bind(&$e.organiser_email)
            .bind(&$json.0)
            .bind(org_type_codes($e))
            .bind(sector_codes($e))
            .bind(&$json.1)
    };
}

/// The event's topics and translations as JSON, the way their columns keep them.
fn json_columns(e: &EventView) -> Result<(String, String), StoreError> {
    let json = |v: serde_json::Result<String>| v.map_err(|e| StoreError::Corrupt(e.to_string()));
    Ok((
        json(serde_json::to_string(&e.topics))?,
        json(serde_json::to_string(&e.translations))?,
    ))
}

pub async fn insert(db: &Db, e: &EventView, now: DateTime<Utc>) -> Result<i64, StoreError> {
    let json = json_columns(e)?;
    let n = EDITABLE.len();
    let params: Vec<String> = (1..=n + 2).map(|i| format!("${i}")).collect();
    let sql = format!(
        "INSERT INTO events ({}, created_at, published) VALUES ({}) RETURNING id",
        EDITABLE.join(", "),
        params.join(", ")
    );
    let id: i64 = on_db!(db, p => {
        bind_editable!(sqlx::query_scalar(sqlx::AssertSqlSafe(sql)), e, json)
            .bind(now)
            .bind(e.published)
            .fetch_one(p)
            .await?
    });
    Ok(id)
}

/// Every event, newest start first (the coordinator's list), published or not.
pub async fn all(db: &Db) -> Result<Vec<StoredEvent>, StoreError> {
    let rows: Vec<EventRow> = on_db!(db, p => {
        sqlx::query_as(sqlx::AssertSqlSafe(format!("{SELECT} ORDER BY e.starts_at DESC, e.id DESC")))
            .fetch_all(p)
            .await?
    });
    rows.into_iter().map(StoredEvent::try_from).collect()
}

/// Whether another event than `except` already has this slug.
pub async fn slug_taken(db: &Db, slug: &str, except: Option<i64>) -> Result<bool, StoreError> {
    let n: i64 = on_db!(db, p => {
        sqlx::query_scalar("SELECT COUNT(*) FROM events WHERE slug = $1 AND id <> $2")
            .bind(slug)
            .bind(except.unwrap_or(-1))
            .fetch_one(p)
            .await?
    });
    Ok(n > 0)
}

/// Writes every editable column of event `id` (not its published flag). Call it under
/// [`lock`], in the same transaction that compared the new capacity with the seats taken.
pub async fn update_tx(tx: &mut Tx, id: i64, e: &EventView) -> Result<(), StoreError> {
    let json = json_columns(e)?;
    let sets: Vec<String> = EDITABLE
        .iter()
        .enumerate()
        .map(|(i, col)| format!("{col} = ${}", i + 1))
        .collect();
    let sql = format!(
        "UPDATE events SET {} WHERE id = ${}",
        sets.join(", "),
        EDITABLE.len() + 1
    );
    on_tx!(tx, c => {
        bind_editable!(sqlx::query(sqlx::AssertSqlSafe(sql)), e, json)
            .bind(id)
            .execute(c)
            .await?;
    });
    Ok(())
}

/// Publishes or unpublishes event `id`.
pub async fn set_published(db: &Db, id: i64, published: bool) -> Result<(), StoreError> {
    on_db!(db, p => {
        sqlx::query("UPDATE events SET published = $1 WHERE id = $2")
            .bind(published)
            .bind(id)
            .execute(p)
            .await?
            .rows_affected()
    });
    Ok(())
}

/// Every slug, but that of event `except`.
pub async fn slugs(db: &Db, except: Option<i64>) -> Result<Vec<String>, StoreError> {
    Ok(on_db!(db, p => {
        sqlx::query_scalar("SELECT slug FROM events WHERE id <> $1")
            .bind(except.unwrap_or(-1))
            .fetch_all(p)
            .await?
    }))
}

/// How many registrations of event `id` are not cancelled (confirmed or waiting).
pub async fn active_registrations(db: &Db, id: i64) -> Result<i64, StoreError> {
    Ok(on_db!(db, p => {
        sqlx::query_scalar(
            "SELECT COUNT(*) FROM registrations WHERE event_id = $1 AND status <> 'cancelled'",
        )
        .bind(id)
        .fetch_one(p)
        .await?
    }))
}
