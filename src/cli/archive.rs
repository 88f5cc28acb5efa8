//! `twitterritorial archive PATH`: audit an account's history from the
//! archive X lets every account download.

use super::CliError;
use crate::archive::advice;
use crate::archive::checks::HistoryChecks;
use crate::archive::clock::{Day, paris_day};
use crate::archive::input::{ArchiveInput, InputError};
use crate::archive::measures::{Audit, AuditReport, AuditSettings};
use crate::archive::{ProblemKind, html, human};
use crate::lint::Linter;
use crate::locale::Lang;
use crate::political::{Calendar, Election};
use serde::Serialize;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// How many pieces of advice the reports put first.
const ADVICE_SHOWN: usize = 3;

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Un résumé à lire, avec les trois choses à changer d’abord.
    Human,
    /// Toutes les mesures, pour d’autres outils (voir docs/archive.md).
    Json,
    /// Une page autonome avec graphiques, à partager ou imprimer.
    Html,
}

/// Audite l’historique d’un compte à partir de l’archive que X envoie :
/// régularité, diffusion ou dialogue, automatisation, hashtags, liens, et
/// les règles de rédaction appliquées à chaque ancienne publication.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// L’archive : le .zip envoyé par X, son dossier décompressé, un fichier
    /// tweets.js (ses parties tweets-part1.js… sont lues aussi) ou un export
    /// CSV avec une ligne d’en-tête.
    pub path: PathBuf,
    /// Format du rapport.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    /// Écrit le rapport dans ce fichier au lieu de la sortie standard.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Date du jour utilisée (AAAA-MM-JJ), par défaut aujourd’hui.
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub today: Option<String>,
    /// Langue des messages : fr (par défaut) ou en.
    #[arg(long)]
    pub lang: Option<Lang>,
    /// Fichier de configuration du compte (sinon .twitterritorial.yaml
    /// cherché depuis le dossier courant vers le haut).
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Identifiant du compte (@MaVille), si l’archive ne contient pas account.js.
    #[arg(long)]
    pub handle: Option<String>,
    /// Numéro du compte (accountId), si l’archive ne contient pas account.js.
    #[arg(long, value_name = "ID")]
    pub account_id: Option<u64>,
    /// Hashtag officiel (répétable) : #MaVille.
    #[arg(long = "hashtag", value_name = "HASHTAG")]
    pub hashtags: Vec<String>,
    /// Site officiel : https://www.ma-ville.fr.
    #[arg(long, value_name = "URL")]
    pub website: Option<String>,
    /// Compte local à relayer (répétable, ou séparés par des virgules).
    #[arg(long = "local-account", value_name = "HANDLE", value_delimiter = ',')]
    pub local_accounts: Vec<String>,
    /// Fichier listant les comptes locaux, un par ligne (# pour un commentaire).
    #[arg(long, value_name = "FILE")]
    pub local_accounts_file: Option<PathBuf>,
    /// N’affiche pas la barre de progression.
    #[arg(long)]
    pub no_progress: bool,
}

fn today(arg: Option<&str>) -> Result<Day, CliError> {
    match arg {
        Some(text) => Day::parse(text).ok_or_else(|| {
            CliError(format!(
                "--today {text}: expected a date such as 2026-03-15 (YYYY-MM-DD)"
            ))
        }),
        None => {
            let now = std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map(|d| d.as_secs() as i64)
                .unwrap_or(0);
            Ok(crate::archive::clock::paris_day(now))
        }
    }
}

fn local_accounts(args: &Args) -> Result<Vec<String>, CliError> {
    let mut accounts: Vec<String> = args
        .local_accounts
        .iter()
        .map(|h| h.trim().to_string())
        .filter(|h| !h.is_empty())
        .collect();
    if let Some(file) = &args.local_accounts_file {
        let text = std::fs::read_to_string(file).map_err(|err| {
            CliError(format!(
                "{}: {err}: give a text file with one handle per line",
                file.display()
            ))
        })?;
        for (number, line) in text.lines().enumerate() {
            let handle = line.split('#').next().unwrap_or("").trim();
            if handle.is_empty() {
                continue;
            }
            let bare = handle.trim_start_matches('@');
            if bare.is_empty() || !bare.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
                return Err(CliError(format!(
                    "{}:{}:1: `{handle}` is not an X handle (letters, digits and _ only)",
                    file.display(),
                    number + 1
                )));
            }
            accounts.push(handle.to_string());
        }
    }
    Ok(accounts)
}

/// Settings from the configuration file, then the flags (which win).
fn settings(
    args: &Args,
    config: &crate::config::Config,
    today: Day,
) -> Result<AuditSettings, CliError> {
    let mut settings = AuditSettings {
        today: Some(today),
        ..AuditSettings::default()
    };
    let handle = args.handle.as_ref().or(config.account.handle.as_ref());
    settings.account.id = args.account_id;
    settings.account.handle = handle
        .map(|h| h.trim().trim_start_matches('@').to_string())
        .filter(|h| !h.is_empty());
    settings.display_name = config.account.name.clone();
    let hashtags = if args.hashtags.is_empty() {
        &config.account.hashtags
    } else {
        &args.hashtags
    };
    settings.official_hashtags = hashtags
        .iter()
        .map(|h| h.trim().trim_start_matches('#').to_string())
        .filter(|h| !h.is_empty())
        .collect();
    settings.website = args
        .website
        .clone()
        .or_else(|| config.account.website.clone());
    settings.local_accounts = local_accounts(args)?;
    Ok(settings)
}

