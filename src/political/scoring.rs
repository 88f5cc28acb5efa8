//! The scoring layer: a linear score over the words of a post, for posts
//! the phrase rules do not catch.
//!
//! Phrase rules are precise but only know the phrasings they list. The
//! score adds up a weight for each word, each pair of adjacent words and
//! the stem of each long word of the normalised post (« nous »,
//! « l opposition », « defen* »…), on every post; above a
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
use std::hash::{BuildHasherDefault, Hasher};

/// One linear score as written in the pack.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ModelSpec {
    /// Score of a post with none of the listed words.
    pub bias: f32,
    /// The post is flagged when its score is above this.
    pub threshold: f32,
    /// Weight of each word (`nous`), pair of words (`nous avons`) and stem
    /// (`defen*`), in the order written: a map, or lines `nous avons 1.5`
    /// (the feature, a space, the weight). A feature written twice takes
    /// its last weight.
    #[serde(deserialize_with = "weights")]
    pub weights: Weights,
}

/// The weights of a score: the text of every feature in one string (the
/// pack carries thousands; one allocation each made reading the pack
/// slower than checking a small draft file).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Weights {
    text: String,
    /// Each feature: where its text is in `text`, and its weight.
    entries: Vec<(u32, u32, f32)>,
}

impl Weights {
    /// Adds a feature (written twice, it takes its last weight).
    pub fn push(&mut self, feature: &str, weight: f32) {
        let start = u32::try_from(self.text.len()).unwrap_or(u32::MAX);
        self.text.push_str(feature);
        let end = u32::try_from(self.text.len()).unwrap_or(u32::MAX);
        self.entries.push((start, end, weight));
    }

    /// The features and their weights, in the order written.
    pub fn iter(&self) -> impl Iterator<Item = (&str, f32)> {
        self.entries
            .iter()
            .map(|&(start, end, w)| (&self.text[start as usize..end as usize], w))
    }
}

impl<S: AsRef<str>> FromIterator<(S, f32)> for Weights {
    fn from_iter<I: IntoIterator<Item = (S, f32)>>(iter: I) -> Weights {
        let mut out = Weights::default();
        for (feature, w) in iter {
            out.push(feature.as_ref(), w);
        }
        out
    }
}

/// Reads `weights:` as a map or as lines `feature weight` (shorter, and
/// much faster to read than a map of a thousand entries).
fn weights<'de, D>(deserializer: D) -> Result<Weights, D::Error>
where
    D: serde::Deserializer<'de>,
{
    struct WeightsVisitor;

    impl<'de> serde::de::Visitor<'de> for WeightsVisitor {
        type Value = Weights;

        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("lines `word weight`, or a map of words to weights")
        }

        fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<Self::Value, E> {
            parse_weight_lines(text).map_err(E::custom)
        }

        fn visit_map<A: serde::de::MapAccess<'de>>(
            self,
            mut map: A,
        ) -> Result<Self::Value, A::Error> {
            let mut out = Weights::default();
            while let Some((feature, w)) = map.next_entry::<String, f32>()? {
                out.push(&feature, w);
            }
            Ok(out)
        }
    }

    deserializer.deserialize_any(WeightsVisitor)
}

/// A weight as the trainer writes it (`-0.368`), read without the general
/// float parser (thousands of them at every start); anything else (`1e-3`)
/// goes to that parser.
fn parse_weight(text: &str) -> Option<f32> {
    let (negative, digits) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    let (whole, fraction) = digits.split_once('.').unwrap_or((digits, ""));
    let plain = |part: &str| part.len() <= 7 && part.bytes().all(|b| b.is_ascii_digit());
    if whole.is_empty() || !plain(whole) || !plain(fraction) {
        return text.parse().ok();
    }
    let mut mantissa: u64 = 0;
    for b in whole.bytes().chain(fraction.bytes()) {
        mantissa = mantissa * 10 + u64::from(b - b'0');
    }
    // Both numbers are exact in an f64 and the division is rounded once.
    let value = mantissa as f64 / 10f64.powi(fraction.len() as i32);
    Some(if negative { -value } else { value } as f32)
}

