//! The first normaliser, kept as the reference the fast one is tested
//! against: same input, same [`Normalized`] (text and tokens), for every
//! input. It reads the text one `char` at a time with a look-ahead and asks
//! the Unicode tables about each one; [`super::normalize`] gives the same
//! answers with an ASCII fast path.

use super::{Normalized, SENTENCE_BREAK, Token};
use unicode_normalization::char::{decompose_compatible, is_combining_mark};

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
