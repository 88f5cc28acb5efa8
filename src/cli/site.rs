//! `twitterritorial site URL` and `site --list FILE`: does the website
//! promote the account? One result per site; `--list` audits many sites at
//! once (a département auditing its communes).

use super::CliError;
use super::config::{Setup, load};
use crate::config::Config;
use crate::diagnostic::{Finding, Severity};
use crate::drafts::{Position, PositionMap};
use crate::locale::Lang;
use crate::report::{
    Diagnostic, InputProblem, OutputFormat, Reporter, RuleInfo, Summary, count_of, severity_name,
};
use crate::rules::help_url;
use crate::site::audit::{self, Accounts, AuditOptions, SiteAudit};
use crate::site::fetch::{Http, HttpOptions};
use crate::site::{SiteRules, accounts_of};
use futures_util::StreamExt;
use reqwest::Url;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;

/// Vérifie que le site de la collectivité fait connaître son compte : lien
/// vers le compte, boutons de partage, publications intégrées, flux RSS,
/// lien rel="me" pour Mastodon.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Adresse de la page d’accueil du site (https://www.ville-exemple.fr).
    #[arg(
        value_name = "URL",
        required_unless_present = "list",
        conflicts_with = "list"
    )]
    pub url: Option<String>,

    /// Compte X attendu (@VilleExemple) ; remplace celui de la configuration.
    #[arg(long, value_name = "@COMPTE")]
    pub handle: Option<String>,

    /// Fichier CSV de sites à vérifier : nom, adresse, compte (une ligne par
    /// site, ligne d’en-tête facultative).
    #[arg(long, value_name = "FICHIER")]
    pub list: Option<PathBuf>,

    /// Nombre de sites vérifiés en même temps (avec --list).
    #[arg(long, value_name = "N", default_value_t = 16, value_parser = clap::value_parser!(u16).range(1..=512))]
    pub concurrency: u16,

    /// Délai total d’une requête, en secondes.
    #[arg(long, value_name = "SECONDES", default_value = "20", value_parser = parse_seconds)]
    pub timeout: Duration,

    /// Délai d’établissement de la connexion, en secondes.
    #[arg(long, value_name = "SECONDES", default_value = "10", value_parser = parse_seconds)]
    pub connect_timeout: Duration,

    /// Taille maximale lue par page (octets ; suffixes k, M acceptés).
    #[arg(long, value_name = "OCTETS", default_value = "5M", value_parser = parse_bytes)]
    pub max_bytes: u64,

    /// Pages lues au plus au-delà de la page d’accueil.
    #[arg(long, value_name = "N", default_value_t = 5)]
    pub max_pages: usize,

    /// Attente avant la première nouvelle tentative (429, 5xx, connexion
    /// coupée), en secondes ; doublée à chaque tentative, trois au plus.
    #[arg(long, value_name = "SECONDES", default_value = "1", value_parser = parse_seconds)]
    pub retry_wait: Duration,

    /// Date du jour pour l’âge du flux (AAAA-MM-JJ) ; par défaut aujourd’hui.
    #[arg(long, value_name = "DATE")]
    pub today: Option<jiff::civil::Date>,

    /// Format de sortie.
    #[arg(long, value_enum, default_value_t = OutputFormat::Human)]
    pub format: OutputFormat,

    /// Code de sortie 1 dès le premier avertissement.
    #[arg(long)]
    pub deny_warnings: bool,

    /// Fichier de configuration ; par défaut, le .twitterritorial.yaml du
    /// dossier courant ou du plus proche dossier parent.
    #[arg(long, value_name = "FICHIER")]
    pub config: Option<PathBuf>,

    /// Langue des messages (fr, en) ; remplace celle de la configuration.
    #[arg(long, value_name = "LANGUE")]
    pub lang: Option<Lang>,
}

fn parse_seconds(s: &str) -> Result<Duration, String> {
    let v: f64 = s
        .trim()
        .replace(',', ".")
        .parse()
        .map_err(|_| format!("`{s}` n’est pas un nombre de secondes"))?;
    if !(v > 0.0 && v <= 3600.0) {
        return Err(format!("`{s}`\u{a0}: entre 0 et 3600 secondes"));
    }
    Ok(Duration::from_secs_f64(v))
}

