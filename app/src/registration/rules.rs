//! The time rules of a registration (server only): how long a personal link works after
//! the event, when editing and cancelling (and so promotion from the wait list) close, and
//! how often registering again re-sends the link. Pure functions of the event and `now`.

use crate::config::Config;
use crate::event::EventView;
use chrono::{DateTime, Duration, Utc};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Rules {
    /// Links stop working this long after the event ends.
    pub link_valid_after_event: Duration,
    /// Changes close this long before the event starts.
    pub changes_close_before_start: Duration,
    /// At most one link mail per address in this interval.
    pub resend_interval: Duration,
}

impl Rules {
    pub fn from_config(c: &Config) -> Rules {
        Rules {
            link_valid_after_event: Duration::days(c.link_valid_days_after_event),
            changes_close_before_start: Duration::minutes(c.changes_close_minutes_before_start),
            resend_interval: Duration::minutes(c.link_resend_minutes),
        }
    }

    /// Whether links to a registration of `event` no longer work.
    pub fn link_expired(&self, event: &EventView, now: DateTime<Utc>) -> bool {
        now > event.ends_at + self.link_valid_after_event
    }

    /// Whether editing, cancelling and promotion from the wait list are closed.
    pub fn changes_closed(&self, event: &EventView, now: DateTime<Utc>) -> bool {
        now >= event.starts_at - self.changes_close_before_start
    }

    /// Whether a new link may be mailed, the last one having gone out at `last`.
    pub fn may_resend(&self, last: Option<DateTime<Utc>>, now: DateTime<Utc>) -> bool {
        last.is_none_or(|t| now - t >= self.resend_interval)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rules() -> Rules {
        Rules {
            link_valid_after_event: Duration::days(30),
            changes_close_before_start: Duration::minutes(60),
            resend_interval: Duration::minutes(10),
        }
    }

    #[test]
    fn links_expire_after_the_event_plus_the_grace_period() {
        let now = Utc::now();
        let mut e = crate::demo::demo_event(now);
        e.ends_at = now - Duration::days(30) + Duration::seconds(1);
        assert!(!rules().link_expired(&e, now));
        e.ends_at = now - Duration::days(30) - Duration::seconds(1);
        assert!(rules().link_expired(&e, now));
    }

    #[test]
    fn changes_close_before_the_start() {
        let now = Utc::now();
        let mut e = crate::demo::demo_event(now);
        e.starts_at = now + Duration::minutes(61);
        assert!(!rules().changes_closed(&e, now));
        e.starts_at = now + Duration::minutes(60);
        assert!(rules().changes_closed(&e, now));
        let at_start = Rules {
            changes_close_before_start: Duration::zero(),
            ..rules()
        };
        e.starts_at = now + Duration::seconds(1);
        assert!(!at_start.changes_closed(&e, now));
        e.starts_at = now;
        assert!(at_start.changes_closed(&e, now));
    }

    #[test]
    fn a_link_goes_out_at_most_once_per_interval() {
        let now = Utc::now();
        assert!(rules().may_resend(None, now));
        assert!(!rules().may_resend(Some(now - Duration::minutes(9)), now));
        assert!(rules().may_resend(Some(now - Duration::minutes(10)), now));
    }
}
