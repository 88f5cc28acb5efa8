//! `twitterritorial check`, run as users run it: every draft format, every
//! output, every exit code, both languages, and bad input of every kind.
//!
//! Each test writes its drafts in a temporary folder (with the account
//! configuration of the rule examples), except the tests on `examples/`.

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;
use std::path::{Path, PathBuf};

const CONFIG: &str = "\
lang: fr
account:
  name: \"Ville d’Exemple\"
  handle: \"@VilleExemple\"
  hashtags: [\"#VilleExemple\"]
  website: \"https://www.ville-exemple.fr\"
platforms: [x]
";

/// A clean post: official hashtag, link to the official site.
const CLEAN: &str = "Marché de Noël samedi 28 novembre place de la Mairie. Programme : https://www.ville-exemple.fr/noel #VilleExemple";

/// Four hashtags: `hashtag.too-many` (a warning).
const TOO_MANY_HASHTAGS: &str = "Fête du sport au gymnase samedi : https://www.ville-exemple.fr/sport #VilleExemple #Sport #Basket #Handball";

/// Over 280 characters: `length.limit` (an error).
fn too_long() -> String {
    format!(
        "{} {}",
        "Travaux rue Victor-Hugo : circulation alternée.".repeat(7),
        "https://www.ville-exemple.fr/travaux #VilleExemple"
    )
}

struct Drafts {
    dir: tempfile::TempDir,
}

impl Drafts {
    /// A folder with the account configuration.
    fn new() -> Self {
        let drafts = Drafts {
            dir: tempfile::tempdir().expect("temporary folder"),
        };
        drafts.write(".twitterritorial.yaml", CONFIG);
        drafts
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    fn write(&self, name: &str, content: impl AsRef<[u8]>) -> PathBuf {
        let path = self.path(name);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("folder");
        std::fs::write(&path, content).expect("write");
        path
    }

    /// `twitterritorial check` run from this folder.
    fn check(&self) -> Command {
        let mut cmd = Command::cargo_bin("twitterritorial").expect("binary");
        cmd.current_dir(self.dir.path())
            .env_remove("NO_COLOR")
            .env_remove("CLICOLOR_FORCE")
            .arg("check");
        cmd
    }
}

fn json(output: &[u8]) -> Value {
    serde_json::from_slice(output)
        .unwrap_or_else(|e| panic!("JSON output ({e}): {}", String::from_utf8_lossy(output)))
}

fn diagnostics(report: &Value) -> &Vec<Value> {
    report["diagnostics"].as_array().expect("diagnostics array")
}

fn rules_of(report: &Value) -> Vec<String> {
    diagnostics(report)
        .iter()
        .map(|d| d["rule"].as_str().unwrap_or_default().to_string())
        .collect()
}

fn find<'a>(report: &'a Value, rule: &str) -> &'a Value {
    diagnostics(report)
        .iter()
        .find(|d| d["rule"] == rule)
        .unwrap_or_else(|| panic!("no {rule} in {report:#}"))
}

fn no_panic() -> impl Predicate<str> {
    predicate::str::contains("panicked").not()
}

// ---------------------------------------------------------------------------
// Formats

#[test]
fn txt_posts_are_separated_by_dashes() {
    let drafts = Drafts::new();
    drafts.write("travaux.txt", format!("{CLEAN}\n---\n{}\n", too_long()));
    let output = drafts
        .check()
        .args(["travaux.txt", "--format", "json"])
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let report = json(&output);
    let length = find(&report, "length.limit");
    assert_eq!(length["file"], "travaux.txt");
    assert_eq!(length["post"], "2");
    assert_eq!(length["severity"], "error");
    assert_eq!(length["line"], 3);
    assert_eq!(report["summary"]["posts"], 2);
    assert_eq!(report["summary"]["files"], 1);
}

