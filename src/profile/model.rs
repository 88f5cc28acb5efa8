//! The profile of an account, whatever it was read from: a YAML file
//! written by the team, an X archive export, or a rule example.

use serde::Deserialize;
use serde_saphyr::Spanned;
use std::ops::Range;

/// A text the profile was read from, kept so findings can point into it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Source {
    /// File name as given (`profil.yaml`, `archive/data/profile.js`).
    pub name: String,
    pub text: String,
}

/// Where a field's value sits: a source of the profile and a byte range.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct At {
    /// Index into [`Profile::sources`].
    pub source: usize,
    pub span: Range<usize>,
}

/// One text field and where it was written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Field {
    pub value: String,
    pub at: Option<At>,
}

impl Field {
    pub fn new(value: impl Into<String>) -> Field {
        Field {
            value: value.into(),
            at: None,
        }
    }

    pub fn is_blank(&self) -> bool {
        self.value.trim().is_empty()
    }
}

/// The profile of an account.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Profile {
    /// `@Handle` (the `@` is optional in input, removed here).
    pub handle: Option<Field>,
    pub display_name: Option<Field>,
    pub bio: Option<Field>,
    pub website: Option<Field>,
    /// The address the website field pointed to, when it was a `t.co` link
    /// resolved with `--online`.
    pub website_resolved: Option<String>,
    pub location: Option<Field>,
    /// Text of the pinned post.
    pub pinned: Option<Field>,
    /// Profile picture (file or address); `None`: none, or X's default.
    pub avatar: Option<Field>,
    /// Header image; `None`: none.
    pub banner: Option<Field>,
    pub protected: Option<bool>,
    /// Where `protected` was written.
    pub protected_at: Option<At>,
    pub verified: Option<bool>,
    /// Account label (`government`…), when known.
    pub label: Option<String>,
    /// The same institution's Mastodon account (`@user@instance`).
    pub mastodon: Option<Field>,
    /// The same institution's Bluesky account (`@ville-exemple.fr`).
    pub bluesky: Option<Field>,
    /// Texts the profile was read from (for positions).
    pub sources: Vec<Source>,
    /// The source a finding about a missing field points to (in an X
    /// archive, `data/profile.js` rather than `data/account.js`).
    pub default_source: usize,
}

impl Profile {
    /// The handle without `@`.
    pub fn handle_text(&self) -> Option<&str> {
        self.handle
            .as_ref()
            .map(|h| h.value.trim().trim_start_matches('@'))
            .filter(|h| !h.is_empty())
    }

    /// A non-blank field's value.
    pub fn text(field: &Option<Field>) -> Option<&str> {
        field
            .as_ref()
            .map(|f| f.value.as_str())
            .filter(|v| !v.trim().is_empty())
    }
}

// ---------------------------------------------------------------------------
// The YAML profile file

/// The profile file as written (also the `profile:` map of a rule example).
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct ProfileFile {
    handle: Option<Spanned<String>>,
    display_name: Option<Spanned<String>>,
    bio: Option<Spanned<String>>,
    website: Option<Spanned<String>>,
    location: Option<Spanned<String>>,
    pinned: Option<Spanned<String>>,
    avatar: Option<Spanned<ImageField>>,
    banner: Option<Spanned<ImageField>>,
    protected: Option<Spanned<bool>>,
    verified: Option<bool>,
    label: Option<String>,
    platforms: Option<PlatformsFile>,
}

/// An image: its file or address, `true` when there is one (unnamed), or
/// `false` / `none` when there is none.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum ImageField {
    Present(String),
    Flag(bool),
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct PlatformsFile {
    mastodon: Option<Spanned<String>>,
    bluesky: Option<Spanned<String>>,
    /// The X account itself may be repeated here; it must then agree.
    x: Option<Spanned<String>>,
}

/// The form of a profile file, for error messages.
pub const PROFILE_FORM: (&str, &str) = (
    "un profil\u{a0}: handle, display_name, bio, website, location, pinned, avatar, banner, protected, verified, label, platforms: {mastodon, bluesky}",
    "a profile: handle, display_name, bio, website, location, pinned, avatar, banner, protected, verified, label, platforms: {mastodon, bluesky}",
);

