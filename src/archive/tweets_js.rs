//! Reading X's `tweets.js` files as a stream.
//!
//! The file is a JavaScript assignment, `window.YTD.tweets.part0 = [ … ]`:
//! the prefix is checked and skipped (never evaluated), then the array is
//! cut into its elements one at a time and each element is parsed with
//! serde_json on its own. Only one element is held in memory at a time (plus
//! a read buffer), whatever the size of the file, and the line and column of
//! every element are known for error messages.

use super::clock::parse_created_at;
use super::post::{Mention, Post, decode_x_entities};
use super::{Problem, ProblemKind, SourceError};
use serde::Deserialize;
use serde::de::{self, Deserializer, Visitor};
use std::borrow::Cow;
use std::fmt;
use std::io::Read;

const INITIAL_BUFFER: usize = 1 << 20;
/// An element larger than this is not a post: the file is damaged.
const MAX_ELEMENT: usize = 64 << 20;

/// What a `window.YTD.<name>.partN` file holds, from its prefix.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Prefix {
    /// `window.YTD.<name>.partN = [`
    Assignment { name: String },
    /// The file starts with `[`: plain JSON, as some tools re-save it.
    BareArray,
}

/// Streams the elements of one archive data file.
pub struct ElementReader<R> {
    reader: R,
    buf: Vec<u8>,
    /// Unconsumed bytes are `buf[start..end]`.
    start: usize,
    end: usize,
    eof: bool,
    /// Line (1-based) and the byte offset where that line starts, for
    /// `buf[start]`, counted over everything consumed so far.
    line: u64,
    line_start: u64,
    consumed: u64,
    finished: bool,
    expect_comma: bool,
    pub prefix: Prefix,
}

/// One array element: its bytes and where it starts in the file.
pub struct Element<'b> {
    pub bytes: &'b [u8],
    pub line: u64,
    pub column: u64,
}

impl<R: Read> ElementReader<R> {
    /// Reads the prefix up to the opening `[`.
    pub fn new(reader: R) -> Result<Self, SourceError> {
        let mut this = ElementReader {
            reader,
            buf: vec![0; INITIAL_BUFFER],
            start: 0,
            end: 0,
            eof: false,
            line: 1,
            line_start: 0,
            consumed: 0,
            finished: false,
            expect_comma: false,
            prefix: Prefix::BareArray,
        };
        // Enough bytes to see the whole prefix, whatever the reader's chunks.
        while this.end - this.start < 256 && !this.eof {
            this.fill()?;
        }
        if this.buf[this.start..this.end].starts_with(b"\xEF\xBB\xBF") {
            this.advance(3);
        }
        this.skip_whitespace()?;
        let head = &this.buf[this.start..this.end];
        if head.first() == Some(&b'[') {
            this.advance(1);
            return Ok(this);
        }
        if !head.starts_with(b"window.YTD.") {
            let found = String::from_utf8_lossy(&head[..head.len().min(40)]).into_owned();
            return Err(SourceError::at(
                ProblemKind::NotArchiveData,
                this.line,
                this.column(),
                format!(
                    "expected `window.YTD.tweets.part0 = [` or a JSON array, found `{}`",
                    found.trim_end()
                ),
            ));
        }
        // `window.YTD.<name>.partN = [` — the name says which data it is.
        let Some(equals) = head.iter().take(200).position(|&c| c == b'=') else {
            return Err(SourceError::at(
                ProblemKind::NotArchiveData,
                this.line,
                this.column(),
                "no `=` after `window.YTD.…`".into(),
            ));
        };
        let target = String::from_utf8_lossy(&head[b"window.YTD.".len()..equals])
            .trim()
            .to_string();
        let name = match target.rsplit_once('.') {
            Some((name, part)) if part.starts_with("part") => name.to_string(),
            _ => target.clone(),
        };
        this.prefix = Prefix::Assignment { name };
        this.advance(equals + 1);
        this.skip_whitespace()?;
        if this.buf.get(this.start) != Some(&b'[') || this.start >= this.end {
            return Err(SourceError::at(
                ProblemKind::NotArchiveData,
                this.line,
                this.column(),
                format!("expected `[` after `window.YTD.{target} =`"),
            ));
        }
        this.advance(1);
        Ok(this)
    }

    /// Bytes consumed so far (for the progress bar).
    pub fn position(&self) -> u64 {
        self.consumed
    }

