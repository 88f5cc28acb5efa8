//! The text engine: read a post exactly as X (and Mastodon, Bluesky) read it.
//!
//! - [`parse_tweet`] weighs a post with twitter-text's rules (config v3 by
//!   default, v1 and v2 too): the length X shows, whether it fits.
//! - [`extract_entities`] finds hashtags, mentions (and lists), URLs (with
//!   and without protocol) and cashtags, as twitter-text does.
//! - [`measure`] gives a post's length and limit on X, Mastodon or Bluesky.
//! - [`is_valid_hashtag`], [`is_valid_username`], [`is_valid_list`] and
//!   [`is_valid_url`] are twitter-text's validators.
//!
//! # Index units
//!
//! Every `start`/`end` of an [`Entity`] counts **Unicode code points** (Rust
//! `char`s), `end` exclusive; `byte_start`/`byte_end` give the same range in
//! bytes of the UTF-8 string, to slice it. twitter-text itself counts UTF-16
//! code units: the two agree on text without astral characters (emoji,
//! historic scripts); after `😀`, a code point index is one less than the
//! UTF-16 one. Entities are found in the text as given (not normalised);
//! [`parse_tweet`] normalises (NFC) before weighing, as X does.
//!
//! # Faithfulness
//!
//! This engine is our own, written to match the npm package
//! `twitter-text@3.1.0`, the reference X published: it passes every case of
//! the twitter-text conformance suite (`tests/conformance.rs`) and agrees with
//! the npm package on thousands of generated posts (`tests/differential.rs`).
//! Its emoji sequences are those of the reference's emoji parser (about
//! Emoji 11); newer sequences are split, exactly as the reference splits them.
//! See `docs/text-engine.md` for why it is not the `twitter-text` crate.

mod cashtag;
mod chars;
mod config;
mod emoji;
mod emoji_table;
mod hashtag;
mod mention;
mod platform;
mod tables;
mod tld;
mod url;
mod weight;

pub use config::{Config, WeightRange};
pub use hashtag::is_valid_hashtag;
pub use mention::{is_valid_list, is_valid_username};
pub use platform::{Measure, Platform, measure};
pub use url::is_valid_url;
pub use weight::{ParseResult, is_valid_tweet_text, parse_tweet};

use serde::Serialize;

/// Something found in a post: a hashtag, a mention, a URL or a cashtag.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Entity {
    /// The entity's text without its sign: `MaVille` for `#MaVille`,
    /// `VilleExemple` for `@VilleExemple`, `EUR` for `$EUR`; the whole URL.
    pub text: String,
    /// Start, in code points (see the module documentation).
    pub start: usize,
    /// End (exclusive), in code points.
    pub end: usize,
    /// Start, in bytes.
    pub byte_start: usize,
    /// End (exclusive), in bytes.
    pub byte_end: usize,
    /// For a list mention `@user/list`: `list` (without the `/`); the range
    /// then covers `@user/list`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub list_slug: Option<String>,
}

/// Everything [`extract_entities`] finds in a post, each kind in text order.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Entities {
    pub hashtags: Vec<Entity>,
    pub mentions: Vec<Entity>,
    pub urls: Vec<Entity>,
    pub cashtags: Vec<Entity>,
}

/// Converts byte offsets (visited in increasing order) to code point indices.
struct CodePoints<'a> {
    text: &'a str,
    byte: usize,
    index: usize,
}

impl<'a> CodePoints<'a> {
    fn new(text: &'a str) -> Self {
        CodePoints {
            text,
            byte: 0,
            index: 0,
        }
    }

    fn at(&mut self, byte: usize) -> usize {
        if byte < self.byte {
            self.byte = 0;
            self.index = 0;
        }
        self.index += self.text[self.byte..byte].chars().count();
        self.byte = byte;
        self.index
    }

    fn entity(
        &mut self,
        start: usize,
        end: usize,
        text: &str,
        list_slug: Option<String>,
    ) -> Entity {
        Entity {
            text: text.to_owned(),
            start: self.at(start),
            end: self.at(end),
            byte_start: start,
            byte_end: end,
            list_slug,
        }
    }
}

/// Hashtags without those that overlap a URL (`extractHashtagsWithIndices`).
fn extract_hashtags_raw(text: &str) -> Vec<hashtag::HashtagMatch> {
    let tags = hashtag::scan_hashtags(text);
    if tags.is_empty() {
        return tags;
    }
    let urls = url::extract_urls(text);
    remove_url_overlaps(tags, &urls)
}

/// twitter-text's `removeOverlappingEntities` on hashtags followed by URLs:
/// sorted by start (hashtags first on a tie), an entity that starts before
/// the previous kept one ends is dropped; only hashtags are kept.
fn remove_url_overlaps(
    tags: Vec<hashtag::HashtagMatch>,
    urls: &[url::UrlMatch],
) -> Vec<hashtag::HashtagMatch> {
    if urls.is_empty() {
        return tags;
    }
    let mut merged: Vec<(usize, usize, Option<hashtag::HashtagMatch>)> = tags
        .iter()
        .map(|t| (t.start, t.end, Some(*t)))
        .chain(urls.iter().map(|u| (u.start, u.end, None)))
        .collect();
    merged.sort_by_key(|e| e.0); // stable: hashtags stay before URLs on a tie
    let mut kept = Vec::new();
    let mut previous_end: Option<usize> = None;
    for (start, end, tag) in merged {
        if previous_end.is_some_and(|e| e > start) {
            continue;
        }
        previous_end = Some(end);
        if let Some(tag) = tag {
            kept.push(tag);
        }
    }
    kept
}

