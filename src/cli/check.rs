//! `twitterritorial check`: checks draft posts before they are published.
//!
//! Reads every path given (files, folders, `-` for standard input), checks
//! each post with the rules of the account's configuration, and reports in
//! the chosen format. The configuration is `--config FILE`, else the
//! `.twitterritorial.yaml` nearest above each checked file (so
//! `twitterritorial check examples/brouillons/` uses `examples/.twitterritorial.yaml`),
//! else the defaults.
//!
//! Exit codes: 0 nothing at the failure level (`--fail-on`, errors by
//! default), 1 at least one finding at that level, 2 a usage, configuration
//! or input error (the other files are still checked). An empty draft file
//! is only a warning. Output to a closed pipe (`| head`) ends quietly.

use std::borrow::Cow;
use std::cell::OnceCell;
use std::collections::HashMap;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::rc::Rc;

use crate::config::{self, Config, ConfigError, RuleSetting};
use crate::diagnostic::{Finding, Severity};
use crate::drafts::csv::{CsvPosts, MAX_RECORD_BYTES};
use crate::drafts::files::{self, Input, Source};
use crate::drafts::{self, DateOrder, DraftError, DraftPost, Format, ReadOptions, rule_matches};
use crate::lint::{Linter, Media, Post};
use crate::locale::Lang;
use crate::report::github::{GithubReporter, RunnerFiles};
use crate::report::human::HumanReporter;
use crate::report::json::JsonReporter;
use crate::report::sarif::SarifReporter;
use crate::report::{
    Diagnostic, InputProblem, OutputFormat, Reporter, RuleInfo, SourceLines, Summary, Tee,
};
use crate::rules::{self, RuleSet};
use crate::text::Platform;

use super::{CliError, EXIT_INPUT_ERROR};

/// Vérifie des brouillons de publications : hashtags, liens, longueur,
/// accessibilité, neutralité.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Codes de sortie : 0 rien à corriger, 1 au moins un problème du niveau --fail-on, \
                        2 erreur d’usage, de configuration ou de lecture."
)]
pub struct Args {
    /// Fichiers (.txt, .md, .yaml, .yml, .csv) ou dossiers à vérifier ;
    /// « - » pour l’entrée standard.
    #[arg(required = true, value_name = "CHEMIN")]
    pub paths: Vec<PathBuf>,

    /// Format du rapport.
    #[arg(long, value_enum, default_value_t = OutputFormat::Human)]
    pub format: OutputFormat,

    /// Plateforme des publications qui n’en indiquent pas (x, mastodon,
    /// bluesky) ; sinon, celles de la configuration.
    #[arg(long, value_parser = parse_platform, value_name = "PLATEFORME")]
    pub platform: Option<Platform>,

    /// Jour de référence (AAAA-MM-JJ) pour les publications sans date :
    /// périodes électorales, événements passés. Par défaut, aujourd’hui.
    #[arg(long, value_parser = parse_day, value_name = "AAAA-MM-JJ")]
    pub today: Option<jiff::civil::Date>,

    /// Langue des messages (fr, en) ; remplace celle de la configuration.
    #[arg(long, value_name = "LANGUE")]
    pub lang: Option<Lang>,

    /// Fichier de configuration ; par défaut, le .twitterritorial.yaml le
    /// plus proche au-dessus de chaque fichier vérifié.
    #[arg(long, value_name = "FICHIER")]
    pub config: Option<PathBuf>,

    /// Niveau minimal des problèmes affichés (info, warning, error).
    #[arg(long, default_value = "info", value_name = "NIVEAU")]
    pub min_severity: Severity,

    /// Niveau à partir duquel la vérification échoue (code 1).
    #[arg(long, default_value = "error", value_name = "NIVEAU")]
    pub fail_on: Severity,

    /// Échouer aussi sur les avertissements (comme --fail-on warning).
    #[arg(long)]
    pub deny_warnings: bool,

    /// Ne lancer que ces règles ou catégories (répétable, ou séparées par
    /// des virgules : --only hashtag,links.shortener).
    #[arg(long, value_delimiter = ',', value_name = "RÈGLE")]
    pub only: Vec<String>,

    /// Ne pas lancer ces règles ou catégories (répétable, ou séparées par
    /// des virgules).
    #[arg(long, value_delimiter = ',', value_name = "RÈGLE")]
    pub ignore: Vec<String>,

    /// Format de l’entrée standard (txt, md, yaml, csv).
    #[arg(long, default_value = "txt", value_name = "FORMAT")]
    pub stdin_format: Format,

