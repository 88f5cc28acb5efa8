//! Reading a CSV export of posts, as a stream.
//!
//! X's former archive shipped a `tweets.csv` (`tweet_id`,
//! `in_reply_to_status_id`, `in_reply_to_user_id`, `timestamp`, `source`,
//! `text`, `retweeted_status_id`, `retweeted_status_user_id`,
//! `retweeted_status_timestamp`, `expanded_urls`); export tools write
//! similar files. Columns are found by their header, in any order, under
//! the names listed in [`COLUMNS`]; a file needs at least an id, a date and
//! a text column.

use super::clock::parse_timestamp;
use super::post::{Mention, Post, decode_x_entities};
use super::{Problem, ProblemKind, SourceError};
use std::borrow::Cow;
use std::io::Read;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Column {
    Id,
    Date,
    Text,
    Source,
    ReplyStatus,
    ReplyUser,
    ReplyScreenName,
    RepostOf,
    Urls,
    Hashtags,
    Mentions,
    Media,
    Poll,
}

/// Header names recognised (compared without case, spaces or `_`).
pub const COLUMNS: &[(&str, &[&str])] = &[
    ("id", &["tweetid", "id", "idstr", "postid", "statusid"]),
    (
        "date",
        &[
            "timestamp",
            "createdat",
            "date",
            "datetime",
            "time",
            "postedat",
        ],
    ),
    (
        "text",
        &[
            "text",
            "fulltext",
            "tweet",
            "tweettext",
            "content",
            "message",
        ],
    ),
    ("source", &["source", "client", "app"]),
    (
        "in_reply_to_status_id",
        &[
            "inreplytostatusid",
            "inreplytostatusidstr",
            "inreplytotweetid",
        ],
    ),
    (
        "in_reply_to_user_id",
        &["inreplytouserid", "inreplytouseridstr"],
    ),
    (
        "in_reply_to_screen_name",
        &["inreplytoscreenname", "inreplytousername"],
    ),
    (
        "retweeted_status_id",
        &["retweetedstatusid", "retweetedstatusidstr", "retweetid"],
    ),
    ("expanded_urls", &["expandedurls", "urls", "links"]),
    ("hashtags", &["hashtags"]),
    ("mentions", &["mentions", "usermentions"]),
    ("media", &["media", "mediaurls", "mediaurl"]),
    ("poll", &["poll", "polls", "polloptions"]),
];

const ORDER: [Column; 13] = [
    Column::Id,
    Column::Date,
    Column::Text,
    Column::Source,
    Column::ReplyStatus,
    Column::ReplyUser,
    Column::ReplyScreenName,
    Column::RepostOf,
    Column::Urls,
    Column::Hashtags,
    Column::Mentions,
    Column::Media,
    Column::Poll,
];

fn normalise(header: &str) -> String {
    header
        .trim()
        .trim_start_matches('\u{feff}')
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

struct Layout {
    index: [Option<usize>; ORDER.len()],
}

impl Layout {
    fn get<'r>(&self, record: &'r csv::StringRecord, column: Column) -> Option<&'r str> {
        let at = ORDER.iter().position(|c| *c == column)?;
        let value = record.get(self.index[at]?)?.trim();
        (!value.is_empty()).then_some(value)
    }

    fn has(&self, column: Column) -> bool {
        ORDER
            .iter()
            .position(|c| *c == column)
            .is_some_and(|at| self.index[at].is_some())
    }
}

