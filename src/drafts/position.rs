//! Where a post's text came from in its file.
//!
//! A post's text is rarely a plain slice of its file: Markdown drops image
//! syntax and comments, YAML removes indentation and quotes, CSV undoubles
//! quotes, Hootsuite appends the link column. A [`PositionMap`] remembers,
//! piece by piece, where each part of the text starts in the file, so a
//! finding on a byte range of the text is shown at the right line and column.
//!
//! Lines and columns are 1-based; columns count characters (Unicode scalar
//! values), not bytes, like the editors people open the file in.

/// A line and a column in a file, both 1-based, the column in characters.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Position {
    pub line: u32,
    pub column: u32,
}

/// One piece of a post's text: from `text_start` up to the next piece.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Segment {
    /// Byte offset in the post text where this piece starts.
    text_start: usize,
    /// Where the piece starts in the file.
    at: Position,
    /// True when the piece is copied verbatim from the file, so positions
    /// inside it can be counted character by character. False for text the
    /// reader produced (an undoubled quote, a decoded escape, a joining
    /// space): every byte of the piece is shown at `at`.
    verbatim: bool,
}

/// Maps byte offsets of a post's text to positions in its file.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PositionMap {
    segments: Vec<Segment>,
}

impl PositionMap {
    /// A map for a text copied verbatim from the file, starting at `at`.
    pub fn verbatim(at: Position) -> Self {
        PositionMap {
            segments: vec![Segment {
                text_start: 0,
                at,
                verbatim: true,
            }],
        }
    }

    /// The position in the file of the character at byte `offset` of `text`
    /// (the text this map was built for). An offset at the very end of the
    /// text gives the position just after its last character.
    pub fn locate(&self, text: &str, offset: usize) -> Position {
        let offset = floor_char_boundary(text, offset.min(text.len()));
        let index = self.segments.partition_point(|s| s.text_start <= offset);
        let Some(segment) = index.checked_sub(1).and_then(|i| self.segments.get(i)) else {
            return Position { line: 1, column: 1 };
        };
        if !segment.verbatim {
            return segment.at;
        }
        advance(segment.at, &text[segment.text_start..offset])
    }

    /// The position just after the last character of `text[..end]`: the
    /// exclusive end of a span, as SARIF and editors expect. Unlike
    /// [`locate`](Self::locate), an end that falls on the start of another
    /// piece stays on the line of the character before it.
    pub fn locate_end(&self, text: &str, start: usize, end: usize) -> Position {
        let end = floor_char_boundary(text, end.min(text.len()));
        let start = floor_char_boundary(text, start.min(end));
        if end == start {
            return self.locate(text, start);
        }
        let last = text[..end].char_indices().next_back().map_or(0, |(i, _)| i);
        // Just after the last character, on its line (even when that
        // character is a line break).
        let mut position = self.locate(text, last);
        position.column += 1;
        position
    }
}

/// Builds a [`PositionMap`] piece by piece, merging pieces that continue each
/// other verbatim.
#[derive(Debug, Default)]
pub struct PositionMapBuilder {
    segments: Vec<Segment>,
    /// Text offset and file position just after the last verbatim piece, to
    /// know whether the next verbatim piece continues it.
    verbatim_end: Option<(usize, Position)>,
}

impl PositionMapBuilder {
    pub fn new() -> Self {
        Self::default()
    }

    /// Records that `piece`, appended at `text_start` of the post text, was
    /// copied verbatim from the file at `at`.
    pub fn verbatim(&mut self, text_start: usize, piece: &str, at: Position) {
        if piece.is_empty() {
            return;
        }
        let continues = self.verbatim_end == Some((text_start, at));
        if !continues {
            self.segments.push(Segment {
                text_start,
                at,
                verbatim: true,
            });
        }
        self.verbatim_end = Some((text_start + piece.len(), advance(at, piece)));
    }

    /// Records that the text from `text_start` on was produced by the reader
    /// and should be shown at `at`.
    pub fn produced(&mut self, text_start: usize, at: Position) {
        if let Some(last) = self.segments.last()
            && !last.verbatim
            && last.at == at
        {
            // Same place as the previous produced piece: nothing new to say.
            self.verbatim_end = None;
            return;
        }
        self.segments.push(Segment {
            text_start,
            at,
            verbatim: false,
        });
        self.verbatim_end = None;
    }

    pub fn build(mut self) -> PositionMap {
        // Several pieces may start at the same offset (an empty piece after a
        // removed image); the last one describes the text that follows.
        self.segments.dedup_by(|later, earlier| {
            if later.text_start == earlier.text_start {
                *earlier = *later;
                true
            } else {
                false
            }
        });
        PositionMap {
            segments: self.segments,
        }
    }
}

