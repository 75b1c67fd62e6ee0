//! The seed's programme in tests: an event with it, its speakers, and a speaker's personal
//! link as mailed.

use super::*;
use app::i18n::Lang;
use chrono::{Duration, Utc};

pub const GRETE: &str = "grete.remen@example.org";

/// Adds event `slug` (starting `days` from now) with the seed's programme; returns its id.
pub async fn event_with_programme(srv: &Running, slug: &str, days: i64) -> i64 {
    let now = Utc::now();
    let mut e = app::demo::demo_event(now);
    e.slug = slug.into();
    e.capacity = 50;
    // Whole days keep the time of day; the wider hours absorb a clock change in between.
    let shift = Duration::days(days - (e.starts_at - now).num_days());
    e.starts_at += shift - Duration::hours(2);
    e.ends_at += shift + Duration::hours(2);
    e.registration_opens_at = e.starts_at - Duration::days(60);
    e.registration_closes_at = e.starts_at - Duration::hours(1);
    let id = app::store::events::insert(&srv.state.db, &e, now)
        .await
        .expect("insert event");
    app::demo::load_programme(&srv.state.db, slug, e.starts_at)
        .await
        .expect("the seed programme passes the checks");
    id
}

/// The id of the speaker named `name` in event `event_id`'s programme.
pub async fn speaker_id(srv: &Running, event_id: i64, name: &str) -> i64 {
    app::store::programme::of_event(&srv.state.db, event_id)
        .await
        .unwrap()
        .speakers
        .iter()
        .find(|s| s.name == name)
        .map(|s| s.id)
        .expect("speaker")
}

/// The speaker token in a mail's text.
pub fn speaker_token(mail: &Value) -> String {
    let text = mail["text"].as_str().expect("text part");
    let at = text.find("/s/").expect("speaker link in mail");
    text[at + 3..at + 3 + 64].to_string()
}

/// Mails Grete Remen her link and returns (her id, the token from the mail).
pub async fn grete_link(srv: &Running, mail: &MailDev, slug: &str, event_id: i64) -> (i64, String) {
    let id = speaker_id(srv, event_id, "Grete Remen").await;
    let before = to_address(&mail.emails().await, GRETE).len();
    srv.state
        .speakers()
        .send_link(slug, id, Lang::Nl)
        .await
        .expect("link mailed");
    let mails = mail.wait_for_count_to(GRETE, before + 1).await;
    (id, speaker_token(&mails[before]))
}
