//! Speed of `twitterritorial check` (goals from issue 3):
//!
//! - `small_file_whole_process`: the whole command (start, configuration,
//!   rules, one small Markdown file, JSON report) under 10 ms;
//! - `csv_posts`: reading and checking Hootsuite posts in the process, on
//!   one core, at 100,000 posts per second or better; `csv_posts_no_political`
//!   is the same without the political rules, to measure what they cost (goal:
//!   under 30 %);
//! - `csv_read_only`, `startup_rule_set`, `startup_linter`: the parts, to
//!   see where the time goes;
//! - `million_posts_whole_process`: the command on a generated
//!   1,000,000-post CSV file (peak memory is measured outside, with
//!   `/usr/bin/time -v`: see the README).
//!
//! Run with `cargo bench --bench check`.

use std::io;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use twitterritorial::config::Config;
use twitterritorial::diagnostic::Severity;
use twitterritorial::drafts::ReadOptions;
use twitterritorial::drafts::csv::CsvPosts;
use twitterritorial::lint::{Linter, Media, Post};
use twitterritorial::report::json::JsonReporter;
use twitterritorial::report::{Diagnostic, Reporter, RuleInfo};
use twitterritorial::rules::RuleSet;

#[path = "common/posts.rs"]
mod posts;

fn main() {
    divan::main();
}

const BINARY: &str = env!("CARGO_BIN_EXE_twitterritorial");

/// A week of posts in Markdown, as a communication officer writes them.
const SMALL_DRAFT: &str = "---\nplatform: x\nscheduled: 2026-11-14\n---\n\n\
🎄 Le marché de Noël ouvre le samedi 28 novembre, place de la Mairie, de 10 h à 19 h. Programme : https://www.ville-exemple.fr/marche-de-noel #VilleExemple\n\n\
![Chalets en bois illuminés sur la place de la Mairie](marche-noel.jpg)\n\n---\n\n\
Collecte des encombrants : le camion passe le mardi 17 novembre dans les quartiers Nord et Gare.\n\n![](plan.png)\n\n---\n\n\
Ce week-end, c’est la fête au gymnase ! #villeexemple #Sport #Basket #Handball\n\n---\n\n\
Travaux rue Victor-Hugo du 16 au 27 novembre : circulation alternée. Détails : https://bit.ly/3xTrvxQ\n";

/// A folder with the account configuration and `files` written in it.
fn folder(files: &[(&str, &[u8])]) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("temporary folder");
    std::fs::write(dir.path().join(".twitterritorial.yaml"), posts::CONFIG).expect("config");
    let mut last = dir.path().to_path_buf();
    for (name, content) in files {
        last = dir.path().join(name);
        std::fs::write(&last, content).expect("draft");
    }
    (dir, last)
}

