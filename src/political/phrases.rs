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
//! Phrases whose last word may continue (`candidat*`) are few: the trie
//! keeps, at the node of the words before that last word, the start of the
//! word, compared with the post's word there.

use super::normalize::Normalized;
use super::scoring::WordHasher;
use std::collections::HashMap;
use std::hash::BuildHasherDefault;

type Fast = BuildHasherDefault<WordHasher>;

/// No word, no pattern.
const NONE: u32 = u32::MAX;

/// The number of a word the set does not know, in [`PhraseSet::find_in`]'s
/// buffer.
pub const NO_WORD: u32 = NONE;

/// The phrases of a pack, compiled for matching.
pub struct PhraseSet {
    /// Folded word (its bytes) → its number.
    vocabulary: HashMap<Box<[u8]>, u32, Fast>,
    /// (node, word) → child node; node 0 is the root.
    children: HashMap<u64, u32, Fast>,
    /// The children of the root by word number (or [`NONE`]): every walk
    /// starts there, one array read instead of a hash look-up.
    root: Vec<u32>,
    /// The pattern that ends at each node, or [`NONE`].
    ends: Vec<u32>,
    /// Patterns whose last word is a prefix, sorted by that prefix.
    prefixes: Vec<PrefixPhrase>,
    /// `prefixes[by_first_byte[b]..by_first_byte[b + 1]]` are those whose
    /// last word starts with byte `b`.
    by_first_byte: Vec<u32>,
}

