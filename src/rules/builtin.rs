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

/// The same packs read at build time by `build.rs` (JSON, same order); an
/// empty text when the YAML did not parse, so that the tool reads the YAML
/// itself and reports where it is broken.
static BUILTIN_COMPILED: &[&str] = &[
    include_str!(concat!(env!("OUT_DIR"), "/length.json")),
    include_str!(concat!(env!("OUT_DIR"), "/hashtag.json")),
    include_str!(concat!(env!("OUT_DIR"), "/links.json")),
    include_str!(concat!(env!("OUT_DIR"), "/promotion.json")),
    include_str!(concat!(env!("OUT_DIR"), "/accessibility.json")),
    include_str!(concat!(env!("OUT_DIR"), "/political.json")),
    include_str!(concat!(env!("OUT_DIR"), "/profile.json")),
    include_str!(concat!(env!("OUT_DIR"), "/site.json")),
];

pub(super) fn sources() -> Vec<PackSource> {
    BUILTIN_PACKS
        .iter()
        .zip(BUILTIN_COMPILED)
        .map(|((name, text), compiled)| PackSource {
            name: (*name).to_string(),
            file: format!("rules/{name}.yaml"),
            text: (*text).to_string(),
            builtin: true,
            compiled: Some(*compiled).filter(|json| !json.is_empty()),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_build_script_reads_the_same_packs() {
        assert_eq!(super::BUILTIN_PACKS.len(), super::BUILTIN_COMPILED.len());
        let listed = include_str!("../../build.rs");
        for (name, _) in super::BUILTIN_PACKS {
            assert!(
                listed.contains(&format!("\"{name}\",")),
                "{name} missing in build.rs"
            );
        }
    }
}
