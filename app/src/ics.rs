//! Values for the `icalendar` crate (server only). The crate escapes `\`, `;`, `,` and LF in
//! the TEXT properties it knows and folds lines at 75 octets on character boundaries, but
//! it passes a CR through bare and writes properties it does not know (RFC 7986 `NAME`)
//! verbatim. [`text`] and [`name`] close those gaps; every `.ics` the app writes uses them.

use icalendar::{Calendar, Property};

/// `raw` made safe as a TEXT value (RFC 5545 §3.3.11): `\r\n` and a lone `\r` become `\n`,
/// which the crate writes as the escape `\n`; other control characters except tab are
/// dropped (TEXT allows none, and stored data may predate the forms' checks).
pub fn text(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut chars = raw.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push('\n');
            }
            '\n' | '\t' => out.push(c),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// TEXT escaping as the crate does it for the properties it knows: `\`, `;`, `,`, LF.
fn escape(text: &str) -> String {
    text.replace('\\', r"\\")
        .replace(';', r"\;")
        .replace(',', r"\,")
        .replace('\n', r"\n")
}

/// Names the calendar, as `Calendar::name` does (`NAME` and `X-WR-CALNAME`), but with the
/// `NAME` value escaped here, because the crate writes it verbatim (a line break in an
/// event title would otherwise start a new property or component).
pub fn name(cal: &mut Calendar, name: &str) {
    let name = text(name);
    cal.append_property(Property::new("NAME", escape(&name)));
    cal.append_property(Property::new("X-WR-CALNAME", name));
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// The content lines of a calendar file, checked as RFC 5545 wants them: CRLF only,
    /// at most 75 octets each, continuation lines unfolded. Panics with the file otherwise.
    pub(crate) fn content_lines(ics: &str) -> Vec<String> {
        let body = ics
            .strip_suffix("\r\n")
            .unwrap_or_else(|| panic!("ends in CRLF: {ics:?}"));
        let mut lines: Vec<String> = Vec::new();
        for raw in body.split("\r\n") {
            assert!(
                !raw.contains(['\r', '\n']),
                "bare CR or LF in {raw:?}: {ics:?}"
            );
            assert!(raw.len() <= 75, "{} octets: {raw:?}", raw.len());
            match raw.strip_prefix(' ') {
                Some(more) => lines.last_mut().expect("a first line").push_str(more),
                None => lines.push(raw.to_string()),
            }
        }
        lines
    }

    /// The name of a content line (before its first `;` or `:`).
    pub(crate) fn property(line: &str) -> &str {
        line.split([';', ':']).next().unwrap_or("")
    }

    /// The TEXT value of a content line without parameters, unescaped.
    pub(crate) fn value(line: &str) -> String {
        let raw = line.split_once(':').map(|(_, v)| v).unwrap_or("");
        let mut out = String::new();
        let mut chars = raw.chars();
        while let Some(c) = chars.next() {
            if c == '\\' {
                match chars.next() {
                    Some('n') | Some('N') => out.push('\n'),
                    Some(other) => out.push(other),
                    None => out.push('\\'),
                }
            } else {
                out.push(c);
            }
        }
        out
    }

    #[test]
    fn cr_becomes_lf_and_controls_go() {
        assert_eq!(text("a\r\nb\rc\nd\te"), "a\nb\nc\nd\te");
        assert_eq!(text("x\u{0}y\u{7}z\u{1b}[0m\u{7f}\u{85}"), "xyz[0m");
        assert_eq!(
            text("Café; koffie, thee \\ 老虎 🐯"),
            "Café; koffie, thee \\ 老虎 🐯"
        );
        assert_eq!(text("\r\r\n\n"), "\n\n\n");
    }

    #[test]
    fn the_name_is_escaped_once_and_cannot_break_the_line() {
        let mut cal = Calendar::new();
        name(
            &mut cal,
            "Rond\\tafel; a, b\r\nBEGIN:VEVENT\rATTENDEE:mailto:x@evil\nEND:VEVENT",
        );
        let ics = cal.done().to_string();
        let lines = content_lines(&ics);
        let names: Vec<&String> = lines
            .iter()
            .filter(|l| ["NAME", "X-WR-CALNAME"].contains(&property(l)))
            .collect();
        assert_eq!(names.len(), 2, "{ics}");
        for l in names {
            assert!(
                l.ends_with(
                    r":Rond\\tafel\; a\, b\nBEGIN:VEVENT\nATTENDEE:mailto:x@evil\nEND:VEVENT"
                ),
                "{l}"
            );
            assert_eq!(
                value(l),
                "Rond\\tafel; a, b\nBEGIN:VEVENT\nATTENDEE:mailto:x@evil\nEND:VEVENT"
            );
        }
        assert!(!lines.iter().any(|l| property(l) == "ATTENDEE"), "{ics}");
        let begins = lines.iter().filter(|l| property(l) == "BEGIN").count();
        assert_eq!(begins, 1, "{ics}");
    }
}
