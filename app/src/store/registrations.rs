//! Registration rows: insert, look-up by e-mail or by manage-token hash (several live links
//! per registration in `manage_tokens`), status changes and the wait-list order. All writes
//! take a [`Tx`] so callers keep them atomic; reading a link needs no write transaction.

use super::{from_json_list, to_json_list, Db, StoreError, Tx};
use crate::domain::{RegistrationForm, Status, ValidRegistration};
use crate::i18n::Lang;
use crate::{on_db, on_tx};
use chrono::{DateTime, Utc};
use std::sync::LazyLock;

/// The details an attendee can edit, in one order for SELECT, INSERT and UPDATE; their
/// values come from [`detail_values`] and are read back in [`RegistrationRow`].
const DETAILS: [&str; 8] = [
    "first_name",
    "last_name",
    "organisation",
    "org_type",
    "sector",
    "phone",
    "offers",
    "needs",
];

/// The values of [`DETAILS`] for a valid registration, as stored.
fn detail_values(reg: &ValidRegistration) -> [Option<String>; 8] {
    [
        Some(reg.first_name.as_str().to_string()),
        Some(reg.last_name.as_str().to_string()),
        Some(reg.organisation.as_str().to_string()),
        Some(reg.org_type.code().to_string()),
        Some(reg.sector.code().to_string()),
        reg.phone.as_ref().map(|p| p.as_str().to_string()),
        Some(to_json_list(reg.offers.codes())),
        Some(to_json_list(reg.needs.codes())),
    ]
}

#[derive(sqlx::FromRow)]
struct RegistrationRow {
    id: i64,
    event_id: i64,
    email: String,
    lang: String,
    status: String,
    email_confirmed_at: Option<DateTime<Utc>>,
    link_sent_at: Option<DateTime<Utc>>,
    first_name: String,
    last_name: String,
    organisation: String,
    org_type: String,
    sector: String,
    phone: Option<String>,
    offers: String,
    needs: String,
    share_contact: bool,
}

/// A stored registration (server side only; the browser gets a view of it).
#[derive(Clone, Debug)]
pub struct StoredRegistration {
    pub id: i64,
    pub event_id: i64,
    /// The address as first registered.
    pub email: String,
    pub lang: Lang,
    pub status: Status,
    pub email_confirmed_at: Option<DateTime<Utc>>,
    /// When the last mail with a personal link was queued.
    pub link_sent_at: Option<DateTime<Utc>>,
    /// The details as the form shows them (with the address; consent was given).
    pub form: RegistrationForm,
}

impl TryFrom<RegistrationRow> for StoredRegistration {
    type Error = StoreError;
    fn try_from(r: RegistrationRow) -> Result<Self, StoreError> {
        Ok(StoredRegistration {
            id: r.id,
            event_id: r.event_id,
            lang: Lang::parse(&r.lang).unwrap_or_default(),
            status: Status::parse(&r.status)
                .ok_or_else(|| StoreError::Corrupt(format!("registration status {}", r.status)))?,
            email_confirmed_at: r.email_confirmed_at,
            link_sent_at: r.link_sent_at,
            form: RegistrationForm {
                first_name: r.first_name,
                last_name: r.last_name,
                email: r.email.clone(),
                organisation: r.organisation,
                org_type: r.org_type,
                sector: r.sector,
                phone: r.phone.unwrap_or_default(),
                offers: from_json_list(&r.offers)?,
                needs: from_json_list(&r.needs)?,
                consent: true,
                share_contact: r.share_contact,
                ..Default::default()
            },
            email: r.email,
        })
    }
}

/// `… FROM registrations` for a [`RegistrationRow`].
static COLUMNS: LazyLock<String> = LazyLock::new(|| {
    format!(
        "id, event_id, email, lang, status, email_confirmed_at, link_sent_at, share_contact, {} FROM registrations",
        DETAILS.join(", ")
    )
});

/// Selects the registration one live link points to.
const BY_TOKEN: &str =
    "WHERE id = (SELECT registration_id FROM manage_tokens WHERE token_hash = $1)";

pub async fn count_confirmed(tx: &mut Tx, event_id: i64) -> Result<i64, StoreError> {
    Ok(on_tx!(tx, c => {
        sqlx::query_scalar("SELECT COUNT(*) FROM registrations WHERE event_id = $1 AND status = 'confirmed'")
            .bind(event_id)
            .fetch_one(c)
            .await?
    }))
}

