//! Reporting findings, shared by every command that reports them (`check`,
//! and `profile`, `site`, `archive`).
//!
//! A [`Diagnostic`] is a [`Finding`] placed in its file: line and column
//! (1-based, columns in characters, end exclusive), the post it belongs to,
//! the text it covers, the handbook link. Each output format has its module
//! (`human`, `json`, `sarif`, `github`) implementing [`Reporter`]; reporters
//! write as diagnostics come, so a file of a million posts is reported in
//! constant memory. The JSON shape is documented in `docs/output.md`.

use serde::Serialize;
use std::ops::Range;

use crate::diagnostic::{Finding, Severity};
use crate::drafts::position::floor_char_boundary;
use crate::drafts::{Position, PositionMap};
use crate::locale::Lang;

#[cfg(feature = "cli")]
pub mod github;
#[cfg(feature = "cli")]
pub mod human;
#[cfg(feature = "cli")]
pub mod json;
#[cfg(feature = "cli")]
pub mod sarif;

/// Longest excerpt kept in a diagnostic, in characters.
const EXCERPT_MAX_CHARS: usize = 200;

/// A finding placed in its file. Serialises to the stable JSON shape.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    /// Rule id, `category.name`.
    pub rule: String,
    pub category: String,
    pub severity: Severity,
    /// In the language of the run.
    pub message: String,
    /// Path of the file as given on the command line (or found below a
    /// folder given), `<stdin>` for standard input.
    pub file: String,
    /// The post's id when the format gives one, else its 1-based rank.
    pub post: String,
    pub line: u32,
    pub column: u32,
    pub end_line: u32,
    /// Column just after the last character (exclusive), like SARIF.
    pub end_column: u32,
    /// The text the finding covers (cut after 200 characters).
    pub excerpt: String,
    /// Handbook page that explains the rule.
    pub help: String,
    /// Replacement for the excerpt, when it is certain.
    pub fix: Option<String>,
    /// The lines of the post around the finding, for the human output.
    #[serde(skip)]
    pub context: Context,
}

/// Lines of a post's text around a finding, numbered as in the file.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Context {
    /// The lines (without their final line break).
    pub lines: String,
    /// File line of the first of them.
    pub first_line: u32,
    /// Byte range of the finding within `lines`.
    pub span: Range<usize>,
}

impl Diagnostic {
    /// Places `finding`, made on `text` (whose positions are `positions`), in
    /// `file`. `category` and `help` come from the rule. `source` holds the
    /// file's lines when the reader still has them, to show the excerpt as
    /// written; otherwise the post's own lines are shown.
    #[allow(clippy::too_many_arguments)]
    pub fn new(
        finding: &Finding,
        category: &str,
        help: String,
        text: &str,
        positions: &PositionMap,
        file: &str,
        post: &str,
        source: Option<&SourceLines>,
    ) -> Diagnostic {
        let start = floor_char_boundary(text, finding.span.start);
        let end = floor_char_boundary(text, finding.span.end.max(start));
        let Position { line, column } = positions.locate(text, start);
        let Position {
            line: end_line,
            column: end_column,
        } = positions.locate_end(text, start, end);
        let end_line = end_line.max(line);
        let end_column = if end_line > line {
            end_column
        } else {
            end_column.max(column)
        };
        let context = source
            .and_then(|s| s.context(line, column, end_line, end_column))
            .unwrap_or_else(|| post_context(text, start..end, line));
        Diagnostic {
            rule: finding.rule.clone(),
            category: category.to_string(),
            severity: finding.severity,
            message: finding.message.clone(),
            file: file.to_string(),
            post: post.to_string(),
            line,
            column,
            end_line,
            end_column,
            excerpt: excerpt(&text[start..end]),
            help,
            fix: finding.fix.clone(),
            context,
        }
    }
}

impl Diagnostic {
    /// Whether the excerpt is written in the file exactly as the post reads
    /// it, so the fix can be applied to the file at the diagnostic's place
    /// (not when the reader decoded escapes or undoubled quotes there).
    pub fn fix_fits_the_file(&self) -> bool {
        self.fix.is_some()
            && self.context.lines.get(self.context.span.clone()) == Some(self.excerpt.as_str())
    }
}

fn excerpt(covered: &str) -> String {
    match covered.char_indices().nth(EXCERPT_MAX_CHARS) {
        Some((cut, _)) => format!("{}…", &covered[..cut]),
        None => covered.to_string(),
    }
}

