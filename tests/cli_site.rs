//! `twitterritorial site`: one site or a list, every output format, exit
//! codes, against servers on 127.0.0.1.

mod support;

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;
use std::time::{Duration, Instant};
use support::{Reply, Server};

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures");

fn site(args: &[&str]) -> Command {
    let mut c = Command::cargo_bin("twitterritorial").expect("binary");
    c.current_dir(FIXTURES)
        .env("NO_COLOR", "1")
        .arg("site")
        .args(args)
        .args([
            "--today",
            "2026-06-15",
            "--retry-wait",
            "0.02",
            "--timeout",
            "3",
            "--config",
            "profile/config.yaml",
        ]);
    c
}

fn json_of(output: &[u8]) -> Value {
    serde_json::from_slice(output)
        .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(output)))
}

const PROMOTED: &str = r#"<html><head><link rel="alternate" type="application/rss+xml" href="/rss.xml"><link rel="me" href="https://mastodon.social/@villeexemple"></head>
<body><a class="twitter-timeline" href="https://twitter.com/VilleExemple">Publications</a><a href="https://x.com/intent/tweet?url=/">Partager</a>
<footer><a href="https://x.com/VilleExemple">X</a><a href="https://mastodon.social/@villeexemple">Mastodon</a></footer></body></html>"#;

const RSS: &str = r#"<rss version="2.0"><channel><title>Actus</title><link>http://ville/</link><description>Actus</description><item><title>Fête</title><pubDate>Mon, 01 Jun 2026 10:00:00 +0200</pubDate></item></channel></rss>"#;

fn promoted_server() -> Server {
    Server::start(|req| match req.path() {
        "/" => Reply::html(PROMOTED),
        "/rss.xml" => Reply::typed(200, "application/rss+xml", RSS.as_bytes().to_vec()),
        _ => Reply::not_found(),
    })
}

#[test]
fn a_promoted_site_exits_0() {
    let server = promoted_server();
    site(&[&server.url("/")])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("Aucun problème — 1 site vérifié."))
        .stderr(predicate::str::is_empty());
}

