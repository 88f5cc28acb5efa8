//! `twitterritorial rules`: the list of rules (with the configuration's
//! severities), and `rules explain ID`: a rule's description, examples and
//! handbook link.

use super::CliError;
use super::config::{Setup, load};
use crate::config::RuleSetting;
use crate::diagnostic::Severity;
use crate::locale::Lang;
use crate::rules::{Example, Rule};
use serde_json::json;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

/// Liste les règles, ou explique l’une d’elles.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(subcommand)]
    pub action: Option<Action>,

    /// Format de sortie.
    #[arg(long, value_enum, default_value_t = Format::Human, global = true)]
    pub format: Format,

    /// Fichier de configuration (gravités modifiées, règles locales).
    #[arg(long, value_name = "FICHIER", global = true)]
    pub config: Option<PathBuf>,

    /// Langue (fr, en) ; remplace celle de la configuration.
    #[arg(long, value_name = "LANGUE", global = true)]
    pub lang: Option<Lang>,
}

#[derive(Debug, clap::Subcommand)]
pub enum Action {
    /// Explique une règle : pourquoi elle compte, quoi faire, exemples et
    /// lien vers le guide.
    Explain {
        /// Identifiant de la règle, par exemple hashtag.too-many.
        #[arg(value_name = "RÈGLE")]
        id: String,
    },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Human,
    Json,
}

/// The severity as users read it.
pub(crate) fn severity_word(s: Severity, lang: Lang) -> &'static str {
    match (s, lang) {
        (Severity::Error, Lang::Fr) => "erreur",
        (Severity::Warning, Lang::Fr) => "avertissement",
        (Severity::Info, Lang::Fr) => "info",
        (Severity::Error, Lang::En) => "error",
        (Severity::Warning, Lang::En) => "warning",
        (Severity::Info, Lang::En) => "info",
    }
}

/// Severity in force for a rule: `None` when the configuration turns it off.
fn effective(setup: &Setup, rule: &Rule) -> Option<Severity> {
    match setup.config.rule_setting(&rule.id) {
        Some(RuleSetting::Off) => None,
        Some(RuleSetting::Severity(s)) => Some(s),
        None => Some(rule.severity),
    }
}

pub fn run(args: Args) -> Result<ExitCode, CliError> {
    let setup = load(args.config.as_deref(), args.lang)?;
    let text = match &args.action {
        None => match args.format {
            Format::Human => list_human(&setup),
            Format::Json => list_json(&setup),
        },
        Some(Action::Explain { id }) => {
            let lang = setup.config.lang;
            let Some(rule) = setup.rules.get(id) else {
                let hint = setup.rules.closest_id(id).map(|c| match lang {
                    Lang::Fr => format!(" Vouliez-vous dire «\u{a0}{c}\u{a0}»\u{a0}?"),
                    Lang::En => format!(" Did you mean \"{c}\"?"),
                });
                return Err(CliError(match lang {
                    Lang::Fr => format!(
                        "règle inconnue «\u{a0}{id}\u{a0}» (liste\u{a0}: `twitterritorial rules`).{}",
                        hint.unwrap_or_default()
                    ),
                    Lang::En => format!(
                        "unknown rule \"{id}\" (list: `twitterritorial rules`).{}",
                        hint.unwrap_or_default()
                    ),
                }));
            };
            match args.format {
                Format::Human => explain_human(&setup, rule),
                Format::Json => {
                    serde_json::to_string_pretty(&rule_json(&setup, rule, true)).unwrap_or_default()
                        + "\n"
                }
            }
        }
    };
    std::io::stdout()
        .lock()
        .write_all(text.as_bytes())
        .map_err(|e| CliError(format!("stdout: {e}")))?;
    Ok(ExitCode::SUCCESS)
}

fn list_human(setup: &Setup) -> String {
    let lang = setup.config.lang;
    let rules = setup.rules.rules();
    let id_width = rules.iter().map(|r| r.id.len()).max().unwrap_or(0);
    let sev_width = rules
        .iter()
        .map(|r| effective(setup, r).map_or(3, |s| severity_word(s, lang).chars().count()))
        .max()
        .unwrap_or(0);
    let mut out = String::new();
    let mut category = "";
    for rule in rules {
        if rule.category != category {
            if !category.is_empty() {
                out.push('\n');
            }
            category = &rule.category;
        }
        let sev = effective(setup, rule).map_or("off", |s| severity_word(s, lang));
        let changed = if effective(setup, rule) != Some(rule.severity) {
            "*"
        } else {
            " "
        };
        out.push_str(&format!(
            "{:<id_width$}  {sev:<sev_width$}{changed} {}\n",
            rule.id,
            rule.title(lang)
        ));
    }
    out.push_str(&match lang {
        Lang::Fr => format!(
            "\n{} règles. *\u{a0}: gravité changée par la configuration. Détails d’une règle\u{a0}: `twitterritorial rules explain ID`.\n",
            rules.len()
        ),
        Lang::En => format!("\n{} rules. *: severity changed by the configuration. Details of a rule: `twitterritorial rules explain ID`.\n", rules.len()),
    });
    out
}

fn example_json(ex: &Example) -> serde_json::Value {
    let mut v = json!({"text": ex.text});
    if let Some(p) = ex.platform {
        v["platform"] = json!(p.name());
    }
    if let Some(d) = ex.date {
        v["date"] = json!(d.to_string());
    }
    if !ex.media.is_empty() {
        v["media"] = json!(ex.media);
    }
    if let Some(p) = &ex.profile {
        v["profile"] = p.clone();
    }
    for (key, value) in [
        ("html", &ex.html),
        ("content_type", &ex.content_type),
        ("feed", &ex.feed),
    ] {
        if let Some(value) = value {
            v[key] = json!(value);
        }
    }
    v
}