/// The lines of the post's text holding `span`, when the file's own lines
/// are not at hand.
fn post_context(text: &str, span: Range<usize>, line: u32) -> Context {
    let first = text[..span.start].rfind('\n').map_or(0, |i| i + 1);
    let last = text[span.end..]
        .find('\n')
        .map_or(text.len(), |i| span.end + i);
    let lines = text[first..last].trim_end_matches('\n');
    Context {
        lines: lines.to_string(),
        first_line: line,
        span: (span.start - first).min(lines.len())..(span.end - first).min(lines.len()),
    }
}

/// Lines of a file (all of it, or the lines of one CSV record), to show
/// excerpts as they are written.
#[derive(Clone, Debug)]
pub struct SourceLines<'a> {
    text: &'a str,
    first_line: u32,
    line_starts: Vec<usize>,
}

impl<'a> SourceLines<'a> {
    /// `text` holds whole lines of the file, the first being `first_line`.
    pub fn new(text: &'a str, first_line: u32) -> Self {
        let mut line_starts = vec![0];
        line_starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1));
        SourceLines {
            text,
            first_line,
            line_starts,
        }
    }

    /// The text of file line `line` (without its line break).
    fn line(&self, line: u32) -> Option<(usize, &'a str)> {
        let index = usize::try_from(line.checked_sub(self.first_line)?).ok()?;
        let start = *self.line_starts.get(index)?;
        let end = self
            .line_starts
            .get(index + 1)
            .map_or(self.text.len(), |&next| next - 1);
        let content = &self.text[start..end.max(start)];
        Some((start, content.strip_suffix('\r').unwrap_or(content)))
    }

    /// The lines from `line` to `end_line` with the byte range of the
    /// columns `column..end_column` in them.
    fn context(&self, line: u32, column: u32, end_line: u32, end_column: u32) -> Option<Context> {
        let (first_start, first) = self.line(line)?;
        let (last_start, last) = self.line(end_line)?;
        let lines_end = last_start + last.len();
        let lines = self.text.get(first_start..lines_end.max(first_start))?;
        let byte_of = |content: &str, column: u32| {
            let column = usize::try_from(column.saturating_sub(1)).unwrap_or(usize::MAX);
            content
                .char_indices()
                .nth(column)
                .map_or(content.len(), |(i, _)| i)
        };
        let start = byte_of(first, column);
        let end = (last_start - first_start) + byte_of(last, end_column);
        if lines.contains('\r') {
            // Windows line breaks inside a multi-line span: the post's own
            // lines read better.
            return None;
        }
        Some(Context {
            lines: lines.to_string(),
            first_line: line,
            span: start.min(lines.len())..end.max(start).min(lines.len()),
        })
    }
}

/// What a reporter knows about a rule: for SARIF's rule table and the
/// handbook links.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RuleInfo {
    pub id: String,
    pub category: String,
    pub default_severity: Severity,
    /// One-line summary in the language of the run.
    pub summary: String,
    /// Why it matters and what to do.
    pub description: String,
    pub help: String,
}

/// Counts of a run, in the JSON summary and the human last line.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Summary {
    /// Files read (wholly or partly).
    pub files: usize,
    /// Posts checked.
    pub posts: usize,
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
    /// Files or parts of files that could not be read (input errors).
    #[serde(skip)]
    pub input_errors: usize,
}

impl Summary {
    pub fn count(&mut self, severity: Severity) {
        match severity {
            Severity::Error => self.errors += 1,
            Severity::Warning => self.warnings += 1,
            Severity::Info => self.infos += 1,
        }
    }
}

/// Something that stopped a file, or part of it, from being checked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InputProblem {
    /// The file, as shown in diagnostics.
    pub file: String,
    pub position: Option<Position>,
    /// In the language of the run.
    pub message: String,
    /// `Error` makes the run fail with exit code 2; `Warning` is only shown.
    pub severity: Severity,
}

impl InputProblem {
    /// The one-line form printed on standard error:
    /// `file:line:column : erreur : message`.
    pub fn render(&self, lang: Lang) -> String {
        let place = match self.position {
            Some(p) => format!("{}:{}:{}", self.file, p.line, p.column),
            None => self.file.clone(),
        };
        let level = severity_name(self.severity, lang);
        match lang {
            Lang::Fr => format!("{place}\u{a0}: {level}\u{a0}: {}", self.message),
            Lang::En => format!("{place}: {level}: {}", self.message),
        }
    }
}

