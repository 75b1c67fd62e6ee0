//! Who is calling: the coordinator session (its keys, the guard every coordinator server
//! function starts with) read straight from the session and the store, so areas share one
//! guard without depending on the accounts area.

use crate::domain::account::Coordinator;
use crate::error::AppError;
use crate::store::Db;

/// The session key holding the signed-in coordinator's id.
pub const SESSION_KEY: &str = "coordinator_id";
/// The session key holding the minute (Unix time / 60) the session was last used; a new
/// minute changes the session, so it is saved with a new idle expiry.
const SEEN_KEY: &str = "seen_minute";

/// The request's session (the session layer is on every page and server function).
pub async fn session() -> Result<tower_sessions::Session, AppError> {
    leptos_axum::extract::<tower_sessions::Session>()
        .await
        .map_err(crate::error::internal("session layer missing"))
}

/// The signed-in coordinator, or [`AppError::Unauthorized`]. The first line of every
/// coordinator server function.
pub async fn require_coordinator() -> Result<Coordinator, AppError> {
    coordinator_of(&crate::state::app_state()?.db, &session().await?).await
}

/// The coordinator signed in with `session`, or [`AppError::Unauthorized`]: what
/// [`require_coordinator`] checks, for the few plain handlers (a file upload, a download)
/// that get the session as an axum extractor.
pub async fn coordinator_of(
    db: &Db,
    session: &tower_sessions::Session,
) -> Result<Coordinator, AppError> {
    let id: Option<i64> = session
        .get(SESSION_KEY)
        .await
        .map_err(crate::error::internal("session read"))?;
    let Some(id) = id else {
        return Err(AppError::Unauthorized);
    };
    let account = crate::store::accounts::by_id(db, id)
        .await
        .map_err(crate::error::internal("account of the session"))?;
    match account {
        Some(a) => {
            let minute = chrono::Utc::now().timestamp() / 60;
            if session.get::<i64>(SEEN_KEY).await.ok().flatten() != Some(minute) {
                session
                    .insert(SEEN_KEY, minute)
                    .await
                    .map_err(crate::error::internal("session write"))?;
            }
            Ok(Coordinator {
                id: a.id,
                email: a.email,
            })
        }
        None => {
            // The account is gone: the session is worthless.
            let _ = session.flush().await;
            Err(AppError::Unauthorized)
        }
    }
}
