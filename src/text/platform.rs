//! How long a post is on each platform, and its limit.
//!
//! - **X**: the weighted length of twitter-text v3 (see [`super::weight`]):
//!   280 by default; URLs count 23, emoji sequences 2, CJK 2.
//! - **Mastodon**: 500 characters by default (each server may set its own:
//!   `configuration.statuses.max_characters` of `/api/v2/instance`).
//!   Mastodon counts grapheme clusters; each `http(s)://` URL counts 23
//!   characters, and a remote mention `@user@domain` counts as `@user`
//!   (Mastodon's `StatusLengthValidator`). The content warning, which
//!   Mastodon adds to the count, is not part of the text measured here.
//! - **Bluesky**: 300 grapheme clusters and 3,000 UTF-8 bytes (the lexicon
//!   `app.bsky.feed.post`). The text is counted as written; the official
//!   app shortens long links before counting, so a post that fits here also
//!   fits there.

use std::sync::OnceLock;

use regex::Regex;
use serde::Serialize;
use unicode_segmentation::UnicodeSegmentation;

use super::chars::{char_before, is_end_mention_match};
use super::config::Config;
use super::url::extract_urls;
use super::weight::{ParseResult, parse_tweet};
use super::{Entities, extract_entities, parse_and_extract};

/// A platform a collectivité posts to.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Platform {
    #[default]
    X,
    Mastodon,
    Bluesky,
}

/// Mastodon's placeholder length for a URL.
const MASTODON_URL_LENGTH: usize = 23;
/// Bluesky's cap in UTF-8 bytes, besides the graphemes.
const BLUESKY_MAX_BYTES: usize = 3000;

impl Platform {
    pub const ALL: [Platform; 3] = [Platform::X, Platform::Mastodon, Platform::Bluesky];

    /// The name used on the command line and in JSON.
    pub fn name(self) -> &'static str {
        match self {
            Platform::X => "x",
            Platform::Mastodon => "mastodon",
            Platform::Bluesky => "bluesky",
        }
    }

    /// The default limit of a post, in the platform's unit.
    pub fn default_limit(self) -> usize {
        match self {
            Platform::X => 280,
            Platform::Mastodon => 500,
            Platform::Bluesky => 300,
        }
    }
}

impl std::fmt::Display for Platform {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

impl std::str::FromStr for Platform {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.to_ascii_lowercase().as_str() {
            "x" | "twitter" => Ok(Platform::X),
            "mastodon" => Ok(Platform::Mastodon),
            "bluesky" | "bsky" => Ok(Platform::Bluesky),
            other => Err(format!(
                "unknown platform `{other}` (expected x, mastodon or bluesky)"
            )),
        }
    }
}

/// A post's length against its platform's limit.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Measure {
    /// Length in the platform's unit (weighted characters on X, grapheme
    /// clusters on Mastodon and Bluesky).
    pub length: usize,
    pub limit: usize,
    /// Not empty, within the limit (and, on X, no invalid character; on
    /// Bluesky, at most 3,000 bytes).
    pub valid: bool,
    /// Length per thousand of the limit, rounded down.
    pub permillage: usize,
}

/// Measure `text` as `platform` counts it, against `limit` (the platform's
/// default when `None`).
pub fn measure(text: &str, platform: Platform, limit: Option<usize>) -> Measure {
    let limit = limit.unwrap_or_else(|| platform.default_limit());
    match platform {
        Platform::X => x_measure(&parse_tweet(text, &x_config(limit)), limit),
        Platform::Mastodon => {
            let length = mastodon_length(text);
            graphemes_measure(length, limit, true)
        }
        Platform::Bluesky => {
            let length = text.graphemes(true).count();
            graphemes_measure(length, limit, text.len() <= BLUESKY_MAX_BYTES)
        }
    }
}

/// [`measure`] and the entities of the post ([`super::extract_entities`]:
/// hashtags, mentions, URLs and cashtags as twitter-text finds them, whatever
/// the platform), sharing the work on X.
pub fn inspect(text: &str, platform: Platform, limit: Option<usize>) -> (Measure, Entities) {
    let limit = limit.unwrap_or_else(|| platform.default_limit());
    match platform {
        Platform::X => {
            let (parsed, entities) = parse_and_extract(text, &x_config(limit));
            (x_measure(&parsed, limit), entities)
        }
        _ => (measure(text, platform, Some(limit)), extract_entities(text)),
    }
}

