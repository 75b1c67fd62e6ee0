//! Domain types of one registration, each validated on construction (`parse`).
//! A value of these types is always valid; errors are translatable [`T`] keys.

use crate::i18n::T;
use serde::{Deserialize, Serialize};

/// A person's first or last name, or an organisation name: whitespace collapsed, invisible
/// characters (zero-width spaces, joiners, BOM, other format characters) trimmed from the
/// ends, at least one visible character, 1..=100 characters, no control characters and no
/// U+FFFD (what a broken encoding leaves behind).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Name(String);

impl Name {
    pub const MAX: usize = 100;
    pub fn parse(raw: &str) -> Result<Name, T> {
        let s = raw.split_whitespace().collect::<Vec<_>>().join(" ");
        let s = s.trim_matches(|c: char| c.is_whitespace() || is_invisible(c));
        if s.chars()
            .any(|c| c == char::REPLACEMENT_CHARACTER || c.is_control())
        {
            Err(T::ErrInvalidChars)
        } else if !s.chars().any(|c| !c.is_whitespace() && !is_invisible(c)) {
            Err(T::ErrRequired)
        } else if s.chars().count() > Self::MAX {
            Err(T::ErrTooLong)
        } else {
            Ok(Name(s.to_string()))
        }
    }
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Whether `text` holds a control character (C0, DEL or C1: U+0000–U+001F, U+007F–U+009F).
/// A multi-line text may hold line breaks (`\n`, `\r\n`) and tabs; a lone `\r` is refused.
pub fn has_control_chars(text: &str, multiline: bool) -> bool {
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        let allowed = multiline
            && match c {
                '\n' | '\t' => true,
                '\r' => chars.peek() == Some(&'\n'),
                _ => false,
            };
        if c.is_control() && !allowed {
            return true;
        }
    }
    false
}

/// Characters that show nothing: Unicode format characters (`Cf`: U+200B..U+200F,
/// U+2060.., U+FEFF, bidi controls, tags …) and the blank "letters" used to fake a name.
pub fn is_invisible(c: char) -> bool {
    use unicode_properties::{GeneralCategory, UnicodeGeneralCategory};
    c.general_category() == GeneralCategory::Format
        || matches!(
            c,
            '\u{034F}'
                | '\u{115F}'
                | '\u{1160}'
                | '\u{17B4}'
                | '\u{17B5}'
                | '\u{2800}'
                | '\u{3164}'
                | '\u{FFA0}'
        )
}

/// An e-mail address: trimmed, one `@`, a dotted domain, no spaces, at most 254 characters.
/// Compared case-insensitively through [`Email::normalized`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Email(String);

impl Email {
    pub fn parse(raw: &str) -> Result<Email, T> {
        let s = raw.trim();
        if s.is_empty() {
            return Err(T::ErrRequired);
        }
        if s.len() > 254 {
            return Err(T::ErrTooLong);
        }
        if s.contains(char::REPLACEMENT_CHARACTER) {
            return Err(T::ErrInvalidChars);
        }
        let (local, domain) = s.rsplit_once('@').ok_or(T::ErrEmail)?;
        let local_ok = !local.is_empty()
            && local.len() <= 64
            && !local.starts_with('.')
            && !local.ends_with('.')
            && !local.contains("..")
            && local
                .chars()
                .all(|c| c.is_alphanumeric() || "!#$%&'*+-/=?^_`{|}~.".contains(c));
        let labels: Vec<&str> = domain.split('.').collect();
        let domain_ok = labels.len() >= 2
            && labels.iter().all(|l| {
                !l.is_empty()
                    && l.len() <= 63
                    && !l.starts_with('-')
                    && !l.ends_with('-')
                    && l.chars().all(|c| c.is_alphanumeric() || c == '-')
            })
            && labels.last().is_some_and(|tld| tld.chars().count() >= 2);
        if local_ok && domain_ok {
            Ok(Email(s.to_string()))
        } else {
            Err(T::ErrEmail)
        }
    }
    pub fn as_str(&self) -> &str {
        &self.0
    }
    /// Lower-cased form used to find the same person twice.
    pub fn normalized(&self) -> String {
        self.0.to_lowercase()
    }
}

/// An optional phone number: starts with a digit, `+` or `(` (after `+`: a digit or `(`), then digits with spaces,
/// dots, dashes, slashes and brackets; 8 to 15 digits.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Phone(String);

