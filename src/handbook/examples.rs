//! The example posts of the handbook: fenced blocks whose info string says
//! what the checker must find in them.
//!
//! ````markdown
//! ```post-ok date=2026-03-16
//! A post that raises nothing above info.
//! ```
//!
//! ```post-bad rule=hashtag.too-many,hashtag.camel-case platform=mastodon
//! A post that raises each named rule.
//! ```
//!
//! ```post-pass rule=hashtag.too-many
//! A post that does not raise the named rule (it may raise others).
//! ```
//! ````
//!
//! The test suite runs every such block through the checker, so a page
//! never shows a "good" post the tool would flag, or a "bad" one it misses.

use jiff::civil::Date;
use pulldown_cmark::{CodeBlockKind, Event, Parser, Tag, TagEnd};

/// What a marked example claims about its post.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Expectation {
    /// `post-ok`: nothing above info.
    Clean,
    /// `post-bad rule=…`: each named rule is raised.
    Raises(Vec<String>),
    /// `post-pass rule=…`: none of the named rules is raised.
    DoesNotRaise(Vec<String>),
}

/// One marked example post of a chapter.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExamplePost {
    pub expectation: Expectation,
    /// The post's text: the block's content, without its final line break.
    pub text: String,
    /// `platform=` as written (`x`, `mastodon`, `bluesky`).
    pub platform: Option<String>,
    /// `date=`: the day the post is published.
    pub date: Option<Date>,
    /// Line of the opening fence in the chapter (1-based).
    pub line: usize,
}

/// A marked block whose info string cannot be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExampleError {
    /// Line of the opening fence (1-based).
    pub line: usize,
    pub message: String,
}

impl std::fmt::Display for ExampleError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "line {}: {}", self.line, self.message)
    }
}

/// The info-string words that mark an example post.
pub const EXAMPLE_CLASSES: [&str; 3] = ["post-ok", "post-bad", "post-pass"];

/// Every marked example of a Markdown chapter, in order. Blocks with another
/// info string (`yaml`, `console`…) are not examples and are skipped.
pub fn example_posts(markdown: &str) -> Vec<Result<ExamplePost, ExampleError>> {
    let line_starts: Vec<usize> = std::iter::once(0)
        .chain(markdown.match_indices('\n').map(|(i, _)| i + 1))
        .collect();
    let line_of = |offset: usize| line_starts.partition_point(|&s| s <= offset);

    let mut found = Vec::new();
    // (info string, line, text gathered so far) of the block being read.
    let mut open: Option<(String, usize, String)> = None;
    for (event, range) in Parser::new(markdown).into_offset_iter() {
        match event {
            Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(info))) => {
                let first = info.split_whitespace().next().unwrap_or("");
                if EXAMPLE_CLASSES.contains(&first) {
                    open = Some((info.to_string(), line_of(range.start), String::new()));
                }
            }
            Event::Text(text) => {
                if let Some((_, _, body)) = open.as_mut() {
                    body.push_str(&text);
                }
            }
            Event::End(TagEnd::CodeBlock) => {
                if let Some((info, line, body)) = open.take() {
                    let text = body.strip_suffix('\n').unwrap_or(&body).to_string();
                    found.push(
                        parse_info(&info, line).map(|(expectation, platform, date)| ExamplePost {
                            expectation,
                            text,
                            platform,
                            date,
                            line,
                        }),
                    );
                }
            }
            _ => {}
        }
    }
    found
}

type Parsed = (Expectation, Option<String>, Option<Date>);

/// Reads `post-bad rule=a,b platform=x date=2026-02-10`.
fn parse_info(info: &str, line: usize) -> Result<Parsed, ExampleError> {
    let err = |message: String| ExampleError { line, message };
    let mut words = info.split_whitespace();
    let class = words.next().unwrap_or("");
    let mut rules: Vec<String> = Vec::new();
    let mut platform = None;
    let mut date = None;
    for word in words {
        let Some((key, value)) = word.split_once('=') else {
            return Err(err(format!(
                "`{word}` is not an attribute: write key=value (rule, platform, date)"
            )));
        };
        match key {
            "rule" => rules.extend(
                value
                    .split(',')
                    .filter(|r| !r.is_empty())
                    .map(str::to_string),
            ),
            "platform" => platform = Some(value.to_string()),
            "date" => {
                date =
                    Some(value.parse::<Date>().map_err(|_| {
                        err(format!("date `{value}` is not a day: write YYYY-MM-DD"))
                    })?)
            }
            other => {
                return Err(err(format!(
                    "unknown attribute `{other}` (expected rule, platform or date)"
                )));
            }
        }
    }
    let expectation = match class {
        "post-ok" if rules.is_empty() => Expectation::Clean,
        "post-ok" => {
            return Err(err(
                "`post-ok` names no rule: it raises nothing above info".into()
            ));
        }
        _ if rules.is_empty() => {
            return Err(err(format!(
                "`{class}` needs the rule it is about: rule=category.name"
            )));
        }
        "post-bad" => Expectation::Raises(rules),
        _ => Expectation::DoesNotRaise(rules),
    };
    Ok((expectation, platform, date))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_marked_blocks_and_skips_the_others() {
        let md = "# Titre\n\n```post-ok\nBonjour #VilleExemple\n```\n\n```yaml\na: 1\n```\n\n\
                  ```post-bad rule=hashtag.too-many,hashtag.camel-case platform=mastodon date=2026-02-10\n#Un #Deux\n#Trois\n```\n";
        let posts: Vec<ExamplePost> = example_posts(md).into_iter().map(Result::unwrap).collect();
        assert_eq!(posts.len(), 2);
        assert_eq!(posts[0].expectation, Expectation::Clean);
        assert_eq!(posts[0].text, "Bonjour #VilleExemple");
        assert_eq!(posts[0].line, 3);
        assert_eq!(
            posts[1].expectation,
            Expectation::Raises(vec!["hashtag.too-many".into(), "hashtag.camel-case".into()])
        );
        assert_eq!(posts[1].text, "#Un #Deux\n#Trois");
        assert_eq!(posts[1].platform.as_deref(), Some("mastodon"));
        assert_eq!(posts[1].date, Some(Date::constant(2026, 2, 10)));
        assert_eq!(posts[1].line, 11);
    }

    #[test]
    fn reports_unreadable_info_strings_with_their_line() {
        let md = "```post-bad\nx\n```\n\n```post-ok date=10/02/2026\ny\n```\n\n```post-pass rule=a.b colour=red\nz\n```\n";
        let errors: Vec<ExampleError> = example_posts(md)
            .into_iter()
            .map(|r| r.unwrap_err())
            .collect();
        assert_eq!(
            errors.iter().map(|e| e.line).collect::<Vec<_>>(),
            vec![1, 5, 9]
        );
        assert!(errors[0].message.contains("rule="));
        assert!(errors[1].message.contains("YYYY-MM-DD"));
        assert!(errors[2].message.contains("colour"));
    }
}
