//! Finding draft files and reading them safely (command line only).
//!
//! - Folders are walked in name order; hidden folders and files (`.git`,
//!   `.twitterritorial.yaml`), `target` and `node_modules` are skipped, and
//!   so is any folder the caller names (a configuration's `rules_dir`, whose
//!   YAML files are rule packs, not drafts).
//! - Whole-text formats (txt, Markdown, YAML) are read into memory up to
//!   [`MAX_FILE_BYTES`]; CSV files are streamed, whatever their size.
//! - A binary file, a UTF-16 file, invalid UTF-8 are reported with the line
//!   and column of the problem, never read as text.

use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

use super::position::{Position, advance};
use super::{DraftError, Format};

/// Largest txt, Markdown or YAML file read: a month of posts is a few
/// dozen kilobytes; a file this big is a mistake (or belongs in a CSV).
pub const MAX_FILE_BYTES: u64 = 10 * 1024 * 1024;

/// How many bytes at the start of a file are examined to tell text from
/// binary.
const SNIFF_BYTES: usize = 8192;

/// Folders never walked into.
const SKIPPED_FOLDERS: &[&str] = &["target", "node_modules"];

/// Where a draft comes from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Source {
    Stdin,
    File(PathBuf),
}

/// A draft file to check.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Input {
    /// How reports name it.
    pub name: String,
    pub source: Source,
    pub format: Format,
}

/// A path that gives no input, with the reason.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PathProblem {
    pub name: String,
    pub error: DraftError,
}

/// Turns the paths given on the command line into inputs, in order: `-` is
/// standard input (read as `stdin_format`), a file is taken as it is, a
/// folder gives every draft file below it. `skip_folder` is asked about
/// each folder before it is walked.
pub fn collect(
    paths: &[PathBuf],
    stdin_format: Format,
    skip_folder: &mut dyn FnMut(&Path) -> bool,
) -> (Vec<Input>, Vec<PathProblem>) {
    let mut inputs = Vec::new();
    let mut problems = Vec::new();
    for path in paths {
        let name = path.display().to_string();
        if path.as_os_str() == "-" {
            inputs.push(Input {
                name: "<stdin>".to_string(),
                source: Source::Stdin,
                format: stdin_format,
            });
            continue;
        }
        match std::fs::metadata(path) {
            Err(error) => problems.push(PathProblem {
                name,
                error: io_problem(&error),
            }),
            Ok(meta) if meta.is_dir() => {
                let before = inputs.len();
                walk(path, &mut inputs, skip_folder);
                if inputs.len() == before {
                    problems.push(PathProblem {
                        name,
                        error: DraftError::new(
                            None,
                            "aucun brouillon dans ce dossier (fichiers .txt, .md, .yaml, .yml, .csv).",
                            "no draft in this folder (.txt, .md, .yaml, .yml, .csv files).",
                        ),
                    });
                }
            }
            Ok(_) => match format_of(path) {
                Some(format) => inputs.push(Input {
                    name,
                    source: Source::File(path.clone()),
                    format,
                }),
                None => {
                    let extension = path
                        .extension()
                        .map(|e| e.to_string_lossy().into_owned())
                        .unwrap_or_default();
                    let shown = if extension.is_empty() {
                        "(aucune)".to_string()
                    } else {
                        format!(".{extension}")
                    };
                    let shown_en = if extension.is_empty() {
                        "(none)".to_string()
                    } else {
                        format!(".{extension}")
                    };
                    problems.push(PathProblem {
                        name,
                        error: DraftError::new(
                            None,
                            format!("extension {shown} inconnue : les brouillons sont des fichiers .txt, .md, .yaml, .yml ou .csv (ou l’entrée standard « - » avec --stdin-format)."),
                            format!("unknown extension {shown_en}: drafts are .txt, .md, .yaml, .yml or .csv files (or standard input \"-\" with --stdin-format)."),
                        ),
                    });
                }
            },
        }
    }
    (inputs, problems)
}

fn format_of(path: &Path) -> Option<Format> {
    path.extension()
        .and_then(|e| e.to_str())
        .and_then(Format::from_extension)
}

fn is_hidden(path: &Path) -> bool {
    path.file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| n.starts_with('.') && n != "." && n != "..")
}