fn parse_bytes(s: &str) -> Result<u64, String> {
    let t = s.trim();
    let (number, unit) = match t.find(|c: char| c.is_ascii_alphabetic()) {
        Some(i) => (&t[..i], t[i..].to_ascii_lowercase()),
        None => (t, String::new()),
    };
    let factor: u64 = match unit.as_str() {
        "" | "b" | "o" => 1,
        "k" | "kb" | "ko" => 1024,
        "m" | "mb" | "mo" => 1024 * 1024,
        _ => return Err(format!("`{s}`\u{a0}: unité inconnue (k ou M)")),
    };
    let n: u64 = number
        .trim()
        .parse()
        .map_err(|_| format!("`{s}` n’est pas une taille (5M, 500k, 1000000)"))?;
    n.checked_mul(factor)
        .filter(|b| *b > 0)
        .ok_or_else(|| format!("`{s}`\u{a0}: taille invalide"))
}

/// One site to audit.
#[derive(Clone, Debug)]
pub(crate) struct Target {
    pub name: Option<String>,
    pub url: Url,
    pub accounts: Accounts,
}

/// One site's result.
pub(crate) struct Outcome {
    pub target: Target,
    pub audit: SiteAudit,
    pub findings: Vec<Finding>,
}

/// An address as people write it: `ville.fr` means `https://ville.fr/`.
pub(crate) fn parse_site_url(s: &str) -> Result<Url, String> {
    let t = s.trim();
    if t.is_empty() {
        return Err("adresse vide".into());
    }
    // `mailto:x`, `ftp:x`: a scheme; `ville.fr:8080`: a host and a port.
    let scheme = t.split_once(':').filter(|(s, rest)| {
        !s.is_empty()
            && s.starts_with(|c: char| c.is_ascii_alphabetic())
            && s.chars()
                .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
            && !rest.starts_with(|c: char| c.is_ascii_digit())
    });
    let with_scheme = if scheme.is_some() {
        t.to_string()
    } else {
        format!("https://{t}")
    };
    let url = Url::parse(&with_scheme).map_err(|e| e.to_string())?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err(format!(
            "le protocole {} n’est pas pris en charge (http ou https)",
            url.scheme()
        ));
    }
    let host = url.host_str().unwrap_or_default();
    if host.is_empty()
        || (!host.contains('.')
            && host != "localhost"
            && url
                .host()
                .is_some_and(|h| matches!(h, url::Host::Domain(_))))
    {
        return Err(format!("«\u{a0}{host}\u{a0}» n’est pas un nom de domaine"));
    }
    Ok(url)
}

fn accounts_for(config: &Config, handle: Option<&str>) -> Result<Accounts, String> {
    let mut accounts = accounts_of(config)?;
    if let Some(h) = handle.map(str::trim).filter(|h| !h.is_empty()) {
        accounts.x = Accounts::new(Some(h), None, None)?.x;
    }
    Ok(accounts)
}

