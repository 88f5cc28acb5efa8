//! The lint engine: runs the post rules of a [`RuleSet`] on posts.
//!
//! [`Linter::new`] compiles every rule once (word sets, regexes, the
//! account's hashtags and domain), so checking a post only scans its text.
//! Each check kind lives in its own module, named after its category;
//! `words` (tokens), `emoji` and `host` are shared helpers.

mod accessibility;
mod emoji;
mod hashtag;
pub mod host;
mod length;
mod links;
mod phrases;
mod political;
mod promotion;
pub(crate) mod words;

use crate::config::{Config, ConfigError, RuleSetting};
use crate::diagnostic::{Finding, Severity};
use crate::locale::{Lang, fill};
use crate::rules::{AppliesTo, CheckSpec, KindInfo, Rule, RuleSet};
use crate::text::{self, Entities, Platform};
use jiff::civil::Date;
use serde::{Deserialize, Serialize};
use std::cell::OnceCell;
use std::collections::BTreeMap;
use std::ops::Range;
use std::sync::{Arc, Mutex};

/// An image or video attached to a post.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Media {
    /// File name or address of the media.
    pub file: String,
    /// Its description (alt text); `None` when the draft gives none.
    pub alt: Option<String>,
}

/// A post to check.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Post {
    pub text: String,
    pub media: Vec<Media>,
    /// The platform it is written for; `None`: every configured platform.
    pub platform: Option<Platform>,
    /// The day it is (to be) published; `None`: the `today` of the check.
    pub date: Option<Date>,
    /// Its id in the draft file, when the format gives one.
    pub id: Option<String>,
    /// Rules (ids, or whole categories) not to run on this post.
    pub ignore: Vec<String>,
}

impl Post {
    /// A post with only a text.
    pub fn new(text: impl Into<String>) -> Post {
        Post {
            text: text.into(),
            ..Post::default()
        }
    }

    /// True when `ignore` names this rule or its category.
    fn ignores(&self, rule: &str, category: &str) -> bool {
        self.ignore
            .iter()
            .any(|i| i == rule || i == category || i == "all")
    }
}

/// The account facts checks compare posts against, prepared once per
/// linter, and what checks share while they are built.
pub(crate) struct Account {
    /// Official hashtags, with `#`.
    pub hashtags: Vec<String>,
    /// Official domain (`ville-exemple.fr`).
    pub domain: Option<String>,
    /// Website as written in the configuration.
    pub website: Option<String>,
    /// The configuration (language, elections…).
    pub config: Arc<Config>,
    /// Built-in elections plus the configuration's.
    pub calendar: Arc<crate::political::Calendar>,
    /// Message templates of the political rules, by id (the political
    /// detector fills them itself).
    pub political_messages: BTreeMap<String, crate::locale::Localized>,
    /// Political detectors compiled so far, by pack data address.
    pub detectors: Mutex<Vec<(usize, Arc<crate::political::Detector>)>>,
}

impl Account {
    fn from_config(config: &Config, rules: Option<&RuleSet>) -> Account {
        let political_messages = rules
            .map(|set| {
                set.rules()
                    .iter()
                    .filter(|r| r.check.kind.starts_with("political-"))
                    .map(|r| (r.id.clone(), r.message.clone()))
                    .collect()
            })
            .unwrap_or_default();
        Account {
            hashtags: config.account.hashtags.clone(),
            domain: config.account.website_domain(),
            website: config.account.website.clone(),
            config: Arc::new(config.clone()),
            calendar: Arc::new(political::calendar(config)),
            political_messages,
            detectors: Mutex::new(Vec::new()),
        }
    }
}

