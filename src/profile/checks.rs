//! The profile rules of `rules/profile.yaml`: one function per rule, each
//! reading its parameters (word lists, patterns) from the pack.

use super::hit::{ActiveRules, Hit};
use super::model::{Field, Profile};
use crate::config::{Config, ConfigError};
use crate::diagnostic::{Finding, Severity};
use crate::lint::host::{domain_of, is_on_domain};
use crate::political::{Calendar, Detector, ElectionSpec};
use crate::rules::{AppliesTo, CheckSpec, Rule, RuleSet};
use jiff::civil::Date;
use regex::Regex;
use serde::Deserialize;
use serde::de::DeserializeOwned;
use std::collections::BTreeMap;
use unicode_normalization::UnicodeNormalization;

/// Rule ids of the profile pack (part of the public interface).
pub const HANDLE_LENGTH: &str = "profile.handle-length";
pub const HANDLE_NAME: &str = "profile.handle-name";
pub const DISPLAY_NAME: &str = "profile.display-name";
pub const BIO_OFFICIAL: &str = "profile.bio-official";
pub const BIO_HASHTAG: &str = "profile.bio-hashtag";
pub const WEBSITE: &str = "profile.website";
pub const LOCATION: &str = "profile.location";
pub const MODERATION_CHARTER: &str = "profile.moderation-charter";
pub const CONTACT_HOURS: &str = "profile.contact-hours";
pub const PROTECTED: &str = "profile.protected";
pub const POLITICAL: &str = "profile.political";
pub const AVATAR: &str = "profile.avatar";
pub const BANNER: &str = "profile.banner";

// ---------------------------------------------------------------------------
// Parameters, as written under each rule's `check:`

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct HandleLengthParams {
    pub max: usize,
}

#[derive(Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct HandleNameParams {
    /// Words of a name that a handle may leave out (ville, de, la…).
    #[serde(default)]
    pub stop_words: Vec<String>,
    /// Usual short forms of name words (saint → st).
    #[serde(default)]
    pub abbreviations: BTreeMap<String, String>,
}

#[derive(Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct WordsParams {
    #[serde(default)]
    pub words: Vec<String>,
}

#[derive(Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct BioOfficialParams {
    #[serde(default)]
    pub official_words: Vec<String>,
    /// Who runs the account: a service, a team, the institution.
    #[serde(default)]
    pub manager_words: Vec<String>,
}

#[derive(Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct ContactHoursParams {
    /// Regular expressions over the text, lower case and without accents.
    #[serde(default)]
    pub patterns: Vec<String>,
    #[serde(default)]
    pub words: Vec<String>,
}

#[derive(Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct NoParams {}

/// Reads a rule's parameters into their typed form.
pub(crate) fn params<T: DeserializeOwned>(spec: &CheckSpec) -> Result<T, String> {
    serde_json::from_value(serde_json::Value::Object(spec.params.clone()))
        .map_err(|e| e.to_string())
}

pub(crate) fn validate_contact_hours(
    spec: &CheckSpec,
    _: &serde_json::Value,
) -> Result<(), String> {
    let p: ContactHoursParams = params(spec)?;
    for pattern in &p.patterns {
        Regex::new(pattern).map_err(|e| format!("patterns: `{pattern}`: {e}"))?;
    }
    Ok(())
}

// ---------------------------------------------------------------------------
// Text helpers

/// Lower case, accents removed, typographic apostrophes made straight.
pub(crate) fn fold(s: &str) -> String {
    s.nfd()
        .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
        .map(|c| if c == '’' { '\'' } else { c })
        .flat_map(char::to_lowercase)
        .collect()
}

/// The words of a text, folded, separated by single spaces and framed by
/// spaces, so that a phrase is searched as ` phrase ` (whole words only).
fn words_of(s: &str) -> String {
    let folded = fold(s);
    let mut out = String::with_capacity(folded.len() + 2);
    out.push(' ');
    for word in folded
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        out.push_str(word);
        out.push(' ');
    }
    out
}