fn run_check(dir: &Path, file: &Path) {
    let output = Command::new(BINARY)
        .current_dir(dir)
        .arg("check")
        .arg(file)
        .args(["--format", "json"])
        .stdout(Stdio::null())
        .output()
        .expect("run twitterritorial");
    assert!(
        output.status.code().is_some_and(|c| c <= 1),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
}

#[divan::bench(sample_count = 100)]
fn small_file_whole_process(bencher: divan::Bencher) {
    let (dir, file) = folder(&[("semaine.md", SMALL_DRAFT.as_bytes())]);
    bencher.bench(|| run_check(dir.path(), &file));
}

/// The linter for the generated posts; `political` says whether the rules
/// of the `political` category run.
fn linter(political: bool) -> (Linter, RuleSet) {
    let mut config = Config::from_yaml_str(posts::CONFIG, "bench").expect("configuration");
    let rules = RuleSet::builtin().expect("built-in rules");
    if !political {
        for rule in rules.rules().iter().filter(|r| r.category == "political") {
            config
                .rules
                .insert(rule.id.clone(), twitterritorial::config::RuleSetting::Off);
        }
    }
    let linter = Linter::new(&rules, &config).expect("linter");
    (linter, rules)
}

/// What `check` does for each post, output to nowhere: read the row, check
/// the post, place each finding in the file and write it as JSON.
fn check_all(data: &[u8], linter: &Linter) -> usize {
    let today = jiff::civil::date(2026, 11, 10);
    let mut findings = Vec::new();
    let mut reporter = JsonReporter::new(io::sink());
    let mut count = 0;
    for result in CsvPosts::new(data, ReadOptions::default()) {
        let Ok(draft) = result else { continue };
        let post = Post {
            text: draft.text,
            media: draft
                .media
                .into_iter()
                .map(|m| Media {
                    file: m.file,
                    alt: m.alt,
                })
                .collect(),
            platform: draft.platform,
            date: draft.date,
            id: draft.id,
            ignore: draft.ignore,
        };
        findings.clear();
        linter.check_post_into(&post, today, &mut findings);
        for finding in &findings {
            let info = RuleInfo {
                id: finding.rule.clone(),
                category: String::new(),
                default_severity: Severity::Warning,
                summary: String::new(),
                description: String::new(),
                help: String::new(),
            };
            let diagnostic = Diagnostic::new(
                finding,
                "",
                String::new(),
                &post.text,
                &draft.positions,
                "posts.csv",
                &draft.label,
                None,
            );
            reporter.diagnostic(&diagnostic, &info).expect("sink");
            count += 1;
        }
    }
    count
}

fn csv(count: usize) -> Vec<u8> {
    let mut data = Vec::with_capacity(count * 150);
    posts::write_hootsuite(&mut data, count).expect("generate");
    data
}

#[divan::bench(args = [100_000], sample_count = 5, sample_size = 1)]
fn csv_posts(bencher: divan::Bencher, count: usize) {
    let data = csv(count);
    let (linter, _rules) = linter(true);
    bencher
        .counter(divan::counter::ItemsCount::new(count))
        .bench(|| check_all(&data, &linter));
}

#[divan::bench(args = [100_000], sample_count = 5, sample_size = 1)]
fn csv_posts_no_political(bencher: divan::Bencher, count: usize) {
    let data = csv(count);
    let (linter, _rules) = linter(false);
    bencher
        .counter(divan::counter::ItemsCount::new(count))
        .bench(|| check_all(&data, &linter));
}

/// The reading part alone (CSV parsing, positions), to tell it from the
/// rules' part.
#[divan::bench(args = [100_000], sample_count = 5, sample_size = 1)]
fn csv_read_only(bencher: divan::Bencher, count: usize) {
    let data = csv(count);
    bencher
        .counter(divan::counter::ItemsCount::new(count))
        .bench(|| {
            CsvPosts::new(&data[..], ReadOptions::default())
                .filter(|r| r.as_ref().is_ok_and(|p| !p.text.is_empty()))
                .count()
        });
}

/// What every run pays before the first post: the built-in rule packs read,
/// then compiled for the account.
#[divan::bench(sample_count = 20)]
fn startup_rule_set(bencher: divan::Bencher) {
    bencher.bench(|| RuleSet::builtin().expect("built-in rules"));
}

#[divan::bench(sample_count = 20)]
fn startup_linter(bencher: divan::Bencher) {
    let config = Config::from_yaml_str(posts::CONFIG, "bench").expect("configuration");
    let rules = RuleSet::builtin().expect("built-in rules");
    bencher.bench(|| Linter::new(&rules, &config).expect("linter"));
}

#[divan::bench(args = [1_000_000], sample_count = 2, sample_size = 1)]
fn million_posts_whole_process(bencher: divan::Bencher, count: usize) {
    let (dir, file) = folder(&[("posts.csv", &csv(count))]);
    bencher
        .counter(divan::counter::ItemsCount::new(count))
        .bench(|| run_check(dir.path(), &file));
}