fn walk(folder: &Path, inputs: &mut Vec<Input>, skip_folder: &mut dyn FnMut(&Path) -> bool) {
    if skip_folder(folder) {
        return;
    }
    let Ok(entries) = std::fs::read_dir(folder) else {
        return;
    };
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for path in paths {
        if is_hidden(&path) {
            continue;
        }
        // Symbolic links to folders are not followed (no loops).
        let Ok(link_meta) = std::fs::symlink_metadata(&path) else {
            continue;
        };
        if link_meta.is_dir() {
            let name = path
                .file_name()
                .and_then(|n| n.to_str())
                .unwrap_or_default();
            if !SKIPPED_FOLDERS.contains(&name) {
                walk(&path, inputs, skip_folder);
            }
        } else if path.is_file()
            && let Some(format) = format_of(&path)
        {
            inputs.push(Input {
                name: path.display().to_string(),
                source: Source::File(path.clone()),
                format,
            });
        }
    }
}

/// Why a path could not be opened, in words for people.
pub fn io_problem(error: &io::Error) -> DraftError {
    match error.kind() {
        io::ErrorKind::NotFound => DraftError::new(
            None,
            "fichier ou dossier introuvable : vérifiez le chemin.",
            "no such file or folder: check the path.",
        ),
        io::ErrorKind::PermissionDenied => DraftError::new(
            None,
            "lecture refusée : vérifiez les droits du fichier.",
            "permission denied: check the file's permissions.",
        ),
        _ => DraftError::new(
            None,
            format!("lecture impossible : {error}."),
            format!("cannot read: {error}."),
        ),
    }
}

/// Reads a whole-text draft (txt, Markdown, YAML): at most
/// [`MAX_FILE_BYTES`], text, UTF-8. A UTF-8 byte order mark is dropped.
pub fn read_text(input: &Input) -> Result<String, DraftError> {
    let mut bytes = Vec::new();
    let read = match &input.source {
        Source::Stdin => io::stdin()
            .lock()
            .take(MAX_FILE_BYTES + 1)
            .read_to_end(&mut bytes),
        Source::File(path) => {
            File::open(path).and_then(|f| f.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes))
        }
    };
    read.map_err(|e| io_problem(&e))?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        let size = match &input.source {
            Source::File(path) => std::fs::metadata(path)
                .map(|m| m.len())
                .unwrap_or(bytes.len() as u64),
            Source::Stdin => bytes.len() as u64,
        };
        return Err(too_big(size));
    }
    check_text(&bytes)?;
    let mut text = String::from_utf8(bytes)
        .map_err(|e| not_utf8(e.as_bytes(), e.utf8_error().valid_up_to()))?;
    if text.starts_with('\u{feff}') {
        text.drain(..'\u{feff}'.len_utf8());
    }
    Ok(text)
}

/// Opens a CSV draft as a stream, after checking that it starts as text.
pub fn open_stream(input: &Input) -> Result<Box<dyn Read>, DraftError> {
    let reader: Box<dyn Read> = match &input.source {
        Source::Stdin => Box::new(io::stdin().lock()),
        Source::File(path) => Box::new(File::open(path).map_err(|e| io_problem(&e))?),
    };
    let mut reader = BufReader::with_capacity(64 * 1024, reader);
    let start = reader.fill_buf().map_err(|e| io_problem(&e))?;
    check_text(&start[..start.len().min(SNIFF_BYTES)])?;
    Ok(Box::new(reader))
}

fn too_big(size: u64) -> DraftError {
    let megabytes = size as f64 / (1024.0 * 1024.0);
    let limit = MAX_FILE_BYTES / (1024 * 1024);
    DraftError::new(
        None,
        format!(
            "fichier trop gros ({megabytes:.1} Mio ; {limit} Mio au plus pour un fichier .txt, .md ou .yaml) : découpez-le, ou passez à un fichier CSV, lu sans limite de taille."
        ),
        format!(
            "file too big ({megabytes:.1} MiB; at most {limit} MiB for a .txt, .md or .yaml file): split it, or use a CSV file, read without a size limit."
        ),
    )
}

/// Refuses binary and UTF-16 content, judging from its first bytes.
fn check_text(bytes: &[u8]) -> Result<(), DraftError> {
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Err(DraftError::new(
            Some(Position { line: 1, column: 1 }),
            "fichier en UTF-16 : enregistrez-le en UTF-8 (dans Excel : « CSV UTF-8 »).",
            "UTF-16 file: save it as UTF-8 (in Excel: \"CSV UTF-8\").",
        ));
    }
    let sniffed = &bytes[..bytes.len().min(SNIFF_BYTES)];
    if memchr::memchr(0, sniffed).is_some() {
        return Err(DraftError::new(
            None,
            "fichier binaire (une image, un document Word ?) : ce n’est pas un brouillon en texte.",
            "binary file (an image, a Word document?): not a text draft.",
        ));
    }
    Ok(())
}

