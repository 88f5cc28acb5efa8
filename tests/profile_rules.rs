//! Runs every example of every rule of `rules/profile.yaml` through the
//! profile checker: a `trigger` example raises its rule, a `pass` one does
//! not; messages are complete in both languages.

use jiff::civil::{Date, date};
use twitterritorial::locale::Lang;
use twitterritorial::profile::{ProfileChecker, model};
use twitterritorial::rules::{AppliesTo, Example, Rule, RuleSet, example_config};

/// Outside any pre-election window of the built-in calendar.
fn today(ex: &Example) -> Date {
    ex.date.unwrap_or(date(2026, 6, 15))
}

fn run(set: &RuleSet, rule: &Rule, ex: &Example, lang: Lang) -> Result<Vec<String>, String> {
    let mut config = ex.config(&example_config());
    config.lang = lang;
    let checker = ProfileChecker::new(set, &config).map_err(|e| e.to_string())?;
    let value = ex
        .profile
        .as_ref()
        .ok_or("a profile example needs `profile:`")?;
    let profile = model::from_example(value)?;
    Ok(checker
        .check(&profile, today(ex))
        .into_iter()
        .filter(|(_, f)| f.rule == rule.id)
        .map(|(_, f)| f.message)
        .collect())
}

#[test]
fn the_profile_rules_are_the_documented_ones() {
    let set = RuleSet::builtin().unwrap_or_else(|e| panic!("{e}"));
    let ids: Vec<&str> = set
        .rules()
        .iter()
        .filter(|r| r.applies_to == AppliesTo::Profile)
        .map(|r| r.id.as_str())
        .collect();
    assert_eq!(
        ids,
        [
            "profile.handle-length",
            "profile.handle-name",
            "profile.display-name",
            "profile.bio-official",
            "profile.bio-hashtag",
            "profile.website",
            "profile.location",
            "profile.moderation-charter",
            "profile.contact-hours",
            "profile.protected",
            "profile.political",
            "profile.avatar",
            "profile.banner",
        ]
    );
}

#[test]
fn every_example_of_every_profile_rule() {
    let set = RuleSet::builtin().unwrap_or_else(|e| panic!("{e}"));
    let mut failures = Vec::new();
    let mut ran = 0;
    for rule in set
        .rules()
        .iter()
        .filter(|r| r.applies_to == AppliesTo::Profile)
    {
        assert!(
            rule.examples.trigger.len() >= 2 && rule.examples.pass.len() >= 2,
            "{}: two of each",
            rule.id
        );
        for (expect_hit, list) in [(true, &rule.examples.trigger), (false, &rule.examples.pass)] {
            for ex in list {
                for lang in [Lang::Fr, Lang::En] {
                    ran += 1;
                    let place = format!(
                        "{} ({}:{}, {})",
                        rule.id,
                        rule.origin.file,
                        ex.line,
                        lang.code()
                    );
                    match run(&set, rule, ex, lang) {
                        Err(e) => failures.push(format!("{place}: cannot run: {e}")),
                        Ok(found) if expect_hit && found.is_empty() => {
                            failures.push(format!("{place}: trigger example not raised"))
                        }
                        Ok(found) if !expect_hit && !found.is_empty() => {
                            failures.push(format!("{place}: pass example raised {found:?}"))
                        }
                        Ok(found) => {
                            for m in found {
                                if m.contains('{') || m.contains('}') {
                                    failures.push(format!("{place}: unfilled message {m:?}"));
                                }
                            }
                        }
                    }
                }
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {ran} runs failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
    assert!(ran >= 13 * 8, "only {ran} runs");
}
