//! Markdown drafts.
//!
//! - Posts are separated by thematic breaks (`---`, `***`, `___`). A `---`
//!   written right under a line of text is, for Markdown, the underline of a
//!   heading; people mean a separator, so it is read as one.
//! - Images `![description](photo.jpg)` are the post's media, the
//!   description its alt text; they are not part of the text.
//! - The text is what the post will show: emphasis markers and link syntax
//!   are dropped (`[inscriptions](https://…)` gives `inscriptions https://…`),
//!   headings (`# Mai`) are titles for the writer and are left out.
//! - Optional YAML front matter at the top: `platform`, `scheduled` (or
//!   `date`) and `ignore: [RULE]`, for every post of the file.
//! - `<!-- twitterritorial-disable RULE… -->` turns rules off for the post
//!   the comment is in (no rule named, or `all`: every rule).
//!
//! The Markdown is read by pulldown-cmark with source offsets, so every piece
//! of text keeps its place in the file.

use pulldown_cmark::{
    Event, HeadingLevel, LinkType, MetadataBlockKind, Options, Parser, Tag, TagEnd,
};
use serde::Deserialize;
use std::ops::Range;

use super::position::{LineIndex, Position, PositionMapBuilder};
use super::{DateOrder, DraftError, DraftMedia, DraftPost, parse_platform, parse_schedule, yaml};

/// The comment that turns rules off for one post.
const DISABLE_DIRECTIVE: &str = "twitterritorial-disable";

/// Reads the posts of a Markdown file; a broken front matter is reported and
/// the posts are still read.
pub fn read(source: &str) -> Vec<Result<DraftPost, DraftError>> {
    let index = LineIndex::new(source);
    let mut results = Vec::new();
    let (body_start, metadata) = match front_matter(source, &index) {
        Some((end, Ok(metadata))) => (end, metadata),
        Some((end, Err(error))) => {
            results.push(Err(error));
            (end, FileMetadata::default())
        }
        None => (0, FileMetadata::default()),
    };
    let mut reader = PostReader {
        source,
        index: &index,
        metadata: &metadata,
        posts: Vec::new(),
    };
    reader.read_body(body_start);
    results.extend(reader.posts.into_iter().map(Ok));
    results
}

/// What the front matter says about every post of the file.
#[derive(Debug, Default)]
struct FileMetadata {
    platform: Option<crate::text::Platform>,
    date: Option<jiff::civil::Date>,
    ignore: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct FrontMatter {
    #[serde(default)]
    platform: Option<serde_saphyr::Spanned<String>>,
    #[serde(default, alias = "date")]
    scheduled: Option<serde_saphyr::Spanned<String>>,
    #[serde(default)]
    ignore: Vec<String>,
}

/// Finds and reads the front matter: a `---` block on the very first line.
/// Returns the byte offset where the Markdown body starts.
fn front_matter(
    source: &str,
    index: &LineIndex,
) -> Option<(usize, Result<FileMetadata, DraftError>)> {
    if !source.starts_with("---") {
        return None;
    }
    // Metadata blocks are only looked for here: further down, `---` lines
    // separate posts.
    let mut events =
        Parser::new_ext(source, Options::ENABLE_YAML_STYLE_METADATA_BLOCKS).into_offset_iter();
    let (Event::Start(Tag::MetadataBlock(MetadataBlockKind::YamlStyle)), block) = events.next()?
    else {
        return None;
    };
    let content: Option<Range<usize>> = match events.next() {
        Some((Event::Text(_), range)) => Some(range),
        _ => None,
    };
    let Some(content) = content else {
        return Some((block.end, Ok(FileMetadata::default())));
    };
    let first_line = index.position(content.start).line;
    let yaml_text = &source[content];
    if serde_saphyr::from_str::<String>(yaml_text).is_ok() {
        // Plain text between two `---`: a post between separators, not
        // metadata.
        return None;
    }
    let parsed: Result<Option<FrontMatter>, _> = serde_saphyr::from_str(yaml_text);
    let metadata = match parsed {
        Ok(None) => Ok(FileMetadata::default()),
        Ok(Some(front)) => read_front_matter(front, first_line),
        Err(error) => Err(yaml::draft_error(
            &error,
            first_line,
            "en-tête YAML (front matter) illisible",
            "unreadable YAML front matter",
            "Clés possibles : platform (x, mastodon, bluesky), scheduled (2026-05-12), ignore ([RÈGLE]).",
            "Possible keys: platform (x, mastodon, bluesky), scheduled (2026-05-12), ignore ([RULE]).",
        )),
    };
    Some((block.end, metadata))
}

fn read_front_matter(front: FrontMatter, first_line: u32) -> Result<FileMetadata, DraftError> {
    let at = |spanned_line: u64, column: u64| Position {
        line: first_line
            .saturating_add(u32::try_from(spanned_line).unwrap_or(u32::MAX))
            .saturating_sub(1),
        column: u32::try_from(column).unwrap_or(u32::MAX),
    };
    let platform = match front.platform {
        None => None,
        Some(name) => match parse_platform(&name.value) {
            Some(platform) => Some(platform),
            None => {
                return Err(yaml::unknown_platform(
                    &name.value,
                    at(name.referenced.line(), name.referenced.column()),
                ));
            }
        },
    };
    let date = match front.scheduled {
        None => None,
        Some(text) => match parse_schedule(&text.value, DateOrder::DayMonthYear) {
            Ok(date) => Some(date),
            Err(error) => {
                let position = at(text.referenced.line(), text.referenced.column());
                return Err(error.to_draft_error(
                    &text.value,
                    DateOrder::DayMonthYear,
                    Some(position),
                ));
            }
        },
    };
    Ok(FileMetadata {
        platform,
        date,
        ignore: front.ignore,
    })
}

/// Walks the Markdown events and cuts them into posts.
struct PostReader<'a> {
    source: &'a str,
    index: &'a LineIndex<'a>,
    metadata: &'a FileMetadata,
    posts: Vec<DraftPost>,
}