pub async fn find_active_by_email(
    tx: &mut Tx,
    event_id: i64,
    email_norm: &str,
) -> Result<Option<StoredRegistration>, StoreError> {
    let cols = COLUMNS.as_str();
    let row: Option<RegistrationRow> = on_tx!(tx, c => {
        sqlx::query_as(sqlx::AssertSqlSafe(format!("SELECT {cols} WHERE event_id = $1 AND email_norm = $2 AND status <> 'cancelled'")))
            .bind(event_id)
            .bind(email_norm)
            .fetch_optional(c)
            .await?
    });
    row.map(StoredRegistration::try_from).transpose()
}

/// The registration a link (its token's hash) belongs to, read without a write transaction.
pub async fn find_by_token_hash(
    db: &Db,
    hash: &str,
) -> Result<Option<StoredRegistration>, StoreError> {
    let cols = COLUMNS.as_str();
    let row: Option<RegistrationRow> = on_db!(db, p => {
        sqlx::query_as(sqlx::AssertSqlSafe(format!("SELECT {cols} {BY_TOKEN}")))
            .bind(hash)
            .fetch_optional(p)
            .await?
    });
    row.map(StoredRegistration::try_from).transpose()
}

/// As [`find_by_token_hash`], inside a write transaction (re-read under the lock).
pub async fn find_by_token_hash_tx(
    tx: &mut Tx,
    hash: &str,
) -> Result<Option<StoredRegistration>, StoreError> {
    let cols = COLUMNS.as_str();
    let row: Option<RegistrationRow> = on_tx!(tx, c => {
        sqlx::query_as(sqlx::AssertSqlSafe(format!("SELECT {cols} {BY_TOKEN}")))
            .bind(hash)
            .fetch_optional(c)
            .await?
    });
    row.map(StoredRegistration::try_from).transpose()
}

pub async fn first_waitlisted(
    tx: &mut Tx,
    event_id: i64,
) -> Result<Option<StoredRegistration>, StoreError> {
    let cols = COLUMNS.as_str();
    let row: Option<RegistrationRow> = on_tx!(tx, c => {
        sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "SELECT {cols} WHERE event_id = $1 AND status = 'waitlisted' ORDER BY id LIMIT 1"
        )))
        .bind(event_id)
        .fetch_optional(c)
        .await?
    });
    row.map(StoredRegistration::try_from).transpose()
}

/// Inserts a registration with its first link (`token_hash`, see [`add_link`]).
pub async fn insert(
    tx: &mut Tx,
    event_id: i64,
    reg: &ValidRegistration,
    status: Status,
    token_hash: &str,
    now: DateTime<Utc>,
) -> Result<i64, StoreError> {
    // `manage_token_hash` is the legacy single-link column (UNIQUE, NOT NULL): it keeps the
    // first link's hash; links are looked up in `manage_tokens` only.
    let params: Vec<String> = (9..9 + DETAILS.len()).map(|i| format!("${i}")).collect();
    let sql = format!(
        "INSERT INTO registrations (event_id, email, email_norm, lang, status, manage_token_hash, \
         created_at, updated_at, share_contact, {}) VALUES ($1, $2, $3, $4, $5, $6, $7, $7, $8, {}) RETURNING id",
        DETAILS.join(", "),
        params.join(", ")
    );
    let id: i64 = on_tx!(tx, c => {
        let mut q = sqlx::query_scalar(sqlx::AssertSqlSafe(sql))
            .bind(event_id)
            .bind(reg.email.as_str())
            .bind(reg.email.normalized())
            .bind(reg.lang.code())
            .bind(status.code())
            .bind(token_hash)
            .bind(now)
            .bind(reg.share_contact);
        for v in detail_values(reg) {
            q = q.bind(v);
        }
        q.fetch_one(c).await?
    });
    add_link(tx, id, token_hash, now).await?;
    Ok(id)
}

/// Replaces the editable details and the language (not the e-mail address, which
/// identifies the person).
pub async fn update_details(
    tx: &mut Tx,
    id: i64,
    reg: &ValidRegistration,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    let sets: Vec<String> = DETAILS
        .iter()
        .enumerate()
        .map(|(i, col)| format!("{col} = ${}", i + 4))
        .collect();
    let sql = format!(
        "UPDATE registrations SET lang = $1, updated_at = $2, {} WHERE id = $3",
        sets.join(", ")
    );
    on_tx!(tx, c => {
        let mut q = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(reg.lang.code())
            .bind(now)
            .bind(id);
        for v in detail_values(reg) {
            q = q.bind(v);
        }
        q.execute(c).await?;
    });
    Ok(())
}

