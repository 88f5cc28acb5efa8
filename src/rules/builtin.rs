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
#[cfg(not(target_arch = "wasm32"))]
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

/// In the browser's module, the packs without their descriptions and
/// examples, which the page does not show (a smaller download).
#[cfg(target_arch = "wasm32")]
static BUILTIN_COMPILED: &[&str] = &[
    include_str!(concat!(env!("OUT_DIR"), "/length.browser.json")),
    include_str!(concat!(env!("OUT_DIR"), "/hashtag.browser.json")),
    include_str!(concat!(env!("OUT_DIR"), "/links.browser.json")),
    include_str!(concat!(env!("OUT_DIR"), "/promotion.browser.json")),
    include_str!(concat!(env!("OUT_DIR"), "/accessibility.browser.json")),
    include_str!(concat!(env!("OUT_DIR"), "/political.browser.json")),
    include_str!(concat!(env!("OUT_DIR"), "/profile.browser.json")),
    include_str!(concat!(env!("OUT_DIR"), "/site.browser.json")),
];

/// The names of `BUILTIN_PACKS`, apart from their text (see `yaml_text`).
const NAMES: [&str; 8] = [
    "length",
    "hashtag",
    "links",
    "promotion",
    "accessibility",
    "political",
    "profile",
    "site",
];

/// The built-in packs, each with its build-time reading.
pub fn builtin_sources() -> Vec<PackSource> {
    NAMES
        .iter()
        .zip(BUILTIN_COMPILED)
        .enumerate()
        .map(|(index, (name, compiled))| PackSource {
            name: (*name).to_string(),
            file: format!("rules/{name}.yaml"),
            text: yaml_text(index),
            builtin: true,
            compiled: Some(*compiled).filter(|json| !json.is_empty()),
        })
        .collect()
}

/// The browser's module reads only the build-time JSON (tested on every
/// pack by `rules::tests`): leaving the YAML out of it, by never naming
/// `BUILTIN_PACKS` there, saves about 45 kB of download.
#[cfg(target_arch = "wasm32")]
fn yaml_text(_: usize) -> String {
    String::new()
}

#[cfg(not(target_arch = "wasm32"))]
fn yaml_text(index: usize) -> String {
    BUILTIN_PACKS[index].1.to_string()
}

#[cfg(test)]
mod tests {
    use super::super::RuleSet;
    use super::*;

    /// The browser's packs are the full ones less their descriptions and
    /// examples.
    #[test]
    fn the_browser_packs_differ_only_by_descriptions_and_examples() {
        let browser: [&str; 8] = [
            include_str!(concat!(env!("OUT_DIR"), "/length.browser.json")),
            include_str!(concat!(env!("OUT_DIR"), "/hashtag.browser.json")),
            include_str!(concat!(env!("OUT_DIR"), "/links.browser.json")),
            include_str!(concat!(env!("OUT_DIR"), "/promotion.browser.json")),
            include_str!(concat!(env!("OUT_DIR"), "/accessibility.browser.json")),
            include_str!(concat!(env!("OUT_DIR"), "/political.browser.json")),
            include_str!(concat!(env!("OUT_DIR"), "/profile.browser.json")),
            include_str!(concat!(env!("OUT_DIR"), "/site.browser.json")),
        ];
        for (full, small) in builtin_sources().into_iter().zip(browser) {
            let small = PackSource {
                compiled: Some(small),
                text: String::new(),
                ..full.clone()
            };
            let full = RuleSet::from_sources(&[full]).expect("valid");
            let small = RuleSet::from_sources(&[small]).expect("the browser's pack reads");
            assert_eq!(full.rules().len(), small.rules().len());
            for (a, b) in full.rules().iter().zip(small.rules()) {
                let mut a = a.clone();
                a.description = b.description.clone();
                a.examples = Default::default();
                assert!(b.examples.trigger.is_empty() && b.examples.pass.is_empty());
                assert_eq!(format!("{a:?}"), format!("{b:?}"), "{}", a.id);
            }
        }
    }

    #[test]
    fn the_build_script_reads_the_same_packs() {
        assert_eq!(super::BUILTIN_PACKS.len(), super::BUILTIN_COMPILED.len());
        let names: Vec<&str> = super::BUILTIN_PACKS.iter().map(|(n, _)| *n).collect();
        assert_eq!(names, super::NAMES);
        let listed = include_str!("../../build.rs");
        for (name, _) in super::BUILTIN_PACKS {
            assert!(
                listed.contains(&format!("\"{name}\",")),
                "{name} missing in build.rs"
            );
        }
    }
}
