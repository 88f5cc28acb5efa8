//! The account configuration, `.twitterritorial.yaml`.
//!
//! It says who the account is (name, handle, official hashtags, website),
//! where it publishes, which rules to soften or turn off, extra rule packs
//! and extra elections. Without a file the defaults are safe: French
//! messages, X only, every rule at its default severity.
//!
//! Parsing works on a string (it is part of the checking core, which also
//! runs in a browser); finding and reading the file sits behind the `cli`
//! feature, at the end of this module.

use crate::diagnostic::Severity;
use crate::lint::host::domain_of;
use crate::locale::{Lang, Localized};
use crate::text::Platform;
use jiff::civil::Date;
use serde::Deserialize;
use serde_saphyr::Spanned;
use std::collections::BTreeMap;
use std::fmt;

/// Name of the configuration file, searched upward from the working folder.
pub const FILE_NAME: &str = ".twitterritorial.yaml";

/// Where the handbook lives; a finding's `help` link starts with it.
pub const DEFAULT_HELP_BASE_URL: &str = "https://twitterritorial.github.io/twitterritorial";

/// Who the account is. Every field is optional: a rule that needs a missing
/// field (the website for `promotion.missing-link`) falls back to a weaker
/// check and says so.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Account {
    /// Name of the collectivité, e.g. "Ville d’Exemple".
    pub name: Option<String>,
    /// Handle on X, with its `@`.
    pub handle: Option<String>,
    /// Official hashtags, each with its `#`, in their official spelling.
    pub hashtags: Vec<String>,
    /// The official website, as written in the file.
    pub website: Option<String>,
    /// Mastodon account, `@name@instance`.
    pub mastodon: Option<String>,
    /// Bluesky handle, `@name.domain`.
    pub bluesky: Option<String>,
}

impl Account {
    /// The official domain, lower case, without `www.` (`ville-exemple.fr`).
    pub fn website_domain(&self) -> Option<String> {
        self.website.as_deref().and_then(domain_of)
    }
}

/// What the configuration does with one rule.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum RuleSetting {
    Off,
    Severity(Severity),
}

impl RuleSetting {
    pub fn as_str(self) -> &'static str {
        match self {
            RuleSetting::Off => "off",
            RuleSetting::Severity(s) => s.as_str(),
        }
    }
}

/// An election added by the configuration (a by-election, a local vote).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Election {
    pub name: String,
    /// Day of the (first) round.
    pub date: Date,
    pub second_round: Option<Date>,
}

/// Where an effective value came from, for `twitterritorial config`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Origin {
    /// Built-in default.
    Default,
    /// Set in the configuration file, at this line and column.
    File { line: u64, column: u64 },
    /// Set on the command line by this option.
    Flag(&'static str),
}

/// The effective configuration of one run.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Config {
    /// Language of the messages.
    pub lang: Lang,
    pub account: Account,
    /// Platforms the account publishes on; a post without its own platform
    /// is measured against each of them.
    pub platforms: Vec<Platform>,
    /// Per-rule setting, keyed by rule id.
    pub rules: BTreeMap<String, RuleSetting>,
    /// Folder of local rule packs, as written (relative to the file's folder).
    pub rules_dir: Option<String>,
    /// Elections added to the built-in calendar.
    pub elections: Vec<Election>,
    /// Base address of the handbook for `help` links.
    pub help_base_url: String,
    /// Name of the file the configuration was read from (`None`: defaults).
    pub source: Option<String>,
    /// Where each value came from, keyed by its path (`account.hashtags`,
    /// `rules.hashtag.too-many`).
    pub origins: BTreeMap<String, Origin>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            lang: Lang::Fr,
            account: Account::default(),
            platforms: vec![Platform::X],
            rules: BTreeMap::new(),
            rules_dir: None,
            elections: Vec::new(),
            help_base_url: DEFAULT_HELP_BASE_URL.to_string(),
            source: None,
            origins: BTreeMap::new(),
        }
    }
}