/// Records whether the person agrees to share their contact details with their tablemates
/// (only the person themselves, through their link: a coordinator's edit keeps it).
pub async fn set_share_contact(tx: &mut Tx, id: i64, share: bool) -> Result<(), StoreError> {
    on_tx!(tx, c => {
        sqlx::query("UPDATE registrations SET share_contact = $1 WHERE id = $2")
            .bind(share)
            .bind(id)
            .execute(c)
            .await?;
    });
    Ok(())
}

/// Adds a live link (the hash of a new token) to a registration and records that a mail
/// with a link is queued now. Earlier links keep working.
pub async fn add_link(
    tx: &mut Tx,
    id: i64,
    token_hash: &str,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    on_tx!(tx, c => {
        // Every link carries its check-in code's hash (the QR code at the desk).
        sqlx::query("INSERT INTO manage_tokens (token_hash, registration_id, created_at, checkin_hash) VALUES ($1, $2, $3, $4)")
            .bind(token_hash)
            .bind(id)
            .bind(now)
            .bind(crate::dayof::code::checkin_hash_for_link(token_hash))
            .execute(&mut *c)
            .await?;
        sqlx::query("UPDATE registrations SET link_sent_at = $1 WHERE id = $2")
            .bind(now)
            .bind(id)
            .execute(c)
            .await?;
    });
    Ok(())
}

/// Number of live links of one registration.
pub async fn link_count(db: &Db, id: i64) -> Result<i64, StoreError> {
    Ok(on_db!(db, p => {
        sqlx::query_scalar("SELECT COUNT(*) FROM manage_tokens WHERE registration_id = $1")
            .bind(id)
            .fetch_one(p)
            .await?
    }))
}

pub async fn set_status(
    tx: &mut Tx,
    id: i64,
    status: Status,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    on_tx!(tx, c => {
        sqlx::query(
            "UPDATE registrations SET status = $1, updated_at = $2, \
             cancelled_at = CASE WHEN $1 = 'cancelled' THEN $2 ELSE cancelled_at END WHERE id = $3",
        )
        .bind(status.code())
        .bind(now)
        .bind(id)
        .execute(c)
        .await?;
    });
    Ok(())
}

/// Marks the address confirmed (first deliberate action through a link; never on a GET).
pub async fn confirm_email(tx: &mut Tx, id: i64, now: DateTime<Utc>) -> Result<(), StoreError> {
    on_tx!(tx, c => {
        sqlx::query("UPDATE registrations SET email_confirmed_at = $1 WHERE id = $2 AND email_confirmed_at IS NULL")
            .bind(now)
            .bind(id)
            .execute(c)
            .await?;
    });
    Ok(())
}

/// Number of registrations per status for one event: (confirmed, waitlisted, cancelled).
pub async fn status_counts(db: &super::Db, event_id: i64) -> Result<(i64, i64, i64), StoreError> {
    let rows: Vec<(String, i64)> = crate::on_db!(db, p => {
        sqlx::query_as("SELECT status, COUNT(*) FROM registrations WHERE event_id = $1 GROUP BY status")
            .bind(event_id)
            .fetch_all(p)
            .await?
    });
    let get = |s: &str| {
        rows.iter()
            .find(|(k, _)| k == s)
            .map(|(_, n)| *n)
            .unwrap_or(0)
    };
    Ok((get("confirmed"), get("waitlisted"), get("cancelled")))
}

/// One registration by id, inside a write transaction (re-read under the event's lock).
pub async fn find_by_id_tx(tx: &mut Tx, id: i64) -> Result<Option<StoredRegistration>, StoreError> {
    let cols = COLUMNS.as_str();
    let row: Option<RegistrationRow> = on_tx!(tx, c => {
        sqlx::query_as(sqlx::AssertSqlSafe(format!("SELECT {cols} WHERE id = $1")))
            .bind(id)
            .fetch_optional(c)
            .await?
    });
    row.map(StoredRegistration::try_from).transpose()
}

/// One registration by id, read without a write transaction (the coordinator's edit page).
pub async fn find_by_id(db: &Db, id: i64) -> Result<Option<StoredRegistration>, StoreError> {
    let cols = COLUMNS.as_str();
    let row: Option<RegistrationRow> = on_db!(db, p => {
        sqlx::query_as(sqlx::AssertSqlSafe(format!("SELECT {cols} WHERE id = $1")))
            .bind(id)
            .fetch_optional(p)
            .await?
    });
    row.map(StoredRegistration::try_from).transpose()
}
