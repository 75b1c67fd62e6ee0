//! The mail that tells one person their tables after the coordinator publishes a plan
//! ("Round 1: table 3"), with their personal link to the agenda that shows them too.

use crate::event::EventView;
use crate::i18n::{format_span, Lang, T};
use crate::store::outbox::NewMail;
use askama::Template;

/// The outbox `kind` of a tables mail.
pub const KIND: &str = "tables";

struct Fields<'a> {
    lang_tag: &'a str,
    hello: &'a str,
    name: &'a str,
    intro: &'a str,
    title: &'a str,
    when: &'a str,
    lines: Vec<String>,
    manage: &'a str,
    url: &'a str,
    button: &'a str,
    bye: &'a str,
    org: &'a str,
    org_mail: &'a str,
}

#[derive(Template)]
#[template(path = "tables.txt")]
struct TextMail<'a> {
    m: &'a Fields<'a>,
}

#[derive(Template)]
#[template(path = "tables.html")]
struct HtmlMail<'a> {
    m: &'a Fields<'a>,
}

/// The mail to `address` (first name `name`, in `lang`) with their `tables` as
/// (round, table name), in round order; `manage_url` is their personal link.
pub fn render_tables(
    lang: Lang,
    event: &EventView,
    address: &str,
    name: &str,
    tables: &[(u32, String)],
    manage_url: &str,
    message_id: String,
) -> NewMail {
    let t = |k: T| lang.t(k);
    let when = format_span(lang, event.starts_at, event.ends_at);
    let title = event.title_in(lang).text;
    let fields = Fields {
        lang_tag: lang.tag(),
        hello: t(T::MailHello),
        name,
        intro: t(T::MailTablesIntro),
        title,
        when: &when,
        lines: tables
            .iter()
            .map(|(round, table)| {
                format!(
                    "{} {round}: {} {table}",
                    t(T::AgendaRound),
                    t(T::PlanTable).to_lowercase()
                )
            })
            .collect(),
        manage: t(T::MailTablesManage),
        url: manage_url,
        button: t(T::MailManageButton),
        bye: t(T::MailGreeting),
        org: &event.organiser_name,
        org_mail: &event.organiser_email,
    };
    NewMail {
        registration_id: None,
        kind: KIND,
        recipient: address.to_string(),
        subject: format!("{}: {title}", t(T::MailSubjectTables)),
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

    #[test]
    fn the_tables_mail_lists_each_round() {
        let mut event = crate::demo::demo_event(
            chrono::DateTime::parse_from_rfc3339("2026-11-01T10:00:00Z")
                .expect("time")
                .with_timezone(&chrono::Utc),
        );
        event.organiser_email = "info@example.be".into();
        let mail = render_tables(
            Lang::Nl,
            &event,
            "anna@example.be",
            "Anna",
            &[(1, "3".into()), (2, "<7>".into())],
            "https://tafelronde.example/m/abc",
            "<id@example>".into(),
        );
        assert_eq!(mail.kind, "tables");
        insta::assert_snapshot!("tables_nl_text", mail.body_text);
        insta::assert_snapshot!("tables_nl_html", mail.body_html);
        assert!(mail.body_html.contains("&#60;7&#62;"), "escaped");
        assert!(mail.subject.starts_with("Je tafels"), "{}", mail.subject);
    }
}