/// What a check found, before it becomes a [`Finding`].
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Hit {
    pub span: Range<usize>,
    /// Message variant (key of the rule's `messages:`); `None`: `message`.
    pub variant: Option<&'static str>,
    /// Placeholder values.
    pub values: Vec<(&'static str, String)>,
    pub fix: Option<String>,
    /// Severity decided by the check (e.g. by the election calendar); the
    /// configuration's setting still wins.
    pub severity: Option<Severity>,
    /// A message the check wrote itself (the political detector), instead
    /// of the rule's template.
    pub message: Option<String>,
}

impl Hit {
    pub fn new(span: Range<usize>) -> Hit {
        Hit {
            span,
            ..Hit::default()
        }
    }

    pub fn value(mut self, key: &'static str, value: impl ToString) -> Hit {
        self.values.push((key, value.to_string()));
        self
    }

    pub fn variant(mut self, variant: &'static str) -> Hit {
        self.variant = Some(variant);
        self
    }

    pub fn fix(mut self, fix: impl Into<String>) -> Hit {
        self.fix = Some(fix.into());
        self
    }
}

/// A post as the checks see it: text, entities computed once, tokens on
/// demand.
pub(crate) struct PostView<'a> {
    pub post: &'a Post,
    pub text: &'a str,
    pub entities: &'a Entities,
    /// The publication day (the post's date, else today).
    pub date: Date,
    /// Platforms the post is measured for.
    pub platforms: &'a [Platform],
    words: OnceCell<words::Words>,
    /// Result of the political detector, shared by the political rules:
    /// (detector address, its findings).
    political: OnceCell<(usize, Vec<Finding>)>,
}

impl PostView<'_> {
    /// The post's word tokens (computed on first use).
    pub fn words(&self) -> &words::Words {
        self.words
            .get_or_init(|| words::Words::new(self.text, self.entities))
    }
}