fn has_phrase(words: &str, phrase: &str) -> bool {
    let phrase = words_of(phrase);
    !phrase.trim().is_empty() && words.contains(&phrase)
}

fn first_phrase<'a>(words: &str, phrases: &'a [String]) -> Option<&'a str> {
    phrases
        .iter()
        .find(|p| has_phrase(words, p))
        .map(String::as_str)
}

/// Hashtags of a text, without `#`, as the platform reads them.
fn hashtags_of(text: &str) -> Vec<String> {
    crate::text::extract_entities(text)
        .hashtags
        .into_iter()
        .map(|h| h.text)
        .collect()
}

// ---------------------------------------------------------------------------
// The checker

/// The profile rules compiled for one configuration.
pub struct ProfileChecker {
    rules: ActiveRules,
    handle_length: Option<HandleLengthParams>,
    handle_name: Option<HandleNameParams>,
    display_name: Option<WordsParams>,
    bio_official: Option<BioOfficialParams>,
    charter: Option<WordsParams>,
    contact_hours: Option<(Vec<Regex>, Vec<String>)>,
    detector: Option<Detector>,
    calendar: Calendar,
    config: Config,
}

impl ProfileChecker {
    /// Compiles the profile rules of `set` for `config`.
    pub fn new(set: &RuleSet, config: &Config) -> Result<ProfileChecker, ConfigError> {
        let rules = ActiveRules::new(set, config, AppliesTo::Profile)?;
        fn read<T: DeserializeOwned>(
            rules: &ActiveRules,
            id: &str,
        ) -> Result<Option<T>, ConfigError> {
            let Some(rule) = rules.get(id) else {
                return Ok(None);
            };
            params(&rule.check)
                .map(Some)
                .map_err(|e| bad_params(rule, &e))
        }
        let contact_hours = match rules.get(CONTACT_HOURS) {
            None => None,
            Some(rule) => {
                let p: ContactHoursParams =
                    params(&rule.check).map_err(|e| bad_params(rule, &e))?;
                let patterns = p
                    .patterns
                    .iter()
                    .map(|pattern| {
                        Regex::new(pattern)
                            .map_err(|e| bad_params(rule, &format!("`{pattern}`: {e}")))
                    })
                    .collect::<Result<Vec<_>, _>>()?;
                Some((patterns, p.words))
            }
        };
        let specs: Vec<ElectionSpec> = config
            .elections
            .iter()
            .map(|e| ElectionSpec {
                name: e.name.clone(),
                date: e.date.to_string(),
                second_round: e.second_round.map(|d| d.to_string()),
            })
            .collect();
        let calendar = Calendar::builtin().with_overrides(&specs).map_err(|e| {
            ConfigError::file(
                config.source.as_deref().unwrap_or(".twitterritorial.yaml"),
                format!("élection invalide\u{a0}: {e}"),
                format!("invalid election: {e}"),
            )
        })?;
        Ok(ProfileChecker {
            handle_length: read(&rules, HANDLE_LENGTH)?,
            handle_name: read(&rules, HANDLE_NAME)?,
            display_name: read(&rules, DISPLAY_NAME)?,
            bio_official: read(&rules, BIO_OFFICIAL)?,
            charter: read(&rules, MODERATION_CHARTER)?,
            contact_hours,
            detector: rules.get(POLITICAL).map(|_| Detector::builtin()),
            calendar,
            rules,
            config: config.clone(),
        })
    }

    pub fn rules(&self) -> &ActiveRules {
        &self.rules
    }

    /// The profile with what the configuration knows filled in: the handle
    /// and the other platforms' accounts, when the profile does not say.
    pub fn with_defaults(&self, profile: &Profile) -> Profile {
        let mut p = profile.clone();
        let account = &self.config.account;
        if p.handle.is_none() {
            p.handle = account.handle.as_ref().map(Field::new);
        }
        if p.mastodon.is_none() {
            p.mastodon = account.mastodon.as_ref().map(Field::new);
        }
        if p.bluesky.is_none() {
            p.bluesky = account.bluesky.as_ref().map(Field::new);
        }
        p
    }

