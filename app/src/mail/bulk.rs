//! Renders one bulk mail a coordinator wrote (subject and body with the placeholders
//! already filled in for the person): the body as plain text, and as HTML paragraphs
//! (auto-escaped by the askama template) with the personal link made clickable.

use crate::event::EventView;
use crate::i18n::Lang;
use crate::store::outbox::NewMail;
use askama::Template;

/// The outbox `kind` of a bulk mail.
pub const KIND: &str = "bulk";

/// A piece of a line: text, or the personal link.
struct Piece<'a> {
    text: &'a str,
    link: bool,
}

struct Fields<'a> {
    lang_tag: &'a str,
    body: &'a str,
    /// Paragraphs → lines → pieces.
    paragraphs: Vec<Vec<Vec<Piece<'a>>>>,
    org: &'a str,
    org_mail: &'a str,
}

#[derive(Template)]
#[template(path = "bulk.txt")]
struct TextMail<'a> {
    m: &'a Fields<'a>,
}

#[derive(Template)]
#[template(path = "bulk.html")]
struct HtmlMail<'a> {
    m: &'a Fields<'a>,
}

/// Splits `line` around each occurrence of `link` (when there is one).
fn pieces<'a>(line: &'a str, link: Option<&'a str>) -> Vec<Piece<'a>> {
    let Some(link) = link.filter(|l| !l.is_empty()) else {
        return vec![Piece {
            text: line,
            link: false,
        }];
    };
    let mut out = Vec::new();
    for (i, text) in line.split(link).enumerate() {
        if i > 0 {
            out.push(Piece {
                text: link,
                link: true,
            });
        }
        if !text.is_empty() {
            out.push(Piece { text, link: false });
        }
    }
    out
}

/// The mail to `address`: `subject` and `body` filled in for them; `manage_url` is their
/// fresh personal link when the body uses one.
pub fn render_bulk(
    lang: Lang,
    event: &EventView,
    address: &str,
    subject: &str,
    body: &str,
    manage_url: Option<&str>,
    message_id: String,
) -> NewMail {
    let body = body.replace("\r\n", "\n");
    let paragraphs = body
        .split("\n\n")
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(|p| p.lines().map(|l| pieces(l, manage_url)).collect())
        .collect();
    let fields = Fields {
        lang_tag: lang.tag(),
        body: &body,
        paragraphs,
        org: &event.organiser_name,
        org_mail: &event.organiser_email,
    };
    NewMail {
        registration_id: None,
        kind: KIND,
        recipient: address.to_string(),
        subject: subject.to_string(),
        body_text: TextMail { m: &fields }
            .render()
            .expect("bulk mail text renders"),
        body_html: HtmlMail { m: &fields }
            .render()
            .expect("bulk mail HTML renders"),
        ics: None,
        message_id,
        link: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snapshot_of_a_bulk_mail() {
        let event = crate::demo::demo_event(chrono::Utc::now());
        let link = "https://tafelronde.example/m/abc";
        let body = format!(
            "Dag Anna & <Bob>,\r\nde zaal verandert.\r\n\r\nBekijk je inschrijving: {link}\n\nTot dan!"
        );
        let m = render_bulk(
            Lang::Nl,
            &event,
            "anna@x.be",
            "Nieuws over Ondernemers ontmoeten",
            &body,
            Some(link),
            "<id@tafelronde.example>".into(),
        );
        assert!(m
            .body_html
            .contains(&format!("<a href=\"{link}\">{link}</a>")));
        assert!(!m.body_html.contains("<Bob>"), "{}", m.body_html);
        let shown = format!(
            "subject: {}\n--- text ---\n{}\n--- html ---\n{}",
            m.subject, m.body_text, m.body_html
        );
        insta::assert_snapshot!("bulk_nl", shown);
    }
}
