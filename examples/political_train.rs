//! Learns the weights of the political scoring layer (`data.scoring` in
//! `rules/political.yaml`) from the parts of the evaluation set that were
//! used to develop the rules.
//!
//! ```text
//! cargo run --example political_train            # print the block and a report
//! cargo run --example political_train -- --write # replace the block in rules/political.yaml
//! ```
//!
//! Two logistic regressions over the features the detector scores: the
//! words and pairs of adjacent words of the normalised post, names and
//! numbers left out. (The signals a post raises were tried as features
//! too: they changed nothing on a part left out of training.) Partisan
//! against the rest, achievement against the rest. Plain stochastic
//! gradient descent with a fixed seed, so the result is the same on every
//! machine. Only the `development` parts of `parts.yaml` are read: the
//! held-out ones stay out, so their figures remain an honest estimate.
//!
//! A five-fold cross-validation on the development parts is printed to
//! stderr, with and without the detector's gate (the score speaks only on a
//! post with a signal and without civic information), and with the rules at
//! a few thresholds. `TRAIN_EXCLUDE=holdout-9` also leaves that part out of
//! the training and measures rules and scores together on it.

use serde::Deserialize;
use std::collections::HashMap;
use std::fmt::Write as _;
use twitterritorial::diagnostic::Severity;
use twitterritorial::locale::Lang;
use twitterritorial::political::normalize::normalize;
use twitterritorial::political::scoring::for_each_feature;
use twitterritorial::political::{Calendar, Detector, ElectionSpec, PoliticalPack};

/// Where the evaluation set is, and the list of its parts.
const SET: &str = "tests/fixtures/political";

#[derive(Deserialize)]
struct Parts {
    development: Vec<String>,
}
const PACK: &str = "rules/political.yaml";
const MARKER: &str = "  # --- scoring layer";
/// A feature must appear in this many development posts to get a weight.
const MIN_POSTS: usize = 2;
const EPOCHS: usize = 30;
const LEARNING_RATE: f32 = 0.3;
/// Strong enough that no single common word (« nous », « avec », « équipe »)
/// can flag a post on its own: with 1e-3 they weighed 1.5 to 1.8 and flagged
/// plain service news that named a person.
const L2: f32 = 1e-2;
/// Weights smaller than this are dropped from the pack: the lighter ones
/// changed no decision on the evaluation set, and a short table keeps the
/// pack fast to read at start-up.
const MIN_WEIGHT: f32 = 0.3;
/// Thresholds of the two scores (chosen on the cross-validation, with the
/// rules: no civic or practical post above them).
const PARTISAN_THRESHOLD: f32 = 1.5;
const ACHIEVEMENT_THRESHOLD: f32 = 1.0;

#[derive(Deserialize)]
struct Set {
    posts: Vec<Post>,
}

#[derive(Deserialize)]
struct Post {
    label: String,
    #[serde(default)]
    date: Option<String>,
    text: String,
}

/// What the scores see of a post, and whether the detector's gate lets the
/// score speak on it.
struct Features {
    names: Vec<String>,
    gated_in: bool,
}

/// The date the evaluation checks a post at when it has none (outside any
/// window, near the 2026 rounds).
const DEFAULT_DATE: &str = "2026-06-15";

