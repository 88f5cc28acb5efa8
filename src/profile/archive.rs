//! The profile inside an X archive export (the folder X sends on request).
//!
//! Each `data/*.js` file is a JavaScript assignment,
//! `window.YTD.<name>.part0 = [ … ]`: the prefix is cut off and the rest
//! parsed as JSON, never evaluated. Every number is written as a string.
//! Three files make the profile:
//! - `data/account.js`: `username`, `accountDisplayName` (also an e-mail
//!   address, which is personal data: never read into the profile);
//! - `data/profile.js`: `description.{bio, website, location}`,
//!   `avatarMediaUrl`, `headerMediaUrl`;
//! - `data/verified.js`: `verified` (optional: older exports lack it).

use super::model::{At, Field, Profile, ProfileError, Source};
use serde::Deserialize;

/// The archive files the profile is read from, relative to the archive root.
pub const ACCOUNT_FILE: &str = "data/account.js";
pub const PROFILE_FILE: &str = "data/profile.js";
pub const VERIFIED_FILE: &str = "data/verified.js";

/// X's default picture for an account without one.
const DEFAULT_AVATAR: &str = "default_profile";

/// One archive file's text and its name (for messages and positions).
#[derive(Clone, Debug)]
pub struct ArchiveFile {
    pub name: String,
    pub text: String,
}

/// The JSON after `window.YTD.<name>.part<N> = `.
pub fn strip_assignment<'a>(
    text: &'a str,
    expected: &str,
    file: &str,
) -> Result<&'a str, ProfileError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let bad = || {
        ProfileError::file(
            file,
            format!(
                "ce fichier ne commence pas par `window.YTD.{expected}.part0 = `\u{a0}: est-ce bien un fichier de l’archive X\u{a0}?"
            ),
            format!(
                "this file does not start with `window.YTD.{expected}.part0 = `: is it really a file of the X archive?"
            ),
        )
    };
    let rest = text
        .trim_start()
        .strip_prefix("window.YTD.")
        .ok_or_else(bad)?;
    let (target, json) = rest.split_once('=').ok_or_else(bad)?;
    let (name, part) = target.trim().rsplit_once('.').ok_or_else(bad)?;
    if name != expected
        || !part.starts_with("part")
        || !part[4..].bytes().all(|b| b.is_ascii_digit())
    {
        return Err(bad());
    }
    Ok(json.trim().trim_end_matches(';'))
}

fn parse_json<T: for<'de> Deserialize<'de>>(
    file: &ArchiveFile,
    expected: &str,
) -> Result<T, ProfileError> {
    let json = strip_assignment(&file.text, expected, &file.name)?;
    // serde_json counts lines and columns inside the JSON; shift them by
    // what the cut prefix took, so they point into the file.
    let offset = json.as_ptr() as usize - file.text.as_ptr() as usize;
    let before = &file.text[..offset];
    let lines_before = before.matches('\n').count();
    let column_shift = before.chars().count()
        - before
            .rfind('\n')
            .map_or(0, |i| before[..=i].chars().count());
    serde_json::from_str(json).map_err(|e| {
        let column = if e.line() == 1 {
            e.column() + column_shift
        } else {
            e.column()
        };
        ProfileError {
            file: file.name.clone(),
            line: Some((e.line() + lines_before) as u64),
            column: Some(column as u64),
            problem: crate::locale::Localized {
                fr: format!("JSON illisible dans l’archive\u{a0}: {e}"),
                en: format!("unreadable JSON in the archive: {e}"),
            },
            expected: None,
        }
    })
}

