//! `rules/political.yaml` loads, and every example of its rules behaves as
//! written: each `trigger` raises its rule, each `pass` does not.

use jiff::civil::{Date, date};
use twitterritorial::locale::Lang;
use twitterritorial::political::{Calendar, Detector, PoliticalPack};

/// Undated examples must not depend on the date: they are checked inside a
/// window, outside one, and on an eve.
const UNDATED: [Date; 3] = [date(2026, 1, 20), date(2026, 6, 15), date(2026, 3, 14)];

#[test]
fn every_example_of_the_political_pack_behaves_as_written() {
    let text = std::fs::read_to_string("rules/political.yaml").expect("rules/political.yaml");
    let pack = PoliticalPack::from_yaml(&text).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(pack.pack, "political");
    let detector = Detector::from_pack(&pack).unwrap_or_else(|e| panic!("{e}"));
    let calendar = Calendar::builtin();
    let mut checked = 0;
    for rule in &pack.rules {
        assert!(rule.id.starts_with("political."), "{}", rule.id);
        assert_eq!(rule.category.as_deref(), Some("political"));
        assert!(
            rule.check.kind.starts_with("political-"),
            "{}",
            rule.check.kind
        );
        assert!(
            !rule.examples.trigger.is_empty() && !rule.examples.pass.is_empty(),
            "{} needs examples",
            rule.id
        );
        for (examples, should_fire) in
            [(&rule.examples.trigger, true), (&rule.examples.pass, false)]
        {
            for example in examples {
                let dates = match example.date() {
                    Some(d) => vec![d.parse::<Date>().unwrap_or_else(|e| panic!("{d}: {e}"))],
                    None if rule.id == "political.election-eve" => vec![date(2026, 3, 14)],
                    None => UNDATED.to_vec(),
                };
                for d in dates {
                    for lang in [Lang::Fr, Lang::En] {
                        let findings = detector.check(example.text(), d, &calendar, lang);
                        let fired = findings.iter().any(|f| f.rule == rule.id);
                        assert_eq!(
                            fired,
                            should_fire,
                            "{} {} example {:?} on {d}: {findings:#?}",
                            rule.id,
                            if should_fire { "trigger" } else { "pass" },
                            example.text()
                        );
                        checked += 1;
                    }
                }
            }
        }
    }
    assert!(checked > 40);
}

#[test]
fn the_built_in_pack_is_the_file_in_rules() {
    let on_disk = std::fs::read_to_string("rules/political.yaml").expect("rules/political.yaml");
    assert_eq!(on_disk, twitterritorial::political::lexicon::BUILTIN_PACK);
}

#[test]
fn a_broken_pack_is_refused_with_a_message_that_names_the_problem() {
    let text = std::fs::read_to_string("rules/political.yaml").expect("rules/political.yaml");
    let broken = text.replacen("all: [campaign]", "all: [campain]", 1);
    let err = Detector::from_yaml(&broken)
        .err()
        .expect("an unknown signal must be refused");
    assert!(err.to_string().contains("campain"), "{err}");
    let err = Detector::from_yaml("pack: political\nrules: [")
        .err()
        .expect("bad YAML must be refused");
    assert!(err.to_string().contains("political.yaml"), "{err}");
}
