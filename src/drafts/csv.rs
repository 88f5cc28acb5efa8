//! CSV bulk-upload files, read as a stream (a file of a million posts is
//! checked in constant memory).
//!
//! Two layouts are recognised from the first row:
//! - **Buffer**: a header row naming the columns `Text`, `Image URL`, `Tags`,
//!   `Posting Time` (Buffer requires these names, case included); the image
//!   becomes the post's media (Buffer's file has no alt-text column).
//! - **Hootsuite**: no header, three columns `date, message, link`; the link
//!   is appended to the message when Hootsuite publishes it, so it is checked
//!   as part of the post. Dates are day first (`12/05/2026 10:00`) unless
//!   [`DateOrder::MonthDayYear`] is chosen; ISO dates (`2026-05-12 10:00`)
//!   work either way.
//!
//! Fields are parsed by the `csv` crate. The raw bytes of each record are
//! kept while it is read, to map the message back to lines and columns and to
//! catch broken quoting, which the crate itself accepts silently (a quote
//! never closed swallows the rest of the file into one field).

use std::collections::VecDeque;
use std::io::{self, Read};

use ::csv::{ByteRecord, ReaderBuilder};

use super::position::{LineIndex, Position, PositionMap, PositionMapBuilder};
use super::{DraftError, DraftMedia, DraftPost, ReadOptions, parse_schedule};

/// A record this long is not a post (X's longest posts are 25,000
/// characters); it is reported instead of checked.
pub const MAX_RECORD_BYTES: usize = 1 << 20;

/// The posts of a CSV file, one by one.
pub struct CsvPosts<R: Read> {
    reader: ::csv::Reader<Tee<R>>,
    record: ByteRecord,
    layout: Option<Layout>,
    options: ReadOptions,
    /// Rank of the last post given out.
    rank: usize,
    /// Results already computed for the next calls (an error, then the post
    /// it concerns).
    pending: VecDeque<Result<DraftPost, DraftError>>,
    finished: bool,
    /// The last record read, as written, and its first line.
    source: Option<(String, u32)>,
}

/// Which tool's layout the file follows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Layout {
    Hootsuite,
    Buffer {
        text: usize,
        image: Option<usize>,
        time: Option<usize>,
    },
}

impl<R: Read> CsvPosts<R> {
    pub fn new(input: R, options: ReadOptions) -> Self {
        let reader = ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_reader(Tee {
                inner: input,
                kept: Vec::new(),
                kept_from: 0,
                consumed: 0,
            });
        CsvPosts {
            reader,
            record: ByteRecord::new(),
            layout: None,
            options,
            rank: 0,
            pending: VecDeque::new(),
            finished: false,
            source: None,
        }
    }

    /// Reads the next record and turns it into results; `false` at the end.
    fn read_next(&mut self) -> bool {
        match self.reader.read_byte_record(&mut self.record) {
            Ok(true) => {}
            Ok(false) => return false,
            Err(error) => {
                let line = error.position().map(|p| p.line());
                self.fail(line, &error.to_string());
                return false;
            }
        }
        let (start, line) = match self.record.position() {
            Some(p) => (p.byte(), p.line()),
            None => (0, 1),
        };
        let end = self.reader.position().byte();
        let raw = self.reader.get_mut().take(start, end);
        let parsed = std::mem::take(&mut self.record);
        let record = Record::new(&parsed, &raw, line);
        let keep_going = self.process(&record);
        // The record as written, for excerpts of what it holds.
        let (skipped, first_line) = (raw.len() - record.raw.len(), record.line);
        self.source = String::from_utf8(raw).ok().map(|mut text| {
            text.drain(..skipped);
            (text, u32::try_from(first_line).unwrap_or(u32::MAX))
        });
        // Keep the record's buffers for the next read.
        self.record = parsed;
        keep_going
    }

