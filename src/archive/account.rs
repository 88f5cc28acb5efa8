//! Who the account is and what its profile says, from the archive's small
//! `data/account.js` and `data/profile.js` files.
//!
//! Only what the audit needs is kept: the account id (to tell self-threads
//! from replies), the handle, the display name and the profile's website.
//! `account.js` also holds the owner's e-mail address: it is never read
//! into memory as a field, never printed.

use super::{ProblemKind, SourceError};
use serde::Deserialize;

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct AccountInfo {
    pub id: Option<u64>,
    pub username: Option<String>,
    pub display_name: Option<String>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ProfileInfo {
    pub website: Option<String>,
    pub bio: Option<String>,
}

#[derive(Deserialize)]
struct AccountEntry {
    account: RawAccount,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RawAccount {
    #[serde(default)]
    account_id: Option<String>,
    #[serde(default)]
    username: Option<String>,
    #[serde(default)]
    account_display_name: Option<String>,
}

#[derive(Deserialize)]
struct ProfileEntry {
    profile: RawProfile,
}

#[derive(Deserialize)]
struct RawProfile {
    #[serde(default)]
    description: Option<RawDescription>,
}

#[derive(Deserialize)]
struct RawDescription {
    #[serde(default)]
    bio: Option<String>,
    #[serde(default)]
    website: Option<String>,
}

/// The JSON after `window.YTD.<name>.part0 = `.
fn json_part<'t>(text: &'t str, name: &str) -> Result<&'t str, SourceError> {
    let text = text.trim_start_matches('\u{feff}').trim_start();
    if text.starts_with('[') {
        return Ok(text);
    }
    let expected = format!("window.YTD.{name}.");
    if !text.starts_with(&expected) {
        return Err(SourceError::at(
            ProblemKind::NotArchiveData,
            1,
            1,
            format!("expected `{expected}part0 = [`"),
        ));
    }
    match text.find('=') {
        Some(at) => Ok(text[at + 1..].trim_start().trim_end().trim_end_matches(';')),
        None => Err(SourceError::at(
            ProblemKind::NotArchiveData,
            1,
            1,
            format!("no `=` after `{expected}`"),
        )),
    }
}

fn json_error(err: serde_json::Error) -> SourceError {
    let kind = if err.is_eof() {
        ProblemKind::Truncated
    } else {
        ProblemKind::Syntax
    };
    // Positions are relative to the JSON part, which starts on line 1.
    SourceError::at(
        kind,
        err.line() as u64,
        err.column() as u64,
        err.to_string(),
    )
}

pub fn parse_account_js(text: &str) -> Result<AccountInfo, SourceError> {
    let entries: Vec<AccountEntry> =
        serde_json::from_str(json_part(text, "account")?).map_err(json_error)?;
    let Some(entry) = entries.into_iter().next() else {
        return Ok(AccountInfo::default());
    };
    Ok(AccountInfo {
        id: entry.account.account_id.and_then(|id| id.parse().ok()),
        username: entry.account.username,
        display_name: entry.account.account_display_name,
    })
}

pub fn parse_profile_js(text: &str) -> Result<ProfileInfo, SourceError> {
    let entries: Vec<ProfileEntry> =
        serde_json::from_str(json_part(text, "profile")?).map_err(json_error)?;
    let description = entries
        .into_iter()
        .next()
        .and_then(|e| e.profile.description);
    Ok(ProfileInfo {
        website: description
            .as_ref()
            .and_then(|d| d.website.clone())
            .filter(|w| !w.is_empty()),
        bio: description.and_then(|d| d.bio).filter(|b| !b.is_empty()),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn account_and_profile() {
        let account = r#"window.YTD.account.part0 = [ { "account" : { "email" : "x@example.org", "createdVia" : "web", "username" : "VilleExemple", "accountId" : "1234", "createdAt" : "2012-01-01T00:00:00.000Z", "accountDisplayName" : "Ville d’Exemple" } } ]"#;
        let info = parse_account_js(account).unwrap();
        assert_eq!(
            info,
            AccountInfo {
                id: Some(1234),
                username: Some("VilleExemple".into()),
                display_name: Some("Ville d’Exemple".into())
            }
        );
        let profile = r#"window.YTD.profile.part0 = [ { "profile" : { "description" : { "bio" : "Compte officiel", "website" : "https://t.co/abc", "location" : "" }, "avatarMediaUrl" : "" } } ]"#;
        let info = parse_profile_js(profile).unwrap();
        assert_eq!(info.website.as_deref(), Some("https://t.co/abc"));
        assert!(parse_account_js("window.YTD.account.part0 = [ { \"account\" ").is_err());
        assert!(parse_account_js("hello").is_err());
    }
}
