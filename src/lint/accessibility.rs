//! Accessibility kinds: image descriptions, emoji, "styled" Unicode letters
//! and words in capitals — what screen readers stumble on.

use super::emoji;
use super::words::{PhraseSet, fold, is_word_char};
use super::{Account, Hit, PostCheck, PostView, params};
use crate::rules::{AppliesTo, CheckSpec, KindInfo};
use serde::Deserialize;
use std::collections::HashSet;
use unicode_normalization::UnicodeNormalization;

pub(crate) const ALT_TEXT: KindInfo = KindInfo {
    name: "alt-text",
    applies_to: AppliesTo::Post,
    variants: &["useless", "too-long"],
    placeholders: &["file", "alt", "max"],
    validate: Some(super::validate_params),
};

pub(crate) const EMOJI: KindInfo = KindInfo {
    name: "emoji",
    applies_to: AppliesTo::Post,
    variants: &["repeated", "face", "word", "only"],
    placeholders: &["count", "max", "emoji"],
    validate: Some(super::validate_params),
};

pub(crate) const STYLED_LETTERS: KindInfo = KindInfo {
    name: "styled-letters",
    applies_to: AppliesTo::Post,
    variants: &[],
    placeholders: &["text", "plain"],
    validate: Some(super::validate_params),
};

pub(crate) const ALL_CAPS: KindInfo = KindInfo {
    name: "all-caps",
    applies_to: AppliesTo::Post,
    variants: &[],
    placeholders: &["words"],
    validate: Some(super::validate_params),
};

// ---------------------------------------------------------------------------
// alt-text

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct AltParams {
    /// Descriptions that describe nothing ("image", "photo").
    #[serde(default)]
    useless: Vec<String>,
    /// Longest description the platforms accept.
    max_length: Option<usize>,
}

struct AltText {
    useless: HashSet<String>,
    max_length: Option<usize>,
}

/// Extensions of media that are not images (videos have their own needs:
/// subtitles).
const NOT_IMAGES: &[&str] = &[
    "mp4", "mov", "m4v", "webm", "avi", "mkv", "mpg", "mpeg", "mp3", "wav", "ogg", "m4a", "pdf",
];

pub(crate) fn build_alt_text(
    spec: &CheckSpec,
    _: &serde_json::Value,
    _: &Account,
) -> Result<Box<dyn PostCheck>, String> {
    let p: AltParams = params(spec)?;
    Ok(Box::new(AltText {
        useless: p
            .useless
            .iter()
            .map(|u| letters_only(u))
            .filter(|u| !u.is_empty())
            .collect(),
        max_length: p.max_length,
    }))
}

/// Folded letters of a text, without digits, spaces or punctuation:
/// "Photo 1." → "photo", "IMG_2034" → "img".
fn letters_only(s: &str) -> String {
    fold(s).chars().filter(|c| c.is_alphabetic()).collect()
}

fn file_stem(file: &str) -> &str {
    let name = file.rsplit(['/', '\\']).next().unwrap_or(file);
    let name = name.split(['?', '#']).next().unwrap_or(name);
    name.rsplit_once('.').map_or(name, |(stem, _)| stem)
}

fn extension(file: &str) -> Option<String> {
    let name = file.rsplit(['/', '\\']).next().unwrap_or(file);
    let name = name.split(['?', '#']).next().unwrap_or(name);
    name.rsplit_once('.')
        .map(|(_, ext)| ext.to_ascii_lowercase())
}

impl PostCheck for AltText {
    fn check(&self, post: &PostView<'_>, hits: &mut Vec<Hit>) {
        // Media are not in the text: the finding points at its end.
        let at = post.text.len()..post.text.len();
        for media in &post.post.media {
            if extension(&media.file).is_some_and(|e| NOT_IMAGES.contains(&e.as_str())) {
                continue;
            }
            let alt = media.alt.as_deref().map(str::trim).unwrap_or("");
            if alt.is_empty() {
                hits.push(Hit::new(at.clone()).value("file", &media.file));
                continue;
            }
            let stem = file_stem(&media.file);
            let letters = letters_only(alt);
            if alt.eq_ignore_ascii_case(&media.file)
                || alt.eq_ignore_ascii_case(stem)
                || letters.is_empty()
                || self.useless.contains(&letters)
            {
                hits.push(
                    Hit::new(at.clone())
                        .variant("useless")
                        .value("file", &media.file)
                        .value("alt", alt),
                );
                continue;
            }
            if let Some(max) = self.max_length
                && alt.chars().count() > max
            {
                hits.push(
                    Hit::new(at.clone())
                        .variant("too-long")
                        .value("file", &media.file)
                        .value("max", max),
                );
            }
        }
    }
}

