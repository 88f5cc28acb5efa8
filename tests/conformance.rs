//! The twitter-text conformance suite (tests/fixtures/twitter-text/, copied
//! from twitter/twitter-text v3.1.0 with its NOTICE): every case of
//! `validate.yml`, `extract.yml` and `tlds.yml` must pass.
//!
//! The suite gives indices in UTF-16 code units (the unit of the JavaScript
//! and Java implementations); our engine gives code points and bytes, so the
//! expected indices are compared after converting ours to UTF-16.

use std::collections::BTreeMap;
use std::path::PathBuf;

use serde::Deserialize;
use serde_json::{Value, json};
use twitterritorial::text::{
    Config, Entity, extract_cashtags, extract_hashtags, extract_mentions, extract_reply,
    extract_urls, is_valid_hashtag, is_valid_list, is_valid_tweet_text, is_valid_url,
    is_valid_username, parse_tweet,
};

#[derive(Deserialize)]
struct Suite {
    tests: BTreeMap<String, Vec<Case>>,
}

#[derive(Deserialize)]
struct Case {
    description: String,
    text: String,
    #[serde(default)]
    expected: Value,
}

fn load(file: &str) -> Suite {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/twitter-text")
        .join(file);
    let yaml = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_saphyr::from_str(&yaml).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// UTF-16 indices of an entity, as the suite gives them.
fn utf16_indices(text: &str, entity: &Entity) -> Value {
    let utf16 = |byte: usize| text[..byte].encode_utf16().count();
    json!([utf16(entity.byte_start), utf16(entity.byte_end)])
}

fn texts(entities: Vec<Entity>) -> Value {
    json!(entities.into_iter().map(|e| e.text).collect::<Vec<_>>())
}

fn parse_result(text: &str, config: &Config) -> Value {
    let r = parse_tweet(text, config);
    json!({
        "weightedLength": r.weighted_length,
        "valid": r.valid,
        "permillage": r.permillage,
        "displayRangeStart": 0,
        "displayRangeEnd": r.display_range_end_utf16,
        "validRangeStart": 0,
        "validRangeEnd": r.valid_range_end_utf16,
    })
}

/// What our engine answers for one case of one section.
fn answer(file: &str, section: &str, text: &str) -> Value {
    let mentions_only = |t: &str| {
        extract_mentions(t)
            .into_iter()
            .filter(|m| m.list_slug.is_none())
            .collect::<Vec<_>>()
    };
    match (file, section) {
        // twitter-text merges v1 over its defaults, which enable emoji parsing.
        ("validate.yml", "tweets") => json!(is_valid_tweet_text(
            text,
            &Config {
                emoji_parsing_enabled: true,
                ..Config::V1
            }
        )),
        ("validate.yml", "usernames") => json!(is_valid_username(text)),
        ("validate.yml", "lists") => json!(is_valid_list(text)),
        ("validate.yml", "hashtags") => json!(is_valid_hashtag(text)),
        ("validate.yml", "urls") => json!(is_valid_url(text, true, true)),
        ("validate.yml", "urls_without_protocol") => json!(is_valid_url(text, true, false)),
        ("validate.yml", "WeightedTweetsCounterTest") => parse_result(text, &Config::V2),
        ("validate.yml", "WeightedTweetsWithDiscountedEmojiCounterTest") => {
            parse_result(text, &Config::V3)
        }
        ("validate.yml", "UnicodeDirectionalMarkerCounterTest") => {
            parse_result(text, Config::current())
        }

        ("extract.yml", "mentions") => texts(mentions_only(text)),
        ("extract.yml", "mentions_with_indices") => json!(
            mentions_only(text)
                .iter()
                .map(|m| json!({"screen_name": m.text, "indices": utf16_indices(text, m)}))
                .collect::<Vec<_>>()
        ),
        ("extract.yml", "mentions_or_lists_with_indices") => json!(
            extract_mentions(text)
                .iter()
                .map(|m| json!({
                    "screen_name": m.text,
                    "list_slug": m.list_slug.as_ref().map_or(String::new(), |s| format!("/{s}")),
                    "indices": utf16_indices(text, m),
                }))
                .collect::<Vec<_>>()
        ),
        ("extract.yml", "replies") => json!(extract_reply(text)),
        ("extract.yml", "urls" | "tco_urls_with_params") => texts(extract_urls(text)),
        ("extract.yml", "urls_with_indices" | "urls_with_directional_markers") => json!(
            extract_urls(text)
                .iter()
                .map(|u| json!({"url": u.text, "indices": utf16_indices(text, u)}))
                .collect::<Vec<_>>()
        ),
        ("extract.yml", "hashtags" | "hashtags_from_astral") => texts(extract_hashtags(text)),
        ("extract.yml", "hashtags_with_indices") => json!(
            extract_hashtags(text)
                .iter()
                .map(|h| json!({"hashtag": h.text, "indices": utf16_indices(text, h)}))
                .collect::<Vec<_>>()
        ),
        ("extract.yml", "cashtags") => texts(extract_cashtags(text)),
        ("extract.yml", "cashtags_with_indices") => json!(
            extract_cashtags(text)
                .iter()
                .map(|c| json!({"cashtag": c.text, "indices": utf16_indices(text, c)}))
                .collect::<Vec<_>>()
        ),

        ("tlds.yml", "country" | "generic") => texts(extract_urls(text)),
        _ => panic!("{file}: section `{section}` has no runner: add one"),
    }
}

fn run(file: &str, expected_cases: usize) {
    let suite = load(file);
    let mut total = 0;
    let mut failures = Vec::new();
    for (section, cases) in &suite.tests {
        let mut passed = 0;
        for case in cases {
            total += 1;
            let got = answer(file, section, &case.text);
            if got == case.expected {
                passed += 1;
            } else {
                failures.push(format!(
                    "{file} {section}: {}\n    text:     {:?}\n    expected: {}\n    got:      {}",
                    case.description,
                    case.text.chars().take(200).collect::<String>(),
                    case.expected
                        .to_string()
                        .chars()
                        .take(400)
                        .collect::<String>(),
                    got.to_string().chars().take(400).collect::<String>(),
                ));
            }
        }
        println!("{file} {section}: {passed}/{} passed", cases.len());
    }
    println!(
        "{file}: {} passed, {} failed",
        total - failures.len(),
        failures.len()
    );
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
    // The suite must be complete: a truncated copy would pass too easily.
    assert_eq!(total, expected_cases, "{file}: number of cases");
}

#[test]
fn validate_yml() {
    run("validate.yml", 97);
}

#[test]
fn extract_yml() {
    run("extract.yml", 238);
}

#[test]
fn tlds_yml() {
    run("tlds.yml", 1574);
}

#[test]
fn tld_list_of_the_engine_is_the_suite_one() {
    let engine = include_str!("../src/text/tld_lib.yml");
    let suite = std::fs::read_to_string(
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/twitter-text/tld_lib.yml"),
    )
    .expect("tld_lib.yml");
    assert_eq!(engine, suite);
}
