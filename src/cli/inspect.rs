//! `twitterritorial inspect`: how a platform reads a text, as JSON.
//!
//! One text (an argument, or standard input with `-`) gives one JSON object:
//! length as the platform counts it, limit, validity, and the hashtags,
//! mentions, URLs and cashtags with their code point ranges. With `--jsonl`,
//! standard input holds one JSON string per line and each gives one object
//! per line, streamed in constant memory (a million posts in one process).

use std::io::{BufRead, BufWriter, ErrorKind, Read, Write};
use std::process::ExitCode;

use serde::Serialize;

use super::CliError;
use crate::text::{Entities, Entity, Platform, inspect};

/// The platforms, as the command line names them.
#[derive(Clone, Copy, Debug, clap::ValueEnum)]
enum PlatformArg {
    /// X (Twitter) : 280 caractères pondérés.
    X,
    /// Mastodon : 500 caractères par défaut (chaque serveur fixe sa limite).
    Mastodon,
    /// Bluesky : 300 caractères et 3 000 octets.
    Bluesky,
}

impl From<PlatformArg> for Platform {
    fn from(arg: PlatformArg) -> Self {
        match arg {
            PlatformArg::X => Platform::X,
            PlatformArg::Mastodon => Platform::Mastodon,
            PlatformArg::Bluesky => Platform::Bluesky,
        }
    }
}

/// Montre comment la plateforme lit un texte : sa longueur telle qu’elle la
/// compte, sa limite, et les hashtags, mentions, liens et cashtags qu’elle y
/// trouve (positions en caractères Unicode, fin exclue). Le résultat est un
/// objet JSON.
#[derive(Debug, clap::Args)]
#[command(after_help = "Exemples :\n  \
    twitterritorial inspect \"Conseil municipal jeudi #MaVille https://ville-exemple.fr\"\n  \
    echo \"Fête de la musique 🎶 #MaVille\" | twitterritorial inspect --platform mastodon -\n  \
    twitterritorial inspect --jsonl < publications.jsonl > mesures.jsonl")]
pub struct Args {
    /// La plateforme dont on applique les règles.
    #[arg(long, value_enum, default_value = "x")]
    platform: PlatformArg,

    /// La limite à appliquer, si ce n’est pas celle de la plateforme
    /// (280 sur X, 500 sur Mastodon, 300 sur Bluesky).
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u64).range(1..))]
    limit: Option<u64>,

    /// Lit l’entrée standard ligne par ligne : une chaîne JSON par ligne
    /// (par exemple "Bonjour #MaVille"), un objet JSON par ligne en sortie.
    #[arg(long, conflicts_with = "text")]
    jsonl: bool,

    /// Le texte à inspecter, ou `-` pour le lire sur l’entrée standard
    /// (sans son dernier saut de ligne). Sans texte, l’entrée standard est lue.
    #[arg(value_name = "TEXTE")]
    text: Option<String>,
}

/// One entity in the output: text without its sign, code point range.
#[derive(Serialize)]
struct Span<'a> {
    text: &'a str,
    start: usize,
    end: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    list_slug: Option<&'a str>,
}

/// The JSON object printed for one text.
#[derive(Serialize)]
struct Report<'a> {
    platform: &'static str,
    weighted_length: usize,
    limit: usize,
    valid: bool,
    permillage: usize,
    hashtags: Vec<Span<'a>>,
    mentions: Vec<Span<'a>>,
    urls: Vec<Span<'a>>,
    cashtags: Vec<Span<'a>>,
}

fn spans(entities: &[Entity]) -> Vec<Span<'_>> {
    entities
        .iter()
        .map(|e| Span {
            text: &e.text,
            start: e.start,
            end: e.end,
            list_slug: e.list_slug.as_deref(),
        })
        .collect()
}

/// The JSON line for `text`.
fn report(text: &str, platform: Platform, limit: Option<usize>) -> String {
    let (measure, entities): (_, Entities) = inspect(text, platform, limit);
    let report = Report {
        platform: platform.name(),
        weighted_length: measure.length,
        limit: measure.limit,
        valid: measure.valid,
        permillage: measure.permillage,
        hashtags: spans(&entities.hashtags),
        mentions: spans(&entities.mentions),
        urls: spans(&entities.urls),
        cashtags: spans(&entities.cashtags),
    };
    // Serialising plain strings and numbers cannot fail.
    serde_json::to_string(&report).unwrap_or_default()
}

/// Where the first invalid byte of `bytes` is: (line, column), from 1, the
/// column counted in bytes of the line.
fn position_of_invalid_utf8(bytes: &[u8], valid_up_to: usize) -> (usize, usize) {
    let before = &bytes[..valid_up_to];
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let line_start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |p| p + 1);
    (line, valid_up_to - line_start + 1)
}