/// The error for invalid UTF-8 at byte `valid_up_to`.
fn not_utf8(bytes: &[u8], valid_up_to: usize) -> DraftError {
    let before = String::from_utf8_lossy(&bytes[..valid_up_to]);
    let at = advance(Position { line: 1, column: 1 }, &before);
    DraftError::new(
        Some(at),
        "ce fichier n’est pas en UTF-8 : enregistrez-le en UTF-8 (dans Excel : « CSV UTF-8 » ; dans un éditeur : Encodage, UTF-8).",
        "this file is not UTF-8: save it as UTF-8 (in Excel: \"CSV UTF-8\"; in an editor: Encoding, UTF-8).",
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(path: &Path) -> Input {
        Input {
            name: path.display().to_string(),
            source: Source::File(path.to_path_buf()),
            format: Format::Txt,
        }
    }

    #[test]
    fn folders_are_walked_in_order_skipping_what_is_not_drafts() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        for file in [
            "b.md",
            "a.txt",
            "notes.docx",
            ".cache.yaml",
            "sub/c.csv",
            ".git/d.md",
            "node_modules/e.md",
            "regles/f.yaml",
        ] {
            let path = root.join(file);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, "x").unwrap();
        }
        let rules = root.join("regles");
        let (inputs, problems) = collect(&[root.to_path_buf()], Format::Txt, &mut |folder| {
            folder == rules
        });
        let names: Vec<String> = inputs
            .iter()
            .map(|i| {
                Path::new(&i.name)
                    .strip_prefix(root)
                    .unwrap()
                    .display()
                    .to_string()
            })
            .collect();
        assert_eq!(names, ["a.txt", "b.md", "sub/c.csv"]);
        assert!(problems.is_empty());
        assert_eq!(inputs[2].format, Format::Csv);
    }

    #[test]
    fn paths_that_give_nothing_are_problems() {
        let dir = tempfile::tempdir().unwrap();
        let empty = dir.path().join("vide");
        std::fs::create_dir(&empty).unwrap();
        let odd = dir.path().join("brouillon.docx");
        std::fs::write(&odd, "x").unwrap();
        let missing = dir.path().join("absent.md");
        let (inputs, problems) = collect(
            &[empty, odd, missing, PathBuf::from("-")],
            Format::Markdown,
            &mut |_| false,
        );
        assert_eq!(
            inputs,
            vec![Input {
                name: "<stdin>".into(),
                source: Source::Stdin,
                format: Format::Markdown
            }]
        );
        assert_eq!(problems.len(), 3);
        assert!(
            problems[0]
                .error
                .message
                .en
                .starts_with("no draft in this folder")
        );
        assert!(problems[1].error.message.en.contains(".docx"));
        assert!(problems[2].error.message.en.starts_with("no such file"));
    }

    #[test]
    fn text_is_checked_before_it_is_read() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.txt");
        std::fs::write(&path, b"\xEF\xBB\xBFBonjour").unwrap();
        assert_eq!(read_text(&input(&path)).unwrap(), "Bonjour");

        std::fs::write(&path, b"Ligne\nF\xEAte").unwrap();
        let error = read_text(&input(&path)).unwrap_err();
        assert_eq!(error.position, Some(Position { line: 2, column: 2 }));

        std::fs::write(&path, b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR").unwrap();
        assert!(
            read_text(&input(&path))
                .unwrap_err()
                .message
                .en
                .starts_with("binary file")
        );

        std::fs::write(&path, b"\xFF\xFEB\0o\0").unwrap();
        assert!(
            read_text(&input(&path))
                .unwrap_err()
                .message
                .en
                .starts_with("UTF-16")
        );

        let big = vec![b'a'; usize::try_from(MAX_FILE_BYTES).unwrap() + 10];
        std::fs::write(&path, big).unwrap();
        assert!(
            read_text(&input(&path))
                .unwrap_err()
                .message
                .en
                .starts_with("file too big (10.0 MiB")
        );
    }

    #[test]
    fn a_csv_stream_is_sniffed() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.csv");
        std::fs::write(&path, b"12/05/2026,Bonjour,\n").unwrap();
        let mut text = String::new();
        open_stream(&input(&path))
            .unwrap()
            .read_to_string(&mut text)
            .unwrap();
        assert_eq!(text, "12/05/2026,Bonjour,\n");
        std::fs::write(&path, b"PK\x03\x04\0\0").unwrap();
        assert!(open_stream(&input(&path)).is_err());
    }
}