/// The position reached after reading `text` from `at`.
pub fn advance(mut at: Position, text: &str) -> Position {
    for c in text.chars() {
        if c == '\n' {
            at.line += 1;
            at.column = 1;
        } else {
            at.column += 1;
        }
    }
    at
}

/// Byte offsets of line starts in a source, to turn byte offsets into lines
/// and columns.
#[derive(Clone, Debug)]
pub struct LineIndex<'a> {
    source: &'a str,
    line_starts: Vec<usize>,
    /// Line number of the first line of `source` in its file (CSV records
    /// are indexed on their own).
    first_line: u32,
}

impl<'a> LineIndex<'a> {
    pub fn new(source: &'a str) -> Self {
        Self::starting_at(source, 1)
    }

    /// An index for a piece of a file whose first line is `first_line`.
    pub fn starting_at(source: &'a str, first_line: u32) -> Self {
        let mut line_starts = vec![0];
        line_starts.extend(memchr::memchr_iter(b'\n', source.as_bytes()).map(|i| i + 1));
        LineIndex {
            source,
            line_starts,
            first_line,
        }
    }

    /// Line and column of byte `offset` of the source.
    pub fn position(&self, offset: usize) -> Position {
        let offset = floor_char_boundary(self.source, offset.min(self.source.len()));
        let line = self.line_starts.partition_point(|&start| start <= offset) - 1;
        let line_start = self.line_starts[line];
        let column = self.source[line_start..offset].chars().count() + 1;
        Position {
            line: self
                .first_line
                .saturating_add(u32::try_from(line).unwrap_or(u32::MAX)),
            column: u32::try_from(column).unwrap_or(u32::MAX),
        }
    }
}

/// The largest char boundary of `text` at or before `offset`.
pub fn floor_char_boundary(text: &str, mut offset: usize) -> usize {
    offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pos(line: u32, column: u32) -> Position {
        Position { line, column }
    }

    #[test]
    fn verbatim_text_counts_characters_not_bytes() {
        let text = "Fête à l’école\n#VilleExemple";
        let map = PositionMap::verbatim(pos(3, 5));
        assert_eq!(map.locate(text, 0), pos(3, 5));
        // "Fête " is 6 bytes but 5 characters.
        assert_eq!(map.locate(text, 6), pos(3, 10));
        let hashtag = text.find('#').unwrap();
        assert_eq!(map.locate(text, hashtag), pos(4, 1));
        assert_eq!(map.locate_end(text, hashtag, text.len()), pos(4, 14));
    }

    #[test]
    fn produced_pieces_point_at_their_origin() {
        // "un " verbatim at 1:1, then a produced quote shown at 1:5, then
        // "deux" verbatim at 1:6.
        let mut builder = PositionMapBuilder::new();
        builder.verbatim(0, "un ", pos(1, 1));
        builder.produced(3, pos(1, 5));
        builder.verbatim(4, "deux", pos(1, 6));
        let map = builder.build();
        let text = "un \"deux";
        assert_eq!(map.locate(text, 1), pos(1, 2));
        assert_eq!(map.locate(text, 3), pos(1, 5));
        assert_eq!(map.locate(text, 5), pos(1, 7));
        assert_eq!(map.locate_end(text, 4, 8), pos(1, 10));
    }

    #[test]
    fn contiguous_verbatim_pieces_merge() {
        let mut builder = PositionMapBuilder::new();
        builder.verbatim(0, "ab", pos(2, 1));
        builder.verbatim(2, "cd", pos(2, 3));
        let map = builder.build();
        assert_eq!(map.segments.len(), 1);
        assert_eq!(map.locate("abcd", 3), pos(2, 4));
    }

    #[test]
    fn an_end_on_a_line_break_stays_on_its_line() {
        let text = "ligne un\nligne deux";
        let map = PositionMap::verbatim(pos(1, 1));
        assert_eq!(map.locate_end(text, 0, 9), pos(1, 10));
    }

    #[test]
    fn offsets_inside_a_character_are_rounded_down() {
        let text = "é#x";
        let map = PositionMap::verbatim(pos(1, 1));
        assert_eq!(map.locate(text, 1), pos(1, 1));
    }

    #[test]
    fn line_index_finds_lines_and_character_columns() {
        let source = "a\nbé c\n\nd";
        let index = LineIndex::new(source);
        assert_eq!(index.position(0), pos(1, 1));
        assert_eq!(index.position(2), pos(2, 1));
        assert_eq!(index.position(source.find('c').unwrap()), pos(2, 4));
        assert_eq!(index.position(source.len() - 1), pos(4, 1));
        let shifted = LineIndex::starting_at("x\ny", 10);
        assert_eq!(shifted.position(2), pos(11, 1));
    }
}
