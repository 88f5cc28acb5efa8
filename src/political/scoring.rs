//! The scoring layer: a linear score over the words of a post, for posts
//! the phrase rules do not catch.
//!
//! Phrase rules are precise but only know the phrasings they list. The
//! score adds up a weight for each word and each pair of adjacent words of
//! the normalised post (« nous », « l opposition », « depuis 2020 »…); above a
//! threshold the post reads like the partisan or achievement posts of the
//! evaluation set. The weights are data (`data.scoring` in
//! `rules/political.yaml`), learnt by `examples/political_train.rs` from the
//! development part of the evaluation set only, and a finding shows the
//! words that weighed most, so users can see why and discuss it.
//!
//! The detector uses a score only where the rules found nothing, and only
//! as a warning: it is a second opinion, not a verdict.

use super::normalize::Normalized;
use serde::Deserialize;
use std::collections::HashMap;

/// One linear score as written in the pack.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ModelSpec {
    /// Score of a post with none of the listed words.
    pub bias: f32,
    /// The post is flagged when its score is above this.
    pub threshold: f32,
    /// Weight of each word (`nous`) and pair of words (`nous avons`).
    pub weights: HashMap<String, f32>,
}

/// `data.scoring`: one score per rule.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScoringSpec {
    pub partisan: ModelSpec,
    pub achievement: ModelSpec,
    /// How the weights were obtained (shown to people who read the pack).
    #[serde(default)]
    pub trained_on: String,
}

/// A word or pair of words of a post that counted, with its weight.
#[derive(Clone, Debug, PartialEq)]
pub struct Contribution {
    pub feature: String,
    pub weight: f32,
    /// Tokens of the post (first and last) that carry the feature.
    pub tokens: (usize, usize),
}

/// The score of one post.
#[derive(Clone, Debug, PartialEq)]
pub struct Score {
    pub value: f32,
    pub threshold: f32,
    /// Positive contributions, heaviest first.
    pub contributions: Vec<Contribution>,
}

impl Score {
    pub fn above_threshold(&self) -> bool {
        self.value > self.threshold
    }
}

impl ModelSpec {
    /// Scores a normalised post; each feature counts once.
    pub fn score(&self, norm: &Normalized) -> Score {
        let mut value = self.bias;
        let mut contributions: Vec<Contribution> = Vec::new();
        let mut seen: Vec<&str> = Vec::new();
        let mut pair = String::new();
        for_each_feature(norm, &mut pair, |feature, tokens| {
            let Some((key, &w)) = self.weights.get_key_value(feature) else {
                return;
            };
            if seen.contains(&key.as_str()) {
                return;
            }
            seen.push(key.as_str());
            value += w;
            if w > 0.0 {
                contributions.push(Contribution {
                    feature: key.clone(),
                    weight: w,
                    tokens,
                });
            }
        });
        contributions.sort_by(|a, b| b.weight.total_cmp(&a.weight));
        Score {
            value,
            threshold: self.threshold,
            contributions,
        }
    }
}

/// Calls `f` with every feature of a post: each word, and each pair of
/// adjacent words of the same sentence (`"nous avons"`). `pair` is a buffer
/// reused for the pairs.
pub fn for_each_feature(
    norm: &Normalized,
    pair: &mut String,
    mut f: impl FnMut(&str, (usize, usize)),
) {
    for i in 0..norm.tokens.len() {
        f(norm.word(i), (i, i));
        if let Some(next) = norm.tokens.get(i + 1)
            && next.sentence == norm.tokens[i].sentence
        {
            pair.clear();
            pair.push_str(norm.word(i));
            pair.push(' ');
            pair.push_str(norm.word(i + 1));
            f(pair, (i, i + 1));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::political::normalize::normalize;

    #[test]
    fn a_score_adds_each_feature_once_and_lists_the_heaviest_first() {
        let model = ModelSpec {
            bias: -1.0,
            threshold: 0.5,
            weights: [
                ("nous".to_string(), 0.5),
                ("nous avons".to_string(), 1.5),
                ("piscine".to_string(), -0.25),
            ]
            .into_iter()
            .collect(),
        };
        let norm = normalize("Nous avons rouvert la piscine, nous !");
        let s = model.score(&norm);
        assert!((s.value - 0.75).abs() < 1e-6, "{}", s.value);
        assert!(s.above_threshold());
        assert_eq!(s.contributions[0].feature, "nous avons");
        assert_eq!(s.contributions[0].tokens, (0, 1));
        assert_eq!(s.contributions.len(), 2, "negative weights explain nothing");
    }

    #[test]
    fn pairs_do_not_cross_sentences() {
        let norm = normalize("Fin. Nous");
        let mut features = Vec::new();
        for_each_feature(&norm, &mut String::new(), |f, _| {
            features.push(f.to_string())
        });
        assert_eq!(features, ["fin", "nous"]);
    }
}
