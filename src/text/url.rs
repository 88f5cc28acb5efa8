//! URLs, with and without protocol, found exactly as twitter-text finds them.
//!
//! twitter-text finds URLs with one large regex (`extractUrl`) that needs
//! look-ahead, which Rust's `regex` crate does not have. This module finds the
//! same matches with a small scanner that follows the regex's own order of
//! preference:
//!
//! 1. a URL is `[preceding character] [http(s)://] domain [:port] [/path] [?query]`;
//!    the preceding character is consumed by the match (so `a.com b.com`
//!    yields both, but the second of two adjacent matches cannot reuse the end
//!    of the first);
//! 2. a domain is `subdomain.* domain-name. TLD`: labels of "domain
//!    characters" (anything but punctuation, spaces and a few invisible marks)
//!    that start and end with such a character; subdomains may also hold `_`;
//!    the TLD comes from the list (see [`super::tld`]);
//! 3. the regex prefers the earliest start, then a protocol, then as many
//!    subdomains as possible;
//! 4. after the domain, port, path and query have no look-around: they are a
//!    `regex` translated from the reference by `tests/oracle/gen-tables.js`;
//! 5. then the reference's checks: the domain must convert to ASCII (IDNA)
//!    with labels of at most 63 characters, the URL must be at most 4096
//!    UTF-16 units, a URL without protocol keeps only its ASCII domain (and
//!    its path when the whole domain matched), and a t.co link stops after
//!    its slug (of at most 40 characters).

use std::collections::HashMap;
use std::sync::OnceLock;

use regex::Regex;

use super::chars::{ASCII_DOMAIN, char_at, char_before, is_domain_char, is_url_preceding};
use super::tables;
use super::tld::match_tld;

/// A URL found in a text: a byte range.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct UrlMatch {
    pub start: usize,
    pub end: usize,
    pub has_protocol: bool,
    /// Bytes inside the range that are not part of the URL's text. The
    /// reference rebuilds a URL without protocol as "its ASCII domain + the
    /// rest", which drops what followed that domain in a longer one
    /// (`lyon.fr例え.jp/x` gives the URL `lyon.fr/x` over the whole range).
    pub cut: Option<(usize, usize)>,
}

impl UrlMatch {
    /// Length of the URL's text in UTF-16 units (what the reference skips
    /// when it weighs the URL).
    pub(crate) fn text_len_utf16(&self, text: &str) -> usize {
        let cut = self.cut.map_or(0, |(a, b)| utf16_len(&text[a..b]));
        utf16_len(&text[self.start..self.end]) - cut
    }

    /// The URL as the reference gives it.
    pub(crate) fn text<'a>(&self, text: &'a str) -> std::borrow::Cow<'a, str> {
        match self.cut {
            None => std::borrow::Cow::Borrowed(&text[self.start..self.end]),
            Some((a, b)) => {
                std::borrow::Cow::Owned(format!("{}{}", &text[self.start..a], &text[b..self.end]))
            }
        }
    }
}

/// The reference's cap on a URL's length (UTF-16 units, protocol counted).
const MAX_URL_LENGTH: usize = 4096;
/// The reference's cap on a t.co slug.
const MAX_TCO_SLUG_LENGTH: usize = 40;
/// The longest DNS label.
const MAX_DOMAIN_LABEL_LENGTH: usize = 63;

fn tail_regex() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| Regex::new(tables::URL_TAIL_PATTERN).expect("generated URL tail pattern"))
}

fn query_regex() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| Regex::new(tables::URL_QUERY_PATTERN).expect("generated URL query pattern"))
}

/// Characters of a domain label run: domain characters, `_` and `-`.
#[inline]
fn is_label_char(c: char) -> bool {
    c == '_' || c == '-' || is_domain_char(c)
}