/// `"nous avons 1.5\nliste 3.2"` → the weights; a line without a number at
/// its end is refused, naming it.
pub fn parse_weight_lines(text: &str) -> Result<Weights, String> {
    let mut out = Weights {
        text: String::with_capacity(text.len()),
        entries: Vec::with_capacity(text.len() / 16),
    };
    // ASCII trimming and byte searches: the lines are the trainer's, and
    // thousands of them are read at every start.
    for (n, line) in text.split('\n').enumerate() {
        let line = line.trim_ascii();
        if line.is_empty() {
            continue;
        }
        let parsed = line
            .rsplit_once(' ')
            .and_then(|(feature, w)| Some((feature.trim_ascii_end(), parse_weight(w)?)));
        match parsed {
            Some((feature, w)) if !feature.is_empty() => out.push(feature, w),
            _ => {
                return Err(format!(
                    "weights, line {}: « {line} » is not a word followed by its weight",
                    n + 1
                ));
            }
        }
    }
    Ok(out)
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
    /// The heaviest positive contributions (four at most, not overlapping).
    pub contributions: Vec<Contribution>,
}

impl Score {
    pub fn above_threshold(&self) -> bool {
        self.value > self.threshold
    }
}

impl ModelSpec {
    /// Scores a normalised post; each feature counts once. The plain
    /// reading of the weights, feature text by feature text: the reference
    /// that [`CompiledScoring`] is tested against.
    pub fn score(&self, norm: &Normalized) -> Score {
        let weights: HashMap<&str, f32> = self.weights.iter().collect();
        let mut value = self.bias;
        let mut contributions: Vec<Contribution> = Vec::new();
        let mut seen: Vec<&str> = Vec::new();
        let mut pair = String::new();
        for_each_feature(norm, &mut pair, |feature, tokens| {
            let Some((&key, &w)) = weights.get_key_value(feature) else {
                return;
            };
            if seen.contains(&key) {
                return;
            }
            seen.push(key);
            value += w;
            if w > 0.0 {
                contributions.push(Contribution {
                    feature: key.to_string(),
                    weight: w,
                    tokens,
                });
            }
        });
        // Heaviest first; between equal weights, the one that starts first
        // (so that every way of scoring names the same words).
        contributions.sort_by(|a, b| b.weight.total_cmp(&a.weight).then(a.tokens.cmp(&b.tokens)));
        let contributions = heaviest(contributions.into_iter());
        Score {
            value,
            threshold: self.threshold,
            contributions,
        }
    }
}

/// Both scores of the pack, compiled so that each word of a post is
/// looked up once.
///
/// The score reads every post, so nothing is built per post: each word is
/// looked up once, and its entry gives its own feature, its stem's and a
/// number for the word; pairs are looked up by the numbers of their two
/// words. Features are numbered, and their texts kept in one string, for
/// the explanation of the few posts that are flagged.
#[derive(Clone, Debug)]
pub struct CompiledScoring {
    /// The partisan and achievement weights of each feature.
    weights: Vec<[f32; 2]>,
    /// The text of every feature, one after the other…
    names: String,
    /// …and where each one is in it.
    name_spans: Vec<(u32, u32)>,
    /// Every word that is a feature or part of a pair.
    words: HashMap<Box<str>, WordEntry, BuildHasherDefault<WordHasher>>,
    /// Stem features by their letters (without the `*`), for the words
    /// that are not in `words`.
    stems: HashMap<Box<str>, u32, BuildHasherDefault<WordHasher>>,
    /// Pair features by the numbers of their two words.
    pairs: HashMap<u64, u32, BuildHasherDefault<PairHasher>>,
    /// The entry of each word by its number in the detector's phrase set
    /// (see [`CompiledScoring::index_by`]), so that a post's words, already
    /// looked up there, are not looked up again.
    by_number: Vec<Option<WordEntry>>,
    bias: [f32; 2],
    threshold: [f32; 2],
}