#[test]
fn markdown_posts_images_front_matter_and_disable_comments() {
    let drafts = Drafts::new();
    let source = format!(
        "---\nplatform: x\nscheduled: 2026-11-14\n---\n\n{CLEAN}\n\n![](plan.png)\n\n---\n\n{TOO_MANY_HASHTAGS}\n\n---\n\n\
         <!-- twitterritorial-disable hashtag.too-many -->\n{TOO_MANY_HASHTAGS}\n"
    );
    drafts.write("mai.md", source);
    let output = drafts
        .check()
        .args(["mai.md", "--format", "json"])
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let report = json(&output);
    let alt = find(&report, "accessibility.alt-text");
    assert_eq!(alt["post"], "1");
    let hashtags: Vec<&Value> = diagnostics(&report)
        .iter()
        .filter(|d| d["rule"] == "hashtag.too-many")
        .collect();
    assert_eq!(
        hashtags.len(),
        1,
        "the third post turns the rule off: {report:#}"
    );
    assert_eq!(hashtags[0]["post"], "2");
    assert_eq!(hashtags[0]["line"], 12);
    assert_eq!(report["summary"]["posts"], 3);
}

#[test]
fn yaml_posts_threads_and_ignore_lists() {
    let drafts = Drafts::new();
    let source = format!(
        "- id: fete\n  text: \"{TOO_MANY_HASHTAGS}\"\n  media: [{{file: gymnase.jpg, alt: \"Le gymnase décoré\"}}]\n\
         - id: conseil\n  thread:\n    - \"{CLEAN}\"\n    - \"{}\"\n\
         - id: tranquille\n  ignore: [hashtag]\n  text: \"{TOO_MANY_HASHTAGS}\"\n",
        too_long()
    );
    drafts.write("posts.yaml", source);
    let output = drafts
        .check()
        .args(["posts.yaml", "--format", "json"])
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let report = json(&output);
    let hashtag = find(&report, "hashtag.too-many");
    assert_eq!(hashtag["post"], "fete");
    assert_eq!(hashtag["line"], 2);
    let length = find(&report, "length.limit");
    assert_eq!(length["post"], "conseil/2");
    assert_eq!(length["line"], 7);
    assert!(
        !diagnostics(&report)
            .iter()
            .any(|d| d["post"] == "tranquille" && d["category"] == "hashtag")
    );
    assert_eq!(report["summary"]["posts"], 4);
}

#[test]
fn hootsuite_csv_counts_the_link_column() {
    let drafts = Drafts::new();
    // The message alone fits; with the link Hootsuite appends, it does not.
    let message = format!(
        "{}Merci de votre patience !",
        "Information travaux : circulation alternée rue Victor-Hugo. ".repeat(4)
    );
    let source = format!(
        "12/11/2026 09:00,\"{CLEAN}\",\r\n13/11/2026 09:00,\"{}\",https://www.ville-exemple.fr/travaux\r\n",
        message.trim()
    );
    drafts.write("hootsuite.csv", source);
    let output = drafts
        .check()
        .args(["hootsuite.csv", "--format", "json"])
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let report = json(&output);
    let length = find(&report, "length.limit");
    assert_eq!(length["post"], "2");
    assert_eq!(length["line"], 2);
    assert_eq!(report["summary"]["posts"], 2);
}

#[test]
fn buffer_csv_is_recognised_by_its_header() {
    let drafts = Drafts::new();
    let source = format!(
        "Text,Image URL,Tags,Posting Time\n\"{CLEAN}\",,noel,2026-11-20 09:00\n\"{TOO_MANY_HASHTAGS}\",https://cdn.example/sport.jpg,sport,2026-11-21 09:00\n"
    );
    drafts.write("buffer.csv", source);
    let output = drafts
        .check()
        .args(["buffer.csv", "--format", "json"])
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let report = json(&output);
    assert_eq!(find(&report, "hashtag.too-many")["line"], 3);
    // Buffer's file has no alt-text column: the image has no description.
    assert_eq!(find(&report, "accessibility.alt-text")["post"], "2");
    assert_eq!(report["summary"]["posts"], 2);
}