/// End of the run of label characters that starts at byte `p`.
fn label_end(text: &str, p: usize) -> usize {
    let mut end = p;
    for c in text[p..].chars() {
        if !is_label_char(c) {
            break;
        }
        end += c.len_utf8();
    }
    end
}

/// Validity of the label `text[a..b]` (non-empty, label characters only):
/// `(as a subdomain, as the domain name)`. Both must start and end with a
/// domain character; only subdomains may hold `_`.
fn label_validity(label: &str) -> (bool, bool) {
    let first = label.chars().next().is_some_and(is_domain_char);
    let last = label.chars().next_back().is_some_and(is_domain_char);
    let sub = first && last;
    (sub, sub && !label.contains('_'))
}

/// The run of label characters before a dot, read once so that each
/// candidate start in it is judged in constant time.
struct Run {
    /// Does the run end (before the dot) with a domain character?
    ends_well: bool,
    /// The last `_` of the run, if any.
    last_underscore: Option<usize>,
}

impl Run {
    fn new(text: &str, s: usize, d: usize) -> Run {
        Run {
            ends_well: text[s..d].chars().next_back().is_some_and(is_domain_char),
            last_underscore: memchr::memrchr(b'_', &text.as_bytes()[s..d]).map(|p| s + p),
        }
    }

    /// Validity of the label from `q` to the dot, as in [`label_validity`].
    fn validity(&self, text: &str, q: usize) -> (bool, bool) {
        let sub = self.ends_well && char_at(text, q).is_some_and(is_domain_char);
        (sub, sub && self.last_underscore.is_none_or(|u| u < q))
    }
}

/// Memory of domain ends already computed for a label start, so that a long
/// chain of dotted labels is read once, not once per candidate start.
#[derive(Default)]
struct DomainMemo {
    /// The first results, searched in order (posts have few dots).
    few: Vec<(usize, Option<usize>)>,
    /// The others, for texts with many dotted labels.
    many: HashMap<usize, Option<usize>>,
}

impl DomainMemo {
    const FEW: usize = 32;

    fn get(&self, pos: usize) -> Option<Option<usize>> {
        match self.few.iter().find(|(p, _)| *p == pos) {
            Some(&(_, v)) => Some(v),
            None if self.few.len() == Self::FEW => self.many.get(&pos).copied(),
            None => None,
        }
    }

    fn insert(&mut self, pos: usize, value: Option<usize>) {
        if self.few.len() < Self::FEW {
            self.few.push((pos, value));
        } else {
            self.many.insert(pos, value);
        }
    }

    /// Where the domain ends when the chain of labels starts right after a
    /// dot, at byte `p`: the reference takes as many subdomains as it can,
    /// then a domain name followed by a dot and a TLD.
    fn chain(&mut self, text: &str, p: usize) -> Option<usize> {
        // Walk forward over "label." pieces not yet known, then resolve them
        // from the last one back (the result of a label needs the next one's).
        let mut pending: Vec<(usize, usize)> = Vec::new();
        let mut pos = p;
        let mut next = loop {
            if let Some(known) = self.get(pos) {
                break known;
            }
            let end = label_end(text, pos);
            if end == pos || text.as_bytes().get(end) != Some(&b'.') {
                // No "label." here: a chain cannot continue from this point.
                self.insert(pos, None);
                break None;
            }
            pending.push((pos, end));
            pos = end + 1;
        };
        while let Some((start, dot)) = pending.pop() {
            let (sub, name) = label_validity(&text[start..dot]);
            let value = if sub && next.is_some() {
                next
            } else if name {
                match_tld(text, dot + 1, text.len())
            } else {
                None
            };
            self.insert(start, value);
            next = value;
        }
        self.get(p).flatten()
    }

    /// Where the domain ends when it starts at `q`, with its first dot at `d`.
    /// `run` describes the label characters before `d` (see [`Run`]).
    fn domain(&mut self, text: &str, q: usize, d: usize, run: &Run) -> Option<usize> {
        let (sub, name) = run.validity(text, q);
        if sub && let Some(end) = self.chain(text, d + 1) {
            return Some(end);
        }
        if name {
            match_tld(text, d + 1, text.len())
        } else {
            None
        }
    }
}

