//! `twitterritorial archive` as a user runs it: each output, both
//! languages, the exit codes, bad input.

use assert_cmd::Command;
use predicates::prelude::*;
use std::io::Write;
use std::path::{Path, PathBuf};

fn fixture(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/archive")
        .join(path)
}

/// The command, run from an empty folder so that no configuration file
/// of the repository is picked up.
fn archive(cwd: &Path) -> Command {
    let mut cmd = Command::cargo_bin("twitterritorial").unwrap();
    cmd.current_dir(cwd).arg("archive");
    cmd
}

const FLAGS: &[&str] = &[
    "--hashtag",
    "#VilleExemple",
    "--local-account",
    "@EcoleJaures",
    "--today",
    "2026-03-20",
];

#[test]
fn human_summary_in_french_puts_the_election_finding_first() {
    let dir = tempfile::tempdir().unwrap();
    let output = archive(dir.path())
        .arg(fixture("ville-exemple"))
        .args(FLAGS)
        .output()
        .unwrap();
    // A post promoting the record inside the municipales 2026 window is an
    // error-level finding: exit code 1.
    assert_eq!(
        output.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let text = String::from_utf8(output.stdout).unwrap();
    let first = text.split("1. ").nth(1).expect("a first piece of advice");
    assert!(first.starts_with("Période pré-électorale «\u{a0}Municipales 2026\u{a0}» (du 1er septembre 2025 au 22 mars 2026)"), "{first}");
    assert!(first.contains("Bilan de mandat"));
    assert!(text.contains("À changer en priorité"));
    assert!(
        text.contains("Plus long silence\u{a0}: 72 jours, du 21 juin 2025 au 31 août 2025."),
        "{text}"
    );
    assert!(text.contains("political.achievement"));
    assert!(text.contains("neutralite-elections.html"));
}

#[test]
fn human_summary_in_english() {
    let dir = tempfile::tempdir().unwrap();
    archive(dir.path())
        .arg(fixture("ville-exemple"))
        .args(FLAGS)
        .args(["--lang", "en"])
        .assert()
        .code(1)
        .stdout(
            predicate::str::contains("What to change first").and(predicate::str::contains(
                "Pre-election period “Municipales 2026” (1 September 2025 to 22 March 2026)",
            )),
        );
}

#[test]
fn json_carries_every_measure_and_the_advice() {
    let dir = tempfile::tempdir().unwrap();
    let output = archive(dir.path())
        .arg(fixture("ville-exemple"))
        .args(FLAGS)
        .args(["--format", "json"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(json["tool"], "twitterritorial");
    assert_eq!(json["command"], "archive");
    let audit = &json["audit"];
    assert_eq!(audit["totals"]["posts"], 10);
    assert_eq!(audit["totals"]["replies"], 1);
    assert_eq!(audit["totals"]["self_threads"], 1);
    assert_eq!(audit["totals"]["local_reposts"], 1);
    assert_eq!(audit["months"].as_array().unwrap().len(), 10);
    assert_eq!(audit["months"][8]["month"], "2026-02");
    assert_eq!(audit["months"][8]["posts"], 3);
    assert_eq!(audit["regularity"]["longest_silence"]["days"], 72);
    assert_eq!(audit["account"]["handle"], "VilleExemple");
    let window = audit["political"]["windows"]
        .as_array()
        .unwrap()
        .iter()
        .find(|w| w["name"] == "Municipales 2026")
        .expect("the municipales 2026 window");
    assert_eq!(window["start"], "2025-09-01");
    assert_eq!(window["end"], "2026-03-22");
    assert_eq!(window["posts"], 1);
    assert_eq!(window["by_rule"]["political.achievement"], 1);
    assert_eq!(json["advice"][0]["id"], "political-window");
    assert!(json["advice"].as_array().unwrap().len() <= 3);
    let rule = audit["rules"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["rule"] == "political.achievement")
        .unwrap();
    assert_eq!(rule["severity"], "error");
}

#[test]
fn html_is_one_self_contained_escaped_file() {
    let dir = tempfile::tempdir().unwrap();
    // An archive whose account name holds markup.
    let data = dir.path().join("arch/data");
    std::fs::create_dir_all(&data).unwrap();
    for name in ["tweets.js", "tweets-part1.js", "profile.js"] {
        std::fs::copy(fixture("ville-exemple/data").join(name), data.join(name)).unwrap();
    }
    std::fs::write(
        data.join("account.js"),
        "window.YTD.account.part0 = [ { \"account\" : { \"username\" : \"VilleExemple\", \"accountId\" : \"1234567890\", \"accountDisplayName\" : \"Ville <script>alert(1)</script> & Co\" } } ]",
    )
    .unwrap();
    let out = dir.path().join("rapport.html");
    std::fs::write(&out, "ancien rapport").unwrap();
    archive(dir.path())
        .arg(dir.path().join("arch"))
        .args(FLAGS)
        .args(["--format", "html", "--output"])
        .arg(&out)
        .assert()
        .code(1)
        .stdout("");
    let html = std::fs::read_to_string(&out).unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&out).unwrap().permissions().mode() & 0o777;
        assert_eq!(
            mode & 0o044,
            0o044,
            "the report stays readable by others, as the file it replaced: {mode:o}"
        );
    }
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(html.contains("Ville &lt;script&gt;alert(1)&lt;/script&gt; &amp; Co"));
    assert!(!html.contains("<script"), "no script, escaped text only");
    assert!(
        !html.contains("<link")
            && !html.contains(" src=")
            && !html.contains("url(http")
            && !html.contains("@import"),
        "no outside resource"
    );
    assert_eq!(html.matches("<svg").count(), 4, "four charts");
    assert!(html.contains("Municipales 2026"));
    assert!(html.contains("@media print"));
}

#[test]
fn a_zip_is_read_as_x_sends_it() {
    let dir = tempfile::tempdir().unwrap();
    let zip_path = dir.path().join("twitter-2026-03-18.zip");
    let mut zip = zip::ZipWriter::new(std::fs::File::create(&zip_path).unwrap());
    let options = zip::write::SimpleFileOptions::default();
    for name in ["tweets.js", "tweets-part1.js", "account.js", "profile.js"] {
        zip.start_file(format!("data/{name}"), options).unwrap();
        zip.write_all(&std::fs::read(fixture("ville-exemple/data").join(name)).unwrap())
            .unwrap();
    }
    zip.finish().unwrap();
    let output = archive(dir.path())
        .arg(&zip_path)
        .args(FLAGS)
        .args(["--format", "json"])
        .output()
        .unwrap();
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(json["audit"]["totals"]["posts"], 10);
    assert_eq!(json["audit"]["files"].as_array().unwrap().len(), 2);
}

#[test]
fn bad_input_is_an_error_with_the_file_named() {
    let dir = tempfile::tempdir().unwrap();
    archive(dir.path())
        .arg(dir.path().join("absent.zip"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("absent.zip"));
    archive(dir.path())
        .arg(fixture("bad/truncated-tweets.js"))
        .assert()
        .code(2)
        .stderr(
            predicate::str::contains("truncated-tweets.js")
                .and(predicate::str::contains("truncated"))
                .and(predicate::str::contains("line")),
        );
    archive(dir.path())
        .arg(fixture("bad/not-archive.js"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("window.YTD.tweets.part0"));
    let zip_path = dir.path().join("photos.zip");
    let mut zip = zip::ZipWriter::new(std::fs::File::create(&zip_path).unwrap());
    zip.start_file("photo.jpg", zip::write::SimpleFileOptions::default())
        .unwrap();
    zip.write_all(b"jpeg").unwrap();
    zip.finish().unwrap();
    archive(dir.path()).arg(&zip_path).assert().code(2).stderr(
        predicate::str::contains("photos.zip").and(predicate::str::contains("not an X archive")),
    );
    archive(dir.path())
        .arg(fixture("ville-exemple"))
        .args(["--today", "20/03/2026"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("YYYY-MM-DD"));
}

#[test]
fn skipped_posts_are_reported_not_hidden() {
    let dir = tempfile::tempdir().unwrap();
    let output = archive(dir.path())
        .arg(fixture("bad/missing-field/tweets.js"))
        .args(FLAGS)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    let text = String::from_utf8(output.stdout).unwrap();
    assert!(text.contains("laissées de côté\u{a0}: 2"), "{text}");
    assert!(text.contains("missing-field"));
    assert!(text.contains("created_at"));
    let output = archive(dir.path())
        .arg(fixture("bad/missing-field/tweets.js"))
        .args(FLAGS)
        .args(["--format", "json"])
        .output()
        .unwrap();
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(json["audit"]["problems"]["skipped"], 2);
    assert_eq!(json["audit"]["totals"]["posts"], 2);
}

#[test]
fn the_configuration_file_gives_the_account() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join(".twitterritorial.yaml"),
        "lang: en\naccount:\n  name: \"Ville d'Exemple\"\n  handle: \"@VilleExemple\"\n  hashtags: [\"#VilleExemple\"]\n  website: \"https://www.ville-exemple.fr\"\n",
    )
    .unwrap();
    let output = archive(dir.path())
        .arg(fixture("tweets.csv"))
        .args(["--today", "2024-06-10", "--format", "json"])
        .output()
        .unwrap();
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(json["lang"], "en");
    assert_eq!(
        json["audit"]["account"]["official_hashtags"][0],
        "#VilleExemple"
    );
    assert_eq!(json["audit"]["totals"]["official_hashtag"], 1);
    assert_eq!(json["audit"]["totals"]["misspelled_hashtag"], 1);
    assert_eq!(json["audit"]["totals"]["website_links"], 1);
}

#[test]
fn local_accounts_from_a_file() {
    let dir = tempfile::tempdir().unwrap();
    let list = dir.path().join("comptes-locaux.txt");
    std::fs::write(&list, "# écoles\n@EcoleJaures\n\nPrefet99  # préfecture\n").unwrap();
    let output = archive(dir.path())
        .arg(fixture("ville-exemple"))
        .args([
            "--today",
            "2026-03-20",
            "--format",
            "json",
            "--local-accounts-file",
        ])
        .arg(&list)
        .output()
        .unwrap();
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(json["audit"]["totals"]["local_reposts"], 2);
    assert_eq!(json["audit"]["account"]["local_accounts"], 2);
    std::fs::write(&list, "@EcoleJaures\nhttps://x.com/oops\n").unwrap();
    archive(dir.path())
        .arg(fixture("ville-exemple"))
        .arg("--local-accounts-file")
        .arg(&list)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("comptes-locaux.txt:2:1"));
}
