//! Command-line interface: argument parsing and one module per subcommand.
//!
//! Exit codes, shared by every subcommand: 0 nothing at error level, 1 at
//! least one error-level finding, 2 a usage, configuration or input error.

use clap::{Parser, Subcommand};
use std::process::ExitCode;

mod completions;
mod config;
mod init;
mod inspect;
mod profile;
mod rules;
mod site;

/// Exit code for usage, configuration and input errors.
pub const EXIT_INPUT_ERROR: u8 = 2;

/// Vérifie les publications, le profil, le site et l’historique du compte
/// public d’une collectivité sur X, Mastodon et Bluesky.
#[derive(Debug, Parser)]
#[command(name = "twitterritorial", version, about, long_about = None, propagate_version = true)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Montre comment la plateforme lit un texte : longueur, hashtags,
    /// mentions, liens (JSON).
    Inspect(inspect::Args),
    /// Liste les règles ; `rules explain ID` explique l’une d’elles.
    Rules(rules::Args),
    /// Crée un fichier .twitterritorial.yaml commenté pour le compte.
    Init(init::Args),
    /// Affiche la configuration en vigueur et l’origine de chaque valeur.
    Config(config::Args),
    /// Écrit le script de complétion pour un shell (bash, zsh, fish,
    /// powershell, elvish).
    Completions(completions::CompletionsArgs),
    /// Écrit la page de manuel (format roff) sur la sortie standard.
    Man(completions::ManArgs),
    /// Vérifie le profil du compte (fichier YAML ou archive X).
    Profile(profile::Args),
    /// Vérifie que le site de la collectivité fait connaître le compte.
    Site(site::Args),
}

/// An error that stops a command: printed on standard error, exit code 2.
#[derive(Debug)]
pub struct CliError(pub String);

impl std::fmt::Display for CliError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for CliError {}

pub fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Inspect(args) => inspect::run(args),
        Command::Rules(args) => rules::run(args),
        Command::Init(args) => init::run(args),
        Command::Config(args) => config::run(args),
        Command::Completions(args) => completions::completions(args),
        Command::Man(args) => completions::man(args),
        Command::Profile(args) => profile::run(args),
        Command::Site(args) => site::run(args),
    };
    match result {
        Ok(code) => code,
        Err(err) => {
            eprintln!("twitterritorial: {err}");
            ExitCode::from(EXIT_INPUT_ERROR)
        }
    }
}
