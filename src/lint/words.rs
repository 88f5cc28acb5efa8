//! Words of a post, folded for matching: lower case, accents removed,
//! elisions and hyphens split (`l’été` → `l`, `ete`). Word lists in rule
//! packs are folded the same way, so `Réunion`, `reunion` and `RÉUNION` all
//! match `réunion`.

use crate::text::Entities;
use std::collections::HashMap;
use std::ops::Range;

/// One word of the post.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Token {
    /// Byte range in the post's text.
    pub span: Range<usize>,
    /// Byte range of its folded form in [`Words::folded`].
    folded: Range<usize>,
    /// Inside a hashtag, mention or link.
    pub in_entity: bool,
    /// Inside a link (or a mention): not words of the message.
    pub in_link: bool,
}

/// The tokens of a post and their folded forms, in one buffer.
#[derive(Clone, Debug, Default)]
pub(crate) struct Words {
    folded: String,
    pub tokens: Vec<Token>,
}

impl Words {
    pub fn new(text: &str, entities: &Entities) -> Words {
        // (start, end, is a link or mention)
        let mut ranges: Vec<(usize, usize, bool)> = entities
            .hashtags
            .iter()
            .chain(&entities.cashtags)
            .map(|e| (e.byte_start, e.byte_end, false))
            .chain(
                entities
                    .urls
                    .iter()
                    .chain(&entities.mentions)
                    .map(|e| (e.byte_start, e.byte_end, true)),
            )
            .collect();
        ranges.sort_unstable();
        let mut words = Words {
            folded: String::with_capacity(text.len()),
            tokens: Vec::with_capacity(text.len() / 5),
        };
        let mut next_range = 0;
        let mut start: Option<usize> = None;
        let mut folded_start = 0;
        let push = |words: &mut Words, s: usize, e: usize, fs: usize, next_range: &mut usize| {
            while *next_range < ranges.len() && ranges[*next_range].1 <= s {
                *next_range += 1;
            }
            let hit = ranges
                .get(*next_range)
                .filter(|&&(rs, re, _)| rs < e && s < re);
            let fe = words.folded.len();
            words.tokens.push(Token {
                span: s..e,
                folded: fs..fe,
                in_entity: hit.is_some(),
                in_link: hit.is_some_and(|r| r.2),
            });
        };
        for (i, c) in text.char_indices() {
            if is_word_char(c) {
                if start.is_none() {
                    start = Some(i);
                    folded_start = words.folded.len();
                }
                fold_char(c, &mut words.folded);
            } else if let Some(s) = start.take() {
                push(&mut words, s, i, folded_start, &mut next_range);
            }
        }
        if let Some(s) = start {
            push(&mut words, s, text.len(), folded_start, &mut next_range);
        }
        words
    }

    /// The folded form of a token.
    pub fn folded(&self, t: &Token) -> &str {
        &self.folded[t.folded.clone()]
    }
}

/// Letters, digits and combining marks make words; everything else
/// (spaces, punctuation, apostrophes, hyphens, emoji) separates them.
pub(crate) fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    c.is_alphanumeric() || is_combining_mark(c)
}

fn is_combining_mark(c: char) -> bool {
    matches!(c, '\u{0300}'..='\u{036F}' | '\u{1AB0}'..='\u{1AFF}' | '\u{1DC0}'..='\u{1DFF}' | '\u{20D0}'..='\u{20FF}' | '\u{FE20}'..='\u{FE2F}')
}

/// Appends the folded form of `c`: lower case without accents.
pub(crate) fn fold_char(c: char, out: &mut String) {
    if c.is_ascii() {
        out.push(c.to_ascii_lowercase());
        return;
    }
    let plain = match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'À' | 'Á' | 'Â' | 'Ã' | 'Ä' | 'Å' => 'a',
        'ç' | 'Ç' => 'c',
        'è' | 'é' | 'ê' | 'ë' | 'È' | 'É' | 'Ê' | 'Ë' => 'e',
        'ì' | 'í' | 'î' | 'ï' | 'Ì' | 'Í' | 'Î' | 'Ï' => 'i',
        'ñ' | 'Ñ' => 'n',
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'Ò' | 'Ó' | 'Ô' | 'Õ' | 'Ö' => 'o',
        'ù' | 'ú' | 'û' | 'ü' | 'Ù' | 'Ú' | 'Û' | 'Ü' => 'u',
        'ý' | 'ÿ' | 'Ý' | 'Ÿ' => 'y',
        'œ' | 'Œ' => {
            out.push_str("oe");
            return;
        }
        'æ' | 'Æ' => {
            out.push_str("ae");
            return;
        }
        'ß' => {
            out.push_str("ss");
            return;
        }
        c if is_combining_mark(c) => return,
        c => {
            out.extend(c.to_lowercase());
            return;
        }
    };
    out.push(plain);
}

/// The folded form of a whole string.
pub(crate) fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        fold_char(c, &mut out);
    }
    out
}

/// The folded words of a phrase from a rule pack (`"plus d’infos"` →
/// `["plus", "d", "infos"]`).
pub(crate) fn fold_phrase(s: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut cur = String::new();
    for c in s.chars() {
        if is_word_char(c) {
            fold_char(c, &mut cur);
        } else if !cur.is_empty() {
            words.push(std::mem::take(&mut cur));
        }
    }
    if !cur.is_empty() {
        words.push(cur);
    }
    words
}