/// A phrase whose last word may go on (`candidat*`, `nous avons renov*`).
struct PrefixPhrase {
    /// The start of its last word (`candidat`).
    last: Box<str>,
    /// The numbers of the words before it, if any.
    leading: Box<[u32]>,
    pattern: u32,
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
            root: Vec::new(),
            prefixes: Vec::new(),
            by_first_byte: Vec::new(),
        };
        for (id, phrase) in phrases.iter().enumerate() {
            let id = u32::try_from(id).map_err(|_| "too many phrases".to_string())?;
            if prefix.get(id as usize).copied().unwrap_or(false) {
                let (leading, last) = match phrase.rsplit_once(' ') {
                    Some((leading, last)) => (leading.split(' ').collect(), last),
                    None => (Vec::new(), phrase.as_str()),
                };
                if last.is_empty() {
                    return Err(format!("the phrase « {phrase}* » has no last word"));
                }
                let leading = leading.into_iter().map(|w| set.word_number(w)).collect();
                set.prefixes.push(PrefixPhrase {
                    last: last.into(),
                    leading,
                    pattern: id,
                });
                continue;
            }
            let mut node = 0u32;
            for word in phrase.split(' ') {
                let w = set.word_number(word);
                let next_node = u32::try_from(set.ends.len()).unwrap_or(NONE);
                node = *set.children.entry(edge(node, w)).or_insert_with(|| {
                    set.ends.push(NONE);
                    next_node
                });
            }
            set.ends[node as usize] = id;
        }
        set.root = vec![NONE; set.vocabulary.len()];
        for (&edge, &child) in &set.children {
            if edge >> 32 == 0 {
                set.root[(edge & u64::from(u32::MAX)) as usize] = child;
            }
        }
        set.prefixes.sort_unstable_by(|a, b| a.last.cmp(&b.last));
        let mut at = 0;
        for byte in 0..=256 {
            set.by_first_byte.push(u32::try_from(at).unwrap_or(NONE));
            while set
                .prefixes
                .get(at)
                .is_some_and(|p| usize::from(p.last.as_bytes()[0]) == byte)
            {
                at += 1;
            }
        }
        Ok(set)
    }

    /// The number of `word`, given it when new.
    fn word_number(&mut self, word: &str) -> u32 {
        let next = u32::try_from(self.vocabulary.len()).unwrap_or(NONE);
        *self
            .vocabulary
            .entry(word.as_bytes().into())
            .or_insert(next)
    }

    /// Adds words that begin no phrase (the score's words), so that the one
    /// look-up of each word of a post serves the score too.
    pub fn add_words<'a>(&mut self, words: impl IntoIterator<Item = &'a str>) {
        for word in words {
            self.word_number(word);
        }
        self.root.resize(self.vocabulary.len(), NONE);
    }

    /// The number of a folded word, if the set knows it.
    pub fn number_of(&self, word: &str) -> Option<u32> {
        self.vocabulary.get(word.as_bytes()).copied()
    }

    /// Calls `found(pattern, first_token, last_token)` for every phrase
    /// of the set in the post, overlapping ones included. `words` is the
    /// caller's buffer: it holds afterwards the number of each word of the
    /// post ([`NO_WORD`] for a word the set does not know), which the
    /// detector's score reads again.
    pub fn find_in(
        &self,
        norm: &Normalized,
        words: &mut Vec<u32>,
        mut found: impl FnMut(usize, usize, usize),
    ) {
        self.find_with(norm, words, &mut found);
    }

    fn find_with(
        &self,
        norm: &Normalized,
        words: &mut Vec<u32>,
        found: &mut impl FnMut(usize, usize, usize),
    ) {
        // Each word of the post is looked up once: its number, and the
        // prefix phrases that end with it.
        words.clear();
        let text = norm.text.as_bytes();
        for (i, token) in norm.tokens.iter().enumerate() {
            let word = text.get(token.norm.clone()).unwrap_or_default();
            words.push(self.vocabulary.get(word).copied().unwrap_or(NONE));
            if !self.prefixes.is_empty() {
                self.find_prefixes(norm, words, i, word, found);
            }
        }
        for (start, &first) in words.iter().enumerate() {
            let sentence = norm.tokens[start].sentence;
            let mut node = self.root.get(first as usize).copied().unwrap_or(NONE);
            let mut last = start;
            while node != NONE {
                let end = self.ends[node as usize];
                if end != NONE {
                    found(end as usize, start, last);
                }
                last += 1;
                node = match words.get(last) {
                    Some(&w) if w != NONE && norm.tokens[last].sentence == sentence => {
                        self.children.get(&edge(node, w)).copied().unwrap_or(NONE)
                    }
                    _ => NONE,
                };
            }
        }
    }

    /// The phrases whose last word is a prefix of `word`, the word of token
    /// `last`: `word` is compared with the few prefixes that start with its
    /// first byte, then the words before it (`words[..last]`) with the
    /// phrase's other words.
    fn find_prefixes(
        &self,
        norm: &Normalized,
        words: &[u32],
        last: usize,
        word: &[u8],
        found: &mut impl FnMut(usize, usize, usize),
    ) {
        let Some(&b) = word.first() else {
            return;
        };
        let bucket = |b: usize| self.by_first_byte.get(b).map_or(0, |&at| at as usize);
        let candidates = self
            .prefixes
            .get(bucket(usize::from(b))..bucket(usize::from(b) + 1));
        for p in candidates.unwrap_or_default() {
            if !word.starts_with(p.last.as_bytes()) {
                continue;
            }
            let Some(first) = last.checked_sub(p.leading.len()) else {
                continue;
            };
            // Sentence numbers only grow: same first and last, same
            // sentence throughout.
            if words.get(first..last) == Some(&p.leading[..])
                && norm.tokens[first].sentence == norm.tokens[last].sentence
            {
                found(p.pattern as usize, first, last);
            }
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
        set.find_in(&normalize(text), &mut Vec::new(), |id, first, last| {
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

    #[test]
    fn prefix_phrases_of_several_words_end_inside_their_last_word() {
        let phrases = [
            ("nous avons renov", true),
            ("nous avons", false),
            ("nous", true),
            ("sabot", true),
            ("sabotag", true),
        ];
        assert_eq!(
            matches(&phrases, "Nous avons rénové. Nous avons\nrénové, sabotage"),
            [
                (0, 0, 2),
                (1, 0, 1),
                (1, 3, 4),
                (2, 0, 0),
                (2, 3, 3),
                (3, 6, 6),
                (4, 6, 6)
            ]
        );
        assert!(matches(&phrases, "Avons rénové, nounours").is_empty());
    }

    /// Where a phrase occurs, found the slow way: every place where
    /// ` phrase ` (or ` phrase` for a prefix phrase) is in the normalised
    /// text.
    fn by_text_search(phrases: &[(&str, bool)], norm: &Normalized) -> Vec<(usize, usize, usize)> {
        let mut out = Vec::new();
        for (id, &(phrase, prefix)) in phrases.iter().enumerate() {
            let needle = if prefix {
                format!(" {phrase}")
            } else {
                format!(" {phrase} ")
            };
            for at in 0..norm.text.len() {
                if norm.text.is_char_boundary(at) && norm.text[at..].starts_with(&needle) {
                    let first = norm.token_starting_at(at + 1).expect("a word starts there");
                    let last = norm.token_containing(at + phrase.len()).expect("a word");
                    out.push((id, first, last));
                }
            }
        }
        out.sort_unstable();
        out
    }

    #[test]
    fn the_trie_finds_what_a_text_search_finds_in_the_evaluation_posts() {
        #[derive(serde::Deserialize)]
        struct Set {
            posts: Vec<Post>,
        }
        #[derive(serde::Deserialize)]
        struct Post {
            text: String,
        }
        let phrases = [
            ("votez", false),
            ("votez pour", false),
            ("pour", true),
            ("la liste", false),
            ("la liste de", false),
            ("nous avons", false),
            ("nous avons", true),
            ("nous avons re", true),
            ("l ancienne equipe", false),
            ("l opp", true),
            ("candidat", true),
            ("de", false),
            ("d", true),
            ("e", true),
            ("re", true),
            ("la", false),
            ("la", true),
        ];
        let (p, prefix): (Vec<String>, Vec<bool>) =
            phrases.iter().map(|&(p, x)| (p.to_string(), x)).unzip();
        let set = PhraseSet::new(&p, &prefix).expect("phrases");
        let yaml = include_str!("../../tests/fixtures/political/eval.yaml");
        let posts: Set = serde_saphyr::from_str(yaml).expect("evaluation set");
        let mut matched = 0;
        for post in &posts.posts {
            let norm = normalize(&post.text);
            let mut found = Vec::new();
            set.find_in(&norm, &mut Vec::new(), |id, first, last| {
                found.push((id, first, last))
            });
            found.sort_unstable();
            assert_eq!(found, by_text_search(&phrases, &norm), "{}", post.text);
            matched += found.len();
        }
        assert!(matched > 1000, "{matched}");
    }
}
