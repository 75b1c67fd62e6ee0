//! Renders one attendee mail: subject, plain text and HTML from the askama templates in
//! `mail/templates/` (HTML auto-escaped), and a calendar attachment built with the
//! `icalendar` crate for people who have a seat (never for the wait list).

use crate::event::EventView;
use crate::i18n::{format_span, Lang, T};
use crate::ics;
use crate::store::outbox::NewMail;
use askama::Template;
use icalendar::{Calendar, Component, EventLike};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MailKind {
    Confirmed,
    Waitlisted,
    /// The personal link again; `has_seat` says whether the registration is confirmed
    /// (only then does the mail carry the calendar entry).
    LinkResent {
        has_seat: bool,
    },
    Promoted,
    /// Confirms a cancellation and says how to register again (no personal link).
    Cancelled,
}

impl MailKind {
    pub fn code(self) -> &'static str {
        match self {
            MailKind::Confirmed => "confirmed",
            MailKind::Waitlisted => "waitlisted",
            MailKind::LinkResent { .. } => "link_resent",
            MailKind::Promoted => "promoted",
            MailKind::Cancelled => "cancelled",
        }
    }
    fn subject(self) -> T {
        match self {
            MailKind::Confirmed => T::MailSubjectConfirmed,
            MailKind::Waitlisted => T::MailSubjectWaitlisted,
            MailKind::LinkResent { .. } => T::MailSubjectLink,
            MailKind::Promoted => T::MailSubjectPromoted,
            MailKind::Cancelled => T::MailSubjectCancelled,
        }
    }
    fn intro(self) -> T {
        match self {
            MailKind::Confirmed => T::MailConfirmedText,
            MailKind::Waitlisted => T::MailWaitlistedText,
            MailKind::LinkResent { .. } => T::MailLinkText,
            MailKind::Promoted => T::MailPromotedText,
            MailKind::Cancelled => T::MailCancelledText,
        }
    }
    /// Whether the mail carries the event's calendar entry: only for a seat.
    pub fn has_calendar(self) -> bool {
        match self {
            MailKind::Confirmed | MailKind::Promoted => true,
            MailKind::Waitlisted | MailKind::Cancelled => false,
            MailKind::LinkResent { has_seat } => has_seat,
        }
    }
}

/// One line of the short agenda in a confirmation mail.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AgendaLine {
    /// Start, Brussels time ("14:10").
    pub time: String,
    pub title: String,
    /// The speakers, or "Ronde 1" for a networking round (may be empty).
    pub who: String,
}

/// The values both templates show (already translated; escaped by the HTML template).
struct Fields<'a> {
    lang_tag: &'a str,
    hello: &'a str,
    name: &'a str,
    intro: &'a str,
    title: &'a str,
    when: &'a str,
    venue: &'a str,
    address: &'a str,
    manage: &'a str,
    url: &'a str,
    button: &'a str,
    ics_hint: Option<&'a str>,
    bye: &'a str,
    org: &'a str,
    org_mail: &'a str,
    /// The short agenda (empty: no programme, or not this kind of mail).
    agenda: &'a [AgendaLine],
    agenda_title: &'a str,
    agenda_url: &'a str,
    /// The check-in QR code block: the image's Content-ID and the texts (people with a seat).
    qr: Option<QrBlock<'a>>,
}

/// The check-in QR code in a mail: an inline image (`cid:`) in the HTML, a sentence in both.
struct QrBlock<'a> {
    cid: &'a str,
    alt: &'a str,
    html: &'a str,
    text: &'a str,
}

#[derive(Template)]
#[template(path = "mail.txt")]
struct TextMail<'a> {
    m: &'a Fields<'a>,
}

#[derive(Template)]
#[template(path = "mail.html")]
struct HtmlMail<'a> {
    m: &'a Fields<'a>,
}

/// The short cancellation mail: `m.url` is the event's registration page.
#[derive(Template)]
#[template(path = "cancelled.txt")]
struct CancelledText<'a> {
    m: &'a Fields<'a>,
}

#[derive(Template)]
#[template(path = "cancelled.html")]
struct CancelledHtml<'a> {
    m: &'a Fields<'a>,
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
        .summary(&ics::text(&event.title))
        .description(&ics::text(&event.description))
        .location(&ics::text(&format!(
            "{}, {}",
            event.venue_name, event.venue_address
        )))
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

/// Builds the mail for `kind`. A [`MailKind::Cancelled`] mail carries no personal link
/// (`to.manage_url` is not used) but the event's registration page on `to.base_url`.
pub fn render(kind: MailKind, event: &EventView, to: &MailTo<'_>, message_id: String) -> NewMail {
    render_with_agenda(kind, event, to, &[], message_id)
}

