//! The follow-up mail after the event: the people one attendee sat with (over all rounds)
//! who agreed to share their contact details — name, organisation, address — and the
//! question whether they found what they looked for, with the link to the answer page.

use crate::event::EventView;
use crate::i18n::{Lang, T};
use crate::store::outbox::NewMail;
use askama::Template;

/// The outbox `kind` of a follow-up mail.
pub const KIND: &str = "followup";

/// A tablemate who agreed to share their details.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Contact {
    pub name: String,
    pub organisation: String,
    pub email: String,
}

struct Fields<'a> {
    lang_tag: &'a str,
    hello: &'a str,
    name: &'a str,
    intro: &'a str,
    title: &'a str,
    contacts_intro: &'a str,
    contacts: &'a [Contact],
    /// The question, when the person looked for something.
    question: Option<&'a str>,
    url: &'a str,
    button: &'a str,
    link_note: &'a str,
    note: &'a str,
    bye: &'a str,
    org: &'a str,
    org_mail: &'a str,
}

#[derive(Template)]
#[template(path = "followup.txt")]
struct TextMail<'a> {
    m: &'a Fields<'a>,
}

#[derive(Template)]
#[template(path = "followup.html")]
struct HtmlMail<'a> {
    m: &'a Fields<'a>,
}

/// The follow-up to `address` (first name `name`, in `lang`) listing `contacts`; the
/// question and `answer_url` only when `has_needs`.
#[allow(clippy::too_many_arguments)]
pub fn render_followup(
    lang: Lang,
    event: &EventView,
    address: &str,
    name: &str,
    contacts: &[Contact],
    has_needs: bool,
    answer_url: &str,
    message_id: String,
) -> NewMail {
    let t = |k: T| lang.t(k);
    let title = event.title_in(lang).text;
    let fields = Fields {
        lang_tag: lang.tag(),
        hello: t(T::MailHello),
        name,
        intro: t(T::FollowupMailIntro),
        title,
        contacts_intro: if contacts.is_empty() {
            t(T::FollowupMailNoContacts)
        } else {
            t(T::FollowupMailContacts)
        },
        contacts,
        question: has_needs.then(|| t(T::FollowupMailQuestion)),
        url: answer_url,
        button: t(T::FollowupMailButton),
        link_note: t(T::FollowupMailLinkNote),
        note: t(T::FollowupMailNote),
        bye: t(T::FollowupMailBye),
        org: &event.organiser_name,
        org_mail: &event.organiser_email,
    };
    NewMail {
        registration_id: None,
        kind: KIND,
        recipient: address.to_string(),
        subject: format!("{}: {title}", t(T::FollowupMailSubject)),
        // The templates render plain strings: they cannot fail.
        body_text: TextMail { m: &fields }.render().unwrap_or_default(),
        body_html: HtmlMail { m: &fields }.render().unwrap_or_default(),
        ics: None,
        message_id,
        link: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn event() -> EventView {
        let mut event = crate::demo::demo_event(
            chrono::DateTime::parse_from_rfc3339("2026-11-01T10:00:00Z")
                .expect("time")
                .with_timezone(&chrono::Utc),
        );
        event.organiser_email = "info@example.be".into();
        event
    }

    #[test]
    fn the_followup_lists_contacts_and_asks_the_question() {
        let contacts = vec![
            Contact {
                name: "Bart <Claes>".into(),
                organisation: "Kringloop Pelt".into(),
                email: "bart@example.be".into(),
            },
            Contact {
                name: "Chloé Dubois".into(),
                organisation: "Ville de Liège".into(),
                email: "chloe@example.be".into(),
            },
        ];
        for lang in Lang::ALL {
            let mail = render_followup(
                lang,
                &event(),
                "anna@example.be",
                "Anna",
                &contacts,
                true,
                "https://tafelronde.example/f/abc",
                "<id@example>".into(),
            );
            assert_eq!(mail.kind, "followup");
            assert!(mail.body_html.contains("Bart &#60;Claes&#62;"), "escaped");
            insta::assert_snapshot!(
                format!("followup_{}", lang.code()),
                format!(
                    "subject: {}\n--- text ---\n{}\n--- html ---\n{}",
                    mail.subject, mail.body_text, mail.body_html
                )
            );
        }
    }

    #[test]
    fn without_contacts_or_needs_the_mail_says_so() {
        let mail = render_followup(
            Lang::En,
            &event(),
            "anna@example.be",
            "Anna",
            &[],
            false,
            "https://tafelronde.example/f/abc",
            "<id@example>".into(),
        );
        assert!(mail.body_text.contains("Nobody at your tables"));
        assert!(!mail.body_text.contains("/f/abc"), "no question, no link");
    }
}