impl Config {
    /// Parses the text of a configuration file. `source` names the file in
    /// error messages.
    pub fn from_yaml_str(text: &str, source: &str) -> Result<Config, ConfigError> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let mut config = Config {
            source: Some(source.to_string()),
            ..Config::default()
        };
        // An empty file (or one with only comments) is a valid, empty configuration.
        if yaml_is_empty(text) {
            return Ok(config);
        }
        let file: ConfigFile = serde_saphyr::from_str_with_options(text, yaml_options())
            .map_err(|e| ConfigError::from_yaml(source, &e, CONFIG_FORM))?;
        config.apply(file, source)?;
        Ok(config)
    }

    /// Where a value came from (`Origin::Default` when the file did not set it).
    pub fn origin(&self, key: &str) -> Origin {
        self.origins.get(key).cloned().unwrap_or(Origin::Default)
    }

    /// Sets the language from a command-line option, and records it.
    pub fn set_lang_from_flag(&mut self, lang: Lang, flag: &'static str) {
        self.lang = lang;
        self.origins.insert("lang".into(), Origin::Flag(flag));
    }

    /// The setting the configuration gives a rule, if any.
    pub fn rule_setting(&self, id: &str) -> Option<RuleSetting> {
        self.rules.get(id).copied()
    }

    /// Checks that every rule named under `rules:` exists in `known`; the
    /// error points at the line of the unknown id and names the closest one.
    pub fn check_rule_ids<'a>(
        &self,
        known: impl Iterator<Item = &'a str> + Clone,
    ) -> Result<(), ConfigError> {
        for id in self.rules.keys() {
            if known.clone().any(|k| k == id) {
                continue;
            }
            let closest = known
                .clone()
                .map(|k| (strsim::damerau_levenshtein(k, id), k))
                .min()
                .filter(|(d, _)| *d <= 4)
                .map(|(_, k)| k.to_string());
            let (line, column) = match self.origin(&format!("rules.{id}")) {
                Origin::File { line, column } => (Some(line), Some(column)),
                _ => (None, None),
            };
            let expected = match closest {
                Some(k) => Localized {
                    fr: format!(
                        "l’identifiant d’une règle existante, par exemple `{k}` (liste\u{a0}: `twitterritorial rules`)"
                    ),
                    en: format!(
                        "the id of an existing rule, for example `{k}` (list: `twitterritorial rules`)"
                    ),
                },
                None => Localized {
                    fr:
                        "l’identifiant d’une règle existante (liste\u{a0}: `twitterritorial rules`)"
                            .into(),
                    en: "the id of an existing rule (list: `twitterritorial rules`)".into(),
                },
            };
            return Err(ConfigError {
                file: self.source.clone().unwrap_or_else(|| FILE_NAME.into()),
                line,
                column,
                problem: Localized {
                    fr: format!("règle inconnue `{id}` sous `rules:`"),
                    en: format!("unknown rule `{id}` under `rules:`"),
                },
                expected: Some(Box::new(expected)),
            });
        }
        Ok(())
    }

    fn apply(&mut self, file: ConfigFile, source: &str) -> Result<(), ConfigError> {
        let err = |at: (u32, u32), fr: String, en: String, efr: &str, een: &str| ConfigError {
            file: source.to_string(),
            line: Some(u64::from(at.0)),
            column: Some(u64::from(at.1)),
            problem: Localized { fr, en },
            expected: Some(Box::new(Localized {
                fr: efr.to_string(),
                en: een.to_string(),
            })),
        };
        if let Some(lang) = file.lang {
            self.record("lang", &lang);
            self.lang = lang.value;
        }
        if let Some(account) = file.account {
            if let Some(v) = account.name {
                self.record("account.name", &v);
                self.account.name = Some(v.value.trim().to_string());
            }
            if let Some(v) = account.handle {
                self.record("account.handle", &v);
                let handle = v.value.trim().trim_start_matches('@');
                if handle.is_empty()
                    || !handle
                        .chars()
                        .all(|c| c.is_ascii_alphanumeric() || c == '_')
                {
                    return Err(err(
                        pos(&v),
                        format!("identifiant X invalide `{}`", v.value),
                        format!("invalid X handle `{}`", v.value),
                        "un identifiant de lettres, chiffres et _\u{a0}: \"@VilleExemple\"",
                        "a handle of letters, digits and _: \"@VilleExemple\"",
                    ));
                }
                self.account.handle = Some(format!("@{handle}"));
            }
            if let Some(list) = account.hashtags {
                self.record("account.hashtags", &list);
                for tag in &list.value {
                    let body = tag.value.trim().trim_start_matches(['#', '＃']);
                    if body.is_empty()
                        || !body.chars().all(|c| c.is_alphanumeric() || c == '_')
                        || body.chars().all(|c| c.is_ascii_digit())
                    {
                        return Err(err(
                            pos(tag),
                            format!("hashtag invalide `{}`", tag.value),
                            format!("invalid hashtag `{}`", tag.value),
                            "un hashtag fait de lettres, de chiffres et de _, sans espace ni tiret\u{a0}: \"#VilleExemple\"",
                            "a hashtag of letters, digits and _, without space or hyphen: \"#VilleExemple\"",
                        ));
                    }
                    self.account.hashtags.push(format!("#{body}"));
                }
            }
            if let Some(v) = account.website {
                self.record("account.website", &v);
                if domain_of(&v.value).is_none() {
                    return Err(err(
                        pos(&v),
                        format!("adresse de site invalide `{}`", v.value),
                        format!("invalid website address `{}`", v.value),
                        "l’adresse du site officiel\u{a0}: \"https://www.ville-exemple.fr\"",
                        "the address of the official website: \"https://www.ville-exemple.fr\"",
                    ));
                }
                self.account.website = Some(v.value.trim().to_string());
            }
            if let Some(v) = account.mastodon {
                self.record("account.mastodon", &v);
                self.account.mastodon = Some(v.value.trim().to_string());
            }
            if let Some(v) = account.bluesky {
                self.record("account.bluesky", &v);
                self.account.bluesky = Some(v.value.trim().to_string());
            }
        }
        if let Some(list) = file.platforms {
            self.record("platforms", &list);
            let mut platforms = Vec::new();
            for p in &list.value {
                let p = p.platform();
                if !platforms.contains(&p) {
                    platforms.push(p);
                }
            }
            if platforms.is_empty() {
                return Err(err(
                    pos(&list),
                    "liste de plateformes vide".into(),
                    "empty list of platforms".into(),
                    "au moins une plateforme\u{a0}: [x], [mastodon], [x, bluesky]…",
                    "at least one platform: [x], [mastodon], [x, bluesky]…",
                ));
            }
            self.platforms = platforms;
        }
        if let Some(rules) = file.rules {
            for (id, setting) in rules {
                self.record(&format!("rules.{id}"), &setting);
                self.rules.insert(id, setting.value.0);
            }
        }
        if let Some(dir) = file.rules_dir {
            self.record("rules_dir", &dir);
            self.rules_dir = Some(dir.value);
        }
        if let Some(list) = file.elections {
            self.record("elections", &list);
            for e in list.value {
                let date = parse_date(&e.date).map_err(|_| {
                    err(
                        pos(&e.date),
                        format!("date invalide `{}`", e.date.value),
                        format!("invalid date `{}`", e.date.value),
                        "une date AAAA-MM-JJ\u{a0}: 2026-12-06",
                        "a date YYYY-MM-DD: 2026-12-06",
                    )
                })?;
                let second_round = match &e.second_round {
                    Some(s) => Some(parse_date(s).map_err(|_| {
                        err(
                            pos(s),
                            format!("date invalide `{}`", s.value),
                            format!("invalid date `{}`", s.value),
                            "une date AAAA-MM-JJ\u{a0}: 2026-12-13",
                            "a date YYYY-MM-DD: 2026-12-13",
                        )
                    })?),
                    None => None,
                };
                if let Some(second) = second_round
                    && second <= date
                {
                    let s = e.second_round.as_ref().unwrap_or(&e.date);
                    return Err(err(
                        pos(s),
                        format!("le second tour ({second}) n’est pas après le premier ({date})"),
                        format!("the second round ({second}) is not after the first ({date})"),
                        "une date de second tour postérieure à `date`",
                        "a second-round date after `date`",
                    ));
                }
                self.elections.push(Election {
                    name: e.name,
                    date,
                    second_round,
                });
            }
        }
        if let Some(url) = file.help_base_url {
            self.record("help_base_url", &url);
            let v = url.value.trim();
            if !(v.starts_with("https://") || v.starts_with("http://")) {
                return Err(err(
                    pos(&url),
                    format!("adresse invalide `{v}`"),
                    format!("invalid address `{v}`"),
                    "une adresse web complète\u{a0}: \"https://exemple.fr/guide\"",
                    "a full web address: \"https://example.org/handbook\"",
                ));
            }
            self.help_base_url = v.trim_end_matches('/').to_string();
        }
        Ok(())
    }

    fn record<T>(&mut self, key: &str, at: &Spanned<T>) {
        self.origins.insert(
            key.to_string(),
            Origin::File {
                line: u64::from(at_line(at)),
                column: u64::from(at_col(at)),
            },
        );
    }
}

