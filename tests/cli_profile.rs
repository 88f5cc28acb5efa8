//! `twitterritorial profile`: YAML profiles and an X archive folder, every
//! output format, both languages, bad input (exit code 2, no panic).

mod support;

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;
use support::{Reply, Server};

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures");

fn cmd() -> Command {
    let mut c = Command::cargo_bin("twitterritorial").expect("binary");
    c.current_dir(FIXTURES).env("NO_COLOR", "1");
    c
}

fn profile(args: &[&str]) -> Command {
    let mut c = cmd();
    c.arg("profile").args(args).args(["--today", "2026-06-15"]);
    c
}

fn json_of(output: &[u8]) -> Value {
    serde_json::from_slice(output)
        .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(output)))
}

fn rules_in(doc: &Value) -> Vec<String> {
    doc["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["rule"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn a_complete_profile_passes() {
    profile(&["profile/complet.yaml", "--config", "profile/config.yaml"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("Aucun problème"));
}

#[test]
fn a_profile_with_much_to_fix() {
    let out = profile(&[
        "profile/a-revoir.yaml",
        "--config",
        "profile/config.yaml",
        "--format",
        "json",
    ])
    .output()
    .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let doc = json_of(&out.stdout);
    let rules = rules_in(&doc);
    for id in [
        "profile.handle-length",
        "profile.display-name",
        "profile.bio-official",
        "profile.bio-hashtag",
        "profile.website",
        "profile.location",
        "profile.moderation-charter",
        "profile.contact-hours",
        "profile.protected",
        "profile.avatar",
        "profile.banner",
    ] {
        assert!(rules.iter().any(|r| r == id), "{id} missing from {rules:?}");
    }
    assert!(!rules.iter().any(|r| r == "profile.political"), "{rules:?}");
    let d = &doc["diagnostics"].as_array().unwrap()[0];
    assert_eq!(d["rule"], "profile.handle-length");
    assert_eq!(d["file"], "profile/a-revoir.yaml");
    assert_eq!(
        (d["line"].as_u64(), d["column"].as_u64()),
        (Some(2), Some(10))
    );
    assert_eq!(d["excerpt"], "@MairieDeVilleExemple34");
    assert_eq!(
        d["help"],
        "https://twitterritorial.github.io/twitterritorial/fr/regles.html#profile-handle-length"
    );
    let protected = doc["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["rule"] == "profile.protected")
        .unwrap();
    assert_eq!(protected["line"], 6);
    let website = doc["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["rule"] == "profile.website")
        .unwrap();
    assert!(
        website["message"]
            .as_str()
            .unwrap()
            .contains("ville-exemple.wordpress.com")
    );
    assert_eq!(doc["summary"]["errors"], 3);
}

#[test]
fn partisan_words_in_the_bio_are_an_error_at_their_place() {
    let out = profile(&[
        "profile/partisan.yaml",
        "--config",
        "profile/config.yaml",
        "--format",
        "json",
    ])
    .output()
    .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let doc = json_of(&out.stdout);
    let d = doc["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["rule"] == "profile.political")
        .expect("political finding");
    assert_eq!(d["severity"], "error");
    assert_eq!(d["line"], 3);
    // The span covers the call to vote (the detector may take in its date
    // and the list it names), not the whole bio.
    let excerpt = d["excerpt"].as_str().unwrap();
    assert!(excerpt.contains("votez pour"), "{excerpt}");
    assert!(!excerpt.contains("Compte officiel"), "{excerpt}");
}

#[test]
fn human_output_in_english_shows_the_line() {
    profile(&[
        "profile/a-revoir.yaml",
        "--config",
        "profile/config.yaml",
        "--lang",
        "en",
    ])
    .assert()
    .code(1)
    .stdout(predicate::str::contains(
        "error[profile.handle-length]: @MairieDeVilleExemple34 has 22 characters",
    ))
    .stdout(predicate::str::contains(
        "2 | handle: \"@MairieDeVilleExemple34\"",
    ))
    .stdout(predicate::str::contains(
        "/en/regles.html#profile-protected",
    ));
}

#[test]
fn an_x_archive_folder() {
    let out = profile(&[
        "archive-profile",
        "--config",
        "archive-profile/config.yaml",
        "--format",
        "json",
    ])
    .output()
    .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let doc = json_of(&out.stdout);
    assert_eq!(
        rules_in(&doc),
        [
            "profile.website",
            "profile.moderation-charter",
            "profile.contact-hours",
            "profile.banner"
        ]
    );
    let website = &doc["diagnostics"][0];
    // The t.co link cannot be checked offline: a note, placed in profile.js.
    assert_eq!(website["severity"], "info");
    assert_eq!(website["file"], "archive-profile/data/profile.js");
    assert_eq!(website["line"], 6);
    assert_eq!(website["excerpt"], "https://t.co/Vf8kQz1xYb");
    assert_eq!(doc["summary"]["files"], 2);
}

#[test]
fn the_data_folder_of_an_archive_is_accepted_too() {
    profile(&[
        "archive-profile/data",
        "--config",
        "archive-profile/config.yaml",
        "--format",
        "github",
    ])
    .assert()
    .code(0)
    .stdout(predicate::str::contains(
        "::notice file=archive-profile/data/profile.js,line=6",
    ));
}

#[test]
fn sarif_output_is_json_with_the_rules() {
    let out = profile(&[
        "profile/a-revoir.yaml",
        "--config",
        "profile/config.yaml",
        "--format",
        "sarif",
    ])
    .output()
    .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let doc = json_of(&out.stdout);
    assert_eq!(doc["version"], "2.1.0");
    let results = doc["runs"][0]["results"].as_array().unwrap();
    assert!(results.iter().any(|r| r["ruleId"] == "profile.protected"));
}

#[test]
fn bad_input_is_named_with_exit_code_2() {
    let cases: &[(&[&str], &str)] = &[
        (&["profile/casse.yaml"], "profile/casse.yaml:2:"),
        (&["profile/cle-inconnue.yaml"], "biographie"),
        (&["profile/absent.yaml"], "profile/absent.yaml"),
        (&["archive-incomplete"], "data/profile.js"),
        (&["site"], "n’est pas une archive X"),
    ];
    for (args, needle) in cases {
        profile(args)
            .args(["--config", "profile/config.yaml"])
            .assert()
            .code(2)
            .stdout(predicate::str::is_empty())
            .stderr(predicate::str::contains(*needle))
            .stderr(predicate::str::contains("panicked").not());
    }
}

#[test]
fn an_empty_or_binary_profile_file() {
    let dir = tempfile::tempdir().unwrap();
    let empty = dir.path().join("vide.yaml");
    std::fs::write(&empty, "# rien\n").unwrap();
    let binary = dir.path().join("image.yaml");
    std::fs::write(&binary, [0x89, b'P', b'N', b'G', 0xff, 0xfe, 0x00]).unwrap();
    let list = dir.path().join("liste.yaml");
    std::fs::write(&list, "- a\n- b\n").unwrap();
    for (file, needle) in [(&empty, "vide"), (&binary, "UTF-8"), (&list, "liste.yaml")] {
        profile(&[file.to_str().unwrap()])
            .assert()
            .code(2)
            .stderr(predicate::str::contains(needle))
            .stderr(predicate::str::contains("panicked").not());
    }
}

#[test]
fn without_a_file_the_default_name_is_used_or_the_user_is_told() {
    let dir = tempfile::tempdir().unwrap();
    let mut c = Command::cargo_bin("twitterritorial").unwrap();
    c.current_dir(dir.path())
        .args(["profile"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("profil.yaml"));
    std::fs::copy(
        format!("{FIXTURES}/profile/complet.yaml"),
        dir.path().join("profil.yaml"),
    )
    .unwrap();
    std::fs::copy(
        format!("{FIXTURES}/profile/config.yaml"),
        dir.path().join(".twitterritorial.yaml"),
    )
    .unwrap();
    let mut c = Command::cargo_bin("twitterritorial").unwrap();
    c.current_dir(dir.path())
        .args(["profile", "--today", "2026-06-15"])
        .assert()
        .code(0);
}

#[test]
fn online_audits_the_profile_website() {
    let server = Server::start(|req| match req.path() {
        "/" => Reply::html(
            r#"<html><head><link rel="me" href="https://mastodon.social/@villeexemple"></head><body><a href="https://x.com/VilleExemple">X</a><a href="https://mastodon.social/@villeexemple">Mastodon</a></body></html>"#,
        ),
        _ => Reply::not_found(),
    });
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("profil.yaml");
    let text = std::fs::read_to_string(format!("{FIXTURES}/profile/complet.yaml"))
        .unwrap()
        .replace(
            "https://www.ville-exemple.fr\n",
            &format!("{}\n", server.url("/")),
        );
    std::fs::write(&file, text).unwrap();
    let out = profile(&[
        file.to_str().unwrap(),
        "--config",
        "profile/config.yaml",
        "--online",
        "--format",
        "json",
    ])
    .output()
    .unwrap();
    let doc = json_of(&out.stdout);
    let rules = rules_in(&doc);
    // The profile: its website is not on the official domain.
    assert!(rules.contains(&"profile.website".to_string()), "{rules:?}");
    // The site: read, with findings on its address.
    assert!(server.hits("/") >= 1);
    let site: Vec<&Value> = doc["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["file"] == server.url("/").as_str())
        .collect();
    assert!(
        site.iter()
            .any(|d| d["rule"] == "promotion.site-share-button"),
        "{site:?}"
    );
    // X and Mastodon are linked (and rel="me" is there); Bluesky, named in
    // the profile's platforms, is not.
    assert!(
        !site.iter().any(|d| d["rule"] == "promotion.site-rel-me"),
        "{site:?}"
    );
    let links: Vec<&str> = site
        .iter()
        .filter(|d| d["rule"] == "promotion.site-account-link")
        .map(|d| d["message"].as_str().unwrap())
        .collect();
    assert_eq!(links.len(), 1, "{links:?}");
    assert!(links[0].contains("Bluesky"));
}
