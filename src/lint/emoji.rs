//! Finding emoji in a text: each emoji as a whole sequence (skin tones,
//! ZWJ families, flags, keycaps), without a grapheme pass over every post.

use std::ops::Range;

/// One emoji of a text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Emoji {
    pub span: Range<usize>,
    /// Its first pictograph shows a face (the SIG charter asks for none).
    pub face: bool,
}

/// Every emoji of `text`, in order.
pub(crate) fn find(text: &str) -> Vec<Emoji> {
    let mut out = Vec::new();
    // Fast path: no emoji below U+00A9.
    if text.is_ascii() {
        return out;
    }
    let mut chars = text.char_indices().peekable();
    // Start of the character before the current one, and of the one before
    // it: a keycap (`1️⃣`) is recognised at its U+20E3.
    let (mut prev, mut prev2) = (None::<(usize, char)>, None::<(usize, char)>);
    while let Some((i, c)) = chars.next() {
        let (p1, p2) = (prev, prev2);
        prev2 = prev;
        prev = Some((i, c));
        if (c as u32) < 0xA9 {
            continue;
        }
        if c == '\u{20E3}' {
            // Keycap: digit, optional VS16, U+20E3.
            let base = match (p1, p2) {
                (Some((_, '\u{FE0F}')), Some((s, d))) | (Some((s, d)), _)
                    if matches!(d, '0'..='9' | '#' | '*') =>
                {
                    Some(s)
                }
                _ => None,
            };
            if let Some(start) = base {
                out.push(Emoji {
                    span: start..i + 3,
                    face: false,
                });
            }
            continue;
        }
        if is_regional_indicator(c) {
            let mut end = i + c.len_utf8();
            if let Some(&(j, d)) = chars.peek()
                && is_regional_indicator(d)
            {
                chars.next();
                end = j + d.len_utf8();
            }
            out.push(Emoji {
                span: i..end,
                face: false,
            });
            continue;
        }
        if !is_pictographic(c) {
            continue;
        }
        let mut end = i + c.len_utf8();
        let mut emoji_presentation = !is_text_default(c);
        // Modifiers and joined pictographs belong to the same emoji.
        loop {
            match chars.peek() {
                Some(&(j, d))
                    if d == '\u{FE0F}'
                        || is_skin_tone(d)
                        || ('\u{E0020}'..='\u{E007F}').contains(&d) =>
                {
                    emoji_presentation = true;
                    chars.next();
                    end = j + d.len_utf8();
                }
                Some(&(j, '\u{FE0E}')) => {
                    emoji_presentation = false;
                    chars.next();
                    end = j + 3;
                }
                Some(&(_, '\u{200D}')) => {
                    let mut look = chars.clone();
                    look.next();
                    match look.peek() {
                        Some(&(k, d)) if is_pictographic(d) => {
                            look.next();
                            chars = look;
                            end = k + d.len_utf8();
                        }
                        _ => break,
                    }
                }
                _ => break,
            }
        }
        if emoji_presentation {
            out.push(Emoji {
                span: i..end,
                face: is_face(c),
            });
        }
    }
    out
}

fn is_regional_indicator(c: char) -> bool {
    ('\u{1F1E6}'..='\u{1F1FF}').contains(&c)
}

fn is_skin_tone(c: char) -> bool {
    ('\u{1F3FB}'..='\u{1F3FF}').contains(&c)
}

/// Pictographs (an approximation of Unicode's Extended_Pictographic that
/// leaves out letters in boxes, which `accessibility.styled-letters` handles).
pub(crate) fn is_pictographic(c: char) -> bool {
    let u = c as u32;
    matches!(u,
        0x00A9 | 0x00AE | 0x203C | 0x2049 | 0x2122 | 0x2139
        | 0x2194..=0x2199 | 0x21A9..=0x21AA | 0x231A..=0x231B | 0x2328 | 0x23CF
        | 0x23E9..=0x23F3 | 0x23F8..=0x23FA | 0x25AA..=0x25AB | 0x25B6 | 0x25C0
        | 0x25FB..=0x25FE | 0x2600..=0x27BF | 0x2934..=0x2935 | 0x2B05..=0x2B07
        | 0x2B1B..=0x2B1C | 0x2B50 | 0x2B55 | 0x3030 | 0x303D | 0x3297 | 0x3299
        | 0x1F000..=0x1F0FF | 0x1F170..=0x1F171 | 0x1F17E..=0x1F17F | 0x1F18E
        | 0x1F191..=0x1F19A | 0x1F200..=0x1F3FA | 0x1F400..=0x1FAFF | 0x1FC00..=0x1FFFD)
}

/// Pictographs shown as text unless followed by U+FE0F (©, ™, arrows…):
/// counted as emoji only with it.
fn is_text_default(c: char) -> bool {
    let u = c as u32;
    matches!(u,
        0x00A9 | 0x00AE | 0x203C | 0x2049 | 0x2122 | 0x2139 | 0x2194..=0x2199 | 0x21A9..=0x21AA
        | 0x2328 | 0x23CF | 0x23ED..=0x23EF | 0x23F1..=0x23F2 | 0x23F8..=0x23FA
        | 0x25AA..=0x25AB | 0x25B6 | 0x25C0 | 0x25FB..=0x25FC | 0x2934..=0x2935
        | 0x2B05..=0x2B07 | 0x3030 | 0x303D | 0x3297 | 0x3299)
}

/// Face emoji (smileys, cat faces…): the State's social media charter asks
/// public accounts not to use them.
pub(crate) fn is_face(c: char) -> bool {
    let u = c as u32;
    matches!(u,
        0x263A | 0x2639 | 0x1F600..=0x1F644 | 0x1F910..=0x1F917 | 0x1F920..=0x1F925
        | 0x1F927..=0x1F92F | 0x1F970..=0x1F976 | 0x1F978..=0x1F97A | 0x1F9D0
        | 0x1FAE0..=0x1FAE8 | 0x1F47F | 0x1F479..=0x1F47A | 0x1F47D | 0x1F4A9)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Vec<&str> {
        find(text).into_iter().map(|e| &text[e.span]).collect()
    }

    #[test]
    fn sequences_are_one_emoji() {
        assert_eq!(found("Bravo 👏🏽 !"), ["👏🏽"]);
        assert_eq!(found("La famille 👨‍👩‍👧 au parc"), ["👨‍👩‍👧"]);
        assert_eq!(found("🇫🇷 fête nationale"), ["🇫🇷"]);
        assert_eq!(found("Appelez le 1️⃣ ou le 2"), ["1️⃣"]);
        assert_eq!(found("❤️ et ☀️"), ["❤️", "☀️"]);
    }

    #[test]
    fn text_symbols_are_not_emoji() {
        assert!(found("© Ville d’Exemple ™ 2026 → suite").is_empty());
        assert!(found("Plain ASCII text with #1 and 2*3").is_empty());
        assert_eq!(found("©️ oui"), ["©️"]);
    }

    #[test]
    fn faces_are_recognised() {
        let e = find("😀 🎉 🤔 🐱 😺");
        let faces: Vec<bool> = e.iter().map(|e| e.face).collect();
        assert_eq!(faces, [true, false, true, false, true]);
    }
}