fn invalid_utf8(line: usize, column: usize) -> CliError {
    CliError(format!(
        "entrée standard, ligne {line}, colonne {column} : ce texte n’est pas en UTF-8 valide. \
         Enregistrez-le en UTF-8 (ou convertissez-le, par exemple avec « iconv -f latin1 -t utf-8 ») \
         puis recommencez."
    ))
}

fn write_failed(err: std::io::Error) -> CliError {
    CliError(format!(
        "impossible d’écrire le résultat sur la sortie standard : {err}"
    ))
}

pub fn run(args: Args) -> Result<ExitCode, CliError> {
    let platform = Platform::from(args.platform);
    let limit = args.limit.map(|n| usize::try_from(n).unwrap_or(usize::MAX));
    if args.jsonl {
        return run_jsonl(platform, limit);
    }
    let text = match args.text.as_deref() {
        Some(text) if text != "-" => text.to_owned(),
        _ => read_stdin_text()?,
    };
    let mut out = std::io::stdout().lock();
    match writeln!(out, "{}", report(&text, platform, limit)) {
        Err(err) if err.kind() == ErrorKind::BrokenPipe => {}
        other => other.map_err(write_failed)?,
    }
    Ok(ExitCode::SUCCESS)
}

/// The whole of standard input, as one text, without its last line break.
fn read_stdin_text() -> Result<String, CliError> {
    let mut bytes = Vec::new();
    std::io::stdin()
        .lock()
        .read_to_end(&mut bytes)
        .map_err(|err| CliError(format!("impossible de lire l’entrée standard : {err}")))?;
    let mut text = String::from_utf8(bytes).map_err(|err| {
        let valid_up_to = err.utf8_error().valid_up_to();
        let (line, column) = position_of_invalid_utf8(err.as_bytes(), valid_up_to);
        invalid_utf8(line, column)
    })?;
    if text.ends_with('\n') {
        text.pop();
        if text.ends_with('\r') {
            text.pop();
        }
    }
    Ok(text)
}

/// One JSON string per input line, one JSON object per output line.
fn run_jsonl(platform: Platform, limit: Option<usize>) -> Result<ExitCode, CliError> {
    let stdin = std::io::stdin();
    let mut input = stdin.lock();
    let mut out = BufWriter::new(std::io::stdout().lock());
    let mut buf = Vec::new();
    let mut line_number = 0usize;
    loop {
        buf.clear();
        let read = input
            .read_until(b'\n', &mut buf)
            .map_err(|err| CliError(format!("impossible de lire l’entrée standard : {err}")))?;
        if read == 0 {
            break;
        }
        line_number += 1;
        while matches!(buf.last(), Some(b'\n' | b'\r')) {
            buf.pop();
        }
        let line = std::str::from_utf8(&buf)
            .map_err(|err| invalid_utf8(line_number, err.valid_up_to() + 1))?;
        let text: String = serde_json::from_str(line).map_err(|err| {
            CliError(format!(
                "entrée standard, ligne {line_number} : une chaîne JSON entre guillemets est attendue \
                 sur chaque ligne, par exemple \"Bonjour #MaVille\" ({err})."
            ))
        })?;
        let written = out
            .write_all(report(&text, platform, limit).as_bytes())
            .and_then(|()| out.write_all(b"\n"));
        match written {
            Err(err) if err.kind() == ErrorKind::BrokenPipe => return Ok(ExitCode::SUCCESS),
            other => other.map_err(write_failed)?,
        }
        // Keep memory flat after a very long line.
        if buf.capacity() > 1 << 20 {
            buf = Vec::new();
        }
    }
    match out.flush() {
        Err(err) if err.kind() == ErrorKind::BrokenPipe => {}
        other => other.map_err(write_failed)?,
    }
    Ok(ExitCode::SUCCESS)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invalid_bytes_are_located() {
        // "ok\ndéjà" in Latin-1.
        let bytes = [b"ok\nd".as_slice(), &[0xE9], b"j", &[0xE0]].concat();
        let valid_up_to =
            std::str::from_utf8(&bytes).map_or_else(|e| e.valid_up_to(), |_| bytes.len());
        assert_eq!(position_of_invalid_utf8(&bytes, valid_up_to), (2, 2));
    }

    #[test]
    fn report_has_the_documented_shape() {
        let json = report(
            "@VilleExemple #MaVille https://ville-exemple.fr/agenda",
            Platform::X,
            None,
        );
        assert_eq!(
            json,
            r#"{"platform":"x","weighted_length":46,"limit":280,"valid":true,"permillage":164,"hashtags":[{"text":"MaVille","start":14,"end":22}],"mentions":[{"text":"VilleExemple","start":0,"end":13}],"urls":[{"text":"https://ville-exemple.fr/agenda","start":23,"end":54}],"cashtags":[]}"#
        );
    }
}
