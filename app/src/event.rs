//! Events as the browser sees them: [`EventView`] (no internal columns) and the menu of
//! topics attendees choose their offers and needs from.

use crate::domain::{Offer, OrgType, Sector};
use crate::i18n::Lang;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// One item of an event's "menu" of questions and offers.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Topic {
    pub code: String,
    pub label: String,
}

/// The organiser's texts of an event in one more language; empty fields are not given.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct EventTexts {
    pub title: String,
    pub description: String,
}

/// The event's texts in English and French, where the organiser gave them (the main
/// texts are Dutch). Stored as JSON.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Translations {
    pub en: EventTexts,
    pub fr: EventTexts,
}

impl Translations {
    fn get(&self, lang: Lang) -> Option<&EventTexts> {
        match lang {
            Lang::Nl => None,
            Lang::En => Some(&self.en),
            Lang::Fr => Some(&self.fr),
        }
    }
}

/// An organiser's text as shown on a page in some language: the translation where there
/// is one, else the Dutch text, with the language it is in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Localised<'a> {
    pub text: &'a str,
    pub lang: Lang,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EventView {
    pub slug: String,
    pub title: String,
    pub description: String,
    pub programme: String,
    pub venue_name: String,
    pub venue_address: String,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub capacity: i64,
    pub confirmed: i64,
    pub registration_opens_at: DateTime<Utc>,
    pub registration_closes_at: DateTime<Utc>,
    pub organiser_name: String,
    pub organiser_email: String,
    pub topics: Vec<Topic>,
    /// Whether attendees see the event (listed, its page and registration answer).
    pub published: bool,
    /// The organisation types the registration form offers (never empty).
    pub org_types: Vec<OrgType>,
    /// The sectors the registration form offers (never empty).
    pub sectors: Vec<Sector>,
    /// Title and description in English and French, where given.
    #[serde(default)]
    pub translations: Translations,
}

/// Whether the registration form accepts entries at a given moment.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum RegistrationWindow {
    NotYetOpen,
    Open,
    Closed,
}

impl EventView {
    pub fn is_full(&self) -> bool {
        self.confirmed >= self.capacity
    }
    pub fn places_left(&self) -> i64 {
        (self.capacity - self.confirmed).max(0)
    }
    pub fn window(&self, now: DateTime<Utc>) -> RegistrationWindow {
        if now < self.registration_opens_at {
            RegistrationWindow::NotYetOpen
        } else if now > self.registration_closes_at {
            RegistrationWindow::Closed
        } else {
            RegistrationWindow::Open
        }
    }
    /// The title for a page in `lang`.
    pub fn title_in(&self, lang: Lang) -> Localised<'_> {
        self.localised(lang, &self.title, |t| &t.title)
    }
    /// The description for a page in `lang`.
    pub fn description_in(&self, lang: Lang) -> Localised<'_> {
        self.localised(lang, &self.description, |t| &t.description)
    }
    fn localised<'a>(
        &'a self,
        lang: Lang,
        dutch: &'a str,
        field: impl Fn(&'a EventTexts) -> &'a String,
    ) -> Localised<'a> {
        match self.translations.get(lang).map(field) {
            Some(t) if !t.trim().is_empty() => Localised { text: t, lang },
            _ => Localised {
                text: dutch,
                lang: Lang::Nl,
            },
        }
    }
    pub fn topic_codes(&self) -> Vec<String> {
        self.topics.iter().map(|t| t.code.clone()).collect()
    }
    /// What the registration form of this event offers: a form is validated against it.
    pub fn offer(&self) -> Offer {
        Offer {
            topics: self.topic_codes(),
            org_types: self.org_types.clone(),
            sectors: self.sectors.clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn event(en_title: &str) -> EventView {
        let mut e = crate::demo::demo_event(Utc::now());
        e.translations.en.title = en_title.into();
        e
    }

    #[test]
    fn a_page_gets_the_translation_where_there_is_one_else_the_dutch_text() {
        let e = event("Entrepreneurs meet the social economy");
        let en = e.title_in(Lang::En);
        assert_eq!(en.text, "Entrepreneurs meet the social economy");
        assert_eq!(en.lang, Lang::En);
        let fr = e.title_in(Lang::Fr);
        assert_eq!(fr.text, e.title);
        assert_eq!(fr.lang, Lang::Nl);
        assert_eq!(e.title_in(Lang::Nl).text, e.title);
        assert_eq!(e.description_in(Lang::En).lang, Lang::Nl);
        assert_eq!(event("   ").title_in(Lang::En).lang, Lang::Nl);
    }
}
