//! The registration form as typed by the attendee ([`RegistrationForm`], raw strings that
//! survive an error round trip untouched), its one validation against what the event
//! offers ([`Offer`]) into a [`ValidRegistration`], and the per-field errors
//! ([`FieldErrors<Field>`]) shown next to each field.

use super::errors::FieldErrors;
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
    pub const ALL: &'static [Field] = &[
        Field::FirstName,
        Field::LastName,
        Field::Email,
        Field::Organisation,
        Field::OrgType,
        Field::Sector,
        Field::Phone,
        Field::Offers,
        Field::Needs,
        Field::Consent,
    ];

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

    /// The field with this HTML `name`.
    pub fn from_name(name: &str) -> Option<Field> {
        Field::ALL.iter().copied().find(|f| f.name() == name)
    }
}

/// The HTML `name` of the honeypot: a hidden field people leave empty and bots fill in.
pub const HONEYPOT: &str = "website";

/// The HTML `name` of the box "share my name, organisation and e-mail address with the
/// people at my tables after the event" (off unless ticked).
pub const SHARE_CONTACT: &str = "share_contact";

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
    /// Agreed to share name, organisation and address with their tablemates afterwards.
    #[serde(default)]
    pub share_contact: bool,
    /// The honeypot ([`HONEYPOT`]): empty unless a bot filled it.
    #[serde(default)]
    pub website: String,
    /// Fields whose posted bytes were not valid UTF-8 (plain form posts); their value is
    /// left empty and they are reported as containing invalid characters.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub invalid_utf8: Vec<Field>,
}

/// What an event's form offers to choose from: its topic codes, organisation types and
/// sectors. Every path that stores a form (register, walk-in, import, both edits) validates
/// against it, so a person never holds a choice the event does not offer.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Offer {
    pub topics: Vec<String>,
    pub org_types: Vec<OrgType>,
    pub sectors: Vec<Sector>,
}

impl Offer {
    /// The topics `topics` with every organisation type and sector.
    pub fn everything(topics: Vec<String>) -> Offer {
        Offer {
            topics,
            org_types: OrgType::ALL.to_vec(),
            sectors: Sector::ALL.to_vec(),
        }
    }
}