    /// Every finding on a profile (defaults applied), with the index of the
    /// profile source each one points into. `today` dates the political check.
    pub fn check(&self, profile: &Profile, today: Date) -> Vec<(usize, Finding)> {
        let profile = self.with_defaults(profile);
        self.hits(&profile, today)
            .iter()
            .filter_map(|hit| {
                // A finding placed nowhere (a missing field) goes to the
                // profile's main source.
                let source = if hit.span.is_empty() && hit.span.start == 0 {
                    profile.default_source
                } else {
                    hit.source
                };
                self.rules.finding(hit).map(|f| (source, f))
            })
            .collect()
    }

    /// Every rule raised by a profile, in the pack's order.
    pub fn hits(&self, p: &Profile, today: Date) -> Vec<Hit> {
        let mut hits = Vec::new();
        let on = |id: &str| self.rules.get(id).is_some();
        if let Some(params) = &self.handle_length {
            self.check_handle_length(p, params, &mut hits);
        }
        if let Some(params) = &self.handle_name {
            self.check_handle_name(p, params, &mut hits);
        }
        if let Some(params) = &self.display_name {
            check_display_name(p, params, &mut hits);
        }
        if let Some(params) = &self.bio_official {
            self.check_bio_official(p, params, &mut hits);
        }
        if on(BIO_HASHTAG) {
            self.check_bio_hashtag(p, &mut hits);
        }
        if on(WEBSITE) {
            self.check_website(p, &mut hits);
        }
        if on(LOCATION) && Profile::text(&p.location).is_none() {
            hits.push(Hit::new(LOCATION));
        }
        if let Some(params) = &self.charter {
            check_charter(p, params, &mut hits);
        }
        if let Some((patterns, words)) = &self.contact_hours {
            check_contact_hours(p, patterns, words, &mut hits);
        }
        if on(PROTECTED) && p.protected == Some(true) {
            let hit = Hit::new(PROTECTED);
            hits.push(match &p.protected_at {
                Some(at) => hit.at(at.source, at.span.clone()),
                None => hit,
            });
        }
        if let Some(detector) = &self.detector {
            self.check_political(p, detector, today, &mut hits);
        }
        if on(AVATAR) && p.avatar.is_none() {
            hits.push(Hit::new(AVATAR));
        }
        if on(BANNER) && p.banner.is_none() {
            hits.push(Hit::new(BANNER));
        }
        hits
    }

    fn check_handle_length(&self, p: &Profile, params: &HandleLengthParams, hits: &mut Vec<Hit>) {
        let Some(handle) = p.handle_text() else {
            return;
        };
        let length = handle.chars().count();
        if length > params.max {
            hits.push(
                located(Hit::new(HANDLE_LENGTH), p.handle.as_ref())
                    .with("handle", format!("@{handle}"))
                    .with("length", length.to_string())
                    .with("max", params.max.to_string()),
            );
        }
    }

    /// The handle should read as the name: at least half the name's
    /// significant words appear in it (or their usual short form), or the
    /// initials of a long name.
    fn check_handle_name(&self, p: &Profile, params: &HandleNameParams, hits: &mut Vec<Hit>) {
        let Some(handle) = p.handle_text() else {
            return;
        };
        let Some(name) = self
            .config
            .account
            .name
            .as_deref()
            .or(Profile::text(&p.display_name))
        else {
            return;
        };
        let stop: Vec<String> = params.stop_words.iter().map(|w| fold(w)).collect();
        let words: Vec<String> = words_of(name)
            .split(' ')
            .filter(|w| !w.is_empty() && !stop.contains(&w.to_string()))
            .map(str::to_string)
            .collect();
        if words.is_empty() {
            return;
        }
        let folded: String = fold(handle)
            .chars()
            .filter(|c| c.is_alphanumeric())
            .collect();
        let found = words
            .iter()
            .filter(|w| {
                folded.contains(w.as_str())
                    || params
                        .abbreviations
                        .get(w.as_str())
                        .is_some_and(|a| folded.contains(&fold(a)))
            })
            .count();
        let initials: String = words.iter().filter_map(|w| w.chars().next()).collect();
        let reads_as_name =
            found * 2 >= words.len() || (words.len() >= 3 && folded.contains(&initials));
        if !reads_as_name {
            hits.push(
                located(Hit::new(HANDLE_NAME), p.handle.as_ref())
                    .with("handle", format!("@{handle}"))
                    .with("name", name.to_string()),
            );
        }
    }