fn pos<T>(s: &Spanned<T>) -> (u32, u32) {
    (at_line(s), at_col(s))
}

fn at_line<T>(s: &Spanned<T>) -> u32 {
    u32::try_from(s.referenced.line()).unwrap_or(u32::MAX)
}

fn at_col<T>(s: &Spanned<T>) -> u32 {
    u32::try_from(s.referenced.column()).unwrap_or(u32::MAX)
}

fn parse_date(s: &Spanned<String>) -> Result<Date, jiff::Error> {
    s.value.trim().parse::<Date>()
}

/// How every YAML file of the tool is read: YAML 1.2 booleans only, so
/// that words such as `on`, `no` or `yes` in a word list stay words, and
/// Norway's `NO` stays a country code.
pub fn yaml_options() -> serde_saphyr::Options {
    serde_saphyr::options! {
        strict_booleans: true,
    }
}

/// True when a YAML text holds no document (blank lines and comments only).
pub(crate) fn yaml_is_empty(text: &str) -> bool {
    text.lines().all(|l| {
        let l = l.trim();
        l.is_empty() || l.starts_with('#') || l == "---"
    })
}

/// The expected form of the whole file, shown under a syntax error.
const CONFIG_FORM: (&str, &str) = (
    "un fichier YAML comme\u{a0}: lang: fr / account: {name, handle, hashtags, website} / platforms: [x] / rules: {hashtag.too-many: warning}",
    "a YAML file such as: lang: fr / account: {name, handle, hashtags, website} / platforms: [x] / rules: {hashtag.too-many: warning}",
);