#[derive(Deserialize)]
struct AccountEntry {
    account: AccountData,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct AccountData {
    username: Option<String>,
    account_display_name: Option<String>,
}

#[derive(Deserialize)]
struct ProfileEntry {
    profile: ProfileData,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct ProfileData {
    #[serde(default)]
    description: Description,
    avatar_media_url: Option<String>,
    header_media_url: Option<String>,
}

#[derive(Default, Deserialize)]
struct Description {
    bio: Option<String>,
    website: Option<String>,
    location: Option<String>,
}

#[derive(Deserialize)]
struct VerifiedEntry {
    verified: VerifiedData,
}

#[derive(Deserialize)]
struct VerifiedData {
    /// A boolean in current exports; accepted as the string "true" too,
    /// since the archive writes numbers as strings.
    verified: serde_json::Value,
}

/// Builds the profile from the archive's files (`verified` is optional).
pub fn profile_from_files(
    account: &ArchiveFile,
    profile: &ArchiveFile,
    verified: Option<&ArchiveFile>,
) -> Result<Profile, ProfileError> {
    let accounts: Vec<AccountEntry> = parse_json(account, "account")?;
    let profiles: Vec<ProfileEntry> = parse_json(profile, "profile")?;
    let Some(acc) = accounts.into_iter().next() else {
        return Err(ProfileError::file(
            &account.name,
            "aucun compte dans ce fichier".into(),
            "no account in this file".into(),
        ));
    };
    let Some(prof) = profiles.into_iter().next() else {
        return Err(ProfileError::file(
            &profile.name,
            "aucun profil dans ce fichier".into(),
            "no profile in this file".into(),
        ));
    };
    let mut out = Profile::default();
    out.sources.push(Source {
        name: account.name.clone(),
        text: account.text.clone(),
    });
    out.sources.push(Source {
        name: profile.name.clone(),
        text: profile.text.clone(),
    });
    out.default_source = 1;
    // Fields point at their value in the archive file when it is written
    // there exactly once as a JSON string (the usual case).
    let locate = |source: usize, text: &str, value: &str| -> Field {
        let quoted = serde_json::to_string(value).unwrap_or_default();
        let inner = &quoted[1..quoted.len().saturating_sub(1).max(1)];
        let at = match (text.find(&quoted), text.matches(&quoted).count()) {
            (Some(start), 1) => Some(At {
                source,
                span: start + 1..start + 1 + inner.len(),
            }),
            _ => None,
        };
        Field {
            value: value.to_string(),
            at,
        }
    };
    out.handle = acc
        .account
        .username
        .filter(|u| !u.is_empty())
        .map(|u| locate(0, &account.text, &u));
    out.display_name = acc
        .account
        .account_display_name
        .map(|n| locate(0, &account.text, &n));
    let d = prof.profile.description;
    out.bio = d.bio.map(|v| locate(1, &profile.text, &v));
    out.website = d
        .website
        .filter(|w| !w.is_empty())
        .map(|v| locate(1, &profile.text, &v));
    out.location = d.location.map(|v| locate(1, &profile.text, &v));
    out.avatar = prof
        .profile
        .avatar_media_url
        .filter(|a| !a.is_empty() && !a.contains(DEFAULT_AVATAR))
        .map(|v| locate(1, &profile.text, &v));
    out.banner = prof
        .profile
        .header_media_url
        .filter(|h| !h.is_empty())
        .map(|v| locate(1, &profile.text, &v));
    if let Some(file) = verified {
        let entries: Vec<VerifiedEntry> = parse_json(file, "verified")?;
        out.verified = entries
            .into_iter()
            .next()
            .map(|e| match e.verified.verified {
                serde_json::Value::Bool(b) => b,
                serde_json::Value::String(s) => s == "true",
                _ => false,
            });
    }
    Ok(out)
}

#[cfg(feature = "cli")]
pub use files::read_dir;

#[cfg(feature = "cli")]
mod files {
    use super::*;
    use std::path::{Path, PathBuf};

    /// The folder holding `account.js`: the archive root's `data/`, or the
    /// `data/` folder itself when that is what was given.
    fn data_dir(dir: &Path) -> Option<PathBuf> {
        let nested = dir.join("data");
        if nested.join("account.js").is_file() || nested.join("profile.js").is_file() {
            return Some(nested);
        }
        (dir.join("account.js").is_file() || dir.join("profile.js").is_file())
            .then(|| dir.to_path_buf())
    }

    fn read(path: &Path) -> Result<ArchiveFile, ProfileError> {
        let name = path.display().to_string();
        let bytes = std::fs::read(path).map_err(|e| {
            ProfileError::file(
                &name,
                format!("lecture impossible\u{a0}: {e}"),
                format!("cannot read it: {e}"),
            )
        })?;
        let text = String::from_utf8(bytes).map_err(|e| {
            ProfileError::file(
                &name,
                format!(
                    "ce fichier n’est pas en UTF-8 (octet invalide à la position {})",
                    e.utf8_error().valid_up_to()
                ),
                format!(
                    "this file is not UTF-8 (invalid byte at offset {})",
                    e.utf8_error().valid_up_to()
                ),
            )
        })?;
        Ok(ArchiveFile { name, text })
    }

