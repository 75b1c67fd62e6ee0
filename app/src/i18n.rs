//! The one translation mechanism: every visible text is a [`T`] key with a Dutch (nl-BE),
//! English and French text. The `texts!` table makes a missing translation a compile error.
//! Also owns the language choice (cookie `lang`) and date formatting per language.

use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Lang {
    #[default]
    Nl,
    En,
    Fr,
}

impl Lang {
    pub const ALL: [Lang; 3] = [Lang::Nl, Lang::En, Lang::Fr];

    pub fn code(self) -> &'static str {
        match self {
            Lang::Nl => "nl",
            Lang::En => "en",
            Lang::Fr => "fr",
        }
    }

    /// BCP 47 tag for the `lang` attribute of the page.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::Nl => "nl-BE",
            Lang::En => "en",
            Lang::Fr => "fr-BE",
        }
    }

    pub fn parse(code: &str) -> Option<Lang> {
        match code.trim().to_ascii_lowercase().as_str() {
            "nl" | "nl-be" => Some(Lang::Nl),
            "en" => Some(Lang::En),
            "fr" | "fr-be" => Some(Lang::Fr),
            _ => None,
        }
    }

    /// Reads the `lang=` cookie from a `Cookie` header value.
    pub fn from_cookie_header(header: &str) -> Lang {
        header
            .split(';')
            .filter_map(|kv| kv.trim().strip_prefix("lang="))
            .find_map(Lang::parse)
            .unwrap_or_default()
    }

    /// The language the `lang` cookie chose, if it names one of ours.
    pub fn from_cookie(header: &str) -> Option<Lang> {
        header
            .split(';')
            .filter_map(|kv| kv.trim().strip_prefix("lang="))
            .find_map(Lang::parse)
    }

    /// The browser's preferred language among ours, from an `Accept-Language` header
    /// (highest quality first; equal qualities in the order given; `q=0` means "not this").
    /// Three languages and a header of a few entries: a small parser, no crate.
    pub fn from_accept_language(header: &str) -> Option<Lang> {
        let mut best: Option<(f32, Lang)> = None;
        for item in header.split(',') {
            let mut parts = item.split(';');
            let tag = parts.next().unwrap_or("").trim();
            let primary = tag.split('-').next().unwrap_or("");
            let q = parts
                .filter_map(|p| p.trim().strip_prefix("q="))
                .find_map(|v| v.trim().parse::<f32>().ok())
                .unwrap_or(1.0);
            let Some(lang) = Lang::parse(primary) else {
                continue;
            };
            if q > 0.0 && best.is_none_or(|(b, _)| q > b) {
                best = Some((q, lang));
            }
        }
        best.map(|(_, l)| l)
    }

    /// The page and mail language: the person's choice (`lang` cookie) wins, else the
    /// browser's languages, else Dutch.
    pub fn negotiate(cookie: Option<&str>, accept_language: Option<&str>) -> Lang {
        cookie
            .and_then(Lang::from_cookie)
            .or_else(|| accept_language.and_then(Lang::from_accept_language))
            .unwrap_or_default()
    }

    /// [`Lang::negotiate`] over a request's `Cookie` and `Accept-Language` headers.
    #[cfg(feature = "ssr")]
    pub fn of_headers(headers: &axum::http::HeaderMap) -> Lang {
        use axum::http::header;
        let chosen = headers
            .get_all(header::COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .find_map(Lang::from_cookie);
        chosen.unwrap_or_else(|| {
            let accept = headers
                .get(header::ACCEPT_LANGUAGE)
                .and_then(|v| v.to_str().ok());
            Lang::negotiate(None, accept)
        })
    }

    pub fn t(self, key: T) -> &'static str {
        key.get(self)
    }
}

macro_rules! texts {
    ($($key:ident => [$nl:expr, $en:expr, $fr:expr]),* $(,)?) => {
        /// A translatable text.
        #[derive(Clone, Copy, PartialEq, Eq, Hash)]
        pub enum T { $($key),* }
        impl T {
            /// Every key, in declaration order (the discriminant is the index).
            const ALL: &'static [T] = &[$(T::$key),*];
            /// The keys' names, as serialised (`"PlanErrNoPlan"`).
            const NAMES: &'static [&'static str] = &[$(stringify!($key)),*];
            /// The texts per key: Dutch, English, French.
            const TEXTS: &'static [[&'static str; 3]] = &[$([$nl, $en, $fr]),*];
        }
    };
}

// Tables instead of derived matches: the derives' 500-arm matches cost the browser bundle
// about 70 KB of code; the serialised form (the key's name) is the same.
impl T {
    pub fn get(self, lang: Lang) -> &'static str {
        T::TEXTS[self as usize][lang_index(lang)]
    }

    /// The key's name, as serialised and in error bodies.
    pub fn name(self) -> &'static str {
        T::NAMES[self as usize]
    }

    /// The key named `name`.
    pub fn from_name(name: &str) -> Option<T> {
        T::NAMES.iter().position(|n| *n == name).map(|i| T::ALL[i])
    }
}

impl std::fmt::Debug for T {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

impl Serialize for T {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_unit_variant("T", *self as u32, self.name())
    }
}

impl<'de> Deserialize<'de> for T {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<T, D::Error> {
        let name = String::deserialize(d)?;
        T::from_name(&name).ok_or_else(|| serde::de::Error::unknown_variant(&name, &[]))
    }
}

