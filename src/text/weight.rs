//! Weighted length: how long X says a post is (`parseTweet`).
//!
//! The text is first normalised (NFC: `e` + combining acute becomes `é`).
//! Then, from left to right: a URL counts `transformedURLLength` (23)
//! whatever its length; with v3, an emoji sequence counts `defaultWeight`
//! (2 characters); any other character counts the weight of its range (1 for
//! Latin, accents, curly quotes, dashes; 2 for CJK, `…`, `€`, NNBSP U+202F,
//! every astral character). A post is valid when its length is between 1 and
//! the limit and it has none of U+FFFE, U+FEFF, U+FFFF.

use std::borrow::Cow;

use serde::Serialize;
use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};

use super::config::Config;
use super::emoji::scan_emoji;
use super::url::{UrlMatch, extract_urls};

/// What twitter-text's `parseTweet` reports, with indices in code points
/// (and in UTF-16 units, as twitter-text gives them).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ParseResult {
    /// Length as the platform counts it, in characters.
    pub weighted_length: usize,
    /// Between 1 and the limit, without invalid characters.
    pub valid: bool,
    /// Length per thousand of the limit (1000 = exactly full).
    pub permillage: usize,
    /// Last code point (inclusive) of the text that fits in the limit. Like
    /// twitter-text, this corrects for normalisation only by the difference
    /// in length, and never goes below 0.
    pub valid_range_end: usize,
    /// Last code point of the text (inclusive; 0 for an empty text).
    pub display_range_end: usize,
    /// `valid_range_end` in UTF-16 units (twitter-text's `validRangeEnd`).
    pub valid_range_end_utf16: usize,
    /// `display_range_end` in UTF-16 units (twitter-text's `displayRangeEnd`).
    pub display_range_end_utf16: usize,
}

/// The characters of `text` from U+0300 on. Those below (ASCII, Latin-1,
/// Latin Extended) are always in NFC with combining class 0, so the quick
/// check can skip them: dropping such a character can make it answer "no"
/// where the text is fine (which the full check then corrects), never "yes"
/// where it is not.
fn chars_from_u0300(text: &str) -> impl Iterator<Item = char> + '_ {
    let bytes = text.as_bytes();
    let mut i = 0;
    std::iter::from_fn(move || {
        while i < bytes.len() {
            match bytes[i] {
                0x00..=0x7F => i += 1,
                // Lead bytes C2–CB start U+0080–U+02FF.
                0xC2..=0xCB => i += 2,
                _ => {
                    let c = text[i..].chars().next()?;
                    i += c.len_utf8();
                    return Some(c);
                }
            }
        }
        None
    })
}

/// NFC, without copying when the text already is (the usual case).
pub(crate) fn nfc(text: &str) -> Cow<'_, str> {
    if text.is_ascii() || is_nfc_quick(chars_from_u0300(text)) == IsNormalized::Yes {
        return Cow::Borrowed(text);
    }
    let normalized: String = text.nfc().collect();
    if normalized == text {
        Cow::Borrowed(text)
    } else {
        Cow::Owned(normalized)
    }
}

fn is_invalid_char(c: char) -> bool {
    matches!(c, '\u{FFFE}' | '\u{FEFF}' | '\u{FFFF}')
}

/// Weigh a post with a configuration (`parseTweet`).
pub fn parse_tweet(text: &str, config: &Config) -> ParseResult {
    let normalized = nfc(text);
    let urls = extract_urls(&normalized);
    weigh(text, &normalized, &urls, config)
}

