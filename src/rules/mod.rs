//! Rules as data: the packs of `rules/*.yaml`, compiled into the binary, and
//! the local packs a team adds with `rules_dir:`.
//!
//! A pack is read into [`Rule`]s and checked as a whole: ids well formed and
//! unique, id prefix equal to the category, a known check kind whose
//! parameters make sense, messages that only use the placeholders the check
//! fills. Every error names the file, line and column. The format is
//! documented in `docs/rules.md`.

mod builtin;
mod example;
pub mod kinds;

pub use builtin::{BUILTIN_PACKS, builtin_sources};
pub use example::{Example, ExampleConfig, ExampleElection, example_config};
pub use kinds::KindInfo;

use crate::config::ConfigError;
use crate::diagnostic::Severity;
use crate::locale::{Lang, Localized};
use serde::{Deserialize, Serialize};
use serde_saphyr::Spanned;
use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

/// What a rule looks at.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum AppliesTo {
    /// A post (draft or published): `check`, `archive`.
    #[default]
    Post,
    /// An account profile: `profile`.
    Profile,
    /// The collectivité's website: `site`.
    Site,
    /// A whole account history: `archive`.
    Archive,
}

impl AppliesTo {
    pub fn as_str(self) -> &'static str {
        match self {
            AppliesTo::Post => "post",
            AppliesTo::Profile => "profile",
            AppliesTo::Site => "site",
            AppliesTo::Archive => "archive",
        }
    }
}

/// The check that runs a rule: its kind and the kind's parameters, as
/// written under `check:` (every key but `kind`).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CheckSpec {
    pub kind: String,
    pub params: serde_json::Map<String, serde_json::Value>,
}

/// The examples of a rule, run by `tests/rule_examples.rs`.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Examples {
    /// Each must raise the rule.
    pub trigger: Vec<Example>,
    /// None may raise the rule.
    pub pass: Vec<Example>,
}

/// Where a rule was written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RuleOrigin {
    /// File name (`rules/hashtag.yaml` for built-in packs).
    pub file: String,
    /// Line of the rule's `id:`.
    pub line: u64,
    /// Shipped with the tool (as opposed to a local pack).
    pub builtin: bool,
}

/// One rule of a pack.
#[derive(Clone, Debug)]
pub struct Rule {
    /// `category.name`, stable: part of the public interface.
    pub id: String,
    pub category: String,
    /// Default severity (a configuration may change it or turn the rule off).
    pub severity: Severity,
    pub applies_to: AppliesTo,
    pub check: CheckSpec,
    /// Short name for lists (`twitterritorial rules`, the handbook's rule
    /// reference); the id when the pack gives none.
    pub title: Option<Localized>,
    /// One-line message; `{placeholders}` are filled by the check.
    pub message: Localized,
    /// Variant messages a check picks for a special case (`face`, `repeated`…).
    pub messages: BTreeMap<String, Localized>,
    /// Why it matters and what to do.
    pub description: Localized,
    pub examples: Examples,
    /// Name of the pack (its file stem).
    pub pack: String,
    pub origin: RuleOrigin,
    /// The pack's free-form `data:`, shared by its rules.
    pub data: Arc<serde_json::Value>,
}

impl Rule {
    /// The message template of a variant (`None`: the main message).
    pub fn message_for(&self, variant: Option<&str>) -> &Localized {
        variant
            .and_then(|v| self.messages.get(v))
            .unwrap_or(&self.message)
    }

    /// The rule's short name in a language (its id when it has none).
    pub fn title(&self, lang: Lang) -> &str {
        self.title
            .as_ref()
            .map_or(self.id.as_str(), |t| t.get(lang))
    }

    /// The handbook link of this rule.
    pub fn help_url(&self, lang: Lang, base: &str) -> String {
        help_url(&self.id, lang, base)
    }
}

/// The handbook link of a rule: `{base}/{lang}/regles.html#{anchor}`, the
/// anchor being the id with `.` replaced by `-` (`hashtag-too-many`).
pub fn help_url(rule_id: &str, lang: Lang, base: &str) -> String {
    format!(
        "{}/{}/regles.html#{}",
        base.trim_end_matches('/'),
        lang.code(),
        rule_id.replace('.', "-")
    )
}