    fn column(&self) -> u64 {
        // Columns count bytes (1-based), as serde_json does.
        self.consumed - self.line_start + 1
    }

    /// The next element, or `None` after the closing `]`.
    pub fn next_element(&mut self) -> Result<Option<Element<'_>>, SourceError> {
        if self.finished {
            return Ok(None);
        }
        self.skip_whitespace()?;
        if self.start == self.end {
            return Err(self.truncated());
        }
        match self.buf[self.start] {
            b']' => {
                self.advance(1);
                self.finished = true;
                self.expect_end()?;
                return Ok(None);
            }
            b',' if self.expect_comma => {
                self.advance(1);
                self.skip_whitespace()?;
                if self.start == self.end {
                    return Err(self.truncated());
                }
            }
            _ if self.expect_comma => {
                return Err(SourceError::at(
                    ProblemKind::Syntax,
                    self.line,
                    self.column(),
                    "expected `,` or `]` between posts".into(),
                ));
            }
            _ => {}
        }
        if self.buf[self.start] != b'{' {
            return Err(SourceError::at(
                ProblemKind::Syntax,
                self.line,
                self.column(),
                format!(
                    "expected `{{` to open a post, found `{}`",
                    self.buf[self.start] as char
                ),
            ));
        }
        // Find the end of the object, refilling the buffer as needed.
        let length = loop {
            match scan_object(&self.buf[self.start..self.end]) {
                Some(length) => break length,
                None if self.eof => return Err(self.truncated()),
                None => {
                    if self.end - self.start > MAX_ELEMENT {
                        return Err(SourceError::at(
                            ProblemKind::Syntax,
                            self.line,
                            self.column(),
                            "a post larger than 64 MB: the file is damaged".into(),
                        ));
                    }
                    self.fill()?;
                }
            }
        };
        let (line, column) = (self.line, self.column());
        let at = self.start;
        self.advance(length);
        self.expect_comma = true;
        Ok(Some(Element {
            bytes: &self.buf[at..at + length],
            line,
            column,
        }))
    }

    fn truncated(&self) -> SourceError {
        SourceError::at(
            ProblemKind::Truncated,
            self.line,
            self.column(),
            "the file ends before its closing `]`: it is truncated (download the archive again, or unzip it again)".into(),
        )
    }

    /// After `]`: only `;` and whitespace may follow.
    fn expect_end(&mut self) -> Result<(), SourceError> {
        self.skip_whitespace()?;
        if self.buf.get(self.start) == Some(&b';') && self.start < self.end {
            self.advance(1);
            self.skip_whitespace()?;
        }
        if self.start < self.end {
            return Err(SourceError::at(
                ProblemKind::Syntax,
                self.line,
                self.column(),
                "unexpected text after the closing `]`".into(),
            ));
        }
        Ok(())
    }

    fn skip_whitespace(&mut self) -> Result<(), SourceError> {
        loop {
            let skipped = self.buf[self.start..self.end]
                .iter()
                .take_while(|c| c.is_ascii_whitespace())
                .count();
            self.advance(skipped);
            if self.start < self.end || self.eof {
                return Ok(());
            }
            self.fill()?;
        }
    }

    fn advance(&mut self, n: usize) {
        let consumed = &self.buf[self.start..self.start + n];
        if let Some(last) = memchr::memrchr(b'\n', consumed) {
            self.line += memchr::memchr_iter(b'\n', consumed).count() as u64;
            self.line_start = self.consumed + last as u64 + 1;
        }
        self.start += n;
        self.consumed += n as u64;
    }

    /// Reads more bytes after `end`, moving unconsumed bytes to the front
    /// and growing the buffer when one element fills it.
    fn fill(&mut self) -> Result<(), SourceError> {
        if self.start > 0 {
            self.buf.copy_within(self.start..self.end, 0);
            self.end -= self.start;
            self.start = 0;
        }
        if self.end == self.buf.len() {
            let grown = self.buf.len() * 2;
            self.buf.resize(grown, 0);
        }
        loop {
            match self.reader.read(&mut self.buf[self.end..]) {
                Ok(0) => {
                    self.eof = true;
                    return Ok(());
                }
                Ok(n) => {
                    self.end += n;
                    return Ok(());
                }
                Err(err) if err.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(err) => return Err(SourceError::io(err)),
            }
        }
    }
}