// ---------------------------------------------------------------------------
// The file as written. Every value is `Spanned` so that an error (and
// `twitterritorial config`) can point at its line and column.

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ConfigFile {
    lang: Option<Spanned<Lang>>,
    account: Option<AccountFile>,
    platforms: Option<Spanned<Vec<PlatformName>>>,
    rules: Option<BTreeMap<String, Spanned<SettingName>>>,
    rules_dir: Option<Spanned<String>>,
    elections: Option<Spanned<Vec<ElectionFile>>>,
    help_base_url: Option<Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct AccountFile {
    name: Option<Spanned<String>>,
    handle: Option<Spanned<String>>,
    hashtags: Option<Spanned<Vec<Spanned<String>>>>,
    website: Option<Spanned<String>>,
    mastodon: Option<Spanned<String>>,
    bluesky: Option<Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ElectionFile {
    name: String,
    date: Spanned<String>,
    second_round: Option<Spanned<String>>,
}

/// A platform as written in YAML files (config, examples, drafts).
#[derive(Clone, Copy, Debug, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum PlatformName {
    #[serde(alias = "twitter", alias = "X")]
    X,
    #[serde(alias = "Mastodon")]
    Mastodon,
    #[serde(alias = "Bluesky")]
    Bluesky,
}

impl PlatformName {
    pub fn platform(self) -> Platform {
        match self {
            PlatformName::X => Platform::X,
            PlatformName::Mastodon => Platform::Mastodon,
            PlatformName::Bluesky => Platform::Bluesky,
        }
    }
}

/// Parses a platform name as users write it (`x`, `twitter`, `mastodon`, `bluesky`).
pub fn parse_platform(s: &str) -> Option<Platform> {
    match s.trim().to_ascii_lowercase().as_str() {
        "x" | "twitter" => Some(Platform::X),
        "mastodon" => Some(Platform::Mastodon),
        "bluesky" | "bsky" => Some(Platform::Bluesky),
        _ => None,
    }
}

/// The name of a platform in messages.
pub fn platform_name(p: Platform) -> &'static str {
    match p {
        Platform::X => "X",
        Platform::Mastodon => "Mastodon",
        Platform::Bluesky => "Bluesky",
    }
}