    fn check_bio_official(&self, p: &Profile, params: &BioOfficialParams, hits: &mut Vec<Hit>) {
        let Some(bio) = Profile::text(&p.bio) else {
            hits.push(Hit::new(BIO_OFFICIAL).variant("missing"));
            return;
        };
        let words = words_of(bio);
        let official = first_phrase(&words, &params.official_words).is_some();
        let name_words = self.config.account.name.as_deref().map(words_of);
        let manager = first_phrase(&words, &params.manager_words).is_some()
            || name_words.is_some_and(|n| !n.trim().is_empty() && words.contains(&n));
        let variant = match (official, manager) {
            (true, true) => return,
            (false, false) => None,
            (false, true) => Some("not-official"),
            (true, false) => Some("no-manager"),
        };
        let mut hit = located(Hit::new(BIO_OFFICIAL), p.bio.as_ref());
        if let Some(v) = variant {
            hit = hit.variant(v);
        }
        hits.push(hit);
    }

    fn check_bio_hashtag(&self, p: &Profile, hits: &mut Vec<Hit>) {
        let Some(official) = self.config.account.hashtags.first() else {
            return;
        };
        let official_bare = official.trim_start_matches('#');
        let found = Profile::text(&p.bio).map(hashtags_of).unwrap_or_default();
        if found.iter().any(|h| h == official_bare) {
            return;
        }
        let official_all: Vec<&str> = self
            .config
            .account
            .hashtags
            .iter()
            .map(|h| h.trim_start_matches('#'))
            .collect();
        if found.iter().any(|h| official_all.contains(&h.as_str())) {
            return;
        }
        let mut hit = located(Hit::new(BIO_HASHTAG), p.bio.as_ref())
            .with("hashtag", format!("#{official_bare}"));
        if let Some(near) = found.iter().find(|h| fold(h) == fold(official_bare)) {
            hit = hit.variant("spelling").with("found", format!("#{near}"));
        }
        hits.push(hit);
    }

    fn check_website(&self, p: &Profile, hits: &mut Vec<Hit>) {
        let Some(field) = p.website.as_ref().filter(|w| !w.is_blank()) else {
            hits.push(Hit::new(WEBSITE).variant("missing"));
            return;
        };
        let written = field.value.trim();
        let hit = || located(Hit::new(WEBSITE), Some(field)).with("website", written.to_string());
        let Some(mut domain) = domain_of(written) else {
            hits.push(hit().variant("invalid"));
            return;
        };
        let mut address = written.to_string();
        if domain == "t.co" {
            match &p.website_resolved {
                Some(resolved) => {
                    address = resolved.clone();
                    match domain_of(resolved) {
                        Some(d) => domain = d,
                        None => {
                            hits.push(hit().variant("invalid").with("website", resolved.clone()));
                            return;
                        }
                    }
                }
                None => {
                    // Archives store the website as a t.co link: nothing is
                    // wrong with it, but it cannot be checked offline.
                    hits.push(hit().variant("shortened").severity(Severity::Info));
                    return;
                }
            }
        }
        if let Some(expected) = self.config.account.website_domain()
            && !is_on_domain(&domain, &expected)
        {
            hits.push(
                hit()
                    .variant("other-domain")
                    .with("website", address)
                    .with("domain", domain)
                    .with("expected", expected),
            );
            return;
        }
        if !address
            .get(..8)
            .is_some_and(|s| s.eq_ignore_ascii_case("https://"))
        {
            hits.push(hit().variant("not-https").with("website", address));
        }
    }