/// Length of the JSON object at the start of `bytes` (which starts with
/// `{`), or `None` if it does not end within `bytes`. Strings are skipped
/// with their escapes; only braces and brackets outside strings count.
fn scan_object(bytes: &[u8]) -> Option<usize> {
    let mut depth = 0usize;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'"' => {
                // Jump to the closing quote, stepping over escapes.
                let mut j = i + 1;
                loop {
                    let k = memchr::memchr2(b'"', b'\\', &bytes[j..])?;
                    if bytes[j + k] == b'\\' {
                        j += k + 2;
                        if j > bytes.len() {
                            return None;
                        }
                    } else {
                        i = j + k;
                        break;
                    }
                }
            }
            b'{' | b'[' => depth += 1,
            b'}' | b']' => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    return Some(i + 1);
                }
            }
            _ => {}
        }
        i += 1;
    }
    None
}

/// Reads every post of one `tweets.js` stream and hands each to `sink`.
/// Posts that cannot be used are reported to `problems` (with their line)
/// and skipped; a damaged file stops the reading with an error.
pub fn read_posts<R: Read>(
    reader: R,
    mut sink: impl FnMut(&Post<'_>),
    mut problems: impl FnMut(Problem),
    mut progress: impl FnMut(u64),
) -> Result<Prefix, SourceError> {
    let mut elements = ElementReader::new(reader)?;
    if let Prefix::Assignment { name } = &elements.prefix
        && name != "tweets"
        && name != "tweet"
    {
        return Err(SourceError::at(
            ProblemKind::NotArchiveData,
            1,
            1,
            format!("this file holds X's `{name}` data, not the posts (`tweets`)"),
        ));
    }
    let mut count: u64 = 0;
    while let Some(element) = elements.next_element()? {
        let (line, column) = (element.line, element.column);
        match parse_element(element.bytes) {
            Ok(Parsed::Post(post, notes)) => {
                for note in notes {
                    problems(Problem {
                        kind: ProblemKind::NumberNotString,
                        line,
                        column,
                        detail: note,
                        skipped: false,
                    });
                }
                sink(&post);
            }
            Ok(Parsed::Unusable(kind, detail)) => problems(Problem {
                kind,
                line,
                column,
                detail,
                skipped: true,
            }),
            Err(err) => {
                let (err_line, err_column) = (err.line() as u64, err.column() as u64);
                let abs_line = line + err_line.saturating_sub(1);
                let abs_column = if err_line <= 1 {
                    column + err_column.saturating_sub(1)
                } else {
                    err_column
                };
                let detail = strip_position(&err.to_string());
                if err.is_data() {
                    problems(Problem {
                        kind: ProblemKind::WrongType,
                        line: abs_line,
                        column: abs_column,
                        detail,
                        skipped: true,
                    });
                } else {
                    return Err(SourceError::at(
                        ProblemKind::Syntax,
                        abs_line,
                        abs_column,
                        detail,
                    ));
                }
            }
        }
        count += 1;
        if count.is_multiple_of(1024) {
            progress(elements.position());
        }
    }
    progress(elements.position());
    Ok(elements.prefix)
}

/// serde_json ends its messages with "at line L column C", relative to the
/// element; the caller gives the position in the file instead.
fn strip_position(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(at) => message[..at].to_string(),
        None => message.to_string(),
    }
}

enum Parsed<'a> {
    Post(Box<Post<'a>>, Vec<String>),
    Unusable(ProblemKind, String),
}

fn parse_element(bytes: &[u8]) -> Result<Parsed<'_>, serde_json::Error> {
    // Archives wrap each post: `{ "tweet" : { … } }`; older ones and some
    // tools write the post object directly.
    let raw: RawTweet<'_> = if starts_with_key(bytes, b"tweet") {
        let wrapped: Wrapped<'_> = serde_json::from_slice(bytes)?;
        match wrapped.tweet {
            Some(tweet) => tweet,
            None => {
                return Ok(Parsed::Unusable(
                    ProblemKind::MissingField,
                    "missing field `tweet`".into(),
                ));
            }
        }
    } else {
        serde_json::from_slice(bytes)?
    };
    Ok(raw.into_post())
}

