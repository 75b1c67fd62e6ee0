//! SQL of the privacy area: one person's rows (read for an export, deleted on request),
//! an event's personal rows (tallied, then deleted by the purge), the anonymous counts kept
//! in `event_stats`, and `purge_log`. Writes take a [`Tx`] so callers keep them atomic.

use super::{Db, StoreError, Tx};
use crate::{on_db, on_tx};
use chrono::{DateTime, Utc};

/// Everything stored in one registration row (except the legacy first-link hash).
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct PersonRow {
    pub id: i64,
    pub event_id: i64,
    pub first_name: String,
    pub last_name: String,
    pub email: String,
    pub organisation: String,
    pub org_type: String,
    pub sector: String,
    pub phone: Option<String>,
    pub offers: String,
    pub needs: String,
    pub lang: String,
    pub status: String,
    pub email_confirmed_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub cancelled_at: Option<DateTime<Utc>>,
    pub link_sent_at: Option<DateTime<Utc>>,
    pub share_contact: bool,
}

const PERSON: &str =
    "SELECT id, event_id, first_name, last_name, email, organisation, org_type, sector, \
     phone, offers, needs, lang, status, email_confirmed_at, created_at, updated_at, cancelled_at, \
     link_sent_at, share_contact FROM registrations WHERE id = $1";

/// One outbox row of a person, as stored (the body still holds the manage link).
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct PersonMailRow {
    pub kind: String,
    pub recipient: String,
    pub subject: String,
    pub body_text: String,
    pub has_ics: bool,
    pub status: String,
    pub attempts: i64,
    pub created_at: DateTime<Utc>,
    pub sent_at: Option<DateTime<Utc>>,
    pub last_error: Option<String>,
}

/// The fields of a registration the anonymous counts are made of.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct TallyRow {
    pub status: String,
    pub org_type: String,
    pub sector: String,
    pub created_at: DateTime<Utc>,
}

/// One anonymous count: registrations of `status` whose `dimension` is `bucket`.
#[derive(Clone, Debug, PartialEq, Eq, sqlx::FromRow)]
pub struct StatRow {
    pub status: String,
    pub dimension: String,
    pub bucket: String,
    pub count: i64,
}

/// Rows removed (or to be removed) for one registration or one event. `mails` and `links`
/// include the speakers' mails and speaker links; `speakers` counts the speakers whose
/// private data (contact address, link, photo) went.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Removed {
    pub registrations: i64,
    pub mails: i64,
    pub links: i64,
    pub speakers: i64,
}

/// The speakers of event `$1` that still hold private data: a contact address, a personal
/// link or a photo. Their names, roles, organisations and bios are the public programme.
const SPEAKERS_WITH_PRIVATE_DATA: &str =
    "SELECT s.id FROM programme_speakers s WHERE s.event_id = $1 \
     AND (s.contact_email <> '' \
          OR EXISTS (SELECT 1 FROM speaker_tokens t WHERE t.speaker_id = s.id) \
          OR EXISTS (SELECT 1 FROM speaker_photos p WHERE p.speaker_id = s.id))";

/// Mails to event `$1`'s speakers (their link and moved-session mails; the outbox keeps the
/// recipient, not the speaker).
const SPEAKER_MAILS: &str = "FROM outbox WHERE registration_id IS NULL \
     AND kind IN ('speaker_link', 'speaker_session_moved') \
     AND recipient IN (SELECT contact_email FROM programme_speakers WHERE event_id = $1 AND contact_email <> '')";

/// Speaker links of event `$1`.
const SPEAKER_LINKS: &str =
    "FROM speaker_tokens WHERE speaker_id IN (SELECT id FROM programme_speakers WHERE event_id = $1)";

