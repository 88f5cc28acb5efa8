//! Normalised text for the political detector.
//!
//! Rule authors write phrases the way people write them (« l’ancienne
//! équipe », `#VotezDupont`, « RN7 »); posts write them in every possible way
//! (capitals, no accents, `l'` or `l’`, hashtags in CamelCase, Unicode bold
//! letters). Both sides go through [`normalize`], which produces one line of
//! folded words separated by single spaces, so a phrase is found with a plain
//! substring search on word boundaries.
//!
//! Every word keeps the byte range it came from in the original text, so a
//! finding can point at the exact words that triggered it.

use std::ops::Range;
use unicode_normalization::char::{decompose_compatible, is_combining_mark};

/// The marker written between two sentences in [`Normalized::text`]. Phrases
/// never contain it, so no phrase matches across a sentence end.
pub const SENTENCE_BREAK: char = '|';

/// One word of the normalised text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Token {
    /// Byte range of the folded word in [`Normalized::text`].
    pub norm: Range<usize>,
    /// Byte range of the word in the original text.
    pub orig: Range<usize>,
    /// The word starts with a capital letter in the original.
    pub capitalized: bool,
    /// Every letter is a capital and there are at least two (`RN`, `LFI`).
    pub all_caps: bool,
    /// The word is made of digits only.
    pub number: bool,
    /// The word comes from a hashtag or a mention (`#VotezDupont`).
    pub in_tag: bool,
    /// First word of its hashtag or mention.
    pub tag_start: bool,
    /// First word of its sentence.
    pub sentence_start: bool,
    /// Index of the sentence (0-based).
    pub sentence: u32,
}

/// A text folded for matching, with the way back to the original.
#[derive(Clone, Debug, Default)]
pub struct Normalized {
    /// `" mot mot | mot "`: folded words separated by one space, sentence ends
    /// written as `|`, and a space at both ends so every word, first and last
    /// included, is surrounded by spaces.
    pub text: String,
    pub tokens: Vec<Token>,
}

impl Normalized {
    /// The token whose folded form starts at byte `start` of [`Self::text`].
    pub fn token_starting_at(&self, start: usize) -> Option<usize> {
        self.tokens
            .binary_search_by(|t| t.norm.start.cmp(&start))
            .ok()
    }

    /// The token that contains byte `pos` of [`Self::text`].
    pub fn token_containing(&self, pos: usize) -> Option<usize> {
        let i = self.tokens.partition_point(|t| t.norm.start <= pos);
        let i = i.checked_sub(1)?;
        (pos < self.tokens[i].norm.end).then_some(i)
    }

    /// Byte range in the original text covered by tokens `first..=last`.
    pub fn original_span(&self, first: usize, last: usize) -> Range<usize> {
        self.tokens[first].orig.start..self.tokens[last].orig.end
    }

    /// The folded word of token `i`.
    pub fn word(&self, i: usize) -> &str {
        &self.text[self.tokens[i].norm.clone()]
    }
}

