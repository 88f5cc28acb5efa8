//! The `rules`, `init` and `config` commands, run as a user runs them, in a
//! temporary folder (never the repository's own configuration).

use assert_cmd::Command;
use predicates::prelude::*;
use std::path::Path;

fn cmd(dir: &Path) -> Command {
    let mut c = Command::cargo_bin("twitterritorial").expect("binary built");
    c.current_dir(dir).env_remove("NO_COLOR");
    c
}

fn tmp() -> tempfile::TempDir {
    tempfile::tempdir().expect("temporary folder")
}

#[test]
fn rules_lists_every_rule_in_french_by_default() {
    let dir = tmp();
    cmd(dir.path())
        .arg("rules")
        .assert()
        .success()
        .stdout(predicate::str::contains("hashtag.too-many"))
        .stdout(predicate::str::contains("accessibility.styled-letters"))
        .stdout(predicate::str::contains("avertissement"))
        .stdout(predicate::str::contains("Trop de hashtags"));
}

#[test]
fn rules_json_has_one_entry_per_rule_with_its_help_link() {
    let dir = tmp();
    let out = cmd(dir.path())
        .args(["rules", "--format", "json", "--lang", "en"])
        .output()
        .expect("runs");
    assert!(out.status.success());
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let rules = doc["rules"].as_array().expect("rules array");
    assert!(rules.len() >= 13);
    let tm = rules
        .iter()
        .find(|r| r["id"] == "hashtag.too-many")
        .expect("hashtag.too-many listed");
    assert_eq!(tm["severity"], "warning");
    assert_eq!(tm["enabled"], true);
    assert_eq!(tm["title"], "Too many hashtags");
    assert_eq!(
        tm["help"],
        "https://twitterritorial.github.io/twitterritorial/en/regles.html#hashtag-too-many"
    );
}

