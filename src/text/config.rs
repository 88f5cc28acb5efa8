//! The weighting configurations of twitter-text (`config/v1.json`,
//! `v2.json`, `v3.json` upstream): how much each character counts.

use serde::{Deserialize, Serialize};
use std::borrow::Cow;

/// Code points `start..=end` weigh `weight` (in `scale` units).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct WeightRange {
    pub start: u32,
    pub end: u32,
    pub weight: u32,
}

/// A twitter-text configuration, with the field names of its JSON files.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Config {
    pub version: u32,
    /// The limit, in characters (280 on X since 2017).
    pub max_weighted_tweet_length: u32,
    /// Weights are in units of `1 / scale` character.
    pub scale: u32,
    /// Weight of a character outside every range.
    pub default_weight: u32,
    /// What a URL counts, whatever its length (t.co links are 23 characters).
    #[serde(rename = "transformedURLLength")]
    pub transformed_url_length: u32,
    #[serde(default)]
    pub ranges: Cow<'static, [WeightRange]>,
    /// Count an emoji sequence once (at `default_weight`), as v3 does.
    #[serde(default)]
    pub emoji_parsing_enabled: bool,
}

const LATIN_AND_PUNCTUATION: &[WeightRange] = &[
    // Latin, Greek, Cyrillic, Hebrew, Arabic, Indic scripts, Thai, Georgian…
    WeightRange {
        start: 0,
        end: 4351,
        weight: 100,
    },
    // Spaces, zero-width characters, ZWJ.
    WeightRange {
        start: 8192,
        end: 8205,
        weight: 100,
    },
    // Hyphens, dashes and curly quotes.
    WeightRange {
        start: 8208,
        end: 8223,
        weight: 100,
    },
    // Primes.
    WeightRange {
        start: 8242,
        end: 8247,
        weight: 100,
    },
];

impl Config {
    /// v1 (2006–2017): 140 characters, every code point counts 1.
    pub const V1: Config = Config {
        version: 1,
        max_weighted_tweet_length: 140,
        scale: 1,
        default_weight: 1,
        transformed_url_length: 23,
        ranges: Cow::Borrowed(&[]),
        emoji_parsing_enabled: false,
    };

    /// v2 (2017): 280, CJK and other scripts count 2, each code point of an
    /// emoji counts 2.
    pub const V2: Config = Config {
        version: 2,
        max_weighted_tweet_length: 280,
        scale: 100,
        default_weight: 200,
        transformed_url_length: 23,
        ranges: Cow::Borrowed(LATIN_AND_PUNCTUATION),
        emoji_parsing_enabled: false,
    };

    /// v3 (2018, current): as v2, but an emoji sequence counts 2 in all.
    pub const V3: Config = Config {
        version: 3,
        max_weighted_tweet_length: 280,
        scale: 100,
        default_weight: 200,
        transformed_url_length: 23,
        ranges: Cow::Borrowed(LATIN_AND_PUNCTUATION),
        emoji_parsing_enabled: true,
    };

    /// The configuration X uses today (v3).
    pub fn current() -> &'static Config {
        &Self::V3
    }

    /// This configuration with another limit (same weights).
    pub fn with_limit(&self, limit: u32) -> Config {
        Config {
            max_weighted_tweet_length: limit,
            ..self.clone()
        }
    }

    /// The weight of every ASCII character, when they all weigh the same
    /// (true of v1, v2 and v3): lets a run of ASCII be weighed at once.
    pub(crate) fn ascii_weight(&self) -> Option<u32> {
        let w = self.unit_weight(0);
        (0..128).all(|u| self.unit_weight(u) == w).then_some(w)
    }

    /// Weight of one UTF-16 code unit, as twitter-text looks it up (an
    /// astral character is looked up by its low surrogate).
    #[inline]
    pub(crate) fn unit_weight(&self, unit: u32) -> u32 {
        for range in self.ranges.iter() {
            if range.start <= unit && unit <= range.end {
                return range.weight;
            }
        }
        self.default_weight
    }
}

impl Default for Config {
    fn default() -> Self {
        Config::V3
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_upstream_json() {
        let v3 = r#"{"version":3,"maxWeightedTweetLength":280,"scale":100,"defaultWeight":200,
            "emojiParsingEnabled":true,"transformedURLLength":23,
            "ranges":[{"start":0,"end":4351,"weight":100},{"start":8192,"end":8205,"weight":100},
                      {"start":8208,"end":8223,"weight":100},{"start":8242,"end":8247,"weight":100}]}"#;
        let parsed: Config = serde_json::from_str(v3).expect("v3.json");
        assert_eq!(parsed, Config::V3);
        let v1 = r#"{"version":1,"maxWeightedTweetLength":140,"scale":1,"defaultWeight":1,"transformedURLLength":23}"#;
        assert_eq!(
            serde_json::from_str::<Config>(v1).expect("v1.json"),
            Config::V1
        );
    }
}