/// The post being read.
#[derive(Default)]
struct Current {
    text: String,
    positions: PositionMapBuilder,
    media: Vec<DraftMedia>,
    ignore: Vec<String>,
    /// Text to put before the next content: a line break between list items,
    /// a blank line between paragraphs.
    pending_break: Option<&'static str>,
}

/// Where the reader is inside inline elements.
#[derive(Default)]
struct Inline {
    /// Alt text of the image being read, with the image's destination.
    image: Option<(String, String)>,
    /// Links being read: destination, whether the URL must be added after
    /// the link text, where the text started, and the link's source range.
    links: Vec<(String, bool, usize, Range<usize>)>,
    /// Inside a heading that is a title (left out of the text).
    title_depth: usize,
    /// Inside a heading underlined with `---`: its end separates posts.
    setext_separator: bool,
    /// Depth of nested lists.
    list_depth: usize,
    /// The HTML block being read (a comment may span several lines).
    html_block: Option<String>,
}

impl<'a> PostReader<'a> {
    fn read_body(&mut self, body_start: usize) {
        let body = &self.source[body_start..];
        let mut current = Current::default();
        let mut inline = Inline::default();
        for (event, range) in Parser::new_ext(body, Options::empty()).into_offset_iter() {
            let range = range.start + body_start..range.end + body_start;
            match event {
                Event::Rule => self.finish(&mut current),
                Event::Start(Tag::Heading { level, .. }) => {
                    if level == HeadingLevel::H2 && self.underlined_with_dashes(&range) {
                        inline.setext_separator = true;
                    } else {
                        inline.title_depth += 1;
                    }
                }
                Event::End(TagEnd::Heading(_)) => {
                    if inline.setext_separator {
                        inline.setext_separator = false;
                        self.finish(&mut current);
                    } else {
                        inline.title_depth = inline.title_depth.saturating_sub(1);
                    }
                }
                _ if inline.title_depth > 0 => {}
                Event::Start(Tag::Image { dest_url, .. }) => {
                    inline.image = Some((String::new(), dest_url.to_string()));
                }
                Event::End(TagEnd::Image) => {
                    if let Some((alt, file)) = inline.image.take() {
                        let alt = alt.trim();
                        let alt = (!alt.is_empty()).then(|| alt.to_string());
                        current.media.push(DraftMedia { file, alt });
                    }
                }
                Event::Text(text) | Event::Code(text) if inline.image.is_some() => {
                    if let Some((alt, _)) = inline.image.as_mut() {
                        alt.push_str(&text);
                    }
                }
                Event::SoftBreak | Event::HardBreak if inline.image.is_some() => {
                    if let Some((alt, _)) = inline.image.as_mut() {
                        alt.push(' ');
                    }
                }
                _ if inline.image.is_some() => {}
                Event::Text(text) => self.push(&mut current, &text, &range),
                Event::Code(code) => {
                    // The code without its backticks, found in the source.
                    let start = self.source[range.clone()]
                        .find(&*code)
                        .map_or(range.start, |i| range.start + i);
                    self.push(&mut current, &code, &(start..start + code.len()));
                }
                Event::SoftBreak | Event::HardBreak if !current.text.is_empty() => {
                    let at = self.index.position(range.start);
                    current.positions.produced(current.text.len(), at);
                    current.text.push('\n');
                }
                Event::Start(Tag::Link {
                    link_type,
                    dest_url,
                    ..
                }) => {
                    let add_url = !matches!(link_type, LinkType::Autolink | LinkType::Email);
                    inline
                        .links
                        .push((dest_url.to_string(), add_url, current.text.len(), range));
                }
                Event::End(TagEnd::Link) => {
                    if let Some((url, add_url, text_start, range)) = inline.links.pop() {
                        let shown = current.text.get(text_start..).unwrap_or_default().trim();
                        if add_url && !url.is_empty() && shown != url {
                            let at = self.source[range.clone()]
                                .rfind(url.as_str())
                                .map_or(range.start, |i| range.start + i);
                            if !current.text.is_empty() {
                                current.pending_break = Some(" ");
                            }
                            self.push(&mut current, &url, &(at..at + url.len()));
                        }
                    }
                }
                Event::Start(Tag::List(_)) => inline.list_depth += 1,
                Event::End(TagEnd::List(_)) => {
                    inline.list_depth = inline.list_depth.saturating_sub(1);
                    self.block_ended(&mut current, &inline);
                }
                Event::Start(Tag::Item) => {
                    // The marker as written (`- `, `* `, `1. `), so the text
                    // reads as the post will.
                    let marker_source = &self.source[range.clone()];
                    let marker_len = marker_source
                        .find(|c: char| c.is_whitespace())
                        .map_or(marker_source.len(), |i| i + 1);
                    let marker = marker_source[..marker_len].replace(['\r', '\n'], "");
                    let marker = if marker.ends_with(' ') {
                        marker
                    } else {
                        format!("{marker} ")
                    };
                    let item = range.start..range.start + marker.len();
                    if self.source.get(item.clone()) == Some(marker.as_str()) {
                        self.push(&mut current, &marker, &item);
                    } else {
                        self.push_produced(&mut current, &marker, range.start);
                    }
                }
                Event::End(TagEnd::Item)
                    if current.pending_break.is_none() && !current.text.is_empty() =>
                {
                    current.pending_break = Some("\n");
                }
                Event::End(TagEnd::Paragraph | TagEnd::CodeBlock | TagEnd::BlockQuote(_)) => {
                    self.block_ended(&mut current, &inline)
                }
                Event::Start(Tag::HtmlBlock) => inline.html_block = Some(String::new()),
                Event::Html(html) => match inline.html_block.as_mut() {
                    Some(block) => block.push_str(&html),
                    None => self.directive(&mut current, &html),
                },
                Event::End(TagEnd::HtmlBlock) => {
                    if let Some(html) = inline.html_block.take() {
                        self.directive(&mut current, &html);
                    }
                }
                Event::InlineHtml(html) => self.directive(&mut current, &html),
                _ => {}
            }
        }
        self.finish(&mut current);
    }