#[test]
fn warnings_exit_0_unless_denied() {
    let server = Server::start(|_| Reply::html("<html><body><p>Bienvenue</p></body></html>"));
    let url = server.url("/");
    let out = site(&[&url, "--format", "json", "--lang", "en"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let doc = json_of(&out.stdout);
    let diagnostics = doc["diagnostics"].as_array().unwrap();
    let rules: Vec<&str> = diagnostics
        .iter()
        .map(|d| d["rule"].as_str().unwrap())
        .collect();
    assert_eq!(
        rules,
        [
            "promotion.site-account-link",
            "promotion.site-account-link",
            "promotion.site-share-button",
            "promotion.site-embed",
            "promotion.site-feed",
            "promotion.site-rel-me"
        ]
    );
    // The "file" of a site finding is its address.
    assert!(diagnostics.iter().all(|d| d["file"] == url.as_str()));
    assert!(
        diagnostics[0]["message"]
            .as_str()
            .unwrap()
            .contains("@VilleExemple")
    );
    assert_eq!(doc["summary"]["files"], 1);
    site(&[&url, "--deny-warnings"]).assert().code(1);
}

#[test]
fn handle_option_replaces_the_configured_one() {
    let server = Server::start(|_| Reply::html(r#"<a href="https://x.com/AutreVille">X</a>"#));
    let out = site(&[
        &server.url("/"),
        "--handle",
        "@AutreVille",
        "--format",
        "json",
    ])
    .output()
    .unwrap();
    let doc = json_of(&out.stdout);
    let x_links: Vec<&Value> = doc["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| {
            d["rule"] == "promotion.site-account-link"
                && d["message"].as_str().unwrap().contains("compte X")
        })
        .collect();
    assert!(x_links.is_empty(), "{x_links:?}");
}

#[test]
fn an_unreachable_site_is_an_error() {
    let server = Server::start(|_| Reply::status(500));
    let started = Instant::now();
    site(&[&server.url("/")])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("erreur[site.unreachable]"))
        .stdout(
            predicate::str::contains("HTTP 500 (3\u{a0}nouvelles tentatives)").or(
                predicate::str::contains("HTTP 500 (3 nouvelles tentatives)"),
            ),
        );
    assert_eq!(server.hits("/"), 4);
    assert!(started.elapsed() < Duration::from_secs(10));
}

#[test]
fn an_invalid_address_is_an_input_error() {
    for bad in [
        "ht!tp://exemple",
        "mailto:mairie@ville-exemple.fr",
        "https://",
        "pas une adresse",
    ] {
        site(&[bad])
            .assert()
            .code(2)
            .stdout(predicate::str::is_empty())
            .stderr(predicate::str::contains("adresse web valable"))
            .stderr(predicate::str::contains("panicked").not());
    }
}

#[test]
fn a_list_gives_one_result_per_site_and_names_bad_lines() {
    let good = promoted_server();
    let bare = Server::start(|_| Reply::html("<p>Accueil</p>"));
    let down = Server::start(|_| Reply::not_found());
    let dir = tempfile::tempdir().unwrap();
    let list = dir.path().join("communes.csv");
    std::fs::write(
        &list,
        format!(
            "nom,url,compte\nVille d’Exemple,{},@VilleExemple\n\"Bourg, le\",{},@BourgLe\nHameau,pas une adresse,\nVal,{},\n",
            good.url("/"),
            bare.url("/"),
            down.url("/")
        ),
    )
    .unwrap();
    let out = site(&[
        "--list",
        list.to_str().unwrap(),
        "--format",
        "json",
        "--concurrency",
        "2",
    ])
    .output()
    .unwrap();
    // A bad line: exit code 2, the line named, the other sites audited.
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("communes.csv:4"), "{stderr}");
    let doc = json_of(&out.stdout);
    assert_eq!(doc["summary"]["files"], 3);
    let files: Vec<&str> = doc["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["file"].as_str().unwrap())
        .collect();
    assert!(!files.contains(&good.url("/").as_str()));
    assert!(files.contains(&bare.url("/").as_str()));
    let bare_link = doc["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["file"] == bare.url("/").as_str() && d["rule"] == "promotion.site-account-link")
        .unwrap();
    assert!(bare_link["message"].as_str().unwrap().contains("@BourgLe"));
    assert_eq!(bare_link["post"], "Bourg, le");
    assert!(
        doc["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .any(|d| d["file"] == down.url("/").as_str() && d["rule"] == "site.unreachable")
    );
}

#[test]
fn a_list_in_human_form_and_no_progress_bar_off_a_terminal() {
    let good = promoted_server();
    let dir = tempfile::tempdir().unwrap();
    let list = dir.path().join("sites.csv");
    std::fs::write(
        &list,
        format!("Ville d’Exemple,{},@VilleExemple\n", good.url("/")),
    )
    .unwrap();
    site(&["--list", list.to_str().unwrap()])
        .assert()
        .code(0)
        .stdout(predicate::str::contains(
            "Ville d’Exemple — http://127.0.0.1",
        ))
        .stderr(predicate::str::is_empty());
}

#[test]
fn an_empty_or_missing_list_is_an_input_error() {
    let dir = tempfile::tempdir().unwrap();
    let empty = dir.path().join("vide.csv");
    std::fs::write(&empty, "nom,url,compte\n").unwrap();
    site(&["--list", empty.to_str().unwrap()])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("aucun site"));
    site(&["--list", "absent.csv"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("absent.csv"));
}

#[test]
fn sarif_and_github_outputs() {
    let server = Server::start(|_| Reply::html("<p>Accueil</p>"));
    let out = site(&[&server.url("/"), "--format", "sarif"])
        .output()
        .unwrap();
    let doc = json_of(&out.stdout);
    assert_eq!(doc["version"], "2.1.0");
    let results = doc["runs"][0]["results"].as_array().unwrap();
    assert!(
        results
            .iter()
            .any(|r| r["ruleId"] == "promotion.site-share-button")
    );
    site(&[&server.url("/"), "--format", "github"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains(
            "::warning file=http%3A//127.0.0.1",
        ));
}

#[test]
fn limits_are_options() {
    let server = Server::start(|_| {
        Reply::html(format!(
            "<html><body>{}</body></html>",
            "<p>texte</p>".repeat(20_000)
        ))
    });
    site(&[&server.url("/"), "--max-bytes", "100k", "--format", "json"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("\"rule\":\"site.unreachable\""))
        .stdout(predicate::str::contains("100\u{a0}Mo").not());
    let slow = Server::start(|_| {
        Reply::Delay(Duration::from_secs(5), Box::new(Reply::html("<p>lent</p>")))
    });
    let started = Instant::now();
    let mut c = Command::cargo_bin("twitterritorial").unwrap();
    c.current_dir(FIXTURES)
        .args([
            "site",
            &slow.url("/"),
            "--timeout",
            "0.5",
            "--config",
            "profile/config.yaml",
            "--lang",
            "en",
        ])
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
            "did not answer within 0.5 seconds",
        ));
    assert!(started.elapsed() < Duration::from_secs(4));
    site(&[&server.url("/"), "--max-bytes", "beaucoup"])
        .assert()
        .code(2);
    site(&[&server.url("/"), "--timeout", "-1"])
        .assert()
        .code(2);
}
