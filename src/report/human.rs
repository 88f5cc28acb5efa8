//! The report for people: each finding with the lines of the file it is in,
//! the problem underlined, the rule id, the message, the handbook link and
//! the fix when there is one; a summary line at the end.
//!
//! ```text
//! avertissement[hashtag.too-many]: 3 hashtags : gardez-en deux au plus, le hashtag officiel d’abord.
//!   --> brouillons/mai.md:12:20
//!    |
//! 12 | Fête de la musique #Un #Deux #Trois
//!    |                    ^^^^^^^^^^^^^^^^ publication 3
//!    |
//!    = aide : https://twitterritorial.github.io/twitterritorial/fr/regles.html#hashtag-too-many
//! ```
//!
//! Colours are written as ANSI codes; the command line wraps the output in
//! an `anstream` stream that keeps them only on a terminal and honours
//! `NO_COLOR` and `--color`.

use annotate_snippets::{AnnotationKind, Group, Level, Patch, Renderer, Snippet};
use anstyle::{AnsiColor, Style};
use std::io::{self, Write};

use super::{Diagnostic, Reporter, RuleInfo, Summary, count_of, severity_name};
use crate::diagnostic::Severity;
use crate::locale::Lang;

pub struct HumanReporter<W: Write> {
    out: W,
    lang: Lang,
    renderer: Renderer,
}

impl<W: Write> HumanReporter<W> {
    pub fn new(out: W, lang: Lang) -> Self {
        HumanReporter {
            out,
            lang,
            renderer: Renderer::styled(),
        }
    }

    fn render(&self, d: &Diagnostic) -> String {
        let lang = self.lang;
        let level = match d.severity {
            Severity::Error => Level::ERROR,
            Severity::Warning => Level::WARNING,
            Severity::Info => Level::NOTE,
        }
        .with_name(severity_name(d.severity, lang));
        let post_label = match lang {
            Lang::Fr => format!("publication {}", d.post),
            Lang::En => format!("post {}", d.post),
        };
        let help_name = match lang {
            // French puts a (narrow) no-break space before the colon.
            Lang::Fr => "aide\u{a0}",
            Lang::En => "help",
        };
        // Findings on a profile or a site belong to no post: no label.
        let annotation = AnnotationKind::Primary.span(d.context.span.clone());
        let annotation = if d.post.is_empty() {
            annotation
        } else {
            annotation.label(post_label)
        };
        let snippet = Snippet::source(d.context.lines.as_str())
            .line_start(usize::try_from(d.context.first_line).unwrap_or(1))
            .path(d.file.as_str())
            .annotation(annotation);
        let main = level
            .primary_title(d.message.as_str())
            .id(d.rule.as_str())
            .element(snippet)
            .element(Level::HELP.with_name(help_name).message(d.help.as_str()));
        let mut report = vec![main];
        if let Some(fix) = &d.fix {
            report.push(self.fix_group(d, fix));
        }
        self.renderer.render(&report)
    }

    /// The fix, shown as the corrected line when the excerpt is written in
    /// the file as the post reads it, else in words.
    fn fix_group<'a>(&self, d: &'a Diagnostic, fix: &'a str) -> Group<'a> {
        let (name, words) = match self.lang {
            Lang::Fr => (
                "correction\u{a0}",
                format!(
                    "remplacer «\u{a0}{}\u{a0}» par «\u{a0}{fix}\u{a0}»",
                    d.excerpt
                ),
            ),
            Lang::En => ("fix", format!("replace \"{}\" with \"{fix}\"", d.excerpt)),
        };
        let level = Level::HELP.with_name(name);
        if d.fix_fits_the_file() {
            let title = match self.lang {
                Lang::Fr => "remplacer par".to_string(),
                Lang::En => "replace with".to_string(),
            };
            Group::with_title(level.secondary_title(title)).element(
                Snippet::source(d.context.lines.as_str())
                    .line_start(usize::try_from(d.context.first_line).unwrap_or(1))
                    .path(d.file.as_str())
                    .patch(Patch::new(d.context.span.clone(), fix)),
            )
        } else {
            Group::with_title(level.secondary_title(words))
        }
    }
}