/// Where a URL ends after its domain (port, path, query), and whether it
/// has a path.
fn url_tail(text: &str, domain_end: usize) -> (usize, bool) {
    let rest = &text.as_bytes()[domain_end..];
    if !matches!(rest.first(), Some(b':' | b'/' | b'?')) {
        return (domain_end, false);
    }
    // The path group matches whenever a `/` follows the optional `:port`.
    let port = if rest[0] == b':' {
        let digits = rest[1..].iter().take_while(|b| b.is_ascii_digit()).count();
        if digits > 0 { 1 + digits } else { 0 }
    } else {
        0
    };
    let has_path = rest.get(port) == Some(&b'/');
    let end = tail_regex()
        .find(&text[domain_end..])
        .map_or(0, |m| m.end());
    (domain_end + end, has_path)
}

/// One match of the reference regex, before its checks.
struct RawMatch {
    /// Start of the protocol, or of the domain when there is none.
    start: usize,
    /// Start of the domain.
    domain_start: usize,
    domain_end: usize,
    has_protocol: bool,
    /// What the match consumed before the URL.
    before: Before,
}

/// What the reference's match consumed right before a URL.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Before {
    /// Nothing: the URL starts the text.
    Start,
    Char(char),
    /// The first half of an astral character whose second half starts the
    /// domain (the reference reads UTF-16 units).
    HighSurrogate,
    /// The second half of an astral character.
    LowSurrogate,
}

/// Start of `http://` or `https://` (any case) ending at byte `s`.
fn protocol_start(text: &str, s: usize) -> Option<usize> {
    let head = &text.as_bytes()[..s];
    if head.len() >= 8 && head[s - 8..].eq_ignore_ascii_case(b"https://") {
        Some(s - 8)
    } else if head.len() >= 7 && head[s - 7..].eq_ignore_ascii_case(b"http://") {
        Some(s - 7)
    } else {
        None
    }
}

/// The first match whose domain's first dot is at byte `d`, starting no
/// earlier than `last` (the end of the previous match).
fn match_at_dot(text: &str, d: usize, last: usize, memo: &mut DomainMemo) -> Option<RawMatch> {
    // The first label runs back from the dot over label characters.
    let mut s = d;
    while let Some((p, c)) = char_before(text, s) {
        if !is_label_char(c) {
            break;
        }
        s = p;
    }
    if s == d {
        return None;
    }
    let run = Run::new(text, s, d);

    // With a protocol, the match starts at the character before it.
    if let Some(p) = protocol_start(text, s) {
        let before = match char_before(text, p) {
            Some((pre, c)) if pre >= last && is_url_preceding(c) => Some(Before::Char(c)),
            None if last == 0 => Some(Before::Start),
            _ => None,
        };
        if let Some(before) = before
            && let Some(end) = memo.domain(text, s, d, &run)
        {
            return Some(RawMatch {
                start: p,
                domain_start: s,
                domain_end: end,
                has_protocol: true,
                before,
            });
        }
    }

    // Without protocol, the domain may start anywhere in the run after a
    // character that may precede a URL. The reference reads UTF-16 units: an
    // astral character (an emoji, a regional indicator) may precede the
    // domain by its high half while its low half starts the domain
    // (`split`), before it precedes the domain as a whole.
    let try_at = |q: usize, before: Before, memo: &mut DomainMemo| {
        memo.domain(text, q, d, &run).map(|end| RawMatch {
            start: q,
            domain_start: q,
            domain_end: end,
            has_protocol: false,
            before,
        })
    };
    // `q` walks over the characters that may precede the domain.
    let mut q;
    if s == 0 {
        if last > 0 {
            return None;
        }
        // At the very start, the regex tries "first character, then domain"
        // before "domain at 0".
        let c0 = char_at(text, 0)?;
        let q1 = c0.len_utf8();
        if c0.len_utf16() == 2 {
            if let Some(m) = try_at(0, Before::HighSurrogate, memo) {
                return Some(m);
            }
        } else if q1 < d
            && is_url_preceding(c0)
            && let Some(m) = try_at(q1, Before::Char(c0), memo)
        {
            return Some(m);
        }
        if let Some(m) = try_at(0, Before::Start, memo) {
            return Some(m);
        }
        if c0.len_utf16() == 2
            && q1 < d
            && let Some(m) = try_at(q1, Before::LowSurrogate, memo)
        {
            return Some(m);
        }
        q = q1;
    } else {
        if let Some((p, c)) = char_before(text, s)
            && p >= last
            && is_url_preceding(c)
            && let Some(m) = try_at(s, Before::Char(c), memo)
        {
            return Some(m);
        }
        q = s.max(last);
    }
    while q < d {
        let c = char_at(text, q)?;
        let next = q + c.len_utf8();
        if c.len_utf16() == 2 {
            if let Some(m) = try_at(q, Before::HighSurrogate, memo) {
                return Some(m);
            }
            if next < d
                && let Some(m) = try_at(next, Before::LowSurrogate, memo)
            {
                return Some(m);
            }
        } else if next < d
            && is_url_preceding(c)
            && let Some(m) = try_at(next, Before::Char(c), memo)
        {
            return Some(m);
        }
        q = next;
    }
    None
}