pub fn run(args: Args) -> Result<ExitCode, CliError> {
    let setup = load(args.config.as_deref(), args.lang)?;
    let lang = setup.config.lang;
    let rules =
        SiteRules::new(&setup.rules, &setup.config).map_err(|e| CliError(e.render(lang)))?;
    let mut problems: Vec<InputProblem> = Vec::new();
    let targets = match (&args.url, &args.list) {
        (Some(url), _) => {
            let url =
                parse_site_url(url).map_err(|e| CliError(invalid_url_message(url, &e, lang)))?;
            let accounts = accounts_for(&setup.config, args.handle.as_deref()).map_err(CliError)?;
            vec![Target {
                name: None,
                url,
                accounts,
            }]
        }
        (None, Some(list)) => read_list(list, &setup, args.handle.as_deref(), &mut problems)?,
        (None, None) => {
            return Err(CliError(
                "donnez l’adresse d’un site, ou --list FICHIER".into(),
            ));
        }
    };
    let http = Http::new(HttpOptions {
        connect_timeout: args.connect_timeout,
        timeout: args.timeout,
        max_bytes: args.max_bytes,
        retry_wait: args.retry_wait,
        ..HttpOptions::default()
    })
    .map_err(CliError)?;
    let now = match args.today {
        Some(day) => day
            .to_zoned_datetime(jiff::tz::TimeZone::UTC)
            .map(|z| z.timestamp())
            .unwrap_or_else(|_| jiff::Timestamp::now()),
        None => jiff::Timestamp::now(),
    };
    let options = AuditOptions {
        max_pages: args.max_pages,
        now,
        ..AuditOptions::default()
    };
    for p in &problems {
        eprintln!("{}", p.render(lang));
    }
    let progress = args.list.is_some() && std::io::stderr().is_terminal();
    let outcomes = audit_all(
        targets,
        http,
        rules.clone(),
        options,
        usize::from(args.concurrency),
        progress,
    )?;
    report(
        &outcomes,
        &rules,
        &setup,
        args.format,
        &problems,
        args.deny_warnings,
    )
}

pub(crate) fn invalid_url_message(url: &str, detail: &str, lang: Lang) -> String {
    match lang {
        Lang::Fr => format!(
            "«\u{a0}{url}\u{a0}» n’est pas une adresse web valable ({detail})\u{a0}: écrivez par exemple https://www.ville-exemple.fr"
        ),
        Lang::En => format!(
            "“{url}” is not a valid web address ({detail}): write for example https://www.ville-exemple.fr"
        ),
    }
}

/// Reads `name, URL, handle` lines. A bad line is an input problem (named
/// by file and line); the others are still audited.
fn read_list(
    path: &Path,
    setup: &Setup,
    handle: Option<&str>,
    problems: &mut Vec<InputProblem>,
) -> Result<Vec<Target>, CliError> {
    let lang = setup.config.lang;
    let shown = path.display().to_string();
    let text = crate::config::read_text(path).map_err(|e| CliError(e.render(lang)))?;
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .trim(csv::Trim::All)
        .comment(Some(b'#'))
        .from_reader(text.as_bytes());
    let mut targets = Vec::new();
    for (index, record) in reader.records().enumerate() {
        let line = u32::try_from(index + 1).unwrap_or(u32::MAX);
        let problem = |message: String| InputProblem {
            file: shown.clone(),
            position: None,
            message,
            severity: Severity::Error,
        };
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                let line = e
                    .position()
                    .map_or(line, |p| u32::try_from(p.line()).unwrap_or(line));
                let mut p = problem(match lang {
                    Lang::Fr => format!("ligne illisible\u{a0}: {e}"),
                    Lang::En => format!("unreadable line: {e}"),
                });
                p.position = Some(Position { line, column: 1 });
                problems.push(p);
                continue;
            }
        };
        let line = record
            .position()
            .map_or(line, |p| u32::try_from(p.line()).unwrap_or(line));
        let at = Some(Position { line, column: 1 });
        let name = record.get(0).unwrap_or_default().to_string();
        let address = record.get(1).unwrap_or_default().to_string();
        // A header line names its columns.
        if targets.is_empty()
            && problems.is_empty()
            && matches!(
                address.to_lowercase().as_str(),
                "url" | "adresse" | "site" | "site web" | "website"
            )
        {
            continue;
        }
        if record.iter().all(str::is_empty) {
            continue;
        }
        let url = match parse_site_url(&address) {
            Ok(url) => url,
            Err(detail) => {
                let mut p = problem(invalid_url_message(&address, &detail, lang));
                p.position = at;
                problems.push(p);
                continue;
            }
        };
        let row_handle = record.get(2).filter(|h| !h.is_empty());
        let accounts = match accounts_for(&setup.config, row_handle.or(handle)) {
            Ok(a) => a,
            Err(detail) => {
                let mut p = problem(detail);
                p.position = at;
                problems.push(p);
                continue;
            }
        };
        targets.push(Target {
            name: (!name.is_empty()).then_some(name),
            url,
            accounts,
        });
    }
    if targets.is_empty() && problems.is_empty() {
        return Err(CliError(match lang {
            Lang::Fr => format!(
                "{shown}\u{a0}: aucun site dans la liste (une ligne par site\u{a0}: nom, adresse, compte)"
            ),
            Lang::En => {
                format!("{shown}: no site in the list (one line per site: name, address, handle)")
            }
        }));
    }
    Ok(targets)
}