/// Folds `text` into a [`Normalized`] line of words.
///
/// - case folded, accents and other marks removed, compatibility forms
///   folded (`𝐕𝐨𝐭𝐞𝐳` → `votez`, `ﬁ` → `fi`, `œ` → `oe`);
/// - apostrophes, hyphens and other punctuation separate words, so French
///   elisions are split (`l’opposition` → `l opposition`);
/// - hashtags and mentions lose their sigil and are split on CamelCase and
///   before digits (`#VotezDupont2026` → `votez dupont 2026`);
/// - a run of capitals followed by digits is split too (`RN7` → `rn 7`);
/// - `.`, `!`, `?`, `…`, `;` and line breaks end a sentence.
pub fn normalize(text: &str) -> Normalized {
    let mut n = Normalizer {
        out: Normalized {
            text: String::with_capacity(text.len() + 8),
            tokens: Vec::with_capacity(text.len() / 5 + 2),
        },
        current: None,
        pending_break: false,
        sentence: 0,
    };
    n.out.text.push(' ');

    let mut chars = text.char_indices().peekable();
    let mut prev: Option<char> = None;
    let mut in_tag = false;
    while let Some((at, c)) = chars.next() {
        let next = chars.peek().map(|&(_, n)| n);
        let end = at + c.len_utf8();
        // Combining marks are never ASCII: skip the table lookup for the
        // common case.
        if !c.is_ascii() && is_combining_mark(c) {
            // A mark typed after its letter (decomposed input): part of the word.
            if let Some(cur) = n.current.as_mut() {
                cur.orig_end = end;
            }
            continue;
        }
        let word_char = if c.is_ascii() {
            c.is_ascii_alphanumeric()
        } else {
            c.is_alphanumeric()
        };
        if word_char {
            let split = match (prev, n.current.as_ref()) {
                (Some(p), Some(cur)) => should_split(p, c, next, in_tag, cur.all_caps_so_far),
                _ => false,
            };
            if split {
                n.finish_word();
                n.start_word(at, c, in_tag, false);
            } else if n.current.is_none() {
                let tag_start = in_tag && matches!(prev, Some('#' | '@'));
                n.start_word(at, c, in_tag, tag_start);
            }
            n.push_char(c, end);
        } else {
            n.finish_word();
            in_tag = matches!(c, '#' | '@' | '＃') && next.is_some_and(|n| n.is_alphanumeric());
            if ends_sentence(
                c,
                next,
                n.out.tokens.last().map(|t| &n.out.text[t.norm.clone()]),
            ) {
                n.pending_break = true;
            }
        }
        prev = Some(c);
    }
    n.finish_word();
    n.out
}

/// Whether a word must be cut before `c` (CamelCase in hashtags, letters
/// followed by digits).
fn should_split(p: char, c: char, next: Option<char>, in_tag: bool, caps_so_far: bool) -> bool {
    if in_tag && p.is_lowercase() && c.is_uppercase() {
        return true;
    }
    if in_tag && p.is_uppercase() && c.is_uppercase() && next.is_some_and(char::is_lowercase) {
        return true;
    }
    p.is_alphabetic() && c.is_numeric() && (in_tag || caps_so_far)
}

/// Short words that end with a dot without ending the sentence (« M. Dupont »).
const ABBREVIATIONS: &[&str] = &[
    "m", "mm", "mme", "mmes", "mlle", "dr", "pr", "st", "ste", "av", "bd", "no", "n", "cf", "mr",
    "mrs", "ms", "vs", "env", "tel", "p", "ex", "hab",
];

fn ends_sentence(c: char, next: Option<char>, last_word: Option<&str>) -> bool {
    match c {
        '!' | '?' | '…' | ';' | '\n' | '\r' | '•' | '|' | '¡' | '¿' | '。' => true,
        '.' => {
            let followed_by_space = next.is_none_or(char::is_whitespace);
            let abbreviation =
                last_word.is_some_and(|w| ABBREVIATIONS.contains(&w) || w.chars().count() == 1);
            followed_by_space && !abbreviation
        }
        _ => false,
    }
}

struct Word {
    norm_start: usize,
    orig_start: usize,
    orig_end: usize,
    capitalized: bool,
    letters: usize,
    all_caps_so_far: bool,
    number: bool,
    in_tag: bool,
    tag_start: bool,
}

struct Normalizer {
    out: Normalized,
    current: Option<Word>,
    pending_break: bool,
    sentence: u32,
}

