//! Learns the weights of the political scoring layer (`data.scoring` in
//! `rules/political.yaml`) from the development part of the evaluation set.
//!
//! ```text
//! cargo run --example political_train            # print the block and a report
//! cargo run --example political_train -- --write # replace the block in rules/political.yaml
//! ```
//!
//! Two logistic regressions over the words and pairs of adjacent words of
//! the normalised posts (the same features the detector scores): partisan
//! against the rest, achievement against the rest. Plain stochastic gradient
//! descent with a fixed seed, so the result is the same on every machine.
//! Only `tests/fixtures/political/eval.yaml` is read: the held-out file
//! stays out of training, so its figures remain an honest estimate. A
//! five-fold cross-validation on the development set is printed to stderr.

use serde::Deserialize;
use std::collections::HashMap;
use std::fmt::Write as _;
use twitterritorial::political::normalize::normalize;
use twitterritorial::political::scoring::for_each_feature;

const DEV: &str = "tests/fixtures/political/eval.yaml";
const PACK: &str = "rules/political.yaml";
const MARKER: &str = "  # --- scoring layer";
/// A feature must appear in this many development posts to get a weight.
const MIN_POSTS: usize = 2;
const EPOCHS: usize = 30;
const LEARNING_RATE: f32 = 0.3;
const L2: f32 = 1e-3;
/// Weights smaller than this are dropped from the pack: the lighter ones
/// changed no decision on the evaluation set, and a short table keeps the
/// pack fast to read at start-up.
const MIN_WEIGHT: f32 = 0.5;
/// Thresholds of the two scores (chosen on the cross-validation: civic and
/// practical posts above them stay under 1 %).
const PARTISAN_THRESHOLD: f32 = 1.0;
const ACHIEVEMENT_THRESHOLD: f32 = 0.5;

#[derive(Deserialize)]
struct Set {
    posts: Vec<Post>,
}

#[derive(Deserialize)]
struct Post {
    label: String,
    text: String,
}

fn features(text: &str) -> Vec<String> {
    let norm = normalize(text);
    let mut out = Vec::new();
    for_each_feature(&norm, &mut String::new(), |f, _| out.push(f.to_string()));
    out.sort();
    out.dedup();
    out
}

/// A small deterministic generator for the order of the examples.
struct XorShift(u64);

impl XorShift {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn shuffle<T>(&mut self, v: &mut [T]) {
        for i in (1..v.len()).rev() {
            let j = usize::try_from(self.next() % (i as u64 + 1)).unwrap_or(0);
            v.swap(i, j);
        }
    }
}

struct Model {
    bias: f32,
    weights: Vec<f32>,
}

fn train(docs: &[Vec<usize>], labels: &[bool], n_features: usize) -> Model {
    let mut m = Model {
        bias: 0.0,
        weights: vec![0.0; n_features],
    };
    let mut order: Vec<usize> = (0..docs.len()).collect();
    let mut rng = XorShift(0x5EED_2026);
    for _ in 0..EPOCHS {
        rng.shuffle(&mut order);
        for &i in &order {
            let z = m.bias + docs[i].iter().map(|&f| m.weights[f]).sum::<f32>();
            let p = 1.0 / (1.0 + (-z.clamp(-30.0, 30.0)).exp());
            let g = p - f32::from(u8::from(labels[i]));
            m.bias -= LEARNING_RATE * g;
            for &f in &docs[i] {
                m.weights[f] = m.weights[f] * (1.0 - LEARNING_RATE * L2) - LEARNING_RATE * g;
            }
        }
    }
    m
}

fn score(m: &Model, doc: &[usize]) -> f32 {
    m.bias + doc.iter().map(|&f| m.weights[f]).sum::<f32>()
}

/// Vocabulary of the posts `among`: features seen in at least MIN_POSTS.
fn vocabulary(feats: &[Vec<String>], among: &[usize]) -> HashMap<String, usize> {
    let mut df: HashMap<&str, usize> = HashMap::new();
    for &i in among {
        for f in &feats[i] {
            *df.entry(f.as_str()).or_default() += 1;
        }
    }
    let mut kept: Vec<&str> = df
        .into_iter()
        .filter(|&(_, n)| n >= MIN_POSTS)
        .map(|(f, _)| f)
        .collect();
    kept.sort_unstable();
    kept.into_iter()
        .enumerate()
        .map(|(i, f)| (f.to_string(), i))
        .collect()
}