/// The text of one pack and where it comes from.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PackSource {
    /// Expected pack name: the file stem.
    pub name: String,
    /// File name for messages.
    pub file: String,
    pub text: String,
    pub builtin: bool,
    /// The same pack read at build time (built-in packs only, see
    /// `build.rs`): read instead of `text`, much faster.
    pub compiled: Option<&'static str>,
}

/// Every rule of a run, in pack order.
#[derive(Clone, Debug, Default)]
pub struct RuleSet {
    rules: Vec<Rule>,
}

impl RuleSet {
    /// The packs shipped in the binary.
    pub fn builtin() -> Result<RuleSet, ConfigError> {
        RuleSet::from_sources(&builtin_sources())
    }

    /// The built-in packs plus local ones (from `rules_dir:`).
    pub fn with_local_packs(local: &[PackSource]) -> Result<RuleSet, ConfigError> {
        let mut all = builtin_sources();
        all.extend(local.iter().cloned());
        RuleSet::from_sources(&all)
    }

    /// Exactly these packs, validated together (ids unique across them).
    pub fn from_sources(packs: &[PackSource]) -> Result<RuleSet, ConfigError> {
        let mut rules: Vec<Rule> = Vec::new();
        let mut seen: HashMap<String, (String, u64)> = HashMap::new();
        for pack in packs {
            for (rule, id_at) in parse_pack(pack)? {
                if let Some((file, line)) = seen.get(&rule.id) {
                    return Err(located(
                        &pack.file,
                        id_at,
                        format!("la règle `{}` existe déjà ({file}, ligne {line})", rule.id),
                        format!("rule `{}` already exists ({file}, line {line})", rule.id),
                        "un identifiant qui n’est pas encore pris",
                        "an id not taken yet",
                    ));
                }
                seen.insert(rule.id.clone(), (pack.file.clone(), rule.origin.line));
                rules.push(rule);
            }
        }
        Ok(RuleSet { rules })
    }

    pub fn rules(&self) -> &[Rule] {
        &self.rules
    }

    pub fn get(&self, id: &str) -> Option<&Rule> {
        self.rules.iter().find(|r| r.id == id)
    }

    pub fn ids(&self) -> impl Iterator<Item = &str> + Clone {
        self.rules.iter().map(|r| r.id.as_str())
    }

    /// The id closest to a mistyped one, for "did you mean".
    pub fn closest_id(&self, id: &str) -> Option<&str> {
        self.ids()
            .map(|k| (strsim::damerau_levenshtein(k, id), k))
            .min()
            .filter(|(d, _)| *d <= 4)
            .map(|(_, k)| k)
    }
}

// ---------------------------------------------------------------------------
// Reading one pack

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PackFile {
    pack: Spanned<String>,
    rules: Vec<RuleFile>,
    #[serde(default)]
    data: serde_json::Value,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RuleFile {
    id: Spanned<String>,
    category: Spanned<String>,
    severity: Severity,
    applies_to: Option<Spanned<AppliesTo>>,
    check: Spanned<CheckFile>,
    title: Option<Localized>,
    message: Spanned<Localized>,
    #[serde(default)]
    messages: BTreeMap<String, Spanned<Localized>>,
    description: Localized,
    #[serde(default)]
    examples: ExamplesFile,
}

#[derive(Deserialize)]
struct CheckFile {
    kind: String,
    #[serde(flatten)]
    params: serde_json::Map<String, serde_json::Value>,
}

/// A built-in pack as `build.rs` wrote it: the pack, and the lines of each
/// rule's id and examples (JSON has no positions).
#[derive(Deserialize)]
struct CompiledPack {
    pack: PackFile,
    lines: Vec<CompiledLines>,
}

#[derive(Deserialize)]
struct CompiledLines {
    id: u64,
    trigger: Vec<u64>,
    pass: Vec<u64>,
}

#[derive(Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct ExamplesFile {
    #[serde(default)]
    trigger: Vec<Spanned<Example>>,
    #[serde(default)]
    pass: Vec<Spanned<Example>>,
}

type At = (u64, u64);

fn at<T>(s: &Spanned<T>) -> At {
    (s.referenced.line(), s.referenced.column())
}

fn located(file: &str, at: At, fr: String, en: String, efr: &str, een: &str) -> ConfigError {
    ConfigError {
        file: file.to_string(),
        line: (at.0 > 0).then_some(at.0),
        column: (at.0 > 0).then_some(at.1),
        problem: Localized { fr, en },
        expected: Some(Box::new(Localized {
            fr: efr.to_string(),
            en: een.to_string(),
        })),
    }
}

