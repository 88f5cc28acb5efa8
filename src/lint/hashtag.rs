//! Hashtag kinds: how many, the official spelling, hashtags cut by
//! punctuation, multi-word hashtags without capitals, digits-only hashtags.

use super::words::{WordSet, fold, fold_char};
use super::{Account, Hit, PostCheck, PostView, params};
use crate::diagnostic::Severity;
use crate::rules::{AppliesTo, CheckSpec, KindInfo};
use crate::text::Entity;
use serde::Deserialize;
use std::collections::HashSet;
use std::ops::Range;
use std::sync::OnceLock;

pub(crate) const COUNT: KindInfo = KindInfo {
    name: "hashtag-count",
    applies_to: AppliesTo::Post,
    variants: &[],
    placeholders: &["count", "max"],
    validate: Some(super::validate_params),
};

pub(crate) const OFFICIAL: KindInfo = KindInfo {
    name: "hashtag-official-spelling",
    applies_to: AppliesTo::Post,
    variants: &[],
    placeholders: &["hashtag", "official"],
    validate: Some(super::validate_params),
};

pub(crate) const BROKEN: KindInfo = KindInfo {
    name: "hashtag-broken",
    applies_to: AppliesTo::Post,
    variants: &["apostrophe"],
    placeholders: &["hashtag", "tagged", "suggestion"],
    validate: Some(super::validate_params),
};

pub(crate) const CAMEL_CASE: KindInfo = KindInfo {
    name: "hashtag-camel-case",
    applies_to: AppliesTo::Post,
    variants: &[],
    placeholders: &["hashtag", "suggestion"],
    validate: Some(super::validate_params),
};

pub(crate) const DIGITS_ONLY: KindInfo = KindInfo {
    name: "hashtag-digits-only",
    applies_to: AppliesTo::Post,
    variants: &[],
    placeholders: &["hashtag"],
    validate: Some(super::validate_params),
};

/// The byte range of a hashtag in the text, sigil included.
fn tag_span(text: &str, e: &Entity) -> Range<usize> {
    let start = if text[e.byte_start..].starts_with(['#', '＃']) {
        e.byte_start
    } else {
        text[..e.byte_start]
            .char_indices()
            .next_back()
            .map_or(e.byte_start, |(i, _)| i)
    };
    start..e.byte_end
}

/// A hashtag reduced for comparison: folded, without `_` and `-`.
fn comparable(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.trim_start_matches(['#', '＃']).chars() {
        if c != '_' && c != '-' {
            fold_char(c, &mut out);
        }
    }
    out
}

// ---------------------------------------------------------------------------
// hashtag-count

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CountParams {
    max: usize,
    /// From this many hashtags on, the finding is an error.
    error_from: Option<usize>,
}

struct Count {
    max: usize,
    error_from: Option<usize>,
}

pub(crate) fn build_count(
    spec: &CheckSpec,
    _: &serde_json::Value,
    _: &Account,
) -> Result<Box<dyn PostCheck>, String> {
    let p: CountParams = params(spec)?;
    if let Some(e) = p.error_from
        && e <= p.max
    {
        return Err(format!(
            "`error_from` ({e}) must be above `max` ({})",
            p.max
        ));
    }
    Ok(Box::new(Count {
        max: p.max,
        error_from: p.error_from,
    }))
}

impl PostCheck for Count {
    fn check(&self, post: &PostView<'_>, hits: &mut Vec<Hit>) {
        let tags = &post.entities.hashtags;
        if tags.len() <= self.max {
            return;
        }
        let first_extra = tag_span(post.text, &tags[self.max]).start;
        let end = tags.last().map_or(first_extra, |t| t.byte_end);
        let mut hit = Hit::new(first_extra..end)
            .value("count", tags.len())
            .value("max", self.max);
        if self.error_from.is_some_and(|e| tags.len() >= e) {
            hit.severity = Some(Severity::Error);
        }
        hits.push(hit);
    }
}