fn encode(feats: &[String], vocab: &HashMap<String, usize>) -> Vec<usize> {
    feats.iter().filter_map(|f| vocab.get(f).copied()).collect()
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let write = std::env::args().any(|a| a == "--write");
    let set: Set = serde_saphyr::from_str(&std::fs::read_to_string(DEV)?)?;
    let feats: Vec<Vec<String>> = set.posts.iter().map(|p| features(&p.text)).collect();
    let is = |label: &str| {
        set.posts
            .iter()
            .map(|p| p.label == label)
            .collect::<Vec<bool>>()
    };
    let targets = [
        ("partisan", is("partisan"), PARTISAN_THRESHOLD),
        ("achievement", is("achievement"), ACHIEVEMENT_THRESHOLD),
    ];
    let civic: Vec<bool> = set
        .posts
        .iter()
        .map(|p| p.label == "civic" || p.label == "practical")
        .collect();

    // Five-fold cross-validation: how the scores do on posts they did not see.
    for (name, labels, threshold) in &targets {
        let (mut found, mut positives, mut false_alarms, mut negatives) = (0, 0, 0, 0);
        for fold in 0..5 {
            let train_idx: Vec<usize> = (0..set.posts.len()).filter(|i| i % 5 != fold).collect();
            let vocab = vocabulary(&feats, &train_idx);
            let docs: Vec<Vec<usize>> = train_idx
                .iter()
                .map(|&i| encode(&feats[i], &vocab))
                .collect();
            let ys: Vec<bool> = train_idx.iter().map(|&i| labels[i]).collect();
            let m = train(&docs, &ys, vocab.len());
            for i in (0..set.posts.len()).filter(|i| i % 5 == fold) {
                let above = score(&m, &encode(&feats[i], &vocab)) > *threshold;
                if labels[i] {
                    positives += 1;
                    found += usize::from(above);
                } else if civic[i] {
                    negatives += 1;
                    false_alarms += usize::from(above);
                }
            }
        }
        eprintln!(
            "{name}: cross-validated recall {found}/{positives}, civic and practical above threshold {false_alarms}/{negatives}"
        );
    }

    // The weights shipped in the pack, learnt on the whole development set.
    let all: Vec<usize> = (0..set.posts.len()).collect();
    let vocab = vocabulary(&feats, &all);
    let mut names = vec![String::new(); vocab.len()];
    for (f, &i) in &vocab {
        names[i].clone_from(f);
    }
    let docs: Vec<Vec<usize>> = feats.iter().map(|f| encode(f, &vocab)).collect();
    let mut block = String::new();
    writeln!(
        block,
        "{MARKER} (generated by `cargo run --example political_train -- --write`) ---"
    )?;
    writeln!(
        block,
        "  # Weights of words and pairs of words, learnt from {DEV} only;"
    )?;
    writeln!(
        block,
        "  # the heaviest first. A post above a threshold is flagged as a warning"
    )?;
    writeln!(
        block,
        "  # when the phrase rules found nothing; the message names its heaviest words."
    )?;
    writeln!(
        block,
        "  # One word or pair of words per line, then its weight."
    )?;
    writeln!(block, "  scoring:")?;
    writeln!(
        block,
        "    trained_on: \"{DEV}, {} posts\"",
        set.posts.len()
    )?;
    for (name, labels, threshold) in &targets {
        let m = train(&docs, labels, vocab.len());
        let mut weights: Vec<(&str, f32)> = names
            .iter()
            .zip(&m.weights)
            .filter(|(_, w)| w.abs() >= MIN_WEIGHT)
            .map(|(n, &w)| (n.as_str(), w))
            .collect();
        weights.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(b.0)));
        writeln!(block, "    {name}:")?;
        writeln!(block, "      bias: {:.3}", m.bias)?;
        writeln!(block, "      threshold: {threshold:.1}")?;
        writeln!(block, "      weights: |")?;
        for (n, w) in weights {
            writeln!(block, "        {n} {w:.3}")?;
        }
        eprintln!(
            "{name}: {} weights kept",
            names
                .iter()
                .zip(&m.weights)
                .filter(|(_, w)| w.abs() >= MIN_WEIGHT)
                .count()
        );
    }

    if write {
        let pack = std::fs::read_to_string(PACK)?;
        let head = match pack.find(MARKER) {
            Some(at) => &pack[..at],
            None => pack.as_str(),
        };
        let updated = format!("{}\n\n{block}", head.trim_end());
        // Written next to the pack, then renamed: never a half-written file.
        let tmp = format!("{PACK}.tmp");
        std::fs::write(&tmp, updated)?;
        std::fs::rename(&tmp, PACK)?;
        eprintln!("{PACK} updated");
    } else {
        print!("{block}");
    }
    Ok(())
}