/// Audits every target, `concurrency` at a time, each on the runtime's
/// worker threads; results come back in the list's order.
pub(crate) fn audit_all(
    targets: Vec<Target>,
    http: Http,
    rules: SiteRules,
    options: AuditOptions,
    concurrency: usize,
    progress: bool,
) -> Result<Vec<Outcome>, CliError> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| {
            CliError(format!(
                "impossible de démarrer le moteur réseau\u{a0}: {e}"
            ))
        })?;
    let bar = progress.then(|| {
        let bar = indicatif::ProgressBar::with_draw_target(
            Some(targets.len() as u64),
            indicatif::ProgressDrawTarget::stderr(),
        );
        if let Ok(style) = indicatif::ProgressStyle::with_template(
            "{bar:40} {pos}/{len} sites  {elapsed_precise}  {wide_msg}",
        ) {
            bar.set_style(style);
        }
        bar
    });
    let http = Arc::new(http);
    let rules = Arc::new(rules);
    let options = Arc::new(options);
    let mut outcomes: Vec<Option<Outcome>> = (0..targets.len()).map(|_| None).collect();
    runtime.block_on(async {
        let tasks =
            futures_util::stream::iter(targets.into_iter().enumerate().map(|(index, target)| {
                let (http, rules, options) =
                    (Arc::clone(&http), Arc::clone(&rules), Arc::clone(&options));
                tokio::spawn(async move {
                    let audit = audit::audit(
                        &http,
                        &target.url,
                        &target.accounts,
                        &rules.markers,
                        &options,
                    )
                    .await;
                    let findings = rules.findings(&audit, &target.accounts);
                    (
                        index,
                        Outcome {
                            target,
                            audit,
                            findings,
                        },
                    )
                })
            }))
            .buffer_unordered(concurrency.max(1));
        futures_util::pin_mut!(tasks);
        while let Some(joined) = tasks.next().await {
            if let Ok((index, outcome)) = joined {
                if let Some(bar) = &bar {
                    bar.set_message(outcome.target.url.to_string());
                    bar.inc(1);
                }
                outcomes[index] = Some(outcome);
            }
        }
    });
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
    Ok(outcomes.into_iter().flatten().collect())
}

fn rule_info(rules: &SiteRules, id: &str, lang: Lang, base: &str) -> RuleInfo {
    let rule = rules.rules.get(id);
    RuleInfo {
        id: id.to_string(),
        category: rule.map_or_else(
            || id.split('.').next().unwrap_or_default().to_string(),
            |r| r.category.clone(),
        ),
        default_severity: rule.map_or(Severity::Warning, |r| r.severity),
        summary: rule.map_or_else(|| id.to_string(), |r| r.title(lang).to_string()),
        description: rule.map_or_else(String::new, |r| r.description.get(lang).to_string()),
        help: help_url(id, lang, base),
    }
}

/// A site finding as a diagnostic: the "file" is the site's address.
fn diagnostic(f: &Finding, outcome: &Outcome, info: &RuleInfo) -> Diagnostic {
    let positions = PositionMap::verbatim(Position { line: 1, column: 1 });
    let name = outcome.target.name.clone().unwrap_or_default();
    Diagnostic::new(
        f,
        &info.category,
        info.help.clone(),
        "",
        &positions,
        outcome.target.url.as_str(),
        &name,
        None,
    )
}

