//! `twitterritorial inspect`, run as a user would.

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;

fn inspect() -> Command {
    Command::cargo_bin("twitterritorial").expect("the twitterritorial binary")
}

fn json(output: &[u8]) -> Value {
    serde_json::from_slice(output).expect("one JSON object")
}

#[test]
fn a_text_argument_gives_the_documented_object() {
    let out = inspect()
        .args([
            "inspect",
            "@VilleExemple #MaVille https://ville-exemple.fr/agenda $EUR",
        ])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let v = json(&out);
    assert_eq!(v["platform"], "x");
    assert_eq!(v["weighted_length"], 51);
    assert_eq!(v["limit"], 280);
    assert_eq!(v["valid"], true);
    assert_eq!(v["permillage"], 182);
    assert_eq!(
        v["hashtags"],
        serde_json::json!([{"text": "MaVille", "start": 14, "end": 22}])
    );
    assert_eq!(
        v["mentions"],
        serde_json::json!([{"text": "VilleExemple", "start": 0, "end": 13}])
    );
    assert_eq!(
        v["urls"],
        serde_json::json!([{"text": "https://ville-exemple.fr/agenda", "start": 23, "end": 54}])
    );
    assert_eq!(
        v["cashtags"],
        serde_json::json!([{"text": "EUR", "start": 55, "end": 59}])
    );
}

#[test]
fn indices_are_code_points() {
    let out = inspect()
        .args(["inspect", "😀👨‍👩‍👧 #Fête"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let v = json(&out);
    // 😀 (1 code point) + family (5) + space: the hashtag starts at 7.
    assert_eq!(v["hashtags"][0]["start"], 7);
    assert_eq!(v["hashtags"][0]["end"], 12);
    assert_eq!(v["weighted_length"], 2 + 2 + 1 + 5);
}

#[test]
fn standard_input_with_a_dash_drops_the_last_line_break() {
    let out = inspect()
        .args(["inspect", "-"])
        .write_stdin("Réunion publique\u{202F}!\n")
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    // 16 + NNBSP (2) + "!" = 19; the final line break is not counted.
    assert_eq!(json(&out)["weighted_length"], 19);
}

#[test]
fn mastodon_counts_graphemes_urls_and_remote_mentions() {
    let out = inspect()
        .args([
            "inspect",
            "--platform",
            "mastodon",
            "Merci @mairie@mastodon.social 👨‍👩‍👧‍👦 https://www.ville-exemple.fr/une/tres/longue/adresse",
        ])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let v = json(&out);
    assert_eq!(v["platform"], "mastodon");
    assert_eq!(v["limit"], 500);
    // "Merci " 6 + "@mairie" 7 + " " + family 1 + " " + URL 23.
    assert_eq!(v["weighted_length"], 6 + 7 + 1 + 1 + 1 + 23);
}

#[test]
fn bluesky_with_a_server_limit() {
    let out = inspect()
        .args([
            "inspect",
            "--platform",
            "bluesky",
            "--limit",
            "10",
            "Fête 🇫🇷 ce soir",
        ])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let v = json(&out);
    assert_eq!(
        (v["weighted_length"].as_u64(), v["limit"].as_u64()),
        (Some(14), Some(10))
    );
    assert_eq!(v["valid"], false);
    assert_eq!(v["permillage"], 1400);
}

#[test]
fn an_empty_post_is_not_valid() {
    let out = inspect()
        .args(["inspect", ""])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let v = json(&out);
    assert_eq!(
        (v["weighted_length"].as_u64(), v["valid"].as_bool()),
        (Some(0), Some(false))
    );
}

#[test]
fn jsonl_gives_one_object_per_line_in_order() {
    let input = "\"Bonjour #MaVille\"\n\"\"\n\"👍🏽 https://t.co/abc\"\r\n\"@user/liste\"";
    let out = inspect()
        .args(["inspect", "--jsonl"])
        .write_stdin(input)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let lines: Vec<Value> = String::from_utf8(out)
        .expect("UTF-8")
        .lines()
        .map(|l| serde_json::from_str(l).expect("JSON line"))
        .collect();
    assert_eq!(lines.len(), 4);
    assert_eq!(lines[0]["hashtags"][0]["text"], "MaVille");
    assert_eq!(lines[1]["valid"], false);
    assert_eq!(lines[2]["weighted_length"], 2 + 1 + 23);
    assert_eq!(lines[3]["mentions"][0]["list_slug"], "liste");
}

#[test]
fn jsonl_streams_many_posts() {
    let input: String = (0..20_000)
        .map(|k| format!("\"Post {k} #MaVille\"\n"))
        .collect();
    let out = inspect()
        .args(["inspect", "--jsonl", "--platform", "bluesky"])
        .write_stdin(input)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(out).expect("UTF-8");
    assert_eq!(text.lines().count(), 20_000);
    assert!(
        text.lines()
            .last()
            .is_some_and(|l| l.contains("\"weighted_length\":19"))
    );
}

#[test]
fn invalid_utf8_on_standard_input_names_the_line() {
    inspect()
        .args(["inspect", "-"])
        .write_stdin(&b"Bonjour\nd\xE9j\xE0 vu\n"[..])
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains("ligne 2").and(predicate::str::contains("UTF-8")));
}

#[test]
fn invalid_utf8_in_jsonl_names_the_line() {
    inspect()
        .args(["inspect", "--jsonl"])
        .write_stdin(&b"\"ok\"\n\"ok\"\n\"caf\xE9\"\n"[..])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("ligne 3").and(predicate::str::contains("UTF-8")));
}

#[test]
fn a_jsonl_line_that_is_not_a_string_is_refused() {
    inspect()
        .args(["inspect", "--jsonl"])
        .write_stdin("\"ok\"\nBonjour sans guillemets\n")
        .assert()
        .code(2)
        .stdout(predicate::str::contains("\"valid\":true"))
        .stderr(predicate::str::contains("ligne 2").and(predicate::str::contains("chaîne JSON")));
}

#[test]
fn a_ten_megabyte_line_is_handled() {
    let sentence = "Le conseil municipal se réunit jeudi\u{202F}: ordre du jour sur ville-exemple.fr #MaVille 🎉 ";
    let mut big = sentence.repeat(10_000_000 / sentence.len() + 1);
    big.push('\n');
    let count = big.matches("#MaVille").count();
    let out = inspect()
        .args(["inspect", "-"])
        .write_stdin(big.clone())
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let v = json(&out);
    assert_eq!(v["valid"], false);
    assert_eq!(v["hashtags"].as_array().map(Vec::len), Some(count));

    let line = format!(
        "{}\n",
        serde_json::to_string(big.trim_end()).expect("JSON string")
    );
    let out = inspect()
        .args(["inspect", "--jsonl"])
        .write_stdin(line)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    assert_eq!(json(&out)["urls"].as_array().map(Vec::len), Some(count));
}

#[test]
fn usage_errors_exit_with_2() {
    inspect()
        .args(["inspect", "--jsonl", "texte"])
        .assert()
        .code(2);
    inspect()
        .args(["inspect", "--limit", "0", "texte"])
        .assert()
        .code(2);
    inspect()
        .args(["inspect", "--platform", "myspace", "texte"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("mastodon"));
}
