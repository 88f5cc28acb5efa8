//! Mentions (`@user`), lists (`@user/list`) and replies, as twitter-text
//! finds them.
//!
//! A mention is `@` (or `＠`) and 1 to 20 characters of `[a-zA-Z0-9_]`;
//! twitter-text cuts a longer name at 20 rather than rejecting it (X handles
//! have 15 characters at most). The sign must follow the start of the text,
//! a character other than `[a-zA-Z0-9_!#$%&*@＠]`, or `RT`/`rt` (and an
//! optional `:`) that itself follows such a character. The mention is
//! cancelled when an at sign, a Latin accented letter or `://` follows it
//! (`a@b.com`, `@ab@cd`, `@http://…`).

use super::chars::{
    SPACES, char_at, char_before, is_at_sign, is_end_mention_match, is_username_char,
};

/// A mention or list found in a text, as byte ranges.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct MentionMatch {
    /// The at sign.
    pub start: usize,
    /// After the name, or after the list slug when there is one.
    pub end: usize,
    /// The name, without the at sign.
    pub name: (usize, usize),
    /// The list slug, without its `/`.
    pub list: Option<(usize, usize)>,
}

const MAX_NAME: usize = 20;
const MAX_LIST_TAIL: usize = 24;

/// Characters after which an at sign cannot start a mention.
fn blocks_mention(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '_' | '!' | '#' | '$' | '%' | '&' | '*' | '@' | '＠')
}

/// Characters after which `RT` cannot introduce a mention.
fn blocks_retweet(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '_' | '+' | '~' | '.' | '-')
}

/// May a mention whose at sign is at byte `a` start here, given that the
/// previous match ended at `last` (its characters cannot be reused)?
fn preceded_well(text: &str, a: usize, last: usize) -> bool {
    match char_before(text, a) {
        None => return last == 0,
        Some((p, c)) if p >= last && !blocks_mention(c) => return true,
        _ => {}
    }
    // `RT`, `rt`, `Rt` or `rT`, optionally followed by `:`.
    let bytes = text.as_bytes();
    let rt_end = if a >= 1 && bytes[a - 1] == b':' {
        a - 1
    } else {
        a
    };
    if rt_end < 2 || !bytes[rt_end - 2..rt_end].eq_ignore_ascii_case(b"rt") {
        return false;
    }
    let rt_start = rt_end - 2;
    match char_before(text, rt_start) {
        None => last == 0,
        Some((p, c)) => p >= last && !blocks_retweet(c),
    }
}

/// Every mention and list of `text` (`extractMentionsOrListsWithIndices`).
pub(crate) fn scan_mentions(text: &str) -> Vec<MentionMatch> {
    let mut found = Vec::new();
    let bytes = text.as_bytes();
    let mut last = 0;
    let mut i = 0;
    while i < bytes.len() {
        // At signs: '@' (0x40) or '＠' (EF BC A0).
        let Some(offset) = memchr::memchr2(b'@', 0xEF, &bytes[i..]) else {
            break;
        };
        let a = i + offset;
        let Some(sign) = char_at(text, a) else { break };
        i = a + sign.len_utf8();
        if !is_at_sign(sign) || !preceded_well(text, a, last) {
            continue;
        }
        let name_start = a + sign.len_utf8();
        let name_len = bytes[name_start..]
            .iter()
            .take(MAX_NAME)
            .take_while(|&&b| is_username_char(b as char))
            .count();
        if name_len == 0 {
            continue;
        }
        let name_end = name_start + name_len;
        let mut end = name_end;
        let mut list = None;
        if bytes.get(name_end) == Some(&b'/')
            && bytes.get(name_end + 1).is_some_and(u8::is_ascii_alphabetic)
        {
            let slug_start = name_end + 1;
            let tail = bytes[slug_start + 1..]
                .iter()
                .take(MAX_LIST_TAIL)
                .take_while(|&&b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
                .count();
            end = slug_start + 1 + tail;
            list = Some((slug_start, end));
        }
        last = end;
        i = end;
        if !is_end_mention_match(text, end) {
            found.push(MentionMatch {
                start: a,
                end,
                name: (name_start, name_end),
                list,
            });
        }
    }
    found
}

/// The user a post replies to: a mention at its very start, after spaces
/// only (`extractReplies`).
pub(crate) fn scan_reply(text: &str) -> Option<(usize, usize)> {
    let mut a = 0;
    for c in text.chars() {
        if !SPACES.contains(c) {
            break;
        }
        a += c.len_utf8();
    }
    let sign = char_at(text, a).filter(|&c| is_at_sign(c))?;
    let name_start = a + sign.len_utf8();
    let name_len = text.as_bytes()[name_start..]
        .iter()
        .take(MAX_NAME)
        .take_while(|&&b| is_username_char(b as char))
        .count();
    if name_len == 0 || is_end_mention_match(text, name_start + name_len) {
        return None;
    }
    Some((name_start, name_start + name_len))
}

/// Is `text` exactly one mention, `@` included, not a list (`isValidUsername`)?
pub fn is_valid_username(text: &str) -> bool {
    let found: Vec<_> = scan_mentions(text)
        .into_iter()
        .filter(|m| m.list.is_none())
        .collect();
    match (found.as_slice(), text.chars().next()) {
        ([m], Some(first)) => text[m.name.0..m.name.1] == text[first.len_utf8()..],
        _ => false,
    }
}

/// Is `text` exactly one list, `@user/list` (`isValidList`)?
pub fn is_valid_list(text: &str) -> bool {
    let Some(sign) = text.chars().next().filter(|&c| is_at_sign(c)) else {
        return false;
    };
    let bytes = text.as_bytes();
    let name_start = sign.len_utf8();
    let name_len = bytes[name_start..]
        .iter()
        .take(MAX_NAME)
        .take_while(|&&b| is_username_char(b as char))
        .count();
    let slash = name_start + name_len;
    if name_len == 0
        || bytes.get(slash) != Some(&b'/')
        || !bytes.get(slash + 1).is_some_and(u8::is_ascii_alphabetic)
    {
        return false;
    }
    let tail = &bytes[slash + 2..];
    tail.len() <= MAX_LIST_TAIL
        && tail
            .iter()
            .all(|&b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(text: &str) -> Vec<&str> {
        scan_mentions(text)
            .into_iter()
            .map(|m| &text[m.name.0..m.name.1])
            .collect()
    }

    #[test]
    fn mentions_and_their_boundaries() {
        assert_eq!(names("@VilleExemple merci !"), vec!["VilleExemple"]);
        assert_eq!(names("écrire à contact@mairie.fr"), Vec::<&str>::new());
        assert_eq!(names("RT @a RT:@b xRT@c"), vec!["a", "b"]);
        assert_eq!(
            names("@abcdefghijklmnopqrstuvwxyz"),
            vec!["abcdefghijklmnopqrst"]
        );
        assert_eq!(names("@aliceìnheiro"), Vec::<&str>::new());
        // The post that makes the `twitter-text` crate panic (French NNBSP).
        assert_eq!(names("@a_b\u{202F}!@a_b"), vec!["a_b"]);
    }

    #[test]
    fn replies() {
        let reply = |t: &'static str| scan_reply(t).map(|(a, b)| &t[a..b]);
        assert_eq!(reply("\u{3000}@user hi"), Some("user"));
        assert_eq!(reply("a @user"), None);
        assert_eq!(reply("@http://x.com"), None);
    }
}