impl Normalizer {
    fn start_word(&mut self, at: usize, c: char, in_tag: bool, tag_start: bool) {
        let sentence_start = self
            .out
            .tokens
            .last()
            .is_none_or(|t| t.sentence != self.sentence);
        if self.pending_break && !self.out.tokens.is_empty() {
            self.out.text.push(SENTENCE_BREAK);
            self.out.text.push(' ');
            self.sentence += 1;
        }
        let sentence_start = sentence_start || self.pending_break;
        self.pending_break = false;
        self.current = Some(Word {
            norm_start: self.out.text.len(),
            orig_start: at,
            orig_end: at,
            capitalized: c.is_uppercase(),
            letters: 0,
            all_caps_so_far: true,
            number: true,
            in_tag,
            tag_start,
        });
        // Remembered until the word is finished.
        self.out.tokens.push(Token {
            norm: 0..0,
            orig: 0..0,
            capitalized: false,
            all_caps: false,
            number: false,
            in_tag,
            tag_start,
            sentence_start,
            sentence: self.sentence,
        });
    }

    fn push_char(&mut self, c: char, end: usize) {
        let Some(cur) = self.current.as_mut() else {
            return;
        };
        cur.orig_end = end;
        if c.is_alphabetic() {
            cur.letters += 1;
            cur.number = false;
            if !c.is_uppercase() {
                cur.all_caps_so_far = false;
            }
        } else if !c.is_numeric() {
            cur.number = false;
        }
        fold_char(c, &mut self.out.text);
    }

    fn finish_word(&mut self) {
        let Some(cur) = self.current.take() else {
            return;
        };
        let norm_end = self.out.text.len();
        if let Some(tok) = self.out.tokens.last_mut() {
            tok.norm = cur.norm_start..norm_end;
            tok.orig = cur.orig_start..cur.orig_end;
            tok.capitalized = cur.capitalized;
            tok.all_caps = cur.all_caps_so_far && cur.letters >= 2;
            tok.number = cur.number;
            tok.in_tag = cur.in_tag;
            tok.tag_start = cur.tag_start;
        }
        self.out.text.push(' ');
    }
}

/// Appends the folded form of `c`: lower case, no marks, compatibility
/// characters replaced by their plain letters.
fn fold_char(c: char, out: &mut String) {
    if c.is_ascii() {
        out.push(c.to_ascii_lowercase());
        return;
    }
    // The accented letters of French, without a trip through the Unicode
    // decomposition tables.
    let plain = match c {
        'à' | 'â' | 'ä' | 'á' | 'À' | 'Â' | 'Ä' | 'Á' => Some('a'),
        'é' | 'è' | 'ê' | 'ë' | 'É' | 'È' | 'Ê' | 'Ë' => Some('e'),
        'î' | 'ï' | 'í' | 'Î' | 'Ï' | 'Í' => Some('i'),
        'ô' | 'ö' | 'ó' | 'Ô' | 'Ö' | 'Ó' => Some('o'),
        'ù' | 'û' | 'ü' | 'ú' | 'Ù' | 'Û' | 'Ü' | 'Ú' => Some('u'),
        'ç' | 'Ç' => Some('c'),
        'ÿ' | 'Ÿ' => Some('y'),
        'ñ' | 'Ñ' => Some('n'),
        _ => None,
    };
    if let Some(p) = plain {
        out.push(p);
        return;
    }
    match c {
        'œ' | 'Œ' => return out.push_str("oe"),
        'æ' | 'Æ' => return out.push_str("ae"),
        'ß' | 'ẞ' => return out.push_str("ss"),
        'ø' | 'Ø' => return out.push('o'),
        'ł' | 'Ł' => return out.push('l'),
        'đ' | 'Đ' => return out.push('d'),
        _ => {}
    }
    decompose_compatible(c, |d| {
        if !is_combining_mark(d) {
            for l in d.to_lowercase() {
                if l.is_alphanumeric() {
                    out.push(l);
                }
            }
        }
    });
}

