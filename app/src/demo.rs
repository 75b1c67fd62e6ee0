//! The demo event, built from the seed news item ("Ondernemers ontmoeten Sociale
//! Economie", Brouwerijmuseum Bocholt), loaded when the database has no events yet.

use crate::event::{EventView, Topic};
use crate::programme::model::{SessionInput, SessionKind, SpeakerInput};
use crate::programme::service::{Programme, ProgrammeError};
use crate::store::{events, Db, StoreError};
use chrono::{Datelike, Duration, NaiveTime, TimeZone, Utc};
use chrono_tz::Europe::Brussels;

pub const DEMO_SLUG: &str = "ondernemers-ontmoeten-sociale-economie";

const PROGRAMME: &str = "13:30  Onthaal met koffie in het Brouwerijmuseum, 'het museum van de vriendschap'
14:00  Welkom door de sociale economie Noord-Limburg
14:10  Lokale besturen als regisseur — schepen Serge Vander Linden (Hamont-Achel), namens de negen Noord-Limburgse gemeenten
14:30  Goede voorbeelden uit de praktijk
       · Wouter Weltens, Operations Manager H.Essers: samenwerking met beschutte werkplaatsen in de logistiek
       · Guido Grochowczak, Plant Manager Shark Solutions (Overpelt): rekruteren via trajectbegeleiding en opleidingsinitiatieven
       · Grete Remen, CEO Damhert Nutrition: een inclusieve werkvloer, samen met GOB de Winning
15:30  Samenvatting en uitnodiging — Liesbeth Nieuwets, coördinator sociale economie Noord-Limburg
15:45  Samen aan tafel: netwerktafels met de menukaart van vragen en aanbod (twee rondes)
17:15  Afsluiting en netwerkdrink";

/// The seed's speakers: name, role, organisation, short bio (from the news item).
const SPEAKERS: [(&str, &str, &str, &str); 5] = [
    (
        "Serge Vander Linden",
        "Schepen",
        "Stad Hamont-Achel",
        "Schetst namens zijn collega's uit de negen Noord-Limburgse gemeenten de coördinerende en \
         stimulerende rol van de lokale besturen in de sociale economie.",
    ),
    (
        "Wouter Weltens",
        "Operations Manager",
        "H.Essers",
        "Werkt bij transportbedrijf H.Essers samen met diverse beschutte werkplaatsen, voor heel wat \
         deelopdrachten in de logistiek, veelal op de eigen bedrijfslocaties.",
    ),
    (
        "Guido Grochowczak",
        "Plant Manager",
        "Shark Solutions",
        "Shark Solutions in Overpelt recycleert PVB uit autoruiten en werft medewerkers via de \
         trajectbegeleiding van de OCMW's en opleidingsinitiatieven zoals Open Atelier en de Poort.",
    ),
    (
        "Grete Remen",
        "CEO",
        "Damhert Nutrition",
        "Bouwde bij Damhert Nutrition een inclusieve werkvloer uit, met teamwork, KMO-spirit en \
         opleiding op maat, samen met GOB de Winning.",
    ),
    (
        "Liesbeth Nieuwets",
        "Coördinator sociale economie",
        "Sociale economie Noord-Limburg",
        "Coördineert de sociale economie in Noord-Limburg en brengt bedrijven en \
         sociale-economieondernemingen samen aan tafel.",
    ),
];