    fn check_political(&self, p: &Profile, detector: &Detector, today: Date, hits: &mut Vec<Hit>) {
        let lang = self.rules.lang();
        for (field, variant) in [
            (&p.bio, None),
            (&p.display_name, Some("display-name")),
            (&p.pinned, Some("pinned")),
        ] {
            let Some(field) = field.as_ref().filter(|f| !f.is_blank()) else {
                continue;
            };
            for finding in detector.check(&field.value, today, &self.calendar, lang) {
                // Partisan content is never acceptable; the council's record
                // only inside a pre-election window (the detector says so
                // with an error).
                let counts = finding.rule == crate::political::PARTISAN
                    || (finding.rule == crate::political::ACHIEVEMENT
                        && finding.severity == Severity::Error);
                if !counts {
                    continue;
                }
                let excerpt = field
                    .value
                    .get(finding.span.clone())
                    .unwrap_or_default()
                    .to_string();
                let mut hit = Hit::new(POLITICAL)
                    .with("excerpt", excerpt)
                    .with("detail", finding.message.clone());
                if let Some(v) = variant {
                    hit = hit.variant(v);
                }
                hits.push(located_within(hit, field, finding.span.clone()));
            }
        }
    }
}

fn bad_params(rule: &Rule, e: &str) -> ConfigError {
    ConfigError::file(
        &rule.origin.file,
        format!("paramètres invalides pour `{}`\u{a0}: {e}", rule.id),
        format!("invalid parameters for `{}`: {e}", rule.id),
    )
}

fn check_display_name(p: &Profile, params: &WordsParams, hits: &mut Vec<Hit>) {
    let Some(name) = Profile::text(&p.display_name) else {
        hits.push(Hit::new(DISPLAY_NAME).variant("missing"));
        return;
    };
    if first_phrase(&words_of(name), &params.words).is_none() {
        hits.push(
            located(Hit::new(DISPLAY_NAME), p.display_name.as_ref())
                .with("display_name", name.to_string()),
        );
    }
}

fn check_charter(p: &Profile, params: &WordsParams, hits: &mut Vec<Hit>) {
    let texts = [
        Profile::text(&p.bio),
        Profile::text(&p.pinned),
        Profile::text(&p.website),
        p.website_resolved.as_deref(),
    ];
    let found = texts
        .iter()
        .flatten()
        .any(|t| first_phrase(&words_of(t), &params.words).is_some());
    if !found {
        hits.push(Hit::new(MODERATION_CHARTER));
    }
}

fn check_contact_hours(p: &Profile, patterns: &[Regex], words: &[String], hits: &mut Vec<Hit>) {
    let texts = [Profile::text(&p.bio), Profile::text(&p.pinned)];
    let found = texts.iter().flatten().any(|t| {
        let folded = fold(t);
        patterns.iter().any(|re| re.is_match(&folded))
            || first_phrase(&words_of(t), words).is_some()
    });
    if !found {
        hits.push(Hit::new(CONTACT_HOURS));
    }
}

/// A hit placed on a field's value, when its position is known.
fn located(hit: Hit, field: Option<&Field>) -> Hit {
    match field.and_then(|f| f.at.as_ref()) {
        Some(at) => hit.at(at.source, at.span.clone()),
        None => hit,
    }
}

/// A hit placed on part of a field's value: exactly when the file holds the
/// value as is (a plain scalar), else on the whole field.
fn located_within(hit: Hit, field: &Field, part: std::ops::Range<usize>) -> Hit {
    let Some(at) = field.at.as_ref() else {
        return hit.at(0, part);
    };
    if at.span.len() == field.value.len() {
        hit.at(
            at.source,
            at.span.start + part.start..at.span.start + part.end,
        )
    } else {
        hit.at(at.source, at.span.clone())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phrases_match_whole_words_without_accents() {
        let w = words_of("Compte OFFICIEL de la Ville d’Exemple — géré par le service com’");
        assert!(has_phrase(&w, "compte officiel"));
        assert!(has_phrase(&w, "ville d'"));
        assert!(has_phrase(&w, "gere par"));
        assert!(!has_phrase(&w, "offic"));
        assert!(!has_phrase(&w, ""));
    }
}
