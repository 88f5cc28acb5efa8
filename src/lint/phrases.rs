//! General kinds for local packs: words or phrases to avoid (with an
//! optional replacement) and regular expressions.

use super::words::PhraseSet;
use super::{Account, Hit, PostCheck, PostView, params};
use crate::rules::{AppliesTo, CheckSpec, KindInfo};
use serde::Deserialize;
use std::collections::BTreeMap;

pub(crate) const WORDS: KindInfo = KindInfo {
    name: "words",
    applies_to: AppliesTo::Post,
    variants: &["replace"],
    placeholders: &["word", "suggestion"],
    validate: Some(super::validate_params),
};

pub(crate) const PATTERN: KindInfo = KindInfo {
    name: "pattern",
    applies_to: AppliesTo::Post,
    variants: &[],
    placeholders: &["match"],
    validate: Some(super::validate_params),
};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct WordsParams {
    /// Words or phrases to report.
    #[serde(default)]
    words: Vec<String>,
    /// Words or phrases to report, with what to write instead.
    #[serde(default)]
    replace: BTreeMap<String, String>,
    /// Also look inside hashtags (`#SuiteÀ` is not split, but `#suite`
    /// is a word).
    #[serde(default)]
    in_hashtags: bool,
}

struct Words {
    phrases: PhraseSet<usize>,
    /// Replacement of each phrase (`None`: report only).
    suggestions: Vec<Option<String>>,
    in_hashtags: bool,
}

pub(crate) fn build_words(
    spec: &CheckSpec,
    _: &serde_json::Value,
    _: &Account,
) -> Result<Box<dyn PostCheck>, String> {
    let p: WordsParams = params(spec)?;
    if p.words.is_empty() && p.replace.is_empty() {
        return Err("give `words` or `replace`".into());
    }
    let mut phrases = PhraseSet::new();
    let mut suggestions = Vec::new();
    for w in &p.words {
        if !phrases.insert(w, suggestions.len()) {
            return Err(format!("`{w}` has no word"));
        }
        suggestions.push(None);
    }
    for (w, s) in &p.replace {
        if !phrases.insert(w, suggestions.len()) {
            return Err(format!("`{w}` has no word"));
        }
        suggestions.push(Some(s.clone()));
    }
    Ok(Box::new(Words {
        phrases,
        suggestions,
        in_hashtags: p.in_hashtags,
    }))
}

/// The replacement with the case of what it replaces: "Suite à" → "Après".
fn match_case(written: &str, suggestion: &str) -> String {
    let starts_upper = written.chars().next().is_some_and(char::is_uppercase);
    let mut chars = suggestion.chars();
    match chars.next() {
        Some(c) if starts_upper => c.to_uppercase().chain(chars).collect(),
        _ => suggestion.to_string(),
    }
}

impl PostCheck for Words {
    fn check(&self, post: &PostView<'_>, hits: &mut Vec<Hit>) {
        let words = post.words();
        let found = self
            .phrases
            .find(words, |t| !t.in_link && (self.in_hashtags || !t.in_entity));
        for m in found {
            let span = words.tokens[m.first].span.start..words.tokens[m.last].span.end;
            let written = &post.text[span.clone()];
            let mut hit = Hit::new(span).value("word", written);
            if let Some(s) = &self.suggestions[m.tag] {
                let s = match_case(written, s);
                hit = hit.variant("replace").value("suggestion", &s).fix(s);
            }
            hits.push(hit);
        }
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PatternParams {
    /// A regular expression (Rust `regex` syntax; `(?i)` ignores case).
    pattern: String,
}

struct Pattern {
    regex: regex::Regex,
}

pub(crate) fn build_pattern(
    spec: &CheckSpec,
    _: &serde_json::Value,
    _: &Account,
) -> Result<Box<dyn PostCheck>, String> {
    let p: PatternParams = params(spec)?;
    let regex = regex::RegexBuilder::new(&p.pattern)
        .size_limit(1 << 20)
        .build()
        .map_err(|e| format!("bad `pattern`: {e}"))?;
    Ok(Box::new(Pattern { regex }))
}

impl PostCheck for Pattern {
    fn check(&self, post: &PostView<'_>, hits: &mut Vec<Hit>) {
        for m in self.regex.find_iter(post.text) {
            if m.is_empty() {
                continue;
            }
            hits.push(Hit::new(m.range()).value("match", m.as_str()));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{run_kind, spans};

    #[test]
    fn words_and_replacements() {
        let kind = "kind: words\nwords: [\"cher administré\"]\nreplace: {\"suite à\": \"après\"}";
        let text = "Suite à la réunion, CHERS administrés… non : cher Administré";
        let f = run_kind(kind, text);
        assert_eq!(spans(text, &f), ["Suite à", "cher Administré"]);
        assert_eq!(f[0].fix.as_deref(), Some("Après"));
        assert_eq!(f[1].fix, None);
    }

    #[test]
    fn patterns() {
        let text = "Appelez le 01 23 45 67 89 ou le 0123456789";
        let f = run_kind("kind: pattern\npattern: '\\b0\\d(?: ?\\d\\d){4}\\b'", text);
        assert_eq!(spans(text, &f), ["01 23 45 67 89", "0123456789"]);
    }
}
