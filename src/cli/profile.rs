//! `twitterritorial profile [FILE | ARCHIVE_DIR] [--online]`: is the
//! account's profile complete, clear and neutral? With `--online`, the
//! profile's website is followed (a `t.co` link is resolved) and audited
//! like `twitterritorial site`.

use super::CliError;
use super::config::load;
use super::site::{self as site_cli, Outcome};
use crate::diagnostic::{Finding, Severity};
use crate::drafts::{Position, PositionMap};
use crate::locale::Lang;
use crate::profile::{self, Profile, ProfileChecker};
use crate::report::{Diagnostic, OutputFormat, Reporter, RuleInfo, SourceLines, Summary, count_of};
use crate::rules::{RuleSet, help_url};
use crate::site::SiteRules;
use crate::site::audit::Accounts;
use crate::site::fetch::{Http, HttpOptions};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Duration;

/// Files tried, in order, when no profile is given.
const DEFAULT_FILES: &[&str] = &["profil.yaml", "profile.yaml", "profil.yml", "profile.yml"];

/// Vérifie le profil du compte : nom d’utilisateur, nom affiché, bio, site,
/// charte de modération, heures de réponse, images, neutralité.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Profil en YAML, ou dossier décompressé d’une archive X (qui contient
    /// data/account.js et data/profile.js). Par défaut : profil.yaml.
    #[arg(value_name = "FICHIER|DOSSIER")]
    pub input: Option<PathBuf>,

    /// Suit le lien du site (y compris un lien t.co) et vérifie aussi le
    /// site, comme `twitterritorial site` (accès au réseau).
    #[arg(long)]
    pub online: bool,

    /// Date du jour (AAAA-MM-JJ) pour les périodes électorales ; par défaut
    /// aujourd’hui.
    #[arg(long, value_name = "DATE")]
    pub today: Option<jiff::civil::Date>,

    /// Délai total d’une requête avec --online, en secondes.
    #[arg(long, value_name = "SECONDES", default_value = "20")]
    pub timeout: f64,

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

/// Reads a profile file or an archive folder. Errors name the file and, for
/// YAML, the line and column.
pub(crate) fn read_profile(input: &Path, lang: Lang) -> Result<Profile, CliError> {
    let fail = |e: profile::ProfileError| CliError(e.render(lang));
    if input.is_dir() {
        return profile::archive::read_dir(input).map_err(fail);
    }
    let name = input.display().to_string();
    let text = crate::config::read_text(input).map_err(|e| CliError(e.render(lang)))?;
    profile::model::from_yaml(&text, &name).map_err(fail)
}

fn find_default(lang: Lang) -> Result<PathBuf, CliError> {
    DEFAULT_FILES.iter().map(PathBuf::from).find(|p| p.is_file()).ok_or_else(|| {
        CliError(match lang {
            Lang::Fr => "aucun profil à vérifier\u{a0}: donnez un fichier de profil (YAML) ou le dossier d’une archive X, ou créez profil.yaml dans ce dossier".into(),
            Lang::En => "no profile to check: give a profile file (YAML) or an X archive folder, or create profil.yaml in this folder".into(),
        })
    })
}

pub fn run(args: Args) -> Result<ExitCode, CliError> {
    let setup = load(args.config.as_deref(), args.lang)?;
    let lang = setup.config.lang;
    let input = match &args.input {
        Some(p) => p.clone(),
        None => find_default(lang)?,
    };
    if !input.exists() {
        return Err(CliError(match lang {
            Lang::Fr => format!("{}\u{a0}: fichier ou dossier introuvable", input.display()),
            Lang::En => format!("{}: no such file or folder", input.display()),
        }));
    }
    let mut profile = read_profile(&input, lang)?;
    let checker =
        ProfileChecker::new(&setup.rules, &setup.config).map_err(|e| CliError(e.render(lang)))?;
    let today = args.today.unwrap_or_else(|| {
        jiff::Timestamp::now()
            .to_zoned_datetime(jiff::tz::TimeZone::system())
            .date()
    });

    let mut site: Option<Outcome> = None;
    if args.online {
        site = online(
            &mut profile,
            &checker,
            &setup.rules,
            &setup.config,
            args.timeout,
            lang,
        )?;
    }
    let findings = checker.check(&profile, today);
    report(
        &profile,
        &findings,
        site.as_ref(),
        &setup.rules,
        &setup.config,
        args.format,
        args.deny_warnings,
    )
}

/// `--online`: resolves a t.co website, then audits the site.
fn online(
    profile: &mut Profile,
    checker: &ProfileChecker,
    set: &RuleSet,
    config: &crate::config::Config,
    timeout: f64,
    lang: Lang,
) -> Result<Option<Outcome>, CliError> {
    let Some(website) = Profile::text(&profile.website)
        .map(str::trim)
        .map(str::to_string)
    else {
        return Ok(None);
    };
    let Ok(mut url) = site_cli::parse_site_url(&website) else {
        return Ok(None);
    };
    let timeout = Duration::from_secs_f64(timeout.clamp(0.1, 3600.0));
    let http = Http::new(HttpOptions {
        timeout,
        ..HttpOptions::default()
    })
    .map_err(CliError)?;
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| {
            CliError(format!(
                "impossible de démarrer le moteur réseau\u{a0}: {e}"
            ))
        })?;
    if url.host_str() == Some("t.co") {
        match runtime.block_on(http.resolve(&url)) {
            Ok(target) => {
                profile.website_resolved = Some(target.to_string());
                url = target;
            }
            Err(e) => {
                eprintln!(
                    "{}",
                    match lang {
                        Lang::Fr => format!(
                            "twitterritorial\u{a0}: le lien {url} n’a pas pu être suivi ({})",
                            crate::site::checks::failure_detail(&e.failure)
                        ),
                        Lang::En => format!(
                            "twitterritorial: the link {url} could not be followed ({})",
                            crate::site::checks::failure_detail(&e.failure)
                        ),
                    }
                );
                return Ok(None);
            }
        }
    }
    drop(runtime);
    let with_defaults = checker.with_defaults(profile);
    let accounts = Accounts::new(
        with_defaults.handle_text(),
        Profile::text(&with_defaults.mastodon),
        Profile::text(&with_defaults.bluesky),
    )
    .unwrap_or_default();
    let rules = SiteRules::new(set, config).map_err(|e| CliError(e.render(lang)))?;
    let name = Profile::text(&profile.display_name).map(str::to_string);
    site_cli::audit_one(url, accounts, name, http, rules).map(Some)
}