/// A compiled check of one kind.
pub(crate) trait PostCheck: Send + Sync {
    fn check(&self, post: &PostView<'_>, hits: &mut Vec<Hit>);
}

/// Builds a check from its spec; `Err` explains a bad parameter.
type Builder = fn(&CheckSpec, &serde_json::Value, &Account) -> Result<Box<dyn PostCheck>, String>;

/// Every post kind: its registry entry and its builder.
static POST_KINDS: &[(KindInfo, Builder)] = &[
    (length::LIMIT, length::build),
    (hashtag::COUNT, hashtag::build_count),
    (hashtag::OFFICIAL, hashtag::build_official),
    (hashtag::BROKEN, hashtag::build_broken),
    (hashtag::CAMEL_CASE, hashtag::build_camel_case),
    (hashtag::DIGITS_ONLY, hashtag::build_digits_only),
    (links::COUNT, links::build_count),
    (links::SHORTENER, links::build_shortener),
    (promotion::MISSING_LINK, promotion::build),
    (accessibility::ALT_TEXT, accessibility::build_alt_text),
    (accessibility::EMOJI, accessibility::build_emoji),
    (
        accessibility::STYLED_LETTERS,
        accessibility::build_styled_letters,
    ),
    (accessibility::ALL_CAPS, accessibility::build_all_caps),
    (phrases::WORDS, phrases::build_words),
    (phrases::PATTERN, phrases::build_pattern),
    (political::PARTISAN_KIND, political::build_partisan),
    (political::ACHIEVEMENT_KIND, political::build_achievement),
    (political::ELECTION_EVE_KIND, political::build_election_eve),
];

/// The registry entries of the post kinds.
pub static KINDS: &[KindInfo] = &[
    length::LIMIT,
    hashtag::COUNT,
    hashtag::OFFICIAL,
    hashtag::BROKEN,
    hashtag::CAMEL_CASE,
    hashtag::DIGITS_ONLY,
    links::COUNT,
    links::SHORTENER,
    promotion::MISSING_LINK,
    accessibility::ALT_TEXT,
    accessibility::EMOJI,
    accessibility::STYLED_LETTERS,
    accessibility::ALL_CAPS,
    phrases::WORDS,
    phrases::PATTERN,
    political::PARTISAN_KIND,
    political::ACHIEVEMENT_KIND,
    political::ELECTION_EVE_KIND,
];

fn builder(kind: &str) -> Option<Builder> {
    POST_KINDS
        .iter()
        .find(|(k, _)| k.name == kind)
        .map(|(_, b)| *b)
}

/// Used by the registry to check a pack's parameters when it is read.
pub(crate) fn validate_params(spec: &CheckSpec, data: &serde_json::Value) -> Result<(), String> {
    let build = builder(&spec.kind).ok_or_else(|| format!("unknown post kind `{}`", spec.kind))?;
    let account = Account::from_config(&crate::rules::example_config(), None);
    build(spec, data, &account).map(|_| ())
}

/// Reads a kind's parameters (the keys of `check:` but `kind`) into `T`.
pub(crate) fn params<T: serde::de::DeserializeOwned>(spec: &CheckSpec) -> Result<T, String> {
    serde_json::from_value(serde_json::Value::Object(spec.params.clone()))
        .map_err(|e| e.to_string())
}

/// One rule ready to run.
struct ActiveRule {
    id: String,
    category: String,
    severity: Severity,
    /// The configuration set the severity: it wins over the check's.
    severity_fixed: bool,
    /// Message templates in the run's language: main, then variants.
    message: String,
    variants: Vec<(String, String)>,
    check: Box<dyn PostCheck>,
}

/// Checks posts against the post rules of a rule set, for one configuration.
pub struct Linter {
    rules: Vec<ActiveRule>,
    platforms: Vec<Platform>,
    lang: Lang,
}

impl Linter {
    /// Compiles the post rules of `rules` for `config`: rules turned `off`
    /// are left out, severities overridden. Fails when the configuration
    /// names a rule that does not exist.
    pub fn new(rules: &RuleSet, config: &Config) -> Result<Linter, ConfigError> {
        config.check_rule_ids(rules.ids())?;
        let account = Account::from_config(config, Some(rules));
        let mut active = Vec::new();
        for rule in rules
            .rules()
            .iter()
            .filter(|r| r.applies_to == AppliesTo::Post)
        {
            let (severity, severity_fixed) = match config.rule_setting(&rule.id) {
                Some(RuleSetting::Off) => continue,
                Some(RuleSetting::Severity(s)) => (s, true),
                None => (rule.severity, false),
            };
            let check = build_rule(rule, &account)?;
            active.push(ActiveRule {
                id: rule.id.clone(),
                category: rule.category.clone(),
                severity,
                severity_fixed,
                message: rule.message.get(config.lang).to_string(),
                variants: rule
                    .messages
                    .iter()
                    .map(|(k, v)| (k.clone(), v.get(config.lang).to_string()))
                    .collect(),
                check,
            });
        }
        Ok(Linter {
            rules: active,
            platforms: config.platforms.clone(),
            lang: config.lang,
        })
    }

    /// Language of the messages.
    pub fn lang(&self) -> Lang {
        self.lang
    }

    /// Ids of the rules that run, in order.
    pub fn active_rules(&self) -> impl Iterator<Item = &str> {
        self.rules.iter().map(|r| r.id.as_str())
    }

    /// Checks one post. `today` is the publication day of a post without a
    /// date. Findings are sorted by span; spans are byte ranges of `post.text`.
    pub fn check_post(&self, post: &Post, today: Date) -> Vec<Finding> {
        let mut out = Vec::new();
        self.check_post_into(post, today, &mut out);
        out
    }