    /// Reads the profile of an archive folder.
    pub fn read_dir(dir: &Path) -> Result<Profile, ProfileError> {
        let shown = dir.display().to_string();
        let Some(data) = data_dir(dir) else {
            let mut e = ProfileError::file(
                &shown,
                format!(
                    "ce dossier n’est pas une archive X\u{a0}: ni `{ACCOUNT_FILE}` ni `{PROFILE_FILE}` n’y sont"
                ),
                format!(
                    "this folder is not an X archive: neither `{ACCOUNT_FILE}` nor `{PROFILE_FILE}` is in it"
                ),
            );
            e.expected = Some(Box::new(crate::locale::Localized {
                    fr: "le dossier décompressé de l’archive demandée à X (Paramètres › Votre compte › Télécharger une archive), qui contient data/account.js et data/profile.js".into(),
                    en: "the unzipped folder of the archive requested from X (Settings › Your account › Download an archive), holding data/account.js and data/profile.js".into(),
                }));
            return Err(e);
        };
        let account_path = data.join("account.js");
        let profile_path = data.join("profile.js");
        for (path, name) in [(&account_path, ACCOUNT_FILE), (&profile_path, PROFILE_FILE)] {
            if !path.is_file() {
                return Err(ProfileError::file(
                    &shown,
                    format!(
                        "archive incomplète\u{a0}: `{name}` manque\u{a0}; exportez l’archive à nouveau ou donnez un profil en YAML"
                    ),
                    format!(
                        "incomplete archive: `{name}` is missing; export the archive again or give a YAML profile"
                    ),
                ));
            }
        }
        let account = read(&account_path)?;
        let profile = read(&profile_path)?;
        let verified_path = data.join("verified.js");
        let verified = if verified_path.is_file() {
            Some(read(&verified_path)?)
        } else {
            None
        };
        profile_from_files(&account, &profile, verified.as_ref())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(name: &str, text: &str) -> ArchiveFile {
        ArchiveFile {
            name: name.into(),
            text: text.into(),
        }
    }

    const ACCOUNT: &str = "window.YTD.account.part0 = [\n  {\n    \"account\" : {\n      \"email\" : \"com@ville-exemple.fr\",\n      \"createdVia\" : \"web\",\n      \"username\" : \"VilleExemple\",\n      \"accountId\" : \"1234567890\",\n      \"createdAt\" : \"2012-03-05T09:12:44.000Z\",\n      \"accountDisplayName\" : \"Ville d'Exemple\"\n    }\n  }\n]";
    const PROFILE: &str = "window.YTD.profile.part0 = [\n  {\n    \"profile\" : {\n      \"description\" : {\n        \"bio\" : \"Compte officiel\",\n        \"website\" : \"https://t.co/AbCdEf1234\",\n        \"location\" : \"Exemple\"\n      },\n      \"avatarMediaUrl\" : \"https://pbs.twimg.com/sticky/default_profile_images/default_profile.png\"\n    }\n  }\n]";

    #[test]
    fn profile_from_archive_files() {
        let verified = file(
            "data/verified.js",
            "window.YTD.verified.part0 = [ { \"verified\" : { \"accountId\" : \"1234567890\", \"verified\" : false } } ]",
        );
        let p = profile_from_files(
            &file("data/account.js", ACCOUNT),
            &file("data/profile.js", PROFILE),
            Some(&verified),
        )
        .expect("valid");
        assert_eq!(p.handle_text(), Some("VilleExemple"));
        assert_eq!(p.website.as_ref().unwrap().value, "https://t.co/AbCdEf1234");
        assert!(p.avatar.is_none(), "X's default picture is no picture");
        assert!(p.banner.is_none());
        assert_eq!(p.verified, Some(false));
        let at = p.bio.as_ref().unwrap().at.as_ref().unwrap();
        assert_eq!(at.source, 1);
        assert_eq!(&PROFILE[at.span.clone()], "Compte officiel");
    }

    #[test]
    fn wrong_prefix_and_bad_json_are_errors() {
        let e = strip_assignment("var x = []", "account", "a.js").unwrap_err();
        assert!(e.problem.en.contains("window.YTD.account.part0"));
        assert!(strip_assignment("window.YTD.profile.part0 = []", "account", "a.js").is_err());
        assert_eq!(
            strip_assignment("window.YTD.account.part1 = [];", "account", "a.js").unwrap(),
            "[]"
        );
        let e = profile_from_files(
            &file("a.js", "window.YTD.account.part0 = [ {"),
            &file("p.js", PROFILE),
            None,
        )
        .unwrap_err();
        assert_eq!(e.file, "a.js");
        assert_eq!(e.line, Some(1));
    }
}