texts! {
    AppName => ["Tafelronde", "Tafelronde", "Tafelronde"],
    Tagline => ["Wie zoekt, die vindt: netwerkmomenten aan tafel", "Who searches, finds: networking at the table", "Qui cherche trouve : le réseautage à table"],
    Language => ["Taal", "Language", "Langue"],
    UpcomingEvents => ["Komende evenementen", "Upcoming events", "Événements à venir"],
    NoEvents => ["Er zijn nog geen evenementen gepland.", "No events are planned yet.", "Aucun événement n'est encore prévu."],
    Loading => ["Laden…", "Loading…", "Chargement…"],
    EventNotFound => ["Dit evenement bestaat niet (meer).", "This event does not exist (any more).", "Cet événement n'existe pas (plus)."],
    PageNotFound => ["Deze pagina bestaat niet.", "This page does not exist.", "Cette page n'existe pas."],
    BackHome => ["Naar de startpagina", "Back to the home page", "Retour à l'accueil"],
    When => ["Wanneer", "When", "Quand"],
    Where => ["Waar", "Where", "Où"],
    Organiser => ["Organisator", "Organiser", "Organisateur"],
    Programme => ["Programma", "Programme", "Programme"],
    Places => ["Plaatsen", "Places", "Places"],
    PlacesLeft => ["plaatsen vrij", "places left", "places libres"],
    EventFull => ["Volzet: nieuwe inschrijvingen komen op de wachtlijst.", "Full: new registrations go to the wait list.", "Complet : les nouvelles inscriptions vont sur la liste d'attente."],
    RegisterCta => ["Inschrijven", "Register", "S'inscrire"],
    RegisterWaitlistCta => ["Op de wachtlijst zetten", "Join the wait list", "S'inscrire sur la liste d'attente"],
    RegistrationClosed => ["De inschrijvingen zijn afgesloten.", "Registration is closed.", "Les inscriptions sont clôturées."],
    RegistrationNotYetOpen => ["De inschrijvingen zijn nog niet geopend.", "Registration is not open yet.", "Les inscriptions ne sont pas encore ouvertes."],
    RegisterTitle => ["Inschrijven voor", "Register for", "S'inscrire à"],
    FirstName => ["Voornaam", "First name", "Prénom"],
    LastName => ["Achternaam", "Last name", "Nom"],
    Email => ["E-mailadres", "E-mail address", "Adresse e-mail"],
    Organisation => ["Organisatie", "Organisation", "Organisation"],
    OrgType => ["Type organisatie", "Type of organisation", "Type d'organisation"],
    Sector => ["Sector", "Sector", "Secteur"],
    Phone => ["Telefoon (optioneel)", "Phone (optional)", "Téléphone (facultatif)"],
    Offers => ["Wat ik aanbied", "What I offer", "Ce que j'offre"],
    Needs => ["Wat ik zoek", "What I am looking for", "Ce que je cherche"],
    MenuHint => ["Kies uit de menukaart van dit netwerkmoment; we zetten je aan tafel met wie vindt wat je zoekt.", "Choose from this event's menu; we seat you with people who offer what you look for.", "Choisissez dans le menu de cet événement ; nous vous plaçons avec ceux qui offrent ce que vous cherchez."],
    Consent => ["Ik ga akkoord met de privacyverklaring: mijn gegevens worden enkel gebruikt voor dit netwerkmoment.", "I agree to the privacy notice: my data are used only for this networking event.", "J'accepte la déclaration de confidentialité : mes données ne servent qu'à cet événement."],
    PrivacyNotice => ["Privacyverklaring", "Privacy notice", "Déclaration de confidentialité"],
    PrivacyText => ["De organisator bewaart je naam, organisatie, contactgegevens en je keuzes uit de menukaart om dit netwerkmoment te organiseren en je aan tafel te zetten. Je kan je inschrijving altijd aanpassen of annuleren via de persoonlijke link in je mail.", "The organiser keeps your name, organisation, contact details and menu choices to run this networking event and seat you. You can change or cancel your registration at any time through the personal link in your mail.", "L'organisateur conserve vos nom, organisation, coordonnées et choix du menu pour organiser cet événement et vous placer à table. Vous pouvez modifier ou annuler votre inscription à tout moment via le lien personnel de votre e-mail."],
    Submit => ["Inschrijving versturen", "Send registration", "Envoyer l'inscription"],
    Submitting => ["Bezig met versturen…", "Sending…", "Envoi en cours…"],
    Required => ["verplicht", "required", "obligatoire"],
    FixErrors => ["Kijk de gemarkeerde velden na.", "Please check the marked fields.", "Veuillez vérifier les champs indiqués."],
    ErrRequired => ["Dit veld is verplicht.", "This field is required.", "Ce champ est obligatoire."],
    ErrTooLong => ["Dit is te lang.", "This is too long.", "C'est trop long."],
    ErrEmail => ["Dit is geen geldig e-mailadres (bv. naam@bedrijf.be).", "This is not a valid e-mail address (e.g. name@company.be).", "Ce n'est pas une adresse e-mail valide (p. ex. nom@entreprise.be)."],
    ErrPhone => ["Dit is geen geldig telefoonnummer (bv. +32 11 12 34 56).", "This is not a valid phone number (e.g. +32 11 12 34 56).", "Ce n'est pas un numéro valide (p. ex. +32 11 12 34 56)."],
    ErrChoose => ["Maak een keuze.", "Please choose one.", "Veuillez choisir."],
    ErrUnknownTopic => ["Kies enkel onderwerpen van de menukaart.", "Choose topics from the menu only.", "Choisissez uniquement des sujets du menu."],
    ErrConsent => ["Je moet akkoord gaan met de privacyverklaring om in te schrijven.", "You must agree to the privacy notice to register.", "Vous devez accepter la déclaration de confidentialité pour vous inscrire."],
    ErrServer => ["Er ging iets mis aan onze kant. Je gegevens zijn niet verloren: probeer het over een ogenblik opnieuw.", "Something went wrong on our side. Your data are not lost: please try again in a moment.", "Un problème est survenu chez nous. Vos données ne sont pas perdues : réessayez dans un instant."],
    ErrNetwork => ["Geen verbinding met de server. Probeer opnieuw.", "Cannot reach the server. Please try again.", "Impossible de joindre le serveur. Réessayez."],
    CheckMailTitle => ["Kijk in je mailbox", "Check your mailbox", "Consultez votre boîte mail"],
    CheckMailText => ["Bedankt! We stuurden een mail met je bevestiging, de praktische info en je persoonlijke link om je inschrijving te bekijken, aan te passen of te annuleren.", "Thank you! We sent a mail with your confirmation, the practical details and your personal link to view, change or cancel your registration.", "Merci ! Nous vous avons envoyé un e-mail avec votre confirmation, les infos pratiques et votre lien personnel pour consulter, modifier ou annuler votre inscription."],
    CheckMailAlready => ["Was dit adres al ingeschreven? Dan stuurden we de link opnieuw (niet vaker dan om de paar minuten).", "If this address is registered, we sent the link again (not more often than every few minutes).", "Si cette adresse est déjà inscrite, nous avons renvoyé le lien (une seule fois par période de quelques minutes)."],
    CheckMailSpam => ["Geen mail binnen enkele minuten? Kijk ook in je map met ongewenste mail.", "No mail within a few minutes? Check your spam folder too.", "Pas d'e-mail d'ici quelques minutes ? Vérifiez aussi vos indésirables."],
    ManageTitle => ["Mijn inschrijving", "My registration", "Mon inscription"],
    ManageInvalid => ["Deze link is ongeldig of verlopen. Gebruik de meest recente mail, of schrijf opnieuw in om een nieuwe link te krijgen.", "This link is invalid or out of date. Use the most recent mail, or register again to receive a new link.", "Ce lien est invalide ou périmé. Utilisez le dernier e-mail, ou réinscrivez-vous pour recevoir un nouveau lien."],
    StatusConfirmed => ["Je bent ingeschreven.", "You are registered.", "Vous êtes inscrit(e)."],
    StatusWaitlisted => ["Je staat op de wachtlijst. We mailen je zodra er een plaats vrijkomt.", "You are on the wait list. We will mail you as soon as a place frees up.", "Vous êtes sur la liste d'attente. Nous vous écrirons dès qu'une place se libère."],
    StatusCancelled => ["Je inschrijving is geannuleerd.", "Your registration is cancelled.", "Votre inscription est annulée."],
    EmailConfirmed => ["Je e-mailadres is bevestigd.", "Your e-mail address is confirmed.", "Votre adresse e-mail est confirmée."],
    EditTitle => ["Gegevens aanpassen", "Change your details", "Modifier vos données"],
    Save => ["Wijzigingen bewaren", "Save changes", "Enregistrer"],
    Saved => ["Je wijzigingen zijn bewaard.", "Your changes are saved.", "Vos modifications sont enregistrées."],
    CancelTitle => ["Inschrijving annuleren", "Cancel registration", "Annuler l'inscription"],
    CancelText => ["Kan je niet komen? Annuleer dan, zodat iemand van de wachtlijst je plaats krijgt. Dit kan je niet ongedaan maken.", "Can't come? Please cancel so someone on the wait list gets your place. This cannot be undone.", "Vous ne pouvez pas venir ? Annulez pour libérer votre place. C'est irréversible."],
    CancelConfirm => ["Ja, ik wil mijn inschrijving annuleren.", "Yes, I want to cancel my registration.", "Oui, je veux annuler mon inscription."],
    CancelButton => ["Annuleren", "Cancel registration", "Annuler l'inscription"],
    ErrCancelConfirm => ["Vink eerst aan dat je wil annuleren.", "Tick the box first to confirm the cancellation.", "Cochez d'abord la case pour confirmer l'annulation."],
    Cancelled => ["Je inschrijving is geannuleerd. Bedankt om het te laten weten.", "Your registration is cancelled. Thank you for letting us know.", "Votre inscription est annulée. Merci de nous avoir prévenus."],
    OrgCompany => ["Bedrijf", "Company", "Entreprise"],
    OrgSocialEconomy => ["Sociale-economieonderneming", "Social-economy enterprise", "Entreprise d'économie sociale"],
    OrgLocalGovernment => ["Lokaal bestuur", "Local government", "Pouvoir local"],
    OrgSupportService => ["Begeleidings- of ondersteuningsdienst", "Support or guidance service", "Service d'accompagnement ou de soutien"],
    OrgEducation => ["Onderwijs of opleiding", "Education or training", "Enseignement ou formation"],
    OrgOther => ["Andere", "Other", "Autre"],
    SectorGroen => ["Groen", "Green spaces", "Espaces verts"],
    SectorZorg => ["Zorg", "Care", "Soins"],
    SectorHoreca => ["Horeca", "Hospitality", "Horeca"],
    SectorBouw => ["Bouw", "Construction", "Construction"],
    SectorLogistiek => ["Logistiek", "Logistics", "Logistique"],
    SectorMaakindustrie => ["Maakindustrie", "Manufacturing", "Industrie manufacturière"],
    SectorIct => ["ICT", "ICT", "TIC"],
    SectorHandel => ["Handel", "Retail and trade", "Commerce"],
    SectorOther => ["Andere", "Other", "Autre"],
    ChooseOne => ["— kies —", "— choose —", "— choisir —"],
    MailSubjectConfirmed => ["Je inschrijving", "Your registration", "Votre inscription"],
    MailSubjectWaitlisted => ["Je staat op de wachtlijst", "You are on the wait list", "Vous êtes sur la liste d'attente"],
    MailSubjectLink => ["Je persoonlijke link", "Your personal link", "Votre lien personnel"],
    MailSubjectPromoted => ["Goed nieuws: er is een plaats vrij", "Good news: a place is free", "Bonne nouvelle : une place s'est libérée"],
    MailHello => ["Dag", "Hello", "Bonjour"],
    MailConfirmedText => ["Bedankt voor je inschrijving. Je bent welkom op:", "Thank you for registering. You are welcome at:", "Merci pour votre inscription. Vous êtes attendu(e) à :"],
    MailWaitlistedText => ["Bedankt voor je inschrijving. Het evenement is volzet, dus je staat op de wachtlijst voor:", "Thank you for registering. The event is full, so you are on the wait list for:", "Merci pour votre inscription. L'événement est complet : vous êtes sur la liste d'attente pour :"],
    MailLinkText => ["Hier is opnieuw je persoonlijke link voor:", "Here is your personal link again for:", "Voici à nouveau votre lien personnel pour :"],
    MailPromotedText => ["Er is een plaats vrijgekomen: je bent nu ingeschreven voor:", "A place has freed up: you are now registered for:", "Une place s'est libérée : vous êtes maintenant inscrit(e) à :"],
    MailManageText => ["Bekijk, wijzig of annuleer je inschrijving via je persoonlijke link (deel hem niet):", "View, change or cancel your registration with your personal link (do not share it):", "Consultez, modifiez ou annulez votre inscription via votre lien personnel (ne le partagez pas) :"],
    MailManageButton => ["Mijn inschrijving", "My registration", "Mon inscription"],
    MailIcsHint => ["In de bijlage vind je een agenda-item.", "A calendar entry is attached.", "Une entrée d'agenda est jointe."],
    MailGreeting => ["Tot binnenkort!", "See you soon!", "À bientôt !"],
    ErrBadRequest => ["Dit verzoek kon niet gelezen worden. Laad de pagina opnieuw en probeer het nog eens.", "This request could not be read. Reload the page and try again.", "Cette demande n'a pas pu être lue. Rechargez la page et réessayez."],
    ErrCrossOrigin => ["Dit formulier werd vanaf een andere website verstuurd en is daarom geweigerd. Open Tafelronde rechtstreeks en probeer het opnieuw.", "This form was sent from another website and was therefore refused. Open Tafelronde directly and try again.", "Ce formulaire a été envoyé depuis un autre site web et a donc été refusé. Ouvrez Tafelronde directement et réessayez."],
    ErrTooLarge => ["Wat je verstuurde is te groot. Kort je tekst in en probeer opnieuw.", "What you sent is too large. Shorten your text and try again.", "Ce que vous avez envoyé est trop volumineux. Raccourcissez votre texte et réessayez."],
    ErrRateLimited => ["Te veel pogingen na elkaar. Wacht een minuutje en probeer het dan opnieuw.", "Too many attempts in a row. Please wait a minute, then try again.", "Trop de tentatives d'affilée. Patientez une minute, puis réessayez."],
    ErrTimeout => ["Dit duurde te lang. Probeer het over een ogenblik opnieuw.", "This took too long. Please try again in a moment.", "Cela a pris trop de temps. Réessayez dans un instant."],
    ErrPageTitle => ["Dat lukte niet", "That did not work", "Cela n'a pas fonctionné"],
    ErrInvalidChars => ["Dit veld bevat ongeldige tekens.", "This field contains invalid characters.", "Ce champ contient des caractères non valides."],
    ErrControlChars => ["Dit veld bevat onzichtbare stuurtekens. Verwijder ze en probeer opnieuw.", "This field contains invisible control characters. Remove them and try again.", "Ce champ contient des caractères de contrôle invisibles. Supprimez-les et réessayez."],
    LinkExpired => ["Deze link is verlopen: het evenement is voorbij. Heb je een vraag? Neem contact op met de organisator.", "This link has expired: the event is over. Any questions? Please contact the organiser.", "Ce lien a expiré : l'événement est terminé. Une question ? Contactez l'organisateur."],
    ChangesClosed => ["Aanpassen of annuleren kan niet meer: het evenement begint zo meteen of is al begonnen. Neem contact op met de organisator.", "Changes and cancellations are closed: the event is about to start or has started. Please contact the organiser.", "Les modifications et annulations sont fermées : l'événement va commencer ou a commencé. Contactez l'organisateur."],
    HoneypotLabel => ["Laat dit veld leeg (het houdt spam tegen).", "Leave this field empty (it stops spam).", "Laissez ce champ vide (il bloque le spam)."],
    YourEmail => ["Je e-mailadres", "Your e-mail address", "Votre adresse e-mail"],
    // Coordinator accounts (issue 8).
    ErrPasswordTooShort => ["Een wachtwoord heeft minstens 12 tekens.", "A password has at least 12 characters.", "Un mot de passe compte au moins 12 caractères."],
    ErrUnauthorized => ["Meld je eerst aan als coördinator.", "Please sign in as a coordinator first.", "Connectez-vous d'abord en tant que coordinateur."],
    ErrForbidden => ["Je hebt geen toegang tot deze functie.", "You have no access to this function.", "Vous n'avez pas accès à cette fonction."],
    ErrLoginFailed => ["Dit e-mailadres en wachtwoord passen niet bij elkaar.", "This e-mail address and password do not match.", "Cette adresse e-mail et ce mot de passe ne correspondent pas."],
    ErrLoginLocked => ["Te veel mislukte aanmeldpogingen na elkaar. Wacht even en probeer het dan opnieuw, of vraag een nieuw wachtwoord aan.", "Too many failed sign-in attempts in a row. Wait a moment and try again, or ask for a new password.", "Trop de tentatives de connexion échouées d'affilée. Patientez un instant puis réessayez, ou demandez un nouveau mot de passe."],
    ErrPasswordLinkInvalid => ["Deze link om een wachtwoord in te stellen is ongeldig, al gebruikt of verlopen. Vraag een nieuwe aan.", "This link to set a password is invalid, already used or expired. Ask for a new one.", "Ce lien pour définir un mot de passe est invalide, déjà utilisé ou expiré. Demandez-en un nouveau."],
    ErrWrongCurrentPassword => ["Je huidige wachtwoord klopt niet.", "Your current password is not right.", "Votre mot de passe actuel n'est pas correct."],
    MailAccountHello => ["Hallo,", "Hello,", "Bonjour,"],
    MailInviteSubject => ["Je coördinatoraccount bij Tafelronde", "Your coordinator account at Tafelronde", "Votre compte de coordinateur chez Tafelronde"],
    MailInviteText => ["Er is een coördinatoraccount voor je aangemaakt. Kies je wachtwoord via deze link:", "A coordinator account was created for you. Choose your password with this link:", "Un compte de coordinateur a été créé pour vous. Choisissez votre mot de passe via ce lien :"],
    MailInviteExpiry => ["De link werkt één keer en blijft 72 uur geldig.", "The link works once and stays valid for 72 hours.", "Le lien fonctionne une seule fois et reste valable 72 heures."],
    MailResetSubject => ["Nieuw wachtwoord voor Tafelronde", "New password for Tafelronde", "Nouveau mot de passe pour Tafelronde"],
    MailResetText => ["Iemand vroeg een nieuw wachtwoord aan voor je coördinatoraccount. Kies een nieuw wachtwoord via deze link:", "Someone asked for a new password for your coordinator account. Choose a new password with this link:", "Quelqu'un a demandé un nouveau mot de passe pour votre compte de coordinateur. Choisissez un nouveau mot de passe via ce lien :"],
    MailResetExpiry => ["De link werkt één keer en blijft 1 uur geldig.", "The link works once and stays valid for 1 hour.", "Le lien fonctionne une seule fois et reste valable 1 heure."],
    MailSetPasswordButton => ["Wachtwoord kiezen", "Choose a password", "Choisir un mot de passe"],
    MailAccountIgnore => ["Heb je dit niet gevraagd? Dan kun je deze mail negeren.", "Did not ask for this? Then you can ignore this mail.", "Vous n'avez rien demandé ? Ignorez simplement ce message."],
    CoordArea => ["Coördinatoren", "Coordinators", "Coordinateurs"],
    CoordLoginTitle => ["Aanmelden als coördinator", "Coordinator sign-in", "Connexion coordinateur"],
    CoordEmail => ["E-mailadres", "E-mail address", "Adresse e-mail"],
    CoordPassword => ["Wachtwoord", "Password", "Mot de passe"],
    CoordLoginButton => ["Aanmelden", "Sign in", "Se connecter"],
    CoordForgotLink => ["Wachtwoord vergeten?", "Forgot your password?", "Mot de passe oublié ?"],
    CoordForgotTitle => ["Wachtwoord vergeten", "Forgotten password", "Mot de passe oublié"],
    CoordForgotIntro => ["Geef je e-mailadres. Als er een account bij hoort, sturen we een link om een nieuw wachtwoord te kiezen.", "Enter your e-mail address. If it belongs to an account, we send a link to choose a new password.", "Indiquez votre adresse e-mail. Si elle correspond à un compte, nous envoyons un lien pour choisir un nouveau mot de passe."],
    CoordForgotButton => ["Link versturen", "Send the link", "Envoyer le lien"],
    CoordForgotSent => ["Als dit adres bij een account hoort, is er een mail onderweg. De link blijft 1 uur geldig.", "If this address belongs to an account, a mail is on its way. The link stays valid for 1 hour.", "Si cette adresse correspond à un compte, un e-mail est en route. Le lien reste valable 1 heure."],
    CoordSetTitle => ["Wachtwoord kiezen", "Choose a password", "Choisir un mot de passe"],
    CoordNewPassword => ["Nieuw wachtwoord (minstens 12 tekens)", "New password (at least 12 characters)", "Nouveau mot de passe (au moins 12 caractères)"],
    CoordSetButton => ["Wachtwoord opslaan", "Save the password", "Enregistrer le mot de passe"],
    CoordPasswordSet => ["Je wachtwoord is ingesteld. Je kunt je nu aanmelden.", "Your password is set. You can sign in now.", "Votre mot de passe est défini. Vous pouvez vous connecter."],
    CoordChangeTitle => ["Wachtwoord wijzigen", "Change password", "Modifier le mot de passe"],
    CoordCurrentPassword => ["Huidig wachtwoord", "Current password", "Mot de passe actuel"],
    CoordChangeButton => ["Wachtwoord wijzigen", "Change the password", "Modifier le mot de passe"],
    CoordPasswordChanged => ["Je wachtwoord is gewijzigd.", "Your password was changed.", "Votre mot de passe a été modifié."],
    CoordDashboardTitle => ["Evenementen", "Events", "Événements"],
    CoordLogout => ["Afmelden", "Sign out", "Se déconnecter"],
    CoordSignedInAs => ["Aangemeld als", "Signed in as", "Connecté en tant que"],
    CoordColEvent => ["Evenement", "Event", "Événement"],
    CoordColDate => ["Datum", "Date", "Date"],
    CoordColSeats => ["Bevestigd / plaatsen", "Confirmed / capacity", "Confirmés / places"],
    CoordColWaitlist => ["Wachtlijst", "Wait list", "Liste d'attente"],
    CoordNoEvents => ["Er zijn nog geen evenementen.", "There are no events yet.", "Il n'y a pas encore d'événements."],
    MailSubjectCancelled => ["Je inschrijving is geannuleerd", "Your registration is cancelled", "Votre inscription est annulée"],
    MailCancelledText => ["We hebben je annulering goed ontvangen. Je inschrijving is geannuleerd voor:", "We have received your cancellation. Your registration is cancelled for:", "Nous avons bien reçu votre annulation. Votre inscription est annulée pour :"],
    MailRegisterAgainText => ["Kan je toch komen? Zolang de inschrijvingen open zijn, kan je opnieuw inschrijven (is het volzet, dan kom je op de wachtlijst):", "Can you come after all? While registration is open you can register again (if the event is full, you go on the wait list):", "Vous pouvez finalement venir ? Tant que les inscriptions sont ouvertes, vous pouvez vous réinscrire (si l'événement est complet, vous irez sur la liste d'attente) :"],
    MailRegisterAgainButton => ["Opnieuw inschrijven", "Register again", "Se réinscrire"],
    MailCancelledBye => ["Bedankt om het te laten weten.", "Thank you for letting us know.", "Merci de nous avoir prévenus."],
    CheckMailWaitTitle => ["Je staat op de wachtlijst", "You are on the wait list", "Vous êtes sur la liste d'attente"],
    CheckMailWaitText => ["Bedankt! Alle plaatsen zijn ingenomen, dus je staat op de wachtlijst: je hebt nog geen plaats. Komt er een plaats vrij, dan krijg je die in volgorde van inschrijving en mailen we je meteen. We stuurden je een mail met je persoonlijke link om je gegevens aan te passen of je van de wachtlijst te halen.", "Thank you! Every place is taken, so you are on the wait list: you do not have a place yet. When a place frees up, it goes to the wait list in order of registration and we mail you right away. We sent you a mail with your personal link to change your details or leave the wait list.", "Merci ! Toutes les places sont prises : vous êtes sur la liste d'attente et n'avez pas encore de place. Dès qu'une place se libère, elle est attribuée dans l'ordre des inscriptions et nous vous écrivons aussitôt. Nous vous avons envoyé un e-mail avec votre lien personnel pour modifier vos données ou quitter la liste d'attente."],
    CheckMailWaitAlready => ["Was dit adres al ingeschreven? Dan blijft je inschrijving zoals ze was en stuurden we de link opnieuw (niet vaker dan om de paar minuten).", "If this address was already registered, your registration stays as it was and we sent the link again (not more often than every few minutes).", "Si cette adresse était déjà inscrite, votre inscription reste inchangée et nous avons renvoyé le lien (une seule fois par période de quelques minutes)."],
    PageNotFoundTitle => ["Pagina niet gevonden", "Page not found", "Page introuvable"],
    EventNotFoundTitle => ["Evenement niet gevonden", "Event not found", "Événement introuvable"],
    InvalidLinkTitle => ["Ongeldige link", "Invalid link", "Lien invalide"],
    LinkExpiredTitle => ["Link verlopen", "Link expired", "Lien expiré"],
    CancelledTitle => ["Inschrijving geannuleerd", "Registration cancelled", "Inscription annulée"],
    SkipToContent => ["Naar de inhoud", "Skip to content", "Aller au contenu"],
    // Coordinator registration table (issue 8).
    CoordRegTitle => ["Inschrijvingen", "Registrations", "Inscriptions"],
    CoordRegLink => ["Inschrijvingen", "Registrations", "Inscriptions"],
    CoordRegSearch => ["Zoeken (naam, organisatie, e-mail)", "Search (name, organisation, e-mail)", "Rechercher (nom, organisation, e-mail)"],
    CoordRegFilterButton => ["Toon", "Show", "Afficher"],
    CoordRegReset => ["Alle filters wissen", "Clear all filters", "Effacer les filtres"],
    CoordRegAny => ["Alle", "All", "Tous"],
    CoordRegStatus => ["Status", "Status", "Statut"],
    CoordRegOrgType => ["Soort organisatie", "Organisation type", "Type d'organisation"],
    CoordRegSector => ["Sector", "Sector", "Secteur"],
    CoordRegOffers => ["Biedt aan", "Offers", "Propose"],
    CoordRegNeeds => ["Zoekt", "Looks for", "Recherche"],
    CoordRegSort => ["Sorteren op", "Sort by", "Trier par"],
    CoordRegDescending => ["Aflopend", "Descending", "Décroissant"],
    CoordRegSortName => ["Naam", "Name", "Nom"],
    CoordRegSortOrganisation => ["Organisatie", "Organisation", "Organisation"],
    CoordRegSortRegistered => ["Ingeschreven op", "Registered at", "Inscrit le"],
    CoordRegEmail => ["E-mail", "E-mail", "E-mail"],
    CoordRegPhone => ["Telefoon", "Phone", "Téléphone"],
    CoordRegActions => ["Acties", "Actions", "Actions"],
    CoordRegConfirmed => ["Bevestigd", "Confirmed", "Confirmé"],
    CoordRegWaitlisted => ["Wachtlijst", "Wait list", "Liste d'attente"],
    CoordRegCancelled => ["Geannuleerd", "Cancelled", "Annulé"],
    CoordRegSeats => ["plaatsen", "seats", "places"],
    CoordRegMatching => ["inschrijvingen gevonden", "registrations found", "inscriptions trouvées"],
    CoordRegEmpty => ["Geen inschrijvingen die aan deze filters voldoen.", "No registrations match these filters.", "Aucune inscription ne correspond à ces filtres."],
    CoordRegPrev => ["Vorige pagina", "Previous page", "Page précédente"],
    CoordRegNext => ["Volgende pagina", "Next page", "Page suivante"],
    CoordRegPage => ["Pagina", "Page", "Page"],
    CoordRegOf => ["van", "of", "sur"],
    CoordRegCsv => ["Exporteer als CSV (met deze filters)", "Export as CSV (with these filters)", "Exporter en CSV (avec ces filtres)"],
    CoordRegCancel => ["Annuleren…", "Cancel…", "Annuler…"],
    CoordRegCancelConfirm => ["Ja, annuleer deze inschrijving", "Yes, cancel this registration", "Oui, annuler cette inscription"],
    CoordRegPromote => ["Geef een plaats", "Give a seat", "Attribuer une place"],
    CoordRegResend => ["Stuur de link opnieuw", "Send the link again", "Renvoyer le lien"],
    CoordRegExportJson => ["Gegevens (JSON)", "Data (JSON)", "Données (JSON)"],
    CoordRegErase => ["Gegevens wissen…", "Erase data…", "Effacer les données…"],
    CoordRegEraseConfirm => ["Ja, wis alle gegevens van deze persoon", "Yes, erase all of this person's data", "Oui, effacer toutes les données de cette personne"],
    CoordRegDoneCancelled => ["De inschrijving is geannuleerd en de persoon krijgt een mail.", "The registration is cancelled and the person gets a mail.", "L'inscription est annulée et la personne reçoit un e-mail."],
    CoordRegDonePromoted => ["De persoon heeft een plaats en krijgt een mail.", "The person has a seat and gets a mail.", "La personne a une place et reçoit un e-mail."],
    CoordRegDoneResent => ["De link is opnieuw verstuurd.", "The link was sent again.", "Le lien a été renvoyé."],
    CoordRegDoneErased => ["De gegevens van deze persoon zijn gewist.", "This person's data has been erased.", "Les données de cette personne ont été effacées."],
    CoordRegErrNoFreeSeat => ["Er is geen vrije plaats: annuleer eerst een inschrijving of verhoog de capaciteit.", "There is no free seat: cancel a registration or raise the capacity first.", "Il n'y a pas de place libre : annulez d'abord une inscription ou augmentez la capacité."],
    CoordRegErrWrongStatus => ["Dat kan niet voor een inschrijving met deze status.", "That is not possible for a registration with this status.", "Ce n'est pas possible pour une inscription avec ce statut."],
    CoordRegCsvRegistered => ["Ingeschreven op (Brussel)", "Registered at (Brussels)", "Inscrit le (Bruxelles)"],
    CoordRegFirstName => ["Voornaam", "First name", "Prénom"],
    CoordRegLastName => ["Achternaam", "Last name", "Nom"],
    // Coordinator edit of one registration (issue 8).
    CoordRegEdit => ["Bewerken", "Edit", "Modifier"],
    CoordRegEditTitle => ["Inschrijving bewerken", "Edit registration", "Modifier l'inscription"],
    CoordRegEditHint => ["Het e-mailadres identificeert de persoon en kan niet veranderd worden. De persoon krijgt over deze wijziging geen mail.", "The e-mail address identifies the person and cannot be changed. The person gets no mail about this change.", "L'adresse e-mail identifie la personne et ne peut pas être modifiée. La personne ne reçoit pas d'e-mail à propos de cette modification."],
    CoordRegEditSave => ["Wijzigingen opslaan", "Save changes", "Enregistrer les modifications"],
    CoordRegDoneEdited => ["De inschrijving is opgeslagen.", "The registration has been saved.", "L'inscription a été enregistrée."],
    // Coordinator bulk mail (issue 8).
    CoordBulkTitle => ["Mail aan deze selectie", "Mail this selection", "E-mail à cette sélection"],
    CoordBulkIntro => ["De mail gaat naar de bevestigde mensen en de wachtlijst die aan de filters hierboven voldoen; geannuleerde inschrijvingen krijgen nooit een mail. U ziet eerst een voorbeeld en het aantal ontvangers; er wordt niets verstuurd tot u bevestigt.", "The mail goes to the confirmed and wait-listed people matching the filters above; cancelled registrations are never mailed. You first see a preview and the number of recipients; nothing is sent until you confirm.", "L'e-mail est envoyé aux personnes confirmées et en liste d'attente qui correspondent aux filtres ci-dessus ; les inscriptions annulées ne reçoivent jamais d'e-mail. Vous voyez d'abord un aperçu et le nombre de destinataires ; rien n'est envoyé avant votre confirmation."],
    CoordBulkPlaceholders => ["Invulvelden: {first_name} (voornaam), {event_title} (titel van het evenement), {manage_link} (een nieuwe persoonlijke link per persoon).", "Placeholders: {first_name} (first name), {event_title} (the event's title), {manage_link} (a fresh personal link per person).", "Champs à remplir : {first_name} (prénom), {event_title} (titre de l'événement), {manage_link} (un nouveau lien personnel par personne)."],
    CoordBulkSubject => ["Onderwerp", "Subject", "Objet"],
    CoordBulkBody => ["Bericht", "Message", "Message"],
    CoordBulkPreviewButton => ["Toon voorbeeld (verstuurt nog niets)", "Preview (sends nothing yet)", "Aperçu (n'envoie rien encore)"],
    CoordBulkRecipients => ["ontvangers", "recipients", "destinataires"],
    CoordBulkFirst => ["Zo krijgt de eerste ontvanger de mail:", "The mail as the first recipient gets it:", "L'e-mail tel que le premier destinataire le reçoit :"],
    CoordBulkSendButton => ["Verstuur naar deze ontvangers", "Send to these recipients", "Envoyer à ces destinataires"],
    CoordBulkSent => ["mails staan klaar om verstuurd te worden.", "mails are queued for sending.", "e-mails sont en file d'envoi."],
    CoordBulkNobody => ["Niemand voldoet aan deze filters.", "Nobody matches these filters.", "Personne ne correspond à ces filtres."],
    CoordBulkLinkStandIn => ["persoonlijke link", "personal link", "lien personnel"],
    CoordBulkErrPlaceholder => ["Onbekend invulveld: gebruik enkel {first_name}, {event_title} of {manage_link} (met accolades).", "Unknown placeholder: use only {first_name}, {event_title} or {manage_link} (with braces).", "Champ inconnu : utilisez uniquement {first_name}, {event_title} ou {manage_link} (avec accolades)."],
    CoordBulkErrInvalid => ["Verbeter de aangeduide velden.", "Please correct the marked fields.", "Veuillez corriger les champs indiqués."],
    CoordBulkErrChanged => ["De selectie veranderde sinds het voorbeeld. Bekijk het voorbeeld opnieuw.", "The selection changed since the preview. Please preview again.", "La sélection a changé depuis l'aperçu. Veuillez refaire l'aperçu."],
    // Coordinator CSV import (issue 8).
    CoordImpTitle => ["Importeren uit CSV", "Import from CSV", "Importer depuis un CSV"],
    CoordImpIntro => ["Voor mensen die zich telefonisch inschreven. Plak de tekst van het CSV-bestand hieronder (kopieer hem uit een teksteditor of spreadsheet). Eerst ziet u een controle; er wordt niets ingeschreven tot u bevestigt.", "For people who registered by phone. Paste the text of the CSV file below (copy it from a text editor or spreadsheet). You first see a check; nobody is registered until you confirm.", "Pour les personnes inscrites par téléphone. Collez ci-dessous le texte du fichier CSV (copié depuis un éditeur de texte ou un tableur). Vous voyez d'abord une vérification ; personne n'est inscrit avant votre confirmation."],
    CoordImpColumns => ["Kolommen (de eerste regel, zoals in de export): Voornaam, Achternaam, E-mail, Organisatie, Soort organisatie, Sector zijn verplicht; Telefoon, Biedt aan, Zoekt mogen ontbreken (onderwerpen gescheiden door ;). Status en Ingeschreven op worden genegeerd. Kolomnamen, soorten en sectoren mogen in het Nederlands, Engels of Frans; komma, puntkomma of tab als scheidingsteken. Tot ongeveer 60 kB tekst per import.", "Columns (the first line, as in the export): First name, Last name, E-mail, Organisation, Organisation type, Sector are required; Phone, Offers, Looks for may be left out (topics separated by ;). Status and Registered at are ignored. Column names, types and sectors may be in Dutch, English or French; comma, semicolon or tab as separator. Up to about 60 kB of text per import.", "Colonnes (la première ligne, comme dans l'export) : Prénom, Nom, E-mail, Organisation, Type d'organisation, Secteur sont obligatoires ; Téléphone, Propose, Recherche peuvent manquer (sujets séparés par ;). Statut et Inscrit le sont ignorés. Noms de colonnes, types et secteurs en néerlandais, anglais ou français ; virgule, point-virgule ou tabulation comme séparateur. Jusqu'à environ 60 ko de texte par import."],
    CoordImpMailNote => ["Iedereen die u importeert krijgt de gewone bevestigingsmail (of de wachtlijstmail) met een persoonlijke link, in de taal van deze pagina. Plaatsen gaan in de volgorde van het bestand tot het evenement vol is; de rest komt op de wachtlijst.", "Everyone you import gets the usual confirmation mail (or the wait-list mail) with a personal link, in the language of this page. Seats go in the order of the file until the event is full; the rest go on the wait list.", "Chaque personne importée reçoit l'e-mail de confirmation habituel (ou celui de la liste d'attente) avec un lien personnel, dans la langue de cette page. Les places sont attribuées dans l'ordre du fichier jusqu'à ce que l'événement soit complet ; les autres vont en liste d'attente."],
    CoordImpField => ["CSV-tekst", "CSV text", "Texte CSV"],
    CoordImpCheck => ["Controleer (importeert nog niets)", "Check (imports nothing yet)", "Vérifier (n'importe rien encore)"],
    CoordImpPreview => ["Controle: er is nog niets geïmporteerd", "Check: nothing has been imported yet", "Vérification : rien n'a encore été importé"],
    CoordImpDone => ["Geïmporteerd", "Imported", "Importé"],
    CoordImpCanImport => ["rijen kunnen geïmporteerd worden", "rows can be imported", "lignes peuvent être importées"],
    CoordImpWereImported => ["rijen geïmporteerd; deze mensen krijgen hun mail", "rows imported; these people get their mail", "lignes importées ; ces personnes reçoivent leur e-mail"],
    CoordImpSeat => ["met een plaats", "with a seat", "avec une place"],
    CoordImpWait => ["op de wachtlijst", "on the wait list", "en liste d'attente"],
    CoordImpProblems => ["Rijen met fouten (worden niet geïmporteerd)", "Rows with errors (not imported)", "Lignes avec des erreurs (non importées)"],
    CoordImpLine => ["Regel", "Line", "Ligne"],
    CoordImpColumn => ["Kolom", "Column", "Colonne"],
    CoordImpReason => ["Probleem", "Problem", "Problème"],
    CoordImpWholeLine => ["(hele regel)", "(whole line)", "(ligne entière)"],
    CoordImpDuplicates => ["Dubbele inschrijvingen (worden niet geïmporteerd)", "Duplicates (not imported)", "Doublons (non importés)"],
    CoordImpDupExisting => ["al ingeschreven voor dit evenement", "already registered for this event", "déjà inscrit à cet événement"],
    CoordImpDupEarlier => ["hetzelfde e-mailadres als regel", "same e-mail address as line", "même adresse e-mail qu'à la ligne"],
    CoordImpConfirm => ["Importeer deze rijen en stuur hun mails", "Import these rows and send their mails", "Importer ces lignes et envoyer leurs e-mails"],
    CoordImpNothing => ["Geen enkele rij kan geïmporteerd worden.", "No row can be imported.", "Aucune ligne ne peut être importée."],
    CoordImpErrEmpty => ["Plak eerst de tekst van het CSV-bestand.", "Paste the text of the CSV file first.", "Collez d'abord le texte du fichier CSV."],
    CoordImpErrMissingColumn => ["deze kolom ontbreekt in de eerste regel", "this column is missing from the first line", "cette colonne manque dans la première ligne"],
    CoordImpErrChoice => ["geen soort of sector die dit evenement aanbiedt (gebruik de naam of de code)", "not a type or sector this event offers (use its name or code)", "pas un type ou secteur proposé par cet événement (utilisez son nom ou son code)"],
    CoordImpErrTopic => ["een onderwerp dat niet op de menukaart van dit evenement staat (gebruik de naam of de code, gescheiden door ;)", "a topic not on this event's menu (use its name or code, separated by ;)", "un sujet absent du menu de cet événement (utilisez son nom ou son code, séparés par ;)"],
    CoordImpErrUnreadable => ["deze regel is onleesbaar", "this line cannot be read", "cette ligne est illisible"],
    // Coordinator overview and mail status (issue 8, overview).
    CoordOverviewTitle => ["Overzicht", "Overview", "Aperçu"],
    CoordOverviewEmpty => ["Nog niemand heeft zich ingeschreven.", "Nobody has registered yet.", "Personne ne s'est encore inscrit."],
    CoordOverviewSeats => ["Plaatsen en wachtlijst", "Places and wait list", "Places et liste d'attente"],
    CoordOverviewCapacity => ["Plaatsen", "Capacity", "Places"],
    CoordOverviewConfirmed => ["Bevestigd", "Confirmed", "Confirmés"],
    CoordOverviewSeatsLeft => ["Vrije plaatsen", "Places left", "Places libres"],
    CoordOverviewWaitlist => ["Op de wachtlijst", "On the wait list", "En liste d'attente"],
    CoordOverviewCancelled => ["Geannuleerd", "Cancelled", "Annulés"],
    CoordOverviewOverTime => ["Inschrijvingen in de tijd", "Registrations over time", "Inscriptions dans le temps"],
    CoordOverviewOverTimeHint => ["Balken: nieuwe inschrijvingen per dag; lijn: het totaal tot dan (latere annuleringen inbegrepen).", "Bars: new registrations per day; line: the running total (later cancellations included).", "Barres : nouvelles inscriptions par jour ; ligne : le total cumulé (annulations ultérieures comprises)."],
    CoordOverviewDay => ["Dag", "Day", "Jour"],
    CoordOverviewNew => ["Nieuw", "New", "Nouvelles"],
    CoordOverviewTotal => ["Totaal", "Total", "Total"],
    CoordOverviewPerOrgType => ["Per type organisatie", "Per type of organisation", "Par type d'organisation"],
    CoordOverviewPerSector => ["Per sector", "Per sector", "Par secteur"],
    CoordOverviewActiveHint => ["Bevestigd of op de wachtlijst.", "Confirmed or on the wait list.", "Confirmés ou en liste d'attente."],
    CoordOverviewCount => ["Aantal", "Count", "Nombre"],
    CoordOverviewPublicPage => ["Publieke pagina", "Public page", "Page publique"],
    CoordMailTitle => ["Mailstatus", "Mail status", "État des e-mails"],
    CoordMailPending => ["In de wachtrij", "Waiting to be sent", "En attente"],
    CoordMailSent => ["Verstuurd", "Sent", "Envoyés"],
    CoordMailFailed => ["Definitief mislukt", "Failed for good", "Échec définitif"],
    CoordMailNoFailures => ["Er zijn geen mislukte mails.", "No mail has failed.", "Aucun e-mail n'a échoué."],
    CoordMailFailedIntro => ["Deze mails konden niet bezorgd worden en worden niet meer geprobeerd. Controleer de reden (vaak een verkeerd adres) en verstuur ze opnieuw.", "These mails could not be delivered and are no longer tried. Check the reason (often a wrong address) and send them again.", "Ces e-mails n'ont pas pu être remis et ne sont plus réessayés. Vérifiez la raison (souvent une adresse erronée) et renvoyez-les."],
    CoordMailColRecipient => ["Ontvanger", "Recipient", "Destinataire"],
    CoordMailColSubject => ["Onderwerp", "Subject", "Objet"],
    CoordMailColKind => ["Soort", "Kind", "Type"],
    CoordMailColReason => ["Reden", "Reason", "Raison"],
    CoordMailColWhen => ["Mislukt op", "Failed at", "Échec le"],
    CoordMailColAction => ["Actie", "Action", "Action"],
    CoordMailRetry => ["Opnieuw versturen…", "Send again…", "Renvoyer…"],
    CoordMailRetryConfirm => ["Ja, deze mail opnieuw versturen", "Yes, send this mail again", "Oui, renvoyer cet e-mail"],
    CoordMailRetryAll => ["Alle mislukte mails opnieuw versturen…", "Send every failed mail again…", "Renvoyer tous les e-mails en échec…"],
    CoordMailRetryAllConfirm => ["Ja, alle mislukte mails opnieuw versturen", "Yes, send every failed mail again", "Oui, renvoyer tous les e-mails en échec"],
    CoordMailRetried => ["De mail staat terug in de wachtrij en wordt zo verstuurd.", "The mail is back in the queue and will be sent shortly.", "L'e-mail est de retour dans la file et sera envoyé sous peu."],
    CoordOverviewNoActive => ["Niemand is bevestigd of staat op de wachtlijst.", "Nobody is confirmed or on the wait list.", "Personne n'est confirmé ni en liste d'attente."],
    CoordMailListCapped => ["Alleen de meest recente mislukte mails staan hier.", "Only the most recent failed mails are listed.", "Seuls les e-mails en échec les plus récents sont listés."],
    CoordEventsErrDateTime => ["Geef een datum en uur (dd/mm/jjjj uu:mm).", "Enter a date and time (dd/mm/yyyy hh:mm).", "Indiquez une date et une heure (jj/mm/aaaa hh:mm)."],
    CoordEventsErrNoSuchTime => ["Dit uur bestaat niet in Brussel (de klok springt dan een uur vooruit).", "This time does not exist in Brussels (the clocks go forward an hour).", "Cette heure n'existe pas à Bruxelles (on avance l'horloge d'une heure)."],
    CoordEventsErrEndBeforeStart => ["Het einde moet na het begin liggen.", "The end must be after the start.", "La fin doit être après le début."],
    CoordEventsErrClosesBeforeOpens => ["De inschrijvingen moeten sluiten na ze openen.", "Registration must close after it opens.", "Les inscriptions doivent fermer après leur ouverture."],
    CoordEventsErrClosesAfterEnd => ["De inschrijvingen moeten sluiten voor het evenement eindigt.", "Registration must close before the event ends.", "Les inscriptions doivent fermer avant la fin de l'événement."],
    CoordEventsErrCapacity => ["Geef een geheel aantal plaatsen, 0 of meer.", "Enter a whole number of places, 0 or more.", "Indiquez un nombre entier de places, 0 ou plus."],
    CoordEventsErrCapacityBelowConfirmed => ["Er zijn al meer bevestigde inschrijvingen dan dit aantal plaatsen. Annuleer eerst inschrijvingen of kies een groter aantal.", "More registrations are already confirmed than this number of places. Cancel registrations first or choose a larger number.", "Il y a déjà plus d'inscriptions confirmées que ce nombre de places. Annulez d'abord des inscriptions ou choisissez un nombre plus grand."],
    CoordEventsErrSlug => ["Gebruik enkel kleine letters, cijfers en koppeltekens (bv. netwerkdag-2027).", "Use only lower-case letters, digits and dashes (e.g. networking-day-2027).", "Utilisez uniquement des minuscules, des chiffres et des tirets (p. ex. journee-reseau-2027)."],
    CoordEventsErrSlugTaken => ["Een ander evenement gebruikt dit webadres al.", "Another event already uses this web address.", "Un autre événement utilise déjà cette adresse web."],
    CoordEventsErrChooseOne => ["Kies er minstens één.", "Choose at least one.", "Choisissez-en au moins un."],
    CoordEventsErrInvalid => ["Niet opgeslagen: verbeter de aangeduide velden.", "Not saved: correct the marked fields.", "Non enregistré : corrigez les champs indiqués."],
    CoordEventsErrConfirm => ["Vink eerst het bevestigingsvakje aan.", "Tick the confirmation box first.", "Cochez d'abord la case de confirmation."],
    CoordEventsNew => ["Nieuw evenement", "New event", "Nouvel événement"],
    CoordEventsEditTitle => ["Evenement bewerken", "Edit event", "Modifier l'événement"],
    CoordEventsEdit => ["Bewerken", "Edit", "Modifier"],
    CoordEventsFieldTitle => ["Titel", "Title", "Titre"],
    CoordEventsFieldSlug => ["Webadres (/e/…)", "Web address (/e/…)", "Adresse web (/e/…)"],
    CoordEventsSlugHint => ["Leeg laten: gemaakt uit de titel.", "Leave empty: made from the title.", "Laisser vide : créée à partir du titre."],
    CoordEventsFieldDescription => ["Beschrijving", "Description", "Description"],
    CoordEventsFieldProgramme => ["Programma", "Programme", "Programme"],
    CoordEventsFieldVenueName => ["Locatie", "Venue", "Lieu"],
    CoordEventsFieldVenueAddress => ["Adres", "Address", "Adresse"],
    CoordEventsFieldStartsAt => ["Begin", "Start", "Début"],
    CoordEventsFieldEndsAt => ["Einde", "End", "Fin"],
    CoordEventsTimeHint => ["Uren in Brusselse tijd.", "Times in Brussels time.", "Heures de Bruxelles."],
    CoordEventsFieldCapacity => ["Aantal plaatsen", "Number of places", "Nombre de places"],
    CoordEventsCapacityHint => ["Lager dan het aantal bevestigde inschrijvingen kan niet.", "It cannot be lower than the number of confirmed registrations.", "Il ne peut pas être inférieur au nombre d'inscriptions confirmées."],
    CoordEventsFieldOpensAt => ["Inschrijvingen openen", "Registration opens", "Ouverture des inscriptions"],
    CoordEventsFieldClosesAt => ["Inschrijvingen sluiten", "Registration closes", "Clôture des inscriptions"],
    CoordEventsFieldOrganiserName => ["Organisator", "Organiser", "Organisateur"],
    CoordEventsFieldOrganiserEmail => ["Contactadres (e-mail)", "Contact address (e-mail)", "Adresse de contact (e-mail)"],
    CoordEventsFieldTopics => ["Menukaart van vragen en aanbod", "Menu of questions and offers", "Menu des demandes et offres"],
    CoordEventsTopicsHint => ["Eén onderwerp per regel.", "One topic a line.", "Un sujet par ligne."],
    CoordEventsFieldOrgTypes => ["Soorten organisaties op het formulier", "Organisation types on the form", "Types d'organisation sur le formulaire"],
    CoordEventsFieldSectors => ["Sectoren op het formulier", "Sectors on the form", "Secteurs sur le formulaire"],
    MailSubjectTables => ["Je tafels", "Your tables", "Vos tables"],
    MailTablesIntro => ["Zo zit je aan de netwerktafels:", "This is where you sit at the networking tables:", "Voici vos places aux tables de réseautage :"],
    MailTablesManage => ["Je vindt je tafels ook in je programma via je persoonlijke link (deel hem niet):", "Your tables are also in your programme, through your personal link (do not share it):", "Vos tables figurent aussi dans votre programme, via votre lien personnel (ne le partagez pas) :"],
    AgendaYourTable => ["tafel", "table", "table"],
    PlanPublishTitle => ["Publiceren", "Publish", "Publier"],
    PlanPublishHint => ["Deelnemers zien dan hun tafel per ronde in hun programma en krijgen één mail met hun tafels. Opnieuw publiceren na wijzigingen mailt alleen wie van tafel veranderde.", "People then see their table per round in their programme and get one mail with their tables. Publishing again after changes mails only those whose tables changed.", "Les participants voient alors leur table par tour dans leur programme et reçoivent un mail avec leurs tables. Republier après des changements n'écrit qu'à ceux dont les tables ont changé."],
    PlanPublish => ["Schikking publiceren", "Publish the plan", "Publier le plan"],
    PlanPublished => ["Gepubliceerd. Mails in de wachtrij:", "Published. Mails queued:", "Publié. Mails en attente :"],
    PlanPublishedAt => ["Laatst gepubliceerd", "Last published", "Dernière publication"],
    PlanErrNoPlan => ["Maak eerst een schikking.", "Make a plan first.", "Faites d'abord un plan."],
    PlanCardsTitle => ["Tafelkaarten", "Table cards", "Cartes de table"],
    PlanCardsHint => ["Print deze pagina: vier kaarten per A4-blad, per ronde en tafel.", "Print this page: four cards to an A4 sheet, per round and table.", "Imprimez cette page : quatre cartes par feuille A4, par tour et par table."],
    PlanCardsLink => ["Tafelkaarten afdrukken", "Print table cards", "Imprimer les cartes de table"],
    CheckinTitle => ["Onthaal", "Check-in", "Accueil"],
    CheckinLink => ["Onthaal", "Check-in", "Accueil"],
    CheckinArrived => ["aangekomen", "arrived", "arrivés"],
    CheckinSearch => ["Zoek op naam of organisatie", "Search by name or organisation", "Chercher par nom ou organisation"],
    CheckinFind => ["Zoeken", "Search", "Chercher"],
    CheckinNobody => ["Niemand gevonden.", "Nobody found.", "Personne trouvé."],
    CheckinNarrow => ["zoek verder om minder namen te zien", "search further to see fewer names", "affinez la recherche pour voir moins de noms"],
    CheckinDo => ["Aangekomen", "Check in", "Arrivé"],
    CheckinUndo => ["Ongedaan maken", "Undo", "Annuler"],
    CheckinHere => ["aanwezig", "here", "présent"],
    PlanTitle => ["Tafelplanner", "Table planner", "Plan de tables"],
    PlanLink => ["Tafels", "Tables", "Tables"],
    PlanPeople => ["te plaatsen (bevestigd)", "to seat (confirmed)", "à placer (confirmés)"],
    PlanTables => ["tafels", "tables", "tables"],
    PlanSeatsPerRound => ["plaatsen per ronde", "seats per round", "places par tour"],
    PlanRounds => ["rondes", "rounds", "tours"],
    PlanRoundsFromProgramme => ["Uit het programma: de netwerkrondes.", "From the programme: its networking rounds.", "Du programme : ses tours de réseautage."],
    PlanSetupTitle => ["Tafels opzetten", "Set up tables", "Préparer les tables"],
    PlanFieldTables => ["Aantal tafels", "Number of tables", "Nombre de tables"],
    PlanFieldSize => ["Plaatsen per tafel", "Seats per table", "Places par table"],
    PlanFieldRounds => ["Aantal rondes", "Number of rounds", "Nombre de tours"],
    PlanSetupConfirm => ["Ik weet dat dit de huidige tafelschikking wist.", "I understand this discards the current plan.", "Je comprends que cela efface le plan actuel."],
    PlanSetupSave => ["Tafels opslaan", "Save tables", "Enregistrer les tables"],
    PlanSetupSaved => ["De tafels zijn opgeslagen.", "The tables are saved.", "Les tables sont enregistrées."],
    PlanRunTitle => ["Schikking maken", "Make a plan", "Faire un plan"],
    PlanRunHint => ["Plaatst alle bevestigde deelnemers: collega's apart, elke tafel zo gemengd mogelijk, niemand twee keer samen, vragen naast aanbod. Duurt hoogstens 1,5 seconde.", "Seats everyone confirmed: colleagues apart, every table as mixed as possible, nobody together twice, needs next to offers. Takes at most 1.5 seconds.", "Place tous les confirmés : collègues séparés, tables aussi mixtes que possible, personne deux fois ensemble, besoins à côté des offres. Prend au plus 1,5 seconde."],
    PlanRun => ["Tafels schikken", "Plan the tables", "Placer les tables"],
    PlanWorking => ["Bezig met schikken…", "Planning…", "Placement en cours…"],
    PlanMade => ["De schikking is klaar.", "The plan is ready.", "Le plan est prêt."],
    PlanNone => ["Nog geen schikking. Zet de tafels op en klik op ‘Tafels schikken’.", "No plan yet. Set up the tables and press ‘Plan the tables’.", "Pas encore de plan. Préparez les tables et cliquez sur « Placer les tables »."],
    PlanChartTitle => ["Tafelschikking", "Seating chart", "Plan de table"],
    PlanLegend => ["Kleuren per soort organisatie", "Colours by organisation type", "Couleurs par type d'organisation"],
    PlanRound => ["Ronde", "Round", "Tour"],
    PlanTable => ["Tafel", "Table", "Table"],
    PlanGroups => ["soorten", "types", "types"],
    PlanNeedsMetShort => ["vragen beantwoord", "needs met", "besoins rencontrés"],
    PlanSeatGone => ["(niet meer ingeschreven)", "(no longer registered)", "(plus inscrit)"],
    PlanRepeats => ["Herhaalde ontmoetingen", "Repeated meetings", "Rencontres répétées"],
    PlanColleagues => ["Collega's aan één tafel", "Colleagues at one table", "Collègues à une même table"],
    PlanTheMinimum => ["het minimum", "the minimum", "le minimum"],
    PlanGroupsPerTable => ["Soorten organisaties per tafel", "Organisation types per table", "Types d'organisation par table"],
    PlanMean => ["gemiddeld", "mean", "moyenne"],
    PlanFewest => ["minstens", "fewest", "au moins"],
    PlanInEvent => ["op het event", "at the event", "à l'événement"],
    PlanNeedsMet => ["Vragen naast aanbod", "Needs next to an offer", "Besoins à côté d'une offre"],
    PlanRuntime => ["Rekentijd", "Computing time", "Temps de calcul"],
    PlanUnseated => ["bevestigde deelnemers staan nog niet in deze schikking: schik opnieuw.", "confirmed people are not in this plan yet: plan again.", "confirmés ne sont pas encore dans ce plan : refaites le plan."],
    PlanErrTables => ["Geef een aantal tafels van 1 tot 500.", "Give a number of tables from 1 to 500.", "Indiquez un nombre de tables de 1 à 500."],
    PlanErrSize => ["Geef 2 tot 50 plaatsen per tafel.", "Give 2 to 50 seats per table.", "Indiquez 2 à 50 places par table."],
    PlanErrRounds => ["Geef 1 tot 20 rondes.", "Give 1 to 20 rounds.", "Indiquez 1 à 20 tours."],
    PlanErrNoTables => ["Zet eerst de tafels op.", "Set up the tables first.", "Préparez d'abord les tables."],
    PlanErrNobody => ["Er is nog niemand bevestigd om te plaatsen.", "Nobody is confirmed yet to seat.", "Personne n'est encore confirmé à placer."],
    PlanErrTooFewSeats => ["Er zijn meer bevestigde deelnemers dan plaatsen per ronde: voeg tafels of plaatsen toe.", "There are more confirmed people than seats per round: add tables or seats.", "Il y a plus de confirmés que de places par tour : ajoutez des tables ou des places."],
    // Table planner: hand edits, locks, the day-of re-plan (issue 10).
    PlanErrEditRound => ["Ronde: deze ronde bestaat niet in de schikking.", "Round: this round is not in the plan.", "Tour : ce tour n'existe pas dans le plan."],
    PlanErrEditPerson => ["Persoon: deze persoon zit niet in die ronde van de schikking (of is niet meer bevestigd).", "Person: this person has no seat in that round of the plan (or is no longer confirmed).", "Personne : cette personne n'a pas de place dans ce tour du plan (ou n'est plus confirmée)."],
    PlanErrEditTable => ["Tafel: deze tafel bestaat niet in de schikking.", "Table: this table is not in the plan.", "Table : cette table n'existe pas dans le plan."],
    PlanErrEditFull => ["Tafel: deze tafel is vol in die ronde. Wissel met iemand in plaats van te verplaatsen.", "Table: this table is full in that round. Swap with someone instead of moving.", "Table : cette table est complète dans ce tour. Échangez avec quelqu'un au lieu de déplacer."],
    PlanErrHeld => ["Rondes al gehouden: geef een getal van 0 tot één minder dan het aantal rondes.", "Rounds already held: give a number from 0 to one less than the number of rounds.", "Tours déjà tenus : indiquez un nombre de 0 au nombre de tours moins un."],
    PlanSelectHint => ["Kies een persoon in de schikking (klik, of Tab en Enter) om die te verplaatsen, te wisselen of vast te zetten.", "Choose a person in the chart (click, or Tab and Enter) to move, swap or lock them.", "Choisissez une personne dans le plan (clic, ou Tab et Entrée) pour la déplacer, l'échanger ou la fixer."],
    PlanSelectionTitle => ["Geselecteerd", "Selected", "Sélection"],
    PlanSelectedMark => ["geselecteerd", "selected", "sélectionné"],
    PlanSelectionHelp => ["In deze ronde: ‘Hierheen’ bij een tafel met een vrije plaats verplaatst deze persoon; ‘Wisselen met’ hieronder ruilt de plaatsen met iemand aan een andere tafel.", "In this round: ‘Move here’ at a table with a free seat moves this person; ‘Swap with’ below swaps seats with someone at another table.", "Dans ce tour : « Ici » à une table avec une place libre déplace cette personne ; « Échanger avec » ci-dessous échange les places avec quelqu'un d'une autre table."],
    PlanSelectionGone => ["Deze plaats staat niet (meer) in de schikking.", "This seat is not in the plan (any more).", "Cette place n'est pas (plus) dans le plan."],
    PlanClearSelection => ["Selectie wissen", "Clear selection", "Effacer la sélection"],
    PlanLock => ["Plaats vastzetten", "Lock this seat", "Fixer cette place"],
    PlanUnlock => ["Niet meer vastzetten", "Unlock this seat", "Libérer cette place"],
    PlanLockedMark => ["vastgezet", "locked", "fixée"],
    PlanLockHint => ["Een vastgezette plaats blijft staan als je opnieuw schikt.", "A locked seat stays where it is when you plan again.", "Une place fixée reste en place quand vous refaites le plan."],
    PlanMoveHere => ["Hierheen", "Move here", "Ici"],
    PlanSwap => ["Wisselen", "Swap", "Échanger"],
    PlanSwapWith => ["Wisselen met", "Swap with", "Échanger avec"],
    PlanMoved => ["Verplaatst:", "Moved:", "Déplacé :"],
    PlanSwapped => ["Gewisseld:", "Swapped:", "Échangé :"],
    PlanLockedNotice => ["Vastgezet:", "Locked:", "Fixé :"],
    PlanUnlockedNotice => ["Niet meer vastgezet:", "Unlocked:", "Libéré :"],
    PlanAnd => ["en", "and", "et"],
    PlanNowAt => ["zit nu aan", "now sits at", "est maintenant à la"],
    PlanInRound => ["in ronde", "in round", "au tour"],
    PlanWarnColleagues => ["Let op: door deze wijziging zitten collega's aan één tafel.", "Careful: with this change colleagues share a table.", "Attention : avec ce changement, des collègues partagent une table."],
    PlanWarnRepeats => ["Let op: door deze wijziging zitten mensen opnieuw samen die elkaar al ontmoetten.", "Careful: with this change people who already met sit together again.", "Attention : avec ce changement, des personnes qui se sont déjà rencontrées sont à nouveau ensemble."],
    PlanAroundLocks => ["De schikking is klaar, rond de vastgezette plaatsen. Vastgezette plaatsen en gewijzigde plaatsen:", "The plan is ready, around the locked seats. Locked seats and seats changed:", "Le plan est prêt, autour des places fixées. Places fixées et places changées :"],
    PlanLockedCount => ["vastgezet", "locked", "fixées"],
    PlanChangedCount => ["gewijzigd", "changed", "changées"],
    PlanRunLocksHint => ["Er zijn vastgezette plaatsen: opnieuw schikken houdt ze en verandert zo weinig mogelijk andere plaatsen.", "There are locked seats: planning again keeps them and changes as few other seats as it can.", "Il y a des places fixées : refaire le plan les garde et change aussi peu d'autres places que possible."],
    PlanReplanTitle => ["Herplannen op de dag zelf", "Re-plan on the day", "Refaire le plan le jour même"],
    PlanReplanHint => ["De rondes die al gehouden zijn blijven zoals ze waren. De resterende rondes worden opnieuw geschikt voor wie aangemeld is aan het onthaal (is nog niemand aangemeld, dan voor alle bevestigde deelnemers), met zo weinig mogelijk wijzigingen. Publiceer daarna opnieuw: alleen wie van tafel verandert, krijgt een mail.", "The rounds already held stay as they were. The remaining rounds are planned again for those checked in at the desk (if nobody is checked in yet, for everyone confirmed), with as few changes as possible. Then publish again: only those whose tables change get a mail.", "Les tours déjà tenus restent tels quels. Les tours restants sont replanifiés pour les personnes enregistrées à l'accueil (si personne ne l'est encore, pour tous les confirmés), avec aussi peu de changements que possible. Publiez ensuite à nouveau : seuls ceux dont la table change reçoivent un mail."],
    PlanArrivedOf => ["aangemeld aan het onthaal, van", "checked in at the desk, of", "enregistrés à l'accueil, sur"],
    PlanFieldHeld => ["Rondes al gehouden", "Rounds already held", "Tours déjà tenus"],
    PlanReplan => ["Resterende rondes herplannen", "Re-plan the remaining rounds", "Replanifier les tours restants"],
    PlanReplanned => ["De resterende rondes zijn opnieuw geschikt. Geplaatst en gewijzigde plaatsen:", "The remaining rounds are planned again. Seated and seats changed:", "Les tours restants sont replanifiés. Placés et places changées :"],
    PlanSeatedCount => ["geplaatst", "seated", "placés"],
    PlanPublishAgain => ["Publiceer opnieuw om de deelnemers hun nieuwe tafels te tonen.", "Publish again to show people their new tables.", "Publiez à nouveau pour montrer aux participants leurs nouvelles tables."],
    CoordEventsTranslations => ["Vertalingen (niet verplicht)", "Translations (optional)", "Traductions (facultatif)"],
    CoordEventsTranslationsHint => ["Engelse en Franse pagina's en mails tonen deze titel en beschrijving; laat een veld leeg en ze tonen de Nederlandse tekst.", "English and French pages and mails show this title and description; leave a field empty and they show the Dutch text.", "Les pages et mails en anglais et en français affichent ce titre et cette description ; un champ vide affiche le texte néerlandais."],
    CoordEventsFieldTitleEn => ["Titel in het Engels", "Title in English", "Titre en anglais"],
    CoordEventsFieldTitleFr => ["Titel in het Frans", "Title in French", "Titre en français"],
    CoordEventsFieldDescriptionEn => ["Beschrijving in het Engels", "Description in English", "Description en anglais"],
    CoordEventsFieldDescriptionFr => ["Beschrijving in het Frans", "Description in French", "Description en français"],
    CoordEventsSave => ["Opslaan", "Save", "Enregistrer"],
    CoordEventsCreate => ["Evenement aanmaken", "Create event", "Créer l'événement"],
    CoordEventsPublish => ["Publiceren", "Publish", "Publier"],
    CoordEventsUnpublish => ["Niet meer publiceren", "Unpublish", "Dépublier"],
    CoordEventsUnpublishConfirm => ["Er zijn al inschrijvingen. Ik begrijp dat de pagina en het inschrijfformulier dan voor iedereen verdwijnen.", "People have registered. I understand the page and the registration form then disappear for everyone.", "Des personnes sont inscrites. Je comprends que la page et le formulaire disparaissent alors pour tous."],
    CoordEventsDuplicate => ["Dupliceren (zelfde als vorig jaar)", "Duplicate (same as last year)", "Dupliquer (comme l'an dernier)"],
    CoordEventsDuplicateHint => ["Een kopie een jaar later, zonder inschrijvingen, nog niet gepubliceerd.", "A copy one year later, without registrations, not yet published.", "Une copie un an plus tard, sans inscriptions, pas encore publiée."],
    CoordEventsPublished => ["Gepubliceerd", "Published", "Publié"],
    CoordEventsDraft => ["Niet gepubliceerd", "Not published", "Non publié"],
    CoordEventsSaved => ["Opgeslagen.", "Saved.", "Enregistré."],
    CoordEventsPublishedNotice => ["Het evenement is gepubliceerd.", "The event is published.", "L'événement est publié."],
    CoordEventsUnpublishedNotice => ["Het evenement is niet meer zichtbaar voor deelnemers.", "The event is no longer visible to attendees.", "L'événement n'est plus visible pour les participants."],
    CoordEventsDuplicatedNotice => ["Dit is de kopie: kijk de data na en publiceer.", "This is the copy: check the dates and publish.", "Voici la copie : vérifiez les dates et publiez."],
    CoordEventsViewPage => ["Pagina bekijken", "View page", "Voir la page"],
    CoordEventsStatus => ["Status", "Status", "Statut"],
    KindWelcome => ["Welkom", "Welcome", "Accueil"],
    KindTalk => ["Uiteenzetting", "Talk", "Exposé"],
    KindPanel => ["Panelgesprek", "Panel", "Panel"],
    KindNetworking => ["Netwerkronde", "Networking round", "Tour de réseautage"],
    KindBreak => ["Pauze", "Break", "Pause"],
    KindClosing => ["Afsluiting", "Closing", "Clôture"],
    KindOther => ["Programma-onderdeel", "Programme item", "Point du programme"],
    ProgErrTitleRequired => ["Geef het programma-onderdeel een titel.", "Give the programme item a title.", "Donnez un titre au point du programme."],
    ProgErrNameRequired => ["Vul de naam van de spreker in.", "Fill in the speaker's name.", "Indiquez le nom de l'orateur."],
    ProgErrEndNotAfterStart => ["Het einde moet na het begin liggen.", "The end must come after the start.", "La fin doit suivre le début."],
    ProgErrOutsideEvent => ["Dit valt buiten de uren van het evenement.", "This falls outside the event's hours.", "Cela tombe en dehors des heures de l'événement."],
    ProgErrRoomTaken => ["Deze zaal is op dat moment al bezet door een ander programma-onderdeel.", "This room is already taken by another programme item at that time.", "Cette salle est déjà occupée par un autre point du programme à ce moment-là."],
    ProgErrSpeakerBusy => ["Deze spreker staat op dat moment al in een ander programma-onderdeel.", "This speaker is already in another programme item at that time.", "Cet orateur participe déjà à un autre point du programme à ce moment-là."],
    ProgErrUnknownSpeaker => ["Kies enkel sprekers van dit evenement.", "Choose speakers of this event only.", "Choisissez uniquement des orateurs de cet événement."],
    AgendaTitle => ["Programma", "Programme", "Programme"],
    AgendaOpen => ["Volledig programma en sprekers", "Full programme and speakers", "Programme complet et orateurs"],
    AgendaEmpty => ["Het programma volgt nog.", "The programme will follow.", "Le programme suivra."],
    AgendaTimesIllustrative => ["De uren in dit voorbeeldprogramma zijn ter illustratie gekozen: het oorspronkelijke verslag vermeldt geen uren.", "The times in this demo programme are illustrative: the original report gives no times.", "Les heures de ce programme de démonstration sont indicatives : le compte rendu d'origine n'en donne pas."],
    AgendaNow => ["Nu bezig", "Now", "En cours"],
    AgendaNext => ["Hierna", "Next", "Ensuite"],
    AgendaSpeakers => ["Sprekers", "Speakers", "Orateurs"],
    AgendaRound => ["Ronde", "Round", "Tour"],
    AgendaRoom => ["Zaal", "Room", "Salle"],
    AgendaCalendar => ["In je agenda", "In your calendar", "Dans votre agenda"],
    AgendaDownloadIcs => ["Programma downloaden (.ics)", "Download the programme (.ics)", "Télécharger le programme (.ics)"],
    AgendaSubscribe => ["Abonneren in je agenda-app", "Subscribe in your calendar app", "S'abonner dans votre application d'agenda"],
    AgendaSubscribeHint => ["Een abonnement houdt je agenda bij als het programma wijzigt.", "A subscription keeps your calendar up to date when the programme changes.", "Un abonnement tient votre agenda à jour quand le programme change."],
    AgendaSessionIcs => ["In agenda", "Add to calendar", "Ajouter à l'agenda"],
    AgendaBackToEvent => ["Terug naar het evenement", "Back to the event", "Retour à l'événement"],
    AgendaTablePending => ["je tafel verschijnt hier zodra de tafelschikking bekend is", "your table appears here once the seating plan is published", "votre table apparaîtra ici dès que le plan de table sera publié"],
    AgendaYourProgramme => ["Het programma", "The programme", "Le programme"],
    MailAgenda => ["Programma", "Programme", "Programme"],
    SpeakerMailLinkSubject => ["Jouw sprekerspagina", "Your speaker page", "Votre page d'orateur"],
    SpeakerMailLinkText => ["Fijn dat je spreekt op ons evenement. Op je persoonlijke sprekerspagina vind je je programma-onderdelen, wie voor en na je spreekt, de praktische info en hoeveel deelnemers er zijn. Je kunt er ook je voorstelling aanpassen.", "Thank you for speaking at our event. Your personal speaker page shows your sessions, who speaks before and after you, the practical information and how many people have registered. You can also edit your bio there.", "Merci d'intervenir lors de notre événement. Votre page personnelle d'orateur présente vos interventions, qui parle avant et après vous, les informations pratiques et le nombre d'inscrits. Vous pouvez aussi y modifier votre présentation."],
    SpeakerMailLinkButton => ["Open je sprekerspagina", "Open your speaker page", "Ouvrir votre page d'orateur"],
    SpeakerMailLinkNote => ["Deze link is persoonlijk: stuur hem niet door. Hij werkt tot enkele dagen na het evenement.", "This link is personal: please do not forward it. It works until a few days after the event.", "Ce lien est personnel : ne le transférez pas. Il fonctionne jusqu'à quelques jours après l'événement."],
    SpeakerMailMovedSubject => ["Je programma-onderdeel is verplaatst", "Your session has moved", "Votre intervention a été déplacée"],
    SpeakerMailMovedText => ["Het uur of de zaal van je programma-onderdeel is gewijzigd. Dit is het nieuwe tijdstip:", "The time or room of your session has changed. This is the new slot:", "L'heure ou la salle de votre intervention a changé. Voici le nouveau créneau :"],
    SpeakerMailMovedNote => ["Je sprekerspagina toont altijd het actuele programma. Past dit niet? Neem contact op met de organisator.", "Your speaker page always shows the current programme. Does this not suit you? Please contact the organiser.", "Votre page d'orateur montre toujours le programme à jour. Cela ne vous convient pas ? Contactez l'organisateur."],
    SpeakerPageTitle => ["Jouw sprekerspagina", "Your speaker page", "Votre page d'orateur"],
    SpeakerYourSessions => ["Jouw programma-onderdelen", "Your sessions", "Vos interventions"],
    SpeakerNoSessions => ["Je staat nog niet op het programma.", "You are not in the programme yet.", "Vous n'êtes pas encore au programme."],
    SpeakerBefore => ["Vóór jou", "Before you", "Avant vous"],
    SpeakerAfter => ["Na jou", "After you", "Après vous"],
    SpeakerOpens => ["Jij opent het programma.", "You open the programme.", "Vous ouvrez le programme."],
    SpeakerCloses => ["Na jou eindigt het programma.", "The programme ends after you.", "Le programme se termine après vous."],
    SpeakerMinutes => ["min.", "min", "min"],
    SpeakerPractical => ["Praktisch", "Practical information", "Informations pratiques"],
    SpeakerAudience => ["Ingeschreven deelnemers", "Registered attendees", "Participants inscrits"],
    SpeakerAudienceTotal => ["Bevestigd in totaal", "Confirmed in total", "Confirmés au total"],
    SpeakerAudienceNone => ["Er is nog niemand ingeschreven.", "Nobody has registered yet.", "Personne n'est encore inscrit."],
    SpeakerProfileTitle => ["Jouw voorstelling op het programma", "Your profile in the programme", "Votre profil dans le programme"],
    SpeakerProfileHint => ["Dit staat op de openbare programmapagina. Je e-mailadres blijft privé.", "This appears on the public programme page. Your e-mail address stays private.", "Ceci figure sur la page publique du programme. Votre adresse e-mail reste privée."],
    SpeakerName => ["Naam", "Name", "Nom"],
    SpeakerRole => ["Functie", "Role", "Fonction"],
    SpeakerBio => ["Korte voorstelling", "Short bio", "Courte présentation"],
    SpeakerPhotoTitle => ["Jouw foto", "Your photo", "Votre photo"],
    SpeakerPhotoHint => ["Niet verplicht: een foto bij je voorstelling op de openbare programmapagina. Een JPEG-, PNG- of WebP-bestand van hoogstens {mb} MB en minstens {min}×{min} pixels. We verkleinen de foto tot hoogstens {side}×{side} pixels en bewaren hem zonder de gegevens die in het bestand zitten (zoals plaats of toestel).", "Optional: a photo with your profile on the public programme page. A JPEG, PNG or WebP file of at most {mb} MB and at least {min}×{min} pixels. We scale it down to at most {side}×{side} pixels and keep it without the data stored in the file (such as place or device).", "Facultatif : une photo avec votre profil sur la page publique du programme. Un fichier JPEG, PNG ou WebP de {mb} Mo au plus et d'au moins {min}×{min} pixels. Nous la réduisons à {side}×{side} pixels au plus et la conservons sans les données contenues dans le fichier (comme le lieu ou l'appareil)."],
    SpeakerPhotoCurrent => ["Je huidige foto", "Your current photo", "Votre photo actuelle"],
    SpeakerPhotoNone => ["Je hebt nog geen foto.", "You have no photo yet.", "Vous n'avez pas encore de photo."],
    SpeakerPhotoFile => ["Foto kiezen", "Choose a photo", "Choisir une photo"],
    SpeakerPhotoUpload => ["Foto opladen", "Upload the photo", "Envoyer la photo"],
    SpeakerPhotoReplace => ["Andere foto opladen", "Upload another photo", "Envoyer une autre photo"],
    SpeakerPhotoRemove => ["Foto verwijderen", "Remove the photo", "Supprimer la photo"],
    SpeakerPhotoRemoveConfirm => ["Ik wil mijn foto verwijderen", "I want to remove my photo", "Je veux supprimer ma photo"],
    SpeakerPhotoSaved => ["Je foto is bewaard.", "Your photo has been saved.", "Votre photo a été enregistrée."],
    SpeakerPhotoRemoved => ["Je foto is verwijderd.", "Your photo has been removed.", "Votre photo a été supprimée."],
    PhotoErrMissing => ["Kies eerst een foto.", "Choose a photo first.", "Choisissez d'abord une photo."],
    PhotoErrTooLarge => ["Dit bestand is te groot: hoogstens {mb} MB.", "This file is too large: {mb} MB at most.", "Ce fichier est trop volumineux : {mb} Mo au plus."],
    PhotoErrNotImage => ["Dit is geen JPEG-, PNG- of WebP-afbeelding, of het bestand is beschadigd.", "This is not a JPEG, PNG or WebP image, or the file is damaged.", "Ce n'est pas une image JPEG, PNG ou WebP, ou le fichier est endommagé."],
    PhotoErrTooSmall => ["Deze foto is te klein: minstens {min}×{min} pixels.", "This photo is too small: at least {min}×{min} pixels.", "Cette photo est trop petite : au moins {min}×{min} pixels."],
    PhotoErrTooManyPixels => ["Deze foto heeft te veel pixels: hoogstens {max}×{max}.", "This photo has too many pixels: {max}×{max} at most.", "Cette photo a trop de pixels : {max}×{max} au plus."],
    PhotoErrConfirmRemove => ["Vink eerst aan dat je je foto wilt verwijderen.", "First tick the box to confirm that you want to remove your photo.", "Cochez d'abord la case pour confirmer que vous voulez supprimer votre photo."],
    ProgErrNoContact => ["Deze spreker heeft geen e-mailadres: vul het eerst in.", "This speaker has no e-mail address: fill it in first.", "Cet orateur n'a pas d'adresse e-mail : indiquez-la d'abord."],
    CoordSpeakerSendLink => ["Link naar sprekerspagina mailen", "Mail the speaker page link", "Envoyer le lien de la page d'orateur"],
    ProgErrInvalidTime => ["Geef een uur als UU:MM, bv. 14:30.", "Give a time as HH:MM, e.g. 14:30.", "Indiquez une heure au format HH:MM, p. ex. 14:30."],
    CoordProgTitle => ["Programma bewerken", "Edit the programme", "Modifier le programme"],
    CoordProgOpen => ["Programma en sprekers", "Programme and speakers", "Programme et orateurs"],
    CoordProgSessions => ["Programma-onderdelen", "Sessions", "Points du programme"],
    CoordProgAddSession => ["Programma-onderdeel toevoegen", "Add a session", "Ajouter un point du programme"],
    CoordProgEdit => ["Bewerken", "Edit", "Modifier"],
    CoordProgSave => ["Bewaren", "Save", "Enregistrer"],
    CoordProgDelete => ["Verwijderen", "Delete", "Supprimer"],
    CoordProgDeleteConfirm => ["Ik wil dit definitief verwijderen", "I want to delete this for good", "Je veux supprimer ceci définitivement"],
    CoordProgFieldTitle => ["Titel", "Title", "Titre"],
    CoordProgFieldDescription => ["Beschrijving", "Description", "Description"],
    CoordProgFieldKind => ["Soort", "Kind", "Type"],
    CoordProgFieldStart => ["Begint om (UU:MM)", "Starts at (HH:MM)", "Commence à (HH:MM)"],
    CoordProgFieldEnd => ["Eindigt om (UU:MM)", "Ends at (HH:MM)", "Se termine à (HH:MM)"],
    CoordProgFieldSpeaker => ["Spreker", "Speaker", "Orateur"],
    CoordProgNoSpeaker => ["— geen —", "— none —", "— aucun —"],
    CoordProgAddSpeaker => ["Spreker toevoegen", "Add a speaker", "Ajouter un orateur"],
    CoordProgFieldContact => ["E-mailadres (privé, voor de sprekerslink)", "E-mail address (private, for the speaker link)", "Adresse e-mail (privée, pour le lien d'orateur)"],
    CoordProgSaved => ["Het programma is bijgewerkt.", "The programme has been updated.", "Le programme a été mis à jour."],
    CoordProgDeleted => ["Verwijderd.", "Deleted.", "Supprimé."],
    CoordProgTimesHint => ["Uren in Brusselse tijd, op de dag van het evenement. Een sessie verplaatsen = haar uren wijzigen; haar sprekers krijgen dan een mail.", "Times in Brussels time, on the day of the event. To move a session, change its times; its speakers then get a mail.", "Heures de Bruxelles, le jour de l'événement. Pour déplacer un point, changez ses heures ; ses orateurs reçoivent alors un e-mail."],
    CoordProgMailLang => ["Taal van de mail", "Language of the mail", "Langue de l'e-mail"],
    ProgNoticeSubject => ["Het programma is gewijzigd", "The programme has changed", "Le programme a changé"],
    ProgNoticeText => ["Het programma van het evenement waarvoor je bent ingeschreven is gewijzigd. Dit is de nieuwe volgorde:", "The programme of the event you registered for has changed. This is the new running order:", "Le programme de l'événement auquel vous êtes inscrit a changé. Voici le nouveau déroulement :"],
    ProgNoticeNote => ["Je inschrijving blijft gewoon geldig.", "Your registration stays valid.", "Votre inscription reste valable."],
    CoordProgNotifyTitle => ["Deelnemers verwittigen", "Notify attendees", "Prévenir les participants"],
    CoordProgNotifyIntro => ["Na een wijziging kun je alle bevestigde deelnemers deze mail sturen (elk in hun taal). Voorbeeld:", "After a change you can send all confirmed attendees this mail (each in their language). Preview:", "Après un changement, vous pouvez envoyer ce mail à tous les participants confirmés (chacun dans sa langue). Aperçu :"],
    CoordProgNotifyCount => ["Bevestigde deelnemers", "Confirmed attendees", "Participants confirmés"],
    CoordProgNotifyConfirm => ["Ik wil deze mail nu naar alle bevestigde deelnemers sturen", "I want to send this mail to all confirmed attendees now", "Je veux envoyer ce mail à tous les participants confirmés maintenant"],
    CoordProgNotifySend => ["Mail versturen", "Send the mail", "Envoyer le mail"],
    CoordProgNotified => ["De mail staat klaar voor alle bevestigde deelnemers.", "The mail is queued for every confirmed attendee.", "Le mail est prêt pour tous les participants confirmés."],
    CoordSpeakerLinkSent => ["De link is gemaild.", "The link has been mailed.", "Le lien a été envoyé."],
    ShareTitle => ["Contactgegevens delen", "Sharing contact details", "Partage des coordonnées"],
    ShareAnyTime => ["Dit kun je altijd wijzigen, ook nu je inschrijving zelf niet meer aan te passen is.", "You can change this at any time, even now that your registration itself can no longer be changed.", "Vous pouvez modifier ceci à tout moment, même si votre inscription elle-même ne peut plus être modifiée."],
    ShareContact => ["Na het evenement mogen de mensen aan mijn tafels mijn naam, organisatie en e-mailadres krijgen (niet verplicht).", "After the event, the people at my tables may receive my name, organisation and e-mail address (optional).", "Après l'événement, les personnes à mes tables peuvent recevoir mes nom, organisation et adresse e-mail (facultatif)."],
    FollowupMailSubject => ["Je tafelgenoten", "Your tablemates", "Vos voisins de table"],
    FollowupMailIntro => ["Bedankt om erbij te zijn op", "Thank you for joining us at", "Merci d'avoir participé à"],
    FollowupMailContacts => ["Deze mensen zaten met jou aan tafel en gaven toestemming om hun gegevens te delen:", "These people sat at a table with you and agreed to share their details:", "Ces personnes étaient à table avec vous et ont accepté de partager leurs coordonnées :"],
    FollowupMailNoContacts => ["Niemand aan je tafels gaf toestemming om zijn gegevens te delen.", "Nobody at your tables agreed to share their details.", "Personne à vos tables n'a accepté de partager ses coordonnées."],
    FollowupMailQuestion => ["Heb je gevonden wat je zocht? Laat het ons weten, per onderwerp: ja, gedeeltelijk of nee.", "Did you find what you were looking for? Let us know per topic: yes, partly or no.", "Avez-vous trouvé ce que vous cherchiez ? Dites-le-nous par sujet : oui, en partie ou non."],
    FollowupMailButton => ["Antwoorden", "Answer", "Répondre"],
    FollowupMailNote => ["Je ziet enkel wie bij de inschrijving toestemming gaf.", "Only people who agreed when registering are listed.", "Seules les personnes qui l'ont accepté à l'inscription sont mentionnées."],
    FollowupMailLinkNote => ["Deze link is persoonlijk: stuur hem niet door.", "This link is personal: please do not forward it.", "Ce lien est personnel : ne le transférez pas."],
    FollowupMailBye => ["Tot een volgende keer!", "Until next time!", "À une prochaine fois !"],
    FollowupPageTitle => ["Heb je gevonden wat je zocht?", "Did you find what you were looking for?", "Avez-vous trouvé ce que vous cherchiez ?"],
    FollowupPageIntro => ["Per onderwerp dat je zocht: vond je het aan de tafels?", "For each topic you were looking for: did you find it at the tables?", "Pour chaque sujet que vous cherchiez : l'avez-vous trouvé aux tables ?"],
    FollowupYes => ["Ja", "Yes", "Oui"],
    FollowupPartly => ["Gedeeltelijk", "Partly", "En partie"],
    FollowupNo => ["Nee", "No", "Non"],
    FollowupSave => ["Antwoord versturen", "Send my answer", "Envoyer ma réponse"],
    FollowupThanks => ["Bedankt voor je antwoord! Je kunt het hieronder nog aanpassen.", "Thank you for your answer! You can still change it below.", "Merci pour votre réponse ! Vous pouvez encore la modifier ci-dessous."],
    FollowupNoNeeds => ["Je koos bij je inschrijving geen onderwerpen die je zocht, dus er is niets te beantwoorden. Bedankt om erbij te zijn!", "You chose no topics you were looking for when registering, so there is nothing to answer. Thank you for joining us!", "Vous n'avez choisi aucun sujet recherché à l'inscription : il n'y a rien à répondre. Merci d'avoir participé !"],
    FollowupErrNone => ["Kies bij minstens één onderwerp ja, gedeeltelijk of nee.", "Choose yes, partly or no for at least one topic.", "Choisissez oui, en partie ou non pour au moins un sujet."],
    CoordFollowupTitle => ["Opvolging na het evenement", "Follow-up after the event", "Suivi après l'événement"],
    CoordFollowupIntro => ["Eén mail per deelnemer die aan een tafel zat (gepubliceerd plan; wie incheckte, als er ingecheckt werd): de tafelgenoten die hun gegevens delen, en de vraag of ze vonden wat ze zochten. Niemand krijgt hem twee keer.", "One mail per attendee who sat at a table (published plan; those checked in, if anyone was): the tablemates who share their details, and whether they found what they looked for. Nobody gets it twice.", "Un mail par participant assis à une table (plan publié ; les présents enregistrés, s'il y en a) : ses voisins de table qui partagent leurs coordonnées, et s'il a trouvé ce qu'il cherchait. Personne ne le reçoit deux fois."],
    CoordFollowupNotEnded => ["Let op: het evenement is nog niet afgelopen.", "Note: the event has not ended yet.", "Attention : l'événement n'est pas encore terminé."],
    CoordFollowupKept => ["De persoonsgegevens van dit evenement zijn gewist. Wat hier staat, zijn de anonieme tellingen die toen bewaard bleven. Gewist op", "The personal data of this event has been purged. What you see here are the anonymous counts kept at that moment. Purged on", "Les données personnelles de cet événement ont été effacées. Ce qui figure ici, ce sont les comptages anonymes conservés à ce moment. Effacées le"],
    CameraTitle => ["Scannen met de camera", "Scan with the camera", "Scanner avec la caméra"],
    CameraHint => ["Houd de QR-code uit de bevestigingsmail voor de camera: de persoon opent met één knop om in te checken.", "Hold the QR code from the confirmation mail in front of the camera: the person opens with one button to check in.", "Présentez le code QR de l'e-mail de confirmation à la caméra : la personne s'ouvre avec un bouton pour l'enregistrer."],
    CameraStart => ["Camera starten", "Start the camera", "Démarrer la caméra"],
    CameraStop => ["Camera stoppen", "Stop the camera", "Arrêter la caméra"],
    CameraLooking => ["De camera zoekt een QR-code…", "The camera is looking for a QR code…", "La caméra cherche un code QR…"],
    CameraForeign => ["Deze QR-code is geen incheckcode van dit evenement. De camera zoekt verder.", "This QR code is not a check-in code of this event. The camera keeps looking.", "Ce code QR n'est pas un code d'accueil de cet événement. La caméra continue de chercher."],
    CameraNoCamera => ["Geen camera beschikbaar, of geen toestemming. Zoek op naam, of open de code met de camera-app van je telefoon.", "No camera available, or no permission. Search by name, or open the code with your phone's camera app.", "Pas de caméra disponible, ou pas d'autorisation. Cherchez par nom, ou ouvrez le code avec l'appareil photo de votre téléphone."],
    CoordFollowupNoPlan => ["Er is geen gepubliceerd tafelplan: niemand zat aan een tafel.", "There is no published seating plan: nobody sat at a table.", "Il n'y a pas de plan de table publié : personne n'était à table."],
    CoordFollowupSeated => ["Aan een tafel", "Seated at a table", "Assis à une table"],
    CoordFollowupSent => ["Mail al verstuurd", "Mail already sent", "Mail déjà envoyé"],
    CoordFollowupToSend => ["Nog te mailen", "Still to mail", "Encore à envoyer"],
    CoordFollowupPreview => ["Voorbeeld: de mail aan", "Preview: the mail to", "Aperçu : le mail à"],
    CoordFollowupConfirm => ["Ik wil de opvolgingsmail nu versturen", "I want to send the follow-up mail now", "Je veux envoyer le mail de suivi maintenant"],
    CoordFollowupSend => ["Opvolgingsmail versturen", "Send the follow-up mail", "Envoyer le mail de suivi"],
    CoordFollowupQueued => ["De opvolgingsmails staan klaar om te vertrekken.", "The follow-up mails are queued.", "Les mails de suivi sont en file d'attente."],
    CoordFollowupAnswers => ["Antwoorden: vonden ze wat ze zochten?", "Answers: did they find what they were looking for?", "Réponses : ont-ils trouvé ce qu'ils cherchaient ?"],
    CoordFollowupResponse => ["Antwoorden ontvangen", "Answers received", "Réponses reçues"],
    CoordFollowupTopic => ["Onderwerp", "Topic", "Sujet"],
    CoordFollowupPredicted => ["Voorspeld: zat bij iemand die het aanbiedt", "Predicted: sat with someone offering it", "Prévu : à table avec quelqu'un qui l'offre"],
    CoordFollowupPlanFigure => ["Tafelplan: noden naast een aanbod (persoon × ronde)", "Seating plan: needs next to an offer (person × round)", "Plan de table : besoins à côté d'une offre (personne × tournée)"],
    CoordFollowupNoAnswers => ["Nog geen antwoorden.", "No answers yet.", "Pas encore de réponses."],
    FollowupLinkInvalid => ["Deze link werkt niet. Gebruik de link uit de opvolgingsmail na het evenement, volledig gekopieerd.", "This link does not work. Use the link from the follow-up mail after the event, copied in full.", "Ce lien ne fonctionne pas. Utilisez le lien de l'e-mail de suivi après l'événement, copié en entier."],
    CoordRegShares => ["Deelt contactgegevens met tafelgenoten", "Shares contact details with tablemates", "Partage ses coordonnées avec ses voisins de table"],
    CoordRegSharesShort => ["deelt gegevens", "shares details", "partage ses coordonnées"],
    FollowupLinkExpired => ["Deze link is verlopen: de gegevens van dit evenement worden niet langer bewaard.", "This link has expired: the data of this event are no longer kept.", "Ce lien a expiré : les données de cet événement ne sont plus conservées."],
    // The day of the event: check-in QR code, walk-ins, badges and schedules (issue 10).
    QrAlt => ["QR-code voor het onthaal", "QR code for the check-in desk", "Code QR pour l'accueil"],
    MailQrHtml => ["Op de dag zelf: toon deze QR-code aan het onthaal, dan ben je meteen ingecheckt.", "On the day: show this QR code at the check-in desk and you are checked in at once.", "Le jour même : montrez ce code QR à l'accueil et votre arrivée est enregistrée tout de suite."],
    MailQrText => ["Op de dag zelf: toon deze mail aan het onthaal. De QR-code staat in de HTML-versie van deze mail en op je persoonlijke pagina; het onthaal vindt je ook op naam.", "On the day: show this mail at the check-in desk. The QR code is in the HTML version of this mail and on your personal page; the desk can also find you by name.", "Le jour même : montrez ce mail à l'accueil. Le code QR se trouve dans la version HTML de ce mail et sur votre page personnelle ; l'accueil peut aussi vous trouver par votre nom."],
    ManageQrTitle => ["Je QR-code voor het onthaal", "Your QR code for the check-in desk", "Votre code QR pour l'accueil"],
    ManageQrHint => ["Toon deze code op de dag zelf aan het onthaal: zo ben je meteen ingecheckt.", "Show this code at the check-in desk on the day: you are checked in at once.", "Montrez ce code à l'accueil le jour même : votre arrivée est enregistrée tout de suite."],
    ScanTitle => ["Inchecken", "Check in", "Enregistrer l'arrivée"],
    ScanButton => ["Inchecken", "Check in", "Enregistrer l'arrivée"],
    ScanDone => ["Ingecheckt. Welkom!", "Checked in. Welcome!", "Arrivée enregistrée. Bienvenue !"],
    ScanAlready => ["Al ingecheckt om", "Already checked in at", "Déjà enregistré à"],
    ScanNotConfirmed => ["Deze inschrijving is niet bevestigd (wachtlijst of geannuleerd): inchecken kan niet. Schrijf de persoon eventueel in als nieuwe deelnemer aan het onthaal.", "This registration is not confirmed (wait list or cancelled): it cannot be checked in. Register the person as a walk-in at the desk if needed.", "Cette inscription n'est pas confirmée (liste d'attente ou annulée) : l'arrivée ne peut pas être enregistrée. Inscrivez la personne sur place à l'accueil si nécessaire."],
    ScanUnknownTitle => ["Onbekende QR-code", "Unknown QR code", "Code QR inconnu"],
    ScanUnknown => ["Deze QR-code hoort bij geen inschrijving voor dit evenement. Zoek de persoon op naam aan het onthaal.", "This QR code belongs to no registration for this event. Look the person up by name at the desk.", "Ce code QR ne correspond à aucune inscription pour cet événement. Cherchez la personne par son nom à l'accueil."],
    ScanToDesk => ["Naar het onthaal", "To the check-in desk", "Vers l'accueil"],
    ScanNoTables => ["Nog geen tafels gepubliceerd.", "No tables published yet.", "Pas encore de tables publiées."],
    WalkInTitle => ["Nieuwe deelnemer ter plaatse", "Walk-in registration", "Inscription sur place"],
    WalkInHint => ["Voor wie zonder inschrijving komt: de persoon is meteen bevestigd en ingecheckt, telt mee bij het herplannen en krijgt de gewone bevestigingsmail. Vraag eerst of de gegevens voor dit evenement gebruikt mogen worden.", "For someone who comes without a registration: they are confirmed and checked in at once, count in the re-plan and get the usual confirmation mail. Ask first whether their details may be used for this event.", "Pour qui vient sans inscription : la personne est confirmée et enregistrée tout de suite, compte dans la replanification et reçoit le mail de confirmation habituel. Demandez d'abord si ses données peuvent être utilisées pour cet événement."],
    WalkInFull => ["Het evenement is volzet: wie je nu inschrijft, komt er boven de capaciteit bij.", "The event is full: whoever you register now comes on top of its capacity.", "L'événement est complet : la personne inscrite maintenant s'ajoute au-delà de la capacité."],
    WalkInSave => ["Inschrijven en inchecken", "Register and check in", "Inscrire et enregistrer l'arrivée"],
    WalkInDone => ["Ingeschreven en ingecheckt; de bevestigingsmail is onderweg.", "Registered and checked in; the confirmation mail is on its way.", "Inscrit et arrivée enregistrée ; le mail de confirmation est en route."],
    WalkInOver => ["Let op: het evenement zit nu boven zijn capaciteit.", "Note: the event is now over its capacity.", "Attention : l'événement dépasse maintenant sa capacité."],
    WalkInErrKnown => ["Dit adres is al ingeschreven voor dit evenement: zoek de persoon op naam.", "This address is already registered for this event: look the person up by name.", "Cette adresse est déjà inscrite à cet événement : cherchez la personne par son nom."],
    PrintBadgesTitle => ["Naambadges", "Name badges", "Badges nominatifs"],
    PrintSchedulesTitle => ["Persoonlijke programma's", "Personal schedules", "Programmes personnels"],
    PrintBadgesLink => ["Naambadges afdrukken", "Print name badges", "Imprimer les badges"],
    PrintSchedulesLink => ["Persoonlijke programma's afdrukken", "Print personal schedules", "Imprimer les programmes personnels"],
    PrintHint => ["Eén A6-pagina per bevestigde deelnemer. Druk af met je browser (A6, of A4 en knippen).", "One A6 page per confirmed person. Print with your browser (A6, or A4 and cut).", "Une page A6 par personne confirmée. Imprimez avec votre navigateur (A6, ou A4 et découpez)."],
    PrintNobody => ["Nog niemand bevestigd.", "Nobody confirmed yet.", "Personne n'est encore confirmé."],
    PrintNotPublished => ["Nog geen schikking gepubliceerd: de tafels ontbreken nog.", "No plan published yet: the tables are missing.", "Pas encore de plan publié : les tables manquent."],
    // Table planner: tables one by one, hosts, people left out, drag and drop (issue 10).
    PlanTablesTitle => ["Tafels één voor één", "Tables one by one", "Tables une par une"],
    PlanTablesHint => ["Geef elke tafel een naam of nummer, een aantal plaatsen, eventueel een minimum, een host (die zit elke ronde aan deze tafel) en een thema (in de schikking en op de tafelkaarten).", "Give each table a name or number, a number of seats, optionally a minimum, a host (who sits at this table in every round) and a theme (in the chart and on the table cards).", "Donnez à chaque table un nom ou un numéro, un nombre de places, éventuellement un minimum, un hôte (assis à cette table à chaque tour) et un thème (dans le plan et sur les cartes de table)."],
    PlanColName => ["Naam", "Name", "Nom"],
    PlanColSeats => ["Plaatsen", "Seats", "Places"],
    PlanColMin => ["Minimum", "Minimum", "Minimum"],
    PlanColHost => ["Host", "Host", "Hôte"],
    PlanColTheme => ["Thema", "Theme", "Thème"],
    PlanEditTable => ["Bewerken", "Edit", "Modifier"],
    PlanEditTableTitle => ["Tafel bewerken", "Edit table", "Modifier la table"],
    PlanAddTableTitle => ["Tafel toevoegen", "Add a table", "Ajouter une table"],
    PlanFieldTableName => ["Naam of nummer", "Name or number", "Nom ou numéro"],
    PlanFieldCapacity => ["Aantal plaatsen", "Number of seats", "Nombre de places"],
    PlanFieldMinSize => ["Minimum aan tafel (leeg: geen)", "Minimum at the table (empty: none)", "Minimum à table (vide : aucun)"],
    PlanFieldHost => ["Host (zit elke ronde aan deze tafel)", "Host (sits at this table in every round)", "Hôte (assis à cette table à chaque tour)"],
    PlanFieldTheme => ["Thema (niet verplicht)", "Theme (optional)", "Thème (facultatif)"],
    PlanNoHost => ["— geen host —", "— no host —", "— pas d'hôte —"],
    PlanTableConfirm => ["Ik weet dat een nieuwe tafel, naam, grootte of minimum de huidige tafelschikking wist.", "I know that a new table, name, size or minimum discards the current plan.", "Je sais qu'une nouvelle table, un nouveau nom, une nouvelle taille ou un nouveau minimum efface le plan actuel."],
    PlanTableKeepsPlan => ["Een host of thema wijzigen houdt de schikking; een nieuwe host zit aan zijn tafel vanaf de volgende schikking.", "Changing a host or theme keeps the plan; a new host sits at their table from the next plan.", "Changer un hôte ou un thème garde le plan ; un nouvel hôte est à sa table à partir du prochain plan."],
    PlanSaveTable => ["Tafel opslaan", "Save table", "Enregistrer la table"],
    PlanAddTable => ["Tafel toevoegen", "Add table", "Ajouter la table"],
    PlanRemoveTable => ["Tafel verwijderen", "Remove table", "Supprimer la table"],
    PlanRemoveConfirm => ["Ik weet dat verwijderen de huidige tafelschikking wist.", "I know that removing discards the current plan.", "Je sais que supprimer efface le plan actuel."],
    PlanCancelEdit => ["Annuleren", "Cancel", "Annuler"],
    PlanTableSaved => ["De tafel is opgeslagen.", "The table has been saved.", "La table a été enregistrée."],
    PlanTableRemoved => ["De tafel is verwijderd.", "The table has been removed.", "La table a été supprimée."],
    PlanErrTableName => ["Geef een naam of nummer van 1 tot 40 tekens.", "Give a name or number of 1 to 40 characters.", "Indiquez un nom ou un numéro de 1 à 40 caractères."],
    PlanErrTableNameTaken => ["Er is al een tafel met deze naam.", "There is already a table with this name.", "Il y a déjà une table de ce nom."],
    PlanErrMinSize => ["Geef een minimum van 0 tot 50, of laat het leeg.", "Give a minimum from 0 to 50, or leave it empty.", "Indiquez un minimum de 0 à 50, ou laissez vide."],
    PlanErrMinAboveCapacity => ["Het minimum is groter dan het aantal plaatsen.", "The minimum is larger than the number of seats.", "Le minimum dépasse le nombre de places."],
    PlanErrHost => ["Kies als host een bevestigde deelnemer van dit evenement die aan tafel zit.", "Choose as host a confirmed person of this event who takes part in the tables.", "Choisissez comme hôte un participant confirmé de cet événement qui est à table."],
    PlanErrHostTaken => ["Deze persoon is al host van een andere tafel.", "This person already hosts another table.", "Cette personne est déjà l'hôte d'une autre table."],
    PlanErrTheme => ["Een thema heeft hoogstens 80 tekens.", "A theme has at most 80 characters.", "Un thème a au plus 80 caractères."],
    PlanErrMinimums => ["De minimums van de tafels vragen meer mensen dan er te plaatsen zijn: verlaag een minimum.", "The tables' minimums need more people than there are to seat: lower a minimum.", "Les minimums des tables demandent plus de personnes qu'il n'y en a à placer : baissez un minimum."],
    PlanErrEditHost => ["Een host blijft aan zijn tafel. Kies eerst een andere host voor die tafel.", "A host stays at their table. Choose another host for that table first.", "Un hôte reste à sa table. Choisissez d'abord un autre hôte pour cette table."],
    PlanErrJobRunning => ["Er loopt al een schikking voor dit evenement. Wacht tot ze klaar is.", "A plan is already being made for this event. Wait until it is ready.", "Un plan est déjà en cours pour cet événement. Attendez qu'il soit prêt."],
    PlanErrJobLost => ["De schikking is onderbroken (de server is herstart). Start ze opnieuw.", "Planning was interrupted (the server restarted). Start it again.", "Le placement a été interrompu (le serveur a redémarré). Relancez-le."],
    PlanJobBudget => ["Tijdsbudget", "Time budget", "Budget de temps"],
    PlanJobElapsed => ["verstreken", "elapsed", "écoulé"],
    PlanJobRefresh => ["Toon de voortgang of het resultaat", "Show the progress or the result", "Afficher la progression ou le résultat"],
    PlanErrLeaveOutHost => ["Deze persoon is host van een tafel: kies eerst een andere host.", "This person hosts a table: choose another host first.", "Cette personne est l'hôte d'une table : choisissez d'abord un autre hôte."],
    PlanHostMark => ["host", "host", "hôte"],
    PlanThemeLabel => ["Thema:", "Theme:", "Thème :"],
    PlanLeftOutTitle => ["Niet aan tafel", "Not at the tables", "Pas à table"],
    PlanLeftOutHint => ["Wie hier staat, is bevestigd maar neemt niet deel aan de netwerkrondes en komt in geen enkele ronde in de schikking.", "People listed here are confirmed but do not take part in the networking rounds and are in no round of the plan.", "Les personnes listées ici sont confirmées mais ne participent pas aux tours de réseautage et ne sont dans aucun tour du plan."],
    PlanLeftOutNone => ["Iedereen die bevestigd is, zit aan tafel.", "Everyone confirmed takes part in the tables.", "Tous les confirmés sont à table."],
    PlanFieldLeaveOut => ["Persoon", "Person", "Personne"],
    PlanLeaveOut => ["Niet aan tafel zetten", "Leave out of the tables", "Retirer des tables"],
    PlanBackIn => ["Toch aan tafel", "Back to the tables", "Remettre à table"],
    PlanLeftOutNotice => ["Niet meer aan tafel; de schikking is bijgewerkt.", "No longer at the tables; the plan is updated.", "Plus à table ; le plan est mis à jour."],
    PlanBackInNotice => ["Weer aan tafel: schik opnieuw om deze persoon een plaats te geven.", "Back at the tables: plan again to give this person a seat.", "De retour à table : refaites le plan pour lui donner une place."],
    PlanDragHint => ["Met de muis kun je ook iemand naar een andere tafel slepen (verplaatsen) of op iemand anders (wisselen), in dezelfde ronde.", "With the mouse you can also drag someone onto another table (move) or onto someone else (swap), in the same round.", "À la souris, vous pouvez aussi glisser quelqu'un sur une autre table (déplacer) ou sur une autre personne (échanger), dans le même tour."],
    CoordPhotoTitle => ["Foto", "Photo", "Photo"],
    CoordPhotoHint => ["Een JPEG-, PNG- of WebP-bestand van hoogstens {mb} MB en minstens {min}×{min} pixels; verkleind tot hoogstens {side}×{side} pixels en bewaard zonder de gegevens in het bestand. De spreker kan de foto ook zelf veranderen via de persoonlijke link.", "A JPEG, PNG or WebP file of at most {mb} MB and at least {min}×{min} pixels; scaled down to at most {side}×{side} pixels and kept without the data in the file. The speaker can also change it through their personal link.", "Un fichier JPEG, PNG ou WebP de {mb} Mo au plus et d'au moins {min}×{min} pixels ; réduit à {side}×{side} pixels au plus et conservé sans les données du fichier. L'orateur peut aussi la changer via son lien personnel."],
    CoordPhotoNone => ["Nog geen foto.", "No photo yet.", "Pas encore de photo."],
    CoordPhotoSaved => ["De foto is bewaard.", "The photo has been saved.", "La photo a été enregistrée."],
    CoordPhotoRemoved => ["De foto is verwijderd.", "The photo has been removed.", "La photo a été supprimée."],
    CoordPhotoRemoveConfirm => ["Ja, deze foto verwijderen", "Yes, remove this photo", "Oui, supprimer cette photo"],
}

