//! Finding the posts in what the user points at: the zip X sends, its
//! unpacked folder, a `tweets.js` file (with its `tweets-partN.js`
//! siblings), or a CSV export. Every data file is read as a stream; zip
//! entries are decompressed as they are read.

use super::account::{AccountInfo, ProfileInfo, parse_account_js, parse_profile_js};
use super::measures::{Audit, AuditSettings};
use super::post::Post;
use super::{ProblemKind, SourceError, csv_export, tweets_js};
use crate::diagnostic::Finding;
use std::fmt;
use std::fs::File;
use std::io::{BufReader, Read};
use std::path::{Path, PathBuf};

/// What the path turned out to be.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum InputKind {
    Zip,
    Folder,
    TweetsJs,
    Csv,
}

#[derive(Clone, Debug, PartialEq, Eq)]
enum Part {
    File(PathBuf),
    ZipEntry(String),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum PartFormat {
    TweetsJs,
    Csv,
}

/// An archive ready to be read: its post files, in order, and what the
/// archive says about the account.
pub struct ArchiveInput {
    pub path: PathBuf,
    pub kind: InputKind,
    parts: Vec<(Part, PartFormat, u64)>,
    pub account: Option<AccountInfo>,
    pub profile: Option<ProfileInfo>,
}

/// An error that stops the audit, with the file it is about.
#[derive(Debug)]
pub struct InputError {
    pub file: String,
    pub error: SourceError,
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.file, self.error)
    }
}

impl std::error::Error for InputError {}

fn fail(file: impl fmt::Display, kind: ProblemKind, detail: impl Into<String>) -> InputError {
    InputError {
        file: file.to_string(),
        error: SourceError::whole_file(kind, detail.into()),
    }
}

fn io_fail(file: &Path, err: std::io::Error) -> InputError {
    InputError {
        file: file.display().to_string(),
        error: SourceError::io(err),
    }
}

/// Where a part's number comes from: `tweets.js` is part 0,
/// `tweets-part3.js` part 3. Also accepts the older `tweet.js` naming.
fn part_number(file_name: &str) -> Option<u32> {
    let stem = file_name.strip_suffix(".js")?;
    let rest = stem
        .strip_prefix("tweets")
        .or_else(|| stem.strip_prefix("tweet"))?;
    if rest.is_empty() {
        return Some(0);
    }
    rest.strip_prefix("-part")?.parse().ok()
}

impl ArchiveInput {
    pub fn open(path: &Path) -> Result<Self, InputError> {
        let metadata = std::fs::metadata(path).map_err(|err| io_fail(path, err))?;
        if metadata.is_dir() {
            return Self::open_folder(path);
        }
        let mut head = [0u8; 4];
        let read = File::open(path)
            .and_then(|mut f| f.read(&mut head))
            .map_err(|err| io_fail(path, err))?;
        if read == 4 && &head == b"PK\x03\x04" {
            return Self::open_zip(path);
        }
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        let is_csv = name.to_ascii_lowercase().ends_with(".csv");
        if is_csv {
            let size = metadata.len();
            return Ok(ArchiveInput {
                path: path.into(),
                kind: InputKind::Csv,
                parts: vec![(Part::File(path.into()), PartFormat::Csv, size)],
                account: None,
                profile: None,
            });
        }
        // A tweets.js file: read its siblings of the same set and the
        // account files beside it, as in the archive's `data/` folder.
        let folder = path.parent().unwrap_or(Path::new("."));
        let mut input = if part_number(name).is_some() {
            Self::open_folder_files(folder, path)?
        } else {
            ArchiveInput {
                path: path.into(),
                kind: InputKind::TweetsJs,
                parts: vec![(
                    Part::File(path.into()),
                    PartFormat::TweetsJs,
                    metadata.len(),
                )],
                account: None,
                profile: None,
            }
        };
        input.path = path.into();
        input.kind = InputKind::TweetsJs;
        Ok(input)
    }

    fn open_folder(folder: &Path) -> Result<Self, InputError> {
        let data = if folder.join("data").is_dir() {
            folder.join("data")
        } else {
            folder.to_path_buf()
        };
        let mut input = Self::open_folder_files(&data, folder)?;
        if input.parts.is_empty() {
            return Err(fail(
                folder.display(),
                ProblemKind::NotArchiveData,
                "no `data/tweets.js` in this folder: point to the folder of the unzipped X archive, its zip, or its tweets.js file",
            ));
        }
        input.kind = InputKind::Folder;
        Ok(input)
    }