// ---------------------------------------------------------------------------
// emoji

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct EmojiParams {
    max: usize,
    /// Report emoji used more than once.
    #[serde(default = "yes")]
    repeated: bool,
    /// Report face emoji.
    #[serde(default = "yes")]
    faces: bool,
    /// Words after which an emoji stands for a noun ("au 🏊").
    #[serde(default)]
    before_words: Vec<String>,
}

fn yes() -> bool {
    true
}

struct Emoji {
    max: usize,
    repeated: bool,
    faces: bool,
    before_words: PhraseSet<()>,
}

pub(crate) fn build_emoji(
    spec: &CheckSpec,
    _: &serde_json::Value,
    _: &Account,
) -> Result<Box<dyn PostCheck>, String> {
    let p: EmojiParams = params(spec)?;
    let mut before_words = PhraseSet::new();
    for w in &p.before_words {
        if w.split_whitespace().count() != 1 || !before_words.insert(w, ()) {
            return Err(format!("`before_words` takes single words, not `{w}`"));
        }
    }
    Ok(Box::new(Emoji {
        max: p.max,
        repeated: p.repeated,
        faces: p.faces,
        before_words,
    }))
}

impl PostCheck for Emoji {
    fn check(&self, post: &PostView<'_>, hits: &mut Vec<Hit>) {
        let text = post.text;
        let found = emoji::find(text);
        if found.is_empty() {
            return;
        }
        if found.len() > self.max {
            let start = found[self.max].span.start;
            let end = found.last().map_or(start, |e| e.span.end);
            hits.push(
                Hit::new(start..end)
                    .value("count", found.len())
                    .value("max", self.max),
            );
        }
        if self.repeated {
            // Report the second use of each repeated emoji, once.
            let mut reported: Vec<&str> = Vec::new();
            for (i, e) in found.iter().enumerate() {
                let s = &text[e.span.clone()];
                if reported.contains(&s) {
                    continue;
                }
                if found[..i].iter().any(|p| &text[p.span.clone()] == s) {
                    reported.push(s);
                    hits.push(
                        Hit::new(e.span.clone())
                            .variant("repeated")
                            .value("emoji", s),
                    );
                }
            }
        }
        if self.faces {
            for e in found.iter().filter(|e| e.face) {
                hits.push(
                    Hit::new(e.span.clone())
                        .variant("face")
                        .value("emoji", &text[e.span.clone()]),
                );
            }
        }
        // A post told in emoji only: no letter outside hashtags, mentions
        // and links.
        if !has_plain_letters(post) {
            let span = found[0].span.start..found.last().map_or(0, |e| e.span.end);
            hits.push(
                Hit::new(span)
                    .variant("only")
                    .value("emoji", &text[found[0].span.clone()]),
            );
            return;
        }
        if self.before_words.is_empty() {
            return;
        }
        let words = post.words();
        // An emoji right after an article or preposition stands for a word.
        for e in &found {
            let before = &text[..e.span.start];
            let trimmed = before.trim_end_matches([' ', '\u{a0}', '\u{202f}']);
            if trimmed.len() == before.len() && !before.is_empty() {
                // Glued to the previous word: decoration, not a noun.
                continue;
            }
            let word_start = trimmed
                .char_indices()
                .rev()
                .take_while(|(_, c)| is_word_char(*c))
                .last()
                .map(|(i, _)| i);
            let Some(ws) = word_start else { continue };
            let Some(tok) = words.tokens.iter().position(|t| t.span.start == ws) else {
                continue;
            };
            if words.tokens[tok].in_entity {
                continue;
            }
            if !self
                .before_words
                .find(words, |t| t.span.start == ws)
                .is_empty()
            {
                hits.push(
                    Hit::new(e.span.clone())
                        .variant("word")
                        .value("emoji", &text[e.span.clone()]),
                );
            }
        }
    }
}

/// True when the post has a letter outside its hashtags, mentions and links.
fn has_plain_letters(post: &PostView<'_>) -> bool {
    let e = post.entities;
    let inside = |i: usize| {
        e.hashtags
            .iter()
            .chain(&e.mentions)
            .chain(&e.urls)
            .chain(&e.cashtags)
            .any(|x| x.byte_start <= i && i < x.byte_end)
    };
    post.text
        .char_indices()
        .any(|(i, c)| c.is_alphabetic() && !inside(i))
}