    /// Whether a level-2 heading is a line of text with `---` under it.
    fn underlined_with_dashes(&self, range: &Range<usize>) -> bool {
        let heading = self.source[range.clone()].trim_end();
        let last_line = heading.rsplit('\n').next().unwrap_or_default().trim();
        heading.contains('\n') && !last_line.is_empty() && last_line.bytes().all(|b| b == b'-')
    }

    /// Appends text copied from the file at `range` (or, when the text is not
    /// exactly the source there, produced at its start).
    fn push(&self, current: &mut Current, piece: &str, range: &Range<usize>) {
        let mut piece = piece;
        let mut start = range.start;
        if current.text.is_empty() {
            let trimmed = piece.trim_start();
            start += piece.len() - trimmed.len();
            piece = trimmed;
        }
        if piece.is_empty() {
            return;
        }
        self.push_break(current, start);
        let verbatim = self.source.get(start..start + piece.len()) == Some(piece);
        let at = self.index.position(start);
        if verbatim {
            current.positions.verbatim(current.text.len(), piece, at);
        } else {
            current.positions.produced(current.text.len(), at);
        }
        current.text.push_str(piece);
    }

    fn push_produced(&self, current: &mut Current, piece: &str, at: usize) {
        self.push_break(current, at);
        current
            .positions
            .produced(current.text.len(), self.index.position(at));
        current.text.push_str(piece);
    }