/// An event whose end lies before the purge limit and that still holds personal rows.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct DueEvent {
    pub id: i64,
    pub slug: String,
    pub ends_at: DateTime<Utc>,
}

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct PurgeLogRow {
    pub id: i64,
    pub event_id: i64,
    pub kind: String,
    pub registrations: i64,
    pub mails: i64,
    pub links: i64,
    pub purged_at: DateTime<Utc>,
}

pub async fn person(db: &Db, id: i64) -> Result<Option<PersonRow>, StoreError> {
    Ok(on_db!(db, p => sqlx::query_as(PERSON).bind(id).fetch_optional(p).await?))
}

/// As [`person`], inside a write transaction (re-read under the event's lock).
pub async fn person_tx(tx: &mut Tx, id: i64) -> Result<Option<PersonRow>, StoreError> {
    Ok(on_tx!(tx, c => sqlx::query_as(PERSON).bind(id).fetch_optional(c).await?))
}

/// The outbox rows of one registration, oldest first.
pub async fn mails_of(db: &Db, registration_id: i64) -> Result<Vec<PersonMailRow>, StoreError> {
    Ok(on_db!(db, p => {
        sqlx::query_as(
            "SELECT kind, recipient, subject, body_text, ics IS NOT NULL AS has_ics, status, attempts, \
             created_at, sent_at, last_error FROM outbox WHERE registration_id = $1 ORDER BY id",
        )
        .bind(registration_id)
        .fetch_all(p)
        .await?
    }))
}

/// When each live link of one registration was made (the tokens are never stored).
pub async fn links_of(db: &Db, registration_id: i64) -> Result<Vec<DateTime<Utc>>, StoreError> {
    Ok(on_db!(db, p => {
        sqlx::query_scalar("SELECT created_at FROM manage_tokens WHERE registration_id = $1 ORDER BY created_at")
            .bind(registration_id)
            .fetch_all(p)
            .await?
    }))
}

/// Deletes one registration with its mails, links, published seats and follow-up answers.
pub async fn delete_person(tx: &mut Tx, id: i64) -> Result<Removed, StoreError> {
    Ok(on_tx!(tx, c => {
        let mails = sqlx::query("DELETE FROM outbox WHERE registration_id = $1")
            .bind(id).execute(&mut *c).await?.rows_affected();
        let links = sqlx::query("DELETE FROM manage_tokens WHERE registration_id = $1")
            .bind(id).execute(&mut *c).await?.rows_affected();
        // The follow-up: answers, and the record (with the answer link's hash) of the mail.
        sqlx::query("DELETE FROM followup_answers WHERE registration_id = $1")
            .bind(id).execute(&mut *c).await?;
        sqlx::query("DELETE FROM followup_sent WHERE registration_id = $1")
            .bind(id).execute(&mut *c).await?;
        sqlx::query("DELETE FROM planner_seats WHERE registration_id = $1")
            .bind(id).execute(&mut *c).await?;
        // a table they hosted keeps no host
        sqlx::query("UPDATE planner_tables SET host_registration_id = NULL WHERE host_registration_id = $1")
            .bind(id).execute(&mut *c).await?;
        let registrations = sqlx::query("DELETE FROM registrations WHERE id = $1")
            .bind(id).execute(c).await?.rows_affected();
        Removed { registrations: registrations as i64, mails: mails as i64, links: links as i64, speakers: 0 }
    }))
}

/// Events that ended before `limit` and still have registrations or speakers' private data,
/// oldest first.
pub async fn due_events(db: &Db, limit: DateTime<Utc>) -> Result<Vec<DueEvent>, StoreError> {
    let sql = format!(
        "SELECT e.id, e.slug, e.ends_at FROM events e WHERE e.ends_at < $1 \
         AND (EXISTS (SELECT 1 FROM registrations r WHERE r.event_id = e.id) \
              OR EXISTS ({})) ORDER BY e.ends_at, e.id",
        SPEAKERS_WITH_PRIVATE_DATA.replace("$1", "e.id")
    );
    Ok(on_db!(db, p => {
        sqlx::query_as(sqlx::AssertSqlSafe(sql))
        .bind(limit)
        .fetch_all(p)
        .await?
    }))
}