/// `off`, `info`, `warning` or `error` under `rules:`.
struct SettingName(RuleSetting);

impl<'de> Deserialize<'de> for SettingName {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        match s.trim() {
            "off" => Ok(SettingName(RuleSetting::Off)),
            other => other
                .parse::<Severity>()
                .map(|sev| SettingName(RuleSetting::Severity(sev)))
                .map_err(|_| {
                    serde::de::Error::unknown_variant(other, &["off", "info", "warning", "error"])
                }),
        }
    }
}

// ---------------------------------------------------------------------------
// Errors

/// An error in a configuration file or a rule pack: where it is and what was
/// expected. The command line prints it and exits with code 2.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConfigError {
    /// File name as given (or the pack's name for built-in packs).
    pub file: String,
    /// 1-based line, when known.
    pub line: Option<u64>,
    /// 1-based column, when known.
    pub column: Option<u64>,
    /// What is wrong.
    pub problem: Localized,
    /// The form that would have been accepted (boxed: errors travel in
    /// `Result`s, kept small).
    pub expected: Option<Box<Localized>>,
}

impl ConfigError {
    /// An error about a whole file (unreadable, not UTF-8…).
    pub fn file(file: &str, fr: String, en: String) -> ConfigError {
        ConfigError {
            file: file.to_string(),
            line: None,
            column: None,
            problem: Localized { fr, en },
            expected: None,
        }
    }

    /// Turns a YAML error into ours, keeping its position and translating
    /// the usual serde messages.
    pub fn from_yaml(file: &str, err: &serde_saphyr::Error, form: (&str, &str)) -> ConfigError {
        use serde_saphyr::{MessageFormatter, UserMessageFormatter};
        let location = err.location().filter(|l| l.line() > 0);
        let msg = UserMessageFormatter
            .format_message(err.without_snippet())
            .into_owned();
        let (problem, expected) = translate_serde_message(&msg, form);
        ConfigError {
            file: file.to_string(),
            line: location.map(|l| l.line()),
            column: location.map(|l| l.column()),
            problem,
            expected: Some(Box::new(expected)),
        }
    }

    /// The error in one language: `file:line:column: problem`, then the
    /// expected form on the next line.
    pub fn render(&self, lang: Lang) -> String {
        let mut out = self.file.clone();
        if let Some(line) = self.line {
            out.push_str(&format!(":{line}"));
            if let Some(col) = self.column {
                out.push_str(&format!(":{col}"));
            }
        }
        out.push_str(": ");
        out.push_str(self.problem.get(lang));
        if let Some(expected) = &self.expected {
            out.push_str(match lang {
                Lang::Fr => "\n  attendu\u{a0}: ",
                Lang::En => "\n  expected: ",
            });
            out.push_str(expected.get(lang));
        }
        out
    }
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(Lang::Fr))
    }
}

impl std::error::Error for ConfigError {}