    fn push_break(&self, current: &mut Current, at: usize) {
        if let Some(separator) = current.pending_break.take()
            && !current.text.is_empty()
        {
            current
                .positions
                .produced(current.text.len(), self.index.position(at));
            current.text.push_str(separator);
        }
    }

    fn block_ended(&self, current: &mut Current, inline: &Inline) {
        if !current.text.is_empty() {
            current.pending_break = Some(if inline.list_depth > 0 { "\n" } else { "\n\n" });
        }
    }

    /// Reads a `<!-- twitterritorial-disable RULE… -->` comment.
    fn directive(&self, current: &mut Current, html: &str) {
        let html = html.trim();
        let Some(inner) = html
            .strip_prefix("<!--")
            .and_then(|h| h.strip_suffix("-->"))
        else {
            return;
        };
        let inner = inner.trim();
        let Some(rules) = inner.strip_prefix(DISABLE_DIRECTIVE) else {
            return;
        };
        if !(rules.is_empty() || rules.starts_with(char::is_whitespace)) {
            return;
        }
        let named: Vec<String> = rules
            .split(|c: char| c.is_whitespace() || c == ',')
            .filter(|r| !r.is_empty())
            .map(str::to_string)
            .collect();
        if named.is_empty() {
            current.ignore.push("all".to_string());
        } else {
            current.ignore.extend(named);
        }
    }

