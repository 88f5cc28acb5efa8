//! The words of the political rules, as written in `rules/political.yaml`.
//!
//! Everything a user may want to discuss or adjust lives in the pack's
//! `data:` section: the phrases of each signal, the names of parties that
//! are also everyday words and the conditions under which they count, the
//! civic phrases that are never a signal, and how signals combine into a
//! finding. This module only reads and checks that section; the detector
//! compiles it.

use crate::locale::Localized;
use serde::Deserialize;
use std::collections::BTreeMap;

/// The built-in pack, compiled into the library.
pub const BUILTIN_PACK: &str = include_str!("../../rules/political.yaml");

/// The rule ids of the pack, in the order of the file.
pub const PARTISAN: &str = "political.partisan";
pub const ACHIEVEMENT: &str = "political.achievement";
pub const ELECTION_EVE: &str = "political.election-eve";

/// The whole pack file: the rules (messages, examples) and the data.
///
/// The lint engine reads the same file with its own schema; this view keeps
/// only what the political checks and their tests need.
#[derive(Clone, Debug, Deserialize)]
pub struct PoliticalPack {
    pub pack: String,
    pub rules: Vec<RuleSpec>,
    pub data: PackData,
}

/// One rule of the pack, as far as the political checks need it.
#[derive(Clone, Debug, Deserialize)]
pub struct RuleSpec {
    pub id: String,
    #[serde(default)]
    pub category: Option<String>,
    #[serde(default)]
    pub severity: Option<String>,
    #[serde(default)]
    pub applies_to: Option<String>,
    pub check: CheckSpec,
    pub message: Localized,
    pub description: Localized,
    #[serde(default)]
    pub examples: Examples,
}

#[derive(Clone, Debug, Deserialize)]
pub struct CheckSpec {
    pub kind: String,
}

#[derive(Clone, Debug, Default, Deserialize)]
pub struct Examples {
    #[serde(default)]
    pub trigger: Vec<Example>,
    #[serde(default)]
    pub pass: Vec<Example>,
}

/// A rule example: the text of a post, or a map with its publication date.
#[derive(Clone, Debug, Deserialize)]
#[serde(untagged)]
pub enum Example {
    Text(String),
    Post {
        text: String,
        #[serde(default)]
        date: Option<String>,
        #[serde(default)]
        platform: Option<String>,
    },
}

impl Example {
    pub fn text(&self) -> &str {
        match self {
            Example::Text(t) | Example::Post { text: t, .. } => t,
        }
    }

    pub fn date(&self) -> Option<&str> {
        match self {
            Example::Text(_) => None,
            Example::Post { date, .. } => date.as_deref(),
        }
    }
}

/// The `data:` section of `rules/political.yaml`.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PackData {
    /// Families of phrases; each family is one signal the combinations use.
    pub signals: Vec<SignalSpec>,
    /// Function words that tell a French post from an English one, so that
    /// the `fr` phrases are looked for in French posts and the `en` phrases
    /// in English ones (« meeting » is a campaign word in French only).
    pub language_markers: ByLang,
    /// Party names that are also everyday words (RN, PS, Renaissance…).
    #[serde(default)]
    pub ambiguous: Vec<AmbiguousSpec>,
    /// Signal families whose presence in the same sentence makes an
    /// ambiguous name count as a party.
    #[serde(default, deserialize_with = "phrases")]
    pub ambiguous_context: Vec<String>,
    /// Civic phrases: a signal that overlaps one of them does not count
    /// (« vote du budget », « campagne de vaccination »).
    pub exceptions: ByLang,
    /// A capitalised name right after one of these words is a candidate
    /// (« Votez Dupont »), unless the name is one of `stopwords`.
    #[serde(default)]
    pub vote_name: NameRule,
    /// A hashtag that starts with one of these words followed by a name is a
    /// campaign hashtag (`#AvecDupont`).
    #[serde(default)]
    pub campaign_hashtag: NameRule,
    /// First names and titles that start a person's name.
    #[serde(default)]
    pub person: PersonRule,
    /// Words followed by a name in quotes (« la liste « Vivre Albi » »):
    /// the name of a list, which raises the `candidacy` signal.
    #[serde(default, deserialize_with = "phrases")]
    pub quoted_list: Vec<String>,
    /// Words that, repeated after a comma (« Nous, nous »), set the speaker
    /// against others.
    #[serde(default, deserialize_with = "phrases")]
    pub emphatic: Vec<String>,
    /// Subjects that may follow such a word after the comma instead of the
    /// word itself (« Nous, on agit »).
    #[serde(default, deserialize_with = "phrases")]
    pub emphatic_then: Vec<String>,
    /// Month and weekday names, to recognise « dimanche 15 mars » as the
    /// day of a vote.
    pub dates: DateWords,
    /// « nous avons rénové », “we have built”: a first-person plural past
    /// tense, recognised by the form of the verb rather than listed verb by
    /// verb (it gives the `we-did` signal).
    #[serde(default)]
    pub we_did: VerbFormRule,
    /// « Nous créerons », “we will scrap”: a first-person future, known the
    /// same way by the form of the verb (the `we-will` signal: a pledge).
    #[serde(default)]
    pub we_will: VerbFormRule,
    /// How signals combine into findings, rule by rule.
    pub combinations: Combinations,
    /// Pieces of messages filled into the rules' messages.
    pub texts: Texts,
    /// The scoring layer: weights of words, learnt from the evaluation set
    /// (see `scoring.rs`). Without it, only the phrase rules run.
    #[serde(default)]
    pub scoring: Option<super::scoring::ScoringSpec>,
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ByLang {
    #[serde(default, deserialize_with = "phrases")]
    pub fr: Vec<String>,
    #[serde(default, deserialize_with = "phrases")]
    pub en: Vec<String>,
}

