//! `twitterritorial assess` from the outside: answers files, formats, output
//! file, evidence, and exit code 2 with file:line:column on bad input.

use assert_cmd::Command;
use std::path::PathBuf;

fn example(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("examples/assessment")
        .join(format!("{name}.yaml"))
}

fn assess() -> Command {
    let mut cmd = Command::cargo_bin("twitterritorial").expect("binary");
    cmd.arg("assess");
    cmd
}

fn stdout_of(cmd: &mut Command) -> String {
    let out = cmd.output().expect("runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("utf-8")
}

#[test]
fn the_examples_give_their_levels_in_every_format() {
    let human = stdout_of(assess().arg("--answers").arg(example("beginner")));
    assert!(human.contains("Niveau général\u{a0}: "), "{human}");
    assert!(human.contains("Premiers pas"));
    assert!(human.contains(
        "https://twitterritorial.github.io/twitterritorial/fr/accessibilite.html#texte-alternatif"
    ));

    let json = stdout_of(
        assess()
            .arg("--answers")
            .arg(example("exemplary"))
            .args(["--format", "json", "--lang", "en"]),
    );
    let json: serde_json::Value = serde_json::from_str(&json).expect("json");
    assert_eq!(json["tool"], "twitterritorial");
    assert_eq!(json["kind"], "assessment");
    assert_eq!(json["overall"]["level"]["id"], "exemplary");
    assert_eq!(json["overall"]["level"]["name"], "Exemplary");
    assert_eq!(json["sections"].as_array().map(Vec::len), Some(7));
    assert!(
        json["actions"][0]["link"]
            .as_str()
            .is_some_and(|l| l.contains("/en/"))
    );

    let md = stdout_of(
        assess()
            .arg("--answers")
            .arg(example("broadcast-only"))
            .args(["--format", "markdown"]),
    );
    assert!(
        md.starts_with("# Auto-évaluation du compte — Ville de Diffusion-sur-Loire\n"),
        "{md}"
    );
    assert!(md.contains("| [Étape 4\u{a0}: dialoguer](https://twitterritorial.github.io/twitterritorial/fr/etape-4-dialoguer.html) | 0/100 |"));
    assert_eq!(md.matches("\n1. ").count() + md.matches("\n5. ").count(), 2);
}

#[test]
fn the_html_report_is_self_contained_and_escapes_what_it_shows() {
    let dir = tempfile::tempdir().expect("tmp");
    let answers = dir.path().join("answers.yaml");
    std::fs::write(
        &answers,
        "version: 1\naccount: \"<script>alert(1)</script> & Cie\"\nanswers:\n  step1.goals: yes\n",
    )
    .expect("write");
    let out = dir.path().join("rapport.html");
    let run = assess()
        .arg("--answers")
        .arg(&answers)
        .args([
            "--format",
            "html",
            "--help-base-url",
            "https://guide.example.org/",
        ])
        .arg("--output")
        .arg(&out)
        .output()
        .expect("runs");
    assert!(run.status.success());
    assert!(run.stdout.is_empty(), "the report goes to the file only");
    let html = std::fs::read_to_string(&out).expect("report");
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; Cie"));
    assert!(!html.contains("<script"));
    assert!(html.contains("<svg id=\"score-chart\""));
    assert!(html.contains("href=\"https://guide.example.org/fr/etape-1-apprendre.html\""));
    assert!(html.contains("class=\"help-link\" href=\"https://guide.example.org/fr/"));
    // Nothing is loaded from elsewhere: no src=, no stylesheet link, no url()
    // other than the chart's own patterns.
    assert!(!html.contains("src="));
    assert!(!html.contains("<link"));
    assert!(!html.contains("@import"));
    for (i, _) in html.match_indices("url(") {
        assert!(
            html[i..].starts_with("url(#tt-level-"),
            "{}",
            &html[i..i + 40]
        );
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&out).expect("meta").permissions().mode() & 0o777;
        assert_eq!(mode, 0o644, "a new report is readable like any new file");
    }
}

fn failure(args: &[&str], file_text: Option<&str>) -> String {
    let dir = tempfile::tempdir().expect("tmp");
    let path = dir.path().join("reponses.yaml");
    let mut cmd = assess();
    if let Some(text) = file_text {
        std::fs::write(&path, text).expect("write");
        cmd.arg("--answers").arg(&path);
    }
    let out = cmd.args(args).output().expect("runs");
    assert_eq!(
        out.status.code(),
        Some(2),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    String::from_utf8(out.stderr).expect("utf-8")
}

#[test]
fn bad_answer_files_stop_with_their_place_and_exit_2() {
    let err = failure(&[], Some("version: 1\nanswers:\n  step9.magic: yes\n"));
    assert!(
        err.contains("reponses.yaml:3:3: question « step9.magic » inconnue"),
        "{err}"
    );

    let err = failure(
        &["--lang", "en"],
        Some("version: 1\nanswers:\n  step3.posts-per-week: lots\n"),
    );
    assert!(
        err.contains(
            "reponses.yaml:3:25: question `step3.posts-per-week` expects a number, not `lots`."
        ),
        "{err}"
    );

    let err = failure(&[], Some("answers:\n  step1.goals: yes\n"));
    assert!(
        err.contains("reponses.yaml:1:1: il manque la version du fichier"),
        "{err}"
    );
    assert!(err.contains("version: 1"), "says what to add: {err}");

    let err = failure(&["--answers", "/nonexistent/reponses.yaml"], None);
    assert!(
        err.contains("/nonexistent/reponses.yaml: lecture impossible"),
        "{err}"
    );

    let err = failure(&["--format", "pdf"], Some("version: 1\n"));
    assert!(err.contains("pdf"), "{err}");
}

#[test]
fn without_a_terminal_or_answers_the_command_says_what_to_do() {
    let dir = tempfile::tempdir().expect("tmp");
    let out = assess()
        .current_dir(dir.path())
        .write_stdin("")
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("--answers FICHIER"), "{err}");
    assert!(
        std::fs::read_dir(dir.path()).expect("dir").next().is_none(),
        "no file written"
    );
}

