//! `assess --profile` and `assess --site`: the profile and site audits
//! answer their questions (sites served on 127.0.0.1).

mod support;

use assert_cmd::Command;
use serde_json::Value;
use support::{Reply, Server};

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures");

fn assess(args: &[&str]) -> Value {
    let mut cmd = Command::cargo_bin("twitterritorial").expect("binary");
    let out = cmd
        .current_dir(FIXTURES)
        .args([
            "assess",
            "--config",
            "profile/config.yaml",
            "--format",
            "json",
            "--answers",
        ])
        .arg(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/examples/assessment/beginner.yaml"
        ))
        .args(args)
        .output()
        .expect("runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("json")
}

fn answer(report: &Value, id: &str) -> Value {
    report["answers"]
        .as_array()
        .and_then(|a| a.iter().find(|x| x["question"] == id))
        .cloned()
        .expect(id)
}

/// (value, source) of an answer.
fn measured(report: &Value, id: &str) -> (Value, String) {
    let a = answer(report, id);
    (
        a["value"].clone(),
        a["source"].as_str().unwrap_or_default().to_string(),
    )
}

#[test]
fn a_complete_profile_proves_its_facts() {
    let report = assess(&["--profile", "profile/complet.yaml"]);
    for id in [
        "step2.handle-short",
        "step2.display-name",
        "step2.bio-official",
        "step2.website-link",
        "step2.verified",
        "step2.moderation-charter",
        "step4.response-hours",
    ] {
        assert_eq!(
            measured(&report, id),
            (Value::Bool(true), "measured".into()),
            "{id}"
        );
    }
    // The beginner had declared no charter: the measurement wins.
    assert_eq!(
        answer(&report, "step2.moderation-charter")["declared"],
        "Non"
    );
    assert_eq!(report["counts"]["measured"], 7);
}

#[test]
fn a_profile_to_review_disproves_them() {
    let report = assess(&["--profile", "profile/a-revoir.yaml"]);
    for id in [
        "step2.handle-short",
        "step2.bio-official",
        "step2.website-link",
        "step2.moderation-charter",
    ] {
        assert_eq!(
            measured(&report, id),
            (Value::Bool(false), "measured".into()),
            "{id}"
        );
    }
    // The file says nothing about verification: left as declared.
    assert_eq!(answer(&report, "step2.verified")["source"], "declared");
}

fn rss_now() -> String {
    let date = jiff::ZonedDateTime::now()
        .strftime("%a, %d %b %Y %H:%M:%S %z")
        .to_string();
    format!(
        "<rss version=\"2.0\"><channel><title>Actus</title><link>http://ville/</link><description>Actus</description>\
         <item><title>Fête</title><pubDate>{date}</pubDate></item></channel></rss>"
    )
}

#[test]
fn a_site_that_promotes_the_account_proves_it() {
    const PROMOTED: &str = r#"<html><head><link rel="alternate" type="application/rss+xml" href="/rss.xml"></head>
<body><a class="twitter-timeline" href="https://twitter.com/VilleExemple">Publications</a><a href="https://x.com/intent/tweet?url=/">Partager</a>
<footer><a href="https://x.com/VilleExemple">X</a><a href="https://mastodon.social/@villeexemple">Mastodon</a></footer></body></html>"#;
    let rss = rss_now();
    let server = Server::start(move |req| match req.path() {
        "/" => Reply::html(PROMOTED),
        "/rss.xml" => Reply::typed(200, "application/rss+xml", rss.clone().into_bytes()),
        _ => Reply::not_found(),
    });
    let report = assess(&["--site", &server.url("/")]);
    for id in [
        "practice.site-links-account",
        "practice.share-buttons",
        "practice.embedded-posts",
        "step3.site-feed",
    ] {
        assert_eq!(
            measured(&report, id),
            (Value::Bool(true), "measured".into()),
            "{id}"
        );
    }
    assert_eq!(
        answer(&report, "practice.site-links-account")["declared"],
        "Non"
    );
}

#[test]
fn a_site_that_does_not_promote_the_account_disproves_it_and_an_unreachable_one_proves_nothing() {
    let plain =
        Server::start(|_| Reply::html("<html><body><p>Bienvenue à Exemple</p></body></html>"));
    let report = assess(&["--site", &plain.url("/")]);
    for id in [
        "practice.site-links-account",
        "practice.share-buttons",
        "practice.embedded-posts",
        "step3.site-feed",
    ] {
        assert_eq!(
            measured(&report, id),
            (Value::Bool(false), "measured".into()),
            "{id}"
        );
    }

    let down = Server::start(|_| Reply::status(404));
    let report = assess(&["--site", &down.url("/")]);
    assert_eq!(report["counts"]["measured"], 0);
}