/// Hashtags of a post (URLs' fragments excluded), text without `#`.
pub fn extract_hashtags(text: &str) -> Vec<Entity> {
    let mut cp = CodePoints::new(text);
    extract_hashtags_raw(text)
        .into_iter()
        .map(|t| cp.entity(t.start, t.end, &text[t.text_start(text)..t.end], None))
        .collect()
}

/// Mentions and list mentions of a post, text without `@`.
pub fn extract_mentions(text: &str) -> Vec<Entity> {
    let mut cp = CodePoints::new(text);
    mention::scan_mentions(text)
        .into_iter()
        .map(|m| {
            let slug = m.list.map(|(a, b)| text[a..b].to_owned());
            cp.entity(m.start, m.end, &text[m.name.0..m.name.1], slug)
        })
        .collect()
}

/// URLs of a post, with and without protocol.
pub fn extract_urls(text: &str) -> Vec<Entity> {
    let mut cp = CodePoints::new(text);
    url::extract_urls(text)
        .into_iter()
        .map(|u| cp.entity(u.start, u.end, &text[u.start..u.end], None))
        .collect()
}

/// Cashtags of a post, text without `$`.
pub fn extract_cashtags(text: &str) -> Vec<Entity> {
    let mut cp = CodePoints::new(text);
    cashtag::scan_cashtags(text)
        .into_iter()
        .map(|c| cp.entity(c.start, c.end, &text[c.start + 1..c.end], None))
        .collect()
}

/// The user a post replies to: a mention at its very start (after spaces).
pub fn extract_reply(text: &str) -> Option<String> {
    mention::scan_reply(text).map(|(a, b)| text[a..b].to_owned())
}

/// Hashtags, mentions, URLs and cashtags of a post, each as twitter-text's
/// own extractor finds them (hashtags inside a URL are not hashtags).
pub fn extract_entities(text: &str) -> Entities {
    let bytes = text.as_bytes();
    let urls = if memchr::memchr(b'.', bytes).is_some() {
        url::extract_urls(text)
    } else {
        Vec::new()
    };
    let mut entities = Entities::default();
    let mut cp = CodePoints::new(text);
    if memchr::memchr2(b'#', 0xEF, bytes).is_some() {
        let tags = remove_url_overlaps(hashtag::scan_hashtags(text), &urls);
        entities.hashtags = tags
            .into_iter()
            .map(|t| cp.entity(t.start, t.end, &text[t.text_start(text)..t.end], None))
            .collect();
    }
    if memchr::memchr2(b'@', 0xEF, bytes).is_some() {
        entities.mentions = mention::scan_mentions(text)
            .into_iter()
            .map(|m| {
                let slug = m.list.map(|(a, b)| text[a..b].to_owned());
                cp.entity(m.start, m.end, &text[m.name.0..m.name.1], slug)
            })
            .collect();
    }
    entities.urls = urls
        .into_iter()
        .map(|u| cp.entity(u.start, u.end, &text[u.start..u.end], None))
        .collect();
    if memchr::memchr(b'$', bytes).is_some() {
        entities.cashtags = cashtag::scan_cashtags(text)
            .into_iter()
            .map(|c| cp.entity(c.start, c.end, &text[c.start + 1..c.end], None))
            .collect();
    }
    entities
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_example_of_the_issue() {
        let text = "@VilleExemple #MaVille https://ville-exemple.fr/agenda";
        let e = extract_entities(text);
        assert_eq!(e.mentions[0].text, "VilleExemple");
        assert_eq!((e.mentions[0].start, e.mentions[0].end), (0, 13));
        assert_eq!(e.hashtags[0].text, "MaVille");
        assert_eq!((e.hashtags[0].start, e.hashtags[0].end), (14, 22));
        assert_eq!(e.urls[0].text, "https://ville-exemple.fr/agenda");
        assert_eq!((e.urls[0].start, e.urls[0].end), (23, 54));
    }

    #[test]
    fn indices_are_code_points_and_bytes() {
        let text = "😀 Fête #été";
        let tag = &extract_hashtags(text)[0];
        assert_eq!(tag.text, "été");
        assert_eq!((tag.start, tag.end), (7, 11));
        assert_eq!(&text[tag.byte_start..tag.byte_end], "#été");
    }

    #[test]
    fn hashtags_inside_urls_are_dropped() {
        assert!(extract_hashtags("http://twitter.com/#hashtag twitter.com/#hashtag").is_empty());
        let lists = extract_mentions("@user/list-name !");
        assert_eq!(lists[0].list_slug.as_deref(), Some("list-name"));
        assert_eq!((lists[0].start, lists[0].end), (0, 15));
    }
}
