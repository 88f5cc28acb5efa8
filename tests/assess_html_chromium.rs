//! The HTML report of the shipped example opens in headless Chromium: the
//! DOM holds the SVG chart and the five actions, and a screenshot is taken.
//!
//! Skipped (with a message) only when `chromium` is not installed and
//! `TWITTERRITORIAL_REQUIRE_CHROMIUM` is unset; CI installs Debian's package
//! and sets the variable, so there the test always runs.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn chromium() -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    ["chromium", "chromium-browser"]
        .iter()
        .flat_map(|name| std::env::split_paths(&path).map(move |dir| dir.join(name)))
        .find(|candidate| candidate.is_file())
}

/// Runs headless Chromium on a local file, with everything that would reach
/// the network switched off.
fn run_chromium(binary: &Path, profile: &Path, extra: &[String], page: &Path) -> Output {
    Command::new(binary)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-extensions",
            "--no-first-run",
            "--no-default-browser-check",
            "--window-size=1000,1400",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .args(extra)
        .arg(format!("file://{}", page.display()))
        .output()
        .expect("chromium runs")
}

#[test]
fn the_html_report_shows_its_chart_and_five_actions_in_chromium() {
    let Some(binary) = chromium() else {
        if std::env::var_os("TWITTERRITORIAL_REQUIRE_CHROMIUM").is_some() {
            panic!(
                "chromium is required (TWITTERRITORIAL_REQUIRE_CHROMIUM is set) but was not found in PATH"
            );
        }
        println!(
            "SKIPPED: chromium is not installed (apt-get install chromium); set TWITTERRITORIAL_REQUIRE_CHROMIUM to make this a failure"
        );
        return;
    };
    let dir = tempfile::tempdir().expect("tmp");
    let report = dir.path().join("rapport.html");
    let example =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/assessment/broadcast-only.yaml");
    let status = Command::new(env!("CARGO_BIN_EXE_twitterritorial"))
        .args(["assess", "--format", "html", "--answers"])
        .arg(&example)
        .arg("--output")
        .arg(&report)
        .status()
        .expect("assess runs");
    assert!(status.success());

    let dom = run_chromium(
        &binary,
        &dir.path().join("profile-dom"),
        &["--dump-dom".into()],
        &report,
    );
    let html = String::from_utf8_lossy(&dom.stdout);
    assert!(
        dom.status.success() && !html.is_empty(),
        "chromium failed: {}",
        String::from_utf8_lossy(&dom.stderr)
    );
    // The browser parsed the page: the chart is an SVG element with its bars,
    // the list holds exactly five actions, each with a handbook link.
    assert!(
        html.contains("<svg id=\"score-chart\""),
        "no chart in the DOM"
    );
    assert_eq!(
        html.matches("<g class=\"bar\">").count(),
        8,
        "overall + seven sections"
    );
    assert_eq!(html.matches("<li class=\"action\"").count(), 5);
    assert_eq!(
        html.matches(
            "class=\"help-link\" href=\"https://twitterritorial.github.io/twitterritorial/fr/"
        )
        .count(),
        5
    );
    assert!(html.contains("Répondez aux habitants"));

    let shot = dir.path().join("rapport.png");
    let run = run_chromium(
        &binary,
        &dir.path().join("profile-shot"),
        &[format!("--screenshot={}", shot.display())],
        &report,
    );
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let png = std::fs::read(&shot).expect("screenshot written");
    assert!(png.starts_with(b"\x89PNG\r\n\x1a\n"), "not a PNG");
    assert!(
        png.len() > 20_000,
        "screenshot of {} bytes looks blank",
        png.len()
    );
}