#[cfg(not(target_arch = "wasm32"))]
const PACK_FORM: (&str, &str) = (
    "un pack de règles\u{a0}: pack: NOM / rules: [{id, category, severity, check: {kind, …}, message: {fr, en}, description: {fr, en}, examples}] (voir docs/rules.md)",
    "a rule pack: pack: NAME / rules: [{id, category, severity, check: {kind, …}, message: {fr, en}, description: {fr, en}, examples}] (see docs/rules.md)",
);

/// Reads and validates one pack; returns its rules with the position of
/// each id (for duplicate errors across packs).
fn parse_pack(src: &PackSource) -> Result<Vec<(Rule, At)>, ConfigError> {
    // The build-time reading when there is one; the YAML otherwise, and
    // also if the JSON does not fit, so that an error names its line.
    let compiled = src
        .compiled
        .and_then(|json| serde_json::from_str::<CompiledPack>(json).ok())
        .filter(|c| c.lines.len() == c.pack.rules.len());
    let (file, lines) = match compiled {
        Some(c) => (c.pack, Some(c.lines)),
        None => (read_yaml_pack(src)?, None),
    };
    if file.pack.value != src.name {
        return Err(located(
            &src.file,
            at(&file.pack),
            format!(
                "le pack s’appelle `{}` mais le fichier `{}`",
                file.pack.value, src.name
            ),
            format!(
                "the pack is named `{}` but the file `{}`",
                file.pack.value, src.name
            ),
            &format!("pack: {}", src.name),
            &format!("pack: {}", src.name),
        ));
    }
    let data = Arc::new(file.data);
    let mut rules = Vec::with_capacity(file.rules.len());
    let mut ids_here: HashMap<String, u64> = HashMap::new();
    for (index, r) in file.rules.into_iter().enumerate() {
        let rule_lines = lines.as_ref().map(|l| &l[index]);
        let id = r.id.value.trim().to_string();
        let id_at = rule_lines.map_or_else(|| at(&r.id), |l| (l.id, 0));
        let Some((prefix, name)) = id.split_once('.') else {
            return Err(located(
                &src.file,
                id_at,
                format!("identifiant `{id}` sans catégorie"),
                format!("id `{id}` has no category"),
                "catégorie.nom en minuscules\u{a0}: hashtag.too-many",
                "category.name in lower case: hashtag.too-many",
            ));
        };
        let well_formed = |s: &str| {
            !s.is_empty()
                && s.bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        };
        if !well_formed(prefix) || !well_formed(name) {
            return Err(located(
                &src.file,
                id_at,
                format!("identifiant `{id}` mal formé"),
                format!("malformed id `{id}`"),
                "catégorie.nom en minuscules, chiffres et tirets\u{a0}: local.mots-a-eviter",
                "category.name in lower case, digits and hyphens: local.words-to-avoid",
            ));
        }
        if prefix != r.category.value {
            return Err(located(
                &src.file,
                at(&r.category),
                format!(
                    "la catégorie `{}` ne correspond pas au début de l’identifiant `{id}`",
                    r.category.value
                ),
                format!(
                    "category `{}` does not match the start of id `{id}`",
                    r.category.value
                ),
                &format!("category: {prefix}"),
                &format!("category: {prefix}"),
            ));
        }
        if let Some(line) = ids_here.get(&id) {
            return Err(located(
                &src.file,
                id_at,
                format!("la règle `{id}` est déjà définie ligne {line}"),
                format!("rule `{id}` is already defined on line {line}"),
                "un identifiant par règle",
                "one id per rule",
            ));
        }
        ids_here.insert(id.clone(), id_at.0);

        let check_at = at(&r.check);
        let CheckFile { kind, params } = r.check.value;
        let Some(info) = kinds::find(&kind) else {
            let names: Vec<&str> = kinds::all().map(|k| k.name).collect();
            return Err(located(
                &src.file,
                check_at,
                format!("type de vérification inconnu `{kind}`"),
                format!("unknown check kind `{kind}`"),
                &format!("kind: une de {}", names.join(", ")),
                &format!("kind: one of {}", names.join(", ")),
            ));
        };
        let applies_to = r.applies_to.as_ref().map_or(AppliesTo::Post, |a| a.value);
        if applies_to != info.applies_to {
            return Err(located(
                &src.file,
                r.applies_to.as_ref().map_or(check_at, at),
                format!(
                    "la vérification `{kind}` s’applique à `{}`, pas à `{}`",
                    info.applies_to.as_str(),
                    applies_to.as_str()
                ),
                format!(
                    "check `{kind}` applies to `{}`, not `{}`",
                    info.applies_to.as_str(),
                    applies_to.as_str()
                ),
                &format!("applies_to: {}", info.applies_to.as_str()),
                &format!("applies_to: {}", info.applies_to.as_str()),
            ));
        }
        let spec = CheckSpec { kind, params };
        // A kind's validation compiles its patterns and word lists only to
        // name the line of a mistake, about half of the start-up time. The
        // build-time reading is of the built-in packs, which the tests
        // validate from their YAML (`the_build_time_reading_equals_the_yaml`).
        if let Some(validate) = info.validate.filter(|_| rule_lines.is_none())
            && let Err(e) = validate(&spec, &data)
        {
            return Err(located(
                &src.file,
                check_at,
                format!("paramètres invalides pour `{}`\u{a0}: {e}", spec.kind),
                format!("invalid parameters for `{}`: {e}", spec.kind),
                "les paramètres décrits pour ce type dans docs/rules.md",
                "the parameters described for this kind in docs/rules.md",
            ));
        }
        check_placeholders(&src.file, &r.message, info)?;
        let mut messages = BTreeMap::new();
        for (variant, msg) in r.messages {
            if !info.variants.contains(&variant.as_str()) {
                let list = if info.variants.is_empty() {
                    "(aucune)".to_string()
                } else {
                    info.variants.join(", ")
                };
                return Err(located(
                    &src.file,
                    at(&msg),
                    format!(
                        "variante de message inconnue `{variant}` pour `{}`",
                        spec.kind
                    ),
                    format!("unknown message variant `{variant}` for `{}`", spec.kind),
                    &format!("une de\u{a0}: {list}"),
                    &format!("one of: {}", info.variants.join(", ")),
                ));
            }
            check_placeholders(&src.file, &msg, info)?;
            messages.insert(variant, msg.value);
        }
        let mut examples = Examples::default();
        for (list, out, known) in [
            (
                r.examples.trigger,
                &mut examples.trigger,
                rule_lines.map(|l| &l.trigger),
            ),
            (
                r.examples.pass,
                &mut examples.pass,
                rule_lines.map(|l| &l.pass),
            ),
        ] {
            for (n, ex) in list.into_iter().enumerate() {
                let ex_at = known
                    .and_then(|lines| lines.get(n))
                    .map_or_else(|| at(&ex), |&line| (line, 0));
                let mut ex = ex.value;
                ex.line = ex_at.0;
                // Configuration overrides are checked now, so a bad date in
                // an example is an error of the pack, not of the test.
                ex.validate().map_err(|(fr, en)| {
                    located(
                        &src.file,
                        ex_at,
                        fr,
                        en,
                        "voir docs/rules.md, «\u{a0}Exemples\u{a0}»",
                        "see docs/rules.md, “Examples”",
                    )
                })?;
                out.push(ex);
            }
        }
        let origin = RuleOrigin {
            file: src.file.clone(),
            line: id_at.0,
            builtin: src.builtin,
        };
        rules.push((
            Rule {
                id,
                category: r.category.value,
                severity: r.severity,
                applies_to,
                check: spec,
                title: r.title,
                message: r.message.value,
                messages,
                description: r.description,
                examples,
                pack: src.name.clone(),
                origin,
                data: Arc::clone(&data),
            },
            id_at,
        ));
    }
    Ok(rules)
}

