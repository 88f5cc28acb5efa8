//! Phrase matching on words: every phrase of the pack in one trie whose
//! edges are words, walked once from each word of a post.
//!
//! Why words and not bytes: the pack holds about 3,000 phrases (50 kB). A
//! byte-level Aho-Corasick automaton over them takes about 1.7 ms to build,
//! more than the whole budget of the pack at start-up; a trie of word
//! numbers builds in a fraction of that, and a post is already cut into
//! folded words by [`super::normalize`]. Each word of a post is looked up
//! once in the vocabulary of the pack; a word the pack does not know ends
//! every phrase there. Phrases never cross a sentence end, as before.
//!
//! Phrases whose last word may continue (`candidat*`) are few: they keep a
//! small byte-level automaton over the normalised text.

use super::normalize::Normalized;
use super::scoring::WordHasher;
use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
use std::collections::HashMap;
use std::hash::BuildHasherDefault;

type Fast = BuildHasherDefault<WordHasher>;

/// No word, no pattern.
const NONE: u32 = u32::MAX;

/// The phrases of a pack, compiled for matching.
pub struct PhraseSet {
    /// Folded word → its number.
    vocabulary: HashMap<Box<str>, u32, Fast>,
    /// (node, word) → child node; node 0 is the root.
    children: HashMap<u64, u32, Fast>,
    /// The pattern that ends at each node, or [`NONE`].
    ends: Vec<u32>,
    /// Patterns whose last word is a prefix, as ` mot` in the normalised
    /// text, and their pattern ids.
    prefixes: Option<AhoCorasick>,
    prefix_ids: Vec<u32>,
}

fn edge(node: u32, word: u32) -> u64 {
    (u64::from(node) << 32) | u64::from(word)
}

impl PhraseSet {
    /// Compiles folded phrases (words separated by one space); `prefix[i]`
    /// says whether phrase `i` may stop inside its last word. Pattern ids
    /// are the indexes in `phrases`.
    pub fn new(phrases: &[String], prefix: &[bool]) -> Result<PhraseSet, String> {
        let mut set = PhraseSet {
            vocabulary: HashMap::with_capacity_and_hasher(phrases.len() * 2, Fast::default()),
            children: HashMap::with_capacity_and_hasher(phrases.len() * 3, Fast::default()),
            ends: vec![NONE],
            prefixes: None,
            prefix_ids: Vec::new(),
        };
        let mut prefix_patterns = Vec::new();
        for (id, phrase) in phrases.iter().enumerate() {
            let id = u32::try_from(id).map_err(|_| "too many phrases".to_string())?;
            if prefix.get(id as usize).copied().unwrap_or(false) {
                prefix_patterns.push(format!(" {phrase}"));
                set.prefix_ids.push(id);
                continue;
            }
            let mut node = 0u32;
            for word in phrase.split(' ') {
                let next_word = u32::try_from(set.vocabulary.len()).unwrap_or(NONE);
                let w = *set.vocabulary.entry(word.into()).or_insert(next_word);
                let next_node = u32::try_from(set.ends.len()).unwrap_or(NONE);
                node = *set.children.entry(edge(node, w)).or_insert_with(|| {
                    set.ends.push(NONE);
                    next_node
                });
            }
            set.ends[node as usize] = id;
        }
        if !prefix_patterns.is_empty() {
            let automaton = AhoCorasick::builder()
                .match_kind(MatchKind::Standard)
                .kind(Some(AhoCorasickKind::ContiguousNFA))
                .build(&prefix_patterns)
                .map_err(|e| e.to_string())?;
            set.prefixes = Some(automaton);
        }
        Ok(set)
    }

    /// Calls `found(pattern, first_token, last_token)` for every phrase
    /// of the set in the post, overlapping ones included.
    pub fn find(&self, norm: &Normalized, mut found: impl FnMut(usize, usize, usize)) {
        let words: Vec<u32> = (0..norm.tokens.len())
            .map(|i| self.vocabulary.get(norm.word(i)).copied().unwrap_or(NONE))
            .collect();
        for start in 0..words.len() {
            let sentence = norm.tokens[start].sentence;
            let mut node = 0u32;
            for (j, &w) in words.iter().enumerate().skip(start) {
                if w == NONE || norm.tokens[j].sentence != sentence {
                    break;
                }
                let Some(&child) = self.children.get(&edge(node, w)) else {
                    break;
                };
                node = child;
                let end = self.ends[node as usize];
                if end != NONE {
                    found(end as usize, start, j);
                }
            }
        }
        let Some(prefixes) = &self.prefixes else {
            return;
        };
        for m in prefixes.find_overlapping_iter(norm.text.as_str()) {
            let Some(first) = norm.token_starting_at(m.start() + 1) else {
                continue;
            };
            let Some(last) = norm.token_containing(m.end() - 1) else {
                continue;
            };
            found(
                self.prefix_ids[m.pattern().as_usize()] as usize,
                first,
                last,
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::political::normalize::normalize;

    fn matches(phrases: &[(&str, bool)], text: &str) -> Vec<(usize, usize, usize)> {
        let (p, prefix): (Vec<String>, Vec<bool>) =
            phrases.iter().map(|&(p, x)| (p.to_string(), x)).unzip();
        let set = PhraseSet::new(&p, &prefix).expect("phrases");
        let mut out = Vec::new();
        set.find(&normalize(text), |id, first, last| {
            out.push((id, first, last))
        });
        out.sort_unstable();
        out
    }

    #[test]
    fn finds_overlapping_phrases_and_prefixes_within_a_sentence() {
        let phrases = [
            ("votez", false),
            ("votez pour", false),
            ("pour nous", false),
            ("candidat", true),
        ];
        assert_eq!(
            matches(&phrases, "Votez pour nous, candidats !"),
            [(0, 0, 0), (1, 0, 1), (2, 1, 2), (3, 3, 3)]
        );
        // « votez. Pour » : a sentence end breaks the phrase.
        assert_eq!(
            matches(&phrases, "Votez. Pour nous"),
            [(0, 0, 0), (2, 1, 2)]
        );
        assert!(matches(&phrases, "vote pourri").is_empty());
    }
}