/// The ASCII domains inside `domain` (`validAsciiDomain`), as byte ranges of
/// `domain`: labels of ASCII letters, digits, `-` and Latin accents, a dot, a TLD.
fn ascii_domains(domain: &str) -> Vec<(usize, usize)> {
    let mut found = Vec::new();
    let mut pos = 0;
    while pos < domain.len() {
        // Labels followed by a dot, as many as possible, then back off until
        // a TLD follows.
        let mut dots = Vec::new();
        let mut p = pos;
        loop {
            let mut end = p;
            for c in domain[p..].chars() {
                if !ASCII_DOMAIN.contains(c) {
                    break;
                }
                end += c.len_utf8();
            }
            if end == p || domain.as_bytes().get(end) != Some(&b'.') {
                break;
            }
            dots.push(end);
            p = end + 1;
        }
        let matched = dots
            .iter()
            .rev()
            .find_map(|&dot| match_tld(domain, dot + 1, domain.len()));
        match matched {
            Some(end) => {
                found.push((pos, end));
                pos = end;
            }
            None => pos += char_at(domain, pos).map_or(1, char::len_utf8),
        }
    }
    found
}

/// Length of the punycode encoding (RFC 3492, without the `xn--` prefix) of
/// a sequence of code points, as the reference's `punycode` library computes
/// it. Code points rather than `char`s: the reference may encode a lone
/// surrogate (see [`Before::HighSurrogate`]).
fn punycode_len(points: &[u32]) -> usize {
    const BASE: u64 = 36;
    const T_MIN: u64 = 1;
    const T_MAX: u64 = 26;
    const SKEW: u64 = 38;
    const DAMP: u64 = 700;
    fn adapt(mut delta: u64, points: u64, first: bool) -> u64 {
        delta /= if first { DAMP } else { 2 };
        delta += delta / points;
        let mut k = 0;
        while delta > ((BASE - T_MIN) * T_MAX) / 2 {
            delta /= BASE - T_MIN;
            k += BASE;
        }
        k + (BASE - T_MIN + 1) * delta / (delta + SKEW)
    }
    let basic = points.iter().filter(|&&c| c < 0x80).count();
    let mut len = basic + usize::from(basic > 0);
    let (mut n, mut delta, mut bias) = (0x80u64, 0u64, 72u64);
    let mut handled = basic as u64;
    while (handled as usize) < points.len() {
        let Some(m) = points
            .iter()
            .map(|&c| u64::from(c))
            .filter(|&c| c >= n)
            .min()
        else {
            break;
        };
        delta += (m - n) * (handled + 1);
        n = m;
        for &c in points {
            let c = u64::from(c);
            if c < n {
                delta += 1;
            }
            if c == n {
                // One digit per step of the variable-length integer.
                let mut q = delta;
                let mut k = BASE;
                loop {
                    let t = if k <= bias {
                        T_MIN
                    } else if k >= bias + T_MAX {
                        T_MAX
                    } else {
                        k - bias
                    };
                    if q < t {
                        break;
                    }
                    len += 1;
                    q = (q - t) / (BASE - t);
                    k += BASE;
                }
                len += 1;
                bias = adapt(delta, handled + 1, handled == basic as u64);
                delta = 0;
                handled += 1;
            }
        }
        delta += 1;
        n += 1;
    }
    len
}