    /// The lines of the record the last posts came from, as written in the
    /// file, with the number of its first line.
    pub fn current_source(&self) -> Option<(&str, u32)> {
        self.source
            .as_ref()
            .map(|(text, line)| (text.as_str(), *line))
    }

    fn fail(&mut self, line: Option<u64>, detail: &str) {
        let position = line.map(|l| Position {
            line: u32::try_from(l).unwrap_or(u32::MAX),
            column: 1,
        });
        self.pending.push_back(Err(DraftError::new(
            position,
            format!("lecture du fichier CSV impossible : {detail}"),
            format!("cannot read the CSV file: {detail}"),
        )));
        self.finished = true;
    }

    /// Handles one record; `false` stops the file.
    fn process(&mut self, record: &Record) -> bool {
        if record.raw.len() > MAX_RECORD_BYTES {
            let size = record.raw.len() / 1024;
            self.pending.push_back(Err(DraftError::new(
                Some(record.start()),
                format!("ligne de {size} Kio : aucune publication n’est aussi longue ; un guillemet mal fermé peut en être la cause."),
                format!("a {size} KiB row: no post is that long; a badly closed quote may be the cause."),
            )));
            return true;
        }
        let fields = match record.fields() {
            Ok(fields) => fields,
            Err(position) => {
                self.pending.push_back(Err(DraftError::new(
                    Some(position),
                    "ce fichier n’est pas en UTF-8 : enregistrez-le au format « CSV UTF-8 » (dans Excel : Enregistrer sous, CSV UTF-8).",
                    "this file is not UTF-8: save it as \"CSV UTF-8\" (in Excel: Save as, CSV UTF-8).",
                )));
                // Every following row would fail the same way.
                return false;
            }
        };
        if fields.iter().all(|f| f.trim().is_empty()) {
            return true;
        }
        let layout = match self.layout {
            Some(layout) => layout,
            None => {
                let (layout, is_header) = detect_layout(&fields);
                self.layout = Some(layout);
                if let Some(problem) = header_problem(&fields, record.start()) {
                    self.pending.push_back(Err(problem));
                }
                if is_header {
                    return true;
                }
                layout
            }
        };
        let spans = match record.field_spans() {
            Ok(spans) => spans,
            Err(problem) => {
                self.pending.push_back(Err(problem));
                return true;
            }
        };
        match layout {
            Layout::Hootsuite => self.hootsuite(record, &fields, &spans),
            Layout::Buffer { text, image, time } => {
                self.buffer(record, &fields, &spans, text, image, time)
            }
        }
        true
    }

    fn hootsuite(&mut self, record: &Record, fields: &[&str], spans: &[FieldSpan]) {
        if fields.len() < 2 || fields.len() > 3 {
            let count = fields.len();
            self.pending.push_back(Err(DraftError::new(
                Some(record.start()),
                format!("{count} colonne(s) au lieu de 3 (date, message, lien) : si le message contient une virgule, mettez-le entre guillemets droits \"…\"."),
                format!("{count} column(s) instead of 3 (date, message, link): if the message contains a comma, put it in double quotes \"…\"."),
            )));
            return;
        }
        let date = self.date(fields[0], spans[0].at);
        let message = fields[1];
        let link = fields.get(2).map_or("", |l| l.trim());
        if message.trim().is_empty() && link.is_empty() {
            self.pending.push_back(Err(DraftError::new(
                Some(spans[1].at),
                "message vide : Hootsuite refusera cette ligne.",
                "empty message: Hootsuite will refuse this row.",
            )));
            return;
        }
        let mut text = String::with_capacity(message.len() + link.len() + 1);
        let mut positions = PositionMapBuilder::new();
        spans[1].copy_into(message, &mut text, &mut positions, record);
        if !link.is_empty() {
            let link_span = &spans[2];
            let lead = fields[2].len() - fields[2].trim_start().len();
            if !text.is_empty() && !text.ends_with(char::is_whitespace) {
                // Hootsuite separates the link with a space when publishing.
                positions.produced(text.len(), link_span.at);
                text.push(' ');
            }
            link_span.copy_trimmed_into(link, lead, &mut text, &mut positions, record);
        }
        self.push_post(text, positions.build(), Vec::new(), date);
    }