impl ByLang {
    pub fn all(&self) -> impl Iterator<Item = &String> {
        self.fr.iter().chain(&self.en)
    }
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SignalSpec {
    pub name: String,
    /// What the signal means, shown in messages (« appel à voter »).
    pub label: Localized,
    /// Civic information: never ignored, and other signals overlapping it
    /// are ignored, like `exceptions`.
    #[serde(default)]
    pub civic: bool,
    /// Phrases looked for in French posts.
    #[serde(default, deserialize_with = "phrases")]
    pub fr: Vec<String>,
    /// Phrases looked for in English posts.
    #[serde(default, deserialize_with = "phrases")]
    pub en: Vec<String>,
    /// Phrases looked for in every post (names of parties and people).
    #[serde(default, deserialize_with = "phrases")]
    pub both: Vec<String>,
}

/// How an ambiguous name must be written to be a party name.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum CaseRule {
    /// Any case.
    #[default]
    Any,
    /// First letter a capital (Renaissance, Horizons).
    Capitalized,
    /// All capitals (RN, PS).
    Upper,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AmbiguousSpec {
    /// The name as written (« RN », « Place publique »).
    pub term: String,
    /// The party it may stand for, shown in messages.
    pub party: String,
    #[serde(default)]
    pub case: CaseRule,
    /// Not a party when followed by a number (« RN 7 » is a road).
    #[serde(default)]
    pub not_before_number: bool,
    /// Not a party when it opens a sentence (« PS : pensez à… », « Ensemble, »).
    #[serde(default)]
    pub not_sentence_start: bool,
    /// Not a party right after one of these words (« salle Renaissance »,
    /// « la RN »).
    #[serde(default, deserialize_with = "phrases")]
    pub not_after: Vec<String>,
    /// Not a party right before one of these words (« Labour Day »).
    #[serde(default, deserialize_with = "phrases")]
    pub not_before: Vec<String>,
    /// Where the political context must be found: in the same sentence
    /// (default) or anywhere in the post.
    #[serde(default)]
    pub context: Scope,
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NameRule {
    #[serde(default, deserialize_with = "phrases")]
    pub after: Vec<String>,
    /// Words that make the capitalised word just before them a name
    /// (« Dupont maire ! »).
    #[serde(default, deserialize_with = "phrases")]
    pub titles: Vec<String>,
    #[serde(default, deserialize_with = "phrases")]
    pub stopwords: Vec<String>,
    /// Words that join a first name to a place in a hashtag
    /// (`#ÉlodiePourAlbi`).
    #[serde(default, deserialize_with = "phrases")]
    pub name_then: Vec<String>,
    /// Words that start a hashtag before a first name (`#TeamLéa`).
    #[serde(default, deserialize_with = "phrases")]
    pub before_first_name: Vec<String>,
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PersonRule {
    #[serde(default, deserialize_with = "phrases")]
    pub first_names: Vec<String>,
    #[serde(default, deserialize_with = "phrases")]
    pub titles: Vec<String>,
    #[serde(default, deserialize_with = "phrases")]
    pub not_after: Vec<String>,
}

/// How the detector recognises a subject followed by a verb in a given
/// form: « nous avons + participe passé » (`we_did`), « nous + futur »
/// (`we_will`). The field names speak of the past, its first use.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VerbFormRule {
    /// The subject and auxiliary (« nous avons », « on a », “we have”), or
    /// the subject alone before an English simple past (“we”).
    #[serde(default, deserialize_with = "phrases")]
    pub subjects: Vec<String>,
    /// Adverbs that may stand between the auxiliary and the verb
    /// (« nous avons enfin rénové »).
    #[serde(default, deserialize_with = "phrases")]
    pub adverbs: Vec<String>,
    /// Endings of past participles, as written (« é », « ées », « it »,
    /// “ed”), compared with the lowercased original word.
    #[serde(default, deserialize_with = "phrases")]
    pub endings: Vec<String>,
    /// Past participles without a regular ending (« fait », “built”).
    #[serde(default, deserialize_with = "phrases")]
    pub participles: Vec<String>,
    /// Words with such an ending that are not participles (« plus »,
    /// “need”).
    #[serde(default, deserialize_with = "phrases")]
    pub not: Vec<String>,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DateWords {
    /// Twelve month names per language, January first.
    pub months: ByLang,
    /// Words meaning the coming Sunday (« dimanche », « Sunday »).
    #[serde(deserialize_with = "phrases")]
    pub sunday: Vec<String>,
    /// Words meaning the next day (« demain », « tomorrow »).
    #[serde(deserialize_with = "phrases")]
    pub tomorrow: Vec<String>,
    /// Words that make a month named without its day the month of a vote
    /// (« en mars », “in May”): signal `vote-month`.
    #[serde(default, deserialize_with = "phrases")]
    pub month_after: Vec<String>,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Combinations {
    pub partisan: Vec<Combination>,
    pub achievement: Vec<Combination>,
    pub election_eve: Vec<Combination>,
}

/// Where the signals of a combination must be found together.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Scope {
    #[default]
    Post,
    Sentence,
}

/// A finding is raised when every `all` entry and at least one `any`
/// signal (if listed) are present, and no `none` signal is. An `all` entry
/// may offer alternatives: `"election|vote-date"` is satisfied by either.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Combination {
    #[serde(default)]
    pub all: Vec<String>,
    #[serde(default)]
    pub any: Vec<String>,
    #[serde(default)]
    pub none: Vec<String>,
    #[serde(default)]
    pub scope: Scope,
    /// Why this combination is a problem, shown in the message.
    pub why: Localized,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Texts {
    /// Achievement inside a window: `{start}`, `{end}`, `{election}`.
    pub in_window: Localized,
    /// Achievement outside any window: `{next_start}`, `{election}`.
    pub outside_window: Localized,
    /// Achievement outside any window with no window ahead.
    pub no_window_ahead: Localized,
    /// Eve of a vote: `{round}`, `{election}`.
    pub eve: Localized,
    /// Why a post flagged by the scoring layer was flagged: `{score}`,
    /// `{threshold}`.
    pub scored: Localized,
}

/// A pack that cannot be used, with what to fix.
#[derive(Debug, thiserror::Error)]
pub enum LexiconError {
    #[error("rules/political.yaml: {0}")]
    Yaml(String),
    #[error("rules/political.yaml: {0}")]
    Invalid(String),
}

/// Signals computed by the detector rather than listed as phrases. They are
/// declared under `signals:` with their label and no phrase.
pub const COMPUTED_SIGNALS: &[&str] = &[
    "vote-date",
    "vote-month",
    "we-will",
    "vote-name",
    "campaign-hashtag",
    "person",
    "emphatic-we",
];

/// The signal that party names, ambiguous ones included, raise.
pub const PARTY_SIGNAL: &str = "party";

impl PoliticalPack {
    /// Reads a pack file and checks that its data holds together.
    pub fn from_yaml(yaml: &str) -> Result<PoliticalPack, LexiconError> {
        let pack: PoliticalPack =
            serde_saphyr::from_str(yaml).map_err(|e| LexiconError::Yaml(e.to_string()))?;
        pack.data.validate()?;
        for id in [PARTISAN, ACHIEVEMENT, ELECTION_EVE] {
            if !pack.rules.iter().any(|r| r.id == id) {
                return Err(LexiconError::Invalid(format!("the rule `{id}` is missing")));
            }
        }
        Ok(pack)
    }

    /// The built-in pack.
    pub fn builtin() -> PoliticalPack {
        // The file is part of the library and tested; failing here is a bug
        // in the repository, not a user error.
        PoliticalPack::from_yaml(BUILTIN_PACK)
            .unwrap_or_else(|e| panic!("built-in political pack: {e}"))
    }

    /// The message templates of the three rules, by rule id.
    pub fn messages(&self) -> BTreeMap<String, Localized> {
        self.rules
            .iter()
            .map(|r| (r.id.clone(), r.message.clone()))
            .collect()
    }
}

impl PackData {
    /// Every signal named in a combination or a context list must exist.
    pub fn validate(&self) -> Result<(), LexiconError> {
        let known: Vec<&str> = self.signals.iter().map(|s| s.name.as_str()).collect();
        for name in COMPUTED_SIGNALS.iter().chain([&PARTY_SIGNAL]) {
            if !known.contains(name) {
                return Err(LexiconError::Invalid(format!(
                    "the signal `{name}` must be declared under `signals:` (with its label)"
                )));
            }
        }
        for s in &self.signals {
            if COMPUTED_SIGNALS.contains(&s.name.as_str())
                && (!s.fr.is_empty() || !s.en.is_empty() || !s.both.is_empty())
            {
                return Err(LexiconError::Invalid(format!(
                    "signal `{}` is computed by the detector: it cannot list phrases",
                    s.name
                )));
            }
            if self.signals.iter().filter(|o| o.name == s.name).count() > 1 {
                return Err(LexiconError::Invalid(format!(
                    "signal `{}` is defined twice",
                    s.name
                )));
            }
        }
        let check = |where_: &str, name: &str| {
            if known.contains(&name) {
                Ok(())
            } else {
                Err(LexiconError::Invalid(format!(
                    "{where_} names the signal `{name}`, which is not defined under `signals:`"
                )))
            }
        };
        for name in &self.ambiguous_context {
            check("ambiguous_context", name)?;
        }
        for (rule, combos) in [
            ("partisan", &self.combinations.partisan),
            ("achievement", &self.combinations.achievement),
            ("election_eve", &self.combinations.election_eve),
        ] {
            for (i, c) in combos.iter().enumerate() {
                if c.all.is_empty() && c.any.is_empty() {
                    return Err(LexiconError::Invalid(format!(
                        "combinations.{rule}[{i}] needs at least one signal under `all` or `any`"
                    )));
                }
                let alternatives = c
                    .all
                    .iter()
                    .flat_map(|entry| entry.split('|'))
                    .map(str::trim);
                for name in alternatives.chain(c.any.iter().chain(&c.none).map(String::as_str)) {
                    check(&format!("combinations.{rule}[{i}]"), name)?;
                }
            }
        }
        for lang in [&self.dates.months.fr, &self.dates.months.en] {
            if !lang.is_empty() && lang.len() != 12 {
                return Err(LexiconError::Invalid(
                    "dates.months must list twelve months per language".into(),
                ));
            }
        }
        Ok(())
    }

    /// The label of a signal family, for messages.
    pub fn label(&self, name: &str) -> Option<&Localized> {
        self.signals
            .iter()
            .find(|s| s.name == name)
            .map(|s| &s.label)
    }
}

/// A list of phrases, written either as a YAML list or, shorter and much
/// faster to read at start-up, as one string of phrases separated by commas
/// (`"bureau de vote, procuration, listes électorales"`).
fn phrases<'de, D>(deserializer: D) -> Result<Vec<String>, D::Error>
where
    D: serde::Deserializer<'de>,
{
    struct Phrases;

    impl<'de> serde::de::Visitor<'de> for Phrases {
        type Value = Vec<String>;

        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("a list of phrases, or one string of phrases separated by commas")
        }

        fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<Vec<String>, E> {
            Ok(split_phrases(text))
        }

        fn visit_seq<A: serde::de::SeqAccess<'de>>(
            self,
            mut seq: A,
        ) -> Result<Vec<String>, A::Error> {
            let mut out = Vec::with_capacity(seq.size_hint().unwrap_or(0));
            while let Some(phrase) = seq.next_element::<String>()? {
                out.push(phrase);
            }
            Ok(out)
        }
    }

    deserializer.deserialize_any(Phrases)
}

/// `"a, b ,c"` → `["a", "b", "c"]` (empty pieces dropped).
pub fn split_phrases(text: &str) -> Vec<String> {
    text.split(',')
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(str::to_string)
        .collect()
}
