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
//! words, pairs of adjacent words and stems of long words of the
//! normalised post, names, numbers, months and pieces of links left out.
//! (The signals a post raises were tried as features too, twice: they lost
//! recall on the parts left out of training.) Partisan against the rest,
//! achievement against the rest, each class weighing the
//! same in total; stochastic gradient descent with an exact L2 penalty and
//! a fixed seed, so the result is the same on every machine. Only the
//! `development` parts of `parts.yaml` are read: the held-out ones stay
//! out, so their figures remain an honest estimate.
//!
//! Each development part is then left out in turn, the scores learnt on the
//! others, and what the rules and the scores flag on it is printed to
//! stderr at a few thresholds (`TRAIN_REPORT=holdout-15,holdout-16` counts
//! some parts only; `TRAIN_C`, `TRAIN_MIN_WEIGHT` and `TRAIN_GATE` try other
//! settings).

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
const EPOCHS: usize = 40;
/// First step of the stochastic gradient descent; it then shrinks as
/// `ETA0 / (1 + ETA0 · λ · t)`, so the last epochs only polish.
const ETA0: f32 = 0.1;
/// Inverse strength of the L2 penalty, as most logistic regression
/// libraries write it: the penalty is |w|² / (2 C) over the whole set
/// (`TRAIN_C` tries another value). With 7,000 posts, 3 found two partisan
/// posts in a hundred more than 1 at the same rate of false alarms.
const C: f32 = 3.0;
/// Weights smaller than this are dropped from the pack, which is read at
/// every start: 0.05 kept nearly twice as many weights for the same
/// decisions on the left-out parts; 0.15 lost nearly one partisan post in
/// a hundred, 0.2 flagged more civic ones (`TRAIN_MIN_WEIGHT`).
const MIN_WEIGHT: f32 = 0.1;
/// Thresholds of the two scores, chosen by leaving each part out in turn:
/// at 1.0 the partisan score flagged, with the rules, 2 civic or practical
/// posts in a hundred (the town hall's replies and thanks above all) and a
/// thank-you reply of the handbook; 1.5 keeps it to 1.6 for two partisan
/// posts in a hundred less.
const PARTISAN_THRESHOLD: f32 = 1.5;
const ACHIEVEMENT_THRESHOLD: f32 = 1.0;

#[derive(Deserialize)]
struct Set {
    posts: Vec<Post>,
}

#[derive(Deserialize)]
struct Post {
    /// Index of its part in `parts.yaml`'s development list.
    #[serde(skip)]
    part: usize,
    label: String,
    #[serde(default)]
    date: Option<String>,
    text: String,
}

