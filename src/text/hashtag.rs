//! Hashtags, found exactly as twitter-text finds them.
//!
//! A hashtag is `#` (or the full-width `＃`) followed by letters, marks,
//! digits and a few joiners (`_`, ZWNJ, ZWJ, `·`, …) holding at least one
//! letter or mark: `#1er` is a hashtag, `#2026` is not. The sign must be
//! preceded by the start of the text, a variation selector, or a character
//! that is neither a hashtag character nor `&` (so `Mairie#Tag` has none, but
//! `(#Tag` and `✌#Tag` do), and the hashtag is cancelled when `#`, `＃` or
//! `://` follows it (`#tag#tag2`, `#http://…`).
//!
//! The reference scans left to right and a match consumes the character
//! before the sign, which this scanner reproduces.

use super::chars::{HASHTAG_ALNUM, HASHTAG_ALPHA, char_at, char_before, is_hash_sign};

/// A hashtag found in a text: the byte range of `#tag` and of `tag`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct HashtagMatch {
    pub start: usize,
    pub end: usize,
}

impl HashtagMatch {
    /// Byte where the tag's text starts (after the sign).
    pub(crate) fn text_start(&self, text: &str) -> usize {
        self.start + char_at(text, self.start).map_or(1, char::len_utf8)
    }
}

/// May the character before a hash sign start a hashtag?
fn is_boundary(c: char) -> bool {
    c == '\u{FE0E}' || c == '\u{FE0F}' || !(HASHTAG_ALNUM.contains(c) || c == '&')
}

/// Every hashtag of `text` (without removing those inside URLs).
pub(crate) fn scan_hashtags(text: &str) -> Vec<HashtagMatch> {
    let mut found = Vec::new();
    let bytes = text.as_bytes();
    // End of the previous match: the boundary character must start after it.
    let mut last = 0;
    let mut i = 0;
    while i < bytes.len() {
        // Hash signs: '#' (0x23) or '＃' (EF BC 83).
        let Some(offset) = memchr::memchr2(b'#', 0xEF, &bytes[i..]) else {
            break;
        };
        let h = i + offset;
        let Some(sign) = char_at(text, h) else { break };
        i = h + sign.len_utf8();
        if !is_hash_sign(sign) {
            continue;
        }
        let boundary_ok = match char_before(text, h) {
            None => last == 0,
            Some((p, c)) => p >= last && is_boundary(c),
        };
        if !boundary_ok {
            continue;
        }
        let tag_start = h + sign.len_utf8();
        if matches!(char_at(text, tag_start), Some('\u{FE0F}' | '\u{20E3}')) {
            continue;
        }
        // The whole run of hashtag characters, if it holds a letter.
        let mut end = tag_start;
        let mut has_letter = false;
        for c in text[tag_start..].chars() {
            if !HASHTAG_ALNUM.contains(c) {
                break;
            }
            has_letter = has_letter || HASHTAG_ALPHA.contains(c);
            end += c.len_utf8();
        }
        if !has_letter {
            continue;
        }
        last = end;
        i = end;
        let rest = &text[end..];
        let cancelled = rest.starts_with('#') || rest.starts_with('＃') || rest.starts_with("://");
        if !cancelled {
            found.push(HashtagMatch { start: h, end });
        }
    }
    found
}

/// Is `text` exactly one hashtag, sign included (`isValidHashtag`)?
pub fn is_valid_hashtag(text: &str) -> bool {
    let found = super::extract_hashtags_raw(text);
    match (found.as_slice(), text.chars().next()) {
        ([tag], Some(first)) => text[tag.text_start(text)..tag.end] == text[first.len_utf8()..],
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tags(text: &str) -> Vec<&str> {
        scan_hashtags(text)
            .into_iter()
            .map(|t| &text[t.text_start(text)..t.end])
            .collect()
    }

    #[test]
    fn hashtags_and_their_boundaries() {
        assert_eq!(
            tags("#MaVille, (#Fête) #2026 #1er"),
            vec!["MaVille", "Fête", "1er"]
        );
        assert_eq!(tags("Mairie#Tag a&#b"), Vec::<&str>::new());
        assert_eq!(tags("#tag#tag2 #x://"), Vec::<&str>::new());
        assert_eq!(tags("##tag"), vec!["tag"]);
        assert_eq!(tags("✌#tag ＃全角"), vec!["tag", "全角"]);
    }
}