/// The seed's programme: (start, end) Brussels time, kind, title, description, speakers
/// (indices into [`SPEAKERS`]). The article gives no times: these are illustrative, and the
/// agenda says so.
#[allow(clippy::type_complexity)]
const SESSIONS: [((u32, u32), (u32, u32), SessionKind, &str, &str, &[usize]); 10] = [
    (
        (13, 30),
        (14, 0),
        SessionKind::Break,
        "Onthaal met koffie",
        "In het Brouwerijmuseum, 'het museum van de vriendschap'.",
        &[],
    ),
    (
        (14, 0),
        (14, 10),
        SessionKind::Welcome,
        "Welkom",
        "Welkom door de sociale economie Noord-Limburg.",
        &[],
    ),
    (
        (14, 10),
        (14, 30),
        SessionKind::Talk,
        "Lokale besturen als regisseur",
        "De coördinerende en stimulerende rol van de lokale besturen in de sociale economie.",
        &[0],
    ),
    (
        (14, 30),
        (14, 50),
        SessionKind::Talk,
        "Goede praktijk: samenwerken in de logistiek",
        "Samenwerking met beschutte werkplaatsen bij H.Essers.",
        &[1],
    ),
    (
        (14, 50),
        (15, 10),
        SessionKind::Talk,
        "Goede praktijk: rekruteren via trajectbegeleiding",
        "Nieuwe medewerkers vinden via de OCMW's en opleidingsinitiatieven.",
        &[2],
    ),
    (
        (15, 10),
        (15, 30),
        SessionKind::Talk,
        "Goede praktijk: een inclusieve werkvloer",
        "Teamwork, KMO-spirit en opleiding op maat bij Damhert Nutrition.",
        &[3],
    ),
    (
        (15, 30),
        (15, 45),
        SessionKind::Talk,
        "Samenvatting en uitnodiging aan tafel",
        "Van naast elkaar naar samen: de inclusieve werkvloer als droom.",
        &[4],
    ),
    (
        (15, 45),
        (16, 30),
        SessionKind::Networking,
        "Netwerktafels",
        "Samen aan tafel met de menukaart van vragen en aanbod.",
        &[],
    ),
    (
        (16, 30),
        (17, 15),
        SessionKind::Networking,
        "Netwerktafels",
        "Nieuwe tafel, nieuwe gesprekken.",
        &[],
    ),
    (
        (17, 15),
        (18, 0),
        SessionKind::Closing,
        "Afsluiting en netwerkdrink",
        "",
        &[],
    ),
];

fn topics() -> Vec<Topic> {
    [
        (
            "werkopdrachten",
            "Werkopdrachten uitbesteden aan de sociale economie",
        ),
        ("samen-produceren", "Producten of diensten samen realiseren"),
        ("personeel", "Nieuwe medewerkers vinden (rekrutering)"),
        ("doorstroom", "Doorstroom naar de open arbeidsmarkt"),
        ("opleiding", "Opleiding op maat op de werkvloer"),
        ("begeleiding", "Trajectbegeleiding en jobcoaching"),
        ("inclusief", "Een inclusieve werkvloer uitbouwen"),
        ("stage", "Stage- en werkervaringsplaatsen"),
        ("ondersteuning", "Subsidies en ondersteuning"),
    ]
    .into_iter()
    .map(|(code, label)| Topic {
        code: code.into(),
        label: label.into(),
    })
    .collect()
}

/// The demo event on the first Thursday at least three weeks from now, 13:30–18:00
/// Brussels time.
pub fn demo_event(now: chrono::DateTime<Utc>) -> EventView {
    let mut day = now.with_timezone(&Brussels).date_naive() + Duration::days(21);
    while day.weekday() != chrono::Weekday::Thu {
        day += Duration::days(1);
    }
    let at = |h, m| brussels(day, h, m, now);
    let starts_at = at(13, 30);
    EventView {
        slug: DEMO_SLUG.into(),
        title: "Ondernemers ontmoeten Sociale Economie".into(),
        description: "De sociale economie uit Noord-Limburg nodigt de ondernemers uit de regio uit voor een \
            uitwisseling. Twee kansen tot samenwerking staan in de kijker: producten of diensten samen realiseren, \
            en personeel voorbereiden op een job op de open arbeidsmarkt. Bedrijven, sociale-economieondernemingen, \
            lokale besturen en begeleidingsdiensten ontmoeten elkaar aan netwerktafels, met een menukaart van vragen \
            en aanbod: wie zoekt, die vindt."
            .into(),
        programme: PROGRAMME.into(),
        venue_name: "Brouwerijmuseum".into(),
        venue_address: "Dorpsstraat 1, 3950 Bocholt".into(),
        starts_at,
        ends_at: at(18, 0),
        capacity: 120,
        confirmed: 0,
        registration_opens_at: now - Duration::days(1),
        registration_closes_at: starts_at - Duration::days(1),
        organiser_name: "Sociale economie Noord-Limburg".into(),
        organiser_email: "info@sociale-economie-noord-limburg.be".into(),
        topics: topics(),
        published: true,
        org_types: crate::domain::OrgType::ALL.to_vec(),
        sectors: crate::domain::Sector::ALL.to_vec(),
        translations: Default::default(),
    }
}