fn features(post: &Post, detector: &Detector, calendar: &Calendar, civic: &[String]) -> Features {
    let norm = normalize(&post.text);
    let mut names = Vec::new();
    for_each_feature(&norm, &mut String::new(), |f, _| names.push(f.to_string()));
    let date = post
        .date
        .as_deref()
        .unwrap_or(DEFAULT_DATE)
        .parse()
        .unwrap_or_else(|e| panic!("{:?}: {e}", post.date));
    let signals = detector.signals(&post.text, date, calendar);
    let gated_in = !signals.is_empty() && !signals.iter().any(|s| civic.contains(&s.signal));
    names.sort();
    names.dedup();
    Features { names, gated_in }
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
    // What the pack keeps (see MIN_WEIGHT), so that the cross-validation
    // measures the weights that ship.
    for w in &mut m.weights {
        if w.abs() < MIN_WEIGHT {
            *w = 0.0;
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
    let mut posts = Vec::new();
    // TRAIN_EXCLUDE=holdout-5 leaves a part out of the training, to measure
    // the rules and the scores together on it.
    let exclude = std::env::var("TRAIN_EXCLUDE").ok();
    let mut excluded = Vec::new();
    let parts: Parts =
        serde_saphyr::from_str(&std::fs::read_to_string(format!("{SET}/parts.yaml"))?)?;
    for file in &parts.development {
        let set: Set = serde_saphyr::from_str(&std::fs::read_to_string(format!("{SET}/{file}"))?)?;
        if exclude.as_deref().is_some_and(|e| file.contains(e)) {
            excluded.extend(set.posts);
        } else {
            posts.extend(set.posts);
        }
    }
    let pack = PoliticalPack::from_yaml(&std::fs::read_to_string(PACK)?)?;
    let detector = Detector::from_pack(&pack)?;
    let civic_signals: Vec<String> = pack
        .data
        .signals
        .iter()
        .filter(|s| s.civic)
        .map(|s| s.name.clone())
        .collect();
    // The evaluation's English posts come from UK councils, which would list
    // their election in their configuration.
    let calendar = Calendar::builtin().with_overrides(&[ElectionSpec {
        name: "Local elections (England)".into(),
        date: "2026-05-07".into(),
        second_round: None,
    }])?;
    let all_features: Vec<Features> = posts
        .iter()
        .map(|p| features(p, &detector, &calendar, &civic_signals))
        .collect();
    let feats: Vec<Vec<String>> = all_features.iter().map(|f| f.names.clone()).collect();
    let is = |label: &str| {
        posts
            .iter()
            .map(|p| p.label == label)
            .collect::<Vec<bool>>()
    };
    let targets = [
        ("partisan", is("partisan"), PARTISAN_THRESHOLD),
        ("achievement", is("achievement"), ACHIEVEMENT_THRESHOLD),
    ];
    let civic: Vec<bool> = posts
        .iter()
        .map(|p| p.label == "civic" || p.label == "practical")
        .collect();

    // What the phrase rules flag on their own (the pack without its scores),
    // to see what the scores add.
    let mut rules_only = pack.clone();
    rules_only.data.scoring = None;
    let rules_only = Detector::from_pack(&rules_only)?;
    let inside_window: jiff::civil::Date = "2026-01-20".parse()?;
    let flagged_by_rules: Vec<bool> = posts
        .iter()
        .map(|p| {
            let date = match (&p.date, p.label.as_str()) {
                (Some(d), _) => d.parse().unwrap_or(inside_window),
                (None, "achievement") => inside_window,
                (None, _) => DEFAULT_DATE.parse().unwrap_or(inside_window),
            };
            rules_only
                .check(&p.text, date, &calendar, Lang::Fr)
                .iter()
                .any(|f| f.severity >= Severity::Warning)
        })
        .collect();

    // Five-fold cross-validation: how the scores do on posts they did not see.
    for (name, labels, threshold) in &targets {
        let (mut found, mut positives, mut false_alarms, mut negatives) = (0, 0, 0, 0);
        let (mut found_gated, mut false_alarms_gated) = (0, 0);
        // With the rules, at a few thresholds: (threshold, found, false alarms).
        let mut sweep: Vec<(f32, usize, usize)> = [0.0, 0.5, 1.0, 1.5, 2.0]
            .iter()
            .map(|&t| (t, 0, 0))
            .collect();
        for fold in 0..5 {
            let train_idx: Vec<usize> = (0..posts.len()).filter(|i| i % 5 != fold).collect();
            let vocab = vocabulary(&feats, &train_idx);
            let docs: Vec<Vec<usize>> = train_idx
                .iter()
                .map(|&i| encode(&feats[i], &vocab))
                .collect();
            let ys: Vec<bool> = train_idx.iter().map(|&i| labels[i]).collect();
            let m = train(&docs, &ys, vocab.len());
            for i in (0..posts.len()).filter(|i| i % 5 == fold) {
                let value = score(&m, &encode(&feats[i], &vocab));
                for (t, found, false_alarms) in &mut sweep {
                    let flagged = flagged_by_rules[i] || (value > *t && all_features[i].gated_in);
                    if labels[i] {
                        *found += usize::from(flagged);
                    } else if civic[i] {
                        *false_alarms += usize::from(flagged);
                    }
                }
                let above = value > *threshold;
                let gated = above && all_features[i].gated_in;
                if labels[i] {
                    positives += 1;
                    found += usize::from(above);
                    found_gated += usize::from(gated);
                } else if civic[i] {
                    negatives += 1;
                    false_alarms += usize::from(above);
                    false_alarms_gated += usize::from(gated);
                }
            }
        }
        eprintln!(
            "{name}: cross-validated recall {found}/{positives} ({found_gated} through the gate), \
             civic and practical above threshold {false_alarms}/{negatives} ({false_alarms_gated} through the gate)"
        );
        for (t, found, false_alarms) in sweep {
            eprintln!(
                "  with the rules, threshold {t:.1}: flagged {found}/{positives}, civic and practical {false_alarms}/{negatives}"
            );
        }
    }

    if !excluded.is_empty() {
        let all: Vec<usize> = (0..posts.len()).collect();
        let vocab = vocabulary(&feats, &all);
        let docs: Vec<Vec<usize>> = feats.iter().map(|f| encode(f, &vocab)).collect();
        for (name, labels, _) in &targets {
            let m = train(&docs, labels, vocab.len());
            let (mut positives, mut negatives) = (0, 0);
            let mut sweep: Vec<(f32, usize, usize)> = [0.0, 0.5, 1.0, 1.5, 2.0]
                .iter()
                .map(|&t| (t, 0, 0))
                .collect();
            for p in &excluded {
                let f = features(p, &detector, &calendar, &civic_signals);
                let value = score(&m, &encode(&f.names, &vocab));
                let date = match (&p.date, p.label.as_str()) {
                    (Some(d), _) => d.parse().unwrap_or(inside_window),
                    (None, "achievement") => inside_window,
                    (None, _) => DEFAULT_DATE.parse().unwrap_or(inside_window),
                };
                let by_rules = rules_only
                    .check(&p.text, date, &calendar, Lang::Fr)
                    .iter()
                    .any(|f| f.severity >= Severity::Warning);
                let positive = p.label == *name;
                let negative = p.label == "civic" || p.label == "practical";
                positives += usize::from(positive);
                negatives += usize::from(negative);
                for (t, found, false_alarms) in &mut sweep {
                    let flagged = by_rules || (value > *t && f.gated_in);
                    *found += usize::from(positive && flagged);
                    *false_alarms += usize::from(negative && flagged);
                }
            }
            for (t, found, false_alarms) in sweep {
                eprintln!(
                    "left-out part, {name}, threshold {t:.1}: flagged {found}/{positives}, civic and practical {false_alarms}/{negatives}"
                );
            }
        }
    }

    // The weights shipped in the pack, learnt on the whole development set.
    let all: Vec<usize> = (0..posts.len()).collect();
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
        "  # Weights of words and pairs of words, learnt from the development"
    )?;
    writeln!(
        block,
        "  # parts of tests/fixtures/political/ only; the heaviest first. A post above a threshold"
    )?;
    writeln!(block, "  # is flagged as a warning")?;
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
        "    trained_on: \"the development parts of {SET}/parts.yaml, {} posts\"",
        posts.len()
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
