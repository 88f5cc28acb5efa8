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

use std::cell::RefCell;
use std::ops::Range;
use unicode_normalization::char::{decompose_compatible, is_combining_mark};

#[cfg(test)]
mod reference;

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
    let mut out = Normalized::default();
    normalize_into(text, &mut out);
    out
}

/// Calls `f` with the normalised `text`, folded into a buffer the thread
/// keeps: checking a post then allocates nothing for its words.
pub fn with_normalized<R>(text: &str, f: impl FnOnce(&Normalized) -> R) -> R {
    thread_local! {
        static BUFFER: RefCell<Normalized> = RefCell::default();
    }
    BUFFER.with(|buffer| match buffer.try_borrow_mut() {
        Ok(mut norm) => {
            normalize_into(text, &mut norm);
            let result = f(&norm);
            // Do not keep the memory of an unusually long text.
            if norm.text.capacity() > KEPT_CAPACITY {
                *norm = Normalized::default();
            }
            result
        }
        // Called again from inside `f`: a buffer of its own.
        Err(_) => f(&normalize(text)),
    })
}

/// The longest normalised text whose buffers [`with_normalized`] keeps.
const KEPT_CAPACITY: usize = 1 << 16;

/// [`normalize`] into `out`, whose buffers are reused.
///
/// Every post goes through here, so it is written for speed: it reads bytes,
/// not `char`s, looks ASCII bytes up in a table, answers the accented
/// letters of French without the Unicode tables, copies runs of lowercase
/// ASCII letters at once, and decodes the next character only where a rule
/// needs it. The first, plainer version is kept in `normalize/reference.rs`;
/// a test checks that both give the same result.
pub fn normalize_into(text: &str, out: &mut Normalized) {
    out.text.clear();
    out.tokens.clear();
    out.text.reserve(text.len() + 8);
    out.tokens.reserve(text.len() / 5 + 2);
    out.text.push(' ');
    let mut n = Normalizer {
        out,
        pending_break: false,
        sentence: 0,
    };
    let bytes = text.as_bytes();
    let mut at = 0;
    // Whether the text is inside a hashtag or a mention, and whether the
    // character before (combining marks aside) is its `#` or `@`.
    let mut in_tag = false;
    let mut after_sigil = false;
    while let Some(&b) = bytes.get(at) {
        // Spaces first: half the characters that are not letters.
        if b == b' ' {
            in_tag = false;
            after_sigil = false;
            at += 1;
            continue;
        }
        // The most common word: an ASCII letter, then lowercase ASCII
        // letters, then ASCII that is neither a letter nor a digit (or the
        // end of the text). It cannot split and folds byte for byte.
        if b.is_ascii_alphabetic() {
            let rest = bytes.get(at + 1..).unwrap_or_default();
            let end = at + 1 + rest.iter().take_while(|b| b.is_ascii_lowercase()).count();
            if bytes
                .get(end)
                .is_none_or(|b| b.is_ascii() && !b.is_ascii_alphanumeric())
            {
                n.plain_word(text, at, end, in_tag, in_tag && after_sigil);
                after_sigil = false;
                at = end;
                continue;
            }
        }
        let Some((c, kind)) = char_at(text, at) else {
            break;
        };
        if kind.is_word() {
            at = n.words(text, at, in_tag, in_tag && after_sigil);
            after_sigil = false;
            continue;
        }
        let end = at + c.len_utf8();
        // A combining mark outside a word is dropped.
        if kind.is_mark() {
            at = end;
            continue;
        }
        let next = || text.get(end..).and_then(|rest| rest.chars().next());
        in_tag = matches!(c, '#' | '@' | '＃') && next().is_some_and(char::is_alphanumeric);
        if ends_sentence(c, next, || n.last_word()) {
            n.pending_break = true;
        }
        after_sigil = matches!(c, '#' | '@');
        at = end;
    }
}

/// What the normaliser asks about a character, answered once per
/// character: a few bits instead of calls into the Unicode tables.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Kind(u8);

impl Kind {
    const ALPHABETIC: u8 = 1;
    const NUMERIC: u8 = 2;
    const UPPERCASE: u8 = 4;
    const LOWERCASE: u8 = 8;
    /// A combining mark (`e` + U+0301): part of the word before it, never a
    /// word of its own, whatever its other properties.
    const MARK: u8 = 16;
    const LOWER_LETTER: Kind = Kind(Kind::ALPHABETIC | Kind::LOWERCASE);
    const UPPER_LETTER: Kind = Kind(Kind::ALPHABETIC | Kind::UPPERCASE);
    const OTHER: Kind = Kind(0);

