//! Renders the mail a coordinator may send to the confirmed attendees after a programme
//! change: the new running order and a link to the agenda, from the askama templates
//! `programme_notice.txt` / `programme_notice.html` (HTML auto-escaped).

use super::render::AgendaLine;
use crate::i18n::{Lang, T};
use crate::store::outbox::NewMail;
use askama::Template;

struct Fields<'a> {
    lang_tag: &'a str,
    hello: &'a str,
    name: &'a str,
    intro: &'a str,
    event: &'a str,
    agenda: &'a [AgendaLine],
    url: &'a str,
    button: &'a str,
    note: &'a str,
}

#[derive(Template)]
#[template(path = "programme_notice.txt")]
struct TextMail<'a> {
    m: &'a Fields<'a>,
}

#[derive(Template)]
#[template(path = "programme_notice.html")]
struct HtmlMail<'a> {
    m: &'a Fields<'a>,
}

/// The outbox `kind` of the notice.
pub const KIND: &str = "programme_changed";

/// The notice to `name` at `to` (registration `registration_id`) about event `event`'s new
/// running order `agenda`, with the agenda page at `url`.
#[allow(clippy::too_many_arguments)]
pub fn render_notice(
    lang: Lang,
    registration_id: Option<i64>,
    name: &str,
    to: &str,
    event: &str,
    agenda: &[AgendaLine],
    url: &str,
    message_id: String,
) -> NewMail {
    let f = Fields {
        lang_tag: lang.tag(),
        hello: lang.t(T::MailHello),
        name,
        intro: lang.t(T::ProgNoticeText),
        event,
        agenda,
        url,
        button: lang.t(T::AgendaOpen),
        note: lang.t(T::ProgNoticeNote),
    };
    NewMail {
        registration_id,
        kind: KIND,
        recipient: to.to_string(),
        subject: lang.t(T::ProgNoticeSubject).to_string(),
        // The templates render plain strings: they cannot fail.
        body_text: TextMail { m: &f }.render().unwrap_or_default(),
        body_html: HtmlMail { m: &f }.render().unwrap_or_default(),
        ics: None,
        message_id,
        link: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snapshots_of_the_notice() {
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
        for lang in Lang::ALL {
            let m = render_notice(
                lang,
                Some(1),
                "Anna & 'Bob'",
                "anna@example.be",
                "Netwerkmoment sociale economie",
                &agenda,
                "https://tafelronde.example/e/demo/agenda",
                "<id@tafelronde.example>".into(),
            );
            assert!(!m.body_html.contains("<als>"));
            insta::assert_snapshot!(
                format!("programme_notice_{}", lang.code()),
                format!(
                    "subject: {}\n--- text ---\n{}\n--- html ---\n{}",
                    m.subject, m.body_text, m.body_html
                )
            );
        }
    }
}