    fn buffer(
        &mut self,
        record: &Record,
        fields: &[&str],
        spans: &[FieldSpan],
        text_column: usize,
        image_column: Option<usize>,
        time_column: Option<usize>,
    ) {
        let message = fields.get(text_column).copied().unwrap_or_default();
        let image = image_column
            .and_then(|c| fields.get(c))
            .map_or("", |i| i.trim());
        let date = match time_column.and_then(|c| Some((fields.get(c)?, spans.get(c)?))) {
            Some((time, span)) => self.date(time, span.at),
            None => None,
        };
        if message.trim().is_empty() && image.is_empty() {
            self.pending.push_back(Err(DraftError::new(
                Some(record.start()),
                "ni texte ni image : Buffer demande au moins l’un des deux (colonnes Text, Image URL).",
                "neither text nor image: Buffer needs at least one of them (columns Text, Image URL).",
            )));
            return;
        }
        let mut text = String::with_capacity(message.len());
        let mut positions = PositionMapBuilder::new();
        match spans.get(text_column) {
            Some(span) => span.copy_into(message, &mut text, &mut positions, record),
            None => text.push_str(message),
        }
        let media = if image.is_empty() {
            Vec::new()
        } else {
            vec![DraftMedia {
                file: image.to_string(),
                alt: None,
            }]
        };
        self.push_post(text, positions.build(), media, date);
    }

    /// Reads a date column; an unreadable date is reported and the post is
    /// still checked, without its date.
    fn date(&mut self, text: &str, at: Position) -> Option<jiff::civil::Date> {
        if text.trim().is_empty() {
            return None;
        }
        match parse_schedule(text, self.options.date_order) {
            Ok(date) => Some(date),
            Err(error) => {
                self.pending.push_back(Err(error.to_draft_error(
                    text,
                    self.options.date_order,
                    Some(at),
                )));
                None
            }
        }
    }

    fn push_post(
        &mut self,
        text: String,
        positions: PositionMap,
        media: Vec<DraftMedia>,
        date: Option<jiff::civil::Date>,
    ) {
        self.rank += 1;
        self.pending.push_back(Ok(DraftPost {
            label: self.rank.to_string(),
            id: None,
            text,
            media,
            platform: None,
            date,
            ignore: Vec::new(),
            positions,
        }));
    }
}

impl<R: Read> Iterator for CsvPosts<R> {
    type Item = Result<DraftPost, DraftError>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if let Some(result) = self.pending.pop_front() {
                return Some(result);
            }
            if self.finished {
                return None;
            }
            if !self.read_next() {
                self.finished = true;
            }
        }
    }
}

/// Recognises the layout from the first row, and whether that row is a
/// header to skip.
fn detect_layout(fields: &[&str]) -> (Layout, bool) {
    let column = |name: &str| {
        fields
            .iter()
            .position(|f| f.trim().eq_ignore_ascii_case(name))
    };
    if let Some(text) = column("text") {
        return (
            Layout::Buffer {
                text,
                image: column("image url"),
                time: column("posting time"),
            },
            true,
        );
    }
    // Some Hootsuite files start with a header of their own.
    let header = fields
        .first()
        .is_some_and(|f| f.trim().eq_ignore_ascii_case("date"));
    (Layout::Hootsuite, header)
}