    /// Ends the current post; posts with neither text nor media are dropped.
    fn finish(&mut self, current: &mut Current) {
        let mut done = std::mem::take(current);
        let kept = done.text.trim_end().len();
        done.text.truncate(kept);
        if done.text.is_empty() && done.media.is_empty() {
            return;
        }
        let mut ignore = self.metadata.ignore.clone();
        ignore.extend(done.ignore);
        let rank = self.posts.len() + 1;
        self.posts.push(DraftPost {
            label: rank.to_string(),
            id: None,
            text: done.text,
            media: done.media,
            platform: self.metadata.platform,
            date: self.metadata.date,
            ignore,
            positions: done.positions.build(),
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::Platform;

    fn posts(source: &str) -> Vec<DraftPost> {
        read(source)
            .into_iter()
            .map(|r| r.expect("no error"))
            .collect()
    }

    fn at(post: &DraftPost, needle: &str) -> Position {
        let offset = post.text.find(needle).expect("needle in text");
        post.positions.locate(&post.text, offset)
    }

    #[test]
    fn thematic_breaks_separate_posts() {
        let source = "Premier post #VilleExemple\n\n---\n\nDeuxième post\n\n***\n\nTroisième\n";
        let posts = posts(source);
        let texts: Vec<&str> = posts.iter().map(|p| p.text.as_str()).collect();
        assert_eq!(
            texts,
            ["Premier post #VilleExemple", "Deuxième post", "Troisième"]
        );
        assert_eq!(posts[2].label, "3");
        assert_eq!(
            at(&posts[1], "post"),
            Position {
                line: 5,
                column: 10
            }
        );
    }

    #[test]
    fn a_dash_line_under_text_still_separates_posts() {
        let posts = posts("Premier post\n---\nDeuxième post\n---\nTroisième\n");
        let texts: Vec<&str> = posts.iter().map(|p| p.text.as_str()).collect();
        assert_eq!(texts, ["Premier post", "Deuxième post", "Troisième"]);
        assert_eq!(
            at(&posts[1], "post"),
            Position {
                line: 3,
                column: 10
            }
        );
    }

    #[test]
    fn images_are_media_with_their_description() {
        let source = "Le marché de Noël ouvre samedi.\n\n![Chalets illuminés sur la place](marche.jpg)\n![](affiche.png)\n";
        let posts = posts(source);
        assert_eq!(posts.len(), 1);
        assert_eq!(posts[0].text, "Le marché de Noël ouvre samedi.");
        assert_eq!(
            posts[0].media,
            vec![
                DraftMedia {
                    file: "marche.jpg".into(),
                    alt: Some("Chalets illuminés sur la place".into())
                },
                DraftMedia {
                    file: "affiche.png".into(),
                    alt: None
                },
            ]
        );
    }

    #[test]
    fn markup_is_dropped_and_links_keep_their_url() {
        let source = "**Inscriptions** à la cantine : [formulaire](https://www.ville-exemple.fr/cantine)\n\
                      et <https://www.ville-exemple.fr>\n";
        let post = &posts(source)[0];
        assert_eq!(
            post.text,
            "Inscriptions à la cantine : formulaire https://www.ville-exemple.fr/cantine\net https://www.ville-exemple.fr"
        );
        assert_eq!(
            at(post, "https://www.ville-exemple.fr/cantine"),
            Position {
                line: 1,
                column: 46
            }
        );
        assert_eq!(
            at(post, "cantine :"),
            Position {
                line: 1,
                column: 23
            }
        );
    }

    #[test]
    fn headings_are_titles_and_lists_keep_their_markers() {
        let source = "# Mai 2026\n\nAu programme :\n\n- concert\n- feu d’artifice\n";
        let post = &posts(source)[0];
        assert_eq!(post.text, "Au programme :\n\n- concert\n- feu d’artifice");
        assert_eq!(at(post, "- feu"), Position { line: 6, column: 1 });
    }

    #[test]
    fn front_matter_applies_to_every_post() {
        let source = "---\nplatform: mastodon\nscheduled: 2026-05-12 10:00\nignore: [links.too-many]\n---\n\nUn\n\n---\n\nDeux\n";
        let posts = posts(source);
        assert_eq!(posts.len(), 2);
        for post in &posts {
            assert_eq!(post.platform, Some(Platform::Mastodon));
            assert_eq!(post.date, Some(jiff::civil::date(2026, 5, 12)));
            assert!(post.ignores("links.too-many"));
        }
        assert_eq!(at(&posts[0], "Un"), Position { line: 7, column: 1 });
    }

    #[test]
    fn a_bad_front_matter_is_reported_with_its_line() {
        let results = read("---\nplatform: myspace\n---\n\nUn post\n");
        let error = results[0].as_ref().expect_err("front matter error");
        assert_eq!(error.position.map(|p| p.line), Some(2));
        assert!(error.message.en.contains("myspace"), "{}", error.message.en);
        assert_eq!(results[1].as_ref().map(|p| p.text.as_str()), Ok("Un post"));

        let results = read("---\nplatfrom: x\n---\n\nUn post\n");
        let error = results[0].as_ref().expect_err("unknown key");
        assert_eq!(error.position.map(|p| p.line), Some(2));
    }

    #[test]
    fn disable_comments_apply_to_their_post() {
        let source = "Un #A #B #C\n<!-- twitterritorial-disable hashtag.too-many, accessibility -->\n\n---\n\nDeux\n\n\
                      <!--\ntwitterritorial-disable\n-->\n\n---\n\nTrois <!-- autre commentaire -->\n";
        let posts = posts(source);
        assert_eq!(posts.len(), 3);
        assert_eq!(posts[0].text, "Un #A #B #C");
        assert!(posts[0].ignores("hashtag.too-many"));
        assert!(posts[0].ignores("accessibility.emoji"));
        assert!(!posts[0].ignores("hashtag.broken"));
        assert!(posts[1].ignores("links.shortener"));
        assert!(posts[2].ignore.is_empty());
        assert_eq!(posts[2].text, "Trois");
    }

    #[test]
    fn an_image_only_post_is_kept_and_empty_posts_are_not() {
        let posts = posts("---\n\n![Plan du quartier](plan.png)\n\n---\n\n---\n");
        assert_eq!(posts.len(), 1);
        assert_eq!(posts[0].text, "");
        assert_eq!(posts[0].media.len(), 1);
    }

    #[test]
    fn text_between_two_separators_is_not_front_matter() {
        let posts = posts("---\nTexte\n---\nSuite\n");
        let texts: Vec<&str> = posts.iter().map(|p| p.text.as_str()).collect();
        assert_eq!(texts, ["Texte", "Suite"]);
    }

    #[test]
    fn hashtags_at_line_start_are_text() {
        let post = &posts("#VilleExemple fête la musique\n")[0];
        assert_eq!(post.text, "#VilleExemple fête la musique");
    }
}