/// How many registrations, mails, links and speakers of one event a purge would remove.
pub async fn event_rows_count(db: &Db, event_id: i64) -> Result<Removed, StoreError> {
    let sql = format!(
        "SELECT (SELECT COUNT(*) FROM registrations WHERE event_id = $1), \
         (SELECT COUNT(*) FROM outbox WHERE registration_id IN (SELECT id FROM registrations WHERE event_id = $1)) \
           + (SELECT COUNT(*) {SPEAKER_MAILS}), \
         (SELECT COUNT(*) FROM manage_tokens WHERE registration_id IN (SELECT id FROM registrations WHERE event_id = $1)) \
           + (SELECT COUNT(*) {SPEAKER_LINKS}), \
         (SELECT COUNT(*) FROM ({SPEAKERS_WITH_PRIVATE_DATA}) private_speakers)"
    );
    let (registrations, mails, links, speakers): (i64, i64, i64, i64) = on_db!(db, p => {
        sqlx::query_as(sqlx::AssertSqlSafe(sql))
        .bind(event_id)
        .fetch_one(p)
        .await?
    });
    Ok(Removed {
        registrations,
        mails,
        links,
        speakers,
    })
}

/// Removes the private data of one event's speakers: the mails sent to them, their links,
/// their photos and their contact addresses. Their names, roles, organisations and bios
/// stay, as the public programme of the event.
pub async fn strip_speakers(tx: &mut Tx, event_id: i64) -> Result<Removed, StoreError> {
    let count = format!("SELECT COUNT(*) FROM ({SPEAKERS_WITH_PRIVATE_DATA}) private_speakers");
    let mails = format!("DELETE {SPEAKER_MAILS}");
    let links = format!("DELETE {SPEAKER_LINKS}");
    Ok(on_tx!(tx, c => {
        let speakers: i64 = sqlx::query_scalar(sqlx::AssertSqlSafe(count))
            .bind(event_id).fetch_one(&mut *c).await?;
        // The mails first: they are found by the contact addresses cleared below.
        let mails = sqlx::query(sqlx::AssertSqlSafe(mails))
            .bind(event_id).execute(&mut *c).await?.rows_affected();
        let links = sqlx::query(sqlx::AssertSqlSafe(links))
            .bind(event_id).execute(&mut *c).await?.rows_affected();
        sqlx::query("DELETE FROM speaker_photos WHERE speaker_id IN (SELECT id FROM programme_speakers WHERE event_id = $1)")
            .bind(event_id).execute(&mut *c).await?;
        sqlx::query("UPDATE programme_speakers SET contact_email = '' WHERE event_id = $1 AND contact_email <> ''")
            .bind(event_id).execute(c).await?;
        Removed { registrations: 0, mails: mails as i64, links: links as i64, speakers }
    }))
}

const TALLY: &str =
    "SELECT status, org_type, sector, created_at FROM registrations WHERE event_id = $1";

/// The fields counted for one event's registrations (read by the overview).
pub async fn tally_rows(db: &Db, event_id: i64) -> Result<Vec<TallyRow>, StoreError> {
    Ok(on_db!(db, p => sqlx::query_as(TALLY).bind(event_id).fetch_all(p).await?))
}

/// As [`tally_rows`], under the event's lock (read by the purge).
pub async fn tally_rows_tx(tx: &mut Tx, event_id: i64) -> Result<Vec<TallyRow>, StoreError> {
    Ok(on_tx!(tx, c => sqlx::query_as(TALLY).bind(event_id).fetch_all(c).await?))
}

