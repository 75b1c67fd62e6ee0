//! The registration service (server only): registering with capacity and wait list,
//! re-sending the personal link, viewing/editing/cancelling through the manage token and
//! promoting from the wait list. Each change and its mail are written in one transaction.

use super::{ManageView, RegisterOutcome, RegistrationForm, Status};
use crate::error::AppError;
use crate::event::{EventView, RegistrationWindow};
use crate::i18n::Lang;
use crate::mail::{render, MailKind, MailTo};
use crate::state::AppState;
use crate::store::registrations::{self, StoredRegistration};
use crate::store::{events, outbox, StoreError, Tx};
use chrono::{DateTime, Utc};
use sha2::{Digest, Sha256};

/// A new random manage token (256 bits, hex) and the hash that is stored.
pub fn new_token() -> Result<(String, String), AppError> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).map_err(crate::error::internal("random token"))?;
    let token = hex::encode(bytes);
    let hash = hash_token(&token);
    Ok((token, hash))
}

pub fn hash_token(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

fn message_id(state: &AppState) -> String {
    let domain = state
        .config
        .mail_from
        .rsplit_once('@')
        .map(|(_, d)| d.trim_end_matches('>').to_string())
        .unwrap_or_else(|| "tafelronde.localhost".into());
    format!("<{}@{}>", uuid::Uuid::new_v4(), domain)
}

fn db_err(e: StoreError) -> AppError {
    tracing::error!("store: {e}");
    AppError::Internal
}

#[allow(clippy::too_many_arguments)]
async fn queue_mail(
    state: &AppState,
    tx: &mut Tx,
    kind: MailKind,
    lang: Lang,
    event: &EventView,
    reg_id: i64,
    first_name: &str,
    email: &str,
    token: &str,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let base = &state.config.base_url;
    let manage_url = format!("{base}/m/{token}");
    let to = MailTo {
        lang,
        first_name,
        address: email,
        manage_url: &manage_url,
        base_url: base,
    };
    let mut mail = render(kind, event, &to, message_id(state));
    mail.registration_id = Some(reg_id);
    outbox::enqueue(tx, &mail, now).await.map_err(db_err)?;
    Ok(())
}

pub async fn register(
    state: &AppState,
    slug: &str,
    form: &RegistrationForm,
    lang: Lang,
) -> Result<RegisterOutcome, AppError> {
    let now = Utc::now();
    let event = events::by_slug(&state.db, slug)
        .await
        .map_err(db_err)?
        .ok_or(AppError::NotFound)?;
    match event.view.window(now) {
        RegistrationWindow::NotYetOpen => return Err(AppError::RegistrationNotYetOpen),
        RegistrationWindow::Closed => return Err(AppError::RegistrationClosed),
        RegistrationWindow::Open => {}
    }
    let valid = match form.validate(&event.view.topic_codes(), lang) {
        Ok(v) => v,
        Err(errors) => return Ok(RegisterOutcome::Invalid(errors)),
    };
    let (token, hash) = new_token()?;
    let mut tx = state.db.begin_write().await.map_err(db_err)?;
    events::lock(&mut tx, event.id).await.map_err(db_err)?;
    let existing =
        registrations::find_active_by_email(&mut tx, event.id, &valid.email.normalized())
            .await
            .map_err(db_err)?;
    let (kind, reg_id, first_name, recipient) = match existing {
        Some(reg) => {
            // The link goes to the address as first registered, never to the new spelling.
            registrations::set_token_hash(&mut tx, reg.id, &hash, now)
                .await
                .map_err(db_err)?;
            let has_seat = reg.status == Status::Confirmed;
            (
                MailKind::LinkResent { has_seat },
                reg.id,
                reg.first_name,
                reg.email,
            )
        }
        None => {
            let confirmed = registrations::count_confirmed(&mut tx, event.id)
                .await
                .map_err(db_err)?;
            let status = if confirmed < event.view.capacity {
                Status::Confirmed
            } else {
                Status::Waitlisted
            };
            let id = registrations::insert(&mut tx, event.id, &valid, status, &hash, now)
                .await
                .map_err(db_err)?;
            let kind = if status == Status::Confirmed {
                MailKind::Confirmed
            } else {
                MailKind::Waitlisted
            };
            (
                kind,
                id,
                valid.first_name.as_str().to_string(),
                valid.email.as_str().to_string(),
            )
        }
    };
    queue_mail(
        state,
        &mut tx,
        kind,
        lang,
        &event.view,
        reg_id,
        &first_name,
        &recipient,
        &token,
        now,
    )
    .await?;
    tx.commit().await.map_err(db_err)?;
    state.mail_wake.notify_one();
    Ok(RegisterOutcome::Accepted)
}

async fn by_token(tx: &mut Tx, token: &str) -> Result<StoredRegistration, AppError> {
    if token.len() != 64 || !token.chars().all(|c| c.is_ascii_hexdigit()) {
        return Err(AppError::InvalidLink);
    }
    registrations::find_by_token_hash(tx, &hash_token(token))
        .await
        .map_err(db_err)?
        .ok_or(AppError::InvalidLink)
}

fn view_of(event: EventView, reg: &StoredRegistration) -> ManageView {
    ManageView {
        event,
        status: reg.status,
        email: reg.email.clone(),
        form: RegistrationForm {
            first_name: reg.first_name.clone(),
            last_name: reg.last_name.clone(),
            email: reg.email.clone(),
            organisation: reg.organisation.clone(),
            org_type: reg.org_type.clone(),
            sector: reg.sector.clone(),
            phone: reg.phone.clone().unwrap_or_default(),
            offers: reg.offers.clone(),
            needs: reg.needs.clone(),
            consent: true,
        },
    }
}

/// Opens the manage link: confirms the e-mail address and returns the registration.
pub async fn open(state: &AppState, token: &str) -> Result<ManageView, AppError> {
    let now = Utc::now();
    let mut tx = state.db.begin_write().await.map_err(db_err)?;
    let reg = by_token(&mut tx, token).await?;
    registrations::confirm_email(&mut tx, reg.id, now)
        .await
        .map_err(db_err)?;
    let event = events::by_id_tx(&mut tx, reg.event_id)
        .await
        .map_err(db_err)?;
    tx.commit().await.map_err(db_err)?;
    Ok(view_of(event.view, &reg))
}

/// Saves edited details (the e-mail address stays as registered).
pub async fn update(
    state: &AppState,
    token: &str,
    form: &RegistrationForm,
    lang: Lang,
) -> Result<RegisterOutcome, AppError> {
    let now = Utc::now();
    let mut tx = state.db.begin_write().await.map_err(db_err)?;
    let reg = by_token(&mut tx, token).await?;
    if reg.status == Status::Cancelled {
        return Err(AppError::InvalidLink);
    }
    let event = events::by_id_tx(&mut tx, reg.event_id)
        .await
        .map_err(db_err)?;
    let mut form = form.clone();
    form.email = reg.email.clone();
    form.consent = true;
    let valid = match form.validate(&event.view.topic_codes(), lang) {
        Ok(v) => v,
        Err(errors) => return Ok(RegisterOutcome::Invalid(errors)),
    };
    registrations::update_details(&mut tx, reg.id, &valid, now)
        .await
        .map_err(db_err)?;
    tx.commit().await.map_err(db_err)?;
    Ok(RegisterOutcome::Accepted)
}

/// Cancels; a freed confirmed seat goes to the first on the wait list, who gets a mail.
pub async fn cancel(state: &AppState, token: &str) -> Result<(), AppError> {
    let now = Utc::now();
    let mut tx = state.db.begin_write().await.map_err(db_err)?;
    let reg = by_token(&mut tx, token).await?;
    events::lock(&mut tx, reg.event_id).await.map_err(db_err)?;
    // Re-read under the lock: a concurrent cancel may have won.
    let reg = by_token(&mut tx, token).await?;
    if reg.status == Status::Cancelled {
        return Ok(());
    }
    registrations::set_status(&mut tx, reg.id, Status::Cancelled, now)
        .await
        .map_err(db_err)?;
    let mut promoted = false;
    if reg.status == Status::Confirmed {
        let event = events::by_id_tx(&mut tx, reg.event_id)
            .await
            .map_err(db_err)?;
        if event.view.confirmed < event.view.capacity {
            if let Some(next) = registrations::first_waitlisted(&mut tx, reg.event_id)
                .await
                .map_err(db_err)?
            {
                let (token, hash) = new_token()?;
                registrations::set_status(&mut tx, next.id, Status::Confirmed, now)
                    .await
                    .map_err(db_err)?;
                registrations::set_token_hash(&mut tx, next.id, &hash, now)
                    .await
                    .map_err(db_err)?;
                queue_mail(
                    state,
                    &mut tx,
                    MailKind::Promoted,
                    next.lang,
                    &event.view,
                    next.id,
                    &next.first_name,
                    &next.email,
                    &token,
                    now,
                )
                .await?;
                promoted = true;
            }
        }
    }
    tx.commit().await.map_err(db_err)?;
    if promoted {
        state.mail_wake.notify_one();
    }
    Ok(())
}