/// [`render`] with the event's short agenda, shown in mails for people with a seat.
pub fn render_with_agenda(
    kind: MailKind,
    event: &EventView,
    to: &MailTo<'_>,
    agenda: &[AgendaLine],
    message_id: String,
) -> NewMail {
    render_full(kind, event, to, agenda, false, message_id)
}

/// [`render_with_agenda`]; with `checkin_qr` (a mail for a seat), the HTML shows the
/// check-in QR code as the inline image [`crate::dayof::qr::MAIL_CID`] (the sender attaches
/// it) and both versions say to show it at the desk.
pub fn render_full(
    kind: MailKind,
    event: &EventView,
    to: &MailTo<'_>,
    agenda: &[AgendaLine],
    checkin_qr: bool,
    message_id: String,
) -> NewMail {
    let lang = to.lang;
    let t = |k: T| lang.t(k);
    let when = format_span(lang, event.starts_at, event.ends_at);
    let calendar = kind.has_calendar();
    let cancelled = kind == MailKind::Cancelled;
    let register_url = format!("{}/e/{}/register", to.base_url, event.slug);
    let agenda_url = format!("{}/e/{}/agenda", to.base_url, event.slug);
    let fields = Fields {
        lang_tag: lang.tag(),
        hello: t(T::MailHello),
        name: to.first_name,
        intro: t(kind.intro()),
        title: event.title_in(lang).text,
        when: &when,
        venue: &event.venue_name,
        address: &event.venue_address,
        manage: t(if cancelled {
            T::MailRegisterAgainText
        } else {
            T::MailManageText
        }),
        url: if cancelled {
            &register_url
        } else {
            to.manage_url
        },
        button: t(if cancelled {
            T::MailRegisterAgainButton
        } else {
            T::MailManageButton
        }),
        ics_hint: calendar.then(|| t(T::MailIcsHint)),
        bye: t(if cancelled {
            T::MailCancelledBye
        } else {
            T::MailGreeting
        }),
        org: &event.organiser_name,
        org_mail: &event.organiser_email,
        agenda: if calendar { agenda } else { &[] },
        agenda_title: t(T::MailAgenda),
        agenda_url: &agenda_url,
        qr: (checkin_qr && calendar).then(|| QrBlock {
            cid: crate::dayof::qr::MAIL_CID,
            alt: t(T::QrAlt),
            html: t(T::MailQrHtml),
            text: t(T::MailQrText),
        }),
    };
    // Rendering only fails when a value's Display fails; ours are plain strings.
    let (body_text, body_html) = if cancelled {
        (
            CancelledText { m: &fields }.render(),
            CancelledHtml { m: &fields }.render(),
        )
    } else {
        (
            TextMail { m: &fields }.render(),
            HtmlMail { m: &fields }.render(),
        )
    };
    let body_text = body_text.expect("mail text template renders");
    let body_html = body_html.expect("mail HTML template renders");
    NewMail {
        registration_id: None,
        kind: kind.code(),
        recipient: to.address.to_string(),
        subject: format!("{}: {}", t(kind.subject()), event.title_in(lang).text),
        body_text,
        body_html,
        ics: calendar.then(|| ics(event, to.base_url)),
        message_id,
        link: None,
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
            published: true,
            org_types: crate::domain::OrgType::ALL.to_vec(),
            sectors: crate::domain::Sector::ALL.to_vec(),
            translations: Default::default(),
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
        assert!(
            m.body_html.contains("&#60;b&#62;Anna&#60;/b&#62;"),
            "{}",
            m.body_html
        );
        assert!(!m.body_html.contains("<b>Anna"));
        assert!(!m.body_html.contains("<ontmoeten>"));
        let ics = m.ics.unwrap();
        assert!(
            ics.contains("BEGIN:VEVENT") && ics.contains("DTSTART:20261203T123000Z"),
            "{ics}"
        );
    }

    #[test]
    fn the_calendar_attachment_keeps_texts_inside_their_property() {
        use crate::ics::tests::{content_lines, property, value};
        let mut e = event();
        e.title = "Netwerk\r\nATTENDEE:mailto:x@evil\rBEGIN:VEVENT\nEND:VEVENT".into();
        e.description = format!(
            "{}\r\nORGANIZER:mailto:x@evil",
            "Ça va; één, twee ".repeat(20)
        );
        e.venue_name = "Zaal\r\u{0}".into();
        let ics = ics(&e, "http://h");
        let lines = content_lines(&ics);
        assert!(
            !lines
                .iter()
                .any(|l| ["ATTENDEE", "ORGANIZER"].contains(&property(l))),
            "{ics}"
        );
        assert_eq!(lines.iter().filter(|l| *l == "BEGIN:VEVENT").count(), 1);
        let summary = lines
            .iter()
            .find(|l| property(l) == "SUMMARY")
            .expect("SUMMARY");
        assert_eq!(
            value(summary),
            "Netwerk\nATTENDEE:mailto:x@evil\nBEGIN:VEVENT\nEND:VEVENT"
        );
        let location = lines
            .iter()
            .find(|l| property(l) == "LOCATION")
            .expect("LOCATION");
        assert_eq!(value(location), "Zaal\n, Dorpsstraat 1, Bocholt");
        let description = lines
            .iter()
            .find(|l| property(l) == "DESCRIPTION")
            .expect("DESCRIPTION");
        assert!(value(description).ends_with("twee \nORGANIZER:mailto:x@evil"));
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

    #[test]
    fn cancellation_mail_confirms_and_offers_to_register_again() {
        let to = MailTo {
            lang: Lang::Fr,
            first_name: "Anna",
            address: "a@x.be",
            manage_url: "http://h/m/tok",
            base_url: "http://h",
        };
        let m = render(MailKind::Cancelled, &event(), &to, "<i@h>".into());
        assert!(
            m.subject.starts_with("Votre inscription est annulée"),
            "{}",
            m.subject
        );
        assert!(
            m.body_text.contains("http://h/e/demo/register"),
            "{}",
            m.body_text
        );
        assert!(
            !m.body_text.contains("/m/"),
            "no personal link left to manage"
        );
        assert!(m.ics.is_none());
        assert_eq!(m.kind, "cancelled");
    }

    #[test]
    fn only_a_seat_gets_a_calendar_entry() {
        let to = MailTo {
            lang: Lang::Nl,
            first_name: "Anna",
            address: "a@x.be",
            manage_url: "u",
            base_url: "http://h",
        };
        for (kind, calendar) in [
            (MailKind::Confirmed, true),
            (MailKind::Promoted, true),
            (MailKind::LinkResent { has_seat: true }, true),
            (MailKind::LinkResent { has_seat: false }, false),
            (MailKind::Waitlisted, false),
            (MailKind::Cancelled, false),
        ] {
            let m = render(kind, &event(), &to, "<i@h>".into());
            assert_eq!(m.ics.is_some(), calendar, "{kind:?}");
            assert_eq!(
                m.body_text.contains("agenda-item"),
                calendar,
                "{kind:?}: the hint follows the attachment"
            );
        }
    }

    /// Subject, text and HTML of every kind of mail, in Dutch and English; the short agenda
    /// only in the mails of people with a seat.
    #[test]
    fn snapshots_of_every_mail() {
        for lang in [Lang::Nl, Lang::En] {
            for kind in [
                MailKind::Confirmed,
                MailKind::Waitlisted,
                MailKind::LinkResent { has_seat: true },
                MailKind::LinkResent { has_seat: false },
                MailKind::Promoted,
                MailKind::Cancelled,
            ] {
                let to = MailTo {
                    lang,
                    first_name: "Anna & 'Bob'",
                    address: "anna@example.be",
                    manage_url: "https://tafelronde.example/m/0123abcd",
                    base_url: "https://tafelronde.example",
                };
                let agenda = [
                    AgendaLine {
                        time: "14:10".into(),
                        title: "Lokale besturen <als> regisseur".into(),
                        who: "Serge Vander Linden".into(),
                    },
                    AgendaLine {
                        time: "15:45".into(),
                        title: "Netwerktafels".into(),
                        who: "Ronde 1".into(),
                    },
                ];
                let m = render_with_agenda(
                    kind,
                    &event(),
                    &to,
                    &agenda,
                    "<id@tafelronde.example>".into(),
                );
                let seat = match kind {
                    MailKind::LinkResent { has_seat: true } => "_seat",
                    MailKind::LinkResent { has_seat: false } => "_no_seat",
                    _ => "",
                };
                let shown = format!(
                    "subject: {}\ncalendar attached: {}\n--- text ---\n{}\n--- html ---\n{}",
                    m.subject,
                    m.ics.is_some(),
                    m.body_text,
                    m.body_html
                );
                insta::assert_snapshot!(format!("{}{seat}_{}", kind.code(), lang.code()), shown);
            }
        }
    }
}
