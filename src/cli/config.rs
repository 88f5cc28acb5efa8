//! `twitterritorial config`: the effective configuration and where each
//! value comes from (the file and its line, an option, or the default).
//! It also validates the file and the local rule packs: exit code 2 on an
//! error, with its file, line and column.

use super::CliError;
use crate::config::{self, Config, ConfigError, Origin, RuleSetting};
use crate::locale::Lang;
use crate::rules::{self, RuleSet};
use serde_json::json;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Affiche la configuration en vigueur et l’origine de chaque valeur.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Fichier de configuration ; par défaut, le .twitterritorial.yaml du
    /// dossier courant ou du plus proche dossier parent.
    #[arg(long, value_name = "FICHIER")]
    pub config: Option<PathBuf>,

    /// Langue des messages (fr, en) ; remplace celle de la configuration.
    #[arg(long, value_name = "LANGUE")]
    pub lang: Option<Lang>,

    /// Format de sortie.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Human,
    Json,
}

/// A loaded configuration with its rules, for the commands of this branch.
pub(crate) struct Setup {
    pub config: Config,
    pub path: Option<PathBuf>,
    pub rules: RuleSet,
}

/// Loads the configuration (`--config`, else found upward from the working
/// folder, else defaults), applies `--lang`, reads the local packs and
/// checks the rule ids. Errors come back in the user's language.
pub(crate) fn load(explicit: Option<&Path>, lang: Option<Lang>) -> Result<Setup, CliError> {
    let fail = |e: ConfigError| CliError(e.render(lang.unwrap_or_default()));
    let cwd = std::env::current_dir()
        .map_err(|e| CliError(format!("dossier courant illisible\u{a0}: {e}")))?;
    let (mut config, path) = config::load(explicit, &cwd).map_err(fail)?;
    if let Some(lang) = lang {
        config.set_lang_from_flag(lang, "--lang");
    }
    let rules = rules::load_for(&config, path.as_deref()).map_err(fail)?;
    Ok(Setup {
        config,
        path,
        rules,
    })
}

fn origin_text(origin: &Origin, lang: Lang) -> String {
    match (origin, lang) {
        (Origin::Default, Lang::Fr) => "valeur par défaut".into(),
        (Origin::Default, Lang::En) => "default".into(),
        (Origin::File { line, column }, Lang::Fr) => {
            format!("fichier, ligne {line}, colonne {column}")
        }
        (Origin::File { line, column }, Lang::En) => format!("file, line {line}, column {column}"),
        (Origin::Flag(flag), Lang::Fr) => format!("option {flag}"),
        (Origin::Flag(flag), Lang::En) => format!("option {flag}"),
    }
}

fn origin_json(origin: &Origin) -> serde_json::Value {
    match origin {
        Origin::Default => json!({"kind": "default"}),
        Origin::File { line, column } => json!({"kind": "file", "line": line, "column": column}),
        Origin::Flag(flag) => json!({"kind": "flag", "flag": flag}),
    }
}

/// Every effective value as (key, JSON value), in file order.
fn values(config: &Config) -> Vec<(String, serde_json::Value)> {
    let a = &config.account;
    let mut v = vec![
        ("lang".to_string(), json!(config.lang.code())),
        ("account.name".into(), json!(a.name)),
        ("account.handle".into(), json!(a.handle)),
        ("account.hashtags".into(), json!(a.hashtags)),
        ("account.website".into(), json!(a.website)),
        ("account.mastodon".into(), json!(a.mastodon)),
        ("account.bluesky".into(), json!(a.bluesky)),
        (
            "platforms".into(),
            json!(
                config
                    .platforms
                    .iter()
                    .map(|p| p.name())
                    .collect::<Vec<_>>()
            ),
        ),
    ];
    for (id, setting) in &config.rules {
        v.push((format!("rules.{id}"), json!(setting.as_str())));
    }
    v.push(("rules_dir".into(), json!(config.rules_dir)));
    v.push((
        "elections".into(),
        json!(
            config
                .elections
                .iter()
                .map(|e| json!({"name": e.name, "date": e.date.to_string(), "second_round": e.second_round.map(|d| d.to_string())}))
                .collect::<Vec<_>>()
        ),
    ));
    v.push(("help_base_url".into(), json!(config.help_base_url)));
    v
}

pub fn run(args: Args) -> Result<ExitCode, CliError> {
    let setup = load(args.config.as_deref(), args.lang)?;
    let config = &setup.config;
    let lang = config.lang;
    let active = setup
        .rules
        .rules()
        .iter()
        .filter(|r| config.rule_setting(&r.id) != Some(RuleSetting::Off))
        .count();
    let total = setup.rules.rules().len();
    let file = setup.path.as_ref().map(|p| p.display().to_string());
    let mut out = std::io::stdout().lock();
    let written = match args.format {
        Format::Json => {
            let values: Vec<_> = values(config)
                .into_iter()
                .map(|(key, value)| {
                    let origin = origin_json(&config.origin(&key));
                    json!({"key": key, "value": value, "origin": origin})
                })
                .collect();
            let doc = json!({
                "tool": "twitterritorial",
                "version": env!("CARGO_PKG_VERSION"),
                "file": file,
                "values": values,
                "rules": {"total": total, "active": active},
            });
            writeln!(
                out,
                "{}",
                serde_json::to_string_pretty(&doc).unwrap_or_default()
            )
        }
        Format::Human => {
            let mut text = String::new();
            text.push_str(&match (&file, lang) {
                (Some(f), Lang::Fr) => format!("Configuration\u{a0}: {f}\n\n"),
                (Some(f), Lang::En) => format!("Configuration: {f}\n\n"),
                (None, Lang::Fr) => "Aucun fichier .twitterritorial.yaml trouvé\u{a0}: valeurs par défaut (créez-en un avec `twitterritorial init`).\n\n".into(),
                (None, Lang::En) => "No .twitterritorial.yaml found: defaults (create one with `twitterritorial init`).\n\n".into(),
            });
            let vals = values(config);
            let width = vals
                .iter()
                .map(|(k, _)| k.chars().count())
                .max()
                .unwrap_or(0);
            for (key, value) in &vals {
                let shown = match value {
                    serde_json::Value::Null => "—".to_string(),
                    serde_json::Value::String(s) => s.clone(),
                    other => other.to_string(),
                };
                text.push_str(&format!(
                    "{key:<width$}  {shown}  ({})\n",
                    origin_text(&config.origin(key), lang)
                ));
            }
            text.push_str(&match lang {
                Lang::Fr => format!("\nRègles actives\u{a0}: {active} sur {total} (liste\u{a0}: `twitterritorial rules`).\n"),
                Lang::En => format!("\nActive rules: {active} of {total} (list: `twitterritorial rules`).\n"),
            });
            out.write_all(text.as_bytes())
        }
    };
    written.map_err(|e| CliError(format!("stdout: {e}")))?;
    Ok(ExitCode::SUCCESS)
}
