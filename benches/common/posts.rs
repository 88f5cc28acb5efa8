//! Generates realistic Hootsuite bulk files for the benchmarks: a commune's
//! posts (events, roadworks, services, alerts), most of them clean, some
//! with the usual problems (too many hashtags, a misspelt official hashtag,
//! a shortened link, capitals, a missing link, posts too long, quotes and
//! commas that need CSV quoting). Deterministic: the same count gives the
//! same file.

use std::io::{self, Write};

/// The account configuration the generated posts are written for.
pub const CONFIG: &str = "\
lang: fr
account:
  name: \"Ville d’Exemple\"
  handle: \"@VilleExemple\"
  hashtags: [\"#VilleExemple\"]
  website: \"https://www.ville-exemple.fr\"
platforms: [x]
";

const PLACES: &[&str] = &[
    "place de la Mairie",
    "gymnase Pierre-de-Coubertin",
    "médiathèque",
    "salle des fêtes",
    "parc des Tilleuls",
    "marché couvert",
    "école Jules-Ferry",
];

const EVENTS: &[&str] = &[
    "Marché de Noël",
    "Fête de la musique",
    "Forum des associations",
    "Collecte des encombrants",
    "Vaccination contre la grippe",
    "Atelier numérique pour les seniors",
    "Conseil municipal",
    "Réunion publique sur le PLU",
];

const MONTHS: &[&str] = &[
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "septembre",
    "octobre",
];

/// A small deterministic generator (64-bit LCG), enough to vary posts.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        usize::try_from(self.0 >> 33).unwrap_or(0)
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.next() % items.len()]
    }
}

/// Writes `count` Hootsuite rows (date, message, link) to `out`.
pub fn write_hootsuite(out: &mut impl Write, count: usize) -> io::Result<()> {
    let mut rng = Lcg(0x5eed_2026);
    for i in 0..count {
        let day = 1 + rng.next() % 28;
        let month = 1 + rng.next() % 12;
        let hour = 7 + rng.next() % 12;
        let event = rng.pick(EVENTS);
        let place = rng.pick(PLACES);
        let when = format!("le {} {}", 1 + rng.next() % 28, rng.pick(MONTHS));
        let slug = event.to_lowercase().replace([' ', '’', '\''], "-");
        let (message, link) = match rng.next() % 10 {
            // Clean posts, with the link in the third column.
            0..=4 => (format!("{event} {when} à {hour} h, {place}. Entrée libre. #VilleExemple"), format!("https://www.ville-exemple.fr/{slug}")),
            // Too many hashtags, one of them misspelt.
            5 => (format!("{event} {when}, {place} ! #villeexemple #Sortir #Culture #Famille"), format!("https://www.ville-exemple.fr/{slug}")),
            // A shortened link and no official one.
            6 => (format!("{event} {when} : toutes les infos sur https://bit.ly/ve{i:x} #VilleExemple"), String::new()),
            // Capitals and a quoted word (CSV quoting).
            7 => (format!("INFO : \"{event}\" {when}, {place}. ATTENTION au stationnement. #VilleExemple"), String::new()),
            // Too long for X.
            8 => (
                format!(
                    "{event} {when} à {hour} h, {place} : {} #VilleExemple",
                    "programme complet, inscriptions, horaires, accès, stationnement et restauration sur place, ".repeat(3)
                ),
                format!("https://www.ville-exemple.fr/{slug}"),
            ),
            // A practical information without a link.
            _ => (format!("Inscriptions pour {} jusqu’au {day} {}, en mairie. #VilleExemple", event.to_lowercase(), rng.pick(MONTHS)), String::new()),
        };
        writeln!(
            out,
            "{day:02}/{month:02}/2027 {hour:02}:00,\"{}\",{link}",
            message.replace('"', "\"\"")
        )?;
    }
    Ok(())
}