    /// Like [`Linter::check_post`], appending to `out` (to reuse its
    /// allocation over many posts). Only the new findings are sorted.
    pub fn check_post_into(&self, post: &Post, today: Date, out: &mut Vec<Finding>) {
        let entities = text::extract_entities(&post.text);
        let platform_one;
        let platforms: &[Platform] = match post.platform {
            Some(p) => {
                platform_one = [p];
                &platform_one
            }
            None => &self.platforms,
        };
        let view = PostView {
            post,
            text: &post.text,
            entities: &entities,
            date: post.date.unwrap_or(today),
            platforms,
            words: OnceCell::new(),
            political: OnceCell::new(),
        };
        let first = out.len();
        let mut hits = Vec::new();
        for rule in &self.rules {
            if !post.ignore.is_empty() && post.ignores(&rule.id, &rule.category) {
                continue;
            }
            rule.check.check(&view, &mut hits);
            for hit in hits.drain(..) {
                let message = match hit.message {
                    Some(m) => m,
                    None => {
                        let template = match hit.variant {
                            Some(v) => rule
                                .variants
                                .iter()
                                .find(|(k, _)| k == v)
                                .map_or(rule.message.as_str(), |(_, t)| t.as_str()),
                            None => rule.message.as_str(),
                        };
                        fill(template, &hit.values)
                    }
                };
                let severity = if rule.severity_fixed {
                    rule.severity
                } else {
                    hit.severity.unwrap_or(rule.severity)
                };
                out.push(Finding {
                    rule: rule.id.clone(),
                    severity,
                    span: hit.span,
                    message,
                    fix: hit.fix,
                });
            }
        }
        out[first..].sort_by(|a, b| {
            (a.span.start, a.span.end, &a.rule).cmp(&(b.span.start, b.span.end, &b.rule))
        });
    }
}

fn build_rule(rule: &Rule, account: &Account) -> Result<Box<dyn PostCheck>, ConfigError> {
    let build = builder(&rule.check.kind).ok_or_else(|| {
        ConfigError::file(
            &rule.origin.file,
            format!(
                "la règle `{}` utilise `{}`, qui ne s’applique pas aux publications",
                rule.id, rule.check.kind
            ),
            format!(
                "rule `{}` uses `{}`, which does not apply to posts",
                rule.id, rule.check.kind
            ),
        )
    })?;
    build(&rule.check, &rule.data, account).map_err(|e| ConfigError {
        file: rule.origin.file.clone(),
        line: Some(rule.origin.line),
        column: None,
        problem: crate::locale::Localized {
            fr: format!("règle `{}`\u{a0}: paramètres invalides\u{a0}: {e}", rule.id),
            en: format!("rule `{}`: invalid parameters: {e}", rule.id),
        },
        expected: None,
    })
}

#[cfg(test)]
pub(crate) mod testing {
    //! Helpers for the unit tests of the check modules.
    use super::*;
    use crate::rules::{PackSource, RuleSet, example_config};

    /// Runs a single-rule pack written in YAML on `text` with the example
    /// account and returns the findings.
    pub fn run_kind(kind_yaml: &str, text: &str) -> Vec<Finding> {
        run_kind_post(kind_yaml, &Post::new(text), &example_config())
    }

    pub fn run_kind_post(kind_yaml: &str, post: &Post, config: &Config) -> Vec<Finding> {
        let pack = format!(
            "pack: t\nrules:\n  - id: t.rule\n    category: t\n    severity: warning\n    check:\n{}\n    message: {{fr: \"m\", en: \"m\"}}\n    description: {{fr: \"d\", en: \"d\"}}\n",
            kind_yaml
                .lines()
                .map(|l| format!("      {l}"))
                .collect::<Vec<_>>()
                .join("\n")
        );
        let set = RuleSet::from_sources(&[PackSource {
            name: "t".into(),
            file: "t.yaml".into(),
            text: pack,
            builtin: false,
            compiled: None,
        }])
        .unwrap_or_else(|e| panic!("{e}"));
        let linter = Linter::new(&set, config).unwrap_or_else(|e| panic!("{e}"));
        linter.check_post(post, jiff::civil::date(2026, 5, 4))
    }

    /// The spans of the findings, as text.
    pub fn spans<'a>(text: &'a str, findings: &[Finding]) -> Vec<&'a str> {
        findings.iter().map(|f| &text[f.span.clone()]).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::example_config;