/// Does the object in `bytes` start with the key `key`?
fn starts_with_key(bytes: &[u8], key: &[u8]) -> bool {
    let rest = &bytes[1..];
    let skipped = rest.iter().take_while(|c| c.is_ascii_whitespace()).count();
    let rest = &rest[skipped..];
    rest.len() > key.len() + 2
        && rest[0] == b'"'
        && &rest[1..1 + key.len()] == key
        && rest[1 + key.len()] == b'"'
}

#[derive(Deserialize)]
struct Wrapped<'a> {
    #[serde(borrow, default)]
    tweet: Option<RawTweet<'a>>,
}

#[derive(Deserialize)]
struct RawTweet<'a> {
    #[serde(default)]
    id_str: Option<Id>,
    #[serde(default)]
    id: Option<Id>,
    #[serde(borrow, default)]
    created_at: Option<Str<'a>>,
    #[serde(borrow, default)]
    full_text: Option<Str<'a>>,
    #[serde(borrow, default)]
    text: Option<Str<'a>>,
    #[serde(borrow, default)]
    source: Option<Str<'a>>,
    #[serde(default)]
    in_reply_to_status_id_str: Option<Id>,
    #[serde(default)]
    in_reply_to_status_id: Option<Id>,
    #[serde(default)]
    in_reply_to_user_id_str: Option<Id>,
    #[serde(default)]
    in_reply_to_user_id: Option<Id>,
    #[serde(borrow, default)]
    in_reply_to_screen_name: Option<Str<'a>>,
    #[serde(borrow, default)]
    entities: Option<RawEntities<'a>>,
    #[serde(borrow, default)]
    extended_entities: Option<RawExtended<'a>>,
    /// API-style exports carry a card; X's own archive does not.
    #[serde(borrow, default)]
    card: Option<RawCard<'a>>,
}

#[derive(Deserialize, Default)]
struct RawEntities<'a> {
    #[serde(borrow, default)]
    hashtags: Option<Vec<RawHashtag<'a>>>,
    #[serde(borrow, default)]
    user_mentions: Option<Vec<RawMention<'a>>>,
    #[serde(borrow, default)]
    urls: Option<Vec<RawUrl<'a>>>,
    #[serde(borrow, default)]
    media: Option<Vec<RawMedia<'a>>>,
}

#[derive(Deserialize)]
struct RawHashtag<'a> {
    #[serde(borrow)]
    text: Str<'a>,
}

#[derive(Deserialize)]
struct RawMention<'a> {
    #[serde(borrow)]
    screen_name: Str<'a>,
    #[serde(default)]
    id_str: Option<Id>,
    #[serde(default)]
    id: Option<Id>,
}

#[derive(Deserialize)]
struct RawUrl<'a> {
    #[serde(borrow, default)]
    expanded_url: Option<Str<'a>>,
    #[serde(borrow, default)]
    url: Option<Str<'a>>,
}

#[derive(Deserialize)]
struct RawExtended<'a> {
    #[serde(borrow, default)]
    media: Option<Vec<RawMedia<'a>>>,
}

#[derive(Deserialize)]
struct RawMedia<'a> {
    #[serde(borrow, default)]
    url: Option<Str<'a>>,
}

#[derive(Deserialize)]
struct RawCard<'a> {
    #[serde(borrow, default)]
    name: Option<Str<'a>>,
}