#[test]
fn evidence_files_override_declared_answers() {
    let dir = tempfile::tempdir().expect("tmp");
    let profile = dir.path().join("profil.yaml");
    std::fs::write(
        &profile,
        "profile:\n  handle_short: false\n  moderation_charter: true\n",
    )
    .expect("write");
    let archive = dir.path().join("archive.json");
    std::fs::write(
        &archive,
        r#"{"archive": {"reply_share": 22.5, "questions_per_month": 3}}"#,
    )
    .expect("write");
    let json = stdout_of(
        assess()
            .arg("--answers")
            .arg(example("broadcast-only"))
            .arg("--evidence")
            .arg(&profile)
            .arg("--evidence")
            .arg(&archive)
            .args(["--format", "json"]),
    );
    let json: serde_json::Value = serde_json::from_str(&json).expect("json");
    let answer = |id: &str| {
        json["answers"]
            .as_array()
            .and_then(|a| a.iter().find(|x| x["question"] == id))
            .cloned()
            .expect(id)
    };
    assert_eq!(answer("step2.handle-short")["source"], "measured");
    assert_eq!(answer("step2.handle-short")["value"], false);
    assert_eq!(answer("step2.handle-short")["declared"], "Oui");
    assert_eq!(answer("step2.moderation-charter")["value"], true);
    assert_eq!(answer("step4.reply-share")["value"], 22.5);
    assert_eq!(
        answer("step4.reply-share")["evidence"],
        "archive.reply_share"
    );
    assert_eq!(answer("step2.two-factor")["source"], "declared");
    assert_eq!(json["counts"]["measured"], 4);

    let human = stdout_of(
        assess()
            .arg("--answers")
            .arg(example("broadcast-only"))
            .arg("--evidence")
            .arg(&profile),
    );
    assert!(human.contains("Réponses mesurées"), "{human}");
    assert!(
        human.contains("step2.handle-short\u{a0}: Non (vous aviez déclaré Oui)"),
        "{human}"
    );

    std::fs::write(&profile, "profile:\n  handle_short: perhaps\n").expect("write");
    let err = failure(
        &["--evidence", profile.to_str().expect("path")],
        Some("version: 1\n"),
    );
    assert!(err.contains("profil.yaml:2:"), "{err}");
    assert!(err.contains("fichier de mesures invalide"), "{err}");
}

#[test]
fn an_archive_measures_the_rhythm_the_replies_and_the_automation() {
    let fixture =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/archive/ville-exemple");
    let json = stdout_of(
        assess()
            .arg("--answers")
            .arg(example("broadcast-only"))
            .arg("--archive")
            .arg(&fixture)
            .args(["--format", "json"]),
    );
    let json: serde_json::Value = serde_json::from_str(&json).expect("json");
    let answer = |id: &str| {
        json["answers"]
            .as_array()
            .and_then(|a| a.iter().find(|x| x["question"] == id))
            .cloned()
            .expect(id)
    };
    // The fixture: 10 posts over 264 days (8 of the account's own, 1 reply
    // to another account, 2 reposts, 1 question, 3 automated), 9 active
    // weeks out of 39.
    assert_eq!(answer("step3.posts-per-week")["value"], 0.2);
    assert_eq!(
        answer("step3.posts-per-week")["declared"],
        "9 publications par semaine"
    );
    assert_eq!(answer("step3.regularity")["value"], 2.8);
    assert_eq!(answer("step4.reply-share")["value"], 12.5);
    assert_eq!(answer("step4.reposts-per-month")["value"], 0.2);
    assert_eq!(answer("step4.questions-per-month")["value"], 0.1);
    assert_eq!(answer("step3.rss-automation")["value"], true);
    assert_eq!(answer("step3.manual-posts")["value"], false);
    for id in [
        "step3.posts-per-week",
        "step4.reply-share",
        "step3.rss-automation",
    ] {
        assert_eq!(answer(id)["source"], "measured", "{id}");
    }
    assert_eq!(answer("step2.handle-short")["source"], "declared");
    assert_eq!(json["counts"]["measured"], 7);

    let bad = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/archive/bad/truncated-tweets.js");
    let err = failure(
        &["--archive", bad.to_str().expect("path")],
        Some("version: 1\n"),
    );
    assert!(err.contains("truncated-tweets.js"), "{err}");
    assert!(err.contains("téléchargez de nouveau l’archive"), "{err}");
}
