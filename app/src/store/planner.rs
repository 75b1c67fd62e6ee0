//! Planner rows: an event's tables (replaced as a whole by the quick set-up, or edited one
//! by one: name, size, minimum, host, theme), its number of rounds, the people to seat
//! (confirmed registrations not left out, the fields the engine uses) and the latest plan
//! as JSON.

use super::{from_json_list, Db, StoreError, Tx};
use crate::{on_db, on_tx};
use chrono::{DateTime, Utc};

/// One table as stored, in position order.
#[derive(Clone, Debug, Default, PartialEq, Eq, sqlx::FromRow)]
pub struct TableRow {
    pub id: i64,
    pub name: String,
    pub capacity: i64,
    pub min_size: i64,
    /// The host's registration id.
    pub host: Option<i64>,
    pub theme: String,
}

/// A confirmed registration as the planner sees it (no contact details).
#[derive(Clone, Debug, PartialEq)]
pub struct PersonRow {
    pub id: i64,
    pub first_name: String,
    pub last_name: String,
    pub organisation: String,
    pub org_type: String,
    pub sector: String,
    pub offers: Vec<String>,
    pub needs: Vec<String>,
}

#[derive(sqlx::FromRow)]
struct RawPerson {
    id: i64,
    first_name: String,
    last_name: String,
    organisation: String,
    org_type: String,
    sector: String,
    offers: String,
    needs: String,
}

/// The latest plan of an event.
pub struct PlanRow {
    pub plan: String,
    pub runtime_ms: i64,
    pub created_at: DateTime<Utc>,
}

pub async fn tables(db: &Db, event_id: i64) -> Result<Vec<TableRow>, StoreError> {
    Ok(on_db!(db, p => {
        sqlx::query_as(
            "SELECT id, name, capacity, min_size, host_registration_id AS host, theme \
             FROM planner_tables WHERE event_id = $1 ORDER BY position, id",
        )
            .bind(event_id)
            .fetch_all(p)
            .await?
    }))
}

pub async fn rounds(db: &Db, event_id: i64) -> Result<Option<i64>, StoreError> {
    Ok(on_db!(db, p => {
        sqlx::query_scalar("SELECT rounds FROM planner_settings WHERE event_id = $1")
            .bind(event_id)
            .fetch_optional(p)
            .await?
    }))
}

/// Replaces the event's tables with `tables` (name, capacity), sets its rounds and drops its
/// plan (which seated people at the old tables), in one transaction.
pub async fn replace_setup(
    tx: &mut Tx,
    event_id: i64,
    tables: &[(String, i64)],
    rounds: i64,
) -> Result<(), StoreError> {
    on_tx!(tx, c => {
        sqlx::query("DELETE FROM planner_plans WHERE event_id = $1").bind(event_id).execute(&mut *c).await?;
        sqlx::query("DELETE FROM planner_tables WHERE event_id = $1").bind(event_id).execute(&mut *c).await?;
        sqlx::query("DELETE FROM planner_settings WHERE event_id = $1").bind(event_id).execute(&mut *c).await?;
        sqlx::query("INSERT INTO planner_settings (event_id, rounds) VALUES ($1, $2)")
            .bind(event_id)
            .bind(rounds)
            .execute(&mut *c)
            .await?;
        for (position, (name, capacity)) in tables.iter().enumerate() {
            sqlx::query("INSERT INTO planner_tables (event_id, position, name, capacity, min_size, theme) VALUES ($1, $2, $3, $4, 0, '')")
                .bind(event_id)
                .bind(position as i64)
                .bind(name)
                .bind(capacity)
                .execute(&mut *c)
                .await?;
        }
    });
    Ok(())
}

/// One table as the editor saves it.
pub struct TableFields<'a> {
    pub name: &'a str,
    pub capacity: i64,
    pub min_size: i64,
    pub host: Option<i64>,
    pub theme: &'a str,
}