/// Buffer refuses headers that do not spell its column names exactly.
fn header_problem(fields: &[&str], at: Position) -> Option<DraftError> {
    const BUFFER_COLUMNS: [&str; 4] = ["Text", "Image URL", "Tags", "Posting Time"];
    let misspelt: Vec<&str> = fields
        .iter()
        .map(|f| f.trim())
        .filter(|f| {
            BUFFER_COLUMNS
                .iter()
                .any(|c| c.eq_ignore_ascii_case(f) && c != f)
        })
        .collect();
    if misspelt.is_empty() || !fields.iter().any(|f| f.trim().eq_ignore_ascii_case("text")) {
        return None;
    }
    let list = misspelt.join(", ");
    Some(DraftError::new(
        Some(at),
        format!(
            "en-tête Buffer mal orthographié ({list}) : Buffer demande exactement Text, Image URL, Tags, Posting Time (majuscules comprises). Les publications sont tout de même vérifiées."
        ),
        format!(
            "misspelt Buffer header ({list}): Buffer requires exactly Text, Image URL, Tags, Posting Time (case included). The posts are checked anyway."
        ),
    ))
}

/// One record with its raw bytes, to map its fields to the file.
struct Record<'a> {
    parsed: &'a ByteRecord,
    /// The record as written, without the line breaks before it.
    raw: &'a [u8],
    /// File line of the first byte of `raw`.
    line: u64,
    /// Lines of `raw` (when it is UTF-8), to place its bytes.
    index: Option<LineIndex<'a>>,
}

/// Where a field's content starts in the raw record, and how it is written.
struct FieldSpan {
    /// Byte offset of the content (after the opening quote) in the raw record.
    start: usize,
    quoted: bool,
    /// File position of the content's first character.
    at: Position,
}

impl<'a> Record<'a> {
    fn new(parsed: &'a ByteRecord, raw: &'a [u8], mut line: u64) -> Self {
        // The reader's position may sit before the previous line break, or
        // blank lines; a UTF-8 byte order mark opens the file.
        let mut raw = raw.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(raw);
        while let Some((&b, rest)) = raw.split_first() {
            match b {
                b'\n' => line += 1,
                b'\r' => {}
                _ => break,
            }
            raw = rest;
        }
        let index = std::str::from_utf8(raw)
            .ok()
            .map(|text| LineIndex::starting_at(text, u32::try_from(line).unwrap_or(u32::MAX)));
        Record {
            parsed,
            raw,
            line,
            index,
        }
    }

    fn start(&self) -> Position {
        Position {
            line: u32::try_from(self.line).unwrap_or(u32::MAX),
            column: 1,
        }
    }

    /// The fields as text, or the position of the first invalid byte.
    fn fields(&self) -> Result<Vec<&'a str>, Position> {
        let mut fields = Vec::with_capacity(self.parsed.len());
        for field in self.parsed.iter() {
            match std::str::from_utf8(field) {
                Ok(text) => fields.push(text),
                Err(_) => {
                    let valid = std::str::from_utf8(self.raw)
                        .err()
                        .map_or(0, |e| e.valid_up_to());
                    let before = String::from_utf8_lossy(&self.raw[..valid]).into_owned();
                    return Err(super::position::advance(self.start(), &before));
                }
            }
        }
        Ok(fields)
    }

    /// Finds each field in the raw record, checking its quoting on the way.
    fn field_spans(&self) -> Result<Vec<FieldSpan>, DraftError> {
        let raw = self.raw;
        let at = |offset: usize| match &self.index {
            Some(index) => index.position(offset),
            None => self.start(),
        };
        let mut spans = Vec::with_capacity(self.parsed.len());
        let mut p = 0;
        for (n, value) in self.parsed.iter().enumerate() {
            if n > 0 {
                // The delimiter.
                p += 1;
            }
            if raw.get(p) == Some(&b'"') {
                let opening = p;
                p += 1;
                let start = p;
                // The value, with each quote written twice.
                for &b in value {
                    if raw.get(p) != Some(&b) {
                        return Err(quote_problem(at(opening), at(p.min(raw.len()))));
                    }
                    p += if b == b'"' { 2 } else { 1 };
                }
                if raw.get(p) != Some(&b'"') {
                    return Err(unclosed_quote(at(opening), self.line, raw));
                }
                p += 1;
                if !matches!(raw.get(p), None | Some(b',' | b'\r' | b'\n')) {
                    return Err(quote_problem(at(opening), at(p)));
                }
                spans.push(FieldSpan {
                    start,
                    quoted: true,
                    at: at(start),
                });
            } else {
                let start = p;
                if raw.get(p..p + value.len()) != Some(value) {
                    return Err(quote_problem(at(start), at(p.min(raw.len()))));
                }
                p += value.len();
                spans.push(FieldSpan {
                    start,
                    quoted: false,
                    at: at(start),
                });
            }
        }
        Ok(spans)
    }
}