// ---------------------------------------------------------------------------
// hashtag-official-spelling

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct OfficialParams {
    /// Official spellings on top of the account's (a local event's hashtag).
    #[serde(default)]
    hashtags: Vec<String>,
    /// Most typos tolerated for a long hashtag (fewer for short ones).
    #[serde(default = "default_typos")]
    max_typos: usize,
}

fn default_typos() -> usize {
    2
}

/// An official spelling and its comparable form.
#[derive(Clone, Debug)]
struct OfficialTag {
    spelling: String,
    comparable: String,
}

/// The official spellings of the account plus a rule's own.
fn officials(account: &Account, extra: &[String]) -> Vec<OfficialTag> {
    account
        .hashtags
        .iter()
        .chain(extra)
        .map(|h| {
            let body = h.trim().trim_start_matches(['#', '＃']);
            OfficialTag {
                spelling: format!("#{body}"),
                comparable: comparable(body),
            }
        })
        .filter(|o| !o.comparable.is_empty())
        .collect()
}

/// Typos tolerated for an official hashtag of this length.
fn typos_allowed(len: usize, max: usize) -> usize {
    match len {
        0..=4 => 0,
        5..=8 => max.min(1),
        _ => max,
    }
}

/// The official spelling `written` is a near miss of, if any (`None` when
/// it is exactly an official spelling, or far from all of them).
fn near_miss<'a>(
    written: &str,
    officials: &'a [OfficialTag],
    max_typos: usize,
) -> Option<&'a OfficialTag> {
    let body = written.trim_start_matches(['#', '＃']);
    if officials.iter().any(|o| o.spelling[1..] == *body) {
        return None;
    }
    let c = comparable(body);
    if c.is_empty() {
        return None;
    }
    officials.iter().find(|o| o.comparable == c).or_else(|| {
        let len = c.chars().count();
        officials
            .iter()
            .filter_map(|o| {
                let n = o.comparable.chars().count();
                let allowed = typos_allowed(n, max_typos);
                // Lengths too far apart: no need for the edit distance.
                if n.abs_diff(len) > allowed {
                    return None;
                }
                let d = strsim::damerau_levenshtein(&o.comparable, &c);
                (d <= allowed).then_some((d, o))
            })
            .min_by_key(|(d, _)| *d)
            .map(|(_, o)| o)
    })
}

/// The hashtag plus the `-word` parts glued to it (`#Ville-Exemple`), which
/// the platform leaves out of the tag.
fn with_hyphen_tail(text: &str, span: &Range<usize>) -> Range<usize> {
    let mut end = span.end;
    loop {
        let rest = &text[end..];
        let mut chars = rest.chars();
        let Some(sep) = chars.next() else { break };
        if !matches!(sep, '-' | '‑') {
            break;
        }
        let word_len: usize = chars
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .map(char::len_utf8)
            .sum();
        if word_len == 0 {
            break;
        }
        end += sep.len_utf8() + word_len;
    }
    span.start..end
}

struct Official {
    officials: Vec<OfficialTag>,
    max_typos: usize,
}

pub(crate) fn build_official(
    spec: &CheckSpec,
    _: &serde_json::Value,
    account: &Account,
) -> Result<Box<dyn PostCheck>, String> {
    let p: OfficialParams = params(spec)?;
    for h in &p.hashtags {
        if comparable(h).is_empty() {
            return Err(format!("empty hashtag `{h}` in `hashtags`"));
        }
    }
    Ok(Box::new(Official {
        officials: officials(account, &p.hashtags),
        max_typos: p.max_typos,
    }))
}

impl PostCheck for Official {
    fn check(&self, post: &PostView<'_>, hits: &mut Vec<Hit>) {
        if self.officials.is_empty() {
            return;
        }
        for tag in &post.entities.hashtags {
            let span = tag_span(post.text, tag);
            let long = with_hyphen_tail(post.text, &span);
            // `#Ville-Exemple` is read with its tail; `#Ville` alone is not
            // compared (it is a word of its own).
            let (span, written) = if long != span {
                (long.clone(), &post.text[long])
            } else {
                (span.clone(), &post.text[span])
            };
            if let Some(o) = near_miss(written, &self.officials, self.max_typos) {
                hits.push(
                    Hit::new(span)
                        .value("hashtag", written)
                        .value("official", &o.spelling)
                        .fix(o.spelling.clone()),
                );
            }
        }
    }
}