/// What the fast path knows of a word of the table.
#[derive(Clone, Copy, Debug)]
struct WordEntry {
    /// The word's number, for the pairs.
    id: u32,
    /// The word's own feature, or [`NONE`].
    feature: u32,
    /// Its stem's feature, or [`NONE`].
    stem: u32,
}

const NONE: u32 = u32::MAX;

/// Which features of the post being scored have been counted: one bit per
/// feature of the table, and the list of those set, to clear them after
/// the post. (A list alone had to be searched at every feature: about 4 %
/// of the time of the political rules.)
#[derive(Default)]
struct Counted {
    bits: Vec<u64>,
    set: Vec<u32>,
}

impl Counted {
    fn start(&mut self, features: usize) {
        let words = features.div_ceil(64);
        if self.bits.len() < words {
            self.bits.resize(words, 0);
        }
    }

    /// Marks feature `at`; whether it was not marked yet.
    fn first_time(&mut self, at: u32) -> bool {
        let (word, bit) = (at as usize / 64, 1u64 << (at % 64));
        let Some(slot) = self.bits.get_mut(word) else {
            return false;
        };
        if *slot & bit != 0 {
            return false;
        }
        *slot |= bit;
        self.set.push(at);
        true
    }

    fn clear(&mut self) {
        for at in self.set.drain(..) {
            if let Some(slot) = self.bits.get_mut(at as usize / 64) {
                *slot = 0;
            }
        }
    }
}

thread_local! {
    /// Reused from post to post (the scoring runs on every post).
    static COUNTED: std::cell::RefCell<Counted> = std::cell::RefCell::new(Counted::default());
}

/// A hash for the two word numbers of a pair: a multiplication spreads
/// them, the fold brings high bits down to the bucket index.
#[derive(Default)]
pub struct PairHasher(u64);

