//! A strict `application/x-www-form-urlencoded` body for the plain form posts: values are
//! percent-decoded with a UTF-8 check, and a value whose bytes are not valid UTF-8 is
//! reported by its field name instead of being turned into "�" (as axum's `Form` does).

use axum::body::Bytes;
use axum::extract::{FromRequest, Request};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use percent_encoding::percent_decode;

/// The decoded pairs of a form post, and the names of fields whose value was not UTF-8.
#[derive(Debug, Default, PartialEq)]
pub struct StrictForm {
    pub pairs: Vec<(String, String)>,
    pub invalid: Vec<String>,
}

/// One name or value: `+` is a space, `%XX` a byte; the bytes must be UTF-8.
fn decode(raw: &[u8]) -> Option<String> {
    let spaced: Vec<u8> = raw
        .iter()
        .map(|b| if *b == b'+' { b' ' } else { *b })
        .collect();
    percent_decode(&spaced)
        .decode_utf8()
        .ok()
        .map(|s| s.into_owned())
}

impl StrictForm {
    pub fn parse(body: &[u8]) -> StrictForm {
        let mut out = StrictForm::default();
        for part in body.split(|b| *b == b'&').filter(|p| !p.is_empty()) {
            let (name, value) = match part.iter().position(|b| *b == b'=') {
                Some(i) => (&part[..i], &part[i + 1..]),
                None => (part, &[][..]),
            };
            // A name that is not UTF-8 is no field of ours: ignored.
            let Some(name) = decode(name) else { continue };
            match decode(value) {
                Some(value) => out.pairs.push((name, value)),
                None => out.invalid.push(name),
            }
        }
        out
    }

    /// Whether the form carries a field `name` (a ticked checkbox, whatever its value).
    pub fn has(&self, name: &str) -> bool {
        self.pairs.iter().any(|(k, _)| k == name)
    }
}

impl<S: Send + Sync> FromRequest<S> for StrictForm {
    type Rejection = Response;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        let is_form = req
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.split(';').next())
            .is_some_and(|m| {
                m.trim()
                    .eq_ignore_ascii_case("application/x-www-form-urlencoded")
            });
        if !is_form {
            return Err(StatusCode::UNSUPPORTED_MEDIA_TYPE.into_response());
        }
        let body = Bytes::from_request(req, state)
            .await
            .map_err(|e| e.status().into_response())?;
        Ok(StrictForm::parse(&body))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(v: &[(&str, &str)]) -> Vec<(String, String)> {
        v.iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect()
    }

    #[test]
    fn decodes_like_a_browser() {
        let f = StrictForm::parse(b"first_name=Gr%C3%A9te+Remen&offers=a&offers=b&consent&empty=");
        assert_eq!(
            f.pairs,
            pairs(&[
                ("first_name", "Gréte Remen"),
                ("offers", "a"),
                ("offers", "b"),
                ("consent", ""),
                ("empty", ""),
            ])
        );
        assert!(f.invalid.is_empty());
    }

    #[test]
    fn invalid_utf8_is_reported_not_replaced() {
        let f = StrictForm::parse(
            b"first_name=Gr%E9te&last_name=%C3%28&phone=%FF&email=a%40b.be&%FF=x",
        );
        assert_eq!(f.pairs, pairs(&[("email", "a@b.be")]));
        assert_eq!(f.invalid, ["first_name", "last_name", "phone"]);
    }

    #[test]
    fn stray_percent_signs_stay_as_typed() {
        let f = StrictForm::parse(b"a=100%25&b=50%&c=%zz");
        assert_eq!(f.pairs, pairs(&[("a", "100%"), ("b", "50%"), ("c", "%zz")]));
    }
}