    /// The post files and account files of an archive's `data/` folder.
    fn open_folder_files(data: &Path, shown: &Path) -> Result<Self, InputError> {
        let mut parts = Vec::new();
        let entries = std::fs::read_dir(data).map_err(|err| io_fail(data, err))?;
        for entry in entries {
            let entry = entry.map_err(|err| io_fail(data, err))?;
            let name = entry.file_name().to_string_lossy().into_owned();
            if let Some(number) = part_number(&name) {
                let size = entry.metadata().map(|m| m.len()).unwrap_or(0);
                parts.push((number, name.starts_with("tweets"), entry.path(), size));
            }
        }
        // `tweets*.js` (current archives) win over `tweet*.js` (2019–2020).
        let current = parts.iter().any(|p| p.1);
        parts.retain(|p| p.1 == current);
        parts.sort_by_key(|p| p.0);
        let read_small = |name: &str| -> Result<Option<String>, InputError> {
            let path = data.join(name);
            if !path.is_file() {
                return Ok(None);
            }
            std::fs::read_to_string(&path)
                .map(Some)
                .map_err(|err| io_fail(&path, err))
        };
        let account = read_small("account.js")?
            .map(|t| parse_account_js(&t))
            .transpose()
            .map_err(|error| InputError {
                file: data.join("account.js").display().to_string(),
                error,
            })?;
        let profile = read_small("profile.js")?
            .map(|t| parse_profile_js(&t))
            .transpose()
            .map_err(|error| InputError {
                file: data.join("profile.js").display().to_string(),
                error,
            })?;
        Ok(ArchiveInput {
            path: shown.into(),
            kind: InputKind::Folder,
            parts: parts
                .into_iter()
                .map(|(_, _, path, size)| (Part::File(path), PartFormat::TweetsJs, size))
                .collect(),
            account,
            profile,
        })
    }

    fn open_zip(path: &Path) -> Result<Self, InputError> {
        let file = File::open(path).map_err(|err| io_fail(path, err))?;
        let mut zip = zip::ZipArchive::new(BufReader::new(file)).map_err(|err| {
            fail(
                path.display(),
                ProblemKind::NotArchiveData,
                format!("this zip file cannot be read ({err}); download the archive again"),
            )
        })?;
        let names: Vec<String> = zip
            .file_names()
            .filter_map(Result::ok)
            .map(|n| n.into_owned())
            .collect();
        // Entries may sit under a top folder (`twitter-2026-…/data/…`).
        let in_data = |name: &str| -> Option<String> {
            let (folder, file) = name.rsplit_once('/')?;
            (folder == "data" || folder.ends_with("/data")).then(|| file.to_string())
        };
        let mut parts = Vec::new();
        let mut account_entry = None;
        let mut profile_entry = None;
        for name in &names {
            let Some(file) = in_data(name) else { continue };
            if let Some(number) = part_number(&file) {
                parts.push((number, file.starts_with("tweets"), name.clone()));
            } else if file == "account.js" {
                account_entry = Some(name.clone());
            } else if file == "profile.js" {
                profile_entry = Some(name.clone());
            }
        }
        let current = parts.iter().any(|p| p.1);
        parts.retain(|p| p.1 == current);
        parts.sort_by_key(|p| p.0);
        if parts.is_empty() {
            return Err(fail(
                path.display(),
                ProblemKind::NotArchiveData,
                "this zip holds no `data/tweets.js`: it is not an X archive (on X: Settings › Your account › Download an archive of your data)",
            ));
        }
        let mut read_small = |entry: &Option<String>| -> Result<Option<String>, InputError> {
            let Some(entry) = entry else { return Ok(None) };
            let mut text = String::new();
            zip.by_name(entry)
                .map_err(|err| {
                    fail(
                        format!("{}:{entry}", path.display()),
                        ProblemKind::Io,
                        err.to_string(),
                    )
                })?
                .read_to_string(&mut text)
                .map_err(|err| {
                    fail(
                        format!("{}:{entry}", path.display()),
                        ProblemKind::Io,
                        err.to_string(),
                    )
                })?;
            Ok(Some(text))
        };
        let account_text = read_small(&account_entry)?;
        let profile_text = read_small(&profile_entry)?;
        let account = account_text
            .map(|t| parse_account_js(&t))
            .transpose()
            .map_err(|error| InputError {
                file: format!("{}:account.js", path.display()),
                error,
            })?;
        let profile = profile_text
            .map(|t| parse_profile_js(&t))
            .transpose()
            .map_err(|error| InputError {
                file: format!("{}:profile.js", path.display()),
                error,
            })?;
        let mut sized = Vec::new();
        for (_, _, name) in parts {
            let size = zip.by_name(&name).map(|f| f.size()).unwrap_or(0);
            sized.push((Part::ZipEntry(name), PartFormat::TweetsJs, size));
        }
        Ok(ArchiveInput {
            path: path.into(),
            kind: InputKind::Zip,
            parts: sized,
            account,
            profile,
        })
    }