fn rule_info(set: &RuleSet, id: &str, lang: Lang, base: &str) -> RuleInfo {
    let rule = set.get(id);
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

fn diagnostics(
    profile: &Profile,
    findings: &[(usize, Finding)],
    set: &RuleSet,
    lang: Lang,
    base: &str,
) -> Vec<(Diagnostic, RuleInfo)> {
    let positions = PositionMap::verbatim(Position { line: 1, column: 1 });
    findings
        .iter()
        .map(|(source, f)| {
            let info = rule_info(set, &f.rule, lang, base);
            let (file, text) = profile
                .sources
                .get(*source)
                .map_or(("", ""), |s| (s.name.as_str(), s.text.as_str()));
            let lines = SourceLines::new(text, 1);
            let d = Diagnostic::new(
                f,
                &info.category,
                info.help.clone(),
                text,
                &positions,
                file,
                "",
                Some(&lines),
            );
            (d, info)
        })
        .collect()
}

fn report(
    profile: &Profile,
    findings: &[(usize, Finding)],
    site: Option<&Outcome>,
    set: &RuleSet,
    config: &crate::config::Config,
    format: OutputFormat,
    deny_warnings: bool,
) -> Result<ExitCode, CliError> {
    let lang = config.lang;
    let base = config.help_base_url.as_str();
    let mut summary = Summary {
        files: profile.sources.len() + usize::from(site.is_some()),
        ..Summary::default()
    };
    for f in findings
        .iter()
        .map(|(_, f)| f)
        .chain(site.iter().flat_map(|o| o.findings.iter()))
    {
        summary.count(f.severity);
    }
    let diagnostics = diagnostics(profile, findings, set, lang, base);
    let io = |e: std::io::Error| CliError(format!("écriture impossible\u{a0}: {e}"));
    let stdout = std::io::stdout();
    match format {
        OutputFormat::Human => {
            let mut out = anstream::AutoStream::auto(stdout.lock());
            {
                let mut reporter = crate::report::human::HumanReporter::new(&mut out, lang);
                for (d, info) in &diagnostics {
                    reporter.diagnostic(d, info).map_err(io)?;
                }
            }
            if let Some(outcome) = site {
                site_cli::write_human(&mut out, std::slice::from_ref(outcome), lang, base)
                    .map_err(io)?;
            }
            writeln!(out, "{}", summary_line(profile, &summary, lang)).map_err(io)?;
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
            for (d, info) in &diagnostics {
                reporter.diagnostic(d, info).map_err(io)?;
            }
            if let Some(outcome) = site {
                let positions = PositionMap::verbatim(Position { line: 1, column: 1 });
                for f in &outcome.findings {
                    let info = rule_info(set, &f.rule, lang, base);
                    let d = Diagnostic::new(
                        f,
                        &info.category,
                        info.help.clone(),
                        "",
                        &positions,
                        outcome.target.url.as_str(),
                        "",
                        None,
                    );
                    reporter.diagnostic(&d, &info).map_err(io)?;
                }
            }
            reporter.finish(&summary).map_err(io)?;
        }
    }
    Ok(site_cli::exit_code(&summary, deny_warnings))
}

/// `⚠ 0 erreur, 2 avertissements, 1 remarque — profil de @VilleExemple (profil.yaml).`
fn summary_line(profile: &Profile, s: &Summary, lang: Lang) -> String {
    let clean = s.errors == 0 && s.warnings == 0 && s.infos == 0;
    let symbol = if s.errors > 0 {
        "✖"
    } else if clean {
        "✔"
    } else {
        "⚠"
    };
    let counts = if clean {
        match lang {
            Lang::Fr => "Aucun problème".to_string(),
            Lang::En => "No problems".to_string(),
        }
    } else {
        let (e, w, i) = match lang {
            Lang::Fr => (
                ("erreur", "erreurs"),
                ("avertissement", "avertissements"),
                ("remarque", "remarques"),
            ),
            Lang::En => (
                ("error", "errors"),
                ("warning", "warnings"),
                ("note", "notes"),
            ),
        };
        format!(
            "{}, {}, {}",
            count_of(s.errors, e.0, e.1, lang),
            count_of(s.warnings, w.0, w.1, lang),
            count_of(s.infos, i.0, i.1, lang)
        )
    };
    let who = profile
        .handle_text()
        .map(|h| format!("@{h}"))
        .unwrap_or_default();
    let files: Vec<&str> = profile.sources.iter().map(|s| s.name.as_str()).collect();
    let line = match lang {
        Lang::Fr => format!("{symbol} {counts} — profil {who} ({}).", files.join(", ")),
        Lang::En => format!("{symbol} {counts} — profile {who} ({}).", files.join(", ")),
    };
    let line = line.replace("  ", " ");
    if lang == Lang::Fr {
        crate::drafts::typeset_french(&line)
    } else {
        line
    }
}