/// Changes table `id` of the event (whether there was one), or with `None` adds the table
/// after the others.
pub async fn save_table(
    tx: &mut Tx,
    event_id: i64,
    id: Option<i64>,
    t: &TableFields<'_>,
) -> Result<bool, StoreError> {
    let n = on_tx!(tx, c => {
        match id {
            Some(id) => sqlx::query(
                "UPDATE planner_tables SET name = $1, capacity = $2, min_size = $3, \
                 host_registration_id = $4, theme = $5 WHERE id = $6 AND event_id = $7",
            )
            .bind(t.name)
            .bind(t.capacity)
            .bind(t.min_size)
            .bind(t.host)
            .bind(t.theme)
            .bind(id)
            .bind(event_id)
            .execute(c)
            .await?
            .rows_affected(),
            None => sqlx::query(
                "INSERT INTO planner_tables (event_id, position, name, capacity, min_size, host_registration_id, theme) \
                 SELECT $1, COALESCE(MAX(position), -1) + 1, $2, $3, $4, $5, $6 FROM planner_tables WHERE event_id = $1",
            )
            .bind(event_id)
            .bind(t.name)
            .bind(t.capacity)
            .bind(t.min_size)
            .bind(t.host)
            .bind(t.theme)
            .execute(c)
            .await?
            .rows_affected(),
        }
    });
    Ok(n == 1)
}

/// Removes table `id` of the event; whether there was one.
pub async fn remove_table(tx: &mut Tx, event_id: i64, id: i64) -> Result<bool, StoreError> {
    let n = on_tx!(tx, c => {
        sqlx::query("DELETE FROM planner_tables WHERE id = $1 AND event_id = $2")
            .bind(id)
            .bind(event_id)
            .execute(c)
            .await?
            .rows_affected()
    });
    Ok(n == 1)
}

/// Drops the event's plan (it seated people at tables that changed).
pub async fn drop_plan(tx: &mut Tx, event_id: i64) -> Result<(), StoreError> {
    on_tx!(tx, c => {
        sqlx::query("DELETE FROM planner_plans WHERE event_id = $1").bind(event_id).execute(c).await?;
    });
    Ok(())
}

/// Takes confirmed registration `id` of the event out of the networking tables (`at_tables`
/// false) or back in; whether there was such a registration.
pub async fn set_at_tables(
    tx: &mut Tx,
    event_id: i64,
    id: i64,
    at_tables: bool,
) -> Result<bool, StoreError> {
    let n = on_tx!(tx, c => {
        sqlx::query("UPDATE registrations SET at_tables = $1 WHERE id = $2 AND event_id = $3 AND status = 'confirmed'")
            .bind(at_tables)
            .bind(id)
            .bind(event_id)
            .execute(c)
            .await?
            .rows_affected()
    });
    Ok(n == 1)
}

/// The confirmed registrations of an event left out of the networking tables, by id:
/// (id, first name, last name, organisation).
pub async fn left_out(
    db: &Db,
    event_id: i64,
) -> Result<Vec<(i64, String, String, String)>, StoreError> {
    Ok(on_db!(db, p => {
        sqlx::query_as(
            "SELECT id, first_name, last_name, organisation FROM registrations \
             WHERE event_id = $1 AND status = 'confirmed' AND NOT at_tables ORDER BY id",
        )
        .bind(event_id)
        .fetch_all(p)
        .await?
    }))
}

/// The confirmed registrations of an event that take part in the networking tables, in
/// registration order.
pub async fn people(db: &Db, event_id: i64) -> Result<Vec<PersonRow>, StoreError> {
    let rows: Vec<RawPerson> = on_db!(db, p => {
        sqlx::query_as(
            "SELECT id, first_name, last_name, organisation, org_type, sector, offers, needs \
             FROM registrations WHERE event_id = $1 AND status = 'confirmed' AND at_tables ORDER BY id",
        )
        .bind(event_id)
        .fetch_all(p)
        .await?
    });
    rows.into_iter()
        .map(|r| {
            Ok(PersonRow {
                id: r.id,
                first_name: r.first_name,
                last_name: r.last_name,
                organisation: r.organisation,
                org_type: r.org_type,
                sector: r.sector,
                offers: from_json_list(&r.offers)?,
                needs: from_json_list(&r.needs)?,
            })
        })
        .collect()
}

pub async fn plan(db: &Db, event_id: i64) -> Result<Option<PlanRow>, StoreError> {
    let row: Option<(String, i64, DateTime<Utc>)> = on_db!(db, p => {
        sqlx::query_as("SELECT plan, runtime_ms, created_at FROM planner_plans WHERE event_id = $1")
            .bind(event_id)
            .fetch_optional(p)
            .await?
    });
    Ok(row.map(|(plan, runtime_ms, created_at)| PlanRow {
        plan,
        runtime_ms,
        created_at,
    }))
}