// ---------------------------------------------------------------------------
// styled-letters

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct StyledParams {
    /// Fewest styled letters that make a finding (a lone `ℓ` is a unit).
    #[serde(default = "default_min_styled")]
    min_letters: usize,
}

fn default_min_styled() -> usize {
    2
}

struct Styled {
    min_letters: usize,
}

pub(crate) fn build_styled_letters(
    spec: &CheckSpec,
    _: &serde_json::Value,
    _: &Account,
) -> Result<Box<dyn PostCheck>, String> {
    let p: StyledParams = params(spec)?;
    Ok(Box::new(Styled {
        min_letters: p.min_letters.max(1),
    }))
}

/// The plain letter a "styled" character stands for, or `None` when `c` is
/// not a styled letter.
fn plain_of(c: char, out: &mut String) -> bool {
    let u = c as u32;
    match u {
        // Mathematical alphanumerics, full-width letters and digits, circled
        // and squared letters, letterlike symbols: NFKC gives the letter.
        0x1D400..=0x1D7FF
        | 0xFF10..=0xFF19
        | 0xFF21..=0xFF3A
        | 0xFF41..=0xFF5A
        | 0x24B6..=0x24E9
        | 0x1F130..=0x1F149 => {
            out.extend(std::iter::once(c).nfkc());
            true
        }
        0x2102
        | 0x210A..=0x2113
        | 0x2115
        | 0x2119..=0x211D
        | 0x2124
        | 0x2128
        | 0x212C..=0x212D
        | 0x212F..=0x2131
        | 0x2133..=0x2134 => {
            out.extend(std::iter::once(c).nfkc());
            true
        }
        // Negative circled and squared capitals: no decomposition.
        0x1F150..=0x1F169 => push_letter(out, u - 0x1F150),
        0x1F170..=0x1F189 => push_letter(out, u - 0x1F170),
        _ => match small_capital(c) {
            Some(l) => {
                out.push(l);
                true
            }
            None => false,
        },
    }
}

fn push_letter(out: &mut String, offset: u32) -> bool {
    match char::from_u32(u32::from(b'A') + offset) {
        Some(l) => {
            out.push(l);
            true
        }
        None => false,
    }
}

/// Small capitals used as a "font" (ᴍᴀɪʀɪᴇ).
fn small_capital(c: char) -> Option<char> {
    Some(match c {
        'ᴀ' => 'a',
        'ʙ' => 'b',
        'ᴄ' => 'c',
        'ᴅ' => 'd',
        'ᴇ' => 'e',
        'ꜰ' => 'f',
        'ɢ' => 'g',
        'ʜ' => 'h',
        'ɪ' => 'i',
        'ᴊ' => 'j',
        'ᴋ' => 'k',
        'ʟ' => 'l',
        'ᴍ' => 'm',
        'ɴ' => 'n',
        'ᴏ' => 'o',
        'ᴘ' => 'p',
        'ʀ' => 'r',
        'ꜱ' => 's',
        'ᴛ' => 't',
        'ᴜ' => 'u',
        'ᴠ' => 'v',
        'ᴡ' => 'w',
        'ʏ' => 'y',
        'ᴢ' => 'z',
        _ => return None,
    })
}

fn is_combining(c: char) -> bool {
    matches!(c, '\u{0300}'..='\u{036F}')
}

impl PostCheck for Styled {
    fn check(&self, post: &PostView<'_>, hits: &mut Vec<Hit>) {
        let text = post.text;
        if text.is_ascii() {
            return;
        }
        // A run goes from the first styled letter to the last one before a
        // plain letter; spaces and punctuation inside it are kept.
        let mut run: Option<(usize, usize, usize)> = None; // start, end, letters
        let mut scratch = String::new();
        let flush = |run: &mut Option<(usize, usize, usize)>, hits: &mut Vec<Hit>| {
            if let Some((start, end, letters)) = run.take()
                && letters >= self.min_letters
            {
                let written = &text[start..end];
                let mut plain = String::with_capacity(written.len());
                for c in written.chars() {
                    if !plain_of(c, &mut plain) {
                        plain.push(c);
                    }
                }
                let plain: String = plain.nfc().collect();
                hits.push(
                    Hit::new(start..end)
                        .value("text", written)
                        .value("plain", &plain)
                        .fix(plain),
                );
            }
        };
        for (i, c) in text.char_indices() {
            // Below ɢ (U+0262) no character is styled: only a letter that
            // closes an open run matters.
            if (c as u32) < 0x262 {
                if run.is_some() && (c.is_alphabetic() || c == '\n') {
                    flush(&mut run, hits);
                }
                continue;
            }
            scratch.clear();
            if plain_of(c, &mut scratch) {
                let end = i + c.len_utf8();
                run = Some(match run {
                    Some((s, _, n)) => (s, end, n + 1),
                    None => (i, end, 1),
                });
            } else if is_combining(c) {
                if let Some((s, e, n)) = run
                    && e == i
                {
                    run = Some((s, i + c.len_utf8(), n));
                }
            } else if c.is_alphabetic() || c == '\n' {
                flush(&mut run, hits);
            }
        }
        flush(&mut run, hits);
    }
}

