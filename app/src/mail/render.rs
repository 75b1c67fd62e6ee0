//! Renders one attendee mail: subject, plain text, HTML and a calendar attachment built
//! with the `icalendar` crate. User-entered text is escaped in the HTML part.

use crate::event::EventView;
use crate::i18n::{format_span, Lang, T};
use crate::store::outbox::NewMail;
use icalendar::{Calendar, Component, EventLike};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MailKind {
    Confirmed,
    Waitlisted,
    LinkResent,
    Promoted,
}

impl MailKind {
    pub fn code(self) -> &'static str {
        match self {
            MailKind::Confirmed => "confirmed",
            MailKind::Waitlisted => "waitlisted",
            MailKind::LinkResent => "link_resent",
            MailKind::Promoted => "promoted",
        }
    }
    fn subject(self) -> T {
        match self {
            MailKind::Confirmed => T::MailSubjectConfirmed,
            MailKind::Waitlisted => T::MailSubjectWaitlisted,
            MailKind::LinkResent => T::MailSubjectLink,
            MailKind::Promoted => T::MailSubjectPromoted,
        }
    }
    fn intro(self) -> T {
        match self {
            MailKind::Confirmed => T::MailConfirmedText,
            MailKind::Waitlisted => T::MailWaitlistedText,
            MailKind::LinkResent => T::MailLinkText,
            MailKind::Promoted => T::MailPromotedText,
        }
    }
}

fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// The calendar entry for an event (UTC times; calendars show them in local time).
pub fn ics(event: &EventView, base_url: &str) -> String {
    let host = base_url
        .split("://")
        .nth(1)
        .unwrap_or("tafelronde")
        .split('/')
        .next()
        .unwrap_or("tafelronde");
    let entry = icalendar::Event::new()
        .uid(&format!("{}@{}", event.slug, host))
        .summary(&event.title)
        .description(&event.description)
        .location(&format!("{}, {}", event.venue_name, event.venue_address))
        .starts(event.starts_at)
        .ends(event.ends_at)
        .url(&format!("{base_url}/e/{}", event.slug))
        .done();
    Calendar::new().push(entry).done().to_string()
}

/// Who a mail goes to and what it links to.
#[derive(Clone, Copy)]
pub struct MailTo<'a> {
    pub lang: Lang,
    pub first_name: &'a str,
    pub address: &'a str,
    /// The attendee's personal manage link.
    pub manage_url: &'a str,
    pub base_url: &'a str,
}

/// Builds the mail for `kind`.
pub fn render(kind: MailKind, event: &EventView, to: &MailTo<'_>, message_id: String) -> NewMail {
    let MailTo {
        lang,
        first_name,
        address: recipient,
        manage_url,
        base_url,
    } = *to;
    let t = |k: T| lang.t(k);
    let when = format_span(lang, event.starts_at, event.ends_at);
    let subject = format!("{}: {}", t(kind.subject()), event.title);
    let text = format!(
        "{hello} {name},\n\n{intro}\n\n{title}\n{when}\n{venue}, {address}\n\n{manage}\n{url}\n\n{ics}\n\n{bye}\n{org} <{org_mail}>\n",
        hello = t(T::MailHello),
        name = first_name,
        intro = t(kind.intro()),
        title = event.title,
        venue = event.venue_name,
        address = event.venue_address,
        manage = t(T::MailManageText),
        url = manage_url,
        ics = t(T::MailIcsHint),
        bye = t(T::MailGreeting),
        org = event.organiser_name,
        org_mail = event.organiser_email,
    );
    let html = format!(
        "<!doctype html><html lang=\"{tag}\"><body style=\"font-family:sans-serif;line-height:1.5;color:#1d2733\">\
         <p>{hello} {name},</p><p>{intro}</p>\
         <p><strong>{title}</strong><br>{when}<br>{venue}, {address}</p>\
         <p>{manage}</p><p><a href=\"{url}\" style=\"background:#0b5d4b;color:#fff;padding:10px 16px;border-radius:6px;text-decoration:none\">{button}</a></p>\
         <p style=\"font-size:90%\"><a href=\"{url}\">{url}</a></p><p>{ics}</p><p>{bye}<br>{org}</p></body></html>",
        tag = lang.tag(),
        hello = t(T::MailHello),
        name = escape(first_name),
        intro = escape(t(kind.intro())),
        title = escape(&event.title),
        when = escape(&when),
        venue = escape(&event.venue_name),
        address = escape(&event.venue_address),
        manage = escape(t(T::MailManageText)),
        url = escape(manage_url),
        button = escape(t(T::MailManageButton)),
        ics = escape(t(T::MailIcsHint)),
        bye = escape(t(T::MailGreeting)),
        org = escape(&event.organiser_name),
    );
    NewMail {
        registration_id: None,
        kind: kind.code(),
        recipient: recipient.to_string(),
        subject,
        body_text: text,
        body_html: html,
        ics: Some(ics(event, base_url)),
        message_id,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::event::Topic;
    use chrono::TimeZone;

    fn event() -> EventView {
        let start = chrono::Utc
            .with_ymd_and_hms(2026, 12, 3, 12, 30, 0)
            .unwrap();
        EventView {
            slug: "demo".into(),
            title: "Ondernemers <ontmoeten>".into(),
            description: "d".into(),
            programme: "p".into(),
            venue_name: "Brouwerijmuseum".into(),
            venue_address: "Dorpsstraat 1, Bocholt".into(),
            starts_at: start,
            ends_at: start + chrono::Duration::hours(4),
            capacity: 10,
            confirmed: 0,
            registration_opens_at: start,
            registration_closes_at: start,
            organiser_name: "Org".into(),
            organiser_email: "org@x.be".into(),
            topics: vec![Topic {
                code: "a".into(),
                label: "A".into(),
            }],
        }
    }

    #[test]
    fn mail_has_link_local_time_and_escapes_html() {
        let to = MailTo {
            lang: Lang::Nl,
            first_name: "<b>Anna</b>",
            address: "a@x.be",
            manage_url: "http://h/m/tok",
            base_url: "http://h",
        };
        let m = render(MailKind::Confirmed, &event(), &to, "<id@h>".into());
        assert!(m.subject.starts_with("Je inschrijving"));
        assert!(m.body_text.contains("http://h/m/tok"));
        assert!(
            m.body_text
                .contains("donderdag 3 december 2026, 13:30–17:30"),
            "{}",
            m.body_text
        );
        assert!(m.body_html.contains("&lt;b&gt;Anna&lt;/b&gt;"));
        assert!(!m.body_html.contains("<b>Anna"));
        let ics = m.ics.unwrap();
        assert!(
            ics.contains("BEGIN:VEVENT") && ics.contains("DTSTART:20261203T123000Z"),
            "{ics}"
        );
    }

    #[test]
    fn mail_is_in_the_attendees_language() {
        let to = MailTo {
            lang: Lang::En,
            first_name: "Anna",
            address: "a@x.be",
            manage_url: "u",
            base_url: "http://h",
        };
        let m = render(MailKind::Waitlisted, &event(), &to, "<i@h>".into());
        assert!(m.subject.starts_with("You are on the wait list"));
        assert!(m.body_text.contains("Thursday 3 December 2026"));
    }
}