pub(crate) fn report(
    outcomes: &[Outcome],
    rules: &SiteRules,
    setup: &Setup,
    format: OutputFormat,
    problems: &[InputProblem],
    deny_warnings: bool,
) -> Result<ExitCode, CliError> {
    let lang = setup.config.lang;
    let base = setup.config.help_base_url.clone();
    let mut summary = Summary {
        files: outcomes.len(),
        input_errors: problems.len(),
        ..Summary::default()
    };
    for f in outcomes.iter().flat_map(|o| o.findings.iter()) {
        summary.count(f.severity);
    }
    let stdout = std::io::stdout();
    let io = |e: std::io::Error| CliError(format!("écriture impossible\u{a0}: {e}"));
    match format {
        OutputFormat::Human => {
            let mut out = anstream::AutoStream::auto(stdout.lock());
            write_human(&mut out, outcomes, lang, &base).map_err(io)?;
            writeln!(out, "{}", site_summary_line(&summary, lang)).map_err(io)?;
            out.flush().map_err(io)?;
        }
        _ => {
            let mut lock = stdout.lock();
            let cwd = std::env::current_dir().ok();
            let mut reporter: Box<dyn Reporter + '_> = match format {
                OutputFormat::Json => Box::new(crate::report::json::JsonReporter::new(&mut lock)),
                OutputFormat::Sarif => Box::new(crate::report::sarif::SarifReporter::new(
                    &mut lock,
                    cwd.as_deref(),
                )),
                _ => Box::new(crate::report::github::GithubReporter::new(&mut lock, lang)),
            };
            for problem in problems {
                reporter.input_problem(problem).map_err(io)?;
            }
            for outcome in outcomes {
                for f in &outcome.findings {
                    let info = rule_info(rules, &f.rule, lang, &base);
                    reporter
                        .diagnostic(&diagnostic(f, outcome, &info), &info)
                        .map_err(io)?;
                }
            }
            reporter.finish(&summary).map_err(io)?;
        }
    }
    Ok(exit_code(&summary, deny_warnings))
}