/// `h:m` Brussels time on `day`, in UTC (`fallback` for a time that does not exist).
fn brussels(
    day: chrono::NaiveDate,
    h: u32,
    m: u32,
    fallback: chrono::DateTime<Utc>,
) -> chrono::DateTime<Utc> {
    let naive = day.and_time(NaiveTime::from_hms_opt(h, m, 0).unwrap_or_default());
    Brussels
        .from_local_datetime(&naive)
        .earliest()
        .map(|t| t.with_timezone(&Utc))
        .unwrap_or(fallback)
}

/// Gives event `slug` (on the day of `starts_at`) the seed's programme and speakers,
/// through the programme service's checks, with times marked as illustrative.
pub async fn load_programme(
    db: &Db,
    slug: &str,
    starts_at: chrono::DateTime<Utc>,
) -> Result<(), ProgrammeError> {
    let programme = Programme::new(db.clone(), "");
    let mut speakers = Vec::new();
    for (name, role, organisation, bio) in SPEAKERS {
        let contact = name.to_lowercase().replace(' ', ".");
        let input = SpeakerInput {
            name: name.into(),
            role: role.into(),
            organisation: organisation.into(),
            bio: bio.into(),
            contact_email: format!("{contact}@example.org"),
        };
        speakers.push(programme.create_speaker(slug, &input).await?);
    }
    let day = starts_at.with_timezone(&Brussels).date_naive();
    for (from, to, kind, title, description, who) in SESSIONS {
        let input = SessionInput {
            title: title.into(),
            description: description.into(),
            kind,
            starts_at: brussels(day, from.0, from.1, starts_at),
            ends_at: brussels(day, to.0, to.1, starts_at),
            room: String::new(),
            speakers: who
                .iter()
                .filter_map(|i| speakers.get(*i).copied())
                .collect(),
        };
        programme.create_session(slug, &input).await?;
    }
    programme.set_times_illustrative(slug, true).await
}

/// Inserts the demo event with its programme when there are no events. Returns whether
/// it did.
pub async fn load_if_empty(db: &Db) -> Result<bool, StoreError> {
    if events::count(db).await? > 0 {
        return Ok(false);
    }
    let now = Utc::now();
    let event = demo_event(now);
    events::insert(db, &event, now).await?;
    match load_programme(db, &event.slug, event.starts_at).await {
        Ok(()) => {}
        Err(ProgrammeError::Store(e)) => return Err(e),
        // The seed is fixed: a refusal is a bug in it, not a reason to refuse to start.
        Err(e) => tracing::error!("demo programme refused: {e}"),
    }
    Ok(true)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn demo_event_is_upcoming_on_a_thursday_afternoon_in_brussels() {
        let now = Utc.with_ymd_and_hms(2026, 3, 10, 9, 0, 0).unwrap();
        let e = demo_event(now);
        let local = e.starts_at.with_timezone(&Brussels);
        assert_eq!(local.weekday(), chrono::Weekday::Thu);
        assert_eq!(local.format("%H:%M").to_string(), "13:30");
        // 2026-04-02 is after the switch to summer time: 13:30 local is 11:30 UTC.
        assert_eq!(
            e.starts_at.format("%Y-%m-%d %H:%M").to_string(),
            "2026-04-02 11:30"
        );
        assert!(e.registration_opens_at <= now && now < e.registration_closes_at);
        assert!(e.topics.len() >= 6);
    }
}
