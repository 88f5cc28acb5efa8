//! Character classes of twitter-text, read from the generated tables.
//!
//! The tables in `tables.rs` were produced by evaluating the regexes of the
//! npm package `twitter-text@3.1.0` on every code point, with JavaScript's own
//! case-insensitive rules: they say exactly what the reference says, including
//! its quirks (for example `Ⱥ`'s lower case `ⱥ` counts as a Latin accent).

use super::tables;

/// A set of code points, with a bit mask for the ASCII ones (most of a French
/// post) and sorted ranges for the others.
pub(crate) struct Class {
    ascii: u128,
    ranges: &'static [(u32, u32)],
}

impl Class {
    const fn new(ranges: &'static [(u32, u32)]) -> Class {
        let mut ascii = 0u128;
        let mut i = 0;
        while i < ranges.len() {
            let (start, end) = ranges[i];
            let mut c = start;
            while c <= end && c < 128 {
                ascii |= 1 << c;
                c += 1;
            }
            i += 1;
        }
        Class { ascii, ranges }
    }

    #[inline]
    pub(crate) fn contains(&self, c: char) -> bool {
        let u = c as u32;
        if u < 128 {
            return self.ascii >> u & 1 == 1;
        }
        in_ranges(self.ranges, u)
    }
}

fn in_ranges(ranges: &[(u32, u32)], u: u32) -> bool {
    ranges
        .binary_search_by(|&(start, end)| {
            if end < u {
                std::cmp::Ordering::Less
            } else if start > u {
                std::cmp::Ordering::Greater
            } else {
                std::cmp::Ordering::Equal
            }
        })
        .is_ok()
}

pub(crate) static HASHTAG_ALPHA: Class = Class::new(tables::HASHTAG_ALPHA);
pub(crate) static HASHTAG_ALNUM: Class = Class::new(tables::HASHTAG_ALNUM);
static NOT_DOMAIN: Class = Class::new(tables::NOT_DOMAIN_CHARS);
static NOT_URL_PRECEDING: Class = Class::new(tables::NOT_URL_PRECEDING);
pub(crate) static ASCII_DOMAIN: Class = Class::new(tables::ASCII_DOMAIN_CHARS);
pub(crate) static LATIN_ACCENTS: Class = Class::new(tables::LATIN_ACCENTS);
pub(crate) static SPACES: Class = Class::new(tables::SPACES);
pub(crate) static JS_WHITESPACE: Class = Class::new(tables::JS_WHITESPACE);
pub(crate) static PUNCTUATION: Class = Class::new(tables::PUNCTUATION);

/// May this character be part of a domain label? Every astral code point
/// may (the reference matches surrogate halves one by one).
#[inline]
pub(crate) fn is_domain_char(c: char) -> bool {
    !NOT_DOMAIN.contains(c)
}

/// May this character come right before a URL?
#[inline]
pub(crate) fn is_url_preceding(c: char) -> bool {
    !NOT_URL_PRECEDING.contains(c)
}

/// At signs of mentions: `@` and the full-width `＠`.
#[inline]
pub(crate) fn is_at_sign(c: char) -> bool {
    c == '@' || c == '＠'
}

/// Hash signs of hashtags: `#` and the full-width `＃`.
#[inline]
pub(crate) fn is_hash_sign(c: char) -> bool {
    c == '#' || c == '＃'
}

/// Characters of a user name: `[a-zA-Z0-9_]`.
#[inline]
pub(crate) fn is_username_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}

/// The character that starts at byte `i` (`None` at the end).
#[inline]
pub(crate) fn char_at(text: &str, i: usize) -> Option<char> {
    text[i..].chars().next()
}

/// The character that ends at byte `i`, with its byte position.
#[inline]
pub(crate) fn char_before(text: &str, i: usize) -> Option<(usize, char)> {
    text[..i].chars().next_back().map(|c| (i - c.len_utf8(), c))
}

/// Does `text` continue at byte `i` with an ending that cancels a mention
/// (`endMentionMatch`: an at sign, a Latin accented letter, or `://`)?
pub(crate) fn is_end_mention_match(text: &str, i: usize) -> bool {
    let rest = &text[i..];
    match rest.chars().next() {
        Some(c) => is_at_sign(c) || LATIN_ACCENTS.contains(c) || rest.starts_with("://"),
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_masks_agree_with_the_tables() {
        for c in (0u8..128).map(char::from) {
            let u = c as u32;
            assert_eq!(
                HASHTAG_ALNUM.contains(c),
                in_ranges(tables::HASHTAG_ALNUM, u)
            );
            assert_eq!(is_domain_char(c), !in_ranges(tables::NOT_DOMAIN_CHARS, u));
        }
        assert!(HASHTAG_ALPHA.contains('é'));
        assert!(!HASHTAG_ALPHA.contains('1'));
        assert!(HASHTAG_ALNUM.contains('1'));
        assert!(HASHTAG_ALNUM.contains('_'));
        assert!(!HASHTAG_ALNUM.contains('&'));
        assert!(is_domain_char('中'));
        assert!(is_domain_char('😀'));
        assert!(!is_domain_char('.'));
        assert!(!is_domain_char('\u{202F}'));
    }
}