    /// Ordre des dates à barres obliques des fichiers CSV : dmy
    /// (12/05/2026 = 12 mai) ou mdy (05/12/2026 = 12 mai).
    #[arg(long, default_value = "dmy", value_name = "ORDRE")]
    pub date_order: DateOrder,

    /// Écrire aussi un rapport SARIF 2.1.0 dans ce fichier (pour l’onglet
    /// « Code scanning » de GitHub), en plus du format choisi.
    #[arg(long, value_name = "FICHIER")]
    pub sarif: Option<PathBuf>,

    /// Couleurs du rapport : auto (seulement dans un terminal, sauf
    /// NO_COLOR), always, never.
    #[arg(long, value_enum, default_value_t = ColorWhen::Auto)]
    pub color: ColorWhen,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum ColorWhen {
    Auto,
    Always,
    Never,
}

fn parse_platform(s: &str) -> Result<Platform, String> {
    drafts::parse_platform(s)
        .ok_or_else(|| format!("plateforme inconnue « {s} » (x, mastodon ou bluesky)"))
}

fn parse_day(s: &str) -> Result<jiff::civil::Date, String> {
    s.parse::<jiff::civil::Date>()
        .map_err(|_| format!("date invalide « {s} » : écrivez AAAA-MM-JJ (2026-05-12)"))
}

pub fn run(args: Args) -> Result<ExitCode, CliError> {
    let today = args
        .today
        .unwrap_or_else(|| jiff::ZonedDateTime::now().date());
    let selection = Selection {
        only: args.only.clone(),
        ignore: args.ignore.clone(),
    };
    let mut contexts = Contexts::new(args.config.clone(), args.lang, selection);

    // The language of the report's own words: the flag, else the
    // configuration of the first path.
    let first_folder = args
        .paths
        .first()
        .map_or_else(|| PathBuf::from("."), |p| folder_of(p));
    let first = contexts
        .for_folder(&first_folder)
        .map_err(|e| config_failure(&e, args.lang))?;
    let lang = args.lang.unwrap_or(first.config.lang);
    check_selection(&args.only, &first.rules, lang)?;
    check_selection(&args.ignore, &first.rules, lang)?;

    // Inputs, skipping the folders of local rule packs.
    let mut config_error = None;
    let (inputs, path_problems) =
        files::collect(&args.paths, args.stdin_format, &mut |folder| match contexts
            .for_folder(folder)
        {
            Ok(context) => context.is_rules_folder(folder),
            Err(error) => {
                config_error.get_or_insert(error);
                true
            }
        });
    if let Some(error) = config_error {
        return Err(config_failure(&error, args.lang));
    }

    let cwd = std::env::current_dir().ok();
    let stdout = io::stdout();
    let color = match args.color {
        ColorWhen::Auto => anstream::AutoStream::choice(&stdout),
        ColorWhen::Always => anstream::ColorChoice::Always,
        ColorWhen::Never => anstream::ColorChoice::Never,
    };
    let out: Box<dyn Write> = Box::new(BufWriter::with_capacity(64 * 1024, stdout.lock()));
    let reporter: Box<dyn Reporter> = match args.format {
        OutputFormat::Human => Box::new(HumanReporter::new(
            anstream::AutoStream::new(out, color),
            lang,
        )),
        OutputFormat::Json => Box::new(JsonReporter::new(out)),
        OutputFormat::Sarif => Box::new(SarifReporter::new(out, cwd.as_deref())),
        OutputFormat::Github => Box::new(GithubReporter::with_runner(
            out,
            lang,
            RunnerFiles::from_env(),
        )),
    };
    let reporter = match &args.sarif {
        None => reporter,
        Some(path) => {
            let file = std::fs::File::create(path).map_err(|e| {
                CliError(match lang {
                    Lang::Fr => format!(
                        "impossible de créer le fichier SARIF {}\u{a0}: {e}",
                        path.display()
                    ),
                    Lang::En => format!("cannot create the SARIF file {}: {e}", path.display()),
                })
            })?;
            let sarif = SarifReporter::new(
                Box::new(BufWriter::new(file)) as Box<dyn Write>,
                cwd.as_deref(),
            );
            Box::new(Tee::new(vec![reporter, Box::new(sarif)]))
        }
    };
    let fail_level = if args.deny_warnings {
        args.fail_on.min(Severity::Warning)
    } else {
        args.fail_on
    };
    let mut run = Run {
        args: &args,
        today,
        lang,
        fail_level,
        reporter,
        summary: Summary::default(),
        failing: false,
        input_failed: false,
        findings: Vec::new(),
    };
    match run.all(&mut contexts, &inputs, path_problems) {
        Ok(()) => {}
        // The reader went away (`| head`): stop quietly.
        Err(error) if error.kind() == io::ErrorKind::BrokenPipe => {}
        Err(error) => {
            return Err(CliError(match lang {
                Lang::Fr => format!("écriture du rapport impossible\u{a0}: {error}"),
                Lang::En => format!("cannot write the report: {error}"),
            }));
        }
    }
    Ok(if run.input_failed {
        ExitCode::from(EXIT_INPUT_ERROR)
    } else if run.failing {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// The folder whose configuration applies to a path.
fn folder_of(path: &Path) -> PathBuf {
    if path.as_os_str() == "-" || path.is_dir() {
        return if path.as_os_str() == "-" {
            PathBuf::from(".")
        } else {
            path.to_path_buf()
        };
    }
    match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

fn config_failure(error: &ConfigError, lang: Option<Lang>) -> CliError {
    CliError(error.render(lang.unwrap_or_default()))
}

/// Refuses `--only`/`--ignore` names that are neither a rule nor a category.
fn check_selection(names: &[String], rules: &RuleSet, lang: Lang) -> Result<(), CliError> {
    for name in names {
        let known = name == "all"
            || rules
                .rules()
                .iter()
                .any(|r| r.id == *name || r.category == *name);
        if known {
            continue;
        }
        let hint = match rules.closest_id(name) {
            Some(close) => match lang {
                Lang::Fr => format!(" Vouliez-vous dire «\u{a0}{close}\u{a0}»\u{a0}?"),
                Lang::En => format!(" Did you mean \"{close}\"?"),
            },
            None => String::new(),
        };
        return Err(CliError(match lang {
            Lang::Fr => format!(
                "règle inconnue «\u{a0}{name}\u{a0}» (voir «\u{a0}twitterritorial rules\u{a0}»).{hint}"
            ),
            Lang::En => format!("unknown rule \"{name}\" (see \"twitterritorial rules\").{hint}"),
        }));
    }
    Ok(())
}

/// What checking needs for one configuration: the rules, compiled.
struct Context {
    config: Config,
    rules: RuleSet,
    linter: Linter,
    /// Folder of the configuration's local rule packs, made absolute.
    rules_folder: Option<PathBuf>,
    infos: HashMap<String, RuleInfo>,
}

impl Context {
    fn load(
        path: Option<&Path>,
        folder: &Path,
        lang: Option<Lang>,
        selection: &Selection,
    ) -> Result<Context, Box<ConfigError>> {
        let (mut config, path) = config::load(path, folder)?;
        if let Some(lang) = lang {
            config.set_lang_from_flag(lang, "--lang");
        }
        let rules = rules::load_for(&config, path.as_deref())?;
        let mut running = config.clone();
        for rule in rules.rules() {
            if !selection.runs(&rule.id) {
                running.rules.insert(rule.id.clone(), RuleSetting::Off);
            }
        }
        let linter = Linter::new(&rules, &running)?;
        let rules_folder = config.rules_dir.as_ref().map(|dir| {
            let base = path
                .as_deref()
                .and_then(Path::parent)
                .unwrap_or_else(|| Path::new("."));
            absolute(&base.join(dir))
        });
        let infos = rules
            .rules()
            .iter()
            .map(|rule| {
                let description = rule.description.get(config.lang).trim().to_string();
                let info = RuleInfo {
                    id: rule.id.clone(),
                    category: rule.category.clone(),
                    default_severity: rule.severity,
                    summary: first_sentence(&description),
                    description,
                    help: rules::help_url(&rule.id, config.lang, &config.help_base_url),
                };
                (rule.id.clone(), info)
            })
            .collect();
        Ok(Context {
            config,
            rules,
            linter,
            rules_folder,
            infos,
        })
    }

    fn is_rules_folder(&self, folder: &Path) -> bool {
        self.rules_folder
            .as_deref()
            .is_some_and(|rules| absolute(folder) == rules)
    }

    /// The description of a rule; a rule missing from the set (which the
    /// engine never reports) gets one made from the finding.
    fn info(&self, finding: &Finding) -> Cow<'_, RuleInfo> {
        match self.infos.get(&finding.rule) {
            Some(info) => Cow::Borrowed(info),
            None => Cow::Owned(RuleInfo {
                id: finding.rule.clone(),
                category: finding
                    .rule
                    .split('.')
                    .next()
                    .unwrap_or_default()
                    .to_string(),
                default_severity: finding.severity,
                summary: finding.rule.clone(),
                description: String::new(),
                help: rules::help_url(&finding.rule, self.config.lang, &self.config.help_base_url),
            }),
        }
    }
}

fn absolute(path: &Path) -> PathBuf {
    std::fs::canonicalize(path)
        .unwrap_or_else(|_| std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf()))
}

/// The first sentence of a description, for one-line summaries.
fn first_sentence(text: &str) -> String {
    let first_paragraph = text.split("\n\n").next().unwrap_or_default();
    let end = first_paragraph
        .find(". ")
        .map_or(first_paragraph.len(), |i| i + 1);
    first_paragraph[..end]
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Contexts by configuration file, loaded once each.
struct Contexts {
    explicit: Option<PathBuf>,
    lang: Option<Lang>,
    selection: Selection,
    by_file: HashMap<Option<PathBuf>, Rc<Context>>,
}

/// `--only` and `--ignore`: the rules left out are turned off before the
/// linter is built, so they are not run at all (leaving out the political
/// rules makes a large check about 30 % faster).
struct Selection {
    only: Vec<String>,
    ignore: Vec<String>,
}

impl Selection {
    fn runs(&self, rule: &str) -> bool {
        (self.only.is_empty() || self.only.iter().any(|p| rule_matches(rule, p)))
            && !self.ignore.iter().any(|p| rule_matches(rule, p))
    }
}

impl Contexts {
    fn new(explicit: Option<PathBuf>, lang: Option<Lang>, selection: Selection) -> Self {
        Contexts {
            explicit,
            lang,
            selection,
            by_file: HashMap::new(),
        }
    }

    fn for_folder(&mut self, folder: &Path) -> Result<Rc<Context>, Box<ConfigError>> {
        let file = match &self.explicit {
            Some(path) => Some(path.clone()),
            None => config::discover(folder),
        };
        if let Some(context) = self.by_file.get(&file) {
            return Ok(Rc::clone(context));
        }
        let context = Rc::new(Context::load(
            file.as_deref(),
            folder,
            self.lang,
            &self.selection,
        )?);
        self.by_file.insert(file, Rc::clone(&context));
        Ok(context)
    }
}

/// One run of the command: counts, failure state and the report.
struct Run<'a> {
    args: &'a Args,
    today: jiff::civil::Date,
    lang: Lang,
    fail_level: Severity,
    reporter: Box<dyn Reporter + 'a>,
    summary: Summary,
    failing: bool,
    input_failed: bool,
    /// Reused for every post.
    findings: Vec<Finding>,
}

impl Run<'_> {
    fn all(
        &mut self,
        contexts: &mut Contexts,
        inputs: &[Input],
        path_problems: Vec<files::PathProblem>,
    ) -> io::Result<()> {
        for problem in path_problems {
            self.problem(&problem.name, &problem.error, Severity::Error)?;
        }
        for input in inputs {
            let folder = match &input.source {
                Source::Stdin => PathBuf::from("."),
                Source::File(path) => folder_of(path),
            };
            let context = match contexts.for_folder(&folder) {
                Ok(context) => context,
                Err(error) => {
                    let message = error.render(self.lang);
                    self.problem(
                        &input.name,
                        &DraftError::new(None, message.clone(), message),
                        Severity::Error,
                    )?;
                    continue;
                }
            };
            self.input(input, &context)?;
        }
        let summary = self.summary;
        self.reporter.finish(&summary)
    }

    fn input(&mut self, input: &Input, context: &Context) -> io::Result<()> {
        let options = ReadOptions {
            date_order: self.args.date_order,
        };
        let mut posts = 0;
        if input.format == Format::Csv {
            let reader = match files::open_stream(input) {
                Ok(reader) => reader,
                Err(error) => return self.problem(&input.name, &error, Severity::Error),
            };
            self.summary.files += 1;
            let mut stream = CsvPosts::new(reader, options);
            while let Some(result) = stream.next() {
                posts += 1;
                match result {
                    Ok(post) => {
                        let lines = OnceCell::new();
                        self.post(input, context, post, stream.current_source(), &lines)?;
                    }
                    Err(error) => self.problem(&input.name, &error, Severity::Error)?,
                }
            }
        } else {
            let text = match files::read_text(input) {
                Ok(text) => text,
                Err(error) => return self.problem(&input.name, &error, Severity::Error),
            };
            self.summary.files += 1;
            let lines = OnceCell::new();
            for result in drafts::read_str(input.format, &text, options) {
                posts += 1;
                match result {
                    Ok(post) => self.post(input, context, post, Some((&text, 1)), &lines)?,
                    Err(error) => self.problem(&input.name, &error, Severity::Error)?,
                }
            }
        }
        if posts == 0 {
            let empty = DraftError::new(
                None,
                "fichier vide : aucune publication à vérifier (ignoré).",
                "empty file: no post to check (skipped).",
            );
            self.problem(&input.name, &empty, Severity::Warning)?;
        }
        Ok(())
    }

    fn post<'s>(
        &mut self,
        input: &Input,
        context: &Context,
        draft: DraftPost,
        source: Option<(&'s str, u32)>,
        lines: &OnceCell<SourceLines<'s>>,
    ) -> io::Result<()> {
        if draft.text.len() > MAX_RECORD_BYTES {
            let at = draft.positions.locate(&draft.text, 0);
            let size = draft.text.len() / 1024;
            let error = DraftError::new(
                Some(at),
                format!(
                    "publication {} de {size} Kio : aucune plateforme n’en accepte autant, elle n’est pas vérifiée.",
                    draft.label
                ),
                format!(
                    "post {} is {size} KiB long: no platform takes that much; it is not checked.",
                    draft.label
                ),
            );
            return self.problem(&input.name, &error, Severity::Error);
        }
        self.summary.posts += 1;
        let DraftPost {
            label,
            id,
            text,
            media,
            platform,
            date,
            ignore,
            positions,
        } = draft;
        let post = Post {
            text,
            media: media
                .into_iter()
                .map(|m| Media {
                    file: m.file,
                    alt: m.alt,
                })
                .collect(),
            platform: platform.or(self.args.platform),
            date,
            id,
            ignore,
        };
        let mut findings = std::mem::take(&mut self.findings);
        findings.clear();
        context
            .linter
            .check_post_into(&post, self.today, &mut findings);
        for finding in &findings {
            if !self.selected(finding, &post) {
                continue;
            }
            self.summary.count(finding.severity);
            if finding.severity >= self.fail_level {
                self.failing = true;
            }
            if finding.severity < self.args.min_severity {
                continue;
            }
            let lines = source
                .map(|(text, first_line)| lines.get_or_init(|| SourceLines::new(text, first_line)));
            let info = context.info(finding);
            let diagnostic = Diagnostic::new(
                finding,
                &info.category,
                info.help.clone(),
                &post.text,
                &positions,
                &input.name,
                &label,
                lines,
            );
            self.reporter.diagnostic(&diagnostic, &info)?;
        }
        self.findings = findings;
        Ok(())
    }

    /// Whether the post's own `ignore` lets a finding through (the rules
    /// `--only` and `--ignore` leave out are not run: see `Selection`).
    fn selected(&self, finding: &Finding, post: &Post) -> bool {
        !post.ignore.iter().any(|p| rule_matches(&finding.rule, p))
    }

    /// Reports an input problem on standard error and to the report.
    fn problem(&mut self, file: &str, error: &DraftError, severity: Severity) -> io::Result<()> {
        let problem = InputProblem {
            file: file.to_string(),
            position: error.position,
            message: error.message(self.lang).to_string(),
            severity,
        };
        // The findings before it first; standard error may be closed too,
        // the report goes on.
        self.reporter.flush()?;
        let _ = writeln!(io::stderr().lock(), "{}", problem.render(self.lang));
        if severity == Severity::Error {
            self.summary.input_errors += 1;
            self.input_failed = true;
        }
        self.reporter.input_problem(&problem)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_sentences_make_summaries() {
        assert_eq!(
            first_sentence("Trop de hashtags. Gardez-en deux.\n\nSuite."),
            "Trop de hashtags."
        );
        assert_eq!(first_sentence("Une ligne\nsur deux"), "Une ligne sur deux");
    }

    #[test]
    fn the_folder_of_a_path() {
        assert_eq!(folder_of(Path::new("-")), PathBuf::from("."));
        assert_eq!(folder_of(Path::new("mai.md")), PathBuf::from("."));
        assert_eq!(
            folder_of(Path::new("brouillons/mai.md")),
            PathBuf::from("brouillons")
        );
    }
}