/// Length of a label once converted to ASCII as the reference's punycode
/// library does (`toASCII`, which also splits on ideographic full stops).
/// `points` are the label's code points.
fn ascii_label_length(points: &[u32]) -> usize {
    let is_stop = |&c: &u32| c == 0x3002 || c == 0xFF0E || c == 0xFF61;
    let mut total = 0;
    let mut parts = 0;
    for part in points.split(is_stop) {
        parts += 1;
        if part.iter().all(|&c| (0x20..=0x7E).contains(&c)) {
            total += part.len();
        } else if part.len() > MAX_DOMAIN_LABEL_LENGTH {
            // Punycode never shortens a label: it is too long already.
            return MAX_DOMAIN_LABEL_LENGTH + 1;
        } else {
            total += 4 + punycode_len(part);
        }
    }
    total + parts - 1
}

/// The reference's `idna.toAscii` check: every label converts to 1–63
/// ASCII characters, and a domain starting with `xn--` has an ASCII domain.
/// With `split`, the reference's domain starts with the low surrogate of its
/// first (astral) character.
fn domain_converts_to_ascii(domain: &str, split: bool) -> bool {
    if domain.starts_with("xn--") && ascii_domains(domain).is_empty() {
        return false;
    }
    let mut points: Vec<u32> = Vec::new();
    domain.split('.').enumerate().all(|(k, label)| {
        points.clear();
        let mut chars = label.chars();
        if split
            && k == 0
            && let Some(c) = chars.next()
        {
            let mut units = [0u16; 2];
            points.push(u32::from(c.encode_utf16(&mut units)[c.len_utf16() - 1]));
        }
        points.extend(chars.map(u32::from));
        let len = ascii_label_length(&points);
        (1..=MAX_DOMAIN_LABEL_LENGTH).contains(&len)
    })
}

pub(crate) fn utf16_len(s: &str) -> usize {
    if s.is_ascii() {
        return s.len();
    }
    s.chars().map(char::len_utf16).sum()
}

/// A t.co link: `(slug length, length of the link up to its query)`.
fn tco_link(url: &str) -> Option<(usize, usize)> {
    let bytes = url.as_bytes();
    let after_scheme = if bytes.len() >= 8 && bytes[..8].eq_ignore_ascii_case(b"https://") {
        8
    } else if bytes.len() >= 7 && bytes[..7].eq_ignore_ascii_case(b"http://") {
        7
    } else {
        return None;
    };
    let host = bytes.get(after_scheme..after_scheme + 5)?;
    if !host.eq_ignore_ascii_case(b"t.co/") {
        return None;
    }
    let slug_start = after_scheme + 5;
    let slug_len = bytes[slug_start..]
        .iter()
        .take_while(|b| b.is_ascii_alphanumeric())
        .count();
    if slug_len == 0 {
        return None;
    }
    let mut end = slug_start + slug_len;
    if let Some(m) = query_regex().find(&url[end..]) {
        end += m.end();
    }
    Some((slug_len, end))
}