impl<'a> RawTweet<'a> {
    fn into_post(self) -> Parsed<'a> {
        let mut notes = Vec::new();
        // X writes each id twice (`id` and `id_str`), both as strings.
        let mut pick = |field: &str, a: Option<Id>, b: Option<Id>| -> Option<u64> {
            if a.iter().chain(b.iter()).any(|id| id.written_as_number) {
                notes.push(format!("field `{field}` is a JSON number; X writes numbers as strings (\"123\"): was this file edited?"));
            }
            a.or(b).map(|id| id.value)
        };
        let id = pick("id_str", self.id_str, self.id);
        let reply_status = pick(
            "in_reply_to_status_id",
            self.in_reply_to_status_id_str,
            self.in_reply_to_status_id,
        );
        let reply_user = pick(
            "in_reply_to_user_id",
            self.in_reply_to_user_id_str,
            self.in_reply_to_user_id,
        );
        if id.is_none() {
            return Parsed::Unusable(ProblemKind::MissingField, "missing field `id_str`".into());
        }
        let Some(created_at) = self.created_at else {
            return Parsed::Unusable(
                ProblemKind::MissingField,
                "missing field `created_at`".into(),
            );
        };
        let Some(created) = parse_created_at(&created_at.0) else {
            return Parsed::Unusable(
                ProblemKind::BadDate,
                format!(
                    "`created_at` is `{}`, expected the form `Thu Nov 03 08:50:26 +0000 2022`",
                    created_at.0
                ),
            );
        };
        let Some(text) = self.full_text.or(self.text) else {
            return Parsed::Unusable(
                ProblemKind::MissingField,
                "missing field `full_text`".into(),
            );
        };
        let entities = self.entities.unwrap_or_default();
        let mut mentions = Vec::new();
        for mention in entities.user_mentions.unwrap_or_default() {
            let id = mention.id_str.or(mention.id);
            if id.is_some_and(|id| id.written_as_number) {
                notes.push(
                    "field `user_mentions.id_str` is a JSON number; X writes numbers as strings"
                        .into(),
                );
            }
            mentions.push(Mention {
                screen_name: mention.screen_name.0,
                id: id.map(|id| id.value),
            });
        }
        let mut urls = Vec::new();
        let mut short_urls = Vec::new();
        for url in entities.urls.unwrap_or_default() {
            match (url.expanded_url, url.url) {
                (Some(expanded), short) => {
                    if let Some(short) = short {
                        short_urls.push((short.0, Some(urls.len())));
                    }
                    urls.push(expanded.0);
                }
                (None, Some(short)) => urls.push(short.0),
                (None, None) => {}
            }
        }
        // The same photos and videos are listed in `entities.media` and
        // `extended_entities.media` (which has all of them).
        let media_list = match self.extended_entities.and_then(|e| e.media) {
            Some(media) => media,
            None => entities.media.unwrap_or_default(),
        };
        let media = media_list.len() as u32;
        for item in media_list {
            if let Some(short) = item.url
                && !short_urls.iter().any(|(s, _)| *s == short.0)
            {
                short_urls.push((short.0, None));
            }
        }
        let poll = self
            .card
            .map(|card| card.name.is_some_and(|name| name.0.starts_with("poll")));
        Parsed::Post(
            Box::new(Post {
                id,
                created_at: created,
                text: decode_x_entities(text.0),
                source: self.source.map(|s| s.0),
                in_reply_to_status: reply_status,
                in_reply_to_user: reply_user,
                in_reply_to_screen_name: self.in_reply_to_screen_name.map(|s| s.0),
                marked_repost: false,
                hashtags: entities
                    .hashtags
                    .unwrap_or_default()
                    .into_iter()
                    .map(|h| h.text.0)
                    .collect(),
                mentions,
                urls,
                short_urls,
                media,
                poll,
            }),
            notes,
        )
    }
}

/// A string that borrows from the input when it has no escapes.
struct Str<'a>(Cow<'a, str>);

impl<'de: 'a, 'a> Deserialize<'de> for Str<'a> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct StrVisitor;
        impl<'de> Visitor<'de> for StrVisitor {
            type Value = Str<'de>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a string")
            }
            fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Self::Value, E> {
                Ok(Str(Cow::Borrowed(v)))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
                Ok(Str(Cow::Owned(v.to_string())))
            }
            fn visit_string<E: de::Error>(self, v: String) -> Result<Self::Value, E> {
                Ok(Str(Cow::Owned(v)))
            }
        }
        deserializer.deserialize_str(StrVisitor)
    }
}

/// A numeric id. X writes ids as strings (`"1588091220244369409"`); a JSON
/// number is read too (its value is exact here) but reported.
#[derive(Clone, Copy)]
struct Id {
    value: u64,
    written_as_number: bool,
}

