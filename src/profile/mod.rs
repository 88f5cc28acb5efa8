//! `twitterritorial profile`: is the account's profile complete, clear and
//! neutral? The model and the rules run without the `cli` feature (they
//! also run in the browser); reading an archive folder needs it.

pub mod archive;
pub mod checks;
pub mod hit;
pub mod model;

pub use checks::ProfileChecker;
pub use model::{At, Field, Profile, ProfileError, Source};

use crate::rules::{AppliesTo, CheckSpec, KindInfo};

fn validate<T: serde::de::DeserializeOwned>(
    spec: &CheckSpec,
    _: &serde_json::Value,
) -> Result<(), String> {
    checks::params::<T>(spec).map(|_| ())
}

const fn kind(
    name: &'static str,
    variants: &'static [&'static str],
    placeholders: &'static [&'static str],
    validate: fn(&CheckSpec, &serde_json::Value) -> Result<(), String>,
) -> KindInfo {
    KindInfo {
        name,
        applies_to: AppliesTo::Profile,
        variants,
        placeholders,
        validate: Some(validate),
    }
}

/// The check kinds of `rules/profile.yaml`, for the rule loader.
pub static KINDS: &[KindInfo] = &[
    kind(
        "profile-handle-length",
        &[],
        &["handle", "length", "max"],
        validate::<checks::HandleLengthParams>,
    ),
    kind(
        "profile-handle-name",
        &[],
        &["handle", "name"],
        validate::<checks::HandleNameParams>,
    ),
    kind(
        "profile-display-name",
        &["missing"],
        &["display_name"],
        validate::<checks::WordsParams>,
    ),
    kind(
        "profile-bio-official",
        &["missing", "not-official", "no-manager"],
        &[],
        validate::<checks::BioOfficialParams>,
    ),
    kind(
        "profile-bio-hashtag",
        &["spelling"],
        &["hashtag", "found"],
        validate::<checks::NoParams>,
    ),
    kind(
        "profile-website",
        &[
            "missing",
            "invalid",
            "shortened",
            "other-domain",
            "not-https",
        ],
        &["website", "domain", "expected"],
        validate::<checks::NoParams>,
    ),
    kind("profile-location", &[], &[], validate::<checks::NoParams>),
    kind(
        "profile-moderation-charter",
        &[],
        &[],
        validate::<checks::WordsParams>,
    ),
    kind(
        "profile-contact-hours",
        &[],
        &[],
        checks::validate_contact_hours,
    ),
    kind("profile-protected", &[], &[], validate::<checks::NoParams>),
    kind(
        "profile-political",
        &["display-name", "pinned"],
        &["excerpt", "detail"],
        validate::<checks::NoParams>,
    ),
    kind("profile-avatar", &[], &[], validate::<checks::NoParams>),
    kind("profile-banner", &[], &[], validate::<checks::NoParams>),
];