    #[test]
    fn builtin_rules_compile_and_run_on_a_clean_post() {
        let set = RuleSet::builtin().expect("valid");
        let linter = Linter::new(&set, &example_config()).expect("compiles");
        let post = Post::new(
            "Le marché de Noël ouvre samedi 13 décembre à 10h, place de la Mairie : https://www.ville-exemple.fr/noel #VilleExemple",
        );
        let findings = linter.check_post(&post, jiff::civil::date(2026, 12, 1));
        assert!(findings.is_empty(), "{findings:#?}");
    }

    #[test]
    fn config_turns_rules_off_and_changes_severity() {
        let set = RuleSet::builtin().expect("valid");
        let mut config = example_config();
        let text = "Trois #Un #Deux #Trois hashtags";
        let today = jiff::civil::date(2026, 5, 4);
        let before = Linter::new(&set, &config)
            .expect("ok")
            .check_post(&Post::new(text), today);
        assert!(
            before
                .iter()
                .any(|f| f.rule == "hashtag.too-many" && f.severity == Severity::Warning)
        );
        config.rules.insert(
            "hashtag.too-many".into(),
            RuleSetting::Severity(Severity::Error),
        );
        let after = Linter::new(&set, &config)
            .expect("ok")
            .check_post(&Post::new(text), today);
        assert!(
            after
                .iter()
                .any(|f| f.rule == "hashtag.too-many" && f.severity == Severity::Error)
        );
        config
            .rules
            .insert("hashtag.too-many".into(), RuleSetting::Off);
        let off = Linter::new(&set, &config)
            .expect("ok")
            .check_post(&Post::new(text), today);
        assert!(!off.iter().any(|f| f.rule == "hashtag.too-many"));
    }

    #[test]
    fn ignore_suppresses_a_rule_or_a_category() {
        let set = RuleSet::builtin().expect("valid");
        let linter = Linter::new(&set, &example_config()).expect("ok");
        let today = jiff::civil::date(2026, 5, 4);
        let mut post = Post::new("Trois #Un #Deux #Trois hashtags");
        assert!(
            linter
                .check_post(&post, today)
                .iter()
                .any(|f| f.rule == "hashtag.too-many")
        );
        post.ignore = vec!["hashtag.too-many".into()];
        assert!(
            !linter
                .check_post(&post, today)
                .iter()
                .any(|f| f.rule == "hashtag.too-many")
        );
        post.ignore = vec!["hashtag".into()];
        assert!(
            !linter
                .check_post(&post, today)
                .iter()
                .any(|f| f.rule.starts_with("hashtag."))
        );
    }

    #[test]
    fn unknown_rule_in_config_is_an_error() {
        let set = RuleSet::builtin().expect("valid");
        let config =
            Config::from_yaml_str("rules:\n  hashtag.to-many: off\n", "c.yaml").expect("parses");
        let err = Linter::new(&set, &config).err().expect("unknown id");
        assert_eq!(err.line, Some(2));
    }

    #[test]
    fn findings_are_sorted_and_messages_localised() {
        let set = RuleSet::builtin().expect("valid");
        let mut config = example_config();
        let post = Post::new("VENEZ NOMBREUX au marché #Un #Deux #Trois 🎉🎉🎉🎉");
        let today = jiff::civil::date(2026, 5, 4);
        let fr = Linter::new(&set, &config)
            .expect("ok")
            .check_post(&post, today);
        assert!(
            fr.windows(2).all(|w| w[0].span.start <= w[1].span.start),
            "{fr:#?}"
        );
        config.lang = Lang::En;
        let en = Linter::new(&set, &config)
            .expect("ok")
            .check_post(&post, today);
        assert_eq!(fr.len(), en.len());
        assert!(
            fr.iter()
                .zip(&en)
                .all(|(a, b)| a.rule == b.rule && a.message != b.message)
        );
    }
}
