//! `twitterritorial assess`: the self-assessment against the handbook's four
//! steps and best practices.
//!
//! Without `--answers`, asks the questions in the terminal and saves every
//! answer at once (atomically) to `--save FILE`, so Ctrl-C keeps what was
//! answered and a later run resumes. With `--answers FILE`, scores the file
//! without asking anything. Measured evidence (`--profile`, `--site`,
//! `--archive`, `--evidence`) wins over the declared answers.

mod measure;
pub mod questionnaire;
pub mod terminal;

use super::CliError;
use crate::assess::answers::Answers;
use crate::assess::evidence::{Evidence, merge};
use crate::assess::model::Model;
use crate::assess::render::{Format, render};
use crate::assess::score::assess;
use crate::locale::Lang;
use questionnaire::{Prompt, Prompter, Resume};
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// File the questionnaire saves to when `--save` is not given.
pub const DEFAULT_SAVE_FILE: &str = "auto-evaluation.yaml";

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Lit les réponses dans ce fichier, sans poser de questions.
    #[arg(long, value_name = "FICHIER", conflicts_with = "save")]
    pub answers: Option<PathBuf>,

    /// Enregistre les réponses dans ce fichier au fur et à mesure ; s’il
    /// existe, le questionnaire reprend ses réponses [défaut : auto-evaluation.yaml].
    #[arg(long, value_name = "FICHIER")]
    pub save: Option<PathBuf>,

    /// Langue des questions et du rapport : fr ou en [défaut : celle de la
    /// configuration, sinon fr].
    #[arg(long, value_name = "LANGUE")]
    pub lang: Option<Lang>,

    /// Format du rapport : human, json, markdown ou html.
    #[arg(long, default_value = "human", value_name = "FORMAT")]
    pub format: Format,

    /// Écrit le rapport dans ce fichier plutôt qu’à l’écran.
    #[arg(long, short, value_name = "FICHIER")]
    pub output: Option<PathBuf>,

    /// Profil du compte (fichier YAML ou dossier d’une archive X) : mesure
    /// le nom, la biographie, le lien du site, la charte, les horaires.
    #[arg(long, value_name = "FICHIER")]
    pub profile: Option<PathBuf>,

    /// Site de la collectivité : mesure le lien vers le compte, les boutons
    /// de partage, les publications intégrées, le flux RSS (lit quelques pages).
    #[arg(long, value_name = "URL")]
    pub site: Option<String>,

    /// Archive du compte (le .zip envoyé par X, son dossier, un tweets.js
    /// ou un export CSV) : mesure le rythme, les réponses, les relais,
    /// l’automatisation ; une mesure remplace la réponse déclarée.
    #[arg(long, value_name = "CHEMIN")]
    pub archive: Option<PathBuf>,

    /// Mesures déjà faites, en YAML ou JSON (voir docs/assessment.md) ;
    /// une mesure remplace la réponse déclarée.
    #[arg(long, value_name = "FICHIER")]
    pub evidence: Vec<PathBuf>,

    /// Fichier de configuration du compte (sinon .twitterritorial.yaml
    /// cherché depuis le dossier courant vers le haut).
    #[arg(long, value_name = "FICHIER")]
    pub config: Option<PathBuf>,

    /// Adresse du guide en ligne, pour les liens du rapport [défaut : celle
    /// de la configuration, sinon le guide publié].
    #[arg(long, value_name = "URL")]
    pub help_base_url: Option<String>,
}

fn tr(lang: Lang, fr: &'static str, en: &'static str) -> &'static str {
    match lang {
        Lang::Fr => fr,
        Lang::En => en,
    }
}

