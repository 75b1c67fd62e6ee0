//! SQL for the coordinator's registration table: one event's registrations searched,
//! filtered, sorted and paged in the database (indexes in migration 20261129000600), the
//! number matching, and a look-up of one registration by id for the row actions.

use super::{from_json_list, Db, StoreError};
use crate::domain::table::{SortBy, TableQuery, TableRow};
use crate::domain::Status;
use chrono::{DateTime, Utc};

#[derive(sqlx::FromRow)]
struct Row {
    id: i64,
    first_name: String,
    last_name: String,
    email: String,
    organisation: String,
    org_type: String,
    sector: String,
    phone: Option<String>,
    offers: String,
    needs: String,
    status: String,
    created_at: DateTime<Utc>,
    share_contact: bool,
}

impl TryFrom<Row> for TableRow {
    type Error = StoreError;
    fn try_from(r: Row) -> Result<TableRow, StoreError> {
        Ok(TableRow {
            id: r.id,
            status: Status::parse(&r.status)
                .ok_or_else(|| StoreError::Corrupt(format!("registration status {}", r.status)))?,
            first_name: r.first_name,
            last_name: r.last_name,
            email: r.email,
            organisation: r.organisation,
            org_type: r.org_type,
            sector: r.sector,
            phone: r.phone.filter(|p| !p.is_empty()),
            offers: from_json_list(&r.offers)?,
            needs: from_json_list(&r.needs)?,
            registered_at: r.created_at,
            share_contact: r.share_contact,
        })
    }
}

/// `WHERE …` for a normalized query and the values to bind after `$1` (the event id).
fn filter(q: &TableQuery, postgres: bool) -> (String, Vec<String>) {
    let mut sql = String::from("WHERE event_id = $1");
    let mut binds: Vec<String> = Vec::new();
    let next = |v: String, binds: &mut Vec<String>| {
        binds.push(v);
        binds.len() + 1
    };
    if !q.q.is_empty() {
        // Case-insensitive for every letter (É, Ç, Ë …). PostgreSQL: LOWER folds Unicode.
        // SQLite: LIKE ignores the case of ASCII letters only, so a search with other
        // letters uses REGEXP (the regex crate, `(?i)`; slower, hence only then).
        let regexp = !postgres && !q.q.is_ascii();
        let n = if regexp {
            next(format!("(?i){}", regex_escape(&q.q)), &mut binds)
        } else {
            let escaped =
                q.q.to_lowercase()
                    .replace('\\', "\\\\")
                    .replace('%', "\\%")
                    .replace('_', "\\_");
            next(format!("%{escaped}%"), &mut binds)
        };
        let m = |expr: &str| {
            if regexp {
                format!("{expr} REGEXP ${n}")
            } else if postgres {
                format!("LOWER({expr}) LIKE ${n} ESCAPE '\\'")
            } else {
                format!("{expr} LIKE ${n} ESCAPE '\\'")
            }
        };
        sql.push_str(&format!(
            " AND ({} OR {} OR {} OR {})",
            m("first_name || ' ' || last_name"),
            m("last_name || ' ' || first_name"),
            m("organisation"),
            m("email_norm"),
        ));
    }
    for (col, v) in [
        ("status", &q.status),
        ("org_type", &q.org_type),
        ("sector", &q.sector),
    ] {
        if !v.is_empty() {
            let n = next(v.clone(), &mut binds);
            sql.push_str(&format!(" AND {col} = ${n}"));
        }
    }
    // Topic lists are JSON arrays of codes from the event's menu (checked by `normalized`).
    for (col, v) in [("offers", &q.offers), ("needs", &q.needs)] {
        if !v.is_empty() {
            let n = next(format!("%\"{v}\"%"), &mut binds);
            sql.push_str(&format!(" AND {col} LIKE ${n}"));
        }
    }
    (sql, binds)
}

/// `s` as a regular expression matching itself literally.
fn regex_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if "\\.+*?()|[]{}^$#&-~".contains(c) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

fn order(q: &TableQuery) -> String {
    let dir = if q.descending() { "DESC" } else { "ASC" };
    match q.sort_by() {
        SortBy::Name => format!("last_name {dir}, first_name {dir}, id {dir}"),
        SortBy::Organisation => format!("organisation {dir}, last_name {dir}, id {dir}"),
        SortBy::Registered => format!("created_at {dir}, id {dir}"),
        SortBy::Status => format!(
            "CASE status WHEN 'confirmed' THEN 0 WHEN 'waitlisted' THEN 1 ELSE 2 END {dir}, \
             last_name {dir}, first_name {dir}, id {dir}"
        ),
    }
}

const COLUMNS: &str = "id, first_name, last_name, email, organisation, org_type, sector, phone, \
                       offers, needs, status, created_at, share_contact FROM registrations";

/// The rows of `event_id` matching the normalized query `q`: `limit` rows from `offset`
/// (`None`: all, for the CSV export).
pub async fn rows(
    db: &Db,
    event_id: i64,
    q: &TableQuery,
    page: Option<(i64, i64)>,
) -> Result<Vec<TableRow>, StoreError> {
    let (filter, binds) = filter(q, db.is_postgres());
    let mut sql = format!("SELECT {COLUMNS} {filter} ORDER BY {}", order(q));
    if let Some((limit, offset)) = page {
        sql.push_str(&format!(" LIMIT {limit} OFFSET {offset}"));
    }
    let rows: Vec<Row> = crate::on_db!(db, p => {
        let mut query = sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(event_id);
        for b in &binds {
            query = query.bind(b);
        }
        query.fetch_all(p).await?
    });
    rows.into_iter().map(TableRow::try_from).collect()
}

/// How many registrations of `event_id` match the normalized query `q`.
pub async fn matching(db: &Db, event_id: i64, q: &TableQuery) -> Result<i64, StoreError> {
    let (filter, binds) = filter(q, db.is_postgres());
    let sql = format!("SELECT COUNT(*) FROM registrations {filter}");
    Ok(crate::on_db!(db, p => {
        let mut query = sqlx::query_scalar(sqlx::AssertSqlSafe(sql)).bind(event_id);
        for b in &binds {
            query = query.bind(b);
        }
        query.fetch_one(p).await?
    }))
}

/// The event a registration belongs to (for the row actions), if it exists.
pub async fn event_of(db: &Db, registration_id: i64) -> Result<Option<i64>, StoreError> {
    Ok(crate::on_db!(db, p => {
        sqlx::query_scalar("SELECT event_id FROM registrations WHERE id = $1")
            .bind(registration_id)
            .fetch_optional(p)
            .await?
    }))
}
