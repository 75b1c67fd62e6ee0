//! The registration form as typed by the attendee ([`RegistrationForm`], raw strings that
//! survive an error round trip untouched), its validation into a [`ValidRegistration`]
//! and the per-field errors ([`FieldErrors`]) shown next to each field.

use super::fields::*;
use crate::i18n::{Lang, T};
use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord)]
pub enum Field {
    FirstName,
    LastName,
    Email,
    Organisation,
    OrgType,
    Sector,
    Phone,
    Offers,
    Needs,
    Consent,
}

impl Field {
    /// The HTML `name` of the field in the plain form post.
    pub fn name(self) -> &'static str {
        match self {
            Field::FirstName => "first_name",
            Field::LastName => "last_name",
            Field::Email => "email",
            Field::Organisation => "organisation",
            Field::OrgType => "org_type",
            Field::Sector => "sector",
            Field::Phone => "phone",
            Field::Offers => "offers",
            Field::Needs => "needs",
            Field::Consent => "consent",
        }
    }
}

/// What the attendee typed, unvalidated.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct RegistrationForm {
    pub first_name: String,
    pub last_name: String,
    pub email: String,
    pub organisation: String,
    pub org_type: String,
    pub sector: String,
    pub phone: String,
    pub offers: Vec<String>,
    pub needs: Vec<String>,
    pub consent: bool,
}

/// Validation errors by field, in field order.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct FieldErrors(pub Vec<(Field, T)>);

impl FieldErrors {
    pub fn get(&self, field: Field) -> Option<T> {
        self.0.iter().find(|(f, _)| *f == field).map(|(_, t)| *t)
    }
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
    fn check<V>(&mut self, field: Field, r: Result<V, T>) -> Option<V> {
        match r {
            Ok(v) => Some(v),
            Err(t) => {
                self.0.push((field, t));
                None
            }
        }
    }
}

/// A registration whose every field is valid.
#[derive(Clone, Debug, PartialEq)]
pub struct ValidRegistration {
    pub first_name: Name,
    pub last_name: Name,
    pub email: Email,
    pub organisation: Name,
    pub org_type: OrgType,
    pub sector: Sector,
    pub phone: Option<Phone>,
    pub offers: Topics,
    pub needs: Topics,
    pub lang: Lang,
}

impl RegistrationForm {
    /// Builds the form from a plain `application/x-www-form-urlencoded` post (repeated
    /// `offers`/`needs` keys; a checked `consent` box sends any value).
    pub fn from_pairs(pairs: &[(String, String)]) -> RegistrationForm {
        let mut f = RegistrationForm::default();
        for (k, v) in pairs {
            match k.as_str() {
                "first_name" => f.first_name = v.clone(),
                "last_name" => f.last_name = v.clone(),
                "email" => f.email = v.clone(),
                "organisation" => f.organisation = v.clone(),
                "org_type" => f.org_type = v.clone(),
                "sector" => f.sector = v.clone(),
                "phone" => f.phone = v.clone(),
                "offers" => f.offers.push(v.clone()),
                "needs" => f.needs.push(v.clone()),
                "consent" => f.consent = true,
                _ => {}
            }
        }
        f
    }

    /// Validates one field alone (live validation in the browser).
    pub fn field_error(&self, field: Field, menu: &[String]) -> Option<T> {
        let r: Result<(), T> = match field {
            Field::FirstName => Name::parse(&self.first_name).map(drop),
            Field::LastName => Name::parse(&self.last_name).map(drop),
            Field::Email => Email::parse(&self.email).map(drop),
            Field::Organisation => Name::parse(&self.organisation).map(drop),
            Field::OrgType => OrgType::parse(&self.org_type).map(drop),
            Field::Sector => Sector::parse(&self.sector).map(drop),
            Field::Phone => Phone::parse_optional(&self.phone).map(drop),
            Field::Offers => Topics::parse(&self.offers, menu).map(drop),
            Field::Needs => Topics::parse(&self.needs, menu).map(drop),
            Field::Consent => {
                if self.consent {
                    Ok(())
                } else {
                    Err(T::ErrConsent)
                }
            }
        };
        r.err()
    }

