//! GitHub Actions workflow commands: each finding becomes an annotation on
//! the pull request's diff.
//!
//! `::warning file=drafts/mai.md,line=12,col=5,endLine=12,endColumn=31,title=hashtag.too-many::message`
//!
//! Severities map to `error`, `warning` and `notice`. Values are escaped as
//! the runner expects (`%`, line breaks, and in properties `:` and `,`).
//! Input problems are annotated too; a plain summary line ends the output.

use std::io::{self, Write};

use super::{Diagnostic, InputProblem, Reporter, RuleInfo, Summary};
use crate::diagnostic::Severity;
use crate::locale::Lang;

pub struct GithubReporter<W: Write> {
    out: W,
    lang: Lang,
}

impl<W: Write> GithubReporter<W> {
    pub fn new(out: W, lang: Lang) -> Self {
        GithubReporter { out, lang }
    }
}

fn command(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "notice",
    }
}

/// Escapes the message part of a workflow command.
pub fn escape_data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a property value (`file=…`, `title=…`).
pub fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

impl<W: Write> Reporter for GithubReporter<W> {
    fn diagnostic(&mut self, d: &Diagnostic, _rule: &RuleInfo) -> io::Result<()> {
        let help = match self.lang {
            Lang::Fr => format!("Aide\u{a0}: {}", d.help),
            Lang::En => format!("Help: {}", d.help),
        };
        writeln!(
            self.out,
            "::{} file={},line={},col={},endLine={},endColumn={},title={}::{}",
            command(d.severity),
            escape_property(&d.file),
            d.line,
            d.column,
            d.end_line,
            d.end_column,
            escape_property(&d.rule),
            escape_data(&format!("{}\n{help}", d.message))
        )
    }

    fn input_problem(&mut self, problem: &InputProblem) -> io::Result<()> {
        let mut properties = format!("file={}", escape_property(&problem.file));
        if let Some(p) = problem.position {
            properties.push_str(&format!(",line={},col={}", p.line, p.column));
        }
        writeln!(
            self.out,
            "::{} {properties},title=twitterritorial::{}",
            command(problem.severity),
            escape_data(&problem.message)
        )
    }

    fn finish(&mut self, summary: &Summary) -> io::Result<()> {
        writeln!(
            self.out,
            "{}",
            super::human::summary_line(summary, self.lang)
        )?;
        self.out.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::drafts::Position;
    use crate::report::Context;

    #[test]
    fn findings_become_escaped_annotations() {
        let d = Diagnostic {
            rule: "length.limit".into(),
            category: "length".into(),
            severity: Severity::Error,
            message: "312 caractères sur 280 : retirez-en 32.\n100% sûr".into(),
            file: "brouillons/juin, été.md".into(),
            post: "2".into(),
            line: 4,
            column: 1,
            end_line: 6,
            end_column: 12,
            excerpt: String::new(),
            help: "https://h/fr/regles.html#length-limit".into(),
            fix: None,
            context: Context::default(),
        };
        let info = RuleInfo {
            id: d.rule.clone(),
            category: d.category.clone(),
            default_severity: Severity::Error,
            summary: String::new(),
            description: String::new(),
            help: String::new(),
        };
        let mut out = Vec::new();
        let mut reporter = GithubReporter::new(&mut out, Lang::En);
        reporter.diagnostic(&d, &info).unwrap();
        reporter
            .input_problem(&InputProblem {
                file: "a.csv".into(),
                position: Some(Position { line: 3, column: 1 }),
                message: "quote never closed".into(),
                severity: Severity::Error,
            })
            .unwrap();
        let text = String::from_utf8(out).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(
            lines[0],
            "::error file=brouillons/juin%2C été.md,line=4,col=1,endLine=6,endColumn=12,title=length.limit::\
             312 caractères sur 280 : retirez-en 32.%0A100%25 sûr%0AHelp: https://h/fr/regles.html#length-limit"
        );
        assert_eq!(
            lines[1],
            "::error file=a.csv,line=3,col=1,title=twitterritorial::quote never closed"
        );
    }

    #[test]
    fn infos_are_notices() {
        assert_eq!(command(Severity::Info), "notice");
        assert_eq!(escape_property("a:b,c"), "a%3Ab%2Cc");
    }
}