const MONTHS: [[&str; 12]; 3] = [
    [
        "januari",
        "februari",
        "maart",
        "april",
        "mei",
        "juni",
        "juli",
        "augustus",
        "september",
        "oktober",
        "november",
        "december",
    ],
    [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ],
    [
        "janvier",
        "février",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "août",
        "septembre",
        "octobre",
        "novembre",
        "décembre",
    ],
];
const WEEKDAYS: [[&str; 7]; 3] = [
    [
        "maandag",
        "dinsdag",
        "woensdag",
        "donderdag",
        "vrijdag",
        "zaterdag",
        "zondag",
    ],
    [
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
    ],
    [
        "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche",
    ],
];

fn lang_index(lang: Lang) -> usize {
    match lang {
        Lang::Nl => 0,
        Lang::En => 1,
        Lang::Fr => 2,
    }
}

/// Formats a UTC instant as a Brussels-local date, e.g. "donderdag 1 december 2026".
pub fn format_date(lang: Lang, at: chrono::DateTime<chrono::Utc>) -> String {
    use chrono::Datelike;
    let local = at.with_timezone(&chrono_tz::Europe::Brussels);
    let i = lang_index(lang);
    let wd = WEEKDAYS[i][local.weekday().num_days_from_monday() as usize];
    let month = MONTHS[i][local.month0() as usize];
    match lang {
        Lang::En => format!("{wd} {} {month} {}", local.day(), local.year()),
        _ => format!("{wd} {} {month} {}", local.day(), local.year()),
    }
}

