//! Account types shared by the store, the service and the pages: the validated
//! [`Password`] (at least 12 characters), the signed-in [`Coordinator`], the kinds of
//! single-use password tokens and the dashboard's event row. The stored hash never
//! leaves the server: [`PasswordHash`] is not `Serialize`.

use crate::i18n::T;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// Shortest accepted password, in characters.
pub const PASSWORD_MIN_CHARS: usize = 12;
/// Longest accepted password (hashing cost stays bounded).
pub const PASSWORD_MAX_CHARS: usize = 256;

/// A new password that meets the rules. Its `Debug` hides the text.
#[derive(Clone, PartialEq, Eq)]
pub struct Password(String);

impl Password {
    pub fn parse(raw: &str) -> Result<Password, T> {
        let n = raw.chars().count();
        if n < PASSWORD_MIN_CHARS {
            return Err(T::ErrPasswordTooShort);
        }
        if n > PASSWORD_MAX_CHARS {
            return Err(T::ErrTooLong);
        }
        Ok(Password(raw.to_string()))
    }

    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for Password {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Password(***)")
    }
}

/// An argon2id hash in PHC string form, as stored. Deliberately not `Serialize`.
#[derive(Clone, PartialEq, Eq)]
pub struct PasswordHash(pub String);

impl std::fmt::Debug for PasswordHash {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("PasswordHash(***)")
    }
}

/// The signed-in coordinator, as the pages see it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Coordinator {
    pub id: i64,
    pub email: String,
}

/// What a single-use password token is for; each has its own lifetime.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TokenPurpose {
    Invitation,
    Reset,
}

impl TokenPurpose {
    pub fn code(self) -> &'static str {
        match self {
            TokenPurpose::Invitation => "invitation",
            TokenPurpose::Reset => "reset",
        }
    }

    /// How long a token stays valid: 72 hours for an invitation, 1 hour for a reset.
    pub fn lifetime(self) -> chrono::Duration {
        match self {
            TokenPurpose::Invitation => chrono::Duration::hours(72),
            TokenPurpose::Reset => chrono::Duration::hours(1),
        }
    }
}

/// One event on the coordinator's dashboard.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DashboardEvent {
    pub slug: String,
    pub title: String,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub confirmed: i64,
    pub capacity: i64,
    pub waitlisted: i64,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn password_rules() {
        assert_eq!(Password::parse("short"), Err(T::ErrPasswordTooShort));
        assert_eq!(Password::parse("elf tekens."), Err(T::ErrPasswordTooShort));
        // Characters, not bytes: 12 accented letters pass, 11 do not.
        assert!(Password::parse("éééééééééééé").is_ok());
        assert!(Password::parse("ééééééééééé").is_err());
        assert!(Password::parse(&"x".repeat(257)).is_err());
        assert_eq!(
            format!("{:?}", Password::parse("geheim wachtwoord").unwrap()),
            "Password(***)"
        );
    }
}