/// Weigh `text`, whose NFC form is `n` (the same slice when `text` already
/// is in NFC), in which `urls` were found.
pub(crate) fn weigh(text: &str, n: &str, urls: &[UrlMatch], config: &Config) -> ParseResult {
    let emoji = if config.emoji_parsing_enabled && !n.is_ascii() {
        scan_emoji(n)
    } else {
        Vec::new()
    };

    let scale = u64::from(config.scale.max(1));
    let max = u64::from(config.max_weighted_tweet_length);
    let url_weight = u64::from(config.transformed_url_length) * scale;
    let ascii_weight = config.ascii_weight().map(u64::from);
    let mut weight: u64 = 0;
    let mut ok = true;
    // Index (inclusive) of the last unit that still fits, in both units.
    let mut valid_end_cp = 0usize;
    let mut valid_end_16 = 0usize;
    let (mut cp, mut u16) = (0usize, 0usize);
    let (mut next_url, mut next_emoji) = (0usize, 0usize);
    let mut i = 0usize;
    let bytes = n.as_bytes();
    // When a URL's text is shorter than its range (see `UrlMatch::cut`), the
    // reference may stop skipping between the two halves of an astral
    // character; it then weighs the lone low half on its own.
    let mut pending_low: Option<u32> = None;
    while i < n.len() || pending_low.is_some() {
        if let Some(low) = pending_low.take() {
            weight += u64::from(config.unit_weight(low));
            if ok && weight <= max * scale {
                valid_end_16 = u16;
            }
            u16 += 1;
            continue;
        }
        while next_url < urls.len() && urls[next_url].start < i {
            next_url += 1;
        }
        while next_emoji < emoji.len() && emoji[next_emoji].0 < i {
            next_emoji += 1;
        }
        // Fast path: a run of ASCII before the next URL or emoji, weighed at
        // once (most of a French post).
        if let Some(w) = ascii_weight {
            let next_event = urls
                .get(next_url)
                .map_or(n.len(), |u| u.start)
                .min(emoji.get(next_emoji).map_or(n.len(), |e| e.0));
            let run = bytes[i..next_event]
                .iter()
                .take_while(|b| b.is_ascii())
                .count();
            if run > 0 {
                let room = max * scale;
                if ok && weight + w <= room {
                    // How many of the run still fit (all of them when w is 0).
                    let fit = (room - weight)
                        .checked_div(w)
                        .map_or(run, |k| (k as usize).min(run));
                    valid_end_cp = cp + fit - 1;
                    valid_end_16 = u16 + fit - 1;
                }
                weight += w * run as u64;
                cp += run;
                u16 += run;
                i += run;
                continue;
            }
        }
        // One step: a URL, an emoji sequence, or one character.
        let (step_end, step_cp, step_16, last) =
            if next_url < urls.len() && urls[next_url].start == i {
                weight += url_weight;
                let want = urls[next_url].text_len_utf16(n);
                let (mut j, mut units, mut cps, mut last) = (i, 0, 0, None);
                while units < want {
                    let Some(c) = n[j..].chars().next() else {
                        break;
                    };
                    units += c.len_utf16();
                    j += c.len_utf8();
                    cps += 1;
                    last = Some(c);
                }
                if units > want
                    && let Some(c) = last
                {
                    pending_low = Some(low_surrogate(c));
                    last = None; // the high half is never an invalid character
                }
                (j, cps, want, last)
            } else if next_emoji < emoji.len() && emoji[next_emoji].0 == i {
                weight += u64::from(config.default_weight);
                let end = emoji[next_emoji].1;
                let (c, u) = counts(&n[i..end]);
                (end, c, u, n[i..end].chars().next_back())
            } else if bytes[i] < 0x80 {
                weight += u64::from(config.unit_weight(u32::from(bytes[i])));
                (i + 1, 1, 1, None)
            } else {
                let c = n[i..].chars().next().unwrap_or('\u{FFFD}');
                // twitter-text weighs an astral character by its low surrogate.
                let unit = if c.len_utf16() == 2 {
                    low_surrogate(c)
                } else {
                    c as u32
                };
                weight += u64::from(config.unit_weight(unit));
                (i + c.len_utf8(), 1, c.len_utf16(), Some(c))
            };
        if ok {
            ok = !last.is_some_and(is_invalid_char);
        }
        if ok && weight <= max * scale {
            valid_end_cp = cp + step_cp - 1;
            valid_end_16 = u16 + step_16 - 1;
        }
        cp += step_cp;
        u16 += step_16;
        i = step_end;
    }

    // twitter-text divides and multiplies in floating point; so do we, to
    // round exactly as it does.
    let weighted = weight as f64 / scale as f64;
    let permillage = if max == 0 {
        0
    } else {
        (weighted / max as f64 * 1000.0).floor() as usize
    };
    let weighted_length = weighted.floor() as usize;
    let valid = ok && weighted > 0.0 && weighted <= max as f64;

    // Ranges refer to the text as given, not the normalised one.
    let (text_cp, text_16) = if std::ptr::eq(n, text) {
        (cp, u16)
    } else {
        counts(text)
    };
    let shift = |end: usize, total: usize, normalized_total: usize| {
        (end + total).saturating_sub(normalized_total)
    };
    ParseResult {
        weighted_length,
        valid,
        permillage,
        valid_range_end: shift(valid_end_cp, text_cp, cp),
        display_range_end: text_cp.saturating_sub(1),
        valid_range_end_utf16: shift(valid_end_16, text_16, u16),
        display_range_end_utf16: text_16.saturating_sub(1),
    }
}