fn rule_json(setup: &Setup, rule: &Rule, with_examples: bool) -> serde_json::Value {
    let lang = setup.config.lang;
    let sev = effective(setup, rule);
    let mut v = json!({
        "id": rule.id,
        "category": rule.category,
        "title": rule.title(lang),
        "severity": sev.map_or("off", Severity::as_str),
        "default_severity": rule.severity.as_str(),
        "enabled": sev.is_some(),
        "applies_to": rule.applies_to.as_str(),
        "kind": rule.check.kind,
        "message": rule.message.get(lang),
        "description": rule.description.get(lang),
        "help": rule.help_url(lang, &setup.config.help_base_url),
        "pack": rule.pack,
        "file": rule.origin.file,
        "line": rule.origin.line,
        "builtin": rule.origin.builtin,
    });
    if with_examples {
        v["params"] = serde_json::Value::Object(rule.check.params.clone());
        v["examples"] = json!({
            "trigger": rule.examples.trigger.iter().map(example_json).collect::<Vec<_>>(),
            "pass": rule.examples.pass.iter().map(example_json).collect::<Vec<_>>(),
        });
    }
    v
}

fn list_json(setup: &Setup) -> String {
    let doc = json!({
        "tool": "twitterritorial",
        "version": env!("CARGO_PKG_VERSION"),
        "lang": setup.config.lang.code(),
        "rules": setup.rules.rules().iter().map(|r| rule_json(setup, r, false)).collect::<Vec<_>>(),
    });
    serde_json::to_string_pretty(&doc).unwrap_or_default() + "\n"
}

/// Wraps a paragraph at about 78 columns for the terminal.
fn wrap(text: &str, indent: &str) -> String {
    let mut out = String::new();
    for (i, para) in text.split("\n\n").enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let mut line = String::from(indent);
        // Split on plain spaces only: no-break spaces hold French punctuation
        // to its word.
        for word in para.split([' ', '\n']).filter(|w| !w.is_empty()) {
            if line.chars().count() + word.chars().count() + 1 > 78 && !line.trim().is_empty() {
                out.push_str(line.trim_end());
                out.push('\n');
                line = String::from(indent);
            }
            line.push_str(word);
            line.push(' ');
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

fn example_line(ex: &Example, lang: Lang) -> String {
    let mut s = match (&ex.profile, &ex.html) {
        _ if !ex.text.is_empty() => ex.text.clone(),
        (Some(profile), _) => format!("profile: {profile}"),
        (None, Some(html)) => html.clone(),
        (None, None) => "(profil)".to_string(),
    };
    let mut extra = Vec::new();
    if let Some(p) = ex.platform {
        extra.push(p.name().to_string());
    }
    if let Some(d) = ex.date {
        extra.push(d.to_string());
    }
    for m in &ex.media {
        extra.push(match (&m.alt, lang) {
            (None, Lang::Fr) => format!("image {} sans description", m.file),
            (None, Lang::En) => format!("image {} without description", m.file),
            (Some(a), _) => format!("image {} «\u{a0}{a}\u{a0}»", m.file),
        });
    }
    if !extra.is_empty() {
        s.push_str(&format!("  [{}]", extra.join(", ")));
    }
    s
}

fn explain_human(setup: &Setup, rule: &Rule) -> String {
    let lang = setup.config.lang;
    let sev = effective(setup, rule);
    let sev_text = match sev {
        None => match lang {
            Lang::Fr => "désactivée par la configuration".to_string(),
            Lang::En => "turned off by the configuration".to_string(),
        },
        Some(s) if s != rule.severity => match lang {
            Lang::Fr => format!(
                "{} (par défaut\u{a0}: {})",
                severity_word(s, lang),
                severity_word(rule.severity, lang)
            ),
            Lang::En => format!(
                "{} (default: {})",
                severity_word(s, lang),
                severity_word(rule.severity, lang)
            ),
        },
        Some(s) => severity_word(s, lang).to_string(),
    };
    let mut out = format!("{} — {}\n", rule.id, rule.title(lang));
    out.push_str(&match lang {
        Lang::Fr => format!(
            "Catégorie\u{a0}: {} · gravité\u{a0}: {sev_text} · vérification\u{a0}: {} · {}:{}\n\n",
            rule.category, rule.check.kind, rule.origin.file, rule.origin.line
        ),
        Lang::En => format!(
            "Category: {} · severity: {sev_text} · check: {} · {}:{}\n\n",
            rule.category, rule.check.kind, rule.origin.file, rule.origin.line
        ),
    });
    out.push_str(&wrap(rule.description.get(lang), ""));
    let (trig, pass) = match lang {
        Lang::Fr => ("Exemples signalés\u{a0}:", "Exemples acceptés\u{a0}:"),
        Lang::En => ("Examples reported:", "Examples accepted:"),
    };
    for (title, mark, list) in [
        (trig, "✗", &rule.examples.trigger),
        (pass, "✓", &rule.examples.pass),
    ] {
        if list.is_empty() {
            continue;
        }
        out.push_str(&format!("\n{title}\n"));
        for ex in list {
            out.push_str(&format!("  {mark} {}\n", example_line(ex, lang)));
        }
    }
    out.push_str(&match lang {
        Lang::Fr => format!(
            "\nDans le guide\u{a0}: {}\n",
            rule.help_url(lang, &setup.config.help_base_url)
        ),
        Lang::En => format!(
            "\nIn the handbook: {}\n",
            rule.help_url(lang, &setup.config.help_base_url)
        ),
    });
    out
}