#[test]
fn rules_explain_shows_description_examples_and_link() {
    let dir = tmp();
    cmd(dir.path())
        .args(["rules", "explain", "hashtag.broken"])
        .assert()
        .success()
        .stdout(predicate::str::contains("#Saint-Étienne"))
        .stdout(predicate::str::contains("Exemples signalés"))
        .stdout(predicate::str::contains("regles.html#hashtag-broken"));
    cmd(dir.path())
        .args(["rules", "explain", "links.shortener", "--lang", "en"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Examples reported"))
        .stdout(predicate::str::contains("/en/regles.html#links-shortener"));
}

#[test]
fn rules_explain_of_an_unknown_rule_suggests_the_closest() {
    let dir = tmp();
    cmd(dir.path())
        .args(["rules", "explain", "hashtag.brokn"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("hashtag.broken"));
}

#[test]
fn init_writes_a_file_that_config_reads_back() {
    let dir = tmp();
    cmd(dir.path())
        .args([
            "init",
            "--name",
            "Ville d’Exemple",
            "--handle",
            "@VilleExemple",
            "--hashtag",
            "#VilleExemple",
            "--website",
            "https://www.ville-exemple.fr",
        ])
        .assert()
        .success();
    let text = std::fs::read_to_string(dir.path().join(".twitterritorial.yaml")).expect("written");
    assert!(text.contains("handle: \"@VilleExemple\""), "{text}");
    assert!(text.contains("# rules:"), "commented help: {text}");
    cmd(dir.path())
        .arg("config")
        .assert()
        .success()
        .stdout(predicate::str::contains("account.handle"))
        .stdout(predicate::str::contains("@VilleExemple"))
        .stdout(predicate::str::contains("fichier, ligne"));
}

#[test]
fn init_refuses_to_overwrite_without_force() {
    let dir = tmp();
    let path = dir.path().join(".twitterritorial.yaml");
    std::fs::write(&path, "lang: en\n").expect("write");
    cmd(dir.path())
        .args(["init", "--name", "X"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--force"));
    assert_eq!(
        std::fs::read_to_string(&path).expect("read"),
        "lang: en\n",
        "file untouched"
    );
    cmd(dir.path())
        .args(["init", "--name", "X", "--force"])
        .assert()
        .success();
    assert!(
        std::fs::read_to_string(&path)
            .expect("read")
            .contains("name: \"X\"")
    );
    // No temporary file left behind.
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .expect("list")
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty());
}

#[test]
fn config_is_found_in_a_parent_folder_and_the_flag_wins() {
    let dir = tmp();
    std::fs::write(
        dir.path().join(".twitterritorial.yaml"),
        "lang: fr\naccount:\n  hashtags: [\"#VilleExemple\"]\n",
    )
    .expect("write");
    let sub = dir.path().join("brouillons/mai");
    std::fs::create_dir_all(&sub).expect("mkdir");
    let out = cmd(&sub)
        .args(["config", "--format", "json", "--lang", "en"])
        .output()
        .expect("runs");
    assert!(out.status.success());
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let value = |key: &str| {
        doc["values"]
            .as_array()
            .and_then(|v| v.iter().find(|x| x["key"] == key))
            .cloned()
            .expect(key)
    };
    assert_eq!(value("lang")["value"], "en");
    assert_eq!(value("lang")["origin"]["kind"], "flag");
    assert_eq!(value("account.hashtags")["origin"]["line"], 3);
    assert_eq!(value("platforms")["origin"]["kind"], "default");
}

#[test]
fn config_errors_name_file_line_column_and_exit_2() {
    let dir = tmp();
    let cases: &[(&str, &str)] = &[
        ("lang: fr\nacount:\n  name: x\n", ":2:1"),
        ("rules:\n  hashtag.to-many: off\n", ":2:"),
        ("account:\n  hashtags: \"#VilleExemple\"\n", ":2:"),
        ("platforms: [x, myspace]\n", ":1:"),
        ("account: [unclosed\n", ".twitterritorial.yaml"),
    ];
    for (yaml, place) in cases {
        std::fs::write(dir.path().join(".twitterritorial.yaml"), yaml).expect("write");
        cmd(dir.path())
            .arg("config")
            .assert()
            .code(2)
            .stderr(predicate::str::contains(".twitterritorial.yaml"))
            .stderr(predicate::str::contains(*place));
    }
    // The same errors in English with --lang en.
    std::fs::write(dir.path().join(".twitterritorial.yaml"), "acount: {}\n").expect("write");
    cmd(dir.path())
        .args(["config", "--lang", "en"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("unknown key"));
}

#[test]
fn local_packs_from_rules_dir_are_listed_and_checked() {
    let dir = tmp();
    std::fs::write(
        dir.path().join(".twitterritorial.yaml"),
        "rules_dir: regles\nrules:\n  local.jargon: error\n",
    )
    .expect("write");
    std::fs::create_dir(dir.path().join("regles")).expect("mkdir");
    let pack = "pack: local\nrules:\n  - id: local.jargon\n    category: local\n    severity: warning\n    check: {kind: words, replace: {\"suite à\": \"après\"}}\n    message: {fr: \"« {word} » : écrivez « {suggestion} ».\", en: \"“{word}”: write “{suggestion}”.\"}\n    description: {fr: \"Jargon.\", en: \"Jargon.\"}\n    examples:\n      trigger: [\"Suite à la réunion\"]\n      pass: [\"Après la réunion\"]\n";
    std::fs::write(dir.path().join("regles/local.yaml"), pack).expect("write");
    cmd(dir.path())
        .args(["rules", "--lang", "en"])
        .assert()
        .success()
        .stdout(predicate::str::contains("local.jargon"))
        .stdout(predicate::str::contains("error"));
    // A broken local pack is an input error with its position.
    std::fs::write(
        dir.path().join("regles/local.yaml"),
        pack.replace("kind: words", "kind: wordz"),
    )
    .expect("write");
    cmd(dir.path())
        .arg("rules")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("local.yaml:6:"))
        .stderr(predicate::str::contains("wordz"));
}