    fn of(c: char) -> Kind {
        if c.is_ascii() {
            return ASCII_KINDS[c as usize];
        }
        match c {
            // Latin-1 letters (the accents of French) and « œ », the common
            // case after ASCII.
            'À'..='Ö' | 'Ø'..='Þ' | 'Œ' => Kind::UPPER_LETTER,
            'ß'..='ö' | 'ø'..='ÿ' | 'œ' => Kind::LOWER_LETTER,
            // French typography (« », no-break spaces, ’, …) and emoji:
            // neither letters, digits nor marks.
            '\u{a0}' | '«' | '»' | '\u{2000}'..='\u{206f}' | '\u{1f300}'..='\u{1faff}' => {
                Kind::OTHER
            }
            _ => Kind::from_unicode_tables(c),
        }
    }

    /// The kind read from the Unicode tables: what the shortcuts of
    /// [`Kind::of`] must agree with.
    fn from_unicode_tables(c: char) -> Kind {
        if !c.is_ascii() && is_combining_mark(c) {
            return Kind(Kind::MARK);
        }
        let bit = |yes: bool, bit: u8| if yes { bit } else { 0 };
        Kind(
            bit(c.is_alphabetic(), Kind::ALPHABETIC)
                | bit(c.is_numeric(), Kind::NUMERIC)
                | bit(c.is_uppercase(), Kind::UPPERCASE)
                | bit(c.is_lowercase(), Kind::LOWERCASE),
        )
    }

    fn has(self, bit: u8) -> bool {
        self.0 & bit != 0
    }

    /// Letters and digits make words.
    fn is_word(self) -> bool {
        self.has(Kind::ALPHABETIC | Kind::NUMERIC)
    }

    fn is_mark(self) -> bool {
        self.has(Kind::MARK)
    }
}

/// [`Kind`] of each ASCII character.
const ASCII_KINDS: [Kind; 128] = {
    let mut kinds = [Kind::OTHER; 128];
    let mut b = 0u8;
    while b < 128 {
        kinds[b as usize] = if b.is_ascii_uppercase() {
            Kind::UPPER_LETTER
        } else if b.is_ascii_lowercase() {
            Kind::LOWER_LETTER
        } else if b.is_ascii_digit() {
            Kind(Kind::NUMERIC)
        } else {
            Kind::OTHER
        };
        b += 1;
    }
    kinds
};

/// The character at byte `at` of `text` and its [`Kind`] (`None` at the end).
#[inline(always)]
fn char_at(text: &str, at: usize) -> Option<(char, Kind)> {
    let b = *text.as_bytes().get(at)?;
    if b.is_ascii() {
        return Some((char::from(b), ASCII_KINDS[usize::from(b)]));
    }
    let c = text.get(at..)?.chars().next()?;
    Some((c, Kind::of(c)))
}

/// Whether a word must be cut before `c` (CamelCase in hashtags, letters
/// followed by digits), `p` being the letter or digit before it; `next` is
/// asked only for `#LFIAvec` (capitals followed by a capitalised word).
fn should_split(
    p: Kind,
    c: Kind,
    next: impl FnOnce() -> Option<char>,
    in_tag: bool,
    caps_so_far: bool,
) -> bool {
    if in_tag && c.has(Kind::UPPERCASE) {
        if p.has(Kind::LOWERCASE) {
            return true;
        }
        if p.has(Kind::UPPERCASE) && next().is_some_and(char::is_lowercase) {
            return true;
        }
    }
    p.has(Kind::ALPHABETIC) && c.has(Kind::NUMERIC) && (in_tag || caps_so_far)
}

/// Short words that end with a dot without ending the sentence (« M. Dupont »).
const ABBREVIATIONS: &[&str] = &[
    "m", "mm", "mme", "mmes", "mlle", "dr", "pr", "st", "ste", "av", "bd", "no", "n", "cf", "mr",
    "mrs", "ms", "vs", "env", "tel", "p", "ex", "hab",
];

/// Whether `c` ends a sentence; `next` (the character after it) and
/// `last_word` (the folded word before it) are asked only for a dot.
fn ends_sentence<'w>(
    c: char,
    next: impl FnOnce() -> Option<char>,
    last_word: impl FnOnce() -> Option<&'w str>,
) -> bool {
    match c {
        '!' | '?' | '…' | ';' | '\n' | '\r' | '•' | '|' | '¡' | '¿' | '。' => true,
        '.' => {
            let followed_by_space = next().is_none_or(char::is_whitespace);
            followed_by_space
                && !last_word()
                    .is_some_and(|w| ABBREVIATIONS.contains(&w) || w.chars().count() == 1)
        }
        _ => false,
    }
}

