//! The examples of a rule: a post (or a profile) that must, or must not,
//! raise it. Written either as a plain string (the post's text) or as a map.

use crate::config::{Config, Election, PlatformName};
use crate::lint::{Media, Post};
use crate::text::Platform;
use jiff::civil::Date;
use serde::Deserialize;
use std::fmt;

/// One example of a rule.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Example {
    /// The post's text (empty for a profile example).
    pub text: String,
    pub platform: Option<Platform>,
    /// The day the post is published (`post.date`).
    pub date: Option<Date>,
    pub media: Vec<Media>,
    /// For profile rules: the profile, as a profile file would hold it.
    pub profile: Option<serde_json::Value>,
    /// For site rules: the home page's HTML (a plain string example is
    /// the HTML too), its media type when not HTML, and the body of the
    /// feed it announces.
    pub html: Option<String>,
    pub content_type: Option<String>,
    pub feed: Option<String>,
    /// Account configuration overrides for this example.
    pub config: Option<ExampleConfig>,
    /// Rules suppressed on the post (`ignore:` of a YAML draft).
    pub ignore: Vec<String>,
    /// Line of the example in its pack (0 when unknown).
    pub line: u64,
}

/// Overrides of the example account (`config:` of an example).
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExampleConfig {
    pub name: Option<String>,
    pub handle: Option<String>,
    pub hashtags: Option<Vec<String>>,
    pub website: Option<String>,
    pub mastodon: Option<String>,
    pub bluesky: Option<String>,
    pub platforms: Option<Vec<PlatformName>>,
    pub elections: Option<Vec<ExampleElection>>,
}

/// An election added by an example (`config: {elections: [...]}`).
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExampleElection {
    pub name: String,
    pub date: String,
    pub second_round: Option<String>,
}

/// The account every example runs with, unless it overrides a field:
/// "Ville d’Exemple", `@VilleExemple`, `#VilleExemple`, www.ville-exemple.fr.
pub fn example_config() -> Config {
    let mut c = Config::default();
    c.account.name = Some("Ville d’Exemple".into());
    c.account.handle = Some("@VilleExemple".into());
    c.account.hashtags = vec!["#VilleExemple".into()];
    c.account.website = Some("https://www.ville-exemple.fr".into());
    c
}

impl Example {
    /// The post this example describes.
    pub fn post(&self) -> Post {
        Post {
            text: self.text.clone(),
            media: self.media.clone(),
            platform: self.platform,
            date: self.date,
            id: None,
            ignore: self.ignore.clone(),
        }
    }

    /// The configuration to check this example with: `base` with the
    /// example's overrides.
    pub fn config(&self, base: &Config) -> Config {
        let mut c = base.clone();
        let Some(o) = &self.config else { return c };
        if let Some(v) = &o.name {
            c.account.name = Some(v.clone());
        }
        if let Some(v) = &o.handle {
            c.account.handle = Some(v.clone());
        }
        if let Some(v) = &o.hashtags {
            c.account.hashtags = v
                .iter()
                .map(|h| format!("#{}", h.trim_start_matches('#')))
                .collect();
        }
        if let Some(v) = &o.website {
            c.account.website = (!v.is_empty()).then(|| v.clone());
        }
        if let Some(v) = &o.mastodon {
            c.account.mastodon = Some(v.clone());
        }
        if let Some(v) = &o.bluesky {
            c.account.bluesky = Some(v.clone());
        }
        if let Some(v) = &o.platforms {
            c.platforms = v.iter().map(|p| p.platform()).collect();
        }
        if let Some(list) = &o.elections {
            for e in list {
                // Validated when the pack was read.
                if let Ok(date) = e.date.parse::<Date>() {
                    c.elections.push(Election {
                        name: e.name.clone(),
                        date,
                        second_round: e.second_round.as_deref().and_then(|s| s.parse().ok()),
                    });
                }
            }
        }
        c
    }

    /// Checks what serde could not: dates in the overrides.
    pub(crate) fn validate(&self) -> Result<(), (String, String)> {
        if let Some(list) = self.config.as_ref().and_then(|c| c.elections.as_ref()) {
            for e in list {
                for d in std::iter::once(&e.date).chain(e.second_round.iter()) {
                    if d.parse::<Date>().is_err() {
                        return Err((
                            format!("date d’élection invalide `{d}` dans un exemple (AAAA-MM-JJ)"),
                            format!("invalid election date `{d}` in an example (YYYY-MM-DD)"),
                        ));
                    }
                }
            }
        }
        if self.text.is_empty()
            && self.profile.is_none()
            && self.media.is_empty()
            && self.html.is_none()
        {
            return Err((
                "exemple vide\u{a0}: donnez `text` (ou `profile`, ou `html`)".into(),
                "empty example: give `text` (or `profile`, or `html`)".into(),
            ));
        }
        Ok(())
    }
}

/// The map form of an example.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ExampleMap {
    #[serde(default)]
    text: String,
    platform: Option<PlatformName>,
    date: Option<String>,
    #[serde(default)]
    media: Vec<Media>,
    profile: Option<serde_json::Value>,
    html: Option<String>,
    content_type: Option<String>,
    feed: Option<String>,
    config: Option<ExampleConfig>,
    #[serde(default)]
    ignore: Vec<String>,
}

impl<'de> Deserialize<'de> for Example {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> serde::de::Visitor<'de> for V {
            type Value = Example;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str(
                    "a post text, or a map {text, platform, date, media, profile, html, content_type, feed, config, ignore}",
                )
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Example, E> {
                Ok(Example {
                    text: v.to_string(),
                    ..Example::default()
                })
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, map: A) -> Result<Example, A::Error> {
                let m = ExampleMap::deserialize(serde::de::value::MapAccessDeserializer::new(map))?;
                let date = match m.date {
                    Some(s) => Some(s.trim().parse::<Date>().map_err(|_| {
                        serde::de::Error::custom(format!("invalid date `{s}`, expected YYYY-MM-DD"))
                    })?),
                    None => None,
                };
                Ok(Example {
                    text: m.text,
                    platform: m.platform.map(PlatformName::platform),
                    date,
                    media: m.media,
                    profile: m.profile,
                    html: m.html,
                    content_type: m.content_type,
                    feed: m.feed,
                    config: m.config,
                    ignore: m.ignore,
                    line: 0,
                })
            }
        }
        d.deserialize_any(V)
    }
}