// ---------------------------------------------------------------------------
// all-caps

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CapsParams {
    /// Words of this many letters or fewer are taken for acronyms.
    #[serde(default = "default_acronym_letters")]
    max_acronym_letters: usize,
    /// Longer acronyms that may stay in capitals (EHPAD, CCAS…).
    #[serde(default)]
    acronyms: Vec<String>,
}

fn default_acronym_letters() -> usize {
    4
}

struct AllCaps {
    max_acronym_letters: usize,
    acronyms: HashSet<String>,
}

pub(crate) fn build_all_caps(
    spec: &CheckSpec,
    _: &serde_json::Value,
    _: &Account,
) -> Result<Box<dyn PostCheck>, String> {
    let p: CapsParams = params(spec)?;
    Ok(Box::new(AllCaps {
        max_acronym_letters: p.max_acronym_letters,
        acronyms: p.acronyms.iter().map(|a| fold(a)).collect(),
    }))
}

/// Capitals only, at least two letters, no styled letter.
fn is_caps_word(w: &str) -> bool {
    let mut letters = 0;
    for c in w.chars() {
        if c.is_alphabetic() {
            if !c.is_uppercase() || (c as u32) >= 0x1D400 {
                return false;
            }
            letters += 1;
        }
    }
    letters >= 2
}

fn is_roman_numeral(w: &str) -> bool {
    w.bytes()
        .all(|b| matches!(b, b'I' | b'V' | b'X' | b'L' | b'C' | b'D' | b'M'))
}