/// The word being read: becomes a [`Token`] when it ends.
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
    sentence_start: bool,
    sentence: u32,
}

impl Word {
    /// Counts a letter or digit of kind `kind` ending at byte `end`.
    fn count(&mut self, kind: Kind, end: usize) {
        self.orig_end = end;
        if kind.has(Kind::ALPHABETIC) {
            self.letters += 1;
            self.number = false;
            if !kind.has(Kind::UPPERCASE) {
                self.all_caps_so_far = false;
            }
        } else if !kind.has(Kind::NUMERIC) {
            self.number = false;
        }
    }
}

struct Normalizer<'a> {
    out: &'a mut Normalized,
    pending_break: bool,
    sentence: u32,
}

impl Normalizer<'_> {
    /// Reads the word starting at byte `at` (a letter or a digit), or the
    /// words when it splits (`#VotezDupont`), up to the first character that
    /// is neither a letter, a digit nor a combining mark; returns its byte.
    fn words(&mut self, text: &str, mut at: usize, in_tag: bool, tag_start: bool) -> usize {
        let bytes = text.as_bytes();
        let Some((first, kind)) = char_at(text, at) else {
            return at;
        };
        let mut word = self.start_word(at, kind, in_tag, tag_start);
        at += first.len_utf8();
        word.count(kind, at);
        fold_char(first, &mut self.out.text);
        // The letter or digit before the next one (marks skipped).
        let mut prev = kind;
        loop {
            // Lowercase ASCII letters never split a word and fold to
            // themselves: copy the whole run.
            let rest = bytes.get(at..).unwrap_or_default();
            let run = rest.iter().take_while(|b| b.is_ascii_lowercase()).count();
            if run > 0 {
                self.out
                    .text
                    .push_str(text.get(at..at + run).unwrap_or_default());
                word.letters += run;
                word.all_caps_so_far = false;
                word.number = false;
                at += run;
                word.orig_end = at;
                prev = Kind::LOWER_LETTER;
            }
            let Some((c, kind)) = char_at(text, at) else {
                break;
            };
            let end = at + c.len_utf8();
            // A combining mark belongs to the letter before it.
            if kind.is_mark() {
                at = end;
                word.orig_end = end;
                continue;
            }
            if !kind.is_word() {
                break;
            }
            let next = || text.get(end..).and_then(|rest| rest.chars().next());
            if should_split(prev, kind, next, in_tag, word.all_caps_so_far) {
                self.finish_word(&word);
                word = self.start_word(at, kind, in_tag, false);
            }
            word.count(kind, end);
            fold_char(c, &mut self.out.text);
            prev = kind;
            at = end;
        }
        self.finish_word(&word);
        at
    }

    /// The word `text[start..end]`: an ASCII letter followed by lowercase
    /// ASCII letters.
    fn plain_word(&mut self, text: &str, start: usize, end: usize, in_tag: bool, tag_start: bool) {
        let word = text.get(start..end).unwrap_or_default();
        let Some((&first, _)) = word.as_bytes().split_first() else {
            return;
        };
        let kind = ASCII_KINDS[usize::from(first & 0x7f)];
        let mut w = self.start_word(start, kind, in_tag, tag_start);
        self.out.text.push(char::from(first.to_ascii_lowercase()));
        self.out.text.push_str(word.get(1..).unwrap_or_default());
        w.orig_end = end;
        w.letters = word.len();
        // Never all capitals: one letter only, or lowercase ones after it.
        w.all_caps_so_far = false;
        w.number = false;
        self.finish_word(&w);
    }

    fn start_word(&mut self, at: usize, first: Kind, in_tag: bool, tag_start: bool) -> Word {
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
        Word {
            norm_start: self.out.text.len(),
            orig_start: at,
            orig_end: at,
            capitalized: first.has(Kind::UPPERCASE),
            letters: 0,
            all_caps_so_far: true,
            number: true,
            in_tag,
            tag_start,
            sentence_start,
            sentence: self.sentence,
        }
    }

    fn finish_word(&mut self, word: &Word) {
        self.out.tokens.push(Token {
            norm: word.norm_start..self.out.text.len(),
            orig: word.orig_start..word.orig_end,
            capitalized: word.capitalized,
            all_caps: word.all_caps_so_far && word.letters >= 2,
            number: word.number,
            in_tag: word.in_tag,
            tag_start: word.tag_start,
            sentence_start: word.sentence_start,
            sentence: word.sentence,
        });
        self.out.text.push(' ');
    }

    /// The folded form of the last word read.
    fn last_word(&self) -> Option<&str> {
        let t = self.out.tokens.last()?;
        self.out.text.get(t.norm.clone())
    }
}

