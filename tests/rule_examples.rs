//! Runs every example of every rule of every pack in `rules/`: a `trigger`
//! example must raise its rule, a `pass` example must not.
//!
//! Packs are read from the folder (not only from the list compiled into the
//! binary), so a new pack file is tested — and must also be registered as a
//! built-in pack, which this test checks too.

use jiff::civil::{Date, date};
use std::collections::HashMap;
use std::path::Path;
use twitterritorial::lint::Linter;
use twitterritorial::locale::Lang;
use twitterritorial::rules::{
    AppliesTo, BUILTIN_PACKS, Example, PackSource, Rule, RuleSet, example_config,
};

/// The day examples without a `date:` are checked on: outside any
/// pre-election window of the built-in calendar.
fn today() -> Date {
    date(2026, 6, 15)
}

fn packs_on_disk() -> Vec<PackSource> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("rules");
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .expect("rules/ exists")
        .map(|e| e.expect("readable entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        // The self-assessment's scoring model lives beside the rule packs
        // but is not one; tests/assess_model.rs checks it.
        .filter(|p| p.file_name().is_some_and(|n| n != "assessment.yaml"))
        .collect();
    paths.sort();
    paths
        .into_iter()
        .map(|p| PackSource {
            name: p
                .file_stem()
                .and_then(|s| s.to_str())
                .expect("utf-8 name")
                .to_string(),
            file: format!(
                "rules/{}",
                p.file_name().and_then(|s| s.to_str()).expect("utf-8 name")
            ),
            text: std::fs::read_to_string(&p).expect("readable pack"),
            builtin: true,
            // The YAML itself (the build-time reading is compared with it
            // in the library's tests).
            compiled: None,
        })
        .collect()
}

/// Linters by example configuration: most examples share the default one,
/// and compiling the rules (the political detector above all) takes time.
#[derive(Default)]
struct Linters(HashMap<String, Linter>);

impl Linters {
    fn get(&mut self, set: &RuleSet, ex: &Example, lang: Lang) -> Result<&Linter, String> {
        let key = format!("{:?}/{lang:?}", ex.config);
        if !self.0.contains_key(&key) {
            let mut config = ex.config(&example_config());
            config.lang = lang;
            let linter = Linter::new(set, &config).map_err(|e| e.to_string())?;
            self.0.insert(key.clone(), linter);
        }
        Ok(&self.0[&key])
    }
}

/// What running one example gave: the rule's findings, or why it could not run.
fn run_post_example(
    linters: &mut Linters,
    set: &RuleSet,
    rule: &Rule,
    ex: &Example,
) -> Result<usize, String> {
    let linter = linters.get(set, ex, Lang::Fr)?;
    let findings = linter.check_post(&ex.post(), today());
    Ok(findings.iter().filter(|f| f.rule == rule.id).count())
}

#[test]
fn every_pack_in_rules_is_built_in() {
    let on_disk: Vec<String> = packs_on_disk().into_iter().map(|p| p.name).collect();
    let built_in: Vec<&str> = BUILTIN_PACKS.iter().map(|(n, _)| *n).collect();
    for name in &on_disk {
        assert!(
            built_in.contains(&name.as_str()),
            "rules/{name}.yaml is not listed in src/rules/builtin.rs"
        );
    }
    let set = RuleSet::builtin().unwrap_or_else(|e| panic!("{e}"));
    assert!(set.rules().len() >= 13);
}

#[test]
fn every_example_of_every_rule() {
    let packs = packs_on_disk();
    let set = RuleSet::from_sources(&packs).unwrap_or_else(|e| panic!("{e}"));
    let mut failures = Vec::new();
    let mut linters = Linters::default();
    let (mut ran, mut skipped) = (0, 0);
    for rule in set.rules() {
        if rule.examples.trigger.len() < 2 || rule.examples.pass.len() < 2 {
            failures.push(format!(
                "{} ({}:{}): needs at least two trigger and two pass examples",
                rule.id, rule.origin.file, rule.origin.line
            ));
        }
        // Other runners (profile, site, archive) check their own rules'
        // examples; this test routes post rules to the lint engine.
        if rule.applies_to != AppliesTo::Post {
            skipped += rule.examples.trigger.len() + rule.examples.pass.len();
            continue;
        }
        for (expect_hit, list) in [(true, &rule.examples.trigger), (false, &rule.examples.pass)] {
            for ex in list {
                ran += 1;
                let place = format!("{} ({}:{})", rule.id, rule.origin.file, ex.line);
                match run_post_example(&mut linters, &set, rule, ex) {
                    Err(e) => failures.push(format!("{place}: cannot run: {e}")),
                    Ok(0) if expect_hit => failures.push(format!(
                        "{place}: trigger example not raised: {:?}",
                        ex.text
                    )),
                    Ok(n) if !expect_hit && n > 0 => failures.push(format!(
                        "{place}: pass example raised {n} time(s): {:?}",
                        ex.text
                    )),
                    Ok(_) => {}
                }
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {ran} examples failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
    assert!(ran > 50, "only {ran} examples ran ({skipped} skipped)");
    eprintln!(
        "{ran} post examples passed, {skipped} examples of other rule kinds left to their runners"
    );
}

/// Messages are filled in both languages, without a placeholder left over.
#[test]
fn trigger_messages_are_complete_in_both_languages() {
    let set = RuleSet::builtin().unwrap_or_else(|e| panic!("{e}"));
    for lang in [
        twitterritorial::locale::Lang::Fr,
        twitterritorial::locale::Lang::En,
    ] {
        for rule in set
            .rules()
            .iter()
            .filter(|r| r.applies_to == AppliesTo::Post)
        {
            for ex in &rule.examples.trigger {
                let mut config = ex.config(&example_config());
                config.lang = lang;
                let linter = Linter::new(&set, &config).unwrap_or_else(|e| panic!("{e}"));
                for f in linter
                    .check_post(&ex.post(), today())
                    .iter()
                    .filter(|f| f.rule == rule.id)
                {
                    assert!(
                        !f.message.contains('{') && !f.message.contains('}'),
                        "{}: unfilled message {:?}",
                        rule.id,
                        f.message
                    );
                    assert!(
                        f.span.end <= ex.text.len()
                            && ex.text.is_char_boundary(f.span.start)
                            && ex.text.is_char_boundary(f.span.end),
                        "{}: bad span {:?}",
                        rule.id,
                        f.span
                    );
                }
            }
        }
    }
}