    /// Fills what the settings do not say from the archive's own files:
    /// the account id, handle and name (`account.js`) and the website of
    /// the profile (`profile.js`, unless it is a `t.co` link, which hides
    /// the real address).
    pub fn complete_settings(&self, settings: &mut AuditSettings) {
        if let Some(account) = &self.account {
            settings.account.id = settings.account.id.or(account.id);
            if settings.account.handle.is_none() {
                settings.account.handle = account.username.clone();
            }
            if settings.display_name.is_none() {
                settings.display_name = account.display_name.clone();
            }
        }
        if settings.website.is_none()
            && let Some(website) = self.profile.as_ref().and_then(|p| p.website.as_deref())
            && !website.contains("://t.co/")
        {
            settings.website = Some(website.to_string());
        }
    }

    /// Bytes of post data to read (uncompressed), for the progress bar.
    pub fn total_bytes(&self) -> u64 {
        self.parts.iter().map(|p| p.2).sum()
    }

    /// Names of the post files, as shown in messages.
    pub fn part_names(&self) -> Vec<String> {
        self.parts
            .iter()
            .map(|(part, _, _)| self.part_name(part))
            .collect()
    }

    fn part_name(&self, part: &Part) -> String {
        match part {
            Part::File(path) => path.display().to_string(),
            Part::ZipEntry(name) => format!("{}:{name}", self.path.display()),
        }
    }

    /// Reads every post into `audit`, running `check` on each; `progress`
    /// gets the bytes read so far over all parts.
    pub fn read_into(
        &self,
        audit: &mut Audit,
        mut check: impl FnMut(&Post<'_>) -> Vec<Finding>,
        mut progress: impl FnMut(u64),
    ) -> Result<(), InputError> {
        let mut zip =
            match self.kind {
                InputKind::Zip => {
                    let file = File::open(&self.path).map_err(|err| io_fail(&self.path, err))?;
                    Some(zip::ZipArchive::new(BufReader::new(file)).map_err(|err| {
                        fail(self.path.display(), ProblemKind::Io, err.to_string())
                    })?)
                }
                _ => None,
            };
        let mut done: u64 = 0;
        for (part, format, size) in &self.parts {
            let name = self.part_name(part);
            audit.add_file(&name);
            let reader: Box<dyn Read + '_> = match (part, zip.as_mut()) {
                (Part::File(path), _) => {
                    Box::new(File::open(path).map_err(|err| io_fail(path, err))?)
                }
                (Part::ZipEntry(entry), Some(zip)) => Box::new(
                    zip.by_name(entry)
                        .map_err(|err| fail(&name, ProblemKind::Io, err.to_string()))?,
                ),
                (Part::ZipEntry(_), None) => {
                    return Err(fail(&name, ProblemKind::Io, "zip entry without its zip"));
                }
            };
            let mut problems = Vec::new();
            let result = {
                let mut sink = |post: &Post<'_>| {
                    let findings = check(post);
                    audit.add(post, &findings);
                };
                let report_progress = |at: u64| progress(done + at);
                match format {
                    PartFormat::TweetsJs => tweets_js::read_posts(
                        reader,
                        &mut sink,
                        |p| problems.push(p),
                        report_progress,
                    )
                    .map(|_| ()),
                    PartFormat::Csv => csv_export::read_posts(
                        reader,
                        &mut sink,
                        |p| problems.push(p),
                        report_progress,
                    ),
                }
            };
            for problem in problems {
                audit.add_problem(&name, problem);
            }
            result.map_err(|error| InputError {
                file: name.clone(),
                error,
            })?;
            done += size;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::part_number;

    #[test]
    fn part_numbers() {
        assert_eq!(part_number("tweets.js"), Some(0));
        assert_eq!(part_number("tweets-part2.js"), Some(2));
        assert_eq!(part_number("tweet.js"), Some(0));
        assert_eq!(part_number("deleted-tweets.js"), None);
        assert_eq!(part_number("tweetdeck.js"), None);
        assert_eq!(part_number("tweets-media.js"), None);
    }
}