/// The name of a severity as shown to people.
pub fn severity_name(severity: Severity, lang: Lang) -> &'static str {
    match (severity, lang) {
        (Severity::Error, Lang::Fr) => "erreur",
        (Severity::Warning, Lang::Fr) => "avertissement",
        (Severity::Info, Lang::Fr) => "remarque",
        (Severity::Error, Lang::En) => "error",
        (Severity::Warning, Lang::En) => "warning",
        (Severity::Info, Lang::En) => "note",
    }
}

/// `1 erreur`, `0 erreur`, `2 erreurs`; `1 error`, `0 errors`, `2 errors`.
/// French treats 0 and 1 as singular.
pub fn count_of(n: usize, singular: &str, plural: &str, lang: Lang) -> String {
    let one = match lang {
        Lang::Fr => n <= 1,
        Lang::En => n == 1,
    };
    format!("{n} {}", if one { singular } else { plural })
}

/// The output formats of commands that report findings.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[cfg_attr(feature = "cli", derive(clap::ValueEnum))]
pub enum OutputFormat {
    /// Source excerpts with the problem underlined, for people.
    #[default]
    Human,
    /// One JSON document (shape in docs/output.md).
    Json,
    /// SARIF 2.1.0, for code-scanning tools.
    Sarif,
    /// GitHub Actions workflow commands that annotate a pull request.
    Github,
}

/// A destination for diagnostics in one format.
#[cfg(feature = "cli")]
pub trait Reporter {
    /// Reports one diagnostic; `rule` describes its rule.
    fn diagnostic(&mut self, diagnostic: &Diagnostic, rule: &RuleInfo) -> std::io::Result<()>;

    /// Notes an input problem. It is already printed on standard error;
    /// formats that can carry it (SARIF, GitHub) add it to their output.
    fn input_problem(&mut self, _problem: &InputProblem) -> std::io::Result<()> {
        Ok(())
    }

    /// Ends the report with the run's counts and flushes it.
    fn finish(&mut self, summary: &Summary) -> std::io::Result<()>;

    /// Writes out what is buffered, so that a message printed on standard
    /// error comes after the findings before it.
    fn flush(&mut self) -> std::io::Result<()>;
}

/// Sends one run to several reporters (the log format and a SARIF file).
#[cfg(feature = "cli")]
pub struct Tee {
    reporters: Vec<Box<dyn Reporter>>,
}

#[cfg(feature = "cli")]
impl Tee {
    pub fn new(reporters: Vec<Box<dyn Reporter>>) -> Tee {
        Tee { reporters }
    }
}

#[cfg(feature = "cli")]
impl Reporter for Tee {
    fn diagnostic(&mut self, diagnostic: &Diagnostic, rule: &RuleInfo) -> std::io::Result<()> {
        self.reporters
            .iter_mut()
            .try_for_each(|r| r.diagnostic(diagnostic, rule))
    }

    fn input_problem(&mut self, problem: &InputProblem) -> std::io::Result<()> {
        self.reporters
            .iter_mut()
            .try_for_each(|r| r.input_problem(problem))
    }