/// Reads a pack's YAML (local packs, and built-in ones in the tests).
#[cfg(not(target_arch = "wasm32"))]
fn read_yaml_pack(src: &PackSource) -> Result<PackFile, ConfigError> {
    let text = src.text.strip_prefix('\u{feff}').unwrap_or(&src.text);
    if crate::config::yaml_is_empty(text) {
        return Err(ConfigError::file(
            &src.file,
            "pack de règles vide\u{a0}: il faut au moins `pack:` et `rules:`".into(),
            "empty rule pack: it needs at least `pack:` and `rules:`".into(),
        ));
    }
    serde_saphyr::from_str_with_options(text, crate::config::yaml_options())
        .map_err(|e| ConfigError::from_yaml(&src.file, &e, PACK_FORM))
}

/// The browser's module reads only the build-time JSON of the built-in
/// packs, and carries no YAML reader.
#[cfg(target_arch = "wasm32")]
fn read_yaml_pack(src: &PackSource) -> Result<PackFile, ConfigError> {
    Err(ConfigError::file(
        &src.file,
        "ce pack n’a pas été lu à la compilation".into(),
        "this pack was not read at build time".into(),
    ))
}

/// A `{placeholder}` the check does not fill would be printed as is: catch
/// the typo when the pack is read.
fn check_placeholders(
    file: &str,
    msg: &Spanned<Localized>,
    info: &KindInfo,
) -> Result<(), ConfigError> {
    for text in [&msg.value.fr, &msg.value.en] {
        let mut rest = text.as_str();
        while let Some(open) = rest.find('{') {
            let after = &rest[open + 1..];
            let Some(close) = after.find('}') else { break };
            let key = &after[..close];
            if !info.placeholders.contains(&key) {
                let list = info
                    .placeholders
                    .iter()
                    .map(|p| format!("{{{p}}}"))
                    .collect::<Vec<_>>()
                    .join(", ");
                return Err(located(
                    file,
                    at(msg),
                    format!(
                        "le message utilise `{{{key}}}`, que `{}` ne remplit pas",
                        info.name
                    ),
                    format!(
                        "the message uses `{{{key}}}`, which `{}` does not fill",
                        info.name
                    ),
                    &format!("un de\u{a0}: {list}"),
                    &format!("one of: {list}"),
                ));
            }
            rest = &after[close + 1..];
        }
    }
    Ok(())
}

