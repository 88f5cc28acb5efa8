//! The packs shipped in the binary, from `rules/*.yaml`.

use super::PackSource;

/// `(pack name, text)` of every built-in pack, in the order rules are listed.
pub static BUILTIN_PACKS: &[(&str, &str)] = &[
    ("length", include_str!("../../rules/length.yaml")),
    ("hashtag", include_str!("../../rules/hashtag.yaml")),
    ("links", include_str!("../../rules/links.yaml")),
    ("promotion", include_str!("../../rules/promotion.yaml")),
    (
        "accessibility",
        include_str!("../../rules/accessibility.yaml"),
    ),
    ("political", include_str!("../../rules/political.yaml")),
    ("profile", include_str!("../../rules/profile.yaml")),
    ("site", include_str!("../../rules/site.yaml")),
];

pub(super) fn sources() -> Vec<PackSource> {
    BUILTIN_PACKS
        .iter()
        .map(|(name, text)| PackSource {
            name: (*name).to_string(),
            file: format!("rules/{name}.yaml"),
            text: (*text).to_string(),
            builtin: true,
        })
        .collect()
}