impl Phone {
    pub fn parse_optional(raw: &str) -> Result<Option<Phone>, T> {
        let s = raw.trim();
        if s.is_empty() {
            return Ok(None);
        }
        if s.contains(char::REPLACEMENT_CHARACTER) {
            return Err(T::ErrInvalidChars);
        }
        let body = s.strip_prefix('+').unwrap_or(s);
        let starts_well = body.starts_with(|c: char| c.is_ascii_digit() || c == '(');
        let allowed = body
            .chars()
            .all(|c| c.is_ascii_digit() || " .-/()".contains(c));
        let digits = body.chars().filter(|c| c.is_ascii_digit()).count();
        if starts_well && allowed && (8..=15).contains(&digits) {
            Ok(Some(Phone(s.to_string())))
        } else {
            Err(T::ErrPhone)
        }
    }
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

macro_rules! code_enum {
    ($(#[$doc:meta])* $name:ident { $($variant:ident = $code:literal => $label:ident),* $(,)? }) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
        pub enum $name { $($variant),* }
        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),*];
            pub fn code(self) -> &'static str { match self { $($name::$variant => $code),* } }
            pub fn label(self) -> T { match self { $($name::$variant => T::$label),* } }
            pub fn parse(raw: &str) -> Result<$name, T> {
                match raw.trim() {
                    "" => Err(T::ErrChoose),
                    $($code => Ok($name::$variant),)*
                    _ => Err(T::ErrChoose),
                }
            }
        }
    };
}

code_enum!(
    /// The kind of organisation an attendee comes from; the seating mixes these groups.
    OrgType {
        Company = "company" => OrgCompany,
        SocialEconomy = "social_economy" => OrgSocialEconomy,
        LocalGovernment = "local_government" => OrgLocalGovernment,
        SupportService = "support_service" => OrgSupportService,
        Education = "education" => OrgEducation,
        Other = "other" => OrgOther,
    }
);

code_enum!(
    /// Economic sector of the attendee's organisation.
    Sector {
        Groen = "groen" => SectorGroen,
        Zorg = "zorg" => SectorZorg,
        Horeca = "horeca" => SectorHoreca,
        Bouw = "bouw" => SectorBouw,
        Logistiek = "logistiek" => SectorLogistiek,
        Maakindustrie = "maakindustrie" => SectorMaakindustrie,
        Ict = "ict" => SectorIct,
        Handel = "handel" => SectorHandel,
        Other = "other" => SectorOther,
    }
);

/// A set of topic codes chosen from the event's menu: no duplicates, each on the menu.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct Topics(Vec<String>);