fn x_config(limit: usize) -> Config {
    Config::V3.with_limit(u32::try_from(limit).unwrap_or(u32::MAX))
}

fn x_measure(parsed: &ParseResult, limit: usize) -> Measure {
    Measure {
        length: parsed.weighted_length,
        limit,
        valid: parsed.valid,
        permillage: parsed.permillage,
    }
}

fn graphemes_measure(length: usize, limit: usize, other_limits_ok: bool) -> Measure {
    Measure {
        length,
        limit,
        valid: length > 0 && length <= limit && other_limits_ok,
        permillage: length.saturating_mul(1000).checked_div(limit).unwrap_or(0),
    }
}

/// Mastodon's mentions: `@user` or `@user@domain`, not right after `=`, `/`
/// or a word character.
fn mastodon_mention_regex() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"@((?i:[a-z0-9_]+(?:[.-]+[a-z0-9_]+)*))(?:@\w+(?:[.-]+\w+)*)?")
            .expect("Mastodon mention pattern")
    })
}

/// Length of a post as Mastodon's `StatusLengthValidator` counts it.
fn mastodon_length(text: &str) -> usize {
    if text.trim().is_empty() {
        return 0;
    }
    // URLs then mentions: byte range, and for a mention the user's name.
    type Counted = (usize, usize, Option<(usize, usize)>);
    let mut entities: Vec<Counted> = extract_urls(text)
        .into_iter()
        .filter(|u| u.has_protocol)
        .map(|u| (u.start, u.end, None))
        .collect();
    let re = mastodon_mention_regex();
    let mut pos = 0;
    while let Some(caps) = re.captures_at(text, pos) {
        let (Some(whole), Some(user)) = (caps.get(0), caps.get(1)) else {
            break;
        };
        let blocked = char_before(text, whole.start())
            .is_some_and(|(_, c)| c == '=' || c == '/' || c.is_alphanumeric() || c == '_');
        if blocked {
            pos = whole.start() + 1;
            continue;
        }
        if !is_end_mention_match(text, whole.end()) {
            entities.push((whole.start(), whole.end(), Some((user.start(), user.end()))));
        }
        pos = whole.end();
    }
    entities.sort_by_key(|e| e.0);
    let mut countable = String::with_capacity(text.len());
    let mut at = 0;
    for (start, end, user) in entities {
        if start < at {
            continue; // overlaps the previous entity
        }
        countable.push_str(&text[at..start]);
        match user {
            Some((a, b)) => {
                countable.push('@');
                countable.push_str(&text[a..b]);
            }
            None => countable.extend(std::iter::repeat_n('x', MASTODON_URL_LENGTH)),
        }
        at = end;
    }
    countable.push_str(&text[at..]);
    countable.graphemes(true).count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mastodon_counts_urls_and_remote_mentions() {
        let m = measure(
            "Voir https://www.ville-exemple.fr/agenda/2026/conseil-municipal",
            Platform::Mastodon,
            None,
        );
        assert_eq!(m.length, 5 + 23);
        assert_eq!(
            measure("@mairie@mastodon.social merci", Platform::Mastodon, None).length,
            13
        );
        assert_eq!(measure("👨‍👩‍👧‍👦", Platform::Mastodon, None).length, 1);
        assert_eq!(measure("mairie.fr", Platform::Mastodon, None).length, 9);
        let m = measure("", Platform::Mastodon, Some(1000));
        assert_eq!((m.length, m.limit, m.valid), (0, 1000, false));
    }

    #[test]
    fn bluesky_counts_graphemes_and_bytes() {
        assert_eq!(measure("🇫🇷 Fête", Platform::Bluesky, None).length, 6);
        let long = "é".repeat(1600);
        let m = measure(&long, Platform::Bluesky, Some(2000));
        assert!(!m.valid, "3,200 bytes is over Bluesky's 3,000");
    }

    #[test]
    fn x_uses_v3() {
        let m = measure("Bonjour 👋🏽 https://example.com", Platform::X, None);
        assert_eq!((m.length, m.limit, m.valid), (8 + 2 + 1 + 23, 280, true));
        assert!(measure("a".repeat(300).as_str(), Platform::X, Some(500)).valid);
    }
}