/// Appends the folded form of `c`: lower case, no marks, compatibility
/// characters replaced by their plain letters.
#[inline]
fn fold_char(c: char, out: &mut String) {
    if c.is_ascii() {
        out.push(c.to_ascii_lowercase());
    } else {
        fold_non_ascii(c, out);
    }
}

fn fold_non_ascii(c: char, out: &mut String) {
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

/// The fast normaliser against the first one (`normalize/reference.rs`):
/// the same text and the same tokens, whatever the input.
#[cfg(test)]
mod same_as_reference {
    use super::*;
    use crate::political::PoliticalPack;

    #[track_caller]
    fn assert_same(text: &str, reused: &mut Normalized) {
        let expected = reference::normalize(text);
        let got = normalize(text);
        assert_eq!(got.text, expected.text, "text of {text:?}");
        assert_eq!(got.tokens, expected.tokens, "tokens of {text:?}");
        // A buffer that held another post gives the same result.
        normalize_into(text, reused);
        assert_eq!(reused.text, expected.text, "reused buffer, {text:?}");
        assert_eq!(reused.tokens, expected.tokens, "reused buffer, {text:?}");
    }

    #[test]
    fn kinds_agree_with_the_unicode_tables() {
        for c in (0..=u32::from(char::MAX)).filter_map(char::from_u32) {
            let expected = Kind::from_unicode_tables(c);
            assert_eq!(Kind::of(c), expected, "U+{:04X} {c:?}", u32::from(c));
        }
    }

    #[derive(serde::Deserialize)]
    struct Set {
        posts: Vec<Post>,
    }

    #[derive(serde::Deserialize)]
    struct Post {
        text: String,
    }

    #[test]
    fn on_every_post_of_the_evaluation_sets_and_every_phrase_of_the_pack() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/political");
        let mut texts: Vec<String> = Vec::new();
        let mut files = 0;
        for entry in std::fs::read_dir(dir).expect("tests/fixtures/political") {
            let path = entry.expect("directory entry").path();
            // Every part of the set (`parts.yaml` is their list, not posts).
            let is_part = path.extension().is_some_and(|e| e == "yaml")
                && path.file_name().is_some_and(|n| n != "parts.yaml");
            if is_part {
                let yaml = std::fs::read_to_string(&path).expect("evaluation set");
                let set: Set = serde_saphyr::from_str(&yaml)
                    .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
                texts.extend(set.posts.into_iter().map(|p| p.text));
                files += 1;
            }
        }
        assert!(
            files >= 2 && texts.len() > 1000,
            "{files} files, {} posts",
            texts.len()
        );
        let pack = PoliticalPack::builtin();
        for rule in &pack.rules {
            let examples = rule.examples.trigger.iter().chain(&rule.examples.pass);
            texts.extend(examples.map(|e| e.text().to_string()));
        }
        for signal in &pack.data.signals {
            texts.extend(
                signal
                    .fr
                    .iter()
                    .chain(&signal.en)
                    .chain(&signal.both)
                    .cloned(),
            );
        }
        texts.extend(pack.data.exceptions.all().cloned());
        let mut reused = Normalized::default();
        for text in &texts {
            assert_same(text, &mut reused);
        }
    }

    /// A tiny deterministic generator (xorshift64*), so that a failure can
    /// be replayed.
    struct Rng(u64);

    impl Rng {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 >> 12;
            self.0 ^= self.0 << 25;
            self.0 ^= self.0 >> 27;
            self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
        }

        fn below(&mut self, n: usize) -> usize {
            (self.next() % n as u64) as usize
        }

        fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
            items[self.below(items.len())]
        }
    }

    /// Pieces of posts: words, tags, numbers, punctuation and the Unicode
    /// corner cases the normaliser handles (decomposed accents,
    /// mathematical letters, ligatures, titlecase, marks after a sigil…).
    #[rustfmt::skip]
    const PIECES: &[&str] = &[
        // Words, French accents, ligatures, elisions.
        "votez", "Votez", "VOTEZ", "pour", "la", "liste", "de", "Jean", "Dupont", "M", "Mme",
        "mairie", "élection", "Élection", "ÉLECTION", "équipe", "l’équipe", "l'ancienne",
        "cœur", "Œuvre", "ŒUVRE", "sœur", "naïve", "Noël", "garçon", "Ça", "où", "fête",
        "Ðóttir", "þorn", "ÞÆR", "Æsir", "ŒIL", "Éé", "ÀÉ", "À", "à", "où’", "d’Élan", "qu’à",
        // Hashtags and mentions.
        "#VotezDupont", "#Municipales2026", "#LFIAvecVous", "#VilleExemple", "@VilleDeLyon",
        "@mairie_de_paris", "#", "@", "＃Vote", "#é", "#Élan", "#2026", "#RN7", "#aB", "#ABc",
        "#a#b", "@@x",
        // Letters and digits together.
        "RN7", "RN 7", "A7", "Covid19", "1er", "8h-18h", "15", "2026", "12h30", "3e", "7RN7",
        "ÿÿ7", "é2", "É2", "éΩ", "Éω",
        // Combining marks, mathematical letters, other scripts and numbers.
        "e\u{301}lection", "E\u{301}", "#\u{301}Vote", "a\u{301}\u{327}b", "\u{301}",
        "\u{301}x", "œ\u{301}", "𝐕𝐨𝐭𝐞𝐳", "𝐑𝐍𝟕", "𝟐𝟎𝟐𝟔", "ﬁn", "ﬂeur", "Ǆ", "ǅemal", "ǆ", "ß",
        "STRAẞE", "ª", "º", "µ", "²", "³", "½", "Ⅻ", "ⅻ", "٣", "①", "Ωmega", "ωmega", "Ελλάδα",
        "Москва", "東京", "\u{345}", "ι\u{345}", "Ø", "ø", "Łódź", "đ", "ÿ", "Ÿ", "ñ", "ã", "å",
        "ð", "þ", "Þ", "×", "÷", "a×b", "é÷",
        // Emoji, symbols, quotes, dashes, spaces.
        "🗳️", "🗳\u{fe0f}", "👍🏽", "🇫🇷", "❤", "❤️", "©", "™", "→", "«", "»", "’", "‘", "“", "”",
        "–", "—", "\u{a0}", "\u{202f}", "\u{2009}", "\u{200b}", "\u{200d}", "\u{feff}",
        "\u{85}", "\u{2028}",
        // Sentence ends, abbreviations and other punctuation.
        ".", "..", "...", "!", "?", "…", ";", "|", ":", ",", "•", "¡", "¿", "。", "-", "_", "/",
        "(", ")", "\"", "'", "&", "+", "=", "%", "$", "€", "\n", "\r\n", "\t", " ", "  ",
        "M.", "n.", "A.", "Mme.", "St.", "etc.", "U.S.A.", "ok.ok", "3.5",
        "https://www.ville-exemple.fr/vote", "x@y.fr",
    ];

    #[test]
    fn on_pseudo_random_text() {
        let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
        let mut reused = Normalized::default();
        let separators = [" ", "", " ", "\u{a0}", ", ", ". ", "\n", "’", "-", "#", "@"];
        for _ in 0..5000 {
            let mut text = String::new();
            for _ in 0..rng.below(30) {
                text.push_str(rng.pick(PIECES));
                text.push_str(rng.pick(&separators));
                // Now and then, any character at all.
                if rng.below(8) == 0
                    && let Some(c) = char::from_u32((rng.next() % 0x11_0000) as u32)
                {
                    text.push(c);
                }
                // Now and then, a character from the blocks that matter.
                if rng.below(4) == 0 {
                    let base = [0x20, 0xa0, 0x100, 0x300, 0x1d400, 0x2000, 0xfb00, 0x1f300];
                    let c = base[rng.below(base.len())] + (rng.next() % 0x100) as u32;
                    if let Some(c) = char::from_u32(c) {
                        text.push(c);
                    }
                }
            }
            assert_same(&text, &mut reused);
        }
    }

    #[test]
    fn on_every_short_string_of_tricky_characters() {
        // Every string of up to three characters from this set: all the
        // transitions the word splitter looks at.
        let chars = [
            'a', 'B', '7', 'é', 'É', '#', '@', '＃', '.', ' ', '\u{301}', '𝐕', 'ǅ', 'ª', '²', '!',
            'ﬁ', 'œ',
        ];
        let mut reused = Normalized::default();
        let mut text = String::new();
        for &a in &chars {
            for &b in &chars {
                for &c in &chars {
                    for len in 1..=3 {
                        text.clear();
                        text.extend([a, b, c].iter().take(len));
                        assert_same(&text, &mut reused);
                    }
                }
            }
        }
    }
}