/// `Ok(choice)` when `offered` holds it, else "choose one of the list".
fn offered<C: PartialEq>(choice: C, offered: &[C]) -> Result<C, T> {
    if offered.contains(&choice) {
        Ok(choice)
    } else {
        Err(T::ErrChoose)
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
    /// See [`RegistrationForm::share_contact`].
    pub share_contact: bool,
}

impl RegistrationForm {
    /// Builds the form from a plain `application/x-www-form-urlencoded` post (repeated
    /// `offers`/`needs` keys; a checked `consent` box sends any value).
    pub fn from_pairs(pairs: &[(String, String)]) -> RegistrationForm {
        let mut f = RegistrationForm::default();
        for (k, v) in pairs {
            if k == HONEYPOT {
                f.website = v.clone();
                continue;
            }
            if k == SHARE_CONTACT {
                f.share_contact = true;
                continue;
            }
            let Some(field) = Field::from_name(k) else {
                continue;
            };
            match field {
                Field::Offers => f.offers.push(v.clone()),
                Field::Needs => f.needs.push(v.clone()),
                Field::Consent => f.consent = true,
                text => *f.text_mut(text).expect("a text field") = v.clone(),
            }
        }
        f
    }

    /// The value of a single-valued text field (`None` for topics and consent).
    pub fn text_mut(&mut self, field: Field) -> Option<&mut String> {
        Some(match field {
            Field::FirstName => &mut self.first_name,
            Field::LastName => &mut self.last_name,
            Field::Email => &mut self.email,
            Field::Organisation => &mut self.organisation,
            Field::OrgType => &mut self.org_type,
            Field::Sector => &mut self.sector,
            Field::Phone => &mut self.phone,
            Field::Offers | Field::Needs | Field::Consent => return None,
        })
    }

    /// Records that the posted value of the field named `name` was not valid UTF-8.
    pub fn mark_invalid(&mut self, name: &str) {
        if let Some(field) = Field::from_name(name) {
            if !self.invalid_utf8.contains(&field) {
                self.invalid_utf8.push(field);
            }
        }
    }

    /// Whether the honeypot was filled in (a bot).
    pub fn is_bot(&self) -> bool {
        !self.website.trim().is_empty()
    }

    /// Validates one field alone (live validation in the browser).
    pub fn field_error(&self, field: Field, offer: &Offer) -> Option<T> {
        self.validate(offer, Lang::default())
            .err()
            .and_then(|e| e.get(field))
    }

    /// Records `r` for `field` in `e`: the field's own rule, or "invalid characters" when
    /// its posted bytes were not valid UTF-8.
    fn checked<V>(&self, e: &mut FieldErrors<Field>, field: Field, r: Result<V, T>) -> Option<V> {
        if self.invalid_utf8.contains(&field) {
            e.check(field, Err(T::ErrInvalidChars))
        } else {
            e.check(field, r)
        }
    }

    /// Validates every field against what the event offers: its topic menu, organisation
    /// types and sectors (the one validation of a form against its event).
    pub fn validate(
        &self,
        offer: &Offer,
        lang: Lang,
    ) -> Result<ValidRegistration, FieldErrors<Field>> {
        let menu = &offer.topics;
        let mut e = FieldErrors::default();
        let first_name = self.checked(&mut e, Field::FirstName, Name::parse(&self.first_name));
        let last_name = self.checked(&mut e, Field::LastName, Name::parse(&self.last_name));
        let email = self.checked(&mut e, Field::Email, Email::parse(&self.email));
        let organisation =
            self.checked(&mut e, Field::Organisation, Name::parse(&self.organisation));
        let org_type = OrgType::parse(&self.org_type).and_then(|t| offered(t, &offer.org_types));
        let org_type = self.checked(&mut e, Field::OrgType, org_type);
        let sector = Sector::parse(&self.sector).and_then(|s| offered(s, &offer.sectors));
        let sector = self.checked(&mut e, Field::Sector, sector);
        let phone = self.checked(&mut e, Field::Phone, Phone::parse_optional(&self.phone));
        let offers = self.checked(&mut e, Field::Offers, Topics::parse(&self.offers, menu));
        let needs = self.checked(&mut e, Field::Needs, Topics::parse(&self.needs, menu));
        let consent = self.consent.then_some(()).ok_or(T::ErrConsent);
        self.checked(&mut e, Field::Consent, consent);
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
                share_contact: self.share_contact,
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
            ..Default::default()
        }
    }

    #[test]
    fn valid_form_validates() {
        let menu = Offer::everything(vec!["jobs".to_string(), "training".to_string()]);
        let v = good().validate(&menu, Lang::En).unwrap();
        assert_eq!(v.email.as_str(), "grete@damhert.be");
        assert_eq!(v.offers.codes(), ["jobs"]);
    }

    #[test]
    fn each_invalid_field_is_reported_at_that_field() {
        let menu = Offer::everything(vec!["jobs".to_string(), "training".to_string()]);
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
    fn only_the_offered_types_and_sectors_are_accepted() {
        let offer = Offer {
            topics: vec!["jobs".into(), "training".into()],
            org_types: vec![OrgType::Education],
            sectors: vec![Sector::Zorg],
        };
        // "company" and "maakindustrie" exist but are not offered.
        let errs = good().validate(&offer, Lang::Nl).unwrap_err();
        assert_eq!(
            errs.0,
            vec![
                (Field::OrgType, T::ErrChoose),
                (Field::Sector, T::ErrChoose)
            ]
        );
        assert_eq!(
            good().field_error(Field::Sector, &offer),
            Some(T::ErrChoose)
        );
        let mut f = good();
        f.org_type = "education".into();
        f.sector = "zorg".into();
        assert!(f.validate(&offer, Lang::Nl).is_ok());
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
        assert!(!f.share_contact, "off unless ticked");
        assert!(!f.is_bot());
        let shared = RegistrationForm::from_pairs(&[(SHARE_CONTACT.into(), "yes".into())]);
        assert!(shared.share_contact);
        let bot = RegistrationForm::from_pairs(&[(HONEYPOT.into(), "http://spam".into())]);
        assert!(bot.is_bot());
    }

    #[test]
    fn invalid_bytes_are_reported_at_their_field() {
        let menu = Offer::everything(vec!["jobs".to_string(), "training".to_string()]);
        let mut f = good();
        f.first_name.clear();
        f.mark_invalid("first_name");
        f.mark_invalid("phone");
        f.mark_invalid("no_such_field");
        let errs = f.validate(&menu, Lang::Nl).unwrap_err();
        assert_eq!(
            errs.0,
            vec![
                (Field::FirstName, T::ErrInvalidChars),
                (Field::Phone, T::ErrInvalidChars)
            ]
        );
        assert_eq!(f.field_error(Field::Phone, &menu), Some(T::ErrInvalidChars));
    }

    #[test]
    fn zero_width_names_and_dash_phones_are_refused() {
        let menu = Offer::everything(vec!["jobs".to_string(), "training".to_string()]);
        let mut f = good();
        f.first_name = "\u{200B}\u{200B}".into();
        f.phone = "-12345678".into();
        let errs = f.validate(&menu, Lang::Nl).unwrap_err();
        assert_eq!(
            errs.0,
            vec![
                (Field::FirstName, T::ErrRequired),
                (Field::Phone, T::ErrPhone)
            ]
        );
    }
}