impl ProfileFile {
    /// Turns the file into a profile; `source` is the index of its text in
    /// the profile's sources, when positions are known.
    pub(crate) fn into_profile(self, text: Option<&str>) -> Profile {
        let field =
            |s: Option<Spanned<String>>| s.map(|s| spanned_field(s.value, &s.referenced, text));
        let image = |s: Option<Spanned<ImageField>>| match s {
            Some(Spanned {
                value: ImageField::Present(v),
                referenced,
                ..
            }) if !v.trim().is_empty()
                && !matches!(
                    v.trim().to_ascii_lowercase().as_str(),
                    "none" | "aucun" | "aucune"
                ) =>
            {
                Some(spanned_field(v, &referenced, text))
            }
            // `avatar: true`: there is one, the file is not named.
            Some(Spanned {
                value: ImageField::Flag(true),
                referenced,
                ..
            }) => Some(spanned_field("true".into(), &referenced, text)),
            _ => None,
        };
        let platforms = self.platforms.unwrap_or_default();
        let handle = field(self.handle).or_else(|| field(platforms.x));
        Profile {
            handle,
            display_name: field(self.display_name),
            bio: field(self.bio),
            website: field(self.website),
            website_resolved: None,
            location: field(self.location),
            pinned: field(self.pinned),
            avatar: image(self.avatar),
            banner: image(self.banner),
            protected: self.protected.as_ref().map(|p| p.value),
            protected_at: self
                .protected
                .as_ref()
                .and_then(|p| spanned_field(p.value.to_string(), &p.referenced, text).at),
            verified: self.verified,
            label: self.label,
            mastodon: field(platforms.mastodon),
            bluesky: field(platforms.bluesky),
            sources: Vec::new(),
            default_source: 0,
        }
    }
}

/// A field with its byte range in `text`, when the YAML reader gave one.
fn spanned_field(value: String, location: &serde_saphyr::Location, text: Option<&str>) -> Field {
    let at = text.and_then(|text| {
        let span = location.span();
        let start = usize::try_from(span.byte_offset()?).ok()?;
        let len = usize::try_from(span.byte_len()?).ok()?;
        let end = start.checked_add(len)?;
        if end > text.len() || !text.is_char_boundary(start) || !text.is_char_boundary(end) {
            return None;
        }
        // A quoted scalar written without escapes: point at its content.
        let written = &text[start..end];
        for quote in ['"', '\''] {
            if written.len() >= 2
                && written.starts_with(quote)
                && written.ends_with(quote)
                && written[1..written.len() - 1] == *value
            {
                return Some(At {
                    source: 0,
                    span: start + 1..end - 1,
                });
            }
        }
        Some(At {
            source: 0,
            span: start..end,
        })
    });
    Field { value, at }
}

/// Reads a profile from a rule example's `profile:` map.
pub fn from_example(value: &serde_json::Value) -> Result<Profile, String> {
    let file: ProfileFile = serde_json::from_value(value.clone()).map_err(|e| e.to_string())?;
    Ok(file.into_profile(None))
}

/// Reads a profile file's text. `name` is the file name for messages.
pub fn from_yaml(text: &str, name: &str) -> Result<Profile, ProfileError> {
    let body = text.strip_prefix('\u{feff}').unwrap_or(text);
    if body.trim().is_empty()
        || body
            .lines()
            .all(|l| l.trim().is_empty() || l.trim_start().starts_with('#'))
    {
        let mut e = ProfileError::file(
            name,
            "le fichier de profil est vide".into(),
            "the profile file is empty".into(),
        );
        e.expected = Some(Box::new(crate::locale::Localized {
            fr: PROFILE_FORM.0.into(),
            en: PROFILE_FORM.1.into(),
        }));
        return Err(e);
    }
    let file: ProfileFile = serde_saphyr::from_str(text)
        .map_err(|e| ProfileError::from_yaml(name, &e, PROFILE_FORM))?;
    let mut profile = file.into_profile(Some(text));
    profile.sources.push(Source {
        name: name.to_string(),
        text: text.to_string(),
    });
    Ok(profile)
}

/// A profile that cannot be read: where and why (file, line, column, the
/// expected form). The command line prints it and exits with code 2.
pub type ProfileError = crate::config::ConfigError;

#[cfg(test)]
mod tests {
    use super::*;

    const YAML: &str = "handle: \"@VilleExemple\"\ndisplay_name: Ville d’Exemple\nbio: |\n  Compte officiel.\navatar: false\nbanner: banniere.jpg\nplatforms:\n  mastodon: \"@villeexemple@mastodon.social\"\n";

    #[test]
    fn yaml_profile_keeps_positions() {
        let p = from_yaml(YAML, "profil.yaml").expect("valid");
        assert_eq!(p.handle_text(), Some("VilleExemple"));
        let name = p.display_name.as_ref().unwrap();
        let at = name.at.as_ref().expect("position");
        assert_eq!(&YAML[at.span.clone()], "Ville d’Exemple");
        assert!(p.avatar.is_none());
        assert_eq!(p.banner.as_ref().unwrap().value, "banniere.jpg");
        assert_eq!(
            p.mastodon.as_ref().unwrap().value,
            "@villeexemple@mastodon.social"
        );
    }

    #[test]
    fn unknown_key_is_located() {
        let e = from_yaml("handle: a\nbiography: b\n", "p.yaml").unwrap_err();
        assert_eq!(e.line, Some(2));
        assert!(
            e.render(crate::locale::Lang::En).contains("biography"),
            "{}",
            e.render(crate::locale::Lang::En)
        );
    }

    #[test]
    fn example_maps_read_without_positions() {
        let v = serde_json::json!({"handle": "@A", "protected": true, "avatar": "a.png"});
        let p = from_example(&v).expect("valid");
        assert_eq!(p.handle_text(), Some("A"));
        assert_eq!(p.protected, Some(true));
        assert!(p.avatar.is_some());
    }
}