/// What the scores see of a post, and whether the detector's gate lets the
/// score speak on it.
struct Features {
    names: Vec<String>,
    /// The post raised at least one signal of the pack.
    any_signal: bool,
    /// The post raised a civic signal (« bureau de vote », « procuration »…).
    civic_signal: bool,
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
    names.sort();
    names.dedup();
    Features {
        names,
        any_signal: !signals.is_empty(),
        civic_signal: signals.iter().any(|s| civic.contains(&s.signal)),
    }
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

/// Logistic regression by stochastic gradient descent with an exact L2
/// penalty: the weights are kept as `scale · v`, so shrinking all of them
/// at each step costs one multiplication (Bottou's trick). Positive and
/// negative posts weigh the same in total, whatever their numbers.
fn train(
    docs: &[Vec<usize>],
    labels: &[bool],
    n_features: usize,
    c: f32,
    min_weight: f32,
) -> Model {
    let n = docs.len().max(1) as f32;
    let positives = labels.iter().filter(|&&y| y).count().max(1) as f32;
    let class_weight = |y: bool| {
        if y {
            n / (2.0 * positives)
        } else {
            n / (2.0 * (n - positives).max(1.0))
        }
    };
    let lambda = 1.0 / (c * n);
    let mut v = vec![0.0f32; n_features];
    let mut scale = 1.0f32;
    let mut bias = 0.0f32;
    let mut order: Vec<usize> = (0..docs.len()).collect();
    let mut rng = XorShift(0x5EED_2026);
    let mut t = 0.0f32;
    for _ in 0..EPOCHS {
        rng.shuffle(&mut order);
        for &i in &order {
            let eta = ETA0 / (1.0 + ETA0 * lambda * t);
            t += 1.0;
            let z = bias + scale * docs[i].iter().map(|&f| v[f]).sum::<f32>();
            let p = 1.0 / (1.0 + (-z.clamp(-30.0, 30.0)).exp());
            let g = (p - f32::from(u8::from(labels[i]))) * class_weight(labels[i]);
            scale *= 1.0 - eta * lambda;
            for &f in &docs[i] {
                v[f] -= eta * g / scale;
            }
            bias -= eta * g;
            if scale < 1e-6 {
                v.iter_mut().for_each(|x| *x *= scale);
                scale = 1.0;
            }
        }
    }
    let weights = v
        .iter()
        .map(|x| x * scale)
        // What the pack keeps (see MIN_WEIGHT), so that the measures are
        // those of the weights that ship.
        .map(|w| if w.abs() < min_weight { 0.0 } else { w })
        .collect();
    Model { bias, weights }
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

/// A number from the environment, for trying a setting.
fn env_number(name: &str) -> Option<f32> {
    std::env::var(name).ok()?.parse().ok()
}

fn encode(feats: &[String], vocab: &HashMap<String, usize>) -> Vec<usize> {
    feats.iter().filter_map(|f| vocab.get(f).copied()).collect()
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let write = std::env::args().any(|a| a == "--write");
    // Knobs for trying other settings without editing the file.
    let c: f32 = env_number("TRAIN_C").unwrap_or(C);
    let min_weight: f32 = env_number("TRAIN_MIN_WEIGHT").unwrap_or(MIN_WEIGHT);
    let gate = std::env::var("TRAIN_GATE").unwrap_or_else(|_| "none".into());
    let parts: Parts =
        serde_saphyr::from_str(&std::fs::read_to_string(format!("{SET}/parts.yaml"))?)?;
    let mut posts = Vec::new();
    for (part, file) in parts.development.iter().enumerate() {
        let set: Set = serde_saphyr::from_str(&std::fs::read_to_string(format!("{SET}/{file}"))?)?;
        posts.extend(set.posts.into_iter().map(|p| Post { part, ..p }));
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
    // Where the score may speak: `none` (everywhere, as the detector does),
    // or, to compare, `signal` (a post with a signal and no civic one) or
    // `civic` (a post without a civic signal).
    let speaks: Vec<bool> = all_features
        .iter()
        .map(|f| match gate.as_str() {
            "signal" => f.any_signal && !f.civic_signal,
            "none" => true,
            _ => !f.civic_signal,
        })
        .collect();
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

    // Each part left out in turn: the parts were written independently, so
    // this is how the scores do on wording they have not seen. The rules
    // were written on these parts, so "with the rules" is optimistic for
    // the older ones; `TRAIN_REPORT=holdout-15,holdout-16` reports on some
    // parts only.
    let report_only: Option<Vec<String>> = std::env::var("TRAIN_REPORT")
        .ok()
        .map(|v| v.split(',').map(|s| s.trim().to_string()).collect());
    let reported = |part: usize| {
        report_only.as_ref().is_none_or(|names| {
            names
                .iter()
                .any(|n| parts.development[part].contains(n.as_str()))
        })
    };
    for (name, labels, threshold) in &targets {
        let mut values = vec![0.0f32; posts.len()];
        for left_out in 0..parts.development.len() {
            if !reported(left_out) {
                continue;
            }
            let train_idx: Vec<usize> = (0..posts.len())
                .filter(|&i| posts[i].part != left_out)
                .collect();
            let vocab = vocabulary(&feats, &train_idx);
            let docs: Vec<Vec<usize>> = train_idx
                .iter()
                .map(|&i| encode(&feats[i], &vocab))
                .collect();
            let ys: Vec<bool> = train_idx.iter().map(|&i| labels[i]).collect();
            let m = train(&docs, &ys, vocab.len(), c, min_weight);
            for i in (0..posts.len()).filter(|&i| posts[i].part == left_out) {
                values[i] = score(&m, &encode(&feats[i], &vocab));
            }
        }
        let counted: Vec<usize> = (0..posts.len())
            .filter(|&i| reported(posts[i].part))
            .collect();
        let positives = counted.iter().filter(|&&i| labels[i]).count();
        let negatives = counted.iter().filter(|&&i| civic[i]).count();
        let rules_found = counted
            .iter()
            .filter(|&&i| labels[i] && flagged_by_rules[i])
            .count();
        let rules_alarms = counted
            .iter()
            .filter(|&&i| civic[i] && flagged_by_rules[i])
            .count();
        eprintln!(
            "{name} (C = {c}, gate {gate}, each part left out in turn): rules alone {rules_found}/{positives}, \
             civic and practical {rules_alarms}/{negatives}"
        );
        for t in [0.0f32, 0.5, 1.0, 1.5, 2.0, 2.5] {
            let (mut found, mut alarms, mut found_alone, mut alarms_alone) = (0, 0, 0, 0);
            for &i in &counted {
                let by_score = values[i] > t && speaks[i];
                let flagged = flagged_by_rules[i] || by_score;
                if labels[i] {
                    found += usize::from(flagged);
                    found_alone += usize::from(by_score);
                } else if civic[i] {
                    alarms += usize::from(flagged);
                    alarms_alone += usize::from(by_score);
                }
            }
            let mark = if (t - threshold).abs() < 1e-3 {
                " <- the pack's"
            } else {
                ""
            };
            eprintln!(
                "  threshold {t:.1}: with the rules {found}/{positives} ({:.1} %), civic and practical {alarms}/{negatives} ({:.1} %); \
                 score alone {found_alone}, {alarms_alone}{mark}",
                100.0 * found as f64 / positives.max(1) as f64,
                100.0 * alarms as f64 / negatives.max(1) as f64,
            );
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
        let m = train(&docs, labels, vocab.len(), c, min_weight);
        let mut weights: Vec<(&str, f32)> = names
            .iter()
            .zip(&m.weights)
            .filter(|(_, w)| w.abs() >= min_weight)
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
                .filter(|(_, w)| w.abs() >= min_weight)
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