impl Topics {
    pub fn parse(raw: &[String], menu: &[String]) -> Result<Topics, T> {
        let mut out: Vec<String> = Vec::new();
        for code in raw {
            let code = code.trim();
            if code.is_empty() {
                continue;
            }
            if !menu.iter().any(|m| m == code) {
                return Err(T::ErrUnknownTopic);
            }
            if !out.iter().any(|c| c == code) {
                out.push(code.to_string());
            }
        }
        Ok(Topics(out))
    }
    pub fn codes(&self) -> &[String] {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters() {
        for ok in ["Netwerkdag 2027", "Café – één", ""] {
            assert!(!has_control_chars(ok, false), "{ok:?}");
            assert!(!has_control_chars(ok, true), "{ok:?}");
        }
        for multi in ["a\nb", "a\r\nb", "a\tb", "a\r\n\r\n\tb\n"] {
            assert!(has_control_chars(multi, false), "{multi:?} on one line");
            assert!(
                !has_control_chars(multi, true),
                "{multi:?} on several lines"
            );
        }
        for bad in [
            "a\0b", "a\u{1}b", "a\u{7}b", "a\u{b}b", "a\u{c}b", "a\u{1b}b", "a\u{1f}b", "a\u{7f}b",
            "a\u{80}b", "a\u{85}b", "a\u{9f}b", "a\rb", "a\r", "\r",
        ] {
            assert!(has_control_chars(bad, false), "{bad:?}");
            assert!(has_control_chars(bad, true), "{bad:?}");
        }
        // Not control characters: NBSP and what follows the C1 block.
        assert!(!has_control_chars("a\u{a0}b\u{a1}", false));
    }

    #[test]
    fn names() {
        let long = "x".repeat(101);
        let cases: &[(&str, Result<&str, T>)] = &[
            ("Anna", Ok("Anna")),
            ("  Anna   Maria ", Ok("Anna Maria")),
            ("Grochowczak", Ok("Grochowczak")),
            ("", Err(T::ErrRequired)),
            ("   ", Err(T::ErrRequired)),
            (&long, Err(T::ErrTooLong)),
            // Only invisible characters: as empty.
            ("\u{200B}\u{200C}\u{200D}", Err(T::ErrRequired)),
            ("\u{2060}\u{FEFF} \u{200B}", Err(T::ErrRequired)),
            ("\u{00AD}\u{202E}\u{E0041}", Err(T::ErrRequired)),
            ("\u{3164}\u{115F}", Err(T::ErrRequired)),
            // Invisible characters around a real name are trimmed.
            ("\u{200B}Anna\u{FEFF}", Ok("Anna")),
            // A joiner inside a name stays (emoji sequences, Indic scripts).
            ("Anna\u{200D}Maria", Ok("Anna\u{200D}Maria")),
            // What a broken encoding or a control character leaves: refused as such.
            ("Gr\u{FFFD}te", Err(T::ErrInvalidChars)),
            ("An\u{0007}na", Err(T::ErrInvalidChars)),
        ];
        for (raw, want) in cases {
            let got = Name::parse(raw);
            assert_eq!(
                got.as_ref().map(Name::as_str).map_err(|e| *e),
                *want,
                "{raw:?}"
            );
        }
    }

    #[test]
    fn emails() {
        let ok = [
            "anna@bedrijf.be",
            " Bart.Peeters@H-Essers.com ",
            "a+b@sub.domain.org",
            "é@exämple.be",
        ];
        for raw in ok {
            assert!(Email::parse(raw).is_ok(), "{raw} should be valid");
        }
        let bad = [
            ("", T::ErrRequired),
            ("anna", T::ErrEmail),
            ("anna@", T::ErrEmail),
            ("@bedrijf.be", T::ErrEmail),
            ("anna@bedrijf", T::ErrEmail),
            ("anna@bedrijf.b", T::ErrEmail),
            ("an na@bedrijf.be", T::ErrEmail),
            ("anna@@bedrijf.be", T::ErrEmail),
            ("anna..x@bedrijf.be", T::ErrEmail),
            ("anna@-bedrijf.be", T::ErrEmail),
        ];
        for (raw, want) in bad {
            assert_eq!(Email::parse(raw), Err(want), "{raw}");
        }
        assert_eq!(Email::parse("Anna@X.BE").unwrap().normalized(), "anna@x.be");
        assert_eq!(Email::parse("gr\u{FFFD}te@x.be"), Err(T::ErrInvalidChars));
    }

    #[test]
    fn phones() {
        assert_eq!(Phone::parse_optional(""), Ok(None));
        assert_eq!(
            Phone::parse_optional("+32 \u{FFFD}"),
            Err(T::ErrInvalidChars)
        );
        for ok in [
            "+32 11 12 34 56",
            "011/12.34.56",
            "0470-12-34-56",
            "(011) 123456",
        ] {
            assert!(matches!(Phone::parse_optional(ok), Ok(Some(_))), "{ok}");
        }
        for bad in [
            "123",
            "abc",
            "+32 11 12 34 56 78 90 12 34",
            "011 12 34 56 x",
            "-12345678",
            ".0470123456",
            "/011123456",
            ")011 123456",
            "+-32 11 12 34 56",
        ] {
            assert_eq!(Phone::parse_optional(bad), Err(T::ErrPhone), "{bad}");
        }
    }

    #[test]
    fn org_types_and_sectors() {
        for t in OrgType::ALL {
            assert_eq!(OrgType::parse(t.code()), Ok(*t));
        }
        for s in Sector::ALL {
            assert_eq!(Sector::parse(s.code()), Ok(*s));
        }
        assert_eq!(OrgType::parse(""), Err(T::ErrChoose));
        assert_eq!(Sector::parse("mining"), Err(T::ErrChoose));
        assert!(Sector::ALL.len() >= 9);
    }

    #[test]
    fn topics() {
        let menu = vec!["a".to_string(), "b".to_string()];
        let t = Topics::parse(&["a".into(), "a".into(), "".into(), "b".into()], &menu).unwrap();
        assert_eq!(t.codes(), ["a", "b"]);
        assert_eq!(Topics::parse(&["z".into()], &menu), Err(T::ErrUnknownTopic));
    }
}