/// A fast hasher for short words (the Fx hash of rustc): the std SipHash
/// guards against hash flooding, which word lists written by the team do
/// not need, and costs more than the lookup it serves.
#[derive(Clone, Copy, Default)]
pub(crate) struct WordHasher(u64);

impl std::hash::Hasher for WordHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        const K: u64 = 0x51_7c_c1_b7_27_22_0a_95;
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut b = [0u8; 8];
            b.copy_from_slice(c);
            self.0 = (self.0.rotate_left(5) ^ u64::from_le_bytes(b)).wrapping_mul(K);
        }
        for &b in chunks.remainder() {
            self.0 = (self.0.rotate_left(5) ^ u64::from(b)).wrapping_mul(K);
        }
    }
}

/// Hash map and set keyed by words, with [`WordHasher`].
pub(crate) type WordMap<V> = HashMap<String, V, std::hash::BuildHasherDefault<WordHasher>>;
pub(crate) type WordSet =
    std::collections::HashSet<String, std::hash::BuildHasherDefault<WordHasher>>;

/// Phrases to find in posts, each with a tag (a category, a suggestion
/// index), matched on folded words: `"plus d’infos"` matches `Plus d'INFOS`.
#[derive(Clone, Debug)]
pub(crate) struct PhraseSet<T> {
    /// First word → (the other words, tag), longest phrases first.
    by_first: WordMap<Vec<(Vec<String>, T)>>,
}

/// A phrase found in a post: token indexes (inclusive) and its tag.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct PhraseMatch<T> {
    pub first: usize,
    pub last: usize,
    pub tag: T,
}

impl<T: Copy> PhraseSet<T> {
    pub fn new() -> Self {
        PhraseSet {
            by_first: WordMap::default(),
        }
    }

    /// Adds a phrase; `false` when it has no word.
    pub fn insert(&mut self, phrase: &str, tag: T) -> bool {
        let mut words = fold_phrase(phrase);
        if words.is_empty() {
            return false;
        }
        let first = words.remove(0);
        let list = self.by_first.entry(first).or_default();
        list.push((words, tag));
        list.sort_by_key(|(rest, _)| std::cmp::Reverse(rest.len()));
        true
    }

    pub fn is_empty(&self) -> bool {
        self.by_first.is_empty()
    }

    /// Every phrase found among the tokens `keep` accepts, left to right,
    /// without overlaps (the longest phrase wins at each position).
    pub fn find(&self, words: &Words, keep: impl Fn(&Token) -> bool) -> Vec<PhraseMatch<T>> {
        let mut out = Vec::new();
        let toks = &words.tokens;
        let mut i = 0;
        while i < toks.len() {
            if keep(&toks[i])
                && let Some(cands) = self.by_first.get(words.folded(&toks[i]))
                && let Some((rest, tag)) = cands.iter().find(|(rest, _)| {
                    rest.iter().enumerate().all(|(k, w)| {
                        toks.get(i + 1 + k)
                            .is_some_and(|t| keep(t) && words.folded(t) == w)
                    })
                })
            {
                out.push(PhraseMatch {
                    first: i,
                    last: i + rest.len(),
                    tag: *tag,
                });
                i += rest.len() + 1;
                continue;
            }
            i += 1;
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::extract_entities;

    #[test]
    fn tokens_are_folded_and_split() {
        let text = "L’ÉTÉ à Saint-Étienne : réunion publique, 14h30 #VilleExemple";
        let w = Words::new(text, &extract_entities(text));
        let folded: Vec<&str> = w.tokens.iter().map(|t| w.folded(t)).collect();
        assert_eq!(
            folded,
            [
                "l",
                "ete",
                "a",
                "saint",
                "etienne",
                "reunion",
                "publique",
                "14h30",
                "villeexemple"
            ]
        );
        assert_eq!(&text[w.tokens[1].span.clone()], "ÉTÉ");
        assert!(w.tokens.last().is_some_and(|t| t.in_entity));
        assert_eq!(w.tokens.iter().filter(|t| !t.in_entity).count(), 8);
    }

    #[test]
    fn phrase_sets_find_the_longest_phrase() {
        let mut set = PhraseSet::new();
        set.insert("plus d’infos", 1);
        set.insert("plus", 2);
        set.insert("Réunion publique", 3);
        let text = "REUNION publique : plus d'infos, plus tard";
        let w = Words::new(text, &extract_entities(text));
        let found: Vec<(&str, i32)> = set
            .find(&w, |_| true)
            .iter()
            .map(|m| {
                (
                    &text[w.tokens[m.first].span.start..w.tokens[m.last].span.end],
                    m.tag,
                )
            })
            .collect();
        assert_eq!(
            found,
            [("REUNION publique", 3), ("plus d'infos", 1), ("plus", 2)]
        );
    }

    #[test]
    fn phrases_fold_like_posts() {
        assert_eq!(fold_phrase("Plus d’infos"), ["plus", "d", "infos"]);
        assert_eq!(fold("Cœur"), "coeur");
        assert_eq!(fold("e\u{301}te\u{301}"), "ete");
    }
}