/// Every URL of `text`, as the reference's `extractUrlsWithIndices` finds
/// them (URLs without protocol included), as byte ranges.
pub(crate) fn extract_urls(text: &str) -> Vec<UrlMatch> {
    let mut urls = Vec::new();
    let bytes = text.as_bytes();
    if memchr::memchr(b'.', bytes).is_none() {
        return urls;
    }
    let mut memo = DomainMemo::default();
    // End of the previous match: the next one starts at or after it.
    let mut last = 0;
    let mut from = 0;
    while from < bytes.len() {
        let Some(offset) = memchr::memchr(b'.', &bytes[from..]) else {
            break;
        };
        let d = from + offset;
        from = d + 1;
        if last > 0 && d <= last {
            continue;
        }
        let Some(m) = match_at_dot(text, d, last, &mut memo) else {
            continue;
        };
        let (end, has_path) = url_tail(text, m.domain_end);
        last = end;
        from = from.max(end);

        let url = &text[m.start..end];
        let domain = &text[m.domain_start..m.domain_end];
        let split = m.before == Before::HighSurrogate;
        let protocol_len = if m.has_protocol {
            m.domain_start - m.start
        } else {
            "https://".len()
        };
        let url_len = utf16_len(url) - usize::from(split);
        if !domain_converts_to_ascii(domain, split) || protocol_len + url_len > MAX_URL_LENGTH {
            continue;
        }
        if m.has_protocol {
            match tco_link(url) {
                Some((slug, _)) if slug > MAX_TCO_SLUG_LENGTH => {}
                Some((_, len)) => urls.push(UrlMatch {
                    start: m.start,
                    end: m.start + len,
                    has_protocol: true,
                    cut: None,
                }),
                None => urls.push(UrlMatch {
                    start: m.start,
                    end,
                    has_protocol: true,
                    cut: None,
                }),
            }
        } else {
            if matches!(m.before, Before::Char('-' | '_' | '.' | '/')) {
                continue;
            }
            // The reference locates each ASCII domain again with `indexOf`
            // from the end of the previous one, which finds an earlier copy
            // of the same text when there is one: so do we.
            let ascii = ascii_domains(domain);
            let count = ascii.len();
            let mut from = 0;
            for (k, (a, b)) in ascii.into_iter().enumerate() {
                let found = &domain[a..b];
                let at = domain[from..].find(found).map_or(a, |p| p + from);
                from = at + found.len();
                let start = m.domain_start + at;
                if k + 1 == count && has_path {
                    // The URL's text is this ASCII domain then the rest of
                    // the URL: what follows it in the domain is left out.
                    let cut = (start + found.len() < m.domain_end)
                        .then_some((start + found.len(), m.domain_end));
                    urls.push(UrlMatch {
                        start,
                        end,
                        has_protocol: false,
                        cut,
                    });
                } else {
                    urls.push(UrlMatch {
                        start,
                        end: start + found.len(),
                        has_protocol: false,
                        cut: None,
                    });
                }
            }
        }
    }
    urls
}