/// Reads every post of a CSV export and hands each to `sink`; see
/// [`super::tweets_js::read_posts`] for the contract.
pub fn read_posts<R: Read>(
    reader: R,
    mut sink: impl FnMut(&Post<'_>),
    mut problems: impl FnMut(Problem),
    mut progress: impl FnMut(u64),
) -> Result<(), SourceError> {
    let mut csv = csv::ReaderBuilder::new()
        .has_headers(true)
        .flexible(true)
        .from_reader(reader);
    let headers = csv.headers().map_err(csv_error)?.clone();
    let mut layout = Layout {
        index: [None; ORDER.len()],
    };
    for (position, header) in headers.iter().enumerate() {
        let name = normalise(header);
        for (at, (_, aliases)) in COLUMNS.iter().enumerate() {
            if layout.index[at].is_none() && aliases.contains(&name.as_str()) {
                layout.index[at] = Some(position);
            }
        }
    }
    let missing: Vec<&str> = [Column::Id, Column::Date, Column::Text]
        .iter()
        .filter(|c| !layout.has(**c))
        .map(|c| COLUMNS[ORDER.iter().position(|o| o == c).unwrap_or(0)].0)
        .collect();
    if !missing.is_empty() {
        return Err(SourceError::at(
            ProblemKind::NotArchiveData,
            1,
            1,
            format!(
                "the CSV header has no {} column (found: {}); expected X's tweets.csv header (tweet_id, timestamp, text, …)",
                missing.join(", "),
                headers.iter().collect::<Vec<_>>().join(", ")
            ),
        ));
    }
    let polls_known = layout.has(Column::Poll);
    let mut record = csv::StringRecord::new();
    let mut rows: u64 = 0;
    loop {
        match csv.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(err) => {
                let error = csv_error(err);
                // A broken row (bad UTF-8) is skipped; broken quoting that
                // swallows the rest of the file is an error of the file.
                if error.kind == ProblemKind::WrongType {
                    problems(Problem {
                        kind: error.kind,
                        line: error.line.unwrap_or(0),
                        column: 1,
                        detail: error.detail,
                        skipped: true,
                    });
                    continue;
                }
                return Err(error);
            }
        }
        let line = record.position().map_or(0, |p| p.line());
        match post_from_record(&layout, &record, polls_known) {
            Ok(post) => sink(&post),
            Err((kind, detail)) => problems(Problem {
                kind,
                line,
                column: 1,
                detail,
                skipped: true,
            }),
        }
        rows += 1;
        if rows.is_multiple_of(1024) {
            progress(record.position().map_or(0, |p| p.byte()));
        }
    }
    progress(record.position().map_or(0, |p| p.byte()));
    Ok(())
}

fn csv_error(err: csv::Error) -> SourceError {
    let line = err.position().map_or(0, |p| p.line());
    match err.kind() {
        csv::ErrorKind::Utf8 { .. } => SourceError::at(
            ProblemKind::WrongType,
            line,
            1,
            "this row is not valid UTF-8 text".into(),
        ),
        csv::ErrorKind::Io(io) => SourceError::whole_file(ProblemKind::Io, io.to_string()),
        _ => SourceError::at(ProblemKind::Syntax, line, 1, err.to_string()),
    }
}

fn parse_id(value: &str, column: &str) -> Result<u64, (ProblemKind, String)> {
    value.parse::<u64>().map_err(|_| {
        (
            ProblemKind::WrongType,
            format!("`{column}` is `{value}`, expected digits"),
        )
    })
}

fn post_from_record<'r>(
    layout: &Layout,
    record: &'r csv::StringRecord,
    polls_known: bool,
) -> Result<Post<'r>, (ProblemKind, String)> {
    let id = layout
        .get(record, Column::Id)
        .ok_or((ProblemKind::MissingField, "empty id".to_string()))?;
    let id = parse_id(id, "tweet_id")?;
    let date = layout
        .get(record, Column::Date)
        .ok_or((ProblemKind::MissingField, "empty date".to_string()))?;
    let created_at = parse_timestamp(date).ok_or_else(|| {
        (
            ProblemKind::BadDate,
            format!("date `{date}` is not in a known form (e.g. `2022-11-03 08:50:26 +0000`)"),
        )
    })?;
    let text = layout
        .get(record, Column::Text)
        .ok_or((ProblemKind::MissingField, "empty text".to_string()))?;
    let optional_id = |column: Column, name: &str| {
        layout
            .get(record, column)
            .map(|v| parse_id(v, name))
            .transpose()
    };
    let text = decode_x_entities(Cow::Borrowed(text));
    let list = |column: Column| -> Vec<&'r str> {
        layout.get(record, column).map_or_else(Vec::new, |v| {
            v.split([',', ' ', ';', '|'])
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .collect()
        })
    };
    let hashtags: Vec<Cow<'r, str>> = if layout.has(Column::Hashtags) {
        list(Column::Hashtags)
            .into_iter()
            .map(|h| Cow::Borrowed(h.trim_start_matches('#')))
            .collect()
    } else {
        scan_hashtags(&text)
            .into_iter()
            .map(|h| Cow::Owned(h.to_string()))
            .collect()
    };
    let mentions: Vec<Mention<'r>> = if layout.has(Column::Mentions) {
        list(Column::Mentions)
            .into_iter()
            .map(|m| Mention {
                screen_name: Cow::Borrowed(m.trim_start_matches('@')),
                id: None,
            })
            .collect()
    } else {
        scan_mentions(&text)
            .into_iter()
            .map(|m| Mention {
                screen_name: Cow::Owned(m.to_string()),
                id: None,
            })
            .collect()
    };
    Ok(Post {
        id: Some(id),
        created_at,
        source: layout.get(record, Column::Source).map(Cow::Borrowed),
        in_reply_to_status: optional_id(Column::ReplyStatus, "in_reply_to_status_id")?,
        in_reply_to_user: optional_id(Column::ReplyUser, "in_reply_to_user_id")?,
        in_reply_to_screen_name: layout
            .get(record, Column::ReplyScreenName)
            .map(Cow::Borrowed),
        marked_repost: layout.get(record, Column::RepostOf).is_some(),
        hashtags,
        mentions,
        urls: list(Column::Urls).into_iter().map(Cow::Borrowed).collect(),
        short_urls: Vec::new(),
        media: list(Column::Media).len() as u32,
        poll: polls_known.then(|| {
            layout.get(record, Column::Poll).is_some_and(|v| {
                !matches!(
                    v.to_ascii_lowercase().as_str(),
                    "0" | "false" | "no" | "non"
                )
            })
        }),
        text,
    })
}