// ---------------------------------------------------------------------------
// hashtag-broken

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct NoParams {}

struct Broken {
    officials: Vec<OfficialTag>,
}

pub(crate) fn build_broken(
    spec: &CheckSpec,
    _: &serde_json::Value,
    account: &Account,
) -> Result<Box<dyn PostCheck>, String> {
    let _: NoParams = params(spec)?;
    Ok(Box::new(Broken {
        officials: officials(account, &[]),
    }))
}

impl PostCheck for Broken {
    fn check(&self, post: &PostView<'_>, hits: &mut Vec<Hit>) {
        let text = post.text;
        for tag in &post.entities.hashtags {
            let span = tag_span(text, tag);
            let rest = &text[span.end..];
            let mut chars = rest.chars();
            let Some(sep) = chars.next() else { continue };
            let next = chars.next();
            let apostrophe = matches!(sep, '\'' | '’' | 'ʼ');
            let joins = match sep {
                '-' | '‑' | '\'' | '’' | 'ʼ' => next.is_some_and(char::is_alphanumeric),
                '.' => next.is_some_and(char::is_alphabetic),
                _ => false,
            };
            if !joins {
                continue;
            }
            // English possessive (`#Leeds's`): the tag is the intended word.
            if apostrophe
                && rest[sep.len_utf8()..].starts_with('s')
                && !rest[sep.len_utf8() + 1..].starts_with(char::is_alphanumeric)
            {
                continue;
            }
            // The written form runs until a space or other punctuation.
            let mut end = span.end;
            let mut parts: Vec<&str> = vec![&text[span.start + 1..span.end]];
            loop {
                let r = &text[end..];
                let mut cs = r.chars();
                let Some(s) = cs.next() else { break };
                if !matches!(s, '-' | '‑' | '\'' | '’' | 'ʼ' | '.') {
                    break;
                }
                let len: usize = cs
                    .take_while(|c| c.is_alphanumeric() || *c == '_')
                    .map(char::len_utf8)
                    .sum();
                if len == 0 {
                    break;
                }
                parts.push(&text[end + s.len_utf8()..end + s.len_utf8() + len]);
                end += s.len_utf8() + len;
            }
            let written = &text[span.start..end];
            // `#Ville-Exemple` for an account whose hashtag is
            // `#VilleExemple`: hashtag.official-spelling reports it with
            // the exact fix.
            if !self.officials.is_empty() && near_miss(written, &self.officials, 0).is_some() {
                continue;
            }
            let tagged = &text[span.clone()];
            let mut hit = Hit::new(span.start..end)
                .value("hashtag", written)
                .value("tagged", tagged);
            if apostrophe {
                hit = hit.variant("apostrophe").value("suggestion", tagged);
            } else {
                let mut joined = String::from("#");
                for (i, p) in parts.iter().enumerate() {
                    if i == 0 {
                        joined.push_str(p);
                    } else {
                        joined.push_str(&capitalize_first(p));
                    }
                }
                hit = hit.value("suggestion", &joined);
                if !written.contains('.') {
                    hit = hit.fix(joined);
                }
            }
            hits.push(hit);
        }
    }
}

fn capitalize_first(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

// ---------------------------------------------------------------------------
// hashtag-camel-case

/// The built-in word list used to find the words of a hashtag.
static BUILTIN_WORDS: &str = include_str!("../../rules/data/words.txt");

fn builtin_words() -> &'static WordSet {
    static WORDS: OnceLock<WordSet> = OnceLock::new();
    WORDS.get_or_init(|| parse_word_list(BUILTIN_WORDS))
}

