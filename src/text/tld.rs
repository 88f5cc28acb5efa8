//! Top-level domains: the list of twitter-text (`tld_lib.yml`, copied from
//! the conformance suite, Apache-2.0, see `src/text/NOTICE.md`)
//! and the rule that says where a domain's TLD ends.
//!
//! twitter-text accepts a TLD when it is one of the 1,259 generic or 315
//! country domains of the list, compared case-insensitively, and is not
//! followed by an ASCII letter or digit, `@`, `+` or `-` (so `tar.bz2` and
//! `john.doe.gov@mail.com` are not links); or when it is a punycode label
//! `xn--…`. When several TLDs fit, the first in the list wins (generic first).

use std::collections::HashMap;
use std::sync::OnceLock;

use super::chars::char_at;
use super::tables::TLD_FOLD;

/// The list as shipped, in the reference's order of preference.
pub(crate) const TLD_LIB: &str = include_str!("tld_lib.yml");

struct TldIndex {
    /// Every TLD (lower case) → order of preference.
    order: HashMap<&'static str, u32>,
    /// Length of the longest TLD, in characters.
    longest: usize,
}

/// The generic then country lists of `tld_lib.yml`, as `(generic, country)`.
/// The file is a plain two-key YAML list; reading it by lines keeps the core
/// free of a YAML parser at run time.
pub(crate) fn tld_lists() -> (Vec<&'static str>, Vec<&'static str>) {
    let mut generic = Vec::new();
    let mut country = Vec::new();
    let mut current: Option<&mut Vec<&'static str>> = None;
    for line in TLD_LIB.lines() {
        if line.starts_with("country:") {
            current = Some(&mut country);
        } else if line.starts_with("generic:") {
            current = Some(&mut generic);
        } else if let (Some(list), Some(item)) = (current.as_deref_mut(), line.strip_prefix("- ")) {
            let item = item.trim();
            // YAML quotes the entries that would otherwise read as booleans.
            let item = item
                .strip_prefix('\'')
                .and_then(|s| s.strip_suffix('\''))
                .unwrap_or(item);
            list.push(item);
        }
    }
    (generic, country)
}

fn index() -> &'static TldIndex {
    static INDEX: OnceLock<TldIndex> = OnceLock::new();
    INDEX.get_or_init(|| {
        let (generic, country) = tld_lists();
        let mut index = TldIndex {
            order: HashMap::new(),
            longest: 0,
        };
        for (order, tld) in generic.into_iter().chain(country).enumerate() {
            index.longest = index.longest.max(tld.chars().count());
            index.order.entry(tld).or_insert(order as u32);
        }
        index
    })
}

/// The character of the TLD list that `c` stands for under JavaScript's
/// case-insensitive comparison (`c` itself when none).
fn fold(c: char) -> char {
    if c.is_ascii() {
        return c.to_ascii_lowercase();
    }
    match TLD_FOLD.binary_search_by_key(&(c as u32), |&(from, _)| from) {
        Ok(i) => char::from_u32(TLD_FOLD[i].1).unwrap_or(c),
        Err(_) => c,
    }
}

/// Is the character at byte `i` (of a haystack ending at `limit`) one that
/// may follow a TLD? The end of the haystack may.
fn may_follow_tld(text: &str, i: usize, limit: usize) -> bool {
    if i >= limit {
        return true;
    }
    match char_at(text, i) {
        Some(c) => !(c.is_ascii_alphanumeric() || c == '@' || c == '+' || c == '-'),
        None => true,
    }
}

/// If a TLD starts at byte `start` of `text[..limit]`, the byte where it ends.
pub(crate) fn match_tld(text: &str, start: usize, limit: usize) -> Option<usize> {
    if start >= limit {
        return None;
    }
    let index = index();
    // Try every TLD that the text starts with; keep the first in the list
    // among those followed by an allowed character. An ASCII letter or digit
    // followed by another one cannot end a TLD, which skips most lookups.
    let mut folded = String::new();
    let mut best: Option<(u32, usize)> = None;
    let mut chars = text[start..limit].char_indices().peekable();
    let mut taken = 0;
    while let Some((offset, c)) = chars.next() {
        if taken == index.longest || (c.is_ascii() && !c.is_ascii_alphanumeric()) {
            break;
        }
        taken += 1;
        folded.push(fold(c));
        if c.is_ascii_alphanumeric()
            && chars
                .peek()
                .is_some_and(|&(_, n)| n.is_ascii_alphanumeric())
        {
            continue;
        }
        let end = start + offset + c.len_utf8();
        if let Some(&order) = index.order.get(folded.as_str())
            && may_follow_tld(text, end, limit)
            && best.is_none_or(|(o, _)| order < o)
        {
            best = Some((order, end));
        }
    }
    match best {
        Some((_, end)) => Some(end),
        None => match_punycode(text, start, limit),
    }
}

/// `xn--` followed by letters, digits and hyphens (any case).
fn match_punycode(text: &str, start: usize, limit: usize) -> Option<usize> {
    let bytes = &text.as_bytes()[..limit];
    let prefix = bytes.get(start..start + 4)?;
    if !prefix.eq_ignore_ascii_case(b"xn--") {
        return None;
    }
    let mut end = start + 4;
    while end < limit && (bytes[end].is_ascii_alphanumeric() || bytes[end] == b'-') {
        end += 1;
    }
    (end > start + 4).then_some(end)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_list_has_every_tld_of_the_reference() {
        let (generic, country) = tld_lists();
        assert_eq!(generic.len(), 1259);
        assert_eq!(country.len(), 315);
        assert!(generic.contains(&"no") || country.contains(&"no"));
        assert!(generic.contains(&"off"));
        // TLDs are letters only (some mix ASCII and accents).
        assert!(generic.contains(&"vermögensberatung"));
        for tld in generic.iter().chain(&country) {
            assert!(
                !tld.chars().any(|c| c.is_ascii() && !c.is_ascii_lowercase()),
                "{tld}"
            );
        }
    }

    #[test]
    fn tld_boundaries() {
        let end = |s: &str, i: usize| match_tld(s, i, s.len());
        assert_eq!(end("example.com", 8), Some(11));
        assert_eq!(end("example.COM", 8), Some(11));
        assert_eq!(end("example.comx", 8), None);
        assert_eq!(end("example.com-x", 8), None);
        assert_eq!(end("example.com/x", 8), Some(11));
        assert_eq!(end("example.comてすと", 8), Some(11));
        assert_eq!(end("twitter.みんなです", 8), Some(8 + "みんな".len()));
        assert_eq!(end("a.РФ", 2), Some(2 + "РФ".len()));
        assert_eq!(end("a.xn--p1ai", 2), Some(10));
        assert_eq!(end("tar.bz2", 4), None);
        assert_eq!(
            end("a.vermögensberatung/x", 2),
            Some(2 + "vermögensberatung".len())
        );
        assert_eq!(
            end("a.VERMÖGENSBERATUNG", 2),
            Some(2 + "VERMÖGENSBERATUNG".len())
        );
    }
}