/// Gives the usual serde messages a French twin and pulls the expected form
/// out of them; anything else keeps its English text.
fn translate_serde_message(msg: &str, form: (&str, &str)) -> (Localized, Localized) {
    let msg = msg.trim();
    let generic = || Localized {
        fr: form.0.to_string(),
        en: form.1.to_string(),
    };
    // serde: "unknown field `x`, expected one of `a`, `b`" / "expected `a`"
    if let Some(rest) = msg.strip_prefix("unknown field ") {
        let (field, expected) = split_expected(rest);
        let exp = expected.unwrap_or_default();
        return (
            Localized {
                fr: format!("clé inconnue {field}"),
                en: format!("unknown key {field}"),
            },
            Localized {
                fr: format!("une de ces clés\u{a0}: {}", exp.replace(" or ", " ou ")),
                en: format!("one of these keys: {exp}"),
            },
        );
    }
    if let Some(rest) = msg.strip_prefix("unknown variant ") {
        let (value, expected) = split_expected(rest);
        let exp = expected.unwrap_or_default();
        return (
            Localized {
                fr: format!("valeur inconnue {value}"),
                en: format!("unknown value {value}"),
            },
            Localized {
                fr: format!("une de ces valeurs\u{a0}: {}", exp.replace(" or ", " ou ")),
                en: format!("one of these values: {exp}"),
            },
        );
    }
    if let Some(rest) = msg.strip_prefix("missing field ") {
        return (
            Localized {
                fr: format!("clé obligatoire manquante\u{a0}: {rest}"),
                en: format!("missing key {rest}"),
            },
            generic(),
        );
    }
    if let Some(rest) = msg.strip_prefix("invalid type: ") {
        let (found, expected) = match rest.split_once(", expected ") {
            Some((f, e)) => (f, Some(e)),
            None => (rest, None),
        };
        return (
            Localized {
                fr: format!("type inattendu\u{a0}: {}", french_type(found)),
                en: format!("wrong type: {found}"),
            },
            match expected {
                Some(e) => Localized {
                    fr: french_type(e),
                    en: e.to_string(),
                },
                None => generic(),
            },
        );
    }
    // serde-saphyr: "expected sequence start" (a scalar where a list goes).
    if let Some(rest) = msg.strip_prefix("expected ") {
        let (fr, en) = match rest {
            "sequence start" => (
                "une liste\u{a0}: [a, b] ou une ligne «\u{a0}- a\u{a0}» par élément",
                "a list: [a, b] or one “- a” line per item",
            ),
            "mapping start" => ("un dictionnaire\u{a0}: clé: valeur", "a map: key: value"),
            "string scalar" | "scalar" => {
                ("une valeur simple (un texte)", "a plain value (a text)")
            }
            _ => ("", ""),
        };
        if !fr.is_empty() {
            return (
                Localized {
                    fr: "type inattendu".into(),
                    en: "wrong type".into(),
                },
                Localized {
                    fr: fr.into(),
                    en: en.into(),
                },
            );
        }
    }
    if let Some(rest) = msg.strip_prefix("duplicate mapping key ") {
        let key = rest.split(" is not").next().unwrap_or(rest);
        return (
            Localized {
                fr: format!("clé en double {key}"),
                en: format!("duplicate key {key}"),
            },
            Localized {
                fr: "chaque clé une seule fois".into(),
                en: "each key once".into(),
            },
        );
    }
    if let Some(rest) = msg.strip_prefix("duplicate field ") {
        return (
            Localized {
                fr: format!("clé en double {rest}"),
                en: format!("duplicate key {rest}"),
            },
            Localized {
                fr: "chaque clé une seule fois".into(),
                en: "each key once".into(),
            },
        );
    }
    (
        Localized {
            fr: format!("YAML invalide\u{a0}: {msg}"),
            en: format!("invalid YAML: {msg}"),
        },
        generic(),
    )
}

/// Splits "`x`, expected one of `a`, `b`" into ("`x`", "`a`, `b`").
fn split_expected(rest: &str) -> (String, Option<String>) {
    match rest.split_once(", expected ") {
        Some((value, expected)) => {
            let expected = expected
                .strip_prefix("one of ")
                .unwrap_or(expected)
                .trim_end_matches('.')
                .to_string();
            (value.to_string(), Some(expected))
        }
        None => (rest.trim_end_matches('.').to_string(), None),
    }
}

/// The few serde type words users meet, in French.
fn french_type(s: &str) -> String {
    let s = s.trim();
    let table: &[(&str, &str)] = &[
        ("a string", "un texte"),
        ("string", "texte"),
        ("a sequence", "une liste"),
        ("sequence", "liste"),
        ("a map", "un dictionnaire (clé: valeur)"),
        ("map", "dictionnaire (clé: valeur)"),
        ("a boolean", "un booléen (true/false)"),
        ("boolean", "booléen"),
        ("integer", "nombre entier"),
        ("an integer", "un nombre entier"),
        ("floating point", "nombre à virgule"),
        ("unit value", "valeur vide"),
        ("null", "valeur vide"),
    ];
    for (en, fr) in table {
        if s == *en {
            return (*fr).to_string();
        }
    }
    if let Some(rest) = s.strip_prefix("string ") {
        return format!("texte {rest}");
    }
    if let Some(rest) = s.strip_prefix("integer ") {
        return format!("nombre {rest}");
    }
    if let Some(rest) = s.strip_prefix("boolean ") {
        return format!("booléen {rest}");
    }
    s.to_string()
}