/// The reference's URL validator (`isValidUrl`): an RFC 3986 check.
/// `unicode_domains` allows non-ASCII hosts; `require_protocol` demands
/// `http://` or `https://`.
pub fn is_valid_url(url: &str, unicode_domains: bool, require_protocol: bool) -> bool {
    struct Validators {
        unencoded: Regex,
        scheme: Regex,
        path: Regex,
        query: Regex,
        fragment: Regex,
        authority: Regex,
        unicode_authority: Regex,
    }
    static RE: OnceLock<Validators> = OnceLock::new();
    let re = RE.get_or_init(|| {
        let compile = |p: &str| Regex::new(p).expect("generated URL validation pattern");
        Validators {
            unencoded: compile(tables::URL_UNENCODED_PATTERN),
            scheme: compile(tables::URL_SCHEME_PATTERN),
            path: compile(tables::URL_PATH_PATTERN),
            query: compile(tables::URL_QUERY_VALID_PATTERN),
            fragment: compile(tables::URL_FRAGMENT_PATTERN),
            authority: compile(tables::URL_AUTHORITY_PATTERN),
            unicode_authority: compile(tables::URL_UNICODE_AUTHORITY_PATTERN),
        }
    });
    // The reference's `isValidMatch`: the first match found is the whole string.
    let whole = |re: &Regex, s: &str| {
        re.find(s)
            .is_some_and(|m| m.start() == 0 && m.end() == s.len())
    };
    let optional = |re: &Regex, s: Option<&str>| s.is_none_or(|s| s.is_empty() || whole(re, s));

    if url.is_empty() {
        return false;
    }
    let Some(parts) = re.unencoded.captures(url) else {
        return false;
    };
    let scheme = parts.get(1).map(|m| m.as_str());
    let authority = parts.get(2).map_or("", |m| m.as_str());
    let path = parts.get(3).map_or("", |m| m.as_str());
    let query = parts.get(4).map(|m| m.as_str());
    let fragment = parts.get(5).map(|m| m.as_str());

    let scheme_ok = !require_protocol
        || scheme.is_some_and(|s| {
            whole(&re.scheme, s)
                && (s.eq_ignore_ascii_case("http") || s.eq_ignore_ascii_case("https"))
        });
    if !(scheme_ok
        && whole(&re.path, path)
        && optional(&re.query, query)
        && optional(&re.fragment, fragment))
    {
        return false;
    }
    if unicode_domains {
        whole(&re.unicode_authority, authority)
    } else {
        whole(&re.authority, authority)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn urls(text: &str) -> Vec<String> {
        extract_urls(text)
            .into_iter()
            .map(|u| u.text(text).into_owned())
            .collect()
    }

    #[test]
    fn finds_urls_with_and_without_protocol() {
        assert_eq!(
            urls("Voir https://www.ville-exemple.fr/agenda."),
            vec!["https://www.ville-exemple.fr/agenda"]
        );
        assert_eq!(
            urls("cityhall.org et mairie.fr !"),
            vec!["cityhall.org", "mairie.fr"]
        );
        assert_eq!(urls("ftp://example.com"), Vec::<String>::new());
        assert_eq!(urls("中文example.com/path"), vec!["example.com/path"]);
        assert_eq!(urls("@test.com #test.com $t.co"), Vec::<String>::new());
        assert_eq!(urls("http://t.co/abc's"), vec!["http://t.co/abc"]);
        assert_eq!(urls("long.test.tar.bz2"), Vec::<String>::new());
        // The reference's quirks: `indexOf` finds the first copy, and the
        // text of a URL without protocol skips the rest of its domain.
        let found = extract_urls("t.cocomрф🇫t.co");
        assert_eq!((found[0].start, found[0].end), (0, 4));
        assert_eq!(
            urls("lyon.fr例え.jp/fichier.pdf"),
            vec!["lyon.fr/fichier.pdf"]
        );
    }

    #[test]
    fn punycode_lengths_follow_the_reference() {
        let points = |s: &str| s.chars().map(u32::from).collect::<Vec<_>>();
        assert_eq!(ascii_label_length(&points("example")), 7);
        assert_eq!(ascii_label_length(&points("ああ")), "xn--l8ja".len());
        assert_eq!(ascii_label_length(&points("a\u{3002}b")), 3);
        for label in [
            "münchen",
            "例え",
            "😀",
            "ville-ïle",
            "あいうえおかきくけこ",
            "Ⱥbc",
            "a😀b🇫🇷",
            "ß",
        ] {
            let expected = idna::punycode::encode_str(label).map(|e| e.len());
            assert_eq!(Some(punycode_len(&points(label))), expected, "{label}");
        }
    }
}