/// Adds counts to an event's stored counts (a later purge of the same event adds up).
pub async fn add_stats(tx: &mut Tx, event_id: i64, stats: &[StatRow]) -> Result<(), StoreError> {
    for s in stats {
        on_tx!(tx, c => {
            sqlx::query(
                "INSERT INTO event_stats (event_id, status, dimension, bucket, count) VALUES ($1, $2, $3, $4, $5) \
                 ON CONFLICT (event_id, status, dimension, bucket) DO UPDATE SET count = event_stats.count + excluded.count",
            )
            .bind(event_id)
            .bind(&s.status)
            .bind(&s.dimension)
            .bind(&s.bucket)
            .bind(s.count)
            .execute(c)
            .await?;
        });
    }
    Ok(())
}

/// The counts stored for one event by earlier purges.
pub async fn stats(db: &Db, event_id: i64) -> Result<Vec<StatRow>, StoreError> {
    Ok(on_db!(db, p => {
        sqlx::query_as(
            "SELECT status, dimension, bucket, count FROM event_stats WHERE event_id = $1 \
             ORDER BY dimension, bucket, status",
        )
        .bind(event_id)
        .fetch_all(p)
        .await?
    }))
}

/// Deletes every registration of one event with their mails, links, published seats,
/// follow-up answers and the event's plan.
pub async fn delete_event_people(tx: &mut Tx, event_id: i64) -> Result<Removed, StoreError> {
    const OF_EVENT: &str = "registration_id IN (SELECT id FROM registrations WHERE event_id = $1)";
    Ok(on_tx!(tx, c => {
        let mails = sqlx::query(sqlx::AssertSqlSafe(format!("DELETE FROM outbox WHERE {OF_EVENT}")))
            .bind(event_id).execute(&mut *c).await?.rows_affected();
        let links = sqlx::query(sqlx::AssertSqlSafe(format!("DELETE FROM manage_tokens WHERE {OF_EVENT}")))
            .bind(event_id).execute(&mut *c).await?.rows_affected();
        sqlx::query(sqlx::AssertSqlSafe(format!("DELETE FROM followup_answers WHERE {OF_EVENT}")))
            .bind(event_id).execute(&mut *c).await?;
        sqlx::query("DELETE FROM followup_sent WHERE event_id = $1").bind(event_id).execute(&mut *c).await?;
        // The plan and the published seats name people only by registration id; they go too.
        sqlx::query("DELETE FROM planner_seats WHERE event_id = $1").bind(event_id).execute(&mut *c).await?;
        sqlx::query("DELETE FROM planner_plans WHERE event_id = $1").bind(event_id).execute(&mut *c).await?;
        sqlx::query("UPDATE planner_tables SET host_registration_id = NULL WHERE event_id = $1").bind(event_id).execute(&mut *c).await?;
        let registrations = sqlx::query("DELETE FROM registrations WHERE event_id = $1")
            .bind(event_id).execute(c).await?.rows_affected();
        Removed { registrations: registrations as i64, mails: mails as i64, links: links as i64, speakers: 0 }
    }))
}

/// Records a purge (`kind` 'event') or an erasure (`kind` 'person').
pub async fn log(
    tx: &mut Tx,
    event_id: i64,
    kind: &str,
    removed: Removed,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    on_tx!(tx, c => {
        sqlx::query(
            "INSERT INTO purge_log (event_id, kind, registrations, mails, links, purged_at) \
             VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(event_id)
        .bind(kind)
        .bind(removed.registrations)
        .bind(removed.mails)
        .bind(removed.links)
        .bind(now)
        .execute(c)
        .await?;
    });
    Ok(())
}

/// The purge log of one event, oldest first.
pub async fn log_of(db: &Db, event_id: i64) -> Result<Vec<PurgeLogRow>, StoreError> {
    Ok(on_db!(db, p => {
        sqlx::query_as(
            "SELECT id, event_id, kind, registrations, mails, links, purged_at FROM purge_log \
             WHERE event_id = $1 ORDER BY id",
        )
        .bind(event_id)
        .fetch_all(p)
        .await?
    }))
}