pub fn run(args: Args) -> Result<ExitCode, CliError> {
    let model = Model::builtin().map_err(|e| CliError(e.to_string()))?;
    let setup = super::config::load(args.config.as_deref(), args.lang)?;
    let lang = setup.config.lang;
    let handbook = args
        .help_base_url
        .clone()
        .unwrap_or_else(|| setup.config.help_base_url.clone());

    let mut evidence = Evidence::default();
    for path in &args.evidence {
        evidence.absorb(read_evidence(path, lang)?);
    }
    let mut handle = None;
    if let Some(path) = &args.profile {
        let (measured, profile_handle) = measure::profile(path, &setup, lang)?;
        evidence.absorb(measured);
        handle = profile_handle;
    }
    if let Some(address) = &args.site {
        evidence.absorb(measure::site(address, &setup, handle.as_deref(), lang)?);
    }
    if let Some(path) = &args.archive {
        evidence.absorb(measure::archive(path, &setup.config, lang)?);
    }

    let answers = match &args.answers {
        Some(path) => read_answers(path, &model, lang)?,
        None => interview(&model, &args, lang, &evidence)?,
    };
    let merged = merge(&model, &answers, &evidence);
    let report = assess(&model, &merged, lang, &handbook);
    let text = render(&report, args.format);
    match &args.output {
        Some(path) => {
            write_atomically(path, text.as_bytes()).map_err(|e| {
                CliError(format!(
                    "{}: {} ({e})",
                    path.display(),
                    tr(lang, "écriture impossible", "cannot write")
                ))
            })?;
            eprintln!(
                "{} {}",
                tr(lang, "Rapport écrit dans", "Report written to"),
                path.display()
            );
        }
        None => {
            let mut stdout = std::io::stdout().lock();
            // A closed pipe (`| head`) is not an error worth a message.
            let _ = stdout.write_all(text.as_bytes());
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// Reads an answers file; errors name the file, line and column.
pub fn read_answers(path: &Path, model: &Model, lang: Lang) -> Result<Answers, CliError> {
    let text = std::fs::read_to_string(path).map_err(|e| {
        CliError(format!(
            "{}: {} ({e})",
            path.display(),
            tr(lang, "lecture impossible", "cannot read")
        ))
    })?;
    Answers::from_yaml(&text, model).map_err(|e| {
        CliError(format!(
            "{}:{}:{}: {}",
            path.display(),
            e.line,
            e.column,
            e.message(lang)
        ))
    })
}

/// Reads an evidence file (the [`Evidence`] struct as YAML or JSON).
pub fn read_evidence(path: &Path, lang: Lang) -> Result<Evidence, CliError> {
    let text = std::fs::read_to_string(path).map_err(|e| {
        CliError(format!(
            "{}: {} ({e})",
            path.display(),
            tr(lang, "lecture impossible", "cannot read")
        ))
    })?;
    serde_saphyr::from_str::<Evidence>(&text).map_err(|e| {
        let (line, column) = e.location().map(|l| (l.line(), l.column())).unwrap_or((0, 0));
        CliError(format!(
            "{}:{line}:{column}: {} ({})",
            path.display(),
            tr(
                lang,
                "fichier de mesures invalide : les champs permis sont listés dans docs/assessment.md",
                "invalid evidence file: the allowed fields are listed in docs/assessment.md"
            ),
            crate::assess::answers::saphyr_message(&e)
        ))
    })
}

/// Runs the questionnaire in the terminal.
fn interview(
    model: &Model,
    args: &Args,
    lang: Lang,
    evidence: &Evidence,
) -> Result<Answers, CliError> {
    if !std::io::stdin().is_terminal() || !std::io::stderr().is_terminal() {
        return Err(CliError(
            tr(
                lang,
                "le questionnaire a besoin d’un terminal : lancez la commande dans un terminal, ou donnez les réponses avec --answers FICHIER.",
                "the questionnaire needs a terminal: run the command in a terminal, or give the answers with --answers FILE.",
            )
            .into(),
        ));
    }
    let save_path = args
        .save
        .clone()
        .unwrap_or_else(|| PathBuf::from(DEFAULT_SAVE_FILE));
    let previous = if save_path.exists() {
        read_answers(&save_path, model, lang)?
    } else {
        Answers::new()
    };

    let mut prompter = terminal::TerminalPrompter::new(lang);
    let io_err = |e: std::io::Error| CliError(format!("{}: {e}", tr(lang, "terminal", "terminal")));
    let total = model.questions().count();
    prompter
        .say(&match lang {
            Lang::Fr => format!(
                "Auto-évaluation : {total} questions, un quart d’heure environ.\n\
                 Flèches pour choisir, Entrée pour valider, Échap pour passer une question.\n\
                 Chaque réponse est enregistrée aussitôt dans {} : Ctrl-C pour arrêter, vous reprendrez plus tard.",
                save_path.display()
            ),
            Lang::En => format!(
                "Self-assessment: {total} questions, about a quarter of an hour.\n\
                 Arrow keys to choose, Enter to confirm, Esc to skip a question.\n\
                 Each answer is saved at once to {}: Ctrl-C to stop, you will resume later.",
                save_path.display()
            ),
        })
        .map_err(io_err)?;

    let resume = if previous.is_empty() {
        Resume::All
    } else {
        let prompt = Prompt {
            text: match lang {
                Lang::Fr => format!(
                    "{} réponses déjà enregistrées. Reprendre là où vous en étiez (sinon, revoir toutes les questions) ?",
                    previous.len()
                ),
                Lang::En => format!(
                    "{} answers already saved. Resume where you left off (otherwise, review every question)?",
                    previous.len()
                ),
            },
            help: None,
        };
        if prompter.confirm(&prompt, true).map_err(io_err)? {
            Resume::Unanswered
        } else {
            Resume::All
        }
    };

    let mut save =
        |answers: &Answers| write_atomically(&save_path, answers.to_yaml(model, lang).as_bytes());
    let answers = questionnaire::run(
        model,
        &mut prompter,
        lang,
        previous,
        resume,
        evidence,
        &mut save,
    )
    .map_err(|e| {
        CliError(format!(
            "{} ({e}). {} {}",
            tr(lang, "questionnaire interrompu", "questionnaire stopped"),
            tr(
                lang,
                "Vos réponses sont enregistrées dans",
                "Your answers are saved in"
            ),
            save_path.display()
        ))
    })?;
    eprintln!(
        "{} {}",
        tr(lang, "Réponses enregistrées dans", "Answers saved in"),
        save_path.display()
    );
    Ok(answers)
}

/// Writes a file so that a reader (or a crash) never sees half of it: write
/// a temporary file next to it, then rename it over the target.
pub fn write_atomically(path: &Path, content: &[u8]) -> std::io::Result<()> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let mut tmp = tempfile::NamedTempFile::new_in(dir)?;
    // The temporary file is private (0600); give the result the target's
    // permissions, or the usual ones for a new file.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(path)
            .map(|m| m.permissions().mode())
            .unwrap_or(0o644);
        tmp.as_file()
            .set_permissions(std::fs::Permissions::from_mode(mode))?;
    }
    tmp.write_all(content)?;
    tmp.as_file().sync_all()?;
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}