impl<'de> Deserialize<'de> for Id {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct IdVisitor;
        impl<'de> Visitor<'de> for IdVisitor {
            type Value = Id;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an id written as a string of digits")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Id, E> {
                match v.parse::<u64>() {
                    Ok(value) => Ok(Id {
                        value,
                        written_as_number: false,
                    }),
                    Err(_) => Err(E::invalid_value(de::Unexpected::Str(v), &self)),
                }
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Id, E> {
                Ok(Id {
                    value: v,
                    written_as_number: true,
                })
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Id, E> {
                u64::try_from(v)
                    .map(|value| Id {
                        value,
                        written_as_number: true,
                    })
                    .map_err(|_| E::invalid_value(de::Unexpected::Signed(v), &self))
            }
        }
        deserializer.deserialize_any(IdVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_all(input: &str) -> Result<(Vec<String>, Vec<Problem>), SourceError> {
        let mut texts = Vec::new();
        let mut problems = Vec::new();
        read_posts(
            input.as_bytes(),
            |p| texts.push(p.text.to_string()),
            |p| problems.push(p),
            |_| {},
        )?;
        Ok((texts, problems))
    }

    const ONE: &str = r#"{ "tweet" : { "id_str" : "1", "created_at" : "Thu Nov 03 08:50:26 +0000 2022", "full_text" : "Bonjour \"à\" tous &amp; toutes", "entities" : { "hashtags" : [ { "text" : "Ville", "indices" : [ "0", "6" ] } ] } } }"#;

    #[test]
    fn prefix_and_posts() {
        let input = format!("window.YTD.tweets.part0 = [\n  {ONE},\n  {ONE}\n]");
        let (texts, problems) = read_all(&input).unwrap();
        assert_eq!(
            texts,
            ["Bonjour \"à\" tous & toutes", "Bonjour \"à\" tous & toutes"]
        );
        assert!(problems.is_empty());
    }

    #[test]
    fn bare_array_and_empty_archive() {
        assert_eq!(read_all(&format!("[{ONE}]")).unwrap().0.len(), 1);
        assert_eq!(
            read_all("window.YTD.tweets.part0 = [ ]").unwrap().0.len(),
            0
        );
    }

    #[test]
    fn a_tiny_buffer_boundary_is_not_a_problem() {
        // Elements that straddle refills are found whole.
        let many: Vec<&str> = std::iter::repeat_n(ONE, 5000).collect();
        let input = format!("window.YTD.tweets.part0 = [{}]", many.join(",\n"));
        assert_eq!(read_all(&input).unwrap().0.len(), 5000);
    }

    #[test]
    fn truncated_and_wrong_files() {
        let err = read_all(&format!(
            "window.YTD.tweets.part0 = [\n{ONE},\n{}",
            &ONE[..60]
        ))
        .unwrap_err();
        assert_eq!(err.kind, ProblemKind::Truncated);
        assert_eq!(err.line, Some(3));
        let err = read_all(&format!("window.YTD.tweets.part0 = [\n{ONE}")).unwrap_err();
        assert_eq!(err.kind, ProblemKind::Truncated);
        let err = read_all("window.YTD.like.part0 = [ ]").unwrap_err();
        assert_eq!(err.kind, ProblemKind::NotArchiveData);
        let err = read_all("var tweets = [ ]").unwrap_err();
        assert_eq!(err.kind, ProblemKind::NotArchiveData);
        let err = read_all(&format!("[{ONE} {ONE}]")).unwrap_err();
        assert_eq!(err.kind, ProblemKind::Syntax);
    }

    #[test]
    fn unusable_posts_are_skipped_with_their_line() {
        let missing = r#"{ "tweet" : { "id_str" : "2", "full_text" : "sans date" } }"#;
        let wrong = r#"{ "tweet" : { "id_str" : "3", "created_at" : "Thu Nov 03 08:50:26 +0000 2022", "full_text" : 12 } }"#;
        let number = r#"{ "tweet" : { "id_str" : 4, "created_at" : "Thu Nov 03 08:50:26 +0000 2022", "full_text" : "ok" } }"#;
        let input =
            format!("window.YTD.tweets.part0 = [\n{ONE},\n{missing},\n{wrong},\n{number}\n]");
        let (texts, problems) = read_all(&input).unwrap();
        assert_eq!(texts.len(), 2, "the post with a number id is still counted");
        assert_eq!(problems.len(), 3);
        assert_eq!(
            (problems[0].kind, problems[0].line, problems[0].skipped),
            (ProblemKind::MissingField, 3, true)
        );
        assert_eq!(
            (problems[1].kind, problems[1].line, problems[1].skipped),
            (ProblemKind::WrongType, 4, true)
        );
        assert!(problems[1].column > 1);
        assert_eq!(
            (problems[2].kind, problems[2].line, problems[2].skipped),
            (ProblemKind::NumberNotString, 5, false)
        );
    }
}
