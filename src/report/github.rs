//! GitHub Actions workflow commands: each finding becomes an annotation on
//! the pull request's diff.
//!
//! `::warning file=drafts/mai.md,line=12,col=5,endLine=12,endColumn=31,title=hashtag.too-many::message`
//!
//! Severities map to `error`, `warning` and `notice`. Values are escaped as
//! the runner expects (`%`, line breaks, and in properties `:` and `,`).
//! Input problems are annotated too; a plain summary line ends the output.
//!
//! On a runner, the reporter also appends a Markdown summary to the file
//! named by `GITHUB_STEP_SUMMARY` (shown on the run's page) and the counts to
//! `GITHUB_OUTPUT` (the action's `errors` and `warnings` outputs).

use std::collections::BTreeMap;
use std::fs::OpenOptions;
use std::io::{self, Write};
use std::path::PathBuf;

use super::{Diagnostic, InputProblem, Reporter, RuleInfo, Summary};
use crate::diagnostic::Severity;
use crate::locale::Lang;

pub struct GithubReporter<W: Write> {
    out: W,
    lang: Lang,
    runner: RunnerFiles,
    /// Findings per rule, for the step summary's table.
    per_rule: BTreeMap<String, RuleTally>,
}

/// The files a GitHub runner gives a step for its summary and outputs.
#[derive(Clone, Debug, Default)]
pub struct RunnerFiles {
    pub step_summary: Option<PathBuf>,
    pub output: Option<PathBuf>,
}

impl RunnerFiles {
    /// Reads `GITHUB_STEP_SUMMARY` and `GITHUB_OUTPUT`; empty values count as unset.
    pub fn from_env() -> RunnerFiles {
        let var = |name| {
            std::env::var_os(name)
                .filter(|v| !v.is_empty())
                .map(PathBuf::from)
        };
        RunnerFiles {
            step_summary: var("GITHUB_STEP_SUMMARY"),
            output: var("GITHUB_OUTPUT"),
        }
    }
}

#[derive(Debug, Default)]
struct RuleTally {
    severity: Option<Severity>,
    count: usize,
    help: String,
    first: String,
}

impl<W: Write> GithubReporter<W> {
    pub fn new(out: W, lang: Lang) -> Self {
        Self::with_runner(out, lang, RunnerFiles::default())
    }

    pub fn with_runner(out: W, lang: Lang, runner: RunnerFiles) -> Self {
        GithubReporter {
            out,
            lang,
            runner,
            per_rule: BTreeMap::new(),
        }
    }

    /// The Markdown shown on the run's summary page.
    fn step_summary(&self, summary: &Summary) -> String {
        let (title, rule, count, example, none) = match self.lang {
            Lang::Fr => (
                "Vérification des brouillons",
                "Règle",
                "Nombre",
                "Premier cas",
                "Aucun problème trouvé.",
            ),
            Lang::En => (
                "Draft check",
                "Rule",
                "Count",
                "First case",
                "No problem found.",
            ),
        };
        let mut md = format!(
            "## {title}\n\n{}\n\n",
            super::human::summary_line(summary, self.lang)
        );
        if self.per_rule.is_empty() {
            md.push_str(none);
            md.push('\n');
            return md;
        }
        md.push_str(&format!(
            "| {rule} | {count} | {example} |\n|---|---:|---|\n"
        ));
        for (id, tally) in &self.per_rule {
            let severity = tally.severity.map_or("", Severity::as_str);
            md.push_str(&format!(
                "| [`{id}`]({}) ({severity}) | {} | {} |\n",
                tally.help,
                tally.count,
                tally.first.replace('|', "\\|")
            ));
        }
        md
    }

    fn write_runner_files(&self, summary: &Summary) -> io::Result<()> {
        if let Some(path) = &self.runner.step_summary {
            append(path, &self.step_summary(summary))?;
        }
        if let Some(path) = &self.runner.output {
            append(
                path,
                &format!(
                    "errors={}\nwarnings={}\ninfos={}\n",
                    summary.errors, summary.warnings, summary.infos
                ),
            )?;
        }
        Ok(())
    }
}

fn append(path: &std::path::Path, text: &str) -> io::Result<()> {
    OpenOptions::new()
        .create(true)
        .append(true)
        .open(path)?
        .write_all(text.as_bytes())
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
        let tally = self.per_rule.entry(d.rule.clone()).or_default();
        tally.count += 1;
        tally.severity = tally.severity.max(Some(d.severity));
        if tally.first.is_empty() {
            tally.first = format!("`{}:{}` {}", d.file, d.line, d.message);
            tally.help = d.help.clone();
        }
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

    fn flush(&mut self) -> io::Result<()> {
        self.out.flush()
    }

    fn finish(&mut self, summary: &Summary) -> io::Result<()> {
        writeln!(
            self.out,
            "{}",
            super::human::summary_line(summary, self.lang)
        )?;
        self.out.flush()?;
        self.write_runner_files(summary)
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