// ---------------------------------------------------------------------------
// Files (command line only)

#[cfg(feature = "cli")]
pub use files::{discover, io_reason_fr, load, read_text};

#[cfg(feature = "cli")]
mod files {
    use super::{Config, ConfigError, FILE_NAME};
    use std::path::{Path, PathBuf};

    /// Finds `.twitterritorial.yaml` in `start` or the nearest folder above it.
    pub fn discover(start: &Path) -> Option<PathBuf> {
        let start = std::path::absolute(start).unwrap_or_else(|_| start.to_path_buf());
        start
            .ancestors()
            .map(|dir| dir.join(FILE_NAME))
            .find(|p| p.is_file())
    }

    /// Reads a text file for the configuration layer: UTF-8, with errors
    /// that name the file.
    pub fn read_text(path: &Path) -> Result<String, ConfigError> {
        let name = path.display().to_string();
        let bytes = std::fs::read(path).map_err(|e| {
            ConfigError::file(
                &name,
                format!("impossible de lire le fichier\u{a0}: {}", io_reason_fr(&e)),
                format!("cannot read the file: {e}"),
            )
        })?;
        String::from_utf8(bytes).map_err(|e| {
            let at = e.utf8_error().valid_up_to();
            ConfigError::file(
                &name,
                format!(
                    "le fichier n’est pas en UTF-8 (octet {at})\u{a0}: enregistrez-le en UTF-8"
                ),
                format!("the file is not UTF-8 (byte {at}): save it as UTF-8"),
            )
        })
    }

    /// The reason of an I/O error, in French.
    pub fn io_reason_fr(e: &std::io::Error) -> String {
        match e.kind() {
            std::io::ErrorKind::NotFound => "fichier introuvable".into(),
            std::io::ErrorKind::PermissionDenied => "accès refusé".into(),
            std::io::ErrorKind::IsADirectory => "c’est un dossier".into(),
            std::io::ErrorKind::NotADirectory => "ce n’est pas un dossier".into(),
            _ => e.to_string(),
        }
    }