impl FieldSpan {
    /// Appends the field's value to a post's text, recording where each piece
    /// is in the file (a doubled quote is one produced character).
    fn copy_into(
        &self,
        value: &str,
        text: &mut String,
        positions: &mut PositionMapBuilder,
        record: &Record,
    ) {
        self.copy_trimmed_into(value, 0, text, positions, record);
    }

    /// Like [`copy_into`](Self::copy_into) for `value`, which starts `lead`
    /// bytes into the field (leading spaces trimmed).
    fn copy_trimmed_into(
        &self,
        value: &str,
        lead: usize,
        text: &mut String,
        positions: &mut PositionMapBuilder,
        record: &Record,
    ) {
        let Some(index) = record.index.as_ref() else {
            positions.produced(text.len(), self.at);
            text.push_str(value);
            return;
        };
        let mut raw_offset = self.start + lead;
        if !self.quoted {
            positions.verbatim(text.len(), value, index.position(raw_offset));
            text.push_str(value);
            return;
        }
        let mut pieces = value.split('"').peekable();
        while let Some(piece) = pieces.next() {
            positions.verbatim(text.len(), piece, index.position(raw_offset));
            text.push_str(piece);
            raw_offset += piece.len();
            if pieces.peek().is_some() {
                positions.produced(text.len(), index.position(raw_offset));
                text.push('"');
                raw_offset += 2;
            }
        }
    }
}

fn quote_problem(opening: Position, at: Position) -> DraftError {
    let (line, column) = (at.line, at.column);
    let opened = opening.column;
    DraftError::new(
        Some(at),
        format!(
            "guillemets mal formés (champ ouvert colonne {opened}, problème ligne {line} colonne {column}) : dans un champ entre guillemets, écrivez chaque guillemet \" deux fois (\"\")."
        ),
        format!(
            "broken quoting (field opened at column {opened}, problem at line {line} column {column}): inside a quoted field, write each quote \" twice (\"\")."
        ),
    )
}

fn unclosed_quote(opening: Position, line: u64, raw: &[u8]) -> DraftError {
    let lines = memchr::memchr_iter(b'\n', raw).count() + 1;
    let column = opening.column;
    DraftError::new(
        Some(opening),
        format!(
            "guillemet jamais refermé (ligne {line}, colonne {column}) : la suite du fichier ({lines} lignes) a été lue comme un seul champ. Refermez le guillemet."
        ),
        format!(
            "quote never closed (line {line}, column {column}): the rest of the file ({lines} lines) was read as one field. Close the quote."
        ),
    )
}

/// Reads through to the CSV parser while keeping the bytes of the record
/// being parsed, so its raw form can be examined afterwards.
struct Tee<R> {
    inner: R,
    /// Bytes read and not yet released, starting at file offset `kept_from`.
    kept: Vec<u8>,
    kept_from: u64,
    /// Bytes at the start of `kept` that are no longer needed.
    consumed: usize,
}

impl<R> Tee<R> {
    /// The bytes from file offset `start` to `end`, releasing what precedes
    /// `end`.
    fn take(&mut self, start: u64, end: u64) -> Vec<u8> {
        let from = usize::try_from(start.saturating_sub(self.kept_from))
            .unwrap_or(usize::MAX)
            .min(self.kept.len());
        let to = usize::try_from(end.saturating_sub(self.kept_from))
            .unwrap_or(usize::MAX)
            .min(self.kept.len());
        let raw = self.kept[from..to.max(from)].to_vec();
        self.consumed = self.consumed.max(to);
        // Compact from time to time rather than on every record.
        if self.consumed > 64 * 1024 && self.consumed * 2 > self.kept.len() {
            self.kept.drain(..self.consumed);
            self.kept_from += self.consumed as u64;
            self.consumed = 0;
        }
        raw
    }
}