    fn finish(&mut self, summary: &Summary) -> std::io::Result<()> {
        self.reporters
            .iter_mut()
            .try_for_each(|r| r.finish(summary))
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.reporters.iter_mut().try_for_each(|r| r.flush())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn finding(span: Range<usize>) -> Finding {
        Finding {
            rule: "hashtag.too-many".into(),
            severity: Severity::Warning,
            span,
            message: "3 hashtags".into(),
            fix: None,
        }
    }

    #[test]
    fn a_finding_is_placed_in_its_file() {
        let text = "Fête de la musique\n#Un #Deux #Trois";
        let positions = PositionMap::verbatim(Position {
            line: 12,
            column: 5,
        });
        let start = text.find('#').unwrap();
        let d = Diagnostic::new(
            &finding(start..text.len()),
            "hashtag",
            "https://h".into(),
            text,
            &positions,
            "mai.txt",
            "3",
            None,
        );
        assert_eq!(
            (d.line, d.column, d.end_line, d.end_column),
            (13, 1, 13, 17)
        );
        assert_eq!(d.excerpt, "#Un #Deux #Trois");
        assert_eq!(d.context.lines, "#Un #Deux #Trois");
        assert_eq!(d.context.span, 0..16);
        assert_eq!(d.post, "3");
    }

    #[test]
    fn context_covers_every_line_of_the_span() {
        let text = "un\ndeux trois\nquatre\ncinq";
        let positions = PositionMap::verbatim(Position { line: 1, column: 1 });
        let start = text.find("trois").unwrap();
        let end = text.find("quatre").unwrap() + 3;
        let d = Diagnostic::new(
            &finding(start..end),
            "hashtag",
            String::new(),
            text,
            &positions,
            "f",
            "1",
            None,
        );
        assert_eq!(d.context.lines, "deux trois\nquatre");
        assert_eq!(d.context.first_line, 2);
        assert_eq!(&d.context.lines[d.context.span.clone()], "trois\nqua");
        assert_eq!((d.line, d.column, d.end_line, d.end_column), (2, 6, 3, 4));
    }

    #[test]
    fn the_file_lines_are_shown_when_at_hand() {
        // A CSV record: the post text starts at column 18 of line 4.
        let record = "12/05/2026 10:00,\"Fête #Un #Deux #Trois\r\nsuite\",\r\n";
        let text = "Fête #Un #Deux #Trois\nsuite";
        let positions = PositionMap::verbatim(Position {
            line: 4,
            column: 19,
        });
        let source = SourceLines::new(record, 4);
        let start = text.find('#').unwrap();
        let d = Diagnostic::new(
            &finding(start..start + 16),
            "hashtag",
            String::new(),
            text,
            &positions,
            "f",
            "1",
            Some(&source),
        );
        assert_eq!((d.line, d.column, d.end_line, d.end_column), (4, 24, 4, 40));
        assert_eq!(d.context.lines, "12/05/2026 10:00,\"Fête #Un #Deux #Trois");
        assert_eq!(&d.context.lines[d.context.span.clone()], "#Un #Deux #Trois");
        // Past the end of what the source holds: the post's own lines.
        let elsewhere = PositionMap::verbatim(Position {
            line: 40,
            column: 1,
        });
        let d = Diagnostic::new(
            &finding(0..4),
            "c",
            String::new(),
            text,
            &elsewhere,
            "f",
            "1",
            Some(&source),
        );
        assert_eq!(d.context.lines, "Fête #Un #Deux #Trois");
        assert_eq!(d.context.first_line, 40);
    }

    #[test]
    fn an_empty_span_and_a_long_excerpt() {
        let text = "x".repeat(300);
        let positions = PositionMap::verbatim(Position { line: 1, column: 1 });
        let d = Diagnostic::new(
            &finding(300..300),
            "c",
            String::new(),
            &text,
            &positions,
            "f",
            "1",
            None,
        );
        assert_eq!(
            (d.line, d.column, d.end_line, d.end_column),
            (1, 301, 1, 301)
        );
        assert_eq!(d.excerpt, "");
        let d = Diagnostic::new(
            &finding(0..300),
            "c",
            String::new(),
            &text,
            &positions,
            "f",
            "1",
            None,
        );
        assert_eq!(d.excerpt.chars().count(), 201);
        assert!(d.excerpt.ends_with('…'));
    }

    #[test]
    fn french_plurals_treat_zero_as_singular() {
        assert_eq!(count_of(0, "erreur", "erreurs", Lang::Fr), "0 erreur");
        assert_eq!(count_of(1, "erreur", "erreurs", Lang::Fr), "1 erreur");
        assert_eq!(count_of(2, "erreur", "erreurs", Lang::Fr), "2 erreurs");
        assert_eq!(count_of(0, "error", "errors", Lang::En), "0 errors");
        assert_eq!(count_of(1, "error", "errors", Lang::En), "1 error");
    }

    #[test]
    fn input_problems_read_well_in_both_languages() {
        let problem = InputProblem {
            file: "a.csv".into(),
            position: Some(Position { line: 3, column: 1 }),
            message: "guillemet jamais refermé".into(),
            severity: Severity::Error,
        };
        assert_eq!(
            problem.render(Lang::Fr),
            "a.csv:3:1\u{a0}: erreur\u{a0}: guillemet jamais refermé"
        );
        assert_eq!(
            problem.render(Lang::En),
            "a.csv:3:1: error: guillemet jamais refermé"
        );
    }
}
