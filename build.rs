//! Reads the built-in rule packs (`rules/*.yaml`) once, at build time, into
//! JSON: parsing 200 kB of YAML at every start cost more than checking a
//! small draft file (issue 3), while JSON reads about ten times faster.
//!
//! The JSON keeps what the YAML said, plus the line of each rule's `id:` and
//! of each example, which the tool shows (`rules explain`) and the example
//! tests report. The tool checks the packs as it reads them, exactly as it
//! checks a local pack; `rules::tests` compares both readings.

use serde::{Deserialize, Serialize};
use serde_saphyr::Spanned;
use std::path::Path;

#[derive(Deserialize)]
struct PackLines {
    #[serde(default)]
    rules: Vec<RuleLines>,
}

#[derive(Deserialize)]
struct RuleLines {
    id: Spanned<serde::de::IgnoredAny>,
    #[serde(default)]
    examples: ExampleLines,
}

#[derive(Default, Deserialize)]
struct ExampleLines {
    #[serde(default)]
    trigger: Vec<Spanned<serde::de::IgnoredAny>>,
    #[serde(default)]
    pass: Vec<Spanned<serde::de::IgnoredAny>>,
}

/// What `src/rules/mod.rs` reads back (`CompiledPack`).
#[derive(Serialize)]
struct Compiled {
    pack: serde_json::Value,
    lines: Vec<CompiledLines>,
}

#[derive(Serialize)]
struct CompiledLines {
    id: u64,
    trigger: Vec<u64>,
    pass: Vec<u64>,
}

fn options() -> serde_saphyr::Options {
    // The same reading as `config::yaml_options` (only `true`/`false` are
    // booleans): a word such as `no` must stay a word.
    serde_saphyr::options! {
        strict_booleans: true,
    }
}

fn main() {
    let out = std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR");
    // Every pack of `rules/` (`assessment.yaml` is the self-assessment
    // model, read below); `src/rules/builtin.rs` includes them by name.
    println!("cargo::rerun-if-changed=rules");
    let packs: Vec<String> = std::fs::read_dir("rules")
        .expect("the rules folder")
        .filter_map(|entry| {
            let path = entry.ok()?.path();
            let stem = path.file_stem()?.to_str()?.to_string();
            (path.extension()? == "yaml" && stem != "assessment").then_some(stem)
        })
        .collect();
    for name in &packs {
        let path = format!("rules/{name}.yaml");
        println!("cargo::rerun-if-changed={path}");
        let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
        // A broken pack must not stop the build: the tool reports it with
        // its line and column when it reads the YAML itself (see
        // `builtin_packs!`), and the rule tests fail on it.
        let (full, browser) = match compile(&text) {
            Ok(both) => both,
            Err(e) => {
                println!("cargo::warning={path}: {e}");
                Default::default()
            }
        };
        let out = Path::new(&out);
        std::fs::write(out.join(format!("{name}.json")), full).expect("write OUT_DIR");
        std::fs::write(out.join(format!("{name}.browser.json")), browser).expect("write OUT_DIR");
    }
    compile_model(Path::new(&out));
}

/// The self-assessment model (`rules/assessment.yaml`), for the same reason.
fn compile_model(out: &Path) {
    let path = "rules/assessment.yaml";
    println!("cargo::rerun-if-changed={path}");
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let json = match serde_saphyr::from_str_with_options::<serde_json::Value>(&text, options()) {
        Ok(value) => value.to_string(),
        Err(e) => {
            println!("cargo::warning={path}: {e}");
            String::new()
        }
    };
    std::fs::write(out.join("assessment.json"), json).expect("write OUT_DIR");
}

/// The pack in full, and the pack for the browser's module: the same
/// without the descriptions and examples, which the page never shows
/// (`rules explain` and the handbook do), to keep the download small.
fn compile(text: &str) -> Result<(String, String), String> {
    let pack: serde_json::Value =
        serde_saphyr::from_str_with_options(text, options()).map_err(|e| e.to_string())?;
    let lines: PackLines =
        serde_saphyr::from_str_with_options(text, options()).map_err(|e| e.to_string())?;
    let line = |s: &Spanned<serde::de::IgnoredAny>| s.referenced.line();
    let compiled = Compiled {
        pack,
        lines: lines
            .rules
            .iter()
            .map(|r| CompiledLines {
                id: line(&r.id),
                trigger: r.examples.trigger.iter().map(line).collect(),
                pass: r.examples.pass.iter().map(line).collect(),
            })
            .collect(),
    };
    let full = serde_json::to_string(&compiled).map_err(|e| e.to_string())?;
    let mut browser = compiled;
    if let Some(rules) = browser.pack["rules"].as_array_mut() {
        for rule in rules {
            rule["description"] = serde_json::json!({"fr": "", "en": ""});
            if let Some(rule) = rule.as_object_mut() {
                rule.remove("examples");
            }
        }
    }
    for lines in &mut browser.lines {
        lines.trigger.clear();
        lines.pass.clear();
    }
    let browser = serde_json::to_string(&browser).map_err(|e| e.to_string())?;
    Ok((full, browser))
}