impl<R: Read> Read for Tee<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.kept.extend_from_slice(&buf[..n]);
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::drafts::DateOrder;

    fn read(source: &str) -> Vec<Result<DraftPost, DraftError>> {
        CsvPosts::new(source.as_bytes(), ReadOptions::default()).collect()
    }

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

    fn pos(line: u32, column: u32) -> Position {
        Position { line, column }
    }

    #[test]
    fn hootsuite_rows_append_the_link() {
        let source = "12/05/2026 10:00,Fête de la musique place du Marché #VilleExemple,https://www.ville-exemple.fr/fete\r\n\
                      13/05/2026 09:30,\"Travaux rue Victor-Hugo, « déviation » par la rue \"\"Haute\"\"\",\r\n";
        let posts = posts(source);
        assert_eq!(posts.len(), 2);
        assert_eq!(
            posts[0].text,
            "Fête de la musique place du Marché #VilleExemple https://www.ville-exemple.fr/fete"
        );
        assert_eq!(posts[0].date, Some(jiff::civil::date(2026, 5, 12)));
        assert_eq!(at(&posts[0], "#VilleExemple"), pos(1, 53));
        assert_eq!(at(&posts[0], "https"), pos(1, 67));
        assert_eq!(
            posts[1].text,
            "Travaux rue Victor-Hugo, « déviation » par la rue \"Haute\""
        );
        assert_eq!(posts[1].label, "2");
        assert_eq!(at(&posts[1], "Haute"), pos(2, 71));
    }

    #[test]
    fn buffer_files_are_recognised_by_their_header() {
        let source = "Text,Image URL,Tags,Posting Time\n\
                      \"Collecte des encombrants\nmardi #VilleExemple\",https://cdn.example/encombrants.jpg,voirie,2026-05-19 08:00\n\
                      Conseil municipal jeudi,,,\n";
        let posts = posts(source);
        assert_eq!(posts.len(), 2);
        assert_eq!(
            posts[0].text,
            "Collecte des encombrants\nmardi #VilleExemple"
        );
        assert_eq!(
            posts[0].media,
            vec![DraftMedia {
                file: "https://cdn.example/encombrants.jpg".into(),
                alt: None
            }]
        );
        assert_eq!(posts[0].date, Some(jiff::civil::date(2026, 5, 19)));
        assert_eq!(at(&posts[0], "#VilleExemple"), pos(3, 7));
        assert_eq!(posts[1].label, "2");
        assert_eq!(at(&posts[1], "jeudi"), pos(4, 19));
    }

    #[test]
    fn the_current_record_is_kept_as_written() {
        let mut posts = CsvPosts::new(
            "12/05/2026,Un,\r\n\r\n13/05/2026,\"Deux\nlignes\",\n".as_bytes(),
            ReadOptions::default(),
        );
        posts.next();
        assert_eq!(posts.current_source(), Some(("12/05/2026,Un,\r", 1)));
        posts.next();
        assert_eq!(
            posts.current_source(),
            Some(("13/05/2026,\"Deux\nlignes\",\n", 3))
        );
    }

    #[test]
    fn a_misspelt_buffer_header_is_reported_and_the_posts_checked() {
        let results = read("text,image url\nBonjour,\n");
        assert!(
            results[0]
                .as_ref()
                .is_err_and(|e| e.message.en.contains("text, image url"))
        );
        assert_eq!(results[1].as_ref().map(|p| p.text.as_str()), Ok("Bonjour"));
    }

    #[test]
    fn an_unclosed_quote_is_caught() {
        let source = "12/05/2026 10:00,Bon post,\n13/05/2026 10:00,\"Jamais refermé,\n14/05/2026 10:00,Perdu,\n";
        let results = read(source);
        assert_eq!(results.len(), 2);
        assert!(results[0].is_ok());
        let error = results[1].as_ref().expect_err("unclosed quote");
        assert_eq!(error.position, Some(pos(2, 18)));
        assert!(
            error.message.fr.contains("jamais refermé"),
            "{}",
            error.message.fr
        );
    }

    #[test]
    fn a_stray_quote_inside_a_quoted_field_is_caught() {
        let results =
            read("12/05/2026 10:00,\"Le \"marché\" ouvre\",\n13/05/2026 10:00,Suivant,\n");
        let error = results[0].as_ref().expect_err("stray quote");
        assert_eq!(error.position.map(|p| p.line), Some(1));
        assert_eq!(results[1].as_ref().map(|p| p.text.as_str()), Ok("Suivant"));
    }

    #[test]
    fn bad_rows_are_reported_and_the_others_read() {
        let source =
            "12/05/2026,Un,lien,en trop\n05/25/2026 10:00,Date américaine,\n14/05/2026,Bon,\n";
        let results = read(source);
        assert!(
            results[0]
                .as_ref()
                .is_err_and(|e| e.message.en.contains("4 column(s)"))
        );
        let date_error = results[1].as_ref().expect_err("date");
        assert!(date_error.message.fr.contains("--date-order mdy"));
        // The post is still checked, without a date.
        assert_eq!(
            results[2].as_ref().map(|p| (p.text.as_str(), p.date)),
            Ok(("Date américaine", None))
        );
        assert_eq!(results[3].as_ref().map(|p| p.label.as_str()), Ok("2"));

        let american = ReadOptions {
            date_order: DateOrder::MonthDayYear,
        };
        let results: Vec<_> =
            CsvPosts::new("05/25/2026 10:00,Date américaine,\n".as_bytes(), american).collect();
        assert_eq!(
            results[0].as_ref().map(|p| p.date),
            Ok(Some(jiff::civil::date(2026, 5, 25)))
        );
    }

    #[test]
    fn invalid_utf8_stops_the_file_with_its_line() {
        let mut bytes = b"12/05/2026,Bon post,\n13/05/2026,F".to_vec();
        bytes.push(0xEA); // "ê" in Windows-1252
        bytes.extend_from_slice(b"te,\n14/05/2026,Autre,\n");
        let results: Vec<_> = CsvPosts::new(&bytes[..], ReadOptions::default()).collect();
        assert_eq!(results.len(), 2);
        let error = results[1].as_ref().expect_err("not utf-8");
        assert_eq!(error.position, Some(pos(2, 13)));
    }

    #[test]
    fn a_byte_order_mark_and_blank_lines_do_not_shift_positions() {
        let posts = posts("\u{feff}12/05/2026,Premier #Tag,\n\n\n13/05/2026,Second #Tag,\n");
        assert_eq!(at(&posts[0], "#Tag"), pos(1, 20));
        assert_eq!(at(&posts[1], "#Tag"), pos(4, 19));
    }

    #[test]
    fn many_records_release_their_bytes() {
        let mut source = String::new();
        for i in 0..20_000 {
            source.push_str(&format!(
                "12/05/2026 10:00,Post numéro {i} #VilleExemple,https://www.ville-exemple.fr\n"
            ));
        }
        let mut posts = CsvPosts::new(source.as_bytes(), ReadOptions::default());
        let mut count = 0;
        for post in posts.by_ref() {
            let post = post.expect("valid row");
            count += 1;
            assert_eq!(at(&post, "#Ville").line, u32::try_from(count).unwrap());
        }
        assert_eq!(count, 20_000);
        let tee = posts.reader.get_ref();
        assert!(tee.kept.len() < 256 * 1024, "kept {} bytes", tee.kept.len());
    }
}