/// The event's latest plan inside a write transaction, locked on PostgreSQL until it ends
/// (SQLite's `BEGIN IMMEDIATE` already holds the only write lock), so two hand edits at
/// once do not lose one.
pub async fn plan_for_update(tx: &mut Tx, event_id: i64) -> Result<Option<PlanRow>, StoreError> {
    let row: Option<(String, i64, DateTime<Utc>)> = match tx {
        Tx::Sqlite(t) => {
            sqlx::query_as(
                "SELECT plan, runtime_ms, created_at FROM planner_plans WHERE event_id = $1",
            )
            .bind(event_id)
            .fetch_optional(&mut **t)
            .await?
        }
        Tx::Postgres(t) => sqlx::query_as(
            "SELECT plan, runtime_ms, created_at FROM planner_plans WHERE event_id = $1 FOR UPDATE",
        )
        .bind(event_id)
        .fetch_optional(&mut **t)
        .await?,
    };
    Ok(row.map(|(plan, runtime_ms, created_at)| PlanRow {
        plan,
        runtime_ms,
        created_at,
    }))
}

/// Stores `plan` as the event's latest.
pub async fn save_plan(
    tx: &mut Tx,
    event_id: i64,
    plan: &str,
    runtime_ms: i64,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    on_tx!(tx, c => {
        sqlx::query("DELETE FROM planner_plans WHERE event_id = $1").bind(event_id).execute(&mut *c).await?;
        sqlx::query("INSERT INTO planner_plans (event_id, plan, runtime_ms, created_at) VALUES ($1, $2, $3, $4)")
            .bind(event_id)
            .bind(plan)
            .bind(runtime_ms)
            .bind(now)
            .execute(&mut *c)
            .await?;
    });
    Ok(())
}

/// One published seat: `registration_id` sits at `table` in `round`.
#[derive(Clone, Debug, PartialEq, Eq, sqlx::FromRow)]
pub struct SeatRow {
    pub registration_id: i64,
    pub round: i64,
    pub table_name: String,
}

/// The event's published seats, by person and round.
pub async fn published_tx(tx: &mut Tx, event_id: i64) -> Result<Vec<SeatRow>, StoreError> {
    Ok(on_tx!(tx, c => {
        sqlx::query_as("SELECT registration_id, round, table_name FROM planner_seats WHERE event_id = $1 ORDER BY registration_id, round")
            .bind(event_id)
            .fetch_all(c)
            .await?
    }))
}

/// Replaces the event's published seats with `seats` and records when.
pub async fn publish_tx(
    tx: &mut Tx,
    event_id: i64,
    seats: &[SeatRow],
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    on_tx!(tx, c => {
        sqlx::query("DELETE FROM planner_seats WHERE event_id = $1").bind(event_id).execute(&mut *c).await?;
        for s in seats {
            sqlx::query("INSERT INTO planner_seats (event_id, registration_id, round, table_name) VALUES ($1, $2, $3, $4)")
                .bind(event_id)
                .bind(s.registration_id)
                .bind(s.round)
                .bind(&s.table_name)
                .execute(&mut *c)
                .await?;
        }
        sqlx::query("DELETE FROM planner_published WHERE event_id = $1").bind(event_id).execute(&mut *c).await?;
        sqlx::query("INSERT INTO planner_published (event_id, published_at) VALUES ($1, $2)")
            .bind(event_id)
            .bind(now)
            .execute(&mut *c)
            .await?;
    });
    Ok(())
}

/// When the event's plan was last published.
pub async fn published_at(db: &Db, event_id: i64) -> Result<Option<DateTime<Utc>>, StoreError> {
    Ok(on_db!(db, p => {
        sqlx::query_scalar("SELECT published_at FROM planner_published WHERE event_id = $1")
            .bind(event_id)
            .fetch_optional(p)
            .await?
    }))
}

/// One person's published tables, by round.
pub async fn seats_of(db: &Db, registration_id: i64) -> Result<Vec<(i64, String)>, StoreError> {
    Ok(on_db!(db, p => {
        sqlx::query_as("SELECT round, table_name FROM planner_seats WHERE registration_id = $1 ORDER BY round")
            .bind(registration_id)
            .fetch_all(p)
            .await?
    }))
}