#[test]
fn standard_input_in_any_format() {
    let drafts = Drafts::new();
    let output = drafts
        .check()
        .args(["-", "--format", "json"])
        .write_stdin(TOO_MANY_HASHTAGS)
        .assert()
        .code(0)
        .get_output()
        .stdout
        .clone();
    let report = json(&output);
    assert_eq!(find(&report, "hashtag.too-many")["file"], "<stdin>");

    let markdown = format!("{CLEAN}\n\n![](photo.jpg)\n");
    drafts
        .check()
        .args(["-", "--stdin-format", "md", "--format", "json"])
        .write_stdin(markdown)
        .assert()
        .code(1)
        .stdout(predicate::str::contains("accessibility.alt-text"));
}

#[test]
fn folders_are_walked_in_order() {
    let drafts = Drafts::new();
    drafts.write("brouillons/b.txt", TOO_MANY_HASHTAGS);
    drafts.write("brouillons/a.md", TOO_MANY_HASHTAGS);
    drafts.write("brouillons/.brouillon-cache.txt", TOO_MANY_HASHTAGS);
    drafts.write("brouillons/node_modules/x.txt", TOO_MANY_HASHTAGS);
    drafts.write("brouillons/notes.docx", "pas un brouillon");
    let output = drafts
        .check()
        .args(["brouillons", "--format", "json"])
        .assert()
        .code(0)
        .get_output()
        .stdout
        .clone();
    let report = json(&output);
    let files: Vec<&str> = diagnostics(&report)
        .iter()
        .map(|d| d["file"].as_str().unwrap_or_default())
        .collect();
    assert_eq!(files, ["brouillons/a.md", "brouillons/b.txt"]);
    assert_eq!(report["summary"]["files"], 2);
}

// ---------------------------------------------------------------------------
// Outputs