/// The built-in election calendar with the configuration's elections.
fn calendar(config: &crate::config::Config) -> Calendar {
    let mut calendar = Calendar::builtin();
    for election in &config.elections {
        calendar.add(Election {
            name: election.name.clone(),
            date: election.date,
            second_round: election.second_round,
            source: None,
            provisional: false,
        });
    }
    calendar
}

/// The JSON document: the audit and the advice, under the tool's name.
#[derive(Serialize)]
struct JsonReport<'a> {
    tool: &'static str,
    version: &'static str,
    command: &'static str,
    lang: Lang,
    advice: &'a [advice::Advice],
    audit: &'a AuditReport,
}

pub fn run(args: Args) -> Result<ExitCode, CliError> {
    let setup = super::config::load(args.config.as_deref(), args.lang)?;
    let lang = setup.config.lang;
    let today = today(args.today.as_deref())?;
    let mut settings = settings(&args, &setup.config, today)?;
    let input = ArchiveInput::open(&args.path).map_err(|err| input_error(&err))?;
    input.complete_settings(&mut settings);
    let linter =
        Linter::new(&setup.rules, &setup.config).map_err(|err| CliError(err.render(lang)))?;
    let checks = HistoryChecks::new(linter, calendar(&setup.config), lang);
    settings.windows = checks.windows();

    let progress = progress_bar(&args, input.total_bytes());
    let mut audit = Audit::new(settings);
    // Reposts are someone else's words: see `archive::checks`.
    let check = |post: &crate::archive::post::Post<'_>| {
        checks.check(post, paris_day(post.created_at), post.is_repost())
    };
    let result = input.read_into(&mut audit, check, |bytes| {
        if let Some(bar) = &progress {
            bar.set_position(bytes);
        }
    });
    if let Some(bar) = &progress {
        bar.finish_and_clear();
    }
    result.map_err(|err| input_error(&err))?;
    let report = audit.finish();
    let advice = advice::first(&report, lang, &setup.config.help_base_url, ADVICE_SHOWN);

    let rendered = match args.format {
        Format::Human => human::render(&report, &advice, lang),
        Format::Html => html::render(&report, &advice, lang),
        Format::Json => {
            let document = JsonReport {
                tool: "twitterritorial",
                version: env!("CARGO_PKG_VERSION"),
                command: "archive",
                lang,
                advice: &advice,
                audit: &report,
            };
            let mut text = serde_json::to_string_pretty(&document)
                .map_err(|err| CliError(format!("JSON output: {err}")))?;
            text.push('\n');
            text
        }
    };
    match &args.output {
        Some(path) => write_atomically(path, rendered.as_bytes())?,
        None => {
            let mut stdout = std::io::stdout().lock();
            // A closed pipe (`| head`) is not an error of the audit.
            let _ = stdout
                .write_all(rendered.as_bytes())
                .and_then(|()| stdout.flush());
        }
    }
    Ok(if report.totals.posts_with_errors > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

fn progress_bar(args: &Args, total: u64) -> Option<indicatif::ProgressBar> {
    // Only on a terminal, and only when there is something long to read.
    if args.no_progress || !std::io::stderr().is_terminal() || total < 8 << 20 {
        return None;
    }
    let bar = indicatif::ProgressBar::new(total);
    if let Ok(style) = indicatif::ProgressStyle::with_template(
        "{spinner} {msg} [{bar:30}] {bytes}/{total_bytes} ({bytes_per_sec}, {eta})",
    ) {
        bar.set_style(style.progress_chars("=> "));
    }
    bar.set_message(match args.lang.unwrap_or_default() {
        Lang::Fr => "lecture de l’archive",
        Lang::En => "reading the archive",
    });
    Some(bar)
}

fn input_error(err: &InputError) -> CliError {
    let advice = match err.error.kind {
        ProblemKind::Truncated => {
            " — the file is cut short: download the archive again from X, or unzip it again"
        }
        ProblemKind::NotArchiveData => {
            " — give the .zip X sent, its unzipped folder, its data/tweets.js, or a CSV export with a header"
        }
        ProblemKind::Syntax => " — the file is damaged: download the archive again from X",
        _ => "",
    };
    CliError(format!("{err}{advice}"))
}

/// Writes the whole file next to its destination, then renames it: a
/// reader never sees half a report, and a failure leaves the old file.
fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), CliError> {
    let folder = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let fail = |err: &dyn std::fmt::Display| {
        CliError(format!(
            "{}: cannot write the report: {err}",
            path.display()
        ))
    };
    let mut file = tempfile::NamedTempFile::new_in(folder).map_err(|err| fail(&err))?;
    file.write_all(bytes).map_err(|err| fail(&err))?;
    // A temporary file is private (0600); a report is an ordinary file:
    // keep the permissions of the file it replaces, else rw-r--r--.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let permissions = std::fs::metadata(path)
            .map(|m| m.permissions())
            .unwrap_or_else(|_| std::fs::Permissions::from_mode(0o644));
        file.as_file()
            .set_permissions(permissions)
            .map_err(|err| fail(&err))?;
    }
    file.persist(path).map_err(|err| fail(&err.error))?;
    Ok(())
}
