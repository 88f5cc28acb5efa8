//! Speed of the political detector (issue 4): posts per second over the
//! posts of the evaluation set, repeated. The draft linter measures the
//! overhead on its 1,000,000-post check; this bench isolates the detector.
//!
//! Start-up: `read_the_pack`, `compile_the_pack` and both together
//! (`read_and_compile_the_pack`, goal ≤ 2 ms).
//!
//! Run: `cargo bench --bench political`.

use divan::counter::ItemsCount;
use jiff::civil::{Date, date};
use serde::Deserialize;
use twitterritorial::locale::Lang;
use twitterritorial::political::normalize::normalize;
use twitterritorial::political::{Calendar, Detector, PoliticalPack};

fn main() {
    divan::main();
}

#[derive(Deserialize)]
struct Set {
    posts: Vec<Post>,
}

#[derive(Deserialize)]
struct Post {
    text: String,
}

/// 10,000 posts: the evaluation set, repeated.
fn posts() -> Vec<String> {
    let mut texts = Vec::new();
    for yaml in [
        include_str!("../tests/fixtures/political/eval.yaml"),
        include_str!("../tests/fixtures/political/holdout.yaml"),
    ] {
        let set: Set = serde_saphyr::from_str(yaml).expect("evaluation set");
        texts.extend(set.posts.into_iter().map(|p| p.text));
    }
    texts.iter().cycle().take(10_000).cloned().collect()
}

const DAY: Date = date(2026, 1, 20);

#[divan::bench]
fn check_10k_posts(bencher: divan::Bencher) {
    let detector = Detector::builtin();
    let calendar = Calendar::builtin();
    let posts = posts();
    bencher.counter(ItemsCount::new(posts.len())).bench(|| {
        let mut findings = 0;
        for p in &posts {
            findings += detector
                .check(divan::black_box(p), DAY, &calendar, Lang::Fr)
                .len();
        }
        findings
    });
}

#[divan::bench]
fn normalize_10k_posts(bencher: divan::Bencher) {
    let posts = posts();
    bencher.counter(ItemsCount::new(posts.len())).bench(|| {
        posts
            .iter()
            .map(|p| normalize(divan::black_box(p)).tokens.len())
            .sum::<usize>()
    });
}

/// Reading `rules/political.yaml` (what start-up pays for the pack's text).
#[divan::bench(sample_count = 50)]
fn read_the_pack() -> PoliticalPack {
    PoliticalPack::builtin()
}

/// Compiling the detector from the read pack (phrases, trie, scores).
#[divan::bench(sample_count = 50)]
fn compile_the_pack(bencher: divan::Bencher) {
    let pack = PoliticalPack::builtin();
    bencher.bench(|| Detector::from_pack(divan::black_box(&pack)).expect("detector"));
}

/// Both: the political pack's whole cost at start-up (goal: 2 ms).
#[divan::bench(sample_count = 50)]
fn read_and_compile_the_pack() -> Detector {
    Detector::builtin()
}