/// Words of a list file: one or more per line, `#` starts a comment.
fn parse_word_list(text: &str) -> WordSet {
    text.lines()
        .map(|l| l.split('#').next().unwrap_or(""))
        .flat_map(str::split_whitespace)
        .map(fold)
        .filter(|w| !w.is_empty())
        .collect()
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CamelParams {
    /// Hashtags shorter than this many letters are left alone.
    #[serde(default = "default_min_letters")]
    min_letters: usize,
    /// Extra words (local place names…) for the word list.
    #[serde(default)]
    words: Vec<String>,
    /// Words that must never be split (compound place names).
    #[serde(default)]
    single_words: Vec<String>,
    /// Known spellings, given as the fix when a hashtag matches one.
    #[serde(default)]
    known: Vec<String>,
}

fn default_min_letters() -> usize {
    9
}

struct CamelCase {
    min_letters: usize,
    extra: WordSet,
    single: WordSet,
    known: Vec<OfficialTag>,
    officials: Vec<OfficialTag>,
}

pub(crate) fn build_camel_case(
    spec: &CheckSpec,
    _: &serde_json::Value,
    account: &Account,
) -> Result<Box<dyn PostCheck>, String> {
    let p: CamelParams = params(spec)?;
    let known = p
        .known
        .iter()
        .map(|k| OfficialTag {
            spelling: format!("#{}", k.trim_start_matches('#')),
            comparable: comparable(k),
        })
        .collect();
    Ok(Box::new(CamelCase {
        min_letters: p.min_letters,
        extra: p.words.iter().map(|w| fold(w)).collect(),
        single: p.single_words.iter().map(|w| comparable(w)).collect(),
        known,
        officials: officials(account, &[]),
    }))
}

/// Costs of a segment by length: longer words are preferred, single letters
/// (`a`, `l`, `d`, `y`) allowed but expensive.
fn segment_cost(len: usize) -> u32 {
    match len {
        1 => 22,
        2 => 16,
        _ => 10,
    }
}

impl CamelCase {
    fn is_word(&self, w: &str) -> bool {
        if w.len() == 1 {
            return matches!(w, "a" | "l" | "d" | "y");
        }
        builtin_words().contains(w) || self.extra.contains(w) || self.single.contains(w)
    }

    /// Splits a folded ASCII run of letters and digits into words; `None`
    /// when no split covers it. Returns the byte offsets where words start.
    fn segment(&self, s: &str) -> Option<Vec<usize>> {
        let n = s.len();
        let bytes = s.as_bytes();
        let mut best: Vec<Option<(u32, usize)>> = vec![None; n + 1];
        best[0] = Some((0, 0));
        for end in 1..=n {
            for start in end.saturating_sub(25)..end {
                let Some((cost, _)) = best[start] else {
                    continue;
                };
                let piece = &s[start..end];
                let digits = bytes[start..end].iter().all(u8::is_ascii_digit);
                let ok = if digits {
                    // A run of digits is one segment, whole.
                    (start == 0 || !bytes[start - 1].is_ascii_digit())
                        && (end == n || !bytes[end].is_ascii_digit())
                } else {
                    bytes[start..end].iter().all(u8::is_ascii_lowercase) && self.is_word(piece)
                };
                if !ok {
                    continue;
                }
                let c = cost
                    + if digits {
                        10
                    } else {
                        segment_cost(end - start)
                    };
                if best[end].is_none_or(|(b, _)| c < b) {
                    best[end] = Some((c, start));
                }
            }
        }
        best[n]?;
        let mut starts = Vec::new();
        let mut at = n;
        while at > 0 {
            let (_, start) = best[at]?;
            starts.push(start);
            at = start;
        }
        starts.reverse();
        Some(starts)
    }
}

impl PostCheck for CamelCase {
    fn check(&self, post: &PostView<'_>, hits: &mut Vec<Hit>) {
        for tag in &post.entities.hashtags {
            let body = tag.text.as_str();
            let letters = body.chars().filter(|c| c.is_alphabetic()).count();
            if letters < self.min_letters || body.contains('_') {
                continue;
            }
            // One case: no capital after the first letter, or capitals only.
            let upper = body.chars().filter(|c| c.is_uppercase()).count();
            let all_upper = upper == letters;
            let inner_upper = body.chars().skip(1).any(char::is_uppercase);
            if inner_upper && !all_upper {
                continue;
            }
            // Official spellings (and their near misses) are reported by
            // hashtag.official-spelling.
            if !self.officials.is_empty()
                && (self.officials.iter().any(|o| o.spelling[1..] == *body)
                    || near_miss(body, &self.officials, 2).is_some())
            {
                continue;
            }
            // Fold letter by letter, remembering which original character
            // each folded byte comes from.
            let mut folded = String::with_capacity(body.len());
            let mut origin: Vec<usize> = Vec::with_capacity(body.len());
            for (ci, c) in body.chars().enumerate() {
                let before = folded.len();
                fold_char(c, &mut folded);
                origin.extend(std::iter::repeat_n(ci, folded.len() - before));
            }
            if !folded.is_ascii() || self.single.contains(&folded) {
                continue;
            }
            let Some(starts) = self.segment(&folded) else {
                continue;
            };
            let word_starts: Vec<usize> = starts
                .iter()
                .copied()
                .filter(|&s| folded.as_bytes()[s].is_ascii_lowercase())
                .collect();
            if word_starts.len() < 2 {
                continue;
            }
            let span = tag_span(post.text, tag);
            let written = &post.text[span.clone()];
            let known = self.known.iter().find(|k| k.comparable == folded);
            let mut hit = Hit::new(span).value("hashtag", written);
            match known {
                Some(k) => hit = hit.value("suggestion", &k.spelling).fix(k.spelling.clone()),
                None => {
                    let caps: HashSet<usize> = word_starts.iter().map(|&s| origin[s]).collect();
                    let mut s = String::from("#");
                    for (ci, c) in body.chars().enumerate() {
                        if caps.contains(&ci) {
                            s.extend(c.to_uppercase());
                        } else {
                            s.extend(c.to_lowercase());
                        }
                    }
                    hit = hit.value("suggestion", s);
                }
            }
            hits.push(hit);
        }
    }
}

// ---------------------------------------------------------------------------
// hashtag-digits-only

struct DigitsOnly;

pub(crate) fn build_digits_only(
    spec: &CheckSpec,
    _: &serde_json::Value,
    _: &Account,
) -> Result<Box<dyn PostCheck>, String> {
    let _: NoParams = params(spec)?;
    Ok(Box::new(DigitsOnly))
}

impl PostCheck for DigitsOnly {
    fn check(&self, post: &PostView<'_>, hits: &mut Vec<Hit>) {
        let text = post.text;
        let bytes = text.as_bytes();
        // `#` is ASCII; the full-width `＃` is rare enough to look for only
        // when the text is not ASCII.
        let mut from = 0;
        while let Some(pos) = memchr::memchr2(b'#', 0xEF, &bytes[from..]).map(|p| p + from) {
            from = pos + 1;
            let sigil_len = if bytes[pos] == b'#' {
                1
            } else if text[pos..].starts_with('＃') {
                3
            } else {
                continue;
            };
            if let Some(prev) = text[..pos].chars().next_back()
                && (prev.is_alphanumeric() || matches!(prev, '&' | '_' | '/' | '#'))
            {
                continue;
            }
            let digits = bytes[pos + sigil_len..]
                .iter()
                .take_while(|b| b.is_ascii_digit())
                .count();
            if digits == 0 {
                continue;
            }
            let end = pos + sigil_len + digits;
            if text[end..].starts_with(|c: char| c.is_alphanumeric() || c == '_') {
                continue;
            }
            if post
                .entities
                .urls
                .iter()
                .any(|u| u.byte_start <= pos && pos < u.byte_end)
            {
                continue;
            }
            hits.push(Hit::new(pos..end).value("hashtag", &text[pos..end]));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{run_kind, spans};

    #[test]
    fn count_points_at_the_extra_hashtags() {
        let text = "Fête #Un #Deux #Trois #Quatre";
        let f = run_kind("kind: hashtag-count\nmax: 2", text);
        assert_eq!(spans(text, &f), ["#Trois #Quatre"]);
        assert!(run_kind("kind: hashtag-count\nmax: 2", "#Un #Deux").is_empty());
        let f = run_kind("kind: hashtag-count\nmax: 2\nerror_from: 4", text);
        assert_eq!(f[0].severity, crate::diagnostic::Severity::Error);
    }

    #[test]
    fn official_spelling_near_misses() {
        let kind = "kind: hashtag-official-spelling";
        for (text, span) in [
            ("Vive #villeexemple !", "#villeexemple"),
            ("Vive #Ville_Exemple !", "#Ville_Exemple"),
            ("Vive #Ville-Exemple !", "#Ville-Exemple"),
            ("Vive #VilleExempel !", "#VilleExempel"),
            ("Vive #VileExemple !", "#VileExemple"),
            ("Vive #VILLEEXEMPLE !", "#VILLEEXEMPLE"),
        ] {
            let f = run_kind(kind, text);
            assert_eq!(spans(text, &f), [span], "{text}");
            assert_eq!(f[0].fix.as_deref(), Some("#VilleExemple"));
        }
        for text in [
            "Vive #VilleExemple",
            "Vive #Ville",
            "#VilleExemple2026",
            "#Exemple",
            "#VilleVoisine",
        ] {
            assert!(run_kind(kind, text).is_empty(), "{text}");
        }
        let f = run_kind(
            "kind: hashtag-official-spelling\nhashtags: [\"#FêteDesLumières\"]",
            "#fetedeslumieres ce soir",
        );
        assert_eq!(f[0].fix.as_deref(), Some("#FêteDesLumières"));
    }

    #[test]
    fn broken_hashtags() {
        let kind = "kind: hashtag-broken";
        let text = "Bienvenue à #Saint-Étienne !";
        let f = run_kind(kind, text);
        assert_eq!(spans(text, &f), ["#Saint-Étienne"]);
        assert_eq!(f[0].fix.as_deref(), Some("#SaintÉtienne"));
        let text = "Vive #l’été au parc";
        let f = run_kind(kind, text);
        assert_eq!(spans(text, &f), ["#l’été"]);
        assert_eq!(f[0].fix, None);
        assert_eq!(
            spans(
                "Voir #Aix-en-Provence.",
                &run_kind(kind, "Voir #Aix-en-Provence.")
            ),
            ["#Aix-en-Provence"]
        );
        for text in [
            "Fin du match #Lyon.",
            "#Leeds's parks",
            "#Ville - suite",
            "#VilleExemple",
            "#Ville-Exemple",
        ] {
            assert!(run_kind(kind, text).is_empty(), "{text}");
        }
    }

    #[test]
    fn camel_case_needs_capitals() {
        let kind = "kind: hashtag-camel-case\nknown: [\"#FêteDeLaMusique\"]";
        let text = "Ce soir #fetedelamusique !";
        let f = run_kind(kind, text);
        assert_eq!(spans(text, &f), ["#fetedelamusique"]);
        assert_eq!(f[0].fix.as_deref(), Some("#FêteDeLaMusique"));
        let f = run_kind(kind, "Le #marchédenoël ouvre");
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].fix, None);
        assert_eq!(run_kind(kind, "Le #MARCHEDENOEL ouvre").len(), 1);
        for text in [
            "#FêteDeLaMusique",
            "#bordeaux",
            "#intercommunalité",
            "#Marseille",
            "#villeexemple",
            "#JO2024",
            "#bibliothèque",
        ] {
            assert!(run_kind(kind, text).is_empty(), "{text}");
        }
    }

    #[test]
    fn digits_only() {
        let kind = "kind: hashtag-digits-only";
        let text = "Bonne année #2026 !";
        assert_eq!(spans(text, &run_kind(kind, text)), ["#2026"]);
        for text in [
            "#JO2024",
            "&#123;",
            "https://ville-exemple.fr/page#12",
            "n°#",
            "#2026ans",
        ] {
            assert!(run_kind(kind, text).is_empty(), "{text}");
        }
    }
}
