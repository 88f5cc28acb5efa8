//! The packs shipped in the binary, from `rules/*.yaml`.

use super::PackSource;

/// Each built-in pack named once: its YAML, and the two readings `build.rs`
/// writes of it (JSON with the lines of rules and examples; the same for the
/// browser, without descriptions and examples). A reading is empty when the
/// YAML did not parse, so that the tool reads the YAML itself and reports
/// where it is broken.
macro_rules! builtin_packs {
    ($($name:literal),* $(,)?) => {
        /// `(pack name, text)` of every built-in pack, in the order rules
        /// are listed.
        pub static BUILTIN_PACKS: &[(&str, &str)] =
            &[$(($name, include_str!(concat!("../../rules/", $name, ".yaml")))),*];

        #[cfg(any(test, not(target_arch = "wasm32")))]
        static FULL_JSON: &[&str] =
            &[$(include_str!(concat!(env!("OUT_DIR"), "/", $name, ".json"))),*];

        #[cfg(any(test, target_arch = "wasm32"))]
        static BROWSER_JSON: &[&str] =
            &[$(include_str!(concat!(env!("OUT_DIR"), "/", $name, ".browser.json"))),*];

        const NAMES: &[&str] = &[$($name),*];
    };
}

builtin_packs!(
    "length",
    "hashtag",
    "links",
    "promotion",
    "accessibility",
    "political",
    "profile",
    "site",
);

/// The reading the tool uses: the browser's module takes the smaller one.
#[cfg(not(target_arch = "wasm32"))]
const BUILTIN_COMPILED: &[&str] = FULL_JSON;
#[cfg(target_arch = "wasm32")]
const BUILTIN_COMPILED: &[&str] = BROWSER_JSON;

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
/// `BUILTIN_PACKS` there, saved about 50 kB of its gzip download.
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
        for (full, small) in builtin_sources().into_iter().zip(BROWSER_JSON) {
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
}
