//! The demo event, built from the seed news item ("Ondernemers ontmoeten Sociale
//! Economie", Brouwerijmuseum Bocholt), loaded when the database has no events yet.

use crate::event::{EventView, Topic};
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
15:45  Samen aan tafel: netwerktafels met de menukaart van vragen en aanbod (drie rondes)
17:15  Netwerkdrink";

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
    let at = |h, m| {
        let naive = day.and_time(NaiveTime::from_hms_opt(h, m, 0).unwrap_or_default());
        Brussels
            .from_local_datetime(&naive)
            .earliest()
            .map(|t| t.with_timezone(&Utc))
            .unwrap_or(now)
    };
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

/// Inserts the demo event when there are no events. Returns whether it did.
pub async fn load_if_empty(db: &Db) -> Result<bool, StoreError> {
    if events::count(db).await? > 0 {
        return Ok(false);
    }
    let now = Utc::now();
    events::insert(db, &demo_event(now), now).await?;
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