/// Folds a phrase written by a rule author into the normalised form used for
/// matching: `"l’ancienne équipe"` → `"l ancienne equipe"`.
pub fn fold_phrase(phrase: &str) -> String {
    // Most phrases of the pack are already plain lowercase words: they fold
    // to themselves (this keeps the detector quick to build).
    let plain = phrase.bytes().all(|b| b.is_ascii_lowercase() || b == b' ')
        && !phrase.starts_with(' ')
        && !phrase.ends_with(' ')
        && !phrase.contains("  ");
    if plain {
        return phrase.to_string();
    }
    let n = normalize(phrase);
    n.tokens
        .iter()
        .map(|t| &n.text[t.norm.clone()])
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(s: &str) -> Vec<String> {
        let n = normalize(s);
        (0..n.tokens.len()).map(|i| n.word(i).to_string()).collect()
    }

    #[test]
    fn folds_case_accents_and_elisions() {
        assert_eq!(
            words("L’Opposition VOTEZ l'équipe"),
            ["l", "opposition", "votez", "l", "equipe"]
        );
        assert_eq!(
            words("Cœur de ville, reconquête"),
            ["coeur", "de", "ville", "reconquete"]
        );
        assert_eq!(words("𝐕𝐨𝐭𝐞𝐳 pour"), ["votez", "pour"]);
        // Decomposed input: e + combining acute.
        assert_eq!(words("e\u{301}lection"), ["election"]);
    }

    #[test]
    fn splits_hashtags_and_mentions_on_camel_case() {
        assert_eq!(words("#VotezDupont"), ["votez", "dupont"]);
        assert_eq!(
            words("@VilleDeLyon #Municipales2026"),
            ["ville", "de", "lyon", "municipales", "2026"]
        );
        assert_eq!(words("#LFIAvecVous"), ["lfi", "avec", "vous"]);
        let n = normalize("Allez #VotezDupont");
        assert!(n.tokens[1].in_tag && n.tokens[1].tag_start && !n.tokens[2].tag_start);
        assert!(n.tokens[2].capitalized);
    }

    #[test]
    fn splits_capitals_from_digits_but_not_ordinary_words() {
        assert_eq!(
            words("RN7 et RN 10, A7"),
            ["rn", "7", "et", "rn", "10", "a", "7"]
        );
        assert_eq!(words("1er tour, 8h-18h"), ["1er", "tour", "8h", "18h"]);
        assert_eq!(words("Covid19"), ["covid19"]);
    }

    #[test]
    fn marks_sentences_and_keeps_abbreviations() {
        let n = normalize("Fermée. M. Dupont vote! Ensuite");
        assert_eq!(n.text, " fermee | m dupont vote | ensuite ");
        assert!(n.tokens[1].sentence_start && !n.tokens[2].sentence_start);
        assert_eq!(n.tokens[4].sentence, 2);
        assert!(n.tokens[0].sentence_start);
    }

    #[test]
    fn maps_words_back_to_original_bytes() {
        let text = "Élection : l’équipe #VotezDupont";
        let n = normalize(text);
        let spans: Vec<&str> = n.tokens.iter().map(|t| &text[t.orig.clone()]).collect();
        assert_eq!(spans, ["Élection", "l", "équipe", "Votez", "Dupont"]);
        let i = n.token_starting_at(n.text.find("equipe").unwrap()).unwrap();
        assert_eq!(&text[n.original_span(i, i + 2)], "équipe #VotezDupont");
        assert_eq!(n.token_containing(n.text.find("quipe").unwrap()), Some(i));
    }

    #[test]
    fn flags_capitals_and_numbers() {
        let n = normalize("le RN et Renaissance 2026");
        assert!(n.tokens[1].all_caps && !n.tokens[3].all_caps && n.tokens[3].capitalized);
        assert!(n.tokens[4].number && !n.tokens[0].capitalized);
    }

    #[test]
    fn folds_phrases_like_posts() {
        assert_eq!(fold_phrase("l’ancienne  équipe"), "l ancienne equipe");
        assert_eq!(fold_phrase("#AvecNous"), "avec nous");
    }

    #[test]
    fn plain_phrases_fold_to_themselves_as_normalize_would() {
        for phrase in ["bureau de vote", "votez pour", "a", "we have built"] {
            let n = normalize(phrase);
            let slow: Vec<&str> = (0..n.tokens.len()).map(|i| n.word(i)).collect();
            assert_eq!(fold_phrase(phrase), slow.join(" "));
        }
    }
}
