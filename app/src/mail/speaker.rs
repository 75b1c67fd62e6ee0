//! Renders the speakers' mails from the askama templates `speaker.txt` / `speaker.html`:
//! the personal link to their speaker page, and the notice that one of their sessions
//! moved (new time or room). HTML is auto-escaped.

use crate::i18n::{format_span, Lang, T};
use crate::store::outbox::NewMail;
use askama::Template;
use chrono::{DateTime, Utc};

struct Fields<'a> {
    lang_tag: &'a str,
    hello: &'a str,
    name: &'a str,
    intro: &'a str,
    event: &'a str,
    lines: Vec<String>,
    url: Option<&'a str>,
    button: &'a str,
    note: &'a str,
}

#[derive(Template)]
#[template(path = "speaker.txt")]
struct TextMail<'a> {
    m: &'a Fields<'a>,
}

#[derive(Template)]
#[template(path = "speaker.html")]
struct HtmlMail<'a> {
    m: &'a Fields<'a>,
}

/// The outbox `kind` of the link mail.
pub const KIND_LINK: &str = "speaker_link";
/// The outbox `kind` of the mail about a moved session.
pub const KIND_MOVED: &str = "speaker_session_moved";

fn mail(
    kind: &'static str,
    lang: Lang,
    to: &str,
    subject: T,
    f: &Fields<'_>,
    id: String,
) -> NewMail {
    NewMail {
        registration_id: None,
        kind,
        recipient: to.to_string(),
        subject: lang.t(subject).to_string(),
        // Both templates render plain strings: they cannot fail.
        body_text: TextMail { m: f }.render().unwrap_or_default(),
        body_html: HtmlMail { m: f }.render().unwrap_or_default(),
        ics: None,
        message_id: id,
        link: None,
    }
}

/// The mail carrying speaker `name`'s personal link `url` for the event `event` (`when`:
/// its date and hours, already formatted).
pub fn render_link(
    lang: Lang,
    name: &str,
    to: &str,
    event: &str,
    when: &str,
    url: &str,
    id: String,
) -> NewMail {
    let f = Fields {
        lang_tag: lang.tag(),
        hello: lang.t(T::MailHello),
        name,
        intro: lang.t(T::SpeakerMailLinkText),
        event,
        lines: vec![when.to_string()],
        url: Some(url),
        button: lang.t(T::SpeakerMailLinkButton),
        note: lang.t(T::SpeakerMailLinkNote),
    };
    mail(KIND_LINK, lang, to, T::SpeakerMailLinkSubject, &f, id)
}

/// The mail telling speaker `name` that their session `session` now runs from `starts_at`
/// to `ends_at` in `room` (may be empty).
#[allow(clippy::too_many_arguments)]
pub fn render_moved(
    lang: Lang,
    name: &str,
    to: &str,
    event: &str,
    session: &str,
    starts_at: DateTime<Utc>,
    ends_at: DateTime<Utc>,
    room: &str,
    id: String,
) -> NewMail {
    let mut lines = vec![session.to_string(), format_span(lang, starts_at, ends_at)];
    if !room.is_empty() {
        let colon = if lang == Lang::Fr { " :" } else { ":" };
        lines.push(format!("{}{colon} {room}", lang.t(T::AgendaRoom)));
    }
    let f = Fields {
        lang_tag: lang.tag(),
        hello: lang.t(T::MailHello),
        name,
        intro: lang.t(T::SpeakerMailMovedText),
        event,
        lines,
        url: None,
        button: "",
        note: lang.t(T::SpeakerMailMovedNote),
    };
    mail(KIND_MOVED, lang, to, T::SpeakerMailMovedSubject, &f, id)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn shown(m: &NewMail) -> String {
        format!(
            "subject: {}\nkind: {}\n--- text ---\n{}\n--- html ---\n{}",
            m.subject, m.kind, m.body_text, m.body_html
        )
    }

    #[test]
    fn link_mail_carries_the_link_and_escapes_html() {
        let m = render_link(
            Lang::Nl,
            "Grete <b>",
            "g@x.be",
            "Netwerk & co",
            "donderdag",
            "https://h/s/ab?x=<y>",
            "<i@h>".into(),
        );
        assert!(m.body_text.contains("https://h/s/ab?x=<y>"));
        assert!(
            !m.body_html.contains("<b>") && !m.body_html.contains("<y>"),
            "{}",
            m.body_html
        );
        assert_eq!(m.kind, KIND_LINK);
    }

    #[test]
    fn snapshots_of_the_speaker_mails() {
        let start = Utc.with_ymd_and_hms(2026, 12, 3, 13, 10, 0).unwrap();
        let end = Utc.with_ymd_and_hms(2026, 12, 3, 13, 30, 0).unwrap();
        for lang in Lang::ALL {
            let link = render_link(
                lang,
                "Grete Remen",
                "grete@example.org",
                "Netwerkmoment sociale economie",
                "donderdag 3 december 2026, 14:00 – 18:00",
                "https://tafelronde.example/s/0123abcd",
                "<id@tafelronde.example>".into(),
            );
            insta::assert_snapshot!(format!("speaker_link_{}", lang.code()), shown(&link));
            let moved = render_moved(
                lang,
                "Grete Remen",
                "grete@example.org",
                "Netwerkmoment sociale economie",
                "Goede praktijk: een inclusieve werkvloer",
                start,
                end,
                "Zaal 2",
                "<id@tafelronde.example>".into(),
            );
            insta::assert_snapshot!(format!("speaker_moved_{}", lang.code()), shown(&moved));
        }
    }
}