impl<W: Write> Reporter for HumanReporter<W> {
    fn diagnostic(&mut self, diagnostic: &Diagnostic, _rule: &RuleInfo) -> io::Result<()> {
        let rendered = self.render(diagnostic);
        writeln!(self.out, "{rendered}\n")
    }

    fn flush(&mut self) -> io::Result<()> {
        self.out.flush()
    }

    fn finish(&mut self, summary: &Summary) -> io::Result<()> {
        let line = summary_line(summary, self.lang);
        let style = if summary.errors > 0 || summary.input_errors > 0 {
            Style::new()
                .bold()
                .fg_color(Some(AnsiColor::BrightRed.into()))
        } else if summary.warnings > 0 {
            Style::new().bold().fg_color(Some(AnsiColor::Yellow.into()))
        } else {
            Style::new()
                .bold()
                .fg_color(Some(AnsiColor::BrightGreen.into()))
        };
        writeln!(self.out, "{style}{line}{style:#}")?;
        self.out.flush()
    }
}

/// `✖ 1 erreur, 2 avertissements, 0 remarque — 12 publications dans 3 fichiers.`
pub fn summary_line(s: &Summary, lang: Lang) -> String {
    let clean = s.errors == 0 && s.warnings == 0 && s.infos == 0;
    let symbol = if s.errors > 0 || s.input_errors > 0 {
        "✖"
    } else if clean {
        "✔"
    } else {
        "⚠"
    };
    let (posts, files) = match lang {
        Lang::Fr => (
            count_of(s.posts, "publication", "publications", lang),
            count_of(s.files, "fichier", "fichiers", lang),
        ),
        Lang::En => (
            count_of(s.posts, "post", "posts", lang),
            count_of(s.files, "file", "files", lang),
        ),
    };
    let checked = match lang {
        Lang::Fr => format!("{posts} dans {files}"),
        Lang::En => format!("{posts} in {files}"),
    };
    let counts = if clean {
        match lang {
            Lang::Fr => "Aucun problème".to_string(),
            Lang::En => "No problems".to_string(),
        }
    } else {
        match lang {
            Lang::Fr => format!(
                "{}, {}, {}",
                count_of(s.errors, "erreur", "erreurs", lang),
                count_of(s.warnings, "avertissement", "avertissements", lang),
                count_of(s.infos, "remarque", "remarques", lang)
            ),
            Lang::En => format!(
                "{}, {}, {}",
                count_of(s.errors, "error", "errors", lang),
                count_of(s.warnings, "warning", "warnings", lang),
                count_of(s.infos, "note", "notes", lang)
            ),
        }
    };
    let mut line = format!("{symbol} {counts} — {checked}.");
    if s.input_errors > 0 {
        let unread = match lang {
            Lang::Fr => format!(
                " {} de lecture : voir les messages plus haut.",
                count_of(s.input_errors, "problème", "problèmes", lang)
            ),
            Lang::En => format!(
                " {} reading the input: see the messages above.",
                count_of(s.input_errors, "problem", "problems", lang)
            ),
        };
        line.push_str(&unread);
    }
    match lang {
        Lang::Fr => crate::drafts::typeset_french(&line),
        Lang::En => line,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::Context;

    fn diagnostic(fix: Option<&str>) -> Diagnostic {
        Diagnostic {
            rule: "hashtag.official-spelling".into(),
            category: "hashtag".into(),
            severity: Severity::Warning,
            message: "« #villeexemple » : écrivez « #VilleExemple ».".into(),
            file: "brouillons/mai.md".into(),
            post: "3".into(),
            line: 12,
            column: 20,
            end_line: 12,
            end_column: 34,
            excerpt: "#villeexemple".into(),
            help: "https://twitterritorial.github.io/twitterritorial/fr/regles.html#hashtag-official-spelling".into(),
            fix: fix.map(str::to_string),
            context: Context { lines: "Fête de la musique #villeexemple !".into(), first_line: 12, span: 20..33 },
        }
    }

    fn info() -> RuleInfo {
        RuleInfo {
            id: "hashtag.official-spelling".into(),
            category: "hashtag".into(),
            default_severity: Severity::Warning,
            summary: String::new(),
            description: String::new(),
            help: String::new(),
        }
    }

    fn plain(d: &Diagnostic, lang: Lang) -> String {
        let mut out = Vec::new();
        {
            let stream = anstream::AutoStream::new(&mut out, anstream::ColorChoice::Never);
            let mut reporter = HumanReporter::new(stream, lang);
            reporter.diagnostic(d, &info()).unwrap();
        }
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn a_finding_shows_its_line_underlined_with_rule_and_help() {
        let text = plain(&diagnostic(None), Lang::Fr);
        assert!(
            text.starts_with("avertissement[hashtag.official-spelling]: « #villeexemple »"),
            "{text}"
        );
        assert!(text.contains("--> brouillons/mai.md:12:20"), "{text}");
        assert!(
            text.contains("12 | Fête de la musique #villeexemple !"),
            "{text}"
        );
        assert!(text.contains("^^^^^^^^^^^^^ publication 3"), "{text}");
        assert!(
            text.contains("= aide\u{a0}: https://twitterritorial.github.io/"),
            "{text}"
        );
        assert!(!text.contains('\u{1b}'), "no colour when not asked");
    }

    #[test]
    fn a_fix_is_shown_as_the_corrected_line() {
        let text = plain(&diagnostic(Some("#VilleExemple")), Lang::En);
        assert!(text.contains("fix: replace with"), "{text}");
        assert!(
            text.contains("12 + Fête de la musique #VilleExemple !"),
            "{text}"
        );
        assert!(text.contains("^^^^^^^^^^^^^ post 3"), "{text}");
    }

    #[test]
    fn colours_are_written_when_asked() {
        let mut out = Vec::new();
        {
            let stream = anstream::AutoStream::new(&mut out, anstream::ColorChoice::Always);
            let mut reporter = HumanReporter::new(stream, Lang::Fr);
            reporter.diagnostic(&diagnostic(None), &info()).unwrap();
        }
        assert!(String::from_utf8(out).unwrap().contains('\u{1b}'));
    }

    #[test]
    fn summary_lines_in_both_languages() {
        let mut s = Summary {
            files: 3,
            posts: 12,
            errors: 1,
            warnings: 2,
            infos: 0,
            input_errors: 0,
        };
        assert_eq!(
            summary_line(&s, Lang::Fr),
            "✖ 1 erreur, 2 avertissements, 0 remarque — 12 publications dans 3 fichiers."
        );
        assert_eq!(
            summary_line(&s, Lang::En),
            "✖ 1 error, 2 warnings, 0 notes — 12 posts in 3 files."
        );
        s = Summary {
            files: 1,
            posts: 1,
            ..Summary::default()
        };
        assert_eq!(
            summary_line(&s, Lang::Fr),
            "✔ Aucun problème — 1 publication dans 1 fichier."
        );
        s.input_errors = 2;
        assert_eq!(
            summary_line(&s, Lang::Fr),
            "✖ Aucun problème — 1 publication dans 1 fichier. 2 problèmes de lecture\u{a0}: voir les messages plus haut."
        );
        s = Summary {
            files: 2,
            posts: 5,
            warnings: 1,
            ..Summary::default()
        };
        assert_eq!(
            summary_line(&s, Lang::En),
            "⚠ 0 errors, 1 warning, 0 notes — 5 posts in 2 files."
        );
    }
}