/// The low surrogate of an astral character (as a UTF-16 unit value).
fn low_surrogate(c: char) -> u32 {
    0xDC00 + ((c as u32 - 0x10000) & 0x3FF)
}

/// Number of code points and of UTF-16 units of `s`.
fn counts(s: &str) -> (usize, usize) {
    if s.is_ascii() {
        return (s.len(), s.len());
    }
    s.chars()
        .fold((0, 0), |(c, u), ch| (c + 1, u + ch.len_utf16()))
}

/// Is the post valid under `config` (`isValidTweetText`): not empty, not
/// longer than the limit, without invalid characters.
///
/// Note: twitter-text merges the given configuration over its defaults, so
/// its `isValidTweetText(text, configs.version1)` counts emoji sequences as
/// v3 does; pass `Config { emoji_parsing_enabled: true, ..Config::V1 }` to
/// reproduce that.
pub fn is_valid_tweet_text(text: &str, config: &Config) -> bool {
    if text.is_empty() {
        return false;
    }
    let parsed = parse_tweet(text, config);
    parsed.weighted_length <= config.max_weighted_tweet_length as usize
        && !text.chars().any(is_invalid_char)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v3(text: &str) -> usize {
        parse_tweet(text, &Config::V3).weighted_length
    }

    #[test]
    fn weights_of_the_reference_table() {
        assert_eq!(v3("cityhall.org"), 23);
        assert_eq!(v3("ftp://example.com"), 17);
        assert_eq!(v3("e\u{301}"), 1);
        assert_eq!(v3("한국어"), 6);
        assert_eq!(v3("❤️"), 2);
        assert_eq!(parse_tweet("❤️", &Config::V2).weighted_length, 4);
        assert_eq!(v3("©"), 1);
        assert_eq!(v3("©️"), 2);
        assert_eq!(v3("👨‍👩‍👧‍👦"), 2);
        assert_eq!(parse_tweet("👨‍👩‍👧‍👦", &Config::V2).weighted_length, 11);
        assert_eq!(v3("🧑‍🤝‍🧑"), 8);
        assert_eq!(v3("\r\n"), 2);
        assert_eq!(v3("™…•€\u{3000}"), 10);
        assert_eq!(v3("Bonjour\u{202F}!"), 10);
    }

    #[test]
    fn normalisation_is_detected() {
        assert!(matches!(nfc("École d’été\u{202F}!"), Cow::Borrowed(_)));
        assert_eq!(nfc("e\u{301}cole"), "école");
        assert_eq!(nfc("a\u{301}\u{300}"), "á\u{300}");
        assert_eq!(nfc("\u{FB2C}"), "\u{5E9}\u{5BC}\u{5C1}");
        assert!(matches!(nfc("\u{300}x\u{301}"), Cow::Borrowed(_)));
    }

    #[test]
    fn empty_and_invalid() {
        let empty = parse_tweet("", &Config::V3);
        assert_eq!(
            (empty.weighted_length, empty.valid, empty.permillage),
            (0, false, 0)
        );
        assert!(!parse_tweet("a\u{FEFF}", &Config::V3).valid);
        assert!(parse_tweet(" ", &Config::V3).valid);
    }
}
