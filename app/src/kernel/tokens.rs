//! Personal-link tokens (manage, speaker, follow-up and password links): 256 random bits as
//! 64 hex digits, of which only the SHA-256 is stored, and the format check done before any
//! database access.

use sha2::{Digest, Sha256};

/// A new random token and the hash that is stored.
pub fn new_token() -> Result<(String, String), getrandom::Error> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes)?;
    let token = hex::encode(bytes);
    let hash = hash_token(&token);
    Ok((token, hash))
}

/// The stored form of `token`.
pub fn hash_token(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

/// Whether `token` has the shape of a token (64 hex digits).
pub fn is_token_format(token: &str) -> bool {
    token.len() == 64 && token.bytes().all(|b| b.is_ascii_hexdigit())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_random_hex_and_hash_to_their_stored_form() {
        let (a, ha) = new_token().unwrap();
        let (b, _) = new_token().unwrap();
        assert!(is_token_format(&a) && is_token_format(&b));
        assert_ne!(a, b);
        assert_eq!(ha, hash_token(&a));
        assert!(!is_token_format("xyz"));
    }
}
