//! The coordinator's downloads as plain GET routes (server only): the filtered table as
//! CSV and one person's data as JSON. A browser downloads them from a link, so they are
//! axum handlers, not server functions; each checks the coordinator session itself, as
//! `require_coordinator` does, and answers 401 without one.

use super::csv_export;
use super::table::TableQuery;
use crate::error::AppError;
use crate::i18n::Lang;
use crate::state::AppState;
use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use tower_sessions::Session;

/// The signed-in coordinator's id, or the refusal to send.
async fn coordinator(state: &AppState, session: &Session) -> Result<i64, Response> {
    crate::kernel::auth::coordinator_of(&state.db, session)
        .await
        .map(|c| c.id)
        .map_err(|e| {
            (
                StatusCode::from_u16(e.status()).unwrap_or(StatusCode::UNAUTHORIZED),
                e.to_string(),
            )
                .into_response()
        })
}

fn error(e: AppError) -> Response {
    let code = StatusCode::from_u16(e.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    (code, e.to_string()).into_response()
}

fn lang_of(headers: &HeaderMap) -> Lang {
    Lang::of_headers(headers)
}

/// `GET /coordinator/events/{slug}/registrations.csv?<table query>`.
pub async fn csv(
    State(state): State<AppState>,
    session: Session,
    Path(slug): Path<String>,
    Query(query): Query<TableQuery>,
    headers: HeaderMap,
) -> Response {
    let who = match coordinator(&state, &session).await {
        Ok(id) => id,
        Err(r) => return r,
    };
    let (event, rows) = match state.registrations().table_rows(&slug, &query).await {
        Ok(v) => v,
        Err(e) => return error(e.into()),
    };
    let body = match csv_export::to_csv(&event, &rows, lang_of(&headers)) {
        Ok(b) => b,
        Err(e) => return error(crate::error::internal("csv")(e)),
    };
    tracing::info!(
        coordinator = who,
        event = slug,
        rows = rows.len(),
        "registrations exported as CSV"
    );
    (
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{slug}-registrations.csv\""),
            ),
            (header::CACHE_CONTROL, "no-store".to_string()),
        ],
        body,
    )
        .into_response()
}

/// `GET /coordinator/registrations/{id}/export.json`: the privacy service's export.
pub async fn person_json(
    State(state): State<AppState>,
    session: Session,
    Path(id): Path<i64>,
) -> Response {
    let who = match coordinator(&state, &session).await {
        Ok(id) => id,
        Err(r) => return r,
    };
    let data = match state.privacy().export(id).await {
        Ok(d) => d,
        Err(e) => return error(e.into()),
    };
    let body = match serde_json::to_vec_pretty(&data) {
        Ok(b) => b,
        Err(e) => return error(crate::error::internal("json")(e)),
    };
    tracing::info!(
        coordinator = who,
        registration = id,
        "personal data exported"
    );
    (
        [
            (header::CONTENT_TYPE, "application/json".to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"registration-{id}.json\""),
            ),
            (header::CACHE_CONTROL, "no-store".to_string()),
        ],
        body,
    )
        .into_response()
}