// ---------------------------------------------------------------------------
// Local packs (command line only)

#[cfg(feature = "cli")]
pub use files::{load_for, read_pack_dir};

#[cfg(feature = "cli")]
mod files {
    use super::{PackSource, RuleSet};
    use crate::config::{Config, ConfigError, read_text};
    use std::path::{Path, PathBuf};

    /// Reads every `*.yaml` / `*.yml` pack of a folder, in name order.
    pub fn read_pack_dir(dir: &Path) -> Result<Vec<PackSource>, ConfigError> {
        let name = dir.display().to_string();
        let entries = std::fs::read_dir(dir).map_err(|e| {
            ConfigError::file(
                &name,
                format!(
                    "impossible de lire le dossier de règles (`rules_dir`)\u{a0}: {}",
                    crate::config::io_reason_fr(&e)
                ),
                format!("cannot read the rules folder (`rules_dir`): {e}"),
            )
        })?;
        let mut paths: Vec<PathBuf> = entries
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| {
                p.is_file()
                    && matches!(p.extension().and_then(|e| e.to_str()), Some("yaml" | "yml"))
            })
            .collect();
        paths.sort();
        let mut packs = Vec::with_capacity(paths.len());
        for path in paths {
            let text = read_text(&path)?;
            let stem = path
                .file_stem()
                .and_then(|s| s.to_str())
                .unwrap_or_default()
                .to_string();
            packs.push(PackSource {
                name: stem,
                file: path.display().to_string(),
                text,
                builtin: false,
                compiled: None,
            });
        }
        Ok(packs)
    }

    /// The rules of a run: built-in packs, plus the local packs of
    /// `rules_dir:` (relative to the configuration file's folder).
    pub fn load_for(config: &Config, config_path: Option<&Path>) -> Result<RuleSet, ConfigError> {
        let local = match &config.rules_dir {
            None => Vec::new(),
            Some(dir) => {
                let base = config_path
                    .and_then(Path::parent)
                    .unwrap_or_else(|| Path::new("."));
                read_pack_dir(&base.join(dir))?
            }
        };
        let set = RuleSet::with_local_packs(&local)?;
        config.check_rule_ids(set.ids())?;
        Ok(set)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pack(name: &str, text: &str) -> PackSource {
        PackSource {
            name: name.into(),
            file: format!("{name}.yaml"),
            text: text.into(),
            builtin: false,
            compiled: None,
        }
    }

    const LOCAL: &str = r#"pack: local
rules:
  - id: local.jargon
    category: local
    severity: warning
    check:
      kind: words
      words: ["suite à"]
    message: {fr: "« {word} » : écrivez plus simple.", en: "“{word}”: write it plainer."}
    description: {fr: "Mots à éviter.", en: "Words to avoid."}
    examples:
      trigger: ["Suite à la réunion, la route est fermée."]
      pass: ["Après la réunion, la route est fermée."]
"#;

    #[test]
    fn the_build_time_reading_equals_the_yaml() {
        for compiled in builtin_sources() {
            assert!(
                compiled.compiled.is_some(),
                "build.rs could not read {}",
                compiled.file
            );
            // The fast path is taken: the JSON reads as a pack.
            let json = compiled.compiled.unwrap_or_default();
            if let Err(e) = serde_json::from_str::<CompiledPack>(json) {
                panic!("{}: {e}", compiled.file);
            }
            let yaml = PackSource {
                compiled: None,
                ..compiled.clone()
            };
            let from_json = RuleSet::from_sources(&[compiled]).expect("valid");
            let from_yaml = RuleSet::from_sources(&[yaml]).expect("valid");
            assert_eq!(from_json.rules().len(), from_yaml.rules().len());
            for (a, b) in from_json.rules().iter().zip(from_yaml.rules()) {
                // Debug covers every field: parameters, messages, examples
                // with their lines, the pack's data, the origin.
                assert_eq!(format!("{a:?}"), format!("{b:?}"), "{}", a.id);
            }
        }
    }

    #[test]
    fn builtin_packs_load() {
        let set = RuleSet::builtin().expect("built-in packs are valid");
        for id in [
            "length.limit",
            "hashtag.too-many",
            "hashtag.official-spelling",
            "hashtag.broken",
            "hashtag.camel-case",
            "hashtag.digits-only",
            "promotion.missing-link",
            "links.too-many",
            "links.shortener",
            "accessibility.alt-text",
            "accessibility.emoji",
            "accessibility.styled-letters",
            "accessibility.all-caps",
        ] {
            assert!(set.get(id).is_some(), "missing {id}");
        }
    }

    #[test]
    fn local_pack_loads_beside_builtin() {
        let set = RuleSet::with_local_packs(&[pack("local", LOCAL)]).expect("valid");
        let rule = set.get("local.jargon").expect("loaded");
        assert_eq!(rule.severity, Severity::Warning);
        assert_eq!(rule.origin.line, 3);
        assert_eq!(rule.examples.trigger.len(), 1);
    }

    #[test]
    fn pack_errors_are_located() {
        let cases: &[(&str, u64, &str)] = &[
            (&LOCAL.replace("pack: local", "pack: autre"), 1, "autre"),
            (
                &LOCAL.replace("category: local", "category: other"),
                4,
                "other",
            ),
            (&LOCAL.replace("kind: words", "kind: wordz"), 7, "wordz"),
            (&LOCAL.replace("{word}", "{mot}"), 9, "{mot}"),
            (
                &LOCAL.replace("id: local.jargon", "id: Local.Jargon"),
                3,
                "Local.Jargon",
            ),
            (
                &LOCAL.replace("words: [\"suite à\"]", "wordz: [\"suite à\"]"),
                7,
                "wordz",
            ),
            (
                &LOCAL.replace("severity: warning", "severity: loud"),
                5,
                "loud",
            ),
        ];
        for (text, line, needle) in cases {
            let e = RuleSet::from_sources(&[pack("local", text)]).expect_err(needle);
            assert_eq!(e.line, Some(*line), "{needle}: {e}");
            assert!(
                e.render(Lang::En).contains(needle),
                "{needle}: {}",
                e.render(Lang::En)
            );
        }
    }

    #[test]
    fn duplicate_ids_across_packs_are_refused() {
        let other = LOCAL.replace("pack: local", "pack: other");
        let e = RuleSet::from_sources(&[pack("local", LOCAL), pack("other", &other)]).unwrap_err();
        assert_eq!(e.file, "other.yaml");
        assert!(e.problem.en.contains("local.yaml"), "{e}");
    }

    #[test]
    fn help_url_follows_the_anchor_convention() {
        assert_eq!(
            help_url(
                "hashtag.too-many",
                Lang::Fr,
                "https://twitterritorial.github.io/twitterritorial/"
            ),
            "https://twitterritorial.github.io/twitterritorial/fr/regles.html#hashtag-too-many"
        );
        assert_eq!(
            help_url("links.shortener", Lang::En, "https://x.org"),
            "https://x.org/en/regles.html#links-shortener"
        );
    }
}