pub(crate) fn exit_code(summary: &Summary, deny_warnings: bool) -> ExitCode {
    if summary.input_errors > 0 {
        ExitCode::from(super::EXIT_INPUT_ERROR)
    } else if summary.errors > 0 || (deny_warnings && summary.warnings > 0) {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// The human report: one block per site, its findings, the pages read.
pub(crate) fn write_human(
    out: &mut dyn Write,
    outcomes: &[Outcome],
    lang: Lang,
    base: &str,
) -> std::io::Result<()> {
    use anstyle::{AnsiColor, Style};
    let bold = Style::new().bold();
    for outcome in outcomes {
        let title = match &outcome.target.name {
            Some(name) => format!("{name} — {}", outcome.target.url),
            None => outcome.target.url.to_string(),
        };
        writeln!(out, "{bold}{title}{bold:#}")?;
        for f in &outcome.findings {
            let color = match f.severity {
                Severity::Error => AnsiColor::BrightRed,
                Severity::Warning => AnsiColor::Yellow,
                Severity::Info => AnsiColor::Cyan,
            };
            let style = Style::new().bold().fg_color(Some(color.into()));
            let sep = if lang == Lang::Fr { "\u{a0}:" } else { ":" };
            writeln!(
                out,
                "  {style}{}[{}]{sep}{style:#} {}",
                severity_name(f.severity, lang),
                f.rule,
                f.message
            )?;
            let help = if lang == Lang::Fr {
                "aide\u{a0}:"
            } else {
                "help:"
            };
            writeln!(out, "    {help} {}", help_url(&f.rule, lang, base))?;
        }
        writeln!(out, "  {}", pages_line(&outcome.audit, lang))?;
        writeln!(out)?;
    }
    Ok(())
}

fn pages_line(audit: &SiteAudit, lang: Lang) -> String {
    let read: Vec<String> = audit.pages_read().map(|p| p.url.to_string()).collect();
    let retries = audit.retries();
    let mut line = match lang {
        Lang::Fr => format!(
            "{} lue{}",
            count_of(read.len(), "page", "pages", lang),
            if read.len() > 1 { "s" } else { "" }
        ),
        Lang::En => format!("{} read", count_of(read.len(), "page", "pages", lang)),
    };
    if !read.is_empty() {
        line.push_str(&format!("\u{a0}: {}", read.join(", ")));
        if lang == Lang::En {
            line = line.replace('\u{a0}', "");
        }
    }
    let robots = audit
        .skipped
        .iter()
        .filter(|s| s.why == audit::Skip::Robots)
        .count();
    if robots > 0 {
        line.push_str(&match lang {
            Lang::Fr => format!(
                "\u{a0}; {} écartée{} par robots.txt",
                count_of(robots, "page", "pages", lang),
                if robots > 1 { "s" } else { "" }
            ),
            Lang::En => format!(
                "; {} left out by robots.txt",
                count_of(robots, "page", "pages", lang)
            ),
        });
    }
    if retries > 0 {
        line.push_str(&match lang {
            Lang::Fr => format!(
                "\u{a0}; {}",
                count_of(
                    retries as usize,
                    "nouvelle tentative",
                    "nouvelles tentatives",
                    lang
                )
            ),
            Lang::En => format!("; {}", count_of(retries as usize, "retry", "retries", lang)),
        });
    }
    line.push('.');
    if lang == Lang::Fr {
        crate::drafts::typeset_french(&line)
    } else {
        line
    }
}

/// `⚠ 0 erreur, 2 avertissements, 1 remarque — 3 sites vérifiés.`
pub(crate) fn site_summary_line(s: &Summary, lang: Lang) -> String {
    let clean = s.errors == 0 && s.warnings == 0 && s.infos == 0;
    let symbol = if s.errors > 0 || s.input_errors > 0 {
        "✖"
    } else if clean {
        "✔"
    } else {
        "⚠"
    };
    let counts = match (clean, lang) {
        (true, Lang::Fr) => "Aucun problème".to_string(),
        (true, Lang::En) => "No problems".to_string(),
        (false, _) => format!(
            "{}, {}, {}",
            count_of(
                s.errors,
                severity_name(Severity::Error, lang),
                plural(Severity::Error, lang),
                lang
            ),
            count_of(
                s.warnings,
                severity_name(Severity::Warning, lang),
                plural(Severity::Warning, lang),
                lang
            ),
            count_of(
                s.infos,
                if lang == Lang::Fr { "remarque" } else { "note" },
                if lang == Lang::Fr {
                    "remarques"
                } else {
                    "notes"
                },
                lang
            ),
        ),
    };
    let sites = match lang {
        Lang::Fr => format!(
            "{} vérifié{}",
            count_of(s.files, "site", "sites", lang),
            if s.files > 1 { "s" } else { "" }
        ),
        Lang::En => format!("{} checked", count_of(s.files, "site", "sites", lang)),
    };
    let mut line = format!("{symbol} {counts} — {sites}.");
    if s.input_errors > 0 {
        line.push_str(&match lang {
            Lang::Fr => format!(
                " {} dans la liste\u{a0}: voir plus haut.",
                count_of(s.input_errors, "ligne écartée", "lignes écartées", lang)
            ),
            Lang::En => format!(
                " {} of the list left out: see above.",
                count_of(s.input_errors, "line", "lines", lang)
            ),
        });
    }
    if lang == Lang::Fr {
        crate::drafts::typeset_french(&line)
    } else {
        line
    }
}

fn plural(s: Severity, lang: Lang) -> &'static str {
    match (s, lang) {
        (Severity::Error, Lang::Fr) => "erreurs",
        (Severity::Warning, Lang::Fr) => "avertissements",
        (Severity::Info, Lang::Fr) => "remarques",
        (Severity::Error, Lang::En) => "errors",
        (Severity::Warning, Lang::En) => "warnings",
        (Severity::Info, Lang::En) => "notes",
    }
}

/// The site audit of one address, for `profile --online`.
pub(crate) fn audit_one(
    url: Url,
    accounts: Accounts,
    name: Option<String>,
    http: Http,
    rules: SiteRules,
) -> Result<Outcome, CliError> {
    let target = Target {
        name,
        url,
        accounts,
    };
    let mut outcomes = audit_all(vec![target], http, rules, AuditOptions::default(), 1, false)?;
    outcomes
        .pop()
        .ok_or_else(|| CliError("audit du site interrompu".into()))
}