#[test]
fn human_output_underlines_the_problem_and_sums_up() {
    let drafts = Drafts::new();
    drafts.write("mai.txt", format!("{TOO_MANY_HASHTAGS}\n"));
    let assert = drafts.check().arg("mai.txt").assert().code(0);
    let stdout = String::from_utf8_lossy(&assert.get_output().stdout).into_owned();
    assert!(!stdout.contains('\u{1b}'), "no colours outside a terminal");
    snapbox::assert_data_eq!(
        stdout,
        snapbox::str![[r#"
avertissement[hashtag.too-many]: [..]
 --> mai.txt:1:[..]
  |
1 | Fête du sport au gymnase samedi : https://www.ville-exemple.fr/sport #VilleExemple #Sport #Basket #Handball
  | [..]^ publication 1
  |
  = aide : https://twitterritorial.github.io/twitterritorial/fr/regles.html#hashtag-too-many

⚠ 0 erreur, 1 avertissement, 0 remarque — 1 publication dans 1 fichier.

"#]]
    );
}

#[test]
fn colours_only_when_asked_and_never_with_no_color() {
    let drafts = Drafts::new();
    drafts.write("mai.txt", TOO_MANY_HASHTAGS);
    drafts
        .check()
        .args(["mai.txt", "--color", "always"])
        .assert()
        .stdout(predicate::str::contains("\u{1b}["));
    drafts
        .check()
        .args(["mai.txt"])
        .env("NO_COLOR", "1")
        .assert()
        .stdout(predicate::str::contains("\u{1b}[").not());
}

#[test]
fn json_output_has_the_documented_shape() {
    let drafts = Drafts::new();
    drafts.write("mai.txt", TOO_MANY_HASHTAGS);
    let output = drafts
        .check()
        .args(["mai.txt", "--format", "json"])
        .assert()
        .code(0)
        .get_output()
        .stdout
        .clone();
    let report = json(&output);
    assert_eq!(report["tool"], "twitterritorial");
    assert_eq!(report["version"], env!("CARGO_PKG_VERSION"));
    let d = find(&report, "hashtag.too-many");
    for key in [
        "rule",
        "category",
        "severity",
        "message",
        "file",
        "post",
        "line",
        "column",
        "end_line",
        "end_column",
        "excerpt",
        "help",
        "fix",
    ] {
        assert!(d.get(key).is_some(), "missing {key} in {d}");
    }
    assert_eq!(d.as_object().map(|o| o.len()), Some(13));
    assert_eq!(d["category"], "hashtag");
    assert_eq!(
        d["help"],
        "https://twitterritorial.github.io/twitterritorial/fr/regles.html#hashtag-too-many"
    );
    let (column, end_column) = (
        d["column"].as_u64().unwrap_or(0),
        d["end_column"].as_u64().unwrap_or(0),
    );
    let excerpt = d["excerpt"].as_str().unwrap_or_default();
    assert_eq!(
        end_column - column,
        excerpt.chars().count() as u64,
        "columns count characters, end exclusive"
    );
    let start = usize::try_from(column - 1).unwrap_or(0);
    assert_eq!(
        TOO_MANY_HASHTAGS
            .chars()
            .skip(start)
            .take(excerpt.chars().count())
            .collect::<String>(),
        excerpt
    );
    assert_eq!(
        report["summary"],
        serde_json::json!({"files": 1, "posts": 1, "errors": 0, "warnings": 1, "infos": 0})
    );
}

#[test]
fn github_output_annotates_the_pull_request() {
    let drafts = Drafts::new();
    drafts.write("a, b.txt", format!("{}\n", too_long()));
    let output = drafts
        .check()
        .args(["a, b.txt", "--format", "github"])
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8_lossy(&output);
    let line = text
        .lines()
        .find(|l| l.contains("title=length.limit"))
        .unwrap_or_else(|| panic!("{text}"));
    assert!(
        line.starts_with("::error file=a%2C b.txt,line=1,col="),
        "{line}"
    );
    assert!(line.contains(",endLine=1,endColumn="), "{line}");
    assert!(line.contains("%0AAide"), "{line}");
    assert!(
        text.lines().last().is_some_and(|l| l.starts_with('✖')),
        "{text}"
    );
}

#[test]
fn sarif_output_is_a_log_with_rules_and_results() {
    let drafts = Drafts::new();
    drafts.write(
        "mai.txt",
        format!("{TOO_MANY_HASHTAGS}\n---\n{}\n", too_long()),
    );
    let output = drafts
        .check()
        .args(["mai.txt", "--format", "sarif"])
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let log = json(&output);
    assert_eq!(log["version"], "2.1.0");
    let run = &log["runs"][0];
    assert_eq!(run["tool"]["driver"]["name"], "twitterritorial");
    let rules = run["tool"]["driver"]["rules"].as_array().expect("rules");
    assert!(rules.iter().all(|r| {
        r["helpUri"]
            .as_str()
            .is_some_and(|u| u.contains("/regles.html#"))
    }));
    let results = run["results"].as_array().expect("results");
    assert!(
        results
            .iter()
            .any(|r| r["ruleId"] == "length.limit" && r["level"] == "error")
    );
    assert_eq!(run["columnKind"], "unicodeCodePoints");
}

// ---------------------------------------------------------------------------
// Exit codes and severities

#[test]
fn exit_codes_follow_the_failure_level() {
    let drafts = Drafts::new();
    drafts.write("propre.txt", CLEAN);
    drafts.write("avertissement.txt", TOO_MANY_HASHTAGS);
    drafts.write("erreur.txt", too_long());
    drafts
        .check()
        .arg("propre.txt")
        .assert()
        .code(0)
        .stdout(predicate::str::contains("✔ Aucun problème"));
    drafts.check().arg("avertissement.txt").assert().code(0);
    drafts
        .check()
        .args(["avertissement.txt", "--deny-warnings"])
        .assert()
        .code(1);
    drafts
        .check()
        .args(["avertissement.txt", "--fail-on", "warning"])
        .assert()
        .code(1);
    drafts.check().args(["erreur.txt"]).assert().code(1);
    drafts
        .check()
        .args(["erreur.txt", "--ignore", "length.limit"])
        .assert()
        .code(0);
    drafts
        .check()
        .args(["propre.txt", "absent.txt"])
        .assert()
        .code(2);
    drafts
        .check()
        .args(["propre.txt", "--format", "yaml"])
        .assert()
        .code(2);
}

#[test]
fn min_severity_hides_without_changing_the_outcome() {
    let drafts = Drafts::new();
    drafts.write(
        "mai.txt",
        format!("{TOO_MANY_HASHTAGS}\n---\n{}\n", too_long()),
    );
    let output = drafts
        .check()
        .args(["mai.txt", "--format", "json", "--min-severity", "error"])
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let report = json(&output);
    assert!(
        diagnostics(&report)
            .iter()
            .all(|d| d["severity"] == "error"),
        "{report:#}"
    );
    assert!(
        report["summary"]["warnings"].as_u64() >= Some(1),
        "the summary counts every finding"
    );
}

#[test]
fn only_and_ignore_select_rules_by_id_or_category() {
    let drafts = Drafts::new();
    drafts.write(
        "mai.txt",
        format!("{TOO_MANY_HASHTAGS}\n---\n{}\n", too_long()),
    );
    let only = |args: &[&str]| {
        let output = drafts
            .check()
            .args(["mai.txt", "--format", "json"])
            .args(args)
            .output()
            .expect("run");
        rules_of(&json(&output.stdout))
    };
    assert!(
        only(&["--only", "hashtag"])
            .iter()
            .all(|r| r.starts_with("hashtag."))
    );
    assert_eq!(only(&["--only", "length.limit,hashtag.too-many"]).len(), 2);
    assert!(
        !only(&["--ignore", "hashtag", "--ignore", "length"])
            .iter()
            .any(|r| r.starts_with("hashtag.") || r.starts_with("length."))
    );
    drafts
        .check()
        .args(["mai.txt", "--only", "hashtag.too-manny"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("hashtag.too-many"));
}

// ---------------------------------------------------------------------------
// Languages

#[test]
fn messages_in_french_by_default_and_in_english_on_request() {
    let drafts = Drafts::new();
    drafts.write("mai.txt", too_long());
    drafts
        .check()
        .arg("mai.txt")
        .assert()
        .code(1)
        .stdout(predicate::str::contains("erreur[length.limit]"))
        .stdout(predicate::str::contains(
            "1 erreur, 0 avertissement, 0 remarque — 1 publication dans 1 fichier.",
        ));
    drafts
        .check()
        .args(["mai.txt", "--lang", "en"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("error[length.limit]"))
        .stdout(predicate::str::contains("/en/regles.html#length-limit"))
        .stdout(predicate::str::contains(
            "1 error, 0 warnings, 0 notes — 1 post in 1 file.",
        ));
    // The configuration's language applies without the flag.
    drafts.write(
        ".twitterritorial.yaml",
        CONFIG.replace("lang: fr", "lang: en"),
    );
    drafts
        .check()
        .arg("mai.txt")
        .assert()
        .stdout(predicate::str::contains("error[length.limit]"));
}

// ---------------------------------------------------------------------------
// Configuration

#[test]
fn the_configuration_is_found_above_each_checked_file() {
    let drafts = Drafts::new();
    drafts.write(
        "commune/.twitterritorial.yaml",
        CONFIG.replace("#VilleExemple", "#AutreVille"),
    );
    drafts.write(
        "commune/brouillons/a.txt",
        "Fête ce soir sur la place https://www.ville-exemple.fr/fete #autreville",
    );
    // Run from the parent folder: the commune's file applies.
    let output = drafts
        .check()
        .args(["commune", "--format", "json"])
        .output()
        .expect("run");
    let report = json(&output.stdout);
    assert_eq!(
        find(&report, "hashtag.official-spelling")["file"],
        "commune/brouillons/a.txt"
    );
    // An explicit --config wins.
    let output = drafts
        .check()
        .args(["commune", "--format", "json", "--config"])
        .arg(drafts.path(".twitterritorial.yaml"))
        .output()
        .expect("run");
    assert!(!rules_of(&json(&output.stdout)).contains(&"hashtag.official-spelling".to_string()));
}

#[test]
fn a_broken_configuration_stops_with_its_line() {
    let drafts = Drafts::new();
    drafts.write(".twitterritorial.yaml", "lang: fr\nacount:\n  name: x\n");
    drafts.write("a.txt", CLEAN);
    drafts
        .check()
        .arg("a.txt")
        .assert()
        .code(2)
        .stderr(predicate::str::contains(".twitterritorial.yaml:2"))
        .stderr(no_panic());
}

// ---------------------------------------------------------------------------
// Bad input: a clear message naming the file, the other files still checked

/// Checks `bad` next to a file with a known finding: the message names the
/// bad file, the good file is still checked, exit code 2.
fn bad_input(drafts: &Drafts, bad: &str, expected: &str) {
    drafts.write("bon.txt", TOO_MANY_HASHTAGS);
    let assert = drafts
        .check()
        .args([bad, "bon.txt", "--format", "json"])
        .assert()
        .code(2)
        .stderr(no_panic());
    let output = assert.get_output();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains(bad), "the message names {bad}: {stderr}");
    assert!(stderr.contains(expected), "{expected:?} in {stderr}");
    let report = json(&output.stdout);
    assert_eq!(
        find(&report, "hashtag.too-many")["file"],
        "bon.txt",
        "the good file is still checked"
    );
}

#[test]
fn a_missing_file() {
    bad_input(&Drafts::new(), "absent.md", "introuvable");
}

#[test]
fn a_folder_without_drafts() {
    let drafts = Drafts::new();
    drafts.write("vide/notes.docx", "x");
    bad_input(&drafts, "vide", "aucun brouillon");
}

#[test]
fn a_binary_file() {
    let drafts = Drafts::new();
    drafts.write("photo.md", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\x01\0");
    bad_input(&drafts, "photo.md", "binaire");
}

#[test]
fn invalid_utf8_names_the_line() {
    let drafts = Drafts::new();
    drafts.write("latin1.txt", b"Premi\xE8re ligne\n");
    bad_input(&drafts, "latin1.txt", "latin1.txt:1:6");
    drafts.write("latin1.csv", b"12/11/2026,Bon post,\n13/11/2026,F\xEAte,\n");
    bad_input(&drafts, "latin1.csv", "latin1.csv:2:13");
}

#[test]
fn an_empty_file_is_only_a_warning() {
    let drafts = Drafts::new();
    drafts.write("vide.md", "\n\n");
    drafts.write("bon.txt", TOO_MANY_HASHTAGS);
    drafts
        .check()
        .args(["vide.md", "bon.txt"])
        .assert()
        .code(0)
        .stderr(predicate::str::contains(
            "vide.md\u{a0}: avertissement\u{a0}: fichier vide",
        ))
        .stdout(predicate::str::contains("hashtag.too-many"));
}

#[test]
fn csv_with_broken_quoting() {
    let drafts = Drafts::new();
    drafts.write(
        "casse.csv",
        format!("12/11/2026,\"{CLEAN}\",\n13/11/2026,\"Jamais refermé,\n14/11/2026,{CLEAN},\n"),
    );
    bad_input(&drafts, "casse.csv", "casse.csv:2:12");
}

#[test]
fn a_yaml_post_with_a_wrong_type() {
    let drafts = Drafts::new();
    drafts.write(
        "mauvais.yaml",
        format!("- text: \"{CLEAN}\"\n- text: [une, liste]\n"),
    );
    bad_input(&drafts, "mauvais.yaml", "mauvais.yaml:2:9");
}

#[test]
fn a_fifty_megabyte_file() {
    let drafts = Drafts::new();
    let line = format!("{CLEAN}\n");
    let big = line.repeat(50 * 1024 * 1024 / line.len() + 1);
    drafts.write("enorme.md", &big);
    bad_input(&drafts, "enorme.md", "trop gros");
    // The same size as CSV is streamed and checked (one record of 50 MB is
    // not a post).
    drafts.write(
        "enorme.csv",
        format!("12/11/2026,\"{}\",\n", big.replace('"', "")),
    );
    bad_input(&drafts, "enorme.csv", "enorme.csv:1:1");
}

#[test]
fn an_unknown_extension() {
    let drafts = Drafts::new();
    drafts.write("brouillon.docx", "x");
    bad_input(&drafts, "brouillon.docx", ".docx");
}

#[test]
fn a_closed_pipe_ends_quietly() {
    use std::io::Read;
    use std::process::{Command as Process, Stdio};
    let drafts = Drafts::new();
    let mut csv = String::new();
    for day in 0..5000 {
        csv.push_str(&format!("12/11/2026,\"Post {day} {TOO_MANY_HASHTAGS}\",\n"));
    }
    drafts.write("beaucoup.csv", csv);
    let mut child = Process::new(assert_cmd::cargo::cargo_bin("twitterritorial"))
        .current_dir(drafts.dir.path())
        .args(["check", "beaucoup.csv"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    let mut first = [0u8; 512];
    child
        .stdout
        .take()
        .expect("stdout")
        .read_exact(&mut first)
        .expect("some output");
    // Dropping the pipe's read end, like `| head` does.
    let output = child.wait_with_output().expect("wait");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.is_empty(), "nothing on stderr: {stderr}");
    assert!(
        output.status.code().is_some(),
        "ended by itself, not killed by a signal"
    );
}

// ---------------------------------------------------------------------------
// The examples of the README

fn repository() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn the_examples_hold_every_format_and_both_clean_and_faulty_posts() {
    let mut cmd = Command::cargo_bin("twitterritorial").expect("binary");
    let output = cmd
        .current_dir(repository())
        .args([
            "check",
            "examples/brouillons/",
            "--format",
            "json",
            "--today",
            "2026-11-10",
        ])
        .output()
        .expect("run");
    assert_eq!(
        output.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(
        output.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let report = json(&output.stdout);
    let files: std::collections::BTreeSet<&str> = diagnostics(&report)
        .iter()
        .filter_map(|d| d["file"].as_str())
        .collect();
    for name in [
        "novembre-2026.md",
        "travaux-victor-hugo.txt",
        "conseil-municipal.yaml",
        "hootsuite-decembre.csv",
        "buffer-janvier.csv",
    ] {
        assert!(
            files.iter().any(|f| f.ends_with(name)),
            "{name} has findings: {files:?}"
        );
    }
    // The account configuration of examples/ applies (official hashtag).
    assert!(rules_of(&report).contains(&"hashtag.official-spelling".to_string()));
    // Some posts are clean.
    let faulty: std::collections::BTreeSet<(String, String)> = diagnostics(&report)
        .iter()
        .map(|d| (d["file"].to_string(), d["post"].to_string()))
        .collect();
    let posts = report["summary"]["posts"].as_u64().unwrap_or(0);
    assert!(
        (faulty.len() as u64) < posts,
        "{} faulty posts out of {posts}",
        faulty.len()
    );
    // Five files: the configuration is not read as a draft.
    assert_eq!(report["summary"]["files"], 5);
}

// ---------------------------------------------------------------------------
// SARIF validation by Microsoft's validator

/// `Sarif.Multitool`: `$SARIF_MULTITOOL`, else the one `npm install
/// @microsoft/sarif-multitool-linux` puts in `node_modules`, else on `PATH`.
fn sarif_multitool() -> Option<PathBuf> {
    if let Some(path) = std::env::var_os("SARIF_MULTITOOL") {
        return Some(PathBuf::from(path));
    }
    let local = repository().join("node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool");
    if local.is_file() {
        return Some(local);
    }
    std::env::split_paths(&std::env::var_os("PATH").unwrap_or_default())
        .map(|dir| dir.join("Sarif.Multitool"))
        .find(|p| p.is_file())
}

/// Runs the validator on a SARIF log; returns its error-level results.
fn validate_sarif(tool: &Path, log: &Path, dir: &Path) -> Vec<String> {
    let verdict = dir.join(format!(
        "{}.validation.sarif",
        log.file_name().unwrap_or_default().to_string_lossy()
    ));
    let status = std::process::Command::new(tool)
        .arg("validate")
        .arg(log)
        .arg("--output")
        .arg(&verdict)
        .env("DOTNET_CLI_TELEMETRY_OPTOUT", "1")
        .status()
        .expect("run Sarif.Multitool");
    assert!(status.success(), "Sarif.Multitool failed: {status}");
    let verdict: Value = json(&std::fs::read(&verdict).expect("validation log"));
    let mut problems = Vec::new();
    for run in verdict["runs"].as_array().into_iter().flatten() {
        for result in run["results"].as_array().into_iter().flatten() {
            let level = result["level"].as_str().unwrap_or("warning");
            let text = format!(
                "{level} {} {} at {}",
                result["ruleId"],
                result["message"],
                result["locations"][0]["physicalLocation"]["region"]
            );
            eprintln!("validator: {text}");
            if level == "error" {
                problems.push(text);
            }
        }
    }
    problems
}

#[test]
fn sarif_passes_microsofts_validator() {
    let Some(tool) = sarif_multitool() else {
        assert!(
            std::env::var_os("TWITTERRITORIAL_REQUIRE_SARIF_VALIDATOR").is_none(),
            "TWITTERRITORIAL_REQUIRE_SARIF_VALIDATOR is set but Sarif.Multitool was not found \
             (npm install --no-save @microsoft/sarif-multitool-linux, or set SARIF_MULTITOOL)"
        );
        eprintln!(
            "SKIPPED sarif_passes_microsofts_validator: Sarif.Multitool not found. Install it with \
             `npm install --no-save @microsoft/sarif-multitool-linux` at the repository root (or set SARIF_MULTITOOL)."
        );
        return;
    };
    let dir = tempfile::tempdir().expect("temporary folder");
    // The examples (findings of every kind, fixes), and a run with input
    // problems (tool notifications).
    let examples = Command::cargo_bin("twitterritorial")
        .expect("binary")
        .current_dir(repository())
        .args([
            "check",
            "examples/brouillons/",
            "--format",
            "sarif",
            "--today",
            "2026-11-10",
        ])
        .output()
        .expect("run");
    let examples_log = dir.path().join("examples.sarif");
    std::fs::write(&examples_log, &examples.stdout).expect("write");
    let drafts = Drafts::new();
    drafts.write("bon.txt", TOO_MANY_HASHTAGS);
    drafts.write("casse.csv", "12/11/2026,\"Jamais refermé,\n");
    let problems = drafts
        .check()
        .args(["bon.txt", "casse.csv", "absent.md", "--format", "sarif"])
        .output()
        .expect("run");
    assert_eq!(problems.status.code(), Some(2));
    let problems_log = dir.path().join("problems.sarif");
    std::fs::write(&problems_log, &problems.stdout).expect("write");

    for log in [&examples_log, &problems_log] {
        let errors = validate_sarif(&tool, log, dir.path());
        assert!(
            errors.is_empty(),
            "{} is not valid SARIF:\n{}",
            log.display(),
            errors.join("\n")
        );
    }
}