impl PostCheck for AllCaps {
    fn check(&self, post: &PostView<'_>, hits: &mut Vec<Hit>) {
        let text = post.text;
        // Cheap exit: no two capitals in a row anywhere.
        let mut prev_upper = false;
        let mut any = false;
        for c in text.chars() {
            let up = c.is_uppercase();
            if up && prev_upper {
                any = true;
                break;
            }
            prev_upper = up;
        }
        if !any {
            return;
        }
        let words = post.words();
        // Runs of consecutive capital words; a run is reported when one of
        // its words is longer than an acronym.
        let mut run: Option<(usize, usize, bool)> = None;
        let push = |run: &mut Option<(usize, usize, bool)>, hits: &mut Vec<Hit>| {
            if let Some((s, e, shouting)) = run.take()
                && shouting
            {
                hits.push(Hit::new(s..e).value("words", &text[s..e]));
            }
        };
        for t in &words.tokens {
            let w = &text[t.span.clone()];
            let caps = !t.in_entity && is_caps_word(w);
            if !caps {
                if w.chars().any(char::is_alphabetic) {
                    push(&mut run, hits);
                }
                continue;
            }
            let letters = w.chars().filter(|c| c.is_alphabetic()).count();
            let folded = words.folded(t);
            let letters_part: String = folded.chars().filter(|c| c.is_alphabetic()).collect();
            let acronym = letters <= self.max_acronym_letters
                || is_roman_numeral(w)
                || self.acronyms.contains(folded)
                || self.acronyms.contains(&letters_part);
            run = Some(match run {
                Some((s, _, sh)) => (s, t.span.end, sh || !acronym),
                None => (t.span.start, t.span.end, !acronym),
            });
        }
        push(&mut run, hits);
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{run_kind, run_kind_post, spans};
    use crate::lint::{Media, Post};
    use crate::rules::example_config;

    fn with_media(media: &[(&str, Option<&str>)]) -> Post {
        let mut p = Post::new("Le nouveau parc est ouvert.");
        p.media = media
            .iter()
            .map(|(f, a)| Media {
                file: (*f).into(),
                alt: a.map(str::to_string),
            })
            .collect();
        p
    }

    #[test]
    fn alt_text_missing_useless_or_fine() {
        let kind = "kind: alt-text\nuseless: [image, photo, img]\nmax_length: 20";
        let c = example_config();
        let f = run_kind_post(
            kind,
            &with_media(&[("parc.jpg", None), ("b.png", Some("  "))]),
            &c,
        );
        assert_eq!(f.len(), 2);
        for alt in ["image", "Photo 2", "IMG_2034", "parc.jpg", "parc", "!!!"] {
            assert_eq!(
                run_kind_post(kind, &with_media(&[("parc.jpg", Some(alt))]), &c).len(),
                1,
                "{alt}"
            );
        }
        assert!(
            run_kind_post(
                kind,
                &with_media(&[("parc.jpg", Some("Allée de tilleuls"))]),
                &c
            )
            .is_empty()
        );
        assert!(run_kind_post(kind, &with_media(&[("film.mp4", None)]), &c).is_empty());
        assert_eq!(
            run_kind_post(
                kind,
                &with_media(&[("parc.jpg", Some("Une très longue description du parc"))]),
                &c
            )
            .len(),
            1
        );
    }

    const EMOJI: &str = "kind: emoji\nmax: 3\nbefore_words: [au, à, la, le, the]";

    #[test]
    fn emoji_count_repeats_faces() {
        let text = "Fête 🎉 ce soir 🎶 place 🎪 du marché 🍦";
        assert_eq!(spans(text, &run_kind(EMOJI, text)), ["🍦"]);
        let text = "Bravo 🎉🎉";
        assert_eq!(spans(text, &run_kind(EMOJI, text)), ["🎉"]);
        let text = "Bonne journée 😀";
        assert_eq!(spans(text, &run_kind(EMOJI, text)), ["😀"]);
        assert!(run_kind(EMOJI, "Concert ce soir 🎶").is_empty());
    }

    #[test]
    fn emoji_in_place_of_words() {
        let text = "Rendez-vous au 🏊 samedi";
        assert_eq!(spans(text, &run_kind(EMOJI, text)), ["🏊"]);
        let text = "🎆🎇";
        assert_eq!(run_kind(EMOJI, text).len(), 1);
        assert!(run_kind(EMOJI, "Rendez-vous à la piscine 🏊 samedi").is_empty());
        assert!(run_kind(EMOJI, "Rendez-vous au parc🌳 samedi").is_empty());
    }

    #[test]
    fn styled_letters_get_a_plain_fix() {
        let kind = "kind: styled-letters";
        let text = "𝗘́𝗹𝗲𝗰𝘁𝗶𝗼𝗻𝘀 𝗺𝘂𝗻𝗶𝗰𝗶𝗽𝗮𝗹𝗲𝘀 : bureaux ouverts";
        let f = run_kind(kind, text);
        assert_eq!(spans(text, &f), ["𝗘́𝗹𝗲𝗰𝘁𝗶𝗼𝗻𝘀 𝗺𝘂𝗻𝗶𝗰𝗶𝗽𝗮𝗹𝗲𝘀"]);
        assert_eq!(f[0].fix.as_deref(), Some("Élections municipales"));
        let f = run_kind(kind, "La ᴍᴀɪʀɪᴇ et l’ＥＣＯＬＥ");
        let fixes: Vec<_> = f.iter().filter_map(|f| f.fix.as_deref()).collect();
        assert_eq!(fixes, ["mairie", "ECOLE"]);
        assert!(run_kind(kind, "Volume : 2 ℓ. Été à Noël, 100 %").is_empty());
    }

    #[test]
    fn capitals_beyond_acronyms() {
        let kind = "kind: all-caps\nacronyms: [EHPAD, COVID]";
        let text = "INFO TRAVAUX : la rue est fermée";
        assert_eq!(spans(text, &run_kind(kind, text)), ["INFO TRAVAUX"]);
        let text = "Le CCAS et l’EHPAD vous accueillent, RDV à la MJC, Louis XVIII, COVID19";
        assert!(
            run_kind(kind, text).is_empty(),
            "{:?}",
            run_kind(kind, text)
        );
        assert!(run_kind(kind, "Suivez #VILLEEXEMPLE et https://VILLE.FR/AGENDA").is_empty());
        let text = "C’est URGENT, venez";
        assert_eq!(spans(text, &run_kind(kind, text)), ["URGENT"]);
    }
}