    /// Validates every field against the event's topic menu.
    pub fn validate(&self, menu: &[String], lang: Lang) -> Result<ValidRegistration, FieldErrors> {
        let mut e = FieldErrors::default();
        let first_name = e.check(Field::FirstName, Name::parse(&self.first_name));
        let last_name = e.check(Field::LastName, Name::parse(&self.last_name));
        let email = e.check(Field::Email, Email::parse(&self.email));
        let organisation = e.check(Field::Organisation, Name::parse(&self.organisation));
        let org_type = e.check(Field::OrgType, OrgType::parse(&self.org_type));
        let sector = e.check(Field::Sector, Sector::parse(&self.sector));
        let phone = e.check(Field::Phone, Phone::parse_optional(&self.phone));
        let offers = e.check(Field::Offers, Topics::parse(&self.offers, menu));
        let needs = e.check(Field::Needs, Topics::parse(&self.needs, menu));
        if !self.consent {
            e.0.push((Field::Consent, T::ErrConsent));
        }
        match (
            first_name,
            last_name,
            email,
            organisation,
            org_type,
            sector,
            phone,
            offers,
            needs,
        ) {
            (
                Some(first_name),
                Some(last_name),
                Some(email),
                Some(organisation),
                Some(org_type),
                Some(sector),
                Some(phone),
                Some(offers),
                Some(needs),
            ) if e.is_empty() => Ok(ValidRegistration {
                first_name,
                last_name,
                email,
                organisation,
                org_type,
                sector,
                phone,
                offers,
                needs,
                lang,
            }),
            _ => Err(e),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn good() -> RegistrationForm {
        RegistrationForm {
            first_name: "Grete".into(),
            last_name: "Remen".into(),
            email: "grete@damhert.be".into(),
            organisation: "Damhert Nutrition".into(),
            org_type: "company".into(),
            sector: "maakindustrie".into(),
            phone: "".into(),
            offers: vec!["jobs".into()],
            needs: vec!["training".into()],
            consent: true,
        }
    }

    #[test]
    fn valid_form_validates() {
        let menu = vec!["jobs".to_string(), "training".to_string()];
        let v = good().validate(&menu, Lang::En).unwrap();
        assert_eq!(v.email.as_str(), "grete@damhert.be");
        assert_eq!(v.offers.codes(), ["jobs"]);
    }

    #[test]
    fn each_invalid_field_is_reported_at_that_field() {
        let menu = vec!["jobs".to_string(), "training".to_string()];
        type Breaker = fn(&mut RegistrationForm);
        let cases: Vec<(Breaker, Field, T)> = vec![
            (|f| f.first_name.clear(), Field::FirstName, T::ErrRequired),
            (
                |f| f.last_name = "y".repeat(200),
                Field::LastName,
                T::ErrTooLong,
            ),
            (|f| f.email = "nope".into(), Field::Email, T::ErrEmail),
            (
                |f| f.organisation = " ".into(),
                Field::Organisation,
                T::ErrRequired,
            ),
            (|f| f.org_type = "bank".into(), Field::OrgType, T::ErrChoose),
            (|f| f.sector.clear(), Field::Sector, T::ErrChoose),
            (|f| f.phone = "12".into(), Field::Phone, T::ErrPhone),
            (
                |f| f.offers = vec!["x".into()],
                Field::Offers,
                T::ErrUnknownTopic,
            ),
            (
                |f| f.needs = vec!["y".into()],
                Field::Needs,
                T::ErrUnknownTopic,
            ),
            (|f| f.consent = false, Field::Consent, T::ErrConsent),
        ];
        for (brk, field, want) in cases {
            let mut f = good();
            brk(&mut f);
            let errs = f.validate(&menu, Lang::Nl).unwrap_err();
            assert_eq!(errs.0, vec![(field, want)], "{field:?}");
            assert_eq!(f.field_error(field, &menu), Some(want));
        }
    }

    #[test]
    fn form_pairs() {
        let pairs: Vec<(String, String)> = [
            ("first_name", "A"),
            ("offers", "x"),
            ("offers", "y"),
            ("needs", "z"),
            ("consent", "on"),
        ]
        .iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect();
        let f = RegistrationForm::from_pairs(&pairs);
        assert_eq!(f.first_name, "A");
        assert_eq!(f.offers, ["x", "y"]);
        assert_eq!(f.needs, ["z"]);
        assert!(f.consent);
    }
}