/// Brussels-local clock time, "14:30".
pub fn format_time(at: chrono::DateTime<chrono::Utc>) -> String {
    at.with_timezone(&chrono_tz::Europe::Brussels)
        .format("%H:%M")
        .to_string()
}

/// "donderdag 1 december 2026, 13:30–17:00" (the end date is added when it differs).
pub fn format_span(
    lang: Lang,
    start: chrono::DateTime<chrono::Utc>,
    end: chrono::DateTime<chrono::Utc>,
) -> String {
    let tz = chrono_tz::Europe::Brussels;
    if start.with_timezone(&tz).date_naive() == end.with_timezone(&tz).date_naive() {
        format!(
            "{}, {}–{}",
            format_date(lang, start),
            format_time(start),
            format_time(end)
        )
    } else {
        format!(
            "{}, {} – {}, {}",
            format_date(lang, start),
            format_time(start),
            format_date(lang, end),
            format_time(end)
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn every_key_serialises_as_its_name_and_back() {
        assert_eq!(T::ALL.len(), T::NAMES.len());
        assert_eq!(T::ALL.len(), T::TEXTS.len());
        for (i, key) in T::ALL.iter().enumerate() {
            assert_eq!(*key as usize, i);
            let json = serde_json::to_string(key).unwrap();
            assert_eq!(json, format!("\"{}\"", T::NAMES[i]));
            assert_eq!(serde_json::from_str::<T>(&json).unwrap(), *key);
            assert_eq!(format!("{key:?}"), T::NAMES[i]);
        }
        assert_eq!(T::PlanErrNoPlan.name(), "PlanErrNoPlan");
        assert_eq!(
            T::Tagline.get(Lang::En),
            "Who searches, finds: networking at the table"
        );
        assert!(serde_json::from_str::<T>("\"NoSuchKey\"").is_err());
    }

    #[test]
    fn cookie_header_picks_language() {
        for (header, want) in [
            ("lang=en", Lang::En),
            ("a=b; lang=fr", Lang::Fr),
            ("lang=xx", Lang::Nl),
            ("", Lang::Nl),
            ("xlang=en", Lang::Nl),
        ] {
            assert_eq!(Lang::from_cookie_header(header), want, "{header}");
        }
    }

    #[test]
    fn browser_language_counts_until_a_choice_is_made() {
        for (cookie, accept, want) in [
            (None, Some("fr-BE,fr;q=0.9,en;q=0.8"), Lang::Fr),
            (None, Some("en-US,en;q=0.9"), Lang::En),
            (None, Some("de-DE,de;q=0.9,en;q=0.5,fr;q=0.4"), Lang::En),
            (None, Some("de, es"), Lang::Nl),
            (None, Some("nl-NL"), Lang::Nl),
            (None, Some("fr;q=0.2, en;q=0.7"), Lang::En),
            (None, Some("fr;q=0, en;q=0.1"), Lang::En),
            (None, Some("*"), Lang::Nl),
            (None, None, Lang::Nl),
            (Some("lang=nl"), Some("fr-BE"), Lang::Nl),
            (Some("a=b; lang=en"), Some("fr-BE"), Lang::En),
            (Some("lang=xx"), Some("fr-BE"), Lang::Fr),
        ] {
            assert_eq!(
                Lang::negotiate(cookie, accept),
                want,
                "{cookie:?} {accept:?}"
            );
        }
    }

    #[test]
    fn brussels_time_is_dst_safe() {
        // Winter: UTC+1. Summer: UTC+2. The day DST ends (2026-10-25) has two 02:30s.
        let winter = chrono::Utc
            .with_ymd_and_hms(2026, 12, 1, 12, 30, 0)
            .unwrap();
        let summer = chrono::Utc.with_ymd_and_hms(2026, 7, 1, 12, 30, 0).unwrap();
        assert_eq!(format_time(winter), "13:30");
        assert_eq!(format_time(summer), "14:30");
        assert_eq!(format_date(Lang::Nl, winter), "dinsdag 1 december 2026");
        let before = chrono::Utc
            .with_ymd_and_hms(2026, 10, 25, 0, 30, 0)
            .unwrap();
        let after = chrono::Utc
            .with_ymd_and_hms(2026, 10, 25, 1, 30, 0)
            .unwrap();
        assert_eq!(format_time(before), "02:30");
        assert_eq!(format_time(after), "02:30");
    }
}
