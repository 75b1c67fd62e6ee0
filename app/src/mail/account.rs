//! Renders the coordinator account mails: the invitation to set a first password and the
//! password-reset link, from the askama templates `account.txt` / `account.html`.

use crate::domain::account::TokenPurpose;
use crate::i18n::{Lang, T};
use crate::store::outbox::NewMail;
use askama::Template;

struct Fields<'a> {
    lang_tag: &'a str,
    hello: &'a str,
    intro: &'a str,
    url: &'a str,
    button: &'a str,
    expiry: &'a str,
    ignore: &'a str,
}

#[derive(Template)]
#[template(path = "account.txt")]
struct TextMail<'a> {
    m: &'a Fields<'a>,
}

#[derive(Template)]
#[template(path = "account.html")]
struct HtmlMail<'a> {
    m: &'a Fields<'a>,
}

/// The outbox `kind` of an account mail.
pub fn kind_code(purpose: TokenPurpose) -> &'static str {
    match purpose {
        TokenPurpose::Invitation => "coordinator_invitation",
        TokenPurpose::Reset => "password_reset",
    }
}

/// The mail carrying `url` (the set-password link) to `address`.
pub fn render_account_mail(
    purpose: TokenPurpose,
    lang: Lang,
    address: &str,
    url: &str,
    message_id: String,
) -> NewMail {
    let t = |k: T| lang.t(k);
    let (subject, intro, expiry) = match purpose {
        TokenPurpose::Invitation => (T::MailInviteSubject, T::MailInviteText, T::MailInviteExpiry),
        TokenPurpose::Reset => (T::MailResetSubject, T::MailResetText, T::MailResetExpiry),
    };
    let fields = Fields {
        lang_tag: lang.tag(),
        hello: t(T::MailAccountHello),
        intro: t(intro),
        url,
        button: t(T::MailSetPasswordButton),
        expiry: t(expiry),
        ignore: t(T::MailAccountIgnore),
    };
    NewMail {
        registration_id: None,
        kind: kind_code(purpose),
        recipient: address.to_string(),
        subject: t(subject).to_string(),
        body_text: TextMail { m: &fields }
            .render()
            .expect("account mail text renders"),
        body_html: HtmlMail { m: &fields }
            .render()
            .expect("account mail HTML renders"),
        ics: None,
        message_id,
        link: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invitation_carries_the_link_in_both_parts() {
        let m = render_account_mail(
            TokenPurpose::Invitation,
            Lang::Fr,
            "c@x.be",
            "http://h/coordinator/set-password?token=ab&x=<y>",
            "<id@h>".into(),
        );
        assert!(m.body_text.contains("token=ab&x=<y>"));
        assert!(m.body_html.contains("token=ab&"), "{}", m.body_html);
        assert!(!m.body_html.contains("<y>"), "escaped: {}", m.body_html);
        assert_eq!(m.kind, "coordinator_invitation");
        assert!(m.ics.is_none());
    }
}
