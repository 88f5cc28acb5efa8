//! Plain-text drafts: the whole file is one post, or several posts separated
//! by a line holding only `---`.

use super::DraftPost;
use super::position::{LineIndex, PositionMapBuilder};

/// Reads the posts of a plain-text file. Blank posts (two separators in a
/// row, a separator at the end) are skipped.
pub fn read(source: &str) -> Vec<DraftPost> {
    let index = LineIndex::new(source);
    let mut posts = Vec::new();
    let mut region_start = 0;
    let mut offset = 0;
    for line in source.split_inclusive('\n') {
        let line_end = offset + line.len();
        if line.trim() == "---" {
            push_post(source, &index, region_start..offset, &mut posts);
            region_start = line_end;
        }
        offset = line_end;
    }
    push_post(source, &index, region_start..source.len(), &mut posts);
    posts
}

fn push_post(
    source: &str,
    index: &LineIndex,
    region: std::ops::Range<usize>,
    posts: &mut Vec<DraftPost>,
) {
    let raw = &source[region.clone()];
    let trimmed = raw.trim();
    if trimmed.is_empty() {
        return;
    }
    let start = region.start + (raw.len() - raw.trim_start().len());
    let mut text = String::with_capacity(trimmed.len());
    let mut positions = PositionMapBuilder::new();
    let mut offset = start;
    for line in trimmed.split_inclusive('\n') {
        // Windows line ends: the text keeps `\n` only, as platforms do.
        let content = line.strip_suffix('\n').unwrap_or(line);
        let content = content.strip_suffix('\r').unwrap_or(content);
        positions.verbatim(text.len(), content, index.position(offset));
        text.push_str(content);
        if line.ends_with('\n') {
            let newline_at = offset + line.len() - 1;
            positions.verbatim(text.len(), "\n", index.position(newline_at));
            text.push('\n');
        }
        offset += line.len();
    }
    let rank = posts.len() + 1;
    posts.push(DraftPost {
        label: rank.to_string(),
        id: None,
        text,
        media: Vec::new(),
        platform: None,
        date: None,
        ignore: Vec::new(),
        positions: positions.build(),
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::drafts::Position;

    #[test]
    fn a_file_without_separator_is_one_post() {
        let posts = read("Marché de Noël samedi #VilleExemple\n");
        assert_eq!(posts.len(), 1);
        assert_eq!(posts[0].text, "Marché de Noël samedi #VilleExemple");
        assert_eq!(posts[0].label, "1");
    }

    #[test]
    fn separators_split_posts_and_positions_follow_the_file() {
        let source = "Premier post\n---\n\n  Deuxième post\r\nsur deux lignes #Ville\r\n---\n---\n";
        let posts = read(source);
        assert_eq!(posts.len(), 2);
        let second = &posts[1];
        assert_eq!(second.text, "Deuxième post\nsur deux lignes #Ville");
        assert_eq!(second.label, "2");
        assert_eq!(
            second.positions.locate(&second.text, 0),
            Position { line: 4, column: 3 }
        );
        let hashtag = second.text.find('#').unwrap();
        assert_eq!(
            second.positions.locate(&second.text, hashtag),
            Position {
                line: 5,
                column: 17
            }
        );
    }

    #[test]
    fn an_empty_file_has_no_post() {
        assert!(read("").is_empty());
        assert!(read("\n  \n---\n").is_empty());
    }
}
