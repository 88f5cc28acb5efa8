//! `twitterritorial book-preprocessor` (hidden): the mdBook preprocessor
//! that writes the rule reference into the handbook.
//!
//! It speaks mdBook's protocol: `book-preprocessor supports <renderer>`
//! answers with its exit code (0: supported); without a subcommand it reads
//! `[context, book]` as JSON on standard input and writes the book back, as
//! JSON, on standard output. `book.toml` runs it with
//! `command = "cargo run --quiet --manifest-path ../../Cargo.toml -- book-preprocessor"`.

use super::CliError;
use crate::handbook::preprocessor::RulesPreprocessor;
use mdbook_preprocessor::Preprocessor;
use std::io::Write;
use std::process::ExitCode;

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(subcommand)]
    pub query: Option<Query>,
}

#[derive(Debug, clap::Subcommand)]
pub enum Query {
    /// Répond par le code de sortie si le moteur de rendu est pris en charge.
    Supports { renderer: String },
}

pub fn run(args: Args) -> Result<ExitCode, CliError> {
    let preprocessor =
        RulesPreprocessor::builtin().map_err(|e| CliError(format!("book-preprocessor: {e}")))?;
    if let Some(Query::Supports { renderer }) = args.query {
        let supported = preprocessor
            .supports_renderer(&renderer)
            .map_err(|e| CliError(format!("book-preprocessor: {e}")))?;
        return Ok(if supported {
            ExitCode::SUCCESS
        } else {
            ExitCode::from(1)
        });
    }

    let (ctx, book) = mdbook_preprocessor::parse_input(std::io::stdin().lock()).map_err(|e| {
        CliError(format!(
            "book-preprocessor: {e:#}. This command is run by mdBook (`mdbook build`), which sends the book as JSON \
             on standard input; run `mdbook build book/fr` instead"
        ))
    })?;
    if !same_minor(&ctx.mdbook_version, mdbook_preprocessor::MDBOOK_VERSION) {
        eprintln!(
            "twitterritorial book-preprocessor: built for mdBook {}, run by mdBook {}; if the book breaks, use mdBook {}",
            mdbook_preprocessor::MDBOOK_VERSION,
            ctx.mdbook_version,
            mdbook_preprocessor::MDBOOK_VERSION
        );
    }
    let book = preprocessor
        .run(&ctx, book)
        .map_err(|e| CliError(format!("book-preprocessor: {e:#}")))?;
    let mut out = std::io::stdout().lock();
    serde_json::to_writer(&mut out, &book)
        .map_err(|e| CliError(format!("book-preprocessor: cannot write the book: {e}")))?;
    out.flush()
        .map_err(|e| CliError(format!("book-preprocessor: cannot write the book: {e}")))?;
    Ok(ExitCode::SUCCESS)
}

/// True when two versions share major and minor numbers (`0.5.1` and
/// `0.5.4`): the book's JSON shape only changes between minor versions of
/// mdBook 0.x.
fn same_minor(a: &str, b: &str) -> bool {
    let head = |v: &str| v.split('.').take(2).map(str::to_string).collect::<Vec<_>>();
    head(a) == head(b)
}

#[cfg(test)]
mod tests {
    use super::same_minor;

    #[test]
    fn versions_compare_on_major_and_minor() {
        assert!(same_minor("0.5.1", "0.5.4"));
        assert!(!same_minor("0.4.52", "0.5.4"));
        assert!(!same_minor("1.5.4", "0.5.4"));
    }
}