    /// The configuration of a run: the file given with `--config`, else the
    /// one found upward from `start`, else the defaults. The file's folder is
    /// kept so that `rules_dir` resolves against it.
    pub fn load(
        explicit: Option<&Path>,
        start: &Path,
    ) -> Result<(Config, Option<PathBuf>), ConfigError> {
        let path = match explicit {
            Some(p) => Some(p.to_path_buf()),
            None => discover(start),
        };
        match path {
            None => Ok((Config::default(), None)),
            Some(path) => {
                let text = read_text(&path)?;
                let config = Config::from_yaml_str(&text, &path.display().to_string())?;
                Ok((config, Some(path)))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const FULL: &str = r##"
lang: en
account:
  name: "Ville d'Exemple"
  handle: "@VilleExemple"
  hashtags: ["#VilleExemple", "FeteDeVille"]
  website: "https://www.ville-exemple.fr"
  mastodon: "@villeexemple@mastodon.social"
  bluesky: "@ville-exemple.fr"
platforms: [x, mastodon]
rules:
  hashtag.too-many: warning
  accessibility.emoji: off
rules_dir: rules-locales
elections:
  - {name: "Municipale partielle", date: 2026-12-06, second_round: 2026-12-13}
help_base_url: "https://guide.example.org/"
"##;

    #[test]
    fn parses_every_field_and_records_origins() {
        let c = Config::from_yaml_str(FULL, "conf.yaml").expect("valid");
        assert_eq!(c.lang, Lang::En);
        assert_eq!(c.account.handle.as_deref(), Some("@VilleExemple"));
        assert_eq!(c.account.hashtags, vec!["#VilleExemple", "#FeteDeVille"]);
        assert_eq!(
            c.account.website_domain().as_deref(),
            Some("ville-exemple.fr")
        );
        assert_eq!(c.platforms, vec![Platform::X, Platform::Mastodon]);
        assert_eq!(
            c.rules.get("hashtag.too-many"),
            Some(&RuleSetting::Severity(Severity::Warning))
        );
        assert_eq!(c.rules.get("accessibility.emoji"), Some(&RuleSetting::Off));
        assert_eq!(c.rules_dir.as_deref(), Some("rules-locales"));
        assert_eq!(c.elections.len(), 1);
        assert_eq!(
            c.elections[0].second_round,
            Some(jiff::civil::date(2026, 12, 13))
        );
        assert_eq!(c.help_base_url, "https://guide.example.org");
        assert_eq!(c.origin("lang"), Origin::File { line: 2, column: 7 });
        assert_eq!(
            c.origin("account.name"),
            Origin::File { line: 4, column: 9 }
        );
        assert_eq!(
            c.origin("account.mastodon"),
            Origin::File {
                line: 8,
                column: 13
            }
        );
    }

    #[test]
    fn empty_file_gives_defaults() {
        let c = Config::from_yaml_str("# rien\n\n", "c.yaml").expect("empty is fine");
        assert_eq!(c.lang, Lang::Fr);
        assert_eq!(c.platforms, vec![Platform::X]);
        assert_eq!(c.help_base_url, DEFAULT_HELP_BASE_URL);
        assert_eq!(c.origin("lang"), Origin::Default);
    }

    #[test]
    fn unknown_key_is_located_and_lists_the_keys() {
        let e = Config::from_yaml_str("lang: fr\nacount:\n  name: x\n", "c.yaml").unwrap_err();
        assert_eq!((e.line, e.column), (Some(2), Some(1)), "{e}");
        assert!(e.problem.fr.contains("acount"), "{e}");
        let expected = e.expected.clone().expect("expected form");
        assert!(expected.en.contains("account"), "{expected:?}");
        let rendered = e.to_string();
        assert!(
            rendered.starts_with("c.yaml:2:1: clé inconnue"),
            "{rendered}"
        );
    }

    #[test]
    fn wrong_type_is_located() {
        let e = Config::from_yaml_str("account:\n  hashtags: \"#VilleExemple\"\n", "c.yaml")
            .unwrap_err();
        assert_eq!(e.line, Some(2), "{e}");
        assert!(
            e.render(Lang::En).contains("wrong type"),
            "{}",
            e.render(Lang::En)
        );
    }

    #[test]
    fn bad_yaml_is_located() {
        let e = Config::from_yaml_str("lang: fr\naccount: [unclosed\n", "c.yaml").unwrap_err();
        assert!(e.line.is_some(), "{e}");
    }

    #[test]
    fn bad_severity_names_the_allowed_values() {
        let e = Config::from_yaml_str("rules:\n  hashtag.too-many: loud\n", "c.yaml").unwrap_err();
        assert_eq!(e.line, Some(2), "{e}");
        assert!(e.expected.expect("form").en.contains("warning"));
    }

    #[test]
    fn bad_values_are_rejected_with_their_position() {
        for (yaml, line) in [
            ("account:\n  website: \"pas un site\"\n", 2),
            ("account:\n  handle: \"@Ville Exemple\"\n", 2),
            ("account:\n  hashtags: [\"#Ville-Exemple\"]\n", 2),
            ("elections:\n  - {name: x, date: 2026-13-01}\n", 2),
            (
                "elections:\n  - {name: x, date: 2026-12-13, second_round: 2026-12-06}\n",
                2,
            ),
            ("platforms: [myspace]\n", 1),
            ("help_base_url: guide\n", 1),
        ] {
            let e = Config::from_yaml_str(yaml, "c.yaml").expect_err(yaml);
            assert_eq!(e.line, Some(line), "{yaml}: {e}");
            assert!(e.column.is_some(), "{yaml}: {e}");
        }
    }

    #[test]
    fn unknown_rule_id_points_at_its_line_and_suggests() {
        let c =
            Config::from_yaml_str("rules:\n  hashtag.too-mny: off\n", "c.yaml").expect("parses");
        let e = c
            .check_rule_ids(["hashtag.too-many", "links.too-many"].into_iter())
            .unwrap_err();
        assert_eq!(e.line, Some(2));
        assert!(e.expected.expect("form").fr.contains("hashtag.too-many"));
    }
}
