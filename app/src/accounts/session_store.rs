//! Server-side sessions in our own database: tower-sessions' `SessionStore` over the
//! `sessions` table (id, the record as JSON, expiry in Unix seconds), so every server
//! instance on the same database sees the same sessions. (`tower-sessions-sqlx-store`
//! needs sqlx 0.8; this crate is on 0.9, so the store is implemented here.)

use crate::store::Db;
use crate::{on_db, store::StoreError};
use async_trait::async_trait;
use tower_sessions::cookie::time::OffsetDateTime;
use tower_sessions::session::{Id, Record};
use tower_sessions::session_store::{self, SessionStore};

#[derive(Clone, Debug)]
pub struct DbSessionStore {
    db: Db,
}

impl DbSessionStore {
    pub fn new(db: Db) -> DbSessionStore {
        DbSessionStore { db }
    }

    /// Deletes expired sessions; returns how many.
    pub async fn delete_expired(&self) -> Result<u64, StoreError> {
        let now = OffsetDateTime::now_utc().unix_timestamp();
        Ok(on_db!(&self.db, p => {
            sqlx::query("DELETE FROM sessions WHERE expires_at <= $1")
                .bind(now)
                .execute(p)
                .await?
                .rows_affected()
        }))
    }
}

fn backend(e: sqlx::Error) -> session_store::Error {
    session_store::Error::Backend(e.to_string())
}

/// The coordinator a session record is signed in as, kept in its own column so that a
/// password change can end the account's other sessions.
fn coordinator_of(r: &Record) -> Option<i64> {
    r.data
        .get(crate::kernel::auth::SESSION_KEY)
        .and_then(|v| v.as_i64())
}

fn encode(r: &Record) -> session_store::Result<String> {
    serde_json::to_string(r).map_err(|e| session_store::Error::Encode(e.to_string()))
}

#[async_trait]
impl SessionStore for DbSessionStore {
    /// Inserts under a fresh id, drawing another one on the (unlikely) collision.
    async fn create(&self, record: &mut Record) -> session_store::Result<()> {
        loop {
            let data = encode(record)?;
            let id = record.id.to_string();
            let expires = record.expiry_date.unix_timestamp();
            let inserted = on_db!(&self.db, p => {
                sqlx::query(
                    "INSERT INTO sessions (id, data, expires_at, coordinator_id) VALUES ($1, $2, $3, $4) \
                     ON CONFLICT (id) DO NOTHING",
                )
                .bind(&id)
                .bind(&data)
                .bind(expires)
                .bind(coordinator_of(record))
                .execute(p)
                .await
                .map_err(backend)?
                .rows_affected()
            });
            if inserted == 1 {
                return Ok(());
            }
            record.id = Id::default();
        }
    }

    async fn save(&self, record: &Record) -> session_store::Result<()> {
        let data = encode(record)?;
        let id = record.id.to_string();
        let expires = record.expiry_date.unix_timestamp();
        on_db!(&self.db, p => {
            sqlx::query(
                "INSERT INTO sessions (id, data, expires_at, coordinator_id) VALUES ($1, $2, $3, $4) \
                 ON CONFLICT (id) DO UPDATE SET data = excluded.data, expires_at = excluded.expires_at, \
                 coordinator_id = excluded.coordinator_id",
            )
            .bind(&id)
            .bind(&data)
            .bind(expires)
            .bind(coordinator_of(record))
            .execute(p)
            .await
            .map_err(backend)?;
        });
        Ok(())
    }

    async fn load(&self, id: &Id) -> session_store::Result<Option<Record>> {
        let now = OffsetDateTime::now_utc().unix_timestamp();
        let data: Option<String> = on_db!(&self.db, p => {
            sqlx::query_scalar("SELECT data FROM sessions WHERE id = $1 AND expires_at > $2")
                .bind(id.to_string())
                .bind(now)
                .fetch_optional(p)
                .await
                .map_err(backend)?
        });
        data.map(|d| {
            serde_json::from_str(&d).map_err(|e| session_store::Error::Decode(e.to_string()))
        })
        .transpose()
    }

    async fn delete(&self, id: &Id) -> session_store::Result<()> {
        on_db!(&self.db, p => {
            sqlx::query("DELETE FROM sessions WHERE id = $1")
                .bind(id.to_string())
                .execute(p)
                .await
                .map_err(backend)?;
        });
        Ok(())
    }
}
