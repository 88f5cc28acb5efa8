//! Runs every example of every rule of `rules/site.yaml` (small HTML pages)
//! through the page analyser and the site checks.

use jiff::civil::date;
use twitterritorial::locale::Lang;
use twitterritorial::rules::{AppliesTo, Example, Rule, RuleSet, example_config};
use twitterritorial::site::{SiteRules, accounts_of, audit};

fn run(set: &RuleSet, rule: &Rule, ex: &Example, lang: Lang) -> Result<Vec<String>, String> {
    let mut config = ex.config(&example_config());
    config.lang = lang;
    let rules = SiteRules::new(set, &config).map_err(|e| e.to_string())?;
    let accounts = accounts_of(&config)?;
    let html = ex.html.as_deref().unwrap_or(&ex.text);
    let url = reqwest::Url::parse(
        config
            .account
            .website
            .as_deref()
            .unwrap_or("https://www.ville-exemple.fr/"),
    )
    .map_err(|e| e.to_string())?;
    let day = ex.date.unwrap_or(date(2026, 6, 15));
    let now = day
        .to_zoned_datetime(jiff::tz::TimeZone::UTC)
        .map_err(|e| e.to_string())?
        .timestamp();
    let audit = audit::offline(
        &url,
        html.as_bytes(),
        ex.content_type.as_deref(),
        ex.feed.as_deref().map(str::as_bytes),
        &rules.markers,
        now,
    );
    Ok(rules
        .findings(&audit, &accounts)
        .into_iter()
        .filter(|f| f.rule == rule.id)
        .map(|f| f.message)
        .collect())
}

#[test]
fn the_site_rules_are_the_documented_ones() {
    let set = RuleSet::builtin().unwrap_or_else(|e| panic!("{e}"));
    let ids: Vec<&str> = set
        .rules()
        .iter()
        .filter(|r| r.applies_to == AppliesTo::Site)
        .map(|r| r.id.as_str())
        .collect();
    assert_eq!(
        ids,
        [
            "site.unreachable",
            "promotion.site-account-link",
            "promotion.site-share-button",
            "promotion.site-embed",
            "promotion.site-feed",
            "promotion.site-rel-me",
        ]
    );
}

#[test]
fn every_example_of_every_site_rule() {
    let set = RuleSet::builtin().unwrap_or_else(|e| panic!("{e}"));
    let mut failures = Vec::new();
    let mut ran = 0;
    for rule in set
        .rules()
        .iter()
        .filter(|r| r.applies_to == AppliesTo::Site)
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
}
