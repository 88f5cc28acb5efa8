//! Auditing an account's history from the archive X lets every account
//! download: how much it publishes, whether it talks with people or only
//! broadcasts, how much is automated, and what the draft rules would have
//! said about every past post.
//!
//! The core (reading `tweets.js` and CSV streams, the measures, the
//! reports) touches no file and builds for the browser; [`input`] (behind
//! the `cli` feature) finds the data files in a zip, a folder or a path.
//! See `docs/archive.md` for the measures and the JSON output.

pub mod account;
pub mod advice;
pub mod checks;
pub mod clock;
pub mod csv_export;
pub mod html;
pub mod human;
pub mod measures;
pub mod post;
pub mod sources;
mod svg;
pub mod tweets_js;
pub mod words;

#[cfg(feature = "cli")]
pub mod input;

use serde::Serialize;
use std::fmt;

/// What went wrong with one post or one file. The codes are part of the
/// JSON output.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ProblemKind {
    /// A post without a field the audit needs (`id_str`, `created_at`,
    /// `full_text`): skipped.
    MissingField,
    /// A field of the wrong type (a number where text is expected…):
    /// the post is skipped.
    WrongType,
    /// A date that is not in X's format: the post is skipped.
    BadDate,
    /// An id written as a JSON number instead of a string: read, reported.
    NumberNotString,
    /// The file is not X archive data (no `window.YTD.` prefix, another
    /// kind of data, a zip without `data/tweets.js`).
    NotArchiveData,
    /// The file ends in the middle: the audit stops.
    Truncated,
    /// The JSON or CSV itself is broken: the audit stops.
    Syntax,
    /// The file could not be read.
    Io,
}

impl ProblemKind {
    pub fn code(self) -> &'static str {
        match self {
            ProblemKind::MissingField => "missing-field",
            ProblemKind::WrongType => "wrong-type",
            ProblemKind::BadDate => "bad-date",
            ProblemKind::NumberNotString => "number-not-string",
            ProblemKind::NotArchiveData => "not-archive-data",
            ProblemKind::Truncated => "truncated",
            ProblemKind::Syntax => "syntax",
            ProblemKind::Io => "io",
        }
    }
}

/// A problem with one post: the post is skipped (`skipped`) or read with a
/// warning. Positions are in the data file (1-based, columns in bytes).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Problem {
    pub kind: ProblemKind,
    pub line: u64,
    pub column: u64,
    pub detail: String,
    pub skipped: bool,
}

/// A problem that stops reading a data file.
#[derive(Debug)]
pub struct SourceError {
    pub kind: ProblemKind,
    pub line: Option<u64>,
    pub column: Option<u64>,
    pub detail: String,
}

impl SourceError {
    pub fn at(kind: ProblemKind, line: u64, column: u64, detail: String) -> Self {
        SourceError {
            kind,
            line: Some(line),
            column: Some(column),
            detail,
        }
    }

    pub fn whole_file(kind: ProblemKind, detail: String) -> Self {
        SourceError {
            kind,
            line: None,
            column: None,
            detail,
        }
    }

    pub fn io(err: std::io::Error) -> Self {
        SourceError {
            kind: ProblemKind::Io,
            line: None,
            column: None,
            detail: err.to_string(),
        }
    }
}

impl fmt::Display for SourceError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.line, self.column) {
            (Some(line), Some(column)) => {
                write!(f, "line {line}, column {column}: {}", self.detail)
            }
            (Some(line), None) => write!(f, "line {line}: {}", self.detail),
            _ => f.write_str(&self.detail),
        }
    }
}

impl std::error::Error for SourceError {}
