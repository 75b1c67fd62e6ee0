//! Check-in codes (server only): every personal link's token hash gives a check-in code
//! (SHA-256 of a fixed label and the hash), shown as a QR code to the desk; the database keeps
//! only the code's own SHA-256. The code identifies the registration to a signed-in
//! coordinator and nothing else: it cannot be turned back into the manage token.

use sha2::{Digest, Sha256};

/// The check-in code (64 hex digits) of the personal link whose token hashes to `token_hash`.
pub fn checkin_code(token_hash: &str) -> String {
    let mut h = Sha256::new();
    h.update(b"tafelronde-checkin-v1:");
    h.update(token_hash.as_bytes());
    hex::encode(h.finalize())
}

/// What is stored for a check-in code: its SHA-256.
pub fn checkin_hash(code: &str) -> String {
    hex::encode(Sha256::digest(code.as_bytes()))
}

/// The stored check-in hash of the link whose token hashes to `token_hash`.
pub fn checkin_hash_for_link(token_hash: &str) -> String {
    checkin_hash(&checkin_code(token_hash))
}

/// Whether `code` has the shape of a check-in code (64 lowercase hex digits); checked before
/// any database access.
pub fn is_code_format(code: &str) -> bool {
    code.len() == 64 && code.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
}

/// The desk's page for `code` at event `slug`, under `base_url` (no trailing slash).
pub fn checkin_url(base_url: &str, slug: &str, code: &str) -> String {
    format!("{base_url}/coordinator/events/{slug}/checkin/{code}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_code_is_derived_and_differs_from_the_link() {
        let link = hex::encode(Sha256::digest(b"some manage token"));
        let code = checkin_code(&link);
        assert!(is_code_format(&code));
        assert_ne!(code, link);
        assert_eq!(code, checkin_code(&link));
        assert_ne!(checkin_hash(&code), code);
        assert_eq!(checkin_hash_for_link(&link), checkin_hash(&code));
        assert!(!is_code_format("ABC"));
        assert!(!is_code_format(&code.to_uppercase()));
    }
}