// A CSV export carries the text only: hashtags and mentions are read from
// it, with X's main boundary rules (a `#` or `@` not preceded by a letter,
// digit or `_`; a hashtag needs a letter).
fn scan_hashtags(text: &str) -> Vec<&str> {
    scan(text, '#', |c| c.is_alphanumeric() || c == '_' || is_mark(c))
        .into_iter()
        .filter(|tag| tag.chars().any(char::is_alphabetic))
        .collect()
}

fn scan_mentions(text: &str) -> Vec<&str> {
    scan(text, '@', |c| c.is_ascii_alphanumeric() || c == '_')
        .into_iter()
        .filter(|m| m.len() <= 15)
        .collect()
}

fn is_mark(c: char) -> bool {
    unicode_normalization::char::is_combining_mark(c)
}

fn scan(text: &str, sigil: char, word: impl Fn(char) -> bool) -> Vec<&str> {
    let mut found = Vec::new();
    let mut previous: Option<char> = None;
    for (at, c) in text.char_indices() {
        let boundary =
            previous.is_none_or(|p| !(p.is_alphanumeric() || p == '_' || p == '&' || p == sigil));
        if c == sigil && boundary {
            let rest = &text[at + c.len_utf8()..];
            let end = rest.find(|ch: char| !word(ch)).unwrap_or(rest.len());
            if end > 0 {
                found.push(&rest[..end]);
            }
        }
        previous = Some(c);
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn x_former_csv_is_read() {
        let csv = "\"tweet_id\",\"in_reply_to_status_id\",\"in_reply_to_user_id\",\"timestamp\",\"source\",\"text\",\"retweeted_status_id\",\"retweeted_status_user_id\",\"retweeted_status_timestamp\",\"expanded_urls\"\n\
\"10\",\"\",\"\",\"2014-01-06 17:04:51 +0000\",\"<a href=\"\"https://dlvr.it\"\" rel=\"\"nofollow\"\">dlvr.it</a>\",\"Conseil #VilleExemple avec @Prefet &amp; vous\",\"\",\"\",\"\",\"https://www.ville-exemple.fr/conseil\"\n\
\"11\",\"\",\"\",\"2014-01-07 17:04:51 +0000\",\"web\",\"RT @Voisine: fête\",\"99\",\"5\",\"2014-01-07 16:00:00 +0000\",\"\"\n\
\"12\",\"\",\"\",\"pas une date\",\"web\",\"x\",\"\",\"\",\"\",\"\"\n";
        let mut posts = Vec::new();
        let mut problems = Vec::new();
        read_posts(
            csv.as_bytes(),
            |p| {
                posts.push(format!(
                    "{:?}|{}|{:?}|{:?}|{}",
                    p.id,
                    p.text,
                    p.hashtags,
                    p.urls,
                    p.is_repost()
                ))
            },
            |p| problems.push(p),
            |_| {},
        )
        .unwrap();
        assert_eq!(
            posts,
            [
                "Some(10)|Conseil #VilleExemple avec @Prefet & vous|[\"VilleExemple\"]|[\"https://www.ville-exemple.fr/conseil\"]|false",
                "Some(11)|RT @Voisine: fête|[]|[]|true"
            ]
        );
        assert_eq!(problems.len(), 1);
        assert_eq!(
            (problems[0].kind, problems[0].line),
            (ProblemKind::BadDate, 4)
        );
    }

    #[test]
    fn a_csv_without_text_is_refused() {
        let err = read_posts(
            "Date,Message\n2024-01-01,x\n".as_bytes(),
            |_| {},
            |_| {},
            |_| {},
        )
        .unwrap_err();
        assert_eq!(err.kind, ProblemKind::NotArchiveData);
        assert!(err.detail.contains("id"), "{}", err.detail);
    }

    #[test]
    fn entities_from_text() {
        assert_eq!(
            scan_hashtags("#Été à #VilleExemple, pas a#b ni #2026 &#39;"),
            ["Été", "VilleExemple"]
        );
        assert_eq!(
            scan_mentions("@Alice et @bob_2, pas mail@x.fr"),
            ["Alice", "bob_2"]
        );
    }
}