impl Hasher for PairHasher {
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.write_u64(u64::from(b));
        }
    }

    fn write_u64(&mut self, n: u64) {
        let x = (self.0 ^ n).wrapping_mul(0x9e37_79b9_7f4a_7c15);
        self.0 = x ^ (x >> 29);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

fn pair_key(first: u32, second: u32) -> u64 {
    u64::from(first) << 32 | u64::from(second)
}

/// The letters of `word`'s stem, if it is long enough to have one.
fn stem_of(word: &str) -> Option<&str> {
    word.char_indices()
        .nth(STEM_CHARS)
        .map(|(cut, _)| &word[..cut])
}

/// Index of the partisan score in [`CompiledScoring::score`]'s result.
pub const PARTISAN_SCORE: usize = 0;
/// Index of the achievement score.
pub const ACHIEVEMENT_SCORE: usize = 1;

impl CompiledScoring {
    pub fn new(spec: &ScoringSpec) -> CompiledScoring {
        // Number the features of both scores (a feature of both gets one
        // number and two weights).
        let mut numbers: HashMap<&str, u32, BuildHasherDefault<WordHasher>> = HashMap::default();
        let mut weights: Vec<[f32; 2]> = Vec::new();
        let mut names = String::new();
        let mut name_spans: Vec<(u32, u32)> = Vec::new();
        for (i, model) in [&spec.partisan, &spec.achievement].into_iter().enumerate() {
            for (feature, w) in model.weights.iter() {
                let next = u32::try_from(weights.len()).unwrap_or(NONE);
                let at = *numbers.entry(feature).or_insert(next);
                if at == next {
                    weights.push([0.0, 0.0]);
                    let start = u32::try_from(names.len()).unwrap_or(u32::MAX);
                    names.push_str(feature);
                    let end = u32::try_from(names.len()).unwrap_or(u32::MAX);
                    name_spans.push((start, end));
                }
                weights[at as usize][i] = w;
            }
        }
        let mut words: HashMap<Box<str>, WordEntry, BuildHasherDefault<WordHasher>> =
            HashMap::default();
        let mut stems: HashMap<Box<str>, u32, BuildHasherDefault<WordHasher>> = HashMap::default();
        let mut pairs: HashMap<u64, u32, BuildHasherDefault<PairHasher>> = HashMap::default();
        let word_entry = |words: &mut HashMap<Box<str>, WordEntry, _>, word: &str| -> u32 {
            if let Some(entry) = words.get(word) {
                return entry.id;
            }
            let id = u32::try_from(words.len()).unwrap_or(NONE);
            words.insert(
                word.into(),
                WordEntry {
                    id,
                    feature: NONE,
                    stem: NONE,
                },
            );
            id
        };
        for (feature, &at) in &numbers {
            if let Some(stem) = feature.strip_suffix('*') {
                stems.insert(stem.into(), at);
            } else if let Some((first, second)) = feature.split_once(' ') {
                let key = pair_key(
                    word_entry(&mut words, first),
                    word_entry(&mut words, second),
                );
                pairs.insert(key, at);
            } else {
                word_entry(&mut words, feature);
                if let Some(entry) = words.get_mut(*feature) {
                    entry.feature = at;
                }
            }
        }
        for (word, entry) in &mut words {
            if let Some(&at) = stem_of(word).and_then(|stem| stems.get(stem)) {
                entry.stem = at;
            }
        }
        CompiledScoring {
            weights,
            names,
            name_spans,
            words,
            stems,
            pairs,
            by_number: Vec::new(),
            bias: [spec.partisan.bias, spec.achievement.bias],
            threshold: [spec.partisan.threshold, spec.achievement.threshold],
        }
    }

    /// The words the features are made of (words and both words of pairs).
    pub fn word_texts(&self) -> impl Iterator<Item = &str> {
        self.words.keys().map(|w| &**w)
    }

    /// Numbers the words as `number_of` does (the detector's phrase set,
    /// given every word of [`CompiledScoring::word_texts`]), for
    /// [`CompiledScoring::values_with`].
    pub fn index_by(&mut self, number_of: impl Fn(&str) -> Option<u32>) {
        let mut by_number: Vec<Option<WordEntry>> = Vec::new();
        for (word, entry) in &self.words {
            if let Some(n) = number_of(word) {
                let n = n as usize;
                if by_number.len() <= n {
                    by_number.resize(n + 1, None);
                }
                by_number[n] = Some(*entry);
            }
        }
        self.by_number = by_number;
    }

    /// [`CompiledScoring::values`] for a post whose words are already
    /// numbered (`numbers[i]` for token `i`, as [`CompiledScoring::index_by`]
    /// was told): the detector's common case, one look-up a word saved.
    pub fn values_with(&self, norm: &Normalized, numbers: &[u32]) -> [f32; 2] {
        if self.by_number.is_empty() || numbers.len() != norm.tokens.len() {
            return self.values(norm);
        }
        let mut value = self.bias;
        self.for_each_weighted(norm, Some(numbers), |at, _| {
            let w = self.weights[at as usize];
            value[0] += w[0];
            value[1] += w[1];
        });
        value
    }

    /// Calls `on` once with each feature of the post that has a weight
    /// (its number, and the first and last tokens that carry it): the same
    /// features as [`for_each_feature`], found without building their text.
    fn for_each_weighted(
        &self,
        norm: &Normalized,
        numbers: Option<&[u32]>,
        mut on: impl FnMut(u32, (usize, usize)),
    ) {
        let mut run = |counted: &mut Counted| {
            counted.start(self.weights.len());
            self.walk(norm, numbers, |at, tokens| {
                if counted.first_time(at) {
                    on(at, tokens);
                }
            });
            counted.clear();
        };
        COUNTED.with(|cell| match cell.try_borrow_mut() {
            Ok(mut counted) => run(&mut counted),
            // Called again from `on`: a set of its own.
            Err(_) => run(&mut Counted::default()),
        });
    }

    /// Every weighted feature of the post, repeats included.
    fn walk(
        &self,
        norm: &Normalized,
        numbers: Option<&[u32]>,
        mut add: impl FnMut(u32, (usize, usize)),
    ) {
        // The previous word of the sentence, when it can start a pair.
        let mut previous: Option<(u32, u32)> = None;
        for (i, token) in norm.tokens.iter().enumerate() {
            if is_name(norm, i) {
                previous = None;
                continue;
            }
            let word = norm.word(i);
            let entry = match numbers {
                // Every word of `words` was numbered: a word without an
                // entry there is not one of ours.
                Some(numbers) => numbers
                    .get(i)
                    .and_then(|&n| self.by_number.get(n as usize))
                    .and_then(Option::as_ref),
                None => self.words.get(word),
            };
            match entry {
                Some(e) => {
                    if e.feature != NONE {
                        add(e.feature, (i, i));
                    }
                    if e.stem != NONE {
                        add(e.stem, (i, i));
                    }
                }
                None => {
                    if let Some(&at) = stem_of(word).and_then(|stem| self.stems.get(stem)) {
                        add(at, (i, i));
                    }
                }
            }
            if let (Some((sentence, first)), Some(e)) = (previous, entry)
                && sentence == token.sentence
                && let Some(&at) = self.pairs.get(&pair_key(first, e.id))
            {
                add(at, (i - 1, i));
            }
            previous = entry.map(|e| (token.sentence, e.id));
        }
    }

    /// The text of feature `at`.
    fn name(&self, at: u32) -> &str {
        let (start, end) = self.name_spans[at as usize];
        &self.names[start as usize..end as usize]
    }

    /// The partisan and achievement values of a post, without the
    /// explanation (the same sums as [`CompiledScoring::score`]).
    pub fn values(&self, norm: &Normalized) -> [f32; 2] {
        let mut value = self.bias;
        self.for_each_weighted(norm, None, |at, _| {
            let w = self.weights[at as usize];
            value[0] += w[0];
            value[1] += w[1];
        });
        value
    }

    /// Whether each value is above its threshold.
    pub fn above_thresholds(&self, values: [f32; 2]) -> (bool, bool) {
        (values[0] > self.threshold[0], values[1] > self.threshold[1])
    }

    /// The partisan and achievement scores of a normalised post.
    pub fn score(&self, norm: &Normalized) -> [Score; 2] {
        let mut value = self.bias;
        let mut counted: Vec<(&str, [f32; 2], (usize, usize))> = Vec::new();
        self.for_each_weighted(norm, None, |at, tokens| {
            let w = self.weights[at as usize];
            value[0] += w[0];
            value[1] += w[1];
            counted.push((self.name(at), w, tokens));
        });
        [0, 1].map(|i| {
            let mut positive: Vec<&(&str, [f32; 2], (usize, usize))> =
                counted.iter().filter(|c| c.1[i] > 0.0).collect();
            positive.sort_by(|a, b| b.1[i].total_cmp(&a.1[i]).then(a.2.cmp(&b.2)));
            let contributions =
                heaviest(
                    positive
                        .into_iter()
                        .map(|&(feature, w, tokens)| Contribution {
                            feature: feature.to_string(),
                            weight: w[i],
                            tokens,
                        }),
                );
            Score {
                value: value[i],
                threshold: self.threshold[i],
                contributions,
            }
        })
    }
}

/// Below this weight a word is not named in a message.
const MIN_SHOWN_WEIGHT: f32 = 0.3;

/// The first four contributions (heaviest first) that do not share words
/// with a heavier one: « le projet » is not shown again as « projet ».
fn heaviest(sorted: impl Iterator<Item = Contribution>) -> Vec<Contribution> {
    let mut kept: Vec<Contribution> = Vec::with_capacity(4);
    for c in sorted {
        // Light words (« les », « encore ») count in the score but explain
        // little; the heaviest one is always shown.
        if !kept.is_empty() && c.weight < MIN_SHOWN_WEIGHT {
            break;
        }
        if !kept
            .iter()
            .any(|k| c.tokens.0 <= k.tokens.1 && k.tokens.0 <= c.tokens.1)
        {
            kept.push(c);
        }
        if kept.len() == 4 {
            break;
        }
    }
    kept
}

/// A fast hash for short words (the table is ours, not attacker-chosen).
#[derive(Default)]
pub struct WordHasher(u64);

impl WordHasher {
    fn mix(&mut self, word: u64) {
        const K: u64 = 0x517c_c1b7_2722_0a95;
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(K);
    }
}

impl Hasher for WordHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut word = [0u8; 8];
            word.copy_from_slice(c);
            self.mix(u64::from_le_bytes(word));
        }
        // The last 1 to 7 bytes in one step (most words are that short):
        // two overlapping 4-byte reads, or three single bytes, cover them
        // all, and the length tells the cases apart.
        let rest = chunks.remainder();
        let n = rest.len();
        let tail = match (rest.first_chunk::<4>(), rest.last_chunk::<4>()) {
            (Some(&head), Some(&end)) => {
                u64::from(u32::from_le_bytes(head)) | u64::from(u32::from_le_bytes(end)) << 32
            }
            _ => match (rest.first(), rest.get(n / 2), rest.last()) {
                (Some(&a), Some(&b), Some(&c)) => {
                    u64::from(a) | u64::from(b) << 8 | u64::from(c) << 16
                }
                _ => return,
            },
        };
        self.mix(tail ^ (n as u64) << 60);
    }

    fn write_u8(&mut self, b: u8) {
        self.mix(u64::from(b));
    }

    fn write_u64(&mut self, n: u64) {
        self.mix(n);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

/// Calls `f` with every feature of a post: each word, the first letters of
/// each long word (`"defen*"` for « défendrons », « défendre »), and each
/// pair of adjacent words of the same sentence (`"nous avons"`). `pair` is a
/// buffer reused for the pairs and stems.
///
/// The stems let a weight learnt on « défendre » count for « défendrons »:
/// leaving each part of the evaluation set out in turn, they found two
/// more partisan posts in a hundred at the same rate of false alarms.
///
/// Proper names are left out (a capitalised word inside a sentence or a
/// hashtag, not an acronym), and so are numbers and month names: the
/// invented people and towns of the evaluation set, and the dates of its
/// elections (« 15 mars »), say nothing about another post (« Vaccination
/// contre la grippe le 10 mars » read as partisan when « mars » weighed).
/// The calendar's signals (`vote-date`, `vote-month`) are what read dates.
/// Whether token `i` is left out of the features: a proper name (a
/// capitalised word inside a sentence or a hashtag, not an acronym), a
/// number, a month or a piece of a link.
#[inline]
fn is_name(norm: &Normalized, i: usize) -> bool {
    let t = &norm.tokens[i];
    t.number
        || (t.capitalized && !t.all_caps && !t.sentence_start && !t.tag_start)
        || ((2..=9).contains(&t.norm.len())
            && (is_month(norm.word(i)) || is_link_part(norm.word(i))))
}

/// The scaffolding of a link (`https`, `www`, `com`…): whether a post has
/// a link says nothing of its politics (« À lire : les prévisions pour le
/// week-end https://t.co/… » read as partisan when « https » and « com »
/// weighed).
fn is_link_part(word: &str) -> bool {
    matches!(
        word,
        "http"
            | "https"
            | "www"
            | "com"
            | "fr"
            | "org"
            | "net"
            | "co"
            | "uk"
            | "ca"
            | "html"
            | "php"
            | "bit"
            | "ly"
            | "gouv"
            | "gov"
    )
}

/// Month names, as the normaliser writes them (lower case, no accents).
fn is_month(word: &str) -> bool {
    // Most words are not months: their length or first letter says so
    // before any comparison.
    if !(3..=9).contains(&word.len())
        || !matches!(
            word.as_bytes()[0],
            b'a' | b'd' | b'f' | b'j' | b'm' | b'n' | b'o' | b's'
        )
    {
        return false;
    }
    matches!(
        word,
        "janvier"
            | "fevrier"
            | "mars"
            | "avril"
            | "mai"
            | "juin"
            | "juillet"
            | "aout"
            | "septembre"
            | "octobre"
            | "novembre"
            | "decembre"
            | "january"
            | "february"
            | "march"
            | "april"
            | "may"
            | "june"
            | "july"
            | "august"
            | "september"
            | "october"
            | "november"
            | "december"
    )
}

/// Letters kept in a stem: five join the forms of a French verb
/// (« défen* ») without joining many unrelated words.
const STEM_CHARS: usize = 5;

pub fn for_each_feature(
    norm: &Normalized,
    pair: &mut String,
    mut f: impl FnMut(&str, (usize, usize)),
) {
    let is_name = |i: usize| is_name(norm, i);
    for i in 0..norm.tokens.len() {
        if is_name(i) {
            continue;
        }
        let word = norm.word(i);
        f(word, (i, i));
        if let Some(stem) = stem_of(word) {
            pair.clear();
            pair.push_str(stem);
            pair.push('*');
            f(pair, (i, i));
        }
        if let Some(next) = norm.tokens.get(i + 1)
            && next.sentence == norm.tokens[i].sentence
            && !is_name(i + 1)
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
        assert_eq!(
            s.contributions.len(),
            1,
            "negative weights explain nothing, « nous » is inside « nous avons »"
        );
    }

    #[test]
    fn the_compiled_scores_equal_the_plain_reading_on_the_whole_set() {
        // `CompiledScoring` finds features by word numbers, `ModelSpec`
        // by their text: they must agree, post by post, with the shipped
        // weights.
        let pack = crate::political::PoliticalPack::builtin();
        let spec = pack.data.scoring.as_ref().expect("scoring");
        let compiled = CompiledScoring::new(spec);
        let mut posts = 0;
        for text in include_str!("../../tests/fixtures/political/eval.yaml")
            .lines()
            .chain(include_str!("../../tests/fixtures/political/holdout-26.yaml").lines())
            .filter_map(|l| l.split_once("text: ").map(|(_, t)| t))
        {
            let norm = normalize(text);
            let [p, a] = compiled.score(&norm);
            let [vp, va] = compiled.values(&norm);
            let (sp, sa) = (spec.partisan.score(&norm), spec.achievement.score(&norm));
            for (x, y) in [
                (p.value, sp.value),
                (a.value, sa.value),
                (vp, sp.value),
                (va, sa.value),
            ] {
                assert!((x - y).abs() < 1e-4, "{text}: {x} vs {y}");
            }
            let features = |s: &Score| {
                let mut f: Vec<String> =
                    s.contributions.iter().map(|c| c.feature.clone()).collect();
                f.sort();
                f
            };
            assert_eq!(features(&p), features(&sp), "{text}");
            posts += 1;
        }
        assert!(posts > 700, "{posts}");
    }

    #[test]
    fn weights_are_read_as_the_float_parser_reads_them() {
        for text in [
            "0.368",
            "-0.368",
            "1",
            "-2",
            "12.5",
            "0.1",
            "0.001",
            "3.1415926",
            "1e-3",
            "-1.5e2",
            "0.30000001",
        ] {
            let expected: f32 = text.parse().expect("a number");
            let read = parse_weight(text).expect(text);
            assert!(
                (read - expected).abs() <= f32::EPSILON * expected.abs(),
                "{text}"
            );
        }
        for text in ["", "-", ".5", "abc", "1.2.3", "--1"] {
            assert_eq!(parse_weight(text), text.parse::<f32>().ok(), "{text:?}");
        }
    }

    #[test]
    fn the_compiled_table_gives_the_same_scores() {
        let weights = |pairs: &[(&str, f32)]| pairs.iter().copied().collect();
        let spec = ScoringSpec {
            partisan: ModelSpec {
                bias: -1.0,
                threshold: 0.5,
                weights: weights(&[("nous", 0.5), ("nous avons", 1.5)]),
            },
            achievement: ModelSpec {
                bias: 0.0,
                threshold: 1.0,
                weights: weights(&[("piscine", 2.0), ("nous", -0.5)]),
            },
            trained_on: String::new(),
        };
        let norm = normalize("Nous avons rouvert la piscine, nous !");
        let [p, a] = CompiledScoring::new(&spec).score(&norm);
        assert_eq!(p, spec.partisan.score(&norm));
        assert_eq!(a, spec.achievement.score(&norm));
        let compiled = CompiledScoring::new(&spec);
        assert_eq!(compiled.values(&norm), [p.value, a.value]);
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
